/* core/casework/pair.c: mentoring pairs (结对帮扶) and the office's list of helpers.
 *
 * A pair is about a woman of the registry, so it follows her record's rules: a worker sees and
 * changes the pairs of the residents of her communities (resident_access), statistics see the
 * figures only. Its state is never stored: 新增 in its first year, 巩固 after, 结束 from the day it
 * ended, worked out from the dates (pair_state_on), so last year's report reads it as it stood.
 * Money and goods given are whole fen (money.c below); goods at the value the worker gives them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework_int.h"

const struct field_def helper_fields[HF__COUNT] = { HELPER_FIELDS(FIELD_DEF_ROW) };
const struct field_def pair_fields[PRF__COUNT] = { PAIR_FIELDS(FIELD_DEF_ROW) };

/* ---- the state ------------------------------------------------------------------------------- */

int pair_state_on(const char *start, const char *ended_on, const char *asof)
{
	int y, m, d;
	if (!start || !asof || !date_split(start, &y, &m, &d) || strcmp(asof, start) < 0)
		return -1;
	if (ended_on && *ended_on && strcmp(asof, ended_on) >= 0)
		return PAIR_ENDED;
	/* the first anniversary; a pair of 29 February has its on 1 March */
	char year[11];
	unsigned next = (unsigned)(y + 1) % 10000u;
	if (m == 2 && d == 29)
		snprintf(year, sizeof year, "%04u-03-01", next);
	else
		snprintf(year, sizeof year, "%04u-%02u-%02u", next, (unsigned)m % 100u, (unsigned)d % 100u);
	return strcmp(asof, year) < 0 ? PAIR_NEW : PAIR_KEPT;
}

const char *pair_state_label(int state)
{
	static const char *const labels[PAIR__COUNT] = { "新增", "巩固", "结束" };
	return state >= 0 && state < PAIR__COUNT ? labels[state] : "";
}

/* A write in its own transaction, or in the caller's (the demo's) when one is open. */
int casework_tx_begin(struct jy_db *db, int *own, struct jy_err *err)
{
	*own = !db_in_tx(db);
	return *own ? db_begin(db, err) : JY_OK;
}

int casework_tx_end(struct jy_db *db, int own, int rc, struct jy_err *err)
{
	if (!own)
		return rc;
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

/* ---- helpers ---------------------------------------------------------------------------------- */

struct helper *helper_new(void)
{
	return xcalloc(1, sizeof(struct helper));
}

void helper_free(struct helper **ph)
{
	struct helper *h = *ph;
	if (!h)
		return;
	field_values_free(h->v, HF__COUNT);
	free(h);
	*ph = NULL;
}

void helper_set(struct helper *h, int field, const char *value)
{
	if (field >= 0 && field < HF__COUNT)
		field_value_set(&h->v[field], value);
}

const char *helper_get(const struct helper *h, int field)
{
	return field >= 0 && field < HF__COUNT ? field_value_get(h->v[field]) : "";
}

/* One value as the form and the files take it: a phone never masked, a community by name. */
int casework_check_field(struct jy_db *db, const struct field_def *fd, const char *in, char **out,
                         struct jy_err *err)
{
	*out = NULL;
	if (text_is_blank(in))
		return JY_OK;
	if (fd->kind == FK_PHONE && mask_is_masked(in))
		return err_set(err, JY_EINVAL, fd->label, _("\"%s\" is masked; type the whole number"), in);
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
	int rc = field_check_value(db, fd, in, out, err);
	if (rc && err && !*err->field)
		snprintf(err->field, sizeof err->field, "%s", fd->label);
	return rc;
}

/* Every field of defs checked in place; the required ones given. */
int casework_check_fields(struct jy_db *db, const struct field_def *defs, int n, char **v,
                          struct jy_err *err)
{
	for (int f = 0; f < n; f++) {
		char *out = NULL;
		int rc = casework_check_field(db, &defs[f], v[f], &out, err);
		if (rc)
			return rc;
		free(v[f]);
		v[f] = out;
		if ((defs[f].flags & FF_REQ) && !v[f])
			return err_set(err, JY_EINVAL, defs[f].label, _("required"));
	}
	return JY_OK;
}

#define HELPER_COLS \
	"h.id, h.version, h.name, h.type, h.phone, h.org, r.id_no, h.community, coalesce(h.resident_id, 0) " \
	"FROM helper h LEFT JOIN resident r ON r.id = h.resident_id "

int helper_load(struct jy_db *db, int64_t id, struct helper **out, struct jy_err *err)
{
	*out = NULL;
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, "SELECT " HELPER_COLS "WHERE h.id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		struct helper *h = helper_new();
		h->id = sqlite3_column_int64(st, 0);
		h->version = sqlite3_column_int64(st, 1);
		for (int f = 0; f < HF__COUNT; f++)
			h->v[f] = db_col_str(st, 2 + f);
		h->resident_id = sqlite3_column_int64(st, 8);
		*out = h;
	}
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE ? err_set(err, JY_ENOTFOUND, NULL, _("helper %lld not found"), (long long)id)
	                        : db_fail(db, err, _("reading the helpers"));
}

static int helper_write(struct jy_db *db, struct helper *h, struct jy_err *err)
{
	char now[32];
	time_now_iso(now);
	const char *me = db_actor(db)->os_user;
	struct helper *old = NULL;
	int rc = JY_OK;
	if (h->id) {
		if ((rc = helper_load(db, h->id, &old, err)))
			return rc;
		if (old->version != h->version) {
			rc = err_set(err, JY_ECONFLICT, NULL, _("%s was changed by another worker since you "
			                                        "opened it; nothing was saved: open it again"),
			             helper_get(old, HF_NAME));
			helper_free(&old);
			return rc;
		}
	}
	char *json = field_changes(helper_fields, HF__COUNT, old ? old->v : NULL, h->v);
	if (old && !json) {
		helper_free(&old);
		return JY_OK;
	}
	sqlite3_stmt *st = db_prepare(db, h->id
		? "UPDATE helper SET name = ?1, type = ?2, phone = ?3, org = ?4, resident_id = ?5, "
		  "community = ?6, updated_at = ?7, updated_by = ?8, version = version + 1 "
		  "WHERE id = ?9 AND version = ?10"
		: "INSERT INTO helper(name, type, phone, org, resident_id, community, created_at, "
		  "created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?8)", err);
	if (!st) {
		rc = JY_EDB;
		goto out;
	}
	db_bind_text(st, 1, h->v[HF_NAME]);
	db_bind_text(st, 2, h->v[HF_TYPE]);
	db_bind_text(st, 3, h->v[HF_PHONE]);
	db_bind_text(st, 4, h->v[HF_ORG]);
	if (h->resident_id)
		sqlite3_bind_int64(st, 5, h->resident_id);
	db_bind_text(st, 6, h->v[HF_COMMUNITY]);
	sqlite3_bind_text(st, 7, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, me, -1, SQLITE_TRANSIENT);
	if (h->id) {
		sqlite3_bind_int64(st, 9, h->id);
		sqlite3_bind_int64(st, 10, h->version);
	}
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		rc = db_fail(db, err, _("saving the helper"));
		goto out;
	}
	if (h->id && sqlite3_changes(db_handle(db)) != 1) {
		rc = err_set(err, JY_ECONFLICT, NULL, _("the helper was changed meanwhile; nothing was saved"));
		goto out;
	}
	if (!h->id) {
		h->id = sqlite3_last_insert_rowid(db_handle(db));
		h->version = 1;
		rc = history_add(db, "helper", h->id, "create", json, err);
	} else {
		rc = history_add(db, "helper", h->id, "update", json, err);
		if (!rc)
			h->version++;
	}
out:
	free(json);
	helper_free(&old);
	return rc;
}

int helper_save(struct jy_db *db, struct helper *h, struct jy_err *err)
{
	int rc = casework_check_fields(db, helper_fields, HF__COUNT, h->v, err);
	if (rc)
		return rc;
	if ((rc = access_check(db, h->id ? OP_EDIT : OP_CREATE, h->v[HF_COMMUNITY], err)))
		return rc;
	h->resident_id = 0;
	if (h->v[HF_IDNO]) {
		rc = resident_find_idno_in_scope(db, h->v[HF_IDNO], OP_VIEW, &h->resident_id, err);
		if (rc == JY_ENOTFOUND)
			return err_set(err, JY_EINVAL, helper_fields[HF_IDNO].label,
			               _("no resident of your communities has this ID number: leave it "
			                 "empty for a helper who is not registered"));
		if (rc)
			return rc;
	}
	int own;
	if ((rc = casework_tx_begin(db, &own, err)))
		return rc;
	return casework_tx_end(db, own, helper_write(db, h, err), err);
}

int helper_find(struct jy_db *db, const char *text, int64_t *id, struct jy_err *err)
{
	const char *label = pair_fields[PRF_HELPER].label;
	*id = 0;
	if (text_is_blank(text))
		return err_set(err, JY_EINVAL, label, _("required: a helper's name or #number"));
	char *q = text_clean(text);
	sqlite3_stmt *st = db_prepare(db, q[0] == '#'
		? "SELECT id FROM helper WHERE id = CAST(substr(?1, 2) AS INTEGER)"
		: "SELECT id FROM helper WHERE name = ?1 ORDER BY id", err);
	int rc = JY_EDB;
	if (!st)
		goto out;
	db_bind_text(st, 1, q);
	int s, n = 0;
	struct jy_buf ids = { 0 };
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		buf_addf(&ids, "%s#%lld", n++ ? "、" : "", (long long)*id);
	}
	sqlite3_reset(st);
	if (s != SQLITE_DONE)
		rc = db_fail(db, err, _("reading the helpers"));
	else if (n == 0)
		rc = err_set(err, JY_EINVAL, label, _("\"%s\" is not on the list of helpers: add her first "
		                                      "(jiuye helper add)"), q);
	else if (n > 1)
		rc = err_set(err, JY_EINVAL, label, _("%d helpers are named %s: name one by her number "
		                                      "(%s)"), n, q, ids.s);
	else
		rc = JY_OK;
	buf_free(&ids);
out:
	free(q);
	return rc;
}

int helper_search(struct jy_db *db, const char *query, struct helper_row **rows, int *n,
                  struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT h.id, h.name, h.type, coalesce(h.phone, ''), coalesce(h.org, ''), "
		"(SELECT count(*) FROM mentor_pair p WHERE p.helper_id = h.id AND p.ended_on IS NULL) "
		"FROM helper h WHERE ?1 IS NULL OR instr(h.name, ?1) OR instr(coalesce(h.org, ''), ?1) "
		"OR instr((SELECT label FROM code WHERE list = 'helper_type' AND code = h.type), ?1) "
		"ORDER BY h.name, h.id", err);
	if (!st)
		return JY_EDB;
	char *q = text_is_blank(query) ? NULL : text_clean(query);
	db_bind_text(st, 1, q);
	int s, cap = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*rows = xrealloc(*rows, sizeof **rows * (size_t)(cap = cap ? cap * 2 : 16));
		struct helper_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, r->name, sizeof r->name);
		db_col_copy(st, 2, r->type, sizeof r->type);
		char phone[24];
		db_col_copy(st, 3, phone, sizeof phone);
		mask_phone(phone, r->phone, sizeof r->phone);
		db_col_copy(st, 4, r->org, sizeof r->org);
		r->pairs = sqlite3_column_int(st, 5);
	}
	sqlite3_reset(st);
	free(q);
	if (s != SQLITE_DONE) {
		FREE(rows);
		*n = 0;
		return db_fail(db, err, _("reading the helpers"));
	}
	return JY_OK;
}

/* ---- pairs ------------------------------------------------------------------------------------- */

struct mpair *pair_new(void)
{
	return xcalloc(1, sizeof(struct mpair));
}

void pair_free(struct mpair **pp)
{
	struct mpair *p = *pp;
	if (!p)
		return;
	field_values_free(p->v, PRF__COUNT);
	free(p->end_reason);
	free(p->name);
	free(p->updated_at);
	free(p->updated_by);
	free(p);
	*pp = NULL;
}

void pair_set(struct mpair *p, int field, const char *value)
{
	if (field >= 0 && field < PRF__COUNT)
		field_value_set(&p->v[field], value);
}

const char *pair_get(const struct mpair *p, int field)
{
	return field >= 0 && field < PRF__COUNT ? field_value_get(p->v[field]) : "";
}

#define PAIR_COLS \
	"p.id, p.version, p.pair_no, p.type, h.name, r.id_no, p.household, p.start_date, p.goal, " \
	"p.helper_id, p.resident_id, coalesce(p.ended_on, ''), p.end_reason, r.name, r.reg_no, " \
	"coalesce(r.community, ''), p.updated_at, p.updated_by " \
	"FROM mentor_pair p JOIN helper h ON h.id = p.helper_id JOIN resident r ON r.id = p.resident_id "

/* The pair as stored, without the reading rule (its writers check it first). */
static int pair_fetch(struct jy_db *db, int64_t id, struct mpair **out, struct jy_err *err)
{
	*out = NULL;
	sqlite3_stmt *st = db_prepare(db, "SELECT " PAIR_COLS "WHERE p.id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		struct mpair *p = pair_new();
		p->id = sqlite3_column_int64(st, 0);
		p->version = sqlite3_column_int64(st, 1);
		for (int f = 0; f < PRF__COUNT; f++)
			p->v[f] = db_col_str(st, 2 + f);
		p->helper_id = sqlite3_column_int64(st, 9);
		p->resident_id = sqlite3_column_int64(st, 10);
		db_col_copy(st, 11, p->ended_on, sizeof p->ended_on);
		p->end_reason = db_col_str(st, 12);
		p->name = db_col_str(st, 13);
		db_col_copy(st, 14, p->reg_no, sizeof p->reg_no);
		db_col_copy(st, 15, p->community, sizeof p->community);
		p->updated_at = db_col_str(st, 16);
		p->updated_by = db_col_str(st, 17);
		*out = p;
	}
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE ? err_set(err, JY_ENOTFOUND, NULL, _("pair %lld not found"), (long long)id)
	                        : db_fail(db, err, _("reading the pairs"));
}

int pair_load(struct jy_db *db, int64_t id, struct mpair **out, struct jy_err *err)
{
	int rc = pair_fetch(db, id, out, err);
	if (!rc && (rc = resident_access(db, (*out)->resident_id, OP_VIEW, err)))
		pair_free(out);
	return rc;
}

int pair_find_no(struct jy_db *db, const char *pair_no, int64_t *id, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM mentor_pair WHERE pair_no = upper(?1)", err);
	if (!st)
		return JY_EDB;
	db_bind_text(st, 1, pair_no);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE ? JY_ENOTFOUND : db_fail(db, err, _("reading the pairs"));
}

int casework_resident(struct jy_db *db, const char *who, const char *label, int64_t *id,
                      struct jy_err *err)
{
	int64_t rid = 0;
	int rc;
	*id = 0;
	if (strncmp(who, "R-", 2) == 0 || strncmp(who, "r-", 2) == 0) {
		sqlite3_stmt *st = db_prepare(db, "SELECT id FROM resident WHERE reg_no = upper(?1)", err);
		if (!st)
			return JY_EDB;
		db_bind_text(st, 1, who);
		int s = sqlite3_step(st);
		if (s == SQLITE_ROW)
			rid = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (s != SQLITE_ROW && s != SQLITE_DONE)
			return db_fail(db, err, _("reading the residents"));
		rc = rid ? resident_access(db, rid, OP_EDIT, err) : JY_ENOTFOUND;
	} else {
		rc = resident_find_idno_in_scope(db, who, OP_EDIT, &rid, err);
	}
	if (rc == JY_ENOTFOUND || (rc == JY_EINVAL && rid == 0))
		return err_set(err, JY_EINVAL, label, _("\"%s\": no resident of your communities has this "
		                                        "ID number or registration number (register her "
		                                        "first)"), who);
	if (rc == JY_EPERM && err && !*err->field)
		snprintf(err->field, sizeof err->field, "%s", label);
	if (!rc)
		*id = rid;
	return rc;
}

/* The woman helped, by her ID number or registration number, of the worker's communities. */
static int pair_resident(struct jy_db *db, struct mpair *p, struct jy_err *err)
{
	int64_t rid;
	int rc = casework_resident(db, p->v[PRF_IDNO], pair_fields[PRF_IDNO].label, &rid, err);
	if (rc)
		return rc;
	p->resident_id = rid;
	sqlite3_stmt *st = db_prepare(db, "SELECT name, reg_no, coalesce(community, '') FROM resident "
		"WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rid);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		free(p->name);
		p->name = db_col_str(st, 0);
		db_col_copy(st, 1, p->reg_no, sizeof p->reg_no);
		db_col_copy(st, 2, p->community, sizeof p->community);
	}
	sqlite3_reset(st);
	return s == SQLITE_ROW ? JY_OK : db_fail(db, err, _("reading the residents"));
}

/* The next P-YYYY-NNN of the year the pair started. */
static int pair_next_no(struct jy_db *db, const char *start, char *out, size_t size, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT coalesce(max(CAST(substr(pair_no, 8) AS INTEGER)), 0) + 1 FROM mentor_pair "
		"WHERE pair_no LIKE 'P-' || substr(?1, 1, 4) || '-%'", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, start, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	int64_t n = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (s != SQLITE_ROW)
		return db_fail(db, err, _("numbering the pair"));
	snprintf(out, size, "P-%.4s-%03lld", start, (long long)n);
	return JY_OK;
}

/* A date of the pair's: given (else today), not after today. */
int casework_date(const char *in, const char *label, char out[11], struct jy_err *err)
{
	char today[11];
	date_today(today);
	if (text_is_blank(in)) {
		memcpy(out, today, 11);
		return JY_OK;
	}
	if (date_parse(in, out, err) != JY_OK) {
		snprintf(err->field, sizeof err->field, "%s", label);
		return JY_EINVAL;
	}
	if (strcmp(out, today) > 0)
		return err_set(err, JY_EINVAL, label, _("%s is after today (%s)"), out, today);
	return JY_OK;
}

/* What the pair's history says it is: the stored values, the helper and her ID number as typed. */
static int pair_write(struct jy_db *db, struct mpair *p, const struct mpair *old, struct jy_err *err)
{
	char now[32];
	time_now_iso(now);
	const char *me = db_actor(db)->os_user;
	char *json = field_changes(pair_fields, PRF__COUNT, old ? old->v : NULL, p->v);
	if (old && !json)
		return JY_OK;
	sqlite3_stmt *st = db_prepare(db, old
		? "UPDATE mentor_pair SET pair_no = upper(?1), type = ?2, helper_id = ?3, resident_id = ?4, "
		  "household = ?5, start_date = ?6, goal = ?7, updated_at = ?8, updated_by = ?9, "
		  "version = version + 1 WHERE id = ?10 AND version = ?11"
		: "INSERT INTO mentor_pair(pair_no, type, helper_id, resident_id, household, start_date, goal, "
		  "created_at, created_by, updated_at, updated_by) VALUES (upper(?1), ?2, ?3, ?4, ?5, ?6, ?7, "
		  "?8, ?9, ?8, ?9)", err);
	int rc = JY_EDB;
	if (!st)
		goto out;
	db_bind_text(st, 1, p->v[PRF_NO]);
	db_bind_text(st, 2, p->v[PRF_TYPE]);
	sqlite3_bind_int64(st, 3, p->helper_id);
	sqlite3_bind_int64(st, 4, p->resident_id);
	db_bind_text(st, 5, p->v[PRF_HOUSEHOLD]);
	db_bind_text(st, 6, p->v[PRF_START]);
	db_bind_text(st, 7, p->v[PRF_GOAL]);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, me, -1, SQLITE_TRANSIENT);
	if (old) {
		sqlite3_bind_int64(st, 10, p->id);
		sqlite3_bind_int64(st, 11, p->version);
	}
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE)
			rc = err_set(err, JY_EDUP, pair_fields[PRF_NO].label,
			             _("the pair number %s is in use: leave it empty for the next one"),
			             p->v[PRF_NO]);
		else
			rc = db_fail(db, err, _("saving the pair"));
		goto out;
	}
	if (old && sqlite3_changes(db_handle(db)) != 1) {
		rc = err_set(err, JY_ECONFLICT, NULL, _("the pair was changed meanwhile; nothing was saved"));
		goto out;
	}
	if (!old) {
		p->id = sqlite3_last_insert_rowid(db_handle(db));
		p->version = 1;
	}
	rc = history_add(db, "mentor_pair", p->id, old ? "update" : "create", json, err);
	if (!rc && !old) {
		/* her history names the pair; its own history says the rest */
		struct jy_buf j = { 0 };
		buf_adds(&j, "{\"pair_no\":[null,");
		history_json_str(&j, p->v[PRF_NO]);
		buf_adds(&j, "]}");
		rc = history_add(db, "resident", p->resident_id, "pair", j.s, err);
		buf_free(&j);
	}
	if (!rc && old)
		p->version++;
out:
	free(json);
	return rc;
}

int pair_save(struct jy_db *db, struct mpair *p, struct jy_err *err)
{
	/* the helper and the woman are named as the worker typed them: looked up below */
	int rc = JY_OK;
	for (int f = 0; f < PRF__COUNT && !rc; f++) {
		char *out = NULL;
		if (f == PRF_HELPER || f == PRF_IDNO)
			out = text_is_blank(p->v[f]) ? NULL : text_clean(p->v[f]);
		else if ((rc = casework_check_field(db, &pair_fields[f], p->v[f], &out, err)))
			break;
		free(p->v[f]);
		p->v[f] = out;
		if ((pair_fields[f].flags & FF_REQ) && !out)
			rc = err_set(err, JY_EINVAL, pair_fields[f].label,
			             f == PRF_HELPER ? _("required: a helper's name or #number")
			             : f == PRF_IDNO ? _("required: the ID number or registration number of "
			                                 "the woman helped")
			                             : _("required"));
	}
	if (rc)
		return rc;
	char start[11];
	if ((rc = casework_date(p->v[PRF_START], pair_fields[PRF_START].label, start, err)))
		return rc;
	pair_set(p, PRF_START, start);
	if ((rc = helper_find(db, p->v[PRF_HELPER], &p->helper_id, err)) ||
	    (rc = pair_resident(db, p, err)))
		return rc;
	/* the history keeps the helper's number, not a name two helpers may share */
	char hid[24];
	snprintf(hid, sizeof hid, "#%lld", (long long)p->helper_id);
	pair_set(p, PRF_HELPER, hid);
	struct mpair *old = NULL;
	if (p->id) {
		if ((rc = pair_fetch(db, p->id, &old, err)))
			return rc;
		if ((rc = resident_access(db, old->resident_id, OP_EDIT, err)))
			goto out;
		if (old->version != p->version) {
			rc = err_set(err, JY_ECONFLICT, NULL, _("%s was changed by %s at %s since you opened it; "
			                                        "nothing was saved: open it again"),
			             pair_get(old, PRF_NO), old->updated_by, old->updated_at);
			goto out;
		}
		if (old->ended_on[0]) {
			rc = err_set(err, JY_EINVAL, NULL, _("%s ended on %s: an ended pair is kept as it was"),
			             pair_get(old, PRF_NO), old->ended_on);
			goto out;
		}
		char ohid[24];
		snprintf(ohid, sizeof ohid, "#%lld", (long long)old->helper_id);
		pair_set(old, PRF_HELPER, ohid);
		pair_set(old, PRF_IDNO, p->resident_id == old->resident_id ? p->v[PRF_IDNO] : old->v[PRF_IDNO]);
	} else if ((rc = access_check(db, OP_CREATE, NULL, err))) {
		goto out;
	}
	int own;
	if ((rc = casework_tx_begin(db, &own, err)))
		goto out;
	if (!p->id && !p->v[PRF_NO]) {
		char no[24];
		if (!(rc = pair_next_no(db, start, no, sizeof no, err)))
			pair_set(p, PRF_NO, no);
	}
	if (!rc)
		rc = pair_write(db, p, old, err);
	rc = casework_tx_end(db, own, rc, err);
out:
	pair_free(&old);
	return rc;
}

/* The pair id for a write of its log or its end: her record's OP_EDIT, not ended. */
static int pair_for_write(struct jy_db *db, int64_t id, struct mpair **out, struct jy_err *err)
{
	int rc = pair_fetch(db, id, out, err);
	if (!rc)
		rc = resident_access(db, (*out)->resident_id, OP_EDIT, err);
	if (!rc && (*out)->ended_on[0])
		rc = err_set(err, JY_EINVAL, NULL, _("%s ended on %s: nothing more is recorded on it"),
		             pair_get(*out, PRF_NO), (*out)->ended_on);
	if (rc)
		pair_free(out);
	return rc;
}

/* A log date: given or today, not after today, not before the pair's start. */
static int log_date(const struct mpair *p, const char *in, const char *label, char out[11],
                    struct jy_err *err)
{
	int rc = casework_date(in, label, out, err);
	if (!rc && strcmp(out, pair_get(p, PRF_START)) < 0)
		rc = err_set(err, JY_EINVAL, label, _("%s is before the pair started (%s)"), out,
		             pair_get(p, PRF_START));
	return rc;
}

int casework_code(struct jy_db *db, const char *list, const char *label, const char *in,
                   const char **code, struct jy_err *err)
{
	if (text_is_blank(in))
		return err_set(err, JY_EINVAL, label, _("required"));
	const struct code_list *cl = codes_cached(db, list, err);
	if (!cl)
		return JY_EDB;
	if (!(*code = codes_find(cl, in))) {
		char *hint = codes_hint(cl);
		err_set(err, JY_EINVAL, label, _("\"%s\" is not in the list; accepted: %s"), in, hint);
		free(hint);
		return JY_EINVAL;
	}
	return code_retired_check(db, list, label, *code, NULL, err);
}

int pair_contact_add(struct jy_db *db, int64_t id, const char *date, const char *kind,
                     const char *content, struct jy_err *err)
{
	struct mpair *p = NULL;
	const char *code = NULL;
	char day[11];
	char *what = NULL;
	int rc = pair_for_write(db, id, &p, err);
	if (rc)
		return rc;
	if ((rc = log_date(p, date, "联系日期", day, err)) ||
	    (rc = casework_code(db, "pair_contact", "联系方式", kind, &code, err)))
		goto out;
	what = text_clean(content ? content : "");
	if (!*what) {
		rc = err_set(err, JY_EINVAL, "帮扶内容", _("required: what was done"));
		goto out;
	}
	if (text_chars(what) > 200) {
		rc = err_set(err, JY_EINVAL, "帮扶内容", _("at most 200 characters"));
		goto out;
	}
	int own;
	if ((rc = casework_tx_begin(db, &own, err)))
		goto out;
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO pair_contact(pair_id, date, kind, content, "
		"created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	char now[32];
	time_now_iso(now);
	if (!st) {
		rc = JY_EDB;
	} else {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, what, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 6, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
		int s = sqlite3_step(st);
		sqlite3_reset(st);
		rc = s == SQLITE_DONE ? JY_OK : db_fail(db, err, _("saving the contact"));
	}
	if (!rc) {
		int64_t cid = sqlite3_last_insert_rowid(db_handle(db));
		struct jy_buf j = { 0 };
		buf_addf(&j, "{\"date\":[null,\"%s\"],\"contact_kind\":[null,\"%s\"],\"content\":[null,", day,
		         code);
		history_json_str(&j, what);
		buf_adds(&j, "]}");
		rc = history_add(db, "pair_contact", cid, "create", j.s, err);
		if (!rc)
			rc = history_add(db, "mentor_pair", id, "contact", j.s, err);
		buf_free(&j);
	}
	rc = casework_tx_end(db, own, rc, err);
out:
	free(what);
	pair_free(&p);
	return rc;
}

int pair_gift_add(struct jy_db *db, int64_t id, const char *date, const char *kind,
                  const char *amount, const char *what, struct jy_err *err)
{
	struct mpair *p = NULL;
	const char *code = NULL;
	char day[11];
	char *text = NULL;
	int64_t fen = 0;
	int rc = pair_for_write(db, id, &p, err);
	if (rc)
		return rc;
	if ((rc = log_date(p, date, "发放日期", day, err)) ||
	    (rc = casework_code(db, "pair_gift", "款物类型", kind, &code, err)))
		goto out;
	if (text_is_blank(amount)) {
		rc = err_set(err, JY_EINVAL, "金额", _("required: the sum in 元 (goods at their value), "
		                                     "e.g. 500 or 0.2万"));
		goto out;
	}
	if ((rc = money_parse(amount, &fen, "金额", err)))
		goto out;
	if (fen <= 0) {
		rc = err_set(err, JY_EINVAL, "金额", _("more than 0 元"));
		goto out;
	}
	text = text_clean(what ? what : "");
	int own;
	if ((rc = casework_tx_begin(db, &own, err)))
		goto out;
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO pair_gift(pair_id, date, kind, amount_fen, what, "
		"created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err);
	char now[32];
	time_now_iso(now);
	if (!st) {
		rc = JY_EDB;
	} else {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 4, fen);
		db_bind_text(st, 5, *text ? text : NULL);
		sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 7, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
		int s = sqlite3_step(st);
		sqlite3_reset(st);
		rc = s == SQLITE_DONE ? JY_OK : db_fail(db, err, _("saving the money or goods given"));
	}
	if (!rc) {
		int64_t gid = sqlite3_last_insert_rowid(db_handle(db));
		char yuan[32];
		money_yuan(fen, yuan);
		struct jy_buf j = { 0 };
		buf_addf(&j, "{\"date\":[null,\"%s\"],\"gift_kind\":[null,\"%s\"],\"amount\":[null,\"%s\"],"
		         "\"what\":[null,", day, code, yuan);
		history_json_str(&j, *text ? text : NULL);
		buf_adds(&j, "]}");
		rc = history_add(db, "pair_gift", gid, "create", j.s, err);
		if (!rc)
			rc = history_add(db, "mentor_pair", id, "gift", j.s, err);
		buf_free(&j);
	}
	rc = casework_tx_end(db, own, rc, err);
out:
	free(text);
	pair_free(&p);
	return rc;
}

int pair_end(struct jy_db *db, int64_t id, int64_t *version, const char *date, const char *reason,
             struct jy_err *err)
{
	struct mpair *p = NULL;
	char day[11];
	char *why = NULL;
	int rc = pair_for_write(db, id, &p, err);
	if (rc)
		return rc;
	if (p->version != *version) {
		rc = err_set(err, JY_ECONFLICT, NULL, _("%s was changed by %s at %s since you opened it; "
		                                        "nothing was saved: open it again"),
		             pair_get(p, PRF_NO), p->updated_by, p->updated_at);
		goto out;
	}
	if ((rc = log_date(p, date, "结束日期", day, err)))
		goto out;
	why = text_clean(reason ? reason : "");
	if (!*why) {
		rc = err_set(err, JY_EINVAL, "结束原因", _("required: why the pair ends (e.g. 已稳定就业)"));
		goto out;
	}
	int own;
	if ((rc = casework_tx_begin(db, &own, err)))
		goto out;
	/* not before what was recorded on it */
	sqlite3_stmt *st = db_prepare(db, "SELECT max(d) FROM (SELECT max(date) AS d FROM pair_contact "
		"WHERE pair_id = ?1 UNION ALL SELECT max(date) FROM pair_gift WHERE pair_id = ?1)", err);
	char last[11] = "";
	if (!st) {
		rc = JY_EDB;
	} else {
		sqlite3_bind_int64(st, 1, id);
		int s = sqlite3_step(st);
		if (s == SQLITE_ROW)
			db_col_copy(st, 0, last, sizeof last);
		sqlite3_reset(st);
		if (s != SQLITE_ROW)
			rc = db_fail(db, err, _("reading the pairs"));
		else if (last[0] && strcmp(day, last) < 0)
			rc = err_set(err, JY_EINVAL, "结束日期", _("%s is before the pair's last contact or gift "
			                                        "(%s)"), day, last);
	}
	if (!rc && !(st = db_prepare(db, "UPDATE mentor_pair SET ended_on = ?1, end_reason = ?2, "
		"updated_at = ?3, updated_by = ?4, version = version + 1 WHERE id = ?5 AND version = ?6 "
		"AND ended_on IS NULL", err)))
		rc = JY_EDB;
	if (!rc) {
		char now[32];
		time_now_iso(now);
		sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, why, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 5, id);
		sqlite3_bind_int64(st, 6, *version);
		int s = sqlite3_step(st);
		sqlite3_reset(st);
		if (s != SQLITE_DONE)
			rc = db_fail(db, err, _("saving the pair"));
		else if (sqlite3_changes(db_handle(db)) != 1)
			rc = err_set(err, JY_ECONFLICT, NULL, _("the pair was changed meanwhile; nothing was saved"));
	}
	if (!rc) {
		struct jy_buf j = { 0 };
		buf_addf(&j, "{\"ended_on\":[null,\"%s\"],\"end_reason\":[null,", day);
		history_json_str(&j, why);
		buf_adds(&j, "]}");
		rc = history_add(db, "mentor_pair", id, "end", j.s, err);
		buf_free(&j);
		if (!rc) {
			buf_adds(&j, "{\"pair_no\":[null,");
			history_json_str(&j, pair_get(p, PRF_NO));
			buf_addf(&j, "],\"ended_on\":[null,\"%s\"]}", day);
			rc = history_add(db, "resident", p->resident_id, "pair", j.s, err);
			buf_free(&j);
		}
	}
	if (!(rc = casework_tx_end(db, own, rc, err)))
		(*version)++;
out:
	free(why);
	pair_free(&p);
	return rc;
}

int pair_log(struct jy_db *db, int64_t id, struct pair_log_row **rows, int *n, struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	struct mpair *p = NULL;
	int rc = pair_load(db, id, &p, err);
	pair_free(&p);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT 0, date, kind, 0, content, created_by, id FROM pair_contact WHERE pair_id = ?1 "
		"UNION ALL SELECT 1, date, kind, amount_fen, what, created_by, id FROM pair_gift "
		"WHERE pair_id = ?1 ORDER BY 2 DESC, 1, 7 DESC", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s, cap = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*rows = xrealloc(*rows, sizeof **rows * (size_t)(cap = cap ? cap * 2 : 16));
		struct pair_log_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->gift = sqlite3_column_int(st, 0);
		db_col_copy(st, 1, r->date, sizeof r->date);
		db_col_copy(st, 2, r->kind, sizeof r->kind);
		r->amount_fen = sqlite3_column_int64(st, 3);
		r->text = db_col_str(st, 4);
		db_col_copy(st, 5, r->by, sizeof r->by);
	}
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		pair_log_free(rows, *n);
		*n = 0;
		return db_fail(db, err, _("reading the pairs"));
	}
	return JY_OK;
}

void pair_log_free(struct pair_log_row **rows, int n)
{
	for (int i = 0; *rows && i < n; i++)
		free((*rows)[i].text);
	FREE(rows);
}

/* ---- lists ------------------------------------------------------------------------------------- */

#define ROW_COLS \
	"p.id, p.resident_id, p.pair_no, p.type, p.start_date, coalesce(p.ended_on, ''), h.name, " \
	"r.name, coalesce(r.community, ''), " \
	"coalesce((SELECT max(c.date) FROM pair_contact c WHERE c.pair_id = p.id AND c.date <= ?2), ''), " \
	"(SELECT coalesce(sum(g.amount_fen), 0) FROM pair_gift g WHERE g.pair_id = p.id) " \
	"FROM mentor_pair p JOIN helper h ON h.id = p.helper_id JOIN resident r ON r.id = p.resident_id "

static int days_between(const char *from, const char *to)
{
	int y, m, d, y2, m2, d2;
	if (!date_split(from, &y, &m, &d) || !date_split(to, &y2, &m2, &d2))
		return 0;
	return (int)(date_days(y2, m2, d2) - date_days(y, m, d));
}

static int pair_rows(struct jy_db *db, sqlite3_stmt *st, const char *asof, struct pair_row **rows,
                     int *n, struct jy_err *err)
{
	int s, cap = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*rows = xrealloc(*rows, sizeof **rows * (size_t)(cap = cap ? cap * 2 : 16));
		struct pair_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		r->resident_id = sqlite3_column_int64(st, 1);
		db_col_copy(st, 2, r->pair_no, sizeof r->pair_no);
		db_col_copy(st, 3, r->type, sizeof r->type);
		db_col_copy(st, 4, r->start, sizeof r->start);
		db_col_copy(st, 5, r->ended_on, sizeof r->ended_on);
		db_col_copy(st, 6, r->helper, sizeof r->helper);
		db_col_copy(st, 7, r->name, sizeof r->name);
		db_col_copy(st, 8, r->community, sizeof r->community);
		db_col_copy(st, 9, r->last, sizeof r->last);
		r->given_fen = sqlite3_column_int64(st, 10);
		r->state = pair_state_on(r->start, r->ended_on, asof);
		r->quiet_days = days_between(r->last[0] ? r->last : r->start, asof);
	}
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		FREE(rows);
		*n = 0;
		return db_fail(db, err, _("reading the pairs"));
	}
	return JY_OK;
}

int pair_search(struct jy_db *db, const char *query, const char *asof, struct pair_row **rows,
                int *n, struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	char today[11];
	date_today(today);
	if (!asof)
		asof = today;
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (rc)
		return rc;
	char *q = text_is_blank(query) ? NULL : text_clean(query);
	/* 新增 / 巩固 / 结束 typed: the pairs in that state on asof, worked out below */
	int state = -1;
	for (int k = 0; q && k < PAIR__COUNT; k++)
		if (strcmp(q, pair_state_label(k)) == 0)
			state = k;
	sqlite3_stmt *st = db_prepare(db, "SELECT " ROW_COLS
		"WHERE r.closed_at IS NULL AND jy_in_scope(r.community) AND (?1 IS NULL OR ?3 "
		"OR instr(upper(p.pair_no), upper(?1)) OR instr(r.name, ?1) OR instr(h.name, ?1) "
		"OR instr((SELECT label FROM code WHERE list = 'pair_type' AND code = p.type), ?1)) "
		"ORDER BY p.start_date DESC, p.id DESC", err);
	if (!st) {
		free(q);
		return JY_EDB;
	}
	db_bind_text(st, 1, q);
	sqlite3_bind_text(st, 2, asof, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, state >= 0);
	rc = pair_rows(db, st, asof, rows, n, err);
	free(q);
	if (!rc && state >= 0) {
		int k = 0;
		for (int i = 0; i < *n; i++)
			if ((*rows)[i].state == state)
				(*rows)[k++] = (*rows)[i];
		*n = k;
	}
	return rc;
}

static int by_quiet(const void *a, const void *b)
{
	const struct pair_row *x = a, *y = b;
	if (x->quiet_days != y->quiet_days)
		return x->quiet_days > y->quiet_days ? -1 : 1;
	return strcmp(x->pair_no, y->pair_no);
}

int pair_due(struct jy_db *db, const char *asof, int days, struct pair_row **rows, int *n,
             struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	char today[11];
	date_today(today);
	if (!asof)
		asof = today;
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (!rc && days <= 0)
		rc = db_setting_int(db, "pair.contact_days", 90, &days, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, "SELECT " ROW_COLS
		"WHERE r.closed_at IS NULL AND jy_in_scope(r.community) AND p.start_date <= ?2 "
		"AND (p.ended_on IS NULL OR p.ended_on > ?2) AND ?1 IS NULL", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_null(st, 1);
	sqlite3_bind_text(st, 2, asof, -1, SQLITE_TRANSIENT);
	if ((rc = pair_rows(db, st, asof, rows, n, err)))
		return rc;
	int k = 0;
	for (int i = 0; i < *n; i++)
		if ((*rows)[i].quiet_days >= days)
			(*rows)[k++] = (*rows)[i];
	*n = k;
	if (k > 1)
		qsort(*rows, (size_t)k, sizeof **rows, by_quiet);
	return JY_OK;
}
