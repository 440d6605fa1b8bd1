// Asks Strikegraph, at the URL given, what an investigator would, through
// the types graphql-codegen's client preset generated from the schema and
// the graphql() calls below (codegen.ts), and prints the answers as JSON
// for server/clients_test.go to check against the API. Writes with the key
// in STRIKEGRAPH_KEY. Usage: node out/main.js GRAPHQL_URL
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { graphql } from "./gql/index.js";

const [url] = process.argv.slice(2);
if (url === undefined) {
  throw new Error("usage: node out/main.js GRAPHQL_URL");
}

// execute sends a generated document: its variables and its answer are
// typed by the document.
async function execute<Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables: Variables): Promise<Result> {
  const key = process.env["STRIKEGRAPH_KEY"];
  const response = await fetch(url!, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(key ? { Authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: Result; errors?: { message: string }[] };
  if (body.errors?.length || body.data === undefined) {
    throw new Error(`${response.status}: ${JSON.stringify(body.errors)}`);
  }
  return body.data;
}

const incidentToll = graphql(`
  query IncidentToll($id: ID!) {
    incident(id: $id) {
      name
      toll { lowest highest }
      claims(stance: REPORTED) { id figures { killed { min max text } } }
    }
  }
`);

const incidents = graphql(`
  query Incidents($where: IncidentWhere) {
    incidents(where: $where, sort: [{ date: ASC }]) { id }
  }
`);

const neighbourhood = graphql(`
  query Neighbourhood($ids: [ID!]!) {
    neighbourhood(ids: $ids) { nodes { id type properties } }
  }
`);

const createArticle = graphql(`
  mutation CreateArticle($input: ArticleInput!) {
    createArticle(input: $input) { outcome article { id } }
  }
`);

const recordReport = graphql(`
  mutation RecordReport($input: ReportInput!) {
    recordReport(input: $input) { outcome claim { id figures { killed { min max text } } } }
  }
`);

const id = "incident:2018-11-17-abu-al-hassan";
const coalition = "group:us-led-coalition";

const incident = (await execute(incidentToll, { id })).incident;
// A figure with no upper bound: max must be typed as possibly null, or a
// client could not tell "at least 43" from "43".
const unbounded = incident?.claims.filter((c) => c.figures.killed != null && c.figures.killed.max == null) ?? [];
const maxMayBeNull: null extends NonNullable<(typeof unbounded)[number]["figures"]["killed"]>["max"] ? true : never = true;

// The recursive where input: NOT and AND of other where inputs.
const all = await execute(incidents, { where: { perpetrator: coalition } });
const none = await execute(incidents, { where: { perpetrator: coalition, NOT: { perpetrator: coalition } } });
const before = await execute(incidents, { where: { AND: [{ perpetrator: coalition }, { NOT: { date_GTE: "2018" } }] } });

// The JSON scalar.
const network = (await execute(neighbourhood, { ids: [id] })).neighbourhood;
const properties = network.nodes.find((n) => n.id === id)?.properties;
// Typed unknown, so read only once narrowed; `any` (1 & any is any) would
// let a typo through.
const jsonNotAny: 0 extends 1 & typeof properties ? never : true = true;

// A mutation with an input object, and a figure sent with no max, about
// another incident, so that the answers above stay what they were.
const text = "The monitor said at least 7 people were killed in the strikes.";
const article = (
  await execute(createArticle, {
    input: { title: "Codegen's report", text, published: { value: "2018-11-18", precision: "DAY" } },
  })
).createArticle.article;
const report = (
  await execute(recordReport, {
    input: {
      speaker: "monitor:sohr",
      incident: "incident:000-al-shadadi-bakery",
      article: article.id,
      quote: text,
      statedOn: { value: "2018-11-18", precision: "DAY" },
      figures: { killed: { min: 7, text: "at least 7 people" } },
    },
  })
).recordReport;

console.log(
  JSON.stringify({
    incident,
    unbounded: unbounded.map((c) => c.id),
    maxMayBeNull,
    jsonNotAny,
    all: all.incidents.map((i) => i.id),
    none: none.incidents.map((i) => i.id),
    before: before.incidents.map((i) => i.id),
    properties,
    report,
  }),
);
