package server_test

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"reflect"
	"slices"
	"testing"

	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// TestGenqlient generates a Go client from the schema with genqlient, with
// the one setting docs/clients.md names (optional: pointer), and asks the
// seed corpus through it: the recursive NOT of a where input compiles and
// filters, and a figure with no upper bound ("at least 43")
// reads as nil, not 0. The client is a module of its own in
// testdata/genqlient; its first run downloads genqlient.
func TestGenqlient(t *testing.T) {
	srv := httptest.NewServer(server.Handler(graphtest.Seeded(t), graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	run := func(args ...string) []byte {
		t.Helper()
		cmd := exec.CommandContext(t.Context(), "go", args...)
		cmd.Dir = "testdata/genqlient"
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		out, err := cmd.Output()
		if err != nil {
			stderr := ""
			if e, ok := err.(*exec.ExitError); ok {
				stderr = string(e.Stderr)
			}
			t.Fatalf("go %v: %v\n%s", args, err, stderr)
		}
		return out
	}
	run("tool", "genqlient")
	var got struct {
		Incident struct {
			Incident struct {
				Claims []struct {
					ID      string
					Figures struct {
						Killed *struct {
							Min, Max *int
							Text     string
						}
					}
				}
			}
		}
		None, Before struct {
			Incidents []struct{ ID string }
		}
	}
	if err := json.Unmarshal(run("run", ".", srv.URL+"/graphql"), &got); err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(got.Incident.Incident.Claims, func(c struct {
		ID      string
		Figures struct {
			Killed *struct {
				Min, Max *int
				Text     string
			}
		}
	}) bool {
		return c.ID == "claim:002-sohr-43"
	})
	if i < 0 {
		t.Fatalf("no claim:002-sohr-43 among %+v", got.Incident.Incident.Claims)
	}
	k := got.Incident.Incident.Claims[i].Figures.Killed
	if k == nil || k.Min == nil || *k.Min != 43 || k.Max != nil || k.Text != "at least 43 people" {
		t.Errorf("SOHR's killed figure through genqlient: %+v; want min 43, no max", k)
	}
	if len(got.None.Incidents) != 0 {
		t.Errorf("the coalition's and NOT the coalition's: %v, want none", got.None.Incidents)
	}
	var before []string
	for _, in := range got.Before.Incidents {
		before = append(before, in.ID)
	}
	if !slices.Contains(before, "incident:000-al-shadadi-bakery") || slices.Contains(before, "incident:2018-11-17-abu-al-hassan") {
		t.Errorf("the coalition's, NOT from 2018: %v; want the al-Shadadi bakery, not the Abu al-Hassan strikes", before)
	}
}

// TestGraphQLCodegen generates TypeScript types from the schema with
// graphql-codegen's client preset (testdata/codegen/codegen.ts: its defaults,
// and the two settings docs/clients.md names for a project of ES modules run
// in Node), compiles them with tsc in strict mode and runs the result against the seed
// corpus: a figure with no upper bound, where inputs with NOT and AND, the
// JSON scalar, and two mutations with input objects. Each answer must be what
// the API gives the same query. The packages come from scripts/ensure-tools
// --tests (npm ci in testdata).
func TestGraphQLCodegen(t *testing.T) {
	s := newWriteServer(t, graphtest.Seeded(t))
	run := func(name string, args ...string) []byte {
		t.Helper()
		cmd := exec.CommandContext(t.Context(), name, args...)
		cmd.Dir = "testdata/codegen"
		cmd.Env = append(os.Environ(), "STRIKEGRAPH_KEY="+s.editor)
		out, err := cmd.Output()
		if err != nil {
			stderr := ""
			if e, ok := err.(*exec.ExitError); ok {
				stderr = string(e.Stderr)
			}
			t.Fatalf("%s %v (run scripts/ensure-tools --tests): %v\n%s%s", name, args, err, out, stderr)
		}
		return out
	}
	run("../node_modules/.bin/graphql-codegen")
	run("../node_modules/.bin/tsc", "-p", ".")
	var got struct {
		Incident                 json.RawMessage
		Unbounded                []string
		MaxMayBeNull, JSONNotAny bool
		All, None, Before        []string
		Properties               json.RawMessage
		Report                   struct {
			Outcome string
			Claim   struct {
				ID      string
				Figures json.RawMessage
			}
		}
	}
	out := run("node", "out/main.js", s.url+"/graphql")
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !got.MaxMayBeNull || !got.JSONNotAny {
		t.Errorf("the type checks in main.ts: %s", out)
	}
	// same fails unless a and b are the same JSON.
	same := func(what string, a, b any) {
		t.Helper()
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		var va, vb any
		if err := json.Unmarshal(ja, &va); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(jb, &vb); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(va, vb) {
			t.Errorf("%s through graphql-codegen: %s\nthrough the API: %s", what, ja, jb)
		}
	}
	const id, coalition = "incident:2018-11-17-abu-al-hassan", "group:us-led-coalition"

	type figure struct {
		Min, Max *int
		Text     string
	}
	var toll struct{ Incident json.RawMessage }
	mustQuery(t, s.url, `query($id: ID!) { incident(id: $id) { name toll { lowest highest } claims(stance: REPORTED) { id figures { killed { min max text } } } } }`,
		map[string]any{"id": id}, &toll)
	var incident struct {
		Claims []struct {
			ID      string
			Figures struct{ Killed *figure }
		}
	}
	if err := json.Unmarshal(toll.Incident, &incident); err != nil {
		t.Fatal(err)
	}
	var unbounded []string
	for _, c := range incident.Claims {
		if c.Figures.Killed != nil && c.Figures.Killed.Max == nil {
			unbounded = append(unbounded, c.ID)
		}
	}
	if len(unbounded) == 0 {
		t.Fatalf("no claim about %s gives a figure with no upper bound: %s", id, toll.Incident)
	}
	same("the incident", got.Incident, toll.Incident)
	same("the figures with no upper bound", got.Unbounded, unbounded)

	incidents := func(where map[string]any) []string {
		var res struct{ Incidents []struct{ ID string } }
		mustQuery(t, s.url, `query($where: IncidentWhere) { incidents(where: $where, sort: [{date: ASC}]) { id } }`, map[string]any{"where": where}, &res)
		ids := []string{}
		for _, in := range res.Incidents {
			ids = append(ids, in.ID)
		}
		return ids
	}
	all := incidents(map[string]any{"perpetrator": coalition})
	before := incidents(map[string]any{"AND": []any{map[string]any{"perpetrator": coalition}, map[string]any{"NOT": map[string]any{"date_GTE": "2018"}}}})
	if len(before) == 0 || len(before) >= len(all) {
		t.Fatalf("the coalition's: %v, and not from 2018 on: %v; want fewer, not none", all, before)
	}
	same("the coalition's incidents", got.All, all)
	same("the coalition's and NOT the coalition's", got.None, incidents(map[string]any{"perpetrator": coalition, "NOT": map[string]any{"perpetrator": coalition}}))
	same("the coalition's, AND NOT from 2018 on", got.Before, before)

	var network struct {
		Neighbourhood struct {
			Nodes []struct {
				ID         string
				Properties map[string]any
			}
		}
	}
	mustQuery(t, s.url, `query($ids: [ID!]!) { neighbourhood(ids: $ids) { nodes { id properties } } }`, map[string]any{"ids": []string{id}}, &network)
	i := slices.IndexFunc(network.Neighbourhood.Nodes, func(n struct {
		ID         string
		Properties map[string]any
	}) bool {
		return n.ID == id
	})
	if i < 0 || len(network.Neighbourhood.Nodes[i].Properties) == 0 {
		t.Fatalf("%s in its neighbourhood: %+v", id, network)
	}
	same("the incident's properties (JSON)", got.Properties, network.Neighbourhood.Nodes[i].Properties)

	if got.Report.Outcome != "CREATED" {
		t.Errorf("recordReport through graphql-codegen: %s, want CREATED", out)
	}
	var claim struct {
		Claim *struct{ Figures json.RawMessage }
	}
	mustQuery(t, s.url, `query($id: ID!) { claim(id: $id) { figures { killed { min max text } } } }`, map[string]any{"id": got.Report.Claim.ID}, &claim)
	var recorded struct{ Killed *figure }
	if claim.Claim != nil {
		if err := json.Unmarshal(claim.Claim.Figures, &recorded); err != nil {
			t.Fatal(err)
		}
	}
	if recorded.Killed == nil || recorded.Killed.Max != nil {
		t.Fatalf("the claim recorded through graphql-codegen, %s: %+v; want a killed figure with no max", got.Report.Claim.ID, claim.Claim)
	}
	same("the figures recorded", got.Report.Claim.Figures, claim.Claim.Figures)
}
