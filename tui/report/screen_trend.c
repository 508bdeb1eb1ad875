/* tui/report/screen_trend.c: two things the report screen opens for the indicator under its
 * cursor. 走势 (F9, h): its last 12 months, or 8 quarters when the report is by quarter, one row
 * each, a bar of '#' as long as the figure and a '+' where the year's target puts that month
 * (spread evenly over the year; a rate's target as it is), the values beside (core's
 * report_trend). Plain ASCII: block characters are ambiguous in width and draw two columns wide
 * in a Chinese terminal. 目标 (F5, e): the year's target of that indicator for the report's unit,
 * typed in a box and saved through target_set (an administrator or a statistician). */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

struct trend {
	struct screen s;
	struct period p;
	int i;
	struct trend_point *pts;
	int n;
	char err[512];
};

static const int trend_acts[] = { ACT_BACK, 0 };

/* A point's figure on one scale for both: a count as it is, a rate in hundredths of a percent. */
static int64_t trend_scale(int i, const struct report_value *v)
{
	if (v->na)
		return 0;
	if (report_ind_rate(i))
		return v->den > 0 ? (v->num * 20000 / v->den + 1) / 2 : 0;
	return v->num;
}

static void trend_label(const struct period *p, char out[24])
{
	int y, m, d;
	date_split(p->from, &y, &m, &d);
	if (p->kind == PERIOD_QUARTER)
		snprintf(out, 24, "%04d Q%d", y, (m - 1) / 3 + 1);
	else
		snprintf(out, 24, "%04d-%02d", y, m);
}

static void trend_draw(struct ui *ui, struct screen *s)
{
	struct trend *t = (struct trend *)s;
	const struct report_ind *ind = &report_inds[t->i];
	ui_title(ui, _("Reports"));
	char *head = xasprintf(_("%s %s (%s): the %d %s to %s"), ind->code, ind->label, ind->unit,
	                       t->n, t->p.kind == PERIOD_QUARTER ? _("quarters") : _("months"),
	                       t->p.label);
	ui_put(ui, 1, 1, ui->cols - 2, head, ST_MARK);
	free(head);
	if (!t->pts) {
		ui_put(ui, 3, 2, ui->cols - 4, t->err, ST_ERROR);
		return;
	}
	int64_t max = 1;
	int paths = 0;
	for (int k = 0; k < t->n; k++) {
		int64_t v = trend_scale(t->i, &t->pts[k].v);
		if (v > max)
			max = v;
		if (t->pts[k].path >= 0) {
			paths = 1;
			if (t->pts[k].path > max)
				max = t->pts[k].path;
		}
	}
	/* 2024-06 |#####+    |      12   目标  10 */
	int lw = 8, vw = 8, tw = paths ? 14 : 0;
	int bw = ui->cols - 2 - lw - 2 - 1 - vw - tw - 1;
	if (bw < 10)
		bw = 10;
	char *bar = xmalloc((size_t)bw + 1);
	for (int k = 0; k < t->n; k++) {
		const struct trend_point *pt = &t->pts[k];
		int y = 3 + k;
		char label[24], v[32], tv[48] = "";
		trend_label(&pt->p, label);
		int64_t val = trend_scale(t->i, &pt->v);
		int len = (int)((val * bw + max / 2) / max);
		memset(bar, ' ', (size_t)bw);
		memset(bar, '#', (size_t)(len > bw ? bw : len));
		if (pt->path >= 0) {
			int at = (int)((pt->path * bw + max / 2) / max);
			bar[at >= bw ? bw - 1 : at > 0 ? at - 1 : 0] = '+';
			char pv[32];
			target_value_text(t->i, pt->path, pv);
			snprintf(tv, sizeof tv, "%s %s", "目标", pv);
		}
		bar[bw] = '\0';
		report_value_text(ind, &pt->v, v);
		int x = 1;
		x = ui_col(ui, y, x, lw, label, ST_NORMAL);
		ui_put(ui, y, x, 1, "|", ST_HINT);
		ui_put(ui, y, x + 1, bw, bar, ST_OK);
		ui_put(ui, y, x + 1 + bw, 1, "|", ST_HINT);
		x += bw + 2;
		int w = text_width(v);
		ui_put(ui, y, x, vw, "", ST_NORMAL);
		ui_put(ui, y, x + vw - w, w, v, ST_NORMAL);
		if (tw)
			ui_put(ui, y, x + vw + 2, tw - 2, tv, ST_HINT);
	}
	free(bar);
	ui_put(ui, 4 + t->n, 1, ui->cols - 2,
	       paths ? _("#: the figure; +: the year's target spread evenly over its months")
	             : _("#: the figure; no target is set for these years"), ST_HINT);
}

static int trend_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	(void)ui, (void)s;
	return ev->act == ACT_BACK ? SK_HANDLED | SK_POP : 0;
}

static void trend_leave(struct ui *ui, struct screen *s)
{
	struct trend *t = (struct trend *)s;
	(void)ui;
	free(t->pts);
	free(t);
}

static void trend_enter(struct ui *ui, struct screen *s)
{
	struct trend *t = (struct trend *)s;
	struct jy_err err = { 0 };
	if (report_trend(ui->db, &t->p, t->i, &t->pts, &t->n, &err) != JY_OK)
		snprintf(t->err, sizeof t->err, "%s", err.msg);
}

static const struct screen_ops trend_ops = {
	.name = "report-trend", .acts = trend_acts,
	.enter = trend_enter, .draw = trend_draw, .key = trend_key, .leave = trend_leave,
};

struct screen *trend_new(const struct period *p, int i)
{
	struct trend *t = xcalloc(1, sizeof *t);
	t->s.ops = &trend_ops;
	t->p = *p;
	t->i = i;
	return &t->s;
}

/* ---- the year's target of one indicator --------------------------------------------------------- */

struct tgt {
	struct screen s;
	int year, i;
	char unit_name[64];
	int *dirty;             /* the report's: set after a save, it counts again */
	struct field f;
};

static const int tgt_acts[] = { ACT_OPEN, ACT_SAVE, ACT_BACK, 0 };

static void tgt_draw(struct ui *ui, struct screen *s)
{
	struct tgt *t = (struct tgt *)s;
	const struct report_ind *ind = &report_inds[t->i];
	int w = ui->cols - 4 < 64 ? ui->cols - 4 : 64, h = 7;
	int y = (ui->lines - h) / 2, x = (ui->cols - w) / 2;
	for (int k = 0; k < h; k++)
		ui_fill(ui, y + k, 0, ui->cols, ST_NORMAL);
	ui_box(ui, y, x, h, w, ST_DIALOG);
	char *title = xasprintf(" %s ", _("The year's target"));
	ui_puts(ui, y, x + 2, w - 4, title, ST_DIALOG_TITLE);
	free(title);
	char *what = xasprintf("%d年 %s %s %s（%s）", t->year, t->unit_name, ind->code, ind->label,
	                       ind->unit);
	ui_put(ui, y + 2, x + 2, w - 4, what, ST_DIALOG);
	free(what);
	int lw = ui_put(ui, y + 3, x + 2, 6, "目标值", ST_DIALOG) + 1;
	const char *hint = report_ind_rate(t->i) ? _("A rate in %, e.g. 85.5; Enter saves, Esc goes back")
	                                         : _("A whole number, e.g. 120; Enter saves, Esc goes back");
	ui_put(ui, y + 5, x + 2, w - 4, hint, ST_DIALOG);
	field_draw(ui, &t->f, y + 3, x + 2 + lw, 12, 1);
}

static int tgt_save(struct ui *ui, struct tgt *t)
{
	struct jy_err err = { 0 };
	int changed;
	/* the unit by name: the report's own (全县 is the whole county) */
	const char *unit = strcmp(t->unit_name, "全县") == 0 ? NULL : t->unit_name;
	if (target_set(ui->db, t->year, unit, report_inds[t->i].code, le_text(&t->f.le), &changed,
	               &err) != JY_OK) {
		ui_err(ui, &err);
		ui->msg_keep = 1;
		return 0;
	}
	*t->dirty = 1;
	ui_msg(ui, ST_OK, _("Target of %d for %s: %s"), t->year, report_inds[t->i].code,
	       le_text(&t->f.le));
	ui->msg_keep = 1;
	return 1;
}

static int tgt_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct tgt *t = (struct tgt *)s;
	switch (ev->act) {
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	case ACT_OPEN:
	case ACT_SAVE:
		return SK_HANDLED | (tgt_save(ui, t) ? SK_POP : 0);
	case ACT_QUIT:
	case ACT_HELP:
	case ACT_INTERRUPT:
		if (!K_IS_CHAR(ev->key))
			return 0;
		break;
	default:
		break;
	}
	field_key(ui, &t->f, ev);
	return SK_HANDLED;
}

static void tgt_leave(struct ui *ui, struct screen *s)
{
	struct tgt *t = (struct tgt *)s;
	(void)ui;
	field_free(&t->f);
	free(t);
}

static const struct screen_ops tgt_ops = {
	.name = "report-target", .acts = tgt_acts,
	.draw = tgt_draw, .key = tgt_key, .leave = tgt_leave,
};

struct screen *target_ask_new(int year, int i, const char *unit_name, int64_t now, int *dirty)
{
	struct tgt *t = xcalloc(1, sizeof *t);
	t->s.ops = &tgt_ops;
	t->s.overlay = 1;
	t->year = year;
	t->i = i;
	t->dirty = dirty;
	snprintf(t->unit_name, sizeof t->unit_name, "%s", unit_name);
	field_init(&t->f, "目标值", FK_TEXT, NULL, 12, FF_REQ);
	if (now >= 0) {
		char v[32];
		target_value_text(i, now, v);
		size_t n = strlen(v);
		if (n && v[n - 1] == '%')
			v[n - 1] = '\0';
		le_set(&t->f.le, v);
	}
	return &t->s;
}
