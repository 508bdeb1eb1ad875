/* core/training/course.c: training courses (培训班). Validating, saving with history and
 * optimistic versions as the registry does, codes K-001 … assigned on first save, head counts, and
 * the course list searched as you type.
 *
 * COURSE_FIELDS (training/training.h) drives the SQL: a new field is one line there and one column in a
 * migration. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "training/training.h"
#include "store/sql.h"

const struct field_def course_fields[CF__COUNT] = { COURSE_FIELDS(FIELD_DEF_ROW) };

struct course *course_new(void)
{
	return xcalloc(1, sizeof(struct course));
}

void course_free(struct course **pc)
{
	struct course *c = *pc;
	if (!c)
		return;
	field_values_free(c->v, CF__COUNT);
	free(c->created_at);
	free(c->updated_at);
	free(c->updated_by);
	free(c);
	*pc = NULL;
}

void course_set(struct course *c, int field, const char *value)
{
	field_value_set(&c->v[field], value);
}

const char *course_get(const struct course *c, int field)
{
	return field_value_get(c->v[field]);
}

int course_display(struct jy_db *db, const struct course *c, int field, char **out,
                   struct jy_err *err)
{
	return field_show(db, &course_fields[field], c->v[field], out, err);
}

/* ---- SQL built once from the field table (column names only, never data) --------------------- */

static char sql_insert[1024], sql_update[1024], sql_select[1024];

static void sql_build(void)
{
	if (sql_insert[0])
		return;
	struct jy_buf cols = { 0 }, vals = { 0 }, sets = { 0 };
	for (int f = 0; f < CF__COUNT; f++) {
		buf_addf(&cols, ", %s", course_fields[f].col);
		buf_addf(&vals, ", ?%d", f + 6);
		buf_addf(&sets, "%s%s = ?%d", f ? ", " : "", course_fields[f].col, f + 6);
	}
	/* ?1 id, ?2 now, ?3 worker, ?4 version expected, ?5 spare; fields from ?6 */
	snprintf(sql_insert, sizeof sql_insert,
	         "INSERT INTO course(created_at, created_by, updated_at, updated_by%s) "
	         "VALUES (?2, ?3, ?2, ?3%s)", cols.s, vals.s);
	snprintf(sql_update, sizeof sql_update,
	         "UPDATE course SET %s, version = version + 1, updated_at = ?2, updated_by = ?3 "
	         "WHERE id = ?1 AND version = ?4", sets.s);
	snprintf(sql_select, sizeof sql_select,
	         "SELECT id, version, created_at, coalesce(updated_at, created_at), "
	         "coalesce(updated_by, created_by)%s FROM course WHERE id = ?1", cols.s);
	buf_free(&cols);
	buf_free(&vals);
	buf_free(&sets);
}

static void bind_fields(sqlite3_stmt *st, const struct course *c)
{
	for (int f = 0; f < CF__COUNT; f++) {
		if ((course_fields[f].flags & FF_NUM) && c->v[f])
			sqlite3_bind_int64(st, f + 6, strtoll(c->v[f], NULL, 10));
		else
			db_bind_text(st, f + 6, c->v[f]);
	}
}

int course_load(struct jy_db *db, int64_t id, struct course **out, struct jy_err *err)
{
	*out = NULL;
	/* a course is no one's personal data: every worker but statistics (who read it through
	 * reports) sees and keeps it */
	int denied = access_check(db, OP_VIEW, NULL, err);
	if (denied)
		return denied;
	sql_build();
	sqlite3_stmt *st = db_prepare(db, sql_select, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return err_set(err, JY_ENOTFOUND, NULL, _("course %lld not found"), (long long)id);
		return db_fail(db, err, _("reading a course"));
	}
	struct course *c = course_new();
	c->id = sqlite3_column_int64(st, 0);
	c->version = sqlite3_column_int64(st, 1);
	c->created_at = db_col_str(st, 2);
	c->updated_at = db_col_str(st, 3);
	c->updated_by = db_col_str(st, 4);
	for (int f = 0; f < CF__COUNT; f++)
		c->v[f] = db_col_str(st, f + 5);       /* an INTEGER column reads as its digits */
	sqlite3_reset(st);
	*out = c;
	return JY_OK;
}

/* Codes are compared as a worker means them: K-001, k-001 and Ｋ－００１ are one code. Caller frees. */
static char *code_canon(const char *code)
{
	char *c = hanzi_fold(code);
	for (char *p = c; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return c;
}

int course_find_code(struct jy_db *db, const char *code, int64_t *id, struct jy_err *err)
{
	if (text_is_blank(code))
		return JY_ENOTFOUND;
	char *t = text_clean(code);
	char *c = code_canon(t);
	free(t);
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM course WHERE code = ?1", err);
	int rc = JY_EDB;
	if (st) {
		sqlite3_bind_text(st, 1, c, -1, SQLITE_TRANSIENT);
		int s = sqlite3_step(st);
		if (s == SQLITE_ROW)
			*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		rc = s == SQLITE_ROW ? JY_OK : s == SQLITE_DONE ? JY_ENOTFOUND : JY_EDB;
		if (rc == JY_EDB)
			db_fail(db, err, _("reading the courses"));
	}
	free(c);
	return rc;
}

int course_validate(struct jy_db *db, struct course *c, struct jy_err *err)
{
	for (int f = 0; f < CF__COUNT; f++) {
		char *v = NULL;
		int rc = field_check_value(db, &course_fields[f], c->v[f], &v, err);
		if (rc)
			return rc;
		if (f == CF_CODE && v) {
			char *canon = code_canon(v);
			free(v);
			v = canon;
		}
		free(c->v[f]);
		c->v[f] = v;
		if ((course_fields[f].flags & FF_REQ) && !v)
			return err_set(err, JY_EINVAL, course_fields[f].label,
			               f == CF_NAME ? _("required: the course's name, e.g. 家政服务员(初级)培训班")
			                            : _("required: a date such as 20250301"));
	}
	if (strcmp(c->v[CF_END], c->v[CF_START]) < 0)
		return err_set(err, JY_EINVAL, course_fields[CF_END].label,
		               _("%s is before the start %s: a course ends on or after the day it starts"),
		               c->v[CF_END], c->v[CF_START]);
	return JY_OK;
}

/* The next free code: K- and one more than the highest number in use. */
static int course_next_code(struct jy_db *db, char out[24], struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT coalesce(max(CAST(substr(code, 3) AS INTEGER)), 0) + 1 FROM course "
		"WHERE code GLOB 'K-[0-9]*'", err);
	if (!st)
		return JY_EDB;
	long long n = 1;
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (s != SQLITE_ROW)
		return db_fail(db, err, _("saving the course"));
	snprintf(out, 24, "K-%03lld", n);
	return JY_OK;
}

static int code_taken(struct jy_db *db, const char *code, struct jy_err *err)
{
	int64_t other = 0;
	/* only for other_id: the code is refused as taken whatever this finds */
	course_find_code(db, code, &other, NULL);
	err_set(err, JY_EDUP, course_fields[CF_CODE].label,
	        _("course code %s is already in use; leave it empty for the next free one"), code);
	if (err)
		err->other_id = other;
	return JY_EDUP;
}

static int course_insert(struct jy_db *db, struct course *c, struct jy_err *err)
{
	char now[32], code[24];
	time_now_iso(now);
	if (!c->v[CF_CODE]) {
		int rc = course_next_code(db, code, err);
		if (rc)
			return rc;
		course_set(c, CF_CODE, code);
	}
	sql_build();
	sqlite3_stmt *st = db_prepare(db, sql_insert, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	bind_fields(st, c);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE)
			return code_taken(db, c->v[CF_CODE], err);
		return db_fail(db, err, _("saving the course"));
	}
	c->id = sqlite3_last_insert_rowid(db_handle(db));
	c->version = 1;
	xstrset(&c->updated_at, now);
	xstrset(&c->updated_by, db_actor(db)->os_user);
	/* The first values are recorded: a course is small, and its history reads best whole. */
	char *json = field_changes(course_fields, CF__COUNT, NULL, c->v);
	rc = history_add(db, "course", c->id, "create", json, err);
	free(json);
	return rc;
}

static int course_conflict(struct jy_db *db, int64_t id, struct jy_err *err)
{
	struct course *cur = NULL;
	int rc = course_load(db, id, &cur, err);
	if (rc == JY_ENOTFOUND)
		return err_set(err, JY_ENOTFOUND, NULL, _("the record no longer exists"));
	if (rc)
		return rc;
	err_set(err, JY_ECONFLICT, NULL,
	        _("%s changed this record at %s after you opened it; nothing was saved. "
	          "Reload to see the change, then make yours again"),
	        cur->updated_by ? cur->updated_by : "?", cur->updated_at ? cur->updated_at : "?");
	err->other_id = id;
	course_free(&cur);
	return JY_ECONFLICT;
}

static int course_update(struct jy_db *db, struct course *c, struct jy_err *err)
{
	struct course *old = NULL;
	int rc = course_load(db, c->id, &old, err);
	if (rc)
		return rc;
	if (old->version != c->version) {
		course_free(&old);
		return course_conflict(db, c->id, err);
	}
	if (!c->v[CF_CODE])
		course_set(c, CF_CODE, old->v[CF_CODE]);     /* an emptied code keeps the old one */
	char *json = field_changes(course_fields, CF__COUNT, old->v, c->v);
	course_free(&old);
	if (!json)
		return JY_OK;           /* nothing changed: no new version, no history */
	char now[32];
	time_now_iso(now);
	sql_build();
	sqlite3_stmt *st = db_prepare(db, sql_update, err);
	if (!st) {
		free(json);
		return JY_EDB;
	}
	sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, c->version);
	bind_fields(st, c);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(json);
		if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE)
			return code_taken(db, c->v[CF_CODE], err);
		return db_fail(db, err, _("saving the course"));
	}
	if (sqlite3_changes(db_handle(db)) != 1) {
		free(json);
		return course_conflict(db, c->id, err);
	}
	rc = history_add(db, "course", c->id, "update", json, err);
	free(json);
	if (!rc) {
		c->version++;
		xstrset(&c->updated_at, now);
		xstrset(&c->updated_by, db_actor(db)->os_user);
	}
	return rc;
}

int course_save(struct jy_db *db, struct course *c, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	int rc = access_check(db, OP_EDIT, NULL, err);
	if (!rc)
		rc = course_validate(db, c, err);
	if (rc)
		return rc;
	if ((rc = db_begin(db, err)))
		return rc;
	int64_t id = c->id;
	rc = id ? course_update(db, c, err) : course_insert(db, c, err);
	if (rc) {
		db_rollback(db);
		c->id = id;
		return rc;
	}
	return db_commit(db, err);
}

/* ---- head counts ----------------------------------------------------------------------------- */

int course_counts(struct jy_db *db, int64_t course_id, struct course_counts *out, struct jy_err *err)
{
	memset(out, 0, sizeof *out);
	int denied = access_check(db, OP_VIEW, NULL, err);
	if (denied)
		return denied;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT coalesce(c.capacity, -1), "
		"(SELECT count(*) FROM enrolment e WHERE e.course_id = c.id AND e.waitlisted = 0 AND e.result <> 'dropped'), "
		"(SELECT count(*) FROM enrolment e WHERE e.course_id = c.id AND e.waitlisted = 1 AND e.result <> 'dropped'), "
		"(SELECT count(*) FROM enrolment e WHERE e.course_id = c.id AND e.result = 'completed'), "
		"(SELECT count(*) FROM enrolment e WHERE e.course_id = c.id AND e.result = 'dropped'), "
		"(SELECT count(*) FROM enrolment e WHERE e.course_id = c.id AND e.passed = 1), "
		"(SELECT count(*) FROM course_session s WHERE s.course_id = c.id) "
		"FROM course c WHERE c.id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, course_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->capacity = sqlite3_column_int(st, 0);
		out->admitted = sqlite3_column_int(st, 1);
		out->waiting = sqlite3_column_int(st, 2);
		out->completed = sqlite3_column_int(st, 3);
		out->dropped = sqlite3_column_int(st, 4);
		out->passed = sqlite3_column_int(st, 5);
		out->sessions = sqlite3_column_int(st, 6);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return err_set(err, JY_ENOTFOUND, NULL, _("course %lld not found"), (long long)course_id);
	return rc == SQLITE_ROW ? JY_OK : db_fail(db, err, _("reading a course"));
}

/* ---- the course list, searched as you type ----------------------------------------------------
 * An office runs tens of courses a year, not millions: the list reads the courses in start order
 * and keeps those the query matches, with no search index to keep up to date. */

#define COURSE_INITIALS_MAX 16

/* Does a course match the folded query q? Code or name anywhere, or the pinyin initials of any
 * stretch of the name (pxb finds …培训班). */
static int course_matches(const char *q, int letters, const char *code, const char *name)
{
	char *fc = hanzi_fold(code), *fn = hanzi_fold(name);
	int hit = strstr(fc, q) || strstr(fn, q);
	free(fc);
	free(fn);
	if (hit || !letters)
		return hit;
	char *ini[COURSE_INITIALS_MAX];
	int n = hanzi_initials_all(name, ini, COURSE_INITIALS_MAX);
	for (int i = 0; i < n; i++) {
		hit |= strstr(ini[i], q) != NULL;
		free(ini[i]);
	}
	return hit;
}

static void course_page_push(struct course_page *p, int *cap)
{
	if (p->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		p->rows = xrealloc(p->rows, sizeof *p->rows * (size_t)*cap);
	}
	memset(&p->rows[p->n], 0, sizeof p->rows[0]);
	p->n++;
}

int course_search(struct jy_db *db, const char *query, const char *cursor, int limit,
                  struct course_page *out, struct jy_err *err)
{
	memset(out, 0, sizeof *out);
	int denied = access_check(db, OP_VIEW, NULL, err);     /* statistics: through reports only */
	if (denied)
		return denied;
	if (limit <= 0 || limit > 200)
		limit = 200;
	char *q = hanzi_fold(query ? query : "");
	size_t qn = 0;
	int letters = 1;
	for (char *p = q; *p; p++)
		if (*p != ' ') {
			q[qn++] = *p;
			if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
				letters = 0;
		}
	q[qn] = '\0';
	/* cursor: "<start_date>\t<id>" of the last row shown */
	char cstart[11] = "";
	long long cid = 0;
	if (cursor && *cursor && sscanf(cursor, "%10[^\t]\t%lld", cstart, &cid) != 2)
		cstart[0] = '\0';
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id, code, name, coalesce(speciality, ''), coalesce(category, ''), start_date, end_date, "
		"coalesce(capacity, -1) FROM course "
		"WHERE ?1 IS NULL OR start_date < ?1 OR (start_date = ?1 AND id < ?2) "
		"ORDER BY start_date DESC, id DESC", err);
	if (!st) {
		free(q);
		return JY_EDB;
	}
	db_bind_text(st, 1, cstart);
	sqlite3_bind_int64(st, 2, cid);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 1);
		const char *name = (const char *)sqlite3_column_text(st, 2);
		if (qn && !course_matches(q, letters, code, name))
			continue;
		if (out->n == limit) {
			out->more = 1;
			break;
		}
		course_page_push(out, &cap);
		struct course_row *r = &out->rows[out->n - 1];
		r->id = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, r->code, sizeof r->code);
		db_col_copy(st, 2, r->name, sizeof r->name);
		db_col_copy(st, 3, r->speciality, sizeof r->speciality);
		db_col_copy(st, 4, r->category, sizeof r->category);
		db_col_copy(st, 5, r->start, sizeof r->start);
		db_col_copy(st, 6, r->end, sizeof r->end);
		r->capacity = sqlite3_column_int(st, 7);
	}
	sqlite3_reset(st);
	free(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		course_page_free(out);
		return db_fail(db, err, _("reading the courses"));
	}
	/* Head counts after the scan: no statement is stepped while another is prepared. */
	for (int i = 0; i < out->n; i++) {
		struct course_counts cc;
		int r = course_counts(db, out->rows[i].id, &cc, err);
		if (r == JY_ENOTFOUND)
			continue;       /* gone since the scan: nobody to count */
		if (r) {
			course_page_free(out);
			return r;
		}
		out->rows[i].admitted = cc.admitted;
		out->rows[i].waiting = cc.waiting;
	}
	if (out->more && out->n)
		snprintf(out->next, sizeof out->next, "%s\t%lld", out->rows[out->n - 1].start,
		         (long long)out->rows[out->n - 1].id);
	return JY_OK;
}

void course_page_free(struct course_page *p)
{
	FREE(&p->rows);
	p->n = 0;
	p->more = 0;
}
