/* tui/cli/cli_setting.c: jiuye setting list|get KEY|set KEY VALUE, the settings jiuye reads (the
 * 4050 ages, subsidy tiers, due-list days, the idle lock ...) with their meaning, default and
 * what each accepts (core/admin/settings.c). Setting one is an administrator's, and audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "tui.h"

static const char usage_setting[] = N_(
	"usage: jiuye setting list | setting get KEY | setting set KEY VALUE");

static int print_setting(void *arg, const struct setting_row *s)
{
	(void)arg;
	char *acc = setting_accepts(s->def);
	char *key = text_fit_pad(s->def->key, 26);
	printf("%s %s%s%s", key, s->value, s->def->unit ? " " : "",
	       s->def->unit ? _(s->def->unit) : "");
	if (!s->stored)
		printf("  %s", _("(default)"));
	printf("\n    %s; %s, %s %s\n", _(s->def->meaning), acc, _("default"),
	       *s->def->def ? s->def->def : "\"\"");
	free(key);
	free(acc);
	return 0;
}

int cli_setting(const struct cli_opts *o)
{
	const char *what = o->nargs >= 2 ? o->args[1] : "";
	int list = strcmp(what, "list") == 0 && o->nargs == 2;
	int get = strcmp(what, "get") == 0 && o->nargs == 3;
	int set = strcmp(what, "set") == 0 && o->nargs == 4;
	if (!list && !get && !set)
		return cli_usage_error("%s", _(usage_setting));
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	int rc = 0;
	char *v = NULL;
	if (list) {
		rc = setting_each(db, print_setting, NULL, &err) ? EXIT_USER : 0;
	} else if (get) {
		if (setting_get(db, o->args[2], &v, &err))
			rc = EXIT_USER;
		else
			printf("%s\n", v);
	} else if (setting_put(db, o->args[2], o->args[3], &err)) {
		rc = EXIT_USER;
	} else if (setting_get(db, o->args[2], &v, &err) == JY_OK) {
		printf(_("setting %s = %s\n"), o->args[2], v);
	}
	free(v);
	db_close(&db);
	if (rc)
		fprintf(stderr, "jiuye: %s\n", err.msg);
	return rc;
}
