/* tests/unit/test_enterprise.c: women's enterprise — money in fen (what workers type, sums that
 * floating point would get wrong), the project's stages (forward only, dated in order, what each
 * needs, opening recorded as her employment), the loan's approval chain (no step skipped or
 * reordered, dates in order, the chain an office's setting, rejection with its reason), the
 * disbursement, repayments that settle it to the fen, subsidies, overdue days and the due list,
 * the list searched as workers type, and the audit trail accounting for all of it. */
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>

/* ---- money ------------------------------------------------------------------------------------ */

static const struct {
	const char *in;
	int rc;
	int64_t fen;
} sums[] = {
	{ "30000", JY_OK, 3000000 },
	{ "30,000.50", JY_OK, 3000050 },
	{ "3万", JY_OK, 3000000 },
	{ "3.5万元", JY_OK, 3500000 },
	{ "0.0001万", JY_OK, 100 },             /* one yuan */
	{ "1.234567万", JY_OK, 1234567 },       /* six decimals of 万: to the fen */
	{ "1.2345678万", JY_EINVAL, 0 },        /* a seventh is below a fen */
	{ "￥1,200", JY_OK, 120000 },
	{ "1200元", JY_OK, 120000 },
	{ "３００００", JY_OK, 3000000 },       /* full-width digits */
	{ " 50 000 ", JY_OK, 5000000 },         /* spaces as people group digits */
	{ "0.1", JY_OK, 10 },
	{ "0.01", JY_OK, 1 },
	{ "12.345", JY_EINVAL, 0 },             /* a third decimal of a yuan */
	{ "1,23", JY_EINVAL, 0 },               /* a comma not before three digits */
	{ "1234,567", JY_EINVAL, 0 },           /* four digits before the first comma */
	{ "30,000,000", JY_OK, 3000000000 },
	{ "-5", JY_EINVAL, 0 },
	{ "", JY_EINVAL, 0 },
	{ "三万", JY_EINVAL, 0 },
	{ "5.", JY_EINVAL, 0 },
	{ "100000万", JY_OK, 100000000000 },    /* 10亿, the most */
	{ "100001万", JY_EINVAL, 0 },
	{ "4.35%", JY_EINVAL, 0 },              /* a rate is not a sum */
};

static void test_money_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(sums); i++) {
		int64_t fen = -1;
		struct jy_err err = { 0 };
		int rc = money_parse(sums[i].in, &fen, "申请金额", &err);
		if (rc != sums[i].rc)
			fprintf(stderr, "money_parse(\"%s\") = %d\n", sums[i].in, rc);
		assert_int_equal(rc, sums[i].rc);
		if (rc == JY_OK)
			assert_int_equal(fen, sums[i].fen);
		else
			assert_string_equal(err.field, "申请金额");
	}
}

static void test_money_text(void **state)
{
	(void)state;
	static const struct { int64_t fen; const char *yuan, *wan; } t[] = {
		{ 3000000, "30000.00", "3" },
		{ 3050000, "30500.00", "3.05" },
		{ 1, "0.01", "0.000001" },
		{ 0, "0.00", "0" },
		{ 123456789, "1234567.89", "123.456789" },
		{ -250, "-2.50", "-0.00025" },
	};
	char y[32], w[32];
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		money_yuan(t[i].fen, y);
		money_wan(t[i].fen, w);
		assert_string_equal(y, t[i].yuan);
		assert_string_equal(w, t[i].wan);
	}
	static const struct { const char *in; int rc, bp; const char *text; } r[] = {
		{ "4.35", JY_OK, 435, "4.35%" }, { "4.35%", JY_OK, 435, "4.35%" },
		{ "年利率3.85％", JY_OK, 385, "3.85%" }, { "5", JY_OK, 500, "5.00%" },
		{ "0", JY_OK, 0, "0.00%" }, { "4.355", JY_EINVAL, 0, NULL },
		{ "100", JY_EINVAL, 0, NULL }, { "", JY_EINVAL, 0, NULL },
	};
	for (size_t i = 0; i < ARRAY_LEN(r); i++) {
		int bp = -1;
		struct jy_err err = { 0 };
		assert_int_equal(rate_parse(r[i].in, &bp, "年利率", &err), r[i].rc);
		if (r[i].rc == JY_OK) {
			char t2[16];
			assert_int_equal(bp, r[i].bp);
			rate_text(bp, t2);
			assert_string_equal(t2, r[i].text);
		}
	}
}

/* ---- the registry the tests work on ----------------------------------------------------------- */

struct fixture {
	char dir[64];
	char path[96];
	struct jy_db *db;
	int64_t r1, r2;
	char id1[19], id2[19];
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

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-ent-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	/* the demo's communities and courses; its own records fall in 2030, away from 2026 */
	setenv("JIUYE_TODAY", "2030-06-15", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	f->r1 = resident(f->db, "周丽娟", "1990-03-08", 'F', 21, "TX0101", f->id1);
	f->r2 = resident(f->db, "吴晓梅", "1985-07-01", 'F', 22, "TX0102", f->id2);
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

static struct project *new_project(struct fixture *f, const char *idno, const char *idea,
                                   const char *on)
{
	struct project *p = project_new();
	project_set(p, PF_IDNO, idno);
	project_set(p, PF_IDEA, idea);
	project_set(p, PF_IDEAON, on);
	project_set(p, PF_TRADE, "电商");
	struct jy_err err = { 0 };
	int rc = project_save(f->db, p, &err);
	if (rc)
		fprintf(stderr, "project: %s %s\n", err.field, err.msg);
	assert_int_equal(rc, JY_OK);
	return p;
}

/* Her current status, as her record holds it. */
static void assert_status(struct jy_db *db, int64_t rid, const char *st)
{
	struct resident *r = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(resident_load(db, rid, &r, &err), JY_OK);
	assert_string_equal(resident_get(r, RF_STATUS), st);
	resident_free(&r);
}

static void assert_trail_clean(struct jy_db *db)
{
	struct jy_err err = { 0 };
	assert_int_equal(db_check(db, NULL, NULL, NULL, &err), 0);
}

/* ---- projects ------------------------------------------------------------------------------- */

static void test_project_stages(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct project *p = new_project(f, f->id1, "手工绣花鞋网店", "2026-03-01");
	assert_string_equal(project_get(p, PF_CODE), "P-001");
	assert_int_equal(p->stage, PS_IDEA);

	/* 运营 and 停业 come only after 开业 */
	assert_int_equal(project_advance(f->db, p, PS_OPERATING, "2026-03-05", NULL, &err), JY_EINVAL);
	struct project_step none = { 0 };
	assert_int_equal(project_advance(f->db, p, PS_CLOSED, "2026-03-05", &none, &err), JY_EINVAL);
	/* 立项 before the idea is refused; on it or after is taken */
	assert_int_equal(project_advance(f->db, p, PS_REGISTERED, "2026-02-28", NULL, &err), JY_EINVAL);
	assert_string_equal(err.field, "立项日期");
	assert_int_equal(project_advance(f->db, p, PS_REGISTERED, "2026-03-10", NULL, &err), JY_OK);
	assert_int_equal(p->version, 2);
	/* never back, never the same stage twice */
	assert_int_equal(project_advance(f->db, p, PS_REGISTERED, "2026-03-11", NULL, &err), JY_EINVAL);
	assert_int_equal(project_advance(f->db, p, PS_IDEA, "2026-03-11", NULL, &err), JY_EINVAL);
	/* 孵化 needs its base; the date after today is refused */
	assert_int_equal(project_advance(f->db, p, PS_INCUBATING, "2026-05-01", &none, &err), JY_EINVAL);
	assert_string_equal(err.field, "孵化基地");
	struct project_step base = { .base = "女大学生创业实习基地" };
	assert_int_equal(project_advance(f->db, p, PS_INCUBATING, "2027-01-01", &base, &err), JY_EINVAL);
	assert_int_equal(project_advance(f->db, p, PS_INCUBATING, "2026-05-01", &base, &err), JY_OK);
	/* 创业资金: the sum in fen, dated after 孵化 */
	struct project_step fund = { .fund_fen = 500000, .fund = "女大学生创业基金" };
	assert_int_equal(project_advance(f->db, p, PS_FUNDED, "2026-04-30", &fund, &err), JY_EINVAL);
	assert_int_equal(project_advance(f->db, p, PS_FUNDED, "2026-10-08", &fund, &err), JY_OK);
	assert_string_equal(project_get(p, PF_FUNDAMT), "5000.00");
	assert_int_equal(p->fund_fen, 500000);
	/* 开业: a credit code that fails GB 32100 is refused, and nothing moves */
	struct project_step bad = { .business = "晓燕绣鞋网店", .credit_code = "91350100M000100Y44" };
	assert_int_equal(project_advance(f->db, p, PS_OPENED, "2026-11-01", &bad, &err), JY_EINVAL);
	assert_string_equal(err.field, "统一社会信用代码");
	assert_int_equal(p->stage, PS_FUNDED);
	assert_status(f->db, f->r1, "10");
	struct project_step open = { .business = "晓燕绣鞋网店", .credit_code = "91350100M000100Y43" };
	assert_int_equal(project_advance(f->db, p, PS_OPENED, "2026-11-01", &open, &err), JY_OK);
	assert_int_equal(p->stage, PS_OPENED);
	/* opening is her employment: 自主创业 as 个体经营 (she has a licence) */
	assert_status(f->db, f->r1, "22");
	struct project_step why = { .reason = "货源中断" };
	assert_int_equal(project_advance(f->db, p, PS_CLOSED, "2026-12-01", &why, &err), JY_OK);
	assert_int_equal(p->version, 6);

	/* what was stored is what is read back */
	struct project *q = NULL;
	assert_int_equal(project_load(f->db, p->id, &q, &err), JY_OK);
	assert_int_equal(q->stage, PS_CLOSED);
	assert_string_equal(project_get(q, PF_REGON), "2026-03-10");
	assert_string_equal(project_get(q, PF_BASE), "女大学生创业实习基地");
	assert_string_equal(project_get(q, PF_CREDIT), "91350100M000100Y43");
	assert_string_equal(project_get(q, PF_CLOSEWHY), "货源中断");
	project_free(&q);
	project_free(&p);
	assert_trail_clean(f->db);
}

static void test_project_farm(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	/* a hen farm without a licence: straight from the idea to 开业, no credit code */
	struct project *p = new_project(f, f->id2, "蛋鸡养殖", "2026-02-01");
	struct project_step open = { .business = "吴晓梅蛋鸡养殖场", .credit_code = "无" };
	assert_int_equal(project_advance(f->db, p, PS_OPENED, "2026-04-08", &open, &err), JY_OK);
	assert_string_equal(project_get(p, PF_CREDIT), "");
	assert_status(f->db, f->r2, "22");
	/* the form of employment is 其他自主就业 without a licence */
	struct jy_err e2 = { 0 };
	sqlite3_stmt *st = db_prepare(f->db, "SELECT form FROM status_event WHERE resident_id = ?1 "
	                                     "ORDER BY id DESC LIMIT 1", &e2);
	assert_non_null(st);
	sqlite3_bind_int64(st, 1, f->r2);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "023");
	sqlite3_reset(st);

	/* jobs created: the women are some of them; a stale version is refused */
	project_set(p, PF_JOBS, "2");
	project_set(p, PF_JOBSW, "3");
	assert_int_equal(project_save(f->db, p, &err), JY_EINVAL);
	assert_string_equal(err.field, "其中女性");
	project_set(p, PF_JOBSW, "2");
	struct project *other = NULL;
	assert_int_equal(project_load(f->db, p->id, &other, &err), JY_OK);
	assert_int_equal(project_save(f->db, p, &err), JY_OK);
	project_set(other, PF_NOTE, "另一位工作人员");
	assert_int_equal(project_save(f->db, other, &err), JY_ECONFLICT);
	project_free(&other);
	/* an unknown course, an unknown resident */
	struct project *q = project_new();
	project_set(q, PF_IDNO, f->id1);
	project_set(q, PF_IDEA, "农家乐");
	project_set(q, PF_COURSE, "K-999");
	assert_int_equal(project_save(f->db, q, &err), JY_EINVAL);
	assert_string_equal(err.field, "培训班编号");
	project_set(q, PF_COURSE, NULL);
	char stranger[19];
	idcard_make("330122", "1991-01-01", 99, 'F', stranger);
	project_set(q, PF_IDNO, stranger);
	assert_int_equal(project_save(f->db, q, &err), JY_ENOTFOUND);
	project_free(&q);
	project_free(&p);
	assert_trail_clean(f->db);
}

/* ---- loans --------------------------------------------------------------------------------- */

static struct loan *apply(struct fixture *f, const char *idno, const char *amount, const char *on)
{
	struct loan *l = loan_new();
	loan_set(l, LF_IDNO, idno);
	loan_set(l, LF_SCHEME, "小额担保贷款");
	loan_set(l, LF_PURPOSE, "养殖");
	loan_set(l, LF_AMOUNT, amount);
	loan_set(l, LF_LICENCE, "无");
	loan_set(l, LF_GUARANTOR, "周国强");
	loan_set(l, LF_APPLIED, on);
	struct jy_err err = { 0 };
	int rc = loan_save(f->db, l, &err);
	if (rc)
		fprintf(stderr, "loan: %s %s\n", err.field, err.msg);
	assert_int_equal(rc, JY_OK);
	return l;
}

static void test_loan_chain(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct loan *l = apply(f, f->id2, "5万", "2026-03-01");
	assert_string_equal(loan_get(l, LF_CODE), "L-001");
	assert_int_equal(l->amount_fen, 5000000);
	assert_string_equal(loan_get(l, LF_LICENCE), "");      /* 无: no licence, as R9 allows */
	assert_int_equal(l->nsteps, 4);
	assert_string_equal(loan_next_step(l), "村居妇代会出证明");

	/* naming a later step is skipping it; 放款 before the chain too */
	assert_int_equal(loan_step(f->db, l, "县级妇联意见", "2026-03-05", NULL, &err), JY_EINVAL);
	assert_non_null(strstr(err.msg, "村居妇代会出证明"));
	assert_int_equal(loan_step(f->db, l, "放款", "2026-03-05", NULL, &err), JY_EINVAL);
	struct loan_disbursal d = { "桐溪农商银行", 5000000, "2026-03-05", 24, 435 };
	assert_int_equal(loan_disburse(f->db, l, &d, &err), JY_EINVAL);
	/* a step before the application is refused */
	assert_int_equal(loan_step(f->db, l, NULL, "2026-02-28", NULL, &err), JY_EINVAL);
	assert_int_equal(loan_step(f->db, l, "村居妇代会出证明", "2026-03-05", NULL, &err), JY_OK);
	/* done already; and the next one dated before it */
	assert_int_equal(loan_step(f->db, l, "村居妇代会出证明", "2026-03-06", NULL, &err), JY_EINVAL);
	assert_int_equal(loan_step(f->db, l, NULL, "2026-03-04", NULL, &err), JY_EINVAL);
	assert_int_equal(loan_step(f->db, l, NULL, "2026-03-12", "材料齐全", &err), JY_OK);
	assert_int_equal(loan_step(f->db, l, NULL, "2026-03-20", NULL, &err), JY_OK);
	assert_string_equal(loan_get(l, LF_STEP), "3/4 县级妇联意见");
	assert_int_equal(loan_step(f->db, l, "人社/银行审批", "2026-04-02", NULL, &err), JY_OK);
	assert_string_equal(loan_next_step(l), "放款");
	assert_int_equal(loan_step(f->db, l, NULL, "2026-04-03", NULL, &err), JY_EINVAL);

	/* the table refuses a step out of order whoever writes it */
	struct jy_err e2 = { 0 };
	sqlite3_stmt *st = db_prepare(f->db, "INSERT INTO loan_step(loan_id, no, name, date, worker) "
	                                     "VALUES (?1, 6, 'x', '2026-04-03', 'x')", &e2);
	assert_non_null(st);
	sqlite3_bind_int64(st, 1, l->id);
	assert_int_not_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_reset(st);

	/* 放款: not more than asked, not before the last step, term and rate checked */
	d.lent_fen = 5000001;
	assert_int_equal(loan_disburse(f->db, l, &d, &err), JY_EINVAL);
	d.lent_fen = 5000000;
	d.date = "2026-04-01";
	assert_int_equal(loan_disburse(f->db, l, &d, &err), JY_EINVAL);
	d.date = "2026-04-08";
	d.term_months = 0;
	assert_int_equal(loan_disburse(f->db, l, &d, &err), JY_EINVAL);
	d.term_months = 24;
	assert_int_equal(loan_disburse(f->db, l, &d, &err), JY_OK);
	assert_int_equal(l->state, LS_REPAYING);
	assert_string_equal(loan_get(l, LF_DUE), "2028-04-08");
	/* after 放款 there is no rejecting it */
	assert_int_equal(loan_end(f->db, l, 1, "2026-04-09", "材料不全", &err), JY_EINVAL);

	/* what was stored is read back whole */
	struct loan *m = NULL;
	assert_int_equal(loan_load(f->db, l->id, &m, &err), JY_OK);
	assert_int_equal(m->done, 4);
	assert_string_equal(m->step_date[1], "2026-03-12");
	assert_int_equal(m->lent_fen, 5000000);
	assert_int_equal(m->rate_bp, 435);
	assert_string_equal(loan_get(m, LF_AMOUNT), "50000.00");
	/* saved again as loaded, the sum stays what it was: 元 text, never fen taken for 元 */
	loan_set(m, LF_NOTE, "已放款");
	assert_int_equal(loan_save(f->db, m, &err), JY_OK);
	assert_int_equal(m->amount_fen, 5000000);
	char *rate = loan_display(m, LF_RATE);
	assert_string_equal(rate, "4.35%");
	free(rate);
	loan_free(&m);
	loan_free(&l);
	assert_trail_clean(f->db);
}

static void test_loan_end(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct loan *l = apply(f, f->id1, "30000", "2026-05-01");
	assert_int_equal(loan_step(f->db, l, NULL, "2026-05-03", NULL, &err), JY_OK);
	/* a rejection needs its reason, dated on or after the last step */
	assert_int_equal(loan_end(f->db, l, 1, "2026-05-04", "  ", &err), JY_EINVAL);
	assert_int_equal(loan_end(f->db, l, 1, "2026-05-02", "不符合条件", &err), JY_EINVAL);
	assert_int_equal(loan_end(f->db, l, 1, "2026-05-04", "不符合条件", &err), JY_OK);
	assert_int_equal(l->state, LS_REJECTED);
	assert_int_equal(loan_step(f->db, l, NULL, "2026-05-05", NULL, &err), JY_EINVAL);
	assert_int_equal(loan_end(f->db, l, 0, "2026-05-05", "本人撤回", &err), JY_EINVAL);
	loan_free(&l);

	/* an office's own chain: two steps, taken by the loans applied for after it is set */
	assert_int_equal(db_setting_set(f->db, "loan.chain", "社区推荐 | 银行审批", &err), JY_OK);
	struct loan *k = apply(f, f->id1, "2万", "2026-06-01");
	assert_int_equal(k->nsteps, 2);
	assert_string_equal(k->step_name[1], "银行审批");
	assert_int_equal(loan_step(f->db, k, "银行审批", "2026-06-02", NULL, &err), JY_EINVAL);
	assert_int_equal(loan_step(f->db, k, "社区推荐", "2026-06-02", NULL, &err), JY_OK);
	assert_int_equal(loan_end(f->db, k, 0, "2026-06-03", "本人撤回申请", &err), JY_OK);
	assert_int_equal(k->state, LS_WITHDRAWN);
	loan_free(&k);
	assert_int_equal(db_setting_set(f->db, "loan.chain", "||", &err), JY_OK);
	struct loan *z = loan_new();
	loan_set(z, LF_IDNO, f->id1);
	loan_set(z, LF_SCHEME, "2");
	loan_set(z, LF_AMOUNT, "1000");
	assert_int_equal(loan_save(f->db, z, &err), JY_EINVAL);
	assert_string_equal(err.field, "loan.chain");
	/* a sum of nothing, a scheme not in the list */
	loan_set(z, LF_AMOUNT, "0");
	assert_int_equal(loan_save(f->db, z, &err), JY_EINVAL);
	assert_string_equal(err.field, "申请金额");
	loan_set(z, LF_AMOUNT, "1000");
	loan_set(z, LF_SCHEME, "高利贷");
	assert_int_equal(loan_save(f->db, z, &err), JY_EINVAL);
	assert_string_equal(err.field, "贷款品种");
	loan_free(&z);
	assert_trail_clean(f->db);
}

static void disbursed(struct fixture *f, struct loan *l, int64_t fen, const char *on, int months)
{
	struct jy_err err = { 0 };
	for (int i = 0; i < l->nsteps; i++)
		assert_int_equal(loan_step(f->db, l, NULL, on, NULL, &err), JY_OK);
	struct loan_disbursal d = { "邮储银行", fen, on, months, 385 };
	assert_int_equal(loan_disburse(f->db, l, &d, &err), JY_OK);
}

static void test_loan_repay(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct loan *l = apply(f, f->id1, "0.3", "2026-01-10");
	disbursed(f, l, 30, "2026-01-20", 6);
	/* 0.1 + 0.2 元 is 0.3 元 exactly, and settles the 0.3 元 lent */
	int64_t fen;
	assert_int_equal(money_parse("0.1", &fen, "还款金额", &err), JY_OK);
	assert_int_equal(loan_pay(f->db, l, 1, "2026-02-01", fen, NULL, &err), JY_OK);
	assert_int_equal(money_parse("0.2", &fen, "还款金额", &err), JY_OK);
	/* before 放款, and more than owed, are refused */
	assert_int_equal(loan_pay(f->db, l, 1, "2026-01-19", fen, NULL, &err), JY_EINVAL);
	assert_int_equal(loan_pay(f->db, l, 1, "2026-03-01", 21, NULL, &err), JY_EINVAL);
	assert_int_equal(loan_pay(f->db, l, 1, "2026-03-01", fen, NULL, &err), JY_OK);
	assert_int_equal(l->state, LS_SETTLED);
	assert_string_equal(loan_get(l, LF_ENDON), "2026-03-01");
	/* settled: no more repayments, a subsidy still */
	assert_int_equal(loan_pay(f->db, l, 1, "2026-03-02", 1, NULL, &err), JY_EINVAL);
	assert_int_equal(loan_pay(f->db, l, 0, "2026-03-02", 7, "财政贴息", &err), JY_OK);
	loan_free(&l);

	/* a bigger one: 30,000.50 lent, repaid in three and subsidised twice */
	struct loan *m = apply(f, f->id2, "30,000.50", "2026-01-10");
	disbursed(f, m, 3000050, "2026-02-01", 12);
	assert_int_equal(loan_pay(f->db, m, 1, "2026-05-01", 1000000, NULL, &err), JY_OK);
	assert_int_equal(loan_pay(f->db, m, 1, "2026-08-01", 1000025, NULL, &err), JY_OK);
	assert_int_equal(loan_pay(f->db, m, 0, "2026-08-01", 43550, NULL, &err), JY_OK);
	assert_int_equal(loan_pay(f->db, m, 0, "2026-12-01", 43551, NULL, &err), JY_OK);
	struct loan *n = NULL;
	assert_int_equal(loan_load(f->db, m->id, &n, &err), JY_OK);
	assert_int_equal(n->repaid_fen, 2000025);
	assert_int_equal(n->subsidy_fen, 87101);
	assert_int_equal(n->state, LS_REPAYING);
	/* due 2027-02-01: not overdue on the day, 28 days overdue on 1 March */
	assert_string_equal(loan_get(n, LF_DUE), "2027-02-01");
	assert_int_equal(loan_overdue_days(n, "2027-02-01"), 0);
	assert_int_equal(loan_overdue_days(n, "2027-03-01"), 28);
	char st[48];
	loan_state_text(n, "2027-03-01", st);
	assert_string_equal(st, "逾期28天");
	loan_state_text(n, "2026-12-31", st);
	assert_string_equal(st, "还款中");
	loan_free(&n);
	loan_free(&m);
	assert_trail_clean(f->db);
}

struct seen {
	int n;
	char codes[8][24];
	char state[8][48];
	int days[8];
	int64_t owed[8];
};

static int collect(void *arg, const struct enterprise_row *r)
{
	struct seen *s = arg;
	if (s->n < 8) {
		snprintf(s->codes[s->n], 24, "%s", r->code);
		snprintf(s->state[s->n], 48, "%s", r->state);
		s->days[s->n] = r->days;
		s->owed[s->n] = r->owed_fen;
	}
	s->n++;
	return 0;
}

static void test_lists(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct project *p = new_project(f, f->id1, "手工绣花鞋网店", "2026-03-01");
	struct loan *a = apply(f, f->id1, "3万", "2026-04-01");       /* pending */
	struct loan *b = apply(f, f->id2, "5万", "2026-01-02");
	disbursed(f, b, 5000000, "2026-01-05", 12);                   /* due 2027-01-05 */
	struct loan *c = apply(f, f->id2, "1万", "2025-01-02");
	disbursed(f, c, 1000000, "2025-01-05", 12);                   /* due 2026-01-05 */
	assert_int_equal(loan_pay(f->db, c, 1, "2025-06-01", 400000, NULL, &err), JY_OK);

	/* the due list on 31 December 2026, 60 days ahead: c overdue 360 days, then b in 5 days */
	struct seen s = { 0 };
	assert_int_equal(loan_due_each(f->db, "2026-12-31", -1, NULL, collect, &s, &err), JY_OK);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.codes[0], "L-003");
	assert_string_equal(s.state[0], "逾期360天");
	assert_int_equal(s.owed[0], 600000);
	assert_string_equal(s.codes[1], "L-002");
	assert_int_equal(s.days[1], 5);
	/* 3 days ahead: b is not due yet */
	memset(&s, 0, sizeof s);
	assert_int_equal(loan_due_each(f->db, "2026-12-31", 3, NULL, collect, &s, &err), JY_OK);
	assert_int_equal(s.n, 1);
	/* and searched: 吴晓梅's initials find both, 周丽娟's none */
	memset(&s, 0, sizeof s);
	assert_int_equal(loan_due_each(f->db, "2026-12-31", -1, "wxm", collect, &s, &err), JY_OK);
	assert_int_equal(s.n, 2);
	memset(&s, 0, sizeof s);
	assert_int_equal(loan_due_each(f->db, "2026-12-31", -1, "zlj", collect, &s, &err), JY_OK);
	assert_int_equal(s.n, 0);

	/* searched as workers type: a name, pinyin initials, the last digits, a code */
	static const struct { const char *q; int n; } qs[] = {
		{ "丽娟", 2 }, { "zlj", 2 }, { "wxm", 2 }, { "L-00", 3 }, { "p-001", 1 },
		{ "美玲", 0 },
	};
	for (size_t i = 0; i < ARRAY_LEN(qs); i++) {
		memset(&s, 0, sizeof s);
		assert_int_equal(enterprise_each(f->db, qs[i].q, 0, collect, &s, &err), JY_OK);
		if (s.n != qs[i].n)
			fprintf(stderr, "query %s: %d rows\n", qs[i].q ? qs[i].q : "(all)", s.n);
		assert_int_equal(s.n, qs[i].n);
	}
	/* at most limit rows */
	memset(&s, 0, sizeof s);
	assert_int_equal(enterprise_each(f->db, NULL, 3, collect, &s, &err), JY_OK);
	assert_int_equal(s.n, 3);
	char tail[5];
	memcpy(tail, f->id2 + 14, 5);
	memset(&s, 0, sizeof s);
	assert_int_equal(enterprise_each(f->db, tail, 0, collect, &s, &err), JY_OK);
	assert_int_equal(s.n, 2);
	project_free(&p);
	loan_free(&a);
	loan_free(&b);
	loan_free(&c);
}

/* ---- roles and communities ------------------------------------------------------------------ */

static void act_as(struct jy_db *db, const char *os_user)
{
	struct jy_actor who = { 0 };
	snprintf(who.os_user, sizeof who.os_user, "%s", os_user);
	snprintf(who.name, sizeof who.name, "%s", os_user);
	assert_int_equal(db_set_actor(db, &who, NULL), JY_OK);
}

static void test_access(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct project *p = new_project(f, f->id1, "手工绣花鞋网店", "2026-03-01");   /* TX0101 */
	struct loan *l = apply(f, f->id2, "3万", "2026-04-01");                        /* TX0102 */
	assert_int_equal(worker_save(f->db, "wang", "王芳", ROLE_CLERK, "TX0102", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "qian", "钱军", ROLE_STATS, "", &err), JY_OK);
	struct jy_actor admin = *db_actor(f->db);

	/* a clerk of TX0102: her community's loan, not the other community's project */
	act_as(f->db, "wang");
	struct project *q = NULL;
	assert_int_equal(project_load(f->db, p->id, &q, &err), JY_EPERM);
	assert_int_equal(project_advance(f->db, p, PS_REGISTERED, "2026-03-05", NULL, &err), JY_EPERM);
	struct seen s = { 0 };
	assert_int_equal(enterprise_each(f->db, NULL, 0, collect, &s, &err), JY_OK);
	for (int i = 0; i < s.n && i < 8; i++)
		assert_string_not_equal(s.codes[i], "P-001");
	struct loan *m = NULL;
	assert_int_equal(loan_load(f->db, l->id, &m, &err), JY_OK);
	assert_int_equal(loan_step(f->db, m, NULL, "2026-04-02", NULL, &err), JY_OK);
	/* what she did is in the trail under her name */
	struct jy_err e2 = { 0 };
	sqlite3_stmt *st = db_prepare(f->db, "SELECT os_user FROM history WHERE entity = 'loan' "
	                                     "AND entity_id = ?1 AND action = 'step'", &e2);
	assert_non_null(st);
	sqlite3_bind_int64(st, 1, l->id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wang");
	sqlite3_reset(st);
	loan_free(&m);
	/* statistics see figures, no person: neither list nor record */
	act_as(f->db, "qian");
	assert_int_equal(enterprise_each(f->db, NULL, 0, collect, &s, &err), JY_EPERM);
	assert_int_equal(loan_due_each(f->db, NULL, -1, NULL, collect, &s, &err), JY_EPERM);
	assert_int_equal(loan_load(f->db, l->id, &m, &err), JY_EPERM);
	assert_int_equal(db_set_actor(f->db, &admin, NULL), JY_OK);
	project_free(&p);
	loan_free(&l);
	assert_trail_clean(f->db);
}

/* ---- the figures G1-G7 on a registry worked out by hand ---------------------------------------- */

static const struct report_value *fig(const struct report *r, int prev, int g, const char *code)
{
	for (int i = 0; i < report_ninds; i++)
		if (strcmp(report_inds[i].code, code) == 0)
			return &(prev ? r->prev_v : r->cur_v)[(size_t)g * (size_t)report_ninds + (size_t)i];
	fail_msg("no figure %s", code);
	return NULL;
}

static const char *fig_text(const struct report *r, const char *code, char out[32])
{
	for (int i = 0; i < report_ninds; i++)
		if (strcmp(report_inds[i].code, code) == 0)
			report_value_text(&report_inds[i], &r->cur_v[i], out);
	return out;
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
	/* November 2026 against October. R1 (TX0101): P-001 立项 5 October, 创业资金 3 November,
	 * 开业 20 November with 3 jobs (2 women); loan B on P-001 lent 15 October, 30,000元, with a
	 * subsidy of 80元 on 5 November; loan C on P-001 lent 28 November, 10,000.01元. R2 (TX0102):
	 * P-002 立项 2 November; loan A without a project lent 10 November, 50,000.50元, 2 jobs (1
	 * woman), subsidy 120.30元 on 25 November. R1 in an SYB course starting 2 November. */
	struct project *p1 = new_project(f, f->id1, "手工绣花鞋网店", "2026-10-01");
	assert_int_equal(project_advance(f->db, p1, PS_REGISTERED, "2026-10-05", NULL, &err), JY_OK);
	struct project_step fund = { .fund_fen = 500000 };
	assert_int_equal(project_advance(f->db, p1, PS_FUNDED, "2026-11-03", &fund, &err), JY_OK);
	struct project_step open = { .business = "丽娟绣鞋网店" };
	assert_int_equal(project_advance(f->db, p1, PS_OPENED, "2026-11-20", &open, &err), JY_OK);
	project_set(p1, PF_JOBS, "3");
	project_set(p1, PF_JOBSW, "2");
	assert_int_equal(project_save(f->db, p1, &err), JY_OK);
	struct project *p2 = new_project(f, f->id2, "家庭农场", "2026-11-01");
	assert_int_equal(project_advance(f->db, p2, PS_REGISTERED, "2026-11-02", NULL, &err), JY_OK);

	struct loan *b = apply(f, f->id1, "3万", "2026-10-01");
	loan_set(b, LF_PROJECT, "P-001");
	loan_set(b, LF_JOBS, "9");      /* a loan on a project: the project's jobs, not these */
	assert_int_equal(loan_save(f->db, b, &err), JY_OK);
	disbursed(f, b, 3000000, "2026-10-15", 24);
	assert_int_equal(loan_pay(f->db, b, 0, "2026-11-05", 8000, NULL, &err), JY_OK);
	struct loan *c = apply(f, f->id1, "10000.01", "2026-11-01");
	loan_set(c, LF_PROJECT, "P-001");
	assert_int_equal(loan_save(f->db, c, &err), JY_OK);
	disbursed(f, c, 1000001, "2026-11-28", 12);
	struct loan *a = apply(f, f->id2, "50,000.50", "2026-11-01");
	loan_set(a, LF_JOBS, "2");
	loan_set(a, LF_JOBSW, "1");
	assert_int_equal(loan_save(f->db, a, &err), JY_OK);
	disbursed(f, a, 5000050, "2026-11-10", 12);
	assert_int_equal(loan_pay(f->db, a, 0, "2026-11-25", 12030, NULL, &err), JY_OK);

	struct course *k = course_new();
	course_set(k, CF_NAME, "巾帼创业SYB培训班");
	course_set(k, CF_CATEGORY, "创业培训");
	course_set(k, CF_START, "2026-11-02");
	course_set(k, CF_END, "2026-11-11");
	assert_int_equal(course_save(f->db, k, &err), JY_OK);
	int64_t eid;
	assert_int_equal(enrolment_enrol(f->db, f->r1, k->id, 0, &eid, &err), JY_OK);
	course_free(&k);

	struct period p;
	assert_int_equal(period_parse("2026-11", &p, &err), JY_OK);
	struct report *r = NULL;
	assert_int_equal(report_compute(f->db, &p, BY_COMMUNITY, &r, &err), JY_OK);
	static const struct { const char *code; int64_t cur, prev; } want[] = {
		{ "G1", 1, 0 }, { "G2R", 1, 1 }, { "G2F", 1, 0 }, { "G2S", 1, 0 },
		{ "G3", 2, 1 }, { "G3P", 2, 1 }, { "G3C", 3, 1 },
		{ "G4", 6000051, 3000000 }, { "G4C", 9000051, 3000000 },
		{ "G5", 20030, 0 }, { "G5C", 20030, 0 },
		{ "G6", 5, 0 }, { "G6W", 3, 0 },
	};
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		if (fig(r, 0, 0, want[i].code)->num != want[i].cur ||
		    fig(r, 1, 0, want[i].code)->num != want[i].prev)
			fail_msg("%s: %lld / %lld, expected %lld / %lld", want[i].code,
			         (long long)fig(r, 0, 0, want[i].code)->num,
			         (long long)fig(r, 1, 0, want[i].code)->num, (long long)want[i].cur,
			         (long long)want[i].prev);
	}
	/* split by community: each loan with its borrower's */
	int g1 = group_of(r, "TX0101"), g2 = group_of(r, "TX0102");
	assert_int_equal(fig(r, 0, g1, "G4")->num, 1000001);
	assert_int_equal(fig(r, 0, g2, "G4")->num, 5000050);
	assert_int_equal(fig(r, 0, g2, "G3")->num, 1);
	/* 60,000.51 元 over 2 loans is 30,000.255: half a fen up, 30,000.26 */
	char t[32];
	assert_string_equal(fig_text(r, "G4", t), "60000.51");
	assert_string_equal(fig_text(r, "G7", t), "30000.26");
	assert_string_equal(fig_text(r, "G5", t), "200.30");
	int i7 = 0;
	while (strcmp(report_inds[i7].code, "G7") != 0)
		i7++;
	report_change_text(&report_inds[i7], &r->cur_v[i7], &r->prev_v[i7], t);
	assert_string_equal(t, "+0.26");
	report_value_text(&report_inds[i7], &r->cur_v[(size_t)g1 * (size_t)report_ninds + i7], t);
	assert_string_equal(t, "10000.01");

	/* the text report gives the sums in 万元 too */
	char path[128];
	snprintf(path, sizeof path, "%s/r.txt", f->dir);
	assert_int_equal(report_write(f->db, r, path, REPORT_TEXT, 0, NULL, &err), JY_OK);
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	char buf[16384];
	size_t n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	assert_non_null(strstr(buf, "G4 贷款金额：本期 6.000051万元，上期 3万元"));
	assert_non_null(strstr(buf, "G4C 累计贷款金额：本期 9.000051万元"));
	report_free(&r);

	/* the people behind G2S and G3P */
	int64_t *ids;
	size_t nids;
	int i3p = 0;
	while (strcmp(report_inds[i3p].code, "G3P") != 0)
		i3p++;
	assert_int_equal(report_people_ids(f->db, &p, BY_NONE, "", i3p, &ids, &nids, &err), JY_OK);
	assert_int_equal(nids, 2);
	free(ids);
	project_free(&p1);
	project_free(&p2);
	loan_free(&a);
	loan_free(&b);
	loan_free(&c);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money_parse),
		cmocka_unit_test(test_money_text),
		cmocka_unit_test_setup_teardown(test_project_stages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_project_farm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_loan_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_loan_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_loan_repay, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_access, setup, teardown),
		cmocka_unit_test_setup_teardown(test_figures, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
