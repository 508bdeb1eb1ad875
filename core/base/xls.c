/* core/base/xls.c: the rows of one sheet of an Excel 97-2003 file (.xls, BIFF in an OLE
 * container), read with freexl, which gives each cell typed: a number, a text (shared or not),
 * or a date, date and time, or time that the cell's format makes of a number. Cells are given as
 * rows.c describes them, the same as an xlsx file's: numbers as Excel writes them to CSV, dates
 * as YYYY-MM-DD, times as HH:MM. freexl reads the whole file when it opens it; an .xls is at most
 * 65,536 rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <freexl.h>

#include "base/rows_int.h"

struct xls {
	const void *h;          /* freexl's handle */
	char *sheet;
	unsigned rows;          /* of the sheet */
	unsigned short cols;
	unsigned next;          /* the next row to read, from 0 */
	struct rows_row row;
};

int xls_open(const char *path, const char *sheet, struct xls **out, struct jy_err *err)
{
	struct xls *x = xcalloc(1, sizeof *x);
	unsigned count = 0, pw = 0;
	char **names = NULL;
	int rc = JY_OK, pick = -1;

	*out = NULL;
	if (freexl_open(path, &x->h) != FREEXL_OK) {
		rc = err_set(err, JY_EINVAL, NULL,
		             _("%s: not a workbook this program can read (an Excel 97-2003 file "
		               "that is damaged, or another kind of file): open it in Excel or WPS "
		               "and save it as .xlsx"), path_shown(path));
		goto out;
	}
	if (freexl_get_info(x->h, FREEXL_BIFF_PASSWORD, &pw) == FREEXL_OK &&
	    pw == FREEXL_BIFF_OBFUSCATED) {
		rc = rows_locked(path, err);
		goto out;
	}
	if (freexl_get_info(x->h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK || count == 0) {
		rc = rows_no_sheets(path, err);
		goto out;
	}
	names = xcalloc(count, sizeof *names);
	for (unsigned i = 0; i < count && i < 65535; i++) {
		const char *name = NULL;
		freexl_get_worksheet_name(x->h, (unsigned short)i, &name);
		names[i] = xstrdup(name ? name : "");
		if (pick < 0 && (!sheet || strcmp(names[i], sheet) == 0))
			pick = (int)i;
	}
	if (pick < 0) {
		rc = rows_no_sheet(path, sheet, names, (int)count, err);
		goto out;
	}
	if (freexl_select_active_worksheet(x->h, (unsigned short)pick) != FREEXL_OK ||
	    freexl_worksheet_dimensions(x->h, &x->rows, &x->cols) != FREEXL_OK) {
		rc = err_set(err, JY_EINVAL, NULL,
		             _("%s: the sheet %s cannot be read: open the file in Excel or WPS and "
		               "save it as .xlsx"), path_shown(path), names[pick]);
		goto out;
	}
	x->sheet = xstrdup(names[pick]);
out:
	for (unsigned i = 0; names && i < count; i++)
		free(names[i]);
	free(names);
	if (rc)
		xls_close(&x);
	*out = x;
	return rc;
}

int xls_next(struct xls *x, char ***cells, int *n, int *row, struct jy_err *err)
{
	char num[32];
	(void)err;
	for (; x->next < x->rows; x->next++) {
		rows_row_reset(&x->row);
		for (unsigned short c = 0; c < x->cols; c++) {
			FreeXL_CellValue v;
			const char *t = NULL;
			if (freexl_get_cell_value(x->h, x->next, c, &v) != FREEXL_OK)
				continue;
			switch (v.type) {
			case FREEXL_CELL_INT:
				snprintf(num, sizeof num, "%d", v.value.int_value);
				t = num;
				break;
			case FREEXL_CELL_DOUBLE:
				rows_number_text(v.value.double_value, num);
				t = num;
				break;
			case FREEXL_CELL_TEXT:
			case FREEXL_CELL_SST_TEXT:
				t = v.value.text_value;
				break;
			case FREEXL_CELL_DATE:
			case FREEXL_CELL_DATETIME:
				snprintf(num, sizeof num, "%.10s", v.value.text_value);
				t = num;
				break;
			case FREEXL_CELL_TIME:
				snprintf(num, sizeof num, "%.5s", v.value.text_value);
				t = num;
				break;
			default:
				break;
			}
			if (t && *t)
				rows_row_put(&x->row, c, t, strlen(t));
		}
		if (x->row.ncol > 0) {
			*row = (int)++x->next;
			*cells = rows_row_cells(&x->row, n);
			return 1;
		}
	}
	*cells = NULL;
	*n = 0;
	*row = (int)x->rows;
	return 0;
}

const char *xls_sheet(const struct xls *x)
{
	return x->sheet;
}

long xls_total(const struct xls *x)
{
	return (long)x->rows;
}

void xls_close(struct xls **px)
{
	struct xls *x = *px;
	if (!x)
		return;
	if (x->h)
		freexl_close(x->h);
	free(x->sheet);
	rows_row_free(&x->row);
	free(x);
	*px = NULL;
}
