#!/bin/sh
# tests/cli/import_xlsx.sh: `jiuye import` reading workbooks as offices have them, written here by
# programs that are not jiuye: openpyxl (python3-openpyxl) for xlsx, xlwt (python3-xlwt) for the
# Excel 97-2003 .xls, Python's own zipfile for the parts other writers produce (inline strings,
# formulas with their saved values, the 1904 date system) and for the files that must be refused
# (a zip bomb, a workbook without sheets, one with a password, a zip that is no workbook), and
# LibreOffice converting a CSV where it is installed.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2026-11-30
unset JIUYE_DB
PY=/usr/bin/python3

. "$(dirname "$0")/lib.sh"
plan 45

if ! $PY -c 'import openpyxl, xlwt' 2>/dev/null; then
	skip_rest 45 "workbooks import" "no python3-openpyxl or python3-xlwt (make deps-test installs them)"
	exit 0
fi

db="$tmp/t.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
count() { sqlite3 "$db" "SELECT count(*) FROM resident"; }
before=$(count)

# ---- the workbooks, written by openpyxl, xlwt and zipfile ---------------------------------------
cd "$tmp" && $PY - <<'PYEOF' || nok "the workbooks are written"
import datetime, zipfile, openpyxl, xlwt

# a ledger as Excel keeps it: dates typed as dates, a phone typed as a number, two sheets
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '台账'
ws.append(['姓名', '身份证号', '联系电话', '社区', '文化程度', '登记日期'])
ws.append(['王秀兰', '33012219770412002X', 13800000001, '幸福里社区', '初中', datetime.date(2026, 11, 3)])
ws.append(['李娟', '330122198001010048', '13800000002', '幸福里社区', '高中', datetime.date(2026, 11, 10)])
ws['F3'].number_format = 'yyyy"年"m"月"d"日"'
ws2 = wb.create_sheet('第二页')
ws2.append(['姓名', '身份证号', '社区'])
ws2.append(['张红', '330122197105050066', '幸福里社区'])
wb.save('ledger.xlsx')

# an ID number typed into a cell formatted as a number
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '台账'
ws.append(['姓名', '身份证号', '社区'])
ws.append(['赵敏', '330122198502020025', '幸福里社区'])
ws.append(['钱芳', 330122198001010048, '幸福里社区'])
wb.save('idnumber.xlsx')

# a formula openpyxl cannot compute: no saved value
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '台账'
ws.append(['姓名', '身份证号', '社区', '备注'])
ws.append(['孙丽', '330122198502020025', '幸福里社区', '=A2&"的备注"'])
wb.save('formula.xlsx')

# the office's ledger as it keeps it: a title merged across the header, a line of who and when,
# a 序号 column, 性别 / 出生日期 / 年龄 beside the ID number, its own names of columns, dates typed
# as dates and as text, a blank row, and a row of totals
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '台账'
ws.append(['幸福里社区失业人员登记台账（2026年11月）'])
ws.merge_cells('A1:J1')
ws.append(['填报单位：幸福里社区', None, None, None, None, None, '填报日期：2026年11月30日'])
ws.merge_cells('A2:F2')
ws.append(['序号', '姓 名', '公民身份号码', '性别', '出生日期', '年龄', '手机号码', '社区(村)', '学历', '登记时间'])
ws.append([1, '冯丽', '330122198502020025', '女', datetime.date(1985, 2, 2), 41, 13900000001,
           '幸福里社区', '初中', datetime.date(2026, 11, 3)])
ws.append([2, '陈红', '330122198503150032', '男', '1985.03.15', 41, '13900000002', '幸福里社区',
           '高中', '2026/11/4'])
ws.append([])
ws.append([3, '何芳', '330122197105050082', '女', '1971年5月5日', 55, '13900000003', '幸福里社区',
           '小学', '2026年11月5日'])
ws.append(['合计', '3人'])
wb.save('台账.xlsx')
ws['D5'] = '女'          # 陈红's ID number says 男
ws['F7'] = 50            # 何芳 is 55
wb.save('台账_bad.xlsx')

def raw(path, sheet_xml, workbook_sheets='<sheet name="Sheet1" sheetId="1" r:id="rId1"/>',
        styles=None, date1904=False, sst=None):
    z = zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('xl/workbook.xml',
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        + ('<workbookPr date1904="1"/>' if date1904 else '') +
        '<sheets>' + workbook_sheets + '</sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels',
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="/xl/worksheets/sheet1.xml"/></Relationships>')
    if styles:
        z.writestr('xl/styles.xml', styles)
    if sst:
        z.writestr('xl/sharedStrings.xml', sst)
    z.writestr('xl/worksheets/sheet1.xml', sheet_xml)
    z.close()

def sheet(rows, pad=''):
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<dimension ref="A1:F%d"/><sheetData>' % len(rows) + pad + ''.join(rows) + '</sheetData></worksheet>')

def istr(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)

# inline strings, rich text runs, a formula with its saved value, a date in the 1904 system
# (see the check), a phone as a number
styles = ('<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d"/></numFmts>'
          '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
          '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>')
rows = ['<row r="1">' + istr('A1', '姓名') + istr('B1', '身份证号') + istr('C1', '联系电话')
        + istr('D1', '社区') + istr('E1', '登记日期') + istr('F1', '备注') + '</row>',
        '<row r="2">' + '<c r="A2" t="inlineStr"><is><r><t>周</t></r><r><t>芳</t></r></is></c>'
        + istr('B2', '330122199002140025') + '<c r="C2"><v>13712345604</v></c>' + istr('D2', '幸福里社区')
        + '<c r="E2" s="1"><v>45041</v></c>'
        + '<c r="F2" t="str"><f>A2&amp;"的备注"</f><v>周芳的备注</v></c></row>']
raw('inline.xlsx', sheet(rows), styles=styles, date1904=True)

# past 64 MB unpacked: 70 MB of blanks between the rows, a few kilobytes packed
raw('bomb.xlsx', sheet(rows[:1], pad=' ' * (70 << 20)))
# a workbook without a sheet
raw('nosheet.xlsx', sheet(rows[:1]), workbook_sheets='')
# a zip that is no workbook
z = zipfile.ZipFile('notes.xlsx', 'w')
z.writestr('notes.txt', '不是工作簿')
z.close()
# what Excel writes for "Encrypt with password": an OLE container holding EncryptedPackage
ole = bytearray(b'\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1' + b'\0' * 1016)
ole += 'EncryptionInfo'.encode('utf-16-le') + b'\0' * 50 + 'EncryptedPackage'.encode('utf-16-le')
ole += b'\0' * 2048
open('locked.xlsx', 'wb').write(bytes(ole))
# a WPS file
open('台账.et', 'wb').write(bytes(ole[:512]))

# Excel 97-2003, as xlwt writes it: a date cell, an ID number as a number in row 3
wb = xlwt.Workbook(encoding='utf-8')
ws = wb.add_sheet('旧台账')
for i, h in enumerate(['姓名', '身份证号', '联系电话', '社区', '登记日期']):
    ws.write(0, i, h)
for i, v in enumerate(['吴桂英', '330122196811300048', 13612345605, '幸福里社区']):
    ws.write(1, i, v)
ws.write(1, 4, datetime.date(2026, 11, 17), xlwt.easyxf(num_format_str='yyyy-mm-dd'))
wb.save('old.xls')
ws.write(2, 0, '郑秀梅')
ws.write(2, 1, 330122198301010023)
ws.write(2, 3, '幸福里社区')
wb.save('old_bad.xls')
PYEOF
cd - >/dev/null

# ---- a workbook imported ------------------------------------------------------------------------
run import residents "$tmp/ledger.xlsx" --db "$db"
status_is "xlsx from openpyxl: exit 0" 0
has "xlsx: the first sheet's 2 rows added" "$tmp/out" "import ledger.xlsx: 2 added, 0 updated, 0 unchanged, 0 rejected"
row=$(sqlite3 "$db" "SELECT phone || ' ' || reg_date FROM resident WHERE id_no = '33012219770412002X'")
[ "$row" = "13800000001 2026-11-03" ] && ok "a phone typed as a number and a date cell read as Excel shows them" \
	|| nok "a phone typed as a number and a date cell read as Excel shows them" "$row"
row=$(sqlite3 "$db" "SELECT reg_date FROM resident WHERE id_no = '330122198001010048'")
[ "$row" = "2026-11-10" ] && ok "a date cell in a custom Chinese format (yyyy年m月d日)" \
	|| nok "a date cell in a custom Chinese format (yyyy年m月d日)" "$row"

run import residents "$tmp/ledger.xlsx" --sheet 第二页 --db "$db"
status_is "--sheet 第二页: exit 0" 0
has "--sheet: the second sheet's row" "$tmp/out" "1 added, 0 updated, 0 unchanged, 0 rejected"
row=$(sqlite3 "$db" "SELECT name FROM resident WHERE id_no = '330122197105050066'")
[ "$row" = 张红 ] && ok "--sheet: 张红 from the second sheet" || nok "--sheet: 张红 from the second sheet" "$row"

n=$(count)
run import residents "$tmp/ledger.xlsx" --sheet 第三页 --db "$db"
status_is "a sheet the workbook lacks: exit 1" 1
has "a sheet the workbook lacks: named, with the sheets it has" "$tmp/err" \
	"ledger.xlsx: the workbook has no sheet named \"第三页\"; its sheets: 台账, 第二页"
[ "$(count)" = "$n" ] && ok "a sheet the workbook lacks: nothing saved" || nok "a sheet the workbook lacks: nothing saved"

run import residents "$tmp/idnumber.xlsx" --db "$db"
status_is "an ID number stored as a number: exit 1" 1
has "an ID number stored as a number: refused, naming the cell" "$tmp/err" \
	"idnumber.xlsx:台账!B3: 身份证号: Excel turned the ID number into a number (3.3012219800101E+17)"
[ "$(count)" = "$n" ] && ok "an ID number stored as a number: nothing saved (not even the good row)" \
	|| nok "an ID number stored as a number: nothing saved"

run import residents "$tmp/formula.xlsx" --db "$db"
status_is "a formula without a saved value: exit 1" 1
has "a formula without a saved value: the cell named" "$tmp/err" "formula.xlsx: 台账!D2: a formula without a saved value"
[ "$(count)" = "$n" ] && ok "a formula without a saved value: nothing saved" || nok "a formula without a saved value: nothing saved"

run import residents "$tmp/inline.xlsx" --db "$db"
status_is "inline strings, rich text, a saved formula value, 1904 dates: exit 0" 0
row=$(sqlite3 "$db" "SELECT name || ' ' || phone || ' ' || reg_date || ' ' || note FROM resident WHERE id_no = '330122199002140025'")
# serial 45041: in the 1900 system 1899-12-30 + 45041 days = 2023-04-25; in the 1904 system
# 1904-01-01 + 45041 days = 2027-04-26 (1462 days later: the four years 1900-1903 and the
# 29 February 1900 Excel counts)
[ "$row" = "周芳 13712345604 2027-04-26 周芳的备注" ] \
	&& ok "runs joined, the number a phone, serial 45041 of the 1904 system is 2027-04-26, the formula's saved text" \
	|| nok "inline strings, 1904 dates, formula value" "$row"

# ---- a ledger as offices keep it ------------------------------------------------------------------
n=$(count)
run import residents "$tmp/台账.xlsx" --db "$db"
status_is "the office's 台账: exit 0" 0
has "the 台账: the title rows, the 序号 column and the 合计 row passed over, 3 added" "$tmp/out" \
	"import 台账.xlsx: 3 added, 0 updated, 0 unchanged, 0 rejected"
row=$(sqlite3 "$db" "SELECT group_concat(name || ' ' || phone || ' ' || reg_date || ' ' || education, '; ') FROM (SELECT * FROM resident WHERE id_no IN ('330122198502020025', '330122198503150032', '330122197105050082') ORDER BY reg_date)")
[ "$row" = "冯丽 13900000001 2026-11-03 71; 陈红 13900000002 2026-11-04 61; 何芳 13900000003 2026-11-05 81" ] \
	&& ok "the 台账: 手机号码, 登记时间 (a date cell, 2026/11/4, 2026年11月5日) and 学历 (初中 71, 高中 61, 小学 81) under their other names" \
	|| nok "the 台账: columns under their other names" "$row"
run import residents "$tmp/台账_bad.xlsx" --db "$db" --dry-run
status_is "性别 and 年龄 that do not agree with the ID number: exit 1" 1
has "性别 that does not agree: both cells named" "$tmp/err" \
	"台账_bad.xlsx:台账!D5: 性别: \"女\" in 台账!D5 does not match the ID number in 台账!C5, which says 男"
has "年龄 that does not agree: both cells named" "$tmp/err" \
	"台账_bad.xlsx:台账!F7: 年龄: \"50\" in 台账!F7 does not match the ID number in 台账!C7, which says 55 years"

# ---- files that are refused ---------------------------------------------------------------------
n=$(count)
run import residents "$tmp/bomb.xlsx" --db "$db"
status_is "a sheet past 64 MB unpacked: exit 1" 1
has "a sheet past 64 MB unpacked: refused, the sheet named" "$tmp/err" "bomb.xlsx: the sheet Sheet1 unpacks to more than 64 MB"
run import residents "$tmp/nosheet.xlsx" --db "$db"
status_is "a workbook without sheets: exit 1" 1
has "a workbook without sheets: said so" "$tmp/err" "nosheet.xlsx: the workbook has no sheet"
run import residents "$tmp/locked.xlsx" --db "$db"
status_is "a workbook with a password: exit 1" 1
has "a workbook with a password: said so, and how to remove it" "$tmp/err" "locked.xlsx: the workbook is protected by a password"
run import residents "$tmp/notes.xlsx" --db "$db"
status_is "a zip that is no workbook: exit 1" 1
has "a zip that is no workbook: said so" "$tmp/err" "notes.xlsx: a zip file, but not an Excel workbook"
run import residents "$tmp/台账.et" --db "$db"
status_is "a WPS .et file: exit 1" 1
has "a WPS .et file: save it as xlsx" "$tmp/err" "台账.et: a WPS spreadsheet (.et) is not read"
printf 'PK\003\004\024\000\006\000rest of a workbook' >"$tmp/broken.xlsx"
run import residents "$tmp/broken.xlsx" --db "$db"
status_is "a damaged workbook: exit 1" 1
has "a damaged workbook: said so" "$tmp/err" "broken.xlsx: the workbook is damaged or not an Excel workbook"
printf '姓名,身份证号\n' >"$tmp/a.csv"
run import residents "$tmp/a.csv" --sheet 台账 --db "$db"
status_is "--sheet on a CSV file: exit 1" 1
has "--sheet on a CSV file: said so" "$tmp/err" "a.csv: --sheet is for workbooks"
[ "$(count)" = "$n" ] && ok "the refused files saved nothing" || nok "the refused files saved nothing"

# ---- Excel 97-2003 -------------------------------------------------------------------------------
run import residents "$tmp/old.xls" --db "$db"
status_is ".xls from xlwt: exit 0" 0
row=$(sqlite3 "$db" "SELECT phone || ' ' || reg_date FROM resident WHERE id_no = '330122196811300048'")
[ "$row" = "13612345605 2026-11-17" ] && ok ".xls: a number phone and a date cell" || nok ".xls: a number phone and a date cell" "$row"
run import residents "$tmp/old_bad.xls" --db "$db"
status_is ".xls with an ID number stored as a number: exit 1" 1
has ".xls: the ID number's cell named" "$tmp/err" "old_bad.xls:旧台账!B3: 身份证号: Excel turned the ID number into a number"

# ---- every kind reads workbooks: employers --------------------------------------------------------
cd "$tmp" && $PY -c '
import openpyxl
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["单位名称", "统一社会信用代码"])
ws.append(["东湖家政服务有限公司", "91330122MA2B3C4D5X"])
wb.save("employers.xlsx")' && cd - >/dev/null
run import employers "$tmp/employers.xlsx" --db "$db" --dry-run
grep -q "employers.xlsx" "$tmp/out" "$tmp/err" && ok "employers: the workbook was read (its summary or its rows' errors name it)" \
	|| nok "employers: the workbook was read" "$(cat "$tmp/out" "$tmp/err")"

# ---- LibreOffice converting a CSV ---------------------------------------------------------------
if command -v soffice >/dev/null 2>&1; then
	printf '姓名,身份证号,社区\n冯丽,330122198502020025,幸福里社区\n' >"$tmp/lo.csv"
	(cd "$tmp" && soffice --headless --convert-to xlsx lo.csv >/dev/null 2>&1)
	run import residents "$tmp/lo.xlsx" --db "$db" --dry-run
	has "a CSV converted by LibreOffice imports" "$tmp/out" "1 added"
else
	skip "a CSV converted by LibreOffice imports" "soffice is not installed"
fi
