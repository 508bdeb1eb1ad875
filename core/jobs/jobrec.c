/* core/jobs/jobrec.c: the records of the jobs module (employers, postings, job fairs) and their one
 * engine. Each type is a field table in jobs/jobs.h; the table drives the SQL, the checks (fields.c),
 * the history and the CSV columns, as RESIDENT_FIELDS does for the registry. The rules that are a
 * type's own (a credit code, a posting's counts and dates) are in jobrec_rules below; finding and
 * listing are in employer.c, posting.c and fair.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jobs/jobs_int.h"

static const struct field_def employer_fields[EMP__COUNT] = { EMPLOYER_FIELDS(FIELD_DEF_ROW) };
static const struct field_def posting_fields[PST__COUNT] = { POSTING_FIELDS(FIELD_DEF_ROW) };
static const struct field_def fair_fields[FAIR__COUNT] = { FAIR_FIELDS(FIELD_DEF_ROW) };

static const struct jobrec_type_def {
	const char *table, *entity;
	const struct field_def *fields;
	int n;
	int name_field;         /* what the search keys are made of */
} types[JR__COUNT] = {
	[JR_EMPLOYER] = { "employer", "employer", employer_fields, EMP__COUNT, EMP_NAME },
	[JR_POSTING] = { "posting", "posting", posting_fields, PST__COUNT, PST_TITLE },
	[JR_FAIR] = { "fair", "fair", fair_fields, FAIR__COUNT, FAIR_NAME },
};

const struct field_def *jobrec_fields(int type, int *n)
{
	if (n)
		*n = types[type].n;
	return types[type].fields;
}

const char *jobrec_entity(int type)
{
	return types[type].entity;
}

int jobrec_field_by_col(int type, const char *col)
{
	return field_find_col(types[type].fields, types[type].n, col);
}

struct jobrec *jobrec_new(int type)
{
	struct jobrec *r = xcalloc(1, sizeof *r);
	r->type = type;
	return r;
}

void jobrec_free(struct jobrec **pr)
{
	struct jobrec *r = *pr;
	if (!r)
		return;
	field_values_free(r->v, JOBREC_MAX);
	free(r->created_at);
	free(r->updated_at);
	free(r->updated_by);
	free(r);
	*pr = NULL;
}

struct jobrec *jobrec_dup(const struct jobrec *r)
{
	struct jobrec *d = jobrec_new(r->type);
	d->id = r->id;
	d->version = r->version;
	d->employer_id = r->employer_id;
	memcpy(d->code, r->code, sizeof d->code);
	memcpy(d->state, r->state, sizeof d->state);
	field_values_dup(d->v, r->v, JOBREC_MAX);
	d->created_at = xstrdup(r->created_at);
	d->updated_at = xstrdup(r->updated_at);
	d->updated_by = xstrdup(r->updated_by);
	return d;
}

void jobrec_set(struct jobrec *r, int field, const char *value)
{
	field_value_set(&r->v[field], value);
}

const char *jobrec_get(const struct jobrec *r, int field)
{
	return field_value_get(r->v[field]);
}

int jobrec_display(struct jy_db *db, const struct jobrec *r, int field, char **out,
                   struct jy_err *err)
{
	const struct field_def *fd = &types[r->type].fields[field];
	if (r->type == JR_POSTING && field == PST_STATUS && r->state[0])
		return field_show(db, fd, r->state, out, err);
	return field_show(db, fd, r->v[field], out, err);
}

/* ---- search keys ------------------------------------------------------------------------------ */

char *jobs_skey(const char *name, const char *const *extra, int nextra)
{
	struct jy_buf b = { 0 };
	buf_adds(&b, "");
	if (name && *name) {
		char *ini[8];
		int n = hanzi_initials_all(name, ini, 8);
		for (int i = 0; i < n; i++) {
			buf_addf(&b, "%s\x1f", ini[i]);
			free(ini[i]);
		}
		char *folded = hanzi_fold(name);
		buf_addf(&b, "%s\x1f", folded);
		free(folded);
	}
	for (int i = 0; i < nextra; i++) {
		if (!extra[i] || !*extra[i])
			continue;
		char *folded = hanzi_fold(extra[i]);
		buf_addf(&b, "%s\x1f", folded);
		free(folded);
	}
	return buf_steal(&b);
}

char *jobs_query_fold(const char *q)
{
	if (text_is_blank(q))
		return NULL;
	char *c = text_clean(q);
	char *f = hanzi_fold(c);
	free(c);
	return f;
}

static char *jobrec_skey(const struct jobrec *r)
{
	const char *extra[3] = { r->code, NULL, NULL };
	switch (r->type) {
	case JR_EMPLOYER:
		extra[1] = r->v[EMP_CREDIT];
		break;
	case JR_POSTING:
		extra[1] = r->v[PST_EMPLOYER];      /* found by its employer's name too */
		break;
	default:
		extra[1] = r->v[FAIR_PLACE];
		break;
	}
	char *key = jobs_skey(r->v[types[r->type].name_field], extra, 2);
	if (r->type == JR_POSTING && r->v[PST_EMPLOYER]) {
		/* and by the pinyin initials of the employer's name */
		char *more = jobs_skey(r->v[PST_EMPLOYER], NULL, 0);
		char *both = xasprintf("%s%s", key, more);
		free(key);
		free(more);
		key = both;
	}
	return key;
}

/* ---- checks ----------------------------------------------------------------------------------- */

static int relabel(struct jy_err *err, const char *label, int rc)
{
	if (rc && err)
		snprintf(err->field, sizeof err->field, "%s", label);
	return rc;
}

/* The fair a posting came from, as typed: its code (any case) or its whole name, into *out as its
 * code; one of several fairs of that name is named by its code. */
static int fair_named(struct jy_db *db, const char *value, char **out, struct jy_err *err)
{
	const char *label = posting_fields[PST_FAIR].label;
	char *v = text_clean(value);
	sqlite3_stmt *st = db_prepare(db, "SELECT code FROM fair WHERE upper(code) = upper(?1) OR name = ?1 "
	                                  "ORDER BY upper(code) = upper(?1) DESC, date DESC LIMIT 2", err);
	if (!st) {
		free(v);
		return relabel(err, label, JY_EDB);
	}
	sqlite3_bind_text(st, 1, v, -1, SQLITE_TRANSIENT);
	char code[2][64] = { "", "" };
	int n = 0, s = SQLITE_DONE;
	while (n < 2 && (s = sqlite3_step(st)) == SQLITE_ROW)
		db_col_copy(st, 0, code[n++], sizeof code[0]);
	sqlite3_reset(st);
	if (n < 2 && s != SQLITE_DONE) {
		free(v);
		return relabel(err, label, db_fail(db, err, _("reading the job fairs")));
	}
	int rc = JY_OK;
	if (n == 0)
		rc = err_set(err, JY_EINVAL, label, _("no job fair \"%s\": type its code or its whole name, "
		                                      "or record the fair first"), v);
	else if (n == 2 && strcasecmp(code[0], v) != 0)
		rc = err_set(err, JY_EINVAL, label, _("several job fairs are called \"%s\": type the code "
		                                      "(%s, %s)"), v, code[0], code[1]);
	else
		*out = xstrdup(code[0]);
	free(v);
	return rc;
}

int jobrec_check_field(struct jy_db *db, int type, int field, const char *value, char **out,
                       struct jy_err *err)
{
	const struct field_def *fd = &types[type].fields[field];
	*out = NULL;
	if (text_is_blank(value))
		return JY_OK;
	if (type == JR_EMPLOYER && field == EMP_CREDIT) {
		char code[19];
		int rc = credit_code_parse(value, code, err);
		if (!rc)
			*out = xstrdup(code);
		return relabel(err, fd->label, rc);
	}
	if (fd->kind == FK_PHONE) {
		/* the registry's rule: 11-digit mobile or a landline with its area code */
		int rc = resident_check_field(db, RF_PHONE, value, out, err);
		return relabel(err, fd->label, rc);
	}
	if (type == JR_POSTING && field == PST_EMPLOYER) {
		int64_t id;
		int rc = employer_find(db, value, &id, err);
		if (rc == JY_ENOTFOUND) {
			char *v = text_clean(value);
			rc = err_set(err, JY_EINVAL, fd->label,
			             _("no employer \"%s\": type its name, pinyin initials or code (E01), or "
			               "register the employer first"), v);
			free(v);
		}
		if (rc)
			return relabel(err, fd->label, rc);
		/* the name when it names one employer, else the code */
		char *name = NULL;
		int64_t other = 0;
		if ((rc = employer_name(db, id, &name, err)))
			return relabel(err, fd->label, rc);
		rc = employer_find(db, name, &other, err);
		if (rc == JY_EDB) {
			free(name);
			return relabel(err, fd->label, rc);
		}
		if (rc == JY_OK && other == id) {
			*out = name;
			return JY_OK;
		}
		free(name);
		err_clear(err);         /* several of that name (JY_EINVAL): the code names her */
		char code[24] = "";
		sqlite3_stmt *st = db_prepare(db, "SELECT code FROM employer WHERE id = ?1", err);
		if (!st)
			return JY_EDB;
		sqlite3_bind_int64(st, 1, id);
		int s = sqlite3_step(st);
		if (s == SQLITE_ROW)
			db_col_copy(st, 0, code, sizeof code);
		sqlite3_reset(st);
		if (s != SQLITE_ROW && s != SQLITE_DONE) {
			rc = db_fail(db, err, _("reading the employers"));
			return relabel(err, fd->label, rc);
		}
		*out = xstrdup(code);
		return JY_OK;
	}
	if (type == JR_POSTING && field == PST_FAIR)
		return fair_named(db, value, out, err);
	int rc = field_check_value(db, fd, value, out, err);
	if (!rc && type == JR_POSTING && field == PST_STATUS && strcmp(*out, "expired") == 0) {
		FREE(out);
		return err_set(err, JY_EINVAL, fd->label,
		               _("已过期 follows from the closing date by itself; choose 招聘中 or 已关闭, "
		                 "or change the closing date"));
	}
	return relabel(err, fd->label, rc);
}

static long num(const struct jobrec *r, int f, long def)
{
	return r->v[f] ? strtol(r->v[f], NULL, 10) : def;
}

static int posting_rules(struct jy_db *db, struct jobrec *r, struct jy_err *err)
{
	const struct field_def *fd = posting_fields;
	char today[11];
	date_today(today);
	int rc = employer_find(db, r->v[PST_EMPLOYER], &r->employer_id, err);
	if (rc == JY_EDB)
		return rc;
	if (rc)
		return err_set(err, JY_EINVAL, fd[PST_EMPLOYER].label, _("no such employer"));
	long open = num(r, PST_OPENINGS, 0), filled = num(r, PST_FILLED, 0);
	if (open < 1)
		return err_set(err, JY_EINVAL, fd[PST_OPENINGS].label,
		               _("at least 1: how many people the employer wants for this job"));
	if (filled > open)
		return err_set(err, JY_EINVAL, fd[PST_FILLED].label,
		               _("%ld filled is more than the %ld posts offered"), filled, open);
	if (r->v[PST_WAGE_MIN] && r->v[PST_WAGE_MAX] && num(r, PST_WAGE_MIN, 0) > num(r, PST_WAGE_MAX, 0))
		return err_set(err, JY_EINVAL, fd[PST_WAGE_MAX].label,
		               _("the highest wage is below the lowest (%s)"), r->v[PST_WAGE_MIN]);
	for (int f = PST_AGE_MIN; f <= PST_AGE_MAX; f++)
		if (r->v[f] && (num(r, f, 0) < 16 || num(r, f, 0) > 70))
			return err_set(err, JY_EINVAL, fd[f].label,
			               _("%s is not a working age: use an age from 16 to 70, or leave it empty"),
			               r->v[f]);
	if (r->v[PST_AGE_MIN] && r->v[PST_AGE_MAX] && num(r, PST_AGE_MIN, 0) > num(r, PST_AGE_MAX, 0))
		return err_set(err, JY_EINVAL, fd[PST_AGE_MAX].label,
		               _("the highest age is below the lowest (%s)"), r->v[PST_AGE_MIN]);
	if (!r->v[PST_POSTED])
		jobrec_set(r, PST_POSTED, today);
	if (r->v[PST_CLOSES] && strcmp(r->v[PST_CLOSES], r->v[PST_POSTED]) < 0)
		return err_set(err, JY_EINVAL, fd[PST_CLOSES].label,
		               _("the closing date is before the posting date %s"), r->v[PST_POSTED]);
	if (!r->v[PST_FILLED])
		jobrec_set(r, PST_FILLED, "0");
	if (!r->v[PST_PW])
		jobrec_set(r, PST_PW, "0");
	if (strcmp(jobrec_get(r, PST_PW), "1") != 0 && r->v[PST_SUBSIDY] && num(r, PST_SUBSIDY, 0) > 0)
		return err_set(err, JY_EINVAL, fd[PST_SUBSIDY].label,
		               _("only a public-welfare post (公益性岗位) has subsidy months"));
	/* open and filled follow from the counts; closed is the worker's */
	const char *st = r->v[PST_STATUS];
	if (!st || strcmp(st, "closed") != 0)
		jobrec_set(r, PST_STATUS, filled >= open ? "filled" : "open");
	return JY_OK;
}

static int jobrec_rules(struct jy_db *db, struct jobrec *r, struct jy_err *err)
{
	switch (r->type) {
	case JR_EMPLOYER:
		if (!r->v[EMP_WOMAN])
			jobrec_set(r, EMP_WOMAN, "0");
		return JY_OK;
	case JR_POSTING:
		return posting_rules(db, r, err);
	default:
		if (r->v[FAIR_AGREE_W] && num(r, FAIR_AGREE_W, 0) > num(r, FAIR_AGREE, 0))
			return err_set(err, JY_EINVAL, fair_fields[FAIR_AGREE_W].label,
			               _("more women (%s) than agreements in all (%s)"), r->v[FAIR_AGREE_W],
			               jobrec_get(r, FAIR_AGREE));
		return JY_OK;
	}
}

int jobrec_validate(struct jy_db *db, struct jobrec *r, struct jy_err *err)
{
	const struct jobrec_type_def *t = &types[r->type];
	for (int f = 0; f < t->n; f++) {
		char *v = NULL;
		int rc = jobrec_check_field(db, r->type, f, r->v[f], &v, err);
		if (rc)
			return rc;
		free(r->v[f]);
		r->v[f] = v;
		if ((t->fields[f].flags & FF_REQ) && !v)
			return err_set(err, JY_EINVAL, t->fields[f].label, _("required"));
	}
	return jobrec_rules(db, r, err);
}

/* ---- SQL built once per type from its field table (column names only, never user data) ------ */

static struct {
	char insert[1024], update[1024], select[1400];
} sql[JR__COUNT];

static int is_int(const struct field_def *fd)
{
	return (fd->flags & FF_NUM) || fd->kind == FK_BOOL;
}

static void sql_build(int type)
{
	if (sql[type].insert[0])
		return;
	const struct jobrec_type_def *t = &types[type];
	struct jy_buf cols = { 0 }, vals = { 0 }, sets = { 0 }, sel = { 0 };
	for (int f = 0; f < t->n; f++) {
		buf_addf(&cols, ", %s", t->fields[f].col);
		/* a posting's fair is held by its id and named by its code */
		char to[64];
		if (type == JR_POSTING && f == PST_FAIR)
			snprintf(to, sizeof to, "(SELECT id FROM fair WHERE code = ?%d)", f + 10);
		else
			snprintf(to, sizeof to, "?%d", f + 10);
		buf_addf(&vals, ", %s", to);
		buf_addf(&sets, "%s%s = %s", f ? ", " : "", t->fields[f].col, to);
		if (type == JR_POSTING && f == PST_EMPLOYER)
			buf_adds(&sel, ", (SELECT name FROM employer WHERE id = x.employer_id)");
		else if (type == JR_POSTING && f == PST_FAIR)
			buf_adds(&sel, ", (SELECT code FROM fair WHERE id = x.fair_id)");
		else
			buf_addf(&sel, ", x.%s", t->fields[f].col);
	}
	/* ?1 id, ?2 code, ?3 now, ?4 worker, ?5 version expected, ?6 search keys; fields from ?10 */
	snprintf(sql[type].insert, sizeof sql[type].insert,
	         "INSERT INTO %s(id, code, created_at, created_by, updated_at, updated_by, skey%s) "
	         "VALUES (?1, ?2, ?3, ?4, ?3, ?4, ?6%s)", t->table, cols.s, vals.s);
	snprintf(sql[type].update, sizeof sql[type].update,
	         "UPDATE %s SET %s, skey = ?6, version = version + 1, updated_at = ?3, updated_by = ?4 "
	         "WHERE id = ?1 AND version = ?5", t->table, sets.s);
	snprintf(sql[type].select, sizeof sql[type].select,
	         "SELECT x.id, x.code, x.version, x.created_at, x.updated_at, x.updated_by%s%s "
	         "FROM %s x WHERE x.id = ?1", type == JR_POSTING ? ", x.employer_id" : ", 0", sel.s,
	         t->table);
	buf_free(&cols);
	buf_free(&vals);
	buf_free(&sets);
	buf_free(&sel);
}

static void bind_fields(sqlite3_stmt *st, const struct jobrec *r)
{
	const struct jobrec_type_def *t = &types[r->type];
	for (int f = 0; f < t->n; f++) {
		const struct field_def *fd = &t->fields[f];
		if (r->type == JR_POSTING && f == PST_EMPLOYER)
			sqlite3_bind_int64(st, f + 10, r->employer_id);
		else if (is_int(fd) && r->v[f])
			sqlite3_bind_int64(st, f + 10, strtoll(r->v[f], NULL, 10));
		else
			db_bind_text(st, f + 10, r->v[f]);
	}
}

int jobrec_load(struct jy_db *db, int type, int64_t id, struct jobrec **out, struct jy_err *err)
{
	*out = NULL;
	/* employers, postings and fairs are no one's personal data: every worker but statistics
	 * (who read them through reports) sees and keeps them */
	int denied = access_check(db, OP_VIEW, NULL, err);
	if (denied)
		return denied;
	sql_build(type);
	sqlite3_stmt *st = db_prepare(db, sql[type].select, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return err_set(err, JY_ENOTFOUND, NULL, _("record %lld not found"), (long long)id);
		return db_fail(db, err, _("reading"));
	}
	struct jobrec *r = jobrec_new(type);
	r->id = sqlite3_column_int64(st, 0);
	db_col_copy(st, 1, r->code, sizeof r->code);
	r->version = sqlite3_column_int64(st, 2);
	r->created_at = db_col_str(st, 3);
	r->updated_at = db_col_str(st, 4);
	r->updated_by = db_col_str(st, 5);
	r->employer_id = sqlite3_column_int64(st, 6);
	for (int f = 0; f < types[type].n; f++)
		r->v[f] = db_col_str(st, 7 + f);
	sqlite3_reset(st);
	if (type == JR_POSTING) {
		char today[11];
		date_today(today);
		snprintf(r->state, sizeof r->state, "%s",
		         posting_state(jobrec_get(r, PST_STATUS), (int)num(r, PST_OPENINGS, 0),
		                       (int)num(r, PST_FILLED, 0), r->v[PST_CLOSES], today));
	}
	*out = r;
	return JY_OK;
}

int jobrec_find_code(struct jy_db *db, int type, const char *code, int64_t *id, struct jy_err *err)
{
	static const char *const q[JR__COUNT] = {
		[JR_EMPLOYER] = "SELECT id FROM employer WHERE code = ?1",
		[JR_POSTING] = "SELECT id FROM posting WHERE code = ?1",
		[JR_FAIR] = "SELECT id FROM fair WHERE code = ?1",
	};
	if (text_is_blank(code))
		return JY_ENOTFOUND;
	sqlite3_stmt *st = db_prepare(db, q[type], err);
	if (!st)
		return JY_EDB;
	char *c = text_clean(code);
	sqlite3_bind_text(st, 1, c, -1, SQLITE_TRANSIENT);
	free(c);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return JY_OK;
	return rc == SQLITE_DONE ? JY_ENOTFOUND : db_fail(db, err, _("reading"));
}

/* ---- saving ----------------------------------------------------------------------------------- */

static int next_id(struct jy_db *db, int type, int64_t *id, struct jy_err *err)
{
	static const char *const q[JR__COUNT] = {
		[JR_EMPLOYER] = "SELECT coalesce(max(id), 0) + 1 FROM employer",
		[JR_POSTING] = "SELECT coalesce(max(id), 0) + 1 FROM posting",
		[JR_FAIR] = "SELECT coalesce(max(id), 0) + 1 FROM fair",
	};
	*id = 0;
	sqlite3_stmt *st = db_prepare(db, q[type], err);
	if (!st)
		return JY_EDB;
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return s == SQLITE_ROW ? JY_OK : db_fail(db, err, _("saving"));
}

/* E01 … E99, E100; J-001; FAIR-2024-01 (the fairs of a year in turn). */
static int code_assign(struct jy_db *db, struct jobrec *r, int64_t id, struct jy_err *err)
{
	int64_t other;
	int rc = JY_OK;
	if (r->type == JR_EMPLOYER) {
		snprintf(r->code, sizeof r->code, "E%02lld", (long long)id);
	} else if (r->type == JR_POSTING) {
		snprintf(r->code, sizeof r->code, "J-%03lld", (long long)id);
	} else {
		for (int n = 1; n < 10000; n++) {
			snprintf(r->code, sizeof r->code, "FAIR-%.4s-%02d", jobrec_get(r, FAIR_DATE), n);
			if ((rc = jobrec_find_code(db, JR_FAIR, r->code, &other, err)) != JY_OK)
				break;
		}
		if (rc != JY_OK && rc != JY_ENOTFOUND)
			return rc;
	}
	/* a code typed into an import */
	rc = jobrec_find_code(db, r->type, r->code, &other, err);
	if (rc == JY_OK)
		snprintf(r->code + strlen(r->code), sizeof r->code - strlen(r->code), "-%lld", (long long)id);
	return rc == JY_OK || rc == JY_ENOTFOUND ? JY_OK : rc;
}

static int credit_dup(struct jy_db *db, const struct jobrec *r, struct jy_err *err)
{
	if (r->type != JR_EMPLOYER || !r->v[EMP_CREDIT])
		return JY_OK;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id, name, code FROM employer WHERE credit_code = ?1 AND id <> ?2", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, r->v[EMP_CREDIT], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, r->id);
	int rc = JY_OK, s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		rc = err_set(err, JY_EDUP, employer_fields[EMP_CREDIT].label,
		             _("this credit code is already registered: %s (%s)"),
		             (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2));
		if (err)
			err->other_id = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		rc = db_fail(db, err, _("reading the employers"));
	return rc;
}

static int jobrec_insert(struct jy_db *db, struct jobrec *r, struct jy_err *err)
{
	int64_t id, other;
	int rc = next_id(db, r->type, &id, err);
	if (rc)
		return rc;
	char now[32];
	time_now_iso(now);
	/* a code from an import file is kept when it is free */
	rc = r->code[0] ? jobrec_find_code(db, r->type, r->code, &other, err) : JY_OK;
	if (rc == JY_OK)
		rc = code_assign(db, r, id, err);
	else if (rc == JY_ENOTFOUND)
		rc = JY_OK;
	if (rc)
		return rc;
	char *skey = jobrec_skey(r);
	sql_build(r->type);
	sqlite3_stmt *st = db_prepare(db, sql[r->type].insert, err);
	if (!st) {
		free(skey);
		return JY_EDB;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, r->code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, skey, -1, SQLITE_TRANSIENT);
	bind_fields(st, r);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	free(skey);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("saving"));
	r->id = id;
	r->version = 1;
	xstrset(&r->created_at, now);
	xstrset(&r->updated_at, now);
	xstrset(&r->updated_by, db_actor(db)->os_user);
	/* small records: the creation keeps its first values, so the history reads whole */
	char *json = field_changes(types[r->type].fields, types[r->type].n, NULL, r->v);
	rc = history_add(db, types[r->type].entity, id, "create", json, err);
	free(json);
	return rc;
}

static int conflict(struct jy_db *db, const struct jobrec *mine, struct jy_err *err)
{
	struct jobrec *cur = NULL;
	int rc = jobrec_load(db, mine->type, mine->id, &cur, err);
	if (rc == JY_ENOTFOUND)
		return err_set(err, JY_ENOTFOUND, NULL, _("the record no longer exists"));
	if (rc)
		return rc;
	err_set(err, JY_ECONFLICT, NULL,
	        _("%s changed this record at %s after you opened it; nothing was saved. "
	          "Reload to see the change, then make yours again"),
	        cur->updated_by ? cur->updated_by : "?", cur->updated_at ? cur->updated_at : "?");
	if (err)
		err->other_id = mine->id;
	jobrec_free(&cur);
	return JY_ECONFLICT;
}

static int jobrec_update(struct jy_db *db, struct jobrec *r, struct jy_err *err)
{
	struct jobrec *old = NULL;
	int rc = jobrec_load(db, r->type, r->id, &old, err);
	if (rc)
		return rc;
	if (old->version != r->version) {
		jobrec_free(&old);
		return conflict(db, r, err);
	}
	memcpy(r->code, old->code, sizeof r->code);
	char *json = field_changes(types[r->type].fields, types[r->type].n, old->v, r->v);
	jobrec_free(&old);
	if (!json)
		return JY_OK;           /* nothing changed: no new version, no history */
	char now[32];
	time_now_iso(now);
	char *skey = jobrec_skey(r);
	sql_build(r->type);
	sqlite3_stmt *st = db_prepare(db, sql[r->type].update, err);
	if (!st) {
		rc = JY_EDB;
		goto out;
	}
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, r->version);
	sqlite3_bind_text(st, 6, skey, -1, SQLITE_TRANSIENT);
	bind_fields(st, r);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = db_fail(db, err, _("saving"));
		goto out;
	}
	if (sqlite3_changes(db_handle(db)) != 1) {
		rc = conflict(db, r, err);
		goto out;
	}
	rc = history_add(db, types[r->type].entity, r->id, "update", json, err);
	if (!rc) {
		r->version++;
		xstrset(&r->updated_at, now);
		xstrset(&r->updated_by, db_actor(db)->os_user);
	}
out:
	free(skey);
	free(json);
	return rc;
}

int jobrec_save(struct jy_db *db, struct jobrec *r, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	int rc = access_check(db, OP_EDIT, NULL, err);
	if (!rc)
		rc = jobrec_validate(db, r, err);
	if (rc)
		return rc;
	if ((rc = db_begin(db, err)))
		return rc;
	int64_t keep = r->id;
	rc = credit_dup(db, r, err);
	if (!rc)
		rc = r->id ? jobrec_update(db, r, err) : jobrec_insert(db, r, err);
	if (rc) {
		db_rollback(db);
		r->id = keep;
		if (!keep)
			r->code[0] = '\0';
		return rc;
	}
	rc = db_commit(db, err);
	if (!rc && r->type == JR_POSTING) {
		char today[11];
		date_today(today);
		snprintf(r->state, sizeof r->state, "%s",
		         posting_state(jobrec_get(r, PST_STATUS), (int)num(r, PST_OPENINGS, 0),
		                       (int)num(r, PST_FILLED, 0), r->v[PST_CLOSES], today));
	}
	return rc;
}
