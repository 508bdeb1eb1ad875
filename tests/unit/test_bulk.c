/* tests/unit/test_bulk.c: a bulk load (import, benchmark) stores exactly what saving the same
 * people one at a time stores — the rows, categories, the dated status event, the creation in the
 * history, the search keys (initials of every reading, every part of the name, ID and phone tails)
 * and the matching candidates — and refuses a duplicate ID number inside the batch or against a
 * registered resident with the same message resident_save gives. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

#include "registry/registry_int.h"

static char dir[64];

/* 70 people: more than two full chunks of a bulk load and a partial one. */
#define NPEOPLE 70

static const char *const surnames[] = { "张", "曾", "单", "區", "欧阳", "李", "王", "解" };
static const char *const given[] = { "晓红", "小单", "丽丽", "國強", "娜娜", "红红", "长乐", "重阳" };
static const char *const statuses[] = { "10", "11", "12", "20", "失业", "灵活就业" };
static const char *const cats[] = { "", "DIBAO", "下岗职工、低保对象", "LAID_OFF,ZERO_EMP_HH", "残疾人" };
static const char *const intents[] = { NULL, "保洁、家政", "社区保洁员 / 绿化", "Driver 司机，（保安）" };
static const char *const educations[] = { NULL, "初中", "大学本科", "99", "大专" };
static const char *const healths[] = { NULL, "10", "视力残疾", "60" };

struct person {
	char name[32], idno[19], phone[16], reg[16];
	const char *status, *cats, *intent, *education, *health, *dibao, *skills;
};

static void person(int i, struct person *p)
{
	char birth[16];
	snprintf(p->name, sizeof p->name, "%s%s", surnames[i % 8], given[(i / 8) % 8]);
	snprintf(birth, sizeof birth, "19%02d-%02d-%02d", 60 + i % 40, 1 + i % 12, 1 + i % 28);
	idcard_make("320102", birth, 100 + i, i % 2 ? 'M' : 'F', p->idno);
	if (i % 5 == 4)
		p->phone[0] = '\0';
	else
		snprintf(p->phone, sizeof p->phone, "13%09d", 800000000 + i * 7919);
	snprintf(p->reg, sizeof p->reg, "2023-%02d-%02d", 1 + i % 12, 1 + (i * 7) % 28);
	p->status = statuses[i % 6];
	p->cats = cats[i % 5];
	p->intent = intents[i % 4];
	p->education = educations[i % 5];
	p->health = healths[(i / 3) % 4];
	p->dibao = i % 7 == 3 ? "是" : NULL;
	p->skills = i % 3 == 1 ? "电工 CAD-制图" : NULL;
}

static void fill(struct resident *r, const struct person *p)
{
	resident_set(r, RF_NAME, p->name);
	resident_set(r, RF_IDNO, p->idno);
	resident_set(r, RF_PHONE, p->phone);
	resident_set(r, RF_STATUS, p->status);
	resident_set(r, RF_CATEGORIES, p->cats);
	resident_set(r, RF_INTENT, p->intent);
	resident_set(r, RF_REGDATE, p->reg);
	resident_set(r, RF_EDUCATION, p->education);
	resident_set(r, RF_HEALTH, p->health);
	resident_set(r, RF_DIBAO, p->dibao);
	resident_set(r, RF_SKILLS, p->skills);
}

static struct jy_db *open_new(const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct jy_db *db = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, &err), JY_OK);
	free(path);
	return db;
}

static void load_single(struct jy_db *db)
{
	struct jy_err err = { 0 };
	for (int i = 0; i < NPEOPLE; i++) {
		struct person p;
		person(i, &p);
		struct resident *r = resident_new();
		fill(r, &p);
		assert_int_equal(resident_save(db, r, &err), JY_OK);
		resident_free(&r);
	}
}

static void load_bulk(struct jy_db *db)
{
	struct jy_err err = { 0 };
	struct resident_bulk *b;
	assert_int_equal(resident_bulk_begin(db, &b, &err), JY_OK);
	struct resident *r = resident_new();
	for (int i = 0; i < NPEOPLE; i++) {
		struct person p;
		person(i, &p);
		fill(r, &p);
		r->id = 0;
		assert_int_equal(resident_bulk_add(b, r, &err), JY_OK);
	}
	resident_free(&r);
	assert_int_equal(resident_bulk_commit(&b, &err), JY_OK);
}

/* Every row of a query, one line each. Caller frees. */
static char *dump(struct jy_db *db, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
	struct jy_buf b = { 0 };
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int c = 0; c < sqlite3_column_count(st); c++) {
			const char *v = (const char *)sqlite3_column_text(st, c);
			buf_addf(&b, "%s%s", c ? "|" : "", v ? v : "NULL");
		}
		buf_adds(&b, "\n");
	}
	sqlite3_finalize(st);
	return b.s ? buf_steal(&b) : xstrdup("");
}

static const char *const same_sql[] = {
	"SELECT id, reg_no, name, id_no, sex, birth, phone, status, reg_date, benefit, dibao, job_intent, "
	"education, health, skills, version, closed_at FROM resident ORDER BY id",
	"SELECT resident_id, category, since FROM resident_category ORDER BY 1, 2",
	"SELECT resident_id, date, status, form, employer, note, kind FROM status_event "
	"ORDER BY resident_id, id",
	"SELECT entity, entity_id, action, changes FROM history WHERE entity = 'resident' ORDER BY seq",
	"SELECT community, key, resident_id FROM search_key ORDER BY 1, 2, 3",
	"SELECT reg_date, resident_id, sex, birth, edu, r5 FROM seek ORDER BY 1, 2",
	"SELECT word, reg_date, resident_id, sex, birth, edu FROM seek_word ORDER BY 1, 2, 3",
	"SELECT count(*) FROM seek_deferred",
	/* the planner's statistics a bulk load refreshes are not data */
	"SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name",
};

static void test_bulk_same_as_single(void **state)
{
	struct jy_db *one = open_new(*state ? "one2.db" : "one.db"), *bulk = open_new(*state ? "spill.db" : "bulk.db");
	struct jy_err err = { 0 };
	/* the second run writes what it holds every 7 rows (28 keys): the same tables */
	if (*state)
		assert_int_equal(db_setting_set(bulk, "bulk.spill_rows", "7", &err), JY_OK);
	load_single(one);
	load_bulk(bulk);
	for (size_t i = 0; i < ARRAY_LEN(same_sql); i++) {
		char *a = dump(one, same_sql[i]), *b = dump(bulk, same_sql[i]);
		if (strcmp(a, b) != 0)
			fail_msg("%s\n--- one at a time:\n%.2000s\n--- bulk:\n%.2000s", same_sql[i], a, b);
		free(a);
		free(b);
	}
	/* the status event is her registration, dated on the registration date, with no note */
	char *ev = dump(bulk, "SELECT count(*) FROM status_event e JOIN resident r "
	                      "ON r.id = e.resident_id WHERE e.date = r.reg_date "
	                      "AND e.status = r.status AND e.kind = 'registration' "
	                      "AND e.note IS NULL");
	assert_string_equal(ev, "70\n");
	free(ev);
	/* the candidates cover every case: education known or not, priority or not, words */
	char *seekers = dump(bulk, "SELECT count(*) > 10, count(edu) > 5, count(*) > count(edu), sum(r5) > 5, "
	                           "sum(r5) < count(*) FROM seek");
	assert_string_equal(seekers, "1|1|1|1|1\n");
	free(seekers);
	char *words = dump(bulk, "SELECT count(DISTINCT word) > 8, sum(word = 'ca') > 0 FROM seek_word");
	assert_string_equal(words, "1|1\n");
	free(words);
	db_close(&one);
	db_close(&bulk);
}

/* The ids a query finds (closed records too, up to 200), comma-separated. Caller frees. */
static char *found(struct jy_db *db, const char *query)
{
	struct search_page pg;
	struct jy_err err = { 0 };
	assert_int_equal(search_residents(db, query, NULL, 200, 1, &pg, &err), JY_OK);
	struct jy_buf b = { 0 };
	for (int k = 0; k < pg.n; k++)
		buf_addf(&b, "%s%lld", k ? "," : "", (long long)pg.rows[k].id);
	search_page_free(&pg);
	return b.s ? buf_steal(&b) : xstrdup("");
}

/* Does the comma-separated list hold id? */
static int has_id(const char *list, int64_t id)
{
	char want[32];
	snprintf(want, sizeof want, "%lld", (long long)id);
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		if (n == strlen(want) && strncmp(p, want, n) == 0)
			return 1;
		p += n + (p[n] == ',');
	}
	return 0;
}

/* Search finds bulk-loaded people by every reading's initials, any part of the name (traditional
 * or simplified) and the last digits of the ID number or phone, exactly as people saved one at a
 * time. */
static void test_bulk_search(void **state)
{
	(void)state;
	struct jy_db *one = open_new("s1.db"), *bulk = open_new("s2.db");
	load_single(one);
	load_bulk(bulk);
	int queries = 0;
	for (int i = 0; i < NPEOPLE; i++) {
		struct person p;
		person(i, &p);
		char *q[16];
		int nq = hanzi_initials_all(p.name, q, 8);
		q[nq++] = xstrdup(p.name + strlen(p.name) - 6);        /* the last two characters */
		q[nq++] = xstrdup(p.idno + 12);
		if (p.phone[0])
			q[nq++] = xstrdup(p.phone + 7);
		for (int k = 0; k < nq; k++) {
			char *a = found(one, q[k]), *b = found(bulk, q[k]);
			assert_string_equal(b, a);
			if (!has_id(b, i + 1))
				fail_msg("\"%s\" does not find %s (%d): %s", q[k], p.name, i + 1, b);
			free(a);
			free(b);
			free(q[k]);
			queries++;
		}
	}
	assert_true(queries > 4 * NPEOPLE);
	char *a = found(bulk, "区晓红");                         /* stored as 區晓红 */
	assert_true(has_id(a, 4));
	free(a);
	db_close(&one);
	db_close(&bulk);
}

static void test_bulk_duplicates(void **state)
{
	(void)state;
	struct jy_db *db = open_new("dup.db");
	load_bulk(db);
	struct jy_err err = { 0 };
	struct resident_bulk *b;
	assert_int_equal(resident_bulk_begin(db, &b, &err), JY_OK);
	struct resident *r = resident_new();
	struct person p;

	/* against a registered resident */
	person(5, &p);
	fill(r, &p);
	assert_int_equal(resident_bulk_add(b, r, &err), JY_EDUP);
	assert_string_equal(err.field, "身份证号");
	char *want = xasprintf("this ID number is already registered: %s (R-000006)", p.name);
	assert_string_equal(err.msg, want);
	free(want);
	assert_int_equal(err.other_id, 6);

	/* inside the batch, still waiting to be written */
	struct person n1 = p;
	snprintf(n1.name, sizeof n1.name, "新来人");
	idcard_make("320102", "1990-01-01", 999, 'M', n1.idno);
	fill(r, &n1);
	r->id = 0;
	assert_int_equal(resident_bulk_add(b, r, &err), JY_OK);
	int64_t first = r->id;
	fill(r, &n1);
	resident_set(r, RF_NAME, "另一人");
	r->id = 0;
	err_clear(&err);
	assert_int_equal(resident_bulk_add(b, r, &err), JY_EDUP);
	want = xasprintf("this ID number is already registered: 新来人 (R-%06lld)", (long long)first);
	assert_string_equal(err.msg, want);
	free(want);
	assert_int_equal(err.other_id, first);

	/* inside the batch, already written (more than a chunk later) */
	for (int i = 0; i < 40; i++) {
		struct person q;
		person(1000 + i, &q);
		char birth[16];
		snprintf(birth, sizeof birth, "1991-%02d-%02d", 1 + (i / 28) % 12, 1 + i % 28);
		idcard_make("320102", birth, 100, 'F', q.idno);
		fill(r, &q);
		r->id = 0;
		if (resident_bulk_add(b, r, &err) != JY_OK)
			fail_msg("%s %s: %s %s", q.name, q.idno, err.field, err.msg);
	}
	fill(r, &n1);
	r->id = 0;
	err_clear(&err);
	assert_int_equal(resident_bulk_add(b, r, &err), JY_EDUP);
	assert_int_equal(err.other_id, first);

	/* a refused record leaves no trace and the batch goes on */
	resident_free(&r);
	assert_int_equal(resident_bulk_commit(&b, &err), JY_OK);
	char *n = dump(db, "SELECT count(*), count(DISTINCT id_no) FROM resident");
	assert_string_equal(n, "111|111\n");
	free(n);
	n = dump(db, "SELECT count(*) FROM history WHERE entity = 'resident' AND action = 'create'");
	assert_string_equal(n, "111\n");
	free(n);
	db_close(&db);
}

/* The triggers set aside during a load are back after commit and after an abort, and an update
 * inside a load (an import meeting a resident it has) keeps the matching candidates right. */
static void test_bulk_triggers_back(void **state)
{
	(void)state;
	static const char sql[] = "SELECT group_concat(name) FROM (SELECT name FROM sqlite_schema "
	                          "WHERE type = 'trigger' AND name LIKE 'seek%' ORDER BY name)";
	struct jy_db *db = open_new("trig.db");
	char *before = dump(db, sql);
	assert_string_equal(before, "seek_category_in,seek_category_out,seek_insert,seek_update\n");
	load_bulk(db);
	char *after = dump(db, sql);
	assert_string_equal(after, before);
	free(after);

	struct jy_err err = { 0 };
	struct resident_bulk *b;
	assert_int_equal(resident_bulk_begin(db, &b, &err), JY_OK);
	resident_bulk_abort(&b);
	after = dump(db, sql);
	assert_string_equal(after, before);
	free(after);

	/* person 0 is a seeker without categories; an update inside a load gives her 低保 */
	char *r5 = dump(db, "SELECT r5 FROM seek WHERE resident_id = 1");
	assert_string_equal(r5, "0\n");
	free(r5);
	assert_int_equal(resident_bulk_begin(db, &b, &err), JY_OK);
	struct resident *r = resident_new();
	struct person p;
	person(2000, &p);
	idcard_make("320102", "1992-02-02", 555, 'F', p.idno);
	p.status = "10";
	fill(r, &p);
	assert_int_equal(resident_bulk_add(b, r, &err), JY_OK);
	int64_t added = r->id;
	resident_free(&r);
	assert_int_equal(resident_bulk_sync(b, &err), JY_OK);
	assert_int_equal(resident_load(db, 1, &r, &err), JY_OK);
	resident_set(r, RF_CATEGORIES, "DIBAO");
	assert_int_equal(resident_save(db, r, &err), JY_OK);
	resident_free(&r);
	assert_int_equal(resident_bulk_commit(&b, &err), JY_OK);
	r5 = dump(db, "SELECT r5 FROM seek WHERE resident_id = 1");
	assert_string_equal(r5, "1\n");
	free(r5);
	char *q = xasprintf("SELECT count(*) FROM seek WHERE resident_id = %lld", (long long)added);
	char *got = dump(db, q);
	assert_string_equal(got, "1\n");
	free(got);
	free(q);
	after = dump(db, sql);
	assert_string_equal(after, before);
	free(after);
	free(before);
	db_close(&db);
}

/* The clock of time_now_iso, held still while fixed_now is set: history rows carry the second they
 * were written in, and a chain compared hash for hash needs the same seconds on both sides. */
static time_t fixed_now;

time_t time(time_t *t)
{
	struct timespec ts;
	if (fixed_now)
		ts.tv_sec = fixed_now;
	else
		clock_gettime(CLOCK_REALTIME, &ts);
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

/* A load, an update of a registered resident in the middle of it (an import meeting someone it
 * has: written one at a time between the load's chunks) and more of the load. */
static void load_mixed(struct jy_db *db, int bulk)
{
	struct jy_err err = { 0 };
	struct resident_bulk *b = NULL;
	if (bulk)
		assert_int_equal(resident_bulk_begin(db, &b, &err), JY_OK);
	for (int i = 100; i < 150; i++) {
		struct person p;
		person(i, &p);
		struct resident *r = resident_new();
		fill(r, &p);
		if (i == 105 || i == 140) {
			resident_free(&r);
			if (b)
				assert_int_equal(resident_bulk_sync(b, &err), JY_OK);
			assert_int_equal(resident_load(db, i == 105 ? 1 : 3, &r, &err), JY_OK);
			resident_set(r, RF_PHONE, i == 105 ? "13912345678" : NULL);
		}
		int rc = b && !r->id ? resident_bulk_add(b, r, &err) : resident_save(db, r, &err);
		if (rc)
			fail_msg("person %d: %s %s", i, err.field, err.msg);
		resident_free(&r);
	}
	if (b && resident_bulk_commit(&b, &err))
		fail_msg("commit: %s", err.msg);
}

/* A bulk load's history is the chain saving the same people one at a time writes, seq for seq and
 * hash for hash, and it verifies. */
static void test_bulk_history_chain(void **state)
{
	(void)state;
	fixed_now = 1719741600;         /* 2024-06-30T10:00:00Z */
	struct jy_db *one = open_new("h1.db"), *bulk = open_new("h2.db");
	load_single(one);
	load_bulk(bulk);
	load_mixed(one, 0);
	load_mixed(bulk, 1);
	static const char sql[] = "SELECT seq, at, os_user, worker, src, role, entity, entity_id, action, "
	                          "fields, changes, result, hex(hash) FROM history ORDER BY seq";
	char *a = dump(one, sql), *b = dump(bulk, sql);
	if (strcmp(a, b) != 0)
		fail_msg("--- one at a time:\n%.3000s\n--- bulk:\n%.3000s", a, b);
	free(a);
	free(b);
	char *n = dump(bulk, "SELECT count(*) = 118 FROM history WHERE action = 'create'");
	assert_string_equal(n, "1\n");
	free(n);
	struct history_verify v1, v2;
	struct jy_err err = { 0 };
	assert_int_equal(history_verify(one, &v1, &err), JY_OK);
	assert_int_equal(history_verify(bulk, &v2, &err), JY_OK);
	assert_int_equal(v2.bad, 0);
	assert_int_equal(v2.rows, v1.rows);
	assert_int_equal(v2.head_seq, v1.head_seq);
	assert_string_equal(v2.head, v1.head);
	fixed_now = 0;
	db_close(&one);
	db_close(&bulk);
}

/* The same-name-and-birth-date warning finds bulk-loaded people (through their whole-name search
 * key, 009_speed.sql): the exact name only, not another writing of it. */
static void test_bulk_same_name_warning(void **state)
{
	(void)state;
	struct jy_db *db = open_new("warn.db");
	load_bulk(db);
	static const struct {
		const char *name, *birth;
		int64_t other;
	} cases[] = {
		{ "區晓红", "1963-04-04", 4 },          /* person 3, as stored */
		{ "区晓红", "1963-04-04", 0 },          /* folds to the same key, another name */
		{ "區晓红", "1963-04-05", 0 },
		{ "晓红", "1963-04-04", 0 },            /* a part of the name */
		{ "欧阳晓红", "1964-05-05", 5 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char id[19];
		idcard_make("110105", cases[i].birth, 555, 'F', id);
		struct resident *r = resident_new();
		resident_set(r, RF_NAME, cases[i].name);
		resident_set(r, RF_IDNO, id);
		struct jy_err err = { 0 };
		assert_int_equal(resident_check_dup(db, r, &err), JY_OK);
		if (err.warn != (cases[i].other != 0) || err.other_id != cases[i].other)
			fail_msg("%s %s: warn %d other %lld", cases[i].name, cases[i].birth, err.warn,
			         (long long)err.other_id);
		resident_free(&r);
	}
	db_close(&db);
}

/* A load whose matching index cannot be written or read fails with the database's words at the
 * step that met it, and leaves nothing behind: seek_bulk_begin with the table it marks hidden (on
 * its own and through resident_bulk_begin), and seek_bulk_add with the education order refused.
 * Before, begin went on without its marker and add took the order for "none". */
static void test_bulk_failures_said(void **state)
{
	(void)state;
	struct jy_db *db = open_new("fail.db");
	load_bulk(db);          /* every statement below is prepared, the code lists are read */
	int64_t before = test_resident_count(db);
	struct jy_err err = { 0 };

	test_table_hide(db, "seek_deferred", 1);
	struct seek_bulk *m = (struct seek_bulk *)&err;         /* not NULL: begin must clear it */
	assert_int_equal(db_begin(db, &err), JY_OK);
	assert_int_equal(seek_bulk_begin(db, &m, &err), JY_EDB);
	assert_null(m);
	assert_non_null(strstr(err.msg, "updating the matching index"));
	assert_non_null(strstr(err.msg, "seek_deferred"));
	db_rollback(db);
	struct resident_bulk *b = (struct resident_bulk *)&err;
	err_clear(&err);
	assert_int_equal(resident_bulk_begin(db, &b, &err), JY_EDB);
	assert_null(b);
	assert_non_null(strstr(err.msg, "seek_deferred"));
	assert_false(db_in_tx(db));                     /* the load's transaction is gone too */
	test_table_hide(db, "seek_deferred", 0);

	test_deny_read(db, "code", "ord");
	assert_int_equal(resident_bulk_begin(db, &b, &err), JY_OK);
	struct person p;
	/* a new job seeker (10) with an education (大学本科): her seek row needs its order */
	person(72, &p);
	struct resident *r = resident_new();
	fill(r, &p);
	assert_int_equal(resident_bulk_add(b, r, &err), JY_EDB);
	assert_non_null(strstr(err.msg, "reading a code list"));
	assert_non_null(strstr(err.msg, "code.ord"));
	assert_int_equal(resident_bulk_commit(&b, &err), JY_EDB);
	test_deny_read(db, NULL, NULL);
	resident_free(&r);
	assert_int_equal(test_resident_count(db), before);
	db_close(&db);
}

static int setup(void **state)
{
	(void)state;
	setenv("JIUYE_TODAY", "2024-06-30", 1);
	snprintf(dir, sizeof dir, "/tmp/jy-bulk-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return 0;
}

int main(void)
{
	test_init();
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bulk_same_as_single),
		cmocka_unit_test_prestate(test_bulk_same_as_single, (void *)"spill"),
		cmocka_unit_test(test_bulk_search),
		cmocka_unit_test(test_bulk_duplicates),
		cmocka_unit_test(test_bulk_triggers_back),
		cmocka_unit_test(test_bulk_history_chain),
		cmocka_unit_test(test_bulk_same_name_warning),
		cmocka_unit_test(test_bulk_failures_said),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
