/* core/enterprise/ent_demo.c: the demo's start-up project and loans (called by demo_load, inside
 * its transaction, after the residents and courses): 刘晓燕's online shop of hand-embroidered
 * shoes, registered after the SYB course K-003, and her 30,000元 loan still on its way through
 * the chain; 周红霞's 50,000元 小额担保贷款 for her laying-hen farm, without a licence, through
 * every step, disbursed with 贴息, creating jobs for two neighbours; 来料加工 in 溪口镇红星村: the
 * broker 陈金花 (she taught K-004 with the township federation; no registered resident), her
 * outlet paired with 明华服装针织 (E02), 绿源 (E05) as the county's 巾帼示范基地, and 陈美玲's
 * monthly fees for hand knitting since K-004. Made through the module's
 * own saves, so their versions and their trail are what a worker's would be; dates moved by
 * months_shift as the rest of the demo's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enterprise/enterprise_int.h"

static int months;

static void shifted(const char *iso, char out[11])
{
	date_add_months(iso, months, out);
}

/* A demo resident's ID number by her name. */
static int demo_idno(struct jy_db *db, const char *name, char out[19], struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id_no FROM resident WHERE name = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		db_col_copy(st, 0, out, 19);
	sqlite3_reset(st);
	return s == SQLITE_ROW ? JY_OK : err_set(err, JY_EDB, NULL, "demo: %s", name);
}

static int demo_steps(struct jy_db *db, struct loan *l, const char *const *dates, int n,
                      struct jy_err *err)
{
	char d[11];
	int rc = JY_OK;
	for (int i = 0; !rc && i < n; i++) {
		shifted(dates[i], d);
		rc = loan_step(db, l, NULL, d, NULL, err);
	}
	return rc;
}

static int demo_shop(struct jy_db *db, struct jy_err *err)
{
	char id[19], d[11];
	int rc = demo_idno(db, "刘晓燕", id, err);
	if (rc)
		return rc;
	struct project *p = project_new();
	project_set(p, PF_CODE, "P-2024-001");
	project_set(p, PF_IDNO, id);
	project_set(p, PF_IDEA, "网店销售村里加工点的手工绣花鞋");
	project_set(p, PF_TRADE, "电商");
	project_set(p, PF_PLACE, "新华社区8栋1单元301");
	project_set(p, PF_COURSE, "K-003");
	shifted("2024-04-25", d);
	project_set(p, PF_IDEAON, d);
	rc = project_save(db, p, err);
	shifted("2024-05-08", d);
	if (!rc)
		rc = project_advance(db, p, PS_REGISTERED, d, NULL, err);
	struct loan *l = loan_new();
	loan_set(l, LF_CODE, "L-2024-006");
	loan_set(l, LF_IDNO, id);
	loan_set(l, LF_PROJECT, "P-2024-001");
	loan_set(l, LF_SCHEME, "巾帼创业贷款");
	loan_set(l, LF_PURPOSE, "网店");
	loan_set(l, LF_AMOUNT, "30000");
	loan_set(l, LF_LICENCE, "无");
	loan_set(l, LF_GUARANTOR, "刘建华");
	loan_set(l, LF_GUARANTEE, "担保人");
	shifted("2024-05-20", d);
	loan_set(l, LF_APPLIED, d);
	static const char *const steps[] = { "2024-05-28" };
	if (!rc)
		rc = loan_save(db, l, err);
	if (!rc)
		rc = demo_steps(db, l, steps, 1, err);
	loan_free(&l);
	project_free(&p);
	return rc;
}

static int demo_farm(struct jy_db *db, struct jy_err *err)
{
	char id[19], d[11];
	int rc = demo_idno(db, "周红霞", id, err);
	if (rc)
		return rc;
	struct loan *l = loan_new();
	loan_set(l, LF_CODE, "L-2024-002");
	loan_set(l, LF_IDNO, id);
	loan_set(l, LF_SCHEME, "小额担保贷款");
	loan_set(l, LF_PURPOSE, "养殖");
	loan_set(l, LF_AMOUNT, "5万");
	loan_set(l, LF_LICENCE, "无");
	loan_set(l, LF_GUARANTOR, "红星村妇代会");
	loan_set(l, LF_GUARANTEE, "联户联保");
	loan_set(l, LF_JOBS, "2");
	loan_set(l, LF_JOBSW, "2");
	loan_set(l, LF_NOTE, "蛋鸡养殖，带动2位邻居就业");
	shifted("2024-03-01", d);
	loan_set(l, LF_APPLIED, d);
	static const char *const steps[] = { "2024-03-05", "2024-03-12", "2024-03-20", "2024-04-02" };
	rc = loan_save(db, l, err);
	if (!rc)
		rc = demo_steps(db, l, steps, 4, err);
	shifted("2024-04-08", d);
	struct loan_disbursal disb = { "桐溪农商银行", 5000000, d, 24, 435 };
	if (!rc)
		rc = loan_disburse(db, l, &disb, err);
	/* the first quarter's fiscal subsidy: 50,000元 × 4.35% ÷ 4 */
	shifted("2024-06-20", d);
	if (!rc)
		rc = loan_pay(db, l, 0, d, 54375, "财政贴息（第一季度）", err);
	loan_free(&l);
	return rc;
}

static int demo_processing(struct jy_db *db, struct jy_err *err)
{
	char id[19], d[11];
	int rc = demo_idno(db, "陈美玲", id, err);
	if (rc)
		return rc;
	struct prec *b = broker_new();
	prec_set(b, BF_CODE, "B-2024-01");
	prec_set(b, BF_NAME, "陈金花");
	prec_set(b, BF_PHONE, "13800000106");
	prec_set(b, BF_UNIT, "红星村");
	prec_set(b, BF_PRODUCTS, "手工编织、绣花鞋");
	prec_set(b, BF_NEWYEAR, "2023");
	prec_set(b, BF_EXCELLENT, "1");
	prec_set(b, BF_TALENT, "1");
	shifted("2023-05-01", d);
	prec_set(b, BF_SINCE, d);
	rc = prec_save(db, b, err);
	struct prec *o = outlet_new();
	prec_set(o, OF_CODE, "O-2024-01");
	prec_set(o, OF_NAME, "红星村来料加工点");
	prec_set(o, OF_KIND, "1");
	prec_set(o, OF_UNIT, "红星村");
	prec_set(o, OF_PLACE, "红星村妇女之家");
	prec_set(o, OF_BROKER, "B-2024-01");
	prec_set(o, OF_FACTORY, "E02");
	prec_set(o, OF_WOMEN, "31");
	shifted("2023-06-01", d);
	prec_set(o, OF_SINCE, d);
	if (!rc)
		rc = prec_save(db, o, err);
	struct prec *base = outlet_new();
	prec_set(base, OF_CODE, "O-2024-02");
	prec_set(base, OF_NAME, "绿源果蔬巾帼示范基地");
	prec_set(base, OF_KIND, "4");
	prec_set(base, OF_LEVEL, "1");
	prec_set(base, OF_UNIT, "红星村");
	prec_set(base, OF_FACTORY, "E05");
	prec_set(base, OF_WOMEN, "52");
	shifted("2022-04-01", d);
	prec_set(base, OF_SINCE, d);
	if (!rc)
		rc = prec_save(db, base, err);
	/* her knitting after K-004 (2024-03-25 to 29): April, May, June */
	static const struct { const char *on, *pieces, *fee; } fees[] = {
		{ "2024-04-30", "64", "832" }, { "2024-05-31", "75", "975" }, { "2024-06-28", "70", "910" },
	};
	for (size_t i = 0; !rc && i < ARRAY_LEN(fees); i++) {
		char month[8];
		shifted(fees[i].on, d);
		snprintf(month, sizeof month, "%.7s", d);
		struct fee_in in = { .idno = id, .month = month, .outlet = "O-2024-01",
		                     .product = "手工编织", .pieces = fees[i].pieces, .fee = fees[i].fee };
		struct fee_out out;
		rc = fee_record(db, &in, &out, err);
	}
	prec_free(&b);
	prec_free(&o);
	prec_free(&base);
	return rc;
}

int enterprise_demo(struct jy_db *db, int months_shift, struct jy_err *err)
{
	months = months_shift;
	int rc = demo_shop(db, err);
	if (!rc)
		rc = demo_farm(db, err);
	return rc ? rc : demo_processing(db, err);
}
