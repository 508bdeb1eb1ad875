#!/bin/sh
# tests/cli/reportdest.sh: `jiuye report … --dest DEST`, the print dialog's destinations on the
# command line through the same core delivery: a file (or standard output), the printer at her PC
# (ESC [5i, the report in GBK with CR LF, a form feed, ESC [4i), the server's printer (a stand-in
# lp that keeps what it was given), a PDF (-o FILE.pdf), and the file to her PC by ZMODEM (a
# stand-in sz that keeps the file it was asked to send; the real sz to a real rz is
# tests/screen/zmodem.keys and tests/unit/test_zmodem.c). Her printing setting is the default; a
# bad DEST names the accepted ones. `jiuye print … --dest zmodem` the same way. Under PuTTY's
# TERM nothing is sent and the message says what to use instead; an sz that fails is said with
# its exit status.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30 TERM=xterm
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 32

db="$tmp/demo.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"

# stand-ins for lp and sz: each keeps the file it was given (its last word) and its words
mkdir -p "$tmp/bin" "$tmp/t"
cat >"$tmp/bin/lp" <<EOS
#!/bin/sh
echo "\$@" >"$tmp/lp.args"
for a; do f=\$a; done
cp "\$f" "$tmp/lp.got"
exit 0
EOS
cat >"$tmp/bin/sz" <<EOS
#!/bin/sh
echo "\$@" >"$tmp/sz.args"
for a; do f=\$a; done
cp "\$f" "$tmp/sz.got"
basename "\$f" >"$tmp/sz.name"
[ -e "$tmp/sz.fail" ] && { echo "sz: caught signal 13; exiting" >&2; exit 128; }
exit 0
EOS
chmod +x "$tmp/bin/lp" "$tmp/bin/sz"
runp() {
	PATH="$tmp/bin:$PATH" TMPDIR="$tmp/t" "$JIUYE" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
}

# ---- a file, as before ---------------------------------------------------------------------------
run report --db "$db"
status_is "report: exit 0 (her setting: the file alone)" 0
cp "$tmp/out" "$tmp/stdout.txt"
has "…the text report on standard output" "$tmp/stdout.txt" "就业服务统计报表"
run report --dest file -o "$tmp/r.txt" --db "$db"
status_is "report --dest file -o FILE: exit 0" 0
cmp -s "$tmp/r.txt" "$tmp/stdout.txt" && ok "…the file is the report standard output had" \
	|| nok "…the file is the report standard output had" "$(diff "$tmp/r.txt" "$tmp/stdout.txt" | head)"

# ---- the printer at her PC, through the terminal -------------------------------------------------
run report --dest terminal -o "$tmp/rt.txt" --db "$db"
status_is "report --dest terminal: exit 0" 0
size=$(wc -c <"$tmp/out")
[ "$(head -c 4 "$tmp/out" | od -An -c | tr -d ' ')" = '033[5i' ] \
	&& [ "$(tail -c 4 "$tmp/out" | od -An -c | tr -d ' ')" = '033[4i' ] \
	&& ok "…between ESC [5i and ESC [4i" || nok "…between ESC [5i and ESC [4i" "$(head -c 8 "$tmp/out" | od -An -c)"
tail -c +5 "$tmp/out" | head -c $((size - 8)) >"$tmp/inner.bin"
{ iconv -f UTF-8 -t GBK "$tmp/rt.txt" | sed 's/$/\r/'; printf '\f'; } >"$tmp/want.bin"
cmp -s "$tmp/inner.bin" "$tmp/want.bin" && ok "…exactly the report, in GBK with CR LF and a form feed" \
	|| nok "…exactly the report, in GBK with CR LF and a form feed" "$(cmp "$tmp/inner.bin" "$tmp/want.bin")"

# ---- the server's printer ------------------------------------------------------------------------
runp report --dest lp --db "$db"
status_is "report --dest lp: exit 0" 0
cmp -s "$tmp/lp.got" "$tmp/stdout.txt" && ok "…lp got the text report" || nok "…lp got the text report"
has "…and says so" "$tmp/err" "sent to the server's printer (lp)"
[ -z "$(ls -A "$tmp/t")" ] && ok "…no copy left in the temporary folder" || nok "…no copy left" "$(ls -A "$tmp/t")"

# ---- a PDF ---------------------------------------------------------------------------------------
run report --dest pdf -o "$tmp/r.pdf" --db "$db"
status_is "report --dest pdf -o FILE.pdf: exit 0" 0
if command -v pdftotext >/dev/null; then
	pdftotext "$tmp/r.pdf" "$tmp/r.pdf.txt"
	has "…pdftotext: the Chinese comes back" "$tmp/r.pdf.txt" "就业服务统计报表"
else
	skip_or_fail "…pdftotext: the Chinese comes back" "no pdftotext (make deps-test installs poppler-utils)"
fi
run report --dest pdf --db "$db"
status_is "--dest pdf without -o: a usage error (exit 2)" 2

# ---- to her PC by ZMODEM -------------------------------------------------------------------------
runp report --dest zmodem --db "$db"
status_is "report --dest zmodem: exit 0" 0
cmp -s "$tmp/sz.got" "$tmp/stdout.txt" && ok "…sz was given the text report" || nok "…sz was given the text report"
has "…named for the period (the name her PC saves it under)" "$tmp/sz.name" "统计报表-2024年6月.txt"
has "…and says it went" "$tmp/err" "sent to your PC (ZMODEM)"
[ -z "$(ls -A "$tmp/t")" ] && ok "…no copy left in the temporary folder" || nok "…no copy left" "$(ls -A "$tmp/t")"
runp report --dest zmodem --format xlsx --db "$db"
status_is "report --dest zmodem --format xlsx: exit 0 (a workbook needs no -o to go to her PC)" 0
[ "$(head -c 2 "$tmp/sz.got")" = "PK" ] && ok "…sz was given a workbook" || nok "…sz was given a workbook"
: >"$tmp/sz.fail"
runp report --dest zmodem --db "$db"
status_is "sz fails: exit 1" 1
has "…with its exit status and what to use instead" "$tmp/err" "sz exit status 128: sz: caught signal 13; exiting"
rm -f "$tmp/sz.fail" "$tmp/sz.got"
TERM=putty runp report --dest zmodem --db "$db"
status_is "TERM=putty: exit 1" 1
has "…PuTTY takes no ZMODEM: the printer at her PC instead" "$tmp/err" "PuTTY cannot receive files by ZMODEM"
[ ! -e "$tmp/sz.got" ] && ok "…and sz never ran" || nok "…and sz never ran"

# ---- her setting, wrong words ----------------------------------------------------------------------
run print dest lp --db "$db"
rm -f "$tmp/lp.got"
runp report --db "$db"
[ "$st" = 0 ] && cmp -s "$tmp/lp.got" "$tmp/stdout.txt" && ok "her setting lp: report goes to lp without --dest" \
	|| nok "her setting lp: report goes to lp without --dest" "exit $st" "$(cat "$tmp/err")"
rm -f "$tmp/lp.got"
runp report -o "$tmp/r2.txt" --db "$db"
[ ! -e "$tmp/lp.got" ] && [ -s "$tmp/r2.txt" ] && ok "…-o alone: the file, not lp" || nok "…-o alone: the file, not lp"
run report --dest fax --db "$db"
status_is "--dest fax: a usage error (exit 2)" 2
has "…naming the accepted ones" "$tmp/err" "file, terminal (the printer at your PC), lp (the server's), pdf or zmodem"
run report --dest lp --format csv --db "$db"
status_is "--dest lp --format csv: a usage error (exit 2)" 2

# ---- a printout to her PC ------------------------------------------------------------------------
runp print form R-000001 --dest zmodem --db "$db"
[ "$st" = 0 ] && grep -q "求职登记表" "$tmp/sz.got" && [ "$(cat "$tmp/sz.name")" = 登记表.txt ] \
	&& ok "print form --dest zmodem: sz sends 登记表.txt" \
	|| nok "print form --dest zmodem: sz sends 登记表.txt" "exit $st" "$(cat "$tmp/err")"
