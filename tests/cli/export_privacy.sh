#!/bin/sh
# tests/cli/export_privacy.sh: files of people leave the office marked and recorded.
# `jiuye export residents|referrals|enrolments` needs
# --purpose (a usage error naming what to give without it; employers, jobs and courses need none);
# the file's first line says 内部资料 含个人信息, who, when and the purpose; every exported file
# is 0600 whatever the umask, also over a file that was readable by all; the audit trail keeps the
# rows, the purpose and the SHA-256 of the file as written (what sha256sum says); the file imports
# back unchanged, and one marked [已脱敏] is refused whole. Masking by role is tested in
# tests/unit/test_sheet.c (a clerk cannot be played here: the OS user is the worker).
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB SSH_CONNECTION

. "$(dirname "$0")/lib.sh"
plan 59
db="$tmp/demo.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
q() { sqlite3 -batch "$db" "$1"; }
last() { q "SELECT $1 FROM history ORDER BY seq DESC LIMIT 1"; }
mode() { stat -c %a "$1" 2>/dev/null; }
me=$(id -un)

# ---- the purpose ----------------------------------------------------------------------------------
for kind in residents referrals enrolments; do
	run export "$kind" --db "$db" -o "$tmp/np-$kind.csv"
	status_is "$kind without --purpose: usage error" 2
	has "$kind without --purpose: says to give --purpose" "$tmp/err" "--purpose"
	has "$kind without --purpose: says what a purpose is" "$tmp/err" "上报区人社局"
	[ -e "$tmp/np-$kind.csv" ] && nok "$kind without --purpose: no file" || ok "$kind without --purpose: no file"
done
run export residents --db "$db" -o "$tmp/blank.csv" --purpose "   "
status_is "a blank --purpose: usage error" 2
run export residents --db "$db" -o "$tmp/long.csv" \
	--purpose "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"
status_is "a purpose longer than a line: usage error" 2
has "a purpose longer than a line: says the limit" "$tmp/err" "60"
for kind in employers jobs courses; do
	run export "$kind" --db "$db" -o "$tmp/$kind.csv"
	status_is "$kind: no purpose needed" 0
	head -c 20 "$tmp/$kind.csv" | grep -q '内部资料' && nok "$kind: no 内部资料 line" || ok "$kind: no 内部资料 line"
done
"$JIUYE" --help >"$tmp/help" 2>&1
has "--help names --purpose" "$tmp/help" "--purpose"

# ---- the header line ----------------------------------------------------------------------------
run export residents --db "$db" -o "$tmp/r.csv" --purpose 上报区人社局
status_is "export residents --purpose 上报区人社局" 0
line=$(head -n 1 "$tmp/r.csv" | tail -c +4 | tr -d '\r')
echo "$line" | grep -Eq "^内部资料 含个人信息 导出人：(.*\\($me\\)|$me) 时间：[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} 用途：上报区人社局\$" \
	&& ok "the first line: 内部资料 含个人信息 导出人 时间 用途 (whole for the administrator: no 已脱敏)" \
	|| nok "the first line" "$line"
sed -n 2p "$tmp/r.csv" | grep -q '^姓名,身份证号,联系电话' && ok "the column headers follow it" \
	|| nok "the column headers follow it" "$(sed -n 2p "$tmp/r.csv")"

# ---- 0600 ----------------------------------------------------------------------------------------
for umask_ in 022 000; do
	for f in r.csv r.gbk.csv r.xlsx; do
		rm -f "$tmp/m-$f"
		fmt=csv
		case $f in *.gbk.csv) fmt=gbk ;; *.xlsx) fmt=xlsx ;; esac
		(umask $umask_ && "$JIUYE" export residents --db "$db" --format $fmt -o "$tmp/m-$f" --purpose 核对 2>/dev/null)
		[ "$(mode "$tmp/m-$f")" = 600 ] && ok "umask $umask_: $f is 0600" || nok "umask $umask_: $f is 0600" "$(mode "$tmp/m-$f")"
	done
	rm -f "$tmp/m-e.csv"
	(umask $umask_ && "$JIUYE" export employers --db "$db" -o "$tmp/m-e.csv" 2>/dev/null)
	[ "$(mode "$tmp/m-e.csv")" = 600 ] && ok "umask $umask_: every export is 0600 (employers)" \
		|| nok "umask $umask_: employers 0600" "$(mode "$tmp/m-e.csv")"
done
printf 'old\n' >"$tmp/open.csv"
chmod 644 "$tmp/open.csv"
printf 'old\n' >"$tmp/open.csv.tmp"
chmod 666 "$tmp/open.csv.tmp"
"$JIUYE" export residents --db "$db" -o "$tmp/open.csv" --purpose 核对 2>/dev/null
[ "$(mode "$tmp/open.csv")" = 600 ] && ok "a file readable by all is replaced by one that is 0600" \
	|| nok "replacing a 0644 file" "$(mode "$tmp/open.csv")"
[ -e "$tmp/open.csv.tmp" ] && nok "no file is left beside it" || ok "no file is left beside it"

# ---- the trail: rows, purpose, SHA-256 of the file ---------------------------------------------------
for f in t.csv t.xlsx t.gbk.csv; do
	fmt=csv
	case $f in *.gbk.csv) fmt=gbk ;; *.xlsx) fmt=xlsx ;; esac
	"$JIUYE" export residents --db "$db" --format $fmt -o "$tmp/$f" --purpose 上报区人社局 2>/dev/null
	want=$(sha256sum "$tmp/$f" | cut -d' ' -f1)
	row=$(last "event, entity, result, json_extract(changes, '\$.rows[1]'), json_extract(changes, '\$.purpose[1]'), json_extract(changes, '\$.masked[1]')")
	[ "$row" = "export|residents|ok|10|上报区人社局|0" ] && ok "$f: recorded with the rows and the purpose, not masked" \
		|| nok "$f: recorded with the rows and the purpose" "$row"
	got=$(last "json_extract(changes, '\$.sha256[1]')")
	[ "$got" = "$want" ] && ok "$f: the hash in the trail is sha256sum of the file" || nok "$f: hash" "trail $got" "file  $want"
done
"$JIUYE" export referrals --db "$db" -o "$tmp/ref.csv" --purpose 推荐给用人单位 2>/dev/null
[ "$(last "json_extract(changes, '\$.sha256[1]')")" = "$(sha256sum "$tmp/ref.csv" | cut -d' ' -f1)" ] \
	&& [ "$(last "entity || json_extract(changes, '\$.purpose[1]')")" = "referrals推荐给用人单位" ] \
	&& ok "referrals: recorded with the purpose and the hash" || nok "referrals: recorded" "$(last changes)"
"$JIUYE" export enrolments --db "$db" --purpose 培训补贴申报 --format csv >"$tmp/stdout.csv" 2>/dev/null
row=$(last "json_extract(changes, '\$.file[1]'), json_extract(changes, '\$.sha256[1]') IS NULL, json_extract(changes, '\$.purpose[1]')")
[ "$row" = "-|1|培训补贴申报" ] && ok "to standard output: recorded with the purpose, no hash to give" || nok "stdout recorded" "$row"
"$JIUYE" export jobs --db "$db" -o "$tmp/jobs.csv" 2>/dev/null
row=$(last "entity, json_extract(changes, '\$.purpose') IS NULL, json_extract(changes, '\$.sha256[1]')")
[ "$row" = "jobs|1|$(sha256sum "$tmp/jobs.csv" | cut -d' ' -f1)" ] && ok "jobs: recorded with the hash, no purpose" || nok "jobs recorded" "$row"
"$JIUYE" export residents --db "$db" -o "$tmp/no/such/dir/r.csv" --purpose 核对 >/dev/null 2>&1
row=$(last "result, json_extract(changes, '\$.purpose[1]'), json_extract(changes, '\$.sha256') IS NULL")
[ "$row" = "fail:file error|核对|1" ] && ok "a failed export is recorded as failed, with its purpose" || nok "failed export" "$row"
run check --db "$db"
status_is "check: the trail's chain is intact after the exports" 0

# ---- import back ---------------------------------------------------------------------------------
run import residents "$tmp/r.csv" --db "$db"
status_is "residents: the file imports back (its first line skipped)" 0
has "residents: nothing changed" "$tmp/out" "0 added, 0 updated, 10 unchanged, 0 rejected"
run import residents "$tmp/m-r.gbk.csv" --db "$db" --dry-run
has "residents (GBK): imports back" "$tmp/out" "10 unchanged, 0 rejected"
"$JIUYE" export enrolments --db "$db" -o "$tmp/e.csv" --purpose 核对 2>/dev/null
run import enrolments "$tmp/e.csv" --db "$db"
has "enrolments: import back unchanged" "$tmp/out" "0 added, 0 updated, 6 unchanged, 0 rejected"
run import referrals "$tmp/ref.csv" --db "$db" --dry-run
has "referrals: import back, none rejected" "$tmp/out" "0 rejected"
# a clerk's file says [已脱敏]: its values are not the real ones, so it is refused whole (E3)
{ printf '\357\273\277'; head -n 1 "$tmp/r.csv" | tail -c +4 | tr -d '\r\n'; printf ' [已脱敏]\r\n'; tail -n +2 "$tmp/r.csv"; } >"$tmp/masked.csv"
before=$(q "SELECT count(*) FROM history WHERE event = 'change'")
run import residents "$tmp/masked.csv" --db "$db"
status_is "a masked file: import refused" 1
has "a masked file: says why" "$tmp/err" "已脱敏"
[ "$(q "SELECT count(*) FROM history WHERE event = 'change'")" = "$before" ] && ok "a masked file: nothing saved" \
	|| nok "a masked file: nothing saved"

# A destination that is not a plain file is never replaced (a device, a link planted beside it).
mkfifo "$tmp/pipe"
run export residents --purpose 核对 -o "$tmp/pipe" --db "$db"
status_is "export to a pipe: refused" 1
has "export to a pipe: says why" "$tmp/err" "not a plain file"
[ -p "$tmp/pipe" ] && ok "export to a pipe: the pipe is still a pipe" || nok "export to a pipe: the pipe is still a pipe"
ln -s "$tmp/elsewhere.csv" "$tmp/planted.csv.tmp"
run export residents --purpose 核对 -o "$tmp/planted.csv" --db "$db"
status_is "a link planted at FILE.tmp: the export still works" 0
[ ! -e "$tmp/elsewhere.csv" ] && ok "a link planted at FILE.tmp: not followed" || nok "a link planted at FILE.tmp: not followed"
