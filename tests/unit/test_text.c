/* tests/unit/test_text.c: display width (the wcwidth policy ncurses uses), grapheme clusters,
 * fitting into columns, cleaning and GB18030 conversion (core/base/text.c). */
#include "testutil.h"

#include <unistr.h>

/* ---- widths --------------------------------------------------------------------------------- */

static void test_cp_width(void **state)
{
	static const struct { uint32_t cp; int w; const char *why; } t[] = {
		{ 'A',     1, "ASCII" },
		{ 0x4E2D,  2, "中: CJK ideograph" },
		{ 0x3000,  2, "ideographic space" },
		{ 0xFF21,  2, "full-width Ａ" },
		{ 0xFF0C,  2, "full-width comma ，" },
		{ 0x0301,  0, "combining acute accent" },
		{ 0x200B,  0, "zero width space" },
		{ 0x2026,  1, "… is Ambiguous: 1 in glibc (why the UI uses ASCII ...)" },
		{ 0x201C,  1, "“ is Ambiguous: 1 in glibc" },
		{ 0x3248,  2, "㉈: glibc says 2 (uc_width says 1; ncurses follows glibc)" },
		{ 0x4DC0,  2, "䷀: glibc says 2 (uc_width says 1)" },
		{ 0x20000, 2, "𠀀: CJK extension B" },
		{ 0x0007,  0, "BEL: control, never drawn" },
		{ 0x007F,  0, "DEL" },
		{ 0x0085,  0, "NEL: C1 control" },
		{ 0x0378,  1, "unassigned: ncurses draws it 1 wide, we draw '?'" },
		{ 0xFFFF,  1, "noncharacter" },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		if (text_cp_width(t[i].cp) != t[i].w)
			fail_msg("U+%04X (%s): width %d, want %d", t[i].cp, t[i].why,
			         text_cp_width(t[i].cp), t[i].w);
	}
}

static void test_width(void **state)
{
	static const struct { const char *s; int w; } t[] = {
		{ "张晓红",                   6 },
		{ "ab中",                     4 },
		{ "e\xCC\x81",                1 },  /* e + U+0301 */
		{ "ＡＢＣ",                   6 },
		{ "\xE3\x80\x80",             2 },  /* U+3000 */
		{ "朝阳区人民医院",           14 },
		{ "“张”",                     4 },
		{ "张三，男",                 8 },
		{ "",                         0 },
		{ "a\x80" "b",                3 },  /* an invalid byte is one column ('?') */
		{ "\xE4\xB8",                 2 },  /* a cut-off 中: two invalid bytes */
		{ "a\tb",                     2 },  /* tab: control, not drawn */
		{ "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", 2 }, /* 한 as conjoining jamo */
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		if (text_width(t[i].s) != t[i].w)
			fail_msg("\"%s\": width %d, want %d", t[i].s, text_width(t[i].s), t[i].w);
	}
	assert_int_equal(text_width(NULL), 0);
	assert_int_equal(text_width_n("张晓红", 6), 4);
	assert_int_equal(text_width_n("张晓红", 4), 3);   /* 张 + one stray byte of 晓 */
}

/* ---- grapheme clusters ---------------------------------------------------------------------- */

static void test_graphemes(void **state)
{
	static const struct { const char *s; size_t b[8]; int n; } t[] = {
		/* e+U+0301 | 张 | a | invalid byte */
		{ "e\xCC\x81张a\x80",        { 0, 3, 6, 7, 8 },        5 },
		{ "张晓红",                   { 0, 3, 6, 9 },           4 },
		{ "\r\nx",                    { 0, 2, 3 },              3 },
		/* 한 as L V T jamo: one cluster */
		{ "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB张", { 0, 9, 12 }, 3 },
		/* a lone combining mark stands alone; a cut 中 is two single bytes */
		{ "\xCC\x81\xE4\xB8", { 0, 2, 3, 4 },                   4 },
		/* ＡＢ then a wide char with two combining marks */
		{ "ＡＢ张\xCC\x81\xCC\x82", { 0, 3, 6, 13 },              4 },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		size_t len = strlen(t[i].s);
		for (int k = 0; k + 1 < t[i].n; k++) {
			assert_int_equal(text_next_grapheme(t[i].s, len, t[i].b[k]), t[i].b[k + 1]);
			assert_int_equal(text_prev_grapheme(t[i].s, len, t[i].b[k + 1]), t[i].b[k]);
		}
		assert_int_equal(text_next_grapheme(t[i].s, len, len), len);
		assert_int_equal(text_prev_grapheme(t[i].s, len, 0), 0);
	}
}

/* ---- fitting -------------------------------------------------------------------------------- */

static void test_fit(void **state)
{
	static const struct { const char *s; int cols; size_t bytes; int used; } t[] = {
		{ "张晓红",         5, 6, 4 },   /* 张晓 + one column the UI pads */
		{ "张晓红",         6, 9, 6 },
		{ "张晓红",         9, 9, 6 },
		{ "张晓红",         1, 0, 0 },
		{ "张晓红",         0, 0, 0 },
		{ "ab中",           3, 2, 2 },
		{ "ab中",           4, 5, 4 },
		{ "e\xCC\x81x",     1, 3, 1 },   /* the accent stays with its e */
		{ "张\xCC\x81x",    2, 5, 2 },
		{ "ＡＢＣ",         5, 6, 4 },
		{ "",               3, 0, 0 },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		int used = -1;
		size_t n = text_fit(t[i].s, t[i].cols, &used);
		if (n != t[i].bytes || used != t[i].used)
			fail_msg("\"%s\" in %d: %zu bytes %d cols, want %zu %d", t[i].s, t[i].cols,
			         n, used, t[i].bytes, t[i].used);
	}
	assert_int_equal(text_fit(NULL, 5, NULL), 0);
}

static void test_fit_pad(void **state)
{
	static const struct { const char *s; int cols; const char *want; } t[] = {
		{ "张晓红",         7, "张晓红 " },
		{ "张晓红",         6, "张晓红" },
		{ "张晓红",         5, "张..." },
		{ "张晓红",         4, "张.." },     /* fewer dots so the surname still shows */
		{ "张晓红",         3, "张." },
		{ "张晓红",         2, ".." },       /* nothing fits beside a marker: only dots */
		{ "张晓红",         1, "." },
		{ "张晓红",         0, "" },
		{ "朝阳区人民医院", 8, "朝阳... " }, /* 区 would split: one column padded */
		{ "朝阳区人民医院", 9, "朝阳区..." },
		{ "abcdefgh",       5, "ab..." },
		{ "abcdefgh",       3, "a.." },
		{ "e\xCC\x81" "abcdef", 4, "e\xCC\x81..." },
		{ "“张”",           4, "“张”" },
		{ "a\x80" "b",      4, "a?b " },     /* invalid byte drawn as '?' */
		{ "a\tb\x7f",       3, "ab " },      /* controls are not drawn */
		{ "a\xCD\xB8",      2, "a?" },       /* unassigned U+0378 */
		{ NULL,             3, "   " },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		char *r = text_fit_pad(t[i].s, t[i].cols);
		if (strcmp(r, t[i].want) != 0)
			fail_msg("\"%s\" in %d: \"%s\", want \"%s\"", t[i].s ? t[i].s : "(null)",
			         t[i].cols, r, t[i].want);
		free(r);
	}
}

/* Is off a cluster boundary of s? */
static int on_boundary(const char *s, size_t off)
{
	size_t len = strlen(s), b = 0;

	while (b < off)
		b = text_next_grapheme(s, len, b);
	return b == off;
}

/* Property: for every width, the result is valid UTF-8, exactly cols columns, and the text before
 * the dots and padding is a prefix of the input ending on a cluster boundary. */
static void test_fit_pad_property(void **state)
{
	static const char *const in[] = {
		"朝阳区人民医院", "张晓红", "ab中文cd", "e\xCC\x81张e\xCC\x81张", "ＡＢＣ１２３",
		"北京市朝阳区建国路88号", "한국",
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(in); i++) {
		for (int cols = 0; cols <= 26; cols++) {
			char *r = text_fit_pad(in[i], cols);
			size_t n = strlen(r);
			if (!text_valid_utf8(r, n) || text_width(r) != cols)
				fail_msg("\"%s\" in %d: \"%s\" is %d columns", in[i], cols, r,
				         text_width(r));
			while (n > 0 && r[n - 1] == ' ')
				n--;
			while (n > 0 && r[n - 1] == '.')
				n--;
			if (strncmp(r, in[i], n) != 0 || !on_boundary(in[i], n))
				fail_msg("\"%s\" in %d: \"%s\" is no prefix on a boundary", in[i], cols, r);
			if (text_width(in[i]) <= cols)
				assert_int_equal(n, strlen(in[i]));
			free(r);
		}
	}
}

/* Property: text_fit takes whole clusters and leaves at most the one column a wide char needs. */
static void test_fit_property(void **state)
{
	static const char *const in[] = { "朝阳区人民医院", "a张b晓c红", "ＡbＣ", "e\xCC\x81张" };
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(in); i++) {
		for (int cols = 1; cols <= 16; cols++) {
			int used;
			size_t n = text_fit(in[i], cols, &used);
			assert_true(on_boundary(in[i], n));
			assert_int_equal(used, text_width_n(in[i], n));
			assert_true(used <= cols);
			if (n < strlen(in[i]))
				assert_true(used >= cols - 1);
		}
	}
}

/* ---- cleaning ------------------------------------------------------------------------------- */

static void test_clean(void **state)
{
	static const struct { const char *in, *want; } t[] = {
		{ "  张三  ",                         "张三" },
		{ "\xE3\x80\x80张三\xE3\x80\x80",     "张三" },      /* U+3000 from a full-width IME */
		{ "\xC2\xA0张三\xC2\xA0",             "张三" },      /* NBSP from a web page */
		{ "张\xE3\x80\x80三",                 "张\xE3\x80\x80三" }, /* inside: kept */
		{ "张 三",                            "张 三" },
		{ "张\t三",                           "张 三" },
		{ "朝阳区\r\n人民医院",               "朝阳区 人民医院" }, /* Alt+Enter in an Excel cell */
		{ "张\xE2\x80\x8B三",                 "张三" },      /* zero width space pasted */
		{ "\xEF\xBB\xBF张三",                 "张三" },      /* stray BOM */
		{ "e\xCC\x81",                        "\xC3\xA9" },  /* NFC: é */
		{ "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", "한" },
		{ "a\x01" "b\x7f",                    "ab" },
		{ "a\xC2\x85" "b",                    "a b" },       /* NEL is a line break */
		{ "a\xC2\x9B" "b",                    "ab" },        /* C1 CSI dropped */
		{ "a\x80" "b",                        "a\xEF\xBF\xBD" "b" }, /* invalid byte: U+FFFD */
		{ "",                                 "" },
		{ " \t\xE3\x80\x80 ",                 "" },
		{ "ＡＢＣ",                           "ＡＢＣ" },    /* NFC, not NFKC: kept full-width */
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		char *r = text_clean(t[i].in);
		if (strcmp(r, t[i].want) != 0)
			fail_msg("clean(\"%s\") = \"%s\", want \"%s\"", t[i].in, r, t[i].want);
		free(r);
	}
	assert_null(text_clean(NULL));
}

static void test_chars_blank_valid(void **state)
{
	(void)state;
	assert_int_equal(text_chars("张晓红"), 3);
	assert_int_equal(text_chars("e\xCC\x81"), 2);
	assert_int_equal(text_chars("a\x80"), 2);
	assert_int_equal(text_chars(""), 0);
	assert_int_equal(text_chars(NULL), 0);

	assert_true(text_is_blank(NULL));
	assert_true(text_is_blank(""));
	assert_true(text_is_blank(" \t\xE3\x80\x80\xC2\xA0"));
	assert_false(text_is_blank(" 张 "));
	assert_false(text_is_blank("\x80"));

	assert_true(text_valid_utf8("张晓红", 9));
	assert_true(text_valid_utf8("", 0));
	assert_false(text_valid_utf8("张晓红", 8));          /* cut inside 红 */
	assert_false(text_valid_utf8("\xC0\x80", 2));         /* overlong NUL */
	assert_false(text_valid_utf8("\xED\xA0\x80", 3));     /* a surrogate */
	assert_false(text_valid_utf8(NULL, 0));
}

/* ---- encodings ------------------------------------------------------------------------------ */

static void test_gb18030_round_trip(void **state)
{
	static const struct { const char *enc, *utf8, *bytes; size_t n; } t[] = {
		{ "GB18030", "张晓红", "\xD5\xC5\xCF\xFE\xBA\xEC", 6 },
		{ "GBK",     "张晓红", "\xD5\xC5\xCF\xFE\xBA\xEC", 6 },
		{ "GB18030", "𠀀",     "\x95\x32\x82\x36", 4 },     /* outside GBK: four bytes */
		{ "GB18030", "a,1",    "a,1", 3 },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		size_t n = 0, m = 0;
		char *enc = text_from_utf8(t[i].enc, t[i].utf8, &n);
		assert_non_null(enc);
		assert_int_equal(n, t[i].n);
		assert_memory_equal(enc, t[i].bytes, n);
		char *back = text_to_utf8(t[i].enc, enc, n, &m);
		assert_non_null(back);
		assert_string_equal(back, t[i].utf8);
		assert_int_equal(m, strlen(t[i].utf8));
		free(enc);
		free(back);
	}
}

static void test_conversion_errors(void **state)
{
	size_t n = 99;
	char *r;
	(void)state;
	assert_null(text_to_utf8("GB18030", "\xD5", 1, &n));      /* half a character */
	assert_int_equal(n, 0);
	assert_null(text_to_utf8("GB18030", "\xD5\xC5\xCF", 3, NULL)); /* 张 + half of 晓 */
	assert_null(text_to_utf8("GB18030", "\x95\x32\x82", 3, NULL)); /* three of four bytes */
	assert_null(text_to_utf8("GB18030", "\xFF\xFF", 2, NULL));
	assert_null(text_from_utf8("GBK", "张\xE4", NULL));        /* not UTF-8 to begin with */
	assert_null(text_to_utf8("UTF-8", "a\x80", 2, NULL));
	assert_null(text_from_utf8("GBK", "😀", NULL));            /* no emoji in GBK */
	assert_null(text_to_utf8("NO-SUCH-ENCODING", "a", 1, NULL));
	r = text_to_utf8("GB18030", "", 0, &n);
	assert_string_equal(r, "");
	assert_int_equal(n, 0);
	free(r);
	r = text_from_utf8("GB18030", "", &n);
	assert_string_equal(r, "");
	free(r);
	r = text_to_utf8("UTF-8", "张", 3, NULL);
	assert_string_equal(r, "张");
	free(r);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cp_width),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_graphemes),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_fit_pad),
		cmocka_unit_test(test_fit_pad_property),
		cmocka_unit_test(test_fit_property),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_chars_blank_valid),
		cmocka_unit_test(test_gb18030_round_trip),
		cmocka_unit_test(test_conversion_errors),
	};
	test_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
