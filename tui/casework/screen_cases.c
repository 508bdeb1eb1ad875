/* tui/casework/screen_cases.c: rights cases and petitions (维权 / 信访) on screen.
 *
 *   the list (menu 6): every case of the worker's communities, searched as you type (the number,
 *     the type's or channel's label, the state, the handler), its type, state and days left; Ctrl-V
 *     shows the due list instead: open cases, past their limit first, then near it (!!, !);
 *   the intake form (F4, or w on a resident's page with her ID number): the case's fields as
 *     core's CASE_FIELDS has them, kept as a draft as they are typed, so a dropped link loses
 *     nothing; saved, the case's page opens;
 *   the case's page (Enter): its text, its time limit, its steps and its change history — a
 *     reader's only (core says who, and records the opening); F5 adds the next step; Ctrl-P prints
 *     its 登记表, and its 答复 letter once it was answered;
 *   the step form (F5): the step (受理 … 办结, 复查, 延期), its date, the action and its result, who
 *     did it, the reason or the answer.
 * The list, the page and the step form are the jobs module's pieces (jobs/screen_jobs.h). */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "jobs/screen_jobs.h"

#define DRAFT_FORM "rights_case"
#define DRAFT_MAGIC "#jiuye-draft 1"

static struct screen *case_page_new(int64_t id);

/* ---- the list and the due list -------------------------------------------------------------- */

static const int cases_acts[] = {
	ACT_SEARCH, ACT_NEW, ACT_FILTER, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN,
	ACT_HOME, ACT_END, 0
};

static const char *const cases_filters[] = { N_("all cases"), N_("due: past or near their limit first") };

/* At 80 columns: 11 number, 10 received, 10 channel, 14 type, 8 state, 8 handler, 14 days left. */
struct kcols {
	int no, date, channel, type, state, handler, left;
};

static void kcols_for(int w, struct kcols *c)
{
	*c = (struct kcols){ 11, 10, 10, 14, 8, 8, 10 };
	int extra = w - (11 + 10 + 10 + 14 + 8 + 8 + 10 + 7);
	if (extra > 0) {
		int add = extra > 10 ? 10 : extra;
		c->type += add, extra -= add;
		c->left += extra > 10 ? 10 : extra;
	}
}

static void cases_header(struct ui *ui, struct jlist *l, int y, int x, int w)
{
	struct kcols c;
	(void)l;
	kcols_for(w, &c);
	x = ui_col(ui, y, x, c.no, "案件编号", ST_HEADER);
	x = ui_col(ui, y, x, c.date, "登记日期", ST_HEADER);
	x = ui_col(ui, y, x, c.channel, "来源渠道", ST_HEADER);
	x = ui_col(ui, y, x, c.type, "案件类型", ST_HEADER);
	x = ui_col(ui, y, x, c.state, "状态", ST_HEADER);
	x = ui_col(ui, y, x, c.handler, "代理员", ST_HEADER);
	ui_col(ui, y, x, c.left, "时限", ST_HEADER);
}

static void cases_row(struct ui *ui, struct jlist *l, const void *row, int y, int x, int w, int sel)
{
	const struct case_row *r = row;
	struct kcols c;
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	kcols_for(w, &c);
	char left[32] = "";
	int style = ST_NORMAL, near = l->owner2 ? (int)l->owner2 : 5;
	if (r->has_limit && r->days_left < 0) {
		snprintf(left, sizeof left, "超期%d天", -r->days_left);
		style = ST_ERROR;
	} else if (r->has_limit) {
		snprintf(left, sizeof left, "剩%d天", r->days_left);
		style = r->days_left <= near ? ST_WARN : ST_NORMAL;
	}
	x = ui_col(ui, y, x, c.no, r->case_no, hs);
	x = ui_col(ui, y, x, c.date, r->received_on, ST_NORMAL);
	x = ui_col(ui, y, x, c.channel, ui_code_label(ui, "case_channel", r->channel), ST_NORMAL);
	x = ui_col(ui, y, x, c.type, ui_code_label(ui, "case_type", r->type), ST_NORMAL);
	x = ui_col(ui, y, x, c.state, case_state_label(r->state), ST_NORMAL);
	x = ui_col(ui, y, x, c.handler, r->handler, ST_NORMAL);
	ui_col(ui, y, x, c.left, left, style);
}

/* Core gives every case at once (an office has hundreds, not millions); the list takes pages of it. */
static int cases_fetch(struct ui *ui, struct jlist *l, const char *query, const char *cursor, int limit,
                       struct job_page *out, struct jy_err *err)
{
	struct case_row *rows = NULL;
	int n = 0, near = 5;
	int rc = l->filter ? case_due(ui->db, ui->today, &rows, &n, &near, err)
	                   : case_search(ui->db, query, ui->today, &rows, &n, err);
	memset(out, 0, sizeof *out);
	if (rc)
		return rc;
	if (l->filter && query && *query) {     /* the due list searched by number */
		int k = 0;
		for (int i = 0; i < n; i++)
			if (strstr(rows[i].case_no, query))
				rows[k++] = rows[i];
		n = k;
	}
	l->owner2 = near;
	void *page = NULL;
	list_fetch_array(rows, n, sizeof *rows, cursor, limit, &page, &out->n, &out->more, out->next);
	out->rows = page;
	free(rows);
	return JY_OK;
}

static int64_t case_row_id(const void *row)
{
	return ((const struct case_row *)row)->id;
}

static void cases_open(struct ui *ui, struct jlist *l, const void *row)
{
	(void)l;
	ui_push(ui, case_page_new(((const struct case_row *)row)->id));
}

static void cases_create(struct ui *ui, struct jlist *l)
{
	(void)l;
	ui_push(ui, case_form_new(0));
}

static const struct jlist_kind cases_kind = {
	.name = N_("Rights cases"), .acts = cases_acts, .type = JOBS_CASES, .row_size = sizeof(struct case_row),
	.nfilters = 2, .filter_names = cases_filters, .fetch = cases_fetch, .header = cases_header,
	.row = cases_row, .row_id = case_row_id, .open = cases_open, .create = cases_create,
	.empty = N_("No cases here. F4 registers one."),
};

struct screen *cases_new(void)
{
	return jlist_new(&cases_kind, 0, 0, NULL);
}

/* ---- the intake form ---------------------------------------------------------------------------- */

struct cform {
	struct screen s;
	int64_t rid;            /* the resident it is for (from her page), or 0 */
	struct form form;
	char *last_draft;
	int draft_dirty;
};

static const int cform_acts[] = {
	ACT_SAVE, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_LEFT, ACT_RIGHT, ACT_BKSP, ACT_DEL, ACT_KILL_END, ACT_KILL_START, ACT_TOGGLE, 0
};

static void cform_idle(struct ui *ui, struct screen *s)
{
	struct cform *cf = (struct cform *)s;
	if (!cf->draft_dirty)
		return;
	cf->draft_dirty = 0;
	form_keep_draft(ui, DRAFT_FORM, cf->rid, &cf->last_draft,
	                form_draft_text(&cf->form, DRAFT_MAGIC, case_fields, KF__COUNT));
}

static void cform_changed(struct ui *ui, struct form *fm, int i, void *arg)
{
	(void)ui, (void)fm, (void)i;
	((struct cform *)arg)->draft_dirty = 1;
}

static void cform_gone(struct ui *ui, struct form *fm, void *arg)
{
	struct cform *cf = arg;
	(void)fm;
	form_drop_draft(ui, DRAFT_FORM, cf->rid, &cf->last_draft);
	cf->draft_dirty = 0;
}

static int cform_save(struct ui *ui, struct cform *cf)
{
	struct form *fm = &cf->form;
	if (field_leave(ui, &fm->f[fm->focus]) & FLD_CHANGED)
		fm->dirty = 1;
	struct rcase *c = case_new();
	for (int i = 0; i < KF__COUNT; i++)
		case_set(c, i, field_value(&fm->f[i]));
	struct jy_err err = { 0 };
	int rc = case_save(ui->db, c, &err), out = SK_HANDLED;
	if (rc == JY_OK) {
		form_drop_draft(ui, DRAFT_FORM, cf->rid, &cf->last_draft);
		cf->draft_dirty = 0;
		fm->dirty = 0;
		jobs_list_select(ui, JOBS_CASES, c->id);
		ui_msg(ui, ST_OK, _("Registered %s; F5 on its page records the next step"), case_get(c, KF_NO));
		ui_push(ui, case_page_new(c->id));
		out |= SK_POP;
	} else if (form_find_label(fm, err.field) >= 0) {
		form_show_err(ui, fm, &err);
	} else {
		ui_err(ui, &err);
	}
	case_free(&c);
	return out;
}

static int cform_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct cform *cf = (struct cform *)s;
	int fl = form_key(ui, &cf->form, ev);
	if (fl)
		return fl;
	switch (ev->act) {
	case ACT_SAVE:
		return cform_save(ui, cf);
	case ACT_BACK:
		return form_back(ui, &cf->form, s);
	default:
		return 0;
	}
}

static void cform_draw(struct ui *ui, struct screen *s)
{
	struct cform *cf = (struct cform *)s;
	char *where = xasprintf("%s > %s", _("Rights cases"), _("New"));
	ui_title(ui, where);
	free(where);
	ui_put(ui, 1, 1, ui->cols - 2, _("Her ID number if she is registered; else her name, phone and community"),
	       ST_HINT);
	form_draw(ui, &cf->form, 2, 0, ui->lines - 4, ui->cols);
	form_hint(ui, &cf->form);
}

static int cform_dirty(struct ui *ui, struct screen *s)
{
	(void)ui;
	return ((struct cform *)s)->form.dirty;
}

static void cform_enter(struct ui *ui, struct screen *s)
{
	struct cform *cf = (struct cform *)s;
	field_set(ui, &cf->form.f[KF_RECEIVED], ui->today);
	field_set(ui, &cf->form.f[KF_URGENCY], "1");
	cf->form.focus = KF_CHANNEL;
	if (cf->rid) {          /* from her page: she is named by her record */
		struct resident *r = NULL;
		struct jy_err err = { 0 };
		if (resident_load(ui->db, cf->rid, &r, &err) == JY_OK) {
			field_set(ui, &cf->form.f[KF_IDNO], resident_get(r, RF_IDNO));
			field_set(ui, &cf->form.f[KF_NAME], resident_get(r, RF_NAME));
		} else {
			ui_err(ui, &err);
		}
		resident_free(&r);
	}
	form_draft_restore(ui, &cf->form, DRAFT_FORM, cf->rid, DRAFT_MAGIC, case_fields, KF__COUNT,
	                   &cf->last_draft);
}

static void cform_leave(struct ui *ui, struct screen *s)
{
	struct cform *cf = (struct cform *)s;
	(void)ui;
	form_free(&cf->form);
	free(cf->last_draft);
	free(cf);
}

static const struct screen_ops cform_ops = {
	.name = "case-form", .acts = cform_acts, .enter = cform_enter, .draw = cform_draw,
	.key = cform_key, .leave = cform_leave, .idle = cform_idle, .dirty = cform_dirty,
};

struct screen *case_form_new(int64_t resident_id)
{
	struct cform *cf = xcalloc(1, sizeof *cf);
	cf->s.ops = &cform_ops;
	cf->rid = resident_id;
	form_init(&cf->form, KF__COUNT);
	for (int i = 0; i < KF__COUNT; i++) {
		const struct field_def *d = &case_fields[i];
		/* the number is core's to give */
		field_init(&cf->form.f[i], d->label, d->kind, d->list, d->max,
		           (d->flags & FF_REQ) | (i == KF_NO ? FF_RO : 0));
		cf->form.f[i].tag = i;
	}
	cf->form.changed = cform_changed;
	cf->form.gone = cform_gone;
	cf->form.arg = cf;
	cf->form.screen = &cf->s;
	return &cf->s;
}

/* ---- the case's page ------------------------------------------------------------------------------- */

static const int cpage_acts[] = {
	ACT_EDIT, ACT_PRINT, ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

struct cval_arg {
	struct ui *ui;
	const struct rcase *c;
};

static char *cpage_value(void *arg, int f)
{
	struct cval_arg *a = arg;
	char *v = NULL;
	if (f == KF_IDNO || f == KF_PHONE) {    /* masked on screen, as in every list */
		char m[32];
		if (f == KF_IDNO)
			mask_idno(case_get(a->c, f), m, sizeof m);
		else
			mask_phone(case_get(a->c, f), m, sizeof m);
		return xstrdup(m);
	}
	struct jy_err err = { 0 };
	if (case_display(a->ui->db, a->c, f, &v, &err) != JY_OK) {
		free(v);
		v = xstrdup(case_get(a->c, f));
	}
	return v;
}

static void cpage_steps(struct ui *ui, struct jpage *p)
{
	struct case_step_row *s = NULL;
	int n = 0;
	struct jy_err err = { 0 };
	page_line(&p->page, ST_HEADER, 1, _("Steps (F5 records the next one)"));
	if (case_steps(ui->db, p->id, &s, &n, &err) != JY_OK) {
		page_line(&p->page, ST_ERROR, 0, err.msg);
		return;
	}
	for (int i = 0; i < n; i++) {
		struct jy_buf b = { 0 };
		buf_addf(&b, "%d  %s  %s", s[i].no, s[i].date, case_step_label(s[i].step));
		if (s[i].action[0])
			buf_addf(&b, " %s", ui_code_label(ui, "case_action", s[i].action));
		if (s[i].outcome[0])
			buf_addf(&b, " %s", ui_code_label(ui, s[i].step == STEP_VISIT ? "case_satisfaction"
			                                                         : "case_outcome", s[i].outcome));
		if (s[i].days)
			buf_addf(&b, " %d天", s[i].days);
		if (s[i].note)
			buf_addf(&b, "  %s", s[i].note);
		buf_addf(&b, "  (%s)", s[i].who[0] ? s[i].who : s[i].by);
		page_wrapped(&p->page, 6, ST_NORMAL, b.s);
		buf_free(&b);
	}
	case_steps_free(&s, n);
}

/* ---- the case's history: who registered it, each step, each change, each opening ---------------- */

/* A value of the case's history as the worker reads it: a state's or step's word, a code's label. */
static char *chist_show(struct ui *ui, const char *key, const char *v)
{
	if (!v || !*v)
		return xstrdup("-");
	if (strcmp(key, "state") == 0 && case_state_of(v) >= 0)
		return xstrdup(case_state_label(case_state_of(v)));
	if (strcmp(key, "step") == 0 && case_step_of(v) >= 0)
		return xstrdup(case_step_label(case_step_of(v)));
	const struct field_def *fd = audit_field_def("rights_case", key);
	if (fd && fd->kind == FK_CODE && fd->list)
		return xstrdup(ui_code_label(ui, fd->list, v));
	if (fd && fd->kind == FK_UNIT)
		return xstrdup(ui_code_label(ui, "@units", v));
	if (strcmp(key, "person_phone") == 0 || strcmp(key, "id_no") == 0) {
		char m[32];
		if (key[0] == 'p')
			mask_phone(v, m, sizeof m);
		else
			mask_idno(v, m, sizeof m);
		return xstrdup(m);
	}
	return xstrdup(v);
}

struct chist_arg {
	struct ui *ui;
	struct jpage *p;
	int n;
};

static int chist_change(void *arg, const struct field_change *ch)
{
	struct chist_arg *a = arg;
	if (!ch->old && !ch->now)
		return 0;
	char *so = chist_show(a->ui, ch->key, ch->old), *sn = chist_show(a->ui, ch->key, ch->now);
	page_change(&a->p->page, audit_field_label("rights_case", ch->key), ch->old != NULL, so, sn);
	free(so);
	free(sn);
	return 0;
}

static int chist_line(void *arg, const struct history_entry *h)
{
	struct chist_arg *a = arg;
	if (h->event && strcmp(h->event, "view") == 0)
		return 0;       /* the openings are the audit trail's (管理 > 审计记录) */
	char at[17];
	snprintf(at, sizeof at, "%s", h->at ? h->at : "-");
	if (at[10] == 'T')
		at[10] = ' ';
	char *t = xasprintf("%s  %s (%s)  %s", at, h->worker ? h->worker : "-", h->os_user ? h->os_user : "-",
	                    history_action_label(h->entity, h->action));
	page_wrapped(&a->p->page, 4, ST_HINT, t);
	free(t);
	if (h->changes)
		field_changes_each(h->changes, chist_change, a);
	a->n++;
	return 0;
}

static void cpage_history(struct ui *ui, struct jpage *p)
{
	struct chist_arg a = { ui, p, 0 };
	struct jy_err err = { 0 };
	page_section(&p->page, _("Change history: who changed what, when"));
	if (history_each(ui->db, "rights_case", p->id, chist_line, &a, &err) != JY_OK) {
		page_line(&p->page, ST_ERROR, 0, err.msg);
		ui_err(ui, &err);
	}
}

static void cpage_build(struct ui *ui, struct jpage *p)
{
	struct rcase *c = NULL;
	struct jy_err err = { 0 };
	if (case_load(ui->db, p->id, &c, &err) != JY_OK) {
		free(p->title);
		p->title = xstrdup(_("Rights cases"));
		page_line(&p->page, ST_ERROR, 0, err.msg);
		return;
	}
	free(p->title);
	p->title = xasprintf("%s > %s %s", _("Rights cases"), case_get(c, KF_NO),
	                     ui_code_label(ui, "case_type", case_get(c, KF_TYPE)));
	int has = 0, left = 0;
	char limit[11] = "";
	struct jy_buf b = { 0 };
	buf_addf(&b, "%s  %s", "状态", case_state_label(c->state));
	if (case_limit(ui->db, c, ui->today, &has, limit, &left, &err) == JY_OK && has)
		buf_addf(&b, left < 0 ? "  超期%d天（%s）" : "  剩%d天（%s）", left < 0 ? -left : left, limit);
	if (c->extend_days)
		buf_addf(&b, "  已延期%d天：%s", c->extend_days, c->extend_reason ? c->extend_reason : "");
	page_wrapped(&p->page, 6, has && left < 0 ? ST_ERROR : ST_OK, b.s);
	buf_free(&b);
	cpage_steps(ui, p);
	page_section(&p->page, _("The case as registered"));
	struct cval_arg a = { ui, c };
	page_fields(&p->page, case_fields, KF__COUNT, cpage_value, &a);
	cpage_history(ui, p);
	case_free(&c);
}

static void cpage_print(struct ui *ui, struct jpage *p)
{
	struct rcase *c = NULL;
	struct jy_err err = { 0 };
	if (case_load(ui->db, p->id, &c, &err) != JY_OK) {
		ui_err(ui, &err);
		return;
	}
	char *name = xasprintf("维权登记表-%s.txt", case_get(c, KF_NO));
	char *path = print_path(name);
	int rc = print_case_form(ui->db, p->id, path, &err);
	char *answer = NULL;
	if (!rc && c->state >= CS_ANSWERED && c->state != CS_REFUSED) {
		char *aname = xasprintf("答复意见书-%s.txt", case_get(c, KF_NO));
		answer = print_path(aname);
		free(aname);
		rc = print_case_answer(ui->db, p->id, answer, &err);
	}
	if (rc)
		ui_err(ui, &err);
	else if (answer)
		ui_msg(ui, ST_OK, _("Printed to %s and %s (print them with lp)"), path, answer);
	else
		ui_msg(ui, ST_OK, _("Printed to %s (print it with lp)"), path);
	free(answer);
	free(path);
	free(name);
	case_free(&c);
}

static struct screen *step_form_new(int64_t case_id);

static int cpage_key(struct ui *ui, struct jpage *p, const struct ui_event *ev)
{
	switch (ev->act) {
	case ACT_EDIT:
		ui_push(ui, step_form_new(p->id));
		return SK_HANDLED;
	case ACT_PRINT:
		cpage_print(ui, p);
		return SK_HANDLED;
	case ACT_BACK:
		jobs_list_select(ui, JOBS_CASES, p->id);
		return 0;
	default:
		return 0;
	}
}

static const struct jpage_kind cpage_kind = {
	.name = "case", .acts = cpage_acts, .build = cpage_build, .key = cpage_key,
};

static struct screen *case_page_new(int64_t id)
{
	return jpage_new(&cpage_kind, id);
}

/* ---- the next step ---------------------------------------------------------------------------------- */

enum { SQ_STEP, SQ_DATE, SQ_ACTION, SQ_OUTCOME, SQ_WHO, SQ_NOTE, SQ_DAYS };
static const struct jsmall_field step_fields[] = {
	[SQ_STEP] = { "步骤", FK_TEXT, NULL, 6, FF_REQ },
	[SQ_DATE] = { "日期", FK_DATE, NULL, 10, FF_REQ },
	[SQ_ACTION] = { "办理措施", FK_CODE, "case_action", 10, 0 },
	[SQ_OUTCOME] = { "调解结果", FK_TEXT, NULL, 10, 0 },
	[SQ_WHO] = { "经办", FK_TEXT, NULL, 30, 0 },
	[SQ_NOTE] = { "说明", FK_TEXT, NULL, 500, 0 },
	[SQ_DAYS] = { "延期天数", FK_TEXT, NULL, 3, FF_NUM },
};

struct step_data {
	int64_t version;
	int state;
};

/* The step a worker typed (its label or code). */
static int step_typed(const char *v)
{
	return v ? case_step_of(v) : -1;
}

static void step_enter(struct ui *ui, struct jsmall *f)
{
	struct rcase *c = NULL;
	struct jy_err err = { 0 };
	f->title = xstrdup(_("Next step of the case"));
	if (case_load(ui->db, f->id, &c, &err) != JY_OK) {
		jsmall_info(f, xstrdup(err.msg));
		return;
	}
	struct step_data *d = xcalloc(1, sizeof *d);
	d->version = c->version;
	d->state = c->state;
	f->data = d;
	/* what may follow, in the order a case goes; 回访's satisfaction is typed in 调解结果 */
	struct jy_buf b = { 0 };
	int first = -1;
	for (int s = 0; s < STEP__COUNT; s++)
		if (case_step_next(c->state, s) >= 0) {
			buf_addf(&b, "%s%s", b.len ? "、" : "", case_step_label(s));
			if (first < 0)
				first = s;
		}
	jsmall_info(f, xasprintf("%s %s: %s", case_get(c, KF_NO), ui_code_label(ui, "case_type", case_get(c, KF_TYPE)),
	                         case_state_label(c->state)));
	jsmall_info(f, xasprintf(_("What may follow: %s. A mediation (调解) has its result; 回访 takes the "
	                           "satisfaction in 调解结果's place (满意, 基本满意, 不满意)"), b.s ? b.s : "-"));
	buf_free(&b);
	if (first >= 0)
		field_set(ui, &f->form.f[SQ_STEP], case_step_label(first));
	field_set(ui, &f->form.f[SQ_DATE], ui->today);
	case_free(&c);
}

static int step_save(struct ui *ui, struct jsmall *f, struct jy_err *err)
{
	struct step_data *d = f->data;
	if (!d)
		return err_set(err, JY_ENOTFOUND, NULL, _("case %lld not found"), (long long)f->id);
	struct case_step_in s = {
		.step = step_typed(jsmall_value(f, SQ_STEP)), .date = jsmall_value(f, SQ_DATE),
		.action = jsmall_value(f, SQ_ACTION), .outcome = jsmall_value(f, SQ_OUTCOME),
		.who = jsmall_value(f, SQ_WHO), .note = jsmall_value(f, SQ_NOTE),
		.days = jsmall_value(f, SQ_DAYS) ? atoi(jsmall_value(f, SQ_DAYS)) : 0,
	};
	if (s.step < 0)
		return err_set(err, JY_EINVAL, "步骤", _("not a step: 受理, 不予受理, 办理, 答复, 回访, 办结, "
		                                        "复查 or 延期"));
	int64_t v = d->version;
	int rc = case_step_add(ui->db, f->id, &v, &s, err);
	if (rc == JY_OK) {
		d->version = v;
		ui_msg(ui, ST_OK, _("Saved: %s"), case_step_label(s.step));
		jobs_list_select(ui, JOBS_CASES, f->id);
	}
	return rc;
}

static void step_leave(struct jsmall *f)
{
	free(f->data);
}

static const struct jsmall_kind step_kind = {
	.name = "case-step", .fields = step_fields, .n = (int)ARRAY_LEN(step_fields), .enter = step_enter,
	.save = step_save, .leave = step_leave,
};

static struct screen *step_form_new(int64_t case_id)
{
	return jsmall_new(&step_kind, case_id, 0);
}
