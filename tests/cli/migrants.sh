#!/bin/sh
# tests/cli/migrants.sh: the roster of migrant women (流动妇女平安之家) from the command line:
# `jiuye migrant add|check|leave|show|list|due` through a member's months (joining with her permit
# and employer, the monthly check, one a month, a check that finds her gone), the refusals (each on
# its field, nothing saved), who is due on `jiuye migrant due` and 今日待办 (`jiuye due`), and L1-L3
# in `jiuye report`. On the demo database of 2024-06-30, shifted a month back: its member 陈美玲
# (R-000005, from 贵州毕节, joined 03-02, checked 04-08 and 05-09), and here 周红霞 (R-000008),
# 郑小娟 (R-000009) and 张丽华 (R-000003).
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 51
db="$tmp/t.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
export JIUYE_DB="$db"
count() { sqlite3 -batch "$db" "$1" 2>/dev/null || python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$db" "$1"; }

run --help
has "--help lists jiuye migrant" "$tmp/out" "jiuye migrant add --id-number ID|REG_NO --origin O --permit P"

# ---- joining -------------------------------------------------------------------------------------
run migrant add --id-number R-000008 --origin 贵州毕节 --permit 居住证 --date 2024-04-02
status_is "add: a permit without its date is refused" 1
has "add: on its field" "$tmp/err" "办证日期: required with a permit"
run migrant add --id-number R-000008 --origin 贵州毕节 --permit 绿卡 --permit-date 2024-03-01
status_is "add: an unknown permit is refused" 1
has "add: the field and what is accepted" "$tmp/err" "居住证件: \"绿卡\" is not in the list; accepted: 暂住证, 居住证, 无"
run migrant add --id-number R-000008 --permit 无
has "add: where she is from is required" "$tmp/err" "籍贯: required"
run migrant add --id-number R-000099 --origin 贵州毕节 --permit 无
has "add: a woman not registered is refused" "$tmp/err" "身份证号: \"R-000099\": no resident of your communities"
[ "$(count 'SELECT count(*) FROM migrant')" = 1 ] && ok "add: nothing saved by the refusals" \
	|| nok "add: nothing saved by the refusals"
run migrant add --id-number R-000008 --origin 贵州毕节 --permit 居住证 --permit-date 2024-03-01 \
	--employer E02 --date 2024-04-02
status_is "add: 周红霞 with her 居住证 and an employer of the jobs list" 0
has "add: she joined" "$tmp/out" "R-000008 周红霞 joined the roster on 2024-04-02"
run migrant add --id-number R-000008 --origin 贵州 --permit 无
status_is "add: once on the roster" 1
has "add: since when" "$tmp/err" "身份证号: 周红霞 is on the roster since 2024-04-02"
run migrant add --id-number R-000009 --origin 安徽阜阳 --permit 暂住 --permit-date 2024-05-01 \
	--employer 阿香小吃店 --date 2024-05-10
status_is "add: 郑小娟, a 暂住证 by another name, a firm not on the jobs list" 0
run migrant add --id-number R-000003 --origin 江西上饶 --permit 无 --date 2024-06-20
status_is "add: 张丽华 with no permit, this month" 0

# ---- the monthly check ---------------------------------------------------------------------------
run migrant due
has "due: 周红霞, not checked since she joined in April" "$tmp/out" "R-000008"
has "due: 郑小娟 too" "$tmp/out" "R-000009"
lacks "due: not 张丽华, who joined this month" "$tmp/out" "R-000003"
run due
has "jiuye due: the list and its count" "$tmp/out" "migrant women to check this month: 3"
has "jiuye due: the demo's 陈美玲, last checked in May" "$tmp/out" "R-000005  陈美玲     2024-05-09  from 贵州毕节, works at 溪口镇来料加工点"
has "jiuye due: her origin and employer" "$tmp/out" "from 贵州毕节, works at 桐溪明华服装针织有限公司; not checked since she joined"
run migrant check R-000008 --date 2024-06-03
status_is "check: 周红霞 still here (在住 when nothing is said)" 0
run migrant check R-000008 --date 2024-06-28
status_is "check: a second in June is refused" 1
has "check: one a month" "$tmp/err" "复核日期: 周红霞 was checked on 2024-06-03: one check a month"
run migrant check R-000009 --outcome 返乡 --note 回老家带孩子 --date 2024-06-25
status_is "check: 郑小娟 found gone home" 0
run migrant due
lacks "due: not 周红霞, checked" "$tmp/out" "R-000008"
lacks "due: not 郑小娟, gone" "$tmp/out" "R-000009"
has "due: 陈美玲 is still to check" "$tmp/out" "R-000005"
run migrant show R-000009
has "show: she left with what was found" "$tmp/out" "离开      2024-06-25 离开：回老家带孩子"
has "show: the check" "$tmp/out" "复核  2024-06-25  离开"
run migrant check R-000009 --date 2024-06-30
has "check: nothing more on a member who left" "$tmp/err" "郑小娟 left the roster on 2024-06-25"
run migrant list 离开
has "list: by its state" "$tmp/out" "R-000009"
run migrant list
has "list: 周红霞 checked this month" "$tmp/out" "2024-06-03 本月已复核"
run migrant leave R-000003 --date 2024-06-29
has "leave: the reason is required" "$tmp/err" "离开原因: required"
run migrant leave R-000003 --reason 迁往外地 --date 2024-06-29
status_is "leave: 张丽华 moved away" 0
run check
has "check: the trail accounts for the members, their checks and their leaving" "$tmp/out" "check: ok"

# ---- the figures: June 2024 against May ----------------------------------------------------------
# June: members on 06-30 陈美玲 周红霞 = 2 (郑小娟 left 06-25, 张丽华 06-29); joined 张丽华 = 1;
# checked 周红霞 郑小娟 = 2; left 郑小娟 张丽华 = 2. May: on 05-31 陈美玲 周红霞 郑小娟 = 3; joined
# 郑小娟 = 1; checked 陈美玲 (05-09) = 1; left 0.
run report --period 2024-06
fig() { awk -v c="$1" '$1 == c { print $4 " " $5 }' "$tmp/out"; }
[ "$(fig L1)" = "2 3" ] && ok "report: L1 members" || nok "report: L1 members" "$(fig L1)"
[ "$(fig L1N)" = "1 1" ] && ok "report: L1N joined" || nok "report: L1N joined" "$(fig L1N)"
[ "$(fig L2)" = "2 1" ] && ok "report: L2 checked" || nok "report: L2 checked" "$(fig L2)"
[ "$(fig L3)" = "2 0" ] && ok "report: L3 left" || nok "report: L3 left" "$(fig L3)"

# ---- files: the 成员名册 kept in Excel -------------------------------------------------------------
printf '身份证号,籍贯,工作单位,居住证件,办证日期,入册日期\nR-000002,四川达州,E04,居住证,2024-01-05,2024-02-01\nR-000004,河南周口,,暂住证,,2024-03-01\n' > "$tmp/bad.csv"
run import migrants "$tmp/bad.csv"
status_is "import: a bad row stops the file" 1
has "import: FILE:ROW: 列名 and what is wrong" "$tmp/err" "bad.csv:3: 办证日期: required with a permit"
[ "$(count 'SELECT count(*) FROM migrant')" = 4 ] && ok "import: nothing saved from a bad file" \
	|| nok "import: nothing saved from a bad file"
sed 's/暂住证,,/暂住证,2024-02-20,/' "$tmp/bad.csv" > "$tmp/good.csv"
run import migrants "$tmp/good.csv" --dry-run
has "import: a dry run" "$tmp/out" "2 added"
[ "$(count 'SELECT count(*) FROM migrant')" = 4 ] && ok "import: a dry run saves nothing" \
	|| nok "import: a dry run saves nothing"
run import migrants "$tmp/good.csv"
has "import: two join the roster" "$tmp/out" "2 added, 0 updated"
run export migrants -o "$tmp/roster.csv"
status_is "export: a file of people needs a purpose" 2
run export migrants --purpose 每月复核 -o "$tmp/roster.csv"
status_is "export: the roster with its purpose" 0
has "export: the form's columns and the roster's own" "$tmp/roster.csv" "身份证号,籍贯,工作单位,居住证件,办证日期,入册日期,离开日期,离开原因,最近复核"
has "export: a member who left, with what was found" "$tmp/roster.csv" "2024-06-25,离开：回老家带孩子,2024-06-25"
run import migrants "$tmp/roster.csv"
has "import: its own export changes nothing" "$tmp/out" "0 added, 0 updated, 6 unchanged"
run template migrants -o "$tmp/t.xlsx"
status_is "template: an empty roster to fill in" 0
