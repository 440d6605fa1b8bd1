"""Reads an export with networkx, as Python analysts would, and prints what
it holds as JSON: node and edge counts, and each node's and edge's attributes
by id. Usage: python3 read_graph.py graphml|gexf FILE"""
import json
import sys

import networkx

fmt, path = sys.argv[1], sys.argv[2]
g = networkx.read_graphml(path) if fmt == "graphml" else networkx.read_gexf(path)
edges = {}
if g.is_multigraph():
    items = g.edges(keys=True, data=True)
else:
    items = ((source, target, None, data) for source, target, data in g.edges(data=True))
for source, target, key, data in items:
    edges[data.get("id", key)] = dict(data, source=source, target=target)
print(json.dumps({
    "nodes": g.number_of_nodes(),
    "edges": g.number_of_edges(),
    "directed": g.is_directed(),
    "graph": g.graph,
    "nodeAttrs": {n: data for n, data in g.nodes(data=True)},
    "edgeAttrs": edges,
}, default=str))
