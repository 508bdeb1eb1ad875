/* tests/unit/test_idcard.c: 居民身份证号 (GB 11643) and 统一社会信用代码 (GB 32100) as they
 * arrive: typed, pasted, or through Excel. Every ID number here is made up. */
#include "testutil.h"

static const struct {
	const char *in;
	const char *out;        /* canonical form; NULL: refused */
	const char *birth;
	char sex;
	const char *why;        /* refused: words the message must contain */
} ids[] = {
	{ "11010519491231002X", "11010519491231002X", "1949-12-31", 'F', NULL },
	{ "11010519491231002x", "11010519491231002X", "1949-12-31", 'F', NULL }, /* lowercase accepted, stored as X */
	{ "１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X", "1949-12-31", 'F', NULL }, /* full-width */
	{ "１１０１０５１９４９１２３１００２ｘ", "11010519491231002X", "1949-12-31", 'F', NULL },
	{ "110105 19491231 002X", "11010519491231002X", "1949-12-31", 'F', NULL }, /* spaced as on a form */
	{ "　11010519491231002X　", "11010519491231002X", "1949-12-31", 'F', NULL },
	{ "110105200002290021", "110105200002290021", "2000-02-29", 'F', NULL },  /* 2000 was a leap year */
	{ "440304199003150513", NULL, NULL, 0, "should be X" },
	{ "44030419900315051X", "44030419900315051X", "1990-03-15", 'M', NULL },  /* odd 17th digit: male */
	{ "320102198001011000", "320102198001011000", "1980-01-01", 'F', NULL },  /* ends in 000 yet valid */
	{ "110105194912310021", NULL, NULL, 0, "should be X, not 1" },  /* wrong check character */
	{ "110105190002290025", NULL, NULL, 0, "not a real birth date" }, /* right check char, but 1900 had no 29 February */
	{ "110105189912310023", NULL, NULL, 0, "before 1900" },
	{ "110105202407010023", NULL, NULL, 0, "future" },           /* today is 2024-06-30 here */
	{ "990105194912310023", NULL, NULL, 0, "99 is not a province" },
	{ "11010519491231002",  NULL, NULL, 0, "17 characters given" },
	{ "11010519491231002X1", NULL, NULL, 0, "19 characters given" },
	{ "1",                  NULL, NULL, 0, "1 character given" },
	{ "110105491231002",    NULL, NULL, 0, "15-digit" },          /* the old pre-1999 number */
	{ "3.20102E+17",        NULL, NULL, 0, "Excel" },
	{ "3.20102198E+17",     NULL, NULL, 0, "Excel" },
	{ "3.20102198e17",      NULL, NULL, 0, "Excel" },
	{ "320102198001011234.0", NULL, NULL, 0, "Excel" },
	{ "110105194912310000", NULL, NULL, 0, "Excel may have rounded" }, /* 15 digits kept, check fails */
	{ "11010519491231O02X", NULL, NULL, 0, "\"O\" (character 15)" }, /* letter O for zero */
	{ "11010519491231002A", NULL, NULL, 0, "\"A\" (character 18)" },
	{ "张三",               NULL, NULL, 0, "\"张\" (character 1)" },
	{ "1101051949-231002X", NULL, NULL, 0, "\"-\" (character 11)" },
	{ "1101051949X231002X", NULL, NULL, 0, "last" },             /* X only at the end */
	{ "X1010519491231002X", NULL, NULL, 0, "last" },
	{ "",                   NULL, NULL, 0, "empty" },
	{ "   ",                NULL, NULL, 0, "empty" },
	{ "1101\xff",           NULL, NULL, 0, "not text" },
};

static void test_idcard_parse(void **state)
{
	(void)state;
	setenv("JIUYE_TODAY", "2024-06-30", 1);
	for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
		char out[19] = "x", birth[11] = "x", sex = 0;
		struct jy_err err = { 0 };
		int rc = idcard_parse(ids[i].in, out, birth, &sex, &err);
		if (ids[i].out) {
			if (rc != JY_OK)
				fail_msg("\"%s\": refused: %s", ids[i].in, err.msg);
			assert_string_equal(out, ids[i].out);
			assert_string_equal(birth, ids[i].birth);
			assert_int_equal(sex, ids[i].sex);
		} else {
			if (rc != JY_EINVAL)
				fail_msg("\"%s\": accepted as %s", ids[i].in, out);
			assert_string_equal(out, "");
			assert_string_equal(err.field, "身份证号");
			if (!strstr(err.msg, ids[i].why))
				fail_msg("\"%s\": message \"%s\" lacks \"%s\"", ids[i].in, err.msg, ids[i].why);
		}
	}
	/* born today is fine; NULL outputs and a NULL err are allowed */
	assert_int_equal(idcard_parse("110105202406300029", (char[19]){ 0 }, NULL, NULL, NULL), JY_OK);
	assert_int_equal(idcard_parse(NULL, (char[19]){ 0 }, NULL, NULL, NULL), JY_EINVAL);
	unsetenv("JIUYE_TODAY");
}

static void test_check_char(void **state)
{
	(void)state;
	assert_int_equal(idcard_check_char("11010519491231002"), 'X');
	assert_int_equal(idcard_check_char("11010520000229002"), '1');
	assert_int_equal(idcard_check_char("32010219800101100"), '0');
	assert_int_equal(idcard_check_char("11010519491231002X"), 'X');  /* only 17 are read */
	assert_int_equal(idcard_check_char("1101051949123100"), 0);      /* 16 digits */
	assert_int_equal(idcard_check_char("1101051949123100A"), 0);
	assert_int_equal(idcard_check_char(NULL), 0);
}

static const struct {
	const char *region, *birth;
	int seq;
	char sex;
	const char *out;
} makes[] = {
	{ "110105", "1949-12-31", 2,    'F', "11010519491231002X" },
	{ "110105", "1949-12-31", 3,    'F', "11010519491231002X" },  /* odd sequence made even */
	{ "110105", "1949-12-31", 2,    'M', "110105194912310038" },
	{ "440304", "1990-03-15", 51,   'M', "44030419900315051X" },
	{ "320102", "1980-01-01", 0,    'F', "320102198001010008" },
	{ "320102", "1980-01-01", 1999, 'M', "320102198001019993" },  /* taken modulo 1000 */
	{ "32010",  "1980-01-01", 1,    'M', "" },
	{ "32010A", "1980-01-01", 1,    'M', "" },
	{ "320102", "1980-02-30", 1,    'M', "" },
	{ "320102", "19800101",   1,    'M', "" },
};

static void test_idcard_make(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(makes); i++) {
		char out[19];
		idcard_make(makes[i].region, makes[i].birth, makes[i].seq, makes[i].sex, out);
		if (makes[i].out[0] && idcard_check_char(makes[i].out) != makes[i].out[17])
			fail_msg("table row %zu is not checksum-valid", i);
		if (strcmp(out, makes[i].out) != 0)
			fail_msg("%s %s %d %c: %s, want %s", makes[i].region, makes[i].birth, makes[i].seq,
			         makes[i].sex, out, makes[i].out);
	}
	/* what it makes always parses back to the same birth date and sex */
	for (int seq = 0; seq < 1000; seq += 37) {
		char out[19], canon[19], birth[11], sex;
		char want = seq % 2 ? 'M' : 'F';
		idcard_make("420106", "1975-08-09", seq, want, out);
		assert_int_equal(idcard_parse(out, canon, birth, &sex, NULL), JY_OK);
		assert_string_equal(canon, out);
		assert_string_equal(birth, "1975-08-09");
		assert_int_equal(sex, want);
	}
}

static const struct {
	const char *in;
	const char *out;
	const char *why;
} credits[] = {
	{ "91350100M000100Y43", "91350100M000100Y43", NULL },
	{ "91110000600037341L", "91110000600037341L", NULL },
	{ "9144030071526726XG", "9144030071526726XG", NULL },
	{ "12100000400000770U", "12100000400000770U", NULL },   /* 机构编制: a public institution */
	{ "91350100m000100y43", "91350100M000100Y43", NULL },   /* lowercase stored as capitals */
	{ "９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43", NULL }, /* full-width */
	{ "9135 0100 M000 100Y 43", "91350100M000100Y43", NULL },
	{ "91350100M000100Y44", NULL, "should be 3, not 4" },
	{ "91110000600037341M", NULL, "should be L, not M" },
	{ "91350100M000100Y4",  NULL, "17 characters given" },
	{ "91350100M000100Y433", NULL, "19 characters given" },
	{ "91350100I000100Y43", NULL, "letter I (character 9)" },
	{ "91350100O000100Y43", NULL, "letter O" },
	{ "91350100Z000100Y43", NULL, "letter Z" },
	{ "91350100S000100Y43", NULL, "letter S" },
	{ "91350100V000100Y43", NULL, "letter V" },
	{ "91350100M000100Y4O", NULL, "letter O (character 18)" },
	{ "91350100M00010公Y43", NULL, "\"公\" (character 15)" },
	{ "91350100-000100Y43", NULL, "\"-\" (character 9)" },
	{ "",                   NULL, "empty" },
};

static void test_credit_code(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(credits); i++) {
		char out[19] = "x";
		struct jy_err err = { 0 };
		int rc = credit_code_parse(credits[i].in, out, &err);
		if (credits[i].out) {
			if (rc != JY_OK)
				fail_msg("\"%s\": refused: %s", credits[i].in, err.msg);
			assert_string_equal(out, credits[i].out);
		} else {
			if (rc != JY_EINVAL)
				fail_msg("\"%s\": accepted as %s", credits[i].in, out);
			assert_string_equal(out, "");
			assert_string_equal(err.field, "统一社会信用代码");
			if (!strstr(err.msg, credits[i].why))
				fail_msg("\"%s\": message \"%s\" lacks \"%s\"", credits[i].in, err.msg, credits[i].why);
		}
	}
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idcard_parse),
		cmocka_unit_test(test_check_char),
		cmocka_unit_test(test_idcard_make),
		cmocka_unit_test(test_credit_code),
	};
	test_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
