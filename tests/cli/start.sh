#!/bin/sh
# tests/cli/start.sh: README's "开始使用 / Starting an office" as written: the commands of its
# shell block, one by one, on an empty database, with its 台账.csv; each must succeed, and the
# office they leave must be the one the section describes (its units, workers, settings, residents
# and first report).
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
README=${README:-$(dirname "$0")/../../README.md}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
export JIUYE_DB="$tmp/jiuye.db" JIUYE_TODAY=2026-11-30

# The block between the section's markers, and the file after its csv marker.
sed -n '/^<!-- start.sh: begin -->$/,/^<!-- start.sh: end -->$/p' "$README" |
	sed -n '/^```sh$/,/^```$/p' | sed '1d;$d' >"$tmp/commands"
awk '/^<!-- start.sh: csv -->$/ { on = 1; next }
	on && /^```/ { if (++fence == 2) exit; next }
	on && fence == 1' "$README" >"$tmp/台账.csv"
n=$(grep -c '^jiuye ' "$tmp/commands")
plan $((n + 15))                    # a check a command, and the 15 below and above
[ "$n" -ge 10 ] && ok "README's section has its commands ($n)" || nok "README's commands" "$n found"
grep -q '^王秀兰,' "$tmp/台账.csv" && ok "README's section has its 台账.csv" ||
	nok "README's csv" "$(cat "$tmp/台账.csv")"

cd "$tmp" || exit 1
i=0
while IFS= read -r line; do
	cmd=${line%%#*}                   # the comment after a command is the reader's, not the shell's
	case $cmd in jiuye\ *) ;; *) continue ;; esac
	i=$((i + 1))
	# shellcheck disable=SC2086
	eval "set -- ${cmd#jiuye }"
	run "$@"
	status_is "step $i: $cmd" 0
	cp "$tmp/out" "$tmp/out.$i"
done <"$tmp/commands"

grep -l '幸福里社区' "$tmp"/out.* >/dev/null 2>&1 && ok "the unit list shows the tree" ||
	nok "unit list"
run unit list
has "...the county with its code" "$tmp/out" "330122"
has "...a community under its street" "$tmp/out" "    幸福里社区"
has "...with the residents the import brought" "$tmp/out" "2 residents"
run unit profile 幸福里社区
has "the community's profile" "$tmp/out" "46 buildings 122 entrances 1589 households 3856 people"
run worker list
has "the clerk, for her community" "$tmp/out" "幸福里社区"
has "the reviewer, for the street" "$tmp/out" "城关镇"
run setting get rule.4050.female_upper
has "the 4050 setting as set" "$tmp/out" "50"
run setting get ui.lock_minutes
has "the idle lock as set" "$tmp/out" "10"
last="$tmp/out.$i"                  # the report, the section's last command
has "the first report: the new registrations" "$last" "新增登记人数"
has "...split by community" "$last" "东湖村"
grep -E '^A2 .* 3 ' "$last" >/dev/null && ok "...3 of them, as the 台账 holds" ||
	nok "...3 new registrations" "$(grep '^A2' "$last")"
run check
status_is "the office's database checks clean" 0
