/* tests/bench_jobs.c: how fast matching is on a registry of 1,000,000 residents (`make bench`).
 *
 *   bench_jobs load DB N       create DB (the demo), bulk-load N synthetic residents with job
 *                              intentions and skills, and 200 postings: jobs_load_rate
 *   bench_jobs match DB N Q    Q postings (of the 200, in turn) matched: the first page of 50
 *                              matching residents, best first with why: match_p50, match_p95,
 *                              match_max (ms); the other way, the open postings for Q residents:
 *                              match_postings_p95 (ms)
 * Every figure is one line `bench NAME VALUE UNIT` on stdout; BENCH_JOBS_DEBUG=1 also names the
 * postings whose first page took more than 10 ms (on stderr).
 *
 * The residents are a pure function of their number, as in tests/bench.c (ID numbers unique by
 * construction, the same status mix: 5 in 9 are looking for work), and each has 0-2 job
 * intentions from the trades offices name (家政, 保洁, 月嫂, 缝纫, 保安 …) and sometimes
 * a skill, so a posting's words find a realistic share of the registry: a few per cent each. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core.h"

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐" };
static const char *const given[] = { "秀", "兰", "丽", "芳", "敏", "静", "燕", "霞", "红", "梅",
	"英", "华", "玉", "萍", "娟", "伟", "强", "军", "勇", "明", "春", "桂", "淑", "凤", "翠" };
static const char *const regions[] = { "330102", "330106", "330183", "320102", "320583", "110105",
	"440106", "510104" };
static const char *const communities[] = { "TX0101", "TX0102", "TX0103", "TX0201", "TX0301" };
static const char *const educations[] = { "71", "71", "71", "61", "61", "41", "31", "21", "81" };
static const char *const statuses[] = { "10", "10", "10", "11", "12", "20", "21", "22", "23" };
static const char *const categories[] = { "LAID_OFF", "UNEMP", "DIBAO", "DISABLED", "GRAD",
	"RURAL_MIGRANT", "RETURNEE", "LANDLESS", "ZERO_EMP_HH", "OLDER_HARD", "DIFFICULT" };
static const char *const trades[] = {
	"家政", "保洁", "家政服务", "钟点工", "保安", "门卫", "仓库管理", "月嫂", "育婴", "母婴护理",
	"缝纫", "电动缝纫", "服装加工", "手工编织", "来料加工", "收银", "超市理货", "营业员", "导购",
	"餐厅服务", "厨房帮工", "面点", "洗碗", "文员", "网店客服", "电脑打字", "快递分拣", "物流装卸",
	"驾驶员", "绿化", "养老护理", "护工", "社区公益岗位", "交通协管", "水电维修", "电子装配",
	"包装", "酒店客房", "美容美发", "幼儿保育",
};
static const char *const titles[] = {
	"家政服务员", "社区保洁员", "保安员", "仓库管理员", "月嫂", "育婴员", "电动缝纫工",
	"超市收银员", "餐厅服务员", "厨房帮工", "网店客服", "快递分拣员", "养老护理员", "绿化工",
	"社区交通协管员", "电子装配工", "包装工", "酒店客房服务员", "文员", "面点师",
};

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double percentile(double *v, int n, int p)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	int k = (n * p + 99) / 100 - 1;
	return v[k < 0 ? 0 : k];
}

static void fail(const char *what, const struct jy_err *err)
{
	fprintf(stderr, "bench_jobs: %s: %s %s\n", what, err->field, err->msg);
	exit(1);
}

static struct jy_db *open_db(const char *path, int flags)
{
	struct jy_db *db;
	struct jy_err err = { 0 };
	if (db_open(path, flags, &db, &err) != JY_OK)
		fail(path, &err);
	struct jy_actor who;
	db_actor_from_os(&who);
	if (db_set_actor(db, &who, &err) != JY_OK)
		fail(path, &err);
	return db;
}

/* Resident number i, always the same. */
static void person(uint64_t i, struct resident *r)
{
	static int64_t day_first, day_count;
	uint64_t s = i * 0x2545F4914F6CDD1DULL + 7;
	char name[32], birth[11], id[19], buf[160];
	int y, m, d;
	if (!day_count) {
		day_first = date_days(1964, 7, 1);
		day_count = date_days(2008, 6, 30) - day_first + 1;
	}
	snprintf(name, sizeof name, "%s%s%s", surnames[splitmix(&s) % ARRAY_LEN(surnames)],
	         given[splitmix(&s) % ARRAY_LEN(given)], given[splitmix(&s) % ARRAY_LEN(given)]);
	uint64_t space = ARRAY_LEN(regions) * (uint64_t)day_count * 1000;
	uint64_t idx = (i * 1000003ULL + 12345) % space;
	int seq = (int)(idx % 1000);
	date_from_days(day_first + (int64_t)((idx / 1000) % (uint64_t)day_count), &y, &m, &d);
	snprintf(birth, sizeof birth, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
	idcard_make(regions[idx / 1000 / (uint64_t)day_count], birth, seq, (seq & 1) ? 'M' : 'F', id);
	for (int f = 0; f < RF__COUNT; f++)
		resident_set(r, f, NULL);
	resident_set(r, RF_NAME, name);
	resident_set(r, RF_IDNO, id);
	resident_set(r, RF_COMMUNITY, communities[splitmix(&s) % ARRAY_LEN(communities)]);
	resident_set(r, RF_EDUCATION, educations[splitmix(&s) % ARRAY_LEN(educations)]);
	resident_set(r, RF_STATUS, statuses[splitmix(&s) % ARRAY_LEN(statuses)]);
	int nc = (int)(splitmix(&s) % 3);
	buf[0] = '\0';
	for (int k = 0; k < nc; k++) {
		size_t l = strlen(buf);
		snprintf(buf + l, sizeof buf - l, "%s%s", l ? "," : "", categories[splitmix(&s) % ARRAY_LEN(categories)]);
	}
	resident_set(r, RF_CATEGORIES, buf);
	int ni = (int)(splitmix(&s) % 10);      /* 0-2 intentions: 30% none, 40% one, 30% two */
	buf[0] = '\0';
	if (ni >= 3)
		snprintf(buf, sizeof buf, "%s", trades[splitmix(&s) % ARRAY_LEN(trades)]);
	if (ni >= 7) {
		size_t l = strlen(buf);
		snprintf(buf + l, sizeof buf - l, "/%s", trades[splitmix(&s) % ARRAY_LEN(trades)]);
	}
	resident_set(r, RF_INTENT, buf);
	if (splitmix(&s) % 4 == 0)
		resident_set(r, RF_SKILLS, trades[splitmix(&s) % ARRAY_LEN(trades)]);
	date_from_days(date_days(2015, 1, 1) + (int64_t)(splitmix(&s) % 3468), &y, &m, &d);
	snprintf(buf, sizeof buf, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
	resident_set(r, RF_REGDATE, buf);
}

/* Posting number j: a title, and requirements as offices write them. */
static void posting(int j, struct jobrec *p)
{
	uint64_t s = (uint64_t)j * 0x9E3779B97F4A7C15ULL + 3;
	char v[16];
	for (int f = 0; f < PST__COUNT; f++)
		jobrec_set(p, f, NULL);
	jobrec_set(p, PST_EMPLOYER, (const char *[]){ "E01", "E02", "E03", "E04", "E05" }[j % 5]);
	jobrec_set(p, PST_TITLE, titles[j % (int)ARRAY_LEN(titles)]);
	snprintf(v, sizeof v, "%d", 1 + (int)(splitmix(&s) % 20));
	jobrec_set(p, PST_OPENINGS, v);
	jobrec_set(p, PST_POSTED, "2024-06-01");
	uint64_t sx = splitmix(&s) % 10;
	if (sx < 3)
		jobrec_set(p, PST_SEX, "2");
	else if (sx == 3)
		jobrec_set(p, PST_SEX, "1");
	if (splitmix(&s) % 10 < 6) {
		int lo = 18 + (int)(splitmix(&s) % 13), hi = 35 + (int)(splitmix(&s) % 21);
		snprintf(v, sizeof v, "%d", lo);
		jobrec_set(p, PST_AGE_MIN, v);
		snprintf(v, sizeof v, "%d", hi);
		jobrec_set(p, PST_AGE_MAX, v);
	}
	uint64_t ed = splitmix(&s) % 10;
	if (ed < 2)
		jobrec_set(p, PST_EDUCATION, "71");
	else if (ed < 3)
		jobrec_set(p, PST_EDUCATION, "61");
	if (splitmix(&s) % 5 == 0) {
		jobrec_set(p, PST_PW, "1");
		jobrec_set(p, PST_SUBSIDY, "36");
	}
	if (splitmix(&s) % 3 == 0)
		jobrec_set(p, PST_SKILLS, trades[splitmix(&s) % ARRAY_LEN(trades)]);
}

#define BATCH 100000
#define POSTINGS 200

static int cmd_load(const char *path, long n)
{
	struct jy_err err = { 0 };
	struct jy_db *db = open_db(path, DB_OPEN_CREATE);
	if (demo_load(db, &err) != JY_OK)
		fail("demo", &err);
	struct resident *r = resident_new();
	long rejected = 0;
	double t0 = now_s();
	for (long start = 0; start < n; start += BATCH) {
		struct resident_bulk *b;
		if (resident_bulk_begin(db, &b, &err) != JY_OK)
			fail("bulk begin", &err);
		for (long i = start; i < n && i < start + BATCH; i++) {
			person((uint64_t)i, r);
			r->id = 0;
			if (resident_bulk_add(b, r, &err) != JY_OK && rejected++ < 5)
				fprintf(stderr, "bench_jobs: resident %ld: %s %s\n", i, err.field, err.msg);
		}
		if (resident_bulk_commit(&b, &err) != JY_OK)
			fail("bulk commit", &err);
	}
	double t = now_s() - t0;
	resident_free(&r);
	struct jobrec *p = jobrec_new(JR_POSTING);
	for (int j = 0; j < POSTINGS; j++) {
		posting(j, p);
		p->id = 0;
		if (jobrec_save(db, p, &err) != JY_OK)
			fail("posting", &err);
	}
	jobrec_free(&p);
	db_close(&db);
	printf("bench jobs_load_rate %.0f rows/s\n", (double)(n - rejected) / t);
	return rejected ? 1 : 0;
}

static int cmd_match(const char *path, long n, int nq)
{
	struct jy_err err = { 0 };
	struct jy_db *db = open_db(path, 0);
	double *ms = malloc(sizeof *ms * (size_t)nq);
	long empty = 0, rows = 0;
	int first_posting = 9;          /* after the demo's eight */
	for (int q = 0; q < nq; q++) {
		struct match_row *m;
		int k, more;
		double t0 = now_s();
		if (match_residents(db, first_posting + q % POSTINGS, "2024-06-30", 0, 50, &m, &k, &more, &err))
			fail("match", &err);
		ms[q] = (now_s() - t0) * 1000.0;
		if (getenv("BENCH_JOBS_DEBUG") && ms[q] > 10)
			fprintf(stderr, "posting %d: %.1f ms\n", first_posting + q % POSTINGS, ms[q]);
		rows += k;
		if (k == 0)
			empty++;
		free(m);
	}
	printf("bench match_p50 %.3f ms\n", percentile(ms, nq, 50));
	printf("bench match_p95 %.3f ms\n", percentile(ms, nq, 95));
	printf("bench match_max %.3f ms\n", percentile(ms, nq, 100));
	printf("bench match_rows_per_page %.1f rows\n", (double)rows / nq);
	uint64_t s = 99;
	for (int q = 0; q < nq; q++) {
		struct match_posting *m;
		int k;
		int64_t rid = 11 + (int64_t)(splitmix(&s) % (uint64_t)n);
		double t0 = now_s();
		if (match_postings(db, rid, "2024-06-30", &m, &k, &err))
			fail("match postings", &err);
		ms[q] = (now_s() - t0) * 1000.0;
		free(m);
	}
	printf("bench match_postings_p95 %.3f ms\n", percentile(ms, nq, 95));
	free(ms);
	db_close(&db);
	if (empty)
		fprintf(stderr, "bench_jobs: %ld of %d postings matched nobody\n", empty, nq);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	setenv("JIUYE_TODAY", "2024-06-30", 0);
	if (argc == 4 && strcmp(argv[1], "load") == 0)
		return cmd_load(argv[2], atol(argv[3]));
	if (argc == 5 && strcmp(argv[1], "match") == 0)
		return cmd_match(argv[2], atol(argv[3]), atoi(argv[4]));
	fprintf(stderr, "usage: bench_jobs load DB N | match DB N Q\n");
	return 2;
}
