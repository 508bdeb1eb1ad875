/* tests/unit/test_assist.c: assistance and relief records (就业援助 / 帮困救助, core/casework/assist.c)
 * — the rules of saving, each refused case on its field with nothing saved (the kind and occasion
 * of their lists, money and its form together, goods named, the 4050 subsidy in money, links to
 * her own pair, case, placement or course only); numbering and versions; the lists' filters; who
 * may see and write them (a clerk her communities' only, statistics none); and E5, E6, K5 and I2
 * on a hand-made set of records whose figures are worked out by hand below. On the demo's
 * registry with today 2030-06-15: the demo's own records are dated 2029-2030, away from the 2026
 * periods the figures read. */
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>

struct fixture {
	char dir[64];
	char path[96];
	struct jy_db *db;
	struct jy_actor admin;
};

static void act_as(struct fixture *f, const char *os_user)
{
	if (!os_user) {
		assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
		return;
	}
	struct jy_actor who = { 0 };
	snprintf(who.os_user, sizeof who.os_user, "%s", os_user);
	assert_int_equal(db_set_actor(f->db, &who, NULL), JY_OK);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-assist-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("JIUYE_TODAY", "2030-06-15", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	f->admin = *db_actor(f->db);
	assert_int_equal(worker_save(f->db, "wang", "王芳", ROLE_CLERK, "幸福里社区", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "qian", "钱军", ROLE_STATS, "", &err), JY_OK);
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

/* One record's fields as a worker types them; NULL: left empty. */
struct in {
	const char *who, *kind, *date, *occasion, *form, *amount, *what, *pair, *rcase, *placement,
	           *course;
};

static int save(struct jy_db *db, const struct in *in, int64_t *id, struct jy_err *err)
{
	struct assist *a = assist_new();
	assist_set(a, ASF_IDNO, in->who);
	assist_set(a, ASF_KIND, in->kind);
	assist_set(a, ASF_DATE, in->date);
	assist_set(a, ASF_OCCASION, in->occasion);
	assist_set(a, ASF_FORM, in->form);
	assist_set(a, ASF_AMOUNT, in->amount);
	assist_set(a, ASF_WHAT, in->what);
	assist_set(a, ASF_PAIR, in->pair);
	assist_set(a, ASF_CASE, in->rcase);
	assist_set(a, ASF_PLACEMENT, in->placement);
	assist_set(a, ASF_COURSE, in->course);
	assist_set(a, ASF_FUNDER, "县妇联");
	memset(err, 0, sizeof *err);
	int rc = assist_save(db, a, err);
	if (id)
		*id = a->id;
	assist_free(&a);
	return rc;
}

static int64_t give(struct fixture *f, const struct in *in)
{
	int64_t id;
	struct jy_err err;
	if (save(f->db, in, &id, &err))
		fail_msg("%s %s %s: %s: %s", in->who, in->kind, in->date, err.field, err.msg);
	return id;
}

static int64_t count_of(struct jy_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void text_of(struct jy_db *db, const char *sql, char *out, size_t size)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* ---- the rules ----------------------------------------------------------------------------------- */

static void test_rules(void **state)
{
	struct fixture *f = *state;
	struct jy_db *db = f->db;
	struct jy_err err;
	/* the demo's case of 陈美玲 (R-000005) and pair of 黄淑芬 (R-000010), with the years it gave */
	char chen_case[24], huang_pair[24];
	text_of(db, "SELECT c.case_no FROM rights_case c JOIN resident r ON r.id = c.resident_id "
	        "WHERE r.reg_no = 'R-000005'", chen_case, sizeof chen_case);
	text_of(db, "SELECT p.pair_no FROM mentor_pair p JOIN resident r ON r.id = p.resident_id "
	        "WHERE r.reg_no = 'R-000010'", huang_pair, sizeof huang_pair);
	int64_t before = count_of(db, "SELECT count(*) FROM assistance");
	const struct {
		struct in in;
		const char *field, *says;
	} bad[] = {
		{ { .who = "R-000001", .date = "2026-03-01" }, "援助类型", "required" },
		{ { .who = "R-000001", .kind = "捐款", .date = "2026-03-01" }, "援助类型", "not in the list" },
		{ { .kind = "帮困救助", .date = "2026-03-01" }, "身份证号", "required" },
		{ { .who = "R-009999", .kind = "帮困救助", .date = "2026-03-01" }, "身份证号", "register her first" },
		{ { .who = "330122199001010000", .kind = "帮困救助", .date = "2026-03-01" }, "身份证号", "register her first" },
		{ { .who = "R-000001", .kind = "帮困救助", .date = "2030-06-16" }, "援助日期", "after today" },
		{ { .who = "R-000001", .kind = "帮困救助", .date = "2026-02-30" }, "援助日期", "" },
		{ { .who = "R-000001", .kind = "帮困救助", .date = "2026-03-01", .occasion = "国庆" }, "援助时机", "not in the list" },
		{ { .who = "R-000001", .kind = "帮困救助", .date = "2026-03-01", .amount = "五百" }, "金额", "" },
		{ { .who = "R-000001", .kind = "帮困救助", .date = "2026-03-01", .amount = "0" }, "金额", "more than 0" },
		{ { .who = "R-000001", .kind = "帮困救助", .date = "2026-03-01", .form = "现金" }, "金额", "required with 款物形式" },
		{ { .who = "R-000001", .kind = "慰问", .date = "2026-03-01", .what = "大米" }, "金额", "required with 物资名称" },
		{ { .who = "R-000001", .kind = "慰问", .date = "2026-03-01", .form = "物资", .amount = "200" }, "物资名称", "required for goods" },
		{ { .who = "R-000001", .kind = "4050就业援助", .date = "2026-03-01" }, "金额", "subsidy" },
		{ { .who = "R-000001", .kind = "4050", .date = "2026-03-01", .form = "物资", .amount = "200", .what = "大米" }, "款物形式", "in money" },
		{ { .who = "R-000001", .kind = "结对援助", .date = "2026-03-01", .pair = "P-2099-001" },
		  "结对编号", "not a record" },
		{ { .who = "R-000001", .kind = "结对援助", .date = "2026-03-01", .pair = huang_pair },
		  "结对编号", "another woman" },
		{ { .who = "R-000001", .kind = "维权援助", .date = "2026-03-01", .rcase = chen_case },
		  "案件编号", "another woman" },
		{ { .who = "R-000001", .kind = "岗位援助", .date = "2026-03-01", .placement = "#9999" },
		  "安置记录", "not a record" },
		{ { .who = "R-000001", .kind = "技能援助", .date = "2026-03-01", .course = "K-999" },
		  "培训班编号", "not a record" },
		{ { .who = "R-000003", .kind = "技能援助", .date = "2026-03-01", .course = "K-001" },
		  "培训班编号", "another woman" },       /* 张丽华 was not on K-001 */
	};
	for (size_t k = 0; k < ARRAY_LEN(bad); k++) {
		int rc = save(db, &bad[k].in, NULL, &err);
		if (rc != JY_EINVAL || strcmp(err.field, bad[k].field) || !strstr(err.msg, bad[k].says))
			fail_msg("bad %zu: %d %s: %s", k, rc, err.field, err.msg);
	}
	assert_int_equal(count_of(db, "SELECT count(*) FROM assistance"), before);

	/* her own links; money without its form is 现金; numbered by the year given */
	int64_t a = give(f, &(struct in){ .who = "R-000005", .kind = "维权援助", .date = "2026-03-01", .rcase = chen_case });
	int64_t b = give(f, &(struct in){ .who = "R-000001", .kind = "技能援助", .date = "2026-04-01", .occasion = "三八节", .amount = "0.05万", .course = "K-001" });
	struct assist *r = NULL;
	assert_int_equal(assist_load(db, a, &r, &err), JY_OK);
	assert_string_equal(assist_get(r, ASF_NO), "A-2026-001");
	assert_string_equal(r->name, "陈美玲");
	assert_true(r->case_id > 0);
	assist_free(&r);
	assert_int_equal(assist_load(db, b, &r, &err), JY_OK);
	assert_string_equal(assist_get(r, ASF_NO), "A-2026-002");
	assert_string_equal(assist_get(r, ASF_FORM), "1");
	assert_string_equal(assist_get(r, ASF_OCCASION), "2");
	assert_string_equal(assist_get(r, ASF_AMOUNT), "500.00");
	assert_int_equal(r->amount_fen, 50000);
	assert_string_equal(assist_get(r, ASF_WORKER), f->admin.name[0] ? f->admin.name : f->admin.os_user);
	/* a stale version is refused and nothing changes; the right one saves and moves on */
	int64_t version = r->version;
	assist_set(r, ASF_AMOUNT, "600");
	r->version = version + 1;
	assert_int_equal(assist_save(db, r, &err), JY_ECONFLICT);
	assert_int_equal(count_of(db, "SELECT amount_fen FROM assistance WHERE assist_no = 'A-2026-002'"),
	                 50000);
	r->version = version;
	assert_int_equal(assist_save(db, r, &err), JY_OK);
	assert_int_equal(r->version, version + 1);
	assist_free(&r);
	assert_int_equal(count_of(db, "SELECT amount_fen FROM assistance WHERE assist_no = 'A-2026-002'"),
	                 60000);
	/* her history names it, its own history has its creation and the change */
	assert_int_equal(count_of(db, "SELECT count(*) FROM history WHERE entity = 'assistance' AND "
	                          "action IN ('create', 'update') AND entity_id = (SELECT id FROM "
	                          "assistance WHERE assist_no = 'A-2026-002')"), 2);
	assert_int_equal(count_of(db, "SELECT count(*) FROM history WHERE entity = 'resident' AND "
	                          "action = 'assistance' AND changes LIKE '%A-2026-002%'"), 1);
}

/* ---- the lists and who sees them ----------------------------------------------------------------- */

static int listed(struct jy_db *db, const struct assist_filter *flt)
{
	struct assist_row *rows = NULL;
	int n = 0;
	struct jy_err err = { 0 };
	if (assist_search(db, flt, &rows, &n, &err))
		fail_msg("search: %s: %s", err.field, err.msg);
	free(rows);
	return n;
}

static void test_lists(void **state)
{
	struct fixture *f = *state;
	struct jy_db *db = f->db;
	give(f, &(struct in){ .who = "R-000001", .kind = "4050就业援助", .date = "2026-03-01", .amount = "1200" });
	give(f, &(struct in){ .who = "R-000002", .kind = "帮困救助", .date = "2026-01-20", .occasion = "两节", .amount = "500" });
	give(f, &(struct in){ .who = "R-000006", .kind = "慰问", .date = "2026-03-07", .occasion = "三八", .form = "物资", .amount = "200", .what = "大米、食用油" });
	static const struct {
		struct assist_filter f;
		int n;
	} cases[] = {
		{ { .kind = "4050", .from = "2026-01-01", .to = "2026-12-31" }, 1 },
		{ { .occasion = "两节", .from = "2026-01-01", .to = "2026-12-31" }, 1 },
		{ { .from = "2026-01-01", .to = "2026-12-31" }, 3 },
		{ { .from = "2026-02-01", .to = "2026-03-06" }, 1 },         /* 03-01 only */
		{ { .query = "赵春梅", .from = "2026-01-01", .to = "2026-12-31" }, 1 },
		{ { .query = "大米", .from = "2026-01-01", .to = "2026-12-31" }, 1 },
		{ { .query = "慰问", .from = "2026-01-01", .to = "2026-12-31" }, 1 },   /* the kind's label */
		{ { .query = "R-000002", .from = "2026-01-01", .to = "2026-12-31" }, 1 },
	};
	for (size_t k = 0; k < ARRAY_LEN(cases); k++)
		if (listed(db, &cases[k].f) != cases[k].n)
			fail_msg("list %zu: %d, expected %d", k, listed(db, &cases[k].f), cases[k].n);
	/* a filter that is no code or no date is refused on its field */
	struct assist_row *rows = NULL;
	int n = 0;
	struct jy_err err = { 0 };
	assert_int_equal(assist_search(db, &(struct assist_filter){ .kind = "捐款" }, &rows, &n, &err),
	                 JY_EINVAL);
	assert_string_equal(err.field, "援助类型");
	assert_int_equal(assist_search(db, &(struct assist_filter){ .from = "2026-13-01" },
	                               &rows, &n, &err), JY_EINVAL);
	assert_string_equal(err.field, "援助日期");
}

static void test_access(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t mine = give(f, &(struct in){ .who = "R-000001", .kind = "帮困救助", .date = "2026-03-01", .amount = "300" });
	int64_t other = give(f, &(struct in){ .who = "R-000002", .kind = "帮困救助", .date = "2026-03-01", .amount = "300" });
	act_as(f, "wang");      /* 幸福里社区: 王秀兰 is hers, 李桂芳 (建设社区) is not */
	assert_int_equal(save(f->db, &(struct in){ .who = "R-000002", .kind = "慰问", .date = "2026-04-01" },
	                      NULL, &err), JY_EPERM);
	int64_t hers;
	assert_int_equal(save(f->db, &(struct in){ .who = "R-000001", .kind = "慰问", .date = "2026-04-01" },
	                      &hers, &err), JY_OK);
	struct assist *a = NULL;
	assert_int_equal(assist_load(f->db, other, &a, &err), JY_EPERM);
	assert_int_equal(assist_load(f->db, mine, &a, &err), JY_OK);
	assist_free(&a);
	assert_int_equal(assist_load(f->db, hers, &a, &err), JY_OK);
	/* the worker saving it: her login, as this session knows no name for it */
	assert_string_equal(assist_get(a, ASF_WORKER), "wang");
	assist_free(&a);
	struct assist_row *rows = NULL;
	int n = 0, seen_mine = 0, seen_other = 0;
	assert_int_equal(assist_search(f->db, NULL, &rows, &n, &err), JY_OK);
	for (int k = 0; k < n; k++) {
		seen_mine |= rows[k].id == mine;
		seen_other |= rows[k].id == other;
	}
	free(rows);
	assert_true(seen_mine);
	assert_false(seen_other);
	/* statistics: figures only */
	act_as(f, "qian");
	assert_int_equal(assist_search(f->db, NULL, &rows, &n, &err), JY_EPERM);
	assert_int_equal(assist_load(f->db, mine, &a, &err), JY_EPERM);
	assert_int_equal(save(f->db, &(struct in){ .who = "R-000001", .kind = "慰问", .date = "2026-04-01" }, NULL, &err), JY_EPERM);
	act_as(f, NULL);
}

/* ---- E5, E6, K5 and I2 ----------------------------------------------------------------------------- */

static int64_t fig(const struct report *r, int prev, int g, const char *code)
{
	for (int i = 0; i < report_ninds; i++)
		if (strcmp(report_inds[i].code, code) == 0)
			return (prev ? r->prev_v : r->cur_v)[(size_t)g * (size_t)report_ninds + (size_t)i].num;
	fail_msg("no indicator %s", code);
	return -1;
}

static int group_of(const struct report *r, const char *key)
{
	for (int g = 0; g < r->ngroups; g++)
		if (strcmp(r->group_key[g], key) == 0)
			return g;
	fail_msg("no group %s", key);
	return -1;
}

/* Fourteen records around 2026-11 (against 2026-10), worked out by hand; 王秀兰 R1 and 赵春梅 R6
 * of 幸福里 (TX0101), 李桂芳 R2 and 吴建国 R7 of 建设 (TX0102):
 *   4050: R1 11-03 1200元, R2 11-20 800元, R1 11-25 300.50元, R2 10-15 1000元;
 *   四大援助: R6 岗位 11-05, R6 技能 11-06, R7 维权 11-07 and 11-30, R1 结对 10-31, R1 结对 11-15
 *     300元 with her pair PA;
 *   relief: R2 帮困 11-10 500元, R6 慰问 11-12 物资 200元, R2 慰问 12-01 100元, R7 帮困 10-01 0.3万;
 *   and PA's own log: 11-03 现金 500元.
 * E5 people: November R1 R2 = 2; October R2 = 1.
 * E5A: November 1200 + 800 + 300.50 = 2,300.50元 = 230,050 fen; October 1,000元 = 100,000.
 * E6: November 岗位 技能 维权 维权 结对 = 5 (E6-1 1, E6-2 1, E6-3 1, E6-4 2); October 结对 = 1.
 * K5 people: November R2 R6 = 2 (12-01 is December); October R7 = 1.
 * K5A: November 500 + 200 = 700元 = 70,000 fen; October 3,000元 = 300,000.
 * I2: November PA's 500 + the 结对援助 of PA 300 = 800元 = 80,000 fen; October none.
 * By community in November: 幸福里 E5 1 (R1), E5A 1200 + 300.50 = 150,050, E6 3 (岗位 技能 结对),
 *   K5 1 (R6), K5A 20,000; 建设 E5 1 (R2), E5A 80,000, E6 2 (维权 ×2), K5 1 (R2), K5A 50,000.
 * The year 2026: E5 R1 R2 = 2, E5A 2,300.50 + 1,000 = 3,300.50元 = 330,050; E6 6; K5 R2 R6 R7 = 3,
 *   K5A 500 + 200 + 100 + 3,000 = 3,800元 = 380,000. */
static void test_figures(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct helper *h = helper_new();
	helper_set(h, HF_NAME, "张丽娟");
	helper_set(h, HF_TYPE, "女经纪人");
	assert_int_equal(helper_save(f->db, h, &err), JY_OK);
	char hid[24];
	snprintf(hid, sizeof hid, "#%lld", (long long)h->id);
	helper_free(&h);
	struct mpair *p = pair_new();
	pair_set(p, PRF_TYPE, "姐妹帮扶");
	pair_set(p, PRF_HELPER, hid);
	pair_set(p, PRF_IDNO, "R-000001");
	pair_set(p, PRF_START, "2025-06-10");
	assert_int_equal(pair_save(f->db, p, &err), JY_OK);
	char pa[24];
	snprintf(pa, sizeof pa, "%s", pair_get(p, PRF_NO));
	assert_int_equal(pair_gift_add(f->db, p->id, "2026-11-03", "现金", "500", "慰问金", &err), JY_OK);
	pair_free(&p);

	static const struct in recs[] = {
		{ .who = "R-000001", .kind = "4050就业援助", .date = "2026-11-03", .amount = "1200" },
		{ .who = "R-000002", .kind = "4050就业援助", .date = "2026-11-20", .amount = "800" },
		{ .who = "R-000001", .kind = "4050就业援助", .date = "2026-11-25", .amount = "300.50" },
		{ .who = "R-000002", .kind = "4050就业援助", .date = "2026-10-15", .amount = "1000" },
		{ .who = "R-000006", .kind = "岗位援助", .date = "2026-11-05" },
		{ .who = "R-000006", .kind = "技能援助", .date = "2026-11-06" },
		{ .who = "R-000007", .kind = "维权援助", .date = "2026-11-07" },
		{ .who = "R-000007", .kind = "维权援助", .date = "2026-11-30" },
		{ .who = "R-000001", .kind = "结对援助", .date = "2026-10-31" },
		{ .who = "R-000002", .kind = "帮困救助", .date = "2026-11-10", .occasion = "两节", .amount = "500" },
		{ .who = "R-000006", .kind = "慰问", .date = "2026-11-12", .occasion = "其他", .form = "物资", .amount = "200", .what = "大米" },
		{ .who = "R-000002", .kind = "慰问", .date = "2026-12-01", .amount = "100" },
		{ .who = "R-000007", .kind = "帮困救助", .date = "2026-10-01", .amount = "0.3万" },
	};
	for (size_t k = 0; k < ARRAY_LEN(recs); k++)
		give(f, &recs[k]);
	give(f, &(struct in){ .who = "R-000001", .kind = "结对援助", .date = "2026-11-15", .amount = "300", .pair = pa });

	struct period per;
	struct report *r = NULL;
	assert_int_equal(period_parse("2026-11", &per, &err), JY_OK);
	assert_int_equal(report_compute(f->db, &per, BY_NONE, &r, &err), JY_OK);
	static const struct {
		const char *code;
		int64_t now, before;
	} want[] = {
		{ "E5", 2, 1 }, { "E5A", 230050, 100000 }, { "E6", 5, 1 }, { "E6-1", 1, 1 },
		{ "E6-2", 1, 0 }, { "E6-3", 1, 0 }, { "E6-4", 2, 0 }, { "K5", 2, 1 },
		{ "K5A", 70000, 300000 }, { "I2", 80000, 0 },
	};
	for (size_t k = 0; k < ARRAY_LEN(want); k++)
		if (fig(r, 0, 0, want[k].code) != want[k].now || fig(r, 1, 0, want[k].code) != want[k].before)
			fail_msg("%s: %lld (before %lld), expected %lld (%lld)", want[k].code,
			         (long long)fig(r, 0, 0, want[k].code), (long long)fig(r, 1, 0, want[k].code),
			         (long long)want[k].now, (long long)want[k].before);
	report_free(&r);

	assert_int_equal(report_compute(f->db, &per, BY_COMMUNITY, &r, &err), JY_OK);
	int xf = group_of(r, "TX0101"), js = group_of(r, "TX0102");
	static const struct {
		const char *code;
		int64_t xf, js;
	} by[] = {
		{ "E5", 1, 1 }, { "E5A", 150050, 80000 }, { "E6", 3, 2 }, { "K5", 1, 1 },
		{ "K5A", 20000, 50000 },
	};
	for (size_t k = 0; k < ARRAY_LEN(by); k++)
		if (fig(r, 0, xf, by[k].code) != by[k].xf || fig(r, 0, js, by[k].code) != by[k].js)
			fail_msg("%s by community: %lld %lld, expected %lld %lld", by[k].code,
			         (long long)fig(r, 0, xf, by[k].code), (long long)fig(r, 0, js, by[k].code),
			         (long long)by[k].xf, (long long)by[k].js);
	report_free(&r);

	/* the people behind E5 and K5: 王秀兰 and 李桂芳; 李桂芳 and 赵春梅 (registration order) */
	static const struct {
		const char *code, *reg[3];
	} lists[] = {
		{ "E5", { "R-000001", "R-000002" } }, { "K5", { "R-000002", "R-000006" } },
	};
	for (size_t k = 0; k < ARRAY_LEN(lists); k++) {
		int i = 0;
		while (strcmp(report_inds[i].code, lists[k].code))
			i++;
		int64_t *ids = NULL;
		size_t n = 0;
		assert_int_equal(report_people_ids(f->db, &per, BY_NONE, "", i, &ids, &n, &err), JY_OK);
		assert_int_equal(n, 2);
		for (size_t j = 0; j < n; j++) {
			char *sql = xasprintf("SELECT reg_no = '%s' FROM resident WHERE id = %lld",
			                      lists[k].reg[j], (long long)ids[j]);
			if (count_of(f->db, sql) != 1)
				fail_msg("%s: person %zu is not %s", lists[k].code, j, lists[k].reg[j]);
			free(sql);
		}
		free(ids);
	}

	assert_int_equal(period_parse("2026", &per, &err), JY_OK);
	assert_int_equal(report_compute(f->db, &per, BY_NONE, &r, &err), JY_OK);
	assert_int_equal(fig(r, 0, 0, "E5"), 2);
	assert_int_equal(fig(r, 0, 0, "E5A"), 330050);
	assert_int_equal(fig(r, 0, 0, "E6"), 6);
	assert_int_equal(fig(r, 0, 0, "K5"), 3);
	assert_int_equal(fig(r, 0, 0, "K5A"), 380000);
	report_free(&r);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_access, setup, teardown),
		cmocka_unit_test_setup_teardown(test_figures, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
