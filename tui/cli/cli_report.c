/* tui/cli/cli_report.c: jiuye report, the figures of a period as text, CSV or XLSX.
 *
 *   jiuye report [--period P | --from DATE [--to DATE]] [--by community|sex|category|age]
 *                [--format text|csv|xlsx] [--encoding utf-8|gbk] [-o FILE]
 *                [--dest file|terminal|lp|pdf|zmodem] [--compare prev|year|both] [--ytd]
 *
 * The period is this month unless said otherwise; --from alone runs to today. The format follows
 * -o's extension when --format is not given (report.xlsx, report.csv, anything else text). An XLSX
 * workbook also holds, a worksheet each, the residents behind every figure that counts people, so
 * the office can check a figure person by person (when the worker's role may see them); text and
 * CSV hold the table alone (for a terminal, a printer or a script). --dest sends the report on as
 * the print dialog does, through the same core delivery: the text report to the printer at her
 * PC, the server's or as a PDF (-o FILE.pdf), any of them as a file to her PC by ZMODEM; without
 * --dest and -o the text report goes where she prints (her setting: standard output for the
 * file). --compare puts the same period of last year (同比) in the period before's place or beside
 * it, --ytd the year to date (累计) of a month, quarter or half-year beside it. A bad option value is a usage error (exit 2) that names the
 * option and what it takes; a database that cannot be read is exit 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core.h"
#include "tui.h"

static int report_period(const struct cli_opts *o, struct period *p)
{
	struct jy_err err = { 0 };
	char today[11];
	date_today(today);
	if (o->period && (o->from || o->to))
		return cli_usage_error("%s", _("--period and --from/--to cannot be used together: give one"));
	if (o->period) {
		if (period_parse(o->period, p, &err) != JY_OK)
			return cli_usage_error(_("--period %s: %s (e.g. 2026-11, 2026-11人社, 2026Q3, 2026H1, 2026)"),
			                       o->period, err.msg);
		return 0;
	}
	if (o->to && !o->from)
		return cli_usage_error("%s", _("--to needs --from: the first day of the period"));
	if (o->from) {
		if (period_range(o->from, o->to ? o->to : today, p, &err) != JY_OK)
			return cli_usage_error("--from %s%s%s: %s", o->from, o->to ? " --to " : "",
			                       o->to ? o->to : "", err.msg);
		return 0;
	}
	if (period_of(PERIOD_MONTH, today, p, &err) != JY_OK) {
		fprintf(stderr, "jiuye: %s\n", err.msg);
		return EXIT_USER;
	}
	return 0;
}

/* The format from --format, --encoding and -o's extension; -1 after a usage error was printed. */
static int report_format(const struct cli_opts *o, int *format)
{
	int f = report_format_parse(o->format, o->out);
	if (f < 0) {
		cli_usage_error(_("--format %s: text, csv or xlsx are accepted"), o->format);
		return -1;
	}
	if (o->encoding) {
		int gbk = strcasecmp(o->encoding, "gbk") == 0 || strcasecmp(o->encoding, "gb18030") == 0;
		if (!gbk && strcasecmp(o->encoding, "utf-8") != 0 && strcasecmp(o->encoding, "utf8") != 0) {
			cli_usage_error(_("--encoding %s: utf-8 or gbk are accepted"), o->encoding);
			return -1;
		}
		if (gbk && f != SHEET_CSV && f != SHEET_CSV_GBK) {
			cli_usage_error("%s", _("--encoding gbk is for CSV files: add --format csv"));
			return -1;
		}
		if (gbk)
			f = SHEET_CSV_GBK;
	}
	int zmodem = o->dest && print_dest_parse(o->dest) == PRINT_ZMODEM;
	if (f == SHEET_XLSX && (!o->out || strcmp(o->out, "-") == 0) && !zmodem) {
		cli_usage_error("%s", _("--format xlsx needs -o FILE: a workbook cannot go to the terminal"));
		return -1;
	}
	*format = f;
	return 0;
}

/* --dest checked before anything is opened: -1 after a usage error was printed. */
static int report_dest_check(const struct cli_opts *o, int format)
{
	if (!o->dest)
		return 0;
	int dest = print_dest_parse(o->dest);
	if (dest < 0) {
		cli_usage_error(_("--dest %s: file, terminal (the printer at your PC), lp (the server's), "
		                  "pdf or zmodem (the file to your PC) are accepted"), o->dest);
		return -1;
	}
	if ((dest == PRINT_TERMINAL || dest == PRINT_LP || dest == PRINT_PDF) && format != REPORT_TEXT) {
		cli_usage_error(_("--dest %s prints the text report: leave out --format, or send a CSV "
		                  "or XLSX file with --dest zmodem"), o->dest);
		return -1;
	}
	if (dest == PRINT_PDF && (!o->out || strcmp(o->out, "-") == 0)) {
		cli_usage_error("%s", _("--dest pdf needs -o FILE.pdf: a PDF cannot go to the terminal"));
		return -1;
	}
	return 0;
}

/* Where the report goes: --dest; else the file -o names; else, for the text report, the worker's
 * printing setting (the file alone is standard output, as before). */
static int report_dest(const struct cli_opts *o, struct jy_db *db, int format, int *dest,
                       struct jy_err *err)
{
	*dest = PRINT_FILE;
	if (o->dest) {
		*dest = print_dest_parse(o->dest);
		return JY_OK;
	}
	if ((o->out && strcmp(o->out, "-") != 0) || format != REPORT_TEXT)
		return JY_OK;
	int rc = print_dest_get(db, dest, err);
	if (rc == JY_OK && *dest == PRINT_PDF)
		rc = err_set(err, JY_EINVAL, NULL, "%s",
		             _("--dest pdf needs -o FILE.pdf: a PDF cannot go to the terminal"));
	return rc;
}

/* The report written to -o, or to a private temporary file named for the period, then sent on
 * (core's print_deliver: the terminal's printer, lp, a PDF at -o, ZMODEM). */
static int report_send(struct jy_db *db, const struct report *r, const struct cli_opts *o,
                       int format, int flags, int dest, struct jy_err *err)
{
	const char *pdf = dest == PRINT_PDF ? o->out : NULL;
	const char *path = dest != PRINT_PDF && o->out && strcmp(o->out, "-") != 0 ? o->out : NULL;
	struct cli_tmp tmp = { 0 };
	int rc = JY_OK;
	if (!path) {
		const char *ext = format == SHEET_XLSX ? "xlsx" : format == REPORT_TEXT ? "txt" : "csv";
		char *name = xasprintf("统计报表-%s.%s", r->cur.label, ext);
		for (char *p = name; *p; p++)
			if (*p == '/' || *p == ' ')
				*p = '-';
		rc = cli_tmp_file(&tmp, name, err);
		free(name);
		path = tmp.path;
	}
	if (rc == JY_OK)
		rc = report_write(db, r, path, format, flags, o->purpose, err);
	if (rc == JY_OK)
		rc = cli_deliver(db, dest, path, pdf, err);
	cli_tmp_remove(&tmp);
	return rc;
}

int cli_report(const struct cli_opts *o)
{
	if (o->nargs > 1)
		return cli_usage_error(_("report takes no argument: %s"), o->args[1]);
	struct period p;
	int rc = report_period(o, &p);
	if (rc)
		return rc;
	int by = BY_NONE;
	if (o->by && (by = report_by_parse(o->by)) < 0)
		return cli_usage_error(_("--by %s: community, street, sex, category or age are accepted"), o->by);
	int cmp = REPORT_CMP_PREV;
	if (o->compare && (cmp = report_cmp_parse(o->compare)) < 0)
		return cli_usage_error(_("--compare %s: prev (the period before, 环比), year (the same period "
		                         "of last year, 同比) or both are accepted"), o->compare);
	if (o->summary && (o->compare || o->ytd))
		return cli_usage_error("%s", _("--summary is against the same period of last year: leave out "
		                               "--compare and --ytd"));
	if (o->ytd)
		cmp |= REPORT_CMP_YTD;
	int format;
	if (report_format(o, &format) < 0 || report_dest_check(o, format) < 0)
		return EXIT_USAGE;

	struct jy_db *db;
	if (cli_open_db(o, 0, &db))     /* read-write: a file of people goes into the audit trail */
		return EXIT_USER;
	struct jy_err err = { 0 };
	struct report *r = NULL;
	/* The lists of residents only for a worker who may see them (a statistician sees figures),
	 * and only with a purpose: a file of people says what it is for. */
	int people = format == SHEET_XLSX && access_may(db, OP_REPORT_PEOPLE);
	int flags = people && o->purpose ? REPORT_WITH_PEOPLE : 0;
	if (people && !o->purpose)
		fprintf(stderr, "%s", _("jiuye: the figures only; --purpose TEXT adds the residents behind them "
		                        "(e.g. --purpose 上报区人社局)\n"));
	int dest = PRINT_FILE;
	rc = access_check(db, OP_REPORT, NULL, &err);
	if (rc == JY_OK)
		rc = report_dest(o, db, format, &dest, &err);
	if (rc == JY_OK)
		rc = o->summary ? report_compute_summary(db, &p, by, &r, &err)
		                : report_compute_cmp(db, &p, by, cmp, &r, &err);
	if (format != REPORT_TEXT)
		cli_stdout_raw();       /* a CSV's bytes, in the encoding its format says */
	if (rc == JY_OK && dest == PRINT_FILE)
		rc = report_write(db, r, o->out, format, flags, o->purpose, &err);
	else if (rc == JY_OK)
		rc = report_send(db, r, o, format, flags, dest, &err);
	report_free(&r);
	db_close(&db);
	if (rc != JY_OK) {
		fprintf(stderr, "jiuye: %s\n", err.msg);
		return EXIT_USER;
	}
	if (dest == PRINT_PDF)
		fprintf(stderr, _("PDF written to %s\n"), path_shown(o->out));
	else if (o->out && strcmp(o->out, "-") != 0)
		fprintf(stderr, _("report for %s written to %s\n"), p.label, path_shown(o->out));
	if (dest == PRINT_LP)
		fprintf(stderr, "%s\n", _("sent to the server's printer (lp)"));
	else if (dest == PRINT_ZMODEM)
		fprintf(stderr, "%s\n", _("sent to your PC (ZMODEM)"));
	return 0;
}
