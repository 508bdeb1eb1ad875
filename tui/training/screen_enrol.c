/* tui/training/screen_enrol.c: enrolling residents in a course. The registry is searched as in the resident
 * list (pinyin initials, characters, last digits of an ID number); Enter enrols the selected
 * resident and the list stays, so a worker enrols a class one after another. Residents already in
 * the course say so on their row. A full course asks whether she goes on the waiting list; core
 * refuses a second enrolment of one person in one course and warns past the capacity. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

/* ---- enrolling one resident --------------------------------------------------------------------- */

struct enrol_req {
	int64_t rid, cid;
	char *name;
	char code[24];
};

static void enrol_do(struct ui *ui, struct enrol_req *q, int waitlist)
{
	struct jy_err err = { 0 };
	int rc = enrolment_enrol(ui->db, q->rid, q->cid, waitlist, NULL, &err);
	if (rc != JY_OK)
		ui_err(ui, &err);
	else if (err.warn)
		ui_msg(ui, ST_WARN, _("Enrolled %s in %s. Note: %s"), q->name, q->code, err.msg);
	else if (waitlist)
		ui_msg(ui, ST_OK, _("%s is on the waiting list of %s"), q->name, q->code);
	else
		ui_msg(ui, ST_OK, _("Enrolled %s in %s"), q->name, q->code);
}

static void enrol_answer(struct ui *ui, void *arg, int yes)
{
	struct enrol_req *q = arg;
	if (yes)
		enrol_do(ui, q, 1);
	else
		ui_msg(ui, ST_HINT, _("%s was not enrolled"), q->name);
	free(q->name);
	free(q);
}

void enrol_ask(struct ui *ui, int64_t resident_id, int64_t course_id, const char *name)
{
	struct enrol_req *q = xcalloc(1, sizeof *q);
	struct course_counts cc;
	struct course *c = NULL;
	struct jy_err err = { 0 };
	q->rid = resident_id;
	q->cid = course_id;
	q->name = xstrdup(name);
	if (course_load(ui->db, course_id, &c, &err) != JY_OK || course_counts(ui->db, course_id, &cc, &err) != JY_OK) {
		ui_err(ui, &err);
		course_free(&c);
		free(q->name);
		free(q);
		return;
	}
	snprintf(q->code, sizeof q->code, "%s", course_get(c, CF_CODE));
	int64_t already;
	int found = cc.capacity >= 0 && cc.admitted >= cc.capacity
	            ? enrolment_find(ui->db, resident_id, course_id, &already, &err) : JY_OK;
	if (found != JY_OK && found != JY_ENOTFOUND) {
		ui_err(ui, &err);
		course_free(&c);
		free(q->name);
		free(q);
		return;
	}
	if (found == JY_ENOTFOUND) {
		/* Full: the waiting list, or nothing. Taking her past the capacity is done by admitting
		 * her from the waiting list (her enrolment, 候补 否), where core warns. */
		char *text = xasprintf(_("%s is full: %d of %d places are taken. Put %s on its waiting list?\n\n"
		                         "(To take her past the capacity, admit her from the waiting list: her "
		                         "enrolment, 候补 否.)"), q->code, cc.admitted, cc.capacity, q->name);
		dialog_confirm(ui, _("Course full"), text, 1, enrol_answer, q);
		free(text);
		course_free(&c);
		return;
	}
	course_free(&c);
	enrol_do(ui, q, 0);
	free(q->name);
	free(q);
}

/* ---- the resident picker ------------------------------------------------------------------------ */

struct epick {
	struct screen s;
	struct ui *ui;
	int64_t course_id;
	char code[24], name[184];
	struct list list;
	struct qsearch qs;      /* always searching: its own line under the title */
};

static const int epick_acts[] = {
	ACT_SEARCH, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

struct cols {
	int name, sex, age, id, status, comm, mark;
};

/* The status and the community as wide as their longest value first (公益性岗位, 幸福里社区 whole:
 * a cut one says nothing), then the names, then the mark. */
static void cols_for(struct ui *ui, int w, struct cols *c)
{
	*c = (struct cols){ 8, 4, 4, 18, 8, 8, 12 };
	int extra = w - (1 + 8 + 4 + 4 + 18 + 8 + 8 + 12 + 6);
	int add, want = ui_widest_label(ui, "emp_status", 8) - c->status;
	add = extra > want ? want : extra > 0 ? extra : 0;
	c->status += add, extra -= add;
	want = ui_widest_label(ui, "@units", 8) - c->comm;
	add = extra > want ? want : extra > 0 ? extra : 0;
	c->comm += add, extra -= add;
	add = extra > 6 ? 6 : extra > 0 ? extra : 0;
	c->name += add, extra -= add;
	if (extra > 0)
		c->mark += extra;
}

static void epick_header(struct ui *ui, void *arg, int y, int x, int w)
{
	struct cols c;
	(void)arg;
	cols_for(ui, w, &c);
	ui_fill(ui, y, x, w, ST_HEADER);
	x += 1;
	x = ui_col(ui, y, x, c.name, "姓名", ST_HEADER);
	x = ui_col(ui, y, x, c.sex, "性别", ST_HEADER);
	x = ui_col(ui, y, x, c.age, "年龄", ST_HEADER);
	x = ui_col(ui, y, x, c.id, "身份证号", ST_HEADER);
	x = ui_col(ui, y, x, c.status, "就业状态", ST_HEADER);
	ui_col(ui, y, x, c.comm, "社区", ST_HEADER);
}

static void epick_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	struct epick *ep = arg;
	const struct search_row *r = row;
	struct cols c;
	char id[19], age[12] = "";
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	char comm[64];
	cols_for(ui, w, &c);
	ui_mask_id(r->id_no, id);
	int a = ui_age(ui, r->birth);
	if (a >= 0)
		snprintf(age, sizeof age, "%d", a);
	ui_put(ui, y, x, 1, sel ? ">" : " ", hs);
	x += 1;
	x = ui_col(ui, y, x, c.name, r->name, hs);
	if (sel)
		ui_put(ui, y, x - 1, 1, " ", hs);
	x = ui_col(ui, y, x, c.sex, ui_code_label(ui, "sex", r->sex), hs);
	if (sel)
		ui_put(ui, y, x - 1, 1, " ", hs);
	x = ui_col(ui, y, x, c.age, age, hs);
	if (sel)
		ui_put(ui, y, x - 1, 1, " ", hs);
	x = ui_col(ui, y, x, c.id, id, hs);
	x = ui_col(ui, y, x, c.status, ui_code_label(ui, "emp_status", r->status), ST_NORMAL);
	x = ui_col(ui, y, x, c.comm, ui_unit_short(r->community, c.comm, comm, sizeof comm), ST_NORMAL);
	int64_t eid;
	struct jy_err err = { 0 };
	int rc = enrolment_find(ui->db, r->id, ep->course_id, &eid, &err);
	if (rc == JY_OK)
		ui_col(ui, y, x, c.mark, _("enrolled"), ST_OK);
	else if (rc != JY_ENOTFOUND)
		ui_err(ui, &err);
}

static int epick_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows,
                       int *n, int *more, char next[128], struct jy_err *err)
{
	struct epick *ep = arg;
	return residents_page(ep->ui, query, cursor, limit, rows, n, more, next, err);
}

static int64_t epick_row_id(const void *row)
{
	return ((const struct search_row *)row)->id;
}

static void epick_enter(struct ui *ui, struct screen *s)
{
	struct epick *ep = (struct epick *)s;
	struct list_src src = {
		.fetch = epick_fetch, .draw_row = epick_row, .draw_header = epick_header,
		.row_id = epick_row_id, .row_size = sizeof(struct search_row), .arg = ep,
	};
	ep->ui = ui;
	struct course *c = NULL;
	struct jy_err err = { 0 };
	if (course_load(ui->db, ep->course_id, &c, &err) == JY_OK) {
		snprintf(ep->code, sizeof ep->code, "%s", course_get(c, CF_CODE));
		snprintf(ep->name, sizeof ep->name, "%s", course_get(c, CF_NAME));
	} else {
		ui_err(ui, &err);
	}
	course_free(&c);
	list_init(&ep->list, &src);
	qsearch_init(&ep->qs, &ep->list);
	list_query(&ep->list, "");
}

/* The search on the line under the title (the status line stays free for what enrolling says),
 * the places taken beside it. */
static void epick_draw(struct ui *ui, struct screen *s)
{
	struct epick *ep = (struct epick *)s;
	char *where = xasprintf("%s > %s > %s", _("Training"), ep->name, _("Enrol residents"));
	ui_title(ui, where);
	free(where);
	const char *prompt = _("Search:");
	int pw = text_width(prompt) + 1, qw = 24;
	ui_put(ui, 1, 1, pw, prompt, ST_MARK);
	struct lineedit_view v;
	le_view(&ep->qs.q, qw, &v);
	char *part = xstrndup(le_text(&ep->qs.q) + v.off, v.len);
	ui_fill(ui, 1, 1 + pw, qw, ST_FIELD_FOCUS);
	ui_puts(ui, 1, 1 + pw + v.more_left, qw, part, ST_FIELD_FOCUS);
	free(part);
	struct course_counts cc;
	struct jy_err err = { 0 };
	char *line;
	int rc = course_counts(ui->db, ep->course_id, &cc, &err);
	if (rc)         /* the places taken cannot be said: the status line says why */
		ui_err(ui, &err);
	if (!rc && cc.capacity >= 0)
		line = xasprintf(_("%s: %d of %d places taken, %d waiting; Enter enrols"), ep->code, cc.admitted,
		                 cc.capacity, cc.waiting);
	else
		line = xasprintf(_("%s: Enter enrols"), ep->code);
	int x = 1 + pw + qw + 2;
	ui_put(ui, 1, x, ui->cols - x - 1, line, ST_HINT);
	free(line);
	list_draw(ui, &ep->list, 2, 0, ui->lines - 4, ui->cols);
	ui->cur_y = 1;
	ui->cur_x = 1 + pw + v.cursor_col;
}

static int epick_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct epick *ep = (struct epick *)s;
	/* '?' stays help here: the search always has the keys, so it cannot be typed into it */
	if (ev->key != '?' && qsearch_edit(&ep->qs, ev))
		return SK_HANDLED;
	switch (ev->act) {
	case ACT_SEARCH:
		return SK_HANDLED;
	case ACT_BACK:
		if (!ep->qs.q.len)
			return SK_HANDLED | SK_POP;
		qsearch_clear(&ep->qs);
		return SK_HANDLED;
	case ACT_OPEN: {
		const struct search_row *r = list_selected(&ep->list);
		if (r)
			enrol_ask(ui, r->id, ep->course_id, r->name);
		return SK_HANDLED;
	}
	default:
		return list_key(ui, &ep->list, ev);
	}
}

static void epick_reload(struct ui *ui, struct screen *s)
{
	(void)ui;
	list_reload(&((struct epick *)s)->list);
}

static void epick_leave(struct ui *ui, struct screen *s)
{
	struct epick *ep = (struct epick *)s;
	(void)ui;
	list_free(&ep->list);
	qsearch_free(&ep->qs);
	free(ep);
}

static const struct screen_ops epick_ops = {
	.name = "enrol", .acts = epick_acts,
	.enter = epick_enter, .draw = epick_draw, .key = epick_key, .leave = epick_leave,
	.resume = epick_reload, .reload = epick_reload,
};

struct screen *enrol_pick_new(int64_t course_id)
{
	struct epick *ep = xcalloc(1, sizeof *ep);
	ep->s.ops = &epick_ops;
	ep->course_id = course_id;
	return &ep->s;
}
