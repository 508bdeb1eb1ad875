/* core/base/lineedit.c: the one-line field editing model that tui/widget/field.c draws.
 *
 * A UTF-8 buffer and a cursor that is always on a grapheme cluster boundary, so 张, é (e + U+0301)
 * or a full-width Ａ is one step for the arrow keys and one deletion (the
 * shape of neomutt's editor/ and calcurse's getstring.c). Widths come from text.c, the policy
 * ncurses uses, so the cursor column computed here is where ncurses puts the cursor.
 *
 * No libform: on Debian 12 it drew a CJK character past the field edge and read ^@ back into the
 * buffer. */
#include <string.h>

#include <unistr.h>

#include "base/base.h"

/* Below this width there is no room for both scroll markers and a wide character under the
 * cursor ('<' + 张 + '>' takes 4 columns), so narrower fields scroll without markers. */
#define LE_MARKER_MIN_WIDTH 4

void le_init(struct lineedit *le, size_t max_chars)
{
	memset(le, 0, sizeof *le);
	le->max_chars = max_chars;
}

void le_free(struct lineedit *le)
{
	FREE(&le->buf);
	le->len = le->cap = le->cur = 0;
	le->scroll = 0;
}

const char *le_text(const struct lineedit *le)
{
	return le->buf ? le->buf : "";
}

static void le_reserve(struct lineedit *le, size_t extra)
{
	size_t need = le->len + extra + 1;

	if (need <= le->cap)
		return;
	if (!le->buf)
		le->len = le->cur = 0;
	le->cap = le->cap ? le->cap : 32;
	while (le->cap < need)
		le->cap *= 2;
	le->buf = xrealloc(le->buf, le->cap);
	le->buf[le->len] = '\0';       /* a fresh buffer has its terminator too */
}

/* Put the cursor back on a cluster boundary after an edit joined clusters (typing a combining mark
 * after e, or deleting what stood between e and a mark): it moves to the end of the cluster it
 * landed in. */
static void le_fix_cursor(struct lineedit *le)
{
	size_t q = le->cur ? text_prev_grapheme(le->buf, le->len, le->cur) : 0;

	while (q < le->cur)
		q = text_next_grapheme(le->buf, le->len, q);
	le->cur = q;
}

static void le_remove(struct lineedit *le, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(le->buf + from, le->buf + to, le->len - to + 1);
	le->len -= to - from;
	if (le->cur >= to)
		le->cur -= to - from;
	else if (le->cur > from)
		le->cur = from;
	le_fix_cursor(le);
}

static int le_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

/* What may enter the buffer: valid UTF-8 without controls. Tabs and line breaks in pasted text
 * (a spreadsheet row copied from Excel) become one space per run; other controls are dropped;
 * invalid bytes become U+FFFD, so the buffer is always valid UTF-8. */
static void le_sanitize(struct jy_buf *b, const char *s)
{
	size_t len = strlen(s), off = 0;
	int in_sep = 0;

	buf_adds(b, "");
	while (off < len) {
		ucs4_t cp;
		int n = u8_mbtoucr(&cp, (const uint8_t *)s + off, len - off);
		if (n <= 0) {
			buf_add(b, "\xEF\xBF\xBD", 3);
			off++;
			in_sep = 0;
			continue;
		}
		if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C ||
		    cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
			if (!in_sep)
				buf_add(b, " ", 1);
			in_sep = 1;
		} else {
			if (!le_is_control(cp))
				buf_add(b, s + off, (size_t)n);
			in_sep = 0;
		}
		off += (size_t)n;
	}
}

void le_set(struct lineedit *le, const char *s)
{
	struct jy_buf b = { 0 };

	le_sanitize(&b, s ? s : "");
	FREE(&le->buf);
	le->len = b.len;
	le->cap = b.cap;
	le->buf = buf_steal(&b);
	le->cur = le->len;
	le->scroll = -1;        /* show as much as fits before the cursor (le_view) */
}

/* Insert n bytes of clean UTF-8 at the cursor, whole clusters only, as many as max_chars allows. */
static int le_insert_clean(struct lineedit *le, const char *s, size_t n)
{
	size_t have = text_chars(le_text(le)), take = 0;
	int rc = 0;

	if (le->max_chars) {
		while (take < n) {
			size_t end = text_next_grapheme(s, n, take);
			size_t add = 0, k;
			for (k = take; k < end; k += (size_t)u8_mblen((const uint8_t *)s + k, end - k))
				add++;
			if (have + add > le->max_chars) {
				rc = -1;
				break;
			}
			have += add;
			take = end;
		}
	} else {
		take = n;
	}
	if (take == 0)
		return rc;
	le_reserve(le, take);
	memmove(le->buf + le->cur + take, le->buf + le->cur, le->len - le->cur + 1);
	memcpy(le->buf + le->cur, s, take);
	le->len += take;
	le->cur += take;
	le_fix_cursor(le);
	return rc;
}

int le_insert(struct lineedit *le, const char *utf8)
{
	struct jy_buf b = { 0 };
	int rc;

	if (!utf8 || !*utf8)
		return 0;
	le_sanitize(&b, utf8);
	rc = le_insert_clean(le, b.s, b.len);
	buf_free(&b);
	return rc;
}

int le_insert_cp(struct lineedit *le, uint32_t cp)
{
	uint8_t u[6];
	int n;

	if (le_is_control(cp) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -2;
	n = u8_uctomb(u, cp, sizeof u);
	if (n <= 0)
		return -2;
	return le_insert_clean(le, (const char *)u, (size_t)n);
}

void le_backspace(struct lineedit *le)
{
	if (le->cur > 0)
		le_remove(le, text_prev_grapheme(le->buf, le->len, le->cur), le->cur);
}

void le_delete(struct lineedit *le)
{
	if (le->cur < le->len)
		le_remove(le, le->cur, text_next_grapheme(le->buf, le->len, le->cur));
}

void le_left(struct lineedit *le)
{
	if (le->cur > 0)
		le->cur = text_prev_grapheme(le->buf, le->len, le->cur);
}

void le_right(struct lineedit *le)
{
	if (le->cur < le->len)
		le->cur = text_next_grapheme(le->buf, le->len, le->cur);
}

void le_home(struct lineedit *le)
{
	le->cur = 0;
}

void le_end(struct lineedit *le)
{
	le->cur = le->len;
	le->scroll = -1;
}

void le_kill_to_end(struct lineedit *le)
{
	if (le->buf) {
		le->len = le->cur;
		le->buf[le->len] = '\0';
	}
}

void le_kill_to_start(struct lineedit *le)
{
	if (le->cur > 0)
		le_remove(le, 0, le->cur);
}

/* ---- the view ---------------------------------------------------------------------------------
 * Layout of a field width columns wide:
 *   ['<'] visible bytes, then pad spaces ['>']
 * A marker takes a column of its own (never drawn over half of a wide character); the visible
 * slice starts and ends on cluster boundaries, and a wide character that does not fit at the
 * right is replaced by padding. The cursor sits on the first column of its cluster, or, at the end
 * of the text, on a free column after it. */

struct le_geom {
	const char *s;
	size_t len, cur;
	int width, markers;
	int cur_x, total;       /* cursor column and width of the whole text, in text columns */
};

/* Lay out the slice starting at boundary start; 1 when the cursor is visible in it. */
static int le_layout(const struct le_geom *g, size_t start, struct lineedit_view *v)
{
	int xs = text_width_n(g->s, start);
	int avail, used, at_end = g->cur == g->len;

	v->off = start;
	v->more_left = g->markers && start > 0;
	v->more_right = 0;
	avail = g->width - v->more_left;
	if (g->total - xs + at_end <= avail) {
		v->len = g->len - start;
		used = g->total - xs;
	} else {
		v->more_right = g->markers;
		avail -= v->more_right;
		v->len = text_fit(g->s + start, avail, &used);
	}
	if (avail < 0)
		avail = 0;
	v->pad = avail - used > 0 ? avail - used : 0;
	v->cursor_col = v->more_left + g->cur_x - xs;
	if (g->cur < start)
		return 0;
	/* the cursor needs a column of its own even on a zero-width cluster (a lone combining mark) */
	if (g->cur_x - xs >= avail)
		return 0;
	return at_end ? start + v->len == g->len : g->cur < start + v->len;
}

/* The cluster boundary at text column col: the first one at or after it (round_up), or the
 * last one at or before it. */
static size_t le_boundary_at(const char *s, size_t len, int col, int round_up)
{
	size_t off = 0;
	int x = 0;

	while (off < len && x < col) {
		size_t end = text_next_grapheme(s, len, off);
		int w = text_width_n(s + off, end - off);
		if (!round_up && x + w > col)
			break;
		x += w;
		off = end;
	}
	return off;
}

/* The first start at or after from that shows the cursor; the cursor's own cluster always does
 * when the field is at least 2 columns wide (markers need 4). */
static size_t le_first_visible(const struct le_geom *g, size_t from, struct lineedit_view *v)
{
	size_t start = from > g->cur ? g->cur : from;

	while (start < g->cur && !le_layout(g, start, v))
		start = text_next_grapheme(g->s, g->len, start);
	return start;
}

/* Scrolling follows neomutt's editor: the view stays put while the cursor is inside it, and jumps
 * to put the cursor near the middle when it leaves, so typing at the end of a long field scrolls
 * once every half width rather than at every key (fewer bytes on a slow SSH link). After
 * le_set() and le_end() (scroll < 0) the view instead shows as much text as fits before the
 * cursor: entering a field with a long address shows the end of it, not half a field of blanks. */
void le_view(struct lineedit *le, int width, struct lineedit_view *v)
{
	struct le_geom g;
	size_t start;

	memset(v, 0, sizeof *v);
	if (width <= 0)
		return;
	g.s = le_text(le);
	g.len = le->len;
	g.cur = le->cur;
	g.width = width;
	g.markers = width >= LE_MARKER_MIN_WIDTH;
	g.cur_x = text_width_n(g.s, g.cur);
	g.total = text_width_n(g.s, g.len);

	if (g.total <= width && g.cur_x < width)
		start = 0;      /* everything fits: no scrolling, whatever was stored */
	else if (le->scroll < 0)
		start = le_first_visible(&g, le_boundary_at(g.s, g.len, g.cur_x + 1 - width, 1), v);
	else {
		start = le_boundary_at(g.s, g.len, le->scroll, 1);
		if (!le_layout(&g, start, v))
			start = le_first_visible(&g, le_boundary_at(g.s, g.len,
			                         g.cur_x - width / 2 + g.markers, 0), v);
	}
	le_layout(&g, start, v);
	le->scroll = text_width_n(g.s, start);
}
