/* core/casework/casework_io.c: cases from the paper registers (妇女维权投诉登记簿, 咨询热线登记簿)
 * kept in Excel or WPS, and cases to a file, with the registry's import rules:
 *   - every bad cell is reported as "FILE:ROW: 列名: what is wrong, what is accepted", ROW as the
 *     spreadsheet shows it; without IMPORT_SKIP_ERRORS one bad row means nothing is stored;
 *   - a case whose 案件编号 is stored is updated (by a reader of it), an empty cell never
 *     overwrites; a new one is registered (state 登记) as case_save registers one;
 *   - IMPORT_DRY_RUN does everything inside the transaction and rolls it back.
 * The file has the intake's columns; an exported file adds 状态 and 办结日期, which an import
 * reads past (the steps are recorded in jiuye, one by one, never taken from a cell).
 *
 * An export is a file of people (a purpose, the notice line, the trail) and holds only the cases
 * the worker may read (case_may_read), each such reading recorded as an opening; ID numbers and
 * phones are masked without OP_EXPORT_FULL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "casework/casework_int.h"

#define COL_STATE "状态"
#define COL_CLOSED "办结日期"

struct cio {
	struct importer in;
	struct jy_db *db;
	int has[KF__COUNT];     /* column index + 1 of each field */
	int extra[2];           /* the columns of 状态 and 办结日期 (-1: none), read past */
};

static void cio_accepted(void *ctx, struct jy_buf *b)
{
	(void)ctx;
	importer_accepted(case_fields, KF__COUNT, FF_CSV, b);
}

/* The export's two extra columns, read past. */
static int cio_extra(const char *h)
{
	return strcmp(h, COL_STATE) == 0 || strcmp(h, COL_CLOSED) == 0 || strcasecmp(h, "state") == 0 ||
	       strcasecmp(h, "closed_on") == 0;
}

static int cio_find(const void *ctx, const char *h)
{
	(void)ctx;
	return field_find_header(case_fields, KF__COUNT, h);
}

static int cio_header(void *ctx, char **cell, int n, struct jy_err *err)
{
	struct cio *t = ctx;
	struct jy_buf acc = { 0 };
	cio_accepted(t, &acc);
	/* the extra columns, blanked for the header reader, which knows only the field table */
	char **cells = xcalloc((size_t)n + 1, sizeof *cells);
	int k = 0;
	t->extra[0] = t->extra[1] = -1;
	for (int i = 0; i < n; i++) {
		char *h = text_clean(cell[i]);
		int extra = cio_extra(h) && k < 2;
		if (extra)
			t->extra[k++] = i;
		cells[i] = xstrdup(extra ? "" : cell[i]);
		free(h);
	}
	const struct importer_columns c = { case_fields, cio_find, NULL, t->has,
	                                    IMPORTER_DATA_IDNO | IMPORTER_DATA_DATE, NULL };
	int rc = importer_header(&t->in, cells, n, &c, acc.s, err);
	for (int i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
	int finds = t->has[KF_NO];
	for (int f = 0; !rc && !finds && f < KF__COUNT; f++)
		if ((case_fields[f].flags & FF_REQ) && !t->has[f])
			rc = importer_missing(&t->in, case_fields[f].label, acc.s, err);
	buf_free(&acc);
	return rc;
}

/* A cell as the field reads it: Excel's text forms of an ID number ('3201…, ="3201…") and the
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

static int cio_store(struct cio *t, char **vals, struct import_result *res, struct jy_err *err)
{
	struct rcase *c = NULL;
	int64_t id;
	int rc = vals[KF_NO] ? case_find_no(t->db, vals[KF_NO], &id, err) : JY_ENOTFOUND;
	if (rc == JY_OK)
		rc = case_load(t->db, id, &c, err);
	else if (rc == JY_ENOTFOUND)
		rc = (c = case_new()) ? JY_OK : JY_EDB;
	if (rc)
		return rc;
	for (int f = 0; f < KF__COUNT; f++)
		if (vals[f])
			case_set(c, f, vals[f]);        /* an empty cell keeps what is stored */
	int64_t version = c->version;
	int existed = c->id != 0;
	rc = case_save(t->db, c, err);
	if (rc == JY_OK)
		importer_count(res, existed, version, c->version);
	case_free(&c);
	return rc;
}

static int cio_row(void *ctx, char **cell, int n, int row, struct import_result *res,
                   struct jy_err *err)
{
	struct cio *t = ctx;
	char *vals[KF__COUNT] = { 0 };
	t->in.problems = 0;
	for (int k = 0; k < 2; k++)
		if (t->extra[k] >= 0 && t->extra[k] < n)
			cell[t->extra[k]][0] = '\0';      /* the steps are never taken from a cell */
	importer_stray_cells(&t->in, row, cell, n, case_fields[KF_CHANNEL].label);
	for (int f = 0; f < KF__COUNT; f++) {
		if (!t->has[f])
			continue;
		int i = t->has[f] - 1;
		char *v = cell_text(&case_fields[f], i < n ? cell[i] : "");
		if (!v)
			continue;
		struct jy_err e = { 0 };
		if (case_check_field(t->db, f, v, &vals[f], &e) != JY_OK)
			importer_report(&t->in, row, e.field[0] ? e.field : case_fields[f].label, e.msg);
		free(v);
	}
	if (!t->in.problems)
		importer_once(&t->in, row, vals[KF_NO], case_fields[KF_NO].label);
	int rc = JY_OK;
	if (!t->in.problems) {
		struct jy_err e = { 0 };
		rc = importer_stored(&t->in, row, cio_store(t, vals, res, &e), &e, err);
	}
	if (t->in.problems)
		res->rejected++;
	field_values_free(vals, KF__COUNT);
	return rc;
}

static const struct importer_ops cio_ops = {
	cio_accepted, cio_header, importer_tx_begin, cio_row, importer_tx_commit, importer_tx_rollback
};

int import_cases(struct jy_db *db, const char *path, const char *sheet, int flags,
                 void (*report)(void *arg, const char *line), void *arg,
                 struct import_result *res, struct jy_err *err)
{
	int rc = access_check(db, OP_IMPORT, NULL, err);
	if (rc)
		return rc;
	struct cio t = { .in = { .path = path, .sheet = sheet, .db = db, .report = report,
	                         .arg = arg }, .db = db };
	rc = importer_run(&t.in, flags, &cio_ops, &t, res, err);
	importer_free(&t.in);
	return rc;
}

/* ---- export ------------------------------------------------------------------------------------ */

struct cout {
	struct jy_db *db;
	int masked;
};

/* The ids of the cases in the worker's communities, oldest first. Caller frees *ids. */
static int case_ids(struct jy_db *db, int64_t **ids, int *n, struct jy_err *err)
{
	return db_ids(db,
		"SELECT c.id FROM rights_case c LEFT JOIN resident r ON r.id = c.resident_id "
		"WHERE jy_in_scope(coalesce(r.community, c.community, '')) ORDER BY c.received_on, c.id",
		ids, n, _("reading the cases"), err);
}

static int write_case(struct cout *o, const struct rcase *c, struct sheet *sh, struct jy_err *err)
{
	char *cells[KF__COUNT + 2] = { 0 };
	char m[64];
	int rc = JY_OK;
	for (int f = 0; !rc && f < KF__COUNT; f++) {
		const char *v = case_get(c, f);
		if (o->masked && (f == KF_IDNO || f == KF_PHONE) && *v) {
			export_mask(case_fields[f].kind, v, m, sizeof m);
			cells[f] = xstrdup(m);
		} else {
			rc = case_display(o->db, c, f, &cells[f], err);
		}
	}
	cells[KF__COUNT] = xstrdup(case_state_label(c->state));
	cells[KF__COUNT + 1] = xstrdup(c->closed_on);
	if (!rc)
		rc = sheet_row(sh, (const char *const *)cells, err);
	for (int f = 0; f < KF__COUNT + 2; f++)
		free(cells[f]);
	return rc;
}

static int write_cases(void *ctx, struct sheet *sh, struct jy_err *err)
{
	struct cout *o = ctx;
	int64_t *ids = NULL;
	int n = 0;
	int rc = case_ids(o->db, &ids, &n, err);
	for (int i = 0; !rc && i < n; i++) {
		struct rcase *c = NULL;
		if ((rc = case_fetch(o->db, ids[i], &c, err)))
			break;
		/* another's case stays out of the file; the ones written are openings */
		if (case_may_read(o->db, case_get(c, KF_HANDLER), case_get(c, KF_COMMUNITY), NULL) == JY_OK) {
			rc = case_opened(o->db, c, "complaint,person", err);
			if (!rc)
				rc = write_case(o, c, sh, err);
		}
		case_free(&c);
	}
	free(ids);
	return rc;
}

int export_cases(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                 struct jy_err *err)
{
	int full;
	char *notice;
	if (rows)
		*rows = 0;
	int rc = export_people_begin(db, purpose, &full, &notice, err);
	if (rc)
		return rc;
	struct cout out = { db, !full };
	struct sheet_col cols[KF__COUNT + 2];
	int n = sheet_cols_of_fields(case_fields, KF__COUNT, FF_CSV, cols);
	cols[n] = cols[KF_NO];
	cols[n].label = COL_STATE;
	cols[n + 1] = cols[KF_RECEIVED];
	cols[n + 1].label = COL_CLOSED;
	rc = sheet_export_noted(path, format, notice, "维权案件", cols, n + 2, write_cases, &out, rows, err);
	free(notice);
	return rc;
}

int template_cases(struct jy_db *db, const char *path, struct jy_err *err)
{
	const struct field_def *defs[KF__COUNT];
	int n = 0;
	for (int f = 0; f < KF__COUNT; f++)
		if (case_fields[f].flags & FF_CSV)
			defs[n++] = &case_fields[f];
	return sheet_template(db, path, "维权案件", defs, n, err);
}
