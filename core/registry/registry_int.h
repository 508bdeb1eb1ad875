/* core/registry/registry_int.h: private to the registry part (core/registry/): how its files share
 * a save's steps, the approval queue and the bulk path. */
#ifndef JY_REGISTRY_INT_H
#define JY_REGISTRY_INT_H

#include "registry/registry.h"
#include "store/sql.h"

/* approval.c, for resident_save: role and scope, masked values put back or refused, and a clerk's
 * sensitive change taken out of r into *out (NULL when none); approval_queue stores it inside the
 * save's transaction. old: the stored record (resident_load, already in her scope), NULL for a new
 * one. */
struct approval_req;
int approval_guard(struct jy_db *db, struct resident *r, const struct resident *old,
                   struct approval_req **out, struct jy_err *err);
int approval_queue(struct jy_db *db, const struct approval_req *req, struct jy_err *err);
void approval_req_free(struct approval_req **req);

/* resident_store.c: the conflict message (who changed the record since mine->version was
 * loaded): JY_ECONFLICT, or JY_ENOTFOUND / JY_EDB when she cannot be read. */
int resident_conflict(struct jy_db *db, const struct resident *mine, struct jy_err *err);

/* facts.c: one status_event row of kind EVENT_REGISTRATION or EVENT_CHANGE, inside the caller's
 * transaction (no history, no status update). */
int status_event_row(struct jy_db *db, int64_t rid, const char *kind, const char *date,
                     const char *status, const char *form, const char *employer, const char *note,
                     struct jy_err *err);

/* Bulk loads: between begin and flush, the keys of new records are gathered in memory and written
 * in key order each time spill of them are held and at flush, which is several times faster than
 * inserting them in arrival order into a large index. Searches in between do not see the keys
 * still held. */
void search_batch_begin(struct jy_db *db, size_t spill);
int search_batch_flush(struct jy_db *db, struct jy_err *err);
void search_batch_drop(struct jy_db *db);

/* seek.c: a bulk load builds the matching candidates (seek, seek_word) of its new residents in
 * memory and writes them in key order at its end. begin sets the per-row triggers that would
 * build them aside inside the load's transaction; restore (before any other write, and at the
 * end) puts them back, as a rollback does by itself; add takes a new resident as stored (validated,
 * id given); end writes the rows and restores; free is for the end and for an abort. A failed
 * begin or add (JY_EDB, err set) leaves the load unable to stand: the caller rolls it back. */
struct seek_bulk;
int seek_bulk_begin(struct jy_db *db, struct seek_bulk **out, struct jy_err *err);
int seek_bulk_add(struct jy_db *db, struct seek_bulk *m, const struct resident *r,
                  struct jy_err *err);
int seek_bulk_restore(struct jy_db *db, struct seek_bulk *m, struct jy_err *err);
int seek_bulk_end(struct jy_db *db, struct seek_bulk *m, struct jy_err *err);
/* The rows gathered so far written (sorted, as end does) and forgotten, the triggers still aside:
 * a large load spills every so many rows, once its residents' rows are written (seek refers to
 * them), to keep its memory bounded. seek_bulk_rows: how many are gathered. */
int seek_bulk_spill(struct jy_db *db, struct seek_bulk *m, struct jy_err *err);
size_t seek_bulk_rows(const struct seek_bulk *m);
void seek_bulk_free(struct seek_bulk **m);

/* resident_bulk.c: a bulk load keeps its last records in memory; this writes them and puts the set
 * aside triggers back. Call it before any other write inside the load's transaction (an import
 * updating a resident it already has). */
int resident_bulk_sync(struct resident_bulk *b, struct jy_err *err);
/* resident_bulk_add for a caller that has just looked r's ID number up in the registry and not
 * found it (an import): the batch does not ask again. The unique index still stands behind it. */
int resident_bulk_add_new(struct resident_bulk *b, struct resident *r, struct jy_err *err);

/* search.c: refresh the search keys of resident id inside the caller's transaction: the keys of
 * the old record (NULL for a new one) go, those of now come, under her community. */
int search_index_resident(struct jy_db *db, int64_t id, const struct resident *old,
                          const struct resident *now, struct jy_err *err);

/* resident_store.c, for the bulk path: the statements built once from the field table; the values
 * a new record gets when none is typed; JY_EDUP (naming the other record) when idno is registered;
 * the next free id (inside the caller's write transaction). */
/* resident_check.c: what a new resident, or a changed value, may not take though an old record
 * keeps it: a retired code, a closed community (old NULL: a new resident). JY_EINVAL naming the
 * field; JY_EDB when the lists cannot be read. */
int resident_keep_check(struct jy_db *db, const struct resident *r, const struct resident *old,
                        struct jy_err *err);
void resident_sql_build(void);
void resident_defaults(struct resident *r);
int resident_dup_idno(struct jy_db *db, const char *idno, struct jy_err *err);
int resident_next_id(struct jy_db *db, int64_t *id, struct jy_err *err);

/* Categories live in their own dated table; every other field is a column of resident. */
static inline int resident_field_is_column(int f)
{
	return f != RF_CATEGORIES;
}

/* household.c, for the import of residents: the relation typed (code, label or alias of
 * hh_relation) as its code (static storage), or JY_EINVAL naming 与户主关系 with what is accepted;
 * her household now (JY_OK with *hid and its relation code; JY_ENOTFOUND); whether household hid
 * has a head now. JY_EDB when the database fails. */
int household_relation(struct jy_db *db, const char *typed, const char **code, struct jy_err *err);
int household_member_now(struct jy_db *db, int64_t rid, int64_t *hid, char relation[8],
                         struct jy_err *err);
int household_has_head(struct jy_db *db, int64_t hid, int *has, struct jy_err *err);

/* export.c: 户号 and 与户主关系, the columns of her household after the fields in the residents'
 * export, template and import (their labels and English aliases). */
enum { EXPORT_HH_COLS = 2 };
extern const struct field_def hh_defs[EXPORT_HH_COLS];

#endif
