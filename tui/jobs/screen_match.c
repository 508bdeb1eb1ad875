/* tui/jobs/screen_match.c: matching, both ways, one key from a posting or a resident (F11).
 *
 * For a posting: the residents looking for work who meet its requirements, best first, each with
 * why (the words of her intention that fit, the priority group on a public-welfare post, when she
 * registered). For a resident: the open postings she meets, those that fit her intention first.
 * Enter (or F4) refers the selected one: the referral's form asks for her consent first. Someone
 * already referred is marked, and Enter then opens that referral. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "screen_jobs.h"

struct match {
	struct screen s;
	struct ui *ui;
	int who;                /* 1: residents for a posting; 0: postings for a resident */
	int64_t id;             /* the posting, or the resident */
	struct list list;
	char *title, *info;
	int64_t want_id;
};

static const int match_acts[] = {
	ACT_NEW, ACT_EXPORT, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

/* Her referral to the posting, 0 when none; a failure to look is on the status line. */
static int64_t referred(struct ui *ui, struct match *m, int64_t other)
{
	int64_t id = 0;
	struct jy_err err = { 0 };
	int rc = m->who ? referral_find(ui->db, other, m->id, &id, &err)
	                : referral_find(ui->db, m->id, other, &id, &err);
	if (rc != JY_OK && rc != JY_ENOTFOUND)
		ui_err(ui, &err);
	return rc == JY_OK ? id : 0;
}

/* ---- residents for a posting ---------------------------------------------------------------- */

struct mcols {
	int name, sex, age, reg, mark, why;
};

static void mcols_for(int w, struct mcols *c)
{
	*c = (struct mcols){ 8, 4, 4, 10, 6, 0 };
	int extra = w - (8 + 4 + 4 + 10 + 6 + 5) - 40;      /* the reasons first */
	if (extra > 0)
		c->name += extra > 6 ? 6 : extra;
	c->why = w - (c->name + c->sex + c->age + c->reg + c->mark + 5);
}

static void residents_header(struct ui *ui, void *arg, int y, int x, int w)
{
	struct mcols c;
	(void)arg;
	mcols_for(w - 1, &c);
	ui_fill(ui, y, x, w, ST_HEADER);
	x += 1;
	x = ui_col(ui, y, x, c.name, "姓名", ST_HEADER);
	x = ui_col(ui, y, x, c.sex, "性别", ST_HEADER);
	x = ui_col(ui, y, x, c.age, "年龄", ST_HEADER);
	x = ui_col(ui, y, x, c.reg, "登记日期", ST_HEADER);
	x = ui_col(ui, y, x, c.mark, "推荐", ST_HEADER);
	ui_col(ui, y, x, c.why, "匹配说明", ST_HEADER);
}

static void residents_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	struct match *m = arg;
	const struct match_row *r = row;
	struct mcols c;
	char age[12];
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	mcols_for(w - 1, &c);
	snprintf(age, sizeof age, "%d", r->age);
	ui_put(ui, y, x, 1, sel ? ">" : " ", hs);
	x += 1;
	x = ui_col(ui, y, x, c.name, r->name, hs);
	x = ui_col(ui, y, x, c.sex, ui_code_label(ui, "sex", r->sex), ST_NORMAL);
	x = ui_col(ui, y, x, c.age, age, ST_NORMAL);
	x = ui_col(ui, y, x, c.reg, r->reg_date, ST_NORMAL);
	x = ui_col(ui, y, x, c.mark, referred(ui, m, r->id) ? "已推荐" : "", ST_OK);
	ui_col(ui, y, x, c.why, r->why, r->priority ? ST_MARK : ST_NORMAL);
}

static int residents_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows, int *n,
                           int *more, char next[128], struct jy_err *err)
{
	struct match *m = arg;
	int offset = cursor && *cursor ? atoi(cursor) : 0;
	struct match_row *r = NULL;
	(void)query;
	int rc = match_residents(m->ui->db, m->id, m->ui->today, offset, limit, &r, n, more, err);
	if (rc)
		return rc;
	*rows = r;
	snprintf(next, 128, "%d", offset + *n);
	return JY_OK;
}

static int64_t row_id(const void *row)
{
	return *(const int64_t *)row;
}

/* ---- postings for a resident -------------------------------------------------------------------- */

struct qcols {
	int posting, emp, left, mark, why;
};

static void qcols_for(int w, struct qcols *c)
{
	*c = (struct qcols){ 20, 12, 4, 6, 0 };
	int extra = w - (20 + 12 + 4 + 6 + 4) - 30;
	if (extra > 0) {
		int add = extra > 14 ? 14 : extra;
		c->posting += add, extra -= add;
		c->emp += extra > 14 ? 14 : extra;
	}
	c->why = w - (c->posting + c->emp + c->left + c->mark + 4);
}

static void postings_header(struct ui *ui, void *arg, int y, int x, int w)
{
	struct qcols c;
	(void)arg;
	qcols_for(w - 1, &c);
	ui_fill(ui, y, x, w, ST_HEADER);
	x += 1;
	x = ui_col(ui, y, x, c.posting, "岗位", ST_HEADER);
	x = ui_col(ui, y, x, c.emp, "用人单位", ST_HEADER);
	x = ui_col(ui, y, x, c.left, "空缺", ST_HEADER);
	x = ui_col(ui, y, x, c.mark, "推荐", ST_HEADER);
	ui_col(ui, y, x, c.why, "匹配说明", ST_HEADER);
}

static void postings_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	struct match *m = arg;
	const struct match_posting *r = row;
	struct qcols c;
	char left[12];
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	qcols_for(w - 1, &c);
	snprintf(left, sizeof left, "%d", r->left);
	char *posting = xasprintf("%s %s", r->code, r->title);
	ui_put(ui, y, x, 1, sel ? ">" : " ", hs);
	x += 1;
	x = ui_col(ui, y, x, c.posting, posting, hs);
	x = ui_col(ui, y, x, c.emp, r->employer, ST_NORMAL);
	x = ui_col(ui, y, x, c.left, left, ST_NORMAL);
	x = ui_col(ui, y, x, c.mark, referred(ui, m, r->id) ? "已推荐" : "", ST_OK);
	ui_col(ui, y, x, c.why, r->why, r->public_welfare ? ST_MARK : ST_NORMAL);
	free(posting);
}

static int postings_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows, int *n,
                          int *more, char next[128], struct jy_err *err)
{
	struct match *m = arg;
	struct match_posting *r = NULL;
	(void)query;
	(void)limit;
	*more = 0;
	next[0] = '\0';
	if (cursor && *cursor) {        /* every open posting came on the first page */
		*rows = NULL;
		*n = 0;
		return JY_OK;
	}
	int rc = match_postings(m->ui->db, m->id, m->ui->today, &r, n, err);
	if (rc)
		return rc;
	*rows = r;
	return JY_OK;
}

/* ---- the screen ----------------------------------------------------------------------------------- */

static void requirements_line(struct ui *ui, struct match *m)
{
	struct jobrec *p = NULL;
	struct jy_err err = { 0 };
	if (jobrec_load(ui->db, JR_POSTING, m->id, &p, &err) != JY_OK) {
		ui_err(ui, &err);
		return;
	}
	m->title = xasprintf("%s > %s %s > %s", _("Job information"), p->code, jobrec_get(p, PST_TITLE), _("Who fits"));
	struct jy_buf b = { 0 };
	buf_adds(&b, _("Requirements: "));
	buf_adds(&b, p->v[PST_SEX] ? ui_code_label(ui, "sex", p->v[PST_SEX]) : "男女不限");
	if (p->v[PST_AGE_MIN] || p->v[PST_AGE_MAX])
		buf_addf(&b, ", %s-%s岁", p->v[PST_AGE_MIN] ? p->v[PST_AGE_MIN] : "", p->v[PST_AGE_MAX] ? p->v[PST_AGE_MAX] : "");
	if (p->v[PST_EDUCATION])
		buf_addf(&b, ", %s以上", ui_code_label(ui, "education", p->v[PST_EDUCATION]));
	if (strcmp(jobrec_get(p, PST_PW), "1") == 0)
		buf_adds(&b, _("; public-welfare post: 4050, 低保, 残疾, 就业困难, 零就业家庭 first (R5)"));
	buf_addf(&b, _("; %d of %s posts left"), atoi(jobrec_get(p, PST_OPENINGS)) - atoi(jobrec_get(p, PST_FILLED)),
	         jobrec_get(p, PST_OPENINGS));
	m->info = buf_steal(&b);
	jobrec_free(&p);
}

/* F7: the list to a file (list_export), best fit first as shown, each with why it fits; the
 * phone masked as in every list */
static const struct sheet_col match_residents_cols[] = {
	{ "姓名", SC_TEXT, 0 }, { "性别", SC_TEXT, 0 }, { "年龄", SC_INT, 0 }, { "联系电话", SC_CODE, 0 },
	{ "就业状态", SC_TEXT, 0 }, { "登记日期", SC_DATE, 0 }, { "匹配度", SC_INT, 0 }, { "说明", SC_TEXT, 0 },
};
static const struct sheet_col match_postings_cols[] = {
	{ "岗位编号", SC_TEXT, 0 }, { "岗位名称", SC_TEXT, 0 }, { "用人单位", SC_TEXT, 0 },
	{ "截止日期", SC_DATE, 0 }, { "空缺人数", SC_INT, 0 }, { "公益性岗位", SC_TEXT, 0 },
	{ "匹配度", SC_INT, 0 }, { "说明", SC_TEXT, 0 },
};

static void match_file_cells(struct ui *ui, void *arg, const void *row, char **cells)
{
	const struct match *m = arg;
	if (m->who) {
		const struct match_row *r = row;
		char ph[24];
		mask_phone(r->phone, ph, sizeof ph);
		const char *v[] = { r->name, ui_code_label(ui, "sex", r->sex), NULL, ph,
		                    ui_code_label(ui, "emp_status", r->status), r->reg_date, NULL, r->why };
		for (size_t c = 0; c < ARRAY_LEN(v); c++)
			cells[c] = v[c] ? xstrdup(v[c]) : NULL;
		cells[2] = r->age >= 0 ? xasprintf("%d", r->age) : NULL;
		cells[6] = xasprintf("%d", r->fit);
	} else {
		const struct match_posting *r = row;
		const char *v[] = { r->code, r->title, r->employer, r->closes, NULL,
		                    r->public_welfare ? "是" : "否", NULL, r->why };
		for (size_t c = 0; c < ARRAY_LEN(v); c++)
			cells[c] = v[c] ? xstrdup(v[c]) : NULL;
		cells[4] = xasprintf("%d", r->left);
		cells[6] = xasprintf("%d", r->fit);
	}
}

static const struct list_export match_residents_file = {
	"匹配人员", match_residents_cols, (int)ARRAY_LEN(match_residents_cols), match_file_cells, NULL,
};
static const struct list_export match_postings_file = {
	"匹配岗位", match_postings_cols, (int)ARRAY_LEN(match_postings_cols), match_file_cells, NULL,
};

static void match_enter(struct ui *ui, struct screen *s)
{
	struct match *m = (struct match *)s;
	struct list_src src = {
		.fetch = m->who ? residents_fetch : postings_fetch,
		.draw_row = m->who ? residents_row : postings_row,
		.draw_header = m->who ? residents_header : postings_header,
		.row_id = row_id,
		.row_size = m->who ? sizeof(struct match_row) : sizeof(struct match_posting), .arg = m,
	};
	m->ui = ui;
	if (m->who) {
		requirements_line(ui, m);
	} else {
		struct resident *r = NULL;
		struct jy_err err = { 0 };
		char *intent = NULL;
		if (resident_load(ui->db, m->id, &r, &err) == JY_OK &&
		    resident_display(ui->db, r, RF_INTENT, &intent, &err) == JY_OK) {
			m->title = xasprintf("%s > %s > %s", _("Residents"), resident_get(r, RF_NAME), _("Postings that fit her"));
			m->info = xasprintf(_("Job intention: %s; open postings whose requirements she meets, those that fit "
			                      "her intention first"), *intent ? intent : "-");
		} else {
			ui_err(ui, &err);
		}
		free(intent);
		resident_free(&r);
	}
	list_init(&m->list, &src);
	list_query(&m->list, "");
}

static void match_draw(struct ui *ui, struct screen *s)
{
	struct match *m = (struct match *)s;
	ui_title(ui, m->title ? m->title : _("Match"));
	ui_put(ui, 1, 1, ui->cols - 2, m->info ? m->info : "", ST_HINT);
	list_draw(ui, &m->list, 2, 0, ui->lines - 4, ui->cols);
	if (list_count_known(&m->list, NULL) == 0 && !m->list.err[0])
		ui_put(ui, 4, 2, ui->cols - 4, m->who ? _("Nobody registered and looking for work meets these requirements.")
		                                      : _("No open posting takes her: sex, age or education do not fit."), ST_HINT);
}

static int match_refer(struct ui *ui, struct match *m)
{
	const void *row = list_selected(&m->list);
	if (!row)
		return SK_HANDLED;
	int64_t other = row_id(row), ref = referred(ui, m, other);
	m->want_id = other;
	if (ref)
		ui_push(ui, referral_page_new(ref));
	else
		ui_push(ui, m->who ? refer_new(other, m->id) : refer_new(m->id, other));
	return SK_HANDLED;
}

static int match_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct match *m = (struct match *)s;
	switch (ev->act) {
	case ACT_OPEN:
	case ACT_NEW:
		return match_refer(ui, m);
	case ACT_EXPORT:
		list_export(ui, &m->list, m->who ? &match_residents_file : &match_postings_file);
		return SK_HANDLED;
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	default:
		return list_key(ui, &m->list, ev);
	}
}

static void match_resume(struct ui *ui, struct screen *s)
{
	struct match *m = (struct match *)s;
	(void)ui;
	list_reload(&m->list);
	if (m->want_id && m->list.sel_id != m->want_id)
		list_select_id(&m->list, m->want_id);
	m->want_id = 0;
}

static void match_leave(struct ui *ui, struct screen *s)
{
	struct match *m = (struct match *)s;
	(void)ui;
	list_free(&m->list);
	free(m->title);
	free(m->info);
	free(m);
}

static const struct screen_ops match_ops = {
	.name = "match", .acts = match_acts,
	.enter = match_enter, .draw = match_draw, .key = match_key, .leave = match_leave,
	.resume = match_resume, .reload = match_resume,
};

static struct screen *match_new(int who, int64_t id)
{
	struct match *m = xcalloc(1, sizeof *m);
	m->s.ops = &match_ops;
	m->who = who;
	m->id = id;
	return &m->s;
}

struct screen *match_residents_new(int64_t posting_id)
{
	return match_new(1, posting_id);
}

struct screen *match_postings_new(int64_t resident_id)
{
	return match_new(0, resident_id);
}
