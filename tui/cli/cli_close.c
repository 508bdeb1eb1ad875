/* tui/cli/cli_close.c: jiuye close and jiuye reopen, a resident's record closed (注销) or opened
 * again from the command line, with the rules the resident's page keeps (core/registry/closing.c):
 *
 *   jiuye close resident ID --reason REASON [--date DATE] [--note TEXT]
 *   jiuye reopen resident ID
 *
 * ID is her ID number or registration number (R-000001). Exit 0 done (one line on stderr says
 * what), 1 refused (not found, not hers to close, a reason not in the list, closed already ...),
 * 2 the words are wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "tui.h"

/* The words: close|reopen resident ID, and the options only close takes. */
static int close_words(const struct cli_opts *o, int reopen)
{
	const char *cmd = o->args[0];
	if (o->nargs < 2 || strcmp(o->args[1], "resident") != 0)
		return cli_usage_error(_("%s needs what: %s resident ID (her ID number or R-000001)"),
		                       cmd, cmd);
	if (o->nargs < 3)
		return cli_usage_error(_("%s resident needs her ID number or registration number "
		                         "(R-000001)"), cmd);
	if (o->nargs > 3)
		return cli_usage_error(_("%s takes one resident: %s is one word too many"), cmd,
		                       o->args[3]);
	if (reopen && (o->reason || o->date || o->note))
		return cli_usage_error("%s", _("reopen takes no --reason, --date or --note: the "
		                               "closing is undone as a whole"));
	if (!reopen && !o->reason)
		return cli_usage_error("%s", _("close resident needs --reason: 迁出, 死亡, 重复登记, "
		                               "本人要求 or 其他 (with --note TEXT)"));
	return 0;
}

int cli_close(const struct cli_opts *o)
{
	int reopen = strcmp(o->args[0], "reopen") == 0;
	int rc = close_words(o, reopen);
	if (rc)
		return rc;
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	struct resident *r = NULL;
	int64_t id = 0;
	rc = print_find_resident(db, o->args[2], &id, &err);
	if (rc == JY_ENOTFOUND && !err.msg[0])
		err_set(&err, rc, NULL, _("no resident with the ID number or registration number %s"),
		        o->args[2]);
	if (rc == JY_OK)
		rc = resident_load(db, id, &r, &err);
	if (rc == JY_OK && reopen) {
		rc = resident_reopen(db, id, r->version, &err);
	} else if (rc == JY_OK) {
		struct resident_closing c = { o->reason, o->date, o->note };
		rc = resident_close(db, id, r->version, &c, &err);
	}
	resident_free(&r);
	if (rc == JY_OK && (rc = resident_load(db, id, &r, &err)) == JY_OK) {
		if (reopen) {
			fprintf(stderr, _("%s (%s): her record is open again\n"), resident_get(r, RF_NAME),
			        r->reg_no);
		} else {
			char *t = resident_closing_text(db, r);
			fprintf(stderr, _("%s (%s): record closed %s\n"), resident_get(r, RF_NAME),
			        r->reg_no, t);
			free(t);
		}
	}
	resident_free(&r);
	db_close(&db);
	return rc == JY_OK ? 0 : cli_fail(&err);
}
