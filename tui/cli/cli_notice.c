/* tui/cli/cli_notice.c: how a posting was made known, and a public-welfare post's subsidy paid,
 * from the command line (the report's C8 and E4):
 *
 *   jiuye notice add POSTING --channel 公示|电话通知|入户告知|招聘专栏 [--date DATE] [--note TEXT]
 *   jiuye notice list POSTING
 *   jiuye subsidy set ID SUM           her public-welfare post's subsidy a month, in 元
 *   jiuye subsidy pay ID MONTH [SUM] [--date DATE]
 *   jiuye subsidy list ID
 *
 * POSTING is the posting's code (G-001); ID her ID number or registration number, whose active
 * placement is meant; SUM in 元 (1800, 1,800.50, 0.18万); MONTH the month paid for (2026-05). Exit
 * 0 done, 1 refused (with the field and why), 2 the words are wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "tui.h"

static const char usage_notice[] = N_(
	"usage: jiuye notice add POSTING --channel CHANNEL [--date DATE] [--note TEXT] | "
	"notice list POSTING");
static const char usage_subsidy[] = N_(
	"usage: jiuye subsidy set ID SUM | subsidy pay ID MONTH [SUM] [--date DATE] | subsidy list ID");

static int fail(const struct jy_err *err)
{
	if (err->field[0])
		fprintf(stderr, "jiuye: %s: %s\n", err->field, err->msg);
	else
		fprintf(stderr, "jiuye: %s\n", err->msg);
	return EXIT_USER;
}

static int print_notice(void *arg, const struct notice_row *n)
{
	int *count = arg;
	char *ch = text_fit_pad(n->channel_label, 10);
	printf("%s  %s  %s\n", n->date, ch, n->note);
	free(ch);
	(*count)++;
	return 0;
}

static int notice_cmd(const struct cli_opts *o)
{
	const char *verb = o->nargs > 1 ? o->args[1] : "";
	int add = strcmp(verb, "add") == 0, list = strcmp(verb, "list") == 0;
	if (!(add || list) || o->nargs != 3)
		return cli_usage_error("%s", _(usage_notice));
	if (add && !o->channel)
		return cli_usage_error("%s", _("notice add needs --channel: 公示, 电话通知, 入户告知 or 招聘专栏"));
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	int64_t pid = 0;
	int rc = jobrec_find_code(db, JR_POSTING, o->args[2], &pid, &err);
	if (rc == JY_ENOTFOUND)
		err_set(&err, rc, "岗位", _("no posting has the code %s"), o->args[2]);
	int n = 0;
	if (!rc && add)
		rc = posting_notice_add(db, pid, o->channel, o->date, o->note, NULL, &err);
	else if (!rc)
		rc = posting_notice_each(db, pid, print_notice, &n, &err);
	db_close(&db);
	if (rc)
		return fail(&err);
	if (add)
		fprintf(stderr, _("jiuye: notice of %s recorded\n"), o->args[2]);
	else if (!n)
		printf(_("no notices of %s\n"), o->args[2]);
	return 0;
}

static int print_paid(void *arg, const struct subsidy_row *r)
{
	int *count = arg;
	char y[32];
	money_yuan(r->fen, y);
	printf("%s  %12s  %s\n", r->month, y, r->paid_on);
	(*count)++;
	return 0;
}

static int subsidy_cmd(const struct cli_opts *o)
{
	const char *verb = o->nargs > 1 ? o->args[1] : "";
	int set = strcmp(verb, "set") == 0, pay = strcmp(verb, "pay") == 0;
	int list = strcmp(verb, "list") == 0;
	if (!(set && o->nargs == 4) && !(pay && (o->nargs == 4 || o->nargs == 5)) &&
	    !(list && o->nargs == 3))
		return cli_usage_error("%s", _(usage_subsidy));
	struct jy_err err = { 0 };
	int64_t fen = 0;
	const char *sum = set ? o->args[3] : pay && o->nargs == 5 ? o->args[4] : NULL;
	if (sum && money_parse(sum, &fen, "岗位补贴", &err))
		return fail(&err);
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	int64_t rid = 0, pl = 0;
	int rc = print_find_resident(db, o->args[2], &rid, &err);
	if (!rc && (rc = placement_active(db, rid, &pl, &err)) == JY_ENOTFOUND)
		err_set(&err, rc, NULL, _("%s holds no placement now"), o->args[2]);
	int n = 0;
	if (!rc && set)
		rc = placement_subsidy_set(db, pl, fen, &err);
	else if (!rc && pay)
		rc = placement_subsidy_pay(db, pl, o->args[3], o->date, fen, &err);
	else if (!rc)
		rc = placement_subsidy_each(db, pl, print_paid, &n, &err);
	db_close(&db);
	if (rc)
		return fail(&err);
	if (set)
		fprintf(stderr, _("jiuye: the post subsidy is %s yuan a month\n"), o->args[3]);
	else if (pay)
		fprintf(stderr, _("jiuye: the subsidy of %s recorded as paid\n"), o->args[3]);
	else if (!n)
		printf("%s\n", _("no month paid yet"));
	return 0;
}

int cli_notice(const struct cli_opts *o)
{
	return strcmp(o->args[0], "notice") == 0 ? notice_cmd(o) : subsidy_cmd(o);
}
