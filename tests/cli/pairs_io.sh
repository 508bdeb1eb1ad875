#!/bin/sh
# tests/cli/pairs_io.sh: `jiuye import|export pairs` and `jiuye template pairs`: a good 结对帮扶
# sheet with Chinese headers (the helper by name or #number, the woman by her registration number,
# dates as people type them), a dry run that saves nothing, a bad file whose bad cells are each on
# its own FILE:ROW: 列名 line with nothing saved, a number twice in one file, and the export as a
# file of people (its purpose, 姓名 after 身份证号) read back unchanged. On the demo database of
# 2024-06-30 with its two pairs (P-2023-004, P-2024-011) and three helpers.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 18
db="$tmp/t.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
export JIUYE_DB="$db"
csv() { printf '%s\r\n' "$@"; }
count() { sqlite3 "$db" "SELECT count(*) FROM mentor_pair"; }

csv "结对类型,帮扶人,身份证号,姓名,帮扶家庭,结对日期,帮扶目标" \
	"姐妹帮扶,钱彩凤,R-000002,李桂芳,李桂芳家,2024/6/3,学会大棚种植" \
	"爱心妈妈,#1,R-000007,吴建国,,2024年6月5日,找到稳定工作" >"$tmp/good.csv"
run import pairs "$tmp/good.csv" --dry-run
status_is "import: a dry run of a good file" 0
has "import: a dry run counts" "$tmp/out" "2 added, 0 updated, 0 unchanged, 0 rejected"
[ "$(count)" = 2 ] && ok "import: a dry run saves nothing" || nok "import: a dry run saves nothing" "$(count)"
run import pairs "$tmp/good.csv"
status_is "import: a good file" 0
run pair list 钱彩凤
has "import: the helper by her name, the date as typed, numbered after the demo's" "$tmp/out" \
	"P-2024-012  2024-06-03 姐妹帮扶       新增 钱彩凤   李桂芳"
run pair list 吴建国
has "import: the helper by her #number" "$tmp/out" "P-2024-013  2024-06-05 爱心妈妈       新增 何丽萍   吴建国"

csv "结对编号,结对类型,帮扶人,身份证号,结对日期" \
	"P-2024-012,干部一对一,,," \
	"P-2024-012,干部一对一,,," >"$tmp/twice.csv"
run import pairs "$tmp/twice.csv"
status_is "import: a pair twice in a file fails the file" 1
has "import: the second row names the first" "$tmp/err" "twice.csv:3: 结对编号: also in row 2"

csv "结对类型,帮扶人,身份证号,结对日期" \
	"姐妹帮扶,钱彩凤,R-000001,2024-06-10" \
	"师徒结对,何丽萍,R-000001,2024-06-10" \
	"姐妹帮扶,王大妈,R-000001,2024-06-10" \
	"姐妹帮扶,钱彩凤,R-009999,2024-13-01" >"$tmp/bad.csv"
run import pairs "$tmp/bad.csv"
status_is "import: a bad row fails the file" 1
has "import: the bad type on its own line" "$tmp/err" "bad.csv:3: 结对类型:"
has "import: an unknown helper on its own line" "$tmp/err" "bad.csv:4: 帮扶人:"
has "import: the bad date on its own line" "$tmp/err" "bad.csv:5: 结对日期:"
[ "$(count)" = 4 ] && ok "import: nothing saved while a row is bad" || nok "import: nothing saved" "$(count)"

csv "结对编号,帮扶目标" "P-2024-012,学会大棚种植并销售" >"$tmp/upd.csv"
run import pairs "$tmp/upd.csv"
has "import: a stored 结对编号 is updated, its empty cells kept" "$tmp/out" \
	"0 added, 1 updated, 0 unchanged, 0 rejected"

run export pairs -o "$tmp/out.csv"
status_is "export: a file of people needs its purpose" 2
run export pairs --purpose 年终统计 --all -o "$tmp/out.csv"
has "export: Chinese headers, 姓名 after 身份证号" "$tmp/out.csv" "结对编号,结对类型,帮扶人,身份证号,姓名,帮扶家庭,结对日期,帮扶目标"
run import pairs "$tmp/out.csv"
has "export → import: every pair unchanged (the demo's two and these two)" "$tmp/out" \
	"0 added, 0 updated, 4 unchanged, 0 rejected"
run template pairs -o "$tmp/t.xlsx"
[ "$st" = 0 ] && [ "$(head -c 2 "$tmp/t.xlsx")" = PK ] && ok "template: the empty workbook" \
	|| nok "template: the empty workbook" "exit $st" "$(cat "$tmp/err")"
