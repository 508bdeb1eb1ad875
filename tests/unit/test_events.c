/* tests/unit/test_events.c: outreach events (活动, core/casework/event.c) — the rules of saving one,
 * each refused case on its field with nothing saved; the residents who came, once each, never
 * more than the headcount; who may see and change them (a clerk her communities' only,
 * statistics none); and C7, J7, K4 on a hand-made set of events whose figures are worked out by
 * hand below. On the demo's registry with today 2030-06-15: the demo's own events are dated
 * 2029-2030, away from the 2026 periods the figures read. */
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
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-events-XXXXXX");
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

/* An event of type on date in community with the headcount, guests and copies given (NULL:
 * none); its id, or fails the test naming the field. */
static int64_t event(struct fixture *f, const char *type, const char *date, const char *community,
                     const char *headcount, const char *guests, const char *copies)
{
	struct event *e = event_new();
	event_set(e, EVF_TYPE, type);
	event_set(e, EVF_TOPIC, "就业政策宣讲");
	event_set(e, EVF_DATE, date);
	event_set(e, EVF_COMMUNITY, community);
	event_set(e, EVF_HEADCOUNT, headcount);
	event_set(e, EVF_GUESTS, guests);
	if (copies) {
		event_set(e, EVF_MATERIALS, "宣传手册");
		event_set(e, EVF_COPIES, copies);
	}
	struct jy_err err = { 0 };
	if (event_save(f->db, e, &err))
		fail_msg("%s %s: %s: %s", type, date, err.field, err.msg);
	int64_t id = e->id;
	event_free(&e);
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

static int64_t version_of(struct jy_db *db, int64_t id)
{
	char *sql = xasprintf("SELECT version FROM event WHERE id = %lld", (long long)id);
	int64_t v = count_of(db, sql);
	free(sql);
	return v;
}

static void attend(struct fixture *f, int64_t id, const char *who)
{
	int64_t v = version_of(f->db, id);
	struct jy_err err = { 0 };
	if (event_attend(f->db, id, &v, who, &err))
		fail_msg("%s: %s: %s", who, err.field, err.msg);
}

/* ---- saving ------------------------------------------------------------------------------------ */

static void test_rules(void **state)
{
	struct fixture *f = *state;
	struct jy_db *db = f->db;
	int64_t before = count_of(db, "SELECT count(*) FROM event");
	static const struct {
		const char *type, *topic, *date, *headcount, *guests, *materials, *copies, *community;
		const char *field;
	} bad[] = {
		{ NULL, "座谈", NULL, NULL, NULL, NULL, NULL, NULL, "活动类型" },
		{ "茶话会", "座谈", NULL, NULL, NULL, NULL, NULL, NULL, "活动类型" },
		{ "座谈会", "  ", NULL, NULL, NULL, NULL, NULL, NULL, "活动主题" },
		{ "座谈会", "座谈", "2030-06-16", NULL, NULL, NULL, NULL, NULL, "活动日期" },  /* tomorrow */
		{ "座谈会", "座谈", "2030-02-30", NULL, NULL, NULL, NULL, NULL, "活动日期" },
		{ "讲座", "讲座", NULL, "三十", NULL, NULL, NULL, NULL, "参加人数" },
		{ "讲座", "讲座", NULL, "10", "12", NULL, NULL, NULL, "参加人数" },   /* below the guests */
		{ "讲座", "讲座", NULL, NULL, "-3", NULL, NULL, NULL, "未登记人数" },
		{ "维权宣传", "普法", NULL, NULL, NULL, NULL, "200", NULL, "发放资料" },  /* copies of what? */
		{ "维权宣传", "普法", NULL, NULL, NULL, "手册", "两百", NULL, "资料份数" },
		{ "其他", "义诊", NULL, NULL, NULL, NULL, NULL, "火星社区", "社区" },
	};
	for (size_t k = 0; k < ARRAY_LEN(bad); k++) {
		struct event *e = event_new();
		event_set(e, EVF_TYPE, bad[k].type);
		event_set(e, EVF_TOPIC, bad[k].topic);
		event_set(e, EVF_DATE, bad[k].date);
		event_set(e, EVF_HEADCOUNT, bad[k].headcount);
		event_set(e, EVF_GUESTS, bad[k].guests);
		event_set(e, EVF_MATERIALS, bad[k].materials);
		event_set(e, EVF_COPIES, bad[k].copies);
		event_set(e, EVF_COMMUNITY, bad[k].community);
		struct jy_err err = { 0 };
		int rc = event_save(db, e, &err);
		event_free(&e);
		if (rc != JY_EINVAL || strcmp(err.field, bad[k].field) != 0)
			fail_msg("case %zu: rc %d field \"%s\" (%s), expected %s", k, rc, err.field, err.msg,
			         bad[k].field);
	}
	assert_int_equal(count_of(db, "SELECT count(*) FROM event"), before);

	/* the aliases of the sheets, the date today, the worker's community, the next number */
	act_as(f, "wang");
	struct event *e = event_new();
	event_set(e, EVF_TYPE, "法律宣传");
	event_set(e, EVF_TOPIC, "《反家庭暴力法》宣传");
	struct jy_err err = { 0 };
	assert_int_equal(event_save(db, e, &err), JY_OK);
	assert_string_equal(event_get(e, EVF_TYPE), "3");
	assert_string_equal(event_get(e, EVF_DATE), "2030-06-15");
	assert_string_equal(event_get(e, EVF_COMMUNITY), "TX0101");
	assert_int_equal(strncmp(event_get(e, EVF_NO), "H-2030-", 7), 0);
	assert_int_equal(event_participants(e), 0);
	/* a change at an old version is refused, nothing saved */
	int64_t id = e->id;
	e->version = 0;
	event_set(e, EVF_PLACE, "社区广场");
	assert_int_equal(event_save(db, e, &err), JY_ECONFLICT);
	event_free(&e);
	assert_int_equal(event_load(db, id, &e, &err), JY_OK);
	assert_string_equal(event_get(e, EVF_PLACE), "");
	event_set(e, EVF_PLACE, "社区广场");
	assert_int_equal(event_save(db, e, &err), JY_OK);
	assert_int_equal(e->version, 2);
	event_free(&e);
	act_as(f, NULL);
	/* a number in use */
	e = event_new();
	event_set(e, EVF_NO, "h-2030-001");
	event_set(e, EVF_TYPE, "讲座");
	event_set(e, EVF_TOPIC, "家庭教育讲座");
	assert_int_equal(event_save(db, e, &err), JY_EDUP);
	assert_string_equal(err.field, "活动编号");
	event_free(&e);
	assert_true(count_of(db, "SELECT count(*) FROM history WHERE entity = 'event' AND "
	                         "action IN ('create', 'update')") >= 3);
}

/* ---- who came ---------------------------------------------------------------------------------- */

static void test_people(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t id = event(f, "座谈会", "2026-03-10", "幸福里社区", "3", "1", NULL);
	attend(f, id, "R-000001");                      /* 王秀兰 */
	int64_t v = version_of(f->db, id);
	/* once each; stale versions refused */
	assert_int_equal(event_attend(f->db, id, &v, "R-000001", &err), JY_EDUP);
	int64_t old = v - 1;
	assert_int_equal(event_attend(f->db, id, &old, "R-000007", &err), JY_ECONFLICT);
	/* not registered: named by the field */
	assert_int_equal(event_attend(f->db, id, &v, "R-999999", &err), JY_EINVAL);
	assert_string_equal(err.field, "参加人员");
	assert_int_equal(event_attend(f->db, id, &v, "", &err), JY_EINVAL);
	attend(f, id, "R-000007");                      /* 吴建国: 2 named + 1 guest = the 3 */
	v = version_of(f->db, id);
	assert_int_equal(event_attend(f->db, id, &v, "R-000006", &err), JY_EINVAL);
	assert_string_equal(err.field, "参加人数");
	/* the headcount cannot drop below who is named */
	struct event *e = NULL;
	assert_int_equal(event_load(f->db, id, &e, &err), JY_OK);
	assert_int_equal(e->attendees, 2);
	event_set(e, EVF_HEADCOUNT, "2");
	assert_int_equal(event_save(f->db, e, &err), JY_EINVAL);
	assert_string_equal(err.field, "参加人数");
	event_set(e, EVF_HEADCOUNT, NULL);              /* empty: 2 named + 1 guest */
	assert_int_equal(event_save(f->db, e, &err), JY_OK);
	assert_int_equal(event_participants(e), 3);
	event_free(&e);
	/* her sex is the registry's; the ID masked */
	struct event_person *p = NULL;
	int n = 0;
	assert_int_equal(event_people(f->db, id, &p, &n, &err), JY_OK);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].name, "吴建国");
	assert_string_equal(p[0].sex, "男");
	assert_string_equal(p[1].name, "王秀兰");
	assert_string_equal(p[1].sex, "女");
	assert_non_null(strchr(p[1].id_no, '*'));
	int64_t wu = p[0].resident_id;
	free(p);
	v = version_of(f->db, id);
	assert_int_equal(event_unattend(f->db, id, &v, wu, &err), JY_OK);
	assert_int_equal(event_unattend(f->db, id, &v, wu, &err), JY_ENOTFOUND);
	assert_int_equal(count_of(f->db, "SELECT count(*) FROM history WHERE entity = 'resident' "
	                                 "AND action = 'event'"), 4 + 2 + 1);   /* the demo 4, two named, one off */
}

/* ---- who may see and change them --------------------------------------------------------------- */

static void test_access(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t mine = event(f, "讲座", "2026-03-01", "幸福里社区", NULL, "5", NULL);
	int64_t other = event(f, "讲座", "2026-03-01", "建设社区", NULL, "5", NULL);
	act_as(f, "wang");
	struct event *e = NULL;
	assert_int_equal(event_load(f->db, other, &e, &err), JY_EPERM);
	assert_int_equal(event_load(f->db, mine, &e, &err), JY_OK);
	event_free(&e);
	int64_t v = version_of(f->db, other);
	assert_int_equal(event_attend(f->db, other, &v, "R-000001", &err), JY_EPERM);
	v = version_of(f->db, mine);
	/* a resident of another community is not hers to name */
	assert_int_equal(event_attend(f->db, mine, &v, "R-000002", &err), JY_EPERM);
	assert_string_equal(err.field, "身份证号");
	assert_int_equal(event_attend(f->db, mine, &v, "R-000001", &err), JY_OK);
	e = event_new();
	event_set(e, EVF_TYPE, "座谈会");
	event_set(e, EVF_TOPIC, "座谈");
	event_set(e, EVF_COMMUNITY, "建设社区");
	assert_int_equal(event_save(f->db, e, &err), JY_EPERM);
	event_free(&e);
	struct event_row *rows = NULL;
	int n = 0, seen_mine = 0, seen_other = 0;
	assert_int_equal(event_search(f->db, "讲座", &rows, &n, &err), JY_OK);
	for (int k = 0; k < n; k++) {
		seen_mine |= rows[k].id == mine;
		seen_other |= rows[k].id == other;
	}
	free(rows);
	assert_true(seen_mine);
	assert_false(seen_other);
	/* statistics: figures only */
	act_as(f, "qian");
	assert_int_equal(event_search(f->db, "", &rows, &n, &err), JY_EPERM);
	assert_int_equal(event_load(f->db, mine, &e, &err), JY_EPERM);
	act_as(f, NULL);
}

/* ---- C7, J7, K4 -------------------------------------------------------------------------------- */

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

/* Five events around 2026-11 (against 2026-10), worked out by hand:
 *   EA 座谈会 11-05 幸福里, no headcount, 王秀兰 and 吴建国 named, 3 guests: came 2 + 3 = 5;
 *   EB 座谈会 11-20 建设, headcount 12, 李桂芳 named: came 12;
 *   EC 维权宣传 11-08 幸福里, headcount 300, 1,500 copies, 赵春梅 named: came 300;
 *   ED 讲座 10-31 建设, headcount 40, 王秀兰 named: came 40 (October's);
 *   EE 维权宣传 12-01 幸福里, headcount 80, 200 copies (December's: in neither month).
 * November: C7 = EA EB = 2, C7P = 5 + 12 = 17; J7 = EC = 1, J7M = 1500, J7P = 300;
 *   K4 = EA EB EC = 3, K4P = 5 + 12 + 300 = 317; K4R = 王秀兰 吴建国 李桂芳 赵春梅 = 4.
 * October: C7 0, J7 0, K4 = ED = 1, K4P 40, K4R = 王秀兰 = 1.
 * By community, November: 幸福里 C7 1 (EA), C7P 5, J7M 1500, K4P 5 + 300 = 305, K4R 王秀兰 赵春梅
 *   = 2 (吴建国 lives in 建设: 建设 K4R 吴建国 李桂芳 = 2); 建设 C7P 12, K4 1.
 * By sex, November: K4R 女 = 王秀兰 李桂芳 赵春梅 = 3, 男 = 吴建国 = 1.
 * The year 2026: K4 = 5, K4P = 317 + 40 + 80 = 437, J7M 1500 + 200 = 1,700, K4R = the four once
 *   (王秀兰 came twice). */
static void test_figures(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t ea = event(f, "座谈会", "2026-11-05", "幸福里社区", NULL, "3", NULL);
	int64_t eb = event(f, "座谈会", "2026-11-20", "建设社区", "12", NULL, NULL);
	int64_t ec = event(f, "维权宣传", "2026-11-08", "幸福里社区", "300", NULL, "1500");
	int64_t ed = event(f, "讲座", "2026-10-31", "建设社区", "40", NULL, NULL);
	event(f, "维权宣传", "2026-12-01", "幸福里社区", "80", NULL, "200");
	attend(f, ea, "R-000001");
	attend(f, ea, "R-000007");
	attend(f, eb, "R-000002");
	attend(f, ec, "R-000006");
	attend(f, ed, "R-000001");

	struct period p;
	struct report *r = NULL;
	assert_int_equal(period_parse("2026-11", &p, &err), JY_OK);
	assert_int_equal(report_compute(f->db, &p, BY_NONE, &r, &err), JY_OK);
	static const struct {
		const char *code;
		int64_t now, before;
	} want[] = {
		{ "C7", 2, 0 }, { "C7P", 17, 0 }, { "J7", 1, 0 }, { "J7M", 1500, 0 }, { "J7P", 300, 0 },
		{ "K4", 3, 1 }, { "K4P", 317, 40 }, { "K4R", 4, 1 },
	};
	for (size_t k = 0; k < ARRAY_LEN(want); k++)
		if (fig(r, 0, 0, want[k].code) != want[k].now || fig(r, 1, 0, want[k].code) != want[k].before)
			fail_msg("%s: %lld (before %lld), expected %lld (%lld)", want[k].code,
			         (long long)fig(r, 0, 0, want[k].code), (long long)fig(r, 1, 0, want[k].code),
			         (long long)want[k].now, (long long)want[k].before);
	report_free(&r);

	assert_int_equal(report_compute(f->db, &p, BY_COMMUNITY, &r, &err), JY_OK);
	int xf = group_of(r, "TX0101"), js = group_of(r, "TX0102");
	assert_int_equal(fig(r, 0, xf, "C7"), 1);
	assert_int_equal(fig(r, 0, xf, "C7P"), 5);
	assert_int_equal(fig(r, 0, xf, "J7M"), 1500);
	assert_int_equal(fig(r, 0, xf, "K4P"), 305);
	assert_int_equal(fig(r, 0, xf, "K4R"), 2);
	assert_int_equal(fig(r, 0, js, "C7P"), 12);
	assert_int_equal(fig(r, 0, js, "K4"), 1);
	assert_int_equal(fig(r, 0, js, "K4R"), 2);
	report_free(&r);

	assert_int_equal(report_compute(f->db, &p, BY_SEX, &r, &err), JY_OK);
	assert_int_equal(fig(r, 0, group_of(r, "2"), "K4R"), 3);
	assert_int_equal(fig(r, 0, group_of(r, "1"), "K4R"), 1);
	report_free(&r);

	/* the people list of K4R is the figure's: the four, by the same code */
	int64_t *ids = NULL;
	size_t n = 0;
	int k4r = -1;
	for (int i = 0; i < report_ninds; i++)
		if (strcmp(report_inds[i].code, "K4R") == 0)
			k4r = i;
	assert_int_equal(report_people_ids(f->db, &p, BY_NONE, NULL, k4r, &ids, &n, &err), JY_OK);
	assert_int_equal((int)n, 4);
	free(ids);

	assert_int_equal(period_parse("2026", &p, &err), JY_OK);
	assert_int_equal(report_compute(f->db, &p, BY_NONE, &r, &err), JY_OK);
	assert_int_equal(fig(r, 0, 0, "K4"), 5);
	assert_int_equal(fig(r, 0, 0, "K4P"), 437);
	assert_int_equal(fig(r, 0, 0, "J7M"), 1700);
	assert_int_equal(fig(r, 0, 0, "K4R"), 4);
	report_free(&r);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_people, setup, teardown),
		cmocka_unit_test_setup_teardown(test_access, setup, teardown),
		cmocka_unit_test_setup_teardown(test_figures, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
