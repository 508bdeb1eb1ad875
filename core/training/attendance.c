/* core/training/attendance.c: a course's sessions (第 N 次课) and their roll calls (到 / 缺 / 迟 / 假), the
 * attendance that enrolment rows, printouts and the training figures count (the course's steps
 * step 4). A roll call is saved whole, with the session's version: two workers taking the same
 * roll call do not silently mix their marks.
 *
 * Who may: sessions belong to the course, no one's personal data: every worker but
 * statistics reads (OP_VIEW) and keeps (OP_EDIT) them. A roll call names trainees: it lists only
 * those of the worker's communities, ID numbers masked, and marks only theirs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "training/training.h"
#include "store/sql.h"

const struct field_def session_fields[SF__COUNT] = { SESSION_FIELDS(FIELD_DEF_ROW) };

static const char *const mark_words[MARK__COUNT] = { NULL, "present", "absent", "late", "leave" };
static const char *const mark_labels[MARK__COUNT] = { "", "到", "缺", "迟", "假" };

const char *mark_label(int mark)
{
	return mark > MARK_NONE && mark < MARK__COUNT ? mark_labels[mark] : "";
}

static int mark_of(const char *word)
{
	for (int m = MARK_PRESENT; word && m < MARK__COUNT; m++)
		if (strcmp(mark_words[m], word) == 0)
			return m;
	return MARK_NONE;
}

struct session *session_new(int64_t course_id)
{
	struct session *s = xcalloc(1, sizeof *s);
	s->course_id = course_id;
	return s;
}

void session_free(struct session **ps)
{
	struct session *s = *ps;
	if (!s)
		return;
	field_values_free(s->v, SF__COUNT);
	free(s);
	*ps = NULL;
}

void session_set(struct session *s, int field, const char *value)
{
	field_value_set(&s->v[field], value);
}

const char *session_get(const struct session *s, int field)
{
	return field_value_get(s->v[field]);
}

int session_load(struct jy_db *db, int64_t id, struct session **out, struct jy_err *err)
{
	*out = NULL;
	int denied = access_check(db, OP_VIEW, NULL, err);
	if (denied)
		return denied;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id, course_id, version, no, date, start_time, end_time, hours, topic, teacher, place "
		"FROM course_session WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return err_set(err, JY_ENOTFOUND, NULL, _("session %lld not found"), (long long)id);
		return db_fail(db, err, _("reading a session"));
	}
	struct session *s = session_new(sqlite3_column_int64(st, 1));
	s->id = sqlite3_column_int64(st, 0);
	s->version = sqlite3_column_int64(st, 2);
	for (int f = 0; f < SF__COUNT; f++)
		s->v[f] = db_col_str(st, 3 + f);
	sqlite3_reset(st);
	*out = s;
	return JY_OK;
}

/* ---- saving a session ------------------------------------------------------------------------ */

static int session_validate(struct jy_db *db, struct session *s, char course_place[184],
                            struct jy_err *err)
{
	for (int f = 0; f < SF__COUNT; f++) {
		char *v = NULL;
		int rc = field_check_value(db, &session_fields[f], s->v[f], &v, err);
		if (rc)
			return rc;
		free(s->v[f]);
		s->v[f] = v;
	}
	if (!s->v[SF_DATE])
		return err_set(err, JY_EINVAL, session_fields[SF_DATE].label, _("required: a date such as 20250301"));
	sqlite3_stmt *st = db_prepare(db, "SELECT start_date, end_date, coalesce(place, '') FROM course WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, s->course_id);
	char start[11] = "", end[11] = "";
	int step = sqlite3_step(st), found = step == SQLITE_ROW;
	if (found) {
		db_col_copy(st, 0, start, sizeof start);
		db_col_copy(st, 1, end, sizeof end);
		db_col_copy(st, 2, course_place, 184);
	}
	sqlite3_reset(st);
	if (!found && step != SQLITE_DONE)
		return db_fail(db, err, _("reading a course"));
	if (!found)
		return err_set(err, JY_ENOTFOUND, NULL, _("course %lld not found"), (long long)s->course_id);
	if (strcmp(s->v[SF_DATE], start) < 0 || strcmp(s->v[SF_DATE], end) > 0)
		return err_set(err, JY_EINVAL, session_fields[SF_DATE].label,
		               _("%s is outside the course (%s to %s): change the course's dates first"),
		               s->v[SF_DATE], start, end);
	if (s->v[SF_START] && s->v[SF_END] && strcmp(s->v[SF_END], s->v[SF_START]) <= 0)
		return err_set(err, JY_EINVAL, session_fields[SF_END].label,
		               _("%s is not after the start %s"), s->v[SF_END], s->v[SF_START]);
	return JY_OK;
}

static void bind_session(sqlite3_stmt *st, int first, const struct session *s)
{
	for (int f = 0; f < SF__COUNT; f++) {
		if ((session_fields[f].flags & FF_NUM) && s->v[f])
			sqlite3_bind_int64(st, first + f, strtoll(s->v[f], NULL, 10));
		else
			db_bind_text(st, first + f, s->v[f]);
	}
}

static int session_insert(struct jy_db *db, struct session *s, struct jy_err *err)
{
	char now[32];
	time_now_iso(now);
	if (!s->v[SF_NO]) {
		sqlite3_stmt *q = db_prepare(db,
			"SELECT coalesce(max(no), 0) + 1 FROM course_session WHERE course_id = ?1", err);
		if (!q)
			return JY_EDB;
		sqlite3_bind_int64(q, 1, s->course_id);
		char no[16] = "1";
		int step = sqlite3_step(q);
		if (step == SQLITE_ROW)
			snprintf(no, sizeof no, "%d", sqlite3_column_int(q, 0));
		sqlite3_reset(q);
		if (step != SQLITE_ROW)
			return db_fail(db, err, _("saving the session"));
		session_set(s, SF_NO, no);
	}
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO course_session(course_id, created_at, created_by, updated_at, updated_by, no, date, "
		"start_time, end_time, hours, topic, teacher, place) "
		"VALUES (?1, ?2, ?3, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, s->course_id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	bind_session(st, 4, s);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE)
			return err_set(err, JY_EDUP, session_fields[SF_NO].label,
			               _("the course already has a session %s; leave 课次 empty for the next"), s->v[SF_NO]);
		return db_fail(db, err, _("saving the session"));
	}
	s->id = sqlite3_last_insert_rowid(db_handle(db));
	s->version = 1;
	char *json = field_changes(session_fields, SF__COUNT, NULL, s->v);
	rc = history_add(db, "session", s->id, "create", json, err);
	free(json);
	return rc;
}

static int session_update(struct jy_db *db, struct session *s, struct jy_err *err)
{
	struct session *old = NULL;
	int rc = session_load(db, s->id, &old, err);
	if (rc)
		return rc;
	if (!s->v[SF_NO])
		session_set(s, SF_NO, old->v[SF_NO]);
	int stale = old->version != s->version;
	char *json = stale ? NULL : field_changes(session_fields, SF__COUNT, old->v, s->v);
	session_free(&old);
	if (stale)
		return err_set(err, JY_ECONFLICT, NULL,
		               _("someone else changed this session after you opened it; nothing was saved"));
	if (!json)
		return JY_OK;
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE course_session SET no = ?4, date = ?5, start_time = ?6, end_time = ?7, hours = ?8, "
		"topic = ?9, teacher = ?10, place = ?11, version = version + 1, updated_at = ?2, updated_by = ?3 "
		"WHERE id = ?1 AND version = ?12", err);
	if (!st) {
		free(json);
		return JY_EDB;
	}
	sqlite3_bind_int64(st, 1, s->id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	bind_session(st, 4, s);
	sqlite3_bind_int64(st, 12, s->version);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(json);
		if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE)
			return err_set(err, JY_EDUP, session_fields[SF_NO].label,
			               _("the course already has a session %s; leave 课次 empty for the next"), s->v[SF_NO]);
		return db_fail(db, err, _("saving the session"));
	}
	rc = history_add(db, "session", s->id, "update", json, err);
	free(json);
	if (!rc)
		s->version++;
	return rc;
}

int session_save(struct jy_db *db, struct session *s, struct jy_err *err)
{
	struct jy_err local;
	char place[184] = "";
	if (!err)
		err = &local;
	err_clear(err);
	int rc = access_check(db, OP_EDIT, NULL, err);
	if (!rc)
		rc = session_validate(db, s, place, err);
	if (rc)
		return rc;
	if (!s->id && !s->v[SF_PLACE] && place[0])
		session_set(s, SF_PLACE, place);
	if ((rc = db_begin(db, err)))
		return rc;
	int64_t id = s->id;
	rc = id ? session_update(db, s, err) : session_insert(db, s, err);
	if (rc) {
		db_rollback(db);
		s->id = id;
		return rc;
	}
	return db_commit(db, err);
}

int session_list(struct jy_db *db, int64_t course_id, struct session_row **rows, int *n,
                 struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	int denied = access_check(db, OP_VIEW, NULL, err);
	if (denied)
		return denied;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT s.id, s.no, coalesce(s.hours, 0), s.date, coalesce(s.start_time, ''), "
		"coalesce(s.end_time, ''), coalesce(s.topic, ''), coalesce(s.teacher, ''), "
		"(SELECT count(*) FROM attendance a WHERE a.session_id = s.id), "
		"(SELECT count(*) FROM attendance a WHERE a.session_id = s.id AND a.mark = 'present'), "
		"(SELECT count(*) FROM attendance a WHERE a.session_id = s.id AND a.mark = 'late'), "
		"(SELECT count(*) FROM attendance a WHERE a.session_id = s.id AND a.mark = 'leave'), "
		"(SELECT count(*) FROM attendance a WHERE a.session_id = s.id AND a.mark = 'absent') "
		"FROM course_session s WHERE s.course_id = ?1 ORDER BY s.no", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, course_id);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*rows = xrealloc(*rows, sizeof **rows * (size_t)cap);
		}
		struct session_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		r->no = sqlite3_column_int(st, 1);
		r->hours = sqlite3_column_int(st, 2);
		db_col_copy(st, 3, r->date, sizeof r->date);
		db_col_copy(st, 4, r->start, sizeof r->start);
		db_col_copy(st, 5, r->end, sizeof r->end);
		db_col_copy(st, 6, r->topic, sizeof r->topic);
		db_col_copy(st, 7, r->teacher, sizeof r->teacher);
		r->marked = sqlite3_column_int(st, 8);
		r->present = sqlite3_column_int(st, 9);
		r->late = sqlite3_column_int(st, 10);
		r->leave = sqlite3_column_int(st, 11);
		r->absent = sqlite3_column_int(st, 12);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		FREE(rows);
		*n = 0;
		return db_fail(db, err, _("reading the sessions"));
	}
	return JY_OK;
}

/* ---- roll calls ------------------------------------------------------------------------------- */

int rollcall_load(struct jy_db *db, int64_t session_id, struct rollcall *out, struct jy_err *err)
{
	memset(out, 0, sizeof *out);
	struct session *s = NULL;
	int rc = session_load(db, session_id, &s, err);
	if (rc)
		return rc;
	out->session_id = session_id;
	out->version = s->version;
	int64_t course_id = s->course_id;
	session_free(&s);
	/* The admitted trainees, and anyone marked already (she may have dropped out since); of the
	 * worker's communities only. */
	sqlite3_stmt *st = db_prepare(db,
		"SELECT e.id, r.name, r.id_no, a.mark FROM enrolment e JOIN resident r ON r.id = e.resident_id "
		"LEFT JOIN attendance a ON a.enrolment_id = e.id AND a.session_id = ?1 "
		"WHERE e.course_id = ?2 AND ((e.waitlisted = 0 AND e.result <> 'dropped') OR a.mark IS NOT NULL) "
		"AND jy_in_scope(r.community) ORDER BY e.id", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_int64(st, 2, course_id);
	int cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 32;
			out->rows = xrealloc(out->rows, sizeof *out->rows * (size_t)cap);
		}
		struct rollcall_row *r = &out->rows[out->n++];
		memset(r, 0, sizeof *r);
		r->enrolment_id = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, r->name, sizeof r->name);
		char id_no[sizeof r->id_no];
		db_col_copy(st, 2, id_no, sizeof id_no);
		mask_idno(id_no, r->id_no, sizeof r->id_no);   /* a sheet others may read: masked */
		r->mark = r->was = mark_of((const char *)sqlite3_column_text(st, 3));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rollcall_free(out);
		return db_fail(db, err, _("reading the roll call"));
	}
	return JY_OK;
}

void rollcall_free(struct rollcall *rc)
{
	FREE(&rc->rows);
	rc->n = 0;
}

/* Each trainee whose mark changes is one the worker may mark: an enrolment of this session's
 * course, of a resident in her communities (a roll call handed in may hold any enrolment id). */
static int rollcall_allowed(struct jy_db *db, const struct rollcall *rc, struct jy_err *err)
{
	for (int i = 0; i < rc->n; i++) {
		const struct rollcall_row *r = &rc->rows[i];
		if (r->mark == r->was || r->mark <= MARK_NONE || r->mark >= MARK__COUNT)
			continue;
		sqlite3_stmt *st = db_prepare(db,
			"SELECT e.resident_id FROM enrolment e JOIN course_session s ON s.course_id = e.course_id "
			"WHERE e.id = ?1 AND s.id = ?2", err);
		if (!st)
			return JY_EDB;
		sqlite3_bind_int64(st, 1, r->enrolment_id);
		sqlite3_bind_int64(st, 2, rc->session_id);
		int s = sqlite3_step(st);
		int64_t rid = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (s != SQLITE_ROW && s != SQLITE_DONE)
			return db_fail(db, err, _("reading the enrolments"));
		if (!rid)
			return err_set(err, JY_ENOTFOUND, NULL, _("%s is not enrolled in this course"), r->name);
		int denied = resident_access(db, rid, OP_EDIT, err);
		if (denied)
			return denied;
	}
	return JY_OK;
}

static int rollcall_write(struct jy_db *db, struct rollcall *rc, struct jy_buf *json, struct jy_err *err)
{
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE course_session SET version = version + 1, updated_at = ?2, updated_by = ?3 "
		"WHERE id = ?1 AND version = ?4", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rc->session_id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, rc->version);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE)
		return db_fail(db, err, _("saving the roll call"));
	if (sqlite3_changes(db_handle(db)) != 1)
		return err_set(err, JY_ECONFLICT, NULL,
		               _("someone else saved this roll call after you opened it; nothing was saved. "
		                 "Open it again to see their marks"));
	st = db_prepare(db,
		"INSERT INTO attendance(session_id, enrolment_id, mark, marked_at, marked_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(session_id, enrolment_id) DO UPDATE SET "
		"mark = excluded.mark, marked_at = excluded.marked_at, marked_by = excluded.marked_by", err);
	if (!st)
		return JY_EDB;
	for (int i = 0; i < rc->n; i++) {
		struct rollcall_row *r = &rc->rows[i];
		if (r->mark == r->was || r->mark <= MARK_NONE || r->mark >= MARK__COUNT)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, rc->session_id);
		sqlite3_bind_int64(st, 2, r->enrolment_id);
		sqlite3_bind_text(st, 3, mark_words[r->mark], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_reset(st);
			return db_fail(db, err, _("saving the roll call"));
		}
		/* the history reads as the sheet does: name, old mark, new mark */
		buf_adds(json, json->len ? "," : "{");
		history_json_str(json, r->name);
		buf_adds(json, ":[");
		history_json_str(json, r->was ? mark_labels[r->was] : NULL);
		buf_adds(json, ",");
		history_json_str(json, mark_labels[r->mark]);
		buf_adds(json, "]");
	}
	sqlite3_reset(st);
	buf_adds(json, "}");
	return history_add(db, "session", rc->session_id, "rollcall", json->s, err);
}

int rollcall_save(struct jy_db *db, struct rollcall *rc, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	int changed = 0;
	for (int i = 0; i < rc->n; i++)
		changed |= rc->rows[i].mark != rc->rows[i].was && rc->rows[i].mark != MARK_NONE;
	if (!changed)
		return JY_OK;
	int r = access_check(db, OP_EDIT, NULL, err);
	if (r || (r = db_begin(db, err)))
		return r;
	struct jy_buf json = { 0 };
	r = rollcall_allowed(db, rc, err);
	if (!r)
		r = rollcall_write(db, rc, &json, err);
	buf_free(&json);
	if (r) {
		db_rollback(db);
		return r;
	}
	if ((r = db_commit(db, err)))
		return r;
	rc->version++;
	for (int i = 0; i < rc->n; i++)
		if (rc->rows[i].mark != MARK_NONE)
			rc->rows[i].was = rc->rows[i].mark;
	return JY_OK;
}
