/* tests/unit/testutil.h: what every unit test file starts with.
 *
 * Include it first in tests/unit/test_<module>.c and call test_init() at the top of main(), so
 * every test runs in the same UTF-8 locale and time zone whatever the machine's settings are.
 * Dates are left alone: a test that needs a fixed "today" sets JIUYE_TODAY itself. */
#ifndef JY_TESTUTIL_H
#define JY_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core.h"
#include "store/sql.h"

/* C.UTF-8: widths come from glibc wcwidth(), which needs a UTF-8 LC_CTYPE (Debian always ships
 * C.UTF-8). UTC: date and time tests must not depend on the machine's zone. */
static inline void test_init(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "UTC", 1);
	tzset();
}

/* Counts a test reads back after a step, the reading itself asserted (a failure is never 0). */
static inline int64_t test_resident_count(struct jy_db *db)
{
	int64_t n = -1;
	assert_int_equal(resident_count(db, &n, NULL), JY_OK);
	return n;
}

static inline int test_pending_count(struct jy_db *db)
{
	int n = -1;
	assert_int_equal(pending_count(db, &n, NULL), JY_OK);
	return n;
}

static inline int test_setting_int(struct jy_db *db, const char *key, int def)
{
	int v = -1;
	assert_int_equal(db_setting_int(db, key, def, &v, NULL), JY_OK);
	return v;
}

/* A failing database, made through the test's own connection so that a call under test meets
 * what a damaged file or a full disk would give it. test_table_hide renames table away (hide 1)
 * and back (hide 0): every statement on it then fails, also one the connection prepared before.
 * test_deny_read refuses reading column of table (column NULL: any column of it) to every
 * statement, prepared before or after, until test_deny_read(db, NULL, NULL). */
static inline void test_table_hide(struct jy_db *db, const char *table, int hide)
{
	char *sql = hide ? xasprintf("ALTER TABLE \"%s\" RENAME TO \"%s_hidden\"", table, table)
	                 : xasprintf("ALTER TABLE \"%s_hidden\" RENAME TO \"%s\"", table, table);
	char *msg = NULL;
	if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
	free(sql);
}

static const char *test_denied[2];      /* table, column */

static int test_deny_cb(void *arg, int op, const char *table, const char *column,
                        const char *dbname, const char *trigger)
{
	(void)arg;
	(void)dbname;
	(void)trigger;
	if (op != SQLITE_READ || !table || strcmp(table, test_denied[0]) != 0)
		return SQLITE_OK;
	if (test_denied[1] && (!column || strcmp(column, test_denied[1]) != 0))
		return SQLITE_OK;
	return SQLITE_DENY;
}

static inline void test_deny_read(struct jy_db *db, const char *table, const char *column)
{
	test_denied[0] = table;
	test_denied[1] = column;
	sqlite3_set_authorizer(db_handle(db), table ? test_deny_cb : NULL, NULL);
}
/* A test that cannot run on this machine (no sqlite3 shell, no openpyxl) is skipped, and
 * tests/run.sh counts it as skipped, not passed. On CI (CI=true), where `make deps-test` installed
 * everything the tests use, it fails instead: CI must not pass by skipping. */
#define must_run(why)                                                                      \
	do {                                                                               \
		const char *ci_ = getenv("CI");                                            \
		if (ci_ && strcmp(ci_, "true") == 0)                                       \
			fail_msg("skipped on CI, where it must run: %s", why);             \
		skip();                                                                    \
	} while (0)

/* A closing of a resident's record today for reason (resident_close). */
#define CLOSING(why) (&(struct resident_closing){ .reason = (why) })

/* main() in one line: `TEST_MAIN(tests)` with `static const struct CMUnitTest tests[]`. */
#define TEST_MAIN(tests)                                            \
	int main(void)                                              \
	{                                                           \
		test_init();                                        \
		return cmocka_run_group_tests(tests, NULL, NULL);   \
	}

#endif
