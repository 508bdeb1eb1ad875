/* core/casework/event.c: outreach events (座谈会, 讲座, 维权宣传, 职业指导日, 招聘宣传) and who came.
 *
 * An event belongs to the community that held it: a worker sees and changes the events of her
 * communities (and those of none), statistics see the figures only. The residents named as having
 * come are registered residents of her communities; their sex and groups stay the registry's, so
 * the reports split an event's people as they split any resident. Who came all told is the
 * organisers' headcount when they gave one, else the residents named and the guests counted; a
 * headcount is never below those two added up, checked when it is saved and when a resident is
 * named, so the figure a report adds up is the one the event shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework_int.h"

const struct field_def event_fields[EVF__COUNT] = { EVENT_FIELDS(FIELD_DEF_ROW) };

struct event *event_new(void)
{
	return xcalloc(1, sizeof(struct event));
}

void event_free(struct event **pe)
{
	struct event *e = *pe;
	if (!e)
		return;
	field_values_free(e->v, EVF__COUNT);
	free(e->updated_at);
	free(e->updated_by);
	free(e);
	*pe = NULL;
}

void event_set(struct event *e, int field, const char *value)
{
	if (field >= 0 && field < EVF__COUNT)
		field_value_set(&e->v[field], value);
}

const char *event_get(const struct event *e, int field)
{
	return field >= 0 && field < EVF__COUNT ? field_value_get(e->v[field]) : "";
}

static int num_of(const char *v)
{
	return v && *v ? atoi(v) : 0;
}

int event_participants(const struct event *e)
{
	if (e->v[EVF_HEADCOUNT])
		return num_of(e->v[EVF_HEADCOUNT]);
	return e->attendees + num_of(e->v[EVF_GUESTS]);
}

#define EVENT_COLS \
	"e.id, e.version, e.event_no, e.date, e.type, e.topic, e.place, e.organisers, e.community, " \
	"CAST(e.participants AS TEXT), CASE WHEN e.guests THEN CAST(e.guests AS TEXT) END, e.materials, " \
	"CASE WHEN e.copies THEN CAST(e.copies AS TEXT) END, " \
	"(SELECT count(*) FROM event_attendee a WHERE a.event_id = e.id), e.updated_at, e.updated_by " \
	"FROM event e "

/* The event as stored, without the reading rule (its writers check it first). */
static int event_fetch(struct jy_db *db, int64_t id, struct event **out, struct jy_err *err)
{
	*out = NULL;
	sqlite3_stmt *st = db_prepare(db, "SELECT " EVENT_COLS "WHERE e.id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		struct event *e = event_new();
		e->id = sqlite3_column_int64(st, 0);
		e->version = sqlite3_column_int64(st, 1);
		for (int f = 0; f < EVF__COUNT; f++)
			e->v[f] = db_col_str(st, 2 + f);
		e->attendees = sqlite3_column_int(st, 2 + EVF__COUNT);
		e->updated_at = db_col_str(st, 3 + EVF__COUNT);
		e->updated_by = db_col_str(st, 4 + EVF__COUNT);
		*out = e;
	}
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE ? err_set(err, JY_ENOTFOUND, NULL, _("event %lld not found"), (long long)id)
	                        : db_fail(db, err, _("reading the events"));
}

/* Role and scope for op on the event (its community; one of none is everyone's). */
static int event_access(struct jy_db *db, const struct event *e, int op, struct jy_err *err)
{
	return access_check(db, op, e->v[EVF_COMMUNITY] ? e->v[EVF_COMMUNITY] : NULL, err);
}

int event_load(struct jy_db *db, int64_t id, struct event **out, struct jy_err *err)
{
	int rc = event_fetch(db, id, out, err);
	if (!rc && (rc = event_access(db, *out, OP_VIEW, err)))
		event_free(out);
	return rc;
}

int event_find_no(struct jy_db *db, const char *event_no, int64_t *id, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM event WHERE event_no = upper(?1)", err);
	if (!st)
		return JY_EDB;
	db_bind_text(st, 1, event_no);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE ? JY_ENOTFOUND : db_fail(db, err, _("reading the events"));
}

/* The next H-YYYY-NNN of the year the event was held. */
static int event_next_no(struct jy_db *db, const char *date, char *out, size_t size, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT coalesce(max(CAST(substr(event_no, 8) AS INTEGER)), 0) + 1 FROM event "
		"WHERE event_no LIKE 'H-' || substr(?1, 1, 4) || '-%'", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, date, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	int64_t n = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (s != SQLITE_ROW)
		return db_fail(db, err, _("numbering the event"));
	snprintf(out, size, "H-%.4s-%03lld", date, (long long)n);
	return JY_OK;
}

/* Every field checked in place; the date given or today, not after it; the rules between them. */
static int event_validate(struct jy_db *db, struct event *e, struct jy_err *err)
{
	for (int f = 0; f < EVF__COUNT; f++) {
		char *out = NULL;
		int rc = casework_check_field(db, &event_fields[f], e->v[f], &out, err);
		if (rc)
			return rc;
		free(e->v[f]);
		e->v[f] = out;
		if ((event_fields[f].flags & FF_REQ) && !out)
			return err_set(err, JY_EINVAL, event_fields[f].label, _("required"));
	}
	char today[11];
	date_today(today);
	if (!e->v[EVF_DATE])
		event_set(e, EVF_DATE, today);
	else if (strcmp(e->v[EVF_DATE], today) > 0)
		return err_set(err, JY_EINVAL, event_fields[EVF_DATE].label, _("%s is after today (%s)"),
		               e->v[EVF_DATE], today);
	if (!e->v[EVF_COMMUNITY]) {
		/* the worker's own community, else the one community she works for */
		const char *const *units;
		int n = 0;
		if (db_actor(db)->community[0])
			event_set(e, EVF_COMMUNITY, db_actor(db)->community);
		else if (!access_scope_all(db) && access_scope_units(db, &units, &n, NULL) == JY_OK && n == 1)
			event_set(e, EVF_COMMUNITY, units[0]);
	}
	if (e->v[EVF_GUESTS] && strcmp(e->v[EVF_GUESTS], "0") == 0)
		event_set(e, EVF_GUESTS, NULL);
	if (e->v[EVF_COPIES] && strcmp(e->v[EVF_COPIES], "0") == 0)
		event_set(e, EVF_COPIES, NULL);
	if (e->v[EVF_COPIES] && !e->v[EVF_MATERIALS])
		return err_set(err, JY_EINVAL, event_fields[EVF_MATERIALS].label,
		               _("required with 资料份数: what was handed out (e.g. 宣传手册)"));
	int named = e->attendees + num_of(e->v[EVF_GUESTS]);
	if (e->v[EVF_HEADCOUNT] && num_of(e->v[EVF_HEADCOUNT]) < named)
		return err_set(err, JY_EINVAL, event_fields[EVF_HEADCOUNT].label,
		               _("%s is fewer than the %d residents named and the %d unregistered people "
		                 "counted: at least %d, or leave it empty"),
		               e->v[EVF_HEADCOUNT], e->attendees, num_of(e->v[EVF_GUESTS]), named);
	return JY_OK;
}

static void bind_num(sqlite3_stmt *st, int i, const char *v, int null_ok)
{
	if (v)
		sqlite3_bind_int(st, i, atoi(v));
	else if (null_ok)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int(st, i, 0);
}

static int event_write(struct jy_db *db, struct event *e, const struct event *old, struct jy_err *err)
{
	char now[32];
	time_now_iso(now);
	const char *me = db_actor(db)->os_user;
	char *json = field_changes(event_fields, EVF__COUNT, old ? old->v : NULL, e->v);
	if (old && !json)
		return JY_OK;
	sqlite3_stmt *st = db_prepare(db, old
		? "UPDATE event SET event_no = upper(?1), date = ?2, type = ?3, topic = ?4, place = ?5, "
		  "organisers = ?6, community = ?7, participants = ?8, guests = ?9, materials = ?10, "
		  "copies = ?11, updated_at = ?12, updated_by = ?13, version = version + 1 "
		  "WHERE id = ?14 AND version = ?15"
		: "INSERT INTO event(event_no, date, type, topic, place, organisers, community, participants, "
		  "guests, materials, copies, created_at, created_by, updated_at, updated_by) VALUES "
		  "(upper(?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12, ?13)", err);
	int rc = JY_EDB;
	if (!st)
		goto out;
	for (int f = EVF_NO; f <= EVF_COMMUNITY; f++)
		db_bind_text(st, 1 + f, e->v[f]);
	bind_num(st, 8, e->v[EVF_HEADCOUNT], 1);
	bind_num(st, 9, e->v[EVF_GUESTS], 0);
	db_bind_text(st, 10, e->v[EVF_MATERIALS]);
	bind_num(st, 11, e->v[EVF_COPIES], 0);
	sqlite3_bind_text(st, 12, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 13, me, -1, SQLITE_TRANSIENT);
	if (old) {
		sqlite3_bind_int64(st, 14, e->id);
		sqlite3_bind_int64(st, 15, e->version);
	}
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE)
			rc = err_set(err, JY_EDUP, event_fields[EVF_NO].label,
			             _("the event number %s is in use: leave it empty for the next one"),
			             e->v[EVF_NO]);
		else
			rc = db_fail(db, err, _("saving the event"));
		goto out;
	}
	if (old && sqlite3_changes(db_handle(db)) != 1) {
		rc = err_set(err, JY_ECONFLICT, NULL, _("the event was changed meanwhile; nothing was saved"));
		goto out;
	}
	if (!old) {
		e->id = sqlite3_last_insert_rowid(db_handle(db));
		e->version = 1;
	}
	rc = history_add(db, "event", e->id, old ? "update" : "create", json, err);
	if (!rc && old)
		e->version++;
out:
	free(json);
	return rc;
}

int event_save(struct jy_db *db, struct event *e, struct jy_err *err)
{
	struct event *old = NULL;
	int rc;
	if (e->id) {
		if ((rc = event_fetch(db, e->id, &old, err)))
			return rc;
		if ((rc = event_access(db, old, OP_EDIT, err)))
			goto out;
		if (old->version != e->version) {
			rc = err_set(err, JY_ECONFLICT, NULL, _("%s was changed by %s at %s since you opened it; "
			                                        "nothing was saved: open it again"),
			             event_get(old, EVF_NO), old->updated_by, old->updated_at);
			goto out;
		}
		e->attendees = old->attendees;
	}
	if ((rc = event_validate(db, e, err)) ||
	    (rc = access_check(db, e->id ? OP_EDIT : OP_CREATE, e->v[EVF_COMMUNITY], err)))
		goto out;
	int own;
	if ((rc = casework_tx_begin(db, &own, err)))
		goto out;
	if (!e->id && !e->v[EVF_NO]) {
		char no[24];
		if (!(rc = event_next_no(db, e->v[EVF_DATE], no, sizeof no, err)))
			event_set(e, EVF_NO, no);
	}
	if (!rc)
		rc = event_write(db, e, old, err);
	rc = casework_tx_end(db, own, rc, err);
out:
	event_free(&old);
	return rc;
}

/* ---- who came ----------------------------------------------------------------------------------- */

/* The event id for a change of its people: OP_EDIT of it, at version. */
static int event_for_write(struct jy_db *db, int64_t id, int64_t version, struct event **out,
                           struct jy_err *err)
{
	int rc = event_fetch(db, id, out, err);
	if (!rc)
		rc = event_access(db, *out, OP_EDIT, err);
	if (!rc && (*out)->version != version)
		rc = err_set(err, JY_ECONFLICT, NULL, _("%s was changed by %s at %s since you opened it; "
		                                        "nothing was saved: open it again"),
		             event_get(*out, EVF_NO), (*out)->updated_by, (*out)->updated_at);
	if (rc)
		event_free(out);
	return rc;
}

/* Her line in the event's history and the event's in hers, the version moved on. */
static int attend_write(struct jy_db *db, const struct event *e, int64_t rid, int add,
                        struct jy_err *err)
{
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db, add
		? "INSERT INTO event_attendee(event_id, resident_id, created_at, created_by) VALUES (?1, ?2, ?3, ?4)"
		: "DELETE FROM event_attendee WHERE event_id = ?1 AND resident_id = ?2", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, e->id);
	sqlite3_bind_int64(st, 2, rid);
	if (add) {
		sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	}
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_PRIMARYKEY)
			return err_set(err, JY_EDUP, "参加人员", _("she is on %s already"), event_get(e, EVF_NO));
		return db_fail(db, err, _("saving the event's people"));
	}
	if (!add && sqlite3_changes(db_handle(db)) != 1)
		return err_set(err, JY_ENOTFOUND, "参加人员", _("she is not on %s"), event_get(e, EVF_NO));
	if (!(st = db_prepare(db, "UPDATE event SET version = version + 1, updated_at = ?1, "
		"updated_by = ?2 WHERE id = ?3 AND version = ?4", err)))
		return JY_EDB;
	sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, e->id);
	sqlite3_bind_int64(st, 4, e->version);
	s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE)
		return db_fail(db, err, _("saving the event"));
	if (sqlite3_changes(db_handle(db)) != 1)
		return err_set(err, JY_ECONFLICT, NULL, _("the event was changed meanwhile; nothing was saved"));
	struct jy_buf j = { 0 };
	buf_addf(&j, "{\"resident_id\":[%s%lld%s]}", add ? "null," : "", (long long)rid, add ? "" : ",null");
	int rc = history_add(db, "event", e->id, add ? "attend" : "unattend", j.s, err);
	buf_free(&j);
	if (!rc) {
		buf_adds(&j, "{\"event_no\":[");
		if (add)
			buf_adds(&j, "null,");
		history_json_str(&j, event_get(e, EVF_NO));
		if (!add)
			buf_adds(&j, ",null");
		buf_adds(&j, "]}");
		rc = history_add(db, "resident", rid, "event", j.s, err);
		buf_free(&j);
	}
	return rc;
}

int event_attend_resident(struct jy_db *db, int64_t id, int64_t *version, int64_t resident_id,
                          struct jy_err *err)
{
	struct event *e = NULL;
	int rc = event_for_write(db, id, *version, &e, err);
	if (!rc)
		rc = resident_access(db, resident_id, OP_VIEW, err);
	if (!rc && e->v[EVF_HEADCOUNT] &&
	    num_of(e->v[EVF_HEADCOUNT]) < e->attendees + 1 + num_of(e->v[EVF_GUESTS]))
		rc = err_set(err, JY_EINVAL, event_fields[EVF_HEADCOUNT].label,
		             _("%s came in all, and %d residents are named with %d unregistered people: "
		               "raise 参加人数 first"), e->v[EVF_HEADCOUNT], e->attendees,
		             num_of(e->v[EVF_GUESTS]));
	int own = 0;
	if (!rc && !(rc = casework_tx_begin(db, &own, err))) {
		rc = attend_write(db, e, resident_id, 1, err);
		if (!(rc = casework_tx_end(db, own, rc, err)))
			(*version)++;
	}
	event_free(&e);
	return rc;
}

int event_attend(struct jy_db *db, int64_t id, int64_t *version, const char *who, struct jy_err *err)
{
	if (text_is_blank(who))
		return err_set(err, JY_EINVAL, "参加人员", _("required: her ID number or registration number"));
	char *q = text_clean(who);
	int64_t rid = 0;
	int rc = casework_resident_of(db, q, "参加人员", OP_VIEW, &rid, err);
	free(q);
	return rc ? rc : event_attend_resident(db, id, version, rid, err);
}

int event_unattend(struct jy_db *db, int64_t id, int64_t *version, int64_t resident_id,
                   struct jy_err *err)
{
	struct event *e = NULL;
	int rc = event_for_write(db, id, *version, &e, err);
	int own = 0;
	if (!rc && !(rc = casework_tx_begin(db, &own, err))) {
		rc = attend_write(db, e, resident_id, 0, err);
		if (!(rc = casework_tx_end(db, own, rc, err)))
			(*version)++;
	}
	event_free(&e);
	return rc;
}

int event_people(struct jy_db *db, int64_t id, struct event_person **rows, int *n, struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	struct event *e = NULL;
	int rc = event_load(db, id, &e, err);
	event_free(&e);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT r.id, r.reg_no, r.name, CASE r.sex WHEN '1' THEN '男' WHEN '2' THEN '女' ELSE '' END, coalesce(r.id_no, ''), "
		"coalesce(r.community, '') FROM event_attendee a JOIN resident r ON r.id = a.resident_id "
		"WHERE a.event_id = ?1 ORDER BY r.name, r.id", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s, cap = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*rows = xrealloc(*rows, sizeof **rows * (size_t)(cap = cap ? cap * 2 : 16));
		struct event_person *p = &(*rows)[(*n)++];
		memset(p, 0, sizeof *p);
		p->resident_id = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, p->reg_no, sizeof p->reg_no);
		db_col_copy(st, 2, p->name, sizeof p->name);
		db_col_copy(st, 3, p->sex, sizeof p->sex);
		char idno[24];
		db_col_copy(st, 4, idno, sizeof idno);
		mask_idno(idno, p->id_no, sizeof p->id_no);
		db_col_copy(st, 5, p->community, sizeof p->community);
	}
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		FREE(rows);
		*n = 0;
		return db_fail(db, err, _("reading the event's people"));
	}
	return JY_OK;
}

/* ---- the list ------------------------------------------------------------------------------------ */

int event_search(struct jy_db *db, const char *query, struct event_row **rows, int *n,
                 struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT e.id, e.event_no, e.date, e.type, e.topic, coalesce(e.place, ''), "
		"coalesce(e.community, ''), e.participants, e.guests, e.copies, "
		"(SELECT count(*) FROM event_attendee a WHERE a.event_id = e.id), "
		"(SELECT count(*) FROM event_attendee a JOIN resident r ON r.id = a.resident_id "
		"  WHERE a.event_id = e.id AND r.sex = '2') "
		"FROM event e WHERE jy_in_scope(coalesce(e.community, '')) AND (?1 IS NULL "
		"OR instr(upper(e.event_no), upper(?1)) OR instr(e.topic, ?1) OR instr(coalesce(e.place, ''), ?1) "
		"OR instr(coalesce(e.organisers, ''), ?1) "
		"OR instr((SELECT label FROM code WHERE list = 'event_type' AND code = e.type), ?1)) "
		"ORDER BY e.date DESC, e.id DESC", err);
	if (!st)
		return JY_EDB;
	char *q = text_is_blank(query) ? NULL : text_clean(query);
	db_bind_text(st, 1, q);
	int s, cap = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*rows = xrealloc(*rows, sizeof **rows * (size_t)(cap = cap ? cap * 2 : 16));
		struct event_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, r->event_no, sizeof r->event_no);
		db_col_copy(st, 2, r->date, sizeof r->date);
		db_col_copy(st, 3, r->type, sizeof r->type);
		db_col_copy(st, 4, r->topic, sizeof r->topic);
		db_col_copy(st, 5, r->place, sizeof r->place);
		db_col_copy(st, 6, r->community, sizeof r->community);
		r->attendees = sqlite3_column_int(st, 10);
		r->women = sqlite3_column_int(st, 11);
		r->participants = sqlite3_column_type(st, 7) == SQLITE_NULL
			? r->attendees + sqlite3_column_int(st, 8) : sqlite3_column_int(st, 7);
		r->copies = sqlite3_column_int(st, 9);
	}
	sqlite3_reset(st);
	free(q);
	if (s != SQLITE_DONE) {
		FREE(rows);
		*n = 0;
		return db_fail(db, err, _("reading the events"));
	}
	return JY_OK;
}
