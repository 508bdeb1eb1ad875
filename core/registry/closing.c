/* core/registry/closing.c: closing a resident's record (注销) and opening it again.
 *
 * Nothing is deleted: a closed record keeps every field, fact and history entry; closed_at (the
 * day) takes her out of the lists (search.c), the matching (seek's triggers) and the due lists, and
 * the reports count her up to the day before it (report.c). The reason is a code of the list
 * close_reason (014_close_reason.sql), 其他 with a note that says what it is. The day is the
 * day it happened (she moved away on the 15th), typed or today; never a day to come, which would
 * take her out of the lists before the reports stop counting her, and never before her
 * registration. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry/registry_int.h"

#define CLOSE_OTHER "9"         /* 其他: the note says what */
#define CLOSE_NOTE_MAX 200      /* characters, as 备注 */

/* The reason's code, from what the worker or the command line typed. */
static int closing_reason(struct jy_db *db, const char *text, const char **code, struct jy_err *err)
{
	const struct code_list *cl = codes_cached(db, "close_reason", err);
	if (!cl)
		return JY_EDB;
	*code = text_is_blank(text) ? NULL : codes_find(cl, text);
	if (*code)
		return JY_OK;
	char *hint = codes_hint(cl);
	if (text_is_blank(text))
		err_set(err, JY_EINVAL, "注销原因", _("say why the record is closed; accepted: %s"),
		        hint);
	else
		err_set(err, JY_EINVAL, "注销原因",
		        _("\"%s\" is not a reason for closing; accepted: %s"), text, hint);
	free(hint);
	return JY_EINVAL;
}

/* The closing's day: typed (any form date_parse takes) or today; within her registered time. */
static int closing_date(const struct resident *r, const char *text, char out[11],
                        struct jy_err *err)
{
	char today[11];
	date_today(today);
	if (text_is_blank(text)) {
		memcpy(out, today, 11);
	} else if (date_parse(text, out, err) != JY_OK) {
		snprintf(err->field, sizeof err->field, "注销日期");
		return JY_EINVAL;
	}
	if (strcmp(out, today) > 0)
		return err_set(err, JY_EINVAL, "注销日期",
		               _("%s is after today (%s): a record is closed on the day it "
		                 "happened"), out, today);
	const char *reg = resident_get(r, RF_REGDATE);
	if (*reg && strcmp(out, reg) < 0)
		return err_set(err, JY_EINVAL, "注销日期",
		               _("%s is before her registration (%s): type a day from %s on"),
		               out, reg, reg);
	return JY_OK;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static int closing_note(const char *code, const char *note, struct jy_err *err)
{
	if (strcmp(code, CLOSE_OTHER) == 0 && text_is_blank(note))
		return err_set(err, JY_EINVAL, "注销说明", _("with the reason 其他, say what the "
		               "reason is (--note on the command line)"));
	if (note && utf8_chars(note) > CLOSE_NOTE_MAX)
		return err_set(err, JY_EINVAL, "注销说明", _("at most %d characters"),
		               CLOSE_NOTE_MAX);
	return JY_OK;
}

/* The record as stored, and the worker's right to do op on it (her role and community). */
static int closing_target(struct jy_db *db, int64_t id, int op, struct resident **cur,
                          struct jy_err *err)
{
	int rc = resident_load(db, id, cur, err);
	if (!rc)
		rc = access_check(db, op, resident_get(*cur, RF_COMMUNITY), err);
	if (rc)
		resident_free(cur);
	return rc;
}

/* UPDATE ... WHERE id = ?1 AND version = ?5 with ?2 .. ?4 the closing's day, reason and note (NULL
 * to reopen), and the change in the history; in one transaction. */
static int closing_write(struct jy_db *db, const struct resident *cur, int64_t version,
                         const char *date, const char *code, const char *note, const char *action,
                         struct jy_err *err)
{
	int rc = db_begin(db, err);
	if (rc)
		return rc;
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE resident SET closed_at = ?2, close_reason = ?3, close_note = ?4, "
		"version = version + 1, updated_at = ?6, updated_by = ?7 "
		"WHERE id = ?1 AND version = ?5 "
		"AND (closed_at IS NULL) = (?2 IS NOT NULL)", err);
	if (!st) {
		db_rollback(db);
		return JY_EDB;
	}
	sqlite3_bind_int64(st, 1, cur->id);
	db_bind_text(st, 2, date);
	db_bind_text(st, 3, code);
	db_bind_text(st, 4, note);
	sqlite3_bind_int64(st, 5, version);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		db_rollback(db);
		return db_fail(db, err, date ? _("closing the record") : _("reopening the record"));
	}
	if (sqlite3_changes(db_handle(db)) != 1) {
		db_rollback(db);
		struct resident probe = { .id = cur->id };
		return resident_conflict(db, &probe, err);
	}
	/* {"closed_at":[old,new],"close_reason":[...],"close_note":[...]}: what was, what is */
	const char *was[3] = { cur->closed_at, cur->close_reason, cur->close_note };
	const char *now_v[3] = { date, code, note && *note ? note : NULL };
	static const char *const keys[3] = { "closed_at", "close_reason", "close_note" };
	struct jy_buf j = { 0 };
	buf_adds(&j, "{");
	for (int i = 0; i < 3; i++) {
		buf_addf(&j, "%s\"%s\":[", i ? "," : "", keys[i]);
		history_json_str(&j, was[i]);
		buf_adds(&j, ",");
		history_json_str(&j, now_v[i]);
		buf_adds(&j, "]");
	}
	buf_adds(&j, "}");
	rc = history_add(db, "resident", cur->id, action, j.s, err);
	buf_free(&j);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

int resident_close(struct jy_db *db, int64_t id, int64_t version, const struct resident_closing *c,
                   struct jy_err *err)
{
	struct resident *cur = NULL;
	const char *code = NULL;
	char date[11];
	char *note = NULL;
	int rc;

	assert(c != NULL);
	if ((rc = closing_target(db, id, OP_CLOSE, &cur, err)) != JY_OK)
		return rc;
	if (cur->closed_at) {
		rc = err_set(err, JY_EINVAL, NULL,
		             _("%s's record is closed already (since %s); nothing was changed"),
		             resident_get(cur, RF_NAME), cur->closed_at);
		goto out;
	}
	if ((rc = closing_reason(db, c->reason, &code, err)) != JY_OK)
		goto out;
	if ((rc = closing_date(cur, c->date, date, err)) != JY_OK)
		goto out;
	note = text_is_blank(c->note) ? NULL : text_clean(c->note);
	if ((rc = closing_note(code, note, err)) != JY_OK)
		goto out;
	rc = closing_write(db, cur, version, date, code, note, "close", err);
out:
	free(note);
	resident_free(&cur);
	return rc;
}

int resident_reopen(struct jy_db *db, int64_t id, int64_t version, struct jy_err *err)
{
	struct resident *cur = NULL;
	int rc = closing_target(db, id, OP_REOPEN, &cur, err);
	if (rc)
		return rc;
	if (!cur->closed_at)
		rc = err_set(err, JY_EINVAL, NULL,
		             _("%s's record is not closed; nothing was changed"),
		             resident_get(cur, RF_NAME));
	else
		rc = closing_write(db, cur, version, NULL, NULL, NULL, "reopen", err);
	resident_free(&cur);
	return rc;
}

char *resident_closing_text(struct jy_db *db, const struct resident *r)
{
	struct jy_err err = { 0 };
	const struct code_list *cl = codes_cached(db, "close_reason", &err);
	const char *label = r->close_reason ? codes_label(cl, r->close_reason) : NULL;
	if (!label)
		label = r->close_reason ? r->close_reason : "";  /* its code: the list is unread */
	if (r->close_note && *r->close_note)
		return xasprintf("%s %s（%s）", r->closed_at ? r->closed_at : "", label,
		                 r->close_note);
	return xasprintf("%s %s", r->closed_at ? r->closed_at : "", label);
}
