#!/bin/sh
# tests/cli/pairs.sh: mentoring pairs (结对帮扶) from the command line: `jiuye helper add|list` and
# `jiuye pair add|contact|gift|end|show|list|due` through a pair's life (新增, its contacts, goods
# given in 元, its end), the refusals (each on its field, nothing saved), the pairs gone quiet on
# `jiuye pair due` and 今日待办 (`jiuye due`), and I1 / I2 in `jiuye report`. On the demo database
# of 2024-06-30, shifted a month back: P-2024-011 (何丽萍 with 黄淑芬, from 04-01, last contact
# 04-28) and P-2023-004 (李红梅 with 赵春梅, from 2023-02-01, last contact 2024-01-20: quiet 162
# days). The OS user is the demo's administrator; who else may see a pair is test_pairs's.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 34
db="$tmp/t.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
export JIUYE_DB="$db"

run --help
has "--help lists jiuye pair" "$tmp/out" "jiuye pair add --type T --helper NAME|#N"

# ---- helpers -------------------------------------------------------------------------------------
run helper add --name 陈金花 --type 经纪人 --phone 13800000141 --org 溪口镇来料加工点
status_is "helper add: a broker, by another name of her type" 0
has "helper add: numbered after the demo's three" "$tmp/out" "helper #4 陈金花 added"
run helper add --name 陈金花 --type 网红
status_is "helper add: an unknown type is refused" 1
has "helper add: the field and what is accepted" "$tmp/err" "帮扶人类型: \"网红\" is not in the list; accepted: 巾帼文明岗"
run helper list 经纪人
has "helper list: by her type, the phone masked" "$tmp/out" "陈金花   女经纪人         138****0141"

# ---- a pair's life -------------------------------------------------------------------------------
run pair add --type 姐妹帮扶 --helper 陈金花 --id-number R-000005 --household 陈美玲一家 \
	--date 2024-06-05 --goal 学会手工编织，在家接单
status_is "pair add: 陈美玲 by her registration number" 0
has "pair add: numbered P-2024-012, after the demo's 011" "$tmp/out" "pair P-2024-012 added: 陈美玲 from 2024-06-05"
run pair add --type 姐妹帮扶 --helper 陈金花 --id-number R-000005 --date 2024-07-01
status_is "pair add: a start after today is refused" 1
has "pair add: on its field" "$tmp/err" "结对日期: 2024-07-01 is after today (2024-06-30)"
run pair add --type 姐妹帮扶 --helper 王大妈 --id-number R-000005
status_is "pair add: a helper not on the list is refused" 1
has "pair add: the helper's field" "$tmp/err" "帮扶人: \"王大妈\" is not on the list of helpers"
run pair contact P-2024-012 --kind 走访 --note 送去编织材料，教平针 --date 2024-06-04
status_is "contact: before the pair started is refused" 1
has "contact: on its field" "$tmp/err" "联系日期: 2024-06-04 is before the pair started (2024-06-05)"
run pair contact P-2024-012 --kind 入户走访 --note 送去编织材料，教平针 --date 2024-06-06
status_is "contact: a home visit (入户走访, another name of 走访)" 0
run pair gift P-2024-012 --kind 物资 --amount 1,200.50 --note 毛线和编织针 --date 2024-06-06
status_is "gift: goods at their value, 1,200.50 元" 0
run pair gift P-2024-012 --kind 现金 --amount 三百 --date 2024-06-06
status_is "gift: a sum that is no number is refused" 1
has "gift: on its field" "$tmp/err" "金额:"
run pair show P-2024-012
has "show: 新增, her first year" "$tmp/out" "P-2024-012  姐妹帮扶  新增"
has "show: the goods in 元" "$tmp/out" "2024-06-06  物资 1200.50元  毛线和编织针"
has "show: the contact" "$tmp/out" "2024-06-06  走访  送去编织材料，教平针"

# ---- the quiet ones ------------------------------------------------------------------------------
run pair due
has "due: the demo's cadre pair, quiet since 01-20" "$tmp/out" "P-2023-004  2023-02-01"
lacks "due: a pair with a contact this month is not" "$tmp/out" "P-2024-012"
run due
has "jiuye due: the pairs without contact" "$tmp/out" "mentoring pairs without contact (90 days): 1"
has "jiuye due: the pair, the woman and her helper" "$tmp/out" "P-2023-004 2024-01-20  赵春梅 with 李红梅: no contact for 162 days"
has "jiuye due: the cases near or past their limit" "$tmp/out" "V-2024-005 2024-06-16  14 days past its limit"

# ---- its end: once, and nothing after it ---------------------------------------------------------
run pair end P-2024-012 --date 2024-06-20
status_is "end: without a reason is refused" 1
run pair end P-2024-012 --reason 已在家接单稳定增收 --date 2024-06-20
status_is "end: 结束 with its reason" 0
run pair contact P-2024-012 --kind 电话 --note 回访 --date 2024-06-25
status_is "end: nothing more is recorded on it" 1
run pair list 结束
has "list: by its state" "$tmp/out" "P-2024-012"

# ---- the figures: June 2024 against May (the demo's pairs a month back) ---------------------------
# June: new P-2024-012 = 1; kept P-2024-011 (04-01) and P-2023-004 = 2 (P-2024-012 ended in June);
# ended P-2024-012 = 1; money 1,200.50 元 (May: the demo's rice and oil of 05-06 shifted to
# 04-06 is April's, so May 0).
run report --period 2024-06
# this period and the one before: the fourth and fifth words of the figure's line
fig() { awk -v c="$1" '$1 == c { print $4 " " $5 }' "$tmp/out"; }
[ "$(fig I1N)" = "1 0" ] && ok "report: I1N 新增" || nok "report: I1N 新增" "$(fig I1N)"
[ "$(fig I1C | cut -d' ' -f1)" = 2 ] && ok "report: I1C 巩固" || nok "report: I1C 巩固" "$(fig I1C)"
[ "$(fig I1E)" = "1 0" ] && ok "report: I1E 结束" || nok "report: I1E 结束" "$(fig I1E)"
has "report: I2 in 元" "$tmp/out" "1200.50"
