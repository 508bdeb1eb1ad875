/* tui/report/screen_report.c: 统计报表, the figures the office reports upward (core/report/report.c), for a
 * period a worker picks, beside the period before it.
 *
 * At the top the kind of period (月, 人社月, 季, 半年, 年, 自定) and the grouping; '[' and ']' step
 * to the period before and after, t changes the kind (自定 asks for the two dates), g the
 * grouping. Below, a row per indicator: 指标 | 单位 | 本期 | 上期 | 增减, then each group's 本期;
 * the groups that do not fit scroll sideways with Left/Right, which move a cursor over the figures.
 * c puts beside the period, in turn, the period before (环比), the same period of last year (同比)
 * or the year to date (累计: 本期 | 累计 then).
 * Enter on a figure that counts residents lists them (screen_report_people.c); F7 writes the
 * report with those lists to a file (report_write), compared as the screen is; a half-year or a
 * year against last year is written as the office's summary (工作总结). Every figure is formatted by core
 * (report_value_text), so the screen, the text, the CSV and the workbook never disagree. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>

#include "tui.h"

struct rep {
	struct screen s;
	int kind;               /* the kind shown (PERIOD_*); p.kind once computed */
	struct period p;
	int by;
	struct report *r;
	char err[512];
	int sel, top;           /* indicator row selected, first row shown */
	int col;                /* the figure: 0 本期, 1 上期, 2.. group col - 1 */
	int gleft;              /* first group shown */
	int gshown;             /* groups that fit at the last draw */
	int rows_shown;
	int editing;            /* the from-to fields have the keys */
	int old_kind;           /* back to this on Esc from the fields */
	int focus;              /* 0 from, 1 to */
	struct field from, to;
	int dirty;              /* a target was set: count again before drawing */
	int cmp;                /* beside the period: CMP_PREV, CMP_YEAR, CMP_YTD */
};

/* What the second and third columns hold: the period before and the change (环比), the same
 * period of last year and the change (同比), the year to date (累计). */
enum { CMP_PREV, CMP_YEAR, CMP_YTD, CMP__COUNT };

static int cmp_bits(int cmp)
{
	return cmp == CMP_YEAR ? REPORT_CMP_YEAR : cmp == CMP_YTD ? REPORT_CMP_PREV | REPORT_CMP_YTD
	                                                          : REPORT_CMP_PREV;
}

static const int rep_acts[] = {
	ACT_EARLIER, ACT_LATER, ACT_PERIOD, ACT_GROUP, ACT_EXPORT, ACT_TARGET, ACT_TREND, ACT_COMPARE,
	ACT_BACK,
	ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_LEFT, ACT_RIGHT, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

static const struct {
	int kind;
	const char *label;      /* gettext msgid */
} kinds[] = {
	{ PERIOD_MONTH, N_("Month") },         { PERIOD_STAT_MONTH, N_("Stat. month") },
	{ PERIOD_QUARTER, N_("Quarter") },     { PERIOD_HALF, N_("Half-year") },
	{ PERIOD_YEAR, N_("Year") },           { PERIOD_RANGE, N_("From-to") },
};

static const int bys[] = { BY_NONE, BY_COMMUNITY, BY_SEX, BY_CATEGORY, BY_AGE, BY_STREET };

/* ---- computing ------------------------------------------------------------------------------------ */

static void rep_compute(struct ui *ui, struct rep *rp)
{
	struct jy_err err = { 0 };
	report_free(&rp->r);
	rp->err[0] = '\0';
	if (report_compute_cmp(ui->db, &rp->p, rp->by, cmp_bits(rp->cmp), &rp->r, &err) != JY_OK)
		snprintf(rp->err, sizeof rp->err, "%s", err.msg);
	rp->kind = rp->p.kind;
	if (rp->r && rp->col > rp->r->ngroups)
		rp->col = 0;
	if (rp->gleft >= (rp->r ? rp->r->ngroups - 1 : 0))
		rp->gleft = 0;
}

/* The period of kind holding date, or a message. */
static int rep_set(struct ui *ui, struct rep *rp, int kind, const char *date)
{
	struct jy_err err = { 0 };
	struct period np;
	if (period_of(kind, date, &np, &err) != JY_OK) {
		ui_err(ui, &err);
		return -1;
	}
	rp->p = np;
	rep_compute(ui, rp);
	return 0;
}

static void rep_step(struct ui *ui, struct rep *rp, int dir)
{
	struct period np;
	if (dir < 0) {
		period_prev(&rp->p, &np);
		rp->p = np;
		rep_compute(ui, rp);
		return;
	}
	if (strcmp(rp->p.to, ui->today) >= 0) {
		ui_msg(ui, ST_WARN, _("%s already holds today: there is no later period to count"), rp->p.label);
		return;
	}
	int y, m, d, y2, m2, d2;
	date_split(rp->p.from, &y, &m, &d);
	date_split(rp->p.to, &y2, &m2, &d2);
	int64_t from = date_days(y, m, d), to = date_days(y2, m2, d2);
	char next[11];
	date_iso(to + 1, next);
	if (rp->p.kind != PERIOD_RANGE) {
		rep_set(ui, rp, rp->p.kind, next);
		return;
	}
	/* a from-to: the same number of days just after */
	char end[11];
	date_iso(to + 1 + (to - from), end);
	struct jy_err err = { 0 };
	if (period_range(next, end, &np, &err) != JY_OK) {
		ui_err(ui, &err);
		return;
	}
	rp->p = np;
	rep_compute(ui, rp);
}

/* ---- the from-to fields ------------------------------------------------------------------------------ */

static void range_start(struct ui *ui, struct rep *rp)
{
	rp->old_kind = rp->p.kind;
	rp->kind = PERIOD_RANGE;
	rp->editing = 1;
	rp->focus = 0;
	le_set(&rp->from.le, rp->p.from);
	le_set(&rp->to.le, rp->p.to);
	field_set_err(&rp->from, NULL);
	field_set_err(&rp->to, NULL);
	ui_msg(ui, ST_HINT, _("Type the first and the last day; Enter counts, Esc goes back"));
}

static void range_apply(struct ui *ui, struct rep *rp)
{
	field_leave(ui, &rp->from);
	field_leave(ui, &rp->to);
	struct jy_err err = { 0 };
	struct period np;
	if (period_range(le_text(&rp->from.le), le_text(&rp->to.le), &np, &err) != JY_OK) {
		ui_msg(ui, ST_ERROR, "%s%s%s", err.field[0] ? err.field : "", err.field[0] ? ": " : "", err.msg);
		ui->msg_keep = 1;
		return;
	}
	rp->editing = 0;
	rp->p = np;
	rep_compute(ui, rp);
}

static int range_key(struct ui *ui, struct rep *rp, const struct ui_event *ev)
{
	struct field *f = rp->focus ? &rp->to : &rp->from;
	switch (ev->act) {
	case ACT_BACK:
		rp->editing = 0;
		rp->kind = rp->old_kind;
		return SK_HANDLED;
	case ACT_SAVE:
		range_apply(ui, rp);
		return SK_HANDLED;
	case ACT_OPEN:
		if (rp->focus == 0) {
			field_leave(ui, f);
			rp->focus = 1;
		} else {
			range_apply(ui, rp);
		}
		return SK_HANDLED;
	case ACT_NEXT:
	case ACT_PREV:
		field_leave(ui, f);
		rp->focus = !rp->focus;
		return SK_HANDLED;
	case ACT_QUIT:
	case ACT_HELP:
	case ACT_INTERRUPT:
		if (!K_IS_CHAR(ev->key))
			return 0;
		break;
	default:
		break;
	}
	if (field_key(ui, f, ev) & FLD_USED) {
		if (f->err)
			ui_msg(ui, ST_ERROR, "%s", f->err);
		return SK_HANDLED;
	}
	return SK_HANDLED;
}

/* ---- drawing -------------------------------------------------------------------------------------- */

#define VAL_W 8
#define UNIT_W 4

/* The groups' column width: its label, between VAL_W and 12 columns. */
static int group_w(const struct report *r, int g)
{
	int w = text_width(r->group_label[g]);
	return w < VAL_W ? VAL_W : w > 12 ? 12 : w;
}

static int code_want(void)
{
	int w = 0;
	for (int i = 0; i < report_ninds; i++)
		if (text_width(report_inds[i].code) > w)
			w = text_width(report_inds[i].code);
	return w;
}

/* The indicator's label takes 26 columns (the longest, 各类人员：大龄就业困难人员); the groups
 * come next, as many as fit; what is left shows the indicator's code (A4-DIBAO) before the label,
 * as the upward report numbers it. *code_w is 0 when it does not fit. */
static int label_w(struct ui *ui, const struct report *r, int *gshown, int gleft, int *code_w)
{
	int fixed = 1 + 1 + UNIT_W + 1 + 3 * (VAL_W + 1);
	int lw = 26, room = ui->cols - fixed - lw, n = 0;
	for (int g = 1 + gleft; r && g < r->ngroups; g++) {
		if (group_w(r, g) + 1 > room)
			break;
		room -= group_w(r, g) + 1;
		n++;
	}
	*gshown = n;
	*code_w = room >= code_want() + 1 ? code_want() : 0;
	return lw;
}

static void put_right(struct ui *ui, int y, int x, int w, const char *s, int style)
{
	int tw = text_width(s);
	if (tw >= w) {
		ui_put(ui, y, x, w, s, style);
		return;
	}
	ui_put(ui, y, x, w - tw, "", style == ST_SELECTED ? ST_NORMAL : style);
	ui_put(ui, y, x + w - tw, tw, s, style);
}

static void rep_draw_top(struct ui *ui, struct rep *rp)
{
	int x = 1;
	for (size_t k = 0; k < ARRAY_LEN(kinds); k++) {
		const char *l = _(kinds[k].label);
		int w = text_width(l);
		ui_put(ui, 1, x, w, l, kinds[k].kind == rp->kind ? ST_SELECTED : ST_NORMAL);
		x += w + 1;
	}
	char *by = xasprintf("  %s: %s", _("Group by"),
	                     rp->by == BY_NONE ? _("none") : report_by_label(rp->by));
	x += ui_put(ui, 1, x, ui->cols - x - 1, by, ST_NORMAL);
	free(by);
	ui_put(ui, 1, x, ui->cols - x - 1, _("  [ ]: the period before, after"), ST_HINT);
	if (rp->editing) {
		int fx = 1 + ui_put(ui, 2, 1, 2, "从", ST_LABEL) + 1;
		int tx = fx + 13;
		tx += ui_put(ui, 2, tx, 2, "至", ST_LABEL) + 1;
		ui_put(ui, 2, tx + 13, ui->cols - tx - 14, _("Enter counts, Esc goes back"), ST_HINT);
		/* the focused field last: it places the cursor */
		field_draw(ui, rp->focus ? &rp->from : &rp->to, 2, rp->focus ? fx : tx, 12, 0);
		field_draw(ui, rp->focus ? &rp->to : &rp->from, 2, rp->focus ? tx : fx, 12, 1);
		return;
	}
	char *line, *beside;
	const struct report *r = rp->r;
	const char *word = rp->cmp == CMP_YEAR ? "上年同期" : "上期";
	if (rp->cmp == CMP_YTD)
		beside = r && r->cum_v ? xasprintf("累计 %s至%s", r->cum.from, r->cum.to) : xstrdup("累计即本期");
	else if (rp->p.kind == PERIOD_RANGE)
		beside = xasprintf("%s %s%s%s", word, r ? r->prev.from : "", r ? "至" : "", r ? r->prev.to : "");
	else
		beside = xasprintf("%s %s", word, r ? r->prev.label : "");
	if (rp->p.kind == PERIOD_RANGE)
		line = xasprintf("%s %s  %s", "本期", rp->p.label, beside);
	else
		line = xasprintf("%s %s (%s至%s)  %s", "本期", rp->p.label, rp->p.from, rp->p.to, beside);
	free(beside);
	ui_put(ui, 2, 1, ui->cols - 2, line, ST_MARK);
	free(line);
}

static void rep_draw_header(struct ui *ui, struct rep *rp, int y, int lw, int cw)
{
	const struct report *r = rp->r;
	ui_fill(ui, y, 0, ui->cols, ST_HEADER);
	int x = 1;
	if (cw)
		x = ui_col(ui, y, x, cw, "代码", ST_HEADER);
	x = ui_col(ui, y, x, lw, "指标", ST_HEADER);
	x = ui_col(ui, y, x, UNIT_W, "单位", ST_HEADER);
	static const char *const heads[CMP__COUNT][3] = {
		{ "本期", "上期", "增减" }, { "本期", "上年同期", "同比" }, { "本期", "累计", "" },
	};
	for (int c = 0; c < 3; c++) {
		put_right(ui, y, x, VAL_W, heads[rp->cmp][c], ST_HEADER);
		x += VAL_W + 1;
	}
	if (!r || r->ngroups <= 1)
		return;
	if (rp->gleft > 0)
		ui_put(ui, y, x - 1, 1, "<", ST_MARK);
	for (int k = 0; k < rp->gshown; k++) {
		int g = 1 + rp->gleft + k;
		put_right(ui, y, x, group_w(r, g), r->group_label[g], ST_HEADER);
		x += group_w(r, g) + 1;
	}
	if (1 + rp->gleft + rp->gshown < r->ngroups)
		ui_put(ui, y, x - 1, 1, ">", ST_MARK);
}

/* The second column's figure of indicator i and the period it is of: the period before or the
 * same period of last year (r->prev), or the year to date (the period itself for a year or a
 * from-to). */
static const struct report_value *beside_v(const struct rep *rp, int i)
{
	const struct report *r = rp->r;
	if (rp->cmp == CMP_YTD)
		return r->cum_v ? &r->cum_v[i] : &r->cur_v[i];
	return &r->prev_v[i];
}

static const struct period *beside_p(const struct rep *rp)
{
	const struct report *r = rp->r;
	if (rp->cmp == CMP_YTD)
		return r->cum_v ? &r->cum : &r->cur;
	return &r->prev;
}

static void rep_draw_row(struct ui *ui, struct rep *rp, int i, int y, int lw, int cw)
{
	const struct report *r = rp->r;
	const struct report_ind *ind = &report_inds[i];
	int sel = i == rp->sel;
	char v[32];
	ui_put(ui, y, 0, 1, sel ? ">" : " ", sel ? ST_SELECTED : ST_NORMAL);
	int x = 1;
	if (cw) {
		x = ui_col(ui, y, x, cw, ind->code, sel ? ST_SELECTED : ST_NORMAL);
		if (sel)
			ui_put(ui, y, x - 1, 1, " ", ST_SELECTED);
	}
	x = ui_col(ui, y, x, lw, ind->label, sel ? ST_SELECTED : ST_NORMAL);
	x = ui_col(ui, y, x, UNIT_W, ind->unit, ST_HINT);
	report_value_text(ind, &r->cur_v[i], v);
	put_right(ui, y, x, VAL_W, v, sel && rp->col == 0 ? ST_SELECTED : ST_NORMAL);
	x += VAL_W + 1;
	report_value_text(ind, beside_v(rp, i), v);
	put_right(ui, y, x, VAL_W, v, sel && rp->col == 1 ? ST_SELECTED : ST_NORMAL);
	x += VAL_W + 1;
	if (rp->cmp == CMP_YTD)
		v[0] = '\0';
	else
		report_change_text(ind, &r->cur_v[i], &r->prev_v[i], v);
	put_right(ui, y, x, VAL_W, v, v[0] == '-' && v[1] ? ST_WARN : v[0] == '+' ? ST_OK : ST_NORMAL);
	x += VAL_W + 1;
	for (int k = 0; k < rp->gshown; k++) {
		int g = 1 + rp->gleft + k;
		report_value_text(ind, &r->cur_v[g * report_ninds + i], v);
		put_right(ui, y, x, group_w(r, g), v, sel && rp->col == g + 1 ? ST_SELECTED : ST_NORMAL);
		x += group_w(r, g) + 1;
	}
}

/* What Enter would open, in the status line when nothing else is said there. */
static void rep_hint(struct ui *ui, struct rep *rp)
{
	if (ui->msg[0] || !rp->r || rp->editing)
		return;
	const struct report_ind *ind = &report_inds[rp->sel];
	char *t = ind->people ? xasprintf(_("Enter: the residents behind this figure; F7 writes the report "
	                                    "to a file"))
	                      : xasprintf(_("%s is not counted in residents: no list behind it"), ind->label);
	ui_put(ui, ui->lines - 2, 0, ui->cols, t, ST_HINT);
	free(t);
}

/* The selected indicator against its target, on the line above the status line: 目标, 累计 (or
 * 完成), 完成率, 超/差 and the share of the year gone, as the report file prints them. */
static void rep_target_line(struct ui *ui, struct rep *rp, int y)
{
	const struct report *r = rp->r;
	int i = rp->sel;
	const struct report_ind *ind = &report_inds[i];
	char *line;
	struct target_cmp c;
	char tv[32], done[32], pct[32], diff[32], over[32], share[32] = "";
	if (r->share >= 0)
		snprintf(share, sizeof share, "  时间进度%d.%02d%%", r->share / 100, r->share % 100);
	if (r->tgt[i] < 0) {
		line = xasprintf(_("%s: no target for %d (%s)"), ind->code, period_target_year(&r->cur),
		                 r->target_unit);
	} else {
		target_value_text(i, r->tgt[i], tv);
		if (!target_compare(i, r->tgt[i], &r->done_v[i], &c))
			line = xasprintf("%s %s目标 %s  %s -", ind->code, r->target_unit, tv,
			                 r->ytd.from[0] ? "累计" : "完成");
		else {
			target_cmp_text(i, &c, done, pct, diff, over);
			line = xasprintf("%s %s目标 %s  %s %s  完成率 %s  %s %s%s%s%s%s", ind->code,
			                 r->target_unit, tv, r->ytd.from[0] ? "累计" : "完成", done, pct,
			                 c.diff < 0 ? "差" : "超", diff, report_ind_rate(i) ? "个百分点" : "",
			                 report_ind_rate(i) ? "" : "（", report_ind_rate(i) ? "" : over,
			                 report_ind_rate(i) ? "" : "）");
		}
	}
	char *full = xasprintf("%s%s", line, share);
	ui_put(ui, y, 1, ui->cols - 2, full, r->tgt[i] < 0 ? ST_HINT : ST_MARK);
	free(full);
	free(line);
}

static void rep_fix_cursor(struct rep *rp)
{
	if (rp->sel < 0)
		rp->sel = 0;
	if (rp->sel >= report_ninds)
		rp->sel = report_ninds - 1;
	int rows = rp->rows_shown > 0 ? rp->rows_shown : 1;
	if (rp->sel < rp->top)
		rp->top = rp->sel;
	if (rp->sel >= rp->top + rows)
		rp->top = rp->sel - rows + 1;
	if (rp->top < 0)
		rp->top = 0;
}

static void rep_draw(struct ui *ui, struct screen *s)
{
	struct rep *rp = (struct rep *)s;
	ui_title(ui, _("Reports"));
	int cw, lw = label_w(ui, rp->r, &rp->gshown, rp->gleft, &cw);
	if (rp->r && rp->col >= 2) {
		/* keep the selected group in view */
		int g = rp->col - 1;
		if (g < 1 + rp->gleft)
			rp->gleft = g - 1;
		while (rp->gshown > 0 && g >= 1 + rp->gleft + rp->gshown) {
			rp->gleft++;
			lw = label_w(ui, rp->r, &rp->gshown, rp->gleft, &cw);
		}
	}
	if (rp->dirty) {
		rp->dirty = 0;
		rep_compute(ui, rp);
	}
	rep_draw_top(ui, rp);
	int y = 3;
	int tline = rp->r && rp->r->ntargets;
	rp->rows_shown = ui->lines - 2 - y - 1 - tline;
	rep_draw_header(ui, rp, y++, lw, cw);
	if (!rp->r) {
		ui_put(ui, y + 1, 2, ui->cols - 4, rp->err, ST_ERROR);
		return;
	}
	rep_fix_cursor(rp);
	for (int k = 0; k < rp->rows_shown && rp->top + k < report_ninds; k++)
		rep_draw_row(ui, rp, rp->top + k, y + k, lw, cw);
	if (tline)
		rep_target_line(ui, rp, y + rp->rows_shown);
	rep_hint(ui, rp);
}

/* ---- F7: the report to a file ------------------------------------------------------------------------
 * A file name asked in a box over the report: in the printout folder (print_path) by default, named
 * for the period and the grouping; the extension decides the format (.xlsx a workbook with the lists
 * of residents, .csv the table, anything else text: a printout, sent on where the worker prints,
 * ui_print_send). A file already there is replaced only after asking. */
struct ask {
	struct screen s;
	const struct report *r;         /* the report screen's, below this box */
	int cmp;                        /* compared as the screen is (REPORT_CMP_* bits) */
	int summary;                    /* a half-year or year against last year: the summary */
	struct field f;
	struct field purpose;           /* 用途: with it an .xlsx also lists the people */
	int on_purpose;                 /* the cursor is in the purpose line */
};

static const int ask_acts[] = { ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_BACK, 0 };

static void ask_draw(struct ui *ui, struct screen *s)
{
	struct ask *a = (struct ask *)s;
	int w = ui->cols - 4 < 76 ? ui->cols - 4 : 76, h = 8;
	int y = (ui->lines - h) / 2, x = (ui->cols - w) / 2;
	/* whole rows cleared first: the box's edge never cuts a Chinese character of the table */
	for (int i = 0; i < h; i++)
		ui_fill(ui, y + i, 0, ui->cols, ST_NORMAL);
	ui_box(ui, y, x, h, w, ST_DIALOG);
	char *t = xasprintf(" %s ", a->summary ? _("Write the summary (工作总结) to a file")
	                                       : _("Write the report to a file"));
	ui_puts(ui, y, x + 2, w - 4, t, ST_DIALOG_TITLE);
	free(t);
	ui_put(ui, y + 2, x + 2, w - 4,
	       _(".xlsx with a purpose: also the residents behind each figure; .csv: the table; .txt: text"),
	       ST_DIALOG);
	int lw = ui_put(ui, y + 3, x + 2, 6, "文件", ST_DIALOG) + 1;
	ui_put(ui, y + 4, x + 2, 6, "用途", ST_DIALOG);
	ui_put(ui, y + 6, x + 2, w - 4, _("Tab: file or purpose; Enter writes it, Esc goes back"), ST_DIALOG);
	field_draw(ui, &a->purpose, y + 4, x + 2 + lw, w - 4 - lw, a->on_purpose);
	field_draw(ui, &a->f, y + 3, x + 2 + lw, w - 4 - lw, !a->on_purpose);
}

static int ask_write(struct ui *ui, struct ask *a)
{
	const char *path = le_text(&a->f.le);
	struct jy_err err = { 0 };
	char why[512];
	if (!tui_path_allowed(path, why, sizeof why)) {
		ui_msg(ui, ST_ERROR, "%s", why);
		ui->msg_keep = 1;
		return 0;
	}
	int format = report_format_parse(NULL, path);
	const char *purpose = le_text(&a->purpose.le);
	int people = format == SHEET_XLSX && access_may(ui->db, OP_REPORT_PEOPLE) && !text_is_blank(purpose);
	/* The figures as they are now, not as when the screen computed them: the lists are read now,
	 * and a list's length must be its figure. */
	struct report *now = NULL;
	int rc = a->summary ? report_compute_summary(ui->db, &a->r->cur, a->r->by, &now, &err)
	                    : report_compute_cmp(ui->db, &a->r->cur, a->r->by, a->cmp, &now, &err);
	if (rc == JY_OK)
		rc = report_write(ui->db, now, path, format, people ? REPORT_WITH_PEOPLE : 0, purpose, &err);
	report_free(&now);
	if (rc != JY_OK) {
		ui_err(ui, &err);
		ui->msg_keep = 1;
		return 0;
	}
	int dest = ui_print_dest(ui);
	if (format == REPORT_TEXT && !people && ui_print_send(ui, dest, path))
		;       /* the text report is a printout: it went where she prints, and the line says so */
	else if (dest == PRINT_ZMODEM)
		ui_zmodem_send(ui, path);       /* a workbook or CSV to her PC, as she takes files home */
	else if (people)
		ui_msg(ui, ST_OK, _("The report and the residents behind it are in %s"), path);
	else
		ui_msg(ui, ST_OK, _("The report is in %s"), path);
	ui->msg_keep = 1;
	return 1;
}

static void ask_replace(struct ui *ui, void *arg, int yes)
{
	struct ask *a = arg;
	if (yes && ask_write(ui, a))
		ui_pop(ui, &a->s);
}

static int ask_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct ask *a = (struct ask *)s;
	switch (ev->act) {
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	case ACT_OPEN: {
		const char *path = le_text(&a->f.le);
		if (text_is_blank(path)) {
			ui_msg(ui, ST_ERROR, "%s", _("Type a file name, e.g. 统计报表.xlsx"));
			return SK_HANDLED;
		}
		if (access(path, F_OK) == 0) {
			char *q = xasprintf(_("%s is there already. Replace it?"), path);
			dialog_confirm(ui, _("Write the report to a file"), q, 0, ask_replace, a);
			free(q);
			return SK_HANDLED;
		}
		return SK_HANDLED | (ask_write(ui, a) ? SK_POP : 0);
	}
	case ACT_QUIT:
	case ACT_HELP:
	case ACT_INTERRUPT:
		if (!K_IS_CHAR(ev->key))
			return 0;
		break;
	case ACT_NEXT:
	case ACT_PREV:
		a->on_purpose = !a->on_purpose;
		return SK_HANDLED;
	default:
		break;
	}
	field_key(ui, a->on_purpose ? &a->purpose : &a->f, ev);
	return SK_HANDLED;
}

static void ask_leave(struct ui *ui, struct screen *s)
{
	struct ask *a = (struct ask *)s;
	(void)ui;
	field_free(&a->f);
	field_free(&a->purpose);
	free(a);
}

static const struct screen_ops ask_ops = {
	.name = "report-file", .acts = ask_acts,
	.draw = ask_draw, .key = ask_key, .leave = ask_leave,
};

static void report_export_ask(struct ui *ui, const struct report *r, int cmp)
{
	if (!r)
		return;
	struct ask *a = xcalloc(1, sizeof *a);
	a->s.ops = &ask_ops;
	a->s.overlay = 1;
	a->r = r;
	a->cmp = cmp_bits(cmp);
	a->summary = cmp == CMP_YEAR && (r->cur.kind == PERIOD_HALF || r->cur.kind == PERIOD_YEAR);
	field_init(&a->f, "文件", FK_TEXT, NULL, 400, FF_REQ);
	field_init(&a->purpose, "用途", FK_TEXT, NULL, 60, 0);
	const char *what = a->summary ? "工作总结" : "统计报表";
	char *name = r->by == BY_NONE ? xasprintf("%s-%s.xlsx", what, r->cur.label)
	                              : xasprintf("%s-%s-按%s.xlsx", what, r->cur.label, report_by_label(r->by));
	char *path = print_path(name);
	le_set(&a->f.le, path);
	free(path);
	free(name);
	ui_push(ui, &a->s);
}

/* ---- keys ----------------------------------------------------------------------------------------- */

static int rep_open(struct ui *ui, struct rep *rp)
{
	const struct report *r = rp->r;
	const struct report_ind *ind = &report_inds[rp->sel];
	if (!r)
		return SK_HANDLED;
	if (!ind->people) {
		ui_msg(ui, ST_WARN, _("%s is not counted in residents: no list behind it"), ind->label);
		return SK_HANDLED;
	}
	struct jy_err err = { 0 };
	if (access_check(ui->db, OP_REPORT_PEOPLE, NULL, &err) != JY_OK) {
		ui_err(ui, &err);
		return SK_HANDLED;
	}
	int g = rp->col >= 2 ? rp->col - 1 : 0;
	/* 低保, 特困, 残疾: counted for everyone, listed only for a worker who sees whole records */
	const char *gk = r->group_key[g];
	if (!access_may(ui->db, OP_EXPORT_FULL) &&
	    (report_ind_sensitive(rp->sel) || (r->by == BY_CATEGORY && category_sensitive(gk, strlen(gk))))) {
		ui_msg(ui, ST_WARN, "%s", _("Who is on 低保, 特困 or disabled is listed for reviewers and "
		                            "administrators only; the figure counts them"));
		return SK_HANDLED;
	}
	const struct report_value *v = rp->col == 1 ? beside_v(rp, rp->sel) : &r->cur_v[g * report_ninds + rp->sel];
	if (v->na) {
		ui_msg(ui, ST_WARN, _("%s is not split by %s"), ind->label, report_by_label(r->by));
		return SK_HANDLED;
	}
	ui_push(ui, report_people_new(rp->col == 1 ? beside_p(rp) : &r->cur, r->by, r->group_key[g],
	                              g ? r->group_label[g] : "", rp->sel));
	return SK_HANDLED;
}

static int rep_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct rep *rp = (struct rep *)s;
	int ncols = rp->r ? rp->r->ngroups + 1 : 2;
	if (rp->editing)
		return range_key(ui, rp, ev);
	switch (ev->act) {
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	case ACT_EARLIER:
		rep_step(ui, rp, -1);
		return SK_HANDLED;
	case ACT_LATER:
		rep_step(ui, rp, 1);
		return SK_HANDLED;
	case ACT_PERIOD: {
		size_t k = 0;
		while (k < ARRAY_LEN(kinds) && kinds[k].kind != rp->p.kind)
			k++;
		int next = kinds[(k + 1) % ARRAY_LEN(kinds)].kind;
		if (next == PERIOD_RANGE) {
			range_start(ui, rp);
			return SK_HANDLED;
		}
		/* the new kind's period holding the end of this one (or today, when that is later) */
		rep_set(ui, rp, next, strcmp(rp->p.to, ui->today) > 0 ? ui->today : rp->p.to);
		return SK_HANDLED;
	}
	case ACT_GROUP: {
		size_t k = 0;
		while (k < ARRAY_LEN(bys) && bys[k] != rp->by)
			k++;
		rp->by = bys[(k + 1) % ARRAY_LEN(bys)];
		rp->gleft = 0;
		if (rp->col >= 2)
			rp->col = 0;
		rep_compute(ui, rp);
		return SK_HANDLED;
	}
	case ACT_EXPORT:
	case ACT_STATUS:        /* F7: the key table gives F7 to ACT_STATUS first; no status here */
		report_export_ask(ui, rp->r, rp->cmp);
		return SK_HANDLED;
	case ACT_OPEN:
		return rep_open(ui, rp);
	case ACT_TREND:
		ui_push(ui, trend_new(&rp->p, rp->sel));
		return SK_HANDLED;
	case ACT_COMPARE:
		rp->cmp = (rp->cmp + 1) % CMP__COUNT;
		rep_compute(ui, rp);
		return SK_HANDLED;
	case ACT_TARGET: {
		int role = db_actor(ui->db)->role;
		if (role != ROLE_ADMIN && role != ROLE_STATS) {
			ui_msg(ui, ST_WARN, "%s", _("Targets are set by an administrator or a statistician"));
			return SK_HANDLED;
		}
		if (!rp->r)
			return SK_HANDLED;
		ui_push(ui, target_ask_new(period_target_year(&rp->r->cur), rp->sel, rp->r->target_unit,
		                           rp->r->tgt[rp->sel], &rp->dirty));
		return SK_HANDLED;
	}
	case ACT_NEXT:
		rp->sel++;
		break;
	case ACT_PREV:
		rp->sel--;
		break;
	case ACT_PGDN:
		rp->sel += rp->rows_shown > 1 ? rp->rows_shown - 1 : 1;
		break;
	case ACT_PGUP:
		rp->sel -= rp->rows_shown > 1 ? rp->rows_shown - 1 : 1;
		break;
	case ACT_HOME:
		rp->sel = 0;
		break;
	case ACT_END:
		rp->sel = report_ninds - 1;
		break;
	case ACT_LEFT:
		if (rp->col > 0)
			rp->col--;
		if (rp->col < 2)
			rp->gleft = 0;
		break;
	case ACT_RIGHT:
		if (rp->col + 1 < ncols)
			rp->col++;
		break;
	default:
		return 0;
	}
	rep_fix_cursor(rp);
	return SK_HANDLED;
}

/* ---- the screen ----------------------------------------------------------------------------------- */

static void rep_enter(struct ui *ui, struct screen *s)
{
	struct rep *rp = (struct rep *)s;
	field_init(&rp->from, "从", FK_DATE, NULL, 10, FF_REQ);
	field_init(&rp->to, "至", FK_DATE, NULL, 10, FF_REQ);
	rep_set(ui, rp, PERIOD_MONTH, ui->today);
}

static void rep_leave(struct ui *ui, struct screen *s)
{
	struct rep *rp = (struct rep *)s;
	(void)ui;
	report_free(&rp->r);
	field_free(&rp->from);
	field_free(&rp->to);
	free(rp);
}

static const struct screen_ops rep_ops = {
	.name = "report", .acts = rep_acts,
	.enter = rep_enter, .draw = rep_draw, .key = rep_key, .leave = rep_leave,
};

struct screen *report_new(void)
{
	struct rep *rp = xcalloc(1, sizeof *rp);
	rp->s.ops = &rep_ops;
	return &rp->s;
}
