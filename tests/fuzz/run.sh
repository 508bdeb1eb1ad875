#!/bin/sh
# tests/fuzz/run.sh: each libFuzzer target of build/fuzz/ for FUZZ_SECONDS (10) over its seed corpus,
# one TAP line each: "ok - fuzz TARGET: N executions" from libFuzzer's closing "Done N runs", or
# "not ok - fuzz TARGET: ..." with libFuzzer's report when it found a crash, a leak, a timeout
# (-timeout=5) or ran out of memory (-rss_limit_mb=512). The input that did it is kept as
# build/fuzz/TARGET-crash-... (or -leak-, -timeout-, -oom-): add it to tests/fuzz/corpus/TARGET/
# once core is fixed. `make fuzz` builds the targets first; run alone (tests/run.sh does), this
# script builds them itself.
#
# The plan line (1..N) counts the targets' sources (tests/fuzz/fuzz_*.c), so a target that did not
# build or did not run is missed by tests/run.sh. Without clang and its libFuzzer runtime each
# target is a skipped check (a failure on CI, where make deps-test installs them).
set -u
cd "$(dirname "$0")/../.."
. tests/cli/lib.sh
seconds="${FUZZ_SECONDS:-10}"
out=build/fuzz
mkdir -p "$out"

targets=""
for src in tests/fuzz/fuzz_*.c; do
	[ -e "$src" ] || continue
	t=${src#tests/fuzz/fuzz_}
	targets="$targets ${t%.c}"
done
plan $(echo $targets | wc -w)

# Why the targets cannot be built here, or nothing when they can: clang, and its libFuzzer
# runtime (a separate package, libclang-rt-14-dev).
cannot() {
	cc=${FUZZ_CC:-clang}
	if ! command -v "$cc" >/dev/null 2>&1; then
		echo "$cc is not installed (make deps-test installs clang and libclang-rt-14-dev)"
		return
	fi
	printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { return 0; }\n' \
		>"$out/probe.c"
	"$cc" -fsanitize=fuzzer -o "$out/probe" "$out/probe.c" >/dev/null 2>&1 ||
		echo "$cc has no libFuzzer runtime (make deps-test installs libclang-rt-14-dev)"
	rm -f "$out/probe" "$out/probe.c"
}

if [ -z "${FUZZ_NO_BUILD:-}" ]; then
	why=$(cannot)
	if [ -n "$why" ]; then
		for t in $targets; do
			must_run "fuzz $t" "$why"
		done
		[ "${CI:-}" != true ]      # on CI must_run said "not ok"
		exit
	fi
	jobs=$(nproc 2>/dev/null || echo 2)
	if ! ${MAKE:-make} -s -j"$jobs" fuzz-build >"$out/build.log" 2>&1; then
		for t in $targets; do
			echo "not ok - fuzz $t: the targets do not build"
		done
		sed 's/^/# /' "$out/build.log" | tail -n 40
		exit 1
	fi
fi

for t in $targets; do
	bin=$out/fuzz_$t
	if [ ! -x "$bin" ]; then
		echo "not ok - fuzz $t: $bin is not built (make fuzz builds it)"
		continue
	fi
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
