package server_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// checkHeavyReadsUnderLoad sends 32 neighbourhoods of three levels at once,
// from the busiest monitor of a generated graph, as a hostile client would:
// each is answered or refused OVERLOADED by the service's admission, never by
// Neo4j running out of memory and never with another code, while a
// bystander's small queries all succeed.
func checkHeavyReadsUnderLoad(t *testing.T, g *graphtest.Graph) {
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	var busiest struct {
		ReporterTotals []struct{ Reporter struct{ ID string } }
	}
	mustQuery(t, srv.URL, `{ reporterTotals(first: 1) { reporter { id } } }`, nil, &busiest)
	heavy := fmt.Sprintf(`{ neighbourhood(ids: [%q], depth: 3, maxNodes: 5000) {
		totalNodes nodes { id } edges { type from to } } }`, busiest.ReporterTotals[0].Reporter.ID)

	stop := make(chan struct{})
	bystander := make(chan error, 1)
	go func() {
		defer close(bystander)
		for {
			select {
			case <-stop:
				return
			default:
			}
			errs, err := postQuery(srv.URL, `{ incidents(limit: 1) { id name } }`)
			if err == nil && len(errs) > 0 {
				err = fmt.Errorf("%s: %s", errs[0].Extensions["code"], errs[0].Message)
			}
			if err != nil {
				bystander <- err
				return
			}
		}
	}()

	var mu sync.Mutex
	outcomes := map[string]int{}
	var wg sync.WaitGroup
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs, err := postQuery(srv.URL, heavy)
			outcome := "answered"
			switch {
			case err != nil:
				outcome = err.Error()
			case len(errs) > 0 && errs[0].Extensions["code"] == "OVERLOADED" && strings.Contains(errs[0].Message, "heavy reads"):
				outcome = "OVERLOADED"
			case len(errs) > 0:
				outcome = fmt.Sprintf("%s: %s", errs[0].Extensions["code"], errs[0].Message)
			}
			mu.Lock()
			outcomes[outcome]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	close(stop)
	if err := <-bystander; err != nil {
		t.Errorf("the bystander's query failed: %v", err)
	}
	t.Logf("32 heavy neighbourhoods at once: %v", outcomes)
	if outcomes["answered"] == 0 || outcomes["answered"]+outcomes["OVERLOADED"] != 32 {
		t.Errorf("32 heavy neighbourhoods at once: %v; want answers and the admission's OVERLOADED only", outcomes)
	}
}
