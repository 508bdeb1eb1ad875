/* core/casework/assist.c: assistance and relief records (就业援助 / 帮困救助 / 慰问).
 *
 * A record is about a woman of the registry, so it follows her record's rules as the mentoring
 * pairs do: a worker sees and writes the records of the residents of her communities
 * (resident_access), statistics see the figures only (E5, E6, K5 in core/report/report.c).
 * Money and goods are whole fen, goods at the value the worker gives them; the form (现金 / 物资)
 * and the amount come together, so a record without money (a 岗位援助 that found her a post) has
 * neither. A record may belong to her pair, her case, her placement or a course she was on: the
 * link is checked to be hers, so a pair's money given through such a record is the pair's (I2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework_int.h"

const struct field_def assist_fields[ASF__COUNT] = { ASSIST_FIELDS(FIELD_DEF_ROW) };

struct assist *assist_new(void)
{
	return xcalloc(1, sizeof(struct assist));
}

void assist_free(struct assist **pa)
{
	struct assist *a = *pa;
	if (!a)
		return;
	field_values_free(a->v, ASF__COUNT);
	free(a->name);
	free(a->updated_at);
	free(a->updated_by);
	free(a);
	*pa = NULL;
}

void assist_set(struct assist *a, int field, const char *value)
{
	if (field >= 0 && field < ASF__COUNT)
		field_value_set(&a->v[field], value);
}

const char *assist_get(const struct assist *a, int field)
{
	return field >= 0 && field < ASF__COUNT ? field_value_get(a->v[field]) : "";
}

#define ASSIST_COLS \
	"a.id, a.version, a.assist_no, coalesce(r.id_no, r.reg_no), a.kind, a.date, a.occasion, a.form, " \
	"a.amount_fen, a.what, a.funder, a.worker, p.pair_no, c.case_no, a.placement_id, co.code, a.note, " \
	"a.resident_id, coalesce(a.pair_id, 0), coalesce(a.case_id, 0), coalesce(a.placement_id, 0), " \
	"coalesce(a.course_id, 0), r.name, r.reg_no, coalesce(r.community, ''), a.updated_at, " \
	"a.updated_by FROM assistance a JOIN resident r ON r.id = a.resident_id " \
	"LEFT JOIN mentor_pair p ON p.id = a.pair_id LEFT JOIN rights_case c ON c.id = a.case_id " \
	"LEFT JOIN course co ON co.id = a.course_id "

static struct assist *assist_of_row(sqlite3_stmt *st)
{
	struct assist *a = assist_new();
	a->id = sqlite3_column_int64(st, 0);
	a->version = sqlite3_column_int64(st, 1);
	for (int f = 0; f < ASF__COUNT; f++)
		if (f != ASF_AMOUNT && f != ASF_PLACEMENT)
			a->v[f] = db_col_str(st, 2 + f);
	a->amount_fen = sqlite3_column_int64(st, 2 + ASF_AMOUNT);
	if (a->amount_fen > 0) {
		char yuan[32];
		money_yuan(a->amount_fen, yuan);
		a->v[ASF_AMOUNT] = xstrdup(yuan);
	}
	if (sqlite3_column_type(st, 2 + ASF_PLACEMENT) != SQLITE_NULL)
		a->v[ASF_PLACEMENT] = xasprintf("#%lld", (long long)sqlite3_column_int64(st, 2 + ASF_PLACEMENT));
	a->resident_id = sqlite3_column_int64(st, 17);
	a->pair_id = sqlite3_column_int64(st, 18);
	a->case_id = sqlite3_column_int64(st, 19);
	a->placement_id = sqlite3_column_int64(st, 20);
	a->course_id = sqlite3_column_int64(st, 21);
	a->name = db_col_str(st, 22);
	db_col_copy(st, 23, a->reg_no, sizeof a->reg_no);
	db_col_copy(st, 24, a->community, sizeof a->community);
	a->updated_at = db_col_str(st, 25);
	a->updated_by = db_col_str(st, 26);
	return a;
}

/* The record as stored, without the reading rule (its writers check it first). */
static int assist_fetch(struct jy_db *db, int64_t id, struct assist **out, struct jy_err *err)
{
	*out = NULL;
	sqlite3_stmt *st = db_prepare(db, "SELECT " ASSIST_COLS "WHERE a.id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*out = assist_of_row(st);
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE ? err_set(err, JY_ENOTFOUND, NULL, _("assistance record %lld not found"),
	                                  (long long)id)
	                        : db_fail(db, err, _("reading the assistance records"));
}

int assist_load(struct jy_db *db, int64_t id, struct assist **out, struct jy_err *err)
{
	int rc = assist_fetch(db, id, out, err);
	if (!rc && (rc = resident_access(db, (*out)->resident_id, OP_VIEW, err)))
		assist_free(out);
	return rc;
}

int assist_find_no(struct jy_db *db, const char *no, int64_t *id, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM assistance WHERE assist_no = upper(?1)", err);
	if (!st)
		return JY_EDB;
	db_bind_text(st, 1, no);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE ? JY_ENOTFOUND : db_fail(db, err, _("reading the assistance records"));
}

/* ---- checking ---------------------------------------------------------------------------------- */

int assist_check_field(struct jy_db *db, int f, const char *in, char **out, struct jy_err *err)
{
	const struct field_def *fd = &assist_fields[f];
	*out = NULL;
	if (text_is_blank(in))
		return JY_OK;
	if (f == ASF_AMOUNT) {
		int64_t fen;
		int rc = money_parse(in, &fen, fd->label, err);
		if (rc)
			return rc;
		if (fen <= 0)
			return err_set(err, JY_EINVAL, fd->label, _("more than 0 元"));
		char yuan[32];
		money_yuan(fen, yuan);
		*out = xstrdup(yuan);
		return JY_OK;
	}
	if (fd->kind == FK_TEXT) {
		/* the names of other records and her number as typed, looked up when saved */
		char *v = text_clean(in);
		if (text_chars(v) > (size_t)fd->max) {
			free(v);
			return err_set(err, JY_EINVAL, fd->label, _("at most %d characters"), fd->max);
		}
		*out = v;
		return JY_OK;
	}
	int rc = field_check_value(db, fd, in, out, err);
	if (rc && err && !*err->field)
		snprintf(err->field, sizeof err->field, "%s", fd->label);
	return rc;
}

/* Every field checked in place (assist_check_field), the required ones given; the amount in fen. */
static int assist_clean(struct jy_db *db, struct assist *a, struct jy_err *err)
{
	for (int f = 0; f < ASF__COUNT; f++) {
		const struct field_def *fd = &assist_fields[f];
		char *out = NULL;
		int rc = assist_check_field(db, f, a->v[f], &out, err);
		if (rc)
			return rc;
		free(a->v[f]);
		a->v[f] = out;
		if ((fd->flags & FF_REQ) && !out)
			return err_set(err, JY_EINVAL, fd->label, f == ASF_IDNO
			               ? _("required: her ID number or registration number") : _("required"));
	}
	a->amount_fen = 0;
	if (a->v[ASF_AMOUNT])
		return money_parse(a->v[ASF_AMOUNT], &a->amount_fen, assist_fields[ASF_AMOUNT].label, err);
	return JY_OK;
}

/* Money and goods: the amount and its form together (现金 when only the amount is given), goods
 * named; the 4050 employment assistance is its subsidy, in money. */
static int assist_money(struct assist *a, struct jy_err *err)
{
	int kind = atoi(assist_get(a, ASF_KIND));
	if (!a->amount_fen && a->v[ASF_FORM])
		return err_set(err, JY_EINVAL, assist_fields[ASF_AMOUNT].label,
		               _("required with 款物形式: the sum in 元 (goods at their value)"));
	if (!a->amount_fen && kind == ASSIST_4050)
		return err_set(err, JY_EINVAL, assist_fields[ASF_AMOUNT].label,
		               _("required: the subsidy of the 4050 employment assistance in 元"));
	if (!a->amount_fen) {
		if (a->v[ASF_WHAT])
			return err_set(err, JY_EINVAL, assist_fields[ASF_AMOUNT].label,
			               _("required with 物资名称: the goods at their value in 元"));
		return JY_OK;
	}
	if (!a->v[ASF_FORM])
		assist_set(a, ASF_FORM, "1");
	int goods = strcmp(a->v[ASF_FORM], "2") == 0;
	if (goods && kind == ASSIST_4050)
		return err_set(err, JY_EINVAL, assist_fields[ASF_FORM].label,
		               _("the 4050 employment assistance is a subsidy in money: 现金"));
	if (goods && !a->v[ASF_WHAT])
		return err_set(err, JY_EINVAL, assist_fields[ASF_WHAT].label,
		               _("required for goods: what they were (e.g. 大米、食用油)"));
	return JY_OK;
}

/* The record text names (sql: its id and whether it is hers, of ?1 the text and ?2 her id), which
 * must be hers: *id, or JY_EINVAL on label. */
static int link_of(struct jy_db *db, const char *sql, const char *text, int64_t rid,
                   const char *label, int64_t *id, struct jy_err *err)
{
	*id = 0;
	if (!text)
		return JY_OK;
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return JY_EDB;
	db_bind_text(st, 1, text);
	sqlite3_bind_int64(st, 2, rid);
	int s = sqlite3_step(st), hers = 0;
	if (s == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		hers = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, _("reading the assistance records"));
	if (s == SQLITE_DONE)
		return err_set(err, JY_EINVAL, label, _("\"%s\" is not a record of this database"), text);
	if (!hers)
		return err_set(err, JY_EINVAL, label, _("\"%s\" is another woman's, not hers"), text);
	return JY_OK;
}

static int assist_links(struct jy_db *db, struct assist *a, struct jy_err *err)
{
	int rc = link_of(db, "SELECT id, resident_id = ?2 FROM mentor_pair WHERE pair_no = upper(?1)",
	                 a->v[ASF_PAIR], a->resident_id, assist_fields[ASF_PAIR].label, &a->pair_id, err);
	if (!rc)
		rc = link_of(db, "SELECT id, coalesce(resident_id = ?2, 0) FROM rights_case "
		             "WHERE case_no = upper(?1)", a->v[ASF_CASE], a->resident_id,
		             assist_fields[ASF_CASE].label, &a->case_id, err);
	if (!rc)
		rc = link_of(db, "SELECT id, resident_id = ?2 FROM placement "
		             "WHERE id = CAST(ltrim(?1, '#') AS INTEGER)", a->v[ASF_PLACEMENT], a->resident_id,
		             assist_fields[ASF_PLACEMENT].label, &a->placement_id, err);
	if (!rc)
		rc = link_of(db, "SELECT c.id, EXISTS (SELECT 1 FROM enrolment e WHERE e.course_id = c.id "
		             "AND e.resident_id = ?2) FROM course c WHERE c.code = ?1", a->v[ASF_COURSE],
		             a->resident_id, assist_fields[ASF_COURSE].label, &a->course_id, err);
	if (!rc && a->placement_id) {
		char no[24];
		snprintf(no, sizeof no, "#%lld", (long long)a->placement_id);
		assist_set(a, ASF_PLACEMENT, no);
	}
	return rc;
}

/* Her name, registration number and community, for the caller to show. */
static int assist_her(struct jy_db *db, struct assist *a, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT name, reg_no, coalesce(community, '') FROM resident "
		"WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, a->resident_id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		free(a->name);
		a->name = db_col_str(st, 0);
		db_col_copy(st, 1, a->reg_no, sizeof a->reg_no);
		db_col_copy(st, 2, a->community, sizeof a->community);
	}
	sqlite3_reset(st);
	return s == SQLITE_ROW ? JY_OK : db_fail(db, err, _("reading the residents"));
}

/* ---- saving ------------------------------------------------------------------------------------ */

/* The next A-YYYY-NNN of the year the help was given. */
static int assist_next_no(struct jy_db *db, const char *date, char *out, size_t size,
                          struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT coalesce(max(CAST(substr(assist_no, 8) AS INTEGER)), 0) + 1 FROM assistance "
		"WHERE assist_no LIKE 'A-' || substr(?1, 1, 4) || '-%'", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, date, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	int64_t n = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (s != SQLITE_ROW)
		return db_fail(db, err, _("numbering the assistance record"));
	snprintf(out, size, "A-%.4s-%03lld", date, (long long)n);
	return JY_OK;
}

static void bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

static int assist_write(struct jy_db *db, struct assist *a, const struct assist *old,
                        struct jy_err *err)
{
	char now[32];
	time_now_iso(now);
	const char *me = db_actor(db)->os_user;
	char *json = field_changes(assist_fields, ASF__COUNT, old ? old->v : NULL, a->v);
	if (old && !json)
		return JY_OK;
	sqlite3_stmt *st = db_prepare(db, old
		? "UPDATE assistance SET assist_no = upper(?1), resident_id = ?2, kind = ?3, date = ?4, "
		  "occasion = ?5, form = ?6, amount_fen = ?7, what = ?8, funder = ?9, worker = ?10, "
		  "pair_id = ?11, case_id = ?12, placement_id = ?13, course_id = ?14, note = ?15, "
		  "updated_at = ?16, updated_by = ?17, version = version + 1 WHERE id = ?18 AND version = ?19"
		: "INSERT INTO assistance(assist_no, resident_id, kind, date, occasion, form, amount_fen, "
		  "what, funder, worker, pair_id, case_id, placement_id, course_id, note, created_at, "
		  "created_by, updated_at, updated_by) VALUES (upper(?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
		  "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?16, ?17)", err);
	int rc = JY_EDB;
	if (!st)
		goto out;
	db_bind_text(st, 1, a->v[ASF_NO]);
	sqlite3_bind_int64(st, 2, a->resident_id);
	db_bind_text(st, 3, a->v[ASF_KIND]);
	db_bind_text(st, 4, a->v[ASF_DATE]);
	db_bind_text(st, 5, a->v[ASF_OCCASION]);
	db_bind_text(st, 6, a->v[ASF_FORM]);
	bind_id(st, 7, a->amount_fen);
	db_bind_text(st, 8, a->v[ASF_WHAT]);
	db_bind_text(st, 9, a->v[ASF_FUNDER]);
	db_bind_text(st, 10, a->v[ASF_WORKER]);
	bind_id(st, 11, a->pair_id);
	bind_id(st, 12, a->case_id);
	bind_id(st, 13, a->placement_id);
	bind_id(st, 14, a->course_id);
	db_bind_text(st, 15, a->v[ASF_NOTE]);
	sqlite3_bind_text(st, 16, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 17, me, -1, SQLITE_TRANSIENT);
	if (old) {
		sqlite3_bind_int64(st, 18, a->id);
		sqlite3_bind_int64(st, 19, a->version);
	}
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE)
			rc = err_set(err, JY_EDUP, assist_fields[ASF_NO].label,
			             _("the number %s is in use: leave it empty for the next one"), a->v[ASF_NO]);
		else
			rc = db_fail(db, err, _("saving the assistance record"));
		goto out;
	}
	if (old && sqlite3_changes(db_handle(db)) != 1) {
		rc = err_set(err, JY_ECONFLICT, NULL, _("the record was changed meanwhile; nothing was saved"));
		goto out;
	}
	if (!old) {
		a->id = sqlite3_last_insert_rowid(db_handle(db));
		a->version = 1;
	}
	rc = history_add(db, "assistance", a->id, old ? "update" : "create", json, err);
	if (!rc && !old) {
		/* her history names the record; its own history says the rest */
		struct jy_buf j = { 0 };
		buf_adds(&j, "{\"assist_no\":[null,");
		history_json_str(&j, a->v[ASF_NO]);
		buf_adds(&j, "]}");
		rc = history_add(db, "resident", a->resident_id, "assistance", j.s, err);
		buf_free(&j);
	}
	if (!rc && old)
		a->version++;
out:
	free(json);
	return rc;
}

int assist_save(struct jy_db *db, struct assist *a, struct jy_err *err)
{
	int rc = assist_clean(db, a, err);
	if (rc)
		return rc;
	char day[11];
	if ((rc = casework_date(a->v[ASF_DATE], assist_fields[ASF_DATE].label, day, err)))
		return rc;
	assist_set(a, ASF_DATE, day);
	if ((rc = assist_money(a, err)) ||
	    (rc = casework_resident(db, a->v[ASF_IDNO], assist_fields[ASF_IDNO].label, &a->resident_id,
	                            err)) ||
	    (rc = assist_her(db, a, err)) || (rc = assist_links(db, a, err)))
		return rc;
	if (!a->v[ASF_WORKER]) {
		const struct jy_actor *me = db_actor(db);
		assist_set(a, ASF_WORKER, me->name[0] ? me->name : me->os_user);
	}
	struct assist *old = NULL;
	if (a->id) {
		if ((rc = assist_fetch(db, a->id, &old, err)))
			return rc;
		if ((rc = resident_access(db, old->resident_id, OP_EDIT, err)))
			goto out;
		if (old->version != a->version) {
			rc = err_set(err, JY_ECONFLICT, NULL, _("%s was changed by %s at %s since you opened it; "
			                                        "nothing was saved: open it again"),
			             assist_get(old, ASF_NO), old->updated_by, old->updated_at);
			goto out;
		}
		/* the history says whose it is by her number as the record shows it */
		if (old->resident_id == a->resident_id)
			assist_set(a, ASF_IDNO, old->v[ASF_IDNO]);
		if (!a->v[ASF_NO])
			assist_set(a, ASF_NO, old->v[ASF_NO]);
	} else if ((rc = access_check(db, OP_CREATE, a->community, err))) {
		goto out;
	}
	int own;
	if ((rc = casework_tx_begin(db, &own, err)))
		goto out;
	if (!a->id && !a->v[ASF_NO]) {
		char no[24];
		if (!(rc = assist_next_no(db, day, no, sizeof no, err)))
			assist_set(a, ASF_NO, no);
	}
	if (!rc)
		rc = assist_write(db, a, old, err);
	rc = casework_tx_end(db, own, rc, err);
out:
	assist_free(&old);
	return rc;
}

/* ---- lists ------------------------------------------------------------------------------------- */

/* A filter's code of list, NULL for none: JY_EINVAL on label when it is none of the list's. */
static int filter_code(struct jy_db *db, const char *list, const char *label, const char *in,
                       const char **code, struct jy_err *err)
{
	*code = NULL;
	if (text_is_blank(in))
		return JY_OK;
	return casework_code(db, list, label, in, code, err);
}

static int filter_date(const char *in, const char *label, char out[11], struct jy_err *err)
{
	out[0] = 0;
	if (text_is_blank(in))
		return JY_OK;
	if (date_parse(in, out, err) != JY_OK) {
		snprintf(err->field, sizeof err->field, "%s", label);
		return JY_EINVAL;
	}
	return JY_OK;
}

int assist_search(struct jy_db *db, const struct assist_filter *f, struct assist_row **rows, int *n,
                  struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	static const struct assist_filter none = { 0 };
	if (!f)
		f = &none;
	const char *kind, *occasion;
	char from[11], to[11];
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (!rc)
		rc = filter_code(db, "assist_kind", assist_fields[ASF_KIND].label, f->kind, &kind, err);
	if (!rc)
		rc = filter_code(db, "assist_occasion", assist_fields[ASF_OCCASION].label, f->occasion,
		                 &occasion, err);
	if (!rc)
		rc = filter_date(f->from, assist_fields[ASF_DATE].label, from, err);
	if (!rc)
		rc = filter_date(f->to, assist_fields[ASF_DATE].label, to, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT a.id, a.resident_id, a.assist_no, a.date, a.kind, coalesce(a.occasion, ''), "
		"coalesce(a.form, ''), r.name, r.reg_no, coalesce(r.community, ''), a.worker, "
		"coalesce(a.amount_fen, 0), coalesce(a.what, '') "
		"FROM assistance a JOIN resident r ON r.id = a.resident_id "
		"WHERE r.closed_at IS NULL AND jy_in_scope(r.community) AND (?1 IS NULL "
		"OR instr(upper(a.assist_no), upper(?1)) OR instr(r.name, ?1) OR instr(r.reg_no, upper(?1)) "
		"OR instr(coalesce(a.funder, ''), ?1) OR instr(a.worker, ?1) OR instr(coalesce(a.what, ''), ?1) "
		"OR instr((SELECT label FROM code WHERE list = 'assist_kind' AND code = a.kind), ?1)) "
		"AND (?2 IS NULL OR a.kind = ?2) AND (?3 IS NULL OR a.occasion = ?3) "
		"AND (?4 IS NULL OR a.date >= ?4) AND (?5 IS NULL OR a.date <= ?5) "
		"AND (?6 = 0 OR a.resident_id = ?6) ORDER BY a.date DESC, a.id DESC", err);
	if (!st)
		return JY_EDB;
	char *q = text_is_blank(f->query) ? NULL : text_clean(f->query);
	db_bind_text(st, 1, q);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, occasion);
	db_bind_text(st, 4, from[0] ? from : NULL);
	db_bind_text(st, 5, to[0] ? to : NULL);
	sqlite3_bind_int64(st, 6, f->resident_id);
	int s, cap = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*rows = xrealloc(*rows, sizeof **rows * (size_t)(cap = cap ? cap * 2 : 16));
		struct assist_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		r->resident_id = sqlite3_column_int64(st, 1);
		db_col_copy(st, 2, r->assist_no, sizeof r->assist_no);
		db_col_copy(st, 3, r->date, sizeof r->date);
		db_col_copy(st, 4, r->kind, sizeof r->kind);
		db_col_copy(st, 5, r->occasion, sizeof r->occasion);
		db_col_copy(st, 6, r->form, sizeof r->form);
		db_col_copy(st, 7, r->name, sizeof r->name);
		db_col_copy(st, 8, r->reg_no, sizeof r->reg_no);
		db_col_copy(st, 9, r->community, sizeof r->community);
		db_col_copy(st, 10, r->worker, sizeof r->worker);
		r->amount_fen = sqlite3_column_int64(st, 11);
		db_col_copy(st, 12, r->what, sizeof r->what);
	}
	sqlite3_reset(st);
	free(q);
	if (s != SQLITE_DONE) {
		FREE(rows);
		*n = 0;
		return db_fail(db, err, _("reading the assistance records"));
	}
	return JY_OK;
}
