#!/bin/sh
# tests/cli/audit.sh: the audit trail from the command line. Imports and exports are
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
plan 21
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

# ---- a street's reviewer reads her communities' trail only ----------------------------------------
# The worker is the real user id: as root the reviewer is played by the account nobody (setpriv),
# in the full-screen program on a pseudo-terminal (the screen tests' harness). 管理 > 审计记录: rows
# of 陈美玲 (红星村, outside 城南街道: 居民 #5, her certificate 证件 #5) are left out of the list, of
# a filter on 联系电话 and of her F7 file; 王秀兰 (幸福里社区) and the logins stay. The administrator
# sees them all on the same screen.
vth=${VTHARNESS:-$(dirname "$JIUYE")/vtharness}
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1 ||
	[ ! -x "$vth" ]; then
	skip_rest 7 "a reviewer's audit trail" "not root, or no setpriv, nobody or $vth"
	exit 0
fi
newdb scope
chen=$(q "SELECT id_no FROM resident WHERE name = '陈美玲'")
wang=$(q "SELECT id_no FROM resident WHERE name = '王秀兰'")
printf '姓名,身份证号,联系电话,地址\n陈美玲,%s,13900000999,溪口镇红星村5组\n王秀兰,%s,13900000888,幸福里社区9栋1单元101\n' \
	"$chen" "$wang" >"$tmp/change.csv"
run import residents "$tmp/change.csv" --db "$db"
status_is "scope: the administrator changes a phone and an address in 红星村 and in 幸福里社区" 0
run worker add nobody --role reviewer --scope 城南街道 --db "$db"
status_is "scope: nobody is the street's reviewer" 0
# The build tree may sit in a folder the account nobody cannot enter (a fresh clone in a 0700
# temporary folder): she runs copies from the test's own folder.
wbin="$tmp/jiuye-as-worker"
wvth="$tmp/vtharness-as-worker"
cp "$JIUYE" "$wbin" && cp "$vth" "$wvth" && chmod 755 "$wbin" "$wvth"
chmod 1777 "$tmp"
chmod 666 "$db"*
screen() { # user, keys file: the program on the harness as that user
	setpriv --reuid="$1" --regid="$(id -g "$1")" --clear-groups env HOME="$tmp" LANG=C.UTF-8 \
		ASAN_OPTIONS=detect_leaks=0 "$wvth" -s 120x40 "$2" -- "$wbin" --db "$db" >"$tmp/screen.out" 2>&1
}
cat >"$tmp/admin.keys" <<KEYS
wait-for 1
key 5
key 3
expect-contains 居民 #5
key <F3>
key <Tab> <Tab>
type 联系电话
key <F2>
expect-contains 居民 #5
expect-contains 居民 #1
key <Esc>
key <Esc>
key <F10>
wait-exit 0
KEYS
screen root "$tmp/admin.keys"
if ! grep -q '^not ok' "$tmp/screen.out"; then ok "scope: the administrator's trail, filtered on 联系电话, has 居民 #5 and 居民 #1"
else nok "scope: the administrator's trail, filtered on 联系电话, has 居民 #5 and 居民 #1" "$(sed 's/^/  /' "$tmp/screen.out")"; fi
cat >"$tmp/reviewer.keys" <<KEYS
wait-for 1
key 5
key 3
expect-contains 登录
expect-contains 居民 #1
expect-absent 居民 #5
expect-absent 证件 #5
key <F3>
key <Tab> <Tab>
type 联系电话
key <F2>
expect-contains 居民 #1
expect-absent 居民 #5
key <F7>
key <C-u>
type $tmp/trail.csv
key <Enter>
key <Esc>
key <Esc>
key <F10>
wait-exit 0
KEYS
screen nobody "$tmp/reviewer.keys"
if ! grep -q '^not ok' "$tmp/screen.out"; then ok "scope: the reviewer's trail and its filter leave 陈美玲's rows out"
else nok "scope: the reviewer's trail and its filter leave 陈美玲's rows out" "$(sed 's/^/  /' "$tmp/screen.out")"; fi
has "scope: the reviewer's file has 王秀兰's row" "$tmp/trail.csv" ",居民,1,"
lacks "scope: the reviewer's file has no row of 陈美玲" "$tmp/trail.csv" ",居民,5,"
lacks "scope: ... nor of her certificate" "$tmp/trail.csv" ",证件,5,"
