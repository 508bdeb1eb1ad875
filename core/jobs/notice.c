/* core/jobs/notice.c: how a posting was made known (公示, 电话通知, 入户告知, 招聘专栏: the report's
 * C8), and the post subsidy of a public-welfare placement month by month (岗位补贴: E4).
 *
 * A notice is a dated row of its posting; it is kept like the rest (never removed) and recorded
 * in the trail. A placement's subsidy is a sum in fen a month set on the placement, and each month
 * paid a row holding what was paid for it and when: a month is paid once, a later change of the
 * monthly sum leaves the months paid as they were.
 *
 * Who may: a notice is the office's (OP_EDIT, as a posting is); a subsidy is part of the
 * resident's record (OP_EDIT for her community's workers, OP_VIEW to read). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs/jobs_int.h"

/* The day as typed (date_parse's forms), today when empty, into out; field names it. */
static int day_of(const char *text, const char *field, char out[11], struct jy_err *err)
{
	if (text_is_blank(text)) {
		date_today(out);
		return JY_OK;
	}
	int rc = date_parse(text, out, err);
	if (rc)
		snprintf(err->field, sizeof err->field, "%s", field);
	return rc;
}

int posting_notice_add(struct jy_db *db, int64_t posting_id, const char *channel, const char *date,
                       const char *note, int64_t *id, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	int rc = access_check(db, OP_EDIT, NULL, err);
	if (rc)
		return rc;
	const struct code_list *cl = codes_cached(db, "notice_channel", err);
	if (!cl)
		return JY_EDB;
	const char *code = channel ? codes_find(cl, channel) : NULL;
	if (!code) {
		char *hint = codes_hint(cl);
		rc = err_set(err, JY_EINVAL, "通知渠道", _("\"%s\" is not a channel; accepted: %s"),
		             channel ? channel : "", hint);
		free(hint);
		return rc;
	}
	char day[11];
	if ((rc = day_of(date, "通知日期", day, err)))
		return rc;
	if (note && text_chars(note) > 200)
		return err_set(err, JY_EINVAL, "备注", _("too long: at most %d characters (%zu given)"), 200,
		               text_chars(note));
	sqlite3_stmt *st = db_prepare(db, "SELECT posted FROM posting WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, posting_id);
	int s = sqlite3_step(st);
	char posted[11] = "";
	if (s == SQLITE_ROW)
		db_col_copy(st, 0, posted, sizeof posted);
	sqlite3_reset(st);
	if (s == SQLITE_DONE)
		return err_set(err, JY_ENOTFOUND, NULL, _("posting %lld not found"), (long long)posting_id);
	if (s != SQLITE_ROW)
		return db_fail(db, err, _("reading a posting"));
	if (posted[0] && strcmp(day, posted) < 0)
		return err_set(err, JY_EINVAL, "通知日期", _("%s is before the posting was collected on %s"),
		               day, posted);
	if ((rc = db_begin(db, err)))
		return rc;
	char now[32];
	time_now_iso(now);
	st = db_prepare(db, "INSERT INTO posting_notice(posting_id, date, channel, note, created_at, "
	                    "created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	if (!st) {
		db_rollback(db);
		return JY_EDB;
	}
	sqlite3_bind_int64(st, 1, posting_id);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, code, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 4, text_is_blank(note) ? NULL : note);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		rc = db_fail(db, err, _("saving the notice"));
		db_rollback(db);
		return rc;
	}
	int64_t nid = sqlite3_last_insert_rowid(db_handle(db));
	char *json = xasprintf("{\"posting\":[null,%lld],\"channel\":[null,\"%s\"],\"date\":[null,\"%s\"]}",
	                       (long long)posting_id, code, day);
	rc = history_add(db, "posting_notice", nid, "create", json, err);
	free(json);
	if (!rc)
		rc = db_commit(db, err);
	else
		db_rollback(db);
	if (!rc && id)
		*id = nid;
	return rc;
}

int posting_notice_each(struct jy_db *db, int64_t posting_id,
                        int (*cb)(void *arg, const struct notice_row *n), void *arg,
                        struct jy_err *err)
{
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT n.id, n.date, n.channel, coalesce(c.label, n.channel), coalesce(n.note, '') "
		"FROM posting_notice n LEFT JOIN code c ON c.list = 'notice_channel' AND c.code = n.channel "
		"WHERE n.posting_id = ?1 ORDER BY n.date, n.id", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, posting_id);
	int s, stop = 0;
	while (!stop && (s = sqlite3_step(st)) == SQLITE_ROW) {
		struct notice_row n = { 0 };
		n.id = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, n.date, sizeof n.date);
		db_col_copy(st, 2, n.channel, sizeof n.channel);
		db_col_copy(st, 3, n.channel_label, sizeof n.channel_label);
		db_col_copy(st, 4, n.note, sizeof n.note);
		stop = cb(arg, &n);
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	return s == SQLITE_DONE ? JY_OK : db_fail(db, err, _("reading the notices"));
}

/* The placement's resident, whether it is a public-welfare one and its monthly sum (-1: none);
 * with the worker's right op on her record. */
static int subsidy_placement(struct jy_db *db, int64_t placement_id, int op, int64_t *fen,
                             char start[11], struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT resident_id, public_welfare, coalesce(subsidy_fen, -1), "
	                                  "start_date FROM placement WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, placement_id);
	int s = sqlite3_step(st);
	int64_t rid = 0;
	int pw = 0;
	if (s == SQLITE_ROW) {
		rid = sqlite3_column_int64(st, 0);
		pw = sqlite3_column_int(st, 1);
		*fen = sqlite3_column_int64(st, 2);
		db_col_copy(st, 3, start, 11);
	}
	sqlite3_reset(st);
	if (s == SQLITE_DONE)
		return err_set(err, JY_ENOTFOUND, NULL, _("placement %lld not found"), (long long)placement_id);
	if (s != SQLITE_ROW)
		return db_fail(db, err, _("reading the placement"));
	int rc = resident_access(db, rid, op, err);
	if (!rc && !pw)
		rc = err_set(err, JY_EINVAL, "岗位补贴", _("a post subsidy is paid on a public-welfare "
		                                         "placement only"));
	return rc;
}

int placement_subsidy_set(struct jy_db *db, int64_t placement_id, int64_t fen, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	int64_t old;
	char start[11];
	int rc = subsidy_placement(db, placement_id, OP_EDIT, &old, start, err);
	if (rc)
		return rc;
	if (fen <= 0)
		return err_set(err, JY_EINVAL, "岗位补贴", _("the sum is above zero"));
	if (old == fen)
		return JY_OK;
	if ((rc = db_begin(db, err)))
		return rc;
	sqlite3_stmt *st = db_prepare(db, "UPDATE placement SET subsidy_fen = ?2, version = version + 1, "
	                                  "updated_at = ?3, updated_by = ?4 WHERE id = ?1", err);
	if (!st) {
		db_rollback(db);
		return JY_EDB;
	}
	char now[32];
	time_now_iso(now);
	sqlite3_bind_int64(st, 1, placement_id);
	sqlite3_bind_int64(st, 2, fen);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		rc = db_fail(db, err, _("saving the placement"));
		db_rollback(db);
		return rc;
	}
	char *json = old < 0 ? xasprintf("{\"subsidy_fen\":[null,%lld]}", (long long)fen)
	                     : xasprintf("{\"subsidy_fen\":[%lld,%lld]}", (long long)old, (long long)fen);
	rc = history_add(db, "placement", placement_id, "update", json, err);
	free(json);
	if (!rc)
		rc = db_commit(db, err);
	else
		db_rollback(db);
	return rc;
}

/* "2026-05", "202605", "2026年5月" into YYYY-MM. */
static int month_parse(const char *text, char out[8], struct jy_err *err)
{
	int y = 0, m = 0;
	char tail = 0;
	if (!text || (sscanf(text, "%4d-%2d%c", &y, &m, &tail) != 2 &&
	              sscanf(text, "%4d%2d%c", &y, &m, &tail) != 2 &&
	              sscanf(text, "%4d年%d月%c", &y, &m, &tail) != 2) ||
	    y < 1900 || y > 2999 || m < 1 || m > 12)
		return err_set(err, JY_EINVAL, "补贴月份", _("\"%s\" is not a month: give it as 2026-05"),
		               text ? text : "");
	snprintf(out, 8, "%04d-%02d", y, m);
	return JY_OK;
}

int placement_subsidy_pay(struct jy_db *db, int64_t placement_id, const char *month,
                          const char *paid_on, int64_t fen, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	int64_t monthly;
	char start[11], mon[8], day[11];
	int rc = subsidy_placement(db, placement_id, OP_EDIT, &monthly, start, err);
	if (!rc)
		rc = month_parse(month, mon, err);
	if (!rc)
		rc = day_of(paid_on, "发放日期", day, err);
	if (rc)
		return rc;
	if (fen <= 0)
		fen = monthly;
	if (fen <= 0)
		return err_set(err, JY_EINVAL, "岗位补贴", _("the placement has no monthly subsidy: set it "
		                                         "first, or give the sum paid"));
	if (strncmp(mon, start, 7) < 0)
		return err_set(err, JY_EINVAL, "补贴月份", _("%s is before the placement started on %s"),
		               mon, start);
	if ((rc = db_begin(db, err)))
		return rc;
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO placement_paid(placement_id, month, amount_fen, "
	                                  "paid_on, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
	                                  "ON CONFLICT DO NOTHING", err);
	if (!st) {
		db_rollback(db);
		return JY_EDB;
	}
	sqlite3_bind_int64(st, 1, placement_id);
	sqlite3_bind_text(st, 2, mon, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, fen);
	sqlite3_bind_text(st, 4, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	int added = sqlite3_changes(db_handle(db));
	if (s != SQLITE_DONE || !added) {
		rc = s != SQLITE_DONE ? db_fail(db, err, _("saving the subsidy"))
		                      : err_set(err, JY_EDUP, "补贴月份", _("the subsidy of %s is paid already"),
		                                mon);
		db_rollback(db);
		return rc;
	}
	char *json = xasprintf("{\"month\":[null,\"%s\"],\"amount_fen\":[null,%lld],\"paid_on\":[null,\"%s\"]}",
	                       mon, (long long)fen, day);
	rc = history_add(db, "placement", placement_id, "subsidy", json, err);
	free(json);
	if (!rc)
		rc = db_commit(db, err);
	else
		db_rollback(db);
	return rc;
}

int placement_subsidy_each(struct jy_db *db, int64_t placement_id,
                           int (*cb)(void *arg, const struct subsidy_row *r), void *arg,
                           struct jy_err *err)
{
	int64_t monthly;
	char start[11];
	int rc = subsidy_placement(db, placement_id, OP_VIEW, &monthly, start, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, "SELECT month, amount_fen, paid_on FROM placement_paid "
	                                  "WHERE placement_id = ?1 ORDER BY month", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, placement_id);
	int s, stop = 0;
	while (!stop && (s = sqlite3_step(st)) == SQLITE_ROW) {
		struct subsidy_row r = { 0 };
		db_col_copy(st, 0, r.month, sizeof r.month);
		r.fen = sqlite3_column_int64(st, 1);
		db_col_copy(st, 2, r.paid_on, sizeof r.paid_on);
		stop = cb(arg, &r);
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	return s == SQLITE_DONE ? JY_OK : db_fail(db, err, _("reading the subsidies"));
}
