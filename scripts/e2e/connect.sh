#!/usr/bin/env bash
# A Kafka Connect 4.3 standalone worker (or 2 distributed ones, below) for the e2e pass, run by our REST-less main
# (java/e2e/src/io/avroconv/e2e/ConnectWorker.java), with two connectors, both through the converter under test:
#   pg-source  the Debezium Postgres source on ods.cdc_events
#   avro-sink  our test sink (java/e2e/sink/): the topic back into Avro container files under $E2E_WORK/sink,
#              as Confluent's S3 sink with AvroFormat, flush.size=5, schema.compatibility=BACKWARD
#   connect.sh up CONVERTER_CLASS   lay out plugin.path, write the configs, start the worker, wait until both
#                                   connectors' tasks are RUNNING
#   connect.sh down [--wipe]        stop the worker(s) by pid (SIGTERM: they commit their offsets first);
#                                   --wipe also forgets the stored offsets and the sink's files
# E2E_MODE=distributed: E2E_WORKERS (2) distributed workers instead, in one group, with the config/offset/status
# stores in the broker's topics e2e-connect-{configs,offsets,status} (create them first; run.sh does):
#   connect.sh stop-worker N        stop worker N (its tasks move to the others after 3 s)
#   connect.sh where CONNECTOR      which worker runs the connector's task 0
# plugin.path holds three plugins, each in its own folder, as on MSK Connect: debezium-postgres/, avro-file-sink/
# (our sink with Confluent's AvroData and Avro, which it writes files with; never in the converter's folder) and
# converter/:
#   io.confluent.connect.avro.AvroConverter  Confluent 7.0.16's jars from the wheel
#   io.avroconv.connect.AvroConverter        our JAR (AVROCONV_JAR, or built by scripts/plugin/build.sh)
# Needs pg.sh up, broker.sh up, registry.sh up (reads their ports and URL from $E2E_WORK).
# E2E_CONNECTOR_PROPS: extra source connector properties, one a line (a later key wins), for experiments;
# E2E_SINK_PROPS the same for the sink.
# State: $E2E_WORK/connect/ (configs, offsets.dat, worker.log; worker.prev.log is the previous run's), connect.pid;
# distributed: worker-N.properties, worker-N.log, $E2E_WORK/connect-N.pid and connect-N.port
set -euo pipefail
. "$(dirname "$0")/lib.sh"
pidfile=$E2E_WORK/connect.pid
dir=$E2E_WORK/connect
mode=${E2E_MODE:-standalone}
workers=${E2E_WORKERS:-2}

# The worker's own class path: Connect's runtime and what it needs without the REST server (explicit, so a jar
# that sneaks a plugin onto the class path shows up here).
worker_jars=(kafka-clients-4.3.0 connect-api-4.3.0 connect-runtime-4.3.0 connect-json-4.3.0 connect-transforms-4.3.0
  maven-artifact-3.9.15 classgraph-4.8.179 jackson-annotations-2.21 jackson-core-2.21.2 jackson-databind-2.21.2
  jackson-module-blackbird-2.21.2 slf4j-api-2.0.18 log4j-api-2.26.1 log4j-core-2.26.1 log4j-slf4j2-impl-2.26.1
  lz4-java-1.10.2 snappy-java-1.1.1.7 zstd-jni-1.5.6-10
  jakarta.ws.rs-api-3.1.0 jersey-common-3.1.10  # distributed: the leader's URL is built with JAX-RS, and
  jetty-client-12.0.34 jetty-http-12.0.34 jetty-io-12.0.34 jetty-util-12.0.34 jetty-alpn-client-12.0.34)  # sent by it
debezium_jars=(debezium-api-3.6.3.Final debezium-config-3.6.3.Final debezium-util-3.6.3.Final
  debezium-connector-common-3.6.3.Final debezium-connector-postgres-3.6.3.Final debezium-connect-plugins-3.6.3.Final
  debezium-openlineage-api-3.6.3.Final postgresql-42.7.13 sketches-java-0.8.2)
confluent_jars=(kafka-connect-avro-converter-7.0.16 kafka-connect-avro-data-7.0.16 kafka-avro-serializer-7.0.16
  kafka-schema-serializer-7.0.16 kafka-schema-registry-client-7.0.16 common-utils-7.0.16 avro-1.11.3
  guava-24.1.1-jre failureaccess-1.0.2)
# The sink writes with Confluent's AvroData (and Avro); the converter jar itself is not needed.
sink_jars=(kafka-connect-avro-data-7.0.16 kafka-avro-serializer-7.0.16 kafka-schema-serializer-7.0.16
  kafka-schema-registry-client-7.0.16 common-utils-7.0.16 avro-1.11.3 guava-24.1.1-jre failureaccess-1.0.2)
connectors=(pg-source avro-sink)

copy_jars() {  # copy_jars DEST NAME...
  local dest=$1 j; shift
  mkdir -p "$dest"
  for j in "$@"; do cp "$jars/$j.jar" "$dest/" || e2e_die "$j.jar is not in $jars"; done
}

# plugin.discovery=service_load reads only ServiceLoader manifests (0.5 s instead of a 5-15 s class scan). Confluent
# 7.0.x ships none for its converter, so add one in a jar of its own (what `connect-plugin-path sync-manifests` does).
add_manifest() {  # add_manifest PLUGIN_DIR CONVERTER_CLASS
  local m=$dir/manifest
  rm -rf "$m" && mkdir -p "$m/META-INF/services"
  echo "$2" > "$m/META-INF/services/org.apache.kafka.connect.storage.Converter"
  jar --create --file "$1/e2e-converter-manifest.jar" -C "$m" META-INF
}

# The test sink: compiled against the API jars, packed with its ServiceLoader manifest into its plugin folder.
build_sink() {  # build_sink PLUGIN_DIR
  local classes=$dir/sink-classes j
  local cp=$jars/connect-api-4.3.0.jar:$jars/kafka-clients-4.3.0.jar:$jars/slf4j-api-2.0.18.jar
  for j in "${sink_jars[@]}"; do cp=$cp:$jars/$j.jar; done
  rm -rf "$classes" && mkdir -p "$classes/META-INF/services"
  javac --release 17 -Xlint:all -Werror -encoding UTF-8 -d "$classes" -cp "$cp" \
    $(find "$e2e_root/java/e2e/sink/src" -name '*.java')
  echo io.avroconv.e2e.sink.AvroFileSinkConnector \
    > "$classes/META-INF/services/org.apache.kafka.connect.sink.SinkConnector"
  copy_jars "$1" "${sink_jars[@]}"
  jar --create --file "$1/avroconv-e2e-sink.jar" -C "$classes" .
}

layout_plugins() {  # layout_plugins CONVERTER_CLASS
  local plugins=$dir/plugins
  rm -rf "$plugins"
  copy_jars "$plugins/debezium-postgres" "${debezium_jars[@]}"
  build_sink "$plugins/avro-file-sink"
  case $1 in
    io.confluent.connect.avro.AvroConverter)
      copy_jars "$plugins/converter" "${confluent_jars[@]}"
      add_manifest "$plugins/converter" "$1" ;;
    io.avroconv.connect.AvroConverter)
      local ours=${AVROCONV_JAR:-}
      [ -n "$ours" ] || ours=$("$e2e_root/scripts/plugin/build.sh" | sed -n 1p)  # not head: SIGPIPE
      mkdir -p "$plugins/converter" && cp "$ours" "$plugins/converter/" ;;
    *) e2e_die "no plugin layout for converter $1" ;;
  esac
}

write_configs() {  # write_configs CONVERTER_CLASS
  local registry; registry=$(cat "$E2E_WORK/registry.url")
  cat > "$dir/worker.properties" <<PROPS
bootstrap.servers=127.0.0.1:$(cat "$E2E_WORK/broker.port")
plugin.path=$dir/plugins
plugin.discovery=service_load
offset.storage.file.filename=$dir/offsets.dat
offset.flush.interval.ms=1000
# The worker's defaults; the connector sets the converter under test.
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
PROPS
  # As a Debezium-on-MSK connector config: pgoutput, flattened rows with delete markers and source fields.
  cat > "$dir/pg-source.properties" <<PROPS
name=pg-source
connector.class=io.debezium.connector.postgresql.PostgresConnector
tasks.max=1
database.hostname=127.0.0.1
database.port=$(cat "$E2E_WORK/pg.port")
database.user=postgres
database.password=postgres
database.dbname=northwind
plugin.name=pgoutput
publication.name=cdc_publication
publication.autocreate.mode=disabled
slot.name=northwind_cdc
topic.prefix=ord
table.include.list=ods.cdc_events
key.converter=$1
key.converter.schema.registry.url=$registry
value.converter=$1
value.converter.schema.registry.url=$registry
transforms=unwrap
transforms.unwrap.type=io.debezium.transforms.ExtractNewRecordState
# delete.handling.mode was removed in Debezium 3.x (an unknown key is ignored silently): deletes become rows with
# __deleted=true, and their tombstones are dropped.
transforms.unwrap.delete.tombstone.handling.mode=rewrite
transforms.unwrap.add.fields=op,db,table,schema,lsn,source.ts_ms
topic.creation.default.replication.factor=1
topic.creation.default.partitions=1
${E2E_CONNECTOR_PROPS:-}
PROPS
  # As Confluent's S3 sink with format.class=AvroFormat; files under $E2E_WORK/sink. A small flush.size makes
  # several files; rotate.schedule.interval.ms commits the last, partly filled one.
  cat > "$dir/avro-sink.properties" <<PROPS
name=avro-sink
connector.class=io.avroconv.e2e.sink.AvroFileSinkConnector
tasks.max=1
topics=ord.ods.cdc_events
output.dir=$E2E_WORK/sink
flush.size=5
rotate.schedule.interval.ms=2000
schema.compatibility=BACKWARD
key.converter=$1
key.converter.schema.registry.url=$registry
value.converter=$1
value.converter.schema.registry.url=$registry
${E2E_SINK_PROPS:-}
PROPS
}

up() {
  local converter=${1:?usage: connect.sh up CONVERTER_CLASS} t0=$SECONDS j n
  stop_workers
  jars=$(e2e_jars)
  mkdir -p "$dir"
  layout_plugins "$converter"
  write_configs "$converter"
  cp=$dir/classes
  for j in "${worker_jars[@]}"; do cp=$cp:$jars/$j.jar; done
  rm -rf "$dir/classes" && mkdir -p "$dir/classes"
  javac --release 17 -Xlint:all -Werror -encoding UTF-8 -d "$dir/classes" -cp "$cp" \
    $(find "$e2e_root/java/e2e/src" -name '*.java')
  if [ "$mode" = standalone ]; then
    start_worker "" "$dir/worker.properties"
    wait_running "$dir/worker.log" "$pidfile"
    e2e_log "connect worker up, tasks RUNNING, in $((SECONDS - t0))s ($converter)"
  else
    for ((n = 1; n <= workers; n++)); do
      write_distributed_config "$n" "$(e2e_free_port)"
      start_worker "-$n" "$dir/worker-$n.properties"
    done
    wait_running "$dir/worker-1.log" "$E2E_WORK/connect-1.pid"
    e2e_log "$workers distributed connect workers up, tasks RUNNING, in $((SECONDS - t0))s ($converter):" \
      "pg-source task on worker $(where pg-source), avro-sink task on worker $(where avro-sink)"
  fi
}

# start_worker SUFFIX WORKER_PROPERTIES: log in $dir/worker$SUFFIX.log (the previous one kept as .prev.log), pid in
# $E2E_WORK/connect$SUFFIX.pid. Every worker gets both connector configs; in distributed mode the leader takes them.
start_worker() {
  local log=$dir/worker$1.log
  [ ! -f "$log" ] || mv "$log" "$dir/worker$1.prev.log"
  nohup java -Xmx512m -Dlog4j2.configurationFile="$e2e_root/java/e2e/log4j2.properties" -cp "$cp" \
    io.avroconv.e2e.ConnectWorker "$2" "$dir/pg-source.properties" "$dir/avro-sink.properties" > "$log" 2>&1 &
  echo $! > "$E2E_WORK/connect$1.pid"
}

# Distributed worker N: the standalone settings without the offsets file, plus the group and its three internal
# topics (run.sh creates them with broker.sh topic). connect.protocol=compatible: no session keys, so the task
# configs a follower forwards to the leader need no signature (ConnectWorker's stand-in for REST does not sign).
# A worker that leaves has its tasks reassigned after scheduled.rebalance.max.delay.ms (default 5 minutes).
write_distributed_config() {  # write_distributed_config N PORT
  grep -v '^offset.storage.file.filename=' "$dir/worker.properties" > "$dir/worker-$1.properties"
  cat >> "$dir/worker-$1.properties" <<PROPS
group.id=e2e-connect
listeners=http://127.0.0.1:$2
config.storage.topic=e2e-connect-configs
offset.storage.topic=e2e-connect-offsets
status.storage.topic=e2e-connect-status
config.storage.replication.factor=1
offset.storage.replication.factor=1
status.storage.replication.factor=1
connect.protocol=compatible
scheduled.rebalance.max.delay.ms=3000
PROPS
  echo "$2" > "$E2E_WORK/connect-$1.port"
}

# where NAME: the number of the distributed worker that runs task 0 of connector NAME (from the newest status line
# of a worker that is still running), or "none".
where() {
  local n m status port
  for ((n = 1; n <= workers; n++)); do
    kill -0 "$(cat "$E2E_WORK/connect-$n.pid" 2>/dev/null)" 2>/dev/null || continue
    status=$(grep "^\[ConnectWorker\] status $1 " "$dir/worker-$n.log" | tail -n1 || true)
    [[ $status == *tasks=0:RUNNING* ]] || continue
    port=$(sed -n 's/.*,0@127\.0\.0\.1:\([0-9]*\).*/\1/p' <<< "$status")
    for ((m = 1; m <= workers; m++)); do
      [ "$(cat "$E2E_WORK/connect-$m.port")" != "$port" ] || { echo "$m"; return 0; }
    done
  done
  echo none
}

stop_workers() {
  local f
  e2e_stop_pid "$pidfile" 60
  for f in "$E2E_WORK"/connect-*.pid; do [ ! -e "$f" ] || e2e_stop_pid "$f" 60; done
}

# Waits until every connector's status line in LOG says its connector and task 0 are RUNNING (180 s at most).
wait_running() {  # wait_running LOG PIDFILE
  local log=$1 pidfile=$2 i name status running
  for ((i = 0; i < 1800; i++)); do
    running=0
    for name in "${connectors[@]}"; do
      status=$(grep "^\[ConnectWorker\] status $name " "$log" 2>/dev/null | tail -n1 || true)
      case $status in
        *connector=RUNNING\ tasks=0:RUNNING*) running=$((running + 1)) ;;
        *FAILED*) tail -n 60 "$log" >&2; e2e_die "connector failed: $status" ;;
      esac
    done
    [ "$running" != "${#connectors[@]}" ] || return 0
    kill -0 "$(cat "$pidfile")" 2>/dev/null || { tail -n 60 "$log" >&2; e2e_die "the worker exited"; }
    sleep 0.1
  done
  tail -n 60 "$log" >&2
  e2e_die "connectors not RUNNING after 180s"
}

down() {
  stop_workers
  [ "${1:-}" != --wipe ] || rm -rf "$dir/offsets.dat" "$E2E_WORK/sink"
}

case ${1:-} in
  up) shift; up "$@" ;;
  down) shift; down "$@" ;;
  stop-worker) e2e_stop_pid "$E2E_WORK/connect-${2:?stop-worker N}.pid" 60 ;;
  kill-worker) kill -9 "$(cat "$E2E_WORK/connect-${2:?kill-worker N}.pid")"; rm -f "$E2E_WORK/connect-$2.pid" ;;
  where) where "${2:?where CONNECTOR}" ;;
  *) echo "usage: connect.sh up CONVERTER_CLASS | down [--wipe] | stop-worker N | where CONNECTOR" >&2; exit 2 ;;
esac
