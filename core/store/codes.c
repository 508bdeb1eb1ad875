/* core/store/codes.c: code lists (sex, ethnicity, education, 户口性质 …) and the communities.
 * Codes are text with their leading zeros; workers and files may use the code or the label. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

static void codes_push(struct code_item **items, int *n, const char *code, const char *label,
                       int seeking, int retired, int *cap)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*items = xrealloc(*items, sizeof **items * (size_t)*cap);
	}
	(*items)[*n].code = xstrdup(code);
	(*items)[*n].label = xstrdup(label);
	(*items)[*n].seeking = seeking;
	(*items)[*n].retired = retired;
	(*n)++;
}

/* The rows of st: code, label and, when it has them, the seeking and the retired flags. */
static int codes_query(struct jy_db *db, sqlite3_stmt *st, struct code_list *out, struct jy_err *err)
{
	int cap = 0, rc;
	int flag = sqlite3_column_count(st) > 2, retired = sqlite3_column_count(st) > 3;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		codes_push(&out->items, &out->n, (const char *)sqlite3_column_text(st, 0),
		           (const char *)sqlite3_column_text(st, 1),
		           flag && sqlite3_column_int(st, 2), retired && sqlite3_column_int(st, 3), &cap);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		codes_free(out);
		return db_fail(db, err, _("reading a code list"));
	}
	return JY_OK;
}

int codes_load(struct jy_db *db, const char *list, struct code_list *out, struct jy_err *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_prepare(db,
		"SELECT code, label, seeking, active = 0 FROM code WHERE list = ?1 ORDER BY ord, code",
		err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, list, -1, SQLITE_TRANSIENT);
	int rc = codes_query(db, st, out, err);
	if (rc)
		return rc;
	st = db_prepare(db, "SELECT code, alias FROM code_alias WHERE list = ?1 ORDER BY alias", err);
	if (!st) {
		codes_free(out);
		return JY_EDB;
	}
	sqlite3_bind_text(st, 1, list, -1, SQLITE_TRANSIENT);
	int cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		codes_push(&out->aliases, &out->naliases, (const char *)sqlite3_column_text(st, 0),
		           (const char *)sqlite3_column_text(st, 1), 0, 0, &cap);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		codes_free(out);
		return db_fail(db, err, _("reading a code list"));
	}
	return JY_OK;
}

int units_load(struct jy_db *db, struct code_list *out, struct jy_err *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_prepare(db,
		"SELECT code, name, 0, closed_at IS NOT NULL FROM unit WHERE level = 'community' "
		"ORDER BY code", err);
	if (!st)
		return JY_EDB;
	return codes_query(db, st, out, err);
}

/* The streets (街道, 乡镇) as a code list "@streets", as units_load the communities. */
static int streets_load(struct jy_db *db, struct code_list *out, struct jy_err *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_prepare(db,
		"SELECT code, name, 0, closed_at IS NOT NULL FROM unit WHERE level = 'street' "
		"ORDER BY code", err);
	if (!st)
		return JY_EDB;
	return codes_query(db, st, out, err);
}

int unit_find(struct jy_db *db, const char *text, char code[32], struct jy_err *err)
{
	code[0] = '\0';
	if (!text || !*text)
		return err_set(err, JY_ENOTFOUND, NULL, _("no community given"));
	sqlite3_stmt *st = db_prepare(db,
		"SELECT code FROM unit WHERE code = ?1 OR name = ?1 "
		"ORDER BY code = ?1 DESC LIMIT 1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		db_col_copy(st, 0, code, 32);
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	if (s != SQLITE_DONE)
		return db_fail(db, err, _("reading the units"));
	return err_set(err, JY_ENOTFOUND, NULL, _("%s is not a community of this database"), text);
}

static void items_free(struct code_item **items, int *n)
{
	for (int i = 0; i < *n; i++) {
		free((*items)[i].code);
		free((*items)[i].label);
	}
	FREE(items);
	*n = 0;
}

void codes_free(struct code_list *cl)
{
	items_free(&cl->items, &cl->n);
	items_free(&cl->aliases, &cl->naliases);
}

const char *codes_label(const struct code_list *cl, const char *code)
{
	if (!cl || !code)
		return NULL;
	for (int i = 0; i < cl->n; i++)
		if (strcmp(cl->items[i].code, code) == 0)
			return cl->items[i].label;
	return NULL;
}

const char *codes_find(const struct code_list *cl, const char *text)
{
	if (!cl || !text || !*text)
		return NULL;
	for (int i = 0; i < cl->n; i++)
		if (strcmp(cl->items[i].code, text) == 0)
			return cl->items[i].code;
	for (int i = 0; i < cl->n; i++)
		if (strcmp(cl->items[i].label, text) == 0)
			return cl->items[i].code;
	for (int i = 0; i < cl->naliases; i++)
		if (strcmp(cl->aliases[i].label, text) == 0)
			return cl->aliases[i].code;
	/* A unique label prefix: "大专" is not a label but "大学专科" is; "初" finds 初中. */
	const char *hit = NULL;
	size_t n = strlen(text);
	for (int i = 0; i < cl->n; i++) {
		if (strncmp(cl->items[i].label, text, n) == 0) {
			if (hit)
				return NULL;
			hit = cl->items[i].code;
		}
	}
	return hit;
}

const struct code_list *codes_cached(struct jy_db *db, const char *list, struct jy_err *err)
{
	for (int i = 0; i < db->ncodes; i++)
		if (strcmp(db->codes[i].name, list) == 0)
			return &db->codes[i].list;
	/* The lists are the program's own names (some 30), so this is a bound of the code. */
	if (db->ncodes == (int)ARRAY_LEN(db->codes)) {
		err_set(err, JY_EDB, NULL, _("reading a code list: more lists than %d"),
		        (int)ARRAY_LEN(db->codes));
		return NULL;
	}
	struct code_list cl;
	int rc = strcmp(list, "@units") == 0 ? units_load(db, &cl, err)
	         : strcmp(list, "@streets") == 0 ? streets_load(db, &cl, err)
	                                         : codes_load(db, list, &cl, err);
	if (rc != JY_OK)
		return NULL;
	snprintf(db->codes[db->ncodes].name, sizeof db->codes[0].name, "%s", list);
	db->codes[db->ncodes].list = cl;
	return &db->codes[db->ncodes++].list;
}

int emp_status_seeking(struct jy_db *db, const char *status, int *seeking, struct jy_err *err)
{
	*seeking = 0;
	const struct code_list *cl = codes_cached(db, "emp_status", err);
	if (!cl)
		return JY_EDB;
	for (int i = 0; status && i < cl->n; i++)
		if (strcmp(cl->items[i].code, status) == 0)
			*seeking = cl->items[i].seeking;
	return JY_OK;
}

void codes_cache_units_changed(struct jy_db *db)
{
	/* in place: whoever holds another list (or this one) keeps a valid pointer */
	for (int i = 0; i < db->ncodes; i++) {
		int streets = strcmp(db->codes[i].name, "@streets") == 0;
		if (!streets && strcmp(db->codes[i].name, "@units") != 0)
			continue;
		codes_free(&db->codes[i].list);
		struct jy_err err = { 0 };
		if ((streets ? streets_load : units_load)(db, &db->codes[i].list, &err) != JY_OK)
			db->codes[i].name[0] = '\0';   /* read again, or failed, on the next use */
	}
}

void codes_cache_free(struct jy_db *db)
{
	for (int i = 0; i < db->ncodes; i++)
		codes_free(&db->codes[i].list);
	db->ncodes = 0;
}

/* A few labels of a list, for "what is accepted" in a message. Caller frees. */
char *codes_hint(const struct code_list *cl)
{
	struct jy_buf b = { 0 };
	int shown = 0, more = 0;
	for (int i = 0; cl && i < cl->n; i++) {
		if (cl->items[i].retired)
			continue;       /* a closed community is no one's answer */
		if (shown == 8) {
			more = 1;
			break;
		}
		buf_addf(&b, "%s%s", shown++ ? ", " : "", cl->items[i].label);
	}
	if (more)
		buf_adds(&b, ", ...");
	return buf_steal(&b);
}

/* ---- an office's own codes ------------------------------------------------------------------- */

/* The lists' names as the forms label them (the field tables of the parts above). */
static const struct {
	const char *list, *label;
} code_lists[] = {
	{ "education", "文化程度" }, { "category", "人员类别" }, { "cert_type", "证件类型" },
	{ "speciality", "专业" }, { "emp_status", "就业状态" }, { "emp_form", "就业形式" },
	{ "ethnicity", "民族" }, { "health", "健康状况" }, { "hukou", "户口性质" },
	{ "marital", "婚姻状况" }, { "unemp_reason", "失业原因" }, { "difficulty", "就业困难类别" },
	{ "employer_kind", "单位类型" }, { "econ_type", "经济类型" }, { "industry", "所属行业" },
	{ "occupation", "职业" }, { "job_source", "信息来源" }, { "work_form", "用工形式" },
	{ "wage_unit", "薪资单位" }, { "fair_kind", "招聘会类型" }, { "posting_status", "岗位状态" },
	{ "ref_stage", "推荐进展" }, { "train_cat", "培训类别" }, { "train_cert", "证书类型" },
	{ "train_result", "学习状态" }, { "sex", "性别" }, { "rule", "认定规则" },
	{ "close_reason", "注销原因" }, { "visit_kind", "走访方式" }, { "column", "列名" },
};

const char *code_list_label(const char *list)
{
	for (size_t i = 0; list && i < ARRAY_LEN(code_lists); i++)
		if (strcmp(code_lists[i].list, list) == 0)
			return code_lists[i].label;
	return list;
}

int code_list_find(struct jy_db *db, const char *text, char out[24], struct jy_err *err)
{
	out[0] = '\0';
	const char *list = text ? text : "";
	for (size_t i = 0; i < ARRAY_LEN(code_lists); i++)
		if (strcmp(code_lists[i].label, list) == 0)
			list = code_lists[i].list;
	sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM code WHERE list = ?1 LIMIT 1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, list, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s == SQLITE_ROW) {
		snprintf(out, 24, "%s", list);
		return JY_OK;
	}
	if (s != SQLITE_DONE)
		return db_fail(db, err, _("reading a code list"));
	return err_set(err, JY_ENOTFOUND, "", _("%s is not a code list; jiuye code list shows them"),
	               text ? text : "");
}

int code_each(struct jy_db *db, const char *list, int (*cb)(void *arg, const struct code_row *c),
              void *arg, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, list
		? "SELECT c.list, c.code, c.label, c.active = 0, coalesce((SELECT group_concat(a.alias, "
		  "'、') FROM code_alias a WHERE a.list = c.list AND a.code = c.code), '') FROM code c "
		  "WHERE c.list = ?1 ORDER BY c.ord, c.code"
		: "SELECT list, CAST(count(*) AS TEXT), '', 0, '' FROM code GROUP BY list ORDER BY list",
		err);
	if (!st)
		return JY_EDB;
	if (list)
		sqlite3_bind_text(st, 1, list, -1, SQLITE_TRANSIENT);
	int s, rc = JY_OK;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct code_row c = {
			(const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2), sqlite3_column_int(st, 3),
			(const char *)sqlite3_column_text(st, 4),
		};
		if ((rc = cb(arg, &c)))
			break;
	}
	sqlite3_reset(st);
	if (!rc && s != SQLITE_DONE)
		return db_fail(db, err, _("reading a code list"));
	return rc;
}

/* The code of list whose code, label or alias text is: 1 found (code copied), 0 not, -1 failed. */
static int code_taken(struct jy_db *db, const char *list, const char *text, char code[32],
                      struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT code FROM code WHERE list = ?1 AND (code = ?2 OR label = ?2) UNION ALL "
		"SELECT code FROM code_alias WHERE list = ?1 AND alias = ?2 LIMIT 1", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, list, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		db_col_copy(st, 0, code, 32);
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE) {
		db_fail(db, err, _("reading a code list"));
		return -1;
	}
	return s == SQLITE_ROW;
}

/* One change of a list: sql with ?1 list ?2 code ?3 text, its trail row, commit. */
static int code_write(struct jy_db *db, const char *sql, const char *list, const char *code,
                      const char *text, const char *action, struct jy_err *err)
{
	int rc = db_begin(db, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st) {
		db_rollback(db);
		return JY_EDB;
	}
	sqlite3_bind_text(st, 1, list, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE)
		rc = db_fail(db, err, _("saving a code list"));
	if (!rc) {
		struct jy_buf ch = { 0 };
		buf_adds(&ch, "{\"list\":[null,");
		history_json_str(&ch, list);
		buf_adds(&ch, "],\"code\":[null,");
		history_json_str(&ch, code);
		buf_adds(&ch, "]");
		if (text) {
			buf_adds(&ch, ",\"label\":[null,");
			history_json_str(&ch, text);
			buf_adds(&ch, "]");
		}
		buf_adds(&ch, "}");
		rc = history_add(db, "code", 0, action, ch.s, err);
		buf_free(&ch);
	}
	if (rc) {
		db_rollback(db);
		return rc;
	}
	rc = db_commit(db, err);
	codes_cache_free(db);   /* every list read again on its next use */
	return rc;
}

/* The list, the text cleaned and checked; JY_OK with *clean (Caller frees). */
static int code_args(struct jy_db *db, const char *list, char out[24], const char *text,
                     const char *what, char **clean, struct jy_err *err)
{
	*clean = NULL;
	int rc = access_check(db, OP_ADMIN, NULL, err);
	if (!rc)
		rc = code_list_find(db, list, out, err);
	if (rc)
		return rc;
	*clean = text_clean(text ? text : "");
	if (!**clean || text_chars(*clean) > 30)
		return err_set(err, JY_EINVAL, what, _("%s: 1 to 30 characters"), what);
	return JY_OK;
}

int code_add(struct jy_db *db, const char *list, const char *code, const char *label,
             struct jy_err *err)
{
	char l[24], have[32];
	char *clean = NULL;
	int rc = code_args(db, list, l, label, "名称", &clean, err);
	size_t n = code ? strlen(code) : 0;
	if (!rc && (n == 0 || n > 16 || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvw"
	                                             "xyz0123456789_-") != n))
		rc = err_set(err, JY_EINVAL, "代码", _("%s: a code has 1 to 16 letters, digits, _ or -"),
		             code ? code : "");
	int t = rc ? 0 : code_taken(db, l, code, have, err);
	if (!rc && t < 0)
		rc = JY_EDB;
	else if (!rc && t)
		rc = err_set(err, JY_EINVAL, "代码", _("%s: the list %s has the code already"), code,
		             code_list_label(l));
	if (!rc && (t = code_taken(db, l, clean, have, err)) < 0)
		rc = JY_EDB;
	else if (!rc && t)
		rc = err_set(err, JY_EINVAL, "名称", _("%s is already code %s of %s"), clean, have,
		             code_list_label(l));
	if (!rc)
		rc = code_write(db, "INSERT INTO code(list, code, label, ord) VALUES (?1, ?2, ?3, "
		                    "(SELECT coalesce(max(ord), 0) + 1 FROM code WHERE list = ?1))",
		                l, code, clean, "create", err);
	free(clean);
	return rc;
}

int code_alias_add(struct jy_db *db, const char *list, const char *code, const char *alias,
                   struct jy_err *err)
{
	char l[24], have[32];
	char *clean = NULL;
	int rc = code_args(db, list, l, alias, "别名", &clean, err);
	int t = rc ? 0 : code_taken(db, l, code ? code : "", have, err);
	if (!rc && t < 0)
		rc = JY_EDB;
	else if (!rc && (!t || strcmp(have, code) != 0))
		rc = err_set(err, JY_EINVAL, "代码", _("%s is not a code of %s; jiuye code list %s shows "
		                                      "them"), code ? code : "", code_list_label(l), l);
	if (!rc && (t = code_taken(db, l, clean, have, err)) < 0)
		rc = JY_EDB;
	else if (!rc && t)
		rc = err_set(err, JY_EINVAL, "别名", _("%s is already code %s of %s"), clean, have,
		             code_list_label(l));
	if (!rc)
		rc = code_write(db, "INSERT INTO code_alias(list, code, alias) VALUES (?1, ?2, ?3)", l,
		                code, clean, "alias", err);
	free(clean);
	return rc;
}

int code_retire(struct jy_db *db, const char *list, const char *code, struct jy_err *err)
{
	char l[24];
	int rc = access_check(db, OP_ADMIN, NULL, err);
	if (!rc)
		rc = code_list_find(db, list, l, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, "SELECT active FROM code WHERE list = ?1 AND code = ?2", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, l, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, code ? code : "", -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st), active = s == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, _("reading a code list"));
	if (s == SQLITE_DONE)
		return err_set(err, JY_EINVAL, "代码", _("%s is not a code of %s; jiuye code list %s shows "
		                                        "them"), code ? code : "", code_list_label(l), l);
	if (!active)
		return err_set(err, JY_EINVAL, "代码", _("%s of %s is retired already"), code,
		               code_list_label(l));
	return code_write(db, "UPDATE code SET active = 0 WHERE list = ?1 AND code = ?2", l, code,
	                  NULL, "retire", err);
}

int code_retired_check(struct jy_db *db, const char *list, const char *label, const char *value,
                       const char *was, struct jy_err *err)
{
	if (!value || !*value)
		return JY_OK;
	const struct code_list *cl = codes_cached(db, list, err);
	if (!cl)
		return JY_EDB;
	for (int i = 0; i < cl->n; i++) {
		if (!cl->items[i].retired)
			continue;
		const char *c = cl->items[i].code;
		size_t n = strlen(c);
		for (const char *p = value; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
			if (strncmp(p, c, n) != 0 || (p[n] && p[n] != ','))
				continue;
			int kept = 0;   /* the stored record has it already */
			for (const char *q = was; q && !kept; q = strchr(q, ',') ? strchr(q, ',') + 1 : NULL)
				kept = strncmp(q, c, n) == 0 && (!q[n] || q[n] == ',');
			if (!kept)
				return err_set(err, JY_EINVAL, label, _("%s is no longer used (retired from "
				                                       "%s): choose another"),
				               cl->items[i].label, code_list_label(list));
		}
	}
	return JY_OK;
}
