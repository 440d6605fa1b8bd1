#!/bin/bash
# The entry point of the Neo4j image that scripts/build-neo4j-image builds. It
# keeps the parts of the official neo4j image's contract that clients and
# tests rely on:
#
#   NEO4J_AUTH   none (no authentication) or neo4j/PASSWORD (at least 8
#                characters; set when /data holds no users yet). Unset:
#                user neo4j, password neo4j, to be changed at first login.
#   NEO4J_*      a setting each: drop NEO4J_, "__" becomes "_", "_" becomes
#                ".": NEO4J_server_memory_heap_max__size=1g is
#                server.memory.heap.max_size=1g. Names without a dot after
#                that (NEO4J_URI, …) are not settings and are ignored.
#   ports        7474 (HTTP), 7687 (Bolt), on every interface
#   /data /logs  the databases and the logs
#   the log      on standard output, ending with "Started." once Bolt and
#                HTTP answer
#
# Command "neo4j" (the default) starts the server; any other command is run
# as given.
set -euo pipefail

home=${NEO4J_HOME:-/var/lib/neo4j}
if [ "${1:-neo4j}" != neo4j ]; then
  exec "$@"
fi

# Settings in order, later ones replacing earlier ones: the image's defaults,
# then the environment's.
declare -A value
order=()
set_setting() {
  [ -n "${value[$1]+set}" ] || order+=("$1")
  value[$1]=$2
}
set_setting server.default_listen_address 0.0.0.0
set_setting server.directories.data /data
set_setting server.directories.logs /logs
set_setting dbms.usage_report.enabled false

for var in $(compgen -e); do
  case $var in
    NEO4J_AUTH | NEO4J_HOME | NEO4J_CONF | NEO4J_ACCEPT_LICENSE_AGREEMENT | NEO4J_EDITION | NEO4J_PLUGINS | NEO4J_DEBUG) continue ;;
    NEO4J_*) ;;
    *) continue ;;
  esac
  key=${var#NEO4J_}
  key=${key//__/$'\x01'}
  key=${key//_/.}
  key=${key//$'\x01'/_}
  [[ $key == *.* ]] || continue
  set_setting "$key" "${!var}"
done

auth=${NEO4J_AUTH:-}
password=
case $auth in
  none) set_setting dbms.security.auth_enabled false ;;
  '') ;;
  neo4j/*)
    password=${auth#neo4j/}
    password=${password%/true}
    ;;
  *)
    echo "NEO4J_AUTH must be none or neo4j/PASSWORD, not ${auth%%/*}/…" >&2
    exit 1
    ;;
esac

# The JVM's settings are the launcher's (bin/neo4j reads them from neo4j.conf;
# here java is started directly).
jvm=()
while read -r line; do
  [ -n "$line" ] && [ "${line:0:1}" != "#" ] && jvm+=("$line")
done <"$home/jvm.options"
[ -n "${value[server.memory.heap.initial_size]+set}" ] && jvm+=("-Xms${value[server.memory.heap.initial_size]}")
[ -n "${value[server.memory.heap.max_size]+set}" ] && jvm+=("-Xmx${value[server.memory.heap.max_size]}")
if [ -n "${value[server.jvm.additional]+set}" ]; then
  while IFS= read -r line; do
    [ -n "$line" ] && jvm+=("$line")
  done <<<"${value[server.jvm.additional]}"
fi

conf=$home/conf/neo4j.conf
: >"$conf"
for key in "${order[@]}"; do
  case $key in server.memory.heap.* | server.jvm.additional) continue ;; esac
  printf '%s=%s\n' "$key" "${value[$key]}" >>"$conf"
done

classpath="$home/lib/*"
if [ -n "$password" ] && [ ! -e "${value[server.directories.data]}/dbms/auth.ini" ]; then
  NEO4J_HOME=$home NEO4J_CONF=$home/conf java -Xmx128m -cp "$classpath" org.neo4j.cli.AdminTool \
    dbms set-initial-password "$password" >&2
fi

# exec: the JVM gets SIGTERM from `docker stop` and shuts Neo4j down cleanly.
exec java "${jvm[@]}" -cp "$classpath" org.neo4j.server.CommunityEntryPoint \
  --home-dir="$home" --config-dir="$home/conf" --console-mode
