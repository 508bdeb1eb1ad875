#!/bin/sh
# tests/cli/audit.sh: the audit trail from the command line (issue 7). Imports and exports are
# recorded with the worker, her SSH client address, the file and the rows; `jiuye check` passes on
# an intact trail and, after someone with the sqlite3 shell drops a trigger, changes, removes or
# slips in a row and puts the trigger back, exits 1 naming the row.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB SSH_CONNECTION

. "$(dirname "$0")/lib.sh"
plan 14
newdb() {
	db="$tmp/$1.db"
	rm -f "$db" "$db-wal" "$db-shm"
	"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo $1"
}
q() { sqlite3 -batch "$db" "$1"; }
# what someone with write access to the file and the sqlite3 shell can do: drop the trigger that
# stands in the way, change the trail, put the trigger back so nothing looks amiss
tamper() {
	sqlite3 -batch "$db" "BEGIN; DROP TRIGGER $1; $2; $(q "SELECT sql FROM sqlite_schema WHERE name = '$1'"); COMMIT;"
}

newdb trail
run check --db "$db"
status_is "check: an intact trail passes" 0

# ---- import and export are recorded ---------------------------------------------------------------
SSH_CONNECTION="10.8.0.23 52100 10.8.0.1 22" "$JIUYE" export residents --purpose 上报区人社局 --db "$db" -o "$tmp/r.csv" >/dev/null 2>&1
row=$(q "SELECT event, entity, src, result, json_extract(changes, '\$.rows[1]') FROM history ORDER BY seq DESC LIMIT 1")
[ "$row" = "export|residents|10.8.0.23|ok|10" ] && ok "export: recorded with the client address and the rows" ||
	nok "export: recorded with the client address and the rows" "$row"
me=$(id -un)
row=$(q "SELECT os_user, role IS NOT NULL, length(hash) FROM history ORDER BY seq DESC LIMIT 1")
[ "$row" = "$me|1|32" ] && ok "export: the OS user, her role and the chain" || nok "export: the OS user, her role and the chain" "$row"
"$JIUYE" export residents --purpose 上报区人社局 --db "$db" -o "$tmp/no/such/dir/r.csv" >/dev/null 2>&1
row=$(q "SELECT event, result FROM history ORDER BY seq DESC LIMIT 1")
[ "$row" = "export|fail:file error" ] && ok "export: a failed export is recorded as failed" ||
	nok "export: a failed export is recorded as failed" "$row"
"$JIUYE" import residents "$tmp/r.csv" --db "$db" >/dev/null 2>&1
row=$(q "SELECT event, entity, result FROM history ORDER BY seq DESC LIMIT 1")
[ "$row" = "import|residents|ok" ] && ok "import: recorded" || nok "import: recorded" "$row"
run check --db "$db"
status_is "check: still intact after the recorded events" 0

# ---- tampering with the sqlite3 shell --------------------------------------------------------------
n=$(q "SELECT max(seq) FROM history")
mid=$((n / 2))
sqlite3 -batch "$db" "UPDATE history SET worker = 'x' WHERE seq = $mid" 2>/dev/null &&
	nok "the trigger refuses an UPDATE" || ok "the trigger refuses an UPDATE"

cp "$db" "$tmp/clean.db"
tamper history_no_update "UPDATE history SET worker = '张伟' WHERE seq = $mid"
run check --db "$db"
status_is "check: a changed row exits 1" 1
has "check: names the changed row" "$tmp/out" "history row $mid "

cp "$tmp/clean.db" "$db"
tamper history_no_delete "DELETE FROM history WHERE seq = $((mid + 1))"
run check --db "$db"
status_is "check: a removed row exits 1" 1
has "check: names the removed row" "$tmp/out" "history row $((mid + 1)) is missing"

cp "$tmp/clean.db" "$db"
q "INSERT INTO history(seq, at, os_user, worker, entity, entity_id, action, result, hash) \
	SELECT $((n + 1)), at, os_user, worker, 'resident', 1, 'update', 'ok', randomblob(32) FROM history WHERE seq = $n"
run check --db "$db"
status_is "check: a forged row at the end exits 1" 1
has "check: names the forged row" "$tmp/out" "history row $((n + 1)) "

cp "$tmp/clean.db" "$db"
run check --db "$db"
status_is "check: the untouched copy passes" 0
