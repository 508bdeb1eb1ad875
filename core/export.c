/* core/export.c: the registry as a file that opens in Excel, WPS and LibreOffice and imports back.
 *
 * The columns are exactly the ones import reads (FF_CSV in RESIDENT_FIELDS, in table order),
 * headed by their Chinese labels; codes are written as their labels, several categories joined
 * by "、" (as the screens show them; import splits on it), the community by its name. The file
 * itself (CSV with a BOM, GBK or XLSX, the formula guard, ID numbers kept as text, the write
 * beside the destination and the rename) is sheet.c's. Rows stream from one SELECT in id order,
 * so a million residents take no more memory than one.
 *
 * A file of people leaves the office (privacy brief E1, F2, F3): it needs OP_EXPORT and a purpose,
 * holds only the residents of the worker's communities, and its first line (XLSX: a merged row
 * above the header) says 内部资料 含个人信息, who exported it, when and what for. ID numbers and
 * phones are whole only for a role with OP_EXPORT_FULL; for the others they are masked as lists
 * show them and 低保, 特困, 残疾 are left out of the categories, and the line says 已脱敏 (an
 * import refuses such a file: a masked value is never saved over the real one, E3). The export is
 * recorded with its rows and the SHA-256 of the file as written (export_record). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	         "SELECT r.id%s FROM resident r WHERE (?1 OR r.closed_at IS NULL) "
	         "AND jy_in_scope(r.community) ORDER BY r.id", cols.s);
	buf_free(&cols);
}

/* ---- files of people ------------------------------------------------------------------------- */

#define EXPORT_PURPOSE_MAX 60   /* characters: a line, not a letter */

int export_purpose_check(const char *purpose, struct jy_err *err)
{
	if (!purpose || text_is_blank(purpose))
		return err_set(err, JY_EINVAL, "用途",
		               _("a file of people needs its purpose, e.g. 上报区人社局 or 推荐给用人单位"));
	if (!text_valid_utf8(purpose, strlen(purpose)) || text_width(purpose) > 2 * EXPORT_PURPOSE_MAX)
		return err_set(err, JY_EINVAL, "用途", _("the purpose is one short line of text: at most %d "
		                                       "characters"), EXPORT_PURPOSE_MAX);
	return JY_OK;
}

char *export_notice(struct jy_db *db, const char *purpose, int masked)
{
	const struct jy_actor *who = db_actor(db);
	char now[32];
	time_now_iso(now);      /* 2026-11-23T10:15:02+08:00: the minute, as a worker writes it */
	now[10] = ' ';
	now[16] = '\0';
	char *what = text_clean(purpose ? purpose : "");
	for (char *p = what; *p; p++)       /* one line, whatever was typed */
		if (*p == '\r' || *p == '\n' || *p == '\t')
			*p = ' ';
	char *by = who->name[0] && strcmp(who->name, who->os_user) != 0
	           ? xasprintf("%s(%s)", who->name, who->os_user) : xstrdup(who->os_user);
	char *line = xasprintf("%s 导出人：%s 时间：%s 用途：%s%s", EXPORT_NOTICE_MARK " 含个人信息", by, now,
	                       what, masked ? " " EXPORT_NOTICE_MASKED : "");
	free(by);
	free(what);
	return line;
}

int export_people_begin(struct jy_db *db, const char *purpose, int *full, char **notice,
                        struct jy_err *err)
{
	*notice = NULL;
	*full = 0;
	int rc = access_check(db, OP_EXPORT, NULL, err);
	if (rc || (rc = export_purpose_check(purpose, err)))
		return rc;
	*full = access_may(db, OP_EXPORT_FULL);
	*notice = export_notice(db, purpose, !*full);
	return JY_OK;
}

void export_mask(int field_kind, const char *v, char *out, size_t size)
{
	if (field_kind == FK_IDNO)
		mask_idno(v, out, size);
	else if (field_kind == FK_PHONE)
		mask_phone(v, out, size);
	else
		snprintf(out, size, "%s", v ? v : "");
}

int export_record(struct jy_db *db, const char *kind, const char *path, int rows,
                  const char *purpose, int masked, int result, struct jy_err *err)
{
	int to_stdout = !path || !*path || strcmp(path, "-") == 0;
	char hex[65] = "", n[24];
	/* the file as it is on disk now, after the rename: what the trail says is what left */
	if (result == JY_OK && !to_stdout && sheet_sha256(path, hex, NULL) != JY_OK)
		hex[0] = '\0';
	snprintf(n, sizeof n, "%d", rows);
	struct jy_buf b = { 0 };
	buf_adds(&b, "{\"file\":[null,");
	history_json_str(&b, to_stdout ? "-" : path);
	buf_adds(&b, "],\"rows\":[null,");
	history_json_str(&b, n);
	buf_adds(&b, "]");
	if (hex[0]) {
		buf_adds(&b, ",\"sha256\":[null,");
		history_json_str(&b, hex);
		buf_adds(&b, "]");
	}
	if (purpose && *purpose) {
		buf_adds(&b, ",\"purpose\":[null,");
		history_json_str(&b, purpose);
		buf_adds(&b, "],\"masked\":[null,");
		history_json_str(&b, masked ? "1" : "0");
		buf_adds(&b, "]");
	}
	buf_adds(&b, "}");
	int rc = audit_note(db, "export", kind, 0, NULL, b.s, result, err);
	buf_free(&b);
	return rc;
}

/* ---- the registry -------------------------------------------------------------------------- */

/* One stored value as a worker reads it; masked: an ID number or phone as lists show it, no
 * 低保, 特困, 残疾 among the categories, and no 备注 (free text may tell of health or hardship, and
 * a masked file is never imported back). */
static void export_value(struct jy_db *db, const struct code_list *units, int f, const char *v,
                         int masked, struct jy_buf *out)
{
	const struct field_def *fd = &resident_fields[f];
	const char *l;
	char m[256];

	buf_reset(out);
	if (!v || !*v)
		return;
	if (masked && (fd->kind == FK_IDNO || fd->kind == FK_PHONE)) {
		export_mask(fd->kind, v, m, sizeof m);
		buf_adds(out, m);
		return;
	}
	if (masked && f == RF_NOTE)
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

	struct jy_buf val[RF__COUNT] = { { 0 } };
	const char *cells[RF__COUNT];
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int col = 0;
		for (int f = 0; f < RF__COUNT; f++) {
			if (!(resident_fields[f].flags & FF_CSV))
				continue;
			export_value(db, &units, f, (const char *)sqlite3_column_text(st, col + 1), masked,
			             &val[col]);
			cells[col] = val[col].s ? val[col].s : "";
			col++;
		}
		if ((rc = sheet_row(sh, cells, err)))
			break;
	}
	sqlite3_reset(st);
	if (!rc && s != SQLITE_DONE)
		rc = db_fail(db, err, _("reading the registry"));
	for (int i = 0; i < RF__COUNT; i++)
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
	struct sheet_col cols[RF__COUNT];
	int n = sheet_cols_of_fields(resident_fields, RF__COUNT, FF_CSV, cols);
	rc = sheet_export_noted(path, format, notice, "居民名单", cols, n, export_rows, &ctx, rows, err);
	free(notice);
	return rc;
}
