// Package graphgen writes a generated graph straight into Neo4j, fast, for
// tests and benchmarks at scale.
//
// The graph is the corpus package corpus generates for a seed and a number
// of incidents, the one `strikegraph generate` writes as documents: a
// gazetteer of Syria and Iraq, their 15 provinces and 300 to 5,000 towns and
// villages; 11 armed groups with their spokespeople, monitors with their
// heads, outlets; then per incident one or two articles, the relations they
// state (LOCATED_IN or LOCATED_NEAR a town, CARRIED_OUT by an armed group,
// TARGETED, PUBLISHED_BY) and one to seven claims. Dates fall between August
// 2014 and 2019; a few towns, groups, monitors and outlets take most
// incidents and claims (the US-led coalition carries out half of them).
//
// Write stores it as the service's own writes would (package cypher,
// upsert_*.cypher): the same labels, properties, hashes and edges, so that
// the service reads it, and updates it, as if it had been imported
// (TestSameGraphAsTheImport compares the two graphs). It is not imported but
// created: batched `UNWIND $rows … CREATE` statements, one corpus document
// (100 incidents) per transaction, two transactions at a time, without the
// import's MERGEs, checks of references or outcomes.
//
// Write needs the schema (cypher.DB.ApplySchema, cypher/schema.cypher)
// applied first, and fails without its unique constraints. It writes into
// an empty graph, or one that holds none of its ids: they all start with
// "gen:", so the seed corpus may sit beside it. Writing the same ids again
// fails on the constraints: empty the graph in between.
package graphgen

import (
	"cmp"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/corpus"
)

// Graph is what Write wrote: how many of each, and well-known ids, each the
// busiest of its kind.
type Graph struct {
	Seed int64

	// Nodes written: every node is an :Entity and one of these.
	Incidents, Places, Actors, Articles int
	// Edges written: claims (REPORTED, DENIED and RESPONDED edges from
	// speaker to incident) and relations (every other edge).
	Claims, Relations int

	Incident     Top // the incident with the most claims
	Perpetrator  Top // the armed group that carried out the most incidents (CARRIED_OUT)
	Monitor      Top // the monitor with the most claims, its own and its spokespeople's on its behalf
	Spokesperson Top // of those who speak for Monitor (SPEAKS_FOR), the one with the most claims of its own
	Province     Top // the province with the most incidents located in or near it or its towns
	Town         Top // the place with the most incidents located in or near it (LOCATED_IN, LOCATED_NEAR)
	Article      Top // the article carrying the most claims (a claim's article property)
	Outlet       Top // the outlet that published the most articles (PUBLISHED_BY)
}

// Top is an id and the count that makes it the busiest of its kind; of
// equal counts, the lowest id.
type Top struct {
	ID    string
	Count int
}

// By is who the written nodes and edges say created and last changed them
// (createdBy, updatedBy); createdAt and updatedAt are the time of the Write.
const By = "graphgen"

const (
	// incidentsPerTx is how many incidents, with their articles, relations
	// and claims, one transaction writes: one document of the corpus, some
	// 300 nodes and 650 edges. Measured on 2 cores, Neo4j spent a quarter
	// less CPU writing transactions of 100 incidents than of 1,000, most of
	// it in garbage collection: its heap holds less at a time.
	incidentsPerTx = corpus.PerDocument
	// maxRows is the most rows one statement takes: 2,000 new nodes take
	// some 20 MiB of a transaction's memory, indexes included.
	maxRows = 2000
	// writers is how many transactions write at once: two keep Neo4j busy
	// while each waits on the other's commit.
	writers = 2
)

var (
	//go:embed create_nodes.cypher
	createNodes string
	//go:embed create_edges.cypher
	createEdges string
	//go:embed check_schema.cypher
	checkSchema string
)

// Write writes the generated corpus of that many incidents (package corpus,
// Config{Seed: seed, Incidents: incidents}) into database (the server's
// default when empty) and reports what it wrote. The same seed and size
// always give the same graph, all but its createdAt and updatedAt times.
//
// The gazetteer is written first, alone; then the incidents,
// incidentsPerTx to a transaction, writers transactions at a time; then the
// few edges between incidents of different transactions. On an error the
// transactions committed before it stay written.
func Write(ctx context.Context, driver neo4j.DriverWithContext, database string, incidents int, seed int64) (Graph, error) {
	if incidents < 0 {
		return Graph{}, fmt.Errorf("graphgen: %d incidents", incidents)
	}
	res, err := neo4j.ExecuteQuery(ctx, driver, checkSchema, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database))
	if err != nil {
		return Graph{}, fmt.Errorf("graphgen: reading the constraints: %w", err)
	}
	if n, _ := res.Records[0].Values[0].(int64); n != 4 {
		return Graph{}, errors.New("graphgen: the unique constraints on Entity.id and on the claims' ids are missing: apply the schema first (cypher.DB.ApplySchema)")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	gen := &generator{p: provenance{by: By, at: time.Now().UTC()}, t: newTally(seed), late: batch{name: "the edges between batches"}}
	batches := make(chan *batch, writers) // the next ones are generated while some are written
	var genErr error
	go func() {
		defer close(batches)
		genErr = gen.run(ctx, incidents, seed, batches)
	}()
	err = writeAll(ctx, cancel, driver, database, batches) // returns once batches is closed
	if err = cmp.Or(err, genErr); err != nil {
		return Graph{}, err
	}
	if err := write(ctx, driver, database, &gen.late); err != nil {
		return Graph{}, err
	}
	return gen.t.graph(), nil
}

// writeAll writes the first batch alone, the gazetteer every other refers
// to, then the others writers at a time. It reads batches to the end, and
// returns the first error.
func writeAll(ctx context.Context, cancel func(), driver neo4j.DriverWithContext, database string, batches <-chan *batch) error {
	var mu sync.Mutex
	var first error
	try := func(b *batch) {
		if ctx.Err() != nil {
			return // drain: run stops once cancelled
		}
		if err := write(ctx, driver, database, b); err != nil {
			mu.Lock()
			if first == nil {
				first = err
				cancel()
			}
			mu.Unlock()
		}
	}
	if b, ok := <-batches; ok {
		try(b)
	}
	var wg sync.WaitGroup
	for range writers {
		wg.Go(func() {
			for b := range batches {
				try(b)
			}
		})
	}
	wg.Wait()
	return cmp.Or(first, ctx.Err())
}

// batch is what one transaction writes: nodes first, then the edges between
// them and the nodes of the gazetteer.
type batch struct {
	first, last int // incidents; 0 and 0 for the others
	name        string
	nodes       []map[string]any
	edges       []map[string]any
	ids         map[string]bool // of nodes
}

// write writes one batch: in one transaction, unless it holds more than
// maxRows rows (the gazetteer of a large graph), which would take more than a
// transaction's memory; then maxRows rows a
// transaction, nodes before edges.
func write(ctx context.Context, driver neo4j.DriverWithContext, database string, b *batch) error {
	type step struct {
		query, what string
		rows        []map[string]any
	}
	var steps []step
	for _, s := range []step{{createNodes, "nodes", b.nodes}, {createEdges, "edges", b.edges}} {
		for start := 0; start < len(s.rows); start += maxRows {
			steps = append(steps, step{s.query, s.what, s.rows[start:min(start+maxRows, len(s.rows))]})
		}
	}
	txs := [][]step{steps}
	if len(b.nodes)+len(b.edges) > maxRows {
		txs = txs[:0]
		for _, s := range steps {
			txs = append(txs, []step{s})
		}
	}
	sess := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(context.Background())
	for _, steps := range txs {
		_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			for _, s := range steps {
				res, err := tx.Run(ctx, s.query, map[string]any{"rows": s.rows})
				if err != nil {
					return nil, err
				}
				rec, err := res.Single(ctx)
				if err != nil {
					return nil, err
				}
				if n, _ := rec.Values[0].(int64); n != int64(len(s.rows)) {
					return nil, fmt.Errorf("created %d of %d %s: an edge's end is not in the graph", n, len(s.rows), s.what)
				}
			}
			return nil, nil
		})
		if err != nil {
			return fmt.Errorf("graphgen: %s: %w", b.name, err)
		}
	}
	return nil
}

// generator turns the corpus's documents into batches.
type generator struct {
	p         provenance
	t         *tally
	gazetteer map[string]bool // ids of its nodes
	late      batch           // edges between nodes of different batches, written last
}

// run sends the gazetteer alone, then incidentsPerTx incidents at a time.
func (g *generator) run(ctx context.Context, incidents int, seed int64, out chan<- *batch) error {
	b := &batch{name: "the gazetteer", ids: map[string]bool{}}
	send := func() error {
		if b.last > 0 {
			b.name = fmt.Sprintf("incidents %d to %d", b.first, b.last)
		}
		select {
		case out <- b:
			b = &batch{first: b.last + 1, last: b.last, ids: map[string]bool{}}
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	n := 0
	for doc := range corpus.Documents(corpus.Config{Seed: seed, Incidents: incidents}) {
		if err := g.add(b, &doc, n == 0); err != nil {
			return fmt.Errorf("graphgen: %s: %w", doc.Source, err)
		}
		if n == 0 {
			g.gazetteer = b.ids
		}
		b.last += len(doc.Incidents)
		if n == 0 || b.last-b.first+1 >= incidentsPerTx {
			if err := send(); err != nil {
				return err
			}
		}
		n++
	}
	if len(b.nodes) > 0 || len(b.edges) > 0 {
		return send()
	}
	return nil
}

// add adds what doc defines to b, and counts it. Each relation is written
// once with every statement of it in doc. Only the gazetteer may state a
// relation between entities it does not define: then no two documents can
// state one relation, which would make two edges.
func (g *generator) add(b *batch, doc *strikegraph.Document, gazetteer bool) error {
	p, t := g.p, g.t
	defined := map[string]bool{}
	node := func(id string, row map[string]any) {
		b.nodes = append(b.nodes, row)
		b.ids[id], defined[id] = true, true
	}
	for i := range doc.Places {
		pl := &doc.Places[i]
		node(pl.ID, p.entity(pl))
		t.place(pl)
	}
	for i := range doc.Actors {
		a := &doc.Actors[i]
		node(a.ID, p.entity(a))
		t.actor(a)
	}
	var stated []strikegraph.Relation
	for i := range doc.Articles {
		a := &doc.Articles[i]
		node(a.ID, p.entity(a))
		t.Articles++
		if a.PublisherID != "" {
			stated = append(stated, strikegraph.Relation{Type: strikegraph.RelPublishedBy, From: a.ID, To: a.PublisherID})
		}
	}
	for i := range doc.Incidents {
		in := &doc.Incidents[i]
		node(in.ID, p.entity(in))
		t.Incidents++
	}
	edge := func(from, to string, row map[string]any) {
		if (b.ids[from] || g.gazetteer[from]) && (b.ids[to] || g.gazetteer[to]) {
			b.edges = append(b.edges, row)
		} else {
			g.late.edges = append(g.late.edges, row)
		}
	}
	rels := map[[3]string]*relation{}
	var order []*relation
	for _, s := range append(stated, doc.Relations...) {
		if !gazetteer && !defined[s.From] && !defined[s.To] {
			return fmt.Errorf("relation %s %s %s: neither end is defined by this document", s.From, s.Type, s.To)
		}
		key := [3]string{s.From, string(s.Type), s.To}
		r := rels[key]
		if r == nil {
			r = &relation{typ: string(s.Type), from: s.From, to: s.To}
			rels[key] = r
			order = append(order, r)
			t.relation(s, defined)
		}
		r.state(s)
	}
	for _, r := range order {
		edge(r.from, r.to, p.relation(r))
	}
	for i := range doc.Claims {
		c := &doc.Claims[i]
		edge(c.SpeakerID, c.IncidentID, p.claim(c))
		t.claim(c)
	}
	return nil
}

// tally counts what is written, to find the busiest of each kind.
type tally struct {
	Graph
	kinds map[string]string // actor id → kind; place id → kind

	provinceOf                                                                 map[string]string
	speaksFor                                                                  map[string][]string // organisation → spokespeople
	carriedOut, atPlace, byMonitor, bySpeaker, byArticle, byOutlet, byIncident map[string]int
}

func newTally(seed int64) *tally {
	return &tally{
		Graph: Graph{Seed: seed}, kinds: map[string]string{}, provinceOf: map[string]string{}, speaksFor: map[string][]string{},
		carriedOut: map[string]int{}, atPlace: map[string]int{}, byMonitor: map[string]int{}, bySpeaker: map[string]int{},
		byArticle: map[string]int{}, byOutlet: map[string]int{}, byIncident: map[string]int{},
	}
}

func (t *tally) place(p *strikegraph.Place) {
	t.Places++
	t.kinds[p.ID] = string(p.Kind)
}

func (t *tally) actor(a *strikegraph.Actor) {
	t.Actors++
	t.kinds[a.ID] = string(a.Kind)
}

// relation counts a relation once, however many state it; defined are the
// ids its document defines.
func (t *tally) relation(r strikegraph.Relation, defined map[string]bool) {
	t.Relations++
	switch r.Type {
	case strikegraph.RelCarriedOut:
		t.carriedOut[r.From]++
	case strikegraph.RelPublishedBy:
		t.byOutlet[r.To]++
	case strikegraph.RelSpeaksFor:
		t.speaksFor[r.To] = append(t.speaksFor[r.To], r.From)
	case strikegraph.RelLocatedIn, strikegraph.RelLocatedNear:
		switch {
		case t.kinds[r.From] == "" && defined[r.From]: // an incident: places and actors are all known
			t.atPlace[r.To]++
		case r.Type == strikegraph.RelLocatedIn && t.kinds[r.To] == string(strikegraph.PlaceProvince):
			t.provinceOf[r.From] = r.To
		}
	}
}

func (t *tally) claim(c *strikegraph.Claim) {
	t.Claims++
	t.byIncident[c.IncidentID]++
	t.byArticle[c.ArticleID]++
	t.bySpeaker[c.SpeakerID]++
	switch {
	case t.kinds[c.OnBehalfOfID] == string(strikegraph.ActorMonitor):
		t.byMonitor[c.OnBehalfOfID]++
	case t.kinds[c.SpeakerID] == string(strikegraph.ActorMonitor):
		t.byMonitor[c.SpeakerID]++
	}
}

// graph picks the busiest of each kind.
func (t *tally) graph() Graph {
	g := t.Graph
	g.Incident = top(t.byIncident, nil)
	g.Perpetrator = top(t.carriedOut, nil)
	g.Monitor = top(t.byMonitor, nil)
	people := map[string]bool{}
	for _, id := range t.speaksFor[g.Monitor.ID] {
		people[id] = true
	}
	g.Spokesperson = top(t.bySpeaker, people)
	byProvince := map[string]int{}
	for place, n := range t.atPlace {
		if t.kinds[place] == string(strikegraph.PlaceProvince) {
			byProvince[place] += n
		} else if p := t.provinceOf[place]; p != "" {
			byProvince[p] += n
		}
	}
	g.Province = top(byProvince, nil)
	g.Town = top(t.atPlace, nil)
	g.Article = top(t.byArticle, nil)
	g.Outlet = top(t.byOutlet, nil)
	return g
}

// top is the id with the highest count, of equal counts the lowest id: of
// counts, or of only when given.
func top(counts map[string]int, only map[string]bool) Top {
	if only == nil {
		only = map[string]bool{}
		for id := range counts {
			only[id] = true
		}
	}
	var best Top
	for id := range only {
		if n := counts[id]; best.ID == "" || n > best.Count || n == best.Count && id < best.ID {
			best = Top{id, n}
		}
	}
	return best
}
