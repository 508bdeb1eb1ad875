#!/bin/sh
# tests/run.sh: every test jiuye has, in one run, ending with one line
# "N passed, N failed, N skipped".
#   unit tests (cmocka, built with AddressSanitizer and UBSan), command-line tests, screen tests,
#   the stress test and the fuzz targets.
# Run by `make test`, which builds what it needs first. Each suite's own output is kept in
# build/test-logs/; failures are shown in full.
#
# A check that could not run is skipped, never passed: it is counted apart, and listed. Every suite
# says first how many checks it runs (a TAP script its plan line "1..N", a cmocka binary its
# "Running N test(s)"); one that ran fewer (it stopped early: a crash, an exit in the middle) or
# more, or said nothing, counts one failure more. With CI=true the checks CI must run fail instead
# of being skipped (tests/cli/lib.sh must_run), so CI cannot pass by skipping them.
set -u
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
export JIUYE="${JIUYE:-$PWD/build/asan/jiuye}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp}"
logs=build/test-logs
mkdir -p "$logs"
passed=0
failed=0
skipped=0

# A suite that could not run at all (name, why): skipped, or on CI a failure.
unrun() {
	if [ "${CI:-}" = true ]; then
		failed=$((failed + 1))
		echo "FAIL $1: skipped on CI, where it must run: $2"
	else
		skipped=$((skipped + 1))
		echo "skip $1: $2"
	fi
}

# The end of a suite's line: its counts, a failure's log, and the checks it skipped.
# $1 name, $2 log, $3 passed, $4 failed, $5 skipped, $6 why it failed beyond its checks (or "").
tally() {
	passed=$((passed + $3))
	failed=$((failed + $4))
	skipped=$((skipped + $5))
	if [ "$4" -ne 0 ]; then
		echo "FAIL $1"
		grep -v '^ok \|^\[       OK \]\|^\[ RUN      \]' "$2"
		[ -n "$6" ] && echo "FAIL $1: $6"
	else
		echo "ok   $1 ($3 passed, $5 skipped)"
	fi
	if [ "$5" -ne 0 ]; then
		grep -i '^ok .*# skip\|^\[  SKIPPED \] [^0-9]' "$2" | sort -u | sed 's/^/       /'
	fi
	return 0
}

# A cmocka binary: "[==========] Running N test(s)." is its plan; its closing
# "[  PASSED  ] N test(s).", "[  FAILED  ] N test(s)" and "[  SKIPPED ] N test(s)" lines count.
run_unit() {
	name=$(basename "$1")
	"$1" >"$logs/$name.log" 2>&1
	rc=$?
	n=$(sed -n 's/^\[==========\] Running \([0-9]*\) test.*/\1/p' "$logs/$name.log" | head -n 1)
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$logs/$name.log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$logs/$name.log" | tail -n 1)
	s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$logs/$name.log" | tail -n 1)
	p=${p:-0}
	f=${f:-0}
	s=${s:-0}
	why=""
	if [ -z "$n" ]; then
		f=$((f + 1)); why="no \"Running N test(s)\" line: it did not start"
	elif ! grep -q '^\[==========\] [0-9]* test(s) run\.' "$logs/$name.log"; then
		k=$(grep -c '^\[ RUN      \]' "$logs/$name.log")
		f=$((f + 1)); why="stopped in test $k of $n"
	elif [ $((p + f + s)) -ne "$n" ]; then
		f=$((f + 1)); why="$((p + f + s)) tests counted, $n run"
	fi
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1     # a sanitizer found something after the tests ran
		why="exit status $rc after every test passed"
	fi
	tally "$name" "$logs/$name.log" "$p" "$f" "$s" "$why"
}

# A TAP script: its plan "1..N" first, then lines "ok - …" (passed), "ok - … # SKIP why" (skipped)
# and "not ok - …" (failed).
run_tap() {
	name=$(echo "$1" | tr '/' '_')
	sh "$1" >"$logs/$name.log" 2>&1
	rc=$?
	# plan (or -), whether it came after a check, passed, skipped, failed
	set -- "$1" $(awk '
		/^1\.\.[0-9]+/ { if (plan == "") { plan = substr($0, 4) + 0; late = (p + s + f > 0) } }
		/^ok / { if (toupper($0) ~ /^OK .*# SKIP/) s++; else p++ }
		/^not ok/ { f++ }
		END { print (plan == "" ? "-" : plan), late + 0, p + 0, s + 0, f + 0 }' "$logs/$name.log")
	plan=$2 p=$4 s=$5 f=$6
	k=$((p + s + f))
	why=""
	if [ "$plan" = - ]; then
		f=$((f + 1)); why="no plan line 1..N: how many checks it runs is unknown"
	elif [ "$3" = 1 ]; then
		f=$((f + 1)); why="its plan line 1..$plan came after its first check"
	elif [ "$k" -lt "$plan" ]; then
		f=$((f + 1)); why="stopped after $k of $plan checks"
	elif [ "$k" -gt "$plan" ]; then
		f=$((f + 1)); why="ran $k checks, its plan says $plan"
	fi
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1; why="exit status $rc with no failed check"
	fi
	tally "$1" "$logs/$name.log" "$p" "$f" "$s" "$why"
}

# The layering rule, every message translated, the man page's key list current.
for target in check po-check man-check; do
	if make -s "$target" >"$logs/$target.log" 2>&1; then
		passed=$((passed + 1)); echo "ok   make $target"
	else
		failed=$((failed + 1)); echo "FAIL make $target"; cat "$logs/$target.log"
	fi
done

# Every unit test of the tree, built or not: a missing binary is a test that did not run.
for src in tests/unit/test_*.c; do
	t=build/asan/tests/$(basename "$src" .c)
	if [ -x "$t" ]; then
		run_unit "$t"
	else
		unrun "$(basename "$t")" "$t is not built (make test builds it)"
	fi
done
for t in tests/cli/*.sh; do
	[ "$t" = tests/cli/lib.sh ] && continue         # the scripts' shared helpers, not a test
	run_tap "$t"
done
run_tap tests/screen/run.sh
# Many workers at once and kill -9 lose nothing: the short form (make stress runs it long).
run_tap tests/stress/run.sh      # 20 workers 10 s, 50 crashes unless STRESS_* say otherwise
# The libFuzzer targets, a few seconds each: `make fuzz` runs them longer.
FUZZ_SECONDS="${FUZZ_SECONDS:-8}"; export FUZZ_SECONDS
run_tap tests/fuzz/run.sh

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
