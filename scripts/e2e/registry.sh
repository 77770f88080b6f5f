#!/usr/bin/env bash
# The project's test registry (testkit: avroconv-test-registry) for the e2e pass, on a port it picks itself.
#   registry.sh up     build it if needed, start it, print the URL clients use: its Confluent API under
#                      /apis/ccompat/v6 (the Apicurio-compatible path, as MSK users often point Connect at)
#   registry.sh down   stop it (by its pid)
# State: $E2E_WORK/registry.pid, registry.url, registry.log. Subjects live in memory: each `up` starts empty.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
pidfile=$E2E_WORK/registry.pid

up() {
  e2e_stop_pid "$pidfile"
  (cd "$e2e_root" && cargo build -q --locked -p avroconv-testkit --bin avroconv-test-registry)
  local bin=${CARGO_TARGET_DIR:-$e2e_root/target}/debug/avroconv-test-registry log=$E2E_WORK/registry.log i url=
  : > "$log"
  nohup "$bin" --port 0 > "$log" 2>&1 &
  echo $! > "$pidfile"
  # It prints `listening on http://127.0.0.1:PORT` once it accepts connections.
  for ((i = 0; i < 100; i++)); do
    url=$(sed -n 's/^listening on //p' "$log")
    [ -z "$url" ] || break
    kill -0 "$(cat "$pidfile")" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$url" ] || { cat "$log" >&2; e2e_die "the test registry did not start"; }
  echo "$url/apis/ccompat/v6" > "$E2E_WORK/registry.url"
  curl -fsS "$url/apis/ccompat/v6/subjects" >/dev/null || e2e_die "the test registry does not answer at $url"
  e2e_log "registry up at $(cat "$E2E_WORK/registry.url")"
  cat "$E2E_WORK/registry.url"
}

case ${1:-} in
  up) up ;;
  down) e2e_stop_pid "$pidfile"; rm -f "$E2E_WORK/registry.url" ;;
  *) echo "usage: registry.sh up | down" >&2; exit 2 ;;
esac
