/* core/store/history.c: who changed what, when, and who viewed, exported, imported or logged in: the
 * history is the audit trail. This file is its only writer.
 *
 * Append-only: the schema's triggers refuse UPDATE and DELETE on the table. Each row carries
 *
 *     hash(n) = SHA-256( hash(n-1) || ser(row n) ),   hash(0) = SHA-256("jiuye history genesis")
 *
 * where ser() is the canonical serialisation of the row's columns in this order: seq, at, os_user,
 * worker, src, role, entity, entity_id, action, fields, changes, result; an integer as 'i' and 8
 * bytes big-endian, a text as 't', 4 bytes big-endian length and its bytes, an SQL NULL as 'n'.
 * history_verify walks the rows in seq order and names the first one that does not fit: an altered
 * row breaks at itself, a removed row leaves a gap in seq, a row slipped in breaks at itself.
 *
 * What the chain does not do: anyone who can write the file can also recompute every hash (there
 * is no key outside the database), and removing the newest rows leaves a shorter chain that still
 * fits. Against both, the file's permissions and the head hash
 * history_verify reports, noted in the backups.
 *
 * The previous hash is read inside the caller's write transaction (every write is BEGIN
 * IMMEDIATE, core/store/db.c), so two processes appending at once never fork the chain: the second waits
 * for the first's commit and then reads its row. */
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

#define HASH_LEN SHA256_DIGEST_SIZE

/* One row as the hash sees it: text columns NULL for SQL NULL, with their length in bytes. */
enum { HT_AT, HT_OS_USER, HT_WORKER, HT_SRC, HT_ENTITY, HT_ACTION, HT_FIELDS, HT_CHANGES, HT_RESULT,
       HT__COUNT };
struct hrow {
	int64_t seq, entity_id, role;
	int has_role;
	const char *t[HT__COUNT];
	int n[HT__COUNT];
};

static void hash_int(struct sha256_ctx *c, int64_t v)
{
	uint8_t b[9] = { 'i' };
	for (int i = 0; i < 8; i++)
		b[8 - i] = (uint8_t)((uint64_t)v >> (8 * i));
	sha256_update(c, sizeof b, b);
}

static void hash_text(struct sha256_ctx *c, const char *s, int n)
{
	if (!s) {
		sha256_update(c, 1, (const uint8_t *)"n");
		return;
	}
	uint32_t len = (uint32_t)n;
	uint8_t b[5] = { 't', (uint8_t)(len >> 24), (uint8_t)(len >> 16), (uint8_t)(len >> 8), (uint8_t)len };
	sha256_update(c, sizeof b, b);
	sha256_update(c, len, (const uint8_t *)s);
}

static void hash_row(const uint8_t prev[HASH_LEN], const struct hrow *r, uint8_t out[HASH_LEN])
{
	struct sha256_ctx c;
	sha256_init(&c);
	sha256_update(&c, HASH_LEN, prev);
	hash_int(&c, r->seq);
	for (int i = HT_AT; i <= HT_SRC; i++)
		hash_text(&c, r->t[i], r->n[i]);
	if (r->has_role)
		hash_int(&c, r->role);
	else
		sha256_update(&c, 1, (const uint8_t *)"n");
	hash_text(&c, r->t[HT_ENTITY], r->n[HT_ENTITY]);
	hash_int(&c, r->entity_id);
	for (int i = HT_ACTION; i < HT__COUNT; i++)
		hash_text(&c, r->t[i], r->n[i]);
	sha256_digest(&c, HASH_LEN, out);
}

static void hash_genesis(uint8_t out[HASH_LEN])
{
	static const char g[] = "jiuye history genesis";
	struct sha256_ctx c;
	sha256_init(&c);
	sha256_update(&c, sizeof g - 1, (const uint8_t *)g);
	sha256_digest(&c, HASH_LEN, out);
}

static void hrow_text(struct hrow *r, int i, const char *s)
{
	r->t[i] = s;
	r->n[i] = s ? (int)strlen(s) : 0;
}

/* The client address of the SSH session: the first word of $SSH_CONNECTION ("10.1.2.3 51234
 * 10.1.2.1 22"). A record of where the worker sat, not who she is (she can set the variable);
 * identity is the real user id. Only address characters are kept. */
static void history_src(char out[48])
{
	const char *e = getenv("SSH_CONNECTION");
	size_t n = 0;
	while (e && e[n] && e[n] != ' ' && n < 47 && strchr("0123456789abcdefABCDEF.:%", e[n]))
		n++;
	if (e && e[n] && e[n] != ' ')
		n = 0;          /* not an address: nothing rather than a part of something */
	memcpy(out, e ? e : "", n);
	out[n] = '\0';
}

/* The top-level keys of a changes object, comma-separated (names only, never values:
 * G2), cut at a key when out is full. "" when json is not an object. */
static void changes_keys(const char *json, char *out, size_t size)
{
	size_t o = 0;
	out[0] = '\0';
	const char *p = json ? strchr(json, '{') : NULL;
	if (!p)
		return;
	p++;
	for (;;) {
		while (*p == ' ' || *p == ',' || *p == '\n')
			p++;
		if (*p != '"')
			return;
		const char *k = ++p;
		while (*p && *p != '"')
			p += (*p == '\\' && p[1]) ? 2 : 1;
		size_t kn = (size_t)(p - k);
		if (!*p || o + kn + 2 > size)
			return;
		if (o)
			out[o++] = ',';
		memcpy(out + o, k, kn);
		o += kn;
		out[o] = '\0';
		p++;
		/* skip the value: strings, arrays, numbers, null, up to the comma at depth 0 */
		int depth = 0;
		while (*p && !(depth == 0 && (*p == ',' || *p == '}'))) {
			if (*p == '"') {
				for (p++; *p && *p != '"'; p += (*p == '\\' && p[1]) ? 2 : 1)
					;
				if (*p)
					p++;
				continue;
			}
			if (*p == '[' || *p == '{')
				depth++;
			else if (*p == ']' || *p == '}')
				depth--;
			p++;
		}
		if (*p != ',')
			return;
	}
}

static const char sql_tail[] = "SELECT seq, hash FROM history ORDER BY seq DESC LIMIT 1";
static const char sql_insert[] =
	"INSERT INTO history(seq, at, os_user, worker, src, role, entity, entity_id, action, fields, "
	"changes, result, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

static int history_insert(struct jy_db *db, const struct hrow *r, const uint8_t hash[HASH_LEN],
                          struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, sql_insert, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, r->seq);
	static const int col[] = { [HT_AT] = 2, [HT_OS_USER] = 3, [HT_WORKER] = 4, [HT_SRC] = 5,
	                           [HT_ENTITY] = 7, [HT_ACTION] = 9, [HT_FIELDS] = 10,
	                           [HT_CHANGES] = 11, [HT_RESULT] = 12 };
	for (int i = 0; i < HT__COUNT; i++)
		if (r->t[i])
			sqlite3_bind_text(st, col[i], r->t[i], r->n[i], SQLITE_STATIC);
	if (r->has_role)
		sqlite3_bind_int64(st, 6, r->role);
	sqlite3_bind_int64(st, 8, r->entity_id);
	sqlite3_bind_blob(st, 13, hash, HASH_LEN, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);     /* the bindings point into the caller's stack */
	return rc == SQLITE_DONE ? JY_OK : db_fail(db, err, _("recording the change"));
}

/* The whole trail in seq order, as the chain runs (history_seal, history_verify): hrow_read takes a
 * row of it apart. */
static const char sql_chain[] =
	"SELECT seq, at, os_user, worker, src, role, entity, entity_id, action, fields, changes, "
	"result, hash FROM history ORDER BY seq";

static void hrow_read(sqlite3_stmt *st, struct hrow *r)
{
	static const int cols[HT__COUNT] = { 1, 2, 3, 4, 6, 8, 9, 10, 11 };
	memset(r, 0, sizeof *r);
	r->seq = sqlite3_column_int64(st, 0);
	for (int i = 0; i < HT__COUNT; i++) {
		r->t[i] = (const char *)sqlite3_column_text(st, cols[i]);
		r->n[i] = sqlite3_column_bytes(st, cols[i]);
	}
	r->has_role = sqlite3_column_type(st, 5) != SQLITE_NULL;
	r->role = sqlite3_column_int64(st, 5);
	r->entity_id = sqlite3_column_int64(st, 7);
}

/* The last row written before the trail was chained: the only rows that may lack a hash. Kept in
 * audit_epoch (012_trail_guard.sql), which triggers keep as its migration wrote it; *rows gets
 * how many rows the table has (1 unless someone got past them). A table that is gone counts as 0:
 * then every row needs its hash (fail closed), and jiuye check says the table is missing. A
 * database that cannot be read is JY_EDB. */
static int unhashed_until(struct jy_db *db, int64_t *until, int64_t *rows, struct jy_err *err)
{
	*until = 0;
	if (rows)
		*rows = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM sqlite_schema "
	                                  "WHERE type = 'table' AND name = 'audit_epoch'", err);
	if (!st)
		return JY_EDB;
	int s = sqlite3_step(st);
	int have = s == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	sqlite3_reset(st);
	if (s != SQLITE_ROW)
		return db_fail(db, err, _("checking the history"));
	if (!have)
		return JY_OK;
	st = db_prepare(db, "SELECT count(*), coalesce(min(unhashed_until), 0) FROM audit_epoch", err);
	if (!st)
		return JY_EDB;
	if ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (rows)
			*rows = sqlite3_column_int64(st, 0);
		*until = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return s == SQLITE_ROW ? JY_OK : db_fail(db, err, _("checking the history"));
}

/* Rows from before 007_audit have no hash. The first append after the upgrade chains through all
 * of them (in seq order, as history_verify does) and writes one "seal" row on that hash; the rows
 * themselves are not rewritten. Inside the caller's write transaction. *seq, prev: the seal. */
static int history_seal(struct jy_db *db, int64_t *seq, uint8_t prev[HASH_LEN], struct jy_err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->h,
	        sql_chain, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, err, _("recording the change"));
	hash_genesis(prev);
	int64_t n = 0, last = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct hrow r;
		hrow_read(st, &r);
		hash_row(prev, &r, prev);
		last = r.seq;
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("recording the change"));
	/* Only the rows from before the upgrade are sealed: unhashed rows after them were not written
	 * by jiuye, and sealing them would hide that (fail closed: jiuye check names the row). */
	int64_t until;
	if ((rc = unhashed_until(db, &until, NULL, err)))
		return rc;
	if (last > until)
		return err_set(err, JY_EDB, NULL, _("the audit trail was altered (row %lld has no hash); "
		                                    "nothing can be recorded until it is restored from a "
		                                    "backup: jiuye check names the row"), (long long)last);
	char now[32], count[24];
	time_now_iso(now);
	snprintf(count, sizeof count, "%lld", (long long)n);
	struct hrow seal = { .seq = last + 1, .entity_id = n, .role = db->who.role, .has_role = 1 };
	hrow_text(&seal, HT_AT, now);
	hrow_text(&seal, HT_OS_USER, db->who.os_user);
	hrow_text(&seal, HT_WORKER, db->who.name[0] ? db->who.name : db->who.os_user);
	hrow_text(&seal, HT_ENTITY, "history");
	hrow_text(&seal, HT_ACTION, "seal");
	hrow_text(&seal, HT_RESULT, "ok");
	uint8_t h[HASH_LEN];
	hash_row(prev, &seal, h);
	if ((rc = history_insert(db, &seal, h, err)))
		return rc;
	memcpy(prev, h, HASH_LEN);
	*seq = seal.seq;
	return JY_OK;
}

/* The last row's seq and hash, inside the write transaction: the next row chains from them. */
static int history_tail(struct jy_db *db, int64_t *seq, uint8_t prev[HASH_LEN], struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, sql_tail, err);
	if (!st)
		return JY_EDB;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		*seq = 0;
		hash_genesis(prev);
		return JY_OK;
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_fail(db, err, _("recording the change"));
	}
	*seq = sqlite3_column_int64(st, 0);
	const void *h = sqlite3_column_blob(st, 1);
	int hn = sqlite3_column_bytes(st, 1);
	if (h && hn == HASH_LEN) {
		memcpy(prev, h, HASH_LEN);
		sqlite3_reset(st);
		return JY_OK;
	}
	sqlite3_reset(st);
	return history_seal(db, seq, prev, err);
}

/* Rows appended one at a time in this process: a bulk load's remembered tail is stale once this
 * moves (a resident_save inside an import, an audit_note), and is read again. */
static unsigned history_appends;

/* Append one row: inside the caller's transaction, or in one of its own. The time, worker and
 * address are filled in on a copy of in, whose texts point into this frame: the caller's row never
 * holds a pointer that outlives the call. */
static int history_append(struct jy_db *db, const struct hrow *in, struct jy_err *err)
{
	int own = db->in_tx == 0 && sqlite3_get_autocommit(db->h);
	int rc;
	const char *refused = db_refused(db);
	if (refused)
		return err_set(err, JY_EDB, NULL, "%s", refused);
	history_appends++;
	if (own && (rc = db_begin(db, err)))
		return rc;
	char now[32], src[48];
	struct hrow r = *in;
	time_now_iso(now);
	history_src(src);
	hrow_text(&r, HT_AT, now);
	hrow_text(&r, HT_OS_USER, db->who.os_user);
	hrow_text(&r, HT_WORKER, db->who.name[0] ? db->who.name : db->who.os_user);
	hrow_text(&r, HT_SRC, src[0] ? src : NULL);
	r.role = db->who.role;
	r.has_role = 1;
	uint8_t prev[HASH_LEN], h[HASH_LEN];
	rc = history_tail(db, &r.seq, prev, err);
	if (!rc) {
		r.seq++;
		hash_row(prev, &r, h);
		rc = history_insert(db, &r, h, err);
	}
	if (own) {
		if (rc)
			db_rollback(db);
		else
			rc = db_commit(db, err);
	}
	return rc;
}

/* ---- bulk loads ------------------------------------------------------------------------------ */

/* A bulk load (core/registry/resident.c) records each creation as history_add would, row for row and hash
 * for hash, but reads the tail once and then keeps it: the load holds the write lock for its whole
 * transaction, so only its own connection can append meanwhile, and every such append moves
 * history_appends. Rows go HBULK_ROWS to an INSERT (a statement per row, its start, cursors and
 * end, and a tail read per row were most of a load's 5 s of history on a million residents). */
#define HBULK_ROWS 32
#define HBULK_CONST 8   /* ?1 at, ?2 os_user, ?3 worker, ?4 src, ?5 role, ?6 entity, ?7 action,
                         * ?8 result: the same for every row of one call */

struct history_bulk {
	int known;                      /* seq and prev are the tail ... */
	unsigned gen;                   /* ... as long as history_appends is still this */
	int64_t seq;
	uint8_t prev[HASH_LEN];
	sqlite3_stmt *st[HBULK_ROWS + 1];       /* the INSERT of n rows, made when first needed */
};

struct history_bulk *history_bulk_new(void)
{
	return xcalloc(1, sizeof(struct history_bulk));
}

void history_bulk_free(struct history_bulk **hb)
{
	if (!*hb)
		return;
	for (int i = 0; i <= HBULK_ROWS; i++)
		sqlite3_finalize((*hb)->st[i]);
	FREE(hb);
}

static sqlite3_stmt *hbulk_stmt(struct jy_db *db, struct history_bulk *hb, int n, struct jy_err *err)
{
	if (hb->st[n])
		return hb->st[n];
	struct jy_buf b = { 0 };
	buf_adds(&b, "INSERT INTO history(seq, at, os_user, worker, src, role, entity, entity_id, action, "
	             "fields, changes, result, hash) VALUES ");
	for (int i = 0; i < n; i++) {
		int p = HBULK_CONST + 3 * i;
		buf_addf(&b, "%s(?%d, ?1, ?2, ?3, ?4, ?5, ?6, ?%d, ?7, NULL, NULL, ?8, ?%d)", i ? ", " : "",
		         p + 1, p + 2, p + 3);
	}
	if (sqlite3_prepare_v3(db->h, b.s, -1, SQLITE_PREPARE_PERSISTENT, &hb->st[n], NULL) != SQLITE_OK)
		db_fail(db, err, _("recording the change"));
	buf_free(&b);
	return hb->st[n];
}

/* n rows without changes ("create": resident_insert records a creation without values), entity
 * ids[0..n), inside the caller's write transaction. Each row and its hash are what history_add
 * would have written at the same moment. */
int history_bulk_add(struct jy_db *db, struct history_bulk *hb, const char *entity,
                     const int64_t *ids, int n, const char *action, struct jy_err *err)
{
	int rc;
	if (!hb->known || hb->gen != history_appends) {
		if ((rc = history_tail(db, &hb->seq, hb->prev, err)))
			return rc;
		hb->known = 1;
		hb->gen = history_appends;
	}
	char now[32], src[48];
	time_now_iso(now);
	history_src(src);
	struct hrow r = { .role = db->who.role, .has_role = 1 };
	hrow_text(&r, HT_AT, now);
	hrow_text(&r, HT_OS_USER, db->who.os_user);
	hrow_text(&r, HT_WORKER, db->who.name[0] ? db->who.name : db->who.os_user);
	hrow_text(&r, HT_SRC, src[0] ? src : NULL);
	hrow_text(&r, HT_ENTITY, entity);
	hrow_text(&r, HT_ACTION, action);
	hrow_text(&r, HT_RESULT, "ok");
	for (int done = 0; done < n;) {
		int m = n - done < HBULK_ROWS ? n - done : HBULK_ROWS;
		sqlite3_stmt *st = hbulk_stmt(db, hb, m, err);
		if (!st)
			return JY_EDB;
		for (int i = HT_AT; i <= HT_SRC; i++)
			if (r.t[i])
				sqlite3_bind_text(st, 1 + i - HT_AT, r.t[i], r.n[i], SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, r.role);
		sqlite3_bind_text(st, 6, entity, r.n[HT_ENTITY], SQLITE_STATIC);
		sqlite3_bind_text(st, 7, action, r.n[HT_ACTION], SQLITE_STATIC);
		sqlite3_bind_text(st, 8, "ok", 2, SQLITE_STATIC);
		uint8_t h[HBULK_ROWS][HASH_LEN];
		int64_t seq = hb->seq;
		const uint8_t *prev = hb->prev;
		for (int i = 0; i < m; i++) {
			r.seq = ++seq;
			r.entity_id = ids[done + i];
			hash_row(prev, &r, h[i]);
			prev = h[i];
			int p = HBULK_CONST + 3 * i;
			sqlite3_bind_int64(st, p + 1, r.seq);
			sqlite3_bind_int64(st, p + 2, r.entity_id);
			sqlite3_bind_blob(st, p + 3, h[i], HASH_LEN, SQLITE_STATIC);
		}
		int s = sqlite3_step(st);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);     /* the bindings point into this stack */
		if (s != SQLITE_DONE) {
			hb->known = 0;
			return db_fail(db, err, _("recording the change"));
		}
		hb->seq = seq;
		memcpy(hb->prev, h[m - 1], HASH_LEN);
		done += m;
	}
	return JY_OK;
}

int history_add(struct jy_db *db, const char *entity, int64_t entity_id, const char *action,
                const char *changes_json, struct jy_err *err)
{
	char fields[1024];
	changes_keys(changes_json, fields, sizeof fields);
	/* a viewing (resident_reveal) names the field shown as {"field":"id_no"} */
	if (strcmp(action, "view") == 0 && changes_json && strncmp(changes_json, "{\"field\":\"", 10) == 0)
		snprintf(fields, sizeof fields, "%.*s", (int)strcspn(changes_json + 10, "\""),
		         changes_json + 10);
	struct hrow r = { .entity_id = entity_id };
	hrow_text(&r, HT_ENTITY, entity);
	hrow_text(&r, HT_ACTION, action);
	hrow_text(&r, HT_FIELDS, fields[0] ? fields : NULL);
	hrow_text(&r, HT_CHANGES, changes_json);
	hrow_text(&r, HT_RESULT, "ok");
	return history_append(db, &r, err);
}

/* A row for an event that is not a record change (view, export, import, login, lock): written in
 * its own transaction. A read-only connection (an export opens one) writes it through a second,
 * writable connection to the same file as the same worker. */
int audit_note(struct jy_db *db, const char *event, const char *entity, int64_t entity_id,
               const char *fields, const char *detail_json, int result, struct jy_err *err)
{
	char res[48];
	snprintf(res, sizeof res, result == JY_OK ? "ok" : "fail:%s", err_str(result));
	struct hrow r = { .entity_id = entity_id };
	hrow_text(&r, HT_ENTITY, entity ? entity : "");
	hrow_text(&r, HT_ACTION, event);
	hrow_text(&r, HT_FIELDS, fields && *fields ? fields : NULL);
	hrow_text(&r, HT_CHANGES, detail_json);
	hrow_text(&r, HT_RESULT, res);
	if (sqlite3_db_readonly(db->h, "main") != 1)
		return history_append(db, &r, err);
	/* the second connection would not know what this one was told (a damaged page) */
	const char *refused = db_refused(db);
	if (refused)
		return err_set(err, JY_EDB, NULL, "%s", refused);
	struct jy_db *w = NULL;
	int rc = db_open(db->path, 0, &w, err);
	if (rc)
		return rc;
	w->who = db->who;
	rc = history_append(w, &r, err);
	db_close(&w);
	return rc;
}

int audit_file(struct jy_db *db, const char *event, const char *kind, int rows, const char *path,
               int result, struct jy_err *err)
{
	struct jy_buf b = { 0 };
	char n[24];
	snprintf(n, sizeof n, "%d", rows);
	buf_adds(&b, "{\"file\":[null,");
	history_json_str(&b, path && *path ? path : "-");
	buf_adds(&b, "],\"rows\":[null,");
	history_json_str(&b, n);
	buf_adds(&b, "]}");
	int rc = audit_note(db, event, kind, 0, NULL, b.s, result, err);
	buf_free(&b);
	return rc;
}

/* The actions history_add is given, by entity (NULL: any); the first match is the label. */
static const struct {
	const char *entity, *action, *label;
} history_actions[] = {
	{ "resident", "create", N_("registered") },
	{ "rights_case", "create", N_("case registered") },
	{ "rights_case", "step", N_("case step") },
	{ "mentor_pair", "create", N_("pair started") },
	{ "mentor_pair", "contact", N_("contact recorded") },
	{ "mentor_pair", "gift", N_("money or goods given") },
	{ "mentor_pair", "end", N_("pair ended") },
	{ "resident", "pair", N_("mentoring pair") },
	{ "women_org", "create", N_("organisation set up") },
	{ "women_org", "member", N_("member elected") },
	{ "women_org", "end", N_("organisation dissolved") },
	{ "household", "link", N_("member joined") },
	{ "household", "unlink", N_("member left") },
	{ "resident", "household", N_("household") },
	{ "assistance", "create", N_("assistance recorded") },
	{ "resident", "assistance", N_("assistance or relief") },
	{ NULL, "create", N_("created") },
	{ NULL, "update", N_("changed") },
	{ NULL, "status", N_("status change") },
	{ NULL, "certificate", N_("certificate added") },
	{ NULL, "visit", N_("visit recorded") },
	{ NULL, "close", N_("closed") },
	{ NULL, "reopen", N_("reopened") },
	{ NULL, "enrolment", N_("training") },
	{ NULL, "referral", N_("referral") },
	{ NULL, "placement_end", N_("left the job") },
	{ "placement", "subsidy", N_("post subsidy paid") },
	{ NULL, "view", N_("viewed the whole number") },
	{ NULL, "approve", N_("change approved") },
	{ NULL, "reject", N_("change rejected") },
	{ NULL, "stage", N_("next step") },
	{ NULL, "hire", N_("hire") },
	{ NULL, "rollcall", N_("roll call") },
};

const char *history_action_label(const char *entity, const char *action)
{
	for (size_t i = 0; action && i < ARRAY_LEN(history_actions); i++)
		if ((!history_actions[i].entity ||
		     (entity && strcmp(history_actions[i].entity, entity) == 0)) &&
		    strcmp(history_actions[i].action, action) == 0)
			return _(history_actions[i].label);
	return action ? action : "";
}

int history_each(struct jy_db *db, const char *entity, int64_t entity_id,
                 int (*cb)(void *arg, const struct history_entry *h), void *arg,
                 struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT seq, at, os_user, worker, entity, entity_id, action, changes, src, role, event, "
		"fields, result FROM history WHERE entity = ?1 AND entity_id = ?2 "
		"ORDER BY seq DESC", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, entity_id);
	int s, rc = JY_OK;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct history_entry h;
		history_entry_read(st, &h);
		if ((rc = cb(arg, &h)))
			break;
	}
	sqlite3_reset(st);
	if (!rc && s != SQLITE_DONE)
		rc = db_fail(db, err, _("reading the history"));
	return rc;
}

/* A row of SELECT seq, at, os_user, worker, entity, entity_id, action, changes, src, role, event,
 * fields, result: borrowed from the statement until its next step. */
void history_entry_read(sqlite3_stmt *st, struct history_entry *h)
{
	*h = (struct history_entry){
		.seq = sqlite3_column_int64(st, 0),
		.at = (const char *)sqlite3_column_text(st, 1),
		.os_user = (const char *)sqlite3_column_text(st, 2),
		.worker = (const char *)sqlite3_column_text(st, 3),
		.entity = (const char *)sqlite3_column_text(st, 4),
		.entity_id = sqlite3_column_int64(st, 5),
		.action = (const char *)sqlite3_column_text(st, 6),
		.changes = (const char *)sqlite3_column_text(st, 7),
		.src = (const char *)sqlite3_column_text(st, 8),
		.role = sqlite3_column_type(st, 9) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 9),
		.event = (const char *)sqlite3_column_text(st, 10),
		.fields = (const char *)sqlite3_column_text(st, 11),
		.result = (const char *)sqlite3_column_text(st, 12),
	};
}

/* Walk the chain in seq order in one read transaction (a consistent snapshot while others write).
 * The rows before the seal of an upgraded database have no hash of their own: they are chained all
 * the same and checked by the seal's hash. */
int history_verify(struct jy_db *db, struct history_verify *v, struct jy_err *err)
{
	memset(v, 0, sizeof *v);
	/* the rows written before the upgrade to the chained trail (audit_epoch holds their end) */
	int64_t until, epochs;
	int rc = unhashed_until(db, &until, &epochs, err);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->h,
	        sql_chain, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, err, _("checking the history"));
	uint8_t prev[HASH_LEN], h[HASH_LEN];
	hash_genesis(prev);
	int64_t expect = 1;
	int hashed = 0;
	int64_t first_hashed = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct hrow r;
		hrow_read(st, &r);
		const void *stored = sqlite3_column_blob(st, 12);
		int sn = sqlite3_column_bytes(st, 12);
		v->rows++;
		if (r.seq != expect) {
			v->bad = expect;
			snprintf(v->why, sizeof v->why,
			         r.seq > expect ? _("history row %lld is missing: it was removed")
			                        : _("history row %lld is out of order"), (long long)expect);
			break;
		}
		expect++;
		hash_row(prev, &r, h);
		if (!stored) {
			if (hashed || r.seq > until) {
				v->bad = r.seq;
				snprintf(v->why, sizeof v->why, _("history row %lld has no hash: it was not "
				         "written by jiuye"), (long long)r.seq);
				break;
			}
			/* A row from before the chain names no role (007_audit.sql added the
			 * column, and every row since is written with its hash and its role): one
			 * with a role had its hash taken away, and the limit raised so that it
			 * would pass. */
			if (r.has_role) {
				v->bad = r.seq;
				v->limit_changed = 1;
				snprintf(v->why, sizeof v->why, _("history row %lld has no hash, "
				                                  "yet it was written after the "
				                                  "chain began (it names the "
				                                  "worker's role): its hash was "
				                                  "removed, and the limit of rows "
				                                  "from before the chain (table "
				                                  "audit_epoch, row %lld) was "
				                                  "raised past it"),
				         (long long)r.seq,
				         (long long)until);
				break;
			}
			v->unsealed++;
		} else {
			if (!hashed)
				first_hashed = r.seq;
			hashed = 1;
			v->unsealed = 0;
			if (sn != HASH_LEN || memcmp(stored, h, HASH_LEN) != 0) {
				v->bad = r.seq;
				snprintf(v->why, sizeof v->why, _("history row %lld does not match its hash: it "
				         "(or a row before it) was altered, or it was slipped in"), (long long)r.seq);
				break;
			}
		}
		memcpy(prev, h, HASH_LEN);
		v->head_seq = r.seq;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_fail(db, err, _("checking the history"));
	for (int i = 0; i < HASH_LEN; i++)
		snprintf(v->head + 2 * i, 3, "%02x", prev[i]);
	/* The limit says where the chain begins, and the chain itself does too: its first hashed
	 * row follows the last one without (a fresh database: row 1, limit 0). A limit raised past
	 * that would let rows blanked later pass as old ones. */
	if (!v->bad && (epochs != 1 || (first_hashed && until != first_hashed - 1))) {
		v->limit_changed = 1;
		if (epochs != 1)
			snprintf(v->why, sizeof v->why, _("the audit trail's limit of rows from "
			                                  "before its hash chain (table "
			                                  "audit_epoch) holds %lld rows instead of "
			                                  "one: it was changed"),
			         (long long)epochs);
		else
			snprintf(v->why, sizeof v->why, _("the audit trail's limit of rows from "
			                                  "before its hash chain (table "
			                                  "audit_epoch) says row %lld, but the "
			                                  "chain begins at row %lld: the limit was "
			                                  "changed"),
			         (long long)until, (long long)first_hashed);
	}
	return JY_OK;
}

/* JSON string escaping for the changes column (RFC 8259: quote, backslash, controls). */
void history_json_str(struct jy_buf *b, const char *s)
{
	if (!s) {
		buf_adds(b, "null");
		return;
	}
	buf_adds(b, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_addf(b, "\\%c", *p);
		else if (*p < 0x20)
			buf_addf(b, "\\u%04x", *p);
		else
			buf_add(b, (const char *)p, 1);
	}
	buf_adds(b, "\"");
}

/* ---- what the trail must account for --------------------------------------------------------- */

/* The records whose writers put their creation in the trail (history_add(entity, id, "create"),
 * or a bulk load's history_bulk_add), and, for a table with a version column, the actions that
 * come with a new version: each save that moves version on writes one of them in the same
 * transaction, so a record at version v has at least v - 1 of them. Other rows about a record
 * (a resident's referral, a viewing) give it no new version and are not counted. */
static const struct trail_kind {
	const char *table, *entity;
	const char *versions;   /* SQL list of those actions; NULL: the table has no version */
	const char *label;      /* the records, plural, for the message */
} trail_kinds[] = {
	{ "resident", "resident", "'update', 'status', 'close', 'reopen'", N_("residents") },
	{ "certificate", "certificate", NULL, N_("certificates") },
	{ "visit", "visit", NULL, N_("visits") },
	{ "employer", "employer", "'update'", N_("employers") },
	{ "posting", "posting", "'update', 'hire'", N_("postings") },
	{ "fair", "fair", "'update'", N_("job fairs") },
	{ "referral", "referral", "'stage'", N_("referrals") },
	{ "placement", "placement", "'update'", N_("placements") },
	{ "posting_notice", "posting_notice", NULL, N_("posting notices") },
	{ "course", "course", "'update'", N_("courses") },
	{ "enrolment", "enrolment", "'update'", N_("enrolments") },
	{ "course_session", "session", "'update', 'rollcall'", N_("course sessions") },
	{ "target", "target", "'update'", N_("targets") },
	{ "project", "project", "'update', 'stage'", N_("start-up projects") },
	{ "loan", "loan", "'update', 'step', 'end', 'disburse', 'payment'", N_("loans") },
	{ "rights_case", "rights_case", "'update', 'step'", N_("rights cases") },
	{ "helper", "helper", "'update'", N_("helpers") },
	{ "mentor_pair", "mentor_pair", "'update', 'end'", N_("mentoring pairs") },
	{ "pair_contact", "pair_contact", NULL, N_("contacts of pairs") },
	{ "pair_gift", "pair_gift", NULL, N_("money and goods of pairs") },
	{ "women_org", "women_org", "'update', 'end'", N_("women's organisations") },
	{ "org_member", "org_member", NULL, N_("members of organisations") },
	{ "household", "household", "'update'", N_("households") },
	{ "assistance", "assistance", "'update'", N_("assistance records") },
};

/* One pass over the table, each record's rows found through history_entity (entity, entity_id,
 * seq): about a second on a million residents. The table and action names are the constants
 * above, never anything read. */
static int trail_kind_check(struct jy_db *db, const struct trail_kind *k,
                            void (*cb)(void *arg, const char *problem), void *arg,
                            struct jy_err *err)
{
	char *sql = xasprintf(
		"SELECT sum(bad = 1), min(CASE WHEN bad = 1 THEN id END), sum(bad = 2), "
		"min(CASE WHEN bad = 2 THEN id END) FROM (SELECT t.id, (SELECT CASE "
		"WHEN coalesce(sum(h.action = 'create'), 0) = 0 THEN 1 "
		"WHEN %s%s > coalesce(sum(h.action IN (%s)), 0) THEN 2 END "
		"FROM history h WHERE h.entity = ?1 AND h.entity_id = t.id) AS bad FROM \"%s\" t) "
		"WHERE bad IS NOT NULL",
		k->versions ? "t.version" : "0", k->versions ? " - 1" : "",
		k->versions ? k->versions : "NULL", k->table);
	sqlite3_stmt *st = NULL;
	int problems = 0;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		problems = -1;
		db_fail(db, err, _("checking the audit trail against the records"));
		goto out;
	}
	sqlite3_bind_text(st, 1, k->entity, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		problems = -1;
		db_fail(db, err, _("checking the audit trail against the records"));
		goto out;
	}
	int64_t uncreated = sqlite3_column_int64(st, 0), unchanged = sqlite3_column_int64(st, 2);
	char *s;
	if (uncreated) {
		problems++;
		s = xasprintf(_("the audit trail lacks the creation of %lld %s (the first: number "
		                "%lld): rows of the trail were removed"),
		              (long long)uncreated, _(k->label),
		              (long long)sqlite3_column_int64(st, 1));
		if (cb)
			cb(arg, s);
		free(s);
	}
	if (unchanged) {
		problems++;
		s = xasprintf(_("the audit trail lacks changes of %lld %s that have more versions "
		                "than changes recorded (the first: number %lld): rows of the trail "
		                "were removed"), (long long)unchanged, _(k->label),
		              (long long)sqlite3_column_int64(st, 3));
		if (cb)
			cb(arg, s);
		free(s);
	}
out:
	sqlite3_finalize(st);
	free(sql);
	return problems;
}

int history_accounts(struct jy_db *db, void (*cb)(void *arg, const char *problem), void *arg,
                     struct jy_err *err)
{
	int problems = 0;
	for (size_t i = 0; i < ARRAY_LEN(trail_kinds); i++) {
		int n = trail_kind_check(db, &trail_kinds[i], cb, arg, err);
		if (n < 0)
			return -1;
		problems += n;
	}
	return problems;
}

/* ---- the triggers that keep the trail as it was written -------------------------------------- */

/* Without them anyone with the file rewrites the trail with plain SQL (001_init.sql,
 * 012_trail_guard.sql). Checked by name, table, event and body on every read-write open: a
 * query of sqlite_schema. jiuye check compares their whole text with the migrations'. */
static const struct {
	const char *name, *table, *event;
} trail_guards[] = {
	{ "history_no_update", "history", "UPDATE" },
	{ "history_no_delete", "history", "DELETE" },
	{ "audit_epoch_no_update", "audit_epoch", "UPDATE" },
	{ "audit_epoch_no_delete", "audit_epoch", "DELETE" },
	{ "audit_epoch_no_insert", "audit_epoch", "INSERT" },
};

const char *history_unguarded(struct jy_db *db)
{
	/* BEFORE <event> ON <table>, no WHEN that could make it pass, and a body that raises */
	sqlite3_stmt *st = db_prepare(db,
		"SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = ?1 "
		"AND tbl_name = ?2 AND instr(upper(replace(replace(replace(sql, char(10), ' '), "
		"char(9), ' '), '  ', ' ')), 'BEFORE ' || ?3 || ' ON ' || upper(?2)) > 0 "
		"AND instr(upper(sql), 'RAISE(ABORT') > 0 AND instr(upper(sql), 'WHEN') = 0", NULL);
	if (!st)
		return trail_guards[0].name;
	for (size_t i = 0; i < ARRAY_LEN(trail_guards); i++) {
		sqlite3_bind_text(st, 1, trail_guards[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, trail_guards[i].table, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, trail_guards[i].event, -1, SQLITE_STATIC);
		int found = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
		if (!found)
			return trail_guards[i].name;
	}
	return NULL;
}

/* ---- a head noted earlier -------------------------------------------------------------------- */

/* The chain's hash at row seq (hex), walking from the start: for a row without a stored hash
 * (one from before the chain). 0, or -1 when the walk failed or never reached seq. */
static int history_hash_at(struct jy_db *db, int64_t seq, char hex[65])
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->h, sql_chain, -1, &st, NULL) != SQLITE_OK)
		return -1;
	uint8_t prev[HASH_LEN];
	hash_genesis(prev);
	int found = 0;
	while (!found && sqlite3_step(st) == SQLITE_ROW) {
		struct hrow r;
		hrow_read(st, &r);
		hash_row(prev, &r, prev);
		found = r.seq == seq;
	}
	sqlite3_finalize(st);
	for (int i = 0; found && i < HASH_LEN; i++)
		snprintf(hex + 2 * i, 3, "%02x", prev[i]);
	return found ? 0 : -1;
}

int history_head_held(struct jy_db *db, const char *noted, struct jy_err *err)
{
	const char *colon = noted ? strchr(noted, ':') : NULL;
	char *end = NULL;
	long long seq = colon ? strtoll(noted, &end, 10) : 0;
	size_t hn = colon ? strlen(colon + 1) : 0;
	if (!colon || end != colon || seq <= 0 || hn < 8 || hn > 64 ||
	    strspn(colon + 1, "0123456789abcdefABCDEF") != hn)
		return err_set(err, JY_EINVAL, NULL, _("--head %s: give the head check printed, as "
		                                       "ROW:HASH (a row number, a colon and at "
		                                       "least 8 hex digits)"),
		               path_shown(noted ? noted : ""));
	char want[65];
	for (size_t i = 0; i <= hn; i++)
		want[i] = (char)((colon[1 + i] >= 'A' && colon[1 + i] <= 'F') ? colon[1 + i] + 32
		                                                              : colon[1 + i]);
	sqlite3_stmt *st = db_prepare(db, "SELECT hash FROM history WHERE seq = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, seq);
	int rc = sqlite3_step(st);
	char have[65] = "";
	int stored = 0;
	if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == HASH_LEN) {
		const uint8_t *h = sqlite3_column_blob(st, 0);
		for (int i = 0; i < HASH_LEN; i++)
			snprintf(have + 2 * i, 3, "%02x", h[i]);
		stored = 1;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		int64_t last = 0;
		st = db_prepare(db, "SELECT coalesce(max(seq), 0) FROM history", err);
		if (st && sqlite3_step(st) == SQLITE_ROW)
			last = sqlite3_column_int64(st, 0);
		if (st)
			sqlite3_reset(st);
		return err_set(err, JY_ENOTFOUND, NULL, _("the audit trail no longer holds row "
		                                          "%lld, noted as its head: it ends at row "
		                                          "%lld, so its newest rows were removed"),
		               seq, (long long)last);
	}
	if (rc != SQLITE_ROW)
		return db_fail(db, err, _("checking the history"));
	if (!stored && history_hash_at(db, seq, have) != 0)
		return db_fail(db, err, _("checking the history"));
	if (strncmp(have, want, hn) != 0)
		return err_set(err, JY_ENOTFOUND, NULL, _("row %lld of the audit trail is not the "
		                                          "one noted as its head (its hash begins "
		                                          "%.16s, not %.16s): the trail was "
		                                          "rewritten from there on"),
		               seq, have, want);
	return JY_OK;
}
