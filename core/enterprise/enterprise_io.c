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
#include <assert.h>

#include "enterprise/enterprise_int.h"

#define MAX_FIELDS 32
_Static_assert(PF__COUNT <= MAX_FIELDS && LF__COUNT <= MAX_FIELDS && BF__COUNT <= MAX_FIELDS &&
               OF__COUNT <= MAX_FIELDS && FEF__COUNT <= MAX_FIELDS, "MAX_FIELDS is too small");

struct eio;

struct eio_kind {
	const struct field_def *defs;
	int n;
	int (*store)(struct eio *t, char **vals, int row, struct import_result *res,
	             struct jy_err *err);
	int unkeyed;            /* 1: no code in column 0 (the fee ledger): its own key, below */
};

struct eio {
	struct importer in;
	struct jy_db *db;
	const struct eio_kind *k;
	int has[MAX_FIELDS];
	const char *outlet;     /* fees: the outlet of the rows without 网点编号 */
	/* fees: the ledger rows this file has written, and the file's row of each (an open
	 * addressing table of ids: a million rows are no list to search) */
	int64_t *ids;
	int *rows;
	size_t cap, used;
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
	                                    IMPORTER_DATA_IDNO | IMPORTER_DATA_DATE, NULL };
	int rc = importer_header(&t->in, cell, n, &c, acc.s, err);
	/* a row updating a record by its code needs no more; a new one needs the required columns,
	 * which the save names per row when the code is not found */
	for (int f = 0; !rc && (t->k->unkeyed || !t->has[0]) && f < t->k->n; f++)
		if ((t->k->defs[f].flags & FF_REQ) && !t->has[f])
			rc = importer_missing(&t->in, t->k->defs[f].label, acc.s, err);
	if (!rc && t->k->unkeyed && !t->has[FEF_OUTLET] && !t->outlet)
		rc = importer_missing(&t->in, fee_fields[FEF_OUTLET].label, acc.s, err);
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
	if (!t->in.problems && vals[0] && !t->k->unkeyed) {
		char *key = ent_code_canon(vals[0]);
		importer_once(&t->in, row, key, t->k->defs[0].label);
		free(key);
	}
	int rc = JY_OK;
	if (!t->in.problems) {
		struct jy_err e = { 0 };
		rc = importer_stored(&t->in, row, t->k->store(t, vals, row, res, &e), &e, err);
	}
	if (t->in.problems)
		res->rejected++;
	for (int f = 0; f < t->k->n; f++)
		free(vals[f]);
	return rc;
}

static const struct importer_ops eio_ops = {
	eio_accepted, eio_header, importer_tx_begin, eio_row, importer_tx_commit, importer_tx_rollback
};

static int eio_import(struct jy_db *db, const struct eio_kind *k, const char *path, const char *sheet, int flags,
                      void (*report)(void *arg, const char *line), void *arg,
                      struct import_result *res, struct jy_err *err)
{
	int rc = access_check(db, OP_IMPORT, NULL, err);
	if (rc)
		return rc;
	struct eio t = { .in = { .path = path, .sheet = sheet, .db = db, .report = report,
	                         .arg = arg },
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

static int project_store(struct eio *t, char **vals, int row, struct import_result *res,
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

static const struct eio_kind project_kind = { project_fields, PF__COUNT, project_store, 0 };

int import_projects(struct jy_db *db, const char *path, const char *sheet, int flags,
                    void (*report)(void *arg, const char *line), void *arg,
                    struct import_result *res, struct jy_err *err)
{
	return eio_import(db, &project_kind, path, sheet, flags, report, arg, res, err);
}

/* ---- loans ------------------------------------------------------------------------------------ */

static int loan_store(struct eio *t, char **vals, int row, struct import_result *res,
                      struct jy_err *err)
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

static const struct eio_kind loan_kind = { loan_fields, LF__COUNT, loan_store, 0 };

int import_loans(struct jy_db *db, const char *path, const char *sheet, int flags,
                 void (*report)(void *arg, const char *line), void *arg,
                 struct import_result *res, struct jy_err *err)
{
	return eio_import(db, &loan_kind, path, sheet, flags, report, arg, res, err);
}

/* ---- brokers and outlets ---------------------------------------------------------------------- */

static int prec_store(struct eio *t, char **vals, int outlet, struct import_result *res,
                      struct jy_err *err)
{
	struct prec *r = NULL;
	int64_t id;
	int rc = !vals[0] ? JY_ENOTFOUND : outlet ? outlet_find_code(t->db, vals[0], &id, err)
	                                          : broker_find_code(t->db, vals[0], &id, err);
	if (rc == JY_OK)
		rc = outlet ? outlet_load(t->db, id, &r, err) : broker_load(t->db, id, &r, err);
	else if (rc == JY_ENOTFOUND)
		r = outlet ? outlet_new() : broker_new(), rc = JY_OK;
	if (rc)
		return rc;
	for (int f = 0; f < t->k->n; f++)
		if (vals[f] && !(t->k->defs[f].flags & FF_RO))
			prec_set(r, f, vals[f]);
	int64_t version = r->version;
	int existed = r->id != 0;
	rc = prec_save(t->db, r, err);
	if (rc == JY_OK)
		importer_count(res, existed, version, r->version);
	prec_free(&r);
	return rc;
}

static int broker_store(struct eio *t, char **vals, int row, struct import_result *res,
                        struct jy_err *err)
{
	return prec_store(t, vals, 0, res, err);
}

static int outlet_store(struct eio *t, char **vals, int row, struct import_result *res,
                        struct jy_err *err)
{
	return prec_store(t, vals, 1, res, err);
}

static const struct eio_kind broker_kind = { broker_fields, BF__COUNT, broker_store, 0 };
static const struct eio_kind outlet_kind = { outlet_fields, OF__COUNT, outlet_store, 0 };

int import_brokers(struct jy_db *db, const char *path, const char *sheet, int flags,
                   void (*report)(void *arg, const char *line), void *arg,
                   struct import_result *res, struct jy_err *err)
{
	return eio_import(db, &broker_kind, path, sheet, flags, report, arg, res, err);
}

int import_outlets(struct jy_db *db, const char *path, const char *sheet, int flags,
                   void (*report)(void *arg, const char *line), void *arg,
                   struct import_result *res, struct jy_err *err)
{
	return eio_import(db, &outlet_kind, path, sheet, flags, report, arg, res, err);
}

/* ---- the fee ledger ---------------------------------------------------------------------------- */

/* The file's row that wrote ledger row id already (0 none), after noting it for row. */
static int fee_seen(struct eio *t, int64_t id, int row)
{
	if (2 * (t->used + 1) > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		int64_t *ids = xcalloc(cap, sizeof *ids);
		int *rows = xcalloc(cap, sizeof *rows);
		for (size_t i = 0; i < t->cap; i++) {
			if (!t->ids[i])
				continue;
			size_t h = (size_t)((uint64_t)t->ids[i] * 0x9E3779B97F4A7C15u) & (cap - 1);
			while (ids[h])
				h = (h + 1) & (cap - 1);
			ids[h] = t->ids[i];
			rows[h] = t->rows[i];
		}
		free(t->ids);
		free(t->rows);
		t->ids = ids, t->rows = rows, t->cap = cap;
	}
	size_t h = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15u) & (t->cap - 1);
	while (t->ids[h]) {
		if (t->ids[h] == id)
			return t->rows[h];
		h = (h + 1) & (t->cap - 1);
	}
	t->ids[h] = id;
	t->rows[h] = row;
	t->used++;
	return 0;
}

static int fee_store(struct eio *t, char **vals, int row, struct import_result *res,
                     struct jy_err *err)
{
	const struct fee_in in = {
		.idno = vals[FEF_IDNO], .name = vals[FEF_NAME], .month = vals[FEF_MONTH],
		.outlet = vals[FEF_OUTLET] ? vals[FEF_OUTLET] : t->outlet,
		.product = vals[FEF_PRODUCT], .pieces = vals[FEF_PIECES], .fee = vals[FEF_FEE],
	};
	struct fee_out out;
	int rc = fee_record(t->db, &in, &out, err);
	if (rc)
		return rc;
	int first = fee_seen(t, out.id, row);
	if (first)
		return err_set(err, JY_EINVAL, "身份证号", _("also in row %d: one row for a woman's month, "
		               "outlet and product; add the two rows up into one"), first);
	if (out.added > 0)
		res->added++;
	else if (out.added == 0)
		res->updated++;
	else
		res->unchanged++;
	return JY_OK;
}

static const struct eio_kind fee_kind = { fee_fields, FEF__COUNT, fee_store, 1 };

static int eio_import_fees(struct jy_db *db, const char *path, const char *sheet,
                           const char *outlet, int flags,
                           void (*report)(void *arg, const char *line), void *arg,
                           struct import_result *res, struct jy_err *err)
{
	int rc = access_check(db, OP_IMPORT, NULL, err);
	if (rc)
		return rc;
	struct eio t = { .in = { .path = path, .sheet = sheet, .db = db, .report = report,
	                         .arg = arg },
	                 .db = db, .k = &fee_kind, .outlet = text_is_blank(outlet) ? NULL : outlet };
	int64_t id;
	if (t.outlet && (rc = outlet_find_code(db, t.outlet, &id, err)) != JY_OK) {
		if (rc == JY_ENOTFOUND)
			rc = err_set(err, JY_EINVAL, "网点编号", _("no outlet has the code %s"), t.outlet);
		return rc;
	}
	rc = importer_run(&t.in, flags, &eio_ops, &t, res, err);
	importer_free(&t.in);
	free(t.ids);
	free(t.rows);
	return rc;
}

int import_fees(struct jy_db *db, const char *path, const char *sheet, const char *outlet,
                int flags, void (*report)(void *arg, const char *line), void *arg,
                struct import_result *res, struct jy_err *err)
{
	return eio_import_fees(db, path, sheet, outlet, flags, report, arg, res, err);
}

/* ---- exports ---------------------------------------------------------------------------------- */

enum { EX_PROJECTS, EX_LOANS, EX_BROKERS, EX_OUTLETS, EX_FEES };
struct eio_out {
	struct jy_db *db;
	int loans;              /* EX_* */
	int masked;             /* ID numbers masked (no OP_EXPORT_FULL) */
	struct sheet *sh;       /* fees: the file, and its error */
	struct jy_err *err;
	int rc;
};

/* The ids of the records of the worker's communities, oldest first. Caller frees *ids. */
static int eio_ids(struct jy_db *db, int loans, int64_t **ids, int *n, struct jy_err *err)
{
	static const char *const sql[] = {
		"SELECT p.id FROM project p JOIN resident r ON r.id = p.resident_id "
		"WHERE jy_in_scope(r.community) ORDER BY p.id",
		"SELECT l.id FROM loan l JOIN resident r ON r.id = l.resident_id "
		"WHERE jy_in_scope(r.community) ORDER BY l.id",
		"SELECT id FROM broker WHERE jy_in_scope(coalesce(community, '')) ORDER BY id",
		"SELECT id FROM outlet WHERE jy_in_scope(coalesce(community, '')) ORDER BY id",
	};
	assert(loans >= 0 && loans < (int)ARRAY_LEN(sql));
	sqlite3_stmt *st = db_prepare(db, sql[loans], err);
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

/* A broker's or an outlet's row: its cells as a worker reads them, her ID number and phone
 * masked when the file is. */
static int prec_cells(struct eio_out *o, const struct prec *r, char **cells, struct jy_err *err)
{
	const struct field_def *defs = r->outlet ? outlet_fields : broker_fields;
	int n = r->outlet ? OF__COUNT : BF__COUNT;
	for (int f = 0; f < n; f++) {
		if (prec_display(o->db, r, f, &cells[f], err)) {
			for (int g = 0; g < f; g++)
				free(cells[g]);
			return JY_EDB;
		}
		if (o->masked && (defs[f].flags & FF_SENS) && *cells[f]) {
			char m[32];
			export_mask(defs[f].kind, cells[f], m, sizeof m);
			free(cells[f]);
			cells[f] = xstrdup(m);
		}
	}
	return JY_OK;
}

static int write_rows(void *ctx, struct sheet *sh, struct jy_err *err)
{
	struct eio_out *o = ctx;
	int64_t *ids;
	int n;
	int rc = eio_ids(o->db, o->loans, &ids, &n, err);
	static const int nfields[] = { PF__COUNT, LF__COUNT, BF__COUNT, OF__COUNT };
	int nf = nfields[o->loans];
	const struct field_def *defs = o->loans == EX_LOANS ? loan_fields : project_fields;
	char *cells[MAX_FIELDS];
	for (int i = 0; !rc && i < n; i++) {
		struct project *p = NULL;
		struct loan *l = NULL;
		struct prec *r = NULL;
		if (o->loans >= EX_BROKERS) {
			rc = o->loans == EX_OUTLETS ? outlet_load(o->db, ids[i], &r, err)
			                            : broker_load(o->db, ids[i], &r, err);
			if (!rc)
				rc = prec_cells(o, r, cells, err);
			if (!rc) {
				rc = sheet_row(sh, (const char *const *)cells, err);
				for (int f = 0; f < nf; f++)
					free(cells[f]);
			}
			prec_free(&r);
			continue;
		}
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

/* One payment of the ledger as its file row (the import's columns). */
static int fee_cell_row(void *arg, const struct fee_row *r)
{
	struct eio_out *o = arg;
	char pieces[24], fee[32], m[32];
	snprintf(pieces, sizeof pieces, "%lld", (long long)r->pieces);
	money_yuan(r->fee_fen, fee);
	if (o->masked)
		export_mask(FK_IDNO, r->id_no, m, sizeof m);
	const char *cells[FEF__COUNT] = {
		[FEF_NAME] = r->name, [FEF_IDNO] = o->masked ? m : r->id_no, [FEF_MONTH] = r->month,
		[FEF_OUTLET] = r->outlet, [FEF_PRODUCT] = r->product, [FEF_PIECES] = pieces,
		[FEF_FEE] = fee, [FEF_LOWINC] = r->low_income ? "是" : "否",
	};
	o->rc = sheet_row(o->sh, cells, o->err);
	return o->rc ? -1 : 0;
}

static int write_fees(void *ctx, struct sheet *sh, struct jy_err *err)
{
	struct eio_out *o = ctx;
	o->sh = sh;
	o->err = err;
	int rc = fee_each(o->db, 0, NULL, fee_cell_row, o, err);
	return o->rc ? o->rc : rc;
}

static int eio_export(struct jy_db *db, int kind, const char *path, int format,
                      const char *purpose, int *rows, struct jy_err *err)
{
	int full;
	char *notice;
	if (rows)
		*rows = 0;
	int rc = export_people_begin(db, purpose, &full, &notice, err);
	if (rc)
		return rc;
	struct eio_out out = { db, kind, !full, NULL, NULL, 0 };
	struct sheet_col cols[MAX_FIELDS];
	static const char *const names[] = { "创业项目", "贷款", "来料加工经纪人", "来料加工网点",
	                                     "加工费" };
	const struct field_def *defs[] = { project_fields, loan_fields, broker_fields, outlet_fields,
	                                   fee_fields };
	const int nf[] = { PF__COUNT, LF__COUNT, BF__COUNT, OF__COUNT, FEF__COUNT };
	int n = sheet_cols_of_fields(defs[kind], nf[kind], FF_CSV, cols);
	/* sums stay text: 30000.00 as written, never a float in the spreadsheet */
	rc = sheet_export_noted(path, format, notice, names[kind], cols, n,
	                        kind == EX_FEES ? write_fees : write_rows, &out, rows, err);
	free(notice);
	return rc;
}

int export_projects(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                    struct jy_err *err)
{
	return eio_export(db, EX_PROJECTS, path, format, purpose, rows, err);
}

int export_loans(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                 struct jy_err *err)
{
	return eio_export(db, EX_LOANS, path, format, purpose, rows, err);
}

int export_brokers(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                   struct jy_err *err)
{
	return eio_export(db, EX_BROKERS, path, format, purpose, rows, err);
}

int export_outlets(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                   struct jy_err *err)
{
	return eio_export(db, EX_OUTLETS, path, format, purpose, rows, err);
}

int export_fees(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                struct jy_err *err)
{
	return eio_export(db, EX_FEES, path, format, purpose, rows, err);
}

/* ---- templates ---------------------------------------------------------------------------- */

/* The columns a row's save stores, and 姓名 (checked against the registry); the read-only ones
 * an export adds are left out: they change one dated step at a time, never from a file. */
static int eio_template(struct jy_db *db, const struct eio_kind *k, int name, const char *path,
                        const char *sheet, struct jy_err *err)
{
	const struct field_def *defs[MAX_FIELDS];
	int n = 0;
	for (int f = 0; f < k->n; f++)
		if ((k->defs[f].flags & FF_CSV) && (!(k->defs[f].flags & FF_RO) || f == name))
			defs[n++] = &k->defs[f];
	return sheet_template(db, path, sheet, defs, n, err);
}

int template_projects(struct jy_db *db, const char *path, struct jy_err *err)
{
	return eio_template(db, &project_kind, PF_NAME, path, "创业项目", err);
}

int template_loans(struct jy_db *db, const char *path, struct jy_err *err)
{
	return eio_template(db, &loan_kind, LF_NAME, path, "贷款", err);
}

int template_brokers(struct jy_db *db, const char *path, struct jy_err *err)
{
	return eio_template(db, &broker_kind, -1, path, "经纪人", err);
}

int template_outlets(struct jy_db *db, const char *path, struct jy_err *err)
{
	return eio_template(db, &outlet_kind, -1, path, "网点", err);
}

int template_fees(struct jy_db *db, const char *path, struct jy_err *err)
{
	return eio_template(db, &fee_kind, -1, path, "加工费", err);
}
