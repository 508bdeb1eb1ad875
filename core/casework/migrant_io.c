/* core/casework/migrant_io.c: the roster of migrant women from and to a file (the 成员名册 kept in
 * Excel or WPS), with the registry's import rules:
 *   - every bad cell is reported as "FILE:ROW: 列名: what is wrong, what is accepted", ROW as the
 *     spreadsheet shows it; without IMPORT_SKIP_ERRORS one bad row means nothing is stored;
 *   - a woman on the roster already is updated (an empty cell never overwrites); another joins it
 *     as migrant_save adds her;
 *   - IMPORT_DRY_RUN does everything inside the transaction and rolls it back.
 * The file has the form's columns; an exported file adds 离开日期, 离开原因 and 最近复核, which an
 * import reads past (her checks and her leaving are recorded in jiuye, never taken from a cell).
 *
 * An export is a file of people (a purpose, the notice line, the trail) with the members of the
 * worker's communities; ID numbers masked without OP_EXPORT_FULL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "casework/casework_int.h"

static const char *const extra_cols[] = { "离开日期", "离开原因", "最近复核" };
enum { NEXTRA = 3 };

struct mio {
	struct importer in;
	struct jy_db *db;
	int has[MGF__COUNT];     /* column index + 1 of each field */
	int extra[NEXTRA];      /* the export's own columns (-1: none), read past */
};

static void mio_accepted(void *ctx, struct jy_buf *b)
{
	(void)ctx;
	importer_accepted(migrant_fields, MGF__COUNT, FF_CSV, b);
}

static int mio_extra(const char *h)
{
	for (int k = 0; k < NEXTRA; k++)
		if (strcmp(h, extra_cols[k]) == 0)
			return 1;
	return strcasecmp(h, "left_on") == 0 || strcasecmp(h, "left_reason") == 0 ||
	       strcasecmp(h, "last_check") == 0;
}

static int mio_find(const void *ctx, const char *h)
{
	(void)ctx;
	return field_find_header(migrant_fields, MGF__COUNT, h);
}

static int mio_header(void *ctx, char **cell, int n, struct jy_err *err)
{
	struct mio *t = ctx;
	struct jy_buf acc = { 0 };
	mio_accepted(t, &acc);
	/* the extra columns, blanked for the header reader, which knows only the field table */
	char **cells = xcalloc((size_t)n + 1, sizeof *cells);
	int k = 0;
	for (int i = 0; i < NEXTRA; i++)
		t->extra[i] = -1;
	for (int i = 0; i < n; i++) {
		char *h = text_clean(cell[i]);
		int extra = mio_extra(h) && k < NEXTRA;
		if (extra)
			t->extra[k++] = i;
		cells[i] = xstrdup(extra ? "" : cell[i]);
		free(h);
	}
	const struct importer_columns c = { migrant_fields, mio_find, NULL, t->has,
	                                    IMPORTER_DATA_IDNO | IMPORTER_DATA_DATE, NULL };
	int rc = importer_header(&t->in, cells, n, &c, acc.s, err);
	for (int i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
	for (int f = 0; !rc && f < MGF__COUNT; f++)
		if ((migrant_fields[f].flags & FF_REQ) && !t->has[f])
			rc = importer_missing(&t->in, migrant_fields[f].label, acc.s, err);
	buf_free(&acc);
	return rc;
}

/* An ID number as Excel keeps it as text ('3201…, ="3201…"). NULL when blank. Caller frees. */
static char *cell_text(int f, const char *c)
{
	if (text_is_blank(c))
		return NULL;
	char *s = text_clean(c);
	size_t n = strlen(s);
	if (f == MGF_IDNO && s[0] == '\'') {
		memmove(s, s + 1, n);
	} else if (f == MGF_IDNO && n >= 3 && s[0] == '=' && s[1] == '"' && s[n - 1] == '"') {
		memmove(s, s + 2, n - 3);
		s[n - 3] = '\0';
	} else if (s[0] == '\'' && s[1] && strchr(CSV_FORMULA_CHARS, s[1])) {
		memmove(s, s + 1, n);
	}
	return s;
}

static int mio_store(struct mio *t, char **vals, struct import_result *res, struct jy_err *err)
{
	struct migrant *m = NULL;
	int64_t rid = 0, id = 0;
	int rc = casework_resident_of(t->db, vals[MGF_IDNO], migrant_fields[MGF_IDNO].label, OP_EDIT,
	                              &rid, err);
	if (!rc)
		rc = migrant_open_id(t->db, rid, &id, err, vals[MGF_JOINED]);
	if (rc == JY_OK)
		rc = migrant_load(t->db, id, &m, err);
	else if (rc == JY_ENOTFOUND)
		rc = (m = migrant_new()) ? JY_OK : JY_EDB;
	if (rc)
		return rc;
	for (int f = 0; f < MGF__COUNT; f++)
		if (vals[f])
			migrant_set(m, f, vals[f]);     /* an empty cell keeps what is stored */
	int64_t version = m->version;
	int existed = m->id != 0;
	rc = migrant_save(t->db, m, err);
	if (rc == JY_OK)
		importer_count(res, existed, version, m->version);
	migrant_free(&m);
	return rc;
}

static int mio_row(void *ctx, char **cell, int n, int row, struct import_result *res,
                   struct jy_err *err)
{
	struct mio *t = ctx;
	char *vals[MGF__COUNT] = { 0 };
	t->in.problems = 0;
	for (int k = 0; k < NEXTRA; k++)
		if (t->extra[k] >= 0 && t->extra[k] < n)
			cell[t->extra[k]][0] = '\0';      /* her checks and leaving are never taken from a cell */
	importer_stray_cells(&t->in, row, cell, n, migrant_fields[MGF_ORIGIN].label);
	for (int f = 0; f < MGF__COUNT; f++) {
		if (!t->has[f])
			continue;
		int i = t->has[f] - 1;
		char *v = cell_text(f, i < n ? cell[i] : "");
		if (!v)
			continue;
		struct jy_err e = { 0 };
		if (f == MGF_IDNO || f == MGF_EMPLOYER) {
			vals[f] = v;                    /* looked up when she is saved */
			continue;
		}
		if (casework_check_field(t->db, &migrant_fields[f], v, &vals[f], &e) != JY_OK)
			importer_report(&t->in, row, e.field[0] ? e.field : migrant_fields[f].label, e.msg);
		free(v);
	}
	if (!t->in.problems)
		importer_once(&t->in, row, vals[MGF_IDNO], migrant_fields[MGF_IDNO].label);
	int rc = JY_OK;
	if (!t->in.problems) {
		struct jy_err e = { 0 };
		rc = importer_stored(&t->in, row, mio_store(t, vals, res, &e), &e, err);
	}
	if (t->in.problems)
		res->rejected++;
	field_values_free(vals, MGF__COUNT);
	return rc;
}

static const struct importer_ops mio_ops = {
	mio_accepted, mio_header, importer_tx_begin, mio_row, importer_tx_commit, importer_tx_rollback
};

int import_migrants(struct jy_db *db, const char *path, const char *sheet, int flags,
                    void (*report)(void *arg, const char *line), void *arg,
                    struct import_result *res, struct jy_err *err)
{
	int rc = access_check(db, OP_IMPORT, NULL, err);
	if (rc)
		return rc;
	struct mio t = { .in = { .path = path, .sheet = sheet, .db = db, .report = report,
	                         .arg = arg }, .db = db };
	rc = importer_run(&t.in, flags, &mio_ops, &t, res, err);
	importer_free(&t.in);
	return rc;
}

/* ---- export ------------------------------------------------------------------------------------ */

struct mout {
	struct jy_db *db;
	int masked;
};

static int write_member(struct mout *o, const struct migrant *m, struct sheet *sh, struct jy_err *err)
{
	char *cells[MGF__COUNT + NEXTRA] = { 0 };
	char mask[64];
	int rc = JY_OK;
	for (int f = 0; !rc && f < MGF__COUNT; f++) {
		const char *v = migrant_get(m, f);
		if (f == MGF_IDNO && o->masked && *v) {
			export_mask(FK_IDNO, v, mask, sizeof mask);
			cells[f] = xstrdup(mask);
		} else if (migrant_fields[f].kind == FK_CODE) {
			rc = field_show(o->db, &migrant_fields[f], v, &cells[f], err);
		} else {
			cells[f] = xstrdup(v);
		}
	}
	cells[MGF__COUNT] = xstrdup(m->left_on);
	cells[MGF__COUNT + 1] = xstrdup(m->left_reason ? m->left_reason : "");
	cells[MGF__COUNT + 2] = xstrdup(m->last_check);
	if (!rc)
		rc = sheet_row(sh, (const char *const *)cells, err);
	for (int f = 0; f < MGF__COUNT + NEXTRA; f++)
		free(cells[f]);
	return rc;
}

static int write_members(void *ctx, struct sheet *sh, struct jy_err *err)
{
	struct mout *o = ctx;
	int n = 0;
	int64_t *ids = NULL;
	/* every membership, those who left too: the file is the roster's record */
	int rc = db_ids(o->db, "SELECT m.id FROM migrant m JOIN resident r "
		"ON r.id = m.resident_id WHERE r.closed_at IS NULL AND jy_in_scope(r.community) "
		"ORDER BY coalesce(r.community, ''), m.joined_on, m.id", &ids, &n, _("reading the roster"),
		err);
	for (int i = 0; !rc && i < n; i++) {
		struct migrant *m = NULL;
		if (!(rc = migrant_load(o->db, ids[i], &m, err)))
			rc = write_member(o, m, sh, err);
		migrant_free(&m);
	}
	free(ids);
	return rc;
}

int export_migrants(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                    struct jy_err *err)
{
	int full;
	char *notice;
	if (rows)
		*rows = 0;
	int rc = export_people_begin(db, purpose, &full, &notice, err);
	if (rc)
		return rc;
	struct mout out = { db, !full };
	struct sheet_col cols[MGF__COUNT + NEXTRA];
	int n = sheet_cols_of_fields(migrant_fields, MGF__COUNT, FF_CSV, cols);
	cols[n] = cols[MGF_JOINED];
	cols[n].label = extra_cols[0];
	cols[n + 1] = cols[MGF_ORIGIN];
	cols[n + 1].label = extra_cols[1];
	cols[n + 2] = cols[MGF_JOINED];
	cols[n + 2].label = extra_cols[2];
	rc = sheet_export_noted(path, format, notice, "流动妇女成员名册", cols, n + NEXTRA, write_members,
	                        &out, rows, err);
	free(notice);
	return rc;
}

int template_migrants(struct jy_db *db, const char *path, struct jy_err *err)
{
	const struct field_def *defs[MGF__COUNT];
	int n = 0;
	for (int f = 0; f < MGF__COUNT; f++)
		if (migrant_fields[f].flags & FF_CSV)
			defs[n++] = &migrant_fields[f];
	return sheet_template(db, path, "流动妇女成员名册", defs, n, err);
}
