/* tui/widget/form.c: a column of fields, one per row: label, field, and beside it what the field says back
 * (an error, or what follows from the value). Tab/Shift-Tab, Down/Up and Enter move between fields;
 * derived fields are shown and skipped. A form taller than the screen scrolls to keep the focused
 * field in view. The rows may follow an order of their own (fm->order: a desk's order for the
 * resident form), while the owner keeps naming fields by their index in fm->f. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

void form_init(struct form *fm, int n)
{
	memset(fm, 0, sizeof *fm);
	fm->f = xcalloc((size_t)n, sizeof *fm->f);
	fm->n = n;
	le_init(&fm->jump, 12);
	fm->err_cut = -1;
}

void form_free(struct form *fm)
{
	for (int i = 0; i < fm->n; i++)
		field_free(&fm->f[i]);
	FREE(&fm->f);
	fm->n = 0;
	le_free(&fm->jump);
}

int form_find_label(const struct form *fm, const char *label)
{
	for (int i = 0; label && i < fm->n; i++)
		if (strcmp(fm->f[i].label, label) == 0)
			return i;
	return -1;
}

/* The field shown on row p, and the row of field i. */
static int form_at(const struct form *fm, int p)
{
	return fm->order ? fm->order[p] : p;
}

static int form_row_of(const struct form *fm, int i)
{
	for (int p = 0; fm->order && p < fm->n; p++)
		if (fm->order[p] == i)
			return p;
	return i;
}

void form_focus(struct ui *ui, struct form *fm, int i)
{
	(void)ui;
	if (i < 0 || i >= fm->n || !field_focusable(&fm->f[i]))
		return;
	fm->focus = i;
}

/* Leave the focused field (checks, pending pick) and tell the owner. */
static void form_leave_field(struct ui *ui, struct form *fm)
{
	int i = fm->focus;
	if (field_leave(ui, &fm->f[i]) & FLD_CHANGED) {
		fm->dirty = 1;
		if (fm->changed)
			fm->changed(ui, fm, i, fm->arg);
	}
	if (fm->left)
		fm->left(ui, fm, i, fm->arg);
}

static int form_step(struct ui *ui, struct form *fm, int dir, int count)
{
	int p = form_row_of(fm, fm->focus), target = p;
	while (count-- > 0) {
		int j = target + dir;
		while (j >= 0 && j < fm->n && !field_focusable(&fm->f[form_at(fm, j)]))
			j += dir;
		if (j < 0 || j >= fm->n)
			break;
		target = j;
	}
	if (target == p)
		return 0;
	form_leave_field(ui, fm);
	fm->focus = form_at(fm, target);
	return 1;
}

void form_show_err(struct ui *ui, struct form *fm, const struct jy_err *err)
{
	int i = form_find_label(fm, err->field);
	if (i >= 0) {
		field_set_err(&fm->f[i], err->msg);
		form_focus(ui, fm, i);
	}
	ui_err(ui, err);
}

/* ---- Ctrl-Z: to a field by its name ----------------------------------------------------------------
 * A worker who knows the form types the pinyin initials of a label (sq 社区, rylb 人员类别, whl
 * 文化程度) or its first characters, and Enter takes her there: the fields a walk-in lacks are
 * then never more than a few keys away, wherever they stand. */

/* 1 when q (folded to lowercase) begins the label or the pinyin initials of one of its readings. */
static int jump_matches(const char *label, const char *q)
{
	size_t n = strlen(q);
	if (n == 0)
		return 0;
	if (strncmp(label, q, n) == 0)
		return 1;
	char *all[8];
	int k = hanzi_initials_all(label, all, 8), hit = 0;
	for (int i = 0; i < k; i++) {
		hit |= strncmp(all[i], q, n) == 0;
		free(all[i]);
	}
	return hit;
}

/* The first field, in the form's order, that q names and the cursor may enter; -1 when none. */
static int jump_target(const struct form *fm)
{
	char *q = hanzi_fold(le_text(&fm->jump));
	int hit = -1;
	for (int p = 0; p < fm->n && hit < 0; p++) {
		const struct field *f = &fm->f[form_at(fm, p)];
		if (field_focusable(f) && jump_matches(f->label, q))
			hit = form_at(fm, p);
	}
	free(q);
	return hit;
}

static int jump_key(struct ui *ui, struct form *fm, const struct ui_event *ev)
{
	if (K_IS_CHAR(ev->key) && ev->key != ' ') {
		le_insert_cp(&fm->jump, (uint32_t)ev->key);
		return SK_HANDLED;
	}
	switch (ev->act) {
	case ACT_BKSP:
		le_backspace(&fm->jump);
		return SK_HANDLED;
	case ACT_OPEN: {
		int i = jump_target(fm);
		if (i < 0) {
			ui_msg(ui, ST_ERROR,
			       _("No field is called \"%s\"; type a name's pinyin initials (sq: 社区)"),
			       le_text(&fm->jump));
			return SK_HANDLED;
		}
		fm->jumping = 0;
		if (i != fm->focus) {
			form_leave_field(ui, fm);
			fm->focus = i;
		}
		return SK_HANDLED;
	}
	case ACT_BACK:
	case ACT_JUMP:
		fm->jumping = 0;
		return SK_HANDLED;
	default:
		fm->jumping = 0;        /* any other key: the jump is off, and the key does its own work */
		return 0;
	}
}

int form_key(struct ui *ui, struct form *fm, const struct ui_event *ev)
{
	if (fm->jumping) {
		int jr = jump_key(ui, fm, ev);
		if (jr)
			return jr;
	} else if (ev->act == ACT_JUMP) {
		fm->jumping = 1;
		le_set(&fm->jump, "");
		ui->msg[0] = '\0';
		return SK_HANDLED;
	}
	struct field *f = &fm->f[fm->focus];
	int r = field_key(ui, f, ev);

	if (r & FLD_CHANGED) {
		fm->dirty = 1;
		if (fm->changed)
			fm->changed(ui, fm, fm->focus, fm->arg);
	}
	if (r & FLD_ACCEPT) {
		form_step(ui, fm, 1, 1);
		return SK_HANDLED;
	}
	if (r & FLD_USED)
		return SK_HANDLED;
	int page = ui->lines - 6;
	switch (ev->act) {
	case ACT_OPEN:
	case ACT_NEXT:
		if (!form_step(ui, fm, 1, 1) && ev->act == ACT_OPEN)
			ui_msg(ui, ST_HINT, "%s", _("This is the last field; F2 saves"));
		return SK_HANDLED;
	case ACT_PREV:
		form_step(ui, fm, -1, 1);
		return SK_HANDLED;
	case ACT_PGDN:
		form_step(ui, fm, 1, page);
		return SK_HANDLED;
	case ACT_PGUP:
		form_step(ui, fm, -1, page);
		return SK_HANDLED;
	default:
		return 0;
	}
}

static int form_label_width(const struct form *fm)
{
	int w = 4;
	for (int i = 0; i < fm->n; i++) {
		int lw = text_width(fm->f[i].label);
		if (lw > w)
			w = lw;
	}
	return w;
}

void form_draw(struct ui *ui, struct form *fm, int y, int x, int h, int w)
{
	int lw = form_label_width(fm);
	int fx = x + 1 + lw + 2;
	int avail = w - (fx - x) - 1;

	if (h < 1)
		return;
	int fp = form_row_of(fm, fm->focus);
	if (fp < fm->top)
		fm->top = fp;
	if (fp >= fm->top + h)
		fm->top = fp - h + 1;
	if (fm->top > 0 && fm->top + h > fm->n)
		fm->top = fm->n - h > 0 ? fm->n - h : 0;
	fm->err_cut = -1;
	for (int r = 0; r < h && fm->top + r < fm->n; r++) {
		int i = form_at(fm, fm->top + r), yy = y + r;
		struct field *f = &fm->f[i];
		int focused = i == fm->focus;
		int lstyle = f->err ? ST_ERROR : (f->flags & FF_REQ) ? ST_LABEL_REQ : ST_LABEL;
		ui_put(ui, yy, x + 1, lw, f->label, lstyle);
		if (f->flags & FF_REQ)
			ui_put(ui, yy, x + 1 + lw, 1, "*", ST_LABEL_REQ);
		int fw = field_width(f, avail);
		int sx = fx + fw + 2, sw = x + w - sx;
		if (f->err && (sw < 8 || text_width(f->err) > sw) && fm->err_cut < 0)
			fm->err_cut = i;
		if (sw >= 8) {
			if (f->err)
				ui_puts(ui, yy, sx, sw, f->err, ST_ERROR);
			else if (f->note)
				ui_puts(ui, yy, sx, sw, f->note, f->note_style);
		}
		if (!focused)
			field_draw(ui, f, yy, fx, fw, 0);
		else {
			fm->fy = yy;
			fm->fx = fx;
			fm->fw = fw;
		}
	}
	/* The focused field last: its cursor is the one that shows. Its popup over the rows below. */
	if (fp >= fm->top && fp < fm->top + h) {
		struct field *f = &fm->f[fm->focus];
		field_draw(ui, f, fm->fy, fm->fx, fm->fw, 1);
		int cy = ui->cur_y, cx = ui->cur_x;
		field_draw_pick(ui, f, fm->fy, fm->fx);
		ui->cur_y = cy;
		ui->cur_x = cx;
	}
	if (fm->top > 0)
		ui_put(ui, y, x + w - 3, 3, "^^^", ST_MARK);
	if (fm->top + h < fm->n) {
		/* how many: a worker decides by it whether the rest is worth a look */
		char *more = xasprintf(_("vvv %d more"), fm->n - fm->top - h);
		int mw = text_width(more);
		ui_put(ui, y + h - 1, x + w - mw, mw, more, ST_MARK);
		free(more);
	}
	fm->label_w = lw;
}

/* The focused field's complaint, else what it accepts, on the status line (when nothing else is). */
void form_hint(struct ui *ui, struct form *fm)
{
	if (fm->jumping && !ui->msg[0]) {
		int i = jump_target(fm);
		char *t = xasprintf(_("Go to field: %s_  %s  (Enter: go, Esc: stay)"), le_text(&fm->jump),
		                    i >= 0 ? fm->f[i].label : "");
		ui_put(ui, ui->lines - 2, 0, ui->cols, t, ST_HINT);
		free(t);
		return;
	}
	if (ui->msg[0] || fm->n == 0)
		return;
	struct field *f = &fm->f[fm->focus];
	if (!f->err && fm->err_cut >= 0)
		f = &fm->f[fm->err_cut];        /* a complaint cut beside its field, while it stands */
	if (f->err) {
		char *t = xasprintf("%s: %s", f->label, f->err);
		ui_status_text(ui, t, ST_ERROR);        /* whole: beside the field it may be cut */
		free(t);
	} else {
		ui_put(ui, ui->lines - 2, 0, ui->cols, field_hint(f), ST_HINT);
	}
}

/* ---- leaving -------------------------------------------------------------------------------- */

static void form_discard(struct ui *ui, void *arg, int yes)
{
	struct form *fm = arg;
	if (!yes)
		return;
	if (fm->gone)
		fm->gone(ui, fm, fm->arg);
	ui_pop(ui, fm->screen);
}

/* Nothing typed goes without the worker saying so. */
int form_back(struct ui *ui, struct form *fm, struct screen *s)
{
	if (!fm->dirty) {
		if (fm->gone)
			fm->gone(ui, fm, fm->arg);
		return SK_HANDLED | SK_POP;
	}
	fm->screen = s;
	dialog_confirm(ui, _("Discard changes"), _("This form has changes that are not saved. Discard them?"), 0,
	               form_discard, fm);
	return SK_HANDLED;
}

/* ---- drafts: nothing typed is lost ------------------------------------------------------------ */

void form_keep_draft(struct ui *ui, const char *form, int64_t id, char **last, char *text)
{
	if (*last && strcmp(*last, text) == 0) {      /* a burst of keys that changed nothing */
		free(text);
		return;
	}
	struct jy_err err = { 0 };
	if (draft_save(ui->db, form, id, text, &err) != JY_OK)
		ui_msg(ui, ST_ERROR, _("The draft could not be kept: %s"), err.msg);
	free(*last);
	*last = text;
}

void form_drop_draft(struct ui *ui, const char *form, int64_t id, char **last)
{
	struct jy_err err = { 0 };
	if (draft_clear(ui->db, form, id, &err) != JY_OK)
		ui_err(ui, &err);       /* the old draft would be offered at the next start */
	FREE(last);
}

char *form_draft_text(const struct form *fm, const char *magic, const struct field_def *defs,
                      int n)
{
	struct jy_buf b = { 0 };
	buf_addf(&b, "%s\n#focus\t%s\n", magic, defs[fm->focus].col);
	for (int i = 0; i < n; i++)
		buf_addf(&b, "%s\t%s\n", defs[i].col, field_value(&fm->f[i]));
	return buf_steal(&b);
}

int form_draft_restore(struct ui *ui, struct form *fm, const char *form, int64_t id,
                       const char *magic, const struct field_def *defs, int n, char **last)
{
	char *name = NULL, *data = NULL;
	int64_t of;
	struct jy_err err = { 0 };
	int rc = draft_latest(ui->db, &name, &of, &data, &err);
	if (rc != JY_OK && rc != JY_ENOTFOUND)
		ui_err(ui, &err);
	if (rc != JY_OK || strcmp(name, form) != 0 || of != id || strncmp(data, magic, strlen(magic))) {
		free(name);
		free(data);
		return 0;
	}
	for (const char *p = data; *p;) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len), *tab = strchr(line, '\t');
		if (tab) {
			*tab = '\0';
			int focus = strcmp(line, "#focus") == 0;
			int f = field_find_col(defs, n, focus ? tab + 1 : line);
			if (f >= 0 && focus)
				fm->focus = f;
			else if (f >= 0)
				field_set(ui, &fm->f[f], tab + 1);
		}
		free(line);
		p += len + (p[len] == '\n');
	}
	fm->dirty = 1;
	free(*last);
	*last = data;
	free(name);
	ui_msg(ui, ST_OK, "%s", _("The form you had not saved is back; F2 saves it, Esc discards it"));
	return 1;
}

/* ---- two workers on one record ---------------------------------------------------------------- */

void form_warn_newer(struct ui *ui, int64_t have, int64_t now, const char *who)
{
	if (now != have)
		ui_msg(ui, ST_WARN, _("%s has just changed this record; F2 will show what they changed"), who ? who : "?");
}

int form_same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

int form_merge_field(struct ui *ui, struct field *f, const char *was, const char *now, const char *shown,
                     struct jy_buf *b)
{
	const char *mine = field_value(f);
	if (form_same(mine, was)) {
		field_set(ui, f, now);          /* untouched here: theirs is taken */
		return 0;
	}
	if (form_same(mine, now))
		return 0;
	char *note = xasprintf(_("also changed by the other worker: %s"), *shown ? shown : "-");
	field_set_err(f, note);
	free(note);
	buf_adds(b, _(" (you changed it too: yours is kept)"));
	return 1;
}

void form_conflict_show(struct ui *ui, struct jy_buf *b, int both)
{
	buf_addf(b, "\n%s", both ? _("Nothing was saved. Check the fields marked in red, then F2 saves.")
	                         : _("Nothing was saved. Their values are now in the form; F2 saves yours on top."));
	dialog_alert(ui, _("Changed by another worker"), b->s);
	buf_free(b);
}
