#!/bin/sh
# tests/cli/training.sh: `jiuye import|export courses|enrolments` with the files a training office
# keeps: codes by label or alias, numbers written with units, dates as workers write them, BOM and
# GBK, bad cells each on its own line, rows that break the rules (a course ending before it starts,
# an ID nobody registered, a name that is not the registered one, a certificate without
# completion), duplicates inside a file, updates that keep stored values, dry runs, skip errors,
# capacity warnings, round trips. The files are written here, in the spreadsheet's own shapes.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 61
same() {
	if cmp -s "$2" "$3"; then ok "$1"; else nok "$1" "$(diff "$2" "$3" | head -n 10)"; fi
}
lines_are() { # name, file, count of lines matching a fixed text, the text
	n=$(grep -cF -- "$4" "$2")
	if [ "$n" -eq "$3" ]; then ok "$1"; else nok "$1" "$n lines with \"$4\", expected $3:" "$(cat "$2")"; fi
}
newdb() {
	db="$tmp/$1.db"
	rm -f "$db" "$db-wal" "$db-shm"
	"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo $1"
}
courses_of() { "$JIUYE" export courses --db "$1" -o "$2" 2>/dev/null; }
enrolments_of() { "$JIUYE" export enrolments --purpose 核对 --db "$1" -o "$2" 2>/dev/null; }
# a CSV file as Excel writes it: CRLF line ends
csv() { printf '%s\r\n' "$@"; }

newdb demo
courses_of "$db" "$tmp/demo_courses.csv"
enrolments_of "$db" "$tmp/demo_enrol.csv"
"$JIUYE" export residents --purpose 核对 --db "$db" -o "$tmp/residents.csv" 2>/dev/null
id_of() { grep "^$1," "$tmp/residents.csv" | cut -d, -f2; }
WANG=$(id_of 王秀兰)
LI=$(id_of 李桂芳)
WU=$(id_of 吴建国)
ZHOU=$(id_of 周红霞)
ZHENG=$(id_of 郑小娟)
[ ${#LI} -eq 18 ] && ok "the demo's ID numbers are known" || nok "the demo's ID numbers are known" "$LI"

# ---- courses: a good file ------------------------------------------------------------------------
csv "培训班编号,培训班名称,专业,培训类别,培训机构,期,班次,开班日期,结业日期,学时,计划人数,培训地点,每人补贴,培训对象" \
	",养老护理员培训班 2024年第2期,养老护理,失业人员,县人社局,2,1,2024/7/1,2024年7月20日,120学时,30,幸福里社区妇女之家,\"1,500元\",4050人员" \
	",育婴员培训班,育婴师,农村劳动力转移培训,,,,20240805,20240816,80,2,南门社区,１０００,返乡妇女" \
	",,,,,,,,,,,,," >"$tmp/courses_good.csv"
newdb good
run import courses "$tmp/courses_good.csv" --db "$db"
status_is "good course file: exit 0" 0
has "good course file: 2 added (Excel's empty rows are not rows)" "$tmp/out" \
	"import courses_good.csv: 2 added, 0 updated, 0 unchanged, 0 rejected"
[ ! -s "$tmp/err" ] && ok "good course file: nothing on stderr" || nok "good course file: nothing on stderr" "$(cat "$tmp/err")"
courses_of "$db" "$tmp/good.csv"
has "new courses get the next codes; labels, aliases, units and dates as stored" "$tmp/good.csv" \
	"K-006,养老护理员培训班 2024年第2期,养老护理,失业人员培训,县人社局,2,1,2024-07-01,2024-07-20,120,30,幸福里社区妇女之家,1500,4050人员,"
has "育婴师 is 育婴, full-width digits are digits" "$tmp/good.csv" \
	"K-007,育婴员培训班,育婴,农村转移培训,,,,2024-08-05,2024-08-16,80,2,南门社区,1000,返乡妇女,"
run import courses "$tmp/good.csv" --db "$db"
has "export imports back unchanged" "$tmp/out" "0 added, 0 updated, 7 unchanged, 0 rejected"
head -c 3 "$tmp/good.csv" | od -An -tx1 | tr -d ' \n' >"$tmp/bom"
[ "$(cat "$tmp/bom")" = "efbbbf" ] && ok "course export starts with a UTF-8 BOM" || nok "course export BOM" "$(cat "$tmp/bom")"

if iconv -f UTF-8 -t GB18030 "$tmp/courses_good.csv" >"$tmp/courses_gbk.csv" 2>/dev/null; then
	newdb gbk
	run import courses "$tmp/courses_gbk.csv" --db "$db"
	status_is "GBK course file: exit 0" 0
	courses_of "$db" "$tmp/gbk.csv"
	same "GBK imports exactly as UTF-8" "$tmp/good.csv" "$tmp/gbk.csv"
else
	nok "iconv can write GB18030"
fi

# ---- courses: an update keeps what the file leaves empty -------------------------------------------
csv "code,name,place" "k-001,,县就业服务中心二楼" >"$tmp/courses_update.csv"
newdb update
run import courses "$tmp/courses_update.csv" --db "$db" --dry-run
has "--dry-run: counts an update, says it is a dry run" "$tmp/out" \
	"import courses_update.csv (dry run, nothing saved): 0 added, 1 updated, 0 unchanged, 0 rejected"
courses_of "$db" "$tmp/after_dry.csv"
same "--dry-run changes nothing" "$tmp/demo_courses.csv" "$tmp/after_dry.csv"
run import courses "$tmp/courses_update.csv" --db "$db"
status_is "update by code (English headers, lower-case code): exit 0" 0
courses_of "$db" "$tmp/updated.csv"
has "update: the place changed, the empty name kept" "$tmp/updated.csv" \
	"K-001,家政服务员(初级)培训班 2024年第1期,家政,失业人员培训,桐溪县巾帼家政职业培训学校,,,2024-02-11,2024-02-22,80,40,县就业服务中心二楼,1200,"

# ---- courses: bad cells and bad rows --------------------------------------------------------------
csv "培训班编号,培训班名称,专业,开班日期,结业日期,计划人数,每人补贴" \
	",好的班,家政,2024-07-01,2024-07-10,20,800" \
	",坏的班,烹饪,2024-02-30,2024-07-10,二十,800" \
	",倒过来的班,电脑,2024-07-20,2024-07-10,20,800" \
	"K-009,重复编号一,电脑,2024-07-01,2024-07-10,20," \
	"K-009,重复编号二,电脑,2024-07-01,2024-07-10,20," \
	",,家政,2024-07-01,2024-07-10,20,800" >"$tmp/courses_bad.csv"
newdb bad
run import courses "$tmp/courses_bad.csv" --db "$db"
status_is "bad course file: exit 1" 1
has "an unknown speciality: the labels accepted" "$tmp/err" \
	"courses_bad.csv:3: 专业: \"烹饪\" is not in the list; accepted: 家政, 月嫂, 育婴, 养老护理"
has "an impossible date: file, row, column" "$tmp/err" "courses_bad.csv:3: 开班日期:"
has "a number in words: what is accepted" "$tmp/err" \
	"courses_bad.csv:3: 计划人数: \"二十\" is not a whole number; write digits only, such as 40"
lines_are "each bad cell of row 3 on a line of its own" "$tmp/err" 3 "courses_bad.csv:3: "
has "a course that ends before it starts" "$tmp/err" \
	"courses_bad.csv:4: 结业日期: 2024-07-10 is before the start 2024-07-20"
has "the same code twice in a file: the second names the first" "$tmp/err" "courses_bad.csv:6: 培训班编号: also in row 5"
has "a course without a name: required" "$tmp/err" "courses_bad.csv:7: 培训班名称: required"
lacks "the good row is not reported" "$tmp/err" "courses_bad.csv:2:"
has "bad rows: nothing imported, and why" "$tmp/err" "courses_bad.csv: 4 bad rows, nothing was imported"
courses_of "$db" "$tmp/bad.csv"
same "bad rows without --skip-errors: nothing stored" "$tmp/demo_courses.csv" "$tmp/bad.csv"
run import courses "$tmp/courses_bad.csv" --db "$db" --skip-errors
status_is "--skip-errors: exit 1" 1
has "--skip-errors: the good rows stored, the bad ones counted" "$tmp/out" "2 added, 0 updated, 0 unchanged, 4 rejected"
courses_of "$db" "$tmp/skip.csv"
has "--skip-errors: the good row is there" "$tmp/skip.csv" ",好的班,家政,"
lacks "--skip-errors: the bad row is not" "$tmp/skip.csv" "坏的班"

# ---- courses: the header row ----------------------------------------------------------------------
csv "培训班名称,开班日期,结业日期,老师" "某班,2024-07-01,2024-07-02,张老师" >"$tmp/courses_unknown.csv"
run import courses "$tmp/courses_unknown.csv" --db "$db"
status_is "an unknown column: exit 1" 1
has "an unknown column: named, with the columns accepted" "$tmp/err" \
	"courses_unknown.csv:1: 老师: unknown column; accepted: 培训班编号, 培训班名称"
csv "开班日期,结业日期,培训地点" "2024-07-01,2024-07-02,南门社区" >"$tmp/courses_noname.csv"
run import courses "$tmp/courses_noname.csv" --db "$db"
status_is "no 培训班名称 column: exit 1" 1
has "neither 培训班编号 nor 培训班名称: the name's column is missing" "$tmp/err" \
	"courses_noname.csv:1: 培训班名称: the column is missing"
csv "培训班编号,开班日期,结业日期" "K-100,2024-07-01,2024-07-02" >"$tmp/courses_newcode.csv"
run import courses "$tmp/courses_newcode.csv" --db "$db"
has "a code no course has, without a name: the row says what a new course needs" "$tmp/err" \
	"courses_newcode.csv:2: 培训班名称: required"
csv "K-100,某班,2024-07-01,2024-07-02" >"$tmp/courses_nohead.csv"
run import courses "$tmp/courses_nohead.csv" --db "$db"
has "data in the first row: said so" "$tmp/err" "the first row holds data, not column names"

# ---- enrolments -----------------------------------------------------------------------------------
newdb enrol
"$JIUYE" import courses "$tmp/courses_good.csv" --db "$db" >/dev/null 2>&1     # K-007 has 2 places
csv "身份证号,姓名,培训班编号,报名日期,候补" \
	"'$LI,李桂芳,k-007,2024-07-20," \
	"$WU,吴建国,K-007,2024-07-21,否" \
	"$ZHOU,周红霞,K-007,2024-07-22,是" \
	"$ZHENG,,K-007,2024-07-23," >"$tmp/enrol_good.csv"
run import enrolments "$tmp/enrol_good.csv" --db "$db"
status_is "enrolments by ID number and course code: exit 0" 0
has "4 added" "$tmp/out" "import enrol_good.csv: 4 added, 0 updated, 0 unchanged, 0 rejected"
has "past the capacity: a warning names the row, the row is kept" "$tmp/err" \
	"enrol_good.csv:5: 培训班编号: warning: course K-007 is over its capacity: 3 admitted for 2 places"
lines_are "the waiting list does not count against the capacity" "$tmp/err" 1 "warning"
enrolments_of "$db" "$tmp/enrol.csv"
has "an ID number Excel was kept from rounding ('…) is the number" "$tmp/enrol.csv" "$LI,李桂芳,K-007,2024-07-20,否,在读"
has "候补 是: on the waiting list" "$tmp/enrol.csv" "$ZHOU,周红霞,K-007,2024-07-22,是,在读"

csv "身份证号,姓名,培训班编号,学习状态,考核合格,证书类型,证书编号" \
	"$LI,,K-007,结业,是,专项职业能力证书,ZX-2024-001" \
	"$WU,,K-007,在读,,结业证书," \
	"$ZHOU,,K-007,结业,,," \
	"11010519491231002X,某人,K-007,,,," \
	"$ZHENG,张三,K-007,,,," \
	"$WANG,,K-099,,,," \
	"$LI,,K-007,退学,,," \
	"$WANG,,K-001,,否,职业资格证书," >"$tmp/enrol_bad.csv"
run import enrolments "$tmp/enrol_bad.csv" --db "$db"
status_is "bad enrolment rows: exit 1" 1
has "a certificate needs completion" "$tmp/err" \
	"enrol_bad.csv:3: 证书类型: a certificate comes with completion: set 学习状态 to 结业"
has "the waiting list cannot complete" "$tmp/err" \
	"enrol_bad.csv:4: 学习状态: she is on the waiting list: admit her (候补 否) before she completes"
has "an ID number nobody registered" "$tmp/err" \
	"enrol_bad.csv:5: 身份证号: no resident has this ID number in the registry: register her first"
has "a name that is not the registered one" "$tmp/err" \
	"enrol_bad.csv:6: 姓名: \"张三\" is not the name registered for this ID number (郑小娟)"
has "an unknown course code: the codes there are" "$tmp/err" "enrol_bad.csv:7: 培训班编号: no course has the code K-099; courses: K-007"
has "one person twice in one course in a file" "$tmp/err" "enrol_bad.csv:8: 身份证号: also in row 2"
has "no certificate for one who did not pass" "$tmp/err" "enrol_bad.csv:9: 证书类型: she did not pass"
lacks "the good row is not reported" "$tmp/err" "enrol_bad.csv:2:"
enrolments_of "$db" "$tmp/enrol_after_bad.csv"
same "bad rows: no enrolment changed" "$tmp/enrol.csv" "$tmp/enrol_after_bad.csv"

csv "身份证号,培训班编号,学习状态,考核合格,证书类型,证书编号" \
	"$LI,K-007,结业,是,专项职业能力证书,ZX-2024-001" >"$tmp/enrol_complete.csv"
run import enrolments "$tmp/enrol_complete.csv" --db "$db"
has "completion with a certificate: an update" "$tmp/out" "0 added, 1 updated, 0 unchanged, 0 rejected"
enrolments_of "$db" "$tmp/enrol2.csv"
has "completion: the course's end date, the certificate and its number; the rest kept" "$tmp/enrol2.csv" \
	"$LI,李桂芳,K-007,2024-07-20,否,结业,2024-08-16,是,专项职业能力证书,ZX-2024-001,,"
run import enrolments "$tmp/enrol2.csv" --db "$db"
has "enrolment export imports back unchanged" "$tmp/out" "0 added, 0 updated, 10 unchanged, 0 rejected"
lacks "…without warnings (nobody is newly admitted)" "$tmp/err" "warning"

# ---- usage ------------------------------------------------------------------------------------------
run import widgets "$tmp/enrol2.csv" --db "$db"
status_is "import of an unknown kind: usage error (exit 2)" 2
has "the usage names the training files" "$tmp/err" "courses|enrolments"
run export courses extra --db "$db"
status_is "export with an extra word: usage error (exit 2)" 2
run --help
has "--help lists the training files" "$tmp/out" "jiuye import courses|enrolments"
: >"$tmp/empty.csv"
run import enrolments "$tmp/empty.csv" --db "$db"
status_is "an empty file: exit 1" 1
has "an empty file: the columns it needs" "$tmp/err" "empty.csv: the file is empty: the first row names the columns: 身份证号, 姓名, 培训班编号"
