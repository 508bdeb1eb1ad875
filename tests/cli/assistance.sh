#!/bin/sh
# tests/cli/assistance.sh: assistance and relief records (就业援助 / 帮困救助) from the command line:
# `jiuye assistance add|list|show` with Chinese data, money in 元 and goods by name, the refusals
# (each on its field, nothing saved), a record that belongs to a pair (its money is the pair's
# I2), the list's filters, and E5, E6 and K5 in `jiuye report` with 万元 in the text. On the demo
# database of 2024-06-30, shifted a month back: 李桂芳's 两节 relief A-2023-001 (2023-12-30),
# 赵春梅's 三八 goods A-2024-001 (02-07), 王秀兰's 4050 subsidy A-2024-002 (02-20), 陈美玲's
# 维权援助 A-2024-003 (03-26) and 黄淑芬's 结对援助 A-2024-004 (04-28, of P-2024-011). Who else may
# see a record is test_assist's.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 30
db="$tmp/t.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
export JIUYE_DB="$db"
count() { sqlite3 "$db" "SELECT count(*) FROM assistance"; }

run --help
has "--help lists jiuye assistance" "$tmp/out" "jiuye assistance add --kind K --id-number ID|REG_NO"

# ---- adding --------------------------------------------------------------------------------------
run assistance add --kind 4050 --id-number R-000002 --amount 1500 --date 2024-06-10 --funder 县人力社保局
status_is "add: 4050 assistance by another name of its kind" 0
has "add: numbered after the demo's 2024 records" "$tmp/out" "A-2024-005 added: 李桂芳 2024-06-10"
run assistance add --kind 慰问 --id-number R-000006 --occasion 端午 --amount 300 --date 2024-06-12
status_is "add: an occasion not on the list is refused" 1
has "add: the field and what is accepted" "$tmp/err" "援助时机: \"端午\" is not in the list; accepted: 两节"
run assistance add --kind 慰问 --id-number R-000006 --form 物资 --amount 300 --date 2024-06-12
status_is "add: goods without their name are refused" 1
has "add: on 物资名称" "$tmp/err" "物资名称: required for goods"
run assistance add --kind 4050就业援助 --id-number R-000001 --date 2024-06-12
status_is "add: 4050 assistance without its subsidy is refused" 1
has "add: on 金额" "$tmp/err" "金额: required: the subsidy"
run assistance add --kind 结对援助 --id-number R-000001 --pair P-2024-011 --date 2024-06-12
status_is "add: another woman's pair is refused" 1
has "add: on 结对编号" "$tmp/err" "结对编号: \"P-2024-011\" is another woman's, not hers"
run assistance add --kind 帮困救助 --id-number R-000005 --amount 200 --date 2024-07-01
status_is "add: a day after today is refused" 1
[ "$(count)" = 6 ] && ok "add: nothing saved by the refusals" || nok "add: nothing saved" "$(count)"
run assistance add --kind 慰问 --id-number R-000006 --occasion 其他 --form 物资 --amount 300 \
	--goods 轮椅 --date 2024-06-12 --funder 城南街道妇联 --note 肢体残疾，出行困难
status_is "add: goods at their value" 0
run assistance add --kind 帮困 --id-number 330122197211051070 --amount 0.05万 --date 2024-06-15
status_is "add: relief by her ID number, 0.05万 in 元" 0
has "add: 吴建国 by his ID number" "$tmp/out" "A-2024-007 added: 吴建国 2024-06-15"
run assistance add --kind 结对援助 --id-number R-000010 --pair P-2024-011 --amount 200 \
	--date 2024-06-20 --note 子女暑期托管费
status_is "add: money that belongs to her pair" 0

# ---- lists ---------------------------------------------------------------------------------------
run assistance list --kind 4050
has "list: by kind, the new one" "$tmp/out" "A-2024-005  2024-06-10 4050就业援助"
has "list: by kind, the demo's" "$tmp/out" "A-2024-002"
lacks "list: by kind, no other kind" "$tmp/out" "A-2024-006"
run assistance list --occasion 两节
has "list: by occasion" "$tmp/out" "A-2023-001"
run assistance list 轮椅 --from 2024-06-01 --to 2024-06-30
has "list: the goods typed, in the period" "$tmp/out" "A-2024-006  2024-06-12 慰问         其他   R-000006 赵春梅       300.00元"
run assistance show A-2024-006
has "show: the goods and their value" "$tmp/out" "金额       300.00元"
run assistance show A-2099-001
has "show: a number that is none" "$tmp/err" "援助编号: no assistance record is numbered A-2099-001"

# ---- the figures: June 2024 against May ------------------------------------------------------------
# June: E5 李桂芳 = 1, 1,500元; E6 the 结对援助 of 06-20 = 1 (E6-1); K5 赵春梅 (慰问 300元) and
# 吴建国 (帮困 500元) = 2, 800元 = 0.08万元; I2 the 200元 of P-2024-011's record. May: none of the
# demo's (shifted to December-April), so 0 each.
run report --period 2024-06
fig() { awk -v c="$1" '$1 == c { print $4 " " $5; exit }' "$tmp/out"; }
[ "$(fig E5)" = "1 0" ] && ok "report: E5 就业援助人数" || nok "report: E5" "$(fig E5)"
[ "$(fig E5A)" = "1500.00 0.00" ] && ok "report: E5A 援助补贴金额" || nok "report: E5A" "$(fig E5A)"
[ "$(fig E6) $(fig E6-1)" = "1 0 1 0" ] && ok "report: E6 四大援助件数 by kind" || nok "report: E6" "$(fig E6) $(fig E6-1)"
[ "$(fig K5) $(fig K5A)" = "2 0 800.00 0.00" ] && ok "report: K5 帮困救助人数 and 金额" || nok "report: K5" "$(fig K5) $(fig K5A)"
[ "$(fig I2)" = "200.00 0.00" ] && ok "report: I2 counts the pair's assistance record" || nok "report: I2" "$(fig I2)"
has "report: 万元 in the text" "$tmp/out" "K5A 帮困救助金额：本期 0.08万元，上期 0万元"
