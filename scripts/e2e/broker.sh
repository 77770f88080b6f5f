#!/usr/bin/env bash
# The Kafka-protocol broker tansu (scripts/e2e/tansu.sh builds it once into the cache) for the e2e pass.
#   broker.sh up                      start it on a free port on 127.0.0.1, with a fresh sqlite:// store; prints
#                                     the bootstrap address
#   broker.sh topic NAME [PARTITIONS] create a topic (tansu does not create topics on first use); default 1
#   broker.sh down                    stop it (by its pid)
# The sqlite engine, not memory://: the memory engine reports wrong end offsets (see tansu.sh).
# State: $E2E_WORK/broker/ (store, log), broker.pid, broker.port.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
pidfile=$E2E_WORK/broker.pid
dir=$E2E_WORK/broker

up() {
  e2e_stop_pid "$pidfile"
  local tansu port
  tansu=$("$e2e_root/scripts/e2e/tansu.sh")
  rm -rf "$dir" && mkdir -p "$dir"
  port=$(e2e_free_port)
  # No telemetry export; the store is relative to the working folder.
  # (cd first, then start the one command alone: `cd && cmd &` would background a subshell, and $! be its pid.)
  (cd "$dir"
   env -u OTEL_EXPORTER_OTLP_ENDPOINT RUST_LOG="${RUST_LOG:-warn}" nohup "$tansu" broker \
     --listener-url "tcp://127.0.0.1:$port" --advertised-listener-url "tcp://127.0.0.1:$port" \
     --storage-engine sqlite://tansu.db > "$dir/broker.log" 2>&1 &
   echo $! > "$pidfile")
  e2e_wait_tcp "$port" "$pidfile" 30 || { cat "$dir/broker.log" >&2; e2e_die "tansu did not start"; }
  echo "$port" > "$E2E_WORK/broker.port"
  e2e_log "broker up on 127.0.0.1:$port"
  echo "127.0.0.1:$port"
}

topic() {
  local name=${1:?topic NAME} partitions=${2:-1} tansu
  tansu=$("$e2e_root/scripts/e2e/tansu.sh")
  env -u OTEL_EXPORTER_OTLP_ENDPOINT "$tansu" topic create "$name" --partitions "$partitions" \
    --broker "tcp://127.0.0.1:$(cat "$E2E_WORK/broker.port")" >/dev/null
  e2e_log "topic $name created ($partitions partition(s))"
}

case ${1:-} in
  up) up ;;
  topic) shift; topic "$@" ;;
  down) e2e_stop_pid "$pidfile"; rm -f "$E2E_WORK/broker.port" ;;
  *) echo "usage: broker.sh up | topic NAME [PARTITIONS] | down" >&2; exit 2 ;;
esac
