/* core/report/target.c: the year's targets (年度目标) and the figures counted against them.
 *
 * A target is set by an administrator or a statistician for a year, an indicator (named by its
 * code in the report table, so an indicator added to the table can have one without a word here)
 * and a unit: the whole database (the county) or one unit of any level. A street's target is not
 * split among its communities, and a community's targets need not add up to the street's.
 *
 * Everything is whole numbers: a rate target in hundredths of a percent (85.50% is 8550), its
 * figure rounded to the same, and 完成率 and 超/差 in hundredths of a percent of the target,
 * rounded half away from zero, as the sources print them ("超目标值3.38%"). A rate compares in
 * percentage points: its 超/差 is the difference of the two rates, and it has no 完成率 (a rate of
 * a rate says nothing a worker reports). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/report.h"
#include "store/sql.h"

int report_ind_find(const char *code)
{
	if (!code)
		return -1;
	for (int i = 0; i < report_ninds; i++)
		if (strcasecmp(report_inds[i].code, code) == 0)
			return i;
	return -1;
}

int report_ind_rate(int i)
{
	return i >= 0 && i < report_ninds && strcmp(report_inds[i].unit, "%") == 0;
}

/* a / b rounded half away from zero; b > 0. */
static int64_t div_round(int64_t a, int64_t b)
{
	return a >= 0 ? (2 * a + b) / (2 * b) : -((-2 * a + b) / (2 * b));
}

/* ---- values ------------------------------------------------------------------------------------- */

/* Digits with at most `decimals` places after a point ("85", "85.5", "85.50"), as a number scaled
 * by 10^decimals; a trailing % is taken for a rate. 0 when text is not such a number. */
static int scaled_parse(const char *text, int decimals, int pct, int64_t *out)
{
	const char *s = text;
	int64_t v = 0;
	int digits = 0, after = -1;
	while (*s == ' ')
		s++;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (after >= 0 && ++after > decimals)
				return 0;
			if (v > INT64_MAX / 100)
				return 0;
			v = v * 10 + (*s - '0');
			digits++;
		} else if (*s == '.' && after < 0 && decimals > 0) {
			after = 0;
		} else {
			break;
		}
	}
	if (pct && *s == '%')
		s++;
	else if (pct && strncmp(s, "％", 3) == 0)
		s += 3;
	while (*s == ' ')
		s++;
	if (!digits || *s || v > 1000000000)
		return 0;
	for (int k = after < 0 ? 0 : after; k < decimals; k++)
		v *= 10;
	*out = v;
	return 1;
}

int target_value_parse(int i, const char *text, int64_t *out, struct jy_err *err)
{
	const char *field = _("target");
	if (i < 0 || i >= report_ninds)
		return err_set(err, JY_EINVAL, field, "%s", _("no such indicator"));
	if (report_ind_rate(i)) {
		if (!text || !scaled_parse(text, 2, 1, out) || *out > 10000)
			return err_set(err, JY_EINVAL, field,
			               _("\"%s\" is not a rate: a percentage from 0 to 100 with at most two "
			                 "decimals (e.g. 85 or 85.5%%)"), text ? text : "");
		return JY_OK;
	}
	if (!text || !scaled_parse(text, 0, 0, out))
		return err_set(err, JY_EINVAL, field,
		               _("\"%s\" is not a count: a whole number from 0 (e.g. 120)"),
		               text ? text : "");
	return JY_OK;
}

/* Hundredths as "85.50"; sign: "+" before a positive value. */
static void hundredths_text(int64_t v, int sign, char *out, size_t size)
{
	const char *s = v < 0 ? "-" : sign && v > 0 ? "+" : "";
	int64_t a = v < 0 ? -v : v;
	snprintf(out, size, "%s%lld.%02lld", s, (long long)(a / 100), (long long)(a % 100));
}

void target_value_text(int i, int64_t v, char out[32])
{
	if (report_ind_rate(i)) {
		hundredths_text(v, 0, out, 32);
		strcat(out, "%");
	} else {
		snprintf(out, 32, "%lld", (long long)v);
	}
}

int target_compare(int i, int64_t target, const struct report_value *done, struct target_cmp *out)
{
	memset(out, 0, sizeof *out);
	out->target = target;
	out->pct = out->over = -1;
	if (done->na)
		return 0;
	if (report_ind_rate(i)) {
		if (done->den <= 0)
			return 0;
		out->done = div_round(done->num * 10000, done->den);
		out->diff = out->done - target;         /* percentage points, in hundredths */
		out->has_over = 1;
		out->over = out->diff;
		return 1;
	}
	out->done = done->num;
	out->diff = done->num - target;
	if (target > 0) {
		out->pct = div_round(done->num * 10000, target);
		out->over = div_round(out->diff * 10000, target);
		out->has_over = 1;
	}
	return 1;
}

void target_cmp_text(int i, const struct target_cmp *c, char done[32], char pct[32], char diff[32],
                     char over[32])
{
	if (report_ind_rate(i)) {
		target_value_text(i, c->done, done);
		snprintf(pct, 32, "-");
		hundredths_text(c->diff, 1, diff, 32);
		snprintf(over, 32, "%s", diff);         /* the same difference, in points */
		return;
	}
	snprintf(done, 32, "%lld", (long long)c->done);
	snprintf(diff, 32, c->diff > 0 ? "+%lld" : "%lld", (long long)c->diff);
	if (c->pct < 0) {
		snprintf(pct, 32, "-");
		snprintf(over, 32, "-");
		return;
	}
	hundredths_text(c->pct, 0, pct, 32);
	strcat(pct, "%");
	hundredths_text(c->over, 1, over, 32);
	strcat(over, "%");
}

/* ---- the year around a period ------------------------------------------------------------------ */

/* The year a period counts in: the year of its last day (the 人社 month 2025-12-21..2026-01-20
 * is the first of 2026). */
int period_target_year(const struct period *p)
{
	return atoi(p->to);
}

/* The first day of p's year: 1 January, or for the 人社 statistical months 21 December of the
 * year before (their year is twelve such months). */
static void year_start(const struct period *p, char out[11])
{
	unsigned y = (unsigned)period_target_year(p) % 10000u;
	if (p->kind == PERIOD_STAT_MONTH)
		snprintf(out, 11, "%04u-12-21", (y + 9999u) % 10000u);
	else
		snprintf(out, 11, "%04u-01-01", y);
}

int period_year_to_date(const struct period *p, struct period *out)
{
	if (p->kind == PERIOD_RANGE || p->kind == PERIOD_YEAR)
		return 0;
	memset(out, 0, sizeof *out);
	out->kind = PERIOD_RANGE;
	year_start(p, out->from);
	memcpy(out->to, p->to, 11);
	snprintf(out->label, sizeof out->label, "%s至%s", out->from, out->to);
	return 1;
}

int period_year_share(const struct period *p)
{
	if (p->kind == PERIOD_RANGE || p->kind == PERIOD_YEAR)
		return -1;
	char from[11];
	year_start(p, from);
	int y, m, d, ty, tm, td;
	if (!date_split(from, &y, &m, &d) || !date_split(p->to, &ty, &tm, &td))
		return -1;
	int64_t start = date_days(y, m, d), end = date_days(ty, tm, td);
	int64_t year_days = date_days(y + 1, m, d) - start;
	return (int)div_round((end - start + 1) * 10000, year_days);
}

/* ---- storage ---------------------------------------------------------------------------------- */

/* The unit a worker names (code or name, any level) as its code; "" for the whole database (no
 * name, or the county itself). */
static int target_unit(struct jy_db *db, const char *text, char code[32], char name[64],
                       struct jy_err *err)
{
	code[0] = '\0';
	snprintf(name, 64, "%s", _("whole county"));
	if (!text || text_is_blank(text))
		return JY_OK;
	sqlite3_stmt *st = db_prepare(db, "SELECT code, name, level FROM unit WHERE code = ?1 OR name = ?1",
	                              err);
	if (!st)
		return JY_EDB;
	db_bind_text(st, 1, text);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *level = (const char *)sqlite3_column_text(st, 2);
		if (!level || strcmp(level, "county") != 0) {
			db_col_copy(st, 0, code, 32);
			db_col_copy(st, 1, name, 64);
		}
		sqlite3_reset(st);
		return JY_OK;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("reading the units"));
	return err_set(err, JY_EINVAL, _("unit"),
	               _("no unit \"%s\": give a community, street or county by its name or code"), text);
}

static int target_may(struct jy_db *db, struct jy_err *err)
{
	const struct jy_actor *a = db_actor(db);
	if (a && (a->role == ROLE_ADMIN || a->role == ROLE_STATS))
		return JY_OK;
	return err_set(err, JY_EPERM, NULL,
	               _("%s (%s) may not set targets: an administrator or a statistician sets them"),
	               a && a->name[0] ? a->name : a ? a->os_user : "?",
	               role_label(a ? a->role : 0));
}

/* Save one target inside the caller's transaction: a new row (creation in the trail) or a new
 * value (an update); the same value again writes nothing. *changed: 0 unchanged, 1 added, 2
 * updated. */
static int target_store(struct jy_db *db, int year, const char *unit, int i, int64_t value,
                        int *changed, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id, value, rate FROM target WHERE year = ?1 AND "
	                              "coalesce(unit, '') = ?2 AND indicator = ?3", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_text(st, 2, unit, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, report_inds[i].code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	int64_t id = 0, old = 0;
	int old_rate = 0;
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		old = sqlite3_column_int64(st, 1);
		old_rate = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, _("reading the targets"));
	int rate = report_ind_rate(i);
	*changed = 0;
	if (id && old == value && old_rate == rate)
		return JY_OK;
	char now[32];
	time_now_iso(now);
	st = db_prepare(db, id ? "UPDATE target SET value = ?2, rate = ?3, updated_at = ?4, "
	                         "updated_by = ?5, version = version + 1 WHERE id = ?1"
	                       : "INSERT INTO target (year, unit, indicator, value, rate, updated_at, "
	                         "updated_by) VALUES (?6, ?7, ?8, ?2, ?3, ?4, ?5)", err);
	if (!st)
		return JY_EDB;
	if (id) {
		sqlite3_bind_int64(st, 1, id);
	} else {
		sqlite3_bind_int(st, 6, year);
		db_bind_text(st, 7, unit);
		sqlite3_bind_text(st, 8, report_inds[i].code, -1, SQLITE_STATIC);
	}
	sqlite3_bind_int64(st, 2, value);
	sqlite3_bind_int(st, 3, rate);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("saving the target"));
	int existed = id != 0;
	if (!existed)
		id = sqlite3_last_insert_rowid(db_handle(db));
	struct jy_buf j = { 0 };
	char was[32], now_v[32];
	target_value_text(i, value, now_v);
	if (existed) {
		target_value_text(i, old, was);
		buf_adds(&j, "{\"value\":[");
		history_json_str(&j, was);
	} else {
		buf_addf(&j, "{\"year\":[null,%d],\"unit\":[null,", year);
		history_json_str(&j, unit[0] ? unit : NULL);
		buf_adds(&j, "],\"indicator\":[null,");
		history_json_str(&j, report_inds[i].code);
		buf_adds(&j, "],\"value\":[null");
	}
	buf_adds(&j, ",");
	history_json_str(&j, now_v);
	buf_adds(&j, "]}");
	*changed = existed ? 2 : 1;
	rc = history_add(db, "target", id, existed ? "update" : "create", j.s, err);
	buf_free(&j);
	return rc;
}

int target_set(struct jy_db *db, int year, const char *unit, const char *indicator,
               const char *value, int *changed, struct jy_err *err)
{
	int rc = target_may(db, err);
	if (rc)
		return rc;
	if (year < 1900 || year > 2999)
		return err_set(err, JY_EINVAL, _("year"), _("%d is not a year: give four digits (e.g. 2026)"),
		               year);
	int i = report_ind_find(indicator);
	if (i < 0)
		return err_set(err, JY_EINVAL, _("indicator"),
		               _("no indicator \"%s\": give its code as the report prints it (e.g. A5, "
		                 "A6, C2)"), indicator ? indicator : "");
	int64_t v;
	if ((rc = target_value_parse(i, value, &v, err)) != JY_OK)
		return rc;
	char code[32], name[64];
	if ((rc = target_unit(db, unit, code, name, err)) != JY_OK)
		return rc;
	int own = !db_in_tx(db);
	if (own && (rc = db_begin(db, err)) != JY_OK)
		return rc;
	rc = target_store(db, year, code, i, v, changed, err);
	if (own) {
		if (rc == JY_OK)
			rc = db_commit(db, err);
		else
			db_rollback(db);
	}
	return rc;
}

int target_each(struct jy_db *db, int year, int (*cb)(void *arg, const struct target_row *t),
                void *arg, struct jy_err *err)
{
	int rc = access_check(db, OP_REPORT, NULL, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, "SELECT t.id, t.version, t.year, coalesce(t.unit, ''), "
	                              "coalesce(u.name, ''), t.indicator, t.value, t.rate FROM target t "
	                              "LEFT JOIN unit u ON u.code = t.unit WHERE t.year = ?1 "
	                              "ORDER BY t.unit IS NOT NULL, t.unit, t.indicator", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int(st, 1, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct target_row t = { 0 };
		t.id = sqlite3_column_int64(st, 0);
		t.version = sqlite3_column_int64(st, 1);
		t.year = sqlite3_column_int(st, 2);
		db_col_copy(st, 3, t.unit, sizeof t.unit);
		db_col_copy(st, 4, t.unit_name, sizeof t.unit_name);
		if (!t.unit[0])
			snprintf(t.unit_name, sizeof t.unit_name, "%s", _("whole county"));
		db_col_copy(st, 5, t.ind, sizeof t.ind);
		t.value = sqlite3_column_int64(st, 6);
		t.rate = sqlite3_column_int(st, 7);
		t.i = report_ind_find(t.ind);
		int stop = cb(arg, &t);
		if (stop) {
			sqlite3_reset(st);
			return stop;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? JY_OK : db_fail(db, err, _("reading the targets"));
}

int target_get(struct jy_db *db, int year, const char *unit, int i, int64_t *value,
               struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT value, rate FROM target WHERE year = ?1 AND "
	                              "coalesce(unit, '') = ?2 AND indicator = ?3", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_text(st, 2, unit ? unit : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, report_inds[i].code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	/* a value stored in the other scale (the indicator changed kind) is not this target */
	int ok = rc == SQLITE_ROW && sqlite3_column_int(st, 1) == report_ind_rate(i);
	if (ok)
		*value = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, _("reading the targets"));
	return ok ? JY_OK : JY_ENOTFOUND;
}

/* ---- a file of targets: 年度, 单位, 指标, 目标值 -------------------------------------------------- */

enum { TF_YEAR, TF_UNIT, TF_IND, TF_VALUE, TF__COUNT };
static const struct field_def target_fields[TF__COUNT] = {
	{ "year", "年度", "year", FK_TEXT, NULL, 4, FF_REQ | FF_CSV | FF_NUM },
	{ "unit", "单位", "unit", FK_TEXT, NULL, 40, FF_CSV },
	{ "indicator", "指标", "indicator", FK_TEXT, NULL, 32, FF_REQ | FF_CSV },
	{ "value", "目标值", "target", FK_TEXT, NULL, 16, FF_REQ | FF_CSV },
};

struct tim {
	struct importer in;
	struct jy_db *db;
	int has[TF__COUNT];
};

static void tim_accepted(void *ctx, struct jy_buf *b)
{
	(void)ctx;
	importer_accepted(target_fields, TF__COUNT, FF_CSV, b);
}

static int tim_find(const void *ctx, const char *h)
{
	(void)ctx;
	for (int f = 0; f < TF__COUNT; f++)
		if (strcmp(target_fields[f].label, h) == 0 || strcasecmp(target_fields[f].alias, h) == 0)
			return f;
	return -1;
}

static int tim_header(void *ctx, char **cell, int n, struct jy_err *err)
{
	struct tim *t = ctx;
	struct jy_buf acc = { 0 };
	tim_accepted(t, &acc);
	const struct importer_columns c = { target_fields, tim_find, NULL, t->has, 0, NULL };
	int rc = importer_header(&t->in, cell, n, &c, acc.s, err);
	for (int f = 0; !rc && f < TF__COUNT; f++)
		if ((target_fields[f].flags & FF_REQ) && !t->has[f])
			rc = importer_missing(&t->in, target_fields[f].label, acc.s, err);
	buf_free(&acc);
	return rc;
}

static const char *tim_cell(const struct tim *t, char **cell, int n, int f)
{
	int i = t->has[f] - 1;
	return i >= 0 && i < n ? cell[i] : "";
}

static int tim_row(void *ctx, char **cell, int n, int row, struct import_result *res,
                   struct jy_err *err)
{
	struct tim *t = ctx;
	t->in.problems = 0;
	importer_stray_cells(&t->in, row, cell, n, target_fields[TF_IND].label);
	char *year = text_clean(tim_cell(t, cell, n, TF_YEAR));
	char *unit = text_clean(tim_cell(t, cell, n, TF_UNIT));
	char *ind = text_clean(tim_cell(t, cell, n, TF_IND));
	char *value = text_clean(tim_cell(t, cell, n, TF_VALUE));
	int64_t y = 0;
	if (!scaled_parse(year, 0, 0, &y) || y < 1900 || y > 2999)
		importer_report(&t->in, row, target_fields[TF_YEAR].label,
		                _("not a year: four digits (e.g. 2026)"));
	int i = report_ind_find(ind);
	struct jy_err e = { 0 };
	int64_t v;
	if (i < 0)
		importer_report(&t->in, row, target_fields[TF_IND].label,
		                _("unknown indicator: its code as the report prints it (e.g. A5, A6, C2)"));
	else if (target_value_parse(i, value, &v, &e) != JY_OK)
		importer_report(&t->in, row, target_fields[TF_VALUE].label, e.msg);
	char code[32], name[64];
	int rc = JY_OK;
	if ((rc = target_unit(t->db, unit, code, name, &e)) == JY_EINVAL) {
		importer_report(&t->in, row, target_fields[TF_UNIT].label, e.msg);
		rc = JY_OK;
	} else if (rc) {
		*err = e;
	}
	if (!rc && !t->in.problems) {
		char key[128];
		snprintf(key, sizeof key, "%d|%s|%s", (int)y, code, report_inds[i].code);
		int first = importer_seen(&t->in, key, row);
		if (first) {
			char msg[160];
			snprintf(msg, sizeof msg, _("also in row %d: one target per year, unit and "
			                            "indicator; keep one of the two rows"), first);
			importer_report(&t->in, row, target_fields[TF_IND].label, msg);
		}
	}
	if (!rc && !t->in.problems) {
		int changed;
		rc = target_store(t->db, (int)y, code, i, v, &changed, err);
		if (!rc) {
			res->added += changed == 1;
			res->updated += changed == 2;
			res->unchanged += changed == 0;
		}
	}
	if (t->in.problems)
		res->rejected++;
	free(year);
	free(unit);
	free(ind);
	free(value);
	return rc;
}

static int tim_begin(void *ctx, struct jy_err *err)
{
	return db_begin(((struct tim *)ctx)->db, err);
}

static int tim_commit(void *ctx, struct jy_err *err)
{
	return db_commit(((struct tim *)ctx)->db, err);
}

static void tim_rollback(void *ctx)
{
	db_rollback(((struct tim *)ctx)->db);
}

static const struct importer_ops tim_ops = { tim_accepted, tim_header, tim_begin, tim_row,
                                             tim_commit, tim_rollback };

int import_targets(struct jy_db *db, const char *path, const char *sheet, int flags,
                   void (*report)(void *arg, const char *line), void *arg,
                   struct import_result *res, struct jy_err *err)
{
	int rc = target_may(db, err);
	if (rc)
		return rc;
	struct tim t = { .in = { .path = path, .sheet = sheet, .db = db, .report = report,
	                         .arg = arg }, .db = db };
	rc = importer_run(&t.in, flags, &tim_ops, &t, res, err);
	importer_free(&t.in);
	return rc;
}

int template_targets(struct jy_db *db, const char *path, struct jy_err *err)
{
	const struct field_def *defs[TF__COUNT];
	const char *const *lists[TF__COUNT] = { 0 };
	const char **codes = xcalloc((size_t)report_ninds + 1, sizeof *codes);
	for (int i = 0; i < report_ninds; i++)
		codes[i] = report_inds[i].code;
	lists[TF_IND] = codes;
	for (int f = 0; f < TF__COUNT; f++)
		defs[f] = &target_fields[f];
	int rc = sheet_template_lists(db, path, "目标", defs, TF__COUNT, lists, err);
	free(codes);
	return rc;
}
