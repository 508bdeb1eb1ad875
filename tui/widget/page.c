/* tui/widget/page.c: a page of lines to read — a record with what belongs to it, or a change history —
 * built once (on entry, after a change, on a new width) and then only scrolled. Headings are
 * sections: Tab and Shift-Tab jump between them, so a worker reaches "Change history" on a long
 * record without paging. The owner decides what the lines say; this file keeps, scrolls and draws
 * them, the same way on every page. */
#include <stdlib.h>

#include <curses.h>

#include "tui.h"

void page_clear(struct page *p, int w)
{
	for (int i = 0; i < p->n; i++)
		free(p->lines[i].text);
	p->n = 0;
	p->w = w;
}

void page_free(struct page *p)
{
	page_clear(p, 0);
	FREE(&p->lines);
	p->cap = 0;
}

void page_line(struct page *p, int style, int section, const char *text)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->lines = xrealloc(p->lines, sizeof *p->lines * (size_t)p->cap);
	}
	p->lines[p->n++] = (struct page_line){ xstrdup(text), style, section };
}

void page_wrapped(struct page *p, int indent, int style, const char *text)
{
	char *lines[32];
	int n = ui_wrap(text, p->w - indent, lines, 32);
	for (int i = 0; i < n; i++) {
		char *t = xasprintf("%*s%s", i ? indent : 0, "", lines[i]);
		page_line(p, style, 0, t);
		free(t);
		free(lines[i]);
	}
	if (n == 0)
		page_line(p, style, 0, "");
}

void page_section(struct page *p, const char *title)
{
	page_line(p, ST_NORMAL, 0, "");
	page_line(p, ST_SECTION, 1, title);
}

/* Labels padded to the longest so the values line up; two columns from 110 wide (a record's
 * twenty-odd fields then fit one screen). */
void page_fields(struct page *p, const struct field_def *defs, int n, char *(*value)(void *arg, int f),
                 void *arg)
{
	int lw = 0, w = p->w;
	for (int f = 0; f < n; f++)
		if (text_width(defs[f].label) > lw)
			lw = text_width(defs[f].label);
	int two = w >= 110, colw = two ? (w - 2) / 2 : w;
	for (int f = 0; f < n; f += two ? 2 : 1) {
		struct jy_buf b = { 0 };
		for (int k = 0; k < (two ? 2 : 1) && f + k < n; k++) {
			char *v = value(arg, f + k);
			char *pad = text_fit_pad(defs[f + k].label, lw);
			char *cell = xasprintf("%s  %s", pad, *v ? v : "-");
			if (two && k == 0) {
				char *c2 = text_fit_pad(cell, colw);
				buf_adds(&b, c2);
				free(c2);
			} else {
				buf_adds(&b, cell);
			}
			free(cell);
			free(pad);
			free(v);
		}
		page_wrapped(p, lw + 2, ST_NORMAL, b.s);
		buf_free(&b);
	}
}

void page_change(struct page *p, const char *label, int had, const char *was, const char *now)
{
	char *t = had ? xasprintf("    %s: %s -> %s", label, was, now) : xasprintf("    %s: %s", label, now);
	page_wrapped(p, 6, ST_NORMAL, t);
	free(t);
}

/* Rows between the title and the status line. */
static int page_rows(const struct ui *ui)
{
	return ui->lines - 3;
}

void page_draw(struct ui *ui, struct page *p)
{
	int h = page_rows(ui);
	if (p->top > p->n - h)
		p->top = p->n - h;
	if (p->top < 0)
		p->top = 0;
	for (int i = 0; i < h && p->top + i < p->n; i++) {
		const struct page_line *l = &p->lines[p->top + i];
		ui_put(ui, 1 + i, 1, ui->cols - 2, l->text, l->style);
	}
	if (p->top > 0)
		ui_put(ui, 1, ui->cols - 3, 3, "^^^", ST_MARK);
	if (p->top + h < p->n)
		ui_put(ui, h, ui->cols - 3, 3, "vvv", ST_MARK);
}

static void page_next_section(struct page *p)
{
	for (int i = p->top + 1; i < p->n; i++)
		if (p->lines[i].section) {
			p->top = i;
			return;
		}
}

static void page_prev_section(struct page *p)
{
	int t = 0;
	for (int i = p->top - 1; i >= 0; i--)
		if (p->lines[i].section) {
			t = i;
			break;
		}
	p->top = t;
}

/* top may run past the end here: page_draw pulls it back once it knows the height. */
int page_key(struct ui *ui, struct page *p, const struct ui_event *ev)
{
	int h = page_rows(ui);
	switch (ev->act) {
	case ACT_NEXT:
		if (ev->key == '\t')
			page_next_section(p);
		else
			p->top++;
		return SK_HANDLED;
	case ACT_PREV:
		if (ev->key == K_FN(KEY_BTAB))
			page_prev_section(p);
		else if (p->top > 0)
			p->top--;
		return SK_HANDLED;
	case ACT_PGDN:
		p->top += h - 1;
		return SK_HANDLED;
	case ACT_PGUP:
		p->top = p->top > h - 1 ? p->top - (h - 1) : 0;
		return SK_HANDLED;
	case ACT_HOME:
		p->top = 0;
		return SK_HANDLED;
	case ACT_END:
		p->top = p->n;
		return SK_HANDLED;
	default:
		return 0;
	}
}
