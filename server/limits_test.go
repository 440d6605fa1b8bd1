package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// post sends body to /graphql and returns the status and the errors.
func post(t *testing.T, url string, body []byte) (int, []gqlError) {
	t.Helper()
	resp, err := httpClient.Post(url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var res struct{ Errors []gqlError }
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		t.Fatalf("status %d: %v", resp.StatusCode, err)
	}
	return resp.StatusCode, res.Errors
}

func queryBody(q string) []byte {
	b, _ := json.Marshal(map[string]any{"query": q})
	return b
}

// deepQuery nests fields depth deep through claims and their articles, with
// an inline fragment and a fragment spread on the way, which count too. It
// has four lists, so that its complexity stays under the default limit.
func deepQuery(depth int) string {
	leaf := map[int]string{12: "claims { id }", 13: "claims { speaker { name } }"}[depth]
	return `{ claim(id: "claim:002-sohr-43") { ...C } }
	fragment C on Claim { speaker { claims { incident { claims { article { ... on Article { publisher {
		claims { article { publisher { ` + leaf + ` } } } } } } } } } } }`
}

// TestOverLimitRequestsSendNoCypher sends one request over each limit to a
// service with the production limits: each is rejected with its code, before
// a single query reaches Neo4j.
func TestOverLimitRequestsSendNoCypher(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()

	// Every alias costs over a thousand: its three lists of claims are each
	// taken to hold ten.
	var wide strings.Builder
	wide.WriteString("{")
	for i := range 100 {
		fmt.Fprintf(&wide, ` a%d: actor(id: "monitor:sohr") { claims { speaker { claims { incident { claims { id } } } } } }`, i)
	}
	wide.WriteString(" }")
	// Each fragment spreads the next one twice: 2^64 fields in 700 bytes.
	var bomb strings.Builder
	bomb.WriteString("{ ...F0 }")
	for i := range 64 {
		fmt.Fprintf(&bomb, " fragment F%d on Query { ...F%d ...F%d }", i, i+1, i+1)
	}
	bomb.WriteString(" fragment F64 on Query { serverInfo { database } }")

	for _, tc := range []struct {
		name   string
		body   []byte
		status int
		code   string
	}{
		{"depth", queryBody(deepQuery(server.DefaultMaxDepth + 1)), http.StatusUnprocessableEntity, "QUERY_TOO_DEEP"},
		{"complexity", queryBody(wide.String()), http.StatusUnprocessableEntity, "COMPLEXITY_LIMIT_EXCEEDED"},
		{"fragments spread twice", queryBody(bomb.String()), http.StatusUnprocessableEntity, "TOO_MANY_FIELDS"},
		{"tokens", queryBody("{" + strings.Repeat(" serverInfo { database }", server.DefaultMaxTokens/4+1) + " }"), http.StatusUnprocessableEntity, "TOO_MANY_TOKENS"},
		{"body", fmt.Appendf(nil, `{"query": "{ serverInfo { database } }", "variables": {"pad": %q}}`, strings.Repeat("x", server.DefaultMaxBodyBytes)),
			http.StatusRequestEntityTooLarge, "REQUEST_TOO_LARGE"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := g.RoundTrips()
			status, errs := post(t, srv.URL, tc.body)
			if len(errs) != 1 || errs[0].Extensions["code"] != tc.code {
				t.Fatalf("errors %+v, want one with code %s", errs, tc.code)
			}
			t.Logf("%d %s", status, errs[0].Message)
			if status != tc.status {
				t.Errorf("status %d, want %d", status, tc.status)
			}
			if sent := g.RoundTrips() - before; sent != 0 {
				t.Errorf("%d queries sent to Neo4j, want none", sent)
			}
		})
	}
}

// TestQueriesWithinLimitsPass checks that the production limits let through
// a query at the depth limit, the deepest query of the other tests and
// GraphiQL's introspection query.
func TestQueriesWithinLimitsPass(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()

	var claim struct {
		Claim struct{ Speaker struct{ Claims []any } }
	}
	mustQuery(t, srv.URL, deepQuery(server.DefaultMaxDepth), nil, &claim)
	if len(claim.Claim.Speaker.Claims) == 0 {
		t.Error("the query at the depth limit returned nothing")
	}
	mustQuery(t, srv.URL, `{ incidents { claims { speaker { name claims { quote incident { name } article { name publisher { name } } } } } } }`, nil, nil)

	var schema struct {
		Schema struct{ Types []struct{ Name string } } `json:"__schema"`
	}
	mustQuery(t, srv.URL, introspectionQuery, nil, &schema)
	if len(schema.Schema.Types) < 20 {
		t.Errorf("introspection returned %d types", len(schema.Schema.Types))
	}
}

// introspectionQuery is what GraphiQL sends (graphql-js's
// getIntrospectionQuery, with the options GraphiQL turns on).
const introspectionQuery = `
query IntrospectionQuery {
  __schema {
    description
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types { ...FullType }
    directives {
      name
      description
      isRepeatable
      locations
      args(includeDeprecated: true) { ...InputValue }
    }
  }
}

fragment FullType on __Type {
  kind
  name
  description
  specifiedByURL
  fields(includeDeprecated: true) {
    name
    description
    args(includeDeprecated: true) { ...InputValue }
    type { ...TypeRef }
    isDeprecated
    deprecationReason
  }
  inputFields(includeDeprecated: true) { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) {
    name
    description
    isDeprecated
    deprecationReason
  }
  possibleTypes { ...TypeRef }
}

fragment InputValue on __InputValue {
  name
  description
  type { ...TypeRef }
  defaultValue
  isDeprecated
  deprecationReason
}

fragment TypeRef on __Type {
  kind
  name
  ofType {
    kind
    name
    ofType {
      kind
      name
      ofType {
        kind
        name
        ofType {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
                ofType {
                  kind
                  name
                  ofType {
                    kind
                    name
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}`
