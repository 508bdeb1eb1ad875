#!/bin/sh
# tests/cli/charset.sh: the command line on a GBK or GB18030 terminal (older Xshell set-ups): what it
# says comes in the terminal's character set, the words typed there (登记表, a purpose) are read in
# it, a file's bytes on stdout stay what their format says, and --help fits 80 columns in both
# languages. Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB LC_ALL LANGUAGE

. "$(dirname "$0")/lib.sh"
plan 30

# at most 80 columns, a Chinese character two (the file is UTF-8)
fits80() {
	wide=$(python3 -c '
import sys, unicodedata
for l in open(sys.argv[1], encoding="utf-8"):
    l = l.rstrip("\n")
    w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l)
    if w > 80: print(w, l)' "$2")
	if [ -z "$wide" ]; then ok "$1"; else nok "$1" "$wide"; fi
}

db="$tmp/demo.db"
LANG=C.UTF-8 "$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"

LANG=C.UTF-8 "$JIUYE" --help >"$tmp/help.en" 2>&1
fits80 "--help in English fits 80 columns" "$tmp/help.en"
has "--help in English names the commands" "$tmp/help.en" "jiuye export residents --purpose TEXT"
if locale -a 2>/dev/null | grep -qi '^zh_CN.utf8$'; then
	LANG=zh_CN.UTF-8 "$JIUYE" --help >"$tmp/help.zh" 2>&1
	fits80 "--help in Chinese fits 80 columns" "$tmp/help.zh"
	has "--help in Chinese is Chinese" "$tmp/help.zh" "用法："
else
	skip_or_fail "--help in Chinese fits 80 columns" "the zh_CN.UTF-8 locale is missing (make deps-test)"
	skip_or_fail "--help in Chinese is Chinese" "the zh_CN.UTF-8 locale is missing (make deps-test)"
fi

# 用法 in GBK and GB18030 (the same two bytes each: 用 D3 C3, 法 B7 A8); 登记表 in GBK:
# 登 B5 C7, 记 BC C7, 表 B1 ED
usage_gbk=$(printf '\323\303\267\250')
form_gbk=$(printf '\265\307\274\307\261\355')
for loc in zh_CN.GBK zh_CN.GB18030; do
	if ! locale -a 2>/dev/null | grep -qix "$loc"; then
		i=0
		while [ $i -lt 13 ]; do     # as many as the checks below
			skip_or_fail "the command line in $loc ($((i + 1)))" "the $loc locale is missing (make deps-test)"
			i=$((i + 1))
		done
		continue
	fi
	cs=${loc#zh_CN.}
	LANG=$loc "$JIUYE" --help >"$tmp/help.$cs" 2>&1
	has "$loc: --help in the terminal's set (用法 as $cs bytes)" "$tmp/help.$cs" "$usage_gbk"
	if iconv -f "$cs" -t UTF-8 "$tmp/help.$cs" >"$tmp/help.$cs.utf8" 2>/dev/null; then
		ok "$loc: --help is all $cs"
	else
		nok "$loc: --help is all $cs" "$(od -c "$tmp/help.$cs" | head -5)"
	fi
	cmp -s "$tmp/help.$cs.utf8" "$tmp/help.zh" && ok "$loc: --help says what zh_CN.UTF-8 says" \
		|| nok "$loc: --help says what zh_CN.UTF-8 says" "$(diff "$tmp/help.$cs.utf8" "$tmp/help.zh" | head)"
	# an error, on stderr, in the set too: 未知命令 (unknown command)
	LANG=$loc "$JIUYE" frobnicate --db "$db" >"$tmp/out" 2>"$tmp/err"
	iconv -f "$cs" -t UTF-8 "$tmp/err" >"$tmp/err.utf8" 2>/dev/null && ok "$loc: an error is all $cs" \
		|| nok "$loc: an error is all $cs"
	has "$loc: an error on stderr reads in the terminal's set" "$tmp/err.utf8" "frobnicate"
	lacks "$loc: no UTF-8 on stderr (鐢 is what UTF-8 looks like there)" "$tmp/err" "$(printf '\347\224\250')"
	# the words typed on a GBK terminal: print 登记表 R-000001, to stdout in the terminal's set
	LANG=$loc "$JIUYE" print "$form_gbk" R-000001 --db "$db" >"$tmp/form.$cs" 2>"$tmp/err"
	st=$?
	status_is "$loc: print 登记表 typed in $cs: exit 0" 0
	iconv -f "$cs" -t UTF-8 "$tmp/form.$cs" >"$tmp/form.utf8" 2>/dev/null && ok "$loc: the printout is all $cs" \
		|| nok "$loc: the printout is all $cs"
	has "$loc: the printout on stdout reads 求职登记表" "$tmp/form.utf8" "求职登记表"
	has "$loc: …with her name" "$tmp/form.utf8" "王秀兰"
	# a CSV export to stdout keeps its own bytes: UTF-8 with BOM, as the format says
	LANG=$loc "$JIUYE" export employers --db "$db" >"$tmp/emp.csv" 2>"$tmp/err"
	st=$?
	status_is "$loc: export employers to stdout: exit 0" 0
	[ "$(head -c 3 "$tmp/emp.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] \
		&& ok "$loc: the CSV on stdout starts with the UTF-8 BOM" \
		|| nok "$loc: the CSV on stdout starts with the UTF-8 BOM" "$(head -c 16 "$tmp/emp.csv" | od -An -tx1)"
	LANG=C.UTF-8 "$JIUYE" export employers --db "$db" >"$tmp/emp.utf8.csv" 2>/dev/null
	cmp -s "$tmp/emp.csv" "$tmp/emp.utf8.csv" && ok "$loc: …byte for byte what a UTF-8 locale writes" \
		|| nok "$loc: …byte for byte what a UTF-8 locale writes"
done
