/* core/base/rows_int.h: the workbook readers behind rows.c's row source (xlsx.c, xls.c). Each
 * opens a file whose first bytes rows.c has looked at, and hands back rows as rows_next does. */
#ifndef JY_ROWS_INT_H
#define JY_ROWS_INT_H

#include "base/base.h"

/* The cells of one row as a reader builds them: the texts one after another in text (each
 * NUL-terminated), at[c] the offset of column c's text + 1 (0: empty), for columns 0..ncol. */
struct rows_row {
	struct jy_buf text;
	size_t *at;
	int ncol, cap;
	char **cells;           /* what rows_next hands out, pointing into text */
	int capcells;
};
void rows_row_reset(struct rows_row *r);
/* Column col (from 0) gets s[0..n); a later cell of the same column replaces it. */
void rows_row_put(struct rows_row *r, int col, const char *s, size_t n);
/* The row as rows_next hands it out. */
char **rows_row_cells(struct rows_row *r, int *n);
void rows_row_free(struct rows_row *r);

/* "A1" -> col 0, row 1; JY_EINVAL unless a column A..XFD and a row 1..1048576. */
int rows_cell_ref(const char *ref, int *col, int *row);

struct xlsx;
int xlsx_open(const char *path, const char *sheet, struct xlsx **out, struct jy_err *err);
int xlsx_next(struct xlsx *x, char ***cells, int *n, int *row, struct jy_err *err);
const char *xlsx_sheet(const struct xlsx *x);
long xlsx_total(const struct xlsx *x);
void xlsx_close(struct xlsx **x);

struct xls;
int xls_open(const char *path, const char *sheet, struct xls **out, struct jy_err *err);
int xls_next(struct xls *x, char ***cells, int *n, int *row, struct jy_err *err);
const char *xls_sheet(const struct xls *x);
long xls_total(const struct xls *x);
void xls_close(struct xls **x);

/* The refusals both readers share, each returning JY_EINVAL: a workbook saved with a password,
 * one without sheets. */
int rows_locked(const char *path, struct jy_err *err);
int rows_no_sheets(const char *path, struct jy_err *err);
/* A sheet asked for that the workbook lacks: names[0..n) are its sheets. Returns JY_EINVAL. */
int rows_no_sheet(const char *path, const char *sheet, char *const *names, int n,
                  struct jy_err *err);

#endif
