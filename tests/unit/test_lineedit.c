/* tests/unit/test_lineedit.c: the one-line field editing model (core/base/lineedit.c): cursor on
 * grapheme boundaries, whole-cluster deletion, the character limit, and the view that tui/widget/field.c
 * draws (scrolling, markers, never half a wide character). */
#include "testutil.h"

#define ACUTE "\xCC\x81"        /* U+0301 COMBINING ACUTE ACCENT */
#define LONG20 "中华人民共和国北京市朝阳区建国路八十八号"  /* 20 characters, 40 columns */

/* ---- editing -------------------------------------------------------------------------------- */

static void test_insert_middle(void **state)
{
	struct lineedit le;
	(void)state;
	le_init(&le, 0);
	assert_string_equal(le_text(&le), "");
	assert_int_equal(le_insert(&le, "张红"), 0);
	assert_int_equal(le.cur, 6);
	le_left(&le);
	assert_int_equal(le.cur, 3);
	assert_int_equal(le_insert_cp(&le, 0x6653), 0);        /* 晓 */
	assert_string_equal(le_text(&le), "张晓红");
	assert_int_equal(le.cur, 6);
	le_home(&le);
	assert_int_equal(le_insert(&le, "ab"), 0);
	assert_string_equal(le_text(&le), "ab张晓红");
	assert_int_equal(le.cur, 2);
	le_free(&le);
	le_free(&le);                                          /* twice is harmless */
}

static void test_backspace_delete_cjk(void **state)
{
	struct lineedit le;
	(void)state;
	le_init(&le, 0);
	le_set(&le, "张晓红");
	assert_int_equal(le.cur, 9);
	le_backspace(&le);
	assert_string_equal(le_text(&le), "张晓");
	assert_int_equal(le.cur, 6);
	le_home(&le);
	le_delete(&le);
	assert_string_equal(le_text(&le), "晓");
	assert_int_equal(le.cur, 0);
	le_backspace(&le);                                     /* at the start: nothing */
	assert_string_equal(le_text(&le), "晓");
	le_end(&le);
	le_delete(&le);                                        /* at the end: nothing */
	assert_string_equal(le_text(&le), "晓");
	le_free(&le);
}

static void test_combining_cluster(void **state)
{
	struct lineedit le;
	(void)state;
	le_init(&le, 0);
	le_set(&le, "ae" ACUTE "b");
	le_home(&le);
	le_right(&le);
	assert_int_equal(le.cur, 1);
	le_right(&le);                                         /* over e + accent in one step */
	assert_int_equal(le.cur, 4);
	le_left(&le);
	assert_int_equal(le.cur, 1);
	le_delete(&le);                                        /* deletes e and its accent */
	assert_string_equal(le_text(&le), "ab");

	le_set(&le, "ae" ACUTE "b");
	le_left(&le);
	le_backspace(&le);                                     /* backspace: also the whole é */
	assert_string_equal(le_text(&le), "ab");
	assert_int_equal(le.cur, 1);

	/* typing a combining mark joins the character before; the cursor stays after the cluster */
	le_set(&le, "");
	le_insert_cp(&le, 'e');
	le_insert_cp(&le, 0x0301);
	assert_int_equal(le.cur, 3);
	le_left(&le);
	assert_int_equal(le.cur, 0);

	/* inserting a base before a lone mark: the cursor moves past the new cluster */
	le_set(&le, ACUTE "x");
	le_home(&le);
	le_insert_cp(&le, 'e');
	assert_string_equal(le_text(&le), "e" ACUTE "x");
	assert_int_equal(le.cur, 3);

	/* deleting what stood between e and a mark joins them; the cursor is never inside */
	le_set(&le, "eX" ACUTE);
	le_home(&le);
	le_right(&le);
	le_delete(&le);                                        /* X + accent is one cluster */
	assert_string_equal(le_text(&le), "e");
	le_set(&le, "eX" ACUTE);
	le_home(&le);
	le_right(&le);
	assert_int_equal(le.cur, 1);
	le_free(&le);
}

static void test_limit(void **state)
{
	struct lineedit le;
	(void)state;
	le_init(&le, 5);
	assert_int_equal(le_insert(&le, "张晓红"), 0);
	/* an IME burst that does not fit: what fits goes in, -1 so the UI can say so */
	assert_int_equal(le_insert(&le, "朝阳区"), -1);
	assert_string_equal(le_text(&le), "张晓红朝阳");
	assert_int_equal(text_chars(le_text(&le)), 5);
	assert_int_equal(le_insert_cp(&le, 'a'), -1);
	assert_string_equal(le_text(&le), "张晓红朝阳");
	le_backspace(&le);
	assert_int_equal(le_insert_cp(&le, 0x533A), 0);        /* 区 */
	assert_string_equal(le_text(&le), "张晓红朝区");
	le_free(&le);

	/* the field's limit from the resident table: 地址 60 characters */
	le_init(&le, 20);
	le_set(&le, "北京市朝阳区建国路八十八");            /* 12 */
	le_home(&le);
	assert_int_equal(le_insert(&le, "朝阳区人民医院附近的"), -1);
	assert_int_equal(text_chars(le_text(&le)), 20);
	assert_string_equal(le_text(&le), "朝阳区人民医院附北京市朝阳区建国路八十八");
	assert_int_equal(le.cur, 24);
	le_free(&le);

	/* a limit never cuts a cluster: e + accent is two characters */
	le_init(&le, 2);
	assert_int_equal(le_insert(&le, "ae" ACUTE), -1);
	assert_string_equal(le_text(&le), "a");
	le_free(&le);

	/* a stored value longer than the limit is shown whole, never cut silently */
	le_init(&le, 2);
	le_set(&le, "张晓红");
	assert_string_equal(le_text(&le), "张晓红");
	assert_int_equal(le_insert_cp(&le, 'x'), -1);
	le_free(&le);
}

static void test_controls(void **state)
{
	struct lineedit le;
	(void)state;
	le_init(&le, 0);
	assert_int_equal(le_insert_cp(&le, 0x07), -2);
	assert_int_equal(le_insert_cp(&le, '\t'), -2);
	assert_int_equal(le_insert_cp(&le, 0x9B), -2);        /* C1 CSI */
	assert_int_equal(le_insert_cp(&le, 0xD800), -2);      /* a surrogate is no character */
	assert_int_equal(le_insert_cp(&le, 0x110000), -2);
	assert_string_equal(le_text(&le), "");
	/* pasted text: tabs and line breaks become one space, other controls go */
	assert_int_equal(le_insert(&le, "张\t三\r\n男\x1b"), 0);
	assert_string_equal(le_text(&le), "张 三 男");
	le_set(&le, "a\x80" "b\x01");
	assert_string_equal(le_text(&le), "a\xEF\xBF\xBD" "b");
	le_set(&le, NULL);
	assert_string_equal(le_text(&le), "");
	assert_int_equal(le_insert(&le, ""), 0);
	assert_int_equal(le_insert(&le, NULL), 0);
	le_free(&le);
}

static void test_moves_and_kills(void **state)
{
	struct lineedit le;
	(void)state;
	le_init(&le, 0);
	le_set(&le, "朝阳区人民医院");
	le_home(&le);
	le_left(&le);
	assert_int_equal(le.cur, 0);
	for (int i = 0; i < 3; i++)
		le_right(&le);
	assert_int_equal(le.cur, 9);
	le_kill_to_end(&le);
	assert_string_equal(le_text(&le), "朝阳区");
	assert_int_equal(le.cur, 9);
	le_right(&le);
	assert_int_equal(le.cur, 9);
	le_set(&le, "朝阳区人民医院");
	le_left(&le);
	le_left(&le);
	le_kill_to_start(&le);
	assert_string_equal(le_text(&le), "医院");
	assert_int_equal(le.cur, 0);
	le_end(&le);
	assert_int_equal(le.cur, 6);
	le_free(&le);

	le_init(&le, 0);                                       /* nothing allocated yet */
	le_kill_to_end(&le);
	le_kill_to_start(&le);
	le_backspace(&le);
	le_delete(&le);
	le_left(&le);
	le_right(&le);
	assert_string_equal(le_text(&le), "");
	le_free(&le);
}

/* ---- the view ------------------------------------------------------------------------------- */

static int on_boundary(const char *s, size_t off)
{
	size_t len = strlen(s), b = 0;

	while (b < off)
		b = text_next_grapheme(s, len, b);
	return b == off;
}

/* Everything tui/widget/field.c relies on when it draws v. */
static void check_view(const struct lineedit *le, int width, const struct lineedit_view *v)
{
	const char *s = le_text(le);
	int usable = width - v->more_left - v->more_right;
	int slice = text_width_n(s + v->off, v->len);

	if (width < 4)                                          /* no room for markers */
		assert_true(!v->more_left && !v->more_right);
	else {
		assert_int_equal(v->more_left, v->off > 0);
		assert_int_equal(v->more_right, v->off + v->len < le->len);
	}
	assert_true(on_boundary(s, v->off));
	assert_true(on_boundary(s, v->off + v->len));
	assert_true(v->off + v->len <= le->len);
	assert_true(v->pad >= 0);
	assert_int_equal(slice + v->pad, usable);
	if (v->more_right)
		assert_true(v->pad <= 1);                       /* only a wide char that did not fit */
	/* the cursor: on the first column of its cluster, inside the field, never on a marker */
	assert_true(v->off <= le->cur && le->cur <= v->off + v->len);
	assert_int_equal(v->cursor_col, v->more_left + text_width_n(s + v->off, le->cur - v->off));
	assert_true(v->cursor_col >= v->more_left);
	assert_true(v->cursor_col < width - v->more_right);
	if (le->cur < le->len) {
		size_t end = text_next_grapheme(s, le->len, le->cur);
		assert_true(end <= v->off + v->len);            /* the whole character shows */
	} else {
		assert_int_equal(v->off + v->len, le->len);     /* a free column after the text */
		assert_true(v->cursor_col < v->more_left + usable);
	}
}

static void test_view_fits(void **state)
{
	struct lineedit le;
	struct lineedit_view v;
	(void)state;
	le_init(&le, 0);
	le_set(&le, "张三");
	le_view(&le, 10, &v);
	assert_int_equal(v.off, 0);
	assert_int_equal(v.len, 6);
	assert_int_equal(v.pad, 6);
	assert_int_equal(v.cursor_col, 4);
	assert_false(v.more_left || v.more_right);

	/* exactly full: fits with the cursor on a character, scrolls for the cursor at the end */
	le_set(&le, "张三李四王");
	le_home(&le);
	le_view(&le, 10, &v);
	assert_int_equal(v.len, 15);
	assert_int_equal(v.pad, 0);
	assert_false(v.more_left || v.more_right);
	le_end(&le);
	le_view(&le, 10, &v);
	assert_true(v.more_left);
	check_view(&le, 10, &v);

	/* the cursor on a zero-width cluster (a lone jamo vowel) still needs a column of its own */
	le_set(&le, "张三李四王\xE1\x85\xA1");
	le_left(&le);
	le_view(&le, 10, &v);
	assert_true(v.cursor_col < 10);
	check_view(&le, 10, &v);

	le_set(&le, "");
	le_view(&le, 2, &v);
	assert_int_equal(v.len, 0);
	assert_int_equal(v.pad, 2);
	assert_int_equal(v.cursor_col, 0);
	le_free(&le);
}

static void test_view_scrolls(void **state)
{
	struct lineedit le;
	struct lineedit_view v;
	(void)state;
	le_init(&le, 0);
	le_set(&le, "朝阳区人民医院");                   /* 14 columns in a 10-column field */
	le_view(&le, 10, &v);
	/* entering the field shows as much as fits before the cursor: "<人民医院" and the cursor */
	assert_int_equal(v.off, 9);
	assert_int_equal(v.len, 12);
	assert_true(v.more_left);
	assert_false(v.more_right);
	assert_int_equal(v.cursor_col, 9);
	assert_int_equal(v.pad, 1);
	/* moving inside the view does not scroll it */
	le_left(&le);
	le_left(&le);
	le_left(&le);
	le_view(&le, 10, &v);
	assert_int_equal(v.off, 9);
	assert_int_equal(v.cursor_col, 3);                    /* on 民 */
	/* one step past the left edge: the view jumps to put the cursor near the middle */
	le_left(&le);
	le_left(&le);
	le_view(&le, 10, &v);
	assert_int_equal(v.off, 0);                           /* 区 is at column 4 < 10/2 */
	assert_int_equal(v.cursor_col, 4);
	assert_true(v.more_right);
	check_view(&le, 10, &v);
	le_home(&le);
	le_view(&le, 10, &v);
	assert_int_equal(v.off, 0);
	assert_false(v.more_left);
	assert_true(v.more_right);
	assert_int_equal(v.len, 12);                          /* 朝阳区人 + pad 1 + '>' */
	assert_int_equal(v.pad, 1);
	check_view(&le, 10, &v);
	/* typing at the end after a jump leaves room: the cursor lands near the middle */
	le_end(&le);
	le_view(&le, 10, &v);
	le_insert(&le, "东");
	le_view(&le, 10, &v);
	assert_int_equal(v.cursor_col, 5);                    /* "<院东" then room to type */
	assert_int_equal(v.off, 18);
	check_view(&le, 10, &v);
	le_free(&le);
}

/* Property: a 20-character Chinese string (40 columns) in fields 2 to 12 wide, the cursor at every
 * position, reached both by jumping there and by walking from either end (the view keeps state). */
static void test_view_every_cursor(void **state)
{
	static const char *const texts[] = {
		LONG20,
		"ab张三c" ACUTE "ＤＥ12朝阳区x人民医院y",
		"一二三四五六七八九十",
	};
	struct lineedit le;
	struct lineedit_view v;
	int checked = 0;
	(void)state;
	le_init(&le, 0);
	for (size_t t = 0; t < ARRAY_LEN(texts); t++) {
		for (int width = 2; width <= 12; width++) {
			size_t n;
			le_set(&le, texts[t]);
			/* walk from the end to the start */
			for (;;) {
				le_view(&le, width, &v);
				check_view(&le, width, &v);
				checked++;
				if (le.cur == 0)
					break;
				le_left(&le);
			}
			/* and back */
			while (le.cur < le.len) {
				le_right(&le);
				le_view(&le, width, &v);
				check_view(&le, width, &v);
				checked++;
			}
			/* every position afresh, after a view at the far end */
			n = text_chars(texts[t]);
			for (size_t k = 0; k <= n; k++) {
				le_set(&le, texts[t]);
				le_view(&le, width, &v);
				le_home(&le);
				for (size_t j = 0; j < k; j++)
					le_right(&le);
				le_view(&le, width, &v);
				check_view(&le, width, &v);
				checked++;
			}
		}
	}
	assert_true(checked > 1000);
	le_free(&le);
}

/* Typing a long address into a narrow field: the cursor is always shown, and the view jumps by
 * about half its width instead of at every key (fewer bytes over a slow SSH link). */
static void test_view_typing(void **state)
{
	static const uint32_t cps[] = {
		0x5317, 0x4EAC, 0x5E02, 0x671D, 0x9633, 0x533A, 0x5EFA, 0x56FD, 0x8DEF, 0x516B,
		0x5341, 0x516B, 0x53F7, 'A', 0x5EA7, '1', '2', '0', '3', 0x5BA4,
	};
	struct lineedit le;
	struct lineedit_view v;
	size_t last_off = 0;
	int jumps = 0;
	(void)state;
	le_init(&le, 60);
	for (size_t i = 0; i < ARRAY_LEN(cps); i++) {
		assert_int_equal(le_insert_cp(&le, cps[i]), 0);
		le_view(&le, 12, &v);
		check_view(&le, 12, &v);
		if (v.off != last_off)
			jumps++;
		last_off = v.off;
	}
	assert_true(jumps > 0 && jumps <= 7);
	le_free(&le);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_middle),
		cmocka_unit_test(test_backspace_delete_cjk),
		cmocka_unit_test(test_combining_cluster),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_moves_and_kills),
		cmocka_unit_test(test_view_fits),
		cmocka_unit_test(test_view_scrolls),
		cmocka_unit_test(test_view_every_cursor),
		cmocka_unit_test(test_view_typing),
	};
	test_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
