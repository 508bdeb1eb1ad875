/* core/registry/seek.c: the narrow tables matching reads instead of the registry. seek holds one
 * row per job seeker (registration date, birth date, sex, education's ord, whether she is in a
 * public-welfare priority group) and seek_word her two-character words (job intention, skills,
 * former job) in registration order; triggers keep both (004_jobs.sql) as residents are saved.
 * The words are cut here too, with the triggers' rules, for the jobs part's matching and its
 * "why"; a bulk load builds both tables in memory and writes them in key order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry/registry_int.h"
/* ---- words ------------------------------------------------------------------------------------ */

/* The characters that separate words, as the GLOB class of 004_jobs.sql: space, digits, ASCII
 * and full-width punctuation workers put between intentions. */
static int word_sep(uint32_t cp)
{
	static const uint32_t seps[] = { ' ', ',', '.', '/', ';', ':', '(', ')', '+', '~', '-',
		0x3001 /* 、 */, 0xFF0C /* ， */, 0x3002 /* 。 */, 0xFF1B /* ； */, 0xFF1A /* ： */,
		0xFF08 /* （ */, 0xFF09 /* ） */, 0xFF5E /* ～ */ };
	if (cp >= '0' && cp <= '9')
		return 1;
	for (size_t i = 0; i < ARRAY_LEN(seps); i++)
		if (seps[i] == cp)
			return 1;
	return 0;
}

/* The next code point of s at *off (invalid bytes as themselves); 0 at the end. */
static uint32_t next_cp(const char *s, size_t *off, size_t *start)
{
	const unsigned char *p = (const unsigned char *)s + *off;
	*start = *off;
	if (!*p)
		return 0;
	uint32_t cp = *p;
	int n = 1;
	if (cp >= 0xF0 && p[1] && p[2] && p[3])
		cp = ((cp & 7) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu), n = 4;
	else if (cp >= 0xE0 && p[1] && p[2])
		cp = ((cp & 15) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu), n = 3;
	else if (cp >= 0xC0 && p[1])
		cp = ((cp & 31) << 6) | (p[1] & 0x3Fu), n = 2;
	*off += (size_t)n;
	return cp;
}

int seek_words(const char *text, char **out, int max)
{
	int n = 0;
	if (!text)
		return 0;
	char *t = xstrdup(text);
	for (char *p = t; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	size_t off = 0, a0, b0;
	uint32_t a = next_cp(t, &off, &a0);
	while (a && n < max) {
		size_t keep = off;
		uint32_t b = next_cp(t, &off, &b0);
		if (!b)
			break;
		if (!word_sep(a) && !word_sep(b)) {
			char *w = xstrndup(t + a0, off - a0);
			int seen = 0;
			for (int i = 0; i < n && !seen; i++)
				seen = strcmp(out[i], w) == 0;
			if (seen)
				free(w);
			else
				out[n++] = w;
		}
		a = b;
		a0 = keep;
	}
	free(t);
	return n;
}

/* The parts of text made of words in the set, as runs: 社区保洁员 with 保洁, 洁员 -> "保洁员". */
/* Add one run to the '、'-separated list unless it is there already (a word the title and the
 * requirements both hold is said once). */
static void runs_add(struct jy_buf *out, const char *s, size_t n)
{
	for (const char *p = out->s; p && *p;) {
		const char *sep = strstr(p, "、");
		size_t len = sep ? (size_t)(sep - p) : strlen(p);
		if (len == n && strncmp(p, s, n) == 0)
			return;
		p += len + (sep ? strlen("、") : 0);
	}
	buf_addf(out, "%s%.*s", out->len ? "、" : "", (int)n, s);
}

void seek_word_runs(const char *text, char **set, int nset, struct jy_buf *out)
{
	if (!text)
		return;
	size_t off = 0, a0, b0, run = (size_t)-1, run_end = 0;
	uint32_t a = next_cp(text, &off, &a0);
	while (a) {
		size_t keep = off;
		uint32_t b = next_cp(text, &off, &b0);
		int hit = 0;
		if (b && !word_sep(a) && !word_sep(b)) {
			for (int i = 0; i < nset && !hit; i++)
				hit = strlen(set[i]) == off - a0 && strncmp(set[i], text + a0, off - a0) == 0;
		}
		if (hit) {
			if (run == (size_t)-1)
				run = a0;
			run_end = off;
		} else if (run != (size_t)-1 && a0 >= run_end) {
			runs_add(out, text + run, run_end - run);
			run = (size_t)-1;
		}
		if (!b)
			break;
		a = b;
		a0 = keep;
	}
	if (run != (size_t)-1)
		runs_add(out, text + run, run_end - run);
}

/* ---- bulk loads ------------------------------------------------------------------------------ */

/* A bulk load builds the rows of seek and seek_word for its new residents in memory, from the
 * values it stores, with the rules of the 004_jobs.sql triggers (test_bulk checks that the tables
 * come out the same as the triggers make them), and writes them in key order at its end: several
 * times cheaper than a trigger per row, or than the same rules in SQL over the new rows (measured:
 * a fifth of an import, most of it GLOB and substr on every character of the intentions).
 *
 * The triggers themselves are dropped inside the load's own transaction, so no other connection
 * ever misses them, and put back before anything else writes in it (resident_bulk_sync) and at its
 * end; a rollback puts them back by itself. Each one cost every new resident (or category) a
 * trigger program even when its WHEN was false (measured: a fifth of a load). */
static const char sql_set_aside[] =
	"SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' "
	"AND name IN ('seek_insert', 'seek_category_in') ORDER BY name";

#define SEEK_TEXT_MAX 240       /* the positions jy_num numbers (004_jobs.sql) */
#define BULK_STMT_ROWS 32

struct seek_row {                /* 40 bytes: a spill holds a quarter of a million */
	int64_t id;
	int32_t edu;
	char reg_date[11], birth[11], sex[2];   /* YYYY-MM-DD, as resident_validate left them */
	uint8_t has_edu, r5;
};

struct seek_word_row {
	uint32_t off, len;      /* the word in words_text */
	uint32_t seek;          /* its resident's seek row */
};

struct seek_bulk {
	char *triggers;         /* the CREATE TRIGGER statements set aside, NULL once back */
	struct seek_row *rows;
	size_t nrows, caprows;
	struct seek_word_row *words;
	size_t nwords, capwords;
	struct jy_buf text;
	struct edu_ord {        /* education code -> ord, read once */
		char code[16];
		int ord, has;
	} edu[32];
	int nedu;
};

int seek_bulk_begin(struct jy_db *db, struct seek_bulk **out, struct jy_err *err)
{
	struct seek_bulk *m = xcalloc(1, sizeof *m);
	struct jy_buf saved = { 0 }, drop = { 0 };
	sqlite3_stmt *st;
	int rc = JY_OK, s;

	*out = NULL;
	/* seek_deferred keeps seek_insert inert for the load's residents once it is back. */
	if (!(st = db_prepare(db, "INSERT OR IGNORE INTO seek_deferred(id) VALUES (1)", err))) {
		rc = JY_EDB;
		goto out;
	}
	s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		rc = db_fail(db, err, _("updating the matching index"));
		goto out;
	}
	if (sqlite3_prepare_v2(db_handle(db), sql_set_aside, -1, &st, NULL) != SQLITE_OK) {
		rc = db_fail(db, err, _("updating the matching index"));
		goto out;
	}
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		buf_addf(&saved, "%s;\n", (const char *)sqlite3_column_text(st, 1));
		buf_addf(&drop, "DROP TRIGGER \"%s\";", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	/* A trigger left in place would write every new resident's rows a second time: the load
	 * cannot go on without the triggers set aside (its rollback puts back any that went). */
	if (s != SQLITE_DONE || (drop.len && db_exec(db, drop.s, NULL) != JY_OK)) {
		rc = db_fail(db, err, _("updating the matching index"));
		goto out;
	}
	m->triggers = saved.len ? buf_steal(&saved) : NULL;
out:
	buf_free(&saved);
	buf_free(&drop);
	if (rc)
		seek_bulk_free(&m);
	*out = m;
	return rc;
}

int seek_bulk_restore(struct jy_db *db, struct seek_bulk *m, struct jy_err *err)
{
	if (!m || !m->triggers)
		return JY_OK;
	int rc = db_exec(db, m->triggers, err);
	FREE(&m->triggers);
	return rc ? db_fail(db, err, _("updating the matching index")) : JY_OK;
}

void seek_bulk_free(struct seek_bulk **pm)
{
	struct seek_bulk *m = *pm;
	if (!m)
		return;
	free(m->triggers);
	free(m->rows);
	free(m->words);
	buf_free(&m->text);
	FREE(pm);
}

/* (SELECT ord FROM code WHERE list = 'education' AND code = ?1) into *ord, *has 0 when NULL. */
static int edu_ord_null(struct jy_db *db, const char *code, int *ord, int *has, struct jy_err *err)
{
	*ord = *has = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT ord FROM code WHERE list = 'education' AND "
	                                  "code = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*ord = sqlite3_column_int(st, 0);
		*has = 1;
	}
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, _("reading a code list"));
	return JY_OK;
}

/* The same, remembered for the load (a handful of codes). */
static int bulk_edu(struct jy_db *db, struct seek_bulk *m, const char *code, int *ord, int *has,
                    struct jy_err *err)
{
	*ord = *has = 0;
	if (!code || !*code)
		return JY_OK;
	if (strlen(code) >= sizeof m->edu[0].code)
		return edu_ord_null(db, code, ord, has, err);
	for (int i = 0; i < m->nedu; i++)
		if (strcmp(m->edu[i].code, code) == 0) {
			*ord = m->edu[i].ord;
			*has = m->edu[i].has;
			return JY_OK;
		}
	int rc = edu_ord_null(db, code, ord, has, err);
	if (!rc && m->nedu < (int)ARRAY_LEN(m->edu)) {
		struct edu_ord *e = &m->edu[m->nedu++];
		snprintf(e->code, sizeof e->code, "%s", code);
		e->ord = *ord;
		e->has = *has;
	}
	return rc;
}

static int code_listed(const char *codes, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = codes ? codes : ""; *p;) {
		size_t k = strcspn(p, ",");
		if (k == n && strncmp(p, code, n) == 0)
			return 1;
		p += k + (p[k] == ',');
	}
	return 0;
}

/* The two-character pieces of t (lower-case ASCII), as the triggers cut them: at each position
 * 1 … 240 before the last, the character and the next, neither a separator. */
static void bulk_words(struct seek_bulk *m, const char *t, uint32_t seek)
{
	size_t off = 0, a0, b0;
	size_t first = m->nwords;
	uint32_t a = next_cp(t, &off, &a0);
	for (int pos = 1; a && pos <= SEEK_TEXT_MAX; pos++) {
		size_t keep = off;
		uint32_t b = next_cp(t, &off, &b0);
		if (!b)
			break;
		if (!word_sep(a) && !word_sep(b)) {
			uint32_t len = (uint32_t)(off - a0);
			int seen = 0;
			for (size_t i = first; i < m->nwords && !seen; i++)
				seen = m->words[i].len == len &&
				       memcmp(m->text.s + m->words[i].off, t + a0, len) == 0;
			if (!seen) {
				if (m->nwords == m->capwords) {
					m->capwords = m->capwords ? m->capwords * 2 : 1024;
					m->words = xrealloc(m->words, sizeof *m->words * m->capwords);
				}
				m->words[m->nwords++] = (struct seek_word_row){ (uint32_t)m->text.len, len, seek };
				buf_add(&m->text, t + a0, len);
			}
		}
		a = b;
		a0 = keep;
	}
}

int seek_bulk_add(struct jy_db *db, struct seek_bulk *m, const struct resident *r,
                  struct jy_err *err)
{
	static const char *const r5[] = { "4050", "OLDER_HARD", "DIBAO", "DISABLED", "DIFFICULT",
	                                  "ZERO_EMP_HH" };
	const char *status = resident_get(r, RF_STATUS);
	int seeking, rc = emp_status_seeking(db, status, &seeking, err);
	if (rc)
		return rc;
	if (r->closed_at || !seeking)
		return JY_OK;
	int edu, has_edu;
	if ((rc = bulk_edu(db, m, r->v[RF_EDUCATION], &edu, &has_edu, err)))
		return rc;
	if (m->nrows == m->caprows) {
		m->caprows = m->caprows ? m->caprows * 2 : 1024;
		m->rows = xrealloc(m->rows, sizeof *m->rows * m->caprows);
	}
	struct seek_row *s = &m->rows[m->nrows];
	memset(s, 0, sizeof *s);
	s->id = r->id;
	snprintf(s->reg_date, sizeof s->reg_date, "%s", resident_get(r, RF_REGDATE));
	snprintf(s->birth, sizeof s->birth, "%s", resident_get(r, RF_BIRTH));
	snprintf(s->sex, sizeof s->sex, "%s", resident_get(r, RF_SEX));
	s->edu = edu;
	s->has_edu = (uint8_t)!!has_edu;
	s->r5 = (uint8_t)(strcmp(resident_get(r, RF_DIBAO), "1") == 0 ||
	                  resident_get(r, RF_HEALTH)[0] == '6');
	for (size_t i = 0; i < ARRAY_LEN(r5) && !s->r5; i++)
		s->r5 = code_listed(r->v[RF_CATEGORIES], r5[i]);
	if (r->v[RF_INTENT] || r->v[RF_SKILLS] || r->v[RF_FORMER]) {
		char *t = xasprintf("%s %s %s", resident_get(r, RF_INTENT), resident_get(r, RF_SKILLS),
		                    resident_get(r, RF_FORMER));
		for (char *p = t; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		bulk_words(m, t, (uint32_t)m->nrows);
		free(t);
	}
	m->nrows++;
	return JY_OK;
}

static int seek_cmp(const void *x, const void *y)
{
	const struct seek_row *a = x, *b = y;
	int c = strcmp(a->reg_date, b->reg_date);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

static int word_cmp(const void *x, const void *y, void *arg)
{
	const struct seek_bulk *m = arg;
	const struct seek_word_row *a = x, *b = y;
	uint32_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(m->text.s + a->off, m->text.s + b->off, n);
	if (c || a->len != b->len)
		return c ? c : a->len < b->len ? -1 : 1;
	return seek_cmp(&m->rows[a->seek], &m->rows[b->seek]);
}

/* INSERT head with n rows of per parameters each ("(?, ?, …)"). Caller finalizes. */
static sqlite3_stmt *bulk_stmt(struct jy_db *db, const char *head, int per, int n, struct jy_err *err)
{
	struct jy_buf sql = { 0 };
	buf_adds(&sql, head);
	for (int i = 0, p = 0; i < n; i++) {
		buf_adds(&sql, i ? ", (" : " (");
		for (int k = 0; k < per; k++)
			buf_addf(&sql, "%s?%d", k ? ", " : "", ++p);
		buf_adds(&sql, ")");
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db_handle(db), sql.s, -1, &st, NULL) != SQLITE_OK)
		db_fail(db, err, "prepare");
	buf_free(&sql);
	return st;
}

static void bind_seek(sqlite3_stmt *st, int p, const struct seek_row *s)
{
	sqlite3_bind_text(st, p + 1, s->reg_date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, p + 2, s->id);
	sqlite3_bind_text(st, p + 3, s->sex, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, p + 4, s->birth, -1, SQLITE_STATIC);
	if (s->has_edu)
		sqlite3_bind_int(st, p + 5, s->edu);
	else
		sqlite3_bind_null(st, p + 5);
}

/* rows [0, n) of kind (0: seek, 1: seek_word) in statements of BULK_STMT_ROWS rows. */
static int bulk_insert(struct jy_db *db, struct seek_bulk *m, int kind, size_t n, struct jy_err *err)
{
	static const char *const head[] = {
		"INSERT INTO seek(reg_date, resident_id, sex, birth, edu, r5) VALUES",
		"INSERT OR IGNORE INTO seek_word(reg_date, resident_id, sex, birth, edu, word) VALUES",
	};
	sqlite3_stmt *full = NULL;
	int rc = JY_OK;
	for (size_t i = 0; !rc && i < n;) {
		int k = n - i >= BULK_STMT_ROWS ? BULK_STMT_ROWS : (int)(n - i);
		sqlite3_stmt *st = k == BULK_STMT_ROWS && full ? full : bulk_stmt(db, head[kind], 6, k, err);
		if (!st)
			return JY_EDB;
		if (k == BULK_STMT_ROWS)
			full = st;
		for (int j = 0; j < k; j++, i++) {
			if (kind == 0) {
				bind_seek(st, 6 * j, &m->rows[i]);
				sqlite3_bind_int(st, 6 * j + 6, m->rows[i].r5);
			} else {
				const struct seek_word_row *w = &m->words[i];
				bind_seek(st, 6 * j, &m->rows[w->seek]);
				sqlite3_bind_text(st, 6 * j + 6, m->text.s + w->off, (int)w->len, SQLITE_STATIC);
			}
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(db, err, _("updating the matching index"));
		sqlite3_reset(st);
		if (st != full)
			sqlite3_finalize(st);
	}
	sqlite3_finalize(full);
	return rc;
}

int seek_bulk_spill(struct jy_db *db, struct seek_bulk *m, struct jy_err *err)
{
	/* words first: they point at the rows by index */
	if (m->nwords)
		qsort_r(m->words, m->nwords, sizeof *m->words, word_cmp, m);
	int rc = bulk_insert(db, m, 1, m->nwords, err);
	if (!rc && m->nrows) {
		qsort(m->rows, m->nrows, sizeof *m->rows, seek_cmp);
		rc = bulk_insert(db, m, 0, m->nrows, err);
	}
	m->nrows = m->nwords = 0;
	m->text.len = 0;
	return rc;
}

size_t seek_bulk_rows(const struct seek_bulk *m)
{
	return m ? m->nrows : 0;
}

/* The load's new job seekers into seek and seek_word in key order, then seek_deferred emptied and
 * the triggers back. */
int seek_bulk_end(struct jy_db *db, struct seek_bulk *m, struct jy_err *err)
{
	int rc = seek_bulk_spill(db, m, err);
	if (!rc && db_exec(db, "DELETE FROM seek_deferred", err))
		rc = JY_EDB;
	if (!rc)
		rc = seek_bulk_restore(db, m, err);
	return rc;
}
