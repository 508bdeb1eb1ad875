#!/bin/sh
# tests/fuzz/run.sh: each libFuzzer target of build/fuzz/ for FUZZ_SECONDS (10) over its seed corpus,
# one TAP line each: "ok - fuzz TARGET: N executions" from libFuzzer's closing "Done N runs", or
# "not ok - fuzz TARGET: ..." with libFuzzer's report when it found a crash, a leak, a timeout
# (-timeout=5) or ran out of memory (-rss_limit_mb=512). The input that did it is kept as
# build/fuzz/TARGET-crash-... (or -leak-, -timeout-, -oom-): add it to tests/fuzz/corpus/TARGET/
# once core is fixed. `make fuzz` builds the targets first; run alone (tests/run.sh does), this
# script builds them itself.
set -u
cd "$(dirname "$0")/../.."
seconds="${FUZZ_SECONDS:-10}"
out=build/fuzz
mkdir -p "$out"

if [ -z "${FUZZ_NO_BUILD:-}" ]; then
	if ! command -v "${FUZZ_CC:-clang}" >/dev/null 2>&1; then
		why="${FUZZ_CC:-clang} is not installed (make deps-test installs clang and libclang-rt-14-dev)"
		if [ "${CI:-}" = true ]; then echo "not ok - fuzz: skipped on CI, where it must run: $why"
		else echo "ok - fuzz # SKIP $why"; fi
		exit 0
	fi
	jobs=$(nproc 2>/dev/null || echo 2)
	if ! ${MAKE:-make} -s -j"$jobs" fuzz-build >"$out/build.log" 2>&1; then
		echo "not ok - fuzz: the targets do not build"
		sed 's/^/# /' "$out/build.log" | tail -n 40
		exit 1
	fi
fi

found=0
for bin in "$out"/fuzz_*; do
	[ -x "$bin" ] || continue
	found=1
	t=${bin#"$out"/fuzz_}
	seeds=tests/fuzz/corpus/$t
	# New inputs libFuzzer finds go to a scratch corpus, never into the repository's seeds.
	work=$out/work/$t
	mkdir -p "$work"
	log=$out/$t.log
	"$bin" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=512 -print_final_stats=0 \
		-artifact_prefix="$out/$t-" "$work" $( [ -d "$seeds" ] && echo "$seeds" ) >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
	if [ "$rc" -eq 0 ] && [ -n "$runs" ]; then
		echo "ok - fuzz $t: $runs executions"
	else
		what=$(grep -m 1 -E '^==[0-9]+==ERROR|^SUMMARY|^fuzz: |ALARM: working on the last Unit|out-of-memory' "$log")
		echo "not ok - fuzz $t: ${what:-libFuzzer exited with status $rc}"
		grep -E "^fuzz: |ERROR|SUMMARY|#[0-9]+ 0x.* in [a-z_]+ /|Test unit written" "$log" | grep -v "in fuzzer::" | head -n 12 | sed 's/^/# /'
	fi
done
if [ "$found" -eq 0 ]; then
	echo "not ok - fuzz: no targets in $out (make fuzz builds them)"
	exit 1
fi
