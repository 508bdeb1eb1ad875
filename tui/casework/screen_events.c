/* tui/casework/screen_events.c: outreach events (座谈会, 讲座, 维权宣传 …) on screen.
 *
 *   the list (menu 9): the events of the worker's communities, searched as you type (the number,
 *     topic, place, organisers, the type's label), with who came and the women among the
 *     residents named;
 *   the event's form (F4): EVENT_FIELDS as core has them, kept as a draft as they are typed;
 *   the event's page (Enter): its fields, who came, the residents named (sex from the registry,
 *     ID masked) and its change history; F4 finds a resident in the registry and names her as
 *     having come (the picker stays, so a worker names a roomful one after another); F5 changes it.
 * The list, the page and the form are the jobs module's pieces (jobs/screen_jobs.h), the picker
 * the enrolment's shape (training/screen_enrol.c). */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "jobs/screen_jobs.h"

#define DRAFT_FORM "event"
#define DRAFT_MAGIC "#jiuye-draft 1"

static struct screen *event_page_new(int64_t id);
static struct screen *event_form_new(int64_t id);
static struct screen *attend_pick_new(int64_t id);

/* ---- the list ---------------------------------------------------------------------------------- */

static const int events_acts[] = {
	ACT_SEARCH, ACT_NEW, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, 0
};

/* At 80 columns: 11 number, 10 date, 10 type, 6 who came, 4 women, the topic the rest. */
struct ecols {
	int no, date, type, came, women, topic;
};

static void ecols_for(int w, struct ecols *c)
{
	*c = (struct ecols){ 11, 10, 10, 6, 4, 0 };
	c->topic = w - (11 + 10 + 10 + 6 + 4 + 6);
	if (c->topic < 8)
		c->topic = 8;
}

static void events_header(struct ui *ui, struct jlist *l, int y, int x, int w)
{
	struct ecols c;
	(void)l;
	ecols_for(w, &c);
	x = ui_col(ui, y, x, c.no, "活动编号", ST_HEADER);
	x = ui_col(ui, y, x, c.date, "活动日期", ST_HEADER);
	x = ui_col(ui, y, x, c.type, "活动类型", ST_HEADER);
	x = ui_col(ui, y, x, c.came, "参加", ST_HEADER);
	x = ui_col(ui, y, x, c.women, "女", ST_HEADER);
	ui_col(ui, y, x, c.topic, "活动主题", ST_HEADER);
}

static void events_row(struct ui *ui, struct jlist *l, const void *row, int y, int x, int w, int sel)
{
	const struct event_row *r = row;
	struct ecols c;
	char came[16], women[16];
	(void)l;
	ecols_for(w, &c);
	snprintf(came, sizeof came, "%d", r->participants);
	snprintf(women, sizeof women, "%d", r->women);
	x = ui_col(ui, y, x, c.no, r->event_no, sel ? ST_SELECTED : ST_NORMAL);
	x = ui_col(ui, y, x, c.date, r->date, ST_NORMAL);
	x = ui_col(ui, y, x, c.type, ui_code_label(ui, "event_type", r->type), ST_NORMAL);
	x = ui_col(ui, y, x, c.came, came, ST_NORMAL);
	x = ui_col(ui, y, x, c.women, women, ST_NORMAL);
	ui_col(ui, y, x, c.topic, r->topic, ST_NORMAL);
}

/* Core gives every event at once (an office holds dozens a year); the list takes pages of it. */
static int events_fetch(struct ui *ui, struct jlist *l, const char *query, const char *cursor,
                        int limit, struct job_page *out, struct jy_err *err)
{
	struct event_row *rows = NULL;
	int n = 0;
	(void)l;
	int rc = event_search(ui->db, query, &rows, &n, err);
	memset(out, 0, sizeof *out);
	if (rc)
		return rc;
	void *page = NULL;
	list_fetch_array(rows, n, sizeof *rows, cursor, limit, &page, &out->n, &out->more, out->next);
	out->rows = page;
	free(rows);
	return JY_OK;
}

static int64_t event_row_id(const void *row)
{
	return ((const struct event_row *)row)->id;
}

static void events_open(struct ui *ui, struct jlist *l, const void *row)
{
	(void)l;
	ui_push(ui, event_page_new(((const struct event_row *)row)->id));
}

static void events_create(struct ui *ui, struct jlist *l)
{
	(void)l;
	ui_push(ui, event_form_new(0));
}

static const struct jlist_kind events_kind = {
	.name = N_("Outreach events"), .acts = events_acts, .type = JOBS_EVENTS,
	.row_size = sizeof(struct event_row), .fetch = events_fetch, .header = events_header,
	.row = events_row, .row_id = event_row_id, .open = events_open, .create = events_create,
	.empty = N_("No events here. F4 adds one."),
};

struct screen *events_new(void)
{
	return jlist_new(&events_kind, 0, 0, NULL);
}

/* ---- the event's form ------------------------------------------------------------------------------ */

struct eform {
	struct screen s;
	int64_t id;             /* the event changed, or 0 for a new one */
	int64_t version;
	struct form form;
	char *last_draft;
	int draft_dirty;
};

static const int eform_acts[] = {
	ACT_SAVE, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_LEFT, ACT_RIGHT, ACT_BKSP, ACT_DEL, ACT_KILL_END, ACT_KILL_START, ACT_TOGGLE, 0
};

static void eform_idle(struct ui *ui, struct screen *s)
{
	struct eform *ef = (struct eform *)s;
	if (!ef->draft_dirty)
		return;
	ef->draft_dirty = 0;
	form_keep_draft(ui, DRAFT_FORM, ef->id, &ef->last_draft,
	                form_draft_text(&ef->form, DRAFT_MAGIC, event_fields, EVF__COUNT));
}

static void eform_changed(struct ui *ui, struct form *fm, int i, void *arg)
{
	(void)ui, (void)fm, (void)i;
	((struct eform *)arg)->draft_dirty = 1;
}

static void eform_gone(struct ui *ui, struct form *fm, void *arg)
{
	struct eform *ef = arg;
	(void)fm;
	form_drop_draft(ui, DRAFT_FORM, ef->id, &ef->last_draft);
	ef->draft_dirty = 0;
}

static int eform_save(struct ui *ui, struct eform *ef)
{
	struct form *fm = &ef->form;
	if (field_leave(ui, &fm->f[fm->focus]) & FLD_CHANGED)
		fm->dirty = 1;
	struct event *e = event_new();
	e->id = ef->id;
	e->version = ef->version;
	for (int i = 0; i < EVF__COUNT; i++)
		event_set(e, i, field_value(&fm->f[i]));
	struct jy_err err = { 0 };
	int rc = event_save(ui->db, e, &err), out = SK_HANDLED;
	if (rc == JY_OK) {
		form_drop_draft(ui, DRAFT_FORM, ef->id, &ef->last_draft);
		ef->draft_dirty = 0;
		fm->dirty = 0;
		jobs_list_select(ui, JOBS_EVENTS, e->id);
		ui_msg(ui, ST_OK, _("Saved %s; F4 on its page names who came"), event_get(e, EVF_NO));
		if (!ef->id)
			ui_push(ui, event_page_new(e->id));
		out |= SK_POP;
	} else if (form_find_label(fm, err.field) >= 0) {
		form_show_err(ui, fm, &err);
	} else {
		ui_err(ui, &err);
	}
	event_free(&e);
	return out;
}

static int eform_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct eform *ef = (struct eform *)s;
	int fl = form_key(ui, &ef->form, ev);
	if (fl)
		return fl;
	switch (ev->act) {
	case ACT_SAVE:
		return eform_save(ui, ef);
	case ACT_BACK:
		return form_back(ui, &ef->form, s);
	default:
		return 0;
	}
}

static void eform_draw(struct ui *ui, struct screen *s)
{
	struct eform *ef = (struct eform *)s;
	char *where = xasprintf("%s > %s", _("Outreach events"), ef->id ? _("Edit") : _("New"));
	ui_title(ui, where);
	free(where);
	ui_put(ui, 1, 1, ui->cols - 2, _("参加人数: all who came (empty: the residents named and the "
	                                 "unregistered counted)"), ST_HINT);
	form_draw(ui, &ef->form, 2, 0, ui->lines - 4, ui->cols);
	form_hint(ui, &ef->form);
}

static int eform_dirty(struct ui *ui, struct screen *s)
{
	(void)ui;
	return ((struct eform *)s)->form.dirty;
}

static void eform_enter(struct ui *ui, struct screen *s)
{
	struct eform *ef = (struct eform *)s;
	ef->form.focus = EVF_TYPE;
	if (ef->id) {
		struct event *e = NULL;
		struct jy_err err = { 0 };
		if (event_load(ui->db, ef->id, &e, &err) == JY_OK) {
			ef->version = e->version;
			for (int i = 0; i < EVF__COUNT; i++)
				field_set(ui, &ef->form.f[i], event_get(e, i));
		} else {
			ui_err(ui, &err);
		}
		event_free(&e);
	} else {
		field_set(ui, &ef->form.f[EVF_DATE], ui->today);
	}
	form_draft_restore(ui, &ef->form, DRAFT_FORM, ef->id, DRAFT_MAGIC, event_fields, EVF__COUNT,
	                   &ef->last_draft);
}

static void eform_leave(struct ui *ui, struct screen *s)
{
	struct eform *ef = (struct eform *)s;
	(void)ui;
	form_free(&ef->form);
	free(ef->last_draft);
	free(ef);
}

static const struct screen_ops eform_ops = {
	.name = "event-form", .acts = eform_acts, .enter = eform_enter, .draw = eform_draw,
	.key = eform_key, .leave = eform_leave, .idle = eform_idle, .dirty = eform_dirty,
};

static struct screen *event_form_new(int64_t id)
{
	struct eform *ef = xcalloc(1, sizeof *ef);
	ef->s.ops = &eform_ops;
	ef->id = id;
	form_init(&ef->form, EVF__COUNT);
	for (int i = 0; i < EVF__COUNT; i++) {
		const struct field_def *d = &event_fields[i];
		/* the number is core's to give */
		field_init(&ef->form.f[i], d->label, d->kind, d->list, d->max,
		           (d->flags & FF_REQ) | (i == EVF_NO ? FF_RO : 0));
		ef->form.f[i].tag = i;
	}
	ef->form.changed = eform_changed;
	ef->form.gone = eform_gone;
	ef->form.arg = ef;
	ef->form.screen = &ef->s;
	return &ef->s;
}

/* ---- the event's page ---------------------------------------------------------------------------- */

static const int epage_acts[] = {
	ACT_NEW, ACT_EDIT, ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

static void epage_line(struct jpage *p, const char *label, const char *value)
{
	char *t = xasprintf("%s  %s", label, value);
	page_wrapped(&p->page, 10, ST_NORMAL, t);
	free(t);
}

static void epage_people(struct ui *ui, struct jpage *p)
{
	struct event_person *rows = NULL;
	int n = 0;
	struct jy_err err = { 0 };
	page_section(&p->page, _("Registered residents who came (F4 names one)"));
	if (event_people(ui->db, p->id, &rows, &n, &err) != JY_OK) {
		page_line(&p->page, ST_ERROR, 0, err.msg);
		return;
	}
	if (n == 0)
		page_line(&p->page, ST_HINT, 1, _("None named yet"));
	for (int i = 0; i < n; i++) {
		char *t = xasprintf("%s  %s  %s  %s  %s", rows[i].reg_no, rows[i].name, rows[i].sex,
		                    rows[i].id_no, ui_code_label(ui, "@units", rows[i].community));
		page_wrapped(&p->page, 4, ST_NORMAL, t);
		free(t);
	}
	free(rows);
}

/* ---- the event's history: its creation, each change, each resident named or taken off ------------ */

/* A value of the event's history as the worker reads it: a code's label, a community's name. */
static char *ehist_show(struct ui *ui, const char *key, const char *v)
{
	if (!v || !*v)
		return xstrdup("-");
	const struct field_def *fd = audit_field_def("event", key);
	if (fd && fd->kind == FK_CODE && fd->list)
		return xstrdup(ui_code_label(ui, fd->list, v));
	if (fd && fd->kind == FK_UNIT)
		return xstrdup(ui_code_label(ui, "@units", v));
	return xstrdup(v);
}

struct ehist_arg {
	struct ui *ui;
	struct jpage *p;
	int n;
};

static int ehist_change(void *arg, const struct field_change *ch)
{
	struct ehist_arg *a = arg;
	if (!ch->old && !ch->now)
		return 0;
	char *so = ehist_show(a->ui, ch->key, ch->old), *sn = ehist_show(a->ui, ch->key, ch->now);
	page_change(&a->p->page, audit_field_label("event", ch->key), ch->old != NULL, so, sn);
	free(so);
	free(sn);
	return 0;
}

static int ehist_line(void *arg, const struct history_entry *h)
{
	struct ehist_arg *a = arg;
	char at[17];
	snprintf(at, sizeof at, "%s", h->at ? h->at : "-");
	if (at[10] == 'T')
		at[10] = ' ';
	char *t = xasprintf("%s  %s (%s)  %s", at, h->worker ? h->worker : "-", h->os_user ? h->os_user : "-",
	                    history_action_label(h->entity, h->action));
	page_wrapped(&a->p->page, 4, ST_HINT, t);
	free(t);
	if (h->changes)
		field_changes_each(h->changes, ehist_change, a);
	a->n++;
	return 0;
}

static void epage_history(struct ui *ui, struct jpage *p)
{
	struct ehist_arg a = { ui, p, 0 };
	struct jy_err err = { 0 };
	page_section(&p->page, _("Change history: who changed what, when"));
	if (history_each(ui->db, "event", p->id, ehist_line, &a, &err) != JY_OK) {
		page_line(&p->page, ST_ERROR, 0, err.msg);
		ui_err(ui, &err);
	}
}

static void epage_build(struct ui *ui, struct jpage *p)
{
	struct event *e = NULL;
	struct jy_err err = { 0 };
	if (event_load(ui->db, p->id, &e, &err) != JY_OK) {
		free(p->title);
		p->title = xstrdup(_("Outreach events"));
		page_line(&p->page, ST_ERROR, 0, err.msg);
		return;
	}
	free(p->title);
	p->title = xasprintf("%s > %s", _("Outreach events"), event_get(e, EVF_NO));
	char *t = xasprintf("%s  %s", event_get(e, EVF_DATE),
	                    ui_code_label(ui, "event_type", event_get(e, EVF_TYPE)));
	page_wrapped(&p->page, 6, ST_OK, t);
	free(t);
	epage_line(p, "活动主题", event_get(e, EVF_TOPIC));
	epage_line(p, "活动地点", event_get(e, EVF_PLACE));
	epage_line(p, "主办单位", event_get(e, EVF_ORGANISERS));
	epage_line(p, "社区    ", ui_code_label(ui, "@units", event_get(e, EVF_COMMUNITY)));
	t = xasprintf("%d（登记人员 %d，未登记 %s）", event_participants(e), e->attendees,
	              *event_get(e, EVF_GUESTS) ? event_get(e, EVF_GUESTS) : "0");
	epage_line(p, "参加人数", t);
	free(t);
	if (*event_get(e, EVF_MATERIALS)) {
		t = xasprintf("%s %s份", event_get(e, EVF_MATERIALS),
		              *event_get(e, EVF_COPIES) ? event_get(e, EVF_COPIES) : "0");
		epage_line(p, "发放资料", t);
		free(t);
	}
	epage_people(ui, p);
	epage_history(ui, p);
	event_free(&e);
}

static int epage_key(struct ui *ui, struct jpage *p, const struct ui_event *ev)
{
	switch (ev->act) {
	case ACT_NEW:
		ui_push(ui, attend_pick_new(p->id));
		return SK_HANDLED;
	case ACT_EDIT:
		ui_push(ui, event_form_new(p->id));
		return SK_HANDLED;
	case ACT_BACK:
		jobs_list_select(ui, JOBS_EVENTS, p->id);
		return 0;
	default:
		return 0;
	}
}

static const struct jpage_kind epage_kind = {
	.name = "event", .acts = epage_acts, .build = epage_build, .key = epage_key,
};

static struct screen *event_page_new(int64_t id)
{
	return jpage_new(&epage_kind, id);
}

/* ---- naming who came: the registry searched as in the resident list ------------------------------- */

struct apick {
	struct screen s;
	struct ui *ui;
	int64_t event_id;
	char no[24];
	struct list list;
	struct qsearch qs;      /* always searching: its own line under the title */
};

static const int apick_acts[] = {
	ACT_SEARCH, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

/* 8 name, 4 sex, 18 ID, the community, the mark. */
static void apick_header(struct ui *ui, void *arg, int y, int x, int w)
{
	(void)arg;
	ui_fill(ui, y, x, w, ST_HEADER);
	x += 1;
	x = ui_col(ui, y, x, 10, "姓名", ST_HEADER);
	x = ui_col(ui, y, x, 4, "性别", ST_HEADER);
	x = ui_col(ui, y, x, 18, "身份证号", ST_HEADER);
	ui_col(ui, y, x, 12, "社区", ST_HEADER);
}

/* Is resident rid named on the event? When it cannot be read, the status line says why. */
static int apick_named(struct apick *ap, int64_t rid)
{
	struct event_person *rows = NULL;
	int n = 0, hit = 0;
	struct jy_err err = { 0 };
	if (event_people(ap->ui->db, ap->event_id, &rows, &n, &err) != JY_OK)
		ui_err(ap->ui, &err);
	for (int i = 0; i < n; i++)
		hit |= rows[i].resident_id == rid;
	free(rows);
	return hit;
}

static void apick_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	struct apick *ap = arg;
	const struct search_row *r = row;
	char id[19], comm[64];
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	(void)w;
	ui_mask_id(r->id_no, id);
	ui_put(ui, y, x, 1, sel ? ">" : " ", hs);
	x += 1;
	x = ui_col(ui, y, x, 10, r->name, hs);
	x = ui_col(ui, y, x, 4, ui_code_label(ui, "sex", r->sex), ST_NORMAL);
	x = ui_col(ui, y, x, 18, id, ST_NORMAL);
	x = ui_col(ui, y, x, 12, ui_unit_short(r->community, 12, comm, sizeof comm), ST_NORMAL);
	if (apick_named(ap, r->id))
		ui_col(ui, y, x, 10, _("came"), ST_OK);
}

static int apick_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows,
                       int *n, int *more, char next[128], struct jy_err *err)
{
	struct apick *ap = arg;
	return residents_page(ap->ui, query, cursor, limit, rows, n, more, next, err);
}

static int64_t apick_row_id(const void *row)
{
	return ((const struct search_row *)row)->id;
}

static void apick_enter(struct ui *ui, struct screen *s)
{
	struct apick *ap = (struct apick *)s;
	struct list_src src = {
		.fetch = apick_fetch, .draw_row = apick_row, .draw_header = apick_header,
		.row_id = apick_row_id, .row_size = sizeof(struct search_row), .arg = ap,
	};
	ap->ui = ui;
	struct event *e = NULL;
	struct jy_err err = { 0 };
	if (event_load(ui->db, ap->event_id, &e, &err) == JY_OK)
		snprintf(ap->no, sizeof ap->no, "%s", event_get(e, EVF_NO));
	else
		ui_err(ui, &err);
	event_free(&e);
	list_init(&ap->list, &src);
	qsearch_init(&ap->qs, &ap->list);
	list_query(&ap->list, "");
}

static void apick_draw(struct ui *ui, struct screen *s)
{
	struct apick *ap = (struct apick *)s;
	char *where = xasprintf("%s > %s > %s", _("Outreach events"), ap->no, _("Who came"));
	ui_title(ui, where);
	free(where);
	const char *prompt = _("Search:");
	int pw = text_width(prompt) + 1, qw = 24;
	ui_put(ui, 1, 1, pw, prompt, ST_MARK);
	struct lineedit_view v;
	le_view(&ap->qs.q, qw, &v);
	char *part = xstrndup(le_text(&ap->qs.q) + v.off, v.len);
	ui_fill(ui, 1, 1 + pw, qw, ST_FIELD_FOCUS);
	ui_puts(ui, 1, 1 + pw + v.more_left, qw, part, ST_FIELD_FOCUS);
	free(part);
	int x = 1 + pw + qw + 2;
	ui_put(ui, 1, x, ui->cols - x - 1, _("Enter: she came"), ST_HINT);
	list_draw(ui, &ap->list, 2, 0, ui->lines - 4, ui->cols);
	ui->cur_y = 1;
	ui->cur_x = 1 + pw + v.cursor_col;
}

static void apick_name(struct ui *ui, struct apick *ap, const struct search_row *r)
{
	struct event *e = NULL;
	struct jy_err err = { 0 };
	int rc = event_load(ui->db, ap->event_id, &e, &err);
	if (!rc) {
		int64_t version = e->version;
		rc = event_attend_resident(ui->db, ap->event_id, &version, r->id, &err);
	}
	event_free(&e);
	if (rc)
		ui_err(ui, &err);
	else
		ui_msg(ui, ST_OK, _("%s came to %s"), r->name, ap->no);
}

static int apick_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct apick *ap = (struct apick *)s;
	/* '?' stays help here: the search always has the keys, so it cannot be typed into it */
	if (ev->key != '?' && qsearch_edit(&ap->qs, ev))
		return SK_HANDLED;
	switch (ev->act) {
	case ACT_SEARCH:
		return SK_HANDLED;
	case ACT_BACK:
		if (!ap->qs.q.len)
			return SK_HANDLED | SK_POP;
		qsearch_clear(&ap->qs);
		return SK_HANDLED;
	case ACT_OPEN: {
		const struct search_row *r = list_selected(&ap->list);
		if (r)
			apick_name(ui, ap, r);
		return SK_HANDLED;
	}
	default:
		return list_key(ui, &ap->list, ev);
	}
}

static void apick_reload(struct ui *ui, struct screen *s)
{
	(void)ui;
	list_reload(&((struct apick *)s)->list);
}

static void apick_leave(struct ui *ui, struct screen *s)
{
	struct apick *ap = (struct apick *)s;
	(void)ui;
	list_free(&ap->list);
	qsearch_free(&ap->qs);
	free(ap);
}

static const struct screen_ops apick_ops = {
	.name = "event-attend", .acts = apick_acts,
	.enter = apick_enter, .draw = apick_draw, .key = apick_key, .leave = apick_leave,
	.resume = apick_reload, .reload = apick_reload,
};

static struct screen *attend_pick_new(int64_t id)
{
	struct apick *ap = xcalloc(1, sizeof *ap);
	ap->s.ops = &apick_ops;
	ap->event_id = id;
	return &ap->s;
}
