/* tui/cli/cli_household.c: jiuye household, households (户) from the command line.
 *
 *   jiuye household add HH_NO --community C [--building B] [--entrance E] [--room R] [--address A]
 *   jiuye household list [QUERY]        number, community, where, head, members
 *   jiuye household show HH_NO [--date D]   the members on that day (today) with their status,
 *                                       and 零就业家庭 / 夫妻双失业 as they follow from them
 *   jiuye household link HH_NO ID_NUMBER|REG_NO --relation R [--date D]
 *   jiuye household unlink ID_NUMBER|REG_NO [--date D]
 * The same core calls as the screens, so the same rules. Exit 0 done, 1 refused (one line naming
 * the field), 2 the words are wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "tui.h"

static const char usage_household[] = N_(
	"usage: jiuye household add HH_NO|list [QUERY]|show HH_NO|link HH_NO ID_NUMBER|unlink ID_NUMBER");

static int household_by_no(struct jy_db *db, const char *no, int64_t *id, struct jy_err *err)
{
	int rc = household_find_no(db, no, id, err);
	if (rc == JY_ENOTFOUND)
		return err_set(err, JY_ENOTFOUND, "户号", _("no household is numbered %s"), no);
	return rc;
}

static int add_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	struct household h = { .hh_no = o->args[2], .community = (char *)o->community,
	                       .building = (char *)o->building, .entrance = (char *)o->entrance,
	                       .room = (char *)o->room, .address = (char *)o->address };
	int rc = household_add(db, &h, err);
	if (!rc)
		printf(_("household %s added\n"), o->args[2]);
	return rc;
}

static int list_cmd(struct jy_db *db, const char *query, struct jy_err *err)
{
	struct household_row *rows = NULL;
	int n = 0;
	int rc = household_list(db, query, &rows, &n, err);
	for (int i = 0; !rc && i < n; i++) {
		char *no = text_fit_pad(rows[i].hh_no, 12), *head = text_fit_pad(rows[i].head, 8);
		char *where = text_fit_pad(rows[i].address, 24);
		printf("%s %-8s %s %s %d\n", no, rows[i].community, where, head, rows[i].members);
		free(no);
		free(head);
		free(where);
	}
	free(rows);
	return rc;
}

static int show_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	int64_t id;
	struct household *h = NULL;
	int rc = household_by_no(db, o->args[2], &id, err);
	if (!rc)
		rc = household_load(db, id, &h, err);
	if (rc)
		return rc;
	char day[11];
	if (o->date && *o->date) {
		if ((rc = date_parse(o->date, day, err))) {
			snprintf(err->field, sizeof err->field, "%s", "日期");
			household_free(&h);
			return rc;
		}
	} else {
		date_today(day);
	}
	struct household_member *m = NULL;
	int n = 0, flags = 0;
	if ((rc = household_members(db, id, day, &m, &n, &flags, err))) {
		household_free(&h);
		return rc;
	}
	printf("%s  %s  %s%s%s%s%s%s %s\n", h->hh_no, h->community, h->building,
	       *h->building ? "栋" : "", h->entrance, *h->entrance ? "单元" : "", h->room,
	       *h->room ? "室" : "", h->address);
	printf(_("on %s: 零就业家庭 %s, 夫妻双失业 %s\n"), day, flags & HH_ZERO_EMP ? _("yes") : _("no"),
	       flags & HH_COUPLE_UNEMP ? _("yes") : _("no"));
	for (int i = 0; i < n; i++) {
		char *rel = cli_code_label(db, "hh_relation", m[i].relation);
		char *st = m[i].status[0] ? cli_code_label(db, "emp_status", m[i].status) : xstrdup("-");
		char *name = text_fit_pad(m[i].name, 8), *rp = text_fit_pad(rel, 4);
		printf("%-9s %s %s %3d %s %s\n", m[i].reg_no, name, rp, m[i].age, m[i].since, st);
		free(rel);
		free(st);
		free(name);
		free(rp);
	}
	free(m);
	household_free(&h);
	return JY_OK;
}

static int link_cmd(struct jy_db *db, const struct cli_opts *o, int link, struct jy_err *err)
{
	int64_t hid = 0, rid;
	int rc = link ? household_by_no(db, o->args[2], &hid, err) : JY_OK;
	if (!rc)
		rc = print_find_resident(db, o->args[link ? 3 : 2], &rid, err);
	if (!rc)
		rc = link ? household_link(db, hid, rid, o->relation, o->date, err)
		          : household_unlink(db, rid, o->date, err);
	if (!rc)
		printf(link ? _("%s linked to household %s\n") : _("%s unlinked from her household\n"),
		       o->args[link ? 3 : 2], o->args[2]);
	return rc;
}

int cli_household(const struct cli_opts *o)
{
	const char *what = o->nargs >= 2 ? o->args[1] : "";
	int add = strcmp(what, "add") == 0 && o->nargs == 3;
	int list = strcmp(what, "list") == 0 && o->nargs <= 3;
	int show = strcmp(what, "show") == 0 && o->nargs == 3;
	int link = strcmp(what, "link") == 0 && o->nargs == 4;
	int unlink = strcmp(what, "unlink") == 0 && o->nargs == 3;
	if (!add && !list && !show && !link && !unlink)
		return cli_usage_error("%s", _(usage_household));
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	int rc = add ? add_cmd(db, o, &err)
	       : list ? list_cmd(db, o->nargs == 3 ? o->args[2] : "", &err)
	       : show ? show_cmd(db, o, &err)
	       : link_cmd(db, o, link, &err);
	db_close(&db);
	return rc ? cli_fail(&err) : 0;
}
