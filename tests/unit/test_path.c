/* tests/unit/test_path.c: path_in_dir, the export-folder rule of `jiuye --restricted`. */
#include "testutil.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[64];

static void mk(const char *rel, int dir)
{
	char p[256];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	if (dir)
		assert_int_equal(mkdir(p, 0700), 0);
	else {
		FILE *f = fopen(p, "w");
		assert_non_null(f);
		fclose(f);
	}
}

static void ln(const char *target, const char *rel)
{
	char t[256], p[256];
	snprintf(t, sizeof t, "%s/%s", root, target);
	snprintf(p, sizeof p, "%s/%s", root, rel);
	assert_int_equal(symlink(t, p), 0);
}

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof root, "/tmp/jiuye-path-XXXXXX");
	assert_non_null(mkdtemp(root));
	mk("导出", 1);
	mk("导出/十一月", 1);
	mk("导出/已有.csv", 0);
	mk("家", 1);
	mk("家/.bashrc", 0);
	ln("家", "导出/家的链接");
	ln("家/.bashrc", "导出/bashrc");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_cases(void **state)
{
	(void)state;
	static const struct {
		const char *rel;        /* under root */
		int want;
	} cases[] = {
		{ "导出/城东社区名单.csv", 1 },       /* a new file in the folder */
		{ "导出/十一月/月报.xlsx", 1 },       /* a folder below it */
		{ "导出/已有.csv", 1 },               /* overwriting a plain file there */
		{ "导出//十一月/./月报.txt", 1 },     /* spelled oddly, still inside */
		{ "导出/../家/.bashrc", 0 },          /* ".." leads out */
		{ "导出/十一月/../../家/x.csv", 0 },
		{ "家/.bashrc", 0 },                  /* somewhere else altogether */
		{ "导出/家的链接/名单.csv", 0 },      /* a symlinked folder leads out */
		{ "导出/bashrc", 0 },                 /* an existing symlink to a file outside */
		{ "导出/没有的文件夹/名单.csv", 0 },  /* its folder must exist */
		{ "导出/十一月", 0 },                 /* a folder is not a file name */
		{ "导出/", 0 },
		{ "导出/..", 0 },
		{ "导出", 0 },                        /* the folder itself */
	};
	char dir[128];
	snprintf(dir, sizeof dir, "%s/导出", root);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char p[256];
		snprintf(p, sizeof p, "%s/%s", root, cases[i].rel);
		if (path_in_dir(p, dir) != cases[i].want)
			fail_msg("path_in_dir(%s) should be %d", cases[i].rel, cases[i].want);
	}
	/* the folder named through a symlink, and a relative file name from inside it */
	char via[256];
	snprintf(via, sizeof via, "%s/导出/家的链接", root);
	assert_int_equal(path_in_dir(via, root), 0);     /* a symlink to a folder is not a file */
	char cwd[512];
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(path_in_dir("名单.csv", dir), 1);
	assert_int_equal(path_in_dir("../名单.csv", dir), 0);
	assert_int_equal(chdir(cwd), 0);
	/* nothing given, or a folder that does not exist */
	assert_int_equal(path_in_dir("", dir), 0);
	assert_int_equal(path_in_dir(NULL, dir), 0);
	assert_int_equal(path_in_dir("名单.csv", NULL), 0);
	assert_int_equal(path_in_dir("/tmp/x.csv", "/nonexistent-jiuye-folder"), 0);
	/* "/" holds everything */
	assert_int_equal(path_in_dir("/tmp/x.csv", "/"), 1);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cases, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
