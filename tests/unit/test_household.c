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
 * A8P (the registered unemployed on 06-30 who were visited): 李建华, 赵明, 钱丽 = 3.
 * A8N (人次: a person on a day once) in June: 06-05 李建华, 陈桂芳, 赵明, 钱丽, 孙强 (5), 06-20 李建华
 *   (1, written twice that day): 6, from 7 visits. May: none.
 * 夫妻双失业 (head and spouse both out of work on the last day):
 *   May (05-31): 5-2-301, both 失业: 1 household (A4-COUPLE_HH, listed by its head 李建华),
 *     2 people (A4-COUPLE: 李建华, 陈桂芳); 5-2-302 has no spouse: 0. Total 1 and 2.
 *   June (06-30): 陈桂芳 works: 0 and 0. */
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
	assert_int_equal(fig(r, 0, "A8N"), 6);
	assert_int_equal(fig(r, 1, "A8N"), 0);
	assert_int_equal(fig(r, 1, "A4-COUPLE_HH"), 1);
	assert_int_equal(fig(r, 1, "A4-COUPLE"), 2);
	assert_int_equal(fig(r, 0, "A4-COUPLE_HH"), 0);
	assert_int_equal(fig(r, 0, "A4-COUPLE"), 0);
	report_free(&r);
	/* May's lists behind the couple's figures: the household by its head; both spouses */
	struct period may;
	assert_int_equal(period_parse("2026-05", &may, &err), JY_OK);
	static const struct {
		const char *code;
		size_t n;
	} lists[] = { { "A4-COUPLE_HH", 1 }, { "A4-COUPLE", 2 } };
	for (size_t l = 0; l < ARRAY_LEN(lists); l++) {
		int ind = -1;
		for (int i = 0; i < report_ninds; i++)
			if (strcmp(report_inds[i].code, lists[l].code) == 0)
				ind = i;
		int64_t *who = NULL;
		size_t nwho = 0;
		assert_int_equal(report_people_ids(f->db, &may, BY_NONE, "", ind, &who, &nwho, &err), JY_OK);
		if (nwho != lists[l].n)
			fail_msg("%s: %zu people, by hand %zu", lists[l].code, nwho, lists[l].n);
		assert_int_equal(who[0], f->husband);
		if (nwho > 1)
			assert_int_equal(who[1], f->wife);
		free(who);
	}
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

/* ---- 户号 and 与户主关系 in the import of residents ------------------------------------------- */

struct irow {
	const char *name, *birth;
	char sex;
	int seq;                /* idcard_make's; the fixture's: 11 李建华, 12 陈桂芳, 13 赵明 */
	const char *community, *regdate, *hh, *rel;
};

static void collect_line(void *arg, const char *line)
{
	buf_addf((struct jy_buf *)arg, "%s\n", line);
}

/* rows[0..n) as in.csv under the header 姓名,身份证号,社区,登记日期,户号,与户主关系, imported with
 * flags; the report's lines into *lines (Caller frees). */
static int import_rows(struct fixture *f, const struct irow *rows, int n, int flags,
                       struct import_result *res, struct jy_buf *lines)
{
	char path[128];
	snprintf(path, sizeof path, "%s/in.csv", f->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("姓名,身份证号,社区,登记日期,户号,与户主关系\n", fp);
	for (int i = 0; i < n; i++) {
		char id[19];
		idcard_make("330102", rows[i].birth, rows[i].seq, rows[i].sex, id);
		fprintf(fp, "%s,%s,%s,%s,%s,%s\n", rows[i].name, id, rows[i].community, rows[i].regdate,
		        rows[i].hh, rows[i].rel);
	}
	fclose(fp);
	struct jy_err err = { 0 };
	return import_residents(f->db, path, NULL, flags, collect_line, lines, res, &err);
}

static int64_t count_of(struct jy_db *db, const char *sql)
{
	sqlite3_stmt *st = db_prepare(db, sql, NULL);
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

#define HUSBAND "李建华", "1975-03-02", 'M', 11
#define WIFE "陈桂芳", "1978-08-19", 'F', 12
#define OTHER "赵明", "1990-01-01", 'M', 13

/* Each bad household cell names its column (and what is accepted) on its row, and the file saves
 * nothing: 李建华 is the head of 5-2-301 (幸福里社区), 赵明 of 5-2-302. */
static void test_import_refused(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct household h2 = { .hh_no = "5-2-302", .community = "TX0101" };
	assert_int_equal(household_add(f->db, &h2, &err), JY_OK);
	assert_int_equal(household_link(f->db, f->hid, f->husband, "户主", "2026-02-01", &err), JY_OK);
	assert_int_equal(household_link(f->db, h2.id, f->other, "户主", "2026-02-01", &err), JY_OK);
	static const struct {
		const char *what;
		struct irow row;
		const char *line;
	} cases[] = {
		{ "a relation not in the list", { WIFE, "幸福里社区", "", "5-2-301", "妻子" },
		  "in.csv:2: 与户主关系: \"妻子\" is not in the list; accepted: 户主, 配偶, 子女, 父母, 其他" },
		{ "a 户号 without a relation", { WIFE, "幸福里社区", "", "5-2-301", "" },
		  "in.csv:2: 与户主关系: required; accepted: 户主, 配偶, 子女, 父母, 其他" },
		{ "a second head", { WIFE, "幸福里社区", "", "5-2-301", "户主" },
		  "in.csv:2: 与户主关系: the household has a head already" },
		{ "a household of another community", { "周红", "1980-02-02", 'F', 21, "建设社区",
		  "2030-01-02", "5-2-301", "子女" },
		  "in.csv:2: 户号: household 5-2-301 is of another community than hers" },
		{ "a member of another household", { OTHER, "", "", "5-2-301", "子女" },
		  "in.csv:2: 户号: she is a member of household 5-2-302: unlink her from it first" },
		{ "a relation without 户号", { WIFE, "", "", "", "配偶" },
		  "in.csv:2: 与户主关系: give the 户号 of her household in the same row" },
		{ "a 户号 too long", { WIFE, "", "", "一二三四五六七八九十一", "配偶" },
		  "in.csv:2: 户号: at most 20 columns" },
		{ "a new household without a community", { "周红", "1980-02-02", 'F', 21, "", "2030-01-02",
		  "9-9-901", "户主" },
		  "in.csv:2: 户号: a household is of a community: give her 社区 in the same row" },
	};
	int64_t members = member_rows(f->db), people = count_of(f->db, "SELECT count(*) FROM resident");
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct import_result res;
		struct jy_buf lines = { 0 };
		int rc = import_rows(f, &cases[i].row, 1, 0, &res, &lines);
		if (rc != JY_EINVAL || res.rejected != 1 || !strstr(lines.s ? lines.s : "", cases[i].line))
			fail_msg("%s: rc %d, %d rejected, said:\n%s", cases[i].what, rc, res.rejected, lines.s);
		buf_free(&lines);
		assert_int_equal(member_rows(f->db), members);
		assert_int_equal(count_of(f->db, "SELECT count(*) FROM household"), 2);
		assert_int_equal(count_of(f->db, "SELECT count(*) FROM resident"), people);
	}
}

/* A row with a known 户号 links her (a registered one from the import's day, 2030-06-15), an
 * unknown one records the household in her community first and says so (the new resident joins
 * from her 登记日期); a dry run saves nothing and says what it would record; the same file again, an
 * export of the registry read back and a row with the household's cells empty change nothing. */
static void test_import_links(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	assert_int_equal(household_link(f->db, f->hid, f->husband, "户主", "2026-02-01", &err), JY_OK);
	const struct irow rows[] = {
		{ WIFE, "幸福里社区", "", "5-2-301", "配偶" },
		{ "周红", "1980-02-02", 'F', 21, "幸福里社区", "2030-03-01", "7-1-101", "户主" },
		{ "周小明", "2005-05-05", 'M', 23, "幸福里社区", "2030-03-01", "7-1-101", "子女" },
	};
	struct import_result res;
	struct jy_buf lines = { 0 };
	int64_t links = count_of(f->db, "SELECT count(*) FROM history WHERE action = 'link'");
	assert_int_equal(import_rows(f, rows, 3, IMPORT_DRY_RUN, &res, &lines), JY_OK);
	assert_int_equal(res.added, 2);
	assert_int_equal(res.updated, 1);
	assert_non_null(strstr(lines.s, "in.csv: the import would record 1 new household: 7-1-101"));
	buf_free(&lines);
	assert_int_equal(member_rows(f->db), 1);
	assert_int_equal(count_of(f->db, "SELECT count(*) FROM household"), 1);

	assert_int_equal(import_rows(f, rows, 3, 0, &res, &lines), JY_OK);
	assert_int_equal(res.added, 2);
	assert_int_equal(res.updated, 1);       /* her record unchanged, her household new */
	assert_non_null(strstr(lines.s, "in.csv: the import recorded 1 new household: 7-1-101"));
	buf_free(&lines);
	assert_int_equal(member_rows(f->db), 4);
	assert_int_equal(count_of(f->db, "SELECT count(*) FROM household WHERE hh_no = '7-1-101' "
	                                 "AND community = 'TX0101'"), 1);
	assert_int_equal(count_of(f->db, "SELECT count(*) FROM household_member m JOIN household h "
	                                 "ON h.id = m.household_id WHERE h.hh_no = '5-2-301' AND "
	                                 "m.relation = '2' AND m.since = '2030-06-15'"), 1);
	assert_int_equal(count_of(f->db, "SELECT count(*) FROM household_member m JOIN household h "
	                                 "ON h.id = m.household_id WHERE h.hh_no = '7-1-101' AND "
	                                 "m.since = '2030-03-01'"), 2);
	/* the audit trail: each link twice (the household's and the resident's), as the CLI's */
	assert_int_equal(count_of(f->db, "SELECT count(*) FROM history WHERE action = 'link'"), links + 3);

	assert_int_equal(import_rows(f, rows, 3, 0, &res, &lines), JY_OK);
	assert_int_equal(res.added + res.updated, 0);
	assert_int_equal(res.unchanged, 3);
	buf_free(&lines);
	assert_int_equal(member_rows(f->db), 4);

	/* empty cells never overwrite: she stays a member */
	const struct irow empty = { WIFE, "", "", "", "" };
	assert_int_equal(import_rows(f, &empty, 1, 0, &res, &lines), JY_OK);
	assert_int_equal(res.unchanged, 1);
	buf_free(&lines);
	assert_int_equal(member_rows(f->db), 4);

	/* the export read back: every row unchanged, 户号 and 与户主关系 as written */
	char path[128];
	snprintf(path, sizeof path, "%s/out.csv", f->dir);
	int n = 0;
	assert_int_equal(export_residents(f->db, path, SHEET_CSV, 0, "核对", &n, &err), JY_OK);
	FILE *fp = fopen(path, "r");
	char text[8192] = "";
	size_t got = fread(text, 1, sizeof text - 1, fp);
	text[got] = '\0';
	fclose(fp);
	assert_non_null(strstr(text, ",备注,户号,与户主关系\r\n"));
	assert_non_null(strstr(text, ",7-1-101,子女\r\n"));
	int64_t hist = count_of(f->db, "SELECT count(*) FROM history");
	assert_int_equal(import_residents(f->db, path, NULL, 0, collect_line, &lines, &res, &err), JY_OK);
	buf_free(&lines);
	assert_int_equal(res.added + res.updated + res.rejected, 0);
	assert_int_equal(res.unchanged, n);
	assert_int_equal(member_rows(f->db), 4);
	assert_int_equal(count_of(f->db, "SELECT count(*) FROM history"), hist);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule),
		cmocka_unit_test_setup_teardown(test_dated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_figures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_links, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
