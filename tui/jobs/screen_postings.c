/* tui/jobs/screen_postings.c: job information (就业信息, one item holding several posts): the list,
 * searched as you type (title, employer by characters or pinyin initials, code) and shown all,
 * open, public-welfare or closing soon in turn (Ctrl-V); and one posting's page: its record with
 * its status as of today (an open posting past its closing date reads 已过期 by itself), its
 * referrals and its change history. F11 from either finds the residents who fit it. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "screen_jobs.h"

static const int postings_acts[] = {
	ACT_SEARCH, ACT_NEW, ACT_MATCH, ACT_FILTER, ACT_EXPORT, ACT_IMPORT, ACT_BACK, ACT_OPEN, ACT_NEXT,
	ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

/* F9: the file jiuye import jobs reads */
static const struct import_kind postings_import = {
	N_("Import job information from a file"), "jobs", import_jobs, 0, NULL,
};

static const char *const filter_names[POSTINGS__COUNT] = {
	[POSTINGS_ALL] = N_("all"), [POSTINGS_OPEN] = N_("open"),
	[POSTINGS_WELFARE] = N_("public-welfare posts, open"), [POSTINGS_CLOSING] = N_("open, closing soon"),
};

/* At 80 columns: 5 code, 16 title, 14 employer, 6 status, 5 filled/openings, 10 closes, 2 公益,
 * 4 referrals. Wider terminals give the extra to employer and title. */
struct pcols {
	int code, title, emp, state, count, closes, pw, refs;
};

static void pcols_for(int w, struct pcols *c)
{
	*c = (struct pcols){ 5, 16, 14, 6, 5, 10, 2, 4 };
	int extra = w - (5 + 16 + 14 + 6 + 5 + 10 + 2 + 4 + 8);
	if (extra > 0) {
		int add = extra > 8 ? 8 : extra;
		c->emp += add, extra -= add;
		add = extra > 14 ? 14 : extra;
		c->title += add, extra -= add;
		c->emp += extra > 12 ? 12 : extra;
	}
}

static void postings_header(struct ui *ui, struct jlist *l, int y, int x, int w)
{
	struct pcols c;
	(void)l;
	pcols_for(w, &c);
	x = ui_col(ui, y, x, c.code, "编号", ST_HEADER);
	x = ui_col(ui, y, x, c.title, "岗位名称", ST_HEADER);
	x = ui_col(ui, y, x, c.emp, "用人单位", ST_HEADER);
	x = ui_col(ui, y, x, c.state, "状态", ST_HEADER);
	x = ui_col(ui, y, x, c.count, "已招", ST_HEADER);
	x = ui_col(ui, y, x, c.closes, "截止日期", ST_HEADER);
	x = ui_col(ui, y, x, c.pw, "公", ST_HEADER);
	ui_col(ui, y, x, c.refs, "推荐", ST_HEADER);
}

static void postings_row(struct ui *ui, struct jlist *l, const void *row, int y, int x, int w, int sel)
{
	const struct posting_row *r = row;
	struct pcols c;
	char count[24], refs[12];
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	(void)l;
	pcols_for(w, &c);
	snprintf(count, sizeof count, "%d/%d", r->filled, r->openings);
	snprintf(refs, sizeof refs, "%d", r->referrals);
	x = ui_col(ui, y, x, c.code, r->code, hs);
	x = ui_col(ui, y, x, c.title, r->title, hs);
	x = ui_col(ui, y, x, c.emp, r->employer, ST_NORMAL);
	x = ui_col(ui, y, x, c.state, ui_code_label(ui, "posting_status", r->state),
	         posting_state_of(r->state) == PSTATE_OPEN ? ST_OK : ST_HINT);
	x = ui_col(ui, y, x, c.count, count, ST_NORMAL);
	x = ui_col(ui, y, x, c.closes, r->closes, ST_NORMAL);
	x = ui_col(ui, y, x, c.pw, r->public_welfare ? "是" : "", ST_NORMAL);
	ui_col(ui, y, x, c.refs, refs, ST_NORMAL);
}

static int postings_fetch(struct ui *ui, struct jlist *l, const char *query, const char *cursor, int limit,
                          struct job_page *out, struct jy_err *err)
{
	return posting_search(ui->db, query, l->filter, l->owner, cursor, limit, out, err);
}

static int64_t posting_row_id(const void *row)
{
	return ((const struct posting_row *)row)->id;
}

static void postings_open(struct ui *ui, struct jlist *l, const void *row)
{
	(void)l;
	ui_push(ui, posting_page_new(((const struct posting_row *)row)->id));
}

static void postings_create(struct ui *ui, struct jlist *l)
{
	ui_push(ui, jform_new(ui, JR_POSTING, 0, l->owner));
}

static int postings_key(struct ui *ui, struct jlist *l, const struct ui_event *ev)
{
	if (ev->act != ACT_MATCH)
		return 0;
	const struct posting_row *r = list_selected(&l->list);
	if (r) {
		l->qs.searching = 0;
		l->want_id = r->id;
		ui_push(ui, match_residents_new(r->id));
	}
	return SK_HANDLED;
}

/* F7: the list to a file (list_export), as shown (all, open, public-welfare or closing soon) */
static const struct sheet_col postings_file_cols[] = {
	{ "岗位编号", SC_TEXT, 0 }, { "岗位名称", SC_TEXT, 0 }, { "用人单位", SC_TEXT, 0 },
	{ "状态", SC_TEXT, 0 }, { "招聘人数", SC_INT, 0 }, { "已招人数", SC_INT, 0 },
	{ "发布日期", SC_DATE, 0 }, { "截止日期", SC_DATE, 0 }, { "公益性岗位", SC_TEXT, 0 },
	{ "推荐人次", SC_INT, 0 },
};

static void postings_file_cells(struct ui *ui, void *arg, const void *row, char **cells)
{
	const struct posting_row *r = row;
	(void)arg;
	cells[0] = xstrdup(r->code);
	cells[1] = xstrdup(r->title);
	cells[2] = xstrdup(r->employer);
	cells[3] = xstrdup(ui_code_label(ui, "posting_status", r->state));
	cells[4] = xasprintf("%d", r->openings);
	cells[5] = xasprintf("%d", r->filled);
	cells[6] = xstrdup(r->posted);
	cells[7] = xstrdup(r->closes);
	cells[8] = xstrdup(r->public_welfare ? "是" : "否");
	cells[9] = xasprintf("%d", r->referrals);
}

static const struct list_export postings_file = {
	"岗位信息", postings_file_cols, (int)ARRAY_LEN(postings_file_cols), postings_file_cells,
	template_jobs,
};

static const struct jlist_kind postings_kind = {
	.name = N_("Job information"), .acts = postings_acts, .type = JR_POSTING,
	.row_size = sizeof(struct posting_row), .nfilters = POSTINGS__COUNT, .filter_names = filter_names,
	.fetch = postings_fetch, .header = postings_header, .row = postings_row, .row_id = posting_row_id,
	.open = postings_open, .create = postings_create, .key = postings_key,
	.empty = N_("No job information here. F4 posts some; Ctrl-V shows the other postings."),
	.file = &postings_file,
	.import = &postings_import,
};

struct screen *postings_new(int64_t employer_id)
{
	char *title = NULL;
	struct screen *s;
	if (employer_id)
		title = xasprintf("%s (%s)", _("Job information"), _("one employer"));
	s = jlist_new(&postings_kind, employer_id, 0, title);
	free(title);
	return s;
}

/* ---- one posting's page ------------------------------------------------------------------------ */

static const int ppage_acts[] = {
	ACT_EDIT, ACT_MATCH, ACT_OPEN, ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

static void ppage_build(struct ui *ui, struct jpage *p)
{
	struct jobrec *r = NULL;
	struct jy_err err = { 0 };
	if (jobrec_load(ui->db, JR_POSTING, p->id, &r, &err) != JY_OK) {
		page_line(&p->page, ST_ERROR, 0, err.msg);
		return;
	}
	free(p->title);
	p->title = xasprintf("%s > %s %s", _("Job information"), r->code, jobrec_get(r, PST_TITLE));
	int left = atoi(jobrec_get(r, PST_OPENINGS)) - atoi(jobrec_get(r, PST_FILLED));
	char *state = xasprintf(_("%s as of %s: %d of %s posts left"), ui_code_label(ui, "posting_status", r->state),
	                        ui->today, left > 0 ? left : 0, jobrec_get(r, PST_OPENINGS));
	page_line(&p->page, posting_state_of(r->state) == PSTATE_OPEN ? ST_OK : ST_WARN, 0, state);
	free(state);
	jpage_record(ui, p, r);
	page_section(&p->page, _("Referrals (F11 finds who fits, Enter lists the referrals)"));
	struct job_page pg;
	int n = 0, rc = referral_search(ui->db, NULL, 0, p->id, NULL, 200, &pg, &err);
	if (rc != JY_OK) {
		page_line(&p->page, ST_ERROR, 0, err.msg);
		ui_err(ui, &err);
	} else {
		const struct referral_row *rows = pg.rows;
		for (n = 0; n < pg.n; n++) {
			char *t = xasprintf("%s  %s (%s)  %s %s", rows[n].referred_on, rows[n].name, rows[n].reg_no,
			                    ui_code_label(ui, "ref_stage", rows[n].stage), rows[n].stage_on);
			page_wrapped(&p->page, 12, ST_NORMAL, t);
			free(t);
		}
		job_page_free(&pg);
	}
	if (!rc && !n)
		page_line(&p->page, ST_HINT, 0, _("none"));
	jpage_history(ui, p, "posting", JR_POSTING, p->id);
	jobrec_free(&r);
}

static int ppage_key(struct ui *ui, struct jpage *p, const struct ui_event *ev)
{
	switch (ev->act) {
	case ACT_EDIT:
		ui_push(ui, jform_new(ui, JR_POSTING, p->id, 0));
		return SK_HANDLED;
	case ACT_MATCH:
		ui_push(ui, match_residents_new(p->id));
		return SK_HANDLED;
	case ACT_OPEN:
		ui_push(ui, referrals_new(0, p->id));
		return SK_HANDLED;
	case ACT_BACK:
		jobs_list_select(ui, JR_POSTING, p->id);
		return 0;
	default:
		return 0;
	}
}

static const struct jpage_kind ppage_kind = {
	.name = "posting", .acts = ppage_acts, .build = ppage_build, .key = ppage_key,
};

struct screen *posting_page_new(int64_t id)
{
	return jpage_new(&ppage_kind, id);
}
