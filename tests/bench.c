/* tests/bench.c: the speed and size figures of a 1,000,000-resident registry (`make bench`).
 *
 *   bench load DB N            create DB (demo units), bulk-load N synthetic residents:
 *                              load_rate, db_size
 *   bench search DB N Q [FIRST] Q random queries of each kind on the N synthetic residents from
 *                              number FIRST (0; an imported file's are from 10,000,000), first
 *                              page of 50, each beside the raw indexed query that jiuye runs for
 *                              it (search_*_raw_p95): as the administrator, then as a clerk of
 *                              a community with 1% of the registry and of one with nobody yet
 *                              (search_clerk1_*, search_clerk0_*); search_peak_rss and the
 *                              memory it holds as heap and as mapped file pages
 *   bench csv FILE N           N synthetic residents as a CSV file with the Chinese headers
 *   bench queries FILE N Q     Q search-as-you-type queries (one a line) for the pseudo-terminal
 *                              measure (tests/bench_pty.c)
 *   bench due DB               今日待办 as the administrator opens it (each list's first 50 lines
 *                              and its count), in a process of its own: due_admin_ms the first
 *                              time, due_admin_again_ms the median of 5 more
 * Every figure is one line `bench NAME VALUE UNIT` on stdout.
 *
 * The synthetic residents are a pure function of their number i, so the search process draws its
 * queries from values that exist without reading them back: person i has a realistic surname (the
 * ~100 most common, weighted by frequency, plus a few polyphonic ones such as 曾 单 区 解 查), one
 * or two given-name characters from a list of common ones (polyphonic ones included), an ID number
 * made by idcard_make that no other person shares (i is mapped one-to-one onto region, birth date
 * and sequence number), a 13x/15x/18x mobile, a community (one of the demo's, or 百花社区 with 1%
 * of the registry; 新苑社区 has nobody: two units the loader adds), a code-list education,
 * status and 0-2 categories. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <xlsxwriter.h>

#include "core.h"
#include "store/sql.h"

/* ---- the synthetic registry ------------------------------------------------------------------ */

/* Surnames and their approximate share in per ten thousand (household registration statistics
 * of the 2010s; the tail is rounded). */
static const struct { const char *s; int w; } surnames[] = {
	{ "王", 710 }, { "李", 700 }, { "张", 670 }, { "刘", 540 }, { "陈", 450 }, { "杨", 310 },
	{ "黄", 200 }, { "赵", 200 }, { "吴", 170 }, { "周", 170 }, { "徐", 130 }, { "孙", 130 },
	{ "马", 110 }, { "朱", 110 }, { "胡", 100 }, { "郭", 100 }, { "何", 90 },  { "林", 90 },
	{ "高", 90 },  { "罗", 90 },  { "郑", 80 },  { "梁", 80 },  { "谢", 70 },  { "宋", 60 },
	{ "唐", 60 },  { "许", 50 },  { "韩", 50 },  { "邓", 50 },  { "冯", 50 },  { "曹", 50 },
	{ "彭", 50 },  { "曾", 50 },  { "肖", 50 },  { "田", 40 },  { "董", 40 },  { "潘", 40 },
	{ "袁", 40 },  { "蔡", 40 },  { "蒋", 40 },  { "余", 40 },  { "于", 40 },  { "杜", 40 },
	{ "叶", 40 },  { "程", 40 },  { "魏", 30 },  { "苏", 30 },  { "吕", 30 },  { "丁", 30 },
	{ "任", 30 },  { "卢", 30 },  { "姚", 30 },  { "沈", 30 },  { "钟", 30 },  { "姜", 30 },
	{ "崔", 30 },  { "谭", 30 },  { "陆", 30 },  { "范", 20 },  { "汪", 20 },  { "廖", 20 },
	{ "石", 20 },  { "金", 20 },  { "韦", 20 },  { "贾", 20 },  { "夏", 20 },  { "付", 20 },
	{ "方", 20 },  { "邹", 20 },  { "熊", 20 },  { "白", 20 },  { "孟", 20 },  { "秦", 20 },
	{ "邱", 20 },  { "侯", 20 },  { "江", 20 },  { "尹", 20 },  { "薛", 20 },  { "闫", 20 },
	{ "段", 10 },  { "雷", 10 },  { "龙", 10 },  { "黎", 10 },  { "史", 10 },  { "陶", 10 },
	{ "贺", 10 },  { "毛", 10 },  { "郝", 10 },  { "顾", 10 },  { "龚", 10 },  { "邵", 10 },
	{ "万", 10 },  { "覃", 10 },  { "武", 10 },  { "钱", 10 },  { "戴", 10 },  { "严", 10 },
	{ "莫", 10 },  { "孔", 10 },  { "向", 10 },  { "常", 10 },  { "汤", 10 },  { "康", 10 },
	/* polyphonic surnames, rare but the ones searches get wrong */
	{ "单", 5 },   { "解", 3 },   { "查", 3 },   { "区", 2 },   { "仇", 2 },   { "朴", 2 },
	{ "盖", 2 },   { "乐", 2 },   { "缪", 2 },
};

/* Common given-name characters; 长 乐 行 重 朝 和 少 传 调 都 have more than one reading. */
static const char *const given[] = {
	"伟", "芳", "娜", "秀", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
	"涛", "明", "超", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "萍", "红", "梅", "建",
	"国", "晓", "燕", "小", "文", "辉", "丹", "鹏", "飞", "俊", "婷", "宇", "浩", "凯", "雪",
	"琳", "晶", "颖", "慧", "巧", "美", "淑", "惠", "珠", "翠", "雅", "芝", "莉", "荣", "凤",
	"洁", "琴", "云", "莲", "真", "环", "爱", "香", "月", "媛", "瑞", "凡", "佳", "嘉", "琼",
	"勤", "珍", "贞", "娣", "璐", "琦", "妍", "茜", "秋", "珊", "锦", "青", "倩", "婉", "瑾",
	"露", "瑶", "怡", "雁", "仪", "荷", "蓉", "君", "蕊", "薇", "梦", "岚", "馨", "韵", "卿",
	"聪", "纯", "悦", "冰", "爽", "宁", "欣", "滢", "筠", "柔", "凝", "欢", "枫", "芸", "菲",
	"亚", "宜", "舒", "阳", "妮", "宝", "恒", "鸿", "剑", "娇", "灵", "琪", "晴", "容", "睿",
	"威", "雯", "萱", "彦", "雨", "忠", "宗", "曼", "紫", "逸", "贤", "德", "福", "生", "林",
	"海", "春", "志", "永", "新", "庆", "东", "金", "光", "根", "学", "成", "家", "祥", "发",
	"长", "乐", "行", "重", "朝", "和", "少", "传", "调", "都",
};

/* Regions of the synthetic ID numbers (real county codes, no real people: the rest is made up).
 * 330122 is left to the demo records. */
static const char *const regions[] = {
	"330102", "330106", "330183", "320102", "320583", "110105", "440106", "510104",
};

static const char *const communities[] = { "TX0101", "TX0102", "TX0103", "TX0201", "TX0301",
	                                   "BX0101" };
static const char *const community_names[] = { "幸福里社区", "建设社区", "南门社区", "新华社区",
	                                        "红星村", "百花社区" };
/* The units the loader adds to the demo's: a community with 1% of the registry, one with nobody. */
static const char bench_units_sql[] =
	"INSERT OR IGNORE INTO unit(code, name, level, parent) VALUES "
	"('BX0101', '百花社区', 'community', (SELECT code FROM unit WHERE level = 'street' ORDER BY code LIMIT 1)), "
	"('BX0102', '新苑社区', 'community', (SELECT code FROM unit WHERE level = 'street' ORDER BY code LIMIT 1))";
static const char *const educations[] = { "71", "71", "71", "61", "61", "41", "31", "21", "81" };
static const char *const education_labels[] = { "初中", "初中", "初中", "高中", "高中", "中专",
	                                         "大学专科", "大学本科", "小学" };
static const char *const statuses[] = { "10", "10", "10", "11", "12", "20", "21", "22", "23" };
static const char *const status_labels[] = { "失业", "失业", "失业", "下岗", "待业", "已就业",
	                                      "灵活就业", "自主创业", "公益性岗位" };
static const char *const categories[] = { "LAID_OFF", "UNEMP", "DIBAO", "DISABLED", "GRAD",
	                                   "RURAL_MIGRANT", "RETURNEE", "LANDLESS", "ZERO_EMP_HH" };
static const char *const category_labels[] = { "下岗职工", "城镇失业人员", "低保对象", "残疾人",
	                                        "高校毕业生", "进城务工人员", "返乡人员", "失地人员",
	                                        "零就业家庭" };

struct person {
	char name[32];
	char idno[19];
	char phone[12];
	int community, education, status;
	char categories[64];
	char category_labels[96];
	char reg_date[11];
};

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int surname_total;

static const char *surname_pick(uint64_t r)
{
	if (!surname_total)
		for (size_t k = 0; k < ARRAY_LEN(surnames); k++)
			surname_total += surnames[k].w;
	int x = (int)(r % (uint64_t)surname_total);
	for (size_t k = 0; k < ARRAY_LEN(surnames); k++) {
		if (x < surnames[k].w)
			return surnames[k].s;
		x -= surnames[k].w;
	}
	return surnames[0].s;
}

/* Birth dates: everyone of working age (16-60) on 2024-06-30. */
static int64_t day_first, day_count;

/* Person number i, always the same. */
static void person_make(uint64_t i, struct person *p)
{
	uint64_t s = i * 0x2545F4914F6CDD1DULL + 1;
	if (!day_count) {
		day_first = date_days(1964, 7, 1);
		day_count = date_days(2008, 6, 30) - day_first + 1;
	}

	snprintf(p->name, sizeof p->name, "%s%s%s", surname_pick(splitmix(&s)),
	         given[splitmix(&s) % ARRAY_LEN(given)],
	         splitmix(&s) % 10 < 7 ? given[splitmix(&s) % ARRAY_LEN(given)] : "");

	/* i -> (region, birth day, sequence) one-to-one: a multiplication by a number prime to the
	 * size of that space, so no two persons share an ID number and they still look random. */
	uint64_t space = ARRAY_LEN(regions) * (uint64_t)day_count * 1000;
	uint64_t idx = (i * 1000003ULL + 12345) % space;
	int seq = (int)(idx % 1000);
	int64_t day = day_first + (int64_t)((idx / 1000) % (uint64_t)day_count);
	const char *region = regions[idx / 1000 / (uint64_t)day_count];
	int y, m, d;
	char birth[11];
	date_from_days(day, &y, &m, &d);
	snprintf(birth, sizeof birth, "%04d-%02d-%02d", y, m, d);
	idcard_make(region, birth, seq, (seq & 1) ? 'M' : 'F', p->idno);

	static const char *const prefixes[] = { "130", "131", "132", "135", "136", "137", "138",
		                                "139", "150", "151", "152", "155", "158", "159",
		                                "180", "181", "186", "187", "188", "189" };
	snprintf(p->phone, sizeof p->phone, "%s%08u", prefixes[splitmix(&s) % ARRAY_LEN(prefixes)],
	         (unsigned)(splitmix(&s) % 100000000));

	/* 1% in 百花社区, 20% in 幸福里社区, the rest evenly in the other four */
	uint64_t share = splitmix(&s) % 100;
	p->community = share == 0 ? 5 : share <= 20 ? 0 : 1 + (int)(share % 4);
	p->education = (int)(splitmix(&s) % ARRAY_LEN(educations));
	p->status = (int)(splitmix(&s) % ARRAY_LEN(statuses));

	int nc = (int)(splitmix(&s) % 3);
	unsigned used = 0;
	p->categories[0] = p->category_labels[0] = 0;
	for (int k = 0; k < nc; k++) {
		int c = (int)(splitmix(&s) % ARRAY_LEN(categories));
		if (used & (1u << c))
			continue;
		used |= 1u << c;
		size_t l = strlen(p->categories), ll = strlen(p->category_labels);
		snprintf(p->categories + l, sizeof p->categories - l, "%s%s", l ? "," : "", categories[c]);
		snprintf(p->category_labels + ll, sizeof p->category_labels - ll, "%s%s", ll ? "," : "",
		         category_labels[c]);
	}

	date_from_days(date_days(2015, 1, 1) + (int64_t)(splitmix(&s) % 3468), &y, &m, &d);
	snprintf(p->reg_date, sizeof p->reg_date, "%04d-%02d-%02d", y, m, d);
}

/* ---- measuring ------------------------------------------------------------------------------- */

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

/* A line of /proc/self/status (VmHWM, RssAnon, RssFile …) in MB, -1 when missing. */
static double status_mb(const char *name)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	size_t n = strlen(name);
	double kb = -1024;
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, name, n) == 0 && line[n] == ':')
			kb = atof(line + n + 1);
	fclose(f);
	return kb / 1024.0;
}

/* Peak resident set size of this process (VmHWM), in MB. */
static double peak_rss_mb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	double kb = 0;
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = atof(line + 6);
	fclose(f);
	return kb / 1024.0;
}

static double file_mb(const char *path)
{
	struct stat st;
	char wal[4096];
	double mb = stat(path, &st) == 0 ? (double)st.st_size / 1048576.0 : 0;
	snprintf(wal, sizeof wal, "%s-wal", path);
	if (stat(wal, &st) == 0)
		mb += (double)st.st_size / 1048576.0;
	return mb;
}

static void fail(const char *what, const struct jy_err *err)
{
	fprintf(stderr, "bench: %s: %s %s\n", what, err->field, err->msg);
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

/* ---- bench load ------------------------------------------------------------------------------ */

#define BATCH 100000

static int cmd_load(const char *path, long n)
{
	struct jy_err err = { 0 };
	struct jy_db *db = open_db(path, DB_OPEN_CREATE);
	if (demo_load(db, &err) != JY_OK)
		fail("demo", &err);
	if (sqlite3_exec(db_handle(db), bench_units_sql, NULL, NULL, NULL) != SQLITE_OK)
		fail("units", &(struct jy_err){ .msg = "cannot add the bench's units" });
	db_close(&db);          /* a connection reads the units once: the load's must see these */
	db = open_db(path, 0);

	struct resident *r = resident_new();
	struct person p;
	long rejected = 0;
	double t0 = now_s();
	for (long start = 0; start < n; start += BATCH) {
		struct resident_bulk *b;
		if (resident_bulk_begin(db, &b, &err) != JY_OK)
			fail("bulk begin", &err);
		for (long i = start; i < n && i < start + BATCH; i++) {
			person_make((uint64_t)i, &p);
			resident_set(r, RF_NAME, p.name);
			resident_set(r, RF_IDNO, p.idno);
			resident_set(r, RF_PHONE, p.phone);
			resident_set(r, RF_COMMUNITY, communities[p.community]);
			resident_set(r, RF_EDUCATION, educations[p.education]);
			resident_set(r, RF_STATUS, statuses[p.status]);
			resident_set(r, RF_CATEGORIES, p.categories);
			resident_set(r, RF_REGDATE, p.reg_date);
			r->id = 0;
			if (resident_bulk_add(b, r, &err) != JY_OK) {
				if (rejected++ < 5)
					fprintf(stderr, "bench: resident %ld (%s %s): %s %s\n", i, p.name,
					        p.idno, err.field, err.msg);
				err_clear(&err);
			}
		}
		if (resident_bulk_commit(&b, &err) != JY_OK)
			fail("bulk commit", &err);
	}
	double t = now_s() - t0;
	resident_free(&r);
	db_close(&db);
	if (rejected)
		fprintf(stderr, "bench: %ld synthetic residents rejected\n", rejected);
	printf("bench load_rate %.0f rows/s\n", (double)(n - rejected) / t);
	printf("bench db_size %.1f MB\n", file_mb(path));
	return rejected ? 1 : 0;
}

/* ---- queries --------------------------------------------------------------------------------- */

enum qkind { Q_INITIALS, Q_NAME, Q_SUBSTRING, Q_ID_TAIL, Q_PHONE_TAIL, Q__COUNT };
static const char *const qnames[Q__COUNT] = { "initials", "name", "substring", "id_tail",
	                                      "phone_tail" };

/* UTF-8 characters of s: byte offsets of each start (and of the end), count returned. */
static int char_starts(const char *s, int *off, int max)
{
	int n = 0;
	for (int i = 0; s[i] && n < max; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			off[n++] = i;
	off[n] = (int)strlen(s);
	return n;
}

/* A query of kind k drawn from a person who exists. Written to q (128 bytes). */
static void query_make(enum qkind k, uint64_t *rng, uint64_t first, long n, char *q)
{
	struct person p;
	int off[33];
	person_make(first + splitmix(rng) % (uint64_t)n, &p);
	int nc = char_starts(p.name, off, 32);
	switch (k) {
	case Q_INITIALS: {
		char *init[8];
		int ni = hanzi_initials_all(p.name, init, 8);
		snprintf(q, 128, "%s", ni > 0 ? init[splitmix(rng) % (uint64_t)ni] : "w");
		for (int j = 0; j < ni; j++)
			free(init[j]);
		break;
	}
	case Q_NAME: {          /* the surname, or the surname and the first given character */
		int len = 1 + (int)(splitmix(rng) % 2);
		snprintf(q, 128, "%.*s", off[len < nc ? len : nc], p.name);
		break;
	}
	case Q_SUBSTRING: {     /* 1-3 characters anywhere */
		int len = 1 + (int)(splitmix(rng) % 3);
		if (len > nc)
			len = nc;
		int from = (int)(splitmix(rng) % (uint64_t)(nc - len + 1));
		snprintf(q, 128, "%.*s", off[from + len] - off[from], p.name + off[from]);
		break;
	}
	case Q_ID_TAIL:         /* the last 4 to 6 characters, as a worker reads them off a card */
		snprintf(q, 128, "%.6s", p.idno + 18 - (4 + (int)(splitmix(rng) % 3)));
		break;
	default:
		snprintf(q, 128, "%.4s", p.phone + 7);
		break;
	}
}

/* ---- bench search ---------------------------------------------------------------------------- */

/* The statement jiuye's search runs for one community of the range (core/registry/search.c),
 * without its work on each row (the person listed once at her smallest key, the rule-based
 * categories, masking): the limit of what the index gives. */
static const char raw_sql[] =
	"SELECT s.key, r.id, r.name, r.sex, r.birth, r.id_no, r.phone, "
	"coalesce((SELECT name FROM unit WHERE code = r.community), r.community), r.status, r.reg_date, "
	"(SELECT group_concat(category, ',') FROM resident_category WHERE resident_id = r.id), r.closed_at "
	"FROM search_key s JOIN resident r ON r.id = s.resident_id "
	"WHERE s.community = ?3 AND s.key >= ?1 AND s.key < ?2 AND r.closed_at IS NULL "
	"ORDER BY s.key, s.resident_id LIMIT ?4";

/* The raw statement over the communities of units[0..n), in order, until 51 rows (a page and
 * the sign of the next): the rows' columns are read as a list reads them. */
static int raw_search(struct jy_db *db, sqlite3_stmt *st, const char *prefix,
                      const char *const *units, int n)
{
	char hi[160];
	snprintf(hi, sizeof hi, "%s\xF4\x8F\xBF\xBF", prefix);
	int rows = 0;
	size_t bytes = 0;
	for (int u = 0; u < n && rows < 51; u++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, units[u], -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, 51 - rows);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < 12; c++)
				bytes += (size_t)sqlite3_column_bytes(st, c);
			rows++;
		}
	}
	(void)db;
	return rows + (bytes == 0);
}

/* The prefix of the index a query reads, as search.c classifies it (the bench's queries are
 * plain: initials in lower case, Han characters, digits). */
static void raw_prefix(const char *q, char *out, size_t size)
{
	if (q[0] >= '0' && q[0] <= '9') {
		size_t n = strlen(q), j = 0;
		out[j++] = 't';
		for (size_t i = n; i-- > 0 && j + 1 < size;)
			out[j++] = q[i];
		out[j] = '\0';
	} else if (q[0] >= 'a' && q[0] <= 'z') {
		snprintf(out, size, "i%s", q);
	} else {
		char *f = hanzi_fold(q);
		snprintf(out, size, "n%s", f);
		free(f);
	}
}

static void act_as(struct jy_db *db, const char *os_user)
{
	struct jy_actor who = { 0 };
	snprintf(who.os_user, sizeof who.os_user, "%s", os_user);
	snprintf(who.name, sizeof who.name, "%s", os_user);
	struct jy_err err = { 0 };
	if (db_set_actor(db, &who, &err) != JY_OK)
		fail("acting worker", &err);
}

/* nq queries of each kind as the acting worker: jiuye's p50/p95 and the raw query's p95. */
static long search_kinds(struct jy_db *db, const char *who, uint64_t first, long n, int nq)
{
	struct jy_err err = { 0 };
	double *ms = malloc(sizeof *ms * (size_t)nq), *raw = malloc(sizeof *raw * (size_t)nq);
	uint64_t rng = 42;
	char q[128], prefix[160];
	long empty = 0;
	const char *const *units;
	int nunits;
	if (access_scope_units(db, &units, &nunits, &err) != JY_OK)
		fail("scope", &err);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db_handle(db), raw_sql, -1, &st, NULL) != SQLITE_OK)
		fail("raw", &(struct jy_err){ .msg = "cannot prepare the raw query" });
	for (int k = 0; k < Q__COUNT; k++) {
		for (int j = 0; j < nq; j++) {
			struct search_page page = { 0 };
			query_make((enum qkind)k, &rng, first, n, q);
			raw_prefix(q, prefix, sizeof prefix);
			/* both timed with the query's pages in the cache: the raw query reads them first */
			raw_search(db, st, prefix, units, nunits);
			double t0 = now_s();
			if (search_residents(db, q, NULL, 50, 0, &page, &err) != JY_OK)
				fail(q, &err);
			double t1 = now_s();
			raw_search(db, st, prefix, units, nunits);
			ms[j] = (t1 - t0) * 1000.0;
			raw[j] = (now_s() - t1) * 1000.0;
			if (page.n == 0 && !who[0] && empty++ < 5)
				fprintf(stderr, "bench: \"%s\" (%s) found nobody\n", q, qnames[k]);
			search_page_free(&page);
		}
		printf("bench search_%s%s_p50 %.3f ms\n", who, qnames[k], percentile(ms, nq, 50));
		printf("bench search_%s%s_p95 %.3f ms\n", who, qnames[k], percentile(ms, nq, 95));
		printf("bench search_%s%s_raw_p95 %.3f ms\n", who, qnames[k], percentile(raw, nq, 95));
		fflush(stdout);
	}
	sqlite3_finalize(st);
	free(ms);
	free(raw);
	return empty;
}

/* prefix "after_import_" for a registry an import filled (FIRST given): what a worker meets in
 * the first session after it, in a process of its own. */
static int cmd_search(const char *path, long n, int nq, uint64_t first)
{
	struct jy_err err = { 0 };
	struct jy_db *db = open_db(path, 0);
	const struct jy_actor admin = *db_actor(db);
	long empty = search_kinds(db, first ? "after_import_" : "", first, n, nq);
	if (!first) {
		if (worker_save(db, "bench_clerk1", "百花社区录入员", ROLE_CLERK, "百花社区", &err) ||
		    worker_save(db, "bench_clerk0", "新苑社区录入员", ROLE_CLERK, "新苑社区", &err))
			fail("workers", &err);
		act_as(db, "bench_clerk1");
		search_kinds(db, "clerk1_", first, n, nq);
		act_as(db, "bench_clerk0");
		search_kinds(db, "clerk0_", first, n, nq);
		if (db_set_actor(db, &admin, &err) != JY_OK)
			fail("acting worker", &err);
	}
	printf("bench search_peak_rss %.1f MB\n", peak_rss_mb());
	printf("bench search_rss_heap %.1f MB\n", status_mb("RssAnon"));
	printf("bench search_rss_file %.1f MB\n", status_mb("RssFile") + status_mb("RssShmem"));
	db_close(&db);
	if (empty)
		fprintf(stderr, "bench: %ld queries of existing values found nobody\n", empty);
	return empty ? 1 : 0;
}

/* ---- bench csv ------------------------------------------------------------------------------- */

static void csv_row(FILE *f, const char *const *cells, int n)
{
	struct jy_buf b = { 0 };
	for (int k = 0; k < n; k++) {
		if (k)
			buf_adds(&b, ",");
		csv_write_field(&b, cells[k]);
	}
	buf_adds(&b, "\r\n");
	fwrite(b.s, 1, b.len, f);
	buf_free(&b);
}

/* Import's residents come after the loaded ones (i from 10,000,000), as another office's file. */
static int cmd_csv(const char *path, long n)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
		return 1;
	}
	static const char *const head[] = { "姓名", "身份证号", "联系电话", "社区", "地址", "文化程度",
		                            "人员类别", "就业状态", "登记日期", "求职意向",
		                            "技能特长", "备注" };
	fputs("\xEF\xBB\xBF", f);
	csv_row(f, head, (int)ARRAY_LEN(head));
	struct person p;
	for (long i = 0; i < n; i++) {
		char addr[64];
		person_make(10000000ULL + (uint64_t)i, &p);
		snprintf(addr, sizeof addr, "%s%ld栋%ld单元%ld", community_names[p.community], i % 40 + 1,
		         i % 4 + 1, 101 + i % 600);
		const char *cells[] = { p.name, p.idno, p.phone, community_names[p.community], addr,
			                education_labels[p.education], p.category_labels,
			                status_labels[p.status], p.reg_date, i % 3 ? "" : "家政服务",
			                i % 5 ? "" : "缝纫", "" };
		csv_row(f, cells, (int)ARRAY_LEN(cells));
	}
	return fclose(f) == 0 ? 0 : 1;
}

/* The same rows as cmd_csv as a workbook, written by libxlsxwriter in its constant-memory mode
 * (inline strings, as many systems' exports are), the registration date a date cell: what
 * import_xlsx_rate reads beside import_rate's CSV file. */
static int cmd_xlsx(const char *path, long n)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (!wb) {
		fprintf(stderr, "bench: %s: cannot write the workbook\n", path);
		return 1;
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, "台账");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	static const char *const head[] = { "姓名", "身份证号", "联系电话", "社区", "地址", "文化程度",
		                            "人员类别", "就业状态", "登记日期", "求职意向",
		                            "技能特长", "备注" };
	for (int c = 0; c < (int)ARRAY_LEN(head); c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	struct person p;
	for (long i = 0; i < n; i++) {
		char addr[64];
		person_make(10000000ULL + (uint64_t)i, &p);
		snprintf(addr, sizeof addr, "%s%ld栋%ld单元%ld", community_names[p.community], i % 40 + 1,
		         i % 4 + 1, 101 + i % 600);
		const char *cells[] = { p.name, p.idno, p.phone, community_names[p.community], addr,
			                education_labels[p.education], p.category_labels,
			                status_labels[p.status], NULL, i % 3 ? "" : "家政服务",
			                i % 5 ? "" : "缝纫", "" };
		lxw_row_t r = (lxw_row_t)(i + 1);
		for (int c = 0; c < (int)ARRAY_LEN(cells); c++)
			if (cells[c] && *cells[c])
				worksheet_write_string(ws, r, (lxw_col_t)c, cells[c], NULL);
		int y, m, d;
		if (sscanf(p.reg_date, "%d-%d-%d", &y, &m, &d) == 3) {
			lxw_datetime dt = { y, m, d, 0, 0, 0 };
			worksheet_write_datetime(ws, r, 8, &dt, date);
		}
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}

/* ---- bench queries --------------------------------------------------------------------------- */

/* Search-as-you-type: what a worker types into the list's search line, one query a line, kinds
 * in turn (initials, leading characters, characters anywhere, ID tail, phone tail). */
static int cmd_queries(const char *path, long n, int nq)
{
	FILE *f = fopen(path, "w");
	uint64_t rng = 7;
	char q[128];
	if (!f) {
		fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (int j = 0; j < nq; j++) {
		query_make((enum qkind)(j % Q__COUNT), &rng, 0, n, q);
		fprintf(f, "%s\n", q);
	}
	return fclose(f) == 0 ? 0 : 1;
}

/* ---- bench due ------------------------------------------------------------------------------- */

static double due_once(struct jy_db *db)
{
	struct jy_err err = { 0 };
	struct due_list *lists;
	int n;
	double t0 = now_s();
	if (due_collect(db, NULL, NULL, 50, &lists, &n, &err) != JY_OK)
		fail("due", &err);
	double t = (now_s() - t0) * 1000.0;
	due_free(&lists, n);
	return t;
}

static int cmd_due(const char *path)
{
	struct jy_db *db = open_db(path, DB_OPEN_READONLY);
	double again[5];
	printf("bench due_admin_ms %.1f ms\n", due_once(db));
	for (int k = 0; k < 5; k++)
		again[k] = due_once(db);
	printf("bench due_admin_again_ms %.1f ms\n", percentile(again, 5, 50));
	db_close(&db);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 4 && strcmp(argv[1], "load") == 0)
		return cmd_load(argv[2], atol(argv[3]));
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "search") == 0)
		return cmd_search(argv[2], atol(argv[3]), atoi(argv[4]),
		                  argc == 6 ? strtoull(argv[5], NULL, 10) : 0);
	if (argc == 4 && strcmp(argv[1], "csv") == 0)
		return cmd_csv(argv[2], atol(argv[3]));
	if (argc == 4 && strcmp(argv[1], "xlsx") == 0)
		return cmd_xlsx(argv[2], atol(argv[3]));
	if (argc == 5 && strcmp(argv[1], "queries") == 0)
		return cmd_queries(argv[2], atol(argv[3]), atoi(argv[4]));
	if (argc == 3 && strcmp(argv[1], "due") == 0)
		return cmd_due(argv[2]);
	fprintf(stderr, "usage: bench load DB N | search DB N Q [FIRST] | csv FILE N | xlsx FILE N | queries FILE N Q"
	        " | due DB\n");
	return 2;
}
