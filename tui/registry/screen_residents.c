/* tui/registry/screen_residents.c: the resident list. A page at a time from search_residents; typing searches
 * as you type (pinyin initials, characters, last digits of an ID number or phone) on the line above
 * the F-keys. The ID number is masked here (320102********123X): the list is what a visitor at the
 * desk may see over the worker's shoulder. Closed records (注销) are left out; Ctrl-V shows them too,
 * marked 已注销 in the status column. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

struct residents {
	struct screen s;
	struct screen_ops ops;  /* residents_ops, with F9 for a worker who may import */
	struct ui *ui;
	struct list list;
	struct qsearch qs;      /* the search line */
	int64_t want_id;        /* select this record when back on top */
	int with_closed;        /* closed records listed too (Ctrl-V) */
};

static const int residents_acts[] = {
	ACT_SEARCH, ACT_NEW, ACT_EXPORT, ACT_FILTER, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP,
	ACT_PGDN, ACT_HOME, ACT_END, 0
};
static const int residents_acts_import[] = {
	ACT_SEARCH, ACT_NEW, ACT_EXPORT, ACT_IMPORT, ACT_FILTER, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV,
	ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

/* After an import the list starts at its first row, where the newest records are: the ones
 * just imported. */
static void residents_imported(struct ui *ui, struct screen *s)
{
	struct residents *rs = (struct residents *)s;
	(void)ui;
	list_query(&rs->list, le_text(&rs->qs.q));
}

/* F9: the file of residents jiuye import residents reads */
static const struct import_kind residents_import = {
	N_("Import residents from a file"), "residents", import_residents, 1, residents_imported,
};

static const struct screen_ops residents_ops;

/* ---- columns -------------------------------------------------------------------------------------
 * At 80 columns: 8 name, 4 sex, 4 age, 18 ID, 8 categories, 10 status, 8 community, 10 date, plus
 * a space before each. Status is as wide as its longest label (公益性岗位): a cut status says
 * nothing. Wider terminals give the community the width of the office's longest name, then the
 * names and the categories the rest. */
struct cols {
	int name, sex, age, id, cat, status, comm, date;
};

static void cols_for(struct ui *ui, int w, struct cols *c)
{
	*c = (struct cols){ 8, 4, 4, 18, 8, 10, 8, 10 };
	int extra = w - (8 + 4 + 4 + 18 + 8 + 10 + 8 + 10 + 8);
	int add, comm = ui_widest_label(ui, "@units", 8) - c->comm;
	add = extra > comm ? comm : extra > 0 ? extra : 0;      /* 幸福里社区 whole */
	c->comm += add, extra -= add;
	add = extra > 6 ? 6 : extra > 0 ? extra : 0;            /* names up to 7 characters */
	c->name += add, extra -= add;
	add = extra > 18 ? 18 : extra > 0 ? extra : 0;
	c->cat += add, extra -= add;
	if (extra > 0)
		c->cat += extra;
}

static void residents_header(struct ui *ui, void *arg, int y, int x, int w)
{
	struct cols c;
	(void)arg;
	cols_for(ui, w, &c);
	ui_fill(ui, y, x, w, ST_HEADER);
	x += 1;
	x = ui_col(ui, y, x, c.name, "姓名", ST_HEADER);
	x = ui_col(ui, y, x, c.sex, "性别", ST_HEADER);
	x = ui_col(ui, y, x, c.age, "年龄", ST_HEADER);
	x = ui_col(ui, y, x, c.id, "身份证号", ST_HEADER);
	x = ui_col(ui, y, x, c.cat, "人员类别", ST_HEADER);
	x = ui_col(ui, y, x, c.status, "就业状态", ST_HEADER);
	x = ui_col(ui, y, x, c.comm, "社区", ST_HEADER);
	ui_col(ui, y, x, c.date, "登记日期", ST_HEADER);
}

/* Category codes as short labels: 4050 stays 4050 (its label says 4050人员 at more length). */
static char *categories_text(struct ui *ui, const char *codes)
{
	struct jy_buf b = { 0 };
	buf_adds(&b, "");
	/* 4050 first: short, and what a worker looks for most in this column. */
	for (const char *s = codes; *s;) {
		size_t k = strcspn(s, ",");
		if (k == 4 && strncmp(s, "4050", 4) == 0)
			buf_adds(&b, "4050");
		s += k + (s[k] == ',');
	}
	for (const char *s = codes; *s;) {
		size_t k = strcspn(s, ",");
		char *code = xstrndup(s, k);
		if (strcmp(code, "4050") == 0) {
			free(code);
			s += k + (s[k] == ',');
			continue;
		}
		const char *l = ui_code_label(ui, "category", code);
		if (l == code || strcmp(l, code) == 0)
			l = ui_code_label(ui, "rule", code);
		buf_addf(&b, "%s%s", b.len ? "," : "", l);
		free(code);
		s += k + (s[k] == ',');
	}
	return buf_steal(&b);
}

/* The selected row is reverse video from the name to the ID number: enough to see at a glance, and
 * moving one row rewrites only that much of two rows on a slow link (≤ 200 bytes). */
static void residents_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	const struct search_row *r = row;
	struct cols c;
	char id[19], age[12];
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	char comm[64];
	(void)arg;
	cols_for(ui, w, &c);
	ui_mask_id(r->id_no, id);
	int a = ui_age(ui, r->birth);
	if (a >= 0)
		snprintf(age, sizeof age, "%d", a);
	else
		age[0] = '\0';
	ui_put(ui, y, x, 1, sel ? ">" : " ", hs);
	x += 1;
	x = ui_col(ui, y, x, c.name, r->name, hs);
	if (sel)
		ui_put(ui, y, x - 1, 1, " ", hs);
	x = ui_col(ui, y, x, c.sex, ui_code_label(ui, "sex", r->sex), hs);
	if (sel)
		ui_put(ui, y, x - 1, 1, " ", hs);
	x = ui_col(ui, y, x, c.age, age, hs);
	if (sel)
		ui_put(ui, y, x - 1, 1, " ", hs);
	x = ui_col(ui, y, x, c.id, id, hs);
	char *cat = categories_text(ui, r->categories);
	x = ui_col(ui, y, x, c.cat, cat, ST_NORMAL);
	free(cat);
	x = ui_col(ui, y, x, c.status, r->closed ? "已注销" : ui_code_label(ui, "emp_status", r->status),
	            r->closed ? ST_HINT : ST_NORMAL);
	x = ui_col(ui, y, x, c.comm, ui_unit_short(r->community, c.comm, comm, sizeof comm), ST_NORMAL);
	ui_col(ui, y, x, c.date, r->reg_date, ST_NORMAL);
}

static int residents_search(struct ui *ui, const char *query, const char *cursor, int limit,
                            int with_closed, void **rows, int *n, int *more, char next[128],
                            struct jy_err *err)
{
	struct search_page pg;
	int rc = search_residents(ui->db, query, cursor, limit, with_closed, &pg, err);
	if (rc != JY_OK)
		return rc;
	*rows = pg.rows;
	*n = pg.n;
	*more = pg.more;
	memcpy(next, pg.next, 128);
	return JY_OK;
}

int residents_page(struct ui *ui, const char *query, const char *cursor, int limit, void **rows, int *n,
                   int *more, char next[128], struct jy_err *err)
{
	return residents_search(ui, query, cursor, limit, 0, rows, n, more, next, err);
}

static int residents_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows,
                           int *n, int *more, char next[128], struct jy_err *err)
{
	struct residents *rs = arg;
	return residents_search(rs->ui, query, cursor, limit, rs->with_closed, rows, n, more, next, err);
}

static int64_t residents_row_id(const void *row)
{
	return ((const struct search_row *)row)->id;
}

/* ---- F7: the list to a file (list_export): the columns shown, the birth date and phone beside ---- */
static const struct sheet_col residents_file_cols[] = {
	{ "姓名", SC_TEXT, 0 }, { "性别", SC_TEXT, 0 }, { "年龄", SC_INT, 0 }, { "出生日期", SC_DATE, 0 },
	{ "身份证号", SC_CODE, 0 }, { "联系电话", SC_CODE, 0 }, { "人员类别", SC_TEXT, 0 },
	{ "就业状态", SC_TEXT, 0 }, { "社区", SC_TEXT, 0 }, { "登记日期", SC_DATE, 0 },
};

static void residents_file_cells(struct ui *ui, void *arg, const void *row, char **cells)
{
	const struct search_row *r = row;
	struct jy_buf cat = { 0 };
	(void)arg;
	for (const char *s = r->categories; *s;) {
		size_t k = strcspn(s, ",");
		char *code = xstrndup(s, k);
		buf_addf(&cat, "%s%s", cat.len ? "、" : "", ui_code_label(ui, "category", code));
		free(code);
		s += k + (s[k] == ',');
	}
	int age = ui_age(ui, r->birth);
	const char *v[] = { r->name, ui_code_label(ui, "sex", r->sex), NULL, r->birth, r->id_no, r->phone,
	                    cat.s, ui_code_label(ui, "emp_status", r->status), r->community, r->reg_date };
	for (size_t c = 0; c < ARRAY_LEN(v); c++)
		cells[c] = xstrdup(v[c]);
	cells[2] = age >= 0 ? xasprintf("%d", age) : NULL;
	buf_free(&cat);
}

static const struct list_export residents_file = {
	"居民名单", residents_file_cols, (int)ARRAY_LEN(residents_file_cols), residents_file_cells,
	template_residents,
};

/* ---- the screen --------------------------------------------------------------------------------- */

static void residents_enter(struct ui *ui, struct screen *s)
{
	struct residents *rs = (struct residents *)s;
	struct list_src src = {
		.fetch = residents_fetch, .draw_row = residents_row, .draw_header = residents_header,
		.row_id = residents_row_id, .row_size = sizeof(struct search_row), .arg = rs,
	};
	rs->ui = ui;
	rs->ops.acts = access_may(ui->db, OP_IMPORT) ? residents_acts_import : residents_acts;
	list_init(&rs->list, &src);
	qsearch_init(&rs->qs, &rs->list);
	list_query(&rs->list, "");
}

static void residents_draw(struct ui *ui, struct screen *s)
{
	struct residents *rs = (struct residents *)s;

	ui_title(ui, rs->with_closed ? _("Residents, closed records too (Ctrl-V: open only)")
	                             : _("Residents"));
	list_draw(ui, &rs->list, 1, 0, ui->lines - 3, ui->cols);
	int exact;
	long known = list_count_known(&rs->list, &exact);
	if (known == 0 && !rs->list.err[0]) {
		if (rs->qs.q.len)
			ui_put(ui, 3, 2, ui->cols - 4, _("Nobody matches. Backspace changes the search, Esc clears it."), ST_HINT);
		else
			ui_put(ui, 3, 2, ui->cols - 4, _("No residents registered yet. F4 registers one."), ST_HINT);
	}
	/* The search line: the status line, taken over while searching. */
	qsearch_draw(ui, &rs->qs);
}

static int residents_open(struct ui *ui, struct residents *rs)
{
	const struct search_row *r = list_selected(&rs->list);
	if (!r)
		return SK_HANDLED;
	rs->qs.searching = 0;
	ui_push(ui, rdetail_new(r->id));
	return SK_HANDLED;
}

static int residents_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct residents *rs = (struct residents *)s;
	int r = qsearch_key(&rs->qs, ev);
	if (r)
		return r;
	switch (ev->act) {
	case ACT_NEW:
		rs->qs.searching = 0;
		ui_push(ui, rform_new(ui, 0, NULL));
		return SK_HANDLED;
	case ACT_OPEN:
		return residents_open(ui, rs);
	case ACT_EXPORT:
		rs->qs.searching = 0;   /* the status line says where the file went */
		list_export(ui, &rs->list, &residents_file);
		return SK_HANDLED;
	case ACT_IMPORT:
		rs->qs.searching = 0;
		import_ask(ui, &residents_import);
		return SK_HANDLED;
	case ACT_FILTER:
		rs->with_closed = !rs->with_closed;
		list_reload(&rs->list);
		ui_msg(ui, ST_OK, "%s", rs->with_closed ? _("Closed records (已注销) are listed too")
		                                         : _("Open records only"));
		return SK_HANDLED;
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	default:
		return list_key(ui, &rs->list, ev);
	}
}

static void residents_resume(struct ui *ui, struct screen *s)
{
	struct residents *rs = (struct residents *)s;
	(void)ui;
	/* A record just saved or viewed: show it selected (where it was, when it is still there). */
	qsearch_resume(&rs->qs, rs->want_id);
	rs->want_id = 0;
}

static void residents_refresh(struct ui *ui, struct screen *s)
{
	struct residents *rs = (struct residents *)s;
	(void)ui;
	list_reload(&rs->list);
}

static void residents_leave(struct ui *ui, struct screen *s)
{
	struct residents *rs = (struct residents *)s;
	(void)ui;
	list_free(&rs->list);
	qsearch_free(&rs->qs);
	free(rs);
}

static const struct screen_ops residents_ops = {
	.name = "residents", .acts = residents_acts,
	.enter = residents_enter, .draw = residents_draw, .key = residents_key,
	.leave = residents_leave, .resume = residents_resume, .reload = residents_refresh,
};

struct screen *residents_new(void)
{
	struct residents *rs = xcalloc(1, sizeof *rs);
	rs->ops = residents_ops;
	rs->s.ops = &rs->ops;
	return &rs->s;
}

void residents_select(struct ui *ui, int64_t id)
{
	for (int i = 0; i < ui->depth; i++)
		if (ui->stack[i]->ops->key == residents_key)
			((struct residents *)ui->stack[i])->want_id = id;
}
