# tests/cli/lib.sh: what every command-line test script starts with (sourced after it sets $JIUYE
# and $tmp): TAP lines that tests/run.sh counts, and the checks on the last run's output.
#
# A script says first how many checks it runs (`plan N`), so that tests/run.sh notices one that
# stops early. A check that cannot run here is skipped (`skip`), never passed: tests/run.sh counts
# it apart. A check that must run on CI (`must_run`) fails there instead of being skipped, so a CI
# machine that lacks what it needs (root, a locale, a compiler) cannot pass by skipping.
plan() { echo "1..$1"; }
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; shift; for l in "$@"; do printf '%s\n' "$l" | sed 's/^/#   /'; done; }
skip() { # name, why it cannot run here
	echo "ok - $1 # SKIP $2"
}
must_run() { # name, why it cannot run here: skipped, but a failure when CI=true
	if [ "${CI:-}" = true ]; then
		nok "$1" "skipped on CI, where it must run: $2"
	else
		skip "$1" "$2"
	fi
}
skip_rest() { # count, name, why: the script's last count checks cannot run here
	i=1
	while [ "$i" -le "$1" ]; do
		must_run "$2 ($i of $1)" "$3"
		i=$((i + 1))
	done
}
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
