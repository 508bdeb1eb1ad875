#!/bin/sh
# tests/cli/cases.sh: rights cases and petitions (维权 / 信访) from the command line: `jiuye case
# add|step|show|link|list|due` through a case's whole handling (受理, a mediation, 答复, 回访, 办结,
# 复查), the steps refused (skipped, backward, without a reason), the due list's order, and `jiuye
# import|export cases` with good and bad files (each bad cell on its own FILE:ROW: 列名 line, nothing
# saved while a row is bad, a dry run, the purpose a file of people needs, a round trip). The OS
# user is the demo database's administrator; who else may read a case is test_casework's. The
# demo has five cases already (V-2023-001, V-2024-007 … 005, a month back from 2024-06-30: 005 was
# received 06-01 and is 14 days past its 15), so the cases added here are V-2024-006 on.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 58
csv() { printf '%s\r\n' "$@"; }
db="$tmp/t.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
export JIUYE_DB="$db"

run --help
has "--help lists jiuye case" "$tmp/out" "jiuye case step CASE_NO STEP"

# ---- intake --------------------------------------------------------------------------------------
run case add --channel 12338 --type 家暴 --name 林小梅 --phone 13800000177 --community 幸福里社区 \
	--complaint "丈夫酗酒后多次殴打" --date 2024-06-20 --time 9:30
status_is "add: a woman not yet registered" 0
has "add: numbered V-2024-006, 15 days to decide (06-20 + 15 = 07-05)" "$tmp/out" \
	"case V-2024-006 registered; acceptance to be decided: 5 days left (2024-07-05)"
run case add --channel 微信 --type 家暴 --name 林小梅 --complaint 求助
status_is "add: an unknown channel is refused" 1
has "add: the refusal names the field and what is accepted" "$tmp/err" "来源渠道: \"微信\" is not in the list; accepted: 来信"
run case add --channel 来访 --type 工资拖欠 --complaint 欠薪
status_is "add: nobody named" 1
has "add: her name or an ID number is asked for" "$tmp/err" "姓名: required: her name, or the ID number"
"$JIUYE" export residents --purpose 核对 -o "$tmp/residents.csv" 2>/dev/null
CHEN=$(grep '^陈美玲,' "$tmp/residents.csv" | cut -d, -f2)
ZHENG=$(grep '^郑小娟,' "$tmp/residents.csv" | cut -d, -f2)
run case add --channel 12338热线 --type 工资拖欠 --id-number "$CHEN" --employer E02 \
	--complaint "服装作坊拖欠两个月工资6400元" --date 2024-04-10
status_is "add: a registered resident by her ID number" 0
run case show V-2024-007
has "show: her name from the registry" "$tmp/out" "陈美玲"
has "show: the employer as the respondent" "$tmp/out" "桐溪明华服装针织有限公司"
has "show: her community by name" "$tmp/out" "红星村"
lacks "show: her phone is masked" "$tmp/out" "13800000"

# ---- the steps -----------------------------------------------------------------------------------
run case step V-2024-006 办结
status_is "step: 办结 straight after 登记 is refused" 1
has "step: the refusal says what may follow" "$tmp/err" "what may follow: 受理、不予受理"
run case step V-2024-006 受理 --date 2024-06-19
status_is "step: a date before the last step is refused" 1
run case step V-2024-006 受理 --date 2024-06-21
status_is "step: 受理" 0
run case step V-2024-006 调解 --date 2024-06-22
status_is "step: a mediation without its result is refused" 1
has "step: the result is asked for" "$tmp/err" "调解结果: required for a mediation"
run case step V-2024-006 调解 --outcome 成功 --date 2024-06-22 --who 街道维权站
status_is "step: 调解 with 调解成功" 0
run case step V-2024-006 延期 --days 31 --note 待法院判决
status_is "step: an extension of 31 days is refused" 1
run case step V-2024-006 答复 --date 2024-06-25
status_is "step: 答复 without what she was answered is refused" 1
run case step V-2024-006 答复 --date 2024-06-25 --note "已调解，双方签订协议"
status_is "step: 答复" 0
run print answer V-2024-006 -o "$tmp/answer.txt"
status_is "print: the 答复 letter" 0
has "print: the 答复 letter says the answer" "$tmp/answer.txt" "已调解，双方签订协议"
has "print: the 答复 letter names the mediation" "$tmp/answer.txt" "办理：调解（调解成功，街道维权站）"
lacks "print: the 答复 letter never has her phone" "$tmp/answer.txt" "0177"
run print case V-2024-006 -o "$tmp/form.txt"
status_is "print: the 登记表" 0
has "print: the 登记表 holds the complaint" "$tmp/form.txt" "丈夫酗酒后多次殴打"
run print answer V-2024-007
status_is "print: no 答复 letter before the 答复" 1
run case step V-2024-006 回访 --outcome 满意 --date 2024-06-28
status_is "step: 回访 with her satisfaction" 0
run case step V-2024-006 办结 --date 2024-06-29
status_is "step: 办结" 0
has "step: the case is closed" "$tmp/out" "V-2024-006: 办结, now 办结"
run case show V-2024-006
has "show: the steps in order, the mediation's result and who did it" "$tmp/out" \
	" 3 2024-06-22 办理     调解 调解成功 (by 街道维权站)"
has "show: the 回访's satisfaction" "$tmp/out" " 5 2024-06-28 回访     满意"
run case step V-2024-006 复查 --date 2024-06-30 --note 当事人申请复查
status_is "step: 复查 reopens a closed case" 0
run case show V-2024-006
has "show: 复查 after the steps before it" "$tmp/out" " 7 2024-06-30 复查"
has "show: 60 days again from the reopening (06-30 + 60 = 08-29)" "$tmp/out" "60 days left (2024-08-29)"

# ---- lists ----------------------------------------------------------------------------------------
run case add --channel 来访 --type 辞退 --name 何小芳 --community 建设社区 --complaint 孕期被辞退 --date 2024-06-10
run case due
status_is "due: exit 0" 0
# V-2024-007 is 04-10's: 04-10 + 15 = 04-25, 66 days past; the demo's 005 14 past; V-2024-008:
# 06-10 + 15 = 06-25, 5 past
order=$(cut -c4-13 "$tmp/out" | head -n 3 | tr '\n' ' ')
[ "$order" = "V-2024-007 V-2024-005 V-2024-008 " ] && ok "due: the longest past its limit first" \
	|| nok "due: the longest past its limit first" "$(cat "$tmp/out")"
has "due: days past are said" "$tmp/out" "66 days past (2024-04-25)"
run case list 工资
has "list: found by the type's label" "$tmp/out" "V-2024-007"
lacks "list: the type and state only, never her name" "$tmp/out" "陈美玲"
run case link V-2024-008 "$ZHENG"
status_is "link: a case to the woman who has since registered" 0
run case link V-2024-008 "$ZHENG"
status_is "link: a second link is refused" 1

# ---- files -----------------------------------------------------------------------------------------
csv "登记日期,来源渠道,案件类型,姓名,联系电话,社区,诉求内容,被投诉方" \
	"2024/6/3,来信,土地权益,周小红,13800000190,红星村,出嫁女土地承包权被取消,村委会" \
	"2024年6月5日,网上信访,咨询,吴丽,,南门社区,咨询离婚财产分割," >"$tmp/good.csv"
cases() { "$JIUYE" case list | wc -l; }
before=$(cases)
run import cases "$tmp/good.csv" --dry-run
has "import: a dry run counts" "$tmp/out" "2 added, 0 updated, 0 unchanged, 0 rejected"
[ "$(cases)" -eq "$before" ] && ok "import: a dry run saves nothing" || nok "import: a dry run saves nothing"
run import cases "$tmp/good.csv"
status_is "import: a good file" 0
run case list V-2024-009
has "import: the case is there, numbered, its type from the label" "$tmp/out" "土地权益/出嫁女"
csv "登记日期,来源渠道,案件类型,姓名,诉求内容" \
	"2024-06-07,来访,咨询,郭敏,咨询劳动合同" \
	"2024-13-01,微信,离婚,,," >"$tmp/bad.csv"
run import cases "$tmp/bad.csv"
status_is "import: a bad row fails the file" 1
has "import: the bad date on its own line" "$tmp/err" "bad.csv:3: 登记日期:"
has "import: the bad channel on its own line" "$tmp/err" "bad.csv:3: 来源渠道:"
[ "$(cases)" -eq $((before + 2)) ] && ok "import: nothing saved while a row is bad" \
	|| nok "import: nothing saved while a row is bad" "$(cases) cases"
run export cases -o "$tmp/cases.csv"
status_is "export: a file of people needs its purpose" 2
run export cases --purpose 上报县妇联 -o "$tmp/cases.csv"
status_is "export: with its purpose" 0
has "export: the notice line" "$tmp/cases.csv" "内部资料"
has "export: Chinese headers with 状态 and 办结日期" "$tmp/cases.csv" "信访代理员,状态,办结日期"
run import cases "$tmp/cases.csv"
has "export → import: every case unchanged (the demo's five and these five)" "$tmp/out" \
	"0 added, 0 updated, 10 unchanged, 0 rejected"
run check
status_is "check: the trail accounts for every case and step" 0
