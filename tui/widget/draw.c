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

/* The F-keys of this screen, in mc's manner: the key, then its label on a coloured field. */
void ui_bar(struct ui *ui, const struct screen *s)
{
	const struct key_row *rows[16];
	int n = 0, y = ui->lines - 1, width = ui->cols - 1;

	for (int i = 0; i < key_nrows && n < (int)ARRAY_LEN(rows); i++)
		if (key_rows[i].bar && acts_has(s->ops->acts, key_rows[i].act))
			rows[n++] = &key_rows[i];
	ui_fill(ui, y, 0, width, ST_NORMAL);
	if (!n)
		return;
	int slot = width / n, x = 0;
	for (int i = 0; i < n; i++) {
		const char *k = keys_label(rows[i]->key);
		int kw = ui_put(ui, y, x, (int)strlen(k), k, ST_BAR_KEY);
		int lw = slot - kw - 1;
		if (lw > 0)
			ui_put(ui, y, x + kw, lw, _(rows[i]->label), ST_BAR_LABEL);
		x += slot;
	}
}

void ui_status(struct ui *ui)
{
	ui_put(ui, ui->lines - 2, 0, ui->cols, ui->msg, ui->msg[0] ? ui->msg_style : ST_NORMAL);
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
