/* core/store/sql.h: the statement layer the parts of core/ above the storage part use to reach
 * the database (never tui/: it sees store/store.h through core.h). Statements come from a
 * per-connection cache keyed by their SQL text, which must be of static storage; every value is
 * bound, never formatted into the text. */
#ifndef JY_SQL_H
#define JY_SQL_H

#include <sqlite3.h>
#include <stdio.h>

#include "store/store.h"

/* A prepared statement for sql (a string literal or other static storage), from the cache: reset
 * and with bindings cleared. Never finalize it; NULL on error (err set). */
sqlite3_stmt *db_prepare(struct jy_db *db, const char *sql, struct jy_err *err);
/* Set err from the connection's last error; returns JY_EDB (or JY_ECONFLICT for constraint
 * violations the caller wants to report differently it checks itself). */
int db_fail(struct jy_db *db, struct jy_err *err, const char *what);
int db_exec(struct jy_db *db, const char *sql, struct jy_err *err);
/* The first column of every row of sql (no parameters), in its order, into a new array *ids of
 * *n; what names what was read when the database fails. Caller frees *ids. */
int db_ids(struct jy_db *db, const char *sql, int64_t **ids, int *n, const char *what,
           struct jy_err *err);
/* Bind a UTF-8 string, NULL when s is NULL or empty. */
int db_bind_text(sqlite3_stmt *st, int i, const char *s);
/* A column as an owned string (NULL when SQL NULL). Caller frees. */
char *db_col_str(sqlite3_stmt *st, int i);
/* Copy a column into a fixed buffer (truncated on a character boundary). */
void db_col_copy(sqlite3_stmt *st, int i, char *dst, size_t size);
/* The SQLite connection, for what the statement cache does not cover (a statement built for one
 * call, sqlite3_changes, the last row id). Borrowed. */
sqlite3 *db_handle(struct jy_db *db);
/* Refresh the planner's statistics of tables[0..n) (names of the schema's own tables), sampled
 * (analysis_limit): after a bulk load or an import changed them so much that the old ones would
 * mislead every query of every connection until its close. */
int db_analyze(struct jy_db *db, const char *const *tables, int n, struct jy_err *err);
/* A transaction opened by db_begin is running (the caller's reads are inside it). */
int db_in_tx(const struct jy_db *db);
/* A bulk load's state kept on the connection by a part above (the registry's search keys), so
 * that every save inside the load finds it: db_bulk_set replaces it (dropping the one before with
 * its own drop), drop frees it when the connection closes. db_bulk_get: NULL when none. */
void db_bulk_set(struct jy_db *db, void *state, void (*drop)(void *state));
void *db_bulk_get(const struct jy_db *db);

/* Every connection offers SQL the function jy_today(): today as date_today gives it (YYYY-MM-DD;
 * JIUYE_TODAY in tests). */

/* A code list from the per-connection cache (loaded on first use; an office that edits a list
 * sees the change on its next start). "@units" is the communities. Borrowed; NULL with err set
 * (JY_EDB) when it cannot be read: never an empty list in its place. */
const struct code_list *codes_cached(struct jy_db *db, const char *list, struct jy_err *err);
/* The first labels of a list, for "what is accepted" in a message. Caller frees. */
char *codes_hint(const struct code_list *cl);

/* history.c: a bulk load's history: history_bulk_add appends n rows without changes for entity
 * ids[0..n), the same rows and hashes history_add would write, many to a statement and without
 * reading the tail again; inside the caller's write transaction. */
struct history_bulk;
struct history_bulk *history_bulk_new(void);
int history_bulk_add(struct jy_db *db, struct history_bulk *hb, const char *entity,
                     const int64_t *ids, int n, const char *action, struct jy_err *err);
void history_bulk_free(struct history_bulk **hb);
/* Append s as a JSON string (or null) to b. */
void history_json_str(struct jy_buf *b, const char *s);
/* A row of SELECT seq, at, os_user, worker, entity, entity_id, action, changes, src, role, event,
 * fields, result into h, borrowed from st until its next step. */
void history_entry_read(sqlite3_stmt *st, struct history_entry *h);

#endif
