#!/bin/sh
# tests/stress/run.sh: many workers on one file, and kill -9, lose nothing.
#   STRESS_WORKERS processes edit, register, import and report on one database for STRESS_SECONDS;
#   then CRASH_ROUNDS times a child importing, editing with drafts or taking backups is killed with
#   SIGKILL at a random moment and the parent proves nothing committed was lost (tests/stress/stress.c).
# The test suite runs it short (20 workers, 10 s, 50 crashes); `make stress` long (60 s, 500).
# Prints its plan, "# seed N", then "ok - ..." / "not ok - ..." lines with the figures; tests/run.sh
# counts them. One seed serves both parts, so STRESS_SEED=N sh tests/stress/run.sh replays a
# failed run's random choices (which records, which files, when each kill comes).
set -u
cd "$(dirname "$0")/../.."
. tests/cli/lib.sh
STRESS=${STRESS:-./build/stress}
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset JIUYE_DB JIUYE_TODAY
# stress.c's checks: 7 of the workers, 5 of the crash rounds
plan 12
if [ ! -x "$STRESS" ]; then
	echo "not ok - stress: $STRESS is not built (make build/stress)"
	exit 1
fi
if [ -z "${STRESS_SEED:-}" ]; then
	STRESS_SEED=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
fi
case $STRESS_SEED in
''|*[!0-9]*)
	echo "not ok - stress: STRESS_SEED=$STRESS_SEED is not a number (a seed a run printed: # seed N)"
	exit 1 ;;
esac
export STRESS_SEED
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/workers" "$tmp/crash"
st=0
"$STRESS" workers "$tmp/workers" "${STRESS_WORKERS:-20}" "${STRESS_SECONDS:-10}" || st=1
"$STRESS" crash "$tmp/crash" "${CRASH_ROUNDS:-50}" || st=1
if [ $st -ne 0 ]; then
	echo "# replay: STRESS_SEED=$STRESS_SEED STRESS_WORKERS=${STRESS_WORKERS:-20}" \
		"STRESS_SECONDS=${STRESS_SECONDS:-10} CRASH_ROUNDS=${CRASH_ROUNDS:-50} sh tests/stress/run.sh"
fi
exit $st
