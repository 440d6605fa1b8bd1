package server_test

import (
	"net/http/httptest"
	"testing"

	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// generatedIncidents is the size of the generated corpus the list tests and
// benchmarks run on.
const generatedIncidents = 10000

// TestListsOnGeneratedCorpus runs the filter, sort, paging, timeline and
// totals checks of the seed corpus on 10,000 generated incidents, where hubs
// and long lists are real.
func TestListsOnGeneratedCorpus(t *testing.T) {
	g := graphtest.Generated(t, generatedIncidents)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	checkLists(t, srv.URL, g, 500)
}
