#!/bin/sh
# tests/bench.sh: `make bench`. The speed and size figures on a registry of 1,000,000 synthetic
# residents, one line per figure: `bench NAME VALUE UNIT`. A benchmark, not a test: it reports,
# it does not judge: each search figure stands beside its raw-SQLite limit measured in the same
# run (search_*_raw_p95), so a slower or faster machine shows in both.
#
# The registry is built once in a temporary directory (removed at the end) and every figure that
# needs a full registry reuses it: the searches (a separate process, so its peak memory is the
# searcher's alone) and the full-screen program's keystroke time and bytes, start-up time and
# memory; last, a year of events is added to it for the monthly report (report_month) and
# 今日待办 (due_admin_ms).
#
#   BENCH_N=1000000      residents in the registry
#   BENCH_Q=1000         random queries of each search kind
#   BENCH_IMPORT=100000  rows of the CSV file given to `jiuye import residents` (and a file of
#                        BENCH_N rows too: import_whole_rate, import_whole_peak_rss,
#                        and the same rows as a workbook: import_xlsx_rate, import_xlsx_vs_csv)
#   BENCH_TYPE=200       search-as-you-type queries typed a key at a time (and erased), then each
#                        sent in one write; the bytes of the answers are search_keystroke_bytes
#                        and search_burst_bytes
#   BENCH_KEYS           keys from the first screen to the search line (harness syntax)
#   BENCH_FEES=1000000   payments in the 来料加工 fee ledger imported (fee_import_rate, its peak
#                        memory, and report_year_with_fees on it)
set -u

N=${BENCH_N:-1000000}
Q=${BENCH_Q:-1000}
NIMP=${BENCH_IMPORT:-100000}
NTYPE=${BENCH_TYPE:-200}
KEYS=${BENCH_KEYS:-1 <F3>}
JIUYE=${JIUYE:-./jiuye}
BENCH=${BENCH:-./build/bench}
BENCH_PTY=${BENCH_PTY:-./build/bench_pty}

T=$(mktemp -d "${TMPDIR:-/tmp}/jiuye-bench.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
export TZ=UTC LANG=C.UTF-8 JIUYE_TODAY=2024-06-30 HOME="$T"
unset JIUYE_DB
status=0

now_ns() { date +%s%N; }

echo "# building a registry of $N synthetic residents in $T"
"$BENCH" load "$T/reg.db" "$N" || status=1

echo "# $Q random queries of each kind, first page of 50"
"$BENCH" search "$T/reg.db" "$N" "$Q" || status=1

# jiuye's command ARGS, its peak resident set in KB written to $T/rss (what the kernel kept for
# the child: ru_maxrss), its exit status returned
peak_of() {
	python3 -c 'import resource, subprocess, sys
rc = subprocess.run(sys.argv[2:], stdout=open(sys.argv[1] + ".out", "w"), stderr=subprocess.STDOUT).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=open(sys.argv[1], "w"))
sys.exit(rc)' "$T/rss" "$@"
}
# the bench's own two units (百花社区 1%, 新苑社区 nobody), as bench load adds them
bench_units() {
	sqlite3 "$1" "INSERT OR IGNORE INTO unit(code, name, level, parent) VALUES
	  ('BX0101', '百花社区', 'community', (SELECT code FROM unit WHERE level = 'street' ORDER BY code LIMIT 1)),
	  ('BX0102', '新苑社区', 'community', (SELECT code FROM unit WHERE level = 'street' ORDER BY code LIMIT 1))"
}

echo "# importing a $NIMP-row CSV file into a fresh database, then searching it in a new process"
"$BENCH" csv "$T/import.csv" "$NIMP" || status=1
if "$JIUYE" init --demo --db "$T/import.db" >"$T/init.out" 2>&1 && bench_units "$T/import.db"; then
	t0=$(now_ns)
	if peak_of "$JIUYE" import residents "$T/import.csv" --db "$T/import.db"; then
		t1=$(now_ns)
		csv_ns=$((t1 - t0))
		echo "bench import_rate $((NIMP * 1000000000 / (t1 - t0))) rows/s"
		echo "bench import_peak_rss $(($(cat "$T/rss") / 1024)) MB"
		"$BENCH" search "$T/import.db" "$NIMP" "$Q" 10000000 | grep -v 'rss' || status=1
	else
		echo "# jiuye import failed:"; sed -n '1,5s/^/#   /p' "$T/rss.out"; status=1
	fi
else
	echo "# jiuye init failed:"; sed -n '1,5s/^/#   /p' "$T/init.out"; status=1
fi

# The same rows as a workbook (inline strings, a date cell), into a fresh database like the CSV
# file's: the goal is at most 1.5 times the CSV import's time.
echo "# the same $NIMP rows as an xlsx workbook, imported into a fresh database"
"$BENCH" xlsx "$T/import.xlsx" "$NIMP" || status=1
if "$JIUYE" init --demo --db "$T/importx.db" >"$T/init.out" 2>&1 && bench_units "$T/importx.db"; then
	t0=$(now_ns)
	if peak_of "$JIUYE" import residents "$T/import.xlsx" --db "$T/importx.db"; then
		t1=$(now_ns)
		echo "bench import_xlsx_rate $((NIMP * 1000000000 / (t1 - t0))) rows/s"
		echo "bench import_xlsx_peak_rss $(($(cat "$T/rss") / 1024)) MB"
		[ -n "${csv_ns:-}" ] && echo "bench import_xlsx_vs_csv $(((t1 - t0) * 100 / csv_ns)) % of the CSV import's time"
	else
		echo "# jiuye import of the workbook failed:"; sed -n '1,5s/^/#   /p' "$T/rss.out"; status=1
	fi
fi
rm -f "$T/import.xlsx" "$T/importx.db" "$T/importx.db-wal" "$T/importx.db-shm"

echo "# the full-screen program on the same registry, through a pseudo-terminal (80x24)"
if [ -x "$BENCH_PTY" ]; then
	# in Chinese, as the workers run it (the catalogue is loaded at start-up)
	tui_lang=C.UTF-8
	locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$' && tui_lang=zh_CN.UTF-8
	"$BENCH" queries "$T/queries.txt" "$N" "$NTYPE" || status=1
	LANG=$tui_lang "$BENCH_PTY" -s 80x24 -k "$KEYS" "$T/queries.txt" -- "$JIUYE" --db "$T/reg.db" ||
		status=1
else
	echo "# $BENCH_PTY missing: no keystroke, startup or tui_peak_rss figures"; status=1
fi
"${BENCH_JOBS:-./build/bench_jobs}" load "$T/jobs.db" "$N" && "${BENCH_JOBS:-./build/bench_jobs}" match "$T/jobs.db" "$N" "$Q" || status=1

echo "# the same $NIMP-row file imported into the $N-resident registry (a copy of it)"
cp "$T/reg.db" "$T/big.db"
t0=$(now_ns)
if peak_of "$JIUYE" import residents "$T/import.csv" --db "$T/big.db"; then
	t1=$(now_ns)
	echo "bench import_rate_full $((NIMP * 1000000000 / (t1 - t0))) rows/s"
	echo "bench import_full_peak_rss $(($(cat "$T/rss") / 1024)) MB"
else
	echo "# jiuye import into the registry failed:"; sed -n '1,5s/^/#   /p' "$T/rss.out"; status=1
fi
rm -f "$T/big.db" "$T/big.db-wal" "$T/big.db-shm"

# A whole registry's file in one import (a county moving in from its old ledger): the load keeps to
# its spills, so its heap stays bounded whatever the file's size.
echo "# a $N-row CSV file imported into a fresh database: rate and peak memory"
"$BENCH" csv "$T/whole.csv" "$N" || status=1
if "$JIUYE" init --demo --db "$T/whole.db" >"$T/init.out" 2>&1 && bench_units "$T/whole.db"; then
	t0=$(now_ns)
	if peak_of "$JIUYE" import residents "$T/whole.csv" --db "$T/whole.db"; then
		t1=$(now_ns)
		echo "bench import_whole_rate $((N * 1000000000 / (t1 - t0))) rows/s"
		echo "bench import_whole_peak_rss $(($(cat "$T/rss") / 1024)) MB"
	else
		echo "# jiuye import of the whole file failed:"; sed -n '1,5s/^/#   /p' "$T/rss.out"; status=1
	fi
fi
rm -f "$T/whole.csv" "$T/whole.db" "$T/whole.db-wal" "$T/whole.db-shm"

echo "# the monthly report (2024-06 against 2024-05) after a year of events on the registry"
BENCH_REPORT=${BENCH_REPORT:-./build/bench_report}
"$BENCH_REPORT" events "$T/reg.db" && "$BENCH_REPORT" month "$T/reg.db" 2024-06 || status=1

# The 来料加工 fee ledger: BENCH_FEES payments (the registry's first women, ten months each, from
# 2023-09 to 2024-06) in one broker's sheet imported into a copy of the registry, then the
# report of 2024 (every figure, H4 among them) on it.
NFEE=${BENCH_FEES:-1000000}
echo "# a fee ledger of $NFEE payments imported into the registry, then the year's report on it"
cp "$T/reg.db" "$T/fees.db"
printf '%s\r\n' '网点编号,名称,类型,建立日期' 'O-001,红星村来料加工点,网点,2020-01-01' >"$T/outlet.csv"
{
	printf '%s\r\n' '姓名,身份证号,月份,产品,件数,加工费'
	sqlite3 -csv "$T/fees.db" "WITH RECURSIVE m(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM m
	  WHERE k < 9) SELECT r.name, r.id_no, printf('%04d-%02d', 2023 + (k + 8) / 12, (k + 8) % 12 + 1),
	  '手工编织', 10 + r.id % 50, printf('%d.%02d', 100 + r.id % 900, r.id % 100)
	  FROM (SELECT id, name, id_no FROM resident WHERE sex = '2' AND closed_at IS NULL ORDER BY id
	  LIMIT $((NFEE / 10))) r, m ORDER BY r.id, k"
} >"$T/fees.csv"
if "$JIUYE" import outlets "$T/outlet.csv" --db "$T/fees.db" >"$T/outlet.out" 2>&1; then
	t0=$(now_ns)
	if peak_of "$JIUYE" import fees "$T/fees.csv" --outlet O-001 --db "$T/fees.db"; then
		t1=$(now_ns)
		echo "bench fee_import_rate $((NFEE * 1000000000 / (t1 - t0))) rows/s"
		echo "bench fee_import_peak_rss $(($(cat "$T/rss") / 1024)) MB"
		t0=$(now_ns)
		if "$JIUYE" report --period 2024 -o "$T/year.txt" --db "$T/fees.db" >"$T/year.out" 2>&1; then
			t1=$(now_ns)
			echo "bench report_year_with_fees $(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.2f", ns / 1e9 }') s"
			grep '^H4 ' "$T/year.txt" | sed 's/^/# /'
		else
			echo "# jiuye report of the year failed:"; sed -n '1,5s/^/#   /p' "$T/year.out"; status=1
		fi
	else
		echo "# jiuye import fees failed:"; sed -n '1,5s/^/#   /p' "$T/rss.out"; status=1
	fi
else
	echo "# jiuye import outlets failed:"; sed -n '1,5s/^/#   /p' "$T/outlet.out"; status=1
fi
rm -f "$T/fees.csv" "$T/fees.db" "$T/fees.db-wal" "$T/fees.db-shm"

echo "# 今日待办 as the administrator opens it on the same registry (each list's first 50 lines, its count)"
"$BENCH" due "$T/reg.db" || status=1

echo "# the same month written as XLSX with the people lists (人员明细: each resident once, a column per figure)"
# processor time (user + system, s) of the commands this shell has waited for, from what `times`
# wrote to $1 (it runs in this shell: inside $(...) it would count the subshell's); on a busy
# machine the wall time also holds the waits for a processor
cpu_of() {
	awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { x = $i; sub(/s$/, "", x); split(x, p, "m"); t += p[1] * 60 + p[2] } printf "%.3f", t }' "$1"
}
times >"$T/times0"
t0=$(now_ns)
if "$JIUYE" report --period 2024-06 --format xlsx --purpose 上报区人社局 -o "$T/report.xlsx" --db "$T/reg.db" >"$T/report.out" 2>&1; then
	t1=$(now_ns)
	times >"$T/times1"
	echo "bench report_xlsx $(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.1f", ns / 1e9 }') s"
	echo "bench report_xlsx_cpu $(awk -v a="$(cpu_of "$T/times0")" -v b="$(cpu_of "$T/times1")" 'BEGIN { printf "%.1f", b - a }') s"
	echo "bench report_xlsx_size $(( $(wc -c <"$T/report.xlsx") / 1048576 )) MB"
else
	echo "# jiuye report --format xlsx failed:"; sed -n '1,5s/^/#   /p' "$T/report.out"; status=1
fi
rm -f "$T/report.xlsx"
exit $status
