/* tui/cli/cli_pair.c: jiuye pair and jiuye helper, mentoring pairs (结对帮扶) from the command line.
 *
 *   jiuye helper add --name N --type T [--phone P] [--org O] [--id-number ID] [--community C]
 *   jiuye helper list [QUERY]        number, name, type, phone (masked), unit, pairs running
 *   jiuye pair add --type T --helper H --id-number ID|REG_NO [--household H] [--date D] [--goal G]
 *   jiuye pair show PAIR_NO          the pair, its state today and its log
 *   jiuye pair contact PAIR_NO --kind K --note TEXT [--date D]
 *   jiuye pair gift PAIR_NO --kind 现金|物资 --amount YUAN [--note WHAT] [--date D]
 *   jiuye pair end PAIR_NO --reason R [--date D]
 *   jiuye pair list [QUERY] | due    number, start, type, state, helper, the woman, last contact
 * The same core calls as the screens, so the same rules. Exit 0 done, 1 refused (one line naming
 * the field), 2 the words are wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "tui.h"

static const char usage_pair[] = N_(
	"usage: jiuye pair add|show PAIR_NO|contact PAIR_NO|gift PAIR_NO|end PAIR_NO|list [QUERY]|due");
static const char usage_helper[] = N_("usage: jiuye helper add|list [QUERY]");

static int pair_by_no(struct jy_db *db, const char *no, int64_t *id, struct jy_err *err)
{
	int rc = pair_find_no(db, no, id, err);
	if (rc == JY_ENOTFOUND)
		return err_set(err, JY_ENOTFOUND, "结对编号", _("no pair is numbered %s"), no);
	return rc;
}

static int helper_add_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	struct helper *h = helper_new();
	helper_set(h, HF_NAME, o->name);
	helper_set(h, HF_TYPE, o->type);
	helper_set(h, HF_PHONE, o->phone);
	helper_set(h, HF_ORG, o->org);
	helper_set(h, HF_IDNO, o->idno);
	helper_set(h, HF_COMMUNITY, o->community);
	int rc = helper_save(db, h, err);
	if (!rc)
		printf(_("helper #%lld %s added\n"), (long long)h->id, helper_get(h, HF_NAME));
	helper_free(&h);
	return rc;
}

static int helper_list_cmd(struct jy_db *db, const char *query, struct jy_err *err)
{
	struct helper_row *rows = NULL;
	int n = 0;
	int rc = helper_search(db, query, &rows, &n, err);
	for (int i = 0; !rc && i < n; i++) {
		char *type = cli_code_label(db, "helper_type", rows[i].type);
		char *name = text_fit_pad(rows[i].name, 8), *tp = text_fit_pad(type, 16);
		printf("#%-4lld %s %s %-11s %s (%d)\n", (long long)rows[i].id, name, tp, rows[i].phone,
		       rows[i].org, rows[i].pairs);
		free(type);
		free(name);
		free(tp);
	}
	free(rows);
	return rc;
}

static int pair_add_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	struct mpair *p = pair_new();
	pair_set(p, PRF_TYPE, o->type);
	pair_set(p, PRF_HELPER, o->helper);
	pair_set(p, PRF_IDNO, o->idno);
	pair_set(p, PRF_HOUSEHOLD, o->household);
	pair_set(p, PRF_START, o->date);
	pair_set(p, PRF_GOAL, o->goal);
	int rc = pair_save(db, p, err);
	if (!rc)
		printf(_("pair %s added: %s from %s\n"), pair_get(p, PRF_NO), p->name ? p->name : "",
		       pair_get(p, PRF_START));
	pair_free(&p);
	return rc;
}

static int pair_show_cmd(struct jy_db *db, const char *no, struct jy_err *err)
{
	int64_t id;
	struct mpair *p = NULL;
	int rc = pair_by_no(db, no, &id, err);
	if (!rc)
		rc = pair_load(db, id, &p, err);
	if (rc)
		return rc;
	struct helper *h = NULL;
	if ((rc = helper_load(db, p->helper_id, &h, err))) {
		pair_free(&p);
		return rc;
	}
	char today[11];
	date_today(today);
	char *type = cli_code_label(db, "pair_type", pair_get(p, PRF_TYPE));
	char *htype = cli_code_label(db, "helper_type", helper_get(h, HF_TYPE));
	printf("%s  %s  %s\n", pair_get(p, PRF_NO), type,
	       pair_state_label(pair_state_on(pair_get(p, PRF_START), p->ended_on, today)));
	printf("帮扶人    %s（%s）%s\n", helper_get(h, HF_NAME), htype, helper_get(h, HF_ORG));
	printf("帮扶对象  %s %s %s\n", p->reg_no, p->name ? p->name : "", pair_get(p, PRF_HOUSEHOLD));
	printf("结对日期  %s\n", pair_get(p, PRF_START));
	printf("帮扶目标  %s\n", pair_get(p, PRF_GOAL));
	if (p->ended_on[0])
		printf("结束      %s %s\n", p->ended_on, p->end_reason ? p->end_reason : "");
	free(type);
	free(htype);
	struct pair_log_row *log = NULL;
	int n = 0;
	if (!(rc = pair_log(db, id, &log, &n, err))) {
		for (int i = 0; i < n; i++) {
			char *kind = cli_code_label(db, log[i].gift ? "pair_gift" : "pair_contact", log[i].kind);
			if (log[i].gift) {
				char yuan[32];
				money_yuan(log[i].amount_fen, yuan);
				printf("%s  %s %s元  %s (%s)\n", log[i].date, kind, yuan, log[i].text ? log[i].text : "",
				       log[i].by);
			} else {
				printf("%s  %s  %s (%s)\n", log[i].date, kind, log[i].text ? log[i].text : "", log[i].by);
			}
			free(kind);
		}
	}
	pair_log_free(&log, n);
	helper_free(&h);
	pair_free(&p);
	return rc;
}

static int pair_log_cmd(struct jy_db *db, const struct cli_opts *o, int what, struct jy_err *err)
{
	int64_t id;
	int rc = pair_by_no(db, o->args[2], &id, err);
	if (rc)
		return rc;
	if (what == 0)
		rc = pair_contact_add(db, id, o->date, o->kind, o->note, err);
	else if (what == 1)
		rc = pair_gift_add(db, id, o->date, o->kind, o->amount, o->note, err);
	else {
		struct mpair *p = NULL;
		if (!(rc = pair_load(db, id, &p, err))) {
			int64_t version = p->version;
			rc = pair_end(db, id, &version, o->date, o->reason, err);
		}
		pair_free(&p);
	}
	if (!rc)
		printf(what == 0 ? _("%s: contact recorded\n") : what == 1 ? _("%s: money or goods recorded\n")
		                                                            : _("%s: ended\n"), o->args[2]);
	return rc;
}

static void print_rows(struct jy_db *db, const struct pair_row *r, int n)
{
	for (int i = 0; i < n; i++) {
		char *type = cli_code_label(db, "pair_type", r[i].type);
		char *tp = text_fit_pad(type, 14), *hp = text_fit_pad(r[i].helper, 8);
		char *np = text_fit_pad(r[i].name, 8);
		char yuan[32];
		money_yuan(r[i].given_fen, yuan);
		printf("%-11s %s %s %s %s %s %s %s元\n", r[i].pair_no, r[i].start, tp,
		       pair_state_label(r[i].state), hp, np, r[i].last[0] ? r[i].last : "----------", yuan);
		free(type);
		free(tp);
		free(hp);
		free(np);
	}
}

int cli_pair(const struct cli_opts *o)
{
	const char *cmd = o->nargs >= 1 ? o->args[0] : "";
	const char *what = o->nargs >= 2 ? o->args[1] : "";
	int helper = strcmp(cmd, "helper") == 0;
	int add = strcmp(what, "add") == 0 && o->nargs == 2;
	int list = strcmp(what, "list") == 0 && o->nargs <= 3;
	int show = !helper && strcmp(what, "show") == 0 && o->nargs == 3;
	int contact = !helper && strcmp(what, "contact") == 0 && o->nargs == 3;
	int gift = !helper && strcmp(what, "gift") == 0 && o->nargs == 3;
	int end = !helper && strcmp(what, "end") == 0 && o->nargs == 3;
	int due = !helper && strcmp(what, "due") == 0 && o->nargs == 2;
	if (!add && !list && !show && !contact && !gift && !end && !due)
		return cli_usage_error("%s", helper ? _(usage_helper) : _(usage_pair));
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	int rc = JY_OK;
	const char *query = o->nargs == 3 ? o->args[2] : "";
	if (helper)
		rc = add ? helper_add_cmd(db, o, &err) : helper_list_cmd(db, query, &err);
	else if (add)
		rc = pair_add_cmd(db, o, &err);
	else if (show)
		rc = pair_show_cmd(db, o->args[2], &err);
	else if (contact || gift || end)
		rc = pair_log_cmd(db, o, contact ? 0 : gift ? 1 : 2, &err);
	else {
		struct pair_row *rows = NULL;
		int n = 0;
		rc = due ? pair_due(db, NULL, 0, &rows, &n, &err) : pair_search(db, query, NULL, &rows, &n, &err);
		if (!rc)
			print_rows(db, rows, n);
		free(rows);
	}
	db_close(&db);
	return rc ? cli_fail(&err) : 0;
}
