/* tests/unit/test_sheet.c: the sheet writer (core/record/sheet.c): CSV bytes as Excel and WPS read them
 * (BOM, quoting, formula guard, GBK and its warning), XLSX read back with a real reader; every
 * file 0600, its SHA-256; and the files of people (export.c, jobs_io.c, training_io.c) as each
 * role gets them: whole for a reviewer or an administrator, masked for a clerk (ID numbers,
 * phones, no 低保/特困/残疾), refused to statistics and without a purpose, only her communities,
 * the 内部资料 line on top, and a masked file refused by the importers. */
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

/* The format a file name asks for; a file of people is a workbook unless the name says CSV, and
 * a workbook cannot go to standard output. */
static void test_format_of_path(void **state)
{
	(void)state;
	static const struct {
		const char *path;
		int people, format;
	} cases[] = {
		{ "居民名单.xlsx", 0, SHEET_XLSX },     { "居民名单.xlsx", 1, SHEET_XLSX },
		{ "居民名单.XLSX", 1, SHEET_XLSX },     { "居民名单.csv", 1, SHEET_CSV },
		{ "居民名单.CSV", 0, SHEET_CSV },       { "居民名单.gbk.csv", 1, SHEET_CSV_GBK },
		{ "居民名单.GBK.CSV", 0, SHEET_CSV_GBK }, { "居民名单", 0, SHEET_CSV },
		{ "居民名单", 1, SHEET_XLSX },          /* a name without an extension: a workbook */
		{ "名单.txt", 1, SHEET_XLSX },          { "名单.txt", 0, SHEET_CSV },
		{ "/home/王/x.csv.bak", 1, SHEET_XLSX }, { "-", 0, SHEET_CSV },
		{ "-", 1, -1 },                         /* people to stdout: only when CSV is asked */
		{ NULL, 1, -1 },                        { NULL, 0, SHEET_CSV },
		{ ".xlsx", 0, SHEET_XLSX },             { "csv", 1, SHEET_XLSX },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int got = sheet_format_of_path(cases[i].path, cases[i].people);
		if (got != cases[i].format)
			fail_msg("%s (people %d): %d, expected %d", cases[i].path ? cases[i].path : "NULL",
			         cases[i].people, got, cases[i].format);
	}
	/* sheet_format_parse without a name is the rule for files that are not of people */
	assert_int_equal(sheet_format_parse(NULL, "居民名单.gbk.csv"), SHEET_CSV_GBK);
	assert_int_equal(sheet_format_parse(NULL, "居民名单"), SHEET_CSV);
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

/* A drop-down list belongs to a column of a table: none before the table, none past its last
 * column; a CSV has none and takes the call as nothing. A template is a workbook, never a CSV. */
static void test_choices_refusals(void **state)
{
	(void)state;
	struct jy_err err = { 0 };
	struct sheet *sh = NULL;
	const char *const items[] = { "初中", "高中" };
	char *x = tmp_path("choices.xlsx"), *c = tmp_path("choices.csv");
	assert_int_equal(sheet_open(x, SHEET_XLSX, &sh, &err), JY_OK);
	assert_int_equal(sheet_choices(sh, 0, items, 2, 0, "文化程度", &err), JY_EINVAL);
	assert_int_equal(sheet_table(sh, "名单", cols, 2, &err), JY_OK);
	assert_int_equal(sheet_choices(sh, 2, items, 2, 0, "文化程度", &err), JY_EINVAL);
	assert_int_equal(sheet_choices(sh, -1, items, 2, 0, "文化程度", &err), JY_EINVAL);
	assert_int_equal(sheet_choices(sh, 1, items, 2, 0, "文化程度", &err), JY_OK);
	assert_int_equal(sheet_close(&sh, 1, &err), JY_OK);
	assert_int_equal(access(x, F_OK), 0);
	assert_int_equal(sheet_open(c, SHEET_CSV, &sh, &err), JY_OK);
	assert_int_equal(sheet_table(sh, "名单", cols, 2, &err), JY_OK);
	assert_int_equal(sheet_choices(sh, 1, items, 2, 0, "文化程度", &err), JY_OK);
	assert_int_equal(sheet_close(&sh, 1, &err), JY_OK);
	size_t n;
	char *text = slurp(c, &n);
	assert_null(strstr(text, "初中"));       /* the CSV holds the header alone */
	free(text);
	const struct field_def fd = { "name", "姓名", "name", FK_TEXT, NULL, 20, FF_REQ | FF_CSV };
	const struct field_def *defs[] = { &fd };
	unlink(c);
	assert_int_equal(sheet_template(NULL, c, "名单", defs, 1, &err), JY_EINVAL);
	assert_int_not_equal(access(c, F_OK), 0);
	unlink(x);
	free(x);
	free(c);
}

/* A failed or abandoned export leaves nothing under the name, nor beside it. */
static void test_abandon(void **state)
{
	(void)state;
	struct jy_err err = { 0 };
	for (int format = SHEET_CSV; format <= SHEET_XLSX; format++) {
		char *path = tmp_path(format == SHEET_XLSX ? "d.xlsx" : "d.csv");
		char *tmp = path_tmp_name(path);        /* a leftover of this process's own */
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
		must_run("no /usr/bin/python3 with openpyxl (make deps-test installs python3-openpyxl)");
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

/* ---- 0600 and the hash ------------------------------------------------------------------------ */

/* Whatever the umask, and even when a file of the name (or the one beside it) was there before
 * readable by all, the file written is its owner's alone. */
static void test_mode_0600(void **state)
{
	(void)state;
	mode_t old = umask(0);
	struct jy_err err = { 0 };
	for (int format = SHEET_CSV; format <= SHEET_XLSX; format++) {
		char *path = tmp_path(format == SHEET_XLSX ? "m.xlsx" : "m.csv");
		char *tmp = path_tmp_name(path);        /* a leftover of this process's own */
		FILE *f = fopen(tmp, "w");
		assert_non_null(f);
		fclose(f);
		assert_int_equal(chmod(tmp, 0666), 0);
		f = fopen(path, "w");
		assert_non_null(f);
		fclose(f);
		assert_int_equal(chmod(path, 0644), 0);
		int rc_close;
		char *bytes = write_file(path, format, people, 3, &err, &rc_close);
		assert_int_equal(rc_close, JY_OK);
		struct stat sb;
		assert_int_equal(stat(path, &sb), 0);
		assert_int_equal(sb.st_mode & 0777, 0600);
		assert_int_not_equal(access(tmp, F_OK), 0);
		unlink(path);
		free(bytes);
		free(tmp);
		free(path);
	}
	umask(old);
}

static void test_sha256(void **state)
{
	(void)state;
	static const struct {
		const char *bytes, *hex;
	} cases[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "内部资料", NULL },
	};
	char *path = tmp_path("h.txt");
	char hex[65];
	struct jy_err err = { 0 };
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		fputs(cases[i].bytes, f);
		fclose(f);
		assert_int_equal(sheet_sha256(path, hex, &err), JY_OK);
		assert_int_equal(strlen(hex), 64);
		if (cases[i].hex)
			assert_string_equal(hex, cases[i].hex);
	}
	unlink(path);
	assert_int_equal(sheet_sha256(path, hex, &err), JY_EIO);
	assert_non_null(strstr(err.msg, path));
	free(path);
}

/* ---- files of people, by role ------------------------------------------------------------------ */

struct pfix {
	char dir[64], path[96];
	struct jy_db *db;
	struct jy_actor admin;
};

static int people_setup(void **state)
{
	struct pfix *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-sheet-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("JIUYE_TODAY", "2026-11-23", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	f->admin = *db_actor(f->db);
	/* 王芳 a clerk of 幸福里社区 (王秀兰, 赵春梅), 赵丽 a reviewer of 城南街道, 钱军 statistics */
	assert_int_equal(worker_save(f->db, "wang", "王芳", ROLE_CLERK, "幸福里社区", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "zhao", "赵丽", ROLE_REVIEWER, "城南街道", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "qian", "钱军", ROLE_STATS, "", &err), JY_OK);
	*state = f;
	return 0;
}

static int people_teardown(void **state)
{
	struct pfix *f = *state;
	db_close(&f->db);
	char *cmd = xasprintf("rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f);
	return 0;
}

static void act_as(struct pfix *f, const char *os_user, const char *name, int role)
{
	struct jy_actor who = { 0 };
	snprintf(who.os_user, sizeof who.os_user, "%s", os_user);
	snprintf(who.name, sizeof who.name, "%s", name);
	who.role = role;
	assert_int_equal(db_set_actor(f->db, &who, NULL), JY_OK);
}

/* Lines of a CSV file (BOM off), CRLF cut; *n lines. Caller frees with free(lines[0]), free(lines). */
static char **csv_lines(const char *path, int *n)
{
	size_t len;
	char *all = slurp(path, &len);
	assert_non_null(all);
	char **lines = xcalloc(len + 2, sizeof *lines);
	char *s = strncmp(all, "\xEF\xBB\xBF", 3) == 0 ? all + 3 : all;
	memmove(all, s, strlen(s) + 1);
	*n = 0;
	for (char *p = all; *p;) {
		lines[(*n)++] = p;
		char *e = strstr(p, "\r\n");
		if (!e)
			break;
		*e = '\0';
		p = e + 2;
	}
	if (!*n)
		lines[0] = all;
	return lines;
}

/* 18 digits (or 17 and X) anywhere in s: a whole ID number */
static int has_whole_id(const char *s)
{
	for (int run = 0; *s; s++) {
		run = (*s >= '0' && *s <= '9') || (run == 17 && (*s == 'X' || *s == 'x')) ? run + 1 : 0;
		if (run == 18)
			return 1;
	}
	return 0;
}

/* 11 digits starting 1[3-9]: a whole mobile number */
static int has_whole_phone(const char *s)
{
	for (const char *p = s; *p; p++) {
		int k = 0;
		while (k < 11 && p[k] >= '0' && p[k] <= '9')
			k++;
		if (k == 11 && p[0] == '1' && p[1] >= '3' && (p == s || p[-1] < '0' || p[-1] > '9') &&
		    (p[11] < '0' || p[11] > '9'))
			return 1;
	}
	return 0;
}

static void test_people_by_role(void **state)
{
	struct pfix *f = *state;
	struct jy_err err = { 0 };
	char *file = xasprintf("%s/r.csv", f->dir);
	static const struct {
		const char *os_user, *name;
		int role;
		int rows;           /* -1: refused */
		int masked;
		const char *by;     /* in the notice line */
	} cases[] = {
		{ "wang", "王芳", ROLE_CLERK, 2, 1, "导出人：王芳(wang)" },
		{ "zhao", "赵丽", ROLE_REVIEWER, 7, 0, "导出人：赵丽(zhao)" },
		{ "qian", "钱军", ROLE_STATS, -1, 0, NULL },
		{ NULL, NULL, ROLE_ADMIN, 10, 0, NULL },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		if (cases[i].os_user)
			act_as(f, cases[i].os_user, cases[i].name, cases[i].role);
		else
			assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
		int rows = -1;
		int rc = export_residents(f->db, file, SHEET_CSV, 0, "上报区人社局", &rows, &err);
		if (cases[i].rows < 0) {
			assert_int_equal(rc, JY_EPERM);
			assert_int_not_equal(access(file, F_OK), 0);
			continue;
		}
		assert_int_equal(rc, JY_OK);
		assert_int_equal(rows, cases[i].rows);
		int n;
		char **l = csv_lines(file, &n);
		assert_int_equal(n, rows + 2);
		assert_true(strncmp(l[0], "内部资料 含个人信息 导出人：", strlen("内部资料 含个人信息 导出人：")) == 0);
		assert_non_null(strstr(l[0], "用途：上报区人社局"));
		if (cases[i].by)
			assert_non_null(strstr(l[0], cases[i].by));
		assert_int_equal(strstr(l[0], "[已脱敏]") != NULL, cases[i].masked);
		assert_true(strncmp(l[1], "姓名,身份证号,联系电话,", strlen("姓名,身份证号,联系电话,")) == 0);
		int whole_id = 0, whole_phone = 0, sensitive = 0, stars = 0;
		for (int k = 2; k < n; k++) {
			whole_id += has_whole_id(l[k]);
			whole_phone += has_whole_phone(l[k]);
			sensitive += strstr(l[k], "低保") || strstr(l[k], "特困") || strstr(l[k], "残疾");
			stars += strstr(l[k], "********") != NULL;
		}
		if (cases[i].masked) {
			assert_int_equal(whole_id + whole_phone + sensitive, 0);
			assert_int_equal(stars, rows);
			/* 赵春梅: 就业困难人员 stays, 残疾人 does not, nor her 备注 肢体残疾三级 */
			assert_non_null(strstr(l[3], "赵春梅,330122"));
			assert_non_null(strstr(l[3], "就业困难人员"));
			assert_null(strstr(l[2], "建设社区"));
		} else {
			assert_int_equal(whole_id, rows);
			assert_int_equal(stars, 0);
		}
		free(l[0]);
		free(l);
		unlink(file);
	}
	free(file);
}

/* Referrals and enrolments the same way: a clerk's ID numbers masked, only her communities. */
static void test_people_other_kinds(void **state)
{
	struct pfix *f = *state;
	struct jy_err err = { 0 };
	char *file = xasprintf("%s/x.csv", f->dir);
	for (int kind = 0; kind < 2; kind++) {
		for (int clerk = 0; clerk < 2; clerk++) {
			if (clerk)
				act_as(f, "wang", "王芳", ROLE_CLERK);
			else
				assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
			int rows = -1;
			int rc = kind ? export_enrolments(f->db, file, SHEET_CSV, "培训补贴申报", &rows, &err)
			              : export_referrals(f->db, file, SHEET_CSV, "推荐给用人单位", &rows, &err);
			assert_int_equal(rc, JY_OK);
			int n;
			char **l = csv_lines(file, &n);
			assert_int_equal(n, rows + 2);
			assert_int_equal(strstr(l[0], "[已脱敏]") != NULL, clerk);
			assert_true(strncmp(l[1], "身份证号,姓名,", strlen("身份证号,姓名,")) == 0);
			for (int k = 2; k < n; k++) {
				assert_int_equal(has_whole_id(l[k]), !clerk);
				if (clerk)     /* 幸福里社区: 王秀兰 and 赵春梅 only */
					assert_true(strstr(l[k], "王秀兰") || strstr(l[k], "赵春梅"));
			}
			free(l[0]);
			free(l);
			unlink(file);
		}
	}
	/* employers, postings and courses are not people: no purpose, no line */
	assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
	int rows;
	assert_int_equal(export_employers(f->db, file, SHEET_CSV, &rows, &err), JY_OK);
	int n;
	char **l = csv_lines(file, &n);
	assert_true(strncmp(l[0], "单位编号,", strlen("单位编号,")) == 0);
	free(l[0]);
	free(l);
	unlink(file);
	free(file);
}

static void test_people_purpose(void **state)
{
	struct pfix *f = *state;
	struct jy_err err = { 0 };
	char *file = xasprintf("%s/p.csv", f->dir);
	assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
	static const char *const refused[] = { NULL, "", "  \t ",
		"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
		"一二三四五六七八九十一二三四五六七八九十一" };
	for (size_t i = 0; i < ARRAY_LEN(refused); i++) {
		int rows = -1;
		assert_int_equal(export_residents(f->db, file, SHEET_CSV, 0, refused[i], &rows, &err), JY_EINVAL);
		assert_string_equal(err.field, "用途");
		assert_int_not_equal(access(file, F_OK), 0);
		assert_int_equal(export_enrolments(f->db, file, SHEET_CSV, refused[i], &rows, &err), JY_EINVAL);
		assert_int_equal(export_referrals(f->db, file, SHEET_CSV, refused[i], &rows, &err), JY_EINVAL);
	}
	assert_int_equal(export_purpose_check("上报区人社局", &err), JY_OK);
	/* the line stays one line whatever was typed */
	char *line = export_notice(f->db, "上报\n区人社局", 1);
	assert_null(strchr(line, '\n'));
	assert_non_null(strstr(line, "用途：上报 区人社局 [已脱敏]"));
	free(line);
	free(file);
}

/* An XLSX file of people: the line a merged row above the header, the header frozen below it. */
static void test_people_xlsx(void **state)
{
	struct pfix *f = *state;
	if (access("/usr/bin/python3", X_OK) != 0 ||
	    system("/usr/bin/python3 -c 'import openpyxl' 2>/dev/null") != 0)
		must_run("no /usr/bin/python3 with openpyxl (make deps-test installs python3-openpyxl)");
	struct jy_err err = { 0 };
	char *file = xasprintf("%s/r.xlsx", f->dir);
	act_as(f, "wang", "王芳", ROLE_CLERK);
	int rows;
	assert_int_equal(export_residents(f->db, file, SHEET_XLSX, 0, "上报区人社局", &rows, &err), JY_OK);
	char *cmd = xasprintf("/usr/bin/python3 -c \"import openpyxl\n"
	                      "ws = openpyxl.load_workbook('%s')['居民名单']\n"
	                      "r = list(ws.iter_rows(values_only=True))\n"
	                      "assert r[0][0].startswith('内部资料 含个人信息 导出人：王芳(wang)'), r[0]\n"
	                      "assert r[0][0].endswith('用途：上报区人社局 [已脱敏]'), r[0]\n"
	                      "assert [str(m) for m in ws.merged_cells.ranges] == ['A1:N1']\n"
	                      "assert r[1][:3] == ('姓名', '身份证号', '联系电话') and ws.freeze_panes == 'A3'\n"
	                      "assert len(r) == 4 and '*' in r[2][1] and '*' in r[2][2], r\n\"", file);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(file);
}

static void report_nothing(void *arg, const char *line)
{
	(void)arg;
	(void)line;
}

/* A whole file imports back (its line skipped); a masked one is refused whole (E3). */
static void test_people_import_back(void **state)
{
	struct pfix *f = *state;
	struct jy_err err = { 0 };
	char *file = xasprintf("%s/b.csv", f->dir);
	struct import_result res;
	int rows;
	assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
	assert_int_equal(export_residents(f->db, file, SHEET_CSV, 0, "核对", &rows, &err), JY_OK);
	assert_int_equal(import_residents(f->db, file, NULL, IMPORT_DRY_RUN, report_nothing, NULL, &res, &err), JY_OK);
	assert_int_equal(res.unchanged, 10);
	assert_int_equal(export_enrolments(f->db, file, SHEET_CSV_GBK, "核对", &rows, &err), JY_OK);
	assert_int_equal(import_enrolments(f->db, file, NULL, IMPORT_DRY_RUN, report_nothing, NULL, &res, &err), JY_OK);
	assert_int_equal(res.unchanged, rows);
	assert_int_equal(export_referrals(f->db, file, SHEET_CSV, "核对", &rows, &err), JY_OK);
	assert_int_equal(import_referrals(f->db, file, NULL, IMPORT_DRY_RUN, report_nothing, NULL, &res, &err), JY_OK);
	assert_int_equal(res.rejected, 0);

	act_as(f, "wang", "王芳", ROLE_CLERK);
	assert_int_equal(export_residents(f->db, file, SHEET_CSV, 0, "核对", &rows, &err), JY_OK);
	assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
	assert_int_equal(import_residents(f->db, file, NULL, 0, report_nothing, NULL, &res, &err), JY_EINVAL);
	assert_non_null(strstr(err.msg, "已脱敏"));
	assert_int_equal(res.added + res.updated, 0);
	unlink(file);
	free(file);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_mode_0600),
	cmocka_unit_test(test_sha256),
	cmocka_unit_test_setup_teardown(test_people_by_role, people_setup, people_teardown),
	cmocka_unit_test_setup_teardown(test_people_other_kinds, people_setup, people_teardown),
	cmocka_unit_test_setup_teardown(test_people_purpose, people_setup, people_teardown),
	cmocka_unit_test_setup_teardown(test_people_xlsx, people_setup, people_teardown),
	cmocka_unit_test_setup_teardown(test_people_import_back, people_setup, people_teardown),
	cmocka_unit_test(test_csv_utf8),
	cmocka_unit_test(test_csv_tables_and_notes),
	cmocka_unit_test(test_csv_gbk),
	cmocka_unit_test(test_format_parse),
	cmocka_unit_test(test_format_of_path),
	cmocka_unit_test(test_refusals),
	cmocka_unit_test(test_choices_refusals),
	cmocka_unit_test(test_abandon),
	cmocka_unit_test(test_xlsx_read_back),
};

TEST_MAIN(tests)
