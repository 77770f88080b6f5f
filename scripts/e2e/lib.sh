# Sourced by the scripts in scripts/e2e: where the e2e pass keeps its state, ports, pid files, waiting.
# Every service writes $E2E_WORK/<name>.pid (and what clients need: pg.port, broker.port, registry.url), so a
# later call, or run.sh's trap, stops exactly the processes it started, by pid.
e2e_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export E2E_WORK=${E2E_WORK:-$e2e_root/target/e2e}
mkdir -p "$E2E_WORK"

e2e_log() { printf '[e2e %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
e2e_die() { e2e_log "FAIL: $*"; exit 1; }

# A port that is free on 127.0.0.1 now (the kernel's pick). Services that can bind port 0 themselves (the test
# registry) do so instead; the others take this one right away, so the window for a clash is small.
e2e_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until 127.0.0.1:PORT accepts connections, or the process in PIDFILE died, or SECONDS passed.
e2e_wait_tcp() {
  local port=$1 pidfile=$2 secs=${3:-30} i
  for ((i = 0; i < secs * 10; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    kill -0 "$(cat "$pidfile")" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# Stops the process whose pid is in PIDFILE: SIGTERM, then SIGKILL after GRACE seconds; removes the file.
e2e_stop_pid() {
  local pidfile=$1 grace=${2:-20} pid i
  [ -s "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      e2e_log "pid $pid ($(basename "$pidfile" .pid)) did not stop in ${grace}s: SIGKILL"
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pidfile"
}

# The wheel's jars (scripts/jars.sh caches them).
e2e_jars() { "$e2e_root/scripts/jars.sh"; }
