/* core/casework/case_demo.c: the demo's rights cases, written through the same calls a worker's
 * intake and steps go through (so their history, versions and steps are what jiuye writes), inside
 * core/admin/demo.c's transaction. The people and firms are the demo's own; the woman of the
 * domestic-violence case is not registered (a case may name her by name and phone only). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework_int.h"

struct demo_step {
	int step;
	const char *date, *action, *outcome, *who, *note;
	int days;
};

static const struct demo_case {
	const char *no, *received, *time, *channel, *type, *name, *phone, *community, *complaint,
	           *respondent, *employer, *urgency;
	int chen;               /* 陈美玲, by her record */
	struct demo_step steps[8];
} demo_cases[] = {
	{ "001", "2024-01-15", "10:20", "3", "90", "孙晓梅", "13800000121", "TX0102",
	  "咨询离婚后孩子抚养费如何主张", NULL, NULL, "1", 0, {
		{ STEP_ACCEPT, "2024-01-15", NULL, NULL, NULL, NULL, 0 },
		{ STEP_ACTION, "2024-01-16", "2", NULL, "县法律援助中心", NULL, 0 },
		{ STEP_ANSWER, "2024-01-22", NULL, NULL, NULL, "已告知可向法院起诉主张抚养费，并转介法律援助", 0 },
		{ STEP_VISIT, "2024-02-05", NULL, "1", NULL, NULL, 0 },
		{ STEP_CLOSE, "2024-02-05", NULL, NULL, NULL, NULL, 0 },
	} },
	{ "002", "2024-03-08", "21:40", "3", "20", "马丽", "13800000122", "TX0101",
	  "丈夫酗酒后多次殴打，今晚被赶出家门，要求帮助", "其丈夫", NULL, "2", 0, {
		{ STEP_ACCEPT, "2024-03-08", NULL, NULL, NULL, NULL, 0 },
		{ STEP_ACTION, "2024-03-08", "7", NULL, "县妇女儿童庇护站", "当晚入住庇护站", 0 },
		{ STEP_ACTION, "2024-03-11", "5", NULL, "城南派出所", "出具家庭暴力告诫书", 0 },
		{ STEP_ACTION, "2024-03-15", "2", NULL, "县法律援助中心", "申请人身安全保护令", 0 },
		{ STEP_ANSWER, "2024-04-02", NULL, NULL, NULL, "法院已签发人身安全保护令，社区网格员定期回访", 0 },
		{ STEP_VISIT, "2024-04-20", NULL, "2", NULL, NULL, 0 },
		{ STEP_CLOSE, "2024-04-22", NULL, NULL, NULL, NULL, 0 },
	} },
	{ "003", "2024-04-10", "09:15", "3", "12", NULL, NULL, NULL,
	  "服装作坊拖欠两个月工资共6400元，老板不接电话", "城北一家小服装作坊", NULL, "1", 1, {
		{ STEP_ACCEPT, "2024-04-10", NULL, NULL, NULL, NULL, 0 },
		{ STEP_ACTION, "2024-04-12", "4", NULL, "县劳动保障监察大队", NULL, 0 },
		{ STEP_ACTION, "2024-04-18", "1", "1", "城北街道妇联维权站、劳动监察大队", "联合调解，作坊承诺分两次付清", 0 },
		{ STEP_ANSWER, "2024-04-19", NULL, NULL, NULL, "经联合调解，拖欠工资6400元于4月25日前付清", 0 },
		{ STEP_VISIT, "2024-04-26", NULL, "1", NULL, "工资已全部到账", 0 },
		{ STEP_CLOSE, "2024-04-26", NULL, NULL, NULL, NULL, 0 },
	} },
	{ "004", "2024-06-17", "14:00", "2", "13", "钱小燕", "13800000124", "TX0201",
	  "怀孕后被公司调岗降薪，要求恢复原岗位", "桐溪明华服装针织有限公司", "E02", "1", 0, {
		{ STEP_ACCEPT, "2024-06-18", NULL, NULL, NULL, NULL, 0 },
		{ STEP_ACTION, "2024-06-21", "4", NULL, "县劳动保障监察大队", NULL, 0 },
		{ STEP_ACTION, "2024-06-25", "6", NULL, "县劳动保障监察大队", "下达整改通知书，限期恢复原岗位", 0 },
	} },
	{ "005", "2024-07-01", "08:50", "1", "40", "何秀英", NULL, "TX0301",
	  "出嫁后村里取消了我的土地承包分红", "红星村村委会", NULL, "1", 0, { { 0 } } },
};

static int demo_case_add(struct jy_db *db, const struct demo_case *d, int shift, int64_t chen,
                         struct jy_err *err)
{
	char received[11], no[24];
	date_add_months(d->received, shift, received);
	snprintf(no, sizeof no, "V-%.4s-%s", received, d->no);
	struct rcase *c = case_new();
	const struct { int f; const char *v; } v[] = {
		{ KF_NO, no }, { KF_RECEIVED, received }, { KF_TIME, d->time }, { KF_CHANNEL, d->channel },
		{ KF_TYPE, d->type }, { KF_NAME, d->name }, { KF_PHONE, d->phone },
		{ KF_COMMUNITY, d->community }, { KF_COMPLAINT, d->complaint },
		{ KF_RESPONDENT, d->respondent }, { KF_EMPLOYER, d->employer }, { KF_URGENCY, d->urgency },
	};
	for (size_t i = 0; i < ARRAY_LEN(v); i++)
		case_set(c, v[i].f, v[i].v);
	int rc = JY_OK;
	if (d->chen) {
		struct resident *r = NULL;
		if ((rc = resident_load(db, chen, &r, err)) == JY_OK)
			case_set(c, KF_IDNO, resident_get(r, RF_IDNO));
		resident_free(&r);
	}
	if (!rc)
		rc = case_save(db, c, err);
	int64_t version = c->version;
	for (size_t i = 0; !rc && i < ARRAY_LEN(d->steps) && d->steps[i].date; i++) {
		const struct demo_step *s = &d->steps[i];
		char date[11];
		date_add_months(s->date, shift, date);
		struct case_step_in in = { s->step, date, s->action, s->outcome, s->who, s->note, s->days };
		rc = case_step_add(db, c->id, &version, &in, err);
	}
	case_free(&c);
	return rc;
}

int case_demo(struct jy_db *db, int months_shift, int64_t chen, struct jy_err *err)
{
	int rc = JY_OK;
	for (size_t i = 0; !rc && i < ARRAY_LEN(demo_cases); i++)
		rc = demo_case_add(db, &demo_cases[i], months_shift, chen, err);
	return rc;
}
