/* core/resident.c: the registry's rules. Validating a record, saving it (with its history and
 * search keys), optimistic concurrency, duplicates, closing, and the bulk path for imports.
 *
 * One table (RESIDENT_FIELDS in core.h) drives the SQL, so adding a field is one line there and
 * one column in a migration. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db_int.h"

const struct field_def resident_fields[RF__COUNT] = { RESIDENT_FIELDS(FIELD_DEF_ROW) };

/* Categories live in their own dated table; every other field is a column of resident. */
static int field_is_column(int f)
{
	return f != RF_CATEGORIES;
}

int resident_field_by_header(const char *header)
{
	return field_find_header(resident_fields, RF__COUNT, header);
}

int resident_field_by_col(const char *col)
{
	return field_find_col(resident_fields, RF__COUNT, col);
}

struct resident *resident_new(void)
{
	return xcalloc(1, sizeof(struct resident));
}

void resident_free(struct resident **pr)
{
	struct resident *r = *pr;
	if (!r)
		return;
	field_values_free(r->v, RF__COUNT);
	free(r->closed_at);
	free(r->close_reason);
	free(r->created_at);
	free(r->updated_at);
	free(r->updated_by);
	free(r);
	*pr = NULL;
}

struct resident *resident_dup(const struct resident *r)
{
	struct resident *d = resident_new();
	d->id = r->id;
	d->version = r->version;
	memcpy(d->reg_no, r->reg_no, sizeof d->reg_no);
	field_values_dup(d->v, r->v, RF__COUNT);
	d->closed_at = xstrdup(r->closed_at);
	d->close_reason = xstrdup(r->close_reason);
	d->created_at = xstrdup(r->created_at);
	d->updated_at = xstrdup(r->updated_at);
	d->updated_by = xstrdup(r->updated_by);
	return d;
}

void resident_set(struct resident *r, int field, const char *value)
{
	field_value_set(&r->v[field], value);
}

const char *resident_get(const struct resident *r, int field)
{
	return field_value_get(r->v[field]);
}

/* ---- validation ---------------------------------------------------------------------------- */

/* Full-width digits and the ideographic space are common from Chinese input methods. */
static void phone_digits(const char *in, char *out, size_t size, int *had_dash)
{
	size_t n = 0;
	*had_dash = 0;
	for (const unsigned char *p = (const unsigned char *)in; *p && n + 1 < size;) {
		if (*p >= '0' && *p <= '9') {
			out[n++] = (char)*p++;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
			out[n++] = (char)('0' + p[2] - 0x90);
			p += 3;
		} else if (*p == '-' || (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8D)) {
			if (n > 0 && out[n - 1] != '-')
				out[n++] = '-', *had_dash = 1;
			p += *p == '-' ? 1 : 3;
		} else if (*p == ' ' || *p == '(' || *p == ')') {
			p++;
		} else {
			out[0] = 'x';   /* anything else makes it invalid */
			n = 1;
			break;
		}
	}
	out[n] = '\0';
}

/* 11-digit mobile (1[3-9]…) or a landline with its area code (0 + 2–3 digits, then 7–8 digits). */
static int phone_check(const char *in, char out[24], struct jy_err *err, const char *label)
{
	char d[32];
	int dash;
	phone_digits(in, d, sizeof d, &dash);
	char digits[32];
	size_t n = 0;
	for (const char *p = d; *p && n + 1 < sizeof digits; p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
		else if (*p != '-')
			n = 99;
	if (n < sizeof digits)
		digits[n] = '\0';
	if (n == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9') {
		snprintf(out, 24, "%.23s", digits);
		return JY_OK;
	}
	if (n >= 10 && n <= 12 && digits[0] == '0' && digits[1] != '0') {
		snprintf(out, 24, "%.23s", dash ? d : digits);
		return JY_OK;
	}
	return err_set(err, JY_EINVAL, label,
	               _("\"%s\" is not a phone number; use an 11-digit mobile number such as "
	                 "13800000101, or a landline with its area code such as 0571-87654321"), in);
}

static int bool_parse(const char *in, const char **out)
{
	static const char *const yes[] = { "1", "是", "有", "y", "yes", "true", "√" };
	static const char *const no[] = { "0", "否", "无", "n", "no", "false", "×" };
	for (size_t i = 0; i < ARRAY_LEN(yes); i++)
		if (strcasecmp(in, yes[i]) == 0)
			return *out = "1", 1;
	for (size_t i = 0; i < ARRAY_LEN(no); i++)
		if (strcasecmp(in, no[i]) == 0)
			return *out = "0", 1;
	return 0;
}

static int code_check(struct jy_db *db, int f, const char *in, char **out, struct jy_err *err)
{
	const struct field_def *fd = &resident_fields[f];
	const struct code_list *cl = codes_cached(db, fd->list);
	const char *code = codes_find(cl, in);
	if (code) {
		*out = xstrdup(code);
		return JY_OK;
	}
	char *hint = codes_hint(cl);
	err_set(err, JY_EINVAL, fd->label, _("\"%s\" is not in the list; accepted: %s"), in, hint);
	free(hint);
	return JY_EINVAL;
}

/* Several categories separated by any of , ; ， ； 、 / | or spaces; stored as codes joined by ','. */
static int codes_check(struct jy_db *db, int f, const char *in, char **out, struct jy_err *err)
{
	static const char *const seps[] = { ",", ";", "，", "；", "、", "/", "|", " ", "　" };
	const struct code_list *cl = codes_cached(db, resident_fields[f].list);
	struct jy_buf b = { 0 };
	const char *p = in;
	while (*p) {
		size_t tok = strlen(p), skip = 0;
		for (size_t i = 0; i < ARRAY_LEN(seps); i++) {
			const char *q = strstr(p, seps[i]);
			if (q && (size_t)(q - p) < tok)
				tok = (size_t)(q - p), skip = strlen(seps[i]);
		}
		if (tok > 0) {
			char *t = xstrndup(p, tok);
			char *code = NULL;
			int rc = code_check(db, f, t, &code, err);
			free(t);
			if (rc) {
				buf_free(&b);
				return rc;
			}
			/* keep each code once */
			size_t cl_len = strlen(code);
			int seen = 0;
			for (const char *s = b.s; s && *s;) {
				size_t n = strcspn(s, ",");
				if (n == cl_len && strncmp(s, code, n) == 0)
					seen = 1;
				s += n + (s[n] == ',');
			}
			if (!seen)
				buf_addf(&b, "%s%s", b.len ? "," : "", code);
			free(code);
		}
		p += tok + skip;
		if (!skip)
			break;
	}
	(void)cl;
	*out = b.len ? buf_steal(&b) : NULL;
	buf_free(&b);
	return JY_OK;
}

/* Is s already what text_clean makes of it? Printable ASCII and the CJK ideographs U+4000-U+9FFF
 * (three-byte UTF-8 led by E4-E9): no control, invisible or separator character, nothing NFC
 * changes, no space at either end. Nearly every cell of an import is, and text_clean's
 * normalisation was a tenth of a bulk load. */
static int text_is_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	if (*p == ' ')
		return 0;
	while (*p) {
		if (*p >= 0x20 && *p < 0x7F) {
			if (*p == ' ' && !p[1])
				return 0;
			p++;
		} else if (*p >= 0xE4 && *p <= 0xE9 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
			p += 3;
		} else {
			return 0;
		}
	}
	return 1;
}

/* Check and canonicalise one field's value; *out gets the stored form (NULL when empty). */
static int field_check(struct jy_db *db, int f, const char *in, char **out, struct jy_err *err)
{
	const struct field_def *fd = &resident_fields[f];
	char buf[32];
	*out = NULL;
	if (!in || !*in)
		return JY_OK;
	int clean = text_is_clean(in);
	if (!clean && text_is_blank(in))
		return JY_OK;
	char *v = clean ? xstrdup(in) : text_clean(in);
	int rc = JY_OK;
	switch (fd->kind) {
	case FK_TEXT:
		if (text_chars(v) > (size_t)fd->max)
			rc = err_set(err, JY_EINVAL, fd->label, _("too long: at most %d characters (%zu given)"),
			             fd->max, text_chars(v));
		else
			*out = xstrdup(v);
		break;
	case FK_IDNO: {
		char id[19], birth[11], sex;
		rc = idcard_parse(v, id, birth, &sex, err);
		if (rc)
			snprintf(err->field, sizeof err->field, "%s", fd->label);
		else
			*out = xstrdup(id);
		break;
	}
	case FK_PHONE: {
		char ph[24];
		rc = phone_check(v, ph, err, fd->label);
		if (!rc)
			*out = xstrdup(ph);
		break;
	}
	case FK_DATE:
		rc = date_parse(v, buf, err);
		if (rc && err)
			snprintf(err->field, sizeof err->field, "%s", fd->label);
		else if (!rc)
			*out = xstrdup(buf);
		break;
	case FK_CODE:
		rc = code_check(db, f, v, out, err);
		break;
	case FK_CODES:
		rc = codes_check(db, f, v, out, err);
		break;
	case FK_BOOL: {
		const char *b;
		if (bool_parse(v, &b))
			*out = xstrdup(b);
		else
			rc = err_set(err, JY_EINVAL, fd->label, _("\"%s\" is not yes or no; use 是 or 否 (1 or 0)"), v);
		break;
	}
	case FK_UNIT: {
		/* code or name, from the cached list: an import checks this on every row */
		const struct code_list *units = codes_cached(db, "@units");
		const char *code = codes_find(units, v);
		if (code) {
			*out = xstrdup(code);
		} else {
			char *hint = codes_hint(units);
			rc = err_set(err, JY_EINVAL, fd->label, _("\"%s\" is not a community of this office; accepted: %s"),
			             v, hint);
			free(hint);
		}
		break;
	}
	case FK_DERIVED:
		*out = xstrdup(v);
		break;
	}
	free(v);
	return rc;
}

int resident_check_field(struct jy_db *db, int field, const char *value, char **out,
                         struct jy_err *err)
{
	*out = NULL;
	if (field < 0 || field >= RF__COUNT || resident_fields[field].kind == FK_DERIVED)
		return err_set(err, JY_EINVAL, NULL, "no such field");
	if (field == RF_IDNO && !text_is_blank(value)) {
		char id[19], birth[11], sex;
		int rc = idcard_parse(value, id, birth, &sex, err);
		if (rc) {
			if (err)
				snprintf(err->field, sizeof err->field, "%s", resident_fields[field].label);
			return rc;
		}
		*out = xstrdup(id);
		return JY_OK;
	}
	return field_check(db, field, value, out, err);
}

int resident_validate(struct jy_db *db, struct resident *r, struct jy_err *err)
{
	char birth[11] = "", sex = 0;
	for (int f = 0; f < RF__COUNT; f++) {
		if (resident_fields[f].kind == FK_DERIVED)
			continue;
		char *v = NULL;
		int rc;
		if (f == RF_IDNO && !text_is_blank(r->v[f])) {
			/* Birth date and sex come from the ID number; they are never typed twice. */
			char id[19];
			rc = idcard_parse(r->v[f], id, birth, &sex, err);
			if (!rc)
				v = xstrdup(id);
			else if (err)
				snprintf(err->field, sizeof err->field, "%s", resident_fields[f].label);
		} else {
			rc = field_check(db, f, r->v[f], &v, err);
		}
		if (rc) {
			free(v);
			return rc;
		}
		free(r->v[f]);
		r->v[f] = v;
		if ((resident_fields[f].flags & FF_REQ) && !v)
			return err_set(err, JY_EINVAL, resident_fields[f].label,
			               f == RF_IDNO ? _("required: the 18-character resident ID number")
			                            : _("required"));
	}
	resident_set(r, RF_BIRTH, birth);
	resident_set(r, RF_SEX, sex == 'M' ? "1" : "2");
	return JY_OK;
}

char *resident_display(struct jy_db *db, const struct resident *r, int field)
{
	const struct field_def *fd = &resident_fields[field];
	const char *v = resident_get(r, field);
	if (!*v)
		return xstrdup("");
	if (fd->kind == FK_BOOL)
		return xstrdup(strcmp(v, "1") == 0 ? "是" : "否");
	if (fd->kind == FK_UNIT) {
		sqlite3_stmt *st = db_prepare(db, "SELECT name FROM unit WHERE code = ?1", NULL);
		char *name = NULL;
		if (st) {
			sqlite3_bind_text(st, 1, v, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(st) == SQLITE_ROW)
				name = db_col_str(st, 0);
			sqlite3_reset(st);
		}
		return name ? name : xstrdup(v);
	}
	if (!fd->list)
		return xstrdup(v);
	const struct code_list *cl = codes_cached(db, fd->list);
	if (fd->kind != FK_CODES) {
		const char *l = codes_label(cl, v);
		return xstrdup(l ? l : v);
	}
	struct jy_buf b = { 0 };
	for (const char *s = v; *s;) {
		size_t n = strcspn(s, ",");
		char *code = xstrndup(s, n);
		const char *l = codes_label(cl, code);
		buf_addf(&b, "%s%s", b.len ? "、" : "", l ? l : code);
		free(code);
		s += n + (s[n] == ',');
	}
	return buf_steal(&b);
}

/* ---- SQL built once from the field table (column names only, never user data) ---------------- */

static char sql_insert[1024], sql_update[1024], sql_select[1024];

static void sql_build(void)
{
	if (sql_insert[0])
		return;
	struct jy_buf cols = { 0 }, vals = { 0 }, sets = { 0 };
	int n = 0;
	for (int f = 0; f < RF__COUNT; f++) {
		if (!field_is_column(f))
			continue;
		n++;
		buf_addf(&cols, ", %s", resident_fields[f].col);
		buf_addf(&vals, ", ?%d", n + 7);
		buf_addf(&sets, "%s%s = ?%d", n > 1 ? ", " : "", resident_fields[f].col, n + 7);
	}
	/* ?1 id, ?2 reg_no, ?3 now, ?4 worker, ?5 version expected, ?6/?7 spare; fields from ?8 */
	snprintf(sql_insert, sizeof sql_insert,
	         "INSERT INTO resident(id, reg_no, created_at, created_by, updated_at, updated_by%s) "
	         "VALUES (?1, ?2, ?3, ?4, ?3, ?4%s)", cols.s, vals.s);
	snprintf(sql_update, sizeof sql_update,
	         "UPDATE resident SET %s, version = version + 1, updated_at = ?3, updated_by = ?4 "
	         "WHERE id = ?1 AND version = ?5", sets.s);
	snprintf(sql_select, sizeof sql_select,
	         "SELECT id, reg_no, version, closed_at, close_reason, created_at, updated_at, updated_by%s, "
	         "(SELECT group_concat(category, ',') FROM "
	         "(SELECT category FROM resident_category WHERE resident_id = resident.id ORDER BY category)) "
	         "FROM resident WHERE id = ?1", cols.s);
	buf_free(&cols);
	buf_free(&vals);
	buf_free(&sets);
}

static void bind_fields(sqlite3_stmt *st, const struct resident *r)
{
	int n = 0;
	for (int f = 0; f < RF__COUNT; f++) {
		if (!field_is_column(f))
			continue;
		n++;
		if (resident_fields[f].kind == FK_BOOL)
			sqlite3_bind_int(st, n + 7, r->v[f] && strcmp(r->v[f], "1") == 0);
		else
			db_bind_text(st, n + 7, r->v[f]);
	}
}

/* The place of field f among the resident table's field columns (sql_build's order). */
static int column_index(int f)
{
	int n = 0;
	for (int i = 0; i < f; i++)
		n += field_is_column(i);
	return n;
}

int resident_load(struct jy_db *db, int64_t id, struct resident **out, struct jy_err *err)
{
	*out = NULL;
	sql_build();
	sqlite3_stmt *st = db_prepare(db, sql_select, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return err_set(err, JY_ENOTFOUND, NULL, _("resident %lld not found"), (long long)id);
		return db_fail(db, err, _("reading a resident"));
	}
	/* What this worker may see: her role, and the record's community in her scope. */
	const char *community = (const char *)sqlite3_column_text(st, 8 + column_index(RF_COMMUNITY));
	int denied = access_check(db, OP_VIEW, community ? community : "", err);
	if (denied) {
		sqlite3_reset(st);
		return denied;
	}
	struct resident *r = resident_new();
	r->id = sqlite3_column_int64(st, 0);
	db_col_copy(st, 1, r->reg_no, sizeof r->reg_no);
	r->version = sqlite3_column_int64(st, 2);
	r->closed_at = db_col_str(st, 3);
	r->close_reason = db_col_str(st, 4);
	r->created_at = db_col_str(st, 5);
	r->updated_at = db_col_str(st, 6);
	r->updated_by = db_col_str(st, 7);
	int col = 8;
	for (int f = 0; f < RF__COUNT; f++) {
		if (!field_is_column(f))
			continue;
		if (resident_fields[f].kind == FK_BOOL)
			r->v[f] = xstrdup(sqlite3_column_int(st, col) ? "1" : "0");
		else
			r->v[f] = db_col_str(st, col);
		col++;
	}
	r->v[RF_CATEGORIES] = db_col_str(st, col);
	sqlite3_reset(st);
	*out = r;
	return JY_OK;
}

int resident_find_idno(struct jy_db *db, const char *idno, int64_t *id)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM resident WHERE id_no = ?1", NULL);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, idno, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? JY_OK : JY_ENOTFOUND;
}

/* Name and registration number of a resident, for messages. */
static void resident_label(struct jy_db *db, int64_t id, char *out, size_t size)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT name, reg_no FROM resident WHERE id = ?1", NULL);
	snprintf(out, size, "#%lld", (long long)id);
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, size, "%s (%s)", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
	sqlite3_reset(st);
}

int resident_check_dup(struct jy_db *db, const struct resident *r, struct jy_err *err)
{
	char who[96];
	int64_t other;
	char id[19], birth[11], sex;
	if (r->v[RF_IDNO] && idcard_parse(r->v[RF_IDNO], id, birth, &sex, NULL) == JY_OK &&
	    resident_find_idno(db, id, &other) == JY_OK && other != r->id) {
		resident_label(db, other, who, sizeof who);
		err_set(err, JY_EDUP, resident_fields[RF_IDNO].label,
		        _("this ID number is already registered: %s"), who);
		if (err)
			err->other_id = other;
		return JY_EDUP;
	}
	const char *name = r->v[RF_NAME];
	const char *b = r->v[RF_BIRTH];
	if (r->v[RF_IDNO] && idcard_parse(r->v[RF_IDNO], id, birth, &sex, NULL) == JY_OK)
		b = birth;
	char *key = name && b ? search_name_key(name) : NULL;
	if (!key)
		return JY_OK;
	/* The people of that name through the search index's whole-name key, then their birth dates:
	 * an index on (name, birth) for this question alone cost every load half of its resident
	 * row's time (009_speed.sql). CROSS JOIN: the key first, whatever the planner guesses. */
	sqlite3_stmt *st = db_prepare(db,
		"SELECT r.id FROM search_key s CROSS JOIN resident r ON r.id = s.resident_id "
		"WHERE s.key = ?4 AND r.name = ?1 AND r.birth = ?2 AND r.id <> ?3 "
		"ORDER BY s.resident_id LIMIT 1", NULL);
	int found = 0;
	if (st) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, r->id);
		sqlite3_bind_text(st, 4, key, -1, SQLITE_TRANSIENT);
		found = sqlite3_step(st) == SQLITE_ROW;
		other = found ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
	}
	free(key);
	if (found) {
		resident_label(db, other, who, sizeof who);
		err_set(err, JY_OK, resident_fields[RF_NAME].label,
		        _("same name and birth date as %s: the same person?"), who);
		if (err) {
			err->warn = 1;
			err->other_id = other;
		}
	}
	return JY_OK;
}

/* ---- saving -------------------------------------------------------------------------------- */

/* Is the code s[0..n) one of the comma-separated codes of list? */
static int code_in_list(const char *list, const char *s, size_t n)
{
	for (const char *p = list ? list : ""; *p;) {
		size_t m = strcspn(p, ",");
		if (m == n && strncmp(p, s, n) == 0)
			return 1;
		p += m + (p[m] == ',');
	}
	return 0;
}

static int categories_sync(struct jy_db *db, int64_t id, const char *old, const char *now_codes,
                           const char *today, struct jy_err *err)
{
	sqlite3_stmt *del = db_prepare(db,
		"DELETE FROM resident_category WHERE resident_id = ?1 AND category = ?2", err);
	if (!del)
		return JY_EDB;
	for (const char *s = old ? old : ""; *s;) {
		size_t n = strcspn(s, ",");
		if (code_in_list(now_codes, s, n)) {   /* kept: its since date stays (reports use it) */
			s += n + (s[n] == ',');
			continue;
		}
		sqlite3_reset(del);
		sqlite3_bind_int64(del, 1, id);
		sqlite3_bind_text(del, 2, s, (int)n, SQLITE_TRANSIENT);
		if (sqlite3_step(del) != SQLITE_DONE)
			return db_fail(db, err, _("saving categories"));
		s += n + (s[n] == ',');
	}
	sqlite3_reset(del);
	sqlite3_stmt *ins = db_prepare(db,
		"INSERT OR IGNORE INTO resident_category(resident_id, category, since) VALUES (?1, ?2, ?3)", err);
	if (!ins)
		return JY_EDB;
	for (const char *s = now_codes ? now_codes : ""; *s;) {
		size_t n = strcspn(s, ",");
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, id);
		sqlite3_bind_text(ins, 2, s, (int)n, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 3, today, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE)
			return db_fail(db, err, _("saving categories"));
		s += n + (s[n] == ',');
	}
	sqlite3_reset(ins);
	return JY_OK;
}

static int str_eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* {"col":[old,new],…} for the fields that differ (old NULL: a new record). Caller frees; NULL
 * when nothing differs. */
static char *changes_json(const struct resident *old, const struct resident *now)
{
	struct jy_buf b = { 0 };
	for (int f = 0; f < RF__COUNT; f++) {
		const char *o = old ? old->v[f] : NULL;
		if (str_eq(o, now->v[f]))
			continue;
		buf_adds(&b, b.len ? "," : "{");
		history_json_str(&b, resident_fields[f].col);
		buf_adds(&b, ":[");
		history_json_str(&b, o && *o ? o : NULL);
		buf_adds(&b, ",");
		history_json_str(&b, now->v[f] && *now->v[f] ? now->v[f] : NULL);
		buf_adds(&b, "]");
	}
	if (!b.len)
		return NULL;
	buf_adds(&b, "}");
	return buf_steal(&b);
}

/* Defaults a new registration gets: today's date, status 失业 (the reason people register). */
static void resident_defaults(struct resident *r)
{
	char today[11];
	date_today(today);
	if (!r->v[RF_REGDATE])
		resident_set(r, RF_REGDATE, today);
	if (!r->v[RF_STATUS])
		resident_set(r, RF_STATUS, "10");
	if (!r->v[RF_BENEFIT])
		resident_set(r, RF_BENEFIT, "0");
	if (!r->v[RF_DIBAO])
		resident_set(r, RF_DIBAO, "0");
}

static int dup_idno(struct jy_db *db, const char *idno, struct jy_err *err)
{
	int64_t other = 0;
	char who[96] = "?";
	if (resident_find_idno(db, idno, &other) == JY_OK)
		resident_label(db, other, who, sizeof who);
	err_set(err, JY_EDUP, resident_fields[RF_IDNO].label,
	        _("this ID number is already registered: %s"), who);
	if (err)
		err->other_id = other;
	return JY_EDUP;
}

/* The id is max + 1 (a rowid may never be reused: history refers to it). The resident row is the
 * first write, and its unique ID-number index refuses a duplicate before anything is stored. */
static int64_t resident_next_id(struct jy_db *db)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT coalesce(max(id), 0) + 1 FROM resident", NULL);
	if (!st)
		return 0;
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return id;
}

static int resident_insert(struct jy_db *db, struct resident *r, int64_t id, struct jy_err *err)
{
	sqlite3_stmt *st;
	if (id <= 0)
		return db_fail(db, err, _("saving the resident"));
	char now[32];
	time_now_iso(now);
	resident_defaults(r);
	snprintf(r->reg_no, sizeof r->reg_no, "R-%06lld", (long long)id);
	sql_build();
	if (!(st = db_prepare(db, sql_insert, err)))
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, r->reg_no, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, db->who.os_user, -1, SQLITE_TRANSIENT);
	bind_fields(st, r);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db->h) == SQLITE_CONSTRAINT_UNIQUE)
			return dup_idno(db, r->v[RF_IDNO], err);
		return db_fail(db, err, _("saving the resident"));
	}
	r->id = id;
	r->version = 1;
	rc = categories_sync(db, id, NULL, r->v[RF_CATEGORIES], r->v[RF_REGDATE], err);
	if (!rc)
		/* stored untranslated: the screens translate it for whoever reads it */
		rc = status_event_row(db, id, r->v[RF_REGDATE], r->v[RF_STATUS], NULL, NULL, N_("registered"), err);
	if (!rc)
		rc = search_index_resident(db, id, NULL, NULL, NULL, r->v[RF_NAME], r->v[RF_IDNO],
		                           r->v[RF_PHONE], err);
	/* The creation is recorded without values: the first values are the record's current ones
	 * with every later change (each stored with its old value) undone, so storing them again
	 * would only double the file. */
	if (!rc)
		rc = history_add(db, "resident", id, "create", NULL, err);
	return rc;
}

/* Who changed the record last, for the conflict message. */
static int conflict(struct jy_db *db, const struct resident *mine, struct jy_err *err)
{
	struct resident *cur = NULL;
	if (resident_load(db, mine->id, &cur, NULL) != JY_OK)
		return err_set(err, JY_ENOTFOUND, NULL, _("the record no longer exists"));
	err_set(err, JY_ECONFLICT, NULL,
	        _("%s changed this record at %s after you opened it; nothing was saved. "
	          "Reload to see the change, then make yours again"),
	        cur->updated_by ? cur->updated_by : "?", cur->updated_at ? cur->updated_at : "?");
	err->other_id = mine->id;
	resident_free(&cur);
	return JY_ECONFLICT;
}

/* old: the record as resident_save loaded it before the write lock. Safe to compare with: the
 * UPDATE below holds only while the row still has the version r was loaded at, so any change in
 * between is a conflict, never a lost update. */
static int resident_update(struct jy_db *db, struct resident *r, const struct resident *old,
                           struct jy_err *err)
{
	int rc;
	if (old->version != r->version)
		return conflict(db, r, err);
	int64_t other;
	if (!str_eq(old->v[RF_IDNO], r->v[RF_IDNO]) &&
	    resident_find_idno(db, r->v[RF_IDNO], &other) == JY_OK && other != r->id) {
		char who[96];
		resident_label(db, other, who, sizeof who);
		err_set(err, JY_EDUP, resident_fields[RF_IDNO].label,
		        _("this ID number is already registered: %s"), who);
		err->other_id = other;
		return JY_EDUP;
	}
	char *json = changes_json(old, r);
	if (!json)
		return JY_OK;           /* nothing changed: no new version, no history */
	char now[32], today[11];
	time_now_iso(now);
	date_today(today);
	sql_build();
	sqlite3_stmt *st = db_prepare(db, sql_update, err);
	if (!st) {
		rc = JY_EDB;
		goto out;
	}
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, db->who.os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, r->version);
	bind_fields(st, r);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = db_fail(db, err, _("saving the resident"));
		goto out;
	}
	if (sqlite3_changes(db->h) != 1) {
		rc = conflict(db, r, err);
		goto out;
	}
	rc = JY_OK;
	if (!str_eq(old->v[RF_CATEGORIES], r->v[RF_CATEGORIES]))
		rc = categories_sync(db, r->id, old->v[RF_CATEGORIES], r->v[RF_CATEGORIES], today, err);
	if (!rc && !str_eq(old->v[RF_STATUS], r->v[RF_STATUS]) && r->v[RF_STATUS])
		rc = status_event_row(db, r->id, today, r->v[RF_STATUS], NULL, NULL, NULL, err);
	if (!rc && (!str_eq(old->v[RF_NAME], r->v[RF_NAME]) || !str_eq(old->v[RF_IDNO], r->v[RF_IDNO]) ||
	            !str_eq(old->v[RF_PHONE], r->v[RF_PHONE])))
		rc = search_index_resident(db, r->id, old->v[RF_NAME], old->v[RF_IDNO], old->v[RF_PHONE],
		                           r->v[RF_NAME], r->v[RF_IDNO], r->v[RF_PHONE], err);
	if (!rc)
		rc = history_add(db, "resident", r->id, "update", json, err);
	if (!rc) {
		r->version++;
		xstrset(&r->updated_at, now);
		xstrset(&r->updated_by, db->who.os_user);
	}
out:
	free(json);
	return rc;
}

int resident_save(struct jy_db *db, struct resident *r, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	/* the stored record, read once: the access rules and the change both need it */
	struct resident *old = NULL;
	struct approval_req *req = NULL;
	int rc = r->id ? resident_load(db, r->id, &old, err) : JY_OK;    /* OP_VIEW and scope */
	if (!rc)
		rc = approval_guard(db, r, old, &req, err);
	if (!rc)
		rc = resident_validate(db, r, err);
	if (!rc)
		rc = db_begin(db, err);
	if (rc) {
		approval_req_free(&req);
		resident_free(&old);
		return rc;
	}
	struct jy_err warn = { 0 };
	if (!r->id)
		resident_check_dup(db, r, &warn);
	rc = r->id ? resident_update(db, r, old, err) : resident_insert(db, r, resident_next_id(db), err);
	resident_free(&old);
	if (!rc)
		rc = approval_queue(db, req, &warn);
	approval_req_free(&req);
	if (rc) {
		int64_t keep_id = r->id;
		db_rollback(db);
		if (rc != JY_EDUP && rc != JY_ECONFLICT && !keep_id)
			r->id = 0;
		if (rc == JY_EDUP || rc == JY_ECONFLICT)
			r->id = keep_id;
		return rc;
	}
	rc = db_commit(db, err);
	if (!rc && warn.warn)
		*err = warn;    /* saved, with the same-name-and-birth-date warning for the worker */
	return rc;
}

int resident_close(struct jy_db *db, int64_t id, int64_t version, const char *reason,
                   struct jy_err *err)
{
	if (text_is_blank(reason))
		return err_set(err, JY_EINVAL, _("reason"), _("say why the record is closed (moved away, retired ...)"));
	struct resident *cur = NULL;
	int rc = resident_load(db, id, &cur, err);
	if (!rc)
		rc = access_check(db, OP_CLOSE, resident_get(cur, RF_COMMUNITY), err);
	resident_free(&cur);
	if (!rc)
		rc = db_begin(db, err);
	if (rc)
		return rc;
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE resident SET closed_at = ?2, close_reason = ?3, version = version + 1, "
		"updated_at = ?2, updated_by = ?4 WHERE id = ?1 AND version = ?5 AND closed_at IS NULL", err);
	if (!st) {
		db_rollback(db);
		return JY_EDB;
	}
	char *why = text_clean(reason);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, why, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, db->who.os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, version);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		free(why);
		db_rollback(db);
		return db_fail(db, err, _("closing the record"));
	}
	if (sqlite3_changes(db->h) != 1) {
		free(why);
		db_rollback(db);
		struct resident probe = { .id = id };
		return conflict(db, &probe, err);
	}
	struct jy_buf j = { 0 };
	buf_adds(&j, "{\"close_reason\":[null,");
	history_json_str(&j, why);
	buf_adds(&j, "]}");
	rc = history_add(db, "resident", id, "close", j.s, err);
	buf_free(&j);
	free(why);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

int64_t resident_count(struct jy_db *db)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM resident", NULL);
	if (!st)
		return -1;
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return n;
}

/* ---- bulk creation ------------------------------------------------------------------------ */

/* A bulk load writes its records BULK_ROWS at a time, one multi-row INSERT per table: a statement
 * per row costs its start, its cursors and its end every time (measured: half the time of a load
 * went to that). The values wait in an arena until their chunk is written; the search keys and the
 * matching candidates wait until the end (search_batch_flush, match_bulk_end), written sorted. */
#define BULK_ROWS 32
#define BULK_CATS 256           /* categories of one statement at most */

/* One table's multi-row INSERT: "head" then n times "(row)", statements made once per n. The
 * first nconst parameters are the same for every row (?1 …), then per parameters per row. */
struct bulk_sql {
	const char *head, *row;
	int nconst, per;
	sqlite3_stmt **st;      /* [n], prepared when first needed */
	int max;
};

struct bulk_row {
	int64_t id;
	int off[RF__COUNT];     /* each value's offset in the arena, -1 for NULL */
};

struct bulk_cat {
	int64_t id;
	int off, len, since;    /* the code (len bytes) and the since date in the arena */
};

/* A status event waiting for the end of the batch: its date and status in evtext. */
struct bulk_event {
	int64_t id;
	int date, status;
};

struct resident_bulk {
	struct jy_db *db;
	int64_t added;
	int64_t next_id;        /* the batch holds the write lock: nobody else adds meanwhile */
	int64_t first_id;       /* the first id this batch gave */
	int failed;             /* a record failed after writing began: the batch cannot stand */
	struct match_bulk *match;       /* the matching candidates of the batch (match.c) */
	struct history_bulk *hist;      /* their creation in the history (history.c) */
	sqlite3_stmt *probe;    /* is an ID number registered? */
	struct bulk_sql res, cat, ev;
	struct bulk_row rows[BULK_ROWS];
	int nrows;
	struct bulk_cat *cats;
	int ncats, capcats;
	struct jy_buf arena;
	struct bulk_event *evs; /* written at the end, in date order */
	size_t nevs, capevs;
	struct jy_buf evtext;
};

static void bulk_sql_init(struct bulk_sql *q, const char *head, const char *row, int nconst, int per,
                          int max)
{
	q->head = head;
	q->row = row;
	q->nconst = nconst;
	q->per = per;
	q->max = max;
	q->st = xcalloc((size_t)max + 1, sizeof *q->st);
}

static void bulk_sql_free(struct bulk_sql *q)
{
	for (int i = 0; q->st && i <= q->max; i++)
		sqlite3_finalize(q->st[i]);
	free(q->st);
	q->st = NULL;
}

/* The statement for n rows: the row template's "?" numbered in order after the constants. */
static sqlite3_stmt *bulk_sql_get(struct jy_db *db, struct bulk_sql *q, int n, struct jy_err *err)
{
	if (q->st[n])
		return q->st[n];
	struct jy_buf b = { 0 };
	buf_adds(&b, q->head);
	int p = q->nconst;
	for (int i = 0; i < n; i++) {
		buf_adds(&b, i ? ", (" : " (");
		for (const char *t = q->row; *t; t++) {
			if (*t == '?' && !(t[1] >= '0' && t[1] <= '9'))
				buf_addf(&b, "?%d", ++p);
			else
				buf_add(&b, t, 1);
		}
		buf_adds(&b, ")");
	}
	if (sqlite3_prepare_v3(db->h, b.s, -1, SQLITE_PREPARE_PERSISTENT, &q->st[n], NULL) != SQLITE_OK)
		db_fail(db, err, "prepare");
	buf_free(&b);
	return q->st[n];
}

static int bulk_step(struct jy_db *db, sqlite3_stmt *st, struct jy_err *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? JY_OK : db_fail(db, err, _("saving the resident"));
}

static const char *bulk_str(const struct resident_bulk *b, int off)
{
	return off < 0 ? NULL : b->arena.s + off;
}

static int bulk_keep(struct resident_bulk *b, const char *s)
{
	if (!s || !*s)
		return -1;
	int off = (int)b->arena.len;
	buf_add(&b->arena, s, strlen(s) + 1);
	return off;
}

/* The resident rows of the chunk, then their categories and their creation in the history, in
 * that order: each row's parent is written before it. */
static int bulk_write(struct resident_bulk *b, struct jy_err *err)
{
	struct jy_db *db = b->db;
	int n = b->nrows, rc = JY_OK;
	if (!n)
		return JY_OK;
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = bulk_sql_get(db, &b->res, n, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, db->who.os_user, -1, SQLITE_TRANSIENT);
	for (int i = 0; i < n; i++) {
		const struct bulk_row *row = &b->rows[i];
		int p = b->res.nconst + i * b->res.per;
		char reg_no[24];
		snprintf(reg_no, sizeof reg_no, "R-%06lld", (long long)row->id);
		sqlite3_bind_int64(st, ++p, row->id);
		sqlite3_bind_text(st, ++p, reg_no, -1, SQLITE_TRANSIENT);
		for (int f = 0; f < RF__COUNT; f++) {
			if (!field_is_column(f))
				continue;
			const char *v = bulk_str(b, row->off[f]);
			if (resident_fields[f].kind == FK_BOOL)
				sqlite3_bind_int(st, ++p, v && strcmp(v, "1") == 0);
			else if (v)
				sqlite3_bind_text(st, ++p, v, -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(st, ++p);
		}
	}
	rc = bulk_step(db, st, err);
	sqlite3_clear_bindings(st);
	for (int c = 0; !rc && c < b->ncats; c += BULK_CATS) {
		int m = b->ncats - c < BULK_CATS ? b->ncats - c : BULK_CATS;
		if (!(st = bulk_sql_get(db, &b->cat, m, err)))
			return JY_EDB;
		for (int i = 0; i < m; i++) {
			const struct bulk_cat *k = &b->cats[c + i];
			sqlite3_bind_int64(st, 3 * i + 1, k->id);
			sqlite3_bind_text(st, 3 * i + 2, b->arena.s + k->off, k->len, SQLITE_STATIC);
			sqlite3_bind_text(st, 3 * i + 3, bulk_str(b, k->since), -1, SQLITE_STATIC);
		}
		rc = bulk_step(db, st, err);
		sqlite3_clear_bindings(st);
	}
	/* The creation is recorded without values, as resident_insert does. */
	if (!rc) {
		int64_t ids[BULK_ROWS];
		for (int i = 0; i < n; i++)
			ids[i] = b->rows[i].id;
		rc = history_bulk_add(db, b->hist, "resident", ids, n, "create", err);
	}
	b->nrows = 0;
	b->ncats = 0;
	buf_reset(&b->arena);
	return rc;
}

static int event_cmp(const void *x, const void *y, void *text)
{
	const struct bulk_event *a = x, *b = y;
	int c = strcmp((const char *)text + a->date, (const char *)text + b->date);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

/* Each new resident's status event, "registered" on the registration date, after all their
 * resident rows. Into a registry several times larger than the batch, in date order: the reports'
 * index on the date (006_reports.sql) then takes them as one ordered pass, where registration
 * order put each one at a random place of a large index, and their other index, by resident,
 * stays in the small region of the batch's new ids. Into a small registry registration order is
 * cheaper (measured on 100,000-row batches: 0.16 s against 0.3 s into an empty registry, 0.3 s
 * against 0.3 s and growing from 400,000 on). */
static int bulk_events(struct resident_bulk *b, struct jy_err *err)
{
	struct jy_db *db = b->db;
	if (!b->nevs)
		return JY_OK;
	if (b->first_id > 4 * (int64_t)b->nevs)
		qsort_r(b->evs, b->nevs, sizeof *b->evs, event_cmp, b->evtext.s);
	char now[32];
	time_now_iso(now);
	int rc = JY_OK;
	for (size_t i = 0; !rc && i < b->nevs;) {
		int n = b->nevs - i >= BULK_ROWS ? BULK_ROWS : (int)(b->nevs - i);
		sqlite3_stmt *st = bulk_sql_get(db, &b->ev, n, err);
		if (!st)
			return JY_EDB;
		sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, db->who.os_user, -1, SQLITE_TRANSIENT);
		/* stored untranslated: the screens translate it for whoever reads it */
		sqlite3_bind_text(st, 3, N_("registered"), -1, SQLITE_STATIC);
		for (int k = 0; k < n; k++, i++) {
			const struct bulk_event *ev = &b->evs[i];
			sqlite3_bind_int64(st, 4 + 3 * k, ev->id);
			sqlite3_bind_text(st, 5 + 3 * k, b->evtext.s + ev->date, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 6 + 3 * k, b->evtext.s + ev->status, -1, SQLITE_STATIC);
		}
		rc = bulk_step(db, st, err);
		sqlite3_clear_bindings(st);
	}
	b->nevs = 0;
	buf_reset(&b->evtext);
	return rc;
}

/* Keep r (validated, its id given) for the next chunk. */
static void bulk_keep_row(struct resident_bulk *b, const struct resident *r)
{
	struct bulk_row *row = &b->rows[b->nrows++];
	row->id = r->id;
	for (int f = 0; f < RF__COUNT; f++)
		row->off[f] = field_is_column(f) ? bulk_keep(b, r->v[f]) : -1;
	int since = row->off[RF_REGDATE];
	if (b->nevs == b->capevs) {
		b->capevs = b->capevs ? b->capevs * 2 : 1024;
		b->evs = xrealloc(b->evs, sizeof *b->evs * b->capevs);
	}
	struct bulk_event *ev = &b->evs[b->nevs++];
	ev->id = r->id;
	ev->date = (int)b->evtext.len;
	buf_add(&b->evtext, r->v[RF_REGDATE], strlen(r->v[RF_REGDATE]) + 1);
	ev->status = (int)b->evtext.len;
	buf_add(&b->evtext, r->v[RF_STATUS], strlen(r->v[RF_STATUS]) + 1);
	for (const char *s = r->v[RF_CATEGORIES] ? r->v[RF_CATEGORIES] : ""; *s;) {
		size_t len = strcspn(s, ",");
		if (b->ncats == b->capcats) {
			b->capcats = b->capcats ? b->capcats * 2 : 64;
			b->cats = xrealloc(b->cats, sizeof *b->cats * (size_t)b->capcats);
		}
		int off = (int)b->arena.len;
		buf_add(&b->arena, s, len);
		buf_add(&b->arena, "", 1);
		b->cats[b->ncats++] = (struct bulk_cat){ r->id, off, (int)len, since };
		s += len + (s[len] == ',');
	}
}

/* A record of the batch still waiting to be written with this ID number? */
static int bulk_pending_idno(const struct resident_bulk *b, const char *idno)
{
	for (int i = 0; i < b->nrows; i++) {
		const char *v = bulk_str(b, b->rows[i].off[RF_IDNO]);
		if (v && strcmp(v, idno) == 0)
			return 1;
	}
	return 0;
}

int resident_bulk_begin(struct jy_db *db, struct resident_bulk **out, struct jy_err *err)
{
	*out = NULL;
	int rc = db_begin(db, err);
	if (rc)
		return rc;
	struct resident_bulk *b = xcalloc(1, sizeof *b);
	b->db = db;
	sql_build();
	/* The field columns of sql_insert, as one row of the multi-row INSERT. */
	static char res_head[1024], res_row[512];
	if (!res_head[0]) {
		struct jy_buf cols = { 0 }, vals = { 0 };
		for (int f = 0; f < RF__COUNT; f++) {
			if (!field_is_column(f))
				continue;
			buf_addf(&cols, ", %s", resident_fields[f].col);
			buf_adds(&vals, ", ?");
		}
		snprintf(res_head, sizeof res_head,
		         "INSERT INTO resident(id, reg_no, created_at, created_by, updated_at, updated_by%s) "
		         "VALUES", cols.s);
		snprintf(res_row, sizeof res_row, "?, ?, ?1, ?2, ?1, ?2%s", vals.s);
		buf_free(&cols);
		buf_free(&vals);
	}
	int per = 2;
	for (int f = 0; f < RF__COUNT; f++)
		per += field_is_column(f);
	bulk_sql_init(&b->res, res_head, res_row, 2, per, BULK_ROWS);
	bulk_sql_init(&b->cat, "INSERT OR IGNORE INTO resident_category(resident_id, category, since) VALUES",
	              "?, ?, ?", 0, 3, BULK_CATS);
	bulk_sql_init(&b->ev, "INSERT INTO status_event(resident_id, date, status, note, created_at, "
	              "created_by) VALUES", "?, ?, ?, ?3, ?1, ?2", 3, 3, BULK_ROWS);
	/* A large page cache while the batch runs: ID numbers arrive in random order. */
	db_exec(db, "PRAGMA cache_size = -65536", NULL);
	search_batch_begin(db);
	b->match = match_bulk_begin(db);
	b->hist = history_bulk_new();
	*out = b;
	return JY_OK;
}

/* No savepoint per record: resident_validate and the duplicate checks run before anything is
 * kept, so a refused record leaves no trace. Only a database failure can stop a chunk half-way,
 * and that poisons the batch: commit then refuses and rolls everything back. (A savepoint per row
 * copied every touched page: measured at three quarters of import time.) The resident table's
 * unique index on id_no still refuses a duplicate that got past the checks. */
static int bulk_add(struct resident_bulk *b, struct resident *r, int probe, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	if (b->failed)
		return err_set(err, JY_EDB, NULL, _("an earlier record failed; nothing will be saved"));
	int rc = resident_validate(b->db, r, err);
	if (rc)
		return rc;
	/* her community (a code now) among the worker's: as resident_save's approval_guard does */
	const char *c = resident_get(r, RF_COMMUNITY);
	if ((rc = access_check(b->db, OP_CREATE, *c ? c : NULL, err)))
		return rc;
	if (!*c && !access_scope_all(b->db))
		return err_set(err, JY_EINVAL, resident_fields[RF_COMMUNITY].label,
		               _("choose the resident's community"));
	r->id = 0;
	const char *idno = r->v[RF_IDNO];
	if (bulk_pending_idno(b, idno)) {
		/* written first, so the message names the record the way it names any other */
		if ((rc = bulk_write(b, err))) {
			b->failed = 1;
			return rc;
		}
		return dup_idno(b->db, idno, err);
	}
	/* resident_find_idno's question on the batch's own statement: no cache look-up, no copy */
	if (probe && !b->probe &&
	    sqlite3_prepare_v3(b->db->h, "SELECT 1 FROM resident WHERE id_no = ?1", -1,
	                       SQLITE_PREPARE_PERSISTENT, &b->probe, NULL) != SQLITE_OK) {
		b->failed = 1;
		return db_fail(b->db, err, "prepare");
	}
	int registered = 0;
	if (probe) {
		sqlite3_bind_text(b->probe, 1, idno, -1, SQLITE_STATIC);
		registered = sqlite3_step(b->probe) == SQLITE_ROW;
		sqlite3_reset(b->probe);
	}
	if (registered)
		return dup_idno(b->db, idno, err);
	if (!b->next_id)
		b->first_id = b->next_id = resident_next_id(b->db);
	if (b->next_id <= 0) {
		b->failed = 1;
		return db_fail(b->db, err, _("saving the resident"));
	}
	resident_defaults(r);
	r->id = b->next_id;
	r->version = 1;
	snprintf(r->reg_no, sizeof r->reg_no, "R-%06lld", (long long)r->id);
	rc = search_index_resident(b->db, r->id, NULL, NULL, NULL, r->v[RF_NAME], r->v[RF_IDNO],
	                           r->v[RF_PHONE], err);
	if (!rc) {
		match_bulk_add(b->db, b->match, r);
		bulk_keep_row(b, r);
		if (b->nrows == BULK_ROWS)
			rc = bulk_write(b, err);
	}
	if (rc) {
		b->failed = 1;
		r->id = 0;
		return rc;
	}
	b->next_id++;
	b->added++;
	return JY_OK;
}

int resident_bulk_add(struct resident_bulk *b, struct resident *r, struct jy_err *err)
{
	return bulk_add(b, r, 1, err);
}

int resident_bulk_add_new(struct resident_bulk *b, struct resident *r, struct jy_err *err)
{
	return bulk_add(b, r, 0, err);
}

int resident_bulk_sync(struct resident_bulk *b, struct jy_err *err)
{
	int rc = b->failed ? err_set(err, JY_EDB, NULL, _("an earlier record failed; nothing will be saved"))
	                   : bulk_write(b, err);
	if (!rc)
		rc = bulk_events(b, err);
	if (!rc)
		rc = match_bulk_restore(b->db, b->match, err);
	if (rc)
		b->failed = 1;
	return rc;
}

static void bulk_free(struct resident_bulk **pb)
{
	struct resident_bulk *b = *pb;
	bulk_sql_free(&b->res);
	bulk_sql_free(&b->cat);
	bulk_sql_free(&b->ev);
	free(b->cats);
	free(b->evs);
	buf_free(&b->evtext);
	match_bulk_free(&b->match);
	history_bulk_free(&b->hist);
	sqlite3_finalize(b->probe);
	buf_free(&b->arena);
	FREE(pb);
}

int resident_bulk_commit(struct resident_bulk **pb, struct jy_err *err)
{
	struct resident_bulk *b = *pb;
	if (b->failed) {
		resident_bulk_abort(pb);
		return err_set(err, JY_EDB, NULL, _("a record failed to save; nothing was saved"));
	}
	int rc = resident_bulk_sync(b, err);
	if (!rc)
		rc = search_batch_flush(b->db, err);
	if (!rc)
		rc = match_bulk_end(b->db, b->match, err);
	if (rc) {
		resident_bulk_abort(pb);
		return rc;
	}
	rc = db_commit(b->db, err);
	db_exec(b->db, "PRAGMA cache_size = -2000", NULL);
	bulk_free(pb);
	return rc;
}

void resident_bulk_abort(struct resident_bulk **pb)
{
	if (!*pb)
		return;
	search_batch_drop((*pb)->db);
	db_rollback((*pb)->db);         /* the triggers set aside come back with the rollback */
	db_exec((*pb)->db, "PRAGMA cache_size = -2000", NULL);
	bulk_free(pb);
}
