/* tui/screen_today.c: 今日待办 beside the main menu, and one due list whole.
 *
 * A worker who may see residents' records finds on the main menu, to the right of the modules,
 * what is due in her communities today (core/admin/due.c): each list's name and count and its
 * first lines, as many as fit, and a letter that opens the list whole. The lists are read when
 * the menu comes up, and again each time it is on top once more, so a visit recorded drops off
 * it; another worker's save reads them again at most once a minute. Only the first lines of each
 * are kept (a county's home visits due are half a million: 1 GB and 4 s read whole); the list a
 * letter opens is read whole then. A list the role may not see is not there; a statistician (no people) has the menu alone.
 * Enter on a line of a list about a resident opens her page. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "tui.h"

#define TODAY_LINES 50          /* a list's lines kept for the menu: more than a screen shows */

void today_load(struct ui *ui, struct today *t)
{
	today_free(t);
	t->shown = access_may(ui->db, OP_VIEW);
	if (!t->shown)
		return;
	struct jy_err err = { 0 };
	t->loaded = time(NULL);
	if (due_collect(ui->db, ui->today, NULL, TODAY_LINES, &t->lists, &t->n, &err) != JY_OK)
		snprintf(t->err, sizeof t->err, "%s", err.msg);
}

void today_refresh(struct ui *ui, struct today *t)
{
	if (time(NULL) - t->loaded >= 60)
		today_load(ui, t);
}

void today_free(struct today *t)
{
	due_free(&t->lists, t->n);
	t->n = 0;
	t->err[0] = '\0';
}

static void item_line(const struct due_item *it, char *out, size_t size)
{
	snprintf(out, size, "%s %s %s %s", it->ref[0] ? it->ref : "", it->who, it->date, it->what);
}

void today_draw(struct ui *ui, const struct today *t, int y, int x, int h, int w)
{
	if (!t->shown)
		return;
	char *head = xasprintf(" %s %s ", _("Due today"), ui->today);
	ui_put(ui, y, x, w, head, ST_HEADER);
	free(head);
	if (t->err[0]) {
		ui_put(ui, y + 2, x, w, t->err, ST_ERROR);
		return;
	}
	/* each list's title, and of its lines as many as the room shares out */
	int room = h - 1 - t->n, per = t->n ? room / t->n : 0;
	if (per < 0)
		per = 0;
	int row = y + 1;
	for (int k = 0; k < t->n && row < y + h; k++) {
		const struct due_list *l = &t->lists[k];
		char *title = due_title(l);
		char *line = xasprintf("%c %s", 'a' + k, title);
		ui_put(ui, row++, x, w, line, l->n ? ST_MARK : ST_HINT);
		free(line);
		free(title);
		for (int i = 0; i < l->n && i < per && row < y + h; i++) {
			char buf[400];
			item_line(&l->items[i], buf, sizeof buf);
			ui_put(ui, row++, x + 2, w - 2, buf, ST_NORMAL);
		}
	}
}

int today_key(struct ui *ui, struct today *t, int key)
{
	if (!t->shown || key < 'a' || key >= 'a' + t->n)
		return 0;
	struct due_list *l = &t->lists[key - 'a'];
	struct jy_err err = { 0 };
	if (l->n < l->total && due_reload(ui->db, ui->today, l, &err) != JY_OK) {
		ui_err(ui, &err);
		return 1;
	}
	ui_push(ui, due_list_new(l));
	return 1;
}

/* ---- one list whole --------------------------------------------------------------------------- */

struct dl {
	struct screen s;
	const struct due_list *l;       /* the menu's, below this screen */
	int sel, top, rows;
};

static const int dl_acts[] = { ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	                       ACT_BACK, 0 };

static void dl_draw(struct ui *ui, struct screen *s)
{
	struct dl *d = (struct dl *)s;
	ui_title(ui, _("Due today"));
	char *title = due_title(d->l);
	ui_put(ui, 1, 1, ui->cols - 2, title, ST_MARK);
	free(title);
	int y = 2;
	ui_fill(ui, y, 0, ui->cols, ST_HEADER);
	int x = 1;
	x = ui_col(ui, y, x, 9, "登记号", ST_HEADER);
	x = ui_col(ui, y, x, 12, "姓名", ST_HEADER);
	x = ui_col(ui, y, x, 10, "日期", ST_HEADER);
	ui_col(ui, y, x, ui->cols - x - 1, "事项", ST_HEADER);
	d->rows = ui->lines - 2 - 3 - 1;
	if (d->sel >= d->l->n)
		d->sel = d->l->n - 1;
	if (d->sel < 0)
		d->sel = 0;
	if (d->sel < d->top)
		d->top = d->sel;
	if (d->sel >= d->top + d->rows)
		d->top = d->sel - d->rows + 1;
	if (!d->l->n)
		ui_put(ui, 4, 2, ui->cols - 4, _("Nothing is due."), ST_HINT);
	for (int k = 0; k < d->rows && d->top + k < d->l->n; k++) {
		const struct due_item *it = &d->l->items[d->top + k];
		int st = d->top + k == d->sel ? ST_SELECTED : ST_NORMAL;
		ui_fill(ui, 3 + k, 0, ui->cols, st);
		x = 1;
		x = ui_col(ui, 3 + k, x, 9, it->ref, st);
		x = ui_col(ui, 3 + k, x, 12, it->who, st);
		x = ui_col(ui, 3 + k, x, 10, it->date, st);
		ui_col(ui, 3 + k, x, ui->cols - x - 1, it->what, st);
	}
	if (!ui->msg[0] && d->l->n)
		ui_put(ui, ui->lines - 2, 0, ui->cols, _("Enter opens her page; Esc goes back"), ST_HINT);
}

static int dl_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct dl *d = (struct dl *)s;
	switch (ev->act) {
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	case ACT_OPEN:
		if (d->sel < d->l->n && d->l->items[d->sel].resident_id)
			ui_push(ui, rdetail_new(d->l->items[d->sel].resident_id));
		return SK_HANDLED;
	case ACT_NEXT:
		d->sel++;
		return SK_HANDLED;
	case ACT_PREV:
		d->sel--;
		return SK_HANDLED;
	case ACT_PGDN:
		d->sel += d->rows > 1 ? d->rows - 1 : 1;
		return SK_HANDLED;
	case ACT_PGUP:
		d->sel -= d->rows > 1 ? d->rows - 1 : 1;
		return SK_HANDLED;
	case ACT_HOME:
		d->sel = 0;
		return SK_HANDLED;
	case ACT_END:
		d->sel = d->l->n - 1;
		return SK_HANDLED;
	default:
		return 0;
	}
}

static void dl_leave(struct ui *ui, struct screen *s)
{
	(void)ui;
	free(s);
}

static const struct screen_ops dl_ops = {
	.name = "due-list", .acts = dl_acts, .draw = dl_draw, .key = dl_key, .leave = dl_leave,
};

struct screen *due_list_new(const struct due_list *l)
{
	struct dl *d = xcalloc(1, sizeof *d);
	d->s.ops = &dl_ops;
	d->l = l;
	return &d->s;
}
