/* tui/training/screen_courses.c: the training courses (培训班), newest first, searched as you type on the
 * line above the F-keys: characters of the name, its pinyin initials anywhere (pxb finds every
 * 培训班), or the code. F4 adds a course, Enter opens it, Ctrl-O lists the completers still
 * without work.
 *
 * The same list picks a course to enrol a resident in, opened from her page (F4 there): then Enter
 * enrols her and goes back. Layout as the resident list (screen_residents.c). */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

struct courses {
	struct screen s;
	struct ui *ui;
	struct list list;
	struct qsearch qs;      /* the search line */
	int64_t want_id;
	int64_t resident;       /* picking a course for this resident (0: the plain list) */
	char *name;             /* her name */
};

static const int courses_acts[] = {
	ACT_SEARCH, ACT_NEW, ACT_OUTCOME, ACT_EXPORT, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP,
	ACT_PGDN, ACT_HOME, ACT_END, 0
};
static const int courses_acts_import[] = {
	ACT_SEARCH, ACT_NEW, ACT_OUTCOME, ACT_EXPORT, ACT_IMPORT, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV,
	ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};
static const int pick_acts[] = {
	ACT_SEARCH, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

static const struct screen_ops courses_ops, courses_import_ops, pick_ops;

/* F9: the file jiuye import courses reads */
static const struct import_kind courses_import = {
	N_("Import courses from a file"), "courses", import_courses, 0, NULL,
};

/* ---- columns: at 80, 6 code, 31 name, 8 speciality, 10 + 10 dates, 9 head count; wider
 * terminals give the name more and show the category ---------------------------------------- */
struct cols {
	int code, name, spec, cat, start, end, count;
};

static void cols_for(int w, struct cols *c)
{
	*c = (struct cols){ 6, 0, 8, 0, 10, 10, 9 };
	int rest = w - (1 + 6 + 8 + 10 + 10 + 9 + 6);
	if (rest >= 70) {
		c->cat = 12;
		rest -= 13;
	}
	c->name = rest > 8 ? rest : 8;
}

static int put_col(struct ui *ui, int y, int x, int w, const char *s, int style)
{
	if (w <= 0)
		return x;
	ui_put(ui, y, x, w, s, style);
	return x + w + 1;
}

static void courses_header(struct ui *ui, void *arg, int y, int x, int w)
{
	struct cols c;
	(void)arg;
	cols_for(w, &c);
	ui_fill(ui, y, x, w, ST_HEADER);
	x += 1;
	x = put_col(ui, y, x, c.code, "编号", ST_HEADER);
	x = put_col(ui, y, x, c.name, "培训班名称", ST_HEADER);
	x = put_col(ui, y, x, c.spec, "专业", ST_HEADER);
	x = put_col(ui, y, x, c.cat, "培训类别", ST_HEADER);
	x = put_col(ui, y, x, c.start, "开班日期", ST_HEADER);
	x = put_col(ui, y, x, c.end, "结业日期", ST_HEADER);
	put_col(ui, y, x, c.count, "人数", ST_HEADER);
}

static void courses_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	const struct course_row *r = row;
	struct cols c;
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	(void)arg;
	cols_for(w, &c);
	ui_put(ui, y, x, 1, sel ? ">" : " ", hs);
	x += 1;
	x = put_col(ui, y, x, c.code, r->code, hs);
	if (sel)
		ui_put(ui, y, x - 1, 1, " ", hs);
	x = put_col(ui, y, x, c.name, r->name, hs);
	x = put_col(ui, y, x, c.spec, ui_code_label(ui, "speciality", r->speciality), ST_NORMAL);
	x = put_col(ui, y, x, c.cat, ui_code_label(ui, "train_cat", r->category), ST_NORMAL);
	x = put_col(ui, y, x, c.start, r->start, ST_NORMAL);
	x = put_col(ui, y, x, c.end, r->end, ST_NORMAL);
	/* admitted / places, and + the waiting list: 36/40+2; over the capacity in the warning style */
	char count[32];
	int n = snprintf(count, sizeof count, "%d", r->admitted);
	if (r->capacity >= 0)
		n += snprintf(count + n, sizeof count - (size_t)n, "/%d", r->capacity);
	if (r->waiting)
		snprintf(count + n, sizeof count - (size_t)n, "+%d", r->waiting);
	put_col(ui, y, x, c.count, count, r->capacity >= 0 && r->admitted > r->capacity ? ST_WARN : ST_NORMAL);
}

static int courses_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows,
                         int *n, int *more, char next[128], struct jy_err *err)
{
	struct courses *cs = arg;
	struct course_page pg;
	int rc = course_search(cs->ui->db, query, cursor, limit, &pg, err);
	if (rc != JY_OK)
		return rc;
	*rows = pg.rows;
	*n = pg.n;
	*more = pg.more;
	memcpy(next, pg.next, 128);
	return JY_OK;
}

static int64_t courses_row_id(const void *row)
{
	return ((const struct course_row *)row)->id;
}

/* F7: the list to a file (list_export): the columns shown, the head count in its parts */
static const struct sheet_col courses_file_cols[] = {
	{ "培训班编号", SC_TEXT, 0 }, { "培训班名称", SC_TEXT, 0 }, { "专业", SC_TEXT, 0 },
	{ "培训类别", SC_TEXT, 0 }, { "开班日期", SC_DATE, 0 }, { "结业日期", SC_DATE, 0 },
	{ "录取人数", SC_INT, 0 }, { "计划人数", SC_INT, 0 }, { "候补人数", SC_INT, 0 },
};

static void courses_file_cells(struct ui *ui, void *arg, const void *row, char **cells)
{
	const struct course_row *r = row;
	(void)arg;
	cells[0] = xstrdup(r->code);
	cells[1] = xstrdup(r->name);
	cells[2] = xstrdup(ui_code_label(ui, "speciality", r->speciality));
	cells[3] = xstrdup(ui_code_label(ui, "train_cat", r->category));
	cells[4] = xstrdup(r->start);
	cells[5] = xstrdup(r->end);
	cells[6] = xasprintf("%d", r->admitted);
	cells[7] = r->capacity >= 0 ? xasprintf("%d", r->capacity) : NULL;
	cells[8] = xasprintf("%d", r->waiting);
}

static const struct list_export courses_file = {
	"培训班", courses_file_cols, (int)ARRAY_LEN(courses_file_cols), courses_file_cells,
	template_courses,
};

/* ---- the screen ------------------------------------------------------------------------------ */

static void courses_enter(struct ui *ui, struct screen *s)
{
	struct courses *cs = (struct courses *)s;
	struct list_src src = {
		.fetch = courses_fetch, .draw_row = courses_row, .draw_header = courses_header,
		.row_id = courses_row_id, .row_size = sizeof(struct course_row), .arg = cs,
	};
	cs->ui = ui;
	if (!cs->resident && access_may(ui->db, OP_IMPORT))
		cs->s.ops = &courses_import_ops;       /* F9 for a worker who may import */
	if (cs->resident) {
		struct resident *r = NULL;
		struct jy_err err = { 0 };
		if (resident_load(ui->db, cs->resident, &r, &err) == JY_OK)
			cs->name = xstrdup(resident_get(r, RF_NAME));
		else
			ui_err(ui, &err);
		resident_free(&r);
	}
	if (!cs->name)
		cs->name = xstrdup("");
	list_init(&cs->list, &src);
	qsearch_init(&cs->qs, &cs->list);
	list_query(&cs->list, "");
}

static void courses_draw(struct ui *ui, struct screen *s)
{
	struct courses *cs = (struct courses *)s;
	int top = 1;

	if (cs->resident) {
		char *where = xasprintf("%s > %s > %s", _("Residents"), cs->name, _("Enrol in a course"));
		ui_title(ui, where);
		free(where);
		char *hint = xasprintf(_("Choose the course for %s and press Enter; typing searches"), cs->name);
		ui_put(ui, 1, 1, ui->cols - 2, hint, ST_HINT);
		free(hint);
		top = 2;
	} else {
		ui_title(ui, _("Training"));
	}
	list_draw(ui, &cs->list, top, 0, ui->lines - 2 - top, ui->cols);
	int exact;
	long known = list_count_known(&cs->list, &exact);
	if (known == 0 && !cs->list.err[0])
		ui_put(ui, top + 2, 2, ui->cols - 4,
		       cs->qs.q.len ? _("No course matches. Backspace changes the search, Esc clears it.")
		                    : _("No courses yet. F4 adds one."), ST_HINT);
	if (!cs->qs.searching && !cs->qs.q.len && !ui->msg[0] && !cs->resident && known)
		ui_put(ui, ui->lines - 2, 0, ui->cols,
		       _("Enter opens a course; typing searches; Ctrl-O: completers with no job yet"), ST_HINT);
	qsearch_draw(ui, &cs->qs);
}

static int courses_open(struct ui *ui, struct courses *cs)
{
	const struct course_row *r = list_selected(&cs->list);
	if (!r)
		return SK_HANDLED;
	cs->qs.searching = 0;
	if (cs->resident) {
		/* enrol her, then back to her page (a question about the waiting list stays on top) */
		int64_t rid = cs->resident, cid = r->id;
		char *name = xstrdup(cs->name);
		ui_pop(ui, &cs->s);
		enrol_ask(ui, rid, cid, name);
		free(name);
		return SK_HANDLED;
	}
	ui_push(ui, cdetail_new(r->id));
	return SK_HANDLED;
}

static int courses_other_key(struct ui *ui, struct courses *cs, const struct ui_event *ev)
{
	switch (ev->act) {
	case ACT_NEW:
		if (cs->resident)
			return SK_HANDLED;
		cs->qs.searching = 0;
		ui_push(ui, cform_new(ui, 0));
		return SK_HANDLED;
	case ACT_OUTCOME:
		if (cs->resident)
			return SK_HANDLED;
		cs->qs.searching = 0;
		ui_push(ui, nowork_new(0));
		return SK_HANDLED;
	case ACT_IMPORT:
		if (cs->resident)
			return SK_HANDLED;
		cs->qs.searching = 0;
		import_ask(ui, &courses_import);
		return SK_HANDLED;
	case ACT_EXPORT:
		if (cs->resident)
			return SK_HANDLED;
		cs->qs.searching = 0;   /* the status line says where the file went */
		list_export(ui, &cs->list, &courses_file);
		return SK_HANDLED;
	case ACT_OPEN:
		return courses_open(ui, cs);
	default:
		return list_key(ui, &cs->list, ev);
	}
}

static int courses_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct courses *cs = (struct courses *)s;
	int r = qsearch_key(&cs->qs, ev);
	if (r)
		return r;
	if (ev->act == ACT_BACK)
		return SK_HANDLED | SK_POP;
	return courses_other_key(ui, cs, ev);
}

static void courses_resume(struct ui *ui, struct screen *s)
{
	struct courses *cs = (struct courses *)s;
	(void)ui;
	qsearch_resume(&cs->qs, cs->want_id);
	cs->want_id = 0;
}

static void courses_reload(struct ui *ui, struct screen *s)
{
	(void)ui;
	list_reload(&((struct courses *)s)->list);
}

static void courses_leave(struct ui *ui, struct screen *s)
{
	struct courses *cs = (struct courses *)s;
	(void)ui;
	list_free(&cs->list);
	qsearch_free(&cs->qs);
	free(cs->name);
	free(cs);
}

static const struct screen_ops courses_ops = {
	.name = "courses", .acts = courses_acts,
	.enter = courses_enter, .draw = courses_draw, .key = courses_key, .leave = courses_leave,
	.resume = courses_resume, .reload = courses_reload,
};
static const struct screen_ops courses_import_ops = {
	.name = "courses", .acts = courses_acts_import,
	.enter = courses_enter, .draw = courses_draw, .key = courses_key, .leave = courses_leave,
	.resume = courses_resume, .reload = courses_reload,
};
static const struct screen_ops pick_ops = {
	.name = "course-pick", .acts = pick_acts,
	.enter = courses_enter, .draw = courses_draw, .key = courses_key, .leave = courses_leave,
	.resume = courses_resume, .reload = courses_reload,
};

struct screen *courses_new(int64_t enrol_resident)
{
	struct courses *cs = xcalloc(1, sizeof *cs);
	cs->s.ops = enrol_resident ? &pick_ops : &courses_ops;
	cs->resident = enrol_resident;
	return &cs->s;
}

/* Show course id selected when the list is on top again (after its form was saved). */
void courses_select(struct ui *ui, int64_t id)
{
	for (int i = 0; i < ui->depth; i++)
		if (ui->stack[i]->ops == &courses_ops || ui->stack[i]->ops == &courses_import_ops)
			((struct courses *)ui->stack[i])->want_id = id;
}
