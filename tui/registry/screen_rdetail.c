/* tui/registry/screen_rdetail.c: one resident: the record, her certificates, status history, follow-up visits
 * and the change history (who changed what, when). From here: edit (F5), add a certificate (F6), a
 * status change such as re-employment with its form (F7), or a visit (F8); close her record (注销,
 * F9), or open a closed one again.
 *
 * The page is built as lines once (on entry, after a change, on a new width) and scrolled; Tab
 * jumps to the next section (tui/widget/page.c). */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

struct rdetail {
	struct screen s;
	int64_t id;
	struct resident *r;
	struct page page;
	char err[512];
	int revealed;           /* the whole ID number and phone shown (after a recorded viewing) */
};

static const int rdetail_acts[] = {
	ACT_EDIT, ACT_CERT, ACT_STATUS, ACT_VISIT, ACT_CLOSE, ACT_NEW, ACT_MATCH, ACT_PRINT, ACT_CASE,
	ACT_CERT_STATUS, ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, ACT_REVEAL, 0
};

/* ---- the record ------------------------------------------------------------------------------------ */

/* The ID number and phone as the page shows them: masked, as in every list, until the worker asks
 * for the whole number (seeing one is an action that is recorded). */
static char *masked_value(int f, const char *v, int revealed)
{
	char m[64];
	if (revealed || !v || (f != RF_IDNO && f != RF_PHONE))
		return xstrdup(v ? v : "");
	if (f == RF_IDNO)
		mask_idno(v, m, sizeof m);
	else
		mask_phone(v, m, sizeof m);
	return xstrdup(m);
}

static char *field_text(struct ui *ui, const struct resident *r, int f, int revealed)
{
	if (f == RF_IDNO || f == RF_PHONE)
		return masked_value(f, resident_get(r, f), revealed);
	char *v = NULL;
	struct jy_err err = { 0 };
	if (resident_display(ui->db, r, f, &v, &err) != JY_OK) {
		ui_err(ui, &err);       /* the stored code stands in for its label */
		v = xstrdup(resident_get(r, f));
	}
	if (f == RF_BIRTH && *v) {
		int age = ui_age(ui, v);
		char *t = xasprintf(_("%s (%d years old)"), v, age);
		free(v);
		return t;
	}
	return v;
}

/* 2025-06-01T09:15:02+08:00 -> 2025-06-01 09:15 */
static void short_time(const char *iso, char out[17])
{
	snprintf(out, 17, "%s", iso && *iso ? iso : "-");
	if (out[10] == 'T')
		out[10] = ' ';
}

struct rec_arg {
	struct ui *ui;
	const struct resident *r;
	int revealed;
};

static char *rec_value(void *arg, int f)
{
	struct rec_arg *a = arg;
	return field_text(a->ui, a->r, f, a->revealed);
}

/* A part of the page that could not be read: the failure in its place and on the status line. */
static void part_failed(struct ui *ui, struct rdetail *d, const struct jy_err *err)
{
	page_line(&d->page, ST_ERROR, 0, err->msg);
	ui_err(ui, err);
}

static void build_record(struct ui *ui, struct rdetail *d)
{
	const struct resident *r = d->r;
	struct rec_arg a = { ui, r, d->revealed };
	/* A closed record says so first: whoever opens her page must not take her for registered. */
	if (r->closed_at) {
		char *c = resident_closing_text(ui->db, r);
		char *t = xasprintf(_("Record closed (注销) %s; F9 opens it again (审核, 管理员)"), c);
		page_wrapped(&d->page, 2, ST_WARN, t);
		free(t);
		free(c);
	}
	/* Two columns of label: value where the terminal is wide enough. */
	page_fields(&d->page, resident_fields, RF__COUNT, rec_value, &a);
	/* Categories that follow from sex and age, and why (core/registry/rules.c). */
	struct rule_hit hits[4];
	struct jy_err err = { 0 };
	int n = 0;
	if (rules_derive(ui->db, r, ui->today, hits, 4, &n, &err) != JY_OK)
		part_failed(ui, d, &err);
	for (int i = 0; i < n; i++) {
		char *t = xasprintf(_("Derived category %s: %s"), ui_code_label(ui, "rule", hits[i].code), hits[i].reason);
		page_wrapped(&d->page, 2, ST_DERIVED, t);
		free(t);
	}
	char at[17];
	short_time(r->updated_at, at);
	char *t = xasprintf(_("Registration no. %s; last changed %s by %s"), r->reg_no, at,
	                    r->updated_by ? r->updated_by : "-");
	page_wrapped(&d->page, 2, ST_HINT, t);
	free(t);
}

/* ---- certificates, status history, visits ---------------------------------------------------------- */

struct each {
	struct ui *ui;
	struct rdetail *d;
	int n;
};

static const char *nz(const char *s)
{
	return s && *s ? s : "-";
}

static int cert_line(void *arg, const struct certificate *c)
{
	struct each *e = arg;
	char *t = xasprintf("%s  %s  %s  %s  %s %s  [%s]", nz(c->issue_date), ui_code_label(e->ui, "cert_type", c->type),
	                    nz(c->number), nz(c->office), _("valid until"), nz(c->valid_until), nz(c->status));
	page_wrapped(&e->d->page, 12, ST_NORMAL, t);
	free(t);
	e->n++;
	return 0;
}

static int status_line(void *arg, const struct status_event *s)
{
	struct each *e = arg;
	struct jy_buf b = { 0 };
	buf_addf(&b, "%s  %s", nz(s->date), ui_code_label(e->ui, "emp_status", s->status));
	if (s->form && *s->form)
		buf_addf(&b, "  %s", ui_code_label(e->ui, "emp_form", s->form));
	if (s->employer && *s->employer)
		buf_addf(&b, "  %s", s->employer);
	/* her registration says so in this worker's language; a worker's note shows as typed */
	if (s->registration)
		buf_addf(&b, "  %s", _("registered"));
	if (s->note && *s->note)
		buf_addf(&b, "  %s", s->note);
	buf_addf(&b, "  (%s)", nz(s->worker));
	page_wrapped(&e->d->page, 12, ST_NORMAL, b.s);
	buf_free(&b);
	e->n++;
	return 0;
}

static int visit_line(void *arg, const struct visit *v)
{
	struct each *e = arg;
	char *t = xasprintf("%s  %s  %s  %s %s  (%s)", nz(v->date), ui_code_label(e->ui, "visit_kind", v->kind),
	                    nz(v->content), _("next visit"), nz(v->next_due), nz(v->worker));
	page_wrapped(&e->d->page, 12, ST_NORMAL, t);
	free(t);
	e->n++;
	return 0;
}

/* Her courses: status, attendance, certificate, and whether she found work within six months. */
/* Her referrals (jobs) and the placements they made: where, how far, since when. Only
 * when she has any: F11 (the postings that fit her) is in the bar and F1 either way. */
static int placement_line(void *arg, const struct placement *p);

static int count_one(void *arg, const struct placement *p)
{
	(void)p;
	(*(int *)arg)++;
	return 0;
}

static void referral_lines(struct ui *ui, struct rdetail *d)
{
	struct job_page pg;
	struct each e = { ui, d, 0 };
	struct jy_err err = { 0 };
	if (referral_search(ui->db, NULL, d->id, 0, NULL, 200, &pg, &err) != JY_OK) {
		page_section(&d->page, _("Referrals (F11 finds the open postings that fit her)"));
		part_failed(ui, d, &err);
	} else {
		const struct referral_row *rows = pg.rows;
		if (pg.n)
			page_section(&d->page, _("Referrals (F11 finds the open postings that fit her)"));
		for (int i = 0; i < pg.n; i++) {
			char *t = xasprintf("%s  %s %s  %s  %s %s", rows[i].referred_on, rows[i].posting_code, rows[i].title,
			                    rows[i].employer, ui_code_label(ui, "ref_stage", rows[i].stage), rows[i].stage_on);
			page_wrapped(&d->page, 12, ST_NORMAL, t);
			free(t);
		}
		job_page_free(&pg);
	}
	int n = 0;
	if (placement_each(ui->db, d->id, count_one, &n, &err) != JY_OK) {
		page_section(&d->page, _("Placements"));
		part_failed(ui, d, &err);
	} else if (n) {
		page_section(&d->page, _("Placements"));
		if (placement_each(ui->db, d->id, placement_line, &e, &err) != JY_OK)
			part_failed(ui, d, &err);
	}
}

static int placement_line(void *arg, const struct placement *p)
{
	struct each *e = arg;
	struct jy_buf b = { 0 };
	buf_addf(&b, "%s  %s  %s", p->start_date, ui_code_label(e->ui, "emp_form", p->form), p->employer ? p->employer : "-");
	if (p->posting_title)
		buf_addf(&b, " %s", p->posting_title);
	if (p->subsidy_end)
		buf_addf(&b, "  %s %s", "补贴截止", p->subsidy_end);
	if (p->end_date)
		buf_addf(&b, "  %s %s %s", "离岗", p->end_date, p->end_reason ? p->end_reason : "");
	page_wrapped(&e->d->page, 12, p->end_date ? ST_HINT : ST_NORMAL, b.s);
	buf_free(&b);
	e->n++;
	return 0;
}

static void training_lines(struct ui *ui, struct rdetail *d)
{
	struct enrol_row *rows = NULL;
	struct jy_err err = { 0 };
	int n = 0;
	if (enrolment_list(ui->db, 0, d->id, ui->today, &rows, &n, &err) != JY_OK) {
		part_failed(ui, d, &err);
		return;
	}
	if (n == 0) {
		page_line(&d->page, ST_HINT, 0, _("none"));
		free(rows);
		return;
	}
	for (int i = 0; i < n; i++) {
		const struct enrol_row *r = &rows[i];
		struct jy_buf b = { 0 };
		buf_addf(&b, "%s %s  %s", r->course_code, r->course_name,
		         r->waitlisted && r->result[0] == 'e' ? "候补" : ui_code_label(ui, "train_result", r->result));
		if (r->result_on[0])
			buf_addf(&b, " %s", r->result_on);
		int a = attendance_rate(r);
		if (a >= 0)
			buf_addf(&b, "  %s %d.%d%%", "出勤", a / 10, a % 10);
		if (r->cert_type[0])
			buf_addf(&b, "  %s%s%s", ui_code_label(ui, "train_cert", r->cert_type), r->cert_no[0] ? " " : "",
			         r->cert_no);
		if (r->outcome == OUTCOME_EMPLOYED)
			buf_addf(&b, "  %s", _("employed within six months"));
		else if (r->outcome == OUTCOME_PENDING)
			buf_addf(&b, "  %s %s", _("no job yet; six months until"), r->window_end);
		else if (r->outcome == OUTCOME_NOT_EMPLOYED)
			buf_addf(&b, "  %s", _("no job within six months"));
		page_wrapped(&d->page, 12, ST_NORMAL, b.s);
		buf_free(&b);
	}
	free(rows);
}

/* ---- the change history: {"column":[old,new],...} ----------------------------------------------------- */

/* Labels and code lists of the keys the other entities write into the history. */
static const struct {
	const char *key, *label, *list;
} hist_keys[] = {
	{ "type", "证件类型", "cert_type" }, { "number", "证件编号", NULL }, { "issue_date", "发证日期", NULL },
	{ "date", "日期", NULL }, { "status", "就业状态", "emp_status" }, { "form", "就业形式", "emp_form" },
	{ "employer", "就业单位", NULL }, { "kind", "走访方式", "visit_kind" }, { "next_due", "下次走访", NULL },
	{ "content", "走访内容", NULL },
	{ "course", "培训班", NULL },
	{ "posting", "岗位", NULL }, { "stage", "进展", "ref_stage" }, { "referred_on", "推荐日期", NULL },
	{ "stage_on", "进展日期", NULL }, { "note", "备注", NULL }, { "channel", "推荐方式", NULL },
	{ "start_date", "上岗日期", NULL }, { "subsidy_end", "补贴截止", NULL }, { "end_date", "离岗日期", NULL },
	{ "end_reason", "离岗原因", NULL }, { "contract", "签订劳动合同", NULL },
	{ "closed_at", "注销日期", NULL }, { "close_reason", "注销原因", "close_reason" },
	{ "close_note", "注销说明", NULL }, { "pair_no", "结对编号", NULL }, { "ended_on", "结束日期", NULL },
	{ "assist_no", "援助编号", NULL },
};

static char *hist_show(struct ui *ui, const char *list, const char *v)
{
	if (!v || !*v)
		return xstrdup("-");
	if (!list)
		return xstrdup(v);
	if (strcmp(list, "category") != 0)
		return xstrdup(ui_code_label(ui, list, v));
	struct jy_buf b = { 0 };
	for (const char *s = v; *s;) {
		size_t k = strcspn(s, ",");
		char *code = xstrndup(s, k);
		buf_addf(&b, "%s%s", b.len ? "、" : "", ui_code_label(ui, list, code));
		free(code);
		s += k + (s[k] == ',');
	}
	return buf_steal(&b);
}

/* One change of a history entry (core's field_changes_each reads the JSON): her own fields with
 * their labels and code lists, her training's with the enrolment's, the facts' with hist_keys. */
/* An enrolment's value as the worker reads it; the stored code (and the failure on the status
 * line) when its list cannot be read. Caller frees. */
static char *enrol_value(struct ui *ui, int ef, const char *v)
{
	char *s = NULL;
	struct jy_err err = { 0 };
	if (field_show(ui->db, &enrol_fields[ef], v, &s, &err) != JY_OK) {
		ui_err(ui, &err);
		s = xstrdup(v ? v : "");
	}
	return s;
}

static int hist_change(void *arg, const struct field_change *c)
{
	struct each *e = arg;
	const char *key = c->key, *old = c->old, *now = c->now;
	if (!old && !now)               /* nothing there before or after: nothing to say */
		return 0;
	const char *label = key, *list = NULL;
	int f = resident_field_by_col(key), ef = f < 0 ? enrol_field_by_col(key) : -1;
	if (ef >= 0) {
		char *so = enrol_value(e->ui, ef, old), *sn = enrol_value(e->ui, ef, now);
		page_change(&e->d->page, enrol_fields[ef].label, old != NULL, *so ? so : "-", *sn ? sn : "-");
		free(so);
		free(sn);
		return 0;
	}
	if (f == RF_IDNO || f == RF_PHONE) {     /* old and new numbers: masked as on the page */
		char *so = masked_value(f, old, e->d->revealed), *sn = masked_value(f, now, e->d->revealed);
		page_change(&e->d->page, resident_fields[f].label, old != NULL, *so ? so : "-", *sn ? sn : "-");
		free(so);
		free(sn);
		return 0;
	}
	if (f >= 0) {
		label = resident_fields[f].label;
		list = resident_fields[f].kind == FK_UNIT ? "@units" : resident_fields[f].list;
		if (resident_fields[f].kind == FK_BOOL)
			list = NULL;
	} else {
		for (size_t i = 0; i < ARRAY_LEN(hist_keys); i++)
			if (strcmp(hist_keys[i].key, key) == 0)
				label = hist_keys[i].label, list = hist_keys[i].list;
	}
	char *so = hist_show(e->ui, list, old), *sn = hist_show(e->ui, list, now);
	page_change(&e->d->page, label, old != NULL, so, sn);
	free(so);
	free(sn);
	return 0;
}

static void hist_changes(struct each *e, const char *json)
{
	field_changes_each(json, hist_change, e);       /* hist_change never stops the walk */
}

static int hist_no_values(const char *action)
{
	static const char *const none[] = { "create", "view", "approve", "reject" };
	for (size_t i = 0; i < ARRAY_LEN(none); i++)
		if (strcmp(action, none[i]) == 0)
			return 1;
	return 0;
}

static int hist_line(void *arg, const struct history_entry *h)
{
	struct each *e = arg;
	char at[17];
	short_time(h->at, at);
	char *t = xasprintf("%s  %s (%s)  %s", at, nz(h->worker), nz(h->os_user),
	                    history_action_label(h->entity, h->action));
	page_wrapped(&e->d->page, 4, ST_HINT, t);
	free(t);
	/* A creation's values are the record above; a viewing, an approval or a rejection has none. */
	if (h->changes && !hist_no_values(h->action))
		hist_changes(e, h->changes);
	e->n++;
	return 0;
}

/* ---- building the page --------------------------------------------------------------------------------- */

static void rdetail_build(struct ui *ui, struct rdetail *d, int w)
{
	struct each e = { ui, d, 0 };
	page_clear(&d->page, w);
	if (!d->r) {
		page_line(&d->page, ST_ERROR, 0, d->err);
		return;
	}
	struct jy_err err = { 0 };
	build_record(ui, d);
	page_section(&d->page, _("Certificates (F6 adds one)"));
	if (certificate_each(ui->db, d->id, cert_line, &e, &err) != JY_OK)
		part_failed(ui, d, &err);
	else if (!e.n)
		page_line(&d->page, ST_HINT, 0, _("none"));
	page_section(&d->page, _("Employment status (F7 records a change)"));
	e.n = 0;
	if (status_event_each(ui->db, d->id, status_line, &e, &err) != JY_OK)
		part_failed(ui, d, &err);
	else if (!e.n)
		page_line(&d->page, ST_HINT, 0, _("none"));
	page_section(&d->page, _("Follow-up visits (F8 records one)"));
	e.n = 0;
	if (visit_each(ui->db, d->id, visit_line, &e, &err) != JY_OK)
		part_failed(ui, d, &err);
	else if (!e.n)
		page_line(&d->page, ST_HINT, 0, _("none"));
	referral_lines(ui, d);
	page_section(&d->page, _("Training (F4 enrols her in a course)"));
	training_lines(ui, d);
	page_section(&d->page, _("Change history: who changed what, when"));
	e.n = 0;
	if (history_each(ui->db, "resident", d->id, hist_line, &e, &err) != JY_OK)
		part_failed(ui, d, &err);
	else if (!e.n)
		page_line(&d->page, ST_HINT, 0, _("none"));
}

static void rdetail_load(struct ui *ui, struct rdetail *d)
{
	struct jy_err err = { 0 };
	resident_free(&d->r);
	if (resident_load(ui->db, d->id, &d->r, &err) != JY_OK)
		snprintf(d->err, sizeof d->err, "%s", err.msg);
	d->page.w = 0;
}

static void rdetail_enter(struct ui *ui, struct screen *s)
{
	rdetail_load(ui, (struct rdetail *)s);
}

static void rdetail_draw(struct ui *ui, struct screen *s)
{
	struct rdetail *d = (struct rdetail *)s;
	int w = ui->cols - 2;
	if (d->page.w != w)
		rdetail_build(ui, d, w);
	char *where = d->r ? xasprintf("%s > %s (%s)%s", _("Residents"), resident_get(d->r, RF_NAME),
	                               d->r->reg_no, d->r->closed_at ? " 已注销" : "")
	                   : xstrdup(_("Residents"));
	ui_title(ui, where);
	free(where);
	page_draw(ui, &d->page);
}

/* Show the whole numbers: core checks the worker may see them and records the viewing first. */
static void rdetail_reveal(struct ui *ui, struct rdetail *d)
{
	if (d->revealed) {
		d->revealed = 0;
		d->page.w = 0;
		return;
	}
	char v[32];
	struct jy_err err = { 0 };
	if (resident_reveal(ui->db, d->id, RF_IDNO, v, sizeof v, &err) != JY_OK) {
		ui_msg(ui, ST_ERROR, "%s", err.msg);
		return;
	}
	rdetail_load(ui, d);            /* the record as it is now, and the viewing in its history */
	d->revealed = 1;
	ui_msg(ui, ST_OK, "%s", _("The whole ID number and phone are shown; the viewing is recorded"));
}

/* ---- closing her record (F9) and opening it again ------------------------------------------------- */

static void rdetail_reopened(struct ui *ui, void *arg, int yes)
{
	struct rdetail *d = arg;
	struct jy_err err = { 0 };
	if (!yes || !d->r)
		return;
	if (resident_reopen(ui->db, d->id, d->r->version, &err) != JY_OK) {
		ui_err(ui, &err);
		return;
	}
	rdetail_load(ui, d);
	ui_msg(ui, ST_OK, _("%s's record is open again"), d->r ? resident_get(d->r, RF_NAME) : "");
}

/* An open record: the closing's small form. A closed one: reopen, after a question (core says
 * whether she may: a 审核's or 管理员's). */
static void rdetail_close(struct ui *ui, struct rdetail *d)
{
	const char *name = resident_get(d->r, RF_NAME);
	if (!d->r->closed_at) {
		ui_push(ui, fact_close_new(d->id, d->r->version, name));
		return;
	}
	char *c = resident_closing_text(ui->db, d->r);
	char *q = xasprintf(_("Open %s's record again? It was closed %s."), name, c);
	dialog_confirm(ui, _("Reopen"), q, 0, rdetail_reopened, d);
	free(q);
	free(c);
}

/* ---- printing (Ctrl-P): her registration form or the slip she signs ------------------------------ */
/* A small question over the page: which printout (Tab or the arrows up and down switch), where
 * it goes (her own printing setting first; Ctrl-P the others in turn: the printer at her PC
 * through the terminal, the server's printer, the file alone) and the file's name (typed; the
 * default follows the choice until the worker edits it); Enter writes it to the print folder
 * (print_path), sends it on, and the status line says where. */
struct rprint {
	struct screen s;
	int64_t id;
	char reg_no[24];
	int slip;               /* 0: 求职登记表, 1: 业务办理确认单 */
	int dest;               /* PRINT_FILE, PRINT_TERMINAL, PRINT_LP */
	int named;              /* the worker typed a name of her own */
	struct field name;
};

static const int rprint_acts[] = { ACT_OPEN, ACT_NEXT, ACT_PRINT, ACT_BACK, 0 };
static const char *const rprint_what[] = { "求职登记表", "业务办理确认单" };

static void rprint_default(struct ui *ui, struct rprint *p)
{
	char *n = xasprintf("%s-%s.txt", p->slip ? "确认单" : "登记表", p->reg_no);
	field_set(ui, &p->name, n);
	free(n);
}

static void rprint_draw(struct ui *ui, struct screen *s)
{
	struct rprint *p = (struct rprint *)s;
	/* the whole width: a box edge in mid-row would cut a Chinese character of the page below */
	int w = ui->cols, h = 10;
	int y = (ui->lines - h) / 2, x = 0;
	ui_box(ui, y, x, h, w, ST_DIALOG);
	char *t = xasprintf(" %s ", _("Print"));
	ui_puts(ui, y, x + 2, w - 4, t, ST_DIALOG_TITLE);
	free(t);
	int cx = x + 2;
	for (int k = 0; k < 2; k++) {
		char *c = xasprintf("(%s) %s", p->slip == k ? "*" : " ", rprint_what[k]);
		cx = ui_col(ui, y + 2, cx, text_width(c), c, p->slip == k ? ST_SELECTED : ST_DIALOG) + 2;
		free(c);
	}
	int lw = text_width(_("File name")) + 1;
	ui_put(ui, y + 4, x + 2, lw, _("Print to"), ST_DIALOG);
	ui_puts(ui, y + 4, x + 2 + lw, w - 4 - lw, ui_print_dest_label(p->dest), ST_SELECTED);
	ui_puts(ui, y + 8, x + 2, w - 4,
	        _("Tab: form or slip; Ctrl-P: where to; Enter: print; Esc: cancel"), ST_DIALOG);
	ui_put(ui, y + 6, x + 2, lw, _("File name"), ST_DIALOG);
	field_draw(ui, &p->name, y + 6, x + 2 + lw, w - 4 - lw, 1);   /* last: it places the cursor */
}

static void rprint_write(struct ui *ui, struct rprint *p)
{
	const char *name = field_value(&p->name);
	if (text_is_blank(name)) {
		ui_msg(ui, ST_ERROR, "%s", _("File name: type the name of the file to write"));
		return;
	}
	char *path = print_path(name);
	struct jy_err err = { 0 };
	int rc = (p->slip ? print_resident_slip : print_resident_form)(ui->db, p->id, path, &err);
	/* ~/jiuye-print/...: the whole path fits the status line, and lp takes it as it is */
	char *shown = path_home_shown(path);
	if (rc != JY_OK)
		ui_err(ui, &err);
	else if (!ui_print_send(ui, p->dest, path))
		ui_msg(ui, ST_OK, p->slip ? _("Slip written to %s (print it with lp)")
		                          : _("Form written to %s (print it with lp)"), shown);
	free(shown);
	free(path);
}

static int rprint_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct rprint *p = (struct rprint *)s;
	if (ev->key == K_CTRL('p')) {   /* not 'p': that is a letter of the file's name */
		p->dest = (p->dest + 1) % PRINT__COUNT;
		return SK_HANDLED;
	}
	switch (ev->act) {
	case ACT_BACK:
	case ACT_INTERRUPT:
		return SK_HANDLED | SK_POP;
	case ACT_OPEN:
	case ACT_SAVE:
		rprint_write(ui, p);
		return SK_HANDLED | SK_POP;
	case ACT_NEXT:
	case ACT_PREV:
		p->slip = !p->slip;
		if (!p->named)
			rprint_default(ui, p);
		return SK_HANDLED;
	default:
		if (field_key(ui, &p->name, ev) & FLD_CHANGED)
			p->named = 1;
		return SK_HANDLED;
	}
}

static void rprint_leave(struct ui *ui, struct screen *s)
{
	struct rprint *p = (struct rprint *)s;
	(void)ui;
	field_free(&p->name);
	free(p);
}

static const struct screen_ops rprint_ops = {
	.name = "print", .acts = rprint_acts,
	.draw = rprint_draw, .key = rprint_key, .leave = rprint_leave,
};

static void rprint_ask(struct ui *ui, const struct resident *r)
{
	struct rprint *p = xcalloc(1, sizeof *p);
	p->s.ops = &rprint_ops;
	p->s.overlay = 1;
	p->id = r->id;
	snprintf(p->reg_no, sizeof p->reg_no, "%s", r->reg_no);
	field_init(&p->name, _("File name"), FK_TEXT, NULL, 120, 0);
	rprint_default(ui, p);
	p->dest = ui_print_dest(ui);
	ui_push(ui, &p->s);
}

static int rdetail_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct rdetail *d = (struct rdetail *)s;
	const char *name = d->r ? resident_get(d->r, RF_NAME) : "";

	if (!d->r && ev->act != ACT_BACK)
		return 0;
	switch (ev->act) {
	case ACT_EDIT:
		ui_push(ui, rform_new(ui, d->id, NULL));
		return SK_HANDLED;
	case ACT_CERT:
		ui_push(ui, fact_new(FACT_CERT, d->id, name));
		return SK_HANDLED;
	case ACT_STATUS:
		ui_push(ui, fact_new(FACT_STATUS, d->id, name));
		return SK_HANDLED;
	case ACT_VISIT:
		ui_push(ui, fact_new(FACT_VISIT, d->id, name));
		return SK_HANDLED;
	case ACT_CLOSE:
		rdetail_close(ui, d);
		return SK_HANDLED;
	case ACT_CERT_STATUS:   /* a reviewer's: a clerk is told so before she types anything */
		if (!access_may(ui->db, OP_APPROVE)) {
			ui_msg(ui, ST_WARN, "%s", _("A certificate is cancelled, expired or kept by a reviewer "
			                            "(审核) or an administrator"));
			return SK_HANDLED;
		}
		ui_push(ui, fact_cert_status_new(ui, d->id, name));
		return SK_HANDLED;
	case ACT_MATCH:         /* the open postings that fit her (jobs) */
		ui_push(ui, match_postings_new(d->id));
		return SK_HANDLED;
	case ACT_NEW:           /* enrol her in a course: pick it from the course list */
		if (d->r->closed_at) {
			ui_msg(ui, ST_WARN, "%s", _("Her record is closed: only a registered resident can enrol"));
			return SK_HANDLED;
		}
		ui_push(ui, courses_new(d->id));
		return SK_HANDLED;
	case ACT_REVEAL:
		rdetail_reveal(ui, d);
		return SK_HANDLED;
	case ACT_PRINT:         /* her registration form or the slip she signs */
		rprint_ask(ui, d->r);
		return SK_HANDLED;
	case ACT_CASE:          /* a rights case she brings (维权) */
		ui_push(ui, case_form_new(d->id));
		return SK_HANDLED;
	case ACT_BACK:
		residents_select(ui, d->id);
		return SK_HANDLED | SK_POP;
	default:
		return page_key(ui, &d->page, ev);
	}
}

static void rdetail_resume(struct ui *ui, struct screen *s)
{
	rdetail_load(ui, (struct rdetail *)s);
}

static void rdetail_leave(struct ui *ui, struct screen *s)
{
	struct rdetail *d = (struct rdetail *)s;
	(void)ui;
	page_free(&d->page);
	resident_free(&d->r);
	free(d);
}

static const struct screen_ops rdetail_ops = {
	.name = "resident", .acts = rdetail_acts,
	.enter = rdetail_enter, .draw = rdetail_draw, .key = rdetail_key, .leave = rdetail_leave,
	.resume = rdetail_resume, .reload = rdetail_resume,
};

struct screen *rdetail_new(int64_t id)
{
	struct rdetail *d = xcalloc(1, sizeof *d);
	d->s.ops = &rdetail_ops;
	d->id = id;
	return &d->s;
}
