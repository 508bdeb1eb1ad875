/* tui/widget/draw.c: putting text on the screen. Everything goes through ui_put/ui_puts, which measure with
 * core's text_* (the wcwidth policy ncurses itself uses), so a Chinese
 * character is never cut at a column's edge and ncurses never wraps one onto the next line.
 * Chrome uses ASCII only: East Asian Ambiguous glyphs (box drawing, U+2026, ·) are one column here
 * and two on a terminal set to "CJK ambiguous wide". */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <curses.h>
#include <unistr.h>

#include "tui.h"
#include "keys.h"

/* s is drawable UTF-8 (from text_fit_pad): add it as wide characters at the cursor. Decoded as
 * UTF-8 whatever the locale: in a GBK or GB18030 locale ncursesw turns the wide characters into the
 * terminal's bytes by itself (glibc's wchar_t is Unicode in every locale). */
static void put_utf8(const char *s)
{
	wchar_t w[256];
	size_t k = 0, n = strlen(s);

	while (n > 0) {
		ucs4_t uc;
		int r = u8_mbtoucr(&uc, (const uint8_t *)s, n);
		w[k++] = r > 0 ? (wchar_t)uc : L'?';
		r = r > 0 ? r : 1;
		s += r;
		n -= (size_t)r;
		if (k == ARRAY_LEN(w)) {
			addnwstr(w, (int)k);
			k = 0;
		}
	}
	if (k)
		addnwstr(w, (int)k);
}

/* Columns available at y,x, never reaching the bottom-right cell (writing it scrolls some
 * terminals). */
static int ui_clip(struct ui *ui, int y, int x, int cols)
{
	if (y < 0 || y >= ui->lines || x < 0 || x >= ui->cols)
		return 0;
	int room = ui->cols - x - (y == ui->lines - 1);
	return cols < room ? cols : room;
}

int ui_put(struct ui *ui, int y, int x, int cols, const char *s, int style)
{
	cols = ui_clip(ui, y, x, cols);
	if (cols <= 0)
		return 0;
	char *p = text_fit_pad(s ? s : "", cols);
	attrset(term_attr(ui, style));
	move(y, x);
	put_utf8(p);
	free(p);
	int w = text_width(s ? s : "");
	return w < cols ? w : cols;
}

int ui_col(struct ui *ui, int y, int x, int w, const char *s, int style)
{
	ui_put(ui, y, x, w, s, style);
	return x + w + 1;
}

int ui_puts(struct ui *ui, int y, int x, int cols, const char *s, int style)
{
	int used;
	cols = ui_clip(ui, y, x, cols);
	if (cols <= 0 || !s || !*s)
		return 0;
	size_t n = text_fit(s, cols, &used);
	char *part = xstrndup(s, n);
	char *p = text_fit_pad(part, used);
	attrset(term_attr(ui, style));
	move(y, x);
	put_utf8(p);
	free(p);
	free(part);
	return used;
}

void ui_fill(struct ui *ui, int y, int x, int cols, int style)
{
	ui_put(ui, y, x, cols, "", style);
}

void ui_box(struct ui *ui, int y, int x, int h, int w, int style)
{
	char *line = xmalloc((size_t)w + 1);
	memset(line, '-', (size_t)w);
	line[0] = line[w - 1] = '+';
	line[w] = '\0';
	ui_put(ui, y, x, w, line, style);
	ui_put(ui, y + h - 1, x, w, line, style);
	memset(line, ' ', (size_t)w);
	line[0] = line[w - 1] = '|';
	for (int i = 1; i < h - 1; i++)
		ui_put(ui, y + i, x, w, line, style);
	free(line);
}

void ui_title(struct ui *ui, const char *where)
{
	const struct jy_actor *who = db_actor(ui->db);
	/* The program's full name on the menu; elsewhere the room goes to where the worker is. */
	char *left = where ? xasprintf(" jiuye > %s", where)
	                   : xasprintf(" jiuye  %s", _("Community employment ledger"));
	char *right = xasprintf("%s  %s ", who && who->name[0] ? who->name : (who ? who->os_user : ""),
	                        ui->today);
	int rw = text_width(right);
	if (rw > ui->cols / 3)
		rw = 0;
	ui_put(ui, 0, 0, ui->cols - rw, left, ST_TITLE);
	if (rw)
		ui_put(ui, 0, ui->cols - rw, rw, right, ST_TITLE);
	free(left);
	free(right);
}

static int acts_has(const int *acts, int act)
{
	if (act == ACT_HELP || act == ACT_QUIT)
		return 1;           /* every screen */
	for (; acts && *acts; acts++)
		if (*acts == act)
			return 1;
	return 0;
}

/* Where a key stands in the bar: F1 .. F12 in their order (a worker finds F7 between F5 and F12,
 * wherever its row is in the table), then the other keys in the table's order. */
static int bar_rank(const struct key_row *r)
{
	if (r->key >= K_FN(KEY_F(1)) && r->key <= K_FN(KEY_F(24)))
		return r->key - K_FN(KEY_F(0));
	return 100;
}

/* The F-keys of this screen, in mc's manner: the key, then its label on a coloured field. */
void ui_bar(struct ui *ui, const struct screen *s)
{
	const struct key_row *rows[16];
	int n = 0, y = ui->lines - 1, width = ui->cols - 1;

	for (int i = 0; i < key_nrows && n < (int)ARRAY_LEN(rows); i++) {
		if (!key_rows[i].bar || !acts_has(s->ops->acts, key_rows[i].act))
			continue;
		int j = n++;            /* insertion sort, stable: rows of one rank keep the table's order */
		for (; j > 0 && bar_rank(rows[j - 1]) > bar_rank(&key_rows[i]); j--)
			rows[j] = rows[j - 1];
		rows[j] = &key_rows[i];
	}
	ui_fill(ui, y, 0, width, ST_NORMAL);
	if (!n)
		return;
	/* Every key with its whole label when they fit, the room left shared out between them;
	 * else equal slots, the labels cut. */
	int need = 0;
	for (int i = 0; i < n; i++)
		need += (int)strlen(keys_label(rows[i]->key)) + text_width(_(rows[i]->label)) + 1;
	int fits = need <= width, spare = fits ? width - need : 0, slot = width / n, x = 0;
	for (int i = 0; i < n; i++) {
		const char *k = keys_label(rows[i]->key);
		const char *label = _(rows[i]->label);
		int kw = (int)strlen(k);
		int w = fits ? kw + text_width(label) + 1 + spare / n + (i < spare % n) : slot;
		ui_put(ui, y, x, kw, k, ST_BAR_KEY);
		int lw = w - kw - 1;
		if (lw > 0)
			ui_put(ui, y, x + kw, lw, label, ST_BAR_LABEL);
		x += w;
	}
}

void ui_status(struct ui *ui)
{
	ui_put(ui, ui->lines - 2, 0, ui->cols, ui->msg, ui->msg[0] ? ui->msg_style : ST_NORMAL);
}

/* A message longer than the status line, whole: wrapped onto up to three rows that end on the
 * status line, over what the screen drew there. A message is what a worker needs to go on (the
 * remedy comes last: "... format the column as text"), so it is never cut while it fits in three. */
void ui_status_text(struct ui *ui, const char *text, int style)
{
	char *lines[3];
	int n = ui_wrap(text, ui->cols, lines, 3);
	for (int i = 0; i < n; i++) {
		ui_put(ui, ui->lines - 1 - n + i, 0, ui->cols, lines[i], style);
		free(lines[i]);
	}
}

void ui_status_long(struct ui *ui)
{
	if (ui->msg[0] && text_width(ui->msg) > ui->cols)
		ui_status_text(ui, ui->msg, ui->msg_style);
}

/* Greedy: fill each line, break after the last space when there is one in the line (English and
 * mixed text), else at any character (Chinese has no spaces). */
int ui_wrap(const char *s, int cols, char **lines, int max)
{
	int n = 0;
	size_t len = strlen(s), off = 0;

	while (off < len && n < max) {
		size_t nl = strcspn(s + off, "\n");
		int used;
		size_t fit = text_fit(s + off, cols, &used);
		if (fit > nl)
			fit = nl;
		size_t cut = fit;
		/* At a space only when that leaves the line at least half full: Chinese runs have no
		 * spaces, and "lisi" alone on a line before one would look broken. */
		if (fit < nl && off + fit < len) {
			for (size_t i = fit; i > 0; i--)
				if (s[off + i - 1] == ' ') {
					if (text_width_n(s + off, i) >= cols / 2)
						cut = i;
					break;
				}
		}
		if (cut == 0 && fit == 0 && nl > 0)
			cut = text_next_grapheme(s, len, off) - off;   /* wider than the line: one char */
		lines[n++] = xstrndup(s + off, cut);
		off += cut;
		if (s[off] == '\n')
			off++;
		else
			while (s[off] == ' ')
				off++;
	}
	return n;
}

void ui_mask_id(const char *id, char out[19])
{
	mask_idno(id, out, 19);         /* core's one rule: first 6 and last 4 */
}

int ui_age(struct ui *ui, const char *birth)
{
	if (!birth || !*birth)
		return -1;
	return date_age(birth, ui->today);
}

int ui_widest_label(struct ui *ui, const char *list, int min)
{
	const struct ui_codes *c = ui_codes(ui, list);
	int w = min;
	for (int i = 0; c && i < c->cl.n; i++) {
		int lw = text_width(c->cl.items[i].label);
		if (lw > w)
			w = lw;
	}
	return w;
}

/* Without the 社区 (居委会 ...) that community names end in, so 幸福里社区 and 幸福村社区 stay
 * 幸福里 and 幸福村 where a cut would make both 幸福... */
const char *ui_unit_short(const char *name, int w, char *buf, size_t size)
{
	static const char *const suffixes[] = {
		"社区居民委员会", "社区居委会", "居民委员会", "居委会", "社区",
	};
	if (!name || text_width(name) <= w)
		return name;
	size_t n = strlen(name);
	for (size_t i = 0; i < ARRAY_LEN(suffixes); i++) {
		size_t k = strlen(suffixes[i]);
		if (n > k && strcmp(name + n - k, suffixes[i]) == 0) {
			snprintf(buf, size, "%.*s", (int)(n - k), name);
			return buf;
		}
	}
	return name;
}

void ui_group(long n, char out[32])
{
	char d[24];
	int len = snprintf(d, sizeof d, "%ld", n < 0 ? 0 : n), o = 0;
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = d[i];
	}
	out[o] = '\0';
}
