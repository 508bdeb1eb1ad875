/* tui/widget/field.c: one field of a form. Text kinds are a struct lineedit (core/base/lineedit.c: graphemes,
 * limits, the scrolled view) that this file only draws; code kinds pick from a code list by code,
 * pinyin initials or characters in a small popup; yes/no fields switch with Space. Values are
 * checked on leaving the field with core's own rules (date_parse, idcard_parse, the registry's
 * checks), so the form says exactly what core would say at save time. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curses.h>

#include "tui.h"

#define PICK_ROWS 8

static int kind_is_text(int kind)
{
	return kind == FK_TEXT || kind == FK_IDNO || kind == FK_PHONE || kind == FK_DATE;
}

static int kind_is_code(int kind)
{
	return kind == FK_CODE || kind == FK_CODES || kind == FK_UNIT;
}

void field_init(struct field *f, const char *label, int kind, const char *list, int max, int flags)
{
	memset(f, 0, sizeof *f);
	f->label = label;
	f->kind = kind;
	f->list = kind == FK_UNIT ? "@units" : list;
	f->max = max;
	f->flags = flags;
	/* Room for the ways workers write dates (2025 年 3 月 1 日); code filters are short. */
	size_t limit = (size_t)max;
	if (kind == FK_DATE && limit < 16)
		limit = 16;
	if (kind_is_code(kind) || kind == FK_BOOL)
		limit = 40;
	le_init(&f->le, limit);
}

void field_free(struct field *f)
{
	le_free(&f->le);
	FREE(&f->value);
	FREE(&f->err);
	FREE(&f->note);
	FREE(&f->match);
}

const char *field_value(const struct field *f)
{
	if (kind_is_text(f->kind))
		return le_text(&f->le);
	return f->value ? f->value : "";
}

void field_set(struct ui *ui, struct field *f, const char *value)
{
	(void)ui;
	if (kind_is_text(f->kind))
		le_set(&f->le, value ? value : "");
	else
		xstrset(&f->value, value && *value ? value : NULL);
}

int field_focusable(const struct field *f)
{
	return f->kind != FK_DERIVED && !(f->flags & FF_RO);
}

void field_set_err(struct field *f, const char *msg)
{
	xstrset(&f->err, msg && *msg ? msg : NULL);
}

void field_set_note(struct field *f, const char *note, int style)
{
	xstrset(&f->note, note && *note ? note : NULL);
	f->note_style = style;
}

static const struct ui_codes *field_codes(struct ui *ui, const struct field *f)
{
	return f->list ? ui_codes(ui, f->list) : NULL;
}

static int codes_has(const char *joined, const char *code)
{
	size_t n = strlen(code);
	for (const char *s = joined ? joined : ""; *s;) {
		size_t k = strcspn(s, ",");
		if (k == n && strncmp(s, code, n) == 0)
			return 1;
		s += k + (s[k] == ',');
	}
	return 0;
}

char *field_display(struct ui *ui, const struct field *f)
{
	const char *v = field_value(f);
	if (kind_is_text(f->kind) || f->kind == FK_DERIVED || !*v)
		return xstrdup(v);
	if (f->kind == FK_BOOL)
		return xstrdup(strcmp(v, "1") == 0 ? "是" : "否");
	if (f->kind != FK_CODES)
		return xstrdup(ui_code_label(ui, f->list, v));
	struct jy_buf b = { 0 };
	for (const char *s = v; *s;) {
		size_t k = strcspn(s, ",");
		char *code = xstrndup(s, k);
		buf_addf(&b, "%s%s", b.len ? "、" : "", ui_code_label(ui, f->list, code));
		free(code);
		s += k + (s[k] == ',');
	}
	return buf_steal(&b);
}

int field_width(const struct field *f, int avail)
{
	int w;
	switch (f->kind) {
	case FK_IDNO: w = 19; break;
	case FK_PHONE: w = 21; break;
	case FK_DATE: w = 12; break;
	case FK_BOOL: w = 4; break;
	case FK_CODE: case FK_UNIT: w = 20; break;
	case FK_CODES: w = 36; break;
	case FK_DERIVED: w = 12; break;
	default:
		w = f->max * 2 + 1;     /* all Chinese, and a column for the cursor at the end */
		if (w > 50)
			w = 50;
	}
	return w < avail ? w : avail;
}

/* ---- what may be typed into each kind -------------------------------------------------------- */

static int is_digit_cp(int c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);   /* full-width digits too */
}

static int key_fits_kind(int kind, int c)
{
	switch (kind) {
	case FK_IDNO:   /* also what Excel makes of an ID (3.20102E+17): core names that mistake */
		return is_digit_cp(c) || c == 'X' || c == 'x' || c == 0xFF38 || c == 0xFF58 || c == ' ' ||
		       c == '.' || c == 'E' || c == 'e' || c == '+';
	case FK_PHONE:
		return is_digit_cp(c) || c == '-' || c == ' ' || c == '+' || c == '(' || c == ')' || c == 0xFF0D;
	case FK_DATE:
		return is_digit_cp(c) || c == '-' || c == '/' || c == '.' || c == ' ' || c == 0x5E74 ||
		       c == 0x6708 || c == 0x65E5;                                /* 年 月 日 */
	default:
		return 1;
	}
}

const char *field_hint(const struct field *f)
{
	static char buf[256];
	switch (f->kind) {
	case FK_IDNO:
		return _("18 characters: 17 digits and a check digit or X; birth date, sex and age follow from it");
	case FK_PHONE:
		return _("an 11-digit mobile number (13800000101) or a landline with area code (0571-87654321)");
	case FK_DATE:
		return _("a date: 20250301 or 2025-03-01");
	case FK_CODE:
	case FK_UNIT:
		return _("type a code, pinyin initials or characters; Space shows the whole list; Enter takes it");
	case FK_CODES:
		return _("several: type to find; Space ticks, Enter finishes (ticking what is typed)");
	case FK_BOOL:
		return _("Space switches 是/否 (or type y/n, 1/0)");
	default:
		snprintf(buf, sizeof buf, _("text, at most %d characters"), f->max);
		return buf;
	}
}

/* ---- the pick list ------------------------------------------------------------------------------ */

static int item_matches(const struct ui_codes *c, int i, const char *folded)
{
	size_t n = strlen(folded);
	if (!n)
		return 1;
	const struct code_item *it = &c->cl.items[i];
	if (strncasecmp(it->code, folded, n) == 0)
		return 1;
	if (strstr(it->label, folded))
		return 1;
	for (const char *ini = c->ini[i]; *ini; ini += strlen(ini) + 1)
		if (strncmp(ini, folded, n) == 0)
			return 1;
	/* the other names workers use: 大专 finds 大学专科, 下岗女职工 finds 下岗职工 */
	for (int k = 0; k < c->cl.naliases; k++)
		if (strcmp(c->cl.aliases[k].code, it->code) == 0 && strstr(c->cl.aliases[k].label, folded))
			return 1;
	return 0;
}

static void pick_match(struct ui *ui, struct field *f)
{
	const struct ui_codes *c = field_codes(ui, f);
	char *folded = hanzi_fold(le_text(&f->le));
	FREE(&f->match);
	f->nmatch = 0;
	f->pick_sel = f->pick_top = 0;
	if (!c) {
		free(folded);
		return;
	}
	f->match = xcalloc((size_t)c->cl.n + 1, sizeof *f->match);
	int exact = -1, prefix = -1;
	size_t qn = strlen(folded);
	for (int i = 0; i < c->cl.n; i++) {
		if (c->cl.items[i].retired || !item_matches(c, i, folded))
			continue;       /* a closed community is never offered */
		if (qn && strcasecmp(c->cl.items[i].code, folded) == 0 && exact < 0)
			exact = f->nmatch;
		if (qn && strncmp(c->cl.items[i].label, folded, qn) == 0 && prefix < 0)
			prefix = f->nmatch;
		if (!qn && f->kind != FK_CODES && f->value && strcmp(c->cl.items[i].code, f->value) == 0)
			exact = f->nmatch;      /* the whole list opens on the current value */
		f->match[f->nmatch++] = i;
	}
	f->pick_sel = exact >= 0 ? exact : prefix >= 0 ? prefix : 0;
	free(folded);
}

static const char *pick_code(struct ui *ui, const struct field *f)
{
	const struct ui_codes *c = field_codes(ui, f);
	if (!c || f->nmatch == 0 || f->pick_sel >= f->nmatch)
		return NULL;
	return c->cl.items[f->match[f->pick_sel]].code;
}

static void pick_close(struct field *f)
{
	f->pick_open = 0;
	le_set(&f->le, "");
}

/* Tick or untick code in a multi-choice value, keeping the list's order. */
static void codes_toggle(struct ui *ui, struct field *f, const char *code, int only_on)
{
	const struct ui_codes *c = field_codes(ui, f);
	int on = codes_has(f->value, code);
	if (on && only_on)
		return;
	struct jy_buf b = { 0 };
	for (int i = 0; c && i < c->cl.n; i++) {
		const char *k = c->cl.items[i].code;
		int want = strcmp(k, code) == 0 ? !on : codes_has(f->value, k);
		if (want)
			buf_addf(&b, "%s%s", b.len ? "," : "", k);
	}
	FREE(&f->value);
	f->value = b.len ? buf_steal(&b) : NULL;
	buf_free(&b);
}

static void codes_drop_last(struct field *f)
{
	char *comma = f->value ? strrchr(f->value, ',') : NULL;
	if (comma)
		*comma = '\0';
	else
		FREE(&f->value);
}

/* ---- keys --------------------------------------------------------------------------------------- */

static int text_key(struct ui *ui, struct field *f, const struct ui_event *ev)
{
	if (K_IS_CHAR(ev->key)) {
		if (!key_fits_kind(f->kind, ev->key)) {
			ui_msg(ui, ST_ERROR, "%s: %s", f->label, field_hint(f));
			return FLD_USED;
		}
		if (le_insert_cp(&f->le, (uint32_t)ev->key) < 0) {
			ui_msg(ui, ST_ERROR, _("%s: at most %d characters"), f->label, (int)f->le.max_chars);
			return FLD_USED;
		}
		return FLD_USED | FLD_CHANGED;
	}
	size_t len = f->le.len;
	switch (ev->act) {
	case ACT_LEFT: le_left(&f->le); return FLD_USED;
	case ACT_RIGHT: le_right(&f->le); return FLD_USED;
	case ACT_HOME: le_home(&f->le); return FLD_USED;
	case ACT_END: le_end(&f->le); return FLD_USED;
	case ACT_BKSP: le_backspace(&f->le); break;
	case ACT_DEL: le_delete(&f->le); break;
	case ACT_KILL_END: le_kill_to_end(&f->le); break;
	case ACT_KILL_START: le_kill_to_start(&f->le); break;
	default: return 0;
	}
	return FLD_USED | (f->le.len != len ? FLD_CHANGED : 0);
}

static int bool_key(struct ui *ui, struct field *f, const struct ui_event *ev)
{
	const char *v = NULL;
	int c = ev->key;
	(void)ui;
	if (c == ' ')
		v = strcmp(field_value(f), "1") == 0 ? "0" : "1";
	else if (c == 'y' || c == 'Y' || c == '1' || c == 0x662F || c == 0x6709)      /* 是 有 */
		v = "1";
	else if (c == 'n' || c == 'N' || c == '0' || c == 0x5426 || c == 0x65E0)      /* 否 无 */
		v = "0";
	else if (ev->act == ACT_BKSP || ev->act == ACT_DEL)
		v = "";
	else if (K_IS_CHAR(c))
		return FLD_USED;
	if (!v)
		return 0;
	int changed = strcmp(v, field_value(f)) != 0;
	xstrset(&f->value, *v ? v : NULL);
	return FLD_USED | (changed ? FLD_CHANGED : 0);
}

static int pick_key(struct ui *ui, struct field *f, const struct ui_event *ev)
{
	int multi = f->kind == FK_CODES;
	int typed = f->le.len > 0;

	if (K_IS_CHAR(ev->key) && !(ev->key == ' ' && !typed)) {
		le_insert_cp(&f->le, (uint32_t)ev->key);
		pick_match(ui, f);
		f->pick_open = 1;
		field_set_err(f, NULL);
		return FLD_USED;
	}
	if (ev->key == ' ') {
		if (f->pick_open && multi) {
			const char *code = pick_code(ui, f);
			if (code)
				codes_toggle(ui, f, code, 0);
			return FLD_USED | (code ? FLD_CHANGED : 0);
		}
		pick_match(ui, f);
		f->pick_open = !f->pick_open;
		return FLD_USED;
	}
	if (f->pick_open) {
		int page = f->nmatch < PICK_ROWS ? f->nmatch : PICK_ROWS;
		switch (ev->act) {
		case ACT_NEXT:
			if (ev->key == '\t')
				return 0;       /* Tab leaves the field; field_leave takes the pick */
			if (f->pick_sel + 1 < f->nmatch)
				f->pick_sel++;
			return FLD_USED;
		case ACT_PREV:
			if (ev->key != K_FN(KEY_UP))
				return 0;
			if (f->pick_sel > 0)
				f->pick_sel--;
			return FLD_USED;
		case ACT_PGDN:
			f->pick_sel = f->pick_sel + page < f->nmatch ? f->pick_sel + page : f->nmatch - 1;
			return FLD_USED;
		case ACT_PGUP:
			f->pick_sel = f->pick_sel > page ? f->pick_sel - page : 0;
			return FLD_USED;
		case ACT_OPEN: {
			const char *code = pick_code(ui, f);
			if (multi) {
				/* Space ticks and stays; Enter finishes, ticking first what was typed: a
				 * walk-in of one category is its letters and Enter */
				if (!typed)
					code = NULL;    /* Enter alone: done, the highlighted row as it is */
				else if (!code) {
					ui_msg(ui, ST_ERROR, _("%s: nothing in the list matches; Backspace to "
					                       "change"), f->label);
					return FLD_USED;
				}
				if (code)
					codes_toggle(ui, f, code, 1);
				le_set(&f->le, "");
				pick_close(f);
				return FLD_USED | FLD_ACCEPT | (code ? FLD_CHANGED : 0);
			}
			if (!code) {
				ui_msg(ui, ST_ERROR, _("%s: nothing in the list matches; Backspace to change"), f->label);
				return FLD_USED;
			}
			int changed = strcmp(code, field_value(f)) != 0;
			xstrset(&f->value, code);
			pick_close(f);
			return FLD_USED | FLD_ACCEPT | (changed ? FLD_CHANGED : 0);
		}
		case ACT_BACK:
			pick_close(f);
			return FLD_USED;
		case ACT_BKSP:
			if (typed) {
				le_backspace(&f->le);
				pick_match(ui, f);
				return FLD_USED;
			}
			break;
		default:
			break;
		}
	}
	if (ev->act == ACT_BKSP || ev->act == ACT_DEL) {
		if (!f->value)
			return FLD_USED;
		if (multi && ev->act == ACT_BKSP)
			codes_drop_last(f);
		else
			FREE(&f->value);
		f->pick_open = 0;
		return FLD_USED | FLD_CHANGED;
	}
	return 0;
}

int field_key(struct ui *ui, struct field *f, const struct ui_event *ev)
{
	int r;
	if (kind_is_text(f->kind))
		r = text_key(ui, f, ev);
	else if (f->kind == FK_BOOL)
		r = bool_key(ui, f, ev);
	else if (kind_is_code(f->kind))
		r = pick_key(ui, f, ev);
	else
		r = 0;
	if (r & FLD_CHANGED)
		field_set_err(f, NULL);    /* the worker is fixing it: the old complaint goes */
	return r;
}

/* ---- leaving: checks with core's rules ---------------------------------------------------------- */

/* A phone number (and any other registry field) checked by the registry's own rule. */
static int registry_check(struct ui *ui, int rf, const char *value, char *out, size_t size,
                          struct jy_err *err)
{
	char *stored = NULL;
	int rc = resident_check_field(ui->db, rf, value, &stored, err);
	snprintf(out, size, "%s", rc == JY_OK && stored ? stored : value);   /* the stored form */
	free(stored);
	return rc;
}

static int text_leave(struct ui *ui, struct field *f)
{
	const char *v = le_text(&f->le);
	struct jy_err err = { 0 };
	char out[32];

	if (text_is_blank(v)) {
		field_set_err(f, NULL);
		return 0;
	}
	if (f->kind == FK_DATE) {
		if (date_parse(v, out, &err) != JY_OK) {
			field_set_err(f, err.msg);
			return 0;
		}
	} else if (f->kind == FK_IDNO) {
		char birth[11], sex;
		if (idcard_parse(v, out, birth, &sex, &err) != JY_OK) {
			field_set_err(f, err.msg);
			return 0;
		}
	} else if (f->kind == FK_PHONE) {
		if (registry_check(ui, RF_PHONE, v, out, sizeof out, &err) != JY_OK) {
			field_set_err(f, err.msg);
			return 0;
		}
	} else {
		return 0;
	}
	field_set_err(f, NULL);
	if (strcmp(out, v) == 0)
		return 0;
	le_set(&f->le, out);        /* 20250301 -> 2025-03-01, x -> X: the worker sees what is stored */
	return FLD_CHANGED;
}

static int pick_leave(struct ui *ui, struct field *f)
{
	int r = 0;
	if (f->le.len > 0) {
		const struct ui_codes *c = field_codes(ui, f);
		const char *code = pick_code(ui, f);
		if (!code && c)
			code = codes_find(&c->cl, le_text(&f->le));
		if (!code) {
			char *msg = xasprintf(_("\"%s\" is not in the list; Space shows the whole list"), le_text(&f->le));
			field_set_err(f, msg);
			free(msg);
		} else if (f->kind == FK_CODES) {
			codes_toggle(ui, f, code, 1);
			r = FLD_CHANGED;
		} else if (strcmp(code, field_value(f)) != 0) {
			xstrset(&f->value, code);
			r = FLD_CHANGED;
		}
	}
	pick_close(f);
	return r;
}

int field_leave(struct ui *ui, struct field *f)
{
	if (kind_is_text(f->kind))
		return text_leave(ui, f);
	if (kind_is_code(f->kind))
		return pick_leave(ui, f);
	return 0;
}

/* ---- drawing ------------------------------------------------------------------------------------ */

static void text_draw(struct ui *ui, struct field *f, int y, int x, int w, int focused)
{
	struct lineedit_view v;
	if (!focused) {
		ui_put(ui, y, x, w, le_text(&f->le), ST_FIELD);
		return;
	}
	le_view(&f->le, w, &v);
	ui_fill(ui, y, x, w, ST_FIELD_FOCUS);
	if (v.more_left)
		ui_put(ui, y, x, 1, "<", ST_MARK);
	char *part = xstrndup(le_text(&f->le) + v.off, v.len);
	ui_puts(ui, y, x + v.more_left, w - v.more_left - v.more_right, part, ST_FIELD_FOCUS);
	free(part);
	if (v.more_right)
		ui_put(ui, y, x + w - 1, 1, ">", ST_MARK);
	ui->cur_y = y;
	ui->cur_x = x + v.cursor_col;
}

void field_draw(struct ui *ui, struct field *f, int y, int x, int w, int focused)
{
	if (kind_is_text(f->kind)) {
		text_draw(ui, f, y, x, w, focused);
		return;
	}
	if (kind_is_code(f->kind) && focused && f->le.len > 0) {
		text_draw(ui, f, y, x, w, 1);      /* the filter being typed */
		return;
	}
	char *d = field_display(ui, f);
	if (f->kind == FK_DERIVED) {
		ui_put(ui, y, x, w, d, ST_DERIVED);
	} else {
		int used = ui_put(ui, y, x, w, d, focused ? ST_FIELD_FOCUS : ST_FIELD);
		if (focused) {
			ui->cur_y = y;
			ui->cur_x = x + (used < w ? used : w - 1);
		}
	}
	free(d);
}

/* The popup of a code field, below its row (or above when there is no room), over the rows there. */
void field_draw_pick(struct ui *ui, struct field *f, int y, int x)
{
	const struct ui_codes *c = field_codes(ui, f);
	if (!f->pick_open || !c)
		return;
	int rows = f->nmatch < PICK_ROWS ? f->nmatch : PICK_ROWS;
	if (rows == 0)
		rows = 1;
	int h = rows + 2, w = 0;
	for (int i = 0; i < f->nmatch; i++) {
		const struct code_item *it = &c->cl.items[f->match[i]];
		int iw = text_width(it->code) + text_width(it->label) + 6;
		if (iw > w)
			w = iw;
	}
	if (w < 24)
		w = 24;
	if (w > 44)
		w = 44;
	if (x + w > ui->cols)
		x = ui->cols - w;
	int top = y + 1;
	if (top + h > ui->lines - 2)
		top = y - h >= 1 ? y - h : 1;
	if (f->pick_sel < f->pick_top)
		f->pick_top = f->pick_sel;
	if (f->pick_sel >= f->pick_top + rows)
		f->pick_top = f->pick_sel - rows + 1;
	ui_box(ui, top, x, h, w, ST_DIALOG);
	if (f->nmatch == 0) {
		ui_put(ui, top + 1, x + 1, w - 2, _("no match; Backspace to change"), ST_DIALOG);
		return;
	}
	for (int r = 0; r < rows && f->pick_top + r < f->nmatch; r++) {
		int idx = f->pick_top + r;
		const struct code_item *it = &c->cl.items[f->match[idx]];
		char *line;
		if (f->kind == FK_CODES)
			line = xasprintf("[%c] %s", codes_has(f->value, it->code) ? 'x' : ' ', it->label);
		else
			line = xasprintf("%s %s", it->code, it->label);
		ui_put(ui, top + 1 + r, x + 1, w - 2, line, idx == f->pick_sel ? ST_SELECTED : ST_DIALOG);
		free(line);
	}
	if (f->nmatch > rows) {
		char *more = xasprintf(" %d/%d ", f->pick_sel + 1, f->nmatch);
		ui_puts(ui, top + h - 1, x + w - 1 - text_width(more), text_width(more), more, ST_DIALOG);
		free(more);
	}
}
