/* tui/casework/screen_migrants.c: the roster of migrant women (流动妇女平安之家) on screen.
 *
 *   the list (menu 9): the members of the worker's communities on the roster, searched as you
 *     type (her name, registration number, origin, employer; 在册, 离开, 未复核), with her last
 *     check; F8 records this month's check of the member under the cursor in one key (在住,
 *     today); Ctrl-V shows instead who is due for this month's check, the longest unchecked first;
 *   the member's form (F4): MIGRANT_FIELDS as core has them, kept as a draft as they are typed;
 *   her page (Enter): her membership, her checks, the services she received (read from her other
 *     records) and its change history; F8 a check with what was found (离开, 迁出 end her
 *     membership), F9 her leaving, F5 changes it while she is on the roster.
 * The list, the page and the small forms are the jobs module's pieces (jobs/screen_jobs.h). */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "jobs/screen_jobs.h"

#define DRAFT_FORM "migrant"
#define DRAFT_MAGIC "#jiuye-draft 1"

static struct screen *member_page_new(int64_t id);
static struct screen *member_form_new(int64_t id);

/* ---- the list and who is due ------------------------------------------------------------------ */

static const int members_acts[] = {
	ACT_SEARCH, ACT_NEW, ACT_VISIT, ACT_FILTER, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP,
	ACT_PGDN, ACT_HOME, ACT_END, 0
};

static const char *const members_filters[] = {
	N_("on the roster"), N_("due for this month's check: the longest unchecked first")
};

/* At 80 columns: 8 number, 8 name, 10 origin, 13 employer, 6 permit, 10 joined, 15 last check
 * (its day and 已核 or 离开). */
struct mcols {
	int no, name, origin, employer, permit, joined, last;
};

static void mcols_for(int w, struct mcols *c)
{
	*c = (struct mcols){ 8, 8, 10, 13, 6, 10, 15 };
	int extra = w - (8 + 8 + 10 + 13 + 6 + 10 + 15 + 7);
	if (extra > 0) {
		int add = extra > 12 ? 12 : extra;
		c->employer += add, extra -= add;
		add = extra > 6 ? 6 : extra;
		c->origin += add, extra -= add;
		c->name += extra > 4 ? 4 : extra;
	}
}

static void members_header(struct ui *ui, struct jlist *l, int y, int x, int w)
{
	struct mcols c;
	(void)l;
	mcols_for(w, &c);
	x = ui_col(ui, y, x, c.no, "登记编号", ST_HEADER);
	x = ui_col(ui, y, x, c.name, "姓名", ST_HEADER);
	x = ui_col(ui, y, x, c.origin, "籍贯", ST_HEADER);
	x = ui_col(ui, y, x, c.employer, "工作单位", ST_HEADER);
	x = ui_col(ui, y, x, c.permit, "证件", ST_HEADER);
	x = ui_col(ui, y, x, c.joined, "入册日期", ST_HEADER);
	ui_col(ui, y, x, c.last, "最近复核", ST_HEADER);
}

static void members_row(struct ui *ui, struct jlist *l, const void *row, int y, int x, int w, int sel)
{
	const struct migrant_row *r = row;
	struct mcols c;
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	(void)l;
	mcols_for(w, &c);
	/* the registration number without its R-, which every one has */
	x = ui_col(ui, y, x, c.no, strncmp(r->reg_no, "R-", 2) == 0 ? r->reg_no + 2 : r->reg_no, hs);
	x = ui_col(ui, y, x, c.name, r->name, ST_NORMAL);
	x = ui_col(ui, y, x, c.origin, r->origin, ST_NORMAL);
	x = ui_col(ui, y, x, c.employer, r->employer[0] ? r->employer : "-", ST_NORMAL);
	x = ui_col(ui, y, x, c.permit, ui_code_label(ui, "migrant_permit", r->permit), ST_NORMAL);
	x = ui_col(ui, y, x, c.joined, r->joined, ST_NORMAL);
	char *last = r->left_on[0] ? xasprintf("%s %s", r->left_on, "离开")
	             : xasprintf("%s%s", r->last[0] ? r->last : "-", r->checked ? " 已核" : "");
	ui_col(ui, y, x, c.last, last, r->left_on[0] ? ST_HINT : r->checked ? ST_OK : ST_WARN);
	free(last);
}

/* Core gives every member at once (a community has hundreds); the list takes pages of it. */
static int members_fetch(struct ui *ui, struct jlist *l, const char *query, const char *cursor,
                         int limit, struct job_page *out, struct jy_err *err)
{
	struct migrant_row *rows = NULL;
	int n = 0;
	int rc = l->filter ? migrant_due(ui->db, ui->today, -1, &rows, &n, err)
	                   : migrant_search(ui->db, query, ui->today, &rows, &n, err);
	memset(out, 0, sizeof *out);
	if (rc)
		return rc;
	if (l->filter && query && *query) {     /* who is due, searched by name or number */
		int k = 0;
		for (int i = 0; i < n; i++)
			if (strstr(rows[i].reg_no, query) || strstr(rows[i].name, query))
				rows[k++] = rows[i];
		n = k;
	}
	void *page = NULL;
	list_fetch_array(rows, n, sizeof *rows, cursor, limit, &page, &out->n, &out->more, out->next);
	out->rows = page;
	free(rows);
	return JY_OK;
}

static int64_t member_row_id(const void *row)
{
	return ((const struct migrant_row *)row)->id;
}

static void members_open(struct ui *ui, struct jlist *l, const void *row)
{
	(void)l;
	ui_push(ui, member_page_new(((const struct migrant_row *)row)->id));
}

static void members_create(struct ui *ui, struct jlist *l)
{
	(void)l;
	ui_push(ui, member_form_new(0));
}

/* F8: this month's check of the member under the cursor, 在住 today, in one key. */
static int members_key(struct ui *ui, struct jlist *l, const struct ui_event *ev)
{
	if (ev->act != ACT_VISIT)
		return 0;
	const struct migrant_row *r = list_selected(&l->list);
	if (!r) {
		ui_msg(ui, ST_WARN, "%s", _("No member here to check"));
		return SK_HANDLED;
	}
	struct jy_err err = { 0 };
	if (migrant_check(ui->db, r->id, ui->today, "1", NULL, &err) != JY_OK) {
		ui_err(ui, &err);
		return SK_HANDLED;
	}
	ui_msg(ui, ST_OK, _("%s checked this month: still here (在住)"), r->name);
	list_reload(&l->list);
	return SK_HANDLED;
}

static const struct jlist_kind members_kind = {
	.name = N_("Migrant women"), .acts = members_acts, .type = JOBS_MIGRANTS,
	.row_size = sizeof(struct migrant_row), .nfilters = 2, .filter_names = members_filters,
	.fetch = members_fetch, .header = members_header, .row = members_row,
	.row_id = member_row_id, .open = members_open, .create = members_create, .key = members_key,
	.empty = N_("No members here. F4 adds one."),
};

struct screen *migrants_new(void)
{
	return jlist_new(&members_kind, 0, 0, NULL);
}

/* ---- the member's form ---------------------------------------------------------------------------- */

struct mform {
	struct screen s;
	int64_t id;             /* the member changed, or 0 for a new one */
	int64_t version;
	struct form form;
	char *last_draft;
	int draft_dirty;
};

static const int mform_acts[] = {
	ACT_SAVE, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_LEFT, ACT_RIGHT, ACT_BKSP, ACT_DEL, ACT_KILL_END, ACT_KILL_START, ACT_TOGGLE, 0
};

static void mform_idle(struct ui *ui, struct screen *s)
{
	struct mform *mf = (struct mform *)s;
	if (!mf->draft_dirty)
		return;
	mf->draft_dirty = 0;
	form_keep_draft(ui, DRAFT_FORM, mf->id, &mf->last_draft,
	                form_draft_text(&mf->form, DRAFT_MAGIC, migrant_fields, MGF__COUNT));
}

static void mform_changed(struct ui *ui, struct form *fm, int i, void *arg)
{
	(void)ui, (void)fm, (void)i;
	((struct mform *)arg)->draft_dirty = 1;
}

static void mform_gone(struct ui *ui, struct form *fm, void *arg)
{
	struct mform *mf = arg;
	(void)fm;
	form_drop_draft(ui, DRAFT_FORM, mf->id, &mf->last_draft);
	mf->draft_dirty = 0;
}

static int mform_save(struct ui *ui, struct mform *mf)
{
	struct form *fm = &mf->form;
	if (field_leave(ui, &fm->f[fm->focus]) & FLD_CHANGED)
		fm->dirty = 1;
	struct migrant *m = migrant_new();
	m->id = mf->id;
	m->version = mf->version;
	for (int i = 0; i < MGF__COUNT; i++)
		migrant_set(m, i, field_value(&fm->f[i]));
	struct jy_err err = { 0 };
	int rc = migrant_save(ui->db, m, &err), out = SK_HANDLED;
	if (rc == JY_OK) {
		form_drop_draft(ui, DRAFT_FORM, mf->id, &mf->last_draft);
		mf->draft_dirty = 0;
		fm->dirty = 0;
		jobs_list_select(ui, JOBS_MIGRANTS, m->id);
		ui_msg(ui, ST_OK, _("Saved %s on the roster; F8 records her monthly check"),
		       m->name ? m->name : "");
		if (!mf->id)
			ui_push(ui, member_page_new(m->id));
		out |= SK_POP;
	} else if (form_find_label(fm, err.field) >= 0) {
		form_show_err(ui, fm, &err);
	} else {
		ui_err(ui, &err);
	}
	migrant_free(&m);
	return out;
}

static int mform_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct mform *mf = (struct mform *)s;
	int fl = form_key(ui, &mf->form, ev);
	if (fl)
		return fl;
	switch (ev->act) {
	case ACT_SAVE:
		return mform_save(ui, mf);
	case ACT_BACK:
		return form_back(ui, &mf->form, s);
	default:
		return 0;
	}
}

static void mform_draw(struct ui *ui, struct screen *s)
{
	struct mform *mf = (struct mform *)s;
	char *where = xasprintf("%s > %s", _("Migrant women"), mf->id ? _("Edit") : _("New"));
	ui_title(ui, where);
	free(where);
	ui_put(ui, 1, 1, ui->cols - 2, _("She is named by her ID or registration number; her employer "
	                                 "by its code or name, or as it is called"), ST_HINT);
	form_draw(ui, &mf->form, 2, 0, ui->lines - 4, ui->cols);
	form_hint(ui, &mf->form);
}

static int mform_dirty(struct ui *ui, struct screen *s)
{
	(void)ui;
	return ((struct mform *)s)->form.dirty;
}

static void mform_enter(struct ui *ui, struct screen *s)
{
	struct mform *mf = (struct mform *)s;
	mf->form.focus = MGF_IDNO;
	if (mf->id) {
		struct migrant *m = NULL;
		struct jy_err err = { 0 };
		if (migrant_load(ui->db, mf->id, &m, &err) == JY_OK) {
			mf->version = m->version;
			for (int i = 0; i < MGF__COUNT; i++)
				field_set(ui, &mf->form.f[i], i == MGF_IDNO ? m->reg_no : migrant_get(m, i));
			mf->form.focus = MGF_ORIGIN;
		} else {
			ui_err(ui, &err);
		}
		migrant_free(&m);
	} else {
		field_set(ui, &mf->form.f[MGF_JOINED], ui->today);
		field_set(ui, &mf->form.f[MGF_PERMIT], "2");
	}
	form_draft_restore(ui, &mf->form, DRAFT_FORM, mf->id, DRAFT_MAGIC, migrant_fields, MGF__COUNT,
	                   &mf->last_draft);
}

static void mform_leave(struct ui *ui, struct screen *s)
{
	struct mform *mf = (struct mform *)s;
	(void)ui;
	form_free(&mf->form);
	free(mf->last_draft);
	free(mf);
}

static const struct screen_ops mform_ops = {
	.name = "migrant-form", .acts = mform_acts, .enter = mform_enter, .draw = mform_draw,
	.key = mform_key, .leave = mform_leave, .idle = mform_idle, .dirty = mform_dirty,
};

static struct screen *member_form_new(int64_t id)
{
	struct mform *mf = xcalloc(1, sizeof *mf);
	mf->s.ops = &mform_ops;
	mf->id = id;
	form_init(&mf->form, MGF__COUNT);
	for (int i = 0; i < MGF__COUNT; i++) {
		const struct field_def *d = &migrant_fields[i];
		/* a membership stays hers: her number is not changed on it */
		field_init(&mf->form.f[i], d->label, d->kind, d->list, d->max,
		           (d->flags & FF_REQ) | (id && i == MGF_IDNO ? FF_RO : 0));
		mf->form.f[i].tag = i;
	}
	mf->form.changed = mform_changed;
	mf->form.gone = mform_gone;
	mf->form.arg = mf;
	mf->form.screen = &mf->s;
	return &mf->s;
}

/* ---- her page ---------------------------------------------------------------------------------- */

static const int mpage_acts[] = {
	ACT_EDIT, ACT_VISIT, ACT_FINISH, ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, 0
};

static void mpage_checks(struct ui *ui, struct jpage *p)
{
	struct migrant_check_row *c = NULL;
	int n = 0;
	struct jy_err err = { 0 };
	page_section(&p->page, _("Monthly checks (F8 a check)"));
	if (migrant_checks(ui->db, p->id, &c, &n, &err) != JY_OK) {
		page_line(&p->page, ST_ERROR, 0, err.msg);
		return;
	}
	if (!n)
		page_line(&p->page, ST_HINT, 1, _("Not checked yet"));
	for (int i = 0; i < n; i++) {
		char *t = xasprintf("%s  %s  %s%s%s", c[i].date, ui_code_label(ui, "migrant_check", c[i].outcome),
		                    c[i].by, c[i].note ? "  " : "", c[i].note ? c[i].note : "");
		page_wrapped(&p->page, 12, ST_NORMAL, t);
		free(t);
	}
	migrant_checks_free(&c, n);
}

static void mpage_services(struct ui *ui, struct jpage *p)
{
	struct migrant_service *s = NULL;
	int n = 0;
	struct jy_err err = { 0 };
	page_section(&p->page, _("Services she received since she joined"));
	if (migrant_services(ui->db, p->id, &s, &n, &err) != JY_OK) {
		page_line(&p->page, ST_ERROR, 0, err.msg);
		return;
	}
	if (!n)
		page_line(&p->page, ST_HINT, 1, _("None recorded yet"));
	for (int i = 0; i < n; i++) {
		char *t = xasprintf("%s  %s  %s", s[i].date, s[i].kind, s[i].text ? s[i].text : "");
		page_wrapped(&p->page, 18, ST_NORMAL, t);
		free(t);
	}
	migrant_services_free(&s, n);
}

struct mhist_arg {
	struct ui *ui;
	struct jpage *p;
};

static int mhist_change(void *arg, const struct field_change *ch)
{
	struct mhist_arg *a = arg;
	if (!ch->old && !ch->now)
		return 0;
	const struct field_def *fd = audit_field_def("migrant", ch->key);
	const char *so = ch->old ? ch->old : "-", *sn = ch->now ? ch->now : "-";
	if (fd && fd->kind == FK_CODE && fd->list) {
		so = ch->old ? ui_code_label(a->ui, fd->list, ch->old) : "-";
		sn = ch->now ? ui_code_label(a->ui, fd->list, ch->now) : "-";
	}
	char *o = xstrdup(so), *w = xstrdup(sn);
	page_change(&a->p->page, audit_field_label("migrant", ch->key), ch->old != NULL, o, w);
	free(o);
	free(w);
	return 0;
}

static int mhist_line(void *arg, const struct history_entry *h)
{
	struct mhist_arg *a = arg;
	char at[17];
	snprintf(at, sizeof at, "%s", h->at ? h->at : "-");
	if (at[10] == 'T')
		at[10] = ' ';
	char *t = xasprintf("%s  %s (%s)  %s", at, h->worker ? h->worker : "-", h->os_user ? h->os_user : "-",
	                    history_action_label(h->entity, h->action));
	page_wrapped(&a->p->page, 4, ST_HINT, t);
	free(t);
	if (h->changes)
		field_changes_each(h->changes, mhist_change, a);
	return 0;
}

static void mpage_build(struct ui *ui, struct jpage *p)
{
	struct migrant *m = NULL;
	struct jy_err err = { 0 };
	free(p->title);
	if (migrant_load(ui->db, p->id, &m, &err) != JY_OK) {
		p->title = xstrdup(_("Migrant women"));
		page_line(&p->page, ST_ERROR, 0, err.msg);
		return;
	}
	p->title = xasprintf("%s > %s %s", _("Migrant women"), m->reg_no, m->name ? m->name : "");
	char *t = m->left_on[0] ? xasprintf("状态      离开 %s %s", m->left_on, m->left_reason ? m->left_reason : "")
	                        : xasprintf("状态      在册");
	page_wrapped(&p->page, 10, m->left_on[0] ? ST_HINT : ST_OK, t);
	free(t);
	static const int shown[] = { MGF_ORIGIN, MGF_EMPLOYER, MGF_JOINED };
	for (size_t i = 0; i < ARRAY_LEN(shown); i++) {
		char *label = text_fit_pad(migrant_fields[shown[i]].label, 8);
		t = xasprintf("%s  %s", label, migrant_get(m, shown[i]));
		free(label);
		page_wrapped(&p->page, 10, ST_NORMAL, t);
		free(t);
	}
	t = xasprintf("居住证件  %s %s", ui_code_label(ui, "migrant_permit", migrant_get(m, MGF_PERMIT)),
	              migrant_get(m, MGF_PERMIT_ON));
	page_wrapped(&p->page, 10, ST_NORMAL, t);
	free(t);
	migrant_free(&m);
	mpage_checks(ui, p);
	mpage_services(ui, p);
	struct mhist_arg a = { ui, p };
	page_section(&p->page, _("Change history: who changed what, when"));
	if (history_each(ui->db, "migrant", p->id, mhist_line, &a, &err) != JY_OK)
		page_line(&p->page, ST_ERROR, 0, err.msg);
}

static struct screen *check_form_new(int64_t id);
static struct screen *leave_form_new(int64_t id);

static int mpage_key(struct ui *ui, struct jpage *p, const struct ui_event *ev)
{
	switch (ev->act) {
	case ACT_EDIT:
		ui_push(ui, member_form_new(p->id));
		return SK_HANDLED;
	case ACT_VISIT:
		ui_push(ui, check_form_new(p->id));
		return SK_HANDLED;
	case ACT_FINISH:
		ui_push(ui, leave_form_new(p->id));
		return SK_HANDLED;
	case ACT_BACK:
		jobs_list_select(ui, JOBS_MIGRANTS, p->id);
		return 0;
	default:
		return 0;
	}
}

static const struct jpage_kind mpage_kind = {
	.name = "migrant", .acts = mpage_acts, .build = mpage_build, .key = mpage_key,
};

static struct screen *member_page_new(int64_t id)
{
	return jpage_new(&mpage_kind, id);
}

/* ---- a check, her leaving ---------------------------------------------------------------------- */

/* Her number and name, above a small form. */
static void small_enter(struct ui *ui, struct jsmall *f, const char *title)
{
	struct migrant *m = NULL;
	struct jy_err err = { 0 };
	f->title = xstrdup(title);
	if (migrant_load(ui->db, f->id, &m, &err) != JY_OK) {
		jsmall_info(f, xstrdup(err.msg));
		return;
	}
	f->id2 = m->version;
	jsmall_info(f, xasprintf("%s  %s  %s", m->reg_no, m->name ? m->name : "", migrant_get(m, MGF_ORIGIN)));
	field_set(ui, &f->form.f[0], ui->today);
	migrant_free(&m);
}

enum { CK_DATE, CK_OUTCOME, CK_NOTE };
static const struct jsmall_field check_fields[] = {
	[CK_DATE] = { "复核日期", FK_DATE, NULL, 10, FF_REQ },
	[CK_OUTCOME] = { "复核结果", FK_CODE, "migrant_check", 10, FF_REQ },
	[CK_NOTE] = { "备注", FK_TEXT, NULL, 200, 0 },
};

static void check_enter(struct ui *ui, struct jsmall *f)
{
	small_enter(ui, f, _("The monthly check"));
	jsmall_info(f, xstrdup(_("离开 or 迁出 ends her membership on the check's day")));
	field_set(ui, &f->form.f[CK_OUTCOME], "1");
	f->form.focus = CK_OUTCOME;
}

static int check_save(struct ui *ui, struct jsmall *f, struct jy_err *err)
{
	int rc = migrant_check(ui->db, f->id, jsmall_value(f, CK_DATE), jsmall_value(f, CK_OUTCOME),
	                       jsmall_value(f, CK_NOTE), err);
	if (rc == JY_OK) {
		ui_msg(ui, ST_OK, "%s", _("Saved: the check"));
		jobs_list_select(ui, JOBS_MIGRANTS, f->id);
	}
	return rc;
}

static const struct jsmall_kind check_kind = {
	.name = "migrant-check", .fields = check_fields, .n = (int)ARRAY_LEN(check_fields),
	.enter = check_enter, .save = check_save,
};

static struct screen *check_form_new(int64_t id)
{
	return jsmall_new(&check_kind, id, 0);
}

enum { LV_DATE, LV_REASON };
static const struct jsmall_field leave_fields[] = {
	[LV_DATE] = { "离开日期", FK_DATE, NULL, 10, FF_REQ },
	[LV_REASON] = { "离开原因", FK_TEXT, NULL, 100, FF_REQ },
};

static void leave_enter(struct ui *ui, struct jsmall *f)
{
	small_enter(ui, f, _("She leaves the roster"));
	f->form.focus = LV_REASON;
}

static int leave_save(struct ui *ui, struct jsmall *f, struct jy_err *err)
{
	int64_t version = f->id2;
	int rc = migrant_leave(ui->db, f->id, &version, jsmall_value(f, LV_DATE),
	                       jsmall_value(f, LV_REASON), err);
	if (rc == JY_OK) {
		f->id2 = version;
		ui_msg(ui, ST_OK, "%s", _("Saved: she has left the roster"));
		jobs_list_select(ui, JOBS_MIGRANTS, f->id);
	}
	return rc;
}

static const struct jsmall_kind leave_kind = {
	.name = "migrant-leave", .fields = leave_fields, .n = (int)ARRAY_LEN(leave_fields),
	.enter = leave_enter, .save = leave_save,
};

static struct screen *leave_form_new(int64_t id)
{
	return jsmall_new(&leave_kind, id, 0);
}
