/* core/casework/event_io.c: events from the office's sheets of activities (活动台账) kept in Excel
 * or WPS, and events to a file, with the registry's import rules:
 *   - every bad cell is reported as "FILE:ROW: 列名: what is wrong, what is accepted", ROW as the
 *     spreadsheet shows it; without IMPORT_SKIP_ERRORS one bad row means nothing is stored;
 *   - an event whose 活动编号 is stored is updated, an empty cell never overwrites; a new one gets
 *     the next number of its year, as event_save numbers one;
 *   - IMPORT_DRY_RUN does everything inside the transaction and rolls it back.
 * The residents who came are named in jiuye, one by one, never taken from a cell: an exported
 * file's 登记参加人数 and 其中女性 are read past. An event file names no one, so it is no file of
 * people: no purpose, nothing masked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "casework/casework_int.h"

#define COL_NAMED "登记参加人数"
#define COL_WOMEN "其中女性"

struct eio {
	struct importer in;
	struct jy_db *db;
	int has[EVF__COUNT];    /* column index + 1 of each field */
	int extra[2];           /* the columns of 登记参加人数 and 其中女性 (-1: none), read past */
};

static void eio_accepted(void *ctx, struct jy_buf *b)
{
	(void)ctx;
	importer_accepted(event_fields, EVF__COUNT, FF_CSV, b);
}

static int eio_extra(const char *h)
{
	return strcmp(h, COL_NAMED) == 0 || strcmp(h, COL_WOMEN) == 0 || strcasecmp(h, "named") == 0 ||
	       strcasecmp(h, "women") == 0;
}

static int eio_find(const void *ctx, const char *h)
{
	(void)ctx;
	return field_find_header(event_fields, EVF__COUNT, h);
}

static int eio_header(void *ctx, char **cell, int n, struct jy_err *err)
{
	struct eio *t = ctx;
	struct jy_buf acc = { 0 };
	eio_accepted(t, &acc);
	/* the extra columns, blanked for the header reader, which knows only the field table */
	char **cells = xcalloc((size_t)n + 1, sizeof *cells);
	int k = 0;
	t->extra[0] = t->extra[1] = -1;
	for (int i = 0; i < n; i++) {
		char *h = text_clean(cell[i]);
		int extra = eio_extra(h) && k < 2;
		if (extra)
			t->extra[k++] = i;
		cells[i] = xstrdup(extra ? "" : cell[i]);
		free(h);
	}
	const struct importer_columns c = { event_fields, eio_find, NULL, t->has, IMPORTER_DATA_DATE, NULL };
	int rc = importer_header(&t->in, cells, n, &c, acc.s, err);
	for (int i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
	int finds = t->has[EVF_NO];
	for (int f = 0; !rc && !finds && f < EVF__COUNT; f++)
		if ((event_fields[f].flags & FF_REQ) && !t->has[f])
			rc = importer_missing(&t->in, event_fields[f].label, acc.s, err);
	buf_free(&acc);
	return rc;
}

static int eio_store(struct eio *t, char **vals, struct import_result *res, struct jy_err *err)
{
	struct event *e = NULL;
	int64_t id;
	int rc = vals[EVF_NO] ? event_find_no(t->db, vals[EVF_NO], &id, err) : JY_ENOTFOUND;
	if (rc == JY_OK)
		rc = event_load(t->db, id, &e, err);
	else if (rc == JY_ENOTFOUND)
		rc = (e = event_new()) ? JY_OK : JY_EDB;
	if (rc)
		return rc;
	for (int f = 0; f < EVF__COUNT; f++)
		if (vals[f])
			event_set(e, f, vals[f]);       /* an empty cell keeps what is stored */
	int64_t version = e->version;
	int existed = e->id != 0;
	rc = event_save(t->db, e, err);
	if (rc == JY_OK)
		importer_count(res, existed, version, e->version);
	event_free(&e);
	return rc;
}

static int eio_row(void *ctx, char **cell, int n, int row, struct import_result *res,
                   struct jy_err *err)
{
	struct eio *t = ctx;
	char *vals[EVF__COUNT] = { 0 };
	t->in.problems = 0;
	for (int k = 0; k < 2; k++)
		if (t->extra[k] >= 0 && t->extra[k] < n)
			cell[t->extra[k]][0] = '\0';      /* the residents are never taken from a cell */
	importer_stray_cells(&t->in, row, cell, n, event_fields[EVF_TYPE].label);
	for (int f = 0; f < EVF__COUNT; f++) {
		if (!t->has[f])
			continue;
		int i = t->has[f] - 1;
		const char *c = i < n ? cell[i] : "";
		if (text_is_blank(c))
			continue;
		struct jy_err e = { 0 };
		if (casework_check_field(t->db, &event_fields[f], c, &vals[f], &e) != JY_OK)
			importer_report(&t->in, row, e.field[0] ? e.field : event_fields[f].label, e.msg);
	}
	if (!t->in.problems)
		importer_once(&t->in, row, vals[EVF_NO], event_fields[EVF_NO].label);
	int rc = JY_OK;
	if (!t->in.problems) {
		struct jy_err e = { 0 };
		rc = importer_stored(&t->in, row, eio_store(t, vals, res, &e), &e, err);
	}
	if (t->in.problems)
		res->rejected++;
	field_values_free(vals, EVF__COUNT);
	return rc;
}

static const struct importer_ops eio_ops = {
	eio_accepted, eio_header, importer_tx_begin, eio_row, importer_tx_commit, importer_tx_rollback
};

int import_events(struct jy_db *db, const char *path, const char *sheet, int flags,
                  void (*report)(void *arg, const char *line), void *arg,
                  struct import_result *res, struct jy_err *err)
{
	int rc = access_check(db, OP_IMPORT, NULL, err);
	if (rc)
		return rc;
	struct eio t = { .in = { .path = path, .sheet = sheet, .db = db, .report = report,
	                         .arg = arg }, .db = db };
	rc = importer_run(&t.in, flags, &eio_ops, &t, res, err);
	importer_free(&t.in);
	return rc;
}

/* ---- export ------------------------------------------------------------------------------------ */

struct eout {
	struct jy_db *db;
};

static int write_event(struct jy_db *db, const struct event_row *r, struct sheet *sh, struct jy_err *err)
{
	struct event *e = NULL;
	int rc = event_load(db, r->id, &e, err);
	char *cells[EVF__COUNT + 2] = { 0 };
	for (int f = 0; !rc && f < EVF__COUNT; f++) {
		struct unit_row u;
		/* the community by its name, as an import takes it back */
		if (f == EVF_COMMUNITY && e->v[f] && unit_get(db, e->v[f], &u, NULL) == JY_OK)
			cells[f] = xstrdup(u.name);
		else
			rc = field_show(db, &event_fields[f], e->v[f], &cells[f], err);
	}
	cells[EVF__COUNT] = xasprintf("%d", r->attendees);
	cells[EVF__COUNT + 1] = xasprintf("%d", r->women);
	if (!rc)
		rc = sheet_row(sh, (const char *const *)cells, err);
	for (int f = 0; f < EVF__COUNT + 2; f++)
		free(cells[f]);
	event_free(&e);
	return rc;
}

static int write_events(void *ctx, struct sheet *sh, struct jy_err *err)
{
	struct eout *o = ctx;
	struct event_row *rows = NULL;
	int n = 0;
	int rc = event_search(o->db, NULL, &rows, &n, err);
	/* oldest first, as the sheets are kept */
	for (int i = n - 1; !rc && i >= 0; i--)
		rc = write_event(o->db, &rows[i], sh, err);
	free(rows);
	return rc;
}

int export_events(struct jy_db *db, const char *path, int format, int *rows, struct jy_err *err)
{
	if (rows)
		*rows = 0;
	int rc = access_check(db, OP_EXPORT, NULL, err);
	if (rc)
		return rc;
	struct eout out = { db };
	struct sheet_col cols[EVF__COUNT + 2];
	int n = sheet_cols_of_fields(event_fields, EVF__COUNT, FF_CSV, cols);
	cols[n] = cols[EVF_COPIES];
	cols[n].label = COL_NAMED;
	cols[n + 1] = cols[EVF_COPIES];
	cols[n + 1].label = COL_WOMEN;
	return sheet_export(path, format, "活动", cols, n + 2, write_events, &out, rows, err);
}

int template_events(struct jy_db *db, const char *path, struct jy_err *err)
{
	const struct field_def *defs[EVF__COUNT];
	int n = 0;
	for (int f = 0; f < EVF__COUNT; f++)
		if (event_fields[f].flags & FF_CSV)
			defs[n++] = &event_fields[f];
	return sheet_template(db, path, "活动", defs, n, err);
}
