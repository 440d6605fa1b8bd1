// Bundles the explorer and GraphiQL into dist/, one folder per page as
// served (dist/explorer/, dist/graphiql/), with a gzip copy of every file so
// that the server can send it compressed without compressing on each request.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const pages = {
  explorer: 'src/explorer.js',
  graphiql: 'src/graphiql.jsx',
};

for (const [page, entry] of Object.entries(pages)) {
  const out = join('dist', page);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: { [page]: entry },
    outdir: out,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  copyFileSync(`src/${page}.html`, join(out, 'index.html'));
  for (const name of readdirSync(out)) {
    const file = join(out, name);
    writeFileSync(file + '.gz', gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION }));
  }
}
