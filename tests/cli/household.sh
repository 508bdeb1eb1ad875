#!/bin/sh
# tests/cli/household.sh: households (户) from the command line: `jiuye household add|link|unlink|
# show|list`, 零就业家庭 and 夫妻双失业 worked out as of a day from the members' dated statuses, and
# the refusals (each on its field, nothing saved). On the demo database of 2024-06-30: 吴建国
# (R-000007, 失业 from 2023-09-08) and his wife 黄淑芬 (R-000010, registered 失业 on 2023-12-05,
# 灵活就业 from 2024-05-03) of 建设社区 3栋4单元502, linked from 2023-11-01. So, by hand:
#   2023-11-30: she is not registered yet (no status): he alone is out of work: 零就业 yes, couple no;
#   2024-03-31: both 失业: 零就业 yes, 夫妻双失业 yes;
#   2024-05-03: she works (灵活就业) that day: both no;
#   after she leaves on 2024-06-01, on 2024-06-30 he is alone and out of work: 零就业 yes.
# The demo types 零就业家庭 on nobody, so the report's A4-ZERO_EMP_HH (the registered unemployed in a
# 零就业家庭 on the period's last day) is the household's: 2 on 2024-03-31 and 2024-02-29, 0 on
# 2024-06-30 and 2024-05-31 (she works; the report is run before she leaves). 夫妻双失业 in March
# (03-31, both 失业): 1 household (A4-COUPLE_HH), 2 people (A4-COUPLE); in February
# (02-29) she is 失业 from 2023-12-05 too: 1 and 2; in June she works: 0 and 0.
# Then the import: 户号 and 与户主关系 in a CSV file and in a workbook written by openpyxl.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 49
db="$tmp/t.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
export JIUYE_DB="$db"

run --help
has "--help lists jiuye household" "$tmp/out" "jiuye household link HH_NO ID_NUMBER|REG_NO --relation R"

run household add 3-4-502 --community 建设社区 --building 3 --entrance 4 --room 502
status_is "add: a household of 建设社区, by the community's name" 0
has "add: says so" "$tmp/out" "household 3-4-502 added"
run household add 3-4-502 --community 建设社区
status_is "add: the same number twice is refused" 1
has "add: on its field" "$tmp/err" "户号: household 3-4-502 is already recorded"
run household add 5-1-101
status_is "add: no community is refused" 1
has "add: on its field" "$tmp/err" "社区: required: the household's community"

run household link 3-4-502 R-000007 --relation 户主 --date 2023-11-01
status_is "link: the head" 0
run household link 3-4-502 R-000010 --relation 妻子 --date 2023-11-01
status_is "link: a relation not in the list is refused" 1
has "link: the field and what is accepted" "$tmp/err" "与户主关系: \"妻子\" is not in the list; accepted: 户主, 配偶, 子女, 父母, 其他"
run household link 3-4-502 R-000010 --relation 户主 --date 2023-11-01
status_is "link: a second head is refused" 1
has "link: on its field" "$tmp/err" "与户主关系: the household has a head already"
run household link 3-4-502 R-000010 --relation 配偶 --date 2024-07-01
status_is "link: a day after today is refused" 1
run household link 3-4-502 R-000010 --relation 配偶 --date 2023-11-01
status_is "link: the spouse" 0
run household link 3-4-502 R-000010 --relation 子女
status_is "link: a member of a household already is refused" 1
has "link: on its field" "$tmp/err" "户号: she is a member of another household"

run household show 3-4-502 --date 2023-11-30
has "show 2023-11-30: she is not registered yet, he is out of work" "$tmp/out" "on 2023-11-30: 零就业家庭 yes, 夫妻双失业 no"
has "show: her status that day is none" "$tmp/out" "R-000010  黄淑芬   配偶  47 2023-11-01 -"
run household show 3-4-502 --date 2024-03-31
has "show 2024-03-31: both 失业" "$tmp/out" "on 2024-03-31: 零就业家庭 yes, 夫妻双失业 yes"
has "show: the head first, his status" "$tmp/out" "R-000007  吴建国   户主  51 2023-11-01 失业"
run household show 3-4-502 --date 2024-05-03
has "show 2024-05-03: she works from that day" "$tmp/out" "on 2024-05-03: 零就业家庭 no, 夫妻双失业 no"
has "show: the household's place" "$tmp/out" "3栋4单元502室"

run report --period 2024-03
has "report 2024-03: 零就业家庭 from the household, both of them, in March and in February" "$tmp/out" "各类人员：零就业家庭                        人            2        2          0"
has "report 2024-03: 夫妻双失业家庭 beside 零就业家庭, by hand 1 and 1" "$tmp/out" "各类人员：夫妻双失业家庭                    户            1        1          0"
has "report 2024-03: 夫妻双失业人员, by hand 2 and 2" "$tmp/out" "各类人员：夫妻双失业人员                    人            2        2          0"
run report --period 2024-03 --format csv -o "$tmp/r.csv"
has "report csv: 夫妻双失业家庭" "$tmp/r.csv" "A4-COUPLE_HH,各类人员：夫妻双失业家庭,户,1,1,0"
has "report csv: A8N 人次 beside A8 户次" "$tmp/r.csv" "A8N,入户走访人次,人次,"
run report --period 2024-06
has "report 2024-06: she works, so no 夫妻双失业家庭" "$tmp/out" "各类人员：夫妻双失业家庭                    户            0         0        0"
has "report 2024-06: she works from 05-03, so neither in June nor in May" "$tmp/out" "各类人员：零就业家庭                        人            0         0        0"

run household list 吴建国
has "list: found by a member's name, the head and the members" "$tmp/out" "吴建国   2"

run household unlink R-000010 --date 2024-06-01
status_is "unlink: she leaves on 2024-06-01" 0
run household show 3-4-502
has "show today: he alone, out of work" "$tmp/out" "on 2024-06-30: 零就业家庭 yes, 夫妻双失业 no"
lacks "show today: she is no member" "$tmp/out" "黄淑芬"
run household unlink R-000010
status_is "unlink: not a member is refused" 1
has "unlink: on its field" "$tmp/err" "户号: she is not a member of any household"

# ---- 户号 and 与户主关系 in the import ----------------------------------------------------------
# 黄小芳 (new, 2024-06-01) joins 3-4-502 as 子女 from her 登记日期; 李桂芳 (R-000002, 建设社区) names
# 12-1-202, unknown: the household is recorded in her community, she its head from today.
printf '%s\n' 姓名,身份证号,社区,登记日期,户号,与户主关系 \
	黄小芳,330122200506120023,建设社区,2024-06-01,3-4-502,子女 \
	李桂芳,330122197908031002,建设社区,,12-1-202,户主 >"$tmp/hh.csv"
run import residents "$tmp/hh.csv" --dry-run
status_is "import dry run: exit 0" 0
has "import dry run: says the household it would record" "$tmp/err" "hh.csv: the import would record 1 new household: 12-1-202"
run household show 12-1-202
status_is "import dry run: nothing recorded" 1
run import residents "$tmp/hh.csv"
has "import: one added, one updated (her household)" "$tmp/out" "1 added, 1 updated, 0 unchanged, 0 rejected"
has "import: says the household it recorded" "$tmp/err" "hh.csv: the import recorded 1 new household: 12-1-202"
run household show 3-4-502
has "import: she joined from her 登记日期" "$tmp/out" "黄小芳   子女  19 2024-06-01"
run household show 12-1-202
has "import: the new household's head from today" "$tmp/out" "李桂芳   户主  44 2024-06-30"
run import residents "$tmp/hh.csv"
has "import: the same file again changes nothing" "$tmp/out" "0 added, 0 updated, 2 unchanged, 0 rejected"
printf '%s\n' 姓名,身份证号,社区,户号,与户主关系 王丽,330122199903030042,建设社区,3-4-502,女儿 >"$tmp/bad.csv"
run import residents "$tmp/bad.csv"
status_is "import: a bad 与户主关系 is refused" 1
has "import: FILE:ROW: 列名, and what is accepted" "$tmp/err" "bad.csv:2: 与户主关系: \"女儿\" is not in the list; accepted: 户主, 配偶, 子女, 父母, 其他"
run export residents --purpose 核对 -o "$tmp/all.csv"
has "export: 户号 and 与户主关系 after the fields" "$tmp/all.csv" "3-4-502,子女"
run import residents "$tmp/all.csv"
has "export read back: nothing changes" "$tmp/out" "0 added, 0 updated, 11 unchanged, 0 rejected"
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	/usr/bin/python3 -c '
import sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "台账"
ws.append(["姓名", "身份证号", "社区", "登记日期", "户号", "与户主关系"])
ws.append(["周建平", "330122198008080014", "建设社区", "2024-06-10", "12-1-202", "配偶"])
wb.save(sys.argv[1])' "$tmp/hh.xlsx"
	run import residents "$tmp/hh.xlsx"
	has "xlsx: a workbook's row links him" "$tmp/out" "1 added, 0 updated, 0 unchanged, 0 rejected"
	run household show 12-1-202
	has "xlsx: he is the spouse from his 登记日期" "$tmp/out" "周建平   配偶  43 2024-06-10"
else
	skip "xlsx: a workbook's row links him" "no python3-openpyxl"
	skip "xlsx: he is the spouse from his 登记日期" "no python3-openpyxl"
fi
