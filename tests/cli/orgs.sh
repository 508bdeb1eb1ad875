#!/bin/sh
# tests/cli/orgs.sh: the federation's organisation register from the command line: `jiuye org
# add|member|show|list|due|end` through an organisation's life (set up, a member elected with her
# term, 撤销), the refusals (each on its field, nothing saved), the terms ending on `jiuye org due`
# (org.term_days), and K1 in `jiuye report`. On the demo database of 2024-06-30 (five communities,
# no organisations); the OS user is the demo's administrator. Who else may see one is test_org's.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 26
db="$tmp/t.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
export JIUYE_DB="$db"

run --help
has "--help lists jiuye org" "$tmp/out" "jiuye org add --name N --type T --unit UNIT"

# ---- organisations -------------------------------------------------------------------------------
run org add --name 幸福里社区妇代会 --type 妇女代表大会 --unit 幸福里社区 --date 2021-05-01
status_is "org add: a community's 妇代会, by another name of its type" 0
has "org add: numbered" "$tmp/out" "organisation #1 幸福里社区妇代会 added"
run org add --name 城南街道妇女之家 --type 3 --unit 城南街道 --date 2020-03-08
status_is "org add: a street's, its type by code" 0
run org add --name 红星村姐妹驿站 --type 姐妹驿站 --unit 红星村 --date 2023年3月8日
status_is "org add: a village's, the day written in Chinese" 0
run org add --name 幸福里社区妇代会 --type 妇代会 --unit 幸福里社区
status_is "org add: one name once in a unit" 1
has "org add: on the name's field" "$tmp/err" "组织名称: this unit has an organisation named 幸福里社区妇代会 already"
run org add --name 东风妇联 --type 网红 --unit 幸福里社区
has "org add: an unknown type, what is accepted" "$tmp/err" "组织类型: \"网红\" is not in the list; accepted: 妇代会, 妇委会, 妇女之家, 维权站, 姐妹驿站, 其他"
run org add --name 东风妇联 --type 妇代会 --unit 东风社区
has "org add: an unknown unit on its field" "$tmp/err" "所在单位: \"东风社区\" is not a unit of this office"
run org add --name 建设妇联 --type 妇代会 --unit 建设社区 --date 2024-07-01
has "org add: a day after today" "$tmp/err" "成立日期: 2024-07-01 is in the future"
run org list
[ "$(grep -c '^#' "$tmp/out")" = 3 ] && ok "org list: the three, nothing of the refused" || nok "org list" "$(cat "$tmp/out")"

# ---- members and their terms ---------------------------------------------------------------------
run org member 幸福里社区妇代会 --name 王丽 --post 主任 --phone 13800000201 --date 2021-05-01 --term-ends 2024-08-15
status_is "member: the chair, her term to 08-15" 0
has "member: numbered" "$tmp/out" "幸福里社区妇代会: member #1 王丽 added"
run org member '#1' --name 李芳 --post 委员 --date 2021-05-01 --term-ends 2026-04-30
status_is "member: by the organisation's number" 0
run org member '#1' --name 张敏 --post 委员 --date 2021-05-01 --term-ends 2021-05-01
has "member: a term that ends when it starts" "$tmp/err" "任期届满: 2021-05-01 is not after the day she was elected (2021-05-01)"
run org show 幸福里社区妇代会
has "show: the phone masked" "$tmp/out" "王丽     主任   138****0201 2021-05-01 - 2024-08-15"
lacks "show: nothing of the refused member" "$tmp/out" "张敏"
# 06-30 + 60 days = 08-29 (the 31 days of July, then 29 of August): 王丽's 08-15 is within
run org due
has "due: 王丽's term in 46 days" "$tmp/out" "2024-08-15 (46 days) 幸福里社区妇代会 王丽"
lacks "due: 李芳's 2026 not" "$tmp/out" "李芳"
run org due --days 45
lacks "due --days 45: 08-14 is the last day, 08-15 not" "$tmp/out" "王丽"

# ---- 撤销 ----------------------------------------------------------------------------------------
run org end 城南街道妇女之家 --date 2024-06-01
status_is "end: without a reason is refused" 1
run org end 城南街道妇女之家 --reason 并入街道妇联 --date 2024-06-01
status_is "end: with its reason" 0
run org member 城南街道妇女之家 --name 赵敏 --post 委员 --date 2024-06-10 --term-ends 2029-06-09
has "end: no member after it" "$tmp/err" "城南街道妇女之家 was dissolved on 2024-06-01"

# ---- K1: June 2024 against May --------------------------------------------------------------------
# June 30: 妇代会 (幸福里) and 姐妹驿站 (红星村) stand = 2; May 31: the 妇女之家 too = 3. By level
# 社区 2 both months, 街道 0 and 1. Communities with one: 幸福里 and 红星村 = 2 of 5: 40%.
run report --period 2024-06
fig() { awk -v c="$1" '$1 == c { print $4 " " $5 }' "$tmp/out"; }
[ "$(fig K1)" = "2 3" ] && ok "report: K1" || nok "report: K1" "$(fig K1)"
[ "$(fig K1-S)" = "0 1" ] && ok "report: K1-S a street's" || nok "report: K1-S" "$(fig K1-S)"
[ "$(fig K1R)" = "40.0% 40.0%" ] && ok "report: K1R coverage 2 of 5" || nok "report: K1R" "$(fig K1R)"
