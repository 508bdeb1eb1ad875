/* tui/widget/dialog.c: questions, messages and the F1 help. A dialog is a screen like any other (drawn over
 * the one below), so the main loop stays the only place that waits for keys and updates the
 * terminal. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "keys.h"

#define DLG_LINES 16

struct dialog {
	struct screen s;
	char *title, *text;
	int confirm, def_yes;
	void (*cb)(struct ui *, void *, int);
	void *arg;
};

static const int dialog_acts[] = { ACT_YES, ACT_NO, ACT_BACK, 0 };

static void dialog_draw(struct ui *ui, struct screen *s)
{
	struct dialog *d = (struct dialog *)s;
	int w = ui->cols - 8 < 70 ? ui->cols - 8 : 70;
	char *lines[DLG_LINES];
	int n = ui_wrap(d->text, w - 4, lines, DLG_LINES);
	int h = n + 4 + (d->confirm || 1);
	int y = (ui->lines - h) / 2, x = (ui->cols - w) / 2;

	ui_box(ui, y, x, h, w, ST_DIALOG);
	char *t = xasprintf(" %s ", d->title);
	ui_puts(ui, y, x + 2, w - 4, t, ST_DIALOG_TITLE);
	free(t);
	for (int i = 0; i < n; i++) {
		ui_puts(ui, y + 2 + i, x + 2, w - 4, lines[i], ST_DIALOG);
		free(lines[i]);
	}
	int by = y + h - 2;
	if (d->confirm) {
		const char *yes = _("[Y] Yes"), *no = _("[N] No");
		int yw = text_width(yes), nw = text_width(no);
		int bx = x + (w - yw - nw - 4) / 2;
		ui_put(ui, by, bx, yw, yes, d->def_yes ? ST_SELECTED : ST_DIALOG);
		ui_put(ui, by, bx + yw + 4, nw, no, d->def_yes ? ST_DIALOG : ST_SELECTED);
	} else {
		const char *ok = _("Press any key");
		int ow = text_width(ok);
		ui_put(ui, by, x + (w - ow) / 2, ow, ok, ST_SELECTED);
	}
}

static int dialog_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct dialog *d = (struct dialog *)s;
	int answer = -1;

	if (ev->key == K_FN(KEY_RESIZE))
		return SK_HANDLED;
	if (!d->confirm) {
		if (d->cb)
			d->cb(ui, d->arg, 1);
		return SK_HANDLED | SK_POP;
	}
	/* 是/否 too: a worker whose input method is on types those, not y/n. */
	if (ev->act == ACT_YES || ev->key == 0x662F)
		answer = 1;
	else if (ev->act == ACT_NO || ev->act == ACT_BACK || ev->act == ACT_QUIT || ev->key == 0x5426 ||
	         ev->act == ACT_INTERRUPT)
		answer = 0;
	else if (ev->act == ACT_OPEN)
		answer = d->def_yes;
	else if (ev->act == ACT_LEFT || ev->act == ACT_RIGHT || ev->act == ACT_NEXT || ev->act == ACT_PREV)
		d->def_yes = !d->def_yes;
	if (answer < 0)
		return SK_HANDLED;
	/* The main loop takes the dialog off the stack after this, wherever the answer left it (the
	 * answer may push a screen or close the one below). */
	void (*cb)(struct ui *, void *, int) = d->cb;
	void *arg = d->arg;
	d->cb = NULL;
	if (cb)
		cb(ui, arg, answer);
	return SK_HANDLED | SK_POP;
}

static void dialog_leave(struct ui *ui, struct screen *s)
{
	struct dialog *d = (struct dialog *)s;
	(void)ui;
	free(d->title);
	free(d->text);
	free(d);
}

static const struct screen_ops dialog_ops = {
	.name = "dialog", .acts = dialog_acts,
	.draw = dialog_draw, .key = dialog_key, .leave = dialog_leave,
};

static void dialog_push(struct ui *ui, const char *title, const char *text, int confirm, int def_yes,
                        void (*cb)(struct ui *, void *, int), void *arg)
{
	struct dialog *d = xcalloc(1, sizeof *d);
	d->s.ops = &dialog_ops;
	d->s.overlay = 1;
	d->title = xstrdup(title);
	d->text = xstrdup(text);
	d->confirm = confirm;
	d->def_yes = def_yes;
	d->cb = cb;
	d->arg = arg;
	ui_push(ui, &d->s);
}

void dialog_confirm(struct ui *ui, const char *title, const char *text, int def_yes,
                    void (*cb)(struct ui *, void *arg, int yes), void *arg)
{
	dialog_push(ui, title, text, 1, def_yes, cb, arg);
}

void dialog_alert(struct ui *ui, const char *title, const char *text)
{
	dialog_push(ui, title, text, 0, 1, NULL, NULL);
}

/* ---- F1: the keys of the screen below, from the key table -------------------------------------- */

struct help {
	struct screen s;
	const int *acts;
	const char *name;
	int top;
	int nlines;
};

static const int help_acts[] = { ACT_BACK, ACT_PGUP, ACT_PGDN, 0 };

static int help_wanted(const struct help *h, int act)
{
	if (act == ACT_HELP || act == ACT_QUIT || act == ACT_REDRAW || act == ACT_INTERRUPT)
		return 1;
	for (const int *a = h->acts; a && *a; a++)
		if (*a == act)
			return 1;
	return 0;
}

/* Rows of keys on one page of the help: between the header and the status line. */
static int help_rows(const struct ui *ui)
{
	int rows = ui->lines - 4;
	return rows > 1 ? rows : 1;
}

/* Every key of the screen below, a page at a time: the header says which page of how many and
 * how to turn it, and a mark at the bottom says more follows (a worker who reads "back" on a
 * first page never finds what is on the second). */
static void help_draw(struct ui *ui, struct screen *s)
{
	struct help *h = (struct help *)s;
	int y = 2, rows = help_rows(ui), bottom = y + rows, kw = 18, line = 0;
	char keys[64];

	ui_title(ui, _("Help"));
	for (int i = 0; i < key_nrows; i++) {
		if (!help_wanted(h, key_rows[i].act))
			continue;
		key_row_text(&key_rows[i], keys, sizeof keys);
		char *wrapped[6];
		int n = ui_wrap(_(key_rows[i].help), ui->cols - kw - 3, wrapped, 6);
		for (int j = 0; j < n; j++) {
			if (line >= h->top && y < bottom) {
				if (j == 0)
					ui_put(ui, y, 1, kw, keys, ST_MARK);
				ui_puts(ui, y, kw + 2, ui->cols - kw - 3, wrapped[j], ST_NORMAL);
				y++;
			}
			line++;
			free(wrapped[j]);
		}
	}
	h->nlines = line;
	int pages = (line + rows - 1) / rows, page = h->top / rows + 1;
	char *head;
	if (pages > 1)
		head = xasprintf(_("Keys of this screen, page %d/%d (PgDn, PgUp: pages; Esc or F1: back)"),
		                 page > pages ? pages : page, pages);
	else
		head = xstrdup(_("Keys of this screen (Esc, F1 or any other key: back)"));
	ui_put(ui, 1, 0, ui->cols, head, ST_HEADER);
	free(head);
	if (h->top + rows < line) {
		const char *more = _("vvv PgDn: more");
		int mw = text_width(more);
		ui_put(ui, bottom - 1, ui->cols - mw - 1, mw, more, ST_MARK);
	}
}

static int help_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct help *h = (struct help *)s;
	int page = help_rows(ui);
	switch (ev->act) {
	case ACT_NEXT:
	case ACT_PGDN:
		if (h->top + page < h->nlines)
			h->top += ev->act == ACT_NEXT ? 1 : page;
		return SK_HANDLED;
	case ACT_PREV:
	case ACT_PGUP:
		h->top -= ev->act == ACT_PREV ? 1 : page;
		if (h->top < 0)
			h->top = 0;
		return SK_HANDLED;
	case ACT_QUIT:
		return 0;
	default:
		return SK_HANDLED | SK_POP;
	}
}

static void help_leave(struct ui *ui, struct screen *s)
{
	(void)ui;
	free(s);
}

static const struct screen_ops help_ops = {
	.name = "help", .acts = help_acts,
	.draw = help_draw, .key = help_key, .leave = help_leave,
};

void help_push(struct ui *ui, const struct screen *about)
{
	struct help *h = xcalloc(1, sizeof *h);
	h->s.ops = &help_ops;
	h->acts = about->ops->acts;
	h->name = about->ops->name;
	ui_push(ui, &h->s);
}
