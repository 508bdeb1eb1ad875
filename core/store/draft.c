/* core/store/draft.c: forms in progress. The TUI saves the form on every change, so a dropped SSH link,
 * a closed window or kill -9 loses nothing typed; the next start of the same worker offers it. */
#include <stdlib.h>

#include "store/store_int.h"

int draft_save(struct jy_db *db, const char *form, int64_t record_id, const char *data,
               struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO draft(os_user, form, record_id, data, saved_at) VALUES (?1, ?2, ?3, ?4, ?5) "
		"ON CONFLICT(os_user, form, record_id) DO UPDATE SET data = excluded.data, "
		"saved_at = excluded.saved_at", err);
	if (!st)
		return JY_EDB;
	char now[32];
	time_now_iso(now);
	sqlite3_bind_text(st, 1, db->who.os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, form, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, record_id);
	sqlite3_bind_text(st, 4, data ? data : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? JY_OK : db_fail(db, err, _("keeping the draft"));
}

int draft_clear(struct jy_db *db, const char *form, int64_t record_id, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"DELETE FROM draft WHERE os_user = ?1 AND form = ?2 AND record_id = ?3", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, db->who.os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, form, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, record_id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? JY_OK : db_fail(db, err, _("removing the draft"));
}

int draft_latest(struct jy_db *db, char **form, int64_t *record_id, char **data, struct jy_err *err)
{
	*form = *data = NULL;
	*record_id = 0;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT form, record_id, data FROM draft WHERE os_user = ?1 "
		"ORDER BY saved_at DESC LIMIT 1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, db->who.os_user, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*form = db_col_str(st, 0);
		*record_id = sqlite3_column_int64(st, 1);
		*data = db_col_str(st, 2);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return JY_OK;
	return rc == SQLITE_DONE ? JY_ENOTFOUND : db_fail(db, err, _("reading the draft"));
}

int draft_each(struct jy_db *db, int (*cb)(void *arg, const struct draft_row *d), void *arg,
               struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT form, record_id, saved_at FROM draft WHERE os_user = ?1 ORDER BY saved_at, form", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, db->who.os_user, -1, SQLITE_TRANSIENT);
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct draft_row d = { 0 };
		db_col_copy(st, 0, d.form, sizeof d.form);
		d.record_id = sqlite3_column_int64(st, 1);
		db_col_copy(st, 2, d.saved_at, sizeof d.saved_at);
		stop = cb(arg, &d);
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? JY_OK : db_fail(db, err, _("reading the drafts"));
}
