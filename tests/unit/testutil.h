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

/* C.UTF-8: widths come from glibc wcwidth(), which needs a UTF-8 LC_CTYPE (Debian always ships
 * C.UTF-8). UTC: date and time tests must not depend on the machine's zone. */
static inline void test_init(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "UTC", 1);
	tzset();
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

/* main() in one line: `TEST_MAIN(tests)` with `static const struct CMUnitTest tests[]`. */
#define TEST_MAIN(tests)                                            \
	int main(void)                                              \
	{                                                           \
		test_init();                                        \
		return cmocka_run_group_tests(tests, NULL, NULL);   \
	}

#endif
