/* core/casework/migrant.c: the roster of migrant women (流动妇女平安之家 成员名册) and its monthly
 * re-check (每月复核).
 *
 * A member is a woman of the registry, so she follows her record's rules: a worker sees and
 * changes the members of her communities (resident_access), statistics see the figures only.
 * The services a member received are never stored here: they are read from the visits, the
 * referrals and jobs, the courses, the rights cases and the pairs (migrant_services). A check a
 * month; the due list reads who has none since the month began (or for migrant.check_days). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework_int.h"
#include "jobs/jobs.h"

const struct field_def migrant_fields[MGF__COUNT] = { MIGRANT_FIELDS(FIELD_DEF_ROW) };

struct migrant *migrant_new(void)
{
	return xcalloc(1, sizeof(struct migrant));
}

void migrant_free(struct migrant **pm)
{
	struct migrant *m = *pm;
	if (!m)
		return;
	field_values_free(m->v, MGF__COUNT);
	free(m->left_reason);
	free(m->name);
	free(m->updated_at);
	free(m->updated_by);
	free(m);
	*pm = NULL;
}

void migrant_set(struct migrant *m, int field, const char *value)
{
	if (field >= 0 && field < MGF__COUNT)
		field_value_set(&m->v[field], value);
}

const char *migrant_get(const struct migrant *m, int field)
{
	return field >= 0 && field < MGF__COUNT ? field_value_get(m->v[field]) : "";
}

#define MIGRANT_COLS \
	"m.id, m.version, r.id_no, m.origin, m.employer, m.permit, m.permit_date, m.joined_on, " \
	"m.resident_id, coalesce(m.employer_id, 0), coalesce(m.left_on, ''), m.left_reason, r.name, " \
	"r.reg_no, coalesce(r.community, ''), m.updated_at, m.updated_by, " \
	"coalesce((SELECT max(c.checked_on) FROM migrant_check c WHERE c.migrant_id = m.id), '') " \
	"FROM migrant m JOIN resident r ON r.id = m.resident_id "

/* The member as stored, without the reading rule (the writers check it first). */
static int migrant_fetch(struct jy_db *db, int64_t id, struct migrant **out, struct jy_err *err)
{
	*out = NULL;
	sqlite3_stmt *st = db_prepare(db, "SELECT " MIGRANT_COLS "WHERE m.id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		struct migrant *m = migrant_new();
		m->id = sqlite3_column_int64(st, 0);
		m->version = sqlite3_column_int64(st, 1);
		for (int f = 0; f < MGF__COUNT; f++)
			m->v[f] = db_col_str(st, 2 + f);
		m->resident_id = sqlite3_column_int64(st, 8);
		m->employer_id = sqlite3_column_int64(st, 9);
		db_col_copy(st, 10, m->left_on, sizeof m->left_on);
		m->left_reason = db_col_str(st, 11);
		m->name = db_col_str(st, 12);
		db_col_copy(st, 13, m->reg_no, sizeof m->reg_no);
		db_col_copy(st, 14, m->community, sizeof m->community);
		m->updated_at = db_col_str(st, 15);
		m->updated_by = db_col_str(st, 16);
		db_col_copy(st, 17, m->last_check, sizeof m->last_check);
		*out = m;
	}
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE ? err_set(err, JY_ENOTFOUND, NULL, _("member %lld not found"), (long long)id)
	                        : db_fail(db, err, _("reading the roster"));
}

int migrant_load(struct jy_db *db, int64_t id, struct migrant **out, struct jy_err *err)
{
	int rc = migrant_fetch(db, id, out, err);
	if (!rc && (rc = resident_access(db, (*out)->resident_id, OP_VIEW, err)))
		migrant_free(out);
	return rc;
}

/* The latest membership of resident rid: JY_OK with *id, JY_ENOTFOUND (no message), JY_EDB. */
static int migrant_of(struct jy_db *db, int64_t rid, int open_only, int64_t *id, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM migrant WHERE resident_id = ?1 "
		"AND (?2 = 0 OR left_on IS NULL) ORDER BY left_on IS NULL DESC, joined_on DESC, id DESC "
		"LIMIT 1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_int(st, 2, open_only);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE ? JY_ENOTFOUND : db_fail(db, err, _("reading the roster"));
}

int migrant_open_id(struct jy_db *db, int64_t rid, int64_t *id, struct jy_err *err,
                    const char *joined)
{
	int rc = migrant_of(db, rid, 1, id, err);
	if (rc != JY_ENOTFOUND || !joined)
		return rc;
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM migrant WHERE resident_id = ?1 AND joined_on = ?2 "
		"ORDER BY id DESC LIMIT 1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_text(st, 2, joined, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE ? JY_ENOTFOUND : db_fail(db, err, _("reading the roster"));
}

int migrant_find(struct jy_db *db, const char *who, int64_t *id, struct jy_err *err)
{
	const char *label = migrant_fields[MGF_IDNO].label;
	*id = 0;
	if (text_is_blank(who))
		return err_set(err, JY_EINVAL, label, _("required: her ID number or registration number"));
	char *q = text_clean(who);
	int64_t rid = 0;
	int rc = casework_resident_of(db, q, label, OP_EDIT, &rid, err);
	if (!rc && (rc = migrant_of(db, rid, 0, id, err)) == JY_ENOTFOUND)
		rc = err_set(err, JY_EINVAL, label, _("%s is not on the roster of migrant women (jiuye "
		                                      "migrant add)"), q);
	free(q);
	return rc;
}

/* The employer as typed: one of the jobs module's (its id, its name kept), else the text. */
static int migrant_employer(struct jy_db *db, struct migrant *m, struct jy_err *err)
{
	m->employer_id = 0;
	if (!m->v[MGF_EMPLOYER])
		return JY_OK;
	int64_t eid = 0;
	int rc = employer_find(db, m->v[MGF_EMPLOYER], &eid, err);
	if (rc == JY_ENOTFOUND)
		return JY_OK;
	if (rc == JY_EINVAL && err && !*err->field)
		snprintf(err->field, sizeof err->field, "%s", migrant_fields[MGF_EMPLOYER].label);
	if (rc)
		return rc;
	struct jobrec *e = NULL;
	if ((rc = jobrec_load(db, JR_EMPLOYER, eid, &e, err)))
		return rc;
	m->employer_id = eid;
	migrant_set(m, MGF_EMPLOYER, jobrec_get(e, EMP_NAME));
	jobrec_free(&e);
	return JY_OK;
}

/* Every field checked in place; her record, her employer, the dates' rules. */
static int migrant_check_fields(struct jy_db *db, struct migrant *m, struct jy_err *err)
{
	int rc = JY_OK;
	for (int f = 0; f < MGF__COUNT && !rc; f++) {
		char *out = NULL;
		if (f == MGF_IDNO || f == MGF_EMPLOYER)
			out = text_is_blank(m->v[f]) ? NULL : text_clean(m->v[f]);
		else if ((rc = casework_check_field(db, &migrant_fields[f], m->v[f], &out, err)))
			break;
		free(m->v[f]);
		m->v[f] = out;
		if ((migrant_fields[f].flags & FF_REQ) && !out)
			rc = err_set(err, JY_EINVAL, migrant_fields[f].label,
			             f == MGF_IDNO ? _("required: her ID number or registration number")
			             : f == MGF_ORIGIN ? _("required: where she is from (e.g. 贵州毕节)")
			                              : _("required"));
	}
	if (rc)
		return rc;
	char joined[11], issued[11] = "";
	if ((rc = casework_date(m->v[MGF_JOINED], migrant_fields[MGF_JOINED].label, joined, err)))
		return rc;
	migrant_set(m, MGF_JOINED, joined);
	int none = strcmp(m->v[MGF_PERMIT], "9") == 0;
	if (m->v[MGF_PERMIT_ON] && (rc = casework_date(m->v[MGF_PERMIT_ON],
	                                              migrant_fields[MGF_PERMIT_ON].label, issued, err)))
		return rc;
	if (none && issued[0])
		return err_set(err, JY_EINVAL, migrant_fields[MGF_PERMIT_ON].label,
		               _("she has no permit (无): leave the date empty"));
	if (!none && !issued[0])
		return err_set(err, JY_EINVAL, migrant_fields[MGF_PERMIT_ON].label,
		               _("required with a permit: the day it was issued"));
	return migrant_employer(db, m, err);
}

static int migrant_write(struct jy_db *db, struct migrant *m, const struct migrant *old,
                         struct jy_err *err)
{
	char now[32];
	time_now_iso(now);
	const char *me = db_actor(db)->os_user;
	char *json = field_changes(migrant_fields, MGF__COUNT, old ? old->v : NULL, m->v);
	if (old && !json)
		return JY_OK;
	sqlite3_stmt *st = db_prepare(db, old
		? "UPDATE migrant SET origin = ?1, employer_id = ?2, employer = ?3, permit = ?4, "
		  "permit_date = ?5, joined_on = ?6, updated_at = ?7, updated_by = ?8, version = version + 1 "
		  "WHERE id = ?9 AND version = ?10 AND left_on IS NULL"
		: "INSERT INTO migrant(origin, employer_id, employer, permit, permit_date, joined_on, "
		  "created_at, created_by, updated_at, updated_by, resident_id) VALUES (?1, ?2, ?3, ?4, ?5, "
		  "?6, ?7, ?8, ?7, ?8, ?11)", err);
	int rc = JY_EDB;
	if (!st)
		goto out;
	db_bind_text(st, 1, m->v[MGF_ORIGIN]);
	if (m->employer_id)
		sqlite3_bind_int64(st, 2, m->employer_id);
	db_bind_text(st, 3, m->v[MGF_EMPLOYER]);
	db_bind_text(st, 4, m->v[MGF_PERMIT]);
	db_bind_text(st, 5, m->v[MGF_PERMIT_ON]);
	db_bind_text(st, 6, m->v[MGF_JOINED]);
	sqlite3_bind_text(st, 7, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, me, -1, SQLITE_TRANSIENT);
	if (old) {
		sqlite3_bind_int64(st, 9, m->id);
		sqlite3_bind_int64(st, 10, m->version);
	} else {
		sqlite3_bind_int64(st, 11, m->resident_id);
	}
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		rc = db_fail(db, err, _("saving the member"));
		goto out;
	}
	if (old && sqlite3_changes(db_handle(db)) != 1) {
		rc = err_set(err, JY_ECONFLICT, NULL, _("the member was changed meanwhile; nothing was saved"));
		goto out;
	}
	if (!old) {
		m->id = sqlite3_last_insert_rowid(db_handle(db));
		m->version = 1;
	}
	rc = history_add(db, "migrant", m->id, old ? "update" : "create", json, err);
	if (!rc && !old) {
		/* her history says she joined; the member's own history says the rest */
		char j[64];
		snprintf(j, sizeof j, "{\"joined_on\":[null,\"%s\"]}", m->v[MGF_JOINED]);
		rc = history_add(db, "resident", m->resident_id, "migrant", j, err);
	}
	if (!rc && old)
		m->version++;
out:
	free(json);
	return rc;
}

int migrant_save(struct jy_db *db, struct migrant *m, struct jy_err *err)
{
	int rc = migrant_check_fields(db, m, err);
	if (rc)
		return rc;
	int64_t rid = 0;
	if ((rc = casework_resident_of(db, m->v[MGF_IDNO], migrant_fields[MGF_IDNO].label, OP_EDIT,
	                               &rid, err)))
		return rc;
	struct migrant *old = NULL;
	if (m->id) {
		if ((rc = migrant_fetch(db, m->id, &old, err)))
			return rc;
		if ((rc = resident_access(db, old->resident_id, OP_EDIT, err)))
			goto out;
		if (old->version != m->version) {
			rc = err_set(err, JY_ECONFLICT, NULL, _("%s's membership was changed by %s at %s since "
			                                        "you opened it; nothing was saved: open it again"),
			             old->name, old->updated_by, old->updated_at);
			goto out;
		}
		if (old->left_on[0]) {
			/* the same values again (a file read back) change nothing */
			migrant_set(old, MGF_IDNO, m->v[MGF_IDNO]);
			char *json = field_changes(migrant_fields, MGF__COUNT, old->v, m->v);
			if (json)
				rc = err_set(err, JY_EINVAL, NULL, _("%s left the roster on %s: her membership is "
				                                     "kept as it was"), old->name, old->left_on);
			free(json);
			goto out;
		}
		if (rid != old->resident_id) {
			rc = err_set(err, JY_EINVAL, migrant_fields[MGF_IDNO].label,
			             _("a membership stays hers: add the other woman to the roster herself"));
			goto out;
		}
		if (old->last_check[0] && strcmp(m->v[MGF_JOINED], old->last_check) > 0) {
			rc = err_set(err, JY_EINVAL, migrant_fields[MGF_JOINED].label,
			             _("%s is after her last check (%s)"), m->v[MGF_JOINED], old->last_check);
			goto out;
		}
		migrant_set(old, MGF_IDNO, m->v[MGF_IDNO]);
	} else {
		int64_t other = 0;
		rc = migrant_of(db, rid, 1, &other, err);
		if (rc == JY_OK) {
			struct migrant *o = NULL;
			if (!(rc = migrant_fetch(db, other, &o, err)))
				rc = err_set(err, JY_EDUP, migrant_fields[MGF_IDNO].label,
				             _("%s is on the roster since %s"), o->name, migrant_get(o, MGF_JOINED));
			migrant_free(&o);
			return rc;
		}
		if (rc != JY_ENOTFOUND)
			return rc;
	}
	m->resident_id = rid;
	int own;
	if (!(rc = casework_tx_begin(db, &own, err)))
		rc = casework_tx_end(db, own, migrant_write(db, m, old, err), err);
	if (!rc) {
		struct migrant *now = NULL;
		if (!migrant_fetch(db, m->id, &now, NULL)) {
			free(m->name);
			m->name = now->name;
			now->name = NULL;
			memcpy(m->reg_no, now->reg_no, sizeof m->reg_no);
			memcpy(m->community, now->community, sizeof m->community);
		}
		migrant_free(&now);
	}
out:
	migrant_free(&old);
	return rc;
}

/* The member id for a check or her leaving: her record's OP_EDIT, still on the roster. */
static int migrant_for_write(struct jy_db *db, int64_t id, struct migrant **out, struct jy_err *err)
{
	int rc = migrant_fetch(db, id, out, err);
	if (!rc)
		rc = resident_access(db, (*out)->resident_id, OP_EDIT, err);
	if (!rc && (*out)->left_on[0])
		rc = err_set(err, JY_EINVAL, NULL, _("%s left the roster on %s: nothing more is recorded on "
		                                     "her membership"), (*out)->name, (*out)->left_on);
	if (rc)
		migrant_free(out);
	return rc;
}

/* A day of her membership: given or today, not after today, not before she joined. */
static int member_date(const struct migrant *m, const char *in, const char *label, char out[11],
                       struct jy_err *err)
{
	int rc = casework_date(in, label, out, err);
	if (!rc && strcmp(out, migrant_get(m, MGF_JOINED)) < 0)
		rc = err_set(err, JY_EINVAL, label, _("%s is before she joined the roster (%s)"), out,
		             migrant_get(m, MGF_JOINED));
	return rc;
}

/* Her membership ends on day for why, inside the caller's transaction, at version (< 0: any). */
static int migrant_end(struct jy_db *db, const struct migrant *m, int64_t version, const char *day,
                       const char *why, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "UPDATE migrant SET left_on = ?1, left_reason = ?2, "
		"updated_at = ?3, updated_by = ?4, version = version + 1 WHERE id = ?5 AND left_on IS NULL "
		"AND (?6 < 0 OR version = ?6)", err);
	if (!st)
		return JY_EDB;
	char now[32];
	time_now_iso(now);
	sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, why, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, m->id);
	sqlite3_bind_int64(st, 6, version);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE)
		return db_fail(db, err, _("saving the member"));
	if (sqlite3_changes(db_handle(db)) != 1)
		return err_set(err, JY_ECONFLICT, NULL, _("the member was changed meanwhile; nothing was saved"));
	struct jy_buf j = { 0 };
	buf_addf(&j, "{\"left_on\":[null,\"%s\"],\"left_reason\":[null,", day);
	history_json_str(&j, why);
	buf_adds(&j, "]}");
	int rc = history_add(db, "migrant", m->id, "leave", j.s, err);
	if (!rc)
		rc = history_add(db, "resident", m->resident_id, "migrant", j.s, err);
	buf_free(&j);
	return rc;
}

/* The day of member id's check in the month of day, "" none. */
static int month_check(struct jy_db *db, int64_t id, const char *day, char out[11], struct jy_err *err)
{
	out[0] = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT max(checked_on) FROM migrant_check WHERE migrant_id = ?1 "
		"AND substr(checked_on, 1, 7) = substr(?2, 1, 7)", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		db_col_copy(st, 0, out, 11);
	sqlite3_reset(st);
	return s == SQLITE_ROW ? JY_OK : db_fail(db, err, _("reading the roster"));
}

static int check_insert(struct jy_db *db, int64_t id, const char *day, const char *code,
                        const char *note, struct jy_err *err)
{
	const struct jy_actor *me = db_actor(db);
	const char *by = me->name[0] ? me->name : me->os_user;
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO migrant_check(migrant_id, checked_on, outcome, "
		"checked_by, note, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err);
	if (!st)
		return JY_EDB;
	char now[32];
	time_now_iso(now);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, by, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 5, *note ? note : NULL);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, me->os_user, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE)
		return db_fail(db, err, _("saving the check"));
	int64_t cid = sqlite3_last_insert_rowid(db_handle(db));
	struct jy_buf j = { 0 };
	buf_addf(&j, "{\"checked_on\":[null,\"%s\"],\"check_outcome\":[null,\"%s\"],\"note\":[null,", day,
	         code);
	history_json_str(&j, *note ? note : NULL);
	buf_adds(&j, "]}");
	int rc = history_add(db, "migrant_check", cid, "create", j.s, err);
	if (!rc)
		rc = history_add(db, "migrant", id, "check", j.s, err);
	buf_free(&j);
	return rc;
}

int migrant_check(struct jy_db *db, int64_t id, const char *date, const char *outcome,
                  const char *note, struct jy_err *err)
{
	struct migrant *m = NULL;
	const char *code = NULL;
	char day[11], done[11];
	char *text = NULL;
	int rc = migrant_for_write(db, id, &m, err);
	if (rc)
		return rc;
	if ((rc = member_date(m, date, "复核日期", day, err)) ||
	    (rc = casework_code(db, "migrant_check", "复核结果", text_is_blank(outcome) ? "在住" : outcome,
	                        &code, err)) ||
	    (rc = month_check(db, id, day, done, err)))
		goto out;
	if (done[0]) {
		rc = err_set(err, JY_EINVAL, "复核日期", _("%s was checked on %s: one check a month"), m->name,
		             done);
		goto out;
	}
	text = text_clean(note ? note : "");
	if (text_chars(text) > 200) {
		rc = err_set(err, JY_EINVAL, "备注", _("at most 200 characters"));
		goto out;
	}
	int own;
	if ((rc = casework_tx_begin(db, &own, err)))
		goto out;
	rc = check_insert(db, id, day, code, text, err);
	if (!rc && atoi(code) != MIGRANT_HERE) {
		/* found gone: her membership ends with what was found, and the note when there is one */
		const struct code_list *cl = codes_cached(db, "migrant_check", err);
		const char *label = cl ? codes_label(cl, code) : NULL;
		char *why = *text ? xasprintf("%s：%s", label ? label : code, text)
		                  : xstrdup(label ? label : code);
		rc = cl ? migrant_end(db, m, -1, day, why, err) : JY_EDB;
		free(why);
	}
	rc = casework_tx_end(db, own, rc, err);
out:
	free(text);
	migrant_free(&m);
	return rc;
}

int migrant_leave(struct jy_db *db, int64_t id, int64_t *version, const char *date,
                  const char *reason, struct jy_err *err)
{
	struct migrant *m = NULL;
	char day[11];
	char *why = NULL;
	int rc = migrant_for_write(db, id, &m, err);
	if (rc)
		return rc;
	if (m->version != *version) {
		rc = err_set(err, JY_ECONFLICT, NULL, _("%s's membership was changed by %s at %s since you "
		                                        "opened it; nothing was saved: open it again"),
		             m->name, m->updated_by, m->updated_at);
		goto out;
	}
	if ((rc = member_date(m, date, "离开日期", day, err)))
		goto out;
	if (m->last_check[0] && strcmp(day, m->last_check) < 0) {
		rc = err_set(err, JY_EINVAL, "离开日期", _("%s is before her last check (%s)"), day,
		             m->last_check);
		goto out;
	}
	why = text_clean(reason ? reason : "");
	if (!*why) {
		rc = err_set(err, JY_EINVAL, "离开原因", _("required: why she left (e.g. 返乡, 迁往外地)"));
		goto out;
	}
	int own;
	if ((rc = casework_tx_begin(db, &own, err)))
		goto out;
	rc = casework_tx_end(db, own, migrant_end(db, m, *version, day, why, err), err);
	if (!rc)
		(*version)++;
out:
	free(why);
	migrant_free(&m);
	return rc;
}

int migrant_checks(struct jy_db *db, int64_t id, struct migrant_check_row **rows, int *n,
                   struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	struct migrant *m = NULL;
	int rc = migrant_load(db, id, &m, err);
	migrant_free(&m);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, "SELECT checked_on, outcome, checked_by, note FROM migrant_check "
		"WHERE migrant_id = ?1 ORDER BY checked_on DESC, id DESC", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s, cap = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*rows = xrealloc(*rows, sizeof **rows * (size_t)(cap = cap ? cap * 2 : 16));
		struct migrant_check_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		db_col_copy(st, 0, r->date, sizeof r->date);
		db_col_copy(st, 1, r->outcome, sizeof r->outcome);
		db_col_copy(st, 2, r->by, sizeof r->by);
		r->note = db_col_str(st, 3);
	}
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		migrant_checks_free(rows, *n);
		*n = 0;
		return db_fail(db, err, _("reading the roster"));
	}
	return JY_OK;
}

void migrant_checks_free(struct migrant_check_row **rows, int n)
{
	for (int i = 0; *rows && i < n; i++)
		free((*rows)[i].note);
	FREE(rows);
}

/* ---- the services she received ------------------------------------------------------------------ */

/* Each record of hers since ?2 (the day she joined), as a date, a kind and a line. A rights case
 * shows its number and its state only: what she complained of stays on the case for its readers. */
#define SERVICES \
	"SELECT v.date, '走访', coalesce((SELECT label FROM code WHERE list = 'visit_kind' " \
	"AND code = v.kind), v.kind) || coalesce('：' || v.content, '') FROM visit v " \
	"WHERE v.resident_id = ?1 AND v.date >= ?2 " \
	"UNION ALL SELECT f.referred_on, '推荐', e.name || ' ' || p.title FROM referral f " \
	"JOIN posting p ON p.id = f.posting_id JOIN employer e ON e.id = p.employer_id " \
	"WHERE f.resident_id = ?1 AND f.referred_on >= ?2 " \
	"UNION ALL SELECT pl.start_date, '上岗', coalesce(e.name, '') || coalesce('（至 ' || " \
	"pl.end_date || '）', '') FROM placement pl LEFT JOIN employer e ON e.id = pl.employer_id " \
	"WHERE pl.resident_id = ?1 AND pl.start_date >= ?2 " \
	"UNION ALL SELECT n.enrolled_on, '培训', c.name FROM enrolment n JOIN course c " \
	"ON c.id = n.course_id WHERE n.resident_id = ?1 AND n.enrolled_on >= ?2 " \
	"UNION ALL SELECT k.received_on, '维权', k.case_no || CASE WHEN k.state = 'closed' " \
	"THEN ' 已办结' ELSE '' END FROM rights_case k WHERE k.resident_id = ?1 AND k.received_on >= ?2 " \
	"UNION ALL SELECT mp.start_date, '结对', mp.pair_no || ' ' || h.name FROM mentor_pair mp " \
	"JOIN helper h ON h.id = mp.helper_id WHERE mp.resident_id = ?1 AND mp.start_date >= ?2 " \
	"ORDER BY 1 DESC, 2"

int migrant_services(struct jy_db *db, int64_t id, struct migrant_service **rows, int *n,
                     struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	struct migrant *m = NULL;
	int rc = migrant_load(db, id, &m, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, SERVICES, err);
	if (!st) {
		migrant_free(&m);
		return JY_EDB;
	}
	sqlite3_bind_int64(st, 1, m->resident_id);
	sqlite3_bind_text(st, 2, migrant_get(m, MGF_JOINED), -1, SQLITE_TRANSIENT);
	int s, cap = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*rows = xrealloc(*rows, sizeof **rows * (size_t)(cap = cap ? cap * 2 : 16));
		struct migrant_service *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		db_col_copy(st, 0, r->date, sizeof r->date);
		db_col_copy(st, 1, r->kind, sizeof r->kind);
		r->text = db_col_str(st, 2);
	}
	sqlite3_reset(st);
	migrant_free(&m);
	if (s != SQLITE_DONE) {
		migrant_services_free(rows, *n);
		*n = 0;
		return db_fail(db, err, _("reading her records"));
	}
	return JY_OK;
}

void migrant_services_free(struct migrant_service **rows, int n)
{
	for (int i = 0; *rows && i < n; i++)
		free((*rows)[i].text);
	FREE(rows);
}

/* ---- lists ------------------------------------------------------------------------------------- */

#define ROW_COLS \
	"m.id, m.resident_id, r.name, r.reg_no, coalesce(r.community, ''), m.origin, " \
	"coalesce(m.employer, ''), m.permit, m.joined_on, coalesce(m.left_on, ''), " \
	"coalesce((SELECT max(c.checked_on) FROM migrant_check c WHERE c.migrant_id = m.id " \
	"AND c.checked_on <= ?2), '') " \
	"FROM migrant m JOIN resident r ON r.id = m.resident_id "

static int migrant_rows(struct jy_db *db, sqlite3_stmt *st, const char *asof,
                        struct migrant_row **rows, int *n, struct jy_err *err)
{
	int s, cap = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*rows = xrealloc(*rows, sizeof **rows * (size_t)(cap = cap ? cap * 2 : 16));
		struct migrant_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		r->resident_id = sqlite3_column_int64(st, 1);
		db_col_copy(st, 2, r->name, sizeof r->name);
		db_col_copy(st, 3, r->reg_no, sizeof r->reg_no);
		db_col_copy(st, 4, r->community, sizeof r->community);
		db_col_copy(st, 5, r->origin, sizeof r->origin);
		db_col_copy(st, 6, r->employer, sizeof r->employer);
		db_col_copy(st, 7, r->permit, sizeof r->permit);
		db_col_copy(st, 8, r->joined, sizeof r->joined);
		db_col_copy(st, 9, r->left_on, sizeof r->left_on);
		db_col_copy(st, 10, r->last, sizeof r->last);
		r->checked = r->last[0] && strncmp(r->last, asof, 7) == 0;
	}
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		FREE(rows);
		*n = 0;
		return db_fail(db, err, _("reading the roster"));
	}
	return JY_OK;
}

/* On the roster on asof: joined on or before it, not left by it. */
static int on_roster(const struct migrant_row *r, const char *asof)
{
	return strcmp(r->joined, asof) <= 0 && (!r->left_on[0] || strcmp(r->left_on, asof) > 0);
}

int migrant_search(struct jy_db *db, const char *query, const char *asof, struct migrant_row **rows,
                   int *n, struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	char today[11];
	date_today(today);
	if (!asof)
		asof = today;
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (rc)
		return rc;
	char *q = text_is_blank(query) ? NULL : text_clean(query);
	/* 在册 / 离开 / 未复核 typed: the members in that state on asof, picked below */
	static const char *const states[] = { "在册", "离开", "未复核" };
	int state = q ? -1 : 0;
	for (int k = 0; q && k < (int)ARRAY_LEN(states); k++)
		if (strcmp(q, states[k]) == 0)
			state = k;
	sqlite3_stmt *st = db_prepare(db, "SELECT " ROW_COLS
		"WHERE r.closed_at IS NULL AND jy_in_scope(r.community) AND (?1 IS NULL OR ?3 "
		"OR instr(r.name, ?1) OR instr(upper(r.reg_no), upper(?1)) OR instr(m.origin, ?1) "
		"OR instr(coalesce(m.employer, ''), ?1)) "
		"ORDER BY coalesce(r.community, ''), r.name, m.joined_on DESC, m.id DESC", err);
	if (!st) {
		free(q);
		return JY_EDB;
	}
	db_bind_text(st, 1, q);
	sqlite3_bind_text(st, 2, asof, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, state >= 0);
	rc = migrant_rows(db, st, asof, rows, n, err);
	free(q);
	if (!rc && state >= 0) {
		int k = 0;
		for (int i = 0; i < *n; i++) {
			const struct migrant_row *r = &(*rows)[i];
			int here = on_roster(r, asof);
			if (state == 0 ? here : state == 1 ? r->left_on[0] && !here : here && !r->checked)
				(*rows)[k++] = *r;
		}
		*n = k;
	}
	return rc;
}

static int by_last(const void *a, const void *b)
{
	const struct migrant_row *x = a, *y = b;
	const char *lx = x->last[0] ? x->last : x->joined, *ly = y->last[0] ? y->last : y->joined;
	int c = strcmp(lx, ly);
	return c ? c : strcmp(x->reg_no, y->reg_no);
}

int migrant_due(struct jy_db *db, const char *asof, int days, struct migrant_row **rows, int *n,
                struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	char today[11];
	date_today(today);
	if (!asof)
		asof = today;
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (!rc && days < 0)
		rc = db_setting_int(db, "migrant.check_days", 0, &days, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, "SELECT " ROW_COLS
		"WHERE r.closed_at IS NULL AND jy_in_scope(r.community) AND m.joined_on <= ?2 "
		"AND (m.left_on IS NULL OR m.left_on > ?2) AND ?1 IS NULL", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_null(st, 1);
	sqlite3_bind_text(st, 2, asof, -1, SQLITE_TRANSIENT);
	if ((rc = migrant_rows(db, st, asof, rows, n, err)))
		return rc;
	/* the day from which she is due: the month's first (0 days), or days before asof */
	char since[11];
	if (days > 0)
		date_add_days(asof, -days, since);
	else
		snprintf(since, sizeof since, "%.7s-01", asof);
	int k = 0;
	for (int i = 0; i < *n; i++) {
		const struct migrant_row *r = &(*rows)[i];
		const char *last = r->last[0] ? r->last : r->joined;
		if (strcmp(r->joined, last) > 0)
			last = r->joined;
		if (days > 0 ? strcmp(last, since) <= 0 : strcmp(last, since) < 0)
			(*rows)[k++] = *r;
	}
	*n = k;
	if (k > 1)
		qsort(*rows, (size_t)k, sizeof **rows, by_last);
	return JY_OK;
}
