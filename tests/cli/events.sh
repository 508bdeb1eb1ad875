#!/bin/sh
# tests/cli/events.sh: outreach events from the command line: `jiuye event add|attend|unattend|
# show|list` (a seminar with two residents named, the refusals each on its field with nothing
# saved), `jiuye import events` of a good sheet and a bad one (FILE:ROW: 列名, nothing saved),
# `jiuye export events` read back unchanged, the template, and C7 / J7 / K4 in `jiuye report`.
# On the demo database of 2024-06-30: its events are H-2024-001 (维权宣传, 02-08, 320 people,
# 1,500 copies), H-2024-002 (座谈会, 02-15, three named and nine more) and H-2024-003 (讲座, 03-12).
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 35
db="$tmp/t.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
export JIUYE_DB="$db"

run --help
has "--help lists jiuye event" "$tmp/out" "jiuye event add --type T --topic TEXT"

# ---- an event and who came -----------------------------------------------------------------------
run event add --type 座谈 --topic 下岗失业人员再就业座谈会 --date 2024-06-12 --place 幸福里社区会议室 \
	--org 社区妇联 --community 幸福里社区 --guests 6 --materials 政策明白卡 --copies 20
status_is "add: a seminar, by another name of its type" 0
has "add: numbered after the demo's three" "$tmp/out" "event H-2024-004 added: 2024-06-12"
run event attend H-2024-004 --id-number R-000001
status_is "attend: 王秀兰 by her registration number" 0
run event attend H-2024-004 --id-number 33012219820530104X
status_is "attend: 赵春梅 by her ID number" 0
run event attend H-2024-004 --id-number R-000001
status_is "attend: twice is refused" 1
has "attend: she is on it already" "$tmp/err" "参加人员: she is on H-2024-004 already"
run event attend H-2024-004 --id-number R-999999
status_is "attend: a number nobody has is refused" 1
run event show H-2024-004
has "show: who came, named and not" "$tmp/out" "参加人数  8（登记人员 2，未登记 6）"
has "show: her sex from the registry, the ID masked" "$tmp/out" "R-000001 王秀兰   女 330122********1004"
has "show: the materials" "$tmp/out" "发放资料  政策明白卡 20份"
run event unattend H-2024-004 --id-number R-000006
status_is "unattend: 赵春梅 taken off" 0
run event show H-2024-004
lacks "unattend: she is no longer on it" "$tmp/out" "赵春梅"
run event list 座谈
has "list: by its type's label, who came (women)" "$tmp/out" "H-2024-004  2024-06-12 座谈会         7 (1)     20"

# ---- refusals: each on its field, nothing saved ---------------------------------------------------
run event add --type 茶话会 --topic 联谊
status_is "add: an unknown type is refused" 1
has "add: the field and what is accepted" "$tmp/err" "活动类型: \"茶话会\" is not in the list; accepted: 座谈会, 讲座, 维权宣传"
run event add --type 讲座 --topic 讲座 --date 2024-07-01
has "add: a date after today" "$tmp/err" "活动日期: 2024-07-01 is after today (2024-06-30)"
run event add --type 维权宣传 --topic 普法 --copies 200
has "add: copies of nothing" "$tmp/err" "发放资料: required with 资料份数"
run event add --type 讲座 --topic 讲座 --participants 3 --guests 5
has "add: a headcount below the people counted" "$tmp/err" "参加人数: 3 is fewer than the 0 residents named and the 5 unregistered people counted"
run event list
lacks "refusals: nothing saved" "$tmp/out" "H-2024-005"

# ---- files ---------------------------------------------------------------------------------------
printf '活动日期,活动类型,活动主题,活动地点,主办单位,社区,参加人数,未登记人数,发放资料,资料份数\n2024-05-10,普法宣传,反家暴法进社区,南门社区广场,南门社区妇联,南门社区,150,,宣传折页,600\n2024-05-18,座谈,女大学生就业座谈,新华社区会议室,新华社区,新华社区,,14,,\n' > "$tmp/good.csv"
printf '活动日期,活动类型,活动主题,社区,参加人数\n2024-05-10,茶话会,联谊,南门社区,10\n2024-07-01,讲座,讲座,南门社区,10\n2024-05-11,讲座,讲座,南门社区,十\n' > "$tmp/bad.csv"
run import events "$tmp/good.csv" --dry-run
has "import --dry-run: what it would do" "$tmp/out" "(dry run, nothing saved): 2 added"
run import events "$tmp/bad.csv"
status_is "import: a bad sheet is refused" 1
has "import: FILE:ROW: 列名 of the type" "$tmp/err" "bad.csv:2: 活动类型: \"茶话会\" is not in the list"
has "import: FILE:ROW: 列名 of the date" "$tmp/err" "bad.csv:3: 活动日期: 2024-07-01 is after today (2024-06-30)"
has "import: FILE:ROW: 列名 of the headcount" "$tmp/err" "bad.csv:4: 参加人数: \"十\" is not a whole number"
run event list
lacks "import: nothing saved from a bad sheet (nor the dry run)" "$tmp/out" "H-2024-005"
run import events "$tmp/good.csv"
has "import: the good sheet" "$tmp/out" "2 added, 0 updated, 0 unchanged, 0 rejected"
run event list 反家暴
has "import: 普法宣传 is 维权宣传, numbered" "$tmp/out" "H-2024-005  2024-05-10 维权宣传     150 (0)    600 反家暴法进社区"
run export events -o "$tmp/x.csv"
has "export: every event" "$tmp/err" "exported 6 events to"
has "export: the residents named and the women among them" "$tmp/x.csv" "幸福里社区,,6,政策明白卡,20,1,1"
run import events "$tmp/x.csv"
has "export read back: nothing changes" "$tmp/out" "0 added, 0 updated, 6 unchanged, 0 rejected"
run template events -o "$tmp/t.xlsx"
status_is "template events: the empty workbook" 0

# ---- the figures: the first half of 2024 -----------------------------------------------------------
# 座谈会: the demo's 02-15 (3 named + 9) = 12, H-2024-004 (1 named + 6) = 7, the imported 05-18 (14
# not registered) = 14: C7 3, C7P 33. 维权宣传: 02-08 320 people, 1,500 copies; 05-10 150, 600:
# J7 2, J7M 2100, J7P 470. K4: those five and the 03-12 lecture (26): 6, K4P 33 + 470 + 26 = 529;
# K4R: 王秀兰 赵春梅 吴建国 (02-15), 刘晓燕 (03-12), 王秀兰 again (06-12) = 4.
run report --period 2024H1
fig() { awk -v c="$1" '$1 == c { print $4 }' "$tmp/out"; }
[ "$(fig C7) $(fig C7P)" = "3 33" ] && ok "report: C7 座谈会场次 / 参加人数" || nok "report: C7" "$(fig C7) $(fig C7P)"
[ "$(fig J7) $(fig J7M) $(fig J7P)" = "2 2100 470" ] && ok "report: J7 场次 / 资料份数 / 受益人数" || nok "report: J7" "$(fig J7) $(fig J7M) $(fig J7P)"
[ "$(fig K4) $(fig K4P) $(fig K4R)" = "6 529 4" ] && ok "report: K4 场次 / 参加人次 / 登记人员" || nok "report: K4" "$(fig K4) $(fig K4P) $(fig K4R)"
