#!/bin/sh
# tests/cli/progress.sh: the progress of `jiuye import` on a terminal's stderr (one line redrawn
# with \r, cleared at the end, in the user's language), nothing of it when stderr is a file, and
# Ctrl-C during an import: cancelled, nothing saved, the trail's head where it was.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
case $JIUYE in /*) ;; *) JIUYE=$(pwd)/$JIUYE ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 15
is() { # name, got, expected
	if [ "$2" = "$3" ]; then ok "$1"; else nok "$1" "got \"$2\", expected \"$3\""; fi
}
q() { sqlite3 -batch "$db" "$1"; }
# rows N: a file of N residents of 幸福里社区, each ID number with its GB 11643 check character
rows() {
	awk -v n="$1" 'BEGIN {
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
		split("1 0 X 9 8 7 6 5 4 3 2", cc, " ")
		printf "姓名,身份证号,联系电话,社区\r\n"
		for (i = 0; i < n; i++) {
			d = 19600101 + (i % 28) + 100 * (int(i / 28) % 12) + \
			    10000 * (int(i / 336) % 40)
			s = sprintf("330122%08d%03d", d, int(i / 13440) % 1000)
			t = 0
			for (k = 1; k <= 17; k++) t += substr(s, k, 1) * w[k]
			printf "张红%d,%s%s,138%08d,幸福里社区\r\n", i, s, cc[t % 11 + 1], i
		}
	}'
}
db="$tmp/demo.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
rows 3 >"$tmp/三行.csv"

# ---- stderr a file: not a byte of progress ----------------------------------------------------
run import residents "$tmp/三行.csv" --db "$db" --dry-run
status_is "stderr a file: exit 0" 0
if [ -s "$tmp/err" ]; then nok "stderr a file: nothing on it" "$(od -c "$tmp/err" | head -n 5)"
else ok "stderr a file: nothing on it"; fi
has "...the summary on stdout as before" "$tmp/out" \
	"import 三行.csv (dry run, nothing saved): 3 added, 0 updated, 0 unchanged, 0 rejected"

# ---- stderr a terminal (script's pty): the line, redrawn, then cleared -------------------------
if command -v script >/dev/null 2>&1; then
	TERM=xterm script -qec "'$JIUYE' import residents '$tmp/三行.csv' --db '$db' --dry-run" \
		/dev/null >"$tmp/tty" 2>&1 </dev/null
	st=$?
	status_is "on a terminal: exit 0" 0
	has "...the rows done of the rows, counted before (the header is no row)" "$tmp/tty" \
		"3 / 3 rows"
	has "...begun at 0 of them" "$tmp/tty" "0 / 3 rows"
	# the line is drawn after \r and cleared with spaces before the summary
	if tr '\r' '\n' <"$tmp/tty" | grep -B1 '^import 三行' | head -n 1 | grep -q '^  *$'
	then ok "...cleared before the summary line"
	else nok "...cleared before the summary line" "$(od -c "$tmp/tty" | head -n 20)"; fi
	LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 TERM=xterm script -qec \
		"'$JIUYE' import residents '$tmp/三行.csv' --db '$db' --dry-run" /dev/null \
		>"$tmp/tty" 2>&1 </dev/null
	has "...in Chinese: 行" "$tmp/tty" "3 / 3 行"
	# a bad row's line stands on a line of its own, the progress line cleared before it
	printf '姓名,身份证号,联系电话,社区\r\n李娟,330122198001010049,13800000009,幸福里社区\r\n' \
		>"$tmp/错.csv"
	TERM=xterm script -qec "'$JIUYE' import residents '$tmp/错.csv' --db '$db' --dry-run" \
		/dev/null >"$tmp/tty" 2>&1 </dev/null
	if tr '\r' '\n' <"$tmp/tty" | grep -q "^$tmp/错.csv:2: 身份证号: "
	then ok "...a bad row's line starts its own line, after the progress line is cleared"
	else nok "...a bad row's line starts its own line" "$(od -c "$tmp/tty" | head -n 20)"; fi
else
	skip_rest 6 "progress on a terminal" "no script(1) here"
fi

# ---- Ctrl-C during a long import: cancelled, nothing saved ------------------------------------
rows 200000 >"$tmp/大台账.csv"
before=$(q "SELECT count(*) FROM resident")
head=$(q "SELECT max(seq) || ':' || hash FROM history")
timeout --preserve-status -s INT 2 "$JIUYE" import residents "$tmp/大台账.csv" --db "$db" \
	>"$tmp/out" 2>"$tmp/err"
st=$?
status_is "Ctrl-C: exit 130, as an interrupted command" 130
has "...says it was cancelled and nothing saved" "$tmp/err" \
	"大台账.csv: the import was cancelled; nothing was saved"
is "...not a resident more" "$(q "SELECT count(*) FROM resident")" "$before"
# the command line notes every import it ran in the trail, a cancelled one as such: one row more
added=$(q "SELECT count(*) FROM history WHERE seq > ${head%%:*}")
last=$(q "SELECT result FROM history ORDER BY seq DESC LIMIT 1")
is "...the trail: one row more, the import cancelled" "$added $last" "1 fail:cancelled"
run check --db "$db"
status_is "...and the database checks whole" 0
has "...its trail's chain unbroken" "$tmp/out" "audit trail"
