#!/bin/sh
# tests/cli/jobs.sh: `jiuye import|export employers|jobs|referrals` with the rules of the resident
# import: every bad cell as FILE:ROW: 列名, nothing stored while a row is bad, --skip-errors,
# dry runs, empty cells that never overwrite, GBK, the same record twice in a file, and exports in
# the importer's columns that import back unchanged, byte for byte. Fixtures: tests/cli/data/jobs_*.
# Prints "ok - name" / "not ok - name" lines; tests/run.sh counts them.
set -u
JIUYE=${JIUYE:-./build/asan/jiuye}
data=$(cd "$(dirname "$0")" && pwd)/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the demo's dates (and its ID numbers, built from shifted birth dates) are those of 2024-06-30
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC JIUYE_TODAY=2024-06-30
unset JIUYE_DB

. "$(dirname "$0")/lib.sh"
plan 82
# Two files alike but for a file of people's first line, its notice, which names the minute it was
# written (a slow run passes a minute between two exports).
same() {
	sed '1{/内部资料.*时间：/d}' "$2" >"$tmp/same.a"
	sed '1{/内部资料.*时间：/d}' "$3" >"$tmp/same.b"
	if cmp -s "$tmp/same.a" "$tmp/same.b"; then ok "$1"; else nok "$1" "$(diff "$2" "$3" | head -n 10)"; fi
}
newdb() {
	db="$tmp/$1.db"
	rm -f "$db" "$db-wal" "$db-shm"
	"$JIUYE" init --demo --db "$db" >/dev/null 2>&1 || nok "init --demo $1"
}
exp() { # kind, db, file
	"$JIUYE" export "$1" --purpose 核对 --db "$2" -o "$3" 2>/dev/null
}

# ---- exports of the demo import back unchanged ----------------------------------------------------
newdb demo
demo=$db
for k in employers jobs referrals; do
	run export $k --purpose 核对 --db "$demo" -o "$tmp/demo_$k.csv"
	status_is "export $k: exit 0" 0
done
head -c 3 "$tmp/demo_employers.csv" | od -An -tx1 | grep -q "ef bb bf" && ok "export: UTF-8 with a BOM" || nok "export: UTF-8 with a BOM"
has "export employers: the importer's columns, headed in Chinese" "$tmp/demo_employers.csv" \
	"单位编号,单位名称,统一社会信用代码,单位类型,所属行业,女企业家企业,联系人,联系电话,地址,备注"
has "export employers: codes written as labels, the credit code checked and whole" "$tmp/demo_employers.csv" \
	"E01,桐溪县巾帼家政服务有限公司,91330122MA2JY0001E,民营企业,居民服务、修理和其他服务业,是,何丽萍,13800000101"
has "export jobs: the posting with its employer, counts, wage range and unit" "$tmp/demo_jobs.csv" \
	"J-004,桐溪县巾帼家政服务有限公司,家政服务员,10,6,否,,4500,5500,元/月"
has "export referrals: by ID number and posting code, with the hire" "$tmp/demo_referrals.csv" \
	"330122197908031002,李桂芳,J-001,2024-02-12,是,,录用,2024-02-25,公益性岗位安置,2024-03-01,2024-06-30,"
for k in employers jobs referrals; do
	run import $k "$tmp/demo_$k.csv" --db "$demo"
	status_is "import $k of its own export: exit 0" 0
done
has "referrals of the export: all unchanged" "$tmp/out" "0 added, 0 updated, 6 unchanged, 0 rejected"
newdb again
for k in employers jobs referrals; do
	"$JIUYE" import $k "$tmp/demo_$k.csv" --db "$db" >/dev/null 2>&1
	exp $k "$db" "$tmp/again_$k.csv"
	same "export, import, export $k: byte for byte" "$tmp/demo_$k.csv" "$tmp/again_$k.csv"
done

# ---- employers ------------------------------------------------------------------------------------
newdb emp
run import employers "$data/jobs_employers_good.csv" --dry-run --db "$db"
status_is "employers dry run: exit 0" 0
has "dry run: counts what a real run would do, and says so" "$tmp/out" \
	"import jobs_employers_good.csv (dry run, nothing saved): 2 added, 0 updated, 0 unchanged, 0 rejected"
exp employers "$db" "$tmp/emp_dry.csv"
same "dry run: nothing stored" "$tmp/demo_employers.csv" "$tmp/emp_dry.csv"
run import employers "$data/jobs_employers_good.csv" --db "$db"
status_is "good employers file: exit 0" 0
has "good employers file: 2 added (the ,,,, row is no row)" "$tmp/out" "2 added, 0 updated, 0 unchanged, 0 rejected"
exp employers "$db" "$tmp/emp.csv"
has "aliases stored as codes (个体, 保洁), 是 as yes" "$tmp/emp.csv" \
	"E06,桐溪县爱心保洁服务部,92330122MA2JY0006T,个体工商户,居民服务、修理和其他服务业,是,孙桂香,13800000106"
has "a credit code in lower case stored in capitals; a landline with its area code" "$tmp/emp.csv" \
	"E07,桐溪县康宁养老服务中心,52330122MA2JY00072,社会组织,卫生和社会工作,否,周主任,0571-87650001"
run import employers "$data/jobs_employers_good.csv" --db "$db"
has "the same file again: found by credit code, unchanged" "$tmp/out" "0 added, 0 updated, 2 unchanged, 0 rejected"

if iconv -f UTF-8 -t GB18030 "$data/jobs_employers_good.csv" >"$tmp/emp_gbk.csv" 2>/dev/null; then
	newdb gbk
	run import employers "$tmp/emp_gbk.csv" --db "$db"
	status_is "GBK employers file: exit 0" 0
	exp employers "$db" "$tmp/emp_gbk_export.csv"
	same "GBK imports exactly as UTF-8" "$tmp/emp.csv" "$tmp/emp_gbk_export.csv"
else
	nok "iconv can write GB18030"
fi

newdb empbad
run import employers "$data/jobs_employers_bad.csv" --db "$db"
status_is "bad employers: exit 1" 1
has "a wrong check character: file, row, column and the expected character" "$tmp/err" \
	"jobs_employers_bad.csv:3: 统一社会信用代码: check character should be 3, not 4"
has "the same credit code twice in a file: the second row names the first" "$tmp/err" \
	"jobs_employers_bad.csv:4: 统一社会信用代码: 91330122MA2JY00084 is also in row 2"
has "a kind not in the list: what is accepted" "$tmp/err" "jobs_employers_bad.csv:5: 单位类型: \"外星企业\" is not in the list; accepted: 国有企业"
has "every bad cell of a row, not just the first" "$tmp/err" "jobs_employers_bad.csv:5: 联系电话: \"12345\" is not a phone number"
has "a name is required" "$tmp/err" "jobs_employers_bad.csv:6: 单位名称: required"
lacks "the good row is not reported" "$tmp/err" "jobs_employers_bad.csv:2:"
has "one closing line naming the file" "$tmp/err" "jobs_employers_bad.csv: 4 bad rows, nothing was imported"
exp employers "$db" "$tmp/empbad.csv"
same "bad rows: nothing stored, not even the good row" "$tmp/demo_employers.csv" "$tmp/empbad.csv"
run import employers "$data/jobs_employers_bad.csv" --skip-errors --db "$db"
status_is "--skip-errors: exit 1" 1
has "--skip-errors: the good row added, the bad ones counted" "$tmp/out" "1 added, 0 updated, 0 unchanged, 4 rejected"
exp employers "$db" "$tmp/empskip.csv"
has "--skip-errors: the good row is stored" "$tmp/empskip.csv" "桐溪县顺达物流有限公司,91330122MA2JY00084,民营企业"
lacks "--skip-errors: the bad ones are not" "$tmp/empskip.csv" "火星单位"

newdb empupd
run import employers "$data/jobs_employers_update.csv" --db "$db"
status_is "an update by code: exit 0" 0
has "an update by code: 2 updated" "$tmp/out" "0 added, 2 updated, 0 unchanged, 0 rejected"
exp employers "$db" "$tmp/empupd.csv"
has "the cell given is stored; the empty ones keep the stored values" "$tmp/empupd.csv" \
	"E02,桐溪明华服装针织有限公司,91330122MA2JY0002H,民营企业,制造业,否,王主任,13800000102,城北工业园纬三路6号"
has "an empty contact cell keeps the contact" "$tmp/empupd.csv" "E04,桐溪鑫源餐饮管理有限公司,91330122MA2JY0004P,民营企业,住宿和餐饮业,否,郭经理,13800000104,南门路126号,改为全日制和钟点兼招"

printf '单位名称,营业执照号\r\n某公司,123\r\n' >"$tmp/unknown.csv"
run import employers "$tmp/unknown.csv" --db "$db"
status_is "an unknown column: exit 1" 1
has "an unknown column: named, with what is accepted" "$tmp/err" "unknown.csv:1: 营业执照号: unknown column; accepted: 单位编号, 单位名称"

# ---- job information ------------------------------------------------------------------------------
newdb jobs
run import jobs "$data/jobs_postings_good.csv" --db "$db"
status_is "good jobs file: exit 0" 0
has "good jobs file: 2 added" "$tmp/out" "2 added, 0 updated, 0 unchanged, 0 rejected"
exp jobs "$db" "$tmp/jobs.csv"
has "the employer by name; 月 as 元/月; 住家; 女; dates as written (2024/6/1, 2024年8月31日)" "$tmp/jobs.csv" \
	"J-009,桐溪县巾帼家政服务有限公司,育婴员,3,0,否,,4000,6000,元/月,,住家,,女,25,50,初中,育婴,,,,2024-06-01,2024-08-31,招聘中,"
has "the employer by code; a public-welfare post with its subsidy months" "$tmp/jobs.csv" \
	"J-010,城南街道社区服务中心,社区护绿员,2,0,是,36,2100,,元/月"
newdb jobsbad
run import jobs "$data/jobs_postings_bad.csv" --db "$db"
status_is "bad jobs file: exit 1" 1
has "an employer nobody registered" "$tmp/err" "jobs_postings_bad.csv:3: 用人单位: no employer \"火星公司\""
has "no posts" "$tmp/err" "jobs_postings_bad.csv:4: 招聘人数: at least 1"
has "ages the wrong way round" "$tmp/err" "jobs_postings_bad.csv:5: 最高年龄: the highest age is below the lowest (45)"
has "closing before posting" "$tmp/err" "jobs_postings_bad.csv:6: 截止日期: the closing date is before the posting date 2024-06-10"
has "a title is required" "$tmp/err" "jobs_postings_bad.csv:7: 岗位名称: required"
has "已过期 is never typed: it follows from the date" "$tmp/err" "jobs_postings_bad.csv:8: 状态: 已过期 follows from the closing date"
lacks "the good row is not reported" "$tmp/err" "jobs_postings_bad.csv:2:"
exp jobs "$db" "$tmp/jobsbad.csv"
same "bad jobs: nothing stored" "$tmp/demo_jobs.csv" "$tmp/jobsbad.csv"

# ---- referrals -------------------------------------------------------------------------------------
newdb refs
run import referrals "$data/jobs_referrals_good.csv" --db "$db"
status_is "good referrals file: exit 0" 0
has "two new referrals; 王秀兰's (面试 in the demo) goes on to 录用" "$tmp/out" "2 added, 1 updated, 0 unchanged, 0 rejected"
exp referrals "$db" "$tmp/refs.csv"
has "a new referral with its way and consent" "$tmp/refs.csv" "33012219820530104X,赵春梅,J-003,2024-06-20,是,电话通知,已推荐,2024-06-20"
has "a new referral taken on to its interview" "$tmp/refs.csv" "330122197211051070,吴建国,J-004,2024-06-21,是,窗口,面试,2024-06-25"
has "a hire: her placement on the public-welfare post, subsidy from the posting's months" "$tmp/refs.csv" \
	"330122197703121004,王秀兰,J-002,2024-05-25,是,,录用,2024-06-28,公益性岗位安置,2024-07-01,2027-06-30"
exp jobs "$db" "$tmp/refs_jobs.csv"
has "the hire filled J-002's last post" "$tmp/refs_jobs.csv" "J-002,城南街道社区服务中心,社区保洁员,3,3,是"
"$JIUYE" export residents --purpose 核对 --db "$db" -o "$tmp/refs_res.csv" 2>/dev/null
has "and she is recorded on the public-welfare post" "$tmp/refs_res.csv" "王秀兰,330122197703121004"
grep "^王秀兰," "$tmp/refs_res.csv" | grep -qF ",公益性岗位," && ok "her status is 公益性岗位" || nok "her status is 公益性岗位" "$(grep '^王秀兰,' "$tmp/refs_res.csv")"
run import referrals "$data/jobs_referrals_good.csv" --db "$db"
has "the same file again: nothing new" "$tmp/out" "0 added, 0 updated, 3 unchanged, 0 rejected"

newdb refsbad
run import referrals "$data/jobs_referrals_bad.csv" --db "$db"
status_is "bad referrals file: exit 1" 1
has "an ID number nobody has" "$tmp/err" "jobs_referrals_bad.csv:3: 身份证号: no resident has this ID number"
has "a name that is not hers" "$tmp/err" "jobs_referrals_bad.csv:4: 姓名: \"王大明\" is not the name registered with this ID number (吴建国)"
has "no consent, no referral (PIPL art. 23)" "$tmp/err" "jobs_referrals_bad.csv:5: 本人同意: she must agree"
has "a posting nobody has" "$tmp/err" "jobs_referrals_bad.csv:6: 岗位编号: no posting J-999"
has "a final stage does not go back" "$tmp/err" "jobs_referrals_bad.csv:7: 进展: 录用 is final"
has "a closed posting takes no referrals" "$tmp/err" "jobs_referrals_bad.csv:8: 岗位编号: J-006"
exp referrals "$db" "$tmp/refsbad.csv"
same "bad referrals: nothing stored (not even 赵春梅's good row)" "$tmp/demo_referrals.csv" "$tmp/refsbad.csv"
printf '身份证号,岗位编号,本人同意\r\n33012219820530104X,J-003,是\r\n33012219820530104X,J-003,是\r\n' >"$tmp/twice.csv"
run import referrals "$tmp/twice.csv" --db "$db"
has "the same person and posting twice in a file" "$tmp/err" "twice.csv:3: 岗位编号: 33012219820530104X J-003 is also in row 2"

run import referrals "$data/jobs_referrals_bad.csv" --dry-run --skip-errors --db "$db"
status_is "dry run with --skip-errors: exit 1" 1
has "dry run with --skip-errors: what would be left out and imported" "$tmp/err" \
	"6 bad rows would be left out and the other 1 imported (dry run, nothing saved)"
has "dry run with --skip-errors: the good row counted" "$tmp/out" "(dry run, nothing saved): 1 added, 0 updated, 0 unchanged, 6 rejected"
exp referrals "$db" "$tmp/refsdry.csv"
same "dry run: still nothing stored" "$tmp/demo_referrals.csv" "$tmp/refsdry.csv"

# ---- usage ------------------------------------------------------------------------------------------
run import postings "$data/jobs_postings_good.csv" --db "$db"
status_is "an unknown kind of file is a usage error" 2
has "the usage line names the jobs files" "$tmp/err" "employers|jobs|referrals"
run --help
has "--help lists the jobs files" "$tmp/out" "jiuye import employers|jobs|referrals FILE"
