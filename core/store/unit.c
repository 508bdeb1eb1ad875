/* core/store/unit.c: the office's units, the county / street (街道, 乡镇) / community (社区, 村)
 * tree that scopes workers, files residents and splits reports.
 *
 * An administrator keeps it (access_check OP_ADMIN); every change is one transaction with its
 * row in the audit trail. The rules the tree keeps: a level below its parent's, so no unit can
 * end up under itself; one name in the database, because workers, files and reports name a unit
 * by its name alone; nothing removed, a closed unit stays on her residents' records and in the
 * reports, and takes nobody new (unit_open_check, asked by the registry on every registration). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

#define UNIT_NAME_MAX 30        /* characters: 城关镇幸福里社区居民委员会 is 12 */
#define PROFILE_MAX 10000000    /* a figure of a community's profile: a city district is fewer */

static const struct {
	int level;
	const char *name;       /* the command line's word */
	const char *label;      /* the office's */
	const char *words[6];   /* what a worker or a file may write */
} unit_levels[] = {
	{ UNIT_COUNTY, "county", "县区", { "县", "区", "县区", "县（区）", "县(区)", "市" } },
	{ UNIT_STREET, "street", "街道乡镇", { "街道", "乡镇", "镇", "乡", "街道乡镇", "街道（乡镇）" } },
	{ UNIT_COMMUNITY, "community", "社区村", { "社区", "村", "社区村", "居委会", "村委会", "社区（村）" } },
};

int unit_level_parse(const char *text)
{
	for (size_t i = 0; text && i < ARRAY_LEN(unit_levels); i++) {
		if (strcmp(text, unit_levels[i].name) == 0 || strcmp(text, unit_levels[i].label) == 0)
			return unit_levels[i].level;
		for (size_t w = 0; w < ARRAY_LEN(unit_levels[i].words) && unit_levels[i].words[w]; w++)
			if (strcmp(text, unit_levels[i].words[w]) == 0)
				return unit_levels[i].level;
	}
	return -1;
}

const char *unit_level_label(int level)
{
	for (size_t i = 0; i < ARRAY_LEN(unit_levels); i++)
		if (unit_levels[i].level == level)
			return unit_levels[i].label;
	return "?";
}

static const char *level_name(int level)
{
	for (size_t i = 0; i < ARRAY_LEN(unit_levels); i++)
		if (unit_levels[i].level == level)
			return unit_levels[i].name;
	return "";
}

/* ---- reading --------------------------------------------------------------------------------- */

#define UNIT_COLS \
	"u.code, u.name, u.level, coalesce(u.parent, ''), coalesce(p.name, ''), " \
	"coalesce(u.closed_at, ''), (SELECT count(*) FROM resident r WHERE r.community = u.code)"

static void unit_read(sqlite3_stmt *st, struct unit_row *u)
{
	memset(u, 0, sizeof *u);
	db_col_copy(st, 0, u->code, sizeof u->code);
	db_col_copy(st, 1, u->name, sizeof u->name);
	u->level = unit_level_parse((const char *)sqlite3_column_text(st, 2));
	db_col_copy(st, 3, u->parent, sizeof u->parent);
	db_col_copy(st, 4, u->parent_name, sizeof u->parent_name);
	db_col_copy(st, 5, u->closed_at, sizeof u->closed_at);
	u->residents = sqlite3_column_int64(st, 6);
}

/* Depth first by the path of codes from the top; char(31) keeps a parent before its children. */
int unit_each(struct jy_db *db, int (*cb)(void *arg, const struct unit_row *u), void *arg,
              struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"WITH RECURSIVE t(code, depth, path) AS ("
		"  SELECT code, 0, code FROM unit WHERE parent IS NULL"
		"  UNION ALL SELECT u.code, t.depth + 1, t.path || char(31) || u.code"
		"  FROM unit u JOIN t ON u.parent = t.code WHERE t.depth < 8)"
		" SELECT " UNIT_COLS ", t.depth FROM t JOIN unit u ON u.code = t.code"
		" LEFT JOIN unit p ON p.code = u.parent ORDER BY t.path", err);
	if (!st)
		return JY_EDB;
	int s, rc = JY_OK;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct unit_row u;
		unit_read(st, &u);
		u.depth = sqlite3_column_int(st, 7);
		if ((rc = cb(arg, &u)))
			break;
	}
	sqlite3_reset(st);
	if (!rc && s != SQLITE_DONE)
		return db_fail(db, err, _("reading the units"));
	return rc;
}

int unit_get(struct jy_db *db, const char *unit, struct unit_row *u, struct jy_err *err)
{
	memset(u, 0, sizeof *u);
	char *text = text_clean(unit ? unit : "");
	sqlite3_stmt *st = db_prepare(db,
		"SELECT " UNIT_COLS " FROM unit u LEFT JOIN unit p ON p.code = u.parent "
		"WHERE u.code = ?1 OR u.name = ?1 ORDER BY u.code = ?1 DESC LIMIT 1", err);
	if (!st) {
		free(text);
		return JY_EDB;
	}
	sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		unit_read(st, u);
	sqlite3_reset(st);
	int rc = JY_OK;
	if (s == SQLITE_DONE)
		rc = err_set(err, JY_ENOTFOUND, "单位", _("%s is not a unit of this database; "
		                                        "jiuye unit list shows them"), text);
	else if (s != SQLITE_ROW)
		rc = db_fail(db, err, _("reading the units"));
	free(text);
	return rc;
}

int unit_count(struct jy_db *db, int *n, struct jy_err *err)
{
	*n = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM unit", err);
	if (!st)
		return JY_EDB;
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return s == SQLITE_ROW ? JY_OK : db_fail(db, err, _("reading the units"));
}

int unit_open_check(struct jy_db *db, const char *community, struct jy_err *err)
{
	if (!community || !*community)
		return JY_OK;
	const struct code_list *units = codes_cached(db, "@units", err);
	if (!units)
		return JY_EDB;
	for (int i = 0; i < units->n; i++)
		if (units->items[i].retired && strcmp(units->items[i].code, community) == 0) {
			struct unit_row u;
			int rc = unit_get(db, community, &u, err);
			if (rc)
				return rc;
			return err_set(err, JY_EINVAL, "社区", _("%s was closed on %.10s and takes no new "
			                                        "residents: choose the community she lives "
			                                        "in now"), u.name, u.closed_at);
		}
	return JY_OK;
}

/* ---- checks shared by the changes ------------------------------------------------------------ */

/* The name a worker typed, cleaned; JY_EINVAL for an empty or long one, or one with the
 * separators of a list of units (a worker's --scope 幸福里社区,建设社区). Caller frees *out. */
static int name_check(const char *in, char **out, struct jy_err *err)
{
	*out = text_clean(in ? in : "");
	if (!**out)
		return err_set(err, JY_EINVAL, "名称", _("give the unit's name, e.g. 幸福里社区"));
	if (text_chars(*out) > UNIT_NAME_MAX)
		return err_set(err, JY_EINVAL, "名称", _("%s: a unit's name has at most %d characters"),
		               *out, UNIT_NAME_MAX);
	if (strpbrk(*out, ",;") || strstr(*out, "、") || strstr(*out, "，"))
		return err_set(err, JY_EINVAL, "名称", _("%s: a unit's name has no , or 、 in it (they "
		                                        "separate units in a list)"), *out);
	return JY_OK;
}

/* JY_EINVAL when another unit (not the one coded self) has the name. */
static int name_free(struct jy_db *db, const char *name, const char *self, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT coalesce(p.name, ''), u.code FROM unit u LEFT JOIN unit p ON p.code = u.parent "
		"WHERE u.name = ?1 AND u.code IS NOT ?2", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 2, self);
	int s = sqlite3_step(st);
	char parent[64] = "";
	if (s == SQLITE_ROW)
		db_col_copy(st, 0, parent, sizeof parent);
	sqlite3_reset(st);
	if (s == SQLITE_DONE)
		return JY_OK;
	if (s != SQLITE_ROW)
		return db_fail(db, err, _("reading the units"));
	if (*parent)
		return err_set(err, JY_EINVAL, "名称", _("%s is already a unit, under %s: one name is one "
		                                        "unit; add the street's or village's name to "
		                                        "tell them apart"), name, parent);
	return err_set(err, JY_EINVAL, "名称", _("%s is already a unit: one name is one unit"), name);
}

/* Can a unit of level (coded self; NULL for a new one) stand under parent? JY_EINVAL for a cycle,
 * a level that does not fit, a closed parent. */
static int parent_check(struct jy_db *db, const char *self, const char *name, int level,
                        const struct unit_row *parent, struct jy_err *err)
{
	if (self) {
		/* walk up from the new parent: reaching self would put the unit under itself */
		sqlite3_stmt *st = db_prepare(db,
			"WITH RECURSIVE up(code, n) AS (SELECT ?1, 0 UNION ALL SELECT u.parent, up.n + 1 "
			"FROM unit u JOIN up ON u.code = up.code WHERE u.parent IS NOT NULL AND up.n < 64) "
			"SELECT 1 FROM up WHERE code = ?2", err);
		if (!st)
			return JY_EDB;
		sqlite3_bind_text(st, 1, parent->code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, self, -1, SQLITE_TRANSIENT);
		int s = sqlite3_step(st);
		sqlite3_reset(st);
		if (s == SQLITE_ROW)
			return err_set(err, JY_EINVAL, "上级", _("%s cannot go under %s: %s is %s itself or "
			                                        "one of its units (the tree would go round "
			                                        "in a circle)"),
			               name, parent->name, parent->name, name);
		if (s != SQLITE_DONE)
			return db_fail(db, err, _("reading the units"));
	}
	if (parent->level >= level)
		return err_set(err, JY_EINVAL, "上级", _("%s (%s) cannot go under %s, a %s: a street goes "
		                                        "under a county, a community under a street or a "
		                                        "county"),
		               name, unit_level_label(level), parent->name,
		               unit_level_label(parent->level));
	if (*parent->closed_at)
		return err_set(err, JY_EINVAL, "上级", _("%s was closed: nothing new goes under it"),
		               parent->name);
	return JY_OK;
}

/* A code of letters, digits and '-', at most 24 bytes, and not taken. */
static int code_check(struct jy_db *db, const char *code, struct jy_err *err)
{
	size_t n = strlen(code);
	if (n == 0 || n > 24 || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                                     "0123456789-") != n)
		return err_set(err, JY_EINVAL, "代码", _("%s: a unit's code has 1 to 24 letters, digits "
		                                        "or -, e.g. 330122001 or TX01"), code);
	struct unit_row u;
	struct jy_err e = { 0 };
	int rc = unit_get(db, code, &u, &e);
	if (rc == JY_ENOTFOUND)
		return JY_OK;
	if (rc) {
		*err = e;
		return rc;
	}
	return err_set(err, JY_EINVAL, "代码", _("the code %s is %s's already"), code, u.name);
}

/* The first free code under parent ("" at the top): its code and two digits, as an office
 * numbers them (TX01 -> TX0101, TX0102 ...); U01, U02 ... at the top. */
static int code_make(struct jy_db *db, const char *parent, char out[32], struct jy_err *err)
{
	for (int i = 1; i < 10000; i++) {
		if (*parent)
			snprintf(out, 32, i < 100 ? "%s%02d" : "%s%04d", parent, i);
		else
			snprintf(out, 32, i < 100 ? "U%02d" : "U%04d", i);
		struct unit_row u;
		struct jy_err e = { 0 };
		int rc = unit_get(db, out, &u, &e);
		if (rc == JY_ENOTFOUND)
			return JY_OK;
		if (rc) {
			*err = e;
			return rc;
		}
	}
	return err_set(err, JY_EINVAL, "代码", _("no free code under %s: give one with --code"), parent);
}

/* ---- the changes ----------------------------------------------------------------------------- */

/* The unit's row (sql NULL: none to write) and the trail's row for it, then commit when own (the
 * transaction is this call's; else the caller's, who rolls it back on a failure). sql binds ?1
 * code, ?2 ?3 ?4 b[0..2] (NULL or "" as NULL). */
static int unit_write(struct jy_db *db, int own, const char *sql, const char *code,
                      const char *const b[3], const char *action, const char *changes,
                      struct jy_err *err)
{
	sqlite3_stmt *st = sql ? db_prepare(db, sql, err) : NULL;
	int rc = !sql || st ? JY_OK : JY_EDB;
	if (st) {
		sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
		for (int i = 2; i <= sqlite3_bind_parameter_count(st) && i <= 4; i++)
			db_bind_text(st, i, b[i - 2]);
		int s = sqlite3_step(st);
		sqlite3_reset(st);
		if (s != SQLITE_DONE)
			rc = db_fail(db, err, _("saving a unit"));
	}
	int64_t rowid = 0;
	if (!rc && (st = db_prepare(db, "SELECT rowid FROM unit WHERE code = ?1", err))) {
		sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW)
			rowid = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	} else if (!rc) {
		rc = JY_EDB;
	}
	if (!rc)
		rc = history_add(db, "unit", rowid, action, changes, err);
	if (rc && own)
		db_rollback(db);
	else if (own)
		rc = db_commit(db, err);
	codes_cache_units_changed(db);  /* the communities offered and checked from now on */
	db->units_dirty = db_in_tx(db); /* an outer transaction's rollback reads them again */
	return rc;
}

/* {"key":[old,new], ...} for the trail, of up to three pairs (NULL key: none). Caller frees. */
static char *unit_changes(const char *k1, const char *o1, const char *n1, const char *k2,
                          const char *o2, const char *n2, const char *k3, const char *o3,
                          const char *n3)
{
	const char *k[] = { k1, k2, k3 }, *o[] = { o1, o2, o3 }, *n[] = { n1, n2, n3 };
	struct jy_buf b = { 0 };
	buf_adds(&b, "{");
	for (int i = 0; i < 3; i++) {
		if (!k[i])
			continue;
		buf_addf(&b, "%s\"%s\":[", b.len > 1 ? "," : "", k[i]);
		history_json_str(&b, o[i] && *o[i] ? o[i] : NULL);
		buf_adds(&b, ",");
		history_json_str(&b, n[i] && *n[i] ? n[i] : NULL);
		buf_adds(&b, "]");
	}
	buf_adds(&b, "}");
	return buf_steal(&b);
}

/* A change's transaction, or a savepoint inside the caller's (an import that adds the
 * communities its file names): either way this call's to end. */
static int unit_begin(struct jy_db *db, int *own, struct jy_err *err)
{
	*own = 1;
	return db_begin(db, err);
}

int unit_add(struct jy_db *db, const char *name, int level, const char *parent, const char *code,
             char out_code[32], struct jy_err *err)
{
	int own = 0;
	char *clean = NULL, made[32] = "";
	struct unit_row up = { 0 };
	int rc = access_check(db, OP_ADMIN, NULL, err);
	if (out_code)
		out_code[0] = '\0';
	if (!rc && level != UNIT_COUNTY && level != UNIT_STREET && level != UNIT_COMMUNITY)
		rc = err_set(err, JY_EINVAL, "级别", _("the level is county (县区), street (街道乡镇) "
		                                      "or community (社区村)"));
	if (!rc)
		rc = name_check(name, &clean, err);
	if (!rc)
		rc = name_free(db, clean, NULL, err);
	if (!rc && parent && *parent) {
		rc = unit_get(db, parent, &up, err);
		if (rc == JY_ENOTFOUND)
			snprintf(err->field, sizeof err->field, "上级");
		if (!rc)
			rc = parent_check(db, NULL, clean, level, &up, err);
	}
	if (!rc && code && *code) {
		rc = code_check(db, code, err);
		snprintf(made, sizeof made, "%s", code);
	} else if (!rc) {
		rc = code_make(db, up.code, made, err);
	}
	if (!rc)
		rc = unit_begin(db, &own, err);
	if (!rc) {
		char *ch = unit_changes("name", NULL, clean, "level", NULL, level_name(level),
		                        "parent", NULL, up.code);
		const char *b[3] = { clean, level_name(level), up.code };
		rc = unit_write(db, own, "INSERT INTO unit(code, name, level, parent) VALUES "
		                         "(?1, ?2, ?3, ?4)", made, b, "create", ch, err);
		free(ch);
	}
	if (!rc && out_code)
		snprintf(out_code, 32, "%s", made);
	free(clean);
	return rc;
}

int unit_rename(struct jy_db *db, const char *unit, const char *name, struct jy_err *err)
{
	int own = 0;
	struct unit_row u;
	char *clean = NULL;
	int rc = access_check(db, OP_ADMIN, NULL, err);
	if (!rc)
		rc = unit_get(db, unit, &u, err);
	if (!rc)
		rc = name_check(name, &clean, err);
	if (!rc && strcmp(clean, u.name) == 0)
		rc = err_set(err, JY_EINVAL, "名称", _("%s is already its name"), clean);
	if (!rc)
		rc = name_free(db, clean, u.code, err);
	if (!rc)
		rc = unit_begin(db, &own, err);
	if (!rc) {
		char *ch = unit_changes("name", u.name, clean, NULL, NULL, NULL, NULL, NULL, NULL);
		const char *b[3] = { clean };
		rc = unit_write(db, own, "UPDATE unit SET name = ?2 WHERE code = ?1", u.code, b,
		                "change", ch, err);
		free(ch);
	}
	free(clean);
	return rc;
}

int unit_move(struct jy_db *db, const char *unit, const char *parent, struct jy_err *err)
{
	int own = 0;
	struct unit_row u, up = { 0 };
	int rc = access_check(db, OP_ADMIN, NULL, err);
	if (!rc)
		rc = unit_get(db, unit, &u, err);
	if (!rc && parent && *parent) {
		rc = unit_get(db, parent, &up, err);
		if (rc == JY_ENOTFOUND)
			snprintf(err->field, sizeof err->field, "上级");
		if (!rc)
			rc = parent_check(db, u.code, u.name, u.level, &up, err);
	}
	if (!rc && strcmp(u.parent, up.code) == 0)
		rc = err_set(err, JY_EINVAL, "上级", *up.code ? _("%s is under %s already")
		                                              : _("%s is at the top already"),
		             u.name, up.name);
	if (!rc)
		rc = unit_begin(db, &own, err);
	if (!rc) {
		char *ch = unit_changes("parent", u.parent, up.code, NULL, NULL, NULL, NULL, NULL, NULL);
		const char *b[3] = { up.code };
		rc = unit_write(db, own, "UPDATE unit SET parent = ?2 WHERE code = ?1", u.code, b,
		                "move", ch, err);
		free(ch);
	}
	return rc;
}

int unit_close(struct jy_db *db, const char *unit, struct jy_err *err)
{
	int own = 0;
	struct unit_row u;
	int rc = access_check(db, OP_ADMIN, NULL, err);
	if (!rc)
		rc = unit_get(db, unit, &u, err);
	if (!rc && *u.closed_at)
		rc = err_set(err, JY_EINVAL, "单位", _("%s was closed already, on %.10s"), u.name,
		             u.closed_at);
	sqlite3_stmt *st = NULL;
	if (!rc && !(st = db_prepare(db, "SELECT name FROM unit WHERE parent = ?1 "
	                                 "AND closed_at IS NULL ORDER BY code LIMIT 1", err)))
		rc = JY_EDB;
	if (!rc) {
		sqlite3_bind_text(st, 1, u.code, -1, SQLITE_TRANSIENT);
		int s = sqlite3_step(st);
		char child[64] = "";
		if (s == SQLITE_ROW)
			db_col_copy(st, 0, child, sizeof child);
		sqlite3_reset(st);
		if (s == SQLITE_ROW)
			rc = err_set(err, JY_EINVAL, "单位", _("%s still has open units under it (%s ...): "
			                                      "move or close them first"), u.name, child);
		else if (s != SQLITE_DONE)
			rc = db_fail(db, err, _("reading the units"));
	}
	if (!rc)
		rc = unit_begin(db, &own, err);
	if (!rc) {
		char now[32];
		time_now_iso(now);
		char *ch = unit_changes("closed_at", NULL, now, NULL, NULL, NULL, NULL, NULL, NULL);
		const char *b[3] = { now };
		rc = unit_write(db, own, "UPDATE unit SET closed_at = ?2 WHERE code = ?1", u.code, b,
		                "close", ch, err);
		free(ch);
	}
	return rc;
}

/* ---- the profile ----------------------------------------------------------------------------- */

int unit_profile_set(struct jy_db *db, const char *unit, const struct unit_profile *p,
                     struct jy_err *err)
{
	int own = 0;
	static const char *const labels[] = { "楼栋", "门栋", "户", "人" };
	const int64_t v[] = { p->buildings, p->entrances, p->households, p->population };
	struct unit_row u;
	char day[11];
	int rc = access_check(db, OP_ADMIN, NULL, err);
	if (!rc)
		rc = unit_get(db, unit, &u, err);
	if (!rc && !*p->as_of)
		date_today(day);
	else if (!rc && (rc = date_parse(p->as_of, day, err)))
		snprintf(err->field, sizeof err->field, "日期");
	int given = 0;
	for (size_t i = 0; !rc && i < ARRAY_LEN(v); i++) {
		given += v[i] >= 0;
		if (v[i] > PROFILE_MAX)
			rc = err_set(err, JY_EINVAL, labels[i], _("%s: %lld is more than %d"), labels[i],
			             (long long)v[i], PROFILE_MAX);
	}
	if (!rc && !given)
		rc = err_set(err, JY_EINVAL, "楼栋", _("give at least one figure: buildings (楼栋), "
		                                      "entrances (门栋), households (户) or people (人)"));
	if (!rc)
		rc = unit_begin(db, &own, err);
	sqlite3_stmt *st = NULL;
	if (!rc && !(st = db_prepare(db,
		"INSERT OR REPLACE INTO unit_profile(unit, as_of, buildings, entrances, households, "
		"population) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err))) {
		if (own)
			db_rollback(db);
		rc = JY_EDB;
	}
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, u.code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
	for (int i = 0; i < 4; i++)
		if (v[i] >= 0)
			sqlite3_bind_int64(st, 3 + i, v[i]);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		rc = db_fail(db, err, _("saving a unit"));
		if (own)
			db_rollback(db);
		return rc;
	}
	char fig[128];
	snprintf(fig, sizeof fig, "%s %lld/%lld/%lld/%lld", day, (long long)v[0], (long long)v[1],
	         (long long)v[2], (long long)v[3]);
	char *ch = unit_changes("profile", NULL, fig, NULL, NULL, NULL, NULL, NULL, NULL);
	const char *none[3] = { NULL };
	rc = unit_write(db, own, NULL, u.code, none, "profile", ch, err);
	free(ch);
	return rc;
}

int unit_profile_get(struct jy_db *db, const char *unit, struct unit_profile *p,
                     struct jy_err *err)
{
	struct unit_row u;
	memset(p, 0, sizeof *p);
	int rc = unit_get(db, unit, &u, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT as_of, coalesce(buildings, -1), coalesce(entrances, -1), coalesce(households, -1), "
		"coalesce(population, -1) FROM unit_profile WHERE unit = ?1 ORDER BY as_of DESC LIMIT 1",
		err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, u.code, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		db_col_copy(st, 0, p->as_of, sizeof p->as_of);
		p->buildings = sqlite3_column_int64(st, 1);
		p->entrances = sqlite3_column_int64(st, 2);
		p->households = sqlite3_column_int64(st, 3);
		p->population = sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	if (s == SQLITE_DONE)
		return err_set(err, JY_ENOTFOUND, "单位", _("%s has no profile yet"), u.name);
	return s == SQLITE_ROW ? JY_OK : db_fail(db, err, _("reading the units"));
}
