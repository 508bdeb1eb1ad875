#!/bin/sh
# tests/cli/backup.sh: `jiuye backup DEST --keep N` keeps backups in generations.
#   DEST a directory: jiuye-YYYYMMDD-HHMMSS.db in it, the newest N kept, nothing else touched;
#   DEST a file: DEST.1 ... DEST.N-1 the older copies; --keep 1 drops them.
# Every copy is private (no bits for others), passes `jiuye check`, and a backup taken while five
# writers import restores to a database that passes `jiuye check` and holds whole files only.
# `jiuye restore BACKUP` puts one back: the old data back, the file it replaced kept beside it
# with the newer data, refused while someone has the database open or for a file that fails
# check. `make install` ships the nightly timer, its service and a cron.d example.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 74
# this script's own status_is runs the command it checks (lib.sh's checks the last run)
status_is() { # name, expected status, command...
	name=$1; want=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok "$name"; else nok "$name" "exit $got, expected $want" "$(cat "$tmp/out" "$tmp/err")"; fi
}
is() { # name, got, expected
	if [ "$2" = "$3" ]; then ok "$1"; else nok "$1" "got:      $2" "expected: $3"; fi
}
residents() { sqlite3 "$1" 'SELECT count(*) FROM resident' 2>&1; }
# Our backups in a directory, oldest first.
backups() {
	ls "$1" | grep -E '^jiuye-[0-9]{8}-[0-9]{6}(-[0-9]+)?\.db$' |
		awk -F'[-.]' '{ printf "%s%s %06d %s\n", $2, $3, NF == 5 ? $4 : 1, $0 }' | sort | cut -d' ' -f3
}
written() { sed -n 's/^backup written to //p' "$tmp/out"; }

# rows residents of region 410105 as CSV: file, first sequence number, rows. Checksum-valid IDs.
csv() {
	awk -v from="$2" -v rows="$3" 'BEGIN {
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ");
		print "姓名,身份证号,社区";
		for (k = from; k < from + rows; k++) {
			id = sprintf("4101051990%02d%02d%03d", int(k / 28000) % 12 + 1, int(k / 1000) % 28 + 1, k % 1000);
			s = 0; for (i = 1; i <= 17; i++) s += substr(id, i, 1) * w[i];
			printf "备份%05d,%s%s,幸福里社区\n", k, id, substr("10X98765432", s % 11 + 1, 1);
		}
	}' >"$1"
}

db="$tmp/live.db"
"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"

# ---- a directory: dated names, the newest N kept ---------------------------------------------------
mkdir "$tmp/bk"
echo "the office's own notes" >"$tmp/bk/notes.txt"
touch "$tmp/bk/jiuye.db.old"
names=""
for i in 1 2 3 4 5; do
	status_is "backup into a directory, run $i: exit 0" 0 "$JIUYE" backup "$tmp/bk" --keep 3 --db "$db"
	names="$names $(basename "$(written)")"
done
is "--keep 3 keeps three backups" "$(backups "$tmp/bk" | wc -l | tr -d ' ')" 3
kept=$(backups "$tmp/bk" | tr '\n' ' ')
newest3=$(echo $names | tr ' ' '\n' | tail -n 3 | tr '\n' ' ')
is "the three kept are the newest three" "$kept" "$newest3"
case $(echo $names | cut -d' ' -f1) in
jiuye-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]*.db) ok "named jiuye-YYYYMMDD-HHMMSS.db" ;;
*) nok "named jiuye-YYYYMMDD-HHMMSS.db" "$names" ;;
esac
[ -f "$tmp/bk/notes.txt" ] && [ -f "$tmp/bk/jiuye.db.old" ] && ok "other files in the directory are left alone" ||
	nok "other files in the directory are left alone" "$(ls "$tmp/bk")"
bad=""
for f in $(backups "$tmp/bk"); do
	"$JIUYE" check --db "$tmp/bk/$f" >/dev/null 2>&1 || bad="$bad $f"
done
is "every kept backup passes check" "$bad" ""
perm=$(stat -c %a "$tmp/bk/$(backups "$tmp/bk" | tail -n 1)")
case $perm in
*0) ok "a backup is not readable by others (mode $perm)" ;;
*) nok "a backup is not readable by others" "mode $perm" ;;
esac
status_is "without --keep nothing is removed" 0 "$JIUYE" backup "$tmp/bk" --db "$db"
is "without --keep: four backups" "$(backups "$tmp/bk" | wc -l | tr -d ' ')" 4

# A copy a killed backup left half-written: removed once it is an hour old, not while it may be
# a backup still running.
echo junk >"$tmp/bk/jiuye-20200101-000000.db.tmp"
echo junk >"$tmp/bk/jiuye-20200101-000000.db.tmp-journal"
touch -d '2 hours ago' "$tmp/bk/jiuye-20200101-000000.db.tmp" "$tmp/bk/jiuye-20200101-000000.db.tmp-journal"
echo junk >"$tmp/bk/jiuye-20200101-000001.db.tmp"
status_is "backup --keep 2" 0 "$JIUYE" backup "$tmp/bk" --keep 2 --db "$db"
[ ! -e "$tmp/bk/jiuye-20200101-000000.db.tmp" ] && [ ! -e "$tmp/bk/jiuye-20200101-000000.db.tmp-journal" ] &&
	ok "a half-written copy an hour old is removed" || nok "a half-written copy an hour old is removed" "$(ls "$tmp/bk")"
[ -e "$tmp/bk/jiuye-20200101-000001.db.tmp" ] && ok "a fresh .tmp (a backup under way) is left" ||
	nok "a fresh .tmp is left" "$(ls "$tmp/bk")"
is "--keep 2 after 4: two backups" "$(backups "$tmp/bk" | wc -l | tr -d ' ')" 2

# ---- a file: DEST, DEST.1, DEST.2 ------------------------------------------------------------------
for i in 1 2 3 4; do
	csv "$tmp/one$i.csv" $((90000 + i)) 1
	"$JIUYE" import residents "$tmp/one$i.csv" --db "$db" >/dev/null 2>&1
	status_is "backup to a file --keep 3, run $i" 0 "$JIUYE" backup "$tmp/f.db" --keep 3 --db "$db"
done
[ -f "$tmp/f.db" ] && [ -f "$tmp/f.db.1" ] && [ -f "$tmp/f.db.2" ] && [ ! -e "$tmp/f.db.3" ] &&
	ok "a file --keep 3: f.db, f.db.1, f.db.2" || nok "a file --keep 3" "$(ls "$tmp")"
is "generations newest first (14, 13, 12 residents)" \
	"$(residents "$tmp/f.db") $(residents "$tmp/f.db.1") $(residents "$tmp/f.db.2")" "14 13 12"
[ ! -e "$tmp/f.db.new" ] && ok "no f.db.new left behind" || nok "no f.db.new left behind"
status_is "the oldest generation passes check" 0 "$JIUYE" check --db "$tmp/f.db.2"
status_is "backup to a file --keep 1" 0 "$JIUYE" backup "$tmp/f.db" --keep 1 --db "$db"
[ -f "$tmp/f.db" ] && [ ! -e "$tmp/f.db.1" ] && [ ! -e "$tmp/f.db.2" ] && ok "--keep 1 drops the older generations" ||
	nok "--keep 1 drops the older generations" "$(ls "$tmp")"

status_is "--keep 0 is a usage error" 2 "$JIUYE" backup "$tmp/g.db" --keep 0 --db "$db"
status_is "--keep x is a usage error" 2 "$JIUYE" backup "$tmp/g.db" --keep x --db "$db"
status_is "--keep without a value is a usage error" 2 "$JIUYE" backup "$tmp/g.db" --db "$db" --keep
status_is "--keep=2 is accepted" 0 "$JIUYE" backup "$tmp/g.db" --keep=2 --db "$db"

# ---- a backup while five writers import --------------------------------------------------------------
# Each writer imports four files of 100 residents; an import is all or nothing, so a consistent
# copy holds the 14 residents from before plus whole files only.
rows=100
before=$(residents "$db")
pids=""
for w in 1 2 3 4 5; do
	for k in 1 2 3 4; do csv "$tmp/w$w-$k.csv" $(((w * 10 + k) * 1000)) $rows; done
	(
		for k in 1 2 3 4; do
			"$JIUYE" import residents "$tmp/w$w-$k.csv" --db "$db" >"$tmp/w$w-$k.out" 2>&1 || echo "w$w-$k failed" >>"$tmp/writers.err"
		done
	) &
	pids="$pids $!"
done
mkdir "$tmp/night"
sleep 0.3
bk_st=0
for i in 1 2 3; do
	"$JIUYE" backup "$tmp/night" --keep 2 --db "$db" >"$tmp/out" 2>"$tmp/bk$i.err" || bk_st=1
	sleep 0.2
done
for p in $pids; do wait "$p"; done
[ $bk_st -eq 0 ] && ok "backups while five writers import: each succeeds" || nok "backups while five writers import" "$(cat "$tmp"/bk*.err)"
[ ! -s "$tmp/writers.err" ] && ok "five writers beside the backups: no import failed" ||
	nok "five writers beside the backups: no import failed" "$(cat "$tmp/writers.err")" "$(cat "$tmp"/w*-*.out | grep -v '^import')"
is "two of the three kept" "$(backups "$tmp/night" | wc -l | tr -d ' ')" 2
# Restore: the newest copy put back as the office's database.
cp "$tmp/night/$(backups "$tmp/night" | tail -n 1)" "$tmp/restored.db"
status_is "the restored backup passes jiuye check" 0 "$JIUYE" check --db "$tmp/restored.db"
n=$(residents "$tmp/restored.db")
if [ $(((n - before) % rows)) -eq 0 ] && [ "$n" -ge "$before" ]; then
	ok "the restored backup holds whole imports only ($n residents: $before + $(((n - before) / rows)) files)"
else
	nok "the restored backup holds whole imports only" "$n residents, $before before, files of $rows"
fi
status_is "the restored database opens for work (export)" 0 "$JIUYE" export residents --purpose 核对备份 -o "$tmp/restored.csv" --db "$tmp/restored.db"
is "the live database holds every import" "$(residents "$db")" "$((before + 20 * rows))"
status_is "the live database passes jiuye check" 0 "$JIUYE" check --db "$db"

# ---- jiuye restore: backup, change, restore ------------------------------------------------
rdb="$tmp/office.db"
"$JIUYE" init --demo --db "$rdb" >/dev/null 2>&1 || nok "init --demo (restore)"
status_is "backup before the change" 0 "$JIUYE" backup "$tmp/night.db" --db "$rdb"
old=$(residents "$rdb")
csv "$tmp/late.csv" 95000 3
"$JIUYE" import residents "$tmp/late.csv" --db "$rdb" >/dev/null 2>&1 ||
	nok "import after the backup"
is "three residents registered after the backup" "$(residents "$rdb")" "$((old + 3))"
# a worker's program open (a connection between two of her keys): refused, nothing changed
{ echo 'SELECT count(*) FROM resident;'; sleep 3; } | sqlite3 "$rdb" >/dev/null 2>&1 &
desk=$!
sleep 0.5
status_is "restore while a worker has the database open: refused (exit 1)" 1 \
	"$JIUYE" restore "$tmp/night.db" --db "$rdb"
grep -qF "must leave jiuye first" "$tmp/err" && ok "...saying the workers must leave first" ||
	nok "...saying the workers must leave first" "$(cat "$tmp/err")"
wait "$desk"
is "...and the database is as it was" "$(residents "$rdb") $(ls "$tmp" | grep -c before-restore)" \
	"$((old + 3)) 0"
# a damaged backup: refused
cp "$tmp/night.db" "$tmp/damaged.db"
printf '%08192d' 0 | dd of="$tmp/damaged.db" bs=4096 seek=2 conv=notrunc 2>/dev/null
status_is "restore of a damaged backup: refused (exit 1)" 1 \
	"$JIUYE" restore "$tmp/damaged.db" --db "$rdb"
grep -qF "not restored: jiuye check finds" "$tmp/err" && ok "...naming what check found" ||
	nok "...naming what check found" "$(cat "$tmp/err")"
status_is "restore without a backup named: a usage error (exit 2)" 2 "$JIUYE" restore --db "$rdb"
status_is "restore of the backup: exit 0" 0 "$JIUYE" restore "$tmp/night.db" --db "$rdb"
kept=$(sed -n 's/.* is kept as //p' "$tmp/out")
is "the old data is back" "$(residents "$rdb")" "$old"
case $kept in
"$rdb".before-restore-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9])
	ok "the database before is kept as DB.before-restore-YYYYMMDD-HHMMSS" ;;
*) nok "the database before is kept as DB.before-restore-YYYYMMDD-HHMMSS" "$(cat "$tmp/out")" ;;
esac
is "the kept copy holds the newer data" "$(residents "$kept")" "$((old + 3))"
is "the kept copy has the database's mode" "$(stat -c %a "$kept")" "$(stat -c %a "$rdb")"
status_is "jiuye check is clean after the restore" 0 "$JIUYE" check --db "$rdb"
status_is "...and on the kept copy" 0 "$JIUYE" check --db "$kept"
newest='SELECT action || " " || result FROM history ORDER BY seq DESC LIMIT 1'
is "the restore is the newest row of the restored trail" "$(sqlite3 "$rdb" "$newest")" "restore ok"
refused="SELECT count(*) FROM history WHERE action = 'restore' AND result LIKE 'fail%'"
is "the refusals are in the trail of the database they left alone" "$(sqlite3 "$kept" "$refused")" 2
status_is "the restored database takes work (an import)" 0 \
	"$JIUYE" import residents "$tmp/late.csv" --db "$rdb"

# ---- make install: the nightly timer, its service, a cron.d example ------------------------
src=$(cd "$(dirname "$0")/../.." && pwd)
inst="$tmp/inst"
status_is "make install-backup PREFIX=/opt/jiuye DESTDIR=...: exit 0" 0 \
	make -s -C "$src" install-backup PREFIX=/opt/jiuye DESTDIR="$inst"
units="$inst/opt/jiuye/lib/systemd/system"
[ -f "$units/jiuye-backup.service" ] && [ -f "$units/jiuye-backup.timer" ] &&
	ok "the service and timer are in PREFIX/lib/systemd/system under DESTDIR" ||
	nok "the service and timer are in PREFIX/lib/systemd/system" "$(find "$inst" -type f)"
is "the service runs the installed jiuye" "$(grep '^ExecStart=' "$units/jiuye-backup.service")" \
	"ExecStart=/opt/jiuye/bin/jiuye backup /var/backups/jiuye --keep 14"
is "the timer runs it nightly, a missed night made up" \
	"$(grep -E '^(OnCalendar|Persistent)=' "$units/jiuye-backup.timer" | tr '\n' ' ')" \
	"OnCalendar=*-*-* 02:30:00 Persistent=true "
cron="$inst/opt/jiuye/share/doc/jiuye/examples/jiuye-backup.cron"
line='^30 2 \* \* \*.root.*/opt/jiuye/bin/jiuye backup /var/backups/jiuye --keep 14'
grep -q "$line" "$cron" 2>/dev/null && ok "the cron.d example runs the installed jiuye as root" ||
	nok "the cron.d example runs the installed jiuye as root" "$(cat "$cron" 2>&1)"
[ ! -e "$inst/etc" ] && ok "nothing enabled (no /etc/cron.d, no timers.target.wants)" ||
	nok "nothing enabled" "$(find "$inst/etc")"
make -s -n -C "$src" install DESTDIR="$inst" | grep -q 'jiuye-backup.timer' &&
	ok "make install installs the timer" || nok "make install installs the timer"
if command -v systemd-analyze >/dev/null 2>&1; then
	out=$(systemd-analyze verify --man=no "$units/jiuye-backup.timer" \
		"$units/jiuye-backup.service" 2>&1 | grep -v 'jiuye/bin/jiuye is not executable')
	is "systemd-analyze verify finds nothing but the binary not installed here" "$out" ""
else
	ok "# SKIP systemd-analyze not installed"
fi

# ---- who may take a backup: an administrator ----------------------------------------------------
# A shared file without setgid: a folder of a group the workers are in (2770), the database 0660 in
# it, so every worker's own jiuye opens it and only her role keeps a clerk or a statistics worker
# from a whole, unmasked copy. Throwaway accounts, so root only.
if [ "$(id -u)" = 0 ] && command -v useradd >/dev/null 2>&1 && command -v runuser >/dev/null; then
	grp=jyg$$ clerk=jyc$$ stats=jys$$
	trap '{ userdel "$clerk"; userdel "$stats"; groupdel "$grp"; } 2>/dev/null
		rm -rf "$tmp"' EXIT
	groupadd "$grp" && useradd -M -N -g "$grp" -s /bin/sh "$clerk" &&
		useradd -M -N -g "$grp" -s /bin/sh "$stats" || nok "throwaway accounts"
	chmod 755 "$tmp"
	# her account may not reach the build tree (a clone in a 0700 folder): she runs a copy
	wbin="$tmp/jiuye-as-worker"
	cp "$JIUYE" "$wbin" && chmod 755 "$wbin"
	mkdir "$tmp/office" "$tmp/theirs" && chgrp "$grp" "$tmp/office" "$tmp/theirs" &&
		chmod 2770 "$tmp/office" "$tmp/theirs"
	office=$tmp/office/jiuye.db
	"$JIUYE" init --demo --db "$office" >/dev/null 2>&1 || nok "root makes the office's db"
	"$JIUYE" worker add "$clerk" --role clerk --scope 幸福里社区 --db "$office" >/dev/null ||
		nok "worker add clerk"
	"$JIUYE" worker add "$stats" --role stats --db "$office" >/dev/null || nok "worker add stats"
	for w in "$clerk 录入员" "$stats 统计"; do
		u=${w% *} role=${w#* }
		status_is "a backup by a $role is refused (exit 1)" 1 \
			runuser -u "$u" -- "$wbin" backup "$tmp/theirs/$u.db" --db "$office"
		name="...naming the role it needs and hers"
		grep -qF "administrator (管理员)" "$tmp/err" && grep -qF "$role" "$tmp/err" &&
			ok "$name" || nok "$name" "$(cat "$tmp/err")"
		[ -z "$(ls "$tmp/theirs")" ] && ok "...and no copy is written" ||
			nok "...and no copy is written" "$(ls "$tmp/theirs")"
	done
	q="SELECT count(*) FROM history WHERE action = 'backup' AND result LIKE 'fail%'
	   AND os_user IN ('$clerk', '$stats')"
	is "the refused backups are in the audit trail" \
		"$(sqlite3 -cmd '.filectrl persist_wal 1' "$office" "$q" 2>&1 | tail -n 1)" 2
	"$JIUYE" worker add "$clerk" --role admin --db "$office" >/dev/null || nok "make her admin"
	status_is "made an administrator, she may (exit 0): the role decides, not being root" 0 \
		runuser -u "$clerk" -- "$wbin" backup "$tmp/theirs/$clerk.db" --db "$office"
	status_is "...and her copy passes check" 0 "$JIUYE" check --db "$tmp/theirs/$clerk.db"
else
	skip_rest 9 "backup by role" "not root (needs throwaway accounts)"
fi
