/* tests/unit/test_sheet.c: the sheet writer (core/sheet.c): CSV bytes as Excel and WPS read them
 * (BOM, quoting, formula guard, GBK and its warning), XLSX read back with a real reader. */
#include "testutil.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct jy_buf b = { 0 };
	char chunk[4096];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, k);
	fclose(f);
	*n = b.len;
	return b.s ? buf_steal(&b) : xstrdup("");
}

static char *tmp_path(const char *name)
{
	return xasprintf("%s/jiuye-sheet-%d-%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
	                 (int)getpid(), name);
}

static const struct sheet_col cols[] = {
	{ "身份证号", SC_TEXT, 0 },
	{ "姓名", SC_TEXT, 0 },
	{ "登记日期", SC_DATE, 0 },
	{ "年龄", SC_INT, 0 },
	{ "就业率", SC_PCT, 0 },
	{ "备注", SC_TEXT, 0 },
};

/* A table written through the API; the file's bytes (Caller frees). */
static char *write_file(const char *path, int format, const char *const (*rows)[6], int nrows,
                        struct jy_err *err, int *rc_close)
{
	struct sheet *sh = NULL;
	assert_int_equal(sheet_open(path, format, &sh, err), JY_OK);
	assert_int_equal(sheet_table(sh, "居民名单", cols, 6, err), JY_OK);
	for (int i = 0; i < nrows; i++)
		assert_int_equal(sheet_row(sh, rows[i], err), JY_OK);
	assert_int_equal(sheet_rows(sh), nrows);
	*rc_close = sheet_close(&sh, 1, err);
	assert_null(sh);
	size_t n;
	return slurp(path, &n);
}

static const char *const people[][6] = {
	{ "320102199003070018", "张晓红", "2026-03-05", "35", "0.331", "说\"好\",再来" },
	{ "32010219850101002X", "王 强", "", "", "", "=HYPERLINK(\"x\")" },
	{ "320102197001010013", "李娜", "2025-12-01", "-3", "1", "+86 138" },
};

static void test_csv_utf8(void **state)
{
	(void)state;
	char *path = tmp_path("a.csv");
	struct jy_err err = { 0 };
	int rc;
	char *s = write_file(path, SHEET_CSV, people, 3, &err, &rc);
	assert_int_equal(rc, JY_OK);
	assert_int_equal(err.warn, 0);
	assert_string_equal(s,
		"\xEF\xBB\xBF身份证号,姓名,登记日期,年龄,就业率,备注\r\n"
		"320102199003070018,张晓红,2026-03-05,35,33.1%,\"说\"\"好\"\",再来\"\r\n"
		"32010219850101002X,王 强,,,,\"'=HYPERLINK(\"\"x\"\")\"\r\n"
		"320102197001010013,李娜,2025-12-01,-3,100.0%,'+86 138\r\n");
	free(s);
	/* nothing left beside it */
	char *tmp = xasprintf("%s.tmp", path);
	assert_int_not_equal(access(tmp, F_OK), 0);
	free(tmp);
	unlink(path);
	free(path);
}

static void test_csv_tables_and_notes(void **state)
{
	(void)state;
	char *path = tmp_path("b.csv");
	struct jy_err err = { 0 };
	struct sheet *sh = NULL;
	static const struct sheet_col two[] = { { "指标", SC_TEXT, 0 }, { "人数", SC_INT, 0 } };
	assert_int_equal(sheet_open(path, SHEET_CSV, &sh, &err), JY_OK);
	assert_int_equal(sheet_note(sh, "2026年11月 就业情况", &err), JY_OK);
	assert_int_equal(sheet_table(sh, "汇总", two, 2, &err), JY_OK);
	assert_int_equal(sheet_row(sh, (const char *const[]){ "登记失业人员数", "12" }, &err), JY_OK);
	assert_int_equal(sheet_table(sh, "按社区", two, 2, &err), JY_OK);
	assert_int_equal(sheet_row(sh, (const char *const[]){ "-", NULL }, &err), JY_OK);
	assert_int_equal(sheet_rows(sh), 2);
	assert_int_equal(sheet_close(&sh, 1, &err), JY_OK);
	size_t n;
	char *s = slurp(path, &n);
	assert_string_equal(s, "\xEF\xBB\xBF" "2026年11月 就业情况\r\n指标,人数\r\n登记失业人员数,12\r\n"
	                       "\r\n按社区\r\n指标,人数\r\n'-,\r\n");
	free(s);
	unlink(path);
	free(path);
}

static void test_csv_gbk(void **state)
{
	(void)state;
	char *path = tmp_path("c.csv");
	struct jy_err err = { 0 };
	int rc;
	static const char *const rows[][6] = {
		{ "320102199003070018", "张晓红", "", "", "", "" },
		{ "320102199003070026", "李䶮", "", "", "", "" },      /* U+4DAE: GB18030, not GBK */
		{ "320102199003070034", "赵😀", "", "", "", "" },
	};
	char *s = write_file(path, SHEET_CSV_GBK, rows, 3, &err, &rc);
	assert_int_equal(rc, JY_OK);
	/* no BOM; GBK bytes of 身份证号 and 张晓红 */
	assert_memory_equal(s, "\xC9\xED\xB7\xDD\xD6\xA4\xBA\xC5,", 9);
	assert_non_null(strstr(s, "\xD5\xC5\xCF\xFE\xBA\xEC"));
	/* the file is the GB18030 of what was written: it reads back as the same text */
	size_t n = 0;
	char *u = text_to_utf8("GB18030", s, strlen(s), &n);
	assert_non_null(u);
	assert_non_null(strstr(u, "李䶮"));
	assert_non_null(strstr(u, "赵😀"));
	free(u);
	/* and the worker is told where the first one is: row 3, column 姓名 */
	assert_int_equal(err.warn, 1);
	assert_string_equal(err.field, "姓名");
	assert_non_null(strstr(err.msg, "row 3"));
	assert_non_null(strstr(err.msg, "䶮"));
	assert_non_null(strstr(err.msg, "1 more"));
	free(s);
	unlink(path);
	free(path);
}

static void test_format_parse(void **state)
{
	(void)state;
	assert_int_equal(sheet_format_parse("csv", NULL), SHEET_CSV);
	assert_int_equal(sheet_format_parse("XLSX", "a.csv"), SHEET_XLSX);
	assert_int_equal(sheet_format_parse("gbk", NULL), SHEET_CSV_GBK);
	assert_int_equal(sheet_format_parse("csv-gbk", NULL), SHEET_CSV_GBK);
	assert_int_equal(sheet_format_parse("pdf", NULL), -1);
	assert_int_equal(sheet_format_parse(NULL, "/home/王/居民名单.XLSX"), SHEET_XLSX);
	assert_int_equal(sheet_format_parse(NULL, "居民名单.csv"), SHEET_CSV);
	assert_int_equal(sheet_format_parse(NULL, NULL), SHEET_CSV);
}

static void test_refusals(void **state)
{
	(void)state;
	struct jy_err err = { 0 };
	struct sheet *sh = NULL;
	assert_int_equal(sheet_open("-", SHEET_XLSX, &sh, &err), JY_EINVAL);
	assert_null(sh);
	assert_int_equal(sheet_open("/nonexistent-dir/x.csv", SHEET_CSV, &sh, &err), JY_EIO);
	assert_null(sh);
	assert_non_null(strstr(err.msg, "/nonexistent-dir/x.csv"));
	assert_int_equal(sheet_open("/nonexistent-dir/x.xlsx", SHEET_XLSX, &sh, &err), JY_EIO);
	assert_null(sh);
}

/* A failed or abandoned export leaves nothing under the name, nor beside it. */
static void test_abandon(void **state)
{
	(void)state;
	struct jy_err err = { 0 };
	for (int format = SHEET_CSV; format <= SHEET_XLSX; format++) {
		char *path = tmp_path(format == SHEET_XLSX ? "d.xlsx" : "d.csv");
		char *tmp = xasprintf("%s.tmp", path);
		struct sheet *sh = NULL;
		assert_int_equal(sheet_open(path, format, &sh, &err), JY_OK);
		assert_int_equal(sheet_table(sh, "居民", cols, 6, &err), JY_OK);
		assert_int_equal(sheet_row(sh, people[0], &err), JY_OK);
		assert_int_equal(sheet_close(&sh, 0, &err), JY_OK);
		assert_int_not_equal(access(path, F_OK), 0);
		assert_int_not_equal(access(tmp, F_OK), 0);
		free(tmp);
		free(path);
	}
}

static const char reader[] =
	"import sys, datetime, openpyxl\n"
	"wb = openpyxl.load_workbook(sys.argv[1])\n"
	"assert wb.sheetnames == ['居民名单', '居民名单(2)', 'a_b-c_' + 'x' * 25], wb.sheetnames\n"
	"ws = wb['居民名单']\n"
	"rows = list(ws.iter_rows(values_only=True))\n"
	"assert ws.freeze_panes == 'A2', ws.freeze_panes\n"
	"assert rows[0] == ('身份证号', '姓名', '登记日期', '年龄', '就业率', '备注'), rows[0]\n"
	"assert ws['A1'].font.b\n"
	"assert rows[1][0] == '320102199003070018' and rows[1][1] == '张晓红'\n"
	"assert rows[1][2] == datetime.datetime(2026, 3, 5), rows[1][2]\n"
	"assert ws['C2'].number_format == 'yyyy-mm-dd', ws['C2'].number_format\n"
	"assert rows[1][3] == 35 and isinstance(rows[1][3], int), rows[1][3]\n"
	"assert abs(rows[1][4] - 0.331) < 1e-9 and ws['E2'].number_format == '0.0%'\n"
	"assert rows[1][5] == '说\"好\",再来'\n"
	"assert rows[2][5] == '=HYPERLINK(\"x\")' and ws['F3'].data_type == 's', ws['F3'].data_type\n"
	"assert rows[2][2] is None and rows[2][3] is None\n"
	"assert rows[3][3] == -3 and rows[3][4] == 1\n"
	"assert ws.column_dimensions['A'].width >= 20, ws.column_dimensions['A'].width\n"
	"ws2 = wb['居民名单(2)']\n"
	"r2 = list(ws2.iter_rows(values_only=True))\n"
	"assert r2[0][0] == '2026年11月 就业情况', r2[0]\n"
	"assert ws2.freeze_panes == 'A3', ws2.freeze_panes\n"
	"assert [str(r) for r in ws2.merged_cells.ranges] == ['A1:F1'], ws2.merged_cells.ranges\n"
	"assert r2[1] == ('身份证号', '姓名', '登记日期', '年龄', '就业率', '备注')\n"
	"assert r2[2][1] == '王 强'\n";

static void test_xlsx_read_back(void **state)
{
	(void)state;
	if (access("/usr/bin/python3", X_OK) != 0 ||
	    system("/usr/bin/python3 -c 'import openpyxl' 2>/dev/null") != 0)
		skip();
	char *path = tmp_path("e.xlsx");
	char *py = tmp_path("read.py");
	struct jy_err err = { 0 };
	struct sheet *sh = NULL;
	assert_int_equal(sheet_open(path, SHEET_XLSX, &sh, &err), JY_OK);
	assert_int_equal(sheet_table(sh, "居民名单", cols, 6, &err), JY_OK);
	for (int i = 0; i < 3; i++)
		assert_int_equal(sheet_row(sh, people[i], &err), JY_OK);
	assert_int_equal(sheet_note(sh, "2026年11月 就业情况", &err), JY_OK);
	/* the same name again is made unique; a long name with []:*?/\ is made acceptable */
	assert_int_equal(sheet_table(sh, "居民名单", cols, 6, &err), JY_OK);
	assert_int_equal(sheet_row(sh, people[1], &err), JY_OK);
	assert_int_equal(sheet_table(sh, "a[b/c]xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", cols, 2, &err), JY_OK);
	assert_int_equal(sheet_rows(sh), 4);
	assert_int_equal(sheet_close(&sh, 1, &err), JY_OK);
	FILE *f = fopen(py, "w");
	assert_non_null(f);
	fputs(reader, f);
	fclose(f);
	char *cmd = xasprintf("/usr/bin/python3 %s %s", py, path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	unlink(py);
	unlink(path);
	free(py);
	free(path);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_csv_utf8),
	cmocka_unit_test(test_csv_tables_and_notes),
	cmocka_unit_test(test_csv_gbk),
	cmocka_unit_test(test_format_parse),
	cmocka_unit_test(test_refusals),
	cmocka_unit_test(test_abandon),
	cmocka_unit_test(test_xlsx_read_back),
};

TEST_MAIN(tests)
