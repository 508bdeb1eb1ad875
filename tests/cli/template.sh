#!/bin/sh
# tests/cli/template.sh: `jiuye template KIND -o FILE.xlsx`, the empty workbook an office fills for
# `jiuye import KIND`, for every kind. Read back with openpyxl (Debian's python3-openpyxl), not
# jiuye's writer:
#   - the header row is the import's: the columns `jiuye import KIND` names as accepted (an
#     unknown column's message), in its order, all of them or (projects, loans) all but the
#     read-only ones an export adds at the end; the header alone imports (a dry run, 0 rows);
#   - ID numbers and phones are text columns (@), dates date columns, the page set up to print;
#   - the coded columns (社区, 文化程度, 人员类别, 就业状态; 性别要求, 最低学历, 公益性岗位) carry a
#     drop-down list whose source is the column of 代码表 headed by their label, holding exactly
#     the database's open codes (sqlite3) or communities, with an input message;
#   - residents, employers and courses filled in by openpyxl with two rows import: 2 added.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 62

db="$tmp/demo.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
KINDS="residents courses enrolments employers jobs referrals projects loans cases brokers outlets fees"

# ---- refusals, before anything needs openpyxl ---------------------------------------------------
run template residents --db "$db" -o "$tmp/t.csv"
status_is "a template named .csv: usage error" 2
has "  ... says it is a workbook" "$tmp/err" "XLSX"
run template pets --db "$db" -o "$tmp/t.xlsx"
status_is "an unknown kind: usage error" 2
run template residents --db "$db"
status_is "no -o: usage error" 2
[ -e "$tmp/t.csv" ] || [ -e "$tmp/t.xlsx" ] && nok "a refused template leaves no file" \
	|| ok "a refused template leaves no file"

for kind in $KINDS; do
	run template "$kind" --db "$db" -o "$tmp/$kind.xlsx"
	[ "$st" = 0 ] && [ "$(head -c 2 "$tmp/$kind.xlsx")" = PK ] && ok "$kind: template written" \
		|| nok "$kind: template written" "exit $st" "$(cat "$tmp/err")"
done

if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
	skip_rest 45 "templates read back" "no python3-openpyxl (make deps-test installs it)"
	exit 0
fi

# The header row of a template, one cell a line.
header() {
	"$PY" - "$1" <<'EOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
assert ws.max_row == 1, 'rows below the header: %d' % ws.max_row
for c in ws[1]:
    print(c.value)
EOF
}
# The columns `jiuye import KIND` accepts, one a line: from an unknown column's message.
accepted() {
	printf 'bogus\r\nx\r\n' >"$tmp/bogus.csv"
	"$JIUYE" import "$1" "$tmp/bogus.csv" --db "$db" 2>&1 >/dev/null \
		| sed -n 's/.*accepted: \(.*\) (English: .*/\1/p' | sed 's/, /\n/g'
}

for kind in $KINDS; do
	header "$tmp/$kind.xlsx" >"$tmp/$kind.head" 2>"$tmp/py.err"
	accepted "$kind" >"$tmp/$kind.acc"
	n=$(wc -l <"$tmp/$kind.head")
	case $kind in
	projects | loans | brokers | outlets | fees) what="the import's columns but the read-only ones at the end" ;;
	*) what="every column the import accepts" ;;
	esac
	# 性别 and 出生日期, which the import of residents checks against the ID number, are in its
	# template though its message of accepted columns names only the stored ones
	grep -vx -e 性别 -e 出生日期 "$tmp/$kind.head" >"$tmp/$kind.stored"
	n=$(wc -l <"$tmp/$kind.stored")
	if [ "$n" -gt 1 ] && head -n "$n" "$tmp/$kind.acc" | cmp -s - "$tmp/$kind.stored" \
		&& case $kind in projects | loans | brokers | outlets | fees) true ;; *) cmp -s "$tmp/$kind.acc" "$tmp/$kind.stored" ;; esac; then
		ok "$kind: the header is $what, in its order"
	else
		nok "$kind: the header is $what" "template: $(tr '\n' ' ' <"$tmp/$kind.head") $(cat "$tmp/py.err")" \
			"accepted: $(tr '\n' ' ' <"$tmp/$kind.acc")"
	fi
	# the header alone as a CSV: the import takes it (no unknown, no missing column)
	{ printf '\357\273\277'; tr '\n' ',' <"$tmp/$kind.head" | sed 's/,$//'; printf '\r\n'; } >"$tmp/$kind.head.csv"
	run import "$kind" "$tmp/$kind.head.csv" --dry-run --db "$db"
	[ "$st" = 0 ] && grep -q "0 added" "$tmp/out" && ok "$kind: the template's header imports" \
		|| nok "$kind: the template's header imports" "$(cat "$tmp/out" "$tmp/err")"
done

# py NAME ARGS... < SCRIPT: the script's assertions hold
py() {
	name=$1
	shift
	if "$PY" - "$@" >"$tmp/py.out" 2>&1; then ok "$name"; else nok "$name" "$(cat "$tmp/py.out")"; fi
}
q() { sqlite3 -batch -readonly "$db" "$1"; }
q "SELECT label FROM code WHERE list = 'education' AND active = 1 ORDER BY ord, code" >"$tmp/education"
q "SELECT label FROM code WHERE list = 'category' AND active = 1 ORDER BY ord, code" >"$tmp/category"
q "SELECT label FROM code WHERE list = 'emp_status' AND active = 1 ORDER BY ord, code" >"$tmp/emp_status"
q "SELECT label FROM code WHERE list = 'sex' AND active = 1 ORDER BY ord, code" >"$tmp/sex"
q "SELECT name FROM unit WHERE level = 'community' AND closed_at IS NULL" | sort >"$tmp/communities"

cat >"$tmp/lists.py" <<'EOF'
import re, sys, openpyxl
from openpyxl.utils import column_index_from_string

def lists(path):
    """{column label: (values of its drop-down list, input message, error style)}"""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    head = [c.value for c in ws[1]]
    out = {}
    for dv in ws.data_validations.dataValidation:
        ref = str(dv.sqref)
        m = re.fullmatch(r'([A-Z]+)2:\1(\d+)', ref)
        assert m and int(m.group(2)) == 1048576, ('not the whole column below the header', ref)
        label = head[column_index_from_string(m.group(1)) - 1]
        assert dv.showInputMessage and dv.prompt and dv.promptTitle == label, (label, dv.prompt)
        values = None
        if dv.type == 'list':
            f = re.fullmatch(r"'?([^'!]+)'?!\$([A-Z]+)\$2:\$\2\$(\d+)", dv.formula1)
            assert f, dv.formula1
            src = wb[f.group(1)]
            col = column_index_from_string(f.group(2))
            assert src.cell(row=1, column=col).value == label, (label, src.cell(row=1, column=col).value)
            values = [src.cell(row=r, column=col).value for r in range(2, int(f.group(3)) + 1)]
        out[label] = (values, dv.prompt, dv.errorStyle, dv.showErrorMessage)
    return ws, out

def want(name):
    return [l for l in open(name, encoding='utf-8').read().split('\n') if l]
EOF

py "residents: 社区, 文化程度, 人员类别, 就业状态 drop down the database's codes and communities from 代码表" \
	"$tmp/lists.py" "$tmp/residents.xlsx" "$tmp" <<'EOF'
import sys
exec(open(sys.argv[1]).read())
ws, l = lists(sys.argv[2])
d = sys.argv[3]
assert sorted(l['社区'][0]) == want(d + '/communities'), l['社区'][0]
assert l['文化程度'][0] == want(d + '/education'), l['文化程度'][0]
assert l['人员类别'][0] == want(d + '/category'), l['人员类别'][0]
assert l['就业状态'][0] == want(d + '/emp_status'), l['就业状态'][0]
# one code a cell: a value not in the list is questioned; several (人员类别, 、) are not
assert l['文化程度'][2] == 'warning' and l['文化程度'][3], l['文化程度'][2:]
# openpyxl reads an absent showErrorMessage as true; OOXML's default is false: read the XML
import zipfile
xml = zipfile.ZipFile(sys.argv[2]).read('xl/worksheets/sheet1.xml').decode()
dvs = dict((m.group(2), m.group(1)) for m in re.finditer(r'<dataValidation ([^>]*)sqref="([A-Z]+)2:', xml))
col = lambda label: openpyxl.utils.get_column_letter([c.value for c in ws[1]].index(label) + 1)
assert 'showErrorMessage="1"' in dvs[col('文化程度')], dvs[col('文化程度')]
assert 'showErrorMessage="1"' not in dvs[col('人员类别')], dvs[col('人员类别')]
assert '、' in l['人员类别'][1], l['人员类别'][1]
assert '初中' in l['文化程度'][1], l['文化程度'][1]
EOF
py "residents: every column says what it takes; 身份证号 its 18 characters, 登记日期 the forms of a date" \
	"$tmp/lists.py" "$tmp/residents.xlsx" <<'EOF'
import sys
exec(open(sys.argv[1]).read())
ws, l = lists(sys.argv[2])
head = [c.value for c in ws[1]]
assert sorted(l) == sorted(head), (sorted(l), head)
assert '18' in l['身份证号'][1] and l['身份证号'][0] is None, l['身份证号']
assert '必填' in l['姓名'][1] and '必填' in l['身份证号'][1] and '必填' not in l['地址'][1]
assert '2026/11/3' in l['登记日期'][1], l['登记日期'][1]
EOF
py "residents: 身份证号 and 联系电话 text columns (@), 登记日期 a date column, widths fit the headers" \
	"$tmp/residents.xlsx" <<'EOF'
import sys, unicodedata, openpyxl
from openpyxl.utils import get_column_letter
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
head = [c.value for c in ws[1]]
fmt = lambda label: ws.column_dimensions[get_column_letter(head.index(label) + 1)].number_format
assert fmt('身份证号') == '@' and fmt('联系电话') == '@', (fmt('身份证号'), fmt('联系电话'))
assert fmt('登记日期') == 'yyyy-mm-dd', fmt('登记日期')
for i, label in enumerate(head):
    cols = sum(2 if unicodedata.east_asian_width(ch) in 'WF' else 1 for ch in label)
    w = ws.column_dimensions[get_column_letter(i + 1)].width
    assert w >= cols + 2, (label, w)
assert ws.column_dimensions[get_column_letter(head.index('身份证号') + 1)].width >= 20
EOF
py "residents: the template prints (A4, one page wide, the header on every page, N / M)" \
	"$tmp/residents.xlsx" <<'EOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
assert str(ws.page_setup.paperSize) == '9' and ws.sheet_properties.pageSetUpPr.fitToPage
assert ws.print_title_rows == '$1:$1', ws.print_title_rows
assert ws.oddFooter.center.text == '&P / &N', ws.oddFooter.center.text
EOF
py "residents: 性别 and 出生日期 right after 身份证号, 性别 drops down the sex codes, 出生日期 a date column, both optional" \
	"$tmp/lists.py" "$tmp/residents.xlsx" "$tmp" <<'EOF'
import sys
from openpyxl.utils import get_column_letter
exec(open(sys.argv[1]).read())
ws, l = lists(sys.argv[2])
head = [c.value for c in ws[1]]
i = head.index('身份证号')
assert head[i + 1:i + 3] == ['性别', '出生日期'], head
assert l['性别'][0] == want(sys.argv[3] + '/sex'), l['性别'][0]
assert '可不填' in l['性别'][1] and '身份证号' in l['性别'][1], l['性别'][1]
assert '可不填' in l['出生日期'][1] and '2026/11/3' in l['出生日期'][1], l['出生日期'][1]
assert ws.column_dimensions[get_column_letter(i + 3)].number_format == 'yyyy-mm-dd'
EOF
py "outlets: 类型, 级别 and 所在村社区 drop down their lists; brokers: 优秀经纪人 是/否" \
	"$tmp/lists.py" "$tmp/outlets.xlsx" "$tmp/brokers.xlsx" "$tmp" <<'EOF'
import sys
exec(open(sys.argv[1]).read())
ws, l = lists(sys.argv[2])
assert sorted(l['所在村社区'][0]) == want(sys.argv[4] + '/communities'), l['所在村社区'][0]
assert l['类型'][0] and l['级别'][0], (l['类型'][0], l['级别'][0])
ws, l = lists(sys.argv[3])
assert l['优秀经纪人'][0] == ['是', '否'], l['优秀经纪人'][0]
EOF
py "jobs: 性别要求 and 最低学历 drop down their code lists, 公益性岗位 是/否" "$tmp/lists.py" "$tmp/jobs.xlsx" "$tmp" <<'EOF'
import sys
exec(open(sys.argv[1]).read())
ws, l = lists(sys.argv[2])
d = sys.argv[3]
assert l['性别要求'][0] == want(d + '/sex'), l['性别要求'][0]
assert l['最低学历'][0] == want(d + '/education'), l['最低学历'][0]
assert l['公益性岗位'][0] == ['是', '否'], l['公益性岗位'][0]
EOF

# ---- filled in by openpyxl, two rows each, imported ----------------------------------------------
# fill TEMPLATE OUT.xlsx OUT.csv JSON: the rows (by column label) written into the template as a
# worker would type them (text, and date cells), saved, and the sheet saved again as a CSV the way
# a spreadsheet writes one (dates YYYY-MM-DD)
fill() {
	"$PY" - "$@" <<'EOF'
import csv, datetime, json, sys, openpyxl
tpl, out, out_csv, rows = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
wb = openpyxl.load_workbook(tpl)
ws = wb.worksheets[0]
head = [c.value for c in ws[1]]
for r, row in enumerate(rows, start=2):
    for label, v in row.items():
        if isinstance(v, str) and len(v) == 10 and v[4] == '-' and v[7] == '-':
            v = datetime.datetime.strptime(v, '%Y-%m-%d')
        ws.cell(row=r, column=head.index(label) + 1, value=v)
wb.save(out)
with open(out_csv, 'w', encoding='utf-8-sig', newline='') as f:
    w = csv.writer(f, lineterminator='\r\n')
    for row in openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True):
        w.writerow(['' if v is None else v.strftime('%Y-%m-%d') if isinstance(v, datetime.datetime)
                    else str(v) for v in row])
EOF
}
# imported NAME KIND FILE: the rows are stored
imported() {
	run import "$2" "$3" --db "$db"
	if [ "$st" = 0 ] && grep -q "2 added, 0 updated, 0 unchanged, 0 rejected" "$tmp/out"; then ok "$1"
	else nok "$1" "$(cat "$tmp/out" "$tmp/err")"; fi
}

if fill "$tmp/residents.xlsx" "$tmp/r2.xlsx" "$tmp/r2.csv" '[
	{"姓名": "孙丽", "身份证号": "33012219770412002X", "联系电话": "13800000301", "社区": "幸福里社区",
	 "文化程度": "初中", "人员类别": "下岗职工、单亲家庭", "就业状态": "失业", "登记日期": "2024-06-03"},
	{"姓名": "钱芳", "身份证号": "330122198001010048", "联系电话": "13800000302", "社区": "红星村",
	 "文化程度": "高中", "人员类别": "城镇失业人员", "登记日期": "2024-06-10"}]' 2>"$tmp/fill.err"
then
	imported "residents: the template filled with two rows imports (saved as CSV): 2 added" residents "$tmp/r2.csv"
	# the workbook itself, where jiuye reads workbooks
	cp "$db" "$tmp/before.db"
	run import residents "$tmp/r2.xlsx" --db "$tmp/before.db" --dry-run
	if grep -q "not a CSV file" "$tmp/err"; then
		skip "residents: the filled workbook itself imports" "this jiuye reads CSV files only"
	elif [ "$st" = 0 ] && grep -q "0 added, 0 updated, 2 unchanged" "$tmp/out"; then
		ok "residents: the filled workbook itself imports (the same two, unchanged)"
	else
		nok "residents: the filled workbook itself imports" "$(cat "$tmp/out" "$tmp/err")"
	fi
	row=$(q "SELECT name || '|' || phone || '|' || reg_date FROM resident WHERE id_no = '33012219770412002X'")
	[ "$row" = "孙丽|13800000301|2024-06-03" ] \
		&& ok "residents: her ID number, phone and date as typed into the template" \
		|| nok "residents: her record" "$row"
else
	nok "residents: the template filled by openpyxl" "$(cat "$tmp/fill.err")"
	skip_rest 2 "residents: the filled template" "openpyxl could not fill it"
fi

if fill "$tmp/employers.xlsx" "$tmp/e2.xlsx" "$tmp/e2.csv" '[
	{"单位名称": "桐溪一号服装厂", "单位类型": "民营企业", "联系人": "周女士", "联系电话": "0571-64000001"},
	{"单位名称": "桐溪二号食品厂", "所属行业": "制造业", "联系电话": "13800000401"}]' 2>"$tmp/fill.err"
then imported "employers: the template filled with two rows imports: 2 added" employers "$tmp/e2.csv"
else nok "employers: the template filled by openpyxl" "$(cat "$tmp/fill.err")"
fi
if fill "$tmp/courses.xlsx" "$tmp/c2.xlsx" "$tmp/c2.csv" '[
	{"培训班名称": "育婴员培训", "专业": "育婴员", "开班日期": "2024-07-01", "结业日期": "2024-07-20", "学时": "80"},
	{"培训班名称": "电商直播培训", "开班日期": "2024-08-01", "结业日期": "2024-08-10"}]' 2>"$tmp/fill.err"
then imported "courses: the template filled with two rows imports: 2 added" courses "$tmp/c2.csv"
else nok "courses: the template filled by openpyxl" "$(cat "$tmp/fill.err")"
fi

# ---- the files of their own commands: units (jiuye unit import) and targets (jiuye target import)
for kind in units targets; do
	run template "$kind" --db "$db" -o "$tmp/$kind.xlsx"
	[ "$st" = 0 ] && has "$kind: template written, naming its command" "$tmp/err" "then jiuye ${kind%s} import FILE" \
		|| nok "$kind: template written" "exit $st" "$(cat "$tmp/err")"
done
header "$tmp/units.xlsx" | tr '\n' ' ' >"$tmp/units.head"
[ "$(cat "$tmp/units.head")" = "名称 级别 上级 代码 " ] && ok "units: the header is the import's: 名称 级别 上级 代码" \
	|| nok "units: the header" "$(cat "$tmp/units.head")"
header "$tmp/targets.xlsx" | tr '\n' ' ' >"$tmp/targets.head"
[ "$(cat "$tmp/targets.head")" = "年度 单位 指标 目标值 " ] && ok "targets: the header is the import's: 年度 单位 指标 目标值" \
	|| nok "targets: the header" "$(cat "$tmp/targets.head")"
py "units: 级别 drops down the levels the import takes; targets: 指标 the indicators' codes" \
	"$tmp/lists.py" "$tmp/units.xlsx" "$tmp/targets.xlsx" <<'EOF'
import sys
exec(open(sys.argv[1]).read())
ws, l = lists(sys.argv[2])
assert l['级别'][0] == ['县区', '街道', '乡镇', '社区', '村'], l['级别'][0]
ws, l = lists(sys.argv[3])
codes = l['指标'][0]
assert codes[0] == 'A1' and 'A5' in codes and 'C2' in codes and len(codes) == len(set(codes)), codes[:5]
EOF
if fill "$tmp/units.xlsx" "$tmp/u2.xlsx" "$tmp/u2.csv" '[
	{"名称": "桐溪新区街道", "级别": "街道", "上级": "桐溪县"},
	{"名称": "新区社区", "级别": "社区", "上级": "桐溪新区街道"}]' 2>"$tmp/fill.err"
then
	run unit import "$tmp/u2.xlsx" --db "$db"
	[ "$st" = 0 ] && has "units: the template filled with two rows imports: 2 added" "$tmp/out" "2 added" \
		|| nok "units: the filled template imports" "$(cat "$tmp/out" "$tmp/err")"
else nok "units: the template filled by openpyxl" "$(cat "$tmp/fill.err")"
fi
if fill "$tmp/targets.xlsx" "$tmp/g2.xlsx" "$tmp/g2.csv" '[
	{"年度": "2024", "指标": "A1", "目标值": "120"},
	{"年度": "2024", "单位": "城南街道", "指标": "A1", "目标值": "40"}]' 2>"$tmp/fill.err"
then
	run target import "$tmp/g2.xlsx" --db "$db"
	[ "$st" = 0 ] && has "targets: the template filled with two rows imports: 2 added" "$tmp/out" "2 added" \
		|| nok "targets: the filled template imports" "$(cat "$tmp/out" "$tmp/err")"
else nok "targets: the template filled by openpyxl" "$(cat "$tmp/fill.err")"
fi

# ---- F7 on the resident list: its 空白导入模板 line (tests/screen/template.keys) ------------------
VTH=${VTHARNESS:-$(dirname "$JIUYE")/vtharness}
screen=$(cd "$(dirname "$0")/../screen" && pwd)
if [ -x "$VTH" ]; then
	mkdir -p "$tmp/home"
	# the demo as it starts (the golden screen's list), not the one the rows above went into
	"$JIUYE" init --demo --db "$tmp/screen.db" >/dev/null 2>&1 || nok "init --demo for the screen"
	if HOME="$tmp/home" LANG=C.UTF-8 JIUYE_TODAY=2024-06-30 ASAN_OPTIONS=detect_leaks=0 \
		"$VTH" -s 80x24 -t en -t 80x24 -g "$screen/golden" "$screen/template.keys" -- "$JIUYE" \
		--db "$tmp/screen.db" >"$tmp/vth.out" 2>&1; then
		ok "F7's 空白导入模板: the screen script passes"
	else
		nok "F7's 空白导入模板: the screen script" "$(grep -v '^ok' "$tmp/vth.out" | head -n 30)"
	fi
	f="$tmp/home/jiuye-print/居民名单-导入模板.xlsx"
	if header "$f" >"$tmp/f7.head" 2>"$tmp/py.err" && cmp -s "$tmp/f7.head" "$tmp/residents.head"; then
		ok "F7's 空白导入模板 is the template of jiuye template residents: the import's header"
	else
		nok "F7's 空白导入模板 file" "$(cat "$tmp/f7.head" "$tmp/py.err")"
	fi
else
	must_run "F7's 空白导入模板: the screen script passes" "no $VTH (make build/asan/vtharness)"
	must_run "F7's 空白导入模板 is the template of jiuye template residents" "no $VTH"
fi
