/* core/jobs/referral.c: sending a resident to a posting (职业介绍/推荐, W4) and what came of it.
 *
 * The rules, each refused in words a worker can act on:
 *   - she agreed that her details go to the employer (PIPL art. 23), or there is no referral;
 *   - the posting is open as of today; her record is not closed;
 *   - one referral per person and posting (001's UNIQUE says so too);
 *   - stages go forward only: 已推荐 → 面试 → 录用 / 未录用 / 本人放弃 (the result may come straight
 *     after 已推荐), the last three are final, and no step is dated before the one it follows;
 *   - a hire is a placement (placement.c): it counts against the openings and fills the posting.
 * Every step is a dated row of referral_stage and a line in the history of the referral and of
 * the resident, so report C3/C4 (referrals, successful referrals) come out of the data.
 *
 * Who may: a referral is about a resident, so it is seen (OP_VIEW), made (OP_CREATE)
 * and taken further (OP_EDIT) only by a worker whose communities hold hers; the lists show only
 * such referrals. Statistics count them in reports and never see one. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs/jobs_int.h"

#define F_CONSENT "本人同意"
#define F_DATE "日期"
#define F_STAGE "进展"
#define F_NOTE "备注"
#define F_RESIDENT "身份证号"     /* the column a file names her by */

struct referral *referral_new(void)
{
	return xcalloc(1, sizeof(struct referral));
}

void referral_free(struct referral **pr)
{
	struct referral *r = *pr;
	if (!r)
		return;
	free(r->referred_on);
	free(r->stage_on);
	free(r->note);
	free(r->channel);
	free(r->resident_name);
	free(r->reg_no);
	free(r->posting_code);
	free(r->posting_title);
	free(r->employer);
	free(r->created_by);
	free(r->updated_at);
	free(r->updated_by);
	free(r);
	*pr = NULL;
}

int referral_load(struct jy_db *db, int64_t id, struct referral **out, struct jy_err *err)
{
	*out = NULL;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT r.id, r.version, r.resident_id, r.posting_id, r.stage, r.referred_on, r.stage_on, "
		"r.note, r.channel, r.consent, res.name, res.reg_no, p.code, p.title, e.name, p.public_welfare, "
		"r.created_by, r.updated_at, r.updated_by, coalesce(res.community, '') FROM referral r "
		"JOIN resident res ON res.id = r.resident_id JOIN posting p ON p.id = r.posting_id "
		"JOIN employer e ON e.id = p.employer_id WHERE r.id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? err_set(err, JY_ENOTFOUND, NULL, _("referral %lld not found"), (long long)id)
		                         : db_fail(db, err, _("reading the referral"));
	}
	/* hers to see: the worker's role, and the resident's community among hers */
	char community[64];
	db_col_copy(st, 19, community, sizeof community);
	int denied = access_check(db, OP_VIEW, community, err);
	if (denied) {
		sqlite3_reset(st);
		if (err && access_may(db, OP_VIEW))
			snprintf(err->field, sizeof err->field, "%s", F_RESIDENT);
		return denied;
	}
	struct referral *r = referral_new();
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	r->resident_id = sqlite3_column_int64(st, 2);
	r->posting_id = sqlite3_column_int64(st, 3);
	db_col_copy(st, 4, r->stage, sizeof r->stage);
	r->referred_on = db_col_str(st, 5);
	r->stage_on = db_col_str(st, 6);
	r->note = db_col_str(st, 7);
	r->channel = db_col_str(st, 8);
	r->consent = sqlite3_column_int(st, 9);
	r->resident_name = db_col_str(st, 10);
	r->reg_no = db_col_str(st, 11);
	r->posting_code = db_col_str(st, 12);
	r->posting_title = db_col_str(st, 13);
	r->employer = db_col_str(st, 14);
	r->public_welfare = sqlite3_column_int(st, 15);
	r->created_by = db_col_str(st, 16);
	r->updated_at = db_col_str(st, 17);
	r->updated_by = db_col_str(st, 18);
	sqlite3_reset(st);
	*out = r;
	return JY_OK;
}

int referral_find(struct jy_db *db, int64_t resident_id, int64_t posting_id, int64_t *id,
                  struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id FROM referral WHERE resident_id = ?1 AND posting_id = ?2", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, resident_id);
	sqlite3_bind_int64(st, 2, posting_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return JY_OK;
	return rc == SQLITE_DONE ? JY_ENOTFOUND : db_fail(db, err, _("reading the referrals"));
}

/* ---- the stages ----------------------------------------------------------------------------- */

/* The stored words of the stages (002's ref_stage codes), by enum ref_stage. */
static const char *const stage_codes[STAGE__UNKNOWN] = {
	[STAGE_REFERRED] = "referred", [STAGE_INTERVIEW] = "interview", [STAGE_HIRED] = "hired",
	[STAGE_REJECTED] = "rejected", [STAGE_DECLINED] = "declined",
};

enum ref_stage referral_stage_of(const char *stage)
{
	for (int s = 0; stage && s < STAGE__UNKNOWN; s++)
		if (strcmp(stage_codes[s], stage) == 0)
			return (enum ref_stage)s;
	return STAGE__UNKNOWN;
}

const char *referral_stage_code(enum ref_stage s)
{
	assert((unsigned)s < STAGE__UNKNOWN);
	return stage_codes[s];
}

static const struct {
	enum ref_stage from, to;
} steps[] = {
	{ STAGE_REFERRED, STAGE_INTERVIEW }, { STAGE_REFERRED, STAGE_HIRED },
	{ STAGE_REFERRED, STAGE_REJECTED }, { STAGE_REFERRED, STAGE_DECLINED },
	{ STAGE_INTERVIEW, STAGE_HIRED }, { STAGE_INTERVIEW, STAGE_REJECTED },
	{ STAGE_INTERVIEW, STAGE_DECLINED },
};

int referral_can(const char *from, const char *to)
{
	enum ref_stage f = referral_stage_of(from), t = referral_stage_of(to);
	for (size_t i = 0; i < ARRAY_LEN(steps); i++)
		if (steps[i].from == f && steps[i].to == t)
			return 1;
	return 0;
}

/* A stage's label for the messages of a step refused: its code stands in when the labels cannot
 * be read, and the step is refused all the same. */
static const char *stage_label(struct jy_db *db, const char *stage)
{
	const char *l = codes_label(codes_cached(db, "ref_stage", NULL), stage);
	return l ? l : stage;
}

/* ---- search keys: her name (initials, characters), registration number, the posting ---------- */

/* The search key into *key (Caller frees). */
static int referral_skey(struct jy_db *db, int64_t rid, int64_t pid, char **key, struct jy_err *err)
{
	char *name = NULL, *reg = NULL, *title = NULL, *code = NULL, *emp = NULL;
	*key = NULL;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT (SELECT name FROM resident WHERE id = ?1), (SELECT reg_no FROM resident WHERE id = ?1), "
		"p.title, p.code, e.name FROM posting p JOIN employer e ON e.id = p.employer_id "
		"WHERE p.id = ?2", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_int64(st, 2, pid);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		name = db_col_str(st, 0);
		reg = db_col_str(st, 1);
		title = db_col_str(st, 2);
		code = db_col_str(st, 3);
		emp = db_col_str(st, 4);
	}
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, _("reading the referral"));
	const char *extra[] = { reg, title, code, emp };
	char *k = jobs_skey(name, extra, 4);
	char *t2 = jobs_skey(title, NULL, 0);       /* the title's initials too */
	*key = xasprintf("%s%s", k, t2);
	free(k);
	free(t2);
	free(name);
	free(reg);
	free(title);
	free(code);
	free(emp);
	return JY_OK;
}

int referral_fill_keys(struct jy_db *db, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id, resident_id, posting_id FROM referral WHERE skey IS NULL", err);
	if (!st)
		return JY_EDB;
	int64_t (*ids)[3] = NULL;
	int n = 0, cap = 0, s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap)
			ids = xrealloc(ids, sizeof *ids * (size_t)(cap = cap ? cap * 2 : 16));
		for (int k = 0; k < 3; k++)
			ids[n][k] = sqlite3_column_int64(st, k);
		n++;
	}
	sqlite3_reset(st);
	int rc = s == SQLITE_DONE ? JY_OK : db_fail(db, err, _("reading the referrals"));
	for (int i = 0; i < n && !rc; i++) {
		char *key = NULL;
		if ((rc = referral_skey(db, ids[i][1], ids[i][2], &key, err)))
			break;
		sqlite3_stmt *up = db_prepare(db, "UPDATE referral SET skey = ?2 WHERE id = ?1", err);
		if (!up) {
			rc = JY_EDB;
		} else {
			sqlite3_bind_int64(up, 1, ids[i][0]);
			sqlite3_bind_text(up, 2, key, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(up) != SQLITE_DONE)
				rc = db_fail(db, err, _("saving"));
			sqlite3_reset(up);
		}
		free(key);
	}
	free(ids);
	return rc;
}

/* ---- a new referral --------------------------------------------------------------------------- */

/* "王秀兰 (R-000001)" and "J-002 社区保洁员" for the histories. Caller frees both. */
static int referral_names(struct jy_db *db, int64_t rid, int64_t pid, char **rl, char **pl,
                          struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT (SELECT name || ' (' || reg_no || ')' FROM resident WHERE id = ?1), "
		"(SELECT code || ' ' || title FROM posting WHERE id = ?2)", err);
	*rl = *pl = NULL;
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_int64(st, 2, pid);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		*rl = db_col_str(st, 0);
		*pl = db_col_str(st, 1);
	}
	sqlite3_reset(st);
	return s == SQLITE_ROW ? JY_OK : db_fail(db, err, _("reading the referral"));
}

static int step_row(struct jy_db *db, int64_t id, const char *stage, const char *date, const char *note,
                    struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO referral_stage(referral_id, stage, date, note, created_at, created_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	if (!st)
		return JY_EDB;
	char now[32];
	time_now_iso(now);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, stage, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, date, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 4, note);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? JY_OK : db_fail(db, err, _("saving the referral"));
}

/* A date as typed (default today), checked; out has 11 bytes. */
static int date_or_today(const char *in, char out[11], const char *label, struct jy_err *err)
{
	if (text_is_blank(in)) {
		date_today(out);
		return JY_OK;
	}
	if (date_parse(in, out, err) != JY_OK) {
		if (err)
			snprintf(err->field, sizeof err->field, "%s", label);
		return JY_EINVAL;
	}
	return JY_OK;
}

static int note_check(const char *in, char **out, struct jy_err *err)
{
	*out = NULL;
	if (text_is_blank(in))
		return JY_OK;
	char *v = text_clean(in);
	if (text_chars(v) > 200) {
		size_t n = text_chars(v);
		free(v);
		return err_set(err, JY_EINVAL, F_NOTE, _("too long: at most %d characters (%zu given)"), 200, n);
	}
	*out = v;
	return JY_OK;
}

/* Who she is and whether the posting takes referrals, for the checks of referral_add. */
static int referral_parties(struct jy_db *db, const struct referral *r, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT name, reg_no, closed_at FROM resident WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, r->resident_id);
	int rc = JY_OK, s = sqlite3_step(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		rc = db_fail(db, err, _("reading a resident"));
	else if (s != SQLITE_ROW)
		rc = err_set(err, JY_ENOTFOUND, NULL, _("resident %lld not found"), (long long)r->resident_id);
	else if (sqlite3_column_type(st, 2) != SQLITE_NULL)
		rc = err_set(err, JY_EINVAL, NULL, _("%s (%s): the record is closed; reopen it before a referral"),
		             sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	if (rc)
		return rc;
	struct jobrec *p = NULL;
	if ((rc = jobrec_load(db, JR_POSTING, r->posting_id, &p, err)))
		return rc;
	if (strcmp(p->state, "open") != 0) {
		/* for a refusal's message: the code stands in when the labels are unreadable */
		const char *l = codes_label(codes_cached(db, "posting_status", NULL), p->state);
		rc = err_set(err, JY_EINVAL, "岗位编号",
		             _("%s %s is %s: referrals go to open postings (reopen it, or extend its closing date)"),
		             p->code, jobrec_get(p, PST_TITLE), l ? l : p->state);
	}
	jobrec_free(&p);
	return rc;
}

static int referral_dup(struct jy_db *db, const struct referral *r, struct jy_err *err)
{
	int64_t other;
	int rc = referral_find(db, r->resident_id, r->posting_id, &other, err);
	if (rc != JY_OK)
		return rc == JY_ENOTFOUND ? JY_OK : rc;
	/* the details are for the message only: the second referral is refused either way */
	struct referral *o = NULL;
	if (referral_load(db, other, &o, NULL) != JY_OK)
		return err_set(err, JY_EDUP, NULL, _("already referred to this posting"));
	err_set(err, JY_EDUP, "岗位编号", _("%s was already referred to %s %s on %s (now: %s); one referral per "
	                              "person and posting: record what came of it there"),
	        o->resident_name, o->posting_code, o->posting_title, o->referred_on,
	        stage_label(db, o->stage));
	if (err)
		err->other_id = other;
	referral_free(&o);
	return JY_EDUP;
}

static int referral_insert(struct jy_db *db, struct referral *r, const char *date, const char *note,
                           struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO referral(resident_id, posting_id, stage, referred_on, stage_on, consent, note, "
		"channel, created_at, created_by, updated_at, updated_by, skey) "
		"VALUES (?1, ?2, 'referred', ?3, ?3, 1, ?4, ?5, ?6, ?7, ?6, ?7, ?8)", err);
	if (!st)
		return JY_EDB;
	char now[32];
	time_now_iso(now);
	char *skey = NULL;
	int rc = referral_skey(db, r->resident_id, r->posting_id, &skey, err);
	if (rc)
		return rc;
	char *channel = text_is_blank(r->channel) ? NULL : text_clean(r->channel);
	sqlite3_bind_int64(st, 1, r->resident_id);
	sqlite3_bind_int64(st, 2, r->posting_id);
	sqlite3_bind_text(st, 3, date, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 4, note);
	db_bind_text(st, 5, channel);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, skey, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	free(skey);
	if (rc != SQLITE_DONE) {
		free(channel);
		if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE)
			return referral_dup(db, r, err);
		return db_fail(db, err, _("saving the referral"));
	}
	r->id = sqlite3_last_insert_rowid(db_handle(db));
	rc = step_row(db, r->id, "referred", date, note, err);
	/* her history names the posting, the posting's names her, the referral's both and her consent */
	char *rl = NULL, *pl = NULL;
	if (!rc)
		rc = referral_names(db, r->resident_id, r->posting_id, &rl, &pl, err);
	struct jy_buf tail = { 0 }, j = { 0 };
	buf_addf(&tail, ",\"stage\":[null,\"referred\"],\"referred_on\":[null,\"%s\"]", date);
	if (note) {
		buf_adds(&tail, ",\"note\":[null,");
		history_json_str(&tail, note);
		buf_adds(&tail, "]");
	}
	if (channel) {
		buf_adds(&tail, ",\"channel\":[null,");
		history_json_str(&tail, channel);
		buf_adds(&tail, "]");
	}
	buf_adds(&j, "{\"resident\":[null,");
	history_json_str(&j, rl);
	buf_adds(&j, "],\"posting\":[null,");
	history_json_str(&j, pl);
	buf_addf(&j, "]%s,\"consent\":[null,\"是\"]}", tail.s);
	if (!rc)
		rc = history_add(db, "referral", r->id, "create", j.s, err);
	buf_reset(&j);
	buf_adds(&j, "{\"posting\":[null,");
	history_json_str(&j, pl);
	buf_addf(&j, "]%s}", tail.s);
	if (!rc)
		rc = history_add(db, "resident", r->resident_id, "referral", j.s, err);
	buf_reset(&j);
	buf_adds(&j, "{\"resident\":[null,");
	history_json_str(&j, rl);
	buf_addf(&j, "]%s}", tail.s);
	if (!rc)
		rc = history_add(db, "posting", r->posting_id, "referral", j.s, err);
	buf_free(&j);
	buf_free(&tail);
	free(rl);
	free(pl);
	free(channel);
	return rc;
}

int referral_add(struct jy_db *db, struct referral *r, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	char date[11];
	char *note = NULL;
	int rc = resident_access(db, r->resident_id, OP_CREATE, err);
	if (rc)
		return rc;
	if (!r->consent)
		return err_set(err, JY_EINVAL, F_CONSENT,
		               _("she must agree that her details go to the employer (PIPL art. 23): ask her, "
		                 "then answer 是"));
	if (date_or_today(r->referred_on, date, "推荐日期", err) || note_check(r->note, &note, err))
		return JY_EINVAL;
	rc = db_begin(db, err);
	if (!rc)
		rc = referral_parties(db, r, err);
	if (!rc)
		rc = referral_dup(db, r, err);
	if (!rc)
		rc = referral_insert(db, r, date, note, err);
	free(note);
	if (rc) {
		db_rollback(db);
		r->id = 0;
		return rc;
	}
	if ((rc = db_commit(db, err))) {
		r->id = 0;
		return rc;
	}
	r->version = 1;
	snprintf(r->stage, sizeof r->stage, "referred");
	return JY_OK;
}

/* ---- the next step ---------------------------------------------------------------------------- */

static int advance_checks(struct jy_db *db, const struct referral *cur, const char *to, const char *date,
                          struct jy_err *err)
{
	if (!referral_can(cur->stage, to)) {
		if (strcmp(cur->stage, to) == 0)
			return err_set(err, JY_EINVAL, F_STAGE, _("the referral is at %s already"),
			               stage_label(db, to));
		if (strcmp(cur->stage, "referred") && strcmp(cur->stage, "interview"))
			return err_set(err, JY_EINVAL, F_STAGE,
			               _("%s is final: a referral that ended cannot go on to %s (refer her again "
			                 "to another posting)"), stage_label(db, cur->stage), stage_label(db, to));
		return err_set(err, JY_EINVAL, F_STAGE,
		               _("%s cannot follow %s: a referral goes 已推荐 → 面试 → 录用, 未录用 or 本人放弃"),
		               stage_label(db, to), stage_label(db, cur->stage));
	}
	if (cur->stage_on && strcmp(date, cur->stage_on) < 0)
		return err_set(err, JY_EINVAL, F_DATE, _("%s is before the last step (%s on %s)"), date,
		               stage_label(db, cur->stage), cur->stage_on);
	return JY_OK;
}

static int advance_write(struct jy_db *db, const struct referral *cur, const char *to, const char *date,
                         const char *note, const struct hire *h, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE referral SET stage = ?2, stage_on = ?3, version = version + 1, updated_at = ?4, "
		"updated_by = ?5 WHERE id = ?1 AND version = ?6", err);
	if (!st)
		return JY_EDB;
	char now[32];
	time_now_iso(now);
	sqlite3_bind_int64(st, 1, cur->id);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 6, cur->version);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("saving the referral"));
	if (sqlite3_changes(db_handle(db)) != 1)
		return err_set(err, JY_ECONFLICT, NULL, _("someone else recorded a step of this referral after you "
		                                         "opened it; nothing was saved. Look again, then go on"));
	/* static storage for step_row; to is a stage, advance_checks allowed the step to it */
	const char *stored = referral_stage_code(referral_stage_of(to));
	if ((rc = step_row(db, cur->id, stored, date, note, err)))
		return rc;
	struct jy_buf j = { 0 };
	buf_addf(&j, "{\"stage\":[\"%s\",\"%s\"]", cur->stage, to);
	if (!cur->stage_on || strcmp(cur->stage_on, date) != 0) {
		buf_adds(&j, ",\"stage_on\":[");
		history_json_str(&j, cur->stage_on);
		buf_addf(&j, ",\"%s\"]", date);
	}
	if (note) {
		buf_adds(&j, ",\"note\":[null,");
		history_json_str(&j, note);
		buf_adds(&j, "]");
	}
	buf_adds(&j, "}");
	rc = history_add(db, "referral", cur->id, "stage", j.s, err);
	char *pl = xasprintf("%s %s", cur->posting_code, cur->posting_title);
	struct jy_buf jr = { 0 };
	buf_adds(&jr, "{\"posting\":[null,");
	history_json_str(&jr, pl);
	buf_addf(&jr, "],%s", j.s + 1);
	if (!rc)
		rc = history_add(db, "resident", cur->resident_id, "referral", jr.s, err);
	free(pl);
	buf_free(&jr);
	buf_free(&j);
	if (!rc && strcmp(to, "hired") == 0)
		rc = placement_hire(db, cur->resident_id, cur->id, cur->posting_id, date, note, h, err);
	return rc;
}

int referral_advance(struct jy_db *db, struct referral *r, const char *stage, const char *date_in,
                     const char *note_in, const struct hire *h, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	int rc = access_check(db, OP_EDIT, NULL, err);
	if (rc)
		return rc;
	const struct code_list *stages = codes_cached(db, "ref_stage", err);
	if (!stages)
		return JY_EDB;
	const char *to = codes_find(stages, stage ? stage : "");
	if (!to || strcmp(to, "referred") == 0)
		return err_set(err, JY_EINVAL, F_STAGE, _("choose what came of the referral: 面试, 录用, 未录用 "
		                                         "or 本人放弃"));
	char date[11];
	char *note = NULL;
	if (date_or_today(date_in, date, F_DATE, err) || note_check(note_in, &note, err))
		return JY_EINVAL;
	if ((rc = db_begin(db, err))) {
		free(note);
		return rc;
	}
	struct referral *cur = NULL;
	rc = referral_load(db, r->id, &cur, err);      /* and hers: in the worker's communities */
	if (!rc && cur->version != r->version)
		rc = err_set(err, JY_ECONFLICT, NULL, _("someone else recorded a step of this referral after you "
		                                       "opened it; nothing was saved. Look again, then go on"));
	if (!rc)
		rc = advance_checks(db, cur, to, date, err);
	if (!rc)
		rc = advance_write(db, cur, to, date, note, h, err);
	referral_free(&cur);
	free(note);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	if ((rc = db_commit(db, err)))
		return rc;
	r->version++;
	snprintf(r->stage, sizeof r->stage, "%s", to);
	return JY_OK;
}

int referral_step_each(struct jy_db *db, int64_t id,
                       int (*cb)(void *arg, const struct referral_step *s), void *arg,
                       struct jy_err *err)
{
	struct referral *r = NULL;
	int rc = referral_load(db, id, &r, err);       /* hers to see, as the referral itself */
	referral_free(&r);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT stage, date, note, created_by FROM referral_stage WHERE referral_id = ?1 "
		"ORDER BY id", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct referral_step step = {
			.stage = (const char *)sqlite3_column_text(st, 0),
			.date = (const char *)sqlite3_column_text(st, 1),
			.note = (const char *)sqlite3_column_text(st, 2),
			.worker = (const char *)sqlite3_column_text(st, 3),
		};
		if ((rc = cb(arg, &step)))
			break;
	}
	sqlite3_reset(st);
	if (!rc && s != SQLITE_DONE)
		rc = db_fail(db, err, _("reading the referral"));
	return rc;
}

static void referral_row_read(sqlite3_stmt *st, void *row)
{
	struct referral_row *r = row;
	r->id = sqlite3_column_int64(st, 0);
	r->resident_id = sqlite3_column_int64(st, 1);
	r->posting_id = sqlite3_column_int64(st, 2);
	db_col_copy(st, 3, r->name, sizeof r->name);
	db_col_copy(st, 4, r->reg_no, sizeof r->reg_no);
	db_col_copy(st, 5, r->posting_code, sizeof r->posting_code);
	db_col_copy(st, 6, r->title, sizeof r->title);
	db_col_copy(st, 7, r->employer, sizeof r->employer);
	db_col_copy(st, 8, r->stage, sizeof r->stage);
	db_col_copy(st, 9, r->referred_on, sizeof r->referred_on);
	db_col_copy(st, 10, r->stage_on, sizeof r->stage_on);
}

int referral_search(struct jy_db *db, const char *query, int64_t resident_id, int64_t posting_id,
                    const char *cursor, int limit, struct job_page *out, struct jy_err *err)
{
	memset(out, 0, sizeof *out);
	int denied = access_check(db, OP_VIEW, NULL, err);
	if (denied)
		return denied;
	if (limit <= 0 || limit > 200)
		limit = 200;
	/* only the referrals of residents in the worker's communities */
	sqlite3_stmt *st = db_prepare(db,
		"SELECT r.id, r.resident_id, r.posting_id, res.name, res.reg_no, p.code, p.title, e.name, "
		"r.stage, r.referred_on, r.stage_on FROM referral r "
		"JOIN resident res ON res.id = r.resident_id JOIN posting p ON p.id = r.posting_id "
		"JOIN employer e ON e.id = p.employer_id "
		"WHERE (?1 IS NULL OR instr(coalesce(r.skey, res.name || ' ' || p.title), ?1) > 0) "
		"AND (?2 = 0 OR r.id < ?2) AND (?4 = 0 OR r.resident_id = ?4) AND (?5 = 0 OR r.posting_id = ?5) "
		"AND jy_in_scope(res.community) ORDER BY r.id DESC LIMIT ?3", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 4, resident_id);
	sqlite3_bind_int64(st, 5, posting_id);
	return jobs_page_read(db, st, query, cursor, limit, sizeof(struct referral_row),
	                      referral_row_read, _("reading the referrals"), out, err);
}

int referral_stale(struct jy_db *db, const char *asof, int days, int limit,
                   struct referral_stale_row **rows, int *n, int *total, struct jy_err *err)
{
	*rows = NULL;
	*n = *total = 0;
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (rc)
		return rc;
	char today[11], until[11];
	if (!asof || !*asof) {
		date_today(today);
		asof = today;
	}
	if (days < 0 && db_setting_int(db, "jobs.feedback_days", 14, &days, err))
		return JY_EDB;
	int y, m, d;
	if (!date_split(asof, &y, &m, &d))
		return err_set(err, JY_EINVAL, NULL, _("not a date: %s"), asof);
	int64_t t0 = date_days(y, m, d);
	date_add_days(asof, -days, until);
	sqlite3_stmt *st = db_prepare(db,
		"SELECT f.id, f.resident_id, r.name, r.reg_no, coalesce(e.name, ''), coalesce(p.title, ''), "
		"f.referred_on FROM referral f JOIN resident r ON r.id = f.resident_id "
		"JOIN posting p ON p.id = f.posting_id LEFT JOIN employer e ON e.id = p.employer_id "
		"WHERE f.stage = 'referred' AND f.referred_on <= ?1 AND jy_in_scope(r.community) "
		"ORDER BY f.referred_on, f.id LIMIT ?2", err);
	if (!st)
		return JY_EDB;
	/* the count: for a worker of every community from referral_waiting alone */
	sqlite3_stmt *count = NULL;
	if (limit > 0 && !(count = db_prepare(db, access_scope_all(db)
		? "SELECT count(*) FROM referral f INDEXED BY referral_waiting "
		  "WHERE f.stage = 'referred' AND f.referred_on <= ?1"
		: "SELECT count(*) FROM referral f INDEXED BY referral_waiting "
		  "JOIN resident r ON r.id = f.resident_id "
		  "WHERE f.stage = 'referred' AND f.referred_on <= ?1 AND jy_in_scope(r.community)", err)))
		return JY_EDB;
	sqlite3_bind_text(st, 1, until, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
	int cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*rows = xrealloc(*rows, sizeof **rows * (size_t)(cap = cap ? cap * 2 : 16));
		struct referral_stale_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		r->resident_id = sqlite3_column_int64(st, 1);
		db_col_copy(st, 2, r->name, sizeof r->name);
		db_col_copy(st, 3, r->reg_no, sizeof r->reg_no);
		db_col_copy(st, 4, r->employer, sizeof r->employer);
		db_col_copy(st, 5, r->title, sizeof r->title);
		db_col_copy(st, 6, r->referred_on, sizeof r->referred_on);
		if (date_split(r->referred_on, &y, &m, &d))
			r->days = (int)(t0 - date_days(y, m, d));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		FREE(rows);
		*n = 0;
		return db_fail(db, err, _("reading the referrals"));
	}
	*total = *n;
	if (count) {
		sqlite3_bind_text(count, 1, until, -1, SQLITE_TRANSIENT);
		int s = sqlite3_step(count);
		if (s == SQLITE_ROW)
			*total = sqlite3_column_int(count, 0);
		sqlite3_reset(count);
		if (s != SQLITE_ROW) {
			FREE(rows);
			*n = *total = 0;
			return db_fail(db, err, _("reading the referrals"));
		}
	}
	return JY_OK;
}
