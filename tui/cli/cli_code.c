/* tui/cli/cli_code.c: jiuye code list [LIST] | add LIST CODE LABEL | alias LIST CODE ALIAS |
 * retire LIST CODE, the code lists (文化程度, 人员类别, 证件类型, 专业 ...) an office extends: its own
 * codes, the other names its sheets use, and codes it no longer gives (kept on old records).
 * Changes are an administrator's and audited (core/store/codes.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "tui.h"

static const char usage_code[] = N_(
	"usage: jiuye code list [LIST] | code add LIST CODE LABEL | code alias LIST CODE ALIAS | "
	"code retire LIST CODE");

static int print_list(void *arg, const struct code_row *c)
{
	(void)arg;
	char *name = text_fit_pad(c->list, 16);
	char *label = text_fit_pad(code_list_label(c->list), 14);
	printf(_("%s %s %s codes\n"), name, label, c->code);
	free(name);
	free(label);
	return 0;
}

static int print_code(void *arg, const struct code_row *c)
{
	(void)arg;
	char *code = text_fit_pad(c->code, 12);
	printf("%s %s", code, c->label);
	if (*c->aliases)
		printf(_("  (also: %s)"), c->aliases);
	if (c->retired)
		printf("  %s", _("(retired: kept on old records)"));
	putchar('\n');
	free(code);
	return 0;
}

int cli_code(const struct cli_opts *o)
{
	const char *what = o->nargs >= 2 ? o->args[1] : "";
	int list = strcmp(what, "list") == 0 && (o->nargs == 2 || o->nargs == 3);
	int add = strcmp(what, "add") == 0 && o->nargs == 5;
	int alias = strcmp(what, "alias") == 0 && o->nargs == 5;
	int retire = strcmp(what, "retire") == 0 && o->nargs == 4;
	if (!list && !add && !alias && !retire)
		return cli_usage_error("%s", _(usage_code));
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	char l[24];
	int rc = 0;
	if (list && o->nargs == 2)
		rc = code_each(db, NULL, print_list, NULL, &err);
	else if (list && !(rc = code_list_find(db, o->args[2], l, &err)))
		rc = code_each(db, l, print_code, NULL, &err);
	else if (add && !(rc = code_add(db, o->args[2], o->args[3], o->args[4], &err)))
		printf(_("code %s %s added to %s\n"), o->args[3], o->args[4], o->args[2]);
	else if (alias && !(rc = code_alias_add(db, o->args[2], o->args[3], o->args[4], &err)))
		printf(_("%s now also means code %s of %s\n"), o->args[4], o->args[3], o->args[2]);
	else if (retire && !(rc = code_retire(db, o->args[2], o->args[3], &err)))
		printf(_("code %s of %s retired: old records keep it, new ones cannot take it\n"),
		       o->args[3], o->args[2]);
	db_close(&db);
	if (rc) {
		fprintf(stderr, "jiuye: %s\n", err.msg);
		return EXIT_USER;
	}
	return 0;
}
