# tests/cli/lib.sh: what every command-line test script starts with (sourced after it sets $JIUYE
# and $tmp): TAP lines that tests/run.sh counts, and the checks on the last run's output.
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; shift; for l in "$@"; do echo "#   $l"; done; }
# run ARGS...: jiuye with ARGS, its output in $tmp/out and $tmp/err, its exit status in $st
run() {
	"$JIUYE" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
}
status_is() { # name, expected status (of the last run)
	if [ "$st" -eq "$2" ]; then ok "$1"; else nok "$1" "exit $st, expected $2" "$(cat "$tmp/out" "$tmp/err")"; fi
}
has() { # name, file, fixed text it must hold
	if grep -qF -- "$3" "$2"; then ok "$1"; else nok "$1" "no \"$3\" in:" "$(cat "$2")"; fi
}
lacks() { # name, file, fixed text it must not hold
	if grep -qF -- "$3" "$2"; then nok "$1" "unexpected \"$3\" in:" "$(cat "$2")"; else ok "$1"; fi
}
# skip_or_fail NAME WHY: a check that cannot run here. Skipped, except on CI (CI=true), which
# installs everything such a check needs: there a skip would hide a missing install step.
skip_or_fail() {
	if [ "${CI:-}" = true ]; then echo "not ok - $1: skipped on CI, where it must run: $2"
	else echo "ok - $1 # SKIP $2"; fi
}
