/* core/training_io.c: courses and enrolments from and to the CSV files an office keeps in Excel or
 * WPS, with the registry's import rules (core/import.c):
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

#include "db_int.h"

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
	struct jy_db *db;
	const struct tio_kind *k;
	const char *path;
	void (*report)(void *arg, const char *line);
	void *arg;
	int *col;               /* field of each column, -1 for none */
	int ncol;
	int has[MAX_FIELDS];    /* column index + 1 of each field */
	struct seen {
		char *key;
		int row;
	} *seen;
	int nseen, capseen;
	struct jy_buf line;
	int problems;
};

static void tio_report(struct tio *t, int row, const char *field, const char *msg)
{
	buf_reset(&t->line);
	if (field && *field)
		buf_addf(&t->line, "%s:%d: %s: %s", t->path, row, field, msg);
	else
		buf_addf(&t->line, "%s:%d: %s", t->path, row, msg);
	if (t->report)
		t->report(t->arg, t->line.s);
	t->problems++;
}

static void tio_warn(struct tio *t, int row, const struct jy_err *w)
{
	char *msg = xasprintf(_("warning: %s"), w->msg);
	int before = t->problems;
	tio_report(t, row, w->field, msg);
	t->problems = before;           /* a warning does not refuse the row */
	free(msg);
}

static void col_name(int i, char out[8])
{
	char tmp[8];
	int n = 0;
	for (i++; i > 0 && n < 7; i = (i - 1) / 26)
		tmp[n++] = (char)('A' + (i - 1) % 26);
	for (int k = 0; k < n; k++)
		out[k] = tmp[n - 1 - k];
	out[n] = '\0';
}

static void accepted_columns(const struct tio_kind *k, struct jy_buf *b)
{
	for (int f = 0, first = 1; f < k->n; f++)
		if (k->defs[f].flags & FF_CSV) {
			buf_addf(b, "%s%s", first ? "" : ", ", k->defs[f].label);
			first = 0;
		}
	buf_adds(b, " (English: ");
	for (int f = 0, first = 1; f < k->n; f++)
		if (k->defs[f].flags & FF_CSV) {
			buf_addf(b, "%s%s", first ? "" : ", ", k->defs[f].alias);
			first = 0;
		}
	buf_adds(b, ")");
}

static int field_by_header(const struct tio_kind *k, const char *h)
{
	for (int f = 0; f < k->n; f++)
		if ((k->defs[f].flags & FF_CSV) &&
		    (strcmp(k->defs[f].label, h) == 0 || strcasecmp(k->defs[f].alias, h) == 0))
			return f;
	return -1;
}

static int tio_header(struct tio *t, char **cell, int n, struct jy_err *err)
{
	struct jy_buf unknown = { 0 }, acc = { 0 };
	char first_unknown[64] = "";
	int looks_like_data = 0, rc = JY_OK;
	t->ncol = n;
	t->col = xmalloc(sizeof *t->col * (size_t)(n ? n : 1));
	accepted_columns(t->k, &acc);
	for (int i = 0; i < n && !rc; i++) {
		char *h = csv_header_clean(cell[i]);
		int f = *h ? field_by_header(t->k, h) : -1;
		t->col[i] = f;
		if (*h && f < 0) {
			char id[19], d[11];
			if (idcard_parse(h, id, NULL, NULL, NULL) == JY_OK || date_parse(h, d, NULL) == JY_OK)
				looks_like_data = 1;
			if (!unknown.len)
				snprintf(first_unknown, sizeof first_unknown, "%s", h);
			buf_addf(&unknown, "%s%s", unknown.len ? ", " : "", h);
		} else if (f >= 0 && t->has[f]) {
			char a[8], b[8];
			col_name(t->has[f] - 1, a);
			col_name(i, b);
			rc = err_set(err, JY_EINVAL, t->k->defs[f].label,
			             _("%s:1: %s: the column appears twice (columns %s and %s): keep one"),
			             t->path, t->k->defs[f].label, a, b);
		} else if (f >= 0) {
			t->has[f] = i + 1;
		}
		free(h);
	}
	if (!rc && looks_like_data)
		rc = err_set(err, JY_EINVAL, NULL,
		             _("%s:1: the first row holds data, not column names: insert a row above it "
		               "with the column names: %s"), t->path, acc.s);
	else if (!rc && unknown.len)
		rc = err_set(err, JY_EINVAL, first_unknown, _("%s:1: %s: unknown column; accepted: %s"),
		             t->path, unknown.s, acc.s);
	int finds = t->k->finder >= 0 && t->has[t->k->finder];
	for (int f = 0; !rc && !finds && f < t->k->n; f++)
		if ((t->k->defs[f].flags & FF_REQ) && (t->k->defs[f].flags & FF_CSV) && !t->has[f])
			rc = err_set(err, JY_EINVAL, t->k->defs[f].label,
			             _("%s:1: %s: the column is missing; the first row names the columns: %s"),
			             t->path, t->k->defs[f].label, acc.s);
	buf_free(&unknown);
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

static int row_blank(char **cell, int n)
{
	for (int i = 0; i < n; i++)
		if (!text_is_blank(cell[i]))
			return 0;
	return 1;
}

/* The row's key seen before: its row, or 0 after recording it. */
static int seen_add(struct tio *t, char *key, int row)
{
	for (int i = 0; i < t->nseen; i++)
		if (strcmp(t->seen[i].key, key) == 0) {
			free(key);
			return t->seen[i].row;
		}
	if (t->nseen == t->capseen) {
		t->capseen = t->capseen ? t->capseen * 2 : 64;
		t->seen = xrealloc(t->seen, sizeof *t->seen * (size_t)t->capseen);
	}
	t->seen[t->nseen++] = (struct seen){ key, row };
	return 0;
}

/* One data row: every cell checked on its own, then the record's rules. Returns JY_OK (stored
 * or rejected), or the failure that stops the import (the database). */
static int tio_row(struct tio *t, char **cell, int n, int row, struct import_result *res,
                   struct jy_err *err)
{
	char *vals[MAX_FIELDS] = { 0 };
	t->problems = 0;
	for (int i = 0; i < n; i++) {
		if ((i < t->ncol && t->col[i] >= 0) || text_is_blank(cell[i]))
			continue;
		char c[8], msg[200];
		col_name(i, c);
		snprintf(msg, sizeof msg, _("column %s has no name in row 1: name it (%s …) or clear the cell"),
		         c, t->k->defs[0].label);
		tio_report(t, row, c, msg);
	}
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
			tio_report(t, row, e.field, e.msg);
		free(v);
	}
	char *key = t->problems ? NULL : t->k->key(vals);
	if (key) {
		int first = seen_add(t, key, row);
		if (first) {
			char msg[256];
			snprintf(msg, sizeof msg, _("also in row %d: one row per record; merge the two rows into one"), first);
			tio_report(t, row, t->k->defs[0].label, msg);
		}
	}
	int rc = JY_OK;
	if (!t->problems) {
		struct jy_err e = { 0 };
		rc = t->k->store(t, vals, row, res, &e);
		if (rc == JY_EINVAL || rc == JY_EDUP || rc == JY_ECONFLICT || rc == JY_ENOTFOUND) {
			tio_report(t, row, e.field, e.msg);
			rc = JY_OK;
		} else if (rc != JY_OK) {
			*err = e;
		} else if (e.warn) {
			tio_warn(t, row, &e);
		}
	}
	if (t->problems)
		res->rejected++;
	for (int f = 0; f < t->k->n; f++)
		free(vals[f]);
	return rc;
}

static int tio_import(struct jy_db *db, const struct tio_kind *k, const char *path, int flags,
                      void (*report)(void *arg, const char *line), void *arg,
                      struct import_result *res, struct jy_err *err)
{
	struct import_result local;
	struct tio t = { .db = db, .k = k, .path = path, .report = report, .arg = arg };
	struct csv_reader *csv = NULL;
	char **cell;
	int n, row, got, rc;
	if (!res)
		res = &local;
	memset(res, 0, sizeof *res);
	if ((rc = csv_open(path, &csv, err)))
		return rc;
	snprintf(res->encoding, sizeof res->encoding, "%s", csv_encoding(csv));
	got = csv_next(csv, &cell, &n, &row, err);
	if (got <= 0) {
		struct jy_buf acc = { 0 };
		accepted_columns(k, &acc);
		if (got == 0)
			err_set(err, JY_EINVAL, NULL, _("%s: the file is empty: the first row names the columns: %s"),
			        path, acc.s);
		buf_free(&acc);
		rc = JY_EINVAL;
		goto out;
	}
	if ((rc = tio_header(&t, cell, n, err)))
		goto out;
	if ((rc = db_begin(db, err)))
		goto out;
	while ((got = csv_next(csv, &cell, &n, &row, err)) == 1) {
		if (row_blank(cell, n))
			continue;
		res->rows++;
		if ((rc = tio_row(&t, cell, n, row, res, err)))
			break;
	}
	if (rc == JY_OK && got < 0)
		rc = JY_EINVAL;
	int skip = flags & IMPORT_SKIP_ERRORS;
	if (rc == JY_OK && !(flags & IMPORT_DRY_RUN) && (!res->rejected || skip))
		rc = db_commit(db, err);
	else
		db_rollback(db);
	if (rc == JY_OK && res->rejected && !skip) {
		res->added = res->updated = res->unchanged = 0;
		rc = err_set(err, JY_EINVAL, NULL,
		             dngettext("jiuye", "%s: %d bad row, nothing was imported (fix it, or use --skip-errors)",
		                       "%s: %d bad rows, nothing was imported (fix them, or use --skip-errors)",
		                       (unsigned long)res->rejected),
		             path, res->rejected);
	}
out:
	csv_close(&csv);
	free(t.col);
	for (int i = 0; i < t.nseen; i++)
		free(t.seen[i].key);
	free(t.seen);
	buf_free(&t.line);
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
	int rc;
	if (vals[CF_CODE] && course_find_code(t->db, vals[CF_CODE], &id) == JY_OK) {
		if ((rc = course_load(t->db, id, &c, err)))
			return rc;
	} else {
		c = course_new();
	}
	for (int f = 0; f < CF__COUNT; f++)
		if (vals[f])
			course_set(c, f, vals[f]);     /* an empty cell keeps what is stored */
	int64_t version = c->version;
	int existed = c->id != 0;
	rc = course_save(t->db, c, err);
	if (rc == JY_OK) {
		if (!existed)
			res->added++;
		else if (c->version != version)
			res->updated++;
		else
			res->unchanged++;
	}
	course_free(&c);
	return rc;
}

static const struct tio_kind course_kind = { course_fields, CF__COUNT, course_store, course_key, CF_CODE };

int import_courses(struct jy_db *db, const char *path, int flags,
                   void (*report)(void *arg, const char *line), void *arg,
                   struct import_result *res, struct jy_err *err)
{
	return tio_import(db, &course_kind, path, flags, report, arg, res, err);
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
	int rc;
	/* 姓名, when the file has it, must be the name the registry holds for the ID number: a
	 * mistyped ID would otherwise enrol somebody else. */
	if (vals[EF_NAME] && resident_find_idno(t->db, vals[EF_IDNO], &rid) == JY_OK) {
		struct resident *r = NULL;
		if (resident_load(t->db, rid, &r, NULL) == JY_OK &&
		    strcmp(resident_get(r, RF_NAME), vals[EF_NAME]) != 0) {
			rc = err_set(err, JY_EINVAL, enrol_fields[EF_NAME].label,
			             _("\"%s\" is not the name registered for this ID number (%s): check both"),
			             vals[EF_NAME], resident_get(r, RF_NAME));
			resident_free(&r);
			return rc;
		}
		resident_free(&r);
	}
	if (resident_find_idno(t->db, vals[EF_IDNO], &rid) == JY_OK &&
	    course_find_code(t->db, vals[EF_COURSE], &cid) == JY_OK &&
	    enrolment_find(t->db, rid, cid, &eid) == JY_OK) {
		if ((rc = enrolment_load(t->db, eid, &e, err)))
			return rc;
	} else {
		e = enrolment_new();
	}
	for (int f = 0; f < EF__COUNT; f++)
		if (vals[f] && f != EF_NAME)
			enrolment_set(e, f, vals[f]);
	int64_t version = e->version;
	int existed = e->id != 0;
	rc = enrolment_save(t->db, e, err);
	if (rc == JY_OK) {
		if (!existed)
			res->added++;
		else if (e->version != version)
			res->updated++;
		else
			res->unchanged++;
	}
	enrolment_free(&e);
	return rc;
}

static const struct tio_kind enrol_kind = { enrol_fields, EF__COUNT, enrol_store, enrol_key, -1 };

int import_enrolments(struct jy_db *db, const char *path, int flags,
                      void (*report)(void *arg, const char *line), void *arg,
                      struct import_result *res, struct jy_err *err)
{
	return tio_import(db, &enrol_kind, path, flags, report, arg, res, err);
}

/* ---- exports ---------------------------------------------------------------------------------- */

static int write_courses(void *ctx, FILE *fp, int *rows, struct jy_err *err)
{
	struct jy_db *db = ctx;
	struct jy_buf line = { 0 };
	csv_put_header(&line, course_fields, CF__COUNT, FF_CSV);
	fwrite(line.s, 1, line.len, fp);
	/* ids first, then each course: one statement at a time */
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM course ORDER BY start_date, id", err);
	if (!st) {
		buf_free(&line);
		return JY_EDB;
	}
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
	for (int i = 0; !rc && i < n; i++) {
		struct course *c = NULL;
		if ((rc = course_load(db, ids[i], &c, err)))
			break;
		buf_reset(&line);
		for (int f = 0; f < CF__COUNT; f++) {
			char *v = course_display(db, c, f);
			csv_put_cell(&line, v, f == 0);
			free(v);
		}
		buf_adds(&line, "\r\n");
		course_free(&c);
		if (fwrite(line.s, 1, line.len, fp) != line.len)
			break;
		(*rows)++;
	}
	free(ids);
	buf_free(&line);
	return rc;
}

static int write_enrolments(void *ctx, FILE *fp, int *rows, struct jy_err *err)
{
	struct jy_db *db = ctx;
	struct jy_buf line = { 0 };
	csv_put_header(&line, enrol_fields, EF__COUNT, FF_CSV);
	fwrite(line.s, 1, line.len, fp);
	sqlite3_stmt *st = db_prepare(db,
		"SELECT r.id_no, r.name, c.code, e.enrolled_on, e.waitlisted, e.result, e.result_on, e.passed, "
		"e.cert_type, e.cert_no, e.in_trade, e.note FROM enrolment e JOIN resident r ON r.id = e.resident_id "
		"JOIN course c ON c.id = e.course_id ORDER BY c.start_date, c.id, e.id", err);
	if (!st) {
		buf_free(&line);
		return JY_EDB;
	}
	/* codes as labels from the lists loaded before the loop (no statement prepared inside it) */
	const struct code_list *results = codes_cached(db, "train_result");
	const struct code_list *certs = codes_cached(db, "train_cert");
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		buf_reset(&line);
		for (int f = 0; f < EF__COUNT; f++) {
			const char *v = (const char *)sqlite3_column_text(st, f);
			const char *shown = v;
			if (v && enrol_fields[f].kind == FK_BOOL)
				shown = strcmp(v, "1") == 0 ? "是" : "否";
			else if (v && f == EF_RESULT)
				shown = codes_label(results, v) ? codes_label(results, v) : v;
			else if (v && f == EF_CERT)
				shown = codes_label(certs, v) ? codes_label(certs, v) : v;
			csv_put_cell(&line, shown, f == 0);
		}
		buf_adds(&line, "\r\n");
		if (fwrite(line.s, 1, line.len, fp) != line.len)
			break;
		(*rows)++;
	}
	sqlite3_reset(st);
	buf_free(&line);
	return s == SQLITE_DONE || s == SQLITE_ROW ? JY_OK : db_fail(db, err, _("reading the enrolments"));
}

int export_courses(struct jy_db *db, const char *path, int *rows, struct jy_err *err)
{
	return csv_export(path, rows, write_courses, db, err);
}

int export_enrolments(struct jy_db *db, const char *path, int *rows, struct jy_err *err)
{
	return csv_export(path, rows, write_enrolments, db, err);
}
