#!/bin/sh
# tests/cli/close.sh: `jiuye close resident ID --reason R [--date D] [--note T]` and
# `jiuye reopen resident ID`: a record closed with a reason of the list and a day, out of the list
# export and back after a reopening, in the audit trail; and the refusals, one line each, exit 1:
# a reason not in the list, 其他 without a note, a day to come or before her registration, closing
# twice, reopening an open record, a clerk reopening, a clerk or a reviewer outside her
# communities, statistics; exit 2 for wrong words.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the demo's dates are those of 2024-06-30
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 46
one_line() { # name: the last run said one line on stderr, holding the fixed text $2
	if [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -qF -- "$2" "$tmp/err"; then ok "$1"
	else nok "$1" "$(cat "$tmp/err")"; fi
}
q() { sqlite3 -batch "$db" "$1"; }
is() { # name, got, expected
	if [ "$2" = "$3" ]; then ok "$1"; else nok "$1" "got \"$2\", expected \"$3\""; fi
}

db="$tmp/demo.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"
me=$(q "SELECT os_user FROM worker WHERE role = 4 LIMIT 1")
# R-000001 王秀兰 of 幸福里社区 (TX0101), registered 2024-01-20; R-000004 刘晓燕 of 新华社区 (TX0201)
id1=$(q "SELECT id_no FROM resident WHERE reg_no = 'R-000001'")
is "the demo's R-000001 is 王秀兰 of 幸福里社区" "$(q "SELECT name || community FROM resident WHERE reg_no = 'R-000001'")" \
	"王秀兰TX0101"

# ---- closing, by registration number and by ID number --------------------------------------------
run close resident R-000001 --reason 迁出 --date 2024/6/15 --db "$db"
status_is "close resident R-000001 --reason 迁出 --date 2024/6/15: exit 0" 0
one_line "...says whose record, the day and the reason" "王秀兰 (R-000001): record closed 2024-06-15 迁出"
is "...stored: the day, the reason's code" "$(q "SELECT closed_at, close_reason FROM resident WHERE reg_no = 'R-000001'")" \
	"2024-06-15|1"
is "...in the audit trail, with its values" \
	"$(q "SELECT action, changes FROM history WHERE entity = 'resident' AND entity_id = 1 ORDER BY seq DESC LIMIT 1")" \
	'close|{"closed_at":[null,"2024-06-15"],"close_reason":[null,"1"],"close_note":[null,null]}'
run export residents --purpose 测试 -o "$tmp/open.csv" --db "$db"
lacks "...out of the export of open records" "$tmp/open.csv" "王秀兰"
run export residents --purpose 测试 --all -o "$tmp/all.csv" --db "$db"
has "...in the export --all" "$tmp/all.csv" "王秀兰"

run close resident R-000001 --reason 死亡 --db "$db"
status_is "closing her twice: exit 1" 1
one_line "...says since when, nothing changed" "closed already (since 2024-06-15)"
is "...the first closing stands" "$(q "SELECT close_reason FROM resident WHERE reg_no = 'R-000001'")" "1"

run reopen resident "$id1" --db "$db"
status_is "reopen resident by her ID number (an administrator): exit 0" 0
one_line "...says so" "王秀兰 (R-000001): her record is open again"
is "...nothing of the closing left on the record" \
	"$(q "SELECT coalesce(closed_at, '-') || coalesce(close_reason, '-') || coalesce(close_note, '-') FROM resident WHERE reg_no = 'R-000001'")" \
	"---"
is "...the reopening in the trail, with what was cleared" \
	"$(q "SELECT action, changes FROM history WHERE entity = 'resident' AND entity_id = 1 ORDER BY seq DESC LIMIT 1")" \
	'reopen|{"closed_at":["2024-06-15",null],"close_reason":["1",null],"close_note":[null,null]}'
run reopen resident R-000001 --db "$db"
status_is "reopening an open record: exit 1" 1
one_line "...says she is not closed" "is not closed"

# ---- reasons, notes and days -------------------------------------------------------------------------
run close resident R-000001 --reason 搬家 --db "$db"
status_is "a reason not in the list: exit 1" 1
one_line "...names the field and lists the reasons" "注销原因: \"搬家\" is not a reason for closing; accepted: 迁出, 死亡, 重复登记, 本人要求, 其他"
run close resident R-000001 --reason 其他 --db "$db"
status_is "其他 without --note: exit 1" 1
one_line "...asks for the note" "注销说明"
run close resident R-000001 --reason 迁出 --date 2024-07-01 --db "$db"
status_is "a day after today (2024-06-30): exit 1" 1
one_line "...says so" "注销日期: 2024-07-01 is after today (2024-06-30)"
run close resident R-000001 --reason 迁出 --date 2024-01-19 --db "$db"
status_is "the day before her registration (2024-01-20): exit 1" 1
one_line "...says so" "before her registration (2024-01-20)"
run close resident R-000001 --reason 迁出 --date 2024-02-30 --db "$db"
status_is "a day that does not exist: exit 1" 1
is "...none of these closed her" "$(q "SELECT coalesce(closed_at, 'open') FROM resident WHERE reg_no = 'R-000001'")" "open"
run close resident R-000001 --reason 其他 --note "随子女迁居外省" --db "$db"
status_is "其他 with a note, no day (today): exit 0" 0
one_line "...says the day, reason and note" "record closed 2024-06-30 其他（随子女迁居外省）"
run reopen resident R-000001 --db "$db"

# ---- the words -----------------------------------------------------------------------------------------
run close resident R-000001 --db "$db"
status_is "close without --reason: exit 2" 2
run close worker R-000001 --reason 迁出 --db "$db"
status_is "close something that is not a resident: exit 2" 2
run reopen resident R-000001 --reason 迁出 --db "$db"
status_is "reopen with --reason: exit 2" 2
run close resident R-999999 --reason 迁出 --db "$db"
status_is "a registration number nobody has: exit 1" 1
one_line "...says so" "R-999999"

# ---- who may: the worker is the OS user; her role and communities are set in the worker table ----
as_worker() { # role (1 clerk, 2 reviewer, 3 stats), unit of her scope
	q "UPDATE worker SET role = $1 WHERE os_user = '$me'; DELETE FROM worker_scope WHERE os_user = '$me';
	   INSERT INTO worker_scope(os_user, unit) VALUES ('$me', '$2')"
}
as_worker 1 TX0101                      # a clerk of 幸福里社区
run close resident R-000001 --reason 迁出 --date 2024-06-15 --db "$db"
status_is "a clerk closes a record of her community: exit 0" 0
run reopen resident R-000001 --db "$db"
status_is "a clerk may not reopen it: exit 1" 1
one_line "...naming her role and what she tried" "录入员"
has "...what she tried" "$tmp/err" "reopen closed records"
run close resident R-000004 --reason 迁出 --db "$db"
status_is "a clerk closing a record of another community (新华社区): exit 1" 1
one_line "...told as of a number nobody has: her community's records are all she sees" "R-000004"
is "...that record stays open" "$(q "SELECT coalesce(closed_at, 'open') FROM resident WHERE reg_no = 'R-000004'")" "open"
as_worker 2 TX01                        # a reviewer of 城南街道 (幸福里, 建设, 南门)
run reopen resident R-000001 --db "$db"
status_is "a reviewer of her street reopens it: exit 0" 0
run close resident R-000004 --reason 迁出 --db "$db"
status_is "a reviewer outside her street (新华社区 is 城北街道's): exit 1" 1
as_worker 3 TX                          # statistics of the county: figures, never a person
run close resident R-000001 --reason 迁出 --db "$db"
status_is "a statistics worker may not close: exit 1" 1
has "...naming her role" "$tmp/err" "统计"
q "UPDATE worker SET role = 4 WHERE os_user = '$me'; DELETE FROM worker_scope WHERE os_user = '$me'"
is "after it all, both records open" \
	"$(q "SELECT count(*) FROM resident WHERE reg_no IN ('R-000001', 'R-000004') AND closed_at IS NULL")" "2"
run check --db "$db"
status_is "the audit trail's chain holds after every closing and reopening (jiuye check)" 0
