/* tui/widget/list.c: a list that asks core for one page at a time (keyset pagination with core's cursor)
 * and keeps only the pages around what is on screen, so a registry of a million people costs the
 * same as one of a hundred. What is remembered of every page seen: its cursor and how many rows it
 * had (a few hundred bytes), so the way back up is one query per page. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curses.h>

#include "tui.h"

void list_init(struct list *l, const struct list_src *src)
{
	memset(l, 0, sizeof *l);
	l->src = *src;
	l->query = xstrdup("");
}

static void list_drop_pages(struct list *l)
{
	for (int p = 0; p < l->npages; p++)
		free(l->pages[p].rows);
	FREE(&l->pages);
	l->npages = 0;
	l->end = 0;
	l->err[0] = '\0';
}

void list_free(struct list *l)
{
	list_drop_pages(l);
	FREE(&l->query);
}

static long page_first(const struct list *l, int p)
{
	long first = 0;
	for (int q = 0; q < p; q++)
		first += l->pages[q].n;
	return first;
}

/* Fetch page p again from its cursor (its rows were dropped, or the data changed). */
static int page_fetch(struct list *l, int p)
{
	struct list_page *pg = &l->pages[p];
	struct jy_err err = { 0 };
	void *rows = NULL;
	int n = 0, more = 0;
	char next[128] = "";
	if (l->src.fetch(l->src.arg, l->query, p ? pg->start : NULL, LIST_PAGE, &rows, &n, &more, next,
	                 &err) != JY_OK) {
		snprintf(l->err, sizeof l->err, "%s", err.msg);
		free(rows);
		return -1;
	}
	free(pg->rows);
	pg->rows = rows;
	pg->n = n;
	pg->more = more;
	memcpy(pg->next, next, sizeof pg->next);
	if (p == l->npages - 1 && !more)
		l->end = 1;
	return 0;
}

/* Make page p known (fetching the ones before it that were never seen). */
static int page_known(struct list *l, int p)
{
	while (l->npages <= p) {
		if (l->npages > 0 && (!l->pages[l->npages - 1].more || l->end))
			return 0;
		l->pages = xrealloc(l->pages, sizeof *l->pages * (size_t)(l->npages + 1));
		struct list_page *pg = &l->pages[l->npages];
		memset(pg, 0, sizeof *pg);
		if (l->npages > 0)
			memcpy(pg->start, l->pages[l->npages - 1].next, sizeof pg->start);
		l->npages++;
		if (page_fetch(l, l->npages - 1) < 0) {
			l->npages--;
			return 0;
		}
	}
	return 1;
}

/* Row idx, fetching its page when needed; NULL past the end. */
static const void *list_row(struct list *l, long idx)
{
	if (idx < 0)
		return NULL;
	long first = 0;
	for (int p = 0;; p++) {
		if (!page_known(l, p))
			return NULL;
		struct list_page *pg = &l->pages[p];
		if (idx < first + pg->n) {
			if (!pg->rows && page_fetch(l, p) < 0)
				return NULL;
			if (idx - first >= pg->n)   /* the page shrank when fetched again */
				return NULL;
			return (const char *)pg->rows + (size_t)(idx - first) * l->src.row_size;
		}
		first += pg->n;
		if (!pg->more)
			return NULL;
	}
}

static void list_settle(struct list *l);

/* Keep the rows of the pages near what is shown; forget the others' rows. */
static void list_trim(struct list *l)
{
	long lo = l->top - LIST_PAGE, hi = l->top + l->rows_shown + LIST_PAGE;
	long first = 0;
	int kept = 0;
	for (int p = 0; p < l->npages; p++) {
		long last = first + l->pages[p].n;
		int near = last > lo && first < hi;
		if (l->pages[p].rows && (!near || kept >= LIST_WINDOW)) {
			FREE(&l->pages[p].rows);
		} else if (l->pages[p].rows) {
			kept++;
		}
		first = last;
	}
}

long list_count_known(struct list *l, int *exact)
{
	list_settle(l);
	if (exact)
		*exact = l->end;
	return page_first(l, l->npages);
}

static void list_fix_top(struct list *l)
{
	int rows = l->rows_shown > 0 ? l->rows_shown : 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + rows)
		l->top = l->sel - rows + 1;
	if (l->top < 0)
		l->top = 0;
}

static void list_clamp(struct list *l)
{
	if (l->sel < 0)
		l->sel = 0;
	while (l->sel > 0 && !list_row(l, l->sel)) {
		long known = page_first(l, l->npages);
		l->sel = l->sel >= known ? known - 1 : l->sel - 1;
	}
	const void *r = list_row(l, l->sel);
	l->sel_id = r ? l->src.row_id(r) : 0;
	list_fix_top(l);
}

/* A new search is not run here but when the list is next read or drawn: the keys of a burst (an
 * input method's commit, a paste, a fast typist on a slow link) each change the query, and only
 * the last one is searched, once. */
void list_query(struct list *l, const char *q)
{
	xstrset(&l->query, q ? q : "");
	list_drop_pages(l);
	l->sel = l->top = 0;
	l->sel_id = 0;
	l->stale = 1;
}

/* The search list_query asked for, run now: the first page, its first row selected. Every way in
 * to the rows starts here. */
static void list_settle(struct list *l)
{
	if (!l->stale)
		return;
	l->stale = 0;
	list_clamp(l);
}

/* Look for id among the rows from the start, up to a few pages. */
static long list_find(struct list *l, int64_t id, int max_pages)
{
	long idx = 0;
	for (int p = 0; p < max_pages && page_known(l, p); p++) {
		struct list_page *pg = &l->pages[p];
		if (!pg->rows && page_fetch(l, p) < 0)
			return -1;
		for (int i = 0; i < pg->n; i++, idx++)
			if (l->src.row_id((const char *)pg->rows + (size_t)i * l->src.row_size) == id)
				return idx;
		if (!pg->more)
			break;
	}
	return -1;
}

/* Same query again; the selected record stays selected and on the same screen row when it is
 * still there (the cursor row does not jump under the worker's eyes). */
void list_reload(struct list *l)
{
	l->stale = 0;   /* a search not run yet is run here, once */
	int64_t id = l->sel_id;
	long row = l->sel - l->top, old = l->sel;
	int pages = (int)(l->sel / LIST_PAGE) + 2;
	list_drop_pages(l);
	long at = id ? list_find(l, id, pages) : -1;
	l->sel = at >= 0 ? at : old;
	l->top = l->sel - row;
	list_clamp(l);
}

int list_select_id(struct list *l, int64_t id)
{
	l->stale = 0;   /* a search not run yet is run here, once */
	long row = l->sel - l->top;
	list_drop_pages(l);
	long at = list_find(l, id, 4);
	if (at < 0) {
		list_clamp(l);
		return 0;
	}
	l->sel = at;
	l->top = at - row;
	list_clamp(l);
	return 1;
}

const void *list_selected(struct list *l)
{
	list_settle(l);
	return list_row(l, l->sel);
}

int list_key(struct ui *ui, struct list *l, const struct ui_event *ev)
{
	int page = l->rows_shown > 1 ? l->rows_shown - 1 : 1;
	(void)ui;
	list_settle(l);
	switch (ev->act) {
	case ACT_NEXT:
		if (list_row(l, l->sel + 1))
			l->sel++;
		break;
	case ACT_PREV:
		if (l->sel > 0)
			l->sel--;
		break;
	case ACT_PGDN:
		/* the page moves and the cursor keeps its row */
		l->sel += page;
		l->top += page;
		break;
	case ACT_PGUP:
		l->sel -= page;
		l->top -= page;
		if (l->top < 0)
			l->top = 0;
		break;
	case ACT_HOME:
		l->sel = 0;
		break;
	case ACT_END: {
		/* the last row fetched so far; pressed again, one more page */
		long known = page_first(l, l->npages);
		if (l->sel >= known - 1 && !l->end)
			list_row(l, known);
		l->sel = page_first(l, l->npages) - 1;
		break;
	}
	default:
		return 0;
	}
	list_clamp(l);
	return SK_HANDLED;
}

void list_draw(struct ui *ui, struct list *l, int y, int x, int h, int w)
{
	if (l->src.draw_header) {
		l->src.draw_header(ui, l->src.arg, y, x, w);
		y++;
		h--;
	}
	/* the rows known first: a search run now keeps in view the rows a screen put above its
	 * selection (the sessions list selects the last one with the earlier ones over it) */
	l->rows_shown = h;
	list_settle(l);
	list_fix_top(l);
	for (int r = 0; r < h; r++) {
		const void *row = list_row(l, l->top + r);
		if (!row)
			break;
		l->src.draw_row(ui, l->src.arg, row, y + r, x, w, l->top + r == l->sel);
	}
	if (l->err[0])
		ui_put(ui, y, x, w, l->err, ST_ERROR);
	list_trim(l);
}

/* A list read whole (tens of rows) is paged by row number: the cursor is the first row as text. */
int list_fetch_array(const void *all, int total, size_t size, const char *cursor, int limit, void **rows,
                     int *n, int *more, char next[128])
{
	int from = cursor && *cursor ? atoi(cursor) : 0;
	int k = total - from < limit ? total - from : limit;
	if (k < 0)
		k = 0;
	*rows = xmalloc(size * (size_t)(k ? k : 1));
	if (k)
		memcpy(*rows, (const char *)all + size * (size_t)from, size * (size_t)k);
	*n = k;
	*more = from + k < total;
	snprintf(next, 128, "%d", from + k);
	return JY_OK;
}

/* ---- F7: the list to a file ---------------------------------------------------------------------
 * Every row of the list as it is searched on screen, not only the pages loaded: the list's own
 * fetch is asked again from the first page to the last, so what the file holds is what scrolling to
 * the end would show, and a million rows cost one page of memory (sheet.c streams them). The file
 * name is asked in a box over the list; the default is the list's name and today's date in the
 * folder of the printouts and reports (print_path: $JIUYE_PRINT_DIR, else ~/jiuye-print; the export
 * folder under --restricted), shown with ~ for the home folder, so that every file jiuye writes is
 * found in one place. The extension picks the format (sheet_format_of_path): .xlsx a workbook, .csv
 * CSV in UTF-8 with a BOM (.gbk.csv GBK, for systems that read only GBK), any other name CSV, or
 * a workbook for a list of people. A file already there is replaced only
 * on a second Enter.
 *
 * A list of people (one with a 姓名 column) leaves the office only with its purpose:
 * asked on a second line of the same box, refused when empty, it heads the file in
 * core's 内部资料 line (the rows are masked as the list shows them: [已脱敏]), and it needs the
 * export right (统计 has none). Every file F7 writes is 0600 (sheet.c) and is recorded in the audit
 * trail with its rows, the SHA-256 of the file as written and the purpose; a file the trail could
 * not record is removed (G6: fail closed).
 *
 * Ctrl-P in the box also sends the file, once written, to the worker's PC by ZMODEM (the way a
 * worker behind the server's forced command takes an export home; on by default when she prints
 * that way): the status line then says whether it went.
 *
 * A list whose records an import takes (ex->template) has a last line in the box, 空白导入模板:
 * ticked (Space), Enter writes the import's empty workbook (sheet_template) instead of the list,
 * under the name typed (the default name becomes the template's). It holds nobody, so it needs
 * no purpose and no row in the trail. */
enum { ASK_FILE, ASK_PURPOSE, ASK_BLANK };
struct export_ask {
	struct screen s;
	struct list *l;
	const struct list_export *ex;
	struct field f;
	struct field purpose;   /* a list of people: what the file is for */
	int people;
	int on;                 /* the line with the cursor: ASK_* */
	int blank;              /* 空白导入模板 ticked: Enter writes the template */
	int send;               /* once written, the file goes to her PC by ZMODEM too */
	char *there;            /* this name is a file already: Enter again replaces it */
	char *dflt, *dflt_blank;        /* the default names, shown (with ~) */
};

/* A list of people: it names them (姓名). Employers, postings, courses, fairs and the audit trail
 * do not. */
static int export_is_people(const struct list_export *ex)
{
	for (int c = 0; c < ex->ncols; c++)
		if (ex->cols[c].label && strcmp(ex->cols[c].label, "姓名") == 0)
			return 1;
	return 0;
}

static const int export_acts[] = { ACT_OPEN, ACT_BACK, 0 };

/* The line of 空白导入模板, below the fields: the blank line before the box's hint. */
static int export_blank_row(const struct export_ask *a)
{
	return a->people ? 5 : 4;
}

static void export_draw(struct ui *ui, struct screen *s)
{
	struct export_ask *a = (struct export_ask *)s;
	int w = ui->cols - 2 < 78 ? ui->cols - 2 : 78, h = a->people ? 8 : 7;
	int y = (ui->lines - h) / 2, x = (ui->cols - w) / 2;
	/* a blank column each side: the box never splits a Chinese character of the list behind it */
	for (int i = 0; i < h; i++) {
		ui_put(ui, y + i, x - 1, 1, " ", ST_NORMAL);
		ui_put(ui, y + i, x + w, 1, " ", ST_NORMAL);
	}
	ui_box(ui, y, x, h, w, ST_DIALOG);
	char *t = xasprintf(" %s ", _("Write the list to a file"));
	ui_puts(ui, y, x + 2, w - 4, t, ST_DIALOG_TITLE);
	free(t);
	ui_put(ui, y + 1, x + 2, w - 4, a->send ? _("Also sent to your PC (ZMODEM); Ctrl-P: the file only")
	                                        : _("Ctrl-P: also send it to your PC (ZMODEM)"), ST_DIALOG);
	ui_put(ui, y + 2, x + 2, w - 4, _(".xlsx: a workbook; .csv: CSV (UTF-8); .gbk.csv: CSV in GBK"),
	       ST_DIALOG);
	int lw = ui_put(ui, y + 3, x + 2, 6, "文件", ST_DIALOG) + 1;
	if (a->people)
		ui_put(ui, y + 4, x + 2, 6, "用途", ST_DIALOG);
	int say = y + h - 2;
	if (a->ex->template) {
		char *line = xasprintf("%s %s", a->blank ? "[x]" : "[ ]", _("Blank import template: the "
		                       "header and drop-down lists, nobody in it"));
		int row = y + export_blank_row(a);
		ui_put(ui, row, x + 2, w - 4, line, a->on == ASK_BLANK ? ST_SELECTED : ST_DIALOG);
		free(line);
		if (a->on == ASK_BLANK) {
			ui->cur_y = row;
			ui->cur_x = x + 3;
		}
	}
	if (a->there && strcmp(a->there, le_text(&a->f.le)) == 0)
		ui_put(ui, say, x + 2, w - 4, _("A file of this name is there: Enter replaces it, or change the name"),
		       ST_WARN);
	else if (a->blank)
		ui_put(ui, say, x + 2, w - 4, _("Enter writes the empty import template, Esc goes back"),
		       ST_DIALOG);
	else if (a->people && text_is_blank(le_text(&a->purpose.le)))
		ui_put(ui, say, x + 2, w - 4, _("A list of people: say what the file is for, e.g. 上报区人社局"),
		       ST_DIALOG);
	else
		ui_put(ui, say, x + 2, w - 4, _("Enter writes it, Esc goes back"), ST_DIALOG);
	/* the line with the cursor drawn last: the cursor stays in it */
	if (a->people && a->on != ASK_PURPOSE)
		field_draw(ui, &a->purpose, y + 4, x + 2 + lw, w - 4 - lw, 0);
	if (a->on != ASK_FILE)
		field_draw(ui, &a->f, y + 3, x + 2 + lw, w - 4 - lw, 0);
	if (a->on == ASK_FILE)
		field_draw(ui, &a->f, y + 3, x + 2 + lw, w - 4 - lw, 1);
	if (a->people && a->on == ASK_PURPOSE)
		field_draw(ui, &a->purpose, y + 4, x + 2 + lw, w - 4 - lw, 1);
	if (a->on == ASK_BLANK) {       /* the field drew its cursor: the tick box has it */
		ui->cur_y = y + export_blank_row(a);
		ui->cur_x = x + 3;
	}
}

/* Every row, page after page from the first, through the list's fetch. */
static int export_rows(struct ui *ui, struct list *l, const struct list_export *ex, struct sheet *sh,
                       struct jy_err *err)
{
	char cursor[128] = "";
	char **cells = xcalloc((size_t)ex->ncols, sizeof *cells);
	int rc = JY_OK;
	for (int first = 1; rc == JY_OK; first = 0) {
		void *rows = NULL;
		int n = 0, more = 0;
		char next[128] = "";
		rc = l->src.fetch(l->src.arg, l->query, first ? NULL : cursor, LIST_PAGE * 4, &rows, &n, &more,
		                  next, err);
		for (int i = 0; rc == JY_OK && i < n; i++) {
			ex->cells(ui, l->src.arg, (const char *)rows + (size_t)i * l->src.row_size, cells);
			rc = sheet_row(sh, (const char *const *)cells, err);
			for (int c = 0; c < ex->ncols; c++)
				FREE(&cells[c]);
		}
		free(rows);
		if (!more || n == 0)
			break;
		memcpy(cursor, next, sizeof cursor);
	}
	free(cells);
	return rc;
}

/* 空白导入模板: the import's empty workbook under the name typed. */
static int export_write_blank(struct ui *ui, struct export_ask *a)
{
	char *path = path_home_expand(le_text(&a->f.le));
	struct jy_err err = { 0 };
	int rc = a->ex->template(ui->db, path, &err);
	ui->msg_keep = 1;
	if (rc != JY_OK) {
		ui_err(ui, &err);
	} else {
		char *shown = path_home_shown(path);
		ui_msg(ui, ST_OK, _("Wrote the empty import template to %s"), shown);
		free(shown);
		if (a->send)
			ui_zmodem_send(ui, path);
	}
	free(path);
	return rc == JY_OK;
}

static int export_write(struct ui *ui, struct export_ask *a)
{
	if (a->blank)
		return export_write_blank(ui, a);
	char *path = path_home_expand(le_text(&a->f.le));
	const char *purpose = a->people ? le_text(&a->purpose.le) : NULL;
	struct jy_err err = { 0 }, aerr = { 0 };
	struct sheet *sh = NULL;
	ui_msg(ui, ST_HINT, "%s", _("Writing the file..."));
	ui_status(ui);
	wnoutrefresh(stdscr);
	doupdate();
	int rc = sheet_open(path, sheet_format_of_path(path, a->people), &sh, &err);
	if (rc == JY_OK && a->people) {
		/* the rows are the list's, masked as it shows them */
		char *notice = export_notice(ui->db, purpose, 1);
		rc = sheet_note(sh, notice, &err);
		free(notice);
	}
	if (rc == JY_OK)
		rc = sheet_table(sh, a->ex->name, a->ex->cols, a->ex->ncols, &err);
	if (rc == JY_OK)
		rc = export_rows(ui, a->l, a->ex, sh, &err);
	long n = sheet_rows(sh);
	int rc2 = sh ? sheet_close(&sh, rc == JY_OK, rc == JY_OK ? &err : NULL) : JY_OK;
	rc = rc ? rc : rc2;
	int arc = export_record(ui->db, a->ex->name, path, (int)n, purpose, a->people, rc, &aerr);
	if (rc == JY_OK && arc != JY_OK) {
		unlink(path);
		rc = arc;
		err = aerr;
	}
	ui->msg_keep = 1;
	if (rc != JY_OK) {
		ui_err(ui, &err);
	} else {
		char *shown = path_home_shown(path);
		if (err.warn)
			ui_msg(ui, ST_WARN, _("Exported %ld rows to %s; %s"), n, shown, err.msg);
		else
			ui_msg(ui, ST_OK, _("Exported %ld rows to %s"), n, shown);
		free(shown);
		if (a->send)
			ui_zmodem_send(ui, path);       /* its status line: sent, or why not */
	}
	free(path);
	return rc == JY_OK;
}

static int export_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct export_ask *a = (struct export_ask *)s;
	if (ev->key == K_CTRL('p')) {   /* not 'p': that is a letter of the file's name */
		a->send = !a->send;
		return SK_HANDLED;
	}
	switch (ev->act) {
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	case ACT_NEXT:
	case ACT_PREV: {
		/* the lines the box has, in order: the file, the purpose, the template's tick */
		int lines[3], n = 0, at = 0;
		lines[n++] = ASK_FILE;
		if (a->people)
			lines[n++] = ASK_PURPOSE;
		if (a->ex->template)
			lines[n++] = ASK_BLANK;
		for (int i = 0; i < n; i++)
			if (lines[i] == a->on)
				at = i;
		a->on = lines[(at + (ev->act == ACT_NEXT ? 1 : n - 1)) % n];
		return SK_HANDLED;
	}
	case ACT_TOGGLE:
		if (a->on != ASK_BLANK)
			break;
		a->blank = !a->blank;
		/* the default name follows what is written; a name she typed stays */
		if (strcmp(le_text(&a->f.le), a->blank ? a->dflt : a->dflt_blank) == 0)
			le_set(&a->f.le, a->blank ? a->dflt_blank : a->dflt);
		return SK_HANDLED;
	case ACT_OPEN: {
		const char *typed = le_text(&a->f.le);
		if (text_is_blank(typed)) {
			a->on = ASK_FILE;
			ui_msg(ui, ST_ERROR, "%s", _("Type a file name, e.g. 居民名单.xlsx"));
			return SK_HANDLED;
		}
		if (a->people && !a->blank) {
			struct jy_err perr = { 0 };
			if (export_purpose_check(le_text(&a->purpose.le), &perr) != JY_OK) {
				a->on = ASK_PURPOSE;
				if (text_is_blank(le_text(&a->purpose.le)))
					ui_msg(ui, ST_ERROR, "%s", _("Type what the file is for, e.g. 上报区人社局: a list "
					                             "of people does not leave without it"));
				else
					ui_err(ui, &perr);
				return SK_HANDLED;
			}
		}
		char *path = path_home_expand(typed), why[512];
		int allowed = tui_path_allowed(path, why, sizeof why), there = access(path, F_OK) == 0;
		free(path);
		if (!allowed) {
			ui_msg(ui, ST_ERROR, "%s", why);
			return SK_HANDLED;
		}
		/* a file already there is replaced only on a second Enter, the name unchanged (asked in
		 * this box rather than in a dialog over it: nothing of the list behind is covered twice) */
		if (there && !(a->there && strcmp(a->there, typed) == 0)) {
			xstrset(&a->there, typed);
			return SK_HANDLED;
		}
		return SK_HANDLED | (export_write(ui, a) ? SK_POP : 0);
	}
	case ACT_QUIT:
	case ACT_HELP:
	case ACT_INTERRUPT:
		if (!K_IS_CHAR(ev->key))
			return 0;
		break;
	default:
		break;
	}
	if (a->on != ASK_BLANK)
		field_key(ui, a->on == ASK_PURPOSE ? &a->purpose : &a->f, ev);
	return SK_HANDLED;
}

static void export_leave(struct ui *ui, struct screen *s)
{
	struct export_ask *a = (struct export_ask *)s;
	(void)ui;
	field_free(&a->f);
	field_free(&a->purpose);
	free(a->there);
	free(a->dflt);
	free(a->dflt_blank);
	free(a);
}

static const struct screen_ops export_ops = {
	.name = "list-file", .acts = export_acts,
	.draw = export_draw, .key = export_key, .leave = export_leave,
};

void list_export(struct ui *ui, struct list *l, const struct list_export *ex)
{
	int people = export_is_people(ex);
	struct jy_err err = { 0 };
	if (people && access_check(ui->db, OP_EXPORT, NULL, &err) != JY_OK) {
		ui->msg_keep = 1;
		ui_err(ui, &err);
		return;
	}
	struct export_ask *a = xcalloc(1, sizeof *a);
	a->s.ops = &export_ops;
	a->s.overlay = 1;
	a->l = l;
	a->ex = ex;
	a->people = people;
	a->send = ui_print_dest(ui) == PRINT_ZMODEM;
	field_init(&a->f, "文件", FK_TEXT, NULL, 400, FF_REQ);
	field_init(&a->purpose, "用途", FK_TEXT, NULL, 60, FF_REQ);
	for (int blank = 0; blank < 2; blank++) {
		char *name = blank ? xasprintf("%s-导入模板.xlsx", ex->name)
		                   : xasprintf("%s-%s.xlsx", ex->name, ui->today);
		char *path = server_restricted() ? xasprintf("%s/%s", server_export_dir(), name)
		                                 : print_path(name);
		*(blank ? &a->dflt_blank : &a->dflt) = path_home_shown(path);
		free(path);
		free(name);
	}
	le_set(&a->f.le, a->dflt);
	ui_push(ui, &a->s);
}
