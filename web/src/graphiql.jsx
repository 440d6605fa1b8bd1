// GraphiQL against this service's /graphql, bundled so that it needs no CDN.
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';

// Relative, so that the IDE works wherever the service is mounted.
const url = new URL('../graphql', location.href).href;

async function fetcher(params) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(params),
  });
  return res.json();
}

const defaultQuery = `# Strikegraph: airstrike incidents and every claim made about them.
# Press the run button (or Ctrl-Enter). The Docs panel lists every query.
{
  search(name: "Haijin", first: 3) {
    matched
    entity { id name }
  }
  incident(id: "incident:2018-11-17-abu-al-hassan") {
    name
    date { value precision text }
    claims { stance speaker { name } quote }
  }
}
`;

createRoot(document.getElementById('graphiql')).render(
  <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} />,
);
