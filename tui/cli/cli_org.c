/* tui/cli/cli_org.c: jiuye org, the federation's organisation register from the command line.
 *
 *   jiuye org add --name N --type T --unit U [--date FOUNDED]
 *   jiuye org list [QUERY]           number, type, unit, name, members serving, nearest term end
 *   jiuye org show ORG               the organisation and its members (phones masked)
 *   jiuye org member ORG --name N --post P [--phone P] --date ELECTED --term-ends D
 *   jiuye org end ORG --reason R [--date D]      撤销
 *   jiuye org due [--days N]         the members whose term ends within org.term_days (换届)
 * ORG is an organisation's name or #number. The same core calls as the screens, so the same
 * rules. Exit 0 done, 1 refused (one line naming the field), 2 the words are wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "tui.h"

static const char usage_org[] = N_(
	"usage: jiuye org add|list [QUERY]|show ORG|member ORG|end ORG|due [--days N]");

static int org_add_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	char today[11];
	date_today(today);
	struct women_org *g = org_new();
	org_set(g, ORGF_NAME, o->name);
	org_set(g, ORGF_TYPE, o->type);
	org_set(g, ORGF_UNIT, o->unit);
	org_set(g, ORGF_FOUNDED, o->date ? o->date : today);
	int rc = org_save(db, g, err);
	if (!rc)
		printf(_("organisation #%lld %s added\n"), (long long)g->id, org_get(g, ORGF_NAME));
	org_free(&g);
	return rc;
}

static int org_list_cmd(struct jy_db *db, const char *query, struct jy_err *err)
{
	struct org_row *rows = NULL;
	int n = 0;
	int rc = org_search(db, query, &rows, &n, err);
	for (int i = 0; !rc && i < n; i++) {
		char *type = cli_code_label(db, "org_type", rows[i].type);
		char *tp = text_fit_pad(type, 8), *up = text_fit_pad(rows[i].unit, 12);
		printf("#%-4lld %s %s %s (%d) %s%s%s\n", (long long)rows[i].id, tp, up, rows[i].name,
		       rows[i].members, rows[i].term_ends,
		       rows[i].ended_on[0] ? _(" dissolved ") : "", rows[i].ended_on);
		free(type);
		free(tp);
		free(up);
	}
	free(rows);
	return rc;
}

static void print_members(struct jy_db *db, const struct member_row *r, int n, int due)
{
	for (int i = 0; i < n; i++) {
		char *post = cli_code_label(db, "org_post", r[i].post);
		char *pp = text_fit_pad(post, 6), *np = text_fit_pad(r[i].name, 8);
		if (due)
			printf(_("%s (%d days) %s %s %s %s\n"), r[i].term_ends, r[i].days_left, r[i].org,
			       np, pp, r[i].phone);
		else
			printf("%s %s %-11s %s - %s\n", np, pp, r[i].phone, r[i].elected, r[i].term_ends);
		free(post);
		free(pp);
		free(np);
	}
}

static int org_show_cmd(struct jy_db *db, int64_t id, struct jy_err *err)
{
	struct women_org *g = NULL;
	int rc = org_load(db, id, &g, err);
	if (rc)
		return rc;
	struct unit_row u;
	if ((rc = unit_get(db, org_get(g, ORGF_UNIT), &u, err))) {
		org_free(&g);
		return rc;
	}
	char *type = cli_code_label(db, "org_type", org_get(g, ORGF_TYPE));
	printf("#%lld  %s  %s\n", (long long)g->id, org_get(g, ORGF_NAME), type);
	printf("所在单位  %s\n", u.name);
	printf("成立日期  %s\n", org_get(g, ORGF_FOUNDED));
	if (g->ended_on[0])
		printf("撤销日期  %s\n", g->ended_on);
	free(type);
	struct member_row *rows = NULL;
	int n = 0;
	if (!(rc = org_members(db, id, &rows, &n, err)))
		print_members(db, rows, n, 0);
	free(rows);
	org_free(&g);
	return rc;
}

static int org_member_cmd(struct jy_db *db, int64_t id, const struct cli_opts *o, struct jy_err *err)
{
	char *v[MF__COUNT] = { 0 };
	field_value_set(&v[MF_NAME], o->name);
	field_value_set(&v[MF_POST], o->post);
	field_value_set(&v[MF_PHONE], o->phone);
	field_value_set(&v[MF_ELECTED], o->date);
	field_value_set(&v[MF_TERM], o->term_ends);
	int64_t member = 0;
	int rc = org_member_add(db, id, v, &member, err);
	if (!rc)
		printf(_("%s: member #%lld %s added\n"), o->args[2], (long long)member, v[MF_NAME]);
	field_values_free(v, MF__COUNT);
	return rc;
}

static int org_due_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	int days = 0;
	if (o->days) {
		char *end = NULL;
		long d = strtol(o->days, &end, 10);
		if (!*o->days || *end || d < 1 || d > 366)
			return err_set(err, JY_EINVAL, "--days", _("a number of days from 1 to 366: %s"), o->days);
		days = (int)d;
	}
	struct member_row *rows = NULL;
	int n = 0;
	int rc = org_terms_due(db, NULL, days, &rows, &n, err);
	if (!rc)
		print_members(db, rows, n, 1);
	free(rows);
	return rc;
}

/* The command of what, on an organisation the words name when it needs one. */
static int org_run(struct jy_db *db, const char *what, const struct cli_opts *o, struct jy_err *err)
{
	if (strcmp(what, "add") == 0)
		return org_add_cmd(db, o, err);
	if (strcmp(what, "list") == 0)
		return org_list_cmd(db, o->nargs == 3 ? o->args[2] : "", err);
	if (strcmp(what, "due") == 0)
		return org_due_cmd(db, o, err);
	int64_t id = 0;
	int rc = org_find(db, o->args[2], &id, err);
	if (rc)
		return rc;
	if (strcmp(what, "show") == 0)
		return org_show_cmd(db, id, err);
	if (strcmp(what, "member") == 0)
		return org_member_cmd(db, id, o, err);
	if (!(rc = org_end(db, id, o->date, o->reason, err)))
		printf(_("%s: dissolved\n"), o->args[2]);
	return rc;
}

int cli_org(const struct cli_opts *o)
{
	const char *what = o->nargs >= 2 ? o->args[1] : "";
	int on_one = strcmp(what, "show") == 0 || strcmp(what, "member") == 0 || strcmp(what, "end") == 0;
	int ok = ((strcmp(what, "add") == 0 || strcmp(what, "due") == 0) && o->nargs == 2) ||
	         (strcmp(what, "list") == 0 && o->nargs <= 3) || (on_one && o->nargs == 3);
	if (!ok)
		return cli_usage_error("%s", _(usage_org));
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	int rc = org_run(db, what, o, &err);
	db_close(&db);
	return rc ? cli_fail(&err) : 0;
}
