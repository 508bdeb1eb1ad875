/* core/casework/assist_io.c: assistance and relief records from the registers kept in Excel or
 * WPS (慰问登记表, 帮困救助花名册, 四大援助台账) and to a file, with the registry's import rules:
 *   - every bad cell is reported as "FILE:ROW: 列名: what is wrong, what is accepted", ROW as the
 *     spreadsheet shows it; without IMPORT_SKIP_ERRORS one bad row means nothing is stored;
 *   - a record whose 援助编号 is stored is updated, an empty cell never overwrites; a new one is
 *     numbered as assist_save numbers one;
 *   - IMPORT_DRY_RUN does everything inside the transaction and rolls it back.
 * An exported file adds 姓名 after 身份证号, which an import reads past (she is named by her number).
 *
 * An export is a file of people (a purpose, the notice line, the trail) with the records of the
 * worker's communities; ID numbers masked without OP_EXPORT_FULL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "casework/casework_int.h"

#define COL_NAME "姓名"

struct aio {
	struct importer in;
	struct jy_db *db;
	int has[ASF__COUNT];    /* column index + 1 of each field */
	int name;               /* the column of 姓名 (-1: none), read past */
};

static void aio_accepted(void *ctx, struct jy_buf *b)
{
	(void)ctx;
	importer_accepted(assist_fields, ASF__COUNT, FF_CSV, b);
}

static int aio_find(const void *ctx, const char *h)
{
	(void)ctx;
	return field_find_header(assist_fields, ASF__COUNT, h);
}

static int aio_header(void *ctx, char **cell, int n, struct jy_err *err)
{
	struct aio *t = ctx;
	struct jy_buf acc = { 0 };
	aio_accepted(t, &acc);
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
	const struct importer_columns c = { assist_fields, aio_find, NULL, t->has, IMPORTER_DATA_DATE,
	                                    NULL };
	int rc = importer_header(&t->in, cells, n, &c, acc.s, err);
	for (int i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
	int finds = t->has[ASF_NO];
	for (int f = 0; !rc && !finds && f < ASF__COUNT; f++)
		if ((assist_fields[f].flags & FF_REQ) && !t->has[f])
			rc = importer_missing(&t->in, assist_fields[f].label, acc.s, err);
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

static int aio_store(struct aio *t, char **vals, struct import_result *res, struct jy_err *err)
{
	struct assist *a = NULL;
	int64_t id;
	int rc = vals[ASF_NO] ? assist_find_no(t->db, vals[ASF_NO], &id, err) : JY_ENOTFOUND;
	if (rc == JY_OK)
		rc = assist_load(t->db, id, &a, err);
	else if (rc == JY_ENOTFOUND)
		rc = (a = assist_new()) ? JY_OK : JY_EDB;
	if (rc)
		return rc;
	for (int f = 0; f < ASF__COUNT; f++)
		if (vals[f])
			assist_set(a, f, vals[f]);      /* an empty cell keeps what is stored */
	int64_t version = a->version;
	int existed = a->id != 0;
	rc = assist_save(t->db, a, err);
	if (rc == JY_OK)
		importer_count(res, existed, version, a->version);
	assist_free(&a);
	return rc;
}

static int aio_row(void *ctx, char **cell, int n, int row, struct import_result *res,
                   struct jy_err *err)
{
	struct aio *t = ctx;
	char *vals[ASF__COUNT] = { 0 };
	t->in.problems = 0;
	if (t->name >= 0 && t->name < n)
		cell[t->name][0] = '\0';        /* she is named by her number */
	importer_stray_cells(&t->in, row, cell, n, assist_fields[ASF_KIND].label);
	for (int f = 0; f < ASF__COUNT; f++) {
		if (!t->has[f])
			continue;
		int i = t->has[f] - 1;
		char *v = cell_text(i < n ? cell[i] : "");
		if (!v)
			continue;
		struct jy_err e = { 0 };
		if (assist_check_field(t->db, f, v, &vals[f], &e) != JY_OK)
			importer_report(&t->in, row, e.field[0] ? e.field : assist_fields[f].label, e.msg);
		free(v);
	}
	if (!t->in.problems)
		importer_once(&t->in, row, vals[ASF_NO], assist_fields[ASF_NO].label);
	int rc = JY_OK;
	if (!t->in.problems) {
		struct jy_err e = { 0 };
		rc = importer_stored(&t->in, row, aio_store(t, vals, res, &e), &e, err);
	}
	if (t->in.problems)
		res->rejected++;
	field_values_free(vals, ASF__COUNT);
	return rc;
}

static const struct importer_ops aio_ops = {
	aio_accepted, aio_header, importer_tx_begin, aio_row, importer_tx_commit, importer_tx_rollback
};

int import_assist(struct jy_db *db, const char *path, const char *sheet, int flags,
                  void (*report)(void *arg, const char *line), void *arg,
                  struct import_result *res, struct jy_err *err)
{
	int rc = access_check(db, OP_IMPORT, NULL, err);
	if (rc)
		return rc;
	struct aio t = { .in = { .path = path, .sheet = sheet, .db = db, .report = report,
	                         .arg = arg }, .db = db };
	rc = importer_run(&t.in, flags, &aio_ops, &t, res, err);
	importer_free(&t.in);
	return rc;
}

/* ---- export ------------------------------------------------------------------------------------ */

struct aout {
	struct jy_db *db;
	int masked;
};

/* The ids of the records of residents in the worker's communities, oldest first. Caller frees. */
static int assist_ids(struct jy_db *db, int64_t **ids, int *n, struct jy_err *err)
{
	return db_ids(db,
		"SELECT a.id FROM assistance a JOIN resident r ON r.id = a.resident_id "
		"WHERE jy_in_scope(r.community) ORDER BY a.date, a.id",
		ids, n, _("reading the assistance records"), err);
}

/* The fields in the file's order with 姓名 after 身份证号. */
static int write_assist(struct aout *o, const struct assist *a, struct sheet *sh, struct jy_err *err)
{
	char *cells[ASF__COUNT + 1] = { 0 };
	int k = 0, rc = JY_OK;
	for (int f = 0; !rc && f < ASF__COUNT; f++) {
		const struct field_def *fd = &assist_fields[f];
		const char *v = assist_get(a, f);
		if (f == ASF_IDNO && o->masked && *v) {
			char m[64];
			export_mask(FK_IDNO, v, m, sizeof m);
			cells[k++] = xstrdup(m);
		} else if (fd->kind == FK_CODE) {
			rc = field_show(o->db, fd, a->v[f], &cells[k++], err);
		} else {
			cells[k++] = xstrdup(v);
		}
		if (f == ASF_IDNO)
			cells[k++] = xstrdup(a->name ? a->name : "");
	}
	if (!rc)
		rc = sheet_row(sh, (const char *const *)cells, err);
	for (int i = 0; i < ASF__COUNT + 1; i++)
		free(cells[i]);
	return rc;
}

static int write_all(void *ctx, struct sheet *sh, struct jy_err *err)
{
	struct aout *o = ctx;
	int64_t *ids = NULL;
	int n = 0;
	int rc = assist_ids(o->db, &ids, &n, err);
	for (int i = 0; !rc && i < n; i++) {
		struct assist *a = NULL;
		if (!(rc = assist_load(o->db, ids[i], &a, err)))
			rc = write_assist(o, a, sh, err);
		assist_free(&a);
	}
	free(ids);
	return rc;
}

int export_assist(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                  struct jy_err *err)
{
	int full;
	char *notice;
	if (rows)
		*rows = 0;
	int rc = export_people_begin(db, purpose, &full, &notice, err);
	if (rc)
		return rc;
	struct aout out = { db, !full };
	struct sheet_col fc[ASF__COUNT], cols[ASF__COUNT + 1];
	int n = sheet_cols_of_fields(assist_fields, ASF__COUNT, FF_CSV, fc), k = 0;
	for (int i = 0; i < n; i++) {
		cols[k++] = fc[i];
		if (i == ASF_IDNO) {
			cols[k] = fc[ASF_WORKER];
			cols[k++].label = COL_NAME;
		}
	}
	rc = sheet_export_noted(path, format, notice, "援助记录", cols, k, write_all, &out, rows, err);
	free(notice);
	return rc;
}

int template_assist(struct jy_db *db, const char *path, struct jy_err *err)
{
	const struct field_def *defs[ASF__COUNT];
	int n = 0;
	for (int f = 0; f < ASF__COUNT; f++)
		if (assist_fields[f].flags & FF_CSV)
			defs[n++] = &assist_fields[f];
	return sheet_template(db, path, "援助记录", defs, n, err);
}
