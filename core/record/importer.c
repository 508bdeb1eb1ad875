/* core/record/importer.c: what the importers of residents (import.c), jobs (jobs_io.c) and training
 * (training_io.c) share, so that they keep one promise in one place (nothing typed is
 * ever lost by a bad import file):
 *   - every problem is one line "FILE:ROW: 列名: what is wrong, what is accepted", ROW as the
 *     spreadsheet shows it, handed to the caller's report function;
 *   - a long file's progress goes to the connection's handler (db_progress_set), which may
 *     cancel: the transaction is rolled back and nothing is stored;
 *   - the header row is read the same way (labels or English aliases, a column named twice, a
 *     first row that holds data, unknown and missing columns);
 *   - the whole file is one transaction: without IMPORT_SKIP_ERRORS one bad row means nothing is
 *     stored, and IMPORT_DRY_RUN rolls back, so its counts are exactly a real run's.
 * What a row means stays with each importer (struct importer_ops). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "record/record.h"
#include "store/sql.h"

/* The column of the file whose field has label, or -1. */
static int column_of(const struct importer *im, const char *label)
{
	for (int i = 0; im->defs && label && i < im->ncol; i++)
		if (im->col[i] >= 0 && strcmp(im->defs[im->col[i]].label, label) == 0)
			return i;
	return -1;
}

void importer_report(struct importer *im, int row, const char *field, const char *msg)
{
	importer_report_cell(im, row, column_of(im, field), field, msg);
}

void importer_report_cell(struct importer *im, int row, int col, const char *field,
                          const char *msg)
{
	if (!im->src || rows_kind(im->src) == ROWS_CSV)
		col = -1;
	buf_reset(&im->line);
	if (col >= 0) {
		char cell[128];
		rows_cell_name(im->src, row, col, cell, sizeof cell);
		buf_addf(&im->line, "%s:%s: %s: %s", path_shown(im->path), cell, field, msg);
	} else if (field && *field)
		buf_addf(&im->line, "%s:%d: %s: %s", path_shown(im->path), row, field, msg);
	else
		buf_addf(&im->line, "%s:%d: %s", path_shown(im->path), row, msg);
	if (im->report)
		im->report(im->arg, im->line.s);
	im->problems++;
	/* for the error copy: without the file and the cell, whose column moves one to the right */
	if (im->row_msgs.len)
		buf_adds(&im->row_msgs, "；");
	if (field && *field)
		buf_addf(&im->row_msgs, "%s: %s", field, msg);
	else
		buf_adds(&im->row_msgs, msg);
}

void importer_accepted(const struct field_def *defs, int n, int flags, struct jy_buf *b)
{
	for (int f = 0, first = 1; f < n; f++)
		if ((defs[f].flags & flags) == flags) {
			buf_addf(b, "%s%s", first ? "" : ", ", defs[f].label);
			first = 0;
		}
	buf_adds(b, " (English: ");
	for (int f = 0, first = 1; f < n; f++)
		if ((defs[f].flags & flags) == flags) {
			buf_addf(b, "%s%s", first ? "" : ", ", defs[f].alias);
			first = 0;
		}
	buf_adds(b, ")");
}

/* A header cell that is an ID number or a date: the file has no header row. */
static int looks_like_data(const char *h, int data)
{
	char id[19], d[11];
	return ((data & IMPORTER_DATA_IDNO) && idcard_parse(h, id, NULL, NULL, NULL) == JY_OK) ||
	       ((data & IMPORTER_DATA_DATE) && date_parse(h, d, NULL) == JY_OK);
}

/* A header cell without the spaces people put inside names (姓 名, 身份证 号码). Caller frees. */
static char *header_squeezed(const char *raw)
{
	char *h = csv_header_clean(raw), *w = h;
	for (const char *p = h; *p; ) {
		if (*p == ' ' || *p == '\t')
			p++;
		else if (strncmp(p, "\u3000", 3) == 0)
			p += 3;         /* the ideographic space */
		else
			*w++ = *p++;
	}
	*w = '\0';
	return h;
}

/* The column's name the office's code list "column" gives for the header h, or NULL.
 * importer_header has read the list first (a database error stops the import there), so here it
 * comes from the connection's cache. */
static const char *header_alias(struct importer *im, const char *h)
{
	if (!im->db)
		return NULL;
	const struct code_list *cl = codes_cached(im->db, "column", NULL);
	for (int i = 0; cl && i < cl->naliases; i++)
		if (strcmp(cl->aliases[i].label, h) == 0)
			return cl->aliases[i].code;
	return NULL;
}

int importer_column_is(struct importer *im, const char *raw, const char *label)
{
	char *h = header_squeezed(raw);
	const char *a = header_alias(im, h);
	int is = strcmp(h, label) == 0 || (a && strcmp(a, label) == 0);
	free(h);
	return is;
}

void importer_cell_name(const struct importer *im, int row, int col, char *out, size_t size)
{
	rows_cell_name(im->src, row, col, out, size);
}

/* Columns every import passes over: a ledger's running number, and the messages of an error
 * copy (importer_run writes them first in the row). */
static int header_ignored(const char *h, const char *const *extra)
{
	if (strcmp(h, "序号") == 0 || strcmp(h, "错误") == 0)
		return 1;
	for (int i = 0; extra && extra[i]; i++)
		if (strcmp(h, extra[i]) == 0)
			return 1;
	return 0;
}

int importer_header(struct importer *im, char **cell, int n, const struct importer_columns *c,
                    const char *acc, struct jy_err *err)
{
	struct jy_buf unknown = { 0 };
	char first_unknown[64] = "";
	int data = 0, known = 0, rc = JY_OK;
	int row = im->header_row ? im->header_row : 1;
	/* The office's other names of the columns: a list that cannot be read is the database's
	 * error, not a file whose columns are all unknown. */
	if (im->db && !codes_cached(im->db, "column", err))
		return JY_EDB;
	free(im->col);
	free(im->ignored);
	im->ncol = n;
	im->defs = c->defs;
	im->col = xmalloc(sizeof *im->col * (size_t)(n ? n : 1));
	im->ignored = xcalloc((size_t)(n ? n : 1), 1);
	for (int i = 0; i < n && !rc; i++) {
		char *h = csv_header_clean(cell[i]);
		int f = *h ? c->find(c->ctx, h) : -1;
		if (*h && f < 0) {
			char *sq = header_squeezed(cell[i]);
			const char *a = header_alias(im, sq);
			f = c->find(c->ctx, a ? a : sq);
			if (f < 0 && header_ignored(a ? a : sq, c->extra))
				im->ignored[i] = 1;
			free(sq);
		}
		im->col[i] = f;
		if (*h && f < 0 && !im->ignored[i]) {
			if (looks_like_data(h, c->data))
				data = 1;
			if (!unknown.len)
				snprintf(first_unknown, sizeof first_unknown, "%s", h);
			buf_addf(&unknown, "%s%s", unknown.len ? ", " : "", h);
		} else if (f >= 0 && c->has[f]) {
			char a[8], b[8];
			csv_col_name(c->has[f] - 1, a);
			csv_col_name(i, b);
			rc = err_set(err, JY_EINVAL, c->defs[f].label,
			             _("%s:%d: %s: the column appears twice (columns %s and %s): keep one"),
			             path_shown(im->path), row, c->defs[f].label, a, b);
		} else if (f >= 0) {
			c->has[f] = i + 1;
			known++;
		}
		free(h);
	}
	if (!rc && data)
		rc = err_set(err, JY_EINVAL, NULL,
		             _("%s:%d: the first row holds data, not column names: insert a row above "
		               "it with the column names: %s"), path_shown(im->path), row, acc);
	else if (!rc && unknown.len)
		rc = err_set(err, JY_EINVAL, first_unknown, _("%s:%d: %s: unknown column; accepted: %s"),
		             path_shown(im->path), row, unknown.s, acc);
	else if (!rc && !known)
		rc = err_set(err, JY_EINVAL, NULL,
		             _("%s:%d: no column names in the row: the first row names the columns: %s"),
		             path_shown(im->path), row, acc);
	if (rc && !known)
		rc = JY_ENOTFOUND;      /* perhaps a title row: importer_run looks further */
	buf_free(&unknown);
	return rc;
}

int importer_missing(struct importer *im, const char *label, const char *acc, struct jy_err *err)
{
	return err_set(err, JY_EINVAL, label,
	               _("%s:%d: %s: the column is missing; the first row names the columns: %s"),
	               path_shown(im->path), im->header_row ? im->header_row : 1, label, acc);
}

void importer_stray_cells(struct importer *im, int row, char **cell, int n, const char *label)
{
	for (int i = 0; i < n; i++) {
		if ((i < im->ncol && (im->col[i] >= 0 || im->ignored[i])) || text_is_blank(cell[i]))
			continue;
		char c[8];
		csv_col_name(i, c);
		char *msg = xasprintf(_("column %s has no name in row %d: name it (%s ...) or clear "
		                        "the cell"), c, im->header_row ? im->header_row : 1, label);
		importer_report(im, row, c, msg);
		free(msg);
	}
}

int importer_seen(struct importer *im, const char *key, int row)
{
	for (int i = 0; i < im->nseen; i++)
		if (strcmp(im->seen[i].key, key) == 0)
			return im->seen[i].row;
	if (im->nseen == im->capseen) {
		im->capseen = im->capseen ? im->capseen * 2 : 64;
		im->seen = xrealloc(im->seen, sizeof *im->seen * (size_t)im->capseen);
	}
	im->seen[im->nseen].key = xstrdup(key);
	im->seen[im->nseen++].row = row;
	return 0;
}

void importer_once(struct importer *im, int row, const char *key, const char *label)
{
	int first = key ? importer_seen(im, key, row) : 0;
	if (!first)
		return;
	char msg[256];
	snprintf(msg, sizeof msg, _("also in row %d: one row per record; merge the two rows into one"),
	         first);
	importer_report(im, row, label, msg);
}

int importer_stored(struct importer *im, int row, int rc, const struct jy_err *e,
                    struct jy_err *err)
{
	switch (rc) {
	case JY_OK:
		return JY_OK;
	case JY_EINVAL: case JY_EDUP: case JY_ECONFLICT: case JY_ENOTFOUND: case JY_EPERM:
		/* a rule's refusal (a resident outside her communities too): that row, named */
		importer_report(im, row, e->field[0] ? e->field : NULL, e->msg);
		return JY_OK;
	default:
		*err = *e;
		return rc;
	}
}

static int row_blank(char **cell, int n)
{
	for (int i = 0; i < n; i++)
		if (!text_is_blank(cell[i]))
			return 0;
	return 1;
}

/* A ledger's last row of totals: 合计, 总计 or 小计 (spaced out or with a colon as people type it)
 * in the row's first cell that is not empty or a number (a 序号 column's). */
static int row_totals(char **cell, int n)
{
	for (int i = 0; i < n; i++) {
		if (text_is_blank(cell[i]) || strspn(cell[i], "0123456789") == strlen(cell[i]))
			continue;
		if (!strstr(cell[i], "计"))
			return 0;       /* every data row: a name, not one of the three words */
		char *h = header_squeezed(cell[i]);
		size_t len = strlen(h);
		if (len >= 1 && h[len - 1] == ':')
			h[len - 1] = '\0';
		else if (len >= 3 && strcmp(h + len - 3, "：") == 0)
			h[len - 3] = '\0';
		int t = strcmp(h, "合计") == 0 || strcmp(h, "总计") == 0 || strcmp(h, "小计") == 0;
		free(h);
		return t;
	}
	return 0;
}

/* A row held back until the next row shows whether it was the last (a row of totals). */
struct held {
	char **cell;
	int n, row;
};

static void held_free(struct held *h)
{
	for (int i = 0; i < h->n; i++)
		free(h->cell[i]);
	free(h->cell);
	memset(h, 0, sizeof *h);
}

static void held_keep(struct held *h, char **cell, int n, int row)
{
	held_free(h);
	h->cell = xmalloc(sizeof *h->cell * (size_t)n);
	for (int i = 0; i < n; i++)
		h->cell[i] = xstrdup(cell[i]);
	h->n = n;
	h->row = row;
}

/* One data row through ops->row; a row it rejects is kept with its problems for the error copy. */
static int importer_row(struct importer *im, const struct importer_ops *ops, void *ctx,
                        char **cell, int n, int row, struct import_result *res,
                        struct jy_err *err)
{
	int before = res->rejected;
	res->rows++;
	if (n > im->widest)
		im->widest = n;
	buf_reset(&im->row_msgs);
	int rc = ops->row(ctx, cell, n, row, res, err);
	if (res->rejected > before) {
		if (im->nbad == im->capbad) {
			im->capbad = im->capbad ? im->capbad * 2 : 64;
			im->bad = xrealloc(im->bad, sizeof *im->bad * (size_t)im->capbad);
		}
		im->bad[im->nbad].row = row;
		im->bad[im->nbad++].msg = xstrdup(im->row_msgs.len ? im->row_msgs.s : "");
	}
	return rc;
}

/* A held row that was not the last after all: a row like any other. */
static int held_import(struct importer *im, struct held *h, const struct importer_ops *ops,
                       void *ctx, struct import_result *res, struct jy_err *err)
{
	int rc = importer_row(im, ops, ctx, h->cell, h->n, h->row, res, err);
	held_free(h);
	return rc;
}

/* The header: the first row that names known columns (ops->header), past up to
 * IMPORTER_TITLE_ROWS rows that name none (a ledger's title, merged across the sheet, its date
 * line). When none does, the first row's error is the file's. *cell, *n, *row: the header row. */
static int importer_find_header(struct importer *im, struct row_source *src,
                                const struct importer_ops *ops, void *ctx, char ***cell, int *n,
                                int *row, struct jy_err *err)
{
	struct jy_err first = { 0 }, e = { 0 };
	int rc, got = 1;
	for (int tries = 0;; tries++) {
		im->header_row = *row;
		err_clear(&e);
		if ((rc = ops->header(ctx, *cell, *n, &e)) != JY_ENOTFOUND)
			break;
		if (tries == 0)
			first = e;
		do
			got = rows_next(src, cell, n, row, &e);
		while (got == 1 && row_blank(*cell, *n));
		if (got < 0 || (got == 0 || tries + 1 > IMPORTER_TITLE_ROWS)) {
			if (got >= 0)
				e = first;
			rc = e.code ? e.code : JY_EINVAL;
			break;
		}
	}
	if (rc && err)
		*err = e;
	return rc;
}

int importer_open(struct importer *im, struct row_source **src, struct jy_err *err)
{
	return rows_open(im->path, im->sheet, src, err);
}

/* The rows the file at path holds, its header and title lines included, counted before the
 * transaction for the progress handler, each kind of file by its own fast count (a CSV's
 * records); -1 when they cannot be counted. A file that cannot be read is said by its opening. */
static long importer_rows_total(const struct importer *im, const struct row_source *src)
{
	long n = -1;
	struct stat st;
	if (rows_kind(src) != ROWS_CSV)
		return rows_total(src);         /* a workbook's sheet: its dimension */
	/* a pipe was read by the opening already: opening it again would wait for a writer */
	if (stat(im->path, &st) != 0 || !S_ISREG(st.st_mode))
		return -1;
	return csv_count_records(im->path, &n, NULL) == JY_OK ? n : -1;
}

static void importer_copy(struct importer *im, int only_bad, struct import_result *res);

/* Did a rejected row say what is wrong with it? Rows held back for a reason of the whole file
 * (communities a database without units lacks) say nothing, and a copy of them would show the
 * clerk nothing to fix. */
static int importer_said_bad(const struct importer *im)
{
	for (int i = 0; i < im->nbad; i++)
		if (im->bad[i].msg[0])
			return 1;
	return 0;
}

/* The connection's progress handler as an import calls it (db_progress_set). */
struct importer_progress {
	const struct db_progress *h;    /* NULL: nobody asked */
	long total;                     /* data rows, -1 when unknown */
	long last;                      /* done at the last call, -1 before the first */
	struct timespec at;             /* the time of the last call */
};

/* Call the handler when it is due, or (force) unless it was just called with done. Returns 1
 * when it asks to cancel. */
static int importer_tick(struct importer_progress *p, long done, int force)
{
	struct timespec now;
	if (!p->h || (force && p->last == done))
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!force) {
		long ms = (long)(now.tv_sec - p->at.tv_sec) * 1000 +
		          (now.tv_nsec - p->at.tv_nsec) / 1000000;
		if (!(p->h->every > 0 && done - p->last >= p->h->every) && ms < 100)
			return 0;
	}
	p->last = done;
	p->at = now;
	return p->h->cb(p->h->arg, done, p->total >= 0 && p->total < done ? done : p->total) != 0;
}

int importer_run(struct importer *im, int flags, const struct importer_ops *ops, void *ctx,
                 struct import_result *res, struct jy_err *err)
{
	struct import_result local;
	struct row_source *src = NULL;
	struct importer_progress pg = { .h = db_progress_get(im->db), .total = -1, .last = -1 };
	char **cell;
	int n, row, got, rc, before, cancel = 0;

	if (!res)
		res = &local;
	memset(res, 0, sizeof *res);
	if ((rc = importer_open(im, &src, err)))
		return rc;
	im->src = src;
	snprintf(res->encoding, sizeof res->encoding, "%s", rows_encoding(src));
	got = rows_next(src, &cell, &n, &row, err);
	/* an export of people starts with its 内部资料 line (export_notice): the header is the next
	 * row; a masked one is refused, its values are not the real ones */
	if (got == 1 && n >= 1 && strncmp(cell[0], EXPORT_NOTICE_MARK, strlen(EXPORT_NOTICE_MARK)) == 0) {
		if (strstr(cell[0], EXPORT_NOTICE_MASKED)) {
			rc = err_set(err, JY_EINVAL, NULL, _("%s: this file was exported masked "
			                                     "(已脱敏): its ID numbers and phones "
			                                     "are not the real ones; import a file "
			                                     "exported whole"),
			             path_shown(im->path));
			goto out;
		}
		got = rows_next(src, &cell, &n, &row, err);
	}
	if (got <= 0) {
		if (got == 0) {
			struct jy_buf acc = { 0 };
			ops->accepted(ctx, &acc);
			err_set(err, JY_EINVAL, NULL, _("%s: the file is empty: the first row names the columns: %s"),
			        path_shown(im->path), acc.s);
			buf_free(&acc);
		}
		rc = JY_EINVAL;
		goto out;
	}
	if ((rc = importer_find_header(im, src, ops, ctx, &cell, &n, &row, err)) ||
	    (rc = ops->begin(ctx, err)))
		goto out;
	im->widest = n;
	if (pg.h)
		pg.total = importer_rows_total(im, src);
	/* the rows up to the header are no data rows */
	before = im->header_row;
	if (pg.total >= 0)
		pg.total = pg.total > before ? pg.total - before : 0;
	cancel = importer_tick(&pg, 0, 1);
	struct held held = { 0 };
	while (!cancel && (got = rows_next(src, &cell, &n, &row, err)) == 1) {
		if (row_blank(cell, n))
			continue;       /* Excel writes ",,,," for rows that were only formatted */
		/* a row of totals is passed over when nothing but blank rows follows it */
		if (held.n && (rc = held_import(im, &held, ops, ctx, res, err)))
			break;
		if (row_totals(cell, n)) {
			held_keep(&held, cell, n, row);
			continue;
		}
		if ((rc = importer_row(im, ops, ctx, cell, n, row, res, err)))
			break;
		cancel = importer_tick(&pg, res->rows, 0);
	}
	held_free(&held);
	if (rc == JY_OK && !cancel && got < 0)
		rc = err && err->code == JY_EIO ? JY_EIO : JY_EINVAL;
	if (rc == JY_OK && !cancel)
		cancel = importer_tick(&pg, res->rows, 1);
	if (cancel) {
		ops->rollback(ctx);
		res->added = res->updated = res->unchanged = res->queued = 0;
		rc = err_set(err, JY_ECANCEL, NULL,
		             _("%s: the import was cancelled; nothing was saved"), path_shown(im->path));
		goto out;
	}
	int skip = flags & IMPORT_SKIP_ERRORS;
	if (rc == JY_OK && !(flags & IMPORT_DRY_RUN) && (!res->rejected || skip))
		rc = ops->commit(ctx, err);
	else
		ops->rollback(ctx);
	if (rc == JY_OK && res->rejected && !skip) {
		/* The counts say what was stored (or, in a dry run, would be): nothing. */
		res->added = res->updated = res->unchanged = res->queued = 0;
		rc = err_set(err, JY_EINVAL, NULL,
		             dngettext("jiuye", "%s: %d bad row, nothing was imported (fix it, or use --skip-errors)",
		                       "%s: %d bad rows, nothing was imported (fix them, or use --skip-errors)",
		                       (unsigned long)res->rejected),
		             path_shown(im->path), res->rejected);
	}
	im->src = NULL;
	rows_close(&src);
	if ((rc == JY_OK || rc == JY_EINVAL) && res->rejected && importer_said_bad(im))
		importer_copy(im, skip && !(flags & IMPORT_DRY_RUN), res);
	return rc;
out:
	im->src = NULL;
	rows_close(&src);
	return rc;
}

/* ---- the error copy: the file again, a first column 错误 holding each bad row's problems ------ */

/* FILE.错误.xlsx (csv: FILE.错误.csv) beside path, its extension dropped, and the 错误 of a copy
 * imported again not doubled (名册.错误.xlsx stays 名册.错误.xlsx: the copy is the file the
 * clerk fixes, its errors the ones left). 0 when the name does not fit. */
static int copy_name(const char *path, int csv, char *out, size_t size)
{
	static const char tag[] = ".错误";
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t stem = dot && dot > base ? (size_t)(dot - path) : strlen(path);
	if (stem - (size_t)(base - path) > strlen(tag) &&
	    strncmp(path + stem - strlen(tag), tag, strlen(tag)) == 0)
		stem -= strlen(tag);
	int k = snprintf(out, size, "%.*s%s.%s", (int)stem, path, tag, csv ? "csv" : "xlsx");
	return k > 0 && (size_t)k < size;
}

/* Is column i of the header row an error copy's 错误 column (left out: the copy writes its own)? */
static int copy_old_errors(const struct importer *im, char **cell, int n, int i)
{
	if (i >= n || i >= im->ncol || !im->ignored[i])
		return 0;
	char *h = header_squeezed(cell[i]);
	int is = strcmp(h, "错误") == 0;
	free(h);
	return is;
}

/* The copy's header from the file's header row: 错误, then the file's columns as it names them
 * (the labels borrowed from cell: sheet_table copies them), ID numbers, phones and codes in
 * digits as text, dates as dates. keep[i]: column i is copied. Returns the copy's columns. */
static int copy_header(const struct importer *im, char **cell, int n, struct sheet_col *cols,
                       unsigned char *keep)
{
	int k = 0;
	cols[k++] = (struct sheet_col){ "错误", SC_TEXT, 40 };
	for (int i = 0; i < im->widest; i++) {
		keep[i] = !copy_old_errors(im, cell, n, i);
		if (!keep[i])
			continue;
		int f = i < im->ncol ? im->col[i] : -1, type = SC_TEXT;
		char *h = header_squeezed(i < n ? cell[i] : "");
		if (f >= 0)
			type = sheet_type_of_field(&im->defs[f]);
		else if (strcmp(h, "序号") == 0)
			type = SC_INT;  /* the running number stays a number */
		free(h);
		cols[k++] = (struct sheet_col){ i < n ? cell[i] : "", type, 0 };
	}
	return k;
}

/* The title rows above the header, each a line of its own (its cells side by side). */
static int copy_title(struct sheet *sh, char **cell, int n, struct jy_err *err)
{
	struct jy_buf b = { 0 };
	for (int i = 0; i < n; i++)
		if (!text_is_blank(cell[i]))
			buf_addf(&b, "%s%s", b.len ? "  " : "", cell[i]);
	int rc = b.len ? sheet_note(sh, b.s, err) : JY_OK;
	buf_free(&b);
	return rc;
}

/* The column (from 0) a cell name such as "D4" starts with at p, its row in *row and its length
 * in *len; -1 when p holds none (a word or a number going on right after it is none). */
static int cell_ref_at(const char *p, int *row, size_t *len)
{
	size_t i = 0;
	int col = 0;
	while (i < 3 && p[i] >= 'A' && p[i] <= 'Z')
		col = col * 26 + (p[i++] - 'A' + 1);
	if (i == 0 || p[i] < '1' || p[i] > '9')
		return -1;
	char *end;
	long r = strtol(p + i, &end, 10);
	if ((*end >= '0' && *end <= '9') || (*end >= 'A' && *end <= 'Z') ||
	    (*end >= 'a' && *end <= 'z') || r > 1048576)
		return -1;
	*row = (int)r;
	*len = (size_t)(end - p);
	return col - 1;
}

/* A bad row's message as the copy shows it: its cells of this row ("台账!D4" in a workbook, "D4"
 * in a CSV file) named by their column's header instead, since the copy's 错误 column moves
 * every cell one to the right. Caller frees. */
static char *copy_message(const char *msg, const char *sheet, int row, char **head, int nhead)
{
	struct jy_buf b = { 0 };
	size_t skip = sheet ? strlen(sheet) + 1 : 0;
	for (const char *p = msg; *p; ) {
		int r, c = -1;
		size_t len = 0;
		int at_word = p == msg || !((p[-1] >= 'A' && p[-1] <= 'Z') || (p[-1] >= 'a' && p[-1] <= 'z') ||
		                            (p[-1] >= '0' && p[-1] <= '9'));
		if (at_word && (!sheet || (strncmp(p, sheet, skip - 1) == 0 && p[skip - 1] == '!')))
			c = cell_ref_at(p + skip, &r, &len);
		if (c >= 0 && r == row && c < nhead && !text_is_blank(head[c])) {
			char *h = csv_header_clean(head[c]);
			buf_adds(&b, h);
			free(h);
			p += skip + len;
		} else {
			buf_addf(&b, "%c", *p++);
		}
	}
	char *out = xstrdup(b.len ? b.s : "");
	buf_free(&b);
	return out;
}

/* Read the file again and write it to sh with its 错误 column: only_bad leaves out the rows
 * that were not rejected. */
static int copy_rows(struct importer *im, struct row_source *src, struct sheet *sh, int only_bad,
                     struct jy_err *err)
{
	char **cell, **head = NULL;
	int n, row, got, rc = JY_OK, k = 0, ncols = 0, nhead = 0, at = 0;
	struct sheet_col *cols = xcalloc((size_t)im->widest + 1, sizeof *cols);
	unsigned char *keep = xcalloc((size_t)im->widest + 1, 1);
	const char **out = xcalloc((size_t)im->widest + 1, sizeof *out);
	/* the rows keep their numbers (blank ones written blank), so "also in row 7" still holds */
	while (!rc && (got = rows_next(src, &cell, &n, &row, err)) == 1) {
		if (row < im->header_row) {
			while (!rc && ++at < row)
				rc = sheet_note(sh, "", err);
			if (!rc)
				rc = copy_title(sh, cell, n, err);
			continue;
		}
		if (row == im->header_row) {
			while (!rc && ++at < row)
				rc = sheet_note(sh, "", err);
			ncols = copy_header(im, cell, n, cols, keep);
			head = xcalloc((size_t)n + 1, sizeof *head);
			for (nhead = 0; nhead < n; nhead++)
				head[nhead] = xstrdup(cell[nhead]);
			if (!rc)
				rc = sheet_table(sh, rows_sheet(src) ? rows_sheet(src) : "Sheet1", cols,
				                 ncols, err);
			continue;
		}
		while (k < im->nbad && im->bad[k].row < row)
			k++;
		int bad = k < im->nbad && im->bad[k].row == row;
		if (!ncols || (only_bad && !bad))
			continue;
		for (int i = 0; i <= im->widest; i++)
			out[i] = "";
		while (!rc && !only_bad && ++at < row)
			rc = sheet_row(sh, out, err);
		char *msg = bad ? copy_message(im->bad[k].msg, rows_sheet(src), row, head, nhead) : NULL;
		int c = 0;
		out[c++] = msg ? msg : "";
		for (int i = 0; i < im->widest; i++)
			if (keep[i])
				out[c++] = i < n ? cell[i] : "";
		if (!rc)
			rc = sheet_row(sh, out, err);
		free(msg);
	}
	if (!rc && got < 0)
		rc = err->code ? err->code : JY_EIO;
	for (int i = 0; i < nhead; i++)
		free(head[i]);
	free(head);
	free(out);
	free(keep);
	free(cols);
	return rc;
}

/* Write the error copy beside im->path and name it in res->copy; a copy that cannot be written
 * is said to the report (the import's own result stands). Only a file on disk has one. */
static void importer_copy(struct importer *im, int only_bad, struct import_result *res)
{
	struct stat st;
	struct row_source *src = NULL;
	struct sheet *sh = NULL;
	struct jy_err e = { 0 };
	char name[sizeof res->copy];
	if (stat(im->path, &st) != 0 || !S_ISREG(st.st_mode) || rows_open(im->path, im->sheet, &src, &e))
		return;
	int csv = rows_kind(src) == ROWS_CSV;
	int rc = copy_name(im->path, csv, name, sizeof name) ? JY_OK : JY_EINVAL;
	if (!rc)
		rc = sheet_open(name, csv ? SHEET_CSV : SHEET_XLSX, &sh, &e);
	if (!rc)
		rc = copy_rows(im, src, sh, only_bad, &e);
	if (sh) {
		int rc2 = sheet_close(&sh, rc == JY_OK, rc ? NULL : &e);
		rc = rc ? rc : rc2;
	}
	rows_close(&src);
	if (!rc) {
		snprintf(res->copy, sizeof res->copy, "%s", name);
	} else if (im->report) {
		char *line = xasprintf(_("%s: the copy with the errors (错误) could not be written: %s"),
		                       path_shown(im->path), e.msg[0] ? e.msg : name);
		im->report(im->arg, line);
		free(line);
	}
}

void importer_count(struct import_result *res, int existed, int64_t version_before,
                    int64_t version_after)
{
	if (!existed)
		res->added++;
	else if (version_after != version_before)
		res->updated++;
	else
		res->unchanged++;
}

void importer_free(struct importer *im)
{
	free(im->col);
	free(im->ignored);
	for (int i = 0; i < im->nseen; i++)
		free(im->seen[i].key);
	free(im->seen);
	buf_free(&im->line);
	buf_free(&im->row_msgs);
	for (int i = 0; i < im->nbad; i++)
		free(im->bad[i].msg);
	free(im->bad);
}

/* The import's one transaction, on the database of the importer that starts ctx. */
int importer_tx_begin(void *ctx, struct jy_err *err)
{
	return db_begin(((struct importer *)ctx)->db, err);
}

int importer_tx_commit(void *ctx, struct jy_err *err)
{
	return db_commit(((struct importer *)ctx)->db, err);
}

void importer_tx_rollback(void *ctx)
{
	db_rollback(((struct importer *)ctx)->db);
}
