/* tui/jobs/screen_employers.c: employers (用人单位): the list searched as you type (name by characters or
 * pinyin initials, code, credit code), and one employer's page: its record, its job information
 * and its change history. From the page: F5 edits, F4 posts new job information for it, Enter
 * lists its postings. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "screen_jobs.h"

/* ---- the list --------------------------------------------------------------------------------- */

static const int employers_acts[] = {
	ACT_SEARCH, ACT_NEW, ACT_EXPORT, ACT_IMPORT, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP,
	ACT_PGDN, ACT_HOME, ACT_END, 0
};

/* F9: the file jiuye import employers reads */
static const struct import_kind employers_import = {
	N_("Import employers from a file"), "employers", import_employers, 0, NULL,
};

/* At 80 columns: 4 code, 24 name, 10 kind, 8 contact, 12 phone, 4 woman-owned, 6 open postings. */
struct ecols {
	int code, name, kind, contact, phone, woman, open;
};

static void ecols_for(int w, struct ecols *c)
{
	*c = (struct ecols){ 4, 22, 10, 8, 11, 4, 6 };
	int extra = w - (4 + 22 + 10 + 8 + 11 + 4 + 6 + 7);
	if (extra > 0) {
		int add = extra > 20 ? 20 : extra;
		c->name += add, extra -= add;
		c->kind += extra / 2;
		c->contact += extra - extra / 2;
	}
}

static void employers_header(struct ui *ui, struct jlist *l, int y, int x, int w)
{
	struct ecols c;
	(void)l;
	ecols_for(w, &c);
	x = ui_col(ui, y, x, c.code, "编号", ST_HEADER);
	x = ui_col(ui, y, x, c.name, "单位名称", ST_HEADER);
	x = ui_col(ui, y, x, c.kind, "单位类型", ST_HEADER);
	x = ui_col(ui, y, x, c.contact, "联系人", ST_HEADER);
	x = ui_col(ui, y, x, c.phone, "联系电话", ST_HEADER);
	x = ui_col(ui, y, x, c.woman, "女企", ST_HEADER);
	ui_col(ui, y, x, c.open, "在招", ST_HEADER);
}

static void employers_row(struct ui *ui, struct jlist *l, const void *row, int y, int x, int w, int sel)
{
	const struct employer_row *r = row;
	struct ecols c;
	char open[12];
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	(void)l;
	ecols_for(w, &c);
	snprintf(open, sizeof open, "%d", r->open_postings);
	x = ui_col(ui, y, x, c.code, r->code, hs);
	x = ui_col(ui, y, x, c.name, r->name, hs);
	x = ui_col(ui, y, x, c.kind, ui_code_label(ui, "employer_kind", r->kind), ST_NORMAL);
	x = ui_col(ui, y, x, c.contact, r->contact, ST_NORMAL);
	x = ui_col(ui, y, x, c.phone, r->phone, ST_NORMAL);
	x = ui_col(ui, y, x, c.woman, r->woman_owned ? "是" : "", ST_NORMAL);
	ui_col(ui, y, x, c.open, open, ST_NORMAL);
}

static int employers_fetch(struct ui *ui, struct jlist *l, const char *query, const char *cursor, int limit,
                           struct job_page *out, struct jy_err *err)
{
	(void)l;
	return employer_search(ui->db, query, cursor, limit, out, err);
}

static int64_t employer_row_id(const void *row)
{
	return ((const struct employer_row *)row)->id;
}

static void employers_open(struct ui *ui, struct jlist *l, const void *row)
{
	(void)l;
	ui_push(ui, employer_page_new(((const struct employer_row *)row)->id));
}

static void employers_create(struct ui *ui, struct jlist *l)
{
	(void)l;
	ui_push(ui, jform_new(ui, JR_EMPLOYER, 0, 0));
}

/* F7: the list to a file (list_export): the columns shown, with the industry beside them */
static const struct sheet_col employers_file_cols[] = {
	{ "单位编号", SC_TEXT, 0 }, { "单位名称", SC_TEXT, 0 }, { "单位类型", SC_TEXT, 0 },
	{ "所属行业", SC_TEXT, 0 }, { "联系人", SC_TEXT, 0 }, { "联系电话", SC_CODE, 0 },
	{ "女企业家企业", SC_TEXT, 0 }, { "在招岗位", SC_INT, 0 },
};

static void employers_file_cells(struct ui *ui, void *arg, const void *row, char **cells)
{
	const struct employer_row *r = row;
	(void)arg;
	cells[0] = xstrdup(r->code);
	cells[1] = xstrdup(r->name);
	cells[2] = xstrdup(ui_code_label(ui, "employer_kind", r->kind));
	cells[3] = xstrdup(ui_code_label(ui, "industry", r->industry));
	cells[4] = xstrdup(r->contact);
	cells[5] = xstrdup(r->phone);
	cells[6] = xstrdup(r->woman_owned ? "是" : "否");
	cells[7] = xasprintf("%d", r->open_postings);
}

static const struct list_export employers_file = {
	"用人单位", employers_file_cols, (int)ARRAY_LEN(employers_file_cols), employers_file_cells,
	template_employers,
};

static const struct jlist_kind employers_kind = {
	.name = N_("Employers"), .acts = employers_acts, .type = JR_EMPLOYER,
	.row_size = sizeof(struct employer_row), .fetch = employers_fetch, .header = employers_header,
	.row = employers_row, .row_id = employer_row_id, .open = employers_open, .create = employers_create,
	.empty = N_("No employers yet. F4 registers one."), .file = &employers_file,
	.import = &employers_import,
};

struct screen *employers_new(void)
{
	return jlist_new(&employers_kind, 0, 0, NULL);
}

/* ---- one employer's page ------------------------------------------------------------------------- */

static const int epage_acts[] = {
	ACT_EDIT, ACT_NEW, ACT_OPEN, ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

static void epage_build(struct ui *ui, struct jpage *p)
{
	struct jobrec *r = NULL;
	struct jy_err err = { 0 };
	if (jobrec_load(ui->db, JR_EMPLOYER, p->id, &r, &err) != JY_OK) {
		page_line(&p->page, ST_ERROR, 0, err.msg);
		return;
	}
	free(p->title);
	p->title = xasprintf("%s > %s %s", _("Employers"), r->code, jobrec_get(r, EMP_NAME));
	jpage_record(ui, p, r);
	page_section(&p->page, _("Job information (F4 posts new job information, Enter lists it)"));
	struct job_page pg;
	int n = 0, rc = posting_search(ui->db, NULL, POSTINGS_ALL, p->id, NULL, 200, &pg, &err);
	if (rc != JY_OK) {
		page_line(&p->page, ST_ERROR, 0, err.msg);
		ui_err(ui, &err);
	} else {
		const struct posting_row *rows = pg.rows;
		for (n = 0; n < pg.n; n++) {
			char *t = xasprintf("%s  %s  %s  %d/%d  %s %s", rows[n].code, rows[n].title,
			                    ui_code_label(ui, "posting_status", rows[n].state), rows[n].filled,
			                    rows[n].openings, _("closes"), rows[n].closes[0] ? rows[n].closes : "-");
			page_wrapped(&p->page, 8, ST_NORMAL, t);
			free(t);
		}
		job_page_free(&pg);
	}
	if (!rc && !n)
		page_line(&p->page, ST_HINT, 0, _("none"));
	jpage_history(ui, p, "employer", JR_EMPLOYER, p->id);
	jobrec_free(&r);
}

static int epage_key(struct ui *ui, struct jpage *p, const struct ui_event *ev)
{
	switch (ev->act) {
	case ACT_EDIT:
		ui_push(ui, jform_new(ui, JR_EMPLOYER, p->id, 0));
		return SK_HANDLED;
	case ACT_NEW:
		ui_push(ui, jform_new(ui, JR_POSTING, 0, p->id));
		return SK_HANDLED;
	case ACT_OPEN:
		ui_push(ui, postings_new(p->id));
		return SK_HANDLED;
	case ACT_BACK:
		jobs_list_select(ui, JR_EMPLOYER, p->id);
		return 0;
	default:
		return 0;
	}
}

static const struct jpage_kind epage_kind = {
	.name = "employer", .acts = epage_acts, .build = epage_build, .key = epage_key,
};

struct screen *employer_page_new(int64_t id)
{
	return jpage_new(&epage_kind, id);
}
