#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the e2e pass (Debian's postgresql package; scripts/setup.sh installs it).
#   pg.sh up     start the cluster on 127.0.0.1 (free port, wal_level=logical), then (re)create the database
#                `northwind` from scripts/e2e/sql: schema.sql, cdc.sql (ods.cdc_events, its triggers and the
#                publication), seed.sql. Prints the port.
#   pg.sh down   stop the cluster (pg_ctl, by its data folder); --wipe also deletes the data.
#   pg.sh psql [ARGS...]   psql on the database, as the connector's user.
# State: $E2E_WORK/pg/ (data), $E2E_WORK/pg.port. initdb and postgres refuse to run as root: as root they run as
# the `postgres` account.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
sql=$e2e_root/scripts/e2e/sql
data=$E2E_WORK/pg
pgbin=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
[ -x "$pgbin/initdb" ] || e2e_die "no PostgreSQL server (apt-get install postgresql; scripts/setup.sh does it)"
export PGPASSWORD=postgres   # a throw-away cluster on 127.0.0.1 only
export PGOPTIONS="-c client_min_messages=warning"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_db() {
  "$pgbin/psql" -h 127.0.0.1 -p "$(cat "$E2E_WORK/pg.port")" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"
}

up() {
  local t0=$SECONDS port
  if [ ! -s "$data/PG_VERSION" ]; then
    rm -rf "$data" && mkdir -p "$data"
    [ "$(id -u)" != 0 ] || chown postgres: "$data"
    local pwfile=$data.pw
    echo "$PGPASSWORD" > "$pwfile" && chmod 644 "$pwfile"
    as_pg "$pgbin/initdb" -D "$data" -U postgres --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
  fi
  if ! as_pg "$pgbin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    port=$(e2e_free_port)
    # fsync off: a test cluster need not survive a power cut.
    as_pg "$pgbin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start -o "-c listen_addresses=127.0.0.1 \
      -p $port -c unix_socket_directories=$data -c wal_level=logical -c max_wal_senders=4 \
      -c max_replication_slots=4 -c fsync=off -c TimeZone=UTC" >/dev/null
    echo "$port" > "$E2E_WORK/pg.port"
  fi
  # A fresh database each time; the replication slot of a previous pass would pin it (and its WAL).
  psql_db -d postgres -c "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
                           WHERE database = 'northwind'" >/dev/null
  psql_db -d postgres -c "DROP DATABASE IF EXISTS northwind" -c "CREATE DATABASE northwind"
  psql_db -d northwind -f "$sql/schema.sql" -f "$sql/cdc.sql" -f "$sql/seed.sql"
  e2e_log "postgres up on 127.0.0.1:$(cat "$E2E_WORK/pg.port") in $((SECONDS - t0))s:" \
    "$(psql_db -d northwind -At -c "SELECT count(*) FROM ods.cdc_events") rows in ods.cdc_events"
  cat "$E2E_WORK/pg.port"
}

down() {
  if [ -s "$data/postmaster.pid" ]; then
    as_pg "$pgbin/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true
  fi
  rm -f "$E2E_WORK/pg.port"
  [ "${1:-}" != --wipe ] || rm -rf "$data"
}

case ${1:-} in
  up) up ;;
  down) shift; down "$@" ;;
  psql) shift; psql_db -d northwind "$@" ;;
  *) echo "usage: pg.sh up | down [--wipe] | psql [ARGS...]" >&2; exit 2 ;;
esac
