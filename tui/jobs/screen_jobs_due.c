/* tui/jobs/screen_jobs_due.c: public-welfare posts whose subsidy ends within N days (the setting
 * jobs.subsidy_due_days, 60) or has ended, soonest first, so the office re-assesses the people on
 * them in time (W6 step 5); and a placement's form: the subsidy extended, or the placement ended
 * (the date, why, and her status after it). */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "screen_jobs.h"

struct due {
	struct screen s;
	struct ui *ui;
	struct list list;
	int days;
};

static const int due_acts[] = {
	ACT_EXPORT, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

/* At 80 columns: 8 name, 16 post, 14 employer, 10 start, 10 subsidy end, 8 days left. */
struct dcols {
	int name, post, emp, start, end, left;
};

static void dcols_for(int w, struct dcols *c)
{
	*c = (struct dcols){ 8, 16, 14, 10, 10, 8 };
	int extra = w - (8 + 16 + 14 + 10 + 10 + 8 + 5);
	if (extra > 0) {
		int add = extra > 14 ? 14 : extra;
		c->post += add, extra -= add;
		c->emp += extra > 20 ? 20 : extra;
	}
}

static void due_header(struct ui *ui, void *arg, int y, int x, int w)
{
	struct dcols c;
	(void)arg;
	dcols_for(w - 1, &c);
	ui_fill(ui, y, x, w, ST_HEADER);
	x += 1;
	x = ui_col(ui, y, x, c.name, "姓名", ST_HEADER);
	x = ui_col(ui, y, x, c.post, "岗位", ST_HEADER);
	x = ui_col(ui, y, x, c.emp, "用人单位", ST_HEADER);
	x = ui_col(ui, y, x, c.start, "上岗日期", ST_HEADER);
	x = ui_col(ui, y, x, c.end, "补贴截止", ST_HEADER);
	ui_col(ui, y, x, c.left, "剩余", ST_HEADER);
}

static void due_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	const struct placement_due_row *r = row;
	struct dcols c;
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	(void)arg;
	dcols_for(w - 1, &c);
	char *left = r->days_left >= 0 ? xasprintf(_("%d days"), r->days_left)
	                               : xasprintf(_("%d days ago"), -r->days_left);
	ui_put(ui, y, x, 1, sel ? ">" : " ", hs);
	x += 1;
	x = ui_col(ui, y, x, c.name, r->name, hs);
	x = ui_col(ui, y, x, c.post, r->title, ST_NORMAL);
	x = ui_col(ui, y, x, c.emp, r->employer, ST_NORMAL);
	x = ui_col(ui, y, x, c.start, r->start, ST_NORMAL);
	x = ui_col(ui, y, x, c.end, r->subsidy_end, ST_NORMAL);
	ui_col(ui, y, x, c.left, left, r->days_left < 0 ? ST_ERROR : r->days_left <= 30 ? ST_WARN : ST_NORMAL);
	free(left);
}

/* F7: the list to a file (list_export): the columns shown, the registration number beside them,
 * the days left as a number (negative: ended that many days ago) */
static const struct sheet_col due_file_cols[] = {
	{ "姓名", SC_TEXT, 0 }, { "登记编号", SC_TEXT, 0 }, { "岗位", SC_TEXT, 0 }, { "用人单位", SC_TEXT, 0 },
	{ "上岗日期", SC_DATE, 0 }, { "补贴截止", SC_DATE, 0 }, { "剩余天数", SC_INT, 0 },
};

static void due_file_cells(struct ui *ui, void *arg, const void *row, char **cells)
{
	const struct placement_due_row *r = row;
	(void)ui;
	(void)arg;
	const char *v[] = { r->name, r->reg_no, r->title, r->employer, r->start, r->subsidy_end };
	for (size_t c = 0; c < ARRAY_LEN(v); c++)
		cells[c] = xstrdup(v[c]);
	cells[6] = xasprintf("%d", r->days_left);
}

static const struct list_export due_file = {
	"公益性岗位补贴到期", due_file_cols, (int)ARRAY_LEN(due_file_cols), due_file_cells, NULL,
};

static int due_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows, int *n,
                     int *more, char next[128], struct jy_err *err)
{
	struct due *d = arg;
	struct placement_due_row *r = NULL;
	(void)query;
	(void)limit;
	*more = 0;
	next[0] = '\0';
	*n = 0;
	*rows = NULL;
	if (cursor && *cursor)
		return JY_OK;           /* the whole list came at once: a few dozen people at most */
	int rc = placement_due(d->ui->db, d->ui->today, d->days, &r, n, err);
	*rows = r;
	return rc;
}

static int64_t due_row_id(const void *row)
{
	return ((const struct placement_due_row *)row)->id;
}

static void due_enter(struct ui *ui, struct screen *s)
{
	struct due *d = (struct due *)s;
	struct list_src src = {
		.fetch = due_fetch, .draw_row = due_row, .draw_header = due_header, .row_id = due_row_id,
		.row_size = sizeof(struct placement_due_row), .arg = d,
	};
	d->ui = ui;
	struct jy_err err = { 0 };
	if (db_setting_int(ui->db, "jobs.subsidy_due_days", 60, &d->days, &err) != JY_OK)
		ui_err(ui, &err);       /* the list is then of the default 60 days, and says so */
	list_init(&d->list, &src);
	list_query(&d->list, "");
}

static void due_draw(struct ui *ui, struct screen *s)
{
	struct due *d = (struct due *)s;
	char *title = xasprintf(_("Public-welfare subsidies ending within %d days"), d->days);
	ui_title(ui, title);
	free(title);
	ui_put(ui, 1, 1, ui->cols - 2, _("Re-assess each before the subsidy ends: Enter extends it or ends the placement"),
	       ST_HINT);
	list_draw(ui, &d->list, 2, 0, ui->lines - 4, ui->cols);
	if (list_count_known(&d->list, NULL) == 0 && !d->list.err[0])
		ui_put(ui, 4, 2, ui->cols - 4, _("No public-welfare subsidy ends soon."), ST_HINT);
}

static struct screen *placement_form_new(int64_t id);

static int due_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct due *d = (struct due *)s;
	switch (ev->act) {
	case ACT_OPEN: {
		const struct placement_due_row *r = list_selected(&d->list);
		if (r)
			ui_push(ui, placement_form_new(r->id));
		return SK_HANDLED;
	}
	case ACT_EXPORT:
		list_export(ui, &d->list, &due_file);
		return SK_HANDLED;
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	default:
		return list_key(ui, &d->list, ev);
	}
}

static void due_resume(struct ui *ui, struct screen *s)
{
	(void)ui;
	list_reload(&((struct due *)s)->list);
}

static void due_leave(struct ui *ui, struct screen *s)
{
	struct due *d = (struct due *)s;
	(void)ui;
	list_free(&d->list);
	free(d);
}

static const struct screen_ops due_ops = {
	.name = "subsidies-due", .acts = due_acts,
	.enter = due_enter, .draw = due_draw, .key = due_key, .leave = due_leave,
	.resume = due_resume, .reload = due_resume,
};

struct screen *due_new(void)
{
	struct due *d = xcalloc(1, sizeof *d);
	d->s.ops = &due_ops;
	return &d->s;
}

/* ---- a placement: the subsidy extended, or the placement ended ------------------------------------- */

enum { PL_SUBSIDY, PL_CONTRACT, PL_END, PL_REASON, PL_AFTER };
static const struct jsmall_field placement_fields[] = {
	[PL_SUBSIDY] = { "补贴截止", FK_DATE, NULL, 10, 0 },
	[PL_CONTRACT] = { "签订劳动合同", FK_BOOL, NULL, 1, 0 },
	[PL_END] = { "离岗日期", FK_DATE, NULL, 10, 0 },
	[PL_REASON] = { "离岗原因", FK_TEXT, NULL, 60, 0 },
	[PL_AFTER] = { "离岗后状态", FK_CODE, "emp_status", 10, 0 },
};

static void placement_enter(struct ui *ui, struct jsmall *f)
{
	struct placement *p = NULL;
	struct jy_err err = { 0 };
	f->title = xstrdup(_("Placement"));
	if (placement_load(ui->db, f->id, &p, &err) != JY_OK) {
		jsmall_info(f, xstrdup(err.msg));
		return;
	}
	jsmall_info(f, xasprintf("%s: %s, %s; %s %s; %s", p->resident_name, p->posting_title ? p->posting_title : "-",
	                         p->employer ? p->employer : "-", "上岗日期", p->start_date,
	                         ui_code_label(ui, "emp_form", p->form)));
	jsmall_info(f, xstrdup(_("A later 补贴截止 extends the subsidy; 离岗日期 and 离岗原因 end the placement and "
	                         "record her status after it")));
	field_set(ui, &f->form.f[PL_SUBSIDY], p->subsidy_end);
	field_set(ui, &f->form.f[PL_CONTRACT], p->contract ? "1" : "0");
	field_set(ui, &f->form.f[PL_END], p->end_date);
	field_set(ui, &f->form.f[PL_REASON], p->end_reason);
	field_set(ui, &f->form.f[PL_AFTER], "10");
	f->data = p;
}

static int placement_form_save(struct ui *ui, struct jsmall *f, struct jy_err *err)
{
	struct placement *p = f->data;
	if (!p)
		return err_set(err, JY_ENOTFOUND, NULL, _("the placement no longer exists"));
	const char *c = jsmall_value(f, PL_CONTRACT);
	xstrset(&p->subsidy_end, jsmall_value(f, PL_SUBSIDY));
	xstrset(&p->end_date, jsmall_value(f, PL_END));
	xstrset(&p->end_reason, jsmall_value(f, PL_REASON));
	p->contract = c && strcmp(c, "1") == 0;
	int rc = placement_save(ui->db, p, jsmall_value(f, PL_AFTER), err);
	if (rc == JY_OK)
		ui_msg(ui, ST_OK, _("Saved: %s, %s"), p->resident_name, _("Placement"));
	return rc;
}

static void placement_leave(struct jsmall *f)
{
	struct placement *p = f->data;
	placement_free(&p);
}

static const struct jsmall_kind placement_kind = {
	.name = "placement", .fields = placement_fields, .n = (int)ARRAY_LEN(placement_fields),
	.enter = placement_enter, .save = placement_form_save, .leave = placement_leave,
};

static struct screen *placement_form_new(int64_t id)
{
	return jsmall_new(&placement_kind, id, 0);
}
