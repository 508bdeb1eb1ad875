/* core/casework/event_demo.c: the demo's outreach events, written through event.c's own calls
 * inside core/admin/demo.c's transaction, dated as the demo shifts its dates: the street's
 * rights-awareness day with 1,500 leaflets handed out, a seminar of the unemployed in
 * 幸福里社区 (王秀兰, 赵春梅 and 吴建国 by name, nine more not registered) and a lecture on
 * online shops in 新华社区 that 刘晓燕 attended. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework_int.h"

static const struct demo_event {
	const char *no, *date, *type, *topic, *place, *organisers, *community;
	const char *headcount, *guests, *materials, *copies;
	const char *people[4];          /* registration numbers */
} demo_events[] = {
	{ "H-2024-001", "2024-03-08", "3", "维权宣传日：《妇女权益保障法》进社区", "城南街道人民广场",
	  "城南街道妇联、司法所", "TX0101", "320", NULL, "宣传手册、法律明白纸", "1500", { NULL } },
	{ "H-2024-002", "2024-03-15", "1", "下岗失业人员座谈会：转变择业观念", "幸福里社区居委会会议室",
	  "幸福里社区居委会、社区妇联", "TX0101", NULL, "9", "灵活就业政策明白卡", "12",
	  { "R-000001", "R-000006", "R-000007", NULL } },
	{ "H-2024-003", "2024-04-12", "2", "巾帼网上行：网店开设讲座", "新华社区妇女之家",
	  "新华社区妇联、县职业中专", "TX0201", "26", "20", NULL, NULL, { "R-000004", NULL } },
};

int event_demo(struct jy_db *db, int months_shift, struct jy_err *err)
{
	int rc = JY_OK;
	for (size_t i = 0; !rc && i < ARRAY_LEN(demo_events); i++) {
		const struct demo_event *d = &demo_events[i];
		char date[11], no[24];
		date_add_months(d->date, months_shift, date);
		snprintf(no, sizeof no, "H-%.4s-%s", date, d->no + 7);
		struct event *e = event_new();
		event_set(e, EVF_NO, no);
		event_set(e, EVF_DATE, date);
		event_set(e, EVF_TYPE, d->type);
		event_set(e, EVF_TOPIC, d->topic);
		event_set(e, EVF_PLACE, d->place);
		event_set(e, EVF_ORGANISERS, d->organisers);
		event_set(e, EVF_COMMUNITY, d->community);
		event_set(e, EVF_HEADCOUNT, d->headcount);
		event_set(e, EVF_GUESTS, d->guests);
		event_set(e, EVF_MATERIALS, d->materials);
		event_set(e, EVF_COPIES, d->copies);
		rc = event_save(db, e, err);
		for (size_t k = 0; !rc && k < ARRAY_LEN(d->people) && d->people[k]; k++)
			rc = event_attend(db, e->id, &e->version, d->people[k], err);
		event_free(&e);
	}
	return rc;
}
