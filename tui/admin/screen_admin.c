/* tui/admin/screen_admin.c: 设置 (main menu 5): the workers of the database and the sensitive changes
 * waiting for a reviewer, and the way to the audit trail. What a worker sees here follows
 * her role (core/store/access.c): an administrator keeps the workers; a reviewer (and an administrator)
 * approves or rejects a clerk's change of an ID number or categories. Core checks every action
 * again, so the screen only spares her a refusal. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

/* ---- the menu ------------------------------------------------------------------------------------ */

struct admin {
	struct screen s;
	int sel;
	char *status;
};

enum { ADMIN_WORKERS, ADMIN_PENDING, ADMIN_AUDIT, ADMIN_UNITS, ADMIN_PARAMS, ADMIN_N };
static const char *const admin_items[ADMIN_N] = {
	N_("Workers and their roles"), N_("Changes waiting for approval"), N_("Audit trail"),
	N_("Units: county, streets, communities"), N_("Parameters"),
};
/* -1: every worker reads it (the units, the settings); core lets only an administrator change
 * them */
static const int admin_ops[ADMIN_N] = { OP_ADMIN, OP_APPROVE, OP_AUDIT, -1, -1 };

static const int admin_acts[] = { ACT_MODULE, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_BACK, 0 };

static void admin_status(struct ui *ui, struct admin *a)
{
	const struct jy_actor *who = db_actor(ui->db);
	struct jy_err err = { 0 };
	int n;
	free(a->status);
	if (pending_count(ui->db, &n, &err) != JY_OK) {
		ui_err(ui, &err);
		a->status = xasprintf(_("You are %s (%s)."), who->os_user, role_label(who->role));
		return;
	}
	a->status = xasprintf(_("You are %s (%s). Changes waiting for your approval: %d."), who->os_user,
	                      role_label(who->role), n);
}

static void admin_draw(struct ui *ui, struct screen *s)
{
	struct admin *a = (struct admin *)s;
	int w = 44, y = (ui->lines - ADMIN_N - 6) / 2, x = (ui->cols - w) / 2;
	ui_title(ui, _("Settings"));
	ui_box(ui, y, x, ADMIN_N + 4, w, ST_NORMAL);
	char *t = xasprintf(" %s ", _("Settings"));
	ui_puts(ui, y, x + 2, w - 4, t, ST_HEADER);
	free(t);
	for (int i = 0; i < ADMIN_N; i++) {
		char *line = xasprintf("  %d  %s", i + 1, _(admin_items[i]));
		int st = i == a->sel ? ST_SELECTED
		       : admin_ops[i] < 0 || access_may(ui->db, admin_ops[i]) ? ST_NORMAL : ST_HINT;
		ui_put(ui, y + 2 + i, x + 2, w - 4, line, st);
		free(line);
	}
	ui_put(ui, y + ADMIN_N + 5, 2, ui->cols - 4, a->status ? a->status : "", ST_HINT);
	ui_put(ui, y + ADMIN_N + 6, 2, ui->cols - 4, _("A digit opens its list; Esc goes back to the main menu"), ST_HINT);
}

static int admin_open(struct ui *ui, int i)
{
	struct jy_err err = { 0 };
	if (admin_ops[i] >= 0 && access_check(ui->db, admin_ops[i], NULL, &err) != JY_OK) {
		ui_err(ui, &err);
		return SK_HANDLED;
	}
	if (i == ADMIN_WORKERS)
		ui_push(ui, workers_new());
	else if (i == ADMIN_PENDING)
		ui_push(ui, pending_new());
	else if (i == ADMIN_UNITS)
		ui_push(ui, units_new());
	else if (i == ADMIN_PARAMS)
		ui_push(ui, params_new());
	else
		ui_push(ui, audit_new());
	return SK_HANDLED;
}

static int admin_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct admin *a = (struct admin *)s;
	if (ev->key >= '1' && ev->key < '1' + ADMIN_N) {
		a->sel = ev->key - '1';
		return admin_open(ui, a->sel);
	}
	switch (ev->act) {
	case ACT_NEXT:
		a->sel = (a->sel + 1) % ADMIN_N;
		return SK_HANDLED;
	case ACT_PREV:
		a->sel = (a->sel + ADMIN_N - 1) % ADMIN_N;
		return SK_HANDLED;
	case ACT_OPEN:
		return admin_open(ui, a->sel);
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	default:
		return ev->act == ACT_MODULE ? SK_HANDLED : 0;
	}
}

static void admin_enter(struct ui *ui, struct screen *s)
{
	admin_status(ui, (struct admin *)s);
}

static void admin_leave(struct ui *ui, struct screen *s)
{
	(void)ui;
	free(((struct admin *)s)->status);
	free(s);
}

static const struct screen_ops admin_ops_screen = {
	.name = "settings", .acts = admin_acts,
	.enter = admin_enter, .draw = admin_draw, .key = admin_key, .leave = admin_leave,
	.resume = admin_enter, .reload = admin_enter,
};

struct screen *admin_new(void)
{
	struct admin *a = xcalloc(1, sizeof *a);
	a->s.ops = &admin_ops_screen;
	return &a->s;
}

/* ---- a list of rows kept in memory ------------------------------------------------------------- */

/* The two lists below hold all their rows (an office has tens of workers and requests). */
struct memlist {
	struct screen s;
	struct list list;
	void *rows;
	int n, cap;
	size_t size;
};

static int memlist_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows,
                         int *n, int *more, char next[128], struct jy_err *err)
{
	struct memlist *m = arg;
	(void)query;
	(void)err;
	return list_fetch_array(m->rows, m->n, m->size, cursor, limit, rows, n, more, next);
}

static void memlist_push(struct memlist *m, const void *row)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->rows = xrealloc(m->rows, (size_t)m->cap * m->size);
	}
	memcpy((char *)m->rows + (size_t)m->n++ * m->size, row, m->size);
}

static void memlist_free(struct memlist *m)
{
	list_free(&m->list);
	FREE(&m->rows);
	m->n = m->cap = 0;
}

/* ---- workers ------------------------------------------------------------------------------------- */

static const int workers_acts[] = {
	ACT_NEW, ACT_EDIT, ACT_OPEN, ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

static void workers_header(struct ui *ui, void *arg, int y, int x, int w)
{
	(void)arg;
	ui_fill(ui, y, x, w, ST_HEADER);
	x = ui_col(ui, y, x + 1, 14, "账号", ST_HEADER);
	x = ui_col(ui, y, x, 10, "姓名", ST_HEADER);
	x = ui_col(ui, y, x, 8, "角色", ST_HEADER);
	ui_col(ui, y, x, w - 34, "负责社区", ST_HEADER);
}

static void workers_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	const struct worker_row *r = row;
	int st = sel ? ST_SELECTED : r->closed_at[0] ? ST_HINT : ST_NORMAL;
	(void)arg;
	ui_put(ui, y, x, 1, sel ? ">" : " ", st);
	x = ui_col(ui, y, x + 1, 14, r->os_user, st);
	x = ui_col(ui, y, x, 10, r->name, st);
	x = ui_col(ui, y, x, 8, r->closed_at[0] ? _("closed") : role_label(r->role), st);
	ui_col(ui, y, x, w - 34, r->scope[0] ? r->scope : _("the whole database"), st);
}

/* Workers have no number: the list keeps its selection by a hash of the login name. */
static int64_t workers_row_id(const void *row)
{
	uint64_t h = 1469598103934665603ULL;
	for (const unsigned char *p = (const unsigned char *)((const struct worker_row *)row)->os_user; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return (int64_t)(h >> 1);
}

static int workers_add(void *arg, const struct worker_row *w)
{
	memlist_push(arg, w);
	return 0;
}

static void workers_load(struct ui *ui, struct memlist *m)
{
	struct jy_err err = { 0 };
	m->n = 0;
	if (worker_each(ui->db, workers_add, m, &err) != JY_OK)
		ui_err(ui, &err);
}

static void workers_enter(struct ui *ui, struct screen *s)
{
	struct memlist *m = (struct memlist *)s;
	struct list_src src = {
		.fetch = memlist_fetch, .draw_row = workers_row, .draw_header = workers_header,
		.row_id = workers_row_id, .row_size = sizeof(struct worker_row), .arg = m,
	};
	workers_load(ui, m);
	list_init(&m->list, &src);
	list_query(&m->list, "");
}

static void workers_draw(struct ui *ui, struct screen *s)
{
	struct memlist *m = (struct memlist *)s;
	char *where = xasprintf("%s > %s", _("Settings"), _("Workers and their roles"));
	ui_title(ui, where);
	free(where);
	ui_put(ui, 1, 1, ui->cols - 2, _("F4 adds a worker (her login name on this computer); Enter changes her role "
	                                 "or communities, or closes her account"), ST_HINT);
	list_draw(ui, &m->list, 2, 0, ui->lines - 4, ui->cols);
}

static int workers_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct memlist *m = (struct memlist *)s;
	switch (ev->act) {
	case ACT_NEW:
		ui_push(ui, worker_form_new(NULL));
		return SK_HANDLED;
	case ACT_OPEN:
	case ACT_EDIT: {
		const struct worker_row *r = list_selected(&m->list);
		if (r)
			ui_push(ui, worker_form_new(r));
		return SK_HANDLED;
	}
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	default:
		return list_key(ui, &m->list, ev);
	}
}

static void workers_resume(struct ui *ui, struct screen *s)
{
	struct memlist *m = (struct memlist *)s;
	workers_load(ui, m);
	list_reload(&m->list);
}

static void memlist_leave(struct ui *ui, struct screen *s)
{
	(void)ui;
	memlist_free((struct memlist *)s);
	free(s);
}

static const struct screen_ops workers_ops = {
	.name = "workers", .acts = workers_acts,
	.enter = workers_enter, .draw = workers_draw, .key = workers_key, .leave = memlist_leave,
	.resume = workers_resume, .reload = workers_resume,
};

struct screen *workers_new(void)
{
	struct memlist *m = xcalloc(1, sizeof *m);
	m->s.ops = &workers_ops;
	m->size = sizeof(struct worker_row);
	return &m->s;
}

/* ---- one worker: add, change, close -------------------------------------------------------------- */

enum { WF_USER, WF_NAME, WF_ROLE, WF_SCOPE, WF_CLOSE, WF__COUNT };

struct wform {
	struct screen s;
	int existing;
	struct form form;
};

static const int wform_acts[] = {
	ACT_SAVE, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_LEFT, ACT_RIGHT, ACT_BKSP, ACT_DEL,
	ACT_HOME, ACT_END, ACT_KILL_END, ACT_KILL_START, ACT_TOGGLE, 0
};

static int wform_save(struct ui *ui, struct wform *wf)
{
	struct jy_err err = { 0 };
	if (field_leave(ui, &wf->form.f[wf->form.focus]) & FLD_CHANGED)
		wf->form.dirty = 1;
	const char *user = field_value(&wf->form.f[WF_USER]);
	int rc;
	if (strcmp(field_value(&wf->form.f[WF_CLOSE]), "1") == 0) {
		rc = worker_close(ui->db, user, &err);
	} else {
		int role = role_parse(field_value(&wf->form.f[WF_ROLE]));
		if (role < 0) {
			err_set(&err, JY_EINVAL, "角色", _("the role is one of 录入员 (clerk), 审核 (reviewer), "
			                                 "统计 (stats), 管理员 (admin)"));
			form_show_err(ui, &wf->form, &err);
			return SK_HANDLED;
		}
		const char *name = field_value(&wf->form.f[WF_NAME]);
		rc = worker_save(ui->db, user, *name ? name : NULL, role, field_value(&wf->form.f[WF_SCOPE]), &err);
	}
	if (rc == JY_EINVAL) {
		form_show_err(ui, &wf->form, &err);
		return SK_HANDLED;
	}
	if (rc != JY_OK) {
		ui_err(ui, &err);
		return SK_HANDLED;
	}
	ui_msg(ui, ST_OK, _("Saved: worker %s"), user);
	return SK_HANDLED | SK_POP;
}

static int wform_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct wform *wf = (struct wform *)s;
	int fl = form_key(ui, &wf->form, ev);
	if (fl)
		return fl;
	switch (ev->act) {
	case ACT_SAVE:
		return wform_save(ui, wf);
	case ACT_BACK:
		return form_back(ui, &wf->form, s);
	default:
		return 0;
	}
}

static void wform_draw(struct ui *ui, struct screen *s)
{
	struct wform *wf = (struct wform *)s;
	char *where = xasprintf("%s > %s", _("Settings"), wf->existing ? _("Change a worker") : _("New worker"));
	ui_title(ui, where);
	free(where);
	ui_put(ui, 1, 1, ui->cols - 2, _("Roles: 录入员 enters and edits, 审核 also approves ID and category changes, "
	                                 "统计 sees figures only, 管理员 keeps workers and settings"), ST_HINT);
	form_draw(ui, &wf->form, 3, 0, ui->lines - 5, ui->cols);
	form_hint(ui, &wf->form);
}

static int wform_dirty(struct ui *ui, struct screen *s)
{
	(void)ui;
	return ((struct wform *)s)->form.dirty;
}

static void wform_leave(struct ui *ui, struct screen *s)
{
	struct wform *wf = (struct wform *)s;
	(void)ui;
	form_free(&wf->form);
	free(wf);
}

static const struct screen_ops wform_ops = {
	.name = "worker", .acts = wform_acts,
	.draw = wform_draw, .key = wform_key, .leave = wform_leave, .dirty = wform_dirty,
};

struct screen *worker_form_new(const struct worker_row *w)
{
	struct wform *wf = xcalloc(1, sizeof *wf);
	wf->s.ops = &wform_ops;
	wf->existing = w != NULL;
	form_init(&wf->form, WF__COUNT);
	field_init(&wf->form.f[WF_USER], "账号", FK_TEXT, NULL, 32, FF_REQ | (w ? FF_RO : 0));
	field_init(&wf->form.f[WF_NAME], "姓名", FK_TEXT, NULL, 20, 0);
	field_init(&wf->form.f[WF_ROLE], "角色", FK_TEXT, NULL, 8, FF_REQ);
	field_init(&wf->form.f[WF_SCOPE], "负责社区", FK_CODES, "@units", 200, 0);
	field_init(&wf->form.f[WF_CLOSE], "停用账号", FK_BOOL, NULL, 1, 0);
	field_set(NULL, &wf->form.f[WF_CLOSE], "0");
	field_set(NULL, &wf->form.f[WF_ROLE], role_label(w ? w->role : ROLE_CLERK));
	if (w) {
		field_set(NULL, &wf->form.f[WF_USER], w->os_user);
		field_set(NULL, &wf->form.f[WF_NAME], w->name);
	}
	wf->form.focus = w ? WF_ROLE : WF_USER;
	return &wf->s;
}

/* ---- changes waiting for approval ---------------------------------------------------------------- */

static const int pending_acts[] = {
	ACT_OPEN, ACT_YES, ACT_NO, ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

static void pending_header(struct ui *ui, void *arg, int y, int x, int w)
{
	(void)arg;
	ui_fill(ui, y, x, w, ST_HEADER);
	x = ui_col(ui, y, x + 1, 10, "登记编号", ST_HEADER);
	x = ui_col(ui, y, x, 8, "姓名", ST_HEADER);
	x = ui_col(ui, y, x, 9, "项目", ST_HEADER);
	x = ui_col(ui, y, x, 20, "改为", ST_HEADER);
	x = ui_col(ui, y, x, 10, "申请人", ST_HEADER);
	ui_col(ui, y, x, w - 58, "申请时间", ST_HEADER);
}

/* The new value as the reviewer checks it: an ID number whole (that is what she approves),
 * categories by their labels. */
static void pending_value(struct ui *ui, const struct pending_row *r, char *out, size_t size)
{
	if (r->field != RF_CATEGORIES) {
		snprintf(out, size, "%s", r->new_value);
		return;
	}
	out[0] = '\0';
	size_t used = 0;
	for (const char *s = r->new_value; *s && used + 1 < size;) {
		size_t k = strcspn(s, ",");
		char *code = xstrndup(s, k);
		used += (size_t)snprintf(out + used, size - used, "%s%s", used ? "、" : "",
		                         ui_code_label(ui, "category", code));
		free(code);
		s += k + (s[k] == ',');
	}
}

static void pending_row_draw(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	const struct pending_row *r = row;
	int st = sel ? ST_SELECTED : ST_NORMAL;
	char v[256], at[17];
	(void)arg;
	pending_value(ui, r, v, sizeof v);
	snprintf(at, sizeof at, "%.16s", r->requested_at);    /* to the minute */
	if (at[10] == 'T')
		at[10] = ' ';
	ui_put(ui, y, x, 1, sel ? ">" : " ", st);
	x = ui_col(ui, y, x + 1, 10, r->reg_no, st);
	x = ui_col(ui, y, x, 8, r->name, st);
	x = ui_col(ui, y, x, 9, r->field >= 0 ? resident_fields[r->field].label : "?", st);
	x = ui_col(ui, y, x, 20, v, st);
	x = ui_col(ui, y, x, 10, r->requested_by, st);
	ui_col(ui, y, x, w - 58, at, st);
}

static int64_t pending_row_id(const void *row)
{
	return ((const struct pending_row *)row)->id;
}

static int pending_add(void *arg, const struct pending_row *p)
{
	memlist_push(arg, p);
	return 0;
}

static void pending_load(struct ui *ui, struct memlist *m)
{
	struct jy_err err = { 0 };
	m->n = 0;
	if (pending_each(ui->db, pending_add, m, &err) != JY_OK)
		ui_err(ui, &err);
}

static void pending_enter(struct ui *ui, struct screen *s)
{
	struct memlist *m = (struct memlist *)s;
	struct list_src src = {
		.fetch = memlist_fetch, .draw_row = pending_row_draw, .draw_header = pending_header,
		.row_id = pending_row_id, .row_size = sizeof(struct pending_row), .arg = m,
	};
	pending_load(ui, m);
	list_init(&m->list, &src);
	list_query(&m->list, "");
}

static void pending_draw(struct ui *ui, struct screen *s)
{
	struct memlist *m = (struct memlist *)s;
	char *where = xasprintf("%s > %s", _("Settings"), _("Changes waiting for approval"));
	ui_title(ui, where);
	free(where);
	ui_put(ui, 1, 1, ui->cols - 2, _("y approves the selected change, n rejects it; Enter opens the resident's page"),
	       ST_HINT);
	list_draw(ui, &m->list, 2, 0, ui->lines - 4, ui->cols);
	if (m->n == 0)
		ui_put(ui, 4, 2, ui->cols - 4, _("Nothing is waiting for approval."), ST_OK);
}

struct decide_arg {
	struct memlist *m;
	int64_t id;
	int approve;
};

static void pending_decided(struct ui *ui, void *arg, int yes)
{
	struct decide_arg *d = arg;
	struct jy_err err = { 0 };
	if (yes && pending_decide(ui->db, d->id, d->approve, NULL, &err) != JY_OK)
		ui_err(ui, &err);
	else if (yes)
		ui_msg(ui, ST_OK, "%s", d->approve ? _("Approved: the change is saved") : _("Rejected: the record stays as it was"));
	pending_load(ui, d->m);
	list_reload(&d->m->list);
	free(d);
}

static void pending_ask(struct ui *ui, struct memlist *m, int approve)
{
	const struct pending_row *r = list_selected(&m->list);
	if (!r)
		return;
	char v[256];
	pending_value(ui, r, v, sizeof v);
	struct decide_arg *d = xcalloc(1, sizeof *d);
	*d = (struct decide_arg){ m, r->id, approve };
	char *text = xasprintf(approve ? _("Approve the change of %s of %s (%s) to %s, asked by %s?")
	                               : _("Reject the change of %s of %s (%s) to %s, asked by %s?"),
	                       r->field >= 0 ? resident_fields[r->field].label : "?", r->name, r->reg_no, v,
	                       r->requested_by);
	dialog_confirm(ui, approve ? _("Approve") : _("Reject"), text, 0, pending_decided, d);
	free(text);
}

static int pending_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct memlist *m = (struct memlist *)s;
	switch (ev->act) {
	case ACT_YES:
		pending_ask(ui, m, 1);
		return SK_HANDLED;
	case ACT_NO:
		pending_ask(ui, m, 0);
		return SK_HANDLED;
	case ACT_OPEN: {
		const struct pending_row *r = list_selected(&m->list);
		if (r)
			ui_push(ui, rdetail_new(r->resident_id));
		return SK_HANDLED;
	}
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	default:
		return list_key(ui, &m->list, ev);
	}
}

static void pending_resume(struct ui *ui, struct screen *s)
{
	struct memlist *m = (struct memlist *)s;
	pending_load(ui, m);
	list_reload(&m->list);
}

static const struct screen_ops pending_ops = {
	.name = "approvals", .acts = pending_acts,
	.enter = pending_enter, .draw = pending_draw, .key = pending_key, .leave = memlist_leave,
	.resume = pending_resume, .reload = pending_resume,
};

struct screen *pending_new(void)
{
	struct memlist *m = xcalloc(1, sizeof *m);
	m->s.ops = &pending_ops;
	m->size = sizeof(struct pending_row);
	return &m->s;
}
