/* core/casework/pair_io.c: mentoring pairs from the 结对帮扶 sheets kept in Excel or WPS and to a
 * file, with the registry's import rules:
 *   - every bad cell is reported as "FILE:ROW: 列名: what is wrong, what is accepted", ROW as the
 *     spreadsheet shows it; without IMPORT_SKIP_ERRORS one bad row means nothing is stored;
 *   - a pair whose 结对编号 is stored is updated, an empty cell never overwrites; a new one is
 *     numbered as pair_save numbers one; the helper is named by her name or #number, the woman
 *     helped by her ID number or registration number;
 *   - IMPORT_DRY_RUN does everything inside the transaction and rolls it back.
 * An exported file adds 姓名 after 身份证号, which an import reads past (she is named by her number).
 *
 * An export is a file of people (a purpose, the notice line, the trail) with the pairs of the
 * worker's communities, ended ones too; ID numbers masked without OP_EXPORT_FULL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "casework/casework_int.h"

#define COL_NAME "姓名"

struct pio {
	struct importer in;
	struct jy_db *db;
	int has[PRF__COUNT];    /* column index + 1 of each field */
	int name;               /* the column of 姓名 (-1: none), read past */
};

static void pio_accepted(void *ctx, struct jy_buf *b)
{
	(void)ctx;
	importer_accepted(pair_fields, PRF__COUNT, FF_CSV, b);
}

static int pio_find(const void *ctx, const char *h)
{
	(void)ctx;
	return field_find_header(pair_fields, PRF__COUNT, h);
}

static int pio_header(void *ctx, char **cell, int n, struct jy_err *err)
{
	struct pio *t = ctx;
	struct jy_buf acc = { 0 };
	pio_accepted(t, &acc);
	/* 姓名, blanked for the header reader, which knows only the field table */
	char **cells = xcalloc((size_t)n + 1, sizeof *cells);
	t->name = -1;
	for (int i = 0; i < n; i++) {
		char *h = text_clean(cell[i]);
		int name = t->name < 0 && (strcmp(h, COL_NAME) == 0 || strcasecmp(h, "name") == 0);
		if (name)
			t->name = i;
		cells[i] = xstrdup(name ? "" : cell[i]);
		free(h);
	}
	const struct importer_columns c = { pair_fields, pio_find, NULL, t->has, IMPORTER_DATA_DATE,
	                                    NULL };
	int rc = importer_header(&t->in, cells, n, &c, acc.s, err);
	for (int i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
	int finds = t->has[PRF_NO];
	for (int f = 0; !rc && !finds && f < PRF__COUNT; f++)
		if ((pair_fields[f].flags & FF_REQ) && !t->has[f])
			rc = importer_missing(&t->in, pair_fields[f].label, acc.s, err);
	buf_free(&acc);
	return rc;
}

/* A cell as the field reads it: Excel's text form of an ID number ('3301…, ="3301…") and the
 * export's guard against formulas taken off. NULL when blank. Caller frees. */
static char *cell_text(const char *c)
{
	if (text_is_blank(c))
		return NULL;
	char *s = text_clean(c);
	size_t n = strlen(s);
	if (n >= 3 && s[0] == '=' && s[1] == '"' && s[n - 1] == '"') {
		memmove(s, s + 2, n - 3);
		s[n - 3] = '\0';
	} else if (s[0] == '\'' && s[1]) {
		memmove(s, s + 1, n);
	}
	return s;
}

static int pio_store(struct pio *t, char **vals, struct import_result *res, struct jy_err *err)
{
	struct mpair *p = NULL;
	int64_t id;
	int rc = vals[PRF_NO] ? pair_find_no(t->db, vals[PRF_NO], &id, err) : JY_ENOTFOUND;
	if (rc == JY_OK)
		rc = pair_load(t->db, id, &p, err);
	else if (rc == JY_ENOTFOUND)
		p = pair_new(), rc = JY_OK;
	if (rc)
		return rc;
	if (p->id) {
		/* a stored pair keeps its helper by number: two helpers may share a name */
		char hid[24];
		snprintf(hid, sizeof hid, "#%lld", (long long)p->helper_id);
		pair_set(p, PRF_HELPER, hid);
	}
	for (int f = 0; f < PRF__COUNT; f++)
		if (vals[f])
			pair_set(p, f, vals[f]);      /* an empty cell keeps what is stored */
	int64_t version = p->version;
	int existed = p->id != 0;
	rc = pair_save(t->db, p, err);
	if (rc == JY_OK)
		importer_count(res, existed, version, p->version);
	pair_free(&p);
	return rc;
}

static int pio_row(void *ctx, char **cell, int n, int row, struct import_result *res,
                   struct jy_err *err)
{
	struct pio *t = ctx;
	char *vals[PRF__COUNT] = { 0 };
	t->in.problems = 0;
	if (t->name >= 0 && t->name < n)
		cell[t->name][0] = '\0';        /* she is named by her number */
	importer_stray_cells(&t->in, row, cell, n, pair_fields[PRF_TYPE].label);
	for (int f = 0; f < PRF__COUNT; f++) {
		if (!t->has[f])
			continue;
		int i = t->has[f] - 1;
		char *v = cell_text(i < n ? cell[i] : "");
		if (!v)
			continue;
		struct jy_err e = { 0 };
		if (f == PRF_HELPER || f == PRF_IDNO) {
			vals[f] = v;                    /* looked up when the pair is saved */
			continue;
		}
		if (casework_check_field(t->db, &pair_fields[f], v, &vals[f], &e) != JY_OK)
			importer_report(&t->in, row, e.field[0] ? e.field : pair_fields[f].label, e.msg);
		free(v);
	}
	if (!t->in.problems)
		importer_once(&t->in, row, vals[PRF_NO], pair_fields[PRF_NO].label);
	int rc = JY_OK;
	if (!t->in.problems) {
		struct jy_err e = { 0 };
		rc = importer_stored(&t->in, row, pio_store(t, vals, res, &e), &e, err);
	}
	if (t->in.problems)
		res->rejected++;
	field_values_free(vals, PRF__COUNT);
	return rc;
}

static const struct importer_ops pio_ops = {
	pio_accepted, pio_header, importer_tx_begin, pio_row, importer_tx_commit, importer_tx_rollback
};

int import_pairs(struct jy_db *db, const char *path, const char *sheet, int flags,
                 void (*report)(void *arg, const char *line), void *arg,
                 struct import_result *res, struct jy_err *err)
{
	int rc = access_check(db, OP_IMPORT, NULL, err);
	if (rc)
		return rc;
	struct pio t = { .in = { .path = path, .sheet = sheet, .db = db, .report = report,
	                         .arg = arg }, .db = db };
	rc = importer_run(&t.in, flags, &pio_ops, &t, res, err);
	importer_free(&t.in);
	return rc;
}

/* ---- export ------------------------------------------------------------------------------------ */

struct pout {
	struct jy_db *db;
	int masked;
};

/* The ids of the records of residents in the worker's communities, oldest first. Caller frees. */
static int pair_ids(struct jy_db *db, int64_t **ids, int *n, struct jy_err *err)
{
	return db_ids(db,
		"SELECT p.id FROM mentor_pair p JOIN resident r ON r.id = p.resident_id "
		"WHERE jy_in_scope(r.community) ORDER BY p.start_date, p.id",
		ids, n, _("reading the pairs"), err);
}

/* The fields in the file's order with 姓名 after 身份证号. */
static int write_pair(struct pout *o, const struct mpair *p, struct sheet *sh, struct jy_err *err)
{
	char *cells[PRF__COUNT + 1] = { 0 };
	int k = 0, rc = JY_OK;
	for (int f = 0; !rc && f < PRF__COUNT; f++) {
		const struct field_def *fd = &pair_fields[f];
		const char *v = pair_get(p, f);
		if (f == PRF_IDNO && o->masked && *v) {
			char m[64];
			export_mask(FK_IDNO, v, m, sizeof m);
			cells[k++] = xstrdup(m);
		} else if (fd->kind == FK_CODE) {
			rc = field_show(o->db, fd, p->v[f], &cells[k++], err);
		} else {
			cells[k++] = xstrdup(v);
		}
		if (f == PRF_IDNO)
			cells[k++] = xstrdup(p->name ? p->name : "");
	}
	if (!rc)
		rc = sheet_row(sh, (const char *const *)cells, err);
	for (int i = 0; i < PRF__COUNT + 1; i++)
		free(cells[i]);
	return rc;
}

static int write_all(void *ctx, struct sheet *sh, struct jy_err *err)
{
	struct pout *o = ctx;
	int64_t *ids = NULL;
	int n = 0;
	int rc = pair_ids(o->db, &ids, &n, err);
	for (int i = 0; !rc && i < n; i++) {
		struct mpair *a = NULL;
		if (!(rc = pair_load(o->db, ids[i], &a, err)))
			rc = write_pair(o, a, sh, err);
		pair_free(&a);
	}
	free(ids);
	return rc;
}

int export_pairs(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                 struct jy_err *err)
{
	int full;
	char *notice;
	if (rows)
		*rows = 0;
	int rc = export_people_begin(db, purpose, &full, &notice, err);
	if (rc)
		return rc;
	struct pout out = { db, !full };
	struct sheet_col fc[PRF__COUNT], cols[PRF__COUNT + 1];
	int n = sheet_cols_of_fields(pair_fields, PRF__COUNT, FF_CSV, fc), k = 0;
	for (int i = 0; i < n; i++) {
		cols[k++] = fc[i];
		if (i == PRF_IDNO) {
			cols[k] = fc[PRF_HELPER];
			cols[k++].label = COL_NAME;
		}
	}
	rc = sheet_export_noted(path, format, notice, "结对帮扶", cols, k, write_all, &out, rows, err);
	free(notice);
	return rc;
}

int template_pairs(struct jy_db *db, const char *path, struct jy_err *err)
{
	const struct field_def *defs[PRF__COUNT];
	int n = 0;
	for (int f = 0; f < PRF__COUNT; f++)
		if (pair_fields[f].flags & FF_CSV)
			defs[n++] = &pair_fields[f];
	return sheet_template(db, path, "结对帮扶", defs, n, err);
}
