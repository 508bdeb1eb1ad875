#!/bin/sh
# tests/cli/damage.sh: a damaged or hostile database file, made with the sqlite3 shell, and what
# jiuye does with it. A schema version below 0 is refused with a message (never used to pick a
# migration); another program's SQLite file is not taken over; a trail emptied of its rows, or
# stripped of its triggers, or with its pre-chain limit raised, is found by `jiuye check`, and a
# database without the triggers is not written to; a flipped data page stops every write, with a
# message that names `jiuye check` and the last backup; `check --head` tells a truncated trail.
# Files: a killed export's temporary file is removed by the next export to the folder, and a file
# name with an ESC in it is shown escaped in a message.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB SSH_CONNECTION
data=$(dirname "$0")/data

. "$(dirname "$0")/lib.sh"
if ! command -v sqlite3 >/dev/null; then
	plan 1
	must_run "damaged database files" "no sqlite3 shell (make deps-test installs it)"
	[ "${CI:-}" != true ]      # on CI must_run said "not ok"
	exit
fi
plan 76
q() { sqlite3 -batch "$1" "$2"; }
is() { # name, test ...: ok when the test holds
	name=$1
	shift
	if "$@"; then ok "$name"; else nok "$name"; fi
}
no_asan() { # name: the last run found no memory error
	if grep -q "AddressSanitizer\|runtime error" "$tmp/err"; then nok "$1" "$(cat "$tmp/err")"
	else ok "$1"; fi
}

"$JIUYE" init --demo --db "$tmp/demo.db" >/dev/null 2>&1 || nok "init --demo"
mkdir "$tmp/bk"
"$JIUYE" backup "$tmp/bk/night.db" --db "$tmp/demo.db" >/dev/null 2>&1 || nok "backup"
q "$tmp/demo.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
fresh() { # NAME: a copy of the demo database as $db
	db="$tmp/$1.db"
	cp "$tmp/demo.db" "$db"
}

# ---- a schema version outside 0 ... the migrations -----------------------------------------------
for v in -1 -100 -2147483648; do
	fresh "v$v"
	q "$db" "PRAGMA user_version = $v"
	run check --db "$db"
	status_is "user_version $v: check exits 1" 1
	has "user_version $v: the message says the version" "$tmp/err" "schema version is $v"
	no_asan "user_version $v: no read outside the migrations"
	run import residents "$data/residents_good.csv" --db "$db"
	status_is "user_version $v: import refused" 1
	no_asan "user_version $v: import reads nothing outside the migrations"
	is "user_version $v: the file is left as it was" \
		[ "$(q "$db" "PRAGMA user_version")" = "$v" ]
done

# ---- another program's database ------------------------------------------------------------------
q "$tmp/foreign.db" "CREATE TABLE accounts(id INTEGER PRIMARY KEY, owner TEXT);
	INSERT INTO accounts VALUES (1, 'x');"
run check --db "$tmp/foreign.db"
status_is "a foreign database: refused" 1
has "a foreign database: the message says so" "$tmp/err" "is not a jiuye database"
has "a foreign database: and names its tables" "$tmp/err" "accounts"
is "a foreign database: no table of jiuye's put in it" \
	[ "$(q "$tmp/foreign.db" "SELECT count(*) FROM sqlite_schema")" = 1 ]
: >"$tmp/empty.db"
run init --db "$tmp/empty.db"
status_is "an empty file becomes a jiuye database" 0
printf 'name,phone\n' >"$tmp/text.db"
run check --db "$tmp/text.db"
status_is "a file that is no SQLite file: refused" 1
has "a file that is no SQLite file: the message says so" "$tmp/err" "is no jiuye database"

# ---- the trail emptied, its triggers dropped, its limit raised -----------------------------------
fresh emptied
q "$db" "BEGIN; DROP TRIGGER history_no_delete; DELETE FROM history;
	$(q "$db" "SELECT sql FROM sqlite_schema WHERE name = 'history_no_delete'"); COMMIT;"
run check --db "$db"
status_is "every history row deleted: check exits 1" 1
has "every history row deleted: the residents' creations are missing" "$tmp/out" \
	"the audit trail lacks the creation of 10 residents"
fresh versions
n=$(q "$db" "SELECT seq FROM history WHERE entity = 'resident' AND action = 'status' LIMIT 1")
q "$db" "BEGIN; DROP TRIGGER history_no_delete; DELETE FROM history WHERE seq = $n;
	$(q "$db" "SELECT sql FROM sqlite_schema WHERE name = 'history_no_delete'"); COMMIT;"
run check --db "$db"
status_is "a version's change deleted: check exits 1" 1
has "a version's change deleted: named" "$tmp/out" "the audit trail lacks changes of 1 residents"

fresh unguarded
q "$db" "DROP TRIGGER history_no_update; DROP TRIGGER history_no_delete;"
run check --db "$db"
status_is "the append-only triggers dropped: check exits 1" 1
has "check names the dropped trigger" "$tmp/out" "trigger history_no_delete is missing"
has "check names the other one" "$tmp/out" "trigger history_no_update is missing"
before=$(q "$db" "SELECT count(*) FROM history")
run import residents "$data/residents_good.csv" --db "$db"
status_is "without its triggers: import refused" 1
has "without its triggers: the message names jiuye check" "$tmp/err" "jiuye check"
run export residents --purpose 上报区人社局 --db "$db" -o "$tmp/unguarded.csv"
status_is "without its triggers: an export (which writes its row) refused" 1
is "without its triggers: the export's file removed" [ ! -e "$tmp/unguarded.csv" ]
is "without its triggers: nothing written" \
	[ "$(q "$db" "SELECT count(*) FROM history")" = "$before" ]
fresh altered
q "$db" "DROP TRIGGER history_no_delete; CREATE TRIGGER history_no_delete BEFORE DELETE ON history
	WHEN 0 BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;"
run check --db "$db"
has "a trigger altered: check names it" "$tmp/out" "trigger history_no_delete is not as"
run import residents "$data/residents_good.csv" --db "$db"
status_is "a trigger altered: import refused" 1
fresh extra
q "$db" "CREATE TRIGGER history_wipe AFTER INSERT ON history BEGIN SELECT 1; END;"
run check --db "$db"
has "a trigger added: check names it" "$tmp/out" "trigger history_wipe is no part of"

fresh limit
epoch=$(q "$db" "SELECT sql FROM sqlite_schema WHERE name = 'audit_epoch_no_update'")
q "$db" "BEGIN; DROP TRIGGER history_no_update; DROP TRIGGER audit_epoch_no_update;
	UPDATE history SET hash = NULL, worker = 'mallory';
	UPDATE audit_epoch SET unhashed_until = 1000;
	$(q "$db" "SELECT sql FROM sqlite_schema WHERE name = 'history_no_update'"); $epoch;
	COMMIT;"
run check --db "$db"
status_is "the pre-chain limit raised (hashes blanked): check exits 1" 1
has "the pre-chain limit raised: check names it" "$tmp/out" \
	"(table audit_epoch, row 1000) was raised"
fresh limit2
q "$db" "BEGIN; DROP TRIGGER audit_epoch_no_update; UPDATE audit_epoch SET unhashed_until = 5;
	$epoch; COMMIT;"
run check --db "$db"
status_is "the pre-chain limit raised (hashes kept): check exits 1" 1
has "the pre-chain limit raised (hashes kept): named" "$tmp/out" \
	"says row 5, but the chain begins at row 1"
fresh setting
q "$db" "BEGIN; DROP TRIGGER history_no_update; UPDATE history SET hash = NULL;
	$(q "$db" "SELECT sql FROM sqlite_schema WHERE name = 'history_no_update'");
	INSERT OR REPLACE INTO setting(key, value) VALUES ('audit.unhashed_until', '1000'); COMMIT;"
run check --db "$db"
status_is "the old setting raised: no longer exempts a row" 1
has "the old setting raised: the first row without a hash named" "$tmp/out" \
	"history row 1 has no hash"

# ---- a flipped data page -------------------------------------------------------------------------
# a page of random bytes over the residents' table, and one over the index the reports read
flip() { # FILE TABLE-OR-INDEX
	page=$(q "$1" "SELECT rootpage FROM sqlite_schema WHERE name = '$2'")
	dd if=/dev/urandom of="$1" bs=4096 seek=$((page - 1)) count=1 conv=notrunc 2>/dev/null
}
fresh flipped
flip "$db" resident
run check --db "$db"
status_is "a flipped page: check exits 1" 1
before=$(q "$db" "SELECT count(*) FROM history")
run import residents "$data/residents_good.csv" --db "$db"
status_is "a flipped page: import refused" 1
has "a flipped page: import names jiuye check" "$tmp/err" "run jiuye check --db $db"
has "a flipped page: and the last backup" "$tmp/err" "restore the last backup ($tmp/bk/night.db)"
run export residents --purpose 上报区人社局 --db "$db" -o "$tmp/flipped.csv"
status_is "a flipped page: export refused" 1
has "a flipped page: export names jiuye check" "$tmp/err" "jiuye check"
is "a flipped page: no export file" [ ! -e "$tmp/flipped.csv" ]
is "a flipped page: nothing written to the trail" \
	[ "$(q "$db" "SELECT count(*) FROM history")" = "$before" ]
fresh flipped_report
flip "$db" resident_report
run report --db "$db" --period 2024-06 -o "$tmp/report.csv"
status_is "a flipped page the report reads: report refused" 1
has "a flipped page the report reads: names jiuye check" "$tmp/err" "jiuye check"
is "a flipped page: no report file" [ ! -e "$tmp/report.csv" ]

# ---- check --head --------------------------------------------------------------------------------
fresh head
"$JIUYE" export residents --purpose 上报区人社局 --db "$db" -o "$tmp/head1.csv" >/dev/null 2>&1
run check --db "$db"
head=$(sed -n 's/^head of the audit trail: \([0-9]*:[0-9a-f]*\) .*/\1/p' "$tmp/out")
[ -n "$head" ] && ok "check prints the trail's head as ROW:HASH" ||
	nok "check prints the trail's head as ROW:HASH" "$(cat "$tmp/out")"
run check --db "$db" --head "$head"
status_is "check --head: the trail still holds it" 0
has "check --head: says so" "$tmp/out" "still holds the head noted"
last=${head%%:*}
# one more export, then both export rows gone: events, no record's rows, so only the head shows it
"$JIUYE" export residents --purpose 上报区人社局 --db "$db" -o "$tmp/head2.csv" >/dev/null 2>&1
q "$db" "BEGIN; DROP TRIGGER history_no_delete; DELETE FROM history WHERE seq >= $last;
	$(q "$db" "SELECT sql FROM sqlite_schema WHERE name = 'history_no_delete'"); COMMIT;"
run check --db "$db"
status_is "the newest rows removed: the chain alone still fits" 0
run check --db "$db" --head "$head"
status_is "check --head after the newest rows were removed: exit 1" 1
has "check --head: names the row no longer held" "$tmp/out" "no longer holds row $last"
run check --db "$db" --head "12:zz"
status_is "check --head with no head in it: a usage error" 2

# ---- a killed export's temporary file ------------------------------------------------------------
mkdir "$tmp/out.d"
sh -c 'exit 0' &
dead=$!
wait "$dead"
stale="$tmp/out.d/.r.csv.jiuye-tmp-$dead"
live="$tmp/out.d/.other.csv.jiuye-tmp-$$"
printf '身份证号\n110105194912310021\n' >"$stale"
chmod 600 "$stale"
: >"$live"
: >"$tmp/out.d/.r.csv.tmp-not-ours"
run export residents --purpose 上报区人社局 --db "$tmp/demo.db" -o "$tmp/out.d/r.csv"
status_is "export after a killed one" 0
is "the killed export's temporary file is removed" [ ! -e "$stale" ]
is "a running writer's temporary file is kept" [ -e "$live" ]
is "a file not named as ours is kept" [ -e "$tmp/out.d/.r.csv.tmp-not-ours" ]
ls -a "$tmp/out.d" | grep -q '^\.r\.csv\.jiuye-tmp-' &&
	nok "the export leaves no temporary file of its own" "$(ls -a "$tmp/out.d")" ||
	ok "the export leaves no temporary file of its own"

# ---- a file name with an ESC in it ---------------------------------------------------------------
esc=$(printf '\033')
bad="$tmp/${esc}]0;pwned$(printf '\007').csv"
run import residents "$bad" --db "$tmp/demo.db"
status_is "an import file that is not there: exit 1" 1
has "its name is shown escaped" "$tmp/err" '\e]0;pwned\x07.csv'
if grep -q "$esc" "$tmp/err"; then nok "no ESC reaches the terminal" "$(od -c "$tmp/err" | head)"
else ok "no ESC reaches the terminal"; fi
cp "$data/residents_bad_id.csv" "$bad"
run import residents "$bad" --db "$tmp/demo.db"
has "a row's message names the file escaped" "$tmp/err" '\e]0;pwned\x07.csv'
if grep -q "$esc" "$tmp/err" "$tmp/out"; then
	nok "no ESC in the row messages" "$(od -c "$tmp/err" | head)"
else ok "no ESC in the row messages"; fi

# database errors in the worker's words, never SQLite's "exec: database error"
fresh words
q "$db" "PRAGMA user_version = -100"
run check --db "$db"
lacks "no 'exec: database error'" "$tmp/err" "exec: database error"
lacks "no SQL run from outside the migrations" "$tmp/err" "syntax error"
