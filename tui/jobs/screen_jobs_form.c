/* tui/jobs/screen_jobs_form.c: the forms of the jobs module.
 *
 * jform: an employer, a posting (job information) or a job fair, driven by core's field tables
 * (EMPLOYER_FIELDS, POSTING_FIELDS, FAIR_FIELDS): labels, kinds, code lists and limits come from
 * there, so an error core names lands on its field. A value is checked when the worker leaves its
 * field with core's own jobrec_check_field (a credit code's check character, an employer typed as
 * its pinyin initials, "1,200元" -> 1200), so the form says what a save would say. Two workers on
 * one record: the second save is refused by core (JY_ECONFLICT); the form takes the other
 * worker's values where this worker had not touched a field, keeps this worker's where both did,
 * and says which, as the resident form does. Nothing typed is lost: after each burst of keys the
 * form is kept as a draft, and opening the same form again brings it back.
 *
 * jsmall: the small forms (a referral, its next step, a placement), a column of fields whose
 * labels are the ones core names in its messages. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "screen_jobs.h"

#define DRAFT_MAGIC "#jiuye-draft 1"

struct jform {
	struct screen s;
	int type;
	int64_t id;
	struct jobrec *orig;    /* as loaded; NULL for a new record */
	int64_t version;
	struct form form;
	char *last_draft;
	int draft_dirty;
};

static const int jform_acts[] = {
	ACT_SAVE, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_LEFT, ACT_RIGHT, ACT_BKSP, ACT_DEL, ACT_KILL_END, ACT_KILL_START, ACT_TOGGLE, 0
};

static const char *const type_title[JR__COUNT] = {
	[JR_EMPLOYER] = N_("Employers"), [JR_POSTING] = N_("Job information"), [JR_FAIR] = N_("Job fairs"),
};

static int text_kind(int kind)
{
	return kind == FK_TEXT || kind == FK_DATE || kind == FK_PHONE || kind == FK_IDNO;
}

static struct jobrec *jform_record(struct jform *jf)
{
	struct jobrec *r = jf->orig ? jobrec_dup(jf->orig) : jobrec_new(jf->type);
	r->version = jf->version;
	for (int i = 0; i < jf->form.n; i++)
		jobrec_set(r, i, field_value(&jf->form.f[i]));
	return r;
}

/* ---- drafts ----------------------------------------------------------------------------------- */

static char *jform_draft_text(struct jform *jf)
{
	int n;
	const struct field_def *defs = jobrec_fields(jf->type, &n);
	struct jy_buf b = { 0 };
	buf_addf(&b, "%s\n#version\t%lld\n#focus\t%s\n", DRAFT_MAGIC, (long long)jf->version,
	         defs[jf->form.focus].col);
	for (int i = 0; i < n; i++)
		buf_addf(&b, "%s\t%s\n", defs[i].col, field_value(&jf->form.f[i]));
	return buf_steal(&b);
}

static void jform_idle(struct ui *ui, struct screen *s)
{
	struct jform *jf = (struct jform *)s;
	if (!jf->draft_dirty)
		return;
	jf->draft_dirty = 0;
	form_keep_draft(ui, jobrec_entity(jf->type), jf->id, &jf->last_draft, jform_draft_text(jf));
}

static void jform_draft_clear(struct ui *ui, struct jform *jf)
{
	form_drop_draft(ui, jobrec_entity(jf->type), jf->id, &jf->last_draft);
	jf->draft_dirty = 0;
}

/* The worker's newest draft, when it is of this very form: its values back in the fields. */
static void jform_draft_restore(struct ui *ui, struct jform *jf)
{
	char *form = NULL, *data = NULL;
	int64_t id;
	struct jy_err err = { 0 };
	int rc = draft_latest(ui->db, &form, &id, &data, &err);
	if (rc != JY_OK && rc != JY_ENOTFOUND)  /* the draft stays: the next open offers it */
		ui_err(ui, &err);
	if (rc != JY_OK || strcmp(form, jobrec_entity(jf->type)) != 0 ||
	    id != jf->id || strncmp(data, DRAFT_MAGIC, strlen(DRAFT_MAGIC)) != 0) {
		free(form);
		free(data);
		return;
	}
	for (const char *p = data; *p;) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);
		char *tab = strchr(line, '\t');
		if (tab) {
			*tab = '\0';
			int f = jobrec_field_by_col(jf->type, line);
			if (strcmp(line, "#version") == 0)
				jf->version = strtoll(tab + 1, NULL, 10);
			else if (strcmp(line, "#focus") == 0 && (f = jobrec_field_by_col(jf->type, tab + 1)) >= 0)
				jf->form.focus = f;
			else if (f >= 0)
				field_set(ui, &jf->form.f[f], tab + 1);
		}
		free(line);
		p += n + (p[n] == '\n');
	}
	jf->form.dirty = 1;
	jf->last_draft = data;
	free(form);
	ui_msg(ui, ST_OK, "%s", _("The form you had not saved is back; F2 saves it, Esc discards it"));
}

/* ---- checks as the worker goes ---------------------------------------------------------------- */

static void jform_changed(struct ui *ui, struct form *fm, int i, void *arg)
{
	struct jform *jf = arg;
	(void)ui;
	(void)fm;
	(void)i;
	jf->draft_dirty = 1;
}

/* Leaving a field: core's check; a text field then shows the stored form (E01 -> its name). */
static void jform_left(struct ui *ui, struct form *fm, int i, void *arg)
{
	struct jform *jf = arg;
	struct field *f = &fm->f[i];
	const char *v = field_value(f);
	if (fm->dirty)
		jf->draft_dirty = 1;
	if (!*v || f->err)
		return;
	char *out = NULL;
	struct jy_err err = { 0 };
	if (jobrec_check_field(ui->db, jf->type, i, v, &out, &err) != JY_OK) {
		field_set_err(f, err.msg);
	} else if (text_kind(f->kind) && out && strcmp(out, v) != 0) {
		field_set(ui, f, out);
	}
	free(out);
}

/* ---- saving ----------------------------------------------------------------------------------- */

static void jform_conflict(struct ui *ui, struct jform *jf, const struct jy_err *cerr)
{
	struct jobrec *cur = NULL;
	struct jy_err err = { 0 };
	if (jobrec_load(ui->db, jf->type, jf->id, &cur, &err) != JY_OK) {
		ui_err(ui, &err);
		return;
	}
	int n, both = 0;
	const struct field_def *defs = jobrec_fields(jf->type, &n);
	struct jy_buf b = { 0 };
	buf_addf(&b, "%s\n\n", cerr->msg);
	for (int i = 0; i < n; i++) {
		const char *was = jf->orig ? jobrec_get(jf->orig, i) : "";
		const char *now = jobrec_get(cur, i);
		if (form_same(was, now))
			continue;
		char *dn = NULL;
		struct jy_err derr = { 0 };
		if (jobrec_display(ui->db, cur, i, &dn, &derr) != JY_OK) {
			ui_err(ui, &derr);      /* the stored code stands in for its label */
			dn = xstrdup(now);
		}
		buf_addf(&b, "%s: %s", defs[i].label, *dn ? dn : "-");
		both += form_merge_field(ui, &jf->form.f[i], was, now, dn, &b);
		buf_adds(&b, "\n");
		free(dn);
	}
	jobrec_free(&jf->orig);
	jf->orig = cur;
	jf->version = cur->version;
	jf->draft_dirty = 1;
	form_conflict_show(ui, &b, both);
}

static int jform_save(struct ui *ui, struct jform *jf)
{
	struct form *fm = &jf->form;
	if (field_leave(ui, &fm->f[fm->focus]) & FLD_CHANGED)
		fm->dirty = 1;
	struct jobrec *r = jform_record(jf);
	struct jy_err err = { 0 };
	int rc = jobrec_save(ui->db, r, &err), out = SK_HANDLED;
	switch (rc) {
	case JY_OK:
		jform_draft_clear(ui, jf);
		jobs_list_select(ui, jf->type, r->id);
		ui_msg(ui, ST_OK, _("Saved %s %s"), r->code, jobrec_get(r, jf->type == JR_POSTING ? PST_TITLE : 0));
		fm->dirty = 0;
		out |= SK_POP;
		if (!jf->id && jf->type == JR_POSTING)
			ui_push(ui, posting_page_new(r->id));   /* what was posted, one key from matching */
		else if (!jf->id && jf->type == JR_EMPLOYER)
			ui_push(ui, employer_page_new(r->id));
		break;
	case JY_EINVAL:
	case JY_EDUP:
		form_show_err(ui, fm, &err);
		break;
	case JY_ECONFLICT:
		jform_conflict(ui, jf, &err);
		break;
	default:
		ui_err(ui, &err);
	}
	jobrec_free(&r);
	return out;
}

static void jform_gone(struct ui *ui, struct form *fm, void *arg)
{
	(void)fm;
	jform_draft_clear(ui, arg);
}

static int jform_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct jform *jf = (struct jform *)s;
	int fl = form_key(ui, &jf->form, ev);
	if (fl)
		return fl;
	switch (ev->act) {
	case ACT_SAVE:
		return jform_save(ui, jf);
	case ACT_BACK:
		return form_back(ui, &jf->form, s);
	default:
		return 0;
	}
}

static void jform_draw(struct ui *ui, struct screen *s)
{
	struct jform *jf = (struct jform *)s;
	char *where = jf->orig ? xasprintf("%s > %s %s", _(type_title[jf->type]), _("Edit"), jf->orig->code)
	                       : xasprintf("%s > %s", _(type_title[jf->type]), _("New"));
	ui_title(ui, where);
	free(where);
	const char *hint = jf->type == JR_POSTING
		? _("One item of job information holds all its posts: 招聘人数 is how many people are wanted")
		: jf->type == JR_EMPLOYER ? _("The credit code is on the business licence; it is checked and must be new")
		                          : _("The counts of the day: employers, posts, visitors, intent agreements (and women)");
	ui_put(ui, 1, 1, ui->cols - 2, hint, ST_HINT);
	form_draw(ui, &jf->form, 2, 0, ui->lines - 4, ui->cols);
	form_hint(ui, &jf->form);
}

static void jform_reload(struct ui *ui, struct screen *s)
{
	struct jform *jf = (struct jform *)s;
	struct jobrec *cur = NULL;
	struct jy_err err = { 0 };
	if (!jf->id)
		return;
	if (jobrec_load(ui->db, jf->type, jf->id, &cur, &err) != JY_OK) {
		ui_err(ui, &err);
		return;
	}
	form_warn_newer(ui, jf->version, cur->version, cur->updated_by);
	jobrec_free(&cur);
}

static int jform_dirty(struct ui *ui, struct screen *s)
{
	(void)ui;
	return ((struct jform *)s)->form.dirty;
}

static void jform_leave(struct ui *ui, struct screen *s)
{
	struct jform *jf = (struct jform *)s;
	(void)ui;
	form_free(&jf->form);
	jobrec_free(&jf->orig);
	free(jf->last_draft);
	free(jf);
}

static const struct screen_ops jform_ops = {
	.name = "jobs-form", .acts = jform_acts,
	.draw = jform_draw, .key = jform_key, .leave = jform_leave, .idle = jform_idle,
	.dirty = jform_dirty, .reload = jform_reload,
};

struct screen *jform_new(struct ui *ui, int type, int64_t id, int64_t employer_id)
{
	struct jform *jf = xcalloc(1, sizeof *jf);
	int n;
	const struct field_def *defs = jobrec_fields(type, &n);
	jf->s.ops = &jform_ops;
	jf->type = type;
	jf->id = id;
	form_init(&jf->form, n);
	for (int i = 0; i < n; i++) {
		field_init(&jf->form.f[i], defs[i].label, defs[i].kind, defs[i].list, defs[i].max,
		           defs[i].flags & (FF_REQ | FF_RO));
		jf->form.f[i].tag = i;
	}
	jf->form.changed = jform_changed;
	jf->form.left = jform_left;
	jf->form.gone = jform_gone;
	jf->form.arg = jf;
	if (id) {
		struct jy_err err = { 0 };
		if (jobrec_load(ui->db, type, id, &jf->orig, &err) != JY_OK) {
			ui_err(ui, &err);
		} else {
			jf->version = jf->orig->version;
			for (int i = 0; i < n; i++)
				field_set(ui, &jf->form.f[i], jobrec_get(jf->orig, i));
		}
	} else if (type == JR_POSTING) {
		/* what a new posting starts with: its employer when it came from one, today, open */
		if (employer_id) {
			struct jobrec *e = NULL;
			struct jy_err err = { 0 };
			if (jobrec_load(ui->db, JR_EMPLOYER, employer_id, &e, &err) == JY_OK)
				field_set(ui, &jf->form.f[PST_EMPLOYER], jobrec_get(e, EMP_NAME));
			else
				ui_err(ui, &err);
			jobrec_free(&e);
			jf->form.focus = PST_TITLE;
		}
		field_set(ui, &jf->form.f[PST_POSTED], ui->today);
		field_set(ui, &jf->form.f[PST_PW], "0");
		field_set(ui, &jf->form.f[PST_STATUS], posting_state_code(PSTATE_OPEN));
	} else if (type == JR_EMPLOYER) {
		field_set(ui, &jf->form.f[EMP_WOMAN], "0");
	} else {
		field_set(ui, &jf->form.f[FAIR_DATE], ui->today);
	}
	jform_draft_restore(ui, jf);
	return &jf->s;
}

/* ---- the small forms ---------------------------------------------------------------------------- */

static const int jsmall_acts[] = {
	ACT_SAVE, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_LEFT, ACT_RIGHT, ACT_BKSP, ACT_DEL,
	ACT_HOME, ACT_END, ACT_KILL_END, ACT_KILL_START, ACT_TOGGLE, 0
};

const char *jsmall_value(struct jsmall *f, int i)
{
	const char *v = field_value(&f->form.f[i]);
	return *v ? v : NULL;
}

void jsmall_info(struct jsmall *f, char *line)
{
	if (f->ninfo < (int)ARRAY_LEN(f->info))
		f->info[f->ninfo++] = line;
	else
		free(line);
}

static int jsmall_save(struct ui *ui, struct jsmall *f)
{
	struct jy_err err = { 0 };
	if (field_leave(ui, &f->form.f[f->form.focus]) & FLD_CHANGED)
		f->form.dirty = 1;
	int rc = f->k->save(ui, f, &err);
	if (rc == JY_OK)
		return SK_HANDLED | SK_POP;
	if (form_find_label(&f->form, err.field) >= 0)
		form_show_err(ui, &f->form, &err);
	else
		ui_err(ui, &err);
	return SK_HANDLED;
}

static int jsmall_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct jsmall *f = (struct jsmall *)s;
	int fl = form_key(ui, &f->form, ev);
	if (fl)
		return fl;
	switch (ev->act) {
	case ACT_SAVE:
		return jsmall_save(ui, f);
	case ACT_BACK:
		return form_back(ui, &f->form, s);
	default:
		return 0;
	}
}

static void jsmall_draw(struct ui *ui, struct screen *s)
{
	struct jsmall *f = (struct jsmall *)s;
	ui_title(ui, f->title ? f->title : "");
	int y = 1;
	for (int i = 0; i < f->ninfo && y < ui->lines - 4; i++) {
		char *lines[4];
		int n = ui_wrap(f->info[i], ui->cols - 2, lines, 4);
		for (int k = 0; k < n; k++) {
			if (y < ui->lines - 4)
				ui_put(ui, y++, 1, ui->cols - 2, lines[k], i == 0 ? ST_NORMAL : ST_HINT);
			free(lines[k]);
		}
	}
	form_draw(ui, &f->form, y + 1, 0, ui->lines - y - 3, ui->cols);
	form_hint(ui, &f->form);
}

static int jsmall_dirty(struct ui *ui, struct screen *s)
{
	(void)ui;
	return ((struct jsmall *)s)->form.dirty;
}

static void jsmall_leave(struct ui *ui, struct screen *s)
{
	struct jsmall *f = (struct jsmall *)s;
	(void)ui;
	if (f->k->leave)
		f->k->leave(f);
	form_free(&f->form);
	for (int i = 0; i < f->ninfo; i++)
		free(f->info[i]);
	free(f->title);
	free(f);
}

static void jsmall_enter(struct ui *ui, struct screen *s)
{
	struct jsmall *f = (struct jsmall *)s;
	if (f->k->enter)
		f->k->enter(ui, f);
}

static const struct screen_ops jsmall_ops = {
	.name = "jobs-small-form", .acts = jsmall_acts, .enter = jsmall_enter,
	.draw = jsmall_draw, .key = jsmall_key, .leave = jsmall_leave, .dirty = jsmall_dirty,
};

struct screen *jsmall_new(const struct jsmall_kind *k, int64_t id, int64_t id2)
{
	struct jsmall *f = xcalloc(1, sizeof *f);
	f->s.ops = &jsmall_ops;
	f->k = k;
	f->id = id;
	f->id2 = id2;
	form_init(&f->form, k->n);
	for (int i = 0; i < k->n; i++) {
		const struct jsmall_field *d = &k->fields[i];
		field_init(&f->form.f[i], d->label, d->kind, d->list, d->max, d->flags);
	}
	return &f->s;
}
