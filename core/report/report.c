/* core/report/report.c: the figures the office reports upward (indicators A-F), for a period and
 * the one before it, split by community, street, sex, category or age band.
 *
 * Every figure is computed from the records as they stood in the period:
 *   - a resident's employment status on a day is the status of her latest status event on or
 *     before that day (ties: the later event); registration writes the first event, dated the
 *     registration date (core/registry/resident.c), so before it she has no status;
 *   - she is registered from reg_date, and counted until the day her record was closed
 *     (closed_at, its date part: a record closed on the 5th no longer counts on the 5th);
 *   - a category counts from its since date (hand-set categories) up to the day before it ended
 *     (an ended one is kept with its dates, 025_dated.sql); 4050 also follows from sex and birth
 *     date as of the period's last day, by the locality's rule (core/registry/rules.c);
 *   - 零就业家庭 is the household's on the period's last day for a member of one then (worked out
 *     from its members' statuses, core/registry/household.c), whatever her record says; the
 *     category typed by hand counts only for someone recorded in no household (records from
 *     before households were kept stay as they were typed);
 *   - the community and the flags 领取失业金 (benefit) and 低保 (dibao) as they stood on the
 *     period's last day: the value before the first dated change after it, else the current one
 *     (a worker's scope, who may see whom, stays the current community's).
 *
 * How it stays fast on a million residents (a month in under a second): the registry is
 * read once, as it is now, through the narrow index resident_report (013_report_scope.sql), into
 * arrays indexed by resident id. Only residents with a status event on or after the earliest day
 * a figure looks at (the previous period's start) can have had another status then; their events
 * come from the date index, and for each of them one index lookup finds the status before. So a
 * report of last month reads the registry once plus two months of events, whatever the registry's
 * age. Figures of the other records (referrals, certificates, courses, postings, fairs ...) are
 * index ranges over the period's dates.
 *
 * report_people lists the residents of a figure through the very code that counts them (the same
 * emit() calls with a collector instead of the sums), so the list's length is the figure;
 * report_members collects every people-figure in the same pass, a bitset per resident, for a file
 * that lists them all (report_out.c): one read of the registry instead of one per figure.
 *
 * Contacts (visit) count by their kind (020_visit_kind.sql): A8 and A8P the home visits (入户走访,
 * code 1) only, C6 the vocational-guidance talks (职业指导, code 4).
 *
 * Measured on the million-resident registry with a year of events (tests/bench_report.c, a
 * month against the month before): about 0.8 s of processor time, of which reading the registry
 * is a quarter, the categories and the status lookups before the changes each a seventh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/report.h"
#include "store/sql.h"

/* How a figure is computed:
 *   K_MEM   from the registry and its status events (the arrays below), in report.c's own code;
 *   K_ROWS  a row per event from the SQL in arg (?1 and ?2 are the period's first and last day),
 *           its resident in column 0: each row counts (人次), or each resident once when the
 *           figure counts people (no DISTINCT in the SQL: the planner would read a whole table in
 *           resident order to avoid sorting);
 *   K_SUM   a number of the period from the SQL in arg that cannot be split by resident (job
 *           fairs, postings, courses): na in every group but the total;
 *   K_RATE  arg "N/D1+D2": the figures coded N and D1 + D2 as numerator and denominator;
 *   K_CERT  the people who got a certificate of type arg in the period: one query for all types
 *           (CERTS below);
 *   K_TRAIN the training figures: one query of the courses that started in the period (TRAINEES)
 *           and one of those that ended in it (FINISHERS), each row an enrolment;
 *   K_AMOUNT a row per event as K_ROWS, its amount in column 1 added (money in fen, jobs in
 *           persons): split by the resident's groups as a count is;
 *   K_GROUP a row per record from the SQL in arg, its amount in column 0 (NULL: none) and its
 *           community's code in column 1: split by community, and by street (the community's),
 *           na in any other grouping; a worker who sees some communities does not count the rows
 *           of other communities (rows of no community count, as for everyone);
 *   K_STREET as K_GROUP, column 1 the code of a street: split by street, na otherwise.
 * Money is whole fen (unit 元): a K_RATE of 元 is an average, shown in 元 (report_out.c). */
enum { K_MEM, K_ROWS, K_SUM, K_RATE, K_CERT, K_TRAIN, K_AMOUNT, K_GROUP, K_STREET };

/* Residents sent to a course that started in the period (not the waiting list; those who dropped
 * out later count: they were trained, the completion rate shows the drop-outs): F2, F3.
 * The period's few courses, then their enrolments through enrolment_course: as a join the planner
 * either read every enrolment of every year and looked its course up, or first read the whole
 * index into a Bloom filter (each a fifth of a month's report on a million residents). */
static const char TRAINEES[] =
	"SELECT e.resident_id FROM enrolment e INDEXED BY enrolment_course "
	"WHERE e.course_id IN (SELECT id FROM course WHERE start_date BETWEEN ?1 AND ?2) "
	"AND e.waitlisted = 0";
/* The courses that ended in the period, with the last day work found after each counts (F7):
 * ?3 months after its end (the month end clamped, as core/training/outcome.c counts) and by the period's
 * end (what was known then). */
static const char ENDED[] =
	"SELECT id, end_date, min(?2, date(end_date, printf('+%d months', ?3)), "
	"date(end_date, 'start of month', printf('+%d months', ?3 + 1), '-1 day')) "
	"FROM course WHERE end_date BETWEEN ?1 AND ?2";
/* The trainees of one of those courses (?1; ?2 its end, ?3 that last day, ?4 the period's end):
 * F5C, the base of the completion and pass rates; whether each completed (结业, dated by the
 * period's end), passed, and found work after (an employed status, 2x, after the course's end
 * and by ?3: looked up only for those who completed); and whether that work is in the trade
 * trained (对口, the worker's judgement). */
static const char FINISHERS[] =
	"SELECT rid, done, done AND passed = 1, work, work AND in_trade = 1 FROM ("
	"SELECT rid, passed, in_trade, done, CASE WHEN done THEN EXISTS (SELECT 1 FROM status_event s "
	"  WHERE s.resident_id = rid AND substr(s.status, 1, 1) = '2' AND s.date > ?2 AND s.date <= ?3) "
	"  ELSE 0 END AS work FROM ("
	"SELECT e.resident_id AS rid, e.passed AS passed, e.in_trade AS in_trade, "
	"  e.result = 'completed' AND coalesce(e.result_on, ?2) <= ?4 AS done "
	"FROM enrolment e INDEXED BY enrolment_course WHERE e.course_id = ?1 AND e.waitlisted = 0))";
/* A8: home visits as the sources count them, 户次: a household visited on a day counts once, however
 * many of its members were seen (a member of it that day, 030_household.sql); someone recorded in
 * no household is a household of her own. Each row a household-day, its first member visited the
 * resident whose groups it counts in. */
#define VISITED_HOUSEHOLDS \
	"SELECT min(v.resident_id) FROM visit v LEFT JOIN household_member m " \
	"ON m.resident_id = v.resident_id AND m.since <= v.date AND (m.until IS NULL OR m.until > v.date) " \
	"WHERE v.kind = '1' AND v.date BETWEEN ?1 AND ?2 " \
	"GROUP BY v.date, coalesce(m.household_id, -v.resident_id)"
/* A8N: the same visits in 人次, a person visited on a day once however many visits were written
 * of her that day. */
#define VISITED_PERSONS \
	"SELECT v.resident_id FROM visit v WHERE v.kind = '1' AND v.date BETWEEN ?1 AND ?2 " \
	"GROUP BY v.date, v.resident_id"
/* Certificates issued in the period: who got one, of which type (B1). */
static const char CERTS[] =
	"SELECT resident_id, type FROM certificate WHERE issue_date BETWEEN ?1 AND ?2";
/* D: the fairs held in the period, a row each (its figure, NULL when not given: none) with the
 * street that held it; D1 also by the fair's type. */
#define FAIRS(col, cond) "SELECT " col ", street FROM fair WHERE date BETWEEN ?1 AND ?2 AND " cond
/* C1, C2, E1: the postings collected in the period, each with the community that collected it. */
#define POSTINGS(col, cond) "SELECT " col ", community FROM posting WHERE posted BETWEEN ?1 AND ?2 " \
	"AND " cond
/* G: SYB trainees are those of courses in the 创业培训 category or the SYB创业 speciality
 * (005_training.sql) that started in the period, as F2 counts trainees. A loan counts when it
 * was disbursed (放款), the cumulative figures (累计) everything up to the period's end. Jobs
 * created are a business's from its opening, or a loan's without a project from its 放款 (a
 * loan on a project creates the project's jobs, not more). */
#define LENT(cond) "SELECT resident_id FROM loan WHERE " cond
#define LENT_FEN(cond) "SELECT resident_id, lent_fen FROM loan WHERE " cond
#define SUBSIDY(cond) "SELECT l.resident_id, p.amount_fen FROM loan_payment p " \
	"JOIN loan l ON l.id = p.loan_id WHERE p.kind = 'subsidy' AND " cond
#define JOBS(col) "SELECT resident_id, " col " FROM project WHERE opened_on BETWEEN ?1 AND ?2 " \
	"UNION ALL SELECT resident_id, " col " FROM loan WHERE lent_on BETWEEN ?1 AND ?2 " \
	"AND project_id IS NULL"

/* A9: each community's profile as counted last on or before the period's end (a figure not given
 * in that count: the one counted before it), the community its group; the county's and streets'
 * own counts are not added in, their communities' are. */
#define PROFILE(col) "SELECT (SELECT p." col " FROM unit_profile p WHERE p.unit = u.code " \
	"AND p.as_of <= ?2 AND p." col " IS NOT NULL ORDER BY p.as_of DESC LIMIT 1), u.code " \
	"FROM unit u WHERE u.level = 'community'"
/* C8: the notices of postings that went out in the period, by channel (023_indicators.sql). */
#define NOTICES(cond) "SELECT 1, p.community FROM posting_notice n JOIN posting p ON p.id = n.posting_id " \
	"WHERE n.date BETWEEN ?1 AND ?2 AND " cond
/* E4: the post subsidies paid in the period (the day paid, whatever month they are for), and
 * E4P the residents they were paid to. */
#define POST_SUBSIDY(col) "SELECT p.resident_id, " col " FROM placement_paid s " \
	"JOIN placement p ON p.id = s.placement_id WHERE s.paid_on BETWEEN ?1 AND ?2"
/* F9: the subsidy of the courses that ended in the period, the course's per-head sum (元) for each
 * trainee who completed by the period's end (F5's completers). */
#define COMPLETERS "SELECT e.resident_id, coalesce(c.subsidy, 0) * 100 FROM course c " \
	"JOIN enrolment e INDEXED BY enrolment_course ON e.course_id = c.id AND e.waitlisted = 0 " \
	"WHERE c.end_date BETWEEN ?1 AND ?2 AND e.result = 'completed' " \
	"AND coalesce(e.result_on, c.end_date) <= ?2"
/* F10, F11: the trainees of the courses that started in the period (as F2) of one kind: sent to
 * another organisation's course (外送), or of one training category. */
#define STARTED(cond) "SELECT e.resident_id FROM enrolment e JOIN course c ON c.id = e.course_id " \
	"WHERE c.start_date BETWEEN ?1 AND ?2 AND e.waitlisted = 0 AND " cond
/* H: 来料加工 (core/enterprise/processing.c). Brokers, outlets and bases are counted as they
 * stood on the period's last day (started by then, not ended by then); they are no residents,
 * so those figures have no groups. 新发展 is the year a broker was first developed: the brokers
 * new in the years the period touches (a year's report counts that year's). A fee counts in the
 * period when its month does: a month from the period's first day's month to its last day's
 * (a fee is of a month, not a day); 累计 every month up to the last. The ledger is of women, and
 * low_income is fixed on each row from her categories in its month. */
#define BROKERS(cond) "SELECT count(*) FROM broker WHERE since <= ?2 AND (ended_on IS NULL OR " \
	"ended_on > ?2) AND (" cond ")"
#define NEW_YEAR "new_year BETWEEN CAST(substr(?1, 1, 4) AS INTEGER) AND CAST(substr(?2, 1, 4) AS INTEGER)"
#define OUTLETS(what, cond) "SELECT " what " FROM outlet WHERE since <= ?2 AND (ended_on IS NULL " \
	"OR ended_on > ?2) AND " cond
/* K1: the women's organisations standing on the period's last day (set up by it, not dissolved
 * by it, 029_org.sql), by type and by their unit's level; one of a street or the county has no
 * community (未填社区 by community). K1U the open communities with one, K1D the open communities:
 * the coverage K1R. */
#define ORG_STANDS "o.founded_on <= ?2 AND (o.ended_on IS NULL OR o.ended_on > ?2)"
#define ORGS(cond) "SELECT 1, CASE WHEN u.level = 'community' THEN u.code END FROM women_org o " \
	"JOIN unit u ON u.code = o.unit WHERE " ORG_STANDS " AND " cond
#define COMMUNITIES(cond) "SELECT 1, u.code FROM unit u WHERE u.level = 'community' AND " \
	"(u.closed_at IS NULL OR substr(u.closed_at, 1, 10) > ?2) AND " cond
#define FEES(cols, cond) "SELECT " cols " FROM fee INDEXED BY fee_month WHERE " cond
#define FEE_PERIOD "month BETWEEN substr(?1, 1, 7) AND substr(?2, 1, 7)"
#define FEE_UPTO "month <= substr(?2, 1, 7)"

/*   id       code       label                        unit    people kind    arg */
/* J: the rights cases (core/casework/). J1 counts the cases received in the period, by channel
 * and type (the labour-rights types are 1x); J2N those of them closed by the period's end; J3
 * and J4 the cases with a legal-aid or mediation step dated in the period (J4: a mediation that
 * succeeded), J3P the women behind J3 (a registered resident once, another by name and phone);
 * J5 the cases of domestic violence closed in the period. */
#define CASES(cond) \
	"SELECT count(*) FROM rights_case WHERE received_on BETWEEN ?1 AND ?2 AND (" cond ")"
#define ACTIONS(what, action) \
	"SELECT " what " FROM case_step s JOIN rights_case c ON c.id = s.case_id " \
	"WHERE s.step = 'action' AND s.date BETWEEN ?1 AND ?2 AND s.action = " action
#define PERSON \
	"count(DISTINCT coalesce('r' || c.resident_id, 'p' || c.person_name || '/' || coalesce(c.person_phone, '')))"
/* JX: the cases open on the period's last day (today, for a period not over yet: no case is late
 * in advance) whose limit had passed by then, as the steps dated up to that day make it: 15 days
 * (case.accept_days) from receipt while not yet accepted, else 60 (case.finish_days) from the last
 * acceptance or 复查 plus an extension after it; a case whose last step by then was 办结 or 不予受理
 * is not open. */
#define CASES_ASOF "min(?2, jy_today())"
#define CASES_LATE \
	"SELECT count(*) FROM (SELECT c.id, c.received_on AS rec, " \
	"(SELECT max(s.date) FROM case_step s WHERE s.case_id = c.id AND s.step IN ('accept', 'reopen') " \
	"  AND s.date <= " CASES_ASOF ") AS acc, " \
	"(SELECT s.step FROM case_step s WHERE s.case_id = c.id AND s.date <= " CASES_ASOF \
	"  ORDER BY s.no DESC LIMIT 1) AS last FROM rights_case c " \
	"  WHERE c.received_on <= " CASES_ASOF ") t " \
	"WHERE coalesce(last, '') NOT IN ('close', 'refuse') AND CASE WHEN acc IS NULL THEN " \
	"date(rec, printf('+%d days', coalesce((SELECT CAST(value AS INTEGER) FROM setting " \
	"  WHERE key = 'case.accept_days'), 15))) " \
	"ELSE date(acc, printf('+%d days', coalesce((SELECT CAST(value AS INTEGER) FROM setting " \
	"  WHERE key = 'case.finish_days'), 60) + coalesce((SELECT sum(s.days) FROM case_step s " \
	"  WHERE s.case_id = t.id AND s.step = 'extend' AND s.date BETWEEN acc AND " CASES_ASOF \
	"  ), 0))) END < " CASES_ASOF

/* I: the mentoring pairs (core/casework/pair.c). I1N the pairs started in the period (新增), I1C
 * those it kept (巩固: started before it and still running on its last day), I1E those ended in
 * it; I2 the money and goods given in it, at their value (PAIR_GIVEN). For a year these are the
 * sources' "巩固了135对…新增393对": a pair started before the year is a year old by its end. */

/* E5, E6, K5: the assistance records (core/casework/assist.c) given in the period, of
 * kinds (assist_kind): E5 the 4050 employment assistance (7), the people and their subsidy; E6
 * the 四大援助 (1-4), each record a 件; K5 relief, 帮困救助 (5) and 慰问 (6), the people and the
 * money and goods at their value. */
#define ASSIST(col, kinds) "SELECT " col " FROM assistance WHERE date BETWEEN ?1 AND ?2 AND kind " kinds
/* I2: the money and goods a pair gave, whether written in the pair's own log or as an assistance
 * record that belongs to the pair (a 慰问 at the Spring Festival by the helper): one gift is
 * either, never both, and both are the pair's. */
#define PAIR_GIVEN \
	"SELECT p.resident_id, g.amount_fen FROM pair_gift g JOIN mentor_pair p ON p.id = g.pair_id " \
	"WHERE g.date BETWEEN ?1 AND ?2 UNION ALL SELECT resident_id, amount_fen FROM assistance " \
	"WHERE pair_id IS NOT NULL AND amount_fen IS NOT NULL AND date BETWEEN ?1 AND ?2"
#define PAIRS_KEPT \
	"SELECT resident_id FROM mentor_pair WHERE start_date < ?1 AND (ended_on IS NULL OR ended_on > ?2)"

/* C7, J7, K4: the outreach events held in the period (core/casework/event.c), each with the
 * community that held it: C7 the seminars (座谈会), J7 the rights-awareness events (维权宣传) with
 * the copies handed out and who came (受益人数), K4 every event with who came (参加人次). Who came
 * is the organisers' headcount, else the residents named on it and the unregistered people
 * counted; K4R the registered residents named on the period's events, each once, so it splits
 * by sex, category and age as any people-figure does. */
#define EVENTS(col, cond) "SELECT " col ", community FROM event e WHERE date BETWEEN ?1 AND ?2 AND " cond
#define CAME "coalesce(participants, guests + (SELECT count(*) FROM event_attendee a " \
	"WHERE a.event_id = e.id))"
/* L: the roster of migrant women (core/casework/migrant.c). L1 the members on the period's last
 * day, L1N those who joined in it, L2 the members checked in it (each once, however many months),
 * L3 those who left in it. */
#define MIGRANTS_ON \
	"SELECT resident_id FROM migrant WHERE joined_on <= ?2 AND (left_on IS NULL OR left_on > ?2)"

#define REPORT_INDICATORS(X) \
	X(A1,      "A1",      "期初登记失业人员数",         "人",   1, K_MEM,  NULL) \
	X(A1E,     "A1E",     "期末登记失业人员数",         "人",   1, K_MEM,  NULL) \
	X(A2,      "A2",      "新增登记人数",               "人",   1, K_MEM,  NULL) \
	X(A3,      "A3",      "领取失业金人数",             "人",   1, K_MEM,  NULL) \
	X(A4_4050, "A4-4050", "各类人员：4050人员",         "人",   1, K_MEM,  "4050") \
	X(A4_LO,   "A4-LAID_OFF", "各类人员：下岗职工",     "人",   1, K_MEM,  "LAID_OFF") \
	X(A4_UN,   "A4-UNEMP", "各类人员：城镇失业人员",    "人",   1, K_MEM,  "UNEMP") \
	X(A4_OH,   "A4-OLDER_HARD", "各类人员：大龄就业困难人员", "人", 1, K_MEM, "OLDER_HARD") \
	X(A4_DF,   "A4-DIFFICULT", "各类人员：就业困难人员", "人",  1, K_MEM,  "DIFFICULT") \
	X(A4_DB,   "A4-DIBAO", "各类人员：低保对象",        "人",   1, K_MEM,  "DIBAO") \
	X(A4_SP,   "A4-SPECIAL_POOR", "各类人员：特困人员", "人",   1, K_MEM,  "SPECIAL_POOR") \
	X(A4_SG,   "A4-SINGLE_PARENT", "各类人员：单亲家庭", "人",  1, K_MEM,  "SINGLE_PARENT") \
	X(A4_ZE,   "A4-ZERO_EMP_HH", "各类人员：零就业家庭", "人",  1, K_MEM,  "ZERO_EMP_HH") \
	X(A4_CH,   "A4-COUPLE_HH", "各类人员：夫妻双失业家庭", "户", 1, K_MEM, NULL) \
	X(A4_CP,   "A4-COUPLE", "各类人员：夫妻双失业人员", "人", 1, K_MEM, NULL) \
	X(A4_DS,   "A4-DISABLED", "各类人员：残疾人",       "人",   1, K_MEM,  "DISABLED") \
	X(A4_GR,   "A4-GRAD", "各类人员：高校毕业生",       "人",   1, K_MEM,  "GRAD") \
	X(A4_RM,   "A4-RURAL_MIGRANT", "各类人员：进城务工人员", "人", 1, K_MEM, "RURAL_MIGRANT") \
	X(A4_RT,   "A4-RETURNEE", "各类人员：返乡人员",     "人",   1, K_MEM,  "RETURNEE") \
	X(A4_LL,   "A4-LANDLESS", "各类人员：失地人员",     "人",   1, K_MEM,  "LANDLESS") \
	X(A4_LB,   "A4-LEFT_BEHIND", "各类人员：农村留守妇女", "人", 1, K_MEM, "LEFT_BEHIND") \
	X(A4_RL,   "A4-RURAL_LOWINC", "各类人员：低收入农户", "人", 1, K_MEM,  "RURAL_LOWINC") \
	X(A5,      "A5",      "实现再就业人数",             "人",   1, K_MEM,  NULL) \
	X(A6,      "A6",      "再就业率",                   "%",    0, K_RATE, "A5/A1+A2") \
	X(A7_010,  "A7-010",  "再就业形式：单位就业",       "人",   1, K_MEM,  "010") \
	X(A7_021,  "A7-021",  "再就业形式：个体经营",       "人",   1, K_MEM,  "021") \
	X(A7_022,  "A7-022",  "再就业形式：灵活就业",       "人",   1, K_MEM,  "022") \
	X(A7_023,  "A7-023",  "再就业形式：其他自主就业",   "人",   1, K_MEM,  "023") \
	X(A7_024,  "A7-024",  "再就业形式：来料加工",       "人",   1, K_MEM,  "024") \
	X(A7_030,  "A7-030",  "再就业形式：公益性岗位安置", "人",   1, K_MEM,  "030") \
	X(A7_990,  "A7-990",  "再就业形式：其他就业形式",   "人",   1, K_MEM,  "990") \
	X(A7_000,  "A7-000",  "再就业形式：未注明",         "人",   1, K_MEM,  "") \
	X(A8,      "A8",      "入户走访户次",               "户次", 0, K_ROWS, VISITED_HOUSEHOLDS) \
	X(A8N,     "A8N",     "入户走访人次",               "人次", 0, K_ROWS, VISITED_PERSONS) \
	X(A8P,     "A8P",     "走访登记失业人员数",         "人",   1, K_MEM,  NULL) \
	X(A8R,     "A8R",     "登记失业人员走访率",         "%",    0, K_RATE, "A8P/A1E") \
	X(A9B,     "A9B",     "社区基本情况：楼栋数",       "栋",   0, K_GROUP, PROFILE("buildings")) \
	X(A9E,     "A9E",     "社区基本情况：门栋数",       "个",   0, K_GROUP, PROFILE("entrances")) \
	X(A9H,     "A9H",     "社区基本情况：户数",         "户",   0, K_GROUP, PROFILE("households")) \
	X(A9P,     "A9P",     "社区基本情况：人口数",       "人",   0, K_GROUP, PROFILE("population")) \
	X(B1_01,   "B1-01",   "发证：就业创业证",           "人",   1, K_CERT, "01") \
	X(B1_02,   "B1-02",   "发证：就业失业登记证",       "人",   1, K_CERT, "02") \
	X(B1_03,   "B1-03",   "发证：失业证",               "人",   1, K_CERT, "03") \
	X(B1_04,   "B1-04",   "发证：再就业优惠证",         "人",   1, K_CERT, "04") \
	X(B1_05,   "B1-05",   "发证：明白卡",               "人",   1, K_CERT, "05") \
	X(B1_06,   "B1-06",   "发证：失业保险金领取",       "人",   1, K_CERT, "06") \
	X(B1_07,   "B1-07",   "发证：培训合格证书",         "人",   1, K_CERT, "07") \
	X(B1_08,   "B1-08",   "发证：残疾人证",             "人",   1, K_CERT, "08") \
	X(B1_09,   "B1-09",   "发证：居住证",               "人",   1, K_CERT, "09") \
	X(B2,      "B2",      "再就业优惠证发放数",         "人",   1, K_CERT, "04") \
	X(B3,      "B3",      "明白卡办理数",               "人",   1, K_CERT, "05") \
	X(B4N,     "B4N",     "持证登记失业人员数",         "人",   1, K_MEM,  NULL) \
	X(B4,      "B4",      "应发尽发率",                 "%",    0, K_RATE, "B4N/A1E") \
	X(B5,      "B5",      "低保妇女人数",               "人",   1, K_MEM,  NULL) \
	X(C1,      "C1",      "收集就业信息条数",           "条",   0, K_GROUP, POSTINGS("1", "1")) \
	X(C2,      "C2",      "收集岗位数",                 "个",   0, K_GROUP, POSTINGS("openings", "1")) \
	X(C3,      "C3",      "推荐人次",                   "人次", 0, K_ROWS, \
	  "SELECT resident_id FROM referral WHERE referred_on BETWEEN ?1 AND ?2") \
	X(C4,      "C4",      "成功推介人数",               "人",   1, K_ROWS, \
	  "SELECT resident_id FROM referral WHERE stage = 'hired' AND stage_on BETWEEN ?1 AND ?2") \
	X(C5,      "C5",      "推荐成功率",                 "%",    0, K_RATE, "C4/C3") \
	X(C6,      "C6",      "职业指导人次",               "人次", 0, K_ROWS, \
	  "SELECT resident_id FROM visit WHERE kind = '4' AND date BETWEEN ?1 AND ?2") \
	X(C7,      "C7",      "座谈会场次",                 "场",   0, K_GROUP, EVENTS("1", "type = '1'")) \
	X(C7P,     "C7P",     "座谈会参加人数",             "人",   0, K_GROUP, EVENTS(CAME, "type = '1'")) \
	X(C8,      "C8",      "岗位信息公示通知次数",       "次",   0, K_GROUP, NOTICES("1")) \
	X(C8_1,    "C8-1",    "公示通知：公示",             "次",   0, K_GROUP, NOTICES("n.channel = '1'")) \
	X(C8_2,    "C8-2",    "公示通知：电话通知",         "次",   0, K_GROUP, NOTICES("n.channel = '2'")) \
	X(C8_3,    "C8-3",    "公示通知：入户告知",         "次",   0, K_GROUP, NOTICES("n.channel = '3'")) \
	X(C8_4,    "C8-4",    "公示通知：招聘专栏",         "次",   0, K_GROUP, NOTICES("n.channel = '4'")) \
	X(D1,      "D1",      "招聘会场次",                 "场",   0, K_STREET, FAIRS("1", "1")) \
	X(D1_01,   "D1-01",   "招聘会类型：春风行动",       "场",   0, K_STREET, FAIRS("1", "kind = '01'")) \
	X(D1_02,   "D1-02",   "招聘会类型：关注妇女就业专场", "场", 0, K_STREET, FAIRS("1", "kind = '02'")) \
	X(D1_03,   "D1-03",   "招聘会类型：民营企业招聘周", "场",   0, K_STREET, FAIRS("1", "kind = '03'")) \
	X(D1_04,   "D1-04",   "招聘会类型：人才供需洽谈会", "场",   0, K_STREET, FAIRS("1", "kind = '04'")) \
	X(D1_05,   "D1-05",   "招聘会类型：女大学生专场",   "场",   0, K_STREET, FAIRS("1", "kind = '05'")) \
	X(D1_06,   "D1-06",   "招聘会类型：女农民工专场",   "场",   0, K_STREET, FAIRS("1", "kind = '06'")) \
	X(D1_07,   "D1-07",   "招聘会类型：大学生就业推荐暨创业项目展示会", "场", 0, K_STREET, \
	  FAIRS("1", "kind = '07'")) \
	X(D1_99,   "D1-99",   "招聘会类型：其他及未注明",   "场",   0, K_STREET, \
	  FAIRS("1", "coalesce(kind, '') NOT IN ('01', '02', '03', '04', '05', '06', '07')")) \
	X(D2,      "D2",      "参会单位数",                 "个",   0, K_STREET, FAIRS("employers", "1")) \
	X(D2P,     "D2P",     "招聘会提供岗位数",           "个",   0, K_STREET, FAIRS("posts", "1")) \
	X(D3,      "D3",      "招聘会接待人次",             "人次", 0, K_STREET, FAIRS("visitors", "1")) \
	X(D4,      "D4",      "现场签订意向协议人数",       "人",   0, K_STREET, FAIRS("agreements", "1")) \
	X(D4W,     "D4W",     "意向协议人数中女性",         "人",   0, K_STREET, FAIRS("agreements_women", "1")) \
	X(D5,      "D5",      "招聘会实现就业人数",         "人",   1, K_ROWS, \
	  "SELECT f.resident_id FROM referral f JOIN posting p ON p.id = f.posting_id " \
	  "WHERE f.stage = 'hired' AND f.stage_on BETWEEN ?1 AND ?2 AND p.fair_id IS NOT NULL") \
	X(E1,      "E1",      "开发公益性岗位数",           "个",   0, K_GROUP, POSTINGS("openings", "public_welfare = 1")) \
	X(E2,      "E2",      "公益性岗位安置人数",         "人",   1, K_ROWS, \
	  "SELECT resident_id FROM placement WHERE public_welfare = 1 AND start_date BETWEEN ?1 AND ?2") \
	X(E3,      "E3",      "公益性岗位安置率",           "%",    0, K_RATE, "E2/E1") \
	X(E4,      "E4",      "岗位补贴金额",               "元",   0, K_AMOUNT, POST_SUBSIDY("s.amount_fen")) \
	X(E4P,     "E4P",     "领取岗位补贴人数",           "人",   1, K_ROWS, POST_SUBSIDY("1")) \
	X(E5,      "E5",      "就业援助人数(4050)",         "人",   1, K_ROWS, ASSIST("resident_id", "= '7'")) \
	X(E5A,     "E5A",     "援助补贴金额",               "元",   0, K_AMOUNT, \
	  ASSIST("resident_id, amount_fen", "= '7' AND amount_fen IS NOT NULL")) \
	X(E6,      "E6",      "四大援助件数",               "件",   0, K_ROWS, \
	  ASSIST("resident_id", "IN ('1', '2', '3', '4')")) \
	X(E6_1,    "E6-1",    "四大援助：结对援助",         "件",   0, K_ROWS, ASSIST("resident_id", "= '1'")) \
	X(E6_2,    "E6-2",    "四大援助：岗位援助",         "件",   0, K_ROWS, ASSIST("resident_id", "= '2'")) \
	X(E6_3,    "E6-3",    "四大援助：技能援助",         "件",   0, K_ROWS, ASSIST("resident_id", "= '3'")) \
	X(E6_4,    "E6-4",    "四大援助：维权援助",         "件",   0, K_ROWS, ASSIST("resident_id", "= '4'")) \
	X(F1,      "F1",      "培训班次",                   "班",   0, K_SUM, \
	  "SELECT count(*) FROM course WHERE start_date BETWEEN ?1 AND ?2") \
	X(F1Q,     "F1Q",     "培训期数",                   "期",   0, K_SUM, \
	  "SELECT count(DISTINCT CASE WHEN term IS NULL THEN 'c' || id ELSE substr(start_date, 1, 4) " \
	  "|| '/' || coalesce(speciality, '') || '/' || term END) FROM course " \
	  "WHERE start_date BETWEEN ?1 AND ?2") \
	X(F1S,     "F1S",     "培训专业数",                 "个",   0, K_SUM, \
	  "SELECT count(DISTINCT speciality) FROM course WHERE start_date BETWEEN ?1 AND ?2") \
	X(F2,      "F2",      "培训人数",                   "人",   1, K_TRAIN, NULL) \
	X(F2W,     "F2W",     "培训女性人数",               "人",   1, K_TRAIN, NULL) \
	X(F3,      "F3",      "培训人次",                   "人次", 0, K_TRAIN, NULL) \
	X(F4,      "F4",      "女性占培训人数比例",         "%",    0, K_RATE, "F2W/F2") \
	X(F5C,     "F5C",     "结业班学员数",               "人",   1, K_TRAIN, NULL) \
	X(F5,      "F5",      "结业人数",                   "人",   1, K_TRAIN, NULL) \
	X(F5R,     "F5R",     "结业率",                     "%",    0, K_RATE, "F5/F5C") \
	X(F6N,     "F6N",     "考核合格人数",               "人",   1, K_TRAIN, NULL) \
	X(F6,      "F6",      "培训合格率",                 "%",    0, K_RATE, "F6N/F5C") \
	X(F7,      "F7",      "培训后就业人数",             "人",   1, K_TRAIN, NULL) \
	X(F7R,     "F7R",     "培训后就业率",               "%",    0, K_RATE, "F7/F5") \
	X(F8,      "F8",      "对口就业人数",               "人",   1, K_TRAIN, NULL) \
	X(F9,      "F9",      "培训补贴金额",               "元",   0, K_AMOUNT, COMPLETERS) \
	X(F10,     "F10",     "外送培训人数",               "人",   1, K_ROWS, STARTED("c.outside = 1")) \
	X(F11_1,   "F11-1",   "培训类别：失业人员培训",     "人",   1, K_ROWS, STARTED("c.category = '1'")) \
	X(F11_2,   "F11-2",   "培训类别：在职职工培训",     "人",   1, K_ROWS, STARTED("c.category = '2'")) \
	X(F11_3,   "F11-3",   "培训类别：农村转移培训",     "人",   1, K_ROWS, STARTED("c.category = '3'")) \
	X(F11_4,   "F11-4",   "培训类别：创业培训",         "人",   1, K_ROWS, STARTED("c.category = '4'")) \
	X(G1,      "G1",      "创业培训人数",               "人",   1, K_ROWS, \
	  "SELECT e.resident_id FROM enrolment e JOIN course c ON c.id = e.course_id " \
	  "WHERE c.start_date BETWEEN ?1 AND ?2 AND e.waitlisted = 0 " \
	  "AND (c.category = '4' OR c.speciality = '05')") \
	X(G2R,     "G2R",     "创业项目立项数",             "个",   0, K_ROWS, \
	  "SELECT resident_id FROM project WHERE registered_on BETWEEN ?1 AND ?2") \
	X(G2F,     "G2F",     "获创业资金项目数",           "个",   0, K_ROWS, \
	  "SELECT resident_id FROM project WHERE funded_on BETWEEN ?1 AND ?2") \
	X(G2S,     "G2S",     "成功创业人数",               "人",   1, K_ROWS, \
	  "SELECT resident_id FROM project WHERE opened_on BETWEEN ?1 AND ?2") \
	X(G3,      "G3",      "发放贷款笔数",               "笔",   0, K_ROWS, \
	  LENT("lent_on BETWEEN ?1 AND ?2")) \
	X(G3P,     "G3P",     "贷款人数",                   "人",   1, K_ROWS, \
	  LENT("lent_on BETWEEN ?1 AND ?2")) \
	X(G3C,     "G3C",     "累计发放贷款笔数",           "笔",   0, K_ROWS, LENT("lent_on <= ?2")) \
	X(G4,      "G4",      "贷款金额",                   "元",   0, K_AMOUNT, \
	  LENT_FEN("lent_on BETWEEN ?1 AND ?2")) \
	X(G4C,     "G4C",     "累计贷款金额",               "元",   0, K_AMOUNT, LENT_FEN("lent_on <= ?2")) \
	X(G5,      "G5",      "贴息金额",                   "元",   0, K_AMOUNT, \
	  SUBSIDY("p.date BETWEEN ?1 AND ?2")) \
	X(G5C,     "G5C",     "累计贴息金额",               "元",   0, K_AMOUNT, SUBSIDY("p.date <= ?2")) \
	X(G6,      "G6",      "带动就业人数",               "人",   0, K_AMOUNT, JOBS("jobs")) \
	X(G6W,     "G6W",     "带动就业人数中女性",         "人",   0, K_AMOUNT, JOBS("jobs_women")) \
	X(G7,      "G7",      "平均每笔贷款额",             "元/笔", 0, K_RATE, "G4/G3") \
	X(H1,      "H1",      "来料加工经纪人数",           "人",   0, K_SUM,  BROKERS("1")) \
	X(H1N,     "H1N",     "新发展经纪人数",             "人",   0, K_SUM,  BROKERS(NEW_YEAR)) \
	X(H1X,     "H1X",     "新发展优秀经纪人数",         "人",   0, K_SUM, \
	  BROKERS(NEW_YEAR " AND excellent = 1")) \
	X(H1T,     "H1T",     "录入县实用人才库经纪人数",   "人",   0, K_SUM,  BROKERS("talent_pool = 1")) \
	X(H2B,     "H2B",     "来料加工基地数",             "个",   0, K_SUM,  OUTLETS("count(*)", "kind = '3'")) \
	X(H2O,     "H2O",     "来料加工网点数(含加工站)",   "个",   0, K_SUM, \
	  OUTLETS("count(*)", "kind IN ('1', '2')")) \
	X(H3,      "H3",      "从事来料加工妇女数",         "人",   1, K_ROWS, FEES("resident_id", FEE_PERIOD)) \
	X(H4,      "H4",      "加工费总额",                 "元",   0, K_AMOUNT, \
	  FEES("resident_id, fee_fen", FEE_PERIOD)) \
	X(H4C,     "H4C",     "累计加工费总额",             "元",   0, K_AMOUNT, \
	  FEES("resident_id, fee_fen", FEE_UPTO)) \
	X(H4L,     "H4L",     "发放给低收入妇女的加工费",   "元",   0, K_AMOUNT, \
	  FEES("resident_id, fee_fen", FEE_PERIOD " AND low_income = 1")) \
	X(H4LC,    "H4LC",    "累计发放给低收入妇女的加工费", "元", 0, K_AMOUNT, \
	  FEES("resident_id, fee_fen", FEE_UPTO " AND low_income = 1")) \
	X(H4P,     "H4P",     "领取加工费的低收入妇女数",   "人",   1, K_ROWS, \
	  FEES("resident_id", FEE_PERIOD " AND low_income = 1")) \
	X(H4PC,    "H4PC",    "累计领取加工费的低收入妇女数", "人", 1, K_ROWS, \
	  FEES("resident_id", FEE_UPTO " AND low_income = 1")) \
	X(H5,      "H5",      "巾帼示范基地数",             "个",   0, K_SUM,  OUTLETS("count(*)", "kind = '4'")) \
	X(H5_1,    "H5-1",    "示范基地：县级",             "个",   0, K_SUM, \
	  OUTLETS("count(*)", "kind = '4' AND level = '1'")) \
	X(H5_2,    "H5-2",    "示范基地：市级",             "个",   0, K_SUM, \
	  OUTLETS("count(*)", "kind = '4' AND level = '2'")) \
	X(H5_3,    "H5-3",    "示范基地：省级",             "个",   0, K_SUM, \
	  OUTLETS("count(*)", "kind = '4' AND level = '3'")) \
	X(H5_4,    "H5-4",    "示范基地：全国",             "个",   0, K_SUM, \
	  OUTLETS("count(*)", "kind = '4' AND level = '4'")) \
	X(H5W,     "H5W",     "示范基地带动妇女就业数",     "人",   0, K_SUM, \
	  OUTLETS("coalesce(sum(women), 0)", "kind = '4'")) \
	X(I1N,     "I1N",     "新增结对数",                 "对",   0, K_ROWS, \
	  "SELECT resident_id FROM mentor_pair WHERE start_date BETWEEN ?1 AND ?2") \
	X(I1C,     "I1C",     "巩固结对数",                 "对",   0, K_ROWS, PAIRS_KEPT) \
	X(I1E,     "I1E",     "结束结对数",                 "对",   0, K_ROWS, \
	  "SELECT resident_id FROM mentor_pair WHERE ended_on BETWEEN ?1 AND ?2") \
	X(I2,      "I2",      "帮扶款物金额",               "元",   0, K_AMOUNT, PAIR_GIVEN) \
	X(L1,      "L1",      "流动妇女成员数",             "人",   1, K_ROWS, MIGRANTS_ON) \
	X(L1N,     "L1N",     "新入册流动妇女数",           "人",   1, K_ROWS, \
	  "SELECT resident_id FROM migrant WHERE joined_on BETWEEN ?1 AND ?2") \
	X(L2,      "L2",      "已复核流动妇女数",           "人",   1, K_ROWS, \
	  "SELECT m.resident_id FROM migrant_check c JOIN migrant m ON m.id = c.migrant_id " \
	  "WHERE c.checked_on BETWEEN ?1 AND ?2") \
	X(L3,      "L3",      "离开流动妇女数",             "人",   1, K_ROWS, \
	  "SELECT resident_id FROM migrant WHERE left_on BETWEEN ?1 AND ?2") \
	X(J1,      "J1",      "来信来访件数",               "件",   0, K_SUM,  CASES("1")) \
	X(J1_1,    "J1-1",    "来信来访：来信",             "件",   0, K_SUM,  CASES("channel = '1'")) \
	X(J1_2,    "J1-2",    "来信来访：来访",             "件",   0, K_SUM,  CASES("channel = '2'")) \
	X(J1_3,    "J1-3",    "来信来访：12338热线",        "件",   0, K_SUM,  CASES("channel = '3'")) \
	X(J1_4,    "J1-4",    "来信来访：电话",             "件",   0, K_SUM,  CASES("channel = '4'")) \
	X(J1_5,    "J1-5",    "来信来访：网上信访",         "件",   0, K_SUM,  CASES("channel = '5'")) \
	X(J1_6,    "J1-6",    "来信来访：下基层接访",       "件",   0, K_SUM,  CASES("channel = '6'")) \
	X(J1_7,    "J1-7",    "来信来访：转办",             "件",   0, K_SUM,  CASES("channel = '7'")) \
	X(J1_L,    "J1-L",    "类型：劳动权益",             "件",   0, K_SUM,  CASES("type LIKE '1%'")) \
	X(J1_DV,   "J1-20",   "类型：家庭暴力",             "件",   0, K_SUM,  CASES("type = '20'")) \
	X(J1_30,   "J1-30",   "类型：婚姻家庭",             "件",   0, K_SUM,  CASES("type = '30'")) \
	X(J1_40,   "J1-40",   "类型：土地权益/出嫁女",      "件",   0, K_SUM,  CASES("type = '40'")) \
	X(J1_50,   "J1-50",   "类型：人身权利",             "件",   0, K_SUM,  CASES("type = '50'")) \
	X(J1_60,   "J1-60",   "类型：财产权利",             "件",   0, K_SUM,  CASES("type = '60'")) \
	X(J1_90,   "J1-90",   "类型：咨询",                 "件",   0, K_SUM,  CASES("type = '90'")) \
	X(J2N,     "J2N",     "办结件数",                   "件",   0, K_SUM, \
	  CASES("closed_on IS NOT NULL AND closed_on <= ?2")) \
	X(J2,      "J2",      "办结率",                     "%",    0, K_RATE, "J2N/J1") \
	X(J3,      "J3",      "法律援助件数",               "件",   0, K_SUM,  ACTIONS("count(DISTINCT s.case_id)", "'2'")) \
	X(J3P,     "J3P",     "法律援助人数",               "人",   0, K_SUM,  ACTIONS(PERSON, "'2'")) \
	X(J4A,     "J4A",     "调解受理数",                 "件",   0, K_SUM,  ACTIONS("count(DISTINCT s.case_id)", "'1'")) \
	X(J4,      "J4",      "调解成功数",                 "件",   0, K_SUM, \
	  ACTIONS("count(DISTINCT s.case_id)", "'1' AND s.outcome = '1'")) \
	X(J4R,     "J4R",     "调解成功率",                 "%",    0, K_RATE, "J4/J4A") \
	X(J5,      "J5",      "制止家庭暴力起数",           "起",   0, K_SUM, \
	  "SELECT count(*) FROM rights_case WHERE type = '20' AND closed_on BETWEEN ?1 AND ?2") \
	X(J7,      "J7",      "维权宣传场次",               "场",   0, K_GROUP, EVENTS("1", "type = '3'")) \
	X(J7M,     "J7M",     "维权宣传资料份数",           "份",   0, K_GROUP, EVENTS("copies", "type = '3'")) \
	X(J7P,     "J7P",     "维权宣传受益人数",           "人",   0, K_GROUP, EVENTS(CAME, "type = '3'")) \
	X(JX,      "JX",      "超期未办结件数",             "件",   0, K_SUM,  CASES_LATE) \
	X(K1,      "K1",      "妇女组织数",                 "个",   0, K_GROUP, ORGS("1")) \
	X(K1_1,    "K1-1",    "组织类型：妇代会",           "个",   0, K_GROUP, ORGS("o.type = '1'")) \
	X(K1_2,    "K1-2",    "组织类型：妇委会",           "个",   0, K_GROUP, ORGS("o.type = '2'")) \
	X(K1_3,    "K1-3",    "组织类型：妇女之家",         "个",   0, K_GROUP, ORGS("o.type = '3'")) \
	X(K1_4,    "K1-4",    "组织类型：维权站",           "个",   0, K_GROUP, ORGS("o.type = '4'")) \
	X(K1_5,    "K1-5",    "组织类型：姐妹驿站",         "个",   0, K_GROUP, ORGS("o.type = '5'")) \
	X(K1_9,    "K1-9",    "组织类型：其他",             "个",   0, K_GROUP, ORGS("o.type = '9'")) \
	X(K1_C,    "K1-C",    "组织层级：社区（村）",       "个",   0, K_GROUP, ORGS("u.level = 'community'")) \
	X(K1_S,    "K1-S",    "组织层级：街道（乡镇）",     "个",   0, K_GROUP, ORGS("u.level = 'street'")) \
	X(K1_X,    "K1-X",    "组织层级：县（区）",         "个",   0, K_GROUP, ORGS("u.level = 'county'")) \
	X(K1U,     "K1U",     "有妇女组织的社区（村）数",   "个",   0, K_GROUP, \
	  COMMUNITIES("EXISTS (SELECT 1 FROM women_org o WHERE o.unit = u.code AND " ORG_STANDS ")")) \
	X(K1D,     "K1D",     "社区（村）数",               "个",   0, K_GROUP, COMMUNITIES("1")) \
	X(K1R,     "K1R",     "妇女组织覆盖率",             "%",    0, K_RATE, "K1U/K1D") \
	X(K4,      "K4",      "活动/讲座场次",              "场",   0, K_GROUP, EVENTS("1", "1")) \
	X(K4P,     "K4P",     "活动/讲座参加人次",          "人次", 0, K_GROUP, EVENTS(CAME, "1")) \
	X(K4R,     "K4R",     "参加活动的登记人员数",       "人",   1, K_ROWS, \
	  "SELECT a.resident_id FROM event_attendee a JOIN event e ON e.id = a.event_id " \
	  "WHERE e.date BETWEEN ?1 AND ?2") \
	X(K5,      "K5",      "帮困救助人数",               "人",   1, K_ROWS, ASSIST("resident_id", "IN ('5', '6')")) \
	X(K5A,     "K5A",     "帮困救助金额",               "元",   0, K_AMOUNT, \
	  ASSIST("resident_id, amount_fen", "IN ('5', '6') AND amount_fen IS NOT NULL"))

#define X(id, code, label, unit, people, kind, arg) RI_##id,
enum report_ind_id { REPORT_INDICATORS(X) RI__COUNT };
#undef X

#define X(id, code, label, unit, people, kind, arg) { code, label, unit, people },
const struct report_ind report_inds[] = { REPORT_INDICATORS(X) };
#undef X
const int report_ninds = RI__COUNT;

static const struct {
	int kind;
	const char *arg;
} ind_defs[] = {
#define X(id, code, label, unit, people, kind, arg) { kind, arg },
	REPORT_INDICATORS(X)
#undef X
};

/* The forms of employment of A7, in emp_form codes (002_codes.sql), and "" for none given. */
static const int a7_ids[] = { RI_A7_010, RI_A7_021, RI_A7_022, RI_A7_023, RI_A7_024, RI_A7_030,
                              RI_A7_990, RI_A7_000 };
_Static_assert(ARRAY_LEN(a7_ids) <= 8, "rperiod.re holds a bit per form in a byte");
enum { NFORMS = (int)ARRAY_LEN(a7_ids) };

/* ---- the registry as it is now, and its statuses on the days the figures look at ------------ */

/* Dates as yyyymmdd integers: compared as numbers; "age >= N on day T" is birth <= T - N * 10000
 * (true for 29 February too, as date_age counts). */
static int32_t pack(const unsigned char *s)
{
	if (!s)
		return 0;
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return 0;
#define D(i) (s[i] - '0')
	return (D(0) * 1000 + D(1) * 100 + D(2) * 10 + D(3)) * 10000 + (D(5) * 10 + D(6)) * 100 +
	       D(8) * 10 + D(9);
#undef D
}

/* d back as YYYY-MM-DD into out's digits (out[4], out[7] and out[10] are the caller's). */
static void unpack(int32_t d, char *out)
{
	static const int at[8] = { 9, 8, 6, 5, 3, 2, 1, 0 };
	for (int k = 0; k < 8; k++, d /= 10)
		out[at[k]] = (char)('0' + d % 10);
}

static int32_t pack_str(const char *s)
{
	return pack((const unsigned char *)s);
}

/* One period of the computation: its dates and the status of each resident on the day before it
 * starts (d0) and on its last day (d1), where that differs from the current status. */
struct rperiod {
	const struct period *p;
	int32_t from, to, d0;
	uint8_t *st0, *st1;     /* status class on d0 / to; 0xFF: the current one */
	uint8_t *re;            /* bit f: re-employed in the period in form f (a7_ids[f]) */
	uint8_t *mark;          /* MARK_*: visited in the period, holds an employment certificate,
	                         * a household's member and its 零就业 on the last day */
	uint8_t *flags;         /* the flags on the last day where a later change differs (NULL: none) */
	int16_t *comm;          /* the community's group on the last day, the same way (NULL: none) */
};

/* MARK_HH: a member of a household on the period's last day; MARK_ZERO_HH: of one that is a
 * 零就业家庭 that day (core/registry/household.c works it out from the members); MARK_COUPLE: the
 * head or a spouse of a household that is 夫妻双失业 that day, MARK_COUPLE_HEAD its head. */
enum { MARK_VISITED = 1, MARK_HOLDER = 2, MARK_HH = 4, MARK_ZERO_HH = 8, MARK_COUPLE = 16,
       MARK_COUPLE_HEAD = 32, STATUS_NOW = 0xFF };

enum { CAT_SLOTS = 512 };        /* more than twice the categories a report reads (255) */
enum { GROUPS_MAX = 64 };       /* the groups one resident counts in (categories held at once) */

struct rctx {
	struct jy_db *db;
	int by;
	int ngroups;
	char **gkey, **glabel;
	int64_t n;              /* highest resident id + 1 */
	uint8_t *cls;           /* current status: its first character ('1' without work, '2' in
	                         * work, '9' left), 0 for none */
	int32_t *reg, *closed, *birth;
	int16_t *comm;          /* group of the community (BY_COMMUNITY), of its street (BY_STREET) */
	int nunit;              /* BY_COMMUNITY, BY_STREET: the units' groups (unit_group) */
	char (*ucode)[32];
	int *ugroup;
	uint8_t *sex;           /* 1 male, 2 female */
	uint8_t *flags;         /* 1 benefit, 2 dibao */
	uint8_t *out_of_scope;  /* 1: outside the worker's communities (NULL: she sees them all) */
	int32_t *cat_off;       /* categories of resident i: cat_idx/cat_since[cat_off[i] .. [i+1]) */
	uint8_t *cat_idx;
	int32_t *cat_since;
	int32_t *cat_until;     /* the day it ended (no longer held that day); 0 while held */
	int ncat;               /* the code list "category" */
	uint8_t cat_slot[CAT_SLOTS];    /* cat_find's hash table: index in the list + 1, 0 empty */
	const struct code_list *cats;
	int cat_4050, cat_dibao;        /* their index in the list, -1 when absent */
	int cat_zero;                   /* ZERO_EMP_HH's index, -1 when absent */
	int a4_cat[RI__COUNT];          /* A4 rows: the index of their category, -1 none */
	int f_age, f_up, m_age, m_up;   /* the 4050 rule (settings, core/registry/rules.c) */
	int months;                     /* training.outcome_months */
	struct rperiod per[2];
	int nper;
	/* sums (report_compute) or a collector: of one figure's residents (report_people), or of
	 * every people-figure's, a bitset per resident (report_members) */
	struct report_value *v[2];
	int want_ind, want_group;
	int64_t *ids;
	size_t nids, capids;
	uint64_t *memb;         /* [n * MEMB_WORDS]: bit i of resident id's words, figure i */
};

enum { MEMB_WORDS = (RI__COUNT + 63) / 64 };

static void ctx_free(struct rctx *c)
{
	for (int g = 0; g < c->ngroups; g++) {
		free(c->gkey ? c->gkey[g] : NULL);
		free(c->glabel ? c->glabel[g] : NULL);
	}
	free(c->gkey);
	free(c->glabel);
	free(c->cls);
	free(c->reg);
	free(c->closed);
	free(c->birth);
	free(c->comm);
	free(c->ucode);
	free(c->ugroup);
	free(c->out_of_scope);
	free(c->sex);
	free(c->flags);
	free(c->cat_off);
	free(c->cat_idx);
	free(c->cat_since);
	free(c->cat_until);
	for (int k = 0; k < 2; k++) {
		free(c->per[k].st0);
		free(c->per[k].st1);
		free(c->per[k].re);
		free(c->per[k].mark);
		free(c->per[k].flags);
		free(c->per[k].comm);
	}
	free(c->ids);
	free(c->memb);
}

/* ---- groups --------------------------------------------------------------------------------- */

static const struct {
	int lo;
	const char *key, *label;
} age_bands[] = {
	/* the youngest band takes anyone younger too (registration starts at 16) */
	{ 0, "16-24", "16-24岁" }, { 25, "25-34", "25-34岁" }, { 35, "35-39", "35-39岁" },
	{ 40, "40-49", "40-49岁" }, { 50, "50-59", "50-59岁" }, { 60, "60-", "60岁及以上" },
};

static void group_add(struct rctx *c, const char *key, const char *label)
{
	c->gkey = xrealloc(c->gkey, sizeof *c->gkey * (size_t)(c->ngroups + 1));
	c->glabel = xrealloc(c->glabel, sizeof *c->glabel * (size_t)(c->ngroups + 1));
	c->gkey[c->ngroups] = xstrdup(key);
	c->glabel[c->ngroups] = xstrdup(label);
	c->ngroups++;
}

static void unit_map(struct rctx *c, const char *code, int g)
{
	c->ucode = xrealloc(c->ucode, sizeof *c->ucode * (size_t)(c->nunit + 1));
	c->ugroup = xrealloc(c->ugroup, sizeof *c->ugroup * (size_t)(c->nunit + 1));
	snprintf(c->ucode[c->nunit], sizeof c->ucode[0], "%s", code);
	c->ugroup[c->nunit++] = g;
}

/* The group of a community's or street's code (BY_COMMUNITY, BY_STREET); the last group (未填社区,
 * 未填街道) for none, or a unit in no group. */
static int unit_group(const struct rctx *c, const char *code)
{
	for (int j = 0; code && j < c->nunit; j++)
		if (strcmp(c->ucode[j], code) == 0)
			return c->ugroup[j];
	return c->ngroups - 1;
}

/* BY_STREET: a group a street (街道, 乡镇), its own and its communities' records in it; a community
 * right under the county, or a resident of none, in 未填街道. */
static int street_groups(struct rctx *c, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(c->db, "SELECT code, name FROM unit WHERE level = 'street' "
	                                     "ORDER BY code", err);
	if (!st)
		return JY_EDB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		unit_map(c, code, c->ngroups);
		group_add(c, code, (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(c->db, err, _("reading the units"));
	group_add(c, "-", "未填街道");
	st = db_prepare(c->db, "SELECT u.code, s.code FROM unit u JOIN unit s ON s.code = u.parent "
	                       "AND s.level = 'street' WHERE u.level = 'community'", err);
	if (!st)
		return JY_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		unit_map(c, (const char *)sqlite3_column_text(st, 0),
		         unit_group(c, (const char *)sqlite3_column_text(st, 1)));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? JY_OK : db_fail(c->db, err, _("reading the units"));
}

static int groups_setup(struct rctx *c, struct jy_err *err)
{
	group_add(c, "", "合计");
	switch (c->by) {
	case BY_NONE:
		return JY_OK;
	case BY_COMMUNITY: {
		const struct code_list *u = codes_cached(c->db, "@units", err);
		if (!u)
			return JY_EDB;
		for (int i = 0; i < u->n; i++) {
			unit_map(c, u->items[i].code, c->ngroups);
			group_add(c, u->items[i].code, u->items[i].label);
		}
		group_add(c, "-", "未填社区");
		return JY_OK;
	}
	case BY_SEX:
		group_add(c, "1", "男");
		group_add(c, "2", "女");
		return JY_OK;
	case BY_CATEGORY:
		for (int i = 0; i < c->ncat; i++)
			group_add(c, c->cats->items[i].code, c->cats->items[i].label);
		return JY_OK;
	case BY_AGE:
		for (size_t i = 0; i < ARRAY_LEN(age_bands); i++)
			group_add(c, age_bands[i].key, age_bands[i].label);
		return JY_OK;
	case BY_STREET:
		return street_groups(c, err);
	default:
		return err_set(err, JY_EINVAL, "分组", _("unknown grouping; use community, street, sex, category "
		                                        "or age"));
	}
}

/* 4050 by the locality's rule on day t: women from f_age, men from m_age, below retirement. */
static int is_4050(const struct rctx *c, int64_t id, int32_t t)
{
	int32_t b = c->birth[id];
	if (!b)
		return 0;
	if (c->sex[id] == 2)
		return b <= t - c->f_age * 10000 && b > t - c->f_up * 10000;
	if (c->sex[id] == 1)
		return b <= t - c->m_age * 10000 && b > t - c->m_up * 10000;
	return 0;
}

/* Is resident id in category k (index in the list) on day t? */
static int in_cat(const struct rctx *c, int64_t id, int k, int32_t t)
{
	for (int32_t j = c->cat_off[id]; j < c->cat_off[id + 1]; j++)
		if (c->cat_idx[j] == k && c->cat_since[j] <= t && (!c->cat_until[j] || c->cat_until[j] > t))
			return 1;
	return k == c->cat_4050 && is_4050(c, id, t);
}

/* The categories of the list's first 64 that resident id is in on day t, as bits: the A4 rows
 * of one resident are a test each, not a walk through her categories each. */
static uint64_t cats_on(const struct rctx *c, int64_t id, int32_t t)
{
	uint64_t m = 0;
	for (int32_t j = c->cat_off[id]; j < c->cat_off[id + 1]; j++)
		if (c->cat_idx[j] < 64 && c->cat_since[j] <= t && (!c->cat_until[j] || c->cat_until[j] > t))
			m |= UINT64_C(1) << c->cat_idx[j];
	if (c->cat_4050 >= 0 && c->cat_4050 < 64 && is_4050(c, id, t))
		m |= UINT64_C(1) << c->cat_4050;
	return m;
}

static int in_cats(const struct rctx *c, uint64_t m, int64_t id, int k, int32_t t)
{
	return k < 64 ? (int)(m >> k & 1) : in_cat(c, id, k, t);
}

/* in_cats on period per's last day, where 零就业家庭 is the household's when she is a member of
 * one then (worked out from its members, whatever was typed on her record), and the category
 * typed by hand only for someone recorded in no household. */
static int in_cats_on(const struct rctx *c, const struct rperiod *per, uint64_t m, int64_t id, int k)
{
	if (k == c->cat_zero && per->mark && (per->mark[id] & MARK_HH))
		return (per->mark[id] & MARK_ZERO_HH) != 0;
	return in_cats(c, m, id, k, per->to);
}

/* in_cat for period k ending on t: on its last day, 零就业家庭 as in_cats_on has it. */
static int in_cat_per(const struct rctx *c, int k, int64_t id, int j, int32_t t)
{
	const struct rperiod *per = &c->per[k];
	if (j == c->cat_zero && t == per->to && per->mark && (per->mark[id] & MARK_HH))
		return (per->mark[id] & MARK_ZERO_HH) != 0;
	return in_cat(c, id, j, t);
}

/* The groups (other than the total) resident id falls in, for period k ending on t. */
static int groups_of(const struct rctx *c, int k, int64_t id, int32_t t, int *g)
{
	switch (c->by) {
	case BY_COMMUNITY:
	case BY_STREET:
		g[0] = c->per[k].comm ? c->per[k].comm[id] : c->comm[id];
		return 1;
	case BY_SEX:
		if (c->sex[id] != 1 && c->sex[id] != 2)
			return 0;
		g[0] = c->sex[id];
		return 1;
	case BY_AGE: {
		int b = 0;
		for (size_t i = 1; i < ARRAY_LEN(age_bands); i++)
			if (c->birth[id] && c->birth[id] <= t - age_bands[i].lo * 10000)
				b = (int)i;
		g[0] = 1 + b;
		return 1;
	}
	case BY_CATEGORY: {
		int n = 0;
		for (int j = 0; j < c->ncat && n < GROUPS_MAX; j++)
			if (in_cat_per(c, k, id, j, t))
				g[n++] = 1 + j;
		return n;
	}
	default:
		return 0;
	}
}

static void emit_add(struct rctx *c, int k, int64_t id, int i, int64_t amount);

/* One resident (or one event of hers) counted in indicator i of period k. */
static void emit(struct rctx *c, int k, int64_t id, int i)
{
	emit_add(c, k, id, i, 1);
}

/* emit, adding amount (fen, persons) instead of one: a K_AMOUNT figure's row. */
static void emit_add(struct rctx *c, int k, int64_t id, int i, int64_t amount)
{
	if (id <= 0 || id >= c->n || (c->out_of_scope && c->out_of_scope[id]))
		return;
	int g[GROUPS_MAX], ng = c->by == BY_NONE ? 0 : groups_of(c, k, id, c->per[k].to, g);
	if (c->ids || c->memb) {
		if (c->ids ? i != c->want_ind : !report_inds[i].people)
			return;
		int hit = c->want_group == 0;
		for (int j = 0; j < ng && !hit; j++)
			hit = g[j] == c->want_group;
		if (!hit)
			return;
		if (c->memb) {
			c->memb[(size_t)id * MEMB_WORDS + (size_t)i / 64] |= UINT64_C(1) << (i % 64);
			return;
		}
		if (c->nids == c->capids) {
			c->capids *= 2;
			c->ids = xrealloc(c->ids, sizeof *c->ids * c->capids);
		}
		c->ids[c->nids++] = id;
		return;
	}
	struct report_value *v = c->v[k];
	v[i].num += amount;
	for (int j = 0; j < ng; j++)
		v[(size_t)g[j] * RI__COUNT + (size_t)i].num += amount;
}

/* ---- reading the registry ------------------------------------------------------------------- */

static int load_registry(struct rctx *c, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(c->db, "SELECT coalesce(max(id), 0) FROM resident", err);
	if (!st)
		return JY_EDB;
	int rc = sqlite3_step(st);
	c->n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) + 1 : 1;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_fail(c->db, err, _("reading the registry"));
	size_t n = (size_t)c->n;
	c->cls = xcalloc(n, 1);
	c->reg = xcalloc(n, sizeof *c->reg);
	c->closed = xcalloc(n, sizeof *c->closed);
	c->birth = xcalloc(n, sizeof *c->birth);
	c->comm = xcalloc(n, sizeof *c->comm);
	c->sex = xcalloc(n, 1);
	c->flags = xcalloc(n, 1);
	/* the columns of the narrow index resident_report: it is read, not the table, whole and in
	 * its order (community, id), which the arrays by id do not need */
	const struct code_list *u = NULL;
	if (c->by == BY_COMMUNITY && !(u = codes_cached(c->db, "@units", err)))
		return JY_EDB;
	int streets = c->by == BY_STREET;
	/* A worker's report counts the residents of her communities (scope applies to
	 * figures too); statistics and administrators see every community. */
	int limited = !access_scope_all(c->db);
	if (limited)
		c->out_of_scope = xcalloc(n, 1);
	st = db_prepare(c->db, u || limited || streets ?
		"SELECT id, status, reg_date, closed_at, sex, birth, benefit, dibao, community "
		"FROM resident INDEXED BY resident_report" :
		"SELECT id, status, reg_date, closed_at, sex, birth, benefit, dibao "
		"FROM resident INDEXED BY resident_report", err);
	if (!st)
		return JY_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id <= 0 || id >= c->n)
			continue;
		const unsigned char *s = sqlite3_column_text(st, 1);
		c->cls[id] = s ? s[0] : 0;
		c->reg[id] = pack(sqlite3_column_text(st, 2));
		c->closed[id] = pack(sqlite3_column_text(st, 3));
		s = sqlite3_column_text(st, 4);
		c->sex[id] = s && s[0] == '1' ? 1 : s && s[0] == '2' ? 2 : 0;
		c->birth[id] = pack(sqlite3_column_text(st, 5));
		c->flags[id] = (uint8_t)((sqlite3_column_int(st, 6) ? 1 : 0) | (sqlite3_column_int(st, 7) ? 2 : 0));
		if (limited)
			c->out_of_scope[id] = !access_in_scope(c->db, (const char *)sqlite3_column_text(st, 8));
		if (u) {
			const char *cm = (const char *)sqlite3_column_text(st, 8);
			int g = u->n + 1;       /* 未填社区, or a code no longer in the list */
			for (int j = 0; cm && j < u->n; j++)
				if (strcmp(u->items[j].code, cm) == 0) {
					g = j + 1;
					break;
				}
			c->comm[id] = (int16_t)g;
		}
		if (streets)
			c->comm[id] = (int16_t)unit_group(c, (const char *)sqlite3_column_text(st, 8));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(c->db, err, _("reading the registry"));
	return JY_OK;
}

static unsigned cat_hash(const char *code)
{
	unsigned h = 2166136261u;               /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)code; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h % CAT_SLOTS;
}

/* The index of a category code in the list, -1 when not in it: a hash lookup, as it is asked for
 * every category row of the registry (a strcmp down the list was a twentieth of a report). */
static int cat_find(const struct rctx *c, const char *code)
{
	if (!code)
		return -1;
	for (unsigned h = cat_hash(code); c->cat_slot[h]; h = (h + 1) % CAT_SLOTS)
		if (strcmp(c->cats->items[c->cat_slot[h] - 1].code, code) == 0)
			return c->cat_slot[h] - 1;
	return -1;
}

static void cat_index(struct rctx *c)
{
	for (int k = 0; k < c->ncat; k++)
		if (cat_find(c, c->cats->items[k].code) < 0) {     /* the first of equal codes */
			unsigned h = cat_hash(c->cats->items[k].code);
			while (c->cat_slot[h])
				h = (h + 1) % CAT_SLOTS;
			c->cat_slot[h] = (uint8_t)(k + 1);
		}
}

/* The hand-set categories with their dates, in resident order: those she holds (resident_category,
 * from since on) and those that ended (resident_category_past, since up to the day before until),
 * each table read in its key's order and the two merged. */
static int load_categories(struct rctx *c, struct jy_err *err)
{
	c->cat_off = xcalloc((size_t)c->n + 1, sizeof *c->cat_off);
	sqlite3_stmt *st = db_prepare(c->db, "SELECT (SELECT count(*) FROM resident_category) + "
	                                     "(SELECT count(*) FROM resident_category_past)", err);
	if (!st)
		return JY_EDB;
	int rc = sqlite3_step(st);
	size_t total = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_fail(c->db, err, _("reading the categories"));
	c->cat_idx = xmalloc(total + 1);
	c->cat_since = xmalloc((total + 1) * sizeof *c->cat_since);
	c->cat_until = xcalloc(total + 1, sizeof *c->cat_until);
	sqlite3_stmt *q[2] = {
		db_prepare(c->db, "SELECT resident_id, category, since FROM resident_category", err),
		NULL,
	};
	if (!q[0])
		return JY_EDB;
	q[1] = db_prepare(c->db, "SELECT resident_id, category, since, until FROM resident_category_past",
	                  err);
	if (!q[1])
		return JY_EDB;
	int s[2];
	for (int t = 0; t < 2; t++)
		s[t] = sqlite3_step(q[t]);
	size_t j = 0;
	int64_t last = 0;
	while ((s[0] == SQLITE_ROW || s[1] == SQLITE_ROW) && j < total) {
		int t = s[0] != SQLITE_ROW ? 1 : s[1] != SQLITE_ROW ? 0 :
		        sqlite3_column_int64(q[1], 0) < sqlite3_column_int64(q[0], 0);
		int64_t id = sqlite3_column_int64(q[t], 0);
		int k = cat_find(c, (const char *)sqlite3_column_text(q[t], 1));
		if (id > 0 && id < c->n && id >= last && k >= 0) {
			while (last < id)
				c->cat_off[++last] = (int32_t)j;
			c->cat_idx[j] = (uint8_t)k;
			c->cat_since[j] = pack(sqlite3_column_text(q[t], 2));
			c->cat_until[j] = t ? pack(sqlite3_column_text(q[t], 3)) : 0;
			j++;
		}
		s[t] = sqlite3_step(q[t]);
	}
	for (int t = 0; t < 2; t++)
		sqlite3_reset(q[t]);
	for (int t = 0; t < 2; t++)
		if (s[t] != SQLITE_DONE && s[t] != SQLITE_ROW)
			return db_fail(c->db, err, _("reading the categories"));
	while (last < c->n)
		c->cat_off[++last] = (int32_t)j;
	return JY_OK;
}

/* The flags and the community as they stood on each period's last day, where a dated change
 * (resident_change) came after it: the value before the first such change. Nothing is read into
 * per-period arrays while the table is empty (every value then stands for every day). */
static int load_changes(struct rctx *c, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(c->db, "SELECT resident_id, what, date, old FROM resident_change "
	                                     "ORDER BY resident_id, what, date DESC, id DESC", err);
	if (!st)
		return JY_EDB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *what = (const char *)sqlite3_column_text(st, 1);
		int32_t d = pack(sqlite3_column_text(st, 2));
		const char *old = (const char *)sqlite3_column_text(st, 3);
		if (id <= 0 || id >= c->n || !what)
			continue;
		int comm = strcmp(what, "community") == 0;
		if (comm && !c->nunit)
			continue;       /* no grouping by unit: the community is not read */
		uint8_t bit = strcmp(what, "benefit") == 0 ? 1 : strcmp(what, "dibao") == 0 ? 2 : 0;
		for (int k = 0; k < c->nper; k++) {
			struct rperiod *p = &c->per[k];
			if (d <= p->to)
				continue;       /* changed by then: the value after it stands */
			/* the latest first, so the last one written is the first after the period */
			if (comm) {
				if (!p->comm) {
					p->comm = xmalloc((size_t)c->n * sizeof *p->comm);
					memcpy(p->comm, c->comm, (size_t)c->n * sizeof *p->comm);
				}
				p->comm[id] = (int16_t)unit_group(c, old);
			} else if (bit) {
				if (!p->flags) {
					p->flags = xmalloc((size_t)c->n);
					memcpy(p->flags, c->flags, (size_t)c->n);
				}
				p->flags[id] = (uint8_t)((p->flags[id] & ~bit) | (old && !strcmp(old, "1") ? bit : 0));
			}
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? JY_OK : db_fail(c->db, err, _("reading the registry"));
}

/* ---- status events: who had another status on the days the figures look at ------------------- */

struct ev {
	int64_t id, rid;
	int32_t date;
	char status[4];
	int8_t form;            /* index into a7_ids */
};

static int ev_cmp(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;
	if (x->rid != y->rid)
		return x->rid < y->rid ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* The events in resident order, each one's in (date, id) order: bucketed by resident (a counting
 * sort, linear: the residents are the array's index) and then each resident's few put in order,
 * almost always already so (the date index gives them by date). Events of no resident are
 * dropped. */
static struct ev *ev_by_resident(const struct rctx *c, struct ev *ev, size_t *nev)
{
	int32_t *at = xcalloc((size_t)c->n + 1, sizeof *at);
	for (size_t i = 0; i < *nev; i++)
		if (ev[i].rid > 0 && ev[i].rid < c->n)
			at[ev[i].rid + 1]++;
	for (int64_t r = 1; r <= c->n; r++)
		at[r] += at[r - 1];
	struct ev *out = xmalloc((*nev + 1) * sizeof *out);
	size_t m = 0;
	for (size_t i = 0; i < *nev; i++)
		if (ev[i].rid > 0 && ev[i].rid < c->n) {
			out[at[ev[i].rid]++] = ev[i];
			m++;
		}
	free(at);
	free(ev);
	for (size_t i = 1; i < m; i++)
		for (size_t j = i; j > 0 && ev_cmp(&out[j - 1], &out[j]) > 0; j--) {
			struct ev t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	*nev = m;
	return out;
}

/* The form of employment of an employed event: its emp_form code, else what its status says
 * where that is one form only (emp_form_of_status: 已就业 单位就业, 灵活就业, 公益性岗位); else
 * "not given". */
static int8_t form_of(const char *form, const char *status)
{
	static const char *const codes[] = { "010", "021", "022", "023", "024", "030", "990" };
	if (!form)
		form = emp_form_of_status(status);
	for (int8_t i = 0; form && i < (int8_t)ARRAY_LEN(codes); i++)
		if (!strcmp(codes[i], form))
			return i;
	return NFORMS - 1;
}

static uint8_t cls_of(const char *s)
{
	return s && *s ? (uint8_t)s[0] : 0;
}

/* Walk one resident's events (ev[0..n), in order) with her status before them: her status on
 * each period's d0 and last day, and whether she moved from without work (1x) to work (2x). */
static void walk(struct rctx *c, int64_t rid, const struct ev *e, size_t n, uint8_t before)
{
	for (int k = 0; k < c->nper; k++) {
		struct rperiod *p = &c->per[k];
		uint8_t prev = before, s0 = before, s1 = before;
		for (size_t j = 0; j < n; j++) {
			uint8_t s = cls_of(e[j].status);
			if (e[j].date <= p->d0)
				s0 = s;
			if (e[j].date <= p->to)
				s1 = s;
			if (e[j].date >= p->from && e[j].date <= p->to && s == '2' && prev == '1')
				p->re[rid] |= (uint8_t)(1u << e[j].form);
			prev = s;
		}
		p->st0[rid] = s0;
		p->st1[rid] = s1;
	}
}

static int load_events(struct rctx *c, struct jy_err *err)
{
	int32_t first = c->per[0].from;
	const char *since = c->per[0].p->from;
	for (int k = 0; k < c->nper; k++) {
		size_t n = (size_t)c->n;
		c->per[k].st0 = xmalloc(n);
		c->per[k].st1 = xmalloc(n);
		memset(c->per[k].st0, STATUS_NOW, n);
		memset(c->per[k].st1, STATUS_NOW, n);
		c->per[k].re = xcalloc(n, 1);
		if (c->per[k].from < first) {
			first = c->per[k].from;
			since = c->per[k].p->from;
		}
	}
	/* the changes since: registrations are not in the index (010_kinds.sql), the lookup
	 * below finds them */
	sqlite3_stmt *st = db_prepare(c->db,
		"SELECT id, resident_id, date, status, form FROM status_event INDEXED BY status_event_date "
		"WHERE date >= ?1 AND kind = 'change'", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, since, -1, SQLITE_TRANSIENT);
	struct ev *ev = NULL;
	size_t nev = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (nev == cap) {
			cap = cap ? cap * 2 : 4096;
			ev = xrealloc(ev, cap * sizeof *ev);
		}
		struct ev *e = &ev[nev++];
		e->id = sqlite3_column_int64(st, 0);
		e->rid = sqlite3_column_int64(st, 1);
		e->date = pack(sqlite3_column_text(st, 2));
		db_col_copy(st, 3, e->status, sizeof e->status);
		e->form = form_of((const char *)sqlite3_column_text(st, 4), e->status);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(ev);
		return db_fail(c->db, err, _("reading the status changes"));
	}
	ev = ev_by_resident(c, ev, &nev);
	/* her status before the first of these changes: one index lookup per resident (of several
	 * events on her last day before it, the last written; her registration may be one) */
	sqlite3_stmt *bef = db_prepare(c->db,
		"SELECT date, id, status FROM status_event INDEXED BY status_event_resident "
		"WHERE resident_id = ?1 AND date <= ?2 ORDER BY date DESC", err);
	if (!bef) {
		free(ev);
		return JY_EDB;
	}
	char e1[11];
	e1[4] = e1[7] = '-';
	e1[10] = '\0';
	for (size_t i = 0, j; i < nev; i = j) {
		for (j = i + 1; j < nev && ev[j].rid == ev[i].rid; j++)
			;
		int64_t rid = ev[i].rid;
		if (rid <= 0 || rid >= c->n)
			continue;
		uint8_t before = 0;
		int64_t last = 0;
		int32_t day = 0;
		unpack(ev[i].date, e1);
		sqlite3_bind_int64(bef, 1, rid);
		sqlite3_bind_text(bef, 2, e1, 10, SQLITE_STATIC);       /* no copy */
		int step;
		while ((step = sqlite3_step(bef)) == SQLITE_ROW) {
			int32_t d = pack(sqlite3_column_text(bef, 0));
			int64_t id = sqlite3_column_int64(bef, 1);
			if (d == ev[i].date && id >= ev[i].id)
				continue;       /* the change itself, or one after it that day */
			if (day && d != day)
				break;          /* past her last day before it */
			day = d;
			if (id > last) {
				last = id;
				before = cls_of((const char *)sqlite3_column_text(bef, 2));
			}
		}
		sqlite3_reset(bef);
		if (step != SQLITE_ROW && step != SQLITE_DONE) {        /* a figure read wrong is no figure */
			sqlite3_clear_bindings(bef);
			free(ev);
			return db_fail(c->db, err, _("reading the status changes"));
		}
		walk(c, rid, &ev[i], j - i, before);
	}
	sqlite3_clear_bindings(bef);    /* e1 goes with this function */
	free(ev);
	return JY_OK;
}

struct hh_marks {
	struct rctx *c;
	struct rperiod *p;
};

static int hh_mark(void *arg, int64_t rid, int flags)
{
	struct hh_marks *m = arg;
	if (rid <= 0 || rid >= m->c->n)
		return 0;
	m->p->mark[rid] |= MARK_HH | (flags & HH_ZERO_EMP ? MARK_ZERO_HH : 0);
	if ((flags & HH_COUPLE_UNEMP) && (flags & (HH_HEAD | HH_SPOUSE)))
		m->p->mark[rid] |= MARK_COUPLE | (flags & HH_HEAD ? MARK_COUPLE_HEAD : 0);
	return 0;
}

/* Residents visited at home in each period (a phone call or a guidance talk is not a home visit:
 * A8P), and those holding an employment certificate (就业创业证 or
 * one it replaced: 就业失业登记证, 失业证, 再就业优惠证; not cancelled) issued by its end. */
static int load_marks(struct rctx *c, struct jy_err *err)
{
	int rc = SQLITE_DONE;
	for (int k = 0; k < c->nper && rc == SQLITE_DONE; k++) {
		struct rperiod *p = &c->per[k];
		p->mark = xcalloc((size_t)c->n, 1);
		sqlite3_stmt *st = db_prepare(c->db,
			"SELECT resident_id FROM visit WHERE kind = '1' AND date BETWEEN ?1 AND ?2", err);
		if (!st)
			return JY_EDB;
		sqlite3_bind_text(st, 1, p->p->from, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, p->p->to, -1, SQLITE_TRANSIENT);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 0);
			if (id > 0 && id < c->n)
				p->mark[id] |= MARK_VISITED;
		}
		sqlite3_reset(st);
	}
	if (rc != SQLITE_DONE)
		return db_fail(c->db, err, _("reading the visits"));
	/* one pass over the certificates for both periods: issued by each one's end */
	sqlite3_stmt *st = db_prepare(c->db,
		"SELECT resident_id, issue_date FROM certificate WHERE type IN ('01', '02', '03', '04') "
		"AND status <> '注销'", err);
	if (!st)
		return JY_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *issued = (const char *)sqlite3_column_text(st, 1);
		for (int k = 0; k < c->nper && id > 0 && id < c->n && issued; k++)
			if (strcmp(issued, c->per[k].p->to) <= 0)
				c->per[k].mark[id] |= MARK_HOLDER;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(c->db, err, _("reading the certificates"));
	for (int k = 0; k < c->nper; k++) {
		struct hh_marks hm = { c, &c->per[k] };
		if ((rc = household_each_member(c->db, c->per[k].p->to, hh_mark, &hm, err)))
			return rc;
	}
	return JY_OK;
}

/* ---- the figures ---------------------------------------------------------------------------- */

/* Registered on day d (reg_date on or before it) and her record not yet closed that day. */
static int on_register(const struct rctx *c, int64_t id, int32_t d)
{
	return c->reg[id] && c->reg[id] <= d && (!c->closed[id] || c->closed[id] > d);
}

/* The registry's figures of period k, one pass over the residents. */
static void figures_mem(struct rctx *c, int k)
{
	const struct rperiod *p = &c->per[k];
	for (int64_t id = 1; id < c->n; id++) {
		if (!c->reg[id])
			continue;
		uint8_t s0 = p->st0[id] == STATUS_NOW ? c->cls[id] : p->st0[id];
		uint8_t s1 = p->st1[id] == STATUS_NOW ? c->cls[id] : p->st1[id];
		uint8_t flags = p->flags ? p->flags[id] : c->flags[id];        /* on the last day */
		int reg1 = on_register(c, id, p->to);
		/* A1: registered unemployed (失业, 下岗, 待业: 1x) on the day before the period */
		if (s0 == '1' && on_register(c, id, p->d0))
			emit(c, k, id, RI_A1);
		/* A2: registered in the period */
		if (c->reg[id] >= p->from && c->reg[id] <= p->to)
			emit(c, k, id, RI_A2);
		if (reg1 && s1 == '1') {
			/* A1E and what is counted among them on the period's last day */
			emit(c, k, id, RI_A1E);
			if (flags & 1)
				emit(c, k, id, RI_A3);
			uint64_t cats = cats_on(c, id, p->to);
			for (int i = RI_A4_4050; i <= RI_A4_RL; i++)
				if (c->a4_cat[i] >= 0 && (in_cats_on(c, p, cats, id, c->a4_cat[i]) ||
				                          (c->a4_cat[i] == c->cat_dibao && (flags & 2))))
					emit(c, k, id, i);      /* 低保: the category or the flag, as B5 */
			/* 夫妻双失业: each household once, by its head; and the spouses out of work */
			if (p->mark[id] & MARK_COUPLE_HEAD)
				emit(c, k, id, RI_A4_CH);
			if (p->mark[id] & MARK_COUPLE)
				emit(c, k, id, RI_A4_CP);
			if (p->mark[id] & MARK_VISITED)
				emit(c, k, id, RI_A8P);
			if (p->mark[id] & MARK_HOLDER)
				emit(c, k, id, RI_B4N);
		}
		/* B5: women on 低保 (the flag, or the category since its date) on the register */
		if (reg1 && c->sex[id] == 2 &&
		    ((flags & 2) || (c->cat_dibao >= 0 && in_cat(c, id, c->cat_dibao, p->to))))
			emit(c, k, id, RI_B5);
		/* A5: moved from without work to work in the period; A7: by the form of that job */
		if (p->re[id]) {
			emit(c, k, id, RI_A5);
			for (int f = 0; f < NFORMS; f++)
				if (p->re[id] & (1u << f))
					emit(c, k, id, a7_ids[f]);
		}
	}
}

static int bind_period(const struct rctx *c, sqlite3_stmt *st, const struct period *p)
{
	sqlite3_bind_text(st, 1, p->from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, p->to, -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_int(st, 3, c->months);
	return 0;
}

static void emit_once(struct rctx *c, int k, int64_t id, int i, uint8_t *seen, uint8_t bit);

static int figure_rows(struct rctx *c, int k, int i, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(c->db, ind_defs[i].arg, err);
	if (!st)
		return JY_EDB;
	bind_period(c, st, c->per[k].p);
	uint8_t *seen = report_inds[i].people ? xcalloc((size_t)c->n, 1) : NULL;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (seen)
			emit_once(c, k, id, i, seen, 1);
		else
			emit(c, k, id, i);
	}
	sqlite3_reset(st);
	free(seen);
	return rc == SQLITE_DONE ? JY_OK : db_fail(c->db, err, report_inds[i].label);
}

/* K_AMOUNT: each row's amount added to its resident's groups. */
static int figure_amount(struct rctx *c, int k, int i, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(c->db, ind_defs[i].arg, err);
	if (!st)
		return JY_EDB;
	bind_period(c, st, c->per[k].p);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		emit_add(c, k, sqlite3_column_int64(st, 0), i, sqlite3_column_int64(st, 1));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? JY_OK : db_fail(c->db, err, report_inds[i].label);
}

static int figure_sum(struct rctx *c, int k, int i, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(c->db, ind_defs[i].arg, err);
	if (!st)
		return JY_EDB;
	bind_period(c, st, c->per[k].p);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		c->v[k][i].num = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_fail(c->db, err, report_inds[i].label);
	for (int g = 1; g < c->ngroups; g++)
		c->v[k][(size_t)g * RI__COUNT + (size_t)i].na = 1;
	return JY_OK;
}

/* K_GROUP, K_STREET: each row's amount to the total and to the group of its unit: by community a
 * K_GROUP row's community (未填社区 for none, or one no longer in the list), by street its
 * community's street or a K_STREET row's street (未填街道 for none); na in any other grouping. */
static int figure_group(struct rctx *c, int k, int i, struct jy_err *err)
{
	int street = ind_defs[i].kind == K_STREET;
	int split = c->by == BY_STREET || (c->by == BY_COMMUNITY && !street);
	sqlite3_stmt *st = db_prepare(c->db, ind_defs[i].arg, err);
	if (!st)
		return JY_EDB;
	bind_period(c, st, c->per[k].p);
	struct report_value *v = c->v[k];
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) == SQLITE_NULL)
			continue;
		int64_t amount = sqlite3_column_int64(st, 0);
		const char *cm = (const char *)sqlite3_column_text(st, 1);
		if (c->out_of_scope && !street && cm && !access_in_scope(c->db, cm))
			continue;
		v[i].num += amount;
		if (split)
			v[(size_t)unit_group(c, cm) * RI__COUNT + (size_t)i].num += amount;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(c->db, err, report_inds[i].label);
	for (int g = 1; !split && g < c->ngroups; g++)
		v[(size_t)g * RI__COUNT + (size_t)i].na = 1;
	return JY_OK;
}

static sqlite3_stmt *period_query(struct rctx *c, int k, const char *sql, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(c->db, sql, err);
	if (st)
		bind_period(c, st, c->per[k].p);
	return st;
}

/* B1: who got a certificate of each type in the period; B2 and B3, the sources' own codes for
 * two of them (再就业优惠证, 明白卡), the same people. */
static int figure_certs(struct rctx *c, int k, struct jy_err *err)
{
	sqlite3_stmt *st = period_query(c, k, CERTS, err);
	if (!st)
		return JY_EDB;
	uint16_t *seen = xcalloc((size_t)c->n, sizeof *seen);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *type = (const char *)sqlite3_column_text(st, 1);
		for (int i = RI_B1_01; type && id > 0 && id < c->n && i <= RI_B3; i++) {
			uint16_t bit = (uint16_t)(1u << (i - RI_B1_01));
			if (strcmp(ind_defs[i].arg, type) == 0 && !(seen[id] & bit)) {
				seen[id] |= bit;
				emit(c, k, id, i);
			}
		}
	}
	sqlite3_reset(st);
	free(seen);
	return rc == SQLITE_DONE ? JY_OK : db_fail(c->db, err, _("reading the certificates"));
}

/* Count resident id once in figure i: bit is its bit in seen[id]. */
static void emit_once(struct rctx *c, int k, int64_t id, int i, uint8_t *seen, uint8_t bit)
{
	if (id <= 0 || id >= c->n || (seen[id] & bit))
		return;
	seen[id] |= bit;
	emit(c, k, id, i);
}

/* F2-F8: the enrolments of the courses that started in the period (trainees: people, women and
 * person-times) and of those that ended in it (completers, passes, work after the course). */
struct course_end {
	int64_t id;
	char end[11], work_by[11];
};

/* The courses that ended in period k (ENDED). */
static int courses_ended(struct rctx *c, int k, struct course_end **out, size_t *n,
                         struct jy_err *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = period_query(c, k, ENDED, err);
	if (!st)
		return JY_EDB;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		struct course_end *e = &(*out)[(*n)++];
		e->id = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, e->end, sizeof e->end);
		db_col_copy(st, 2, e->work_by, sizeof e->work_by);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? JY_OK : db_fail(c->db, err, _("reading the enrolments"));
}

/* F5C-F8: the trainees of the courses that ended in period k, a course at a time. */
static int figure_finishers(struct rctx *c, int k, uint8_t *seen, struct jy_err *err)
{
	static const int fin[] = { RI_F5C, RI_F5, RI_F6N, RI_F7, RI_F8 };
	struct course_end *ce;
	size_t nce;
	int rc = courses_ended(c, k, &ce, &nce, err);
	sqlite3_stmt *st = rc ? NULL : db_prepare(c->db, FINISHERS, err);
	if (!rc && !st)
		rc = JY_EDB;
	for (size_t i = 0; !rc && i < nce; i++) {
		sqlite3_bind_int64(st, 1, ce[i].id);
		sqlite3_bind_text(st, 2, ce[i].end, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, ce[i].work_by, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, c->per[k].p->to, -1, SQLITE_STATIC);
		int s;
		while ((s = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 0);
			for (int j = 0; j < (int)ARRAY_LEN(fin); j++)
				if (j == 0 || sqlite3_column_int(st, j))
					emit_once(c, k, id, fin[j], seen, (uint8_t)(4u << j));
		}
		sqlite3_reset(st);
		if (s != SQLITE_DONE)
			rc = db_fail(c->db, err, _("reading the enrolments"));
	}
	if (st)
		sqlite3_clear_bindings(st);
	free(ce);
	return rc;
}

/* F2-F8: the enrolments of the courses that started in the period (trainees: people, women and
 * person-times) and of those that ended in it (completers, passes, work after the course). */
static int figure_training(struct rctx *c, int k, struct jy_err *err)
{
	uint8_t *seen = xcalloc((size_t)c->n, 1);
	sqlite3_stmt *st = period_query(c, k, TRAINEES, err);
	int rc = st ? SQLITE_DONE : -1;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		emit(c, k, id, RI_F3);
		emit_once(c, k, id, RI_F2, seen, 1);
		if (id > 0 && id < c->n && c->sex[id] == 2)
			emit_once(c, k, id, RI_F2W, seen, 2);
	}
	if (st)
		sqlite3_reset(st);
	int out = rc == -1 ? JY_EDB : rc != SQLITE_DONE ? db_fail(c->db, err, _("reading the enrolments"))
	                                                : figure_finishers(c, k, seen, err);
	free(seen);
	return out;
}

static int ind_by_code(const char *code, size_t n)
{
	for (int i = 0; i < RI__COUNT; i++)
		if (strlen(report_inds[i].code) == n && strncmp(report_inds[i].code, code, n) == 0)
			return i;
	return -1;
}

/* "N/D1+D2": num from N, den from D1 + D2; na when any part is. */
static void figure_rate(struct rctx *c, int k, int i)
{
	const char *a = ind_defs[i].arg, *slash = strchr(a, '/');
	int num = ind_by_code(a, (size_t)(slash - a));
	for (int g = 0; g < c->ngroups; g++) {
		struct report_value *row = &c->v[k][(size_t)g * RI__COUNT];
		struct report_value r = { .num = row[num].num, .na = row[num].na };
		for (const char *s = slash + 1; *s;) {
			size_t n = strcspn(s, "+");
			int d = ind_by_code(s, n);
			r.den += row[d].num;
			r.na |= row[d].na;
			s += n + (s[n] == '+');
		}
		if (r.na)
			r.num = r.den = 0;
		row[i] = r;
	}
}

/* ---- setting up ------------------------------------------------------------------------------ */

static void period_prepare(struct rperiod *rp, const struct period *p)
{
	memset(rp, 0, sizeof *rp);
	rp->p = p;
	rp->from = pack_str(p->from);
	rp->to = pack_str(p->to);
	int y, m, d;
	date_split(p->from, &y, &m, &d);
	date_from_days(date_days(y, m, d) - 1, &y, &m, &d);
	rp->d0 = y * 10000 + m * 100 + d;
}

static int ctx_open(struct rctx *c, struct jy_db *db, const struct period *cur,
                    const struct period *prev, int by, struct jy_err *err)
{
	memset(c, 0, sizeof *c);
	c->db = db;
	c->by = by;
	c->want_ind = -1;
	int y, m, d;
	if (!cur || !date_split(cur->from, &y, &m, &d) || !date_split(cur->to, &y, &m, &d) ||
	    strcmp(cur->from, cur->to) > 0)
		return err_set(err, JY_EINVAL, "统计期间", _("the period needs a first and a last day, "
		               "the first not after the last"));
	c->cats = codes_cached(db, "category", err);
	if (!c->cats)
		return JY_EDB;
	c->ncat = c->cats->n < 255 ? c->cats->n : 255;
	cat_index(c);
	c->cat_4050 = cat_find(c, "4050");
	c->cat_dibao = cat_find(c, "DIBAO");
	c->cat_zero = cat_find(c, "ZERO_EMP_HH");
	for (int i = 0; i < RI__COUNT; i++)
		c->a4_cat[i] = i >= RI_A4_4050 && i <= RI_A4_RL && ind_defs[i].arg
		               ? cat_find(c, ind_defs[i].arg) : -1;
	int rc;
	if ((rc = db_setting_int(db, "rule.4050.female_age", 40, &c->f_age, err)) ||
	    (rc = db_setting_int(db, "rule.4050.male_age", 50, &c->m_age, err)) ||
	    (rc = db_setting_int(db, "rule.4050.female_upper", 55, &c->f_up, err)) ||
	    (rc = db_setting_int(db, "rule.4050.male_upper", 60, &c->m_up, err)) ||
	    (rc = db_setting_int(db, "training.outcome_months", 6, &c->months, err)))
		return rc;
	period_prepare(&c->per[0], cur);
	c->nper = 1;
	if (prev)
		period_prepare(&c->per[c->nper++], prev);
	rc = groups_setup(c, err);
	if (!rc)
		rc = load_registry(c, err);
	if (!rc)
		rc = load_categories(c, err);
	if (!rc)
		rc = load_changes(c, err);
	if (!rc)
		rc = load_events(c, err);
	if (!rc)
		rc = load_marks(c, err);
	return rc;
}

/* One read transaction, so every figure sees the same records. While it runs the page cache is
 * larger: a report reads the registry's narrow index end to end and the period's rows at random
 * places (the file is read through the connection's memory map, store/db.c). The connection's
 * default comes back after, as after a bulk load. */
static int read_begin(struct jy_db *db, struct jy_err *err)
{
	if (db_in_tx(db))
		return JY_OK;
	/* the speed only: a refused pragma leaves the figures as they are */
	db_exec(db, "PRAGMA cache_size = -65536", NULL);
	return db_exec(db, "BEGIN", err);
}

/* The figures are read by now: ending the read (and the pragmas) cannot change them, and a write
 * begun later inside a read left open is refused with its own message. */
static void read_end(struct jy_db *db)
{
	if (db_in_tx(db))
		return;
	db_exec(db, "COMMIT", NULL);
	db_exec(db, "PRAGMA cache_size = -2000", NULL);
}

static int compute(struct rctx *c, int k, struct jy_err *err)
{
	/* a list of people needs its own figure only; the people of every figure, no sums or rates */
	int want = c->ids ? ind_defs[c->want_ind].kind : -1, sums = !c->ids && !c->memb;
	int rc = JY_OK;
	if (want < 0 || want == K_MEM)
		figures_mem(c, k);
	if (want < 0 || want == K_CERT)
		rc = figure_certs(c, k, err);
	if (!rc && (want < 0 || want == K_TRAIN))
		rc = figure_training(c, k, err);
	for (int i = 0; !rc && i < RI__COUNT; i++) {
		if (ind_defs[i].kind == K_ROWS && (c->ids ? i == c->want_ind : sums || report_inds[i].people))
			rc = figure_rows(c, k, i, err);
		else if (ind_defs[i].kind == K_SUM && sums)
			rc = figure_sum(c, k, i, err);
		else if (ind_defs[i].kind == K_AMOUNT && sums)
			rc = figure_amount(c, k, i, err);
		else if ((ind_defs[i].kind == K_GROUP || ind_defs[i].kind == K_STREET) && sums)
			rc = figure_group(c, k, i, err);
	}
	for (int i = 0; !rc && sums && i < RI__COUNT; i++)
		if (ind_defs[i].kind == K_RATE)
			figure_rate(c, k, i);
	return rc;
}

int report_by_parse(const char *text)
{
	static const struct {
		const char *word;
		int by;
	} words[] = {
		{ "", BY_NONE }, { "none", BY_NONE }, { "total", BY_NONE }, { "合计", BY_NONE },
		{ "不分组", BY_NONE }, { "community", BY_COMMUNITY }, { "社区", BY_COMMUNITY },
		{ "sex", BY_SEX }, { "性别", BY_SEX }, { "category", BY_CATEGORY },
		{ "人员类别", BY_CATEGORY }, { "类别", BY_CATEGORY }, { "age", BY_AGE },
		{ "年龄", BY_AGE }, { "年龄段", BY_AGE }, { "street", BY_STREET }, { "街道", BY_STREET },
		{ "乡镇", BY_STREET },
	};
	if (!text)
		return BY_NONE;
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		if (strcasecmp(text, words[i].word) == 0)
			return words[i].by;
	return -1;
}

/* cur against the period before it, or against cmp when given (the same period of the year
 * before, for a summary). */
static int report_compute_against(struct jy_db *db, const struct period *cur,
                                  const struct period *cmp, int by, struct report **out,
                                  struct jy_err *err)
{
	*out = NULL;
	struct period prev;
	if (cmp)
		prev = *cmp;
	else if (cur)
		period_prev(cur, &prev);
	int rc = access_check(db, OP_REPORT, NULL, err);
	if (!rc)
		rc = read_begin(db, err);
	if (rc)
		return rc;
	struct rctx c;
	rc = ctx_open(&c, db, cur, &prev, by, err);
	struct report *r = NULL;
	if (!rc) {
		r = xcalloc(1, sizeof *r);
		r->cur = *cur;
		r->prev = prev;
		r->by = by;
		r->ngroups = c.ngroups;
		size_t nv = (size_t)c.ngroups * RI__COUNT;
		r->cur_v = c.v[0] = xcalloc(nv, sizeof *r->cur_v);
		r->prev_v = c.v[1] = xcalloc(nv, sizeof *r->prev_v);
		rc = compute(&c, 0, err);
		/* a period against itself (the totals of a year before, of the year to date) is read once */
		if (!rc && strcmp(prev.from, cur->from) == 0 && strcmp(prev.to, cur->to) == 0)
			memcpy(r->prev_v, r->cur_v, nv * sizeof *r->prev_v);
		else if (!rc)
			rc = compute(&c, 1, err);
		r->group_key = c.gkey;
		r->group_label = c.glabel;
		c.gkey = c.glabel = NULL;
	}
	ctx_free(&c);
	read_end(db);
	if (rc) {
		report_free(&r);
		return rc;
	}
	*out = r;
	return JY_OK;
}

static int report_compute_plain(struct jy_db *db, const struct period *cur, int by,
                                struct report **out, struct jy_err *err)
{
	return report_compute_against(db, cur, NULL, by, out, err);
}

/* The one unit the scope list[0..n) is (the access part lists a scope unit with every unit
 * under it): its only member whose parent is not in it; into code and name, code "" when there
 * are several. */
static int scope_unit(struct jy_db *db, const char *const *list, int n, char code[32],
                      char name[64], struct jy_err *err)
{
	code[0] = '\0';
	sqlite3_stmt *st = db_prepare(db, "SELECT coalesce(parent, ''), name FROM unit WHERE code = ?1",
	                              err);
	if (!st)
		return JY_EDB;
	for (int k = 0; k < n; k++) {
		if (!list[k][0])
			continue;
		sqlite3_bind_text(st, 1, list[k], -1, SQLITE_TRANSIENT);
		char parent[32] = "", label[64] = "";
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			db_col_copy(st, 0, parent, sizeof parent);
			db_col_copy(st, 1, label, sizeof label);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return db_fail(db, err, _("reading the units"));
		int inside = 0;
		for (int j = 0; j < n && !inside; j++)
			inside = parent[0] && strcmp(list[j], parent) == 0;
		if (inside)
			continue;
		if (code[0]) {          /* a second top: her scope is not one unit */
			code[0] = '\0';
			return JY_OK;
		}
		snprintf(code, 32, "%s", list[k]);
		snprintf(name, 64, "%s", label);
	}
	return JY_OK;
}

/* Whose targets a worker's report sets beside its figures: the county's ("") for a worker who
 * sees every community; for one who sees one community, or one street's, that unit's code; NULL
 * for any other (no target is hers: the county's would stand beside a part of the county).
 * name: 全县 or the unit's name. */
static int report_target_unit(struct jy_db *db, char code[32], char name[64], const char **unit,
                              struct jy_err *err)
{
	snprintf(name, 64, "%s", "全县");
	*unit = NULL;
	if (access_scope_all(db)) {
		*unit = "";
		return JY_OK;
	}
	const char *const *list;
	int n;
	int rc = access_scope_units(db, &list, &n, err);
	char label[64];
	if (!rc)
		rc = scope_unit(db, list, n, code, label, err);
	if (!rc && code[0]) {
		snprintf(name, 64, "%s", label);
		*unit = code;
	}
	return rc;
}

/* The targets of r's year for the worker's unit, and the totals counted against them. */
static int report_targets(struct jy_db *db, struct report *r, struct jy_err *err)
{
	int year = period_target_year(&r->cur);
	char code[32];
	const char *unit;
	int urc = report_target_unit(db, code, r->target_unit, &unit, err);
	if (urc)
		return urc;
	r->share = period_year_share(&r->cur);
	r->tgt = xmalloc(sizeof *r->tgt * RI__COUNT);
	for (int i = 0; i < RI__COUNT; i++) {
		int rc = unit ? target_get(db, year, unit, i, &r->tgt[i], err) : JY_ENOTFOUND;
		if (rc == JY_ENOTFOUND)
			r->tgt[i] = -1;
		else if (rc)
			return rc;
		else
			r->ntargets++;
	}
	r->done_v = xcalloc(RI__COUNT, sizeof *r->done_v);
	if (!r->ntargets || !period_year_to_date(&r->cur, &r->ytd)) {
		memcpy(r->done_v, r->cur_v, sizeof *r->done_v * RI__COUNT);
		return JY_OK;
	}
	struct report *y = NULL;
	int rc = report_compute_plain(db, &r->ytd, BY_NONE, &y, err);
	if (!rc)
		memcpy(r->done_v, y->cur_v, sizeof *r->done_v * RI__COUNT);
	report_free(&y);
	return rc;
}

int report_compute(struct jy_db *db, const struct period *cur, int by, struct report **out,
                   struct jy_err *err)
{
	int rc = report_compute_plain(db, cur, by, out, err);
	if (!rc && (rc = report_targets(db, *out, err)) != JY_OK)
		report_free(out);
	return rc;
}

/* The totals of every indicator over p into a new array of report_ninds. Caller frees. */
static int report_totals(struct jy_db *db, const struct period *p, struct report_value **out,
                         struct jy_err *err)
{
	struct report *y = NULL;
	*out = NULL;
	int rc = report_compute_against(db, p, p, BY_NONE, &y, err);
	if (!rc) {
		*out = xmalloc(sizeof **out * RI__COUNT);
		memcpy(*out, y->cur_v, sizeof **out * RI__COUNT);
	}
	report_free(&y);
	return rc;
}

int report_compute_cmp(struct jy_db *db, const struct period *cur, int by, int cmp,
                       struct report **out, struct jy_err *err)
{
	*out = NULL;
	struct period before;
	int rc = JY_OK;
	if (cmp & REPORT_CMP_YEAR)
		rc = period_year_before(cur, &before, err);
	if (!rc)
		rc = report_compute_against(db, cur, cmp & REPORT_CMP_PREV ? NULL : cmp & REPORT_CMP_YEAR ?
		                            &before : NULL, by, out, err);
	if (!rc && (rc = report_targets(db, *out, err)) != JY_OK)
		report_free(out);
	if (rc)
		return rc;
	struct report *r = *out;
	r->yoy = (cmp & REPORT_CMP_YEAR) && !(cmp & REPORT_CMP_PREV);
	if ((cmp & REPORT_CMP_YEAR) && (cmp & REPORT_CMP_PREV)) {
		r->yago = before;
		rc = report_totals(db, &before, &r->yago_v, err);
	}
	if (!rc && (cmp & REPORT_CMP_YTD) && period_year_to_date(cur, &r->cum))
		rc = report_totals(db, &r->cum, &r->cum_v, err);
	if (rc)
		report_free(out);
	return rc;
}

int report_cmp_parse(const char *text)
{
	static const struct {
		const char *word;
		int cmp;
	} words[] = {
		{ "prev", REPORT_CMP_PREV }, { "环比", REPORT_CMP_PREV }, { "上期", REPORT_CMP_PREV },
		{ "year", REPORT_CMP_YEAR }, { "同比", REPORT_CMP_YEAR }, { "上年同期", REPORT_CMP_YEAR },
		{ "both", REPORT_CMP_PREV | REPORT_CMP_YEAR }, { "环比同比", REPORT_CMP_PREV | REPORT_CMP_YEAR },
	};
	for (size_t i = 0; text && i < ARRAY_LEN(words); i++)
		if (strcasecmp(text, words[i].word) == 0)
			return words[i].cmp;
	return -1;
}

int period_year_before(const struct period *p, struct period *out, struct jy_err *err)
{
	int y, m, d;
	if (!date_split(p->from, &y, &m, &d))
		return err_set(err, JY_EINVAL, "统计期间", _("not a date: %s"), p->from);
	char day[11];
	snprintf(day, sizeof day, "%04u-%02u-%02u", (unsigned)(y - 1) % 10000u, (unsigned)m % 100u,
	         (unsigned)(m == 2 && d == 29 ? 28 : d) % 100u);
	if (p->kind != PERIOD_RANGE)
		return period_of(p->kind, day, out, err);
	char to[11];
	if (!date_split(p->to, &y, &m, &d))
		return err_set(err, JY_EINVAL, "统计期间", _("not a date: %s"), p->to);
	snprintf(to, sizeof to, "%04u-%02u-%02u", (unsigned)(y - 1) % 10000u, (unsigned)m % 100u,
	         (unsigned)(m == 2 && d == 29 ? 28 : d) % 100u);
	return period_range(day, to, out, err);
}

int report_compute_summary(struct jy_db *db, const struct period *cur, int by,
                           struct report **out, struct jy_err *err)
{
	*out = NULL;
	if (cur->kind != PERIOD_HALF && cur->kind != PERIOD_YEAR)
		return err_set(err, JY_EINVAL, "统计期间", _("a summary is of a half-year or a year "
		               "(2026H1, 2026H2, 2026): %s is neither"), cur->label);
	struct period before;
	int rc = period_year_before(cur, &before, err);
	if (!rc)
		rc = report_compute_against(db, cur, &before, by, out, err);
	if (!rc && (rc = report_targets(db, *out, err)) != JY_OK)
		report_free(out);
	if (!rc)
		(*out)->yoy = (*out)->summary = 1;
	return rc;
}

/* The point k steps before p's month (or quarter) and its target path. */
static int trend_point_at(struct jy_db *db, int kind, const char *to, int back, int i,
                          const char *unit, struct trend_point *pt, struct jy_err *err)
{
	int y, m, d;
	date_split(to, &y, &m, &d);
	int step = kind == PERIOD_QUARTER ? 3 : 1;
	int mm = y * 12 + (m - 1) - back * step;
	char day[11];
	snprintf(day, sizeof day, "%04u-%02u-01", (unsigned)(mm / 12) % 10000u, (unsigned)(mm % 12 + 1));
	int rc = period_of(kind, day, &pt->p, err);
	struct report *r = NULL;
	if (!rc)
		rc = report_compute_plain(db, &pt->p, BY_NONE, &r, err);
	if (rc)
		return rc;
	pt->v = r->cur_v[i];
	report_free(&r);
	int64_t t;
	pt->path = -1;
	rc = unit ? target_get(db, period_target_year(&pt->p), unit, i, &t, err) : JY_ENOTFOUND;
	if (rc == JY_ENOTFOUND)
		return JY_OK;
	if (rc)
		return rc;
	pt->path = report_ind_rate(i) ? t : (2 * t * step + 12) / 24;
	return JY_OK;
}

int report_trend(struct jy_db *db, const struct period *p, int i, struct trend_point **pts, int *n,
                 struct jy_err *err)
{
	*pts = NULL;
	*n = 0;
	if (i < 0 || i >= RI__COUNT)
		return err_set(err, JY_EINVAL, NULL, "%s", _("no such indicator"));
	int rc = access_check(db, OP_REPORT, NULL, err);
	if (rc)
		return rc;
	int kind = p->kind == PERIOD_QUARTER ? PERIOD_QUARTER : PERIOD_MONTH;
	int count = kind == PERIOD_QUARTER ? 8 : 12;
	char name[64], code[32];
	const char *unit;
	if ((rc = report_target_unit(db, code, name, &unit, err)) != JY_OK)
		return rc;
	*pts = xcalloc((size_t)count, sizeof **pts);
	for (int k = 0; k < count && !rc; k++)
		rc = trend_point_at(db, kind, p->to, count - 1 - k, i, unit, &(*pts)[k], err);
	if (rc) {
		FREE(pts);
		return rc;
	}
	*n = count;
	return JY_OK;
}

int report_months(struct jy_db *db, const struct period *p, struct period **months,
                  struct report_value **vals, int *n, struct jy_err *err)
{
	*months = NULL;
	*vals = NULL;
	*n = 0;
	int y, m, d;
	if (!date_split(p->to, &y, &m, &d))
		return err_set(err, JY_EINVAL, NULL, _("not a date: %s"), p->to);
	*months = xcalloc((size_t)m, sizeof **months);
	*vals = xcalloc((size_t)m * RI__COUNT, sizeof **vals);
	int rc = JY_OK;
	for (int k = 0; k < m && !rc; k++) {
		char day[11];
		snprintf(day, sizeof day, "%04u-%02u-01", (unsigned)y % 10000u, (unsigned)(k + 1) % 100u);
		struct report *r = NULL;
		rc = period_of(PERIOD_MONTH, day, &(*months)[k], err);
		if (!rc)
			rc = report_compute_plain(db, &(*months)[k], BY_NONE, &r, err);
		if (!rc)
			memcpy(*vals + (size_t)k * RI__COUNT, r->cur_v, sizeof **vals * RI__COUNT);
		report_free(&r);
	}
	if (rc) {
		FREE(months);
		FREE(vals);
		return rc;
	}
	*n = m;
	return JY_OK;
}

void report_free(struct report **pr)
{
	struct report *r = *pr;
	if (!r)
		return;
	for (int g = 0; g < r->ngroups; g++) {
		free(r->group_key ? r->group_key[g] : NULL);
		free(r->group_label ? r->group_label[g] : NULL);
	}
	free(r->group_key);
	free(r->group_label);
	free(r->cur_v);
	free(r->prev_v);
	free(r->tgt);
	free(r->done_v);
	free(r->yago_v);
	free(r->cum_v);
	FREE(pr);
}

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The group of c keyed group_key ("" the total), for a collector. */
static int want_group(struct rctx *c, const char *group_key, struct jy_err *err)
{
	c->want_group = -1;
	for (int g = 0; g < c->ngroups; g++)
		if (strcmp(c->gkey[g], group_key ? group_key : "") == 0)
			c->want_group = g;
	if (c->want_group < 0)
		return err_set(err, JY_EINVAL, "分组", _("\"%s\" is not a group of this grouping"),
		               group_key ? group_key : "");
	return JY_OK;
}

int report_people(struct jy_db *db, const struct period *p, int by, const char *group_key, int i,
                  int (*cb)(void *arg, int64_t resident_id), void *arg, struct jy_err *err)
{
	if (i < 0 || i >= RI__COUNT || !report_inds[i].people)
		return err_set(err, JY_EINVAL, "指标", _("this figure does not count residents: no list "
		               "of people behind it (rates, person-times, job fairs, postings, courses)"));
	int rc = access_check(db, OP_REPORT_PEOPLE, NULL, err);
	/* who is on 低保, 特困 or disabled: listed only for a worker who sees whole records */
	if (!rc && !access_may(db, OP_EXPORT_FULL) &&
	    (report_ind_sensitive(i) || (by == BY_CATEGORY && group_key &&
	                                 category_sensitive(group_key, strlen(group_key)))))
		rc = err_set(err, JY_EPERM, NULL, _("Who is on 低保, 特困 or disabled is listed for reviewers "
		                                    "and administrators only; the figure counts them"));
	if (!rc)
		rc = read_begin(db, err);
	if (rc)
		return rc;
	struct rctx c;
	rc = ctx_open(&c, db, p, NULL, by, err);
	if (!rc) {
		c.want_ind = i;
		rc = want_group(&c, group_key, err);
	}
	if (!rc) {
		c.capids = 256;
		c.ids = xmalloc(c.capids * sizeof *c.ids);
		rc = compute(&c, 0, err);
	}
	read_end(db);
	if (!rc) {
		qsort(c.ids, c.nids, sizeof *c.ids, id_cmp);
		for (size_t j = 0; j < c.nids; j++)
			if (cb(arg, c.ids[j]))
				break;
	}
	ctx_free(&c);
	return rc;
}

/* Every people-figure at once, through the same emit() calls as the sums and report_people: one
 * pass over the registry instead of one per figure (a month's file lists some thirty figures of
 * up to half a million residents each). */
int report_members(struct jy_db *db, const struct period *p, int by, const char *group_key,
                   int (*cb)(void *arg, int64_t resident_id, const uint64_t *bits), void *arg,
                   struct jy_err *err)
{
	int rc = access_check(db, OP_REPORT_PEOPLE, NULL, err);
	if (!rc)
		rc = read_begin(db, err);
	if (rc)
		return rc;
	struct rctx c;
	rc = ctx_open(&c, db, p, NULL, by, err);
	if (!rc)
		rc = want_group(&c, group_key, err);
	if (!rc) {
		c.memb = xcalloc((size_t)c.n * MEMB_WORDS, sizeof *c.memb);
		rc = compute(&c, 0, err);
	}
	read_end(db);
	for (int64_t id = 1; !rc && id < c.n; id++) {
		const uint64_t *bits = &c.memb[(size_t)id * MEMB_WORDS];
		int any = 0;
		for (int w = 0; w < MEMB_WORDS; w++)
			any |= bits[w] != 0;
		if (any && cb(arg, id, bits))
			break;
	}
	ctx_free(&c);
	return rc;
}
