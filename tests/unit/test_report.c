/* tests/unit/test_report.c: the reports (core/report/report.c, core/report/period.c). Periods as workers type
 * them, the period before each; and every indicator A-F on a small registry made
 * through core's own save functions, with events on both sides of the period boundaries (the
 * calendar month 2026-11, the month before, and the 人社 statistical month 2026-10-21..11-20), a
 * leap-day birthday, by sex, category and age band; and for every people figure of every group,
 * the list of residents behind it is exactly as long as the figure. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

#include "store/store_int.h"

/* ---- periods ------------------------------------------------------------------------------------ */

static const struct {
	const char *in;
	int kind;
	const char *from, *to, *label;
} periods[] = {
	{ "2026-11", PERIOD_MONTH, "2026-11-01", "2026-11-30", "2026年11月" },
	{ "202611", PERIOD_MONTH, "2026-11-01", "2026-11-30", "2026年11月" },
	{ "2026年11月", PERIOD_MONTH, "2026-11-01", "2026-11-30", "2026年11月" },
	{ "２０２６年２月", PERIOD_MONTH, "2026-02-01", "2026-02-28", "2026年2月" },
	{ "2024-2", PERIOD_MONTH, "2024-02-01", "2024-02-29", "2024年2月" },
	{ "2024/02", PERIOD_MONTH, "2024-02-01", "2024-02-29", "2024年2月" },
	{ "2026-11人社", PERIOD_STAT_MONTH, "2026-10-21", "2026-11-20", "2026年11月(人社统计月)" },
	{ "2026-11s", PERIOD_STAT_MONTH, "2026-10-21", "2026-11-20", "2026年11月(人社统计月)" },
	{ "2026年1月人社", PERIOD_STAT_MONTH, "2025-12-21", "2026-01-20", "2026年1月(人社统计月)" },
	{ "2026Q3", PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026年第3季度" },
	{ "2026q1", PERIOD_QUARTER, "2026-01-01", "2026-03-31", "2026年第1季度" },
	{ "2026年第3季度", PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026年第3季度" },
	{ "2026年第四季度", PERIOD_QUARTER, "2026-10-01", "2026-12-31", "2026年第4季度" },
	{ "2026H1", PERIOD_HALF, "2026-01-01", "2026-06-30", "2026年上半年" },
	{ "2026上半年", PERIOD_HALF, "2026-01-01", "2026-06-30", "2026年上半年" },
	{ "2026年下半年", PERIOD_HALF, "2026-07-01", "2026-12-31", "2026年下半年" },
	{ "2026", PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026年" },
	{ "2026年", PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026年" },
	{ "2026-03-05至2026-04-04", PERIOD_RANGE, "2026-03-05", "2026-04-04", "2026-03-05至2026-04-04" },
	{ "2026年1月1日..2026年10月31日", PERIOD_RANGE, "2026-01-01", "2026-10-31", "2026-01-01至2026-10-31" },
};

static const char *const bad_periods[] = {
	"", "2026-13", "202613", "2026Q5", "2026年第5季度", "2026H3", "下半年", "11月", "1899",
	"2026-11-05", "2026-04-04至2026-03-05", "二〇二六年",
};

static void test_period_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(periods); i++) {
		struct period p;
		struct jy_err err = { 0 };
		int rc = period_parse(periods[i].in, &p, &err);
		if (rc)
			fprintf(stderr, "%s: %s\n", periods[i].in, err.msg);
		assert_int_equal(rc, JY_OK);
		assert_int_equal(p.kind, periods[i].kind);
		assert_string_equal(p.from, periods[i].from);
		assert_string_equal(p.to, periods[i].to);
		assert_string_equal(p.label, periods[i].label);
	}
	for (size_t i = 0; i < ARRAY_LEN(bad_periods); i++) {
		struct period p;
		struct jy_err err = { 0 };
		assert_int_equal(period_parse(bad_periods[i], &p, &err), JY_EINVAL);
		assert_true(err.msg[0] != '\0');
		assert_true(err.field[0] != '\0');
		assert_string_equal(p.from, "");
	}
	/* the message names what is accepted */
	struct period p;
	struct jy_err err = { 0 };
	period_parse("2026Q5", &p, &err);
	assert_non_null(strstr(err.msg, "2026Q3"));
	assert_non_null(strstr(err.msg, "2026上半年"));
	assert_non_null(strstr(err.msg, "人社"));
}

static const struct {
	const char *in, *from, *to, *label;
} prevs[] = {
	{ "2026-11", "2026-10-01", "2026-10-31", "2026年10月" },
	{ "2026-01", "2025-12-01", "2025-12-31", "2025年12月" },
	{ "2024-03", "2024-02-01", "2024-02-29", "2024年2月" },
	{ "2026-11人社", "2026-09-21", "2026-10-20", "2026年10月(人社统计月)" },
	{ "2026-01人社", "2025-11-21", "2025-12-20", "2025年12月(人社统计月)" },
	{ "2026Q3", "2026-04-01", "2026-06-30", "2026年第2季度" },
	{ "2026Q1", "2025-10-01", "2025-12-31", "2025年第4季度" },
	{ "2026H1", "2025-07-01", "2025-12-31", "2025年下半年" },
	{ "2026H2", "2026-01-01", "2026-06-30", "2026年上半年" },
	{ "2026", "2025-01-01", "2025-12-31", "2025年" },
	/* a from-to: as many days just before (31 + 30 days) */
	{ "2026-03-05至2026-04-04", "2026-02-02", "2026-03-04", "2026-02-02至2026-03-04" },
	{ "2024-03-01至2024-03-01", "2024-02-29", "2024-02-29", "2024-02-29至2024-02-29" },
};

static void test_period_prev(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(prevs); i++) {
		struct period p, q;
		assert_int_equal(period_parse(prevs[i].in, &p, NULL), JY_OK);
		period_prev(&p, &q);
		assert_int_equal(q.kind, p.kind);
		assert_string_equal(q.from, prevs[i].from);
		assert_string_equal(q.to, prevs[i].to);
		assert_string_equal(q.label, prevs[i].label);
	}
}

static void test_period_of_range(void **state)
{
	(void)state;
	struct period p;
	struct jy_err err = { 0 };
	assert_int_equal(period_of(PERIOD_STAT_MONTH, "2026-10-21", &p, &err), JY_OK);
	assert_string_equal(p.from, "2026-10-21");
	assert_string_equal(p.to, "2026-11-20");
	assert_int_equal(period_of(PERIOD_STAT_MONTH, "2026-12-25", &p, &err), JY_OK);
	assert_string_equal(p.label, "2027年1月(人社统计月)");
	assert_int_equal(period_of(PERIOD_STAT_MONTH, "2026-11-20", &p, &err), JY_OK);
	assert_string_equal(p.to, "2026-11-20");
	assert_int_equal(period_of(PERIOD_QUARTER, "2026-08-15", &p, &err), JY_OK);
	assert_string_equal(p.label, "2026年第3季度");
	assert_int_equal(period_of(PERIOD_HALF, "2026-07-01", &p, &err), JY_OK);
	assert_string_equal(p.label, "2026年下半年");
	assert_int_equal(period_of(PERIOD_MONTH, "2026-02-30", &p, &err), JY_EINVAL);
	assert_int_equal(period_range("2026年3月5日", "20260404", &p, &err), JY_OK);
	assert_string_equal(p.label, "2026-03-05至2026-04-04");
	assert_int_equal(period_range("2026-04-05", "2026-04-04", &p, &err), JY_EINVAL);
	assert_string_equal(err.field, "截止日期");
	assert_int_equal(report_by_parse("社区"), BY_COMMUNITY);
	assert_int_equal(report_by_parse("sex"), BY_SEX);
	assert_int_equal(report_by_parse("人员类别"), BY_CATEGORY);
	assert_int_equal(report_by_parse("年龄段"), BY_AGE);
	assert_int_equal(report_by_parse(""), BY_NONE);
	assert_int_equal(report_by_parse("职业"), -1);
}

/* ---- the registry of the figures ----------------------------------------------------------------- */

struct fixture {
	char dir[64];
	char path[96];
	struct jy_db *db;
	int64_t r[8];           /* R1 .. R7 */
	int64_t pw, pp;         /* the public-welfare posting of 1 November, the other of 10 October */
};

static int64_t resident(struct jy_db *db, const char *name, const char *birth, char sex, int seq,
                        const char *reg, const char *status, const char *cats, const char *flags)
{
	char id[19];
	idcard_make("330102", birth, seq, sex, id);
	struct resident *r = resident_new();
	resident_set(r, RF_NAME, name);
	resident_set(r, RF_IDNO, id);
	resident_set(r, RF_COMMUNITY, seq % 2 ? "TX0101" : "TX0102");
	resident_set(r, RF_REGDATE, reg);
	resident_set(r, RF_STATUS, status);
	if (cats)
		resident_set(r, RF_CATEGORIES, cats);
	if (flags && strchr(flags, 'b'))
		resident_set(r, RF_BENEFIT, "1");
	if (flags && strchr(flags, 'd'))
		resident_set(r, RF_DIBAO, "1");
	struct jy_err err = { 0 };
	int rc = resident_save(db, r, &err);
	if (rc)
		fprintf(stderr, "%s: %s %s\n", name, err.field, err.msg);
	assert_int_equal(rc, JY_OK);
	int64_t rid = r->id;
	resident_free(&r);
	return rid;
}

static void status(struct jy_db *db, int64_t rid, const char *date, const char *st, const char *form)
{
	struct status_event e = { .resident_id = rid, .date = (char *)date, .status = (char *)st,
	                          .form = (char *)form };
	struct jy_err err = { 0 };
	assert_int_equal(status_event_add(db, &e, &err), JY_OK);
}

static int64_t jobrec(struct jy_db *db, int type, const int *fields, const char *const *values, int n)
{
	struct jobrec *p = jobrec_new(type);
	for (int i = 0; i < n; i++)
		jobrec_set(p, fields[i], values[i]);
	struct jy_err err = { 0 };
	int rc = jobrec_save(db, p, &err);
	if (rc)
		fprintf(stderr, "jobrec: %s: %s\n", err.field, err.msg);
	assert_int_equal(rc, JY_OK);
	int64_t id = p->id;
	jobrec_free(&p);
	return id;
}

static int64_t refer(struct jy_db *db, int64_t rid, int64_t pid, const char *on)
{
	struct referral *r = referral_new();
	r->resident_id = rid;
	r->posting_id = pid;
	r->consent = 1;
	r->referred_on = xstrdup(on);
	struct jy_err err = { 0 };
	int rc = referral_add(db, r, &err);
	if (rc)
		fprintf(stderr, "referral: %s\n", err.msg);
	assert_int_equal(rc, JY_OK);
	int64_t id = r->id;
	referral_free(&r);
	return id;
}

static void advance(struct jy_db *db, int64_t id, const char *stage, const char *date)
{
	struct referral *r = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(referral_load(db, id, &r, &err), JY_OK);
	int rc = referral_advance(db, r, stage, date, NULL, NULL, &err);
	if (rc)
		fprintf(stderr, "advance: %s\n", err.msg);
	assert_int_equal(rc, JY_OK);
	referral_free(&r);
}

static void enrol(struct jy_db *db, int64_t rid, int64_t cid, const char *result, const char *on,
                  const char *passed, const char *in_trade)
{
	struct enrolment *e = enrolment_new();
	e->resident_id = rid;
	e->course_id = cid;
	enrolment_set(e, EF_ENROLLED, "2026-10-15");
	struct jy_err err = { 0 };
	int rc = enrolment_save(db, e, &err);
	if (!rc && result) {
		enrolment_set(e, EF_RESULT, result);
		enrolment_set(e, EF_RESULTON, on);
		enrolment_set(e, EF_PASSED, passed);
		enrolment_set(e, EF_INTRADE, in_trade);
		rc = enrolment_save(db, e, &err);
	}
	if (rc)
		fprintf(stderr, "enrolment: %s %s\n", err.field, err.msg);
	assert_int_equal(rc, JY_OK);
	enrolment_free(&e);
}

/* The registry (R1-R7) and what happened to it, around 2026-11 (see the expected tables). */
static void build(struct fixture *f)
{
	struct jy_db *db = f->db;
	struct jy_err err = { 0 };
	int64_t *r = f->r;
	/* R1: 46, registered in March, back at work on 5 November (单位就业) */
	r[1] = resident(db, "张秀英", "1980-05-10", 'F', 11, "2026-03-01", "10", "LAID_OFF", NULL);
	/* R2: 40 this February, 下岗, on 低保 and benefit; never finds work */
	r[2] = resident(db, "李桂兰", "1986-02-28", 'F', 12, "2025-12-01", "11", "DIBAO", "bd");
	/* R3: a man of 51, registered 25 October, flexible work on 20 November (the statistical
	 * month's last day), no form given */
	r[3] = resident(db, "王建国", "1975-08-08", 'M', 13, "2026-10-25", "10", NULL, NULL);
	/* R4: born on a leap day, registered 21 November (the next statistical month), hired on a
	 * public-welfare post on 25 November */
	r[4] = resident(db, "刘芳", "2004-02-29", 'F', 14, "2026-11-21", "12", NULL, NULL);
	/* R5: 公益性岗位 from 20 October (the day before the statistical month), lost it 10 November,
	 * her own business from 15 November */
	r[5] = resident(db, "陈丽", "1990-01-15", 'F', 15, "2024-01-10", "10", NULL, NULL);
	status(db, r[5], "2026-10-20", "公益性岗位", "公益性岗位安置");
	status(db, r[5], "2026-11-10", "失业", NULL);
	status(db, r[5], "2026-11-15", "自主创业", "个体经营");
	status(db, r[1], "2026-11-05", "已就业", "单位就业");
	status(db, r[3], "2026-11-20", "灵活就业", NULL);
	/* R6 is closed in its own test. R7: born 29 February 1984, 40 only on 29 February 2024 */
	r[7] = resident(db, "周春梅", "1984-02-29", 'F', 17, "2023-01-01", "10", NULL, NULL);

	/* contacts: home visits to R2 (3 November) and R1 (30 October), the kind left to its default;
	 * a phone call to R2 (4 November) and R7's visit to the office (2 November), neither a home
	 * visit; guidance talks (职业指导) with R3 on 10 and 12 November, with R1 on 5 October, named
	 * by label and by another name */
	struct visit v1 = { .resident_id = r[2], .date = "2026-11-03" };
	struct visit v2 = { .resident_id = r[1], .date = "2026-10-30" };
	struct visit v3 = { .resident_id = r[2], .date = "2026-11-04", .kind = "电话" };
	struct visit v4 = { .resident_id = r[7], .date = "2026-11-02", .kind = "来访" };
	struct visit v5 = { .resident_id = r[3], .date = "2026-11-10", .kind = "职业指导" };
	struct visit v6 = { .resident_id = r[3], .date = "2026-11-12", .kind = "就业指导" };
	struct visit v7 = { .resident_id = r[1], .date = "2026-10-05", .kind = "4" };
	struct visit *vs[] = { &v1, &v2, &v3, &v4, &v5, &v6, &v7 };
	for (size_t i = 0; i < ARRAY_LEN(vs); i++)
		assert_int_equal(visit_add(db, vs[i], &err), JY_OK);
	struct certificate c1 = { .resident_id = r[2], .type = "就业创业证", .issue_date = "2026-11-02" };
	struct certificate c2 = { .resident_id = r[1], .type = "明白卡", .issue_date = "2026-10-15" };
	assert_int_equal(certificate_add(db, &c1, &err), JY_OK);
	assert_int_equal(certificate_add(db, &c2, &err), JY_OK);

	/* jobs: a public-welfare posting of 3 posts (1 November), another of 2 (10 October); a fair */
	const int pf[] = { PST_EMPLOYER, PST_TITLE, PST_OPENINGS, PST_PW, PST_POSTED };
	const char *const p1[] = { "E01", "社区保洁员", "3", "1", "2026-11-01" };
	const char *const p2[] = { "E01", "家政服务员", "2", "0", "2026-10-10" };
	int64_t pw = jobrec(db, JR_POSTING, pf, p1, 5), pp = jobrec(db, JR_POSTING, pf, p2, 5);
	f->pw = pw;
	f->pp = pp;
	const int ff[] = { FAIR_NAME, FAIR_DATE, FAIR_EMPLOYERS, FAIR_POSTS, FAIR_VISITORS, FAIR_AGREE,
		           FAIR_AGREE_W };
	const char *const fv[] = { "春风行动招聘会", "2026-11-12", "12", "80", "300", "40", "25" };
	jobrec(db, JR_FAIR, ff, fv, 7);
	advance(db, refer(db, r[4], pw, "2026-11-22"), "hired", "2026-11-25");
	advance(db, refer(db, r[2], pp, "2026-11-05"), "interview", "2026-11-08");

	/* training: a 家政 course 20 October - 1 November; R1 passes (and works in the trade from
	 * 5 November), R2 completes without passing, R3 drops out */
	struct course *c = course_new();
	course_set(c, CF_NAME, "家政服务员培训班");
	course_set(c, CF_SPECIALITY, "家政");
	course_set(c, CF_START, "2026-10-20");
	course_set(c, CF_END, "2026-11-01");
	assert_int_equal(course_save(db, c, &err), JY_OK);
	enrol(db, r[1], c->id, "completed", "2026-11-01", "1", "1");
	enrol(db, r[2], c->id, "completed", "2026-11-01", "0", "0");
	enrol(db, r[3], c->id, "dropped", "2026-10-25", NULL, NULL);
	course_free(&c);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-report-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	/* the demo's communities and employer; its own records fall in 2030, away from 2026 */
	setenv("JIUYE_TODAY", "2030-06-15", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	build(f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(&f->db);
	char *cmd = xasprintf("rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f);
	return 0;
}

static int ind(const char *code)
{
	for (int i = 0; i < report_ninds; i++)
		if (strcmp(report_inds[i].code, code) == 0)
			return i;
	fail_msg("no indicator %s", code);
	return -1;
}

static struct report *compute(struct jy_db *db, const char *period, int by)
{
	struct period p;
	struct report *r = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(period_parse(period, &p, &err), JY_OK);
	int rc = report_compute(db, &p, by, &r, &err);
	if (rc)
		fprintf(stderr, "report: %s\n", err.msg);
	assert_int_equal(rc, JY_OK);
	return r;
}

/* code, this period's num / den, the previous period's num / den (den -1: a count) */
struct expect {
	const char *code;
	long num, den, pnum, pden;
};

static void check(const struct report *r, const struct expect *e, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		int i = ind(e[k].code);
		const struct report_value *v = &r->cur_v[i], *w = &r->prev_v[i];
		if (v->num != e[k].num || (e[k].den >= 0 && v->den != e[k].den) || w->num != e[k].pnum ||
		    (e[k].pden >= 0 && w->den != e[k].pden))
			fail_msg("%s %s: %lld/%lld (before: %lld/%lld), expected %ld/%ld (%ld/%ld)", r->cur.label,
			         e[k].code, (long long)v->num, (long long)v->den, (long long)w->num,
			         (long long)w->den, e[k].num, e[k].den, e[k].pnum, e[k].pden);
	}
}

/* 2026-11 against 2026-10 (the day before: 10-31 and 09-30). Unemployed on 10-31: R1 R2 R3 R7
 * (R5 at work since 10-20); on 11-30: R2 R7. Re-employed in November: R1 (单位就业), R3 (灵活,
 * inferred from the status), R4 (公益性岗位, the hire), R5 (个体经营, after losing her post). */
static const struct expect month[] = {
	{ "A1", 4, -1, 4, -1 },         /* October: R1 R2 R5 R7 on 09-30 */
	{ "A1E", 2, -1, 4, -1 },        /* October: R1 R2 R3 R7 */
	{ "A2", 1, -1, 1, -1 },         /* R4; October R3 */
	{ "A3", 1, -1, 1, -1 },         /* R2 */
	{ "A4-4050", 2, -1, 4, -1 },    /* R2 (40), R7 (42); October also R1 (46) and R3 (a man, 51) */
	{ "A4-DIBAO", 1, -1, 1, -1 },
	{ "A4-LAID_OFF", 0, -1, 1, -1 },
	{ "A5", 4, -1, 1, -1 },         /* October: R5 on 10-20 */
	{ "A6", 4, 5, 1, 5 },           /* 4 / (4 + 1); October 1 / (4 + 1) */
	{ "A7-010", 1, -1, 0, -1 },
	{ "A7-021", 1, -1, 0, -1 },
	{ "A7-022", 1, -1, 0, -1 },
	{ "A7-030", 1, -1, 1, -1 },
	{ "A7-000", 0, -1, 0, -1 },
	/* home visits only: November R2's of 11-03 (not her call of 11-04, nor R7 at the office);
	 * October R1's of 10-30 (not her guidance of 10-05). A8P of those on the register on 11-30
	 * (R2 R7): R2, not R7, who only came to the office; October: R1 of R1 R2 R3 R7 */
	{ "A8", 1, -1, 1, -1 },
	{ "A8P", 1, -1, 1, -1 },
	{ "A8R", 1, 2, 1, 4 },
	{ "B1-01", 1, -1, 0, -1 },
	{ "B1-05", 0, -1, 1, -1 },
	{ "B4N", 1, -1, 0, -1 },        /* R2 holds a 就业创业证 from 11-02 */
	{ "B4", 1, 2, 0, 4 },
	{ "B5", 1, -1, 1, -1 },
	{ "C1", 1, -1, 1, -1 },
	{ "C2", 3, -1, 2, -1 },
	{ "C3", 2, -1, 0, -1 },
	{ "C4", 1, -1, 0, -1 },
	{ "C5", 1, 2, 0, 0 },
	{ "C6", 2, -1, 1, -1 },         /* R3 on 11-10 and 11-12 (人次); October R1 on 10-05 */
	{ "D1", 1, -1, 0, -1 },
	{ "D2", 12, -1, 0, -1 },
	{ "D2P", 80, -1, 0, -1 },
	{ "D3", 300, -1, 0, -1 },
	{ "D4", 40, -1, 0, -1 },
	{ "D4W", 25, -1, 0, -1 },
	{ "D5", 0, -1, 0, -1 },
	{ "E1", 3, -1, 0, -1 },
	{ "E2", 1, -1, 0, -1 },
	{ "E3", 1, 3, 0, 0 },
	{ "F1", 0, -1, 1, -1 },
	{ "F1S", 0, -1, 1, -1 },
	{ "F2", 0, -1, 3, -1 },
	{ "F2W", 0, -1, 2, -1 },
	{ "F3", 0, -1, 3, -1 },
	{ "F4", 0, 0, 2, 3 },
	{ "F5C", 3, -1, 0, -1 },        /* the course ended 11-01 */
	{ "F5", 2, -1, 0, -1 },
	{ "F5R", 2, 3, 0, 0 },
	{ "F6N", 1, -1, 0, -1 },
	{ "F6", 1, 3, 0, 0 },
	{ "F7", 1, -1, 0, -1 },         /* R1, at work from 11-05 */
	{ "F7R", 1, 2, 0, 0 },
	{ "F8", 1, -1, 0, -1 },
};

/* The statistical month 2026-10-21..11-20 (the day before: 10-20, when R5 was at work already)
 * against 09-21..10-20. */
static const struct expect stat_month[] = {
	{ "A1", 3, -1, 4, -1 },         /* R1 R2 R7; before: R1 R2 R5 R7 on 09-20 */
	{ "A1E", 2, -1, 3, -1 },        /* R2 R7 (R3 at work on 11-20); before: R1 R2 R7 on 10-20 */
	{ "A2", 1, -1, 0, -1 },         /* R3 (10-25); R4 (11-21) is the next month's */
	{ "A5", 3, -1, 1, -1 },         /* R1, R3 on the last day, R5; before: R5 on 10-20 */
	{ "A6", 3, 4, 1, 4 },
	{ "A8", 2, -1, 0, -1 },         /* R1's home visit 10-30, R2's 11-03; before: none */
	/* of those on the register on 11-20 (R2 R7), R2 was visited at home; R7 only came to the
	 * office (11-02); before: R1 R2 R7 on 10-20, none visited at home (R1's 10-05 was guidance) */
	{ "A8P", 1, -1, 0, -1 },
	{ "C3", 1, -1, 0, -1 },         /* R2 11-05; R4's of 11-22 is the next month's */
	{ "C6", 2, -1, 1, -1 },         /* R3 11-10 and 11-12; before: R1 10-05 */
	{ "E2", 0, -1, 0, -1 },
};

static void test_month(void **state)
{
	struct fixture *f = *state;
	struct report *r = compute(f->db, "2026-11", BY_NONE);
	assert_string_equal(r->prev.label, "2026年10月");
	assert_int_equal(r->ngroups, 1);
	assert_string_equal(r->group_label[0], "合计");
	check(r, month, ARRAY_LEN(month));
	report_free(&r);
	assert_null(r);
}

static void test_stat_month(void **state)
{
	struct fixture *f = *state;
	struct report *r = compute(f->db, "2026-11人社", BY_NONE);
	assert_string_equal(r->cur.from, "2026-10-21");
	assert_string_equal(r->prev.from, "2026-09-21");
	check(r, stat_month, ARRAY_LEN(stat_month));
	report_free(&r);
}

/* The value of figure code in group key of a grouped report (cur). */
static const struct report_value *value(const struct report *r, const char *key, const char *code)
{
	for (int g = 0; g < r->ngroups; g++)
		if (strcmp(r->group_key[g], key) == 0)
			return &r->cur_v[(size_t)g * (size_t)report_ninds + (size_t)ind(code)];
	fail_msg("no group %s", key);
	return NULL;
}

static void test_groups(void **state)
{
	struct fixture *f = *state;
	struct report *r = compute(f->db, "2026-11", BY_SEX);
	assert_int_equal(r->ngroups, 3);
	assert_string_equal(r->group_label[2], "女");
	assert_int_equal(value(r, "1", "A1")->num, 1);          /* R3 */
	assert_int_equal(value(r, "2", "A1")->num, 3);          /* R1 R2 R7 */
	assert_int_equal(value(r, "1", "A6")->den, 1);
	assert_int_equal(value(r, "2", "A5")->num, 3);          /* R1 R4 R5 */
	assert_true(value(r, "2", "D1")->na);                   /* fairs are not split */
	assert_true(value(r, "2", "E3")->na);                   /* nor what is divided by postings */
	assert_false(value(r, "2", "C5")->na);
	report_free(&r);

	r = compute(f->db, "2026-11", BY_AGE);
	assert_int_equal(value(r, "40-49", "A1")->num, 3);      /* R1 46, R2 40, R7 42 */
	assert_int_equal(value(r, "50-59", "A1")->num, 1);      /* R3 51 */
	assert_int_equal(value(r, "16-24", "A2")->num, 1);      /* R4, 22 */
	assert_int_equal(value(r, "35-39", "A5")->num, 1);      /* R5, 36 */
	report_free(&r);

	r = compute(f->db, "2026-11", BY_CATEGORY);
	assert_int_equal(value(r, "4050", "A1E")->num, 2);      /* R2 R7 by age */
	assert_int_equal(value(r, "4050", "A1")->num, 4);       /* R1 R2 R7 women, R3 a man of 51 */
	assert_int_equal(value(r, "DIBAO", "A1E")->num, 1);
	assert_int_equal(value(r, "LAID_OFF", "A5")->num, 1);   /* R1 */
	report_free(&r);

	r = compute(f->db, "2026-11", BY_COMMUNITY);
	assert_string_equal(r->group_key[1], "TX0101");
	assert_int_equal(value(r, "TX0101", "A1")->num, 3);     /* R1 R3 R7 (odd numbers) */
	assert_int_equal(value(r, "TX0102", "A1")->num, 1);     /* R2 */
	assert_int_equal(value(r, "TX0101", "A1")->num + value(r, "TX0102", "A1")->num +
	                 value(r, "-", "A1")->num + value(r, "TX0103", "A1")->num, 4);
	report_free(&r);
}

/* 4050 follows the birthday: a woman born on 29 February 1984 is 40 on 29 February 2024, not on
 * the 28th (date_age's rule). */
static void test_leap_day(void **state)
{
	struct fixture *f = *state;
	struct report *r = compute(f->db, "2024-02-01至2024-02-28", BY_NONE);
	assert_int_equal(r->cur_v[ind("A1E")].num, 2);          /* R5 and R7 */
	assert_int_equal(r->cur_v[ind("A4-4050")].num, 0);
	report_free(&r);
	r = compute(f->db, "2024-02", BY_NONE);
	assert_int_equal(r->cur_v[ind("A4-4050")].num, 1);
	assert_int_equal(r->prev_v[ind("A4-4050")].num, 0);     /* January */
	report_free(&r);
}

/* ---- the people behind the figures --------------------------------------------------------------- */

struct ids {
	int64_t id[64];
	int n;
};

static int collect(void *arg, int64_t id)
{
	struct ids *s = arg;
	if (s->n < 64)
		s->id[s->n] = id;
	s->n++;
	return 0;
}

/* report_members: the residents of every figure at once, gathered per figure. */
struct members {
	struct ids fig[256];
	int calls;
};

static int collect_members(void *arg, int64_t id, const uint64_t *bits)
{
	struct members *m = arg;
	m->calls++;
	for (int i = 0; i < report_ninds; i++)
		if (bits[i / 64] >> (i % 64) & 1)
			collect(&m->fig[i], id);
	return 0;
}

/* The one pass gives every figure's list exactly as report_people gives it alone: the same
 * residents in the same order, nobody for a figure that counts no residents. */
static void members_match(struct jy_db *db, const struct report *r, int by, int g)
{
	static struct members m;
	memset(&m, 0, sizeof m);
	struct jy_err err = { 0 };
	assert_true(report_ninds <= (int)ARRAY_LEN(m.fig));
	assert_int_equal(report_members(db, &r->cur, by, r->group_key[g], collect_members, &m, &err),
	                 JY_OK);
	for (int i = 0; i < report_ninds; i++) {
		struct ids s = { .n = 0 };
		if (report_inds[i].people)
			assert_int_equal(report_people(db, &r->cur, by, r->group_key[g], i, collect, &s, &err),
			                 JY_OK);
		if (m.fig[i].n != s.n)
			fail_msg("%s by %d, %s %s: %d in the one pass, %d alone", r->cur.label, by,
			         report_inds[i].code, r->group_label[g], m.fig[i].n, s.n);
		for (int j = 0; j < s.n && j < 64; j++)
			assert_true(m.fig[i].id[j] == s.id[j]);
	}
}

static void people_match(struct jy_db *db, const char *period, int by)
{
	struct report *r = compute(db, period, by);
	for (int g = 0; g < r->ngroups; g++)
		members_match(db, r, by, g);
	for (int i = 0; i < report_ninds; i++) {
		if (!report_inds[i].people)
			continue;
		for (int g = 0; g < r->ngroups; g++) {
			struct ids s = { .n = 0 };
			struct jy_err err = { 0 };
			assert_int_equal(report_people(db, &r->cur, by, r->group_key[g], i, collect, &s, &err),
			                 JY_OK);
			if (s.n != r->cur_v[(size_t)g * (size_t)report_ninds + (size_t)i].num)
				fail_msg("%s by %d, %s %s: %d people, figure %lld", period, by, report_inds[i].code,
				         r->group_label[g], s.n,
				         (long long)r->cur_v[(size_t)g * (size_t)report_ninds + (size_t)i].num);
			for (int j = 1; j < s.n && j < 64; j++)
				assert_true(s.id[j - 1] < s.id[j]);     /* registration order, once each */
		}
	}
	report_free(&r);
}

static int stop_at_first(void *arg, int64_t id, const uint64_t *bits)
{
	(void)id;
	(void)bits;
	++*(int *)arg;
	return 1;
}

static void test_people(void **state)
{
	struct fixture *f = *state;
	static const char *const ps[] = { "2026-11", "2026-10", "2026-11人社", "2026Q4", "2026" };
	for (size_t k = 0; k < ARRAY_LEN(ps); k++)
		for (int by = BY_NONE; by <= BY_AGE; by++)
			people_match(f->db, ps[k], by);

	struct period p;
	struct ids s = { .n = 0 };
	struct jy_err err = { 0 };
	period_parse("2026-11", &p, NULL);
	assert_int_equal(report_people(f->db, &p, BY_NONE, "", ind("A5"), collect, &s, &err), JY_OK);
	assert_int_equal(s.n, 4);
	assert_true(s.id[0] == f->r[1] && s.id[1] == f->r[3] && s.id[2] == f->r[4] && s.id[3] == f->r[5]);
	s.n = 0;
	assert_int_equal(report_people(f->db, &p, BY_SEX, "1", ind("A5"), collect, &s, &err), JY_OK);
	assert_int_equal(s.n, 1);
	assert_true(s.id[0] == f->r[3]);
	/* rates and person-times have no list; an unknown group is refused */
	assert_int_equal(report_people(f->db, &p, BY_NONE, "", ind("A6"), collect, &s, &err), JY_EINVAL);
	assert_int_equal(report_people(f->db, &p, BY_NONE, "", ind("C3"), collect, &s, &err), JY_EINVAL);
	assert_int_equal(report_people(f->db, &p, BY_SEX, "3", ind("A5"), collect, &s, &err), JY_EINVAL);
	assert_int_equal(report_members(f->db, &p, BY_SEX, "3", collect_members, NULL, &err), JY_EINVAL);
	/* the callback stops the pass */
	int calls = 0;
	assert_int_equal(report_members(f->db, &p, BY_NONE, "", stop_at_first, &calls, &err), JY_OK);
	assert_int_equal(calls, 1);
}

/* A closed record counts until the day it was closed (today, whatever today is). */
static void test_closed(void **state)
{
	struct fixture *f = *state;
	int64_t r6 = resident(f->db, "赵敏", "1966-09-01", 'F', 16, "2025-05-05", "10", NULL, NULL);
	struct report *r = compute(f->db, "2025", BY_NONE);
	long before = (long)r->cur_v[ind("A1E")].num;
	report_free(&r);
	r = compute(f->db, "2100", BY_NONE);
	long later = (long)r->cur_v[ind("A1E")].num;
	report_free(&r);
	struct jy_err err = { 0 };
	assert_int_equal(resident_close(f->db, r6, 1, CLOSING("迁出"), &err), JY_OK);
	r = compute(f->db, "2025", BY_NONE);
	assert_int_equal(r->cur_v[ind("A1E")].num, before);     /* still counted in 2025 */
	report_free(&r);
	r = compute(f->db, "2100", BY_NONE);
	assert_int_equal(r->cur_v[ind("A1E")].num, later - 1);  /* gone once closed */
	report_free(&r);
	people_match(f->db, "2025", BY_AGE);
}

/* A worker's note is only a note: a move into work whose note she typed as "registered" (the word
 * a registration's own event carried before 010_kinds.sql) is a move into work like any other.
 * Each resident is registered unemployed on 2024-03-01 and moves into work on the day given; no
 * one else of the registry moves in 2024 (R5 and R7 stay unemployed until 2026, the demo's records
 * are of 2030), so A5 of that month is 1: she was without work on its day before, in work after. */
static const struct {
	const char *date, *note, *period;
	long a5;
} noted[] = {
	{ "2024-06-10", "registered", "2024-06", 1 },
	{ "2024-08-01", NULL, "2024-08", 1 },
	{ "2024-09-30", "registered", "2024-09", 1 },   /* the month's last day */
	{ "2024-11-15", "已登记", "2024-11", 1 },
};

/* A resident's status events, newest first, as status_event_each gives them. */
struct seen {
	int n;
	int registration[4];
	char note[4][32];
};

static int seen_event(void *arg, const struct status_event *e)
{
	struct seen *s = arg;
	if (s->n < 4) {
		s->registration[s->n] = e->registration;
		snprintf(s->note[s->n], sizeof s->note[s->n], "%s", e->note ? e->note : "(none)");
	}
	s->n++;
	return 0;
}

static long a5_of(struct jy_db *db, const char *period)
{
	struct report *r = compute(db, period, BY_NONE);
	long n = (long)r->cur_v[ind("A5")].num;
	report_free(&r);
	return n;
}

static void test_noted_registered(void **state)
{
	struct fixture *f = *state;
	for (size_t i = 0; i < ARRAY_LEN(noted); i++) {
		int seq = 30 + 2 * (int)i;
		int64_t rid = resident(f->db, "孙小梅", "1985-04-04", 'F', seq, "2024-03-01", "10",
		                       NULL, NULL);
		struct status_event e = { .resident_id = rid, .date = (char *)noted[i].date,
		                          .status = "已就业", .form = "单位就业",
		                          .note = (char *)noted[i].note };
		struct jy_err err = { 0 };
		assert_int_equal(status_event_add(f->db, &e, &err), JY_OK);
		long a5 = a5_of(f->db, noted[i].period);
		if (a5 != noted[i].a5)
			fail_msg("%s, noted \"%s\": A5 %ld, expected %ld", noted[i].date,
			         noted[i].note ? noted[i].note : "", a5, noted[i].a5);
		people_match(f->db, noted[i].period, BY_NONE);
		/* the move keeps her note as typed; the registration is hers and has none */
		struct seen s = { 0 };
		assert_int_equal(status_event_each(f->db, rid, seen_event, &s, &err), JY_OK);
		assert_int_equal(s.n, 2);
		assert_int_equal(s.registration[0], 0);
		assert_string_equal(s.note[0], noted[i].note ? noted[i].note : "(none)");
		assert_int_equal(s.registration[1], 1);
		assert_string_equal(s.note[1], "(none)");
	}
}

/* A registry written before 010_kinds.sql (schema 9): each resident's registration noted
 * 'registered', as resident_save wrote it then; 孙小梅's move into work on 2024-06-10 that a worker
 * noted "registered" too; 钱小红's flexible work on 2024-07-01 with a note of the worker's own. */
#define KINDS_VERSION 10
static const char old_rows[] =
	"INSERT INTO resident(id, reg_no, name, id_no, sex, birth, status, reg_date, created_at, "
	"  created_by, updated_at, updated_by) VALUES "
	"(1, 'R-000001', '孙小梅', '%s', '2', '1985-04-04', '20', '2024-03-01', "
	"  '%s', 'w', '%s', 'w'), "
	"(2, 'R-000002', '钱小红', '%s', '2', '1986-05-05', '21', '2024-04-01', "
	"  '%s', 'w', '%s', 'w');"
	"INSERT INTO status_event(id, resident_id, date, status, form, note, created_at, "
	"  created_by) VALUES "
	"(1, 1, '2024-03-01', '10', NULL, 'registered', '%s', 'w'), "
	"(2, 2, '2024-04-01', '10', NULL, 'registered', '%s', 'w'), "
	"(3, 1, '2024-06-10', '20', '010', 'registered', '%s', 'w'), "
	"(4, 2, '2024-07-01', '21', NULL, '找到零工', '%s', 'w');";

/* what the migration makes of each event, by id */
static const struct {
	const char *kind, *note;
} migrated[] = {
	{ "registration", NULL },
	{ "registration", NULL },
	{ "change", "registered" },     /* the worker's note, kept */
	{ "change", "找到零工" },
};

static void test_kinds_migrated(void **state)
{
	(void)state;
	char dir[] = "/tmp/jy-kinds-XXXXXX", path[64];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/old.db", dir);
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	for (int v = 1; v < KINDS_VERSION; v++)
		assert_int_equal(sqlite3_exec(h, jy_asset_migrations[v - 1], NULL, NULL, NULL),
		                 SQLITE_OK);
	char id1[19], id2[19];
	idcard_make("330102", "1985-04-04", 41, 'F', id1);
	idcard_make("330102", "1986-05-05", 42, 'F', id2);
	const char *t = "2024-03-01T09:00:00+08:00";
	char *rows = xasprintf(old_rows, id1, t, t, id2, t, t, t, t, t, t);
	assert_int_equal(sqlite3_exec(h, rows, NULL, NULL, NULL), SQLITE_OK);
	free(rows);
	char *pragma = xasprintf("PRAGMA user_version = %d", KINDS_VERSION - 1);
	assert_int_equal(sqlite3_exec(h, pragma, NULL, NULL, NULL), SQLITE_OK);
	free(pragma);
	sqlite3_close(h);

	struct jy_db *db = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(db_open(path, 0, &db, &err), JY_OK);
	assert_true(db_schema_version(db) >= KINDS_VERSION);
	sqlite3_stmt *st = NULL;
	const char *sql = "SELECT id, kind, note FROM status_event ORDER BY id";
	assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
	size_t n = 0;
	for (; sqlite3_step(st) == SQLITE_ROW; n++) {
		assert_true(n < ARRAY_LEN(migrated));
		assert_int_equal(sqlite3_column_int64(st, 0), (int64_t)n + 1);
		assert_string_equal((const char *)sqlite3_column_text(st, 1), migrated[n].kind);
		const char *note = (const char *)sqlite3_column_text(st, 2);
		if (migrated[n].note)
			assert_string_equal(note, migrated[n].note);
		else
			assert_int_equal(sqlite3_column_type(st, 2), SQLITE_NULL);
	}
	sqlite3_finalize(st);
	assert_int_equal(n, ARRAY_LEN(migrated));
	/* and the reports count both moves into work: 孙小梅 in June, 钱小红 in July */
	assert_int_equal(a5_of(db, "2024-06"), 1);
	assert_int_equal(a5_of(db, "2024-07"), 1);
	db_close(&db);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	struct jy_buf b = { 0 };
	char chunk[4096];
	size_t n;
	buf_adds(&b, "");
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_addf(&b, "%.*s", (int)n, chunk);
	fclose(fp);
	return b.s;
}

/* The lines of s, \r\n or \n ended, in place. */
static int split_lines(char *s, char **line, int max)
{
	int n = 0;
	for (char *save = NULL, *l = strtok_r(s, "\n", &save); l && n < max; l = strtok_r(NULL, "\n", &save)) {
		size_t len = strlen(l);
		if (len && l[len - 1] == '\r')
			l[len - 1] = '\0';
		line[n++] = l;
	}
	return n;
}

/* The file with the people lists: 人员明细 has each resident once and, for each figure with anyone
 * behind it, a column with a 1 for each resident it counts (as many as the figure); a figure of
 * few people has its own list too; the text has a list per figure. */
static void test_write(void **state)
{
	struct fixture *f = *state;
	struct report *r = compute(f->db, "2026-11", BY_SEX);
	char path[160];
	struct jy_err err = { 0 };
	snprintf(path, sizeof path, "%s/r.csv", f->dir);
	assert_int_equal(report_write(f->db, r, path, SHEET_CSV, REPORT_WITH_PEOPLE, "核对报表", &err), JY_OK);
	char *csv = slurp(path), *line[512];
	assert_non_null(strstr(csv, "\n人员明细\r\n"));
	assert_non_null(strstr(csv, "\nA5 实现再就业人数\r\n"));        /* its own list */
	int n = split_lines(csv, line, 512), head = -1;
	for (int i = 0; i < n && head < 0; i++)
		if (strncmp(line[i], "登记编号,姓名,身份证号,性别,年龄,社区,", strlen("登记编号,姓名,身份证号,性别,年龄,社区,")) == 0)
			head = i;
	assert_true(head >= 0);
	char *cols[128];
	int ncols = 0;
	for (char *save = NULL, *c = strtok_r(line[head], ",", &save); c && ncols < 128;
	     c = strtok_r(NULL, ",", &save))
		cols[ncols++] = c;
	int count[128] = { 0 }, rows = 0;
	char seen[64][24];
	for (int i = head + 1; i < n && line[i][0] && strncmp(line[i], "登记编号", 12) != 0 &&
	     strchr(line[i], ','); i++, rows++) {
		char *cell[128];
		int nc = 0;
		for (char *p = line[i];; p++) {         /* empty cells too */
			cell[nc++] = p;
			p = strchr(p, ',');
			if (!p || nc == 128)
				break;
			*p = '\0';
		}
		assert_int_equal(nc, ncols);
		assert_true(rows < 64);
		for (int j = 0; j < rows; j++)
			assert_string_not_equal(seen[j], cell[0]);      /* each resident once */
		snprintf(seen[rows], sizeof seen[rows], "%s", cell[0]);
		for (int c = 6; c < nc; c++) {
			assert_true(strcmp(cell[c], "1") == 0 || cell[c][0] == '\0');
			count[c] += cell[c][0] == '1';
		}
	}
	assert_true(rows > 0);
	for (int c = 6; c < ncols; c++) {
		char code[32];
		snprintf(code, sizeof code, "%.*s", (int)strcspn(cols[c], " "), cols[c]);
		int i = ind(code);
		assert_true(report_inds[i].people);
		if (count[c] != r->cur_v[i].num || count[c] == 0)
			fail_msg("%s: %d ones, figure %lld", cols[c], count[c], (long long)r->cur_v[i].num);
	}
	for (int i = 0; i < report_ninds; i++) {       /* and every figure with people has a column */
		int has = 0;
		for (int c = 6; c < ncols; c++)
			has |= strncmp(cols[c], report_inds[i].code, strlen(report_inds[i].code)) == 0 &&
			       cols[c][strlen(report_inds[i].code)] == ' ';
		assert_int_equal(has, report_inds[i].people && r->cur_v[i].num > 0);
	}
	free(csv);

	snprintf(path, sizeof path, "%s/r.txt", f->dir);
	assert_int_equal(report_write(f->db, r, path, REPORT_TEXT, REPORT_WITH_PEOPLE, "核对报表", &err), JY_OK);
	char *txt = slurp(path);
	assert_non_null(strstr(txt, "A5 实现再就业人数：2026年11月，4人"));
	free(txt);
	report_free(&r);
}

/* ---- A9, B2/B3, C8, E4, F1Q, F9-F11: the indicators counted from the profile, notices, post
 * subsidies and the courses' categories, subsidies and terms ------------------------------------ */

static void profile(struct jy_db *db, const char *unit, const char *on, int64_t b, int64_t e,
                    int64_t h, int64_t p)
{
	struct unit_profile u = { .buildings = b, .entrances = e, .households = h, .population = p };
	snprintf(u.as_of, sizeof u.as_of, "%s", on);
	struct jy_err err = { 0 };
	int rc = unit_profile_set(db, unit, &u, &err);
	if (rc)
		fprintf(stderr, "profile: %s\n", err.msg);
	assert_int_equal(rc, JY_OK);
}

static int64_t course_add(struct jy_db *db, const char *name, const char *spec, const char *cat,
                          const char *term, const char *start, const char *end, const char *subsidy,
                          const char *outside)
{
	struct course *c = course_new();
	course_set(c, CF_NAME, name);
	course_set(c, CF_SPECIALITY, spec);
	course_set(c, CF_CATEGORY, cat);
	course_set(c, CF_TERM, term);
	course_set(c, CF_START, start);
	course_set(c, CF_END, end);
	course_set(c, CF_SUBSIDY, subsidy);
	course_set(c, CF_OUTSIDE, outside);
	struct jy_err err = { 0 };
	int rc = course_save(db, c, &err);
	if (rc)
		fprintf(stderr, "course: %s %s\n", err.field, err.msg);
	assert_int_equal(rc, JY_OK);
	int64_t id = c->id;
	course_free(&c);
	return id;
}

static int64_t hire_pw(struct jy_db *db, int64_t rid, int64_t pw, const char *on, const char *hired)
{
	advance(db, refer(db, rid, pw, on), "hired", hired);
	int64_t id = 0;
	struct jy_err err = { 0 };
	assert_int_equal(placement_active(db, rid, &id, &err), JY_OK);
	return id;
}

static void test_more_indicators(void **state)
{
	struct fixture *f = *state;
	struct jy_db *db = f->db;
	int64_t *r = f->r;
	struct jy_err err = { 0 };
	/* A9: 幸福里 (TX0101) counted on 30 June (46 栋, 122 门栋, 1589 户, 3856 人) and again on
	 * 15 November, households only (1600); 建设 (TX0102) first on 1 December, after November;
	 * the street's own count (TX01) is not its communities' sum and is not added. */
	profile(db, "TX0101", "2026-06-30", 46, 122, 1589, 3856);
	profile(db, "TX0101", "2026-11-15", -1, -1, 1600, -1);
	profile(db, "TX0102", "2026-12-01", 10, 30, 400, 1000);
	profile(db, "TX01", "2026-01-01", -1, -1, -1, 9999);
	/* B2/B3: R3 a 再就业优惠证 on 10 November and a 明白卡 on 12 November, R5 a 明白卡 on the
	 * month's last day, R7 one on 1 December; R1's 明白卡 of 15 October is the fixture's */
	struct certificate c3 = { .resident_id = r[3], .type = "再就业优惠证", .issue_date = "2026-11-10" };
	struct certificate c4 = { .resident_id = r[3], .type = "明白卡", .issue_date = "2026-11-12" };
	struct certificate c5 = { .resident_id = r[5], .type = "明白卡", .issue_date = "2026-11-30" };
	struct certificate c7 = { .resident_id = r[7], .type = "明白卡", .issue_date = "2026-12-01" };
	assert_int_equal(certificate_add(db, &c3, &err), JY_OK);
	assert_int_equal(certificate_add(db, &c4, &err), JY_OK);
	assert_int_equal(certificate_add(db, &c5, &err), JY_OK);
	assert_int_equal(certificate_add(db, &c7, &err), JY_OK);
	/* C8: the public-welfare posting (collected 1 November) 公示 on 1 November, 电话通知 on the
	 * 5th and the 30th, 招聘专栏 on 1 December; the other (10 October) 入户告知 on 31 October */
	assert_int_equal(posting_notice_add(db, f->pw, "公示", "2026-11-01", NULL, NULL, &err), JY_OK);
	assert_int_equal(posting_notice_add(db, f->pw, "电话通知", "2026-11-05", "逐户电话", NULL, &err), JY_OK);
	assert_int_equal(posting_notice_add(db, f->pw, "2", "2026-11-30", NULL, NULL, &err), JY_OK);
	assert_int_equal(posting_notice_add(db, f->pw, "招聘专栏", "2026-12-01", NULL, NULL, &err), JY_OK);
	assert_int_equal(posting_notice_add(db, f->pp, "入户告知", "2026-10-31", NULL, NULL, &err), JY_OK);
	/* refused, nothing saved: a channel not in the list (the message names those accepted), a
	 * day before the posting was collected */
	assert_int_equal(posting_notice_add(db, f->pp, "广播", "2026-11-02", NULL, NULL, &err), JY_EINVAL);
	assert_string_equal(err.field, "通知渠道");
	assert_non_null(strstr(err.msg, "招聘专栏"));
	assert_int_equal(posting_notice_add(db, f->pp, "公示", "2026-10-09", NULL, NULL, &err), JY_EINVAL);
	assert_string_equal(err.field, "通知日期");
	/* E4: R4 hired on the public-welfare post on 25 November (the fixture's), 1800 元 a month,
	 * November paid on the 30th, December on 5 December; R7 hired on it on 3 November, 1500 元 a
	 * month, November paid on the 20th with 750.50 元 (half a month) */
	int64_t pl4, pl7 = hire_pw(db, r[7], f->pw, "2026-11-02", "2026-11-03");
	assert_int_equal(placement_active(db, r[4], &pl4, &err), JY_OK);
	assert_int_equal(placement_subsidy_set(db, pl4, 180000, &err), JY_OK);
	assert_int_equal(placement_subsidy_set(db, pl7, 150000, &err), JY_OK);
	assert_int_equal(placement_subsidy_pay(db, pl4, "2026-11", "2026-11-30", 0, &err), JY_OK);
	assert_int_equal(placement_subsidy_pay(db, pl4, "2026年12月", "2026-12-05", 0, &err), JY_OK);
	assert_int_equal(placement_subsidy_pay(db, pl7, "202611", "2026-11-20", 75050, &err), JY_OK);
	/* a month paid twice, a month before the placement started: refused */
	assert_int_equal(placement_subsidy_pay(db, pl7, "2026-11", "2026-11-21", 0, &err), JY_EDUP);
	assert_int_equal(placement_subsidy_pay(db, pl7, "2026-10", "2026-11-21", 0, &err), JY_EINVAL);
	assert_string_equal(err.field, "补贴月份");
	/* F: 月嫂 第3期 in two classes (2 and 3 November; 失业人员培训; 800 元 a head), 养老护理 第3期
	 * (10 November, 农村转移培训, 1200 元, run outside: 外送). The first class ends on 20 November:
	 * R3 and R5 complete, R7 drops out; the second ends in December (R2 enrolled); 养老护理 ends
	 * on 25 November, R1 completes, R4 does not (yet). The fixture's 家政 course (no term, no
	 * category, no subsidy) started 20 October and ended 1 November with R1 and R2 completing. */
	int64_t ka = course_add(db, "月嫂培训班一班", "月嫂", "失业人员培训", "3", "2026-11-02", "2026-11-20",
	                        "800", "否");
	int64_t kb = course_add(db, "月嫂培训班二班", "月嫂", "失业人员培训", "3", "2026-11-03", "2026-12-10",
	                        "800", NULL);
	int64_t kc = course_add(db, "养老护理培训班", "养老护理", "农村转移培训", "3", "2026-11-10",
	                        "2026-11-25", "1200", "是");
	enrol(db, r[3], ka, "completed", "2026-11-20", "1", NULL);
	enrol(db, r[5], ka, "completed", "2026-11-20", "1", NULL);
	enrol(db, r[7], ka, "dropped", "2026-11-10", NULL, NULL);
	enrol(db, r[2], kb, NULL, NULL, NULL, NULL);
	enrol(db, r[1], kc, "completed", "2026-11-25", "1", NULL);
	enrol(db, r[4], kc, NULL, NULL, NULL, NULL);

	static const struct expect want[] = {
		{ "A9B", 46, -1, 46, -1 },      /* 幸福里's June count; 建设 only from December */
		{ "A9E", 122, -1, 122, -1 },
		{ "A9H", 1600, -1, 1589, -1 },  /* the count of 15 November; October still June's */
		{ "A9P", 3856, -1, 3856, -1 },  /* not the street's 9999 */
		{ "B2", 1, -1, 0, -1 },         /* R3 */
		{ "B3", 2, -1, 1, -1 },         /* R3, R5 (the last day); October R1 */
		{ "B1-05", 2, -1, 1, -1 },      /* the same people as B3 */
		{ "C8", 3, -1, 1, -1 },         /* 11-01, 11-05, 11-30; October the 入户告知 */
		{ "C8-1", 1, -1, 0, -1 },
		{ "C8-2", 2, -1, 0, -1 },
		{ "C8-3", 0, -1, 1, -1 },
		{ "C8-4", 0, -1, 0, -1 },       /* 1 December */
		{ "E4", 255050, -1, 0, -1 },    /* 1800.00 + 750.50 元 = 2550.50 元, in fen */
		{ "E4P", 2, -1, 0, -1 },        /* R4, R7 */
		{ "F1", 3, -1, 1, -1 },         /* three classes started; October the 家政 course */
		{ "F1Q", 2, -1, 1, -1 },        /* 月嫂 第3期 (two classes), 养老护理 第3期; October 家政 */
		{ "F2", 6, -1, 3, -1 },         /* R3 R5 R7 R2 R1 R4; October R1 R2 R3 */
		{ "F9", 280000, -1, 0, -1 },    /* 800 × 2 (R3, R5) + 1200 × 1 (R1) + 家政 0 × 2 = 2800 元 */
		{ "F10", 2, -1, 0, -1 },        /* R1, R4 in the outside course */
		{ "F11-1", 4, -1, 0, -1 },      /* R3 R5 R7 (dropped out, trained all the same), R2 */
		{ "F11-2", 0, -1, 0, -1 },
		{ "F11-3", 2, -1, 0, -1 },      /* R1, R4 */
		{ "F11-4", 0, -1, 0, -1 },
	};
	struct report *rep = compute(db, "2026-11", BY_NONE);
	check(rep, want, ARRAY_LEN(want));
	report_free(&rep);

	/* by community: A9 is each community's own (R's communities: odd sequence numbers 幸福里);
	 * by sex: A9 and C8 cannot be split, E4 and F9 follow the resident (R3 a man: 800 元) */
	rep = compute(db, "2026-11", BY_COMMUNITY);
	int g1 = -1, g2 = -1;
	for (int g = 0; g < rep->ngroups; g++) {
		if (strcmp(rep->group_key[g], "TX0101") == 0)
			g1 = g;
		if (strcmp(rep->group_key[g], "TX0102") == 0)
			g2 = g;
	}
	assert_true(g1 > 0 && g2 > 0);
	assert_int_equal(rep->cur_v[(size_t)g1 * report_ninds + ind("A9H")].num, 1600);
	assert_int_equal(rep->cur_v[(size_t)g2 * report_ninds + ind("A9H")].num, 0);
	assert_false(rep->cur_v[(size_t)g2 * report_ninds + ind("A9H")].na);
	report_free(&rep);
	rep = compute(db, "2026-11", BY_SEX);
	assert_true(rep->cur_v[1 * report_ninds + ind("A9H")].na);
	assert_true(rep->cur_v[2 * report_ninds + ind("C8")].na);
	assert_int_equal(rep->cur_v[1 * report_ninds + ind("F9")].num, 80000);         /* 男: R3 */
	assert_int_equal(rep->cur_v[2 * report_ninds + ind("F9")].num, 200000);        /* 女: R5, R1 */
	assert_int_equal(rep->cur_v[2 * report_ninds + ind("E4")].num, 255050);
	assert_int_equal(rep->cur_v[1 * report_ninds + ind("E4")].num, 0);
	report_free(&rep);

	/* the people behind F10 and E4P */
	struct period p;
	assert_int_equal(period_parse("2026-11", &p, &err), JY_OK);
	int64_t *ids = NULL;
	size_t n = 0;
	assert_int_equal(report_people_ids(db, &p, BY_NONE, "", ind("F10"), &ids, &n, &err), JY_OK);
	assert_int_equal(n, 2);
	assert_true(ids[0] == r[1] && ids[1] == r[4]);
	free(ids);
	assert_int_equal(report_people_ids(db, &p, BY_NONE, "", ind("E4P"), &ids, &n, &err), JY_OK);
	assert_int_equal(n, 2);
	assert_true(ids[0] == r[4] && ids[1] == r[7]);
	free(ids);
}

/* ---- the sums over records split by the group the record has, and D5 through the form and file --- */

static int64_t gv(const struct report *r, const char *key, const char *code)
{
	for (int g = 0; g < r->ngroups; g++)
		if (strcmp(r->group_key[g], key) == 0) {
			const struct report_value *v = &r->cur_v[(size_t)g * report_ninds + ind(code)];
			return v->na ? -1 : v->num;
		}
	fail_msg("no group %s", key);
	return -2;
}

static void test_split(void **state)
{
	struct fixture *f = *state;
	struct jy_db *db = f->db;
	int64_t *r = f->r;
	struct jy_err err = { 0 };
	/* The fixture: the public-welfare posting of 1 November (3 posts, no community), the other of
	 * 10 October, the fair 春风行动招聘会 of 12 November (no street, no type: 12 employers, 80
	 * posts, 300 visitors, 40 agreements of which 25 women's). Added: a public-welfare posting of
	 * 4 posts collected by 幸福里 (TX0101, street 城南 TX01) on 3 November from that fair (named on
	 * the form); a posting of 5 posts collected by 新华 (TX0201, street 城北 TX02) on 4 November,
	 * its fair given by its code in a file; a 关注妇女就业专场 of 城北 on 20 November (5
	 * employers, 30 posts, 100 visitors, 10 agreements, 8 women's). */
	const int pf[] = { PST_EMPLOYER, PST_TITLE, PST_OPENINGS, PST_PW, PST_POSTED, PST_COMMUNITY,
		           PST_FAIR };
	const char *const p3[] = { "E01", "社区养老护理员", "4", "1", "2026-11-03", "幸福里社区",
		                   "春风行动招聘会" };
	int64_t id3 = jobrec(db, JR_POSTING, pf, p3, 7);
	const char *const bad[] = { "E01", "收银员", "1", "0", "2026-11-03", "幸福里社区", "秋季招聘会" };
	struct jobrec *b = jobrec_new(JR_POSTING);
	for (int i = 0; i < 7; i++)
		jobrec_set(b, pf[i], bad[i]);
	assert_int_equal(jobrec_save(db, b, &err), JY_EINVAL);     /* a fair of no record */
	assert_string_equal(err.field, "招聘会");
	jobrec_free(&b);
	char code[64] = "", path[128];
	sqlite3_stmt *st = db_prepare(db, "SELECT code FROM fair WHERE name = '春风行动招聘会'", &err);
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	db_col_copy(st, 0, code, sizeof code);
	sqlite3_reset(st);
	snprintf(path, sizeof path, "%s/jobs.csv", f->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "用人单位,岗位名称,招聘人数,发布日期,收集社区,招聘会\nE01,超市理货员,5,2026-11-04,新华社区,%s\n",
	        code);
	fclose(fp);
	struct import_result res = { 0 };
	assert_int_equal(import_jobs(db, path, NULL, 0, NULL, NULL, &res, &err), JY_OK);
	assert_int_equal(res.added, 1);
	st = db_prepare(db, "SELECT id FROM posting WHERE title = '超市理货员'", &err);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t id4 = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	const int ff[] = { FAIR_NAME, FAIR_DATE, FAIR_KIND, FAIR_STREET, FAIR_EMPLOYERS, FAIR_POSTS,
		           FAIR_VISITORS, FAIR_AGREE, FAIR_AGREE_W };
	const char *const fv[] = { "女性专场招聘会", "2026-11-20", "关注妇女就业专场", "城北街道", "5", "30",
		                   "100", "10", "8" };
	jobrec(db, JR_FAIR, ff, fv, 9);
	/* D5: R2 hired through the first (6 November), R7 through the second (12 November); the
	 * fixture's hire of R4 is on a posting of no fair */
	advance(db, refer(db, r[2], id3, "2026-11-05"), "hired", "2026-11-06");
	advance(db, refer(db, r[7], id4, "2026-11-10"), "hired", "2026-11-12");
	assert_int_equal(posting_notice_add(db, id3, "公示", "2026-11-05", NULL, NULL, &err), JY_OK);
	assert_int_equal(posting_notice_add(db, id4, "电话通知", "2026-11-06", NULL, NULL, &err), JY_OK);

	static const struct expect want[] = {
		{ "C1", 3, -1, 1, -1 },         /* the fixture's of 1 November and the two; October one */
		{ "C2", 12, -1, 2, -1 },        /* 3 + 4 + 5 */
		{ "E1", 7, -1, 0, -1 },         /* 3 + 4 */
		{ "C8", 2, -1, 0, -1 },
		{ "D1", 2, -1, 0, -1 },
		{ "D1-01", 0, -1, 0, -1 },
		{ "D1-02", 1, -1, 0, -1 },      /* the 专场 */
		{ "D1-99", 1, -1, 0, -1 },      /* the fixture's fair, of no type */
		{ "D2", 17, -1, 0, -1 },        /* 12 + 5 */
		{ "D3", 400, -1, 0, -1 },
		{ "D4W", 33, -1, 0, -1 },       /* 25 + 8 */
		{ "D5", 2, -1, 0, -1 },         /* R2, R7 */
	};
	struct report *rep = compute(db, "2026-11", BY_NONE);
	check(rep, want, ARRAY_LEN(want));
	report_free(&rep);

	/* by community: each posting in its community's column, the fixture's in 未填社区; the fairs,
	 * a street's, cannot be split by community */
	rep = compute(db, "2026-11", BY_COMMUNITY);
	assert_int_equal(gv(rep, "TX0101", "C1"), 1);
	assert_int_equal(gv(rep, "TX0101", "C2"), 4);
	assert_int_equal(gv(rep, "TX0101", "E1"), 4);
	assert_int_equal(gv(rep, "TX0201", "C2"), 5);
	assert_int_equal(gv(rep, "TX0201", "E1"), 0);
	assert_int_equal(gv(rep, "TX0102", "C1"), 0);
	assert_int_equal(gv(rep, "-", "C1"), 1);
	assert_int_equal(gv(rep, "-", "C2"), 3);
	assert_int_equal(gv(rep, "TX0101", "C8"), 1);
	assert_int_equal(gv(rep, "TX0201", "C8"), 1);
	assert_int_equal(gv(rep, "TX0101", "D1"), -1);
	report_free(&rep);
	/* by street: 城南 has 幸福里's posting and its residents (R4, registered in November, of
	 * 建设); 城北 新华's posting and the 专场; 溪口镇 nothing; 未填街道 the fixture's posting and
	 * fair */
	rep = compute(db, "2026-11", BY_STREET);
	assert_int_equal(gv(rep, "TX01", "C2"), 4);
	assert_int_equal(gv(rep, "TX01", "A2"), 1);
	assert_int_equal(gv(rep, "TX01", "D1"), 0);
	assert_int_equal(gv(rep, "TX02", "C2"), 5);
	assert_int_equal(gv(rep, "TX02", "A2"), 0);
	assert_int_equal(gv(rep, "TX02", "D1"), 1);
	assert_int_equal(gv(rep, "TX02", "D2"), 5);
	assert_int_equal(gv(rep, "TX02", "D4W"), 8);
	assert_int_equal(gv(rep, "TX03", "C1"), 0);
	assert_int_equal(gv(rep, "-", "C2"), 3);
	assert_int_equal(gv(rep, "-", "D2"), 12);
	assert_int_equal(gv(rep, "-", "A2"), 0);
	assert_string_equal(rep->group_label[1], "城南街道");
	report_free(&rep);
	/* by sex: none of these sums can be split */
	rep = compute(db, "2026-11", BY_SEX);
	assert_int_equal(gv(rep, "2", "C2"), -1);
	assert_int_equal(gv(rep, "2", "D1"), -1);
	report_free(&rep);
	assert_int_equal(report_by_parse("街道"), BY_STREET);
	assert_int_equal(report_by_parse("street"), BY_STREET);
}

/* ---- 低保, benefit, community and categories read as of the period -------------------------------- */

static void test_asof(void **state)
{
	struct fixture *f = *state;
	struct jy_db *db = f->db;
	int64_t *r = f->r;
	struct jy_err err = { 0 };
	/* On 20 November R2 (李桂兰, of 建设) leaves 低保 and stops drawing benefit, her 低保 category
	 * ended on 15 November (收入超过标准); R1 (张秀英) moves from 幸福里 (TX0101) to 南门 (TX0103). */
	setenv("JIUYE_TODAY", "2026-11-20", 1);
	struct resident *x = NULL;
	assert_int_equal(resident_load(db, r[1], &x, &err), JY_OK);
	/* a category cannot end before it began (R1's 下岗 since her registration, 1 March) */
	resident_set(x, RF_CATEGORIES, "");
	xstrset(&x->cat_end_on, "2026-02-01");
	assert_int_equal(resident_save(db, x, &err), JY_EINVAL);
	assert_string_equal(err.field, "退出日期");
	xstrset(&x->cat_end_on, "2026-11-21");         /* nor on a day still to come */
	assert_int_equal(resident_save(db, x, &err), JY_EINVAL);
	assert_string_equal(err.field, "退出日期");
	resident_free(&x);
	assert_int_equal(resident_load(db, r[1], &x, &err), JY_OK);
	resident_set(x, RF_COMMUNITY, "TX0103");
	assert_int_equal(resident_save(db, x, &err), JY_OK);
	resident_free(&x);
	assert_int_equal(resident_load(db, r[2], &x, &err), JY_OK);
	resident_set(x, RF_BENEFIT, "0");
	resident_set(x, RF_DIBAO, "0");
	resident_set(x, RF_CATEGORIES, "");
	xstrset(&x->cat_end_on, "2026-11-15");
	xstrset(&x->cat_end_reason, "收入超过标准");
	int rc = resident_save(db, x, &err);
	if (rc)
		fprintf(stderr, "save: %s %s\n", err.field, err.msg);
	assert_int_equal(rc, JY_OK);
	assert_null(x->cat_end_on);             /* one save's */
	resident_free(&x);
	setenv("JIUYE_TODAY", "2030-06-15", 1);
	sqlite3_stmt *st = db_prepare(db, "SELECT since, until, reason FROM resident_category_past "
	                                  "WHERE resident_id = ?1 AND category = 'DIBAO'", &err);
	sqlite3_bind_int64(st, 1, r[2]);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "2025-12-01");   /* her registration */
	assert_string_equal((const char *)sqlite3_column_text(st, 1), "2026-11-15");
	assert_string_equal((const char *)sqlite3_column_text(st, 2), "收入超过标准");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);

	/* November (to the 30th): all of it has happened: no benefit (A3), no 低保 by flag or
	 * category (A4-DIBAO, B5). October (to the 31st): as it stood then, R2 on both. */
	static const struct expect want[] = {
		{ "A3", 0, -1, 1, -1 },
		{ "A4-DIBAO", 0, -1, 1, -1 },
		{ "B5", 0, -1, 1, -1 },
		{ "A1E", 2, -1, 4, -1 },        /* unchanged: R2 R7; October R1 R2 R3 R7 */
	};
	struct report *rep = compute(db, "2026-11", BY_NONE);
	check(rep, want, ARRAY_LEN(want));
	report_free(&rep);
	/* 16-19 November: the category has ended (the 15th), the flag not yet (the 20th): 低保 by
	 * the flag; benefit too */
	static const struct expect mid[] = {
		{ "A3", 1, -1, 1, -1 },         /* the 4 days before: 12-15 November, the same */
		{ "A4-DIBAO", 1, -1, 1, -1 },
		{ "B5", 1, -1, 1, -1 },
	};
	struct period p;
	assert_int_equal(period_range("2026-11-16", "2026-11-19", &p, &err), JY_OK);
	assert_int_equal(report_compute(db, &p, BY_NONE, &rep, &err), JY_OK);
	check(rep, mid, ARRAY_LEN(mid));
	report_free(&rep);
	/* the people of October's A4-DIBAO: R2, her category as it stood on 31 October */
	assert_int_equal(period_parse("2026-10", &p, &err), JY_OK);
	int64_t *ids = NULL;
	size_t n = 0;
	assert_int_equal(report_people_ids(db, &p, BY_NONE, "", ind("A4-DIBAO"), &ids, &n, &err), JY_OK);
	assert_int_equal(n, 1);
	assert_true(ids[0] == r[2]);
	free(ids);
	struct report_person who;
	assert_int_equal(report_person_get(db, r[2], "2026-10-31", &who, &err), JY_OK);
	assert_non_null(strstr(who.category, "低保"));
	assert_int_equal(report_person_get(db, r[2], "2026-11-30", &who, &err), JY_OK);
	assert_null(strstr(who.category, "低保"));

	/* by community, as on the period's last day (odd sequence numbers 幸福里: R1 R3 R5 R7; even
	 * 建设: R2 R4). October's A1E (R1 R2 R3 R7) puts R1 in 幸福里, where she lived then;
	 * November's figures put her in 南门: A5 (R1 R3 R4 R5), A1 (R1 R2 R3 R7 on 31 October) */
	rep = compute(db, "2026-10", BY_COMMUNITY);
	assert_int_equal(gv(rep, "TX0101", "A1E"), 3);         /* R1, R3, R7 */
	assert_int_equal(gv(rep, "TX0103", "A1E"), 0);
	report_free(&rep);
	rep = compute(db, "2026-11", BY_COMMUNITY);
	assert_int_equal(gv(rep, "TX0103", "A5"), 1);          /* R1 */
	assert_int_equal(gv(rep, "TX0101", "A5"), 2);          /* R3, R5 */
	assert_int_equal(gv(rep, "TX0102", "A5"), 1);          /* R4 */
	assert_int_equal(gv(rep, "TX0101", "A1"), 2);          /* R3, R7 */
	assert_int_equal(gv(rep, "TX0103", "A1"), 1);          /* R1 */
	report_free(&rep);
}

/* ---- the half-year and year summary against the same period of the year before ---------------- */

static const struct {
	const char *in, *from, *to, *label;
} year_befores[] = {
	{ "2026H1", "2025-01-01", "2025-06-30", "2025年上半年" },
	{ "2026H2", "2025-07-01", "2025-12-31", "2025年下半年" },
	{ "2026", "2025-01-01", "2025-12-31", "2025年" },
	{ "2024-02", "2023-02-01", "2023-02-28", "2023年2月" },
	{ "2026Q1", "2025-01-01", "2025-03-31", "2025年第1季度" },
	/* the 人社 month at the year's turn: 21 December to 20 January, a year back */
	{ "2026-01人社", "2024-12-21", "2025-01-20", "2025年1月(人社统计月)" },
	/* a from-to with a leap day: its dates a year back, 29 February as the 28th */
	{ "2024-02-10至2024-02-29", "2023-02-10", "2023-02-28", "2023-02-10至2023-02-28" },
};

static void test_summary(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	for (size_t i = 0; i < ARRAY_LEN(year_befores); i++) {
		struct period p, q;
		assert_int_equal(period_parse(year_befores[i].in, &p, &err), JY_OK);
		assert_int_equal(period_year_before(&p, &q, &err), JY_OK);
		assert_string_equal(q.from, year_befores[i].from);
		assert_string_equal(q.to, year_befores[i].to);
		assert_string_equal(q.label, year_befores[i].label);
	}
	/* 2026H2 against 2025H2: registered R3 (25 October) and R4 (21 November), in 2025H2 R2 (1
	 * December 2025); re-employed R5 (20 October, and again 15 November), R1, R3, R4: four
	 * people, none in 2025H2 */
	static const struct expect want[] = {
		{ "A2", 2, -1, 1, -1 },
		{ "A5", 4, -1, 0, -1 },
		{ "C2", 5, -1, 0, -1 },         /* 2 (10 October) + 3 (1 November) */
	};
	struct period p;
	assert_int_equal(period_parse("2026H2", &p, &err), JY_OK);
	struct report *r = NULL;
	assert_int_equal(report_compute_summary(f->db, &p, BY_NONE, &r, &err), JY_OK);
	assert_true(r->yoy);
	assert_string_equal(r->prev.label, "2025年下半年");
	check(r, want, ARRAY_LEN(want));
	char path[128];
	snprintf(path, sizeof path, "%s/s.txt", f->dir);
	assert_int_equal(report_write(f->db, r, path, REPORT_TEXT, 0, NULL, &err), JY_OK);
	char *txt = slurp(path);
	assert_non_null(strstr(txt, "就业服务工作总结数据"));
	assert_non_null(strstr(txt, "上年同期：2025年下半年（2025-07-01至2025-12-31）"));
	assert_non_null(strstr(txt, "同比增减"));
	assert_non_null(strstr(txt, "逐月趋势（2026年1月至2026年12月）"));
	free(txt);
	report_free(&r);
	assert_int_equal(period_parse("2026-11", &p, &err), JY_OK);
	assert_int_equal(report_compute_summary(f->db, &p, BY_NONE, &r, &err), JY_EINVAL);
	assert_null(r);
}

/* ---- 同比 and 累计 beside the period before (report_compute_cmp) --------------------------------- */

static struct report *compute_cmp(struct jy_db *db, const char *period, int cmp)
{
	struct period p;
	struct report *r = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(period_parse(period, &p, &err), JY_OK);
	int rc = report_compute_cmp(db, &p, BY_NONE, cmp, &r, &err);
	if (rc)
		fprintf(stderr, "report: %s\n", err.msg);
	assert_int_equal(rc, JY_OK);
	return r;
}

/* A2 (new registrations, by the registration date) of the period, the one before, the same
 * period a year before and the year to date; -1 where that comparison is not there. The
 * registry's registrations: R7 2023-01-01, R5 2024-01-10, R2 2025-12-01, R1 2026-03-01, R3
 * 2026-10-25, R4 2026-11-21, and the test's own R8 2025-12-28 (inside the 人社 year 2026, which
 * starts on 21 December 2025), R9 2028-02-29 (a leap day), R10 2027-02-28. */
static const struct {
	const char *period;
	int cmp;
	int cur, prev, yago, cum;
	const char *yago_from, *cum_from, *cum_to;
} cmps[] = {
	/* November: R4; October R3; November 2025 nobody (R2 is 1 December); 1 January to 30
	 * November: R1, R3, R4 = 3 */
	{ "2026-11", REPORT_CMP_PREV | REPORT_CMP_YEAR | REPORT_CMP_YTD, 1, 1, 0, 3,
	  "2025-11-01", "2026-01-01", "2026-11-30" },
	/* the 人社 month at the year's turn, 2025-12-21..2026-01-20: R8; the one before
	 * (2025-11-21..12-20) R2; a year before (2024-12-21..2025-01-20) nobody; its year to date
	 * starts on 21 December, the period itself: R8 = 1 */
	{ "2026-01人社", REPORT_CMP_PREV | REPORT_CMP_YEAR | REPORT_CMP_YTD, 1, 1, 0, 1,
	  "2024-12-21", "2025-12-21", "2026-01-20" },
	/* the 人社 December, 2026-11-21..12-20: R4; its year 2025-12-21..2026-12-20: R8, R1, R3, R4 =
	 * 4, where the calendar December's year (from 1 January) leaves R8 out: R1, R3, R4 = 3 */
	{ "2026-12人社", REPORT_CMP_PREV | REPORT_CMP_YTD, 1, 1, -1, 4, NULL, "2025-12-21", "2026-12-20" },
	{ "2026-12", REPORT_CMP_PREV | REPORT_CMP_YTD, 0, 1, -1, 3, NULL, "2026-01-01", "2026-12-31" },
	/* quarters: Q4 R3, R4 = 2; Q3 nobody; 2025Q4 R2 and R8 = 2; the year to date R1, R3, R4 = 3.
	 * Q2 nobody, Q1 R1, 2025Q2 nobody, its year to date R1 = 1 */
	{ "2026Q4", REPORT_CMP_PREV | REPORT_CMP_YEAR | REPORT_CMP_YTD, 2, 0, 2, 3,
	  "2025-10-01", "2026-01-01", "2026-12-31" },
	{ "2026Q2", REPORT_CMP_PREV | REPORT_CMP_YEAR | REPORT_CMP_YTD, 0, 1, 0, 1,
	  "2025-04-01", "2026-01-01", "2026-06-30" },
	/* a leap year: February 2028 to the 29th holds R9; a year before, February 2027 (to the
	 * 28th), R10; January 2028 nobody; 1 January to 29 February R9 = 1 */
	{ "2028-02", REPORT_CMP_PREV | REPORT_CMP_YEAR | REPORT_CMP_YTD, 1, 0, 1, 1,
	  "2027-02-01", "2028-01-01", "2028-02-29" },
	/* the leap day alone, a year back the 28th: R9 against R10; a from-to has no year to date */
	{ "2028-02-29至2028-02-29", REPORT_CMP_PREV | REPORT_CMP_YEAR | REPORT_CMP_YTD, 1, 0, 1, -1,
	  "2027-02-28", NULL, NULL },
	/* a year is its own year to date: no 累计 */
	{ "2026", REPORT_CMP_PREV | REPORT_CMP_YTD, 3, 2, -1, -1, NULL, NULL, NULL },
};

static void test_compare(void **state)
{
	struct fixture *f = *state;
	resident(f->db, "赵敏", "1988-04-04", 'F', 18, "2025-12-28", "10", NULL, NULL);
	resident(f->db, "孙丽", "1992-06-06", 'F', 19, "2028-02-29", "10", NULL, NULL);
	resident(f->db, "吴霞", "1993-07-07", 'F', 20, "2027-02-28", "10", NULL, NULL);
	int a2 = ind("A2");
	for (size_t k = 0; k < ARRAY_LEN(cmps); k++) {
		struct report *r = compute_cmp(f->db, cmps[k].period, cmps[k].cmp);
		if (r->cur_v[a2].num != cmps[k].cur || r->prev_v[a2].num != cmps[k].prev ||
		    (r->yago_v ? r->yago_v[a2].num : -1) != cmps[k].yago ||
		    (r->cum_v ? r->cum_v[a2].num : -1) != cmps[k].cum)
			fail_msg("%s: A2 %lld, before %lld, a year before %lld, year to date %lld", cmps[k].period,
			         (long long)r->cur_v[a2].num, (long long)r->prev_v[a2].num,
			         r->yago_v ? (long long)r->yago_v[a2].num : -1LL,
			         r->cum_v ? (long long)r->cum_v[a2].num : -1LL);
		assert_false(r->yoy);
		if (cmps[k].yago_from)
			assert_string_equal(r->yago.from, cmps[k].yago_from);
		if (cmps[k].cum_from) {
			assert_string_equal(r->cum.from, cmps[k].cum_from);
			assert_string_equal(r->cum.to, cmps[k].cum_to);
		}
		report_free(&r);
	}

	/* 同比 alone takes the period before's place: November against November 2025 */
	struct report *r = compute_cmp(f->db, "2026-11", REPORT_CMP_YEAR);
	assert_true(r->yoy);
	assert_false(r->summary);
	assert_null(r->yago_v);
	assert_string_equal(r->prev.label, "2025年11月");
	assert_int_equal(r->prev_v[a2].num, 0);
	report_free(&r);

	/* the text says what each column is against */
	struct jy_err err = { 0 };
	r = compute_cmp(f->db, "2026Q4", REPORT_CMP_PREV | REPORT_CMP_YEAR | REPORT_CMP_YTD);
	char path[128];
	snprintf(path, sizeof path, "%s/c.txt", f->dir);
	assert_int_equal(report_write(f->db, r, path, REPORT_TEXT, 0, NULL, &err), JY_OK);
	char *txt = slurp(path);
	assert_non_null(strstr(txt, "就业服务统计报表"));
	assert_non_null(strstr(txt, "对比期：2026年第3季度（2026-07-01至2026-09-30）"));
	assert_non_null(strstr(txt, "上年同期：2025年第4季度（2025-10-01至2025-12-31）"));
	assert_non_null(strstr(txt, "累计：2026-01-01至2026-12-31"));
	assert_non_null(strstr(txt, "同比增减"));
	assert_null(strstr(txt, "逐月趋势"));
	/* the row of A2: 本期 2, 上期 0, 增减 +2, 上年同期 2, 同比 0, 累计 3 */
	const char *row = strstr(txt, "\nA2 ");
	assert_non_null(row);
	char cells[6][16];
	assert_int_equal(sscanf(row + 1, "%*s %*s %*s %15s %15s %15s %15s %15s %15s", cells[0], cells[1],
	                        cells[2], cells[3], cells[4], cells[5]), 6);
	static const char *const want[] = { "2", "0", "+2", "2", "0", "3" };
	for (int c = 0; c < 6; c++)
		assert_string_equal(cells[c], want[c]);
	free(txt);
	report_free(&r);

	static const struct {
		const char *text;
		int cmp;
	} words[] = {
		{ "prev", REPORT_CMP_PREV }, { "环比", REPORT_CMP_PREV }, { "YEAR", REPORT_CMP_YEAR },
		{ "同比", REPORT_CMP_YEAR }, { "both", REPORT_CMP_PREV | REPORT_CMP_YEAR },
		{ "环比同比", REPORT_CMP_PREV | REPORT_CMP_YEAR }, { "去年", -1 }, { "", -1 },
	};
	for (size_t k = 0; k < ARRAY_LEN(words); k++)
		assert_int_equal(report_cmp_parse(words[k].text), words[k].cmp);
}

static void test_table(void **state)
{
	(void)state;
	/* codes unique, every figure labelled, units as the brief's */
	for (int i = 0; i < report_ninds; i++) {
		assert_true(report_inds[i].label[0] != '\0');
		assert_true(report_inds[i].unit[0] != '\0');
		for (int j = 0; j < i; j++)
			assert_string_not_equal(report_inds[i].code, report_inds[j].code);
		if (strcmp(report_inds[i].unit, "%") == 0)
			assert_false(report_inds[i].people);
	}
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period_parse),
		cmocka_unit_test(test_period_prev),
		cmocka_unit_test(test_period_of_range),
		cmocka_unit_test(test_table),
		cmocka_unit_test_setup_teardown(test_month, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stat_month, setup, teardown),
		cmocka_unit_test_setup_teardown(test_groups, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leap_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_people, setup, teardown),
		cmocka_unit_test_setup_teardown(test_closed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_noted_registered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_more_indicators, setup, teardown),
		cmocka_unit_test_setup_teardown(test_split, setup, teardown),
		cmocka_unit_test_setup_teardown(test_asof, setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compare, setup, teardown),
		cmocka_unit_test(test_kinds_migrated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
