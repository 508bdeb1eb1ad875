/* core/export.c: the registry as a CSV file that opens in Excel and WPS and imports back.
 *
 * The columns are exactly the ones import reads (FF_CSV in RESIDENT_FIELDS, in table order),
 * headed by their Chinese labels; codes are written as their labels, several categories joined
 * by "、" (as the screens show them; import splits on it), the community by its name. UTF-8 with
 * a BOM and CRLF line ends: without the BOM Excel on a Chinese Windows reads the file as GBK and
 * shows mojibake. A cell starting with = + - @ gets a leading apostrophe so that Excel shows it
 * instead of running it; ID numbers and phones are written as plain digits (see csv_write_field
 * for why not ="…"). Rows stream from one SELECT in id order, so a million residents take no more
 * memory than one. A file is written beside its destination and renamed into place, so a failed
 * export never leaves half a file under the name asked for. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db_int.h"

/* Built once from the field table (column names only, never data); static storage so the
 * statement cache keys on it. ?1: include closed records. */
static char sql_export[1024];

static void sql_export_build(void)
{
	if (sql_export[0])
		return;
	struct jy_buf cols = { 0 };
	for (int f = 0; f < RF__COUNT; f++) {
		if (!(resident_fields[f].flags & FF_CSV))
			continue;
		if (resident_fields[f].kind == FK_CODES)   /* categories: their own dated table */
			buf_adds(&cols, ", (SELECT group_concat(category, ',') FROM (SELECT category FROM "
			                "resident_category WHERE resident_id = r.id ORDER BY category))");
		else
			buf_addf(&cols, ", r.%s", resident_fields[f].col);
	}
	snprintf(sql_export, sizeof sql_export,
	         "SELECT r.id%s FROM resident r WHERE ?1 OR r.closed_at IS NULL ORDER BY r.id", cols.s);
	buf_free(&cols);
}

/* One stored value as a worker reads it. */
static void export_value(struct jy_db *db, const struct code_list *units, int f, const char *v,
                         struct jy_buf *out)
{
	const struct field_def *fd = &resident_fields[f];
	const char *l;

	buf_reset(out);
	if (!v || !*v)
		return;
	switch (fd->kind) {
	case FK_CODE:
		l = codes_label(codes_cached(db, fd->list), v);
		buf_adds(out, l ? l : v);
		break;
	case FK_CODES: {
		const struct code_list *cl = codes_cached(db, fd->list);
		for (const char *s = v; *s;) {
			size_t n = strcspn(s, ",");
			char code[64];
			snprintf(code, sizeof code, "%.*s", (int)n, s);
			l = codes_label(cl, code);
			buf_addf(out, "%s%s", out->len ? "、" : "", l ? l : code);
			s += n + (s[n] == ',');
		}
		break;
	}
	case FK_UNIT:
		l = codes_label(units, v);
		buf_adds(out, l ? l : v);
		break;
	case FK_BOOL:
		buf_adds(out, strcmp(v, "1") == 0 ? "是" : "否");
		break;
	default:
		buf_adds(out, v);
		break;
	}
}

static int export_rows(struct jy_db *db, FILE *fp, int include_closed, int *rows, struct jy_err *err)
{
	struct code_list units;
	int rc = units_load(db, &units, err);
	if (rc)
		return rc;
	sql_export_build();
	sqlite3_stmt *st = db_prepare(db, sql_export, err);
	if (!st) {
		codes_free(&units);
		return JY_EDB;
	}
	sqlite3_bind_int(st, 1, include_closed != 0);

	struct jy_buf line = { 0 }, val = { 0 };
	buf_adds(&line, "\xEF\xBB\xBF");
	for (int f = 0, first = 1; f < RF__COUNT; f++)
		if (resident_fields[f].flags & FF_CSV) {
			buf_adds(&line, first ? "" : ",");
			csv_write_field(&line, resident_fields[f].label);
			first = 0;
		}
	buf_adds(&line, "\r\n");
	fwrite(line.s, 1, line.len, fp);

	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		buf_reset(&line);
		for (int f = 0, col = 1; f < RF__COUNT; f++) {
			if (!(resident_fields[f].flags & FF_CSV))
				continue;
			export_value(db, &units, f, (const char *)sqlite3_column_text(st, col), &val);
			buf_adds(&line, col++ > 1 ? "," : "");
			if (val.len && strchr("=+-@", val.s[0])) {
				/* A note typed as "=HYPERLINK(…)" would run as a formula when the file is
				 * opened in Excel or WPS (CSV injection, OWASP): written as text with a
				 * leading apostrophe, which import.c takes off again. */
				char *guarded = xasprintf("'%s", val.s);
				csv_write_field(&line, guarded);
				free(guarded);
			} else {
				csv_write_field(&line, val.s);
			}
		}
		buf_adds(&line, "\r\n");
		if (fwrite(line.s, 1, line.len, fp) != line.len)
			break;
		(*rows)++;
	}
	sqlite3_reset(st);
	if (s != SQLITE_DONE && s != SQLITE_ROW)
		rc = db_fail(db, err, _("reading the registry"));
	buf_free(&line);
	buf_free(&val);
	codes_free(&units);
	return rc;
}

int export_residents(struct jy_db *db, const char *path, int include_closed, int *rows,
                     struct jy_err *err)
{
	int n = 0, rc;
	if (!rows)
		rows = &n;
	*rows = 0;
	if (!path || strcmp(path, "-") == 0) {
		rc = export_rows(db, stdout, include_closed, rows, err);
		if (fflush(stdout) != 0 || ferror(stdout))
			rc = rc ? rc : err_set(err, JY_EIO, NULL, _("writing the export: %s"), strerror(errno));
		return rc;
	}
	char *tmp = xasprintf("%s.tmp", path);
	FILE *fp = fopen(tmp, "wb");
	if (!fp) {
		rc = err_set(err, JY_EIO, NULL, _("%s: cannot write the file: %s"), path, strerror(errno));
		free(tmp);
		return rc;
	}
	rc = export_rows(db, fp, include_closed, rows, err);
	int bad = ferror(fp);
	int e = errno;
	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0)
		bad = 1, e = errno;
	if (fclose(fp) != 0 && !bad)
		bad = 1, e = errno;
	if (!rc && bad)
		rc = err_set(err, JY_EIO, NULL, _("%s: cannot write the file: %s"), path, strerror(e));
	if (!rc && rename(tmp, path) != 0)
		rc = err_set(err, JY_EIO, NULL, _("%s: cannot write the file: %s"), path, strerror(errno));
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}
