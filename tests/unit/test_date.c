/* tests/unit/test_date.c: dates as workers type them, and the calendar arithmetic behind ages. */
#include "testutil.h"

#include <stdio.h>

static const struct {
	const char *in;
	const char *out;        /* NULL: refused */
	const char *why;        /* a word the message must contain when refused */
} parses[] = {
	{ "20250301",          "2025-03-01", NULL },
	{ "2025-03-01",        "2025-03-01", NULL },
	{ "2025/3/1",          "2025-03-01", NULL },
	{ "2025.3.1",          "2025-03-01", NULL },
	{ "2025.03.01",        "2025-03-01", NULL },
	{ "  2025-3-01 ",      "2025-03-01", NULL },       /* spaces around copied from a form */
	{ "２０２５０３０１",  "2025-03-01", NULL },       /* full-width digits from an input method */
	{ "２０２５－０３－０１", "2025-03-01", NULL },
	{ "2025年3月1日",      "2025-03-01", NULL },
	{ "2025年03月01日",    "2025-03-01", NULL },
	{ "２０２５年３月１日", "2025-03-01", NULL },
	{ "2025年3月1",        "2025-03-01", NULL },       /* 日 left off */
	{ "2025年3月1号",      "2025-03-01", NULL },       /* 号 as said aloud */
	{ "　2025-03-01　",    "2025-03-01", NULL },       /* ideographic spaces */
	{ "20240229",          "2024-02-29", NULL },       /* leap day */
	{ "2000-02-29",        "2000-02-29", NULL },       /* divisible by 400: leap */
	{ "1900-01-01",        "1900-01-01", NULL },
	{ "2100-12-31",        "2100-12-31", NULL },
	{ "2025-02-29",        NULL, "leap" },
	{ "1900-02-29",        NULL, "leap" },             /* divisible by 100, not 400 */
	{ "2024-13-01",        NULL, "month" },
	{ "2024-00-10",        NULL, "month" },
	{ "2024-04-31",        NULL, "30 days" },
	{ "2024-04-00",        NULL, "day 0" },
	{ "18991231",          NULL, "1900" },
	{ "2101-01-01",        NULL, "2100" },
	{ "2025-03-01x",       NULL, "YYYYMMDD" },         /* trailing junk */
	{ "2025-03-01 09:00",  NULL, "YYYYMMDD" },
	{ "2025-3/1",          NULL, "YYYYMMDD" },         /* separators must agree */
	{ "2025-003-01",       NULL, "YYYYMMDD" },
	{ "250301",            NULL, "YYYYMMDD" },
	{ "2025031",           NULL, "YYYYMMDD" },
	{ "202503011",         NULL, "YYYYMMDD" },
	{ "2025年3月",         NULL, "YYYYMMDD" },
	{ "三月一日",          NULL, "YYYYMMDD" },
	{ "",                  NULL, "YYYYMMDD" },
	{ "   ",               NULL, "YYYYMMDD" },
	{ "\xff\xfe",          NULL, "YYYYMMDD" },         /* not UTF-8 */
};

static void test_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(parses); i++) {
		char out[11] = "garbage";
		struct jy_err err = { 0 };
		int rc = date_parse(parses[i].in, out, &err);
		if (parses[i].out) {
			if (rc != JY_OK)
				fail_msg("\"%s\": refused: %s", parses[i].in, err.msg);
			assert_string_equal(out, parses[i].out);
		} else {
			if (rc != JY_EINVAL)
				fail_msg("\"%s\": accepted as %s", parses[i].in, out);
			assert_string_equal(out, "");
			if (!strstr(err.msg, parses[i].why))
				fail_msg("\"%s\": message \"%s\" lacks \"%s\"", parses[i].in, err.msg, parses[i].why);
		}
	}
	assert_int_equal(date_parse(NULL, (char[11]){ 0 }, NULL), JY_EINVAL);
}

static void test_days(void **state)
{
	(void)state;
	assert_int_equal(date_days(1970, 1, 1), 0);
	assert_int_equal(date_days(2000, 3, 1), 11017);
	assert_int_equal(date_days(1969, 12, 31), -1);
	assert_int_equal(date_days(1900, 1, 1), -25567);
	/* every day 1900..2100 survives the round trip and follows the one before */
	int64_t prev = date_days(1899, 12, 31);
	for (int y = 1900; y <= 2100; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= 31; d++) {
				if (!date_valid(y, m, d))
					continue;
				int64_t n = date_days(y, m, d);
				assert_int_equal(n, prev + 1);
				prev = n;
				int yy, mm, dd;
				date_from_days(n, &yy, &mm, &dd);
				assert_true(yy == y && mm == m && dd == d);
			}
}

static void test_split_valid(void **state)
{
	(void)state;
	int y, m, d;
	assert_true(date_split("2024-02-29", &y, &m, &d));
	assert_true(y == 2024 && m == 2 && d == 29);
	assert_false(date_split("2023-02-29", &y, &m, &d));
	assert_false(date_split("20240229", &y, &m, &d));
	assert_false(date_split("2024-2-29", &y, &m, &d));
	assert_false(date_split(NULL, &y, &m, &d));
	assert_true(date_valid(2024, 2, 29));
	assert_false(date_valid(2100, 2, 29));
	assert_false(date_valid(2024, 6, 31));
}

static const struct {
	const char *birth, *asof;
	int age;
} ages[] = {
	{ "1985-06-30", "2025-06-29", 39 },     /* the day before the 40th birthday */
	{ "1985-06-30", "2025-06-30", 40 },     /* the birthday itself */
	{ "1985-06-30", "2025-07-01", 40 },
	{ "1985-06-30", "1985-06-30", 0 },
	{ "2000-02-29", "2024-02-28", 23 },
	{ "2000-02-29", "2024-02-29", 24 },
	{ "2000-02-29", "2025-02-28", 24 },     /* born on a leap day: older on 1 March in common years */
	{ "2000-02-29", "2025-03-01", 25 },
	{ "1985-06-30", "1985-06-29", -1 },     /* asof before birth */
	{ "1985-06-31", "2025-01-01", -1 },
	{ "",           "2025-01-01", -1 },
};

static void test_age(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(ages); i++)
		if (date_age(ages[i].birth, ages[i].asof) != ages[i].age)
			fail_msg("%s on %s: %d, want %d", ages[i].birth, ages[i].asof,
			         date_age(ages[i].birth, ages[i].asof), ages[i].age);
}

static const struct {
	const char *in;
	int months;
	const char *out;
} adds[] = {
	{ "2024-01-31", 1, "2024-02-29" },      /* clamped to the month's end, leap year */
	{ "2023-01-31", 1, "2023-02-28" },
	{ "2024-03-31", -1, "2024-02-29" },
	{ "2024-10-15", 3, "2025-01-15" },
	{ "2025-01-15", -13, "2023-12-15" },
	{ "2024-06-30", 18, "2025-12-30" },     /* 明白卡: 18 months of tax relief */
	{ "2024-08-31", 6, "2025-02-28" },
	{ "2024-05-05", 0, "2024-05-05" },
	{ "2024-02-30", 1, "" },                /* bad input: empty result */
};

static void test_add_months(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(adds); i++) {
		char out[11];
		date_add_months(adds[i].in, adds[i].months, out);
		if (strcmp(out, adds[i].out) != 0)
			fail_msg("%s %+d months: %s, want %s", adds[i].in, adds[i].months, out, adds[i].out);
	}
}

static const struct {
	const char *in;
	int days;
	const char *out;
} add_days[] = {
	{ "2024-02-28", 1, "2024-02-29" },      /* a leap year's 29 February */
	{ "2023-02-28", 1, "2023-03-01" },
	{ "2024-12-31", 1, "2025-01-01" },      /* the year's turn */
	{ "2025-01-01", -1, "2024-12-31" },
	{ "2024-06-30", 15, "2024-07-15" },     /* 15 days to accept a petition */
	{ "2024-03-01", -366, "2023-03-01" },
	{ "1970-01-01", -1, "1969-12-31" },
	{ "2024-05-05", 0, "2024-05-05" },
	{ "2024年5月5日", 1, "" },               /* only ISO dates: the caller parsed what was typed */
	{ "2024-02-30", 1, "" },
};

static void test_add_days(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(add_days); i++) {
		char out[11];
		date_add_days(add_days[i].in, add_days[i].days, out);
		if (strcmp(out, add_days[i].out) != 0)
			fail_msg("%s %+d days: %s, want %s", add_days[i].in, add_days[i].days, out,
			         add_days[i].out);
	}
	/* date_iso is date_days read back, over four years with a leap day */
	for (int64_t t = date_days(2023, 1, 1); t <= date_days(2026, 12, 31); t++) {
		char iso[11];
		int y, m, d;
		date_iso(t, iso);
		assert_true(date_split(iso, &y, &m, &d));
		assert_int_equal(date_days(y, m, d), t);
	}
}

static void test_today(void **state)
{
	(void)state;
	char out[11], real[11];
	unsetenv("JIUYE_TODAY");
	date_today(real);
	int y, m, d;
	assert_true(date_split(real, &y, &m, &d));

	setenv("JIUYE_TODAY", "2024-06-30", 1);
	date_today(out);
	assert_string_equal(out, "2024-06-30");
	setenv("JIUYE_TODAY", "20250301", 1);   /* any accepted form */
	date_today(out);
	assert_string_equal(out, "2025-03-01");
	setenv("JIUYE_TODAY", "not a date", 1); /* ignored: the real date */
	date_today(out);
	assert_string_equal(out, real);
	unsetenv("JIUYE_TODAY");
}

static void test_now(void **state)
{
	(void)state;
	char out[32];
	time_now_iso(out);
	assert_int_equal(strlen(out), 25);
	assert_string_equal(out + 19, "+00:00");        /* test_init set TZ=UTC */
	assert_int_equal(out[10], 'T');
	char day[11];
	snprintf(day, sizeof day, "%.10s", out);
	int y, m, d;
	assert_true(date_split(day, &y, &m, &d));

	setenv("TZ", "CST-8", 1);               /* China Standard Time, POSIX form: no tzdata needed */
	tzset();
	time_now_iso(out);
	assert_string_equal(out + 19, "+08:00");
	setenv("TZ", "NST+3:30", 1);            /* Newfoundland: a negative half-hour offset */
	tzset();
	time_now_iso(out);
	assert_string_equal(out + 19, "-03:30");
	setenv("TZ", "UTC", 1);
	tzset();
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_split_valid),
		cmocka_unit_test(test_age),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_add_days),
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_now),
	};
	test_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
