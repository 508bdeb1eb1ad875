/* tui/enterprise/screen_eform.c: the forms of the enterprise module (a project, its next stage, a
 * loan's application, its next step, 放款, a repayment or 贴息): a column of fields whose labels
 * are the ones core names in its messages, so an error lands on its field. Nothing typed is lost:
 * after each burst of keys the form is kept as a draft (core/store/draft.c) under its name and
 * record, and opening the same form again brings it back; saving or discarding drops it. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "screen_enterprise.h"

#define DRAFT_MAGIC "#jiuye-draft 1"

static const int entform_acts[] = {
	ACT_SAVE, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_LEFT, ACT_RIGHT, ACT_BKSP, ACT_DEL,
	ACT_HOME, ACT_END, ACT_KILL_END, ACT_KILL_START, ACT_TOGGLE, 0
};
/* A form whose kind takes keys of its own: F4 finds a record for a field. */
static const int entform_key_acts[] = {
	ACT_SAVE, ACT_NEW, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_LEFT, ACT_RIGHT, ACT_BKSP,
	ACT_DEL, ACT_HOME, ACT_END, ACT_KILL_END, ACT_KILL_START, ACT_TOGGLE, 0
};

const char *entform_value(struct entform *f, int i)
{
	const char *v = field_value(&f->form.f[i]);
	return *v ? v : NULL;
}

void entform_set(struct ui *ui, struct entform *f, int i, const char *v)
{
	field_set(ui, &f->form.f[i], v);
}

void entform_info(struct entform *f, char *line)
{
	if (f->ninfo < (int)ARRAY_LEN(f->info))
		f->info[f->ninfo++] = line;
	else
		free(line);
}

/* The draft's name: the form's and the record's (a stage form of P-001 is not P-002's). */
static char *entform_draft_name(const struct entform *f)
{
	return xasprintf("%s:%lld", f->k->name, (long long)f->id2);
}

static char *entform_draft_text(struct entform *f)
{
	struct jy_buf b = { 0 };
	buf_addf(&b, "%s\n#focus\t%d\n", DRAFT_MAGIC, f->form.focus);
	for (int i = 0; i < f->form.n; i++)
		buf_addf(&b, "%s\t%s\n", f->k->fields[i].label, field_value(&f->form.f[i]));
	return buf_steal(&b);
}

static void entform_idle(struct ui *ui, struct screen *s)
{
	struct entform *f = (struct entform *)s;
	if (!f->form.dirty)
		return;
	char *name = entform_draft_name(f);
	form_keep_draft(ui, name, f->id, &f->last_draft, entform_draft_text(f));
	free(name);
}

static void entform_gone(struct ui *ui, struct form *fm, void *arg)
{
	struct entform *f = arg;
	(void)fm;
	char *name = entform_draft_name(f);
	form_drop_draft(ui, name, f->id, &f->last_draft);
	free(name);
}

/* The worker's newest draft, when it is of this very form and record: its values back. */
static void entform_restore(struct ui *ui, struct entform *f)
{
	char *form = NULL, *data = NULL, *name = entform_draft_name(f);
	int64_t id;
	struct jy_err err = { 0 };
	int rc = draft_latest(ui->db, &form, &id, &data, &err);
	if (rc != JY_OK && rc != JY_ENOTFOUND)
		ui_err(ui, &err);
	if (rc != JY_OK || strcmp(form, name) != 0 || id != f->id ||
	    strncmp(data, DRAFT_MAGIC, strlen(DRAFT_MAGIC)) != 0) {
		free(form);
		free(data);
		free(name);
		return;
	}
	for (const char *p = data; *p;) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);
		char *tab = strchr(line, '\t');
		if (tab) {
			*tab = '\0';
			int i = form_find_label(&f->form, line);
			if (strcmp(line, "#focus") == 0) {
				int k = atoi(tab + 1);
				if (k >= 0 && k < f->form.n)
					f->form.focus = k;
			} else if (i >= 0) {
				field_set(ui, &f->form.f[i], tab + 1);
			}
		}
		free(line);
		p += n + (p[n] == '\n');
	}
	f->form.dirty = 1;
	f->last_draft = data;
	free(form);
	free(name);
	ui_msg(ui, ST_OK, "%s", _("The form you had not saved is back; F2 saves it, Esc discards it"));
}

static int entform_save(struct ui *ui, struct entform *f)
{
	struct jy_err err = { 0 };
	if (field_leave(ui, &f->form.f[f->form.focus]) & FLD_CHANGED)
		f->form.dirty = 1;
	int rc = f->k->save(ui, f, &err);
	if (rc == JY_OK && f->k->stay) {
		entform_gone(ui, &f->form, f);
		f->form.dirty = 0;
		return SK_HANDLED | SK_REDRAW;
	}
	if (rc == JY_OK) {
		entform_gone(ui, &f->form, f);
		return SK_HANDLED | SK_POP;
	}
	if (form_find_label(&f->form, err.field) >= 0)
		form_show_err(ui, &f->form, &err);
	else
		ui_err(ui, &err);
	return SK_HANDLED;
}

static int entform_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct entform *f = (struct entform *)s;
	int fl = form_key(ui, &f->form, ev);
	if (fl)
		return fl;
	switch (ev->act) {
	case ACT_SAVE:
		return entform_save(ui, f);
	case ACT_BACK:
		return form_back(ui, &f->form, s);
	default:
		return f->k->key ? f->k->key(ui, f, ev) : 0;
	}
}

static void entform_draw(struct ui *ui, struct screen *s)
{
	struct entform *f = (struct entform *)s;
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

static int entform_dirty(struct ui *ui, struct screen *s)
{
	(void)ui;
	return ((struct entform *)s)->form.dirty;
}

static void entform_leave(struct ui *ui, struct screen *s)
{
	struct entform *f = (struct entform *)s;
	(void)ui;
	if (f->k->leave)
		f->k->leave(f);
	form_free(&f->form);
	for (int i = 0; i < f->ninfo; i++)
		free(f->info[i]);
	free(f->title);
	free(f->last_draft);
	free(f);
}

static void entform_enter(struct ui *ui, struct screen *s)
{
	struct entform *f = (struct entform *)s;
	f->form.gone = entform_gone;
	f->form.arg = f;
	f->form.screen = s;
	if (f->k->enter)
		f->k->enter(ui, f);
	f->form.dirty = 0;      /* what enter filled in is no change of the worker's */
	entform_restore(ui, f);
}

static const struct screen_ops entform_ops = {
	.name = "enterprise-form", .acts = entform_acts, .enter = entform_enter,
	.draw = entform_draw, .key = entform_key, .leave = entform_leave, .dirty = entform_dirty,
	.idle = entform_idle,
};

static const struct screen_ops entform_key_ops = {
	.name = "enterprise-form", .acts = entform_key_acts, .enter = entform_enter,
	.draw = entform_draw, .key = entform_key, .leave = entform_leave, .dirty = entform_dirty,
	.idle = entform_idle,
};

struct screen *entform_new(const struct entform_kind *k, int64_t id, int64_t id2)
{
	struct entform *f = xcalloc(1, sizeof *f);
	f->s.ops = k->key ? &entform_key_ops : &entform_ops;
	f->k = k;
	f->id = id;
	f->id2 = id2;
	form_init(&f->form, k->n);
	for (int i = 0; i < k->n; i++) {
		const struct entform_field *d = &k->fields[i];
		field_init(&f->form.f[i], d->label, d->kind, d->list, d->max, d->flags);
	}
	return &f->s;
}
