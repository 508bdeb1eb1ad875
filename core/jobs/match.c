/* core/jobs/match.c: postings and residents that fit each other (W4 step 2, W6 step 2).
 *
 * For a posting, the candidates are the residents looking for work who meet its requirements as
 * of a day: sex, age on that day (birth-date bounds, so the edges are exact: she is 40 on her
 * fortieth birthday, not the day before), education at least the lowest asked (the code's ord:
 * lower is more schooling). Best first:
 *   - on a public-welfare post, domain rule R5's groups first: 4050 (derived from sex and birth
 *     date as of that day, with the locality's ages), 大龄就业困难, 低保, 残疾, 就业困难, 零就业家庭;
 *     then everyone else; each in order of registration (who has waited longest);
 *   - on any other posting, those whose job intention, skills or former job share the posting's
 *     most specific two-character word ("保洁" in 社区保洁员 and in 家政/保洁: the word fewest
 *     seekers have, generic ones such as 服务 left out), then those who share the next one, …,
 *     each in order of registration; then everyone else eligible.
 * Why each one is there is said in words (the shared words as runs of the title, the priority
 * group); the date registered is beside it.
 *
 * Nothing reads the million-row resident table: seek holds one narrow row per job seeker and
 * seek_word her words in registration order, both kept by triggers (004_jobs.sql). Each step of
 * the order above is one index read in the order wanted, stopped as soon as the page is full, so
 * the first page costs about the same on a thousand or a million residents (tests/bench_jobs.c:
 * match_p95). Ranking by the number of shared words was measured first and dropped: it has to
 * count every resident who shares any word (100 ms on a million). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs/jobs_int.h"

#define MATCH_WORDS 32
#define MATCH_MAX 2000          /* rows a list may page through */
#define R5_CATEGORIES "'4050', 'OLDER_HARD', 'DIBAO', 'DISABLED', 'DIFFICULT', 'ZERO_EMP_HH'"

/* ---- the posting's requirements as bounds -------------------------------------------------- */

struct want {
	char sex[4];
	char lo[11], hi[11];            /* birth > lo AND birth <= hi */
	int edu;                        /* the highest ord accepted; -1: any */
	int pw;
	char f_lo[11], f_hi[11], m_lo[11], m_hi[11];    /* the 4050 bands as birth dates */
	char *words[MATCH_WORDS];
	int nwords;
	char *text;                     /* title and skills, for the reasons */
};

static void years_before(const char *asof, int years, char out[11])
{
	date_add_months(asof, -12 * years, out);
	if (!out[0])
		snprintf(out, 11, "0000-00-00");
}

static int band_4050(struct jy_db *db, const char *asof, struct want *w, struct jy_err *err)
{
	int fl, fu, ml, mu, rc;
	if ((rc = db_setting_int(db, "rule.4050.female_age", 40, &fl, err)) ||
	    (rc = db_setting_int(db, "rule.4050.female_upper", 55, &fu, err)) ||
	    (rc = db_setting_int(db, "rule.4050.male_age", 50, &ml, err)) ||
	    (rc = db_setting_int(db, "rule.4050.male_upper", 60, &mu, err)))
		return rc;
	years_before(asof, fl, w->f_hi);
	years_before(asof, ml, w->m_hi);
	if (fu > 0)
		years_before(asof, fu, w->f_lo);
	else
		snprintf(w->f_lo, sizeof w->f_lo, "0000-00-00");
	if (mu > 0)
		years_before(asof, mu, w->m_lo);
	else
		snprintf(w->m_lo, sizeof w->m_lo, "0000-00-00");
	return JY_OK;
}

/* An education code's place in the list into *ord; -1 (any) for a code the list lacks. */
static int edu_ord(struct jy_db *db, const char *code, int *ord, struct jy_err *err)
{
	*ord = -1;
	sqlite3_stmt *st = db_prepare(db, "SELECT ord FROM code WHERE list = 'education' AND "
	                                  "code = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*ord = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, _("reading a code list"));
	return JY_OK;
}

static void want_free(struct want *w)
{
	for (int i = 0; i < w->nwords; i++)
		free(w->words[i]);
	free(w->text);
}

static int want_load(struct jy_db *db, int64_t pid, const char *asof, struct want *w, struct jy_err *err)
{
	struct jobrec *p = NULL;
	memset(w, 0, sizeof *w);
	int rc = jobrec_load(db, JR_POSTING, pid, &p, err);
	if (rc)
		return rc;
	snprintf(w->sex, sizeof w->sex, "%s", jobrec_get(p, PST_SEX));
	snprintf(w->hi, sizeof w->hi, "9999-12-31");
	snprintf(w->lo, sizeof w->lo, "0000-00-00");
	if (p->v[PST_AGE_MIN])
		years_before(asof, atoi(p->v[PST_AGE_MIN]), w->hi);
	if (p->v[PST_AGE_MAX])
		years_before(asof, atoi(p->v[PST_AGE_MAX]) + 1, w->lo);
	w->edu = -1;
	if ((p->v[PST_EDUCATION] && (rc = edu_ord(db, p->v[PST_EDUCATION], &w->edu, err))) ||
	    (rc = band_4050(db, asof, w, err))) {
		jobrec_free(&p);
		return rc;
	}
	w->pw = strcmp(jobrec_get(p, PST_PW), "1") == 0;
	w->text = xasprintf("%s %s", jobrec_get(p, PST_TITLE), jobrec_get(p, PST_SKILLS));
	w->nwords = seek_words(w->text, w->words, MATCH_WORDS - 1);
	if (w->pw)
		w->words[w->nwords++] = xstrdup("公益");     /* 求职意向: 公益性岗位 */
	jobrec_free(&p);
	return JY_OK;
}

/* ---- candidates ----------------------------------------------------------------------------- */

struct cand {
	int64_t id;
	int prio;
	char reg[11];
};

struct cands {
	struct cand *c;
	int n, cap;
};

static void cands_push(struct cands *cs, const struct cand *c)
{
	if (cs->n == cs->cap)
		cs->c = xrealloc(cs->c, sizeof *cs->c * (size_t)(cs->cap = cs->cap ? cs->cap * 2 : 64));
	cs->c[cs->n++] = *c;
}

static int by_reg(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	int c = strcmp(x->reg, y->reg);
	if (c)
		return c;
	return (x->id > y->id) - (x->id < y->id);
}

/* The ids already placed in the order: open addressing, never removed. */
struct idset {
	int64_t *slot;
	size_t cap, n;
};

static int idset_has(const struct idset *s, int64_t id)
{
	if (!s->cap)
		return 0;
	for (size_t i = ((uint64_t)id * 0x9E3779B97F4A7C15ULL) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		if (s->slot[i] == id)
			return 1;
		if (!s->slot[i])
			return 0;
	}
}

static void idset_add(struct idset *s, int64_t id)
{
	if ((s->n + 1) * 2 > s->cap) {
		struct idset old = *s;
		s->cap = old.cap ? old.cap * 2 : 256;
		s->slot = xcalloc(s->cap, sizeof *s->slot);
		s->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slot[i])
				idset_add(s, old.slot[i]);
		free(old.slot);
	}
	size_t i = ((uint64_t)id * 0x9E3779B97F4A7C15ULL) & (s->cap - 1);
	while (s->slot[i] && s->slot[i] != id)
		i = (i + 1) & (s->cap - 1);
	if (!s->slot[i]) {
		s->slot[i] = id;
		s->n++;
	}
}

static int is_prio(const struct want *w, int r5, const char *sex, const char *birth)
{
	if (r5)
		return 1;
	if (strcmp(sex, "2") == 0)
		return strcmp(birth, w->f_hi) <= 0 && strcmp(birth, w->f_lo) > 0;
	return strcmp(birth, w->m_hi) <= 0 && strcmp(birth, w->m_lo) > 0;
}

/* ?1 ?2: the sexes taken; ?3 ?4: birth > ?3 AND birth <= ?4; ?5: the highest education ord
 * (negative: any); ?6: priority wanted (-1 any, 1 R5 only, 0 none of R5); ?7-?10: the 4050 bands. */
static void bind_want(sqlite3_stmt *st, const struct want *w, int prio)
{
	sqlite3_bind_text(st, 1, w->sex[0] ? w->sex : "1", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, w->sex[0] ? w->sex : "2", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, w->lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, w->hi, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 5, w->edu);
	sqlite3_bind_int(st, 6, prio);
	sqlite3_bind_text(st, 7, w->f_hi, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, w->f_lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, w->m_hi, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 10, w->m_lo, -1, SQLITE_TRANSIENT);
}

#define SEEK_WANT(x) \
	x "sex IN (?1, ?2) AND " x "birth > ?3 AND " x "birth <= ?4 " \
	"AND (?5 < 0 OR (" x "edu IS NOT NULL AND " x "edu <= ?5)) "
#define SEEK_PRIO \
	"AND (?6 < 0 OR (s.r5 = 1 OR (s.sex = '2' AND s.birth <= ?7 AND s.birth > ?8) OR " \
	"(s.sex = '1' AND s.birth <= ?9 AND s.birth > ?10)) = ?6) "
#define WORD_PARAMS \
	"?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, " \
	"?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48, ?49, ?50, ?51"

/* Generic pieces that many trades share (服务员, 社区…): they say little about a fit, so they do
 * not rank; a resident sharing only them still shows her intention in why. */
static int word_generic(const char *w)
{
	static const char *const generic[] = { "服务", "社区", "工作", "人员", "岗位", "公司", "公益" };
	for (size_t i = 0; i < ARRAY_LEN(generic); i++)
		if (strcmp(generic[i], w) == 0)
			return 1;
	return 0;
}

/* How many seekers have the word into *n, counted up to a bound (rarer words are more specific). */
static int word_count(struct jy_db *db, const char *word, int *n, struct jy_err *err)
{
	*n = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM (SELECT 1 FROM seek_word WHERE word = ?1 "
	                              "LIMIT 500)", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, word, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return s == SQLITE_ROW ? JY_OK : db_fail(db, err, _("matching"));
}

/* The ranking words: the posting's pieces without the generic ones, rarest first (the title's
 * before the skills' among equally common ones). Indexes into w->words, their count into *nw. */
static int rank_words(struct jy_db *db, const struct want *w, int *idx, int *nw, struct jy_err *err)
{
	int n = 0, cnt[MATCH_WORDS], rc;
	*nw = 0;
	for (int i = 0; i < w->nwords; i++) {
		if (word_generic(w->words[i]))
			continue;
		if ((rc = word_count(db, w->words[i], &cnt[n], err)))
			return rc;
		idx[n++] = i;
	}
	for (int i = 1; i < n; i++)             /* insertion sort: stable, a dozen words */
		for (int k = i; k > 0 && cnt[k] < cnt[k - 1]; k--) {
			int t = cnt[k]; cnt[k] = cnt[k - 1]; cnt[k - 1] = t;
			t = idx[k]; idx[k] = idx[k - 1]; idx[k - 1] = t;
		}
	*nw = n;
	return JY_OK;
}

/* The eligible who have word, in registration order, appended until out holds need; *done when
 * the word's list was read to its end. */
static int word_cands(struct jy_db *db, const struct want *w, const char *word, struct idset *seen,
                      struct cands *out, int need, int *done, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT resident_id, reg_date FROM seek_word WHERE word = ?20 AND " SEEK_WANT("")
		"ORDER BY reg_date, resident_id", err);
	if (!st)
		return JY_EDB;
	bind_want(st, w, -1);
	sqlite3_bind_text(st, 20, word, -1, SQLITE_TRANSIENT);
	int rc = SQLITE_DONE;
	while (out->n < need && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct cand c = { .id = sqlite3_column_int64(st, 0) };
		if (idset_has(seen, c.id))
			continue;
		db_col_copy(st, 1, c.reg, sizeof c.reg);
		idset_add(seen, c.id);
		cands_push(out, &c);
	}
	*done = rc == SQLITE_DONE;
	if (out->n >= need)
		rc = SQLITE_DONE;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? JY_OK : db_fail(db, err, _("matching"));
}

/* The eligible not in seen, priority as asked, in registration order, appended until out holds
 * need. When the posting's sex and ages leave few people (a small range of birth dates), they are
 * read from that range and sorted here; otherwise the registration-order index is read until the
 * page is full. Either way about a page of rows, not the registry. */
#define RANGE_SMALL 5000
static int rest_cands(struct jy_db *db, const struct want *w, int prio, const struct idset *seen,
                      struct cands *out, int need, struct jy_err *err)
{
	if (out->n >= need)
		return JY_OK;
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM (SELECT 1 FROM seek s INDEXED BY seek_birth "
	                              "WHERE " SEEK_WANT("s.") "LIMIT 5000)", err);
	if (!st)
		return JY_EDB;
	bind_want(st, w, -1);
	int s = sqlite3_step(st);
	int small = s == SQLITE_ROW && sqlite3_column_int(st, 0) < RANGE_SMALL;
	sqlite3_reset(st);
	if (s != SQLITE_ROW)
		return db_fail(db, err, _("matching"));
	static const char *const sql[2] = {
		/* "+": not by birth date; in registration order, the table's own (stops at a page) */
		"SELECT s.resident_id, s.reg_date, s.r5, s.sex, s.birth FROM seek s WHERE "
		SEEK_WANT("+s.") SEEK_PRIO "ORDER BY s.reg_date, s.resident_id",
		"SELECT s.resident_id, s.reg_date, s.r5, s.sex, s.birth FROM seek s INDEXED BY seek_birth WHERE "
		SEEK_WANT("s.") SEEK_PRIO,
	};
	st = db_prepare(db, sql[small], err);
	if (!st)
		return JY_EDB;
	bind_want(st, w, prio);
	struct cands all = { 0 };
	struct cands *to = small ? &all : out;
	int rc = SQLITE_DONE;
	while ((small || out->n < need) && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct cand c = { .id = sqlite3_column_int64(st, 0) };
		if (idset_has(seen, c.id))
			continue;
		db_col_copy(st, 1, c.reg, sizeof c.reg);
		c.prio = is_prio(w, sqlite3_column_int(st, 2), (const char *)sqlite3_column_text(st, 3),
		                 (const char *)sqlite3_column_text(st, 4));
		cands_push(to, &c);
	}
	if (!small && out->n >= need)
		rc = SQLITE_DONE;
	sqlite3_reset(st);
	if (small) {
		if (all.n > 1)
			qsort(all.c, (size_t)all.n, sizeof *all.c, by_reg);
		for (int i = 0; i < all.n && out->n < need; i++)
			cands_push(out, &all.c[i]);
		free(all.c);
	}
	return rc == SQLITE_DONE ? JY_OK : db_fail(db, err, _("matching"));
}

/* Can anyone eligible be outside the priority groups? Not when every sex the posting takes is
 * held inside its 4050 band by the age range (女40-50 on a public-welfare post): the scan for
 * them would read every candidate to find nobody. */
static int outside_possible(const struct want *w)
{
	int f = !w->sex[0] || strcmp(w->sex, "2") == 0, m = !w->sex[0] || strcmp(w->sex, "1") == 0;
	int f_all = !f || (strcmp(w->lo, w->f_lo) >= 0 && strcmp(w->hi, w->f_hi) <= 0);
	int m_all = !m || (strcmp(w->lo, w->m_lo) >= 0 && strcmp(w->hi, w->m_hi) <= 0);
	return !(f_all && m_all);
}

/* The order of the whole list, as far as need rows.
 *   Ordinary posting: those who share the posting's most specific word (rank_words) in order of
 *   registration, then those who share the next one, …; then everyone else eligible.
 *   Public-welfare post (R5): the priority groups, then everyone else, each in order of
 *   registration; whether the intention fits is said in why. */
static int match_order(struct jy_db *db, const struct want *w, int need, struct cands *order,
                       struct jy_err *err)
{
	struct idset seen = { 0 };
	int rc = JY_OK;
	if (w->pw) {
		rc = rest_cands(db, w, 1, &seen, order, need, err);
		for (int i = 0; i < order->n; i++)
			idset_add(&seen, order->c[i].id);
		if (!rc && outside_possible(w))
			rc = rest_cands(db, w, 0, &seen, order, need, err);
		free(seen.slot);
		return rc;
	}
	int idx[MATCH_WORDS], nw = 0, all_read = 1;
	rc = rank_words(db, w, idx, &nw, err);
	for (int i = 0; i < nw && !rc && order->n < need; i++) {
		int done = 0;
		rc = word_cands(db, w, w->words[idx[i]], &seen, order, need, &done, err);
		all_read &= done;
	}
	/* everyone who shares a word is in seen once every list was read to its end */
	if (!rc && order->n < need && all_read)
		rc = rest_cands(db, w, -1, &seen, order, need, err);
	free(seen.slot);
	return rc;
}

/* ---- the rows and why ----------------------------------------------------------------------- */

static int why_priority(struct jy_db *db, int64_t id, const char *sex, const char *birth, int dibao,
                        const char *health, const char *asof, struct jy_buf *b, struct jy_err *err)
{
	struct resident tmp = { 0 };
	tmp.v[RF_SEX] = (char *)sex;
	tmp.v[RF_BIRTH] = (char *)birth;
	struct rule_hit hits[2];
	int n, have_dibao = 0, have_dis = 0, hidden = 0, s;
	int rc = rules_derive(db, &tmp, asof, hits, 2, &n, err);
	if (rc)
		return rc;
	size_t start = b->len;
	for (int i = 0; i < n; i++)
		if (strcmp(hits[i].code, "4050") == 0)
			buf_addf(b, "%s4050", b->len > start ? "、" : "");
	const struct code_list *cl = codes_cached(db, "category", err);
	if (!cl)
		return JY_EDB;
	sqlite3_stmt *st = db_prepare(db, "SELECT category FROM resident_category WHERE resident_id = ?1 "
	                              "AND category IN (" R5_CATEGORIES ") ORDER BY category", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);
		if (strcmp(c, "4050") == 0 && n)
			continue;
		have_dibao |= strcmp(c, "DIBAO") == 0;
		have_dis |= strcmp(c, "DISABLED") == 0;
		if (category_sensitive(c, strlen(c))) {
			hidden = 1;     /* 低保, 特困, 残疾: not in a list */
			continue;
		}
		const char *l = codes_label(cl, c);
		buf_addf(b, "%s%s", b->len > start ? "、" : "", l ? l : c);
	}
	sqlite3_reset(st);
	if (s != SQLITE_DONE)
		return db_fail(db, err, _("matching"));
	if ((dibao && !have_dibao) || (health && health[0] == '6' && !have_dis))
		hidden = 1;
	if (hidden)     /* which one is on her page, for those who open it */
		buf_addf(b, "%s困难类别见档案", b->len > start ? "、" : "");
	return JY_OK;
}

static int why_fit(struct jy_db *db, const struct want *w, const struct cand *c, const char *intent,
                   int *fit, struct jy_buf *b, struct jy_err *err)
{
	char *matched[MATCH_WORDS];
	int nm = 0, s = SQLITE_DONE;
	sqlite3_stmt *st = db_prepare(db, "SELECT word FROM seek_word WHERE word IN (" WORD_PARAMS ") "
	                              "AND reg_date = ?1 AND resident_id = ?2", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, c->reg, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, c->id);
	for (int i = 0; i < w->nwords; i++)
		sqlite3_bind_text(st, 20 + i, w->words[i], -1, SQLITE_TRANSIENT);
	while (nm < MATCH_WORDS && (s = sqlite3_step(st)) == SQLITE_ROW)
		matched[nm++] = db_col_str(st, 0);
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE) {
		for (int i = 0; i < nm; i++)
			free(matched[i]);
		return db_fail(db, err, _("matching"));
	}
	*fit = nm;
	struct jy_buf runs = { 0 };
	seek_word_runs(w->text, matched, nm, &runs);
	if (runs.len)
		buf_addf(b, _("intent fits: %s"), runs.s);
	else if (nm)
		buf_addf(b, _("intent fits: %s"), "公益性岗位");
	else if (intent && *intent)
		buf_addf(b, _("intent: %s"), intent);
	else
		buf_adds(b, _("no job intention recorded"));
	buf_free(&runs);
	for (int i = 0; i < nm; i++)
		free(matched[i]);
	return JY_OK;
}

/* One row of the list; JY_ENOTFOUND (no message) when the candidate's record is gone. */
static int match_row_fill(struct jy_db *db, const struct want *w, const struct cand *c, const char *asof,
                          struct match_row *r, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT name, sex, birth, reg_date, status, phone, job_intent, dibao, "
	                              "health FROM resident WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	memset(r, 0, sizeof *r);
	r->id = c->id;
	r->priority = w->pw ? c->prio : 0;
	sqlite3_bind_int64(st, 1, c->id);
	int s = sqlite3_step(st);
	if (s != SQLITE_ROW) {
		sqlite3_reset(st);
		return s == SQLITE_DONE ? JY_ENOTFOUND : db_fail(db, err, _("matching"));
	}
	db_col_copy(st, 0, r->name, sizeof r->name);
	db_col_copy(st, 1, r->sex, sizeof r->sex);
	db_col_copy(st, 2, r->birth, sizeof r->birth);
	db_col_copy(st, 3, r->reg_date, sizeof r->reg_date);
	db_col_copy(st, 4, r->status, sizeof r->status);
	char phone[sizeof r->phone];
	db_col_copy(st, 5, phone, sizeof phone);
	mask_phone(phone, r->phone, sizeof r->phone);   /* lists show 138****5678 */
	char *intent = db_col_str(st, 6);
	int dibao = sqlite3_column_int(st, 7);
	char *health = db_col_str(st, 8);
	sqlite3_reset(st);
	r->age = date_age(r->birth, asof);
	struct jy_buf b = { 0 };
	int rc = JY_OK;
	if (c->prio && w->pw) {
		buf_adds(&b, _("priority (R5): "));
		rc = why_priority(db, c->id, r->sex, r->birth, dibao, health, asof, &b, err);
		buf_adds(&b, "; ");
	}
	if (!rc)
		rc = why_fit(db, w, c, intent, &r->fit, &b, err);
	snprintf(r->why, sizeof r->why, "%s", b.s);
	buf_free(&b);
	free(intent);
	free(health);
	return rc;
}

/* Only the residents of the worker's communities: the order kept to those in scope.
 * Returns how many candidates were read before the filter. */
#define MATCH_SCAN 100000       /* candidates read at most to fill a page for a community worker */
static int order_in_scope(struct jy_db *db, struct cands *order, int *read, struct jy_err *err)
{
	int k = 0, s;
	*read = order->n;
	if (access_scope_all(db))
		return JY_OK;
	sqlite3_stmt *st = db_prepare(db, "SELECT jy_in_scope(community) FROM resident "
	                                  "WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	for (int i = 0; i < order->n; i++) {
		sqlite3_bind_int64(st, 1, order->c[i].id);
		s = sqlite3_step(st);
		int keep = s == SQLITE_ROW && sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		if (s != SQLITE_ROW && s != SQLITE_DONE)
			return db_fail(db, err, _("matching"));
		if (keep)
			order->c[k++] = order->c[i];
	}
	order->n = k;
	return JY_OK;
}

int match_residents(struct jy_db *db, int64_t posting_id, const char *asof_in, int offset, int limit,
                    struct match_row **rows, int *n, int *more, struct jy_err *err)
{
	char today[11];
	const char *asof = asof_in && *asof_in ? asof_in : (date_today(today), today);
	*rows = NULL;
	*n = 0;
	*more = 0;
	int denied = access_check(db, OP_VIEW, NULL, err);
	if (denied)
		return denied;
	if (offset < 0)
		offset = 0;
	if (limit <= 0)
		limit = 50;
	if (offset + limit > MATCH_MAX) {
		if (offset >= MATCH_MAX)
			return JY_OK;
		limit = MATCH_MAX - offset;
	}
	struct want w;
	int rc = want_load(db, posting_id, asof, &w, err);
	if (rc)
		return rc;
	struct cands order = { 0 };
	/* a community worker's page may need more of the order: read further until it is full */
	for (int need = offset + limit + 1;; need = need < MATCH_SCAN / 4 ? need * 4 : MATCH_SCAN) {
		int read = 0;
		order.n = 0;
		rc = match_order(db, &w, need, &order, err);
		if (!rc)
			rc = order_in_scope(db, &order, &read, err);
		if (rc || order.n > offset + limit || read < need || need >= MATCH_SCAN)
			break;
	}
	if (!rc && order.n > offset) {
		int k = order.n - offset < limit ? order.n - offset : limit;
		*rows = xcalloc((size_t)k, sizeof **rows);
		for (int i = 0; i < k && !rc; i++) {
			rc = match_row_fill(db, &w, &order.c[offset + i], asof, &(*rows)[*n], err);
			if (rc == JY_ENOTFOUND)
				rc = JY_OK;
			else if (!rc)
				(*n)++;
		}
		*more = order.n > offset + limit;
	}
	free(order.c);
	want_free(&w);
	if (rc)
		FREE(rows), *n = 0;
	return rc;
}

/* ---- the other way: postings for a resident ------------------------------------------------- */

struct her {
	char sex[4], birth[11];
	int edu, prio;
	char *words[64];
	int nwords;
};

static int her_load(struct jy_db *db, int64_t rid, const char *asof, struct her *h, struct jy_err *err)
{
	memset(h, 0, sizeof *h);
	sqlite3_stmt *st = db_prepare(db,
		"SELECT sex, birth, (SELECT ord FROM code WHERE list = 'education' AND code = r.education), "
		"lower(coalesce(job_intent, '') || ' ' || coalesce(skills, '') || ' ' || coalesce(former_job, '')), "
		"dibao = 1 OR coalesce(health, '') LIKE '6%' OR EXISTS (SELECT 1 FROM resident_category c WHERE "
		"c.resident_id = r.id AND c.category IN (" R5_CATEGORIES ")) FROM resident r WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rid);
	int s = sqlite3_step(st);
	if (s != SQLITE_ROW) {
		sqlite3_reset(st);
		if (s != SQLITE_DONE)
			return db_fail(db, err, _("matching"));
		return err_set(err, JY_ENOTFOUND, NULL, _("resident %lld not found"), (long long)rid);
	}
	db_col_copy(st, 0, h->sex, sizeof h->sex);
	db_col_copy(st, 1, h->birth, sizeof h->birth);
	h->edu = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 2);
	h->nwords = seek_words((const char *)sqlite3_column_text(st, 3), h->words, 64);
	int r5 = sqlite3_column_int(st, 4);
	sqlite3_reset(st);
	struct want w = { 0 };
	int rc = band_4050(db, asof, &w, err);
	if (rc) {
		for (int i = 0; i < h->nwords; i++)
			free(h->words[i]);
		h->nwords = 0;
		return rc;
	}
	h->prio = is_prio(&w, r5, h->sex, h->birth);
	return JY_OK;
}

static int her_fit(const struct her *h, const char *text, int pw, char **hit, int *nhit)
{
	char *pw_words[MATCH_WORDS];
	int n = seek_words(text, pw_words, MATCH_WORDS - 1), fit = 0;
	if (pw)
		pw_words[n++] = xstrdup("公益");
	*nhit = 0;
	for (int i = 0; i < n; i++) {
		int found = 0;
		for (int k = 0; k < h->nwords && !found; k++)
			found = strcmp(h->words[k], pw_words[i]) == 0;
		if (found) {
			fit++;
			hit[(*nhit)++] = pw_words[i];
		} else {
			free(pw_words[i]);
		}
	}
	return fit;
}

static int by_posting(const void *a, const void *b)
{
	const struct match_posting *x = a, *y = b;
	/* R5 on public-welfare posts first, then more shared words, then the newest */
	int px = x->public_welfare > 1, py = y->public_welfare > 1;
	if (px != py)
		return py - px;
	if (x->fit != y->fit)
		return y->fit - x->fit;
	return (y->id > x->id) - (y->id < x->id);
}

static int posting_fits_her(const struct her *h, sqlite3_stmt *st, const char *asof)
{
	const char *sex = (const char *)sqlite3_column_text(st, 8);
	if (sex && *sex && strcmp(sex, h->sex) != 0)
		return 0;
	int age = date_age(h->birth, asof);
	if (sqlite3_column_type(st, 9) != SQLITE_NULL && age < sqlite3_column_int(st, 9))
		return 0;
	if (sqlite3_column_type(st, 10) != SQLITE_NULL && age > sqlite3_column_int(st, 10))
		return 0;
	if (sqlite3_column_type(st, 11) != SQLITE_NULL && (h->edu < 0 || h->edu > sqlite3_column_int(st, 11)))
		return 0;
	return 1;
}

int match_postings(struct jy_db *db, int64_t resident_id, const char *asof_in,
                   struct match_posting **rows, int *n, struct jy_err *err)
{
	char today[11];
	const char *asof = asof_in && *asof_in ? asof_in : (date_today(today), today);
	*rows = NULL;
	*n = 0;
	int rc = resident_access(db, resident_id, OP_VIEW, err);   /* hers to see */
	if (rc)
		return rc;
	struct her h;
	rc = her_load(db, resident_id, asof, &h, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT p.id, p.code, p.title, e.name, p.closes, p.openings - p.filled, p.public_welfare, "
		"coalesce(p.title, '') || ' ' || coalesce(p.skills, ''), p.sex_req, p.age_min, p.age_max, "
		"(SELECT ord FROM code WHERE list = 'education' AND code = p.education) "
		"FROM posting p JOIN employer e ON e.id = p.employer_id "
		"WHERE " POSTING_STATE_SQL("?1") " = 'open' ORDER BY p.id DESC LIMIT 500", err);
	if (!st) {
		rc = JY_EDB;
		goto out;
	}
	sqlite3_bind_text(st, 1, asof, -1, SQLITE_TRANSIENT);
	int cap = 0, s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (!posting_fits_her(&h, st, asof))
			continue;
		if (*n == cap)
			*rows = xrealloc(*rows, sizeof **rows * (size_t)(cap = cap ? cap * 2 : 16));
		struct match_posting *m = &(*rows)[(*n)++];
		memset(m, 0, sizeof *m);
		m->id = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, m->code, sizeof m->code);
		db_col_copy(st, 2, m->title, sizeof m->title);
		db_col_copy(st, 3, m->employer, sizeof m->employer);
		db_col_copy(st, 4, m->closes, sizeof m->closes);
		m->left = sqlite3_column_int(st, 5);
		m->public_welfare = sqlite3_column_int(st, 6);
		char *hit[MATCH_WORDS];
		int nhit;
		const char *text = (const char *)sqlite3_column_text(st, 7);
		m->fit = her_fit(&h, text, m->public_welfare, hit, &nhit);
		struct jy_buf b = { 0 };
		if (m->public_welfare && h.prio) {
			m->public_welfare = 2;      /* sorts first; reported as 1 below */
			buf_adds(&b, _("public-welfare post, she is in a priority group (R5)"));
		}
		struct jy_buf runs = { 0 };
		seek_word_runs(text, hit, nhit, &runs);
		if (runs.len || m->fit)
			buf_addf(&b, "%s", b.len ? "; " : "");
		if (runs.len)
			buf_addf(&b, _("intent fits: %s"), runs.s);
		else if (m->fit)
			buf_addf(&b, _("intent fits: %s"), "公益性岗位");
		buf_free(&runs);
		for (int i = 0; i < nhit; i++)
			free(hit[i]);
		if (m->closes[0])
			buf_addf(&b, _("%scloses %s"), b.len ? "; " : "", m->closes);
		snprintf(m->why, sizeof m->why, "%s", b.s ? b.s : "");
		buf_free(&b);
	}
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		rc = db_fail(db, err, _("matching"));
		FREE(rows);
		*n = 0;
		goto out;
	}
	if (*n > 1)
		qsort(*rows, (size_t)*n, sizeof **rows, by_posting);
	for (int i = 0; i < *n; i++)
		if ((*rows)[i].public_welfare > 1)
			(*rows)[i].public_welfare = 1;
out:
	for (int i = 0; i < h.nwords; i++)
		free(h.words[i]);
	return rc;
}
