/* tui/cli/cli_worker.c: jiuye worker list|add|close, the administrator's command for the workers of a
 * database. A worker is an OS account; her role and communities decide what jiuye lets
 * her see and do, in the full-screen program and on the command line alike (core/store/access.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "tui.h"

static const char usage_worker[] = N_(
	"usage: jiuye worker list | worker add USER --role clerk|reviewer|stats|admin "
	"[--scope UNIT,...] [--name NAME] | worker close USER");

static int print_worker(void *arg, const struct worker_row *w)
{
	(void)arg;
	char *user = text_fit_pad(w->os_user, 12);
	char *name = text_fit_pad(w->name, 10);
	char *role = text_fit_pad(role_label(w->role), 8);
	printf("%s %s %s %s%s%s\n", user, name, role, *w->scope ? w->scope : _("the whole database"),
	       *w->closed_at ? "  " : "",
	       *w->closed_at ? _("(closed)") : "");
	free(user);
	free(name);
	free(role);
	return 0;
}

static int worker_add_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	int role = role_parse(o->role);
	if (role < 0) {
		err_set(err, JY_EINVAL, "--role", _("--role: give clerk (录入员), reviewer (审核), "
		                                    "stats (统计) or admin (管理员)"));
		return EXIT_USAGE;
	}
	if (worker_save(db, o->args[2], o->name, role, o->scope, err))
		return EXIT_USER;
	printf(_("worker %s: %s\n"), o->args[2], role_label(role));
	return 0;
}

int cli_worker(const struct cli_opts *o)
{
	const char *what = o->nargs >= 2 ? o->args[1] : "";
	int list = strcmp(what, "list") == 0 && o->nargs == 2;
	int add = strcmp(what, "add") == 0 && o->nargs == 3;
	int close = strcmp(what, "close") == 0 && o->nargs == 3;
	if (!list && !add && !close)
		return cli_usage_error("%s", _(usage_worker));
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	int rc = 0;
	if (list)
		rc = worker_each(db, print_worker, NULL, &err) ? EXIT_USER : 0;
	else if (add)
		rc = worker_add_cmd(db, o, &err);
	else if (worker_close(db, o->args[2], &err))
		rc = EXIT_USER;
	else
		printf(_("worker %s closed\n"), o->args[2]);
	db_close(&db);
	if (rc == EXIT_USAGE)
		return cli_usage_error("%s", err.msg);
	if (rc)
		fprintf(stderr, "jiuye: %s\n", err.msg);
	return rc;
}
