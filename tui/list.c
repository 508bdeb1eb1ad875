/* tui/list.c: a list that asks core for one page at a time (keyset pagination with core's cursor)
 * and keeps only the pages around what is on screen, so a registry of a million people costs the
 * same as one of a hundred. What is remembered of every page seen: its cursor and how many rows it
 * had (a few hundred bytes), so the way back up is one query per page. */
#include <stdlib.h>
#include <string.h>

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

void list_query(struct list *l, const char *q)
{
	xstrset(&l->query, q ? q : "");
	list_drop_pages(l);
	l->sel = l->top = 0;
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
	return list_row(l, l->sel);
}

int list_key(struct ui *ui, struct list *l, const struct ui_event *ev)
{
	int page = l->rows_shown > 1 ? l->rows_shown - 1 : 1;
	(void)ui;
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
	l->rows_shown = h;
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
