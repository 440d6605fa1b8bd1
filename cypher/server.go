package cypher

import (
	"context"

	"github.com/strikegraph/strikegraph"
)

// FindServerInfo asks Neo4j which version and database it serves.
func (db *DB) FindServerInfo(ctx context.Context) (*strikegraph.ServerInfo, error) {
	recs, err := db.read(ctx, findServerInfo, nil)
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 {
		return nil, &strikegraph.Error{Code: strikegraph.ECodeInternal, Message: "internal error"}
	}
	m := recs[0].AsMap()
	return &strikegraph.ServerInfo{
		Neo4jVersion: m["version"].(string),
		Neo4jEdition: m["edition"].(string),
		Database:     m["database"].(string),
	}, nil
}
