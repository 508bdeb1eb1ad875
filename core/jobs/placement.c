/* core/jobs/placement.c: hires (就业安置) and public-welfare posts with their subsidy periods (W6).
 *
 * A hire from a referral is one transaction: the placement row; the resident's status change
 * with the form of employment (status_event_add, so her status, her history and the reports all
 * see it); one more post filled, and the posting filled when none are left. One active placement
 * per person: a second hire is refused until the first has ended (the schema's partial unique
 * index says so too). A public-welfare placement carries the end of its post subsidy, and the due
 * list shows who comes to the end soon so the office can re-assess them.
 *
 * Who may: a placement is part of a resident's record: read with OP_VIEW, changed with
 * OP_EDIT, each only for a resident of the worker's communities; the due list shows only those. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs/jobs_int.h"

#define F_FORM "就业形式"
#define F_START "上岗日期"
#define F_SUBSIDY "补贴截止"
#define F_END "离岗日期"
#define F_REASON "离岗原因"

void placement_free(struct placement **pp)
{
	struct placement *p = *pp;
	if (!p)
		return;
	free(p->form);
	free(p->start_date);
	free(p->subsidy_end);
	free(p->end_date);
	free(p->end_reason);
	free(p->employer);
	free(p->posting_title);
	free(p->resident_name);
	free(p);
	*pp = NULL;
}

#define PLACEMENT_COLS \
	"pl.id, pl.version, pl.resident_id, coalesce(pl.referral_id, 0), coalesce(pl.posting_id, 0), " \
	"coalesce(pl.employer_id, 0), pl.form, pl.start_date, pl.subsidy_end, pl.end_date, pl.end_reason, " \
	"pl.public_welfare, pl.contract, e.name, p.title, r.name "
#define PLACEMENT_FROM \
	"FROM placement pl JOIN resident r ON r.id = pl.resident_id LEFT JOIN employer e ON e.id = " \
	"pl.employer_id LEFT JOIN posting p ON p.id = pl.posting_id "

/* The resident a placement is about, into *rid; JY_ENOTFOUND when there is no such placement. */
static int placement_owner(struct jy_db *db, int64_t id, int64_t *rid, struct jy_err *err)
{
	*rid = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT resident_id FROM placement WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*rid = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE ? err_set(err, JY_ENOTFOUND, NULL, _("placement %lld not found"),
	                                  (long long)id)
	                        : db_fail(db, err, _("reading the placement"));
}

static void placement_read(sqlite3_stmt *st, struct placement *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->version = sqlite3_column_int64(st, 1);
	p->resident_id = sqlite3_column_int64(st, 2);
	p->referral_id = sqlite3_column_int64(st, 3);
	p->posting_id = sqlite3_column_int64(st, 4);
	p->employer_id = sqlite3_column_int64(st, 5);
	p->form = (char *)sqlite3_column_text(st, 6);
	p->start_date = (char *)sqlite3_column_text(st, 7);
	p->subsidy_end = (char *)sqlite3_column_text(st, 8);
	p->end_date = (char *)sqlite3_column_text(st, 9);
	p->end_reason = (char *)sqlite3_column_text(st, 10);
	p->public_welfare = sqlite3_column_int(st, 11);
	p->contract = sqlite3_column_int(st, 12);
	p->employer = (char *)sqlite3_column_text(st, 13);
	p->posting_title = (char *)sqlite3_column_text(st, 14);
	p->resident_name = (char *)sqlite3_column_text(st, 15);
}

int placement_load(struct jy_db *db, int64_t id, struct placement **out, struct jy_err *err)
{
	*out = NULL;
	int64_t rid;
	int denied = placement_owner(db, id, &rid, err);
	if (!denied)
		denied = resident_access(db, rid, OP_VIEW, err);
	if (denied)
		return denied;
	sqlite3_stmt *st = db_prepare(db, "SELECT " PLACEMENT_COLS PLACEMENT_FROM "WHERE pl.id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? err_set(err, JY_ENOTFOUND, NULL, _("placement %lld not found"), (long long)id)
		                         : db_fail(db, err, _("reading the placement"));
	}
	struct placement b, *p = xcalloc(1, sizeof *p);
	placement_read(st, &b);
	*p = b;
	/* borrowed column text to owned strings */
	p->form = xstrdup(b.form);
	p->start_date = xstrdup(b.start_date);
	p->subsidy_end = xstrdup(b.subsidy_end);
	p->end_date = xstrdup(b.end_date);
	p->end_reason = xstrdup(b.end_reason);
	p->employer = xstrdup(b.employer);
	p->posting_title = xstrdup(b.posting_title);
	p->resident_name = xstrdup(b.resident_name);
	sqlite3_reset(st);
	*out = p;
	return JY_OK;
}

int placement_active(struct jy_db *db, int64_t resident_id, int64_t *id, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id FROM placement WHERE resident_id = ?1 AND end_date IS NULL", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, resident_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return JY_OK;
	return rc == SQLITE_DONE ? JY_ENOTFOUND : db_fail(db, err, _("reading the placement"));
}

int placement_each(struct jy_db *db, int64_t resident_id,
                   int (*cb)(void *arg, const struct placement *p), void *arg,
                   struct jy_err *err)
{
	int rc = resident_access(db, resident_id, OP_VIEW, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, "SELECT " PLACEMENT_COLS PLACEMENT_FROM
	                              "WHERE pl.resident_id = ?1 "
	                              "ORDER BY pl.start_date DESC, pl.id DESC", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, resident_id);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct placement p;
		placement_read(st, &p);
		if ((rc = cb(arg, &p)))
			break;
	}
	sqlite3_reset(st);
	if (!rc && s != SQLITE_DONE)
		rc = db_fail(db, err, _("reading the placement"));
	return rc;
}

/* ---- a hire ----------------------------------------------------------------------------------- */

struct hire_posting {
	int openings, filled, public_welfare, subsidy_months;
	char status[12], code[24], title[92], employer[152];
	int64_t employer_id;
};

static int hire_posting_load(struct jy_db *db, int64_t pid, struct hire_posting *hp, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT p.openings, p.filled, p.public_welfare, coalesce(p.subsidy_months, 0), p.status, p.code, "
		"p.title, e.name, e.id FROM posting p JOIN employer e ON e.id = p.employer_id WHERE p.id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, pid);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		hp->openings = sqlite3_column_int(st, 0);
		hp->filled = sqlite3_column_int(st, 1);
		hp->public_welfare = sqlite3_column_int(st, 2);
		hp->subsidy_months = sqlite3_column_int(st, 3);
		db_col_copy(st, 4, hp->status, sizeof hp->status);
		db_col_copy(st, 5, hp->code, sizeof hp->code);
		db_col_copy(st, 6, hp->title, sizeof hp->title);
		db_col_copy(st, 7, hp->employer, sizeof hp->employer);
		hp->employer_id = sqlite3_column_int64(st, 8);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return JY_OK;
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("reading the postings"));
	return err_set(err, JY_ENOTFOUND, NULL, _("posting %lld not found"), (long long)pid);
}

static int one_placement(struct jy_db *db, int64_t rid, struct jy_err *err)
{
	int64_t other;
	int rc = placement_active(db, rid, &other, err);
	if (rc != JY_OK)
		return rc == JY_ENOTFOUND ? JY_OK : rc;
	/* the details are for the message only: a hire is refused either way */
	struct placement *p = NULL;
	if (placement_load(db, other, &p, NULL) != JY_OK)
		return err_set(err, JY_EDUP, "录用", _("she already holds a placement; end it first"));
	err_set(err, JY_EDUP, "录用",
	        _("%s already holds a job placed with %s since %s: one placement at a time; record the "
	          "end of that one first (离岗日期)"), p->resident_name, p->employer ? p->employer : "-",
	        p->start_date);
	if (err)
		err->other_id = other;
	placement_free(&p);
	return JY_EDUP;
}

/* The day before start + months: a subsidy of 36 months from 2024-04-01 ends on 2027-03-31. */
static void months_end(const char *start, int months, char out[11])
{
	char t[11];
	date_add_months(start, months, t);
	date_add_days(t, -1, out);
}

/* date_parse said what is wrong; this says which field. */
static int field_named(struct jy_err *err, const char *label)
{
	if (err)
		snprintf(err->field, sizeof err->field, "%s", label);
	return JY_EINVAL;
}

struct hire_values {
	const char *form;
	char start[11], subsidy_end[11];
};

static int hire_values(struct jy_db *db, const struct hire_posting *hp, const char *date,
                       const struct hire *h, struct hire_values *v, struct jy_err *err)
{
	const char *in = h && !text_is_blank(h->form) ? h->form : hp->public_welfare ? "030" : "010";
	const struct code_list *forms = codes_cached(db, "emp_form", err);
	if (!forms)
		return JY_EDB;
	v->form = codes_find(forms, in);
	if (!v->form)
		return err_set(err, JY_EINVAL, F_FORM, _("\"%s\" is not a form of employment; accepted: "
		               "单位就业, 个体经营, 灵活就业, 公益性岗位安置 ..."), in);
	snprintf(v->start, sizeof v->start, "%s", date);
	if (h && !text_is_blank(h->start) && date_parse(h->start, v->start, err) != JY_OK)
		return field_named(err, F_START);
	v->subsidy_end[0] = '\0';
	if (h && !text_is_blank(h->subsidy_end)) {
		if (date_parse(h->subsidy_end, v->subsidy_end, err) != JY_OK)
			return field_named(err, F_SUBSIDY);
		if (strcmp(v->subsidy_end, v->start) < 0)
			return err_set(err, JY_EINVAL, F_SUBSIDY, _("the subsidy ends before she starts (%s)"), v->start);
	} else if (hp->public_welfare && hp->subsidy_months > 0) {
		months_end(v->start, hp->subsidy_months, v->subsidy_end);
	}
	return JY_OK;
}

static int hire_fill(struct jy_db *db, int64_t pid, const struct hire_posting *hp, struct jy_err *err)
{
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE posting SET filled = filled + 1, status = CASE WHEN status = 'open' AND filled + 1 >= "
		"openings THEN 'filled' ELSE status END, version = version + 1, updated_at = ?2, updated_by = ?3 "
		"WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, pid);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("saving the posting"));
	struct jy_buf j = { 0 };
	buf_addf(&j, "{\"filled\":[\"%d\",\"%d\"]", hp->filled, hp->filled + 1);
	if (hp->filled + 1 >= hp->openings && strcmp(hp->status, "open") == 0)
		buf_adds(&j, ",\"status\":[\"open\",\"filled\"]");
	buf_adds(&j, "}");
	rc = history_add(db, "posting", pid, "hire", j.s, err);
	buf_free(&j);
	return rc;
}

int placement_hire(struct jy_db *db, int64_t rid, int64_t refid, int64_t pid, const char *date,
                   const char *note, const struct hire *h, struct jy_err *err)
{
	struct hire_posting hp = { 0 };
	struct hire_values v;
	int rc = hire_posting_load(db, pid, &hp, err);
	if (rc)
		return rc;
	if (strcmp(hp.status, "closed") == 0)
		return err_set(err, JY_EINVAL, "录用", _("%s %s is closed: reopen it to record a hire"), hp.code, hp.title);
	if (hp.filled >= hp.openings)
		return err_set(err, JY_EINVAL, "录用",
		               _("%s %s has no openings left: all %d posts are filled (raise 招聘人数 if the "
		                 "employer takes more)"), hp.code, hp.title, hp.openings);
	if ((rc = one_placement(db, rid, err)) || (rc = hire_values(db, &hp, date, h, &v, err)))
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO placement(resident_id, referral_id, posting_id, employer_id, form, start_date, "
		"public_welfare, subsidy_end, contract, created_at, created_by, updated_at, updated_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10, ?11)", err);
	if (!st)
		return JY_EDB;
	char now[32];
	time_now_iso(now);
	sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_int64(st, 2, refid);
	sqlite3_bind_int64(st, 3, pid);
	sqlite3_bind_int64(st, 4, hp.employer_id);
	sqlite3_bind_text(st, 5, v.form, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, v.start, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 7, hp.public_welfare);
	db_bind_text(st, 8, v.subsidy_end);
	sqlite3_bind_int(st, 9, h ? h->contract != 0 : 0);
	sqlite3_bind_text(st, 10, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 11, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE ? one_placement(db, rid, err)
		                                                                   : db_fail(db, err, _("saving the placement"));
	int64_t plid = sqlite3_last_insert_rowid(db_handle(db));
	struct jy_buf j = { 0 };
	buf_addf(&j, "{\"form\":[null,\"%s\"],\"start_date\":[null,\"%s\"],\"employer\":[null,", v.form, v.start);
	history_json_str(&j, hp.employer);
	buf_adds(&j, "]");
	if (v.subsidy_end[0])
		buf_addf(&j, ",\"subsidy_end\":[null,\"%s\"]", v.subsidy_end);
	buf_adds(&j, "}");
	rc = history_add(db, "placement", plid, "create", j.s, err);
	buf_free(&j);
	if (rc)
		return rc;
	/* her employment, as the registry records it (status, form, employer, dated) */
	char *why = note ? xasprintf("%s %s: %s", hp.code, hp.title, note) : xasprintf("%s %s", hp.code, hp.title);
	struct status_event e = { .resident_id = rid, .date = v.start,
	                          .status = (char *)emp_status_of_form(v.form),
	                          .form = (char *)v.form, .employer = hp.employer, .note = why };
	rc = status_event_add(db, &e, err);
	free(why);
	return rc ? rc : hire_fill(db, pid, &hp, err);
}

/* ---- re-assessing and ending a placement ------------------------------------------------------ */

static int same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static int opt_date(const char *in, char out[11], const char *label, struct jy_err *err)
{
	out[0] = '\0';
	if (text_is_blank(in))
		return JY_OK;
	if (date_parse(in, out, err) != JY_OK)
		return field_named(err, label);
	return JY_OK;
}

static int placement_checks(struct jy_db *db, const struct placement *cur, const struct placement *p,
                            char sub[11], char end[11], char **reason, struct jy_err *err)
{
	(void)db;
	*reason = NULL;
	if (opt_date(p->subsidy_end, sub, F_SUBSIDY, err) || opt_date(p->end_date, end, F_END, err))
		return JY_EINVAL;
	if (sub[0] && strcmp(sub, cur->start_date) < 0)
		return err_set(err, JY_EINVAL, F_SUBSIDY, _("the subsidy ends before she starts (%s)"), cur->start_date);
	if (end[0] && strcmp(end, cur->start_date) < 0)
		return err_set(err, JY_EINVAL, F_END, _("she left before she started (%s)"), cur->start_date);
	if (cur->end_date && !end[0])
		return err_set(err, JY_EINVAL, F_END, _("an ended placement stays ended; a new job is a new hire"));
	if (!text_is_blank(p->end_reason))
		*reason = text_clean(p->end_reason);
	if (end[0] && !*reason)
		return err_set(err, JY_EINVAL, F_REASON, _("say why she left (合同到期, 辞职, 转单位就业 ...)"));
	if (!end[0] && *reason) {
		FREE(reason);
		return err_set(err, JY_EINVAL, F_END, _("a reason for leaving needs the date she left"));
	}
	return JY_OK;
}

static int placement_write(struct jy_db *db, const struct placement *cur, const struct placement *p,
                           const char *sub, const char *end, const char *reason, const char *after,
                           struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE placement SET subsidy_end = ?2, contract = ?3, end_date = ?4, end_reason = ?5, "
		"version = version + 1, updated_at = ?6, updated_by = ?7 WHERE id = ?1 AND version = ?8", err);
	if (!st)
		return JY_EDB;
	char now[32];
	time_now_iso(now);
	sqlite3_bind_int64(st, 1, cur->id);
	db_bind_text(st, 2, sub);
	sqlite3_bind_int(st, 3, p->contract != 0);
	db_bind_text(st, 4, end);
	db_bind_text(st, 5, reason);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 8, p->version);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("saving the placement"));
	if (sqlite3_changes(db_handle(db)) != 1)
		return err_set(err, JY_ECONFLICT, NULL, _("someone else changed this placement after you opened it; "
		                                         "nothing was saved. Look again, then go on"));
	struct jy_buf j = { 0 };
	buf_adds(&j, "{");
	if (!same(cur->subsidy_end, sub)) {
		buf_adds(&j, "\"subsidy_end\":[");
		history_json_str(&j, cur->subsidy_end);
		buf_adds(&j, ",");
		history_json_str(&j, *sub ? sub : NULL);
		buf_adds(&j, "]");
	}
	if (cur->contract != (p->contract != 0))
		buf_addf(&j, "%s\"contract\":[\"%d\",\"%d\"]", j.len > 1 ? "," : "", cur->contract, p->contract != 0);
	if (!same(cur->end_date, end)) {
		buf_addf(&j, "%s\"end_date\":[null,\"%s\"],\"end_reason\":[null,", j.len > 1 ? "," : "", end);
		history_json_str(&j, reason);
		buf_adds(&j, "]");
	}
	buf_adds(&j, "}");
	rc = history_add(db, "placement", cur->id, "update", j.s, err);
	if (!rc && !cur->end_date && *end) {
		rc = history_add(db, "resident", cur->resident_id, "placement_end", j.s, err);
		struct status_event e = { .resident_id = cur->resident_id, .date = (char *)end,
		                          .status = (char *)(text_is_blank(after) ? "10" : after),
		                          .note = (char *)reason };
		if (!rc)
			rc = status_event_add(db, &e, err);
	}
	buf_free(&j);
	return rc;
}

int placement_save(struct jy_db *db, struct placement *p, const char *after, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	struct placement *cur = NULL;
	int rc = placement_load(db, p->id, &cur, err);
	if (!rc && (rc = resident_access(db, cur->resident_id, OP_EDIT, err)))
		placement_free(&cur);
	if (rc)
		return rc;
	char sub[11], end[11];
	char *reason = NULL;
	rc = placement_checks(db, cur, p, sub, end, &reason, err);
	if (!rc && cur->version != p->version)
		rc = err_set(err, JY_ECONFLICT, NULL, _("someone else changed this placement after you opened it; "
		                                       "nothing was saved. Look again, then go on"));
	if (!rc && same(cur->subsidy_end, sub) && same(cur->end_date, end) && cur->contract == (p->contract != 0)) {
		placement_free(&cur);
		free(reason);
		return JY_OK;           /* nothing changed */
	}
	if (!rc && !(rc = db_begin(db, err))) {
		rc = placement_write(db, cur, p, sub, end, reason, after, err);
		if (rc)
			db_rollback(db);
		else
			rc = db_commit(db, err);
		if (!rc)
			p->version++;
	}
	placement_free(&cur);
	free(reason);
	return rc;
}

/* ---- the due list ----------------------------------------------------------------------------- */

int placement_due(struct jy_db *db, const char *asof, int days, struct placement_due_row **rows,
                  int *n, struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	int denied = access_check(db, OP_VIEW, NULL, err);
	if (denied)
		return denied;
	char today[11], until[11];
	if (!asof || !*asof) {
		date_today(today);
		asof = today;
	}
	if (days < 0 && db_setting_int(db, "jobs.subsidy_due_days", 60, &days, err))
		return JY_EDB;
	int y, m, d;
	if (!date_split(asof, &y, &m, &d))
		return err_set(err, JY_EINVAL, NULL, _("not a date: %s"), asof);
	int64_t t0 = date_days(y, m, d);
	date_add_days(asof, days, until);
	sqlite3_stmt *st = db_prepare(db,
		"SELECT pl.id, pl.resident_id, r.name, r.reg_no, coalesce(e.name, ''), coalesce(p.title, ''), "
		"pl.start_date, pl.subsidy_end FROM placement pl JOIN resident r ON r.id = pl.resident_id "
		"LEFT JOIN employer e ON e.id = pl.employer_id LEFT JOIN posting p ON p.id = pl.posting_id "
		"WHERE pl.public_welfare = 1 AND pl.end_date IS NULL AND pl.subsidy_end <= ?1 "
		"AND jy_in_scope(r.community) ORDER BY pl.subsidy_end, pl.id", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, until, -1, SQLITE_TRANSIENT);
	int cap = 0, s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*rows = xrealloc(*rows, sizeof **rows * (size_t)(cap = cap ? cap * 2 : 16));
		struct placement_due_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		r->resident_id = sqlite3_column_int64(st, 1);
		db_col_copy(st, 2, r->name, sizeof r->name);
		db_col_copy(st, 3, r->reg_no, sizeof r->reg_no);
		db_col_copy(st, 4, r->employer, sizeof r->employer);
		db_col_copy(st, 5, r->title, sizeof r->title);
		db_col_copy(st, 6, r->start, sizeof r->start);
		db_col_copy(st, 7, r->subsidy_end, sizeof r->subsidy_end);
		if (date_split(r->subsidy_end, &y, &m, &d))
			r->days_left = (int)(date_days(y, m, d) - t0);
	}
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		FREE(rows);
		*n = 0;
		return db_fail(db, err, _("reading the placement"));
	}
	return JY_OK;
}
