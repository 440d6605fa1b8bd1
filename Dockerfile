# The service's image: docs/containers.md. No registry is needed: the build
# stage's base is made on this machine by scripts/build-image, which builds
# this file too:
#
#   scripts/build-image              strikegraph:latest
#
# By hand, once strikegraph/build-base:bookworm exists (the RUN steps fetch Go
# modules and npm packages, and with dockerd's --bridge=none only the host's
# network reaches them):
#
#   docker build --network=host -t strikegraph .

# Build: what `make build` does (web, then build), with Go and Node.js from
# the base image, the binary static (CGO_ENABLED=0) for the empty final stage.
FROM strikegraph/build-base:bookworm AS build
ENV CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOCACHE=/tmp/go-cache GOMODCACHE=/tmp/go-mod GOTOOLCHAIN=local
WORKDIR /src
# Dependencies first: this layer is kept while the go.mod files and the
# lockfile stay. go.mod replaces launcher and neo4jtest with their folders,
# whose go.mod files it reads.
COPY go.mod go.sum ./
COPY launcher/go.mod launcher/
COPY neo4jtest/go.mod neo4jtest/
COPY web/package.json web/package-lock.json web/
RUN go mod download && npm ci --prefix web --no-audit --no-fund --loglevel=error
COPY . .
# /out is the final image's whole file system, copied in one step: each
# COPY --from is slow on the vfs storage driver.
RUN npm run --prefix web --silent build \
 && mkdir -p /out/bin /out/etc/ssl/certs /out/tmp && chmod 1777 /out/tmp \
 && go build -trimpath -ldflags=-s -o /out/strikegraph ./cmd/strikegraph \
 && cp /usr/bin/busybox /out/bin/busybox \
 && cp /usr/local/share/debian-ca-certificates.crt /out/etc/ssl/certs/ca-certificates.crt \
 && echo 'strikegraph:x:10001:10001::/tmp:/sbin/nologin' >/out/etc/passwd \
 && echo 'strikegraph:x:10001:' >/out/etc/group

# Run: the binary, Debian's CA certificates (for neo4j+s://), and busybox for
# the health check; nothing else.
FROM scratch
COPY --from=build /out/ /
USER 10001:10001
# Every interface, not the binary's default 127.0.0.1; NEO4J_URI is required:
# no local Neo4j can be started here (there is no Java).
ENV STRIKEGRAPH_ADDR=:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["/bin/busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/readyz"]
ENTRYPOINT ["/strikegraph"]
CMD ["serve"]
