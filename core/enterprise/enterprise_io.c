/* core/enterprise/enterprise_io.c: projects and loans from and to the CSV files an office keeps in
 * Excel or WPS, with the registry's import rules (core/registry/import.c):
 *   - every bad cell is reported as "FILE:ROW: 列名: what is wrong, what is accepted", ROW as the
 *     spreadsheet shows it, and without IMPORT_SKIP_ERRORS one bad row means nothing is stored;
 *   - a record already there (by its code) is updated, and an empty cell never overwrites;
 *   - IMPORT_DRY_RUN does everything inside the transaction and rolls it back.
 * A row's values go to the record's own save (project_save, loan_save), which nests as a
 * savepoint in the file's one transaction. The columns an export adds (stages, steps, 放款,
 * repayments) are accepted and left alone: those happen one dated step at a time.
 *
 * Both files name the resident by her ID number: files of people, exported with a purpose, her
 * number masked for a worker who may not take it whole. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "enterprise/enterprise_int.h"

#define MAX_FIELDS 32
_Static_assert(PF__COUNT <= MAX_FIELDS && LF__COUNT <= MAX_FIELDS, "MAX_FIELDS is too small");

struct eio;

struct eio_kind {
	const struct field_def *defs;
	int n;
	int (*store)(struct eio *t, char **vals, struct import_result *res, struct jy_err *err);
};

struct eio {
	struct importer in;
	struct jy_db *db;
	const struct eio_kind *k;
	int has[MAX_FIELDS];
};

static void eio_accepted(void *ctx, struct jy_buf *b)
{
	const struct eio *t = ctx;
	importer_accepted(t->k->defs, t->k->n, FF_CSV, b);
}

static int field_by_header(const void *ctx, const char *h)
{
	const struct eio_kind *k = ctx;
	for (int f = 0; f < k->n; f++)
		if (strcmp(k->defs[f].label, h) == 0 || strcasecmp(k->defs[f].alias, h) == 0)
			return f;
	return -1;
}

static int eio_header(void *ctx, char **cell, int n, struct jy_err *err)
{
	struct eio *t = ctx;
	struct jy_buf acc = { 0 };
	eio_accepted(t, &acc);
	const struct importer_columns c = { t->k->defs, field_by_header, t->k, t->has,
	                                    IMPORTER_DATA_IDNO | IMPORTER_DATA_DATE };
	int rc = importer_header(&t->in, cell, n, &c, acc.s, err);
	/* a row updating a record by its code needs no more; a new one needs the required columns,
	 * which the save names per row when the code is not found */
	for (int f = 0; !rc && !t->has[0] && f < t->k->n; f++)
		if ((t->k->defs[f].flags & FF_REQ) && !t->has[f])
			rc = importer_missing(&t->in, t->k->defs[f].label, acc.s, err);
	buf_free(&acc);
	return rc;
}

/* A cell as the field reads it: Excel's text forms of an ID number ('3301…, ="3301…") and the
 * export's guard against formulas taken off. NULL when blank. Caller frees. */
static char *cell_text(const struct field_def *fd, const char *c)
{
	if (text_is_blank(c))
		return NULL;
	char *s = text_clean(c);
	size_t n = strlen(s);
	if (fd->kind == FK_IDNO && s[0] == '\'') {
		memmove(s, s + 1, n);
	} else if (fd->kind == FK_IDNO && n >= 3 && s[0] == '=' && s[1] == '"' && s[n - 1] == '"') {
		memmove(s, s + 2, n - 3);
		s[n - 3] = '\0';
	} else if (s[0] == '\'' && s[1] && strchr(CSV_FORMULA_CHARS, s[1])) {
		memmove(s, s + 1, n);
	}
	return s;
}

static int eio_row(void *ctx, char **cell, int n, int row, struct import_result *res,
                   struct jy_err *err)
{
	struct eio *t = ctx;
	char *vals[MAX_FIELDS] = { 0 };
	t->in.problems = 0;
	importer_stray_cells(&t->in, row, cell, n, t->k->defs[0].label);
	for (int f = 0; f < t->k->n; f++) {
		if (!t->has[f])
			continue;
		const struct field_def *fd = &t->k->defs[f];
		int i = t->has[f] - 1;
		char *v = cell_text(fd, i < n ? cell[i] : "");
		if (!v)
			continue;
		struct jy_err e = { 0 };
		int64_t fen;
		if (fd->flags & FF_RO) {
			vals[f] = v;            /* 姓名 is checked against the registry; the rest is read */
			continue;
		}
		if (fd->flags & FF_MONEY) {
			/* kept as typed: the save converts it, once */
			if (money_parse(v, &fen, fd->label, &e))
				importer_report(&t->in, row, e.field, e.msg);
			vals[f] = v;
			continue;
		}
		if (field_check_value(t->db, fd, v, &vals[f], &e) != JY_OK)
			importer_report(&t->in, row, e.field, e.msg);
		free(v);
	}
	if (!t->in.problems && vals[0]) {
		char *key = ent_code_canon(vals[0]);
		int first = importer_seen(&t->in, key, row);
		free(key);
		if (first) {
			char msg[256];
			snprintf(msg, sizeof msg, _("also in row %d: one row per record; merge the two rows "
			                            "into one"), first);
			importer_report(&t->in, row, t->k->defs[0].label, msg);
		}
	}
	int rc = JY_OK;
	if (!t->in.problems) {
		struct jy_err e = { 0 };
		rc = t->k->store(t, vals, res, &e);
		if (rc == JY_EINVAL || rc == JY_EDUP || rc == JY_ECONFLICT || rc == JY_ENOTFOUND ||
		    rc == JY_EPERM) {
			importer_report(&t->in, row, e.field[0] ? e.field : NULL, e.msg);
			rc = JY_OK;
		} else if (rc != JY_OK) {
			*err = e;
		}
	}
	if (t->in.problems)
		res->rejected++;
	for (int f = 0; f < t->k->n; f++)
		free(vals[f]);
	return rc;
}

static int eio_begin(void *ctx, struct jy_err *err)
{
	return db_begin(((struct eio *)ctx)->db, err);
}

static int eio_commit(void *ctx, struct jy_err *err)
{
	return db_commit(((struct eio *)ctx)->db, err);
}

static void eio_rollback(void *ctx)
{
	db_rollback(((struct eio *)ctx)->db);
}

static const struct importer_ops eio_ops = { eio_accepted, eio_header, eio_begin, eio_row,
                                             eio_commit, eio_rollback };

static int eio_import(struct jy_db *db, const struct eio_kind *k, const char *path, int flags,
                      void (*report)(void *arg, const char *line), void *arg,
                      struct import_result *res, struct jy_err *err)
{
	int rc = access_check(db, OP_IMPORT, NULL, err);
	if (rc)
		return rc;
	struct eio t = { .in = { .path = path, .db = db, .report = report, .arg = arg },
	                 .db = db, .k = k };
	rc = importer_run(&t.in, flags, &eio_ops, &t, res, err);
	importer_free(&t.in);
	return rc;
}

/* 姓名, when the file has it, is the name the registry holds for the ID number: a mistyped
 * number would otherwise put the record on somebody else. */
static int name_matches(struct jy_db *db, const char *idno, const char *name, struct jy_err *err)
{
	int64_t rid;
	if (!name || !idno)
		return JY_OK;
	int rc = ent_resident(db, idno, OP_EDIT, &rid, err);
	if (rc)
		return rc;
	struct resident *r = NULL;
	if ((rc = resident_load(db, rid, &r, err)))
		return rc;
	if (strcmp(resident_get(r, RF_NAME), name) != 0)
		rc = err_set(err, JY_EINVAL, "姓名", _("\"%s\" is not the name registered for this ID "
		             "number (%s): check both"), name, resident_get(r, RF_NAME));
	resident_free(&r);
	return rc;
}

/* ---- projects ---------------------------------------------------------------------------------- */

static int project_store(struct eio *t, char **vals, struct import_result *res,
                         struct jy_err *err)
{
	struct project *p = NULL;
	int64_t id;
	int rc = vals[PF_CODE] ? project_find_code(t->db, vals[PF_CODE], &id, err) : JY_ENOTFOUND;
	if (rc == JY_OK)
		rc = project_load(t->db, id, &p, err);
	else if (rc == JY_ENOTFOUND)
		p = project_new(), rc = JY_OK;
	if (rc)
		return rc;
	for (int f = 0; f < PF_STAGE; f++)
		if (vals[f] && f != PF_NAME)
			project_set(p, f, vals[f]);
	rc = name_matches(t->db, project_get(p, PF_IDNO), vals[PF_NAME], err);
	int64_t version = p->version;
	int existed = p->id != 0;
	if (!rc)
		rc = project_save(t->db, p, err);
	if (rc == JY_OK)
		importer_count(res, existed, version, p->version);
	project_free(&p);
	return rc;
}

static const struct eio_kind project_kind = { project_fields, PF__COUNT, project_store };

int import_projects(struct jy_db *db, const char *path, int flags,
                    void (*report)(void *arg, const char *line), void *arg,
                    struct import_result *res, struct jy_err *err)
{
	return eio_import(db, &project_kind, path, flags, report, arg, res, err);
}

/* ---- loans ------------------------------------------------------------------------------------ */

static int loan_store(struct eio *t, char **vals, struct import_result *res, struct jy_err *err)
{
	struct loan *l = NULL;
	int64_t id;
	int rc = vals[LF_CODE] ? loan_find_code(t->db, vals[LF_CODE], &id, err) : JY_ENOTFOUND;
	if (rc == JY_OK)
		rc = loan_load(t->db, id, &l, err);
	else if (rc == JY_ENOTFOUND)
		l = loan_new(), rc = JY_OK;
	if (rc)
		return rc;
	for (int f = 0; f < LF_STATE; f++)
		if (vals[f] && f != LF_NAME)
			loan_set(l, f, vals[f]);
	rc = name_matches(t->db, loan_get(l, LF_IDNO), vals[LF_NAME], err);
	int64_t version = l->version;
	int existed = l->id != 0;
	if (!rc)
		rc = loan_save(t->db, l, err);
	if (rc == JY_OK)
		importer_count(res, existed, version, l->version);
	loan_free(&l);
	return rc;
}

static const struct eio_kind loan_kind = { loan_fields, LF__COUNT, loan_store };

int import_loans(struct jy_db *db, const char *path, int flags,
                 void (*report)(void *arg, const char *line), void *arg,
                 struct import_result *res, struct jy_err *err)
{
	return eio_import(db, &loan_kind, path, flags, report, arg, res, err);
}

/* ---- exports ---------------------------------------------------------------------------------- */

struct eio_out {
	struct jy_db *db;
	int loans;
	int masked;             /* ID numbers masked (no OP_EXPORT_FULL) */
};

/* The ids of the records of the worker's communities, oldest first. Caller frees *ids. */
static int eio_ids(struct jy_db *db, int loans, int64_t **ids, int *n, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, loans
		? "SELECT l.id FROM loan l JOIN resident r ON r.id = l.resident_id "
		  "WHERE jy_in_scope(r.community) ORDER BY l.id"
		: "SELECT p.id FROM project p JOIN resident r ON r.id = p.resident_id "
		  "WHERE jy_in_scope(r.community) ORDER BY p.id", err);
	*ids = NULL;
	*n = 0;
	if (!st)
		return JY_EDB;
	int cap = 0, s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*ids = xrealloc(*ids, sizeof **ids * (size_t)cap);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return s == SQLITE_DONE ? JY_OK : db_fail(db, err, _("reading the projects and loans"));
}

/* A code cell as a worker reads it: its label. */
static char *code_shown(struct jy_db *db, const struct field_def *fd, const char *v,
                        struct jy_err *err)
{
	char *out = NULL;
	if (field_show(db, fd, v, &out, err))
		return NULL;
	return out;
}

static int write_rows(void *ctx, struct sheet *sh, struct jy_err *err)
{
	struct eio_out *o = ctx;
	int64_t *ids;
	int n;
	int rc = eio_ids(o->db, o->loans, &ids, &n, err);
	int nf = o->loans ? LF__COUNT : PF__COUNT;
	const struct field_def *defs = o->loans ? loan_fields : project_fields;
	char *cells[MAX_FIELDS];
	for (int i = 0; !rc && i < n; i++) {
		struct project *p = NULL;
		struct loan *l = NULL;
		rc = o->loans ? loan_load(o->db, ids[i], &l, err) : project_load(o->db, ids[i], &p, err);
		for (int f = 0; !rc && f < nf; f++) {
			if (defs[f].kind == FK_CODE) {
				cells[f] = code_shown(o->db, &defs[f], l ? l->v[f] : p->v[f], err);
				if (!cells[f]) {
					rc = JY_EDB;
					for (int g = 0; g < f; g++)
						free(cells[g]);
				}
				continue;
			}
			cells[f] = l ? loan_display(l, f) : project_display(p, f);
			if (f == 1 && o->masked) {      /* 身份证号 */
				char m[32];
				export_mask(FK_IDNO, cells[f], m, sizeof m);
				free(cells[f]);
				cells[f] = xstrdup(m);
			}
		}
		if (!rc) {
			rc = sheet_row(sh, (const char *const *)cells, err);
			for (int f = 0; f < nf; f++)
				free(cells[f]);
		}
		project_free(&p);
		loan_free(&l);
	}
	free(ids);
	return rc;
}

static int eio_export(struct jy_db *db, int loans, const char *path, int format,
                      const char *purpose, int *rows, struct jy_err *err)
{
	int full;
	char *notice;
	if (rows)
		*rows = 0;
	int rc = export_people_begin(db, purpose, &full, &notice, err);
	if (rc)
		return rc;
	struct eio_out out = { db, loans, !full };
	struct sheet_col cols[MAX_FIELDS];
	int n = loans ? sheet_cols_of_fields(loan_fields, LF__COUNT, FF_CSV, cols)
	              : sheet_cols_of_fields(project_fields, PF__COUNT, FF_CSV, cols);
	/* sums stay text: 30000.00 as written, never a float in the spreadsheet */
	rc = sheet_export_noted(path, format, notice, loans ? "贷款" : "创业项目", cols, n, write_rows,
	                        &out, rows, err);
	free(notice);
	return rc;
}

int export_projects(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                    struct jy_err *err)
{
	return eio_export(db, 0, path, format, purpose, rows, err);
}

int export_loans(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                 struct jy_err *err)
{
	return eio_export(db, 1, path, format, purpose, rows, err);
}
