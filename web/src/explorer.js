// The explorer: search the graph, show an entity's neighbourhood, expand it a
// node at a time, read each claim, find the shortest paths between two
// entities and export what is shown, and show it again when the graph
// changes. Everything comes from /graphql (changes over its WebSocket); the
// exports from /export.
import cytoscape from 'cytoscape';
import { createClient } from 'graphql-ws';
import './explorer.css';

// Relative, so that the page works wherever the service is mounted.
const endpoint = new URL('../graphql', location.href).href;

// Colour and shape per node type (the entity's label).
const nodeTypes = {
  Incident: ['#d62728', 'diamond'],
  Place: ['#2ca02c', 'round-rectangle'],
  ArmedGroup: ['#1f3b73', 'hexagon'],
  MonitoringOrganisation: ['#17becf', 'ellipse'],
  Outlet: ['#9467bd', 'ellipse'],
  Person: ['#ff7f0e', 'ellipse'],
  Spokesperson: ['#e377c2', 'ellipse'],
  Article: ['#7f7f7f', 'rectangle'],
};

// The stances are what the graph is about: each has its own colour and its
// own line, so that they differ even to a reader who cannot tell the colours
// apart. Relations between entities are thin and grey.
const stances = {
  REPORTED: ['#1f77b4', 'solid'],
  DENIED: ['#d62728', 'dashed'],
  RESPONDED: ['#e69500', 'dotted'],
};
const relation = ['#aaaaaa', 'solid'];

const style = [
  {
    selector: 'node',
    style: {
      label: 'data(label)', width: 18, height: 18, 'background-color': '#999',
      'font-size': 8, color: '#222', 'text-valign': 'bottom', 'text-margin-y': 2,
      'text-wrap': 'ellipsis', 'text-max-width': 110,
      'text-outline-color': '#fff', 'text-outline-width': 2,
    },
  },
  ...Object.entries(nodeTypes).map(([type, [colour, shape]]) => ({
    selector: `node[type = "${type}"]`, style: { 'background-color': colour, shape },
  })),
  // The entities whose neighbourhood is shown.
  { selector: 'node.open', style: { width: 28, height: 28, 'border-width': 3, 'border-color': '#111', 'font-weight': 'bold' } },
  {
    selector: 'edge',
    style: {
      width: 1, 'line-color': relation[0], 'target-arrow-color': relation[0],
      'target-arrow-shape': 'triangle', 'arrow-scale': 0.8, 'curve-style': 'bezier',
    },
  },
  ...Object.entries(stances).map(([type, [colour, line]]) => ({
    selector: `edge[type = "${type}"]`,
    style: { width: 2.5, 'line-color': colour, 'target-arrow-color': colour, 'line-style': line },
  })),
  { selector: 'edge:selected', style: { width: 5, label: 'data(type)', 'font-size': 9, 'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 1 } },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#ffbf00' } },
  { selector: '.hidden', style: { display: 'none' } },
];

const $ = (id) => document.getElementById(id);
const cyEl = $('cy');
const cy = cytoscape({ container: cyEl, style, minZoom: 0.1, maxZoom: 3 });

// What is shown: the neighbourhood of ids, or with path the shortest paths
// between two entities. It is kept in the address, so a view can be shared.
const state = { ids: [], depth: 1, from: '', to: '', path: null };
const pathEnds = { from: null, to: null };
// Node and edge types unticked in the legend: hidden, not refetched.
const hidden = new Set();
// Each render's figures, for the browser test and for whoever is curious.
const renders = [];
window.explorer = { cy, state, renders, show };

// Credentials, where the service asks for them to read: kept for this tab
// only, and never put in the address.
$('key').value = sessionStorage.getItem('strikegraph-key') || '';
$('key').addEventListener('change', () => {
  sessionStorage.setItem('strikegraph-key', $('key').value.trim());
  // The live connection's credentials are its own, sent when it opens: a
  // new key needs a new one (show follows again).
  unfollow();
  live.dispose();
  live = connect();
  if (state.ids.length || state.path) {
    show();
  }
});

function credentials() {
  const key = $('key').value.trim();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

async function gql(query, variables) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...credentials() },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) {
    if (body.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
      $('credentials').open = true;
    }
    throw new Error(body.errors.map((e) => e.message).join('; '));
  }
  return body.data;
}

const networkFields = 'nodes { id type label properties } edges { id type from to properties claim { id } } truncated totalNodes totalEdges';

let showing = 0;

// show fetches what state asks for and draws it; a later call supersedes an
// earlier one still waiting for its answer. It is true once drawn.
async function show() {
  const mine = ++showing;
  follow();
  const start = performance.now();
  writeAddress();
  cyEl.dataset.state = 'loading';
  let net;
  try {
    if (state.path) {
      net = (await gql(`query($from: ID!, $to: ID!) { pathNetwork(from: $from, to: $to, all: true) { ${networkFields} } }`, state.path)).pathNetwork;
    } else {
      net = (await gql(`query($ids: [ID!]!, $depth: Int, $from: String, $to: String) {
        neighbourhood(ids: $ids, depth: $depth, dateFrom: $from, dateTo: $to) { ${networkFields} } }`,
      { ids: state.ids, depth: state.depth, from: state.from || null, to: state.to || null })).neighbourhood;
    }
  } catch (err) {
    if (mine === showing) {
      fail(err);
    }
    return;
  }
  if (mine !== showing) {
    return;
  }
  await draw(net);
  if (mine !== showing) {
    return;
  }
  const render = {
    ms: Math.round((performance.now() - start) * 10) / 10,
    nodes: cy.nodes().length, edges: cy.edges().length,
    truncated: net.truncated, totalNodes: net.totalNodes, totalEdges: net.totalEdges,
  };
  renders.push(render);
  legend();
  exportLinks();
  $('path-back').hidden = !state.path;
  $('png').disabled = cy.nodes().empty();
  let text = `${render.nodes} nodes, ${render.edges} edges, shown in ${Math.round(render.ms)} ms.`;
  if (net.truncated) {
    text = `Only the nearest ${render.nodes} of ${net.totalNodes} nodes, with ${render.edges} of ${net.totalEdges} edges. Lower the depth or narrow the dates.`;
  } else if (state.path && cy.nodes().empty()) {
    text = 'No path of 4 edges or fewer between them.';
  }
  status(text);
  cyEl.dataset.renders = String(renders.length);
  cyEl.dataset.state = 'ready';
  return true;
}

// Live updates: while a view is open, the explorer follows the claims
// recorded and the entities changed, and shows the view again when one
// touches an entity shown. It filters here rather than in the
// subscriptions' arguments, so that they need not change with the view, and
// because a view of up to 500 entities names more than a where may.
function connect() {
  const client = createClient({
    url: endpoint.replace(/^http/, 'ws'),
    // A browser cannot set headers on a WebSocket: the key goes in
    // connection_init, read each time the connection opens.
    connectionParams: credentials,
    // Quietly, for as long as the page is open, at most 30 s apart; what was
    // missed meanwhile is caught up by showing the view again.
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: (n) => new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** n, 30000) + Math.random() * 1000)),
    // data-live on #cy says whether it is connected, or refused (4403: the
    // key is wrong or missing), for the browser test. A client replaced
    // keeps quiet.
    on: {
      connected: (socket, payload, wasRetry) => {
        if (client !== live) {
          return;
        }
        cyEl.dataset.live = 'connected';
        if (wasRetry) {
          changed();
        }
      },
      closed: (event) => {
        if (client === live) {
          cyEl.dataset.live = event?.code === 4403 ? 'refused' : 'closed';
        }
      },
    },
  });
  return client;
}
let live = connect();
const shown = (...ids) => ids.some((id) => id && cy.getElementById(id).nonempty());
const followed = [
  ['subscription { claimRecorded { id incident { id } speaker { id } onBehalfOf { id } article { id } } }',
    ({ claimRecorded: c }) => shown(c.incident.id, c.speaker.id, c.onBehalfOf?.id, c.article.id)],
  ['subscription { entityChanged { id } }', ({ entityChanged: e }) => shown(e.id)],
];
let following = null; // the subscriptions' disposers
let generation = 0; // so that the sinks of subscriptions ended here keep quiet

function follow() {
  if (following) {
    return;
  }
  const mine = ++generation;
  following = followed.map(([query, touches]) => live.subscribe({ query }, {
    next: ({ data }) => mine === generation && data && touches(data) && changed(),
    // A subscriber that falls far behind is dropped: subscribe again, a
    // little later lest an error repeat at once, and catch up.
    error: () => again(mine),
    complete: () => again(mine),
  }));
}

function unfollow() {
  generation++;
  following?.forEach((dispose) => dispose());
  following = null;
}

function again(mine) {
  if (mine === generation) {
    unfollow();
    setTimeout(() => {
      follow();
      changed();
    }, 5000);
  }
}

// changed shows the view again once events stop coming for 300 ms, and
// says so for a few seconds.
let pending;
let fading;
function changed() {
  clearTimeout(pending);
  pending = setTimeout(async () => {
    if (!(state.ids.length || state.path) || !(await show())) {
      return;
    }
    $('updated').textContent = `Updated ${new Date().toLocaleTimeString()}`;
    $('updated').hidden = false;
    clearTimeout(fading);
    fading = setTimeout(() => { $('updated').hidden = true; }, 5000);
  }, 300);
}

// draw makes the graph the network: nodes already shown keep their place and
// new ones start next to the node that was expanded, so that expanding does
// not scramble the picture. It resolves when the layout is done.
function draw(net) {
  const wanted = new Set([...net.nodes.map((n) => n.id), ...net.edges.map((e) => e.id)]);
  const anchor = cy.$('node:selected').first();
  const near = anchor.nonempty() ? anchor.position() : { x: 0, y: 0 };
  let kept = 0;
  cy.batch(() => {
    cy.elements().filter((el) => !wanted.has(el.id())).remove();
    for (const n of net.nodes) {
      const data = { id: n.id, type: n.type, label: n.label, properties: n.properties };
      const el = cy.getElementById(n.id);
      if (el.nonempty()) {
        el.data(data);
        kept++;
      } else {
        cy.add({ group: 'nodes', data, position: { x: near.x + Math.random() * 60 - 30, y: near.y + Math.random() * 60 - 30 } });
      }
    }
    for (const e of net.edges) {
      if (cy.getElementById(e.id).empty()) {
        cy.add({ group: 'edges', data: { id: e.id, source: e.from, target: e.to, type: e.type, claim: e.claim?.id, properties: e.properties } });
      }
    }
    cy.nodes().removeClass('open');
    for (const id of state.path ? [state.path.from, state.path.to] : state.ids) {
      cy.getElementById(id).addClass('open');
    }
    applyHidden();
  });
  const layout = cy.layout({
    name: 'cose', animate: false, fit: true, padding: 30,
    // Start afresh unless most of the picture stays.
    randomize: kept < net.nodes.length / 2,
    nodeRepulsion: () => 60000, idealEdgeLength: () => 90,
  });
  const done = layout.promiseOn('layoutstop');
  layout.run();
  return done;
}

function applyHidden() {
  cy.elements().removeClass('hidden');
  cy.elements().filter((el) => hidden.has(el.data('type'))).addClass('hidden');
}

// legend lists the node and edge types shown, each with its style, its count
// and a box to hide it.
function legend() {
  const count = (els) => {
    const n = new Map();
    els.forEach((el) => n.set(el.data('type'), (n.get(el.data('type')) || 0) + 1));
    return n;
  };
  const nodes = count(cy.nodes());
  const edges = count(cy.edges());
  const order = (counts, first) => [...new Set([...first.filter((t) => counts.has(t)), ...[...counts.keys()].sort()])];
  $('node-types').replaceChildren(...order(nodes, Object.keys(nodeTypes)).map((type) => {
    const [colour, shape] = nodeTypes[type] || ['#999', 'ellipse'];
    return legendItem(type, nodes.get(type), h('span', { class: `swatch ${shape}`, style: `background:${colour}` }));
  }));
  $('edge-types').replaceChildren(...order(edges, Object.keys(stances)).map((type) => {
    const [colour, line] = stances[type] || relation;
    return legendItem(type, edges.get(type), h('span', { class: 'line', style: `border-top: ${stances[type] ? 3 : 1}px ${line} ${colour}` }));
  }));
}

function legendItem(type, n, sample) {
  const box = h('input', { type: 'checkbox', 'data-type': type });
  box.checked = !hidden.has(type);
  box.addEventListener('change', () => {
    if (box.checked) {
      hidden.delete(type);
    } else {
      hidden.add(type);
    }
    applyHidden();
  });
  return h('li', {}, h('label', {}, box, sample, ` ${type} `, h('small', {}, String(n))));
}

// exportLinks points each format at the same neighbourhood as the view (the
// type boxes aside): the same ids, depth, dates and node cap.
function exportLinks() {
  for (const a of document.querySelectorAll('#export a')) {
    if (state.path || state.ids.length === 0) {
      a.removeAttribute('href');
      a.title = 'Exports are of neighbourhoods: open one to export it.';
      continue;
    }
    const q = new URLSearchParams({ ids: state.ids.join(','), depth: state.depth, maxNodes: 500 });
    if (state.from) {
      q.set('from', state.from);
    }
    if (state.to) {
      q.set('to', state.to);
    }
    a.href = new URL(`../export/${a.dataset.format}?${q}`, location.href).href;
    a.title = '';
  }
}

$('png').addEventListener('click', async () => {
  save(await cy.png({ output: 'blob-promise', full: true, scale: 2, bg: '#ffffff' }), 'strikegraph.png');
});

// A link cannot send credentials: with a key, the export is fetched and
// saved from here.
$('export').addEventListener('click', async (ev) => {
  const a = ev.target.closest('a[href]');
  if (!a || !credentials().Authorization) {
    return;
  }
  ev.preventDefault();
  const res = await fetch(a.href, { headers: credentials() });
  if (!res.ok) {
    status((await res.json()).message, true);
    return;
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '');
  save(await res.blob(), name ? name[1] : `strikegraph.${a.dataset.format}`);
});

function save(blob, name) {
  const a = h('a', { href: URL.createObjectURL(blob), download: name });
  a.click();
  // Once the download has read it.
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
}

// Clicking a node expands it (in a neighbourhood) and says what it is;
// clicking an edge shows its claim or relation.
cy.on('tap', 'node', (ev) => {
  const node = ev.target;
  nodeDetails(node);
  if (!state.path && !state.ids.includes(node.id())) {
    if (state.ids.length >= 100) {
      status('At most 100 entities can be expanded at once.', true);
      return;
    }
    state.ids = [...state.ids, node.id()];
    show();
  }
});
cy.on('tap', 'edge', (ev) => edgeDetails(ev.target));
cy.on('tap', (ev) => {
  if (ev.target === cy) {
    $('details').hidden = true;
  }
});

let carding = 0;

function nodeDetails(node) {
  const d = node.data();
  const mine = ++carding;
  const button = (text, onclick) => {
    const b = h('button', {}, text);
    b.addEventListener('click', onclick);
    return b;
  };
  const card = d.type === 'Incident' ? h('table', { class: 'card', 'data-state': 'loading' }) : '';
  $('details').hidden = false;
  $('details').replaceChildren(
    h('h2', {}, d.label),
    h('p', {}, h('span', { class: 'tag' }, d.type), ' ', h('code', {}, d.id)),
    card,
    properties(d.properties),
    h('p', {},
      button('Only this one', () => open([d.id])),
      button('Path from here', () => pathEnd('from', d)),
      button('Path to here', () => pathEnd('to', d))),
  );
  if (card) {
    incidentCard(d.id, card, () => mine === carding);
  }
}

// An incident's card: its toll by whose figures count, civilians and every
// death (SOHR's 43 at Abu al-Hassan are of people whose status it could not
// state), and whether it is contested or disputed. Each row is fields of
// the incident and how to show them: cells under the columns, or one text
// across them; a row shown as '' is left out. The fields are aliased into
// one query, so that the card is one request.
const tollFields = 'lowest highest reports reporters independentSources derivation';
const tollRow = (key, label, sources) => ({
  key, label,
  field: `${key}Civilians: civilianToll(sources: ${sources}) { ${tollFields} } ${key}Killed: toll(sources: ${sources}) { ${tollFields} }`,
  show: (i) => [toll(i[`${key}Civilians`]), toll(i[`${key}Killed`])],
});
const incidentColumns = ['Civilians', 'Killed, any status'];
const incidentRows = [
  tollRow('all', 'All sources', 'ALL'),
  tollRow('monitors', 'Monitors', 'MONITORS'),
  tollRow('nonParties', 'Non-parties', 'NON_PARTIES'),
  { key: 'contestedOn', label: 'Contested on', field: 'contestedOn', show: (i) => i.contestedOn.map(words).join(', ') || 'not contested' },
  { key: 'disputed', label: 'Disputed', field: 'disputed { belligerent { lowest highest } monitors { lowest highest } ratio gap }', show: (i) => (i.disputed ? dispute(i.disputed) : '') },
  { key: 'grade', label: 'Suggested grade', field: 'suggestedGrade { grade reasons }', show: (i) => `${words(i.suggestedGrade.grade)}: ${i.suggestedGrade.reasons.join('; ')}` },
];
const incidentCardQuery = `query($id: ID!) { incident(id: $id) { ${incidentRows.map((r) => r.field).join(' ')} } }`;

async function incidentCard(id, table, current) {
  let incident;
  try {
    incident = (await gql(incidentCardQuery, { id })).incident;
  } catch (err) {
    if (current()) {
      table.replaceWith(h('p', { class: 'error' }, err.message));
    }
    return;
  }
  if (!current() || !incident) {
    return;
  }
  table.append(h('tr', {}, h('th', {}, 'Toll'), ...incidentColumns.map((c) => h('th', {}, c))));
  for (const row of incidentRows) {
    const shown = row.show(incident);
    if (shown === '') {
      continue;
    }
    const cells = Array.isArray(shown) ? shown : [h('td', { colspan: incidentColumns.length }, shown)];
    table.append(h('tr', { 'data-row': row.key }, h('th', {}, row.label), ...cells));
  }
  table.dataset.state = 'ready';
}

// toll is a cell: “40–43”, and under it “4 reports, 4 sources (3
// independent)”; how the range was reached shows on hover.
function toll(t) {
  if (t.lowest == null) {
    return h('td', {}, h('small', {}, 'none reported'));
  }
  return h('td', { title: t.derivation }, h('b', {}, span(t)), ' ',
    h('small', {}, `${count(t.reports, 'report')}, ${count(t.reporters, 'source')} (${t.independentSources} independent)`));
}

// dispute reads “belligerent 0, monitors 43: ratio 43, gap 43”.
function dispute(d) {
  return `belligerent ${span(d.belligerent)}, monitors ${span(d.monitors)}: ratio ${ratio(d.ratio)}, gap ${d.gap}`;
}

const span = (r) => (r.lowest === r.highest ? String(r.lowest) : `${r.lowest}–${r.highest}`);
const count = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const ratio = (x) => String(Math.round(x * 100) / 100);
// words reads an enum value: CIVILIAN_HARM is “civilian harm”.
const words = (v) => v.toLowerCase().replaceAll('_', ' ');

function pathEnd(end, d) {
  pathEnds[end] = d;
  $(`path-${end}`).textContent = d.label;
  $('path-show').disabled = !(pathEnds.from && pathEnds.to);
}

$('path-show').addEventListener('click', () => {
  state.path = { from: pathEnds.from.id, to: pathEnds.to.id };
  show();
});
$('path-back').addEventListener('click', () => {
  state.path = null;
  show();
});

const claimQuery = `query($id: ID!) { claim(id: $id) {
  stance denies response quote direct note
  statedOn { value text }
  speaker { name } onBehalfOf { name } via { name }
  incident { name date { value text } }
  figures { civiliansKilled { text } childrenKilled { text } womenKilled { text } injured { text } combatantsKilled { text } killed { text } }
  article { id name url byline published { value } publisher { name } }
} }`;

async function edgeDetails(edge) {
  const d = edge.data();
  const box = $('details');
  const from = edge.source().data('label');
  const to = edge.target().data('label');
  box.hidden = false;
  box.replaceChildren(h('h2', {}, h('span', { class: `tag ${d.type}` }, d.type)), h('p', {}, `${from} → ${to}`));
  try {
    if (d.claim) {
      const c = (await gql(claimQuery, { id: d.claim })).claim;
      const figures = Object.entries(c.figures).filter(([, f]) => f).map(([k, f]) => h('li', {}, `${k}: ${f.text}`));
      const a = c.article;
      box.append(
        h('p', {}, h('b', {}, c.speaker.name), c.onBehalfOf ? ` for ${c.onBehalfOf.name}` : '',
          c.via.length ? `, via ${c.via.map((v) => v.name).join(', ')}` : '',
          `, ${c.statedOn.value || c.statedOn.text}`,
          c.denies ? ` — denies ${c.denies.toLowerCase().replace('_', ' ')}` : '',
          c.response ? ` — ${c.response.toLowerCase()}` : ''),
        h('blockquote', {}, c.quote),
        figures.length ? h('ul', {}, ...figures) : '',
        h('p', {}, 'About ', h('i', {}, c.incident.name), c.incident.date.value ? ` (${c.incident.date.value})` : ''),
        h('p', { class: 'source' }, 'Source: ', a.url ? h('a', { href: a.url, target: '_blank', rel: 'noreferrer' }, a.name) : a.name,
          a.publisher ? `, ${a.publisher.name}` : '', a.published.value ? `, ${a.published.value}` : ''),
        c.note ? h('p', { class: 'hint' }, c.note) : '',
      );
    } else {
      const p = d.properties;
      const sources = p.sources || [];
      const quotes = p.quotes || [];
      const articles = sources.length
        ? new Map((await gql('query($ids: [ID!]) { articles(where: {id_IN: $ids}) { id name url } }', { ids: sources })).articles.map((a) => [a.id, a]))
        : new Map();
      box.append(
        p.role ? h('p', {}, `Role: ${p.role}`) : '',
        p.distanceKm != null ? h('p', {}, `${p.distanceKm} km`) : '',
        ...sources.map((id, i) => {
          const a = articles.get(id) || { name: id };
          return h('div', {}, quotes[i] ? h('blockquote', {}, quotes[i]) : '',
            h('p', { class: 'source' }, 'Source: ', a.url ? h('a', { href: a.url, target: '_blank', rel: 'noreferrer' }, a.name) : a.name));
        }),
        p.note ? h('p', { class: 'hint' }, p.note) : '',
      );
    }
  } catch (err) {
    box.append(h('p', { class: 'error' }, err.message));
  }
}

function properties(props) {
  const rows = Object.entries(props || {}).map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, Array.isArray(v) ? v.join(', ') : String(v))));
  return rows.length ? h('table', {}, ...rows) : '';
}

// What the search can be narrowed to: incidents that a where of
// Query.incidents selects, in its order, each hit with a note read from
// fields. Their text then searches names, aliases, targets and descriptions,
// and with none given the list is of every such incident.
const incidentFilters = {
  contested: {
    label: 'contested incidents', where: { contested: true },
    fields: 'contestedOn', note: (i) => `contested on ${i.contestedOn.map(words).join(', ')}`,
  },
  disputed: {
    label: 'disputed incidents, most first', where: { disputed_GTE: 0 }, sort: [{ disputed: 'DESC' }],
    fields: 'disputed { ratio }', note: (i) => `ratio ${ratio(i.disputed.ratio)}`,
  },
  // grade:CONTESTED, not CONTESTED, lest it be taken for contested above.
  ...Object.fromEntries(['CONFIRMED', 'FAIR', 'WEAK', 'CONTESTED', 'DISCOUNTED'].map((g) => [`grade:${g}`, {
    label: `incidents graded ${words(g)}`, where: { suggestedGrade_IN: [g] },
    fields: 'suggestedGrade { grade }', note: (i) => words(i.suggestedGrade.grade),
  }])),
};
$('only').append(...Object.entries(incidentFilters).map(([value, f]) => h('option', { value }, f.label)));
const hitsShown = 20;

// Search as one types, and on Enter; only the latest answer is shown.
let searching = 0;
async function search() {
  const name = $('q').value.trim();
  const filter = incidentFilters[$('only').value];
  const mine = ++searching;
  if (!name && !filter) {
    $('hits').replaceChildren();
    return;
  }
  try {
    let hits;
    let more = '';
    if (filter) {
      const where = name ? { AND: [filter.where, { text: name }] } : filter.where;
      const found = (await gql(`query($where: IncidentWhere, $sort: [IncidentSort!], $first: Int) {
        incidentsConnection(where: $where, sort: $sort, first: $first) { totalCount edges { node { id name date { value } ${filter.fields} } } } }`,
      { where, sort: filter.sort || null, first: hitsShown })).incidentsConnection;
      hits = found.edges.map(({ node: i }) => ({ id: i.id, name: i.name, small: [i.date.value, filter.note(i)].filter(Boolean).join(', ') }));
      if (found.totalCount > hits.length) {
        more = `The first ${hits.length} of ${found.totalCount}: narrow them by name.`;
      }
    } else {
      hits = (await gql(`query($name: String!) { search(name: $name, first: 10) { matched entity { __typename id name } } }`, { name })).search
        .map(({ matched, entity: e }) => ({ id: e.id, name: e.name, small: e.__typename, as: matched !== e.name ? matched : '' }));
    }
    if (mine !== searching) {
      return;
    }
    $('hits').replaceChildren(...hits.map((e) => {
      const item = h('li', {},
        h('button', { class: 'hit', 'data-id': e.id }, e.name, ' ', h('small', {}, e.small), e.as ? h('small', {}, ` as “${e.as}”`) : ''),
        h('button', { class: 'add', title: 'Add to the view' }, '+'));
      item.firstChild.addEventListener('click', () => open([e.id]));
      item.lastChild.addEventListener('click', () => open([...new Set([...state.ids, e.id])]));
      return item;
    }));
    if (more) {
      $('hits').append(h('li', { class: 'hint' }, more));
    }
    if (hits.length === 0) {
      $('hits').replaceChildren(h('li', { class: 'hint' }, filter ? 'No such incident.' : 'Nothing by that name.'));
    }
  } catch (err) {
    if (mine === searching) {
      $('hits').replaceChildren(h('li', { class: 'error' }, err.message));
    }
  }
}
$('only').addEventListener('change', search);

let typing;
$('q').addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(search, 250);
});
$('search').addEventListener('submit', (ev) => {
  ev.preventDefault();
  clearTimeout(typing);
  search();
});

function open(ids) {
  state.ids = ids;
  state.path = null;
  show();
}

for (const [id, key] of [['depth', 'depth'], ['from', 'from'], ['to', 'to']]) {
  $(id).addEventListener('change', () => {
    state[key] = key === 'depth' ? Number($(id).value) : $(id).value.trim();
    if (state.ids.length) {
      show();
    }
  });
}

function status(text, error = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', error);
}

function fail(err) {
  status(err.message, true);
  cyEl.dataset.state = 'error';
}

function writeAddress() {
  const q = new URLSearchParams();
  if (state.path) {
    q.set('path', `${state.path.from},${state.path.to}`);
  } else {
    q.set('ids', state.ids.join(','));
  }
  q.set('depth', state.depth);
  for (const key of ['from', 'to']) {
    if (state[key]) {
      q.set(key, state[key]);
    }
  }
  history.replaceState(null, '', `#${q}`);
}

function readAddress() {
  const q = new URLSearchParams(location.hash.slice(1));
  state.ids = (q.get('ids') || '').split(',').filter(Boolean);
  const [from, to] = (q.get('path') || '').split(',');
  state.path = from && to ? { from, to } : null;
  state.depth = Number(q.get('depth')) || 1;
  state.from = q.get('from') || '';
  state.to = q.get('to') || '';
  $('depth').value = String(state.depth);
  $('from').value = state.from;
  $('to').value = state.to;
}

// h makes an element; text is always text, never markup, since quotes and
// names come from articles.
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    el.setAttribute(k, v);
  }
  el.append(...children.filter((c) => c !== ''));
  return el;
}

readAddress();
if (state.ids.length || state.path) {
  show();
}
