/* core/registry/import.c: residents from a CSV file an office keeps in Excel or WPS.
 *
 * The promise:
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
 * 户号 and 与户主关系 are read beside the fields (imp_hh_*): a row whose 户号 names a household of
 * her community links her to it as 与户主关系 says, an unknown 户号 is recorded as a household of
 * her community first (the summary names them), and a row that already says where she is changes
 * nothing. She joins from her 登记日期 when the row registers her, else from the import's day (the
 * file says where she lives now, not since when). Everything the link would refuse is checked
 * before the row saves anything, so a refused row is refused whole.
 *
 * Cells are handed to resident_validate as the file has them: the registry's rules (code labels,
 * aliases and codes; several categories separated by 、；; , / ; community names or codes; dates
 * as workers write them) live in one place, core/registry/resident.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry/registry_int.h"

enum { COL_NONE = -1 };         /* a column with an empty header */

/* ID numbers seen so far in the file, with their row: "also in row N". Open addressing; each ID
 * number packed into a number (idseen_pack), so a million rows take 32 MB instead of 48. */
struct idseen {
	struct idseen_slot {
		uint64_t id;    /* idseen_pack's, 0 for an empty slot */
		int row;
	} *slot;
	size_t cap, n;
};

struct import {
	struct importer in;     /* in.col: RF_* of each column, or COL_NONE */
	struct jy_db *db;
	struct resident_bulk *bulk;
	int has[RF__COUNT];     /* column index + 1 of each field present */
	int age_col;            /* column index + 1 of a 年龄 column, checked against the ID number */
	struct idseen seen;
	struct idseen registered;       /* the registry's ID numbers before the file, once loaded */
	int64_t max_id;         /* the registry's size at most, when the file began */
	int64_t lookups;        /* ID numbers asked of the registry one at a time */
	int loaded;             /* registered holds them all */
	int no_units;           /* an administrator's import into a database without units yet */
	int create_units;       /* IMPORT_CREATE_UNITS: the communities the file names are added */
	struct import_unit {    /* those communities, in the order the file names them */
		char *name;
		int rows;
	} *units;
	int nunits, capunits;
	int hh_col, rel_col;    /* column index + 1 of 户号 and 与户主关系 */
	char **hh_new;          /* the households the file's rows recorded, by number */
	int nhh_new, caphh_new;
};

/* A row's 户号 and 与户主关系 and what they ask: hid the household (0: new, to be recorded as
 * hh_no in community), rel the relation's code; apply 0 when the row changes nothing of it. */
struct imp_hh {
	char *hh_no;
	const char *rel;
	char community[32];
	int64_t hid;
	int apply;
};

/* An ID number nobody has (a checksum-valid example from GB 11643's own annex form), used to
 * check one cell of a bad row on its own. */
#define PLACEHOLDER_ID "11010519491231002X"
#define PLACEHOLDER_NAME "某"

/* ---- the set of IDs seen ---------------------------------------------------------------------- */

/* A canonical ID number (17 digits and the check character, 0-9 or X) as one number: the digits
 * times 11 plus the check character, plus 1, below 2^61. 0 for anything else. */
static uint64_t idseen_pack(const char *id)
{
	uint64_t v = 0;
	for (int i = 0; i < 17; i++) {
		if (id[i] < '0' || id[i] > '9')
			return 0;
		v = v * 10 + (uint64_t)(id[i] - '0');
	}
	int check = id[17] == 'X' ? 10 : id[17] >= '0' && id[17] <= '9' ? id[17] - '0' : -1;
	if (check < 0 || id[18] != '\0')
		return 0;
	return v * 11 + (uint64_t)check + 1;
}

static size_t idseen_hash(uint64_t v)
{
	v ^= v >> 33;
	v *= 0xff51afd7ed558ccdULL;
	v ^= v >> 33;
	return (size_t)v;
}

static int idseen_put(struct idseen *s, uint64_t v, int row)
{
	if ((s->n + 1) * 2 > s->cap) {
		struct idseen old = *s;
		s->cap = old.cap ? old.cap * 2 : 1024;
		s->slot = xcalloc(s->cap, sizeof *s->slot);
		s->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slot[i].id)
				idseen_put(s, old.slot[i].id, old.slot[i].row);
		free(old.slot);
	}
	size_t i = idseen_hash(v) & (s->cap - 1);
	while (s->slot[i].id) {
		if (s->slot[i].id == v)
			return s->slot[i].row;
		i = (i + 1) & (s->cap - 1);
	}
	s->slot[i].id = v;
	s->slot[i].row = row;
	s->n++;
	return 0;
}

/* The row that already had id, or 0 after recording it for row. id is canonical (the import
 * checked it); one that is not is never found again, and the unique index still stands. */
static int idseen_add(struct idseen *s, const char *id, int row)
{
	uint64_t v = idseen_pack(id);
	return v ? idseen_put(s, v, row) : 0;
}

/* Did id get a row already (without recording it)? */
static int idseen_has(const struct idseen *s, const char *id)
{
	uint64_t v = idseen_pack(id);
	if (!s->cap || !v)
		return 0;
	size_t i = idseen_hash(v) & (s->cap - 1);
	while (s->slot[i].id) {
		if (s->slot[i].id == v)
			return 1;
		i = (i + 1) & (s->cap - 1);
	}
	return 0;
}

/* ---- is an ID number registered? -------------------------------------------------------------- */

/* The registry's ID numbers in one pass of its unique index, for a file that would otherwise ask
 * it one row at a time more often than an eighth of its size (measured: the look-ups were 6% of a
 * 100,000-row import into a small registry). The import holds the write lock, so nobody else adds
 * meanwhile, and the file's own new residents never need it: a second row with an ID number is
 * refused by the idseen check before it gets here. A failure here changes nothing but the speed:
 * every row is then asked of the registry itself, whose failures stop the import. */
static void registered_load(struct import *im)
{
	sqlite3_stmt *st;
	im->loaded = -1;        /* on any failure: keep asking row by row */
	if (sqlite3_prepare_v2(db_handle(im->db), "SELECT id_no FROM resident WHERE length(id_no) = 18", -1,
	                       &st, NULL) != SQLITE_OK)
		return;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		if (id && strlen(id) == 18)
			idseen_add(&im->registered, id, 1);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		im->loaded = 1;
}

/* resident_find_idno, answered from the loaded set when the ID number is not registered. */
static int imp_find_idno(struct import *im, const char *id, int64_t *rid, struct jy_err *err)
{
	if (!im->loaded && ++im->lookups > im->max_id / 8 + 64)
		registered_load(im);
	if (im->loaded == 1 && !idseen_has(&im->registered, id))
		return JY_ENOTFOUND;
	return resident_find_idno(im->db, id, rid, err);
}

/* ---- the header row --------------------------------------------------------------------------- */

/* "姓名, 身份证号, … (English: name, id_number, …)": what a header row may hold, 户号 and 与户主关系
 * after the fields. */
static void imp_accepted(void *ctx, struct jy_buf *b)
{
	(void)ctx;
	struct field_def defs[RF__COUNT + EXPORT_HH_COLS];
	memcpy(defs, resident_fields, sizeof resident_fields);
	memcpy(defs + RF__COUNT, hh_defs, sizeof hh_defs);
	importer_accepted(defs, RF__COUNT + EXPORT_HH_COLS, FF_CSV, b);
}

/* Columns importable: the CSV set, plus 性别 and 出生日期, which many offices' sheets carry and
 * which are checked against the ID number instead of being stored twice (derived,
 * never typed twice). */
static int importable_by_header(const void *ctx, const char *header)
{
	(void)ctx;
	int f = resident_field_by_header(header);
	return f >= 0 && ((resident_fields[f].flags & FF_CSV) || resident_fields[f].kind == FK_DERIVED)
	       ? f : COL_NONE;
}

static int imp_header(void *ctx, char **cell, int n, struct jy_err *err)
{
	static const char *const age[] = { "年龄", "户号", "与户主关系", "household_no", "hh_relation",
	                                   NULL };
	struct import *im = ctx;
	struct jy_buf acc = { 0 };
	imp_accepted(im, &acc);
	const struct importer_columns c = { resident_fields, importable_by_header, NULL, im->has,
	                                    IMPORTER_DATA_IDNO, age };
	int rc = importer_header(&im->in, cell, n, &c, acc.s, err);
	im->age_col = im->hh_col = im->rel_col = 0;
	for (int i = 0; !rc && i < n; i++) {
		if (!im->age_col && importer_column_is(&im->in, cell[i], "年龄"))
			im->age_col = i + 1;
		if (!im->hh_col && (importer_column_is(&im->in, cell[i], hh_defs[0].label) ||
		                    importer_column_is(&im->in, cell[i], hh_defs[0].alias)))
			im->hh_col = i + 1;
		if (!im->rel_col && (importer_column_is(&im->in, cell[i], hh_defs[1].label) ||
		                     importer_column_is(&im->in, cell[i], hh_defs[1].alias)))
			im->rel_col = i + 1;
	}
	for (int f = 0; !rc && f < RF__COUNT; f++)
		if ((resident_fields[f].flags & FF_REQ) && (resident_fields[f].flags & FF_CSV) &&
		    !im->has[f])
			rc = importer_missing(&im->in, resident_fields[f].label, acc.s, err);
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
	if (c[0] == '\'' && c[1] && strchr(CSV_FORMULA_CHARS, c[1]))
		return xstrdup(c + 1);  /* export's guard against formulas, taken off again */
	return xstrdup(c);
}

/* Which of the row's cells are wrong, each on its own: one cell in a record that is otherwise
 * valid (placeholder name and ID), checked by the registry's own rules. JY_EDB (err set) when the
 * code lists cannot be read. */
static int imp_explain(struct import *im, int row, char **cell, int n, const struct jy_err *first,
                       struct jy_err *err)
{
	int before = im->in.problems, rc = JY_OK;
	for (int i = 0; !rc && i < im->in.ncol; i++) {
		int f = im->in.col[i];
		if (f == COL_NONE || resident_fields[f].kind == FK_DERIVED)
			continue;
		char *v = cell_value(im, cell, n, f);
		if (!v && !(resident_fields[f].flags & FF_REQ))
			continue;
		if (resident_fields[f].kind == FK_PHONE && mask_is_masked(v)) {
			free(v);        /* reported by imp_row already */
			continue;
		}
		struct resident *t = resident_new();
		resident_set(t, RF_NAME, PLACEHOLDER_NAME);
		resident_set(t, RF_IDNO, PLACEHOLDER_ID);
		resident_set(t, f, v);
		struct jy_err e = { 0 };
		int vr = resident_validate(im->db, t, &e);
		if (vr == JY_EDB)
			rc = err_set(err, JY_EDB, e.field, "%s", e.msg);
		else if (vr != JY_OK && strcmp(e.field, resident_fields[f].label) == 0)
			importer_report(&im->in, row, e.field, e.msg);
		resident_free(&t);
		free(v);
	}
	if (!rc && im->in.problems == before && first)
		importer_report(&im->in, row, first->field, first->msg);
	return rc;
}

/* A derived cell that does not agree with the ID number: that row's error on the cell's column,
 * naming both cells ("C7" and "B7", in a workbook "台账!C7"), what the cell says and what the ID
 * number says. */
static void imp_mismatch(struct import *im, int row, int col, const char *label, const char *v,
                         const char *want)
{
	char here[96], id[96], msg[512];
	importer_cell_name(&im->in, row, col - 1, here, sizeof here);
	importer_cell_name(&im->in, row, im->has[RF_IDNO] - 1, id, sizeof id);
	snprintf(msg, sizeof msg, _("\"%s\" in %s does not match the ID number in %s, which says %s: "
	                            "check both, or leave the cell empty"), v, here, id, want);
	importer_report_cell(&im->in, row, col - 1, label, msg);
}

/* A 出生日期 cell: the birth date, or its year and month alone as a 出生年月 column has them
 * (1977.04, 1977-4, 1977年4月, 197704; a date cell in a year-month format is the 1st). */
static int birth_agrees(const char *c, const char *birth)
{
	char d[11];
	if (date_parse(c, d, NULL) == JY_OK)
		return strcmp(d, birth) == 0 || (strcmp(d + 8, "01") == 0 && strncmp(d, birth, 7) == 0);
	char *v = text_clean(c);
	int y = 0, m = 0, k = 0, ok = 0;
	if (sscanf(v, "%4d%*[-./年]%2d%n", &y, &m, &k) == 2 || sscanf(v, "%4d%2d%n", &y, &m, &k) == 2) {
		const char *rest = v + k;
		if (strcmp(rest, "月") == 0 || !*rest) {
			char ym[16];
			snprintf(ym, sizeof ym, "%04d-%02d", y, m);
			ok = strncmp(ym, birth, 7) == 0;
		}
	}
	free(v);
	return ok;
}

/* 性别 / 出生日期 / 年龄 columns: they must agree with the ID number. An age is the whole years as
 * of today, or one less (a ledger filled in before her birthday this year). JY_EDB when the list
 * of sexes cannot be read. */
static int imp_derived(struct import *im, int row, char **cell, int n, const char *birth, char sex,
                       struct jy_err *err)
{
	if (im->has[RF_SEX]) {
		const char *c = cell_at(cell, n, im->has[RF_SEX] - 1);
		const struct code_list *sexes = NULL;
		if (!text_is_blank(c) && !(sexes = codes_cached(im->db, "sex", err)))
			return JY_EDB;
		if (!text_is_blank(c)) {
			char *v = text_clean(c);
			const char *code = codes_find(sexes, v);
			const char *want = sex == 'M' ? "1" : "2";
			if (!code || strcmp(code, want) != 0)
				imp_mismatch(im, row, im->has[RF_SEX], resident_fields[RF_SEX].label, v,
				             sex == 'M' ? "男" : "女");
			free(v);
		}
	}
	if (im->has[RF_BIRTH]) {
		const char *c = cell_at(cell, n, im->has[RF_BIRTH] - 1);
		if (!text_is_blank(c) && !birth_agrees(c, birth)) {
			char *v = text_clean(c);
			imp_mismatch(im, row, im->has[RF_BIRTH], resident_fields[RF_BIRTH].label, v, birth);
			free(v);
		}
	}
	if (im->age_col) {
		const char *c = cell_at(cell, n, im->age_col - 1);
		if (!text_is_blank(c)) {
			char today[11], *v = text_clean(c), *end;
			date_today(today);
			int age = date_age(birth, today);
			long a = strtol(v, &end, 10);
			if (strcmp(end, "岁") == 0 || strcmp(end, "周岁") == 0)
				*end = '\0';
			if (end == v || *end || (a != age && a != age - 1)) {
				char want[32];
				snprintf(want, sizeof want, _("%d years"), age);
				imp_mismatch(im, row, im->age_col, "年龄", v, want);
			}
			free(v);
		}
	}
	return JY_OK;
}

/* A resident already registered: the file's non-empty cells over the stored record, saved only
 * when something differs (resident_save writes no version and no history then). A change the
 * worker may not make herself (a clerk's of the ID number or categories) goes to a reviewer: the
 * row is counted as queued and says so. */
static int imp_update(struct import *im, int64_t rid, const struct resident *cells, int row,
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
	if (rc == JY_OK && m->queued) {
		res->queued++;
		importer_report(&im->in, row, err->field, err->msg);    /* a note: the row saved */
		err_clear(err);
	} else if (rc == JY_OK) {
		importer_count(res, 1, version, m->version);
	}
	resident_free(&m);
	return rc;
}

/* ---- a database without units yet ------------------------------------------------------------ */

/* The row's community, in a database that had no units when the file began: counted among those
 * the file names and, with IMPORT_CREATE_UNITS, added as a community at the top of the tree (the
 * administrator moves it under its street later). *skip 1 when the row is rejected for it: the
 * summary names the communities once, rather than every row. JY_EDB (err set) stops the import. */
static int imp_new_unit(struct import *im, char **cell, int n, int row, int *skip,
                        struct jy_err *err)
{
	*skip = 0;
	if (!im->no_units || !im->has[RF_COMMUNITY])
		return JY_OK;
	char *v = text_clean(cell_at(cell, n, im->has[RF_COMMUNITY] - 1));
	const struct code_list *units = *v ? codes_cached(im->db, "@units", err) : NULL;
	int rc = *v && !units ? JY_EDB : JY_OK, i;
	for (i = 0; !rc && *v && i < im->nunits && strcmp(im->units[i].name, v); i++)
		;
	if (!rc && *v && i < im->nunits)
		im->units[i].rows++;    /* named by an earlier row */
	if (rc || !*v || codes_find(units, v) || i < im->nunits) {
		*skip = !rc && *v && i < im->nunits && !im->create_units;
		free(v);
		return rc;
	}
	if (im->nunits == im->capunits) {
		im->capunits = im->capunits ? 2 * im->capunits : 16;
		im->units = xrealloc(im->units, sizeof *im->units * (size_t)im->capunits);
	}
	im->units[im->nunits++] = (struct import_unit){ v, 1 };
	if (!im->create_units) {
		*skip = 1;
		return JY_OK;
	}
	struct jy_err e = { 0 };
	rc = unit_add(im->db, v, UNIT_COMMUNITY, NULL, NULL, NULL, &e);
	if (rc == JY_EINVAL) {
		importer_report(&im->in, row, resident_fields[RF_COMMUNITY].label, e.msg);
		*skip = 1;
		rc = JY_OK;
	} else if (rc) {
		*err = e;
	}
	return rc;
}

/* What an import into a database without units found: the communities its file names, with their
 * rows, one line each to the report. */
static void imp_units_said(struct import *im, int flags)
{
	if (!im->nunits || !im->in.report)
		return;
	char *head = xasprintf(!im->create_units
	                       ? _("%s: this database has no communities yet; the file names %d:")
	                       : (flags & IMPORT_DRY_RUN)
	                       ? _("%s: the import would create these %d communities:")
	                       : _("%s: the import created these %d communities:"),
	                       path_shown(im->in.path), im->nunits);
	im->in.report(im->in.arg, head);
	free(head);
	for (int i = 0; i < im->nunits; i++) {
		char *line = xasprintf(dngettext("jiuye", "  %s: %d row", "  %s: %d rows",
		                                 (unsigned long)im->units[i].rows),
		                       im->units[i].name, im->units[i].rows);
		im->in.report(im->in.arg, line);
		free(line);
	}
}

/* ---- 户号 and 与户主关系 ----------------------------------------------------------------------- */

/* A cell of a column that is no field, cleaned; NULL when blank or absent. Caller frees. */
static char *extra_cell(char **cell, int n, int col)
{
	if (!col)
		return NULL;
	const char *c = cell_at(cell, n, col - 1);
	if (c[0] == '\'' && c[1] && strchr(CSV_FORMULA_CHARS, c[1]))
		c++;            /* export's guard against formulas, taken off again */
	return text_is_blank(c) ? NULL : text_clean(c);
}

static void hh_report(struct import *im, int row, int col, const char *label, const char *msg)
{
	importer_report_cell(&im->in, row, col - 1, label, msg);
}

/* The cells alone: a 户号 of at most 20 columns, a relation from the list. JY_EDB when the list
 * cannot be read. */
static int imp_hh_cells(struct import *im, int row, char **cell, int n, struct imp_hh *hh,
                        struct jy_err *err)
{
	memset(hh, 0, sizeof *hh);
	hh->hh_no = extra_cell(cell, n, im->hh_col);
	char *rel = extra_cell(cell, n, im->rel_col);
	if (hh->hh_no && text_width(hh->hh_no) > 20)
		hh_report(im, row, im->hh_col, "户号", _("at most 20 columns"));
	if (rel || hh->hh_no) {
		struct jy_err e = { 0 };
		int rc = household_relation(im->db, rel, &hh->rel, &e);
		if (rc == JY_EDB) {
			free(rel);
			*err = e;
			return rc;
		}
		if (rc)
			hh_report(im, row, im->rel_col ? im->rel_col : im->hh_col, e.field, e.msg);
	}
	free(rel);
	return JY_OK;
}

static void imp_hh_free(struct imp_hh *hh)
{
	FREE(&hh->hh_no);
}

/* Her community as the row leaves it: the row's 社区, else the stored one (rid 0: none). */
static int imp_hh_community(struct import *im, char **cell, int n, int64_t rid, char code[32],
                            struct jy_err *err)
{
	code[0] = '\0';
	const char *c = im->has[RF_COMMUNITY] ? cell_at(cell, n, im->has[RF_COMMUNITY] - 1) : "";
	if (!text_is_blank(c)) {
		char *v = NULL;
		struct jy_err e = { 0 };
		int rc = resident_check_field(im->db, RF_COMMUNITY, c, &v, &e);
		if (rc == JY_OK && v)
			snprintf(code, 32, "%s", v);
		free(v);
		if (rc == JY_EDB)
			*err = e;
		return rc == JY_EDB ? rc : JY_OK;      /* a bad 社区 is the record's own error */
	}
	if (!rid)
		return JY_OK;
	sqlite3_stmt *st = db_prepare(im->db, "SELECT coalesce(community, '') FROM resident WHERE id = ?1",
	                              err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rid);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		db_col_copy(st, 0, code, 32);
	sqlite3_reset(st);
	return s == SQLITE_ROW || s == SQLITE_DONE ? JY_OK : db_fail(im->db, err, _("reading the registry"));
}

/* What the row's household cells ask of resident rid (0: the row registers her), each refusal of
 * household_link reported on its column before anything is saved. JY_EDB stops the import. */
static int imp_hh_plan(struct import *im, int row, char **cell, int n, int64_t rid,
                       struct imp_hh *hh, struct jy_err *err)
{
	int64_t now = 0;
	char now_rel[8] = "";
	int rc = rid ? household_member_now(im->db, rid, &now, now_rel, err) : JY_ENOTFOUND;
	if (rc != JY_OK && rc != JY_ENOTFOUND)
		return rc;
	if (!hh->hh_no) {
		if (hh->rel && (!now || strcmp(now_rel, hh->rel) != 0))
			hh_report(im, row, im->rel_col, "与户主关系",
			          _("give the 户号 of her household in the same row"));
		return JY_OK;
	}
	if ((rc = household_find_no(im->db, hh->hh_no, &hh->hid, err)) && rc != JY_ENOTFOUND)
		return rc;
	if (now && now == hh->hid) {
		if (strcmp(now_rel, hh->rel) != 0)
			hh_report(im, row, im->rel_col, "与户主关系",
			          _("she is a member of this household with another relation: unlink her "
			            "and link her again to change it (jiuye household unlink, link)"));
		return JY_OK;   /* where the row says she is already */
	}
	if (now) {
		struct household *o = NULL;
		struct jy_err e = { 0 };
		int lr = household_load(im->db, now, &o, &e);
		if (lr == JY_EDB) {
			*err = e;
			return lr;
		}
		char msg[256];
		snprintf(msg, sizeof msg, _("she is a member of household %s: unlink her from it first "
		                            "(jiuye household unlink)"), o ? o->hh_no : "?");
		household_free(&o);
		hh_report(im, row, im->hh_col, "户号", msg);
		return JY_OK;
	}
	if ((rc = imp_hh_community(im, cell, n, rid, hh->community, err)))
		return rc;
	if (!hh->community[0]) {
		if (!im->has[RF_COMMUNITY] || text_is_blank(cell_at(cell, n, im->has[RF_COMMUNITY] - 1)))
			hh_report(im, row, im->hh_col, "户号",
			          _("a household is of a community: give her 社区 in the same row"));
		return JY_OK;
	}
	struct jy_err e = { 0 };
	if (hh->hid) {
		struct household *h = NULL;
		rc = household_load(im->db, hh->hid, &h, &e);
		if (rc == JY_EDB) {
			*err = e;
			return rc;
		}
		if (rc == JY_OK && strcmp(h->community, hh->community) != 0)
			rc = err_set(&e, JY_EINVAL, "户号", _("household %s is of another community than "
			                                      "hers: check the 户号 and the 社区"), h->hh_no);
		if (rc == JY_OK)
			rc = access_check(im->db, OP_EDIT, h->community, &e);
		household_free(&h);
	} else {
		rc = access_check(im->db, OP_CREATE, hh->community, &e);
	}
	int head = 0;
	if (rc == JY_OK && hh->hid && strcmp(hh->rel, "1") == 0 &&
	    (rc = household_has_head(im->db, hh->hid, &head, &e)) == JY_OK && head)
		rc = err_set(&e, JY_EINVAL, "与户主关系", _("the household has a head already"));
	if (rc == JY_EDB) {
		*err = e;
		return rc;
	}
	if (rc)
		hh_report(im, row, strcmp(e.field, "与户主关系") == 0 ? im->rel_col : im->hh_col,
		          strcmp(e.field, "与户主关系") == 0 ? e.field : "户号", e.msg);
	else
		hh->apply = 1;
	return JY_OK;
}

/* The row's resident rid saved (r: the row's cells): her household recorded when new, where her
 * 地址 says, and she linked to it from day.
 * Checked beforehand (imp_hh_plan): any refusal now stops the import, nothing half-saved. */
static int imp_hh_apply(struct import *im, const struct resident *r, int64_t rid,
                        struct imp_hh *hh, const char *day, struct jy_err *err)
{
	int rc = resident_bulk_sync(im->bulk, err);
	if (!rc && !hh->hid) {
		struct household h = { .hh_no = hh->hh_no, .community = hh->community,
		                       .address = (char *)resident_get(r, RF_ADDRESS) };
		if (!(rc = household_add(im->db, &h, err))) {
			hh->hid = h.id;
			if (im->nhh_new == im->caphh_new) {
				im->caphh_new = im->caphh_new ? 2 * im->caphh_new : 16;
				im->hh_new = xrealloc(im->hh_new, sizeof *im->hh_new * (size_t)im->caphh_new);
			}
			im->hh_new[im->nhh_new++] = xstrdup(hh->hh_no);
		}
	}
	if (!rc)
		rc = household_link(im->db, hh->hid, rid, hh->rel, day, err);
	return rc;
}

/* The households the import recorded, in one line to the report (the first ten by number). */
static void imp_hh_said(struct import *im, int flags)
{
	if (!im->nhh_new || !im->in.report)
		return;
	struct jy_buf b = { 0 };
	for (int i = 0; i < im->nhh_new && i < 10; i++)
		buf_addf(&b, "%s%s", i ? ", " : "", im->hh_new[i]);
	if (im->nhh_new > 10)
		buf_adds(&b, ", …");
	char *line = xasprintf((flags & IMPORT_DRY_RUN)
	                       ? dngettext("jiuye", "%s: the import would record %d new household: %s",
	                                   "%s: the import would record %d new households: %s",
	                                   (unsigned long)im->nhh_new)
	                       : dngettext("jiuye", "%s: the import recorded %d new household: %s",
	                                   "%s: the import recorded %d new households: %s",
	                                   (unsigned long)im->nhh_new),
	                       path_shown(im->in.path), im->nhh_new, b.s);
	im->in.report(im->in.arg, line);
	free(line);
	buf_free(&b);
}

/* One data row: stored (added, updated, unchanged) or reported and rejected. Returns JY_OK, or
 * the code of a failure that stops the whole import (the database), with err set. */
static int imp_row(void *ctx, char **cell, int n, int row, struct import_result *res,
                   struct jy_err *err)
{
	struct import *im = ctx;
	struct resident *r = resident_new();
	char id[19] = "", birth[11], sex = 0;
	struct imp_hh hh = { 0 };
	int rc = JY_OK;

	im->in.problems = 0;
	int skip;
	if ((rc = imp_new_unit(im, cell, n, row, &skip, err)))
		goto out;
	if (skip)
		goto rejected;
	importer_stray_cells(&im->in, row, cell, n, resident_fields[RF_NAME].label);
	for (int f = 0; f < RF__COUNT; f++)
		if (resident_fields[f].kind != FK_DERIVED)
			r->v[f] = cell_value(im, cell, n, f);
	/* A masked phone (138****5678, from a clerk's list) is not a number: refused, also when it
	 * is the mask of the stored one, which a form's save keeps as it is (approval.c) and an
	 * import would have counted as unchanged. */
	for (int f = 0; f < RF__COUNT; f++) {
		if (resident_fields[f].kind != FK_PHONE || !mask_is_masked(r->v[f]))
			continue;
		importer_report(&im->in, row, resident_fields[f].label,
		                _("a partly hidden number (with *) cannot be imported: give the whole "
		                  "number, or leave the cell empty to keep the stored one"));
	}
	if (r->v[RF_IDNO] && idcard_parse(r->v[RF_IDNO], id, birth, &sex, NULL) == JY_OK) {
		int first = idseen_add(&im->seen, id, row);
		if (first) {
			char msg[256];
			snprintf(msg, sizeof msg, _("%s is also in row %d: one ID number is one resident; "
			                            "merge the two rows into one"), id, first);
			importer_report(&im->in, row, resident_fields[RF_IDNO].label, msg);
		}
		if ((rc = imp_derived(im, row, cell, n, birth, sex, err)))
			goto out;
	} else {
		id[0] = '\0';
	}
	if ((rc = imp_hh_cells(im, row, cell, n, &hh, err)))
		goto out;
	if (im->in.problems) {
		if ((rc = imp_explain(im, row, cell, n, NULL, err)))
			goto out;
		goto rejected;
	}
	struct jy_err e = { 0 };
	int64_t rid;
	int found = id[0] ? imp_find_idno(im, id, &rid, &e) : JY_ENOTFOUND;
	if (found != JY_OK && found != JY_ENOTFOUND) {
		rc = found;
		*err = e;
		goto out;
	}
	if ((hh.hh_no || hh.rel) &&
	    (rc = imp_hh_plan(im, row, cell, n, found == JY_OK ? rid : 0, &hh, err)))
		goto out;
	if (im->in.problems)
		goto rejected;
	int unchanged = res->unchanged;
	if (found == JY_OK) {
		rc = resident_bulk_sync(im->bulk, &e);
		if (rc == JY_OK)
			rc = imp_update(im, rid, r, row, res, &e);
	} else {
		/* looked up just above: the batch need not ask the registry again */
		rc = id[0] ? resident_bulk_add_new(im->bulk, r, &e) : resident_bulk_add(im->bulk, r, &e);
		if (rc == JY_OK)
			res->added++;
		rid = r->id;
	}
	if (rc == JY_EINVAL || rc == JY_EDUP || rc == JY_EPERM) {
		if ((rc = imp_explain(im, row, cell, n, &e, err)))
			goto out;
		goto rejected;
	}
	if (rc != JY_OK) {
		*err = e;
		goto out;
	}
	if (hh.apply) {
		/* a new resident from the day she registered, a known one from today */
		char today[11];
		date_today(today);
		const char *day = found == JY_OK || !*resident_get(r, RF_REGDATE)
		                  ? today : resident_get(r, RF_REGDATE);
		if ((rc = imp_hh_apply(im, r, rid, &hh, day, err)))
			goto out;
		if (res->unchanged > unchanged) {       /* her record was, her household not */
			res->unchanged--;
			res->updated++;
		}
	}
out:
	imp_hh_free(&hh);
	resident_free(&r);
	return rc;
rejected:
	res->rejected++;
	imp_hh_free(&hh);
	resident_free(&r);
	return JY_OK;
}

/* The whole file is one BEGIN IMMEDIATE transaction (resident_bulk_begin). */
static int imp_begin(void *ctx, struct jy_err *err)
{
	struct import *im = ctx;
	int rc = resident_bulk_begin(im->db, &im->bulk, err);
	if (rc)
		return rc;
	/* the largest id bounds the registry's size, and costs one step of its index */
	sqlite3_stmt *st = db_prepare(im->db, "SELECT max(id) FROM resident", err);
	int s = st ? sqlite3_step(st) : SQLITE_ERROR;
	if (s == SQLITE_ROW)
		im->max_id = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	if (s != SQLITE_ROW) {
		rc = st ? db_fail(im->db, err, _("reading the registry")) : JY_EDB;
		resident_bulk_abort(&im->bulk);
	}
	return rc;
}

static int imp_commit(void *ctx, struct jy_err *err)
{
	return resident_bulk_commit(&((struct import *)ctx)->bulk, err);
}

static void imp_rollback(void *ctx)
{
	resident_bulk_abort(&((struct import *)ctx)->bulk);
}

static const struct importer_ops imp_ops = { imp_accepted, imp_header, imp_begin, imp_row, imp_commit,
                                             imp_rollback };

int import_residents(struct jy_db *db, const char *path, const char *sheet, int flags,
                     void (*report)(void *arg, const char *line), void *arg,
                     struct import_result *res, struct jy_err *err)
{
	if (res)
		memset(res, 0, sizeof *res);
	int rc = access_check(db, OP_IMPORT, NULL, err);   /* statistics: one clear refusal */
	if (rc)
		return rc;
	struct import im = { .in = { .path = path, .sheet = sheet, .db = db, .report = report,
	                             .arg = arg },
	                     .db = db,
	                     .create_units = !!(flags & IMPORT_CREATE_UNITS) };
	int nunits = 0;
	if ((rc = unit_count(db, &nunits, err)))
		return rc;
	im.no_units = nunits == 0 && access_may(db, OP_ADMIN);
	if (im.create_units && (rc = access_check(db, OP_ADMIN, NULL, err)))
		return rc;
	if (im.create_units && nunits)
		return err_set(err, JY_EINVAL, "--create-units",
		               _("--create-units is for a database without units yet; this one has %d: "
		                 "add a missing community with jiuye unit add NAME --level community "
		                 "--parent STREET, then import"), nunits);
	rc = importer_run(&im.in, flags, &imp_ops, &im, res, err);
	if (rc == JY_OK || ((flags & IMPORT_DRY_RUN) && rc == JY_EINVAL))
		imp_hh_said(&im, flags);
	if (rc != JY_ECANCEL) {
		imp_units_said(&im, flags);
		if (res && report)
			res->units = im.nunits;
	}
	if (rc != JY_ECANCEL && im.nunits && !im.create_units && !(flags & IMPORT_SKIP_ERRORS))
		err_set(err, rc = JY_EINVAL, NULL,
		        _("%s: nothing was imported: create the %d communities with the import (jiuye "
		          "import residents FILE --create-units), or add them first with jiuye unit add"),
		        path_shown(path), im.nunits);
	for (int i = 0; i < im.nunits; i++)
		free(im.units[i].name);
	free(im.units);
	for (int i = 0; i < im.nhh_new; i++)
		free(im.hh_new[i]);
	free(im.hh_new);
	importer_free(&im.in);
	free(im.seen.slot);
	free(im.registered.slot);
	return rc;
}
