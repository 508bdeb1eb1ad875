/* tui/jobs/screen_jobs_list.c: the lists of the jobs module (employers, job information, referrals,
 * job fairs): a page at a time from core, searched as you type on the line above the F-keys
 * (pinyin initials, characters anywhere, codes), as the resident list is. The list of job
 * information also shows all, open, public-welfare or closing-soon postings in turn (Ctrl-V). */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "screen_jobs.h"

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

/* Each kind has its own acts (the bar and F1), so each list carries a copy of the ops; F9 is
 * left out of them for a worker who may not import. */
struct jlist_full {
	struct jlist l;
	struct screen_ops ops;
	int acts[32];
};

static void jlist_enter(struct ui *ui, struct screen *s)
{
	struct jlist *l = (struct jlist *)s;
	if (l->k->import && !access_may(ui->db, OP_IMPORT)) {
		struct jlist_full *f = (struct jlist_full *)l;
		int n = 0;
		for (const int *a = l->k->acts; *a && n < (int)ARRAY_LEN(f->acts) - 1; a++)
			if (*a != ACT_IMPORT)
				f->acts[n++] = *a;
		f->acts[n] = 0;
		f->ops.acts = f->acts;
	}
	struct list_src src = {
		.fetch = jlist_fetch, .draw_row = jlist_row, .draw_header = jlist_header,
		.row_id = jlist_row_id, .row_size = l->k->row_size, .arg = l,
	};
	l->ui = ui;
	list_init(&l->list, &src);
	qsearch_init(&l->qs, &l->list);
	list_query(&l->list, "");
}

static void jlist_draw(struct ui *ui, struct screen *s)
{
	struct jlist *l = (struct jlist *)s;
	char *title = l->k->nfilters
		? xasprintf("%s: %s", l->title ? l->title : _(l->k->name), _(l->k->filter_names[l->filter]))
		: xstrdup(l->title ? l->title : _(l->k->name));
	ui_title(ui, title);
	free(title);
	list_draw(ui, &l->list, 1, 0, ui->lines - 3, ui->cols);
	int exact;
	long known = list_count_known(&l->list, &exact);
	if (known == 0 && !l->list.err[0])
		ui_put(ui, 3, 2, ui->cols - 4, l->qs.q.len ? _("Nothing matches. Backspace changes the search, Esc clears it.")
		                                           : _(l->k->empty), ST_HINT);
	qsearch_draw(ui, &l->qs);
}

static int jlist_open(struct ui *ui, struct jlist *l)
{
	const void *r = list_selected(&l->list);
	if (!r)
		return SK_HANDLED;
	l->qs.searching = 0;
	l->want_id = jlist_row_id(r);
	l->k->open(ui, l, r);
	return SK_HANDLED;
}

static int jlist_new_record(struct ui *ui, struct jlist *l)
{
	l->qs.searching = 0;
	if (l->k->create)
		l->k->create(ui, l);
	return SK_HANDLED;
}

/* Ctrl-V: the next of the kind's filters, on the same search. */
static int jlist_filter(struct jlist *l)
{
	if (!l->k->nfilters)
		return 0;
	l->filter = (l->filter + 1) % l->k->nfilters;
	list_query(&l->list, le_text(&l->qs.q));
	return SK_HANDLED;
}

static int jlist_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct jlist *l = (struct jlist *)s;
	int r = qsearch_key(&l->qs, ev);
	if (r)
		return r;
	switch (ev->act) {
	case ACT_NEW:
		return jlist_new_record(ui, l);
	case ACT_OPEN:
		return jlist_open(ui, l);
	case ACT_FILTER:
		if (!l->qs.searching)
			return jlist_filter(l);
		break;
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	case ACT_IMPORT:
		if (!l->k->import)
			break;
		l->qs.searching = 0;
		import_ask(ui, l->k->import);
		return SK_HANDLED;
	case ACT_EXPORT:
		if (!l->k->file)
			break;
		l->qs.searching = 0;    /* the status line says where the file went */
		list_export(ui, &l->list, l->k->file);
		return SK_HANDLED;
	default:
		break;
	}
	if (l->k->key) {
		r = l->k->key(ui, l, ev);
		if (r)
			return r;
	}
	return list_key(ui, &l->list, ev);
}

static void jlist_resume(struct ui *ui, struct screen *s)
{
	struct jlist *l = (struct jlist *)s;
	(void)ui;
	qsearch_resume(&l->qs, l->want_id);
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
	qsearch_free(&l->qs);
	free(l->title);
	free(l);
}

static const struct screen_ops jlist_ops = {
	.name = "jobs-list",
	.enter = jlist_enter, .draw = jlist_draw, .key = jlist_key, .leave = jlist_leave,
	.resume = jlist_resume, .reload = jlist_reload,
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
