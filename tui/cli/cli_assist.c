/* tui/cli/cli_assist.c: jiuye assistance, assistance and relief records (就业援助 / 帮困救助) from
 * the command line.
 *
 *   jiuye assistance add --kind K --id-number ID|REG_NO [--date D] [--occasion O] [--amount YUAN]
 *       [--form 现金|物资] [--goods WHAT] [--funder F] [--worker NAME] [--pair PAIR_NO]
 *       [--case CASE_NO] [--placement #N] [--course CODE] [--note TEXT]
 *   jiuye assistance show NO          the record and what it belongs to
 *   jiuye assistance list [QUERY] [--kind K] [--occasion O] [--from D] [--to D]
 *                                     number, date, kind, occasion, her, amount, worker
 * The same core calls as the screens, so the same rules. Exit 0 done, 1 refused (one line naming
 * the field), 2 the words are wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "tui.h"

static const char usage[] = N_("usage: jiuye assistance add|show NO|list [QUERY]");

/* A code's label in list; "" for none, the code itself when it cannot be read. Caller frees. */
static char *label_of(struct jy_db *db, const char *list, const char *code)
{
	const struct field_def fd = { "code", "代码", "code", FK_CODE, list, 10, 0 };
	char *out = NULL;
	if (!code || !*code)
		return xstrdup("");
	if (field_show(db, &fd, code, &out, NULL) != JY_OK || !out) {
		free(out);
		out = xstrdup(code);
	}
	return out;
}

static int add_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	struct assist *a = assist_new();
	assist_set(a, ASF_KIND, o->kind);
	assist_set(a, ASF_IDNO, o->idno);
	assist_set(a, ASF_DATE, o->date);
	assist_set(a, ASF_OCCASION, o->occasion);
	assist_set(a, ASF_FORM, o->form);
	assist_set(a, ASF_AMOUNT, o->amount);
	assist_set(a, ASF_WHAT, o->goods);
	assist_set(a, ASF_FUNDER, o->funder);
	assist_set(a, ASF_WORKER, o->worker);
	assist_set(a, ASF_PAIR, o->pair);
	assist_set(a, ASF_CASE, o->rcase);
	assist_set(a, ASF_PLACEMENT, o->placement);
	assist_set(a, ASF_COURSE, o->course);
	assist_set(a, ASF_NOTE, o->note);
	int rc = assist_save(db, a, err);
	if (!rc)
		printf(_("%s added: %s %s\n"), assist_get(a, ASF_NO), a->name ? a->name : "",
		       assist_get(a, ASF_DATE));
	assist_free(&a);
	return rc;
}

static int show_cmd(struct jy_db *db, const char *no, struct jy_err *err)
{
	int64_t id;
	struct assist *a = NULL;
	int rc = assist_find_no(db, no, &id, err);
	if (rc == JY_ENOTFOUND)
		return err_set(err, JY_ENOTFOUND, assist_fields[ASF_NO].label,
		               _("no assistance record is numbered %s"), no);
	if (!rc)
		rc = assist_load(db, id, &a, err);
	if (rc)
		return rc;
	printf("%s  %s %s\n", assist_get(a, ASF_NO), a->reg_no, a->name ? a->name : "");
	for (int f = ASF_KIND; f < ASF__COUNT; f++) {
		const struct field_def *fd = &assist_fields[f];
		if (!a->v[f])
			continue;
		char *v = fd->kind == FK_CODE ? label_of(db, fd->list, a->v[f]) : xstrdup(a->v[f]);
		char *label = text_fit_pad(fd->label, 10);
		printf("%s %s%s\n", label, v, f == ASF_AMOUNT ? "元" : "");
		free(label);
		free(v);
	}
	assist_free(&a);
	return JY_OK;
}

static int list_cmd(struct jy_db *db, const struct cli_opts *o, const char *query, struct jy_err *err)
{
	struct assist_filter f = { query, o->kind, o->occasion, o->from, o->to, 0 };
	struct assist_row *rows = NULL;
	int n = 0;
	int rc = assist_search(db, &f, &rows, &n, err);
	for (int i = 0; !rc && i < n; i++) {
		char *kind = label_of(db, "assist_kind", rows[i].kind);
		char *occ = label_of(db, "assist_occasion", rows[i].occasion);
		char *kp = text_fit_pad(kind, 12), *op = text_fit_pad(occ, 6);
		char *np = text_fit_pad(rows[i].name, 8);
		char yuan[32] = "-";
		if (rows[i].amount_fen)
			money_yuan(rows[i].amount_fen, yuan);
		printf("%-11s %s %s %s %s %s %10s元 %s\n", rows[i].assist_no, rows[i].date, kp, op,
		       rows[i].reg_no, np, yuan, rows[i].worker);
		free(kind);
		free(occ);
		free(kp);
		free(op);
		free(np);
	}
	free(rows);
	return rc;
}

int cli_assist(const struct cli_opts *o)
{
	const char *what = o->nargs >= 2 ? o->args[1] : "";
	int add = strcmp(what, "add") == 0 && o->nargs == 2;
	int list = strcmp(what, "list") == 0 && o->nargs <= 3;
	int show = strcmp(what, "show") == 0 && o->nargs == 3;
	if (!add && !list && !show)
		return cli_usage_error("%s", _(usage));
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	int rc = add ? add_cmd(db, o, &err)
	       : show ? show_cmd(db, o->args[2], &err)
	              : list_cmd(db, o, o->nargs == 3 ? o->args[2] : "", &err);
	db_close(&db);
	return rc ? cli_fail(&err) : 0;
}
