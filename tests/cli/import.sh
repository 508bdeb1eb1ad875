#!/bin/sh
# tests/cli/import.sh: `jiuye import residents` and `jiuye export residents` with the files Chinese
# offices really have: Excel's CRLF and quoting, UTF-8 with and without BOM, GBK, UTF-16, ID numbers
# Excel mangled, duplicates, updates that must not erase, unknown columns, dry runs, round trips.
# Fixtures are in tests/cli/data/ (the BOM, GBK and UTF-16 forms are made from them here).
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
data=$(cd "$(dirname "$0")" && pwd)/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 103

# run ARGS…: jiuye's stdout in $tmp/out, stderr in $tmp/err, exit status in $st
same() { # name, file, file: equal after the first line (the 内部资料 line holds the minute written)
	tail -n +2 "$2" >"$tmp/same.a"
	tail -n +2 "$3" >"$tmp/same.b"
	if cmp -s "$tmp/same.a" "$tmp/same.b"; then ok "$1"; else nok "$1" "$(diff "$2" "$3" | head -n 10)"; fi
}
# newdb NAME: a fresh demo database in $db (it has the communities 幸福里社区, 建设社区, 南门社区,
# 新华社区 …).
newdb() {
	db="$tmp/$1.db"
	rm -f "$db" "$db-wal" "$db-shm"
	"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo $1"
}
export_to() { # db, file
	"$JIUYE" export residents --purpose 核对 --db "$1" -o "$2" 2>/dev/null
}

newdb demo
demo=$db
export_to "$demo" "$tmp/demo.csv"

# ---- a good file, as Excel saves it ------------------------------------------------------------
newdb good
run import residents "$data/residents_good.csv" --db "$db"
status_is "good UTF-8 file: exit 0" 0
has "good UTF-8 file: summary counts 4 added (the ,,,, rows Excel leaves are not rows)" "$tmp/out" \
	"import residents_good.csv: 4 added, 0 updated, 0 unchanged, 0 rejected"
[ ! -s "$tmp/err" ] && ok "good UTF-8 file: nothing on stderr" || nok "good UTF-8 file: nothing on stderr" "$(cat "$tmp/err")"
export_to "$db" "$tmp/good.csv"
[ "$(wc -l <"$tmp/good.csv")" -eq 16 ] && ok "export holds the 内部资料 line, the header, 10 demo and 4 imported residents" \
	|| nok "export row count" "$(wc -l <"$tmp/good.csv")"
has "codes and aliases stored as codes, exported as labels (大专 → 大学专科, several categories)" "$tmp/good.csv" \
	"刘晓燕,320102198007220049,0571-87654321,建设社区,建设社区8栋2单元101,大学专科,\"收银, 理货\",下岗职工、单亲家庭,失业,2024-03-10,超市收银,周末不便"
has "lowercase x stored as X; 2024/3/12 as 2024-03-12; a doubled quote kept" "$tmp/good.csv" \
	"孙丽,32010219780315018X,,南门社区,,高中,,,灵活就业,2024-03-12,,\"说\"\"想做月嫂\"\"\""
has "a community by its code; a line break in a cell; 2024年3月15日" "$tmp/good.csv" \
	"周芳,320104199002140020,13712345604,新华社区,新华社区2栋 3单元501,研究生及以上,办公软件,高校毕业生,失业,2024-03-15,文员,"

# ---- the same file with a BOM, in GBK, in UTF-16: the same registry ---------------------------
printf '\357\273\277' >"$tmp/bom.csv"
cat "$data/residents_good.csv" >>"$tmp/bom.csv"
newdb bom
run import residents "$tmp/bom.csv" --db "$db"
status_is "UTF-8 with BOM: exit 0" 0
export_to "$db" "$tmp/bom_export.csv"
same "UTF-8 with BOM imports exactly as without" "$tmp/good.csv" "$tmp/bom_export.csv"

if iconv -f UTF-8 -t GB18030 "$data/residents_good.csv" >"$tmp/gbk.csv" 2>/dev/null; then
	if iconv -f UTF-8 -t UTF-8 "$tmp/gbk.csv" >/dev/null 2>&1; then
		nok "the GBK fixture is not UTF-8"
	else
		ok "the GBK fixture is not UTF-8"
	fi
	newdb gbk
	run import residents "$tmp/gbk.csv" --db "$db"
	status_is "GBK (Excel's plain CSV on a Chinese Windows): exit 0" 0
	has "GBK: 4 added" "$tmp/out" "4 added, 0 updated, 0 unchanged, 0 rejected"
	export_to "$db" "$tmp/gbk_export.csv"
	same "GBK imports exactly as UTF-8" "$tmp/good.csv" "$tmp/gbk_export.csv"
else
	nok "iconv can write GB18030"
fi

# Excel's "Unicode text": UTF-16LE with a BOM, tab-separated.
printf '姓名\t身份证号\t社区\r\n吴桂英\t32010519681130004X\t幸福里社区\r\n' | iconv -f UTF-8 -t UTF-16LE >"$tmp/u16.body"
printf '\377\376' | cat - "$tmp/u16.body" >"$tmp/u16.txt"
newdb u16
run import residents "$tmp/u16.txt" --db "$db"
status_is "UTF-16 tab-separated (Excel's Unicode text): exit 0" 0
has "UTF-16 tab-separated: 1 added" "$tmp/out" "1 added"

# English headers, LF, another column order.
newdb english
run import residents "$data/residents_english.csv" --db "$db"
status_is "English column names in any order: exit 0" 0
export_to "$db" "$tmp/english.csv"
has "English column names: values land in the right columns" "$tmp/english.csv" \
	"郑秀梅,320106198301010021,13812345606,建设社区,,中专,"
has "a cell that Excel would run as a formula is exported as text ('=1+2)" "$tmp/english.csv" ",'=1+2"
run import residents "$tmp/english.csv" --db "$db"
has "… and imports back as it was" "$tmp/out" "0 added, 0 updated, 11 unchanged, 0 rejected"

# ---- bad ID numbers ----------------------------------------------------------------------------
newdb badid
run import residents "$data/residents_bad_id.csv" --db "$db"
status_is "bad ID numbers: exit 1" 1
has "wrong check character: file, row, column and the expected character" "$tmp/err" \
	"residents_bad_id.csv:3: 身份证号: check character should be 1, not 2"
has "Excel number form (3.20102E+17): its own message" "$tmp/err" \
	"residents_bad_id.csv:4: 身份证号: Excel turned the ID number into a number (3.20102E+17)"
has "Excel number form: says how to fix it (format the column as text)" "$tmp/err" "format the column as text"
has "old 15-digit ID number: said so" "$tmp/err" "residents_bad_id.csv:5: 身份证号: this is an old 15-digit ID number"
lacks "the good row is not reported" "$tmp/err" "residents_bad_id.csv:2:"
has "bad rows: the summary says nothing was imported" "$tmp/out" "0 added, 0 updated, 0 unchanged, 3 rejected"
has "bad rows: one closing line naming the file" "$tmp/err" "residents_bad_id.csv: 3 bad rows, nothing was imported"
export_to "$db" "$tmp/badid.csv"
same "bad rows without --skip-errors: nothing stored (not even the good row)" "$tmp/demo.csv" "$tmp/badid.csv"

run import residents "$data/residents_bad_id.csv" --skip-errors --db "$db"
status_is "--skip-errors: exit 1, the file was not imported whole" 1
has "--skip-errors: the good row is added, the bad ones counted" "$tmp/out" "1 added, 0 updated, 0 unchanged, 3 rejected"
has "--skip-errors: the last line says how many rows were left out and imported" "$tmp/err" \
	"jiuye: residents_bad_id.csv: 3 bad rows were left out and the other 1 imported: fix them and import them again"
has "--skip-errors: the bad rows are still reported" "$tmp/err" "residents_bad_id.csv:4: 身份证号:"
export_to "$db" "$tmp/skip.csv"
has "--skip-errors: the good row is stored" "$tmp/skip.csv" "吴桂英,32010519681130004X,13612345605,幸福里社区"
lacks "--skip-errors: the bad rows are not" "$tmp/skip.csv" "郑秀梅"

# ---- duplicates --------------------------------------------------------------------------------
newdb dup
run import residents "$data/residents_dup.csv" --db "$db"
status_is "the same ID number twice in a file: exit 1" 1
has "the second row names the first" "$tmp/err" \
	"residents_dup.csv:4: 身份证号: 32010519681130004X is also in row 2"
export_to "$db" "$tmp/dup.csv"
same "duplicate in the file: nothing stored" "$tmp/demo.csv" "$tmp/dup.csv"

newdb update
"$JIUYE" import residents "$data/residents_good.csv" --db "$db" >/dev/null 2>&1
export_to "$db" "$tmp/before_update.csv"
run import residents "$data/residents_update.csv" --dry-run --db "$db"
status_is "--dry-run: exit 0" 0
has "--dry-run: counts what a real run would do, and says it is a dry run" "$tmp/out" \
	"import residents_update.csv (dry run, nothing saved): 1 added, 1 updated, 1 unchanged, 0 rejected"
export_to "$db" "$tmp/after_dry.csv"
same "--dry-run changes nothing" "$tmp/before_update.csv" "$tmp/after_dry.csv"
run import residents "$data/residents_bad_id.csv" --dry-run --db "$db"
status_is "--dry-run of a bad file: exit 1" 1
export_to "$db" "$tmp/after_dry2.csv"
same "--dry-run of a bad file changes nothing" "$tmp/before_update.csv" "$tmp/after_dry2.csv"

run import residents "$data/residents_update.csv" --db "$db"
status_is "an ID number already registered: exit 0" 0
has "registered ID numbers update, identical rows count as unchanged" "$tmp/out" \
	"1 added, 1 updated, 1 unchanged, 0 rejected"
export_to "$db" "$tmp/updated.csv"
has "update: new values stored, empty cells erase nothing" "$tmp/updated.csv" \
	"陈美玲,320102197803150024,13912345699,幸福里社区,幸福里社区5栋1单元302,初中,家政,4050人员、低保对象,灵活就业,2024-03-05,家政保洁,"
has "update: a row repeating the stored values changes nothing" "$tmp/updated.csv" \
	"刘晓燕,320102198007220049,0571-87654321,建设社区,建设社区8栋2单元101,大学专科,\"收银, 理货\",下岗职工、单亲家庭,失业,2024-03-10,超市收银,周末不便"
[ "$(grep -c 320102197803150024 "$tmp/updated.csv")" -eq 1 ] && ok "update: still one resident per ID number" \
	|| nok "update: still one resident per ID number" "$(cat "$tmp/updated.csv")"
run import residents "$data/residents_update.csv" --db "$db"
has "importing the same file again: everything unchanged" "$tmp/out" "0 added, 0 updated, 3 unchanged, 0 rejected"

# ---- every bad cell, with what is accepted ----------------------------------------------------
newdb cells
run import residents "$data/residents_bad_cells.csv" --db "$db"
status_is "several bad cells: exit 1" 1
has "bad phone: what is accepted" "$tmp/err" "residents_bad_cells.csv:3: 联系电话: \"123\" is not a phone number; use an 11-digit mobile number"
has "unknown community: the communities accepted" "$tmp/err" "residents_bad_cells.csv:3: 社区: \"光明社区\" is not a community of this office; accepted: 幸福里社区"
has "unknown education: the labels accepted" "$tmp/err" "residents_bad_cells.csv:3: 文化程度: \"大专科\" is not in the list; accepted: 研究生及以上"
has "impossible date: why" "$tmp/err" "residents_bad_cells.csv:3: 登记日期:"
[ "$(grep -c '^.*residents_bad_cells.csv:3: ' "$tmp/err")" -eq 4 ] && ok "each bad cell of a row on a line of its own" \
	|| nok "each bad cell of a row on a line of its own" "$(cat "$tmp/err")"

run import residents "$data/residents_multiline.csv" --db "$db"
has "a line break inside a cell does not shift the row number" "$tmp/err" "residents_multiline.csv:3: 就业状态: \"待岗\" is not in the list"
lacks "… the row is not counted by file lines" "$tmp/err" "residents_multiline.csv:4:"

run import residents "$data/residents_derived.csv" --db "$db"
status_is "性别 column that contradicts the ID number: exit 1" 1
has "性别 is checked against the ID number" "$tmp/err" "residents_derived.csv:3: 性别: \"女\" does not match the ID number, which says 男"
lacks "性别 and 出生日期 that agree are accepted" "$tmp/err" "residents_derived.csv:2:"

# ---- the header row ----------------------------------------------------------------------------
run import residents "$data/residents_unknown_column.csv" --db "$db"
status_is "an unknown column: exit 1" 1
has "an unknown column: named, with the columns accepted" "$tmp/err" \
	"residents_unknown_column.csv:1: 职业: unknown column; accepted: 姓名, 身份证号, 联系电话"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && ok "an unknown column: one line" || nok "an unknown column: one line" "$(cat "$tmp/err")"
run import residents "$data/residents_no_id_column.csv" --db "$db"
status_is "no 身份证号 column: exit 1" 1
has "no 身份证号 column: said so" "$tmp/err" "residents_no_id_column.csv:1: 身份证号: the column is missing"
export_to "$db" "$tmp/cells.csv"
same "bad files store nothing" "$tmp/demo.csv" "$tmp/cells.csv"

# ---- Excel's text forms: '320102… and ="320102…" ----------------------------------------------
newdb forms
run import residents "$data/residents_text_forms.csv" --db "$db"
status_is "leading apostrophe and =\"…\": exit 0" 0
export_to "$db" "$tmp/forms.csv"
has "a leading apostrophe is taken off ID number and phone" "$tmp/forms.csv" "吴桂英,32010519681130004X,13612345605,"
has "the =\"…\" form is taken off ID number and phone" "$tmp/forms.csv" "郑秀梅,320106198301010021,13812345606,"

# ---- files that are not what they should be ----------------------------------------------------
run import residents "$data/residents_broken_quote.csv" --db "$db"
status_is "a quote never closed: exit 1" 1
has "a quote never closed: file, row and what to do" "$tmp/err" "residents_broken_quote.csv:2: a quoted cell is not closed"
printf 'PK\003\004\024\000\006\000rest of a workbook' >"$tmp/居民.xlsx"
run import residents "$tmp/居民.xlsx" --db "$db"
status_is "a workbook instead of CSV: exit 1" 1
has "a workbook instead of CSV: says to save as CSV" "$tmp/err" "Save As"
printf '姓名,身份证号\n\201\040\377\n' >"$tmp/binary.csv"
run import residents "$tmp/binary.csv" --db "$db"
status_is "neither UTF-8 nor GBK: exit 1" 1
has "neither UTF-8 nor GBK: said so" "$tmp/err" "binary.csv: not UTF-8 or GBK text"
run import residents "$tmp/nonexistent.csv" --db "$db"
status_is "a missing file: exit 1" 1
has "a missing file: named" "$tmp/err" "nonexistent.csv"
: >"$tmp/empty.csv"
run import residents "$tmp/empty.csv" --db "$db"
status_is "an empty file: exit 1" 1
has "an empty file: says what the first row must hold" "$tmp/err" "empty.csv: the file is empty"
run import residents --db "$db"
status_is "import without a file: usage error (exit 2)" 2
run import people "$data/residents_good.csv" --db "$db"
status_is "import of an unknown kind: usage error (exit 2)" 2
run export residents extra --purpose 核对 --db "$db"
status_is "export with an extra word: usage error (exit 2)" 2

# ---- export → import round trip ----------------------------------------------------------------
head -c 3 "$tmp/good.csv" | od -An -tx1 | tr -d ' \n' >"$tmp/bom"
[ "$(cat "$tmp/bom")" = "efbbbf" ] && ok "export starts with a UTF-8 BOM" || nok "export starts with a UTF-8 BOM" "$(cat "$tmp/bom")"
[ "$(grep -c "$(printf '\r')\$" "$tmp/good.csv")" -eq 16 ] && ok "export ends every line with CRLF" || nok "export ends every line with CRLF"
has "export header: the importer's columns, Chinese labels" "$tmp/good.csv" \
	"姓名,身份证号,联系电话,社区,地址,文化程度,技能特长,人员类别,就业状态,登记日期,求职意向,备注"
newdb good
"$JIUYE" import residents "$data/residents_good.csv" --db "$db" >/dev/null 2>&1
run export residents --purpose 核对 --format csv --db "$db"
status_is "export to stdout: exit 0" 0
same "export to stdout and to -o FILE are the same" "$tmp/good.csv" "$tmp/out"
ls "$tmp"/good.csv.tmp >/dev/null 2>&1 && nok "export leaves no temporary file" || ok "export leaves no temporary file"

run import residents "$tmp/good.csv" --db "$db"
has "importing an export into its own database: all unchanged" "$tmp/out" "0 added, 0 updated, 14 unchanged, 0 rejected"

if command -v sqlite3 >/dev/null; then
	"$JIUYE" init --db "$tmp/empty.db" >/dev/null 2>&1
	sqlite3 "$tmp/empty.db" "ATTACH '$demo' AS d; INSERT INTO unit SELECT * FROM d.unit;"
	run import residents "$tmp/good.csv" --db "$tmp/empty.db"
	status_is "export imported into an empty database: exit 0" 0
	has "export imported into an empty database: every row added" "$tmp/out" "14 added, 0 updated, 0 unchanged, 0 rejected"
	export_to "$tmp/empty.db" "$tmp/roundtrip.csv"
	same "export → import → export gives the same bytes" "$tmp/good.csv" "$tmp/roundtrip.csv"
else
	nok "sqlite3 is installed (make deps-test)"
fi

# --db anywhere and JIUYE_DB, for import and export.
newdb env
run --db "$db" import residents "$data/residents_english.csv"
has "--db before the command" "$tmp/out" "1 added"
JIUYE_DB="$db" "$JIUYE" export residents --purpose 核对 --format csv >"$tmp/env.csv" 2>/dev/null
has "JIUYE_DB sets the database to export" "$tmp/env.csv" "郑秀梅,320106198301010021"

# ---- masked phones -----------------------------------------------------------------------------
# README: the importers refuse masked numbers. 138****0206 is how a clerk's list shows 赵春梅's
# stored 13800000206: not kept as "unchanged" but that row's error on 联系电话.
newdb masked
zhao=$(sqlite3 "$db" "SELECT id_no FROM resident WHERE name = '赵春梅'")
zphone=$(sqlite3 "$db" "SELECT phone FROM resident WHERE name = '赵春梅'")
zmasked=$(echo "$zphone" | sed 's/^\(...\)....\(....\)$/\1****\2/')
printf '姓名,身份证号,联系电话\n赵春梅,%s,%s\n' "$zhao" "$zmasked" >"$tmp/masked.csv"
run import residents "$tmp/masked.csv" --db "$db"
status_is "a masked phone, the mask of the stored one: exit 1" 1
has "... that row's error naming 联系电话" "$tmp/err" "masked.csv:2: 联系电话: a partly hidden number (with *) cannot be imported"
has "... not counted as unchanged" "$tmp/out" "0 unchanged, 1 rejected"
[ "$(sqlite3 "$db" "SELECT phone FROM resident WHERE name = '赵春梅'")" = "$zphone" ] &&
	ok "... the stored number stays" || nok "... the stored number stays"

# ---- a clerk's change for the reviewer -----------------------------------------------------------
# The worker is the real user id: as root the clerk is played by the account nobody (setpriv). Her
# change of 王秀兰's 人员类别 waits for a reviewer: the row says so and is counted as queued for
# review, not as unchanged.
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
	skip_rest 6 "a clerk's import queued for review" "not root, or no setpriv or nobody"
	exit 0
fi
newdb queued
"$JIUYE" worker add nobody --role clerk --scope 幸福里社区 --db "$db" >/dev/null 2>&1 || nok "worker add nobody"
chmod 1777 "$tmp"
chmod 666 "$db"*
wang=$(sqlite3 "$db" "SELECT id_no FROM resident WHERE name = '王秀兰'")
printf '姓名,身份证号,人员类别\n王秀兰,%s,下岗职工、低保\n' "$wang" >"$tmp/cat.csv"
chmod 644 "$tmp/cat.csv"
# The build tree may sit in a folder the account nobody cannot enter (a fresh clone in a 0700
# temporary folder): she runs copies from the test's own folder.
wbin="$tmp/jiuye-as-worker"
cp "$JIUYE" "$wbin" && chmod 755 "$wbin"
as_nobody() { # run ARGS... as the clerk
	setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups env HOME="$tmp" \
		"$wbin" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
}
as_nobody import residents "$tmp/cat.csv" --dry-run --db "$db"
status_is "clerk: a change of 人员类别, dry run: exit 0" 0
has "clerk: ... counted as queued for review" "$tmp/out" \
	"import cat.csv (dry run, nothing saved): 0 added, 0 updated, 0 unchanged, 1 queued for review, 0 rejected"
as_nobody import residents "$tmp/cat.csv" --db "$db"
status_is "clerk: a change of 人员类别: exit 0" 0
has "clerk: ... counted as queued for review" "$tmp/out" "0 unchanged, 1 queued for review, 0 rejected"
has "clerk: ... the row says it waits for a reviewer" "$tmp/err" \
	"cat.csv:2: 人员类别: saved; the change of 人员类别 waits for a reviewer's approval"
[ "$(sqlite3 "$db" "SELECT count(*) FROM pending_change WHERE state = 'pending'")" = 1 ] &&
	ok "clerk: ... one request waits" || nok "clerk: ... one request waits"
