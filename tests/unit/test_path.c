/* tests/unit/test_path.c: path_in_dir, the export-folder rule of `jiuye --restricted`; the file
 * beside a destination (its name, and what a killed writer left removed by the next one); names
 * as messages show them. */
#include "testutil.h"

#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <utime.h>
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

static void mk_in(const char *dir, const char *name)
{
	char p[256];
	snprintf(p, sizeof p, "%s/%s/%s", root, dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fclose(f);
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

/* Control characters, DEL, C1 controls and bidirectional overrides never reach the terminal; what
 * is not UTF-8 shows as its bytes; everything else, Chinese included, is left as it is. */
static void test_shown(void **state)
{
	(void)state;
	static const struct {
		const char *name, *shown;
	} cases[] = {
		{ "城东社区名单.csv", "城东社区名单.csv" },
		{ "\033]0;pwned\007.csv", "\\e]0;pwned\\x07.csv" },   /* retitles an xterm */
		{ "a\nb\tc\rd", "a\\nb\\tc\\rd" },
		{ "del\177", "del\\x7f" },
		{ "c1\302\233", "c1\\u009b" },                     /* U+009B CSI */
		{ "gpj\342\200\256.exe", "gpj\\u202e.exe" },      /* U+202E: right to left */
		{ "gbk\xb3\xc7.csv", "gbk\\xb3\\xc7.csv" },        /* not UTF-8 */
		{ "C:\\x.csv", "C:\\\\x.csv" },                      /* a backslash doubled */
		{ "", "" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		if (strcmp(path_shown(cases[i].name), cases[i].shown) != 0)
			fail_msg("case %zu: %s, not %s", i, path_shown(cases[i].name),
			         cases[i].shown);
	assert_string_equal(path_shown(NULL), "");
	/* four at a time stay valid: one message names several files */
	const char *a = path_shown("a"), *b = path_shown("b");
	const char *c = path_shown("c"), *d = path_shown("d");
	assert_string_equal(a, "a");
	assert_string_equal(b, "b");
	assert_string_equal(c, "c");
	assert_string_equal(d, "d");
	/* a long name is cut, on a character, with "..." */
	char longname[3000];
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	const char *cut = path_shown(longname);
	assert_true(strlen(cut) < 1024);
	assert_string_equal(cut + strlen(cut) - 3, "...");
}

/* The name beside: hidden, the program's and the process's. */
/* ~ and the home folder, both ways, with a Chinese folder name. */
static void test_home(void **state)
{
	(void)state;
	char *saved = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	setenv("HOME", "/home/王芳", 1);
	static const struct { const char *in, *expanded, *shown; } cases[] = {
		{ "~/jiuye-print/台账.xlsx", "/home/王芳/jiuye-print/台账.xlsx", "~/jiuye-print/台账.xlsx" },
		{ "/home/王芳/a.csv", "/home/王芳/a.csv", "~/a.csv" },
		{ "/home/王芳x/a.csv", "/home/王芳x/a.csv", "/home/王芳x/a.csv" },  /* not under it */
		{ "~x/a.csv", "~x/a.csv", "~x/a.csv" },         /* another user's: left as typed */
		{ "/tmp/a.csv", "/tmp/a.csv", "/tmp/a.csv" },
		{ "", "", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *e = path_home_expand(cases[i].in), *sh = path_home_shown(cases[i].expanded);
		assert_string_equal(e, cases[i].expanded);
		assert_string_equal(sh, cases[i].shown);
		free(e);
		free(sh);
	}
	setenv("HOME", "/", 1);         /* the root's home: nothing shortened */
	char *sh = path_home_shown("/etc/x");
	assert_string_equal(sh, "/etc/x");
	free(sh);
	if (saved)
		setenv("HOME", saved, 1);
	else
		unsetenv("HOME");
	free(saved);
}

static void test_tmp_name(void **state)
{
	(void)state;
	char want[128];
	snprintf(want, sizeof want, "/srv/导出/.名单.csv.jiuye-tmp-%ld", (long)getpid());
	char *n = path_tmp_name("/srv/导出/名单.csv");
	assert_string_equal(n, want);
	free(n);
	snprintf(want, sizeof want, ".名单.csv.jiuye-tmp-%ld", (long)getpid());
	n = path_tmp_name("名单.csv");
	assert_string_equal(n, want);
	free(n);
}

static int exists(const char *rel)
{
	char p[256];
	snprintf(p, sizeof p, "%s/导出/%s", root, rel);
	return access(p, F_OK) == 0;
}

/* What a killed writer left is removed by the next write to the folder: its process is gone, or
 * it is older than a day's work; a live writer's file and files not named as ours stay. */
static void test_tmp_sweep(void **state)
{
	(void)state;
	pid_t dead = fork();
	if (dead == 0)
		_exit(0);
	assert_true(dead > 0);
	assert_int_equal(waitpid(dead, NULL, 0), dead);
	static const struct {
		const char *before, *after;     /* under 导出/: before, the process, after */
		int pid;                /* 0 the dead one, 1 this one's parent */
		int old;                /* untouched for two days */
		int stays;
	} cases[] = {
		{ ".名单.csv.jiuye-tmp-", "", 0, 0, 0 },          /* a killed export */
		{ ".jiuye-20250101.db.jiuye-tmp-", "-journal", 0, 0, 0 },  /* a killed backup */
		{ ".月报.xlsx.jiuye-tmp-", "", 1, 0, 1 },         /* a writer still at work */
		{ ".月报.csv.jiuye-tmp-", "", 1, 1, 0 },          /* alive, but two days old */
		{ ".x.jiuye-tmp-", ".csv", 0, 0, 1 },             /* not our name: ends otherwise */
		{ "名单.csv.jiuye-tmp-", "", 0, 0, 1 },           /* not hidden: not ours */
		{ ".jiuye-tmp-", "", 0, 0, 1 },                   /* no file it was for */
	};
	char names[ARRAY_LEN(cases)][128];
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		long pid = cases[i].pid == 0 ? (long)dead : (long)getppid();
		snprintf(names[i], sizeof names[i], "%s%ld%s", cases[i].before, pid,
		         cases[i].after);
		mk_in("导出", names[i]);
		if (cases[i].old) {
			char p[256];
			snprintf(p, sizeof p, "%s/导出/%s", root, names[i]);
			struct utimbuf t = { time(NULL) - 2 * 86400, time(NULL) - 2 * 86400 };
			assert_int_equal(utime(p, &t), 0);
		}
	}
	char dest[256];
	snprintf(dest, sizeof dest, "%s/导出/名单.csv", root);
	char *tmp = path_tmp_name(dest);
	int fd = path_create_beside(dest, tmp);
	assert_true(fd >= 0);
	close(fd);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		if (exists(names[i]) != cases[i].stays)
			fail_msg("%s: %s", names[i], cases[i].stays ? "removed" : "left");
	/* this writer's own file is there, its owner's alone */
	struct stat sb;
	assert_int_equal(stat(tmp, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	unlink(tmp);
	free(tmp);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cases, setup, teardown),
		cmocka_unit_test(test_shown),
		cmocka_unit_test(test_home),
		cmocka_unit_test(test_tmp_name),
		cmocka_unit_test_setup_teardown(test_tmp_sweep, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
