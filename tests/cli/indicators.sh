#!/bin/sh
# tests/cli/indicators.sh: what the report's C8, E4 and F10 count, recorded from the command line.
# `jiuye notice add|list`: a posting's notices by channel, an unknown channel or posting refused
# with the field named; `jiuye subsidy set|pay|list`: a public-welfare post's subsidy a month in
# yuan and the months paid, a month paid twice and a placement that is not public-welfare
# refused; a course sent outside (外送培训) from a course file; and the report counting them.
# `jiuye report --summary`: the half-year summary against the same half of the year before, as
# text and as a workbook (its 趋势 sheet's charts read back with openpyxl); a month refused.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2026-11-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 29
db="$tmp/demo.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
# the demo's public-welfare placement (J-001, from 1 September) and a placement that is not one
pw=$(sqlite3 "$db" "SELECT r.id_no FROM placement p JOIN resident r ON r.id = p.resident_id
	WHERE p.public_welfare = 1 AND p.end_date IS NULL LIMIT 1")
other=$(sqlite3 "$db" "SELECT r.id_no FROM placement p JOIN resident r ON r.id = p.resident_id
	WHERE p.public_welfare = 0 AND p.end_date IS NULL LIMIT 1")

# ---- notices ------------------------------------------------------------------------------------
run notice add J-001 --channel 公示 --date 2026-11-02 --db "$db"
status_is "notice add: exit 0" 0
has "notice add: says what it recorded" "$tmp/err" "notice of J-001 recorded"
run notice add J-001 --channel 电话通知 --date 2026-11-05 --note 逐户电话 --db "$db"
run notice add J-001 --channel 4 --db "$db"
status_is "a channel by its code, today: exit 0" 0
run notice add J-001 --channel 广播 --db "$db"
status_is "an unknown channel: exit 1" 1
has "an unknown channel: names the field and those accepted" "$tmp/err" \
	"通知渠道: \"广播\" is not a channel; accepted: 公示, 电话通知, 入户告知, 招聘专栏"
run notice add J-999 --channel 公示 --db "$db"
status_is "an unknown posting: exit 1" 1
has "an unknown posting: says so" "$tmp/err" "no posting has the code J-999"
run notice add J-001 --db "$db"
status_is "no --channel: exit 2" 2
run notice list J-001 --db "$db"
has "list: the 电话通知 with its note" "$tmp/out" "2026-11-05  电话通知    逐户电话"
[ "$(wc -l <"$tmp/out")" -eq 3 ] && ok "list: three notices" || nok "list: three notices" "$(cat "$tmp/out")"

# ---- post subsidies -----------------------------------------------------------------------------
run subsidy set "$pw" 1,800 --db "$db"
status_is "subsidy set 1,800: exit 0" 0
run subsidy pay "$pw" 2026-10 --date 2026-10-31 --db "$db"
status_is "October paid at the monthly sum: exit 0" 0
run subsidy pay "$pw" 2026年11月 900.50 --db "$db"
status_is "November paid with its own sum, today: exit 0" 0
run subsidy pay "$pw" 2026-11 --db "$db"
status_is "November again: exit 1" 1
has "November again: says it is paid" "$tmp/err" "补贴月份: the subsidy of 2026-11 is paid already"
run subsidy pay "$other" 2026-11 100 --db "$db"
has "not a public-welfare placement: refused" "$tmp/err" "a public-welfare placement only"
run subsidy set "$pw" 三千 --db "$db"
status_is "a sum that is not one: exit 1" 1
run subsidy list "$pw" --db "$db"
has "list: October at 1800.00, paid on 31 October" "$tmp/out" "2026-10       1800.00  2026-10-31"
has "list: November at 900.50, paid today" "$tmp/out" "2026-11        900.50  2026-11-30"

# ---- a course sent outside, and the report --------------------------------------------------------
printf '培训班名称,专业,培训类别,开班日期,结业日期,外送培训\n市级育婴师培训,育婴,失业人员培训,2026-11-10,2026-11-20,是\n' \
	>"$tmp/courses.csv"
run import courses "$tmp/courses.csv" --db "$db"
status_is "a course file with 外送培训: exit 0" 0
run report --period 2026-11 --db "$db"
grep -E '^C8 ' "$tmp/out" | grep -qE ' 3 +0 +\+3$' && ok "report: C8 3 in November" ||
	nok "report: C8 3 in November" "$(grep -E '^C8' "$tmp/out")"
grep -E '^E4 ' "$tmp/out" | grep -qE ' 900\.50 +1800\.00 ' && ok "report: E4 900.50 (October 1800.00)" ||
	nok "report: E4" "$(grep -E '^E4' "$tmp/out")"
grep -E '^F1Q ' "$tmp/out" >/dev/null && ok "report: the 期 of the courses (F1Q)" || nok "report: F1Q"
"$JIUYE" export courses --db "$db" -o "$tmp/courses_out.csv" 2>/dev/null
has "the course export has 外送培训, 是 on the course sent outside" "$tmp/courses_out.csv" "2026-11-10,2026-11-20,,,,,,,是"

# ---- the half-year summary ----------------------------------------------------------------------
run report --period 2026H2 --summary --db "$db"
status_is "report --summary: exit 0" 0
has "summary: against the same half of the year before" "$tmp/out" "上年同期：2025年下半年（2025-07-01至2025-12-31）"
has "summary: month by month" "$tmp/out" "逐月趋势（2026年1月至2026年12月）"
run report --period 2026-11 --summary --db "$db"
has "summary of a month: refused" "$tmp/err" "a summary is of a half-year or a year"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)
"$JIUYE" report --period 2026H2 --summary --format xlsx -o "$tmp/s.xlsx" --db "$db" 2>/dev/null
got=$("$PY" -c '
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
head = [c.value for c in next(r for r in wb["统计报表"].iter_rows() if r[0].value == "代码")]
print(",".join(wb.sheetnames), head[4], head[5], len(wb["趋势"]._charts))' "$tmp/s.xlsx" 2>&1)
[ "$got" = "统计报表,趋势 上年同期 同比增减 3" ] && ok "summary workbook: 上年同期 and 同比增减, 趋势 with 3 charts" ||
	nok "summary workbook" "$got"
