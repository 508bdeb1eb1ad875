/* core/registry/export.c: the registry as a file that opens in Excel, WPS and LibreOffice and imports back.
 *
 * The columns are exactly the ones import reads (FF_CSV in RESIDENT_FIELDS, in table order, then
 * 户号 and 与户主关系 of her household today), headed by their Chinese labels; codes are written as their labels, several categories joined
 * by "、" (as the screens show them; import splits on it), the community by its name. The file
 * itself (CSV with a BOM, GBK or XLSX, the formula guard, ID numbers kept as text, the write
 * beside the destination and the rename) is sheet.c's. Rows stream from one SELECT in id order,
 * so a million residents take no more memory than one.
 *
 * A file of people leaves the office: it needs OP_EXPORT and a purpose,
 * holds only the residents of the worker's communities, and its first line (XLSX: a merged row
 * above the header) says 内部资料 含个人信息, who exported it, when and what for. ID numbers and
 * phones are whole only for a role with OP_EXPORT_FULL; for the others they are masked as lists
 * show them and 低保, 特困, 残疾 are left out of the categories, and the line says 已脱敏 (an
 * import refuses such a file: a masked value is never saved over the real one, E3). The export is
 * recorded with its rows and the SHA-256 of the file as written (export_record). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry/registry_int.h"

/* Built once from the field table (column names only, never data); static storage so the
 * statement cache keys on it. ?1: include closed records. */
static char sql_export[2048];

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
	buf_adds(&cols, ", (SELECT h.hh_no FROM household_member m JOIN household h ON h.id = "
	                "m.household_id WHERE m.resident_id = r.id AND m.until IS NULL), "
	                "(SELECT m.relation FROM household_member m WHERE m.resident_id = r.id "
	                "AND m.until IS NULL)");
	snprintf(sql_export, sizeof sql_export,
	         "SELECT r.id%s FROM resident r WHERE (?1 OR r.closed_at IS NULL) "
	         "AND jy_in_scope(r.community) ORDER BY r.id", cols.s);
	buf_free(&cols);
}

/* ---- the registry -------------------------------------------------------------------------- */

/* One stored value as a worker reads it; masked: an ID number or phone as lists show it, no
 * 低保, 特困, 残疾 among the categories, and no 备注 (free text may tell of health or hardship, and
 * a masked file is never imported back). */
static int export_value(struct jy_db *db, const struct code_list *units, int f, const char *v,
                        int masked, struct jy_buf *out, struct jy_err *err)
{
	const struct field_def *fd = &resident_fields[f];
	const struct code_list *cl = NULL;
	const char *l;
	char m[256];

	buf_reset(out);
	if (!v || !*v)
		return JY_OK;
	if (masked && (fd->kind == FK_IDNO || fd->kind == FK_PHONE)) {
		export_mask(fd->kind, v, m, sizeof m);
		buf_adds(out, m);
		return JY_OK;
	}
	if (masked && f == RF_NOTE)
		return JY_OK;
	/* a label that cannot be read fails the export: a file of codes in its place would pass */
	if ((fd->kind == FK_CODE || fd->kind == FK_CODES) &&
	    !(cl = codes_cached(db, fd->list, err)))
		return JY_EDB;
	switch (fd->kind) {
	case FK_CODE:
		l = codes_label(cl, v);
		buf_adds(out, l ? l : v);
		break;
	case FK_CODES: {
		for (const char *s = v; *s;) {
			size_t n = strcspn(s, ",");
			if (masked && category_sensitive(s, n)) {
				s += n + (s[n] == ',');
				continue;
			}
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
	return JY_OK;
}

/* Her household's columns after the fields, as the import reads them back (import.c): the number
 * as recorded, the relation by its label. */
const struct field_def hh_defs[EXPORT_HH_COLS] = {
	{ "hh_no", "户号", "household_no", FK_TEXT, NULL, 20, FF_CSV | FF_DIGITS },
	{ "hh_relation", "与户主关系", "hh_relation", FK_CODE, "hh_relation", 10, FF_CSV },
};

static int export_hh_value(struct jy_db *db, const struct field_def *fd, const char *v,
                           struct jy_buf *out, struct jy_err *err)
{
	buf_reset(out);
	if (!v || !*v)
		return JY_OK;
	const struct code_list *cl = fd->list ? codes_cached(db, fd->list, err) : NULL;
	if (fd->list && !cl)
		return JY_EDB;
	const char *l = cl ? codes_label(cl, v) : NULL;
	buf_adds(out, l ? l : v);
	return JY_OK;
}

struct export_ctx {
	struct jy_db *db;
	int include_closed;
	int masked;
};

static int export_rows(void *ctx, struct sheet *sh, struct jy_err *err)
{
	struct jy_db *db = ((struct export_ctx *)ctx)->db;
	int include_closed = ((struct export_ctx *)ctx)->include_closed;
	int masked = ((struct export_ctx *)ctx)->masked;
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

	struct jy_buf val[RF__COUNT + EXPORT_HH_COLS] = { { 0 } };
	const char *cells[RF__COUNT + EXPORT_HH_COLS];
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int col = 0;
		for (int f = 0; !rc && f < RF__COUNT; f++) {
			if (!(resident_fields[f].flags & FF_CSV))
				continue;
			const char *v = (const char *)sqlite3_column_text(st, col + 1);
			rc = export_value(db, &units, f, v, masked, &val[col], err);
			cells[col] = val[col].s ? val[col].s : "";
			col++;
		}
		for (int i = 0; !rc && i < EXPORT_HH_COLS; i++) {
			const char *v = (const char *)sqlite3_column_text(st, col + 1);
			rc = export_hh_value(db, &hh_defs[i], v, &val[col], err);
			cells[col] = val[col].s ? val[col].s : "";
			col++;
		}
		if (rc || (rc = sheet_row(sh, cells, err)))
			break;
	}
	sqlite3_reset(st);
	if (!rc && s != SQLITE_DONE)
		rc = db_fail(db, err, _("reading the registry"));
	for (int i = 0; i < RF__COUNT + EXPORT_HH_COLS; i++)
		buf_free(&val[i]);
	codes_free(&units);
	return rc;
}

int export_residents(struct jy_db *db, const char *path, int format, int include_closed,
                     const char *purpose, int *rows, struct jy_err *err)
{
	int full;
	char *notice;
	if (rows)
		*rows = 0;
	int rc = export_people_begin(db, purpose, &full, &notice, err);
	if (rc)
		return rc;
	struct export_ctx ctx = { db, include_closed, !full };
	struct sheet_col cols[RF__COUNT + EXPORT_HH_COLS];
	int n = sheet_cols_of_fields(resident_fields, RF__COUNT, FF_CSV, cols);
	n += sheet_cols_of_fields(hh_defs, EXPORT_HH_COLS, FF_CSV, cols + n);
	rc = sheet_export_noted(path, format, notice, "居民名单", cols, n, export_rows, &ctx, rows, err);
	free(notice);
	return rc;
}

int template_residents(struct jy_db *db, const char *path, struct jy_err *err)
{
	/* 性别 and 出生日期 as the import takes them: checked against the ID number, never stored
	 * apart from it, so left empty or filled as the office's ledgers have them */
	struct field_def sex = resident_fields[RF_SEX], birth = resident_fields[RF_BIRTH];
	sex.kind = FK_CODE;
	birth.kind = FK_DATE;
	const struct field_def *defs[RF__COUNT + EXPORT_HH_COLS];
	int n = 0;
	for (int f = 0; f < RF__COUNT; f++)
		if (f == RF_SEX)
			defs[n++] = &sex;
		else if (f == RF_BIRTH)
			defs[n++] = &birth;
		else if (resident_fields[f].flags & FF_CSV)
			defs[n++] = &resident_fields[f];
	for (int i = 0; i < EXPORT_HH_COLS; i++)
		defs[n++] = &hh_defs[i];
	return sheet_template(db, path, "居民名单", defs, n, err);
}
