/* tests/unit/test_restore.c: `jiuye restore` (backup_restore). A backup is put back only when it
 * passes what `jiuye check` checks, only by an administrator, and only while nobody else has the
 * database open; each refusal leaves the database as it was and still writable. A restore keeps
 * the file it replaces beside it, with its mode, and records itself in the restored trail. */
#include "testutil.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

struct fixture {
	char dir[64];
	char path[96];          /* the live database */
	char backup[96];        /* taken before 赵敏 was added */
	struct jy_db *db;
};

static int worker_count(struct jy_db *db, const char *os_user)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db), "SELECT count(*) FROM worker WHERE "
	                                    "os_user = ?1", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, os_user, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int file_count(const char *dir, const char *part)
{
	char *cmd = xasprintf("ls '%s' | grep -c -F '%s'", dir, part);
	FILE *p = popen(cmd, "r");
	int n = -1;
	assert_non_null(p);
	assert_int_equal(fscanf(p, "%d", &n), 1);
	pclose(p);
	free(cmd);
	return n;
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* The live database with its administrator, a backup of it, then a worker added after. */
static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-restore-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/live.db", f->dir);
	snprintf(f->backup, sizeof f->backup, "%s/night.db", f->dir);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(db_actor(f->db)->role, ROLE_ADMIN);
	assert_int_equal(db_backup(f->db, f->backup, &err), JY_OK);
	assert_int_equal(worker_save(f->db, "zhaomin", "赵敏", ROLE_CLERK, "", &err), JY_OK);
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

/* After a refusal: 赵敏 still in, no kept copy made, and the database takes writes. */
static void assert_untouched(struct fixture *f, const char *name)
{
	struct jy_err err = { 0 };
	if (worker_count(f->db, "zhaomin") != 1 || file_count(f->dir, "before-restore") != 0)
		fail_msg("%s: the database was changed or a copy kept", name);
	assert_int_equal(worker_save(f->db, "qianli", "钱丽", ROLE_STATS, "", &err), JY_OK);
}

static void test_refused_files(void **state)
{
	struct fixture *f = *state;
	char damaged[128], foreign[128], text[128], empty[128];
	snprintf(damaged, sizeof damaged, "%s/damaged.db", f->dir);
	snprintf(foreign, sizeof foreign, "%s/其他程序.db", f->dir);
	snprintf(text, sizeof text, "%s/台账.csv", f->dir);
	snprintf(empty, sizeof empty, "%s/empty.db", f->dir);
	/* damaged: pages 3 and 4 of a good backup overwritten (page 1 and 2 intact, so it opens) */
	char *cmd = xasprintf("cp '%s' '%s' && printf '%%08192d' 0 | dd of='%s' bs=4096 seek=2 "
	                      "conv=notrunc 2>/dev/null", f->backup, damaged, damaged);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open(foreign, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE 名单(姓名)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	write_file(text, "姓名,身份证号\n张三,110101199003071234\n");
	write_file(empty, "");
	static const struct {
		const char *what;
		int file;               /* 0 damaged, 1 foreign, 2 text, 3 empty, 4 the database */
		int rc;
		const char *says;
	} cases[] = {
		{ "a damaged backup", 0, JY_EDB, "jiuye check finds" },
		{ "another program's SQLite file", 1, JY_EDB, "is not a jiuye database" },
		{ "a CSV file", 2, JY_EDB, "is no jiuye database, or it is damaged" },
		{ "an empty file", 3, JY_EDB, "not restored" },
		{ "the database itself", 4, JY_EINVAL, "it is the database itself" },
		{ "a file that is not there", 5, JY_EIO, "no such database" },
	};
	char missing[128];
	snprintf(missing, sizeof missing, "%s/不存在.db", f->dir);
	const char *files[] = { damaged, foreign, text, empty, f->path, missing };
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct jy_err err = { 0 };
		char *kept = (char *)"x";
		int rc = backup_restore(&f->db, files[cases[i].file], &kept, &err);
		if (rc != cases[i].rc || !strstr(err.msg, cases[i].says) || kept)
			fail_msg("%s: rc %d, expected %d; \"%s\" does not say \"%s\"",
			         cases[i].what, rc, cases[i].rc, err.msg, cases[i].says);
		assert_non_null(strstr(err.msg, "not restored"));
		assert_untouched(f, cases[i].what);
		assert_int_equal(worker_save(f->db, "qianli", "钱丽", ROLE_STATS, NULL, &err), JY_OK);
	}
}

static void test_refused_worker(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	char *kept = NULL;
	struct jy_actor clerk = { 0 };
	snprintf(clerk.os_user, sizeof clerk.os_user, "zhaomin");
	assert_int_equal(db_set_actor(f->db, &clerk, NULL), JY_OK);
	assert_int_equal(backup_restore(&f->db, f->backup, &kept, &err), JY_EPERM);
	/* the words every administrator's command refuses with */
	struct jy_err want = { 0 };
	assert_int_equal(access_check(f->db, OP_ADMIN, NULL, &want), JY_EPERM);
	assert_string_equal(err.msg, want.msg);
	assert_non_null(strstr(err.msg, "zhaomin"));
	assert_null(kept);
	assert_int_equal(worker_count(f->db, "zhaomin"), 1);
	assert_int_equal(file_count(f->dir, "before-restore"), 0);
}

/* Another connection open, even one doing nothing (a worker's screen between two keys): refused;
 * once she has left, the restore goes through. */
static void test_refused_workers_in(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	char *kept = NULL;
	struct jy_db *desk = NULL;
	assert_int_equal(db_open(f->path, 0, &desk, &err), JY_OK);
	assert_int_equal(backup_restore(&f->db, f->backup, &kept, &err), JY_ECONFLICT);
	assert_non_null(strstr(err.msg, "must leave jiuye first"));
	assert_null(kept);
	assert_untouched(f, "a worker's jiuye open");
	/* her connection still works, and so does the database after the refusal */
	assert_int_equal(worker_count(desk, "qianli"), 1);
	db_close(&desk);
	sqlite3 *raw = NULL;        /* any connection counts, not only jiuye's own */
	assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "SELECT count(*) FROM worker", NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(backup_restore(&f->db, f->backup, &kept, &err), JY_ECONFLICT);
	sqlite3_close(raw);
	assert_int_equal(backup_restore(&f->db, f->backup, &kept, &err), JY_OK);
	assert_non_null(kept);
	free(kept);
}

static const char *newest_action(struct jy_db *db)
{
	static char action[32];
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db), "SELECT action FROM history ORDER BY "
	                                    "seq DESC LIMIT 1", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(action, sizeof action, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return action;
}

static void test_restore_keeps(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	char *kept = NULL;
	struct stat before, sb;
	assert_int_equal(stat(f->path, &before), 0);
	assert_int_equal(backup_restore(&f->db, f->backup, &kept, &err), JY_OK);
	/* the old data back: 赵敏 was added after the backup */
	assert_int_equal(worker_count(f->db, "zhaomin"), 0);
	assert_string_equal(newest_action(f->db), "restore");
	assert_int_equal(db_check(f->db, NULL, NULL, NULL, &err), 0);
	/* the restored database takes writes */
	assert_int_equal(worker_save(f->db, "sunli", "孙丽", ROLE_CLERK, "", &err), JY_OK);
	/* kept beside it: DB.before-restore-YYYYMMDD-HHMMSS, the newer data, the database's mode */
	assert_non_null(kept);
	size_t n = strlen(f->path);
	assert_memory_equal(kept, f->path, n);
	assert_int_equal(strncmp(kept + n, ".before-restore-", 16), 0);
	assert_int_equal(strlen(kept + n + 16), 15);
	assert_int_equal(kept[n + 16 + 8], '-');
	assert_int_equal(stat(kept, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, before.st_mode & 07777);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, before.st_mode & 07777);
	struct jy_db *old = NULL;
	assert_int_equal(db_open(kept, DB_OPEN_READONLY, &old, &err), JY_OK);
	assert_int_equal(worker_count(old, "zhaomin"), 1);
	assert_int_equal(db_check(old, NULL, NULL, NULL, &err), 0);
	db_close(&old);
	/* no temporary file left in the folder */
	assert_int_equal(file_count(f->dir, "jiuye-tmp"), 0);
	free(kept);
	/* a second restore in the same second keeps a second copy, never overwriting the first */
	assert_int_equal(backup_restore(&f->db, f->backup, &kept, &err), JY_OK);
	assert_int_equal(file_count(f->dir, "before-restore"), 2);
	free(kept);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_refused_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_worker, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_workers_in, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_keeps, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
