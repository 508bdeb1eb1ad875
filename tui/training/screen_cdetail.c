/* tui/training/screen_cdetail.c: one course — what it is, its head counts, and its trainees with their
 * attendance, completion, certificate, whether they found work within six months and the subsidy
 * tier that follows. From here: enrol residents (F4), edit the course (F5), its sessions and roll
 * calls (F9), the roster to print (Ctrl-P), the completers without work (Ctrl-O), the change
 * history (h); Enter opens a trainee's enrolment (completion, certificate).
 *
 * The trainees are read whole (a course has tens of them, not thousands) and shown through the list
 * widget, which keeps the selected one on its row when the list is read again. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <curses.h>

#include "tui.h"

struct cdetail {
	struct screen s;
	struct ui *ui;
	int64_t id;
	struct course *c;
	struct course_counts cc;
	struct enrol_row *rows;
	int n;
	struct list list;
	char err[512];
};

static const int cdetail_acts[] = {
	ACT_NEW, ACT_EDIT, ACT_ROLLCALL, ACT_PRINT, ACT_OUTCOME, ACT_HISTORY, ACT_EXPORT, ACT_BACK, ACT_OPEN,
	ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

/* ---- printouts ----------------------------------------------------------------------------------- */

char *print_path(const char *name)
{
	const char *dir = getenv("JIUYE_PRINT_DIR");
	char *d;
	if (dir && *dir) {
		d = xstrdup(dir);
	} else {
		const char *home = getenv("HOME");
		d = xasprintf("%s/jiuye-print", home && *home ? home : ".");
	}
	if (mkdir(d, 0700) != 0 && errno != EEXIST) {
		free(d);
		d = xstrdup(".");
	}
	/* a name a worker can type after lp, and that sorts by course */
	char *clean = xstrdup(name);
	for (char *p = clean; *p; p++)
		if (*p == '/' || *p == ' ')
			*p = '-';
	char *path = xasprintf("%s/%s", d, clean);
	free(clean);
	free(d);
	return path;
}

/* ---- the trainees ---------------------------------------------------------------------------------
 * At 80 columns: 8 name, 18 ID, 4 status, 6 attendance, 4 passed, 15 certificate, 10 six months,
 * 6 subsidy; wider terminals give more to the name and the certificate. */
struct cols {
	int name, id, status, att, passed, cert, job, tier;
};

static void cols_for(int w, struct cols *c)
{
	*c = (struct cols){ 8, 18, 4, 6, 4, 8, 10, 9 };
	int extra = w - (1 + 8 + 18 + 4 + 6 + 4 + 8 + 10 + 9 + 8);
	int add = extra > 8 ? 8 : extra > 0 ? extra : 0;        /* 专项职业能力证书 whole */
	c->cert += add, extra -= add;
	add = extra > 6 ? 6 : extra > 0 ? extra : 0;
	c->name += add;
}

static void trainees_header(struct ui *ui, void *arg, int y, int x, int w)
{
	struct cols c;
	(void)arg;
	cols_for(w, &c);
	ui_fill(ui, y, x, w, ST_HEADER);
	x += 1;
	x = ui_col(ui, y, x, c.name, "姓名", ST_HEADER);
	x = ui_col(ui, y, x, c.id, "身份证号", ST_HEADER);
	x = ui_col(ui, y, x, c.status, "状态", ST_HEADER);
	x = ui_col(ui, y, x, c.att, "出勤率", ST_HEADER);
	x = ui_col(ui, y, x, c.passed, "合格", ST_HEADER);
	x = ui_col(ui, y, x, c.cert, "证书", ST_HEADER);
	x = ui_col(ui, y, x, c.job, "半年内就业", ST_HEADER);
	ui_col(ui, y, x, c.tier, "补贴", ST_HEADER);
}

/* 在读 / 候补 / 结业 / 退学: the list's word for where a trainee is. */
static const char *status_word(struct ui *ui, const struct enrol_row *r)
{
	if (strcmp(r->result, "enrolled") == 0 && r->waitlisted)
		return "候补";
	return ui_code_label(ui, "train_result", r->result);
}

static void trainees_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	const struct enrol_row *r = row;
	struct cols c;
	char id[19], att[16] = "-", tier[24] = "";
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	(void)arg;
	cols_for(w, &c);
	ui_mask_id(r->id_no, id);
	int a = attendance_rate(r);
	if (a >= 0)
		snprintf(att, sizeof att, "%d.%d%%", a / 10, a % 10);
	ui_put(ui, y, x, 1, sel ? ">" : " ", hs);
	x += 1;
	x = ui_col(ui, y, x, c.name, r->name, hs);
	if (sel)
		ui_put(ui, y, x - 1, 1, " ", hs);
	x = ui_col(ui, y, x, c.id, id, hs);
	x = ui_col(ui, y, x, c.status, status_word(ui, r), r->waitlisted || r->result[0] == 'd' ? ST_HINT : ST_NORMAL);
	x = ui_col(ui, y, x, c.att, att, a >= 0 && a < 800 ? ST_WARN : ST_NORMAL);
	x = ui_col(ui, y, x, c.passed, r->passed == 1 ? "是" : r->passed == 0 ? "否" : "", ST_NORMAL);
	x = ui_col(ui, y, x, c.cert, r->cert_type[0] ? ui_code_label(ui, "train_cert", r->cert_type) : "", ST_NORMAL);
	/* the job: its date, or how the six months stand */
	const char *job = r->outcome == OUTCOME_EMPLOYED ? r->employed_on
	                : r->outcome == OUTCOME_PENDING ? "观察中"
	                : r->outcome == OUTCOME_NOT_EMPLOYED ? "未就业" : "";
	x = ui_col(ui, y, x, c.job, job, r->outcome == OUTCOME_EMPLOYED ? ST_OK : r->outcome ? ST_WARN : ST_NORMAL);
	if (r->tier)
		snprintf(tier, sizeof tier, "%d%% %d", r->tier, r->amount);
	ui_col(ui, y, x, c.tier, tier, ST_NORMAL);
}

/* F7: the trainees to a file (list_export): the columns shown, with the birth date, phone,
 * certificate number and the six months' dates beside them; rates as percentages. The ID number and
 * phone masked as on screen (a list is what may be seen over the worker's shoulder). */
static const struct sheet_col trainees_file_cols[] = {
	{ "姓名", SC_TEXT, 0 }, { "身份证号", SC_CODE, 0 }, { "性别", SC_TEXT, 0 }, { "出生日期", SC_DATE, 0 },
	{ "联系电话", SC_CODE, 0 }, { "状态", SC_TEXT, 0 }, { "报名日期", SC_DATE, 0 }, { "出勤率", SC_PCT, 0 },
	{ "考核合格", SC_TEXT, 0 }, { "证书类型", SC_TEXT, 0 }, { "证书编号", SC_CODE, 0 },
	{ "结业日期", SC_DATE, 0 }, { "就业日期", SC_DATE, 0 }, { "观察期截止", SC_DATE, 0 },
	{ "补贴比例", SC_PCT, 0 }, { "补贴金额", SC_INT, 0 },
};

static void trainees_file_cells(struct ui *ui, void *arg, const void *row, char **cells)
{
	const struct enrol_row *r = row;
	int a = attendance_rate(r);
	char id[19], ph[24];
	(void)arg;
	ui_mask_id(r->id_no, id);
	mask_phone(r->phone, ph, sizeof ph);
	const char *v[] = { r->name, id, ui_code_label(ui, "sex", r->sex), r->birth, ph,
	                    status_word(ui, r), r->enrolled_on, NULL,
	                    r->passed == 1 ? "是" : r->passed == 0 ? "否" : "",
	                    r->cert_type[0] ? ui_code_label(ui, "train_cert", r->cert_type) : "", r->cert_no,
	                    r->result_on, r->employed_on, r->window_end, NULL, NULL };
	for (size_t c = 0; c < ARRAY_LEN(v); c++)
		cells[c] = v[c] ? xstrdup(v[c]) : NULL;
	cells[7] = a >= 0 ? xasprintf("%.3f", a / 1000.0) : NULL;
	cells[14] = r->tier ? xasprintf("%.2f", r->tier / 100.0) : NULL;
	cells[15] = r->tier ? xasprintf("%d", r->amount) : NULL;
}

static const struct list_export trainees_file = {
	"学员名单", trainees_file_cols, (int)ARRAY_LEN(trainees_file_cols), trainees_file_cells,
	template_enrolments,
};

static int trainees_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows,
                          int *n, int *more, char next[128], struct jy_err *err)
{
	struct cdetail *d = arg;
	(void)query;
	(void)err;
	return list_fetch_array(d->rows, d->n, sizeof *d->rows, cursor, limit, rows, n, more, next);
}

static int64_t trainees_row_id(const void *row)
{
	return ((const struct enrol_row *)row)->id;
}

/* ---- loading ------------------------------------------------------------------------------------- */

static void cdetail_load(struct ui *ui, struct cdetail *d)
{
	struct jy_err err = { 0 };
	course_free(&d->c);
	FREE(&d->rows);
	d->n = 0;
	d->err[0] = '\0';
	if (course_load(ui->db, d->id, &d->c, &err) != JY_OK ||
	    course_counts(ui->db, d->id, &d->cc, &err) != JY_OK ||
	    enrolment_list(ui->db, d->id, 0, ui->today, &d->rows, &d->n, &err) != JY_OK)
		snprintf(d->err, sizeof d->err, "%s", err.msg);
}

static void cdetail_enter(struct ui *ui, struct screen *s)
{
	struct cdetail *d = (struct cdetail *)s;
	struct list_src src = {
		.fetch = trainees_fetch, .draw_row = trainees_row, .draw_header = trainees_header,
		.row_id = trainees_row_id, .row_size = sizeof(struct enrol_row), .arg = d,
	};
	d->ui = ui;
	cdetail_load(ui, d);
	list_init(&d->list, &src);
	list_query(&d->list, "");
}

/* The course in four lines. */
static int cdetail_summary(struct ui *ui, struct cdetail *d, int y)
{
	const struct course *c = d->c;
	int w = ui->cols - 2;
	struct jy_buf b = { 0 };
	buf_addf(&b, "%s (%s)", course_get(c, CF_NAME), course_get(c, CF_CODE));
	if (c->v[CF_TERM])
		buf_addf(&b, "  第%s期", c->v[CF_TERM]);
	if (c->v[CF_CLASSNO])
		buf_addf(&b, "  第%s班", c->v[CF_CLASSNO]);
	ui_put(ui, y++, 1, w, b.s, ST_MARK);
	buf_reset(&b);
	const char *sp = ui_code_label(ui, "speciality", course_get(c, CF_SPECIALITY));
	const char *cat = ui_code_label(ui, "train_cat", course_get(c, CF_CATEGORY));
	buf_addf(&b, "%s: %s  %s: %s  %s: %s", course_fields[CF_SPECIALITY].label, *sp ? sp : "-",
	         course_fields[CF_CATEGORY].label, *cat ? cat : "-", course_fields[CF_PROVIDER].label,
	         *course_get(c, CF_PROVIDER) ? course_get(c, CF_PROVIDER) : "-");
	ui_put(ui, y++, 1, w, b.s, ST_NORMAL);
	buf_reset(&b);
	buf_addf(&b, "%s ~ %s", course_get(c, CF_START), course_get(c, CF_END));
	if (c->v[CF_HOURS])
		buf_addf(&b, "  %s %s", course_fields[CF_HOURS].label, c->v[CF_HOURS]);
	if (c->v[CF_SUBSIDY])
		buf_addf(&b, "  %s %s", course_fields[CF_SUBSIDY].label, c->v[CF_SUBSIDY]);
	buf_addf(&b, "  %s %s", course_fields[CF_PLACE].label, *course_get(c, CF_PLACE) ? course_get(c, CF_PLACE) : "-");
	ui_put(ui, y++, 1, w, b.s, ST_NORMAL);
	buf_reset(&b);
	char cap[16] = "-";
	if (d->cc.capacity >= 0)
		snprintf(cap, sizeof cap, "%d", d->cc.capacity);
	buf_addf(&b, _("Places %s, admitted %d, waiting %d, completed %d, passed %d, dropped %d, sessions %d"),
	         cap, d->cc.admitted, d->cc.waiting, d->cc.completed, d->cc.passed, d->cc.dropped, d->cc.sessions);
	ui_put(ui, y++, 1, w, b.s, d->cc.capacity >= 0 && d->cc.admitted > d->cc.capacity ? ST_WARN : ST_HINT);
	buf_free(&b);
	return y;
}

static void cdetail_draw(struct ui *ui, struct screen *s)
{
	struct cdetail *d = (struct cdetail *)s;
	char *where = d->c ? xasprintf("%s > %s", _("Training"), course_get(d->c, CF_NAME)) : xstrdup(_("Training"));
	ui_title(ui, where);
	free(where);
	if (!d->c) {
		ui_put(ui, 2, 1, ui->cols - 2, d->err, ST_ERROR);
		return;
	}
	int y = cdetail_summary(ui, d, 1);
	list_draw(ui, &d->list, y, 0, ui->lines - 2 - y, ui->cols);
	if (d->n == 0)
		ui_put(ui, y + 2, 2, ui->cols - 4, _("Nobody enrolled yet. F4 enrols residents."), ST_HINT);
	else if (!ui->msg[0])
		ui_put(ui, ui->lines - 2, 0, ui->cols,
		       _("Enter: completion; F9 roll call; Ctrl-P roster; Ctrl-O no job; h history"), ST_HINT);
}

static void print_roster_now(struct ui *ui, struct cdetail *d)
{
	char *name = xasprintf("花名册-%s.txt", course_get(d->c, CF_CODE));
	char *path = print_path(name);
	struct jy_err err = { 0 };
	if (print_roster(ui->db, d->id, path, &err) != JY_OK)
		ui_err(ui, &err);
	else if (!ui_print_send(ui, ui_print_dest(ui), path))     /* where she prints */
		ui_msg(ui, ST_OK, _("The roster is in %s (print it with: lp %s)"), path, path);
	free(path);
	free(name);
}

static int cdetail_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct cdetail *d = (struct cdetail *)s;
	if (!d->c && ev->act != ACT_BACK)
		return 0;
	switch (ev->act) {
	case ACT_NEW:
		ui_push(ui, enrol_pick_new(d->id));
		return SK_HANDLED;
	case ACT_EDIT:
		ui_push(ui, cform_new(ui, d->id));
		return SK_HANDLED;
	case ACT_ROLLCALL:
		ui_push(ui, sessions_new(d->id));
		return SK_HANDLED;
	case ACT_PRINT:
		print_roster_now(ui, d);
		return SK_HANDLED;
	case ACT_OUTCOME:
		ui_push(ui, nowork_new(d->id));
		return SK_HANDLED;
	case ACT_HISTORY:
		ui_push(ui, chistory_new(d->id));
		return SK_HANDLED;
	case ACT_EXPORT:
		list_export(ui, &d->list, &trainees_file);
		return SK_HANDLED;
	case ACT_OPEN: {
		const struct enrol_row *r = list_selected(&d->list);
		if (r)
			ui_push(ui, eform_new(ui, r->id));
		return SK_HANDLED;
	}
	case ACT_BACK:
		courses_select(ui, d->id);
		return SK_HANDLED | SK_POP;
	default:
		return list_key(ui, &d->list, ev);
	}
}

static void cdetail_resume(struct ui *ui, struct screen *s)
{
	struct cdetail *d = (struct cdetail *)s;
	cdetail_load(ui, d);
	list_reload(&d->list);
}

static void cdetail_leave(struct ui *ui, struct screen *s)
{
	struct cdetail *d = (struct cdetail *)s;
	(void)ui;
	list_free(&d->list);
	course_free(&d->c);
	free(d->rows);
	free(d);
}

static const struct screen_ops cdetail_ops = {
	.name = "course", .acts = cdetail_acts,
	.enter = cdetail_enter, .draw = cdetail_draw, .key = cdetail_key, .leave = cdetail_leave,
	.resume = cdetail_resume, .reload = cdetail_resume,
};

struct screen *cdetail_new(int64_t id)
{
	struct cdetail *d = xcalloc(1, sizeof *d);
	d->s.ops = &cdetail_ops;
	d->id = id;
	return &d->s;
}
