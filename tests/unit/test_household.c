/* tests/unit/test_household.c: households (户, core/registry/household.c) — 零就业家庭 and 夫妻双失业
 * from a table of members worked out by hand; the same flags read from the database as of a day,
 * following the members' dated statuses and who was a member then; the refusals of linking and
 * unlinking, each on its field with nothing saved. On the demo's units with today 2030-06-15; the
 * residents are made here, registered in 2026. */
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>

/* The rule alone, retirement ages 55 (women) and 60 (men) as the settings' defaults. */
static void test_rule(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		struct household_member m[3];
		int n, flags;
	} cases[] = {
		/* head 失业, spouse 下岗: nobody of working age employed, and both spouses out of work */
		{ "夫妻双失业", { { .relation = "1", .sex = "1", .age = 51, .status = "10" },
		                  { .relation = "2", .sex = "2", .age = 48, .status = "11" } }, 2,
		  HH_ZERO_EMP | HH_COUPLE_UNEMP },
		/* the spouse 灵活就业 (21): one employed, so neither */
		{ "妻子灵活就业", { { .relation = "1", .sex = "1", .age = 51, .status = "10" },
		                    { .relation = "2", .sex = "2", .age = 48, .status = "21" } }, 2, 0 },
		/* the head 失业, the wife retired (91, not of working age), a son of 20 待业 (12):
		 * 零就业 (the working-age members are the head and the son, neither employed), no couple */
		{ "妻子退休", { { .relation = "1", .sex = "1", .age = 56, .status = "10" },
		                { .relation = "2", .sex = "2", .age = 57, .status = "91" },
		                { .relation = "3", .sex = "1", .age = 20, .status = "12" } }, 3, HH_ZERO_EMP },
		/* a daughter of 25 employed (20): not 零就业; the parents both 失业: 夫妻双失业 */
		{ "女儿就业", { { .relation = "1", .sex = "1", .age = 52, .status = "10" },
		                { .relation = "2", .sex = "2", .age = 50, .status = "10" },
		                { .relation = "3", .sex = "2", .age = 25, .status = "20" } }, 3,
		  HH_COUPLE_UNEMP },
		/* a man of 61 employed is past working age: he does not make the house employed; the
		 * woman of 45 失业 is of working age: 零就业 */
		{ "超龄就业", { { .relation = "1", .sex = "1", .age = 61, .status = "20" },
		                { .relation = "2", .sex = "2", .age = 45, .status = "10" } }, 2, HH_ZERO_EMP },
		/* a woman of 55 is past 55: nobody of working age, so not 零就业 (the rule needs one) */
		{ "无劳动年龄人口", { { .relation = "1", .sex = "2", .age = 55, .status = "10" } }, 1, 0 },
		/* the spouse not registered yet (no status): she tells nothing; the head alone 失业 */
		{ "配偶未登记", { { .relation = "1", .sex = "1", .age = 40, .status = "10" },
		                  { .relation = "2", .sex = "2", .age = 38, .status = "" } }, 2, HH_ZERO_EMP },
		/* a child of 15 is not of working age; the mother 失业 with no spouse recorded */
		{ "单亲", { { .relation = "1", .sex = "2", .age = 35, .status = "10" },
		            { .relation = "3", .sex = "2", .age = 15, .status = "12" } }, 2, HH_ZERO_EMP },
		{ "空户", { { 0 } }, 0, 0 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int got = household_flags_of(cases[i].m, cases[i].n, 55, 60);
		if (got != cases[i].flags)
			fail_msg("%s: flags %d, worked out by hand %d", cases[i].what, got, cases[i].flags);
	}
	/* a locality that retires women at 50: the woman of 50 is no longer of working age */
	const struct household_member w[] = { { .relation = "1", .sex = "2", .age = 50, .status = "10" } };
	assert_int_equal(household_flags_of(w, 1, 55, 60), HH_ZERO_EMP);
	assert_int_equal(household_flags_of(w, 1, 50, 60), 0);
}

struct fixture {
	char dir[64];
	char path[96];
	struct jy_db *db;
	int64_t husband, wife, other, hid;
};

static int64_t resident_cat(struct jy_db *db, const char *name, const char *birth, char sex, int seq,
                            const char *cats)
{
	char id[19];
	idcard_make("330102", birth, seq, sex, id);
	struct resident *r = resident_new();
	resident_set(r, RF_NAME, name);
	resident_set(r, RF_IDNO, id);
	resident_set(r, RF_COMMUNITY, "TX0101");
	resident_set(r, RF_REGDATE, "2026-01-05");
	resident_set(r, RF_STATUS, "10");
	if (cats)
		resident_set(r, RF_CATEGORIES, cats);
	struct jy_err err = { 0 };
	if (resident_save(db, r, &err))
		fail_msg("%s: %s %s", name, err.field, err.msg);
	int64_t rid = r->id;
	resident_free(&r);
	return rid;
}

static int64_t resident(struct jy_db *db, const char *name, const char *birth, char sex, int seq)
{
	return resident_cat(db, name, birth, sex, seq, NULL);
}

static void status(struct jy_db *db, int64_t rid, const char *date, const char *st)
{
	struct status_event e = { .resident_id = rid, .date = (char *)date, .status = (char *)st };
	struct jy_err err = { 0 };
	assert_int_equal(status_event_add(db, &e, &err), JY_OK);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-household-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("JIUYE_TODAY", "2030-06-15", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	f->husband = resident(f->db, "李建华", "1975-03-02", 'M', 11);
	f->wife = resident(f->db, "陈桂芳", "1978-08-19", 'F', 12);
	f->other = resident(f->db, "赵明", "1990-01-01", 'M', 13);
	struct household h = { .hh_no = "5-2-301", .community = "TX0101", .building = "5",
	                       .entrance = "2", .room = "301" };
	if (household_add(f->db, &h, &err))
		fail_msg("%s: %s", err.field, err.msg);
	f->hid = h.id;
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

static int flags_on(struct jy_db *db, int64_t hid, const char *day)
{
	int flags = -1;
	struct jy_err err = { 0 };
	assert_int_equal(household_flags(db, hid, day, &flags, &err), JY_OK);
	return flags;
}

/* Both registered 失业 on 2026-01-05 and linked on 2026-02-01; the wife finds work (20) on
 * 2026-04-10 and the husband on 2026-07-01; the wife leaves the household on 2026-09-01.
 *   2026-01-31: nobody a member yet: no flags;
 *   2026-03-31: both 失业, head and spouse: 零就业 and 夫妻双失业;
 *   2026-04-10: the wife employed that day: neither;
 *   2026-06-30: she still is: neither;
 *   2026-07-01: both employed: neither;
 *   2026-09-01: the husband alone, employed: neither.
 * Then he loses his job on 2026-10-01 (失业 10): on 2026-10-31 the household is him alone,
 * out of work: 零就业, and no couple (she left). */
static void test_dated(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	assert_int_equal(household_link(f->db, f->hid, f->husband, "户主", "2026-02-01", &err), JY_OK);
	assert_int_equal(household_link(f->db, f->hid, f->wife, "配偶", "2026-02-01", &err), JY_OK);
	status(f->db, f->wife, "2026-04-10", "20");
	status(f->db, f->husband, "2026-07-01", "20");
	assert_int_equal(household_unlink(f->db, f->wife, "2026-09-01", &err), JY_OK);
	status(f->db, f->husband, "2026-10-01", "10");
	assert_int_equal(flags_on(f->db, f->hid, "2026-01-31"), 0);
	assert_int_equal(flags_on(f->db, f->hid, "2026-03-31"), HH_ZERO_EMP | HH_COUPLE_UNEMP);
	assert_int_equal(flags_on(f->db, f->hid, "2026-04-09"), HH_ZERO_EMP | HH_COUPLE_UNEMP);
	assert_int_equal(flags_on(f->db, f->hid, "2026-04-10"), 0);
	assert_int_equal(flags_on(f->db, f->hid, "2026-06-30"), 0);
	assert_int_equal(flags_on(f->db, f->hid, "2026-07-01"), 0);
	assert_int_equal(flags_on(f->db, f->hid, "2026-09-01"), 0);
	assert_int_equal(flags_on(f->db, f->hid, "2026-10-31"), HH_ZERO_EMP);
	/* the members on 2026-08-31: both, head first; on 2026-09-01: he alone */
	struct household_member *m = NULL;
	int n = 0;
	assert_int_equal(household_members(f->db, f->hid, "2026-08-31", &m, &n, NULL, &err), JY_OK);
	assert_int_equal(n, 2);
	assert_int_equal(m[0].resident_id, f->husband);
	assert_string_equal(m[1].status, "20");
	free(m);
	assert_int_equal(household_members(f->db, f->hid, "2026-09-01", &m, &n, NULL, &err), JY_OK);
	assert_int_equal(n, 1);
	free(m);
	int64_t hid = 0;
	assert_int_equal(household_of(f->db, f->wife, "2026-08-31", &hid, &err), JY_OK);
	assert_int_equal(hid, f->hid);
	assert_int_equal(household_of(f->db, f->wife, "2026-09-01", &hid, &err), JY_ENOTFOUND);
}

static int64_t member_rows(struct jy_db *db)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM household_member", NULL);
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/* Each refusal names its field and saves nothing. */
static void test_refused(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	assert_int_equal(household_link(f->db, f->hid, f->husband, "户主", "2026-02-01", &err), JY_OK);
	static const struct {
		const char *what, *relation, *date, *field;
		int who;        /* 0 husband, 1 wife, 2 other */
	} cases[] = {
		{ "no relation", "", "2026-02-01", "与户主关系", 1 },
		{ "not in the list", "哥哥", "2026-02-01", "与户主关系", 1 },
		{ "a second head", "户主", "2026-02-01", "与户主关系", 1 },
		{ "in a household already", "子女", "2026-02-01", "户号", 0 },
		{ "a bad date", "配偶", "2026-02-30", "日期", 1 },
		{ "after today", "配偶", "2030-06-16", "日期", 1 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int64_t rid = cases[i].who == 0 ? f->husband : cases[i].who == 1 ? f->wife : f->other;
		memset(&err, 0, sizeof err);
		int rc = household_link(f->db, f->hid, rid, cases[i].relation, cases[i].date, &err);
		if (rc != JY_EINVAL || strcmp(err.field, cases[i].field) != 0)
			fail_msg("%s: rc %d field \"%s\" (%s)", cases[i].what, rc, err.field, err.msg);
		assert_int_equal(member_rows(f->db), 1);
	}
	/* unlinking: not a member; before she joined */
	memset(&err, 0, sizeof err);
	assert_int_equal(household_unlink(f->db, f->other, NULL, &err), JY_EINVAL);
	assert_string_equal(err.field, "户号");
	assert_int_equal(household_unlink(f->db, f->husband, "2026-01-31", &err), JY_EINVAL);
	assert_string_equal(err.field, "日期");
	/* a household numbered twice; no community */
	struct household h = { .hh_no = "5-2-301", .community = "TX0101" };
	assert_int_equal(household_add(f->db, &h, &err), JY_EINVAL);
	assert_string_equal(err.field, "户号");
	struct household h2 = { .hh_no = "5-2-302" };
	assert_int_equal(household_add(f->db, &h2, &err), JY_EINVAL);
	assert_string_equal(err.field, "社区");
	/* left on the day she joined: never a member (the row goes) */
	assert_int_equal(household_link(f->db, f->hid, f->other, "其他", "2030-06-15", &err), JY_OK);
	assert_int_equal(member_rows(f->db), 2);
	assert_int_equal(household_unlink(f->db, f->other, "2030-06-15", &err), JY_OK);
	assert_int_equal(member_rows(f->db), 1);
}

static void visit(struct jy_db *db, int64_t rid, const char *date)
{
	struct visit v = { .resident_id = rid, .date = (char *)date };
	struct jy_err err = { 0 };
	if (visit_add(db, &v, &err))
		fail_msg("visit %s: %s %s", date, err.field, err.msg);
}

static int64_t fig(const struct report *r, int prev, const char *code)
{
	for (int i = 0; i < report_ninds; i++)
		if (strcmp(report_inds[i].code, code) == 0)
			return (prev ? r->prev_v : r->cur_v)[i].num;
	fail_msg("no indicator %s", code);
	return -1;
}

/* A4-ZERO_EMP_HH and A8 of June 2026 against May, on a registry made here (all registered 失业 on
 * 2026-01-05, 幸福里社区):
 *   household 5-2-301: 李建华 (head) and 陈桂芳 (spouse) from 2026-02-01; she works from 06-10;
 *   household 5-2-302: 钱丽 (head, 零就业家庭 typed on her record) and her son 孙强, who works
 *     from 2026-03-01, from 2026-02-01;
 *   赵明: 零就业家庭 typed on his record, in no household.
 * A4-ZERO_EMP_HH counts the registered unemployed on the period's last day in the category:
 *   May (05-31): 5-2-301 has nobody at work: 李建华 + 陈桂芳 = 2; 钱丽's household has her son at
 *     work, so not 零就业 whatever her record says: 0; 赵明 by hand: 1. Total 3.
 *   June (06-30): 陈桂芳 works, so 5-2-301 is no longer 零就业: 0 (and she is not unemployed);
 *     钱丽 0; 赵明 1. Total 1.
 * A8 (户次) in June: 06-05 李建华 and 陈桂芳 (one household, one day: 1), 06-20 李建华 (1), 06-05
 *   赵明 (a household of his own: 1), 06-05 钱丽 and 孙强 (1): 4, from 6 visits. May: none.
 * A8P (the registered unemployed on 06-30 who were visited): 李建华, 赵明, 钱丽 = 3. */
static void test_figures(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t qian = resident_cat(f->db, "钱丽", "1972-04-04", 'F', 14, "ZERO_EMP_HH");
	int64_t son = resident(f->db, "孙强", "1996-09-09", 'M', 15);
	int64_t zhao = resident_cat(f->db, "赵明", "1990-01-01", 'M', 16, "ZERO_EMP_HH");
	struct household h2 = { .hh_no = "5-2-302", .community = "TX0101" };
	assert_int_equal(household_add(f->db, &h2, &err), JY_OK);
	assert_int_equal(household_link(f->db, f->hid, f->husband, "户主", "2026-02-01", &err), JY_OK);
	assert_int_equal(household_link(f->db, f->hid, f->wife, "配偶", "2026-02-01", &err), JY_OK);
	assert_int_equal(household_link(f->db, h2.id, qian, "户主", "2026-02-01", &err), JY_OK);
	assert_int_equal(household_link(f->db, h2.id, son, "子女", "2026-02-01", &err), JY_OK);
	status(f->db, son, "2026-03-01", "20");
	status(f->db, f->wife, "2026-06-10", "20");
	visit(f->db, f->husband, "2026-06-05");
	visit(f->db, f->wife, "2026-06-05");
	visit(f->db, f->husband, "2026-06-20");
	visit(f->db, zhao, "2026-06-05");
	visit(f->db, qian, "2026-06-05");
	visit(f->db, son, "2026-06-05");
	struct period p;
	struct report *r = NULL;
	assert_int_equal(period_parse("2026-06", &p, &err), JY_OK);
	assert_int_equal(report_compute(f->db, &p, BY_NONE, &r, &err), JY_OK);
	assert_int_equal(fig(r, 1, "A4-ZERO_EMP_HH"), 3);
	assert_int_equal(fig(r, 0, "A4-ZERO_EMP_HH"), 1);
	assert_int_equal(fig(r, 0, "A8"), 4);
	assert_int_equal(fig(r, 1, "A8"), 0);
	assert_int_equal(fig(r, 0, "A8P"), 3);
	report_free(&r);
	/* the people of the figure are the very ones counted: 赵明 alone in June */
	int64_t *ids = NULL;
	size_t n = 0;
	int ze = -1;
	for (int i = 0; i < report_ninds; i++)
		if (strcmp(report_inds[i].code, "A4-ZERO_EMP_HH") == 0)
			ze = i;
	assert_int_equal(report_people_ids(f->db, &p, BY_NONE, "", ze, &ids, &n, &err), JY_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], zhao);
	free(ids);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule),
		cmocka_unit_test_setup_teardown(test_dated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_figures, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
