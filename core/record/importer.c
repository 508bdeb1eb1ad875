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

void importer_report(struct importer *im, int row, const char *field, const char *msg)
{
	buf_reset(&im->line);
	if (field && *field)
		buf_addf(&im->line, "%s:%d: %s: %s", path_shown(im->path), row, field, msg);
	else
		buf_addf(&im->line, "%s:%d: %s", path_shown(im->path), row, msg);
	if (im->report)
		im->report(im->arg, im->line.s);
	im->problems++;
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

int importer_header(struct importer *im, char **cell, int n, const struct importer_columns *c,
                    const char *acc, struct jy_err *err)
{
	struct jy_buf unknown = { 0 };
	char first_unknown[64] = "";
	int data = 0, rc = JY_OK;
	im->ncol = n;
	im->col = xmalloc(sizeof *im->col * (size_t)(n ? n : 1));
	for (int i = 0; i < n && !rc; i++) {
		char *h = csv_header_clean(cell[i]);
		int f = *h ? c->find(c->ctx, h) : -1;
		im->col[i] = f;
		if (*h && f < 0) {
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
			             _("%s:1: %s: the column appears twice (columns %s and %s): keep one"),
			             path_shown(im->path), c->defs[f].label, a, b);
		} else if (f >= 0) {
			c->has[f] = i + 1;
		}
		free(h);
	}
	if (!rc && data)
		rc = err_set(err, JY_EINVAL, NULL,
		             _("%s:1: the first row holds data, not column names: insert a row above it "
		               "with the column names: %s"), path_shown(im->path), acc);
	else if (!rc && unknown.len)
		rc = err_set(err, JY_EINVAL, first_unknown, _("%s:1: %s: unknown column; accepted: %s"),
		             path_shown(im->path), unknown.s, acc);
	buf_free(&unknown);
	return rc;
}

int importer_missing(struct importer *im, const char *label, const char *acc, struct jy_err *err)
{
	return err_set(err, JY_EINVAL, label,
	               _("%s:1: %s: the column is missing; the first row names the columns: %s"),
	               path_shown(im->path), label, acc);
}

void importer_stray_cells(struct importer *im, int row, char **cell, int n, const char *label)
{
	for (int i = 0; i < n; i++) {
		if ((i < im->ncol && im->col[i] >= 0) || text_is_blank(cell[i]))
			continue;
		char c[8];
		csv_col_name(i, c);
		char *msg = xasprintf(_("column %s has no name in row 1: name it (%s ...) or clear the cell"),
		                      c, label);
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

static int row_blank(char **cell, int n)
{
	for (int i = 0; i < n; i++)
		if (!text_is_blank(cell[i]))
			return 0;
	return 1;
}

/* The rows the file at path holds, its header and title lines included, counted before the
 * transaction for the progress handler, each kind of file by its own fast count (a CSV's
 * records); -1 when they cannot be counted. A file that cannot be read is said by its opening. */
static long importer_rows_total(const char *path)
{
	long n = -1;
	struct stat sb;
	/* a pipe or a FIFO gives its rows once: counting them would leave none to import */
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return -1;
	return csv_count_records(path, &n, NULL) == JY_OK ? n : -1;
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
	struct csv_reader *csv = NULL;
	struct importer_progress pg = { .h = db_progress_get(im->db), .total = -1, .last = -1 };
	char **cell;
	int n, row, got, rc, before = 1, cancel = 0;

	if (!res)
		res = &local;
	memset(res, 0, sizeof *res);
	if (pg.h)
		pg.total = importer_rows_total(im->path);
	if ((rc = csv_open(im->path, &csv, err)))
		return rc;
	snprintf(res->encoding, sizeof res->encoding, "%s", csv_encoding(csv));
	got = csv_next(csv, &cell, &n, &row, err);
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
		got = csv_next(csv, &cell, &n, &row, err);
		before++;
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
	if ((rc = ops->header(ctx, cell, n, err)) || (rc = ops->begin(ctx, err)))
		goto out;
	if (pg.total >= 0)
		pg.total = pg.total > before ? pg.total - before : 0;
	cancel = importer_tick(&pg, 0, 1);
	while (!cancel && (got = csv_next(csv, &cell, &n, &row, err)) == 1) {
		if (row_blank(cell, n))
			continue;       /* Excel writes ",,,," for rows that were only formatted */
		res->rows++;
		if ((rc = ops->row(ctx, cell, n, row, res, err)))
			break;
		cancel = importer_tick(&pg, res->rows, 0);
	}
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
out:
	csv_close(&csv);
	return rc;
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
	for (int i = 0; i < im->nseen; i++)
		free(im->seen[i].key);
	free(im->seen);
	buf_free(&im->line);
}
