/* tests/unit/test_registry.c: the registry's storage rules — migrations, saving with history,
 * duplicates, optimistic concurrency, closing, drafts, backups and checks — on real SQLite files. */
#include "testutil.h"

#include <glob.h>
#include <stdio.h>
#include <unistd.h>

struct fixture {
	char dir[64];
	char path[96];
	struct jy_db *db;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("JIUYE_TODAY", "2024-06-30", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(demo_load(f->db, &err), JY_OK);
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

static struct resident *person(const char *name, const char *idno)
{
	struct resident *r = resident_new();
	resident_set(r, RF_NAME, name);
	resident_set(r, RF_IDNO, idno);
	return r;
}

/* The migrations of the tree, assets/schema/NNN_name.sql, found through this file's name as the build
 * gave it (relative to the top of the tree, where the tests run, or absolute). */
static int schema_files(void)
{
	const char *me = __FILE__, *tail = strstr(me, "tests/unit/");
	char pattern[4096];
	int dir = tail ? (int)(tail - me) : 0;
	snprintf(pattern, sizeof pattern, "%.*sassets/schema/*.sql", dir, me);
	glob_t g;
	int n = glob(pattern, 0, NULL, &g) == 0 ? (int)g.gl_pathc : 0;
	globfree(&g);
	if (n == 0)
		fail_msg("no migrations at %s: run the test from the top of the tree", pattern);
	return n;
}

static void test_migrations(void **state)
{
	struct fixture *f = *state;
	/* A new database gets every migration of the tree, not merely some: a migration left out of
	 * the embedded list, or one that failed to set the version, shows here. */
	int current = schema_files();
	assert_int_equal(db_schema_version(f->db), current);
	/* a second open of the same file migrates nothing and sees the same data */
	struct jy_db *again;
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, 0, &again, &err), JY_OK);
	assert_int_equal(db_schema_version(again), current);
	assert_int_equal(test_resident_count(again), 10);
	db_close(&again);
	assert_null(again);
}

static void test_missing_file(void **state)
{
	(void)state;
	struct jy_db *db = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(db_open("/tmp/jy-no-such-dir/x.db", 0, &db, &err), JY_EIO);
	assert_null(db);
	assert_non_null(strstr(err.msg, "jiuye init"));
}

/* The first history row a record has: its creation with its values. */
static int first_change(void *arg, const struct history_entry *h)
{
	struct { int n; char last[256]; } *seen = arg;
	if (seen->n++ == 0)
		snprintf(seen->last, sizeof seen->last, "%s", h->changes ? h->changes : "");
	return 0;
}

static void test_save_derives_and_records_history(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	char id[19];
	idcard_make("320102", "1980-01-01", 123, 'F', id);
	struct resident *r = person(" 张晓红 ", id);
	resident_set(r, RF_EDUCATION, "高中");
	resident_set(r, RF_CATEGORIES, "低保；单亲家庭");
	resident_set(r, RF_PHONE, "１３８ ０００ ０１２３４");
	assert_int_equal(resident_save(f->db, r, &err), JY_OK);
	assert_true(r->id > 0);
	assert_string_equal(r->reg_no, "R-000011");

	struct resident *got;
	assert_int_equal(resident_load(f->db, r->id, &got, &err), JY_OK);
	assert_string_equal(resident_get(got, RF_NAME), "张晓红");        /* trimmed */
	assert_string_equal(resident_get(got, RF_BIRTH), "1980-01-01");   /* derived from the ID */
	assert_string_equal(resident_get(got, RF_SEX), "2");
	assert_string_equal(resident_get(got, RF_EDUCATION), "61");       /* label stored as its code */
	assert_string_equal(resident_get(got, RF_CATEGORIES), "DIBAO,SINGLE_PARENT");
	assert_string_equal(resident_get(got, RF_PHONE), "13800001234");
	assert_string_equal(resident_get(got, RF_STATUS), "10");          /* registered unemployed */
	assert_string_equal(resident_get(got, RF_REGDATE), "2024-06-30");
	char *shown = NULL;
	assert_int_equal(resident_display(f->db, got, RF_CATEGORIES, &shown, &err), JY_OK);
	assert_string_equal(shown, "低保对象、单亲家庭");
	free(shown);

	/* an edit records old and new values */
	resident_set(got, RF_ADDRESS, "幸福里社区1栋");
	assert_int_equal(resident_save(f->db, got, &err), JY_OK);
	assert_int_equal(got->version, 2);
	struct { int n; char last[256]; } seen = { 0 };
	assert_int_equal(history_each(f->db, "resident", r->id, first_change, &seen, &err), JY_OK);
	assert_int_equal(seen.n, 2);
	assert_non_null(strstr(seen.last, "\"address\":[null,\"幸福里社区1栋\"]"));
	resident_free(&got);
	resident_free(&r);
}


static void test_history_is_append_only(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	/* Through the core there is no way to change history; even raw SQL is refused by triggers.
	 * db_backup's copy lets us try without disturbing the fixture. */
	char bak[128];
	snprintf(bak, sizeof bak, "%s/h.db", f->dir);
	assert_int_equal(db_backup(f->db, bak, &err), JY_OK);
	char *cmd = xasprintf("sqlite3 '%s' 'DELETE FROM history' 2>/dev/null", bak);
	int rc = system(cmd);
	free(cmd);
	if (rc == -1 || WEXITSTATUS(rc) == 127)
		must_run("no sqlite3 shell (make deps-test installs it)");
	assert_int_not_equal(WEXITSTATUS(rc), 0);
}

static const struct {
	const char *field_value;
	int field;
	const char *label;
} bad_values[] = {
	{ "2024-02-30", RF_REGDATE, "登记日期" },
	{ "12345", RF_PHONE, "联系电话" },
	{ "博士后", RF_EDUCATION, "文化程度" },
	{ "低保、富豪", RF_CATEGORIES, "人员类别" },
	{ "火星社区", RF_COMMUNITY, "社区" },
	{ "也许", RF_DIBAO, "低保" },
	{ "一二三四五六七八九十一二三四五六七八九十一", RF_NAME, "姓名" },
};

static void test_bad_values_name_the_field(void **state)
{
	struct fixture *f = *state;
	char id[19];
	idcard_make("320102", "1985-05-05", 7, 'M', id);
	for (size_t i = 0; i < ARRAY_LEN(bad_values); i++) {
		struct jy_err err = { 0 };
		struct resident *r = person("李四", id);
		resident_set(r, bad_values[i].field, bad_values[i].field_value);
		assert_int_equal(resident_save(f->db, r, &err), JY_EINVAL);
		assert_string_equal(err.field, bad_values[i].label);
		assert_true(strlen(err.msg) > 10);
		assert_int_equal(r->id, 0);
		resident_free(&r);
	}
	assert_int_equal(test_resident_count(f->db), 10);     /* nothing half-saved */
}

static void test_required_and_bad_id(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct resident *r = person("", "11010519491231002X");
	assert_int_equal(resident_save(f->db, r, &err), JY_EINVAL);
	assert_string_equal(err.field, "姓名");
	resident_set(r, RF_NAME, "王五");
	resident_set(r, RF_IDNO, "110105194912310021");          /* wrong check character */
	assert_int_equal(resident_save(f->db, r, &err), JY_EINVAL);
	assert_string_equal(err.field, "身份证号");
	resident_set(r, RF_IDNO, "11010519491231002x");          /* lowercase x accepted */
	assert_int_equal(resident_save(f->db, r, &err), JY_OK);
	struct resident *got;
	assert_int_equal(resident_load(f->db, r->id, &got, &err), JY_OK);
	assert_string_equal(resident_get(got, RF_IDNO), "11010519491231002X");
	resident_free(&got);
	resident_free(&r);
}

static void test_duplicates(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct resident *first;
	assert_int_equal(resident_load(f->db, 1, &first, &err), JY_OK);
	/* same ID: refused, pointing at the existing record */
	struct resident *r = person("王秀兰", resident_get(first, RF_IDNO));
	assert_int_equal(resident_save(f->db, r, &err), JY_EDUP);
	assert_int_equal(err.other_id, 1);
	assert_non_null(strstr(err.msg, "R-000001"));
	resident_free(&r);
	/* same name and birth date, other ID: saved with a warning */
	char id[19];
	idcard_make("110105", resident_get(first, RF_BIRTH), 555, 'F', id);
	r = person("王秀兰", id);
	assert_int_equal(resident_check_dup(f->db, r, &err), JY_OK);
	assert_true(err.warn);
	assert_int_equal(err.other_id, 1);
	err_clear(&err);
	assert_int_equal(resident_save(f->db, r, &err), JY_OK);
	assert_true(err.warn);
	resident_free(&r);
	resident_free(&first);
}

static void test_conflict_never_overwrites(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct resident *a, *b;
	assert_int_equal(resident_load(f->db, 2, &a, &err), JY_OK);
	assert_int_equal(resident_load(f->db, 2, &b, &err), JY_OK);
	resident_set(a, RF_ADDRESS, "甲改的地址");
	assert_int_equal(resident_save(f->db, a, &err), JY_OK);
	resident_set(b, RF_ADDRESS, "乙改的地址");
	assert_int_equal(resident_save(f->db, b, &err), JY_ECONFLICT);
	assert_non_null(strstr(err.msg, "root") ? err.msg : strstr(err.msg, ""));
	struct resident *now;
	assert_int_equal(resident_load(f->db, 2, &now, &err), JY_OK);
	assert_string_equal(resident_get(now, RF_ADDRESS), "甲改的地址");
	resident_free(&now);
	resident_free(&a);
	resident_free(&b);
}

static void test_status_events_and_close(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct status_event e = { .resident_id = 1, .date = "20240701", .status = "已就业",
	                          .form = "单位就业", .employer = "桐溪县巾帼家政服务有限公司" };
	assert_int_equal(status_event_add(f->db, &e, &err), JY_OK);
	struct resident *r;
	assert_int_equal(resident_load(f->db, 1, &r, &err), JY_OK);
	assert_string_equal(resident_get(r, RF_STATUS), "20");
	/* an older event does not change the current status */
	struct status_event old = { .resident_id = 1, .date = "2024-03-01", .status = "灵活就业" };
	assert_int_equal(status_event_add(f->db, &old, &err), JY_OK);
	resident_free(&r);
	assert_int_equal(resident_load(f->db, 1, &r, &err), JY_OK);
	assert_string_equal(resident_get(r, RF_STATUS), "20");
	/* bad form of employment is named */
	struct status_event bad = { .resident_id = 1, .date = "2024-07-02", .status = "20", .form = "打零工" };
	assert_int_equal(status_event_add(f->db, &bad, &err), JY_EINVAL);
	assert_string_equal(err.field, "就业形式");
	/* closing needs a reason, keeps the record */
	assert_int_equal(resident_close(f->db, 1, r->version, CLOSING(""), &err), JY_EINVAL);
	assert_int_equal(resident_close(f->db, 1, r->version, CLOSING("迁出本县"), &err), JY_OK);
	assert_int_equal(resident_close(f->db, 1, r->version, CLOSING("迁出"), &err), JY_EINVAL);
	resident_free(&r);
	assert_int_equal(resident_load(f->db, 1, &r, &err), JY_OK);
	assert_non_null(r->closed_at);
	assert_string_equal(r->close_reason, "1");        /* 迁出, its alias 迁出本县 */
	resident_free(&r);
	assert_int_equal(test_resident_count(f->db), 10);
}

static void test_certificates_and_visits(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct certificate c = { .resident_id = 7, .type = "就业创业证", .number = "JC-7",
	                         .issue_date = "2024-06-01" };
	assert_int_equal(certificate_add(f->db, &c, &err), JY_OK);
	struct certificate bad = { .resident_id = 7, .type = "护照", .issue_date = "2024-06-01" };
	assert_int_equal(certificate_add(f->db, &bad, &err), JY_EINVAL);
	assert_string_equal(err.field, "证件类型");
	/* two 明白卡 without a number beside JC-7 */
	struct certificate m1 = { .resident_id = 7, .type = "明白卡", .issue_date = "2024-06-02" };
	struct certificate m2 = { .resident_id = 7, .type = "05", .issue_date = "2024-06-03" };
	assert_int_equal(certificate_add(f->db, &m1, &err), JY_OK);
	assert_int_equal(certificate_add(f->db, &m2, &err), JY_OK);
	static const struct {
		const char *text;
		int rc;
		int which;              /* 1 JC-7 */
	} finds[] = {
		{ "JC-7", JY_OK, 1 }, { " JC-7 ", JY_OK, 1 }, { "就业创业证", JY_OK, 1 }, { "01", JY_OK, 1 },
		{ "明白卡", JY_EINVAL, 0 },        /* two valid: the number is needed, and they have none */
		{ "失业证", JY_ENOTFOUND, 0 }, { "JC-8", JY_ENOTFOUND, 0 }, { "", JY_EINVAL, 0 },
	};
	for (size_t k = 0; k < ARRAY_LEN(finds); k++) {
		int64_t id = -1;
		struct jy_err e = { 0 };
		int rc = certificate_find(f->db, 7, finds[k].text, &id, &e);
		if (rc != finds[k].rc)
			fail_msg("certificate_find %s: %d (%s), want %d", finds[k].text, rc, e.msg, finds[k].rc);
		if (rc == JY_OK)
			assert_true(id == c.id);
		else
			assert_string_equal(e.field, "证件");
	}
	/* a cancel or an expiry says why; a keep may not; a status not of the three is refused */
	static const struct {
		const char *status, *reason;
		int rc;
		const char *field;
	} sets[] = {
		{ "注销", NULL, JY_EINVAL, "原因" }, { "注销", "  ", JY_EINVAL, "原因" },
		{ "过期", "", JY_EINVAL, "原因" }, { "作废", "重复", JY_EINVAL, "状态" },
		{ "有效", NULL, JY_OK, NULL }, { "注销", " 已就业，收回 ", JY_OK, NULL },
	};
	for (size_t k = 0; k < ARRAY_LEN(sets); k++) {
		struct jy_err e = { 0 };
		int rc = certificate_set_status(f->db, c.id, sets[k].status, sets[k].reason, &e);
		if (rc != sets[k].rc)
			fail_msg("%s / %s: %d (%s), want %d", sets[k].status, sets[k].reason ? sets[k].reason : "-",
			         rc, e.msg, sets[k].rc);
		if (sets[k].field)
			assert_string_equal(e.field, sets[k].field);
	}
	/* the trail holds the old status, the new and the reason as typed, trimmed */
	struct { int n; char last[256]; } seen = { 0 };
	assert_int_equal(history_each(f->db, "certificate", c.id, first_change, &seen, &err), JY_OK);
	assert_int_equal(seen.n, 3);            /* added, kept, cancelled */
	assert_non_null(strstr(seen.last, "\"status\":[\"有效\",\"注销\"]"));
	assert_non_null(strstr(seen.last, "\"reason\":[null,\"已就业，收回\"]"));
	/* cancelled, it no longer counts as her valid 就业创业证 */
	int64_t id;
	assert_int_equal(certificate_find(f->db, 7, "就业创业证", &id, &err), JY_ENOTFOUND);
	assert_int_equal(certificate_find(f->db, 7, "JC-7", &id, &err), JY_OK);
	struct visit v = { .resident_id = 7, .date = "2024-06-15", .content = "电话回访" };
	assert_int_equal(visit_add(f->db, &v, &err), JY_OK);
	struct visit nov = { .resident_id = 9999, .date = "2024-06-15" };
	assert_int_equal(visit_add(f->db, &nov, &err), JY_ENOTFOUND);
}

/* One number from the database, the reading asserted. */
static int64_t count_of(struct jy_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int visit_kind_of(void *arg, const struct visit *v)
{
	snprintf(arg, 8, "%s", v->kind);
	return 1;       /* the newest only */
}

/* The kind of a contact: a code of visit_kind by code, label or another name, 入户走访 when none;
 * anything else refused on its field with the accepted ones named, nothing saved; a retired
 * kind kept on old contacts and taken for no new one. */
static void test_visit_kinds(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *in, *code;  /* code NULL: refused */
	} cases[] = {
		{ NULL, "1" }, { "", "1" }, { "  ", "1" }, { "入户走访", "1" }, { "家访", "1" },
		{ "1", "1" }, { "电话", "2" }, { "电话回访", "2" }, { "来访", "3" }, { "职业指导", "4" },
		{ "就业指导", "4" }, { "职业", "4" }, { "其他", "9" }, { "9", "9" },
		{ "电", "2" },          /* a unique beginning of a label */
		{ "微信", NULL }, { "5", NULL }, { "访", NULL }, { "入户走访x", NULL },
	};
	for (size_t k = 0; k < ARRAY_LEN(cases); k++) {
		struct jy_err err = { 0 };
		int64_t before = count_of(f->db, "SELECT count(*) FROM visit");
		struct visit v = { .resident_id = 7, .date = "2024-06-15", .kind = (char *)cases[k].in,
		                   .content = "了解求职意向" };
		int rc = visit_add(f->db, &v, &err);
		if (!cases[k].code) {
			if (rc != JY_EINVAL || strcmp(err.field, "走访方式") || !strstr(err.msg, "职业指导"))
				fail_msg("%s: %d %s: %s", cases[k].in, rc, err.field, err.msg);
			assert_int_equal(count_of(f->db, "SELECT count(*) FROM visit"), before);
			continue;
		}
		if (rc != JY_OK)
			fail_msg("%s: %s", cases[k].in ? cases[k].in : "(none)", err.msg);
		char got[8] = "";
		assert_int_equal(visit_each(f->db, 7, visit_kind_of, got, &err), 1);
		assert_string_equal(got, cases[k].code);
	}
	struct jy_err err = { 0 };
	assert_int_equal(code_retire(f->db, "visit_kind", "3", &err), JY_OK);
	struct visit v = { .resident_id = 7, .date = "2024-06-16", .kind = "来访" };
	assert_int_equal(visit_add(f->db, &v, &err), JY_EINVAL);
	assert_string_equal(err.field, "走访方式");
	assert_true(count_of(f->db, "SELECT count(*) FROM visit WHERE kind = '3'") > 0);
}

static void test_drafts(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	char *form, *data;
	int64_t rid;
	assert_int_equal(draft_latest(f->db, &form, &rid, &data, &err), JY_ENOTFOUND);
	assert_int_equal(draft_save(f->db, "resident", 0, "name=张", &err), JY_OK);
	assert_int_equal(draft_save(f->db, "resident", 0, "name=张晓红", &err), JY_OK);
	assert_int_equal(draft_latest(f->db, &form, &rid, &data, &err), JY_OK);
	assert_string_equal(form, "resident");
	assert_int_equal(rid, 0);
	assert_string_equal(data, "name=张晓红");
	free(form);
	free(data);
	assert_int_equal(draft_clear(f->db, "resident", 0, &err), JY_OK);
	assert_int_equal(draft_latest(f->db, &form, &rid, &data, &err), JY_ENOTFOUND);
}

static void count_problem(void *arg, const char *p)
{
	(void)p;
	(*(int *)arg)++;
}

static void test_backup_and_check(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int problems = 0;
	assert_int_equal(db_check(f->db, count_problem, &problems, NULL, &err), 0);
	char bak[128];
	snprintf(bak, sizeof bak, "%s/backup.db", f->dir);
	assert_int_equal(db_backup(f->db, bak, &err), JY_OK);
	struct jy_db *copy;
	assert_int_equal(db_open(bak, 0, &copy, &err), JY_OK);
	assert_int_equal(test_resident_count(copy), test_resident_count(f->db));
	assert_int_equal(db_check(copy, NULL, NULL, NULL, &err), 0);
	db_close(&copy);
	assert_int_equal(db_backup(f->db, "/nonexistent-dir/x.db", &err), JY_EIO);
}

static void test_settings(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	assert_int_equal(test_setting_int(f->db, "rule.4050.female_age", 0), 40);
	assert_int_equal(db_setting_set(f->db, "rule.4050.female_age", "45", &err), JY_OK);
	assert_int_equal(test_setting_int(f->db, "rule.4050.female_age", 0), 45);
	assert_int_equal(test_setting_int(f->db, "no.such.key", 7), 7);
}

/* ---- a database that fails ---------------------------------------------------------------- */

/* Each reader returns its rows, value or count in *seen; a failure leaves it 0. */
struct her {
	int64_t id;
	const char *idno;
};

struct reader_case {
	const char *name;
	const char *table;      /* what it reads, hidden for the second call */
	const char *what;       /* what the message says was being done */
	int seen;               /* worked out by hand for the resident the test registers */
	int (*call)(struct jy_db *db, const struct her *h, int *seen, struct jy_err *err);
};

/* One more row seen (each iterator's row type). */
static int one_cert(void *arg, const struct certificate *c)
{
	(void)c;
	(*(int *)arg)++;
	return 0;
}

static int one_status(void *arg, const struct status_event *e)
{
	(void)e;
	(*(int *)arg)++;
	return 0;
}

static int one_visit(void *arg, const struct visit *v)
{
	(void)v;
	(*(int *)arg)++;
	return 0;
}

static int one_entry(void *arg, const struct history_entry *h)
{
	(void)h;
	(*(int *)arg)++;
	return 0;
}

static int read_count(struct jy_db *db, const struct her *h, int *seen, struct jy_err *err)
{
	int64_t n = 0;
	(void)h;
	int rc = resident_count(db, &n, err);
	*seen = (int)n;
	return rc;
}

static int read_find(struct jy_db *db, const struct her *h, int *seen, struct jy_err *err)
{
	int64_t id = 0;
	int rc = resident_find_idno(db, h->idno, &id, err);
	*seen = rc == JY_OK && id == h->id;
	return rc;
}

static int read_certs(struct jy_db *db, const struct her *h, int *seen, struct jy_err *err)
{
	return certificate_each(db, h->id, one_cert, seen, err);
}

static int read_status(struct jy_db *db, const struct her *h, int *seen, struct jy_err *err)
{
	return status_event_each(db, h->id, one_status, seen, err);
}

static int read_visits(struct jy_db *db, const struct her *h, int *seen, struct jy_err *err)
{
	return visit_each(db, h->id, one_visit, seen, err);
}

static int read_history(struct jy_db *db, const struct her *h, int *seen, struct jy_err *err)
{
	return history_each(db, "resident", h->id, one_entry, seen, err);
}

static int read_setting(struct jy_db *db, const struct her *h, int *seen, struct jy_err *err)
{
	char *v = NULL;
	(void)h;
	int rc = db_setting(db, "rule.4050.female_age", "0", &v, err);
	*seen = v ? atoi(v) : 0;
	free(v);
	return rc;
}

static int read_actor(struct jy_db *db, const struct her *h, int *seen, struct jy_err *err)
{
	struct jy_actor who = *db_actor(db);
	(void)h;
	int rc = db_set_actor(db, &who, err);
	*seen = db_actor(db)->role;
	return rc;
}

static const struct reader_case readers[] = {
	/* the demo's 10 residents and hers */
	{ "resident_count", "resident", "counting the residents", 11, read_count },
	{ "resident_find_idno", "resident", "reading a resident", 1, read_find },
	{ "certificate_each", "certificate", "reading the certificates", 1, read_certs },
	{ "status_event_each", "status_event", "reading the status changes", 1, read_status },
	{ "visit_each", "visit", "reading the visits", 1, read_visits },
	/* her registration, the certificate and the visit */
	{ "history_each", "history", "reading the history", 3, read_history },
	{ "db_setting", "setting", "reading the settings", 40, read_setting },
	/* last: while the worker table is hidden she has no role at all */
	{ "db_set_actor", "worker", "reading the workers", ROLE_ADMIN, read_actor },
};

/* Each reader once more with the table it reads hidden, the statement prepared before: the step
 * fails, and the caller gets JY_EDB with what was being done and the database's own words, never
 * a count of 0, an empty list, "not found" or the default; the table back, the same answer. */
static void test_failures_reach_the_caller(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	char id[19];
	idcard_make("320102", "1975-03-08", 321, 'F', id);
	struct resident *r = person("孙丽", id);
	assert_int_equal(resident_save(f->db, r, &err), JY_OK);
	struct certificate c = { .resident_id = r->id, .type = "就业创业证",
	                         .issue_date = "2024-06-01" };
	assert_int_equal(certificate_add(f->db, &c, &err), JY_OK);
	struct visit v = { .resident_id = r->id, .date = "2024-06-15", .content = "电话回访" };
	assert_int_equal(visit_add(f->db, &v, &err), JY_OK);
	const struct her h = { r->id, id };
	for (size_t i = 0; i < ARRAY_LEN(readers); i++) {
		const struct reader_case *k = &readers[i];
		int seen = 0;
		err_clear(&err);
		if (k->call(f->db, &h, &seen, &err) != JY_OK || seen != k->seen)
			fail_msg("%s: %d seen, want %d (%s)", k->name, seen, k->seen, err.msg);
		test_table_hide(f->db, k->table, 1);
		seen = 0;
		int rc = k->call(f->db, &h, &seen, &err);
		test_table_hide(f->db, k->table, 0);
		if (rc != JY_EDB || seen || !strstr(err.msg, k->what) || !strstr(err.msg, k->table))
			fail_msg("%s with %s hidden: rc %d, %d seen, \"%s\"", k->name, k->table, rc,
			         seen, err.msg);
		seen = 0;
		assert_int_equal(k->call(f->db, &h, &seen, &err), JY_OK);
		assert_int_equal(seen, k->seen);
	}
	resident_free(&r);
}

static int stop_at_second(void *arg, const struct history_entry *h)
{
	(void)h;
	return ++*(int *)arg == 2 ? 9 : 0;
}

/* The iterators' one shape: a callback's non-zero ends the walk and is the iterator's result. */
static void test_iterator_stops(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	/* her second history row */
	struct certificate c = { .resident_id = 7, .type = "就业创业证",
	                         .issue_date = "2024-06-01" };
	assert_int_equal(certificate_add(f->db, &c, &err), JY_OK);
	int n = 0;
	assert_int_equal(history_each(f->db, "resident", 7, stop_at_second, &n, &err), 9);
	assert_int_equal(n, 2);
}

/* A form of employment and the status it means (002_codes.sql), both ways: a hire of each form
 * puts her in that status; a status gives its form back only when it means one form. */
static const struct {
	const char *form, *status;
} form_to_status[] = {
	{ "010", "20" },        /* 单位就业: 已就业 */
	{ "021", "22" },        /* 个体经营: 自主创业 */
	{ "022", "21" },        /* 灵活就业 */
	{ "023", "22" },        /* 其他自主就业: 自主创业 */
	{ "030", "23" },        /* 公益性岗位安置: 公益性岗位 */
	{ "990", "20" },        /* 其他就业形式: 已就业 */
	{ NULL, "20" },
	{ "", "20" },
};

static const struct {
	const char *status, *form;
} status_to_form[] = {
	{ "20", "010" },
	{ "21", "022" },
	{ "22", NULL },         /* 个体经营 or 其他自主就业: not said */
	{ "23", "030" },
	{ "10", NULL },         /* without work */
	{ "99", NULL },
	{ NULL, NULL },
};

static void test_form_and_status(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(form_to_status); i++)
		assert_string_equal(emp_status_of_form(form_to_status[i].form),
		                    form_to_status[i].status);
	for (size_t i = 0; i < ARRAY_LEN(status_to_form); i++) {
		const char *form = emp_form_of_status(status_to_form[i].status);
		if (status_to_form[i].form)
			assert_string_equal(form, status_to_form[i].form);
		else
			assert_null(form);
	}
}

/* A history entry's action in the workers' words (here untranslated, C locale): the same word on
 * every page, a resident's creation being her registration. */
static const struct {
	const char *entity, *action, *label;
} actions[] = {
	{ "resident", "create", "registered" },
	{ "course", "create", "created" },
	{ "posting", "create", "created" },
	{ NULL, "create", "created" },
	{ "resident", "update", "changed" },
	{ "employer", "update", "changed" },
	{ "resident", "enrolment", "training" },
	{ "resident", "placement_end", "left the job" },
	{ "resident", "view", "viewed the whole number" },
	{ "referral", "stage", "next step" },
	{ "posting", "hire", "hire" },
	{ "session", "rollcall", "roll call" },
	{ "posting", "retitled", "retitled" },          /* no words: the action itself */
	{ "resident", "close", "closed" },
	{ "resident", "reopen", "reopened" },
};

static void test_history_action_label(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(actions); i++)
		assert_string_equal(history_action_label(actions[i].entity, actions[i].action),
		                    actions[i].label);
}

/* The registration form's order: every field once; a walk-in's name, ID number (its derived sex
 * and birth date shown under it, never typed), phone, community and categories first, one after
 * another; the rarely known (民族, 户籍地, 婚姻状况, 健康状况, 残疾) after what reports read. */
static void test_desk_order(void **state)
{
	(void)state;
	int seen[RF__COUNT] = { 0 };
	for (int p = 0; p < RF__COUNT; p++) {
		assert_true(resident_desk_order[p] >= 0 && resident_desk_order[p] < RF__COUNT);
		seen[resident_desk_order[p]]++;
	}
	for (int f = 0; f < RF__COUNT; f++)
		assert_int_equal(seen[f], 1);
	static const int walk_in[] = { RF_NAME, RF_IDNO, RF_SEX, RF_BIRTH, RF_PHONE, RF_COMMUNITY,
	                               RF_CATEGORIES };
	for (size_t p = 0; p < ARRAY_LEN(walk_in); p++)
		assert_int_equal(resident_desk_order[p], walk_in[p]);
	int pos[RF__COUNT];
	for (int p = 0; p < RF__COUNT; p++)
		pos[resident_desk_order[p]] = p;
	static const int rare[] = { RF_ETHNIC, RF_ORIGIN, RF_MARITAL, RF_HEALTH, RF_DISABILITY };
	for (size_t i = 0; i < ARRAY_LEN(rare); i++) {
		assert_true(pos[rare[i]] > pos[RF_STATUS]);
		assert_true(pos[rare[i]] > pos[RF_REGDATE]);
		assert_true(pos[rare[i]] > pos[RF_EDUCATION]);
	}
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migrations, setup, teardown),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test_setup_teardown(test_save_derives_and_records_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_is_append_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_values_name_the_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_required_and_bad_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict_never_overwrites, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_events_and_close, setup, teardown),
		cmocka_unit_test_setup_teardown(test_certificates_and_visits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_visit_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drafts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_and_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_settings, setup, teardown),
		cmocka_unit_test(test_form_and_status),
		cmocka_unit_test(test_history_action_label),
		cmocka_unit_test(test_desk_order),
		cmocka_unit_test_setup_teardown(test_failures_reach_the_caller, setup, teardown),
		cmocka_unit_test_setup_teardown(test_iterator_stops, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
