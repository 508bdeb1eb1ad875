/* tests/unit/test_ledger.c: residents' files as offices keep their 台账, read by the header logic
 * every import shares (CSV here; a workbook's rows reach the same code through the row source):
 * the header found below title rows, 序号 and 错误 columns passed over, the office's other names
 * of columns (the code list 列名), 性别 / 出生日期 / 年龄 checked against the ID number with both
 * cells named, blank rows and a last row of totals skipped, dates as Chinese sheets hold them;
 * the error copy a rejected file leaves beside it. */
#include "testutil.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

struct fixture {
	char dir[64];
	char path[96];
	struct jy_db *db;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	/* the ages below are worked out as of this day */
	setenv("JIUYE_TODAY", "2026-11-30", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(&f->db);
	char *cmd = xasprintf("rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f);
	return 0;
}

static void add_line(void *arg, const char *line)
{
	buf_addf(arg, "%s\n", line);
}

/* The people of the files: 王秀兰 33012219770412002X (a woman born 1977-04-12: 49 on 2026-11-30),
 * 李娟 330122198001010048 (a woman, 1980-01-01: 46), 张强 330122198001010013 (a man, 1980-01-01:
 * 46). */
#define WANG "王秀兰,33012219770412002X"
#define LI "李娟,330122198001010048"
#define ZHANG "张强,330122198001010013"

static const struct {
	const char *what;
	const char *csv;
	int rc;                 /* JY_OK or JY_EINVAL */
	int added;
	const char *said;       /* a line the report or the error holds; NULL: nothing */
} files[] = {
	{ "the header below a title row",
	  "幸福里社区失业人员登记台账（2026年11月）\n姓名,身份证号,社区\n" WANG ",幸福里社区\n",
	  JY_OK, 1, NULL },
	{ "two title rows, a blank one, and a 序号 column",
	  "幸福里社区失业人员登记台账（2026年11月）,,\n填报单位：幸福里社区,,填报日期：2026年11月30日\n,,,\n"
	  "序号,姓名,身份证号,社区\n1," WANG ",幸福里社区\n2," LI ",幸福里社区\n",
	  JY_OK, 2, NULL },
	{ "the other names of columns: 名字, 公民身份号码, 手机号码, 社区(村), 学历, spaced 姓 名",
	  "名字,公民身份号码,手机号码,社区(村),学历\n" WANG ",13800000001,幸福里社区,初中\n",
	  JY_OK, 1, NULL },
	{ "姓 名 and 身份证 号码 with spaces inside",
	  "姓 名,身份证号码,所在社区\n" WANG ",幸福里社区\n", JY_OK, 1, NULL },
	{ "性别, 出生日期 and 年龄 that agree (年龄 as today's, or a year less)",
	  "姓名,身份证号,性别,出生日期,年龄,社区\n" WANG ",女,1977-04-12,49,幸福里社区\n"
	  LI ",女,1980/1/1,45岁,幸福里社区\n" ZHANG ",男,1980年1月1日,46,幸福里社区\n",
	  JY_OK, 3, NULL },
	{ "出生年月: the year and month alone",
	  "姓名,身份证号,出生年月,社区\n" WANG ",1977.04,幸福里社区\n" LI ",1980年1月,幸福里社区\n",
	  JY_OK, 2, NULL },
	{ "性别 that does not agree: both cells named",
	  "姓名,身份证号,性别,社区\n" WANG ",男,幸福里社区\n", JY_EINVAL, 0,
	  ":2: 性别: \"男\" in C2 does not match the ID number in B2, which says 女" },
	{ "出生日期 that does not agree",
	  "序号,姓名,身份证号,出生日期\n1," WANG ",1977-04-21\n", JY_EINVAL, 0,
	  ":2: 出生日期: \"1977-04-21\" in D2 does not match the ID number in C2, which says 1977-04-12" },
	{ "出生年月 a month off",
	  "姓名,身份证号,出生年月\n" WANG ",1977.05\n", JY_EINVAL, 0,
	  "\"1977.05\" in C2 does not match the ID number in B2" },
	{ "年龄 two years off",
	  "姓名,身份证号,年龄\n" WANG ",47\n", JY_EINVAL, 0,
	  ":2: 年龄: \"47\" in C2 does not match the ID number in B2, which says 49 years" },
	{ "a last row of totals is skipped, blank rows before it too",
	  "序号,姓名,身份证号,社区\n1," WANG ",幸福里社区\n2," LI ",幸福里社区\n,,,\n合计,2人,,\n,,,\n",
	  JY_OK, 2, NULL },
	{ "总计： in the first cell that is not a number",
	  "姓名,身份证号\n" WANG "\n总 计：,1\n", JY_OK, 1, NULL },
	{ "a row of totals that is not the last is a row like any other",
	  "姓名,身份证号\n" WANG "\n合计,1\n" LI "\n", JY_EINVAL, 0, ":3: 身份证号:" },
	{ "the 错误 column of an error copy is passed over",
	  "错误,姓名,身份证号,社区\n身份证号: check character,"  WANG ",幸福里社区\n", JY_OK, 1, NULL },
	{ "no header within the first rows: the first row's error",
	  "台账\n说明\n\n一\n二\n三\n四\n五\n六\n七\n八\n九\n十\n姓名,身份证号\n" WANG "\n", JY_EINVAL, 0,
	  ":1: 台账: unknown column" },
	{ "a file of data without a header: said as before",
	  WANG ",幸福里社区\n" LI ",幸福里社区\n", JY_EINVAL, 0, ":1: the first row holds data" },
	{ "a header with a column it does not know, below a title: that row named",
	  "台账\n姓名,身份证号,爱好\n" WANG ",跳舞\n", JY_EINVAL, 0, ":2: 爱好: unknown column" },
	{ "a required column missing, below a title",
	  "台账\n姓名,社区\n王秀兰,幸福里社区\n", JY_EINVAL, 0, ":2: 身份证号: the column is missing" },
};

static void test_files(void **state)
{
	for (size_t i = 0; i < ARRAY_LEN(files); i++) {
		/* each file into a fresh registry */
		teardown(state);
		setup(state);
		struct fixture *f = *state;
		char *path = xasprintf("%s/f%zu.csv", f->dir, i);
		FILE *fp = fopen(path, "w");
		assert_non_null(fp);
		fputs(files[i].csv, fp);
		fclose(fp);
		struct import_result res;
		struct jy_buf lines = { 0 };
		struct jy_err err = { 0 };
		int rc = import_residents(f->db, path, NULL, 0, add_line, &lines, &res, &err);
		buf_addf(&lines, "%s\n", err.msg);
		if (rc != files[i].rc || res.added != files[i].added)
			fail_msg("%s: rc %d, %d added, expected %d and %d:\n%s", files[i].what, rc, res.added,
			         files[i].rc, files[i].added, lines.s);
		if (files[i].said && !strstr(lines.s, files[i].said))
			fail_msg("%s: no \"%s\" in:\n%s", files[i].what, files[i].said, lines.s);
		buf_free(&lines);
		free(path);
	}
}

/* The error copy of a rejected file: its name beside the file, and what it holds (after the
 * UTF-8 BOM, CRLF lines): a first column 错误 with each bad row's message, the cells the message
 * names of its own row named by their header (the copy moves them one column right), the title
 * row, the blank rows (the rows keep their numbers), the row of totals, as they were. */
static const struct {
	const char *what;
	const char *name;       /* the file in the fixture's folder */
	const char *csv;
	int flags;
	const char *copy;       /* the copy's name; NULL: none written */
	const char *holds;      /* the copy's text */
} copies[] = {
	{ "a bad row among good ones: every row, 错误 first", "名册.csv",
	  "台账\n姓名,身份证号,性别\n" WANG ",女\n,,\n" LI ",男\n合计,2人,\n", 0, "名册.错误.csv",
	  "台账\r\n错误,姓名,身份证号,性别\r\n,王秀兰,33012219770412002X,女\r\n,,,\r\n"
	  "\"性别: \"\"男\"\" in 性别 does not match the ID number in 身份证号, which says 女: check "
	  "both, or leave the cell empty\",李娟,330122198001010048,男\r\n,合计,2人,\r\n" },
	{ "a dry run writes it too", "dry.csv", "姓名,身份证号\n" WANG "\n李娟,330122198001010049\n",
	  IMPORT_DRY_RUN, "dry.错误.csv",
	  "错误,姓名,身份证号\r\n,王秀兰,33012219770412002X\r\n"
	  "\"身份证号: check character should be 8, not 9: a digit is mistyped or two are swapped\","
	  "李娟,330122198001010049\r\n" },
	{ "--skip-errors stores the good rows: the copy holds the rest", "skip.csv",
	  "姓名,身份证号\n" WANG "\n李娟,330122198001010049\n", IMPORT_SKIP_ERRORS, "skip.错误.csv",
	  "错误,姓名,身份证号\r\n"
	  "\"身份证号: check character should be 8, not 9: a digit is mistyped or two are swapped\","
	  "李娟,330122198001010049\r\n" },
	{ "a copy imported again: the same name, its old 错误 column not doubled", "旧.错误.csv",
	  "错误,姓名,身份证号\n旧的错误," WANG "\n,李娟,330122198001010049\n", 0, "旧.错误.csv",
	  "错误,姓名,身份证号\r\n,王秀兰,33012219770412002X\r\n"
	  "\"身份证号: check character should be 8, not 9: a digit is mistyped or two are swapped\","
	  "李娟,330122198001010049\r\n" },
	{ "a name without an extension", "名册", "姓名,身份证号\n李娟,330122198001010049\n", 0,
	  "名册.错误.csv", NULL },
	{ "a file without bad rows: no copy", "好.csv", "姓名,身份证号\n" WANG "\n", 0, NULL, NULL },
};

static void test_error_copy(void **state)
{
	for (size_t i = 0; i < ARRAY_LEN(copies); i++) {
		teardown(state);
		setup(state);
		struct fixture *f = *state;
		char *path = xasprintf("%s/%s", f->dir, copies[i].name);
		FILE *fp = fopen(path, "w");
		assert_non_null(fp);
		fputs(copies[i].csv, fp);
		fclose(fp);
		struct import_result res;
		struct jy_err err = { 0 };
		import_residents(f->db, path, NULL, copies[i].flags, NULL, NULL, &res, &err);
		char *want = copies[i].copy ? xasprintf("%s/%s", f->dir, copies[i].copy) : xstrdup("");
		if (strcmp(res.copy, want) != 0)
			fail_msg("%s: copy \"%s\", expected \"%s\"", copies[i].what, res.copy, want);
		struct stat st;
		if (copies[i].copy && (stat(want, &st) != 0 || (st.st_mode & 0777) != 0600))
			fail_msg("%s: %s is not there with mode 0600", copies[i].what, want);
		if (copies[i].holds) {
			char *text = NULL;
			size_t len = 0;
			FILE *in = fopen(want, "r");
			assert_non_null(in);
			assert_int_equal(getdelim(&text, &len, '\0', in) > 0, 1);
			fclose(in);
			if (strncmp(text, "\xEF\xBB\xBF", 3) != 0 || strcmp(text + 3, copies[i].holds) != 0)
				fail_msg("%s: the copy holds:\n%s\nexpected:\n%s", copies[i].what, text,
				         copies[i].holds);
			free(text);
		}
		free(want);
		free(path);
	}
}

static const struct {
	const char *cell;
	const char *stored;
} dates[] = {
	{ "2026/11/3", "2026-11-03" },
	{ "2026.11.03", "2026-11-03" },
	{ "2026年11月3日", "2026-11-03" },
	{ "20261103", "2026-11-03" },
};

/* 登记日期 as Chinese sheets hold it, stored as YYYY-MM-DD */
static void test_dates(void **state)
{
	struct fixture *f = *state;
	for (size_t i = 0; i < ARRAY_LEN(dates); i++) {
		char *path = xasprintf("%s/d%zu.csv", f->dir, i);
		FILE *fp = fopen(path, "w");
		assert_non_null(fp);
		fprintf(fp, "姓名,身份证号,登记日期\n" WANG ",%s\n", dates[i].cell);
		fclose(fp);
		struct import_result res;
		struct jy_err err = { 0 };
		assert_int_equal(import_residents(f->db, path, NULL, 0, NULL, NULL, &res, &err), JY_OK);
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(db_handle(f->db), "SELECT reg_date FROM resident "
		                                    "WHERE id_no = '33012219770412002X'", -1, &st, NULL),
		                 SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		if (strcmp((const char *)sqlite3_column_text(st, 0), dates[i].stored) != 0)
			fail_msg("%s: stored %s", dates[i].cell, sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		/* the next file changes it again: away from the date first */
		assert_int_equal(sqlite3_exec(db_handle(f->db), "UPDATE resident SET reg_date = "
		                              "'2026-01-01' WHERE id_no = '33012219770412002X'", NULL, NULL,
		                              NULL), SQLITE_OK);
		free(path);
	}
}

/* An office's own name of a column (jiuye code alias 列名 身份证号 证件号), read by every kind:
 * here residents and employers' 单位名称 is not touched by it. */
static void test_office_alias(void **state)
{
	struct fixture *f = *state;
	char *path = xasprintf("%s/a.csv", f->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("姓名,证件号\n" WANG "\n", fp);
	fclose(fp);
	struct import_result res;
	struct jy_err err = { 0 };
	assert_int_equal(import_residents(f->db, path, NULL, IMPORT_DRY_RUN, NULL, NULL, &res, &err),
	                 JY_EINVAL);
	assert_non_null(strstr(err.msg, "证件号: unknown column"));
	assert_int_equal(code_alias_add(f->db, "column", "身份证号", "证件号", &err), JY_OK);
	assert_int_equal(import_residents(f->db, path, NULL, IMPORT_DRY_RUN, NULL, NULL, &res, &err),
	                 JY_OK);
	assert_int_equal(res.added, 1);
	free(path);
}

/* The office's column names cannot be read (a damaged database): the import stops with the
 * database's error, never a file whose columns are all "unknown". */
static void test_alias_unreadable(void **state)
{
	struct fixture *f = *state;
	char *path = xasprintf("%s/a.csv", f->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("姓名,身份证号\n" WANG "\n", fp);
	fclose(fp);
	test_table_hide(f->db, "code_alias", 1);
	struct import_result res;
	struct jy_err err = { 0 };
	assert_int_equal(import_residents(f->db, path, NULL, IMPORT_DRY_RUN, NULL, NULL, &res, &err),
	                 JY_EDB);
	assert_null(strstr(err.msg, "unknown column"));
	test_table_hide(f->db, "code_alias", 0);
	free(path);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_error_copy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_office_alias, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alias_unreadable, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
