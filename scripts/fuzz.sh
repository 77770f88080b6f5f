#!/usr/bin/env bash
# Runs every cargo-fuzz target for SECONDS each (default 60), from the checked-in seeds plus the corpus it grew
# before. A crash, a leak, or a single allocation over 64 MB (inputs are at most 64 KB) fails the run.
# usage: scripts/fuzz.sh [SECONDS | --runs=N] [TARGET...]   (--runs: stop each target after N executions, as in
#        the README's long runs: `nice scripts/fuzz.sh --runs=100000000 TARGET`)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
case "${1:-60}" in
  --runs=*) limit=(-runs="${1#--runs=}") ;;
  *) limit=(-max_total_time="${1:-60}") ;;
esac
shift || true
command -v cargo-fuzz >/dev/null || cargo install -q cargo-fuzz --locked
# cargo-fuzz needs nightly flags; use a nightly toolchain when the machine has one, else let stable accept them.
if cargo +nightly --version >/dev/null 2>&1; then tc=(+nightly); else tc=(); export RUSTC_BOOTSTRAP=1; fi
cd "$root/fuzz"
targets=("$@"); [ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo fuzz list)
passed=0; failed=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  # Seeds: fuzz/seeds/<target>/ (regressions, real records), and the schema corpus for the schema parser.
  seeds=(); [ -d "seeds/$t" ] && seeds+=("seeds/$t")
  [ "$t" = schema_parse ] && seeds+=("$root/tests/data/schemas/corpus")
  if cargo "${tc[@]}" fuzz run "$t" "corpus/$t" "${seeds[@]}" -- "${limit[@]}" -max_len=65536 \
       -rss_limit_mb=2048 -malloc_limit_mb=64 -print_final_stats=1 2>"corpus/$t.log"; then
    echo "fuzz $t: $(grep -a -E 'stat::number_of_executed_units' "corpus/$t.log" | awk '{print $2}') executions, no crash"
    passed=$((passed + 1))
  else
    tail -n 40 "corpus/$t.log"; echo "fuzz $t: FAILED (artifacts in fuzz/artifacts/$t)"
    failed=$((failed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]
