/* tui/report/screen_report_people.c: the residents behind one figure of a report (report_people), so a
 * worker asked "who are the 12?" can answer, and check a figure that looks wrong person by person.
 *
 * The figure's residents are gathered once as ids (8 bytes each, registration-number order); the
 * list widget asks for a page at a time and only that page's residents are read (report_person_get),
 * so a figure of a hundred thousand costs what a page costs. Enter opens her page, as the resident
 * list does. The ID number is masked here as in every list: the screen may be read over the
 * worker's shoulder; her page shows it. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

struct rpeople {
	struct screen s;
	struct ui *ui;
	struct period p;
	int by, ind;
	char key[64], glabel[64];
	int64_t *ids;
	size_t n;
	int loaded;
	struct list list;
	char err[512];
};

static const int rpeople_acts[] = {
	ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

/* At 80: 9 number, 8 name, 4 sex, 4 age, 18 ID, 8 community, 8 categories, 10 status (公益性岗位
 * whole); wider terminals give more to the name, the categories and the community. */
struct cols {
	int reg, name, sex, age, id, comm, cat, status;
};

static void cols_for(int w, struct cols *c)
{
	*c = (struct cols){ 9, 8, 4, 4, 18, 8, 8, 10 };
	int extra = w - (1 + 9 + 8 + 4 + 4 + 18 + 8 + 8 + 10 + 8);
	int add = extra > 6 ? 6 : extra > 0 ? extra : 0;
	c->name += add, extra -= add;
	add = extra > 16 ? 16 : extra > 0 ? extra : 0;
	c->cat += add, extra -= add;
	add = extra > 8 ? 8 : extra > 0 ? extra : 0;
	c->comm += add, extra -= add;
	if (extra > 0)
		c->cat += extra;
}

static void rpeople_header(struct ui *ui, void *arg, int y, int x, int w)
{
	struct cols c;
	(void)arg;
	cols_for(w, &c);
	ui_fill(ui, y, x, w, ST_HEADER);
	x += 1;
	x = ui_col(ui, y, x, c.reg, "登记编号", ST_HEADER);
	x = ui_col(ui, y, x, c.name, "姓名", ST_HEADER);
	x = ui_col(ui, y, x, c.sex, "性别", ST_HEADER);
	x = ui_col(ui, y, x, c.age, "年龄", ST_HEADER);
	x = ui_col(ui, y, x, c.id, "身份证号", ST_HEADER);
	x = ui_col(ui, y, x, c.comm, "社区", ST_HEADER);
	x = ui_col(ui, y, x, c.cat, "人员类别", ST_HEADER);
	ui_col(ui, y, x, c.status, "就业状态", ST_HEADER);
}

static void rpeople_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	const struct report_person *p = row;
	struct cols c;
	char id[24], age[12] = "";
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	(void)arg;
	cols_for(w, &c);
	mask_idno(p->id_no, id, sizeof id);
	if (p->age >= 0)
		snprintf(age, sizeof age, "%d", p->age);
	ui_put(ui, y, x, 1, sel ? ">" : " ", hs);
	x += 1;
	x = ui_col(ui, y, x, c.reg, p->reg_no, hs);
	if (sel)
		ui_put(ui, y, x - 1, 1, " ", hs);
	x = ui_col(ui, y, x, c.name, p->name, hs);
	x = ui_col(ui, y, x, c.sex, p->sex, ST_NORMAL);
	x = ui_col(ui, y, x, c.age, age, ST_NORMAL);
	x = ui_col(ui, y, x, c.id, id, ST_NORMAL);
	x = ui_col(ui, y, x, c.comm, p->community, ST_NORMAL);
	x = ui_col(ui, y, x, c.cat, p->category, ST_NORMAL);
	ui_col(ui, y, x, c.status, p->status, ST_NORMAL);
}

/* A page of the ids, read as residents; the cursor is the offset. */
static int rpeople_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows,
                         int *n, int *more, char next[128], struct jy_err *err)
{
	struct rpeople *rp = arg;
	(void)query;
	size_t from = cursor && *cursor ? strtoull(cursor, NULL, 10) : 0;
	size_t k = from < rp->n ? rp->n - from : 0;
	if (k > (size_t)limit)
		k = (size_t)limit;
	struct report_person *out = xcalloc(k ? k : 1, sizeof *out);
	for (size_t i = 0; i < k; i++) {
		int rc = report_person_get(rp->ui->db, rp->ids[from + i], rp->p.to, &out[i], err);
		if (rc != JY_OK) {
			free(out);
			return rc;
		}
	}
	*rows = out;
	*n = (int)k;
	*more = from + k < rp->n;
	snprintf(next, 128, "%zu", from + k);
	return JY_OK;
}

static int64_t rpeople_row_id(const void *row)
{
	return ((const struct report_person *)row)->id;
}

static void rpeople_load(struct ui *ui, struct rpeople *rp)
{
	struct jy_err err = { 0 };
	FREE(&rp->ids);
	rp->n = 0;
	rp->err[0] = '\0';
	if (report_people_ids(ui->db, &rp->p, rp->by, rp->key, rp->ind, &rp->ids, &rp->n, &err) != JY_OK)
		snprintf(rp->err, sizeof rp->err, "%s", err.msg);
}

static void rpeople_enter(struct ui *ui, struct screen *s)
{
	struct rpeople *rp = (struct rpeople *)s;
	struct list_src src = {
		.fetch = rpeople_fetch, .draw_row = rpeople_row, .draw_header = rpeople_header,
		.row_id = rpeople_row_id, .row_size = sizeof(struct report_person), .arg = rp,
	};
	rp->ui = ui;
	rpeople_load(ui, rp);
	list_init(&rp->list, &src);
	list_query(&rp->list, "");
}

static void rpeople_draw(struct ui *ui, struct screen *s)
{
	struct rpeople *rp = (struct rpeople *)s;
	const struct report_ind *ind = &report_inds[rp->ind];
	char *where = xasprintf("%s > %s %s", _("Reports"), ind->code, ind->label);
	ui_title(ui, where);
	free(where);
	char *line = xasprintf("%s %s  %s%s%s  %zu%s", ind->code, ind->label, rp->p.label,
	                       rp->glabel[0] ? "  " : "", rp->glabel, rp->n, ind->unit);
	ui_put(ui, 1, 1, ui->cols - 2, line, ST_MARK);
	free(line);
	if (rp->err[0]) {
		ui_put(ui, 3, 2, ui->cols - 4, rp->err, ST_ERROR);
		return;
	}
	list_draw(ui, &rp->list, 2, 0, ui->lines - 4, ui->cols);
	if (rp->n == 0)
		ui_put(ui, 4, 2, ui->cols - 4, _("Nobody is counted in this figure."), ST_HINT);
	else if (!ui->msg[0])
		ui_put(ui, ui->lines - 2, 0, ui->cols, _("Enter opens her page"), ST_HINT);
}

static int rpeople_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct rpeople *rp = (struct rpeople *)s;
	switch (ev->act) {
	case ACT_OPEN: {
		const struct report_person *p = list_selected(&rp->list);
		if (p)
			ui_push(ui, rdetail_new(p->id));
		return SK_HANDLED;
	}
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	default:
		return list_key(ui, &rp->list, ev);
	}
}

/* Back from her page: she may have been changed, so her row is read again (the figure itself is
 * the one counted when the list opened). */
static void rpeople_resume(struct ui *ui, struct screen *s)
{
	struct rpeople *rp = (struct rpeople *)s;
	(void)ui;
	list_reload(&rp->list);
}

static void rpeople_leave(struct ui *ui, struct screen *s)
{
	struct rpeople *rp = (struct rpeople *)s;
	(void)ui;
	list_free(&rp->list);
	free(rp->ids);
	free(rp);
}

static const struct screen_ops rpeople_ops = {
	.name = "report-people", .acts = rpeople_acts,
	.enter = rpeople_enter, .draw = rpeople_draw, .key = rpeople_key, .leave = rpeople_leave,
	.resume = rpeople_resume,
};

struct screen *report_people_new(const struct period *p, int by, const char *group_key,
                                 const char *group_label, int ind)
{
	struct rpeople *rp = xcalloc(1, sizeof *rp);
	rp->s.ops = &rpeople_ops;
	rp->p = *p;
	rp->by = by;
	rp->ind = ind;
	snprintf(rp->key, sizeof rp->key, "%s", group_key ? group_key : "");
	snprintf(rp->glabel, sizeof rp->glabel, "%s", group_label ? group_label : "");
	return &rp->s;
}
