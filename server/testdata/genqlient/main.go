// Command genqlient asks Strikegraph, at the URL given, two questions
// through a client genqlient generated from the schema (go generate), and
// prints the answers as JSON, for server/clients_test.go to check.
package main

//go:generate go tool genqlient

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"

	"github.com/Khan/genqlient/graphql"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genqlient URL")
		os.Exit(2)
	}
	ctx := context.Background()
	client := graphql.NewClient(os.Args[1], http.DefaultClient)
	incident, err := Incident(ctx, client, "incident:2018-11-17-abu-al-hassan")
	if err != nil {
		fail(err)
	}
	// A where with a NOT: the recursive input type.
	coalition, notCoalition := "group:us-led-coalition", "group:us-led-coalition"
	where := &IncidentWhere{Perpetrator: &coalition, NOT: &IncidentWhere{Perpetrator: &notCoalition}}
	none, err := Incidents(ctx, client, where)
	if err != nil {
		fail(err)
	}
	from2018 := "2018"
	before, err := Incidents(ctx, client, &IncidentWhere{Perpetrator: &coalition, NOT: &IncidentWhere{Date_GTE: &from2018}})
	if err != nil {
		fail(err)
	}
	out := map[string]any{"incident": incident, "none": none, "before": before}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
