#!/bin/sh
# tests/cli/units.sh: an office's own set-up from the command line — jiuye unit (list, add,
# rename, move, close, profile, import), an import into a database without units (--create-units),
# jiuye setting (list, get, set), and each of them refused to a clerk.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export JIUYE_TODAY=2026-11-23
. "$(dirname "$0")/lib.sh"

idno() { # a checksum-valid ID number (GB 11643) from 17 digits
	echo "$1" | awk '{
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ");
		s = 0; for (i = 1; i <= 17; i++) s += substr($0, i, 1) * w[i];
		printf "%s%s\n", $0, substr("10X98765432", s % 11 + 1, 1) }'
}
# a clerk's refusals need throwaway accounts: root only (else one skip in their place)
as_root=0
[ "$(id -u)" = 0 ] && command -v useradd >/dev/null 2>&1 && command -v runuser >/dev/null &&
	as_root=1
if [ $as_root = 1 ]; then plan 126; else plan 102; fi
export JIUYE_DB="$tmp/office.db"
run init
status_is "init an empty database" 0

# ---- the tree ---------------------------------------------------------------------------------
run unit list
status_is "unit list on an empty database" 0
has "...says how to add the first units" "$tmp/out" "jiuye unit add"
run unit add 东湖县 --level county --code DH
status_is "unit add a county with its code" 0
has "...says the code" "$tmp/out" "DH"
run unit add 城关镇 --level 镇 --parent 东湖县
status_is "unit add a street by the Chinese level word" 0
has "...its code made from the parent's" "$tmp/out" "DH01"
run unit add 幸福里社区 --level community --parent 城关镇
status_is "unit add a community" 0
run unit add 东湖村 --level 村 --parent DH01
status_is "unit add a village under its street's code" 0
has "...the next code" "$tmp/out" "DH0102"
run unit add 桥南街道 --level street --parent 东湖县
status_is "unit add a second street" 0
run unit list
status_is "unit list" 0
has "...the tree in order, indented" "$tmp/out" "    幸福里社区"
has "...the codes" "$tmp/out" "DH0101"
has "...residents of a community" "$tmp/out" "0 residents"

run unit add 幸福里社区 --level community --parent 桥南街道
status_is "a name taken, under another street: refused" 1
has "...naming where the other is" "$tmp/err" "幸福里社区 is already a unit, under 城关镇"
run unit add 新村 --level street --parent 幸福里社区
status_is "a street under a community: refused" 1
has "...saying what goes under what" "$tmp/err" "a street goes under a county"
run unit add 新村 --level province
status_is "an unknown level: a usage error" 2
has "...naming the levels" "$tmp/err" "county (县区), street (街道乡镇) or community (社区村)"
run unit add 新村 --level community --parent 无此镇
status_is "an unknown parent: refused" 1
has "...named" "$tmp/err" "无此镇 is not a unit"
run unit move 东湖县 --parent 幸福里社区
status_is "a county under its own community: refused" 1
has "...as a circle" "$tmp/err" "circle"
run unit move 幸福里社区 --parent 桥南街道
status_is "unit move a community to another street" 0
run unit list
has "...listed under it now" "$tmp/out" "桥南街道"
run unit move 幸福里社区
status_is "unit move without --parent or --top: a usage error" 2
run unit rename 东湖村 东湖村委会
status_is "unit rename" 0
run unit rename 东湖村委会 城关镇
status_is "rename to a name taken: refused" 1

run unit profile 幸福里社区 --date 2026-11-30 --buildings 46 --entrances 122 --households 1589 \
	--population 3856
status_is "unit profile records the figures" 0
has "...and says them" "$tmp/out" "46 buildings 122 entrances 1589 households 3856 people"
run unit profile 幸福里社区
status_is "unit profile reads them back" 0
has "...with the date" "$tmp/out" "幸福里社区 on 2026-11-30"
run unit profile 幸福里社区 --households 很多
status_is "a figure that is not a number: a usage error" 2

# ---- registrations and a closed unit ------------------------------------------------------------
a=$(idno 33012219770412002) b=$(idno 33012219800101004) c=$(idno 33012219850505006)
printf '姓名,身份证号,社区\n王秀兰,%s,幸福里社区\n李娟,%s,东湖村委会\n' "$a" "$b" >"$tmp/r.csv"
run import residents "$tmp/r.csv"
status_is "import residents into the units" 0
printf '姓名,身份证号,社区\n张红,%s,西湖社区\n' "$c" >"$tmp/w.csv"
run import residents "$tmp/w.csv"
status_is "an unknown community: refused" 1
has "...listing the accepted ones" "$tmp/err" "accepted: 幸福里社区"
has "...and naming jiuye unit add" "$tmp/err" "jiuye unit add 西湖社区 --level community"
run unit close 城关镇
status_is "a street with open communities is not closed" 1
has "...saying which" "$tmp/err" "东湖村委会"
run unit close 东湖村委会
status_is "unit close" 0
run unit list
has "...listed as closed" "$tmp/out" "(closed "
printf '姓名,身份证号,社区\n张红,%s,东湖村委会\n' "$c" >"$tmp/n.csv"
run import residents "$tmp/n.csv"
status_is "a new resident in a closed community: refused" 1
has "...saying it was closed" "$tmp/err" "东湖村委会 was closed on"
run import residents "$tmp/r.csv"
status_is "her residents stay: the same file again imports" 0
has "...as unchanged" "$tmp/out" "2 unchanged"

# ---- units from a file ------------------------------------------------------------------------
printf '名称,级别,上级\n桥北街道,街道,东湖县\n光明社区,社区,桥北街道\n红旗村,村,桥北街道\n' >"$tmp/u.csv"
run unit import "$tmp/u.csv" --dry-run
status_is "unit import --dry-run" 0
has "...counts" "$tmp/out" "3 added"
run unit list
lacks "...and saves nothing" "$tmp/out" "光明社区"
run unit import "$tmp/u.csv"
status_is "unit import" 0
run unit list
has "...the units are there" "$tmp/out" "光明社区"
printf '名称,级别,上级\n甲社区,社区,乙街道\n乙街道,街道,东湖县\n' >"$tmp/bad.csv"
run unit import "$tmp/bad.csv"
status_is "a parent only in a row below: refused" 1
has "...naming the row and the column" "$tmp/err" "bad.csv:2: 上级"

# ---- an empty database and a roster --------------------------------------------------------------
export JIUYE_DB="$tmp/new.db"
run init
printf '姓名,身份证号,社区\n王秀兰,%s,东湖社区\n李娟,%s,东湖社区\n张红,%s,幸福里社区\n' "$a" "$b" "$c" \
	>"$tmp/roster.csv"
run import residents "$tmp/roster.csv" --dry-run
status_is "a roster into a database without units: dry run refuses" 1
lacks "...never an empty accepted list" "$tmp/err" "accepted: "
has "...names the communities the file holds" "$tmp/err" "东湖社区: 2 rows"
has "...with their rows" "$tmp/err" "幸福里社区: 1 row"
has "...and says --create-units" "$tmp/err" "--create-units"
run import residents "$tmp/roster.csv" --create-units --dry-run
status_is "--create-units --dry-run" 0
has "...would create them" "$tmp/err" "would create these 2 communities"
has "...and counts the rows" "$tmp/out" "3 added"
run unit list
lacks "...and creates nothing" "$tmp/out" "东湖社区"
run import residents "$tmp/roster.csv" --create-units
status_is "--create-units" 0
run unit list
has "...created the communities" "$tmp/out" "东湖社区"
has "...with their residents" "$tmp/out" "2 residents"
run import residents "$tmp/roster.csv" --create-units
status_is "--create-units into a database with units: refused" 1
run import courses "$tmp/roster.csv" --create-units
status_is "--create-units with another kind: a usage error" 2

# ---- settings ---------------------------------------------------------------------------------
run setting list
status_is "setting list" 0
has "...every key, its value" "$tmp/out" "ui.lock_minutes"
has "...its meaning and range" "$tmp/out" "a whole number from 0 to 1440"
has "...the 4050 ages" "$tmp/out" "rule.4050.female_upper"
run setting set ui.lock_minutes 10
status_is "setting set" 0
run setting get ui.lock_minutes
has "...setting get reads it" "$tmp/out" "10"
run setting set ui.lock_minutes 十
status_is "a value not accepted: refused" 1
has "...naming the key and what it takes" "$tmp/err" \
	"ui.lock_minutes: \"十\" is not accepted; it takes a whole number from 0 to 1440"
run setting set rule.4050.female_age 60
status_is "a 4050 age above the upper one: refused" 1
run setting set audit.unhashed_until 1
status_is "a key the audit trail relies on: refused" 1
has "...saying why" "$tmp/err" "audit trail"
run setting set no.such 1
status_is "an unknown key: refused" 1
has "...naming the keys" "$tmp/err" "ui.lock_pam"
run setting set ui.lock_pam 是
run setting get ui.lock_pam
has "...是 stored as 1" "$tmp/out" "1"

# ---- code lists -------------------------------------------------------------------------------
run code list
status_is "code list: the lists" 0
has "...by name and Chinese name" "$tmp/out" "education        文化程度"
run code list 文化程度
status_is "code list 文化程度" 0
has "...its codes with their other names" "$tmp/out" "大学专科  (also: 专科、大专)"
run code add 专业 21 电商直播
status_is "code add an office's own code" 0
run code alias speciality 21 直播带货
status_is "code alias" 0
run code list speciality
has "...listed with its alias" "$tmp/out" "电商直播  (also: 直播带货)"
run code add speciality 22 家政
status_is "code add a label the list has: refused" 1
has "...naming the code that has it" "$tmp/err" "家政 is already code 01 of 专业"
run code alias education 99 大专
status_is "an alias another code has: refused" 1
run code add 学历表 1 博士
status_is "an unknown list: refused" 1
has "...pointing to the lists" "$tmp/err" "jiuye code list"
run code retire education 99
status_is "code retire" 0
run code list education
has "...listed as retired" "$tmp/out" "(retired: kept on old records)"
d=$(idno 33012219900101008)
printf '姓名,身份证号,社区,文化程度
钱芳,%s,东湖社区,文盲
' "$d" >"$tmp/e.csv"
run import residents "$tmp/e.csv"
status_is "a new resident with a retired code: refused" 1
has "...saying it is no longer used" "$tmp/err" "文化程度: 文盲或半文盲 is no longer used"
run code add education 99 别的
status_is "a code retired stays taken" 1
run code
status_is "code without a verb: a usage error" 2

run check
status_is "the database checks clean after all that" 0

# ---- a clerk -------------------------------------------------------------------------------------
# a worker is the OS account that runs jiuye: throwaway accounts, so root only
if [ $as_root = 1 ]; then
	grp=jyg$$ clerk=jyc$$
	trap '{ userdel "$clerk"; groupdel "$grp"; } 2>/dev/null; rm -rf "$tmp"' EXIT
	groupadd "$grp" && useradd -M -N -g "$grp" -s /bin/sh "$clerk" || nok "throwaway account"
	chmod 755 "$tmp"
	wbin="$tmp/jiuye-as-worker"
	cp "$JIUYE" "$wbin" && chmod 755 "$wbin"
	mkdir "$tmp/office" && chgrp "$grp" "$tmp/office" && chmod 2770 "$tmp/office"
	cp "$tmp/new.db" "$tmp/office/jiuye.db" && chgrp "$grp" "$tmp/office/jiuye.db" &&
		chmod 660 "$tmp/office/jiuye.db"
	export JIUYE_DB="$tmp/office/jiuye.db"
	run worker add "$clerk" --role clerk --scope 东湖社区
	status_is "worker add a clerk" 0
	clerk_run() { # ARGS...: as the clerk, output in $tmp/out and $tmp/err
		( cd "$tmp" && runuser -u "$clerk" -- env JIUYE_DB="$JIUYE_DB" JIUYE_TODAY="$JIUYE_TODAY" \
			"$wbin" "$@" ) >"$tmp/out" 2>"$tmp/err"
		st=$?
	}
	clerk_run unit list
	status_is "a clerk reads the units" 0
	has "...all of them" "$tmp/out" "东湖社区"
	for cmd in "unit add 南门社区 --level community" "unit rename 东湖社区 东湖北社区" \
		"unit move 东湖社区 --top" "unit close 幸福里社区" "unit profile 东湖社区 --households 9" \
		"setting set ui.lock_minutes 5" "code add speciality 23 茶艺" \
		"code alias speciality 01 保姆" "code retire speciality 01"; do
		# shellcheck disable=SC2086
		clerk_run $cmd
		status_is "a clerk's $cmd: refused" 1
		has "...saying she may not, and whom to ask" "$tmp/err" "ask an administrator"
	done
	clerk_run unit import "$tmp/u.csv"
	status_is "a clerk's unit import: refused" 1
	has "...naming her role" "$tmp/err" "录入员"
	clerk_run setting get ui.lock_minutes
	status_is "a clerk reads a setting" 0
	run unit list
	lacks "...and nothing she tried changed" "$tmp/out" "南门社区"
else
	skip_or_fail "a clerk's refusals" "needs root, useradd and runuser"
fi
