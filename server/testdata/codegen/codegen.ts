// graphql-codegen's client preset against Strikegraph's schema: the
// operations are the graphql() calls in main.ts. The schema needs no
// setting; these two are for the TypeScript project: its ES modules run in
// Node (module nodenext), whose imports name their files, and its tsconfig
// (tsc --init's) sets verbatimModuleSyntax, which wants types imported as
// types. A bundled app without verbatimModuleSyntax needs neither.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../../schema.graphqls",
  documents: ["main.ts"],
  importExtension: ".js",
  generates: {
    "gql/": { preset: "client", config: { useTypeImports: true } },
  },
};

export default config;
