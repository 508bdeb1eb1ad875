/* core/registry/resident_store.c: a resident loaded and saved, with its history, search keys and
 * categories in the same transaction; optimistic concurrency (a save based on an old version is
 * refused), duplicates, closing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "registry/registry_int.h"

/* ---- SQL built once from the field table (column names only, never user data) ---------------- */

static char sql_insert[1024], sql_update[1024], sql_select[1024];


void resident_sql_build(void)
{
	if (sql_insert[0])
		return;
	struct jy_buf cols = { 0 }, vals = { 0 }, sets = { 0 };
	int n = 0;
	for (int f = 0; f < RF__COUNT; f++) {
		if (!resident_field_is_column(f))
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
	         "(SELECT category FROM resident_category WHERE resident_id = resident.id "
	         "ORDER BY category)), close_note FROM resident WHERE id = ?1", cols.s);
	buf_free(&cols);
	buf_free(&vals);
	buf_free(&sets);
}

static void bind_fields(sqlite3_stmt *st, const struct resident *r)
{
	int n = 0;
	for (int f = 0; f < RF__COUNT; f++) {
		if (!resident_field_is_column(f))
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
		n += resident_field_is_column(i);
	return n;
}

int resident_load(struct jy_db *db, int64_t id, struct resident **out, struct jy_err *err)
{
	*out = NULL;
	resident_sql_build();
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
		if (!resident_field_is_column(f))
			continue;
		if (resident_fields[f].kind == FK_BOOL)
			r->v[f] = xstrdup(sqlite3_column_int(st, col) ? "1" : "0");
		else
			r->v[f] = db_col_str(st, col);
		col++;
	}
	r->v[RF_CATEGORIES] = db_col_str(st, col);
	r->close_note = db_col_str(st, col + 1);
	sqlite3_reset(st);
	*out = r;
	return JY_OK;
}

int resident_find_idno(struct jy_db *db, const char *idno, int64_t *id, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM resident WHERE id_no = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, idno, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return JY_OK;
	return rc == SQLITE_DONE ? JY_ENOTFOUND : db_fail(db, err, _("reading a resident"));
}

/* One message for "nobody has it" and "she lives in another community": two would tell a clerk
 * who is registered anywhere in the county. */
int resident_find_idno_in_scope(struct jy_db *db, const char *idno, int op, int64_t *id,
                                struct jy_err *err)
{
	int rc = access_check(db, op, NULL, err);       /* a role without op is told so plainly */
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, "SELECT id, coalesce(community, '') FROM resident "
	                                  "WHERE id_no = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, idno ? idno : "", -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	int mine = s == SQLITE_ROW &&
	           access_in_scope(db, (const char *)sqlite3_column_text(st, 1));
	if (mine)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, _("reading a resident"));
	if (mine)
		return JY_OK;
	const char *idno_label = resident_fields[RF_IDNO].label;
	if (access_scope_all(db))
		return err_set(err, JY_ENOTFOUND, idno_label, _("no resident has this ID number in "
		                                                "the registry: register her first"));
	return err_set(err, JY_ENOTFOUND, idno_label,
	               _("no resident of %s's communities has this ID number: register her first, "
	                 "or, if she lives in another community, ask the street office"),
	               db_actor(db)->os_user);
}

/* Name and registration number of a resident, for the message of a duplicate. When they cannot be
 * read the message names her "#id": the outcome (a duplicate, refused) is the same either way. */
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
	int64_t other = 0;
	char id[19], birth[11], sex;
	int rc = r->v[RF_IDNO] && idcard_parse(r->v[RF_IDNO], id, birth, &sex, NULL) == JY_OK
	         ? resident_find_idno(db, id, &other, err) : JY_ENOTFOUND;
	if (rc != JY_OK && rc != JY_ENOTFOUND)
		return rc;
	if (rc == JY_OK && other != r->id) {
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
	/* The people of that name through the search index's whole-name key (one look a community:
	 * the index leads with it), then their birth dates: an index on (name, birth) for this
	 * question alone cost every load half of its resident row's time (009_speed.sql). CROSS JOIN:
	 * the key first, whatever the planner guesses. */
	sqlite3_stmt *st = db_prepare(db,
		"SELECT r.id FROM search_key s CROSS JOIN resident r ON r.id = s.resident_id "
		"WHERE s.community IN (SELECT '' UNION ALL SELECT code FROM unit) AND s.key = ?4 "
		"AND r.name = ?1 AND r.birth = ?2 AND r.id <> ?3 "
		"ORDER BY s.resident_id LIMIT 1", err);
	if (!st) {
		free(key);
		return JY_EDB;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, r->id);
	sqlite3_bind_text(st, 4, key, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	int found = s == SQLITE_ROW;
	other = found ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	free(key);
	if (!found && s != SQLITE_DONE)
		return db_fail(db, err, _("reading a resident"));
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

static int str_eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Sync her categories from old to now_codes: a new one held from today; one taken off ends on
 * end_on (reason: why, or NULL) and moves, with its dates, to resident_category_past, unless it
 * began that day. */
static int categories_sync(struct jy_db *db, int64_t id, const char *old, const char *now_codes,
                           const char *today, const char *end_on, const char *reason,
                           struct jy_err *err)
{
	sqlite3_stmt *del = db_prepare(db,
		"DELETE FROM resident_category WHERE resident_id = ?1 AND category = ?2 RETURNING since", err);
	if (!del)
		return JY_EDB;
	sqlite3_stmt *keep = db_prepare(db,
		"INSERT OR REPLACE INTO resident_category_past(resident_id, category, since, until, reason, "
		"ended_at, ended_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err);
	if (!keep)
		return JY_EDB;
	char now[32];
	time_now_iso(now);
	for (const char *s = old ? old : ""; *s;) {
		size_t n = strcspn(s, ",");
		if (code_in_list(now_codes, s, n)) {   /* kept: its since date stays (reports use it) */
			s += n + (s[n] == ',');
			continue;
		}
		sqlite3_reset(del);
		sqlite3_bind_int64(del, 1, id);
		sqlite3_bind_text(del, 2, s, (int)n, SQLITE_TRANSIENT);
		char since[11] = "";
		int st = sqlite3_step(del);
		if (st == SQLITE_ROW)
			db_col_copy(del, 0, since, sizeof since);
		while (st == SQLITE_ROW)
			st = sqlite3_step(del);
		if (st != SQLITE_DONE)
			return db_fail(db, err, _("saving categories"));
		if (since[0] && strcmp(end_on, since) < 0)
			return err_set(err, JY_EINVAL, "退出日期", _("%s is before the category began on %s"),
			               end_on, since);
		if (since[0] && strcmp(end_on, since) > 0) {
			sqlite3_reset(keep);
			sqlite3_bind_int64(keep, 1, id);
			sqlite3_bind_text(keep, 2, s, (int)n, SQLITE_TRANSIENT);
			sqlite3_bind_text(keep, 3, since, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(keep, 4, end_on, -1, SQLITE_TRANSIENT);
			db_bind_text(keep, 5, text_is_blank(reason) ? NULL : reason);
			sqlite3_bind_text(keep, 6, now, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(keep, 7, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(keep) != SQLITE_DONE)
				return db_fail(db, err, _("saving categories"));
		}
		s += n + (s[n] == ',');
	}
	sqlite3_reset(del);
	sqlite3_reset(keep);
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

/* The flags 领取失业金 and 低保 and the community, where this save changes them: a dated change
 * each (resident_change, 025_dated.sql) keeping the value before, so a past period reads it as it
 * was. */
static int changes_dated(struct jy_db *db, const struct resident *old, const struct resident *r,
                         const char *today, struct jy_err *err)
{
	static const struct {
		int f;
		const char *what;
	} dated[] = { { RF_BENEFIT, "benefit" }, { RF_DIBAO, "dibao" }, { RF_COMMUNITY, "community" } };
	sqlite3_stmt *st = NULL;
	char now[32];
	time_now_iso(now);
	for (size_t i = 0; i < ARRAY_LEN(dated); i++) {
		const char *o = old->v[dated[i].f], *n = r->v[dated[i].f];
		int flag = dated[i].f != RF_COMMUNITY;
		if (flag ? (o && !strcmp(o, "1")) == (n && !strcmp(n, "1")) : str_eq(o, n))
			continue;
		if (!st && !(st = db_prepare(db, "INSERT INTO resident_change(resident_id, what, date, old, "
		                                 "created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err)))
			return JY_EDB;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, r->id);
		sqlite3_bind_text(st, 2, dated[i].what, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, today, -1, SQLITE_TRANSIENT);
		if (flag)
			sqlite3_bind_text(st, 4, o && !strcmp(o, "1") ? "1" : "0", -1, SQLITE_STATIC);
		else
			db_bind_text(st, 4, o && *o ? o : NULL);
		sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 6, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_reset(st);
			return db_fail(db, err, _("saving the resident"));
		}
	}
	if (st)
		sqlite3_reset(st);
	return JY_OK;
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
void resident_defaults(struct resident *r)
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

int resident_dup_idno(struct jy_db *db, const char *idno, struct jy_err *err)
{
	int64_t other = 0;
	char who[96] = "?";
	/* only for the message: the ID number is refused as a duplicate whatever this finds */
	if (resident_find_idno(db, idno, &other, NULL) == JY_OK)
		resident_label(db, other, who, sizeof who);
	err_set(err, JY_EDUP, resident_fields[RF_IDNO].label,
	        _("this ID number is already registered: %s"), who);
	if (err)
		err->other_id = other;
	return JY_EDUP;
}

/* The id is max + 1 (a rowid may never be reused: history refers to it). The resident row is the
 * first write, and its unique ID-number index refuses a duplicate before anything is stored. */
int resident_next_id(struct jy_db *db, int64_t *id, struct jy_err *err)
{
	*id = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT coalesce(max(id), 0) + 1 FROM resident", err);
	if (!st)
		return JY_EDB;
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return s == SQLITE_ROW ? JY_OK : db_fail(db, err, _("saving the resident"));
}

static int resident_insert(struct jy_db *db, struct resident *r, struct jy_err *err)
{
	sqlite3_stmt *st;
	int64_t id;
	int rc = resident_next_id(db, &id, err);
	if (rc)
		return rc;
	char now[32];
	time_now_iso(now);
	resident_defaults(r);
	snprintf(r->reg_no, sizeof r->reg_no, "R-%06lld", (long long)id);
	resident_sql_build();
	if (!(st = db_prepare(db, sql_insert, err)))
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, r->reg_no, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	bind_fields(st, r);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE)
			return resident_dup_idno(db, r->v[RF_IDNO], err);
		return db_fail(db, err, _("saving the resident"));
	}
	r->id = id;
	r->version = 1;
	rc = categories_sync(db, id, NULL, r->v[RF_CATEGORIES], r->v[RF_REGDATE], NULL, NULL, err);
	if (!rc)
		rc = status_event_row(db, id, EVENT_REGISTRATION, r->v[RF_REGDATE], r->v[RF_STATUS],
		                      NULL, NULL, NULL, err);
	if (!rc)
		rc = search_index_resident(db, id, NULL, r, err);
	/* The creation is recorded without values: the first values are the record's current ones
	 * with every later change (each stored with its old value) undone, so storing them again
	 * would only double the file. */
	if (!rc)
		rc = history_add(db, "resident", id, "create", NULL, err);
	return rc;
}

/* Who changed the record last, for the conflict message (registry_int.h). */
int resident_conflict(struct jy_db *db, const struct resident *mine, struct jy_err *err)
{
	struct resident *cur = NULL;
	int rc = resident_load(db, mine->id, &cur, err);
	if (rc == JY_ENOTFOUND)
		return err_set(err, JY_ENOTFOUND, NULL, _("the record no longer exists"));
	if (rc)
		return rc;
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
		return resident_conflict(db, r, err);
	int64_t other = 0;
	rc = JY_ENOTFOUND;
	if (!str_eq(old->v[RF_IDNO], r->v[RF_IDNO]))
		rc = resident_find_idno(db, r->v[RF_IDNO], &other, err);
	if (rc != JY_OK && rc != JY_ENOTFOUND)
		return rc;
	if (rc == JY_OK && other != r->id) {
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
	resident_sql_build();
	sqlite3_stmt *st = db_prepare(db, sql_update, err);
	if (!st) {
		rc = JY_EDB;
		goto out;
	}
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, r->version);
	bind_fields(st, r);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = db_fail(db, err, _("saving the resident"));
		goto out;
	}
	if (sqlite3_changes(db_handle(db)) != 1) {
		rc = resident_conflict(db, r, err);
		goto out;
	}
	rc = JY_OK;
	char end_on[11];
	snprintf(end_on, sizeof end_on, "%s", today);
	if (!text_is_blank(r->cat_end_on) && date_parse(r->cat_end_on, end_on, err) != JY_OK) {
		snprintf(err->field, sizeof err->field, "%s", "退出日期");
		rc = JY_EINVAL;
	} else if (strcmp(end_on, today) > 0) {
		rc = err_set(err, JY_EINVAL, "退出日期", _("%s is after today: a category ends on a day "
		                                          "that has come"), end_on);
	}
	if (!rc && !str_eq(old->v[RF_CATEGORIES], r->v[RF_CATEGORIES]))
		rc = categories_sync(db, r->id, old->v[RF_CATEGORIES], r->v[RF_CATEGORIES], today, end_on,
		                     r->cat_end_reason, err);
	if (!rc)
		rc = changes_dated(db, old, r, today, err);
	if (!rc && !str_eq(old->v[RF_STATUS], r->v[RF_STATUS]) && r->v[RF_STATUS])
		rc = status_event_row(db, r->id, EVENT_CHANGE, today, r->v[RF_STATUS], NULL, NULL,
		                      NULL, err);
	if (!rc && (!str_eq(old->v[RF_NAME], r->v[RF_NAME]) || !str_eq(old->v[RF_IDNO], r->v[RF_IDNO]) ||
	            !str_eq(old->v[RF_PHONE], r->v[RF_PHONE]) ||
	            !str_eq(old->v[RF_COMMUNITY], r->v[RF_COMMUNITY])))
		rc = search_index_resident(db, r->id, old, r, err);
	if (!rc)
		rc = history_add(db, "resident", r->id, "update", json, err);
	if (!rc) {
		r->version++;
		xstrset(&r->updated_at, now);
		xstrset(&r->updated_by, db_actor(db)->os_user);
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
	r->queued = 0;
	/* the stored record, read once: the access rules and the change both need it */
	struct resident *old = NULL;
	struct approval_req *req = NULL;
	int rc = r->id ? resident_load(db, r->id, &old, err) : JY_OK;    /* OP_VIEW and scope */
	if (!rc)
		rc = approval_guard(db, r, old, &req, err);
	if (!rc)
		rc = resident_validate(db, r, err);
	/* a closed community and a retired code stay on her record but are taken by no one anew */
	if (!rc)
		rc = resident_keep_check(db, r, old, err);
	if (!rc)
		rc = db_begin(db, err);
	if (rc) {
		approval_req_free(&req);
		resident_free(&old);
		return rc;
	}
	struct jy_err warn = { 0 };
	/* a duplicate ID number is refused by the insert itself, with the same message */
	if (!r->id && (rc = resident_check_dup(db, r, &warn)) == JY_EDUP)
		rc = JY_OK;
	if (rc)
		*err = warn;
	else
		rc = r->id ? resident_update(db, r, old, err) : resident_insert(db, r, err);
	resident_free(&old);
	if (!rc)
		rc = approval_queue(db, req, &warn);
	int queued = req != NULL;      /* approval_guard makes one only for a change */
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
	if (!rc) {
		r->queued = queued;
		FREE(&r->cat_end_on);
		FREE(&r->cat_end_reason);
	}
	return rc;
}

int resident_count(struct jy_db *db, int64_t *n, struct jy_err *err)
{
	*n = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM resident", err);
	if (!st)
		return JY_EDB;
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return s == SQLITE_ROW ? JY_OK : db_fail(db, err, _("counting the residents"));
}
