// Reads an export with Cytoscape.js or graphology, as a browser app would,
// and prints what it holds as JSON: node and edge counts, and each node's and
// edge's data by id. Usage: node read_json.mjs cytoscape|graphology FILE
import { readFileSync } from "node:fs";
import cytoscape from "cytoscape";
import Graph from "graphology";

const [format, file] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(file, "utf8"));
let out;
if (format === "cytoscape") {
  const cy = cytoscape({ headless: true, elements: doc.elements });
  out = {
    nodes: cy.nodes().length,
    edges: cy.edges().length,
    nodeAttrs: Object.fromEntries(cy.nodes().map((n) => [n.id(), n.data()])),
    edgeAttrs: Object.fromEntries(cy.edges().map((e) => [e.id(), e.data()])),
  };
} else if (format === "graphology") {
  const g = Graph.from(doc);
  out = {
    nodes: g.order,
    edges: g.size,
    nodeAttrs: Object.fromEntries(g.mapNodes((n, a) => [n, a])),
    edgeAttrs: Object.fromEntries(g.mapEdges((e, a, source, target) => [e, { ...a, source, target }])),
  };
} else {
  throw new Error(`unknown format ${format}`);
}
console.log(JSON.stringify(out));
