#!/bin/sh
# tests/cli/zmodem.sh: `jiuye report --dest zmodem` and `jiuye print … --dest zmodem` on a
# pseudo-terminal whose other end is a terminal that takes ZMODEM (the screen harness, its side
# Debian's rz saving into ~/desk, as Xshell saves on the PC): what arrives is byte for byte the
# file jiuye wrote. A shell says "ready" and waits a second before it runs jiuye, so that the
# harness's side is armed (zmodem-receive) before the transfer's first header; jiuye's own words
# on stderr are not the point here (reportdest.sh reads them).
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
VTH=${VTHARNESS:-./build/asan/vtharness}
case $JIUYE in /*) ;; *) JIUYE=$PWD/$JIUYE ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 4

if ! command -v rz >/dev/null || ! command -v sz >/dev/null || [ ! -x "$VTH" ]; then
	skip_rest 4 "zmodem on a terminal" "no lrzsz or no $VTH (make deps, make build/asan/vtharness)"
	exit 0
fi
mkdir -p "$tmp/home"
db="$tmp/demo.db"
HOME="$tmp/home" "$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo"

# jiuye ARGS on the harness's terminal, the harness's checks after the transfer on stdin
on_terminal() {
	{ echo "zmodem-receive ~/desk"; echo "wait-exit 0"; cat; } >"$tmp/t.keys"
	# leaks are the other tests' business; as in tests/screen/run.sh, not checked on a terminal
	HOME="$tmp/home" ASAN_OPTIONS=detect_leaks=0 "$VTH" -T 20000 "$tmp/t.keys" -- /bin/sh -c 'echo ready; sleep 1; exec "$@" 2>/dev/null' sh \
		"$JIUYE" "$@" --db "$db" >"$tmp/vth.out" 2>&1
}

on_terminal report --dest zmodem -o "$tmp/home/报表.txt" <<EOF
expect-same-file ~/报表.txt ~/desk/报表.txt
EOF
if grep -q '^not ok' "$tmp/vth.out"; then
	nok "report --dest zmodem: her PC has the report, byte for byte" "$(cat "$tmp/vth.out")"
else
	ok "report --dest zmodem: her PC has the report, byte for byte"
fi
grep -q '^ok .*wait-exit 0' "$tmp/vth.out" && ok "…jiuye exits 0 after the transfer" \
	|| nok "…jiuye exits 0 after the transfer" "$(cat "$tmp/vth.out")"

on_terminal report --dest zmodem --format xlsx -o "$tmp/home/报表.xlsx" <<EOF
expect-same-file ~/报表.xlsx ~/desk/报表.xlsx
EOF
if grep -q '^not ok' "$tmp/vth.out"; then
	nok "report --format xlsx --dest zmodem: the workbook, byte for byte" "$(cat "$tmp/vth.out")"
else
	ok "report --format xlsx --dest zmodem: the workbook, byte for byte"
fi

on_terminal print form R-000001 --dest zmodem </dev/null
if [ -f "$tmp/home/desk/登记表.txt" ] && grep -q "求职登记表" "$tmp/home/desk/登记表.txt" \
	&& ! grep -q '^not ok' "$tmp/vth.out"; then
	ok "print form --dest zmodem: her PC has 登记表.txt"
else
	nok "print form --dest zmodem: her PC has 登记表.txt" "$(ls "$tmp/home/desk")" "$(cat "$tmp/vth.out")"
fi
