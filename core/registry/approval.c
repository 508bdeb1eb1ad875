/* core/registry/approval.c: the access rules applied to a resident's save, and the approval of sensitive
 * changes.
 *
 * Before resident_save validates anything, approval_guard checks role and community scope, puts
 * back the stored value of any masked ID number or phone the form handed in unchanged (a masked
 * value is never saved over the real one), and, for a worker who may not change sensitive fields
 * herself (录入员), takes her change of the ID number or the categories out of the record and keeps
 * it as a request. resident_save writes the rest of the edit, then approval_queue stores the
 * request in the same transaction, so an edit and its request land together or not at all. A
 * 审核 lists the requests in her communities and approves (the change is saved in her name, with
 * the requester named in the history) or rejects them. */
#include <stdlib.h>
#include <string.h>

#include "registry/registry_int.h"

/* The fields a clerk may not change by herself; the birth date and sex follow the ID number. */
static const int sensitive_fields[] = { RF_IDNO, RF_CATEGORIES };

struct approval_req {
	int64_t resident_id;
	int n;
	struct {
		int field;
		char *old_v, *new_v;
	} f[ARRAY_LEN(sensitive_fields)];
};

static int str_same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

void approval_req_free(struct approval_req **preq)
{
	struct approval_req *req = *preq;
	if (!req)
		return;
	for (int i = 0; i < req->n; i++) {
		free(req->f[i].old_v);
		free(req->f[i].new_v);
	}
	FREE(preq);
}

/* A masked value handed back unchanged is the stored one; any other masked value is refused. */
static int unmask_field(struct resident *r, const struct resident *old, int f, struct jy_err *err)
{
	const char *v = r->v[f];
	if (!mask_is_masked(v))
		return JY_OK;
	char m[64];
	if (f == RF_IDNO)
		mask_idno(old ? old->v[f] : NULL, m, sizeof m);
	else
		mask_phone(old ? old->v[f] : NULL, m, sizeof m);
	if (old && strcmp(m, v) == 0) {
		resident_set(r, f, old->v[f]);
		return JY_OK;
	}
	return err_set(err, JY_EINVAL, resident_fields[f].label,
	               _("a partly hidden number (with *) cannot be saved; type the whole number"));
}

/* The community as its code into *out: a form holds the code, a file may give the name (validation
 * resolves it later; the scope is checked before). An unknown one stays as typed. */
static int community_code(struct jy_db *db, const char *text, char code[32], const char **out,
                          struct jy_err *err)
{
	*out = text;
	if (!*text)
		return JY_OK;
	int rc = unit_find(db, text, code, err);
	if (rc == JY_OK)
		*out = code;
	return rc == JY_ENOTFOUND ? JY_OK : rc;
}

static int guard_new(struct jy_db *db, struct resident *r, struct jy_err *err)
{
	char buf[32];
	const char *c;
	int rc = community_code(db, resident_get(r, RF_COMMUNITY), buf, &c, err);
	if (rc)
		return rc;
	rc = access_check(db, OP_CREATE, *c ? c : NULL, err);
	if (!rc && !*c && !access_scope_all(db))   /* else nobody of her communities would see her */
		rc = err_set(err, JY_EINVAL, resident_fields[RF_COMMUNITY].label,
		             _("choose the resident's community"));
	if (!rc)
		rc = unmask_field(r, NULL, RF_IDNO, err);
	if (!rc)
		rc = unmask_field(r, NULL, RF_PHONE, err);
	return rc;
}

int approval_guard(struct jy_db *db, struct resident *r, const struct resident *old,
                   struct approval_req **out, struct jy_err *err)
{
	*out = NULL;
	if (!old)
		return guard_new(db, r, err);
	int rc = access_check(db, OP_EDIT, resident_get(old, RF_COMMUNITY), err);
	char buf[32];
	const char *now = NULL;
	if (!rc)
		rc = community_code(db, resident_get(r, RF_COMMUNITY), buf, &now, err);
	if (!rc && !str_same(old->v[RF_COMMUNITY], now))        /* moved: to one of hers */
		rc = access_check(db, OP_EDIT, now, err);
	if (!rc)
		rc = unmask_field(r, old, RF_IDNO, err);
	if (!rc)
		rc = unmask_field(r, old, RF_PHONE, err);
	if (rc || access_may(db, OP_EDIT_SENSITIVE))
		return rc;
	struct approval_req *req = NULL;
	for (size_t i = 0; i < ARRAY_LEN(sensitive_fields); i++) {
		int f = sensitive_fields[i];
		if (str_same(old->v[f], r->v[f]))
			continue;
		if (!req) {
			req = xcalloc(1, sizeof *req);
			req->resident_id = r->id;
		}
		req->f[req->n].field = f;
		req->f[req->n].old_v = xstrdup(old->v[f]);
		req->f[req->n].new_v = xstrdup(r->v[f]);
		req->n++;
		resident_set(r, f, old->v[f]);      /* the rest of the edit goes ahead without it */
	}
	*out = req;
	return JY_OK;
}

int approval_queue(struct jy_db *db, const struct approval_req *req, struct jy_err *err)
{
	if (!req)
		return JY_OK;
	char now[32];
	time_now_iso(now);
	for (int i = 0; i < req->n; i++) {
		sqlite3_stmt *st = db_prepare(db,
			"INSERT INTO pending_change(resident_id, field, old_value, new_value, requested_by, "
			"requested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
		if (!st)
			return JY_EDB;
		sqlite3_bind_int64(st, 1, req->resident_id);
		sqlite3_bind_text(st, 2, resident_fields[req->f[i].field].col, -1, SQLITE_STATIC);
		db_bind_text(st, 3, req->f[i].old_v);
		db_bind_text(st, 4, req->f[i].new_v);
		sqlite3_bind_text(st, 5, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
		int s = sqlite3_step(st);
		sqlite3_reset(st);
		if (s != SQLITE_DONE)
			return db_fail(db, err, _("saving the request for approval"));
	}
	struct jy_buf fields = { 0 };
	for (int i = 0; i < req->n; i++)
		buf_addf(&fields, "%s%s", i ? "、" : "", resident_fields[req->f[i].field].label);
	err_set(err, JY_OK, fields.s, _("saved; the change of %s waits for a reviewer's approval"),
	        fields.s);
	err->warn = 1;
	buf_free(&fields);
	return JY_OK;
}

/* ---- the reviewer's side ----------------------------------------------------------------------- */

static const char sql_pending[] =
	"SELECT p.id, p.resident_id, r.reg_no, r.name, p.field, coalesce(p.old_value, ''), "
	"coalesce(p.new_value, ''), p.requested_by, p.requested_at "
	"FROM pending_change p JOIN resident r ON r.id = p.resident_id "
	"WHERE p.state = 'pending' AND jy_in_scope(r.community) ORDER BY p.id";

int pending_each(struct jy_db *db, int (*cb)(void *arg, const struct pending_row *p), void *arg,
                 struct jy_err *err)
{
	int rc = access_check(db, OP_APPROVE, NULL, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, sql_pending, err);
	if (!st)
		return JY_EDB;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct pending_row p = { 0 };
		p.id = sqlite3_column_int64(st, 0);
		p.resident_id = sqlite3_column_int64(st, 1);
		db_col_copy(st, 2, p.reg_no, sizeof p.reg_no);
		db_col_copy(st, 3, p.name, sizeof p.name);
		const char *col = (const char *)sqlite3_column_text(st, 4);
		p.field = resident_field_by_col(col ? col : "");
		db_col_copy(st, 5, p.old_value, sizeof p.old_value);
		db_col_copy(st, 6, p.new_value, sizeof p.new_value);
		db_col_copy(st, 7, p.requested_by, sizeof p.requested_by);
		db_col_copy(st, 8, p.requested_at, sizeof p.requested_at);
		if ((rc = cb(arg, &p)))
			break;
	}
	sqlite3_reset(st);
	if (!rc && s != SQLITE_DONE)
		rc = db_fail(db, err, _("reading requests"));
	return rc;
}

/* One request, still pending: its resident, field and new value. */
static int pending_get(struct jy_db *db, int64_t id, int64_t *rid, int *field, char **new_v,
                       char by[64], struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT resident_id, field, new_value, requested_by "
	                                  "FROM pending_change WHERE id = ?1 AND state = 'pending'", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s != SQLITE_ROW) {
		sqlite3_reset(st);
		if (s != SQLITE_DONE)
			return db_fail(db, err, _("reading requests"));
		return err_set(err, JY_ENOTFOUND, NULL, _("request %lld is not waiting for approval"),
		               (long long)id);
	}
	*rid = sqlite3_column_int64(st, 0);
	const char *col = (const char *)sqlite3_column_text(st, 1);
	*field = resident_field_by_col(col ? col : "");
	*new_v = db_col_str(st, 2);
	db_col_copy(st, 3, by, 64);
	sqlite3_reset(st);
	return *field < 0 ? err_set(err, JY_EDB, NULL, _("request %lld names an unknown field"),
	                            (long long)id) : JY_OK;
}

static int pending_mark(struct jy_db *db, int64_t id, int approve, const char *note,
                        struct jy_err *err)
{
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db, "UPDATE pending_change SET state = ?2, decided_by = ?3, "
	                                  "decided_at = ?4, note = ?5 WHERE id = ?1 AND state = 'pending'", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, approve ? "approved" : "rejected", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 5, note);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE)
		return db_fail(db, err, _("saving the decision"));
	return sqlite3_changes(db_handle(db)) == 1 ? JY_OK
	       : err_set(err, JY_ECONFLICT, NULL, _("another reviewer decided this request meanwhile"));
}

int pending_decide(struct jy_db *db, int64_t id, int approve, const char *note, struct jy_err *err)
{
	int rc = access_check(db, OP_APPROVE, NULL, err);
	if (rc)
		return rc;
	int64_t rid = 0;
	int field = -1;
	char *new_v = NULL, by[64];
	if ((rc = pending_get(db, id, &rid, &field, &new_v, by, err)))
		return rc;
	struct resident *r = NULL;      /* approve or reject: only in her communities */
	if (!(rc = resident_load(db, rid, &r, err)) && strcmp(by, db_actor(db)->os_user) == 0 &&
	    !access_may(db, OP_ADMIN))
		rc = err_set(err, JY_EPERM, NULL, _("a request is approved by someone other than the "
		                                    "worker who made it"));
	/* One transaction: the decision, the reviewer's save of the change (nested) and the history.
	 * The save's version test refuses it if the record changed since it was read here. */
	int began = !rc && !(rc = db_begin(db, err));
	if (!rc)
		rc = pending_mark(db, id, approve, note, err);
	if (!rc && approve) {
		resident_set(r, field, new_v);
		rc = resident_save(db, r, err);     /* as the reviewer: validation, duplicates, history */
		if (rc == JY_OK)
			err_clear(err);
	}
	resident_free(&r);
	free(new_v);
	if (!began)
		return rc;
	if (!rc) {
		struct jy_buf j = { 0 };
		buf_addf(&j, "{\"request\":%lld,\"requested_by\":", (long long)id);
		history_json_str(&j, by);
		buf_adds(&j, ",\"note\":");
		history_json_str(&j, note);
		buf_adds(&j, "}");
		rc = history_add(db, "resident", rid, approve ? "approve" : "reject", j.s, err);
		buf_free(&j);
	}
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

int pending_count(struct jy_db *db, int *n, struct jy_err *err)
{
	*n = 0;
	if (!access_may(db, OP_APPROVE))
		return JY_OK;
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM pending_change p JOIN resident r ON "
	                                  "r.id = p.resident_id WHERE p.state = 'pending' AND "
	                                  "jy_in_scope(r.community)", err);
	if (!st)
		return JY_EDB;
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return s == SQLITE_ROW ? JY_OK : db_fail(db, err, _("reading requests"));
}

/* ---- showing a full value ---------------------------------------------------------------------- */

int resident_reveal(struct jy_db *db, int64_t id, int field, char *out, size_t size,
                    struct jy_err *err)
{
	if (size)
		out[0] = '\0';
	if (field != RF_IDNO && field != RF_PHONE)
		return err_set(err, JY_EINVAL, NULL, "resident_reveal: not a masked field");
	struct resident *r = NULL;
	int rc = resident_load(db, id, &r, err);
	if (!rc)
		rc = access_check(db, OP_UNMASK, resident_get(r, RF_COMMUNITY), err);
	if (!rc)
		rc = db_begin(db, err);
	if (!rc) {
		struct jy_buf j = { 0 };
		buf_adds(&j, "{\"field\":");
		history_json_str(&j, resident_fields[field].col);
		buf_adds(&j, "}");
		rc = history_add(db, "resident", id, "view", j.s, err);
		buf_free(&j);
		if (rc)
			db_rollback(db);
		else
			rc = db_commit(db, err);
	}
	if (!rc)
		snprintf(out, size, "%s", resident_get(r, field));
	resident_free(&r);
	return rc;
}
