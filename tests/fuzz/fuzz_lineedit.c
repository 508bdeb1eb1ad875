/* tests/fuzz/fuzz_lineedit.c: the field editor (core/base/lineedit.c) driven by a byte stream of
 * editing operations, as a worker's keys and an input method's bursts drive it.
 *
 * Input: byte 0 the field's max_chars (0: no limit), byte 1 its width on screen; then operations,
 * one byte each, some followed by their argument:
 *   0 insert text: a length byte L (0-15), then L raw bytes (may be invalid UTF-8, controls, a
 *     combining mark on its own: what a paste or an IME may deliver)
 *   1 insert one code point: 3 bytes (any value up to 0xFFFFFF, so surrogates and out-of-range)
 *   2 backspace  3 delete  4 left  5 right  6 home  7 end  8 kill to end  9 kill to start
 *   10 set the whole text: a length byte, then that many bytes (a stored value, not cut)
 *   11 a new width: one byte
 * After every operation the promises of base/base.h are checked: the buffer is valid UTF-8 without
 * controls and NUL-terminated at len, the cursor is on a grapheme boundary, the text stays
 * within max_chars (or within what le_set stored, which is never cut), and le_view's layout adds
 * up (more_left + slice columns + pad + more_right == width, markers only from width 4, the slice
 * on cluster boundaries, the cursor's cluster inside it and its column where the text puts it). */
#include <unistr.h>

#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_locale();
	return 0;
}

/* Is off a cluster boundary of s? Boundaries are those text_next_grapheme reaches from 0. */
static int is_boundary(const char *s, size_t len, size_t off)
{
	size_t p = 0;
	while (p < off) {
		size_t q = text_next_grapheme(s, len, p);
		FUZZ_CHECK(q > p && q <= len, "text_next_grapheme moves forward inside the text");
		p = q;
	}
	return p == off;
}

static void check_text(const struct lineedit *le, size_t limit)
{
	const char *s = le_text(le);
	FUZZ_CHECK(strlen(s) == le->len, "NUL-terminated at len");
	FUZZ_CHECK(le->len == 0 || le->cap > le->len, "len inside the allocation");
	FUZZ_CHECK(text_valid_utf8(s, le->len), "the buffer is valid UTF-8");
	for (size_t off = 0; off < le->len;) {
		ucs4_t cp;
		int n = u8_mbtouc(&cp, (const uint8_t *)s + off, le->len - off);
		FUZZ_CHECK(!(cp < 0x20 || (cp >= 0x7F && cp < 0xA0)), "no controls in the buffer");
		off += (size_t)n;
	}
	FUZZ_CHECK(le->cur <= le->len, "cursor inside the text");
	FUZZ_CHECK(is_boundary(s, le->len, le->cur), "cursor on a grapheme boundary");
	if (limit)
		FUZZ_CHECK(text_chars(s) <= limit, "within max_chars");
}

static void check_view(struct lineedit *le, int width)
{
	struct lineedit_view v;
	le_view(le, width, &v);
	const char *s = le_text(le);
	FUZZ_CHECK(v.off <= le->len && v.len <= le->len - v.off, "the slice is inside the text");
	FUZZ_CHECK(is_boundary(s, le->len, v.off), "the slice starts on a cluster boundary");
	FUZZ_CHECK(is_boundary(s, le->len, v.off + v.len), "the slice ends on a cluster boundary");
	FUZZ_CHECK(v.pad >= 0, "pad is not negative");
	if (width < 4)
		FUZZ_CHECK(!v.more_left && !v.more_right, "markers only from width 4");
	FUZZ_CHECK(v.more_left == (v.off > 0 && width >= 4), "'<' exactly when text is hidden on the left");
	FUZZ_CHECK(v.more_right == (v.off + v.len < le->len && width >= 4),
	           "'>' exactly when text is hidden on the right");
	int cols = text_width_n(s + v.off, v.len);
	FUZZ_CHECK(v.more_left + cols + v.pad + v.more_right == width, "the view fills the width exactly");
	FUZZ_CHECK(le->cur >= v.off && le->cur <= v.off + v.len, "the cursor is in the slice");
	/* A single cluster can be wider than the field: Hangul jamo join without limit (ᄀᄀ각 is one
	 * cluster four columns wide) and an emoji ZWJ family is three wide characters. Such a cluster
	 * cannot be shown and the view is left blank at the cursor; any cluster that fits must be. */
	if (le->cur < le->len) {
		size_t end = text_next_grapheme(s, le->len, le->cur);
		int cw = text_width_n(s + le->cur, end - le->cur);
		if (cw <= width - (width >= 4 ? 2 : 0))
			FUZZ_CHECK(le->cur < v.off + v.len, "the cluster under the cursor is shown");
	}
	FUZZ_CHECK(v.cursor_col == v.more_left + text_width_n(s + v.off, le->cur - v.off),
	           "the cursor column is where the text puts it");
	FUZZ_CHECK(v.cursor_col >= 0 && v.cursor_col < width, "the cursor is inside the field");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	size_t max = data[0] % 48;              /* the form's fields go up to 200; 0..47 finds edges */
	int width = 2 + data[1] % 60;
	size_t limit = max;                     /* what the text may hold: max, or what le_set stored */
	struct lineedit le;
	le_init(&le, max);
	check_text(&le, limit);
	check_view(&le, width);
	for (size_t i = 2; i < size;) {
		int op = data[i++] % 12;
		char buf[256];
		size_t n;
		uint32_t cp;
		switch (op) {
		case 0:
		case 10:
			n = i < size ? data[i++] % (op == 0 ? 16 : 128) : 0;
			if (n > size - i)
				n = size - i;
			memcpy(buf, data + i, n);
			buf[n] = '\0';
			i += n;
			if (op == 0) {
				le_insert(&le, buf);
			} else {
				le_set(&le, buf);
				size_t had = text_chars(le_text(&le));
				limit = max && had > max ? had : max;
				FUZZ_CHECK(le.cur == le.len, "le_set puts the cursor at the end");
			}
			break;
		case 1:
			cp = 0;
			for (int k = 0; k < 3 && i < size; k++)
				cp = cp << 8 | data[i++];
			int rc = le_insert_cp(&le, cp);
			FUZZ_CHECK(rc == 0 || rc == -1 || rc == -2, "le_insert_cp returns 0, -1 or -2");
			if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
				FUZZ_CHECK(rc == -2, "controls and non-characters are refused");
			break;
		case 2: le_backspace(&le); break;
		case 3: le_delete(&le); break;
		case 4: le_left(&le); break;
		case 5: le_right(&le); break;
		case 6: le_home(&le); FUZZ_CHECK(le.cur == 0, "home is 0"); break;
		case 7: le_end(&le); FUZZ_CHECK(le.cur == le.len, "end is len"); break;
		case 8: le_kill_to_end(&le); FUZZ_CHECK(le.cur == le.len, "nothing after the cursor"); break;
		case 9: le_kill_to_start(&le); FUZZ_CHECK(le.cur == 0, "nothing before the cursor"); break;
		case 11:
			if (i < size)
				width = 2 + data[i++] % 60;
			break;
		}
		check_text(&le, limit);
		check_view(&le, width);
	}
	le_free(&le);
	return 0;
}
