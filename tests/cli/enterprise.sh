#!/bin/sh
# tests/cli/enterprise.sh: `jiuye project ...`, `jiuye loan ...` and `jiuye import|export
# projects|loans`: a project from the idea to 开业 (her status becomes 自主创业), a loan through
# its chain with a skipped step and a step dated too early refused, 放款, repayments in yuan as
# workers write them and the loan settled to the fen, the due list and the list searched, files
# with good and bad rows (FILE:ROW: 列名: lines, nothing saved while a row is
# bad, a dry run), and a round trip. Prints "ok - name" / "not ok - name" lines.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 42
csv() { printf '%s\r\n' "$@"; }
db="$tmp/e.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
export JIUYE_DB="$db"
"$JIUYE" export residents --purpose 核对 -o "$tmp/residents.csv" 2>/dev/null
id_of() { grep "^$1," "$tmp/residents.csv" | cut -d, -f2; }
ZHAO=$(id_of 赵春梅)
WU=$(id_of 吴建国)
[ ${#ZHAO} -eq 18 ] && ok "the demo's ID numbers are known" || nok "the demo's ID numbers are known" "$ZHAO"

# ---- a project ----------------------------------------------------------------------------------
run project add 身份证号="$ZHAO" 创业构想=网店客服工作室 行业=电商 构想日期=2024/5/2 培训班编号=K-005
status_is "project add: exit 0" 0
has "project add: the next code" "$tmp/out" "project P-001 added"
run project step P-001 开业 2024-05-01 企业名称=春梅客服工作室
status_is "a stage dated before the idea: exit 1" 1
has "a stage dated before the idea: said so" "$tmp/err" "开业日期: 2024-05-01 is before the project's last stage (2024-05-02)"
run project step P-001 运营 2024-06-01
has "运营 before 开业 is refused" "$tmp/err" "运营 comes after 开业"
run project step P-001 开业 2024-06-01 企业名称=春梅客服工作室 统一社会信用代码=91350100M000100Y44
has "a credit code failing GB 32100 is refused" "$tmp/err" "统一社会信用代码:"
run project step P-001 开业 2024-06-01 企业名称=春梅客服工作室 统一社会信用代码=91350100M000100Y43
status_is "开业 with a good credit code: exit 0" 0
"$JIUYE" export residents --purpose 核对 -o "$tmp/after.csv" 2>/dev/null
has "opening is her employment: 自主创业" "$tmp/after.csv" "赵春梅,$ZHAO"
grep "^赵春梅," "$tmp/after.csv" | grep -q 自主创业 && ok "her status is 自主创业 from 开业" \
	|| nok "her status is 自主创业 from 开业" "$(grep "^赵春梅," "$tmp/after.csv")"
run project step P-001 立项 2024-06-02
has "never back to an earlier stage" "$tmp/err" "a project goes forward only"
run project show P-001
has "project show: the stage" "$tmp/out" "项目状态: 开业"
has "project show: the ID number masked" "$tmp/out" "身份证号: $(echo "$ZHAO" | cut -c1-6)********"

# ---- a loan through its chain --------------------------------------------------------------------
run loan add 身份证号="$ZHAO" 贷款品种=小额担保贷款 贷款用途=网店 申请金额=3万 营业执照=无 \
	担保人=赵国强 担保方式=担保人 项目编号=P-001 申请日期=2024-06-03
status_is "loan add: exit 0" 0
has "loan add: the chain's first step next" "$tmp/out" "added: next 村居妇代会出证明"
CODE=$(sed -n 's/^loan \(L-[0-9]*\) added.*/\1/p' "$tmp/out")
run loan step "$CODE" 乡镇妇联报材料 2024-06-05
status_is "a skipped step: exit 1" 1
has "a skipped step: the one that comes first named" "$tmp/err" "村居妇代会出证明 comes first"
run loan step "$CODE" 2024-06-02
has "a step before the application is refused" "$tmp/err" "2024-06-02 is before 2024-06-03"
"$JIUYE" loan step "$CODE" 2024-06-05 >/dev/null 2>&1 && "$JIUYE" loan step "$CODE" 2024-06-10 \
	备注=材料齐全 >/dev/null 2>&1 && "$JIUYE" loan step "$CODE" 县级妇联意见 2024-06-12 >/dev/null 2>&1
st=$?
[ $st -eq 0 ] && ok "three steps in order" || nok "three steps in order" "exit $st"
run loan disburse "$CODE" 放款银行=桐溪农商银行 期限=24 年利率=4.35 放款日期=2024-06-20
has "放款 before the last step is refused" "$tmp/err" "人社/银行审批 comes first"
"$JIUYE" loan step "$CODE" 人社/银行审批 2024-06-18 >/dev/null 2>&1
run loan disburse "$CODE" 放款银行=桐溪农商银行 放款金额=30,000.01 期限=24 年利率=4.35 放款日期=2024-06-20
has "more than asked is refused" "$tmp/err" "30000.01 yuan is more than the 30000.00 yuan she asked for"
run loan disburse "$CODE" 放款银行=桐溪农商银行 期限=24 年利率=4.35% 放款日期=2024-06-20
status_is "放款: exit 0" 0
has "放款: due after the term" "$tmp/out" "disbursed on 2024-06-20, due 2026-06-20"
run loan repay "$CODE" "10,000.50" 2024-06-25
has "a repayment in yuan with a comma and fen" "$tmp/out" "still owed 19999.50 yuan"
run loan repay "$CODE" 2万 2024-06-26
has "more than owed is refused" "$tmp/err" "20000.00 yuan is more than the 19999.50 yuan still owed"
run loan subsidy "$CODE" 326.25 2024-06-27
status_is "an interest subsidy: exit 0" 0
run loan repay "$CODE" 1.99995万 2024-06-28
has "the last repayment settles it, to the fen" "$tmp/out" "已结清; still owed 0.00 yuan"
run loan show "$CODE"
has "loan show: 元 and 万元" "$tmp/out" "申请金额: 30000.00元 (3万元)"
has "loan show: the subsidy" "$tmp/out" "已贴息金额: 326.25元 (0.032625万元)"
has "loan show: the steps with their dates" "$tmp/out" "3. 县级妇联意见 2024-06-12"

# ---- due list, search, roles ------------------------------------------------------------------
"$JIUYE" loan add 身份证号="$WU" 贷款品种=1 申请金额=10000 申请日期=2024-01-02 >/dev/null 2>&1
LATE=$(printf 'L-%03d' $(( ${CODE#L-} + 1 )))
for d in 2024-01-03 2024-01-04 2024-01-05 2024-01-06; do "$JIUYE" loan step "$LATE" $d >/dev/null 2>&1; done
"$JIUYE" loan disburse "$LATE" 放款银行=邮储银行 期限=3 年利率=3.85 放款日期=2024-01-10 >/dev/null 2>&1
run loan due
has "due list: an overdue loan with its days" "$tmp/out" "逾期81天"
lacks "due list: a settled loan is not due" "$tmp/out" "$CODE "
run loan list zcm
has "list searched by pinyin initials" "$tmp/out" "P-001"
lacks "list searched: another's loan is left out" "$tmp/out" "$LATE"

# ---- files ---------------------------------------------------------------------------------------
csv "身份证号,姓名,贷款品种,贷款用途,申请金额,营业执照,担保人,申请日期" \
	"$WU,吴建国,巾帼创业贷款,养殖,\"50,000\",无,吴建华,2024/6/1" \
	"$ZHAO,赵春梅,小额贴息贷款,网店,2万元,,,20240602" >"$tmp/loans_good.csv"
csv "身份证号,姓名,贷款品种,贷款用途,申请金额,营业执照,担保人,申请日期" \
	"$WU,吴建国,巾帼创业贷款,养殖,5万,无,吴建华,2024-06-01" \
	"$ZHAO,赵春花,小额贴息贷款,网店,2万,,,2024-06-02" \
	"$ZHAO,赵春梅,高利贷,网店,12.345,,,2024-07-02" >"$tmp/loans_bad.csv"
run import loans "$tmp/loans_bad.csv"
status_is "bad loan file: exit 1" 1
has "bad file: a name not the registered one" "$tmp/err" "loans_bad.csv:3: 姓名:"
has "bad file: a sum with three decimals" "$tmp/err" "loans_bad.csv:4: 申请金额:"
has "bad file: a scheme not in the list" "$tmp/err" "loans_bad.csv:4: 贷款品种:"
run import loans "$tmp/loans_good.csv" --dry-run
run export loans --purpose 核对 -o "$tmp/loans1.csv"
lacks "nothing saved from a bad file or a dry run" "$tmp/loans1.csv" "吴建华"
run import loans "$tmp/loans_good.csv"
has "good loan file: 2 added" "$tmp/out" "2 added, 0 updated, 0 unchanged, 0 rejected"
run export loans --purpose 核对 -o "$tmp/loans2.csv"
has "exported: the sums in yuan, the scheme by its label" "$tmp/loans2.csv" "巾帼创业贷款,养殖,50000.00,"
"$JIUYE" import loans "$tmp/loans2.csv" >"$tmp/out" 2>"$tmp/err"
has "export → import round-trips: nothing changes" "$tmp/out" "0 added, 0 updated"
