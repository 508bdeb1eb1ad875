/* core/casework/org.c: the federation's organisation register (妇女组织) and its members.
 *
 * An organisation belongs to one unit of the office's tree, so it follows the unit's scope: a
 * worker keeps those of her communities; one of a street or the county (no community) belongs to
 * the office, kept by a worker who sees every community. It is never deleted: 撤销 keeps the row
 * with its day and reason, so a report of last year counts it as it stood (K1 in the report).
 * Members have no versions: a row per election (换届), the day her term ends beside it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework_int.h"

const struct field_def org_fields[ORGF__COUNT] = { ORG_FIELDS(FIELD_DEF_ROW) };
const struct field_def member_fields[MF__COUNT] = { MEMBER_FIELDS(FIELD_DEF_ROW) };

struct women_org *org_new(void)
{
	return xcalloc(1, sizeof(struct women_org));
}

void org_free(struct women_org **po)
{
	struct women_org *o = *po;
	if (!o)
		return;
	field_values_free(o->v, ORGF__COUNT);
	free(o);
	*po = NULL;
}

void org_set(struct women_org *o, int field, const char *value)
{
	if (field >= 0 && field < ORGF__COUNT)
		field_value_set(&o->v[field], value);
}

const char *org_get(const struct women_org *o, int field)
{
	return field >= 0 && field < ORGF__COUNT ? field_value_get(o->v[field]) : "";
}

int org_load(struct jy_db *db, int64_t id, struct women_org **out, struct jy_err *err)
{
	*out = NULL;
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, "SELECT id, version, name, type, unit, founded_on, "
	                                  "coalesce(ended_on, '') FROM women_org WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		struct women_org *o = org_new();
		o->id = sqlite3_column_int64(st, 0);
		o->version = sqlite3_column_int64(st, 1);
		for (int f = 0; f < ORGF__COUNT; f++)
			o->v[f] = db_col_str(st, 2 + f);
		db_col_copy(st, 6, o->ended_on, sizeof o->ended_on);
		*out = o;
	}
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE
	       ? err_set(err, JY_ENOTFOUND, NULL, _("organisation %lld not found"), (long long)id)
	       : db_fail(db, err, _("reading the organisations"));
}

/* The unit an organisation names, by code or name, as its code; an open one. */
static int org_unit(struct jy_db *db, struct women_org *o, struct jy_err *err)
{
	const char *label = org_fields[ORGF_UNIT].label;
	struct unit_row u;
	int rc = unit_get(db, o->v[ORGF_UNIT], &u, err);
	if (rc == JY_ENOTFOUND)
		return err_set(err, JY_EINVAL, label, _("\"%s\" is not a unit of this office: a community, "
		                                        "a street or the county"), o->v[ORGF_UNIT]);
	if (rc)
		return rc;
	if (u.closed_at[0])
		return err_set(err, JY_EINVAL, label, _("%s is closed"), u.name);
	free(o->v[ORGF_UNIT]);
	o->v[ORGF_UNIT] = xstrdup(u.code);
	return JY_OK;
}

static int org_write(struct jy_db *db, struct women_org *o, struct jy_err *err)
{
	char now[32];
	time_now_iso(now);
	const char *me = db_actor(db)->os_user;
	struct women_org *old = NULL;
	int rc = JY_OK;
	if (o->id) {
		if ((rc = org_load(db, o->id, &old, err)))
			return rc;
		if (old->version != o->version) {
			rc = err_set(err, JY_ECONFLICT, NULL, _("%s was changed by another worker since you "
			                                        "opened it; nothing was saved: open it again"),
			             org_get(old, ORGF_NAME));
			org_free(&old);
			return rc;
		}
	}
	char *json = field_changes(org_fields, ORGF__COUNT, old ? old->v : NULL, o->v);
	if (old && !json) {
		org_free(&old);
		return JY_OK;
	}
	sqlite3_stmt *st = db_prepare(db, o->id
		? "UPDATE women_org SET name = ?1, type = ?2, unit = ?3, founded_on = ?4, updated_at = ?5, "
		  "updated_by = ?6, version = version + 1 WHERE id = ?7 AND version = ?8"
		: "INSERT INTO women_org(name, type, unit, founded_on, created_at, created_by, updated_at, "
		  "updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?6)", err);
	if (!st) {
		rc = JY_EDB;
		goto out;
	}
	for (int f = 0; f < ORGF__COUNT; f++)
		db_bind_text(st, 1 + f, o->v[f]);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, me, -1, SQLITE_TRANSIENT);
	if (o->id) {
		sqlite3_bind_int64(st, 7, o->id);
		sqlite3_bind_int64(st, 8, o->version);
	}
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if ((s & 0xff) == SQLITE_CONSTRAINT) {
		rc = err_set(err, JY_EINVAL, org_fields[ORGF_NAME].label, _("this unit has an organisation "
		                                                            "named %s already"), o->v[ORGF_NAME]);
		goto out;
	}
	if (s != SQLITE_DONE) {
		rc = db_fail(db, err, _("saving the organisation"));
		goto out;
	}
	if (o->id && sqlite3_changes(db_handle(db)) != 1) {
		rc = err_set(err, JY_ECONFLICT, NULL, _("the organisation was changed meanwhile; nothing "
		                                        "was saved"));
		goto out;
	}
	if (!o->id) {
		o->id = sqlite3_last_insert_rowid(db_handle(db));
		o->version = 1;
		rc = history_add(db, "women_org", o->id, "create", json, err);
	} else if (!(rc = history_add(db, "women_org", o->id, "update", json, err))) {
		o->version++;
	}
out:
	free(json);
	org_free(&old);
	return rc;
}

int org_save(struct jy_db *db, struct women_org *o, struct jy_err *err)
{
	int rc = casework_check_fields(db, org_fields, ORGF__COUNT, o->v, err);
	if (!rc)
		rc = org_unit(db, o, err);
	if (!rc) {
		char today[11];
		date_today(today);
		if (strcmp(o->v[ORGF_FOUNDED], today) > 0)
			rc = err_set(err, JY_EINVAL, org_fields[ORGF_FOUNDED].label, _("%s is in the future"),
			             o->v[ORGF_FOUNDED]);
	}
	if (!rc)
		rc = access_check(db, o->id ? OP_EDIT : OP_CREATE, o->v[ORGF_UNIT], err);
	if (!rc && o->ended_on[0])
		rc = err_set(err, JY_EINVAL, NULL, _("%s was dissolved on %s and is not changed"),
		             o->v[ORGF_NAME], o->ended_on);
	if (rc)
		return rc;
	int own;
	if ((rc = casework_tx_begin(db, &own, err)))
		return rc;
	return casework_tx_end(db, own, org_write(db, o, err), err);
}

int org_find(struct jy_db *db, const char *text, int64_t *id, struct jy_err *err)
{
	const char *label = org_fields[ORGF_NAME].label;
	*id = 0;
	if (text_is_blank(text))
		return err_set(err, JY_EINVAL, label, _("required: an organisation's name or #number"));
	char *q = text_clean(text);
	struct jy_buf ids = { 0 };
	int n;
	int rc = casework_find_named(db,
	                             "SELECT id FROM women_org WHERE id = CAST(substr(?1, 2) AS INTEGER)",
	                             "SELECT id FROM women_org WHERE name = ?1 ORDER BY id", q, id, &n,
	                             &ids, _("reading the organisations"), err);
	if (!rc && n == 0)
		rc = err_set(err, JY_EINVAL, label, _("\"%s\" is not in the organisation register: add it "
		                                      "first (jiuye org add)"), q);
	else if (!rc && n > 1)
		rc = err_set(err, JY_EINVAL, label, _("%d organisations are named %s: name one by its "
		                                      "number (%s)"), n, q, ids.s);
	buf_free(&ids);
	free(q);
	return rc;
}

/* The organisation id as a writer of it needs it: loaded, in the worker's units, standing. */
static int org_open_for_edit(struct jy_db *db, int64_t id, struct women_org **o, struct jy_err *err)
{
	int rc = org_load(db, id, o, err);
	if (!rc)
		rc = access_check(db, OP_EDIT, (*o)->v[ORGF_UNIT], err);
	if (!rc && (*o)->ended_on[0])
		rc = err_set(err, JY_EINVAL, NULL, _("%s was dissolved on %s and is not changed"),
		             org_get(*o, ORGF_NAME), (*o)->ended_on);
	if (rc)
		org_free(o);
	return rc;
}

/* One row of the trail about organisation id, its fields as JSON, inside the caller's transaction. */
static int org_trail(struct jy_db *db, int64_t id, const char *action, const char *json,
                     struct jy_err *err)
{
	return history_add(db, "women_org", id, action, json, err);
}

int org_end(struct jy_db *db, int64_t id, const char *date, const char *reason, struct jy_err *err)
{
	struct women_org *o = NULL;
	int rc = org_open_for_edit(db, id, &o, err);
	if (rc)
		return rc;
	char today[11], day[11];
	date_today(today);
	char *why = text_is_blank(reason) ? NULL : text_clean(reason);
	if (text_is_blank(date))
		snprintf(day, sizeof day, "%s", today);
	else if ((rc = date_parse(date, day, err)) && err)
		snprintf(err->field, sizeof err->field, "%s", "撤销日期");
	if (!rc && (strcmp(day, today) > 0 || strcmp(day, org_get(o, ORGF_FOUNDED)) < 0))
		rc = err_set(err, JY_EINVAL, "撤销日期", _("%s is not from %s to today"), day,
		             org_get(o, ORGF_FOUNDED));
	else if (!rc && !why)
		rc = err_set(err, JY_EINVAL, "撤销原因", _("required"));
	int own = 0;
	if (!rc)
		rc = casework_tx_begin(db, &own, err);
	if (rc)
		goto out;
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db, "UPDATE women_org SET ended_on = ?1, end_reason = ?2, "
	                                  "updated_at = ?3, updated_by = ?4, version = version + 1 "
	                                  "WHERE id = ?5 AND version = ?6", err);
	rc = st ? JY_OK : JY_EDB;
	if (st) {
		sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, why, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 5, id);
		sqlite3_bind_int64(st, 6, o->version);
		int s = sqlite3_step(st);
		sqlite3_reset(st);
		if (s != SQLITE_DONE)
			rc = db_fail(db, err, _("saving the organisation"));
		else if (sqlite3_changes(db_handle(db)) != 1)
			rc = err_set(err, JY_ECONFLICT, NULL, _("the organisation was changed meanwhile; "
			                                        "nothing was saved"));
	}
	if (!rc) {
		struct jy_buf j = { 0 };
		buf_addf(&j, "{\"ended_on\":[null,\"%s\"],\"end_reason\":[null,", day);
		history_json_str(&j, why);
		buf_adds(&j, "]}");
		rc = org_trail(db, id, "end", j.s, err);
		buf_free(&j);
	}
	rc = casework_tx_end(db, own, rc, err);
out:
	free(why);
	org_free(&o);
	return rc;
}

int org_search(struct jy_db *db, const char *query, struct org_row **rows, int *n,
               struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (rc)
		return rc;
	char today[11];
	date_today(today);
	sqlite3_stmt *st = db_prepare(db,
		"SELECT o.id, o.name, o.type, u.name, o.founded_on, coalesce(o.ended_on, ''), "
		"(SELECT count(*) FROM org_member m WHERE m.org_id = o.id AND m.elected_on <= ?2 "
		" AND m.term_ends >= ?2 AND (m.left_on IS NULL OR m.left_on > ?2)), "
		"coalesce((SELECT min(m.term_ends) FROM org_member m WHERE m.org_id = o.id "
		" AND m.term_ends >= ?2 AND m.left_on IS NULL), '') "
		"FROM women_org o JOIN unit u ON u.code = o.unit "
		"WHERE jy_in_scope(o.unit) "
		"AND (?1 IS NULL OR instr(o.name, ?1) OR instr(u.name, ?1) "
		"OR instr((SELECT label FROM code WHERE list = 'org_type' AND code = o.type), ?1)) "
		"ORDER BY u.code, o.name, o.id", err);
	if (!st)
		return JY_EDB;
	char *q = text_is_blank(query) ? NULL : text_clean(query);
	db_bind_text(st, 1, q);
	sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
	int s, cap = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*rows = xrealloc(*rows, sizeof **rows * (size_t)(cap = cap ? cap * 2 : 16));
		struct org_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, r->name, sizeof r->name);
		db_col_copy(st, 2, r->type, sizeof r->type);
		db_col_copy(st, 3, r->unit, sizeof r->unit);
		db_col_copy(st, 4, r->founded, sizeof r->founded);
		db_col_copy(st, 5, r->ended_on, sizeof r->ended_on);
		r->members = sqlite3_column_int(st, 6);
		db_col_copy(st, 7, r->term_ends, sizeof r->term_ends);
	}
	sqlite3_reset(st);
	free(q);
	if (s != SQLITE_DONE) {
		FREE(rows);
		*n = 0;
		return db_fail(db, err, _("reading the organisations"));
	}
	return JY_OK;
}

/* ---- members ---------------------------------------------------------------------------------- */

static int member_insert(struct jy_db *db, int64_t id, char *const *v, int64_t *member_id,
                         struct jy_err *err)
{
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO org_member(org_id, name, post, phone, elected_on, "
	                                  "term_ends, created_at, created_by) "
	                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	for (int f = 0; f < MF__COUNT; f++)
		db_bind_text(st, 2 + f, v[f]);
	sqlite3_bind_text(st, 7, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE)
		return db_fail(db, err, _("saving the member"));
	*member_id = sqlite3_last_insert_rowid(db_handle(db));
	char *json = field_changes(member_fields, MF__COUNT, NULL, v);
	int rc = history_add(db, "org_member", *member_id, "create", json, err);
	if (!rc)
		rc = org_trail(db, id, "member", json, err);
	free(json);
	return rc;
}

int org_member_add(struct jy_db *db, int64_t id, char *const *in, int64_t *member_id,
                   struct jy_err *err)
{
	*member_id = 0;
	struct women_org *o = NULL;
	int rc = org_open_for_edit(db, id, &o, err);
	if (rc)
		return rc;
	char *v[MF__COUNT] = { 0 };
	field_values_dup(v, in, MF__COUNT);
	rc = casework_check_fields(db, member_fields, MF__COUNT, v, err);
	if (!rc && strcmp(v[MF_TERM], v[MF_ELECTED]) <= 0)
		rc = err_set(err, JY_EINVAL, member_fields[MF_TERM].label, _("%s is not after the day she "
		                                                            "was elected (%s)"),
		             v[MF_TERM], v[MF_ELECTED]);
	int own = 0;
	if (!rc && !(rc = casework_tx_begin(db, &own, err)))
		rc = casework_tx_end(db, own, member_insert(db, id, v, member_id, err), err);
	field_values_free(v, MF__COUNT);
	org_free(&o);
	return rc;
}

#define MEMBER_COLS \
	"SELECT m.id, m.org_id, o.name, u.name, m.name, m.post, coalesce(m.phone, ''), m.elected_on, " \
	"m.term_ends, CAST(julianday(m.term_ends) - julianday(?1) AS INTEGER) " \
	"FROM org_member m JOIN women_org o ON o.id = m.org_id JOIN unit u ON u.code = o.unit "

static int member_rows(struct jy_db *db, sqlite3_stmt *st, struct member_row **rows, int *n,
                       struct jy_err *err)
{
	int s, cap = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*rows = xrealloc(*rows, sizeof **rows * (size_t)(cap = cap ? cap * 2 : 16));
		struct member_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		r->org_id = sqlite3_column_int64(st, 1);
		db_col_copy(st, 2, r->org, sizeof r->org);
		db_col_copy(st, 3, r->unit, sizeof r->unit);
		db_col_copy(st, 4, r->name, sizeof r->name);
		db_col_copy(st, 5, r->post, sizeof r->post);
		char phone[24];
		db_col_copy(st, 6, phone, sizeof phone);
		mask_phone(phone, r->phone, sizeof r->phone);
		db_col_copy(st, 7, r->elected, sizeof r->elected);
		db_col_copy(st, 8, r->term_ends, sizeof r->term_ends);
		r->days_left = sqlite3_column_int(st, 9);
	}
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		FREE(rows);
		*n = 0;
		return db_fail(db, err, _("reading the members"));
	}
	return JY_OK;
}

int org_members(struct jy_db *db, int64_t id, struct member_row **rows, int *n,
                struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (rc)
		return rc;
	char today[11];
	date_today(today);
	sqlite3_stmt *st = db_prepare(db, MEMBER_COLS "WHERE m.org_id = ?2 "
	                                  "ORDER BY m.term_ends DESC, m.post, m.id", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	return member_rows(db, st, rows, n, err);
}

int org_terms_due(struct jy_db *db, const char *asof, int days, struct member_row **rows, int *n,
                  struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	char today[11], last[11];
	date_today(today);
	if (!asof)
		asof = today;
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (!rc && days <= 0)
		rc = db_setting_int(db, "org.term_days", 60, &days, err);
	if (rc)
		return rc;
	date_add_days(asof, days, last);
	sqlite3_stmt *st = db_prepare(db, MEMBER_COLS
		"WHERE m.term_ends BETWEEN ?1 AND ?2 AND m.left_on IS NULL AND o.ended_on IS NULL "
		"AND jy_in_scope(o.unit) "
		"ORDER BY m.term_ends, o.name, m.post, m.id", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, asof, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, last, -1, SQLITE_TRANSIENT);
	return member_rows(db, st, rows, n, err);
}
