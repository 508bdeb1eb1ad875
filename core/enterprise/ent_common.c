/* core/enterprise/ent_common.c: the small rules projects and loans share: their codes, the dates
 * a worker types, the resident they belong to, the worker-typed fields checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enterprise/enterprise_int.h"

char *ent_code_canon(const char *code)
{
	char *t = text_clean(code);
	char *c = hanzi_fold(t);
	free(t);
	for (char *p = c; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return c;
}

int ent_find_code(struct jy_db *db, const char *sql, const char *code, const char *what,
                  int64_t *id, struct jy_err *err)
{
	if (text_is_blank(code))
		return JY_ENOTFOUND;
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return JY_EDB;
	char *c = ent_code_canon(code);
	sqlite3_bind_text(st, 1, c, -1, SQLITE_TRANSIENT);
	free(c);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE ? JY_ENOTFOUND : db_fail(db, err, what);
}

int ent_next_code(struct jy_db *db, const char *table, char prefix, char out[24],
                  struct jy_err *err)
{
	/* two statements of static text: the table is one of two constants. Only codes of digits
	 * count: an office's own L-2024-002 is no number 2024 to go on from. */
	static const char proj[] = "SELECT coalesce(max(CAST(substr(code, 3) AS INTEGER)), 0) + 1 "
	                           "FROM project WHERE code GLOB 'P-[0-9]*' "
	                           "AND NOT code GLOB 'P-*[^0-9]*'";
	static const char loan[] = "SELECT coalesce(max(CAST(substr(code, 3) AS INTEGER)), 0) + 1 "
	                           "FROM loan WHERE code GLOB 'L-[0-9]*' AND NOT code GLOB 'L-*[^0-9]*'";
	static const char broker[] = "SELECT coalesce(max(CAST(substr(code, 3) AS INTEGER)), 0) + 1 "
	                             "FROM broker WHERE code GLOB 'B-[0-9]*' "
	                             "AND NOT code GLOB 'B-*[^0-9]*'";
	static const char outlet[] = "SELECT coalesce(max(CAST(substr(code, 3) AS INTEGER)), 0) + 1 "
	                             "FROM outlet WHERE code GLOB 'O-[0-9]*' "
	                             "AND NOT code GLOB 'O-*[^0-9]*'";
	sqlite3_stmt *st = db_prepare(db, strcmp(table, "loan") == 0 ? loan
	                              : strcmp(table, "broker") == 0 ? broker
	                              : strcmp(table, "outlet") == 0 ? outlet : proj, err);
	if (!st)
		return JY_EDB;
	long long n = 1;
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (s != SQLITE_ROW)
		return db_fail(db, err, _("numbering the record"));
	snprintf(out, 24, "%c-%03lld", prefix, n);
	return JY_OK;
}

int ent_date(const char *in, const char *field, char out[11], struct jy_err *err)
{
	char today[11];
	date_today(today);
	if (text_is_blank(in)) {
		memcpy(out, today, 11);
		return JY_OK;
	}
	struct jy_err e = { 0 };
	if (date_parse(in, out, &e))
		return err_set(err, JY_EINVAL, field, "%s", e.msg);
	if (strcmp(out, today) > 0)
		return err_set(err, JY_EINVAL, field, _("%s is after today (%s): record what has "
		               "happened, on the day it did"), out, today);
	return JY_OK;
}

int ent_resident(struct jy_db *db, const char *idno, int op, int64_t *rid, struct jy_err *err)
{
	char canon[19];
	struct jy_err e = { 0 };
	if (text_is_blank(idno))
		return err_set(err, JY_EINVAL, "身份证号", _("required: her ID number, as registered"));
	char birth[11], sex;
	if (idcard_parse(idno, canon, birth, &sex, &e))
		return err_set(err, JY_EINVAL, "身份证号", "%s", e.msg);
	return resident_find_idno_in_scope(db, canon, op, rid, err);
}

int ent_conflict(struct jy_err *err, int64_t id)
{
	err_set(err, JY_ECONFLICT, NULL, _("another worker changed this record after you opened "
	        "it; nothing was saved. Reload to see the change, then make yours again"));
	if (err)
		err->other_id = id;
	return JY_ECONFLICT;
}

int ent_check_fields(struct jy_db *db, const struct field_def *defs, int n, char **v,
                     struct jy_err *err)
{
	for (int f = 0; f < n; f++) {
		char *out = NULL;
		if (defs[f].flags & FF_RO)
			continue;
		if ((defs[f].flags & FF_MONEY) && !text_is_blank(v[f])) {
			int64_t fen;
			if (money_parse(v[f], &fen, defs[f].label, err))
				return JY_EINVAL;
			char y[32];
			money_yuan(fen, y);
			out = xstrdup(y);
		} else {
			int rc = field_check_value(db, &defs[f], v[f], &out, err);
			if (rc)
				return rc;
		}
		free(v[f]);
		v[f] = out;
		if ((defs[f].flags & FF_REQ) && !out)
			return err_set(err, JY_EINVAL, defs[f].label, _("required: %s"), defs[f].label);
	}
	return JY_OK;
}

void ent_fen_field(char **slot)
{
	if (!*slot)
		return;
	char y[32];
	money_yuan(strtoll(*slot, NULL, 10), y);
	free(*slot);
	*slot = xstrdup(y);
}

char *ent_show(const struct field_def *fd, const char *v)
{
	(void)fd;
	return xstrdup(v ? v : "");
}
