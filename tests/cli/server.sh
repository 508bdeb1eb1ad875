#!/bin/sh
# tests/cli/server.sh: the office-server set-up of README "On an office server" (issue 7;
# PRODUCT.md "On an office server"; reference/privacy.md §3 D4), as root: `make install SETGID=1`
# into a DESTDIR, the group jiuye, two throwaway worker accounts outside it. The database folder of
# the DESTDIR is bind-mounted on /var/lib inside a private mount namespace (unshare -m), so the
# built-in /var/lib/jiuye/jiuye.db is the test's and the machine's own /var/lib is never touched.
# Checks: file modes (the database, its -wal and -shm 0660 in a 2770 folder, group jiuye), that a
# worker's own account can read none of it while the setgid binary run by her can, that what she
# exports is hers and not the group's, that --db, $JIUYE_DB and backup are refused or ignored, and
# that --restricted offers nothing but the full-screen program. The users (and the group, when this
# test made it) are removed at the end. Not root, or no unshare/setpriv: the whole set-up is one
# skipped check (one that must run on CI, which runs the tests as root).
set -u
cd "$(dirname "$0")/../.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB
. tests/cli/lib.sh

# Why the set-up cannot be tried on this machine, or nothing when it can.
cannot() {
	if [ "$(id -u)" != 0 ]; then
		echo "not root"
		return
	fi
	for t in useradd userdel groupadd setpriv unshare; do
		if ! command -v "$t" >/dev/null 2>&1; then
			echo "no $t"
			return
		fi
	done
	unshare -m true 2>/dev/null || echo "no mount namespace here"
}
why=$(cannot)
if [ -n "$why" ]; then
	plan 1
	must_run "office server set-up" "$why"
	[ "${CI:-}" != true ]      # on CI must_run said "not ok"
	exit
fi
plan 37

tmp=$(mktemp -d)
chmod 755 "$tmp"                # the workers run the installed binary from in here
a=jya$$
b=jyb$$
made_group=0
getent group jiuye >/dev/null || made_group=1
cleanup() {
	userdel -r "$a" >/dev/null 2>&1
	userdel -r "$b" >/dev/null 2>&1
	[ "$made_group" = 1 ] && groupdel jiuye >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT


if make -s install SETGID=1 DESTDIR="$tmp/inst" PREFIX=/usr/local >"$tmp/inst.log" 2>&1; then
	ok "make install SETGID=1 DESTDIR=... as root"
else
	nok "make install SETGID=1 DESTDIR=... as root" "$(cat "$tmp/inst.log")"
	exit 1
fi
useradd -m -s /bin/sh "$a" && useradd -m -s /bin/sh "$b" || { nok "useradd"; exit 1; }
getent group jiuye >/dev/null && ok "the group jiuye exists" || nok "the group jiuye exists"

# Everything else inside the namespace, where /var/lib is the DESTDIR's.
cat >"$tmp/inside.sh" <<'INSIDE'
set -u
bin=$TMPD/inst/usr/local/bin/jiuye
dir=/var/lib/jiuye
db=$dir/jiuye.db
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; shift; for l in "$@"; do echo "#   $l"; done; }
is() { # name, want, got
	if [ "$2" = "$3" ]; then ok "$1"; else nok "$1" "want: $2" "got:  $3"; fi
}
as() { # user, command...: run as that worker, her own groups only (not jiuye)
	u=$1
	shift
	setpriv --reuid="$u" --regid="$u" --init-groups "$@"
}
mount --bind "$TMPD/inst/var/lib" /var/lib || { nok "bind mount on /var/lib"; exit 1; }
[ -e /etc/jiuye.conf ] && : >"$TMPD/empty.conf" && mount --bind "$TMPD/empty.conf" /etc/jiuye.conf

is "the binary is root:jiuye 2755 (setgid)" "2755 root jiuye" "$(stat -c '%a %U %G' "$bin")"
is "the database folder is root:jiuye 2770" "2770 root jiuye" "$(stat -c '%a %U %G' "$dir")"

# The administrator makes the database through the installed binary (no --db: the built-in path).
"$bin" init --demo >"$TMPD/init.out" 2>&1 && ok "root: jiuye init --demo makes the office's database" \
	|| nok "root: jiuye init --demo" "$(cat "$TMPD/init.out")"
for f in "$db" "$db-wal" "$db-shm"; do
	is "$(basename "$f") is 0660 root:jiuye" "660 root jiuye" "$(stat -c '%a %U %G' "$f" 2>&1)"
done
"$bin" worker add "$A" --role clerk --scope 建设社区 >/dev/null 2>&1
"$bin" worker add "$B" --role clerk --scope 城南街道 >/dev/null 2>&1

# A worker's own account reads nothing of it.
for f in "$db" "$db-wal" "$db-shm"; do
	if as "$A" cat "$f" >/dev/null 2>"$TMPD/cat.err"; then
		nok "a worker outside the group cannot cat $(basename "$f")"
	else
		grep -q "Permission denied" "$TMPD/cat.err" && ok "a worker outside the group cannot cat $(basename "$f")" \
			|| nok "cat $(basename "$f"): permission denied" "$(cat "$TMPD/cat.err")"
	fi
done
as "$A" ls "$dir" >/dev/null 2>&1 && nok "a worker cannot list the database folder" || ok "a worker cannot list the database folder"
as "$A" cp "$db" "/home/$A/copy.db" >/dev/null 2>&1 && nok "a worker cannot copy the database" || ok "a worker cannot copy the database"

# ... but the setgid binary run by her opens it, as her (the real user id).
as "$A" env HOME="/home/$A" "$bin" check >"$TMPD/check.out" 2>&1 && ok "the setgid binary run by the worker opens the database" \
	|| nok "the setgid binary run by the worker opens the database" "$(cat "$TMPD/check.out")"
as "$A" env HOME="/home/$A" JIUYE_DB="/home/$A/mine.db" "$bin" check >/dev/null 2>&1
[ -e "/home/$A/mine.db" ] && nok "\$JIUYE_DB is ignored by a setgid jiuye" || ok "\$JIUYE_DB is ignored by a setgid jiuye"
as "$A" env HOME="/home/$A" "$bin" check --db "/home/$A/mine.db" >"$TMPD/db.out" 2>&1
is "--db is refused to a worker (exit 2)" 2 $?
grep -q "/var/lib/jiuye/jiuye.db" "$TMPD/db.out" && ok "...naming the office's database" || nok "--db message" "$(cat "$TMPD/db.out")"
as "$A" env HOME="/home/$A" "$bin" backup "/home/$A/copy.db" >"$TMPD/bak.out" 2>&1
is "backup is refused to a worker (exit 1)" 1 $?
[ -e "/home/$A/copy.db" ] && nok "no raw copy was written" || ok "no raw copy was written"

# What she exports is hers, with her own group, not the group jiuye.
as "$A" env HOME="/home/$A" "$bin" export residents --purpose 上报区人社局 -o "/home/$A/名单.csv" >"$TMPD/exp.out" 2>&1 \
	&& ok "a worker exports through the setgid binary" || nok "worker export" "$(cat "$TMPD/exp.out")"
is "the export belongs to the worker and her own group" "$A $(id -gn "$A")" "$(stat -c '%U %G' "/home/$A/名单.csv" 2>&1)"
# (persist_wal: the sqlite3 shell would otherwise delete the -wal and -shm when it closes)
n=$(sqlite3 -cmd '.filectrl persist_wal 1' "$db" "SELECT count(*) FROM history WHERE os_user = '$A' AND action = 'export'" 2>&1 | tail -n 1)
is "her export is in the audit trail, written as her (a second connection the setgid binary opened)" 1 "$n"

# A worker's write; then the -wal and -shm are gone (as after an administrator's sqlite3) and made
# again by worker A's process: still 0660 group jiuye, so worker B's process can write too.
cat >"$TMPD/one.csv" <<CSV
姓名,身份证号,联系电话,社区
服务器甲,110101199003070038,13900000001,建设社区
CSV
chmod 644 "$TMPD/one.csv"
as "$A" env HOME="/home/$A" "$bin" import residents "$TMPD/one.csv" >"$TMPD/imp.out" 2>&1 \
	&& ok "worker A saves a resident" || nok "worker A saves a resident" "$(cat "$TMPD/imp.out")"
for f in "$db" "$db-wal" "$db-shm"; do
	is "after A's session $(basename "$f") is still 0660 root:jiuye" "660 root jiuye" "$(stat -c '%a %U %G' "$f" 2>&1)"
done
rm -f "$db-wal" "$db-shm"
as "$A" env HOME="/home/$A" "$bin" check >/dev/null 2>&1
for f in "$db-wal" "$db-shm"; do
	is "$(basename "$f") made again by A's process: 0660, group jiuye" "660 $A jiuye" "$(stat -c '%a %U %G' "$f" 2>&1)"
done
sed 's/服务器甲,110101199003070038,13900000001/服务器乙,110101199003070054,13900000002/' "$TMPD/one.csv" >"$TMPD/two.csv"
chmod 644 "$TMPD/two.csv"
as "$B" env HOME="/home/$B" "$bin" import residents "$TMPD/two.csv" >"$TMPD/imp2.out" 2>&1 \
	&& ok "worker B writes through files A's process made" || nok "worker B writes" "$(cat "$TMPD/imp2.out")"
as "$B" cat "$db-wal" >/dev/null 2>&1 && nok "B's own account cannot read the -wal A's process made" \
	|| ok "B's own account cannot read the -wal A's process made"
as "$A" cat "$db-wal" >/dev/null 2>&1 && nok "A's own account cannot read the -wal her process made (the folder is closed)" \
	|| ok "A's own account cannot read the -wal her process made (the folder is closed)"

# --restricted (the SSH ForceCommand): no subcommand, no --db; the export folder is made.
for cmd in "export residents" "backup /tmp/x.db" "check" "init"; do
	as "$A" env HOME="/home/$A" "$bin" --restricted $cmd >"$TMPD/r.out" 2>&1
	is "--restricted refuses '$cmd' (exit 2)" 2 $?
done
as "$A" env HOME="/home/$A" "$bin" --restricted --db "/home/$A/x.db" >/dev/null 2>&1
is "--restricted refuses --db (exit 2)" 2 $?
as "$A" env HOME="/home/$A" TERM=dumb "$bin" --restricted </dev/null >/dev/null 2>&1
is "--restricted made the worker's own export folder" "700 $A" "$(stat -c '%a %U' "/home/$A/jiuye-export" 2>&1)"
INSIDE
TMPD=$tmp A=$a B=$b unshare -m sh "$tmp/inside.sh"
