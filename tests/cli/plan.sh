#!/bin/sh
# tests/cli/plan.sh: the year's targets and the day's due lists from the command line.
# `jiuye target set|list|import`: a count and a rate, a street's and a community's own, the same
# value again, what is refused (a value out of range, an unknown indicator or unit, a clerk's
# try) with exit 2 or 1; a file imported with the import rules (dry run, FILE:ROW: 列名, nothing
# saved when a row is bad); the report's target columns with the year to date and the share of
# the year (2024, a leap year: 182 of 366 days by 30 June), and a check that accounts for them.
# `jiuye due [--unit NAME]`: the lists a role may see, of a unit's communities.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 46
db="$tmp/demo.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
me=$(id -un)

# ---- setting and listing ------------------------------------------------------------------------
run target set 2024 A5 120 --db "$db"
status_is "target set 2024 A5 120: exit 0" 0
has "target set: says what it set" "$tmp/out" "target 2024 A5 set to 120"
run target set 2024 a5 120 --db "$db"
has "the same value again: nothing to change" "$tmp/out" "is 120 already"
run target set 2024 A6 85.5% --db "$db"
status_is "a rate with a percent sign: exit 0" 0
run target set 2024 A5 20 --unit 幸福里社区 --db "$db"
status_is "a community's own target: exit 0" 0
run target set 2024 A5 50 --unit 城南街道 --db "$db"
status_is "its street's own target: exit 0" 0
run target set 2024 A6 101 --db "$db"
status_is "a rate above 100: exit 2" 2
has "a rate above 100: says what is accepted" "$tmp/err" "from 0 to 100"
run target set 2024 Z9 1 --db "$db"
status_is "an unknown indicator: exit 2" 2
has "an unknown indicator: says how to name one" "$tmp/err" "as the report prints it"
run target set 2024 A5 1 --unit 南山社区 --db "$db"
status_is "an unknown unit: exit 2" 2
run target set 24 A5 1 --db "$db"
status_is "a year of two digits: exit 2" 2
run target list 2024 --db "$db"
status_is "target list 2024: exit 0" 0
has "list: the county's count" "$tmp/out" "实现再就业人数                120"
has "list: the county's rate" "$tmp/out" "85.50%"
has "list: the community's own, not split from the street's" "$tmp/out" "幸福里社区"
[ "$(grep -c '^2024' "$tmp/out")" -eq 4 ] && ok "list: four targets" ||
	nok "list: four targets" "$(cat "$tmp/out")"

# ---- a file of targets ---------------------------------------------------------------------------
printf '年度,单位,指标,目标值\n2024,,C2,300\n2024,建设社区,A5,x\n2024,南山社区,A5,3\n' >"$tmp/bad.csv"
printf '年度,单位,指标,目标值\n2024,,C2,300\n2024,建设社区,A5,15\n' >"$tmp/good.csv"
run target import "$tmp/bad.csv" --db "$db"
status_is "a file with bad rows: exit 1" 1
has "a bad value: FILE:ROW: 列名" "$tmp/err" "bad.csv:3: 目标值:"
has "an unknown unit: FILE:ROW: 列名" "$tmp/err" "bad.csv:4: 单位:"
run target import "$tmp/good.csv" --dry-run --db "$db"
has "a dry run: counted" "$tmp/out" "2 added"
run target list 2024 --db "$db"
lacks "a bad file and a dry run saved nothing" "$tmp/out" "收集岗位数"
run target import "$tmp/good.csv" --db "$db"
status_is "a good file: exit 0" 0
run target list 2024 --db "$db"
has "a good file: saved" "$tmp/out" "建设社区"

# ---- the report beside them ----------------------------------------------------------------------
run report --period 2024-06 --db "$db"
status_is "report 2024-06 with targets: exit 0" 0
has "report: the target columns, the month's year to date" "$tmp/out" "累计  完成率   超/差"
has "report: the share of the leap year gone by 30 June" "$tmp/out" "时间进度49.73%"
has "report: from 1 January" "$tmp/out" "完成为累计（2024-01-01至2024-06-30）"
run report --period 2024 --db "$db"
has "a year: its own figure under 完成" "$tmp/out" "完成  完成率   超/差"
run check --db "$db"
has "check: the trail accounts for every target and change" "$tmp/out" "check: ok ("

# ---- the workbook: 目标 columns, and 趋势 with its charts, read back with openpyxl ----------------
run report --period 2024-06 -o "$tmp/r.xlsx" --db "$db"
status_is "report 2024-06 to a workbook: exit 0" 0
# each month's A5 from the text reports, to hold the 趋势 sheet against
a5=""
for m in 01 02 03 04 05 06; do
	"$JIUYE" report --period 2024-$m --db "$db" >"$tmp/m.txt" 2>/dev/null
	a5="$a5 $(awk '$1 == "A5" { print $4 }' "$tmp/m.txt")"
done
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)
if [ -n "$PY" ] && "$PY" -c "import openpyxl" 2>/dev/null; then
	"$PY" - "$tmp/r.xlsx" $a5 >"$tmp/xlsx.out" 2>&1 <<'PYEOF'
import sys, openpyxl
path, a5 = sys.argv[1], [int(v) for v in sys.argv[2:]]
wb = openpyxl.load_workbook(path)
def say(ok, what, detail=""):
    print(("ok - " if ok else "not ok - ") + what)
    if not ok and detail:
        print("#   " + str(detail))
say(wb.sheetnames == ["统计报表", "趋势"], "xlsx: the figures and their 趋势", wb.sheetnames)
ws = wb["统计报表"]
head = next((r for r in ws.iter_rows(values_only=True) if r and r[0] == "代码"), None)
say(head is not None and list(head[6:11]) == ["目标", "累计", "完成率", "超/差", "超/差(%)"],
    "xlsx: the 目标 columns of the main sheet", head)
row = next((r for r in ws.iter_rows(values_only=True) if r and r[0] == "A5"), None)
say(row is not None and list(row[6:11]) == [120, 7, 5.83, -113, -94.17],
    "xlsx: A5 against its target of 120, as numbers", row)
tr = wb["趋势"]
hdr = [c.value for c in tr[2]]
months = [r[0] for r in tr.iter_rows(min_row=3, values_only=True) if r[0]]
say(months == ["2024-0%d" % m for m in range(1, 7)], "趋势: January to June, a row each", months)
col = hdr.index("A5 实现再就业人数") + 1
say([tr.cell(3 + k, col).value for k in range(6)] == a5, "趋势: A5 month by month as the text reports",
    ([tr.cell(3 + k, col).value for k in range(6)], a5))
charts = tr._charts
say(len(charts) == 3, "趋势: three native charts", len(charts))
def letter(name):
    return openpyxl.utils.get_column_letter(hdr.index(name) + 1)
want = ["A2 新增登记人数", "A5 实现再就业人数", "A1E 期末登记失业人员数"]
got = [(s.tx.strRef.f, s.cat.strRef.f if s.cat.strRef else s.cat.numRef.f, s.val.numRef.f)
       for s in charts[0].series] if charts else []
exp = [("'趋势'!$%s$2" % letter(n), "'趋势'!$A$3:$A$8", "'趋势'!$%s$3:$%s$8" % (letter(n), letter(n)))
       for n in want]
say(got == exp, "趋势: the first chart's series: A2, A5, A1E over the six months", (got, exp))
rates = [s.val.numRef.f for s in charts[2].series] if len(charts) > 2 else []
exp = ["'趋势'!$%s$3:$%s$8" % (letter(n), letter(n))
       for n in ["A6 再就业率", "C5 推荐成功率", "F7R 培训后就业率"]]
say(rates == exp, "趋势: the rates' chart: A6, C5, F7R over the same rows", (rates, exp))
PYEOF
	cat "$tmp/xlsx.out"
else
	skip_rest 8 "the workbook read back" "no python3-openpyxl (make deps-test installs it)"
fi

# ---- due -----------------------------------------------------------------------------------------
run due --db "$db"
status_is "due: exit 0" 0
has "due: the visits of the quarter" "$tmp/out" "home visits due this quarter"
has "due: an administrator decides requests" "$tmp/out" "changes waiting for a reviewer"
run due --unit 南山社区 --db "$db"
status_is "due --unit of no unit: exit 2" 2
sqlite3 "$db" "UPDATE worker SET role = 1 WHERE os_user = '$me'"
run due --db "$db"
lacks "a clerk: no reviewer's list" "$tmp/out" "changes waiting for a reviewer"
run target set 2024 A5 1 --db "$db"
status_is "a clerk sets no target: exit 1" 1
sqlite3 "$db" "UPDATE worker SET role = 3 WHERE os_user = '$me'"
run due --db "$db"
lacks "a statistician: no list of people" "$tmp/out" "home visits"
