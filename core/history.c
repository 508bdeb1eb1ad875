/* core/history.c: who changed what, when. Append-only: the schema's triggers refuse UPDATE and
 * DELETE on the table, so not even a bug in jiuye can rewrite the past. */
#include <stdlib.h>
#include <string.h>

#include "db_int.h"

int history_add(struct jy_db *db, const char *entity, int64_t entity_id, const char *action,
                const char *changes_json, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO history(at, os_user, worker, entity, entity_id, action, changes) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err);
	if (!st)
		return JY_EDB;
	char now[32];
	time_now_iso(now);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, db->who.os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, db->who.name[0] ? db->who.name : db->who.os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, entity_id);
	sqlite3_bind_text(st, 6, action, -1, SQLITE_STATIC);
	db_bind_text(st, 7, changes_json);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? JY_OK : db_fail(db, err, _("recording the change"));
}

int history_each(struct jy_db *db, const char *entity, int64_t entity_id,
                 void (*cb)(void *, const struct history_entry *), void *arg)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT seq, at, os_user, worker, entity, entity_id, action, changes FROM history "
		"WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq DESC", NULL);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, entity_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct history_entry h = {
			.seq = sqlite3_column_int64(st, 0),
			.at = (const char *)sqlite3_column_text(st, 1),
			.os_user = (const char *)sqlite3_column_text(st, 2),
			.worker = (const char *)sqlite3_column_text(st, 3),
			.entity = (const char *)sqlite3_column_text(st, 4),
			.entity_id = sqlite3_column_int64(st, 5),
			.action = (const char *)sqlite3_column_text(st, 6),
			.changes = (const char *)sqlite3_column_text(st, 7),
		};
		cb(arg, &h);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? JY_OK : JY_EDB;
}

/* JSON string escaping for the changes column (RFC 8259: quote, backslash, controls). */
void history_json_str(struct jy_buf *b, const char *s)
{
	if (!s) {
		buf_adds(b, "null");
		return;
	}
	buf_adds(b, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_addf(b, "\\%c", *p);
		else if (*p < 0x20)
			buf_addf(b, "\\u%04x", *p);
		else
			buf_add(b, (const char *)p, 1);
	}
	buf_adds(b, "\"");
}
