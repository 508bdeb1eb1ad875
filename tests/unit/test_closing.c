/* tests/unit/test_closing.c: closing a resident's record (注销) and opening it again
 * (core/registry/closing.c): the reasons, days and notes accepted and refused, who may do either
 * (role and community), what the audit trail keeps, that a closed record leaves the list and comes
 * back, and how the reports count her in the periods around the day she was closed. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

#include "store/store_int.h"

struct fixture {
	char dir[64];
	char path[96];
	struct jy_db *db;
	struct jy_actor admin;
	int64_t zhou;           /* 周丽, 幸福里社区 (TX0101), registered unemployed on 2026-03-01 */
	int64_t wu;             /* 吴静, 新华社区 (TX0201), registered on 2026-03-01 */
};

static int64_t registered(struct jy_db *db, const char *name, const char *community, int seq)
{
	char id[19];
	idcard_make("330102", "1980-05-10", seq, 'F', id);
	struct resident *r = resident_new();
	resident_set(r, RF_NAME, name);
	resident_set(r, RF_IDNO, id);
	resident_set(r, RF_COMMUNITY, community);
	resident_set(r, RF_REGDATE, "2026-03-01");
	resident_set(r, RF_STATUS, "10");
	struct jy_err err = { 0 };
	int rc = resident_save(db, r, &err);
	if (rc)
		fprintf(stderr, "%s: %s %s\n", name, err.field, err.msg);
	assert_int_equal(rc, JY_OK);
	int64_t id64 = r->id;
	resident_free(&r);
	return id64;
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-closing-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	/* the demo's communities; its own records fall in 2030, so 2026's figures are ours alone */
	setenv("JIUYE_TODAY", "2030-06-15", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	f->admin = *db_actor(f->db);
	f->zhou = registered(f->db, "周丽", "TX0101", 31);
	f->wu = registered(f->db, "吴静", "TX0201", 33);
	assert_int_equal(worker_save(f->db, "wang", "王芳", ROLE_CLERK, "幸福里社区", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "zhao", "赵丽", ROLE_REVIEWER, "城南街道", &err), JY_OK);
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

static void act_as(struct fixture *f, const char *os_user)
{
	struct jy_actor who = { 0 };
	snprintf(who.os_user, sizeof who.os_user, "%s", os_user);
	snprintf(who.name, sizeof who.name, "%s", os_user);
	assert_int_equal(db_set_actor(f->db, &who, NULL), JY_OK);
}

static struct resident *load(struct fixture *f, int64_t id)
{
	struct resident *r = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(resident_load(f->db, id, &r, &err), JY_OK);
	return r;
}

static int64_t version_of(struct fixture *f, int64_t id)
{
	struct resident *r = load(f, id);
	int64_t v = r->version;
	resident_free(&r);
	return v;
}

/* What a worker types, and what is kept or refused (today is 2030-06-15; she registered on
 * 2026-03-01). Each accepted row is reopened before the next. */
static const struct {
	const char *reason, *date, *note;
	int rc;
	const char *field;              /* the field a refusal names */
	const char *code, *closed_at, *stored_note;
} cases[] = {
	{ "迁出", "2026-06-15", NULL, JY_OK, NULL, "1", "2026-06-15", NULL },
	{ "1", "20260615", NULL, JY_OK, NULL, "1", "2026-06-15", NULL },            /* the code */
	{ "死亡", "2026年7月1日", NULL, JY_OK, NULL, "2", "2026-07-01", NULL },
	{ "重复", "2026/3/1", NULL, JY_OK, NULL, "3", "2026-03-01", NULL },         /* an alias; her first day */
	{ "本人", NULL, "找到外地工作", JY_OK, NULL, "4", "2030-06-15", "找到外地工作" }, /* prefix; today */
	{ "其他", "2030-06-15", "  随子女迁居  ", JY_OK, NULL, "9", "2030-06-15", "随子女迁居" },
	{ "其他", "2026-06-15", NULL, JY_EINVAL, "注销说明", NULL, NULL, NULL },     /* 其他 needs a note */
	{ "其他", "2026-06-15", "   ", JY_EINVAL, "注销说明", NULL, NULL, NULL },
	{ "", "2026-06-15", NULL, JY_EINVAL, "注销原因", NULL, NULL, NULL },
	{ "搬家", "2026-06-15", NULL, JY_EINVAL, "注销原因", NULL, NULL, NULL },     /* not a reason */
	{ "迁出", "2030-06-16", NULL, JY_EINVAL, "注销日期", NULL, NULL, NULL },     /* after today */
	{ "迁出", "2026-02-28", NULL, JY_EINVAL, "注销日期", NULL, NULL, NULL },     /* before registration */
	{ "迁出", "2026-02-30", NULL, JY_EINVAL, "注销日期", NULL, NULL, NULL },     /* no such day */
};

static void test_reasons_days_notes(void **state)
{
	struct fixture *f = *state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct jy_err err = { 0 };
		struct resident_closing c = { cases[i].reason, cases[i].date, cases[i].note };
		int rc = resident_close(f->db, f->zhou, version_of(f, f->zhou), &c, &err);
		if (rc != cases[i].rc)
			fail_msg("case %zu (%s): %d, expected %d: %s", i, cases[i].reason, rc, cases[i].rc, err.msg);
		struct resident *r = load(f, f->zhou);
		if (rc) {
			assert_string_equal(err.field, cases[i].field);
			assert_null(r->closed_at);      /* nothing was written */
		} else {
			assert_string_equal(r->closed_at, cases[i].closed_at);
			assert_string_equal(r->close_reason, cases[i].code);
			if (cases[i].stored_note)
				assert_string_equal(r->close_note, cases[i].stored_note);
			else
				assert_null(r->close_note);
			assert_int_equal(resident_reopen(f->db, f->zhou, r->version, &err), JY_OK);
		}
		resident_free(&r);
	}
}

/* Closing twice, reopening an open record, and a stale version: refused, nothing written. */
static void test_twice_and_stale(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct resident_closing moved = { "迁出", "2026-06-15", NULL };
	int64_t v = version_of(f, f->zhou);
	assert_int_equal(resident_reopen(f->db, f->zhou, v, &err), JY_EINVAL);
	assert_non_null(strstr(err.msg, "周丽"));
	assert_int_equal(resident_close(f->db, f->zhou, v, &moved, &err), JY_OK);
	assert_int_equal(resident_close(f->db, f->zhou, v + 1, &moved, &err), JY_EINVAL);
	assert_non_null(strstr(err.msg, "2026-06-15"));         /* says since when */
	assert_int_equal(resident_reopen(f->db, f->zhou, v, &err), JY_ECONFLICT);   /* v is old */
	assert_int_equal(version_of(f, f->zhou), v + 1);
	assert_int_equal(resident_reopen(f->db, f->zhou, v + 1, &err), JY_OK);
	assert_int_equal(version_of(f, f->zhou), v + 2);
}

/* 录入员 may close in her communities, not reopen; 审核 reopens in hers; 统计 neither. */
static const struct {
	const char *who;
	int close_zhou, close_wu, reopen_zhou;
} roles[] = {
	{ "wang", JY_OK, JY_EPERM, JY_EPERM },  /* clerk of 幸福里社区: 吴静 of 新华社区 is not hers */
	{ "zhao", JY_OK, JY_EPERM, JY_OK },     /* reviewer of 城南街道 (TX01: 幸福里, 建设, 南门) */
	{ "qian", JY_EPERM, JY_EPERM, JY_EPERM },       /* statistics: no person */
	{ "stranger", JY_EPERM, JY_EPERM, JY_EPERM },   /* not a worker */
};

static void test_who_may(void **state)
{
	struct fixture *f = *state;
	struct resident_closing moved = { "迁出", "2026-06-15", NULL };
	for (size_t i = 0; i < ARRAY_LEN(roles); i++) {
		struct jy_err err = { 0 };
		int64_t vz = version_of(f, f->zhou), vw = version_of(f, f->wu);
		act_as(f, roles[i].who);
		assert_int_equal(resident_close(f->db, f->zhou, vz, &moved, &err), roles[i].close_zhou);
		assert_int_equal(resident_close(f->db, f->wu, vw, &moved, &err), roles[i].close_wu);
		assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
		if (roles[i].close_zhou != JY_OK)
			assert_int_equal(resident_close(f->db, f->zhou, vz, &moved, &err), JY_OK);
		vz = version_of(f, f->zhou);
		act_as(f, roles[i].who);
		int rc = resident_reopen(f->db, f->zhou, vz, &err);
		if (rc != roles[i].reopen_zhou)
			fail_msg("%s reopens: %d (%s), expected %d", roles[i].who, rc, err.msg, roles[i].reopen_zhou);
		if (rc == JY_EPERM)
			assert_non_null(strstr(err.msg, roles[i].who));
		assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
		if (rc != JY_OK)
			assert_int_equal(resident_reopen(f->db, f->zhou, vz, &err), JY_OK);
		struct resident *r = load(f, f->wu);
		assert_null(r->closed_at);
		resident_free(&r);
	}
}

/* The trail: the closing with its day, reason and note, the reopening with what was cleared. */
struct trail {
	int n;
	char action[4][16], changes[4][256];
};

static int trail_row(void *arg, const struct history_entry *h)
{
	struct trail *t = arg;
	if (t->n < 4) {
		snprintf(t->action[t->n], sizeof t->action[0], "%s", h->action);
		snprintf(t->changes[t->n], sizeof t->changes[0], "%s", h->changes ? h->changes : "");
	}
	t->n++;
	return 0;
}

static void test_trail(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct resident_closing other = { "其他", "2026-06-15", "随子女迁居" };
	assert_int_equal(resident_close(f->db, f->zhou, version_of(f, f->zhou), &other, &err), JY_OK);
	assert_int_equal(resident_reopen(f->db, f->zhou, version_of(f, f->zhou), &err), JY_OK);
	struct trail t = { 0 };
	assert_int_equal(history_each(f->db, "resident", f->zhou, trail_row, &t, &err), JY_OK);
	assert_int_equal(t.n, 3);               /* newest first: reopen, close, create */
	assert_string_equal(t.action[0], "reopen");
	assert_string_equal(t.changes[0], "{\"closed_at\":[\"2026-06-15\",null],\"close_reason\":[\"9\",null],"
	                                  "\"close_note\":[\"随子女迁居\",null]}");
	assert_string_equal(t.action[1], "close");
	assert_string_equal(t.changes[1], "{\"closed_at\":[null,\"2026-06-15\"],\"close_reason\":[null,\"9\"],"
	                                  "\"close_note\":[null,\"随子女迁居\"]}");
	assert_string_equal(t.action[2], "create");
	assert_string_equal(history_action_label("resident", "reopen"), "reopened");
}

/* A closed record leaves the list (the search), shows with include_closed, and comes back open. */
static int listed(struct fixture *f, const char *query, int include_closed)
{
	struct search_page pg;
	struct jy_err err = { 0 };
	assert_int_equal(search_residents(f->db, query, NULL, 50, include_closed, &pg, &err), JY_OK);
	int n = 0;
	for (int i = 0; i < pg.n; i++)
		if (pg.rows[i].id == f->zhou)
			n += pg.rows[i].closed ? 10 : 1;
	search_page_free(&pg);
	return n;
}

static void test_lists(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	assert_int_equal(listed(f, "zl", 0), 1);
	assert_int_equal(listed(f, "", 0), 1);
	struct resident_closing moved = { "迁出", "2026-06-15", NULL };
	assert_int_equal(resident_close(f->db, f->zhou, version_of(f, f->zhou), &moved, &err), JY_OK);
	assert_int_equal(listed(f, "zl", 0), 0);
	assert_int_equal(listed(f, "", 0), 0);
	assert_int_equal(listed(f, "zl", 1), 10);       /* there, marked closed */
	assert_int_equal(listed(f, "", 1), 10);
	assert_int_equal(resident_reopen(f->db, f->zhou, version_of(f, f->zhou), &err), JY_OK);
	assert_int_equal(listed(f, "zl", 0), 1);
}

/* The reports around the day she was closed. 周丽 and 吴静 are 2026's only residents, registered
 * unemployed on 2026-03-01 and never at work; 周丽 is closed on 2026-06-15, so she counts on every
 * day up to 06-14 and on none from 06-15 (report.c: a record closed on the 15th no longer counts on
 * the 15th). A1 is the registered unemployed on the day before the period, A1E on its last day:
 *   2026-05: A1 on 04-30: both, 2; A1E on 05-31: both, 2;
 *   2026-06: A1 on 05-31: 2; A1E on 06-30: 吴静 alone, 1;
 *   2026-07: A1 on 06-30: 1; A1E on 07-31: 1;
 *   2026Q2 (04-01..06-30): A1 on 03-31: 2, A1E 1; the 人社 month 2026-06 (05-21..06-20): A1 on
 *   05-20: 2, A1E on 06-20: 1; 2026-03: A2 (registered in the period) 2, either way.
 * Reopened, she counts again in July: 2 and 2. */
static const struct {
	const char *period;
	long a1, a1e, a2;
} around[] = {
	{ "2026-05", 2, 2, 0 },
	{ "2026-06", 2, 1, 0 },
	{ "2026-07", 1, 1, 0 },
	{ "2026Q2", 2, 1, 0 },
	{ "2026-06人社", 2, 1, 0 },
	{ "2026-03", 0, 2, 2 },
};

static int ind(const char *code)
{
	for (int i = 0; i < report_ninds; i++)
		if (strcmp(report_inds[i].code, code) == 0)
			return i;
	fail_msg("no indicator %s", code);
	return -1;
}

static void figures(struct fixture *f, const char *period, long *a1, long *a1e, long *a2)
{
	struct period p;
	struct report *r = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(period_parse(period, &p, &err), JY_OK);
	assert_int_equal(report_compute(f->db, &p, BY_NONE, &r, &err), JY_OK);
	*a1 = (long)r->cur_v[ind("A1")].num;
	*a1e = (long)r->cur_v[ind("A1E")].num;
	*a2 = (long)r->cur_v[ind("A2")].num;
	report_free(&r);
}

static void test_report_periods(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	long a1, a1e, a2;
	figures(f, "2026-07", &a1, &a1e, &a2);
	assert_int_equal(a1, 2);                /* before the closing: both, all through */
	assert_int_equal(a1e, 2);
	struct resident_closing moved = { "迁出", "2026-06-15", NULL };
	assert_int_equal(resident_close(f->db, f->zhou, version_of(f, f->zhou), &moved, &err), JY_OK);
	for (size_t i = 0; i < ARRAY_LEN(around); i++) {
		figures(f, around[i].period, &a1, &a1e, &a2);
		if (a1 != around[i].a1 || a1e != around[i].a1e || a2 != around[i].a2)
			fail_msg("%s: A1 %ld A1E %ld A2 %ld, expected %ld %ld %ld", around[i].period, a1, a1e, a2,
			         around[i].a1, around[i].a1e, around[i].a2);
	}
	assert_int_equal(resident_reopen(f->db, f->zhou, version_of(f, f->zhou), &err), JY_OK);
	figures(f, "2026-07", &a1, &a1e, &a2);
	assert_int_equal(a1, 2);
	assert_int_equal(a1e, 2);
}

/* The closing as the page says it: the day, the label, the note. */
static void test_closing_text(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct resident_closing other = { "其他", "2026-06-15", "随子女迁居" };
	assert_int_equal(resident_close(f->db, f->zhou, version_of(f, f->zhou), &other, &err), JY_OK);
	struct resident *r = load(f, f->zhou);
	char *t = resident_closing_text(f->db, r);
	assert_string_equal(t, "2026-06-15 其他（随子女迁居）");
	free(t);
	resident_free(&r);
}

/* A database from before the reasons were a list (schema 13): a reason typed as a label or an
 * alias becomes its code, any other text 其他 with the text kept as its note; open records stay
 * as they were. */
#define CLOSE_LIST_VERSION 14

static const struct {
	const char *typed;              /* the old close_reason; NULL: an open record */
	const char *code, *note;
} migrated[] = {
	{ "迁出", "1", NULL },
	{ "迁出本县", "1", NULL },      /* an alias */
	{ "死亡", "2", NULL },
	{ "随女儿去外省", "9", "随女儿去外省" },
	{ "已就业", "9", "已就业" },
	{ NULL, NULL, NULL },
};

static void test_old_reasons_migrated(void **state)
{
	(void)state;
	char dir[] = "/tmp/jy-close-mig-XXXXXX", path[64];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/old.db", dir);
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	for (int v = 1; v < CLOSE_LIST_VERSION; v++)
		assert_int_equal(sqlite3_exec(h, jy_asset_migrations[v - 1], NULL, NULL, NULL), SQLITE_OK);
	for (size_t i = 0; i < ARRAY_LEN(migrated); i++) {
		char id[19];
		idcard_make("330102", "1980-05-10", 51 + 2 * (int)i, 'F', id);
		char *sql = sqlite3_mprintf(
			"INSERT INTO resident(id, reg_no, name, id_no, sex, birth, reg_date, closed_at, "
			"close_reason, created_at, created_by, updated_at, updated_by) VALUES (%d, 'R-%06d', "
			"'居民', '%q', '2', '1980-05-10', '2024-03-01', %Q, %Q, 't', 'w', 't', 'w')",
			(int)i + 1, (int)i + 1, id, migrated[i].typed ? "2024-06-01T09:00:00+08:00" : NULL,
			migrated[i].typed);
		assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_free(sql);
	}
	char *pragma = xasprintf("PRAGMA user_version = %d", CLOSE_LIST_VERSION - 1);
	assert_int_equal(sqlite3_exec(h, pragma, NULL, NULL, NULL), SQLITE_OK);
	free(pragma);
	sqlite3_close(h);

	struct jy_db *db = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(db_open(path, 0, &db, &err), JY_OK);
	assert_true(db_schema_version(db) >= CLOSE_LIST_VERSION);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db), "SELECT close_reason, close_note FROM resident "
	                                    "ORDER BY id", -1, &st, NULL), SQLITE_OK);
	for (size_t i = 0; i < ARRAY_LEN(migrated); i++) {
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		const char *code = (const char *)sqlite3_column_text(st, 0);
		const char *note = (const char *)sqlite3_column_text(st, 1);
		if (!migrated[i].code)
			assert_null(code);
		else
			assert_string_equal(code, migrated[i].code);
		if (!migrated[i].note)
			assert_null(note);
		else
			assert_string_equal(note, migrated[i].note);
	}
	sqlite3_finalize(st);
	db_close(&db);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_reasons_days_notes, setup, teardown),
	cmocka_unit_test_setup_teardown(test_twice_and_stale, setup, teardown),
	cmocka_unit_test_setup_teardown(test_who_may, setup, teardown),
	cmocka_unit_test_setup_teardown(test_trail, setup, teardown),
	cmocka_unit_test_setup_teardown(test_lists, setup, teardown),
	cmocka_unit_test_setup_teardown(test_report_periods, setup, teardown),
	cmocka_unit_test_setup_teardown(test_closing_text, setup, teardown),
	cmocka_unit_test(test_old_reasons_migrated),
};

TEST_MAIN(tests)
