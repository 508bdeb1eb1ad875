/* tests/unit/test_audit.c: the audit trail: the hash chain verifies, and finds the row a
 * raw sqlite3 connection altered, removed or slipped in (triggers dropped first, as someone with
 * the file would); every event kind is recorded with who, where from, role and result; several
 * processes appending at once never fork the chain; rows from before the chain are sealed; the
 * browser's filters. The trail against the records it must account for, the schema against the
 * migrations', no writes without the trail's triggers or after a damaged page, the fixed limit
 * of rows from before the chain, a head noted earlier, files refused at open. */
#include "testutil.h"

#include <glob.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

struct fixture {
	char dir[64];
	char path[96];
	struct jy_db *db;
};

static void actor(struct jy_db *db, const char *os_user, const char *name, int role)
{
	struct jy_actor who = { .role = role };
	snprintf(who.os_user, sizeof who.os_user, "%s", os_user);
	snprintf(who.name, sizeof who.name, "%s", name);
	assert_int_equal(db_set_actor(db, &who, NULL), JY_OK);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-audit-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("JIUYE_TODAY", "2024-06-30", 1);
	unsetenv("SSH_CONNECTION");
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	/* the OS user running the test is the new database's administrator: she adds the workers */
	assert_int_equal(worker_save(f->db, "wangfang", "王芳", ROLE_ADMIN, NULL, &err), JY_OK);
	assert_int_equal(worker_save(f->db, "lijing", "李静", ROLE_CLERK, NULL, &err), JY_OK);
	assert_int_equal(worker_save(f->db, "zhaomin", "赵敏", ROLE_STATS, NULL, &err), JY_OK);
	actor(f->db, "wangfang", "王芳", ROLE_ADMIN);
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

/* n changes of resident records, each in its own transaction as a save would do it. */
static void changes(struct jy_db *db, int n)
{
	struct jy_err err = { 0 };
	for (int i = 0; i < n; i++) {
		char json[128];
		snprintf(json, sizeof json, "{\"phone\":[\"1380000%04d\",\"1390000%04d\"],\"address\":[null,\"幸福里%d栋\"]}",
		         i, i, i);
		assert_int_equal(db_begin(db, &err), JY_OK);
		assert_int_equal(history_add(db, "resident", 100 + i % 7, i % 5 ? "update" : "create", json, &err), JY_OK);
		assert_int_equal(db_commit(db, &err), JY_OK);
	}
}

static int64_t verify(struct jy_db *db, struct history_verify *v)
{
	struct jy_err err = { 0 };
	assert_int_equal(history_verify(db, v, &err), JY_OK);
	return v->bad;
}

/* SQL through a connection of its own, as the sqlite3 shell would run it. */
static void raw(const char *path, const char *sql)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(h);
}

/* A new database at schema version `version`, made as jiuye of that version made it: the
 * migrations of the tree up to it, each in its transaction ending in its user_version. Found
 * through this file's name as the build gave it (relative to the top of the tree, or absolute). */
static void make_at_version(const char *path, int version)
{
	const char *me = __FILE__, *tail = strstr(me, "tests/unit/");
	int dir = tail ? (int)(tail - me) : 0;
	for (int v = 1; v <= version; v++) {
		char pattern[4096];
		snprintf(pattern, sizeof pattern, "%.*sassets/schema/%03d_*.sql", dir, me, v);
		glob_t g;
		if (glob(pattern, 0, NULL, &g) != 0 || g.gl_pathc != 1)
			fail_msg("no single migration %s", pattern);
		FILE *fp = fopen(g.gl_pathv[0], "r");
		assert_non_null(fp);
		struct jy_buf sql = { 0 };
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
			buf_add(&sql, chunk, n);
		fclose(fp);
		globfree(&g);
		char *all = xasprintf("BEGIN; %s; PRAGMA user_version = %d; COMMIT;", sql.s, v);
		raw(path, all);
		free(all);
		buf_free(&sql);
	}
}

/* The first column of the first row of sql, read through a connection of its own. */
static int64_t raw_int(const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static const char no_update[] = "CREATE TRIGGER history_no_update BEFORE UPDATE ON history "
                                "BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;";
static const char no_delete[] = "CREATE TRIGGER history_no_delete BEFORE DELETE ON history "
                                "BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;";

static void test_chain_verifies(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	changes(f->db, 20);
	struct history_verify v;
	assert_int_equal(verify(f->db, &v), 0);
	assert_true(v.rows > 20);
	assert_int_equal(v.unsealed, 0);
	assert_int_equal(v.head_seq, v.rows);
	assert_int_equal(strlen(v.head), 64);
	/* db_check reports nothing */
	assert_int_equal(db_check(f->db, NULL, NULL, NULL, &err), 0);
}

static void test_raw_update_refused(void **state)
{
	struct fixture *f = *state;
	changes(f->db, 3);
	sqlite3 *h;
	assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(h, "UPDATE history SET worker = '李四' WHERE seq = 2", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(h, "DELETE FROM history WHERE seq = 2", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

/* Each way of tampering, on a chain of 30 rows after the setup's: the row it names. In the SQL,
 * #N is the N-th of the 30. */
static const struct {
	const char *what;
	const char *sql;
	int64_t bad;
} tampering[] = {
	{ "a value altered", "DROP TRIGGER history_no_update; UPDATE history SET changes = "
	  "replace(changes, '13900000012', '13912345678') WHERE seq = #13;", 13 },
	{ "the worker altered", "DROP TRIGGER history_no_update; UPDATE history SET worker = '张伟' WHERE seq = #7;", 7 },
	{ "the time altered", "DROP TRIGGER history_no_update; UPDATE history SET at = '2020-01-01T00:00:00+08:00' WHERE seq = #1;", 1 },
	{ "a hash altered", "DROP TRIGGER history_no_update; UPDATE history SET hash = zeroblob(32) WHERE seq = #30;", 30 },
	{ "a row removed", "DROP TRIGGER history_no_delete; DELETE FROM history WHERE seq = #21;", 21 },
	{ "the first of them removed", "DROP TRIGGER history_no_delete; DELETE FROM history WHERE seq = #1;", 1 },
	/* the rows from 9 on moved up one, a forged row put in as 9 */
	{ "a row slipped in", "DROP TRIGGER history_no_update;"
	  "UPDATE history SET seq = -seq WHERE seq >= #9; UPDATE history SET seq = 1 - seq WHERE seq < 0;"
	  "INSERT INTO history(seq, at, os_user, worker, entity, entity_id, action, changes, result, hash) "
	  "SELECT #9, at, os_user, worker, entity, entity_id, 'update', '{\"dibao\":[\"1\",\"0\"]}', 'ok', hash "
	  "FROM history WHERE seq = #8;", 9 },
};

/* sql with each #N as base + N. Caller frees. */
static char *seq_sql(const char *sql, int64_t base)
{
	struct jy_buf b = { 0 };
	for (const char *p = sql; *p; p++) {
		if (*p == '#') {
			char *end;
			long n = strtol(p + 1, &end, 10);
			buf_addf(&b, "%lld", (long long)(base + n));
			p = end - 1;
		} else {
			buf_add(&b, p, 1);
		}
	}
	return buf_steal(&b);
}

static int64_t rows_now(struct jy_db *db)
{
	struct history_verify v;
	verify(db, &v);
	return v.rows;
}

static void test_tampering_found(void **state)
{
	for (size_t i = 0; i < ARRAY_LEN(tampering); i++) {
		struct fixture *f = *state;
		int64_t base = rows_now(f->db);
		changes(f->db, 30);
		db_close(&f->db);
		char *sql = seq_sql(tampering[i].sql, base);
		raw(f->path, sql);
		free(sql);
		/* the triggers put back, so that nothing but the rows is amiss */
		if (strstr(tampering[i].sql, "DROP TRIGGER history_no_update"))
			raw(f->path, no_update);
		if (strstr(tampering[i].sql, "DROP TRIGGER history_no_delete"))
			raw(f->path, no_delete);
		struct jy_err err = { 0 };
		assert_int_equal(db_open(f->path, 0, &f->db, &err), JY_OK);
		struct history_verify v;
		if (verify(f->db, &v) != base + tampering[i].bad)
			fail_msg("%s: found %lld, not %lld (%s)", tampering[i].what, (long long)v.bad,
			         (long long)(base + tampering[i].bad), v.why);
		char seq[24];
		snprintf(seq, sizeof seq, "%lld", (long long)(base + tampering[i].bad));
		assert_non_null(strstr(v.why, seq));
		assert_int_equal(db_check(f->db, NULL, NULL, NULL, &err), 1);
		teardown(state);
		setup(state);
	}
}

/* Every kind of event, with the actor's fields and where she came from. */
struct seen {
	int n;
	char event[16][16], fields[16][64], result[16][32], src[16][48], worker[16][32], os_user[16][32];
	int role[16];
};

static int see(void *arg, const struct history_entry *h)
{
	struct seen *s = arg;
	if (s->n == 16)
		return 0;
	snprintf(s->event[s->n], sizeof s->event[0], "%s", h->event);
	snprintf(s->fields[s->n], sizeof s->fields[0], "%s", h->fields ? h->fields : "");
	snprintf(s->result[s->n], sizeof s->result[0], "%s", h->result);
	snprintf(s->src[s->n], sizeof s->src[0], "%s", h->src ? h->src : "");
	snprintf(s->worker[s->n], sizeof s->worker[0], "%s", h->worker);
	snprintf(s->os_user[s->n], sizeof s->os_user[0], "%s", h->os_user);
	s->role[s->n] = h->role;
	s->n++;
	return 0;
}

static void test_every_event(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	setenv("SSH_CONNECTION", "10.20.30.40 51234 10.20.30.1 22", 1);
	actor(f->db, "lijing", "李静", ROLE_CLERK);
	assert_int_equal(audit_note(f->db, "login", "session", 0, NULL, NULL, JY_OK, &err), JY_OK);
	assert_int_equal(history_add(f->db, "resident", 5, "view", "{\"field\":\"id_no\"}", &err), JY_OK);
	assert_int_equal(history_add(f->db, "resident", 5, "create", "{\"name\":[null,\"张伟\"],\"phone\":[null,\"13800001234\"]}", &err), JY_OK);
	assert_int_equal(history_add(f->db, "resident", 5, "update", "{\"phone\":[\"13800001234\",\"13900001234\"]}", &err), JY_OK);
	assert_int_equal(history_add(f->db, "resident", 5, "close", "{\"close_reason\":[null,\"已就业\"]}", &err), JY_OK);
	assert_int_equal(audit_file(f->db, "import", "residents", 120, "/srv/in/居民.csv", JY_OK,
	                            &err), JY_OK);
	assert_int_equal(audit_file(f->db, "export", "residents", 0, "/srv/out/居民.csv", JY_EIO,
	                            &err), JY_OK);
	assert_int_equal(audit_note(f->db, "lock", "session", 0, NULL, NULL, JY_OK, &err), JY_OK);
	struct seen s = { 0 };
	struct audit_filter all = { .worker = "lijing" };
	int64_t nope;
	assert_int_equal(audit_page(f->db, &all, 0, 16, see, &s, &nope, &err), JY_EPERM);   /* a clerk */
	actor(f->db, "wangfang", "王芳", ROLE_ADMIN);                                     /* reads it */
	int64_t next;
	assert_int_equal(audit_page(f->db, &all, 0, 16, see, &s, &next, &err), JY_OK);
	assert_int_equal(s.n, 8);
	assert_int_equal(next, 0);
	static const char *const events[] = { "lock", "export", "import", "close", "change", "create", "view", "login" };
	static const char *const fields[] = { "", "", "", "close_reason", "phone", "name,phone", "id_no", "" };
	for (int i = 0; i < 8; i++) {
		assert_string_equal(s.event[i], events[i]);
		assert_string_equal(s.fields[i], fields[i]);
		assert_string_equal(s.src[i], "10.20.30.40");
		assert_string_equal(s.worker[i], "李静");
		assert_string_equal(s.os_user[i], "lijing");
		assert_int_equal(s.role[i], ROLE_CLERK);
		assert_string_equal(s.result[i], i == 1 ? "fail:file error" : "ok");
	}
	/* the idle lock's unlock (tui/widget/lock.c) is its own event */
	assert_int_equal(audit_note(f->db, "unlock", "session", 0, NULL, NULL, JY_OK, &err), JY_OK);
	struct seen u = { 0 };
	struct audit_filter unlock = { .event = "解锁" };
	assert_int_equal(audit_page(f->db, &unlock, 0, 16, see, &u, &next, &err), JY_OK);
	assert_int_equal(u.n, 1);
	assert_string_equal(u.event[0], "unlock");
	struct history_verify v;
	assert_int_equal(verify(f->db, &v), 0);
	unsetenv("SSH_CONNECTION");
}

static void test_source_address(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *env, *src;
	} cases[] = {
		{ "2001:db8::7 40000 2001:db8::1 22", "2001:db8::7" },
		{ "192.168.1.9 1 2 3", "192.168.1.9" },
		{ "; DROP TABLE history 1 2 3", "" },
		{ "", "" },
		{ NULL, "" },
	};
	struct jy_err err = { 0 };
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		if (cases[i].env)
			setenv("SSH_CONNECTION", cases[i].env, 1);
		else
			unsetenv("SSH_CONNECTION");
		assert_int_equal(audit_note(f->db, "login", "session", 0, NULL, NULL, JY_OK, &err), JY_OK);
		struct seen s = { 0 };
		struct audit_filter all = { 0 };
		int64_t next;
		assert_int_equal(audit_page(f->db, &all, 0, 1, see, &s, &next, &err), JY_OK);
		assert_string_equal(s.src[0], cases[i].src);
	}
	unsetenv("SSH_CONNECTION");
}

/* An export through a read-only connection is recorded all the same. */
static void test_readonly_connection(void **state)
{
	struct fixture *f = *state;
	struct jy_db *ro;
	struct jy_err err = { 0 };
	changes(f->db, 2);
	assert_int_equal(db_open(f->path, DB_OPEN_READONLY, &ro, &err), JY_OK);
	actor(ro, "zhaomin", "赵敏", ROLE_STATS);
	assert_int_equal(audit_file(ro, "export", "residents", 10, "out.csv", JY_OK, NULL), JY_OK);
	db_close(&ro);
	struct seen s = { 0 };
	struct audit_filter ev = { .event = "导出" };
	int64_t next;
	assert_int_equal(audit_page(f->db, &ev, 0, 5, see, &s, &next, &err), JY_OK);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.os_user[0], "zhaomin");
	assert_int_equal(s.role[0], ROLE_STATS);
}

/* Several processes appending at once: every row lands, the chain has no fork. */
static void test_concurrent_appends(void **state)
{
	struct fixture *f = *state;
	enum { PROCS = 6, EACH = 150 };
	changes(f->db, 1);
	int64_t base = rows_now(f->db);
	for (int p = 0; p < PROCS; p++) {
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			struct jy_db *db;
			struct jy_err err = { 0 };
			if (db_open(f->path, 0, &db, &err))
				_exit(2);
			actor(db, p % 2 ? "lijing" : "wangfang", p % 2 ? "李静" : "王芳", ROLE_CLERK);
			for (int i = 0; i < EACH; i++) {
				char json[64];
				snprintf(json, sizeof json, "{\"note\":[null,\"进程%d第%d次\"]}", p, i);
				/* half in a transaction of the caller's, half in their own */
				if (i % 2 && db_begin(db, &err))
					_exit(3);
				if (history_add(db, "resident", p, "update", json, &err))
					_exit(4);
				if (i % 2 && db_commit(db, &err))
					_exit(5);
			}
			db_close(&db);
			_exit(0);
		}
	}
	for (int p = 0; p < PROCS; p++) {
		int status;
		assert_true(wait(&status) > 0);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	struct history_verify v;
	assert_int_equal(verify(f->db, &v), 0);
	assert_int_equal(v.rows, base + PROCS * EACH);
}

/* Rows from before the chain (an upgraded database): sealed by the next write, then covered. */
static void test_legacy_rows_sealed(void **state)
{
	struct fixture *f = *state;
	db_close(&f->db);
	unlink(f->path);
	/* a database from before 012_trail_guard, its rows written before the chain: the limit of
	 * unhashed rows is a setting, as 007 noted it */
	make_at_version(f->path, 11);
	raw(f->path, "INSERT INTO worker(os_user, name, role, created_at) VALUES "
	             "('wangfang', '王芳', 4, '2024-01-01T09:00:00+08:00'),"
	             "('lijing', '李静', 1, '2024-01-01T09:00:00+08:00');"
	             "INSERT INTO history(at, os_user, worker, entity, entity_id, action, changes) VALUES "
	             "('2024-01-02T09:00:00+08:00', 'wangfang', '王芳', 'resident', 1, 'create', '{\"name\":[null,\"刘洋\"]}'),"
	             "('2024-01-03T09:00:00+08:00', 'wangfang', '王芳', 'resident', 1, 'update', '{\"phone\":[null,\"13800001111\"]}'),"
	             "('2024-01-04T09:00:00+08:00', 'lijing', '李静', 'resident', 2, 'create', '{\"name\":[null,\"陈静\"]}');"
	             "INSERT OR REPLACE INTO setting(key, value) VALUES ('audit.unhashed_until', '3');");
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, 0, &f->db, &err), JY_OK);
	actor(f->db, "wangfang", "王芳", ROLE_ADMIN);
	/* the upgrade took the limit from the setting (no row had a hash), and dropped it */
	char *limit = NULL;
	assert_int_equal(db_setting(f->db, "audit.unhashed_until", "gone", &limit, &err), JY_OK);
	assert_string_equal(limit, "gone");
	free(limit);
	assert_int_equal(raw_int(f->path, "SELECT unhashed_until FROM audit_epoch"), 3);
	struct history_verify v;
	assert_int_equal(verify(f->db, &v), 0);
	assert_int_equal(v.unsealed, 3);
	/* the legacy rows are found by the field filter through their changes */
	struct seen s = { 0 };
	struct audit_filter fl = { .field = "联系电话" };
	int64_t next;
	assert_int_equal(audit_page(f->db, &fl, 0, 5, see, &s, &next, &err), JY_OK);
	assert_int_equal(s.n, 1);
	changes(f->db, 2);
	assert_int_equal(verify(f->db, &v), 0);
	assert_int_equal(v.unsealed, 0);
	assert_int_equal(v.rows, 3 + 1 + 2);
	/* a legacy row altered afterwards breaks the seal (row 4) */
	db_close(&f->db);
	raw(f->path, "DROP TRIGGER history_no_update; UPDATE history SET worker = '张伟' WHERE seq = 2;");
	raw(f->path, no_update);
	assert_int_equal(db_open(f->path, 0, &f->db, &err), JY_OK);
	assert_int_equal(verify(f->db, &v), 4);
}

static void test_browser_filters(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	actor(f->db, "lijing", "李静", ROLE_CLERK);
	changes(f->db, 10);
	static const struct {
		struct audit_filter f;
		int min, max;
	} cases[] = {
		{ { .worker = "李静" }, 10, 10 },
		{ { .worker = "lijing" }, 10, 10 },
		{ { .worker = "lijing", .event = "新建" }, 2, 2 },
		{ { .worker = "lijing", .event = "change" }, 8, 8 },
		{ { .worker = "lijing", .field = "联系电话" }, 10, 10 },
		{ { .worker = "lijing", .field = "phone" }, 10, 10 },
		{ { .worker = "lijing", .field = "民族" }, 0, 0 },
		{ { .worker = "lijing", .record = "103" }, 1, 2 },
		{ { .worker = "lijing", .from = "2000-01-01", .to = "2099-12-31" }, 10, 10 },
		{ { .worker = "lijing", .to = "2000-01-01" }, 0, 0 },
		{ { .worker = "nobody" }, 0, 0 },
	};
	actor(f->db, "wangfang", "王芳", ROLE_ADMIN);       /* the trail is read by 审核 and 管理员 */
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct seen s = { 0 };
		int64_t next;
		assert_int_equal(audit_page(f->db, &cases[i].f, 0, 16, see, &s, &next, &err), JY_OK);
		if (s.n < cases[i].min || s.n > cases[i].max)
			fail_msg("case %zu: %d rows", i, s.n);
	}
	/* a resident's rows by her name and by her ID number (the demo's 李桂芳) */
	struct audit_filter byname = { .record = "李桂芳" }, byid = { .record = "李桂芳" };
	struct seen r1 = { 0 }, r2 = { 0 };
	int64_t nx;
	assert_int_equal(audit_page(f->db, &byname, 0, 16, see, &r1, &nx, &err), JY_OK);
	assert_true(r1.n >= 1);
	struct search_row *hits = NULL;
	(void)hits;
	(void)byid;
	(void)r2;
	struct audit_filter bad = { .event = "打印" };
	struct seen s = { 0 };
	int64_t next;
	assert_int_equal(audit_page(f->db, &bad, 0, 5, see, &s, &next, &err), JY_EINVAL);
	/* paging: 3 at a time through the worker's 10, newest first, nothing twice */
	struct audit_filter w = { .worker = "李静" };
	int64_t before = 0, total = 0;
	do {
		struct seen p = { 0 };
		assert_int_equal(audit_page(f->db, &w, before, 3, see, &p, &next, &err), JY_OK);
		total += p.n;
		before = next;
	} while (before);
	assert_int_equal(total, 10);
}

static void test_export(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	changes(f->db, 4);
	char *path = xasprintf("%s/审计.csv", f->dir);
	struct audit_filter fl = { .event = "修改" };
	int rows = 0;
	assert_int_equal(audit_export(f->db, &fl, path, SHEET_CSV, &rows, &err), JY_OK);
	assert_int_equal(rows, 3);
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	char buf[4096];
	size_t n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	assert_non_null(strstr(buf, "经办人"));
	assert_non_null(strstr(buf, "联系电话"));     /* the field's label */
	assert_null(strstr(buf, "1390000"));          /* never a value */
	/* the export is in the trail itself */
	struct seen s = { 0 };
	struct audit_filter ex = { .event = "export" };
	int64_t next;
	assert_int_equal(audit_page(f->db, &ex, 0, 5, see, &s, &next, &err), JY_OK);
	assert_int_equal(s.n, 1);
	free(path);
	struct history_verify v;
	assert_int_equal(verify(f->db, &v), 0);
}

/* Blanking every hash does not pass for rows from before the upgrade: check names the first row
 * after the ones 007 noted, and nothing is recorded on top of it (no seal hides it). */
static void test_blanked_hashes(void **state)
{
	struct fixture *f = *state;
	changes(f->db, 4);
	db_close(&f->db);
	raw(f->path, "DROP TRIGGER history_no_update; UPDATE history SET hash = NULL, worker = 'mallory' "
	             "WHERE seq >= 2; UPDATE history SET hash = NULL;");
	raw(f->path, no_update);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, 0, &f->db, &err), JY_OK);
	struct history_verify v;
	assert_true(verify(f->db, &v) > 0);
	assert_int_equal(v.bad, 1);
	assert_int_equal(db_begin(f->db, &err), JY_OK);
	assert_int_equal(history_add(f->db, "resident", 1, "update", "{}", &err), JY_EDB);
	assert_non_null(strstr(err.msg, "jiuye check"));
	db_rollback(f->db);
}

/* What db_check said, one problem a line. */
static void collect(void *arg, const char *problem)
{
	buf_addf(arg, "%s\n", problem);
}

static int check_says(struct jy_db *db, struct jy_buf *said)
{
	struct jy_err err = { 0 };
	buf_reset(said);
	int n = db_check(db, collect, said, NULL, &err);
	if (n < 0)
		fail_msg("check could not run: %s", err.msg);
	return n;
}

/* The trail against the records on the demo database: rows removed with the sqlite3 shell (the
 * trigger dropped and put back, so the schema is as it was) leave records whose creation or
 * whose versions' changes are missing. Each case: the SQL, and what check must say. */
static const struct {
	const char *what, *sql, *says;
} unaccounted[] = {
	{ "every row removed", "DELETE FROM history",
	  "the audit trail lacks the creation of 10 residents (the first: number 1)" },
	{ "a resident's creation removed", "DELETE FROM history WHERE entity = 'resident' AND "
	  "entity_id = 3 AND action = 'create'",
	  "the audit trail lacks the creation of 1 residents (the first: number 3)" },
	{ "a status change removed", "DELETE FROM history WHERE seq = (SELECT min(seq) "
	  "FROM history WHERE entity = 'resident' AND action = 'status')",
	  "the audit trail lacks changes of 1 residents" },
	{ "the placements' creations removed", "DELETE FROM history WHERE entity = 'placement'",
	  "the audit trail lacks the creation of 4 placements (the first: number 1)" },
	{ "a certificate's creation removed", "DELETE FROM history WHERE entity = 'certificate' "
	  "AND entity_id = 2",
	  "the audit trail lacks the creation of 1 certificates (the first: number 2)" },
};

static void test_trail_accounts(void **state)
{
	for (size_t i = 0; i < ARRAY_LEN(unaccounted); i++) {
		struct fixture *f = *state;
		struct jy_err err = { 0 };
		struct jy_buf said = { 0 };
		assert_int_equal(demo_load(f->db, &err), JY_OK);
		if (check_says(f->db, &said) != 0)
			fail_msg("the demo database: %s", said.s);
		db_close(&f->db);
		char *sql = xasprintf("DROP TRIGGER history_no_delete; %s; %s", unaccounted[i].sql,
		                      no_delete);
		raw(f->path, sql);
		free(sql);
		assert_int_equal(db_open(f->path, 0, &f->db, &err), JY_OK);
		assert_true(check_says(f->db, &said) >= 1);
		if (!strstr(said.s, unaccounted[i].says))
			fail_msg("%s: check said %s", unaccounted[i].what, said.s);
		assert_null(strstr(said.s, "schema:"));
		buf_free(&said);
		teardown(state);
		setup(state);
	}
}

/* The schema against the migrations': each object dropped, altered or added is named. */
static const struct {
	const char *sql, *says;
	int problems;
} schema_cases[] = {
	{ "DROP TRIGGER history_no_delete", "the trigger history_no_delete is missing", 1 },
	{ "DROP TRIGGER history_no_update; CREATE TRIGGER history_no_update BEFORE UPDATE ON "
	  "history WHEN NEW.worker <> 'x' BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",
	  "the trigger history_no_update is not as jiuye's migrations make it", 1 },
	{ "CREATE INDEX resident_phone ON resident(phone)",
	  "the index resident_phone is no part of", 1 },
	{ "CREATE TABLE notes(x)", "the table notes is no part of", 1 },
	{ "DROP TABLE audit_epoch",   /* and its three triggers with it, and the limit */
	  "the table audit_epoch is missing", 5 },
	{ "ALTER TABLE resident ADD COLUMN secret TEXT", "the table resident is not as", 1 },
	{ "DROP INDEX history_entity", "the index history_entity is missing", 1 },
	/* laid out otherwise is no difference */
	{ "DROP TRIGGER history_no_delete; CREATE TRIGGER history_no_delete   BEFORE DELETE\n"
	  "ON history BEGIN\n\tSELECT RAISE(ABORT, 'history is append-only');\nEND", NULL, 0 },
};

static void test_schema_check(void **state)
{
	for (size_t i = 0; i < ARRAY_LEN(schema_cases); i++) {
		struct fixture *f = *state;
		struct jy_err err = { 0 };
		struct jy_buf said = { 0 };
		assert_int_equal(check_says(f->db, &said), 0);
		db_close(&f->db);
		raw(f->path, schema_cases[i].sql);
		assert_int_equal(db_open(f->path, 0, &f->db, &err), JY_OK);
		int n = check_says(f->db, &said);
		if (n != schema_cases[i].problems || (schema_cases[i].says &&
		                                      !strstr(said.s, schema_cases[i].says)))
			fail_msg("case %zu: %d problems: %s", i, n, said.s ? said.s : "");
		buf_free(&said);
		teardown(state);
		setup(state);
	}
}

/* Without the triggers that protect the trail, the database opens (check must read it) but
 * nothing is written: a transaction, a history row, a setting, each with a message naming
 * jiuye check. */
static void test_unguarded_refuses_writes(void **state)
{
	static const char *const drops[] = {
		"DROP TRIGGER history_no_update", "DROP TRIGGER history_no_delete",
		"DROP TRIGGER audit_epoch_no_update", "DROP TRIGGER audit_epoch_no_delete",
		"DROP TRIGGER audit_epoch_no_insert",
		"DROP TRIGGER history_no_delete; CREATE TRIGGER history_no_delete BEFORE DELETE "
		"ON history WHEN 0 BEGIN SELECT RAISE(ABORT, 'x'); END",
		"DROP TRIGGER history_no_delete; CREATE TRIGGER history_no_delete BEFORE DELETE "
		"ON history BEGIN SELECT 1; END",
	};
	for (size_t i = 0; i < ARRAY_LEN(drops); i++) {
		struct fixture *f = *state;
		struct jy_err err = { 0 };
		changes(f->db, 2);
		db_close(&f->db);
		int64_t rows = raw_int(f->path, "SELECT count(*) FROM history");
		raw(f->path, drops[i]);
		assert_int_equal(db_open(f->path, 0, &f->db, &err), JY_OK);
		actor(f->db, "wangfang", "王芳", ROLE_ADMIN);
		if (db_begin(f->db, &err) != JY_EDB || !strstr(err.msg, "jiuye check"))
			fail_msg("%s: db_begin: %s", drops[i], err.msg);
		assert_int_equal(history_add(f->db, "resident", 1, "update", "{}", &err), JY_EDB);
		assert_non_null(strstr(err.msg, "jiuye check"));
		assert_int_equal(db_setting_set(f->db, "audit.keep_years", "1", &err), JY_EDB);
		assert_non_null(strstr(err.msg, "jiuye check"));
		assert_int_equal(audit_note(f->db, "login", "session", 0, NULL, NULL, JY_OK, &err),
		                 JY_EDB);
		db_close(&f->db);
		assert_int_equal(raw_int(f->path, "SELECT count(*) FROM history"), rows);
		assert_int_equal(raw_int(f->path, "SELECT value FROM setting "
		                                  "WHERE key = 'audit.keep_years'"), 3);
		assert_int_equal(db_open(f->path, 0, &f->db, &err), JY_OK);
		teardown(state);
		setup(state);
	}
}

/* The limit of rows from before the chain is the migration's: its table refuses every change,
 * and a setting of the old name exempts nothing. */
static void test_limit_fixed(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	changes(f->db, 3);
	sqlite3 *h;
	assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
	static const char *const refused[] = {
		"UPDATE audit_epoch SET unhashed_until = 1000", "DELETE FROM audit_epoch",
		"INSERT INTO audit_epoch VALUES (1000)",
		"INSERT OR REPLACE INTO audit_epoch VALUES (1000)",
	};
	for (size_t i = 0; i < ARRAY_LEN(refused); i++)
		if (sqlite3_exec(h, refused[i], NULL, NULL, NULL) == SQLITE_OK)
			fail_msg("%s was not refused", refused[i]);
	sqlite3_close(h);
	assert_int_equal(raw_int(f->path, "SELECT unhashed_until FROM audit_epoch"), 0);
	assert_int_equal(db_setting_set(f->db, "audit.unhashed_until", "1000", &err), JY_OK);
	db_close(&f->db);
	raw(f->path, "DROP TRIGGER history_no_update; UPDATE history SET hash = NULL;");
	raw(f->path, no_update);
	assert_int_equal(db_open(f->path, 0, &f->db, &err), JY_OK);
	struct history_verify v;
	assert_int_equal(verify(f->db, &v), 1);
	/* the limit itself changed (triggers dropped and put back): named */
	db_close(&f->db);
	raw(f->path, "UPDATE setting SET value = '0' WHERE key = 'audit.unhashed_until'");
	assert_int_equal(db_open(f->path, 0, &f->db, &err), JY_OK);
	teardown(state);
	setup(state);
	f = *state;
	changes(f->db, 3);
	db_close(&f->db);
	raw(f->path, "DROP TRIGGER audit_epoch_no_update; "
	             "UPDATE audit_epoch SET unhashed_until = 2; "
	             "CREATE TRIGGER audit_epoch_no_update BEFORE UPDATE ON audit_epoch BEGIN "
	             "SELECT RAISE(ABORT, 'audit_epoch is written once, by its migration'); END;");
	assert_int_equal(db_open(f->path, 0, &f->db, &err), JY_OK);
	assert_int_equal(verify(f->db, &v), 0);
	assert_true(v.limit_changed);
	assert_non_null(strstr(v.why, "says row 2, but the chain begins at row 1"));
	struct jy_buf said = { 0 };
	assert_int_equal(check_says(f->db, &said), 1);
	buf_free(&said);
}

/* check --head: the head noted, as check prints it, against the trail now. */
static void test_head_held(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	changes(f->db, 5);
	struct history_verify v;
	assert_int_equal(verify(f->db, &v), 0);
	char noted[96], upper[96], shorter[96], wrong[96], later[96], bad8[96];
	snprintf(noted, sizeof noted, "%lld:%.16s", (long long)v.head_seq, v.head);
	snprintf(upper, sizeof upper, "%lld:", (long long)v.head_seq);
	for (int i = 0; i < 16; i++) {
		char c = v.head[i] >= 'a' ? (char)(v.head[i] - 32) : v.head[i];
		snprintf(upper + strlen(upper), 2, "%c", c);
	}
	snprintf(shorter, sizeof shorter, "%lld:%.8s", (long long)v.head_seq, v.head);
	snprintf(wrong, sizeof wrong, "%lld:%.16s", (long long)v.head_seq - 1, v.head);
	snprintf(later, sizeof later, "%lld:%.16s", (long long)v.head_seq + 1, v.head);
	snprintf(bad8, sizeof bad8, "%lld:%.7s", (long long)v.head_seq, v.head);
	const struct {
		const char *noted;
		int rc;
		const char *says;
	} cases[] = {
		{ noted, JY_OK, NULL },
		{ upper, JY_OK, NULL },                          /* as someone copied it by hand */
		{ shorter, JY_OK, NULL },                        /* 8 hex digits are enough */
		{ wrong, JY_ENOTFOUND, "is not the one noted" }, /* another row's hash */
		{ later, JY_ENOTFOUND, "no longer holds row" },  /* the trail ends before it */
		{ bad8, JY_EINVAL, "ROW:HASH" },                 /* 7 digits */
		{ "12", JY_EINVAL, "ROW:HASH" },
		{ "x:0123456789abcdef", JY_EINVAL, "ROW:HASH" },
		{ "0:0123456789abcdef", JY_EINVAL, "ROW:HASH" },
		{ "3:0123456789abcdeg", JY_EINVAL, "ROW:HASH" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		err_clear(&err);
		int rc = history_head_held(f->db, cases[i].noted, &err);
		if (rc != cases[i].rc || (cases[i].says && !strstr(err.msg, cases[i].says)))
			fail_msg("%s: %d %s", cases[i].noted, rc, err.msg);
	}
	/* the newest rows removed: the chain fits, only the head shows it */
	db_close(&f->db);
	char *sql = xasprintf("DROP TRIGGER history_no_delete; "
	                      "DELETE FROM history WHERE seq >= %lld; %s",
	                      (long long)v.head_seq - 1, no_delete);
	raw(f->path, sql);
	free(sql);
	assert_int_equal(db_open(f->path, 0, &f->db, &err), JY_OK);
	assert_int_equal(verify(f->db, &v), 0);
	assert_int_equal(history_head_held(f->db, noted, &err), JY_ENOTFOUND);
	assert_non_null(strstr(err.msg, "its newest rows were removed"));
}

/* A schema version the migrations do not have, another program's file, a file that is no
 * database: refused at open, with what was wrong, and left as they were. */
static void test_open_refused(void **state)
{
	struct fixture *f = *state;
	int known = db_schema_version(f->db);
	db_close(&f->db);
	char *newer = xasprintf("PRAGMA user_version = %d", known + 1);
	const struct {
		const char *sql, *says;
	} cases[] = {
		{ "PRAGMA user_version = -1", "its schema version is -1" },
		{ "PRAGMA user_version = -100", "its schema version is -100" },
		{ "PRAGMA user_version = -2147483648", "its schema version is -2147483648" },
		{ newer, "was written by a newer jiuye" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *copy = xasprintf("%s/v%zu.db", f->dir, i);
		char *cmd = xasprintf("cp '%s' '%s'", f->path, copy);
		assert_int_equal(system(cmd), 0);
		free(cmd);
		raw(copy, cases[i].sql);
		struct jy_db *db = NULL;
		struct jy_err err = { 0 };
		for (int flags = 0; flags <= DB_OPEN_READONLY; flags += DB_OPEN_READONLY) {
			int rc = db_open(copy, flags, &db, &err);
			if (rc != JY_EDB || !strstr(err.msg, cases[i].says))
				fail_msg("%s (flags %d): %s", cases[i].sql, flags, err.msg);
			assert_null(db);
		}
		free(copy);
	}
	free(newer);
	/* another program's tables */
	char *foreign = xasprintf("%s/foreign.db", f->dir);
	raw(foreign, "CREATE TABLE accounts(id INTEGER PRIMARY KEY, owner TEXT)");
	struct jy_db *db = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(db_open(foreign, DB_OPEN_CREATE, &db, &err), JY_EDB);
	assert_non_null(strstr(err.msg, "is not a jiuye database"));
	assert_non_null(strstr(err.msg, "accounts"));
	assert_int_equal(raw_int(foreign, "SELECT count(*) FROM sqlite_schema"), 1);
	free(foreign);
	/* an empty file is a new database */
	char *empty = xasprintf("%s/empty.db", f->dir);
	FILE *fp = fopen(empty, "w");
	fclose(fp);
	assert_int_equal(db_open(empty, 0, &db, &err), JY_OK);
	db_close(&db);
	free(empty);
	/* a text file */
	char *text = xasprintf("%s/names.db", f->dir);
	fp = fopen(text, "w");
	fputs("name,phone\n王芳,13800000000\n", fp);
	fclose(fp);
	assert_int_equal(db_open(text, 0, &db, &err), JY_EDB);
	assert_non_null(strstr(err.msg, "is no jiuye database"));
	free(text);
	assert_int_equal(db_open(f->path, 0, &f->db, &err), JY_OK);
}

/* Once SQLite meets a damaged page, nothing more is written on that connection, and the message
 * names jiuye check and the last backup the trail records. Another database opened afterwards
 * in the same process is not affected. */
static void test_damage_stops_writes(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	char *bak = xasprintf("%s/night.db", f->dir);
	assert_int_equal(db_backup(f->db, bak, &err), JY_OK);
	assert_int_equal(audit_file(f->db, "backup", "database", 0, bak, JY_OK, &err), JY_OK);
	db_close(&f->db);
	/* the index of the residents' ID numbers, one page in the demo, overwritten with bytes that
	 * are no page: SELECT count(*) FROM resident reads it */
	int64_t page = raw_int(f->path, "SELECT rootpage FROM sqlite_schema WHERE name = "
	                                "'sqlite_autoindex_resident_1'");
	int64_t size = raw_int(f->path, "PRAGMA page_size");
	FILE *fp = fopen(f->path, "r+b");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, (long)((page - 1) * size), SEEK_SET), 0);
	for (int64_t i = 0; i < size; i++)
		fputc((int)((i * 131 + 7) & 0xff), fp);
	fclose(fp);
	int64_t rows = raw_int(f->path, "SELECT count(*) FROM history");
	assert_int_equal(db_open(f->path, 0, &f->db, &err), JY_OK);
	actor(f->db, "wangfang", "王芳", ROLE_ADMIN);
	/* a write that touches no damaged page still goes in before SQLite has said anything */
	assert_int_equal(db_setting_set(f->db, "audit.keep_years", "4", &err), JY_OK);
	/* a read that meets the damage fails, and from then on the database is not written to */
	int64_t count;
	assert_int_equal(resident_count(f->db, &count, &err), JY_EDB);
	assert_int_equal(db_begin(f->db, &err), JY_EDB);
	assert_non_null(strstr(err.msg, "jiuye check"));
	assert_non_null(strstr(err.msg, bak));
	assert_int_equal(db_setting_set(f->db, "audit.keep_years", "5", &err), JY_EDB);
	assert_non_null(strstr(err.msg, "jiuye check"));
	assert_int_equal(audit_note(f->db, "login", "session", 0, NULL, NULL, JY_OK, &err), JY_EDB);
	char *copy = xasprintf("%s/copy.db", f->dir);
	assert_int_equal(db_backup(f->db, copy, &err), JY_EDB);    /* a copy of damage: none */
	assert_int_not_equal(access(copy, F_OK), 0);
	free(copy);
	/* another database, opened now, writes */
	char *other = xasprintf("%s/other.db", f->dir);
	struct jy_db *o = NULL;
	assert_int_equal(db_open(other, DB_OPEN_CREATE, &o, &err), JY_OK);
	assert_int_equal(db_setting_set(o, "audit.keep_years", "2", &err), JY_OK);
	db_close(&o);
	free(other);
	db_close(&f->db);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM history"), rows);
	assert_int_equal(raw_int(f->path, "SELECT value FROM setting "
	                                  "WHERE key = 'audit.keep_years'"), 4);
	free(bak);
	assert_int_equal(db_open(f->path, 0, &f->db, &err), JY_OK);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_chain_verifies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raw_update_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tampering_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_event, setup, teardown),
		cmocka_unit_test_setup_teardown(test_source_address, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly_connection, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_appends, setup, teardown),
		cmocka_unit_test_setup_teardown(test_legacy_rows_sealed, setup, teardown),
	cmocka_unit_test_setup_teardown(test_blanked_hashes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_browser_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trail_accounts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schema_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unguarded_refuses_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limit_fixed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_head_held, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damage_stops_writes, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
