/* tests/unit/test_print.c: a resident's printouts for the office printer, the registration form
 * (求职登记表) and the confirmation slip (业务办理确认单), on real SQLite files: what they hold, that
 * every line fits the page (print.page_cols) with Chinese measured two columns and never cut in
 * half, ASCII boxes only, the ID number whole on the office's form and masked on the applicant's
 * slip; and finding the resident by ID number or registration number as `jiuye print` does. */
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>

struct fixture {
	char dir[64];
	char path[96];
	struct jy_db *db;
	int64_t rid;
	char id[19];
};

static const char long_address[] =
	"城关街道幸福里社区人民路东段一百二十八号院内三号楼二单元十五层一五零二室（东侧单元门进，电梯右手第二户）";

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-print-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("JIUYE_TODAY", "2024-03-01", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	idcard_make("320102", "1979-02-28", 122, 'F', f->id);
	struct resident *r = resident_new();
	resident_set(r, RF_NAME, "欧阳晓红");
	resident_set(r, RF_IDNO, f->id);
	resident_set(r, RF_PHONE, "13812345678");
	resident_set(r, RF_ADDRESS, long_address);
	resident_set(r, RF_STATUS, "失业");
	resident_set(r, RF_REGDATE, "2024-02-29");
	resident_set(r, RF_INTENT, "家政服务员、保洁员，全日制或钟点工均可，月薪二千五百元以上，离家近");
	if (resident_save(f->db, r, &err) != JY_OK)
		fail_msg("%s: %s", err.field, err.msg);
	f->rid = r->id;
	resident_free(&r);
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

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	struct jy_buf b = { 0 };
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	buf_adds(&b, "");
	return buf_steal(&b);
}

/* Every line of a printout: valid UTF-8, at most cols columns, no box-drawing characters
 * (U+2500-U+257F are ambiguous-width on Chinese printers and terminals). Returns the lines. */
static int check_lines(const char *text, int cols)
{
	int n = 0;
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len);
		char *page = line[0] == '\f' ? line + 1 : line;    /* a page starts after a form feed */
		assert_true(text_valid_utf8(page, strlen(page)));
		if (text_width(page) > cols)
			fail_msg("line %d is %d columns wide, more than %d: %s", n + 1, text_width(page), cols, page);
		assert_null(strstr(page, "\xe2\x94"));      /* U+2500-U+253F */
		assert_null(strstr(page, "\xe2\x95"));      /* U+2540-U+257F */
		free(line);
		n++;
		p += len + (p[len] == '\n');
	}
	return n;
}

/* The address cell's pieces, joined again, are the address: wrapped only between characters. */
static void check_address_wraps(const char *text, int cols)
{
	struct jy_buf joined = { 0 };
	int in = 0, pieces = 0;
	buf_adds(&joined, "");
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len);
		if (line[0] == '+')
			in = 0;
		if (strncmp(line, "| 地址", strlen("| 地址")) == 0)
			in = 1;
		if (in && line[0] == '|') {
			/* "| label | value |": the value is between the second '|' and the last */
			char *v = strchr(line + 1, '|') + 2, *end = strrchr(line, '|');
			while (end > v && end[-1] == ' ')
				end--;
			buf_add(&joined, v, (size_t)(end - v));
			pieces++;
		}
		free(line);
		p += len + (p[len] == '\n');
	}
	assert_string_equal(joined.s, long_address);
	int v = cols - 19;      /* a one-pair row's value: "| " + 12 + " | " + v + " |" */
	assert_true(pieces >= (text_width(long_address) + v - 1) / v);
	if (cols <= 100)
		assert_true(pieces >= 2);                   /* it did wrap */
	buf_free(&joined);
}

static void test_form_fits_page(void **state)
{
	struct fixture *f = *state;
	static const int widths[] = { 60, 80, 100, 132 };
	for (size_t i = 0; i < ARRAY_LEN(widths); i++) {
		struct jy_err err = { 0 };
		char w[8];
		snprintf(w, sizeof w, "%d", widths[i]);
		assert_int_equal(db_setting_set(f->db, "print.page_cols", w, &err), JY_OK);
		char *path = xasprintf("%s/form-%d.txt", f->dir, widths[i]);
		assert_int_equal(print_resident_form(f->db, f->rid, path, &err), JY_OK);
		char *text = slurp(path);
		assert_true(check_lines(text, widths[i]) > 20);
		check_address_wraps(text, widths[i]);
		free(text);
		free(path);
	}
}

/* What the form and the slip must hold (and must not). */
static void test_contents(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	assert_int_equal(db_setting_set(f->db, "print.page_cols", "80", &err), JY_OK);
	char masked[24];
	mask_idno(f->id, masked, sizeof masked);
	assert_int_equal(strlen(masked), 18);
	assert_memory_equal(masked, f->id, 6);                /* first 6 + last 4 */
	assert_string_equal(masked + 14, f->id + 14);
	static const struct {
		int slip;
		const char *has[12];
		int full_id;            /* the whole ID number is on it */
	} cases[] = {
		{ 0, { "求职登记表", "姓名", "欧阳晓红", "性别", "女", "出生日期", "1979-02-28", "地址",
		       "登记编号", "R-", "申请人签字", "仅供本人/经办使用" }, 1 },
		{ 0, { "求职意向", "家政服务员", "就业状态", "失业", "登记日期", "2024-02-29", "经办人",
		       "经办机构", "持有证书", "经办人签字", "日期：", "第 1 页 共 1 页" }, 1 },
		{ 1, { "业务办理确认单", "求职登记、失业登记", "登记编号", "R-", "欧阳晓红", "2024-02-29",
		       "经办人", "下次请携带", "身份证", "申请人签字", "经办人签字", "日期：" }, 0 },
		{ 1, { "经办机构", "劳动保障工作站", "下次联系", "2024-06-01", "失业登记将被注销",
		       "以上内容本人已确认无误", "打印：" }, 0 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *path = xasprintf("%s/p%zu.txt", f->dir, i);
		assert_int_equal((cases[i].slip ? print_resident_slip : print_resident_form)(f->db, f->rid, path, &err),
		                 JY_OK);
		char *text = slurp(path);
		check_lines(text, 80);
		for (int k = 0; k < 12 && cases[i].has[k]; k++)
			if (!strstr(text, cases[i].has[k]))
				fail_msg("case %zu: no %s in\n%s", i, cases[i].has[k], text);
		if (cases[i].full_id) {
			assert_non_null(strstr(text, f->id));
			assert_non_null(strstr(text, "13812345678"));
		} else {
			assert_null(strstr(text, f->id));
			assert_non_null(strstr(text, masked));
			assert_null(strstr(text, "13812345678"));
		}
		free(text);
		free(path);
	}
}

/* jiuye print names a resident by ID number (as workers type it) or registration number. */
static void test_find(void **state)
{
	struct fixture *f = *state;
	struct resident *r = NULL;
	assert_int_equal(resident_load(f->db, f->rid, &r, NULL), JY_OK);
	char lower[19], full_width[80] = "", reg_lower[24];
	snprintf(lower, sizeof lower, "%s", f->id);
	for (char *p = lower; *p; p++)
		if (*p == 'X')
			*p = 'x';
	for (const char *p = f->id; *p; p++)            /* ３２０１０２... as an input method types it */
		snprintf(full_width + strlen(full_width), sizeof full_width - strlen(full_width), "%s",
		         *p == 'X' ? "Ｘ" : (const char[]){ '\xef', '\xbc', (char)('\x90' + (*p - '0')), 0 });
	snprintf(reg_lower, sizeof reg_lower, "r-%s", r->reg_no + 2);
	const struct {
		const char *text;
		int rc;
		int64_t id;
	} cases[] = {
		{ f->id, JY_OK, f->rid },
		{ lower, JY_OK, f->rid },
		{ full_width, JY_OK, f->rid },
		{ r->reg_no, JY_OK, f->rid },
		{ reg_lower, JY_OK, f->rid },
		{ "R-999999", JY_ENOTFOUND, 0 },
		{ "R-", JY_EINVAL, 0 },
		{ "110101199001010015", JY_ENOTFOUND, 0 },     /* valid, not registered */
		{ "320102197902281221", JY_EINVAL, 0 },        /* wrong check character */
		{ "张晓红", JY_EINVAL, 0 },
		{ "", JY_EINVAL, 0 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct jy_err err = { 0 };
		int64_t id = 0;
		int rc = print_find_resident(f->db, cases[i].text, &id, &err);
		if (rc != cases[i].rc)
			fail_msg("%s: rc %d, want %d (%s)", cases[i].text, rc, cases[i].rc, err.msg);
		if (rc == JY_OK)
			assert_int_equal(id, cases[i].id);
		else
			assert_true(err.msg[0] != '\0');
		if (rc == JY_ENOTFOUND && strlen(cases[i].text) == 18)   /* privacy E5 */
			assert_null(strstr(err.msg, cases[i].text));
	}
	resident_free(&r);
}

/* To stdout, and a file that cannot be written. */
static void test_paths(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	char *bad = xasprintf("%s/no-such-dir/form.txt", f->dir);
	assert_int_equal(print_resident_form(f->db, f->rid, bad, &err), JY_EIO);
	assert_non_null(strstr(err.msg, "no-such-dir"));
	free(bad);
	assert_int_equal(print_resident_slip(f->db, 999999, "-", &err), JY_ENOTFOUND);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_form_fits_page, setup, teardown),
	cmocka_unit_test_setup_teardown(test_contents, setup, teardown),
	cmocka_unit_test_setup_teardown(test_find, setup, teardown),
	cmocka_unit_test_setup_teardown(test_paths, setup, teardown),
};

TEST_MAIN(tests)
