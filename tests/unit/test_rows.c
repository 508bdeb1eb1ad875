/* tests/unit/test_rows.c: the row source every import reads: Excel's serial dates (the 1900
 * system with its 29 February 1900 that never was, and the 1904 system), numbers as Excel writes
 * them to CSV, cells in date and time formats read from a workbook written by libxlsxwriter, a
 * CSV file's rows and line count, and the names of cells in messages. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* Worked out from the definition, not from the code: in the 1900 system serial 1 is 1900-01-01
 * and Excel counts a day 60 for 29 February 1900, so from serial 61 on a date is 1899-12-30 +
 * serial days; in the 1904 system a date is 1904-01-01 + serial days. */
static const struct {
	double serial;
	int date1904;
	const char *out;        /* NULL: refused */
} serials[] = {
	{ 1,        0, "1900-01-01" },
	{ 59,       0, "1900-02-28" },
	{ 60,       0, "1900-02-29" },     /* Lotus' leap day, kept by Excel: the date check refuses it */
	{ 61,       0, "1900-03-01" },
	{ 25569,    0, "1970-01-01" },
	{ 36526,    0, "2000-01-01" },     /* 1899-12-30 + 36526 days */
	{ 46329,    0, "2026-11-03" },     /* 幸福里社区's registration day in the ledgers */
	{ 46329.75, 0, "2026-11-03" },     /* 18:00 the same day */
	{ 46329.99999999, 0, "2026-11-04" }, /* a hair below midnight: Excel shows the next day */
	{ 0,        1, "1904-01-01" },
	{ 1,        1, "1904-01-02" },
	{ 44867,    1, "2026-11-03" },     /* 46329 - 1462: the same day in the 1904 system */
	{ 2958465,  0, "9999-12-31" },
	{ -1,       0, NULL },
	{ 2958466,  0, NULL },
};

static void test_serial_dates(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(serials); i++) {
		char out[11];
		int rc = rows_serial_date(serials[i].serial, serials[i].date1904, out);
		if (!serials[i].out) {
			if (rc != JY_EINVAL)
				fail_msg("serial %f accepted as %s", serials[i].serial, out);
			continue;
		}
		if (rc != JY_OK || strcmp(out, serials[i].out) != 0)
			fail_msg("serial %f (%s): %s, expected %s", serials[i].serial,
			         serials[i].date1904 ? "1904" : "1900", rc ? "refused" : out, serials[i].out);
	}
}

static const struct {
	double v;
	const char *out;
} numbers[] = {
	{ 13800000001.0,           "13800000001" },            /* a phone typed as a number */
	{ 330122198001010048.0,    "3.3012219800101E+17" },    /* an ID number: 15 digits, as Excel shows it */
	{ 999999999999999.0,       "999999999999999" },        /* 15 digits: still whole */
	{ 1e15,                    "1E+15" },
	{ 0.5,                     "0.5" },
	{ 0.1 + 0.2,               "0.3" },                    /* 15 significant digits, as Excel shows */
	{ 3000.0,                  "3000" },
	{ -0.0,                    "0" },
	{ -12.25,                  "-12.25" },
};

static void test_numbers(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(numbers); i++) {
		char out[32];
		rows_number_text(numbers[i].v, out);
		if (strcmp(out, numbers[i].out) != 0)
			fail_msg("%.17g: \"%s\", expected \"%s\"", numbers[i].v, out, numbers[i].out);
	}
}

/* One cell of each kind, written by libxlsxwriter (not by the reader's own code), read back. */
static const struct {
	const char *format;     /* number format, NULL: none */
	double number;          /* written as a number when text is NULL */
	const char *text;
	const char *want;
} cells[] = {
	{ "yyyy-mm-dd",          46329, NULL, "2026-11-03" },
	{ "yyyy\"年\"m\"月\"d\"日\"", 46329, NULL, "2026-11-03" },     /* 2026年11月3日 */
	{ "[$-804]yyyy/m/d",     46329, NULL, "2026-11-03" },
	{ "m/d/yy h:mm",         46329.5, NULL, "2026-11-03" },      /* date and time: the date */
	{ "h:mm",                0.375, NULL, "09:00" },
	{ "[h]:mm",              0.5,  NULL, "12:00" },
	{ "0.00E+00",            46329, NULL, "46329" },             /* E is no era here */
	{ "#,##0",               46329, NULL, "46329" },
	{ "\"第\"0\"号\"",        7,    NULL, "7" },                   /* d inside quotes: no date */
	{ "@",                   0,    "330122198001010048", "330122198001010048" },
	{ NULL,                  330122198001010048.0, NULL, "3.3012219800101E+17" },
	{ NULL,                  0,    "幸福里社区", "幸福里社区" },
};

static void test_workbook_cells(void **state)
{
	(void)state;
	char path[] = "/tmp/test_rows_XXXXXX.xlsx";
	int fd = mkstemps(path, 5);
	assert_true(fd >= 0);
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "台账");
	worksheet_write_string(ws, 0, 0, "幸福里社区失业人员登记台账（2026年11月）", NULL);
	for (size_t i = 0; i < ARRAY_LEN(cells); i++) {
		lxw_format *f = NULL;
		if (cells[i].format) {
			f = workbook_add_format(wb);
			format_set_num_format(f, cells[i].format);
		}
		if (cells[i].text)
			worksheet_write_string(ws, (lxw_row_t)(i + 2), 1, cells[i].text, f);
		else
			worksheet_write_number(ws, (lxw_row_t)(i + 2), 1, cells[i].number, f);
	}
	workbook_add_worksheet(wb, "第二页");
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	struct row_source *src;
	struct jy_err err = { 0 };
	assert_int_equal(rows_open(path, NULL, &src, &err), JY_OK);
	assert_int_equal(rows_kind(src), ROWS_XLSX);
	assert_string_equal(rows_sheet(src), "台账");
	assert_int_equal(rows_total(src), (long)ARRAY_LEN(cells) + 2);  /* the dimension A1:B14 */
	char **c;
	int n, row;
	assert_int_equal(rows_next(src, &c, &n, &row, &err), 1);
	assert_int_equal(row, 1);
	assert_string_equal(c[0], "幸福里社区失业人员登记台账（2026年11月）");
	for (size_t i = 0; i < ARRAY_LEN(cells); i++) {
		assert_int_equal(rows_next(src, &c, &n, &row, &err), 1);
		assert_int_equal(row, (int)i + 3);      /* row 2 is empty: no row at all */
		assert_int_equal(n, 2);
		assert_string_equal(c[0], "");
		if (strcmp(c[1], cells[i].want) != 0)
			fail_msg("format %s: \"%s\", expected \"%s\"", cells[i].format ? cells[i].format : "none",
			         c[1], cells[i].want);
	}
	assert_int_equal(rows_next(src, &c, &n, &row, &err), 0);
	char name[64];
	rows_cell_name(src, 7, 1, name, sizeof name);
	assert_string_equal(name, "台账!B7");
	rows_close(&src);
	assert_null(src);

	assert_int_equal(rows_open(path, "第三页", &src, &err), JY_EINVAL);
	assert_non_null(strstr(err.msg, "台账, 第二页"));
	assert_int_equal(rows_open(path, "第二页", &src, &err), JY_OK);
	assert_int_equal(rows_next(src, &c, &n, &row, &err), 0);       /* an empty sheet: no rows */
	rows_close(&src);
	unlink(path);
}

static void test_csv_rows(void **state)
{
	(void)state;
	char path[] = "/tmp/test_rows_XXXXXX.csv";
	int fd = mkstemps(path, 4);
	assert_true(fd >= 0);
	const char text[] = "姓名,身份证号\r\n王秀兰,33012219770412002X\r\n\r\n李娟,330122198001010048\r\n";
	assert_int_equal(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
	close(fd);
	struct row_source *src;
	struct jy_err err = { 0 };
	assert_int_equal(rows_open(path, NULL, &src, &err), JY_OK);
	assert_int_equal(rows_kind(src), ROWS_CSV);
	assert_null(rows_sheet(src));
	assert_int_equal(rows_total(src), 4);
	char **c;
	int n, row;
	assert_int_equal(rows_next(src, &c, &n, &row, &err), 1);
	assert_int_equal(rows_next(src, &c, &n, &row, &err), 1);
	assert_int_equal(rows_next(src, &c, &n, &row, &err), 1);
	assert_int_equal(row, 4);               /* the blank line is a row of its own */
	assert_string_equal(c[0], "李娟");
	char name[64];
	rows_cell_name(src, 4, 1, name, sizeof name);
	assert_string_equal(name, "B4");
	rows_close(&src);
	assert_int_equal(rows_open(path, "台账", &src, &err), JY_EINVAL);
	assert_string_equal(err.field, "--sheet");
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_serial_dates),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_workbook_cells),
		cmocka_unit_test(test_csv_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
