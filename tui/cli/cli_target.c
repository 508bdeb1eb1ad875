/* tui/cli/cli_target.c: jiuye target, the year's targets from the command line.
 *
 *   jiuye target set YEAR INDICATOR VALUE [--unit NAME]
 *   jiuye target list YEAR
 *   jiuye target import FILE [--dry-run] [--skip-errors]
 *
 * INDICATOR is the code the report prints (A5, A6, C2 ...); VALUE a count, or for a rate a
 * percentage (85 or 85.5%). Without --unit the target is the whole county's. Setting and importing
 * are an administrator's or a statistician's; every change goes into the audit trail. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "tui.h"

static const char usage_target[] = N_(
	"usage: jiuye target set YEAR INDICATOR VALUE [--unit NAME] | target list YEAR | "
	"target import FILE [--dry-run] [--skip-errors]");

static int year_arg(const char *s, int *year)
{
	char *end = NULL;
	long y = s ? strtol(s, &end, 10) : 0;
	if (!s || !*s || *end || y < 1900 || y > 2999)
		return cli_usage_error(_("%s is not a year: give four digits (e.g. 2026)"), s ? s : "");
	*year = (int)y;
	return 0;
}

static int print_target(void *arg, const struct target_row *t)
{
	int *n = arg;
	char v[32];
	if (t->i >= 0)
		target_value_text(t->i, t->value, v);
	else
		snprintf(v, sizeof v, "%lld", (long long)t->value);
	char *unit = text_fit_pad(t->unit_name, 14);
	char *code = text_fit_pad(t->ind, 16);
	char *label = text_fit_pad(t->i >= 0 ? report_inds[t->i].label : _("(not in the report)"), 28);
	printf("%d  %s  %s  %s  %s\n", t->year, unit, code, label, v);
	free(unit);
	free(code);
	free(label);
	(*n)++;
	return 0;
}

static void print_line(void *arg, const char *line)
{
	(void)arg;
	fprintf(stderr, "%s\n", line);
}

static int target_import_cmd(struct jy_db *db, const struct cli_opts *o)
{
	struct import_result res = { 0 };
	struct jy_err err = { 0 }, noted = { 0 };
	int flags = (o->dry_run ? IMPORT_DRY_RUN : 0) | (o->skip_errors ? IMPORT_SKIP_ERRORS : 0);
	int rc = import_targets(db, o->args[2], o->sheet, flags, print_line, NULL, &res, &err);
	int arc = audit_file(db, "import", "targets", o->dry_run ? 0 : res.added + res.updated,
	                     o->args[2], rc, &noted);
	if (arc)
		fprintf(stderr, _("jiuye: the audit trail could not record the import: %s\n"), noted.msg);
	if (rc != JY_OK && res.rejected == 0) {
		fprintf(stderr, "jiuye: %s\n", err.msg);
		return EXIT_USER;
	}
	printf(_("import %s%s: %d added, %d updated, %d unchanged, %d rejected\n"),
	       path_shown(o->args[2]), o->dry_run ? _(" (dry run, nothing saved)") : "", res.added,
	       res.updated, res.unchanged, res.rejected);
	cli_import_copy(&res);
	if (rc != JY_OK)
		fprintf(stderr, "jiuye: %s\n", err.msg);
	return rc != JY_OK || res.rejected || arc ? EXIT_USER : 0;
}

int cli_target(const struct cli_opts *o)
{
	const char *verb = o->nargs > 1 ? o->args[1] : "";
	int set = strcmp(verb, "set") == 0, list = strcmp(verb, "list") == 0;
	int import = strcmp(verb, "import") == 0;
	if (!(set && o->nargs == 5) && !(list && o->nargs == 3) && !(import && o->nargs == 3))
		return cli_usage_error("%s", _(usage_target));
	int year = 0;
	if (!import && year_arg(o->args[2], &year))
		return EXIT_USAGE;
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	int rc = JY_OK, n = 0, changed = 0;
	if (import) {
		int status = target_import_cmd(db, o);
		db_close(&db);
		return status;
	}
	if (set)
		rc = target_set(db, year, o->unit, o->args[3], o->args[4], &changed, &err);
	else
		rc = target_each(db, year, print_target, &n, &err);
	db_close(&db);
	if (rc != JY_OK) {
		fprintf(stderr, "jiuye: %s\n", err.msg);
		return rc == JY_EINVAL ? EXIT_USAGE : EXIT_USER;
	}
	if (set)
		printf(changed ? _("target %d %s set to %s\n") : _("target %d %s is %s already\n"), year,
		       o->args[3], o->args[4]);
	else if (!n)
		printf(_("no targets for %d: jiuye target set %d INDICATOR VALUE sets one\n"), year, year);
	return 0;
}
