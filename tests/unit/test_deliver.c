/* tests/unit/test_deliver.c: where a printout goes. The bytes of the terminal's pass-through
 * printer (ESC [5i, the text in the printer's encoding with CR LF line ends, its form feeds, one
 * more after the last page, ESC [4i), worked out by hand from the GBK code table; the names of the
 * destinations; a worker's own destination over the office's, recorded in the audit trail. */
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>

struct pass_case {
	const char *text, *encoding;
	const char *want;
	size_t want_len;
	int rc;
};

#define B(s) s, sizeof s - 1

static void test_passthrough_text(void **state)
{
	(void)state;
	static const struct pass_case cases[] = {
		/* ASCII: LF becomes CR LF, a form feed ends the last page */
		{ "A\nB\n", "GBK", B("\033[5iA\r\nB\r\n\f\033[4i"), JY_OK },
		/* 甲 in GBK is BC D7; 王秀兰 CD F5 D0 E3 C0 BC */
		{ "甲\n", "GBK", B("\033[5i\xbc\xd7\r\n\f\033[4i"), JY_OK },
		{ "王秀兰\n", "GB18030", B("\033[5i\xcd\xf5\xd0\xe3\xc0\xbc\r\n\f\033[4i"), JY_OK },
		/* two pages: the form feed between them stays where print.c put it */
		{ "p1\n\fp2\n", "GBK", B("\033[5ip1\r\n\fp2\r\n\f\033[4i"), JY_OK },
		/* UTF-8 printers get the bytes as they are */
		{ "甲\n", "UTF-8", B("\033[5i\xe7\x94\xb2\r\n\f\033[4i"), JY_OK },
		{ "甲\n", "", B("\033[5i\xe7\x94\xb2\r\n\f\033[4i"), JY_OK },
		/* U+20000 (an extension B character) has no GBK code: a question mark, not a lost line */
		{ "\xf0\xa0\x80\x80" "A\n", "GBK", B("\033[5i?A\r\n\f\033[4i"), JY_OK },
		/* an empty printout still ejects its page */
		{ "", "GBK", B("\033[5i\f\033[4i"), JY_OK },
		{ "A\n", "NO-SUCH-SET", B(""), JY_EINVAL },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct jy_buf out = { 0 };
		struct jy_err err = { 0 };
		int rc = print_passthrough_text(cases[i].text, strlen(cases[i].text), cases[i].encoding,
		                                &out, &err);
		assert_int_equal(rc, cases[i].rc);
		if (rc == JY_OK) {
			assert_int_equal(out.len, cases[i].want_len);
			assert_memory_equal(out.s, cases[i].want, cases[i].want_len);
		} else {
			assert_non_null(strstr(err.msg, "NO-SUCH-SET"));
			assert_int_equal(out.len, 0);
		}
		buf_free(&out);
	}
}

static void test_dest_names(void **state)
{
	(void)state;
	static const struct { const char *word; int dest; } cases[] = {
		{ "file", PRINT_FILE }, { "文件", PRINT_FILE }, { "terminal", PRINT_TERMINAL },
		{ "终端", PRINT_TERMINAL }, { "local", PRINT_TERMINAL }, { "lp", PRINT_LP },
		{ "服务器", PRINT_LP }, { "server", PRINT_LP }, { "pdf", PRINT_PDF }, { "PDF", PRINT_PDF },
		{ "zmodem", PRINT_ZMODEM }, { "ZMODEM", PRINT_ZMODEM }, { "本机", PRINT_ZMODEM },
		{ "printer", -1 }, { "", -1 }, { "sz", -1 },
		{ "LP", -1 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		assert_int_equal(print_dest_parse(cases[i].word), cases[i].dest);
	assert_int_equal(print_dest_parse(NULL), -1);
	assert_string_equal(print_dest_name(PRINT_FILE), "file");
	assert_string_equal(print_dest_name(PRINT_TERMINAL), "terminal");
	assert_string_equal(print_dest_name(PRINT_LP), "lp");
	assert_string_equal(print_dest_name(PRINT_PDF), "pdf");
	assert_string_equal(print_dest_name(PRINT_ZMODEM), "zmodem");
}

/* Hers over the office's over the file; set, it is in the trail. */
static void test_dest_setting(void **state)
{
	(void)state;
	char dir[] = "/tmp/jy-deliver-XXXXXX", path[64];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.db", dir);
	struct jy_db *db = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, &err), JY_OK);
	int dest = -1;
	assert_int_equal(print_dest_get(db, &dest, &err), JY_OK);
	assert_int_equal(dest, PRINT_FILE);
	assert_int_equal(db_setting_set(db, "print.dest", "lp", &err), JY_OK);
	assert_int_equal(print_dest_get(db, &dest, &err), JY_OK);
	assert_int_equal(dest, PRINT_LP);
	assert_int_equal(print_dest_set(db, PRINT_TERMINAL, &err), JY_OK);
	assert_int_equal(print_dest_get(db, &dest, &err), JY_OK);
	assert_int_equal(dest, PRINT_TERMINAL);
	char *key = xasprintf("print.dest.%s", db_actor(db)->os_user), *v = NULL;
	assert_int_equal(db_setting(db, key, "", &v, &err), JY_OK);
	assert_string_equal(v, "terminal");
	free(v);
	assert_int_equal(print_dest_set(db, PRINT_ZMODEM, &err), JY_OK);
	assert_int_equal(print_dest_get(db, &dest, &err), JY_OK);
	assert_int_equal(dest, PRINT_ZMODEM);
	assert_int_equal(print_dest_set(db, PRINT_TERMINAL, &err), JY_OK);
	assert_int_equal(print_dest_set(db, 7, &err), JY_EINVAL);
	db_close(&db);
	/* the trail names the setting, once for each of the three (terminal, zmodem, terminal) */
	char *cmd = xasprintf("sqlite3 '%s' \"SELECT count(*) FROM history WHERE action = 'setting' "
	                      "AND fields = '%s'\" | grep -qx 3", path, key);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(key);
	cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* A PDF of two pages whose Chinese comes back out of it (pdftotext, poppler-utils), the font's
 * glyphs embedded (pdffonts says "yes"). */
static void test_pdf(void **state)
{
	(void)state;
	if (system("command -v pdftotext >/dev/null && command -v pdffonts >/dev/null") != 0)
		skip();         /* make deps-test installs poppler-utils */
	char dir[] = "/tmp/jy-pdf-XXXXXX", path[64];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/p.pdf", dir);
	struct jy_err err = { 0 };
	assert_int_equal(print_pdf_text("求职登记表\n| 姓名 | 王秀兰 |\n\f第二页：欧阳晓红\n", NULL, path,
	                                &err), JY_OK);
	char *cmd = xasprintf("pdfinfo '%s' | grep -q '^Pages: *2$'", path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	cmd = xasprintf("pdftotext -f 1 -l 1 '%s' - | grep -q '王秀兰'", path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	cmd = xasprintf("pdftotext -f 2 -l 2 '%s' - | grep -q '第二页：欧阳晓红'", path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	cmd = xasprintf("pdftotext -f 2 -l 2 '%s' - | grep -q '王秀兰'", path);
	assert_int_not_equal(system(cmd), 0);   /* page 1's line is not on page 2 */
	free(cmd);
	cmd = xasprintf("pdffonts '%s' | tail -n +3 | grep -qv ' yes '", path);
	assert_int_not_equal(system(cmd), 0);   /* every font embedded */
	free(cmd);
	/* a folder that is not there: said, naming it */
	char *bad = xasprintf("%s/none/p.pdf", dir);
	assert_int_equal(print_pdf_text("x\n", NULL, bad, &err), JY_EIO);
	assert_non_null(strstr(err.msg, "none"));
	free(bad);
	cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_pdf),
	cmocka_unit_test(test_passthrough_text),
	cmocka_unit_test(test_dest_names),
	cmocka_unit_test(test_dest_setting),
};

TEST_MAIN(tests)
