/* tui/registry/screen_rform.c: registering or editing a resident.
 *
 * Every field of the registry in the order a desk takes them from an applicant
 * (resident_desk_order: 姓名, 身份证号, 联系电话, 社区, 人员类别 first, the rarely known
 * last). Sex and birth date are never typed: they show themselves as soon as the ID number is
 * valid, with the age and the categories that follow (4050, core/registry/rules.c) and why. Only
 * name and ID number are needed to save; the line above the fields says what is still missing.
 *
 * Nothing typed is lost: every change is kept with draft_save (one small upsert, after each burst
 * of keys), so a dropped SSH link or kill -9 leaves the draft the next start offers. Two workers
 * editing one person: the second save is refused by core (JY_ECONFLICT); the form then shows what
 * the other worker changed and takes their values where this worker had not touched the field. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

#define DRAFT_FORM "resident"
#define DRAFT_MAGIC "#jiuye-draft 1"

struct rform {
	struct screen s;
	struct form form;
	struct resident *orig;  /* as loaded; NULL for a new registration */
	int64_t id, version;
	char *missing;          /* the "still missing" line */
	char *last_draft;       /* what draft_save last stored */
	int draft_dirty;
	int64_t dup_asked;      /* the record we already offered to open */
	char idno_seen[24];     /* the ID number the derived fields were made from */
};

static const int rform_acts[] = {
	ACT_SAVE, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_LEFT, ACT_RIGHT, ACT_BKSP, ACT_DEL, ACT_KILL_END, ACT_KILL_START, ACT_TOGGLE, ACT_JUMP, 0
};

static struct field *rf_field(struct rform *rf, int f)
{
	return &rf->form.f[f];
}

/* ---- the record and the form ---------------------------------------------------------------------- */

static struct resident *rform_record(struct rform *rf)
{
	struct resident *r = rf->orig ? resident_dup(rf->orig) : resident_new();
	r->id = rf->id;
	r->version = rf->version;
	for (int f = 0; f < RF__COUNT; f++) {
		if (resident_fields[f].kind == FK_DERIVED) {
			resident_set(r, f, NULL);
			continue;
		}
		const char *v = field_value(rf_field(rf, f));
		resident_set(r, f, *v ? v : NULL);
	}
	return r;
}

static void rform_fill(struct ui *ui, struct rform *rf, const struct resident *r)
{
	for (int f = 0; f < RF__COUNT; f++)
		if (resident_fields[f].kind != FK_DERIVED)
			field_set(ui, rf_field(rf, f), resident_get(r, f));
}

/* Sex, birth date, age and the rule-based categories, from a valid ID number. */
static void rform_derive(struct ui *ui, struct rform *rf)
{
	struct field *idf = rf_field(rf, RF_IDNO);
	const char *t = le_text(&idf->le);
	char id[19], birth[11], sex;
	struct jy_err err = { 0 };

	field_set(ui, rf_field(rf, RF_SEX), NULL);
	field_set(ui, rf_field(rf, RF_BIRTH), NULL);
	field_set_note(idf, NULL, 0);
	field_set_note(rf_field(rf, RF_BIRTH), NULL, 0);
	field_set_note(rf_field(rf, RF_CATEGORIES), NULL, 0);
	snprintf(rf->idno_seen, sizeof rf->idno_seen, "%s", t);
	/* Checked as typed, but only once it is whole: no complaint at every digit. */
	if (text_chars(t) < 18) {
		if (!idf->err || text_chars(t) == 0)
			field_set_err(idf, NULL);
		return;
	}
	if (idcard_parse(t, id, birth, &sex, &err) != JY_OK) {
		field_set_err(idf, err.msg);
		return;
	}
	field_set_err(idf, NULL);
	const char *sexcode = sex == 'M' ? "1" : "2";
	const char *sexlabel = ui_code_label(ui, "sex", sexcode);
	field_set(ui, rf_field(rf, RF_SEX), sexlabel);
	field_set(ui, rf_field(rf, RF_BIRTH), birth);
	int age = date_age(birth, ui->today);
	char *note = xasprintf(_("%s, %d years old"), sexlabel, age);
	field_set_note(idf, note, ST_DERIVED);
	free(note);

	struct resident tmp = { 0 };
	tmp.v[RF_SEX] = (char *)sexcode;
	tmp.v[RF_BIRTH] = birth;
	struct rule_hit hits[4];
	int n = 0;
	if (rules_derive(ui->db, &tmp, ui->today, hits, 4, &n, &err) != JY_OK)
		ui_err(ui, &err);       /* no derived category is claimed without its rule */
	struct jy_buf why = { 0 }, cats = { 0 };
	for (int i = 0; i < n; i++) {
		const char *label = ui_code_label(ui, "rule", hits[i].code);
		if (i)
			buf_adds(&why, "; ");
		buf_addf(&why, "%s: %s", label, hits[i].reason);
		buf_addf(&cats, "%s%s", i ? ", " : "", label);
	}
	if (n) {
		field_set_note(rf_field(rf, RF_BIRTH), why.s, ST_DERIVED);
		char *c = xasprintf(_("derived: %s"), cats.s);
		field_set_note(rf_field(rf, RF_CATEGORIES), c, ST_DERIVED);
		free(c);
	}
	buf_free(&why);
	buf_free(&cats);
}

static void rform_missing(struct rform *rf)
{
	struct jy_buf req = { 0 }, opt = { 0 };
	int nopt = 0;
	for (int p = 0; p < RF__COUNT; p++) {
		int f = resident_desk_order[p];         /* as the form shows them */
		const struct field_def *fd = &resident_fields[f];
		if (fd->kind == FK_DERIVED || *field_value(rf_field(rf, f)))
			continue;
		if (fd->flags & FF_REQ) {
			buf_addf(&req, "%s%s", req.len ? "、" : "", fd->label);
		} else {
			buf_addf(&opt, "%s%s", opt.len ? "、" : "", fd->label);
			nopt++;
		}
	}
	FREE(&rf->missing);
	if (req.len)
		rf->missing = xasprintf(_("Required: %s. Not yet filled (%d): %s"), req.s, nopt, opt.s ? opt.s : "");
	else if (nopt)
		rf->missing = xasprintf(_("Not yet filled (%d): %s"), nopt, opt.s);
	else
		rf->missing = xstrdup(_("Every field is filled"));
	buf_free(&req);
	buf_free(&opt);
}

/* ---- drafts ----------------------------------------------------------------------------------------- */

static char *rform_draft_text(struct rform *rf)
{
	struct jy_buf b = { 0 };
	buf_addf(&b, "%s\n#version\t%lld\n#focus\t%s\n", DRAFT_MAGIC, (long long)rf->version,
	         resident_fields[rf->form.focus].col);
	for (int f = 0; f < RF__COUNT; f++) {
		if (resident_fields[f].kind == FK_DERIVED)
			continue;
		const char *v = field_value(rf_field(rf, f));
		buf_addf(&b, "%s\t%s\n", resident_fields[f].col, v);   /* tabs and newlines never get in */
	}
	return buf_steal(&b);
}

static void rform_draft_apply(struct ui *ui, struct rform *rf, const char *data)
{
	for (const char *p = data; p && *p;) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);
		char *tab = strchr(line, '\t');
		if (tab) {
			*tab = '\0';
			if (strcmp(line, "#version") == 0) {
				rf->version = strtoll(tab + 1, NULL, 10);
			} else if (strcmp(line, "#focus") == 0) {
				int f = resident_field_by_col(tab + 1);
				if (f >= 0 && field_focusable(rf_field(rf, f)))
					rf->form.focus = f;     /* back where the worker was typing */
			} else {
				int f = resident_field_by_col(line);
				if (f >= 0 && resident_fields[f].kind != FK_DERIVED)
					field_set(ui, rf_field(rf, f), tab + 1);
			}
		}
		free(line);
		p += n + (p[n] == '\n');
	}
}

static void rform_idle(struct ui *ui, struct screen *s)
{
	struct rform *rf = (struct rform *)s;
	if (!rf->draft_dirty)
		return;
	rf->draft_dirty = 0;
	form_keep_draft(ui, DRAFT_FORM, rf->id, &rf->last_draft, rform_draft_text(rf));
}

static void rform_draft_clear(struct ui *ui, struct rform *rf)
{
	form_drop_draft(ui, DRAFT_FORM, rf->id, &rf->last_draft);
	rf->draft_dirty = 0;
}

/* ---- duplicates --------------------------------------------------------------------------------------- */

static void open_existing(struct ui *ui, void *arg, int yes)
{
	struct rform *rf = arg;
	if (!yes)
		return;
	int64_t other = rf->dup_asked;
	rform_draft_clear(ui, rf);
	ui_pop(ui, &rf->s);
	residents_select(ui, other);
	ui_push(ui, rdetail_new(other));
}

static void rform_offer_existing(struct ui *ui, struct rform *rf, const struct jy_err *err)
{
	rf->dup_asked = err->other_id;
	char *text = xasprintf("%s\n\n%s", err->msg,
	                       _("Open the existing record instead? What you typed here is then discarded."));
	dialog_confirm(ui, _("Already registered"), text, 1, open_existing, rf);
	free(text);
}

static void rform_check_dup(struct ui *ui, struct rform *rf)
{
	struct field *name = rf_field(rf, RF_NAME);
	char id[19], birth[11], sex;
	field_set_note(name, NULL, 0);
	if (idcard_parse(le_text(&rf_field(rf, RF_IDNO)->le), id, birth, &sex, NULL) != JY_OK)
		return;
	struct resident *r = rform_record(rf);
	struct jy_err err = { 0 };
	int rc = resident_check_dup(ui->db, r, &err);
	resident_free(&r);
	if (rc == JY_EDUP) {
		field_set_err(rf_field(rf, RF_IDNO), err.msg);
		if (err.other_id != rf->dup_asked)
			rform_offer_existing(ui, rf, &err);
	} else if (err.warn) {
		field_set_note(name, err.msg, ST_WARN);
	}
}

static void rform_changed(struct ui *ui, struct form *fm, int i, void *arg)
{
	struct rform *rf = arg;
	(void)fm;
	rf->draft_dirty = 1;
	if (i == RF_IDNO && strcmp(rf->idno_seen, le_text(&rf_field(rf, RF_IDNO)->le)) != 0) {
		rform_derive(ui, rf);
		rform_check_dup(ui, rf);
	} else if (i == RF_NAME) {
		rform_check_dup(ui, rf);
	}
}

static void rform_left(struct ui *ui, struct form *fm, int i, void *arg)
{
	struct rform *rf = arg;
	(void)ui;
	(void)i;
	rform_missing(rf);
	if (fm->dirty)
		rf->draft_dirty = 1;    /* where the cursor is goes into the draft too */
}

/* ---- another worker saved first ------------------------------------------------------------------------- */

static void rform_conflict(struct ui *ui, struct rform *rf, const struct jy_err *cerr)
{
	struct resident *cur = NULL;
	struct jy_err err = { 0 };
	if (resident_load(ui->db, rf->id, &cur, &err) != JY_OK) {
		ui_err(ui, &err);
		return;
	}
	struct jy_buf b = { 0 };
	buf_addf(&b, "%s\n\n", cerr->msg);
	int both = 0;
	for (int f = 0; f < RF__COUNT; f++) {
		if (resident_fields[f].kind == FK_DERIVED)
			continue;
		const char *was = rf->orig ? resident_get(rf->orig, f) : "";
		const char *now = resident_get(cur, f);
		if (form_same(was, now))
			continue;
		char *dw = NULL, *dn = NULL;
		struct jy_err derr = { 0 };
		/* the stored codes stand in for their labels when the lists cannot be read */
		if (rf->orig && resident_display(ui->db, rf->orig, f, &dw, &derr) != JY_OK) {
			ui_err(ui, &derr);
			dw = xstrdup(was);
		}
		if (!rf->orig)
			dw = xstrdup("");
		if (resident_display(ui->db, cur, f, &dn, &derr) != JY_OK) {
			ui_err(ui, &derr);
			dn = xstrdup(now);
		}
		buf_addf(&b, "%s: %s -> %s", resident_fields[f].label, *dw ? dw : "-", *dn ? dn : "-");
		both += form_merge_field(ui, rf_field(rf, f), was, now, dn, &b);
		buf_adds(&b, "\n");
		free(dw);
		free(dn);
	}
	resident_free(&rf->orig);
	rf->orig = cur;
	rf->version = cur->version;
	rform_derive(ui, rf);
	rform_missing(rf);
	rf->draft_dirty = 1;
	form_conflict_show(ui, &b, both);
}

/* ---- keys ------------------------------------------------------------------------------------------------- */

static int rform_save(struct ui *ui, struct rform *rf)
{
	struct form *fm = &rf->form;
	int i = fm->focus;
	if (field_leave(ui, &fm->f[i]) & FLD_CHANGED)
		rform_changed(ui, fm, i, rf);
	struct resident *r = rform_record(rf);
	struct jy_err err = { 0 };
	int rc = resident_save(ui->db, r, &err);
	int out = SK_HANDLED;
	switch (rc) {
	case JY_OK:
		rform_draft_clear(ui, rf);
		residents_select(ui, r->id);
		if (err.warn)
			ui_msg(ui, ST_WARN, _("Saved %s (%s). Note: %s"), resident_get(r, RF_NAME), r->reg_no, err.msg);
		else
			ui_msg(ui, ST_OK, _("Saved %s (%s)"), resident_get(r, RF_NAME), r->reg_no);
		fm->dirty = 0;
		out |= SK_POP;
		break;
	case JY_EINVAL:
		form_show_err(ui, fm, &err);
		break;
	case JY_EDUP:
		field_set_err(rf_field(rf, RF_IDNO), err.msg);
		rform_offer_existing(ui, rf, &err);
		break;
	case JY_ECONFLICT:
		rform_conflict(ui, rf, &err);
		break;
	default:
		ui_err(ui, &err);
	}
	resident_free(&r);
	return out;
}

static void discard_answer(struct ui *ui, void *arg, int yes)
{
	struct rform *rf = arg;
	if (!yes)
		return;
	rform_draft_clear(ui, rf);
	if (rf->id)
		residents_select(ui, rf->id);
	ui_pop(ui, &rf->s);
}

static int rform_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct rform *rf = (struct rform *)s;
	int fl = form_key(ui, &rf->form, ev);
	if (fl)
		return fl;
	switch (ev->act) {
	case ACT_SAVE:
		return rform_save(ui, rf);
	case ACT_BACK:
		if (!rf->form.dirty) {
			rform_draft_clear(ui, rf);
			return SK_HANDLED | SK_POP;
		}
		dialog_confirm(ui, _("Discard changes"),
		               _("This form has changes that are not saved. Discard them?"), 0, discard_answer, rf);
		return SK_HANDLED;
	default:
		return 0;
	}
}

static void rform_draw(struct ui *ui, struct screen *s)
{
	struct rform *rf = (struct rform *)s;
	char *where;
	if (rf->id)
		where = xasprintf("%s > %s %s (%s)", _("Residents"), _("Edit"), rf->orig ? resident_get(rf->orig, RF_NAME) : "",
		                  rf->orig ? rf->orig->reg_no : "");
	else
		where = xasprintf("%s > %s", _("Residents"), _("New registration"));
	ui_title(ui, where);
	free(where);
	ui_put(ui, 1, 1, ui->cols - 2, rf->missing, ST_HINT);
	form_draw(ui, &rf->form, 2, 0, ui->lines - 4, ui->cols);
	form_hint(ui, &rf->form);
}

/* Another worker committed something: if it was this record, say so now rather than at F2. */
static void rform_reload(struct ui *ui, struct screen *s)
{
	struct rform *rf = (struct rform *)s;
	struct resident *cur = NULL;
	struct jy_err err = { 0 };
	if (!rf->id)
		return;
	if (resident_load(ui->db, rf->id, &cur, &err) != JY_OK) {
		ui_err(ui, &err);
		return;
	}
	form_warn_newer(ui, rf->version, cur->version, cur->updated_by);
	resident_free(&cur);
}

static int rform_dirty(struct ui *ui, struct screen *s)
{
	(void)ui;
	return ((struct rform *)s)->form.dirty;
}

static void rform_leave(struct ui *ui, struct screen *s)
{
	struct rform *rf = (struct rform *)s;
	(void)ui;
	form_free(&rf->form);
	resident_free(&rf->orig);
	free(rf->missing);
	free(rf->last_draft);
	free(rf);
}

static const struct screen_ops rform_ops = {
	.name = "resident-form", .acts = rform_acts,
	.draw = rform_draw, .key = rform_key, .leave = rform_leave, .idle = rform_idle,
	.dirty = rform_dirty, .reload = rform_reload,
};

struct screen *rform_new(struct ui *ui, int64_t id, const char *draft)
{
	struct rform *rf = xcalloc(1, sizeof *rf);
	rf->s.ops = &rform_ops;
	rf->id = id;
	form_init(&rf->form, RF__COUNT);
	for (int f = 0; f < RF__COUNT; f++) {
		const struct field_def *fd = &resident_fields[f];
		field_init(&rf->form.f[f], fd->label, fd->kind, fd->list, fd->max, fd->flags & (FF_REQ | FF_RO));
		rf->form.f[f].tag = f;
	}
	rf->form.order = resident_desk_order;
	rf->form.focus = RF_NAME;
	rf->form.changed = rform_changed;
	rf->form.left = rform_left;
	rf->form.arg = rf;
	if (id) {
		/* The form shows the whole ID number and phone: like the page's "show number", opening it
		 * is a viewing that core checks and records. */
		struct jy_err err = { 0 };
		char seen[32];
		if (resident_reveal(ui->db, id, RF_IDNO, seen, sizeof seen, &err) != JY_OK ||
		    resident_load(ui->db, id, &rf->orig, &err) != JY_OK) {
			ui_err(ui, &err);
		} else {
			rf->version = rf->orig->version;
			rform_fill(ui, rf, rf->orig);
		}
	} else {
		/* What a new registration starts with: the worker's own community, today, 失业 (the
		 * reason people register), and no to the yes/no questions. */
		const struct jy_actor *who = db_actor(ui->db);
		if (who && who->community[0])
			field_set(ui, rf_field(rf, RF_COMMUNITY), who->community);
		field_set(ui, rf_field(rf, RF_REGDATE), ui->today);
		field_set(ui, rf_field(rf, RF_STATUS), "10");
		field_set(ui, rf_field(rf, RF_BENEFIT), "0");
		field_set(ui, rf_field(rf, RF_DIBAO), "0");
	}
	if (draft) {
		rform_draft_apply(ui, rf, draft);
		rf->form.dirty = 1;
		rf->last_draft = xstrdup(draft);
		ui_msg(ui, ST_OK, "%s", _("The form you had not saved is back; F2 saves it, Esc discards it"));
	}
	rform_derive(ui, rf);
	if (draft)
		rform_check_dup(ui, rf);
	rform_missing(rf);
	return &rf->s;
}

/* ---- at start: a draft left by a dropped link or a killed program ------------------------------------- */

struct offer {
	char *form, *data;
	int64_t id;
};

static void offer_answer(struct ui *ui, void *arg, int yes)
{
	struct offer *o = arg;
	if (yes) {
		ui_push(ui, residents_new());
		ui_push(ui, rform_new(ui, o->id, o->data));
	} else {
		struct jy_err err = { 0 };
		if (draft_clear(ui->db, o->form, o->id, &err) != JY_OK)
			ui_err(ui, &err);       /* kept: the next start offers it again */
		else
			ui_msg(ui, ST_HINT, "%s", _("The unsaved form was discarded"));
	}
	free(o->form);
	free(o->data);
	free(o);
}

void rform_offer_draft(struct ui *ui)
{
	struct offer *o = xcalloc(1, sizeof *o);
	struct jy_err err = { 0 };
	int rc = draft_latest(ui->db, &o->form, &o->id, &o->data, &err);
	if (rc != JY_OK && rc != JY_ENOTFOUND)
		ui_err(ui, &err);       /* the draft stays; the next start offers it again */
	if (rc != JY_OK ||
	    strcmp(o->form, DRAFT_FORM) != 0 || strncmp(o->data, DRAFT_MAGIC, strlen(DRAFT_MAGIC)) != 0) {
		free(o->form);
		free(o->data);
		free(o);
		return;
	}
	/* Whose form it was, in the worker's words: the name typed, else "a new registration". */
	char name[64] = "";
	const char *p = strstr(o->data, "\nname\t");
	if (p) {
		p += 6;
		size_t n = strcspn(p, "\n");
		snprintf(name, sizeof name, "%.*s", (int)(n < 60 ? n : 60), p);
	}
	char *what = o->id ? xasprintf(_("changes to %s"), name[0] ? name : "?")
	                   : name[0] ? xasprintf(_("a new registration (%s)"), name)
	                             : xstrdup(_("a new registration"));
	char *text = xasprintf(_("Last time a form was not saved: %s.\nRestore it? (N discards it)"), what);
	dialog_confirm(ui, _("Unsaved form"), text, 1, offer_answer, o);
	free(text);
	free(what);
}
