#!/bin/sh
# tests/cli/print.sh: `jiuye print form|slip ID_NUMBER_OR_REG_NO [-o FILE]`, a resident's
# registration form and confirmation slip as text: to stdout or a file, found by ID number (as
# workers type it: lowercase x, full-width digits) or registration number; every line within the
# page (print.page_cols), ASCII boxes; the full ID number on the form, masked on the slip; one-line
# errors that name what is wrong, exit 1 for a resident not found, 2 for wrong words.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the demo's dates (and its ID numbers, built from shifted birth dates) are those of 2024-06-30
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 56
one_line() {
	if [ "$(wc -l <"$tmp/err")" -le 2 ] && [ -s "$tmp/err" ]; then ok "$1"; else nok "$1" "$(cat "$tmp/err")"; fi
}
# Every line at most $2 columns (a Chinese character is two), no box-drawing characters.
fits() {
	wide=$(tr -d '\f' <"$3" | while IFS= read -r l; do
		w=$(printf '%s' "$l" | wc -L)
		[ "$w" -gt "$2" ] && echo "$w: $l"
	done)
	if [ -z "$wide" ] && ! grep -q "$(printf '\342\224\|\342\225')" "$3"; then ok "$1"; else nok "$1" "$wide"; fi
}

db="$tmp/demo.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
id=$(sqlite3 "$db" "SELECT id_no FROM resident WHERE reg_no = 'R-000001'")
name=$(sqlite3 "$db" "SELECT name FROM resident WHERE reg_no = 'R-000001'")
masked=$(echo "$id" | sed 's/^\(......\)........\(....\)$/\1********\2/')

# ---- the form ---------------------------------------------------------------------------------------
run print form R-000001 --db "$db"
status_is "print form R-000001: exit 0, to stdout" 0
cp "$tmp/out" "$tmp/form.txt"
has "form: titled 求职登记表" "$tmp/form.txt" "求职登记表"
has "form: her name" "$tmp/form.txt" "$name"
has "form: the full ID number (the office's record)" "$tmp/form.txt" "$id"
has "form: the registration number" "$tmp/form.txt" "R-000001"
has "form: the fields in the paper form's order" "$tmp/form.txt" "| 姓名 "
if [ "$(grep -o '姓名\|身份证号\|文化程度\|地址\|人员类别\|求职意向\|持有证书\|登记日期\|经办人' "$tmp/form.txt" | tr '\n' ' ')" = \
     "姓名 身份证号 文化程度 地址 人员类别 求职意向 持有证书 登记日期 经办人 经办人 " ]; then
	ok "form: 姓名 ... 身份证号 ... 地址 ... 求职意向 ... 登记日期 ... 经办人 in that order"
else
	nok "form: fields in order" "$(grep -o '姓名\|身份证号\|文化程度\|地址\|人员类别\|求职意向\|持有证书\|登记日期\|经办人' "$tmp/form.txt" | tr '\n' ' ')"
fi
has "form: ASCII boxes" "$tmp/form.txt" "+--------------+"
has "form: the applicant signs" "$tmp/form.txt" "申请人签字："
has "form: 仅供本人/经办使用 in the footer" "$tmp/form.txt" "仅供本人/经办使用"
fits "form: every line within 80 columns" 80 "$tmp/form.txt"

# ---- the slip, by ID number as workers type it ------------------------------------------------------
lower=$(echo "$id" | tr X x)
run print slip "$lower" --db "$db" -o "$tmp/slip.txt"
status_is "print slip ID -o FILE: exit 0" 0
has "print slip -o: says where the file is" "$tmp/err" "$tmp/slip.txt"
has "slip: titled 业务办理确认单" "$tmp/slip.txt" "业务办理确认单"
has "slip: what was done" "$tmp/slip.txt" "求职登记"
has "slip: the registration number" "$tmp/slip.txt" "R-000001"
has "slip: the ID number masked, first 6 + last 4" "$tmp/slip.txt" "$masked"
lacks "slip: never the whole ID number" "$tmp/slip.txt" "$id"
has "slip: what to bring next time" "$tmp/slip.txt" "下次请携带"
has "slip: which office" "$tmp/slip.txt" "劳动保障工作站"
has "slip: the applicant's signature line" "$tmp/slip.txt" "申请人签字："
has "slip: the worker's signature line" "$tmp/slip.txt" "经办人签字："
fits "slip: every line within 80 columns" 80 "$tmp/slip.txt"
fw=$(echo "$id" | sed 's/0/０/g; s/1/１/g; s/2/２/g; s/3/３/g; s/4/４/g; s/5/５/g; s/6/６/g; s/7/７/g; s/8/８/g; s/9/９/g; s/X/Ｘ/g')
run print slip "$fw" --db "$db"
status_is "print slip with a full-width ID number: exit 0" 0

# ---- a narrow and a wide page ---------------------------------------------------------------------
for cols in 60 132; do
	sqlite3 "$db" "INSERT OR REPLACE INTO setting(key, value) VALUES ('print.page_cols', '$cols')"
	"$JIUYE" print form R-000002 --db "$db" >"$tmp/f$cols.txt" 2>/dev/null
	fits "form on a $cols-column page: every line within it" "$cols" "$tmp/f$cols.txt"
	"$JIUYE" print slip R-000002 --db "$db" >"$tmp/s$cols.txt" 2>/dev/null
	fits "slip on a $cols-column page: every line within it" "$cols" "$tmp/s$cols.txt"
done

# ---- errors ---------------------------------------------------------------------------------------
run print form R-999999 --db "$db"
status_is "print form R-999999: exit 1" 1
has "print: an unknown registration number is named" "$tmp/err" "R-999999"
one_line "print: one line when not found"
run print form 110101199001010015 --db "$db"
status_is "print: an ID number not in the registry: exit 1" 1
lacks "print: the ID number is not echoed (privacy)" "$tmp/err" "110101199001010015"
run print form 110101199001010011 --db "$db"
status_is "print: a mistyped ID number: exit 1" 1
has "print: says which check character was expected" "$tmp/err" "check character"
run print letter R-000001 --db "$db"
status_is "print letter: exit 2" 2
has "print letter: names what is accepted" "$tmp/err" "form"
run print form --db "$db"
status_is "print form without a resident: exit 2" 2
one_line "print form without a resident: one line and the hint"
run print --db "$db"
status_is "print alone: exit 2" 2
run print form R-000001 R-000002 --db "$db"
status_is "print with two residents: exit 2" 2
run print form R-000001 --db "$db" -o "$tmp/no/such/dir/form.txt"
status_is "print -o into a missing directory: exit 1" 1
has "print -o: names the file it could not write" "$tmp/err" "no/such/dir/form.txt"

# ---- a database that fails: said, exit 1, no form with a part left out ------------------------
broken="$tmp/broken.db"
cp "$db" "$broken"
sqlite3 "$broken" "ALTER TABLE certificate RENAME TO certificate_gone"
run print form R-000001 --db "$broken"
status_is "print form, the certificates unreadable: exit 1" 1
has "print form, the certificates unreadable: says why" "$tmp/err" "no such table: certificate"
if [ -s "$tmp/out" ]; then nok "print form, certificates unreadable: no form" "$(cat "$tmp/out")"
else ok "print form, certificates unreadable: no form"; fi
sqlite3 "$broken" "ALTER TABLE certificate_gone RENAME TO certificate"
sqlite3 "$broken" "ALTER TABLE setting RENAME TO setting_gone"
run print slip R-000001 --db "$broken"
status_is "print slip, the settings unreadable: exit 1 (not the default page size)" 1
has "print slip, the settings unreadable: says why" "$tmp/err" "no such table: setting"
# ---- a clerk learns nothing of residents outside her communities ------------------------------------
# The worker is the real user id: as root the clerk is played by the account nobody (setpriv),
# scoped to 幸福里社区. 陈美玲 lives in 红星村: her ID number and registration number are answered as
# an ID number and a registration number nobody has, word for word.
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
	skip_rest 8 "a clerk's print of another community" "not root, or no setpriv or nobody"
	exit 0
fi
"$JIUYE" worker add nobody --role clerk --scope 幸福里社区 --db "$db" >/dev/null 2>&1 ||
	nok "worker add nobody"
chmod 1777 "$tmp"
chmod 666 "$db"*
# The build tree may sit in a folder the account nobody cannot enter (a fresh clone in a 0700
# temporary folder): she runs copies from the test's own folder.
wbin="$tmp/jiuye-as-worker"
cp "$JIUYE" "$wbin" && chmod 755 "$wbin"
as_nobody() { # run ARGS... as the clerk
	setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups env HOME="$tmp" \
		"$wbin" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
}
chen=$(sqlite3 "$db" "SELECT id_no FROM resident WHERE name = '陈美玲'")
chen_reg=$(sqlite3 "$db" "SELECT reg_no FROM resident WHERE name = '陈美玲'")
as_nobody print form "$chen" --db "$db"
status_is "clerk: print form of 陈美玲 (红星村) by ID number: exit 1" 1
cp "$tmp/err" "$tmp/err.chen"
lacks "clerk: ... not 'belongs to a community outside'" "$tmp/err.chen" "outside"
lacks "clerk: ... nor the number itself" "$tmp/err.chen" "$chen"
as_nobody print form 11010519491231002X --db "$db"
status_is "clerk: print form of an ID number nobody has: exit 1" 1
if cmp -s "$tmp/err" "$tmp/err.chen"; then ok "clerk: the two answers are the same, word for word"
else nok "clerk: the two answers are the same, word for word" "$(cat "$tmp/err.chen" "$tmp/err")"; fi
as_nobody print slip "$chen_reg" --db "$db"
status_is "clerk: print slip by 陈美玲's registration number: exit 1" 1
sed "s/$chen_reg/R-999999/" "$tmp/err" >"$tmp/err.chen"
as_nobody print slip R-999999 --db "$db"
if cmp -s "$tmp/err" "$tmp/err.chen"; then ok "clerk: ... answered as a registration number nobody has"
else nok "clerk: ... answered as a registration number nobody has" "$(cat "$tmp/err.chen" "$tmp/err")"; fi
as_nobody print form R-000001 --db "$db"
status_is "clerk: her own community's resident prints" 0
