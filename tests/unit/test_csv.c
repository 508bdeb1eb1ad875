/* tests/unit/test_csv.c: CSV files as Excel and WPS write them in Chinese offices, and the row
 * numbers a worker sees in the spreadsheet. */
#include "testutil.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* Every record of a file as "ROW:cell|cell;ROW:…", so a case reads like the file. */
static const struct {
	const char *name;
	const char *bytes;
	size_t len;             /* 0: strlen(bytes) */
	const char *enc;
	const char *records;    /* NULL: refused */
	const char *why;        /* a word the message must contain when refused */
} files[] = {
	{ "plain LF", "姓名,身份证号\n张晓红,11010519491231002X\n", 0, "UTF-8",
	  "1:姓名|身份证号;2:张晓红|11010519491231002X", NULL },
	{ "CRLF", "姓名,社区\r\n李秀英,幸福里社区\r\n", 0, "UTF-8",
	  "1:姓名|社区;2:李秀英|幸福里社区", NULL },
	{ "no line end at the end", "姓名,社区\n王芳,建设社区", 0, "UTF-8",
	  "1:姓名|社区;2:王芳|建设社区", NULL },
	{ "BOM dropped", "\xEF\xBB\xBF姓名,备注\r\n刘丽,\r\n", 0, "UTF-8",
	  "1:姓名|备注;2:刘丽|", NULL },
	{ "empty cells kept", "a,b,c\n,,\n", 0, "UTF-8", "1:a|b|c;2:||", NULL },
	{ "quotes and doubled quotes", "姓名,备注\n陈静,\"说\"\"想做家政\"\", 周末可以\"\n", 0, "UTF-8",
	  "1:姓名|备注;2:陈静|说\"想做家政\", 周末可以", NULL },
	{ "quoted empty cell", "a,b\n\"\",x\n", 0, "UTF-8", "1:a|b;2:|x", NULL },
	/* Alt+Enter in a cell: one spreadsheet row however many lines it takes in the file. */
	{ "line break inside a cell is one row", "姓名,地址\n赵敏,\"幸福里3栋\n2单元\"\n孙莉,建设路5号\n",
	  0, "UTF-8", "1:姓名|地址;2:赵敏|幸福里3栋\n2单元;3:孙莉|建设路5号", NULL },
	{ "CRLF inside a cell", "a,b\r\n\"x\r\ny\r\nz\",1\r\nq,2\r\n", 0, "UTF-8",
	  "1:a|b;2:x\r\ny\r\nz|1;3:q|2", NULL },
	/* A blank line is a row of its own in the spreadsheet: later rows keep their numbers. */
	{ "blank line in the middle counts", "a,b\n1,2\n\n3,4\n", 0, "UTF-8", "1:a|b;2:1|2;4:3|4", NULL },
	{ "trailing empty lines ignored", "a,b\r\n1,2\r\n\r\n\r\n\n", 0, "UTF-8", "1:a|b;2:1|2", NULL },
	{ "spaces kept raw (trimmed at import)", "a,b\n 张三 , x\n", 0, "UTF-8", "1:a|b;2: 张三 | x", NULL },
	{ "space after a closing quote", "a,b\n\"x\" ,y\n", 0, "UTF-8", "1:a|b;2:x|y", NULL },
	{ "quote inside an unquoted cell is text", "a,b\n5\"3,y\n", 0, "UTF-8", "1:a|b;2:5\"3|y", NULL },
	{ "tab-separated header", "姓名\t身份证号\n张三\t1,2\n", 0, "UTF-8", "1:姓名|身份证号;2:张三|1,2", NULL },
	{ "empty file", "", 0, "UTF-8", "", NULL },
	{ "only a BOM", "\xEF\xBB\xBF", 0, "UTF-8", "", NULL },
	/* Excel's plain "CSV" on a Chinese Windows: GBK bytes (姓名,张三,幸福里社区). */
	{ "GBK from Excel", "\xD0\xD5\xC3\xFB,\xD5\xC5\xC8\xFD,\xD0\xD2\xB8\xA3\xC0\xEF\xC9\xE7\xC7\xF8\r\n", 0,
	  "GB18030", "1:姓名|张三|幸福里社区", NULL },
	/* Excel's "Unicode text": UTF-16LE with a BOM, tab-separated (姓名\t张三). */
	{ "UTF-16 from Excel", "\xFF\xFE\xD3\x59\x0D\x54\x09\x00\x20\x5F\x09\x4E\x0D\x00\x0A\x00", 16,
	  "UTF-16LE", "1:姓名|张三", NULL },
	{ "not text", "a,b\n\x81\x20\xFF\n", 0, NULL, NULL, "GBK" },
	{ "NUL bytes", "a,b\n\0\0", 6, NULL, NULL, "GBK" },
	{ "a workbook, not CSV", "PK\x03\x04\x14\x00\x06\x00", 8, NULL, NULL, "Save As" },
	{ "BOM but not UTF-8", "\xEF\xBB\xBF\xD5\xC5", 0, NULL, NULL, "GBK" },
	/* The GBK bytes come after an ASCII start (1,张三): the whole file is GBK, not its end. */
	{ "GBK after an ASCII start", "id,name\n1,\xD5\xC5\xC8\xFD\n", 0, "GB18030",
	  "1:id|name;2:1|张三", NULL },
	{ "a 4-byte character", "a,b\n\xF0\xA0\x80\x80,\xF0\x9F\x98\x80\n", 0, "UTF-8",
	  "1:a|b;2:\xF0\xA0\x80\x80|\xF0\x9F\x98\x80", NULL },
	/* 张 without its last two bytes: neither UTF-8 nor GBK */
	{ "a character cut at the end of the file", "a,b\n1,\xE5", 0, NULL, NULL, "GBK" },
};

/* UTF-8 files are read a window at a time: each case puts one thing across the window's edge. */
static const struct {
	const char *name;
	const char *bytes;
	size_t window;
	const char *records;
} edges[] = {
	/* the first window holds "ab\r": the LF that makes it one line end comes with the next */
	{ "CRLF split by the edge", "ab\r\ncd\r\n", 3, "1:ab;2:cd" },
	/* 张 is E5 BC A0: the edge falls after its first byte, in both passes */
	{ "a character cut by the edge", "a,张三\n", 3, "1:a|张三" },
	{ "a quoted line break across the edge", "a,b\n\"x\ny\",z\n", 6, "1:a|b;2:x\ny|z" },
	/* the first quote of "" ends the window, the second starts the next */
	{ "a doubled quote across the edge", "a\n\"x\"\"y\"\n", 5, "1:a;2:x\"y" },
	{ "a record larger than the window",
	  "a,b\n\"幸福里社区3栋2单元,\n\"\"建设路\"\"5号\r\n院内\",备注很长很长很长\nc,d\n", 8,
	  "1:a|b;2:幸福里社区3栋2单元,\n\"建设路\"5号\r\n院内|备注很长很长很长;3:c|d" },
	{ "no line end at the end, across the edge", "姓名\n王芳", 4, "1:姓名;2:王芳" },
	{ "the file ends at the window's edge", "a,b\n1,2", 4, "1:a|b;2:1|2" },
	{ "a BOM cut by the edge", "\xEF\xBB\xBF" "a,b\n1,2\n", 2, "1:a|b;2:1|2" },
	/* rows 2 and 3 are blank: row 4 keeps its number */
	{ "blank lines across the edge", "a\n\r\n\r\nb\n", 3, "1:a;4:b" },
	/* the separator is guessed from the whole header line, however long */
	{ "a tab-separated header longer than the window", "姓名\t身份证号\t电话\n张三\t1,2\t3\n", 4,
	  "1:姓名|身份证号|电话;2:张三|1,2|3" },
	{ "a lone CR at the edge", "a\rb\rc", 2, "1:a;2:b;3:c" },
};

/* Malformed quoting: refused with the row the broken record starts on. */
static const struct {
	const char *bytes;
	int row;
	const char *why;
} broken[] = {
	{ "a,b\n1,2\n\"x,y\n3,4\n", 3, "not closed" },
	{ "a,b\n1,\"他说\"好\"\n", 2, "doubled" },
	{ "a,b\n\"x\"y,1\n", 2, "doubled" },
};

static char *write_temp(const char *bytes, size_t len)
{
	char *path = xstrdup("/tmp/test_csv_XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, bytes, len), (ssize_t)len);
	close(fd);
	return path;
}

static void read_all(struct csv_reader *r, struct jy_buf *out, int *rc)
{
	char **f;
	int n, row;
	struct jy_err err = { 0 };
	while ((*rc = csv_next(r, &f, &n, &row, &err)) == 1) {
		if (out->len)
			buf_add(out, ";", 1);
		buf_addf(out, "%d:", row);
		for (int i = 0; i < n; i++)
			buf_addf(out, "%s%s", i ? "|" : "", f[i]);
	}
}

/* Case i of files[] read with the window at `window` bytes (0: the reader's own). */
static void read_case(size_t i, size_t window)
{
	size_t len = files[i].len ? files[i].len : strlen(files[i].bytes);
	char *path = write_temp(files[i].bytes, len);
	struct csv_reader *r = NULL;
	struct jy_err err = { 0 };
	csv_window_set(window);
	int rc = csv_open(path, &r, &err);
	if (!files[i].records) {
		if (rc == JY_OK)
			fail_msg("%s (window %zu): accepted", files[i].name, window);
		assert_int_equal(rc, JY_EINVAL);
		assert_non_null(strstr(err.msg, path));
		if (!strstr(err.msg, files[i].why))
			fail_msg("%s (window %zu): message \"%s\" lacks \"%s\"", files[i].name, window,
			         err.msg, files[i].why);
	} else {
		if (rc != JY_OK)
			fail_msg("%s (window %zu): %s", files[i].name, window, err.msg);
		assert_string_equal(csv_encoding(r), files[i].enc);
		struct jy_buf got = { 0 };
		int end;
		read_all(r, &got, &end);
		assert_int_equal(end, 0);
		if (strcmp(got.s ? got.s : "", files[i].records) != 0)
			fail_msg("%s (window %zu): got \"%s\", want \"%s\"", files[i].name, window,
			         got.s ? got.s : "", files[i].records);
		buf_free(&got);
		csv_close(&r);
		assert_null(r);
	}
	csv_window_set(0);
	unlink(path);
	free(path);
}

static void test_read_files(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(files); i++)
		read_case(i, 0);
}

/* The same files through a window of every size from one byte to past their end: records,
 * characters, quoted line breaks, CRLF and the BOM fall across the edge in every place they can,
 * and the records and refusals stay those of the file read at once. */
static void test_read_files_any_window(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(files); i++) {
		size_t len = files[i].len ? files[i].len : strlen(files[i].bytes);
		for (size_t w = 1; w <= len + 1; w++)
			read_case(i, w);
	}
}

static void test_window_edges(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(edges); i++) {
		char *path = write_temp(edges[i].bytes, strlen(edges[i].bytes));
		struct csv_reader *r = NULL;
		struct jy_err err = { 0 };
		csv_window_set(edges[i].window);
		if (csv_open(path, &r, &err) != JY_OK)
			fail_msg("%s: %s", edges[i].name, err.msg);
		assert_string_equal(csv_encoding(r), "UTF-8");
		struct jy_buf got = { 0 };
		int end;
		read_all(r, &got, &end);
		assert_int_equal(end, 0);
		if (strcmp(got.s ? got.s : "", edges[i].records) != 0)
			fail_msg("%s: got \"%s\", want \"%s\"", edges[i].name, got.s ? got.s : "",
			         edges[i].records);
		buf_free(&got);
		csv_close(&r);
		csv_window_set(0);
		unlink(path);
		free(path);
	}
}

/* A file written to between the first pass, which found it UTF-8, and the records (a copy still
 * running): refused with its name, never handed back as cells that are not UTF-8. Rows 1 to 4
 * are read first: byte 18 is row 5's first (张 takes bytes 6 to 8, so the first pass's window
 * of 8 bytes also cuts it: the file is still read a window at a time, else the change would go
 * unseen). */
static void test_changed_while_read(void **state)
{
	(void)state;
	static const char *const writes_after[] = { "\xFF", "\0" };
	for (size_t i = 0; i < ARRAY_LEN(writes_after); i++) {
		char *path = write_temp("a,b\n1,张\n3,4\n5,6\n7,8\n", 22);
		struct csv_reader *r = NULL;
		struct jy_err err = { 0 };
		csv_window_set(8);
		assert_int_equal(csv_open(path, &r, &err), JY_OK);
		int fd = open(path, O_WRONLY);
		assert_true(fd >= 0);
		assert_int_equal(pwrite(fd, writes_after[i], 1, 18), 1);
		close(fd);
		char **f;
		int n, row, rc, rows = 0;
		while ((rc = csv_next(r, &f, &n, &row, &err)) == 1)
			rows++;
		assert_int_equal(rc, -1);
		assert_int_equal(rows, 4);
		assert_int_equal(err.code, JY_EINVAL);
		assert_non_null(strstr(err.msg, path));
		assert_non_null(strstr(err.msg, "changed"));
		csv_close(&r);
		csv_window_set(0);
		unlink(path);
		free(path);
	}
}

/* What is not a plain file cannot be read twice (a pipe: jiuye import residents /dev/stdin):
 * it is read whole, once, whatever the window. */
static void test_pipe(void **state)
{
	(void)state;
	static const char text[] = "姓名,社区\n王芳,\"建设\n社区\"\n";
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], text, sizeof text - 1), (ssize_t)(sizeof text - 1));
	close(fds[1]);
	char path[32];
	snprintf(path, sizeof path, "/dev/fd/%d", fds[0]);
	struct csv_reader *r = NULL;
	struct jy_err err = { 0 };
	csv_window_set(4);
	if (csv_open(path, &r, &err) != JY_OK)
		fail_msg("%s", err.msg);
	struct jy_buf got = { 0 };
	int end;
	read_all(r, &got, &end);
	assert_int_equal(end, 0);
	assert_string_equal(got.s, "1:姓名|社区;2:王芳|建设\n社区");
	assert_string_equal(csv_encoding(r), "UTF-8");
	buf_free(&got);
	csv_close(&r);
	csv_window_set(0);
	close(fds[0]);
}

/* Every window size too: the row and the message do not depend on where the window's edge falls. */
static void test_broken_quotes(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(broken); i++) {
		size_t len = strlen(broken[i].bytes);
		char *path = write_temp(broken[i].bytes, len);
		for (size_t w = 0; w <= len + 1; w++) {
			struct csv_reader *r = NULL;
			csv_window_set(w);
			assert_int_equal(csv_open(path, &r, NULL), JY_OK);
			char **f;
			int n, row = 0, rc;
			struct jy_err err = { 0 };
			while ((rc = csv_next(r, &f, &n, &row, &err)) == 1)
				;
			assert_int_equal(rc, -1);
			assert_int_equal(err.code, JY_EINVAL);
			assert_int_equal(row, broken[i].row);
			char where[64];
			snprintf(where, sizeof where, ":%d:", broken[i].row);
			if (!strstr(err.msg, where) || !strstr(err.msg, broken[i].why))
				fail_msg("case %zu (window %zu): message \"%s\" lacks \"%s\" or \"%s\"", i, w,
				         err.msg, where, broken[i].why);
			csv_close(&r);
		}
		csv_window_set(0);
		unlink(path);
		free(path);
	}
}

static void test_missing_file(void **state)
{
	(void)state;
	struct csv_reader *r = (struct csv_reader *)1;
	struct jy_err err = { 0 };
	assert_int_equal(csv_open("/nonexistent/居民.csv", &r, &err), JY_EIO);
	assert_null(r);
	assert_non_null(strstr(err.msg, "/nonexistent/居民.csv"));
	/* a folder opens, but does not read */
	assert_int_equal(csv_open("/tmp", &r, &err), JY_EIO);
	assert_null(r);
	assert_non_null(strstr(err.msg, "/tmp"));
}

static const struct {
	const char *in;
	const char *out;
} writes[] = {
	{ "张晓红", "张晓红" },
	{ "", "" },
	{ "11010519491231002X", "11010519491231002X" },
	{ "低保；4050人员", "低保；4050人员" },
	{ "a,b", "\"a,b\"" },
	{ "说\"好\"", "\"说\"\"好\"\"\"" },
	{ "3栋\n2单元", "\"3栋\n2单元\"" },
	{ "x\r", "\"x\r\"" },
	{ " 前导空格", "\" 前导空格\"" },
	{ "末尾空格 ", "\"末尾空格 \"" },
	{ "中 间", "中 间" },
};

static void test_write_field(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(writes); i++) {
		struct jy_buf b = { 0 };
		csv_write_field(&b, writes[i].in);
		assert_string_equal(b.s ? b.s : "", writes[i].out);
		buf_free(&b);
	}
	struct jy_buf b = { 0 };
	csv_write_field(&b, NULL);
	assert_int_equal(b.len, 0);
}

/* What csv_write_field writes, csv_next reads back unchanged. */
static void test_write_read_back(void **state)
{
	(void)state;
	struct jy_buf file = { 0 };
	for (size_t i = 0; i < ARRAY_LEN(writes); i++) {
		csv_write_field(&file, "x");
		buf_add(&file, ",", 1);
		csv_write_field(&file, writes[i].in);
		buf_add(&file, "\r\n", 2);
	}
	char *path = write_temp(file.s, file.len);
	struct csv_reader *r = NULL;
	assert_int_equal(csv_open(path, &r, NULL), JY_OK);
	char **f;
	int n, row;
	for (size_t i = 0; i < ARRAY_LEN(writes); i++) {
		assert_int_equal(csv_next(r, &f, &n, &row, NULL), 1);
		assert_int_equal(row, (int)i + 1);
		assert_int_equal(n, 2);
		assert_string_equal(f[1], writes[i].in);
	}
	assert_int_equal(csv_next(r, &f, &n, &row, NULL), 0);
	csv_close(&r);
	unlink(path);
	free(path);
	buf_free(&file);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_read_files),
	cmocka_unit_test(test_read_files_any_window),
	cmocka_unit_test(test_window_edges),
	cmocka_unit_test(test_changed_while_read),
	cmocka_unit_test(test_pipe),
	cmocka_unit_test(test_broken_quotes),
	cmocka_unit_test(test_missing_file),
	cmocka_unit_test(test_write_field),
	cmocka_unit_test(test_write_read_back),
};

TEST_MAIN(tests)
