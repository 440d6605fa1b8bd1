package neo4jtest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/testcontainers/testcontainers-go"
	tcneo4j "github.com/testcontainers/testcontainers-go/modules/neo4j"
	"github.com/testcontainers/testcontainers-go/wait"
)

// defaultImage is the container image used when NEO4J_TEST_IMAGE is not set.
const defaultImage = "neo4j:5.26"

// ContainerLabel marks the containers neo4jtest starts, with the value of
// NEO4J_TEST_LABEL (default 1). Main removes the one it started; a test binary
// that is killed cannot, and without Ryuk (TESTCONTAINERS_RYUK_DISABLED=true)
// nothing else does, so a script that set NEO4J_TEST_LABEL=$run removes what
// such binaries left with
//
//	docker rm -f $(docker ps -aq --filter label=org.strikegraph.neo4jtest=$run)
const ContainerLabel = "org.strikegraph.neo4jtest"

// containerEnv holds the launcher's settings, so that tests meet the same
// limits in a container as with the launcher, and Bolt stops without netty's
// quiet period of 5 s.
var containerEnv = map[string]string{
	"NEO4J_internal_dbms_bolt_netty__server__shutdown__quiet__period": "0",
	"NEO4J_server_memory_heap_max__size":                              "512m",
	"NEO4J_server_memory_pagecache_size":                              "64m",
	"NEO4J_dbms_memory_transaction_total_max":                         "256m",
	"NEO4J_db_memory_transaction_max":                                 "128m",
}

// boltListenEnv carries the Bolt port in host networking, where it cannot be
// mapped: a container reused by name is asked for it.
const boltListenEnv = "NEO4J_server_bolt_listen__address"

// startContainer starts Neo4j in a container with testcontainers-go, set up
// by NEO4J_TEST_IMAGE, NEO4J_TEST_NETWORK, NEO4J_TEST_REUSE,
// NEO4J_TEST_STARTUP_TIMEOUT and NEO4J_TEST_LABEL (see the package
// documentation).
func startContainer(logger *slog.Logger) (*server, error) {
	image := os.Getenv("NEO4J_TEST_IMAGE")
	if image == "" {
		image = defaultImage
	}
	mode := os.Getenv("NEO4J_TEST_NETWORK")
	reuse := os.Getenv("NEO4J_TEST_REUSE")
	label := os.Getenv("NEO4J_TEST_LABEL")
	if label == "" {
		label = "1"
	}
	timeout := containerTimeout
	if v := os.Getenv("NEO4J_TEST_STARTUP_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("NEO4J_TEST_STARTUP_TIMEOUT=%q: want a duration such as 5m", v)
		}
		timeout = d
	}

	opts := []testcontainers.ContainerCustomizer{
		testcontainers.WithLogger(logs),
		tcneo4j.WithoutAuthentication(),
		testcontainers.WithLabels(map[string]string{ContainerLabel: label}),
		testcontainers.WithEnv(containerEnv),
	}
	switch mode {
	case "": // Docker's default network; the ports are mapped to the host
	case "host":
		// Nothing is mapped: Neo4j listens on free ports of the host's
		// loopback, not on 7474 and 7687, which may be taken.
		bolt, http, err := freePorts()
		if err != nil {
			return nil, fmt.Errorf("NEO4J_TEST_NETWORK=host: %w", err)
		}
		opts = append(opts,
			testcontainers.WithHostConfigModifier(func(hc *container.HostConfig) { hc.NetworkMode = "host" }),
			// Without Docker's "bridge" network (dockerd --bridge=none),
			// testcontainers creates a network "reaper_default" and attaches
			// every container to it; in host networking there is none to join.
			testcontainers.WithEndpointSettingsModifier(func(m map[string]*network.EndpointSettings) { clear(m) }),
			testcontainers.WithEnv(map[string]string{
				"NEO4J_server_default__listen__address": "127.0.0.1",
				boltListenEnv:                           fmt.Sprintf(":%d", bolt),
				"NEO4J_server_bolt_advertised__address": fmt.Sprintf("127.0.0.1:%d", bolt),
				"NEO4J_server_http_listen__address":     fmt.Sprintf(":%d", http),
			}))
	default:
		return nil, fmt.Errorf("NEO4J_TEST_NETWORK=%q: want host, or empty for Docker's default network", mode)
	}
	// "Started." is the official image's last line once Bolt and HTTP
	// answer; the discovery page on HTTP answers 200 then. In host
	// networking the log line is enough: testcontainers would ask for the
	// page not on 127.0.0.1 but, when it runs in a container itself, on the
	// gateway of its network, where nothing listens.
	ready := []wait.Strategy{wait.ForLog("Started.").WithStartupTimeout(timeout)}
	if mode == "" {
		ready = append(ready, wait.ForHTTP("/").WithPort("7474/tcp").WithStartupTimeout(timeout))
	}
	opts = append(opts, testcontainers.WithWaitStrategyAndDeadline(timeout, ready...))
	if reuse != "" {
		opts = append(opts, testcontainers.WithReuseByName(reuse))
	}

	ctx, cancel := context.WithTimeout(context.Background(), timeout+time.Minute)
	defer cancel()
	started := time.Now()
	ctr, err := tcneo4j.Run(ctx, image, opts...)
	terminate := func(ctx context.Context) error {
		if ctr == nil {
			return nil
		}
		return testcontainers.TerminateContainer(ctr, testcontainers.StopContext(ctx))
	}
	if reuse != "" {
		// Other test binaries use it too: whoever set NEO4J_TEST_REUSE
		// removes it.
		terminate = func(context.Context) error { return nil }
	}
	if err != nil {
		_ = terminate(context.Background())
		return nil, fmt.Errorf("container %s: %w", image, err)
	}
	uri, err := boltURI(ctx, ctr, mode)
	if err == nil {
		var s *server
		if s, err = connect(ctx, uri, "", "", ""); err == nil {
			if reuse == "" {
				s.stop = terminate
			}
			logger.Info("neo4jtest: started a Neo4j container", "image", image, "uri", uri, "network", mode, "reuse", reuse, "took", time.Since(started).Round(time.Millisecond))
			return s, nil
		}
	}
	_ = terminate(context.Background())
	return nil, fmt.Errorf("container %s: %w", image, err)
}

// boltURI is a direct (bolt://) URI: the routing table of a neo4j:// URI
// would name the address Neo4j sees inside the container.
func boltURI(ctx context.Context, ctr *tcneo4j.Neo4jContainer, mode string) (string, error) {
	if mode != "host" {
		return ctr.PortEndpoint(ctx, "7687/tcp", "bolt")
	}
	info, err := ctr.Inspect(ctx)
	if err != nil {
		return "", err
	}
	for _, e := range info.Config.Env {
		if port, ok := strings.CutPrefix(e, boltListenEnv+"=:"); ok {
			return "bolt://127.0.0.1:" + port, nil
		}
	}
	return "", errors.New("the container's environment names no Bolt port (" + boltListenEnv + ")")
}

// freePorts picks two free ports on the loopback interface. Another process
// may take one before Neo4j binds it; Neo4j then fails to start, and says so.
func freePorts() (int, int, error) {
	var ports [2]int
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, 0, err
		}
		defer l.Close() // held until both are picked, so they differ
		ports[i] = l.Addr().(*net.TCPAddr).Port
	}
	return ports[0], ports[1], nil
}
