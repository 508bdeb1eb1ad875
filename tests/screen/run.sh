#!/bin/sh
# tests/screen/run.sh: every screen script (tests/screen/*.keys) against the real program on a
# pseudo-terminal, in zh_CN.UTF-8 and C.UTF-8, at 80x24 and 120x40, each run on a fresh demo
# database. Prints the harness's `ok - …` / `not ok - …` lines and the measured bytes
# (`# bytes LABEL N`); exits 1 when anything failed.
#
#   JIUYE=./build/asan/jiuye  VTHARNESS=./build/asan/vtharness  SCREEN_JOBS=4
#   SCREEN_ONLY=register      run only the scripts whose name contains this
#   TERM_SCRIPTS="terms register print"   the scripts run again under every terminal below
#   CHARSET_SCRIPTS="terms register print"   …and on a GB18030 and a GBK terminal
#   UPDATE_GOLDEN=1           rewrite the golden screens of `snapshot` steps
#
# The zh_CN.UTF-8 locale comes from `make deps-test`; without it each Chinese run is one skipped
# check (a failure on CI, where it must run). Sanitizer reports of the program go to files
# (log_path) rather than onto the emulated screen; any report fails the run. Runs go in parallel:
# the program mostly waits for keys, and every step waits by quiescence, not by the clock.
#
# The plan line (1..N) is worked out from the scripts before anything runs, counting the steps as
# the harness does, so a harness that dies or stops in the middle of a script leaves the run short
# of its plan, and tests/run.sh says so.
set -u
unset LC_ALL

JIUYE=${JIUYE:-./build/asan/jiuye}
VTH=${VTHARNESS:-./build/asan/vtharness}
JOBS=${SCREEN_JOBS:-4}
DIR=$(dirname "$0")
. "$DIR/../cli/lib.sh"

if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
	LANGS="zh_CN.UTF-8 C.UTF-8"
	nozh=""
else
	LANGS="C.UTF-8"
	nozh="no zh_CN.UTF-8 locale (make deps-test generates it)"
fi

# The scripts this run plays (SCREEN_ONLY picks some).
scripts() {
	for script in "$DIR"/*.keys; do
		[ -e "$script" ] || continue
		case $(basename "$script") in *"${SCREEN_ONLY:-}"*) echo "$script" ;; esac
	done
}

# How many ok / not ok lines the harness prints for SCRIPT run with the tags TAGS (one word, blanks
# between: the language, the size, the guard-only tags of a terminal), as
# tests/screen/vtharness.c reads it (run_script, guards_pass): one for the start, then one for
# each line that is neither blank nor a comment once cut at its first CR or LF and its leading
# blanks, whose [tag] / [!tag] guards all pass, and that holds something after them.
steps() {
	awk -v tags=" $2 " '
	{
		line = $0
		i = index(line, "\r")
		if (i)
			line = substr(line, 1, i - 1)
		sub(/^[ \t]+/, "", line)
		if (line == "" || substr(line, 1, 1) == "#")
			next
		pass = 1
		while (substr(line, 1, 1) == "[") {
			e = index(line, "]")
			if (!e)
				break
			tag = substr(line, 2, e - 2)
			neg = substr(tag, 1, 1) == "!"
			if (neg)
				tag = substr(tag, 2)
			have = index(tags, " " tag " ") > 0
			if (have == neg)
				pass = 0
			line = substr(line, e + 1)
			sub(/^[ \t]+/, "", line)
		}
		if (pass && line != "")
			n++
	}
	END { print n + 1 }' "$1"
}

planned=5       # the harness's self-tests below
for script in $(scripts); do
	for size in 80x24 120x40; do
		planned=$((planned + $(steps "$script" "en $size")))
		if [ -n "$nozh" ]; then
			planned=$((planned + 1))
		else
			planned=$((planned + $(steps "$script" "zh $size")))
		fi
	done
done
# Every terminal an office has, at 80x24: TERM, the terminal whose keys are sent, the locale,
# colour or mono. The Linux console runs in English (it cannot draw Chinese; linux.keys has the
# question it asks in a Chinese locale). Then the fallbacks: PuTTY's default configuration (TERM
# xterm, PuTTY's keys), a PuTTY entry the server lacks (drawn as xterm, PuTTY's keys known all
# the same) and a terminal nobody knows (drawn as vt100, no colour; vt100 cannot hide the cursor,
# which the golden screens record, so only terms.keys runs there).
TERMS="xterm:xterm:zh:colour xterm-256color:xterm-256color:zh:colour putty:putty:zh:colour
putty-256color:putty-256color:zh:colour screen:screen:zh:colour
screen-256color:screen-256color:zh:colour tmux-256color:tmux-256color:zh:colour vt220:vt220:zh:mono
linux:linux:en:colour xterm:putty:zh:colour putty-noentry:putty:zh:colour:fallback
mystery-term:vt100:en:mono:fallback:terms-only"

# The runs after the matrix of every script, one a line: "run|SCRIPT|LANG|TAGS|HARNESS OPTIONS"
# (TAGS as steps() takes them) or "say|LINE" (one check line of its own: what this machine lacks).
# Under each terminal of TERMS, and on a terminal set to GB18030 or GBK (older Xshell defaults)
# with the locale to match: the same screens as in zh_CN.UTF-8 (the same golden files), the
# harness reading and typing that set.
extra_runs() {
	for t in $TERMS; do
		term=${t%%:*} rest=${t#*:}
		keys=${rest%%:*} rest=${rest#*:}
		tag=${rest%%:*} rest=${rest#*:}
		lang=C.UTF-8
		[ "$tag" = zh ] && lang=zh_CN.UTF-8
		if [ "$tag" = zh ] && [ -n "$nozh" ]; then
			if [ "${CI:-}" = true ]; then echo "say|not ok - screen under TERM=$term: $nozh"
			else echo "say|ok - screen under TERM=$term # SKIP $nozh"; fi
			continue
		fi
		if ! infocmp "$keys" >/dev/null 2>&1; then
			echo "say|not ok - screen under TERM=$term: no terminfo entry for $keys" \
			     "(make deps installs ncurses-term)"
			continue
		fi
		guards=$(echo "$rest" | sed 's/:*terms-only//' | tr ':' ' ')
		list=${TERM_SCRIPTS:-terms register print}
		case $rest in *terms-only*) list=terms ;; esac
		opts="-e TERM=$term -k $keys -u term-$term"
		for g in $guards; do opts="$opts -u $g"; done
		for script in $list; do
			script=$DIR/$script.keys
			[ -e "$script" ] || continue
			case $(basename "$script") in *"${SCREEN_ONLY:-}"*) ;; *) continue ;; esac
			echo "run|$script|$lang|$tag 80x24 term-$term $guards|$opts"
		done
	done
	for cs in GB18030 GBK; do
		if ! locale -a 2>/dev/null | grep -qix "zh_CN.$cs"; then
			why="the zh_CN.$cs locale is missing (make deps-test generates it)"
			if [ "${CI:-}" = true ]; then echo "say|not ok - screen in zh_CN.$cs: $why"
			else echo "say|ok - screen in zh_CN.$cs # SKIP $why"; fi
			continue
		fi
		for script in ${CHARSET_SCRIPTS:-terms register print}; do
			script=$DIR/$script.keys
			[ -e "$script" ] || continue
			case $(basename "$script") in *"${SCREEN_ONLY:-}"*) ;; *) continue ;; esac
			echo "run|$script|zh_CN.$cs|zh 80x24 charset-$cs|-c $cs -u charset-$cs"
		done
	done
}
EXTRA=$(extra_runs)
while IFS='|' read -r kind script lang tags opts; do
	case $kind in
	run) planned=$((planned + $(steps "$script" "$tags"))) ;;
	say) planned=$((planned + 1)) ;;
	esac
done <<EOF
$EXTRA
EOF
plan "$planned"

if [ ! -x "$JIUYE" ] || [ ! -x "$VTH" ]; then
	echo "not ok - screen: $JIUYE or $VTH is missing (make build/asan/jiuye build/asan/vtharness)"
	exit 1
fi

OUT=$(mktemp -d "${TMPDIR:-/tmp}/jiuye-screen.XXXXXX") || exit 1
trap 'rm -rf "$OUT"' EXIT
trap 'exit 130' INT TERM

# One run: script $1, locale $2, size $3, output into $4; then harness options (the terminal).
run_one() {
	script=$1 lang=$2 size=$3 out=$4
	shift 4
	tag=en
	case $lang in zh_CN.*) tag=zh ;; esac
	name=$(basename "$script" .keys)
	# A script's own "# env: NAME=VALUE" lines reach its program (lock.keys: JIUYE_LOCK_SECONDS).
	envs=$(sed -n 's/^# env: \([A-Z_][A-Z0-9_]*=[^ ]*\)$/-e \1/p' "$script")
	# and its "# harness: -b N" line, a slow link (slowlink.keys)
	envs="$envs $(sed -n 's/^# harness: \(-b [0-9]*\)$/\1/p' "$script")"
	# "# db: empty": a new office's database (no units, nobody registered) instead of the demo
	demo=--demo
	grep -q '^# db: empty$' "$script" && demo=
	tmp=$(mktemp -d "$OUT/run.XXXXXX")
	mkdir -p "$tmp/home"
	if ! env -i PATH=/usr/bin:/bin LANG=C.UTF-8 TZ=UTC HOME="$tmp/home" JIUYE_TODAY=2024-06-30 \
		ASAN_OPTIONS=detect_leaks=0 "$JIUYE" init $demo --db "$tmp/db" >"$tmp/init.out" 2>&1; then
		echo "not ok - $name[$tag.$size]: jiuye init $demo failed" >"$out"
		sed 's/^/#   /' "$tmp/init.out" >>"$out"
		return
	fi
	# and its "# jiuye: ARGS" lines, commands run on its database first (printreport.keys: where
	# the worker prints)
	sed -n 's/^# jiuye: //p' "$script" | while read -r args; do
		# shellcheck disable=SC2086 # the words of the command
		env -i PATH=/usr/bin:/bin LANG=C.UTF-8 TZ=UTC HOME="$tmp/home" JIUYE_TODAY=2024-06-30 \
			ASAN_OPTIONS=detect_leaks=0 "$JIUYE" $args --db "$tmp/db" >>"$tmp/init.out" 2>&1 \
			|| echo "not ok - $name[$tag.$size]: jiuye $args failed" >>"$out"
	done
	# and its "# file: NAME" lines, files of tests/screen/data/ put in the export folder
	# (import.keys: a file to import)
	sed -n 's/^# file: //p' "$script" | while IFS= read -r f; do
		mkdir -p "$tmp/home/jiuye-print" && cp "$DIR/data/$f" "$tmp/home/jiuye-print/" \
			|| echo "not ok - $name[$tag.$size]: no tests/screen/data/$f" >>"$out"
	done
	# A script's "# role: clerk|reviewer|stats" line makes the worker running it one: the demo
	# makes her an administrator, who may not take her own role away, so the table is set here.
	role=$(sed -n 's/^# role: \(clerk\|reviewer\|stats\)$/\1/p' "$script")
	if [ -n "$role" ]; then
		case $role in clerk) r=1 ;; reviewer) r=2 ;; *) r=3 ;; esac
		sqlite3 "$tmp/db" "UPDATE worker SET role = $r WHERE os_user = '$(id -un)'"
	fi
	LANG=$lang HOME="$tmp/home" JIUYE_TODAY=2024-06-30 \
	ASAN_OPTIONS="detect_leaks=0:log_path=$tmp/asan" \
	UBSAN_OPTIONS="print_stacktrace=1:log_path=$tmp/ubsan" \
		"$VTH" -s "$size" $envs "$@" -t "$tag" -t "$size" -g "$DIR/golden" "$script" -- "$JIUYE" --db "$tmp/db" \
		>>"$out" 2>&1
	for f in "$tmp"/asan.* "$tmp"/ubsan.*; do
		[ -e "$f" ] || continue
		echo "not ok - $name[$tag.$size]: sanitizer report" >>"$out"
		sed -n '1,40s/^/#   /p' "$f" >>"$out"
	done
	rm -rf "$tmp"
}

# The harness checks itself first, on tiny programs whose screens are known: it must notice a row
# that wraps and a split wide character, send arrow keys in the mode the program asked for, and
# deliver an input method's burst in one read.
selftest() {
	what=$1 want=$2 keys=$3
	shift 3
	printf '%s\n' "$keys" | tr '|' '\n' >"$OUT/self.keys"
	"$VTH" -T 3000 "$OUT/self.keys" -- "$@" >"$OUT/self.log" 2>&1
	if grep -q "$want" "$OUT/self.log"; then
		echo "ok - harness: $what"
	else
		echo "not ok - harness: $what"
		sed 's/^/#   /' "$OUT/self.log"
	fi
}
selftest "notices a row wider than the terminal" "^not ok .*ran past column 80" "key a" \
	/bin/sh -c 'printf "\033[1;78H你好"; read x'
selftest "notices a split wide character" "^not ok .*cut to one column" "key a" \
	/bin/sh -c 'printf "你好\033[1;2Hx"; read x'
selftest "sends ESC O D for Left in application cursor mode" "^ok .*expect-contains O   D" \
	"key <Left>|expect-contains O   D" /bin/sh -c 'printf "\033[?1h"; stty raw -echo; od -An -c -N3'
selftest "delivers an input method's burst in one read" "^ok .*expect-contains e5 bc a0 e6 99 93" \
	"type 张晓红|expect-contains e5 bc a0 e6 99 93 e7 ba a2" \
	/bin/sh -c 'stty raw -echo; printf "ready\r\n"; dd bs=64 count=1 2>/dev/null | od -An -tx1'
selftest "counts keys, not typed data, for keys-max" "^not ok .*3 keys since keys-reset, at most 2" \
	"keys-reset|type abcdef|key x <Tab>|key y|keys-max 2" /bin/sh -c 'stty raw -echo; printf ready; cat >/dev/null'

n=0
pids=""
for script in $(scripts); do
	if [ -n "$nozh" ]; then
		for size in 80x24 120x40; do
			must_run "$(basename "$script" .keys)[zh.$size]" "$nozh"
		done
	fi
	for lang in $LANGS; do
		for size in 80x24 120x40; do
			n=$((n + 1))
			run_one "$script" "$lang" "$size" "$OUT/$(printf %03d $n).out" &
			pids="$pids $!"
			if [ $((n % JOBS)) -eq 0 ]; then
				wait $pids
				pids=""
			fi
		done
	done
done
wait $pids

while IFS='|' read -r kind script lang tags opts; do
	case $kind in
	say)
		n=$((n + 1))
		echo "$script" >"$OUT/$(printf %03d $n).out"
		;;
	run)
		n=$((n + 1))
		run_one "$script" "$lang" 80x24 "$OUT/$(printf %03d $n).out" $opts </dev/null &
		pids="$pids $!"
		if [ $((n % JOBS)) -eq 0 ]; then
			wait $pids
			pids=""
		fi
		;;
	esac
done <<EOF
$EXTRA
EOF
wait $pids

status=0
[ -n "$nozh" ] && [ "${CI:-}" = true ] && status=1       # must_run said "not ok" above
for f in "$OUT"/*.out; do
	[ -e "$f" ] || continue
	cat "$f"
	grep -q '^not ok ' "$f" && status=1
done
exit $status
