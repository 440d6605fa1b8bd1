package server_test

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
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
