/* tests/unit/test_migrants.c: the roster of migrant women (流动妇女平安之家, core/casework/migrant.c) —
 * the rules of joining, each refused case on its field with nothing saved; the employer of the
 * jobs list or as typed; the monthly check (one a month, found gone ends her membership), leaving
 * once; who may see and change a member (a clerk her communities' only, statistics none); the
 * services read from her other records; who is due for her check (migrant.check_days); and L1-L3
 * on a hand-made roster whose figures are worked out by hand below. On the demo's registry with
 * today 2030-06-15: the demo's own records are dated 2029-2030, away from the 2026 periods. */
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
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-migrants-XXXXXX");
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

/* A member: who (ID number or registration number), from origin, with permit (its date when
 * one), joined on joined; her id. */
static int save_member(struct jy_db *db, const char *who, const char *origin, const char *permit,
                       const char *issued, const char *employer, const char *joined, int64_t *id,
                       struct jy_err *err)
{
	struct migrant *m = migrant_new();
	migrant_set(m, MGF_IDNO, who);
	migrant_set(m, MGF_ORIGIN, origin);
	migrant_set(m, MGF_PERMIT, permit);
	migrant_set(m, MGF_PERMIT_ON, issued);
	migrant_set(m, MGF_EMPLOYER, employer);
	migrant_set(m, MGF_JOINED, joined);
	int rc = migrant_save(db, m, err);
	*id = m->id;
	migrant_free(&m);
	return rc;
}

static int64_t member(struct fixture *f, const char *reg_no, const char *joined)
{
	int64_t id;
	struct jy_err err = { 0 };
	if (save_member(f->db, reg_no, "贵州毕节", "居住证", "2025-12-01", NULL, joined, &id, &err))
		fail_msg("%s %s: %s: %s", reg_no, joined, err.field, err.msg);
	return id;
}

static void check(struct fixture *f, int64_t id, const char *date, const char *outcome)
{
	struct jy_err err = { 0 };
	if (migrant_check(f->db, id, date, outcome, NULL, &err))
		fail_msg("check %lld %s: %s: %s", (long long)id, date, err.field, err.msg);
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

/* The ID number of the resident registered as reg_no. */
static void id_of(struct jy_db *db, const char *reg_no, char out[24])
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db), "SELECT id_no FROM resident WHERE reg_no = ?1",
	                                    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, reg_no, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, 24, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* ---- joining ------------------------------------------------------------------------------------ */

static void test_rules(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *who, *origin, *permit, *issued, *joined;
		int rc;
		const char *field;
	} bad[] = {
		{ "R-000001", "", "居住证", "2025-01-01", NULL, JY_EINVAL, "籍贯" },
		{ "R-000001", "贵州毕节", "绿卡", "2025-01-01", NULL, JY_EINVAL, "居住证件" },
		{ "R-000001", "贵州毕节", "", NULL, NULL, JY_EINVAL, "居住证件" },
		{ "R-000001", "贵州毕节", "暂住证", NULL, NULL, JY_EINVAL, "办证日期" },
		{ "R-000001", "贵州毕节", "无", "2025-01-01", NULL, JY_EINVAL, "办证日期" },
		{ "R-000001", "贵州毕节", "居住证", "2031-01-01", NULL, JY_EINVAL, "办证日期" },
		{ "R-000001", "贵州毕节", "居住证", "2025-01-01", "2030-07-01", JY_EINVAL, "入册日期" },
		{ "R-000001", "贵州毕节", "居住证", "2025-01-01", "2026-02-30", JY_EINVAL, "入册日期" },
		{ "R-999999", "贵州毕节", "居住证", "2025-01-01", NULL, JY_EINVAL, "身份证号" },
		{ "110101199001011234", "安徽阜阳", "无", NULL, NULL, JY_EINVAL, "身份证号" },
		{ "", "安徽阜阳", "无", NULL, NULL, JY_EINVAL, "身份证号" },
	};
	struct jy_err err = { 0 };
	int64_t id;
	for (size_t k = 0; k < ARRAY_LEN(bad); k++) {
		memset(&err, 0, sizeof err);
		int rc = save_member(f->db, bad[k].who, bad[k].origin, bad[k].permit, bad[k].issued, NULL,
		                     bad[k].joined, &id, &err);
		if (rc != bad[k].rc || strcmp(err.field, bad[k].field) != 0)
			fail_msg("case %zu: %d on %s (%s), expected %d on %s", k, rc, err.field, err.msg,
			         bad[k].rc, bad[k].field);
	}
	/* the demo's 陈美玲 only */
	assert_int_equal(count_of(f->db, "SELECT count(*) FROM migrant"), 1);

	/* her employer by its code is the jobs list's, kept by its name; a firm not on it as typed;
	 * 无 needs no date; an alias of the permit's list */
	int64_t a, b;
	if (save_member(f->db, "R-000001", " 贵州毕节 ", "居住", "2025-12-01", "E02", "2026-03-01", &a,
	                &err))
		fail_msg("%s: %s", err.field, err.msg);
	/* by her ID number (the demo's are made for its dates) */
	char idno[24], idno1[24];
	id_of(f->db, "R-000002", idno);
	id_of(f->db, "R-000001", idno1);
	if (save_member(f->db, idno, "安徽阜阳", "未办", NULL, "阿香小吃店", NULL, &b,
	                &err))
		fail_msg("%s: %s", err.field, err.msg);
	struct migrant *m = NULL;
	assert_int_equal(migrant_load(f->db, a, &m, &err), JY_OK);
	assert_string_equal(migrant_get(m, MGF_EMPLOYER), "桐溪明华服装针织有限公司");
	assert_true(m->employer_id > 0);
	assert_string_equal(migrant_get(m, MGF_ORIGIN), "贵州毕节");
	assert_string_equal(migrant_get(m, MGF_PERMIT), "2");
	assert_string_equal(m->reg_no, "R-000001");
	migrant_free(&m);
	assert_int_equal(migrant_load(f->db, b, &m, &err), JY_OK);
	assert_int_equal(m->employer_id, 0);
	assert_string_equal(migrant_get(m, MGF_EMPLOYER), "阿香小吃店");
	assert_string_equal(migrant_get(m, MGF_PERMIT), "9");
	assert_string_equal(migrant_get(m, MGF_JOINED), "2030-06-15");     /* today */
	migrant_free(&m);
	/* one open membership: the second is refused, nothing saved */
	assert_int_equal(save_member(f->db, "R-000001", "贵州", "无", NULL, NULL, NULL, &id, &err), JY_EDUP);
	assert_string_equal(err.field, "身份证号");
	assert_non_null(strstr(err.msg, "2026-03-01"));
	assert_int_equal(count_of(f->db, "SELECT count(*) FROM migrant"), 3);
	/* found by her ID number or registration number */
	assert_int_equal(migrant_find(f->db, idno1, &id, &err), JY_OK);
	assert_int_equal(id, a);
	assert_int_equal(migrant_find(f->db, "r-000002", &id, &err), JY_OK);
	assert_int_equal(id, b);
	assert_int_equal(migrant_find(f->db, "R-000006", &id, &err), JY_EINVAL);   /* not a member */
	assert_string_equal(err.field, "身份证号");

	/* a change at its version; a stale version is refused */
	assert_int_equal(migrant_load(f->db, a, &m, &err), JY_OK);
	migrant_set(m, MGF_EMPLOYER, "阿香小吃店");
	assert_int_equal(migrant_save(f->db, m, &err), JY_OK);
	assert_int_equal(m->version, 2);
	m->version = 1;
	migrant_set(m, MGF_ORIGIN, "贵州遵义");
	assert_int_equal(migrant_save(f->db, m, &err), JY_ECONFLICT);
	migrant_free(&m);
	assert_int_equal(count_of(f->db, "SELECT count(*) FROM migrant WHERE origin = '贵州遵义'"), 0);
	assert_int_equal(count_of(f->db, "SELECT count(*) FROM history WHERE entity = 'migrant' "
	                          "AND action = 'update'"), 1);
}

/* ---- the checks and leaving --------------------------------------------------------------------- */

static void test_checks(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t a = member(f, "R-000001", "2026-03-01");
	static const struct {
		const char *date, *outcome;
		const char *field;
	} bad[] = {
		{ "2026-02-28", "在住", "复核日期" },      /* before she joined */
		{ "2030-06-16", "在住", "复核日期" },      /* tomorrow */
		{ "2026-04-31", "在住", "复核日期" },
		{ "2026-04-02", "出国", "复核结果" },
	};
	for (size_t k = 0; k < ARRAY_LEN(bad); k++) {
		memset(&err, 0, sizeof err);
		if (migrant_check(f->db, a, bad[k].date, bad[k].outcome, NULL, &err) != JY_EINVAL ||
		    strcmp(err.field, bad[k].field) != 0)
			fail_msg("check %zu: on %s (%s), expected %s", k, err.field, err.msg, bad[k].field);
	}
	check(f, a, "2026-04-02", NULL);               /* 在住 when nothing is said */
	/* one a month: a second in April is refused, May's is not */
	assert_int_equal(migrant_check(f->db, a, "2026-04-30", "在住", NULL, &err), JY_EINVAL);
	assert_string_equal(err.field, "复核日期");
	assert_non_null(strstr(err.msg, "2026-04-02"));
	check(f, a, "2026-05-06", "仍在");
	assert_int_equal(count_of(f->db, "SELECT count(*) FROM migrant_check"), 4);   /* the demo's two */
	/* leaving: a reason, not before her last check */
	struct migrant *m = NULL;
	assert_int_equal(migrant_load(f->db, a, &m, &err), JY_OK);
	int64_t v = m->version;
	migrant_free(&m);
	assert_int_equal(migrant_leave(f->db, a, &v, "2026-06-01", "", &err), JY_EINVAL);
	assert_string_equal(err.field, "离开原因");
	assert_int_equal(migrant_leave(f->db, a, &v, "2026-05-01", "返乡", &err), JY_EINVAL);
	assert_string_equal(err.field, "离开日期");
	int64_t stale = v - 1;
	assert_int_equal(migrant_leave(f->db, a, &stale, "2026-06-01", "返乡", &err), JY_ECONFLICT);
	assert_int_equal(migrant_leave(f->db, a, &v, "2026-06-01", "返乡", &err), JY_OK);
	/* once left: no check, no second leaving, no change; she may join again */
	assert_int_equal(migrant_check(f->db, a, "2026-07-01", "在住", NULL, &err), JY_EINVAL);
	assert_int_equal(migrant_leave(f->db, a, &v, "2026-07-01", "返乡", &err), JY_EINVAL);
	assert_int_equal(migrant_load(f->db, a, &m, &err), JY_OK);
	assert_string_equal(m->left_on, "2026-06-01");
	assert_string_equal(m->left_reason, "返乡");
	migrant_set(m, MGF_ORIGIN, "贵州遵义");
	assert_int_equal(migrant_save(f->db, m, &err), JY_EINVAL);
	migrant_free(&m);
	int64_t again = member(f, "R-000001", "2027-01-10");
	int64_t id;
	assert_int_equal(migrant_find(f->db, "R-000001", &id, &err), JY_OK);
	assert_int_equal(id, again);

	/* a check that finds her gone ends her membership on its day, the finding its reason */
	int64_t b = member(f, "R-000006", "2026-03-01");
	assert_int_equal(migrant_check(f->db, b, "2026-04-03", "迁出", "搬到城北", &err), JY_OK);
	assert_int_equal(migrant_load(f->db, b, &m, &err), JY_OK);
	assert_string_equal(m->left_on, "2026-04-03");
	assert_string_equal(m->left_reason, "迁出：搬到城北");
	assert_string_equal(m->last_check, "2026-04-03");
	migrant_free(&m);
	struct migrant_check_row *rows = NULL;
	int n = 0;
	assert_int_equal(migrant_checks(f->db, b, &rows, &n, &err), JY_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].outcome, "3");
	assert_string_equal(rows[0].note, "搬到城北");
	migrant_checks_free(&rows, n);
	assert_int_equal(count_of(f->db, "SELECT count(*) FROM history WHERE entity = 'migrant' "
	                          "AND action = 'leave'"), 2);
}

/* ---- who may see them, and her services --------------------------------------------------------- */

static void test_access(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t mine = member(f, "R-000001", "2026-03-01");     /* 王秀兰, 幸福里社区 */
	int64_t other = member(f, "R-000002", "2026-03-01");    /* 李桂芳, 建设社区 */
	act_as(f, "wang");
	int64_t id;
	assert_int_equal(save_member(f->db, "R-000010", "江西", "无", NULL, NULL, NULL, &id, &err), JY_EPERM);
	assert_int_equal(migrant_check(f->db, other, "2026-04-01", "在住", NULL, &err), JY_EPERM);
	assert_int_equal(migrant_check(f->db, mine, "2026-04-01", "在住", NULL, &err), JY_OK);
	struct migrant *m = NULL;
	assert_int_equal(migrant_load(f->db, other, &m, &err), JY_EPERM);
	struct migrant_row *rows = NULL;
	int n = 0, seen_mine = 0, seen_other = 0;
	assert_int_equal(migrant_search(f->db, "", "2026-04-15", &rows, &n, &err), JY_OK);
	for (int k = 0; k < n; k++) {
		seen_mine |= rows[k].id == mine;
		seen_other |= rows[k].id == other;
	}
	assert_true(seen_mine);
	assert_false(seen_other);
	free(rows);
	act_as(f, "qian");
	assert_int_equal(migrant_search(f->db, "", NULL, &rows, &n, &err), JY_EPERM);
	assert_int_equal(migrant_due(f->db, NULL, 0, &rows, &n, &err), JY_EPERM);
	assert_int_equal(migrant_load(f->db, mine, &m, &err), JY_EPERM);
	assert_int_equal(save_member(f->db, "R-000006", "江西", "无", NULL, NULL, NULL, &id, &err), JY_EPERM);
	act_as(f, NULL);

	/* her services since she joined: a mentoring pair of April shows, with its number */
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
	pair_set(p, PRF_START, "2026-04-01");
	assert_int_equal(pair_save(f->db, p, &err), JY_OK);
	char no[24];
	snprintf(no, sizeof no, "%s", pair_get(p, PRF_NO));
	pair_free(&p);
	struct migrant_service *s = NULL;
	assert_int_equal(migrant_services(f->db, mine, &s, &n, &err), JY_OK);
	int pairs = 0;
	for (int k = 0; k < n; k++) {
		if (strcmp(s[k].date, "2026-03-01") < 0)
			fail_msg("a service of %s, before she joined", s[k].date);
		if (strcmp(s[k].kind, "结对") == 0 && strcmp(s[k].date, "2026-04-01") == 0 &&
		    strstr(s[k].text, no) && strstr(s[k].text, "张丽娟"))
			pairs++;
		if (k && strcmp(s[k - 1].date, s[k].date) < 0)
			fail_msg("services not newest first: %s before %s", s[k - 1].date, s[k].date);
	}
	migrant_services_free(&s, n);
	assert_int_equal(pairs, 1);
	act_as(f, "qian");
	assert_int_equal(migrant_services(f->db, mine, &s, &n, &err), JY_EPERM);
	act_as(f, NULL);
}

/* ---- the monthly check's due list, and the figures ---------------------------------------------- */

struct roster {
	int64_t ma, mb, mc, md, me;
};

/* Five members around 2026-11 (against 2026-10):
 *   MA 王秀兰 (幸福里) joined 2026-03-01, checked 10-08 and 11-05, here;
 *   MB 李桂芳 (建设) joined 2026-10-20, checked 11-30, here;
 *   MC 赵春梅 (幸福里) joined 2026-11-12, not checked;
 *   MD 黄淑芬 (建设) joined 2026-01-15, checked 10-10, then 11-18 found gone (离开: left 11-18);
 *   ME 郑小娟 (民主) joined 2026-02-01, left 2026-10-25 (返乡), never checked. */
static struct roster roster_make(struct fixture *f)
{
	struct roster r;
	struct jy_err err = { 0 };
	r.ma = member(f, "R-000001", "2026-03-01");
	r.mb = member(f, "R-000002", "2026-10-20");
	r.mc = member(f, "R-000006", "2026-11-12");
	r.md = member(f, "R-000010", "2026-01-15");
	r.me = member(f, "R-000009", "2026-02-01");
	check(f, r.ma, "2026-10-08", "在住");
	check(f, r.ma, "2026-11-05", "在住");
	check(f, r.mb, "2026-11-30", "在住");
	check(f, r.md, "2026-10-10", "在住");
	check(f, r.md, "2026-11-18", "离开");
	int64_t v = 1;
	assert_int_equal(migrant_leave(f->db, r.me, &v, "2026-10-25", "返乡", &err), JY_OK);
	return r;
}

static int due_ids(struct jy_db *db, const char *asof, int days, int64_t *ids, int max)
{
	struct migrant_row *rows = NULL;
	int n = 0;
	struct jy_err err = { 0 };
	if (migrant_due(db, asof, days, &rows, &n, &err))
		fail_msg("due: %s", err.msg);
	for (int k = 0; k < n && k < max; k++)
		ids[k] = rows[k].id;
	free(rows);
	return n;
}

/* On 2026-11-15, not checked since the month began: MA checked 11-05 no; MB (none by 11-15, joined
 * 10-20) yes; MC joined 11-12 no (her joining is the month's); MD (10-10; her 11-18 is later) yes;
 * ME left. The longest unchecked first: MD (10-10), MB (10-20). With 30 days (since 10-16): MD
 * only. A clerk of 幸福里 on 12-01: MA (11-05) and MC (11-12), not MB. */
static void test_due(void **state)
{
	struct fixture *f = *state;
	struct roster r = roster_make(f);
	int64_t ids[8];
	assert_int_equal(due_ids(f->db, "2026-11-15", 0, ids, 8), 2);
	assert_int_equal(ids[0], r.md);
	assert_int_equal(ids[1], r.mb);
	assert_int_equal(due_ids(f->db, "2026-11-15", 30, ids, 8), 1);
	assert_int_equal(ids[0], r.md);
	struct jy_err err = { 0 };
	assert_int_equal(setting_put(f->db, "migrant.check_days", "30", &err), JY_OK);
	assert_int_equal(due_ids(f->db, "2026-11-15", -1, ids, 8), 1);
	assert_int_equal(setting_put(f->db, "migrant.check_days", "0", &err), JY_OK);
	act_as(f, "wang");
	assert_int_equal(due_ids(f->db, "2026-12-01", -1, ids, 8), 2);
	assert_int_equal(ids[0], r.ma);
	assert_int_equal(ids[1], r.mc);
	act_as(f, NULL);
	/* 今日待办 and jiuye due read the same list, with the count */
	struct due_list *l = NULL;
	int n = 0;
	assert_int_equal(due_collect(f->db, "2026-11-15", NULL, 0, &l, &n, &err), JY_OK);
	const struct due_list *mine = NULL;
	for (int k = 0; k < n; k++)
		if (strcmp(l[k].src->key, "migrants") == 0)
			mine = &l[k];
	assert_non_null(mine);
	assert_int_equal(mine->total, 2);
	assert_int_equal(mine->items[0].resident_id, 10);
	assert_string_equal(mine->items[0].date, "2026-10-10");
	due_free(&l, n);
	/* the list's words: 在册, 离开, 未复核 on 2026-11-15 */
	struct migrant_row *rows = NULL;
	assert_int_equal(migrant_search(f->db, "在册", "2026-11-15", &rows, &n, &err), JY_OK);
	assert_int_equal(n, 4);         /* MA MB MC MD */
	free(rows);
	assert_int_equal(migrant_search(f->db, "离开", "2026-11-15", &rows, &n, &err), JY_OK);
	assert_int_equal(n, 1);         /* ME */
	free(rows);
	assert_int_equal(migrant_search(f->db, "未复核", "2026-11-15", &rows, &n, &err), JY_OK);
	assert_int_equal(n, 3);         /* MB MC MD: MA was checked on 11-05 */
	free(rows);
	assert_int_equal(migrant_search(f->db, "毕节", "2026-11-15", &rows, &n, &err), JY_OK);
	assert_int_equal(n, 6);         /* by origin, whatever their state: with the demo's 陈美玲 */
	free(rows);
}

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

/* The roster above, worked out by hand:
 *   L1 members on the last day: 11-30 MA MB MC = 3 (MD left 11-18, ME 10-25); 10-31 MA MB MD = 3.
 *   L1N joined: November MC = 1; October MB = 1.
 *   L2 checked: November MA (11-05) MB (11-30) MD (11-18) = 3; October MA (10-08) MD (10-10) = 2.
 *   L3 left: November MD = 1; October ME = 1.
 *   By community in November: 幸福里 L1 MA MC = 2, L2 MA = 1, L3 0; 建设 L1 MB = 1, L2 MB MD = 2,
 *   L3 MD = 1.
 *   The year 2026: L1 on 12-31 MA MB MC = 3; L1N all five = 5; L2 MA MB MD = 3 (each once, MA's
 *   and MD's two checks notwithstanding); L3 MD ME = 2. */
static void test_figures(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	roster_make(f);
	struct period p;
	struct report *r = NULL;
	assert_int_equal(period_parse("2026-11", &p, &err), JY_OK);
	assert_int_equal(report_compute(f->db, &p, BY_NONE, &r, &err), JY_OK);
	static const struct {
		const char *code;
		int64_t now, before;
	} want[] = {
		{ "L1", 3, 3 }, { "L1N", 1, 1 }, { "L2", 3, 2 }, { "L3", 1, 1 },
	};
	for (size_t k = 0; k < ARRAY_LEN(want); k++)
		if (fig(r, 0, 0, want[k].code) != want[k].now || fig(r, 1, 0, want[k].code) != want[k].before)
			fail_msg("%s: %lld (before %lld), expected %lld (%lld)", want[k].code,
			         (long long)fig(r, 0, 0, want[k].code), (long long)fig(r, 1, 0, want[k].code),
			         (long long)want[k].now, (long long)want[k].before);
	report_free(&r);

	assert_int_equal(report_compute(f->db, &p, BY_COMMUNITY, &r, &err), JY_OK);
	int xf = group_of(r, "TX0101"), js = group_of(r, "TX0102");
	assert_int_equal(fig(r, 0, xf, "L1"), 2);
	assert_int_equal(fig(r, 0, xf, "L2"), 1);
	assert_int_equal(fig(r, 0, xf, "L3"), 0);
	assert_int_equal(fig(r, 0, js, "L1"), 1);
	assert_int_equal(fig(r, 0, js, "L2"), 2);
	assert_int_equal(fig(r, 0, js, "L3"), 1);
	report_free(&r);

	assert_int_equal(period_parse("2026", &p, &err), JY_OK);
	assert_int_equal(report_compute(f->db, &p, BY_NONE, &r, &err), JY_OK);
	assert_int_equal(fig(r, 0, 0, "L1"), 3);
	assert_int_equal(fig(r, 0, 0, "L1N"), 5);
	assert_int_equal(fig(r, 0, 0, "L2"), 3);
	assert_int_equal(fig(r, 0, 0, "L3"), 2);
	report_free(&r);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_access, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due, setup, teardown),
		cmocka_unit_test_setup_teardown(test_figures, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
