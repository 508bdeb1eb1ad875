/* tui/cli/cli_notice.c: how a posting was made known, and a public-welfare post's subsidy paid,
 * from the command line (the report's C8 and E4):
 *
 *   jiuye notice add POSTING --channel 公示|电话通知|入户告知|招聘专栏 [--date DATE] [--note TEXT]
 *   jiuye notice list POSTING
 *   jiuye subsidy set ID SUM           her public-welfare post's subsidy a month, in 元
 *   jiuye subsidy pay ID MONTH [SUM] [--date DATE]
 *   jiuye subsidy list ID
 *   jiuye certificate list ID | cancel|expire|keep ID CERT
 *                                      her certificates; one cancelled (注销), expired (过期) or
 *                                      kept after a review (有效), CERT its number or its type
 *   jiuye category end ID CATEGORY [--date DATE] [--reason TEXT]
 *                                      a category she no longer holds (就业援助 退出), kept
 *                                      with its dates for the reports of the time she held it
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
		return cli_fail(&err);
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
		return cli_fail(&err);
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
		return cli_fail(&err);
	if (set)
		fprintf(stderr, _("jiuye: the post subsidy is %s yuan a month\n"), o->args[3]);
	else if (pay)
		fprintf(stderr, _("jiuye: the subsidy of %s recorded as paid\n"), o->args[3]);
	else if (!n)
		printf("%s\n", _("no month paid yet"));
	return 0;
}

static const char usage_category[] = N_(
	"usage: jiuye category end ID CATEGORY [--date DATE] [--reason TEXT]");

static int category_cmd(const struct cli_opts *o)
{
	if (o->nargs != 4 || strcmp(o->args[1], "end") != 0)
		return cli_usage_error("%s", _(usage_category));
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	int64_t rid = 0;
	struct resident *r = NULL;
	int rc = print_find_resident(db, o->args[2], &rid, &err);
	if (!rc)
		rc = resident_load(db, rid, &r, &err);
	char *code = NULL;      /* the category as her record holds it: its code */
	if (!rc)
		rc = resident_check_field(db, RF_CATEGORIES, o->args[3], &code, &err);
	if (!rc && (!code || strchr(code, ',')))
		rc = err_set(&err, JY_EINVAL, "人员类别", _("give one category: %s"), o->args[3]);
	/* her categories without that one */
	struct jy_buf keep = { 0 };
	int held = 0;
	for (const char *s = rc ? "" : resident_get(r, RF_CATEGORIES); *s;) {
		size_t n = strcspn(s, ",");
		if (n == strlen(code) && strncmp(s, code, n) == 0)
			held = 1;
		else
			buf_addf(&keep, "%s%.*s", keep.len ? "," : "", (int)n, s);
		s += n + (s[n] == ',');
	}
	if (!rc && !held)
		rc = err_set(&err, JY_EINVAL, "人员类别", _("%s is not in the category %s"), o->args[2],
		             o->args[3]);
	if (!rc) {
		resident_set(r, RF_CATEGORIES, keep.s ? keep.s : "");
		xstrset(&r->cat_end_on, o->date);
		xstrset(&r->cat_end_reason, o->reason);
		rc = resident_save(db, r, &err);
	}
	int queued = r && r->queued;
	free(code);
	buf_free(&keep);
	resident_free(&r);
	db_close(&db);
	if (rc)
		return cli_fail(&err);
	if (queued)
		fprintf(stderr, "jiuye: %s\n", err.msg);
	else
		fprintf(stderr, _("jiuye: the category %s of %s ended\n"), o->args[3], o->args[2]);
	return 0;
}

static const char usage_certificate[] = N_(
	"usage: jiuye certificate list ID | certificate cancel|expire|keep ID CERT [--reason TEXT]");

static int cert_line(void *arg, const struct certificate *c)
{
	int *listed = arg;
	printf("%-4s  %-20s  %s  %-10s  %s%s%s\n", c->type, c->number ? c->number : "-",
	       c->issue_date, c->valid_until ? c->valid_until : "-", c->status,
	       c->review_on ? "  " : "", c->review_on ? _("to review") : "");
	++*listed;
	return 0;
}

/* list, or a certificate cancelled, expired or kept (a reviewer's, with --reason for the first
 * two: core refuses it without), the one named by its number or a type she holds valid. */
static int certificate_cmd(const struct cli_opts *o)
{
	const char *verb = o->nargs > 1 ? o->args[1] : "";
	static const struct {
		const char *verb, *status;
	} verbs[] = { { "cancel", "注销" }, { "expire", "过期" }, { "keep", "有效" } };
	const char *status = NULL;
	for (size_t k = 0; k < ARRAY_LEN(verbs); k++)
		if (strcmp(verb, verbs[k].verb) == 0)
			status = verbs[k].status;
	if (!(strcmp(verb, "list") == 0 && o->nargs == 3) && !(status && o->nargs == 4))
		return cli_usage_error("%s", _(usage_certificate));
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	int64_t rid = 0, id = 0;
	int listed = 0;
	int rc = print_find_resident(db, o->args[2], &rid, &err);
	if (!rc && status)
		rc = certificate_find(db, rid, o->args[3], &id, &err);
	else if (!rc)
		rc = certificate_each(db, rid, cert_line, &listed, &err);
	if (!rc && status)
		rc = certificate_set_status(db, id, status, o->reason, &err);
	db_close(&db);
	if (rc)
		return cli_fail(&err);
	if (status)
		fprintf(stderr, _("jiuye: the certificate %s of %s is %s\n"), o->args[3], o->args[2], status);
	else if (!listed)
		printf("%s\n", _("no certificates"));
	return 0;
}

int cli_notice(const struct cli_opts *o)
{
	if (strcmp(o->args[0], "category") == 0)
		return category_cmd(o);
	if (strcmp(o->args[0], "certificate") == 0)
		return certificate_cmd(o);
	return strcmp(o->args[0], "notice") == 0 ? notice_cmd(o) : subsidy_cmd(o);
}
