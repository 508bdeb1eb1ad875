/* core/enterprise/processing.c: 来料加工 (outsourced processing). Brokers (经纪人) bring a
 * factory's orders to outlets and stations (网点, 加工站) and bases; women do the piece work at
 * home and are paid a processing fee (加工费) each month, a row of the fee ledger.
 *
 * Brokers and outlets are records of a community (a unit): the worker sees and edits those of
 * her communities, each write a version with its line in the audit trail (entities "broker",
 * "outlet"). A fee is a resident's: she is registered and in the worker's communities, so her
 * fees are seen by those who see her. Money is whole fen (分), never a floating-point number.
 *
 * The ledger is also her employment: once she has fees in fee.employ_months months, and was
 * without work when the month that made them so began, a status event 灵活就业 / 来料加工 (form
 * 024) is written on that month's first day, as a project's opening writes 自主创业, so the
 * re-employment figures (A5, A7) count her. It is written once: a woman already in work on that
 * day (in 来料加工 or any other) is left as she is. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "enterprise/enterprise_int.h"
#include "jobs/jobs.h"

const struct field_def broker_fields[BF__COUNT] = { BROKER_FIELDS(FIELD_DEF_ROW) };
const struct field_def outlet_fields[OF__COUNT] = { OUTLET_FIELDS(FIELD_DEF_ROW) };
const struct field_def fee_fields[FEF__COUNT] = { FEE_FIELDS(FIELD_DEF_ROW) };
_Static_assert((int)BF__COUNT <= (int)PREC_FIELDS_MAX && (int)OF__COUNT <= (int)PREC_FIELDS_MAX,
               "PREC_FIELDS_MAX is too small");

/* What differs between the two kinds of record: the worker-typed block ends at typed. */
struct pkind {
	const char *table, *entity;
	char prefix;
	const struct field_def *defs;
	int n, typed;
	const char *what;       /* "reading the brokers" … (gettext) */
};
static const struct pkind kinds[2] = {
	{ "broker", "broker", 'B', broker_fields, BF__COUNT, BF_TOWN, N_("reading the brokers") },
	{ "outlet", "outlet", 'O', outlet_fields, OF__COUNT, OF_BNAME, N_("reading the outlets") },
};

struct prec *broker_new(void)
{
	return xcalloc(1, sizeof(struct prec));
}

struct prec *outlet_new(void)
{
	struct prec *r = xcalloc(1, sizeof *r);
	r->outlet = 1;
	return r;
}

void prec_free(struct prec **rp)
{
	struct prec *r = *rp;
	if (!r)
		return;
	field_values_free(r->v, kinds[r->outlet].n);
	free(r);
	*rp = NULL;
}

void prec_set(struct prec *r, int field, const char *value)
{
	assert(field >= 0 && field < kinds[r->outlet].n);
	field_value_set(&r->v[field], value);
}

const char *prec_get(const struct prec *r, int field)
{
	assert(field >= 0 && field < kinds[r->outlet].n);
	return field_value_get(r->v[field]);
}

int prec_display(struct jy_db *db, const struct prec *r, int field, char **out,
                 struct jy_err *err)
{
	const struct field_def *fd = &kinds[r->outlet].defs[field];
	*out = NULL;
	if (fd->kind == FK_UNIT && r->v[field]) {
		const struct code_list *units = codes_cached(db, "@units", err);
		if (!units)
			return JY_EDB;
		const char *name = codes_label(units, r->v[field]);
		*out = xstrdup(name ? name : r->v[field]);
		return JY_OK;
	}
	if (fd->kind == FK_DERIVED || fd->kind == FK_UNIT) {
		*out = xstrdup(field_value_get(r->v[field]));
		return JY_OK;
	}
	return field_show(db, fd, r->v[field], out, err);
}

/* The stored values in the fields' order after the id, version and reference columns. */
static const char *const sql_load[2] = {
	"SELECT b.id, b.version, coalesce(b.resident_id, 0), 0, b.code, b.name, b.id_no, b.phone, "
	"b.community, b.products, b.new_year, b.excellent, b.talent_pool, b.since, b.ended_on, b.note, "
	"(SELECT p.name FROM unit u JOIN unit p ON p.code = u.parent WHERE u.code = b.community), NULL "
	"FROM broker b WHERE b.id = ?1",
	"SELECT o.id, o.version, coalesce(o.broker_id, 0), coalesce(o.employer_id, 0), o.code, o.name, "
	"o.kind, o.level, o.community, o.place, b.code, e.name, o.women, o.since, o.ended_on, o.note, "
	"b.name FROM outlet o LEFT JOIN broker b ON b.id = o.broker_id "
	"LEFT JOIN employer e ON e.id = o.employer_id WHERE o.id = ?1",
};

static int prec_load(struct jy_db *db, int outlet, int64_t id, struct prec **out,
                     struct jy_err *err)
{
	const struct pkind *k = &kinds[outlet];
	*out = NULL;
	sqlite3_stmt *st = db_prepare(db, sql_load[outlet], err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s != SQLITE_ROW) {
		sqlite3_reset(st);
		if (s == SQLITE_DONE)
			return err_set(err, JY_ENOTFOUND, NULL, outlet ? _("outlet %lld not found")
			               : _("broker %lld not found"), (long long)id);
		return db_fail(db, err, _(k->what));
	}
	struct prec *r = xcalloc(1, sizeof *r);
	r->outlet = outlet;
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	r->ref1 = sqlite3_column_int64(st, 2);
	r->ref2 = sqlite3_column_int64(st, 3);
	for (int f = 0; f < k->n; f++)
		r->v[f] = db_col_str(st, f + 4);
	sqlite3_reset(st);
	int unit = outlet ? OF_UNIT : BF_UNIT;
	if (r->v[unit] && !access_in_scope(db, r->v[unit])) {
		prec_free(&r);
		return err_set(err, JY_EPERM, NULL, _("this record belongs to a community outside "
		               "yours"));
	}
	if (!outlet) {
		char *t = NULL;
		int rc = broker_trainings(db, r, &t, err);
		if (rc) {
			prec_free(&r);
			return rc;
		}
		free(r->v[BF_TRAIN]);
		r->v[BF_TRAIN] = *t ? t : (free(t), NULL);
	}
	*out = r;
	return JY_OK;
}

int broker_load(struct jy_db *db, int64_t id, struct prec **out, struct jy_err *err)
{
	return prec_load(db, 0, id, out, err);
}

int outlet_load(struct jy_db *db, int64_t id, struct prec **out, struct jy_err *err)
{
	return prec_load(db, 1, id, out, err);
}

int broker_find_code(struct jy_db *db, const char *code, int64_t *id, struct jy_err *err)
{
	return ent_find_code(db, "SELECT id FROM broker WHERE code = ?1", code,
	                     _("reading the brokers"), id, err);
}

int outlet_find_code(struct jy_db *db, const char *code, int64_t *id, struct jy_err *err)
{
	return ent_find_code(db, "SELECT id FROM outlet WHERE code = ?1", code,
	                     _("reading the outlets"), id, err);
}

int broker_trainings(struct jy_db *db, const struct prec *b, char **out, struct jy_err *err)
{
	struct enrol_row *rows = NULL;
	int n = 0;
	*out = NULL;
	if (!b->ref1) {
		*out = xstrdup("");
		return JY_OK;
	}
	char today[11];
	date_today(today);
	int rc = enrolment_list(db, 0, b->ref1, today, &rows, &n, err);
	if (rc)
		return rc;
	struct jy_buf buf = { 0 };
	buf_addf(&buf, "%s", "");
	for (int i = 0; i < n; i++)
		if (!rows[i].waitlisted)
			buf_addf(&buf, "%s%s %s", buf.len ? "；" : "", rows[i].course_code,
			         rows[i].course_name);
	free(rows);
	*out = buf_steal(&buf);
	return JY_OK;
}

/* A unit a worker or a file names (code or name) → its code. */
static int unit_value(struct jy_db *db, const struct field_def *fd, const char *in, char **out,
                      struct jy_err *err)
{
	char code[32];
	char *v = text_clean(in);
	int rc = unit_find(db, v, code, err);
	if (rc == JY_ENOTFOUND)
		rc = err_set(err, JY_EINVAL, fd->label, _("\"%s\" is not a community or village of this "
		             "office"), v);
	else if (rc == JY_OK)
		*out = xstrdup(code);
	free(v);
	return rc;
}

/* The worker-typed fields checked and made canonical, the references found. */
static int prec_validate(struct jy_db *db, struct prec *r, struct jy_err *err)
{
	const struct pkind *k = &kinds[r->outlet];
	int rc;
	for (int f = 0; f < k->typed; f++) {
		char *out = NULL;
		if (text_is_blank(r->v[f]))
			rc = JY_OK;
		else if (k->defs[f].kind == FK_UNIT)
			rc = unit_value(db, &k->defs[f], r->v[f], &out, err);
		else
			rc = field_check_value(db, &k->defs[f], r->v[f], &out, err);
		if (rc)
			return rc;
		free(r->v[f]);
		r->v[f] = out;
		if ((k->defs[f].flags & FF_REQ) && !out)
			return err_set(err, JY_EINVAL, k->defs[f].label, _("required: %s"),
			               k->defs[f].label);
	}
	if (r->v[0]) {
		char *c = ent_code_canon(r->v[0]);
		free(r->v[0]);
		r->v[0] = c;
	}
	int unit = r->outlet ? OF_UNIT : BF_UNIT, since = r->outlet ? OF_SINCE : BF_SINCE;
	int endon = r->outlet ? OF_ENDON : BF_ENDON;
	if ((rc = access_check(db, OP_EDIT, r->v[unit], err)))
		return rc;
	char d[11];
	if ((rc = ent_date(r->v[since], k->defs[since].label, d, err)))
		return rc;
	prec_set(r, since, d);
	if (r->v[endon]) {
		if ((rc = ent_date(r->v[endon], k->defs[endon].label, d, err)))
			return rc;
		if (strcmp(d, r->v[since]) < 0)
			return err_set(err, JY_EINVAL, k->defs[endon].label, _("%s is before %s (%s)"), d,
			               k->defs[since].label, r->v[since]);
	}
	if (!r->outlet) {
		r->ref1 = 0;
		if (r->v[BF_IDNO]) {
			rc = resident_find_idno(db, r->v[BF_IDNO], &r->ref1, err);
			if (rc == JY_ENOTFOUND)
				r->ref1 = 0, rc = JY_OK;    /* a broker who is not registered here */
			if (rc)
				return rc;
		}
		if (r->v[BF_NEWYEAR]) {
			char today[11];
			date_today(today);
			long y = strtol(r->v[BF_NEWYEAR], NULL, 10), now = strtol(today, NULL, 10);
			if (y < 1980 || y > now)
				return err_set(err, JY_EINVAL, k->defs[BF_NEWYEAR].label, _("%ld is not a year "
				               "from 1980 to %ld: the year she became a broker"), y, now);
		}
		return JY_OK;
	}
	r->ref1 = r->ref2 = 0;
	if (r->v[OF_BROKER]) {
		rc = broker_find_code(db, r->v[OF_BROKER], &r->ref1, err);
		if (rc == JY_ENOTFOUND)
			return err_set(err, JY_EINVAL, k->defs[OF_BROKER].label, _("no broker has the code "
			               "%s: give a broker's code (B-001 ...)"), r->v[OF_BROKER]);
		if (rc)
			return rc;
	}
	if (r->v[OF_FACTORY]) {
		struct jy_err e = { 0 };
		rc = employer_find(db, r->v[OF_FACTORY], &r->ref2, &e);
		if (rc == JY_ENOTFOUND || rc == JY_EINVAL)
			return err_set(err, JY_EINVAL, k->defs[OF_FACTORY].label, "%s%s",
			               rc == JY_ENOTFOUND ? _("no employer is called so; give the paired "
			               "factory's code (E02), credit code or name as the employers list has "
			               "it") : "", rc == JY_EINVAL ? e.msg : "");
		if (rc) {
			*err = e;
			return rc;
		}
	}
	int base = r->v[OF_KIND] && (strcmp(r->v[OF_KIND], "3") == 0 ||
	                             strcmp(r->v[OF_KIND], "4") == 0);
	if (r->v[OF_LEVEL] && !base)
		return err_set(err, JY_EINVAL, k->defs[OF_LEVEL].label, _("only a base has a level "
		               "(县级, 市级, 省级, 全国): leave it empty for an outlet or a station"));
	if (!r->v[OF_LEVEL] && r->v[OF_KIND] && strcmp(r->v[OF_KIND], "4") == 0)
		return err_set(err, JY_EINVAL, k->defs[OF_LEVEL].label, _("required for a demonstration "
		               "base: 县级, 市级, 省级 or 全国"));
	return JY_OK;
}

static void bind_values(sqlite3_stmt *st, const struct prec *r)
{
	const struct pkind *k = &kinds[r->outlet];
	/* ?5 … in the fields' order; an outlet's broker and factory are bound as their ids */
	for (int f = 0; f < k->typed; f++) {
		int p = 5 + f;
		const struct field_def *fd = &k->defs[f];
		if (r->outlet && f == OF_BROKER) {
			if (r->ref1)
				sqlite3_bind_int64(st, p, r->ref1);
		} else if (r->outlet && f == OF_FACTORY) {
			if (r->ref2)
				sqlite3_bind_int64(st, p, r->ref2);
		} else if ((fd->flags & FF_NUM) || fd->kind == FK_BOOL) {
			if (r->v[f])
				sqlite3_bind_int64(st, p, strtoll(r->v[f], NULL, 10));
			else if (fd->kind == FK_BOOL || f == OF_WOMEN)
				sqlite3_bind_int64(st, p, 0);
		} else {
			db_bind_text(st, p, r->v[f]);
		}
	}
	if (!r->outlet && r->ref1)
		sqlite3_bind_int64(st, 5 + k->typed, r->ref1);
}

static const char *const sql_insert[2] = {
	"INSERT INTO broker(code, name, id_no, phone, community, products, new_year, excellent, "
	"talent_pool, since, ended_on, note, resident_id, created_at, created_by, updated_at, "
	"updated_by) VALUES (?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?2, ?3, ?2, ?3)",
	"INSERT INTO outlet(code, name, kind, level, community, place, broker_id, employer_id, women, "
	"since, ended_on, note, created_at, created_by, updated_at, updated_by) VALUES "
	"(?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?2, ?3, ?2, ?3)",
};
static const char *const sql_update[2] = {
	"UPDATE broker SET code = ?5, name = ?6, id_no = ?7, phone = ?8, community = ?9, "
	"products = ?10, new_year = ?11, excellent = ?12, talent_pool = ?13, since = ?14, "
	"ended_on = ?15, note = ?16, resident_id = ?17, version = version + 1, updated_at = ?2, "
	"updated_by = ?3 WHERE id = ?1 AND version = ?4",
	"UPDATE outlet SET code = ?5, name = ?6, kind = ?7, level = ?8, community = ?9, place = ?10, "
	"broker_id = ?11, employer_id = ?12, women = ?13, since = ?14, ended_on = ?15, note = ?16, "
	"version = version + 1, updated_at = ?2, updated_by = ?3 WHERE id = ?1 AND version = ?4",
};

static int prec_write(struct jy_db *db, struct prec *r, struct jy_err *err)
{
	const struct pkind *k = &kinds[r->outlet];
	char now[32], code[24];
	char *json = NULL;
	int rc;
	time_now_iso(now);
	if (r->id) {
		struct prec *old = NULL;
		if ((rc = prec_load(db, r->outlet, r->id, &old, err)))
			return rc;
		if (old->version != r->version) {
			prec_free(&old);
			return ent_conflict(err, r->id);
		}
		if (!r->v[0])
			prec_set(r, 0, old->v[0]);
		json = field_changes(k->defs, k->typed, old->v, r->v);
		prec_free(&old);
		if (!json)
			return JY_OK;
	} else if (!r->v[0]) {
		if ((rc = ent_next_code(db, k->table, k->prefix, code, err)))
			return rc;
		prec_set(r, 0, code);
	}
	sqlite3_stmt *st = db_prepare(db, r->id ? sql_update[r->outlet] : sql_insert[r->outlet], err);
	if (!st) {
		free(json);
		return JY_EDB;
	}
	if (r->id)
		sqlite3_bind_int64(st, 1, r->id), sqlite3_bind_int64(st, 4, r->version);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	bind_values(st, r);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE || (r->id && sqlite3_changes(db_handle(db)) != 1)) {
		free(json);
		if (s == SQLITE_DONE)
			return ent_conflict(err, r->id);
		if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE)
			return err_set(err, JY_EDUP, k->defs[0].label, _("code %s is already in use; leave "
			               "it empty for the next free one"), r->v[0]);
		return db_fail(db, err, r->outlet ? _("saving the outlet") : _("saving the broker"));
	}
	const char *action = r->id ? "update" : "create";
	if (!r->id) {
		r->id = sqlite3_last_insert_rowid(db_handle(db));
		r->version = 0;
		json = field_changes(k->defs, k->typed, NULL, r->v);
	}
	rc = history_add(db, k->entity, r->id, action, json, err);
	free(json);
	if (!rc)
		r->version++;
	return rc;
}

int prec_save(struct jy_db *db, struct prec *r, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	int rc = prec_validate(db, r, err);
	if (rc)
		return rc;
	if ((rc = db_begin(db, err)))
		return rc;
	int64_t id = r->id, version = r->version;
	if ((rc = prec_write(db, r, err))) {
		db_rollback(db);
		r->id = id, r->version = version;
		return rc;
	}
	if ((rc = db_commit(db, err)))
		r->id = id, r->version = version;
	return rc;
}

/* ---- lists ------------------------------------------------------------------------------------ */

static const char *const sql_list[2] = {
	"SELECT b.id, b.code, b.name, coalesce(u.name, ''), coalesce(b.products, ''), "
	"CASE WHEN b.excellent THEN '优秀' ELSE '' END || CASE WHEN b.talent_pool THEN "
	"  CASE WHEN b.excellent THEN ' ' ELSE '' END || '人才库' ELSE '' END, "
	"coalesce((SELECT sum(f.fee_fen) FROM outlet o JOIN fee f INDEXED BY fee_outlet "
	"  ON f.outlet_id = o.id WHERE o.broker_id = b.id), 0) "
	"FROM broker b LEFT JOIN unit u ON u.code = b.community "
	"WHERE jy_in_scope(coalesce(b.community, '')) AND (?1 IS NULL OR b.code LIKE ?1 || '%' "
	"  OR instr(b.name, ?1) > 0) ORDER BY b.code",
	"SELECT o.id, o.code, o.name, coalesce(u.name, ''), "
	"(SELECT label FROM code WHERE list = 'outlet_kind' AND code = o.kind) || coalesce(' ' || "
	"  (SELECT label FROM code WHERE list = 'base_level' AND code = o.level), ''), "
	"coalesce(b.name, ''), coalesce((SELECT sum(f.fee_fen) FROM fee f INDEXED BY fee_outlet "
	"  WHERE f.outlet_id = o.id), 0) "
	"FROM outlet o LEFT JOIN unit u ON u.code = o.community LEFT JOIN broker b ON b.id = o.broker_id "
	"WHERE jy_in_scope(coalesce(o.community, '')) AND (?1 IS NULL OR o.code LIKE ?1 || '%' "
	"  OR instr(o.name, ?1) > 0) ORDER BY o.code",
};

int prec_each(struct jy_db *db, int outlets, const char *query,
              int (*cb)(void *arg, const struct prec_row *r), void *arg, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, sql_list[outlets != 0], err);
	if (!st)
		return JY_EDB;
	char *q = text_is_blank(query) ? NULL : ent_code_canon(query);
	char *name = text_is_blank(query) ? NULL : text_clean(query);
	/* a code is matched in its canonical form, a name as typed */
	sqlite3_bind_text(st, 1, q && (q[0] == 'B' || q[0] == 'O') && q[1] == '-' ? q : name, -1,
	                  SQLITE_TRANSIENT);
	free(q);
	free(name);
	int s, rc = JY_OK;
	while (rc == JY_OK && (s = sqlite3_step(st)) == SQLITE_ROW) {
		struct prec_row r = { .id = sqlite3_column_int64(st, 0) };
		db_col_copy(st, 1, r.code, sizeof r.code);
		db_col_copy(st, 2, r.name, sizeof r.name);
		db_col_copy(st, 3, r.unit, sizeof r.unit);
		db_col_copy(st, 4, r.what, sizeof r.what);
		db_col_copy(st, 5, r.who, sizeof r.who);
		r.fee_fen = sqlite3_column_int64(st, 6);
		rc = cb(arg, &r);
	}
	if (rc == JY_OK && s != SQLITE_DONE)
		rc = db_fail(db, err, outlets ? _("reading the outlets") : _("reading the brokers"));
	sqlite3_reset(st);
	return rc;
}

/* ---- the fee ledger --------------------------------------------------------------------------- */

int month_parse(const char *in, char out[8], const char *field, struct jy_err *err)
{
	char *t = text_is_blank(in) ? NULL : hanzi_fold(in);
	long y = 0, m = 0;
	int ok = 0;
	if (t) {
		char *s = text_clean(t), *end;
		free(t);
		t = s;
		y = strtol(t, &end, 10);
		if (end - t == 6 && !*end) {            /* 202403 */
			m = y % 100, y /= 100, ok = 1;
		} else if (end - t == 4 && *end) {
			const char *p = end;
			if (strncmp(p, "年", strlen("年")) == 0)
				p += strlen("年");
			else if (*p == '-' || *p == '/' || *p == '.')
				p++;
			else
				p = NULL;
			if (p && *p >= '0' && *p <= '9') {
				m = strtol(p, &end, 10);
				ok = end - p <= 2;
				if (ok && strcmp(end, "月") == 0)
					end += strlen("月");
				else if (ok && (*end == '-' || *end == '/' || *end == '.')) {
					/* a date in the month: its day checked by the date rule */
					char d[11];
					struct jy_err e = { 0 };
					ok = date_parse(in, d, &e) == JY_OK;
					end += strlen(end);
				}
				ok = ok && !*end;
			}
		}
	}
	char today[11];
	date_today(today);
	if (!ok || y < 1980 || y > 2100 || m < 1 || m > 12) {
		int rc = err_set(err, JY_EINVAL, field, _("\"%s\" is not a month; write it as 2024-03, "
		                 "2024年3月 or 202403"), t ? t : "");
		free(t);
		return rc;
	}
	free(t);
	snprintf(out, 8, "%04d-%02d", (int)y, (int)m);
	if (strncmp(out, today, 7) > 0)
		return err_set(err, JY_EINVAL, field, _("%s is after this month (%.7s): fees are "
		               "recorded when paid"), out, today);
	return JY_OK;
}

/* Whether she was low-income in month: she held one of fee.lowinc_categories on its last day. */
static int low_income_of(struct jy_db *db, int64_t rid, const char *month, int *low,
                         struct jy_err *err)
{
	char *cats = NULL;
	int rc = db_setting(db, "fee.lowinc_categories", "RURAL_LOWINC|DIBAO|SPECIAL_POOR", &cats, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT EXISTS (SELECT 1 FROM resident_category WHERE resident_id = ?1 AND "
		"instr('|' || ?3 || '|', '|' || category || '|') > 0 AND "
		"since <= date(?2 || '-01', '+1 month', '-1 day'))", err);
	if (!st) {
		free(cats);
		return JY_EDB;
	}
	sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_text(st, 2, month, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, cats, -1, SQLITE_TRANSIENT);
	free(cats);
	int s = sqlite3_step(st);
	*low = s == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return s == SQLITE_ROW ? JY_OK : db_fail(db, err, _("reading her categories"));
}

/* The employment rule: her fee.employ_months-th month with fees, and her status when it began;
 * without work then, 灵活就业 / 来料加工 from that day. */
static int fee_employment(struct jy_db *db, int64_t rid, int *employed, struct jy_err *err)
{
	int n;
	*employed = 0;
	int rc = db_setting_int(db, "fee.employ_months", 3, &n, err);
	if (rc || n <= 0)
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT m || '-01', (SELECT substr(s.status, 1, 1) FROM status_event s "
		"  WHERE s.resident_id = ?1 AND s.date <= m || '-01' ORDER BY s.date DESC, s.id DESC "
		"  LIMIT 1) FROM (SELECT DISTINCT month AS m FROM fee WHERE resident_id = ?1 "
		"  ORDER BY month LIMIT 1 OFFSET ?2 - 1)", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_int(st, 2, n);
	int s = sqlite3_step(st);
	char day[11] = "", cls[2] = "";
	if (s == SQLITE_ROW) {
		db_col_copy(st, 0, day, sizeof day);
		db_col_copy(st, 1, cls, sizeof cls);
	}
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, _("reading her fees"));
	/* fewer months, in work already (2x), or moved away / retired (9x): nothing to write */
	if (s != SQLITE_ROW || cls[0] == '2' || cls[0] == '9')
		return JY_OK;
	struct status_event e = {
		.resident_id = rid, .date = day, .status = "21", .form = "024", .employer = "来料加工",
		.note = "加工费",
	};
	char note[64];
	snprintf(note, sizeof note, "来料加工 %d个月有加工费", n);
	e.note = note;
	if ((rc = status_event_add(db, &e, err)))
		return rc;
	*employed = 1;
	return JY_OK;
}

/* The row of a woman's month, outlet and product, when there is one. */
static int fee_find(struct jy_db *db, int64_t rid, const char *month, int64_t outlet,
                    const char *product, int64_t *id, int64_t *pieces, int64_t *fen,
                    struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id, pieces, fee_fen FROM fee WHERE resident_id = ?1 "
	                              "AND month = ?2 AND outlet_id = ?3 AND product = ?4", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_text(st, 2, month, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, outlet);
	sqlite3_bind_text(st, 4, product, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	*id = 0;
	if (s == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*pieces = sqlite3_column_int64(st, 1);
		*fen = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return s == SQLITE_ROW || s == SQLITE_DONE ? JY_OK : db_fail(db, err, _("reading her fees"));
}

/* The woman of a payment: registered, in the worker's communities, the name typed (when it is)
 * the registered one, and a woman: *rid and her registered name. */
static int fee_woman(struct jy_db *db, const char *idno, int64_t by_id, const char *typed,
                     int64_t *rid, char reg[64], struct jy_err *err)
{
	int rc = by_id > 0 ? resident_access(db, by_id, OP_EDIT, err)
	                   : ent_resident(db, idno, OP_EDIT, rid, err);
	if (by_id > 0)
		*rid = by_id;
	if (rc)
		return rc;
	/* the ledger is of women's work: her name and sex as registered */
	sqlite3_stmt *st = db_prepare(db, "SELECT name, sex FROM resident WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, *rid);
	char sex[4] = "";
	reg[0] = '\0';
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		db_col_copy(st, 0, reg, 64);
		db_col_copy(st, 1, sex, sizeof sex);
	}
	sqlite3_reset(st);
	if (s != SQLITE_ROW)
		return db_fail(db, err, _("reading the resident"));
	if (!text_is_blank(typed)) {
		char *name = text_clean(typed);
		if (strcmp(reg, name) != 0)
			rc = err_set(err, JY_EINVAL, "姓名", _("\"%s\" is not the name registered for this ID "
			             "number (%s): check both"), name, reg);
		free(name);
		if (rc)
			return rc;
	}
	if (strcmp(sex, "2") != 0)
		return err_set(err, JY_EINVAL, "身份证号", _("%s is registered as a man: the fee ledger "
		               "is of the women doing processing work"), reg);
	return JY_OK;
}

int fee_who(struct jy_db *db, const char *idno, int64_t resident_id, const char *month,
            struct fee_who *out, struct jy_err *err)
{
	char m[8];
	memset(out, 0, sizeof *out);
	int rc = fee_woman(db, idno, resident_id, NULL, &out->resident_id, out->name, err);
	if (rc || (rc = month_parse(month, m, "月份", err)))
		return rc;
	return low_income_of(db, out->resident_id, m, &out->low_income, err);
}

/* The payment's fields checked: *rid, *outlet, month, product, pieces, fen. */
static int fee_check(struct jy_db *db, const struct fee_in *in, int64_t *rid, int64_t *outlet,
                     char month[8], char **product, int64_t *pieces, int64_t *fen,
                     struct jy_err *err)
{
	char reg[64];
	int rc = fee_woman(db, in->idno, in->resident_id, in->name, rid, reg, err);
	if (rc)
		return rc;
	if ((rc = month_parse(in->month, month, "月份", err)))
		return rc;
	if (text_is_blank(in->outlet))
		return err_set(err, JY_EINVAL, "网点编号", _("required: the outlet or station that paid "
		               "her (O-001 ...)"));
	rc = outlet_find_code(db, in->outlet, outlet, err);
	if (rc == JY_ENOTFOUND)
		return err_set(err, JY_EINVAL, "网点编号", _("no outlet has the code %s"), in->outlet);
	if (rc)
		return rc;
	char *out = NULL;
	if ((rc = field_check_value(db, &fee_fields[FEF_PRODUCT], in->product, &out, err)))
		return rc;
	*product = out ? out : xstrdup("");
	*pieces = 0;
	if ((rc = field_check_value(db, &fee_fields[FEF_PIECES], in->pieces, &out, err)))
		goto fail;
	if (out)
		*pieces = strtoll(out, NULL, 10);
	free(out);
	if (text_is_blank(in->fee)) {
		rc = err_set(err, JY_EINVAL, "加工费", _("required: the fee paid, in yuan (e.g. 860 or "
		             "860.50)"));
		goto fail;
	}
	if ((rc = money_parse(in->fee, fen, "加工费", err)))
		goto fail;
	if (*fen <= 0) {
		rc = err_set(err, JY_EINVAL, "加工费", _("a fee paid is above zero: a month without "
		             "work has no row"));
		goto fail;
	}
	return JY_OK;
fail:
	free(*product);
	*product = NULL;
	return rc;
}

int fee_record(struct jy_db *db, const struct fee_in *in, struct fee_out *out,
               struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	memset(out, 0, sizeof *out);
	int64_t rid, outlet, pieces = 0, fen = 0, id, old_pieces = 0, old_fen = 0;
	char month[8], now[32];
	char *product = NULL;
	int rc = fee_check(db, in, &rid, &outlet, month, &product, &pieces, &fen, err);
	if (rc)
		return rc;
	int low;
	if ((rc = db_begin(db, err)))
		goto out;
	if ((rc = low_income_of(db, rid, month, &low, err)) ||
	    (rc = fee_find(db, rid, month, outlet, product, &id, &old_pieces, &old_fen, err)))
		goto rollback;
	out->id = id, out->resident_id = rid, out->fee_fen = fen, out->low_income = low;
	memcpy(out->month, month, 8);
	if (id && old_pieces == pieces && old_fen == fen) {
		out->added = -1;
		rc = db_commit(db, err);
		goto out;
	}
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db, id
		? "UPDATE fee SET pieces = ?6, fee_fen = ?7, low_income = ?8, updated_at = ?9, "
		  "updated_by = ?10 WHERE id = ?1"
		: "INSERT INTO fee(month, resident_id, outlet_id, product, pieces, fee_fen, low_income, "
		  "created_at, created_by) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", err);
	if (!st) {
		rc = JY_EDB;
		goto rollback;
	}
	if (id)
		sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, month, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, rid);
	sqlite3_bind_int64(st, 4, outlet);
	sqlite3_bind_text(st, 5, product, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 6, pieces);
	sqlite3_bind_int64(st, 7, fen);
	sqlite3_bind_int(st, 8, low);
	sqlite3_bind_text(st, 9, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 10, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		rc = db_fail(db, err, _("saving the fee"));
		goto rollback;
	}
	out->added = id == 0;
	if (!id)
		out->id = sqlite3_last_insert_rowid(db_handle(db));
	char y0[32], y1[32];
	money_yuan(old_fen, y0);
	money_yuan(fen, y1);
	char *json = id ? xasprintf("{\"pieces\":[%lld,%lld],\"fee_fen\":[\"%s\",\"%s\"]}",
	                            (long long)old_pieces, (long long)pieces, y0, y1)
	                : xasprintf("{\"month\":[null,\"%s\"],\"resident_id\":[null,%lld],"
	                            "\"outlet_id\":[null,%lld],\"pieces\":[null,%lld],"
	                            "\"fee_fen\":[null,\"%s\"],\"low_income\":[null,%d]}", month,
	                            (long long)rid, (long long)outlet, (long long)pieces, y1, low);
	rc = history_add(db, "fee", out->id, id ? "update" : "create", json, err);
	free(json);
	if (!rc && !id)
		rc = fee_employment(db, rid, &out->employed, err);
	if (rc)
		goto rollback;
	rc = db_commit(db, err);
	goto out;
rollback:
	db_rollback(db);
out:
	free(product);
	return rc;
}

/* The payment's row as the trail keeps it when it is removed: what was paid, to whom, and why it
 * goes. Caller frees b->s. */
/* The payment's row as the trail keeps it when it is removed, each field [was, null], and why it
 * goes. Caller frees b->s. */
static int fee_gone_json(struct jy_db *db, int64_t id, const char *why, int64_t *rid,
                         struct jy_buf *b, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT f.resident_id, f.month, o.code, f.product, "
	                              "f.pieces, f.fee_fen FROM fee f JOIN outlet o ON "
	                              "o.id = f.outlet_id WHERE f.id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s != SQLITE_ROW) {
		sqlite3_reset(st);
		return s == SQLITE_DONE
			? err_set(err, JY_ENOTFOUND, NULL, _("fee %lld not found"), (long long)id)
			: db_fail(db, err, _("reading her fees"));
	}
	*rid = sqlite3_column_int64(st, 0);
	char fee[32];
	money_yuan(sqlite3_column_int64(st, 5), fee);
	static const char *const keys[] = { "month", "outlet_code", "product" };
	buf_adds(b, "{");
	for (int i = 0; i < 3; i++) {
		buf_addf(b, "\"%s\":[", keys[i]);
		history_json_str(b, (const char *)sqlite3_column_text(st, 1 + i));
		buf_adds(b, ",null],");
	}
	buf_addf(b, "\"pieces\":[%lld,null],\"fee\":[", (long long)sqlite3_column_int64(st, 4));
	history_json_str(b, fee);
	buf_adds(b, ",null],\"reason\":[null,");
	history_json_str(b, why);
	buf_adds(b, "]}");
	sqlite3_reset(st);
	return JY_OK;
}

int fee_delete(struct jy_db *db, int64_t id, const char *reason, struct jy_err *err)
{
	if (text_is_blank(reason))
		return err_set(err, JY_EINVAL, "原因",
		               _("required: why the payment is removed (the audit trail keeps it)"));
	char *why = text_clean(reason);
	struct jy_buf j = { 0 };
	int64_t rid = 0;
	int rc = fee_gone_json(db, id, why, &rid, &j, err);
	free(why);
	if (rc || (rc = resident_access(db, rid, OP_EDIT, err)) ||
	    (rc = access_check(db, OP_APPROVE, NULL, err)) || (rc = db_begin(db, err))) {
		buf_free(&j);
		return rc;
	}
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM fee WHERE id = ?1", err);
	if (!st)
		rc = JY_EDB;
	else {
		sqlite3_bind_int64(st, 1, id);
		int s = sqlite3_step(st);
		sqlite3_reset(st);
		if (s != SQLITE_DONE)
			rc = db_fail(db, err, _("removing the fee"));
	}
	if (!rc)
		rc = history_add(db, "fee", id, "delete", j.s, err);
	buf_free(&j);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

int fee_each(struct jy_db *db, int64_t outlet_id, const char *month,
             int (*cb)(void *arg, const struct fee_row *r), void *arg, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT f.id, f.resident_id, f.month, o.code, r.name, r.id_no, f.product, f.pieces, "
		"f.fee_fen, f.low_income FROM fee f JOIN outlet o ON o.id = f.outlet_id "
		"JOIN resident r ON r.id = f.resident_id "
		"WHERE (?1 = 0 OR f.outlet_id = ?1) AND (?2 IS NULL OR f.month = ?2) "
		"AND jy_in_scope(r.community) ORDER BY f.id", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, outlet_id);
	db_bind_text(st, 2, month);
	int s, rc = JY_OK;
	while (rc == JY_OK && (s = sqlite3_step(st)) == SQLITE_ROW) {
		struct fee_row r = { .id = sqlite3_column_int64(st, 0),
		                     .resident_id = sqlite3_column_int64(st, 1) };
		db_col_copy(st, 2, r.month, sizeof r.month);
		db_col_copy(st, 3, r.outlet, sizeof r.outlet);
		db_col_copy(st, 4, r.name, sizeof r.name);
		db_col_copy(st, 5, r.id_no, sizeof r.id_no);
		db_col_copy(st, 6, r.product, sizeof r.product);
		r.pieces = sqlite3_column_int64(st, 7);
		r.fee_fen = sqlite3_column_int64(st, 8);
		r.low_income = sqlite3_column_int(st, 9);
		rc = cb(arg, &r);
	}
	if (rc == JY_OK && s != SQLITE_DONE)
		rc = db_fail(db, err, _("reading the fees"));
	sqlite3_reset(st);
	return rc;
}

int fee_total(struct jy_db *db, int64_t outlet_id, const char *month, int *rows, int64_t *fen,
              struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT count(*), coalesce(sum(f.fee_fen), 0) FROM fee f JOIN resident r ON "
		"r.id = f.resident_id WHERE f.outlet_id = ?1 AND f.month = ?2 AND jy_in_scope(r.community)",
		err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, outlet_id);
	db_bind_text(st, 2, month);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		*rows = sqlite3_column_int(st, 0);
		*fen = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return s == SQLITE_ROW ? JY_OK : db_fail(db, err, _("reading the fees"));
}

/* The filter of fee_search over fee_each's rows. */
struct fee_filter {
	struct ent_query q;
	int (*cb)(void *arg, const struct fee_row *r);
	void *arg;
};

static int fee_filter_row(void *arg, const struct fee_row *r)
{
	struct fee_filter *f = arg;
	int m = ent_query_match(&f->q, "", r->name, r->id_no);
	if (!m && f->q.kind != Q_ALL && f->q.kind != Q_DIGITS) {
		char *p = hanzi_fold(r->product);
		m = strstr(p, f->q.text) != NULL;
		free(p);
	}
	return m ? f->cb(f->arg, r) : 0;
}

int fee_search(struct jy_db *db, int64_t outlet_id, const char *month, const char *query,
               int (*cb)(void *arg, const struct fee_row *r), void *arg, struct jy_err *err)
{
	struct fee_filter f = { .cb = cb, .arg = arg };
	ent_query_parse(query, &f.q);
	int rc = fee_each(db, outlet_id, month, fee_filter_row, &f, err);
	free(f.q.text);
	return rc;
}
