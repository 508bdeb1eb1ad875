/* tui/cli/cli_unit.c: jiuye unit list|add|rename|move|close|profile|import, the office's county /
 * street / community tree from the command line. The changes are an administrator's
 * (core/store/unit.c refuses anyone else, saying so); the list is everyone's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "tui.h"

static const char usage_unit[] = N_(
	"usage: jiuye unit list | unit add NAME --level county|street|community [--parent UNIT] "
	"[--code CODE] | unit rename UNIT NAME | unit move UNIT --parent UNIT|--top | unit close UNIT "
	"| unit profile UNIT [--date DATE] [--buildings N] [--entrances N] [--households N] "
	"[--population N] | unit import FILE [--dry-run] [--skip-errors]");

static int print_unit(void *arg, const struct unit_row *u)
{
	int *n = arg;
	char name[96];
	snprintf(name, sizeof name, "%*s%s", 2 * (u->depth < 8 ? u->depth : 8), "", u->name);
	char *cname = text_fit_pad(name, 26);
	char *level = text_fit_pad(unit_level_label(u->level), 9);
	char *code = text_fit_pad(u->code, 14);
	printf("%s %s %s", cname, level, code);
	if (u->level == UNIT_COMMUNITY)
		printf(_("%lld residents"), (long long)u->residents);
	if (*u->closed_at)
		printf(_("  (closed %.10s)"), u->closed_at);
	putchar('\n');
	free(cname);
	free(level);
	free(code);
	(*n)++;
	return 0;
}

static int unit_list_cmd(struct jy_db *db, struct jy_err *err)
{
	int n = 0;
	if (unit_each(db, print_unit, &n, err))
		return EXIT_USER;
	if (n == 0)
		printf("%s\n", _("no units yet: add the county, its streets and communities with "
		                 "jiuye unit add NAME --level county|street|community --parent UNIT"));
	return 0;
}

static int unit_add_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	int level = unit_level_parse(o->level);
	if (level < 0) {
		err_set(err, JY_EINVAL, "--level", _("--level: give county (县区), street (街道乡镇) or "
		                                     "community (社区村)"));
		return EXIT_USAGE;
	}
	char code[32];
	if (unit_add(db, o->args[2], level, o->parent, o->code, code, err))
		return EXIT_USER;
	printf(_("unit %s added: %s, code %s\n"), o->args[2], unit_level_label(level), code);
	return 0;
}

/* A figure of --buildings ... : -1 when not given, -2 (usage error said) when not a number. */
static int64_t profile_figure(const char *opt, const char *v)
{
	if (!v)
		return -1;
	char *end;
	long long n = strtoll(v, &end, 10);
	if (!*v || *end || n < 0) {
		cli_usage_error(_("%s takes a whole number, 0 or more: %s"), opt, v);
		return -2;
	}
	return n;
}

static int unit_profile_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	struct unit_profile p = { .buildings = profile_figure("--buildings", o->buildings),
	                          .entrances = profile_figure("--entrances", o->entrances),
	                          .households = profile_figure("--households", o->households),
	                          .population = profile_figure("--population", o->population) };
	if (p.buildings == -2 || p.entrances == -2 || p.households == -2 || p.population == -2)
		return -EXIT_USAGE;     /* said already */
	snprintf(p.as_of, sizeof p.as_of, "%.10s", o->date ? o->date : "");
	int given = p.buildings >= 0 || p.entrances >= 0 || p.households >= 0 || p.population >= 0;
	if (given && unit_profile_set(db, o->args[2], &p, err))
		return EXIT_USER;
	if (unit_profile_get(db, o->args[2], &p, err))
		return EXIT_USER;
	struct unit_row u;
	if (unit_get(db, o->args[2], &u, err))
		return EXIT_USER;
	printf(_("%s on %s:"), u.name, p.as_of);
	const int64_t v[] = { p.buildings, p.entrances, p.households, p.population };
	const char *const what[] = { N_("buildings"), N_("entrances"), N_("households"),
	                             N_("people") };
	for (int i = 0; i < 4; i++)
		if (v[i] >= 0)
			printf(" %lld %s", (long long)v[i], _(what[i]));
	putchar('\n');
	return 0;
}

static int unit_move_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	if (unit_move(db, o->args[2], o->top ? NULL : o->parent, err))
		return EXIT_USER;
	if (o->top)
		printf(_("unit %s moved to the top\n"), o->args[2]);
	else
		printf(_("unit %s moved under %s\n"), o->args[2], o->parent);
	return 0;
}

static void print_line(void *arg, const char *line)
{
	(void)arg;
	fprintf(stderr, "%s\n", line);
}

static int unit_import_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	struct import_result res = { 0 };
	int flags = (o->dry_run ? IMPORT_DRY_RUN : 0) | (o->skip_errors ? IMPORT_SKIP_ERRORS : 0);
	int rc = import_units(db, o->args[2], o->sheet, flags, print_line, NULL, &res, err);
	struct jy_err noted = { 0 };
	if (audit_file(db, "import", "units", o->dry_run ? 0 : res.added, o->args[2], rc, &noted))
		fprintf(stderr, _("jiuye: the audit trail could not record the import: %s\n"), noted.msg);
	if (rc != JY_OK && res.rejected == 0)
		return EXIT_USER;
	printf(_("import %s%s: %d added, %d updated, %d unchanged, %d rejected\n"),
	       path_shown(o->args[2]), o->dry_run ? _(" (dry run, nothing saved)") : "", res.added,
	       res.updated, res.unchanged, res.rejected);
	cli_import_copy(&res);
	return rc ? EXIT_USER : 0;
}

int cli_unit(const struct cli_opts *o)
{
	static const struct {
		const char *verb;
		int nargs;
	} verbs[] = {
		{ "list", 2 }, { "add", 3 }, { "rename", 4 }, { "move", 3 }, { "close", 3 },
		{ "profile", 3 }, { "import", 3 },
	};
	const char *what = o->nargs >= 2 ? o->args[1] : "";
	int ok = 0;
	for (size_t i = 0; i < ARRAY_LEN(verbs); i++)
		ok |= strcmp(what, verbs[i].verb) == 0 && o->nargs == verbs[i].nargs;
	if (ok && strcmp(what, "move") == 0 && !o->parent == !o->top)
		ok = 0;         /* exactly one of --parent UNIT and --top */
	if (!ok)
		return cli_usage_error("%s", _(usage_unit));
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	int rc = 0;
	if (strcmp(what, "list") == 0)
		rc = unit_list_cmd(db, &err);
	else if (strcmp(what, "add") == 0)
		rc = unit_add_cmd(db, o, &err);
	else if (strcmp(what, "rename") == 0 && !(rc = unit_rename(db, o->args[2], o->args[3], &err)
	                                               ? EXIT_USER : 0))
		printf(_("unit %s is now %s\n"), o->args[2], o->args[3]);
	else if (strcmp(what, "move") == 0)
		rc = unit_move_cmd(db, o, &err);
	else if (strcmp(what, "close") == 0 && !(rc = unit_close(db, o->args[2], &err) ? EXIT_USER : 0))
		printf(_("unit %s closed: its residents and their history stay; it takes no new "
		         "residents\n"), o->args[2]);
	else if (strcmp(what, "profile") == 0)
		rc = unit_profile_cmd(db, o, &err);
	else if (strcmp(what, "import") == 0)
		rc = unit_import_cmd(db, o, &err);
	db_close(&db);
	if (rc == -EXIT_USAGE)
		return EXIT_USAGE;
	if (rc == EXIT_USAGE)
		return cli_usage_error("%s", err.msg);
	if (rc && *err.msg)
		fprintf(stderr, "jiuye: %s\n", err.msg);
	return rc;
}
