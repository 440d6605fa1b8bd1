// Queries the service with Apollo Client, as a browser app would, and prints
// as JSON what it got and what it sent: three queries through BatchHttpLink,
// and one query twice through createPersistedQueryLink, with the body of
// every request it made. Usage: node apollo.mjs batch|persisted GRAPHQL_URL
import { createHash } from "node:crypto";
import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { BatchHttpLink } from "@apollo/client/link/batch-http";
import { createPersistedQueryLink } from "@apollo/client/link/persisted-queries";

const [mode, uri] = process.argv.slice(2);
const sent = [];
// recording is fetch, keeping each request's body.
const recording = (input, init) => {
  sent.push(JSON.parse(init.body));
  return fetch(input, init);
};
const client = (link) => new ApolloClient({ link, cache: new InMemoryCache() });

const incident = gql`
  query Incident($id: ID!) {
    incident(id: $id) { id name }
  }
`;
const id = "incident:2018-11-17-abu-al-hassan";
let out;
if (mode === "batch") {
  // The link gathers what is asked within batchInterval into one POST.
  const c = client(new BatchHttpLink({ uri, fetch: recording, batchInterval: 50 }));
  const results = await Promise.all([
    c.query({ query: incident, variables: { id } }),
    c.query({ query: gql`query Server { serverInfo { database } }` }),
    c.query({ query: gql`query Missing { incident(id: "incident:none") { id } }` }),
  ]);
  out = { data: results.map((r) => r.data), sent };
} else if (mode === "persisted") {
  const sha256 = (q) => createHash("sha256").update(q).digest("hex");
  const c = client(createPersistedQueryLink({ sha256 }).concat(new HttpLink({ uri, fetch: recording })));
  const data = [];
  for (let i = 0; i < 2; i++) {
    const r = await c.query({ query: incident, variables: { id }, fetchPolicy: "network-only" });
    data.push(r.data);
  }
  out = { data, sent };
} else {
  throw new Error(`unknown mode ${mode}`);
}
console.log(JSON.stringify(out));
