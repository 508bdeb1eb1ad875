/* tui/casework/screen_pairs.c: mentoring pairs (结对帮扶) on screen.
 *
 *   the list (menu 8): the pairs of the worker's communities, searched as you type (the number,
 *     her name, the helper's, the type's label, 新增 / 巩固 / 结束), with the last contact; Ctrl-V
 *     shows the pairs gone quiet instead (no contact for pair.contact_days), the longest first;
 *   the pair's form (F4): PAIR_FIELDS as core has them, kept as a draft as they are typed;
 *   the pair's page (Enter): its state, helper, the woman and her household, goal, its log of
 *     contacts and of money and goods, and its change history; F8 records a contact, F6 money or
 *     goods, F9 ends it; F5 changes it while it runs.
 * The list, the page and the small forms are the jobs module's pieces (jobs/screen_jobs.h). */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "jobs/screen_jobs.h"

#define DRAFT_FORM "mentor_pair"
#define DRAFT_MAGIC "#jiuye-draft 1"

static struct screen *pair_page_new(int64_t id);
static struct screen *pair_form_new(int64_t id);

/* ---- the list and the quiet ones ------------------------------------------------------------- */

static const int pairs_acts[] = {
	ACT_SEARCH, ACT_NEW, ACT_FILTER, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN,
	ACT_HOME, ACT_END, 0
};

static const char *const pairs_filters[] = { N_("all pairs"), N_("without contact: the longest first") };

/* At 80 columns: 11 number, 10 start, 14 type, 4 state, 8 helper, 8 the woman, 10 last contact. */
struct pcols {
	int no, start, type, state, helper, name, last;
};

static void pcols_for(int w, struct pcols *c)
{
	*c = (struct pcols){ 11, 10, 14, 4, 8, 8, 10 };
	int extra = w - (11 + 10 + 14 + 4 + 8 + 8 + 10 + 7);
	if (extra > 0) {
		int add = extra > 8 ? 8 : extra;
		c->type += add, extra -= add;
		add = extra > 6 ? 6 : extra;
		c->helper += add, extra -= add;
		c->name += extra > 6 ? 6 : extra;
	}
}

static void pairs_header(struct ui *ui, struct jlist *l, int y, int x, int w)
{
	struct pcols c;
	(void)l;
	pcols_for(w, &c);
	x = ui_col(ui, y, x, c.no, "结对编号", ST_HEADER);
	x = ui_col(ui, y, x, c.start, "结对日期", ST_HEADER);
	x = ui_col(ui, y, x, c.type, "结对类型", ST_HEADER);
	x = ui_col(ui, y, x, c.state, "状态", ST_HEADER);
	x = ui_col(ui, y, x, c.helper, "帮扶人", ST_HEADER);
	x = ui_col(ui, y, x, c.name, "帮扶对象", ST_HEADER);
	ui_col(ui, y, x, c.last, "最近联系", ST_HEADER);
}

static void pairs_row(struct ui *ui, struct jlist *l, const void *row, int y, int x, int w, int sel)
{
	const struct pair_row *r = row;
	struct pcols c;
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	int quiet = l->owner2 && r->state != PAIR_ENDED && r->quiet_days >= (int)l->owner2;
	pcols_for(w, &c);
	x = ui_col(ui, y, x, c.no, r->pair_no, hs);
	x = ui_col(ui, y, x, c.start, r->start, ST_NORMAL);
	x = ui_col(ui, y, x, c.type, ui_code_label(ui, "pair_type", r->type), ST_NORMAL);
	x = ui_col(ui, y, x, c.state, pair_state_label(r->state), ST_NORMAL);
	x = ui_col(ui, y, x, c.helper, r->helper, ST_NORMAL);
	x = ui_col(ui, y, x, c.name, r->name, ST_NORMAL);
	ui_col(ui, y, x, c.last, r->last[0] ? r->last : "-", quiet ? ST_WARN : ST_NORMAL);
}

/* Core gives every pair at once (an office has hundreds); the list takes pages of it. */
static int pairs_fetch(struct ui *ui, struct jlist *l, const char *query, const char *cursor, int limit,
                       struct job_page *out, struct jy_err *err)
{
	struct pair_row *rows = NULL;
	int n = 0, days = 90;
	int rc = db_setting_int(ui->db, "pair.contact_days", 90, &days, err);
	if (!rc)
		rc = l->filter ? pair_due(ui->db, ui->today, days, &rows, &n, err)
		               : pair_search(ui->db, query, ui->today, &rows, &n, err);
	memset(out, 0, sizeof *out);
	if (rc)
		return rc;
	if (l->filter && query && *query) {     /* the quiet ones searched by number or name */
		int k = 0;
		for (int i = 0; i < n; i++)
			if (strstr(rows[i].pair_no, query) || strstr(rows[i].name, query))
				rows[k++] = rows[i];
		n = k;
	}
	l->owner2 = days;
	void *page = NULL;
	list_fetch_array(rows, n, sizeof *rows, cursor, limit, &page, &out->n, &out->more, out->next);
	out->rows = page;
	free(rows);
	return JY_OK;
}

static int64_t pair_row_id(const void *row)
{
	return ((const struct pair_row *)row)->id;
}

static void pairs_open(struct ui *ui, struct jlist *l, const void *row)
{
	(void)l;
	ui_push(ui, pair_page_new(((const struct pair_row *)row)->id));
}

static void pairs_create(struct ui *ui, struct jlist *l)
{
	(void)l;
	ui_push(ui, pair_form_new(0));
}

static const struct jlist_kind pairs_kind = {
	.name = N_("Mentoring pairs"), .acts = pairs_acts, .type = JOBS_PAIRS,
	.row_size = sizeof(struct pair_row), .nfilters = 2, .filter_names = pairs_filters,
	.fetch = pairs_fetch, .header = pairs_header, .row = pairs_row, .row_id = pair_row_id,
	.open = pairs_open, .create = pairs_create,
	.empty = N_("No pairs here. F4 adds one."),
};

struct screen *pairs_new(void)
{
	return jlist_new(&pairs_kind, 0, 0, NULL);
}

/* ---- the pair's form ---------------------------------------------------------------------------- */

struct pform {
	struct screen s;
	int64_t id;             /* the pair changed, or 0 for a new one */
	int64_t version;
	struct form form;
	char *last_draft;
	int draft_dirty;
};

static const int pform_acts[] = {
	ACT_SAVE, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_LEFT, ACT_RIGHT, ACT_BKSP, ACT_DEL, ACT_KILL_END, ACT_KILL_START, ACT_TOGGLE, 0
};

static void pform_idle(struct ui *ui, struct screen *s)
{
	struct pform *pf = (struct pform *)s;
	if (!pf->draft_dirty)
		return;
	pf->draft_dirty = 0;
	form_keep_draft(ui, DRAFT_FORM, pf->id, &pf->last_draft,
	                form_draft_text(&pf->form, DRAFT_MAGIC, pair_fields, PRF__COUNT));
}

static void pform_changed(struct ui *ui, struct form *fm, int i, void *arg)
{
	(void)ui, (void)fm, (void)i;
	((struct pform *)arg)->draft_dirty = 1;
}

static void pform_gone(struct ui *ui, struct form *fm, void *arg)
{
	struct pform *pf = arg;
	(void)fm;
	form_drop_draft(ui, DRAFT_FORM, pf->id, &pf->last_draft);
	pf->draft_dirty = 0;
}

static int pform_save(struct ui *ui, struct pform *pf)
{
	struct form *fm = &pf->form;
	if (field_leave(ui, &fm->f[fm->focus]) & FLD_CHANGED)
		fm->dirty = 1;
	struct mpair *p = pair_new();
	p->id = pf->id;
	p->version = pf->version;
	for (int i = 0; i < PRF__COUNT; i++)
		pair_set(p, i, field_value(&fm->f[i]));
	struct jy_err err = { 0 };
	int rc = pair_save(ui->db, p, &err), out = SK_HANDLED;
	if (rc == JY_OK) {
		form_drop_draft(ui, DRAFT_FORM, pf->id, &pf->last_draft);
		pf->draft_dirty = 0;
		fm->dirty = 0;
		jobs_list_select(ui, JOBS_PAIRS, p->id);
		ui_msg(ui, ST_OK, _("Saved %s; F8 on its page records a contact"), pair_get(p, PRF_NO));
		if (!pf->id)
			ui_push(ui, pair_page_new(p->id));
		out |= SK_POP;
	} else if (form_find_label(fm, err.field) >= 0) {
		form_show_err(ui, fm, &err);
	} else {
		ui_err(ui, &err);
	}
	pair_free(&p);
	return out;
}

static int pform_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct pform *pf = (struct pform *)s;
	int fl = form_key(ui, &pf->form, ev);
	if (fl)
		return fl;
	switch (ev->act) {
	case ACT_SAVE:
		return pform_save(ui, pf);
	case ACT_BACK:
		return form_back(ui, &pf->form, s);
	default:
		return 0;
	}
}

static void pform_draw(struct ui *ui, struct screen *s)
{
	struct pform *pf = (struct pform *)s;
	char *where = xasprintf("%s > %s", _("Mentoring pairs"), pf->id ? _("Edit") : _("New"));
	ui_title(ui, where);
	free(where);
	ui_put(ui, 1, 1, ui->cols - 2, _("The helper by name or #number; the woman helped by her ID or "
	                                 "registration number"), ST_HINT);
	form_draw(ui, &pf->form, 2, 0, ui->lines - 4, ui->cols);
	form_hint(ui, &pf->form);
}

static int pform_dirty(struct ui *ui, struct screen *s)
{
	(void)ui;
	return ((struct pform *)s)->form.dirty;
}

static void pform_enter(struct ui *ui, struct screen *s)
{
	struct pform *pf = (struct pform *)s;
	pf->form.focus = PRF_TYPE;
	if (pf->id) {
		struct mpair *p = NULL;
		struct jy_err err = { 0 };
		if (pair_load(ui->db, pf->id, &p, &err) == JY_OK) {
			pf->version = p->version;
			for (int i = 0; i < PRF__COUNT; i++)
				field_set(ui, &pf->form.f[i], i == PRF_IDNO ? p->reg_no : pair_get(p, i));
			char hid[24];
			snprintf(hid, sizeof hid, "#%lld", (long long)p->helper_id);
			field_set(ui, &pf->form.f[PRF_HELPER], hid);
		} else {
			ui_err(ui, &err);
		}
		pair_free(&p);
	} else {
		field_set(ui, &pf->form.f[PRF_START], ui->today);
		field_set(ui, &pf->form.f[PRF_TYPE], "1");
	}
	form_draft_restore(ui, &pf->form, DRAFT_FORM, pf->id, DRAFT_MAGIC, pair_fields, PRF__COUNT,
	                   &pf->last_draft);
}

static void pform_leave(struct ui *ui, struct screen *s)
{
	struct pform *pf = (struct pform *)s;
	(void)ui;
	form_free(&pf->form);
	free(pf->last_draft);
	free(pf);
}

static const struct screen_ops pform_ops = {
	.name = "pair-form", .acts = pform_acts, .enter = pform_enter, .draw = pform_draw,
	.key = pform_key, .leave = pform_leave, .idle = pform_idle, .dirty = pform_dirty,
};

static struct screen *pair_form_new(int64_t id)
{
	struct pform *pf = xcalloc(1, sizeof *pf);
	pf->s.ops = &pform_ops;
	pf->id = id;
	form_init(&pf->form, PRF__COUNT);
	for (int i = 0; i < PRF__COUNT; i++) {
		const struct field_def *d = &pair_fields[i];
		/* the number is core's to give */
		field_init(&pf->form.f[i], d->label, d->kind, d->list, d->max,
		           (d->flags & FF_REQ) | (i == PRF_NO ? FF_RO : 0));
		pf->form.f[i].tag = i;
	}
	pf->form.changed = pform_changed;
	pf->form.gone = pform_gone;
	pf->form.arg = pf;
	pf->form.screen = &pf->s;
	return &pf->s;
}

/* ---- the pair's page ------------------------------------------------------------------------------- */

static const int ppage_acts[] = {
	ACT_EDIT, ACT_VISIT, ACT_GIFT, ACT_FINISH, ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN,
	ACT_HOME, ACT_END, 0
};

static void ppage_log(struct ui *ui, struct jpage *p)
{
	struct pair_log_row *log = NULL;
	int n = 0;
	struct jy_err err = { 0 };
	page_section(&p->page, _("Contacts, money and goods (F8 a contact, F6 money or goods)"));
	if (pair_log(ui->db, p->id, &log, &n, &err) != JY_OK) {
		page_line(&p->page, ST_ERROR, 0, err.msg);
		return;
	}
	int64_t total = 0;
	for (int i = 0; i < n; i++) {
		struct jy_buf b = { 0 };
		buf_addf(&b, "%s  %s", log[i].date,
		         ui_code_label(ui, log[i].gift ? "pair_gift" : "pair_contact", log[i].kind));
		if (log[i].gift) {
			char yuan[32];
			money_yuan(log[i].amount_fen, yuan);
			buf_addf(&b, " %s元", yuan);
			total += log[i].amount_fen;
		}
		if (log[i].text)
			buf_addf(&b, "  %s", log[i].text);
		buf_addf(&b, "  (%s)", log[i].by);
		page_wrapped(&p->page, 12, ST_NORMAL, b.s);
		buf_free(&b);
	}
	if (total) {
		char yuan[32];
		money_yuan(total, yuan);
		char *t = xasprintf(_("Given in all: %s 元"), yuan);
		page_line(&p->page, ST_HINT, 1, t);
		free(t);
	}
	pair_log_free(&log, n);
}

/* ---- the pair's history: its start, each change, contact, gift and its end ---------------------- */

/* A value of the pair's history as the worker reads it: a code's label, an ID number masked. */
static char *phist_show(struct ui *ui, const char *key, const char *v)
{
	if (!v || !*v)
		return xstrdup("-");
	const struct field_def *fd = audit_field_def("mentor_pair", key);
	if (fd && fd->kind == FK_CODE && fd->list)
		return xstrdup(ui_code_label(ui, fd->list, v));
	if (fd && (fd->flags & FF_SENS) && strncmp(v, "R-", 2) != 0) {
		char m[32];
		mask_idno(v, m, sizeof m);
		return xstrdup(m);
	}
	return xstrdup(v);
}

struct phist_arg {
	struct ui *ui;
	struct jpage *p;
};

static int phist_change(void *arg, const struct field_change *ch)
{
	struct phist_arg *a = arg;
	if (!ch->old && !ch->now)
		return 0;
	char *so = phist_show(a->ui, ch->key, ch->old), *sn = phist_show(a->ui, ch->key, ch->now);
	page_change(&a->p->page, audit_field_label("mentor_pair", ch->key), ch->old != NULL, so, sn);
	free(so);
	free(sn);
	return 0;
}

static int phist_line(void *arg, const struct history_entry *h)
{
	struct phist_arg *a = arg;
	char at[17];
	snprintf(at, sizeof at, "%s", h->at ? h->at : "-");
	if (at[10] == 'T')
		at[10] = ' ';
	char *t = xasprintf("%s  %s (%s)  %s", at, h->worker ? h->worker : "-", h->os_user ? h->os_user : "-",
	                    history_action_label(h->entity, h->action));
	page_wrapped(&a->p->page, 4, ST_HINT, t);
	free(t);
	if (h->changes)
		field_changes_each(h->changes, phist_change, a);
	return 0;
}

static void ppage_history(struct ui *ui, struct jpage *p)
{
	struct phist_arg a = { ui, p };
	struct jy_err err = { 0 };
	page_section(&p->page, _("Change history: who changed what, when"));
	if (history_each(ui->db, "mentor_pair", p->id, phist_line, &a, &err) != JY_OK) {
		page_line(&p->page, ST_ERROR, 0, err.msg);
		ui_err(ui, &err);
	}
}

static void ppage_build(struct ui *ui, struct jpage *p)
{
	struct mpair *m = NULL;
	struct helper *h = NULL;
	struct jy_err err = { 0 };
	if (pair_load(ui->db, p->id, &m, &err) != JY_OK ||
	    helper_load(ui->db, m->helper_id, &h, &err) != JY_OK) {
		free(p->title);
		p->title = xstrdup(_("Mentoring pairs"));
		page_line(&p->page, ST_ERROR, 0, err.msg);
		pair_free(&m);
		return;
	}
	free(p->title);
	p->title = xasprintf("%s > %s %s", _("Mentoring pairs"), pair_get(m, PRF_NO), m->name ? m->name : "");
	int state = pair_state_on(pair_get(m, PRF_START), m->ended_on, ui->today);
	struct jy_buf b = { 0 };
	buf_addf(&b, "状态  %s", pair_state_label(state));
	if (m->ended_on[0])
		buf_addf(&b, "  %s %s", m->ended_on, m->end_reason ? m->end_reason : "");
	page_wrapped(&p->page, 6, state == PAIR_ENDED ? ST_HINT : ST_OK, b.s);
	buf_free(&b);
	char *t = xasprintf("结对类型  %s", ui_code_label(ui, "pair_type", pair_get(m, PRF_TYPE)));
	page_wrapped(&p->page, 10, ST_NORMAL, t);
	free(t);
	char phone[32];
	mask_phone(helper_get(h, HF_PHONE), phone, sizeof phone);
	t = xasprintf("帮扶人    %s（%s）%s %s", helper_get(h, HF_NAME),
	              ui_code_label(ui, "helper_type", helper_get(h, HF_TYPE)), helper_get(h, HF_ORG), phone);
	page_wrapped(&p->page, 10, ST_NORMAL, t);
	free(t);
	t = xasprintf("帮扶对象  %s %s %s", m->reg_no, m->name ? m->name : "", pair_get(m, PRF_HOUSEHOLD));
	page_wrapped(&p->page, 10, ST_NORMAL, t);
	free(t);
	t = xasprintf("结对日期  %s", pair_get(m, PRF_START));
	page_wrapped(&p->page, 10, ST_NORMAL, t);
	free(t);
	t = xasprintf("帮扶目标  %s", pair_get(m, PRF_GOAL));
	page_wrapped(&p->page, 10, ST_NORMAL, t);
	free(t);
	ppage_log(ui, p);
	ppage_history(ui, p);
	helper_free(&h);
	pair_free(&m);
}

static struct screen *contact_form_new(int64_t id);
static struct screen *gift_form_new(int64_t id);
static struct screen *end_form_new(int64_t id);

static int ppage_key(struct ui *ui, struct jpage *p, const struct ui_event *ev)
{
	switch (ev->act) {
	case ACT_EDIT:
		ui_push(ui, pair_form_new(p->id));
		return SK_HANDLED;
	case ACT_VISIT:
		ui_push(ui, contact_form_new(p->id));
		return SK_HANDLED;
	case ACT_GIFT:
		ui_push(ui, gift_form_new(p->id));
		return SK_HANDLED;
	case ACT_FINISH:
		ui_push(ui, end_form_new(p->id));
		return SK_HANDLED;
	case ACT_BACK:
		jobs_list_select(ui, JOBS_PAIRS, p->id);
		return 0;
	default:
		return 0;
	}
}

static const struct jpage_kind ppage_kind = {
	.name = "pair", .acts = ppage_acts, .build = ppage_build, .key = ppage_key,
};

static struct screen *pair_page_new(int64_t id)
{
	return jpage_new(&ppage_kind, id);
}

/* ---- a contact, money or goods, the end ------------------------------------------------------------ */

/* The pair's number and the woman, above a small form. */
static void log_enter(struct ui *ui, struct jsmall *f, const char *title)
{
	struct mpair *m = NULL;
	struct jy_err err = { 0 };
	f->title = xstrdup(title);
	if (pair_load(ui->db, f->id, &m, &err) != JY_OK) {
		jsmall_info(f, xstrdup(err.msg));
		return;
	}
	f->id2 = m->version;
	jsmall_info(f, xasprintf("%s  %s  %s", pair_get(m, PRF_NO), m->name ? m->name : "",
	                         ui_code_label(ui, "pair_type", pair_get(m, PRF_TYPE))));
	field_set(ui, &f->form.f[0], ui->today);
	pair_free(&m);
}

enum { CT_DATE, CT_KIND, CT_TEXT };
static const struct jsmall_field contact_fields[] = {
	[CT_DATE] = { "联系日期", FK_DATE, NULL, 10, FF_REQ },
	[CT_KIND] = { "联系方式", FK_CODE, "pair_contact", 10, FF_REQ },
	[CT_TEXT] = { "帮扶内容", FK_TEXT, NULL, 200, FF_REQ },
};

static void contact_enter(struct ui *ui, struct jsmall *f)
{
	log_enter(ui, f, _("A contact of the pair"));
	field_set(ui, &f->form.f[CT_KIND], "1");
	f->form.focus = CT_TEXT;
}

static int contact_save(struct ui *ui, struct jsmall *f, struct jy_err *err)
{
	int rc = pair_contact_add(ui->db, f->id, jsmall_value(f, CT_DATE), jsmall_value(f, CT_KIND),
	                          jsmall_value(f, CT_TEXT), err);
	if (rc == JY_OK) {
		ui_msg(ui, ST_OK, "%s", _("Saved: the contact"));
		jobs_list_select(ui, JOBS_PAIRS, f->id);
	}
	return rc;
}

static const struct jsmall_kind contact_kind = {
	.name = "pair-contact", .fields = contact_fields, .n = (int)ARRAY_LEN(contact_fields),
	.enter = contact_enter, .save = contact_save,
};

static struct screen *contact_form_new(int64_t id)
{
	return jsmall_new(&contact_kind, id, 0);
}

enum { GF_DATE, GF_KIND, GF_AMOUNT, GF_WHAT };
static const struct jsmall_field gift_fields[] = {
	[GF_DATE] = { "发放日期", FK_DATE, NULL, 10, FF_REQ },
	[GF_KIND] = { "款物类型", FK_CODE, "pair_gift", 10, FF_REQ },
	[GF_AMOUNT] = { "金额", FK_TEXT, NULL, 16, FF_REQ },
	[GF_WHAT] = { "物品或事由", FK_TEXT, NULL, 60, 0 },
};

static void gift_enter(struct ui *ui, struct jsmall *f)
{
	log_enter(ui, f, _("Money or goods given"));
	jsmall_info(f, xstrdup(_("The sum in 元 (500, 1,200.50, 0.2万); goods at their value")));
	f->form.focus = GF_KIND;
}

static int gift_save(struct ui *ui, struct jsmall *f, struct jy_err *err)
{
	int rc = pair_gift_add(ui->db, f->id, jsmall_value(f, GF_DATE), jsmall_value(f, GF_KIND),
	                       jsmall_value(f, GF_AMOUNT), jsmall_value(f, GF_WHAT), err);
	if (rc == JY_OK) {
		ui_msg(ui, ST_OK, "%s", _("Saved: the money or goods given"));
		jobs_list_select(ui, JOBS_PAIRS, f->id);
	}
	return rc;
}

static const struct jsmall_kind gift_kind = {
	.name = "pair-gift", .fields = gift_fields, .n = (int)ARRAY_LEN(gift_fields),
	.enter = gift_enter, .save = gift_save,
};

static struct screen *gift_form_new(int64_t id)
{
	return jsmall_new(&gift_kind, id, 0);
}

enum { EN_DATE, EN_REASON };
static const struct jsmall_field end_fields[] = {
	[EN_DATE] = { "结束日期", FK_DATE, NULL, 10, FF_REQ },
	[EN_REASON] = { "结束原因", FK_TEXT, NULL, 100, FF_REQ },
};

static void end_enter(struct ui *ui, struct jsmall *f)
{
	log_enter(ui, f, _("End the pair"));
	jsmall_info(f, xstrdup(_("An ended pair stays ended: its log and figures are kept")));
	f->form.focus = EN_REASON;
}

static int end_save(struct ui *ui, struct jsmall *f, struct jy_err *err)
{
	int64_t version = f->id2;
	int rc = pair_end(ui->db, f->id, &version, jsmall_value(f, EN_DATE), jsmall_value(f, EN_REASON), err);
	if (rc == JY_OK) {
		f->id2 = version;
		ui_msg(ui, ST_OK, "%s", _("Saved: the pair has ended"));
		jobs_list_select(ui, JOBS_PAIRS, f->id);
	}
	return rc;
}

static const struct jsmall_kind end_kind = {
	.name = "pair-end", .fields = end_fields, .n = (int)ARRAY_LEN(end_fields),
	.enter = end_enter, .save = end_save,
};

static struct screen *end_form_new(int64_t id)
{
	return jsmall_new(&end_kind, id, 0);
}
