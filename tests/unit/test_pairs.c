/* tests/unit/test_pairs.c: mentoring pairs (结对帮扶, core/casework/pair.c) — the state a pair's dates
 * give it (新增 its first year, 巩固 after, 结束 from the day it ended, a leap-day start); the rules
 * of saving, its log and its end, each refused case on its field with nothing saved, and no way
 * back from 结束; who may see and change them (a clerk her communities' only, statistics none);
 * the pairs gone quiet (pair.contact_days); and I1 and I2 on a hand-made set of pairs whose
 * figures are worked out by hand below. On the demo's registry with today 2030-06-15: the demo's
 * own pairs are dated 2029-2030, away from the 2026 periods the figures read. */
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>

struct fixture {
	char dir[64];
	char path[96];
	struct jy_db *db;
	struct jy_actor admin;
	int64_t helper;         /* 张丽娟, 女经纪人 */
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

static int64_t add_helper(struct jy_db *db, const char *name, const char *type)
{
	struct helper *h = helper_new();
	helper_set(h, HF_NAME, name);
	helper_set(h, HF_TYPE, type);
	helper_set(h, HF_PHONE, "13800000177");
	struct jy_err err = { 0 };
	if (helper_save(db, h, &err))
		fail_msg("%s: %s: %s", name, err.field, err.msg);
	int64_t id = h->id;
	helper_free(&h);
	return id;
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-pairs-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("JIUYE_TODAY", "2030-06-15", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	f->admin = *db_actor(f->db);
	assert_int_equal(worker_save(f->db, "wang", "王芳", ROLE_CLERK, "幸福里社区", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "qian", "钱军", ROLE_STATS, "", &err), JY_OK);
	f->helper = add_helper(f->db, "张丽娟", "女经纪人");
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

/* A pair of the helper #id with the resident reg_no from start; its id, *version its version. */
static int save_pair(struct jy_db *db, int64_t helper, const char *reg_no, const char *start,
                     int64_t *id, struct jy_err *err)
{
	char hid[24];
	snprintf(hid, sizeof hid, "#%lld", (long long)helper);
	struct mpair *p = pair_new();
	pair_set(p, PRF_TYPE, "姐妹帮扶");
	pair_set(p, PRF_HELPER, hid);
	pair_set(p, PRF_IDNO, reg_no);
	pair_set(p, PRF_START, start);
	pair_set(p, PRF_GOAL, "稳定就业");
	int rc = pair_save(db, p, err);
	*id = p->id;
	pair_free(&p);
	return rc;
}

static int64_t pair(struct fixture *f, const char *reg_no, const char *start)
{
	int64_t id;
	struct jy_err err = { 0 };
	if (save_pair(f->db, f->helper, reg_no, start, &id, &err))
		fail_msg("%s %s: %s: %s", reg_no, start, err.field, err.msg);
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

/* ---- the state ------------------------------------------------------------------------------- */

static void test_state(void **state)
{
	(void)state;
	static const struct {
		const char *start, *ended, *asof;
		int want;
	} cases[] = {
		{ "2026-03-01", NULL, "2026-02-28", -1 },                       /* not yet */
		{ "2026-03-01", NULL, "2026-03-01", PAIR_NEW },
		{ "2026-03-01", NULL, "2027-02-28", PAIR_NEW },                 /* the first year's last day */
		{ "2026-03-01", NULL, "2027-03-01", PAIR_KEPT },                /* its anniversary */
		{ "2026-12-31", NULL, "2027-12-30", PAIR_NEW },                 /* across the year's end */
		{ "2026-12-31", NULL, "2027-12-31", PAIR_KEPT },
		{ "2024-02-29", NULL, "2025-02-28", PAIR_NEW },                 /* a leap day's first year */
		{ "2024-02-29", NULL, "2025-03-01", PAIR_KEPT },
		{ "2026-03-01", "2027-05-01", "2027-04-30", PAIR_KEPT },
		{ "2026-03-01", "2027-05-01", "2027-05-01", PAIR_ENDED },       /* from the day it ended */
		{ "2026-03-01", "2026-06-01", "2026-06-01", PAIR_ENDED },       /* ended in its first year */
		{ "2026-03-01", "", "2030-01-01", PAIR_KEPT },
	};
	for (size_t k = 0; k < ARRAY_LEN(cases); k++)
		if (pair_state_on(cases[k].start, cases[k].ended, cases[k].asof) != cases[k].want)
			fail_msg("%s-%s on %s: %d", cases[k].start, cases[k].ended ? cases[k].ended : "",
			         cases[k].asof, pair_state_on(cases[k].start, cases[k].ended, cases[k].asof));
	assert_string_equal(pair_state_label(PAIR_NEW), "新增");
	assert_string_equal(pair_state_label(PAIR_KEPT), "巩固");
	assert_string_equal(pair_state_label(PAIR_ENDED), "结束");
}

/* ---- saving, the log and the end ------------------------------------------------------------- */

static void test_rules(void **state)
{
	struct fixture *f = *state;
	struct jy_db *db = f->db;
	struct jy_err err;
	int64_t before = count_of(db, "SELECT count(*) FROM mentor_pair");
	/* each refused on its field, nothing saved */
	static const struct {
		const char *type, *helper, *who, *start, *field, *says;
	} bad[] = {
		{ "姐妹帮扶", NULL, "R-000001", "2026-03-01", "帮扶人", "required" },
		{ "姐妹帮扶", "无名氏", "R-000001", "2026-03-01", "帮扶人", "not on the list" },
		{ "姐妹帮扶", "何丽萍", "R-000001", "2026-03-01", "帮扶人", "2 helpers" },
		{ "姐妹帮扶", "张丽娟", NULL, "2026-03-01", "身份证号", "required" },
		{ "姐妹帮扶", "张丽娟", "R-009999", "2026-03-01", "身份证号", "register her first" },
		{ "姐妹帮扶", "张丽娟", "330122199001010000", "2026-03-01", "身份证号", "register her first" },
		{ "姐妹帮扶", "张丽娟", "R-000001", "2030-06-16", "结对日期", "after today" },
		{ "姐妹帮扶", "张丽娟", "R-000001", "2026-02-30", "结对日期", "" },
		{ "对口帮扶", "张丽娟", "R-000001", "2026-03-01", "结对类型", "" },
		{ NULL, "张丽娟", "R-000001", "2026-03-01", "结对类型", "required" },
	};
	add_helper(db, "何丽萍", "女企业家");       /* the demo has one already */
	for (size_t k = 0; k < ARRAY_LEN(bad); k++) {
		struct mpair *p = pair_new();
		pair_set(p, PRF_TYPE, bad[k].type);
		pair_set(p, PRF_HELPER, bad[k].helper);
		pair_set(p, PRF_IDNO, bad[k].who);
		pair_set(p, PRF_START, bad[k].start);
		memset(&err, 0, sizeof err);
		int rc = pair_save(db, p, &err);
		pair_free(&p);
		if (rc != JY_EINVAL || strcmp(err.field, bad[k].field) || !strstr(err.msg, bad[k].says))
			fail_msg("bad %zu: %d %s: %s", k, rc, err.field, err.msg);
	}
	assert_int_equal(count_of(db, "SELECT count(*) FROM mentor_pair"), before);

	/* numbered by the year it started */
	int64_t a = pair(f, "R-000001", "2026-03-01"), b = pair(f, "R-000002", "2026-04-01");
	struct mpair *p = NULL;
	assert_int_equal(pair_load(db, b, &p, &err), JY_OK);
	assert_string_equal(pair_get(p, PRF_NO), "P-2026-002");
	assert_string_equal(p->name, "李桂芳");
	int64_t version = p->version;
	/* a stale version is refused and nothing changes */
	pair_set(p, PRF_GOAL, "学会家政技能");
	p->version = version + 1;
	assert_int_equal(pair_save(db, p, &err), JY_ECONFLICT);
	p->version = version;
	assert_int_equal(pair_save(db, p, &err), JY_OK);
	assert_int_equal(p->version, version + 1);
	version = p->version;
	pair_free(&p);
	(void)a;

	/* the log: dated from the start to today, of a kind of the list, with what was done */
	static const struct {
		const char *date, *kind, *content, *field;
	} contacts[] = {
		{ "2026-03-31", "走访", "入户了解", "联系日期" },        /* before it started */
		{ "2030-06-16", "走访", "入户了解", "联系日期" },        /* after today */
		{ "2026-05-01", "短信", "入户了解", "联系方式" },
		{ "2026-05-01", "走访", "  ", "帮扶内容" },
	};
	for (size_t k = 0; k < ARRAY_LEN(contacts); k++) {
		memset(&err, 0, sizeof err);
		int rc = pair_contact_add(db, b, contacts[k].date, contacts[k].kind, contacts[k].content, &err);
		if (rc != JY_EINVAL || strcmp(err.field, contacts[k].field))
			fail_msg("contact %zu: %d %s: %s", k, rc, err.field, err.msg);
	}
	assert_int_equal(pair_contact_add(db, b, "2026-04-01", "走访", "入户了解求职意向", &err), JY_OK);
	assert_int_equal(pair_contact_add(db, b, "2026-06-10", "帮扶活动", "介绍到家政公司", &err), JY_OK);
	static const struct {
		const char *kind, *amount;
		const char *field;
	} gifts[] = {
		{ "现金", "abc", "金额" }, { "现金", "0", "金额" }, { "现金", NULL, "金额" },
		{ "红包", "100", "款物类型" },
	};
	for (size_t k = 0; k < ARRAY_LEN(gifts); k++) {
		memset(&err, 0, sizeof err);
		int rc = pair_gift_add(db, b, "2026-05-01", gifts[k].kind, gifts[k].amount, "慰问", &err);
		if (rc != JY_EINVAL || strcmp(err.field, gifts[k].field))
			fail_msg("gift %zu: %d %s: %s", k, rc, err.field, err.msg);
	}
	assert_int_equal(pair_gift_add(db, b, "2026-05-01", "物资", "0.2万", "米、油", &err), JY_OK);
	assert_int_equal(count_of(db, "SELECT amount_fen FROM pair_gift ORDER BY id DESC LIMIT 1"), 200000);
	struct pair_log_row *log = NULL;
	int n = 0;
	assert_int_equal(pair_log(db, b, &log, &n, &err), JY_OK);
	assert_int_equal(n, 3);
	assert_string_equal(log[0].date, "2026-06-10");
	assert_int_equal(log[1].gift, 1);
	assert_int_equal(log[1].amount_fen, 200000);
	pair_log_free(&log, n);

	/* the end: with a reason, not before its last contact, once; then nothing more on it */
	assert_int_equal(pair_end(db, b, &version, "2026-07-01", "  ", &err), JY_EINVAL);
	assert_string_equal(err.field, "结束原因");
	assert_int_equal(pair_end(db, b, &version, "2026-06-09", "已稳定就业", &err), JY_EINVAL);
	assert_string_equal(err.field, "结束日期");
	int64_t stale = version - 1;
	assert_int_equal(pair_end(db, b, &stale, "2026-07-01", "已稳定就业", &err), JY_ECONFLICT);
	assert_int_equal(pair_end(db, b, &version, "2026-07-01", "已稳定就业", &err), JY_OK);
	assert_int_equal(pair_end(db, b, &version, "2026-08-01", "再次结束", &err), JY_EINVAL);
	assert_int_equal(pair_contact_add(db, b, "2026-07-02", "电话", "回访", &err), JY_EINVAL);
	assert_int_equal(pair_gift_add(db, b, "2026-07-02", "现金", "100", NULL, &err), JY_EINVAL);
	assert_int_equal(pair_load(db, b, &p, &err), JY_OK);
	assert_string_equal(p->ended_on, "2026-07-01");
	pair_set(p, PRF_GOAL, "重新结对");
	assert_int_equal(pair_save(db, p, &err), JY_EINVAL);      /* no way back from 结束 */
	pair_free(&p);
	/* the trail accounts for all of it */
	assert_true(count_of(db, "SELECT count(*) FROM history WHERE entity = 'mentor_pair' AND "
	                         "action IN ('create', 'update', 'end', 'contact', 'gift')") >= 6);
}

/* ---- who may see and change them --------------------------------------------------------------- */

static void test_access(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t mine = pair(f, "R-000001", "2026-03-01");     /* 王秀兰, 幸福里社区 */
	int64_t other = pair(f, "R-000002", "2026-03-01");    /* 李桂芳, 建设社区 */
	act_as(f, "wang");
	int64_t id;
	assert_int_equal(save_pair(f->db, f->helper, "R-000002", "2026-04-01", &id, &err), JY_EPERM);
	assert_int_equal(pair_contact_add(f->db, other, "2026-04-01", "走访", "入户", &err), JY_EPERM);
	assert_int_equal(pair_contact_add(f->db, mine, "2026-04-01", "走访", "入户", &err), JY_OK);
	struct mpair *p = NULL;
	assert_int_equal(pair_load(f->db, other, &p, &err), JY_EPERM);
	struct pair_row *rows = NULL;
	int n = 0, seen_mine = 0, seen_other = 0;
	assert_int_equal(pair_search(f->db, "", NULL, &rows, &n, &err), JY_OK);
	for (int k = 0; k < n; k++) {
		seen_mine |= rows[k].id == mine;
		seen_other |= rows[k].id == other;
	}
	free(rows);
	assert_true(seen_mine);
	assert_false(seen_other);
	/* statistics: figures only */
	act_as(f, "qian");
	assert_int_equal(pair_search(f->db, "", NULL, &rows, &n, &err), JY_EPERM);
	assert_int_equal(pair_due(f->db, NULL, 0, &rows, &n, &err), JY_EPERM);
	assert_int_equal(pair_load(f->db, mine, &p, &err), JY_EPERM);
	struct helper_row *hr = NULL;
	assert_int_equal(helper_search(f->db, "", &hr, &n, &err), JY_EPERM);
	act_as(f, NULL);
	/* lists show the helper's phone masked */
	assert_int_equal(helper_search(f->db, "张丽娟", &hr, &n, &err), JY_OK);
	assert_int_equal(n, 1);
	assert_string_equal(hr[0].phone, "138****0177");
	free(hr);
}

/* ---- the pairs gone quiet ----------------------------------------------------------------------- */

static int due_has(struct jy_db *db, const char *asof, int days, int64_t id)
{
	struct pair_row *rows = NULL;
	int n = 0, hit = 0;
	struct jy_err err = { 0 };
	assert_int_equal(pair_due(db, asof, days, &rows, &n, &err), JY_OK);
	for (int k = 0; k < n; k++)
		hit |= rows[k].id == id;
	free(rows);
	return hit;
}

static void test_due(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	/* A: last contact 2026-03-02; B: none since its start 2026-01-31; C: ended 2026-04-01 */
	int64_t a = pair(f, "R-000001", "2026-01-10");
	int64_t b = pair(f, "R-000002", "2026-01-31");
	int64_t c = pair(f, "R-000006", "2026-01-05");
	assert_int_equal(pair_contact_add(f->db, a, "2026-03-02", "电话", "了解近况", &err), JY_OK);
	int64_t v = 1;
	assert_int_equal(pair_end(f->db, c, &v, "2026-04-01", "已就业", &err), JY_OK);
	static const struct {
		const char *asof;
		int days, a, b, c;
	} cases[] = {
		/* 03-02 + 90 days = 05-31 (29 + 30 + 31): listed from that day */
		{ "2026-05-30", 90, 0, 1, 0 },          /* B: 01-31 + 90 = 05-01 */
		{ "2026-05-31", 90, 1, 1, 0 },
		{ "2026-04-30", 90, 0, 0, 0 },          /* B one day short; C ended */
		{ "2026-03-31", 0, 0, 0, 0 },           /* 0: the setting, 90 */
		{ "2026-04-01", 30, 1, 1, 0 },          /* 30 days: 03-02 + 30 = 04-01: A too */
	};
	for (size_t k = 0; k < ARRAY_LEN(cases); k++)
		if (due_has(f->db, cases[k].asof, cases[k].days, a) != cases[k].a ||
		    due_has(f->db, cases[k].asof, cases[k].days, b) != cases[k].b ||
		    due_has(f->db, cases[k].asof, cases[k].days, c) != cases[k].c)
			fail_msg("due on %s (%d days)", cases[k].asof, cases[k].days);
	/* the setting decides when none is given */
	assert_int_equal(setting_put(f->db, "pair.contact_days", "30", &err), JY_OK);
	assert_true(due_has(f->db, "2026-04-01", 0, a));
}

/* ---- I1 and I2 ---------------------------------------------------------------------------------- */

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

/* Four pairs around 2026-11 (against 2026-10), worked out by hand:
 *   PA 王秀兰 (幸福里) from 2025-06-10, running;
 *   PB 李桂芳 (建设) from 2026-10-15, running;
 *   PC 赵春梅 (幸福里) from 2026-11-05, running;
 *   PD 吴建国 (建设) from 2026-01-10, ended 2026-11-20.
 * I1N 新增: started in the month: November PC = 1; October PB = 1.
 * I1C 巩固: started before the month, running on its last day: November PA PB = 2 (PD ended on
 *     11-20); October PA PD = 2 (PB started in October).
 * I1E 结束: ended in the month: November PD = 1; October 0.
 * I2 款物: PA 11-03 现金 500元, PB 11-30 物资 0.2万 (2,000元), PD 10-31 120.50元, PA 12-01 80元:
 *     November 500 + 2000 = 2,500元 = 250,000 fen; October 120.50元 = 12,050 fen; by community
 *     幸福里 250,000 - 200,000 = 50,000 (PA's), 建设 200,000 (PB's). */
static void test_figures(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t pa = pair(f, "R-000001", "2025-06-10");
	int64_t pb = pair(f, "R-000002", "2026-10-15");
	pair(f, "R-000006", "2026-11-05");
	int64_t pd = pair(f, "R-000007", "2026-01-10");
	assert_int_equal(pair_gift_add(f->db, pa, "2026-11-03", "现金", "500", "慰问金", &err), JY_OK);
	assert_int_equal(pair_gift_add(f->db, pb, "2026-11-30", "物资", "0.2万", "缝纫机", &err), JY_OK);
	assert_int_equal(pair_gift_add(f->db, pd, "2026-10-31", "现金", "120.50", NULL, &err), JY_OK);
	assert_int_equal(pair_gift_add(f->db, pa, "2026-12-01", "现金", "80", NULL, &err), JY_OK);
	int64_t v = 1;
	assert_int_equal(pair_end(f->db, pd, &v, "2026-11-20", "迁出本县", &err), JY_OK);

	struct period p;
	struct report *r = NULL;
	assert_int_equal(period_parse("2026-11", &p, &err), JY_OK);
	assert_int_equal(report_compute(f->db, &p, BY_NONE, &r, &err), JY_OK);
	static const struct {
		const char *code;
		int64_t now, before;
	} want[] = {
		{ "I1N", 1, 1 }, { "I1C", 2, 2 }, { "I1E", 1, 0 }, { "I2", 250000, 12050 },
	};
	for (size_t k = 0; k < ARRAY_LEN(want); k++)
		if (fig(r, 0, 0, want[k].code) != want[k].now || fig(r, 1, 0, want[k].code) != want[k].before)
			fail_msg("%s: %lld (before %lld), expected %lld (%lld)", want[k].code,
			         (long long)fig(r, 0, 0, want[k].code), (long long)fig(r, 1, 0, want[k].code),
			         (long long)want[k].now, (long long)want[k].before);
	report_free(&r);

	assert_int_equal(report_compute(f->db, &p, BY_COMMUNITY, &r, &err), JY_OK);
	int xf = group_of(r, "TX0101"), js = group_of(r, "TX0102");
	assert_int_equal(fig(r, 0, xf, "I2"), 50000);
	assert_int_equal(fig(r, 0, js, "I2"), 200000);
	assert_int_equal(fig(r, 0, xf, "I1N"), 1);      /* PC */
	assert_int_equal(fig(r, 0, js, "I1E"), 1);      /* PD */
	assert_int_equal(fig(r, 0, xf, "I1C"), 1);      /* PA */
	assert_int_equal(fig(r, 0, js, "I1C"), 1);      /* PB */
	report_free(&r);

	/* the year 2026 against 2025: new PB PC PD = 3, kept PA = 1 (started 2025, running on
	 * 12-31), ended PD = 1; money 500 + 2000 + 120.50 + 80 = 2,700.50元 = 270,050 fen; 2025:
	 * new PA = 1 */
	assert_int_equal(period_parse("2026", &p, &err), JY_OK);
	assert_int_equal(report_compute(f->db, &p, BY_NONE, &r, &err), JY_OK);
	assert_int_equal(fig(r, 0, 0, "I1N"), 3);
	assert_int_equal(fig(r, 0, 0, "I1C"), 1);
	assert_int_equal(fig(r, 0, 0, "I1E"), 1);
	assert_int_equal(fig(r, 0, 0, "I2"), 270050);
	assert_int_equal(fig(r, 1, 0, "I1N"), 1);
	assert_int_equal(fig(r, 1, 0, "I1C"), 0);
	report_free(&r);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state),
		cmocka_unit_test_setup_teardown(test_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_access, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due, setup, teardown),
		cmocka_unit_test_setup_teardown(test_figures, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
