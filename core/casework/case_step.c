/* core/casework/case_step.c: the handling of a case as dated steps that only go forward, and the
 * time limits of the petition rules.
 *
 *   登记 → 受理 ─→ 办理 (调解, 法律援助, 司法救助, 转劳动监察, 转公安/法院, 整改通知书, 庇护; one or
 *        │         more) → 答复 → 回访 (满意度) → 办结
 *        └→ 不予受理 (with the reason)
 *   复查 reopens a closed or refused case as accepted: its steps before stay, and the 60 days
 *   count again from the reopening. 延期 (once per acceptance, at most case.extend_max days, with
 *   the reason) moves the limit of an accepted case or one being handled.
 *
 * No step is skipped and none goes back: case_step_next is the one table of what may follow what,
 * and a step is never dated before the one it follows nor after today. Each step is one
 * transaction: its row, the case's new state and version, a "step" in the case's history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework_int.h"

static const char *const step_codes[STEP__COUNT] = {
	[STEP_REGISTER] = "register", [STEP_ACCEPT] = "accept", [STEP_REFUSE] = "refuse",
	[STEP_ACTION] = "action", [STEP_ANSWER] = "answer", [STEP_VISIT] = "visit",
	[STEP_CLOSE] = "close", [STEP_REOPEN] = "reopen", [STEP_EXTEND] = "extend",
};
static const char *const step_labels[STEP__COUNT] = {
	[STEP_REGISTER] = "登记", [STEP_ACCEPT] = "受理", [STEP_REFUSE] = "不予受理",
	[STEP_ACTION] = "办理", [STEP_ANSWER] = "答复", [STEP_VISIT] = "回访",
	[STEP_CLOSE] = "办结", [STEP_REOPEN] = "复查", [STEP_EXTEND] = "延期",
};

const char *case_step_code(int step)
{
	return step >= 0 && step < STEP__COUNT ? step_codes[step] : "";
}

const char *case_step_label(int step)
{
	return step >= 0 && step < STEP__COUNT ? step_labels[step] : "";
}

int case_step_of(const char *text)
{
	for (int s = 0; text && s < STEP__COUNT; s++)
		if (strcmp(step_codes[s], text) == 0 || strcmp(step_labels[s], text) == 0)
			return s;
	return -1;
}

int case_step_next(int state, int step)
{
	switch (step) {
	case STEP_ACCEPT:
		return state == CS_REGISTERED ? CS_ACCEPTED : -1;
	case STEP_REFUSE:
		return state == CS_REGISTERED ? CS_REFUSED : -1;
	case STEP_ACTION:
		return state == CS_ACCEPTED || state == CS_HANDLING ? CS_HANDLING : -1;
	case STEP_ANSWER:
		return state == CS_HANDLING ? CS_ANSWERED : -1;
	case STEP_VISIT:
		return state == CS_ANSWERED ? CS_VISITED : -1;
	case STEP_CLOSE:
		return state == CS_VISITED ? CS_CLOSED : -1;
	case STEP_REOPEN:
		return state == CS_CLOSED || state == CS_REFUSED ? CS_ACCEPTED : -1;
	case STEP_EXTEND:
		return state == CS_ACCEPTED || state == CS_HANDLING ? state : -1;
	default:
		return -1;      /* 登记 is the intake's own */
	}
}

/* "受理、不予受理" — the steps that may follow state, for a refusal's message. */
static void steps_after(int state, char *out, size_t size)
{
	size_t o = 0;
	out[0] = '\0';
	for (int s = 0; s < STEP__COUNT; s++)
		if (case_step_next(state, s) >= 0)
			o += (size_t)snprintf(out + o, o < size ? size - o : 0, "%s%s", o ? "、" : "",
			                      step_labels[s]);
	if (!out[0])
		snprintf(out, size, "%s", _("none"));
}

/* ---- time limits ------------------------------------------------------------------------------- */

static int64_t days_of(const char *iso)
{
	int y, m, d;
	return date_split(iso, &y, &m, &d) ? date_days(y, m, d) : -1;
}

int case_limit_of(int state, const char *received, const char *accepted, int extend_days,
                  int accept_days, int finish_days, const char *asof, char limit[11], int *days_left)
{
	int64_t from, add;
	if (state == CS_REGISTERED) {
		from = days_of(received);
		add = accept_days;
	} else if (state == CS_ACCEPTED || state == CS_HANDLING || state == CS_ANSWERED ||
	           state == CS_VISITED) {
		from = days_of(accepted);
		add = (int64_t)finish_days + extend_days;
	} else {
		limit[0] = '\0';
		*days_left = 0;
		return 0;
	}
	int64_t now = days_of(asof);
	if (from < 0 || now < 0) {
		limit[0] = '\0';
		*days_left = 0;
		return 0;
	}
	date_iso(from + add, limit);
	*days_left = (int)(from + add - now);
	return 1;
}

int case_limit(struct jy_db *db, const struct rcase *c, const char *asof, int *has, char limit[11],
               int *days_left, struct jy_err *err)
{
	int accept_days, finish_days;
	int rc = db_setting_int(db, "case.accept_days", 15, &accept_days, err);
	if (!rc)
		rc = db_setting_int(db, "case.finish_days", 60, &finish_days, err);
	if (rc)
		return rc;
	*has = case_limit_of(c->state, case_get(c, KF_RECEIVED), c->accepted_on, c->extend_days,
	                     accept_days, finish_days, asof, limit, days_left);
	return JY_OK;
}

/* ---- writing a step ---------------------------------------------------------------------------- */

int case_step_write(struct jy_db *db, int64_t case_id, int no, int step, const char *date,
                    const char *action, const char *outcome, const char *who, const char *note,
                    int days, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO case_step(case_id, no, step, date, action, outcome, who, note, days, created_at, "
		"created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", err);
	if (!st)
		return JY_EDB;
	char now[32];
	time_now_iso(now);
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, no);
	sqlite3_bind_text(st, 3, step_codes[step], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, date, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 5, action);
	db_bind_text(st, 6, outcome);
	db_bind_text(st, 7, who);
	db_bind_text(st, 8, note);
	if (days > 0)
		sqlite3_bind_int(st, 9, days);
	sqlite3_bind_text(st, 10, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 11, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? JY_OK : db_fail(db, err, _("saving the step"));
}

/* The last step's number and date. */
static int last_step(struct jy_db *db, int64_t id, int *no, char date[11], struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT no, date FROM case_step WHERE case_id = ?1 ORDER BY no DESC LIMIT 1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	*no = 0;
	date[0] = '\0';
	if (s == SQLITE_ROW) {
		*no = sqlite3_column_int(st, 0);
		db_col_copy(st, 1, date, 11);
	}
	sqlite3_reset(st);
	return s == SQLITE_ROW || s == SQLITE_DONE ? JY_OK : db_fail(db, err, _("reading the steps"));
}

/* A code of list as typed (code, label, alias), NULL when blank; JY_EINVAL naming label. */
static int step_code(struct jy_db *db, const char *list, const char *label, const char *in,
                     char **out, struct jy_err *err)
{
	struct field_def fd = { "code", label, "code", FK_CODE, list, 10, 0 };
	return field_check_value(db, &fd, in, out, err);
}

struct step_vals {
	char date[11];
	char *action, *outcome, *who, *note;
};

static void step_vals_free(struct step_vals *v)
{
	free(v->action);
	free(v->outcome);
	free(v->who);
	free(v->note);
}

/* What the step says, checked against the step's kind. */
static int step_check(struct jy_db *db, const struct rcase *c, const struct case_step_in *s,
                      const char *last, struct step_vals *v, struct jy_err *err)
{
	char today[11];
	date_today(today);
	if (text_is_blank(s->date))
		snprintf(v->date, sizeof v->date, "%s", today);
	else if (date_parse(s->date, v->date, err))
		return err_set(err, JY_EINVAL, "日期", "%s", err ? err->msg : "");
	if (strcmp(v->date, today) > 0)
		return err_set(err, JY_EINVAL, "日期", _("%s is after today: a step is recorded when it "
		                                        "is done"), v->date);
	if (*last && strcmp(v->date, last) < 0)
		return err_set(err, JY_EINVAL, "日期", _("%s is before the case's last step (%s): steps "
		                                        "go forward only"), v->date, last);
	int rc = JY_OK;
	if (s->step == STEP_ACTION) {
		rc = step_code(db, "case_action", "办理措施", s->action, &v->action, err);
		if (!rc && !v->action)
			rc = err_set(err, JY_EINVAL, "办理措施", _("required: 调解, 法律援助, 司法救助, "
			                                         "转劳动监察, 转公安/法院, 整改通知书 or 庇护"));
		if (!rc && strcmp(v->action, "1") == 0) {
			rc = step_code(db, "case_outcome", "调解结果", s->outcome, &v->outcome, err);
			if (!rc && !v->outcome)
				rc = err_set(err, JY_EINVAL, "调解结果", _("required for a mediation: "
				                                         "调解成功 or 调解未成功"));
		} else if (!rc && !text_is_blank(s->outcome)) {
			rc = err_set(err, JY_EINVAL, "调解结果", _("only a mediation (调解) has a result"));
		}
	} else if (s->step == STEP_VISIT) {
		rc = step_code(db, "case_satisfaction", "满意度", s->outcome, &v->outcome, err);
		if (!rc && !v->outcome)
			rc = err_set(err, JY_EINVAL, "满意度", _("required: 满意, 基本满意 or 不满意"));
	}
	if (rc)
		return rc;
	if (!text_is_blank(s->note)) {
		v->note = text_clean(s->note);
		if (text_chars(v->note) > 500)
			return err_set(err, JY_EINVAL, "说明", _("too long: at most %d characters (%zu given)"),
			               500, text_chars(v->note));
	}
	int needs = s->step == STEP_REFUSE || s->step == STEP_REOPEN || s->step == STEP_EXTEND ||
	            s->step == STEP_ANSWER;
	if (needs && !v->note)
		return err_set(err, JY_EINVAL, "说明", s->step == STEP_ANSWER ?
		               _("required: what she was answered") : _("required: the reason"));
	if (s->step == STEP_EXTEND) {
		int max;
		if ((rc = db_setting_int(db, "case.extend_max", 30, &max, err)))
			return rc;
		if (c->extend_days > 0)
			return err_set(err, JY_EINVAL, "延期天数", _("%s was extended already (%d days): a case "
			                                           "is extended once"), case_get(c, KF_NO),
			               c->extend_days);
		if (s->days < 1 || s->days > max)
			return err_set(err, JY_EINVAL, "延期天数", _("%d days: an extension is 1 to %d days"),
			               s->days, max);
	}
	v->who = text_is_blank(s->who) ? xstrdup(db_actor(db)->name) : text_clean(s->who);
	return JY_OK;
}

/* The case row after the step: state, the dates the limits count from, the extension. */
static int case_move(struct jy_db *db, const struct rcase *c, int step, int next,
                     const struct step_vals *v, int days, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE rights_case SET state = ?2, "
		"accepted_on = CASE WHEN ?3 IN ('accept', 'reopen') THEN ?4 ELSE accepted_on END, "
		"closed_on = CASE WHEN ?3 = 'close' THEN ?4 WHEN ?3 = 'reopen' THEN NULL ELSE closed_on END, "
		"extend_days = CASE WHEN ?3 = 'extend' THEN ?5 WHEN ?3 = 'reopen' THEN 0 ELSE extend_days END, "
		"extend_reason = CASE WHEN ?3 = 'extend' THEN ?6 WHEN ?3 = 'reopen' THEN NULL "
		"ELSE extend_reason END, reopened = reopened + (?3 = 'reopen'), version = version + 1, "
		"updated_at = ?7, updated_by = ?8 WHERE id = ?1 AND version = ?9", err);
	if (!st)
		return JY_EDB;
	char now[32];
	time_now_iso(now);
	sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_text(st, 2, case_state_code(next), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, step_codes[step], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, v->date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 5, days);
	db_bind_text(st, 6, v->note);
	sqlite3_bind_text(st, 7, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 9, c->version);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE)
		return db_fail(db, err, _("saving the case"));
	if (sqlite3_changes(db_handle(db)) != 1)
		return err_set(err, JY_ECONFLICT, NULL, _("the case was changed meanwhile; nothing was saved"));
	return JY_OK;
}

/* {"state":[old,new],"step":[null,"accept"],"date":[null,"2024-04-11"],...} for the history. */
static char *step_json(int from, int to, int step, const struct step_vals *v, int days)
{
	struct jy_buf b = { 0 };
	buf_addf(&b, "{\"state\":[\"%s\",\"%s\"],\"step\":[null,\"%s\"],\"date\":[null,\"%s\"]",
	         case_state_code(from), case_state_code(to), step_codes[step], v->date);
	if (v->action)
		buf_addf(&b, ",\"action\":[null,\"%s\"]", v->action);
	if (v->outcome)
		buf_addf(&b, ",\"outcome\":[null,\"%s\"]", v->outcome);
	if (days)
		buf_addf(&b, ",\"days\":[null,%d]", days);
	buf_adds(&b, "}");
	return buf_steal(&b);
}

static int step_tx(struct jy_db *db, int64_t id, int64_t *version, const struct case_step_in *s,
                   struct jy_err *err)
{
	struct rcase *c = NULL;
	int rc = case_fetch(db, id, &c, err);
	if (rc)
		return rc;
	struct step_vals v;
	memset(&v, 0, sizeof v);
	int no = 0, next = -1;
	char last[11], allowed[160];
	if ((rc = case_may_read(db, case_get(c, KF_HANDLER), case_get(c, KF_COMMUNITY), err)))
		goto out;
	if (c->version != *version) {
		rc = err_set(err, JY_ECONFLICT, NULL, _("%s was changed by %s at %s since you opened it; "
		                                        "nothing was saved: open it again"),
		             case_get(c, KF_NO), c->updated_by, c->updated_at);
		goto out;
	}
	next = case_step_next(c->state, s->step);
	if (next < 0) {
		steps_after(c->state, allowed, sizeof allowed);
		rc = err_set(err, JY_EINVAL, "步骤", _("%s: a case that is %s cannot be given %s; what may "
		                                      "follow: %s"), case_get(c, KF_NO),
		             case_state_label(c->state), case_step_label(s->step), allowed);
		goto out;
	}
	if ((rc = last_step(db, id, &no, last, err)) || (rc = step_check(db, c, s, last, &v, err)))
		goto out;
	int days = s->step == STEP_EXTEND ? s->days : 0;
	rc = case_step_write(db, id, no + 1, s->step, v.date, v.action, v.outcome, v.who, v.note,
	                     days, err);
	if (!rc)
		rc = case_move(db, c, s->step, next, &v, days, err);
	if (!rc) {
		char *json = step_json(c->state, next, s->step, &v, days);
		rc = history_add(db, "rights_case", id, "step", json, err);
		free(json);
	}
	if (!rc)
		*version = c->version + 1;
out:
	step_vals_free(&v);
	case_free(&c);
	return rc;
}

int case_step_add(struct jy_db *db, int64_t id, int64_t *version, const struct case_step_in *s,
                  struct jy_err *err)
{
	if (s->step < 0 || s->step >= STEP__COUNT)
		return err_set(err, JY_EINVAL, "步骤", _("not a step: 受理, 不予受理, 办理, 答复, 回访, 办结, "
		                                        "复查 or 延期"));
	int own = !db_in_tx(db);        /* inside an import's or the demo's transaction: theirs */
	int rc = own ? db_begin(db, err) : JY_OK;
	if (rc)
		return rc;
	int64_t was = *version;
	rc = step_tx(db, id, version, s, err);
	if (rc)
		*version = was;
	if (own) {
		if (rc)
			db_rollback(db);
		else
			rc = db_commit(db, err);
	}
	return rc;
}

/* ---- reading the steps ------------------------------------------------------------------------- */

void case_steps_free(struct case_step_row **rows, int n)
{
	for (int i = 0; *rows && i < n; i++)
		free((*rows)[i].note);
	free(*rows);
	*rows = NULL;
}

int case_steps(struct jy_db *db, int64_t id, struct case_step_row **rows, int *n, struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	struct rcase *c = NULL;
	int rc = case_fetch(db, id, &c, err);
	if (!rc)
		rc = case_opened(db, c, "steps", err);
	case_free(&c);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT s.no, s.step, s.date, s.action, s.outcome, s.who, s.note, s.days, "
		"coalesce(w.name, s.created_by) FROM case_step s LEFT JOIN worker w ON w.os_user = s.created_by "
		"WHERE s.case_id = ?1 ORDER BY s.no", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s, cap = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*rows = xrealloc(*rows, sizeof **rows * (size_t)(cap = cap ? cap * 2 : 8));
		struct case_step_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->no = sqlite3_column_int(st, 0);
		r->step = case_step_of((const char *)sqlite3_column_text(st, 1));
		db_col_copy(st, 2, r->date, sizeof r->date);
		db_col_copy(st, 3, r->action, sizeof r->action);
		db_col_copy(st, 4, r->outcome, sizeof r->outcome);
		db_col_copy(st, 5, r->who, sizeof r->who);
		r->note = db_col_str(st, 6);
		r->days = sqlite3_column_int(st, 7);
		db_col_copy(st, 8, r->by, sizeof r->by);
	}
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		case_steps_free(rows, *n);
		*n = 0;
		return db_fail(db, err, _("reading the steps"));
	}
	return JY_OK;
}
