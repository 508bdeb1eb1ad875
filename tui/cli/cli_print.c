/* tui/cli/cli_print.c: jiuye print, a resident's registration form or confirmation slip as text.
 *
 *   jiuye print form|slip ID_NUMBER_OR_REG_NO [-o FILE] [--dest terminal|lp|pdf|zmodem|file]
 *   jiuye print dest [terminal|lp|pdf|zmodem|file]
 *
 * form: the 求职登记表 the office files (every field, full ID number); slip: the 业务办理确认单 the
 * applicant signs and takes home (ID number masked). She is named by her ID number or her
 * registration number (R-000001); `print case|answer CASE_NO` a rights case's 登记表 and its 答复
 * letter (which never carries her phone or address). Without -o the text goes to stdout (for lp or a pager), unless
 * --dest or her printing setting (print dest) sends it to the printer at her PC (the terminal's
 * pass-through, on stdout), the server's (lp), a PDF, or as a file to her PC (ZMODEM: sz on
 * stdin and stdout). Exit 0
 * done, 1 she is not found or the file cannot be written, 2 the words are wrong. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "tui.h"

/* jiuye print dest [terminal|lp|file]: where she prints, or from now on. */
static int print_dest_cmd(const struct cli_opts *o)
{
	int dest = -1;
	if (o->nargs > 3)
		return cli_usage_error(_("print dest takes one word: %s is one too many"), o->args[3]);
	if (o->nargs == 3 && (dest = print_dest_parse(o->args[2])) < 0)
		return cli_usage_error(_("print dest %s: terminal (the printer at your PC), "
		                         "lp (the server's), pdf, zmodem (the file to your PC) or file "
		                         "are accepted"), o->args[2]);
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	int rc = dest >= 0 ? print_dest_set(db, dest, &err) : print_dest_get(db, &dest, &err);
	db_close(&db);
	if (rc != JY_OK) {
		fprintf(stderr, "jiuye: %s\n", err.msg);
		return EXIT_USER;
	}
	printf("%s\n", print_dest_name(dest));
	return 0;
}

int cli_tmp_file(struct cli_tmp *t, const char *name, struct jy_err *err)
{
	const char *dir = getenv("TMPDIR");
	t->dir = xasprintf("%s/jiuye-print-XXXXXX", dir && *dir ? dir : "/tmp");
	if (!mkdtemp(t->dir)) {
		int rc = err_set(err, JY_EIO, NULL, _("%s: cannot write the file: %s"), t->dir,
		                 strerror(errno));
		FREE(&t->dir);
		return rc;
	}
	t->path = xasprintf("%s/%s", t->dir, name);
	return JY_OK;
}

void cli_tmp_remove(struct cli_tmp *t)
{
	if (t->path)
		unlink(t->path);
	if (t->dir)
		rmdir(t->dir);
	FREE(&t->path);
	FREE(&t->dir);
}

int cli_deliver(struct jy_db *db, int dest, const char *path, const char *pdf, struct jy_err *err)
{
	fflush(stdout);         /* what went before, then the printer's or the transfer's own bytes */
	return print_deliver(db, dest, path, pdf, STDIN_FILENO, STDOUT_FILENO, err);
}

/* Where this printout goes: --dest, else a file when -o names one, else her setting; a "file"
 * without -o is standard output, as before. -1 after a usage error. */
static int print_dest_for(const struct cli_opts *o, struct jy_db *db, int *dest, struct jy_err *err)
{
	if (o->dest) {
		*dest = print_dest_parse(o->dest);
		return JY_OK;
	}
	if (o->out && strcmp(o->out, "-") != 0) {
		*dest = PRINT_FILE;
		return JY_OK;
	}
	return print_dest_get(db, dest, err);
}

/* The printout written (to -o FILE, or under a private temporary folder as name), then sent on
 * through core's delivery: to the terminal's printer or by ZMODEM on stdin/stdout, to lp, as a
 * PDF at -o. */
static int print_send(struct jy_db *db, int dest, const char *out, const char *name, int64_t id,
                      int (*print)(struct jy_db *, int64_t, const char *, struct jy_err *),
                      struct jy_err *err)
{
	if (dest == PRINT_FILE)
		return print(db, id, out, err);
	const char *pdf = dest == PRINT_PDF ? out : NULL;     /* -o names the PDF */
	if (dest == PRINT_PDF && (!pdf || strcmp(pdf, "-") == 0))     /* her setting, no -o */
		return err_set(err, JY_EINVAL, NULL, "%s",
		               _("--dest pdf needs -o FILE.pdf: a PDF cannot go to the terminal"));
	if (dest == PRINT_PDF)
		out = NULL;
	struct cli_tmp tmp = { 0 };
	const char *path = out && strcmp(out, "-") != 0 ? out : NULL;
	int rc = JY_OK;
	if (!path && (rc = cli_tmp_file(&tmp, name, err)) != JY_OK)
		return rc;
	if (!path)
		path = tmp.path;
	rc = print(db, id, path, err);
	if (rc == JY_OK)
		rc = cli_deliver(db, dest, path, pdf, err);
	cli_tmp_remove(&tmp);   /* a printout holds a person: no copy left behind */
	return rc;
}

int cli_print(const struct cli_opts *o)
{
	if (o->nargs < 2)
		return cli_usage_error("%s", _("print needs what to print: form (the registration form) or slip "
		                               "(the confirmation slip), then an ID number or registration number"));
	const char *what = o->args[1];
	if (strcmp(what, "dest") == 0)
		return print_dest_cmd(o);
	int (*print)(struct jy_db *, int64_t, const char *, struct jy_err *);
	int (*find)(struct jy_db *, const char *, int64_t *, struct jy_err *) = print_find_resident;
	const char *name;       /* the file's name on her PC when it goes by ZMODEM without -o */
	if (strcmp(what, "case") == 0 || strcmp(what, "answer") == 0 || strcmp(what, "答复") == 0) {
		print = what[0] == 'c' ? print_case_form : print_case_answer;
		find = print_find_case;
		name = what[0] == 'c' ? "投诉登记表.txt" : "答复意见书.txt";
	} else if (strcmp(what, "form") == 0 || strcmp(what, "登记表") == 0) {
		print = print_resident_form;
		name = "登记表.txt";
	} else if (strcmp(what, "slip") == 0 || strcmp(what, "确认单") == 0) {
		print = print_resident_slip;
		name = "确认单.txt";
	} else
		return cli_usage_error(_("print %s: form (the registration form), slip (the confirmation slip), "
		                         "case (a rights case's 登记表) or answer (its 答复) are accepted"), what);
	if (o->nargs < 3)
		return cli_usage_error(_("print %s needs the resident's ID number or registration number (R-000001)"),
		                       what);
	if (o->nargs > 3)
		return cli_usage_error(_("print takes one resident: %s is one word too many"), o->args[3]);
	if (o->dest && print_dest_parse(o->dest) < 0)
		return cli_usage_error(_("--dest %s: terminal (the printer at your PC), lp (the server's), "
		                         "pdf, zmodem (the file to your PC) or file are accepted"), o->dest);
	if (o->dest && print_dest_parse(o->dest) == PRINT_PDF && (!o->out || strcmp(o->out, "-") == 0))
		return cli_usage_error("%s", _("--dest pdf needs -o FILE.pdf: a PDF cannot go to the terminal"));

	struct jy_db *db;
	if (cli_open_db(o, 0, &db))     /* read-write: the printing goes into the audit trail */
		return EXIT_USER;
	struct jy_err err = { 0 };
	int64_t id = 0;
	int dest = PRINT_FILE;
	int rc = print_dest_for(o, db, &dest, &err);
	if (rc == JY_OK)
		rc = find(db, o->args[2], &id, &err);
	if (rc == JY_OK)
		rc = print_send(db, dest, o->out, name, id, print, &err);
	db_close(&db);
	if (rc != JY_OK) {
		if (err.field[0])
			fprintf(stderr, "jiuye: %s: %s\n", err.field, err.msg);
		else
			fprintf(stderr, "jiuye: %s\n", err.msg);
		return EXIT_USER;
	}
	if (dest == PRINT_PDF)
		fprintf(stderr, _("PDF written to %s\n"), path_shown(o->out));
	else if (o->out && strcmp(o->out, "-") != 0)
		fprintf(stderr, _("printout written to %s (print it with: lp %s)\n"),
		        path_shown(o->out), path_shown(o->out));
	if (dest == PRINT_LP)
		fprintf(stderr, "%s\n", _("sent to the server's printer (lp)"));
	if (dest == PRINT_ZMODEM)
		fprintf(stderr, _("sent %s to your PC (ZMODEM)\n"), o->out && strcmp(o->out, "-") != 0
		        ? path_shown(o->out) : name);
	return 0;
}
