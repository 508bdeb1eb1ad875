#!/bin/sh
# tests/cli/processing.sh: `jiuye import|export brokers|outlets|fees`: brokers and outlets from
# files (a broker's township from her village, a base's level), a broker's fee sheet (姓名 身份证号
# 月份 产品 件数 加工费) with the outlet on the command line, a dry run, the sheet imported again
# changing nothing, bad rows as FILE:ROW: 列名: lines with nothing saved, the woman's third month
# making her 来料加工 in the report (A7-024), the fees in the report (H4 in 元 and 万元), and the
# files exported masked for a clerk. Prints "ok - name" / "not ok - name" lines.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 33
csv() { printf '%s\r\n' "$@"; }
db="$tmp/p.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
export JIUYE_DB="$db"
"$JIUYE" export residents --purpose 核对 -o "$tmp/residents.csv" 2>/dev/null
id_of() { grep "^$1," "$tmp/residents.csv" | cut -d, -f2; }
ZHAO=$(id_of 赵春梅)
CHEN=$(id_of 陈美玲)
WANG=$(id_of 王秀兰)
WU=$(id_of 吴建国)
[ ${#ZHAO} -eq 18 ] && ok "the demo's ID numbers are known" || nok "the demo's ID numbers are known" "$ZHAO"

csv '经纪人编号,姓名,所在村社区,加工产品,新发展年份,优秀经纪人,县实用人才库,起始日期' \
    'B-001,陈金花,红星村,绣花鞋;针织,2024,是,是,2023-05-01' >"$tmp/b.csv"
run import brokers "$tmp/b.csv"
status_is "import brokers: exit 0" 0
has "import brokers: one added" "$tmp/out" "1 added"
csv '网点编号,名称,类型,级别,所在村社区,经纪人编号,结对企业,从业妇女人数,建立日期' \
    'O-001,红星村来料加工点,网点,,红星村,B-001,E02,31,2023-06-01' \
    'O-002,绿源巾帼示范基地,示范基地,县级,红星村,,E05,52,2022-01-01' >"$tmp/o.csv"
run import outlets "$tmp/o.csv"
has "import outlets: two added" "$tmp/out" "2 added"
csv '网点编号,名称,类型,级别' 'O-003,某加工站,加工站,省级' 'O-004,某基地,示范基地,' \
    'O-005,某点,网点,' >"$tmp/obad.csv"
run import outlets "$tmp/obad.csv"
status_is "import outlets, bad rows: exit 1" 1
has "a station has no level" "$tmp/err" "obad.csv:2: 级别:"
has "a demonstration base needs one" "$tmp/err" "obad.csv:3: 级别:"
run export outlets --purpose 核对 -o "$tmp/oo.csv"
lacks "nothing of the bad file was saved" "$tmp/oo.csv" "某点"

csv '姓名,身份证号,月份,产品,件数,加工费' "赵春梅,$ZHAO,2024年3月,绣花鞋,120,\"1,200\"" \
    "赵春梅,$ZHAO,2024-04,绣花鞋,100,1000.50" "陈美玲,$CHEN,202404,针织,80,860" \
    "赵春梅,$ZHAO,2024/5,绣花鞋,90,900" >"$tmp/f.csv"
run import fees "$tmp/f.csv"
status_is "a sheet without 网点编号 and no --outlet: exit 1" 1
has "... names the column" "$tmp/err" "网点编号: the column is missing"
run import fees "$tmp/f.csv" --outlet O-001 --dry-run
has "dry run: four would be added" "$tmp/out" "4 added"
run export fees --purpose 核对 -o "$tmp/ff.csv"
lacks "dry run: nothing saved" "$tmp/ff.csv" "赵春梅"
run import fees "$tmp/f.csv" --outlet o-001
status_is "import fees: exit 0" 0
run import fees "$tmp/f.csv" --outlet O-001
has "the sheet again: nothing added twice" "$tmp/out" "0 added, 0 updated, 4 unchanged"
csv '姓名,身份证号,月份,产品,件数,加工费' "赵春梅,$ZHAO,2024-13,绣花鞋,120,100" \
    "王秀,$WANG,2024-04,,1,10" "吴建国,$WU,2024-04,,1,10" "陈美玲,$CHEN,2024-07,,1,10" \
    "陈美玲,$CHEN,2024-05,针织,1,1.234" "陈美玲,$CHEN,2024-06,针织,1,5" \
    "陈美玲,$CHEN,2024-06,针织,2,6" >"$tmp/bad.csv"
run import fees "$tmp/bad.csv" --outlet O-001
status_is "bad fee rows: exit 1" 1
has "a month that is none" "$tmp/err" "bad.csv:2: 月份:"
has "a name not hers" "$tmp/err" "bad.csv:3: 姓名:"
has "a man" "$tmp/err" "bad.csv:4: 身份证号:"
has "a fee to the tenth of a fen" "$tmp/err" "bad.csv:6: 加工费:"
has "the same month twice" "$tmp/err" "bad.csv:8: 身份证号: also in row 7"
run export fees --purpose 核对 -o "$tmp/ff.csv"
lacks "nothing of the bad sheet saved" "$tmp/ff.csv" "2024-06"

# 赵春梅 (unemployed) has fees in March, April and May: 来料加工 from 1 May; H4 3960.50 元
run report --period 2024Q2 -o "$tmp/r.txt"
grep '^A7-024' "$tmp/r.txt" | grep -q ' 1 ' && ok "her third month: 来料加工 in A7" ||
	nok "her third month: 来料加工 in A7" "$(grep '^A7' "$tmp/r.txt")"
# Q2: April 1000.50 + 860 and May 900 = 2760.50 元, and the demo's 陈美玲 (975 + 910 for her
# knitting in April and May): 4645.50 元, 0.46455 万元
has "H4 in 万元" "$tmp/r.txt" "H4 加工费总额：本期 0.46455万元"

# A payment entered by mistake: the ledger listed by month with each payment's number, removed
# with a reason (refused without one, nothing removed), gone from the list, from the report (Q2
# less 陈美玲's 860 元 of April: 4645.50 - 860 = 3785.50 元) and kept in the trail with its reason.
run fee list 2024-04
has "fee list: the month's payments" "$tmp/out" "陈美玲"
lacks "fee list: only that month" "$tmp/out" "2024-05"
FEE=$(grep ' 针织 ' "$tmp/out" | cut -d' ' -f1)
run fee delete "$FEE" " "
status_is "fee delete without a reason: exit 1" 1
has "... names the field" "$tmp/err" "原因:"
run fee list 2024-04 --outlet O-001
has "... nothing removed" "$tmp/out" "针织"
run fee delete "$FEE" "录错了人，她四月没有领"
status_is "fee delete with a reason: exit 0" 0
run fee list 2024-04
lacks "fee delete: gone from the list" "$tmp/out" "针织"
run report --period 2024Q2 -o "$tmp/r.txt"
has "fee delete: the report recomputes" "$tmp/r.txt" "H4 加工费总额：本期 0.37855万元"
sqlite3 -batch "$db" "SELECT changes FROM history WHERE entity = 'fee' AND action = 'delete'" \
	>"$tmp/trail"
has "fee delete: the trail keeps the reason" "$tmp/trail" '"reason":[null,"录错了人，她四月没有领"]'
has "... and what was paid" "$tmp/trail" '"fee":["860.00",null]'
