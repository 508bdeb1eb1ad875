/* core/training/enrolment.c: a resident in a course (报名 / 参训记录): sign-up, the waiting list, completion.
 *
 * The rules a worker relies on: only a registered resident whose record is open can enrol; one
 * person is in one course once (the schema's UNIQUE (resident_id, course_id) says so too); a full
 * course takes more people with a warning, or puts them on the waiting list, which never counts
 * against the capacity; completion, assessment and certificates must agree with each other. Every
 * change goes into the enrolment's history and a line into the resident's.
 *
 * Who may: an enrolment is part of the trainee's record. It is read with OP_VIEW, made
 * with OP_CREATE and changed with OP_EDIT, each only for a resident of the worker's communities;
 * a refusal names 身份证号, the column a file names her by. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "training/training.h"
#include "store/sql.h"

const struct field_def enrol_fields[EF__COUNT] = { ENROL_FIELDS(FIELD_DEF_ROW) };

/* The fields that are columns of enrolment, in the order of the SQL below; the trainee, her name
 * and the course are keys (resident_id, course_id). */
static const int enrol_cols[] = {
	EF_ENROLLED, EF_WAITLIST, EF_RESULT, EF_RESULTON, EF_PASSED, EF_CERT, EF_CERTNO, EF_INTRADE,
	EF_NOTE,
};
#define NCOLS ((int)ARRAY_LEN(enrol_cols))

int enrol_field_by_col(const char *col)
{
	return field_find_col(enrol_fields, EF__COUNT, col);
}

struct enrolment *enrolment_new(void)
{
	return xcalloc(1, sizeof(struct enrolment));
}

void enrolment_free(struct enrolment **pe)
{
	struct enrolment *e = *pe;
	if (!e)
		return;
	field_values_free(e->v, EF__COUNT);
	free(e->created_at);
	free(e->updated_at);
	free(e->updated_by);
	free(e);
	*pe = NULL;
}

void enrolment_set(struct enrolment *e, int field, const char *value)
{
	field_value_set(&e->v[field], value);
}

const char *enrolment_get(const struct enrolment *e, int field)
{
	return field_value_get(e->v[field]);
}

static int is_flag(int f)
{
	return enrol_fields[f].kind == FK_BOOL;
}

int enrolment_load(struct jy_db *db, int64_t id, struct enrolment **out, struct jy_err *err)
{
	*out = NULL;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT e.id, e.version, e.resident_id, e.course_id, r.id_no, r.name, c.code, e.enrolled_on, "
		"e.waitlisted, e.result, e.result_on, e.passed, e.cert_type, e.cert_no, e.in_trade, e.note, "
		"e.created_at, coalesce(e.updated_at, e.created_at), coalesce(e.updated_by, e.created_by), "
		"coalesce(r.community, '') "
		"FROM enrolment e JOIN resident r ON r.id = e.resident_id JOIN course c ON c.id = e.course_id "
		"WHERE e.id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return err_set(err, JY_ENOTFOUND, NULL, _("enrolment %lld not found"), (long long)id);
		return db_fail(db, err, _("reading an enrolment"));
	}
	/* hers to see: the worker's role, and the trainee's community among hers */
	char community[64];
	db_col_copy(st, 10 + NCOLS, community, sizeof community);
	int denied = access_check(db, OP_VIEW, community, err);
	if (denied) {
		sqlite3_reset(st);
		if (err && access_may(db, OP_VIEW))
			snprintf(err->field, sizeof err->field, "%s", enrol_fields[EF_IDNO].label);
		return denied;
	}
	struct enrolment *e = enrolment_new();
	e->id = sqlite3_column_int64(st, 0);
	e->version = sqlite3_column_int64(st, 1);
	e->resident_id = sqlite3_column_int64(st, 2);
	e->course_id = sqlite3_column_int64(st, 3);
	e->v[EF_IDNO] = db_col_str(st, 4);
	e->v[EF_NAME] = db_col_str(st, 5);
	e->v[EF_COURSE] = db_col_str(st, 6);
	for (int i = 0; i < NCOLS; i++) {
		int f = enrol_cols[i];
		if (is_flag(f) && sqlite3_column_type(st, 7 + i) != SQLITE_NULL)
			e->v[f] = xstrdup(sqlite3_column_int(st, 7 + i) ? "1" : "0");
		else
			e->v[f] = db_col_str(st, 7 + i);
	}
	e->created_at = db_col_str(st, 7 + NCOLS);
	e->updated_at = db_col_str(st, 8 + NCOLS);
	e->updated_by = db_col_str(st, 9 + NCOLS);
	sqlite3_reset(st);
	*out = e;
	return JY_OK;
}

int enrolment_find(struct jy_db *db, int64_t resident_id, int64_t course_id, int64_t *id,
                   struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id FROM enrolment WHERE resident_id = ?1 AND course_id = ?2", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, resident_id);
	sqlite3_bind_int64(st, 2, course_id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE ? JY_ENOTFOUND : db_fail(db, err, _("reading the enrolments"));
}

/* ---- the rules ------------------------------------------------------------------------------- */

struct course_facts {
	char code[24], start[11], end[11];
	int capacity;           /* -1: none */
};

static int course_facts(struct jy_db *db, int64_t cid, struct course_facts *cf, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT code, start_date, end_date, coalesce(capacity, -1) FROM course "
		"WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, cid);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		db_col_copy(st, 0, cf->code, sizeof cf->code);
		db_col_copy(st, 1, cf->start, sizeof cf->start);
		db_col_copy(st, 2, cf->end, sizeof cf->end);
		cf->capacity = sqlite3_column_int(st, 3);
	}
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	if (s != SQLITE_DONE)
		return db_fail(db, err, _("reading a course"));
	return err_set(err, JY_ENOTFOUND, NULL, _("course %lld not found"), (long long)cid);
}

/* A few course codes, for "what is accepted" in the message of a code refused: "-" when they
 * cannot be read, and the code is refused all the same. */
static void course_codes_hint(struct jy_db *db, char *out, size_t size)
{
	struct jy_buf b = { 0 };
	sqlite3_stmt *st = db_prepare(db, "SELECT code FROM course ORDER BY start_date DESC, id DESC LIMIT 6", NULL);
	while (st && sqlite3_step(st) == SQLITE_ROW)
		buf_addf(&b, "%s%s", b.len ? ", " : "", (const char *)sqlite3_column_text(st, 0));
	if (st)
		sqlite3_reset(st);
	snprintf(out, size, "%s", b.s ? b.s : "-");
	buf_free(&b);
}

/* The trainee and the course from their keys: the ids, else the ID number and the code. The
 * trainee must be in the worker's communities for op. */
static int enrol_resolve(struct jy_db *db, struct enrolment *e, int op, struct course_facts *cf,
                         struct jy_err *err)
{
	if (!e->resident_id) {
		if (!e->v[EF_IDNO])
			return err_set(err, JY_EINVAL, enrol_fields[EF_IDNO].label,
			               _("required: the trainee's 18-character ID number"));
		/* one outside the worker's communities is answered as one nobody has */
		int rc = resident_find_idno_in_scope(db, e->v[EF_IDNO], op, &e->resident_id, err);
		if (rc == JY_ENOTFOUND && err)
			err->code = JY_EINVAL;  /* a bad cell of the file or the form, as before */
		if (rc)
			return rc == JY_ENOTFOUND ? JY_EINVAL : rc;
	}
	int denied = resident_access(db, e->resident_id, op, err);
	if (denied)
		return denied;
	sqlite3_stmt *st = db_prepare(db, "SELECT closed_at, name, id_no FROM resident WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, e->resident_id);
	int s = sqlite3_step(st);
	int found = s == SQLITE_ROW;
	int closed = found && sqlite3_column_type(st, 0) != SQLITE_NULL;
	if (found) {
		xstrset(&e->v[EF_NAME], (const char *)sqlite3_column_text(st, 1));
		xstrset(&e->v[EF_IDNO], (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_reset(st);
	if (!found && s != SQLITE_DONE)
		return db_fail(db, err, _("reading a resident"));
	if (!found)
		return err_set(err, JY_ENOTFOUND, NULL, _("resident %lld not found"), (long long)e->resident_id);
	if (closed)
		return err_set(err, JY_EINVAL, enrol_fields[EF_IDNO].label,
		               _("%s's record is closed: only a registered resident can enrol"), e->v[EF_NAME]);
	if (!e->course_id) {
		if (!e->v[EF_COURSE])
			return err_set(err, JY_EINVAL, enrol_fields[EF_COURSE].label,
			               _("required: the course code, such as K-001"));
		int rc = course_find_code(db, e->v[EF_COURSE], &e->course_id, err);
		if (rc == JY_ENOTFOUND) {
			char hint[256];
			course_codes_hint(db, hint, sizeof hint);
			return err_set(err, JY_EINVAL, enrol_fields[EF_COURSE].label,
			               _("no course has the code %s; courses: %s"), e->v[EF_COURSE], hint);
		}
		if (rc)
			return rc;
	}
	int rc = course_facts(db, e->course_id, cf, err);
	if (!rc)
		xstrset(&e->v[EF_COURSE], cf->code);
	return rc;
}

static int is(const char *v, const char *want)
{
	return v && strcmp(v, want) == 0;
}

/* Each value as its field takes it, then how the values fit together. */
static int enrol_validate(struct jy_db *db, struct enrolment *e, const struct enrolment *old,
                          const struct course_facts *cf, struct jy_err *err)
{
	for (int i = 0; i < NCOLS; i++) {
		int f = enrol_cols[i];
		char *v = NULL;
		int rc = field_check_value(db, &enrol_fields[f], e->v[f], &v, err);
		if (rc)
			return rc;
		free(e->v[f]);
		e->v[f] = v;
	}
	char today[11];
	date_today(today);
	/* enrolled today, unless the course is over: then it is a record made afterwards, and the
	 * course's first day is the truest date there is */
	if (!e->v[EF_ENROLLED])
		enrolment_set(e, EF_ENROLLED, strcmp(today, cf->end) > 0 ? cf->start : today);
	if (!e->v[EF_RESULT])
		enrolment_set(e, EF_RESULT, "enrolled");
	if (!e->v[EF_WAITLIST])
		enrolment_set(e, EF_WAITLIST, "0");
	const char *result = e->v[EF_RESULT];
	const struct field_def *fd = enrol_fields;
	if (is(result, "completed") && is(e->v[EF_WAITLIST], "1"))
		return err_set(err, JY_EINVAL, fd[EF_RESULT].label,
		               _("she is on the waiting list: admit her (候补 否) before she completes"));
	/* back to 在读: the date that went with 结业 or 退学 goes too, unless typed just now */
	if (is(result, "enrolled") && old && e->v[EF_RESULTON] && old->v[EF_RESULTON] &&
	    strcmp(e->v[EF_RESULTON], old->v[EF_RESULTON]) == 0)
		enrolment_set(e, EF_RESULTON, NULL);
	if (is(result, "enrolled") && e->v[EF_RESULTON])
		return err_set(err, JY_EINVAL, fd[EF_RESULTON].label,
		               _("a date here means 结业 or 退学: set 学习状态 first, or clear the date"));
	/* the day it happened, when it happens now (a record stored without one keeps none) */
	int now_so = !old || !is(old->v[EF_RESULT], result);
	if (now_so && is(result, "completed") && !e->v[EF_RESULTON])
		enrolment_set(e, EF_RESULTON, cf->end);     /* completing: the course's last day */
	if (now_so && is(result, "dropped") && !e->v[EF_RESULTON])
		enrolment_set(e, EF_RESULTON, strcmp(today, cf->end) < 0 ? today : cf->end);
	if (e->v[EF_RESULTON] && strcmp(e->v[EF_RESULTON], e->v[EF_ENROLLED]) < 0)
		return err_set(err, JY_EINVAL, fd[EF_RESULTON].label,
		               _("%s is before she enrolled (%s)"), e->v[EF_RESULTON], e->v[EF_ENROLLED]);
	if (e->v[EF_CERTNO] && !e->v[EF_CERT])
		return err_set(err, JY_EINVAL, fd[EF_CERT].label,
		               _("required with a certificate number: which certificate it is"));
	if (e->v[EF_CERT]) {
		if (!is(result, "completed"))
			return err_set(err, JY_EINVAL, fd[EF_CERT].label,
			               _("a certificate comes with completion: set 学习状态 to 结业"));
		if (is(e->v[EF_PASSED], "0"))
			return err_set(err, JY_EINVAL, fd[EF_CERT].label,
			               _("she did not pass (考核合格 否): no certificate"));
		enrolment_set(e, EF_PASSED, "1");     /* a certificate says she passed */
	}
	return JY_OK;
}

/* Admitted trainees of the course other than this enrolment, into *n. */
static int admitted_others(struct jy_db *db, int64_t cid, int64_t eid, int *n, struct jy_err *err)
{
	*n = 0;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT count(*) FROM enrolment WHERE course_id = ?1 AND id <> ?2 AND waitlisted = 0 "
		"AND result <> 'dropped'", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_int64(st, 2, eid);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return s == SQLITE_ROW ? JY_OK : db_fail(db, err, _("reading the enrolments"));
}

static int admitted(const struct enrolment *e)
{
	return e && is(e->v[EF_WAITLIST], "0") && !is(e->v[EF_RESULT], "dropped");
}

/* ---- saving -------------------------------------------------------------------------------- */

static void bind_cols(sqlite3_stmt *st, int first, const struct enrolment *e)
{
	for (int i = 0; i < NCOLS; i++) {
		int f = enrol_cols[i];
		if (is_flag(f) && e->v[f])
			sqlite3_bind_int(st, first + i, strcmp(e->v[f], "1") == 0);
		else if (f == EF_WAITLIST)
			sqlite3_bind_int(st, first + i, 0);
		else
			db_bind_text(st, first + i, e->v[f]);
	}
}

/* The resident's history gets one line per change of her enrolment, naming the course. */
static int resident_line(struct jy_db *db, const struct enrolment *e, const char *json,
                         struct jy_err *err)
{
	struct jy_buf b = { 0 };
	buf_adds(&b, "{\"course\":[null,");
	history_json_str(&b, e->v[EF_COURSE]);
	buf_adds(&b, "]");
	if (json && json[0] == '{' && json[1] != '}')
		buf_addf(&b, ",%s", json + 1);
	else
		buf_adds(&b, "}");
	int rc = history_add(db, "resident", e->resident_id, "enrolment", b.s, err);
	buf_free(&b);
	return rc;
}

static int enrol_insert(struct jy_db *db, struct enrolment *e, struct jy_err *err)
{
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO enrolment(resident_id, course_id, created_at, created_by, updated_at, updated_by, "
		"enrolled_on, waitlisted, result, result_on, passed, cert_type, cert_no, in_trade, note) "
		"VALUES (?1, ?2, ?3, ?4, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, e->resident_id);
	sqlite3_bind_int64(st, 2, e->course_id);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	bind_cols(st, 5, e);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("saving the enrolment"));
	e->id = sqlite3_last_insert_rowid(db_handle(db));
	e->version = 1;
	xstrset(&e->updated_at, now);
	xstrset(&e->updated_by, db_actor(db)->os_user);
	/* the enrolment's own values: the ID number stays in the registry, not in the history */
	char *v[EF__COUNT];
	memcpy(v, e->v, sizeof v);
	v[EF_IDNO] = v[EF_NAME] = NULL;
	char *json = field_changes(enrol_fields, EF__COUNT, NULL, v);
	rc = history_add(db, "enrolment", e->id, "create", json, err);
	if (!rc)
		rc = resident_line(db, e, NULL, err);
	free(json);
	return rc;
}

static int enrol_conflict(struct jy_db *db, int64_t id, struct jy_err *err)
{
	struct enrolment *cur = NULL;
	int rc = enrolment_load(db, id, &cur, err);
	if (rc == JY_ENOTFOUND)
		return err_set(err, JY_ENOTFOUND, NULL, _("the record no longer exists"));
	if (rc)
		return rc;
	err_set(err, JY_ECONFLICT, NULL,
	        _("%s changed this record at %s after you opened it; nothing was saved. "
	          "Reload to see the change, then make yours again"),
	        cur->updated_by ? cur->updated_by : "?", cur->updated_at ? cur->updated_at : "?");
	err->other_id = id;
	enrolment_free(&cur);
	return JY_ECONFLICT;
}

static int enrol_update(struct jy_db *db, struct enrolment *e, const struct enrolment *old,
                        struct jy_err *err)
{
	/* Only the enrolment's own columns: the trainee and the course are what it is about. */
	char *was[EF__COUNT] = { 0 }, *now_v[EF__COUNT] = { 0 };
	for (int i = 0; i < NCOLS; i++) {
		was[enrol_cols[i]] = old->v[enrol_cols[i]];
		now_v[enrol_cols[i]] = e->v[enrol_cols[i]];
	}
	char *json = field_changes(enrol_fields, EF__COUNT, was, now_v);
	if (!json)
		return JY_OK;
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE enrolment SET enrolled_on = ?5, waitlisted = ?6, result = ?7, result_on = ?8, "
		"passed = ?9, cert_type = ?10, cert_no = ?11, in_trade = ?12, note = ?13, "
		"version = version + 1, updated_at = ?3, updated_by = ?4 WHERE id = ?1 AND version = ?2", err);
	if (!st) {
		free(json);
		return JY_EDB;
	}
	sqlite3_bind_int64(st, 1, e->id);
	sqlite3_bind_int64(st, 2, e->version);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	bind_cols(st, 5, e);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(json);
		return db_fail(db, err, _("saving the enrolment"));
	}
	if (sqlite3_changes(db_handle(db)) != 1) {
		free(json);
		return enrol_conflict(db, e->id, err);
	}
	rc = history_add(db, "enrolment", e->id, "update", json, err);
	if (!rc)
		rc = resident_line(db, e, json, err);
	free(json);
	if (!rc) {
		e->version++;
		xstrset(&e->updated_at, now);
		xstrset(&e->updated_by, db_actor(db)->os_user);
	}
	return rc;
}

static int enrol_dup(struct jy_db *db, int64_t other, const struct enrolment *e, struct jy_err *err)
{
	struct enrolment *o = NULL;
	char what[64] = "";
	char *r = NULL;
	/* the details are for the message only: the second enrolment is refused either way */
	if (enrolment_load(db, other, &o, NULL) == JY_OK &&
	    field_show(db, &enrol_fields[EF_RESULT], o->v[EF_RESULT], &r, NULL) == JY_OK)
		snprintf(what, sizeof what, "%s%s", is(o->v[EF_WAITLIST], "1") ? "候补 " : "", r);
	free(r);
	err_set(err, JY_EDUP, enrol_fields[EF_IDNO].label,
	        _("%s is already in course %s (%s, enrolled %s): one enrolment per person and course"),
	        e->v[EF_NAME] ? e->v[EF_NAME] : "?", e->v[EF_COURSE] ? e->v[EF_COURSE] : "?", what,
	        o ? enrolment_get(o, EF_ENROLLED) : "?");
	if (err)
		err->other_id = other;
	enrolment_free(&o);
	return JY_EDUP;
}

/* warn set when admitting e takes the course past its capacity; JY_EDB (err set) when the
 * admitted cannot be counted: a count read as 0 would admit past the capacity unwarned. */
static int capacity_warn(struct jy_db *db, const struct enrolment *e, const struct course_facts *cf,
                         struct jy_err *warn, struct jy_err *err)
{
	if (cf->capacity < 0)
		return JY_OK;
	int n, rc = admitted_others(db, e->course_id, e->id, &n, err);
	if (rc)
		return rc;
	if (++n <= cf->capacity)
		return JY_OK;
	err_set(warn, JY_OK, enrol_fields[EF_COURSE].label,
	        _("course %s is over its capacity: %d admitted for %d places"), cf->code, n, cf->capacity);
	warn->warn = 1;
	warn->other_id = e->course_id;
	return JY_OK;
}

int enrolment_save(struct jy_db *db, struct enrolment *e, struct jy_err *err)
{
	struct jy_err local, warn = { 0 };
	if (!err)
		err = &local;
	err_clear(err);
	struct course_facts cf;
	struct enrolment *old = NULL;
	int op = e->id ? OP_EDIT : OP_CREATE;
	int rc = access_check(db, op, NULL, err);
	if (rc)
		return rc;
	if (e->id) {
		if ((rc = enrolment_load(db, e->id, &old, err)))
			return rc;
		/* the trainee and the course of an enrolment never change */
		e->resident_id = old->resident_id;
		e->course_id = old->course_id;
	}
	rc = enrol_resolve(db, e, op, &cf, err);
	if (!rc)
		rc = enrol_validate(db, e, old, &cf, err);
	if (!rc && !e->id) {
		int64_t other;
		rc = enrolment_find(db, e->resident_id, e->course_id, &other, err);
		if (rc == JY_OK)
			rc = enrol_dup(db, other, e, err);
		else if (rc == JY_ENOTFOUND)
			rc = JY_OK;
	}
	if (!rc && admitted(e) && !admitted(old))
		rc = capacity_warn(db, e, &cf, &warn, err);
	if (rc || (rc = db_begin(db, err))) {
		enrolment_free(&old);
		return rc;
	}
	int64_t id = e->id;
	if (old && old->version != e->version)
		rc = enrol_conflict(db, e->id, err);
	else
		rc = old ? enrol_update(db, e, old, err) : enrol_insert(db, e, err);
	enrolment_free(&old);
	if (rc) {
		db_rollback(db);
		e->id = id;
		return rc;
	}
	rc = db_commit(db, err);
	if (!rc && warn.warn)
		*err = warn;
	return rc;
}

int enrolment_enrol(struct jy_db *db, int64_t resident_id, int64_t course_id, int waitlist,
                    int64_t *id, struct jy_err *err)
{
	struct enrolment *e = enrolment_new();
	e->resident_id = resident_id;
	e->course_id = course_id;
	enrolment_set(e, EF_WAITLIST, waitlist ? "1" : "0");
	int rc = enrolment_save(db, e, err);
	if (id)
		*id = rc == JY_OK ? e->id : 0;
	enrolment_free(&e);
	return rc;
}
