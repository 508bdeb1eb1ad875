#!/bin/sh
# tests/stress/run.sh: many workers on one file, and kill -9, lose nothing.
#   STRESS_WORKERS processes edit, register, import and report on one database for STRESS_SECONDS;
#   then CRASH_ROUNDS times a child importing, editing with drafts or taking backups is killed with
#   SIGKILL at a random moment and the parent proves nothing committed was lost (tests/stress/stress.c).
# The test suite runs it short (20 workers, 10 s, 50 crashes); `make stress` long (60 s, 500).
# Prints "ok - ..." / "not ok - ..." lines with the figures; tests/run.sh counts them.
set -u
cd "$(dirname "$0")/../.."
STRESS=${STRESS:-./build/stress}
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset JIUYE_DB JIUYE_TODAY
if [ ! -x "$STRESS" ]; then
	echo "not ok - stress: $STRESS is not built (make build/stress)"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/workers" "$tmp/crash"
st=0
"$STRESS" workers "$tmp/workers" "${STRESS_WORKERS:-20}" "${STRESS_SECONDS:-10}" || st=1
"$STRESS" crash "$tmp/crash" "${CRASH_ROUNDS:-50}" || st=1
exit $st
