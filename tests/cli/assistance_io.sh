#!/bin/sh
# tests/cli/assistance_io.sh: `jiuye import|export assistance` and `jiuye template assistance`:
# a good file of relief (慰问登记表) with Chinese headers, other names of the codes and money as
# the registers write it (0.05万, 1,200元), a dry run that saves nothing, a bad file whose bad
# cells are each on its own FILE:ROW: 列名 line with nothing saved, the export as a file of people
# (its purpose, the notice line, 姓名 after 身份证号) read back unchanged. On the demo database of
# 2024-06-30 with its five records (A-2023-001, A-2024-001 … 004).
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 17
db="$tmp/t.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
export JIUYE_DB="$db"
csv() { printf '%s\r\n' "$@"; }
count() { sqlite3 "$db" "SELECT count(*) FROM assistance"; }

csv "身份证号,姓名,援助类型,援助日期,援助时机,款物形式,金额,物资名称,资金来源,备注" \
	"R-000002,李桂芳,帮困,2024/6/3,端午节,现金,0.05万,,县妇联,端午慰问" \
	"R-000006,赵春梅,慰问,2024年6月5日,其他,物资,\"1,200元\",轮椅,城南街道妇联," \
	"R-000007,吴建国,4050,2024-06-06,,,800,,县人力社保局,4050人员岗位援助补贴" >"$tmp/good.csv"
run import assistance "$tmp/good.csv" --dry-run
status_is "import: a good file with a bad occasion is refused" 1
has "import: the occasion on its own line" "$tmp/err" "good.csv:2: 援助时机: \"端午节\" is not in the list"
sed 's/端午节/其他/' "$tmp/good.csv" >"$tmp/good2.csv"
run import assistance "$tmp/good2.csv" --dry-run
has "import: a dry run counts" "$tmp/out" "3 added, 0 updated, 0 unchanged, 0 rejected"
[ "$(count)" = 5 ] && ok "import: a dry run saves nothing" || nok "import: a dry run saves nothing" "$(count)"
run import assistance "$tmp/good2.csv"
status_is "import: a good file" 0
run assistance list 轮椅
has "import: goods at 1,200元, numbered after the demo's" "$tmp/out" "A-2024-006  2024-06-05 慰问         其他   R-000006 赵春梅      1200.00元"
run assistance list --kind 帮困救助 --from 2024-06-01
has "import: 0.05万 is 500元" "$tmp/out" "A-2024-005  2024-06-03 帮困救助     其他   R-000002 李桂芳       500.00元"

csv "身份证号,援助类型,援助日期,款物形式,金额,物资名称" \
	"R-000001,结对援助,2024-06-10,,," \
	"R-009999,捐款,2024-13-01,物资,五百,大米" >"$tmp/bad.csv"
run import assistance "$tmp/bad.csv"
status_is "import: a bad row fails the file" 1
has "import: the bad kind on its own line" "$tmp/err" "bad.csv:3: 援助类型:"
has "import: the bad date on its own line" "$tmp/err" "bad.csv:3: 援助日期:"
has "import: the bad amount on its own line" "$tmp/err" "bad.csv:3: 金额:"
[ "$(count)" = 8 ] && ok "import: nothing saved while a row is bad" || nok "import: nothing saved" "$(count)"

run export assistance -o "$tmp/out.csv"
status_is "export: a file of people needs its purpose" 2
run export assistance --purpose 年终统计 -o "$tmp/out.csv"
status_is "export: with its purpose" 0
has "export: Chinese headers, 姓名 after 身份证号" "$tmp/out.csv" "援助编号,身份证号,姓名,援助类型,援助日期,援助时机,款物形式,金额"
run import assistance "$tmp/out.csv"
has "export → import: every record unchanged (the demo's five and these three)" "$tmp/out" \
	"0 added, 0 updated, 8 unchanged, 0 rejected"
run template assistance -o "$tmp/t.xlsx"
[ "$st" = 0 ] && [ "$(head -c 2 "$tmp/t.xlsx")" = PK ] && ok "template: the empty workbook" \
	|| nok "template: the empty workbook" "exit $st" "$(cat "$tmp/err")"
