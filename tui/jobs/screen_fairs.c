/* tui/jobs/screen_fairs.c: job fairs (招聘会, W5): the list searched as you type, and one fair's page
 * with its counts (employers attending, posts offered, visitors, on-site intent agreements and how
 * many of them women: report D1-D4) and its change history. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "screen_jobs.h"

static const int fairs_acts[] = {
	ACT_SEARCH, ACT_NEW, ACT_EXPORT, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, 0
};

/* At 80 columns: 10 date, 24 name, 10 kind, 4 employers, 5 posts, 5 visitors, 8 agreements/women. */
struct fcols {
	int date, name, kind, emp, posts, visitors, agree;
};

static void fcols_for(int w, struct fcols *c)
{
	*c = (struct fcols){ 10, 24, 10, 4, 5, 5, 8 };
	int extra = w - (10 + 24 + 10 + 4 + 5 + 5 + 8 + 7);
	if (extra > 0)
		c->name += extra > 40 ? 40 : extra;
}

static void fairs_header(struct ui *ui, struct jlist *l, int y, int x, int w)
{
	struct fcols c;
	(void)l;
	fcols_for(w, &c);
	x = ui_col(ui, y, x, c.date, "举办日期", ST_HEADER);
	x = ui_col(ui, y, x, c.name, "招聘会名称", ST_HEADER);
	x = ui_col(ui, y, x, c.kind, "类型", ST_HEADER);
	x = ui_col(ui, y, x, c.emp, "单位", ST_HEADER);
	x = ui_col(ui, y, x, c.posts, "岗位", ST_HEADER);
	x = ui_col(ui, y, x, c.visitors, "人次", ST_HEADER);
	ui_col(ui, y, x, c.agree, "协议/女", ST_HEADER);
}

static void fairs_row(struct ui *ui, struct jlist *l, const void *row, int y, int x, int w, int sel)
{
	const struct fair_row *r = row;
	struct fcols c;
	char e[12], p[12], v[12], a[24];
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	(void)l;
	fcols_for(w, &c);
	snprintf(e, sizeof e, "%d", r->employers);
	snprintf(p, sizeof p, "%d", r->posts);
	snprintf(v, sizeof v, "%d", r->visitors);
	snprintf(a, sizeof a, "%d/%d", r->agreements, r->agreements_women);
	x = ui_col(ui, y, x, c.date, r->date, hs);
	x = ui_col(ui, y, x, c.name, r->name, hs);
	x = ui_col(ui, y, x, c.kind, ui_code_label(ui, "fair_kind", r->kind), ST_NORMAL);
	x = ui_col(ui, y, x, c.emp, e, ST_NORMAL);
	x = ui_col(ui, y, x, c.posts, p, ST_NORMAL);
	x = ui_col(ui, y, x, c.visitors, v, ST_NORMAL);
	ui_col(ui, y, x, c.agree, a, ST_NORMAL);
}

static int fairs_fetch(struct ui *ui, struct jlist *l, const char *query, const char *cursor, int limit,
                       struct job_page *out, struct jy_err *err)
{
	(void)l;
	return fair_search(ui->db, query, cursor, limit, out, err);
}

static int64_t fair_row_id(const void *row)
{
	return ((const struct fair_row *)row)->id;
}

static void fairs_open(struct ui *ui, struct jlist *l, const void *row)
{
	(void)l;
	ui_push(ui, fair_page_new(((const struct fair_row *)row)->id));
}

static void fairs_create(struct ui *ui, struct jlist *l)
{
	(void)l;
	ui_push(ui, jform_new(ui, JR_FAIR, 0, 0));
}

/* F7: the list to a file (list_export): the columns shown, the place beside them */
static const struct sheet_col fairs_file_cols[] = {
	{ "举办日期", SC_DATE, 0 }, { "招聘会名称", SC_TEXT, 0 }, { "招聘会类型", SC_TEXT, 0 },
	{ "地点", SC_TEXT, 0 }, { "参会单位数", SC_INT, 0 }, { "提供岗位数", SC_INT, 0 },
	{ "接待人次", SC_INT, 0 }, { "意向协议人数", SC_INT, 0 }, { "其中女性", SC_INT, 0 },
};

static void fairs_file_cells(struct ui *ui, void *arg, const void *row, char **cells)
{
	const struct fair_row *r = row;
	(void)arg;
	cells[0] = xstrdup(r->date);
	cells[1] = xstrdup(r->name);
	cells[2] = xstrdup(ui_code_label(ui, "fair_kind", r->kind));
	cells[3] = xstrdup(r->place);
	cells[4] = xasprintf("%d", r->employers);
	cells[5] = xasprintf("%d", r->posts);
	cells[6] = xasprintf("%d", r->visitors);
	cells[7] = xasprintf("%d", r->agreements);
	cells[8] = xasprintf("%d", r->agreements_women);
}

static const struct list_export fairs_file = {
	"招聘会", fairs_file_cols, (int)ARRAY_LEN(fairs_file_cols), fairs_file_cells, NULL,
};

static const struct jlist_kind fairs_kind = {
	.name = N_("Job fairs"), .acts = fairs_acts, .type = JR_FAIR, .row_size = sizeof(struct fair_row),
	.fetch = fairs_fetch, .header = fairs_header, .row = fairs_row, .row_id = fair_row_id,
	.open = fairs_open, .create = fairs_create, .empty = N_("No job fairs yet. F4 records one."),
	.file = &fairs_file,
};

struct screen *fairs_new(void)
{
	return jlist_new(&fairs_kind, 0, 0, NULL);
}

/* ---- one fair's page ----------------------------------------------------------------------------- */

static const int fpage_acts[] = {
	ACT_EDIT, ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

static void fpage_build(struct ui *ui, struct jpage *p)
{
	struct jobrec *r = NULL;
	struct jy_err err = { 0 };
	if (jobrec_load(ui->db, JR_FAIR, p->id, &r, &err) != JY_OK) {
		page_line(&p->page, ST_ERROR, 0, err.msg);
		return;
	}
	free(p->title);
	p->title = xasprintf("%s > %s", _("Job fairs"), jobrec_get(r, FAIR_NAME));
	jpage_record(ui, p, r);
	jpage_history(ui, p, "fair", JR_FAIR, p->id);
	jobrec_free(&r);
}

static int fpage_key(struct ui *ui, struct jpage *p, const struct ui_event *ev)
{
	if (ev->act == ACT_EDIT) {
		ui_push(ui, jform_new(ui, JR_FAIR, p->id, 0));
		return SK_HANDLED;
	}
	if (ev->act == ACT_BACK)
		jobs_list_select(ui, JR_FAIR, p->id);
	return 0;
}

static const struct jpage_kind fpage_kind = {
	.name = "fair", .acts = fpage_acts, .build = fpage_build, .key = fpage_key,
};

struct screen *fair_page_new(int64_t id)
{
	return jpage_new(&fpage_kind, id);
}
