/* tui/training/screen_tform.c: the training module's forms — a course, a session, an enrolment (completion,
 * assessment, certificate). One screen for the three, driven by core's field tables
 * (COURSE_FIELDS, SESSION_FIELDS, ENROL_FIELDS): labels, kinds, code lists and limits come from
 * there, so an error core names lands on its field.
 *
 * A value is checked when the worker leaves its field, with core's own field_check_value (numbers
 * "1,200元" -> 1200, times "9点" -> 09:00), so the form says what a save would say. Two workers on
 * one record: the second save is refused by core (JY_ECONFLICT); the form then takes the other
 * worker's values where this worker had not touched a field, keeps this worker's where both did,
 * and says which, as the resident form does.
 *
 * Nothing typed is lost: after each burst of keys the form is kept as a draft (core/store/draft.c), and
 * opening the same form again (the same course, session or enrolment, or a new one of the same
 * kind) brings it back, after a dropped SSH link as after kill -9. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

enum { TF_COURSE, TF_SESSION, TF_ENROL };

#define TF_MAX 16
#define TF_DRAFT_MAGIC "#jiuye-draft 1"

static const char *const tf_forms[] = { "course", "session", "enrolment" };

struct tform {
	struct screen s;
	int kind;
	const struct field_def *defs;
	int map[TF_MAX];        /* form row -> field of defs */
	int64_t id, version, parent;    /* parent: the course of a new session */
	char *orig[TF_MAX];     /* per form row: the value as loaded */
	struct form form;
	char *where;            /* the title */
	char *info[4];          /* lines above the form (who, which course, attendance, outcome) */
	int ninfo;
	char *last_draft;       /* what draft_save last kept */
};

static const int tform_acts[] = {
	ACT_SAVE, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_LEFT, ACT_RIGHT, ACT_BKSP, ACT_DEL, ACT_KILL_END, ACT_KILL_START, ACT_TOGGLE, 0
};

static const struct field_def *tf_def(struct tform *tf, int row)
{
	return &tf->defs[tf->map[row]];
}

static const char *fv(struct tform *tf, int row)
{
	const char *v = field_value(&tf->form.f[row]);
	return *v ? v : NULL;
}

static void tf_info(struct tform *tf, char *line)
{
	if (tf->ninfo < (int)ARRAY_LEN(tf->info))
		tf->info[tf->ninfo++] = line;
	else
		free(line);
}

/* The form rows for fields rows[0..n) of defs, filled with vals (per field). */
static void tf_build(struct ui *ui, struct tform *tf, const int *rows, int n, char *const *vals)
{
	form_init(&tf->form, n);
	for (int i = 0; i < n; i++) {
		const struct field_def *fd = &tf->defs[rows[i]];
		tf->map[i] = rows[i];
		field_init(&tf->form.f[i], fd->label, fd->kind, fd->list, fd->max, fd->flags & (FF_REQ | FF_RO));
		tf->form.f[i].tag = rows[i];
		field_set(ui, &tf->form.f[i], vals ? vals[rows[i]] : NULL);
		/* what a number counts, or how a time is written, beside the field */
		static const struct { const char *col, *note; } units[] = {
			{ "hours", "学时" }, { "capacity", "人" }, { "subsidy", "元/人" }, { "term", "期" },
			{ "class_no", "班" }, { "no", "次课" },
		};
		for (size_t u = 0; u < ARRAY_LEN(units); u++)
			if (strcmp(fd->col, units[u].col) == 0)
				field_set_note(&tf->form.f[i], units[u].note, ST_HINT);
		if (fd->flags & FF_TIME)
			field_set_note(&tf->form.f[i], "09:00", ST_HINT);
		tf->orig[i] = xstrdup(vals ? vals[rows[i]] : NULL);
	}
}

/* ---- drafts ------------------------------------------------------------------------------------ */

static char *tf_draft_text(struct tform *tf)
{
	struct jy_buf b = { 0 };
	buf_addf(&b, "%s\n#version\t%lld\n#parent\t%lld\n#focus\t%d\n", TF_DRAFT_MAGIC, (long long)tf->version,
	         (long long)tf->parent, tf->form.focus);
	for (int i = 0; i < tf->form.n; i++)
		buf_addf(&b, "%s\t%s\n", tf_def(tf, i)->col, field_value(&tf->form.f[i]));
	return buf_steal(&b);
}

static void tf_idle(struct ui *ui, struct screen *s)
{
	struct tform *tf = (struct tform *)s;
	if (!tf->form.dirty)
		return;
	form_keep_draft(ui, tf_forms[tf->kind], tf->id, &tf->last_draft, tf_draft_text(tf));
}

static void tf_draft_clear(struct ui *ui, struct tform *tf)
{
	form_drop_draft(ui, tf_forms[tf->kind], tf->id, &tf->last_draft);
}

/* The worker's newest draft, when it is of this very form: its values back in the fields. */
static void tf_draft_restore(struct ui *ui, struct tform *tf)
{
	char *form = NULL, *data = NULL;
	int64_t id = 0;
	struct jy_err err = { 0 };
	int rc = draft_latest(ui->db, &form, &id, &data, &err);
	if (rc != JY_OK && rc != JY_ENOTFOUND)  /* the draft stays: the next open offers it */
		ui_err(ui, &err);
	if (rc != JY_OK || strcmp(form, tf_forms[tf->kind]) != 0 ||
	    id != tf->id || strncmp(data, TF_DRAFT_MAGIC, strlen(TF_DRAFT_MAGIC)) != 0) {
		free(form);
		free(data);
		return;
	}
	int match = 1;
	for (const char *p = data; *p;) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);
		char *tab = strchr(line, '\t');
		if (tab) {
			*tab++ = '\0';
			if (strcmp(line, "#parent") == 0 && strtoll(tab, NULL, 10) != tf->parent)
				match = 0;      /* a new session of another course */
			else if (strcmp(line, "#version") == 0)
				tf->version = strtoll(tab, NULL, 10);
			else if (strcmp(line, "#focus") == 0 && atoi(tab) >= 0 && atoi(tab) < tf->form.n)
				tf->form.focus = atoi(tab);
			for (int i = 0; match && line[0] != '#' && i < tf->form.n; i++)
				if (strcmp(tf_def(tf, i)->col, line) == 0)
					field_set(ui, &tf->form.f[i], tab);
		}
		free(line);
		p += n + (p[n] == '\n');
		if (!match)
			break;
	}
	if (match) {
		tf->form.dirty = 1;
		tf->last_draft = data;
		data = NULL;
		ui_msg(ui, ST_OK, "%s", _("The form you had not saved is back; F2 saves it, Esc discards it"));
	}
	free(form);
	free(data);
}

/* ---- checks as the worker leaves a field ------------------------------------------------------ */

static void tf_left(struct ui *ui, struct form *fm, int i, void *arg)
{
	struct tform *tf = arg;
	const struct field_def *fd = tf_def(tf, i);
	if (!(fd->flags & (FF_NUM | FF_TIME)) && fd->kind != FK_TEXT)
		return;         /* dates, codes and flags check themselves (field.c) */
	struct field *f = &fm->f[i];
	char *out = NULL;
	struct jy_err err = { 0 };
	if (field_check_value(ui->db, fd, field_value(f), &out, &err) != JY_OK)
		field_set_err(f, err.msg);
	else if (out && strcmp(out, field_value(f)) != 0)
		field_set(ui, f, out);          /* 1,200元 -> 1200: the worker sees what is stored */
	free(out);
}

/* ---- saving ------------------------------------------------------------------------------------ */

static void tf_values(struct tform *tf, char **v)
{
	for (int i = 0; i < tf->form.n; i++)
		xstrset(&v[tf->map[i]], fv(tf, i));
}

static int same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Another worker saved first: cur holds the stored values (per field of defs). */
static void tf_conflict(struct ui *ui, struct tform *tf, const struct jy_err *cerr, char *const *cur,
                        int64_t version)
{
	struct jy_buf b = { 0 };
	buf_addf(&b, "%s\n\n", cerr->msg);
	int both = 0;
	for (int i = 0; i < tf->form.n; i++) {
		const char *now = cur[tf->map[i]];
		if (same(tf->orig[i], now))
			continue;
		const struct field_def *fd = tf_def(tf, i);
		char *dw = NULL, *dn = NULL;
		struct jy_err derr = { 0 };
		/* the stored codes stand in for their labels when the lists cannot be read */
		if (field_show(ui->db, fd, tf->orig[i], &dw, &derr) != JY_OK) {
			ui_err(ui, &derr);
			dw = xstrdup(tf->orig[i] ? tf->orig[i] : "");
		}
		if (field_show(ui->db, fd, now, &dn, &derr) != JY_OK) {
			ui_err(ui, &derr);
			dn = xstrdup(now ? now : "");
		}
		buf_addf(&b, "%s: %s -> %s", fd->label, *dw ? dw : "-", *dn ? dn : "-");
		struct field *f = &tf->form.f[i];
		if (same(fv(tf, i), tf->orig[i])) {
			field_set(ui, f, now);
		} else if (!same(fv(tf, i), now)) {
			char *note = xasprintf(_("also changed by the other worker: %s"), *dn ? dn : "-");
			field_set_err(f, note);
			free(note);
			buf_adds(&b, _(" (you changed it too: yours is kept)"));
			both++;
		}
		buf_adds(&b, "\n");
		xstrset(&tf->orig[i], now);
		free(dw);
		free(dn);
	}
	buf_addf(&b, "\n%s", both ? _("Nothing was saved. Check the fields marked in red, then F2 saves.")
	                          : _("Nothing was saved. Their values are now in the form; F2 saves yours on top."));
	tf->version = version;
	dialog_alert(ui, _("Changed by another worker"), b.s);
	buf_free(&b);
}

static int tf_result(struct ui *ui, struct tform *tf, int rc, const struct jy_err *err, const char *saved)
{
	if (rc == JY_OK) {
		if (err->warn)
			ui_msg(ui, ST_WARN, _("Saved: %s. Note: %s"), saved, err->msg);
		else
			ui_msg(ui, ST_OK, _("Saved: %s"), saved);
		tf->form.dirty = 0;
		tf_draft_clear(ui, tf);
		return SK_HANDLED | SK_POP;
	}
	if (rc == JY_EINVAL || rc == JY_EDUP)
		form_show_err(ui, &tf->form, err);
	else
		ui_err(ui, err);
	return SK_HANDLED;
}

static int save_course(struct ui *ui, struct tform *tf)
{
	struct course *c = NULL;
	struct jy_err err = { 0 };
	if (tf->id && course_load(ui->db, tf->id, &c, &err) != JY_OK) {
		ui_err(ui, &err);
		return SK_HANDLED;
	}
	if (!c)
		c = course_new();
	c->version = tf->version;
	tf_values(tf, c->v);
	int rc = course_save(ui->db, c, &err);
	if (rc == JY_ECONFLICT) {
		struct course *cur = NULL;
		struct jy_err lerr = { 0 };
		if (course_load(ui->db, tf->id, &cur, &lerr) == JY_OK)
			tf_conflict(ui, tf, &err, cur->v, cur->version);
		else
			ui_err(ui, &lerr);
		course_free(&cur);
		course_free(&c);
		return SK_HANDLED;
	}
	if (rc == JY_OK)
		courses_select(ui, c->id);
	char *what = xasprintf("%s (%s)", course_get(c, CF_NAME), course_get(c, CF_CODE));
	int out = tf_result(ui, tf, rc, &err, what);
	free(what);
	course_free(&c);
	return out;
}

static int save_session(struct ui *ui, struct tform *tf)
{
	struct session *s = session_new(tf->parent);
	struct jy_err err = { 0 };
	s->id = tf->id;
	s->version = tf->version;
	tf_values(tf, s->v);
	int rc = session_save(ui->db, s, &err);
	if (rc == JY_ECONFLICT) {
		struct session *cur = NULL;
		struct jy_err lerr = { 0 };
		if (session_load(ui->db, tf->id, &cur, &lerr) == JY_OK)
			tf_conflict(ui, tf, &err, cur->v, cur->version);
		else
			ui_err(ui, &lerr);
		session_free(&cur);
		session_free(&s);
		return SK_HANDLED;
	}
	char *what = xasprintf(_("session %s, %s"), session_get(s, SF_NO), session_get(s, SF_DATE));
	int out = tf_result(ui, tf, rc, &err, what);
	free(what);
	session_free(&s);
	return out;
}

static int save_enrolment(struct ui *ui, struct tform *tf)
{
	struct enrolment *e = NULL;
	struct jy_err err = { 0 };
	if (enrolment_load(ui->db, tf->id, &e, &err) != JY_OK) {
		ui_err(ui, &err);
		return SK_HANDLED;
	}
	e->version = tf->version;
	tf_values(tf, e->v);
	int rc = enrolment_save(ui->db, e, &err);
	if (rc == JY_ECONFLICT) {
		struct enrolment *cur = NULL;
		struct jy_err lerr = { 0 };
		if (enrolment_load(ui->db, tf->id, &cur, &lerr) == JY_OK)
			tf_conflict(ui, tf, &err, cur->v, cur->version);
		else
			ui_err(ui, &lerr);
		enrolment_free(&cur);
		enrolment_free(&e);
		return SK_HANDLED;
	}
	char *what = xasprintf("%s, %s", enrolment_get(e, EF_NAME), enrolment_get(e, EF_COURSE));
	int out = tf_result(ui, tf, rc, &err, what);
	free(what);
	enrolment_free(&e);
	return out;
}

static int tf_save(struct ui *ui, struct tform *tf)
{
	struct form *fm = &tf->form;
	if (field_leave(ui, &fm->f[fm->focus]) & FLD_CHANGED)
		fm->dirty = 1;
	tf_left(ui, fm, fm->focus, tf);
	switch (tf->kind) {
	case TF_COURSE: return save_course(ui, tf);
	case TF_SESSION: return save_session(ui, tf);
	default: return save_enrolment(ui, tf);
	}
}

/* ---- the screen ------------------------------------------------------------------------------- */

static void tf_gone(struct ui *ui, struct form *fm, void *arg)
{
	(void)fm;
	tf_draft_clear(ui, arg);
}

static int tf_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct tform *tf = (struct tform *)s;
	int fl = form_key(ui, &tf->form, ev);
	if (fl)
		return fl;
	switch (ev->act) {
	case ACT_SAVE:
		return tf_save(ui, tf);
	case ACT_BACK:
		return form_back(ui, &tf->form, s);
	default:
		return 0;
	}
}

static void tf_draw(struct ui *ui, struct screen *s)
{
	struct tform *tf = (struct tform *)s;
	ui_title(ui, tf->where);
	for (int i = 0; i < tf->ninfo; i++)
		ui_put(ui, 1 + i, 1, ui->cols - 2, tf->info[i], i == 0 ? ST_MARK : ST_HINT);
	int top = 2 + tf->ninfo;
	form_draw(ui, &tf->form, top, 0, ui->lines - top - 2, ui->cols);
	form_hint(ui, &tf->form);
}

static int tf_dirty(struct ui *ui, struct screen *s)
{
	(void)ui;
	return ((struct tform *)s)->form.dirty;
}

static void tf_leave(struct ui *ui, struct screen *s)
{
	struct tform *tf = (struct tform *)s;
	(void)ui;
	for (int i = 0; i < tf->form.n; i++)
		free(tf->orig[i]);
	form_free(&tf->form);
	for (int i = 0; i < tf->ninfo; i++)
		free(tf->info[i]);
	free(tf->where);
	free(tf->last_draft);
	free(tf);
}

static const struct screen_ops tform_ops = {
	.name = "training-form", .acts = tform_acts,
	.draw = tf_draw, .key = tf_key, .leave = tf_leave, .dirty = tf_dirty, .idle = tf_idle,
};

static struct tform *tf_new(int kind, const struct field_def *defs)
{
	struct tform *tf = xcalloc(1, sizeof *tf);
	tf->s.ops = &tform_ops;
	tf->kind = kind;
	tf->defs = defs;
	return tf;
}

static void tf_ready(struct ui *ui, struct tform *tf, int focus)
{
	tf->form.focus = focus;
	tf->form.left = tf_left;
	tf->form.gone = tf_gone;
	tf->form.arg = tf;
	tf_draft_restore(ui, tf);
}

struct screen *cform_new(struct ui *ui, int64_t id)
{
	struct tform *tf = tf_new(TF_COURSE, course_fields);
	struct course *c = NULL;
	struct jy_err err = { 0 };
	if (id && course_load(ui->db, id, &c, &err) != JY_OK)
		ui_err(ui, &err);
	int rows[CF__COUNT];
	for (int f = 0; f < CF__COUNT; f++)
		rows[f] = f;
	tf_build(ui, tf, rows, CF__COUNT, c ? c->v : NULL);
	if (c) {
		tf->id = c->id;
		tf->version = c->version;
		tf->where = xasprintf("%s > %s %s (%s)", _("Training"), _("Edit"), course_get(c, CF_NAME),
		                      course_get(c, CF_CODE));
		tf_info(tf, xasprintf(_("Last changed %s by %s"), c->updated_at ? c->updated_at : "-",
		                      c->updated_by ? c->updated_by : "-"));
	} else {
		tf->where = xasprintf("%s > %s", _("Training"), _("New course"));
		tf_info(tf, xstrdup(_("Name and dates are needed; an empty code gets the next free one (K-001 ...)")));
	}
	tf_ready(ui, tf, CF_NAME);
	course_free(&c);
	return &tf->s;
}

struct screen *sform_new(struct ui *ui, int64_t course_id, int64_t session_id)
{
	struct tform *tf = tf_new(TF_SESSION, session_fields);
	struct session *s = NULL;
	struct course *c = NULL;
	struct jy_err err = { 0 };
	if (session_id && session_load(ui->db, session_id, &s, &err) != JY_OK)
		ui_err(ui, &err);
	tf->parent = s ? s->course_id : course_id;
	if (course_load(ui->db, tf->parent, &c, &err) != JY_OK)
		ui_err(ui, &err);
	int rows[SF__COUNT];
	for (int f = 0; f < SF__COUNT; f++)
		rows[f] = f;
	tf_build(ui, tf, rows, SF__COUNT, s ? s->v : NULL);
	const char *cname = c ? course_get(c, CF_NAME) : "";
	if (s) {
		tf->id = s->id;
		tf->version = s->version;
		tf->where = xasprintf("%s > %s > %s %s", _("Training"), cname, _("Session"), session_get(s, SF_NO));
	} else {
		tf->where = xasprintf("%s > %s > %s", _("Training"), cname, _("New session"));
		/* most sessions are recorded on their day; outside the course, its first day */
		const char *d = ui->today;
		if (c && (strcmp(d, course_get(c, CF_START)) < 0 || strcmp(d, course_get(c, CF_END)) > 0))
			d = course_get(c, CF_START);
		field_set(ui, &tf->form.f[SF_DATE], d);
		xstrset(&tf->orig[SF_DATE], d);
	}
	if (c)
		tf_info(tf, xasprintf(_("%s to %s; an empty number gets the next, an empty place the course's (%s)"),
		                      course_get(c, CF_START), course_get(c, CF_END),
		                      *course_get(c, CF_PLACE) ? course_get(c, CF_PLACE) : "-"));
	tf_ready(ui, tf, s ? SF_DATE : SF_START);
	session_free(&s);
	course_free(&c);
	return &tf->s;
}

/* The trainee's attendance and outcome, for the lines above her enrolment form. */
static void enrol_info(struct ui *ui, struct tform *tf, const struct enrolment *e)
{
	struct enrol_row *rows = NULL;
	struct jy_err err = { 0 };
	int n = 0;
	if (enrolment_list(ui->db, e->course_id, 0, ui->today, &rows, &n, &err) != JY_OK) {
		ui_err(ui, &err);
		return;
	}
	for (int i = 0; i < n; i++) {
		const struct enrol_row *r = &rows[i];
		if (r->id != e->id)
			continue;
		int rate = attendance_rate(r);
		if (rate >= 0)
			tf_info(tf, xasprintf(_("Attendance %d.%d%%: %d of %d sessions (到 %d, 迟 %d, 假 %d, 缺 %d)"),
			                      rate / 10, rate % 10, r->present + r->late, r->marked, r->present,
			                      r->late, r->leave, r->absent));
		else
			tf_info(tf, xstrdup(_("Attendance: no roll call taken yet")));
		if (r->outcome == OUTCOME_EMPLOYED)
			tf_info(tf, xasprintf(_("Employed on %s, within six months of the course (until %s); subsidy tier %d%%: %d yuan"),
			                      r->employed_on, r->window_end, r->tier, r->amount));
		else if (r->outcome == OUTCOME_PENDING)
			tf_info(tf, xasprintf(_("No job recorded yet; the six months run until %s; subsidy tier now %d%%: %d yuan"),
			                      r->window_end, r->tier, r->amount));
		else if (r->outcome == OUTCOME_NOT_EMPLOYED)
			tf_info(tf, xasprintf(_("No job within six months (until %s); subsidy tier %d%%: %d yuan"),
			                      r->window_end, r->tier, r->amount));
	}
	free(rows);
}

struct screen *eform_new(struct ui *ui, int64_t enrolment_id)
{
	struct tform *tf = tf_new(TF_ENROL, enrol_fields);
	struct enrolment *e = NULL;
	struct jy_err err = { 0 };
	static const int rows[] = { EF_ENROLLED, EF_WAITLIST, EF_RESULT, EF_RESULTON, EF_PASSED, EF_CERT,
	                            EF_CERTNO, EF_INTRADE, EF_NOTE };
	if (enrolment_load(ui->db, enrolment_id, &e, &err) != JY_OK) {
		ui_err(ui, &err);
		tf_build(ui, tf, rows, (int)ARRAY_LEN(rows), NULL);
		tf->where = xstrdup(_("Training"));
		tf_ready(ui, tf, 0);
		return &tf->s;
	}
	tf->id = e->id;
	tf->version = e->version;
	tf_build(ui, tf, rows, (int)ARRAY_LEN(rows), e->v);
	char id[19];
	ui_mask_id(enrolment_get(e, EF_IDNO), id);
	tf->where = xasprintf("%s > %s > %s", _("Training"), enrolment_get(e, EF_COURSE), enrolment_get(e, EF_NAME));
	tf_info(tf, xasprintf("%s  %s  %s %s", enrolment_get(e, EF_NAME), id, _("course"), enrolment_get(e, EF_COURSE)));
	enrol_info(ui, tf, e);
	tf_ready(ui, tf, 2);        /* 学习状态: what a worker comes here to record */
	enrolment_free(&e);
	return &tf->s;
}
