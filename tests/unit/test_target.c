/* tests/unit/test_target.c: the year's targets (core/report/target.c). The arithmetic of 完成率,
 * 超/差 and 超目标值 in whole hundredths, rates in percentage points, values worked out by hand;
 * the year to date and the share of the year elapsed for every kind of period, at the year's turn
 * of the 人社 month and in a leap year; targets set, refused, listed, imported and put beside a
 * report's figures summed over the months of the year so far. */
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>

static int ind(const char *code)
{
	int i = report_ind_find(code);
	if (i < 0)
		fail_msg("no indicator %s", code);
	return i;
}

/* ---- arithmetic --------------------------------------------------------------------------------- */

static const struct {
	const char *code;
	int64_t target, num, den;       /* den 0: a count */
	const char *done, *pct, *diff, *over;
} cmps[] = {
	/* 124 of 120: 124/120 = 1.03333 -> 103.33%; 4/120 = 3.333% -> +3.33% */
	{ "A5", 120, 124, 0, "124", "103.33%", "+4", "+3.33%" },
	/* exactly the target */
	{ "A5", 825, 825, 0, "825", "100.00%", "0", "0.00%" },
	/* 2 of 3: 66.666..% -> 66.67%; -1/3 = -33.333..% -> -33.33% */
	{ "C2", 3, 2, 0, "2", "66.67%", "-1", "-33.33%" },
	/* 1 of 32: 3.125% rounds half away from zero to 3.13%; -31/32 = -96.875% -> -96.88% */
	{ "A5", 32, 1, 0, "1", "3.13%", "-31", "-96.88%" },
	/* 7 of 3: 233.333..% and +133.333..% */
	{ "A2", 3, 7, 0, "7", "233.33%", "+4", "+133.33%" },
	/* a target of 0: no 完成率 and no 超/差 in % */
	{ "A5", 0, 5, 0, "5", "-", "+5", "-" },
	/* a rate: 9338 of 10000 is 93.38% against 90%: 超目标值3.38 percentage points */
	{ "A6", 9000, 9338, 10000, "93.38%", "-", "+3.38", "+3.38" },
	/* 1/3 = 33.333..% -> 33.33% against 35%: 1.67 points short */
	{ "C5", 3500, 1, 3, "33.33%", "-", "-1.67", "-1.67" },
	/* 2/3 = 66.666..% -> 66.67% against 66.67%: on target */
	{ "E3", 6667, 2, 3, "66.67%", "-", "0.00", "0.00" },
	/* 1/8 = 12.5% exactly against 12.49%: 0.01 point over */
	{ "F4", 1249, 1, 8, "12.50%", "-", "+0.01", "+0.01" },
};

static void test_compare(void **state)
{
	(void)state;
	for (size_t k = 0; k < ARRAY_LEN(cmps); k++) {
		int i = ind(cmps[k].code);
		struct report_value v = { cmps[k].num, cmps[k].den, 0 };
		struct target_cmp c;
		assert_int_equal(target_compare(i, cmps[k].target, &v, &c), 1);
		char done[32], pct[32], diff[32], over[32];
		target_cmp_text(i, &c, done, pct, diff, over);
		assert_string_equal(done, cmps[k].done);
		assert_string_equal(pct, cmps[k].pct);
		assert_string_equal(diff, cmps[k].diff);
		assert_string_equal(over, cmps[k].over);
	}
	/* the integers behind the first and the rate rows */
	struct report_value v = { 124, 0, 0 }, r = { 9338, 10000, 0 }, none = { 0, 0, 0 };
	struct target_cmp c;
	target_compare(ind("A5"), 120, &v, &c);
	assert_int_equal(c.pct, 10333);
	assert_int_equal(c.over, 333);
	assert_int_equal(c.diff, 4);
	target_compare(ind("A6"), 9000, &r, &c);
	assert_int_equal(c.done, 9338);
	assert_int_equal(c.diff, 338);
	assert_int_equal(c.pct, -1);
	/* a rate of nothing and a figure that cannot be split have no value to compare */
	assert_int_equal(target_compare(ind("A6"), 9000, &none, &c), 0);
	struct report_value na = { 3, 0, 1 };
	assert_int_equal(target_compare(ind("A5"), 9, &na, &c), 0);
}

static const struct {
	const char *code, *in;
	int64_t out;            /* -1: refused */
} values[] = {
	{ "A6", "85", 8500 },      { "A6", "85.5%", 8550 },  { "A6", "85.55", 8555 },
	{ "A6", "100", 10000 },    { "A6", "0", 0 },         { "A6", "85.5％", 8550 },
	{ "A6", " 3.38 ", 338 },   { "A6", "85.555", -1 },   { "A6", "100.01", -1 },
	{ "A6", "-1", -1 },        { "A6", "", -1 },         { "A6", "八十", -1 },
	{ "A5", "120", 120 },      { "A5", "0", 0 },         { "A5", "12.5", -1 },
	{ "A5", "-3", -1 },        { "A5", "120%", -1 },     { "A5", "1,200", -1 },
	{ "A5", "一百", -1 },
};

static void test_value_parse(void **state)
{
	(void)state;
	for (size_t k = 0; k < ARRAY_LEN(values); k++) {
		int64_t v = -2;
		struct jy_err err = { 0 };
		int rc = target_value_parse(ind(values[k].code), values[k].in, &v, &err);
		if (values[k].out < 0) {
			assert_int_equal(rc, JY_EINVAL);
			assert_true(err.msg[0] != '\0');
		} else {
			assert_int_equal(rc, JY_OK);
			assert_int_equal(v, values[k].out);
		}
	}
	char out[32];
	target_value_text(ind("A6"), 8550, out);
	assert_string_equal(out, "85.50%");
	target_value_text(ind("A5"), 120, out);
	assert_string_equal(out, "120");
}

/* ---- the year around a period ------------------------------------------------------------------ */

static const struct {
	const char *period;
	int year;
	const char *from;       /* the year to date's first day; NULL: none (a year, a from-to) */
	int share;              /* hundredths of a percent */
} years[] = {
	/* 1 January - 31 March 2026: 90 of 365 days = 24.657% */
	{ "2026-03", 2026, "2026-01-01", 2466 },
	/* a leap year's first half: 182 of 366 = 49.727%; the year after: 181 of 365 = 49.589% */
	{ "2024H1", 2024, "2024-01-01", 4973 },
	{ "2025H1", 2025, "2025-01-01", 4959 },
	/* February of a leap year: 60 of 366 = 16.393% */
	{ "2024-02", 2024, "2024-01-01", 1639 },
	/* the last quarter ends the year */
	{ "2026Q4", 2026, "2026-01-01", 10000 },
	/* the 人社 month at the year's turn: 2025-12-21 .. 2026-01-20 is 2026's first: 31 of 365
	 * (2025-12-21 .. 2026-12-20) = 8.493% */
	{ "2026-01人社", 2026, "2025-12-21", 849 },
	/* a leap 人社 year, 2023-12-21 .. 2024-12-20, 366 days; to 20 March: 11 + 31 + 29 + 20 = 91
	 * days = 24.863% */
	{ "2024-03人社", 2024, "2023-12-21", 2486 },
	/* the 人社 December ends the year on the 20th */
	{ "2026-12人社", 2026, "2025-12-21", 10000 },
	{ "2026", 2026, NULL, -1 },
	{ "2026-03-05至2026-04-04", 2026, NULL, -1 },
};

static void test_year(void **state)
{
	(void)state;
	for (size_t k = 0; k < ARRAY_LEN(years); k++) {
		struct period p, y;
		struct jy_err err = { 0 };
		assert_int_equal(period_parse(years[k].period, &p, &err), JY_OK);
		assert_int_equal(period_target_year(&p), years[k].year);
		int has = period_year_to_date(&p, &y);
		assert_int_equal(has, years[k].from != NULL);
		if (has) {
			assert_string_equal(y.from, years[k].from);
			assert_string_equal(y.to, p.to);
		}
		if (period_year_share(&p) != years[k].share)
			fail_msg("%s: share %d, expected %d", years[k].period, period_year_share(&p),
			         years[k].share);
	}
}

/* ---- stored targets against a report ------------------------------------------------------------ */

struct fixture {
	char dir[64], path[96];
	struct jy_db *db;
};

static int64_t resident(struct jy_db *db, const char *name, const char *birth, char sex, int seq,
                        const char *community)
{
	char id[19];
	idcard_make("330102", birth, seq, sex, id);
	struct resident *r = resident_new();
	resident_set(r, RF_NAME, name);
	resident_set(r, RF_IDNO, id);
	resident_set(r, RF_COMMUNITY, community);
	resident_set(r, RF_REGDATE, "2023-06-01");
	resident_set(r, RF_STATUS, "10");
	struct jy_err err = { 0 };
	int rc = resident_save(db, r, &err);
	if (rc)
		fprintf(stderr, "%s: %s\n", name, err.msg);
	assert_int_equal(rc, JY_OK);
	int64_t id64 = r->id;
	resident_free(&r);
	return id64;
}

static void employed(struct jy_db *db, int64_t rid, const char *date)
{
	struct status_event e = { .resident_id = rid, .date = (char *)date, .status = "已就业",
	                          .form = "单位就业" };
	struct jy_err err = { 0 };
	assert_int_equal(status_event_add(db, &e, &err), JY_OK);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-target-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("JIUYE_TODAY", "2030-06-15", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	/* re-employed: 2023-12-25 (the 人社 year 2024's first month), 2024-01-10, 2024-02-29 (the
	 * leap day), 2024-03-20 (the 人社 March's last day), 2024-03-21 (the 人社 April's first),
	 * 2024-07-01 (the second half) */
	static const char *const days[] = { "2023-12-25", "2024-01-10", "2024-02-29", "2024-03-20",
		                            "2024-03-21", "2024-07-01" };
	static const char *const names[] = { "赵一", "钱二", "孙三", "李四", "周五", "吴六" };
	for (int k = 0; k < 6; k++)
		employed(f->db, resident(f->db, names[k], "1980-03-04", 'F', 21 + 2 * k, "TX0101"), days[k]);
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

static struct report *compute(struct jy_db *db, const char *period)
{
	struct period p;
	struct report *r = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(period_parse(period, &p, &err), JY_OK);
	int rc = report_compute(db, &p, BY_NONE, &r, &err);
	if (rc)
		fprintf(stderr, "report: %s\n", err.msg);
	assert_int_equal(rc, JY_OK);
	return r;
}

static int64_t figure(struct jy_db *db, const char *period, const char *code)
{
	struct report *r = compute(db, period);
	int64_t n = r->cur_v[ind(code)].num;
	report_free(&r);
	return n;
}

static void test_ytd(void **state)
{
	struct fixture *f = *state;
	struct jy_db *db = f->db;
	struct jy_err err = { 0 };
	int changed = -1;
	/* no targets: no target columns, nothing computed twice */
	struct report *r = compute(db, "2024-03");
	assert_int_equal(r->ntargets, 0);
	report_free(&r);
	assert_int_equal(target_set(db, 2024, NULL, "A5", "8", &changed, &err), JY_OK);
	assert_int_equal(changed, 1);
	assert_int_equal(target_set(db, 2024, "", "a5", "8", &changed, &err), JY_OK);
	assert_int_equal(changed, 0);           /* the same again: nothing written */
	assert_int_equal(target_set(db, 2024, NULL, "A6", "50%", &changed, &err), JY_OK);

	/* the calendar months one by one: January 1, February 1 (the leap day), March 1 */
	assert_int_equal(figure(db, "2024-01", "A5"), 1);
	assert_int_equal(figure(db, "2024-02", "A5"), 1);
	assert_int_equal(figure(db, "2024-03", "A5"), 2);
	/* March's year to date is their sum: 1 + 1 + 2 = 4 of 8, half the target */
	r = compute(db, "2024-03");
	int i = ind("A5");
	assert_int_equal(r->ntargets, 2);
	assert_int_equal(r->tgt[i], 8);
	assert_string_equal(r->ytd.from, "2024-01-01");
	assert_int_equal(r->cur_v[i].num, 2);
	assert_int_equal(r->done_v[i].num, 4);
	assert_int_equal(r->share, 2486);       /* 91 of 366 days */
	struct target_cmp c;
	assert_int_equal(target_compare(i, r->tgt[i], &r->done_v[i], &c), 1);
	assert_int_equal(c.pct, 5000);
	assert_int_equal(c.diff, -4);
	assert_int_equal(r->tgt[ind("A1")], -1);
	report_free(&r);

	/* the 人社 months: January (2023-12-21 .. 2024-01-20) holds 25 December and 10 January; its
	 * year to date is itself. March (to 20 March) counts four, 21 March falls in April. */
	assert_int_equal(figure(db, "2024-01人社", "A5"), 2);
	r = compute(db, "2024-01人社");
	assert_string_equal(r->ytd.from, "2023-12-21");
	assert_int_equal(r->done_v[i].num, 2);
	report_free(&r);
	r = compute(db, "2024-03人社");
	assert_int_equal(r->done_v[i].num, 4);
	report_free(&r);
	r = compute(db, "2024-04人社");
	assert_int_equal(r->cur_v[i].num, 1);
	assert_int_equal(r->done_v[i].num, 5);
	report_free(&r);
	/* the year itself: its own figure, no share of it; the calendar year does not count
	 * 25 December 2023 */
	r = compute(db, "2024");
	assert_int_equal(r->ytd.from[0], '\0');
	assert_int_equal(r->share, -1);
	assert_int_equal(r->done_v[i].num, 5);
	report_free(&r);
	/* the first half: four of the year to date (the second half's 1 July is not in it) */
	r = compute(db, "2024H1");
	assert_int_equal(r->done_v[i].num, 4);
	report_free(&r);
	/* a year with no targets of its own has none */
	r = compute(db, "2025-01");
	assert_int_equal(r->ntargets, 0);
	report_free(&r);
}

static void test_trend(void **state)
{
	struct fixture *f = *state;
	struct jy_db *db = f->db;
	struct jy_err err = { 0 };
	int changed;
	assert_int_equal(target_set(db, 2024, NULL, "A5", "8", &changed, &err), JY_OK);
	struct period p;
	assert_int_equal(period_parse("2024-06", &p, &err), JY_OK);
	struct trend_point *pts;
	int n;
	assert_int_equal(report_trend(db, &p, ind("A5"), &pts, &n, &err), JY_OK);
	/* July 2023 to June 2024: 25 December; 10 January; the leap day; 20 and 21 March */
	static const int64_t months[12] = { 0, 0, 0, 0, 0, 1, 1, 1, 2, 0, 0, 0 };
	assert_int_equal(n, 12);
	assert_string_equal(pts[0].p.from, "2023-07-01");
	assert_string_equal(pts[11].p.to, "2024-06-30");
	for (int k = 0; k < 12; k++) {
		assert_int_equal(pts[k].v.num, months[k]);
		/* 2023 has no target; 2024's 8 a year is 8/12 = 0.67 a month, 1 rounded */
		assert_int_equal(pts[k].path, k < 6 ? -1 : 1);
	}
	free(pts);
	/* by quarter: eight of them to 2024Q2; 2024's quarters 8 × 3 / 12 = 2 each */
	assert_int_equal(period_parse("2024Q2", &p, &err), JY_OK);
	assert_int_equal(report_trend(db, &p, ind("A5"), &pts, &n, &err), JY_OK);
	static const int64_t quarters[8] = { 0, 0, 0, 0, 0, 1, 4, 0 };
	assert_int_equal(n, 8);
	assert_string_equal(pts[0].p.from, "2022-07-01");
	for (int k = 0; k < 8; k++) {
		assert_int_equal(pts[k].v.num, quarters[k]);
		assert_int_equal(pts[k].path, k < 6 ? -1 : 2);
	}
	free(pts);
}

static int count_row(void *arg, const struct target_row *t)
{
	struct jy_buf *b = arg;
	buf_addf(b, "%s|%s|%s|%lld\n", t->unit, t->unit_name, t->ind, (long long)t->value);
	return 0;
}

static void test_set_list(void **state)
{
	struct fixture *f = *state;
	struct jy_db *db = f->db;
	struct jy_err err = { 0 };
	int changed = -1;
	/* a street's target and its community's stand each on its own */
	assert_int_equal(target_set(db, 2026, "城南街道", "A5", "50", &changed, &err), JY_OK);
	assert_int_equal(target_set(db, 2026, "TX0101", "A5", "30", &changed, &err), JY_OK);
	assert_int_equal(target_set(db, 2026, "桐溪县", "A6", "85.5", &changed, &err), JY_OK);
	assert_int_equal(target_set(db, 2026, NULL, "A6", "86", &changed, &err), JY_OK);
	assert_int_equal(changed, 2);           /* the county's own, named or not */
	struct jy_buf b = { 0 };
	assert_int_equal(target_each(db, 2026, count_row, &b, &err), JY_OK);
	assert_string_equal(b.s, "|whole county|A6|8600\n"
	                         "TX01|城南街道|A5|50\n"
	                         "TX0101|幸福里社区|A5|30\n");
	buf_free(&b);
	int64_t v = 0;
	assert_int_equal(target_get(db, 2026, "TX0102", ind("A5"), &v, &err), JY_ENOTFOUND);
	assert_int_equal(target_get(db, 2026, "TX01", ind("A5"), &v, &err), JY_OK);
	assert_int_equal(v, 50);
	/* refused: an unknown indicator, unit, value, year */
	assert_int_equal(target_set(db, 2026, NULL, "Z9", "1", &changed, &err), JY_EINVAL);
	assert_int_equal(target_set(db, 2026, "无此社区", "A5", "1", &changed, &err), JY_EINVAL);
	assert_int_equal(target_set(db, 2026, NULL, "A6", "120", &changed, &err), JY_EINVAL);
	assert_int_equal(target_set(db, 20260, NULL, "A5", "1", &changed, &err), JY_EINVAL);
	/* every change is in the trail */
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*), sum(action = 'update') FROM history "
	                              "WHERE entity = 'target'", &err);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 4);
	assert_int_equal(sqlite3_column_int(st, 1), 1);
	sqlite3_reset(st);
	/* a clerk sets none */
	struct jy_actor clerk = { .os_user = "clerk1", .name = "录入员", .role = ROLE_CLERK };
	assert_int_equal(worker_save(db, "clerk1", "王芳", ROLE_CLERK, "TX0101", &err), JY_OK);
	const struct jy_actor me = *db_actor(db);
	assert_int_equal(db_set_actor(db, &clerk, &err), JY_OK);
	assert_int_equal(target_set(db, 2026, NULL, "A5", "1", &changed, &err), JY_EPERM);
	/* her report sets her community's target beside its figures, never the county's */
	struct report *r = compute(db, "2026-03");
	assert_string_equal(r->target_unit, "幸福里社区");
	assert_int_equal(r->tgt[ind("A5")], 30);
	assert_int_equal(r->tgt[ind("A6")], -1);
	report_free(&r);
	/* a street's clerk: the street's own 50, not its communities' sum; two communities of
	 * different streets: none at all */
	assert_int_equal(db_set_actor(db, &me, &err), JY_OK);
	assert_int_equal(worker_save(db, "clerk1", "王芳", ROLE_CLERK, "城南街道", &err), JY_OK);
	assert_int_equal(db_set_actor(db, &clerk, &err), JY_OK);
	r = compute(db, "2026-03");
	assert_string_equal(r->target_unit, "城南街道");
	assert_int_equal(r->tgt[ind("A5")], 50);
	report_free(&r);
	assert_int_equal(db_set_actor(db, &me, &err), JY_OK);
	assert_int_equal(worker_save(db, "clerk1", "王芳", ROLE_CLERK, "TX0101,TX0201", &err), JY_OK);
	assert_int_equal(db_set_actor(db, &clerk, &err), JY_OK);
	r = compute(db, "2026-03");
	assert_int_equal(r->ntargets, 0);
	report_free(&r);
	assert_int_equal(db_set_actor(db, &me, &err), JY_OK);
}

static void report_line(void *arg, const char *line)
{
	struct jy_buf *b = arg;
	buf_addf(b, "%s\n", line);
}

static void test_import(void **state)
{
	struct fixture *f = *state;
	struct jy_db *db = f->db;
	char *good = xasprintf("%s/good.csv", f->dir), *bad = xasprintf("%s/bad.csv", f->dir);
	FILE *fp = fopen(good, "w");
	fputs("年度,单位,指标,目标值\n2027,幸福里社区,A5,20\n2027,,A6,85.5%\n2027,城南街道,C2,300\n", fp);
	fclose(fp);
	fp = fopen(bad, "w");
	fputs("year,unit,indicator,target\n2027,,A5,10\n2027,,A5,11\n2027,南山社区,A5,1\n"
	      "2027,,A6,101\n", fp);
	fclose(fp);
	struct import_result res = { 0 };
	struct jy_err err = { 0 };
	struct jy_buf lines = { 0 };
	assert_int_equal(import_targets(db, good, NULL, IMPORT_DRY_RUN, report_line, &lines, &res, &err),
	                 JY_OK);
	assert_int_equal(res.added, 3);
	int64_t v;
	assert_int_equal(target_get(db, 2027, "", ind("A6"), &v, &err), JY_ENOTFOUND);
	memset(&res, 0, sizeof res);
	assert_int_not_equal(import_targets(db, bad, NULL, 0, report_line, &lines, &res, &err), JY_OK);
	assert_int_equal(res.rejected, 3);
	assert_non_null(strstr(lines.s, "bad.csv:3: 指标: "));  /* the second A5 */
	assert_non_null(strstr(lines.s, "bad.csv:4: 单位: "));
	assert_non_null(strstr(lines.s, "bad.csv:5: 目标值: "));
	/* nothing of it saved, the good first row neither */
	assert_int_equal(target_get(db, 2027, "", ind("A5"), &v, &err), JY_ENOTFOUND);
	memset(&res, 0, sizeof res);
	assert_int_equal(import_targets(db, good, NULL, 0, report_line, &lines, &res, &err), JY_OK);
	assert_int_equal(res.added, 3);
	assert_int_equal(target_get(db, 2027, "", ind("A6"), &v, &err), JY_OK);
	assert_int_equal(v, 8550);
	assert_int_equal(target_get(db, 2027, "TX01", ind("C2"), &v, &err), JY_OK);
	assert_int_equal(v, 300);
	memset(&res, 0, sizeof res);
	assert_int_equal(import_targets(db, good, NULL, 0, report_line, &lines, &res, &err), JY_OK);
	assert_int_equal(res.unchanged, 3);
	buf_free(&lines);
	free(good);
	free(bad);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_value_parse),
		cmocka_unit_test(test_year),
		cmocka_unit_test_setup_teardown(test_ytd, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trend, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
