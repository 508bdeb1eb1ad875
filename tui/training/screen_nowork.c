/* tui/training/screen_nowork.c: the completers still without work (core/training/outcome.c), of one course or of
 * every course, the longest-waiting first: who a worker calls next. Each row says until when the
 * six months after the course run, whether they are over, the certificate held and the subsidy
 * tier it gives without a job. Enter opens the resident's page, where F7 records the job she
 * found; the outcome follows from that record by itself. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

struct nowork {
	struct screen s;
	int64_t course_id;
	char title[200];
	struct enrol_row *rows;
	int n;
	struct list list;
};

static const int nowork_acts[] = {
	ACT_EXPORT, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

/* At 80: 8 name, 11 phone, 6 course, 10 end, 10 window, 6 state, 12 certificate, 6 tier. */
struct cols {
	int name, phone, course, end, window, state, cert, tier;
};

static void cols_for(int w, struct cols *c)
{
	*c = (struct cols){ 8, 11, 6, 10, 10, 6, 12, 6 };
	int extra = w - (1 + 8 + 11 + 6 + 10 + 10 + 6 + 12 + 6 + 8);
	int add = extra > 6 ? 6 : extra > 0 ? extra : 0;
	c->name += add, extra -= add;
	if (extra > 0)
		c->cert += extra;
}

static void nowork_header(struct ui *ui, void *arg, int y, int x, int w)
{
	struct cols c;
	(void)arg;
	cols_for(w, &c);
	ui_fill(ui, y, x, w, ST_HEADER);
	x += 1;
	x = ui_col(ui, y, x, c.name, "姓名", ST_HEADER);
	x = ui_col(ui, y, x, c.phone, "联系电话", ST_HEADER);
	x = ui_col(ui, y, x, c.course, "培训班", ST_HEADER);
	x = ui_col(ui, y, x, c.end, "结业日期", ST_HEADER);
	x = ui_col(ui, y, x, c.window, "观察至", ST_HEADER);
	x = ui_col(ui, y, x, c.state, "状态", ST_HEADER);
	x = ui_col(ui, y, x, c.cert, "证书", ST_HEADER);
	ui_col(ui, y, x, c.tier, "补贴档", ST_HEADER);
}


static void nowork_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	const struct enrol_row *r = row;
	struct cols c;
	char ph[24], tier[16] = "";
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	(void)arg;
	cols_for(w, &c);
	mask_phone(r->phone, ph, sizeof ph);   /* 138****5678: read over her shoulder */
	if (r->tier)
		snprintf(tier, sizeof tier, "%d%%", r->tier);
	ui_put(ui, y, x, 1, sel ? ">" : " ", hs);
	x += 1;
	x = ui_col(ui, y, x, c.name, r->name, hs);
	if (sel)
		ui_put(ui, y, x - 1, 1, " ", hs);
	x = ui_col(ui, y, x, c.phone, ph, hs);
	x = ui_col(ui, y, x, c.course, r->course_code, ST_NORMAL);
	x = ui_col(ui, y, x, c.end, r->course_end, ST_NORMAL);
	x = ui_col(ui, y, x, c.window, r->window_end, ST_NORMAL);
	x = ui_col(ui, y, x, c.state, r->outcome == OUTCOME_PENDING ? "观察中" : "未就业",
	            r->outcome == OUTCOME_PENDING ? ST_NORMAL : ST_WARN);
	x = ui_col(ui, y, x, c.cert, r->cert_type[0] ? ui_code_label(ui, "train_cert", r->cert_type) : "", ST_NORMAL);
	ui_col(ui, y, x, c.tier, tier, ST_NORMAL);
}

/* F7: the list to a file (list_export): the columns shown (the phone masked as on screen), the
 * course's name and the subsidy in yuan beside them */
static const struct sheet_col nowork_file_cols[] = {
	{ "姓名", SC_TEXT, 0 }, { "联系电话", SC_CODE, 0 }, { "培训班编号", SC_TEXT, 0 },
	{ "培训班名称", SC_TEXT, 0 }, { "结业日期", SC_DATE, 0 }, { "观察至", SC_DATE, 0 },
	{ "状态", SC_TEXT, 0 }, { "证书", SC_TEXT, 0 }, { "补贴比例", SC_PCT, 0 }, { "补贴金额", SC_INT, 0 },
};

static void nowork_file_cells(struct ui *ui, void *arg, const void *row, char **cells)
{
	const struct enrol_row *r = row;
	char ph[24];
	(void)arg;
	mask_phone(r->phone, ph, sizeof ph);
	const char *v[] = { r->name, ph, r->course_code, r->course_name, r->course_end, r->window_end,
	                    r->outcome == OUTCOME_PENDING ? "观察中" : "未就业",
	                    r->cert_type[0] ? ui_code_label(ui, "train_cert", r->cert_type) : "" };
	for (size_t c = 0; c < ARRAY_LEN(v); c++)
		cells[c] = xstrdup(v[c]);
	cells[8] = r->tier ? xasprintf("%.2f", r->tier / 100.0) : NULL;
	cells[9] = r->tier ? xasprintf("%d", r->amount) : NULL;
}

static const struct list_export nowork_file = {
	"结业未就业", nowork_file_cols, (int)ARRAY_LEN(nowork_file_cols), nowork_file_cells, NULL,
};

static int nowork_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows,
                        int *n, int *more, char next[128], struct jy_err *err)
{
	struct nowork *nw = arg;
	(void)query;
	(void)err;
	return list_fetch_array(nw->rows, nw->n, sizeof *nw->rows, cursor, limit, rows, n, more, next);
}

static int64_t nowork_row_id(const void *row)
{
	return ((const struct enrol_row *)row)->id;
}

static void nowork_load(struct ui *ui, struct nowork *nw)
{
	struct jy_err err = { 0 };
	FREE(&nw->rows);
	nw->n = 0;
	if (outcome_without_work(ui->db, nw->course_id, ui->today, &nw->rows, &nw->n, &err) != JY_OK)
		ui_err(ui, &err);
}

static void nowork_enter(struct ui *ui, struct screen *s)
{
	struct nowork *nw = (struct nowork *)s;
	struct list_src src = {
		.fetch = nowork_fetch, .draw_row = nowork_row, .draw_header = nowork_header,
		.row_id = nowork_row_id, .row_size = sizeof(struct enrol_row), .arg = nw,
	};
	struct course *c = NULL;
	struct jy_err err = { 0 };
	if (nw->course_id && course_load(ui->db, nw->course_id, &c, &err) != JY_OK)
		ui_err(ui, &err);
	if (c)
		snprintf(nw->title, sizeof nw->title, "%s > %s > %s", _("Training"), course_get(c, CF_CODE),
		         _("No job yet"));
	else
		snprintf(nw->title, sizeof nw->title, "%s > %s", _("Training"), _("No job yet"));
	course_free(&c);
	nowork_load(ui, nw);
	list_init(&nw->list, &src);
	list_query(&nw->list, "");
}

static void nowork_draw(struct ui *ui, struct screen *s)
{
	struct nowork *nw = (struct nowork *)s;
	ui_title(ui, nw->title);
	char *line = xasprintf(_("%d completers have no job recorded since their course ended. Enter opens "
	                         "her page: F7 there records the job."), nw->n);
	ui_put(ui, 1, 1, ui->cols - 2, line, ST_HINT);
	free(line);
	list_draw(ui, &nw->list, 2, 0, ui->lines - 4, ui->cols);
	if (nw->n == 0)
		ui_put(ui, 4, 2, ui->cols - 4, _("Every completer has found work."), ST_OK);
}

static int nowork_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct nowork *nw = (struct nowork *)s;
	switch (ev->act) {
	case ACT_OPEN: {
		const struct enrol_row *r = list_selected(&nw->list);
		if (r)
			ui_push(ui, rdetail_new(r->resident_id));
		return SK_HANDLED;
	}
	case ACT_EXPORT:
		list_export(ui, &nw->list, &nowork_file);
		return SK_HANDLED;
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	default:
		return list_key(ui, &nw->list, ev);
	}
}

static void nowork_resume(struct ui *ui, struct screen *s)
{
	struct nowork *nw = (struct nowork *)s;
	nowork_load(ui, nw);
	list_reload(&nw->list);
}

static void nowork_leave(struct ui *ui, struct screen *s)
{
	struct nowork *nw = (struct nowork *)s;
	(void)ui;
	list_free(&nw->list);
	free(nw->rows);
	free(nw);
}

static const struct screen_ops nowork_ops = {
	.name = "no-job", .acts = nowork_acts,
	.enter = nowork_enter, .draw = nowork_draw, .key = nowork_key, .leave = nowork_leave,
	.resume = nowork_resume, .reload = nowork_resume,
};

struct screen *nowork_new(int64_t course_id)
{
	struct nowork *nw = xcalloc(1, sizeof *nw);
	nw->s.ops = &nowork_ops;
	nw->course_id = course_id;
	return &nw->s;
}
