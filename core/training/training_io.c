/* core/training/training_io.c: courses and enrolments from and to the CSV files an office keeps in Excel or
 * WPS, with the registry's import rules (core/registry/import.c):
 *   - every bad cell is reported as "FILE:ROW: 列名: what is wrong, what is accepted", ROW as the
 *     spreadsheet shows it;
 *   - without IMPORT_SKIP_ERRORS one bad row means nothing is stored;
 *   - a record already there (a course by its code, an enrolment by ID number and course code) is
 *     updated, and an empty cell never overwrites a stored value;
 *   - IMPORT_DRY_RUN does everything inside the transaction and rolls it back, so its counts are
 *     exactly what a real run would do.
 * One engine serves both files: it reads the header by the record's field table (Chinese labels or
 * English aliases), checks each cell with field_check_value, and hands a row's values to the
 * record's own save (course_save, enrolment_save), which nests as a savepoint in the file's one
 * transaction. A warning of the rules (a course past its capacity) is reported and the row kept.
 *
 * Exports write the importer's columns (the field table's order), codes as labels, UTF-8 with a
 * BOM and CRLF, a cell Excel would run as a formula with a leading apostrophe (export.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "training/training.h"
#include "store/sql.h"

#define MAX_FIELDS 24
_Static_assert(CF__COUNT <= MAX_FIELDS && EF__COUNT <= MAX_FIELDS, "MAX_FIELDS is too small");

struct tio;

struct tio_kind {
	const struct field_def *defs;
	int n;
	/* store one row (vals[f]: the checked value of field f, NULL when the cell is empty) */
	int (*store)(struct tio *t, char **vals, int row, struct import_result *res, struct jy_err *err);
	/* the key that must not repeat in a file, or NULL (Caller frees) */
	char *(*key)(char **vals);
	/* a column that finds stored records: with it, a file may update them without the columns a
	 * new record needs (-1: none) */
	int finder;
};

struct tio {
	struct importer in;
	struct jy_db *db;
	const struct tio_kind *k;
	int has[MAX_FIELDS];    /* column index + 1 of each field */
};

static void tio_warn(struct tio *t, int row, const struct jy_err *w)
{
	char *msg = xasprintf(_("warning: %s"), w->msg);
	int before = t->in.problems;
	importer_report(&t->in, row, w->field, msg);
	t->in.problems = before;        /* a warning does not refuse the row */
	free(msg);
}

static void tio_accepted(void *ctx, struct jy_buf *b)
{
	const struct tio *t = ctx;
	importer_accepted(t->k->defs, t->k->n, FF_CSV, b);
}

static int field_by_header(const void *ctx, const char *h)
{
	const struct tio_kind *k = ctx;
	for (int f = 0; f < k->n; f++)
		if ((k->defs[f].flags & FF_CSV) &&
		    (strcmp(k->defs[f].label, h) == 0 || strcasecmp(k->defs[f].alias, h) == 0))
			return f;
	return -1;
}

static int tio_header(void *ctx, char **cell, int n, struct jy_err *err)
{
	struct tio *t = ctx;
	struct jy_buf acc = { 0 };
	tio_accepted(t, &acc);
	const struct importer_columns c = { t->k->defs, field_by_header, t->k, t->has,
	                                    IMPORTER_DATA_IDNO | IMPORTER_DATA_DATE, NULL };
	int rc = importer_header(&t->in, cell, n, &c, acc.s, err);
	int finds = t->k->finder >= 0 && t->has[t->k->finder];
	for (int f = 0; !rc && !finds && f < t->k->n; f++)
		if ((t->k->defs[f].flags & FF_REQ) && (t->k->defs[f].flags & FF_CSV) && !t->has[f])
			rc = importer_missing(&t->in, t->k->defs[f].label, acc.s, err);
	buf_free(&acc);
	return rc;
}

/* A cell as the field will read it: Excel's text forms of an ID number ('3201…, ="3201…") and
 * export's guard against formulas taken off. NULL when blank. Caller frees. */
static char *cell_text(const struct field_def *fd, const char *c)
{
	if (text_is_blank(c))
		return NULL;
	char *s = text_clean(c);
	size_t n = strlen(s);
	if (fd->kind == FK_IDNO) {
		size_t k = s[0] == '\'' ? 1 : (strncmp(s, "‘", 3) == 0 || strncmp(s, "’", 3) == 0) ? 3 : 0;
		if (k)
			memmove(s, s + k, n - k + 1);
		else if (n >= 3 && s[0] == '=' && s[1] == '"' && s[n - 1] == '"') {
			memmove(s, s + 2, n - 3);
			s[n - 3] = '\0';
		}
	} else if (s[0] == '\'' && s[1] && strchr(CSV_FORMULA_CHARS, s[1])) {
		memmove(s, s + 1, n);
	}
	return s;
}

/* One data row: every cell checked on its own, then the record's rules. Returns JY_OK (stored
 * or rejected), or the failure that stops the import (the database). */
static int tio_row(void *ctx, char **cell, int n, int row, struct import_result *res,
                   struct jy_err *err)
{
	struct tio *t = ctx;
	char *vals[MAX_FIELDS] = { 0 };
	t->in.problems = 0;
	importer_stray_cells(&t->in, row, cell, n, t->k->defs[0].label);
	for (int f = 0; f < t->k->n; f++) {
		if (!t->has[f])
			continue;
		int i = t->has[f] - 1;
		char *v = cell_text(&t->k->defs[f], i < n ? cell[i] : "");
		if (!v)
			continue;
		if (t->k->defs[f].kind == FK_DERIVED) {
			vals[f] = v;            /* checked against the registry by the store */
			continue;
		}
		struct jy_err e = { 0 };
		if (field_check_value(t->db, &t->k->defs[f], v, &vals[f], &e) != JY_OK)
			importer_report(&t->in, row, e.field, e.msg);
		free(v);
	}
	char *key = t->in.problems ? NULL : t->k->key(vals);
	importer_once(&t->in, row, key, t->k->defs[0].label);
	free(key);
	int rc = JY_OK;
	if (!t->in.problems) {
		struct jy_err e = { 0 };
		int stored = t->k->store(t, vals, row, res, &e);
		rc = importer_stored(&t->in, row, stored, &e, err);
		if (stored == JY_OK && e.warn)
			tio_warn(t, row, &e);
	}
	if (t->in.problems)
		res->rejected++;
	for (int f = 0; f < t->k->n; f++)
		free(vals[f]);
	return rc;
}

static const struct importer_ops tio_ops = {
	tio_accepted, tio_header, importer_tx_begin, tio_row, importer_tx_commit, importer_tx_rollback
};

static int tio_import(struct jy_db *db, const struct tio_kind *k, const char *path, const char *sheet, int flags,
                      void (*report)(void *arg, const char *line), void *arg,
                      struct import_result *res, struct jy_err *err)
{
	struct tio t = { .in = { .path = path, .sheet = sheet, .db = db, .report = report,
	                         .arg = arg },
	                 .db = db, .k = k };
	int rc = importer_run(&t.in, flags, &tio_ops, &t, res, err);
	importer_free(&t.in);
	return rc;
}

/* ---- courses ---------------------------------------------------------------------------------- */

static char *course_key(char **vals)
{
	return vals[CF_CODE] ? xstrdup(vals[CF_CODE]) : NULL;
}

static int course_store(struct tio *t, char **vals, int row, struct import_result *res,
                        struct jy_err *err)
{
	(void)row;
	struct course *c = NULL;
	int64_t id;
	int rc = vals[CF_CODE] ? course_find_code(t->db, vals[CF_CODE], &id, err) : JY_ENOTFOUND;
	if (rc == JY_OK) {
		if ((rc = course_load(t->db, id, &c, err)))
			return rc;
	} else if (rc == JY_ENOTFOUND) {
		c = course_new();
	} else {
		return rc;
	}
	for (int f = 0; f < CF__COUNT; f++)
		if (vals[f])
			course_set(c, f, vals[f]);     /* an empty cell keeps what is stored */
	int64_t version = c->version;
	int existed = c->id != 0;
	rc = course_save(t->db, c, err);
	if (rc == JY_OK)
		importer_count(res, existed, version, c->version);
	course_free(&c);
	return rc;
}

static const struct tio_kind course_kind = { course_fields, CF__COUNT, course_store, course_key, CF_CODE };

int import_courses(struct jy_db *db, const char *path, const char *sheet, int flags,
                   void (*report)(void *arg, const char *line), void *arg,
                   struct import_result *res, struct jy_err *err)
{
	return tio_import(db, &course_kind, path, sheet, flags, report, arg, res, err);
}

/* ---- enrolments ------------------------------------------------------------------------------- */

static char *enrol_key(char **vals)
{
	if (!vals[EF_IDNO] || !vals[EF_COURSE])
		return NULL;
	char *k = xasprintf("%s\t%s", vals[EF_IDNO], vals[EF_COURSE]);
	for (char *p = k; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return k;
}

static int enrol_store(struct tio *t, char **vals, int row, struct import_result *res,
                       struct jy_err *err)
{
	(void)row;
	int64_t rid, cid, eid;
	struct enrolment *e = NULL;
	/* Each look-up: JY_OK, JY_ENOTFOUND (enrolment_save says what is missing), or a failure. Only
	 * a trainee of the worker's communities is found: enrolment_save answers for any other as
	 * for one nobody has. */
	int rc = resident_find_idno_in_scope(t->db, vals[EF_IDNO], OP_EDIT, &rid, err);
	/* 姓名, when the file has it, must be the name the registry holds for the ID number: a
	 * mistyped ID would otherwise enrol somebody else. */
	if (rc == JY_OK && vals[EF_NAME]) {
		struct resident *r = NULL;
		struct jy_err e2 = { 0 };
		int lr = resident_load(t->db, rid, &r, &e2);
		/* out of her communities (JY_EPERM): enrolment_save refuses her, saying why */
		if (lr == JY_OK && strcmp(resident_get(r, RF_NAME), vals[EF_NAME]) != 0)
			rc = err_set(err, JY_EINVAL, enrol_fields[EF_NAME].label,
			             _("\"%s\" is not the name registered for this ID number (%s): check both"),
			             vals[EF_NAME], resident_get(r, RF_NAME));
		else if (lr == JY_EDB)
			rc = err_set(err, lr, e2.field, "%s", e2.msg);
		resident_free(&r);
		if (rc)
			return rc;
	}
	if (rc == JY_OK)
		rc = course_find_code(t->db, vals[EF_COURSE], &cid, err);
	if (rc == JY_OK)
		rc = enrolment_find(t->db, rid, cid, &eid, err);
	if (rc == JY_OK) {
		if ((rc = enrolment_load(t->db, eid, &e, err)))
			return rc;
	} else if (rc == JY_ENOTFOUND) {
		e = enrolment_new();
	} else {
		return rc;
	}
	for (int f = 0; f < EF__COUNT; f++)
		if (vals[f] && f != EF_NAME)
			enrolment_set(e, f, vals[f]);
	int64_t version = e->version;
	int existed = e->id != 0;
	rc = enrolment_save(t->db, e, err);
	if (rc == JY_OK)
		importer_count(res, existed, version, e->version);
	enrolment_free(&e);
	return rc;
}

static const struct tio_kind enrol_kind = { enrol_fields, EF__COUNT, enrol_store, enrol_key, -1 };

int import_enrolments(struct jy_db *db, const char *path, const char *sheet, int flags,
                      void (*report)(void *arg, const char *line), void *arg,
                      struct import_result *res, struct jy_err *err)
{
	return tio_import(db, &enrol_kind, path, sheet, flags, report, arg, res, err);
}

/* ---- exports ---------------------------------------------------------------------------------- */

static int write_courses(void *ctx, struct sheet *sh, struct jy_err *err)
{
	struct jy_db *db = ctx;
	/* ids first, then each course: one statement at a time */
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM course ORDER BY start_date, id", err);
	if (!st)
		return JY_EDB;
	int64_t *ids = NULL;
	int n = 0, cap = 0, s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ids = xrealloc(ids, sizeof *ids * (size_t)cap);
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	int rc = s == SQLITE_DONE ? JY_OK : db_fail(db, err, _("reading the courses"));
	char *v[CF__COUNT];
	for (int i = 0; !rc && i < n; i++) {
		struct course *c = NULL;
		if ((rc = course_load(db, ids[i], &c, err)))
			break;
		for (int f = 0; f < CF__COUNT; f++)
			if (course_display(db, c, f, &v[f], err))
				rc = JY_EDB;
		if (!rc)
			rc = sheet_row(sh, (const char *const *)v, err);
		for (int f = 0; f < CF__COUNT; f++)
			free(v[f]);
		course_free(&c);
	}
	free(ids);
	return rc;
}

struct enrol_out {
	struct jy_db *db;
	int masked;             /* ID numbers masked (no OP_EXPORT_FULL) */
};

static int write_enrolments(void *ctx, struct sheet *sh, struct jy_err *err)
{
	struct jy_db *db = ((struct enrol_out *)ctx)->db;
	int masked = ((struct enrol_out *)ctx)->masked;
	char m[64];
	sqlite3_stmt *st = db_prepare(db,
		"SELECT r.id_no, r.name, c.code, e.enrolled_on, e.waitlisted, e.result, e.result_on, e.passed, "
		"e.cert_type, e.cert_no, e.in_trade, e.note FROM enrolment e JOIN resident r ON r.id = e.resident_id "
		"JOIN course c ON c.id = e.course_id WHERE jy_in_scope(r.community) "
		"ORDER BY c.start_date, c.id, e.id", err);
	if (!st)
		return JY_EDB;
	/* codes as labels from the lists loaded before the loop (no statement prepared inside it) */
	const struct code_list *results = codes_cached(db, "train_result", err);
	const struct code_list *certs = results ? codes_cached(db, "train_cert", err) : NULL;
	if (!certs)
		return JY_EDB;
	const char *cells[EF__COUNT];
	int s, rc = JY_OK;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		for (int f = 0; f < EF__COUNT; f++) {
			const char *v = (const char *)sqlite3_column_text(st, f);
			const char *shown = v;
			if (v && f == EF_IDNO && masked) {
				export_mask(FK_IDNO, v, m, sizeof m);
				shown = m;
			} else if (v && enrol_fields[f].kind == FK_BOOL)
				shown = strcmp(v, "1") == 0 ? "是" : "否";
			else if (v && f == EF_RESULT)
				shown = codes_label(results, v) ? codes_label(results, v) : v;
			else if (v && f == EF_CERT)
				shown = codes_label(certs, v) ? codes_label(certs, v) : v;
			cells[f] = shown;
		}
		if ((rc = sheet_row(sh, cells, err)))
			break;
	}
	sqlite3_reset(st);
	if (!rc && s != SQLITE_DONE)
		rc = db_fail(db, err, _("reading the enrolments"));
	return rc;
}

int export_courses(struct jy_db *db, const char *path, int format, int *rows, struct jy_err *err)
{
	struct sheet_col cols[CF__COUNT];
	int n = sheet_cols_of_fields(course_fields, CF__COUNT, FF_CSV, cols);
	return sheet_export(path, format, "培训班", cols, n, write_courses, db, rows, err);
}

/* Enrolments are a file of people (export.c: OP_EXPORT, a purpose, the worker's communities, the
 * notice line, ID numbers masked without OP_EXPORT_FULL); courses are not. */
int export_enrolments(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                      struct jy_err *err)
{
	int full;
	char *notice;
	if (rows)
		*rows = 0;
	int rc = export_people_begin(db, purpose, &full, &notice, err);
	if (rc)
		return rc;
	struct enrol_out out = { db, !full };
	struct sheet_col cols[EF__COUNT];
	int n = sheet_cols_of_fields(enrol_fields, EF__COUNT, FF_CSV, cols);
	rc = sheet_export_noted(path, format, notice, "培训报名", cols, n, write_enrolments, &out, rows, err);
	free(notice);
	return rc;
}

/* The columns of a field table the import reads (FF_CSV), for its template. */
static int template_of(struct jy_db *db, const char *path, const char *name,
                       const struct field_def *fields, int count, struct jy_err *err)
{
	const struct field_def *defs[(int)CF__COUNT + (int)EF__COUNT];
	int n = 0;
	for (int f = 0; f < count && n < (int)ARRAY_LEN(defs); f++)
		if (fields[f].flags & FF_CSV)
			defs[n++] = &fields[f];
	return sheet_template(db, path, name, defs, n, err);
}

int template_courses(struct jy_db *db, const char *path, struct jy_err *err)
{
	return template_of(db, path, "培训班", course_fields, CF__COUNT, err);
}

int template_enrolments(struct jy_db *db, const char *path, struct jy_err *err)
{
	/* 姓名 too: the import checks it against the name registered for the ID number */
	return template_of(db, path, "培训报名", enrol_fields, EF__COUNT, err);
}
