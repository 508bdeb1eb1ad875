/* core/casework/rcase.c: a rights case (维权案件 / 来信来访) from intake to the lists.
 *
 * A case is about a woman in trouble: a violent husband, wages owed, land taken. So its text — the
 * complaint, who she is, her phone — is read only by a 审核 or 管理员 of the case's community and
 * by the case's handler (信访代理员), and every opening is written to the audit trail, refused
 * ones too. A clerk of the community may register a case she takes at the desk (she is often the
 * first to hear it) and then sees it in the lists like everyone in scope: its number, type, state
 * and days left, never whose it is nor what it says. Statistics see the figures only.
 *
 * A woman not yet registered is kept by name, phone and community; when she registers,
 * case_link joins the case to her record, and from then on her name and phone are her record's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework_int.h"

const struct field_def case_fields[KF__COUNT] = { CASE_FIELDS(FIELD_DEF_ROW) };

static const char *const state_codes[CS__COUNT] = {
	[CS_REGISTERED] = "registered", [CS_ACCEPTED] = "accepted", [CS_REFUSED] = "refused",
	[CS_HANDLING] = "handling", [CS_ANSWERED] = "answered", [CS_VISITED] = "visited",
	[CS_CLOSED] = "closed",
};
/* The states as the federation's registers name them, in both languages (as the code lists'
 * labels are). */
static const char *const state_labels[CS__COUNT] = {
	[CS_REGISTERED] = "登记", [CS_ACCEPTED] = "已受理", [CS_REFUSED] = "不予受理",
	[CS_HANDLING] = "办理中", [CS_ANSWERED] = "已答复", [CS_VISITED] = "已回访", [CS_CLOSED] = "办结",
};

const char *case_state_code(int state)
{
	return state >= 0 && state < CS__COUNT ? state_codes[state] : "";
}

int case_state_of(const char *code)
{
	for (int s = 0; code && s < CS__COUNT; s++)
		if (strcmp(state_codes[s], code) == 0)
			return s;
	return -1;
}

const char *case_state_label(int state)
{
	return state >= 0 && state < CS__COUNT ? state_labels[state] : "";
}

struct rcase *case_new(void)
{
	struct rcase *c = xcalloc(1, sizeof *c);
	c->state = CS_REGISTERED;
	return c;
}

void case_free(struct rcase **pc)
{
	struct rcase *c = *pc;
	if (!c)
		return;
	field_values_free(c->v, KF__COUNT);
	free(c->extend_reason);
	free(c->created_at);
	free(c->created_by);
	free(c->updated_at);
	free(c->updated_by);
	free(c);
	*pc = NULL;
}

void case_set(struct rcase *c, int field, const char *value)
{
	if (field >= 0 && field < KF__COUNT)
		field_value_set(&c->v[field], value);
}

const char *case_get(const struct rcase *c, int field)
{
	return field >= 0 && field < KF__COUNT ? field_value_get(c->v[field]) : "";
}

int case_display(struct jy_db *db, const struct rcase *c, int field, char **out, struct jy_err *err)
{
	*out = NULL;
	if (field < 0 || field >= KF__COUNT)
		return err_set(err, JY_EINVAL, NULL, _("no such field"));
	if (case_fields[field].kind != FK_UNIT || !c->v[field])
		return field_show(db, &case_fields[field], c->v[field], out, err);
	const struct code_list *units = codes_cached(db, "@units", err);
	if (!units)
		return JY_EDB;
	const char *name = codes_label(units, c->v[field]);
	*out = xstrdup(name ? name : c->v[field]);
	return JY_OK;
}

/* ---- who may read ------------------------------------------------------------------------------ */

int case_may_read(struct jy_db *db, const char *handler, const char *community, struct jy_err *err)
{
	const struct jy_actor *me = db_actor(db);
	if (handler && *handler && strcmp(handler, me->os_user) == 0 && me->role != ROLE_STATS)
		return JY_OK;
	if (me->role == ROLE_REVIEWER || me->role == ROLE_ADMIN)
		return access_check(db, OP_VIEW, community && *community ? community : NULL, err);
	return err_set(err, JY_EPERM, "", _("%s (%s) may not read this case: its text is for a reviewer, "
	                                    "an administrator and the case's handler"),
	               me->os_user, role_label(me->role));
}

/* ---- loading ----------------------------------------------------------------------------------- */

#define CASE_COLS \
	"c.id, c.version, c.case_no, c.received_on, c.received_time, c.channel, c.type, " \
	"c.resident_id, coalesce(r.name, c.person_name), coalesce(r.phone, c.person_phone), " \
	"coalesce(r.community, c.community), c.complaint, c.respondent, c.employer_id, e.code, " \
	"c.urgency, c.handler, c.state, c.accepted_on, c.closed_on, c.extend_days, c.extend_reason, " \
	"c.reopened, c.created_at, c.created_by, c.updated_at, c.updated_by, r.id_no "

static struct rcase *case_read(sqlite3_stmt *st)
{
	struct rcase *c = case_new();
	c->id = sqlite3_column_int64(st, 0);
	c->version = sqlite3_column_int64(st, 1);
	c->v[KF_NO] = db_col_str(st, 2);
	c->v[KF_RECEIVED] = db_col_str(st, 3);
	c->v[KF_TIME] = db_col_str(st, 4);
	c->v[KF_CHANNEL] = db_col_str(st, 5);
	c->v[KF_TYPE] = db_col_str(st, 6);
	c->resident_id = sqlite3_column_int64(st, 7);
	c->v[KF_NAME] = db_col_str(st, 8);
	c->v[KF_PHONE] = db_col_str(st, 9);
	c->v[KF_COMMUNITY] = db_col_str(st, 10);
	c->v[KF_COMPLAINT] = db_col_str(st, 11);
	c->v[KF_RESPONDENT] = db_col_str(st, 12);
	c->employer_id = sqlite3_column_int64(st, 13);
	c->v[KF_EMPLOYER] = db_col_str(st, 14);
	c->v[KF_URGENCY] = db_col_str(st, 15);
	c->v[KF_HANDLER] = db_col_str(st, 16);
	char state[16];
	db_col_copy(st, 17, state, sizeof state);
	c->state = case_state_of(state);
	db_col_copy(st, 18, c->accepted_on, sizeof c->accepted_on);
	db_col_copy(st, 19, c->closed_on, sizeof c->closed_on);
	c->extend_days = sqlite3_column_int(st, 20);
	c->extend_reason = db_col_str(st, 21);
	c->reopened = sqlite3_column_int(st, 22);
	c->created_at = db_col_str(st, 23);
	c->created_by = db_col_str(st, 24);
	c->updated_at = db_col_str(st, 25);
	c->updated_by = db_col_str(st, 26);
	c->v[KF_IDNO] = db_col_str(st, 27);
	return c;
}

/* The case as stored, without the reading rule: for the writers here, which check it first. */
int case_fetch(struct jy_db *db, int64_t id, struct rcase **out, struct jy_err *err)
{
	*out = NULL;
	sqlite3_stmt *st = db_prepare(db, "SELECT " CASE_COLS "FROM rights_case c "
		"LEFT JOIN resident r ON r.id = c.resident_id LEFT JOIN employer e ON e.id = c.employer_id "
		"WHERE c.id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = case_read(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return JY_OK;
	return rc == SQLITE_DONE ? err_set(err, JY_ENOTFOUND, NULL, _("case %lld not found"), (long long)id)
	                         : db_fail(db, err, _("reading the case"));
}

int case_opened(struct jy_db *db, const struct rcase *c, const char *fields, struct jy_err *err)
{
	int rc = case_may_read(db, case_get(c, KF_HANDLER), case_get(c, KF_COMMUNITY), err);
	struct jy_err noted = { 0 };
	int arc = audit_note(db, "view", "rights_case", c->id, fields, NULL, rc, &noted);
	if (rc)
		return rc;
	/* a case nobody can tell was read is not shown */
	if (arc)
		return err_set(err, arc, NULL, "%s", noted.msg);
	return JY_OK;
}

int case_load(struct jy_db *db, int64_t id, struct rcase **out, struct jy_err *err)
{
	struct rcase *c = NULL;
	int rc = case_fetch(db, id, &c, err);
	if (rc)
		return rc;
	if ((rc = case_opened(db, c, "complaint,person", err))) {
		case_free(&c);
		*out = NULL;
		return rc;
	}
	*out = c;
	return JY_OK;
}

int case_find_no(struct jy_db *db, const char *case_no, int64_t *id, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM rights_case WHERE case_no = upper(?1)", err);
	if (!st)
		return JY_EDB;
	db_bind_text(st, 1, case_no);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return JY_OK;
	return rc == SQLITE_DONE ? JY_ENOTFOUND : db_fail(db, err, _("reading the cases"));
}

/* ---- checks ------------------------------------------------------------------------------------ */

/* A phone as typed: digits and - only, 7 to 20 of them; a masked one is never stored. */
static int phone_check(const char *in, char **out, struct jy_err *err)
{
	const char *label = case_fields[KF_PHONE].label;
	if (mask_is_masked(in))
		return err_set(err, JY_EINVAL, label, _("\"%s\" is masked; type the whole number"), in);
	size_t digits = 0;
	for (const char *p = in; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p != '-' && *p != ' ')
			return err_set(err, JY_EINVAL, label, _("\"%s\" is not a phone number: digits only, "
			                                        "e.g. 13800000105"), in);
	}
	if (digits < 7 || digits > 20)
		return err_set(err, JY_EINVAL, label, _("\"%s\" is not a phone number: 7 to 20 digits"), in);
	*out = xstrdup(in);
	return JY_OK;
}

int case_check_field(struct jy_db *db, int f, const char *in, char **out, struct jy_err *err)
{
	*out = NULL;
	if (text_is_blank(in))
		return JY_OK;
	const struct field_def *fd = &case_fields[f];
	if (fd->kind == FK_PHONE) {
		char *v = text_clean(in);
		int rc = phone_check(v, out, err);
		free(v);
		return rc;
	}
	if (fd->kind == FK_UNIT) {
		char code[32];
		char *v = text_clean(in);
		int rc = unit_find(db, v, code, err);
		if (rc == JY_ENOTFOUND)
			rc = err_set(err, JY_EINVAL, fd->label, _("\"%s\" is not a community of this office"), v);
		else if (rc == JY_OK)
			*out = xstrdup(code);
		free(v);
		return rc;
	}
	return field_check_value(db, fd, in, out, err);
}

/* The handler is a worker of this database, open. */
static int handler_check(struct jy_db *db, const char *handler, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT closed_at IS NULL FROM worker WHERE os_user = ?1", err);
	if (!st)
		return JY_EDB;
	db_bind_text(st, 1, handler);
	int s = sqlite3_step(st), open = s == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, _("reading the workers"));
	if (!open)
		return err_set(err, JY_EINVAL, case_fields[KF_HANDLER].label,
		               _("\"%s\" is not a worker of this database: the handler is a worker's "
		                 "account (jiuye worker list)"), handler);
	return JY_OK;
}

/* Her record, from the ID number: the case takes her name, phone and community. */
static int case_resident(struct jy_db *db, struct rcase *c, struct jy_err *err)
{
	int64_t rid;
	int rc = resident_find_idno_in_scope(db, case_get(c, KF_IDNO), OP_VIEW, &rid, err);
	if (rc == JY_ENOTFOUND)
		return err_set(err, JY_EINVAL, case_fields[KF_IDNO].label,
		               _("no resident of your communities has this ID number: leave it empty and "
		                 "give her name, phone and community, and link the case when she registers"));
	if (rc)
		return rc;
	struct resident *r = NULL;
	if ((rc = resident_load(db, rid, &r, err)))
		return rc;
	c->resident_id = rid;
	case_set(c, KF_NAME, resident_get(r, RF_NAME));
	case_set(c, KF_PHONE, resident_get(r, RF_PHONE));
	case_set(c, KF_COMMUNITY, resident_get(r, RF_COMMUNITY));
	resident_free(&r);
	return JY_OK;
}

static int case_employer(struct jy_db *db, struct rcase *c, struct jy_err *err)
{
	c->employer_id = 0;
	if (!*case_get(c, KF_EMPLOYER))
		return JY_OK;
	int64_t eid;
	int rc = jobrec_find_code(db, JR_EMPLOYER, case_get(c, KF_EMPLOYER), &eid, err);
	if (rc == JY_ENOTFOUND)
		return err_set(err, JY_EINVAL, case_fields[KF_EMPLOYER].label,
		               _("no employer has the code \"%s\" (the codes are in 岗位与推荐 → 用人单位); "
		                 "or name the respondent in 被投诉方"), case_get(c, KF_EMPLOYER));
	if (rc)
		return rc;
	c->employer_id = eid;
	if (!*case_get(c, KF_RESPONDENT)) {
		struct jobrec *e = NULL;
		if ((rc = jobrec_load(db, JR_EMPLOYER, eid, &e, err)))
			return rc;
		case_set(c, KF_RESPONDENT, jobrec_get(e, EMP_NAME));
		jobrec_free(&e);
	}
	return JY_OK;
}

/* Every field checked in place (codes from labels, dates canonical), then the rules. */
int case_validate(struct jy_db *db, struct rcase *c, struct jy_err *err)
{
	for (int f = 0; f < KF__COUNT; f++) {
		char *v = NULL;
		int rc = case_check_field(db, f, c->v[f], &v, err);
		if (rc) {
			if (err && !*err->field)
				snprintf(err->field, sizeof err->field, "%s", case_fields[f].label);
			return rc;
		}
		free(c->v[f]);
		c->v[f] = v;
	}
	char today[11];
	date_today(today);
	if (!c->v[KF_RECEIVED])
		case_set(c, KF_RECEIVED, today);
	else if (strcmp(c->v[KF_RECEIVED], today) > 0)
		return err_set(err, JY_EINVAL, case_fields[KF_RECEIVED].label,
		               _("%s is after today: a case is registered when it is received"),
		               c->v[KF_RECEIVED]);
	for (int f = 0; f < KF__COUNT; f++)
		if ((case_fields[f].flags & FF_REQ) && !c->v[f])
			return err_set(err, JY_EINVAL, case_fields[f].label, _("required"));
	int rc;
	if (c->v[KF_IDNO]) {
		if ((rc = case_resident(db, c, err)))
			return rc;
	} else if (c->resident_id == 0) {
		if (!c->v[KF_NAME])
			return err_set(err, JY_EINVAL, case_fields[KF_NAME].label,
			               _("required: her name, or the ID number of a registered resident"));
		if (!c->v[KF_COMMUNITY] && *db_actor(db)->community)
			case_set(c, KF_COMMUNITY, db_actor(db)->community);
	}
	if ((rc = case_employer(db, c, err)))
		return rc;
	if (!c->v[KF_URGENCY])
		case_set(c, KF_URGENCY, "1");
	if (!c->v[KF_HANDLER])
		case_set(c, KF_HANDLER, db_actor(db)->os_user);
	return handler_check(db, c->v[KF_HANDLER], err);
}

/* ---- saving ------------------------------------------------------------------------------------ */

/* The next V-YYYY-NNN of the year the case was received. */
static int case_next_no(struct jy_db *db, const char *received, char *out, size_t size,
                        struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT coalesce(max(CAST(substr(case_no, 8) AS INTEGER)), 0) + 1 FROM rights_case "
		"WHERE case_no LIKE 'V-' || substr(?1, 1, 4) || '-%'", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, received, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	int64_t n = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (s != SQLITE_ROW)
		return db_fail(db, err, _("numbering the case"));
	snprintf(out, size, "V-%.4s-%03lld", received, (long long)n);
	return JY_OK;
}

static void case_bind(sqlite3_stmt *st, const struct rcase *c, const char *now, const char *me)
{
	db_bind_text(st, 1, c->v[KF_NO]);
	db_bind_text(st, 2, c->v[KF_RECEIVED]);
	db_bind_text(st, 3, c->v[KF_TIME]);
	db_bind_text(st, 4, c->v[KF_CHANNEL]);
	db_bind_text(st, 5, c->v[KF_TYPE]);
	if (c->resident_id)
		sqlite3_bind_int64(st, 6, c->resident_id);
	/* once she is linked her record holds her name and phone: not kept twice */
	db_bind_text(st, 7, c->resident_id ? NULL : c->v[KF_NAME]);
	db_bind_text(st, 8, c->resident_id ? NULL : c->v[KF_PHONE]);
	db_bind_text(st, 9, c->v[KF_COMMUNITY]);
	db_bind_text(st, 10, c->v[KF_COMPLAINT]);
	db_bind_text(st, 11, c->v[KF_RESPONDENT]);
	if (c->employer_id)
		sqlite3_bind_int64(st, 12, c->employer_id);
	db_bind_text(st, 13, c->v[KF_URGENCY]);
	db_bind_text(st, 14, c->v[KF_HANDLER]);
	sqlite3_bind_text(st, 15, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 16, me, -1, SQLITE_TRANSIENT);
}

static int case_insert(struct jy_db *db, struct rcase *c, struct jy_err *err)
{
	char no[24];
	int rc = case_next_no(db, c->v[KF_RECEIVED], no, sizeof no, err);
	if (rc)
		return rc;
	if (!c->v[KF_NO])
		case_set(c, KF_NO, no);
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO rights_case(case_no, received_on, received_time, channel, type, resident_id, "
		"person_name, person_phone, community, complaint, respondent, employer_id, urgency, handler, "
		"created_at, created_by, updated_at, updated_by) VALUES (upper(?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		"?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?15, ?16)", err);
	if (!st)
		return JY_EDB;
	char now[32];
	time_now_iso(now);
	case_bind(st, c, now, db_actor(db)->os_user);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE)
			return err_set(err, JY_EDUP, case_fields[KF_NO].label,
			               _("the case number %s is in use: leave it empty for the next one"),
			               c->v[KF_NO]);
		return db_fail(db, err, _("saving the case"));
	}
	c->id = sqlite3_last_insert_rowid(db_handle(db));
	c->version = 1;
	c->state = CS_REGISTERED;
	char *json = field_changes(case_fields, KF__COUNT, NULL, c->v);
	rc = history_add(db, "rights_case", c->id, "create", json, err);
	free(json);
	if (!rc)
		rc = case_step_write(db, c->id, 1, STEP_REGISTER, c->v[KF_RECEIVED], NULL, NULL,
		                     db_actor(db)->name, NULL, 0, err);
	return rc;
}

static int case_update(struct jy_db *db, struct rcase *c, const struct rcase *old, struct jy_err *err)
{
	if (old->version != c->version)
		return err_set(err, JY_ECONFLICT, NULL, _("%s was changed by %s at %s since you opened it; "
		                                          "nothing was saved: open it again"),
		               case_get(old, KF_NO), old->updated_by, old->updated_at);
	char *json = field_changes(case_fields, KF__COUNT, old->v, c->v);
	if (!json)
		return JY_OK;           /* nothing new: no version */
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE rights_case SET case_no = upper(?1), received_on = ?2, received_time = ?3, channel = ?4, "
		"type = ?5, resident_id = ?6, person_name = ?7, person_phone = ?8, community = ?9, "
		"complaint = ?10, respondent = ?11, employer_id = ?12, urgency = ?13, handler = ?14, "
		"updated_at = ?15, updated_by = ?16, version = version + 1 WHERE id = ?17 AND version = ?18", err);
	int rc = JY_EDB;
	if (st) {
		char now[32];
		time_now_iso(now);
		case_bind(st, c, now, db_actor(db)->os_user);
		sqlite3_bind_int64(st, 17, c->id);
		sqlite3_bind_int64(st, 18, c->version);
		int s = sqlite3_step(st);
		sqlite3_reset(st);
		rc = s == SQLITE_DONE ? JY_OK : db_fail(db, err, _("saving the case"));
		if (!rc && sqlite3_changes(db_handle(db)) != 1)
			rc = err_set(err, JY_ECONFLICT, NULL, _("the case was changed meanwhile; nothing was saved"));
	}
	if (!rc)
		rc = history_add(db, "rights_case", c->id, "update", json, err);
	if (!rc)
		c->version++;
	free(json);
	return rc;
}

static int case_save_tx(struct jy_db *db, struct rcase *c, struct jy_err *err)
{
	if (c->id == 0) {
		int rc = access_check(db, OP_CREATE, c->v[KF_COMMUNITY], err);
		return rc ? rc : case_insert(db, c, err);
	}
	struct rcase *old = NULL;
	int rc = case_fetch(db, c->id, &old, err);
	if (!rc)
		rc = case_may_read(db, case_get(old, KF_HANDLER), case_get(old, KF_COMMUNITY), err);
	if (!rc && c->v[KF_COMMUNITY])
		rc = access_check(db, OP_EDIT, c->v[KF_COMMUNITY], err);
	if (!rc)
		rc = case_update(db, c, old, err);
	case_free(&old);
	return rc;
}

int case_save(struct jy_db *db, struct rcase *c, struct jy_err *err)
{
	int rc = case_validate(db, c, err);
	if (rc)
		return rc;
	int own = !db_in_tx(db);
	if (own && (rc = db_begin(db, err)))
		return rc;
	rc = case_save_tx(db, c, err);
	if (own) {
		if (rc)
			db_rollback(db);
		else
			rc = db_commit(db, err);
	}
	return rc;
}

int case_link(struct jy_db *db, int64_t case_id, int64_t resident_id, struct jy_err *err)
{
	struct rcase *c = NULL;
	int rc = case_fetch(db, case_id, &c, err);
	if (!rc)
		rc = case_may_read(db, case_get(c, KF_HANDLER), case_get(c, KF_COMMUNITY), err);
	if (!rc && c->resident_id)
		rc = err_set(err, JY_EINVAL, case_fields[KF_IDNO].label,
		             _("%s is linked to a resident already"), case_get(c, KF_NO));
	struct resident *r = NULL;
	if (!rc)
		rc = resident_load(db, resident_id, &r, err);
	if (!rc) {
		case_set(c, KF_IDNO, resident_get(r, RF_IDNO));
		rc = case_save(db, c, err);
	}
	resident_free(&r);
	case_free(&c);
	return rc;
}

/* ---- lists ------------------------------------------------------------------------------------- */

struct case_list {
	struct case_row *rows;
	int n, cap;
};

static int case_list_add(struct jy_db *db, struct case_list *l, sqlite3_stmt *st, const char *asof,
                         int accept_days, int finish_days)
{
	if (l->n == l->cap)
		l->rows = xrealloc(l->rows, sizeof *l->rows * (size_t)(l->cap = l->cap ? l->cap * 2 : 16));
	struct case_row *r = &l->rows[l->n++];
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	db_col_copy(st, 1, r->case_no, sizeof r->case_no);
	db_col_copy(st, 2, r->received_on, sizeof r->received_on);
	db_col_copy(st, 3, r->channel, sizeof r->channel);
	db_col_copy(st, 4, r->type, sizeof r->type);
	char state[16], accepted[11];
	db_col_copy(st, 5, state, sizeof state);
	r->state = case_state_of(state);
	db_col_copy(st, 6, r->handler, sizeof r->handler);
	db_col_copy(st, 7, r->community, sizeof r->community);
	db_col_copy(st, 8, accepted, sizeof accepted);
	int extend = sqlite3_column_int(st, 9);
	r->urgent = sqlite3_column_int(st, 10);
	r->has_limit = case_limit_of(r->state, r->received_on, accepted, extend, accept_days,
	                             finish_days, asof, r->limit, &r->days_left);
	(void)db;
	return 0;
}

static int case_days(struct jy_db *db, int *accept_days, int *finish_days, struct jy_err *err)
{
	int rc = db_setting_int(db, "case.accept_days", 15, accept_days, err);
	return rc ? rc : db_setting_int(db, "case.finish_days", 60, finish_days, err);
}

#define ROW_COLS \
	"c.id, c.case_no, c.received_on, c.channel, c.type, c.state, coalesce(w.name, c.handler, ''), " \
	"coalesce(r.community, c.community, ''), c.accepted_on, c.extend_days, c.urgency = '2' " \
	"FROM rights_case c LEFT JOIN resident r ON r.id = c.resident_id " \
	"LEFT JOIN worker w ON w.os_user = c.handler "

static int case_rows(struct jy_db *db, sqlite3_stmt *st, const char *asof, struct case_row **rows,
                     int *n, struct jy_err *err)
{
	int accept_days, finish_days;
	*rows = NULL;
	*n = 0;
	int rc = case_days(db, &accept_days, &finish_days, err);
	if (rc) {
		sqlite3_reset(st);
		return rc;
	}
	char today[11];
	if (!asof)
		date_today(today);
	struct case_list l = { 0 };
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW)
		case_list_add(db, &l, st, asof ? asof : today, accept_days, finish_days);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		free(l.rows);
		return db_fail(db, err, _("reading the cases"));
	}
	*rows = l.rows;
	*n = l.n;
	return JY_OK;
}

int case_search(struct jy_db *db, const char *query, const char *asof, struct case_row **rows,
                int *n, struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (rc)
		return rc;
	/* the labels a worker types (工资, 办结) are matched through the code table */
	sqlite3_stmt *st = db_prepare(db, "SELECT " ROW_COLS
		"WHERE jy_in_scope(coalesce(r.community, c.community, '')) AND (?1 IS NULL "
		"OR instr(upper(c.case_no), upper(?1)) OR instr(coalesce(w.name, c.handler, ''), ?1) "
		"OR instr((SELECT label FROM code WHERE list = 'case_type' AND code = c.type), ?1) "
		"OR instr((SELECT label FROM code WHERE list = 'case_channel' AND code = c.channel), ?1) "
		"OR ?2 = c.state) ORDER BY c.received_on DESC, c.id DESC", err);
	if (!st)
		return JY_EDB;
	char *q = text_is_blank(query) ? NULL : text_clean(query);
	db_bind_text(st, 1, q);
	int state = -1;
	for (int s = 0; q && s < CS__COUNT && state < 0; s++)
		if (strcmp(case_state_label(s), q) == 0 || strcmp(state_codes[s], q) == 0)
			state = s;
	sqlite3_bind_text(st, 2, state >= 0 ? state_codes[state] : "", -1, SQLITE_STATIC);
	rc = case_rows(db, st, asof, rows, n, err);
	free(q);
	return rc;
}

static int row_by_days(const void *a, const void *b)
{
	const struct case_row *x = a, *y = b;
	if (x->days_left != y->days_left)
		return x->days_left < y->days_left ? -1 : 1;
	if (x->urgent != y->urgent)
		return y->urgent - x->urgent;
	return strcmp(x->case_no, y->case_no);
}

int case_due(struct jy_db *db, const char *asof, struct case_row **rows, int *n, int *near,
             struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (!rc && near)
		rc = db_setting_int(db, "case.near_days", 5, near, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, "SELECT " ROW_COLS
		"WHERE c.state NOT IN ('refused', 'closed') "
		"AND jy_in_scope(coalesce(r.community, c.community, ''))", err);
	if (!st)
		return JY_EDB;
	if ((rc = case_rows(db, st, asof, rows, n, err)))
		return rc;
	if (*n > 1)
		qsort(*rows, (size_t)*n, sizeof **rows, row_by_days);
	return JY_OK;
}
