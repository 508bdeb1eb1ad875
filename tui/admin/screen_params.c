/* tui/admin/screen_params.c: 设置 → 参数, every setting jiuye reads with its value, and one
 * setting's form: what it decides, what it accepts, its default, and the value. The table, the
 * checks and the access (an administrator changes, anyone reads) are core's
 * (core/admin/settings.c); a value is checked before it is stored, and the change is audited. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

struct params {
	struct screen s;
	struct list list;
	struct setting_view {
		const struct setting_def *def;
		char value[128];
		int stored;
	} *rows;
	int n, cap;
	int vw;                 /* columns the longest value takes */
};

static const int params_acts[] = {
	ACT_OPEN, ACT_EDIT, ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

static int params_add(void *arg, const struct setting_row *r)
{
	struct params *p = arg;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->rows = xrealloc(p->rows, (size_t)p->cap * sizeof *p->rows);
	}
	struct setting_view *v = &p->rows[p->n++];
	v->def = r->def;
	v->stored = r->stored;
	snprintf(v->value, sizeof v->value, "%s", r->value);
	return 0;
}

/* A value as the worker reads it: 是/否 for a yes-or-no, the unit after a number. */
static void params_shown(const struct setting_def *d, const char *v, char *out, size_t size)
{
	if (d->type == SETTING_BOOL)
		snprintf(out, size, "%s", strcmp(v, "1") == 0 ? "是" : "否");
	else
		snprintf(out, size, "%s%s%s", v, d->unit && *v ? " " : "", d->unit && *v ? _(d->unit) : "");
}

static void params_load(struct ui *ui, struct params *p)
{
	struct jy_err err = { 0 };
	p->n = 0;
	if (setting_each(ui->db, params_add, p, &err) != JY_OK)
		ui_err(ui, &err);
	p->vw = 6;
	for (int i = 0; i < p->n; i++) {
		char shown[160];
		params_shown(p->rows[i].def, p->rows[i].value, shown, sizeof shown);
		if (text_width(shown) > p->vw)
			p->vw = text_width(shown);
	}
}

/* The value column: as wide as the longest value, when the meaning keeps two thirds of what is
 * left (a font list or a loan's approval chain is read whole on its own page). */
static int params_vw(const struct params *p, int w)
{
	int most = (w - 28) / 3;
	return p->vw < most ? p->vw : most > 6 ? most : 6;
}

static int params_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows,
                        int *n, int *more, char next[128], struct jy_err *err)
{
	struct params *p = arg;
	(void)query, (void)err;
	return list_fetch_array(p->rows, p->n, sizeof *p->rows, cursor, limit, rows, n, more, next);
}

static void params_header(struct ui *ui, void *arg, int y, int x, int w)
{
	int vw = params_vw(arg, w);
	ui_fill(ui, y, x, w, ST_HEADER);
	x = ui_col(ui, y, x + 1, 25, "参数", ST_HEADER);
	x = ui_col(ui, y, x, vw, "值", ST_HEADER);
	ui_col(ui, y, x, w - 28 - vw, "说明", ST_HEADER);
}

static void params_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	const struct setting_view *v = row;
	int st = sel ? ST_SELECTED : v->stored ? ST_NORMAL : ST_HINT;
	char shown[160];
	int vw = params_vw(arg, w);
	params_shown(v->def, v->value, shown, sizeof shown);
	ui_put(ui, y, x, 1, sel ? ">" : " ", st);
	x = ui_col(ui, y, x + 1, 25, v->def->key, st);
	x = ui_col(ui, y, x, vw, shown, st);
	ui_col(ui, y, x, w - 28 - vw, _(v->def->meaning), st);
}

static int64_t params_row_id(const void *row)
{
	const struct setting_view *v = row;
	uint64_t h = 1469598103934665603ULL;
	for (const unsigned char *c = (const unsigned char *)v->def->key; *c; c++)
		h = (h ^ *c) * 1099511628211ULL;
	return (int64_t)(h >> 1);
}

static void params_enter(struct ui *ui, struct screen *s)
{
	struct params *p = (struct params *)s;
	struct list_src src = {
		.fetch = params_fetch, .draw_row = params_row, .draw_header = params_header,
		.row_id = params_row_id, .row_size = sizeof(struct setting_view), .arg = p,
	};
	params_load(ui, p);
	list_init(&p->list, &src);
	list_query(&p->list, "");
}

static void params_draw(struct ui *ui, struct screen *s)
{
	struct params *p = (struct params *)s;
	char *where = xasprintf("%s > %s", _("Settings"), _("Parameters"));
	ui_title(ui, where);
	free(where);
	ui_put(ui, 1, 1, ui->cols - 2, _("Enter shows a setting, what it accepts and its default; an "
	                                 "administrator changes it there (dimmed: the default)"),
	       ST_HINT);
	list_draw(ui, &p->list, 2, 0, ui->lines - 4, ui->cols);
}

static int params_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct params *p = (struct params *)s;
	switch (ev->act) {
	case ACT_OPEN:
	case ACT_EDIT: {
		const struct setting_view *v = list_selected(&p->list);
		if (v)
			ui_push(ui, param_form_new(v->def, v->value));
		return SK_HANDLED;
	}
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	default:
		return list_key(ui, &p->list, ev);
	}
}

static void params_resume(struct ui *ui, struct screen *s)
{
	struct params *p = (struct params *)s;
	params_load(ui, p);
	list_reload(&p->list);
}

static void params_leave(struct ui *ui, struct screen *s)
{
	struct params *p = (struct params *)s;
	(void)ui;
	list_free(&p->list);
	free(p->rows);
	free(p);
}

static const struct screen_ops params_ops = {
	.name = "parameters", .acts = params_acts,
	.enter = params_enter, .draw = params_draw, .key = params_key, .leave = params_leave,
	.resume = params_resume, .reload = params_resume,
};

struct screen *params_new(void)
{
	struct params *p = xcalloc(1, sizeof *p);
	p->s.ops = &params_ops;
	return &p->s;
}

/* ---- one setting ----------------------------------------------------------------------------- */

struct pform {
	struct screen s;
	const struct setting_def *def;
	struct form form;
};

static const int pform_acts[] = {
	ACT_SAVE, ACT_BACK, ACT_LEFT, ACT_RIGHT, ACT_BKSP, ACT_DEL, ACT_HOME, ACT_END, ACT_KILL_END,
	ACT_KILL_START, ACT_TOGGLE, 0
};

static int pform_save(struct ui *ui, struct pform *pf)
{
	struct jy_err err = { 0 };
	field_leave(ui, &pf->form.f[0]);
	if (setting_put(ui->db, pf->def->key, field_value(&pf->form.f[0]), &err) != JY_OK) {
		if (err.code == JY_EINVAL)
			field_set_err(&pf->form.f[0], err.msg);
		ui_msg(ui, ST_ERROR, "%s", err.msg);    /* it names the key already */
		return SK_HANDLED;
	}
	ui_msg(ui, ST_OK, _("Saved: %s"), pf->def->key);
	return SK_HANDLED | SK_POP;
}

static int pform_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct pform *pf = (struct pform *)s;
	if (ev->act == ACT_SAVE || ev->act == ACT_OPEN)
		return pform_save(ui, pf);
	int fl = form_key(ui, &pf->form, ev);
	if (fl)
		return fl;
	if (ev->act == ACT_BACK)
		return form_back(ui, &pf->form, s);
	return 0;
}

static void pform_draw(struct ui *ui, struct screen *s)
{
	struct pform *pf = (struct pform *)s;
	const struct setting_def *d = pf->def;
	char *where = xasprintf("%s > %s > %s", _("Settings"), _("Parameters"), d->key);
	ui_title(ui, where);
	free(where);
	char *acc = setting_accepts(d), *lines[6];
	if (d->unit) {
		char *with = xasprintf("%s (%s)", acc, _(d->unit));
		free(acc);
		acc = with;
	}
	char *text = xasprintf(_("%s. Accepted: %s. Default: %s"), _(d->meaning), acc,
	                       d->type == SETTING_BOOL ? (strcmp(d->def, "1") == 0 ? "是" : "否")
	                                               : *d->def ? d->def : "-");
	int n = ui_wrap(text, ui->cols - 2, lines, 6);
	for (int i = 0; i < n; i++) {
		ui_put(ui, 2 + i, 1, ui->cols - 2, lines[i], ST_NORMAL);
		free(lines[i]);
	}
	free(text);
	free(acc);
	form_draw(ui, &pf->form, 3 + n, 0, 1, ui->cols);
	ui_put(ui, 5 + n, 1, ui->cols - 2, access_may(ui->db, OP_ADMIN)
	       ? _("Type the value; Enter or F2 saves it (recorded in the audit trail), Esc leaves it")
	       : _("Only an administrator (管理员) changes settings; Esc goes back"), ST_HINT);
}

static int pform_dirty(struct ui *ui, struct screen *s)
{
	(void)ui;
	return ((struct pform *)s)->form.dirty;
}

static void pform_leave(struct ui *ui, struct screen *s)
{
	struct pform *pf = (struct pform *)s;
	(void)ui;
	form_free(&pf->form);
	free(pf);
}

static const struct screen_ops pform_ops = {
	.name = "parameter", .acts = pform_acts,
	.draw = pform_draw, .key = pform_key, .leave = pform_leave, .dirty = pform_dirty,
};

struct screen *param_form_new(const struct setting_def *d, const char *value)
{
	struct pform *pf = xcalloc(1, sizeof *pf);
	pf->s.ops = &pform_ops;
	pf->def = d;
	form_init(&pf->form, 1);
	field_init(&pf->form.f[0], "值", d->type == SETTING_BOOL ? FK_BOOL : FK_TEXT, NULL,
	           d->type == SETTING_TEXT ? d->max : 12, 0);
	field_set(NULL, &pf->form.f[0], value);
	return &pf->s;
}
