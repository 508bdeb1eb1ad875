/* core/registry/facts.c: the dated facts attached to a resident — certificates, status changes (with the
 * form of employment) and follow-up visits. Each is added in its own short write transaction
 * and recorded in the history of the fact and of the resident.
 *
 * Who may: adding or changing a fact is changing her record (OP_EDIT), reading them is
 * seeing it (OP_VIEW), and either only for a resident of the worker's communities. resident_access
 * is that test, for the jobs and training modules too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry/registry_int.h"

/* The column a file names a resident by: an import's FILE:ROW line points at it. */
#define F_RESIDENT "身份证号"

int resident_access(struct jy_db *db, int64_t rid, int op, struct jy_err *err)
{
	int rc = access_check(db, op, NULL, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, "SELECT coalesce(community, '') FROM resident WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rid);
	int s = sqlite3_step(st);
	char community[64] = "";
	if (s == SQLITE_ROW)
		db_col_copy(st, 0, community, sizeof community);
	sqlite3_reset(st);
	if (s != SQLITE_ROW)
		return s == SQLITE_DONE ? err_set(err, JY_ENOTFOUND, NULL, _("resident %lld not found"), (long long)rid)
		                        : db_fail(db, err, _("reading a resident"));
	rc = access_check(db, op, community, err);
	if (rc && err)
		snprintf(err->field, sizeof err->field, "%s", F_RESIDENT);
	return rc;
}

/* The resident a certificate belongs to, into *rid; JY_ENOTFOUND when there is no such
 * certificate. */
static int certificate_owner(struct jy_db *db, int64_t id, int64_t *rid, struct jy_err *err)
{
	*rid = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT resident_id FROM certificate WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*rid = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE ? err_set(err, JY_ENOTFOUND, NULL, _("certificate not found"))
	                        : db_fail(db, err, _("reading the certificates"));
}

int status_event_row(struct jy_db *db, int64_t rid, const char *kind, const char *date,
                     const char *status, const char *form, const char *employer, const char *note,
                     struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO status_event(resident_id, date, status, form, employer, note, "
		"created_at, created_by, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", err);
	if (!st)
		return JY_EDB;
	char now[32];
	time_now_iso(now);
	sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, status, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 4, form);
	db_bind_text(st, 5, employer);
	db_bind_text(st, 6, note);
	sqlite3_bind_text(st, 7, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, kind, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_FOREIGNKEY)
			return err_set(err, JY_ENOTFOUND, NULL, _("resident %lld not found"), (long long)rid);
		return db_fail(db, err, _("saving the status change"));
	}
	if (!status || status[0] != '2')
		return JY_OK;
	/* in work (2x): her certificates for the unemployed, still valid, go up for review */
	st = db_prepare(db, "UPDATE certificate SET review_on = ?2 WHERE resident_id = ?1 "
	                    "AND type IN ('04', '05') AND status = '有效' AND review_on IS NULL "
	                    "AND issue_date <= ?2", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? JY_OK : db_fail(db, err, _("saving the status change"));
}

/* A 明白卡 is valid for CERT_MINGBAI_MONTHS months from its issue (domain R3): to the day before
 * the same day that many months on, or to the month's last day where that month has no such day
 * (issued 2026-08-31: to 2028-02-29). */
enum { CERT_MINGBAI_MONTHS = 18 };

static void cert_valid_default(const char issued[11], char until[11])
{
	int y, m, d;
	if (!date_split(issued, &y, &m, &d))
		return;
	int mm = y * 12 + (m - 1) + CERT_MINGBAI_MONTHS;
	y = mm / 12;
	m = mm % 12 + 1;
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	int64_t t = date_days(y, m, d > last ? last : d) - (d > last ? 0 : 1);
	date_iso(t, until);
}

static int need_date(const char *in, char out[11], const char *label, struct jy_err *err)
{
	if (text_is_blank(in))
		return err_set(err, JY_EINVAL, label, _("required: a date such as 20250301"));
	if (date_parse(in, out, err) != JY_OK) {
		snprintf(err->field, sizeof err->field, "%s", label);
		return JY_EINVAL;
	}
	return JY_OK;
}

static int add_row(struct jy_db *db, sqlite3_stmt *st, int64_t rid, const char *entity,
                   const char *json, int64_t *out_id, struct jy_err *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_FOREIGNKEY)
			return err_set(err, JY_ENOTFOUND, NULL, _("resident %lld not found"), (long long)rid);
		return db_fail(db, err, _("saving"));
	}
	int64_t id = sqlite3_last_insert_rowid(db_handle(db));
	*out_id = id;
	rc = history_add(db, entity, id, "create", json, err);
	if (!rc)
		rc = history_add(db, "resident", rid, entity, json, err);
	return rc ? rc : JY_OK;
}

int certificate_add(struct jy_db *db, struct certificate *c, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	char issued[11], until[11] = "";
	int rc = resident_access(db, c->resident_id, OP_EDIT, err);
	if (rc)
		return rc;
	if (text_is_blank(c->type))
		return err_set(err, JY_EINVAL, "证件类型", _("required: the kind of certificate, e.g. 就业创业证"));
	const struct code_list *cl = codes_cached(db, "cert_type", err);
	if (!cl)
		return JY_EDB;
	const char *type = codes_find(cl, c->type);
	if (!type) {
		char *hint = codes_hint(cl);
		err_set(err, JY_EINVAL, "证件类型", _("\"%s\" is not in the list; accepted: %s"), c->type, hint);
		free(hint);
		return JY_EINVAL;
	}
	if (need_date(c->issue_date, issued, "发证日期", err))
		return JY_EINVAL;
	if (!text_is_blank(c->valid_until) && date_parse(c->valid_until, until, err) != JY_OK) {
		snprintf(err->field, sizeof err->field, "%s", "有效期至");
		return JY_EINVAL;
	}
	const char *status = text_is_blank(c->status) ? "有效" : c->status;
	if (strcmp(status, "有效") && strcmp(status, "注销") && strcmp(status, "过期"))
		return err_set(err, JY_EINVAL, "状态", _("use 有效, 注销 or 过期"));
	if (!until[0] && strcmp(type, "05") == 0)
		cert_valid_default(issued, until);
	if ((rc = db_begin(db, err)))
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO certificate(resident_id, type, number, issue_date, office, valid_until, status, "
		"created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", err);
	if (!st) {
		db_rollback(db);
		return JY_EDB;
	}
	char now[32];
	time_now_iso(now);
	char *number = text_clean(c->number ? c->number : ""), *office = text_clean(c->office ? c->office : "");
	sqlite3_bind_int64(st, 1, c->resident_id);
	sqlite3_bind_text(st, 2, type, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 3, number);
	sqlite3_bind_text(st, 4, issued, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 5, office);
	db_bind_text(st, 6, until);
	sqlite3_bind_text(st, 7, status, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	struct jy_buf j = { 0 };
	buf_adds(&j, "{\"type\":[null,");
	history_json_str(&j, type);
	buf_adds(&j, "],\"number\":[null,");
	history_json_str(&j, *number ? number : NULL);
	buf_addf(&j, "],\"issue_date\":[null,\"%s\"]}", issued);
	rc = add_row(db, st, c->resident_id, "certificate", j.s, &c->id, err);
	buf_free(&j);
	free(number);
	free(office);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

/* The status certificate id has now, into status (有效, 注销, 过期). */
static int certificate_status(struct jy_db *db, int64_t id, char status[16], struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT status FROM certificate WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	status[0] = '\0';
	if (s == SQLITE_ROW)
		db_col_copy(st, 0, status, 16);
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE ? err_set(err, JY_ENOTFOUND, NULL, _("certificate not found"))
	                        : db_fail(db, err, _("reading the certificates"));
}

int certificate_set_status(struct jy_db *db, int64_t id, const char *status, const char *reason,
                           struct jy_err *err)
{
	if (!status || (strcmp(status, "有效") && strcmp(status, "注销") && strcmp(status, "过期")))
		return err_set(err, JY_EINVAL, "状态", _("use 有效, 注销 or 过期"));
	char *why = reason ? text_clean(reason) : NULL;
	if (strcmp(status, "有效") != 0 && (!why || !*why)) {
		free(why);
		return err_set(err, JY_EINVAL, "原因", _("say why the certificate is %s (e.g. 已就业, 超过有效期)"),
		               status);
	}
	int64_t rid;
	char old[16];
	int rc = certificate_owner(db, id, &rid, err);
	if (!rc)
		rc = resident_access(db, rid, OP_APPROVE, err);
	if (!rc)
		rc = db_begin(db, err);
	if (!rc && (rc = certificate_status(db, id, old, err)) != JY_OK)
		db_rollback(db);
	if (rc) {
		free(why);
		return rc;
	}
	/* setting it settles a review too (kept 有效, or not) */
	sqlite3_stmt *st = db_prepare(db, "UPDATE certificate SET status = ?2, review_on = NULL "
	                                  "WHERE id = ?1", err);
	if (!st) {
		free(why);
		db_rollback(db);
		return JY_EDB;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE || sqlite3_changes(db_handle(db)) != 1) {
		free(why);
		db_rollback(db);
		return s != SQLITE_DONE ? db_fail(db, err, _("saving"))
		                        : err_set(err, JY_ENOTFOUND, NULL, _("certificate not found"));
	}
	struct jy_buf j = { 0 };
	buf_adds(&j, "{\"status\":[");
	history_json_str(&j, old);
	buf_adds(&j, ",");
	history_json_str(&j, status);
	buf_adds(&j, "]");
	if (why && *why) {
		buf_adds(&j, ",\"reason\":[null,");
		history_json_str(&j, why);
		buf_adds(&j, "]");
	}
	buf_adds(&j, "}");
	free(why);
	rc = history_add(db, "certificate", id, "update", j.s, err);
	buf_free(&j);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

struct cert_find {
	const char *text, *type;        /* what was typed; the type's code it names, or NULL */
	int64_t id, by_number;          /* the last valid one of the type; the one of the number */
	int n;
};

static int cert_type_match(void *arg, const struct code_row *c)
{
	struct cert_find *f = arg;
	if (!f->type && (strcmp(c->code, f->text) == 0 || strcmp(c->label, f->text) == 0))
		f->type = xstrdup(c->code);
	return 0;
}

static int cert_match(void *arg, const struct certificate *c)
{
	struct cert_find *f = arg;
	if (c->number && strcmp(c->number, f->text) == 0)
		f->by_number = c->id;   /* a number names one, whatever its status */
	else if (f->type && strcmp(c->type, f->type) == 0 && strcmp(c->status, "有效") == 0) {
		f->id = c->id;
		f->n++;
	}
	return 0;
}

int certificate_find(struct jy_db *db, int64_t rid, const char *text, int64_t *id,
                     struct jy_err *err)
{
	*id = 0;
	char *t = text ? text_clean(text) : xstrdup("");
	struct cert_find f = { t, NULL, 0, 0, 0 };
	int rc = *t ? code_each(db, "cert_type", cert_type_match, &f, err)
	            : err_set(err, JY_EINVAL, "证件", "%s", _("give the certificate's number or type"));
	if (!rc)
		rc = certificate_each(db, rid, cert_match, &f, err);
	if (!rc && f.by_number) {
		f.id = f.by_number;
		f.n = 1;
	}
	if (!rc && f.n == 0)
		rc = err_set(err, JY_ENOTFOUND, "证件", _("she holds no certificate %s (a number, or a type she "
		             "holds valid)"), t);
	else if (!rc && f.n > 1)
		rc = err_set(err, JY_EINVAL, "证件", _("she holds several of %s: give the certificate's number"), t);
	if (!rc)
		*id = f.id;
	free((char *)f.type);
	free(t);
	return rc;
}

/* emp_form to emp_status (002_codes.sql): the one table of both directions. 来料加工 (024,
 * 022_processing.sql) is a kind of 灵活就业: the status 灵活就业 alone still means form 022. */
static const struct {
	const char *form, *status;
	int part;               /* 1: one kind of the status's form, not read backwards */
} form_status[] = {
	{ "010", "20", 0 },     /* 单位就业: 已就业 */
	{ "021", "22", 0 },     /* 个体经营: 自主创业 */
	{ "022", "21", 0 },     /* 灵活就业 */
	{ "023", "22", 0 },     /* 其他自主就业: 自主创业 */
	{ "024", "21", 1 },     /* 来料加工: 灵活就业 */
	{ "030", "23", 0 },     /* 公益性岗位安置: 公益性岗位 */
};

const char *emp_status_of_form(const char *form)
{
	for (size_t i = 0; form && i < ARRAY_LEN(form_status); i++)
		if (strcmp(form_status[i].form, form) == 0)
			return form_status[i].status;
	return "20";
}

const char *emp_form_of_status(const char *status)
{
	const char *form = NULL;
	for (size_t i = 0; status && i < ARRAY_LEN(form_status); i++)
		if (!form_status[i].part && strcmp(form_status[i].status, status) == 0) {
			if (form)
				return NULL;    /* more than one form */
			form = form_status[i].form;
		}
	return form;
}

int status_event_add(struct jy_db *db, struct status_event *e, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	char date[11];
	int rc = resident_access(db, e->resident_id, OP_EDIT, err);
	if (rc)
		return rc;
	if (need_date(e->date, date, "日期", err))
		return JY_EINVAL;
	const struct code_list *cl = codes_cached(db, "emp_status", err);
	if (!cl)
		return JY_EDB;
	const char *status = codes_find(cl, e->status);
	if (!status) {
		char *hint = codes_hint(cl);
		err_set(err, JY_EINVAL, "就业状态", _("\"%s\" is not in the list; accepted: %s"),
		        e->status ? e->status : "", hint);
		free(hint);
		return JY_EINVAL;
	}
	const char *form = NULL;
	const struct code_list *forms = NULL;
	if (!text_is_blank(e->form) && !(forms = codes_cached(db, "emp_form", err)))
		return JY_EDB;
	if (forms && !(form = codes_find(forms, e->form)))
		return err_set(err, JY_EINVAL, "就业形式", _("\"%s\" is not a form of employment; accepted: "
		               "单位就业, 个体经营, 灵活就业, 公益性岗位安置 ..."), e->form);
	if ((rc = db_begin(db, err)))
		return rc;
	/* a change, whatever its note says: only registering her writes her registration */
	rc = status_event_row(db, e->resident_id, EVENT_CHANGE, date, status, form, e->employer,
	                      e->note, err);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	e->id = sqlite3_last_insert_rowid(db_handle(db));
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st;
	/* The newest event is the resident's current status. Registration writes its own first event
	 * inside resident_insert, where the row already holds that status. */
	st = db_prepare(db,
		"UPDATE resident SET status = ?2, version = version + 1, updated_at = ?3, updated_by = ?4 "
		"WHERE id = ?1 AND coalesce(status, '') <> ?2 AND NOT EXISTS (SELECT 1 FROM status_event "
		"WHERE resident_id = ?1 AND date > ?5)", err);
	if (!st) {
		db_rollback(db);
		return JY_EDB;
	}
	sqlite3_bind_int64(st, 1, e->resident_id);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, date, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_rollback(db);
		return db_fail(db, err, _("saving the status change"));
	}
	struct jy_buf j = { 0 };
	buf_addf(&j, "{\"date\":[null,\"%s\"],\"status\":[null,\"%s\"]", date, status);
	if (form)
		buf_addf(&j, ",\"form\":[null,\"%s\"]", form);
	if (!text_is_blank(e->employer)) {
		buf_adds(&j, ",\"employer\":[null,");
		history_json_str(&j, e->employer);
		buf_adds(&j, "]");
	}
	buf_adds(&j, "}");
	rc = history_add(db, "resident", e->resident_id, "status", j.s, err);
	buf_free(&j);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

int visit_add(struct jy_db *db, struct visit *v, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	char date[11], next[11] = "";
	int rc = resident_access(db, v->resident_id, OP_EDIT, err);
	if (rc)
		return rc;
	if (need_date(v->date, date, "走访日期", err))
		return JY_EINVAL;
	if (!text_is_blank(v->next_due) && date_parse(v->next_due, next, err) != JY_OK) {
		snprintf(err->field, sizeof err->field, "%s", "下次走访");
		return JY_EINVAL;
	}
	if (!next[0])
		date_add_months(date, 3, next);      /* quarterly visits are the rule */
	const char *kind = VISIT_HOME;
	if (!text_is_blank(v->kind)) {
		const struct code_list *cl = codes_cached(db, "visit_kind", err);
		if (!cl)
			return JY_EDB;
		if (!(kind = codes_find(cl, v->kind))) {
			char *hint = codes_hint(cl);
			err_set(err, JY_EINVAL, "走访方式", _("\"%s\" is not in the list; accepted: %s"), v->kind,
			        hint);
			free(hint);
			return JY_EINVAL;
		}
		if ((rc = code_retired_check(db, "visit_kind", "走访方式", kind, NULL, err)))
			return rc;
	}
	if ((rc = db_begin(db, err)))
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO visit(resident_id, date, kind, content, next_due, created_at, created_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err);
	if (!st) {
		db_rollback(db);
		return JY_EDB;
	}
	char now[32];
	time_now_iso(now);
	char *content = text_clean(v->content ? v->content : "");
	sqlite3_bind_int64(st, 1, v->resident_id);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 4, content);
	sqlite3_bind_text(st, 5, next, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	struct jy_buf j = { 0 };
	buf_addf(&j, "{\"date\":[null,\"%s\"],\"kind\":[null,\"%s\"],\"next_due\":[null,\"%s\"],"
	         "\"content\":[null,", date, kind, next);
	history_json_str(&j, *content ? content : NULL);
	buf_adds(&j, "]}");
	rc = add_row(db, st, v->resident_id, "visit", j.s, &v->id, err);
	buf_free(&j);
	free(content);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

int certificate_each(struct jy_db *db, int64_t rid,
                     int (*cb)(void *arg, const struct certificate *c), void *arg,
                     struct jy_err *err)
{
	int rc = resident_access(db, rid, OP_VIEW, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id, resident_id, type, number, issue_date, office, valid_until, status, review_on "
		"FROM certificate WHERE resident_id = ?1 ORDER BY issue_date DESC, id DESC", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rid);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct certificate c = {
			.id = sqlite3_column_int64(st, 0), .resident_id = sqlite3_column_int64(st, 1),
			.type = (char *)sqlite3_column_text(st, 2), .number = (char *)sqlite3_column_text(st, 3),
			.issue_date = (char *)sqlite3_column_text(st, 4), .office = (char *)sqlite3_column_text(st, 5),
			.valid_until = (char *)sqlite3_column_text(st, 6), .status = (char *)sqlite3_column_text(st, 7),
			.review_on = (char *)sqlite3_column_text(st, 8),
		};
		if ((rc = cb(arg, &c)))
			break;
	}
	sqlite3_reset(st);
	if (!rc && s != SQLITE_DONE)
		rc = db_fail(db, err, _("reading the certificates"));
	return rc;
}

int status_event_each(struct jy_db *db, int64_t rid,
                      int (*cb)(void *arg, const struct status_event *e), void *arg,
                      struct jy_err *err)
{
	int rc = resident_access(db, rid, OP_VIEW, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id, resident_id, date, status, form, employer, note, created_by, kind = ?2 "
		"FROM status_event WHERE resident_id = ?1 ORDER BY date DESC, id DESC", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_text(st, 2, EVENT_REGISTRATION, -1, SQLITE_STATIC);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct status_event e = {
			.id = sqlite3_column_int64(st, 0), .resident_id = sqlite3_column_int64(st, 1),
			.date = (char *)sqlite3_column_text(st, 2), .status = (char *)sqlite3_column_text(st, 3),
			.form = (char *)sqlite3_column_text(st, 4), .employer = (char *)sqlite3_column_text(st, 5),
			.note = (char *)sqlite3_column_text(st, 6), .worker = (char *)sqlite3_column_text(st, 7),
			.registration = sqlite3_column_int(st, 8),
		};
		if ((rc = cb(arg, &e)))
			break;
	}
	sqlite3_reset(st);
	if (!rc && s != SQLITE_DONE)
		rc = db_fail(db, err, _("reading the status changes"));
	return rc;
}

int visit_each(struct jy_db *db, int64_t rid, int (*cb)(void *arg, const struct visit *v),
               void *arg, struct jy_err *err)
{
	int rc = resident_access(db, rid, OP_VIEW, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id, resident_id, date, kind, content, next_due, created_by "
		"FROM visit WHERE resident_id = ?1 ORDER BY date DESC, id DESC", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rid);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct visit v = {
			.id = sqlite3_column_int64(st, 0), .resident_id = sqlite3_column_int64(st, 1),
			.date = (char *)sqlite3_column_text(st, 2), .kind = (char *)sqlite3_column_text(st, 3),
			.content = (char *)sqlite3_column_text(st, 4), .next_due = (char *)sqlite3_column_text(st, 5),
			.worker = (char *)sqlite3_column_text(st, 6),
		};
		if ((rc = cb(arg, &v)))
			break;
	}
	sqlite3_reset(st);
	if (!rc && s != SQLITE_DONE)
		rc = db_fail(db, err, _("reading the visits"));
	return rc;
}

/* ---- what is due ------------------------------------------------------------------------------- */

/* The rows of st after those already in *rows (*cap of room). */
static int due_rows(struct jy_db *db, sqlite3_stmt *st, struct resident_due_row **rows, int *n,
                    int *cap, struct jy_err *err)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == *cap)
			*rows = xrealloc(*rows, sizeof **rows * (size_t)(*cap = *cap ? *cap * 2 : 32));
		struct resident_due_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, r->reg_no, sizeof r->reg_no);
		db_col_copy(st, 2, r->name, sizeof r->name);
		db_col_copy(st, 3, r->community, sizeof r->community);
		db_col_copy(st, 4, r->date, sizeof r->date);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("reading the residents"));
	return JY_OK;
}

/* The one number st gives. */
static int due_count(struct jy_db *db, sqlite3_stmt *st, int *total, struct jy_err *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*total = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, err, _("counting the residents"));
	return JY_OK;
}

static void due_fail(struct resident_due_row **rows, int *n)
{
	FREE(rows);
	*n = 0;
}

/* The day days before asof, or with days 0 the first day of asof's quarter. */
static int due_since(const char *asof, int days, char out[11], struct jy_err *err)
{
	int y, m, d;
	if (!asof || !date_split(asof, &y, &m, &d))
		return err_set(err, JY_EINVAL, NULL, _("not a date: %s"), asof ? asof : "");
	if (days > 0) {
		date_add_days(asof, -days, out);
	} else {
		snprintf(out, 11, "%04u-%02u-01", (unsigned)y % 10000u, (unsigned)((m - 1) / 3 * 3 + 1));
	}
	return JY_OK;
}

/* Registered residents looking for work in the worker's communities, open records only: the
 * lists' common part (?2 is asof for the visits, the last day of registration for certificates). */
#define DUE_SEEKING                                                                                \
	"r.closed_at IS NULL AND jy_in_scope(r.community) "                                       \
	"AND r.status IN (SELECT code FROM code WHERE list = 'emp_status' AND seeking = 1) "

/* The visits due come in two runs, in the list's order: those never visited (by asof) by their
 * registration, read along resident_due and stopped at the limit; then those whose last visit is
 * before the period, by that visit, read along the visits by date (a visit that is her last: no
 * later one by asof, and of two on one day the later typed). The count is the seeking residents
 * less those visited in the period, each read from an index: no row is sorted or read for it. */
int visit_due(struct jy_db *db, const char *asof, int days, int limit, struct resident_due_row **rows,
              int *n, int *total, struct jy_err *err)
{
	*rows = NULL;
	*n = *total = 0;
	char since[11];
	int cap = 0, rc = access_check(db, OP_VIEW, NULL, err);
	if (!rc)
		rc = due_since(asof, days, since, err);
	if (rc)
		return rc;
	/* a home visit on asof itself counts; one after it (typed ahead) does not, nor a phone call
	 * or a guidance talk (another kind of contact) */
	sqlite3_stmt *never = db_prepare(db,
		"SELECT r.id, r.reg_no, r.name, coalesce(r.community, ''), '' "
		"FROM resident r INDEXED BY resident_due WHERE " DUE_SEEKING
		"AND coalesce(r.reg_date, '') <= ?2 "
		"AND NOT EXISTS (SELECT 1 FROM visit v WHERE v.resident_id = r.id AND v.date <= ?2 "
		"AND v.kind = '" VISIT_HOME "') "
		"ORDER BY r.reg_date, r.id LIMIT ?3", err);
	if (!never)
		return JY_EDB;
	sqlite3_stmt *before = db_prepare(db,
		"SELECT r.id, r.reg_no, r.name, coalesce(r.community, ''), v.date "
		"FROM visit v INDEXED BY visit_date CROSS JOIN resident r ON r.id = v.resident_id "
		"WHERE v.date < ?1 AND v.kind = '" VISIT_HOME "' AND " DUE_SEEKING
		"AND coalesce(r.reg_date, '') <= ?2 "
		"AND NOT EXISTS (SELECT 1 FROM visit w WHERE w.resident_id = v.resident_id "
		"AND w.kind = '" VISIT_HOME "' AND w.date <= ?2 "
		"AND (w.date > v.date OR (w.date = v.date AND w.id > v.id))) "
		"ORDER BY v.date, r.reg_date, r.id LIMIT ?3", err);
	if (!before)
		return JY_EDB;
	sqlite3_stmt *count = NULL;
	if (limit > 0 && !(count = db_prepare(db,
		"SELECT (SELECT count(*) FROM resident r WHERE " DUE_SEEKING
		"AND coalesce(r.reg_date, '') <= ?2) - (SELECT count(*) FROM resident r WHERE "
		DUE_SEEKING "AND coalesce(r.reg_date, '') <= ?2 AND r.id IN "
		"(SELECT v.resident_id FROM visit v WHERE v.date >= ?1 AND v.date <= ?2 "
		"AND v.kind = '" VISIT_HOME "'))", err)))
		return JY_EDB;
	sqlite3_stmt *run[] = { never, before };
	for (size_t k = 0; k < ARRAY_LEN(run) && !rc && (limit <= 0 || *n < limit); k++) {
		sqlite3_bind_text(run[k], 1, since, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(run[k], 2, asof, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(run[k], 3, limit > 0 ? limit - *n : -1);
		rc = due_rows(db, run[k], rows, n, &cap, err);
	}
	*total = *n;
	if (!rc && count) {
		sqlite3_bind_text(count, 1, since, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(count, 2, asof, -1, SQLITE_TRANSIENT);
		rc = due_count(db, count, total, err);
	}
	if (rc)
		due_fail(rows, n);
	return rc;
}

/* In the list's order along resident_due, stopped at the limit; the count is the seeking
 * residents registered by then less those with a certificate, each read from an index. */
int cert_due(struct jy_db *db, const char *asof, int days, int limit, struct resident_due_row **rows,
             int *n, int *total, struct jy_err *err)
{
	*rows = NULL;
	*n = *total = 0;
	char until[11];
	int cap = 0, rc = access_check(db, OP_VIEW, NULL, err);
	if (!rc)
		rc = due_since(asof, days > 0 ? days : -1, until, err);
	if (rc)
		return rc;
	if (days <= 0)
		snprintf(until, sizeof until, "%s", asof);
#define CERT_HELD                                                                                  \
	"SELECT c.resident_id FROM certificate c WHERE c.type IN ('01', '02', '03', '04') "       \
	"AND c.status <> '注销'"
	sqlite3_stmt *st = db_prepare(db,
		"SELECT r.id, r.reg_no, r.name, coalesce(r.community, ''), r.reg_date "
		"FROM resident r INDEXED BY resident_due WHERE " DUE_SEEKING "AND r.reg_date <= ?2 "
		"AND NOT EXISTS (SELECT 1 FROM certificate c WHERE c.resident_id = r.id "
		"AND c.type IN ('01', '02', '03', '04') AND c.status <> '注销') "
		"ORDER BY r.reg_date, r.id LIMIT ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_stmt *count = NULL;
	if (limit > 0 && !(count = db_prepare(db,
		"SELECT (SELECT count(*) FROM resident r WHERE " DUE_SEEKING "AND r.reg_date <= ?1) - "
		"(SELECT count(*) FROM resident r WHERE " DUE_SEEKING "AND r.reg_date <= ?1 "
		"AND r.id IN (" CERT_HELD "))", err)))
		return JY_EDB;
#undef CERT_HELD
	sqlite3_bind_int(st, 1, limit > 0 ? limit : -1);
	sqlite3_bind_text(st, 2, until, -1, SQLITE_TRANSIENT);
	rc = due_rows(db, st, rows, n, &cap, err);
	*total = *n;
	if (!rc && count) {
		sqlite3_bind_text(count, 1, until, -1, SQLITE_TRANSIENT);
		rc = due_count(db, count, total, err);
	}
	if (rc)
		due_fail(rows, n);
	return rc;
}

int cert_review_due(struct jy_db *db, const char *asof, int days, int limit,
                    struct resident_due_row **rows, int *n, int *total, struct jy_err *err)
{
	*rows = NULL;
	*n = *total = 0;
	int cap = 0, rc = access_check(db, OP_VIEW, NULL, err);
	if (rc)
		return rc;
	char until[11];
	date_add_days(asof, days > 0 ? days : 0, until);
	if (!until[0])
		return err_set(err, JY_EINVAL, NULL, _("not a date: %s"), asof);
#define CERT_DUE "FROM certificate c JOIN resident r ON r.id = c.resident_id " \
	"WHERE c.status = '有效' AND r.closed_at IS NULL AND jy_in_scope(r.community) " \
	"AND (c.review_on IS NOT NULL OR c.valid_until <= ?2) "
	sqlite3_stmt *st = db_prepare(db,
		"SELECT r.id, r.reg_no, r.name, coalesce(r.community, ''), "
		"CASE WHEN c.review_on IS NOT NULL THEN c.review_on ELSE c.valid_until END AS day "
		CERT_DUE "ORDER BY day, r.id LIMIT ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_stmt *count = NULL;
	if (limit > 0 && !(count = db_prepare(db, "SELECT count(*) " CERT_DUE, err)))
		return JY_EDB;
#undef CERT_DUE
	sqlite3_bind_int(st, 1, limit > 0 ? limit : -1);
	sqlite3_bind_text(st, 2, until, -1, SQLITE_TRANSIENT);
	rc = due_rows(db, st, rows, n, &cap, err);
	*total = *n;
	if (!rc && count) {
		sqlite3_bind_text(count, 2, until, -1, SQLITE_TRANSIENT);
		rc = due_count(db, count, total, err);
	}
	if (rc)
		due_fail(rows, n);
	return rc;
}
