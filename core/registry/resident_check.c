/* core/registry/resident_check.c: every field of a resident checked and put in its stored form
 * (ID checksum, dates, codes, phones, required fields), sex and birth date derived, and a value
 * shown as a worker reads it. Reads code lists; writes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "registry/registry_int.h"

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
	const struct code_list *cl = codes_cached(db, fd->list, err);
	if (!cl)
		return JY_EDB;
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
	const struct code_list *cl = codes_cached(db, resident_fields[f].list, err);
	if (!cl)
		return JY_EDB;
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
		const struct code_list *units = codes_cached(db, "@units", err);
		const char *code = units ? codes_find(units, v) : NULL;
		if (!units) {
			rc = JY_EDB;
		} else if (code) {
			*out = xstrdup(code);
		} else if (units->n == 0) {
			rc = err_set(err, JY_EINVAL, fd->label, _("\"%s\" is not a community of this office, "
			                                         "which has none yet: an administrator adds "
			                                         "them with jiuye unit add NAME --level "
			                                         "community (or imports with "
			                                         "--create-units)"), v);
		} else {
			char *hint = codes_hint(units);
			rc = err_set(err, JY_EINVAL, fd->label, _("\"%s\" is not a community of this office; "
			                                         "accepted: %s; an administrator adds it with "
			                                         "jiuye unit add %s --level community "
			                                         "--parent STREET"), v, hint, v);
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

int resident_display(struct jy_db *db, const struct resident *r, int field, char **out,
                     struct jy_err *err)
{
	const struct field_def *fd = &resident_fields[field];
	const char *v = resident_get(r, field);
	*out = NULL;
	if (!*v)
		*out = xstrdup("");
	else if (fd->kind == FK_BOOL)
		*out = xstrdup(strcmp(v, "1") == 0 ? "是" : "否");
	else if (fd->kind != FK_UNIT && !fd->list)
		*out = xstrdup(v);
	if (*out)
		return JY_OK;
	if (fd->kind == FK_UNIT) {
		sqlite3_stmt *st = db_prepare(db, "SELECT name FROM unit WHERE code = ?1", err);
		if (!st)
			return JY_EDB;
		sqlite3_bind_text(st, 1, v, -1, SQLITE_TRANSIENT);
		int s = sqlite3_step(st);
		if (s == SQLITE_ROW)
			*out = db_col_str(st, 0);
		sqlite3_reset(st);
		if (s != SQLITE_ROW && s != SQLITE_DONE)
			return db_fail(db, err, _("reading the units"));
		if (!*out)
			*out = xstrdup(v);      /* a unit since removed: its code */
		return JY_OK;
	}
	const struct code_list *cl = codes_cached(db, fd->list, err);
	if (!cl)
		return JY_EDB;
	if (fd->kind != FK_CODES) {
		const char *l = codes_label(cl, v);
		*out = xstrdup(l ? l : v);
		return JY_OK;
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
	*out = buf_steal(&b);
	return JY_OK;
}

int resident_keep_check(struct jy_db *db, const struct resident *r, const struct resident *old,
                        struct jy_err *err)
{
	for (int f = 0; f < RF__COUNT; f++) {
		const struct field_def *fd = &resident_fields[f];
		int rc = JY_OK;
		if ((fd->kind == FK_CODE || fd->kind == FK_CODES) && fd->list && r->v[f])
			rc = code_retired_check(db, fd->list, fd->label, r->v[f], old ? old->v[f] : NULL,
			                        err);
		else if (fd->kind == FK_UNIT &&
		         (!old || strcmp(resident_get(r, f), resident_get(old, f)) != 0))
			rc = unit_open_check(db, resident_get(r, f), err);
		if (rc)
			return rc;
	}
	return JY_OK;
}
