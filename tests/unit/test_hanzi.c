/* tests/unit/test_hanzi.c: pinyin initials and traditional -> simplified folding (core/base/hanzi.c),
 * from the Unihan table in assets/hanzi.tsv. */
#include "testutil.h"

#define BIT(c) (UINT32_C(1) << ((c) - 'a'))

/* Decode the first character of a UTF-8 literal. */
static uint32_t cp_of(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80)
		return u[0];
	if (u[0] < 0xE0)
		return (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
	if (u[0] < 0xF0)
		return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
	return (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3F) << 12 |
	       (uint32_t)(u[2] & 0x3F) << 6 | (u[3] & 0x3F);
}

/* The ten commonest surnames: their (primary) initial is in the mask. */
static void test_common_surnames(void **state)
{
	static const struct { const char *ch; char initial; } surnames[] = {
		{ "王", 'w' }, { "李", 'l' }, { "张", 'z' }, { "刘", 'l' }, { "陈", 'c' },
		{ "杨", 'y' }, { "黄", 'h' }, { "赵", 'z' }, { "吴", 'w' }, { "周", 'z' },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(surnames); i++) {
		uint32_t m = hanzi_initials(cp_of(surnames[i].ch));
		assert_true(m & BIT(surnames[i].initial));
	}
}

/* Polyphonic characters carry every reading's initial; names use the rarer ones. */
static void test_polyphonic(void **state)
{
	static const struct { const char *ch; const char *need; } poly[] = {
		{ "曾", "zc" },         /* 曾 zēng (surname) / céng */
		{ "单", "dsc" },        /* 单 dān / shàn (surname) / chán (单于) */
		{ "区", "qo" },         /* 区 qū / ōu (surname) */
		{ "仇", "cq" },         /* 仇 chóu / qiú (surname) */
		{ "解", "jx" },         /* 解 jiě / xiè (surname) */
		{ "查", "cz" },         /* 查 chá / zhā (surname) */
		{ "朴", "p" },          /* 朴 pǔ / piáo (surname): both p */
		{ "乐", "ly" },         /* 乐 lè / yuè */
		{ "长", "cz" },         /* 长 cháng / zhǎng */
		{ "重", "zc" },         /* 重 zhòng / chóng */
		{ "绿", "l" },          /* 绿 lǜ: the initial is the first letter, ü does not matter */
		{ "爱", "a" },          /* 爱 ài: a syllable without a consonant gives its vowel */
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(poly); i++) {
		uint32_t m = hanzi_initials(cp_of(poly[i].ch));
		for (const char *c = poly[i].need; *c; c++)
			assert_true(m & BIT(*c));
	}
}

static void test_no_reading(void **state)
{
	(void)state;
	assert_int_equal(hanzi_initials('a'), 0);
	assert_int_equal(hanzi_initials('1'), 0);
	assert_int_equal(hanzi_initials(0xB7), 0);      /* · */
	assert_int_equal(hanzi_initials(0x3002), 0);    /* 。 */
	assert_int_equal(hanzi_initials(0x3402), 0);    /* 㐂: in Unihan, but no Mandarin reading */
	assert_int_equal(hanzi_initials(0x10FFFF), 0);
	/* A traditional form has initials too: its own reading, or its simplified form's. */
	assert_true(hanzi_initials(cp_of("張")) & BIT('z'));
	assert_true(hanzi_initials(cp_of("區")) & BIT('o'));
}

static void test_simplify(void **state)
{
	static const struct { const char *trad, *simp; } pairs[] = {
		{ "張", "张" }, { "曉", "晓" }, { "紅", "红" }, { "劉", "刘" }, { "陳", "陈" },
		{ "黃", "黄" }, { "趙", "赵" }, { "區", "区" }, { "單", "单" }, { "樂", "乐" },
		{ "長", "长" }, { "後", "后" },
		{ "张", "张" },         /* simplified stays */
		{ "乾", "乾" },         /* 乾隆's 乾 is not 干: Unihan lists the character itself first */
		{ "a", "a" },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(pairs); i++)
		assert_int_equal(hanzi_simplify(cp_of(pairs[i].trad)), cp_of(pairs[i].simp));
}

static void test_fold(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "張曉紅", "张晓红" },
		{ "劉德華", "刘德华" },
		{ "陳", "陈" }, { "黃", "黄" }, { "趙", "赵" },
		{ "张晓红", "张晓红" },
		{ "ＡＢＣ１２３", "abc123" },              /* full-width to half-width (NFKC) */
		{ "Zhang Xiaohong", "zhang xiaohong" },
		{ "艾力·买买提", "艾力·买买提" },          /* · stays: it is not a compatibility character */
		{ "\xEF\xA4\x80", "岂" },                  /* U+F900 compatibility ideograph -> 豈 -> 岂 */
		{ "Ⅻ", "xii" },                            /* NFKC's own uppercase is lowercased too */
		{ "", "" },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *f = hanzi_fold(cases[i].in);
		assert_string_equal(f, cases[i].out);
		free(f);
	}
	assert_null(hanzi_fold(NULL));
}

#define MAXOUT 64

/* Does the set out[0..n) hold s? */
static int has(char **out, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (strcmp(out[i], s) == 0)
			return 1;
	return 0;
}

static void free_all(char **out, int n)
{
	for (int i = 0; i < n; i++)
		free(out[i]);
}

/* need: strings that must be among the results, the first of them the first result (every
 * character at its primary reading). exactly: no other string. */
static void test_initials_all(void **state)
{
	static const struct { const char *name; const char *need[4]; int exactly; } cases[] = {
		{ "张晓红",       { "zxh" }, 0 },         /* and zxg: 红 is also gōng (女红) */
		{ "張曉紅",       { "zxh" }, 0 },
		{ "刘德华",       { "ldh" }, 1 },
		{ "王芳",         { "wf" }, 1 },
		{ "曾小单",       { "cxd", "zxd", "zxs", "zxc" }, 0 },
		{ "区志强",       { "qzq", "ozq" }, 0 },
		{ "區志強",       { "qzq", "ozq" }, 0 },
		{ "仇伟",         { "cw", "qw" }, 1 },
		{ "解放",         { "jf", "xf" }, 1 },
		{ "查良镛",       { "cly", "zly" }, 1 },
		{ "朴树",         { "ps" }, 1 },          /* pǔ and piáo share the p */
		{ "乐嘉",         { "lj", "yj" }, 1 },
		{ "长孙无忌",     { "zswj", "cswj" }, 0 },   /* 长 zhǎng first (kMandarin); 无 is also mó */
		{ "重阳",         { "zy", "cy" }, 1 },
		{ "单雄信",       { "dxx", "sxx", "cxx" }, 1 },
		{ "欧阳娜娜",     { "oynn" }, 1 },
		{ "艾力·买买提",  { "almmt" }, 0 },       /* · dropped; 艾 is also yì, 提 also dī */
		{ "艾力・买买提", { "almmt" }, 0 },       /* katakana middle dot, as some input methods type */
		{ "Ali Wang",     { "aliwang" }, 1 },     /* letters kept lowercased, space dropped */
		{ "王2号",        { "w2h" }, 1 },
		{ "Ｗang王",      { "wangw" }, 1 },       /* full-width letter as half-width */
		{ "李　娜",       { "ln" }, 1 },          /* ideographic space dropped */
		{ "JOSÉ李",       { "josél" }, 1 },        /* other letters kept, lowercased */
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *out[MAXOUT];
		int n = hanzi_initials_all(cases[i].name, out, MAXOUT), k;
		assert_true(n >= 1);
		assert_string_equal(out[0], cases[i].need[0]);
		for (k = 0; k < 4 && cases[i].need[k]; k++)
			assert_true(has(out, n, cases[i].need[k]));
		if (cases[i].exactly)
			assert_int_equal(n, k);
		for (int a = 0; a < n; a++)             /* distinct */
			for (int b = a + 1; b < n; b++)
				assert_string_not_equal(out[a], out[b]);
		free_all(out, n);
	}
}

/* The primary reading comes first; then single changes, the surname's first. */
static void test_initials_order(void **state)
{
	char *out[MAXOUT];
	(void)state;
	int n = hanzi_initials_all("曾小单", out, MAXOUT);
	assert_true(n >= 6);
	assert_string_equal(out[0], "cxd");             /* kMandarin: céng, xiǎo, dān */
	assert_string_equal(out[1], "zxd");             /* the surname reading zēng */
	free_all(out, n);

	char *again[MAXOUT];
	int m = hanzi_initials_all("曾小单", again, MAXOUT);
	assert_int_equal(m, n);
	free_all(again, m);
}

static void test_initials_max(void **state)
{
	char *out[MAXOUT];
	(void)state;
	int all = hanzi_initials_all("曾单区仇解查", out, MAXOUT);
	assert_int_equal(all, MAXOUT);                  /* 3*3*2*3*2*3 combinations, capped */
	free_all(out, all);
	for (int max = 0; max <= 5; max++) {
		int n = hanzi_initials_all("曾小单", out, max);
		assert_int_equal(n, max);
		free_all(out, n);
	}
	assert_int_equal(hanzi_initials_all("曾小单", out, -1), 0);
}

static void test_initials_empty(void **state)
{
	char *out[4];
	(void)state;
	assert_int_equal(hanzi_initials_all("", out, 4), 0);
	assert_int_equal(hanzi_initials_all("·・ ，。", out, 4), 0);
	assert_int_equal(hanzi_initials_all("\xE3\x90\x82", out, 4), 0);  /* 㐂: no reading */
	assert_int_equal(hanzi_initials_all(NULL, out, 4), 0);
}

/* A long name (past the on-stack buffer) with many polyphonic characters. */
static void test_initials_long(void **state)
{
	char name[1024] = "";
	char *out[MAXOUT];
	(void)state;
	for (int i = 0; i < 100; i++)
		strcat(name, "曾");
	int n = hanzi_initials_all(name, out, MAXOUT);
	assert_int_equal(n, MAXOUT);
	assert_int_equal(strlen(out[0]), 100);
	free_all(out, n);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_common_surnames),
	cmocka_unit_test(test_polyphonic),
	cmocka_unit_test(test_no_reading),
	cmocka_unit_test(test_simplify),
	cmocka_unit_test(test_fold),
	cmocka_unit_test(test_initials_all),
	cmocka_unit_test(test_initials_order),
	cmocka_unit_test(test_initials_max),
	cmocka_unit_test(test_initials_empty),
	cmocka_unit_test(test_initials_long),
};

TEST_MAIN(tests)
