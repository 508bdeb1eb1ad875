/* core/casework/pair_demo.c: the demo's helpers and mentoring pairs, written through pair.c's own
 * calls inside core/admin/demo.c's transaction, dated as the demo shifts its dates. 何丽萍, who
 * runs E01, is the 姐妹帮扶 helper of the 吴建国 / 黄淑芬 household (P-2024-011, new this May: the
 * guidance before her hourly domestic work, rice and oil); a street cadre has kept a pair with
 * 赵春梅 since March 2023 (巩固), with no contact since February: on the due list of pairs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework_int.h"

static const struct {
	const char *name, *type, *phone, *org, *community;
} demo_helpers[] = {
	{ "何丽萍", "3", "13800000101", "桐溪县巾帼家政服务有限公司", "TX0101" },
	{ "李红梅", "5", "13800000131", "城南街道妇联", "TX0101" },
	{ "钱彩凤", "4", "13800000105", "溪口镇绿源果蔬专业合作社", "TX0301" },
};

struct demo_log {
	int gift;
	const char *date, *kind, *text, *amount;
};

static const struct demo_pair {
	const char *no, *type;
	int helper;             /* index in demo_helpers */
	const char *reg_no, *household, *start, *goal;
	struct demo_log log[4];
} demo_pairs[] = {
	{ "P-2024-011", "1", 0, "R-000010", "吴建国、黄淑芬家庭", "2024-05-01", "帮助家庭摆脱零就业，稳定就业", {
		{ 0, "2024-05-06", "1", "上岗前指导：钟点家政服务规范和安全注意事项", NULL },
		{ 1, "2024-05-06", "2", "大米、食用油", "300" },
		{ 0, "2024-05-28", "3", "介绍到巾帼家政做钟点工，陪同签订协议", NULL },
	} },
	{ "P-2023-004", "2", 1, "R-000006", NULL, "2023-03-01", "居家就业，学会网店客服技能", {
		{ 0, "2023-09-12", "1", "了解身体状况和就业意愿", NULL },
		{ 1, "2024-01-25", "1", "春节慰问金", "500" },
		{ 0, "2024-02-20", "2", "电话了解培训报名情况", NULL },
	} },
};

int pair_demo(struct jy_db *db, int months_shift, struct jy_err *err)
{
	int64_t helper_ids[ARRAY_LEN(demo_helpers)];
	int rc = JY_OK;
	for (size_t i = 0; !rc && i < ARRAY_LEN(demo_helpers); i++) {
		struct helper *h = helper_new();
		helper_set(h, HF_NAME, demo_helpers[i].name);
		helper_set(h, HF_TYPE, demo_helpers[i].type);
		helper_set(h, HF_PHONE, demo_helpers[i].phone);
		helper_set(h, HF_ORG, demo_helpers[i].org);
		helper_set(h, HF_COMMUNITY, demo_helpers[i].community);
		rc = helper_save(db, h, err);
		helper_ids[i] = h->id;
		helper_free(&h);
	}
	for (size_t i = 0; !rc && i < ARRAY_LEN(demo_pairs); i++) {
		const struct demo_pair *d = &demo_pairs[i];
		char start[11], no[24], hid[24];
		date_add_months(d->start, months_shift, start);
		snprintf(no, sizeof no, "P-%.4s-%s", start, d->no + 7);
		snprintf(hid, sizeof hid, "#%lld", (long long)helper_ids[d->helper]);
		struct mpair *p = pair_new();
		pair_set(p, PRF_NO, no);
		pair_set(p, PRF_TYPE, d->type);
		pair_set(p, PRF_HELPER, hid);
		pair_set(p, PRF_IDNO, d->reg_no);
		pair_set(p, PRF_HOUSEHOLD, d->household);
		pair_set(p, PRF_START, start);
		pair_set(p, PRF_GOAL, d->goal);
		rc = pair_save(db, p, err);
		for (size_t k = 0; !rc && k < ARRAY_LEN(d->log) && d->log[k].date; k++) {
			const struct demo_log *l = &d->log[k];
			char date[11];
			date_add_months(l->date, months_shift, date);
			rc = l->gift ? pair_gift_add(db, p->id, date, l->kind, l->amount, l->text, err)
			             : pair_contact_add(db, p->id, date, l->kind, l->text, err);
		}
		pair_free(&p);
	}
	return rc;
}
