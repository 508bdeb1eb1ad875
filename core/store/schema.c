/* core/store/schema.c: is the file's schema the one jiuye's migrations make?
 *
 * The expected schema is not written down a second time: it is what the embedded migrations
 * (assets/schema/NNN_*.sql) make of an empty database, built in memory for each check (a few
 * milliseconds). Then both sqlite_schema tables are compared object by object (type, name, table,
 * and the CREATE text with its runs of white space made one space): a trigger dropped (the trail's
 * append-only triggers, core/store/history.c), a table altered, an index or a trigger added by
 * someone with the sqlite3 shell are named. SQLite's own statistics tables (sqlite_stat1 …,
 * written by ANALYZE and PRAGMA optimize) are no part of the schema. A bulk load drops two
 * matching triggers for a while (core/registry/seek.c), but inside its own transaction: no other
 * connection, and so no check, ever sees them gone. */
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

struct schema_obj {
	char *type, *name, *tbl, *sql;  /* sql with white space runs as one space; "" for none */
};

struct schema_list {
	struct schema_obj *v;
	int n, cap;
};

static const char sql_objects[] =
	"SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_stat%' "
	"ESCAPE '\\' ORDER BY type, name";

/* White space outside and inside the text as one space, none at the ends: how a statement was
 * laid out is no difference. */
static char *schema_norm(const char *sql)
{
	struct jy_buf b = { 0 };
	int space = 0;
	for (const char *p = sql ? sql : ""; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_add(&b, " ", 1);
		space = 0;
		buf_add(&b, p, 1);
	}
	return b.s ? buf_steal(&b) : xstrdup("");
}

static int schema_load(sqlite3 *h, struct schema_list *l)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, sql_objects, -1, &st, NULL) != SQLITE_OK)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 64;
			l->v = xrealloc(l->v, sizeof *l->v * (size_t)l->cap);
		}
		struct schema_obj *o = &l->v[l->n++];
		o->type = xstrdup((const char *)sqlite3_column_text(st, 0));
		o->name = xstrdup((const char *)sqlite3_column_text(st, 1));
		o->tbl = xstrdup((const char *)sqlite3_column_text(st, 2));
		o->sql = schema_norm((const char *)sqlite3_column_text(st, 3));
		if (!o->type)
			o->type = xstrdup("");
		if (!o->name)
			o->name = xstrdup("");
		if (!o->tbl)
			o->tbl = xstrdup("");
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void schema_free(struct schema_list *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->v[i].type);
		free(l->v[i].name);
		free(l->v[i].tbl);
		free(l->v[i].sql);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Every migration on an empty database in memory, as db_migrate applies them to a new file. */
static int schema_expected(struct schema_list *l, struct jy_err *err)
{
	sqlite3 *h = NULL;
	int rc = JY_OK;
	if (sqlite3_open_v2(":memory:", &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		rc = err_set(err, JY_EDB, NULL, _("checking the schema: out of memory"));
		goto out;
	}
	for (int v = 0; v < jy_asset_migration_count; v++) {
		if (sqlite3_exec(h, jy_asset_migrations[v], NULL, NULL, NULL) != SQLITE_OK) {
			rc = err_set(err, JY_EDB, NULL, _("checking the schema: migration %d of "
			                                  "this jiuye does not run: %s"),
			             v + 1, sqlite3_errmsg(h));
			goto out;
		}
	}
	if (schema_load(h, l) != 0)
		rc = err_set(err, JY_EDB, NULL, _("checking the schema: %s"), sqlite3_errmsg(h));
out:
	sqlite3_close(h);
	return rc;
}

/* "table", "index", "trigger", "view" in the worker's language. */
static const char *schema_type_label(const char *type)
{
	if (strcmp(type, "table") == 0)
		return _("table");
	if (strcmp(type, "index") == 0)
		return _("index");
	if (strcmp(type, "trigger") == 0)
		return _("trigger");
	if (strcmp(type, "view") == 0)
		return _("view");
	return type;
}

static int schema_cmp(const struct schema_obj *a, const struct schema_obj *b)
{
	int c = strcmp(a->type, b->type);
	return c ? c : strcmp(a->name, b->name);
}

enum { SCHEMA_MISSING, SCHEMA_EXTRA, SCHEMA_ALTERED };

static void schema_say(void (*cb)(void *arg, const char *problem), void *arg, int what,
                       const struct schema_obj *o)
{
	if (!cb)
		return;
	const char *type = schema_type_label(o->type), *name = path_shown(o->name);
	char *s = what == SCHEMA_MISSING
	        ? xasprintf(_("schema: the %s %s is missing (jiuye's migrations make it): it was "
	                      "dropped"), type, name)
	        : what == SCHEMA_EXTRA
	        ? xasprintf(_("schema: the %s %s is no part of jiuye's schema: something other "
	                      "than jiuye added it"), type, name)
	        : xasprintf(_("schema: the %s %s is not as jiuye's migrations make it: it was "
	                      "altered"), type, name);
	cb(arg, s);
	free(s);
}

int schema_check(struct jy_db *db, void (*cb)(void *arg, const char *problem), void *arg,
                 struct jy_err *err)
{
	struct schema_list want = { 0 }, have = { 0 };
	int problems = -1;
	if (schema_expected(&want, err) != JY_OK)
		goto out;
	if (schema_load(db->h, &have) != 0) {
		db_fail(db, err, _("checking the schema"));
		goto out;
	}
	/* both sorted by type and name (ORDER BY compares with the same bytes strcmp does) */
	problems = 0;
	int i = 0, j = 0;
	while (i < want.n || j < have.n) {
		int c = i == want.n ? 1 : j == have.n ? -1 : schema_cmp(&want.v[i], &have.v[j]);
		if (c < 0) {
			problems++;
			schema_say(cb, arg, SCHEMA_MISSING, &want.v[i]);
			i++;
		} else if (c > 0) {
			problems++;
			schema_say(cb, arg, SCHEMA_EXTRA, &have.v[j]);
			j++;
		} else {
			if (strcmp(want.v[i].tbl, have.v[j].tbl) != 0 ||
			    strcmp(want.v[i].sql, have.v[j].sql) != 0) {
				problems++;
				schema_say(cb, arg, SCHEMA_ALTERED, &have.v[j]);
			}
			i++;
			j++;
		}
	}
out:
	schema_free(&want);
	schema_free(&have);
	return problems;
}
