/* core/jobs/jobs_io.c: employers, job information and referrals from and to the CSV files offices keep
 * in Excel or WPS, with the promise of import.c (nothing lost by a bad file):
 *   - every bad cell of a row is reported as "FILE:ROW: 列名: what is wrong, what is accepted";
 *   - without IMPORT_SKIP_ERRORS one bad row means nothing is stored (one transaction; each row a
 *     savepoint, so a row refused half-way leaves nothing);
 *   - a record already there is updated, and an empty cell never overwrites a stored value;
 *   - IMPORT_DRY_RUN does everything and rolls it back, so its counts are exactly a real run's.
 * Cells go to the same checks as forms (jobrec_check_field, the referral rules): one rule, one
 * place. Exports write the importer's columns, labels for codes, through sheet.c (CSV with a BOM,
 * GBK or XLSX). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs/jobs_int.h"

/* ---- the columns of each file ----------------------------------------------------------------- */

enum { KIND_EMPLOYERS, KIND_JOBS, KIND_REFERRALS };

/* Referrals: the resident by her ID number (her name checked against the registry), the posting
 * by its code, and what came of it. */
enum { RIO_IDNO, RIO_NAME, RIO_POSTING, RIO_DATE, RIO_CONSENT, RIO_CHANNEL, RIO_STAGE, RIO_STAGE_ON,
       RIO_FORM, RIO_START, RIO_SUBSIDY, RIO_NOTE, RIO__COUNT };
static const struct field_def referral_io[RIO__COUNT] = {
	[RIO_IDNO] = { "id_no", "身份证号", "id_number", FK_IDNO, NULL, 18, FF_REQ | FF_CSV },
	[RIO_NAME] = { "name", "姓名", "name", FK_TEXT, NULL, 20, FF_CSV },
	[RIO_POSTING] = { "posting", "岗位编号", "posting_code", FK_TEXT, NULL, 24, FF_REQ | FF_CSV },
	[RIO_DATE] = { "referred_on", "推荐日期", "referred_on", FK_DATE, NULL, 10, FF_CSV },
	[RIO_CONSENT] = { "consent", "本人同意", "consent", FK_BOOL, NULL, 1, FF_REQ | FF_CSV },
	[RIO_CHANNEL] = { "channel", "推荐方式", "channel", FK_TEXT, NULL, 20, FF_CSV },
	[RIO_STAGE] = { "stage", "进展", "stage", FK_CODE, "ref_stage", 12, FF_CSV },
	[RIO_STAGE_ON] = { "stage_on", "进展日期", "stage_on", FK_DATE, NULL, 10, FF_CSV },
	[RIO_FORM] = { "form", "就业形式", "form", FK_CODE, "emp_form", 10, FF_CSV },
	[RIO_START] = { "start_date", "上岗日期", "start_date", FK_DATE, NULL, 10, FF_CSV },
	[RIO_SUBSIDY] = { "subsidy_end", "补贴截止", "subsidy_end", FK_DATE, NULL, 10, FF_CSV },
	[RIO_NOTE] = { "note", "备注", "note", FK_TEXT, NULL, 200, FF_CSV },
};

#define COLS_MAX 40

struct io {
	struct importer in;
	struct jy_db *db;
	int kind;
	struct field_def defs[COLS_MAX];        /* employers and jobs: [0] the code, then the fields */
	int ndefs;
	int has[COLS_MAX];      /* column index + 1 of each def present */
	int masked;             /* export of referrals: ID numbers masked (no OP_EXPORT_FULL) */
};

static void io_defs(struct io *io)
{
	if (io->kind == KIND_REFERRALS) {
		memcpy(io->defs, referral_io, sizeof referral_io);
		io->ndefs = RIO__COUNT;
		return;
	}
	int type = io->kind == KIND_EMPLOYERS ? JR_EMPLOYER : JR_POSTING, n;
	const struct field_def *f = jobrec_fields(type, &n);
	io->defs[0] = (struct field_def){ "code", type == JR_EMPLOYER ? "单位编号" : "岗位编号", "code",
	                                  FK_TEXT, NULL, 24, FF_CSV };
	for (int i = 0; i < n && i + 1 < COLS_MAX; i++)
		io->defs[i + 1] = f[i];
	io->ndefs = n + 1;
}

/* ---- the header ------------------------------------------------------------------------------ */

static void io_accepted(void *ctx, struct jy_buf *b)
{
	const struct io *io = ctx;
	importer_accepted(io->defs, io->ndefs, 0, b);
}

static int def_by_header(const void *ctx, const char *h)
{
	const struct io *io = ctx;
	return field_find_header(io->defs, io->ndefs, h);
}

static int io_header(void *ctx, char **cell, int n, struct jy_err *err)
{
	struct io *io = ctx;
	struct jy_buf acc = { 0 };
	io_accepted(io, &acc);
	const struct importer_columns c = { io->defs, def_by_header, io, io->has, 0, NULL };
	int rc = importer_header(&io->in, cell, n, &c, acc.s, err);
	for (int d = 0; !rc && d < io->ndefs; d++)
		if ((io->defs[d].flags & FF_REQ) && !io->has[d])
			rc = importer_missing(&io->in, io->defs[d].label, acc.s, err);
	buf_free(&acc);
	return rc;
}

/* ---- one row's cells ------------------------------------------------------------------------- */

/* Def d's cell of this row, as the checks take it; NULL when blank. Caller frees. */
static char *cell_value(const struct io *io, char **cell, int n, int d)
{
	if (!io->has[d] || io->has[d] - 1 >= n || text_is_blank(cell[io->has[d] - 1]))
		return NULL;
	const char *c = cell[io->has[d] - 1];
	const struct field_def *fd = &io->defs[d];
	if (fd->kind == FK_IDNO || fd->kind == FK_PHONE || strcmp(fd->col, "credit_code") == 0)
		return csv_unwrap_number(c);
	if (c[0] == '\'' && c[1] && strchr(CSV_FORMULA_CHARS, c[1]))
		return xstrdup(c + 1);  /* the export's guard against formulas, taken off again */
	return text_clean(c);
}

static void seen_twice(struct io *io, int row, const char *label, const char *key, int first)
{
	char msg[256];
	snprintf(msg, sizeof msg, _("%s is also in row %d: one record, one row; merge the two rows"), key, first);
	importer_report(&io->in, row, label, msg);
}

/* ---- employers and job information ----------------------------------------------------------- */

/* The ids of the employers whose column (credit_code, name) is text: *id the last, *n how many. */
static int employers_by(struct io *io, const char *sql, const char *text, int64_t *id, int *n,
                        struct jy_err *err)
{
	*n = 0;
	sqlite3_stmt *st = db_prepare(io->db, sql, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		(*n)++;
	}
	sqlite3_reset(st);
	return s == SQLITE_DONE ? JY_OK : db_fail(io->db, err, _("reading the employers"));
}

/* The record this row means into *id (0: a new one): by code, else (employers) by credit code,
 * else by exact name. */
static int rec_existing(struct io *io, int type, char **v, int64_t *id, struct jy_err *err)
{
	int n = 0, rc = v[0] ? jobrec_find_code(io->db, type, v[0], id, err) : JY_ENOTFOUND;
	if (rc != JY_ENOTFOUND)
		return rc;
	*id = 0;
	if (type != JR_EMPLOYER)
		return JY_OK;
	char credit[19];
	if (v[1 + EMP_CREDIT] && credit_code_parse(v[1 + EMP_CREDIT], credit, NULL) == JY_OK &&
	    (rc = employers_by(io, "SELECT id FROM employer WHERE credit_code = ?1", credit, id, &n,
	                       err)))
		return rc;
	if (n)
		return JY_OK;
	if (v[1 + EMP_NAME] && (rc = employers_by(io, "SELECT id FROM employer WHERE name = ?1",
	                                          v[1 + EMP_NAME], id, &n, err)))
		return rc;
	if (n != 1)
		*id = 0;        /* several of that name: a new record, the file did not say which */
	return JY_OK;
}

/* Each cell on its own, by the record's rules, each bad one reported; JY_EDB (err set) when the
 * database failed. */
static int rec_cells(struct io *io, int type, int row, char **v, struct jy_err *err)
{
	for (int d = 1; d < io->ndefs; d++) {
		if (!v[d])
			continue;
		char *out = NULL;
		struct jy_err e = { 0 };
		int rc = jobrec_check_field(io->db, type, d - 1, v[d], &out, &e);
		free(out);
		if (rc == JY_EDB) {
			*err = e;
			return rc;
		}
		if (rc)
			importer_report(&io->in, row, e.field[0] ? e.field : io->defs[d].label,
			                e.msg);
	}
	return JY_OK;
}

static int rec_row(struct io *io, char **v, int row, struct import_result *res, struct jy_err *err)
{
	int type = io->kind == KIND_EMPLOYERS ? JR_EMPLOYER : JR_POSTING;
	/* the same record twice in one file */
	const char *key = v[0] ? v[0] : type == JR_EMPLOYER ? v[1 + EMP_CREDIT] : NULL;
	if (key) {
		int first = importer_seen(&io->in, key, row);
		if (first)
			seen_twice(io, row, io->defs[v[0] ? 0 : 1 + EMP_CREDIT].label, key, first);
	}
	int64_t id = 0;
	struct jobrec *r = NULL;
	struct jy_err e = { 0 };
	int rc = rec_cells(io, type, row, v, err);
	if (!rc && io->in.problems)
		return JY_EINVAL;
	if (!rc)
		rc = rec_existing(io, type, v, &id, err);
	if (rc)
		return rc;
	if (id) {
		if ((rc = jobrec_load(io->db, type, id, &r, &e)))
			goto out;
	} else {
		r = jobrec_new(type);
		if (v[0])
			snprintf(r->code, sizeof r->code, "%s", v[0]);     /* kept when free */
	}
	for (int d = 1; d < io->ndefs; d++)
		if (v[d])
			jobrec_set(r, d - 1, v[d]);
	int64_t version = r->version;
	rc = jobrec_save(io->db, r, &e);
	if (!rc)
		importer_count(res, id != 0, version, r->version);
out:
	jobrec_free(&r);
	if (rc == JY_EINVAL || rc == JY_EDUP || rc == JY_ECONFLICT || rc == JY_EPERM) {
		importer_report(&io->in, row, e.field, e.msg);
		return JY_EINVAL;
	}
	if (rc)
		*err = e;
	return rc;
}

/* ---- referrals ------------------------------------------------------------------------------ */

/* Each cell on its own, each bad one reported; JY_EDB (err set) when the database failed. */
static int ref_cells(struct io *io, int row, char **v, struct jy_err *err)
{
	for (int d = 0; d < io->ndefs; d++) {
		if (!v[d])
			continue;
		char *out = NULL;
		struct jy_err e = { 0 };
		int rc = field_check_value(io->db, &io->defs[d], v[d], &out, &e);
		if (rc == JY_EDB) {
			*err = e;
			return rc;
		}
		if (rc)
			importer_report(&io->in, row, io->defs[d].label, e.msg);
		else
			xstrset(&v[d], out);
		free(out);
	}
	return JY_OK;
}

/* Who and where: the resident by ID number (the name, when given, must be hers), the posting by
 * code. JY_EINVAL when the row is reported; JY_EDB (err set) when the database failed. */
static int ref_parties(struct io *io, int row, char **v, int64_t *rid, int64_t *pid,
                       struct jy_err *err)
{
	char msg[256];
	struct jy_err fe = { 0 };
	int rc = resident_find_idno_in_scope(io->db, v[RIO_IDNO], OP_EDIT, rid, &fe);
	if (rc == JY_ENOTFOUND || rc == JY_EPERM) {
		importer_report(&io->in, row, io->defs[RIO_IDNO].label, fe.msg);
		return JY_EINVAL;
	}
	if (rc) {
		if (err)
			*err = fe;
		return rc;
	}
	if (v[RIO_NAME]) {
		struct resident *r = NULL;
		struct jy_err e = { 0 };
		/* out of her communities (JY_EPERM): the referral itself is refused, saying so */
		if ((rc = resident_load(io->db, *rid, &r, &e)) == JY_EDB) {
			*err = e;
			return rc;
		}
		if (!rc && strcmp(resident_get(r, RF_NAME), v[RIO_NAME]) != 0) {
			snprintf(msg, sizeof msg, _("\"%s\" is not the name registered with this ID number (%s): check both"),
			         v[RIO_NAME], resident_get(r, RF_NAME));
			importer_report(&io->in, row, io->defs[RIO_NAME].label, msg);
		}
		resident_free(&r);
		if (io->in.problems)
			return JY_EINVAL;
	}
	rc = jobrec_find_code(io->db, JR_POSTING, v[RIO_POSTING], pid, err);
	if (rc == JY_ENOTFOUND) {
		snprintf(msg, sizeof msg, _("no posting %s: use the code of the job information (J-001 ...)"), v[RIO_POSTING]);
		importer_report(&io->in, row, io->defs[RIO_POSTING].label, msg);
		return JY_EINVAL;
	}
	return rc;
}

static int ref_store(struct io *io, char **v, int64_t rid, int64_t pid, struct import_result *res,
                     struct jy_err *e)
{
	int64_t id = 0;
	int added = 0, rc;
	struct referral *r = NULL;
	rc = referral_find(io->db, rid, pid, &id, e);
	if (rc != JY_OK && rc != JY_ENOTFOUND)
		return rc;
	if (rc == JY_ENOTFOUND) {
		r = referral_new();
		r->resident_id = rid;
		r->posting_id = pid;
		r->consent = v[RIO_CONSENT] && strcmp(v[RIO_CONSENT], "1") == 0;
		r->referred_on = xstrdup(v[RIO_DATE]);
		r->note = xstrdup(v[RIO_NOTE]);
		r->channel = xstrdup(v[RIO_CHANNEL]);
		if ((rc = referral_add(io->db, r, e))) {
			referral_free(&r);
			return rc;
		}
		id = r->id;
		added = 1;
		referral_free(&r);
	}
	if ((rc = referral_load(io->db, id, &r, e)))
		return rc;
	const char *to = v[RIO_STAGE];
	if (to && strcmp(to, r->stage) != 0 && strcmp(to, "referred") != 0) {
		struct hire h = { .form = v[RIO_FORM], .start = v[RIO_START], .subsidy_end = v[RIO_SUBSIDY] };
		const char *date = v[RIO_STAGE_ON] ? v[RIO_STAGE_ON] : v[RIO_DATE];
		/* 录用 straight from 已推荐 is allowed; a file that went through 面试 says so in its row */
		rc = referral_advance(io->db, r, to, date, added ? NULL : v[RIO_NOTE], &h, e);
		if (!rc && !added)
			res->updated++;
	} else if (to && strcmp(to, "referred") == 0 && strcmp(r->stage, "referred") != 0) {
		/* for a refusal's message: the code stands in when the labels are unreadable */
		const char *l = codes_label(codes_cached(io->db, "ref_stage", NULL), r->stage);
		rc = err_set(e, JY_EINVAL, "进展", _("the referral is at %s already; a file cannot take it back"),
		             l ? l : r->stage);
	} else if (!added) {
		res->unchanged++;
	}
	if (!rc && added)
		res->added++;
	referral_free(&r);
	return rc;
}

static int ref_row(struct io *io, char **v, int row, struct import_result *res, struct jy_err *err)
{
	if (v[RIO_IDNO] && v[RIO_POSTING]) {
		char *key = xasprintf("%s %s", v[RIO_IDNO], v[RIO_POSTING]);
		int first = importer_seen(&io->in, key, row);
		if (first)
			seen_twice(io, row, io->defs[RIO_POSTING].label, key, first);
		free(key);
	}
	int64_t rid, pid;
	int rc = ref_cells(io, row, v, err);
	if (!rc && io->in.problems)
		return JY_EINVAL;
	if (!rc)
		rc = ref_parties(io, row, v, &rid, &pid, err);
	if (rc)
		return rc;
	struct jy_err e = { 0 };
	rc = ref_store(io, v, rid, pid, res, &e);
	if (rc == JY_EINVAL || rc == JY_EDUP || rc == JY_ECONFLICT || rc == JY_ENOTFOUND || rc == JY_EPERM) {
		importer_report(&io->in, row, e.field, e.msg);
		return JY_EINVAL;
	}
	if (rc)
		*err = e;
	return rc;
}

/* ---- the file -------------------------------------------------------------------------------- */

/* One data row in its own savepoint: stored, or reported and left without a trace. */
static int io_row(void *ctx, char **cell, int n, int row, struct import_result *res,
                  struct jy_err *err)
{
	struct io *io = ctx;
	char *v[COLS_MAX] = { 0 };
	io->in.problems = 0;
	importer_stray_cells(&io->in, row, cell, n, io->defs[0].label);
	for (int d = 0; d < io->ndefs; d++)
		v[d] = cell_value(io, cell, n, d);
	int rc = db_begin(io->db, err);
	if (!rc) {
		rc = io->kind == KIND_REFERRALS ? ref_row(io, v, row, res, err) : rec_row(io, v, row, res, err);
		if (rc || io->in.problems)
			db_rollback(io->db);
		else
			rc = db_commit(io->db, err);
	}
	for (int d = 0; d < io->ndefs; d++)
		free(v[d]);
	if (rc == JY_EINVAL || (!rc && io->in.problems)) {
		res->rejected++;
		return JY_OK;
	}
	return rc;
}

static const struct importer_ops io_ops = {
	io_accepted, io_header, importer_tx_begin, io_row, importer_tx_commit, importer_tx_rollback
};

static int io_import(struct jy_db *db, int kind, const char *path, const char *sheet, int flags,
                     void (*report)(void *arg, const char *line), void *arg,
                     struct import_result *res, struct jy_err *err)
{
	struct io io = { .in = { .path = path, .sheet = sheet, .db = db, .report = report,
	                         .arg = arg },
	                 .db = db, .kind = kind };
	io_defs(&io);
	int rc = importer_run(&io.in, flags, &io_ops, &io, res, err);
	importer_free(&io.in);
	return rc;
}

int import_employers(struct jy_db *db, const char *path, const char *sheet, int flags,
                     void (*report)(void *arg, const char *line), void *arg,
                     struct import_result *res, struct jy_err *err)
{
	return io_import(db, KIND_EMPLOYERS, path, sheet, flags, report, arg, res, err);
}

int import_jobs(struct jy_db *db, const char *path, const char *sheet, int flags,
                void (*report)(void *arg, const char *line), void *arg,
                struct import_result *res, struct jy_err *err)
{
	return io_import(db, KIND_JOBS, path, sheet, flags, report, arg, res, err);
}

int import_referrals(struct jy_db *db, const char *path, const char *sheet, int flags,
                     void (*report)(void *arg, const char *line), void *arg,
                     struct import_result *res, struct jy_err *err)
{
	return io_import(db, KIND_REFERRALS, path, sheet, flags, report, arg, res, err);
}

/* ---- exports ----------------------------------------------------------------------------------- */

static int write_recs(void *ctx, struct sheet *sh, struct jy_err *err)
{
	struct io *io = ctx;
	struct jy_db *db = io->db;
	int type = io->kind == KIND_EMPLOYERS ? JR_EMPLOYER : JR_POSTING;
	sqlite3_stmt *st = db_prepare(db, type == JR_EMPLOYER ? "SELECT id FROM employer WHERE closed_at IS NULL ORDER BY id"
	                                                      : "SELECT id FROM posting ORDER BY id", err);
	if (!st)
		return JY_EDB;
	int64_t *ids = NULL;
	int n = 0, cap = 0, s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap)
			ids = xrealloc(ids, sizeof *ids * (size_t)(cap = cap ? cap * 2 : 64));
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	int rc = s == SQLITE_DONE ? JY_OK
	         : db_fail(db, err, type == JR_EMPLOYER ? _("reading the employers") : _("reading the postings"));
	char *v[COLS_MAX];
	for (int i = 0; i < n && !rc; i++) {
		struct jobrec *r = NULL;
		if ((rc = jobrec_load(db, type, ids[i], &r, err)))
			break;
		v[0] = xstrdup(r->code);
		/* the stored status, not the one as of today: the file imports back as it was */
		for (int d = 1; d < io->ndefs; d++)
			if (field_show(db, &io->defs[d], r->v[d - 1], &v[d], err))
				rc = JY_EDB;
		if (!rc)
			rc = sheet_row(sh, (const char *const *)v, err);
		for (int d = 0; d < io->ndefs; d++)
			free(v[d]);
		jobrec_free(&r);
	}
	free(ids);
	return rc;
}

static int write_referrals(void *ctx, struct sheet *sh, struct jy_err *err)
{
	struct io *io = ctx;
	struct jy_db *db = io->db;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT res.id_no, res.name, p.code, r.referred_on, r.consent, r.channel, r.stage, r.stage_on, "
		"pl.form, pl.start_date, pl.subsidy_end, r.note FROM referral r "
		"JOIN resident res ON res.id = r.resident_id JOIN posting p ON p.id = r.posting_id "
		"LEFT JOIN placement pl ON pl.referral_id = r.id WHERE jy_in_scope(res.community) "
		"ORDER BY r.id", err);
	if (!st)
		return JY_EDB;
	char *v[RIO__COUNT], m[64];
	int s, rc = JY_OK;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		for (int d = 0; d < RIO__COUNT; d++) {
			const char *cell = (const char *)sqlite3_column_text(st, d);
			if (d == RIO_IDNO && io->masked && cell) {
				export_mask(FK_IDNO, cell, m, sizeof m);
				cell = m;
			}
			if (field_show(db, &io->defs[d], cell, &v[d], err))
				rc = JY_EDB;
		}
		if (!rc)
			rc = sheet_row(sh, (const char *const *)v, err);
		for (int d = 0; d < RIO__COUNT; d++)
			free(v[d]);
		if (rc)
			break;
	}
	sqlite3_reset(st);
	if (!rc && s != SQLITE_DONE)
		rc = db_fail(db, err, _("reading the referrals"));
	return rc;
}

/* Referrals are a file of people (export.c: OP_EXPORT, a purpose, the worker's communities, the
 * notice line, ID numbers masked without OP_EXPORT_FULL); employers and postings are not. */
static int io_export(struct jy_db *db, int kind, const char *path, int format, const char *purpose,
                     int *rows, struct jy_err *err)
{
	static const char *const names[] = { "用人单位", "岗位信息", "推荐记录" };
	struct io io = { .db = db, .kind = kind };
	char *notice = NULL;
	if (rows)
		*rows = 0;
	if (kind == KIND_REFERRALS) {
		int full, rc = export_people_begin(db, purpose, &full, &notice, err);
		if (rc)
			return rc;
		io.masked = !full;
	}
	io_defs(&io);
	struct sheet_col cols[COLS_MAX];
	int n = sheet_cols_of_fields(io.defs, io.ndefs, 0, cols);
	int rc = sheet_export_noted(path, format, notice, names[kind], cols, n,
	                            kind == KIND_REFERRALS ? write_referrals : write_recs, &io, rows, err);
	free(notice);
	return rc;
}

int export_employers(struct jy_db *db, const char *path, int format, int *rows, struct jy_err *err)
{
	return io_export(db, KIND_EMPLOYERS, path, format, NULL, rows, err);
}

int export_jobs(struct jy_db *db, const char *path, int format, int *rows, struct jy_err *err)
{
	return io_export(db, KIND_JOBS, path, format, NULL, rows, err);
}

int export_referrals(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                     struct jy_err *err)
{
	return io_export(db, KIND_REFERRALS, path, format, purpose, rows, err);
}

/* ---- templates: the importer's columns, empty ----------------------------------------------- */

static int io_template(struct jy_db *db, int kind, const char *path, struct jy_err *err)
{
	static const char *const names[] = { "用人单位", "岗位信息", "推荐记录" };
	struct io io = { .db = db, .kind = kind };
	io_defs(&io);
	const struct field_def *defs[COLS_MAX];
	for (int d = 0; d < io.ndefs; d++)
		defs[d] = &io.defs[d];
	return sheet_template(db, path, names[kind], defs, io.ndefs, err);
}

int template_employers(struct jy_db *db, const char *path, struct jy_err *err)
{
	return io_template(db, KIND_EMPLOYERS, path, err);
}

int template_jobs(struct jy_db *db, const char *path, struct jy_err *err)
{
	return io_template(db, KIND_JOBS, path, err);
}

int template_referrals(struct jy_db *db, const char *path, struct jy_err *err)
{
	return io_template(db, KIND_REFERRALS, path, err);
}
