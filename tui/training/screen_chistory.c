/* tui/training/screen_chistory.c: who changed what, when, in a course: the course itself, each trainee's
 * enrolment (enrolled, completed, certificate …) and each session with its roll calls, newest
 * first, in the workers' words (labels and code labels from core's field tables). */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

struct hentry {
	int64_t seq;
	char *at, *who, *what, *changes;
	const char *label;              /* the action in the workers' words */
	const struct field_def *defs;   /* the entity's fields (NULL: a roll call, keys are names) */
	int ndefs;
};

struct chistory {
	struct screen s;
	int64_t course_id;
	char *title;
	struct hentry *e;
	int n, cap;
	const char *subject;            /* while collecting: what the entries are about */
	const struct field_def *defs;
	int ndefs;
	struct page page;               /* the entries as lines (tui/widget/page.c) */
};

static const int chistory_acts[] = { ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0 };

static int collect(void *arg, const struct history_entry *h)
{
	struct chistory *c = arg;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->e = xrealloc(c->e, sizeof *c->e * (size_t)c->cap);
	}
	c->e[c->n++] = (struct hentry){
		h->seq, xstrdup(h->at), xasprintf("%s (%s)", h->worker ? h->worker : "-", h->os_user ? h->os_user : "-"),
		xstrdup(c->subject), xstrdup(h->changes),
		history_action_label(h->entity, h->action),
		strcmp(h->action, "rollcall") == 0 ? NULL : c->defs, c->ndefs,
	};
	return 0;
}

static int by_seq_desc(const void *a, const void *b)
{
	const struct hentry *x = a, *y = b;
	return x->seq < y->seq ? 1 : x->seq > y->seq ? -1 : 0;
}

/* The entries of the course, its enrolments and its sessions; a failure stops the collecting
 * and is shown on the status line (the page then says what was read before it). */
static void chistory_collect(struct ui *ui, struct chistory *c)
{
	struct course *co = NULL;
	struct jy_err err = { 0 };
	int rc = course_load(ui->db, c->course_id, &co, &err);
	if (!rc) {
		c->title = xasprintf("%s > %s > %s", _("Training"), course_get(co, CF_NAME), _("History"));
		c->subject = _("the course");
		c->defs = course_fields;
		c->ndefs = CF__COUNT;
		rc = history_each(ui->db, "course", c->course_id, collect, c, &err);
	} else {
		c->title = xstrdup(_("History"));
	}
	course_free(&co);
	struct enrol_row *rows = NULL;
	int n = 0;
	if (!rc)
		rc = enrolment_list(ui->db, c->course_id, 0, ui->today, &rows, &n, &err);
	for (int i = 0; !rc && i < n; i++) {
		c->subject = rows[i].name;
		c->defs = enrol_fields;
		c->ndefs = EF__COUNT;
		rc = history_each(ui->db, "enrolment", rows[i].id, collect, c, &err);
	}
	free(rows);
	struct session_row *ss = NULL;
	n = 0;
	if (!rc)
		rc = session_list(ui->db, c->course_id, &ss, &n, &err);
	for (int i = 0; !rc && i < n; i++) {
		char *what = xasprintf(_("session %d"), ss[i].no);
		c->subject = what;
		c->defs = session_fields;
		c->ndefs = SF__COUNT;
		rc = history_each(ui->db, "session", ss[i].id, collect, c, &err);
		free(what);
	}
	free(ss);
	c->subject = NULL;      /* the names above are gone; the entries keep copies */
	qsort(c->e, (size_t)c->n, sizeof *c->e, by_seq_desc);
	if (rc)
		ui_err(ui, &err);
}

/* ---- the page ------------------------------------------------------------------------------------ */

struct build {
	struct ui *ui;
	struct chistory *c;
	const struct hentry *e;
	struct jy_err err;      /* why a value could not be shown (the walk stops with JY_EDB) */
};

static int change_line(void *arg, const struct field_change *ch)
{
	struct build *b = arg;
	if (!ch->old && !ch->now)
		return 0;
	const char *label = ch->key;
	char *so = NULL, *sn = NULL;
	int rc = JY_OK;
	const struct field_def *fd = NULL;
	for (int f = 0; b->e->defs && f < b->e->ndefs; f++)
		if (b->e->defs[f].col && strcmp(b->e->defs[f].col, ch->key) == 0)
			fd = &b->e->defs[f];
	if (fd) {
		label = fd->label;
		if (!(rc = field_show(b->ui->db, fd, ch->old, &so, &b->err)))
			rc = field_show(b->ui->db, fd, ch->now, &sn, &b->err);
	} else {
		so = xstrdup(ch->old ? ch->old : "");
		sn = xstrdup(ch->now ? ch->now : "");
	}
	if (!rc)
		page_change(&b->c->page, label, ch->old != NULL, *so ? so : "-", *sn ? sn : "-");
	free(so);
	free(sn);
	return rc;
}

static void chistory_build(struct ui *ui, struct chistory *c, int w)
{
	page_clear(&c->page, w);
	for (int i = 0; i < c->n; i++) {
		const struct hentry *e = &c->e[i];
		char at[17];
		snprintf(at, sizeof at, "%s", e->at ? e->at : "-");
		if (at[10] == 'T')
			at[10] = ' ';
		char *head = xasprintf("%s  %s  %s: %s", at, e->who, e->what, e->label);
		page_wrapped(&c->page, 4, ST_HINT, head);
		free(head);
		struct build b = { ui, c, e, { 0 } };
		if (field_changes_each(e->changes, change_line, &b)) {
			page_line(&c->page, ST_ERROR, 0, b.err.msg);
			ui_err(ui, &b.err);
			break;
		}
	}
	if (c->n == 0)
		page_line(&c->page, ST_HINT, 0, _("No changes recorded yet."));
}

static void chistory_enter(struct ui *ui, struct screen *s)
{
	chistory_collect(ui, (struct chistory *)s);
}

static void chistory_draw(struct ui *ui, struct screen *s)
{
	struct chistory *c = (struct chistory *)s;
	int w = ui->cols - 2;
	if (c->page.w != w)
		chistory_build(ui, c, w);
	ui_title(ui, c->title);
	page_draw(ui, &c->page);
}

static int chistory_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct chistory *c = (struct chistory *)s;
	struct ui_event line = *ev;
	if (ev->act == ACT_BACK)
		return SK_HANDLED | SK_POP;
	/* The history has no sections: Tab and Shift-Tab move a line, as Down and Up do. */
	line.key = 0;
	return page_key(ui, &c->page, &line);
}

static void chistory_leave(struct ui *ui, struct screen *s)
{
	struct chistory *c = (struct chistory *)s;
	(void)ui;
	for (int i = 0; i < c->n; i++) {
		free(c->e[i].at);
		free(c->e[i].who);
		free(c->e[i].what);
		free(c->e[i].changes);
	}
	page_free(&c->page);
	free(c->e);
	free(c->title);
	free(c);
}

static const struct screen_ops chistory_ops = {
	.name = "course-history", .acts = chistory_acts,
	.enter = chistory_enter, .draw = chistory_draw, .key = chistory_key, .leave = chistory_leave,
};

struct screen *chistory_new(int64_t course_id)
{
	struct chistory *c = xcalloc(1, sizeof *c);
	c->s.ops = &chistory_ops;
	c->course_id = course_id;
	return &c->s;
}
