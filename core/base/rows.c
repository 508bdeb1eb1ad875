/* core/base/rows.c: the one row source every import reads (base.h): it looks at the file's first
 * bytes and hands the file to the CSV reader (csv.c), the xlsx reader (xlsx.c) or the xls reader
 * (xls.c), and refuses plainly what none of them reads: a WPS .et file, a workbook saved with a
 * password (Excel then wraps the encrypted xlsx in an OLE container, as an .xls looks), a sheet
 * the workbook lacks. Also the cell values both workbook readers share: Excel's serial dates and
 * numbers written as Excel writes them to CSV, so a file's cells mean the same in every form. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/rows_int.h"

struct row_source {
	enum rows_kind kind;
	struct csv_reader *csv;
	struct xlsx *xlsx;
	struct xls *xls;
};

/* ---- a row's cells -------------------------------------------------------------------------- */

void rows_row_reset(struct rows_row *r)
{
	buf_reset(&r->text);
	if (r->ncol)
		memset(r->at, 0, sizeof *r->at * (size_t)r->ncol);
	r->ncol = 0;
}

void rows_row_put(struct rows_row *r, int col, const char *s, size_t n)
{
	if (col < 0)
		return;
	if (col >= r->cap) {
		int cap = r->cap ? r->cap : 16;
		while (cap <= col)
			cap *= 2;
		r->at = xrealloc(r->at, sizeof *r->at * (size_t)cap);
		memset(r->at + r->cap, 0, sizeof *r->at * (size_t)(cap - r->cap));
		r->cap = cap;
	}
	if (col >= r->ncol)
		r->ncol = col + 1;
	r->at[col] = r->text.len + 1;
	buf_add(&r->text, s, n);
	buf_add(&r->text, "", 1);       /* the cell's NUL */
}

char **rows_row_cells(struct rows_row *r, int *n)
{
	if (r->ncol > r->capcells) {
		r->capcells = r->ncol;
		r->cells = xrealloc(r->cells, sizeof *r->cells * (size_t)r->capcells);
	}
	for (int c = 0; c < r->ncol; c++)
		r->cells[c] = r->at[c] ? r->text.s + r->at[c] - 1 : (char *)"";
	*n = r->ncol;
	return r->cells;
}

void rows_row_free(struct rows_row *r)
{
	buf_free(&r->text);
	free(r->at);
	free(r->cells);
	memset(r, 0, sizeof *r);
}

int rows_cell_ref(const char *ref, int *col, int *row)
{
	long c = 0, w = 0;
	const char *p = ref;
	for (; *p >= 'A' && *p <= 'Z' && c <= 16384; p++)
		c = c * 26 + (*p - 'A' + 1);
	if (p == ref || c > 16384)
		return JY_EINVAL;
	const char *d = p;
	for (; *p >= '0' && *p <= '9' && w <= 1048576; p++)
		w = w * 10 + (*p - '0');
	if (p == d || *p || w < 1 || w > 1048576)
		return JY_EINVAL;
	*col = (int)c - 1;
	*row = (int)w;
	return JY_OK;
}

int rows_locked(const char *path, struct jy_err *err)
{
	return err_set(err, JY_EINVAL, NULL,
	               _("%s: the workbook is protected by a password: open it in Excel or WPS, "
	                 "remove the password (文件 → 信息 → 保护工作簿 → 用密码进行加密, an empty "
	                 "password), save it, and import it again"), path_shown(path));
}

int rows_no_sheets(const char *path, struct jy_err *err)
{
	return err_set(err, JY_EINVAL, NULL, _("%s: the workbook has no sheet"), path_shown(path));
}

int rows_no_sheet(const char *path, const char *sheet, char *const *names, int n,
                  struct jy_err *err)
{
	struct jy_buf b = { 0 };
	for (int i = 0; i < n; i++)
		buf_addf(&b, "%s%s", i ? ", " : "", path_shown(names[i]));
	int rc = err_set(err, JY_EINVAL, "--sheet", _("%s: the workbook has no sheet named \"%s\"; "
	                                              "its sheets: %s"),
	                 path_shown(path), sheet, b.len ? b.s : "");
	buf_free(&b);
	return rc;
}

/* ---- Excel's values ------------------------------------------------------------------------- */

int rows_serial_date(double serial, int date1904, char out[11])
{
	out[0] = '\0';
	/* 2958465 is 9999-12-31 in the 1900 system; half a second of rounding is the day's */
	if (!(serial >= 0 && serial < 2958466))
		return JY_EINVAL;
	long d = (long)floor(serial + 0.5 / 86400);
	int64_t days;
	if (date1904) {
		days = date_days(1904, 1, 1) + d;
	} else if (d == 60) {
		/* Lotus 1-2-3 took 1900 for a leap year, and Excel kept its day numbers */
		snprintf(out, 11, "1900-02-29");
		return JY_OK;
	} else {
		/* serial 1 is 1900-01-01; from serial 61 (1900-03-01) on, one day of the count is
		 * the 29 February that never was */
		days = date_days(1899, 12, d < 60 ? 31 : 30) + d;
	}
	int y, m, dd;
	date_from_days(days, &y, &m, &dd);
	if (y > 9999)
		return JY_EINVAL;
	date_iso(days, out);
	return JY_OK;
}

void rows_number_text(double v, char out[32])
{
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(out, 32, "%.0f", v);
	else
		snprintf(out, 32, "%.15G", v);
	if (strcmp(out, "-0") == 0)
		snprintf(out, 32, "0");
}

/* ---- the source ------------------------------------------------------------------------------ */

/* An OLE container holding the stream EncryptedPackage is an xlsx saved with a password (Excel's
 * "Encrypt with password"); the stream's name is in the container's directory, in UTF-16LE.
 * Reads the file a block at a time, the blocks overlapping by the name's length. */
static int ole_encrypted(const char *path)
{
	static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
	const size_t nlen = sizeof name - 1;
	char block[65536];
	size_t keep = 0, got;
	int found = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	while (!found && (got = fread(block + keep, 1, sizeof block - keep, f)) > 0) {
		size_t len = keep + got;
		found = memmem(block, len, name, nlen) != NULL;
		keep = len < nlen ? len : nlen;
		memmove(block, block + len - keep, keep);
	}
	fclose(f);
	return found;
}

static int has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);
	return n > e && strcasecmp(path + n - e, ext) == 0;
}

int rows_open(const char *path, const char *sheet, struct row_source **out, struct jy_err *err)
{
	unsigned char head[8] = { 0 };
	size_t got = 0;
	int rc;

	*out = NULL;
	if (has_ext(path, ".et") || has_ext(path, ".ett"))
		return err_set(err, JY_EINVAL, NULL,
		               _("%s: a WPS spreadsheet (.et) is not read: in WPS use 文件 → 另存为 "
		                 "and choose Excel 工作簿 (*.xlsx), then import that file"),
		               path_shown(path));
	/* a pipe (a FIFO, /dev/stdin) is read once, by the CSV reader: a workbook is a zip, which
	 * is read from its end, so it is always a plain file */
	struct stat st;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		FILE *f = fopen(path, "rb");
		if (!f)
			return err_set(err, JY_EIO, NULL, _("%s: cannot open the file: %s"),
			               path_shown(path), strerror(errno));
		got = fread(head, 1, sizeof head, f);
		fclose(f);
	}
	struct row_source *s = xcalloc(1, sizeof *s);
	if (got >= 4 && memcmp(head, "PK\x03\x04", 4) == 0) {
		s->kind = ROWS_XLSX;
		rc = xlsx_open(path, sheet, &s->xlsx, err);
	} else if (got == 8 && memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
		s->kind = ROWS_XLS;
		rc = ole_encrypted(path) ? rows_locked(path, err)
		                         : xls_open(path, sheet, &s->xls, err);
	} else if (sheet) {
		s->kind = ROWS_CSV;
		rc = err_set(err, JY_EINVAL, "--sheet",
		             _("%s: --sheet is for workbooks (.xlsx, .xls); this is a CSV file, "
		               "which has one table"), path_shown(path));
	} else {
		s->kind = ROWS_CSV;
		rc = csv_open(path, &s->csv, err);
	}
	if (rc)
		rows_close(&s);
	*out = s;
	return rc;
}

int rows_next(struct row_source *s, char ***cells, int *n, int *row, struct jy_err *err)
{
	switch (s->kind) {
	case ROWS_XLSX:
		return xlsx_next(s->xlsx, cells, n, row, err);
	case ROWS_XLS:
		return xls_next(s->xls, cells, n, row, err);
	default:
		return csv_next(s->csv, cells, n, row, err);
	}
}

enum rows_kind rows_kind(const struct row_source *s)
{
	return s->kind;
}

const char *rows_encoding(const struct row_source *s)
{
	return s->kind == ROWS_XLSX ? "xlsx" : s->kind == ROWS_XLS ? "xls" : csv_encoding(s->csv);
}

const char *rows_sheet(const struct row_source *s)
{
	if (s->kind == ROWS_XLSX)
		return xlsx_sheet(s->xlsx);
	return s->kind == ROWS_XLS ? xls_sheet(s->xls) : NULL;
}

long rows_total(const struct row_source *s)
{
	if (s->kind == ROWS_XLSX)
		return xlsx_total(s->xlsx);
	return s->kind == ROWS_XLS ? xls_total(s->xls) : csv_line_count(s->csv);
}

void rows_cell_name(const struct row_source *s, int row, int col, char *out, size_t size)
{
	char c[8];
	csv_col_name(col, c);
	const char *sheet = s ? rows_sheet(s) : NULL;
	if (sheet)
		snprintf(out, size, "%s!%s%d", sheet, c, row);
	else
		snprintf(out, size, "%s%d", c, row);
}

void rows_close(struct row_source **ps)
{
	struct row_source *s = *ps;
	if (!s)
		return;
	csv_close(&s->csv);
	xlsx_close(&s->xlsx);
	xls_close(&s->xls);
	free(s);
	*ps = NULL;
}
