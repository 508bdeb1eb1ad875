/* core/report/report_out.c: a report (core/report/report.c's figures) as the office hands it on: aligned text for
 * a terminal or a printer, CSV, or an XLSX workbook through the sheet writer (core/record/sheet.c).
 *
 * One table of indicators: a row per indicator (代码, 指标, 单位, 本期, 上期, 增减 and, when grouped,
 * each group's 本期), rates as percentages with one decimal (33.1), their change in percentage
 * points, as upward reports write them ("提高2.5个百分点"). With REPORT_WITH_PEOPLE every figure of
 * the total that counts residents is followed by the list of those residents, so a figure can be
 * checked person by person (a worker asked "who are the 12?" has the answer in
 * the same file).
 *
 * The values are formatted here once (report_value_text, report_change_text) so the screen, the
 * text, the CSV and the workbook never disagree on a rounding. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "report/report.h"
#include "store/sql.h"

/* ---- values -------------------------------------------------------------------------------------- */

static int ind_is_rate(const struct report_ind *ind)
{
	return ind->unit && strcmp(ind->unit, "%") == 0;
}

/* A rate in tenths of a percent, rounded half up: 1/3 -> 333 (33.3%). 0 when it has no value. */
static int rate_tenths(const struct report_value *v, int64_t *out)
{
	if (v->na || v->den <= 0)
		return 0;
	*out = (v->num * 2000 / v->den + 1) / 2;
	return 1;
}

static void tenths_text(int64_t t, int sign, char *out, size_t size)
{
	const char *s = t < 0 ? "-" : sign && t > 0 ? "+" : "";
	int64_t a = t < 0 ? -t : t;
	snprintf(out, size, "%s%lld.%lld", s, (long long)(a / 10), (long long)(a % 10));
}

/* 元: a sum in fen; 元/笔: an average, num / den fen. */
static int ind_is_money(const struct report_ind *ind)
{
	return ind->unit && strncmp(ind->unit, "元", strlen("元")) == 0;
}

/* A sum of money in fen, or an average (den > 0: num / den fen, rounded half up). */
static int64_t money_fen(const struct report_value *v)
{
	if (v->den <= 0)
		return v->num;
	return (v->num * 2 / v->den + 1) / 2;
}

/* sheet: a number in C format for a spreadsheet cell ("" when there is none); else as read. */
static void value_text(const struct report_ind *ind, const struct report_value *v, int sheet,
                       char out[32])
{
	int64_t t;
	if (ind_is_money(ind)) {
		if (v->na || (strcmp(ind->unit, "元") != 0 && v->den <= 0))   /* an average of none */
			snprintf(out, 32, "%s", sheet ? "" : "-");
		else
			money_yuan(money_fen(v), out);
	} else if (ind_is_rate(ind)) {
		if (!rate_tenths(v, &t)) {
			snprintf(out, 32, "%s", sheet ? "" : "-");
			return;
		}
		tenths_text(t, 0, out, 32);
		if (!sheet)
			strcat(out, "%");
	} else if (v->na) {
		snprintf(out, 32, "%s", sheet ? "" : "-");
	} else {
		snprintf(out, 32, "%lld", (long long)v->num);
	}
}

static void change_text(const struct report_ind *ind, const struct report_value *cur,
                        const struct report_value *prev, int sheet, char out[32])
{
	int64_t a, b;
	if (ind_is_money(ind)) {
		int avg = strcmp(ind->unit, "元") != 0;
		if (cur->na || prev->na || (avg && (cur->den <= 0 || prev->den <= 0))) {
			snprintf(out, 32, "%s", sheet ? "" : "-");
			return;
		}
		int64_t d = money_fen(cur) - money_fen(prev);
		money_yuan(d, out);
		if (!sheet && d > 0) {
			memmove(out + 1, out, strlen(out) + 1);
			out[0] = '+';
		}
	} else if (ind_is_rate(ind)) {
		if (!rate_tenths(cur, &a) || !rate_tenths(prev, &b)) {
			snprintf(out, 32, "%s", sheet ? "" : "-");
			return;
		}
		tenths_text(a - b, !sheet, out, 32);
	} else if (cur->na || prev->na) {
		snprintf(out, 32, "%s", sheet ? "" : "-");
	} else {
		int64_t d = cur->num - prev->num;
		snprintf(out, 32, sheet || d <= 0 ? "%lld" : "+%lld", (long long)d);
	}
}

void report_value_text(const struct report_ind *ind, const struct report_value *v, char out[32])
{
	value_text(ind, v, 0, out);
}

void report_change_text(const struct report_ind *ind, const struct report_value *cur,
                        const struct report_value *prev, char out[32])
{
	change_text(ind, cur, prev, 0, out);
}

const char *report_by_label(int by)
{
	switch (by) {
	case BY_COMMUNITY: return "社区";
	case BY_SEX: return "性别";
	case BY_CATEGORY: return "人员类别";
	case BY_AGE: return "年龄段";
	case BY_STREET: return "街道";
	default: return "";
	}
}

int report_format_parse(const char *name, const char *path)
{
	if (name) {
		if (strcmp(name, "text") == 0 || strcmp(name, "txt") == 0)
			return REPORT_TEXT;
		return sheet_format_parse(name, NULL);
	}
	if (!path || strcmp(path, "-") == 0)
		return REPORT_TEXT;
	const char *dot = strrchr(path, '.');
	if (dot && (strcasecmp(dot, ".xlsx") == 0 || strcasecmp(dot, ".csv") == 0))
		return sheet_format_parse(NULL, path);
	return REPORT_TEXT;
}

/* ---- the people behind a figure ------------------------------------------------------------------- */

/* A code's label in list into *out (the code itself when the list lacks it); JY_EDB when the
 * list cannot be read: a file never gets codes in place of labels unsaid. */
static int label_of(struct jy_db *db, const char *list, const char *code, const char **out,
                    struct jy_err *err)
{
	const struct code_list *cl = codes_cached(db, list, err);
	const char *l = cl ? codes_label(cl, code) : NULL;
	*out = l ? l : code;
	return cl ? JY_OK : JY_EDB;
}

/* Hand-set categories held on asof, by their labels, then the ones that follow from age and sex
 * on that day (4050, core/registry/rules.c), as the resident list shows them. */
static int person_categories(struct jy_db *db, const char *codes, const char *sex,
                             const char *birth, const char *asof, char *out, size_t size,
                             struct jy_err *err)
{
	struct jy_buf b = { 0 };
	const char *l;
	int rc = JY_OK;
	buf_adds(&b, "");
	int full = access_may(db, OP_EXPORT_FULL);
	for (const char *s = codes ? codes : ""; *s && !rc;) {
		size_t n = strcspn(s, ",");
		char code[64];
		snprintf(code, sizeof code, "%.*s", (int)n, s);
		/* 低保, 特困, 残疾: not in a masked list */
		if ((full || !category_sensitive(s, n)) &&
		    !(rc = label_of(db, "category", code, &l, err)))
			buf_addf(&b, "%s%s", b.len ? "、" : "", l);
		s += n + (s[n] == ',');
	}
	struct resident r = { 0 };
	r.v[RF_SEX] = (char *)sex;
	r.v[RF_BIRTH] = (char *)birth;
	struct rule_hit hits[4];
	int nh = 0;
	if (!rc)
		rc = rules_derive(db, &r, asof, hits, 4, &nh, err);
	for (int i = 0; i < nh && !rc; i++) {
		if (codes && strstr(codes, hits[i].code))
			continue;
		if (!(rc = label_of(db, "rule", hits[i].code, &l, err)))
			buf_addf(&b, "%s%s", b.len ? "、" : "", l);
	}
	snprintf(out, size, "%s", b.s);
	buf_free(&b);
	return rc;
}

/* Reading the residents of a list. A figure may count half the registry (the registered unemployed
 * of a million residents), so the rows are not looked up one by one: the ids come sorted, and the
 * residents and their categories are read as two ordered streams that move forward with them (a
 * gap of more than a few rows is a seek instead, so a sparse list costs no full scan). Her status
 * on asof is the current one unless she has a status change after asof: for a long list those
 * residents are found once (few, for a recent period; a read of every status change, so once for
 * all the lists of a file), for a short one each row asks the index itself. */
enum { READER_GAP = 64, READER_LATE_FROM = 2000 };

struct late {
	int64_t *v;                     /* sorted: residents with a status change after asof */
	size_t n;
	int loaded;
};

struct reader {
	struct jy_db *db;
	char asof[11];
	sqlite3_stmt *res, *cat;
	int64_t res_id, cat_id;         /* the row each stream stands on; -1 before, INT64_MAX after */
	struct late *late;              /* NULL: each row asks */
	struct late own;                /* when the caller shares none */
	int brief;                      /* who she is only: no categories, no status */
};

static const char sql_reader_res[] =
	"SELECT id, reg_no, name, id_no, sex, birth, community, status FROM resident WHERE id >= ?1 "
	"ORDER BY id";
static const char sql_reader_cat[] =
	"SELECT resident_id, category FROM resident_category WHERE resident_id >= ?1 AND since <= ?2 "
	"UNION ALL SELECT resident_id, category FROM resident_category_past WHERE resident_id >= ?1 "
	"AND since <= ?2 AND until > ?2 ORDER BY 1, 2";
static const char sql_reader_late[] =
	"SELECT DISTINCT resident_id FROM status_event WHERE date > ?1";
static const char sql_reader_status[] =
	"SELECT status FROM status_event WHERE resident_id = ?1 AND date <= ?2 "
	"ORDER BY date DESC, id DESC LIMIT 1";

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int late_load(struct jy_db *db, const char *asof, struct late *l, struct jy_err *err)
{
	if (l->loaded)
		return JY_OK;
	sqlite3_stmt *st = db_prepare(db, sql_reader_late, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, asof, -1, SQLITE_TRANSIENT);
	size_t cap = 0;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (l->n == cap) {
			cap = cap ? cap * 2 : 1024;
			l->v = xrealloc(l->v, sizeof *l->v * cap);
		}
		l->v[l->n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		FREE(&l->v);
		l->n = 0;
		return db_fail(db, err, "reader_open");
	}
	if (l->n)
		qsort(l->v, l->n, sizeof *l->v, id_cmp);
	l->loaded = 1;
	return JY_OK;
}

/* shared: the residents changed after asof, for every list of one file written as of asof
 * (loaded by the first long list); NULL: this reader's own. */
static int reader_open(struct jy_db *db, const char *asof, size_t n, int brief, struct late *shared,
                       struct reader *rd, struct jy_err *err)
{
	memset(rd, 0, sizeof *rd);
	rd->db = db;
	snprintf(rd->asof, sizeof rd->asof, "%s", asof);
	rd->res_id = rd->cat_id = -1;
	rd->brief = brief;
	rd->res = db_prepare(db, sql_reader_res, err);
	rd->cat = rd->res ? db_prepare(db, sql_reader_cat, err) : NULL;
	if (!rd->cat)
		return JY_EDB;
	if (n < READER_LATE_FROM || brief)
		return JY_OK;
	rd->late = shared ? shared : &rd->own;
	return late_load(db, rd->asof, rd->late, err);
}

static void late_free(struct late *l)
{
	FREE(&l->v);
	l->n = 0;
	l->loaded = 0;
}

static void reader_close(struct reader *rd)
{
	if (rd->res)
		sqlite3_reset(rd->res);
	if (rd->cat)
		sqlite3_reset(rd->cat);
	late_free(&rd->own);
}

/* Move stream st (standing on *at) to the first row with id >= want. */
static int stream_seek(struct reader *rd, sqlite3_stmt *st, int64_t *at, int64_t want, int cat,
                       struct jy_err *err)
{
	int s = SQLITE_ROW;
	if (*at < 0 || want < *at || want - *at > READER_GAP) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, want);
		if (cat)
			sqlite3_bind_text(st, 2, rd->asof, -1, SQLITE_STATIC);
		s = sqlite3_step(st);
		*at = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : INT64_MAX;
	}
	while (s == SQLITE_ROW && *at < want) {
		s = sqlite3_step(st);
		*at = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : INT64_MAX;
	}
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(rd->db, err, "report people");
	return JY_OK;
}

static int reader_status(struct reader *rd, int64_t id, char *status, size_t size, struct jy_err *err)
{
	if (rd->late && !bsearch(&id, rd->late->v, rd->late->n, sizeof id, id_cmp))
		return JY_OK;           /* no change after asof: her status now is the one */
	/* else the latest change up to asof; none (a record kept without events): the current one */
	sqlite3_stmt *st = db_prepare(rd->db, sql_reader_status, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, rd->asof, -1, SQLITE_STATIC);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		db_col_copy(st, 0, status, size);
	sqlite3_reset(st);
	return s == SQLITE_ROW || s == SQLITE_DONE ? JY_OK : db_fail(rd->db, err, "report people");
}

static int reader_get(struct reader *rd, int64_t id, struct report_person *out, struct jy_err *err)
{
	struct jy_db *db = rd->db;
	int rc = stream_seek(rd, rd->res, &rd->res_id, id, 0, err);
	if (rc != JY_OK)
		return rc;
	if (rd->res_id != id)
		return err_set(err, JY_ENOTFOUND, NULL, _("resident %lld not found"), (long long)id);
	sqlite3_stmt *st = rd->res;
	char sex[4], birth[11], comm[32], status[12];
	memset(out, 0, sizeof *out);
	out->id = id;
	db_col_copy(st, 1, out->reg_no, sizeof out->reg_no);
	db_col_copy(st, 2, out->name, sizeof out->name);
	db_col_copy(st, 3, out->id_no, sizeof out->id_no);
	db_col_copy(st, 4, sex, sizeof sex);
	db_col_copy(st, 5, birth, sizeof birth);
	db_col_copy(st, 6, comm, sizeof comm);
	db_col_copy(st, 7, status, sizeof status);
	out->age = date_age(birth, rd->asof);
	const char *l;
	if ((rc = label_of(db, "sex", sex, &l, err)))
		return rc;
	snprintf(out->sex, sizeof out->sex, "%s", l);
	if (comm[0] && (rc = label_of(db, "@units", comm, &l, err)))
		return rc;
	snprintf(out->community, sizeof out->community, "%s", comm[0] ? l : "");
	if (rd->brief)
		return JY_OK;
	rc = reader_status(rd, id, status, sizeof status, err);
	if (rc == JY_OK)
		rc = stream_seek(rd, rd->cat, &rd->cat_id, id, 1, err);
	if (rc != JY_OK)
		return rc;
	char cats[256] = "";
	size_t used = 0;
	while (rd->cat_id == id) {
		const char *c = (const char *)sqlite3_column_text(rd->cat, 1);
		used += (size_t)snprintf(cats + used, sizeof cats - used, "%s%s", used ? "," : "", c ? c : "");
		if (used >= sizeof cats)
			used = sizeof cats - 1;
		int s = sqlite3_step(rd->cat);
		rd->cat_id = s == SQLITE_ROW ? sqlite3_column_int64(rd->cat, 0) : INT64_MAX;
		if (s != SQLITE_ROW && s != SQLITE_DONE)
			return db_fail(db, err, "report people");
	}
	rc = person_categories(db, cats, sex, birth, rd->asof, out->category, sizeof out->category,
	                       err);
	if (!rc && status[0])
		rc = label_of(db, "emp_status", status, &l, err);
	snprintf(out->status, sizeof out->status, "%s", status[0] && !rc ? l : "");
	return rc;
}

int report_person_get(struct jy_db *db, int64_t id, const char *asof, struct report_person *out,
                      struct jy_err *err)
{
	struct reader rd;
	int rc = reader_open(db, asof, 1, 0, NULL, &rd, err);
	if (rc == JY_OK)
		rc = reader_get(&rd, id, out, err);
	reader_close(&rd);
	return rc;
}

struct ids {
	int64_t *v;
	size_t n, cap;
};

static int ids_add(void *arg, int64_t id)
{
	struct ids *ids = arg;
	if (ids->n == ids->cap) {
		ids->cap = ids->cap ? ids->cap * 2 : 256;
		ids->v = xrealloc(ids->v, sizeof *ids->v * ids->cap);
	}
	ids->v[ids->n++] = id;
	return 0;
}

int report_people_ids(struct jy_db *db, const struct period *p, int by, const char *group_key, int i,
                      int64_t **ids, size_t *n, struct jy_err *err)
{
	struct ids acc = { 0 };
	int rc = report_people(db, p, by, group_key, i, ids_add, &acc, err);
	if (rc != JY_OK) {
		free(acc.v);
		*ids = NULL;
		*n = 0;
		return rc;
	}
	*ids = acc.v;
	*n = acc.n;
	return JY_OK;
}

/* The residents behind every figure of the total, from one pass (report_members): each resident
 * once, with the figures she counts in as bits. A month of a million residents has some thirty
 * figures of up to half a million residents each; a pass per figure took most of a minute. */
struct members {
	int64_t *id;
	uint64_t *bits;                 /* [n * words] */
	size_t n, cap;
	int words;
	long *count;                    /* [report_ninds]: residents per figure */
	const char *notice;             /* the file's 内部资料 line (export_notice) */
	uint64_t hide[4];               /* a masked file: the 低保/特困/残疾 figures, not listed */
};


static int members_add(void *arg, int64_t id, const uint64_t *in)
{
	struct members *m = arg;
	uint64_t bits[4] = { 0 }, any = 0;
	for (int w = 0; w < m->words; w++)
		any |= bits[w] = in[w] & ~m->hide[w];
	if (!any)       /* counted only in a figure not listed here: not a row of this file */
		return 0;
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 1024;
		m->id = xrealloc(m->id, sizeof *m->id * m->cap);
		m->bits = xrealloc(m->bits, sizeof *m->bits * m->cap * (size_t)m->words);
	}
	m->id[m->n] = id;
	memcpy(&m->bits[m->n * (size_t)m->words], bits, sizeof *bits * (size_t)m->words);
	m->n++;
	for (int i = 0; i < report_ninds; i++)
		if (bits[i / 64] >> (i % 64) & 1)
			m->count[i]++;
	return 0;
}

static int member_has(const struct members *m, size_t k, int i)
{
	return (int)(m->bits[k * (size_t)m->words + (size_t)i / 64] >> (i % 64) & 1);
}

static void members_free(struct members *m)
{
	free(m->id);
	free(m->bits);
	free(m->count);
	memset(m, 0, sizeof *m);
}

/* The total's membership is the same under every grouping: read without one. */
static int members_get(struct jy_db *db, const struct report *r, struct members *m,
                       struct jy_err *err)
{
	memset(m, 0, sizeof *m);
	m->words = (report_ninds + 63) / 64;        /* at most ARRAY_LEN(m->hide) */
	m->count = xcalloc((size_t)report_ninds, sizeof *m->count);
	if (!access_may(db, OP_EXPORT_FULL))
		for (int i = 0; i < report_ninds; i++)
			if (report_ind_sensitive(i))
				m->hide[i / 64] |= UINT64_C(1) << (i % 64);
	int rc = report_members(db, &r->cur, BY_NONE, "", members_add, m, err);
	if (rc != JY_OK)
		members_free(m);
	return rc;
}

/* The residents of figure i, in registration-number order. Caller frees. */
static int64_t *members_of(const struct members *m, int i, size_t *n)
{
	int64_t *ids = xmalloc(sizeof *ids * (size_t)(m->count[i] + 1));
	*n = 0;
	for (size_t k = 0; k < m->n; k++)
		if (member_has(m, k, i))
			ids[(*n)++] = m->id[k];
	return ids;
}

/* ---- the tables, as cells --------------------------------------------------------------------------- */

static const char *const people_labels[] = {
	"登记编号", "姓名", "身份证号", "性别", "年龄", "社区", "人员类别", "就业状态",
};
enum { PEOPLE_COLS = 8 };

/* A figure whose list of people is itself hardship or health (the 低保, 特困 and 残疾 rows of A4, B5
 * women on 低保): its people are not listed in a masked file, only counted. */
int report_ind_sensitive(int i)
{
	const char *code = report_inds[i].code;
	if (strcmp(code, "B5") == 0)
		return 1;
	return strncmp(code, "A4-", 3) == 0 && category_sensitive(code + 3, strlen(code + 3));
}

/* Is figure i's list of people written in this file? */
static int ind_listed(struct jy_db *db, int i)
{
	return report_inds[i].people && (!report_ind_sensitive(i) || access_may(db, OP_EXPORT_FULL));
}

/* full: the worker may take full ID numbers out of jiuye (access.c OP_EXPORT_FULL); else they
 * are masked as in every list (320102********123X). */
static void person_cells(struct report_person *p, int full, char age[12], const char *cells[PEOPLE_COLS])
{
	if (!full) {
		char masked[sizeof p->id_no];
		mask_idno(p->id_no, masked, sizeof masked);
		memcpy(p->id_no, masked, sizeof masked);
	}
	if (p->age >= 0)
		snprintf(age, 12, "%d", p->age);
	else
		age[0] = '\0';
	cells[0] = p->reg_no;
	cells[1] = p->name;
	cells[2] = p->id_no;
	cells[3] = p->sex;
	cells[4] = age;
	cells[5] = p->community;
	cells[6] = p->category;
	cells[7] = p->status;
}

/* With targets, five columns after 增减: 目标, 完成 (累计 for the year to date), 完成率, 超/差 and
 * 超/差 in % of the target (in points for a rate); the groups' 本期 after them. Before the
 * targets, when asked for: 上年同期 and 同比增减 (yago_v), 累计 (cum_v). */
enum { TARGET_COLS = 5 };

static int target_cols(const struct report *r)
{
	return r->ntargets ? TARGET_COLS : 0;
}

/* The columns up to the targets: 代码 ... 增减 and the comparisons asked for. */
static int fixed_cols(const struct report *r)
{
	return 6 + (r->yago_v ? 2 : 0) + (r->cum_v ? 1 : 0);
}

static int main_ncols(const struct report *r)
{
	return fixed_cols(r) + target_cols(r) + (r->ngroups > 1 ? r->ngroups - 1 : 0);
}

static const char *main_head(const struct report *r, int c)
{
	static const char *const fixed[] = { "代码", "指标", "单位", "本期", "上期", "增减" };
	static const char *const tcols[] = { "目标", "完成", "完成率", "超/差", "超/差(%)" };
	int f = fixed_cols(r);
	if (r->yoy && (c == 4 || c == 5))
		return c == 4 ? "上年同期" : "同比增减";
	if (c < 6)
		return fixed[c];
	if (c < f)
		return r->yago_v && c == 6 ? "上年同期" : r->yago_v && c == 7 ? "同比增减" : "累计";
	if (c < f + target_cols(r))
		return c == f + 1 && r->ytd.from[0] ? "累计" : tcols[c - f];
	return r->group_label[c - f + 1 - target_cols(r)];
}

/* The target cells of indicator i into buf[0..TARGET_COLS): blank where it has no target. */
static void target_cells(const struct report *r, int i, int sheet, char (*buf)[32])
{
	for (int k = 0; k < TARGET_COLS; k++)
		buf[k][0] = '\0';
	if (r->tgt[i] < 0)
		return;
	target_value_text(i, r->tgt[i], buf[0]);
	struct target_cmp c;
	if (!target_compare(i, r->tgt[i], &r->done_v[i], &c)) {
		snprintf(buf[1], 32, "-");
		return;
	}
	target_cmp_text(i, &c, buf[1], buf[2], buf[3], buf[4]);
	if (!sheet)
		return;
	/* a workbook's cells are numbers: percentages without their sign */
	for (int k = 0; k < TARGET_COLS; k++) {
		size_t n = strlen(buf[k]);
		if (n && buf[k][n - 1] == '%')
			buf[k][n - 1] = '\0';
		if (buf[k][0] == '+')
			memmove(buf[k], buf[k] + 1, n);
		if (strcmp(buf[k], "-") == 0)
			buf[k][0] = '\0';
	}
}

/* Row i of the indicators' table; cells point into buf (room for main_ncols values). */
static void main_cells(const struct report *r, int i, int sheet, char (*buf)[32], const char **cells)
{
	const struct report_ind *ind = &report_inds[i];
	cells[0] = ind->code;
	cells[1] = ind->label;
	cells[2] = ind->unit;
	value_text(ind, &r->cur_v[i], sheet, buf[3]);
	value_text(ind, &r->prev_v[i], sheet, buf[4]);
	change_text(ind, &r->cur_v[i], &r->prev_v[i], sheet, buf[5]);
	int f = 6;
	if (r->yago_v) {
		value_text(ind, &r->yago_v[i], sheet, buf[f++]);
		change_text(ind, &r->cur_v[i], &r->yago_v[i], sheet, buf[f++]);
	}
	if (r->cum_v)
		value_text(ind, &r->cum_v[i], sheet, buf[f++]);
	for (int k = 3; k < f; k++)
		cells[k] = buf[k];
	int t = target_cols(r);
	if (t)
		target_cells(r, i, sheet, buf + f);
	for (int k = f; k < f + t; k++)
		cells[k] = buf[k];
	for (int g = 1; g < r->ngroups; g++) {
		value_text(ind, &r->cur_v[g * report_ninds + i], sheet, buf[f - 1 + t + g]);
		cells[f - 1 + t + g] = buf[f - 1 + t + g];
	}
}

/* "目标：全县2026年度目标；完成为累计（2026-01-01至2026-06-30）；时间进度49.59%", NULL without targets.
 * Caller frees. */
static char *target_line(const struct report *r)
{
	if (!r->ntargets)
		return NULL;
	struct jy_buf b = { 0 };
	buf_addf(&b, "目标：%s%d年度目标", r->target_unit, period_target_year(&r->cur));
	if (r->ytd.from[0])
		buf_addf(&b, "；完成为累计（%s至%s）", r->ytd.from, r->ytd.to);
	if (r->share >= 0)
		buf_addf(&b, "；时间进度%d.%02d%%", r->share / 100, r->share % 100);
	buf_adds(&b, "；完成率、超/差(%)为目标的百分比，比率（%）的超/差为百分点。");
	return buf_steal(&b);
}

static char *period_line(const char *what, const struct period *p)
{
	if (p->kind == PERIOD_RANGE)
		return xasprintf("%s：%s至%s", what, p->from, p->to);
	return xasprintf("%s：%s（%s至%s）", what, p->label, p->from, p->to);
}

static const char title_text[] = "就业服务统计报表";
static const char change_note[] = "增减为本期减上期；比率（%）的增减为百分点。";
/* A summary's (r->yoy): against the same period of the year before */
static const char summary_title[] = "就业服务工作总结数据";
static const char summary_note[] = "同比增减为本期减上年同期；比率（%）的增减为百分点。";

static const char cum_note[] = "累计为年初至本期末（人社统计月从上年12月21日起）。";

static const char *title_of(const struct report *r)
{
	return r->summary ? summary_title : title_text;
}

static const char *note_of(const struct report *r)
{
	return r->yoy ? summary_note : change_note;
}

/* The lines that name the comparisons asked for beside the period before: "上年同期：…",
 * "累计：…"; and their notes. NULL when not asked. Caller frees. */
static char *yago_line(const struct report *r)
{
	return r->yago_v ? period_line("上年同期", &r->yago) : NULL;
}

static char *cum_line(const struct report *r)
{
	return r->cum_v ? period_line("累计", &r->cum) : NULL;
}

static const char *cmp_word(const struct report *r)
{
	return r->yoy ? "上年同期" : "对比期";
}
/* The people behind the figures: 人员明细 for all of them, and a worksheet of its own for each
 * figure of at most PEOPLE_SHEET_MAX residents. A list that short is read, printed or handed on
 * as it is (in a community office every figure is); a longer one is worked by filtering, which
 * 人员明细 does for every figure, and writing it again per figure was most of the file (A1 and
 * A1E alone are each half the registered) and of the time it took. */
enum { PEOPLE_SHEET_MAX = 10000 };
static const char lists_note[] = "各指标的人员见「人员明细」工作表（每人一行，按指标列筛选）；"
                                 "不超过%d人的指标另有单独的人员名单工作表。";
static const char members_note[] = "指标列为1表示此人计入该指标：在表头筛选该列的「1」即得该指标的人员名单；"
                                   "本期为0的指标不列。";

/* ---- text ------------------------------------------------------------------------------------------- */

struct text_ctx {
	struct jy_db *db;
	const struct report *r;
	int flags;
	const char *notice;     /* with the people: the file's 内部资料 line */
	long people;            /* residents listed (the trail's row count) */
};

/* s in exactly w columns, left-aligned or right-aligned (numbers). */
static void put_cell(FILE *fp, const char *s, int w, int right, int last)
{
	int sw = text_width(s);
	if (sw > w) {
		char *fit = text_fit_pad(s, w);
		fputs(fit, fp);
		free(fit);
		return;
	}
	if (right)
		fprintf(fp, "%*s%s", w - sw, "", s);
	else if (last)
		fputs(s, fp);
	else
		fprintf(fp, "%s%*s", s, w - sw, "");
}

static void put_row(FILE *fp, const char *const *cells, const int *w, const int *right, int n)
{
	while (n > 1 && (!cells[n - 1] || !*cells[n - 1]))
		n--;            /* no trailing blanks where a row has no target */
	for (int c = 0; c < n; c++) {
		if (c)
			fputs("  ", fp);
		put_cell(fp, cells[c] ? cells[c] : "", w[c], right[c], c == n - 1);
	}
	fputs("\n", fp);
}

static void text_main(FILE *fp, const struct report *r)
{
	int n = main_ncols(r);
	const char **head = xcalloc((size_t)n, sizeof *head);
	const char **cells = xcalloc((size_t)n, sizeof *cells);
	char (*buf)[32] = xcalloc((size_t)n, sizeof *buf);
	int *w = xcalloc((size_t)n, sizeof *w), *right = xcalloc((size_t)n, sizeof *right);
	for (int c = 0; c < n; c++) {
		head[c] = main_head(r, c);
		w[c] = text_width(head[c]);
		right[c] = c >= 3;
	}
	for (int i = 0; i < report_ninds; i++) {
		main_cells(r, i, 0, buf, cells);
		for (int c = 0; c < n; c++)
			if (text_width(cells[c]) > w[c])
				w[c] = text_width(cells[c]);
	}
	put_row(fp, head, w, right, n);
	for (int i = 0; i < report_ninds; i++) {
		main_cells(r, i, 0, buf, cells);
		put_row(fp, cells, w, right, n);
	}
	free(head);
	free(cells);
	free(buf);
	free(w);
	free(right);
}

/* People lists stream (a figure may count a hundred thousand residents): fixed columns, wide
 * enough for R-1000000, a name of five characters, 18 ID characters. */
static int text_people(FILE *fp, struct text_ctx *t, const struct members *m, struct late *late,
                       int i, struct jy_err *err)
{
	static const int w[PEOPLE_COLS] = { 9, 10, 18, 4, 4, 12, 20, 8 };
	static const int right[PEOPLE_COLS] = { 0, 0, 0, 0, 1, 0, 0, 0 };
	const struct report *r = t->r;
	const struct report_ind *ind = &report_inds[i];
	size_t n;
	int64_t *ids = members_of(m, i, &n);
	int full = access_may(t->db, OP_EXPORT_FULL);
	fprintf(fp, "\n%s %s：%s，%zu%s\n", ind->code, ind->label, r->cur.label, n, ind->unit);
	put_row(fp, people_labels, w, right, PEOPLE_COLS);
	struct reader rd;
	int rc = reader_open(t->db, r->cur.to, n, 0, late, &rd, err);
	for (size_t k = 0; k < n && rc == JY_OK; k++) {
		struct report_person p;
		const char *cells[PEOPLE_COLS];
		char age[12];
		rc = reader_get(&rd, ids[k], &p, err);
		if (rc == JY_OK) {
			person_cells(&p, full, age, cells);
			put_row(fp, cells, w, right, PEOPLE_COLS);
		}
	}
	reader_close(&rd);
	free(ids);
	return rc;
}

/* The sums of money of the total again in 万元, the unit the upward reports use for them. */
static void text_wan(FILE *fp, const struct report *r)
{
	int head = 0;
	for (int i = 0; i < report_ninds; i++) {
		const struct report_ind *ind = &report_inds[i];
		const struct report_value *c = &r->cur_v[i], *p = &r->prev_v[i];
		if (!ind_is_money(ind) || c->na || (strcmp(ind->unit, "元") != 0 && c->den <= 0))
			continue;
		char a[32], b[32] = "-";
		money_wan(money_fen(c), a);
		if (!p->na && (strcmp(ind->unit, "元") == 0 || p->den > 0))
			money_wan(money_fen(p), b);
		if (!head++)
			fputs("\n金额（万元）：\n", fp);
		fprintf(fp, "  %s %s：本期 %s万元，%s %s%s\n", ind->code, ind->label, a,
		        r->yoy ? "上年同期" : "上期", b, strcmp(b, "-") ? "万元" : "");
	}
}

enum { TREND_CHARTS = 3 };
struct trend_chart {
	const char *title;
	int line;
	const char *codes[4];
};
static const struct trend_chart trend_charts[TREND_CHARTS];

/* A summary's 逐月趋势 as text: the main figures of the 趋势 worksheet's charts, a row a month of
 * the year up to the period's end. */
static int text_trend(FILE *fp, struct jy_db *db, const struct report *r, struct jy_err *err)
{
	struct period *months;
	struct report_value *vals;
	int n;
	int rc = report_months(db, &r->cur, &months, &vals, &n, err);
	if (rc)
		return rc;
	int ind[TREND_CHARTS * 3], ni = 0;
	for (int c = 0; c < TREND_CHARTS; c++)
		for (int k = 0; k < 3 && trend_charts[c].codes[k]; k++)
			if ((ind[ni] = report_ind_find(trend_charts[c].codes[k])) >= 0)
				ni++;
	fprintf(fp, "\n逐月趋势（%d年1月至%s）\n", atoi(r->cur.to), months[n - 1].label);
	fprintf(fp, "%-8s", "月份");
	for (int k = 0; k < ni; k++)
		fprintf(fp, "  %8s", report_inds[ind[k]].code);
	fputs("\n", fp);
	for (int m = 0; m < n; m++) {
		const char *nian = strstr(months[m].label, "年");
		char *label = text_fit_pad(nian ? nian + strlen("年") : months[m].label, 8);   /* "11月" */
		fputs(label, fp);
		free(label);
		for (int k = 0; k < ni; k++) {
			char v[32];
			report_value_text(&report_inds[ind[k]], &vals[(size_t)m * report_ninds + ind[k]], v);
			fprintf(fp, "  %8s", v);
		}
		fputs("\n", fp);
	}
	fputs("（", fp);
	for (int k = 0; k < ni; k++)
		fprintf(fp, "%s%s %s", k ? "；" : "", report_inds[ind[k]].code, report_inds[ind[k]].label);
	fputs("）\n", fp);
	free(months);
	free(vals);
	return JY_OK;
}

static int text_write(void *ctx, FILE *fp, int *rows, struct jy_err *err)
{
	struct text_ctx *t = ctx;
	if (t->notice)          /* a file of people says so on its first line */
		fprintf(fp, "%s\n", t->notice);
	const struct report *r = t->r;
	char *cur = period_line("统计期", &r->cur), *prev = period_line(cmp_word(r), &r->prev);
	char *yago = yago_line(r), *cum = cum_line(r);
	fprintf(fp, "%s\n%s\n%s\n", title_of(r), cur, prev);
	if (yago)
		fprintf(fp, "%s\n", yago);
	if (cum)
		fprintf(fp, "%s\n", cum);
	free(cur);
	free(prev);
	free(yago);
	free(cum);
	if (r->by != BY_NONE)
		fprintf(fp, "分组：%s\n", report_by_label(r->by));
	fputs("\n", fp);
	text_main(fp, r);
	text_wan(fp, r);
	fprintf(fp, "\n%s\n", note_of(r));
	if (r->yago_v)
		fprintf(fp, "%s\n", summary_note);
	if (r->cum_v)
		fprintf(fp, "%s\n", cum_note);
	char *tline = target_line(r);
	if (tline)
		fprintf(fp, "%s\n", tline);
	free(tline);
	*rows = report_ninds;
	if (r->summary) {
		int rc = text_trend(fp, t->db, r, err);
		if (rc)
			return rc;
	}
	if (!(t->flags & REPORT_WITH_PEOPLE))
		return JY_OK;
	struct members m;
	struct late late = { 0 };
	int rc = members_get(t->db, r, &m, err);
	m.notice = t->notice;
	t->people = rc == JY_OK ? (long)m.n : 0;
	fprintf(fp, "\n%s\n", m.notice);
	for (int i = 0; i < report_ninds && rc == JY_OK; i++)
		if (ind_listed(t->db, i))
			rc = text_people(fp, t, &m, &late, i, err);
	members_free(&m);
	late_free(&late);
	return rc;
}

/* ---- CSV and XLSX ----------------------------------------------------------------------------------- */

static int sheet_main(struct sheet *sh, const struct report *r, int flags, struct jy_err *err)
{
	int n = main_ncols(r);
	struct sheet_col *cols = xcalloc((size_t)n, sizeof *cols);
	const char **cells = xcalloc((size_t)n, sizeof *cells);
	char (*buf)[32] = xcalloc((size_t)n, sizeof *buf);
	static const int widths[] = { 6, 30, 6, 10, 10, 10 };
	for (int c = 0; c < n; c++) {
		cols[c].label = main_head(r, c);
		cols[c].type = c < 3 ? SC_TEXT : SC_NUM;
		cols[c].width = c < 6 ? widths[c] : c < fixed_cols(r) + target_cols(r) ? 10 : 0;
	}
	char *tline = target_line(r);
	char *cur = period_line("统计期", &r->cur), *prev = period_line(cmp_word(r), &r->prev);
	char *yago = yago_line(r), *cum = cum_line(r);
	char *by = r->by != BY_NONE ? xasprintf("分组：%s", report_by_label(r->by)) : NULL;
	char *lists = xasprintf(lists_note, PEOPLE_SHEET_MAX);
	int rc = sheet_note(sh, title_of(r), err);
	if (rc == JY_OK)
		rc = sheet_note(sh, cur, err);
	if (rc == JY_OK)
		rc = sheet_note(sh, prev, err);
	if (rc == JY_OK && yago)
		rc = sheet_note(sh, yago, err);
	if (rc == JY_OK && cum)
		rc = sheet_note(sh, cum, err);
	if (rc == JY_OK && by)
		rc = sheet_note(sh, by, err);
	if (rc == JY_OK)
		rc = sheet_note(sh, note_of(r), err);
	if (rc == JY_OK && r->yago_v)
		rc = sheet_note(sh, summary_note, err);
	if (rc == JY_OK && r->cum_v)
		rc = sheet_note(sh, cum_note, err);
	if (rc == JY_OK && tline)
		rc = sheet_note(sh, tline, err);
	if (rc == JY_OK && (flags & REPORT_WITH_PEOPLE))
		rc = sheet_note(sh, lists, err);
	if (rc == JY_OK)
		rc = sheet_table(sh, "统计报表", cols, n, err);
	for (int i = 0; i < report_ninds && rc == JY_OK; i++) {
		main_cells(r, i, 1, buf, cells);
		rc = sheet_row(sh, cells, err);
	}
	free(cur);
	free(prev);
	free(yago);
	free(cum);
	free(by);
	free(lists);
	free(tline);
	free(cols);
	free(cells);
	free(buf);
	return rc;
}

/* The people of figure i on a worksheet of their own, every column of a list as the screen shows
 * it (categories, status as of the period's end). */
static int sheet_people(struct sheet *sh, struct jy_db *db, const struct report *r,
                        const struct members *m, struct late *late, int i, struct jy_err *err)
{
	static const int types[PEOPLE_COLS] = { SC_TEXT, SC_TEXT, SC_CODE, SC_TEXT, SC_INT, SC_TEXT,
		                                SC_TEXT, SC_TEXT };
	static const int widths[PEOPLE_COLS] = { 10, 10, 20, 6, 6, 14, 24, 10 };
	const struct report_ind *ind = &report_inds[i];
	size_t n;
	int64_t *ids = members_of(m, i, &n);
	int full = access_may(db, OP_EXPORT_FULL);
	struct sheet_col cols[PEOPLE_COLS];
	for (int c = 0; c < PEOPLE_COLS; c++)
		cols[c] = (struct sheet_col){ people_labels[c], types[c], widths[c] };
	char *name = xasprintf("%s %s", ind->code, ind->label);
	char *note = xasprintf("%s %s：%s，%zu%s", ind->code, ind->label, r->cur.label, n, ind->unit);
	int rc = sheet_note(sh, note, err);
	if (rc == JY_OK)
		rc = sheet_note(sh, m->notice, err);
	if (rc == JY_OK)
		rc = sheet_table(sh, name, cols, PEOPLE_COLS, err);
	struct reader rd;
	if (rc == JY_OK)
		rc = reader_open(db, r->cur.to, n, 0, late, &rd, err);
	else
		memset(&rd, 0, sizeof rd);
	for (size_t k = 0; k < n && rc == JY_OK; k++) {
		struct report_person p;
		const char *cells[PEOPLE_COLS];
		char age[12];
		rc = reader_get(&rd, ids[k], &p, err);
		if (rc == JY_OK) {
			person_cells(&p, full, age, cells);
			rc = sheet_row(sh, cells, err);
		}
	}
	reader_close(&rd);
	free(name);
	free(note);
	free(ids);
	return rc;
}

/* 人员明细: every resident counted in a figure of the total, once, who she is (登记编号 ... 社区)
 * and a column per figure with anyone behind it, 1 where she counts. The header's filter on a
 * figure's column gives its list, and the file holds each person once instead of once per
 * figure (a month of a million residents: some 600,000 rows instead of 2 million). */
enum { MEMBER_COLS = 6 };

static int sheet_members(struct sheet *sh, struct jy_db *db, const struct report *r,
                         const struct members *m, struct jy_err *err)
{
	static const int types[MEMBER_COLS] = { SC_TEXT, SC_TEXT, SC_CODE, SC_TEXT, SC_INT, SC_TEXT };
	static const int widths[MEMBER_COLS] = { 10, 10, 20, 6, 6, 14 };
	static const int from[MEMBER_COLS] = { 0, 1, 2, 3, 4, 5 };     /* in person_cells */
	int *fig = xmalloc(sizeof *fig * (size_t)report_ninds), nf = 0;
	for (int i = 0; i < report_ninds; i++)
		if (ind_listed(db, i) && m->count[i] > 0)
			fig[nf++] = i;
	int ncols = MEMBER_COLS + nf;
	struct sheet_col *cols = xcalloc((size_t)ncols, sizeof *cols);
	char **heads = xcalloc((size_t)nf + 1, sizeof *heads);
	for (int c = 0; c < MEMBER_COLS; c++)
		cols[c] = (struct sheet_col){ people_labels[from[c]], types[c], widths[c] };
	for (int f = 0; f < nf; f++) {
		heads[f] = xasprintf("%s %s", report_inds[fig[f]].code, report_inds[fig[f]].label);
		cols[MEMBER_COLS + f] = (struct sheet_col){ heads[f], SC_INT, 0 };
	}
	char *note = xasprintf("人员明细：%s，计入本期各指标的居民共%zu人，每人一行。", r->cur.label, m->n);
	int full = access_may(db, OP_EXPORT_FULL);
	int rc = sheet_note(sh, note, err);
	if (rc == JY_OK)
		rc = sheet_note(sh, members_note, err);
	if (rc == JY_OK)
		rc = sheet_note(sh, m->notice, err);
	if (rc == JY_OK)
		rc = sheet_table(sh, "人员明细", cols, ncols, err);
	struct reader rd;
	if (rc == JY_OK)
		rc = reader_open(db, r->cur.to, m->n, 1, NULL, &rd, err);
	else
		memset(&rd, 0, sizeof rd);
	const char **cells = xcalloc((size_t)ncols, sizeof *cells);
	for (size_t k = 0; k < m->n && rc == JY_OK; k++) {
		struct report_person p;
		const char *pc[PEOPLE_COLS];
		char age[12];
		rc = reader_get(&rd, m->id[k], &p, err);
		if (rc != JY_OK)
			break;
		person_cells(&p, full, age, pc);
		for (int c = 0; c < MEMBER_COLS; c++)
			cells[c] = pc[from[c]];
		for (int f = 0; f < nf; f++)
			cells[MEMBER_COLS + f] = member_has(m, k, fig[f]) ? "1" : "";
		rc = sheet_row(sh, cells, err);
	}
	reader_close(&rd);
	for (int f = 0; f < nf; f++)
		free(heads[f]);
	free(heads);
	free(cells);
	free(cols);
	free(fig);
	free(note);
	return rc;
}

static int sheet_lists(struct sheet *sh, struct jy_db *db, const struct report *r, const char *notice,
                       long *people, struct jy_err *err)
{
	struct members m;
	struct late late = { 0 };
	int rc = members_get(db, r, &m, err);
	m.notice = notice;
	*people = rc == JY_OK ? (long)m.n : 0;
	if (rc == JY_OK)
		rc = sheet_members(sh, db, r, &m, err);
	for (int i = 0; i < report_ninds && rc == JY_OK; i++)
		if (ind_listed(db, i) && m.count[i] > 0 && m.count[i] <= PEOPLE_SHEET_MAX)
			rc = sheet_people(sh, db, r, &m, &late, i, err);
	members_free(&m);
	late_free(&late);
	return rc;
}

/* The charts of the 趋势 worksheet: the year's main figures, counts and rates apart. */
static const struct trend_chart trend_charts[TREND_CHARTS] = {
	{ "登记与再就业（人）", 0, { "A2", "A5", "A1E", NULL } },
	{ "推荐与培训（人次、人）", 0, { "C3", "C4", "F2", NULL } },
	{ "再就业率与推荐成功率（%）", 1, { "A6", "C5", "F7R", NULL } },
};

/* 趋势: the indicators month by month through the report's year (a row a month, a column an
 * indicator, rates in %), with native charts of the main ones. */
static int sheet_trend(struct sheet *sh, struct jy_db *db, const struct report *r,
                       struct jy_err *err)
{
	struct period *months;
	struct report_value *vals;
	int n;
	int rc = report_months(db, &r->cur, &months, &vals, &n, err);
	if (rc)
		return rc;
	int ncols = 1 + report_ninds;
	struct sheet_col *cols = xcalloc((size_t)ncols, sizeof *cols);
	char **labels = xcalloc((size_t)ncols, sizeof *labels);
	const char **cells = xcalloc((size_t)ncols, sizeof *cells);
	char (*buf)[32] = xcalloc((size_t)ncols, sizeof *buf);
	cols[0].label = "月份";
	cols[0].type = SC_TEXT;
	cols[0].width = 10;
	for (int i = 0; i < report_ninds; i++) {
		labels[1 + i] = xasprintf("%s %s", report_inds[i].code, report_inds[i].label);
		cols[1 + i].label = labels[1 + i];
		cols[1 + i].type = SC_NUM;
		cols[1 + i].width = 12;
	}
	char *note = xasprintf("%d年逐月趋势（%s至%s）；比率（%%）为百分数。", atoi(r->cur.to),
	                       n ? months[0].from : "", n ? months[n - 1].to : "");
	rc = sheet_note(sh, note, err);
	if (!rc)
		rc = sheet_table(sh, "趋势", cols, ncols, err);
	for (int k = 0; k < n && !rc; k++) {
		snprintf(buf[0], sizeof buf[0], "%.7s", months[k].from);
		cells[0] = buf[0];
		for (int i = 0; i < report_ninds; i++) {
			value_text(&report_inds[i], &vals[(size_t)k * report_ninds + i], 1, buf[1 + i]);
			cells[1 + i] = buf[1 + i];
		}
		rc = sheet_row(sh, cells, err);
	}
	for (size_t c = 0; c < ARRAY_LEN(trend_charts) && !rc; c++) {
		int v[4], nv = 0;
		for (int k = 0; k < 4 && trend_charts[c].codes[k]; k++) {
			int i = report_ind_find(trend_charts[c].codes[k]);
			if (i >= 0)
				v[nv++] = 1 + i;
		}
		rc = sheet_chart(sh, trend_charts[c].title, trend_charts[c].line, 0, v, nv, err);
	}
	for (int c = 0; c < ncols; c++)
		free(labels[c]);
	free(labels);
	free(note);
	free(cols);
	free(cells);
	free(buf);
	free(months);
	free(vals);
	return rc;
}

static int sheet_write(struct jy_db *db, const struct report *r, const char *path, int format,
                       int flags, const char *notice, long *people, struct jy_err *err)
{
	struct sheet *sh;
	int rc = sheet_open(path, format, &sh, err);
	if (rc != JY_OK)
		return rc;
	if (notice)             /* a file of people says so above everything */
		rc = sheet_note(sh, notice, err);
	if (rc == JY_OK)
		rc = sheet_main(sh, r, flags, err);
	if (rc == JY_OK && (flags & REPORT_WITH_PEOPLE))
		rc = sheet_lists(sh, db, r, notice, people, err);
	if (rc == JY_OK && format == SHEET_XLSX)
		rc = sheet_trend(sh, db, r, err);       /* last: the lists follow the table they explain */
	int crc = sheet_close(&sh, rc == JY_OK, rc == JY_OK ? err : NULL);
	return rc != JY_OK ? rc : crc;
}

int report_write(struct jy_db *db, const struct report *r, const char *path, int format, int flags,
                 const char *purpose, struct jy_err *err)
{
	if (format != REPORT_TEXT && format != SHEET_CSV && format != SHEET_CSV_GBK && format != SHEET_XLSX)
		return err_set(err, JY_EINVAL, NULL, _("unknown report format; text, csv or xlsx are accepted"));
	if (format == SHEET_XLSX && (!path || strcmp(path, "-") == 0))
		return err_set(err, JY_EINVAL, NULL,
		               _("an XLSX report needs a file name (-o FILE); text and csv can go to the screen"));
	if (!(flags & REPORT_WITH_PEOPLE)) {
		struct text_ctx t = { db, r, flags, NULL, 0 };
		return format == REPORT_TEXT ? csv_export(path, NULL, text_write, &t, err)
		                             : sheet_write(db, r, path, format, flags, NULL, &t.people, err);
	}
	/* The people behind the figures are a file of people: the export right, a purpose, the
	 * 内部资料 line, masked for a worker who may not take whole numbers out, and the trail. */
	int rc = access_check(db, OP_REPORT_PEOPLE, NULL, err);
	if (!rc)
		rc = access_check(db, OP_EXPORT, NULL, err);
	if (!rc)
		rc = export_purpose_check(purpose, err);
	if (rc)
		return rc;
	int masked = !access_may(db, OP_EXPORT_FULL);
	char *notice = export_notice(db, purpose, masked);
	struct text_ctx t = { db, r, flags, notice, 0 };
	rc = format == REPORT_TEXT ? csv_export(path, NULL, text_write, &t, err)
	                           : sheet_write(db, r, path, format, flags, notice, &t.people, err);
	struct jy_err rerr = { 0 };
	int written = path && strcmp(path, "-") != 0;
	int rec = export_record(db, "report", written ? path : NULL, rc ? 0 : (int)t.people, purpose,
	                        masked, rc, &rerr);
	if (!rc && rec) {       /* a file of people the trail does not know of does not stay */
		if (written)
			unlink(path);
		if (err)
			*err = rerr;
		rc = rec;
	}
	free(notice);
	return rc;
}
