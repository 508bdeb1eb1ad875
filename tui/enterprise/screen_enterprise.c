/* tui/enterprise/screen_enterprise.c: 创业与贷款 (main menu 6). The list of start-up projects and
 * loans, searched as you type (characters of her name, its pinyin initials, the last digits of
 * her ID number, a code); Ctrl-V shows all, the projects, the loans, or the loans due (near
 * their end or overdue) in turn; F4 adds a project (a loan in the loans' and the due views);
 * Enter opens one. Two more views are 来料加工's: its brokers (Enter edits one, F4 adds one) and
 * its outlets and bases (Enter opens the outlet's fee ledger for a month, F5 edits the outlet, F4
 * adds one), with the fees paid through each (screen_processing.c).
 *
 * A project's page: its fields and stages, F7 the next stage (a form that says what that stage
 * needs), F4 a loan on it, F5 its form. A loan's page: the application, its chain with each
 * step's date and the one to do next, 放款 and the payments; F7 does the next thing (a step, or a
 * rejection or withdrawal with its reason; 放款; a repayment or 贴息), F5 its form. Both show the
 * change history. The rules are core's (core/enterprise/): the screens only ask and show. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "screen_enterprise.h"
#include "jobs/screen_jobs.h"

enum { VIEW_ALL, VIEW_PROJECTS, VIEW_LOANS, VIEW_DUE, VIEW_BROKERS, VIEW_OUTLETS, VIEW__COUNT };
static const char *const view_names[VIEW__COUNT] = {
	N_("Projects and loans"), N_("Projects"), N_("Loans"), N_("Loans due"),
	N_("来料加工 brokers"), N_("来料加工 outlets and bases"),
};

struct ent {
	struct screen s;
	struct ui *ui;
	struct list list;
	struct qsearch qs;
	int view;
	struct enterprise_row *all;     /* the rows of the last search */
	int nall, capall;
	int64_t want_id;
};

static const int ent_acts[] = {
	ACT_SEARCH, ACT_NEW, ACT_EDIT, ACT_FILTER, ACT_EXPORT, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP,
	ACT_PGDN, ACT_HOME, ACT_END, 0
};

static struct screen *project_page_new(int64_t id);
static struct screen *loan_page_new(int64_t id);
static struct screen *project_form_new(int64_t id);
static struct screen *loan_form_new(int64_t id, int64_t project_id);

/* ---- the list ---------------------------------------------------------------------------------- */

/* columns at 80: 11 code, 8 name, 12 state, 10 date, 11 sum, the rest what; from 100 the masked
 * ID number too */
struct cols {
	int code, name, id, state, date, sum, what;
};

static void cols_for(int w, struct cols *c)
{
	*c = (struct cols){ 11, 8, 0, 12, 10, 11, 0 };
	int rest = w - (1 + 11 + 8 + 12 + 10 + 11 + 6);
	if (rest >= 40) {
		c->id = 18;
		rest -= 19;
	}
	c->what = rest > 4 ? rest : 4;
}

static void ent_header(struct ui *ui, void *arg, int y, int x, int w)
{
	struct ent *e = arg;
	struct cols c;
	cols_for(w, &c);
	ui_fill(ui, y, x, w, ST_HEADER);
	x += 1;
	x = ui_col(ui, y, x, c.code, "编号", ST_HEADER);
	x = ui_col(ui, y, x, c.name, "姓名", ST_HEADER);
	x = ui_col(ui, y, x, c.id, "身份证号", ST_HEADER);
	int proc = e->view >= VIEW_BROKERS;
	x = ui_col(ui, y, x, c.state, proc ? "村社区" : "状态", ST_HEADER);
	x = ui_col(ui, y, x, c.date, e->view == VIEW_DUE ? "到期日期" : proc ? "" : "日期",
	           ST_HEADER);
	x = ui_col(ui, y, x, c.sum, e->view == VIEW_DUE ? "尚欠(元)" : proc ? "加工费(元)"
	           : "金额(元)", ST_HEADER);
	ui_col(ui, y, x, c.what, "内容", ST_HEADER);
}

static void ent_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	struct ent *e = arg;
	const struct enterprise_row *r = row;
	struct cols c;
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	cols_for(w, &c);
	ui_put(ui, y, x, 1, sel ? ">" : " ", hs);
	x += 1;
	x = ui_col(ui, y, x, c.code, r->code, hs);
	x = ui_col(ui, y, x, c.name, r->name, hs);
	x = ui_col(ui, y, x, c.id, r->id_no, ST_NORMAL);
	x = ui_col(ui, y, x, c.state, r->state, r->days < 0 ? ST_WARN : ST_NORMAL);
	x = ui_col(ui, y, x, c.date, e->view == VIEW_DUE ? r->due : r->date, ST_NORMAL);
	char y2[32] = "";
	int64_t fen = e->view == VIEW_DUE ? r->owed_fen : r->fen;
	if (fen)
		money_yuan(fen, y2);
	x = ui_col(ui, y, x, c.sum, y2, ST_NORMAL);
	ui_col(ui, y, x, c.what, r->what, ST_NORMAL);
}

static int ent_collect(void *arg, const struct enterprise_row *r)
{
	struct ent *e = arg;
	if ((e->view == VIEW_PROJECTS && r->is_loan) || (e->view == VIEW_LOANS && !r->is_loan))
		return 0;
	/* the brokers and outlets come from the processing lists, into the same rows */
	if (e->view < VIEW_BROKERS && r->is_loan > ENT_LOAN)
		return 0;
	if (e->nall == e->capall) {
		e->capall = e->capall ? e->capall * 2 : 64;
		e->all = xrealloc(e->all, sizeof *e->all * (size_t)e->capall);
	}
	e->all[e->nall++] = *r;
	return 0;
}

/* s into dst whole characters only: as many columns as size bytes can hold of any text. */
static void copy_fit(char *dst, size_t size, const char *s)
{
	int used;
	size_t n = text_fit(s, (int)(2 * ((size - 1) / 3)), &used);
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/* A broker or an outlet as a row of the list: its village, what it does, the fees through it. */
static int prec_collect(void *arg, const struct prec_row *p)
{
	struct ent *e = arg;
	struct enterprise_row r = { .is_loan = e->view == VIEW_OUTLETS ? ENT_OUTLET : ENT_BROKER,
	                            .id = p->id, .fen = p->fee_fen };
	snprintf(r.code, sizeof r.code, "%s", p->code);
	snprintf(r.name, sizeof r.name, "%s", p->name);
	copy_fit(r.state, sizeof r.state, p->unit);
	char *what = xasprintf("%s%s%s", p->what, *p->who ? "  " : "", p->who);
	copy_fit(r.what, sizeof r.what, what);
	free(what);
	return ent_collect(e, &r);
}

static int ent_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows,
                     int *n, int *more, char next[128], struct jy_err *err)
{
	struct ent *e = arg;
	if (!cursor || !*cursor) {      /* a new search: the rows read again */
		e->nall = 0;
		int rc = e->view == VIEW_DUE ? loan_due_each(e->ui->db, NULL, -1, query, ent_collect, e, err)
		         : e->view >= VIEW_BROKERS
		         ? prec_each(e->ui->db, e->view == VIEW_OUTLETS, query, prec_collect, e, err)
		         : enterprise_each(e->ui->db, query, 0, ent_collect, e, err);
		if (rc)
			return rc;
	}
	return list_fetch_array(e->all, e->nall, sizeof *e->all, cursor, limit, rows, n, more, next);
}

static int64_t ent_row_id(const void *row)
{
	const struct enterprise_row *r = row;
	return r->id * 4 + r->is_loan;
}

static const struct sheet_col ent_file_cols[] = {
	{ "编号", SC_TEXT, 0 }, { "姓名", SC_TEXT, 0 }, { "身份证号", SC_CODE, 0 },
	{ "状态", SC_TEXT, 0 }, { "日期", SC_DATE, 0 }, { "金额(元)", SC_NUM, 0 },
	{ "尚欠(元)", SC_NUM, 0 }, { "到期日期", SC_DATE, 0 }, { "内容", SC_TEXT, 0 },
};

static void ent_file_cells(struct ui *ui, void *arg, const void *row, char **cells)
{
	const struct enterprise_row *r = row;
	char y[32];
	(void)ui, (void)arg;
	cells[0] = xstrdup(r->code);
	cells[1] = xstrdup(r->name);
	cells[2] = xstrdup(r->id_no);
	cells[3] = xstrdup(r->state);
	cells[4] = xstrdup(r->date);
	money_yuan(r->fen, y);
	cells[5] = r->fen ? xstrdup(y) : NULL;
	money_yuan(r->owed_fen, y);
	cells[6] = r->owed_fen ? xstrdup(y) : NULL;
	cells[7] = r->due[0] ? xstrdup(r->due) : NULL;
	cells[8] = xstrdup(r->what);
}

static const struct list_export ent_file = {
	"创业与贷款", ent_file_cols, (int)ARRAY_LEN(ent_file_cols), ent_file_cells, NULL,
};

static void ent_enter(struct ui *ui, struct screen *s)
{
	struct ent *e = (struct ent *)s;
	struct list_src src = {
		.fetch = ent_fetch, .draw_row = ent_row, .draw_header = ent_header,
		.row_id = ent_row_id, .row_size = sizeof(struct enterprise_row), .arg = e,
	};
	e->ui = ui;
	list_init(&e->list, &src);
	qsearch_init(&e->qs, &e->list);
	list_query(&e->list, "");
}

static void ent_draw(struct ui *ui, struct screen *s)
{
	struct ent *e = (struct ent *)s;
	char *where = xasprintf("%s > %s", _("Enterprise and loans"), _(view_names[e->view]));
	ui_title(ui, where);
	free(where);
	list_draw(ui, &e->list, 1, 0, ui->lines - 3, ui->cols);
	int exact;
	long known = list_count_known(&e->list, &exact);
	if (known == 0 && !e->list.err[0])
		ui_put(ui, 3, 2, ui->cols - 4,
		       e->qs.q.len ? _("Nothing matches. Backspace changes the search, Esc clears it.")
		       : e->view == VIEW_DUE ? _("No loan is due or overdue.")
		                             : _("No projects or loans yet. F4 adds one."), ST_HINT);
	if (!e->qs.searching && !e->qs.q.len && !ui->msg[0] && known)
		ui_put(ui, ui->lines - 2, 0, ui->cols,
		       e->view == VIEW_OUTLETS ? _("Enter: the outlet's fee ledger; F5 edits it; typing searches")
		       : _("Enter opens; typing searches; Ctrl-V: projects, loans, loans due, 来料加工"),
		       ST_HINT);
	qsearch_draw(ui, &e->qs);
}

static int ent_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct ent *e = (struct ent *)s;
	int r = qsearch_key(&e->qs, ev);
	if (r)
		return r;
	const struct enterprise_row *row;
	switch (ev->act) {
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	case ACT_FILTER:
		e->view = (e->view + 1) % VIEW__COUNT;
		list_query(&e->list, e->qs.q.len ? e->qs.q.buf : "");
		return SK_HANDLED;
	case ACT_NEW:
		e->qs.searching = 0;
		ui_push(ui, e->view == VIEW_BROKERS ? broker_form_new(0)
		        : e->view == VIEW_OUTLETS ? outlet_form_new(0)
		        : e->view >= VIEW_LOANS ? loan_form_new(0, 0) : project_form_new(0));
		return SK_HANDLED;
	case ACT_EDIT:
		if (e->view != VIEW_OUTLETS || !(row = list_selected(&e->list)))
			return SK_HANDLED;
		e->qs.searching = 0;
		e->want_id = ent_row_id(row);
		ui_push(ui, outlet_form_new(row->id));
		return SK_HANDLED;
	case ACT_EXPORT:
		e->qs.searching = 0;
		list_export(ui, &e->list, &ent_file);
		return SK_HANDLED;
	case ACT_OPEN:
		if (!(row = list_selected(&e->list)))
			return SK_HANDLED;
		e->qs.searching = 0;
		e->want_id = ent_row_id(row);
		ui_push(ui, row->is_loan == ENT_BROKER ? broker_form_new(row->id)
		        : row->is_loan == ENT_OUTLET ? fee_ledger_new(row->id)
		        : row->is_loan ? loan_page_new(row->id) : project_page_new(row->id));
		return SK_HANDLED;
	default:
		return list_key(ui, &e->list, ev);
	}
}

static void ent_resume(struct ui *ui, struct screen *s)
{
	struct ent *e = (struct ent *)s;
	(void)ui;
	qsearch_resume(&e->qs, e->want_id);
}

static void ent_reload(struct ui *ui, struct screen *s)
{
	(void)ui;
	list_reload(&((struct ent *)s)->list);
}

static void ent_leave(struct ui *ui, struct screen *s)
{
	struct ent *e = (struct ent *)s;
	(void)ui;
	list_free(&e->list);
	qsearch_free(&e->qs);
	free(e->all);
	free(e);
}

static const struct screen_ops ent_ops = {
	.name = "enterprise", .acts = ent_acts,
	.enter = ent_enter, .draw = ent_draw, .key = ent_key, .leave = ent_leave,
	.resume = ent_resume, .reload = ent_reload,
};

struct screen *enterprise_new(void)
{
	struct ent *e = xcalloc(1, sizeof *e);
	e->s.ops = &ent_ops;
	return &e->s;
}

void ent_select(struct ui *ui, int kind, int64_t id)
{
	for (int i = 0; i < ui->depth; i++)
		if (ui->stack[i]->ops == &ent_ops)
			((struct ent *)ui->stack[i])->want_id = id * 4 + kind;
}

/* ---- pages ------------------------------------------------------------------------------------ */

static void line_kv(struct page *p, const char *label, const char *v)
{
	if (!v || !*v)
		return;
	char *pad = text_fit_pad(label, 16);
	char *l = xasprintf("%s  %s", pad, v);
	page_wrapped(p, 18, ST_NORMAL, l);
	free(l);
	free(pad);
}

static void line_money(struct page *p, const char *label, int64_t fen)
{
	char y[32], w[32];
	money_yuan(fen, y);
	money_wan(fen, w);
	char *v = xasprintf("%s元（%s万元）", y, w);
	line_kv(p, label, v);
	free(v);
}

static const int ppage_acts[] = {
	ACT_STATUS, ACT_NEW, ACT_EDIT, ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, 0
};

static struct screen *stage_form_new(int64_t project_id);

static void ppage_build(struct ui *ui, struct jpage *p)
{
	struct project *pr = NULL;
	struct jy_err err = { 0 };
	if (project_load(ui->db, p->id, &pr, &err) != JY_OK) {
		ui_err(ui, &err);
		page_line(&p->page, ST_ERROR, 0, err.msg);
		return;
	}
	free(p->title);
	p->title = xasprintf("%s > %s %s", _("Enterprise and loans"), project_get(pr, PF_CODE),
	                     project_get(pr, PF_NAME));
	char masked[32];
	mask_idno(project_get(pr, PF_IDNO), masked, sizeof masked);
	for (int f = 0; f < PF__COUNT; f++) {
		if (f == PF_FUNDAMT) {
			if (pr->fund_fen)
				line_money(&p->page, project_fields[f].label, pr->fund_fen);
			continue;
		}
		char *v = f == PF_IDNO ? xstrdup(masked) : project_display(pr, f);
		line_kv(&p->page, project_fields[f].label, v);
		free(v);
	}
	if (pr->stage < PS_OPENED)
		page_wrapped(&p->page, 2, ST_HINT, _("F7: the next stage; F4: a loan for this project"));
	else if (pr->stage == PS_OPENED)
		page_wrapped(&p->page, 2, ST_HINT, _("F7: 运营 or 停业; F4: a loan for this project"));
	project_free(&pr);
	page_section(&p->page, _("History"));
	jpage_history(ui, p, "project", -1, p->id);
}

static int ppage_key(struct ui *ui, struct jpage *p, const struct ui_event *ev)
{
	switch (ev->act) {
	case ACT_STATUS:
		ui_push(ui, stage_form_new(p->id));
		return SK_HANDLED;
	case ACT_NEW:
		ui_push(ui, loan_form_new(0, p->id));
		return SK_HANDLED;
	case ACT_EDIT:
		ui_push(ui, project_form_new(p->id));
		return SK_HANDLED;
	default:
		return 0;
	}
}

static const struct jpage_kind ppage_kind = {
	.name = "project", .acts = ppage_acts, .build = ppage_build, .key = ppage_key,
};

static struct screen *project_page_new(int64_t id)
{
	return jpage_new(&ppage_kind, id);
}

static const int lpage_acts[] = {
	ACT_STATUS, ACT_EDIT, ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

static struct screen *next_form_new(struct ui *ui, int64_t loan_id);

static int pay_line(void *arg, const struct loan_payment_row *r)
{
	struct page *p = arg;
	char y[32];
	money_yuan(r->fen, y);
	char *l = xasprintf("%s  %s  %s元  %s", r->date, r->repayment ? "还款" : "贴息", y, r->note);
	page_wrapped(p, 4, ST_NORMAL, l);
	free(l);
	return 0;
}

static void lpage_build(struct ui *ui, struct jpage *p)
{
	struct loan *l = NULL;
	struct jy_err err = { 0 };
	if (loan_load(ui->db, p->id, &l, &err) != JY_OK) {
		ui_err(ui, &err);
		page_line(&p->page, ST_ERROR, 0, err.msg);
		return;
	}
	free(p->title);
	p->title = xasprintf("%s > %s %s", _("Enterprise and loans"), loan_get(l, LF_CODE),
	                     loan_get(l, LF_NAME));
	/* at 80x24 the state, the chain and the money come first; the application after them */
	char masked[32], st[48], a[32], b[32], c[32];
	mask_idno(loan_get(l, LF_IDNO), masked, sizeof masked);
	loan_state_text(l, ui->today, st);
	line_kv(&p->page, loan_fields[LF_STATE].label, st);
	line_money(&p->page, loan_fields[LF_AMOUNT].label, l->amount_fen);
	page_section(&p->page, _("Approval"));
	for (int i = 0; i <= l->nsteps; i++) {
		const char *name = i < l->nsteps ? l->step_name[i] : "放款";
		const char *date = i < l->nsteps ? l->step_date[i] : loan_get(l, LF_LENTON);
		char *line = xasprintf("%d. %s  %s", i + 1, name, *date ? date : "-");
		int next = strcmp(loan_next_step(l), name) == 0;
		page_wrapped(&p->page, 4, next ? ST_MARK : ST_NORMAL, line);
		free(line);
	}
	if (l->state == LS_REJECTED || l->state == LS_WITHDRAWN) {
		char *line = xasprintf("%s %s：%s", loan_state_label(l->state), loan_get(l, LF_ENDON),
		                       loan_get(l, LF_ENDWHY));
		page_wrapped(&p->page, 2, ST_WARN, line);
		free(line);
	}
	if (*loan_next_step(l)) {
		char *line = xasprintf(_("Next: %s (F7)"), loan_next_step(l));
		page_wrapped(&p->page, 2, ST_HINT, line);
		free(line);
	}
	if (l->lent_fen) {
		page_section(&p->page, _("Disbursement and repayment"));
		char *rate = loan_display(l, LF_RATE);
		money_yuan(l->lent_fen, a);
		money_wan(l->lent_fen, b);
		char *line = xasprintf("%s %s  %s元（%s万元）  %s个月  %s", loan_fields[LF_BANK].label,
		                       loan_get(l, LF_BANK), a, b, loan_get(l, LF_TERM), rate);
		page_wrapped(&p->page, 2, ST_NORMAL, line);
		free(line);
		money_yuan(l->repaid_fen, a);
		money_yuan(l->lent_fen - l->repaid_fen, b);
		money_yuan(l->subsidy_fen, c);
		line = xasprintf("到期 %s  已还 %s元  尚欠 %s元  贴息 %s元", loan_get(l, LF_DUE), a, b, c);
		page_wrapped(&p->page, 2, ST_NORMAL, line);
		free(line);
		free(rate);
		if (loan_payment_each(ui->db, l->id, pay_line, &p->page, &err))
			ui_err(ui, &err);
		if (l->state == LS_REPAYING || l->state == LS_SETTLED)
			page_wrapped(&p->page, 2, ST_HINT, _("F7: a repayment or an interest subsidy"));
	}
	page_section(&p->page, _("Application"));
	for (int f = 0; f < LF_STATE; f++) {
		if (f == LF_AMOUNT)
			continue;
		char *v = f == LF_IDNO ? xstrdup(masked) : loan_display(l, f);
		const char *shown = loan_fields[f].kind == FK_CODE
		                    ? ui_code_label(ui, loan_fields[f].list, v) : v;
		line_kv(&p->page, loan_fields[f].label, shown);
		free(v);
	}
	loan_free(&l);
	page_section(&p->page, _("History"));
	jpage_history(ui, p, "loan", -1, p->id);
}

static int lpage_key(struct ui *ui, struct jpage *p, const struct ui_event *ev)
{
	switch (ev->act) {
	case ACT_STATUS:
		ui_push(ui, next_form_new(ui, p->id));
		return SK_HANDLED;
	case ACT_EDIT:
		ui_push(ui, loan_form_new(p->id, 0));
		return SK_HANDLED;
	default:
		return 0;
	}
}

static const struct jpage_kind lpage_kind = {
	.name = "loan", .acts = lpage_acts, .build = lpage_build, .key = lpage_key,
};

static struct screen *loan_page_new(int64_t id)
{
	return jpage_new(&lpage_kind, id);
}

/* ---- a project's form ------------------------------------------------------------------------ */

/* The form's fields are the worker-typed block of PROJECT_FIELDS (姓名 comes from the registry). */
static const struct entform_field project_form_fields[] = {
	{ "身份证号", FK_IDNO, NULL, 18, FF_REQ }, { "创业构想", FK_TEXT, NULL, 200, FF_REQ },
	{ "行业", FK_TEXT, NULL, 20, 0 }, { "经营地点", FK_TEXT, NULL, 60, 0 },
	{ "培训班编号", FK_TEXT, NULL, 20, 0 }, { "构想日期", FK_DATE, NULL, 10, 0 },
	{ "带动就业人数", FK_TEXT, NULL, 5, 0 }, { "其中女性", FK_TEXT, NULL, 5, 0 },
	{ "备注", FK_TEXT, NULL, 200, 0 },
};
static const int project_form_map[] = {
	PF_IDNO, PF_IDEA, PF_TRADE, PF_PLACE, PF_COURSE, PF_IDEAON, PF_JOBS, PF_JOBSW, PF_NOTE,
};

static void project_form_enter(struct ui *ui, struct entform *f)
{
	struct project *p = NULL;
	struct jy_err err = { 0 };
	if (f->id && project_load(ui->db, f->id, &p, &err) != JY_OK) {
		ui_err(ui, &err);
		return;
	}
	if (p) {
		for (int i = 0; i < (int)ARRAY_LEN(project_form_map); i++)
			entform_set(ui, f, i, project_get(p, project_form_map[i]));
		f->title = xasprintf("%s > %s %s", _("Enterprise and loans"), project_get(p, PF_CODE),
		                     project_get(p, PF_NAME));
	} else {
		f->title = xasprintf("%s > %s", _("Enterprise and loans"), _("New project"));
		entform_info(f, xstrdup(_("Her ID number as registered, and the idea; the rest when known")));
	}
	f->data = p;
}

static int project_form_save(struct ui *ui, struct entform *f, struct jy_err *err)
{
	struct project *p = f->data ? f->data : project_new();
	for (int i = 0; i < (int)ARRAY_LEN(project_form_map); i++)
		project_set(p, project_form_map[i], entform_value(f, i));
	int rc = project_save(ui->db, p, err);
	if (rc == JY_OK) {
		ui_msg(ui, ST_OK, _("Project %s saved"), project_get(p, PF_CODE));
		ent_select(ui, 0, p->id);
		if (!f->data)   /* a new one: its page, over the list (the form leaves from under it) */
			ui_push(ui, project_page_new(p->id));
	}
	if (!f->data)
		project_free(&p);
	return rc;
}

static void project_form_leave(struct entform *f)
{
	struct project *p = f->data;
	project_free(&p);
}

static const struct entform_kind project_form_kind = {
	.name = "project", .fields = project_form_fields, .n = (int)ARRAY_LEN(project_form_fields),
	.enter = project_form_enter, .save = project_form_save, .leave = project_form_leave,
};

static struct screen *project_form_new(int64_t id)
{
	return entform_new(&project_form_kind, id, 0);
}

/* ---- a project's next stage ------------------------------------------------------------------ */

enum { STG_STAGE, STG_DATE, STG_BASE, STG_FUND, STG_FUNDFROM, STG_BIZ, STG_CREDIT, STG_WHY };
static const struct entform_field stage_fields[] = {
	[STG_STAGE] = { "项目状态", FK_TEXT, NULL, 10, FF_REQ },
	[STG_DATE] = { "日期", FK_DATE, NULL, 10, 0 },
	[STG_BASE] = { "孵化基地", FK_TEXT, NULL, 60, 0 },
	[STG_FUND] = { "创业资金", FK_TEXT, NULL, 20, 0 },
	[STG_FUNDFROM] = { "创业资金来源", FK_TEXT, NULL, 60, 0 },
	[STG_BIZ] = { "企业名称", FK_TEXT, NULL, 60, 0 },
	[STG_CREDIT] = { "统一社会信用代码", FK_TEXT, NULL, 20, 0 },
	[STG_WHY] = { "停业原因", FK_TEXT, NULL, 100, 0 },
};

static void stage_form_enter(struct ui *ui, struct entform *f)
{
	struct project *p = NULL;
	struct jy_err err = { 0 };
	if (project_load(ui->db, f->id, &p, &err) != JY_OK) {
		ui_err(ui, &err);
		return;
	}
	f->title = xasprintf("%s > %s > %s", _("Enterprise and loans"), project_get(p, PF_CODE),
	                     _("Next stage"));
	char *line = xasprintf(_("%s is at %s. Stages: 立项 孵化 获得创业资金 开业 运营 停业"),
	                       project_get(p, PF_NAME), project_stage_label(p->stage));
	entform_info(f, line);
	entform_info(f, xstrdup(_("孵化 needs the base, 获得创业资金 the sum, 开业 the business's name (its "
	                        "credit code when it has one), 停业 the reason")));
	int next = p->stage < PS_OPENED ? p->stage + 1 : p->stage == PS_OPENED ? PS_OPERATING : -1;
	if (next >= 0)
		entform_set(ui, f, STG_STAGE, project_stage_label(next));
	entform_set(ui, f, STG_DATE, ui->today);
	f->data = p;
}

static int stage_form_save(struct ui *ui, struct entform *f, struct jy_err *err)
{
	struct project *p = f->data;
	if (!p)
		return err_set(err, JY_ENOTFOUND, NULL, _("the project could not be read"));
	int stage = project_stage_parse(entform_value(f, STG_STAGE));
	struct project_step s = {
		.base = entform_value(f, STG_BASE), .fund = entform_value(f, STG_FUNDFROM),
		.business = entform_value(f, STG_BIZ), .credit_code = entform_value(f, STG_CREDIT),
		.reason = entform_value(f, STG_WHY),
	};
	if (entform_value(f, STG_FUND) && money_parse(entform_value(f, STG_FUND), &s.fund_fen, "创业资金", err))
		return JY_EINVAL;
	int rc = project_advance(ui->db, p, stage, entform_value(f, STG_DATE), &s, err);
	if (rc == JY_EINVAL && !err->field[0])
		snprintf(err->field, sizeof err->field, "项目状态");
	if (rc == JY_EINVAL && strstr(err->field, "日期"))
		snprintf(err->field, sizeof err->field, "日期");
	if (rc == JY_OK)
		ui_msg(ui, ST_OK, _("%s: %s"), project_get(p, PF_CODE), project_stage_label(stage));
	return rc;
}

static const struct entform_kind stage_form_kind = {
	.name = "project-stage", .fields = stage_fields, .n = (int)ARRAY_LEN(stage_fields),
	.enter = stage_form_enter, .save = stage_form_save, .leave = project_form_leave,
};

static struct screen *stage_form_new(int64_t project_id)
{
	return entform_new(&stage_form_kind, project_id, project_id);
}

/* ---- a loan's application -------------------------------------------------------------------- */

static const struct entform_field loan_form_fields[] = {
	{ "身份证号", FK_IDNO, NULL, 18, FF_REQ }, { "项目编号", FK_TEXT, NULL, 20, 0 },
	{ "贷款品种", FK_CODE, "loan_scheme", 10, FF_REQ },
	{ "贷款用途", FK_CODE, "loan_purpose", 10, 0 }, { "申请金额", FK_TEXT, NULL, 20, FF_REQ },
	{ "营业执照", FK_TEXT, NULL, 30, 0 }, { "担保人", FK_TEXT, NULL, 40, 0 },
	{ "担保方式", FK_CODE, "guarantee", 10, 0 }, { "申请日期", FK_DATE, NULL, 10, 0 },
	{ "带动就业人数", FK_TEXT, NULL, 5, 0 }, { "其中女性", FK_TEXT, NULL, 5, 0 },
	{ "备注", FK_TEXT, NULL, 200, 0 },
};
static const int loan_form_map[] = {
	LF_IDNO, LF_PROJECT, LF_SCHEME, LF_PURPOSE, LF_AMOUNT, LF_LICENCE, LF_GUARANTOR, LF_GUARANTEE,
	LF_APPLIED, LF_JOBS, LF_JOBSW, LF_NOTE,
};

static void loan_form_enter(struct ui *ui, struct entform *f)
{
	struct loan *l = NULL;
	struct jy_err err = { 0 };
	if (f->id && loan_load(ui->db, f->id, &l, &err) != JY_OK) {
		ui_err(ui, &err);
		return;
	}
	if (l) {
		for (int i = 0; i < (int)ARRAY_LEN(loan_form_map); i++)
			entform_set(ui, f, i, loan_get(l, loan_form_map[i]));
		f->title = xasprintf("%s > %s %s", _("Enterprise and loans"), loan_get(l, LF_CODE),
		                     loan_get(l, LF_NAME));
	} else {
		f->title = xasprintf("%s > %s", _("Enterprise and loans"), _("Loan application"));
		entform_info(f, xstrdup(_("申请金额 in yuan: 30000, 3万 or 30,000.50; 营业执照 无 when she has "
		                        "none")));
		struct project *p = NULL;
		if (f->id2 && project_load(ui->db, f->id2, &p, &err) == JY_OK) {
			entform_set(ui, f, 0, project_get(p, PF_IDNO));
			entform_set(ui, f, 1, project_get(p, PF_CODE));
		}
		project_free(&p);
		entform_set(ui, f, 8, ui->today);
	}
	f->data = l;
}

static int loan_form_save(struct ui *ui, struct entform *f, struct jy_err *err)
{
	struct loan *l = f->data ? f->data : loan_new();
	for (int i = 0; i < (int)ARRAY_LEN(loan_form_map); i++)
		loan_set(l, loan_form_map[i], entform_value(f, i));
	int rc = loan_save(ui->db, l, err);
	if (rc == JY_OK) {
		ui_msg(ui, ST_OK, _("Loan %s saved; next: %s"), loan_get(l, LF_CODE), loan_next_step(l));
		ent_select(ui, 1, l->id);
		if (!f->data)
			ui_push(ui, loan_page_new(l->id));
	}
	if (!f->data)
		loan_free(&l);
	return rc;
}

static void loan_form_leave(struct entform *f)
{
	struct loan *l = f->data;
	loan_free(&l);
}

static const struct entform_kind loan_form_kind = {
	.name = "loan", .fields = loan_form_fields, .n = (int)ARRAY_LEN(loan_form_fields),
	.enter = loan_form_enter, .save = loan_form_save, .leave = loan_form_leave,
};

static struct screen *loan_form_new(int64_t id, int64_t project_id)
{
	return entform_new(&loan_form_kind, id, project_id);
}

/* ---- a loan's next thing: a step (or the end), 放款, a payment ------------------------------- */

enum { NX_STEP, NX_DATE, NX_RESULT, NX_NOTE };
static const struct entform_field step_fields[] = {
	[NX_STEP] = { "审批步骤", FK_TEXT, NULL, 20, FF_RO },
	[NX_DATE] = { "日期", FK_DATE, NULL, 10, 0 },
	[NX_RESULT] = { "结果", FK_TEXT, NULL, 6, FF_REQ },
	[NX_NOTE] = { "备注", FK_TEXT, NULL, 100, 0 },
};
enum { DB_BANK, DB_LENT, DB_DATE, DB_TERM, DB_RATE };
static const struct entform_field disburse_fields[] = {
	[DB_BANK] = { "放款银行", FK_TEXT, NULL, 40, FF_REQ },
	[DB_LENT] = { "放款金额", FK_TEXT, NULL, 20, FF_REQ },
	[DB_DATE] = { "放款日期", FK_DATE, NULL, 10, 0 },
	[DB_TERM] = { "期限(月)", FK_TEXT, NULL, 4, FF_REQ },
	[DB_RATE] = { "年利率", FK_TEXT, NULL, 8, FF_REQ },
};
enum { PY_KIND, PY_SUM, PY_DATE, PY_NOTE };
static const struct entform_field pay_fields[] = {
	[PY_KIND] = { "类型", FK_TEXT, NULL, 4, FF_REQ },
	[PY_SUM] = { "金额", FK_TEXT, NULL, 20, FF_REQ },
	[PY_DATE] = { "日期", FK_DATE, NULL, 10, 0 },
	[PY_NOTE] = { "备注", FK_TEXT, NULL, 100, 0 },
};

static void next_enter(struct ui *ui, struct entform *f)
{
	struct loan *l = NULL;
	struct jy_err err = { 0 };
	if (loan_load(ui->db, f->id, &l, &err) != JY_OK) {
		ui_err(ui, &err);
		return;
	}
	f->data = l;
	f->title = xasprintf("%s > %s %s > %s", _("Enterprise and loans"), loan_get(l, LF_CODE),
	                     loan_get(l, LF_NAME), f->k->fields == step_fields ? _("Approval step")
	                     : f->k->fields == disburse_fields ? "放款" : _("Payment"));
	char st[48], y[32];
	loan_state_text(l, ui->today, st);
	money_yuan(l->amount_fen, y);
	entform_info(f, xasprintf("%s  %s  %s元", loan_get(l, LF_CODE), st, y));
	if (f->k->fields == step_fields) {
		entform_set(ui, f, NX_STEP, loan_next_step(l));
		entform_set(ui, f, NX_DATE, ui->today);
		entform_set(ui, f, NX_RESULT, "通过");
		entform_info(f, xstrdup(_("结果: 通过, or 不予通过 / 撤回 with the reason in 备注")));
	} else if (f->k->fields == disburse_fields) {
		entform_set(ui, f, DB_LENT, y);
		entform_set(ui, f, DB_DATE, ui->today);
	} else {
		money_yuan(l->lent_fen - l->repaid_fen, y);
		entform_info(f, xasprintf(_("Still owed: %s yuan. 类型: 还款 or 贴息"), y));
		entform_set(ui, f, PY_KIND, l->state == LS_SETTLED ? "贴息" : "还款");
		entform_set(ui, f, PY_DATE, ui->today);
	}
}

static int step_save(struct ui *ui, struct entform *f, struct jy_err *err)
{
	struct loan *l = f->data;
	if (!l)
		return err_set(err, JY_ENOTFOUND, NULL, _("the loan could not be read"));
	const char *res = entform_value(f, NX_RESULT);
	int rc;
	if (res && (strcmp(res, "不予通过") == 0 || strcmp(res, "未通过") == 0 || strcmp(res, "撤回") == 0)) {
		rc = loan_end(ui->db, l, strcmp(res, "撤回") != 0, entform_value(f, NX_DATE),
		              entform_value(f, NX_NOTE), err);
		if (rc == JY_EINVAL && strcmp(err->field, "结束原因") == 0)
			snprintf(err->field, sizeof err->field, "备注");
	} else if (!res || strcmp(res, "通过") == 0) {
		rc = loan_step(ui->db, l, NULL, entform_value(f, NX_DATE), entform_value(f, NX_NOTE), err);
	} else {
		return err_set(err, JY_EINVAL, "结果", _("通过, 不予通过 or 撤回"));
	}
	if (rc == JY_EINVAL && (strcmp(err->field, "审批步骤") == 0 || strstr(err->field, "日期")))
		snprintf(err->field, sizeof err->field, "日期");
	if (rc == JY_OK)
		ui_msg(ui, ST_OK, _("%s: %s; next: %s"), loan_get(l, LF_CODE), loan_state_label(l->state),
		       *loan_next_step(l) ? loan_next_step(l) : "-");
	return rc;
}

static int disburse_save(struct ui *ui, struct entform *f, struct jy_err *err)
{
	struct loan *l = f->data;
	if (!l)
		return err_set(err, JY_ENOTFOUND, NULL, _("the loan could not be read"));
	struct loan_disbursal d = { .bank = entform_value(f, DB_BANK), .date = entform_value(f, DB_DATE) };
	if (money_parse(entform_value(f, DB_LENT), &d.lent_fen, "放款金额", err) ||
	    rate_parse(entform_value(f, DB_RATE), &d.rate_bp, "年利率", err))
		return JY_EINVAL;
	const char *t = entform_value(f, DB_TERM);
	d.term_months = t ? atoi(t) : 0;
	int rc = loan_disburse(ui->db, l, &d, err);
	if (rc == JY_OK)
		ui_msg(ui, ST_OK, _("%s disbursed, due %s"), loan_get(l, LF_CODE), loan_get(l, LF_DUE));
	return rc;
}

static int pay_save(struct ui *ui, struct entform *f, struct jy_err *err)
{
	struct loan *l = f->data;
	if (!l)
		return err_set(err, JY_ENOTFOUND, NULL, _("the loan could not be read"));
	const char *k = entform_value(f, PY_KIND);
	int repay = k && strcmp(k, "还款") == 0;
	if (!repay && !(k && strcmp(k, "贴息") == 0))
		return err_set(err, JY_EINVAL, "类型", _("还款 or 贴息"));
	int64_t fen;
	if (money_parse(entform_value(f, PY_SUM), &fen, "金额", err))
		return JY_EINVAL;
	int rc = loan_pay(ui->db, l, repay, entform_value(f, PY_DATE), fen, entform_value(f, PY_NOTE), err);
	if (rc == JY_EINVAL && strstr(err->field, "日期"))
		snprintf(err->field, sizeof err->field, "日期");
	else if (rc == JY_EINVAL)
		snprintf(err->field, sizeof err->field, "金额");
	if (rc == JY_OK) {
		char y[32];
		money_yuan(l->lent_fen - l->repaid_fen, y);
		ui_msg(ui, ST_OK, _("%s: %s; still owed %s yuan"), loan_get(l, LF_CODE),
		       loan_state_label(l->state), y);
	}
	return rc;
}

static const struct entform_kind step_kind = {
	.name = "loan-step", .fields = step_fields, .n = (int)ARRAY_LEN(step_fields),
	.enter = next_enter, .save = step_save, .leave = loan_form_leave,
};
static const struct entform_kind disburse_kind = {
	.name = "loan-disburse", .fields = disburse_fields, .n = (int)ARRAY_LEN(disburse_fields),
	.enter = next_enter, .save = disburse_save, .leave = loan_form_leave,
};
static const struct entform_kind pay_kind = {
	.name = "loan-payment", .fields = pay_fields, .n = (int)ARRAY_LEN(pay_fields),
	.enter = next_enter, .save = pay_save, .leave = loan_form_leave,
};

/* The form of what comes next for the loan: a step of its chain, 放款, or a payment. */
static struct screen *next_form_new(struct ui *ui, int64_t loan_id)
{
	struct loan *l = NULL;
	struct jy_err err = { 0 };
	const struct entform_kind *k = &step_kind;
	/* read here only to choose the form; the form reads it again when it opens */
	if (loan_load(ui->db, loan_id, &l, &err) == JY_OK) {
		if (l->state == LS_REPAYING || l->state == LS_SETTLED)
			k = &pay_kind;
		else if (l->state == LS_APPLYING && l->done == l->nsteps)
			k = &disburse_kind;
	}
	loan_free(&l);
	return entform_new(k, loan_id, loan_id);
}
