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
plan 37
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
