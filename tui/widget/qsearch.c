/* tui/widget/qsearch.c: the search line of a list, searched as you type (mc's quick search): typing in a
 * list starts a search at once, each key queries the list again, Esc clears the search and a
 * second Esc leaves. The resident, course and jobs lists all work this way, so a worker who knows
 * one knows them all; this file is that behaviour, once. */
#include <stdlib.h>

#include <curses.h>

#include "tui.h"

void qsearch_init(struct qsearch *qs, struct list *l)
{
	le_init(&qs->q, 40);
	qs->searching = 0;
	qs->list = l;
}

void qsearch_free(struct qsearch *qs)
{
	le_free(&qs->q);
}

void qsearch_clear(struct qsearch *qs)
{
	le_set(&qs->q, "");
	list_query(qs->list, "");
}

int qsearch_edit(struct qsearch *qs, const struct ui_event *ev)
{
	size_t len = qs->q.len;
	if (K_IS_CHAR(ev->key)) {
		le_insert_cp(&qs->q, (uint32_t)ev->key);
	} else {
		switch (ev->act) {
		case ACT_BKSP: le_backspace(&qs->q); break;
		case ACT_DEL: le_delete(&qs->q); break;
		case ACT_LEFT: le_left(&qs->q); return 1;
		case ACT_RIGHT: le_right(&qs->q); return 1;
		case ACT_KILL_START: le_kill_to_start(&qs->q); break;
		case ACT_KILL_END: le_kill_to_end(&qs->q); break;
		default: return 0;
		}
	}
	if (qs->q.len != len)
		list_query(qs->list, le_text(&qs->q));
	return 1;
}

/* Not searching: only what starts a search, or Esc clearing the last one, is ours. */
static int qsearch_start(struct qsearch *qs, const struct ui_event *ev)
{
	/* '?' stays help and '/' is the search key itself; a space starts nothing. */
	if (K_IS_CHAR(ev->key) && ev->key != '?' && ev->key != '/' && ev->key != ' ') {
		qs->searching = 1;
		le_set(&qs->q, "");
		return qsearch_edit(qs, ev) ? SK_HANDLED : 0;
	}
	if (ev->act == ACT_SEARCH) {
		qs->searching = 1;
		le_end(&qs->q);
		return SK_HANDLED;
	}
	if (ev->act == ACT_BACK && qs->q.len) {
		qsearch_clear(qs);
		return SK_HANDLED;
	}
	return 0;
}

int qsearch_key(struct qsearch *qs, const struct ui_event *ev)
{
	if (!qs->searching)
		return qsearch_start(qs, ev);
	if (qsearch_edit(qs, ev))
		return SK_HANDLED;
	switch (ev->act) {
	case ACT_BACK:
		qs->searching = 0;
		if (qs->q.len)
			qsearch_clear(qs);
		return SK_HANDLED;
	case ACT_SEARCH:
		return SK_HANDLED;
	default:
		return 0;
	}
}

/* The search line takes over the status line while searching, and shows a kept search after it
 * unless the status line has something to say. */
void qsearch_draw(struct ui *ui, struct qsearch *qs)
{
	int y = ui->lines - 2, exact;
	long known = list_count_known(qs->list, &exact);
	if ((!qs->searching && !qs->q.len) || (ui->msg[0] && !qs->searching))
		return;
	const char *prompt = _("Search:");
	int pw = text_width(prompt) + 1;
	ui_put(ui, y, 0, ui->cols, prompt, ST_MARK);
	int qw = ui->cols / 2 - pw;
	struct lineedit_view v;
	le_view(&qs->q, qw, &v);
	char *part = xstrndup(le_text(&qs->q) + v.off, v.len);
	ui_puts(ui, y, pw + v.more_left, qw, part, ST_FIELD_FOCUS);
	free(part);
	char *count = exact ? xasprintf(_("%ld found"), known) : xasprintf(_("%ld+ found"), known);
	const char *help = qs->searching ? _("Enter opens, Esc clears") : _("F3 searches again, Esc clears");
	char *right = xasprintf("%s   %s", count, help);
	ui_put(ui, y, pw + qw + 2, ui->cols - pw - qw - 2, right, ST_HINT);
	free(right);
	free(count);
	if (qs->searching) {
		ui->cur_y = y;
		ui->cur_x = pw + v.cursor_col;
	}
}

void qsearch_resume(struct qsearch *qs, int64_t want_id)
{
	struct list *l = qs->list;
	list_reload(l);
	/* A record just saved or viewed: show it selected, even when the search would hide it. */
	if (want_id && l->sel_id != want_id && !list_select_id(l, want_id) && qs->q.len) {
		qsearch_clear(qs);
		list_select_id(l, want_id);
	}
}
