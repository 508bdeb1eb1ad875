/* core/record/sheet.c: every table that leaves the office as a file: CSV (UTF-8 with a BOM, or GBK) and
 * XLSX, the same way for exports and reports.
 *
 * CSV: a UTF-8 BOM first (without it Excel on a Chinese Windows reads the file as GBK and shows
 * mojibake), CRLF line ends, cells quoted only when they must be (csv_write_field), and a text
 * cell starting with = + - @ written with a leading apostrophe so that Excel and WPS show it
 * instead of running it (CSV injection, OWASP); the importers take the apostrophe off again.
 * Number and date cells are never guarded: "-3" is a number.
 *
 * GBK: for the government systems and old Excel versions that read only GBK. The file is written
 * in GB18030, the superset of GBK: a character GBK has (all of GB 2312 and the usual names) is
 * the same bytes in both, and a rare name character (生僻字 such as 䶮) or an emoji is kept instead
 * of being lost. Such a cell is named in a warning on close (row and column as a spreadsheet
 * shows them), because a reader that knows only GBK shows it wrongly.
 *
 * XLSX (libxlsxwriter, constant_memory: a row is written to disk when the next one starts, so a
 * million rows take the memory of one): a worksheet a table, Chinese header in bold and frozen
 * with an autofilter, numbers as number cells, dates as date cells shown yyyy-mm-dd, rates as
 * 0.0%, everything else as text cells, so ID numbers and phones stay text (never 3.20102E+17),
 * and Excel's "number stored as text" marker is switched off for them. Column widths follow the
 * widest of the label and the first rows (2 per CJK character, as Excel measures them). A column
 * of codes written in digits (SC_CODE: ID numbers, phones, 统一社会信用代码, certificate numbers)
 * carries the text number format "@" on its cells and on the column itself, so a number a worker
 * types or pastes into it later stays text too instead of becoming 3.30122E+17.
 *
 * Every worksheet is set up to print: A4, landscape when its columns are wider than a portrait
 * page holds, shrunk to one page wide (as many pages long as it takes), the header row repeated on
 * every page, and a footer "N / M" with the page and the pages; a file of people (one whose notes
 * carry export_notice's line) has PRINT_INTERNAL_LINE in its footer as well, as the text
 * printouts of people have.
 *
 * Either file is written beside its destination and renamed into place on close, so a failed
 * export never leaves half a file under the name asked for. Both are created 0600, the file beside
 * too: what leaves the office holds people's data and is the worker's own, and a
 * group- or world-readable copy in a shared folder is how lists get forwarded. */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sys/stat.h>

#include <nettle/sha2.h>
#include <xlsxwriter.h>

#include "record/record.h"
#include "store/sql.h"

#define SHEET_MEASURE_ROWS 2000    /* rows measured for column widths (a million would cost) */
#define SHEET_WIDTH_MAX 50         /* a long note wraps in Excel's cell editor, not across the screen */
#define SHEET_CELL_MAX 32767       /* characters in an XLSX cell (Excel's limit) */
/* Printing: A4 (paper 9 of the OOXML list) is 8.27 in wide; less the default margins of 0.7 in
 * each side it leaves 6.87 in, 659 pixels at 96 dpi. A column of width w (in characters of the
 * default font, Calibri 11, whose digits are 7 pixels) is 7w + 5 pixels wide on the screen and on
 * paper: columns wider together than a portrait page turn the page landscape. */
#define SHEET_PAPER_A4 9
#define SHEET_PORTRAIT_PX 659
#define SHEET_COL_PX(w) ((int)((w) * 7 + 5))
#define SHEET_FOOTER_PAGES "&P / &N"   /* the page and the pages */
#define SHEET_LISTS_NAME "代码表"         /* the worksheet of the drop-down lists (sheet_choices) */
#define SHEET_DV_TEXT_MAX 255             /* characters of a validation's message (Excel's limit) */
#define SHEET_DV_TITLE_MAX 32             /* characters of its title */

/* A column's drop-down list or input message (sheet_choices), attached on close, when the
 * worksheet of the lists is written. */
struct sheet_choice {
	lxw_worksheet *ws;          /* the worksheet of the column */
	lxw_row_t first;            /* its first data row */
	lxw_col_t col;
	char *title;                /* the column's label */
	char *message;
	char **items;               /* NULL: the message alone */
	int nitems;
	int several;                /* 、-separated values: offered, not questioned */
};

struct sheet {
	int format;
	char *path, *tmp;           /* NULL: stdout */
	int failed;
	long rows;                  /* data rows, all tables */
	int ntables;
	int people;                 /* a note said 内部资料 (export_notice): the footer says it too */

	/* the table being written */
	struct sheet_col *cols;     /* labels owned */
	int ncols;
	char *name;                 /* asked-for table name */
	int part;                   /* XLSX: worksheet of this table (a table past Excel's last row goes on) */
	int *width;                 /* widest cell per column seen in the measured rows */
	long table_rows;
	char **notes;               /* lines waiting for the next table */
	int nnotes;

	/* CSV */
	FILE *fp;
	long line;                  /* spreadsheet row of the line last written */
	struct jy_buf buf, conv;
	size_t *cell_at;            /* byte offset of each cell in buf (GBK messages) */
	iconv_t gbk, gb18030;
	long warn_row, warn_more;
	char warn_col[64], warn_char[8];

	/* XLSX */
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *f_head, *f_date, *f_pct, *f_note, *f_code;
	lxw_row_t row;              /* next row of ws */
	lxw_row_t head_row;
	char **names;               /* worksheet names given, to keep them unique */
	int nnames;
	const char *ws_name;        /* the current worksheet's (one of names) */
	int ncharts;                /* on the current worksheet */
	struct sheet_choice *choices;
	int nchoices;
};

/* ---- formats and names --------------------------------------------------------------------- */

/* path ends in ext, in any case */
static int sheet_ends(const char *path, const char *ext)
{
	size_t n = strlen(path), k = strlen(ext);
	return n >= k && strcasecmp(path + n - k, ext) == 0;
}

int sheet_format_of_path(const char *path, int people)
{
	if (!path || strcmp(path, "-") == 0)
		return people ? -1 : SHEET_CSV;
	if (sheet_ends(path, ".xlsx"))
		return SHEET_XLSX;
	if (sheet_ends(path, ".gbk.csv"))
		return SHEET_CSV_GBK;
	if (sheet_ends(path, ".csv"))
		return SHEET_CSV;
	return people ? SHEET_XLSX : SHEET_CSV;
}

int sheet_format_parse(const char *name, const char *path)
{
	if (!name)
		return sheet_format_of_path(path, 0);
	if (strcasecmp(name, "csv") == 0 || strcasecmp(name, "utf-8") == 0 ||
	    strcasecmp(name, "utf8") == 0)
		return SHEET_CSV;
	if (strcasecmp(name, "gbk") == 0 || strcasecmp(name, "csv-gbk") == 0 ||
	    strcasecmp(name, "gb18030") == 0)
		return SHEET_CSV_GBK;
	if (strcasecmp(name, "xlsx") == 0)
		return SHEET_XLSX;
	return -1;
}

const char *sheet_csv_people_warning(void)
{
	return _("a CSV of people opened by a double-click in Excel, WPS or LibreOffice turns the ID "
	         "numbers into numbers such as 3.30122198202031E+17, their last digits lost: open it "
	         "with the spreadsheet's text import, the ID and phone columns as text, or write an "
	         ".xlsx workbook instead");
}

/* Bytes of s's first max code points. */
static size_t sheet_cp_prefix(const char *s, size_t max)
{
	size_t i = 0, n = 0;
	while (s[i]) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (n == max)
				break;
			n++;
		}
		i++;
	}
	return i;
}

/* Excel's rules for a worksheet name: at most 31 characters, none of []:*?/\, no apostrophe at
 * either end, unique regardless of case. */
static char *sheet_ws_name(struct sheet *sh, const char *want)
{
	char *base = text_clean(want && *want ? want : "Sheet");
	for (char *p = base; *p; p++)
		if (strchr("[]:*?/\\", *p))
			*p = *p == '/' ? '-' : '_';
	if (base[0] == '\'')
		base[0] = '_';
	if (!*base)
		xstrset(&base, "Sheet");
	char *name = NULL;
	for (int k = 1;; k++) {
		char suffix[16] = "";
		if (k > 1)
			snprintf(suffix, sizeof suffix, "(%d)", k);
		size_t keep = sheet_cp_prefix(base, LXW_SHEETNAME_MAX - strlen(suffix));
		free(name);
		name = xasprintf("%.*s%s", (int)keep, base, suffix);
		size_t n = strlen(name);
		if (n && name[n - 1] == '\'')
			name[n - 1] = '_';
		int used = 0;
		for (int i = 0; i < sh->nnames && !used; i++)
			used = strcasecmp(sh->names[i], name) == 0;
		if (!used)
			break;
	}
	free(base);
	sh->names = xrealloc(sh->names, sizeof *sh->names * (size_t)(sh->nnames + 1));
	sh->names[sh->nnames++] = name;
	return name;
}

/* ---- open and close -------------------------------------------------------------------------- */

static int sheet_io_err(struct sheet *sh, struct jy_err *err, int e)
{
	sh->failed = 1;
	if (e == EINVAL)
		return err_set(err, JY_EIO, NULL, _("%s is not a plain file: give the name of a file to write"),
		               path_shown(sh->path ? sh->path : "-"));
	return err_set(err, JY_EIO, NULL, _("%s: cannot write the file: %s"),
	               path_shown(sh->path ? sh->path : "-"), strerror(e));
}

static int sheet_xlsx_err(struct sheet *sh, struct jy_err *err, lxw_error e)
{
	sh->failed = 1;
	if (e == LXW_ERROR_CREATING_XLSX_FILE || e == LXW_ERROR_CREATING_TMPFILE ||
	    e == LXW_ERROR_ZIP_FILE_OPERATION || e == LXW_ERROR_ZIP_FILE_ADD ||
	    e == LXW_ERROR_ZIP_CLOSE)
		return sheet_io_err(sh, err, errno ? errno : EIO);
	return err_set(err, JY_EIO, NULL, _("%s: cannot write the workbook: %s"),
	               path_shown(sh->path ? sh->path : "-"), lxw_strerror(e));
}

static void sheet_xlsx_formats(struct sheet *sh)
{
	sh->f_head = workbook_add_format(sh->wb);
	format_set_bold(sh->f_head);
	format_set_bottom(sh->f_head, LXW_BORDER_THIN);
	sh->f_date = workbook_add_format(sh->wb);
	format_set_num_format(sh->f_date, "yyyy-mm-dd");
	sh->f_pct = workbook_add_format(sh->wb);
	format_set_num_format(sh->f_pct, "0.0%");
	sh->f_note = workbook_add_format(sh->wb);
	format_set_bold(sh->f_note);
	sh->f_code = workbook_add_format(sh->wb);
	format_set_num_format(sh->f_code, "@");
}

/* A column whose cells are text in a workbook (and guarded against formulas in CSV). */
static int sheet_is_text(int type)
{
	return type == SC_TEXT || type == SC_CODE;
}

static FILE *sheet_fopen(const struct sheet *sh)
{
	int fd = path_create_beside(sh->path, sh->tmp);
	FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (fd >= 0 && !fp) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return fp;
}

int sheet_open(const char *path, int format, struct sheet **out, struct jy_err *err)
{
	*out = NULL;
	int to_stdout = !path || strcmp(path, "-") == 0;
	if (format != SHEET_CSV && format != SHEET_CSV_GBK && format != SHEET_XLSX)
		return err_set(err, JY_EINVAL, NULL, _("unknown file format: csv, gbk or xlsx"));
	if (to_stdout && format == SHEET_XLSX)
		return err_set(err, JY_EINVAL, NULL,
		               _("an XLSX workbook cannot go to standard output: name the file with -o"));
	struct sheet *sh = xcalloc(1, sizeof *sh);
	sh->format = format;
	sh->gbk = sh->gb18030 = (iconv_t)-1;
	if (!to_stdout) {
		sh->path = xstrdup(path);
		/* beside the destination, renamed into place on close */
		sh->tmp = path_tmp_name(path);
	}
	if (format == SHEET_XLSX) {
		/* libxlsxwriter creates the file only on close, and says why it could not on stderr
		 * (over the screen): a file that cannot be written is found out here instead. Made
		 * 0600 here, it stays so when libxlsxwriter opens it again to write (and close makes
		 * sure before the rename). */
		FILE *probe = sheet_fopen(sh);
		if (!probe || fclose(probe) != 0) {
			int rc = sheet_io_err(sh, err, errno);
			sheet_close(&sh, 0, NULL);
			return rc;
		}
		lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
		sh->wb = workbook_new_opt(sh->tmp, &opt);
		if (!sh->wb) {
			int rc = sheet_io_err(sh, err, errno ? errno : EIO);
			sheet_close(&sh, 0, NULL);
			return rc;
		}
		sheet_xlsx_formats(sh);
		*out = sh;
		return JY_OK;
	}
	if (format == SHEET_CSV_GBK) {
		sh->gbk = iconv_open("GBK", "UTF-8");
		sh->gb18030 = iconv_open("GB18030", "UTF-8");
		if (sh->gbk == (iconv_t)-1 || sh->gb18030 == (iconv_t)-1) {
			int rc = err_set(err, JY_EIO, NULL, _("this system cannot convert text to GBK"));
			sheet_close(&sh, 0, NULL);
			return rc;
		}
	}
	sh->fp = to_stdout ? stdout : sheet_fopen(sh);
	if (!sh->fp) {
		int rc = sheet_io_err(sh, err, errno);
		sheet_close(&sh, 0, NULL);
		return rc;
	}
	if (format == SHEET_CSV && fwrite("\xEF\xBB\xBF", 1, 3, sh->fp) != 3) {
		int rc = sheet_io_err(sh, err, errno);
		sheet_close(&sh, 0, NULL);
		return rc;
	}
	*out = sh;
	return JY_OK;
}

static void sheet_table_free(struct sheet *sh)
{
	for (int i = 0; i < sh->ncols; i++)
		free((char *)sh->cols[i].label);
	FREE(&sh->cols);
	FREE(&sh->width);
	FREE(&sh->cell_at);
	FREE(&sh->name);
	sh->ncols = 0;
}

static void sheet_notes_free(struct sheet *sh)
{
	for (int i = 0; i < sh->nnotes; i++)
		free(sh->notes[i]);
	FREE(&sh->notes);
	sh->nnotes = 0;
}

/* XLSX: how the worksheet prints (the file's top comment): paper, orientation from px, the
 * columns' width in pixels, one page wide, the header row on every page, the footer. */
static void sheet_ws_print(struct sheet *sh, int px)
{
	worksheet_set_paper(sh->ws, SHEET_PAPER_A4);
	if (px > SHEET_PORTRAIT_PX)
		worksheet_set_landscape(sh->ws);
	else
		worksheet_set_portrait(sh->ws);
	worksheet_fit_to_pages(sh->ws, 1, 0);
	worksheet_repeat_rows(sh->ws, sh->head_row, sh->head_row);
	/* "&" starts a code in a footer: the words carry none */
	worksheet_set_footer(sh->ws, sh->people ? "&L" PRINT_INTERNAL_LINE "&R" SHEET_FOOTER_PAGES
	                                        : "&C" SHEET_FOOTER_PAGES);
}

/* XLSX: what can only be said once the table's rows are known: widths and the text format of
 * code columns, autofilter, the page setup. */
static void sheet_ws_finish(struct sheet *sh)
{
	if (!sh->ws || !sh->ncols)
		return;
	int px = 0;
	for (int c = 0; c < sh->ncols; c++) {
		int w = sh->cols[c].width;
		if (w <= 0) {
			w = text_width(sh->cols[c].label);
			if (sh->width[c] > w)
				w = sh->width[c];
			if (sh->cols[c].type == SC_DATE && w < 10)
				w = 10;
			w = w + 2 > SHEET_WIDTH_MAX ? SHEET_WIDTH_MAX : w + 2;
		}
		/* a cell typed into the column later takes its format: text, a date shown yyyy-mm-dd */
		lxw_format *f = sh->cols[c].type == SC_CODE ? sh->f_code
		              : sh->cols[c].type == SC_DATE ? sh->f_date : NULL;
		worksheet_set_column(sh->ws, (lxw_col_t)c, (lxw_col_t)c, w, f);
		px += SHEET_COL_PX(w);
	}
	lxw_row_t last = sh->row > sh->head_row + 1 ? sh->row - 1 : sh->head_row;
	worksheet_autofilter(sh->ws, sh->head_row, 0, last, (lxw_col_t)(sh->ncols - 1));
	sheet_ws_print(sh, px);
	sh->ws = NULL;
}

static int sheet_fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	int r = fsync(fd);
	close(fd);
	return r;
}

static int sheet_close_csv(struct sheet *sh, int commit, struct jy_err *err)
{
	int rc = JY_OK;
	if (sh->fp == stdout) {
		if (fflush(stdout) != 0 || ferror(stdout))
			rc = sheet_io_err(sh, err, errno);
		return rc;
	}
	int bad = ferror(sh->fp), e = errno;
	if (fflush(sh->fp) != 0 || (commit && fsync(fileno(sh->fp)) != 0))
		bad = 1, e = errno;
	if (fclose(sh->fp) != 0 && !bad)
		bad = 1, e = errno;
	if (bad && commit)
		rc = sheet_io_err(sh, err, e);
	return rc;
}

int sheet_chart(struct sheet *sh, const char *title, int line, int cat, const int *vals, int nvals,
                struct jy_err *err)
{
	if (sh->format != SHEET_XLSX || !sh->ws || sh->row <= sh->head_row + 1 || nvals <= 0)
		return JY_OK;
	lxw_chart *ch = workbook_add_chart(sh->wb, line ? LXW_CHART_LINE : LXW_CHART_COLUMN);
	if (!ch)
		return sheet_xlsx_err(sh, err, LXW_ERROR_MEMORY_MALLOC_FAILED);
	lxw_row_t first = sh->head_row + 1, last = sh->row - 1;
	for (int k = 0; k < nvals; k++) {
		if (vals[k] < 0 || vals[k] >= sh->ncols || cat < 0 || cat >= sh->ncols)
			continue;
		lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
		if (!se)
			return sheet_xlsx_err(sh, err, LXW_ERROR_MEMORY_MALLOC_FAILED);
		chart_series_set_categories(se, sh->ws_name, first, (lxw_col_t)cat, last, (lxw_col_t)cat);
		chart_series_set_values(se, sh->ws_name, first, (lxw_col_t)vals[k], last,
		                        (lxw_col_t)vals[k]);
		chart_series_set_name_range(se, sh->ws_name, sh->head_row, (lxw_col_t)vals[k]);
	}
	chart_title_set_name(ch, title);
	/* below one another, to the right of the first columns, under the header */
	lxw_chart_options opt = { .x_scale = 1.2, .y_scale = 1.0 };
	lxw_error e = worksheet_insert_chart_opt(sh->ws, sh->head_row + 1 + (lxw_row_t)(16 * sh->ncharts),
	                                         (lxw_col_t)(cat + 2), ch, &opt);
	if (e)
		return sheet_xlsx_err(sh, err, e);
	sh->ncharts++;
	return JY_OK;
}

static void sheet_choices_free(struct sheet *sh)
{
	for (int i = 0; i < sh->nchoices; i++) {
		struct sheet_choice *c = &sh->choices[i];
		for (int k = 0; k < c->nitems; k++)
			free(c->items[k]);
		free(c->items);
		free(c->title);
		free(c->message);
	}
	FREE(&sh->choices);
	sh->nchoices = 0;
}

/* s cut to its first max characters, as a new string. */
static char *sheet_cut(const char *s, size_t max)
{
	return xstrndup(s, sheet_cp_prefix(s, max));
}

/* On close: the worksheet of the lists (a column a list, headed by the label of the column it
 * serves), then each column's validation: a list from its range there, or the message alone. */
static int sheet_choices_write(struct sheet *sh, struct jy_err *err)
{
	struct sheet_col *cols = xcalloc((size_t)sh->nchoices, sizeof *cols);
	int *at = xcalloc((size_t)sh->nchoices, sizeof *at), nlists = 0, rows = 0;
	for (int i = 0; i < sh->nchoices; i++) {
		at[i] = -1;
		if (!sh->choices[i].items)
			continue;
		at[i] = nlists;
		cols[nlists++] = (struct sheet_col){ sh->choices[i].title, SC_TEXT, 0 };
		if (sh->choices[i].nitems > rows)
			rows = sh->choices[i].nitems;
	}
	int rc = JY_OK;
	char *sheet = NULL;
	if (nlists) {
		rc = sheet_table(sh, SHEET_LISTS_NAME, cols, nlists, err);
		sheet = rc ? NULL : xstrdup(sh->ws_name);
	}
	const char **cells = xcalloc((size_t)nlists + 1, sizeof *cells);
	for (int r = 0; r < rows && !rc; r++) {
		for (int i = 0; i < sh->nchoices; i++)
			if (at[i] >= 0)
				cells[at[i]] = r < sh->choices[i].nitems ? sh->choices[i].items[r] : "";
		rc = sheet_row(sh, cells, err);
	}
	for (int i = 0; i < sh->nchoices && !rc; i++) {
		struct sheet_choice *c = &sh->choices[i];
		lxw_data_validation dv = { 0 };
		char *formula = NULL;
		dv.input_title = c->title;
		dv.input_message = c->message;
		dv.show_input = LXW_VALIDATION_ON;
		if (at[i] >= 0) {
			char col[16];
			lxw_col_to_name(col, (lxw_col_t)at[i], LXW_TRUE);
			formula = xasprintf("='%s'!%s$2:%s$%d", sheet, col, col, c->nitems + 1);
			dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
			dv.value_formula = formula;
			dv.dropdown = LXW_VALIDATION_ON;
			/* an alias or a label typed is accepted on import: questioned, not refused; several
			 * values in one cell are not questioned at all */
			dv.show_error = c->several ? LXW_VALIDATION_OFF : LXW_VALIDATION_ON;
			dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
			dv.error_title = c->title;
			dv.error_message = c->message;
		} else {
			dv.validate = LXW_VALIDATION_TYPE_ANY;
		}
		lxw_error e = worksheet_data_validation_range(c->ws, c->first, c->col, LXW_ROW_MAX - 1,
		                                              c->col, &dv);
		free(formula);
		if (e)
			rc = sheet_xlsx_err(sh, err, e);
	}
	free(cells);
	free(cols);
	free(at);
	free(sheet);
	return rc;
}

int sheet_choices(struct sheet *sh, int col, const char *const *items, int n, int several,
                  const char *message, struct jy_err *err)
{
	if (sh->failed)
		return err_set(err, JY_EIO, NULL, _("%s: the file was not written"),
		               path_shown(sh->path ? sh->path : "-"));
	if (!sh->wb)
		return JY_OK;
	if (!sh->ws || col < 0 || col >= sh->ncols)
		return err_set(err, JY_EINVAL, NULL, _("a list for a column of no table: call sheet_table first"));
	sh->choices = xrealloc(sh->choices, sizeof *sh->choices * (size_t)(sh->nchoices + 1));
	struct sheet_choice *c = &sh->choices[sh->nchoices++];
	*c = (struct sheet_choice){ .ws = sh->ws, .first = sh->head_row + 1, .col = (lxw_col_t)col,
	                            .several = several };
	c->title = sheet_cut(sh->cols[col].label, SHEET_DV_TITLE_MAX);
	c->message = sheet_cut(message && *message ? message : sh->cols[col].label, SHEET_DV_TEXT_MAX);
	if (n > 0) {
		c->items = xcalloc((size_t)n, sizeof *c->items);
		for (int k = 0; k < n; k++)
			c->items[k] = xstrdup(items[k] ? items[k] : "");
		c->nitems = n;
	}
	return JY_OK;
}

int sheet_close(struct sheet **psh, int commit, struct jy_err *err)
{
	struct sheet *sh = *psh;
	if (!sh)
		return JY_OK;
	int rc = JY_OK, wanted = commit;
	commit = commit && !sh->failed;
	if (sh->wb) {
		if (commit && sh->nchoices)
			rc = sheet_choices_write(sh, err);
		commit = commit && !rc;
		if (commit) {
			sheet_ws_finish(sh);
			lxw_error e = workbook_close(sh->wb);
			if (e != LXW_NO_ERROR)
				rc = sheet_xlsx_err(sh, err, e);
			else if (chmod(sh->tmp, 0600) != 0 || sheet_fsync_path(sh->tmp) != 0)
				rc = sheet_io_err(sh, err, errno);
		} else {
			lxw_workbook_free(sh->wb);
		}
	} else if (sh->fp) {
		rc = sheet_close_csv(sh, commit, err);
	}
	if (sh->tmp && commit && !rc && rename(sh->tmp, sh->path) != 0)
		rc = sheet_io_err(sh, err, errno);
	if (sh->tmp && (!commit || rc))
		unlink(sh->tmp);
	if (commit && !rc && sh->warn_row) {
		char more[96] = "";
		if (sh->warn_more)
			snprintf(more, sizeof more, _(" (and %ld more cells)"), sh->warn_more);
		err_set(err, JY_OK, sh->warn_col,
		        _("row %ld, column %s: %s is not a GBK character; the file keeps it (GB18030), but "
		          "a program that reads only GBK shows it wrongly%s: a UTF-8 CSV or XLSX file "
		          "keeps every character"),
		        sh->warn_row, sh->warn_col, sh->warn_char, more);
		if (err)
			err->warn = 1;
	}
	if (wanted && sh->failed && !rc)
		rc = JY_EIO;            /* err already says why, from the call that failed */
	if (sh->gbk != (iconv_t)-1)
		iconv_close(sh->gbk);
	if (sh->gb18030 != (iconv_t)-1)
		iconv_close(sh->gb18030);
	sheet_table_free(sh);
	sheet_notes_free(sh);
	sheet_choices_free(sh);
	for (int i = 0; i < sh->nnames; i++)
		free(sh->names[i]);
	free(sh->names);
	buf_free(&sh->buf);
	buf_free(&sh->conv);
	free(sh->path);
	free(sh->tmp);
	free(sh);
	*psh = NULL;
	return rc;
}

long sheet_rows(const struct sheet *sh)
{
	return sh ? sh->rows : 0;
}

/* ---- CSV lines -------------------------------------------------------------------------------- */

/* The column name of the cell holding byte off of the line. */
static int sheet_cell_of(const struct sheet *sh, size_t off)
{
	int c = 0;
	while (c + 1 < sh->ncols && sh->cell_at && sh->cell_at[c + 1] <= off)
		c++;
	return c;
}

/* Convert buf into conv with cd; 0, or -1 with *bad the offset of the character cd cannot take. */
static int sheet_iconv(iconv_t cd, const struct jy_buf *in, struct jy_buf *out, size_t *bad)
{
	iconv(cd, NULL, NULL, NULL, NULL);
	buf_reset(out);
	if (out->cap < in->len * 2 + 16) {
		out->cap = in->len * 2 + 16;
		out->s = xrealloc(out->s, out->cap);
	}
	char *ip = in->s;
	size_t il = in->len;
	char *op = out->s;
	size_t ol = out->cap;
	/* GB18030 takes at most 4 bytes for a UTF-8 character of 1-4 bytes: 2n + 16 is enough */
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		*bad = (size_t)(ip - in->s);
		return -1;
	}
	out->len = (size_t)(op - out->s);
	return 0;
}

static void sheet_gbk_warn(struct sheet *sh, size_t off, int is_line)
{
	if (sh->warn_row) {
		sh->warn_more++;
		return;
	}
	sh->warn_row = sh->line;
	const char *p = sh->buf.s + off;
	size_t n = 1;
	while (n < 4 && ((unsigned char)p[n] & 0xC0) == 0x80)
		n++;
	snprintf(sh->warn_char, sizeof sh->warn_char, "%.*s", (int)n, p);
	if (is_line)
		snprintf(sh->warn_col, sizeof sh->warn_col, "A");
	else
		snprintf(sh->warn_col, sizeof sh->warn_col, "%s", sh->cols[sheet_cell_of(sh, off)].label);
}

/* Write buf (one UTF-8 line with its CRLF) in the file's encoding. is_line: a note or title, not
 * a row of the table (its column is A). */
static int sheet_put_line(struct sheet *sh, int is_line, struct jy_err *err)
{
	sh->line++;
	const char *s = sh->buf.s;
	size_t n = sh->buf.len;
	if (sh->format == SHEET_CSV_GBK) {
		size_t bad = 0;
		if (sheet_iconv(sh->gbk, &sh->buf, &sh->conv, &bad) < 0) {
			sheet_gbk_warn(sh, bad, is_line);
			if (sheet_iconv(sh->gb18030, &sh->buf, &sh->conv, &bad) < 0) {
				sh->failed = 1;
				return err_set(err, JY_EINVAL, NULL,
				               _("row %ld: the text is not valid UTF-8 and cannot be written as GBK"),
				               sh->line);
			}
		}
		s = sh->conv.s;
		n = sh->conv.len;
	}
	if (n && fwrite(s, 1, n, sh->fp) != n)
		return sheet_io_err(sh, err, errno);
	return JY_OK;
}

/* A text cell: guarded against formulas. */
static void sheet_csv_text(struct jy_buf *b, const char *v)
{
	if (v && *v && strchr(CSV_FORMULA_CHARS, v[0])) {
		char *guarded = xasprintf("'%s", v);
		csv_write_field(b, guarded);
		free(guarded);
	} else {
		csv_write_field(b, v);
	}
}

static int sheet_csv_one(struct sheet *sh, const char *text, struct jy_err *err)
{
	buf_reset(&sh->buf);
	sheet_csv_text(&sh->buf, text);
	buf_adds(&sh->buf, "\r\n");
	return sheet_put_line(sh, 1, err);
}

static int sheet_csv_table(struct sheet *sh, struct jy_err *err)
{
	int rc = JY_OK;
	if (sh->ntables > 1) {
		buf_reset(&sh->buf);
		buf_adds(&sh->buf, "\r\n");
		if ((rc = sheet_put_line(sh, 1, err)) || (rc = sheet_csv_one(sh, sh->name, err)))
			return rc;
	}
	for (int i = 0; i < sh->nnotes && !rc; i++)
		rc = sheet_csv_one(sh, sh->notes[i], err);
	if (rc)
		return rc;
	buf_reset(&sh->buf);
	for (int c = 0; c < sh->ncols; c++) {
		sh->cell_at[c] = sh->buf.len;
		if (c)
			buf_adds(&sh->buf, ",");
		sheet_csv_text(&sh->buf, sh->cols[c].label);
	}
	buf_adds(&sh->buf, "\r\n");
	return sheet_put_line(sh, 0, err);
}

/* A number as a spreadsheet reads it; rates as "33.1%", which Excel and WPS read as a number
 * shown as a percentage. */
static void sheet_csv_number(struct jy_buf *b, const struct sheet_col *col, const char *v)
{
	char *end = NULL;
	double d = v ? strtod(v, &end) : 0;
	if (!v || !*v)
		return;
	if (col->type == SC_PCT && end && *end == '\0' && isfinite(d))
		buf_addf(b, "%.1f%%", d * 100);
	else
		csv_write_field(b, v);
}

static int sheet_csv_row(struct sheet *sh, const char *const *cells, struct jy_err *err)
{
	buf_reset(&sh->buf);
	for (int c = 0; c < sh->ncols; c++) {
		sh->cell_at[c] = sh->buf.len;
		if (c)
			buf_adds(&sh->buf, ",");
		const char *v = cells[c];
		if (sheet_is_text(sh->cols[c].type))
			sheet_csv_text(&sh->buf, v);
		else if (sh->cols[c].type == SC_DATE)
			csv_write_field(&sh->buf, v);
		else
			sheet_csv_number(&sh->buf, &sh->cols[c], v);
	}
	buf_adds(&sh->buf, "\r\n");
	return sheet_put_line(sh, 0, err);
}

/* ---- XLSX worksheets ------------------------------------------------------------------------ */

/* A worksheet for the current table: its notes, the header, frozen below it. */
static int sheet_ws_start(struct sheet *sh, struct jy_err *err)
{
	char *want = sh->part > 1 ? xasprintf("%s(%d)", sh->name, sh->part) : xstrdup(sh->name);
	const char *name = sheet_ws_name(sh, want);
	free(want);
	sh->ws_name = name;
	sh->ncharts = 0;
	sh->ws = workbook_add_worksheet(sh->wb, name);
	if (!sh->ws)
		return sheet_xlsx_err(sh, err, LXW_ERROR_CREATING_TMPFILE);
	sh->row = 0;
	lxw_error e = LXW_NO_ERROR;
	for (int i = 0; sh->part == 1 && i < sh->nnotes && !e; i++, sh->row++) {
		if (sh->ncols > 1)
			e = worksheet_merge_range(sh->ws, sh->row, 0, sh->row, (lxw_col_t)(sh->ncols - 1),
			                          sh->notes[i], sh->f_note);
		else
			e = worksheet_write_string(sh->ws, sh->row, 0, sh->notes[i], sh->f_note);
	}
	sh->head_row = sh->row;
	for (int c = 0; c < sh->ncols && !e; c++)
		e = worksheet_write_string(sh->ws, sh->row, (lxw_col_t)c, sh->cols[c].label, sh->f_head);
	if (e)
		return sheet_xlsx_err(sh, err, e);
	sh->row++;
	worksheet_freeze_panes(sh->ws, sh->row, 0);
	/* IDs, phones and codes are text on purpose: no green triangle on each of them */
	worksheet_ignore_errors(sh->ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A1:XFD1048576");
	return JY_OK;
}

/* A string as XLSX takes it: valid UTF-8 (an invalid byte would make the whole file unreadable)
 * and at most 32767 characters. Returns v or *tmp (Caller frees *tmp). */
static const char *sheet_xlsx_text(const char *v, char **tmp)
{
	const char *s = v;
	size_t n = strlen(v);
	if (!text_valid_utf8(v, n))
		s = *tmp = text_clean(v);
	if (n > SHEET_CELL_MAX) {
		size_t keep = sheet_cp_prefix(s, SHEET_CELL_MAX);
		char *cut = xstrndup(s, keep);
		free(*tmp);
		s = *tmp = cut;
	}
	return s;
}

static lxw_error sheet_xlsx_cell(struct sheet *sh, int c, const char *v)
{
	const struct sheet_col *col = &sh->cols[c];
	lxw_col_t x = (lxw_col_t)c;
	if (col->type == SC_DATE) {
		int y, m, d;
		if (date_split(v, &y, &m, &d)) {
			lxw_datetime dt = { .year = y, .month = m, .day = d };
			return worksheet_write_datetime(sh->ws, sh->row, x, &dt, sh->f_date);
		}
	} else if (!sheet_is_text(col->type)) {
		char *end = NULL;
		double num = strtod(v, &end);
		if (end != v && *end == '\0' && isfinite(num))
			return worksheet_write_number(sh->ws, sh->row, x, num,
			                              col->type == SC_PCT ? sh->f_pct : NULL);
	}
	char *tmp = NULL;
	lxw_error e = worksheet_write_string(sh->ws, sh->row, x, sheet_xlsx_text(v, &tmp),
	                                     col->type == SC_CODE ? sh->f_code : NULL);
	free(tmp);
	return e;
}

static int sheet_xlsx_row(struct sheet *sh, const char *const *cells, struct jy_err *err)
{
	if (sh->row >= LXW_ROW_MAX) {
		/* past Excel's last row: the table goes on in a worksheet of its own, header again */
		sheet_ws_finish(sh);
		sh->part++;
		int rc = sheet_ws_start(sh, err);
		if (rc)
			return rc;
	}
	int measure = sh->table_rows < SHEET_MEASURE_ROWS;
	for (int c = 0; c < sh->ncols; c++) {
		const char *v = cells[c];
		if (!v || !*v)
			continue;
		lxw_error e = sheet_xlsx_cell(sh, c, v);
		if (e)
			return sheet_xlsx_err(sh, err, e);
		if (measure && sheet_is_text(sh->cols[c].type)) {
			int w = text_width(v);
			if (w > sh->width[c])
				sh->width[c] = w;
		} else if (measure && sh->cols[c].type != SC_DATE && (int)strlen(v) > sh->width[c]) {
			sh->width[c] = (int)strlen(v);
		}
	}
	sh->row++;
	return JY_OK;
}

/* ---- tables and rows -------------------------------------------------------------------------- */

int sheet_note(struct sheet *sh, const char *text, struct jy_err *err)
{
	if (sh->failed)
		return err_set(err, JY_EIO, NULL, _("%s: the file was not written"),
		               path_shown(sh->path ? sh->path : "-"));
	sh->notes = xrealloc(sh->notes, sizeof *sh->notes * (size_t)(sh->nnotes + 1));
	sh->notes[sh->nnotes++] = xstrdup(text ? text : "");
	if (text && strncmp(text, EXPORT_NOTICE_MARK, strlen(EXPORT_NOTICE_MARK)) == 0)
		sh->people = 1;
	return JY_OK;
}

int sheet_table(struct sheet *sh, const char *name, const struct sheet_col *cols, int ncols,
                struct jy_err *err)
{
	if (sh->failed)
		return err_set(err, JY_EIO, NULL, _("%s: the file was not written"),
		               path_shown(sh->path ? sh->path : "-"));
	if (ncols <= 0 || ncols > 16384)
		return err_set(err, JY_EINVAL, NULL, _("a table needs 1 to 16384 columns"));
	if (sh->wb)
		sheet_ws_finish(sh);
	sheet_table_free(sh);
	sh->ntables++;
	sh->name = xstrdup(name && *name ? name : "Sheet");
	sh->cols = xcalloc((size_t)ncols, sizeof *sh->cols);
	for (int c = 0; c < ncols; c++) {
		sh->cols[c] = cols[c];
		sh->cols[c].label = xstrdup(cols[c].label ? cols[c].label : "");
	}
	sh->ncols = ncols;
	sh->width = xcalloc((size_t)ncols, sizeof *sh->width);
	sh->cell_at = xcalloc((size_t)ncols, sizeof *sh->cell_at);
	sh->table_rows = 0;
	sh->part = 1;
	int rc = sh->wb ? sheet_ws_start(sh, err) : sheet_csv_table(sh, err);
	sheet_notes_free(sh);
	return rc;
}

int sheet_row(struct sheet *sh, const char *const *cells, struct jy_err *err)
{
	if (sh->failed)
		return err_set(err, JY_EIO, NULL, _("%s: the file was not written"),
		               path_shown(sh->path ? sh->path : "-"));
	if (!sh->ncols)
		return err_set(err, JY_EINVAL, NULL, _("a row before its table: call sheet_table first"));
	int rc = sh->wb ? sheet_xlsx_row(sh, cells, err) : sheet_csv_row(sh, cells, err);
	if (rc == JY_OK) {
		sh->rows++;
		sh->table_rows++;
	}
	return rc;
}

/* ---- the exporters' side (export.c, jobs_io.c, training_io.c) -------------------------------- */

int sheet_type_of_field(const struct field_def *fd)
{
	if (fd->kind == FK_DATE)
		return SC_DATE;
	if (fd->flags & FF_NUM)
		return SC_INT;
	/* ID numbers, phones, codes in digits: text, never a number Excel rounds */
	if (fd->kind == FK_IDNO || fd->kind == FK_PHONE || (fd->flags & FF_DIGITS))
		return SC_CODE;
	return SC_TEXT;
}

int sheet_cols_of_fields(const struct field_def *defs, int n, int flags, struct sheet_col *cols)
{
	int k = 0;
	for (int f = 0; f < n; f++)
		if ((defs[f].flags & flags) == flags)
			cols[k++] = (struct sheet_col){ defs[f].label, sheet_type_of_field(&defs[f]), 0 };
	return k;
}

int sheet_export_noted(const char *path, int format, const char *note, const char *name,
                       const struct sheet_col *cols, int ncols,
                       int (*write)(void *ctx, struct sheet *sh, struct jy_err *err), void *ctx,
                       int *rows, struct jy_err *err)
{
	struct sheet *sh = NULL;
	if (rows)
		*rows = 0;
	int rc = sheet_open(path, format, &sh, err);
	if (rc)
		return rc;
	if (note)
		rc = sheet_note(sh, note, err);
	if (!rc)
		rc = sheet_table(sh, name, cols, ncols, err);
	if (!rc)
		rc = write(ctx, sh, err);
	if (rows)
		*rows = (int)sheet_rows(sh);
	int rc2 = sheet_close(&sh, rc == JY_OK, rc ? NULL : err);
	return rc ? rc : rc2;
}

int sheet_export(const char *path, int format, const char *name, const struct sheet_col *cols,
                 int ncols, int (*write)(void *ctx, struct sheet *sh, struct jy_err *err), void *ctx,
                 int *rows, struct jy_err *err)
{
	return sheet_export_noted(path, format, NULL, name, cols, ncols, write, ctx, rows, err);
}

/* ---- the file as written: its SHA-256 for the trail ------------------------- */

int sheet_sha256(const char *path, char hex[65], struct jy_err *err)
{
	hex[0] = '\0';
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	if (fd < 0)
		return err_set(err, JY_EIO, NULL, _("%s: cannot read the file: %s"),
		               path_shown(path ? path : "-"), strerror(errno));
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	unsigned char *chunk = xmalloc(1 << 16);
	ssize_t n;
	while ((n = read(fd, chunk, 1 << 16)) > 0 || (n < 0 && errno == EINTR))
		if (n > 0)
			sha256_update(&ctx, (size_t)n, chunk);
	int e = errno;
	close(fd);
	free(chunk);
	if (n < 0)
		return err_set(err, JY_EIO, NULL, _("%s: cannot read the file: %s"),
		               path_shown(path), strerror(e));
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_digest(&ctx, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	return JY_OK;
}
