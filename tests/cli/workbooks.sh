#!/bin/sh
# tests/cli/workbooks.sh: the workbooks jiuye writes survive Excel and the printer. Read back with
# a reader that is not jiuye's writer (openpyxl from Debian's python3-openpyxl):
#   - ID numbers, phones and codes in digits (统一社会信用代码) are string cells in the text number
#     format "@", and so is their column, so a number typed into it later stays text;
#   - every worksheet prints: A4 (paper 9), landscape when its columns are wider than a portrait
#     page (659 pixels between the margins), fitted to one page wide and as many long as it takes,
#     the header row repeated on every page, the footer "&P / &N";
#   - a file of people (residents, a report with its people lists) has 内部资料 仅供经办使用 in
#     every worksheet's footer, the words of the text printouts of people; a file of employers has
#     not;
#   - a file of people is a workbook unless CSV is asked for (--format csv, a name ending .csv),
#     and a CSV of people comes with the warning of what a double-click in a spreadsheet does to
#     its ID numbers; to standard output it needs --format csv. Other files stay CSV by default.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 22

db="$tmp/demo.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"

run export residents --db "$db" --purpose 上报区人社局 -o "$tmp/r.xlsx"
status_is "residents to a workbook: exit 0" 0
run export employers --db "$db" -o "$tmp/e.xlsx"
status_is "employers to a workbook: exit 0" 0
run report --db "$db" --period 2024 --purpose 上报区人社局 -o "$tmp/rep.xlsx"
status_is "a report with its people lists: exit 0" 0

# ---- files of people: a workbook unless CSV is asked for -----------------------------------------
for kind in residents referrals enrolments projects loans cases; do
	run export "$kind" --db "$db" --purpose 核对 -o "$tmp/$kind-file"
	[ "$st" = 0 ] && [ "$(head -c 2 "$tmp/$kind-file")" = PK ] \
		&& ok "export $kind -o NAME (no extension): a workbook" \
		|| nok "export $kind -o NAME (no extension): a workbook" "exit $st" "$(cat "$tmp/err")"
done
run export residents --db "$db" --purpose 核对
status_is "a file of people to standard output without --format: usage error" 2
has "  ... says to name a workbook or ask for CSV" "$tmp/err" "-o FILE.xlsx, or ask for CSV with --format csv"
run export residents --db "$db" --purpose 核对 -o "$tmp/r.csv"
[ "$st" = 0 ] && [ "$(head -c 3 "$tmp/r.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] \
	&& ok "-o FILE.csv asks for CSV: UTF-8 with a BOM" || nok "-o FILE.csv asks for CSV" "$(cat "$tmp/err")"
has "a CSV of people: the warning of what a double-click does to ID numbers" "$tmp/err" "3.30122198202031E+17"
run export employers --db "$db"
[ "$st" = 0 ] && [ "$(head -c 3 "$tmp/out" | od -An -tx1 | tr -d ' ')" = efbbbf ] \
	&& ok "employers (no people) to standard output: CSV as before" || nok "employers to stdout" "$(cat "$tmp/err")"

if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
	skip_rest 8 "workbooks read back" "no python3-openpyxl (make deps-test installs it)"
	exit 0
fi

# py NAME SCRIPT ARGS...: the script's assertions hold
py() {
	name=$1
	shift
	if "$PY" - "$@" >"$tmp/py.out" 2>&1; then ok "$name"; else nok "$name" "$(cat "$tmp/py.out")"; fi
}

# The checks every worksheet shares, loaded by each script below.
cat >"$tmp/wb.py" <<'EOF'
import openpyxl
from openpyxl.utils import get_column_letter

def header_row(ws, first):
    """The 1-based row whose first cell is first (the header, below any note rows)."""
    for r in range(1, 12):
        if ws.cell(row=r, column=1).value == first:
            return r
    raise AssertionError('no header starting %r in %s' % (first, ws.title))

def text_column(ws, head, label):
    """Column label's data cells are strings in '@' and the column carries '@' too."""
    heads = [c.value for c in ws[head]]
    assert label in heads, (label, heads)
    col = heads.index(label) + 1
    letter = get_column_letter(col)
    assert ws.column_dimensions[letter].number_format == '@', (ws.title, label,
        ws.column_dimensions[letter].number_format)
    cells = [ws.cell(row=r, column=col) for r in range(head + 1, ws.max_row + 1)]
    cells = [c for c in cells if c.value is not None]
    assert cells, (ws.title, label, 'no cells')
    for c in cells:
        assert isinstance(c.value, str) and c.number_format == '@', (ws.title, c.coordinate,
            c.value, c.number_format)
    return len(cells)

def printable(ws, head, people, landscape=None):
    ps = ws.page_setup
    assert str(ps.paperSize) == '9', (ws.title, 'paper', ps.paperSize)
    if landscape is not None:
        assert ps.orientation == ('landscape' if landscape else 'portrait'), (ws.title, ps.orientation)
    assert ws.sheet_properties.pageSetUpPr.fitToPage, (ws.title, 'not fitted')
    # fitToWidth left out is the OOXML default, 1
    assert ps.fitToWidth in (None, 1, '1') and str(ps.fitToHeight) == '0', (ws.title,
        ps.fitToWidth, ps.fitToHeight)
    assert ws.print_title_rows == '$%d:$%d' % (head, head), (ws.title, ws.print_title_rows)
    f = ws.oddFooter
    parts = [p.text for p in (f.left, f.center, f.right) if p.text]
    assert '&P / &N' in parts, (ws.title, parts)
    if people:
        assert '内部资料 仅供经办使用' in parts, (ws.title, parts)
    else:
        assert not any('内部资料' in p for p in parts), (ws.title, parts)
EOF

py "residents: 身份证号 and 联系电话 are text cells in '@', their columns '@'" "$tmp/wb.py" "$tmp/r.xlsx" <<'EOF'
import sys
exec(open(sys.argv[1]).read())
ws = openpyxl.load_workbook(sys.argv[2]).worksheets[0]
h = header_row(ws, '姓名')
assert text_column(ws, h, '身份证号') == 10
assert text_column(ws, h, '联系电话') >= 1
EOF
py "residents: A4 landscape (12 columns), one page wide, header row repeated, 内部资料 and N / M in the footer" \
	"$tmp/wb.py" "$tmp/r.xlsx" <<'EOF'
import sys
exec(open(sys.argv[1]).read())
ws = openpyxl.load_workbook(sys.argv[2]).worksheets[0]
printable(ws, header_row(ws, '姓名'), True, landscape=True)
EOF
py "residents: a number typed into the ID column of the file stays text (the column's format)" \
	"$tmp/wb.py" "$tmp/r.xlsx" <<'EOF'
import sys
exec(open(sys.argv[1]).read())
ws = openpyxl.load_workbook(sys.argv[2]).worksheets[0]
h = header_row(ws, '姓名')
col = [c.value for c in ws[h]].index('身份证号') + 1
# the row below the last holds nothing: what formats a new cell there is the column's
assert ws.cell(row=ws.max_row + 1, column=col).value is None
assert ws.column_dimensions[get_column_letter(col)].number_format == '@'
EOF
py "employers: 统一社会信用代码 and 联系电话 are text in '@'" "$tmp/wb.py" "$tmp/e.xlsx" <<'EOF'
import sys
exec(open(sys.argv[1]).read())
ws = openpyxl.load_workbook(sys.argv[2]).worksheets[0]
h = header_row(ws, '单位编号')
assert text_column(ws, h, '统一社会信用代码') >= 1
assert text_column(ws, h, '联系电话') >= 1
EOF
py "employers: printable, N / M in the footer and no 内部资料 (not a file of people)" \
	"$tmp/wb.py" "$tmp/e.xlsx" <<'EOF'
import sys
exec(open(sys.argv[1]).read())
ws = openpyxl.load_workbook(sys.argv[2]).worksheets[0]
printable(ws, header_row(ws, '单位编号'), False)
EOF
py "report: the main table, narrow, prints portrait; its header row (below the notes) repeats" \
	"$tmp/wb.py" "$tmp/rep.xlsx" <<'EOF'
import sys
exec(open(sys.argv[1]).read())
ws = openpyxl.load_workbook(sys.argv[2])['统计报表']
h = header_row(ws, '代码')
assert h > 2, h
printable(ws, h, True, landscape=False)
EOF
py "report: every people list prints landscape with 内部资料 in its footer, 身份证号 text in '@'" \
	"$tmp/wb.py" "$tmp/rep.xlsx" <<'EOF'
import sys
exec(open(sys.argv[1]).read())
wb = openpyxl.load_workbook(sys.argv[2])
lists = [ws for ws in wb.worksheets if ws.title not in ('统计报表', '趋势')]
assert len(lists) >= 3, wb.sheetnames
for ws in lists:
    h = header_row(ws, '登记编号')
    printable(ws, h, True, landscape=True)
    text_column(ws, h, '身份证号')
EOF
py "report: the 趋势 sheet (a file of people's) is printable too" "$tmp/wb.py" "$tmp/rep.xlsx" <<'EOF'
import sys
exec(open(sys.argv[1]).read())
ws = openpyxl.load_workbook(sys.argv[2])['趋势']
printable(ws, header_row(ws, '月份'), True, landscape=True)
EOF
