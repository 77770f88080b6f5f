#!/usr/bin/env bash
# One end-to-end pass, from nothing, on 127.0.0.1 only (ports picked at run time):
#   PostgreSQL (Northwind-like seed, ods.cdc_events fed by triggers, publication) -> Debezium Postgres source in
#   a Kafka Connect 4.3 standalone worker, writing through CONVERTER_CLASS -> tansu broker; schemas in our test
#   registry under /apis/ccompat/v6 -> Python confluent-kafka consumer + AvroDeserializer.
# Then checks (tests/e2e/check.py): every row of the table arrives and equals the database, deletes arrive as
# rewritten rows with __deleted=true, the value subject has versions [1, 2] after the ALTER TABLE, records of both
# versions decode, and a restarted worker resumes from its offsets without a second snapshot.
# Every process it starts is stopped by its pid at the end, on failure too. Logs stay in $E2E_WORK.
# usage: scripts/e2e/run.sh CONVERTER_CLASS     e.g. io.confluent.connect.avro.AvroConverter
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
converter=${1:?usage: scripts/e2e/run.sh CONVERTER_CLASS}
topic=ord.ods.cdc_events
t0=$SECONDS

stop_all() {
  e2e_stop_pid "$E2E_WORK/consume.pid" 5
  "$here/connect.sh" down || true
  "$here/broker.sh" down || true
  "$here/registry.sh" down || true
  "$here/pg.sh" down || true
}
report() {
  local rc=$?
  stop_all
  if [ $rc = 0 ]; then
    e2e_log "PASS with $converter in $((SECONDS - t0))s"
  else
    e2e_log "FAILED (exit $rc) with $converter after $((SECONDS - t0))s; logs in $E2E_WORK (connect/worker.log," \
      "broker/broker.log, registry.log, pg/server.log, consume-*.err)"
  fi
}
trap report EXIT
trap 'exit 130' INT TERM

stop_all  # leftovers of an interrupted pass
"$e2e_root/scripts/setup.sh"
"$here/connect.sh" down --wipe
rm -f "$E2E_WORK"/consume-* "$E2E_WORK"/check-* "$E2E_WORK"/table-*

"$here/pg.sh" up >/dev/null
"$here/registry.sh" up >/dev/null
"$here/broker.sh" up >/dev/null
"$here/broker.sh" topic "$topic" 1
snapshot_rows=$("$here/pg.sh" psql -At -c "SELECT count(*) FROM ods.cdc_events")
e2e_log "services up in $((SECONDS - t0))s"
"$here/connect.sh" up "$converter"

# Reads the topic until its live rows equal the table, then runs the checks. $1 names the files; $2 the deleted ids.
consume_and_check() {
  local name=$1 deleted=$2 t=$SECONDS
  "$here/pg.sh" psql -At -c "SELECT coalesce(json_agg(t ORDER BY order_id), '[]') FROM ods.cdc_events t" \
    > "$E2E_WORK/table-$name.json"
  python3 "$e2e_root/tests/e2e/consume.py" --bootstrap "127.0.0.1:$(cat "$E2E_WORK/broker.port")" \
    --registry "$(cat "$E2E_WORK/registry.url")" --topic "$topic" --until-table "$E2E_WORK/table-$name.json" \
    --timeout 180 > "$E2E_WORK/consume-$name.jsonl" 2> "$E2E_WORK/consume-$name.err" &
  echo $! > "$E2E_WORK/consume.pid"
  # A failed task sends nothing more: stop waiting for the consumer then, and show why it failed.
  while kill -0 "$(cat "$E2E_WORK/consume.pid")" 2>/dev/null; do
    if grep -q '^\[ConnectWorker\] status pg-source .*FAILED' "$E2E_WORK/connect/worker.log"; then
      e2e_stop_pid "$E2E_WORK/consume.pid" 5
      grep -A3 '^Caused by' "$E2E_WORK/connect/worker.log" | head -n 12 >&2
      e2e_die "the connector's task failed"
    fi
    sleep 0.5
  done
  wait "$(cat "$E2E_WORK/consume.pid")" \
    || { grep -v -i "deprecat\|_compat" "$E2E_WORK/consume-$name.err" >&2; e2e_die "the topic never matched"; }
  rm -f "$E2E_WORK/consume.pid"
  e2e_log "$(tail -n1 "$E2E_WORK/consume-$name.err") (table matched after $((SECONDS - t))s)"
  # (stderr to a file: confluent-kafka's import prints a deprecation warning of authlib's there)
  if ! python3 "$e2e_root/tests/e2e/check.py" --records "$E2E_WORK/consume-$name.jsonl" \
      --table "$E2E_WORK/table-$name.json" --registry "$(cat "$E2E_WORK/registry.url")" --topic "$topic" \
      --snapshot-rows "$snapshot_rows" --deleted "$deleted" 2> "$E2E_WORK/check-$name.err" \
      | tee "$E2E_WORK/check-$name.txt"; then
    grep -v -i "deprecat\|_compat" "$E2E_WORK/check-$name.err" >&2 || true
    e2e_die "checks failed ($name)"
  fi
}

# Streaming: inserts, updates, a delete, ALTER TABLE ADD COLUMN, an update.
"$here/pg.sh" psql -f "$e2e_root/scripts/e2e/sql/drive.sql"
consume_and_check stream 7

# Restart: changes made while the worker is down must stream from its stored offset, with no second snapshot.
"$here/connect.sh" down
"$here/pg.sh" psql -f "$e2e_root/scripts/e2e/sql/drive-restart.sql"
"$here/connect.sh" up "$converter"
# Debezium logs its snapshot decision just after the task reports RUNNING.
log=$E2E_WORK/connect/worker.log
for ((i = 0; i < 600; i++)); do
  grep -q "no snapshot will be executed\|data will be snapshotted" "$log" && break
  sleep 0.1
done
grep -q "PostgresConnectorTask - Found previous offset" "$log" || e2e_die "the restarted worker found no offset ($log)"
grep -q "no snapshot will be executed" "$log" || e2e_die "the restarted worker did not decide against a snapshot ($log)"
e2e_log "restarted worker resumed from its stored offset, no snapshot"
consume_and_check restart 7,20
