/* core/registry/search.c: how workers look people up, without ever scanning the registry.
 *
 * Every resident has a few rows in search_key (a WITHOUT ROWID table whose primary key is the
 * index), each a kind letter and a text:
 *   'i' + pinyin initials of the name, one row per reading of polyphonic characters (曾 → z, c);
 *   'n' + every suffix of the folded name (traditional → simplified, NFKC, lower case), so a
 *       prefix range finds a substring anywhere in the name: 晓红 is a prefix of the suffix 晓红;
 *   't' + the ID number and the phone digits reversed, so a prefix range finds the last digits.
 * A query is one prefix range over that index, read in key order with keyset pagination, so the
 * first page costs the same on 1,000 or 1,000,000 residents. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry/registry_int.h"

#define KEYS_MAX 48
#define INITIALS_MAX 8

/* The largest code point: every key that starts with the prefix sorts below prefix + this. */
static const char key_top[] = "\xF4\x8F\xBF\xBF";

/* kind letter + text, allocated. */
static char *key_make(char kind, const char *text)
{
	size_t n = strlen(text);
	char *k = xmalloc(n + 2);
	k[0] = kind;
	memcpy(k + 1, text, n + 1);
	return k;
}

static void keys_push(char **keys, int *n, char *k)
{
	for (int i = 0; i < *n; i++) {
		if (strcmp(keys[i], k) == 0) {
			free(k);
			return;
		}
	}
	if (*n < KEYS_MAX)
		keys[(*n)++] = k;
	else
		free(k);
}

static char *reverse_digits(const char *s)
{
	size_t n = strlen(s);
	char *r = xmalloc(n + 2);
	size_t j = 0;
	r[j++] = 't';
	for (size_t i = n; i-- > 0;)
		if (isdigit((unsigned char)s[i]) || s[i] == 'X' || s[i] == 'x')
			r[j++] = (char)toupper((unsigned char)s[i]);
	r[j] = '\0';
	return r;
}

/* The search keys of one resident's values. Returns how many; each keys[i] is allocated. */
static int search_keys(const char *name, const char *idno, const char *phone, char **keys)
{
	int n = 0;
	if (name && *name) {
		char *init[INITIALS_MAX];
		int ni = hanzi_initials_all(name, init, INITIALS_MAX);
		for (int i = 0; i < ni; i++) {
			keys_push(keys, &n, key_make('i', init[i]));
			free(init[i]);
		}
		char *folded = hanzi_fold(name);
		size_t len = strlen(folded);
		for (size_t off = 0; off < len; off = text_next_grapheme(folded, len, off))
			if (folded[off] != ' ')
				keys_push(keys, &n, key_make('n', folded + off));
		free(folded);
	}
	if (idno && *idno)
		keys_push(keys, &n, reverse_digits(idno));
	if (phone && *phone)
		keys_push(keys, &n, reverse_digits(phone));
	return n;
}

/* The key of the whole name among search_keys' suffixes: 'n' and the folded name from its first
 * character that is not a space. Every resident named name has it (allocated; NULL for a name of
 * spaces), so an exact name is found through search_key without an index of its own. */
char *search_name_key(const char *name)
{
	char *folded = hanzi_fold(name ? name : "");
	size_t off = strspn(folded, " ");
	char *k = folded[off] ? key_make('n', folded + off) : NULL;
	free(folded);
	return k;
}

static int keys_has(char **keys, int n, const char *k)
{
	for (int i = 0; i < n; i++)
		if (strcmp(keys[i], k) == 0)
			return 1;
	return 0;
}

/* The keys of a bulk load: their bytes in one arena, each sorted by its first eight bytes as a
 * number first (most comparisons end there, without following a pointer). */
struct search_batch {
	struct batch_key {
		uint64_t head;          /* the first 8 bytes, big-endian, zero-padded */
		uint32_t off, len;      /* in text */
		int64_t id;
	} *keys;
	size_t n, cap;
	struct jy_buf text;
};

static void batch_free(void *state)
{
	struct search_batch *b = state;
	free(b->keys);
	buf_free(&b->text);
	free(b);
}

void search_batch_begin(struct jy_db *db)
{
	db_bulk_set(db, xcalloc(1, sizeof(struct search_batch)), batch_free);
}

void search_batch_drop(struct jy_db *db)
{
	db_bulk_set(db, NULL, NULL);
}

static int batch_cmp(const void *a, const void *b, void *text)
{
	/* memcmp over the shorter length, then length: the same order as SQLite's BINARY collation */
	const struct batch_key *x = a, *y = b;
	const char *batch_text = text;
	if (x->head != y->head)
		return x->head < y->head ? -1 : 1;
	uint32_t n = x->len < y->len ? x->len : y->len;
	int c = n > 8 ? memcmp(batch_text + x->off + 8, batch_text + y->off + 8, n - 8) : 0;
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

#define BATCH_ROWS 64   /* keys of one INSERT statement */

/* One INSERT for n keys (a statement per key costs its start and end every time). */
static sqlite3_stmt *batch_stmt(struct jy_db *db, int n, struct jy_err *err)
{
	struct jy_buf sql = { 0 };
	buf_adds(&sql, "INSERT OR IGNORE INTO search_key(key, resident_id) VALUES ");
	for (int i = 0; i < n; i++)
		buf_addf(&sql, "%s(?%d, ?%d)", i ? ", " : "", 2 * i + 1, 2 * i + 2);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db_handle(db), sql.s, -1, &st, NULL) != SQLITE_OK)
		db_fail(db, err, "prepare");
	buf_free(&sql);
	return st;
}

static int batch_write(struct jy_db *db, struct search_batch *b, struct jy_err *err)
{
	sqlite3_stmt *full = b->n >= BATCH_ROWS ? batch_stmt(db, BATCH_ROWS, err) : NULL;
	if (b->n >= BATCH_ROWS && !full)
		return JY_EDB;
	int rc = JY_OK;
	for (size_t i = 0; !rc && i < b->n;) {
		int m = b->n - i >= BATCH_ROWS ? BATCH_ROWS : (int)(b->n - i);
		sqlite3_stmt *st = m == BATCH_ROWS ? full : batch_stmt(db, m, err);
		if (!st) {
			rc = JY_EDB;
			break;
		}
		for (int k = 0; k < m; k++, i++) {
			sqlite3_bind_text(st, 2 * k + 1, b->text.s + b->keys[i].off, (int)b->keys[i].len,
			                  SQLITE_STATIC);
			sqlite3_bind_int64(st, 2 * k + 2, b->keys[i].id);
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(db, err, _("updating the search index"));
		sqlite3_reset(st);
		if (st != full)
			sqlite3_finalize(st);
	}
	sqlite3_finalize(full);
	return rc;
}

int search_batch_flush(struct jy_db *db, struct jy_err *err)
{
	struct search_batch *b = db_bulk_get(db);
	if (!b)
		return JY_OK;
	if (b->n)
		qsort_r(b->keys, b->n, sizeof *b->keys, batch_cmp, b->text.s);
	/* batch_write saves through search_index_resident's statements, not the batch */
	int rc = batch_write(db, b, err);
	search_batch_drop(db);
	return rc;
}

static void batch_add(struct search_batch *b, char **keys, int n, int64_t id)
{
	for (int i = 0; i < n; i++) {
		if (b->n == b->cap) {
			b->cap = b->cap ? b->cap * 2 : 4096;
			b->keys = xrealloc(b->keys, sizeof *b->keys * b->cap);
		}
		struct batch_key *k = &b->keys[b->n++];
		size_t len = strlen(keys[i]);
		uint64_t head = 0;
		for (size_t j = 0; j < 8; j++)
			head = head << 8 | (j < len ? (unsigned char)keys[i][j] : 0);
		*k = (struct batch_key){ head, (uint32_t)b->text.len, (uint32_t)len, id };
		buf_add(&b->text, keys[i], len);
		free(keys[i]);
	}
}

int search_index_resident(struct jy_db *db, int64_t id, const char *old_name, const char *old_idno,
                          const char *old_phone, const char *name, const char *idno,
                          const char *phone, struct jy_err *err)
{
	char *was[KEYS_MAX], *now[KEYS_MAX];
	struct search_batch *batch = db_bulk_get(db);
	if (batch && !old_name && !old_idno && !old_phone) {
		batch_add(batch, now, search_keys(name, idno, phone, now), id);
		return JY_OK;
	}
	int nwas = search_keys(old_name, old_idno, old_phone, was);
	int nnow = search_keys(name, idno, phone, now);
	int rc = JY_OK;
	sqlite3_stmt *del = db_prepare(db, "DELETE FROM search_key WHERE key = ?1 AND resident_id = ?2", err);
	for (int i = 0; del && !rc && i < nwas; i++) {
		if (keys_has(now, nnow, was[i]))
			continue;
		sqlite3_bind_text(del, 1, was[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(del, 2, id);
		if (sqlite3_step(del) != SQLITE_DONE)
			rc = db_fail(db, err, _("updating the search index"));
		sqlite3_reset(del);
	}
	sqlite3_stmt *ins = del ? db_prepare(db,
		"INSERT OR IGNORE INTO search_key(key, resident_id) VALUES (?1, ?2)", err) : NULL;
	for (int i = 0; ins && !rc && i < nnow; i++) {
		if (keys_has(was, nwas, now[i]))
			continue;
		sqlite3_bind_text(ins, 1, now[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 2, id);
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = db_fail(db, err, _("updating the search index"));
		sqlite3_reset(ins);
	}
	if (!del || (!ins && !rc))
		rc = JY_EDB;
	for (int i = 0; i < nwas; i++)
		free(was[i]);
	for (int i = 0; i < nnow; i++)
		free(now[i]);
	return rc;
}

/* Which key range a query means. Returns the prefix (Caller frees) or NULL for "everybody". */
static char *query_prefix(const char *query)
{
	char *q = hanzi_fold(query ? query : "");
	size_t n = 0;
	for (char *p = q; *p; p++)
		if (*p != ' ')
			q[n++] = *p;
	q[n] = '\0';
	if (!n) {
		free(q);
		return NULL;
	}
	int digits = 1, letters = 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)q[i];
		if (!isdigit(c) && !(i == n - 1 && (c == 'x' || c == 'X') && n > 1))
			digits = 0;
		if (!(c >= 'a' && c <= 'z'))
			letters = 0;
	}
	char *prefix;
	if (digits) {
		/* the last digits, reversed: "123x" → "tX321" */
		prefix = xmalloc(n + 2);
		prefix[0] = 't';
		for (size_t i = 0; i < n; i++)
			prefix[i + 1] = (char)toupper((unsigned char)q[n - 1 - i]);
		prefix[n + 1] = '\0';
	} else if (letters) {
		prefix = xasprintf("i%s", q);
	} else {
		prefix = xasprintf("n%s", q);
	}
	free(q);
	return prefix;
}

/* Cursor text: "k<id>\t<key>" for a key range, "a<id>" for the everybody list. */
static int row_fill(struct jy_db *db, sqlite3_stmt *st, int col, struct search_row *row,
                    struct jy_err *err)
{
	row->id = sqlite3_column_int64(st, col);
	db_col_copy(st, col + 1, row->name, sizeof row->name);
	db_col_copy(st, col + 2, row->sex, sizeof row->sex);
	db_col_copy(st, col + 3, row->birth, sizeof row->birth);
	db_col_copy(st, col + 4, row->id_no, sizeof row->id_no);
	db_col_copy(st, col + 5, row->phone, sizeof row->phone);
	db_col_copy(st, col + 6, row->community, sizeof row->community);
	db_col_copy(st, col + 7, row->status, sizeof row->status);
	db_col_copy(st, col + 8, row->reg_date, sizeof row->reg_date);
	db_col_copy(st, col + 9, row->categories, sizeof row->categories);
	row->closed = sqlite3_column_type(st, col + 10) != SQLITE_NULL;
	/* Rule-based categories (4050 …) are not stored: they follow from birth date and sex as of
	 * today, so they are derived here for the list. */
	struct resident r = { 0 };
	r.v[RF_SEX] = row->sex;
	r.v[RF_BIRTH] = row->birth;
	struct rule_hit hits[4];
	char today[11];
	date_today(today);
	int nh, rc = rules_derive(db, &r, today, hits, 4, &nh, err);
	for (int i = 0; !rc && i < nh; i++) {
		size_t used = strlen(row->categories);
		if (strstr(row->categories, hits[i].code))
			continue;
		snprintf(row->categories + used, sizeof row->categories - used, "%s%s", used ? "," : "",
		         hits[i].code);
	}
	return rc;
}

#define ROW_COLS "r.id, r.name, r.sex, r.birth, r.id_no, r.phone, " \
	"coalesce((SELECT name FROM unit WHERE code = r.community), r.community), r.status, r.reg_date, " \
	"(SELECT group_concat(category, ',') FROM resident_category WHERE resident_id = r.id), r.closed_at"

/* Lists show ID numbers and phones masked (issue 7); the full value is on the record's page, for
 * those allowed, as a recorded action. */
static void row_mask(struct search_row *row)
{
	char m[sizeof row->phone > sizeof row->id_no ? sizeof row->phone : sizeof row->id_no];
	mask_idno(row->id_no, m, sizeof row->id_no);
	memcpy(row->id_no, m, sizeof row->id_no);
	mask_phone(row->phone, m, sizeof row->phone);
	memcpy(row->phone, m, sizeof row->phone);
	mask_categories(row->categories);       /* 低保, 特困, 残疾 stay on her page */
}

static void page_push(struct search_page *p, int *cap)
{
	if (p->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		p->rows = xrealloc(p->rows, sizeof *p->rows * (size_t)*cap);
	}
	memset(&p->rows[p->n], 0, sizeof p->rows[0]);
}

static int search_all(struct jy_db *db, const char *cursor, int limit, int include_closed,
                      struct search_page *out, struct jy_err *err)
{
	int64_t after = INT64_MAX;
	if (cursor && cursor[0] == 'a')
		after = strtoll(cursor + 1, NULL, 10);
	sqlite3_stmt *st = db_prepare(db,
		"SELECT " ROW_COLS " FROM resident r WHERE r.id < ?1 AND (?2 OR r.closed_at IS NULL) "
		"AND jy_in_scope(r.community) ORDER BY r.id DESC LIMIT ?3", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int(st, 2, include_closed);
	sqlite3_bind_int(st, 3, limit + 1);
	int cap = 0, s, rc = JY_OK;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == limit) {
			out->more = 1;
			break;
		}
		page_push(out, &cap);
		if ((rc = row_fill(db, st, 0, &out->rows[out->n], err)))
			break;
		row_mask(&out->rows[out->n]);
		snprintf(out->next, sizeof out->next, "a%lld", (long long)out->rows[out->n].id);
		out->n++;
	}
	sqlite3_reset(st);
	if (!rc && s != SQLITE_ROW && s != SQLITE_DONE)
		rc = db_fail(db, err, _("searching"));
	return rc;
}

/* One person may have several keys in the range (李红红 has the suffixes 红红 and 红; 曾 gives z and
 * c). She is listed at her smallest such key only, so pages neither repeat nor skip her. Her keys
 * are recomputed from the row: the same function made the stored ones. */
static int first_match(const struct search_row *row, const char *key, const char *prefix)
{
	char *keys[KEYS_MAX];
	int n = search_keys(row->name, row->id_no, row->phone, keys);
	const char *best = NULL;
	size_t plen = strlen(prefix);
	for (int i = 0; i < n; i++)
		if (strncmp(keys[i], prefix, plen) == 0 && (!best || strcmp(keys[i], best) < 0))
			best = keys[i];
	int first = !best || strcmp(best, key) == 0;
	for (int i = 0; i < n; i++)
		free(keys[i]);
	return first;
}

static int page_has(const struct search_page *p, int64_t id)
{
	for (int i = 0; i < p->n; i++)
		if (p->rows[i].id == id)
			return 1;
	return 0;
}

int search_residents(struct jy_db *db, const char *query, const char *cursor, int limit,
                     int include_closed, struct search_page *out, struct jy_err *err)
{
	memset(out, 0, sizeof *out);
	int denied = access_check(db, OP_VIEW, NULL, err);
	if (denied)
		return denied;
	if (limit <= 0 || limit > 200)
		limit = 50;
	char *prefix = query_prefix(query);
	if (!prefix)
		return search_all(db, cursor, limit, include_closed, out, err);

	/* Resume after the last (key, id) of the previous page. */
	const char *from_key = prefix;
	int64_t from_id = -1;
	char *ck = NULL;
	if (cursor && cursor[0] == 'k') {
		char *tab = strchr(cursor, '\t');
		if (tab) {
			from_id = strtoll(cursor + 1, NULL, 10);
			ck = xstrdup(tab + 1);
			from_key = ck;
		}
	}
	char *hi = xasprintf("%s%s", prefix, key_top);
	sqlite3_stmt *st = db_prepare(db,
		"SELECT s.key, " ROW_COLS " FROM search_key s JOIN resident r ON r.id = s.resident_id "
		"WHERE s.key >= ?1 AND s.key < ?2 AND (s.key > ?3 OR (s.key = ?3 AND s.resident_id > ?4)) "
		"AND (?5 OR r.closed_at IS NULL) AND jy_in_scope(r.community) ORDER BY s.key, s.resident_id", err);
	int rc = JY_EDB;
	if (st) {
		rc = JY_OK;
		sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, from_key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, from_id);
		sqlite3_bind_int(st, 5, include_closed);
		int cap = 0, s;
		while ((s = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 1);
			if (page_has(out, id))
				continue;
			page_push(out, &cap);
			if ((rc = row_fill(db, st, 1, &out->rows[out->n], err)))
				break;
			const char *key = (const char *)sqlite3_column_text(st, 0);
			if (!first_match(&out->rows[out->n], key, prefix))
				continue;
			if (out->n == limit) {
				out->more = 1;
				break;
			}
			row_mask(&out->rows[out->n]);
			snprintf(out->next, sizeof out->next, "k%lld\t%s", (long long)id, key);
			out->n++;
		}
		sqlite3_reset(st);
		if (!rc && s != SQLITE_ROW && s != SQLITE_DONE)
			rc = db_fail(db, err, _("searching"));
	}
	free(hi);
	free(ck);
	free(prefix);
	return rc;
}

void search_page_free(struct search_page *p)
{
	FREE(&p->rows);
	p->n = 0;
	p->more = 0;
}
