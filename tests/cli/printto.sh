#!/bin/sh
# tests/cli/printto.sh: where a printout goes — `jiuye print dest [terminal|lp|file]` (a worker's
# own setting, over the office's print.dest, recorded in the audit trail) and `jiuye print … --dest`:
# the printer at her PC through the terminal (ESC [5i, the printout in print.encoding with CR LF
# line ends and a form feed after the last page, ESC [4i), the server's printer (lp, here a stand-in
# that keeps what it was given), or a file.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 34

db="$tmp/demo.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"

run print dest --db "$db"
status_is "print dest: exit 0" 0
has "print dest: the file alone at first" "$tmp/out" "file"
sqlite3 "$db" "INSERT INTO setting(key, value) VALUES ('print.dest', 'lp')"
run print dest --db "$db"
has "print dest: the office's print.dest when she has none" "$tmp/out" "lp"
run print dest terminal --db "$db"
status_is "print dest terminal: exit 0" 0
run print dest --db "$db"
has "print dest: hers from now on" "$tmp/out" "terminal"
n=$(sqlite3 "$db" "SELECT count(*) FROM history WHERE action = 'setting' AND fields LIKE 'print.dest.%'")
[ "$n" = 1 ] && ok "print dest terminal: in the audit trail" || nok "print dest terminal: in the audit trail" "$n rows"
run print dest printer --db "$db"
status_is "print dest printer: a usage error (exit 2)" 2
has "…naming what is accepted" "$tmp/err" "terminal (the printer at your PC), lp (the server's), pdf, zmodem (the file to your PC) or file"

# ---- through the terminal ----------------------------------------------------------------------
# Her setting is terminal: the printout comes on stdout between ESC [5i and ESC [4i. -o keeps the
# file it is made from, in the same run (the footer holds the time).
run print form R-000001 -o "$tmp/form.txt" --dest terminal --db "$db"
status_is "print form --dest terminal: exit 0" 0
cp "$tmp/out" "$tmp/pass.bin"
[ "$(head -c 4 "$tmp/pass.bin" | od -An -c | tr -d ' ')" = '033[5i' ] && ok "pass-through: starts ESC [5i" \
	|| nok "pass-through: starts ESC [5i" "$(head -c 8 "$tmp/pass.bin" | od -An -c)"
[ "$(tail -c 4 "$tmp/pass.bin" | od -An -c | tr -d ' ')" = '033[4i' ] && ok "pass-through: ends ESC [4i" \
	|| nok "pass-through: ends ESC [4i" "$(tail -c 8 "$tmp/pass.bin" | od -An -c)"
# what lies between, worked out here with iconv and sed: GBK, CR LF, one more form feed
size=$(wc -c <"$tmp/pass.bin")
tail -c +5 "$tmp/pass.bin" | head -c $((size - 8)) >"$tmp/inner.bin"
{ iconv -f UTF-8 -t GBK "$tmp/form.txt" | sed 's/$/\r/'; printf '\f'; } >"$tmp/want.bin"
cmp -s "$tmp/inner.bin" "$tmp/want.bin" && ok "pass-through: exactly the printout, in GBK with CR LF" \
	|| nok "pass-through: exactly the printout, in GBK with CR LF" "$(cmp "$tmp/inner.bin" "$tmp/want.bin")"
grep -q "$(printf '\315\365\320\343\300\274')" "$tmp/inner.bin" && ok "pass-through: 王秀兰 as GBK bytes" \
	|| nok "pass-through: 王秀兰 as GBK bytes"
# without -o: her setting alone sends it, and no copy is left in the temporary folder
mkdir -p "$tmp/t"
TMPDIR="$tmp/t" "$JIUYE" print slip R-000001 --db "$db" >"$tmp/out" 2>"$tmp/err"
st=$?
status_is "print slip (her setting: terminal): exit 0" 0
[ "$(head -c 4 "$tmp/out" | od -An -c | tr -d ' ')" = '033[5i' ] && ok "…on the terminal's printer" \
	|| nok "…on the terminal's printer"
[ -z "$(ls -A "$tmp/t")" ] && ok "…no copy left behind" || nok "…no copy left behind" "$(ls "$tmp/t")"

# page length and encoding from the settings: 20 lines a page, UTF-8 printer
saved=$(sqlite3 "$db" "SELECT group_concat(quote(key) || ',' || quote(value), '),(') FROM setting WHERE key IN ('print.page_lines', 'print.encoding')")
sqlite3 "$db" "INSERT OR REPLACE INTO setting(key, value) VALUES ('print.page_lines', '20'), ('print.encoding', 'UTF-8')"
run print form R-000001 -o "$tmp/form20.txt" --dest terminal --db "$db"
size=$(wc -c <"$tmp/out")
tail -c +5 "$tmp/out" | head -c $((size - 8)) >"$tmp/inner.bin"
{ sed 's/$/\r/' "$tmp/form20.txt"; printf '\f'; } >"$tmp/want.bin"
cmp -s "$tmp/inner.bin" "$tmp/want.bin" && ok "print.encoding UTF-8: the bytes as they are, CR LF" \
	|| nok "print.encoding UTF-8: the bytes as they are, CR LF"
pages=$(tr -cd '\f' <"$tmp/inner.bin" | wc -c)
long=$(awk 'BEGIN { RS = "\f" } { n = split($0, l, "\n"); if (n - 1 > 20) print n - 1 }' "$tmp/form20.txt")
[ "$pages" -ge 2 ] && [ -z "$long" ] && ok "print.page_lines 20: $pages pages of at most 20 lines, a form feed after each" \
	|| nok "print.page_lines 20: pages of at most 20 lines" "pages $pages, longer: $long"
sqlite3 "$db" "DELETE FROM setting WHERE key IN ('print.page_lines', 'print.encoding')"
[ -n "$saved" ] && sqlite3 "$db" "INSERT INTO setting(key, value) VALUES ($saved)"

# ---- the server's printer ----------------------------------------------------------------------
mkdir -p "$tmp/bin"
cat >"$tmp/bin/lp" <<EOS
#!/bin/sh
echo "\$@" >"$tmp/lp.args"
for a; do f=\$a; done
cp "\$f" "$tmp/lp.got"
[ -e "$tmp/lp.fail" ] && { echo "lp: The printer or class does not exist." >&2; exit 1; }
exit 0
EOS
chmod +x "$tmp/bin/lp"
PATH="$tmp/bin:$PATH" "$JIUYE" print form R-000001 -o "$tmp/f.txt" --dest lp --db "$db" >"$tmp/out" 2>"$tmp/err"
st=$?
status_is "print form --dest lp: exit 0" 0
has "lp -s -- FILE" "$tmp/lp.args" "-s -- $tmp/f.txt"
cmp -s "$tmp/lp.got" "$tmp/f.txt" && ok "lp got the printout" || nok "lp got the printout"
sqlite3 "$db" "INSERT INTO setting(key, value) VALUES ('print.lp_printer', 'office1')"
PATH="$tmp/bin:$PATH" "$JIUYE" print slip R-000001 -o "$tmp/s.txt" --dest lp --db "$db" >"$tmp/out" 2>"$tmp/err"
has "print.lp_printer: lp -d office1" "$tmp/lp.args" "-s -d office1 -- $tmp/s.txt"
: >"$tmp/lp.fail"
PATH="$tmp/bin:$PATH" "$JIUYE" print slip R-000001 -o "$tmp/s.txt" --dest lp --db "$db" >"$tmp/out" 2>"$tmp/err"
st=$?
status_is "lp refuses: exit 1" 1
has "…with lp's own words" "$tmp/err" "The printer or class does not exist."

# ---- a file, and wrong words ---------------------------------------------------------------------
run print form R-000001 --dest file --db "$db"
status_is "--dest file without -o: stdout, as before" 0
has "…the printout itself" "$tmp/out" "求职登记表"
lacks "…no pass-through" "$tmp/out" "$(printf '\033[5i')"
run print form R-000001 --dest fax --db "$db"
status_is "--dest fax: a usage error (exit 2)" 2

# ---- a PDF -------------------------------------------------------------------------------------------
run print form R-000001 --dest pdf -o "$tmp/form.pdf" --db "$db"
status_is "print form --dest pdf -o FILE.pdf: exit 0" 0
[ "$(head -c 5 "$tmp/form.pdf")" = "%PDF-" ] && ok "…a PDF" || nok "…a PDF" "$(head -c 16 "$tmp/form.pdf" | od -c)"
if command -v pdftotext >/dev/null; then
	pdftotext "$tmp/form.pdf" "$tmp/form.pdf.txt"
	has "pdftotext: the Chinese comes back (求职登记表)" "$tmp/form.pdf.txt" "求职登记表"
	has "pdftotext: …her name" "$tmp/form.pdf.txt" "王秀兰"
	pdffonts "$tmp/form.pdf" | tail -n +3 >"$tmp/fonts"
	if [ -s "$tmp/fonts" ] && ! grep -qv ' yes ' "$tmp/fonts"; then ok "pdffonts: every font embedded"
	else nok "pdffonts: every font embedded" "$(cat "$tmp/fonts")"; fi
else
	for c in 1 2 3; do skip_or_fail "pdftotext ($c)" "no pdftotext (make deps-test installs poppler-utils)"; done
fi
run print form R-000001 --dest pdf --db "$db"
status_is "--dest pdf without -o: a usage error (exit 2)" 2
