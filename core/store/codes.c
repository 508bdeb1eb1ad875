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
		"SELECT code, label, seeking FROM code WHERE list = ?1 AND active = 1 "
		"ORDER BY ord, code", err);
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
		if (strcmp(db->codes[i].name, "@units") != 0)
			continue;
		codes_free(&db->codes[i].list);
		struct jy_err err = { 0 };
		if (units_load(db, &db->codes[i].list, &err) != JY_OK)
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
