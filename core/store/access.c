/* core/store/access.c: who may see and do what.
 *
 * Four roles: 录入员 enters and edits in her communities; 审核 also
 * approves sensitive changes (ID number, birth date, categories) and may hand out full values;
 * 统计 sees figures, never a person; 管理员 keeps the workers, settings and code lists and may do
 * all the rest. One table says which role may do which operation, so the checks, the help and the
 * tests read the same rules.
 *
 * A 录入员 may close a record (注销) in her communities: she is the one at the desk who hears
 * that a resident moved away or died, closing deletes nothing (history and past reports stay),
 * and it is undone in one step. Reopening is a 审核's (or 管理员's): a record comes back into the
 * lists, the figures and the matching only after a second person looked at why it was closed, as
 * with the other changes a clerk's word alone should not make (ID number, categories).
 *
 * Community scope is a second, independent test: a community worker sees her communities, a
 * street clerk every community of her street.
 *
 * The scope is loaded once per connection (access_scope_load, called when the actor is set) and
 * offered to SQL as the function jy_in_scope(community), so list queries filter in the database
 * without building SQL from data. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/store_int.h"

/*  op                label (what the worker tried)      录入 审核 统计 管理 */
#define ACCESS_OPS(X) \
	X(OP_VIEW,           N_("see residents' records"),         1, 1, 0, 1) \
	X(OP_UNMASK,         N_("see a full ID number or phone"),  1, 1, 0, 1) \
	X(OP_CREATE,         N_("register residents"),             1, 1, 0, 1) \
	X(OP_EDIT,           N_("change residents' records"),      1, 1, 0, 1) \
	X(OP_EDIT_SENSITIVE, N_("change an ID number, birth date or categories"), 0, 1, 0, 1) \
	X(OP_APPROVE,        N_("approve sensitive changes"),      0, 1, 0, 1) \
	X(OP_CLOSE,          N_("close residents' records"),       1, 1, 0, 1) \
	X(OP_REOPEN,         N_("reopen closed records"),          0, 1, 0, 1) \
	X(OP_IMPORT,         N_("import files"),                   1, 1, 0, 1) \
	X(OP_EXPORT,         N_("export lists of people"),         1, 1, 0, 1) \
	X(OP_EXPORT_FULL,    N_("export full ID numbers and phones"), 0, 1, 0, 1) \
	X(OP_REPORT,         N_("see reports"),                    1, 1, 1, 1) \
	X(OP_REPORT_PEOPLE,  N_("see the people behind a figure"), 1, 1, 0, 1) \
	X(OP_AUDIT,          N_("read the audit trail"),           0, 1, 0, 1) \
	X(OP_ADMIN,          N_("manage workers, settings and code lists"), 0, 0, 0, 1)

static const struct {
	const char *label;
	unsigned char role[5];  /* indexed by enum jy_role; [0] = no role: nothing */
} access_table[] = {
#define X(op, label, clerk, reviewer, stats, admin) [op] = { label, { 0, clerk, reviewer, stats, admin } },
	ACCESS_OPS(X)
#undef X
};

static const char *const role_labels[] = {
	[ROLE_CLERK] = "录入员", [ROLE_REVIEWER] = "审核", [ROLE_STATS] = "统计", [ROLE_ADMIN] = "管理员",
};
static const char *const role_names[] = {
	[ROLE_CLERK] = "clerk", [ROLE_REVIEWER] = "reviewer", [ROLE_STATS] = "stats", [ROLE_ADMIN] = "admin",
};

const char *role_label(int role)
{
	return role >= ROLE_CLERK && role <= ROLE_ADMIN ? role_labels[role] : _("not a worker");
}

int role_parse(const char *text)
{
	static const struct {
		const char *name;
		int role;
	} aliases[] = {
		{ "录入", ROLE_CLERK }, { "审核员", ROLE_REVIEWER }, { "统计员", ROLE_STATS }, { "管理", ROLE_ADMIN },
	};
	if (!text)
		return -1;
	for (int r = ROLE_CLERK; r <= ROLE_ADMIN; r++)
		if (strcasecmp(text, role_names[r]) == 0 || strcmp(text, role_labels[r]) == 0)
			return r;
	for (size_t i = 0; i < ARRAY_LEN(aliases); i++)
		if (strcmp(text, aliases[i].name) == 0)
			return aliases[i].role;
	return -1;
}

int access_role_may(int role, int op)
{
	if (op < 0 || op >= (int)ARRAY_LEN(access_table) || role < 0 || role > ROLE_ADMIN)
		return 0;
	return access_table[op].role[role];
}

const char *access_op_label(int op)
{
	return op >= 0 && op < (int)ARRAY_LEN(access_table) ? _(access_table[op].label) : "";
}

/* ---- scope ------------------------------------------------------------------------------------- */

/* The communities the actor may see, sorted, or scope_all for the whole database. */
static int scope_has(const struct jy_db *db, const char *community)
{
	if (db->scope_all)
		return 1;
	if (!community || !*community)
		return 0;       /* a record of no community belongs to the office: the street and up */
	int lo = 0, hi = db->nscope - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2, c = strcmp(db->scope[mid], community);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return 0;
}

int access_in_scope(struct jy_db *db, const char *community)
{
	return scope_has(db, community);
}

int access_scope_all(struct jy_db *db)
{
	return db->scope_all;
}

static void sql_in_scope(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	struct jy_db *db = sqlite3_user_data(ctx);
	sqlite3_result_int(ctx, scope_has(db, (const char *)sqlite3_value_text(argv[0])));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void units_free(struct jy_db *db)
{
	for (int i = 0; i < db->nunits; i++)
		free(db->units[i]);
	FREE(&db->units);
	db->nunits = 0;
}

void access_scope_free(struct jy_db *db)
{
	for (int i = 0; i < db->nscope; i++)
		free(db->scope[i]);
	FREE(&db->scope);
	db->nscope = 0;
	db->scope_all = 0;
	units_free(db);
}

/* The whole database's list is read again on every call: units are few (a county has a few
 * hundred), and an administrator who adds one finds its residents at once. */
int access_scope_units(struct jy_db *db, const char *const **list, int *n, struct jy_err *err)
{
	if (!db->scope_all) {
		*list = (const char *const *)db->scope;
		*n = db->nscope;
		return JY_OK;
	}
	units_free(db);
	sqlite3_stmt *st = db_prepare(db, "SELECT '' UNION ALL SELECT code FROM unit ORDER BY 1", err);
	if (!st)
		return JY_EDB;
	int rc, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (db->nunits == cap) {
			cap = cap ? cap * 2 : 64;
			db->units = xrealloc(db->units, (size_t)cap * sizeof *db->units);
		}
		db->units[db->nunits++] = db_col_str(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("reading the units"));
	*list = (const char *const *)db->units;
	*n = db->nunits;
	return JY_OK;
}

/* Every community under the worker's scope units (a unit is a community, a street or a county),
 * or her own community when she has no scope row. An administrator, and a worker whose scope
 * holds a county, sees everything. */
static const char sql_scope[] =
	"WITH RECURSIVE top(code) AS ("
	"  SELECT unit FROM worker_scope WHERE os_user = ?1"
	"  UNION SELECT community FROM worker WHERE os_user = ?1 AND community IS NOT NULL"
	"    AND NOT EXISTS (SELECT 1 FROM worker_scope WHERE os_user = ?1)),"
	" sub(code, level) AS (SELECT u.code, u.level FROM unit u JOIN top ON u.code = top.code"
	"  UNION SELECT u.code, u.level FROM unit u JOIN sub ON u.parent = sub.code)"
	" SELECT code, level FROM sub";

int access_scope_load(struct jy_db *db, struct jy_err *err)
{
	access_scope_free(db);
	sqlite3_create_function(db->h, "jy_in_scope", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, db,
	                        sql_in_scope, NULL, NULL);
	if (db->who.role == ROLE_ADMIN || db->who.role == ROLE_STATS) {
		db->scope_all = 1;      /* statistics see every figure; they never see a person */
		return JY_OK;
	}
	sqlite3_stmt *st = db_prepare(db, sql_scope, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, db->who.os_user, -1, SQLITE_TRANSIENT);
	int cap = 0, s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *level = (const char *)sqlite3_column_text(st, 1);
		if (level && strcmp(level, "county") == 0)
			db->scope_all = 1;
		if (db->nscope == cap) {
			cap = cap ? cap * 2 : 16;
			db->scope = xrealloc(db->scope, (size_t)cap * sizeof *db->scope);
		}
		db->scope[db->nscope++] = db_col_str(st, 0);
	}
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		access_scope_free(db);  /* half a scope would hide records without saying why */
		return db_fail(db, err, _("reading the worker's communities"));
	}
	if (db->nscope > 1)
		qsort(db->scope, (size_t)db->nscope, sizeof *db->scope, cmp_str);
	return JY_OK;
}

/* ---- the checks -------------------------------------------------------------------------------- */

int access_may(struct jy_db *db, int op)
{
	return access_role_may(db->who.role, op);
}

int access_check(struct jy_db *db, int op, const char *community, struct jy_err *err)
{
	if (!access_may(db, op))
		return err_set(err, JY_EPERM, "", _("%s (%s) may not %s; ask an administrator"),
		               db->who.os_user, role_label(db->who.role), access_op_label(op));
	if (community && !scope_has(db, community))
		return err_set(err, JY_EPERM, "", _("this record belongs to a community outside %s's "
		                                   "communities; ask the street office"), db->who.os_user);
	return JY_OK;
}

/* ---- masking ----------------------------------------------------------------------------------- */

/* Keep head characters and tail characters, '*' between. ASCII values only (IDs, phones); any
 * other value is masked whole, so nothing leaks through an unexpected form. */
static void mask_keep(const char *v, size_t head, size_t tail, char *out, size_t size)
{
	size_t n = v ? strlen(v) : 0;
	if (!size)
		return;
	out[0] = '\0';
	if (n == 0)
		return;
	if (n <= head + tail) {
		head = 0;
		tail = n > 2 ? 2 : 0;
	}
	size_t o = 0;
	for (size_t i = 0; i < n && o + 1 < size; i++) {
		unsigned char c = (unsigned char)v[i];
		int keep = (i < head || i >= n - tail) && c < 0x80;
		out[o++] = keep ? (char)c : '*';
		while (c >= 0x80 && i + 1 < n && ((unsigned char)v[i + 1] & 0xc0) == 0x80)
			i++;    /* one '*' a character */
	}
	out[o] = '\0';
}

void mask_idno(const char *id, char *out, size_t size)
{
	mask_keep(id, 6, 4, out, size);         /* 320102********123X: region and the last four */
}

void mask_phone(const char *phone, char *out, size_t size)
{
	mask_keep(phone, 3, 4, out, size);      /* 138****5678 */
}

int mask_is_masked(const char *v)
{
	return v && strchr(v, '*') != NULL;
}

/* ---- workers (administrators only) ------------------------------------------------------------- */

/* *found: is os_user in the worker table (open or closed)? */
static int worker_exists(struct jy_db *db, const char *os_user, int *found, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM worker WHERE os_user = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, os_user, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	*found = s == SQLITE_ROW;
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, _("reading the workers"));
	return JY_OK;
}

/* Bytes before the next separator: ',', '、' or '，' (whole UTF-8 sequences, never their bytes). */
static size_t unit_sep(const char *p)
{
	size_t n = 0;
	while (p[n] && p[n] != ',' && strncmp(p + n, "、", 3) && strncmp(p + n, "，", 3))
		n++;
	return n;
}

/* Each unit of a comma-separated list (codes or names) into worker_scope; JY_EINVAL naming the one
 * not found. Inside the caller's transaction. */
static int worker_scope_put(struct jy_db *db, const char *os_user, const char *units,
                            struct jy_err *err)
{
	sqlite3_stmt *del = db_prepare(db, "DELETE FROM worker_scope WHERE os_user = ?1", err);
	if (!del)
		return JY_EDB;
	sqlite3_bind_text(del, 1, os_user, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(del);
	sqlite3_reset(del);
	if (s != SQLITE_DONE)
		return db_fail(db, err, _("saving the worker"));
	for (const char *p = units ? units : ""; *p;) {
		size_t n = unit_sep(p);
		char *one = xstrndup(p, n);
		char *name = text_clean(one);
		free(one);
		p += n;
		p += *p == ',' ? 1 : *p ? 3 : 0;   /* ',' or a 3-byte 、 ， */
		if (!*name) {
			free(name);
			continue;
		}
		char code[32];
		sqlite3_stmt *st = db_prepare(db, "SELECT code FROM unit WHERE code = ?1 OR name = ?1", err);
		if (!st) {
			free(name);
			return JY_EDB;
		}
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
		s = sqlite3_step(st);
		if (s == SQLITE_ROW)
			db_col_copy(st, 0, code, sizeof code);
		sqlite3_reset(st);
		if (s != SQLITE_ROW && s != SQLITE_DONE) {
			free(name);
			return db_fail(db, err, _("reading the units"));
		}
		if (s == SQLITE_DONE) {
			err_set(err, JY_EINVAL, "社区", _("%s is not a community, street or county of this "
			                                  "database; give its code or its name"), name);
			free(name);
			return JY_EINVAL;
		}
		free(name);
		st = db_prepare(db, "INSERT OR IGNORE INTO worker_scope(os_user, unit) VALUES (?1, ?2)", err);
		if (!st)
			return JY_EDB;
		sqlite3_bind_text(st, 1, os_user, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, code, -1, SQLITE_TRANSIENT);
		s = sqlite3_step(st);
		sqlite3_reset(st);
		if (s != SQLITE_DONE)
			return db_fail(db, err, _("saving the worker"));
	}
	return JY_OK;
}

/* *any: does the database have any unit yet? */
static int has_units(struct jy_db *db, int *any, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM unit LIMIT 1", err);
	if (!st)
		return JY_EDB;
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	*any = s == SQLITE_ROW;
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, _("reading the units"));
	return JY_OK;
}

int worker_save(struct jy_db *db, const char *os_user, const char *name, int role, const char *units,
                struct jy_err *err)
{
	int rc = access_check(db, OP_ADMIN, NULL, err);
	if (rc)
		return rc;
	if (!os_user || !*os_user || strlen(os_user) > 32 || strpbrk(os_user, " \t/:"))
		return err_set(err, JY_EINVAL, "账号", _("give the worker's login name on this computer "
		                                         "(letters, digits, . _ -)"));
	if (role < ROLE_CLERK || role > ROLE_ADMIN)
		return err_set(err, JY_EINVAL, "角色", _("the role is one of 录入员 (clerk), 审核 (reviewer), "
		                                         "统计 (stats), 管理员 (admin)"));
	if (strcmp(os_user, db->who.os_user) == 0 && role != ROLE_ADMIN)
		return err_set(err, JY_EINVAL, "角色", _("an administrator cannot take her own role away; "
		                                         "another administrator can"));
	int existed = 0, any = 0;
	if ((rc = worker_exists(db, os_user, &existed, err)))
		return rc;
	/* A clerk or reviewer sees her communities and nothing else: a new one without any would
	 * open an empty program. */
	int scopeless = !existed && (role == ROLE_CLERK || role == ROLE_REVIEWER) &&
	                text_is_blank(units);
	if (scopeless && (rc = has_units(db, &any, err)))
		return rc;
	if (scopeless && any)
		return err_set(err, JY_EINVAL, "社区", _("give the communities (or the street) she works "
		                                         "for: --scope 幸福里社区,建设社区 or --scope 城南街道"));
	if ((rc = db_begin(db, err)))
		return rc;
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO worker(os_user, name, role, community, created_at, added_by) "
		"VALUES (?1, coalesce(?2, ?1), ?3, NULL, ?4, ?5) "
		"ON CONFLICT(os_user) DO UPDATE SET name = coalesce(?2, name), role = ?3, closed_at = NULL", err);
	if (!st) {
		db_rollback(db);
		return JY_EDB;
	}
	sqlite3_bind_text(st, 1, os_user, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 2, name);
	sqlite3_bind_int(st, 3, role);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, db->who.os_user, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE)
		rc = db_fail(db, err, _("saving the worker"));
	if (!rc && units)
		rc = worker_scope_put(db, os_user, units, err);
	if (!rc) {
		struct jy_buf ch = { 0 };
		buf_adds(&ch, "{\"account\":");
		history_json_str(&ch, os_user);
		buf_adds(&ch, ",\"role\":");
		history_json_str(&ch, role_label(role));
		buf_adds(&ch, ",\"scope\":");
		history_json_str(&ch, units);
		buf_adds(&ch, "}");
		rc = history_add(db, "worker", 0, existed ? "change" : "create", ch.s, err);
		buf_free(&ch);
	}
	if (rc) {
		db_rollback(db);
		return rc;
	}
	rc = db_commit(db, err);
	if (!rc && strcmp(os_user, db->who.os_user) == 0)
		rc = access_scope_load(db, err);
	return rc;
}

int worker_close(struct jy_db *db, const char *os_user, struct jy_err *err)
{
	int rc = access_check(db, OP_ADMIN, NULL, err);
	if (rc)
		return rc;
	if (strcmp(os_user, db->who.os_user) == 0)
		return err_set(err, JY_EINVAL, "账号", _("an administrator cannot close her own account"));
	if ((rc = db_begin(db, err)))
		return rc;
	sqlite3_stmt *st = db_prepare(db, "UPDATE worker SET closed_at = ?2 WHERE os_user = ?1 AND "
	                                  "closed_at IS NULL", err);
	if (!st) {
		db_rollback(db);
		return JY_EDB;
	}
	char now[32];
	time_now_iso(now);
	sqlite3_bind_text(st, 1, os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE)
		rc = db_fail(db, err, _("saving the worker"));
	else if (sqlite3_changes(db->h) == 0)
		rc = err_set(err, JY_ENOTFOUND, "账号", _("%s is not an active worker of this database"), os_user);
	if (!rc) {
		struct jy_buf ch = { 0 };
		buf_adds(&ch, "{\"account\":");
		history_json_str(&ch, os_user);
		buf_adds(&ch, "}");
		rc = history_add(db, "worker", 0, "close", ch.s, err);
		buf_free(&ch);
	}
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

int worker_each(struct jy_db *db, int (*cb)(void *arg, const struct worker_row *w), void *arg,
                struct jy_err *err)
{
	int rc = access_check(db, OP_ADMIN, NULL, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT w.os_user, w.name, w.role, coalesce(w.closed_at, ''), CASE WHEN w.role IN (3, 4) "
		"THEN '' ELSE coalesce(("
		"  SELECT group_concat(u.name, '、') FROM worker_scope s JOIN unit u ON u.code = s.unit"
		"  WHERE s.os_user = w.os_user), (SELECT name FROM unit WHERE code = w.community), '') END "
		"FROM worker w ORDER BY w.closed_at IS NOT NULL, w.os_user", err);
	if (!st)
		return JY_EDB;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct worker_row w;
		db_col_copy(st, 0, w.os_user, sizeof w.os_user);
		db_col_copy(st, 1, w.name, sizeof w.name);
		w.role = sqlite3_column_int(st, 2);
		db_col_copy(st, 3, w.closed_at, sizeof w.closed_at);
		db_col_copy(st, 4, w.scope, sizeof w.scope);
		if ((rc = cb(arg, &w)))
			break;
	}
	sqlite3_reset(st);
	if (!rc && s != SQLITE_DONE)
		rc = db_fail(db, err, _("reading the workers"));
	return rc;
}

/* Categories that tell of hardship or health (低保, 特困, 残疾): personal information of the highest class,
 * never shown in lists, people lists or exports of a worker who has not asked for the full
 * record. */
static const char *const sensitive_categories[] = { "DIBAO", "SPECIAL_POOR", "DISABLED" };

int category_sensitive(const char *code, size_t n)
{
	for (size_t i = 0; i < ARRAY_LEN(sensitive_categories); i++)
		if (strlen(sensitive_categories[i]) == n && strncmp(code, sensitive_categories[i], n) == 0)
			return 1;
	return 0;
}

void mask_categories(char *codes)
{
	if (!codes)
		return;
	char *out = codes;
	for (const char *s = codes; *s;) {
		size_t n = strcspn(s, ",");
		if (!category_sensitive(s, n)) {
			if (out != codes)
				*out++ = ',';
			memmove(out, s, n);
			out += n;
		}
		s += n + (s[n] == ',');
	}
	*out = '\0';
}
