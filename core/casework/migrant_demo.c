/* core/casework/migrant_demo.c: the demo's roster of migrant women, written through migrant.c's
 * own calls inside core/admin/demo.c's transaction, dated as the demo shifts its dates. 陈美玲 came
 * from 贵州毕节 (the demo's note on her says so) and does 来料加工 work at home; she joined the
 * roster in April with her 居住证 and was checked in May and June: not yet this month, so she is
 * on the due list of the month's checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework_int.h"

static const struct {
	const char *reg_no, *origin, *employer, *permit, *issued, *joined;
	const char *checks[3];
} demo_members[] = {
	{ "R-000005", "贵州毕节", "溪口镇来料加工点", "2", "2024-03-20", "2024-04-02",
	  { "2024-05-08", "2024-06-09" } },
};

int migrant_demo(struct jy_db *db, int months_shift, struct jy_err *err)
{
	int rc = JY_OK;
	for (size_t i = 0; !rc && i < ARRAY_LEN(demo_members); i++) {
		char issued[11], joined[11];
		date_add_months(demo_members[i].issued, months_shift, issued);
		date_add_months(demo_members[i].joined, months_shift, joined);
		struct migrant *m = migrant_new();
		migrant_set(m, MGF_IDNO, demo_members[i].reg_no);
		migrant_set(m, MGF_ORIGIN, demo_members[i].origin);
		migrant_set(m, MGF_EMPLOYER, demo_members[i].employer);
		migrant_set(m, MGF_PERMIT, demo_members[i].permit);
		migrant_set(m, MGF_PERMIT_ON, issued);
		migrant_set(m, MGF_JOINED, joined);
		rc = migrant_save(db, m, err);
		for (size_t k = 0; !rc && k < ARRAY_LEN(demo_members[i].checks) && demo_members[i].checks[k];
		     k++) {
			char day[11];
			date_add_months(demo_members[i].checks[k], months_shift, day);
			rc = migrant_check(db, m->id, day, "1", NULL, err);
		}
		migrant_free(&m);
	}
	return rc;
}
