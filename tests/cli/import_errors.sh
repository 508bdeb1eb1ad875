#!/bin/sh
# tests/cli/import_errors.sh: a rejected import writes beside its file the copy a clerk fixes in
# Excel: FILE.错误.xlsx for a workbook, FILE.错误.csv for a CSV file, mode 0600, a first column 错误
# with each bad row's message and the rest of the file as she had it (its title row, its header,
# the text format of the ID and phone columns). The workbooks are written and read back here by
# openpyxl, not by jiuye; the fixed copy imports.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2026-11-30
unset JIUYE_DB
PY=/usr/bin/python3

. "$(dirname "$0")/lib.sh"
plan 32

if ! $PY -c 'import openpyxl' 2>/dev/null; then
	skip_rest 32 "error copies" "no python3-openpyxl (make deps-test installs it)"
	exit 0
fi

db="$tmp/t.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
count() { sqlite3 "$db" "SELECT count(*) FROM resident"; }
before=$(count)
mode() { stat -c %a "$1"; }

# ---- a ledger with two bad rows, as openpyxl writes it ----------------------------------------
cd "$tmp" && $PY - <<'PYEOF' || nok "the workbook is written"
import datetime, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '台账'
ws.append(['幸福里社区失业人员登记台账（2026年11月）'])
ws.merge_cells('A1:I1')
ws.append(['序号', '姓 名', '公民身份号码', '性别', '手机号码', '社区(村)', '学历', '登记时间'])
ws.append([1, '冯丽', '330122198502020025', '女', 13900000001, '幸福里社区', '初中', datetime.date(2026, 11, 3)])
ws.append([2, '陈红', '330122198503150032', '女', '13900000002', '幸福里社区', '高中', '2026/11/4'])
ws.append([])
ws.append([3, '何芳', 330122197105050082, '女', '13900000003', '幸福里社区', '小学', '2026年11月5日'])
ws.append([4, '吕萍', '330122197203030026', '女', '13900000004', '幸福里社区', '初中', '2026-11-06'])
ws.append(['合计', '4人'])
wb.save('台账.xlsx')
PYEOF
cd - >/dev/null

# Each row of the copy's sheet as "ROW:cell|cell|…" ("" for an empty cell), then per row the number
# format of its 公民身份号码 cell (column D in the copy), one line each.
show() {
	$PY - "$1" <<'PYEOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
print('sheet', ws.title)
for r in ws.iter_rows():
    print('%d:' % r[0].row + '|'.join('' if c.value is None else str(c.value) for c in r))
for r in range(3, ws.max_row + 1):
    print('fmt', r, ws.cell(row=r, column=4).number_format, ws.cell(row=r, column=6).number_format)
print('merged', ' '.join(str(m) for m in ws.merged_cells.ranges))
PYEOF
}

run import residents "$tmp/台账.xlsx" --db "$db" --dry-run
status_is "dry run with bad rows: exit 1" 1
copy="$tmp/台账.错误.xlsx"
[ -f "$copy" ] && ok "dry run: the copy 台账.错误.xlsx is written beside the file" || nok "dry run: the copy is written" "$(ls "$tmp")"
has "dry run: the terminal says where the copy is" "$tmp/err" "first column 错误: $copy"
[ "$(mode "$copy")" = 600 ] && ok "the copy is mode 0600" || nok "the copy is mode 0600" "$(mode "$copy")"
[ "$(count)" = "$before" ] && ok "dry run: nothing saved" || nok "dry run: nothing saved"
show "$copy" >"$tmp/show"
has "the sheet keeps its name" "$tmp/show" "sheet 台账"
has "the title row is kept, merged across the copy's columns" "$tmp/show" "merged A1:I1"
has "the title row's text" "$tmp/show" "幸福里社区失业人员登记台账（2026年11月）"
has "the header as the clerk named it, 错误 first" "$tmp/show" "2:错误|序号|姓 名|公民身份号码|性别|手机号码|社区(村)|学历|登记时间"
has "a good row: an empty 错误 cell, its 序号 a number, its date a date" "$tmp/show" \
	"3:|1|冯丽|330122198502020025|女|13900000001|幸福里社区|初中|2026-11-03 00:00:00"
# the cells the message names are named by their header: in the copy they moved one column
has "a bad row: its message, the cells named by their columns" "$tmp/show" \
	'4:性别: "女" in 性别 does not match the ID number in 公民身份号码, which says 男: check both, or leave the cell empty|2|陈红|330122198503150032'
has "the ID number Excel turned into a number: its message" "$tmp/show" \
	"身份证号: Excel turned the ID number into a number (3.3012219710505E+17)"
has "the rows keep their numbers: 何芳 in row 6 after the blank row 5, as in the file" "$tmp/show" "6:身份证号: Excel"
has "the rows keep their numbers: 吕萍 in row 7" "$tmp/show" "7:|4|吕萍"
has "the row of totals is kept" "$tmp/show" "8:|合计|4人"
has "the ID number and phone columns keep the text format (@)" "$tmp/show" "fmt 3 @ @"

run import residents "$tmp/台账.xlsx" --db "$db"
status_is "a real run with bad rows: exit 1" 1
has "a real run writes the copy too" "$tmp/err" "first column 错误: $copy"
[ "$(count)" = "$before" ] && ok "a real run without --skip-errors: nothing saved" || nok "a real run: nothing saved"

# ---- the clerk fixes the two rows in the copy and imports it ----------------------------------
cd "$tmp" && $PY - <<'PYEOF' || nok "the copy is fixed"
import openpyxl
wb = openpyxl.load_workbook('台账.错误.xlsx')
ws = wb.active
ws['E4'] = '男'
ws['D6'] = '330122197105050082'
wb.save('台账.错误.xlsx')
PYEOF
cd - >/dev/null
run import residents "$copy" --db "$db"
status_is "the fixed copy imports: exit 0 (its 错误 column ignored)" 0
has "the fixed copy: the four rows added" "$tmp/out" "4 added, 0 updated, 0 unchanged, 0 rejected"
row=$(sqlite3 "$db" "SELECT name || ' ' || reg_date FROM resident WHERE id_no = '330122197105050082'")
[ "$row" = "何芳 2026-11-05" ] && ok "the fixed row stored" || nok "the fixed row stored" "$row"

# ---- a copy imported again with a row still bad: its own name, not 台账.错误.错误.xlsx ----------
cd "$tmp" && $PY -c '
import openpyxl
wb = openpyxl.load_workbook("台账.错误.xlsx"); ws = wb.active
ws["D9"] = "12345"; ws["C9"] = "新人"; ws["A9"] = None; ws["B9"] = 5
wb.save("台账.错误.xlsx")' && cd - >/dev/null
run import residents "$copy" --db "$db" --dry-run
[ ! -e "$tmp/台账.错误.错误.xlsx" ] && has "a copy's own copy is the same file" "$tmp/err" "first column 错误: $copy" \
	|| nok "a copy's own copy is the same file" "$(ls "$tmp")"
show "$copy" >"$tmp/show"
lacks "the old 错误 column is not copied twice" "$tmp/show" "错误|错误"

# ---- CSV: FILE.错误.csv; --skip-errors keeps only the rows left out -----------------------------
printf '姓名,身份证号,性别,社区\n冯敏,330122199001010026,女,幸福里社区\n陈军,330122199003030039,女,幸福里社区\n' >"$tmp/名册.csv"
run import residents "$tmp/名册.csv" --db "$db" --skip-errors
status_is "--skip-errors with a bad row: exit 1" 1
c="$tmp/名册.错误.csv"
[ -f "$c" ] && [ "$(mode "$c")" = 600 ] && ok "CSV: 名册.错误.csv, mode 0600" || nok "CSV: 名册.错误.csv, mode 0600" "$(ls -l "$tmp")"
$PY -c '
import csv, sys
for r in csv.reader(open(sys.argv[1], encoding="utf-8-sig")): print("|".join(r))' "$c" >"$tmp/show"
has "CSV: the header with 错误 first" "$tmp/show" "错误|姓名|身份证号|性别|社区"
lacks "--skip-errors: the stored row is not in the copy" "$tmp/show" "冯敏"
sed -i 's/陈军,330122199003030039,女/陈军,330122199003030039,男/' "$c"
run import residents "$c" --db "$db"
has "CSV: the fixed copy imports" "$tmp/out" "1 added, 0 updated, 0 unchanged, 0 rejected"

# ---- every kind: a file of units -----------------------------------------------------------------
printf '名称,级别,上级\n新华社区,社区,不存在街道\n' >"$tmp/units.csv"
run unit import "$tmp/units.csv" --db "$db"
[ -f "$tmp/units.错误.csv" ] && has "units: the copy, said on the terminal" "$tmp/err" "first column 错误: $tmp/units.错误.csv" \
	|| nok "units: the copy" "$(cat "$tmp/err")"

# ---- a database without units: its rows wait for --create-units, and there is no row to fix ------
"$JIUYE" init --db "$tmp/empty.db" >/dev/null 2>&1 || nok "init an empty database"
printf '姓名,身份证号,社区\n王秀兰,33012219770412002X,东湖社区\n' >"$tmp/新办.csv"
run import residents "$tmp/新办.csv" --db "$tmp/empty.db" --dry-run
has "no units yet: the dry run names the communities to create" "$tmp/err" "东湖社区: 1 row"
[ ! -e "$tmp/新办.错误.csv" ] && lacks "no units yet: no copy (nothing in a row to fix), none said" "$tmp/err" "first column 错误" \
	|| nok "no units yet: no copy" "$(ls "$tmp")"
