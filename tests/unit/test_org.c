/* tests/unit/test_org.c: the federation's organisation register (core/casework/org.c) — the rules
 * of saving an organisation and a member, each refused case on its field with nothing saved, and
 * no change after 撤销; who may see and change them (a clerk her communities' only, the street's
 * none, statistics none); the terms ending (换届, org.term_days); and K1 on a hand-made register
 * whose figures are worked out by hand below. On the demo's registry (five communities: 幸福里
 * TX0101, 建设 TX0102, 南门 TX0103 of 城南街道 TX01, 新华 TX0201, 红星村 TX0301) with today
 * 2030-06-15; the demo has no organisations. */
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
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-org-XXXXXX");
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

static int save_org(struct jy_db *db, const char *name, const char *type, const char *unit,
                    const char *founded, int64_t *id, struct jy_err *err)
{
	struct women_org *o = org_new();
	org_set(o, ORGF_NAME, name);
	org_set(o, ORGF_TYPE, type);
	org_set(o, ORGF_UNIT, unit);
	org_set(o, ORGF_FOUNDED, founded);
	int rc = org_save(db, o, err);
	*id = o->id;
	org_free(&o);
	return rc;
}

static int64_t org(struct fixture *f, const char *name, const char *type, const char *unit,
                   const char *founded)
{
	struct jy_err err = { 0 };
	int64_t id;
	if (save_org(f->db, name, type, unit, founded, &id, &err))
		fail_msg("%s: %s: %s", name, err.field, err.msg);
	return id;
}

static int add_member(struct jy_db *db, int64_t id, const char *name, const char *post,
                      const char *phone, const char *elected, const char *term, struct jy_err *err)
{
	char *v[MF__COUNT] = { 0 };
	field_value_set(&v[MF_NAME], name);
	field_value_set(&v[MF_POST], post);
	field_value_set(&v[MF_PHONE], phone);
	field_value_set(&v[MF_ELECTED], elected);
	field_value_set(&v[MF_TERM], term);
	int64_t member;
	int rc = org_member_add(db, id, v, &member, err);
	field_values_free(v, MF__COUNT);
	return rc;
}

static int64_t count_rows(struct jy_db *db, const char *table)
{
	char *sql = xasprintf("SELECT count(*) FROM %s", table);
	int64_t n = -1;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	free(sql);
	return n;
}

/* ---- the rules of saving ------------------------------------------------------------------------ */

static void test_rules(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *name, *type, *unit, *founded;
		const char *field;      /* the field refused, NULL: saved */
	} cases[] = {
		{ "幸福里社区妇联", "妇代会", "幸福里社区", "2020-05-01", NULL },
		{ "幸福里妇女之家", "3", "TX0101", "2021年1月1日", NULL },     /* by code, a Chinese date */
		{ "城南街道妇联", "妇女委员会", "城南街道", "2019-01-01", NULL },  /* an alias; a street */
		{ "幸福里社区妇联", "妇代会", "幸福里社区", "2020-05-01", "组织名称" },  /* taken in its unit */
		{ "", "妇代会", "幸福里社区", "2020-05-01", "组织名称" },
		{ "网红驿站", "网红", "幸福里社区", "2020-05-01", "组织类型" },
		{ "东风妇联", "妇代会", "东风社区", "2020-05-01", "所在单位" },   /* no such unit */
		{ "建设妇联", "妇代会", "建设社区", "2031-01-01", "成立日期" },   /* in the future */
		{ "建设妇联", "妇代会", "建设社区", "二〇二〇年", "成立日期" },
	};
	for (size_t k = 0; k < ARRAY_LEN(cases); k++) {
		struct jy_err err = { 0 };
		int64_t before = count_rows(f->db, "women_org"), id;
		int rc = save_org(f->db, cases[k].name, cases[k].type, cases[k].unit, cases[k].founded, &id, &err);
		if (!cases[k].field) {
			if (rc)
				fail_msg("case %zu: %s: %s", k, err.field, err.msg);
			continue;
		}
		if (rc != JY_EINVAL || strcmp(err.field, cases[k].field) != 0)
			fail_msg("case %zu: rc %d field %s (%s), expected %s", k, rc, err.field, err.msg,
			         cases[k].field);
		assert_int_equal(count_rows(f->db, "women_org"), before);
	}
	/* members: the term after the election, a post of the list, the phone whole */
	struct jy_err err = { 0 };
	int64_t id;
	assert_int_equal(org_find(f->db, "幸福里社区妇联", &id, &err), JY_OK);
	static const struct {
		const char *name, *post, *phone, *elected, *term, *field;
	} members[] = {
		{ "王丽", "主任", "13800000001", "2027-07-01", "2030-06-30", NULL },
		{ "李芳", "主席", NULL, "2027-07-01", "2030-08-14", NULL },     /* an alias of 主任 */
		{ "张敏", "委员", NULL, "2027-07-01", "2027-07-01", "任期届满" },
		{ "张敏", "秘书长", NULL, "2027-07-01", "2030-07-01", "职务" },
		{ "张敏", "委员", "138****0001", "2027-07-01", "2030-07-01", "联系电话" },
		{ "", "委员", NULL, "2027-07-01", "2030-07-01", "姓名" },
		{ "张敏", "委员", NULL, NULL, "2030-07-01", "当选日期" },
	};
	for (size_t k = 0; k < ARRAY_LEN(members); k++) {
		int64_t before = count_rows(f->db, "org_member");
		memset(&err, 0, sizeof err);
		int rc = add_member(f->db, id, members[k].name, members[k].post, members[k].phone,
		                    members[k].elected, members[k].term, &err);
		if (!members[k].field) {
			if (rc)
				fail_msg("member %zu: %s: %s", k, err.field, err.msg);
			continue;
		}
		if (rc != JY_EINVAL || strcmp(err.field, members[k].field) != 0)
			fail_msg("member %zu: rc %d field %s (%s), expected %s", k, rc, err.field, err.msg,
			         members[k].field);
		assert_int_equal(count_rows(f->db, "org_member"), before);
	}
	/* 撤销: not before it was set up, not without a reason; then nothing changes it */
	assert_int_equal(org_end(f->db, id, "2019-12-31", "合并", &err), JY_EINVAL);
	assert_string_equal(err.field, "撤销日期");
	assert_int_equal(org_end(f->db, id, "2030-06-01", "", &err), JY_EINVAL);
	assert_string_equal(err.field, "撤销原因");
	assert_int_equal(org_end(f->db, id, "2030-06-01", "并入城南街道妇联", &err), JY_OK);
	assert_int_equal(org_end(f->db, id, "2030-06-02", "again", &err), JY_EINVAL);
	assert_int_equal(add_member(f->db, id, "张敏", "委员", NULL, "2030-06-01", "2033-06-01", &err),
	                 JY_EINVAL);
	struct women_org *o = NULL;
	assert_int_equal(org_load(f->db, id, &o, &err), JY_OK);
	assert_string_equal(o->ended_on, "2030-06-01");
	assert_int_equal(o->version, 2);
	org_set(o, ORGF_NAME, "新名字");
	assert_int_equal(org_save(f->db, o, &err), JY_EINVAL);
	org_free(&o);
	/* two of one name in two units: named by number */
	org(f, "妇女之家", "3", "建设社区", "2022-01-01");
	org(f, "妇女之家", "3", "南门社区", "2022-01-01");
	assert_int_equal(org_find(f->db, "妇女之家", &id, &err), JY_EINVAL);
	assert_string_equal(err.field, "组织名称");
	assert_non_null(strstr(err.msg, "#"));
}

/* ---- who may ------------------------------------------------------------------------------------ */

static void test_access(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t mine = org(f, "幸福里社区妇联", "1", "幸福里社区", "2020-01-01");
	int64_t other = org(f, "建设社区妇联", "1", "建设社区", "2020-01-01");
	int64_t street = org(f, "城南街道妇联", "2", "城南街道", "2020-01-01");
	assert_int_equal(add_member(f->db, mine, "王丽", "主任", "13800000001", "2027-07-01",
	                            "2030-07-01", &err), JY_OK);
	act_as(f, "wang");
	int64_t id;
	assert_int_equal(save_org(f->db, "建设妇女之家", "3", "建设社区", "2021-01-01", &id, &err), JY_EPERM);
	assert_int_equal(save_org(f->db, "城南妇女之家", "3", "城南街道", "2021-01-01", &id, &err), JY_EPERM);
	assert_int_equal(save_org(f->db, "幸福里妇女之家", "3", "幸福里社区", "2021-01-01", &id, &err), JY_OK);
	assert_int_equal(add_member(f->db, other, "李芳", "委员", NULL, "2027-07-01", "2030-07-01", &err),
	                 JY_EPERM);
	assert_int_equal(org_end(f->db, street, "2030-01-01", "合并", &err), JY_EPERM);
	struct org_row *rows = NULL;
	int n = 0, seen_mine = 0, seen_other = 0;
	assert_int_equal(org_search(f->db, "", &rows, &n, &err), JY_OK);
	for (int k = 0; k < n; k++) {
		seen_mine |= rows[k].id == mine;
		seen_other |= rows[k].id == other || rows[k].id == street;
	}
	free(rows);
	assert_true(seen_mine);
	assert_false(seen_other);
	/* lists show the phone masked */
	struct member_row *mr = NULL;
	assert_int_equal(org_members(f->db, mine, &mr, &n, &err), JY_OK);
	assert_int_equal(n, 1);
	assert_string_equal(mr[0].phone, "138****0001");
	free(mr);
	/* statistics: figures only */
	act_as(f, "qian");
	assert_int_equal(org_search(f->db, "", &rows, &n, &err), JY_EPERM);
	assert_int_equal(org_terms_due(f->db, NULL, 0, &mr, &n, &err), JY_EPERM);
	struct women_org *o = NULL;
	assert_int_equal(org_load(f->db, mine, &o, &err), JY_EPERM);
	act_as(f, NULL);
}

/* ---- 换届: the terms ending --------------------------------------------------------------------- */

static int due_has(struct jy_db *db, const char *asof, int days, const char *name)
{
	struct member_row *rows = NULL;
	int n = 0, hit = 0;
	struct jy_err err = { 0 };
	assert_int_equal(org_terms_due(db, asof, days, &rows, &n, &err), JY_OK);
	for (int k = 0; k < n; k++)
		hit |= strcmp(rows[k].name, name) == 0;
	free(rows);
	return hit;
}

static void test_due(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t a = org(f, "幸福里社区妇联", "1", "幸福里社区", "2020-01-01");
	int64_t b = org(f, "建设社区妇联", "1", "建设社区", "2020-01-01");
	/* 王丽's term ends 2030-03-31, 李芳's 2030-05-30; 建设's organisation is dissolved */
	assert_int_equal(add_member(f->db, a, "王丽", "主任", NULL, "2027-04-01", "2030-03-31", &err), JY_OK);
	assert_int_equal(add_member(f->db, a, "李芳", "委员", NULL, "2027-04-01", "2030-05-30", &err), JY_OK);
	assert_int_equal(add_member(f->db, b, "张敏", "主任", NULL, "2027-04-01", "2030-03-31", &err), JY_OK);
	assert_int_equal(org_end(f->db, b, "2030-01-01", "合并", &err), JY_OK);
	static const struct {
		const char *asof;
		int days, wang, li, zhang;
	} cases[] = {
		/* 01-31 + 60 days = 04-01 (29 + 31: 2030 is no leap year): 03-31 within */
		{ "2030-01-31", 60, 1, 0, 0 },
		{ "2030-01-30", 60, 1, 0, 0 },          /* 01-30 + 60 = 03-31: the last day counts */
		{ "2030-01-29", 60, 0, 0, 0 },          /* 01-29 + 60 = 03-30: one day short */
		{ "2030-03-31", 60, 1, 1, 0 },          /* the day itself; 03-31 + 60 = 05-30 */
		{ "2030-04-01", 60, 0, 1, 0 },          /* past: the election is no longer "due" here */
		{ "2030-04-01", 0, 0, 1, 0 },           /* 0: the setting, 60 */
		{ "2030-04-01", 30, 0, 0, 0 },          /* 04-01 + 30 = 05-01 */
	};
	for (size_t k = 0; k < ARRAY_LEN(cases); k++)
		if (due_has(f->db, cases[k].asof, cases[k].days, "王丽") != cases[k].wang ||
		    due_has(f->db, cases[k].asof, cases[k].days, "李芳") != cases[k].li ||
		    due_has(f->db, cases[k].asof, cases[k].days, "张敏") != cases[k].zhang)
			fail_msg("due on %s (%d days)", cases[k].asof, cases[k].days);
	/* the setting decides when none is given */
	assert_int_equal(setting_put(f->db, "org.term_days", "30", &err), JY_OK);
	assert_false(due_has(f->db, "2030-04-01", 0, "李芳"));
	assert_true(due_has(f->db, "2030-04-30", 0, "李芳"));
}

/* ---- K1 ------------------------------------------------------------------------------------------ */

static int64_t fig(const struct report *r, int prev, int g, const char *code, int64_t *den)
{
	for (int i = 0; i < report_ninds; i++)
		if (strcmp(report_inds[i].code, code) == 0) {
			const struct report_value *v =
				&(prev ? r->prev_v : r->cur_v)[(size_t)g * (size_t)report_ninds + (size_t)i];
			if (den)
				*den = v->den;
			return v->num;
		}
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

/* Six organisations around 2026-11 (against 2026-10), worked out by hand:
 *   OA 幸福里 妇代会 from 2020-05-01, standing;
 *   OB 幸福里 妇女之家 from 2026-11-10, standing (set up in November);
 *   OC 建设 维权站 from 2024-03-01, dissolved 2026-11-30 (the last day: not standing on it);
 *   OD 红星村 姐妹驿站 from 2025-01-01, standing;
 *   OE 城南街道 妇委会 from 2018-01-01, standing (a street's);
 *   OF 桐溪县 维权站 from 2026-12-01 (after the month).
 * On 11-30: OA OB OD OE = K1 4; by type 妇代会 1 (OA), 妇女之家 1 (OB), 维权站 0 (OC gone, OF
 *   not yet), 姐妹驿站 1 (OD), 妇委会 1 (OE); by level 社区 3 (OA OB OD), 街道 1 (OE), 县 0.
 *   Communities with one: 幸福里 and 红星村 = K1U 2 of K1D 5: K1R 2/5 = 40%.
 * On 10-31: OA OC OD OE = 4; 维权站 1 (OC), 妇女之家 0; communities 幸福里 建设 红星村 = 3 of 5.
 * By community in November: 幸福里 K1 2, 建设 0, 红星村 1, and OE in 未填社区 (no community). */
static void test_figures(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	org(f, "幸福里社区妇代会", "妇代会", "幸福里社区", "2020-05-01");
	org(f, "幸福里妇女之家", "妇女之家", "幸福里社区", "2026-11-10");
	int64_t oc = org(f, "建设维权站", "维权站", "建设社区", "2024-03-01");
	org(f, "红星村姐妹驿站", "姐妹驿站", "红星村", "2025-01-01");
	org(f, "城南街道妇委会", "妇委会", "城南街道", "2018-01-01");
	org(f, "县妇女维权站", "维权站", "桐溪县", "2026-12-01");
	assert_int_equal(org_end(f->db, oc, "2026-11-30", "并入城南街道妇委会", &err), JY_OK);

	struct period p;
	struct report *r = NULL;
	assert_int_equal(period_parse("2026-11", &p, &err), JY_OK);
	assert_int_equal(report_compute(f->db, &p, BY_NONE, &r, &err), JY_OK);
	static const struct {
		const char *code;
		int64_t now, before;
	} want[] = {
		{ "K1", 4, 4 }, { "K1-1", 1, 1 }, { "K1-2", 1, 1 }, { "K1-3", 1, 0 }, { "K1-4", 0, 1 },
		{ "K1-5", 1, 1 }, { "K1-9", 0, 0 }, { "K1-C", 3, 3 }, { "K1-S", 1, 1 }, { "K1-X", 0, 0 },
		{ "K1U", 2, 3 }, { "K1D", 5, 5 },
	};
	for (size_t k = 0; k < ARRAY_LEN(want); k++)
		if (fig(r, 0, 0, want[k].code, NULL) != want[k].now ||
		    fig(r, 1, 0, want[k].code, NULL) != want[k].before)
			fail_msg("%s: %lld (before %lld), expected %lld (%lld)", want[k].code,
			         (long long)fig(r, 0, 0, want[k].code, NULL),
			         (long long)fig(r, 1, 0, want[k].code, NULL), (long long)want[k].now,
			         (long long)want[k].before);
	int64_t den = 0;
	assert_int_equal(fig(r, 0, 0, "K1R", &den), 2);
	assert_int_equal(den, 5);
	assert_int_equal(fig(r, 1, 0, "K1R", &den), 3);
	assert_int_equal(den, 5);
	report_free(&r);

	assert_int_equal(report_compute(f->db, &p, BY_COMMUNITY, &r, &err), JY_OK);
	assert_int_equal(fig(r, 0, group_of(r, "TX0101"), "K1", NULL), 2);
	assert_int_equal(fig(r, 0, group_of(r, "TX0102"), "K1", NULL), 0);
	assert_int_equal(fig(r, 0, group_of(r, "TX0301"), "K1", NULL), 1);
	assert_int_equal(fig(r, 0, group_of(r, "TX0101"), "K1U", NULL), 1);
	report_free(&r);

	/* a clerk of 幸福里 counts her community's: OA OB, and the street's OE (of no community) */
	act_as(f, "wang");
	assert_int_equal(report_compute(f->db, &p, BY_NONE, &r, &err), JY_OK);
	assert_int_equal(fig(r, 0, 0, "K1", NULL), 3);
	assert_int_equal(fig(r, 0, 0, "K1D", NULL), 1);
	report_free(&r);
	act_as(f, NULL);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_access, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due, setup, teardown),
		cmocka_unit_test_setup_teardown(test_figures, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
