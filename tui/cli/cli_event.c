/* tui/cli/cli_event.c: jiuye event, outreach events (座谈会, 讲座, 维权宣传 …) from the command line.
 *
 *   jiuye event add --type T --topic TEXT [--date D] [--place P] [--org ORGANISERS]
 *                   [--community C] [--participants N] [--guests N] [--materials M] [--copies N]
 *   jiuye event show EVENT_NO        the event and the residents named on it (sex, masked ID)
 *   jiuye event attend|unattend EVENT_NO --id-number ID|REG_NO
 *   jiuye event list [QUERY]         number, date, type, who came (of them women), copies, topic
 * The same core calls as the screens, so the same rules. Exit 0 done, 1 refused (one line naming
 * the field), 2 the words are wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "tui.h"

static const char usage_event[] = N_(
	"usage: jiuye event add|show EVENT_NO|attend EVENT_NO|unattend EVENT_NO|list [QUERY]");

/* A code's label in list; the code itself when it cannot be read. Caller frees. */
static char *type_label(struct jy_db *db, const char *code)
{
	char *out = NULL;
	if (field_show(db, &event_fields[EVF_TYPE], code, &out, NULL) != JY_OK || !out) {
		free(out);
		out = xstrdup(code ? code : "");
	}
	return out;
}

static int event_by_no(struct jy_db *db, const char *no, int64_t *id, struct jy_err *err)
{
	int rc = event_find_no(db, no, id, err);
	if (rc == JY_ENOTFOUND)
		return err_set(err, JY_ENOTFOUND, "活动编号", _("no event is numbered %s"), no);
	return rc;
}

static int event_add_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	struct event *e = event_new();
	event_set(e, EVF_DATE, o->date);
	event_set(e, EVF_TYPE, o->type);
	event_set(e, EVF_TOPIC, o->topic);
	event_set(e, EVF_PLACE, o->place);
	event_set(e, EVF_ORGANISERS, o->org);
	event_set(e, EVF_COMMUNITY, o->community);
	event_set(e, EVF_HEADCOUNT, o->participants);
	event_set(e, EVF_GUESTS, o->guests);
	event_set(e, EVF_MATERIALS, o->materials);
	event_set(e, EVF_COPIES, o->copies);
	int rc = event_save(db, e, err);
	if (!rc)
		printf(_("event %s added: %s\n"), event_get(e, EVF_NO), event_get(e, EVF_DATE));
	event_free(&e);
	return rc;
}

static int event_show_cmd(struct jy_db *db, const char *no, struct jy_err *err)
{
	int64_t id;
	struct event *e = NULL;
	int rc = event_by_no(db, no, &id, err);
	if (!rc)
		rc = event_load(db, id, &e, err);
	if (rc)
		return rc;
	char *type = type_label(db, event_get(e, EVF_TYPE));
	struct unit_row u = { 0 };
	const char *community = event_get(e, EVF_COMMUNITY);
	if (*community && unit_get(db, community, &u, NULL) == JY_OK)
		community = u.name;
	printf("%s  %s  %s\n", event_get(e, EVF_NO), event_get(e, EVF_DATE), type);
	printf("活动主题  %s\n", event_get(e, EVF_TOPIC));
	printf("活动地点  %s\n", event_get(e, EVF_PLACE));
	printf("主办单位  %s\n", event_get(e, EVF_ORGANISERS));
	printf("社区      %s\n", community);
	printf("参加人数  %d（登记人员 %d，未登记 %s）\n", event_participants(e), e->attendees,
	       *event_get(e, EVF_GUESTS) ? event_get(e, EVF_GUESTS) : "0");
	if (*event_get(e, EVF_MATERIALS))
		printf("发放资料  %s %s份\n", event_get(e, EVF_MATERIALS),
		       *event_get(e, EVF_COPIES) ? event_get(e, EVF_COPIES) : "0");
	free(type);
	struct event_person *p = NULL;
	int n = 0;
	if (!(rc = event_people(db, id, &p, &n, err)))
		for (int i = 0; i < n; i++) {
			char *name = text_fit_pad(p[i].name, 8);
			printf("  %s %s %s %s\n", p[i].reg_no, name, p[i].sex, p[i].id_no);
			free(name);
		}
	free(p);
	event_free(&e);
	return rc;
}

/* attend (1) or unattend (0) the resident --id-number names. */
static int event_attend_cmd(struct jy_db *db, const struct cli_opts *o, int add, struct jy_err *err)
{
	int64_t id;
	struct event *e = NULL;
	int rc = event_by_no(db, o->args[2], &id, err);
	if (!rc)
		rc = event_load(db, id, &e, err);
	if (rc)
		return rc;
	int64_t version = e->version;
	if (add) {
		rc = event_attend(db, id, &version, o->idno, err);
	} else {
		struct event_person *p = NULL;
		int n = 0, k = -1;
		if (!(rc = event_people(db, id, &p, &n, err))) {
			char *q = text_clean(o->idno ? o->idno : "");
			int64_t rid = 0;
			if (strncmp(q, "R-", 2) == 0 || strncmp(q, "r-", 2) == 0) {
				for (int i = 0; i < n; i++)
					if (strcasecmp(p[i].reg_no, q) == 0)
						k = i;
				rid = k >= 0 ? p[k].resident_id : 0;
			} else if (resident_find_idno_in_scope(db, q, OP_VIEW, &rid, NULL) != JY_OK) {
				rid = 0;
			}
			rc = rid ? event_unattend(db, id, &version, rid, err)
			         : err_set(err, JY_EINVAL, "参加人员", _("\"%s\" is not named on %s"), q, o->args[2]);
			free(q);
		}
		free(p);
	}
	if (!rc)
		printf(add ? _("%s: %s named as having come\n") : _("%s: %s taken off\n"), o->args[2], o->idno);
	event_free(&e);
	return rc;
}

static int event_list_cmd(struct jy_db *db, const char *query, struct jy_err *err)
{
	struct event_row *r = NULL;
	int n = 0;
	int rc = event_search(db, query, &r, &n, err);
	for (int i = 0; !rc && i < n; i++) {
		char *type = type_label(db, r[i].type);
		char *tp = text_fit_pad(type, 10);
		printf("%-11s %s %s %5d (%d) %6d %s\n", r[i].event_no, r[i].date, tp, r[i].participants,
		       r[i].women, r[i].copies, r[i].topic);
		free(type);
		free(tp);
	}
	free(r);
	return rc;
}

int cli_event(const struct cli_opts *o)
{
	const char *what = o->nargs >= 2 ? o->args[1] : "";
	int add = strcmp(what, "add") == 0 && o->nargs == 2;
	int list = strcmp(what, "list") == 0 && o->nargs <= 3;
	int show = strcmp(what, "show") == 0 && o->nargs == 3;
	int attend = strcmp(what, "attend") == 0 && o->nargs == 3;
	int unattend = strcmp(what, "unattend") == 0 && o->nargs == 3;
	if (!add && !list && !show && !attend && !unattend)
		return cli_usage_error("%s", _(usage_event));
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	int rc;
	if (add)
		rc = event_add_cmd(db, o, &err);
	else if (show)
		rc = event_show_cmd(db, o->args[2], &err);
	else if (attend || unattend)
		rc = event_attend_cmd(db, o, attend, &err);
	else
		rc = event_list_cmd(db, o->nargs == 3 ? o->args[2] : "", &err);
	db_close(&db);
	return rc ? cli_fail(&err) : 0;
}
