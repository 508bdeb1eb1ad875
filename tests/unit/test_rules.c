/* tests/unit/test_rules.c: 4050 and the retirement-age cut-off, on the day before and the day
 * of each birthday that matters, with the default ages and with a locality's own. */
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>

#define ASOF "2024-06-30"

/* A record as resident_validate leaves it: sex as the GB/T 2261.1 code, birth date derived. */
static void person(struct resident *r, const char *sex, const char *birth, const char *idno)
{
	memset(r, 0, sizeof *r);
	r->v[RF_SEX] = (char *)sex;
	r->v[RF_BIRTH] = (char *)birth;
	r->v[RF_IDNO] = (char *)idno;
}

static const struct {
	const char *sex, *birth;
	const char *hit;        /* "" none, else the one hit's code */
	const char *reason;     /* the reason text (C locale: the English msgid) */
} defaults[] = {
	/* women: 40 <= age < 55 */
	{ "2", "1984-07-01", "",            NULL },     /* 39: her 40th birthday is tomorrow */
	{ "2", "1984-06-30", "4050",        "female, 40 years old (>= 40) on 2024-06-30" },
	{ "2", "1977-01-15", "4050",        "female, 47 years old (>= 40) on 2024-06-30" },
	{ "2", "1969-07-01", "4050",        "female, 54 years old (>= 40) on 2024-06-30" },
	{ "2", "1969-06-30", "RETIRED_AGE", "female, 55 years old, past retirement age (55) on 2024-06-30" },
	{ "2", "1950-03-03", "RETIRED_AGE", "female, 74 years old, past retirement age (55) on 2024-06-30" },
	/* men: 50 <= age < 60 */
	{ "1", "1984-06-30", "",            NULL },     /* 40: a man is not 4050 at 40 */
	{ "1", "1974-07-01", "",            NULL },     /* 49 */
	{ "1", "1974-06-30", "4050",        "male, 50 years old (>= 50) on 2024-06-30" },
	{ "1", "1964-07-01", "4050",        "male, 59 years old (>= 50) on 2024-06-30" },
	{ "1", "1964-06-30", "RETIRED_AGE", "male, 60 years old, past retirement age (60) on 2024-06-30" },
	/* born on a leap day */
	{ "2", "1984-02-29", "4050",        "female, 40 years old (>= 40) on 2024-06-30" },
	/* nothing to go on */
	{ "",  "1970-01-01", "",            NULL },
	{ "2", "",           "",            NULL },
	{ "9", "1970-01-01", "",            NULL },     /* 未说明的性别 */
	{ "2", "1970-02-30", "",            NULL },
	{ "2", "2025-01-01", "",            NULL },     /* born after asof */
};

/* rules_derive's hits, its reading asserted (no database: the defaults). */
static int hits_of(struct jy_db *db, const struct resident *r, const char *asof,
                   struct rule_hit *hits, int max)
{
	int n = -1;
	assert_int_equal(rules_derive(db, r, asof, hits, max, &n, NULL), JY_OK);
	return n;
}

static void check_row(struct jy_db *db, const char *sex, const char *birth, const char *asof,
                      const char *hit, const char *reason)
{
	struct resident r;
	struct rule_hit hits[4];
	person(&r, sex, birth, NULL);
	memset(hits, 0, sizeof hits);
	int n = hits_of(db, &r, asof, hits, 4);
	if (!*hit) {
		if (n != 0)
			fail_msg("%s %s on %s: unexpected %s (%s)", sex, birth, asof, hits[0].code, hits[0].reason);
		return;
	}
	if (n != 1 || strcmp(hits[0].code, hit) != 0)
		fail_msg("%s %s on %s: %d hits (%s), want %s", sex, birth, asof, n, n ? hits[0].code : "-", hit);
	if (reason && strcmp(hits[0].reason, reason) != 0)
		fail_msg("%s %s: reason \"%s\", want \"%s\"", sex, birth, hits[0].reason, reason);
}

static void test_defaults(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(defaults); i++)
		check_row(NULL, defaults[i].sex, defaults[i].birth, ASOF, defaults[i].hit, defaults[i].reason);
}

/* The same woman over time: the day before and the day of her 40th and 55th birthdays. */
static void test_asof(void **state)
{
	(void)state;
	static const struct { const char *asof, *hit; } days[] = {
		{ "2024-06-29", "" }, { "2024-06-30", "4050" }, { "2039-06-29", "4050" },
		{ "2039-06-30", "RETIRED_AGE" },
	};
	for (size_t i = 0; i < ARRAY_LEN(days); i++)
		check_row(NULL, "2", "1984-06-30", days[i].asof, days[i].hit, NULL);

	/* asof NULL: today, which JIUYE_TODAY fixes */
	setenv("JIUYE_TODAY", "2024-06-30", 1);
	check_row(NULL, "2", "1984-06-30", NULL, "4050", "female, 40 years old (>= 40) on 2024-06-30");
	setenv("JIUYE_TODAY", "2024-06-29", 1);
	check_row(NULL, "2", "1984-06-30", NULL, "", NULL);
	unsetenv("JIUYE_TODAY");
}

/* A record typed but not yet validated: sex and birth come from the ID number. */
static void test_from_idno(void **state)
{
	(void)state;
	struct resident r;
	struct rule_hit h;
	char id[19];

	idcard_make("110105", "1977-01-15", 2, 'F', id);
	person(&r, NULL, NULL, id);
	assert_int_equal(hits_of(NULL, &r, ASOF, &h, 1), 1);
	assert_string_equal(h.code, "4050");
	assert_string_equal(h.reason, "female, 47 years old (>= 40) on 2024-06-30");

	idcard_make("110105", "1977-01-15", 3, 'M', id);
	person(&r, NULL, NULL, id);
	assert_int_equal(hits_of(NULL, &r, ASOF, &h, 1), 0);     /* a man of 47 */

	person(&r, NULL, NULL, "11010519770115002");                  /* bad ID: nothing */
	assert_int_equal(hits_of(NULL, &r, ASOF, &h, 1), 0);
}

static void test_limits(void **state)
{
	(void)state;
	struct resident r;
	struct rule_hit h = { "unchanged", "" };
	person(&r, "2", "1977-01-15", NULL);
	assert_int_equal(hits_of(NULL, &r, ASOF, &h, 0), 0);      /* no room */
	assert_string_equal(h.code, "unchanged");
	assert_int_equal(hits_of(NULL, &r, ASOF, NULL, 1), 0);
	assert_int_equal(hits_of(NULL, NULL, ASOF, &h, 1), 0);
}

/* A locality's own ages, read from the settings: women 45, men 55 (upper ages unchanged). */
static const struct {
	const char *sex, *birth, *hit;
} local[] = {
	{ "2", "1979-07-01", "" },              /* 44 */
	{ "2", "1979-06-30", "4050" },          /* 45 */
	{ "2", "1969-07-01", "4050" },          /* 54 */
	{ "2", "1969-06-30", "RETIRED_AGE" },   /* 55 */
	{ "1", "1969-07-01", "" },              /* 54 */
	{ "1", "1969-06-30", "4050" },          /* 55 */
	{ "1", "1964-06-30", "RETIRED_AGE" },   /* 60 */
};

static void test_settings(void **state)
{
	(void)state;
	char dir[] = "/tmp/jiuye-test-rules-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/t.db", dir);
	struct jy_db *db = NULL;
	struct jy_err err = { 0 };
	if (db_open(path, DB_OPEN_CREATE, &db, &err) != JY_OK)
		fail_msg("db_open: %s", err.msg);

	/* the defaults stored by schema 001 agree with the built-in ones */
	for (size_t i = 0; i < ARRAY_LEN(defaults); i++)
		check_row(db, defaults[i].sex, defaults[i].birth, ASOF, defaults[i].hit, defaults[i].reason);

	assert_int_equal(db_setting_set(db, "rule.4050.female_age", "45", &err), JY_OK);
	assert_int_equal(db_setting_set(db, "rule.4050.male_age", "55", &err), JY_OK);
	for (size_t i = 0; i < ARRAY_LEN(local); i++)
		check_row(db, local[i].sex, local[i].birth, ASOF, local[i].hit, NULL);
	check_row(db, "2", "1979-06-30", ASOF, "4050", "female, 45 years old (>= 45) on 2024-06-30");

	/* every code a rule can give has a name in the "rule" code list (schema 002) */
	struct code_list cl;
	assert_int_equal(codes_load(db, "rule", &cl, &err), JY_OK);
	assert_string_equal(codes_label(&cl, "4050"), "4050人员");
	assert_string_equal(codes_label(&cl, "RETIRED_AGE"), "已达退休年龄");
	codes_free(&cl);

	/* upper age 0: no retirement cut-off */
	assert_int_equal(db_setting_set(db, "rule.4050.female_upper", "0", &err), JY_OK);
	check_row(db, "2", "1950-03-03", ASOF, "4050", "female, 74 years old (>= 45) on 2024-06-30");

	db_close(&db);
	assert_null(db);
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	unlink(wal);
	unlink(shm);
	unlink(path);
	rmdir(dir);
	free(wal);
	free(shm);
	free(path);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_asof),
		cmocka_unit_test(test_from_idno),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_settings),
	};
	test_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
