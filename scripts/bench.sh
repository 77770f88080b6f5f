#!/usr/bin/env bash
# The benchmark harness (issue 5): builds what it needs, runs every benchmark on the same records and writes
# target/bench-report/report.md, report.svg (each peer's ns/record relative to Confluent's AvroConverter) and
# summary.md (the README's table).
#   - data: examples/bench-data.rs writes the cdc, key, wide and blob-<size> records into target/bench-data/
#   - JVM: benches/jvm/ConverterBench.java: avroconv's converter, Confluent's AvroConverter 7.0.16, JsonConverter
#   - Python: benches/python/bench.py: confluent-kafka AvroSerializer/AvroDeserializer, fastavro
#   - Rust: cargo bench --bench codec (vs apache-avro) and --bench registry (vs schema_registry_converter)
#   - report: benches/report.py
# The JVM and Python sides share one test registry on 127.0.0.1 (testkit's avroconv-test-registry), stopped at the
# end. avroconv's converter is reported "not available (why)" when its JAR does not build or its record path fails
# or differs from Confluent's output.
#
# usage: scripts/bench.sh [--quick | --full | --smoke] [--publish]
#   --quick  a few seconds per row, for checking (about 3 minutes once built)
#   --full   the numbers we publish (about 25 minutes; run it on a quiet machine)
#   --smoke  the plumbing only, for the test (scripts/bench-test.sh): tiny times, meaningless numbers
#   --publish  then copies the report to benches/RESULTS-bench.md and .svg, and its summary into the README
# BENCH_SKIP="rust python jvm" skips sides (the report says which are missing).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mode=quick publish=
for arg in "$@"; do
  case $arg in
    --quick | --full | --smoke) mode=${arg#--} ;;
    --publish) publish=1 ;;
    *) echo "usage: scripts/bench.sh [--quick | --full | --smoke] [--publish]" >&2; exit 2 ;;
  esac
done
skip=" ${BENCH_SKIP:-} "
# Per mode: JVM warm-up ms, ms per cell and round, rounds; Python the same; criterion flags; cold-call samples.
# Smoke mode builds the Rust benches in the dev profile: `cargo test --all-targets` has built its dependencies
# already, whereas the bench profile (fat LTO) takes 15 minutes from nothing on 2 cores.
profile=bench
case $mode in
  full)  jvm=(3000 1000 7); py=(1000 1000 5); crit=(--warm-up-time 3 --measurement-time 5); cold=201 ;;
  quick) jvm=(400 150 3);   py=(200 100 3);   crit=(--warm-up-time 0.3 --measurement-time 1 --sample-size 20); cold=21 ;;
  smoke) jvm=(30 10 1);     py=(20 10 1);     crit=(--warm-up-time 0.01 --measurement-time 0.02 --sample-size 10); cold=3
         profile=dev ;;
esac

failed=()   # sides that failed: the report says so, and the script exits 1 at the end
note_failure() {  # SIDE KEY MESSAGE: records the failure for the report
  failed+=("$1")
  python3 -c "import json,sys; m=json.load(open(sys.argv[1])); m[sys.argv[2]]=sys.argv[3]; json.dump(m, open(sys.argv[1], 'w'))" \
    "$out/meta.json" "$2" "$3"
}
out=$root/target/bench-report
data=$root/target/bench-data
rm -rf "$out" && mkdir -p "$out/classes"
start=$SECONDS  # each side also runs under a timeout, so that a hang (say, in native code) cannot stall the run
log() { printf '\r%-100s\r== [%3ds] %s\n' "" $((SECONDS - start)) "$*" >&2; }
# Progress: one line, rewritten, from criterion's "Benchmarking NAME" lines; everything goes to the log file.
progress() { while IFS= read -r line; do
    echo "$line" >> "$1"
    case $line in Benchmarking*:\ Warming*) printf '\r%-100s\r' "[$2] ${line#Benchmarking }" >&2 ;; esac
  done; printf '\r%-100s\r' "" >&2; }

scripts/setup.sh
jars=$(scripts/jars.sh)
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
lock_version() { awk -v n="$1" '$0 == "name = \"" n "\"" {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock; }
avroconv_version=$(awk -F'"' '/^version *=/{print $2; exit}' Cargo.toml)
python3 - "$out/meta.json" <<EOF
import json, sys
json.dump({
  "mode": "$mode", "date": "$(date -u +%Y-%m-%dT%H:%MZ)",
  "commit": "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bindings java/src 2>/dev/null || echo ' + uncommitted changes')",
  "nproc": "$(nproc)", "cpu": "$cpu", "memory": "$(free -g | awk '/^Mem:/{print $2 " GiB"}')",
  "load_start": "$(cut -d' ' -f1-3 /proc/loadavg)",
  "versions": "avroconv $avroconv_version, $(rustc --version | cut -d' ' -f1-2), $(java -version 2>&1 | head -1 | tr -d '"'),"
              " Confluent AvroConverter 7.0.16, Kafka connect-json 4.3.0, apache-avro $(lock_version apache-avro),"
              " schema_registry_converter $(lock_version schema_registry_converter), criterion $(lock_version criterion)",
  "criterion_args": "${crit[*]} (cargo profile $profile)",
}, open(sys.argv[1], "w"), indent=1)
EOF

log "building the test registry and the records"
cargo build -q --locked -p avroconv-testkit --bin avroconv-test-registry
cargo run -q --locked --example bench-data -- "$data" 2> "$out/data.log" || { cat "$out/data.log" >&2; exit 1; }
if [[ $skip != *" rust "* ]]; then
  log "building the Rust benches (cargo bench --profile $profile --no-run)"
  # The binaries are run directly later, so that the code measured is the code built now, even when src/ changes
  # during the run (cargo bench would rebuild).
  if cargo bench --locked --profile $profile --no-run --bench codec --bench registry --message-format=json \
      2> "$out/rust-build.log" > "$out/rust-build.json"; then
    bench_bin() { python3 -c 'import json, sys
for line in open(sys.argv[1]):
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == sys.argv[2] and m.get("executable"):
        print(m["executable"])' "$out/rust-build.json" "$1"; }
    codec_bin=$(bench_bin codec) registry_bin=$(bench_bin registry)
  else
    note_failure rust rust_error "cargo bench --no-run failed (see rust-build.log)"; skip="$skip rust "
  fi
fi
shapes=(cdc key wide)
blobs=$(cd "$data" && ls blob-*.bin | sed 's/\.bin$//' | sort -t- -k2 -n | tr '\n' ' ')

# The registry both the JVM and Python sides use; stopped by its pid on exit.
registry_pid=
stop_registry() { [ -z "$registry_pid" ] || kill "$registry_pid" 2>/dev/null || true; }
trap stop_registry EXIT
target/debug/avroconv-test-registry --port 0 > "$out/test-registry.log" 2>&1 &
registry_pid=$!
registry=
for _ in $(seq 100); do
  registry=$(sed -n 's/^listening on //p' "$out/test-registry.log")
  [ -n "$registry" ] && break
  sleep 0.1
done
[ -n "$registry" ] || { cat "$out/test-registry.log" >&2; echo "bench.sh: the test registry did not start" >&2; exit 1; }

if [[ $skip != *" jvm "* ]]; then
  log "building avroconv's converter JAR (scripts/plugin/build.sh)"
  cp=$jars/connect-api-4.3.0.jar:$jars/connect-json-4.3.0.jar:$jars/kafka-clients-4.3.0.jar:$jars/slf4j-api-2.0.18.jar
  for j in kafka-connect-avro-converter-7.0.16 kafka-connect-avro-data-7.0.16 kafka-avro-serializer-7.0.16 \
           kafka-schema-serializer-7.0.16 kafka-schema-registry-client-7.0.16 common-utils-7.0.16 avro-1.11.3 \
           guava-24.1.1-jre failureaccess-1.0.2 jackson-core-2.21.2 jackson-databind-2.21.2 jackson-annotations-2.21 \
           jackson-module-blackbird-2.21.2 jackson-datatype-jdk8-2.21.2; do
    cp=$cp:$jars/$j.jar
  done
  # Without our JAR the harness still runs: ConverterBench reports our converter as not available.
  if built=$(scripts/plugin/build.sh 2> "$out/plugin-build.log"); then
    cp=$(head -1 <<< "$built"):$cp
  else
    echo "   the JAR did not build (see $out/plugin-build.log): avroconv's converter is reported not available" >&2
  fi
  javac --release 17 -nowarn -encoding UTF-8 -d "$out/classes" -cp "$cp" benches/jvm/ConverterBench.java
  log "JVM: converters (${jvm[1]} ms per cell, ${jvm[2]} rounds)"
  args=()
  for s in "${shapes[@]}"; do args+=("$s:1,2"); done
  for s in $blobs; do args+=("$s:1"); done
  timeout 45m java -Xms1g -Xmx1g -Dslf4j.internal.verbosity=ERROR -cp "$out/classes:$cp" ConverterBench \
    "$registry" "$data" "$out/jvm.json" "${jvm[@]}" "${args[@]}" 2> >(tee "$out/jvm.log" >&2) \
    || note_failure jvm jvm_error "ConverterBench failed (see jvm.log)"
fi

if [[ $skip != *" python "* ]]; then
  log "Python: confluent-kafka and fastavro (${py[1]} ms per cell, ${py[2]} rounds)"
  timeout 20m python3 benches/python/bench.py "$registry" "$data" "$out/python.json" "${py[@]}" "${shapes[@]}" $blobs \
    2> >(tee "$out/python.log" >&2) \
    || note_failure python python_error "bench.py failed (see python.log)"
fi
stop_registry

if [[ $skip != *" rust "* ]]; then
  # criterion writes under CRITERION_HOME, so that the report reads this run's numbers only.
  export CRITERION_HOME=$out/criterion AVROCONV_BENCH_COLD_SAMPLES=$cold
  log "Rust: codec against apache-avro (cargo bench --bench codec -- ${crit[*]})"
  timeout 30m "$codec_bin" --bench "${crit[@]}" 2>&1 | progress "$out/codec.log" "rust codec" \
    || note_failure rust-codec codec_error "the codec bench failed (see codec.log)"
  log "Rust: registry level against schema_registry_converter (cargo bench --bench registry)"
  timeout 30m "$registry_bin" --bench "${crit[@]}" 2>&1 | progress "$out/registry.log" "rust registry" \
    || note_failure rust-registry registry_error "the registry bench failed (see registry.log)"
fi

log "report"
python3 benches/report.py "$out"
if [ -n "$publish" ]; then
  sed 's|(report.svg)|(RESULTS-bench.svg)|' "$out/report.md" > benches/RESULTS-bench.md
  cp "$out/report.svg" benches/RESULTS-bench.svg
  # The README's summary sits between two markers; the text between them is replaced.
  python3 - "$out/summary.md" <<'EOF'
import pathlib, re, sys
readme = pathlib.Path("README.md")
summary = pathlib.Path(sys.argv[1]).read_text().strip()
text, n = re.subn(r"(<!-- bench-summary -->\n).*?(<!-- /bench-summary -->)",
                  lambda m: m.group(1) + summary + "\n" + m.group(2), readme.read_text(), flags=re.S)
if n != 1:
    sys.exit("bench.sh --publish: README.md has no <!-- bench-summary --> ... <!-- /bench-summary --> block")
readme.write_text(text)
EOF
  log "published: benches/RESULTS-bench.md, benches/RESULTS-bench.svg, README.md's summary"
fi
if [ ${#failed[@]} -gt 0 ]; then echo "bench.sh: failed: ${failed[*]} (see $out)" >&2; exit 1; fi
