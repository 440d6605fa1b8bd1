package strikegraph

import "context"

// ServerInfo says what a Strikegraph service runs on, as Neo4j itself reports it.
type ServerInfo struct {
	Neo4jVersion string
	Neo4jEdition string
	Database     string
}

// ServerService reports on the database behind the service.
type ServerService interface {
	FindServerInfo(ctx context.Context) (*ServerInfo, error)
	Ping(ctx context.Context) error
}
