#!/bin/sh
# tests/run.sh: every test jiuye has, in one run, ending with one line
# "N passed, N failed, N skipped" (a skipped check is never counted as passed).
#   unit tests (cmocka, built with AddressSanitizer and UBSan), command-line tests, screen tests.
# Run by `make test`, which builds what it needs first. Each suite's own output is kept in
# build/test-logs/; failures are shown in full.
set -u
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
export JIUYE="${JIUYE:-$PWD/build/asan/jiuye}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
logs=build/test-logs
mkdir -p "$logs"
passed=0
failed=0
skipped=0

# A cmocka binary: its own "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)" lines count.
run_unit() {
	name=$(basename "$1")
	"$1" >"$logs/$name.log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$logs/$name.log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$logs/$name.log" | tail -n 1)
	k=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$logs/$name.log" | tail -n 1)
	p=${p:-0}
	f=${f:-0}
	skipped=$((skipped + ${k:-0}))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1     # crashed, or a sanitizer found something after the tests ran
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		echo "FAIL $name"
		cat "$logs/$name.log"
	else
		echo "ok   $name ($p)"
	fi
}

# A TAP-like script: lines "ok - …" and "not ok - …".
run_tap() {
	name=$(echo "$1" | tr '/' '_')
	sh "$1" >"$logs/$name.log" 2>&1
	rc=$?
	# "ok - name # SKIP why" is a skip, not a pass (a check that must run on CI says "not ok"
	# there instead: tests/cli/lib.sh must_run)
	k=$(grep -c '^ok .*# SKIP' "$logs/$name.log")
	p=$(( $(grep -c '^ok ' "$logs/$name.log") - k ))
	f=$(grep -c '^not ok ' "$logs/$name.log")
	skipped=$((skipped + k))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		echo "FAIL $1"
		grep -v '^ok ' "$logs/$name.log"
	else
		echo "ok   $1 ($p)"
	fi
}

# The layering rule, every message translated, the man page's key list current.
for target in check po-check man-check; do
	if make -s "$target" >"$logs/$target.log" 2>&1; then
		passed=$((passed + 1)); echo "ok   make $target"
	else
		failed=$((failed + 1)); echo "FAIL make $target"; cat "$logs/$target.log"
	fi
done

for t in build/asan/tests/test_*; do
	[ -x "$t" ] && run_unit "$t"
done
for t in tests/cli/*.sh; do
	[ "$t" = tests/cli/lib.sh ] && continue         # the scripts' shared helpers, not a test
	[ -f "$t" ] && run_tap "$t"
done
if [ -f tests/screen/run.sh ]; then
	run_tap tests/screen/run.sh
fi
# Many workers at once and kill -9 lose nothing: the short form (make stress runs it long).
if [ -f tests/stress/run.sh ]; then
	run_tap tests/stress/run.sh      # 20 workers 10 s, 50 crashes unless STRESS_* say otherwise
fi
# The libFuzzer targets, a few seconds each: `make fuzz` runs them longer.
if [ -f tests/fuzz/run.sh ]; then
	FUZZ_SECONDS="${FUZZ_SECONDS:-8}"; export FUZZ_SECONDS
	run_tap tests/fuzz/run.sh
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
