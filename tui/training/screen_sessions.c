/* tui/training/screen_sessions.c: a course's sessions (第 N 次课) with what each roll call found. F4 adds a
 * session, F5 changes the selected one, Enter takes its roll call, Ctrl-P writes its sign-in sheet
 * (签到表) for the printer: the sheet is printed before the class, signed on paper, and the roll
 * call typed from it afterwards. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

struct sessions {
	struct screen s;
	int64_t course_id;
	char code[24], name[184];
	struct session_row *rows;
	int n;
	int admitted;
	struct list list;
};

static const int sessions_acts[] = {
	ACT_NEW, ACT_EDIT, ACT_PRINT, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN,
	ACT_HOME, ACT_END, 0
};

/* At 80: 4 no, 10 date, 11 time, 4 hours, 15 marks, rest topic, 8 teacher. */
struct cols {
	int no, date, time, hours, marks, topic, teacher;
};

static void cols_for(int w, struct cols *c)
{
	*c = (struct cols){ 4, 10, 11, 4, 15, 0, 8 };
	int rest = w - (1 + 4 + 10 + 11 + 4 + 15 + 8 + 7);
	c->topic = rest > 6 ? rest : 6;
}

static void sessions_header(struct ui *ui, void *arg, int y, int x, int w)
{
	struct cols c;
	(void)arg;
	cols_for(w, &c);
	ui_fill(ui, y, x, w, ST_HEADER);
	x += 1;
	x = ui_col(ui, y, x, c.no, "课次", ST_HEADER);
	x = ui_col(ui, y, x, c.date, "上课日期", ST_HEADER);
	x = ui_col(ui, y, x, c.time, "时间", ST_HEADER);
	x = ui_col(ui, y, x, c.hours, "学时", ST_HEADER);
	x = ui_col(ui, y, x, c.marks, "点名", ST_HEADER);
	x = ui_col(ui, y, x, c.topic, "授课内容", ST_HEADER);
	ui_col(ui, y, x, c.teacher, "授课教师", ST_HEADER);
}

static void sessions_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	const struct session_row *r = row;
	struct cols c;
	char no[12], time[16] = "", hours[12] = "", marks[64];
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	(void)arg;
	cols_for(w, &c);
	snprintf(no, sizeof no, "%d", r->no);
	if (r->start[0] || r->end[0])
		snprintf(time, sizeof time, "%s-%s", r->start, r->end);
	if (r->hours)
		snprintf(hours, sizeof hours, "%d", r->hours);
	if (r->marked)
		snprintf(marks, sizeof marks, "到%d 迟%d 假%d 缺%d", r->present, r->late, r->leave, r->absent);
	else
		snprintf(marks, sizeof marks, "%s", _("not taken"));
	ui_put(ui, y, x, 1, sel ? ">" : " ", hs);
	x += 1;
	x = ui_col(ui, y, x, c.no, no, hs);
	if (sel)
		ui_put(ui, y, x - 1, 1, " ", hs);
	x = ui_col(ui, y, x, c.date, r->date, hs);
	x = ui_col(ui, y, x, c.time, time, ST_NORMAL);
	x = ui_col(ui, y, x, c.hours, hours, ST_NORMAL);
	x = ui_col(ui, y, x, c.marks, marks, r->marked ? ST_NORMAL : ST_HINT);
	x = ui_col(ui, y, x, c.topic, r->topic, ST_NORMAL);
	ui_col(ui, y, x, c.teacher, r->teacher, ST_NORMAL);
}

static int sessions_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows,
                          int *n, int *more, char next[128], struct jy_err *err)
{
	struct sessions *ss = arg;
	(void)query;
	(void)err;
	return list_fetch_array(ss->rows, ss->n, sizeof *ss->rows, cursor, limit, rows, n, more, next);
}

static int64_t sessions_row_id(const void *row)
{
	return ((const struct session_row *)row)->id;
}

static void sessions_load(struct ui *ui, struct sessions *ss)
{
	struct jy_err err = { 0 };
	FREE(&ss->rows);
	ss->n = 0;
	if (session_list(ui->db, ss->course_id, &ss->rows, &ss->n, &err) != JY_OK)
		ui_err(ui, &err);
	struct course_counts cc;
	if (course_counts(ui->db, ss->course_id, &cc, &err) == JY_OK)
		ss->admitted = cc.admitted;
	else
		ui_err(ui, &err);
}

/* The latest session selected, the earlier ones above it in view (the list scrolls on its draw). */
static void select_last(struct sessions *ss)
{
	if (ss->n == 0)
		return;
	ss->list.sel = ss->n - 1;
	ss->list.top = 0;
	ss->list.sel_id = ss->rows[ss->n - 1].id;
}

static void sessions_enter(struct ui *ui, struct screen *s)
{
	struct sessions *ss = (struct sessions *)s;
	struct list_src src = {
		.fetch = sessions_fetch, .draw_row = sessions_row, .draw_header = sessions_header,
		.row_id = sessions_row_id, .row_size = sizeof(struct session_row), .arg = ss,
	};
	struct course *c = NULL;
	struct jy_err err = { 0 };
	if (course_load(ui->db, ss->course_id, &c, &err) == JY_OK) {
		snprintf(ss->code, sizeof ss->code, "%s", course_get(c, CF_CODE));
		snprintf(ss->name, sizeof ss->name, "%s", course_get(c, CF_NAME));
	} else {
		ui_err(ui, &err);
	}
	course_free(&c);
	sessions_load(ui, ss);
	list_init(&ss->list, &src);
	list_query(&ss->list, "");
	select_last(ss);
}

static void sessions_draw(struct ui *ui, struct screen *s)
{
	struct sessions *ss = (struct sessions *)s;
	char *where = xasprintf("%s > %s > %s", _("Training"), ss->name, _("Sessions"));
	ui_title(ui, where);
	free(where);
	char *line = xasprintf(_("%s: %d sessions, %d trainees on the roll. Enter takes the roll call; "
	                         "Ctrl-P prints the sign-in sheet."), ss->code, ss->n, ss->admitted);
	ui_put(ui, 1, 1, ui->cols - 2, line, ST_HINT);
	free(line);
	list_draw(ui, &ss->list, 2, 0, ui->lines - 4, ui->cols);
	if (ss->n == 0)
		ui_put(ui, 4, 2, ui->cols - 4, _("No sessions yet. F4 adds the first."), ST_HINT);
}

static void print_signin_now(struct ui *ui, struct sessions *ss, const struct session_row *r)
{
	char *name = xasprintf("签到表-%s-第%d次-%s.txt", ss->code, r->no, r->date);
	char *path = print_path(name);
	struct jy_err err = { 0 };
	if (print_signin(ui->db, r->id, path, &err) != JY_OK)
		ui_err(ui, &err);
	else if (!ui_print_send(ui, ui_print_dest(ui), path))     /* where she prints */
		ui_msg(ui, ST_OK, _("The sign-in sheet is in %s (print it with: lp %s)"), path, path);
	free(path);
	free(name);
}

static int sessions_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct sessions *ss = (struct sessions *)s;
	const struct session_row *r = list_selected(&ss->list);
	switch (ev->act) {
	case ACT_NEW:
		ui_push(ui, sform_new(ui, ss->course_id, 0));
		return SK_HANDLED;
	case ACT_EDIT:
		if (r)
			ui_push(ui, sform_new(ui, ss->course_id, r->id));
		return SK_HANDLED;
	case ACT_OPEN:
		if (r)
			ui_push(ui, rollcall_new(r->id));
		return SK_HANDLED;
	case ACT_PRINT:
		if (r)
			print_signin_now(ui, ss, r);
		else
			ui_msg(ui, ST_HINT, "%s", _("No session to print; F4 adds one"));
		return SK_HANDLED;
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	default:
		return list_key(ui, &ss->list, ev);
	}
}

static void sessions_resume(struct ui *ui, struct screen *s)
{
	struct sessions *ss = (struct sessions *)s;
	int n = ss->n;
	sessions_load(ui, ss);
	list_reload(&ss->list);
	if (ss->n > n)          /* a session was added: show it */
		select_last(ss);
}

static void sessions_leave(struct ui *ui, struct screen *s)
{
	struct sessions *ss = (struct sessions *)s;
	(void)ui;
	list_free(&ss->list);
	free(ss->rows);
	free(ss);
}

static const struct screen_ops sessions_ops = {
	.name = "sessions", .acts = sessions_acts,
	.enter = sessions_enter, .draw = sessions_draw, .key = sessions_key, .leave = sessions_leave,
	.resume = sessions_resume, .reload = sessions_resume,
};

struct screen *sessions_new(int64_t course_id)
{
	struct sessions *ss = xcalloc(1, sizeof *ss);
	ss->s.ops = &sessions_ops;
	ss->course_id = course_id;
	return &ss->s;
}
