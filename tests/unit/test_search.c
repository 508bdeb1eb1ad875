/* tests/unit/test_search.c: how workers look people up — pinyin initials (every reading of a
 * polyphonic surname), any part of the name, traditional or simplified, the last digits of the ID
 * number or phone — and pages that neither repeat nor skip anyone. */
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>

#include "store/sql.h"

static char dir[64];
static struct jy_db *db;

static const struct {
	const char *name, *birth;
	char sex;
	const char *phone;
} people[] = {
	{ "张晓红", "1980-01-01", 'F', "13800001111" },
	{ "曾小单", "1975-03-04", 'F', "13900002222" },
	{ "单丽丽", "1990-05-06", 'F', "13700003333" },
	{ "区国强", "1970-07-08", 'M', "0571-87654321" },
	{ "欧阳娜娜", "1992-09-10", 'F', "15800004444" },
	{ "張曉紅", "1981-02-02", 'F', "18600005555" },   /* entered in traditional form */
	{ "李红红", "1985-11-12", 'F', "13600006666" },
	{ "艾力·买买提", "1988-08-08", 'M', "13500007777" },
};
static int64_t ids[ARRAY_LEN(people)];
static char idnos[ARRAY_LEN(people)][19];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/jy-search-XXXXXX");
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/s.db", dir);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, &err), JY_OK);
	free(path);
	for (size_t i = 0; i < ARRAY_LEN(people); i++) {
		idcard_make("320102", people[i].birth, (int)(100 + i), people[i].sex, idnos[i]);
		struct resident *r = resident_new();
		resident_set(r, RF_NAME, people[i].name);
		resident_set(r, RF_IDNO, idnos[i]);
		resident_set(r, RF_PHONE, people[i].phone);
		assert_int_equal(resident_save(db, r, &err), JY_OK);
		ids[i] = r->id;
		resident_free(&r);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(&db);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return 0;
}

/* Which of the people a query finds, as a string of their indexes: "05" = people 0 and 5. */
static char *found(const char *query)
{
	struct search_page p;
	struct jy_err err = { 0 };
	assert_int_equal(search_residents(db, query, NULL, 50, 0, &p, &err), JY_OK);
	static char out[32];
	size_t n = 0;
	for (size_t i = 0; i < ARRAY_LEN(people); i++)
		for (int k = 0; k < p.n; k++)
			if (p.rows[k].id == ids[i])
				out[n++] = (char)('0' + i);
	out[n] = '\0';
	search_page_free(&p);
	return out;
}

static const struct {
	const char *query, *expect;
} queries[] = {
	{ "zxh", "05" },        /* initials; the traditional entry has the same readings */
	{ "ZXH", "05" },        /* case does not matter */
	{ "zx", "015" },        /* a prefix of the initials: 曾小单 is zxd */
	{ "cxd", "1" },         /* 曾 also reads céng */
	{ "zxs", "1" },         /* 单 also reads shàn */
	{ "sll", "2" },
	{ "dll", "2" },
	{ "ogq", "3" },         /* 区 as a surname reads ōu */
	{ "qgq", "3" },
	{ "oynn", "4" },
	{ "almmt", "7" },
	{ "张晓红", "05" },     /* characters; simplified finds traditional */
	{ "張曉紅", "05" },     /* and traditional finds simplified */
	{ "晓红", "05" },       /* anywhere in the name */
	{ "红", "056" },        /* one character: 李红红 found once */
	{ "红红", "6" },
	{ "娜娜", "4" },
	{ "买买提", "7" },
	{ "1111", "0" },        /* last digits of a phone */
	{ "87654321", "3" },    /* a landline's number */
	{ "王", "" },
	{ "xyz", "" },
	{ "", "01234567" },     /* no query: everybody */
	{ "  ", "01234567" },
};

static void test_queries(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(queries); i++) {
		const char *got = found(queries[i].query);
		if (strcmp(got, queries[i].expect) != 0)
			fail_msg("query \"%s\": found \"%s\", expected \"%s\"", queries[i].query, got,
			         queries[i].expect);
	}
}

static void test_id_tail(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(people); i++) {
		const char *tail = idnos[i] + 14;        /* last four characters, maybe ending in X */
		char *got = xstrdup(found(tail));
		char self[2] = { (char)('0' + i), 0 };
		assert_non_null(strstr(got, self));
		/* lowercase x finds X */
		char lower[5];
		for (int k = 0; k < 5; k++)
			lower[k] = (char)(tail[k] == 'X' ? 'x' : tail[k]);
		assert_non_null(strstr(found(lower), self));
		free(got);
	}
}

static void test_rows_carry_what_the_list_shows(void **state)
{
	(void)state;
	struct search_page p;
	struct jy_err err = { 0 };
	assert_int_equal(search_residents(db, "qgq", NULL, 10, 0, &p, &err), JY_OK);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.rows[0].name, "区国强");
	assert_string_equal(p.rows[0].sex, "1");
	assert_string_equal(p.rows[0].birth, "1970-07-08");
	assert_string_equal(p.rows[0].status, "10");
	search_page_free(&p);
}

/* Paging with tiny pages visits everybody exactly once, in the same order as one big page. */
static void test_pages_do_not_repeat_or_skip(void **state)
{
	(void)state;
	const char *qs[] = { "", "红", "z", "13" };
	for (size_t q = 0; q < ARRAY_LEN(qs); q++) {
		struct search_page big;
		struct jy_err err = { 0 };
		assert_int_equal(search_residents(db, qs[q], NULL, 200, 0, &big, &err), JY_OK);
		char cursor[128] = "";
		int seen = 0;
		for (;;) {
			struct search_page p;
			assert_int_equal(search_residents(db, qs[q], cursor, 2, 0, &p, &err), JY_OK);
			for (int k = 0; k < p.n; k++, seen++) {
				assert_true(seen < big.n);
				assert_int_equal(p.rows[k].id, big.rows[seen].id);
			}
			int more = p.more;
			snprintf(cursor, sizeof cursor, "%s", p.next);
			search_page_free(&p);
			if (!more)
				break;
		}
		assert_int_equal(seen, big.n);
		search_page_free(&big);
	}
}

static void test_index_follows_edits_and_closing(void **state)
{
	(void)state;
	struct jy_err err = { 0 };
	struct resident *r;
	assert_int_equal(resident_load(db, ids[2], &r, &err), JY_OK);
	resident_set(r, RF_NAME, "单美玲");
	resident_set(r, RF_PHONE, "13700009999");
	assert_int_equal(resident_save(db, r, &err), JY_OK);
	assert_string_equal(found("美玲"), "2");
	assert_string_equal(found("丽丽"), "");
	assert_string_equal(found("9999"), "2");
	assert_string_equal(found("3333"), "");
	assert_int_equal(resident_close(db, r->id, r->version, CLOSING("迁出"), &err), JY_OK);
	assert_string_equal(found("美玲"), "");
	struct search_page p;
	assert_int_equal(search_residents(db, "美玲", NULL, 10, 1, &p, &err), JY_OK);
	assert_int_equal(p.n, 1);
	assert_true(p.rows[0].closed);
	search_page_free(&p);
	resident_free(&r);
}

/* ---- a worker's scope: her communities' keys only ---------------------------------------------- */

/* Who each worker finds, a string of the people's letters: a-e live in 东湖 (D1), f-g in 西湖 (D2),
 * nobody yet in 新城 (D3); D1 and D2 form the street S1. */
static const struct {
	const char *name, *community;
} scoped[] = {
	{ "张晓红", "D1" }, { "张小华", "D1" }, { "赵美华", "D1" }, { "周晓红", "D1" }, { "李红红", "D1" },
	{ "张学慧", "D2" }, { "郑晓红", "D2" },
};

static void act_as(struct jy_db *d, const char *os_user)
{
	struct jy_actor who = { 0 };
	snprintf(who.os_user, sizeof who.os_user, "%s", os_user);
	snprintf(who.name, sizeof who.name, "%s", os_user);
	assert_int_equal(db_set_actor(d, &who, NULL), JY_OK);
}

/* Every page of query (2 a page) as the acting worker, as letters in the order listed. */
static char *scoped_found(struct jy_db *d, const int64_t *sid, const char *query)
{
	static char out[64];
	char cursor[128] = "";
	size_t n = 0;
	struct jy_err err = { 0 };
	for (;;) {
		struct search_page p;
		assert_int_equal(search_residents(d, query, cursor, 2, 0, &p, &err), JY_OK);
		for (int k = 0; k < p.n; k++)
			for (size_t i = 0; i < ARRAY_LEN(scoped); i++)
				if (p.rows[k].id == sid[i])
					out[n++] = (char)('a' + i);
		int more = p.more;
		snprintf(cursor, sizeof cursor, "%s", p.next);
		search_page_free(&p);
		if (!more)
			break;
	}
	out[n] = '\0';
	return out;
}

static void test_scope(void **state)
{
	(void)state;
	char sdir[64];
	snprintf(sdir, sizeof sdir, "/tmp/jy-scope-XXXXXX");
	assert_non_null(mkdtemp(sdir));
	char *path = xasprintf("%s/s.db", sdir);
	struct jy_err err = { 0 };
	struct jy_db *d;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &d, &err), JY_OK);
	assert_int_equal(sqlite3_exec(db_handle(d),
		"INSERT INTO unit(code, name, level, parent) VALUES ('C', '湖县', 'county', NULL), "
		"('S1', '湖滨街道', 'street', 'C'), ('D1', '东湖社区', 'community', 'S1'), "
		"('D2', '西湖社区', 'community', 'S1'), ('D3', '新城社区', 'community', 'C')",
		NULL, NULL, NULL), SQLITE_OK);
	int64_t sid[ARRAY_LEN(scoped)];
	for (size_t i = 0; i < ARRAY_LEN(scoped); i++) {
		char idno[19];
		idcard_make("320102", "1980-01-01", (int)(200 + 2 * i), 'F', idno);
		struct resident *r = resident_new();
		resident_set(r, RF_NAME, scoped[i].name);
		resident_set(r, RF_IDNO, idno);
		resident_set(r, RF_COMMUNITY, scoped[i].community);
		assert_int_equal(resident_save(d, r, &err), JY_OK);
		sid[i] = r->id;
		resident_free(&r);
	}
	const struct jy_actor admin = *db_actor(d);
	assert_int_equal(worker_save(d, "dong", "东湖录入员", ROLE_CLERK, "东湖社区", &err), JY_OK);
	assert_int_equal(worker_save(d, "xin", "新城录入员", ROLE_CLERK, "新城社区", &err), JY_OK);
	assert_int_equal(worker_save(d, "jie", "街道审核", ROLE_REVIEWER, "湖滨街道", &err), JY_OK);

	/* the administrator: every community, one after another, each in key order; everybody newest
	 * first */
	assert_string_equal(scoped_found(d, sid, "zxh"), "abdfg");
	assert_string_equal(scoped_found(d, sid, "红"), "adeg");
	assert_string_equal(scoped_found(d, sid, ""), "gfedcba");  /* newest first */
	act_as(d, "dong");
	assert_string_equal(scoped_found(d, sid, "zxh"), "abd");
	assert_string_equal(scoped_found(d, sid, "晓红"), "ad");
	assert_string_equal(scoped_found(d, sid, ""), "edcba");
	act_as(d, "xin");            /* a new community: nobody, and no one else's */
	assert_string_equal(scoped_found(d, sid, "zxh"), "");
	assert_string_equal(scoped_found(d, sid, ""), "");
	act_as(d, "jie");            /* the street: both its communities, pages across them */
	assert_string_equal(scoped_found(d, sid, "zxh"), "abdfg");
	/* 红 reads hong and gong: zxg sorts before zxh, and 赵美华's zmh before both */
	assert_string_equal(scoped_found(d, sid, "z"), "cadbgf");

	/* 郑晓红 moves to 新城: her keys go with her */
	assert_int_equal(db_set_actor(d, &admin, &err), JY_OK);
	struct resident *r;
	assert_int_equal(resident_load(d, sid[6], &r, &err), JY_OK);
	resident_set(r, RF_COMMUNITY, "D3");
	assert_int_equal(resident_save(d, r, &err), JY_OK);
	resident_free(&r);
	act_as(d, "jie");
	assert_string_equal(scoped_found(d, sid, "zxh"), "abdf");
	act_as(d, "xin");
	assert_string_equal(scoped_found(d, sid, "zxh"), "g");
	assert_string_equal(scoped_found(d, sid, "红"), "g");

	db_close(&d);
	free(path);
	char *cmd = xasprintf("rm -rf '%s'", sdir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

int main(void)
{
	test_init();
	setenv("JIUYE_TODAY", "2024-06-30", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_queries),
		cmocka_unit_test(test_id_tail),
		cmocka_unit_test(test_rows_carry_what_the_list_shows),
		cmocka_unit_test(test_pages_do_not_repeat_or_skip),
		cmocka_unit_test(test_index_follows_edits_and_closing),
		cmocka_unit_test(test_scope),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
