#!/bin/sh
# tests/check.sh OBJDIR PART...: the rules of the tree that a compiler does not check (make check).
#   - core/ never includes curses; tui/ never reaches SQLite nor a part's private header.
#   - core/ is cut into parts, PART... bottom first: a part's files include only their own part's
#     headers and the public headers of the parts below it (store/sql.h, the statement layer, is
#     for every part above the storage part), never core.h (that is tui/'s one include).
#   - the same on the objects in OBJDIR/PART/: every function or variable a part uses from
#     another part is defined in a part below it, so the arrows point down whatever was included.
#   - a comment explains the code by itself: it names no issue and no document outside the tree.
# Each broken rule is printed with its file; the exit status is 1 when any was.
set -u
objdir=$1
shift
parts="$*"
bad=0
say() { echo "check: $*"; bad=1; }

rank() { # rank of part $1 in $parts (1 = bottom), 0 when not a part
	i=0
	for p in $parts; do
		i=$((i + 1))
		[ "$p" = "$1" ] && { echo $i; return; }
	done
	echo 0
}

hits=$(grep -nE '#[[:space:]]*include[[:space:]]*[<"](n?cursesw?|ncursesw/[a-z]+|term|form|menu|panel)\.h' \
       core/*.h core/*/*.c core/*/*.h 2>/dev/null)
[ -n "$hits" ] && say "core/ must not include curses (tui/ draws; core/ is plain C):
$hits"
hits=$(grep -nE 'sqlite3_|#include[[:space:]]*[<"](sqlite3\.h|store/sql\.h|[a-z/]*_int\.h)' \
       tui/*.c tui/*.h tui/*/*.c tui/*/*.h 2>/dev/null)
[ -n "$hits" ] && say "SQL and the parts' private headers stay inside core/:
$hits"

hits=$(grep -nE '[Ii]ssue #?[0-9]|privacy brief|domain brief|PRODUCT\.md|reference/[a-z]|anchors-(engineering|mission)|china-standards|privacy\.md|domain\.md' \
       core/*.h core/*/*.[ch] tui/*.[ch] tui/*/*.[ch] tests/*.[ch] tests/*/*.[ch] tests/*/*.sh \
       tests/*.sh tests/screen/*.keys assets/schema/*.sql Makefile 2>/dev/null | grep -v '^tests/check.sh:')
[ -n "$hits" ] && say "comments say the reason themselves, not where it is written outside the tree:
$hits"

for f in core/*/*.c core/*/*.h; do
	part=${f#core/}
	part=${part%%/*}
	me=$(rank "$part")
	[ "$me" -eq 0 ] && { say "$f: core/$part is not a part (Makefile CORE_PARTS)"; continue; }
	grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" | while IFS= read -r line; do
		inc=$(echo "$line" | sed -E 's/.*#[[:space:]]*include[[:space:]]*"([^"]*)".*/\1/')
		case $inc in
		*/*) ;;
		*) echo "check: $f: includes \"$inc\": name the part (\"$part/$inc\", or a part's header)"; continue ;;
		esac
		to=${inc%%/*}
		them=$(rank "$to")
		if [ "$them" -eq 0 ]; then
			echo "check: $f: includes \"$inc\", which is not in a part"
		elif [ "$them" -gt "$me" ]; then
			echo "check: $f: includes \"$inc\": core/$to is above core/$part"
		elif [ "$to" != "$part" ] && [ "$inc" != store/sql.h ] && [ "$inc" != "$to/$to.h" ]; then
			echo "check: $f: includes \"$inc\", private to core/$to (use $to/$to.h)"
		fi
	done
done > build/check-includes.txt
if [ -s build/check-includes.txt ]; then
	cat build/check-includes.txt
	bad=1
fi

# The objects: who defines what, then who uses what.
: > build/check-defs.txt
: > build/check-uses.txt
for p in $parts; do
	for o in "$objdir/$p"/*.o; do
		[ -f "$o" ] || continue
		nm --defined-only "$o" | awk -v p="$p" -v o="$o" '$2 ~ /^[TDRBC]$/ { print $3, p }' >> build/check-defs.txt
		nm -u "$o" | awk -v p="$p" -v o="${o#"$objdir"/}" '{ print $2, p, o }' >> build/check-uses.txt
	done
done
awk -v parts="$parts" '
	BEGIN { n = split(parts, a, " "); for (i = 1; i <= n; i++) rank[a[i]] = i }
	NR == FNR { def[$1] = $2; next }
	($1 in def) && rank[def[$1]] > rank[$2] {
		sub(/\.o$/, ".c", $3)
		printf "check: core/%s calls %s of core/%s, a part above core/%s\n", $3, $1, def[$1], $2
	}' build/check-defs.txt build/check-uses.txt > build/check-calls.txt
if [ -s build/check-calls.txt ]; then
	cat build/check-calls.txt
	bad=1
fi

if [ "$bad" -eq 0 ]; then
	echo "check: layering ok (core/ has no curses, tui/ has no SQL, the parts of core/ point down: $parts)"
fi
exit $bad
