/* core/record/fields.c: one value checked against its field's description (struct field_def), for the
 * records described by field tables outside the registry (courses, enrolments, sessions). The
 * same value gets the same answer from a form, an import and a save, because all three ask here.
 * (The registry keeps its own checks in resident.c: they derive sex and birth from the ID.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "record/record.h"
#include "store/sql.h"

/* 是/否 as workers and spreadsheets write them. */
static int bool_parse(const char *in, const char **out)
{
	static const char *const yes[] = { "1", "是", "有", "y", "yes", "true", "√", "合格", "对口" };
	static const char *const no[] = { "0", "否", "无", "n", "no", "false", "×", "不合格", "不对口" };
	for (size_t i = 0; i < ARRAY_LEN(yes); i++)
		if (strcasecmp(in, yes[i]) == 0)
			return *out = "1", 1;
	for (size_t i = 0; i < ARRAY_LEN(no); i++)
		if (strcasecmp(in, no[i]) == 0)
			return *out = "0", 1;
	return 0;
}

/* ASCII digits from in, full-width digits folded; "1,200" and "１２００元" accepted. Returns the
 * number of digits written to out (0 when anything else is there). */
static size_t digits_only(const char *in, char *out, size_t size)
{
	static const char *const units[] = { "元/人", "元", "学时", "课时", "小时", "人", "期", "班", "次" };
	size_t n = 0, len = strlen(in);
	for (size_t u = 0; u < ARRAY_LEN(units); u++) {
		size_t k = strlen(units[u]);
		if (len > k && strcmp(in + len - k, units[u]) == 0) {
			len -= k;
			break;
		}
	}
	for (const unsigned char *p = (const unsigned char *)in; p < (const unsigned char *)in + len;) {
		if (*p >= '0' && *p <= '9') {
			if (n + 1 >= size)
				return 0;
			out[n++] = (char)*p++;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
			if (n + 1 >= size)
				return 0;
			out[n++] = (char)('0' + p[2] - 0x90);
			p += 3;
		} else if ((*p == ',' && n > 0) || *p == ' ') {
			p++;
		} else {
			return 0;
		}
	}
	out[n] = '\0';
	return n;
}

static int num_check(const struct field_def *fd, const char *v, char **out, struct jy_err *err)
{
	char d[32];
	size_t n = digits_only(v, d, sizeof d);
	if (n == 0 || n > (size_t)fd->max)
		return err_set(err, JY_EINVAL, fd->label,
		               _("\"%s\" is not a whole number; write digits only, such as 40 (at most %d digits)"),
		               v, fd->max);
	const char *p = d;
	while (p[0] == '0' && p[1])
		p++;            /* 040 -> 40 */
	*out = xstrdup(p);
	return JY_OK;
}

/* "9:00", "09:00", "9：00", "9点", "9点30", "0930", "9" -> "HH:MM". */
static int time_check(const struct field_def *fd, const char *v, char **out, struct jy_err *err)
{
	/* full-width colon and 点/时 to ':', 分 dropped: the shapes an input method gives */
	static const char *const seps[][2] = { { "：", ":" }, { "点", ":" }, { "时", ":" }, { "分", "" } };
	char *s = xstrdup(v);
	for (size_t i = 0; i < ARRAY_LEN(seps); i++) {
		char *q;
		while ((q = strstr(s, seps[i][0]))) {
			size_t a = strlen(seps[i][0]), b = strlen(seps[i][1]);
			memcpy(q, seps[i][1], b);
			memmove(q + b, q + a, strlen(q + a) + 1);
		}
	}
	int h = -1, m = 0;
	size_t nd = strspn(s, "0123456789");
	if (nd == 4 && s[4] == '\0') {
		h = (s[0] - '0') * 10 + (s[1] - '0');
		m = (s[2] - '0') * 10 + (s[3] - '0');
	} else if (nd >= 1 && nd <= 2) {
		h = atoi(s);
		const char *p = s + nd;
		if (*p == ':') {
			p++;
			size_t md = strspn(p, "0123456789");
			if (md == 2)
				m = (p[0] - '0') * 10 + (p[1] - '0');
			else if (md != 0)
				h = -1;
			p += md;
		}
		if (*p)
			h = -1;
	}
	free(s);
	if (h < 0 || h > 23 || m > 59)
		return err_set(err, JY_EINVAL, fd->label,
		               _("\"%s\" is not a time of day; write it as 09:00 or 14:30"), v);
	*out = xasprintf("%02d:%02d", h, m);
	return JY_OK;
}

int field_check_value(struct jy_db *db, const struct field_def *fd, const char *in, char **out,
                      struct jy_err *err)
{
	char buf[32];
	*out = NULL;
	if (text_is_blank(in))
		return JY_OK;
	char *v = text_clean(in);
	int rc = JY_OK;
	if (fd->flags & FF_NUM) {
		rc = num_check(fd, v, out, err);
		free(v);
		return rc;
	}
	if (fd->flags & FF_TIME) {
		rc = time_check(fd, v, out, err);
		free(v);
		return rc;
	}
	switch (fd->kind) {
	case FK_IDNO: {
		char id[19], birth[11], sex;
		rc = idcard_parse(v, id, birth, &sex, err);
		if (rc && err)
			snprintf(err->field, sizeof err->field, "%s", fd->label);
		else if (!rc)
			*out = xstrdup(id);
		break;
	}
	case FK_DATE:
		rc = date_parse(v, buf, err);
		if (rc && err)
			snprintf(err->field, sizeof err->field, "%s", fd->label);
		else if (!rc)
			*out = xstrdup(buf);
		break;
	case FK_CODE: {
		const struct code_list *cl = codes_cached(db, fd->list, err);
		const char *code = cl ? codes_find(cl, v) : NULL;
		if (!cl) {
			rc = JY_EDB;
		} else if (code) {
			*out = xstrdup(code);
		} else {
			char *hint = codes_hint(cl);
			rc = err_set(err, JY_EINVAL, fd->label, _("\"%s\" is not in the list; accepted: %s"), v, hint);
			free(hint);
		}
		break;
	}
	case FK_BOOL: {
		const char *b;
		if (bool_parse(v, &b))
			*out = xstrdup(b);
		else
			rc = err_set(err, JY_EINVAL, fd->label, _("\"%s\" is not yes or no; use 是 or 否 (1 or 0)"), v);
		break;
	}
	default:
		if (text_chars(v) > (size_t)fd->max)
			rc = err_set(err, JY_EINVAL, fd->label, _("too long: at most %d characters (%zu given)"),
			             fd->max, text_chars(v));
		else
			*out = xstrdup(v);
		break;
	}
	free(v);
	return rc;
}

/* ---- the plumbing of a record held as v[] over a field table -------------------------------- */
/* Every record module (registry, training, jobs) had its own copy of these loops. */

int field_find_header(const struct field_def *defs, int n, const char *header)
{
	for (int f = 0; header && f < n; f++)
		if (strcmp(defs[f].label, header) == 0 || strcasecmp(defs[f].alias, header) == 0)
			return f;
	return -1;
}

int field_find_col(const struct field_def *defs, int n, const char *col)
{
	for (int f = 0; col && f < n; f++)
		if (strcmp(defs[f].col, col) == 0)
			return f;
	return -1;
}

void field_values_free(char **v, int n)
{
	for (int f = 0; f < n; f++)
		free(v[f]);
}

void field_values_dup(char **dst, char *const *src, int n)
{
	for (int f = 0; f < n; f++)
		dst[f] = xstrdup(src[f]);
}

void field_value_set(char **slot, const char *value)
{
	xstrset(slot, value && *value ? value : NULL);
}

const char *field_value_get(const char *v)
{
	return v ? v : "";
}

int field_show(struct jy_db *db, const struct field_def *fd, const char *v, char **out,
               struct jy_err *err)
{
	*out = NULL;
	if (!v || !*v)
		*out = xstrdup("");
	else if (fd->kind == FK_BOOL)
		*out = xstrdup(strcmp(v, "1") == 0 ? "是" : "否");
	else if (fd->kind != FK_CODE || !fd->list)
		*out = xstrdup(v);
	if (*out)
		return JY_OK;
	const struct code_list *cl = codes_cached(db, fd->list, err);
	if (!cl)
		return JY_EDB;
	const char *l = codes_label(cl, v);
	*out = xstrdup(l ? l : v);
	return JY_OK;
}

static int str_eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

char *field_changes(const struct field_def *defs, int n, char *const *old, char *const *now)
{
	struct jy_buf b = { 0 };
	for (int f = 0; f < n; f++) {
		const char *o = old ? old[f] : NULL;
		if (!defs[f].col || str_eq(o, now[f]))
			continue;
		buf_adds(&b, b.len ? "," : "{");
		history_json_str(&b, defs[f].col);
		buf_adds(&b, ":[");
		history_json_str(&b, o && *o ? o : NULL);
		buf_adds(&b, ",");
		history_json_str(&b, now[f] && *now[f] ? now[f] : NULL);
		buf_adds(&b, "]");
	}
	if (!b.len)
		return NULL;
	buf_adds(&b, "}");
	return buf_steal(&b);
}

/* A JSON string or null at *p, as history_json_str writes them; *p moves past it. Caller frees;
 * NULL for null. \uXXXX escapes are only ever controls here (history_json_str): a space. */
static char *json_string(const char **p)
{
	const char *s = *p;
	while (*s == ' ')
		s++;
	if (strncmp(s, "null", 4) == 0) {
		*p = s + 4;
		return NULL;
	}
	if (*s != '"') {                /* a number: as it is */
		size_t n = strcspn(s, ",]}");
		*p = s + n;
		return xstrndup(s, n);
	}
	struct jy_buf b = { 0 };
	buf_adds(&b, "");
	for (s++; *s && *s != '"'; s++) {
		if (*s != '\\') {
			buf_add(&b, s, 1);
			continue;
		}
		s++;
		if (*s == 'u' && strlen(s) >= 5) {
			buf_adds(&b, " ");
			s += 4;
		} else if (*s) {
			buf_add(&b, s, 1);
		} else {
			break;
		}
	}
	*p = *s ? s + 1 : s;
	return buf_steal(&b);
}

int field_changes_each(const char *json, int (*cb)(void *arg, const struct field_change *c),
                       void *arg)
{
	int rc = JY_OK;
	const char *p = json ? strchr(json, '{') : NULL;
	while (p && *p && *p != '}') {
		p++;
		while (*p == ' ' || *p == ',')
			p++;
		if (*p != '"')
			break;
		char *key = json_string(&p);
		while (*p == ' ' || *p == ':')
			p++;
		if (*p != '[') {
			free(key);
			break;
		}
		p++;
		char *old = json_string(&p);
		while (*p == ' ' || *p == ',')
			p++;
		char *now = json_string(&p);
		while (*p == ' ')
			p++;
		if (*p == ']')
			p++;
		struct field_change c = { key ? key : "", old, now };
		rc = cb(arg, &c);
		free(key);
		free(old);
		free(now);
		if (rc)
			break;
	}
	return rc;
}
