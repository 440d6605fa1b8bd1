# The two commands a fresh machine needs:
#   make run    serve GraphQL on http://127.0.0.1:8080/graphql and the explorer
#               on http://127.0.0.1:8080/explorer/ (a local Neo4j is started,
#               and the seed corpus loaded, unless NEO4J_URI is set)
#   make test   run every check and test against a real Neo4j
GO ?= go

.PHONY: run test unit bench bench-scale bench-import build web generate lint check-generated tools neo4j-image

# The binary, not `go run`, so that SIGTERM reaches the service and it can
# drain requests and stop the local Neo4j.
run: build
	@[ -n "$$NEO4J_URI" ] || scripts/ensure-tools
	exec bin/strikegraph serve

# -buildvcs=auto stamps the commit that strikegraph version prints, even
# where GOFLAGS says -buildvcs=false (as on our machines).
build: web
	$(GO) build -buildvcs=auto -o bin/strikegraph ./cmd/strikegraph

# The explorer and GraphiQL: npm packages at the lockfile's versions, bundled
# by esbuild into web/dist, which the binary embeds. Each step runs again only
# when what it reads has changed.
web: web/dist/.built

web/node_modules/.package-lock.json: web/package-lock.json
	@scripts/ensure-tools --web
	npm ci --prefix web --no-audit --no-fund --loglevel=error

web/dist/.built: web/node_modules/.package-lock.json web/build.mjs $(wildcard web/src/*)
	npm run --prefix web --silent build
	@touch $@

generate:
	scripts/generate

tools:
	@scripts/ensure-tools --tests

# The service's module and the light ones inside it: the local Neo4j, the
# test harness other projects import, and its example importer
# (docs/testing.md). ./... in one module stops at the next go.mod.
MODULES = . launcher neo4jtest neo4jtest/example

# Each module's go.mod and go.sum must be complete (a clean clone builds with
# no `go mod tidy`), and tidy must not raise a go line.
lint:
	@test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	@for m in $(MODULES); do \
		echo "lint $$m: go mod tidy -diff, go vet, staticcheck"; \
		(cd $$m && $(GO) mod tidy -diff && $(GO) vet ./... && \
			$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...) || exit 1; \
	done

check-generated:
	@scripts/check-generated

# The fast tier: the tests that need no Neo4j (go test -short skips those
# that ask neo4jtest for a database), in seconds once built.
unit:
	@for m in $(MODULES); do (cd $$m && $(GO) test -short -count=1 ./...) || exit 1; done

# The Neo4j image of neo4jtest's container path, built without a registry
# (docs/containers.md); kept, and rebuilt only when its inputs change. Needs
# root: Debian's docker.io is installed and dockerd started if missing.
NEO4J_TEST_IMAGE ?= strikegraph/neo4j:5.26
neo4j-image:
	@scripts/ensure-tools --docker
	scripts/build-neo4j-image $(NEO4J_TEST_IMAGE)

# The harness's own tests run first without NEO4J_URI, so that they start a
# Neo4j themselves, as another project's tests would: once with the launcher,
# once in a container through testcontainers-go. dockerd runs without a
# bridge, hence host networking; Ryuk's image cannot be pulled, so Main stops
# the container, and the run fails if it did not (a container labelled with
# this run is left). Everything else then shares one local Neo4j, started
# once: NEO4J_URI reaches every test binary, and neo4jtest gives each test the
# database to itself in turn; the example importer of neo4jtest, a module of
# its own, last.
test: tools web lint check-generated neo4j-image
	env -u NEO4J_URI NEO4J_TEST_START=launcher $(GO) test -C neo4jtest -count=1 ./...
	@run=make-test-$$$$; \
	env -u NEO4J_URI NEO4J_TEST_START=container NEO4J_TEST_IMAGE=$(NEO4J_TEST_IMAGE) NEO4J_TEST_NETWORK=host \
		NEO4J_TEST_LABEL=$$run TESTCONTAINERS_RYUK_DISABLED=true $(GO) test -C neo4jtest -count=1 ./...; status=$$?; \
	left=$$(docker ps -aq --filter label=org.strikegraph.neo4jtest=$$run); \
	if [ -n "$$left" ]; then echo "neo4jtest left its container: $$left" >&2; docker rm -f $$left >/dev/null; status=1; fi; \
	exit $$status
	@home=$$(mktemp -d); trap 'rm -rf "$$home"' EXIT; \
	$(GO) run ./cmd/strikegraph neo4j --local-neo4j-port 0 --local-neo4j-home "$$home" -- \
		sh -c '$(GO) test -count=1 -timeout 45m ./... && $(GO) test -C neo4jtest/example -count=1 ./...'

# Benchmarks on the generated corpus (10,000 incidents), against a local Neo4j
# of their own; each query's p50 and p95 are reported in ms.
bench: tools
	@home=$$(mktemp -d); trap 'rm -rf "$$home"' EXIT; \
	$(GO) run ./cmd/strikegraph neo4j --local-neo4j-port 0 --local-neo4j-home "$$home" -- \
		$(GO) test -run '^$$' -bench Queries -benchtime 200x -timeout 30m ./server/

# The anchored list queries and the four questions of the side-by-side
# benchmark on generated graphs of 10,000 and 100,000 incidents, written
# straight into Neo4j by package graphgen (docs/scale-benchmark.md), against
# a local Neo4j of its own (heap 1g, page cache 1g: the larger graph fits);
# each query's p50 and p95 in ms, each timed for 5 s. BENCH_SIZES picks the
# sizes by name: make bench-scale BENCH_SIZES==10k
BENCH_SIZES ?= .
bench-scale: tools
	@home=$$(mktemp -d); trap 'rm -rf "$$home"' EXIT; \
	$(GO) run ./cmd/strikegraph neo4j --local-neo4j-port 0 --local-neo4j-home "$$home" \
		--local-neo4j-heap 1g --local-neo4j-pagecache 1g -- \
		$(GO) test -run '^$$' -bench 'Scale/$(BENCH_SIZES)' -benchtime 5s -timeout 60m ./server/

# The import of a generated ACLED export of 100,000 rows over POST /import,
# and of a generated corpus of 10,000 incidents as strikegraph import does:
# into an empty graph, then again unchanged, and by the floor (the same rows
# by plain UNWIND … MERGE statements, server/testdata/import_floor.cypher),
# against a local Neo4j of its own (heap 512m); rows/s (items/s for the
# corpus) for each. Each run imports the whole file, hence 1x. Batches of 100
# and 2000 rows too: make bench-import BENCH_IMPORT=Import
BENCH_IMPORT ?= Import(ACLED|Documents)/(floor|project|batch=500|again)$$
bench-import: tools
	@home=$$(mktemp -d); trap 'rm -rf "$$home"' EXIT; \
	$(GO) run ./cmd/strikegraph neo4j --local-neo4j-port 0 --local-neo4j-home "$$home" -- \
		$(GO) test -run '^$$' -bench '$(BENCH_IMPORT)' -benchtime 1x -timeout 60m ./server/
