#!/bin/sh
# tests/cli/report.sh: `jiuye report` on the demo database. The figures are the ones the records
# say (A2 new registrations, C3 referrals, F2 women trained, cross-checked with sqlite3 against the
# tables), a grouping's columns add up to the total, and the files open as they should: CSV with
# a BOM (or GBK when asked), XLSX read back with a real reader (openpyxl from Debian): sheet names,
# a frozen header, numbers stored as numbers, IDs as text, a people sheet as long as its figure,
# and 人员明细 (each resident once, a column per figure with a 1 for each resident it counts).
# Bad options are usage errors (exit 2) that name the option and what it takes.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the demo's dates are shifted so its latest events fall in the month of "today"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 116
equal() {
	if [ "$2" = "$3" ]; then ok "$1"; else nok "$1" "got \"$2\", expected \"$3\""; fi
}
# The 本期 value of indicator $1 in text report $2 (columns: code label unit 本期 上期 增减 ...).
fig() { awk -v c="$1" '$1 == c { print $4; exit }' "$2"; }
q() { sqlite3 -readonly "$db" "$1"; }

db="$tmp/demo.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"

# ---- the text report: this month by default --------------------------------------------------------
run report --db "$db"
status_is "report: exit 0" 0
cp "$tmp/out" "$tmp/month.txt"
has "text: the title" "$tmp/month.txt" "就业服务统计报表"
has "text: this month by default, with its dates" "$tmp/month.txt" "统计期：2024年6月（2024-06-01至2024-06-30）"
has "text: compared with the month before" "$tmp/month.txt" "对比期：2024年5月（2024-05-01至2024-05-31）"
has "text: Chinese column heads" "$tmp/month.txt" "指标"
has "text: Chinese indicator labels" "$tmp/month.txt" "新增登记人数"
has "text: a rate's change is said to be in percentage points" "$tmp/month.txt" "百分点"

a2=$(q "SELECT count(*) FROM resident WHERE reg_date BETWEEN '2024-06-01' AND '2024-06-30'")
equal "A2 new registrations = residents registered in June (sqlite3)" "$(fig A2 "$tmp/month.txt")" "$a2"
c3=$(q "SELECT count(*) FROM referral WHERE referred_on BETWEEN '2024-06-01' AND '2024-06-30'")
equal "C3 referrals = referrals made in June (sqlite3)" "$(fig C3 "$tmp/month.txt")" "$c3"

# a whole year, so that the small demo has something in every figure
run report --period 2024 --db "$db"
status_is "--period 2024: exit 0" 0
cp "$tmp/out" "$tmp/year.txt"
has "--period 2024: the year's label" "$tmp/year.txt" "统计期：2024年（2024-01-01至2024-12-31）"
has "--period 2024: compared with 2023" "$tmp/year.txt" "对比期：2023年"
a2y=$(q "SELECT count(*) FROM resident WHERE reg_date BETWEEN '2024-01-01' AND '2024-12-31'")
equal "A2 for the year (sqlite3)" "$(fig A2 "$tmp/year.txt")" "$a2y"
c3y=$(q "SELECT count(*) FROM referral WHERE referred_on BETWEEN '2024-01-01' AND '2024-12-31'")
equal "C3 for the year (sqlite3)" "$(fig C3 "$tmp/year.txt")" "$c3y"
# F2: the residents sent to a course that started in the period (not the waiting list); F2W the women
f2y=$(q "SELECT count(DISTINCT e.resident_id) FROM enrolment e JOIN course c ON c.id = e.course_id
	WHERE e.waitlisted = 0 AND c.start_date BETWEEN '2024-01-01' AND '2024-12-31'")
equal "F2 trained in the year (sqlite3)" "$(fig F2 "$tmp/year.txt")" "$f2y"
f2w=$(q "SELECT count(DISTINCT e.resident_id) FROM enrolment e JOIN course c ON c.id = e.course_id
	JOIN resident r ON r.id = e.resident_id
	WHERE e.waitlisted = 0 AND r.sex = '2' AND c.start_date BETWEEN '2024-01-01' AND '2024-12-31'")
equal "F2W women trained in the year (sqlite3)" "$(fig F2W "$tmp/year.txt")" "$f2w"
# and A2 against the export: the registry's rows registered in 2024
"$JIUYE" export residents --purpose 核对 --db "$db" -o "$tmp/res.csv" 2>/dev/null
a2e=$(grep -c ',2024-[01][0-9]-[0-3][0-9],' "$tmp/res.csv")
equal "A2 for the year = rows of jiuye export registered in 2024" "$(fig A2 "$tmp/year.txt")" "$a2e"
[ "$a2y" -gt 0 ] && [ "$c3y" -gt 0 ] && [ "$f2y" -gt 0 ] && ok "the demo year has registrations, referrals and women trained" ||
	nok "the demo year has registrations, referrals and women trained" "A2 $a2y C3 $c3y F2 $f2y"

# from-to gives the figures of the same days
run report --from 2024-01-01 --to 2024-12-31 --db "$db"
status_is "--from --to: exit 0" 0
equal "--from/--to over the year = --period 2024 (A2)" "$(fig A2 "$tmp/out")" "$a2y"
run report --from 2024-06-01 --to 2024-06-30 --db "$db"
has "--from/--to: the days compared are as many (30), just before" "$tmp/out" "对比期：2024-05-02至2024-05-31"
equal "--from/--to over June = the month (A2)" "$(fig A2 "$tmp/out")" "$a2"
run report --period 2024Q2 --db "$db"
has "--period 2024Q2: a quarter" "$tmp/out" "2024年第2季度"
run report --period 2024H1 --db "$db"
has "--period 2024H1: a half-year" "$tmp/out" "2024年上半年"
run report --period 2024-06人社 --db "$db"
status_is "--period 2024-06人社: exit 0" 0
has "--period 2024-06人社: the statistical month runs from the 21st" "$tmp/out" "2024-05-21至2024-06-20"

# ---- grouped: the groups add up to the total ---------------------------------------------------------
run report --period 2024 --by sex --db "$db"
status_is "--by sex: exit 0" 0
cp "$tmp/out" "$tmp/sex.txt"
has "--by sex: the grouping is named" "$tmp/sex.txt" "分组：性别"
awk '$1 == "代码" { print $7, $8; exit }' "$tmp/sex.txt" >"$tmp/heads"
has "--by sex: a column per sex" "$tmp/heads" "男 女"
# every count (人, 人次) that is split: 男 + 女 = 合计
bad=$(awk '$3 == "人" || $3 == "人次" { if ($7 != "-" && $4 != $7 + $8) print $1 ": " $4 " != " $7 " + " $8 }' "$tmp/sex.txt")
equal "--by sex: 男 + 女 = the total on every count" "$bad" ""
equal "--by sex: the total is the ungrouped figure (A2)" "$(fig A2 "$tmp/sex.txt")" "$a2y"
run report --period 2024 --by community --db "$db"
status_is "--by community: exit 0" 0
has "--by community: columns named by the community" "$tmp/out" "社区"
run report --period 2024 --by 年龄段 --db "$db"
status_is "--by 年龄段 (the Chinese word): exit 0" 0

# ---- CSV ---------------------------------------------------------------------------------------------
run report --period 2024 --format csv -o "$tmp/r.csv" --db "$db"
status_is "csv: exit 0" 0
head -c 3 "$tmp/r.csv" | od -An -tx1 | grep -q "ef bb bf" && ok "csv: UTF-8 with a BOM" || nok "csv: UTF-8 with a BOM"
has "csv: the header row" "$tmp/r.csv" "代码,指标,单位,本期,上期,增减"
has "csv: A2 with its value" "$tmp/r.csv" "A2,新增登记人数,人,$a2y,"
has "csv: the report says where it went" "$tmp/err" "r.csv"
run report --period 2024 -o "$tmp/ext.csv" --db "$db"
head -c 3 "$tmp/ext.csv" | od -An -tx1 | grep -q "ef bb bf" && ok "-o x.csv: CSV from the extension" || nok "-o x.csv: CSV from the extension"
run report --period 2024 --format csv --db "$db"
status_is "csv to stdout: exit 0" 0
has "csv to stdout" "$tmp/out" "A2,新增登记人数"
run report --period 2024 --format csv --encoding gbk -o "$tmp/gbk.csv" --db "$db"
status_is "csv in GBK: exit 0" 0
iconv -f GB18030 -t UTF-8 "$tmp/gbk.csv" >"$tmp/gbk.utf8" 2>/dev/null && has "csv in GBK: reads back as GB18030" "$tmp/gbk.utf8" "新增登记人数" ||
	nok "csv in GBK: reads back as GB18030"
run report --period 2024 -o "$tmp/r.txt" --db "$db"
status_is "text to a file: exit 0" 0
has "text to a file" "$tmp/r.txt" "新增登记人数"
equal "text to a file: nothing on stdout" "$(cat "$tmp/out")" ""

# ---- XLSX, read back with openpyxl -------------------------------------------------------------------
run report --period 2024 --format xlsx --purpose 上报区人社局 -o "$tmp/r.xlsx" --db "$db"
status_is "xlsx: exit 0" 0
run report --period 2024 -o "$tmp/ext.xlsx" --db "$db"
status_is "-o x.xlsx: exit 0" 0
has "xlsx without --purpose: says how to add the people" "$tmp/err" "--purpose"
head -c 2 "$tmp/ext.xlsx" | grep -q PK && ok "-o x.xlsx: a workbook from the extension" || nok "-o x.xlsx: a workbook from the extension"
a2ids=$(q "SELECT count(*) FROM resident WHERE reg_date BETWEEN '2024-01-01' AND '2024-12-31'")
"$PY" - "$tmp/r.xlsx" "$a2y" "$a2ids" >"$tmp/xlsx.out" 2>&1 <<'EOF'
import sys, openpyxl
path, a2, a2ids = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
wb = openpyxl.load_workbook(path)
def say(ok, what, detail=""):
    print(("ok - " if ok else "not ok - ") + what)
    if not ok and detail:
        print("#   " + str(detail))
names = wb.sheetnames
say(names[0] == "统计报表", "xlsx: the first sheet is 统计报表", names)
say(any(n.startswith("A2") for n in names), "xlsx: a sheet of the people behind A2", names)
ws = wb[names[0]]
head = None
for row in ws.iter_rows():
    if [c.value for c in row[:6]] == ["代码", "指标", "单位", "本期", "上期", "增减"]:
        head = row[0].row
        break
say(head is not None, "xlsx: the Chinese header row")
say(head is not None and ws.freeze_panes == "A%d" % (head + 1), "xlsx: the header row is frozen",
    (ws.freeze_panes, head))
say(str(ws.cell(1, 1).value).startswith("内部资料 含个人信息") and "用途：上报区人社局" in str(ws.cell(1, 1).value),
    "xlsx with people: the 内部资料 line first, with the purpose", ws.cell(1, 1).value)
say(ws.cell(2, 1).value == "就业服务统计报表", "xlsx: the title above the table", ws.cell(2, 1).value)
rows = {r[0].value: r for r in ws.iter_rows(min_row=(head or 0) + 1)}
a2row = rows.get("A2")
say(a2row is not None and isinstance(a2row[3].value, (int, float)) and not isinstance(a2row[3].value, bool),
    "xlsx: A2 is a number cell", a2row and a2row[3].value)
say(a2row is not None and a2row[3].value == a2, "xlsx: A2 is the text report's figure", a2row and a2row[3].value)
rates = [r for r in rows.values() if r[2].value == "%" and r[3].value is not None]
say(all(isinstance(r[3].value, (int, float)) and 0 <= r[3].value <= 100 for r in rates),
    "xlsx: rates are percentages as numbers", [r[3].value for r in rates])
ps = wb[[n for n in names if n.startswith("A2")][0]]
phead = None
for row in ps.iter_rows():
    if row[0].value == "登记编号":
        phead = row[0].row
        break
say(phead is not None and [c.value for c in ps[phead]][:8] ==
    ["登记编号", "姓名", "身份证号", "性别", "年龄", "社区", "人员类别", "就业状态"],
    "xlsx: the people sheet's Chinese columns", phead and [c.value for c in ps[phead]])
say(phead is not None and ps.freeze_panes == "A%d" % (phead + 1), "xlsx: the people sheet's header is frozen",
    ps.freeze_panes)
people = [r for r in ps.iter_rows(min_row=(phead or 0) + 1) if r[0].value]
say(len(people) == a2, "xlsx: the A2 sheet lists as many residents as A2 counts", (len(people), a2))
say(all(isinstance(r[2].value, str) and len(r[2].value) == 18 for r in people),
    "xlsx: ID numbers are 18-character text, not numbers", [r[2].value for r in people][:3])
say(all(isinstance(r[4].value, int) for r in people), "xlsx: ages are numbers", [r[4].value for r in people][:3])
say(all(r[1].value and not r[1].value.isascii() for r in people), "xlsx: Chinese names", [r[1].value for r in people][:3])
# 人员明细: every resident behind a figure once, a column per figure with anyone behind it
say(len(names) > 1 and names[1] == "人员明细", "xlsx: the second sheet is 人员明细", names)
say(any(isinstance(c.value, str) and "人员明细" in c.value for row in ws.iter_rows(max_row=(head or 1)) for c in row),
    "xlsx: the report says where the people are")
ms = wb["人员明细"] if "人员明细" in names else None
mhead = None
for row in (ms.iter_rows() if ms else []):
    if row[0].value == "登记编号":
        mhead = row[0].row
        break
heads = [c.value for c in ms[mhead]] if mhead else []
say(heads[:6] == ["登记编号", "姓名", "身份证号", "性别", "年龄", "社区"], "xlsx: 人员明细's Chinese columns", heads[:6])
say(mhead is not None and ms.freeze_panes == "A%d" % (mhead + 1), "xlsx: 人员明细's header is frozen",
    ms and ms.freeze_panes)
say(mhead is not None and ms.auto_filter.ref is not None, "xlsx: 人员明细 has a filter on its header",
    ms and ms.auto_filter.ref)
mrows = [r for r in ms.iter_rows(min_row=mhead + 1) if r[0].value] if mhead else []
regnos = [r[0].value for r in mrows]
say(len(mrows) > 0 and len(set(regnos)) == len(regnos), "xlsx: 人员明细 lists each resident once", len(regnos))
cols = heads[6:]
say(len(cols) > 0 and "A2 新增登记人数" in cols, "xlsx: a column per figure, code and label", cols[:3])
bad = []
for k, h in enumerate(cols):
    code = h.split(" ")[0]
    vals = [r[6 + k].value for r in mrows]
    ones = sum(1 for v in vals if v == 1)
    fig = rows.get(code)
    if fig is None or ones != fig[3].value or ones == 0 or any(v not in (1, None) for v in vals):
        bad.append((code, ones, fig and fig[3].value))
say(not bad, "xlsx: each figure's column has a 1 for each resident it counts (and only 1 or empty)", bad)
say(all(any(r[6 + k].value == 1 for k in range(len(cols))) for r in mrows),
    "xlsx: everyone in 人员明细 counts in some figure")
say(sum(1 for r in mrows if r[6 + cols.index("A2 新增登记人数")].value == 1) == len(people),
    "xlsx: the A2 column and the A2 sheet list as many", len(people))
EOF
cat "$tmp/xlsx.out"
grep -q '^ok - xlsx: A2 is a number cell' "$tmp/xlsx.out" || nok "openpyxl read the workbook" "$(cat "$tmp/xlsx.out")"

# A report with its people is a file of people: 0600, in the trail with its hash and
# purpose; without a purpose the workbook holds the figures only (the table and its 趋势), and
# says so.
[ "$(stat -c %a "$tmp/r.xlsx")" = 600 ] && ok "xlsx with people: 0600" || nok "xlsx with people: 0600" "$(stat -c %a "$tmp/r.xlsx")"
sum=$(sha256sum "$tmp/r.xlsx" | cut -d' ' -f1)
trail=$(q "SELECT changes FROM history WHERE action = 'export' AND entity = 'report' ORDER BY seq DESC LIMIT 1")
case $trail in *"$sum"*上报区人社局*|*上报区人社局*"$sum"*) ok "xlsx with people: the trail has its SHA-256 and purpose" ;;
	*) nok "xlsx with people: the trail has its SHA-256 and purpose" "$trail / $sum" ;; esac
"$PY" - "$tmp/ext.xlsx" >"$tmp/ext.out" 2>&1 <<'EOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(("ok - " if wb.sheetnames == ["统计报表", "趋势"] else "not ok - ") + "xlsx without --purpose: the figures only (and their trend) " + str(wb.sheetnames))
EOF
cat "$tmp/ext.out"

# ---- 同比 and 累计 beside the month before -----------------------------------------------------------
run report --period 2024-06 --compare both --ytd --db "$db"
status_is "--compare both --ytd: exit 0" 0
cp "$tmp/out" "$tmp/cmp.txt"
has "--compare both: names the same month of last year" "$tmp/cmp.txt" "上年同期：2023年6月（2023-06-01至2023-06-30）"
has "--ytd: names the year to date" "$tmp/cmp.txt" "累计：2024-01-01至2024-06-30"
equal "--compare both --ytd: the column heads" "$(awk '$1 == "代码" { print $7, $8, $9; exit }' "$tmp/cmp.txt")" \
	"上年同期 同比增减 累计"
# columns: code label unit 本期 上期 增减 上年同期 同比增减 累计
col() { awk -v c="$1" -v n="$2" '$1 == c { print $n; exit }' "$3"; }
a2l=$(q "SELECT count(*) FROM resident WHERE reg_date BETWEEN '2023-06-01' AND '2023-06-30'")
equal "A2 of June 2023 beside June 2024 (sqlite3)" "$(col A2 7 "$tmp/cmp.txt")" "$a2l"
a2c=$(q "SELECT count(*) FROM resident WHERE reg_date BETWEEN '2024-01-01' AND '2024-06-30'")
equal "A2 of the year to date (sqlite3)" "$(col A2 9 "$tmp/cmp.txt")" "$a2c"
equal "A2 beside the month before, as without --compare" "$(col A2 5 "$tmp/cmp.txt")" "$(col A2 5 "$tmp/month.txt")"
run report --period 2024-06 --compare year --db "$db"
status_is "--compare year: exit 0" 0
has "--compare year: last year's June in the period before's place" "$tmp/out" "上年同期：2023年6月"
lacks "--compare year: no month before" "$tmp/out" "对比期"
equal "--compare year: A2 of June 2023 as 上年同期 (sqlite3)" "$(col A2 5 "$tmp/out")" "$a2l"
run report --period 2024-06 --compare both --ytd --format xlsx -o "$tmp/cmp.xlsx" --db "$db"
status_is "--compare both --ytd as a workbook: exit 0" 0
$PY - "$tmp/cmp.xlsx" "$a2l" "$a2c" > "$tmp/cmpx.out" 2>&1 <<'PYEOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["统计报表"]
rows = list(ws.iter_rows(values_only=True))
head = next(r for r in rows if r and r[0] == "代码")
a2 = next(r for r in rows if r and r[0] == "A2")
want = ["上年同期", "同比增减", "累计"]
print("ok" if list(head[6:9]) == want else "bad head %r" % (head,))
print("ok" if a2[6] == int(sys.argv[2]) and a2[8] == int(sys.argv[3]) else "bad A2 %r" % (a2,))
PYEOF
equal "workbook: 上年同期, 同比增减, 累计 heads and A2 as numbers (openpyxl)" "$(tr '\n' ' ' < "$tmp/cmpx.out")" "ok ok "
run report --compare quarter --db "$db"
status_is "bad --compare: exit 2" 2
has "bad --compare: what is accepted" "$tmp/err" "--compare quarter: prev"
run report --period 2024H1 --summary --ytd --db "$db"
status_is "--summary with --ytd: exit 2" 2

# ---- usage errors name the option and what it takes ---------------------------------------------------
run report --period 2024-13 --db "$db"
status_is "bad --period: exit 2" 2
has "bad --period: names the option and the forms accepted" "$tmp/err" "--period 2024-13"
has "bad --period: the forms accepted" "$tmp/err" "2026Q3"
run report --by colour --db "$db"
status_is "bad --by: exit 2" 2
has "bad --by: what is accepted" "$tmp/err" "--by colour: community, street, sex, category or age are accepted"
run report --from 2024-06-30 --to 2024-06-01 --db "$db"
status_is "--from after --to: exit 2" 2
has "--from after --to: names both" "$tmp/err" "--from 2024-06-30 --to 2024-06-01"
run report --from 2024-02-30 --db "$db"
status_is "--from not a date: exit 2" 2
has "--from not a date: says so" "$tmp/err" "--from 2024-02-30"
run report --to 2024-06-01 --db "$db"
status_is "--to alone: exit 2" 2
has "--to alone: asks for --from" "$tmp/err" "--to needs --from"
run report --period 2024 --from 2024-01-01 --db "$db"
status_is "--period with --from: exit 2" 2
run report --format pdf --db "$db"
status_is "--format pdf: exit 2" 2
has "--format pdf: what is accepted" "$tmp/err" "--format pdf: text, csv or xlsx are accepted"
run report --format xlsx --db "$db"
status_is "xlsx without -o: exit 2" 2
has "xlsx without -o: says why" "$tmp/err" "--format xlsx needs -o FILE"
run report --format text --encoding big5 --db "$db"
status_is "--encoding big5: exit 2" 2
run report extra --db "$db"
status_is "a stray word: exit 2" 2
run report --db "$tmp/none/x.db"
status_is "a database that is not there: exit 1" 1
run report --period 2024 -o "$tmp/none/r.xlsx" --db "$db"
status_is "a folder that is not there: exit 1" 1
[ ! -e "$tmp/none/r.xlsx" ] && ok "a failed write leaves no file" || nok "a failed write leaves no file"
