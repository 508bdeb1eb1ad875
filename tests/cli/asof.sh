#!/bin/sh
# tests/cli/asof.sh: a category ended with its date and reason (`jiuye category end`), kept for
# the reports of the time she held it: October's report is the same after it, her record no
# longer has the category, the ended one is kept with its dates; refusals (not hers, not a
# category, a day before it began or still to come, the words wrong); jiuye check still clean.
# `jiuye certificate list|cancel|expire`: a certificate named by its type or its number, one
# not held refused, a cancel or an expiry without its reason refused; `jiuye due` lists the certificates to review or ending.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2026-11-20
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 23
db="$tmp/demo.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
# a registered unemployed resident of the demo who is 下岗职工 (counted in A4-LAID_OFF while
# unemployed), the category held since her registration
id=$(sqlite3 "$db" "SELECT r.id_no FROM resident_category c JOIN resident r ON r.id = c.resident_id
	WHERE c.category = 'LAID_OFF' AND r.status LIKE '1%' ORDER BY r.id LIMIT 1")
since=$(sqlite3 "$db" "SELECT c.since FROM resident_category c JOIN resident r ON r.id = c.resident_id
	WHERE r.id_no = '$id' AND c.category = 'LAID_OFF'")
"$JIUYE" report --period 2026-10 --db "$db" >"$tmp/before.txt" 2>&1
"$JIUYE" report --period 2026-11 --db "$db" >"$tmp/nov_before.txt" 2>&1

run category end "$id" 下岗职工 --date 2026-11-15 --reason 已办理退休 --db "$db"
status_is "category end: exit 0" 0
has "category end: says what ended" "$tmp/err" "the category 下岗职工 of $id ended"
[ "$(sqlite3 "$db" "SELECT since || '|' || until || '|' || reason FROM resident_category_past")" = \
	"$since|2026-11-15|已办理退休" ] && ok "the ended category is kept with its dates and reason" ||
	nok "the ended category is kept" "$(sqlite3 "$db" "SELECT * FROM resident_category_past")"
[ "$(sqlite3 "$db" "SELECT count(*) FROM resident_category c JOIN resident r ON r.id = c.resident_id
	WHERE r.id_no = '$id' AND c.category = 'LAID_OFF'")" -eq 0 ] &&
	ok "her record no longer has it" || nok "her record no longer has it"
"$JIUYE" report --period 2026-10 --db "$db" >"$tmp/after.txt" 2>&1
if cmp -s "$tmp/before.txt" "$tmp/after.txt"; then ok "October's report is the same after it (she counts in A4-LAID_OFF)"
else nok "October's report is the same after it" "$(diff "$tmp/before.txt" "$tmp/after.txt")"; fi
"$JIUYE" report --period 2026-11 --db "$db" >"$tmp/nov_after.txt" 2>&1
b=$(awk '$1 == "A4-LAID_OFF" { print $4 }' "$tmp/nov_before.txt")
a=$(awk '$1 == "A4-LAID_OFF" { print $4 }' "$tmp/nov_after.txt")
[ -n "$b" ] && [ "$a" = "$((b - 1))" ] && ok "November's A4-LAID_OFF one less ($b to $a): it ended on the 15th" ||
	nok "November's A4-LAID_OFF one less" "before $b, after $a"
run category end "$id" 下岗职工 --db "$db"
status_is "ended already: exit 1" 1
has "ended already: says she is not in it" "$tmp/err" "is not in the category 下岗职工"
run category end "$id" 火星人 --db "$db"
has "not a category: names the list" "$tmp/err" "人员类别: \"火星人\" is not in the list"
other=$(sqlite3 "$db" "SELECT r.id_no FROM resident_category c JOIN resident r ON r.id = c.resident_id
	WHERE c.category = 'SINGLE_PARENT' LIMIT 1")
run category end "$other" 单亲家庭 --date 2000-01-01 --db "$db"
status_is "a day before it began: exit 1" 1
has "a day before it began: names the field" "$tmp/err" "退出日期:"
run category end "$other" 单亲家庭 --date 2026-12-01 --db "$db"
has "a day still to come: refused" "$tmp/err" "is after today"
run category end "$other" --db "$db"
status_is "no category given: exit 2" 2
run check --db "$db"
status_is "jiuye check after it: exit 0" 0
lacks "jiuye check: no trail problem" "$tmp/out" "lacks"

# ---- certificates -------------------------------------------------------------------------------
holder=$(sqlite3 "$db" "SELECT r.id_no FROM certificate c JOIN resident r ON r.id = c.resident_id
	WHERE c.type = '06' AND c.number IS NULL LIMIT 1")
num=$(sqlite3 "$db" "SELECT c.number FROM certificate c JOIN resident r ON r.id = c.resident_id
	WHERE r.id_no = '$holder' AND c.number IS NOT NULL LIMIT 1")
run certificate expire "$holder" 失业保险金领取 --db "$db"
status_is "certificate expire without a reason: exit 1" 1
has "certificate expire without a reason: asks for it" "$tmp/err" "原因"
run certificate expire "$holder" 失业保险金领取 --reason 超过有效期 --db "$db"
status_is "certificate expire by its type: exit 0" 0
run certificate cancel "$holder" "$num" --reason 已就业 --db "$db"
status_is "certificate cancel by its number: exit 0" 0
run certificate list "$holder" --db "$db"
grep -E "^06 .* 过期$" "$tmp/out" >/dev/null && grep -E "^01 +$num .* 注销$" "$tmp/out" >/dev/null &&
	ok "list: the one expired, the other cancelled" || nok "list" "$(cat "$tmp/out")"
run certificate expire "$holder" 失业保险金领取 --reason 超过有效期 --db "$db"
has "no valid one of that type left: refused" "$tmp/err" "holds no certificate 失业保险金领取"
run certificate renew "$holder" x --db "$db"
status_is "an unknown verb: exit 2" 2
run due --db "$db"
has "jiuye due lists the certificates to review or ending" "$tmp/out" "certificates to review or ending (30 days)"
