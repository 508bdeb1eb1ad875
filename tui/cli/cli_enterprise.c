/* tui/cli/cli_enterprise.c: jiuye project ..., jiuye loan ... and jiuye fee ..., start-up projects,
 * small loans and the 来料加工 fee ledger from the command line, on the same core calls the screens make (core/enterprise/), so roles,
 * communities, masking and the audit trail are the same. Fields are given as 列名=值 with the
 * files' column names (Chinese, or the English aliases): 身份证号=… 申请金额=3万 贷款品种=小额担保贷款. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core.h"
#include "tui.h"

static const char usage_project[] = N_(
	"usage: jiuye project add 身份证号=ID 创业构想=TEXT [列名=值 ...]\n"
	"       jiuye project edit CODE 列名=值 ...\n"
	"       jiuye project step CODE 立项|孵化|获得创业资金|开业|运营|停业 [DATE] [列名=值 ...]\n"
	"       jiuye project show CODE | list [QUERY]");
static const char usage_loan[] = N_(
	"usage: jiuye loan add 身份证号=ID 贷款品种=SCHEME 申请金额=SUM [列名=值 ...]\n"
	"       jiuye loan edit CODE 列名=值 ...\n"
	"       jiuye loan step CODE [STEP] [DATE] [备注=TEXT]\n"
	"       jiuye loan reject|withdraw CODE REASON [DATE]\n"
	"       jiuye loan disburse CODE 放款银行=BANK 放款金额=SUM 期限=MONTHS 年利率=RATE [放款日期=DATE]\n"
	"       jiuye loan repay|subsidy CODE SUM [DATE]\n"
	"       jiuye loan show CODE | list [QUERY] | due [DAYS]");
static const char usage_fee[] = N_(
	"usage: jiuye fee list [MONTH] [--outlet CODE]\n"
	"       jiuye fee delete NUMBER REASON   (a reviewer or an administrator; NUMBER from the list)");

/* "列名=值" split: *name and *value point into a copy the caller frees (returned). NULL when the
 * word has no '='. */
static char *kv_split(const char *word, char **name, char **value)
{
	const char *eq = strchr(word, '=');
	if (!eq || eq == word)
		return NULL;
	char *c = xstrdup(word);
	c[eq - word] = '\0';
	*name = c;
	*value = c + (eq - word) + 1;
	return c;
}

static int field_by_name(const struct field_def *defs, int n, const char *name)
{
	for (int f = 0; f < n; f++)
		if (strcmp(defs[f].label, name) == 0 || strcasecmp(defs[f].alias, name) == 0 ||
		    strcasecmp(defs[f].col, name) == 0)
			return f;
	return -1;
}

/* Set the typed fields (those before first_ro) named by args[from..). EXIT_USAGE on a word that
 * is not 列名=值 or names no such field (said on stderr). */
static int set_fields(const struct cli_opts *o, int from, const struct field_def *defs, int n,
                      int first_ro, void (*set)(void *rec, int f, const char *v), void *rec)
{
	for (int i = from; i < o->nargs; i++) {
		char *name, *value;
		char *c = kv_split(o->args[i], &name, &value);
		int f = c ? field_by_name(defs, n, name) : -1;
		if (f < 0 || f >= first_ro) {
			struct jy_buf b = { 0 };
			for (int g = 0; g < first_ro; g++)
				if (!(defs[g].flags & FF_RO))
					buf_addf(&b, "%s%s", b.len ? ", " : "", defs[g].label);
			fprintf(stderr, _("jiuye: %s: give fields as 列名=值, one of: %s\n"), o->args[i],
			        b.s);
			buf_free(&b);
			free(c);
			return EXIT_USAGE;
		}
		set(rec, f, value);
		free(c);
	}
	return 0;
}

static void set_project(void *rec, int f, const char *v)
{
	project_set(rec, f, v);
}

static void set_loan(void *rec, int f, const char *v)
{
	loan_set(rec, f, v);
}

/* A money line: "30000.00元 (3万元)". */
static void print_money(const char *label, int64_t fen)
{
	char y[32], w[32];
	money_yuan(fen, y);
	money_wan(fen, w);
	printf("%s: %s元 (%s万元)\n", label, y, w);
}

static void print_field(const char *label, const char *v)
{
	if (v && *v)
		printf("%s: %s\n", label, v);
}

/* ---- projects ---------------------------------------------------------------------------------- */

static int project_by_code(struct jy_db *db, const char *code, struct project **p,
                           struct jy_err *err)
{
	int64_t id;
	int rc = project_find_code(db, code, &id, err);
	if (rc == JY_ENOTFOUND)
		return err_set(err, JY_ENOTFOUND, "项目编号", _("no project has the code %s"), code);
	return rc ? rc : project_load(db, id, p, err);
}

static void project_print(struct jy_db *db, const struct project *p)
{
	char masked[32];
	mask_idno(project_get(p, PF_IDNO), masked, sizeof masked);
	for (int f = 0; f < PF__COUNT; f++) {
		if (f == PF_FUNDAMT) {
			if (p->fund_fen)
				print_money(project_fields[f].label, p->fund_fen);
			continue;
		}
		char *v = f == PF_IDNO ? xstrdup(masked) : project_display(p, f);
		print_field(project_fields[f].label, v);
		free(v);
	}
	(void)db;
}

static int project_add_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	int edit = strcmp(o->args[1], "edit") == 0;
	struct project *p = NULL;
	if (edit) {
		if (o->nargs < 3)
			return EXIT_USAGE;
		if (project_by_code(db, o->args[2], &p, err))
			return cli_fail(err);
	} else {
		p = project_new();
	}
	int rc = set_fields(o, edit ? 3 : 2, project_fields, PF__COUNT, PF_STAGE, set_project, p);
	if (!rc && project_save(db, p, err))
		rc = cli_fail(err);
	else if (!rc)
		printf(edit ? _("project %s saved\n") : _("project %s added\n"), project_get(p, PF_CODE));
	project_free(&p);
	return rc;
}

/* The field holding the day each stage was reached. */
static const int stage_field[PS__COUNT] = {
	PF_IDEAON, PF_REGON, PF_INCON, PF_FUNDON, PF_OPENON, PF_OPERON, PF_CLOSEON
};

static int project_step_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	if (o->nargs < 4)
		return EXIT_USAGE;
	int stage = project_stage_parse(o->args[3]);
	if (stage < 0) {
		fprintf(stderr, _("jiuye: %s: not a stage; accepted: 立项, 孵化, 获得创业资金, 开业, 运营, "
		                  "停业\n"), o->args[3]);
		return EXIT_USAGE;
	}
	struct project *p = NULL;
	if (project_by_code(db, o->args[2], &p, err))
		return cli_fail(err);
	const char *date = NULL;
	struct project_step s = { 0 };
	char *keep[8] = { 0 };
	int nkeep = 0, rc = 0;
	for (int i = 4; !rc && i < o->nargs; i++) {
		char *name, *value, *c = kv_split(o->args[i], &name, &value);
		if (!c) {
			date = o->args[i];
			continue;
		}
		keep[nkeep++] = c;
		if (strcmp(name, "日期") == 0 || strcasecmp(name, "date") == 0)
			date = value;
		else if (strcmp(name, "孵化基地") == 0 || strcmp(name, "实习基地") == 0 ||
		         strcasecmp(name, "base") == 0)
			s.base = value;
		else if (strcmp(name, "创业资金来源") == 0 || strcasecmp(name, "fund") == 0)
			s.fund = value;
		else if (strcmp(name, "创业资金") == 0 || strcasecmp(name, "fund_amount") == 0) {
			if (money_parse(value, &s.fund_fen, "创业资金", err))
				rc = cli_fail(err);
		} else if (strcmp(name, "企业名称") == 0 || strcasecmp(name, "business_name") == 0)
			s.business = value;
		else if (strcmp(name, "统一社会信用代码") == 0 || strcasecmp(name, "credit_code") == 0)
			s.credit_code = value;
		else if (strcmp(name, "停业原因") == 0 || strcasecmp(name, "close_reason") == 0)
			s.reason = value;
		else {
			fprintf(stderr, _("jiuye: %s: a stage takes 日期, 孵化基地, 创业资金, 创业资金来源, "
			                  "企业名称, 统一社会信用代码 or 停业原因\n"), o->args[i]);
			rc = EXIT_USAGE;
		}
		if (nkeep == (int)ARRAY_LEN(keep) && i + 1 < o->nargs) {
			fprintf(stderr, "%s\n", _("jiuye: too many fields for one stage"));
			rc = EXIT_USAGE;
		}
	}
	if (!rc && project_advance(db, p, stage, date, &s, err))
		rc = cli_fail(err);
	else if (!rc)
		printf(_("project %s: %s on %s\n"), project_get(p, PF_CODE), project_stage_label(stage),
		       project_get(p, stage_field[stage]));
	for (int i = 0; i < nkeep; i++)
		free(keep[i]);
	project_free(&p);
	return rc;
}

/* ---- lists ------------------------------------------------------------------------------------ */

static int print_row(void *arg, const struct enterprise_row *r)
{
	int due = arg != NULL;
	char y[32];
	money_yuan(due ? r->owed_fen : r->fen, y);
	char *name = text_fit_pad(r->name, 8);
	char *state = text_fit_pad(r->state, 12);
	char *what = text_fit_pad(r->what, 20);
	printf("%-11s %s %-18s %s %s %10s  %s\n", r->code, name, r->id_no, state,
	       due ? r->due : r->date, r->fen ? y : "", what);
	free(name);
	free(state);
	free(what);
	return 0;
}

/* ---- loans ------------------------------------------------------------------------------------ */

static int loan_by_code(struct jy_db *db, const char *code, struct loan **l, struct jy_err *err)
{
	int64_t id;
	int rc = loan_find_code(db, code, &id, err);
	if (rc == JY_ENOTFOUND)
		return err_set(err, JY_ENOTFOUND, "贷款编号", _("no loan has the code %s"), code);
	return rc ? rc : loan_load(db, id, l, err);
}

static int print_payment(void *arg, const struct loan_payment_row *p)
{
	(void)arg;
	char y[32];
	money_yuan(p->fen, y);
	printf("  %s %s %s元%s%s\n", p->date, p->repayment ? "还款" : "贴息", y, p->note[0] ? " " : "",
	       p->note);
	return 0;
}

static int loan_print(struct jy_db *db, const struct loan *l, struct jy_err *err)
{
	char masked[32], today[11], st[48];
	date_today(today);
	mask_idno(loan_get(l, LF_IDNO), masked, sizeof masked);
	for (int f = 0; f < LF_STATE; f++) {
		if (f == LF_AMOUNT) {
			print_money(loan_fields[f].label, l->amount_fen);
			continue;
		}
		char *v = NULL;
		if (f == LF_IDNO)
			v = xstrdup(masked);
		else if (loan_fields[f].kind == FK_CODE) {
			if (field_show(db, &loan_fields[f], l->v[f], &v, err))
				return cli_fail(err);
		} else
			v = loan_display(l, f);
		print_field(loan_fields[f].label, v);
		free(v);
	}
	loan_state_text(l, today, st);
	printf("%s: %s\n", loan_fields[LF_STATE].label, st);
	printf("%s:\n", "审批步骤");
	for (int i = 0; i < l->nsteps; i++)
		printf("  %d. %s %s\n", i + 1, l->step_name[i], i < l->done ? l->step_date[i] : "-");
	printf("  %d. %s %s\n", l->nsteps + 1, "放款", loan_get(l, LF_LENTON)[0] ?
	       loan_get(l, LF_LENTON) : "-");
	if (l->state == LS_REJECTED || l->state == LS_WITHDRAWN || l->state == LS_SETTLED)
		printf("%s: %s %s\n", loan_fields[LF_ENDON].label, loan_get(l, LF_ENDON),
		       loan_get(l, LF_ENDWHY));
	if (*loan_next_step(l))
		printf(_("next: %s\n"), loan_next_step(l));
	if (l->lent_fen) {
		char *rate = loan_display(l, LF_RATE);
		print_field(loan_fields[LF_BANK].label, loan_get(l, LF_BANK));
		print_money(loan_fields[LF_LENT].label, l->lent_fen);
		print_field(loan_fields[LF_LENTON].label, loan_get(l, LF_LENTON));
		print_field(loan_fields[LF_TERM].label, loan_get(l, LF_TERM));
		print_field(loan_fields[LF_RATE].label, rate);
		print_field(loan_fields[LF_DUE].label, loan_get(l, LF_DUE));
		print_money(loan_fields[LF_REPAID].label, l->repaid_fen);
		print_money("尚欠金额", l->lent_fen - l->repaid_fen);
		print_money(loan_fields[LF_SUBSIDY].label, l->subsidy_fen);
		free(rate);
		if (loan_payment_each(db, l->id, print_payment, NULL, err))
			return cli_fail(err);
	}
	return 0;
}

static int loan_add_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	int edit = strcmp(o->args[1], "edit") == 0;
	struct loan *l = NULL;
	if (edit) {
		if (o->nargs < 3)
			return EXIT_USAGE;
		if (loan_by_code(db, o->args[2], &l, err))
			return cli_fail(err);
	} else {
		l = loan_new();
	}
	int rc = set_fields(o, edit ? 3 : 2, loan_fields, LF__COUNT, LF_STATE, set_loan, l);
	if (!rc && loan_save(db, l, err))
		rc = cli_fail(err);
	else if (!rc)
		printf(edit ? _("loan %s saved\n") : _("loan %s added: next %s\n"), loan_get(l, LF_CODE),
		       loan_next_step(l));
	loan_free(&l);
	return rc;
}

/* A word that is a date (any form date_parse takes). */
static int is_date(const char *w)
{
	char d[11];
	return date_parse(w, d, NULL) == JY_OK;
}

static int loan_step_cmd(struct jy_db *db, struct loan *l, const struct cli_opts *o,
                         struct jy_err *err)
{
	const char *name = NULL, *date = NULL, *note = NULL;
	char *keep = NULL;
	int rc = 0;
	for (int i = 3; !rc && i < o->nargs; i++) {
		char *k, *v, *c = kv_split(o->args[i], &k, &v);
		if (c && (strcmp(k, "备注") == 0 || strcasecmp(k, "note") == 0) && !keep) {
			keep = c;
			note = v;
			continue;
		}
		free(c);
		if (c)
			rc = EXIT_USAGE;
		else if (is_date(o->args[i]) && !date)
			date = o->args[i];
		else if (!name)
			name = o->args[i];
		else
			rc = EXIT_USAGE;
	}
	if (!rc && loan_step(db, l, name, date, note, err))
		rc = cli_fail(err);
	else if (!rc)
		printf(_("loan %s: %s done on %s; next %s\n"), loan_get(l, LF_CODE),
		       l->step_name[l->done - 1], l->step_date[l->done - 1], loan_next_step(l));
	free(keep);
	return rc;
}

static int loan_disburse_cmd(struct jy_db *db, struct loan *l, const struct cli_opts *o,
                             struct jy_err *err)
{
	struct loan_disbursal d = { 0 };
	char *keep[8] = { 0 };
	int nkeep = 0, rc = 0, have_rate = 0;
	for (int i = 3; !rc && i < o->nargs; i++) {
		char *k, *v, *c = kv_split(o->args[i], &k, &v);
		if (!c || nkeep == (int)ARRAY_LEN(keep)) {
			free(c);
			rc = EXIT_USAGE;
			break;
		}
		keep[nkeep++] = c;
		if (strcmp(k, "放款银行") == 0 || strcasecmp(k, "bank") == 0)
			d.bank = v;
		else if (strcmp(k, "放款金额") == 0 || strcasecmp(k, "lent") == 0) {
			if (money_parse(v, &d.lent_fen, "放款金额", err))
				rc = cli_fail(err);
		} else if (strcmp(k, "放款日期") == 0 || strcasecmp(k, "lent_on") == 0)
			d.date = v;
		else if (strcmp(k, "期限") == 0 || strcmp(k, "期限(月)") == 0 ||
		         strcasecmp(k, "term_months") == 0)
			d.term_months = atoi(v);
		else if (strcmp(k, "年利率") == 0 || strcasecmp(k, "rate") == 0) {
			have_rate = 1;
			if (rate_parse(v, &d.rate_bp, "年利率", err))
				rc = cli_fail(err);
		} else
			rc = EXIT_USAGE;
	}
	if (!rc && !d.lent_fen)
		d.lent_fen = l->amount_fen;     /* lent as asked unless said */
	if (!rc && !have_rate) {
		err_set(err, JY_EINVAL, "年利率", _("required: the annual rate, e.g. 年利率=4.35"));
		rc = cli_fail(err);
	}
	if (!rc && loan_disburse(db, l, &d, err))
		rc = cli_fail(err);
	else if (!rc)
		printf(_("loan %s disbursed on %s, due %s\n"), loan_get(l, LF_CODE),
		       loan_get(l, LF_LENTON), loan_get(l, LF_DUE));
	for (int i = 0; i < nkeep; i++)
		free(keep[i]);
	if (rc == EXIT_USAGE)
		fprintf(stderr, "%s\n", _("jiuye: 放款 takes 放款银行=, 放款金额=, 放款日期=, 期限= (months) "
		                          "and 年利率="));
	return rc;
}

static int loan_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	const char *what = o->args[1];
	if (strcmp(what, "add") == 0 || strcmp(what, "edit") == 0)
		return loan_add_cmd(db, o, err);
	if (strcmp(what, "list") == 0 && o->nargs <= 3)
		return enterprise_each(db, o->nargs == 3 ? o->args[2] : NULL, 0, print_row, NULL, err)
		       ? cli_fail(err) : 0;
	if (strcmp(what, "due") == 0 && o->nargs <= 3) {
		int days = o->nargs == 3 ? atoi(o->args[2]) : -1;
		return loan_due_each(db, NULL, days, NULL, print_row, "due", err) ? cli_fail(err) : 0;
	}
	static const char *const verbs[] = { "show", "step", "reject", "withdraw", "disburse", "repay",
	                                     "subsidy" };
	int known = 0;
	for (size_t i = 0; i < ARRAY_LEN(verbs); i++)
		known |= strcmp(what, verbs[i]) == 0;
	if (!known || o->nargs < 3)
		return EXIT_USAGE;
	struct loan *l = NULL;
	if (loan_by_code(db, o->args[2], &l, err))
		return cli_fail(err);
	int rc = 0;
	if (strcmp(what, "show") == 0 && o->nargs == 3) {
		rc = loan_print(db, l, err);
	} else if (strcmp(what, "step") == 0) {
		rc = loan_step_cmd(db, l, o, err);
	} else if ((strcmp(what, "reject") == 0 || strcmp(what, "withdraw") == 0) &&
	           (o->nargs == 4 || o->nargs == 5)) {
		if (loan_end(db, l, what[0] == 'r', o->nargs == 5 ? o->args[4] : NULL, o->args[3], err))
			rc = cli_fail(err);
		else
			printf(_("loan %s: %s on %s\n"), loan_get(l, LF_CODE), loan_state_label(l->state),
			       loan_get(l, LF_ENDON));
	} else if (strcmp(what, "disburse") == 0) {
		rc = loan_disburse_cmd(db, l, o, err);
	} else if ((strcmp(what, "repay") == 0 || strcmp(what, "subsidy") == 0) &&
	           (o->nargs == 4 || o->nargs == 5)) {
		int repay = what[0] == 'r';
		int64_t fen;
		char owed[32];
		if (money_parse(o->args[3], &fen, repay ? "还款金额" : "贴息金额", err) ||
		    loan_pay(db, l, repay, o->nargs == 5 ? o->args[4] : NULL, fen, NULL, err)) {
			rc = cli_fail(err);
		} else {
			money_yuan(l->lent_fen - l->repaid_fen, owed);
			printf(_("loan %s: %s; still owed %s yuan\n"), loan_get(l, LF_CODE),
			       loan_state_label(l->state), owed);
		}
	} else {
		rc = EXIT_USAGE;
	}
	loan_free(&l);
	return rc;
}

static int project_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	const char *what = o->args[1];
	if (strcmp(what, "add") == 0 || strcmp(what, "edit") == 0)
		return project_add_cmd(db, o, err);
	if (strcmp(what, "step") == 0)
		return project_step_cmd(db, o, err);
	if (strcmp(what, "list") == 0 && o->nargs <= 3)
		return enterprise_each(db, o->nargs == 3 ? o->args[2] : NULL, 0, print_row, NULL, err)
		       ? cli_fail(err) : 0;
	if (strcmp(what, "show") == 0 && o->nargs == 3) {
		struct project *p = NULL;
		if (project_by_code(db, o->args[2], &p, err))
			return cli_fail(err);
		project_print(db, p);
		project_free(&p);
		return 0;
	}
	return EXIT_USAGE;
}

/* ---- the fee ledger ---------------------------------------------------------------------------- */

/* One payment a line: its number (what fee delete takes), month, outlet, name, ID number (masked
 * unless she may see it whole), product, pieces, fee. arg: the masking flag. */
static int print_fee(void *arg, const struct fee_row *r)
{
	const int *masked = arg;
	char id[32], y[32];
	if (*masked)
		export_mask(FK_IDNO, r->id_no, id, sizeof id);
	else
		snprintf(id, sizeof id, "%s", r->id_no);
	money_yuan(r->fee_fen, y);
	char *name = text_fit_pad(r->name, 8);
	char *product = text_fit_pad(r->product, 12);
	printf("%-7lld %s %-9s %s %-18s %s %6lld %10s\n", (long long)r->id, r->month, r->outlet, name,
	       id, product, (long long)r->pieces, y);
	free(name);
	free(product);
	return 0;
}

static int fee_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	const char *what = o->args[1];
	if (strcmp(what, "list") == 0 && o->nargs <= 3) {
		char month[8];
		int64_t outlet = 0;
		if (o->nargs == 3 && month_parse(o->args[2], month, "月份", err))
			return cli_fail(err);
		if (o->outlet && outlet_find_code(db, o->outlet, &outlet, err))
			return cli_fail(err);
		int masked = !access_may(db, OP_UNMASK);
		return fee_each(db, outlet, o->nargs == 3 ? month : NULL, print_fee, &masked, err)
		       ? cli_fail(err) : 0;
	}
	if (strcmp(what, "delete") == 0 && o->nargs == 4) {
		char *end;
		long long id = strtoll(o->args[2], &end, 10);
		if (*end || id <= 0)
			return EXIT_USAGE;
		if (fee_delete(db, id, o->args[3], err))
			return cli_fail(err);
		printf(_("fee %lld removed\n"), id);
		return 0;
	}
	return EXIT_USAGE;
}

int cli_enterprise(const struct cli_opts *o)
{
	int kind = strcmp(o->args[0], "loan") == 0 ? 1 : strcmp(o->args[0], "fee") == 0 ? 2 : 0;
	const char *usage = _(kind == 1 ? usage_loan : kind == 2 ? usage_fee : usage_project);
	if (o->nargs < 2)
		return cli_usage_error("%s", usage);
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	int rc = kind == 1 ? loan_cmd(db, o, &err) : kind == 2 ? fee_cmd(db, o, &err)
	                                                      : project_cmd(db, o, &err);
	db_close(&db);
	if (rc == EXIT_USAGE)
		return cli_usage_error("%s", usage);
	return rc;
}
