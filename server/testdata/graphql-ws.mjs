// Subscribes to claimRecorded with graphql-ws over ws, as a Node service
// would, and prints one JSON line once connected and one for each event,
// until it has printed as many events as asked. The key in STRIKEGRAPH_KEY,
// when set, goes as a bearer token in the upgrade request's headers.
// Usage: node graphql-ws.mjs GRAPHQL_URL WHERE_JSON EVENTS
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const [url, where, events] = process.argv.slice(2);
const key = process.env.STRIKEGRAPH_KEY;
const client = createClient({
  url: url.replace(/^http/, "ws"),
  webSocketImpl: key
    ? class extends WebSocket {
        constructor(address, protocols) {
          super(address, protocols, { headers: { Authorization: `Bearer ${key}` } });
        }
      }
    : WebSocket,
  on: { connected: () => console.log(JSON.stringify({ connected: true })) },
});

const query = `subscription($where: ClaimWhere) {
  claimRecorded(where: $where) {
    id stance quote
    speaker { id name } incident { id name }
    figures { killed { min max text } }
  }
}`;
let n = 0;
for await (const result of client.iterate({ query, variables: { where: JSON.parse(where) } })) {
  console.log(JSON.stringify(result));
  if (++n === Number(events)) {
    break;
  }
}
await client.dispose();
