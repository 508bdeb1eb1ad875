#!/bin/sh
# tests/cli/export.sh: `jiuye export KIND` of every kind from the demo database as CSV (UTF-8 with a
# BOM), GBK and XLSX. The workbooks are read back with a real reader (openpyxl from Debian's
# python3-openpyxl): Chinese header, header row frozen, an ID number a text of 18 characters, a
# date a date cell, a number a number cell. The GBK files are checked with iconv. A cell GBK lacks
# is kept and named in a warning; an XLSX to stdout, an unknown format and a failed write are
# refused without leaving a file behind. Files of people (residents, referrals, enrolments) are
# exported with --purpose and start with their 内部资料 line (XLSX: a merged row, the header
# frozen below it); tests/cli/export_privacy.sh tests that line, the purpose, 0600 and the trail.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB
PY=/usr/bin/python3

. "$(dirname "$0")/lib.sh"
plan 96

db="$tmp/demo.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"

have_openpyxl=0
[ -x "$PY" ] && "$PY" -c 'import openpyxl' 2>/dev/null && have_openpyxl=1

# The file without its first line when it is a file of people: the 内部资料 line says the minute it
# was written, so two exports compare from the header on.
body() { if [ "$people" = 1 ]; then tail -n +2 "$1"; else cat "$1"; fi; }
same() { body "$1" >"$tmp/a.cmp"; body "$2" >"$tmp/b.cmp"; cmp -s "$tmp/a.cmp" "$tmp/b.cmp"; }

# kind, a file of people (1: --purpose, the 内部资料 line), rows in the demo, the worksheet name, a
# column holding an ID number or "", a date column, a number column or ""
while read -r kind people rows sheet idcol datecol numcol; do
	set --
	[ "$people" = 1 ] && set -- --purpose 上报区人社局
	# ---- CSV, UTF-8 with BOM
	run export "$kind" --db "$db" -o "$tmp/$kind.csv" "$@"
	status_is "$kind: csv export exits 0" 0
	[ "$(head -c 3 "$tmp/$kind.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] \
		&& ok "$kind: csv starts with a UTF-8 BOM" || nok "$kind: csv starts with a UTF-8 BOM"
	n=$(($(wc -l <"$tmp/$kind.csv") - 1 - people))
	[ "$n" -eq "$rows" ] && ok "$kind: csv has $rows rows" || nok "$kind: csv rows" "$n, expected $rows"
	if [ "$people" = 1 ]; then
		head -n 1 "$tmp/$kind.csv" | tail -c +4 | grep -q '^内部资料 含个人信息 导出人：.* 用途：上报区人社局' \
			&& ok "$kind: the first line says 内部资料 含个人信息, who and what for" \
			|| nok "$kind: the first line" "$(head -n 1 "$tmp/$kind.csv")"
	fi
	# the default and --format csv are the same file
	run export "$kind" --db "$db" --format csv "$@"
	same "$tmp/out" "$tmp/$kind.csv" && ok "$kind: --format csv to stdout is the same file" \
		|| nok "$kind: --format csv to stdout is the same file"

	# ---- GBK, by --format gbk and by --encoding gbk
	run export "$kind" --db "$db" --format gbk -o "$tmp/$kind.gbk.csv" "$@"
	status_is "$kind: gbk export exits 0" 0
	if iconv -f GBK -t UTF-8 "$tmp/$kind.gbk.csv" >"$tmp/$kind.gbk.utf8" 2>"$tmp/iconv.err"; then
		ok "$kind: the gbk file is GBK (iconv)"
	else
		nok "$kind: the gbk file is GBK (iconv)" "$(cat "$tmp/iconv.err")"
	fi
	tail -c +4 "$tmp/$kind.csv" >"$tmp/$kind.nobom"
	same "$tmp/$kind.nobom" "$tmp/$kind.gbk.utf8" \
		&& ok "$kind: the gbk file says what the utf-8 file says" || nok "$kind: gbk and utf-8 differ"
	run export "$kind" --db "$db" --encoding gbk -o "$tmp/$kind.enc.csv" "$@"
	same "$tmp/$kind.enc.csv" "$tmp/$kind.gbk.csv" && ok "$kind: --encoding gbk is --format gbk" \
		|| nok "$kind: --encoding gbk is --format gbk"

	# ---- XLSX: by --format xlsx, and by the name alone
	run export "$kind" --db "$db" --format xlsx -o "$tmp/$kind.book" "$@"
	status_is "$kind: xlsx export exits 0" 0
	has "$kind: says how many rows went where" "$tmp/err" "$rows"
	run export "$kind" --db "$db" -o "$tmp/$kind.xlsx" "$@"
	[ "$(head -c 2 "$tmp/$kind.xlsx")" = PK ] && ok "$kind: -o FILE.xlsx writes a workbook" \
		|| nok "$kind: -o FILE.xlsx writes a workbook"
	if [ $have_openpyxl = 0 ]; then
		must_run "$kind: xlsx read back" "no python3-openpyxl (make deps-test installs it)"
		continue
	fi
	if "$PY" - "$tmp/$kind.xlsx" "$rows" "$sheet" "$idcol" "$datecol" "$numcol" "$tmp/$kind.csv" "$people" \
		>"$tmp/py.out" 2>&1 <<'EOF'
import csv, datetime, sys, openpyxl
path, rows, sheet, idcol, datecol, numcol, csvpath, people = sys.argv[1:]
idcol, datecol, numcol = [a if a != '-' else '' for a in (idcol, datecol, numcol)]
wb = openpyxl.load_workbook(path)
assert wb.sheetnames == [sheet], wb.sheetnames
ws = wb[sheet]
data = list(ws.iter_rows(values_only=True))
with open(csvpath, encoding='utf-8-sig', newline='') as f:
    text = list(csv.reader(f))
if people == '1':
    # the 内部资料 line: a merged row above the header, frozen below it
    assert data[0][0].startswith('内部资料 含个人信息 导出人：'), data[0]
    assert text[0][0].startswith('内部资料 含个人信息 导出人：'), text[0]
    assert [str(m) for m in ws.merged_cells.ranges] == ['A1:%s1' % openpyxl.utils.get_column_letter(len(data[1]))]
    assert ws.freeze_panes == 'A3', ws.freeze_panes
    data, text = data[1:], text[1:]
    head_cell = ws['A2']
else:
    assert ws.freeze_panes == 'A2', ws.freeze_panes
    head_cell = ws['A1']
assert list(data[0]) == text[0], (data[0], text[0])
assert all(ord(c) > 0x2e7f for c in data[0][0]), 'header not Chinese: %r' % (data[0][0],)
assert head_cell.font.b, 'header not bold'
assert len(data) - 1 == int(rows), len(data)
head = list(data[0])
def column(name):
    return [r[head.index(name)] for r in data[1:]]
if idcol:
    ids = [v for v in column(idcol) if v is not None]
    assert ids and all(isinstance(v, str) and len(v) == 18 for v in ids), ids
if datecol:
    assert any(isinstance(v, datetime.datetime) for v in column(datecol)), column(datecol)
    c = ws.cell(row=2 + (people == '1') + [i for i, v in enumerate(column(datecol)) if v is not None][0],
                column=1 + head.index(datecol))
    assert c.number_format == 'yyyy-mm-dd', c.number_format
if numcol:
    nums = [v for v in column(numcol) if v is not None]
    assert nums and all(type(v) is int for v in nums), nums
# every text cell says what the CSV says (the CSV's formula guard aside)
for r, t in zip(data[1:], text[1:]):
    for v, s in zip(r, t):
        if isinstance(v, str):
            assert v == (s[1:] if s[:2] in ("'=", "'+", "'-", "'@") else s), (v, s)
print('read back')
EOF
	then ok "$kind: xlsx read back: Chinese header, frozen A2, text IDs, date and number cells"
	else nok "$kind: xlsx read back" "$(cat "$tmp/py.out")"
	fi
done <<'EOF'
residents 1 10 居民名单 身份证号 登记日期 -
employers 0 5 用人单位 - - -
jobs 0 8 岗位信息 - 发布日期 招聘人数
referrals 1 6 推荐记录 身份证号 推荐日期 -
courses 0 5 培训班 - 开班日期 学时
enrolments 1 6 培训报名 身份证号 报名日期 -
EOF

# ---- a character GBK lacks: kept (GB18030), named in a warning ----------------------------------
printf '姓名,身份证号,社区\r\n李䶮,330122198001011016,幸福里社区\r\n' >"$tmp/rare.csv"
cp "$db" "$tmp/rare.db"
run import residents "$tmp/rare.csv" --db "$tmp/rare.db"
run export residents --db "$tmp/rare.db" --format gbk -o "$tmp/rare.out.csv" --purpose 核对
status_is "a name GBK lacks: the export still succeeds" 0
has "the warning names the row, the column and the character" "$tmp/err" "姓名"
has "the warning names the character" "$tmp/err" "䶮"
iconv -f GB18030 -t UTF-8 "$tmp/rare.out.csv" 2>/dev/null | grep -q '李䶮' \
	&& ok "the file keeps it (GB18030)" || nok "the file keeps it (GB18030)"

# ---- refusals -------------------------------------------------------------------------------------
run export residents --db "$db" --format xlsx --purpose 核对
status_is "xlsx to stdout: usage error" 2
has "xlsx to stdout: says to name a file" "$tmp/err" "-o"
run export residents --db "$db" --format pdf -o "$tmp/x.pdf" --purpose 核对
status_is "--format pdf: usage error" 2
has "--format pdf: says what is accepted" "$tmp/err" "csv, gbk or xlsx"
run export residents --db "$db" --format xlsx --encoding gbk -o "$tmp/x.xlsx" --purpose 核对
status_is "xlsx with --encoding gbk: usage error" 2
[ -e "$tmp/x.xlsx" ] || [ -e "$tmp/x.pdf" ] && nok "a refused export leaves no file" || ok "a refused export leaves no file"
run export residents --db "$db" -o "$tmp/no/such/dir/x.xlsx" --purpose 核对
status_is "xlsx into a missing folder: exit 1" 1
has "says which file could not be written" "$tmp/err" "$tmp/no/such/dir/x.xlsx"
ls "$tmp"/*.tmp >/dev/null 2>&1 && nok "no temporary file is left" "$(ls "$tmp"/*.tmp)" || ok "no temporary file is left"

# ---- F7 on the resident list (tests/screen/export.keys) writes the files it says --------------------
VTH=${VTHARNESS:-$(dirname "$JIUYE")/vtharness}
screen=$(cd "$(dirname "$0")/../screen" && pwd)
if [ -x "$VTH" ]; then
	mkdir -p "$tmp/home"
	cp "$db" "$tmp/screen.db"
	# C.UTF-8: the words on screen are English, the data Chinese
	if HOME="$tmp/home" LANG=C.UTF-8 JIUYE_TODAY=2024-06-30 ASAN_OPTIONS=detect_leaks=0 \
		"$VTH" -s 80x24 -t en -t 80x24 -g "$screen/golden" "$screen/export.keys" -- "$JIUYE" --db "$tmp/screen.db" \
		>"$tmp/vth.out" 2>&1; then
		ok "F7 on the resident list: the screen script passes"
	else
		nok "F7 on the resident list: the screen script" "$(grep -v '^ok' "$tmp/vth.out" | head -n 30)"
	fi
	f="$tmp/home/居民名单.csv"
	[ "$(head -c 3 "$f" 2>/dev/null | od -An -tx1 | tr -d ' ')" = efbbbf ] && ok "F7 wrote ~/居民名单.csv, UTF-8 with a BOM" \
		|| nok "F7 wrote ~/居民名单.csv, UTF-8 with a BOM"
	n=$(($(wc -l <"$f" 2>/dev/null || echo 0) - 2))
	[ "$n" -eq 10 ] && ok "F7 wrote every resident of the list (10)" || nok "F7 rows" "$n"
	head -n 1 "$f" | grep -q '内部资料 含个人信息 导出人：.* 用途：上报区人社局 \[已脱敏\]' \
		&& ok "F7's file starts with the 内部资料 line, the purpose typed, masked" \
		|| nok "F7's file starts with the 内部资料 line" "$(head -n 1 "$f")"
	has "F7's file has the list's columns" "$f" "姓名,性别,年龄,出生日期,身份证号,联系电话,人员类别,就业状态,社区,登记日期"
	[ "$(stat -c %a "$f" 2>/dev/null)" = 600 ] && [ "$(stat -c %a "$tmp/home/王.xlsx" 2>/dev/null)" = 600 ] \
		&& ok "F7's files are 0600" || nok "F7's files are 0600" "$(stat -c %a "$f" "$tmp/home/王.xlsx" 2>&1)"
	row=$(sqlite3 -batch "$tmp/screen.db" "SELECT json_extract(changes, '\$.rows[1]') || '|' ||
		json_extract(changes, '\$.purpose[1]') || '|' || json_extract(changes, '\$.masked[1]') || '|' ||
		json_extract(changes, '\$.sha256[1]') FROM history WHERE event = 'export' AND entity = '居民名单'
		AND json_extract(changes, '\$.file[1]') = '$f'")
	[ "$row" = "10|上报区人社局|1|$(sha256sum "$f" | cut -d' ' -f1)" ] \
		&& ok "F7 is recorded: rows, purpose, masked, the file's SHA-256" || nok "F7 is recorded" "$row"
	if [ $have_openpyxl = 1 ]; then
		if "$PY" - "$tmp/home/王.xlsx" >"$tmp/py.out" 2>&1 <<'PYEOF'
import datetime, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['居民名单']
rows = list(ws.iter_rows(values_only=True))
assert rows[0][0].endswith('用途：推荐给用人单位 [已脱敏]'), rows[0]
rows = rows[1:]
assert ws.freeze_panes == 'A3' and rows[0][0] == '姓名', rows[0]
assert len(rows) == 2 and rows[1][0] == '王秀兰', rows
assert isinstance(rows[1][2], int) and isinstance(rows[1][9], datetime.datetime), rows[1]
assert isinstance(rows[1][4], str) and len(rows[1][4]) == 18, rows[1][4]
# the masked ID and the phone in the text format, the footer of a file of people
assert ws['E3'].number_format == '@' and ws['F3'].number_format == '@', (ws['E3'].number_format,)
assert ws.oddFooter.left.text == '内部资料 仅供经办使用', ws.oddFooter.left.text
PYEOF
		then ok "F7 after a search wrote only what it found (王秀兰), as a workbook"
		else nok "F7 after a search" "$(cat "$tmp/py.out")"
		fi
	else
		must_run "F7 after a search wrote only what it found, as a workbook" \
			"no python3-openpyxl (make deps-test installs it)"
	fi
else
	# as many skipped checks as the block above runs, so that the plan holds either way
	for what in "the screen script passes" "wrote ~/居民名单.csv, UTF-8 with a BOM" \
		"wrote every resident of the list" "its file starts with the 内部资料 line" \
		"its file has the list's columns" "its files are 0600" "it is recorded in the trail" \
		"after a search it wrote only what it found, as a workbook"; do
		must_run "F7 on the resident list: $what" "no $VTH (make build/asan/vtharness)"
	done
fi
