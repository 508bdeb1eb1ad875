/* tui/cli/cli_print.c: jiuye print, a resident's registration form or confirmation slip as text.
 *
 *   jiuye print form|slip ID_NUMBER_OR_REG_NO [-o FILE]
 *
 * form: the 求职登记表 the office files (every field, full ID number); slip: the 业务办理确认单 the
 * applicant signs and takes home (ID number masked). She is named by her ID number or her
 * registration number (R-000001). `jiuye print case|answer CASE_NO`: a rights case's 登记表 and
 * its 答复 letter (which never carries her phone or address). Without -o the text goes to stdout (for lp or a pager). Exit 0
 * done, 1 she is not found or the file cannot be written, 2 the words are wrong. */
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "tui.h"

int cli_print(const struct cli_opts *o)
{
	if (o->nargs < 2)
		return cli_usage_error("%s", _("print needs what to print: form (the registration form) or slip "
		                               "(the confirmation slip), then an ID number or registration number"));
	const char *what = o->args[1];
	int (*print)(struct jy_db *, int64_t, const char *, struct jy_err *);
	int (*find)(struct jy_db *, const char *, int64_t *, struct jy_err *) = print_find_resident;
	if (strcmp(what, "case") == 0 || strcmp(what, "answer") == 0 || strcmp(what, "答复") == 0) {
		print = what[0] == 'c' ? print_case_form : print_case_answer;
		find = print_find_case;
	} else if (strcmp(what, "form") == 0 || strcmp(what, "登记表") == 0)
		print = print_resident_form;
	else if (strcmp(what, "slip") == 0 || strcmp(what, "确认单") == 0)
		print = print_resident_slip;
	else
		return cli_usage_error(_("print %s: form (the registration form), slip (the confirmation slip), "
		                         "case (a rights case's 登记表) or answer (its 答复) are accepted"), what);
	if (o->nargs < 3)
		return cli_usage_error(_("print %s needs the resident's ID number or registration number (R-000001)"),
		                       what);
	if (o->nargs > 3)
		return cli_usage_error(_("print takes one resident: %s is one word too many"), o->args[3]);

	struct jy_db *db;
	if (cli_open_db(o, 0, &db))     /* read-write: the printing goes into the audit trail */
		return EXIT_USER;
	struct jy_err err = { 0 };
	int64_t id = 0;
	int rc = find(db, o->args[2], &id, &err);
	if (rc == JY_OK)
		rc = print(db, id, o->out, &err);
	db_close(&db);
	if (rc != JY_OK) {
		if (err.field[0])
			fprintf(stderr, "jiuye: %s: %s\n", err.field, err.msg);
		else
			fprintf(stderr, "jiuye: %s\n", err.msg);
		return EXIT_USER;
	}
	if (o->out && strcmp(o->out, "-") != 0)
		fprintf(stderr, _("printout written to %s (print it with: lp %s)\n"),
		        path_shown(o->out), path_shown(o->out));
	return 0;
}
