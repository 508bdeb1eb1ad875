/* tui/cli/cli_migrant.c: jiuye migrant, the roster of migrant women (流动妇女平安之家) from the
 * command line.
 *
 *   jiuye migrant add --id-number ID|REG_NO --origin O --permit 暂住证|居住证|无
 *               [--permit-date D] [--employer E] [--date D]
 *   jiuye migrant show ID|REG_NO      her membership, her checks and the services she received
 *   jiuye migrant check ID|REG_NO [--outcome 在住|离开|迁出] [--note TEXT] [--date D]
 *   jiuye migrant leave ID|REG_NO --reason R [--date D]
 *   jiuye migrant list [QUERY] | due  registration number, name, origin, employer, permit,
 *                                     joined, last check (本月已复核: this month)
 * The same core calls as the screens, so the same rules. Exit 0 done, 1 refused (one line naming
 * the field), 2 the words are wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "tui.h"

static const char usage_migrant[] = N_(
	"usage: jiuye migrant add|show WHO|check WHO|leave WHO|list [QUERY]|due");

static int add_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	struct migrant *m = migrant_new();
	migrant_set(m, MGF_IDNO, o->idno);
	migrant_set(m, MGF_ORIGIN, o->origin);
	migrant_set(m, MGF_EMPLOYER, o->employer);
	migrant_set(m, MGF_PERMIT, o->permit);
	migrant_set(m, MGF_PERMIT_ON, o->permit_date);
	migrant_set(m, MGF_JOINED, o->date);
	int rc = migrant_save(db, m, err);
	if (!rc)
		printf(_("%s %s joined the roster on %s\n"), m->reg_no, m->name ? m->name : "",
		       migrant_get(m, MGF_JOINED));
	migrant_free(&m);
	return rc;
}

static void show_lines(struct jy_db *db, int64_t id, struct jy_err *err, int *rc)
{
	struct migrant_check_row *c = NULL;
	int n = 0;
	if (!(*rc = migrant_checks(db, id, &c, &n, err)))
		for (int i = 0; i < n; i++) {
			char *what = cli_code_label(db, "migrant_check", c[i].outcome);
			printf("复核  %s  %s  %s%s%s\n", c[i].date, what, c[i].by, c[i].note ? "  " : "",
			       c[i].note ? c[i].note : "");
			free(what);
		}
	migrant_checks_free(&c, n);
	struct migrant_service *s = NULL;
	n = 0;
	if (!*rc && !(*rc = migrant_services(db, id, &s, &n, err)))
		for (int i = 0; i < n; i++)
			printf("%s  %s  %s\n", s[i].kind, s[i].date, s[i].text ? s[i].text : "");
	migrant_services_free(&s, n);
}

static int show_cmd(struct jy_db *db, const char *who, struct jy_err *err)
{
	int64_t id;
	struct migrant *m = NULL;
	int rc = migrant_find(db, who, &id, err);
	if (!rc)
		rc = migrant_load(db, id, &m, err);
	if (rc)
		return rc;
	char *permit = cli_code_label(db, "migrant_permit", migrant_get(m, MGF_PERMIT));
	printf("%s  %s  %s\n", m->reg_no, m->name ? m->name : "", m->left_on[0] ? "离开" : "在册");
	printf("籍贯      %s\n", migrant_get(m, MGF_ORIGIN));
	printf("工作单位  %s\n", migrant_get(m, MGF_EMPLOYER));
	printf("居住证件  %s %s\n", permit, migrant_get(m, MGF_PERMIT_ON));
	printf("入册日期  %s\n", migrant_get(m, MGF_JOINED));
	if (m->left_on[0])
		printf("离开      %s %s\n", m->left_on, m->left_reason ? m->left_reason : "");
	free(permit);
	show_lines(db, id, err, &rc);
	migrant_free(&m);
	return rc;
}

static int write_cmd(struct jy_db *db, const struct cli_opts *o, int leave, struct jy_err *err)
{
	int64_t id;
	int rc = migrant_find(db, o->args[2], &id, err);
	if (rc)
		return rc;
	if (!leave) {
		rc = migrant_check(db, id, o->date, o->outcome, o->note, err);
	} else {
		struct migrant *m = NULL;
		if (!(rc = migrant_load(db, id, &m, err))) {
			int64_t version = m->version;
			rc = migrant_leave(db, id, &version, o->date, o->reason, err);
		}
		migrant_free(&m);
	}
	if (!rc)
		printf(leave ? _("%s: left the roster\n") : _("%s: checked\n"), o->args[2]);
	return rc;
}

static void print_rows(struct jy_db *db, const struct migrant_row *r, int n)
{
	for (int i = 0; i < n; i++) {
		char *permit = cli_code_label(db, "migrant_permit", r[i].permit);
		char *np = text_fit_pad(r[i].name, 8), *op = text_fit_pad(r[i].origin, 12);
		char *ep = text_fit_pad(r[i].employer[0] ? r[i].employer : "-", 20);
		char *pp = text_fit_pad(permit, 6);
		printf("%-10s %s %s %s %s %s %s%s%s\n", r[i].reg_no, np, op, ep, pp, r[i].joined,
		       r[i].last[0] ? r[i].last : "----------", r[i].checked ? " 本月已复核" : "",
		       r[i].left_on[0] ? " 离开" : "");
		free(permit);
		free(np);
		free(op);
		free(ep);
		free(pp);
	}
}

int cli_migrant(const struct cli_opts *o)
{
	const char *what = o->nargs >= 2 ? o->args[1] : "";
	int add = strcmp(what, "add") == 0 && o->nargs == 2;
	int list = strcmp(what, "list") == 0 && o->nargs <= 3;
	int show = strcmp(what, "show") == 0 && o->nargs == 3;
	int check = strcmp(what, "check") == 0 && o->nargs == 3;
	int leave = strcmp(what, "leave") == 0 && o->nargs == 3;
	int due = strcmp(what, "due") == 0 && o->nargs == 2;
	if (!add && !list && !show && !check && !leave && !due)
		return cli_usage_error("%s", _(usage_migrant));
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	int rc = JY_OK;
	if (add)
		rc = add_cmd(db, o, &err);
	else if (show)
		rc = show_cmd(db, o->args[2], &err);
	else if (check || leave)
		rc = write_cmd(db, o, leave, &err);
	else {
		struct migrant_row *rows = NULL;
		int n = 0;
		rc = due ? migrant_due(db, NULL, -1, &rows, &n, &err)
		         : migrant_search(db, o->nargs == 3 ? o->args[2] : "", NULL, &rows, &n, &err);
		if (!rc)
			print_rows(db, rows, n);
		free(rows);
	}
	db_close(&db);
	return rc ? cli_fail(&err) : 0;
}
