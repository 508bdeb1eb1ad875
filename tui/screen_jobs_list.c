/* tui/screen_jobs_list.c: the lists of the jobs module (employers, job information, referrals,
 * job fairs): a page at a time from core, searched as you type on the line above the F-keys
 * (pinyin initials, characters anywhere, codes), as the resident list is. The list of job
 * information also shows all, open, public-welfare or closing-soon postings in turn (Ctrl-V). */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "screen_jobs.h"

int jcol(struct ui *ui, int y, int x, int w, const char *s, int style)
{
	if (w > 0)
		ui_put(ui, y, x, w, s ? s : "", style);
	return x + w + 1;
}

static int jlist_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows, int *n,
                       int *more, char next[128], struct jy_err *err)
{
	struct jlist *l = arg;
	struct job_page pg;
	int rc = l->k->fetch(l->ui, l, query, cursor, limit, &pg, err);
	if (rc != JY_OK)
		return rc;
	*rows = pg.rows;
	*n = pg.n;
	*more = pg.more;
	memcpy(next, pg.next, 128);
	return JY_OK;
}

static void jlist_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	struct jlist *l = arg;
	ui_put(ui, y, x, 1, sel ? ">" : " ", sel ? ST_SELECTED : ST_NORMAL);
	l->k->row(ui, l, row, y, x + 1, w - 1, sel);
}

static void jlist_header(struct ui *ui, void *arg, int y, int x, int w)
{
	struct jlist *l = arg;
	ui_fill(ui, y, x, w, ST_HEADER);
	l->k->header(ui, l, y, x + 1, w - 1);
}

static int64_t jlist_row_id(const void *row)
{
	return *(const int64_t *)row;           /* every row struct starts with its id */
}

static void jlist_enter(struct ui *ui, struct screen *s)
{
	struct jlist *l = (struct jlist *)s;
	struct list_src src = {
		.fetch = jlist_fetch, .draw_row = jlist_row, .draw_header = jlist_header,
		.row_id = jlist_row_id, .row_size = l->k->row_size, .arg = l,
	};
	l->ui = ui;
	list_init(&l->list, &src);
	le_init(&l->q, 40);
	list_query(&l->list, "");
}

static void jlist_draw(struct ui *ui, struct screen *s)
{
	struct jlist *l = (struct jlist *)s;
	int y = ui->lines - 2;
	char *title = l->k->nfilters
		? xasprintf("%s: %s", l->title ? l->title : _(l->k->name), _(l->k->filter_names[l->filter]))
		: xstrdup(l->title ? l->title : _(l->k->name));
	ui_title(ui, title);
	free(title);
	list_draw(ui, &l->list, 1, 0, ui->lines - 3, ui->cols);
	int exact;
	long known = list_count_known(&l->list, &exact);
	if (known == 0 && !l->list.err[0])
		ui_put(ui, 3, 2, ui->cols - 4, l->q.len ? _("Nothing matches. Backspace changes the search, Esc clears it.")
		                                        : _(l->k->empty), ST_HINT);
	if ((!l->searching && !l->q.len) || (ui->msg[0] && !l->searching))
		return;
	const char *prompt = _("Search:");
	int pw = text_width(prompt) + 1;
	ui_put(ui, y, 0, ui->cols, prompt, ST_MARK);
	int qw = ui->cols / 2 - pw;
	struct lineedit_view v;
	le_view(&l->q, qw, &v);
	char *part = xstrndup(le_text(&l->q) + v.off, v.len);
	ui_puts(ui, y, pw + v.more_left, qw, part, ST_FIELD_FOCUS);
	free(part);
	char *count = exact ? xasprintf(_("%ld found"), known) : xasprintf(_("%ld+ found"), known);
	const char *help = l->searching ? _("Enter opens, Esc clears") : _("F3 searches again, Esc clears");
	char *right = xasprintf("%s   %s", count, help);
	ui_put(ui, y, pw + qw + 2, ui->cols - pw - qw - 2, right, ST_HINT);
	free(right);
	free(count);
	if (l->searching) {
		ui->cur_y = y;
		ui->cur_x = pw + v.cursor_col;
	}
}

static int jlist_open(struct ui *ui, struct jlist *l)
{
	const void *r = list_selected(&l->list);
	if (!r)
		return SK_HANDLED;
	l->searching = 0;
	l->want_id = jlist_row_id(r);
	l->k->open(ui, l, r);
	return SK_HANDLED;
}

static int jlist_new_record(struct ui *ui, struct jlist *l)
{
	l->searching = 0;
	if (l->k->create)
		l->k->create(ui, l);
	return SK_HANDLED;
}

static int jlist_search_key(struct ui *ui, struct jlist *l, const struct ui_event *ev)
{
	size_t len = l->q.len;
	if (K_IS_CHAR(ev->key)) {
		le_insert_cp(&l->q, (uint32_t)ev->key);
	} else {
		switch (ev->act) {
		case ACT_BKSP: le_backspace(&l->q); break;
		case ACT_DEL: le_delete(&l->q); break;
		case ACT_LEFT: le_left(&l->q); return SK_HANDLED;
		case ACT_RIGHT: le_right(&l->q); return SK_HANDLED;
		case ACT_KILL_START: le_kill_to_start(&l->q); break;
		case ACT_KILL_END: le_kill_to_end(&l->q); break;
		case ACT_BACK:
			l->searching = 0;
			if (l->q.len) {
				le_set(&l->q, "");
				list_query(&l->list, "");
			}
			return SK_HANDLED;
		case ACT_OPEN:
			return jlist_open(ui, l);
		case ACT_SEARCH:
			return SK_HANDLED;
		case ACT_NEW:
			return jlist_new_record(ui, l);
		default:
			if (l->k->key) {
				int r = l->k->key(ui, l, ev);
				if (r)
					return r;
			}
			return list_key(ui, &l->list, ev);
		}
	}
	if (l->q.len != len)
		list_query(&l->list, le_text(&l->q));
	return SK_HANDLED;
}

static int jlist_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct jlist *l = (struct jlist *)s;
	if (l->searching)
		return jlist_search_key(ui, l, ev);
	/* typing starts a search at once; '?' stays help */
	if (K_IS_CHAR(ev->key) && ev->key != '?' && ev->key != '/' && ev->key != ' ') {
		l->searching = 1;
		le_set(&l->q, "");
		return jlist_search_key(ui, l, ev);
	}
	switch (ev->act) {
	case ACT_SEARCH:
		l->searching = 1;
		le_end(&l->q);
		return SK_HANDLED;
	case ACT_NEW:
		return jlist_new_record(ui, l);
	case ACT_OPEN:
		return jlist_open(ui, l);
	case ACT_FILTER:
		if (!l->k->nfilters)
			return 0;
		l->filter = (l->filter + 1) % l->k->nfilters;
		list_query(&l->list, le_text(&l->q));
		return SK_HANDLED;
	case ACT_BACK:
		if (l->q.len) {
			le_set(&l->q, "");
			list_query(&l->list, "");
			return SK_HANDLED;
		}
		return SK_HANDLED | SK_POP;
	default:
		if (l->k->key) {
			int r = l->k->key(ui, l, ev);
			if (r)
				return r;
		}
		return list_key(ui, &l->list, ev);
	}
}

static void jlist_resume(struct ui *ui, struct screen *s)
{
	struct jlist *l = (struct jlist *)s;
	(void)ui;
	list_reload(&l->list);
	if (l->want_id && l->list.sel_id != l->want_id && !list_select_id(&l->list, l->want_id) && l->q.len) {
		le_set(&l->q, "");
		list_query(&l->list, "");
		list_select_id(&l->list, l->want_id);
	}
	l->want_id = 0;
}

static void jlist_reload(struct ui *ui, struct screen *s)
{
	(void)ui;
	list_reload(&((struct jlist *)s)->list);
}

static void jlist_leave(struct ui *ui, struct screen *s)
{
	struct jlist *l = (struct jlist *)s;
	(void)ui;
	list_free(&l->list);
	le_free(&l->q);
	free(l->title);
	free(l);
}

static const struct screen_ops jlist_ops = {
	.name = "jobs-list",
	.enter = jlist_enter, .draw = jlist_draw, .key = jlist_key, .leave = jlist_leave,
	.resume = jlist_resume, .reload = jlist_reload,
};

/* Each kind has its own acts (the bar and F1), so each list carries a copy of the ops. */
struct jlist_full {
	struct jlist l;
	struct screen_ops ops;
};

struct screen *jlist_new(const struct jlist_kind *k, int64_t owner, int64_t owner2, const char *title)
{
	struct jlist_full *f = xcalloc(1, sizeof *f);
	f->ops = jlist_ops;
	f->ops.name = k->name;
	f->ops.acts = k->acts;
	f->l.s.ops = &f->ops;
	f->l.k = k;
	f->l.owner = owner;
	f->l.owner2 = owner2;
	f->l.title = title ? xstrdup(title) : NULL;
	return &f->l.s;
}

void jobs_list_select(struct ui *ui, int type, int64_t id)
{
	for (int i = 0; i < ui->depth; i++) {
		const struct screen *s = ui->stack[i];
		if (s->ops->enter == jlist_enter && ((const struct jlist *)s)->k->type == type)
			((struct jlist *)ui->stack[i])->want_id = id;
	}
}
