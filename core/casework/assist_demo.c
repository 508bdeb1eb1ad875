/* core/casework/assist_demo.c: the demo's assistance and relief records, written through
 * assist.c's own calls inside core/admin/demo.c's transaction after the cases and the pairs,
 * dated as the demo shifts its dates: 李桂芳's 两节 relief (低保, a single mother), a 三八 visit
 * to 赵春梅 with goods, 王秀兰's 4050 subsidy, the 维权援助 of 陈美玲's wage case (V-2024-003) and
 * the 结对援助 of 黄淑芬's pair (P-2024-011), which found her the hourly domestic work. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework_int.h"

static const struct {
	const char *reg_no, *kind, *date, *occasion, *form, *amount, *what, *funder;
	const char *pair, *rcase;       /* the number's own part: its year follows the shift */
	const char *note;
} demo_assist[] = {
	{ "R-000002", "5", "2024-01-30", "1", "1", "800", NULL, "县妇联", NULL, NULL,
	  "元旦春节帮困送温暖" },
	{ "R-000006", "6", "2024-03-07", "2", "2", "200", "大米、食用油", "城南街道妇联", NULL, NULL,
	  "三八节走访慰问困难妇女" },
	{ "R-000001", "7", "2024-03-20", NULL, "1", "1200", NULL, "县人力社保局", NULL, NULL,
	  "4050人员就业岗位援助补贴" },
	{ "R-000005", "4", "2024-04-26", NULL, NULL, NULL, NULL, NULL, NULL, "003",
	  "协助追回拖欠工资6400元" },
	{ "R-000010", "1", "2024-05-28", NULL, NULL, NULL, NULL, NULL, "011", NULL,
	  "介绍到巾帼家政做钟点工" },
};

int assist_demo(struct jy_db *db, int months_shift, struct jy_err *err)
{
	int rc = JY_OK;
	for (size_t i = 0; !rc && i < ARRAY_LEN(demo_assist); i++) {
		char date[11], pair[24], rcase[24];
		date_add_months(demo_assist[i].date, months_shift, date);
		struct assist *a = assist_new();
		assist_set(a, ASF_IDNO, demo_assist[i].reg_no);
		assist_set(a, ASF_KIND, demo_assist[i].kind);
		assist_set(a, ASF_DATE, date);
		assist_set(a, ASF_OCCASION, demo_assist[i].occasion);
		assist_set(a, ASF_FORM, demo_assist[i].form);
		assist_set(a, ASF_AMOUNT, demo_assist[i].amount);
		assist_set(a, ASF_WHAT, demo_assist[i].what);
		assist_set(a, ASF_FUNDER, demo_assist[i].funder);
		assist_set(a, ASF_NOTE, demo_assist[i].note);
		if (demo_assist[i].pair) {
			/* the pair started in May 2024, the case in April: the same year as the record */
			snprintf(pair, sizeof pair, "P-%.4s-%s", date, demo_assist[i].pair);
			assist_set(a, ASF_PAIR, pair);
		}
		if (demo_assist[i].rcase) {
			snprintf(rcase, sizeof rcase, "V-%.4s-%s", date, demo_assist[i].rcase);
			assist_set(a, ASF_CASE, rcase);
		}
		rc = assist_save(db, a, err);
		assist_free(&a);
	}
	return rc;
}
