/* tests/unit/test_processing.c: 来料加工 — the months workers and brokers' sheets write, brokers
 * and outlets (codes, levels, what each needs), the fee ledger (one row per woman, month, outlet
 * and product; sums in whole fen; low-income fixed from her categories in the month; women
 * only), her employment in 来料加工 after fee.employ_months months, written once, and the
 * figures H1-H5 on a registry worked out by hand. */
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>

/* ---- months ------------------------------------------------------------------------------------ */

static const struct {
	const char *in;
	int rc;
	const char *month;
} months[] = {
	{ "2026-03", JY_OK, "2026-03" },
	{ "2026-3", JY_OK, "2026-03" },
	{ "2026/03", JY_OK, "2026-03" },
	{ "2026.3", JY_OK, "2026-03" },
	{ "202603", JY_OK, "2026-03" },
	{ "2026年3月", JY_OK, "2026-03" },
	{ "２０２６年１２月", JY_OK, "2026-12" },    /* full-width digits */
	{ "2026-03-31", JY_OK, "2026-03" },        /* a day in the month, as Excel writes a date */
	{ "2026-02-30", JY_EINVAL, NULL },         /* no such day */
	{ "2026-13", JY_EINVAL, NULL },
	{ "2026-00", JY_EINVAL, NULL },
	{ "2027-01", JY_EINVAL, NULL },            /* after this month (today 2026-12-31) */
	{ "三月", JY_EINVAL, NULL },
	{ "", JY_EINVAL, NULL },
	{ "2026", JY_EINVAL, NULL },
	{ "2026-003", JY_EINVAL, NULL },
};

static void test_month_parse(void **state)
{
	(void)state;
	setenv("JIUYE_TODAY", "2026-12-31", 1);
	for (size_t i = 0; i < ARRAY_LEN(months); i++) {
		char m[8] = "";
		struct jy_err err = { 0 };
		int rc = month_parse(months[i].in, m, "月份", &err);
		if (rc != months[i].rc)
			fprintf(stderr, "month_parse(\"%s\") = %d %s\n", months[i].in, rc, err.msg);
		assert_int_equal(rc, months[i].rc);
		if (rc == JY_OK)
			assert_string_equal(m, months[i].month);
		else
			assert_string_equal(err.field, "月份");
	}
}

/* ---- the registry the tests work on ----------------------------------------------------------- */

struct fixture {
	char dir[64];
	char path[96];
	struct jy_db *db;
	int64_t ra, rb, rc, rd;
	char ida[19], idb[19], idc[19], idd[19];
};

static int64_t resident(struct jy_db *db, const char *name, const char *birth, char sex, int seq,
                        const char *community, char id[19])
{
	idcard_make("330122", birth, seq, sex, id);
	struct resident *r = resident_new();
	resident_set(r, RF_NAME, name);
	resident_set(r, RF_IDNO, id);
	resident_set(r, RF_COMMUNITY, community);
	resident_set(r, RF_REGDATE, "2026-01-05");
	resident_set(r, RF_STATUS, "10");
	struct jy_err err = { 0 };
	int rc = resident_save(db, r, &err);
	if (rc)
		fprintf(stderr, "%s: %s %s\n", name, err.field, err.msg);
	assert_int_equal(rc, JY_OK);
	int64_t rid = r->id;
	resident_free(&r);
	return rid;
}

static void assert_trail_clean(struct jy_db *db)
{
	struct jy_err err = { 0 };
	assert_int_equal(db_check(db, NULL, NULL, NULL, &err), 0);
}

static void sql(struct jy_db *db, const char *text)
{
	char *msg = NULL;
	if (sqlite3_exec(db_handle(db), text, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", text, msg);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-proc-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	/* the demo's communities and employers; its own records fall in 2030, away from 2026 */
	setenv("JIUYE_TODAY", "2030-06-15", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	f->ra = resident(f->db, "周丽娟", "1980-03-08", 'F', 31, "TX0101", f->ida);
	f->rb = resident(f->db, "吴晓梅", "1985-07-01", 'F', 32, "TX0102", f->idb);
	f->rc = resident(f->db, "陈小芳", "1975-01-20", 'F', 33, "TX0101", f->idc);
	f->rd = resident(f->db, "钱大军", "1978-09-09", 'M', 34, "TX0101", f->idd);
	/* A: 低收入农户 from 10 April 2026; C: 低保 since 2020 */
	char *s = xasprintf("INSERT INTO resident_category VALUES (%lld, 'RURAL_LOWINC', '2026-04-10'), "
	                    "(%lld, 'DIBAO', '2020-01-01')", (long long)f->ra, (long long)f->rc);
	sql(f->db, s);
	free(s);
	setenv("JIUYE_TODAY", "2026-12-31", 1);
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

/* A broker or an outlet saved from field = value pairs (NULL ends them). */
static struct prec *saved(struct jy_db *db, int outlet, ...)
{
	struct prec *r = outlet ? outlet_new() : broker_new();
	va_list ap;
	va_start(ap, outlet);
	for (int f; (f = va_arg(ap, int)) >= 0;)
		prec_set(r, f, va_arg(ap, const char *));
	va_end(ap);
	struct jy_err err = { 0 };
	int rc = prec_save(db, r, &err);
	if (rc)
		fail_msg("save: %s %s", err.field, err.msg);
	return r;
}

static void fee(struct fixture *f, const char *idno, const char *month, const char *outlet,
                const char *yuan, int want_added)
{
	struct fee_in in = { .idno = idno, .month = month, .outlet = outlet, .product = "绣花鞋",
	                     .pieces = "10", .fee = yuan };
	struct fee_out out;
	struct jy_err err = { 0 };
	int rc = fee_record(f->db, &in, &out, &err);
	if (rc)
		fail_msg("fee %s %s: %s %s", month, yuan, err.field, err.msg);
	assert_int_equal(out.added, want_added);
}

/* The events of form 来料加工 she has, and the date of the last. */
static int employed_events(struct jy_db *db, int64_t rid, char date[11])
{
	struct jy_err err = { 0 };
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*), coalesce(max(date), '') FROM status_event "
	                              "WHERE resident_id = ?1 AND form = '024' AND status = '21'", &err);
	assert_non_null(st);
	sqlite3_bind_int64(st, 1, rid);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	snprintf(date, 11, "%s", (const char *)sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	return n;
}

/* ---- brokers and outlets ---------------------------------------------------------------------- */

static void test_brokers_outlets(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct prec *b = saved(f->db, 0, BF_NAME, "陈金花", BF_UNIT, "红星村", BF_PRODUCTS, "绣花鞋",
	                       BF_NEWYEAR, "2026", BF_EXCELLENT, "是", BF_IDNO, f->idc, -1);
	assert_string_equal(prec_get(b, BF_CODE), "B-001");
	assert_int_equal(b->ref1, f->rc);         /* a registered resident: linked */
	char *town = NULL;
	struct prec *l = NULL;
	assert_int_equal(broker_load(f->db, b->id, &l, &err), JY_OK);
	assert_int_equal(prec_display(f->db, l, BF_TOWN, &town, &err), JY_OK);
	assert_string_equal(town, "溪口镇");        /* 红星村's township */
	free(town);
	prec_free(&l);
	/* a year to come, a year before brokers, a code in use */
	static const struct { int field; const char *v, *label; int rc; } bad[] = {
		{ BF_NEWYEAR, "2027", "新发展年份", JY_EINVAL },
		{ BF_NEWYEAR, "1979", "新发展年份", JY_EINVAL },
		{ BF_UNIT, "月亮村", "所在村社区", JY_EINVAL },
		{ BF_CODE, "b-001", "经纪人编号", JY_EDUP },
		{ BF_ENDON, "2020-01-01", "停止日期", JY_EINVAL },   /* before she started */
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct prec *r = broker_new();
		prec_set(r, BF_NAME, "何丽萍");
		prec_set(r, bad[i].field, bad[i].v);
		prec_set(r, BF_SINCE, "2025-01-01");
		assert_int_equal(prec_save(f->db, r, &err), bad[i].rc);
		assert_string_equal(err.field, bad[i].label);
		prec_free(&r);
	}
	/* an outlet with its broker and paired factory; a station has no level; a demonstration
	 * base needs one */
	struct prec *o = saved(f->db, 1, OF_NAME, "红星村来料加工点", OF_KIND, "网点", OF_BROKER, "b-001",
	                       OF_FACTORY, "E02", OF_WOMEN, "31", -1);
	assert_string_equal(prec_get(o, OF_CODE), "O-001");
	assert_int_equal(o->ref1, b->id);
	assert_true(o->ref2 > 0);
	static const struct { const char *kind, *level, *broker, *label; } obad[] = {
		{ "加工站", "县级", NULL, "级别" },
		{ "示范基地", NULL, NULL, "级别" },
		{ "工厂", NULL, NULL, "类型" },
		{ "网点", NULL, "B-009", "经纪人编号" },
	};
	for (size_t i = 0; i < ARRAY_LEN(obad); i++) {
		struct prec *r = outlet_new();
		prec_set(r, OF_NAME, "某站");
		prec_set(r, OF_KIND, obad[i].kind);
		prec_set(r, OF_LEVEL, obad[i].level);
		prec_set(r, OF_BROKER, obad[i].broker);
		assert_int_equal(prec_save(f->db, r, &err), JY_EINVAL);
		assert_string_equal(err.field, obad[i].label);
		prec_free(&r);
	}
	/* an edit on a stale version is refused and saves nothing */
	struct prec *o2 = NULL;
	assert_int_equal(outlet_load(f->db, o->id, &o2, &err), JY_OK);
	prec_set(o, OF_WOMEN, "33");
	assert_int_equal(prec_save(f->db, o, &err), JY_OK);
	prec_set(o2, OF_WOMEN, "35");
	assert_int_equal(prec_save(f->db, o2, &err), JY_ECONFLICT);
	prec_free(&o2);
	assert_int_equal(outlet_load(f->db, o->id, &o2, &err), JY_OK);
	assert_string_equal(prec_get(o2, OF_WOMEN), "33");
	prec_free(&o2);
	prec_free(&o);
	prec_free(&b);
	assert_trail_clean(f->db);
}

/* ---- the ledger -------------------------------------------------------------------------------- */

static void test_fees(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct prec *o = saved(f->db, 1, OF_NAME, "红星村来料加工点", OF_KIND, "网点", -1);
	/* 0.10 + 0.20 元 is 30 fen, not the 0.30000000000000004 of floating point */
	fee(f, f->idc, "2026-07", "O-001", "0.10", 1);
	fee(f, f->ida, "2026-07", "O-001", "0.20", 1);
	int rows;
	int64_t fen;
	assert_int_equal(fee_total(f->db, o->id, "2026-07", &rows, &fen, &err), JY_OK);
	assert_int_equal(rows, 2);
	assert_int_equal(fen, 30);
	/* the same woman, month, outlet and product again: unchanged, or replaced (no second row) */
	fee(f, f->ida, "2026年7月", "o-001", "0.2", -1);
	fee(f, f->ida, "2026-07", "O-001", "1,234.56", 0);
	assert_int_equal(fee_total(f->db, o->id, "2026-07", &rows, &fen, &err), JY_OK);
	assert_int_equal(rows, 2);
	assert_int_equal(fen, 10 + 123456);
	/* refused, nothing written */
	static const struct { const char *id, *name, *month, *outlet, *fee, *field; } bad[] = {
		{ NULL, NULL, "2026-07", "O-001", "10", "身份证号" },
		{ "A", "陈小", "2026-07", "O-001", "10", "姓名" },          /* not her registered name */
		{ "D", NULL, "2026-07", "O-001", "10", "身份证号" },        /* a man */
		{ "A", NULL, "2026-07", "O-009", "10", "网点编号" },
		{ "A", NULL, "2026-07", NULL, "10", "网点编号" },
		{ "A", NULL, "2026-07", "O-001", "0", "加工费" },
		{ "A", NULL, "2026-07", "O-001", "10.001", "加工费" },
		{ "A", NULL, "2026-07", "O-001", NULL, "加工费" },
		{ "A", NULL, "2027-01", "O-001", "10", "月份" },
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		const char *id = !bad[i].id ? NULL : bad[i].id[0] == 'D' ? f->idd : f->ida;
		struct fee_in in = { .idno = id, .name = bad[i].name, .month = bad[i].month,
		                     .outlet = bad[i].outlet, .fee = bad[i].fee, .product = "针织" };
		struct fee_out out;
		assert_int_equal(fee_record(f->db, &in, &out, &err), JY_EINVAL);
		if (strcmp(err.field, bad[i].field) != 0)
			fail_msg("case %zu: %s %s", i, err.field, err.msg);
	}
	assert_int_equal(fee_total(f->db, o->id, "2026-07", &rows, &fen, &err), JY_OK);
	assert_int_equal(rows, 2);
	prec_free(&o);
	assert_trail_clean(f->db);
}

/* The ledger's search, collected: the names of the rows found, in order, "|" between. */
static int collect_name(void *arg, const struct fee_row *r)
{
	char *out = arg;
	if (*out)
		strcat(out, "|");
	strcat(out, r->name);
	return 0;
}

/* The ledger searched as the screen types it, and the woman shown before a row is saved: A
 * (周丽娟) 低收入农户 only from 10 April 2026, so not in March and so in April; C (陈小芳) 低保;
 * D a man, refused as the payment would be; a woman named by her record (a list's pick). */
static void test_fee_search_who(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct prec *o = saved(f->db, 1, OF_NAME, "红星村来料加工点", OF_KIND, "网点", -1);
	fee(f, f->ida, "2026-07", "O-001", "100", 1);
	struct fee_in in = { .idno = f->idc, .month = "2026-07", .outlet = "O-001",
	                     .product = "针织衫", .fee = "50" };
	struct fee_out out;
	assert_int_equal(fee_record(f->db, &in, &out, &err), JY_OK);
	struct fee_in by_id = { .resident_id = f->rb, .month = "2026-07", .outlet = "O-001",
	                        .product = "针织衫", .fee = "20" };
	assert_int_equal(fee_record(f->db, &by_id, &out, &err), JY_OK);
	assert_int_equal(out.resident_id, f->rb);
	char tail[8];
	snprintf(tail, sizeof tail, "%s", f->idc + 14);
	static const struct { const char *q; const char *want; } cases[] = {
		{ "", "周丽娟|陈小芳|吴晓梅" },
		{ "zlj", "周丽娟" },            /* pinyin initials */
		{ "小芳", "陈小芳" },           /* characters of the name */
		{ "针织", "陈小芳|吴晓梅" },     /* the product */
		{ "绣花", "周丽娟" },
		{ "TAIL", "陈小芳" },           /* the last four of her ID number */
		{ "棉鞋", "" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char got[256] = "";
		const char *q = strcmp(cases[i].q, "TAIL") == 0 ? tail : cases[i].q;
		assert_int_equal(fee_search(f->db, o->id, "2026-07", q, collect_name, got, &err), JY_OK);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("search \"%s\": %s, not %s", q, got, cases[i].want);
	}
	static const struct { char who; const char *month; int rc, low; const char *field; } who[] = {
		{ 'A', "2026-03", JY_OK, 0, "" },           /* before 10 April */
		{ 'A', "2026年4月", JY_OK, 1, "" },         /* 30 April: she holds it */
		{ 'C', "2026-07", JY_OK, 1, "" },
		{ 'B', "2026-07", JY_OK, 0, "" },           /* by her record */
		{ 'D', "2026-07", JY_EINVAL, 0, "身份证号" }, /* a man */
		{ 'A', "2027-01", JY_EINVAL, 0, "月份" },      /* after this month */
	};
	for (size_t i = 0; i < ARRAY_LEN(who); i++) {
		struct fee_who w;
		const char *id = who[i].who == 'A' ? f->ida : who[i].who == 'C' ? f->idc : f->idd;
		int64_t rid = who[i].who == 'B' ? f->rb : 0;
		int rc = fee_who(f->db, rid ? NULL : id, rid, who[i].month, &w, &err);
		if (rc != who[i].rc || (rc && strcmp(err.field, who[i].field) != 0))
			fail_msg("who %zu: %d %s %s", i, rc, err.field, err.msg);
		if (!rc)
			assert_int_equal(w.low_income, who[i].low);
	}
	prec_free(&o);
}

/* One of her payments' id, by month (0: none). */
static int64_t fee_id(struct jy_db *db, int64_t rid, const char *month)
{
	struct jy_err err = { 0 };
	sqlite3_stmt *st = db_prepare(db, "SELECT coalesce(max(id), 0) FROM fee WHERE "
	                              "resident_id = ?1 AND month = ?2", &err);
	assert_non_null(st);
	sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_text(st, 2, month, -1, SQLITE_TRANSIENT);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}

static void act_as(struct jy_db *db, const char *os_user)
{
	struct jy_actor who = { 0 };
	snprintf(who.os_user, sizeof who.os_user, "%s", os_user);
	snprintf(who.name, sizeof who.name, "%s", os_user);
	assert_int_equal(db_set_actor(db, &who, NULL), JY_OK);
}

/* A payment entered by mistake is removed by a reviewer or an administrator of her community with
 * a reason; a clerk, statistics, a reviewer of another community and an empty reason are refused
 * with the payment still there; the trail keeps the row and the reason, and the month's sum no
 * longer holds it: 0.10 + 0.20 + 5.00 = 5.30 元, less the 0.20 removed = 5.10 元 = 510 fen. */
static void test_fee_delete(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct jy_actor admin = *db_actor(f->db);
	struct prec *o = saved(f->db, 1, OF_NAME, "红星村来料加工点", OF_KIND, "网点", -1);
	fee(f, f->idc, "2026-07", "O-001", "0.10", 1);
	fee(f, f->ida, "2026-07", "O-001", "0.20", 1);
	fee(f, f->idc, "2026-08", "O-001", "5", 1);
	int64_t id = fee_id(f->db, f->ra, "2026-07");
	assert_true(id > 0);
	assert_int_equal(worker_save(f->db, "wang", "王芳", ROLE_CLERK, "TX0101", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "zhao", "赵丽", ROLE_REVIEWER, "TX0101", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "sun", "孙敏", ROLE_REVIEWER, "TX0102", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "qian", "钱军", ROLE_STATS, "", &err), JY_OK);
	static const struct { const char *who, *reason; int want; const char *field; } cases[] = {
		{ "wang", "录错了", JY_EPERM, NULL },            /* a clerk */
		{ "qian", "录错了", JY_EPERM, NULL },            /* statistics */
		{ "sun", "录错了", JY_EPERM, NULL },             /* a reviewer of another community */
		{ "zhao", "", JY_EINVAL, "原因" },
		{ "zhao", " \u3000 ", JY_EINVAL, "原因" },        /* a full-width space is no reason */
		{ "zhao", NULL, JY_EINVAL, "原因" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		act_as(f->db, cases[i].who);
		err_clear(&err);
		int rc = fee_delete(f->db, id, cases[i].reason, &err);
		if (rc != cases[i].want || (cases[i].field && strcmp(err.field, cases[i].field) != 0))
			fail_msg("case %zu: %d %s %s", i, rc, err.field, err.msg);
		assert_int_equal(fee_id(f->db, f->ra, "2026-07"), id);
	}
	act_as(f->db, "zhao");
	assert_int_equal(fee_delete(f->db, id + 1000, "录错了", &err), JY_ENOTFOUND);
	assert_int_equal(fee_delete(f->db, id, "  不是她的，录错了人 ", &err), JY_OK);
	assert_int_equal(fee_id(f->db, f->ra, "2026-07"), 0);
	assert_int_equal(fee_delete(f->db, id, "录错了", &err), JY_ENOTFOUND);
	assert_int_equal(db_set_actor(f->db, &admin, NULL), JY_OK);
	int rows;
	int64_t fen, all = 0;
	assert_int_equal(fee_total(f->db, o->id, "2026-07", &rows, &fen, &err), JY_OK);
	assert_int_equal(rows, 1);
	all += fen;
	assert_int_equal(fee_total(f->db, o->id, "2026-08", &rows, &fen, &err), JY_OK);
	assert_int_equal(all + fen, 510);
	sqlite3_stmt *st = db_prepare(f->db, "SELECT worker, changes FROM history WHERE "
	                              "entity = 'fee' AND entity_id = ?1 AND action = 'delete'", &err);
	assert_non_null(st);
	sqlite3_bind_int64(st, 1, id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "zhao");
	assert_string_equal((const char *)sqlite3_column_text(st, 1),
	                    "{\"month\":[\"2026-07\",null],\"outlet_code\":[\"O-001\",null],"
	                    "\"product\":[\"绣花鞋\",null],\"pieces\":[10,null],\"fee\":[\"0.20\",null],"
	                    "\"reason\":[null,\"不是她的，录错了人\"]}");
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_reset(st);
	prec_free(&o);
	assert_trail_clean(f->db);
}

/* Her employment: the third month with fees (fee.employ_months 3) makes her 灵活就业 / 来料加工
 * from that month's first day, once; a woman in work already is left alone; 0 turns it off. */
static void test_fee_employment(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct prec *o = saved(f->db, 1, OF_NAME, "红星村来料加工点", OF_KIND, "网点", -1);
	char d[11];
	/* entered out of order: May, March, then April makes three months; the third in order is
	 * May, so she is employed from 2026-05-01 */
	fee(f, f->ida, "2026-05", "O-001", "300", 1);
	fee(f, f->ida, "2026-03", "O-001", "100", 1);
	assert_int_equal(employed_events(f->db, f->ra, d), 0);
	fee(f, f->ida, "2026-04", "O-001", "200", 1);
	assert_int_equal(employed_events(f->db, f->ra, d), 1);
	assert_string_equal(d, "2026-05-01");
	/* a fourth month: no second event */
	fee(f, f->ida, "2026-06", "O-001", "50", 1);
	assert_int_equal(employed_events(f->db, f->ra, d), 1);
	struct resident *r = NULL;
	assert_int_equal(resident_load(f->db, f->ra, &r, &err), JY_OK);
	assert_string_equal(resident_get(r, RF_STATUS), "21");
	resident_free(&r);
	/* B found a factory job on 2026-02-01: her fees change nothing */
	struct status_event e = { .resident_id = f->rb, .date = "2026-02-01", .status = "20",
	                          .form = "010", .employer = "明华服装" };
	assert_int_equal(status_event_add(f->db, &e, &err), JY_OK);
	fee(f, f->idb, "2026-03", "O-001", "10", 1);
	fee(f, f->idb, "2026-04", "O-001", "10", 1);
	fee(f, f->idb, "2026-05", "O-001", "10", 1);
	assert_int_equal(employed_events(f->db, f->rb, d), 0);
	/* the office turned the rule off: C's three months write nothing */
	assert_int_equal(db_setting_set(f->db, "fee.employ_months", "0", &err), JY_OK);
	fee(f, f->idc, "2026-03", "O-001", "10", 1);
	fee(f, f->idc, "2026-04", "O-001", "10", 1);
	fee(f, f->idc, "2026-05", "O-001", "10", 1);
	assert_int_equal(employed_events(f->db, f->rc, d), 0);
	prec_free(&o);
	assert_trail_clean(f->db);
}

/* ---- the figures H1-H5 on a registry worked out by hand ---------------------------------------- */

static const struct report_value *fig(const struct report *r, int prev, int g, const char *code)
{
	for (int i = 0; i < report_ninds; i++)
		if (strcmp(report_inds[i].code, code) == 0)
			return &(prev ? r->prev_v : r->cur_v)[(size_t)g * (size_t)report_ninds + (size_t)i];
	fail_msg("no figure %s", code);
	return NULL;
}

static int group_of(const struct report *r, const char *key)
{
	for (int g = 0; g < r->ngroups; g++)
		if (strcmp(r->group_key[g], key) == 0)
			return g;
	fail_msg("no group %s", key);
	return 0;
}

static void test_figures(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	/* Brokers: B-001 new in 2026, 优秀, in the talent pool, from 2025-01-01; B-002 new in 2025
	 * from 2025-03-01; B-003 new in 2026 from 2026-02-01, stopped 2026-05-31. */
	struct prec *b1 = saved(f->db, 0, BF_NAME, "陈金花", BF_NEWYEAR, "2026", BF_EXCELLENT, "是",
	                        BF_TALENT, "是", BF_SINCE, "2025-01-01", -1);
	struct prec *b2 = saved(f->db, 0, BF_NAME, "何秀英", BF_NEWYEAR, "2025", BF_SINCE, "2025-03-01",
	                        -1);
	struct prec *b3 = saved(f->db, 0, BF_NAME, "孙美华", BF_NEWYEAR, "2026", BF_SINCE, "2026-02-01",
	                        BF_ENDON, "2026-05-31", -1);
	/* Outlets: O-001 网点 from 2025-06-01; O-002 加工站 from 2026-04-15; O-003 来料加工基地
	 * (县级) from 2026-01-01; O-004 示范基地 县级 with 40 women from 2024-01-01; O-005 示范基地
	 * 省级 with 12 women from 2026-05-01. */
	struct prec *o[5];
	o[0] = saved(f->db, 1, OF_NAME, "红星村网点", OF_KIND, "1", OF_SINCE, "2025-06-01", -1);
	o[1] = saved(f->db, 1, OF_NAME, "溪口加工站", OF_KIND, "2", OF_SINCE, "2026-04-15", -1);
	o[2] = saved(f->db, 1, OF_NAME, "溪口来料加工基地", OF_KIND, "3", OF_LEVEL, "县级",
	             OF_SINCE, "2026-01-01", -1);
	o[3] = saved(f->db, 1, OF_NAME, "绿源巾帼示范基地", OF_KIND, "4", OF_LEVEL, "县",
	             OF_WOMEN, "40", OF_SINCE, "2024-01-01", -1);
	o[4] = saved(f->db, 1, OF_NAME, "巧娘工作室", OF_KIND, "4", OF_LEVEL, "省级", OF_WOMEN, "12",
	             OF_SINCE, "2026-05-01", -1);
	/* Fees (A and C in TX0101, B in TX0102):
	 *   A: 2026-03 O-001 100.00 (not yet low-income: 低收入 from 04-10), 2026-04 O-001 200.50
	 *      (low), 2026-05 O-002 300.25 (low)
	 *   B: 2026-04 O-001 50.00, 2026-05 O-001 60.00, 2026-06 O-002 70.00 (never low)
	 *   C: 2026-01 O-001 0.01 (低保: low), 2026-06 O-001 999.99 (low) */
	fee(f, f->ida, "2026-03", "O-001", "100", 1);
	fee(f, f->ida, "2026-04", "O-001", "200.50", 1);
	fee(f, f->ida, "2026-05", "O-002", "300.25", 1);
	fee(f, f->idb, "2026-04", "O-001", "50", 1);
	fee(f, f->idb, "2026-05", "O-001", "60", 1);
	fee(f, f->idb, "2026-06", "O-002", "70", 1);
	fee(f, f->idc, "2026-01", "O-001", "0.01", 1);
	fee(f, f->idc, "2026-06", "O-001", "999.99", 1);

	struct period p;
	assert_int_equal(period_parse("2026Q2", &p, &err), JY_OK);
	struct report *r = NULL;
	assert_int_equal(report_compute(f->db, &p, BY_COMMUNITY, &r, &err), JY_OK);
	/* Q2 (04-01 … 06-30) against Q1 (01-01 … 03-31), by hand:
	 * H1   on 06-30: B-001, B-002 (B-003 stopped 05-31) = 2; on 03-31: all three = 3
	 * H1N  new in 2026 and a broker on the day: Q2 B-001 = 1; Q1 B-001, B-003 = 2
	 * H1X  of them 优秀: B-001 = 1 both; H1T in the talent pool: B-001 = 1 both
	 * H2B  base O-003 = 1 both
	 * H2O  网点 and 加工站: Q2 O-001, O-002 = 2; Q1 O-001 = 1 (O-002 from 04-15)
	 * H3   women paid: Q2 A (04, 05), B, C (06) = 3; Q1 A (03), C (01) = 2
	 * H4   Q2 200.50 + 300.25 + 50 + 60 + 70 + 999.99 = 1680.74 元 = 168074 fen;
	 *      Q1 100.00 + 0.01 = 100.01 元 = 10001 fen
	 * H4C  up to 06-30: 168074 + 10001 = 178075; up to 03-31: 10001
	 * H4L  low-income rows: Q2 200.50 + 300.25 + 999.99 = 1500.74 = 150074; Q1 C's 0.01 = 1
	 * H4LC 150074 + 1 = 150075; Q1 1
	 * H4P  low-income women paid: Q2 A, C = 2; Q1 C = 1 (A's March was before 低收入)
	 * H4PC up to 06-30: A, C = 2; up to 03-31: C = 1
	 * H5   demonstration bases on 06-30: O-004, O-005 = 2; on 03-31: O-004 = 1;
	 *      H5-1 县级 O-004 = 1 both, H5-3 省级 O-005 = 1 / 0; H5W 40 + 12 = 52 / 40
	 * A7-024 A's third month is May: 来料加工 from 05-01; B's third is June: from 06-01 (both
	 *      without work before) = 2 in Q2; C has two months = nothing; Q1 0 */
	static const struct { const char *code; int64_t cur, prev; } want[] = {
		{ "H1", 2, 3 }, { "H1N", 1, 2 }, { "H1X", 1, 1 }, { "H1T", 1, 1 },
		{ "H2B", 1, 1 }, { "H2O", 2, 1 }, { "H3", 3, 2 },
		{ "H4", 168074, 10001 }, { "H4C", 178075, 10001 },
		{ "H4L", 150074, 1 }, { "H4LC", 150075, 1 },
		{ "H4P", 2, 1 }, { "H4PC", 2, 1 },
		{ "H5", 2, 1 }, { "H5-1", 1, 1 }, { "H5-3", 1, 0 }, { "H5W", 52, 40 },
		{ "A7-024", 2, 0 },
	};
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		if (fig(r, 0, 0, want[i].code)->num != want[i].cur ||
		    fig(r, 1, 0, want[i].code)->num != want[i].prev)
			fail_msg("%s: %lld / %lld, expected %lld / %lld", want[i].code,
			         (long long)fig(r, 0, 0, want[i].code)->num,
			         (long long)fig(r, 1, 0, want[i].code)->num, (long long)want[i].cur,
			         (long long)want[i].prev);
	}
	/* by community: TX0101 (A, C) 200.50 + 300.25 + 999.99 = 1500.74; TX0102 (B) 180.00 */
	int g1 = group_of(r, "TX0101"), g2 = group_of(r, "TX0102");
	assert_int_equal(fig(r, 0, g1, "H4")->num, 150074);
	assert_int_equal(fig(r, 0, g2, "H4")->num, 18000);
	assert_int_equal(fig(r, 0, g1, "H3")->num, 2);
	assert_int_equal(fig(r, 0, g2, "H3")->num, 1);

	/* the text report in 万元: 1680.74 元 is 0.168074 万元 */
	char path[128];
	snprintf(path, sizeof path, "%s/r.txt", f->dir);
	assert_int_equal(report_write(f->db, r, path, REPORT_TEXT, 0, NULL, &err), JY_OK);
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	static char buf[1 << 17];
	size_t n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	assert_non_null(strstr(buf, "H4 加工费总额：本期 0.168074万元，上期 0.010001万元"));
	assert_non_null(strstr(buf, "H4C 累计加工费总额：本期 0.178075万元"));
	report_free(&r);

	/* the women behind H4P: A and C */
	int64_t *ids;
	size_t nids;
	int i4 = 0;
	while (strcmp(report_inds[i4].code, "H4P") != 0)
		i4++;
	assert_int_equal(report_people_ids(f->db, &p, BY_COMMUNITY, NULL, i4, &ids, &nids, &err), JY_OK);
	assert_int_equal(nids, 2);
	assert_true((ids[0] == f->ra && ids[1] == f->rc) || (ids[0] == f->rc && ids[1] == f->ra));
	free(ids);
	prec_free(&b1);
	prec_free(&b2);
	prec_free(&b3);
	for (int i = 0; i < 5; i++)
		prec_free(&o[i]);
	assert_trail_clean(f->db);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_month_parse),
		cmocka_unit_test_setup_teardown(test_brokers_outlets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fees, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fee_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fee_search_who, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fee_employment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_figures, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
