/* core/import.c: residents from a CSV file an office keeps in Excel or WPS.
 *
 * The promise (PRODUCT.md "nothing typed is ever lost … by a bad import file"):
 *   - every bad row is reported as "FILE:ROW: 列名: what is wrong, what is accepted", ROW as the
 *     spreadsheet shows it, every bad cell of the row, not just the first;
 *   - without IMPORT_SKIP_ERRORS one bad row means nothing is stored;
 *   - a resident already registered (same ID number) is updated, and an empty cell never
 *     overwrites a stored value;
 *   - IMPORT_DRY_RUN does everything inside the transaction and rolls it back, so its counts are
 *     exactly what a real run would do.
 * The whole file is one BEGIN IMMEDIATE transaction (resident_bulk_begin): new residents go
 * through resident_bulk_add, updates through resident_save, which nests as a savepoint.
 *
 * Cells are handed to resident_validate as the file has them: the registry's rules (code labels,
 * aliases and codes; several categories separated by 、；; , / ; community names or codes; dates
 * as workers write them) live in one place, core/resident.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_int.h"

enum { COL_NONE = -1 };         /* a column with an empty header */

/* First characters that make a spreadsheet read a cell as a formula; export.c writes such a cell
 * with a leading apostrophe, and import takes it off. */
#define FORMULA_CHARS "=+-@"

/* ID numbers seen so far in the file, with their row: "also in row N". Open addressing. */
struct idseen {
	struct idseen_slot {
		char id[19];
		int row;
	} *slot;
	size_t cap, n;
};

struct import {
	struct jy_db *db;
	const char *path;
	int flags;
	void (*report)(void *arg, const char *line);
	void *arg;
	int *col;               /* RF_* of each column, or COL_NONE */
	int ncol;
	int has[RF__COUNT];     /* column index + 1 of each field present */
	struct idseen seen;
	struct jy_buf line;
	int problems;           /* of the current row */
};

/* An ID number nobody has (a checksum-valid example from GB 11643's own annex form), used to
 * check one cell of a bad row on its own. */
#define PLACEHOLDER_ID "11010519491231002X"
#define PLACEHOLDER_NAME "某"

/* ---- the set of IDs seen ---------------------------------------------------------------------- */

static size_t idseen_hash(const char *id)
{
	size_t h = 1469598103934665603u;
	for (int i = 0; i < 18; i++)
		h = (h ^ (unsigned char)id[i]) * 1099511628211u;
	return h;
}

/* The row that already had id, or 0 after recording it for row. */
static int idseen_add(struct idseen *s, const char *id, int row)
{
	if ((s->n + 1) * 2 > s->cap) {
		struct idseen old = *s;
		s->cap = old.cap ? old.cap * 2 : 1024;
		s->slot = xcalloc(s->cap, sizeof *s->slot);
		s->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slot[i].row)
				idseen_add(s, old.slot[i].id, old.slot[i].row);
		free(old.slot);
	}
	size_t i = idseen_hash(id) & (s->cap - 1);
	while (s->slot[i].row) {
		if (memcmp(s->slot[i].id, id, 18) == 0)
			return s->slot[i].row;
		i = (i + 1) & (s->cap - 1);
	}
	memcpy(s->slot[i].id, id, 19);
	s->slot[i].row = row;
	s->n++;
	return 0;
}

/* ---- messages --------------------------------------------------------------------------------- */

static void imp_report(struct import *im, int row, const char *field, const char *msg)
{
	buf_reset(&im->line);
	if (field && *field)
		buf_addf(&im->line, "%s:%d: %s: %s", im->path, row, field, msg);
	else
		buf_addf(&im->line, "%s:%d: %s", im->path, row, msg);
	if (im->report)
		im->report(im->arg, im->line.s);
	im->problems++;
}

/* "姓名, 身份证号, …; English: name, id_number, …": what a header row may hold. */
static void accepted_columns(struct jy_buf *b)
{
	int first = 1;
	for (int f = 0; f < RF__COUNT; f++)
		if (resident_fields[f].flags & FF_CSV) {
			buf_addf(b, "%s%s", first ? "" : ", ", resident_fields[f].label);
			first = 0;
		}
	buf_adds(b, " (English: ");
	first = 1;
	for (int f = 0; f < RF__COUNT; f++)
		if (resident_fields[f].flags & FF_CSV) {
			buf_addf(b, "%s%s", first ? "" : ", ", resident_fields[f].alias);
			first = 0;
		}
	buf_adds(b, ")");
}

/* ---- the header row --------------------------------------------------------------------------- */

/* Columns importable: the CSV set, plus 性别 and 出生日期, which many offices' sheets carry and
 * which are checked against the ID number instead of being stored twice (PRODUCT.md: derived,
 * never typed twice). */
static int importable(int f)
{
	return f >= 0 && ((resident_fields[f].flags & FF_CSV) || resident_fields[f].kind == FK_DERIVED);
}

static int imp_header(struct import *im, char **cell, int n, struct jy_err *err)
{
	struct jy_buf unknown = { 0 }, acc = { 0 };
	int looks_like_data = 0, rc = JY_OK;
	char first_unknown[64] = "";

	im->ncol = n;
	im->col = xmalloc(sizeof *im->col * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		char *h = csv_header_clean(cell[i]);
		int f = *h ? resident_field_by_header(h) : COL_NONE;
		im->col[i] = f;
		if (!*h) {
			free(h);
			continue;
		}
		if (!importable(f)) {
			char id[19];
			if (idcard_parse(h, id, NULL, NULL, NULL) == JY_OK)
				looks_like_data = 1;
			if (!unknown.len)
				snprintf(first_unknown, sizeof first_unknown, "%s", h);
			buf_addf(&unknown, "%s%s", unknown.len ? ", " : "", h);
			im->col[i] = COL_NONE;
		} else if (im->has[f]) {
			char a[8], b[8];
			csv_col_name(im->has[f] - 1, a);
			csv_col_name(i, b);
			rc = err_set(err, JY_EINVAL, resident_fields[f].label,
			             _("%s:1: %s: the column appears twice (columns %s and %s): keep one"),
			             im->path, resident_fields[f].label, a, b);
		} else {
			im->has[f] = i + 1;
		}
		free(h);
		if (rc)
			goto out;
	}
	accepted_columns(&acc);
	if (looks_like_data) {
		rc = err_set(err, JY_EINVAL, NULL,
		             _("%s:1: the first row holds data, not column names: insert a row above it "
		               "with the column names: %s"), im->path, acc.s);
		goto out;
	}
	if (unknown.len) {
		rc = err_set(err, JY_EINVAL, first_unknown, _("%s:1: %s: unknown column; accepted: %s"),
		             im->path, unknown.s, acc.s);
		goto out;
	}
	for (int f = 0; f < RF__COUNT; f++)
		if ((resident_fields[f].flags & FF_REQ) && (resident_fields[f].flags & FF_CSV) &&
		    !im->has[f]) {
			rc = err_set(err, JY_EINVAL, resident_fields[f].label,
			             _("%s:1: %s: the column is missing; the first row names the columns: %s"),
			             im->path, resident_fields[f].label, acc.s);
			goto out;
		}
out:
	buf_free(&unknown);
	buf_free(&acc);
	return rc;
}

/* ---- one data row ----------------------------------------------------------------------------- */

static const char *cell_at(char **cell, int n, int i)
{
	return i < n ? cell[i] : "";
}

/* The value of field f from this row for resident_set; NULL when blank. Caller frees. */
static char *cell_value(struct import *im, char **cell, int n, int f)
{
	if (!im->has[f])
		return NULL;
	const char *c = cell_at(cell, n, im->has[f] - 1);
	if (text_is_blank(c))
		return NULL;
	if (resident_fields[f].kind == FK_IDNO || resident_fields[f].kind == FK_PHONE)
		return csv_unwrap_number(c);
	if (c[0] == '\'' && c[1] && strchr(FORMULA_CHARS, c[1]))
		return xstrdup(c + 1);  /* export's guard against formulas, taken off again */
	return xstrdup(c);
}

/* Which of the row's cells are wrong, each on its own: one cell in a record that is otherwise
 * valid (placeholder name and ID), checked by the registry's own rules. */
static void imp_explain(struct import *im, int row, char **cell, int n, const struct jy_err *first)
{
	int before = im->problems;
	for (int i = 0; i < im->ncol; i++) {
		int f = im->col[i];
		if (f == COL_NONE || resident_fields[f].kind == FK_DERIVED)
			continue;
		char *v = cell_value(im, cell, n, f);
		if (!v && !(resident_fields[f].flags & FF_REQ))
			continue;
		struct resident *t = resident_new();
		resident_set(t, RF_NAME, PLACEHOLDER_NAME);
		resident_set(t, RF_IDNO, PLACEHOLDER_ID);
		resident_set(t, f, v);
		struct jy_err e = { 0 };
		if (resident_validate(im->db, t, &e) != JY_OK &&
		    strcmp(e.field, resident_fields[f].label) == 0)
			imp_report(im, row, e.field, e.msg);
		resident_free(&t);
		free(v);
	}
	if (im->problems == before && first)
		imp_report(im, row, first->field, first->msg);
}

/* Cells in columns without a header: data that would otherwise be dropped without a word. */
static void imp_stray_cells(struct import *im, int row, char **cell, int n)
{
	for (int i = 0; i < n; i++) {
		if ((i < im->ncol && im->col[i] != COL_NONE) || text_is_blank(cell[i]))
			continue;
		char c[8], msg[160];
		csv_col_name(i, c);
		snprintf(msg, sizeof msg, _("column %s has no name in row 1: name it (%s …) or clear the cell"),
		         c, resident_fields[RF_NAME].label);
		imp_report(im, row, c, msg);
	}
}

/* 性别 / 出生日期 columns: they must agree with the ID number. */
static void imp_derived(struct import *im, int row, char **cell, int n, const char *birth, char sex)
{
	if (im->has[RF_SEX]) {
		const char *c = cell_at(cell, n, im->has[RF_SEX] - 1);
		if (!text_is_blank(c)) {
			char *v = text_clean(c);
			const char *code = codes_find(codes_cached(im->db, "sex"), v);
			const char *want = sex == 'M' ? "1" : "2";
			if (!code || strcmp(code, want) != 0) {
				char msg[256];
				snprintf(msg, sizeof msg, _("\"%s\" does not match the ID number, which says %s: "
				                            "check both, or leave the cell empty"),
				         v, sex == 'M' ? "男" : "女");
				imp_report(im, row, resident_fields[RF_SEX].label, msg);
			}
			free(v);
		}
	}
	if (im->has[RF_BIRTH]) {
		const char *c = cell_at(cell, n, im->has[RF_BIRTH] - 1);
		if (!text_is_blank(c)) {
			char d[11];
			if (date_parse(c, d, NULL) != JY_OK || strcmp(d, birth) != 0) {
				char *v = text_clean(c);
				char msg[256];
				snprintf(msg, sizeof msg, _("\"%s\" does not match the ID number, which says %s: "
				                            "check both, or leave the cell empty"), v, birth);
				imp_report(im, row, resident_fields[RF_BIRTH].label, msg);
				free(v);
			}
		}
	}
}

/* A resident already registered: the file's non-empty cells over the stored record, saved only
 * when something differs (resident_save writes no version and no history then). */
static int imp_update(struct import *im, int64_t rid, const struct resident *cells,
                      struct import_result *res, struct jy_err *err)
{
	struct resident *m = NULL;
	int rc = resident_load(im->db, rid, &m, err);
	if (rc)
		return rc;
	for (int f = 0; f < RF__COUNT; f++)
		if (cells->v[f])
			resident_set(m, f, cells->v[f]);
	int64_t version = m->version;
	rc = resident_save(im->db, m, err);
	if (rc == JY_OK) {
		if (m->version != version)
			res->updated++;
		else
			res->unchanged++;
	}
	resident_free(&m);
	return rc;
}

/* One data row: stored (added, updated, unchanged) or reported and rejected. Returns JY_OK, or
 * the code of a failure that stops the whole import (the database), with err set. */
static int imp_row(struct import *im, struct resident_bulk *bulk, char **cell, int n, int row,
                   struct import_result *res, struct jy_err *err)
{
	struct resident *r = resident_new();
	char id[19] = "", birth[11], sex = 0;
	int rc = JY_OK;

	im->problems = 0;
	imp_stray_cells(im, row, cell, n);
	for (int f = 0; f < RF__COUNT; f++)
		if (resident_fields[f].kind != FK_DERIVED)
			r->v[f] = cell_value(im, cell, n, f);
	if (r->v[RF_IDNO] && idcard_parse(r->v[RF_IDNO], id, birth, &sex, NULL) == JY_OK) {
		int first = idseen_add(&im->seen, id, row);
		if (first) {
			char msg[256];
			snprintf(msg, sizeof msg, _("%s is also in row %d: one ID number is one resident; "
			                            "merge the two rows into one"), id, first);
			imp_report(im, row, resident_fields[RF_IDNO].label, msg);
		}
		imp_derived(im, row, cell, n, birth, sex);
	} else {
		id[0] = '\0';
	}
	if (im->problems) {
		imp_explain(im, row, cell, n, NULL);
		goto rejected;
	}
	struct jy_err e = { 0 };
	int64_t rid;
	if (id[0] && resident_find_idno(im->db, id, &rid) == JY_OK) {
		rc = imp_update(im, rid, r, res, &e);
	} else {
		rc = resident_bulk_add(bulk, r, &e);
		if (rc == JY_OK)
			res->added++;
	}
	if (rc == JY_EINVAL || rc == JY_EDUP) {
		imp_explain(im, row, cell, n, &e);
		goto rejected;
	}
	if (rc != JY_OK)
		*err = e;
	resident_free(&r);
	return rc;
rejected:
	res->rejected++;
	resident_free(&r);
	return JY_OK;
}

static int row_blank(char **cell, int n)
{
	for (int i = 0; i < n; i++)
		if (!text_is_blank(cell[i]))
			return 0;
	return 1;
}

int import_residents(struct jy_db *db, const char *path, int flags,
                     void (*report)(void *arg, const char *line), void *arg,
                     struct import_result *res, struct jy_err *err)
{
	struct import_result local;
	struct import im = { .db = db, .path = path, .flags = flags, .report = report, .arg = arg };
	struct csv_reader *csv = NULL;
	struct resident_bulk *bulk = NULL;
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
		accepted_columns(&acc);
		if (got == 0)
			err_set(err, JY_EINVAL, NULL, _("%s: the file is empty: the first row names the columns: %s"),
			        path, acc.s);
		buf_free(&acc);
		rc = JY_EINVAL;
		goto out;
	}
	if ((rc = imp_header(&im, cell, n, err)))
		goto out;
	if ((rc = resident_bulk_begin(db, &bulk, err)))
		goto out;
	while ((got = csv_next(csv, &cell, &n, &row, err)) == 1) {
		if (row_blank(cell, n))
			continue;       /* Excel writes ",,,," for rows that were only formatted */
		res->rows++;
		if ((rc = imp_row(&im, bulk, cell, n, row, res, err)))
			break;
	}
	if (rc == JY_OK && got < 0)
		rc = JY_EINVAL;
	int skip = flags & IMPORT_SKIP_ERRORS;
	if (rc == JY_OK && !(flags & IMPORT_DRY_RUN) && (!res->rejected || skip))
		rc = resident_bulk_commit(&bulk, err);
	else
		resident_bulk_abort(&bulk);
	if (rc == JY_OK && res->rejected && !skip) {
		/* The counts say what was stored (or, in a dry run, would be): nothing. */
		res->added = res->updated = res->unchanged = 0;
		rc = err_set(err, JY_EINVAL, NULL,
		             dngettext("jiuye", "%s: %d bad row, nothing was imported (fix it, or use --skip-errors)",
		                       "%s: %d bad rows, nothing was imported (fix them, or use --skip-errors)",
		                       (unsigned long)res->rejected),
		             path, res->rejected);
	}
out:
	csv_close(&csv);
	free(im.col);
	free(im.seen.slot);
	buf_free(&im.line);
	return rc;
}
