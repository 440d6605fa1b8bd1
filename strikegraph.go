// Package strikegraph holds the domain of Strikegraph: incidents, places, actors,
// the claims made about incidents and the articles that carry them. Implementations
// live in packages named after what they depend on: cypher (Neo4j), graph and
// resolvers (GraphQL), loaders (per-request batching), launcher (a local Neo4j).
package strikegraph
