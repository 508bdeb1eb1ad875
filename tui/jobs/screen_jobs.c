/* tui/jobs/screen_jobs.c: the jobs module's menu (岗位与推荐, main menu 2): employers, job information,
 * referrals, job fairs, and the public-welfare subsidies that end soon. A digit opens its list;
 * the lines below say what is waiting (open postings, subsidies due). */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "screen_jobs.h"

struct jobs {
	struct screen s;
	int sel;
	char *status;           /* what is waiting, worked out on entry and on return */
};

static const char *const jobs_items[] = {
	N_("Employers"), N_("Job information"), N_("Referrals"), N_("Job fairs"),
	N_("Public-welfare subsidies ending"),
};
#define JOBS_N ((int)ARRAY_LEN(jobs_items))

static const int jobs_acts[] = { ACT_MODULE, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_BACK, 0 };

static void jobs_status(struct ui *ui, struct jobs *j)
{
	struct job_page pg;
	struct jy_err err = { 0 };
	int open = 0, due = 0, days = 60;
	/* statistics see the jobs through reports only (JY_EPERM): the counts stay 0 for them */
	int rc = posting_search(ui->db, NULL, POSTINGS_OPEN, 0, NULL, 200, &pg, &err);
	if (rc == JY_OK) {
		open = pg.n;
		job_page_free(&pg);
	}
	struct placement_due_row *rows = NULL;
	if (rc == JY_OK || rc == JY_EPERM)
		rc = placement_due(ui->db, ui->today, -1, &rows, &due, &err);
	free(rows);
	if (rc == JY_OK || rc == JY_EPERM)
		rc = db_setting_int(ui->db, "jobs.subsidy_due_days", 60, &days, &err);
	if (rc != JY_OK && rc != JY_EPERM)
		ui_err(ui, &err);
	free(j->status);
	j->status = xasprintf(_("Open job information: %d%s. Public-welfare subsidies ending within %d days: %d."),
	                      open, open == 200 ? "+" : "", days, due);
}

static void jobs_draw(struct ui *ui, struct screen *s)
{
	struct jobs *j = (struct jobs *)s;
	int w = 40, y = (ui->lines - JOBS_N - 6) / 2, x = (ui->cols - w) / 2;
	ui_title(ui, _("Jobs and referrals"));
	ui_box(ui, y, x, JOBS_N + 4, w, ST_NORMAL);
	char *t = xasprintf(" %s ", _("Jobs and referrals"));
	ui_puts(ui, y, x + 2, w - 4, t, ST_HEADER);
	free(t);
	for (int i = 0; i < JOBS_N; i++) {
		char *line = xasprintf("  %d  %s", i + 1, _(jobs_items[i]));
		ui_put(ui, y + 2 + i, x + 2, w - 4, line, i == j->sel ? ST_SELECTED : ST_NORMAL);
		free(line);
	}
	ui_put(ui, y + JOBS_N + 5, 2, ui->cols - 4, j->status ? j->status : "", ST_HINT);
	ui_put(ui, y + JOBS_N + 6, 2, ui->cols - 4, _("A digit opens its list; Esc goes back to the main menu"), ST_HINT);
}

static int jobs_open(struct ui *ui, int i)
{
	static struct screen *(*const open[])(void) = { employers_new, NULL, NULL, fairs_new, due_new };
	if (i == 1)
		ui_push(ui, postings_new(0));
	else if (i == 2)
		ui_push(ui, referrals_new(0, 0));
	else
		ui_push(ui, open[i]());
	return SK_HANDLED;
}

static int jobs_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct jobs *j = (struct jobs *)s;
	if (ev->key >= '1' && ev->key < '1' + JOBS_N) {
		j->sel = ev->key - '1';
		return jobs_open(ui, j->sel);
	}
	switch (ev->act) {
	case ACT_NEXT:
		j->sel = (j->sel + 1) % JOBS_N;
		return SK_HANDLED;
	case ACT_PREV:
		j->sel = (j->sel + JOBS_N - 1) % JOBS_N;
		return SK_HANDLED;
	case ACT_OPEN:
		return jobs_open(ui, j->sel);
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	default:
		return ev->act == ACT_MODULE ? SK_HANDLED : 0;
	}
}

static void jobs_enter(struct ui *ui, struct screen *s)
{
	jobs_status(ui, (struct jobs *)s);
}

static void jobs_leave(struct ui *ui, struct screen *s)
{
	(void)ui;
	free(((struct jobs *)s)->status);
	free(s);
}

static const struct screen_ops jobs_ops = {
	.name = "jobs", .acts = jobs_acts,
	.enter = jobs_enter, .draw = jobs_draw, .key = jobs_key, .leave = jobs_leave,
	.resume = jobs_enter, .reload = jobs_enter,
};

struct screen *jobs_new(void)
{
	struct jobs *j = xcalloc(1, sizeof *j);
	j->s.ops = &jobs_ops;
	return &j->s;
}
