#!/bin/sh
# tests/cli/upgrade.sh: a database written by every older jiuye, opened by this one.
#
# For each older schema version V (1 up to the newest migration but one) a database is made here
# from the migrations themselves, as that jiuye made it: assets/schema/001 … V, each in one
# transaction that ends by setting user_version (core/db.c db_migrate), each followed by the rows
# of tests/cli/data/upgrade/NNN.sql for the tables that migration makes or changes, so that every
# table holds a row and every column a value. The audit trail's rows from before 007_audit.sql carry
# no hash; those after it carry the SHA-256 chain core/history.c computes (computed here the same
# way, in Python). Then the current jiuye opens it (`jiuye check`, which opens it for writing and
# so upgrades it) and:
#   - check exits 0 and says integrity, foreign keys, the schema and the audit trail are ok, the
#     trail accounting for the records (each one's creation, and a change for each later version);
#   - the file is at the current version exactly, and FILE.before-vN holds the file as it was;
#   - every row that was there is still there, with the same values in every column it had (the
#     labels 004 and 005 turn into codes are compared with the codes they become, and the values
#     010, 011, 012 and 014 move with what they become: see moved below);
#   - a write (an export, recorded in the trail) seals the rows from before the chain, the trail
#     still verifies, and a later change to one of those rows is found;
#   - opened once more, nothing changes.
# The trail of every data file accounts for its records as jiuye's saves write it (check counts a
# creation for each, and a change for each version after the first). 012_trail_guard.sql has no
# data file: the one row of the table it makes is written by the migration, and never again.
# A database at the current version: check is clean, and opening it changes nothing; one of a newer
# version is refused. Prints its plan, then "ok - name" / "not ok - name" lines.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB SSH_CONNECTION
here=$(cd "$(dirname "$0")" && pwd)
schema=$(cd "$here/../../assets/schema" && pwd)
data=$here/data/upgrade
. "$here/lib.sh"
me=$(id -un)
# Debian's own python3 first: it starts in a fraction of the time a version manager's shim takes.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)

cur=$(ls "$schema"/*.sql | wc -l)
for t in sqlite3 python3; do
	[ $t = python3 ] && [ -n "$PY" ] && continue
	if ! command -v $t >/dev/null 2>&1; then
		plan 1
		must_run "databases of every older schema version upgrade" "no $t (make deps-test installs it)"
		[ "${CI:-}" != true ]      # on CI must_run said "not ok"
		exit
	fi
done
# per older version: 13 checks; the current version: 6
plan $(((cur - 1) * 13 + 6))

q() { sqlite3 -batch "$db" "$1"; }

# The rows of a data file into DB (python: the audit trail's hash chain needs SHA-256). @ME@ in the
# file is the OS user running the test. Once history has its hash column, the rows of the trail go
# in through the view history_in, whose trigger adds each row's link: SHA-256 of the previous link
# and the row serialised as core/history.c does (hash_row: seq, at, os_user, worker, src, role,
# entity, entity_id, action, fields, changes, result; integers 'i' + 8 bytes big-endian, texts 't'
# + 4 bytes big-endian length + bytes, NULL 'n'), the first link from SHA-256("jiuye history
# genesis") through every row before it, hashed or not. Foreign keys on, as jiuye has them; a row
# that breaks one fails the file.
cat >"$tmp/rows.py" <<'EOF'
import hashlib, sqlite3, struct, sys

db, path, me = sys.argv[1:]
INTS = (0, 5, 7)        # seq, role, entity_id: the rest are texts
COLS = "seq, at, os_user, worker, src, role, entity, entity_id, action, fields, changes, result"

def link(prev, row):
    h = hashlib.sha256(prev)
    for i, v in enumerate(row):
        if v is None:
            h.update(b"n")
        elif i in INTS:
            h.update(b"i" + struct.pack(">Q", int(v) & (1 << 64) - 1))
        else:
            b = str(v).encode("utf-8")
            h.update(b"t" + struct.pack(">I", len(b)) + b)
    return h.digest()

con = sqlite3.connect(db, isolation_level=None)
con.execute("PRAGMA foreign_keys = ON")
con.execute("PRAGMA synchronous = OFF")
if "hash" in [r[1] for r in con.execute("PRAGMA table_info(history)")]:
    head = [hashlib.sha256(b"jiuye history genesis").digest()]
    for row in con.execute("SELECT %s FROM history ORDER BY seq" % COLS):
        head[0] = link(head[0], row)
    def chain(*row):
        head[0] = link(head[0], row)
        return head[0]
    con.create_function("jy_chain", 12, chain)
    new = ", ".join("NEW." + c.strip() for c in COLS.split(","))
    con.execute("CREATE TEMP VIEW history_in AS SELECT %s FROM history" % COLS)
    con.execute("CREATE TEMP TRIGGER history_in_insert INSTEAD OF INSERT ON history_in BEGIN "
                "INSERT INTO history(%s, hash) VALUES (%s, jy_chain(%s)); END" % (COLS, new, new))
with open(path, encoding="utf-8") as f:
    sql = f.read().replace("@ME@", me)
try:
    con.executescript("BEGIN IMMEDIATE;\n" + sql + "\nCOMMIT;")
except sqlite3.Error as e:
    sys.exit("%s: %s" % (path, e))
bad = con.execute("PRAGMA foreign_key_check").fetchall()
if bad:
    sys.exit("%s: rows refer to missing records: %s" % (path, bad))
EOF

# Every table of DB with its columns, one line each: "TABLE COL,COL,...".
columns() {
	sqlite3 -batch -separator ' ' "$1" "SELECT m.name, (SELECT group_concat(name, ',') FROM
		(SELECT name FROM pragma_table_info(m.name) ORDER BY cid)) FROM sqlite_schema m
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name"
}

# Every row of DB in the tables and columns of COLUMNS (a columns file) but those named TABLE.COLUMN
# in $skipcols, one line a row (values as SQL literals, line breaks as \n), sorted.
skipcols=""
dump() {
	awk -v skip=" $skipcols " '{
		n = split($2, c, ",")
		sel = ""
		for (i = 1; i <= n; i++)
			if (index(skip, " " $1 "." c[i] " ") == 0)
				sel = sel (sel == "" ? "" : " || \x27,\x27 || ") \
				      "replace(quote(\"" c[i] "\"), char(10), \x27\\n\x27)"
		print "SELECT \x27" $1 ": \x27 || " sel " FROM \"" $1 "\";"
	}' "$2" | sqlite3 -batch "$1" | LC_ALL=C sort
}

# The tables of COLUMNS without a row in DB, and the columns without a value in any row. A commit
# never leaves a row in seek_deferred (a bulk load empties it inside its own transaction).
unfilled() {
	awk '$1 != "seek_deferred" {
		n = split($2, c, ",")
		for (i = 1; i <= n; i++)
			print "SELECT \x27" $1 "." c[i] "\x27 WHERE NOT EXISTS (SELECT 1 FROM \"" $1 "\" WHERE \"" \
			      c[i] "\" IS NOT NULL);"
	}' "$2" | sqlite3 -batch "$1" | tr '\n' ' '
}

# The values the migrations after version $v move out of the columns they had, one line each: in
# DB as they are to become (before) or as they are (after). Compared with the rest of the rows,
# which leave them out ($skipcols, and the setting 012 moves).
#   010_kinds.sql: a status event's kind. A resident's first event noted 'registered' (registering
#     her wrote it so) is her registration, its note gone; every other event a change, its note
#     kept, even one a worker noted "registered".
#   011_search_scope.sql: search_key gains the resident's community in front ('' for none); each
#     key of each resident stays.
#   012_trail_guard.sql: the setting audit.unhashed_until becomes the one row of audit_epoch.
#   014_close_reason.sql: a closed resident's reason, typed text before, becomes its code (the
#     labels and aliases of the list close_reason), any other text 其他 (9) with the text as its
#     note.
#   020_visit_kind.sql: a contact's kind, typed text before, becomes its code (the labels and
#     aliases of the list visit_kind), any other text 入户走访 (1).
moved() {
	note="replace(quote(note), char(10), '\n')"
	if [ $2 = before ]; then
		kind="CASE WHEN note = 'registered' AND NOT EXISTS (SELECT 1 FROM status_event e
			WHERE e.resident_id = s.resident_id AND e.id < s.id)
			THEN '''registration'',NULL' ELSE '''change'',' || $note END"
		community="coalesce((SELECT community FROM resident r
			WHERE r.id = s.resident_id), '')"
		epoch="(SELECT value FROM setting WHERE key = 'audit.unhashed_until')"
		closing="CASE WHEN closed_at IS NULL OR close_reason IS NULL
			THEN quote(close_reason) || ',NULL'
			ELSE coalesce((SELECT quote(c) || ',NULL' FROM (SELECT '迁出' AS l, '1' AS c
				UNION ALL SELECT '迁出本县', '1' UNION ALL SELECT '迁往外地', '1'
				UNION ALL SELECT '死亡', '2' UNION ALL SELECT '去世', '2'
				UNION ALL SELECT '重复登记', '3' UNION ALL SELECT '重复', '3'
				UNION ALL SELECT '本人要求', '4' UNION ALL SELECT '其他', '9') m
				WHERE m.l = close_reason), quote('9') || ',' || quote(close_reason)) END"
		vkind="coalesce((SELECT c FROM (SELECT '入户走访' AS l, '1' AS c
			UNION ALL SELECT '走访', '1' UNION ALL SELECT '家访', '1' UNION ALL SELECT '入户', '1'
			UNION ALL SELECT '上门走访', '1' UNION ALL SELECT '电话', '2'
			UNION ALL SELECT '电话回访', '2' UNION ALL SELECT '电话走访', '2'
			UNION ALL SELECT '电访', '2' UNION ALL SELECT '来访', '3' UNION ALL SELECT '来所', '3'
			UNION ALL SELECT '来站', '3' UNION ALL SELECT '职业指导', '4'
			UNION ALL SELECT '就业指导', '4' UNION ALL SELECT '指导', '4'
			UNION ALL SELECT '其他', '9') m WHERE m.l = kind), '1')"
	else
		kind="quote(kind) || ',' || $note"
		community=community
		epoch="(SELECT unhashed_until FROM audit_epoch)"
		closing="quote(close_reason) || ',' || quote(close_note)"
		vkind=kind
	fi
	{
		[ $v -lt 10 ] && echo "SELECT 'status_event.kind: ' || id || ',' || $kind
			FROM status_event s;"
		[ $v -lt 11 ] && echo "SELECT 'search_key.community: ' || quote($community) ||
			',' || quote(key) || ',' || resident_id FROM search_key s;"
		[ $v -ge 7 ] && [ $v -lt 12 ] && echo "SELECT 'audit_epoch: ' || $epoch;"
		[ $v -lt 14 ] && echo "SELECT 'resident.close_reason: ' || id || ',' || $closing
			FROM resident;"
		[ $v -lt 20 ] && echo "SELECT 'visit.kind: ' || id || ',' || quote($vkind) FROM visit;"
	} | sqlite3 -batch "$1"
}
# The rows of a dump but the setting 012 moves into audit_epoch (moved compares it).
unmoved() {
	if [ $v -ge 7 ] && [ $v -lt 12 ]; then
		grep -v "^setting: 'audit.unhashed_until',"
	else
		cat
	fi
}

# ---- the databases of every version, each the one before it plus a migration and its rows ---------
db=$tmp/build.db
sqlite3 "$db" 'PRAGMA journal_mode=WAL' >/dev/null
v=1
while [ $v -le "$cur" ]; do
	n=$(printf %03d $v)
	m=$(ls "$schema/${n}"_*.sql 2>/dev/null)
	if [ -z "$m" ]; then
		nok "v$v: made from the migrations" "no $schema/${n}_*.sql: the migrations are not numbered 001 …"
		exit 1
	fi
	{
		# (synchronous off: a scratch file needs no flush to the disk, which takes most of the time)
		echo "PRAGMA foreign_keys = ON; PRAGMA synchronous = OFF; BEGIN IMMEDIATE;"
		cat "$m"
		echo "; PRAGMA user_version = $v; COMMIT;"
	} | sqlite3 -bail -batch "$db" >"$tmp/build.out" 2>&1
	st=$?
	if [ $st -eq 0 ] && [ -f "$data/$n.sql" ]; then
		"$PY" "$tmp/rows.py" "$db" "$data/$n.sql" "$me" >>"$tmp/build.out" 2>&1
		st=$?
	fi
	if [ $st -ne 0 ] || [ "$(q 'PRAGMA user_version')" != $v ]; then
		nok "v$v: made from the migrations 001 … $n and the rows of data/upgrade" "$(cat "$tmp/build.out")"
		exit 1
	fi
	ok "v$v: made from the migrations 001 … $n and the rows of data/upgrade"
	cp "$db" "$tmp/v$v.db"
	v=$((v + 1))
done

# ---- each older version, upgraded ------------------------------------------------------------------
v=1
while [ $v -lt "$cur" ]; do
	db=$tmp/u$v.db
	cp "$tmp/v$v.db" "$db"
	columns "$db" >"$tmp/cols"
	missing=$(unfilled "$db" "$tmp/cols")
	[ -z "$missing" ] && ok "v$v: a row in every table and a value in every column" ||
		nok "v$v: a row in every table and a value in every column" "empty: $missing"
	hist=$(q "SELECT count(*) FROM history")
	skipcols=""
	dump "$db" "$tmp/cols" >"$tmp/orig"
	# The labels 004 and 005 turn into codes are compared apart, with the codes they become; the
	# values 010, 011 and 012 move, with what they become (moved).
	[ $v -lt 4 ] && skipcols="employer.kind employer.industry posting.source fair.kind"
	[ $v -lt 5 ] && skipcols="$skipcols course.speciality course.category enrolment.cert_type"
	[ $v -lt 10 ] && skipcols="$skipcols status_event.note"
	[ $v -lt 14 ] && skipcols="$skipcols resident.close_reason"
	[ $v -lt 20 ] && skipcols="$skipcols visit.kind"
	{ dump "$db" "$tmp/cols" | unmoved; moved "$db" before; } | LC_ALL=C sort >"$tmp/before"

	run check --db "$db"
	status_is "v$v: jiuye check upgrades it and exits 0" 0
	has "v$v: check: integrity, foreign keys, the schema and the audit trail's $hist rows ok" \
		"$tmp/out" "check: ok (integrity, foreign keys, the schema, and the audit trail's \
$hist rows with the records they account for)"
	got=$(q 'PRAGMA user_version')
	[ "$got" = "$cur" ] && ok "v$v: now at schema $cur" || nok "v$v: now at schema $cur" "user_version $got"
	got=$(sqlite3 -batch "$db.before-v$cur" 'PRAGMA user_version' 2>&1)
	skipcols=""
	dump "$db.before-v$cur" "$tmp/cols" >"$tmp/copy" 2>&1
	[ "$got" = "$v" ] && cmp -s "$tmp/orig" "$tmp/copy" &&
		ok "v$v: $(basename "$db").before-v$cur holds the file as it was, at schema $v" ||
		nok "v$v: FILE.before-v$cur holds the file as it was" "schema $got" "$(ls "$tmp")" \
			"$(diff "$tmp/orig" "$tmp/copy" | head -n 10)"
	[ $v -lt 4 ] && skipcols="employer.kind employer.industry posting.source fair.kind"
	[ $v -lt 5 ] && skipcols="$skipcols course.speciality course.category enrolment.cert_type"
	[ $v -lt 10 ] && skipcols="$skipcols status_event.note"
	[ $v -lt 14 ] && skipcols="$skipcols resident.close_reason"
	[ $v -lt 20 ] && skipcols="$skipcols visit.kind"
	{ dump "$db" "$tmp/cols"; moved "$db" after; } | LC_ALL=C sort >"$tmp/after"
	LC_ALL=C comm -23 "$tmp/before" "$tmp/after" >"$tmp/lost"
	[ ! -s "$tmp/lost" ] && [ -s "$tmp/before" ] && ok "v$v: every row kept, with the values of its columns" ||
		nok "v$v: every row kept, with the values of its columns" "gone or changed:" \
			"$(head -n 10 "$tmp/lost")"
	got=$(q "SELECT (SELECT group_concat(kind || '/' || industry, ' ') FROM
			(SELECT * FROM employer WHERE id <= 2 ORDER BY id)) || ' ' ||
		(SELECT group_concat(source, ' ') FROM (SELECT * FROM posting WHERE id <= 2 ORDER BY id)) ||
		' ' || (SELECT kind FROM fair WHERE id = 1) || ' ' ||
		(SELECT speciality || '/' || category FROM course WHERE id = 1) || ' ' ||
		(SELECT cert_type FROM enrolment WHERE id = 1)")
	what="v$v: the labels of 001's rows are the codes 004 and 005 made them"
	[ "$got" = "30/O 10/C 5 4 01 01/1 2" ] && ok "$what" || nok "$what" "$got"

	# A write: the first append after 007 seals the rows from before the chain.
	run export residents --purpose 核对升级 -o "$tmp/r$v.csv" --db "$db"
	status_is "v$v: an export (recorded in the trail) exits 0" 0
	rows=$((hist + 1))
	[ $v -lt 7 ] && rows=$((rows + 1))      # and the seal
	columns "$db" >"$tmp/cols"
	skipcols=""
	dump "$db" "$tmp/cols" >"$tmp/before"
	run check --db "$db"
	has "v$v: check: ok after it, the trail's $rows rows verified" "$tmp/out" \
		"check: ok (integrity, foreign keys, the schema, and the audit trail's $rows rows \
with the records they account for)"
	# Opened once more, with nothing to upgrade: nothing changes.
	dump "$db" "$tmp/cols" >"$tmp/after"
	[ "$st" -eq 0 ] && cmp -s "$tmp/before" "$tmp/after" && [ "$(q 'PRAGMA user_version')" = "$cur" ] &&
		ok "v$v: opened again, nothing changes" ||
		nok "v$v: opened again, nothing changes" "exit $st" "$(diff "$tmp/before" "$tmp/after" | head -n 10)"
	unhashed=$(q "SELECT count(*) FROM history WHERE hash IS NULL")
	got=$(q "SELECT count(*) || ' ' || max(entity_id) || ' ' ||
		(SELECT unhashed_until FROM audit_epoch) FROM history WHERE action = 'seal'")
	[ "$got" = "1 $unhashed $unhashed" ] && [ "$unhashed" -gt 0 ] &&
		ok "v$v: one seal, over the $unhashed rows from before the chain" ||
		nok "v$v: one seal, over the rows from before the chain" "seals, rows sealed, unhashed_until: $got" \
			"rows without a hash: $unhashed"
	# Someone with the sqlite3 shell changes a row from before the chain: the seal no longer fits.
	cp "$db" "$tmp/tampered.db"
	seal=$(q "SELECT seq FROM history WHERE action = 'seal'")
	trig=$(q "SELECT sql FROM sqlite_schema WHERE name = 'history_no_update'")
	sqlite3 -batch "$tmp/tampered.db" "BEGIN; DROP TRIGGER history_no_update;
		UPDATE history SET worker = '张伟' WHERE seq = 2; $trig; COMMIT;"
	run check --db "$tmp/tampered.db"
	[ "$st" -eq 1 ] && grep -q "history row $seal " "$tmp/out" &&
		ok "v$v: an old row changed after the upgrade breaks the chain at the seal (row $seal)" ||
		nok "v$v: an old row changed after the upgrade breaks the chain at the seal" "exit $st" \
			"$(cat "$tmp/out" "$tmp/err")"
	v=$((v + 1))
done

# ---- the current version --------------------------------------------------------------------------
db=$tmp/v$cur.db
columns "$db" >"$tmp/cols"
missing=$(unfilled "$db" "$tmp/cols")
[ -z "$missing" ] && ok "v$cur: a row in every table and a value in every column" ||
	nok "v$cur: a row in every table and a value in every column" "empty: $missing" \
		"(a new migration's tables and columns need their rows in data/upgrade/)"
skipcols=""
dump "$db" "$tmp/cols" >"$tmp/before"
run check --db "$db"
[ "$st" -eq 0 ] && grep -q "^check: ok (" "$tmp/out" && ok "v$cur: jiuye check is clean" ||
	nok "v$cur: jiuye check is clean" "exit $st" "$(cat "$tmp/out" "$tmp/err")"
[ "$(q 'PRAGMA user_version')" = "$cur" ] && [ ! -e "$db.before-v$cur" ] &&
	ok "v$cur: still schema $cur, and no copy made: there was nothing to upgrade" ||
	nok "v$cur: still schema $cur, no copy made" "user_version $(q 'PRAGMA user_version')" "$(ls "$tmp")"
dump "$db" "$tmp/cols" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" && ok "v$cur: opened, nothing changes" ||
	nok "v$cur: opened, nothing changes" "$(diff "$tmp/before" "$tmp/after" | head -n 10)"
cp "$db" "$tmp/newer.db"
sqlite3 "$tmp/newer.db" "PRAGMA user_version = $((cur + 1))"
run check --db "$tmp/newer.db"
[ "$st" -eq 1 ] && grep -q "newer jiuye" "$tmp/err" &&
	[ "$(sqlite3 "$tmp/newer.db" 'PRAGMA user_version')" = $((cur + 1)) ] &&
	ok "schema $((cur + 1)), of a newer jiuye: refused, left as it is" ||
	nok "schema $((cur + 1)), of a newer jiuye: refused, left as it is" "exit $st" "$(cat "$tmp/err")"
