#!/usr/bin/env bash
# Runs every cargo-fuzz target for SECONDS each (default 60), from the checked-in seeds plus the corpus it grew
# before. A crash, a leak, or heap held over the bound in fuzz_targets/alloc_bound.rs fails the run.
# usage: scripts/fuzz.sh [SECONDS | --runs=N] [TARGET...]   (--runs: stop each target after N executions, as in
#        the README's long runs: `FUZZ_SANITIZER=none nice scripts/fuzz.sh --runs=100000000 TARGET`)
# FUZZ_MAX_LEN: the longest input tried (default 65536; libFuzzer's own default, 4096, makes the long runs
# faster: a long run is about many inputs, 64 KB ones are for the corner cases of lengths).
# FUZZ_SANITIZER: address (default) or none. Without AddressSanitizer a run is 4-7x faster and still checks
# leaks and the heap bound itself (alloc_bound.rs); the core has a single `unsafe` block for ASan to watch.
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
  if cargo "${tc[@]}" fuzz run -s "${FUZZ_SANITIZER:-address}" "$t" "corpus/$t" "${seeds[@]}" -- "${limit[@]}" -max_len="${FUZZ_MAX_LEN:-65536}" \
       -rss_limit_mb=2048 -malloc_limit_mb=64 -print_final_stats=1 2>"corpus/$t.log"; then
    echo "fuzz $t: $(grep -a -E 'stat::number_of_executed_units' "corpus/$t.log" | tail -n1 | awk '{print $2}') executions, no crash"
    passed=$((passed + 1))
  else
    tail -n 40 "corpus/$t.log"; echo "fuzz $t: FAILED (artifacts in fuzz/artifacts/$t)"
    failed=$((failed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]
