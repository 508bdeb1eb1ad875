#!/bin/sh
# tests/cli/server.sh: the office-server set-up of README "On an office server",
# as root: `make install SETGID=1`
# into a DESTDIR, the group jiuye, two throwaway worker accounts outside it. The database folder of
# the DESTDIR is bind-mounted on /var/lib inside a private mount namespace (unshare -m), so the
# built-in /var/lib/jiuye/jiuye.db is the test's and the machine's own /var/lib is never touched.
# Checks: file modes (the database, its -wal and -shm 0660 in a 2770 folder, group jiuye), that a
# worker's own account can read none of it while the setgid binary run by her can, that what she
# exports is hers and not the group's, that --db, $JIUYE_DB and backup are refused or ignored,
# that --restricted offers nothing but the full-screen program, that nothing of hers is taken as
# part of the program (message catalogues beside a hard link of the binary or by $LANGUAGE,
# $LOCPATH, $GCONV_PATH, terminal descriptions by $TERMINFO, $TERMINFO_DIRS, $TERMCAP or in
# ~/.terminfo: each beside a plain copy of the binary that does take it), and that once the
# database is open the process keeps no group jiuye, not even the saved one. The users (and the
# group, when this test made it) are removed at the end. Not root, or no unshare/setpriv: the
# whole set-up is one skipped check (one that must run on CI, which runs the tests as root). The
# bind mounts (/var/lib, /usr/local/share) end with the namespace.
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
plan 69

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
"$bin" backup "$TMPD/night.db" >/dev/null 2>&1 && chmod 644 "$TMPD/night.db"
as "$A" env HOME="/home/$A" "$bin" restore "$TMPD/night.db" >"$TMPD/rst.out" 2>&1
is "restore is refused to a worker (exit 1)" 1 $?
grep -qF "(root)" "$TMPD/rst.out" && [ -z "$(ls "$dir" | grep before-restore)" ] &&
	ok "...naming root, and the database is left as it is" || nok "restore refused" "$(cat "$TMPD/rst.out")"
# root restores it in the group's folder: the file is the group's again, and workers open it
"$bin" restore "$TMPD/night.db" >"$TMPD/rst.out" 2>&1 && ok "root: jiuye restore in the shared folder" ||
	nok "root: jiuye restore in the shared folder" "$(cat "$TMPD/rst.out")"
is "the restored database is 0660 root:jiuye" "660 root jiuye" "$(stat -c '%a %U %G' "$db" 2>&1)"
as "$A" env HOME="/home/$A" "$bin" check >"$TMPD/check.out" 2>&1 && ok "a worker opens the restored database" ||
	nok "a worker opens the restored database" "$(cat "$TMPD/check.out")"
rm -f "$dir"/jiuye.db.before-restore-*

# What she exports is hers, with her own group, not the group jiuye.
as "$A" env HOME="/home/$A" "$bin" export residents --purpose 上报区人社局 -o "/home/$A/名单.csv" >"$TMPD/exp.out" 2>&1 \
	&& ok "a worker exports through the setgid binary" || nok "worker export" "$(cat "$TMPD/exp.out")"
is "the export belongs to the worker and her own group" "$A $(id -gn "$A")" "$(stat -c '%U %G' "/home/$A/名单.csv" 2>&1)"
# (persist_wal: the sqlite3 shell would otherwise delete the -wal and -shm when it closes)
n=$(sqlite3 -cmd '.filectrl persist_wal 1' "$db" "SELECT count(*) FROM history WHERE os_user = '$A' AND action = 'export'" 2>&1 | tail -n 1)
is "her export is in the audit trail, written as her (on the connection opened with the group)" \
	1 "$n"

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

# ---- what a setgid jiuye takes from the worker's surroundings ------------------------------------
has() { # name, file, fixed text it must hold
	if grep -qF -- "$3" "$2"; then ok "$1"; else nok "$1" "no \"$3\" in:" "$(cat -v "$2")"; fi
}
lacks() { # name, file, fixed text it must not hold
	if grep -qF -- "$3" "$2"; then nok "$1" "unexpected \"$3\" in:" "$(cat -v "$2")"
	else ok "$1"; fi
}
H=/home/$A
gid=$(id -g "$A")
# The catalogues where the build put them (JY_DATADIR), from the DESTDIR as /var/lib above.
mount --bind "$TMPD/inst/usr/local/share" /usr/local/share || nok "bind mount on /usr/local/share"
zhdb="此处不能用 --db"          # the installed catalogue's words for the --db refusal
as "$A" env HOME="$H" LC_ALL=zh_CN.UTF-8 "$bin" check --db /x >"$TMPD/zh.out" 2>&1
has "the setgid binary speaks the installed catalogue" "$TMPD/zh.out" "$zhdb"

# A catalogue of hers. Translations are printf formats: hers would crash jiuye or say what she
# likes.
cat >"$TMPD/planted.po" <<'PO'
msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\n"

msgid "--db is not available here: the office's database is %s"
msgstr "PLANTED %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s"

msgid "Try 'jiuye --help'.\n"
msgstr "PLANTED\n"
PO
her=$TMPD/her
for d in "$her/bin/build/locale/zh_CN" "$her/share/locale/zh_CN" "$H/evil"; do
	mkdir -p "$d/LC_MESSAGES" && msgfmt -o "$d/LC_MESSAGES/jiuye.mo" "$TMPD/planted.po"
done
chown -R "$A" "$her" "$H/evil"
# Where fs.protected_hardlinks is 0 she can link the binary into a folder of hers, beside her
# catalogues (bin/build/locale and bin/../share/locale, where a build-tree jiuye looks); root
# makes the link here.
ln "$bin" "$her/bin/jiuye"
as "$A" env HOME="$H" LC_ALL=zh_CN.UTF-8 "$her/bin/jiuye" check --db /x >"$TMPD/link.out" 2>&1
is "a hard link of the binary beside her catalogue: the usual usage error (exit 2, no crash)" 2 $?
lacks "...her catalogue is not loaded" "$TMPD/link.out" PLANTED
has "...the installed one is" "$TMPD/link.out" "$zhdb"

# Variables glibc itself drops for a setgid program (AT_SECURE). A plain copy of the binary (not
# setgid) run by her, on a database of her own, shows that each would have been taken.
plain=$TMPD/inst/usr/local/bin/jiuye-plain
cp "$bin" "$plain" && chmod 755 "$plain"
as "$A" env HOME="$H" "$plain" init --db "$H/own.db" >/dev/null 2>&1 || nok "a database of her own"
# gettext joins $LANGUAGE to the catalogue folder; glibc refuses the climb out of it for every
# program, setgid or not.
for p in "$plain" "$bin"; do
	as "$A" env HOME="$H" LC_ALL=zh_CN.UTF-8 LANGUAGE=../../../../../../..$H/evil "$p" check \
		--db /x >"$TMPD/lang.out" 2>&1
	lacks "LANGUAGE=../..$H/evil does not lead $(basename "$p") to her catalogue" \
		"$TMPD/lang.out" PLANTED
done
mkdir -p "$H/loc"
if localedef -i zh_CN -f UTF-8 "$H/loc/zz_ZZ.UTF-8" >/dev/null 2>&1; then
	chown -R "$A" "$H/loc"
	as "$A" env HOME="$H" LOCPATH="$H/loc" LC_ALL=zz_ZZ.UTF-8 LANGUAGE=zh_CN "$plain" check \
		--db /x >"$TMPD/loc.out" 2>&1
	has "LOCPATH: her locale zz_ZZ is taken by a program that is not setgid" "$TMPD/loc.out" \
		"没有这个数据库"
	as "$A" env HOME="$H" LOCPATH="$H/loc" LC_ALL=zz_ZZ.UTF-8 LANGUAGE=zh_CN "$bin" check \
		--db /x >"$TMPD/loc.out" 2>&1
	lacks "...and not by the setgid one (still the C locale)" "$TMPD/loc.out" "$zhdb"
else
	skip "LOCPATH: taken by a program that is not setgid" "localedef cannot make a locale here"
	skip "LOCPATH: ...and not by the setgid one" "localedef cannot make a locale here"
fi
mkdir -p "$H/gconv"
printf '%s\n' 'module INTERNAL GBK// PLANTED 1' 'module GBK// INTERNAL PLANTED 1' \
	>"$H/gconv/gconv-modules"
cat >"$TMPD/planted.c" <<'C'
#include <fcntl.h>
#include <unistd.h>
__attribute__((constructor)) static void planted(void)
{
	close(open(MARK, O_WRONLY | O_CREAT, 0600));
}
int gconv_init(void *step) { (void)step; return 1; }
int gconv(void) { return 1; }
C
if cc -shared -fPIC -DMARK="\"$H/gconv.loaded\"" -o "$H/gconv/PLANTED.so" "$TMPD/planted.c" \
	2>"$TMPD/cc.err"; then
	chown -R "$A" "$H/gconv"
	as "$A" env HOME="$H" GCONV_PATH="$H/gconv" "$plain" export employers --format gbk \
		-o "$H/g.csv" --db "$H/own.db" >/dev/null 2>&1
	name="GCONV_PATH: her module is loaded by a program that is not setgid"
	[ -e "$H/gconv.loaded" ] && ok "$name" || nok "$name"
	rm -f "$H/gconv.loaded"
	as "$A" env HOME="$H" GCONV_PATH="$H/gconv" "$bin" export employers --format gbk \
		-o "$H/g.csv" >"$TMPD/gconv.out" 2>&1
	[ -e "$H/gconv.loaded" ] && nok "...and not by the setgid one" "$(cat "$TMPD/gconv.out")" \
		|| ok "...and not by the setgid one"
else
	skip "GCONV_PATH: loaded by a program that is not setgid" "no C compiler: $(head -n 1 "$TMPD/cc.err")"
	skip "GCONV_PATH: ...and not by the setgid one" "no C compiler"
fi

# Terminal descriptions of hers: $TERMINFO, $TERMINFO_DIRS, $TERMCAP and ~/.terminfo. ncurses reads
# them whenever it thinks the program unprivileged; a bad entry in its parser's hands is code run
# in a process that holds the database open. Her xterm and xplanted clear the screen with PLANTED.
infocmp -1 xterm | sed -e '/^#/d' -e 's/^\tclear=.*/\tclear=PLANTED,/' \
	-e 's/^\tsmcup=.*/\tsmcup=PLANTED,/' >"$TMPD/xterm.ti"
sed '1s/^[^,]*,/xplanted|planted by the worker,/' "$TMPD/xterm.ti" >"$TMPD/xplanted.ti"
chmod 644 "$TMPD/xterm.ti" "$TMPD/xplanted.ti"
as "$A" tic -o "$H/ti" "$TMPD/xplanted.ti" && as "$A" tic -o "$H/.terminfo" "$TMPD/xterm.ti" \
	|| nok "tic: her terminal descriptions"
tui() { # output file, program, variables...: the full-screen program as her, until her input ends
	out=$1 prog=$2
	shift 2
	if [ "$prog" = "$plain" ]; then set -- "$@" timeout 20 "$prog" --db "$H/own.db"
	else set -- "$@" timeout 20 "$prog" --restricted; fi
	as "$A" env HOME="$H" "$@" </dev/null >"$out" 2>&1
}
tui "$TMPD/t.out" "$plain" TERM=xplanted TERMINFO="$H/ti"
has "\$TERMINFO: her entry is taken by a program that is not setgid" "$TMPD/t.out" PLANTED
tui "$TMPD/t.out" "$plain" TERM=xterm
has "~/.terminfo: her entry is taken by a program that is not setgid" "$TMPD/t.out" PLANTED
termcap='TERMCAP=xplanted|planted:co#80:li#24:cl=PLANTED:cm=\E[%i%d;%dH:'
tui "$TMPD/t.out" "$plain" TERM=xplanted "$termcap"
# (An ncurses built without termcap support takes no entry from $TERMCAP at all, setgid or not.)
name="\$TERMCAP: her entry is taken by a program that is not setgid"
grep -qF PLANTED "$TMPD/t.out" && ok "$name" || ok "$name # SKIP this ncurses reads no termcap"
for v in "TERMINFO=$H/ti" "TERMINFO_DIRS=$H/ti" "$termcap"; do
	tui "$TMPD/t.out" "$bin" TERM=xplanted "$v"
	lacks "\$${v%%=*}: her entry is not used by the setgid binary" "$TMPD/t.out" PLANTED
	# (the notice it shows is checked on a screen: tests/screen/terms.keys, mystery-term)
	lacks "...which knows no terminal xplanted: it draws with the system's vt100, not stopping" \
		"$TMPD/t.out" "unknown terminal type TERM=xplanted"
done
tui "$TMPD/t.out" "$bin" TERM=xterm
lacks "~/.terminfo: her xterm is not used by the setgid binary" "$TMPD/t.out" PLANTED
has "...the system's xterm is (its smcup)" "$TMPD/t.out" "$(printf '\033[?1049h')"

# Once the database is open the group is gone for good: no jiuye in the real, effective, saved or
# file-system group, so nothing she slips in later can take it back. (The process stays undumpable
# as the kernel made it at the exec: her own account still cannot reach its descriptors.)
gids_after_open() { # pid: its Gid: line once it holds the database open and has dropped the group
	i=0
	while [ $i -lt 100 ]; do
		g=$(awk '/^Gid:/ { print $2, $3, $4, $5 }' "/proc/$1/status" 2>/dev/null)
		ls -l "/proc/$1/fd" 2>/dev/null | grep -q 'jiuye\.db$' &&
			[ "$g" = "$gid $gid $gid $gid" ] && break
		sleep 0.1
		i=$((i + 1))
	done
	echo "$g"
}
db_fd() { ls -l "/proc/$1/fd" | awk '/jiuye\.db$/ { print $9; exit }'; }
mkfifo "$H/in.csv" && chown "$A" "$H/in.csv"
setpriv --reuid="$A" --regid="$A" --init-groups env HOME="$H" "$bin" import residents "$H/in.csv" \
	>"$TMPD/fifo.out" 2>&1 &
pid=$!
is "jiuye import (waiting for its file): no group jiuye left in real/effective/saved/fs ids" \
	"$gid $gid $gid $gid" "$(gids_after_open $pid)"
name="her account cannot read the database through /proc/PID/fd"
as "$A" cat "/proc/$pid/fd/$(db_fd $pid)" >/dev/null 2>&1 && nok "$name" || ok "$name"
cat "$TMPD/one.csv" >"$H/in.csv"
wait $pid
is "...and the import then runs as usual" 0 $?
mkfifo "$TMPD/keys" && chmod 644 "$TMPD/keys"
sleep 60 >"$TMPD/keys" &
keeper=$!
setpriv --reuid="$A" --regid="$A" --init-groups env HOME="$H" TERM=xterm "$bin" --restricted \
	<"$TMPD/keys" >"$TMPD/tui.out" 2>&1 &
pid=$!
is "the full-screen program: no group jiuye left in real/effective/saved/fs ids" \
	"$gid $gid $gid $gid" "$(gids_after_open $pid)"
as "$A" ls "/proc/$pid/fd" >/dev/null 2>&1 && nok "her account cannot list its descriptors" \
	|| ok "her account cannot list its descriptors"
kill $keeper
i=0
while kill -0 $pid 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 $pid 2>/dev/null && { nok "the full-screen program ends with its input"; kill $pid; } \
	|| ok "the full-screen program ends with its input"
wait $pid $keeper 2>/dev/null || :      # the keeper was killed: not this script's exit status
INSIDE
TMPD=$tmp A=$a B=$b unshare -m sh "$tmp/inside.sh"
