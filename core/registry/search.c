/* core/registry/search.c: how workers look people up, without ever scanning the registry.
 *
 * Every resident has a few rows in search_key (a WITHOUT ROWID table whose primary key is the
 * index), each under her community, a kind letter and a text:
 *   'i' + pinyin initials of the name, one row per reading of polyphonic characters (曾 → z, c);
 *   'n' + every suffix of the folded name (traditional → simplified, NFKC, lower case), so a
 *       prefix range finds a substring anywhere in the name: 晓红 is a prefix of the suffix 晓红;
 *   't' + the ID number and the phone digits reversed, so a prefix range finds the last digits.
 * A query is one prefix range of that index per community of the worker's scope, read community
 * by community in key order with keyset pagination, so the first page costs the same on 1,000 or
 * 1,000,000 residents, and a clerk of one community reads only her community's keys. */
#include <ctype.h>
#include <stddef.h>
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

/* The search keys of one resident's values, of one kind ('i', 'n' or 't') or of all (0). Returns
 * how many; each keys[i] is allocated. */
static int search_keys_of(char kind, const char *name, const char *idno, const char *phone,
                          char **keys)
{
	int n = 0;
	if (name && *name && (!kind || kind == 'i')) {
		char *init[INITIALS_MAX];
		int ni = hanzi_initials_all(name, init, INITIALS_MAX);
		for (int i = 0; i < ni; i++) {
			keys_push(keys, &n, key_make('i', init[i]));
			free(init[i]);
		}
	}
	if (name && *name && (!kind || kind == 'n')) {
		char *folded = hanzi_fold(name);
		size_t len = strlen(folded);
		for (size_t off = 0; off < len; off = text_next_grapheme(folded, len, off))
			if (folded[off] != ' ')
				keys_push(keys, &n, key_make('n', folded + off));
		free(folded);
	}
	if (!kind || kind == 't') {
		if (idno && *idno)
			keys_push(keys, &n, reverse_digits(idno));
		if (phone && *phone)
			keys_push(keys, &n, reverse_digits(phone));
	}
	return n;
}

static int search_keys(const char *name, const char *idno, const char *phone, char **keys)
{
	return search_keys_of(0, name, idno, phone, keys);
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

/* The keys of a bulk load: their bytes in one arena, each under its community's number (a load
 * meets a few communities, each many times), sorted as the index is, by the community and then
 * by the key's first eight bytes as a number first (most comparisons end there, without following
 * a pointer). */
struct search_batch {
	struct batch_key {      /* 24 bytes: a million of them, and qsort's copy, are most of a load's heap */
		uint64_t head;          /* the key's first 8 bytes, big-endian, zero-padded */
		int64_t id;
		uint32_t off;           /* the key in text */
		uint16_t len;           /* its bytes: a key is a name's suffix, initials or digits */
		uint16_t unit;          /* the community's place in the batch's sorted list of them */
	} *keys;
	char **units;           /* the batch's communities, in the order first met */
	uint32_t nunits;
	size_t n, cap;
	size_t spill;           /* keys held at most before they are written */
	struct jy_buf text;
};

static void batch_free(void *state)
{
	struct search_batch *b = state;
	for (uint32_t i = 0; i < b->nunits; i++)
		free(b->units[i]);
	free(b->units);
	free(b->keys);
	buf_free(&b->text);
	free(b);
}

void search_batch_begin(struct jy_db *db, size_t spill)
{
	struct search_batch *b = xcalloc(1, sizeof *b);
	b->spill = spill;
	db_bulk_set(db, b, batch_free);
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
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
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

static void keys_swap(struct batch_key *a, ptrdiff_t i, ptrdiff_t j)
{
	struct batch_key t = a[i];
	a[i] = a[j];
	a[j] = t;
}

/* The batch's keys in batch_cmp's order, in place: qsort's merge sort takes a copy of the whole
 * array (24 MB a million keys) on top of it, at the top of a load's memory. Quicksort with the
 * median of three, the smaller side first so the stack stays short; insertion sort for the short
 * runs it leaves. */
static void keys_sort(struct batch_key *a, ptrdiff_t n, char *text)
{
	while (n > 16) {
		ptrdiff_t m = n / 2;
		if (batch_cmp(&a[m], &a[0], text) < 0)
			keys_swap(a, 0, m);
		if (batch_cmp(&a[n - 1], &a[0], text) < 0)
			keys_swap(a, 0, n - 1);
		if (batch_cmp(&a[n - 1], &a[m], text) < 0)
			keys_swap(a, m, n - 1);
		struct batch_key p = a[m];
		ptrdiff_t i = -1, j = n;
		for (;;) {      /* Hoare's partition: [0, j] <= p <= [j + 1, n) */
			do
				i++;
			while (batch_cmp(&a[i], &p, text) < 0);
			do
				j--;
			while (batch_cmp(&p, &a[j], text) < 0);
			if (i >= j)
				break;
			keys_swap(a, i, j);
		}
		ptrdiff_t left = j + 1;
		if (left < n - left) {
			keys_sort(a, left, text);
			a += left;
			n -= left;
		} else {
			keys_sort(a + left, n - left, text);
			n = left;
		}
	}
	for (ptrdiff_t i = 1; i < n; i++)
		for (ptrdiff_t j = i; j > 0 && batch_cmp(&a[j], &a[j - 1], text) < 0; j--)
			keys_swap(a, j, j - 1);
}

static int units_cmp(const void *a, const void *b, void *units)
{
	char **u = units;
	return strcmp(u[*(const uint32_t *)a], u[*(const uint32_t *)b]);
}

/* Number the batch's communities in their sorted order, so that keys sort by the number. */
static void batch_rank_units(struct search_batch *b)
{
	uint32_t *order = xmalloc(sizeof *order * (b->nunits + 1));
	uint32_t *rank = xmalloc(sizeof *rank * (b->nunits + 1));
	for (uint32_t i = 0; i < b->nunits; i++)
		order[i] = i;
	qsort_r(order, b->nunits, sizeof *order, units_cmp, b->units);
	for (uint32_t i = 0; i < b->nunits; i++)
		rank[order[i]] = i;
	for (size_t i = 0; i < b->n; i++)
		b->keys[i].unit = (uint16_t)rank[b->keys[i].unit];
	char **sorted = xmalloc(sizeof *sorted * (b->nunits + 1));
	for (uint32_t i = 0; i < b->nunits; i++)
		sorted[i] = b->units[order[i]];
	free(b->units);
	b->units = sorted;
	free(order);
	free(rank);
}

#define BATCH_ROWS 64   /* keys of one INSERT statement */

/* One INSERT for n keys (a statement per key costs its start and end every time). */
static sqlite3_stmt *batch_stmt(struct jy_db *db, int n, struct jy_err *err)
{
	struct jy_buf sql = { 0 };
	buf_adds(&sql, "INSERT OR IGNORE INTO search_key(community, key, resident_id) VALUES ");
	for (int i = 0; i < n; i++)
		buf_addf(&sql, "%s(?%d, ?%d, ?%d)", i ? ", " : "", 3 * i + 1, 3 * i + 2, 3 * i + 3);
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
			sqlite3_bind_text(st, 3 * k + 1, b->units[b->keys[i].unit], -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3 * k + 2, b->text.s + b->keys[i].off, (int)b->keys[i].len,
			                  SQLITE_STATIC);
			sqlite3_bind_int64(st, 3 * k + 3, b->keys[i].id);
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

/* Write the keys gathered so far, sorted, and start gathering again. A bulk load does it each
 * time it holds b->spill keys (a million, about 45 MB with their text): a million-row import held
 * all of its nine million keys, 700 MB, and a city's file would not fit. Each spill is written in
 * key order, so it is still one pass over the index's pages, not a random insert a key; the
 * load's transaction keeps it all or nothing. */
static int batch_spill(struct jy_db *db, struct search_batch *b, struct jy_err *err)
{
	batch_rank_units(b);
	if (b->n)
		keys_sort(b->keys, (ptrdiff_t)b->n, b->text.s);
	int rc = batch_write(db, b, err);
	b->n = 0;
	b->text.len = 0;
	for (uint32_t i = 0; i < b->nunits; i++)        /* the next keys number theirs anew */
		free(b->units[i]);
	b->nunits = 0;
	return rc;
}

int search_batch_flush(struct jy_db *db, struct jy_err *err)
{
	struct search_batch *b = db_bulk_get(db);
	if (!b)
		return JY_OK;
	int rc = batch_spill(db, b, err);
	search_batch_drop(db);
	return rc;
}

/* The batch's number of community (NULL or "": none), added when new. A load meets few. */
static uint32_t batch_unit(struct search_batch *b, const char *community)
{
	const char *c = community ? community : "";
	for (uint32_t i = b->nunits; i-- > 0;)
		if (strcmp(b->units[i], c) == 0)
			return i;
	b->units = xrealloc(b->units, sizeof *b->units * (b->nunits + 1));
	b->units[b->nunits] = xstrdup(c);
	return b->nunits++;
}

static void batch_add(struct search_batch *b, const char *community, char **keys, int n, int64_t id)
{
	uint32_t unit = n ? batch_unit(b, community) : 0;
	for (int i = 0; i < n; i++) {
		if (b->n == b->cap) {
			/* as many as a spill holds and one resident's more, not the next power of two */
			size_t most = b->spill + KEYS_MAX;
			b->cap = b->cap ? (b->cap * 2 < most ? b->cap * 2 : most) : 4096;
			if (b->cap <= b->n)
				b->cap = b->n + KEYS_MAX;
			b->keys = xrealloc(b->keys, sizeof *b->keys * b->cap);
		}
		struct batch_key *k = &b->keys[b->n++];
		size_t len = strlen(keys[i]);
		uint64_t head = 0;
		for (size_t j = 0; j < 8; j++)
			head = head << 8 | (j < len ? (unsigned char)keys[i][j] : 0);
		*k = (struct batch_key){ head, id, (uint32_t)b->text.len, (uint16_t)len, (uint16_t)unit };
		buf_add(&b->text, keys[i], len);
		free(keys[i]);
	}
}

/* Write keys[0..n) of resident id under community (SQL: ?1 community, ?2 key, ?3 id), skipping
 * those in skip[0..nskip). */
static int keys_write(struct jy_db *db, sqlite3_stmt *st, const char *community, char **keys, int n,
                      char **skip, int nskip, int64_t id, struct jy_err *err)
{
	for (int i = 0; i < n; i++) {
		if (keys_has(skip, nskip, keys[i]))
			continue;
		sqlite3_bind_text(st, 1, community ? community : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, keys[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, id);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_fail(db, err, _("updating the search index"));
	}
	return JY_OK;
}

int search_index_resident(struct jy_db *db, int64_t id, const struct resident *old,
                          const struct resident *now, struct jy_err *err)
{
	char *was[KEYS_MAX], *keys[KEYS_MAX];
	const char *ocom = old ? old->v[RF_COMMUNITY] : NULL, *ncom = now->v[RF_COMMUNITY];
	struct search_batch *batch = db_bulk_get(db);
	int nnow = search_keys(now->v[RF_NAME], now->v[RF_IDNO], now->v[RF_PHONE], keys);
	if (batch && !old) {
		int rc = JY_OK;
		if (batch->nunits == UINT16_MAX)        /* a key numbers its community in 16 bits */
			rc = batch_spill(db, batch, err);
		if (rc) {
			for (int i = 0; i < nnow; i++)
				free(keys[i]);
			return rc;
		}
		batch_add(batch, ncom, keys, nnow, id);
		return batch->n >= batch->spill ? batch_spill(db, batch, err) : JY_OK;
	}
	int nwas = old ? search_keys(old->v[RF_NAME], old->v[RF_IDNO], old->v[RF_PHONE], was) : 0;
	/* a move to another community moves every key; else only the keys that differ change */
	int moved = strcmp(ocom ? ocom : "", ncom ? ncom : "") != 0;
	int rc = JY_EDB;
	sqlite3_stmt *del = db_prepare(db,
		"DELETE FROM search_key WHERE community = ?1 AND key = ?2 AND resident_id = ?3", err);
	sqlite3_stmt *ins = del ? db_prepare(db,
		"INSERT OR IGNORE INTO search_key(community, key, resident_id) VALUES (?1, ?2, ?3)", err)
	                        : NULL;
	if (ins)
		rc = keys_write(db, del, ocom, was, nwas, keys, moved ? 0 : nnow, id, err);
	if (ins && !rc)
		rc = keys_write(db, ins, ncom, keys, nnow, was, moved ? 0 : nwas, id, err);
	for (int i = 0; i < nwas; i++)
		free(was[i]);
	for (int i = 0; i < nnow; i++)
		free(keys[i]);
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

/* One row of a list from st's columns from col on (ROW_COLS). The rule-based categories are as
 * of today, which the caller reads once for the page. */
static int row_fill(struct jy_db *db, sqlite3_stmt *st, int col, const char *today,
                    struct search_row *row, struct jy_err *err)
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

/* Lists show ID numbers and phones masked; the full value is on the record's page, for
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

/* The everybody list, newest registration first: for the whole database one pass down the
 * resident table; for a worker of some communities, community by community (in the order of
 * access_scope_units), each newest first. Cursor: "a<id>" or "a<id>\t<community>". */
static int search_all(struct jy_db *db, const char *cursor, int limit, int include_closed,
                      struct search_page *out, struct jy_err *err)
{
	int64_t after = INT64_MAX;
	const char *from_unit = NULL;
	if (cursor && cursor[0] == 'a') {
		after = strtoll(cursor + 1, NULL, 10);
		const char *tab = strchr(cursor, '\t');
		from_unit = tab ? tab + 1 : NULL;
	}
	int all = access_scope_all(db);
	const char *const *units = NULL;
	int nunits = 0, rc = JY_OK, cap = 0, s = SQLITE_DONE;
	if (!all && (rc = access_scope_units(db, &units, &nunits, err)) != JY_OK)
		return rc;
	sqlite3_stmt *st = db_prepare(db, all
		? "SELECT " ROW_COLS " FROM resident r WHERE r.id < ?1 AND (?2 OR r.closed_at IS NULL) "
		  "ORDER BY r.id DESC LIMIT ?3"
		: "SELECT " ROW_COLS " FROM resident r WHERE r.community = ?4 AND r.id < ?1 "
		  "AND (?2 OR r.closed_at IS NULL) ORDER BY r.community, r.id DESC LIMIT ?3", err);
	if (!st)
		return JY_EDB;
	char today[11];
	date_today(today);
	int u = 0;
	if (!all && from_unit)
		while (u < nunits && strcmp(units[u], from_unit) < 0)
			u++;
	if (!all && (!from_unit || u == nunits || strcmp(units[u], from_unit) != 0))
		after = INT64_MAX;      /* her scope changed since the cursor: start the community over */
	for (; !rc && !out->more && (all ? u == 0 : u < nunits); u++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, after);
		sqlite3_bind_int(st, 2, include_closed);
		sqlite3_bind_int(st, 3, limit + 1 - out->n);
		if (!all)
			sqlite3_bind_text(st, 4, units[u], -1, SQLITE_STATIC);
		while ((s = sqlite3_step(st)) == SQLITE_ROW) {
			if (out->n == limit) {
				out->more = 1;
				break;
			}
			page_push(out, &cap);
			struct search_row *row = &out->rows[out->n];
			if ((rc = row_fill(db, st, 0, today, row, err)))
				break;
			row_mask(row);
			if (all)
				snprintf(out->next, sizeof out->next, "a%lld", (long long)row->id);
			else
				snprintf(out->next, sizeof out->next, "a%lld\t%s", (long long)row->id, units[u]);
			out->n++;
		}
		if (!rc && s != SQLITE_ROW && s != SQLITE_DONE)
			rc = db_fail(db, err, _("searching"));
		after = INT64_MAX;
	}
	sqlite3_reset(st);
	return rc;
}

/* One person may have several keys in the range (李红红 has the suffixes 红红 and 红; 曾 gives z and
 * c; an ID number and a phone may end alike). She is listed at her smallest such key only, so
 * pages neither repeat nor skip her. Only her keys of the range's kind are made again from the
 * row (the same function made the stored ones), and a name's when the query could match twice. */
static int first_match(const struct search_row *row, const char *name, const char *key,
                       const char *prefix)
{
	char *keys[KEYS_MAX];
	size_t plen = strlen(prefix);
	if (prefix[0] == 'n') {
		/* the query (after 'n') found once in the folded name: one key of hers has it */
		char *folded = hanzi_fold(name);
		const char *hit = strstr(folded, prefix + 1);
		int again = hit && hit[0] && strstr(hit + 1, prefix + 1) != NULL;
		free(folded);
		if (!again)
			return 1;
	}
	int n = search_keys_of(prefix[0], name, row->id_no, row->phone, keys);
	const char *best = NULL;
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

/* Where the page before ended: "k<id>\t<community>\t<key>". JY_OK with the parts (*key and *unit
 * point into a copy the caller frees as *copy), or nothing from an empty or foreign cursor. */
static void cursor_read(const char *cursor, char **copy, const char **unit, const char **key,
                        int64_t *id)
{
	*copy = NULL;
	if (!cursor || cursor[0] != 'k')
		return;
	char *c = xstrdup(cursor);
	char *t1 = strchr(c, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
	if (!t2) {
		free(c);
		return;
	}
	*t1 = *t2 = '\0';
	*id = strtoll(c + 1, NULL, 10);
	*unit = t1 + 1;
	*key = t2 + 1;
	*copy = c;
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

	const char *const *units;
	int nunits;
	int rc = access_scope_units(db, &units, &nunits, err);
	if (rc) {
		free(prefix);
		return rc;
	}
	/* Resume after the last (community, key, id) of the previous page. */
	const char *from_unit = NULL, *from_key = NULL;
	int64_t from_id = -1;
	char *ck;
	cursor_read(cursor, &ck, &from_unit, &from_key, &from_id);
	int u = 0;
	if (from_unit)
		while (u < nunits && strcmp(units[u], from_unit) < 0)
			u++;
	if (from_unit && (u == nunits || strcmp(units[u], from_unit) != 0))
		from_key = NULL;        /* her scope changed since: that community from its start */

	char *hi = xasprintf("%s%s", prefix, key_top);
	char today[11];
	date_today(today);
	sqlite3_stmt *st = db_prepare(db,
		"SELECT s.key, " ROW_COLS " FROM search_key s JOIN resident r ON r.id = s.resident_id "
		"WHERE s.community = ?6 AND s.key >= ?1 AND s.key < ?2 "
		"AND (s.key > ?3 OR (s.key = ?3 AND s.resident_id > ?4)) "
		"AND (?5 OR r.closed_at IS NULL) ORDER BY s.key, s.resident_id", err);
	int s = SQLITE_DONE, cap = 0;
	rc = st ? JY_OK : JY_EDB;
	for (; st && !rc && !out->more && u < nunits; u++, from_key = NULL) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, from_key ? from_key : prefix, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, from_key ? from_id : -1);
		sqlite3_bind_int(st, 5, include_closed);
		sqlite3_bind_text(st, 6, units[u], -1, SQLITE_STATIC);
		while ((s = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 1);
			if (page_has(out, id))
				continue;
			page_push(out, &cap);
			struct search_row *row = &out->rows[out->n];
			if ((rc = row_fill(db, st, 1, today, row, err)))
				break;
			const char *key = (const char *)sqlite3_column_text(st, 0);
			if (!first_match(row, (const char *)sqlite3_column_text(st, 2), key, prefix))
				continue;
			if (out->n == limit) {
				out->more = 1;
				break;
			}
			row_mask(row);
			snprintf(out->next, sizeof out->next, "k%lld\t%s\t%s", (long long)id, units[u], key);
			out->n++;
		}
		if (!rc && s != SQLITE_ROW && s != SQLITE_DONE)
			rc = db_fail(db, err, _("searching"));
	}
	if (st)
		sqlite3_reset(st);
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
