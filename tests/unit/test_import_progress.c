/* tests/unit/test_import_progress.c: an import's progress handler and its cancel (importer.c), and
 * the fast count of a CSV's records it divides by (csv.c). */
#include "testutil.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static char *write_tmp(const char *name, const char *text)
{
	char *path = xasprintf("/tmp/jy-progress-%d-%s", (int)getpid(), name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* Records counted by hand in each text: a quoted newline stays in its record, rows of only
 * separators and spaces are not counted, GBK bytes are bytes like any other. */
static void test_count_records(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		long n;
	} cases[] = {
		{ "", 0 },
		{ "姓名,身份证号\n", 1 },
		{ "姓名,身份证号\r\n王秀兰,1\r\n李娟,2\r\n", 3 },
		{ "姓名,身份证号\n王秀兰,1", 2 },                 /* no newline at the end */
		{ "姓名,备注\n王秀兰,\"两\n行\"\n李娟,\"三\n\n行\"\n", 3 },
		{ "姓名,备注\n王秀兰,\"他说\"\"好\n的\"\"\"\n李娟,x\n", 3 }, /* "" in quotes */
		{ "姓名,备注\n,,,\n \r\n\n李娟,x\n;\t\n", 2 },    /* Excel's formatted rows */
		{ "name,note\nab\"c,d\nef,g\n", 3 },              /* a quote inside a field */
		/* GBK: 姓名,备注 / 王,"两\n行" */
		{ "\xd0\xd5\xc3\xfb,\xb1\xb8\xd7\xa2\n\xcd\xf5,\"\xc1\xbd\n\xd0\xd0\"\n", 2 },
		{ "\xef\xbb\xbf姓名\n王秀兰\n", 2 },                       /* BOM */
		{ "PK\x03\x04\n\n", -1 },                                  /* a workbook */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *path = write_tmp("count.csv", cases[i].text);
		long n = -2;
		assert_int_equal(csv_count_records(path, &n, NULL), JY_OK);
		if (n != cases[i].n)
			fail_msg("case %zu: %ld records, expected %ld", i, n, cases[i].n);
		unlink(path);
		free(path);
	}
	/* UTF-16 (little and big end): 上 is U+4E0A, its 0x0A byte no newline; 3 records */
	static const char le[] = "\xff\xfe" "A\0\n\0\x0a\x4e,\0\"\0\n\0\"\0\n\0" "B\0";
	static const char be[] = "\xfe\xff" "\0A\0\n\x4e\x0a\0,\0\"\0\n\0\"\0\n" "\0B";
	const char *const wide[] = { le, be };
	for (int w = 0; w < 2; w++) {
		char *path = xasprintf("/tmp/jy-progress-%d-utf16.csv", (int)getpid());
		FILE *fp = fopen(path, "wb");
		assert_non_null(fp);
		fwrite(wide[w], 1, sizeof le - 1, fp);
		fclose(fp);
		long m = 0;
		assert_int_equal(csv_count_records(path, &m, NULL), JY_OK);
		assert_int_equal(m, 3);
		unlink(path);
		free(path);
	}
	/* not a regular file: unknown, no error; a missing one: the file's error */
	long n = 0;
	struct jy_err err = { 0 };
	assert_int_equal(csv_count_records("/tmp", &n, &err), JY_OK);
	assert_int_equal(n, -1);
	assert_int_equal(csv_count_records("/nonexistent/居民.csv", &n, &err), JY_EIO);
	assert_non_null(strstr(err.msg, "居民.csv"));
}

struct fix {
	char dir[64], path[96];
	struct jy_db *db;
};

static int setup(void **state, int demo)
{
	struct fix *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-progress-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("JIUYE_TODAY", "2026-11-23", 1);
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, NULL), JY_OK);
	if (demo)
		assert_int_equal(demo_load(f->db, NULL), JY_OK);
	*state = f;
	return 0;
}

static int setup_demo(void **state)
{
	return setup(state, 1);
}

static int setup_empty(void **state)
{
	return setup(state, 0);
}

static int teardown(void **state)
{
	struct fix *f = *state;
	db_close(&f->db);
	char *cmd = xasprintf("rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f);
	return 0;
}

/* A file of rows residents of community, each with her own ID number and birth date, and a blank
 * row and a formatted one (",,,") among them that are not rows. Caller frees. */
static char *residents_file(struct fix *f, int rows, const char *community)
{
	struct jy_buf b = { 0 };
	buf_adds(&b, "姓名,身份证号,联系电话,社区\r\n");
	for (int i = 0; i < rows; i++) {
		char birth[32], id[19];
		snprintf(birth, sizeof birth, "1980-%02d-%02d", 1 + i / 28, 1 + i % 28);
		idcard_make("330122", birth, i % 1000, 'F', id);
		buf_addf(&b, "张红%s,%s,1380000%04d,%s\r\n", i % 2 ? "梅" : "", id, i, community);
		if (i == 3)
			buf_adds(&b, ",,,\r\n\r\n");
	}
	char *path = xasprintf("%s/居民 台账.csv", f->dir);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs(b.s, fp);
	fclose(fp);
	buf_free(&b);
	return path;
}

/* What the handler saw, and the call at which it cancels (-1: never). */
struct seen {
	long done[64], total[64];
	int calls;
	long cancel_at;
};

static int on_progress(void *arg, long done, long total)
{
	struct seen *s = arg;
	if (s->calls < (int)ARRAY_LEN(s->done)) {
		s->done[s->calls] = done;
		s->total[s->calls] = total;
	}
	s->calls++;
	return done == s->cancel_at;
}

static void quiet(void *arg, const char *line)
{
	(void)arg;
	(void)line;
}

/* Every row a call (every = 1): 0 before the first, then 1 … 20, the total 20 throughout (the
 * header, the blank and the formatted rows are not rows). */
static void test_progress_every_row(void **state)
{
	struct fix *f = *state;
	char *path = residents_file(f, 20, "幸福里社区");
	struct seen s = { .cancel_at = -1 };
	struct import_result res;
	struct jy_err err = { 0 };
	db_progress_set(f->db, 1, on_progress, &s);
	assert_int_equal(import_residents(f->db, path, IMPORT_DRY_RUN, quiet, NULL, &res, &err),
	                 JY_OK);
	assert_int_equal(res.added, 20);
	assert_int_equal(s.calls, 21);
	for (int i = 0; i < s.calls; i++) {
		assert_int_equal(s.done[i], i);
		assert_int_equal(s.total[i], 20);
	}
	/* by time only: at least the first and the last call */
	memset(&s, 0, sizeof s);
	s.cancel_at = -1;
	db_progress_set(f->db, 0, on_progress, &s);
	assert_int_equal(import_residents(f->db, path, IMPORT_DRY_RUN, quiet, NULL, &res, &err),
	                 JY_OK);
	assert_true(s.calls >= 2 && s.calls <= 21);
	assert_int_equal(s.done[0], 0);
	assert_int_equal(s.done[s.calls - 1], 20);
	/* removed: no calls */
	memset(&s, 0, sizeof s);
	db_progress_set(f->db, 1, NULL, &s);
	assert_null(db_progress_get(f->db));
	assert_int_equal(import_residents(f->db, path, IMPORT_DRY_RUN, quiet, NULL, &res, &err),
	                 JY_OK);
	assert_int_equal(s.calls, 0);
	free(path);
}

/* The trail's head and the registry's size: what a cancelled import must leave as it found. */
struct before {
	int64_t residents, head_seq;
	int units;
	char head[65];
};

static void take(struct fix *f, struct before *b)
{
	struct history_verify v;
	assert_int_equal(history_verify(f->db, &v, NULL), JY_OK);
	b->head_seq = v.head_seq;
	memcpy(b->head, v.head, sizeof b->head);
	b->residents = test_resident_count(f->db);
	assert_int_equal(unit_count(f->db, &b->units, NULL), JY_OK);
}

static void assert_unchanged(struct fix *f, const struct before *was)
{
	struct before now;
	take(f, &now);
	assert_int_equal(now.residents, was->residents);
	assert_int_equal(now.units, was->units);
	assert_int_equal(now.head_seq, was->head_seq);
	assert_string_equal(now.head, was->head);
}

/* A cancel at the first call, in the middle and at the last (where a real run would commit next)
 * leaves the registry and the trail exactly as they were, and says so; the same file then
 * imports whole. */
static void test_cancel_saves_nothing(void **state)
{
	struct fix *f = *state;
	char *path = residents_file(f, 20, "幸福里社区");
	static const long at[] = { 0, 7, 20 };
	for (size_t i = 0; i < ARRAY_LEN(at); i++) {
		struct before was;
		take(f, &was);
		struct seen s = { .cancel_at = at[i] };
		struct import_result res;
		struct jy_err err = { 0 };
		db_progress_set(f->db, 1, on_progress, &s);
		assert_int_equal(import_residents(f->db, path, 0, quiet, NULL, &res, &err),
		                 JY_ECANCEL);
		assert_int_equal(s.calls, at[i] + 1);
		assert_int_equal(res.rows, at[i]);
		assert_int_equal(res.added + res.updated + res.unchanged + res.queued, 0);
		assert_non_null(strstr(err.msg, "cancelled"));
		assert_non_null(strstr(err.msg, "居民 台账.csv"));
		assert_string_equal(err_str(err.code), "cancelled");
		assert_unchanged(f, &was);
	}
	struct before was;
	take(f, &was);
	struct import_result res;
	db_progress_set(f->db, 1, NULL, NULL);
	assert_int_equal(import_residents(f->db, path, 0, quiet, NULL, &res, NULL), JY_OK);
	assert_int_equal(res.added, 20);
	assert_int_equal(test_resident_count(f->db), was.residents + 20);
	free(path);
}

/* Into a database without units, by its administrator: the communities the import would create
 * are not created when it is cancelled, and not said either. */
static void count_line(void *arg, const char *line)
{
	(void)line;
	++*(int *)arg;
}

static void test_cancel_creates_no_units(void **state)
{
	struct fix *f = *state;
	char *path = residents_file(f, 10, "东湖社区");
	struct before was;
	take(f, &was);
	assert_int_equal(was.units, 0);
	struct seen s = { .cancel_at = 9 };
	struct import_result res;
	struct jy_err err = { 0 };
	int lines = 0;
	db_progress_set(f->db, 1, on_progress, &s);
	assert_int_equal(import_residents(f->db, path, IMPORT_CREATE_UNITS, count_line, &lines,
	                                  &res, &err), JY_ECANCEL);
	assert_int_equal(lines, 0);
	assert_unchanged(f, &was);
	s.cancel_at = -1;
	assert_int_equal(import_residents(f->db, path, IMPORT_CREATE_UNITS, count_line, &lines,
	                                  &res, &err), JY_OK);
	assert_int_equal(res.added, 10);
	assert_int_equal(unit_count(f->db, &was.units, NULL), JY_OK);
	assert_int_equal(was.units, 1);
	assert_int_equal(lines, 2);             /* the heading and 东湖社区's line */
	free(path);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_count_records),
	cmocka_unit_test_setup_teardown(test_progress_every_row, setup_demo, teardown),
	cmocka_unit_test_setup_teardown(test_cancel_saves_nothing, setup_demo, teardown),
	cmocka_unit_test_setup_teardown(test_cancel_creates_no_units, setup_empty, teardown),
};

TEST_MAIN(tests)
