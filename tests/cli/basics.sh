#!/bin/sh
# tests/cli/basics.sh: the command line around the registry — init, --db anywhere, JIUYE_DB,
# check, backup of a live database, usage errors, --help/--version, several workers at once.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export JIUYE_TODAY=2024-06-30

. "$(dirname "$0")/lib.sh"
plan 47
check() { # name, command…: passes when the command exits 0
	name=$1; shift
	if "$@" >"$tmp/out" 2>&1; then ok "$name"; else nok "$name" "$(cat "$tmp/out")"; fi
}
# this script's own status_is runs the command it checks (lib.sh's checks the last run)
status_is() { # name, expected status, command…
	name=$1; want=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok "$name"; else nok "$name" "exit $got, expected $want" "$(cat "$tmp/err")"; fi
}

# A checksum-valid ID number (GB 11643, ISO 7064 MOD 11-2) from 17 digits.
idno() {
	echo "$1" | awk '{
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ");
		s = 0; for (i = 1; i <= 17; i++) s += substr($0, i, 1) * w[i];
		printf "%s%s\n", $0, substr("10X98765432", s % 11 + 1, 1) }'
}

db="$tmp/a.db"
status_is "init --demo creates the demo database" 0 "$JIUYE" init --demo --db "$db"
grep -q "10" "$tmp/out" && ok "init --demo reports 10 residents" || nok "init --demo reports 10 residents" "$(cat "$tmp/out")"
status_is "init --demo refuses a database that holds residents" 1 "$JIUYE" init --demo --db "$db"
status_is "--db may stand after the command" 0 "$JIUYE" check --db "$db"
status_is "--db may stand before the command" 0 "$JIUYE" --db "$db" check
status_is "JIUYE_DB sets the default" 0 env JIUYE_DB="$db" "$JIUYE" check
status_is "--db overrides JIUYE_DB" 0 env JIUYE_DB="$tmp/none.db" "$JIUYE" check --db "$db"
status_is "a missing database is a user error" 1 "$JIUYE" check --db "$tmp/missing.db"
grep -q "jiuye init" "$tmp/err" && ok "the missing-database message says how to create one" || nok "missing db message" "$(cat "$tmp/err")"
status_is "an unknown command is a usage error" 2 "$JIUYE" frobnicate --db "$db"
status_is "an unknown option is a usage error" 2 "$JIUYE" check --frob --db "$db"
status_is "--db without a value is a usage error" 2 "$JIUYE" check --db
status_is "--help" 0 "$JIUYE" --help
grep -q "jiuye import residents" "$tmp/out" && ok "--help lists the commands" || nok "--help lists the commands"
status_is "--version" 0 "$JIUYE" --version
grep -q "^jiuye [0-9]" "$tmp/out" && ok "--version prints the version" || nok "--version prints the version" "$(cat "$tmp/out")"

# XDG default location, created on first use.
status_is "init without --db uses XDG_DATA_HOME" 0 env -u JIUYE_DB XDG_DATA_HOME="$tmp/xdg" "$JIUYE" init
[ -f "$tmp/xdg/jiuye/jiuye.db" ] && ok "the default database is \$XDG_DATA_HOME/jiuye/jiuye.db" || nok "default database path"

# Backup of a live database: a copy that checks clean and holds the same rows.
status_is "backup" 0 "$JIUYE" backup "$tmp/copy.db" --db "$db"
status_is "the backup passes check" 0 "$JIUYE" check --db "$tmp/copy.db"
if command -v sqlite3 >/dev/null; then
	a=$(sqlite3 "$db" 'SELECT count(*), group_concat(id_no) FROM resident')
	b=$(sqlite3 "$tmp/copy.db" 'SELECT count(*), group_concat(id_no) FROM resident')
	[ "$a" = "$b" ] && ok "the backup holds the same residents" || nok "backup content" "$a" "$b"
	[ ! -e "$tmp/copy.db-wal" ] && ok "the backup is one self-contained file" || nok "backup has a -wal file"
	# check finds damage: a foreign key broken behind jiuye's back
	cp "$tmp/copy.db" "$tmp/broken.db"
	sqlite3 "$tmp/broken.db" 'PRAGMA foreign_keys=OFF; INSERT INTO visit(resident_id, date, created_at, created_by) VALUES (999, "2024-01-01", "x", "x");'
	status_is "check reports a broken foreign key" 1 "$JIUYE" check --db "$tmp/broken.db"
	grep -q "visit" "$tmp/out" && ok "check names the table" || nok "check names the table" "$(cat "$tmp/out")"
else
	for what in "the backup holds the same residents" "the backup is one self-contained file" \
		"check reports a broken foreign key" "check names the table"; do
		must_run "$what" "no sqlite3 shell (make deps-test installs it)"
	done
fi
status_is "backup into a missing directory is a user error" 1 "$JIUYE" backup "$tmp/no/such/dir.db" --db "$db"
status_is "backup without a destination is a usage error" 2 "$JIUYE" backup --db "$db"

# Backup while another process writes: the copy is consistent.
i=0
{
	echo "姓名,身份证号,社区"
	while [ $i -lt 300 ]; do
		printf '工人%03d,%s,幸福里社区\n' $i "$(idno "3301221985$(printf '%02d' $((i % 12 + 1)))15$(printf '%03d' $i)")"
		i=$((i + 1))
	done
} >"$tmp/many.csv"
"$JIUYE" import residents "$tmp/many.csv" --db "$db" >"$tmp/imp.out" 2>&1 &
pid=$!
"$JIUYE" backup "$tmp/live.db" --db "$db" >"$tmp/bk.out" 2>&1
bk=$?
wait $pid
imp=$?
[ $bk -eq 0 ] && [ $imp -eq 0 ] && ok "backup and import at the same time both succeed" || nok "backup during import" "$(cat "$tmp/imp.out" "$tmp/bk.out")"
status_is "a backup taken during an import passes check" 0 "$JIUYE" check --db "$tmp/live.db"

# Several workers on one file: four imports and four exports at once, none sees a lock error.
for w in 1 2 3 4; do
	{
		echo "姓名,身份证号,联系电话"
		j=0
		while [ $j -lt 100 ]; do
			printf '并发%d号%03d,%s,1390000%d%03d\n' $w $j "$(idno "4101051990$(printf '%02d' $w)01$(printf '%03d' $j)")" $w $j
			j=$((j + 1))
		done
	} >"$tmp/w$w.csv"
done
pids=""
for w in 1 2 3 4; do
	"$JIUYE" import residents "$tmp/w$w.csv" --db "$db" >"$tmp/w$w.out" 2>&1 &
	pids="$pids $!"
	"$JIUYE" export residents --purpose 核对 -o "$tmp/e$w.csv" --db "$db" >"$tmp/e$w.out" 2>&1 &
	pids="$pids $!"
done
fails=0
for p in $pids; do wait "$p" || fails=$((fails + 1)); done
[ $fails -eq 0 ] && ok "4 importers and 4 exporters at once all succeed" || nok "concurrent workers" "$(cat "$tmp"/w?.out "$tmp"/e?.out)"
if grep -qi "locked\|busy" "$tmp"/w?.out "$tmp"/e?.out; then nok "no worker saw 'database is locked'"; else ok "no worker saw 'database is locked'"; fi
if command -v sqlite3 >/dev/null; then
	n=$(sqlite3 "$db" "SELECT count(*) FROM resident WHERE name LIKE '并发%'")
	[ "$n" = 400 ] && ok "all 400 concurrently imported residents are there" || nok "concurrent import count" "$n"
else
	must_run "all 400 concurrently imported residents are there" "no sqlite3 shell (make deps-test installs it)"
fi
status_is "check after concurrent work" 0 "$JIUYE" check --db "$db"

# make install: binary, man page and translations; the installed binary needs nothing else.
if make -s install DESTDIR="$tmp/inst" PREFIX=/opt/jiuye >"$tmp/inst.log" 2>&1; then
	ok "make install DESTDIR=… PREFIX=…"
	for f in bin/jiuye share/man/man1/jiuye.1 share/locale/zh_CN/LC_MESSAGES/jiuye.mo; do
		[ -f "$tmp/inst/opt/jiuye/$f" ] && ok "installed $f" || nok "installed $f"
	done
	if locale -a 2>/dev/null | grep -qi '^zh_CN.utf8$'; then
		LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$tmp/inst/opt/jiuye/bin/jiuye" --help >"$tmp/out" 2>&1
		grep -q "用法" "$tmp/out" && ok "the installed binary speaks Chinese in zh_CN.UTF-8" || nok "installed zh_CN" "$(cat "$tmp/out")"
	else
		must_run "the installed binary speaks Chinese in zh_CN.UTF-8" \
			"no zh_CN.UTF-8 locale (make deps-test generates it)"
	fi
	status_is "the installed binary creates a demo database" 0 "$tmp/inst/opt/jiuye/bin/jiuye" init --demo --db "$tmp/inst.db"
	status_is "…that passes check" 0 "$tmp/inst/opt/jiuye/bin/jiuye" check --db "$tmp/inst.db"
else
	nok "make install DESTDIR=… PREFIX=…" "$(cat "$tmp/inst.log")"
fi

# ---- init on an existing database: an administrator's --------------------------------------------
# A shared file without setgid: a folder of a group the workers are in (2770), the database 0660 in
# it, so every worker's own jiuye opens it and only her role stands between her and an
# administrator's commands. Throwaway accounts, so root only.
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
	mkdir "$tmp/office" && chgrp "$grp" "$tmp/office" && chmod 2770 "$tmp/office"
	office=$tmp/office/jiuye.db
	"$JIUYE" init --db "$office" >/dev/null 2>&1 || nok "root makes the office's database"
	for w in clerk stats; do
		eval u=\$$w
		"$JIUYE" worker add "$u" --role $w --db "$office" >/dev/null || nok "worker add $w"
	done
	says() { # name, fixed texts the last run's stderr must hold
		name=$1
		shift
		for t in "$@"; do
			grep -qF -- "$t" "$tmp/err" || { nok "$name" "$(cat "$tmp/err")"; return; }
		done
		ok "$name"
	}
	status_is "a clerk's init on the office's database is refused (exit 1)" 1 \
		runuser -u "$clerk" -- "$wbin" init --db "$office"
	says "...naming the role it needs and hers" "administrator (管理员)" "录入员"
	status_is "a clerk's init --demo on the office's empty registry is refused (exit 1)" 1 \
		runuser -u "$clerk" -- "$wbin" init --demo --db "$office"
	n=$(sqlite3 -cmd '.filectrl persist_wal 1' "$office" 'SELECT count(*) FROM resident' |
		tail -n 1)
	[ "$n" = 0 ] && ok "...and no demo residents went in" || nok "...no demo residents" "$n"
	status_is "a statistics worker's init on it is refused (exit 1)" 1 \
		runuser -u "$stats" -- "$wbin" init --db "$office"
	says "...naming her role" "统计"
	status_is "the administrator's init on it: ready, as before (exit 0)" 0 \
		"$JIUYE" init --db "$office"
	mkdir "$tmp/hers" && chown "$clerk" "$tmp/hers"
	status_is "a new database of her own: she is its administrator, so init works (exit 0)" 0 \
		runuser -u "$clerk" -- "$wbin" init --db "$tmp/hers/own.db"
else
	skip_rest 8 "init by role" "not root (needs throwaway accounts)"
fi
