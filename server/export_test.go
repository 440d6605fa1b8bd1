package server_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph/export"
	"github.com/strikegraph/strikegraph/importer"
	"github.com/strikegraph/strikegraph/internal/graphgen"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// reading is what a consumer read from an export: see testdata/read_graph.py
// and testdata/read_json.mjs.
type reading struct {
	Nodes, Edges int
	NodeAttrs    map[string]map[string]any
	EdgeAttrs    map[string]map[string]any
}

// consumers run the program that reads each format; scripts/ensure-tools
// installs them. A missing one fails the test.
var consumers = map[string][]string{
	"graphml":    {"python3", "testdata/read_graph.py", "graphml"},
	"gexf":       {"python3", "testdata/read_graph.py", "gexf"},
	"cytoscape":  {"node", "testdata/read_json.mjs", "cytoscape"},
	"graphology": {"node", "testdata/read_json.mjs", "graphology"},
}

// download gets an export and checks its headers.
func download(t *testing.T, base, format, query, wantFile string) []byte {
	t.Helper()
	body, _ := downloadWithHeader(t, base, format, query, wantFile)
	return body
}

// downloadWithHeader is download, with the response's header.
func downloadWithHeader(t *testing.T, base, format, query, wantFile string) ([]byte, http.Header) {
	t.Helper()
	resp, err := httpClient.Get(base + "/export/" + format + "?" + query)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s?%s: status %d: %s", format, query, resp.StatusCode, body)
	}
	want := map[string]string{"graphml": "application/graphml+xml", "gexf": "application/gexf+xml"}[format]
	if want == "" {
		want = "application/json"
	}
	if got := resp.Header.Get("Content-Type"); got != want {
		t.Errorf("%s: Content-Type %q, want %q", format, got, want)
	}
	if got := resp.Header.Get("Content-Disposition"); got != `attachment; filename="`+wantFile+`"` {
		t.Errorf("%s: Content-Disposition %q, want file %s", format, got, wantFile)
	}
	// Go's client asks for gzip, and says when it took the body apart.
	if !resp.Uncompressed {
		t.Errorf("%s: sent uncompressed to a client that accepts gzip", format)
	}
	return body, resp.Header
}

// consume has the format's consumer read an export.
func consume(t *testing.T, format string, body []byte) reading {
	t.Helper()
	file := filepath.Join(t.TempDir(), "export")
	if err := os.WriteFile(file, body, 0o644); err != nil {
		t.Fatal(err)
	}
	args := append(consumers[format], file)
	out, err := exec.Command(args[0], args[1:]...).Output()
	if err != nil {
		var stderr []byte
		if e, ok := err.(*exec.ExitError); ok {
			stderr = e.Stderr
		}
		t.Fatalf("%s could not read the %s export (run scripts/ensure-tools): %v\n%s", strings.Join(args[:2], " "), format, err, stderr)
	}
	var r reading
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("%s: %v\n%s", format, err, out)
	}
	return r
}

func TestExports(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()

	t.Run("uncompressed unless asked", func(t *testing.T) {
		zipped := download(t, srv.URL, "graphml", "", "strikegraph-graph.graphml")
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/export/graphml", nil)
		req.Header.Set("Accept-Encoding", "identity")
		resp, err := httpClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		plain, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		if enc := resp.Header.Get("Content-Encoding"); enc != "" || !bytes.Equal(plain, zipped) {
			t.Errorf("Accept-Encoding: identity: Content-Encoding %q, %d bytes; want none, the %d bytes of the gzip export", enc, len(plain), len(zipped))
		}
	})

	abu := "incident:2018-11-17-abu-al-hassan"
	api := neighbourhood(t, srv.URL, map[string]any{"ids": []string{abu}, "depth": 2})
	var selected struct{ Incidents []struct{ ID string } }
	mustQuery(t, srv.URL, `{ incidents(where: {date_GTE: "2018-11"}) { id } }`, nil, &selected)
	var ids []string
	for _, in := range selected.Incidents {
		ids = append(ids, in.ID)
	}
	apiIncidents := neighbourhood(t, srv.URL, map[string]any{"ids": ids, "depth": 1})
	dates := map[string]any{}
	for _, n := range api.Nodes {
		if n.Type == "Incident" {
			dates[n.ID] = n.Properties["date"]
		}
	}
	wholeNodes := count(t, g, `MATCH (n:Entity) RETURN count(n)`, nil)
	wholeEdges := count(t, g, `MATCH (:Entity)-[r]->(:Entity) RETURN count(r)`, nil)

	for format, ext := range map[string]string{"graphml": "graphml", "gexf": "gexf", "cytoscape": "cyjs", "graphology": "graphology.json"} {
		t.Run(format, func(t *testing.T) {
			r := consume(t, format, download(t, srv.URL, format, "ids="+url.QueryEscape(abu)+"&depth=2", "strikegraph-neighbourhood."+ext))
			if r.Nodes != len(api.Nodes) || r.Edges != len(api.Edges) {
				t.Errorf("neighbourhood: the consumer read %d nodes and %d edges; the API gives %d and %d", r.Nodes, r.Edges, len(api.Nodes), len(api.Edges))
			}
			sohr := r.EdgeAttrs["claim:002-sohr-43"]
			if !contains(str(sohr["quote"]), "at least 43 people") || str(sohr["article"]) != "article:002" {
				t.Errorf("SOHR's report lost its quote or article: %v", sohr)
			}
			typ := map[string]string{"graphology": "nodeType"}[format]
			if typ == "" {
				typ = "type"
			}
			if got := str(r.NodeAttrs[abu][typ]); got != "Incident" || str(r.NodeAttrs[abu]["label"]) == "" {
				t.Errorf("%s: type %q, label %q", abu, got, r.NodeAttrs[abu]["label"])
			}
			if format == "gexf" {
				for id, date := range dates {
					start := str(r.NodeAttrs[id]["start"])
					if date == nil && start != "" || date != nil && (len(start) != 10 || !strings.HasPrefix(start, str(date))) {
						t.Errorf("%s dated %v starts at %q", id, date, start)
					}
				}
			}

			r = consume(t, format, download(t, srv.URL, format, "", "strikegraph-graph."+ext))
			if r.Nodes != wholeNodes || r.Edges != wholeEdges {
				t.Errorf("whole graph: the consumer read %d nodes and %d edges; the graph holds %d and %d", r.Nodes, r.Edges, wholeNodes, wholeEdges)
			}

			r = consume(t, format, download(t, srv.URL, format, "where="+url.QueryEscape(`{"date_GTE": "2018-11"}`), "strikegraph-incidents."+ext))
			if r.Nodes != len(apiIncidents.Nodes) || r.Edges != len(apiIncidents.Edges) {
				t.Errorf("incidents: the consumer read %d nodes and %d edges; the API gives %d and %d", r.Nodes, r.Edges, len(apiIncidents.Nodes), len(apiIncidents.Edges))
			}
		})
	}

	t.Run("a cap truncates and says so", func(t *testing.T) {
		resp, err := httpClient.Get(srv.URL + "/export/graphml?maxNodes=10")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		r := consume(t, "graphml", body)
		if r.Nodes != 10 || resp.Header.Get("X-Strikegraph-Truncated") != "true" || resp.Header.Get("X-Strikegraph-Total-Nodes") != "76" {
			t.Errorf("cut at 10: %d nodes, headers %v", r.Nodes, resp.Header)
		}
		// The ten most connected, not the first ten ids (articles, which
		// no edge joins): the cut keeps edges, each between kept nodes
		// (networkx would count an end it was not given as a node).
		if r.Edges < 10 {
			t.Errorf("cut at 10 nodes: %d edges, want the hubs' edges between them", r.Edges)
		}
		t.Logf("cut at 10: %d nodes, %d edges", r.Nodes, r.Edges)
	})

	t.Run("errors are JSON with a stable code", func(t *testing.T) {
		for query, want := range map[string]struct {
			status      int
			code, field string
		}{
			"/export/pdf":                          {400, "BAD_USER_INPUT", "format"},
			"/export/gexf?ids=place:hajin&depth=4": {400, "BAD_USER_INPUT", "depth"},
			"/export/gexf?depth=2":                 {400, "BAD_USER_INPUT", "ids"},
			"/export/gexf?maxNodes=5001":           {400, "BAD_USER_INPUT", "maxNodes"},
			"/export/gexf?where=" + url.QueryEscape(`{"date_GTE": 2018}`): {400, "BAD_USER_INPUT", "where"},
			"/export/gexf?where=" + url.QueryEscape(`{"colour": "red"}`):  {400, "BAD_USER_INPUT", "where"},
			"/export/gexf?ids=place:atlantis":                             {404, "NOT_FOUND", ""},
		} {
			resp, err := httpClient.Get(srv.URL + query)
			if err != nil {
				t.Fatal(err)
			}
			var body map[string]string
			err = json.NewDecoder(resp.Body).Decode(&body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != want.status || body["code"] != want.code || body["field"] != want.field {
				t.Errorf("%s: status %d, body %v (%v), want %d %s %s", query, resp.StatusCode, body, err, want.status, want.code, want.field)
			}
		}
	})
}

// TestWholeGraphExport exports the whole of a generated graph of 10,000
// incidents, which the service streams in pages of its ids, in each format:
// the consumers read every node and edge, with their attributes.
func TestWholeGraphExport(t *testing.T) {
	g := graphtest.Open(t)
	gen, err := graphgen.Write(t.Context(), g.Target.Driver, g.Target.Database, 10_000, 1)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	wholeNodes := count(t, g, `MATCH (n:Entity) RETURN count(n)`, nil)
	wholeEdges := count(t, g, `MATCH (:Entity)-[r]->(:Entity) RETURN count(r)`, nil)
	var claim struct{ ID, Quote, Article string }
	res, err := neo4j.ExecuteQuery(t.Context(), g.Target.Driver, `MATCH (:Incident {id: $id})<-[r:REPORTED]-() RETURN r.id, r.quote, r.article ORDER BY r.id LIMIT 1`,
		map[string]any{"id": gen.Incident.ID}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(g.Target.Database))
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range res.Records {
		claim.ID, claim.Quote, claim.Article = rec.Values[0].(string), rec.Values[1].(string), rec.Values[2].(string)
	}
	if claim.ID == "" {
		t.Fatalf("%s has no report", gen.Incident.ID)
	}
	for format, ext := range map[string]string{"graphml": "graphml", "gexf": "gexf", "cytoscape": "cyjs", "graphology": "graphology.json"} {
		t.Run(format, func(t *testing.T) {
			body, h := downloadWithHeader(t, srv.URL, format, "", "strikegraph-graph."+ext)
			if h.Get("X-Strikegraph-Truncated") != "false" || h.Get("X-Strikegraph-Total-Nodes") != strconv.Itoa(wholeNodes) ||
				h.Get("X-Strikegraph-Total-Edges") != strconv.Itoa(wholeEdges) {
				t.Errorf("headers %v, want the whole graph's %d nodes and %d edges, untruncated", h, wholeNodes, wholeEdges)
			}
			r := consume(t, format, body)
			if r.Nodes != wholeNodes || r.Edges != wholeEdges {
				t.Errorf("the consumer read %d nodes and %d edges; the graph holds %d and %d", r.Nodes, r.Edges, wholeNodes, wholeEdges)
			}
			if got := r.EdgeAttrs[claim.ID]; str(got["quote"]) != claim.Quote || str(got["article"]) != claim.Article {
				t.Errorf("claim %s: %v, want its quote %q and article %s", claim.ID, got, claim.Quote, claim.Article)
			}
			label := str(r.NodeAttrs[gen.Monitor.ID]["label"])
			if label == "" {
				t.Errorf("%s has no label: %v", gen.Monitor.ID, r.NodeAttrs[gen.Monitor.ID])
			}
		})
	}
}

// TestAnnotationExport downloads the whole graph as one annotation document:
// what ExportDocument gives, written as `strikegraph export` writes it, a
// valid document with every entity and claim of the graph.
func TestAnnotationExport(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()

	body := download(t, srv.URL, "annotation", "", "strikegraph.json")
	var want bytes.Buffer
	if err := export.Annotation(&want, g.ExportDocument(t.Context())); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(body, want.Bytes()) {
		t.Errorf("GET /export/annotation differs from ExportDocument (%d and %d bytes)", len(body), want.Len())
	}
	got, err := importer.DecodeDocument(body)
	if err == nil {
		err = got.Validate()
	}
	if err != nil {
		t.Fatalf("the export does not read back: %v", err)
	}
	entities := len(got.Articles) + len(got.Places) + len(got.Actors) + len(got.Incidents)
	if n := count(t, g, `MATCH (n:Entity) RETURN count(n)`, nil); entities != n {
		t.Errorf("%d entities exported; the graph holds %d", entities, n)
	}
	if n := count(t, g, `MATCH ()-[r:REPORTED|DENIED|RESPONDED]->() RETURN count(r)`, nil); len(got.Claims) != n {
		t.Errorf("%d claims exported; the graph holds %d", len(got.Claims), n)
	}

	resp, err := httpClient.Get(srv.URL + "/export/annotation?ids=place:hajin")
	if err != nil {
		t.Fatal(err)
	}
	var refusal map[string]string
	err = json.NewDecoder(resp.Body).Decode(&refusal)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusBadRequest || refusal["code"] != "BAD_USER_INPUT" || refusal["field"] != "query" {
		t.Errorf("with ids: status %d, body %v (%v); want 400 BAD_USER_INPUT on query: the export is the whole graph", resp.StatusCode, refusal, err)
	}
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// TestClaimsCSV reads the claims export with Go's CSV reader: a header, then
// one row a claim, each saying what the API says of it; a where selects as
// claimsConnection's does.
func TestClaimsCSV(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	read := func(query string) []map[string]string { return readClaimsCSV(t, srv.URL, query) }
	count := func(where string) int { return claimCount(t, srv.URL, where) }

	rows := read("")
	if want := count("null"); len(rows) != want || want == 0 {
		t.Fatalf("%d rows, want one for each of the %d claims", len(rows), want)
	}
	var api struct {
		Claim struct {
			Stance     string
			Quote      string
			Speaker    struct{ Name string }
			OnBehalfOf *struct{ Name string }
			Incident   struct {
				ID, Name     string
				Date         struct{ Value, Precision string }
				Perpetrators []struct{ Name string }
			}
			Article struct{ Title, URL string }
			Figures struct {
				Killed *struct {
					Min, Max *int
					Text     string
				}
			}
		}
	}
	const id = "claim:002-sohr-43"
	mustQuery(t, srv.URL, `query($id: ID!) { claim(id: $id) { stance quote speaker { name } onBehalfOf { name }
		incident { id name date { value precision } perpetrators { name } } article { title url } figures { killed { min max text } } } }`,
		map[string]any{"id": id}, &api)
	c := api.Claim
	var row map[string]string
	for _, r := range rows {
		if r["claim"] == id {
			row = r
		}
	}
	if row == nil {
		t.Fatalf("no row for %s", id)
	}
	var perpetrators []string
	for _, p := range c.Incident.Perpetrators {
		perpetrators = append(perpetrators, p.Name)
	}
	want := map[string]string{"stance": c.Stance, "quote": c.Quote, "speaker name": c.Speaker.Name, "on behalf of name": c.OnBehalfOf.Name,
		"incident": c.Incident.ID, "incident name": c.Incident.Name, "incident date": c.Incident.Date.Value, "date precision": c.Incident.Date.Precision,
		"perpetrators": strings.Join(perpetrators, "; "), "article title": c.Article.Title, "article url": c.Article.URL,
		"killed min": strconv.Itoa(*c.Figures.Killed.Min), "killed text": c.Figures.Killed.Text, "retracted": "false", "recorded by": "seed"}
	for col, v := range want {
		if row[col] != v {
			t.Errorf("%s: %q, want %q", col, row[col], v)
		}
	}
	if row["places"] == "" || row["recorded at"] == "" || len(perpetrators) == 0 {
		t.Errorf("%s: places %q, recorded at %q, perpetrators %v: all should be given", id, row["places"], row["recorded at"], perpetrators)
	}

	const sohr = `{"speaker": "monitor:sohr", "stance_IN": ["REPORTED"]}`
	selected := read("?where=" + url.QueryEscape(sohr))
	if want := count(sohr); len(selected) != want || want == 0 || want == len(rows) {
		t.Errorf("where %s: %d rows, want %d of the %d", sohr, len(selected), want, len(rows))
	}
	for _, r := range selected {
		if r["stance"] != "REPORTED" {
			t.Errorf("where %s: a %s claim", sohr, r["stance"])
		}
	}
	resp, err := httpClient.Get(srv.URL + "/export/claims.csv?where=" + url.QueryEscape(`{"colour": "red"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an unknown where field: %d, want 400", resp.StatusCode)
	}
}

// readClaimsCSV reads base's /export/claims.csv?query as rows by column.
func readClaimsCSV(t *testing.T, base, query string) []map[string]string {
	t.Helper()
	resp, err := httpClient.Get(base + "/export/claims.csv" + query)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("%s: %d %s: %s", query, resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
	records, err := csv.NewReader(resp.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, col := range records[0] {
			row[col] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// claimCount is claimsConnection's totalCount for where, a ClaimWhere as JSON.
func claimCount(t *testing.T, base, where string) int {
	t.Helper()
	var out struct{ ClaimsConnection struct{ TotalCount int } }
	mustQuery(t, base, `query($w: ClaimWhere) { claimsConnection(where: $w) { totalCount } }`, map[string]any{"w": json.RawMessage(where)}, &out)
	return out.ClaimsConnection.TotalCount
}
