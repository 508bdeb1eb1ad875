/* core/db_int.h: private to core/. The connection, the statement cache and the embedded assets.
 * Only the files of core/ include this; everything outside core/ sees struct jy_db as opaque. */
#ifndef JY_DB_INT_H
#define JY_DB_INT_H

#include <sqlite3.h>
#include <stdio.h>

#include "core.h"


struct jy_db {
	sqlite3 *h;
	char *path;
	struct jy_actor who;
	int in_tx;                       /* a transaction opened by db_begin is running */
	int data_version;
	struct {
		const char *sql;         /* the cache key: SQL text of static storage */
		sqlite3_stmt *st;
	} *cache;                        /* grows, never evicts: a caller may be stepping any of them */
	int ncache, capcache;
	struct {                         /* integer settings remembered by db_setting_int */
		char key[48];
		int value;
	} settings[16];
	int nsettings;
	struct search_batch *batch;      /* bulk loads: search keys gathered, written sorted at the end */
	struct {                         /* code lists loaded once per connection (codes.c); the
		                          * registry, jobs and training use some 30 lists */
		char name[24];
		struct code_list list;
	} codes[48];
	int ncodes;
	char **scope;                    /* access.c: the communities the actor may see, sorted */
	int nscope;
	int scope_all;                   /* or all of them */
};

/* A prepared statement for sql (a string literal or other static storage), from the cache: reset
 * and with bindings cleared. Never finalize it; NULL on error (err set). */
sqlite3_stmt *db_prepare(struct jy_db *db, const char *sql, struct jy_err *err);
/* Set err from the connection's last error; returns JY_EDB (or JY_ECONFLICT for constraint
 * violations the caller wants to report differently it checks itself). */
int db_fail(struct jy_db *db, struct jy_err *err, const char *what);
int db_exec(struct jy_db *db, const char *sql, struct jy_err *err);
/* Bind a UTF-8 string, NULL when s is NULL or empty. */
int db_bind_text(sqlite3_stmt *st, int i, const char *s);
/* A column as an owned string (NULL when SQL NULL). Caller frees. */
char *db_col_str(sqlite3_stmt *st, int i);
/* Copy a column into a fixed buffer (truncated on a character boundary). */
void db_col_copy(sqlite3_stmt *st, int i, char *dst, size_t size);

/* A code list from the per-connection cache (loaded on first use; an office that edits a list
 * sees the change on its next start). "@units" is the communities. Borrowed; NULL on error. */
const struct code_list *codes_cached(struct jy_db *db, const char *list);
void codes_cache_free(struct jy_db *db);
/* The first labels of a list, for "what is accepted" in a message. Caller frees. */
char *codes_hint(const struct code_list *cl);

/* access.c: the actor's community scope, loaded when the actor is set (and the SQL function
 * jy_in_scope(community) registered); freed when the connection closes. */
int access_scope_load(struct jy_db *db, struct jy_err *err);
void access_scope_free(struct jy_db *db);

/* approval.c, for resident_save: role and scope, masked values put back or refused, and a clerk's
 * sensitive change taken out of r into *out (NULL when none); approval_queue stores it inside the
 * save's transaction. old: the stored record (resident_load, already in her scope), NULL for a new
 * one. */
struct approval_req;
int approval_guard(struct jy_db *db, struct resident *r, const struct resident *old,
                   struct approval_req **out, struct jy_err *err);
int approval_queue(struct jy_db *db, const struct approval_req *req, struct jy_err *err);
void approval_req_free(struct approval_req **req);

/* facts.c: one status_event row, inside the caller's transaction (no history, no status update). */
int status_event_row(struct jy_db *db, int64_t rid, const char *date, const char *status,
                     const char *form, const char *employer, const char *note,
                     struct jy_err *err);

/* Bulk loads: between begin and flush, the keys of new records are gathered in memory and written
 * in key order at flush, which is several times faster than inserting them in arrival order into
 * a large index. Searches in between do not see the batch's records. */
void search_batch_begin(struct jy_db *db);
int search_batch_flush(struct jy_db *db, struct jy_err *err);
void search_batch_drop(struct jy_db *db);

/* match.c: a bulk load builds the matching candidates (seek, seek_word) of its new residents in
 * memory and writes them in key order at its end. begin sets the per-row triggers that would
 * build them aside inside the load's transaction; restore (before any other write, and at the
 * end) puts them back, as a rollback does by itself; add takes a new resident as stored (validated,
 * id given); end writes the rows and restores; free is for the end and for an abort. */
struct match_bulk;
struct match_bulk *match_bulk_begin(struct jy_db *db);
void match_bulk_add(struct jy_db *db, struct match_bulk *m, const struct resident *r);
int match_bulk_restore(struct jy_db *db, struct match_bulk *m, struct jy_err *err);
int match_bulk_end(struct jy_db *db, struct match_bulk *m, struct jy_err *err);
void match_bulk_free(struct match_bulk **m);

/* resident.c: a bulk load keeps its last records in memory; this writes them and puts the set
 * aside triggers back. Call it before any other write inside the load's transaction (an import
 * updating a resident it already has). */
int resident_bulk_sync(struct resident_bulk *b, struct jy_err *err);
/* resident_bulk_add for a caller that has just looked r's ID number up in the registry and not
 * found it (an import): the batch does not ask again. The unique index still stands behind it. */
int resident_bulk_add_new(struct resident_bulk *b, struct resident *r, struct jy_err *err);

/* One row of a field table from one line of an X-macro list in core.h (RESIDENT_FIELDS,
 * COURSE_FIELDS, …): `const struct field_def t[N] = { COURSE_FIELDS(FIELD_DEF_ROW) };`. */
#define FIELD_DEF_ROW(id, col, label, alias, kind, list, max, flags) \
	{ #col, label, alias, kind, list, max, flags },

/* fields.c: a record's values v[] over a field table defs[0..n). The index of the field whose
 * label, or alias in any case, is header (or whose SQL column is col); -1 when none or NULL. */
int field_find_header(const struct field_def *defs, int n, const char *header);
int field_find_col(const struct field_def *defs, int n, const char *col);
/* Free v[0..n) (not v itself); copy src[0..n) into dst as owned strings. */
void field_values_free(char **v, int n);
void field_values_dup(char **dst, char *const *src, int n);
/* The rule all records share: an empty value is stored as NULL, and read back as "". */
void field_value_set(char **slot, const char *value);
const char *field_value_get(const char *v);

/* search.c: the search_key row every resident named name has ('n' + the whole folded name), for
 * exact name look-ups (resident_check_dup, audit.c); NULL for an empty name. Caller frees. */
char *search_name_key(const char *name);
/* history.c: a bulk load's history (resident.c): history_bulk_add appends n rows without changes
 * for entity ids[0..n), the same rows and hashes history_add would write, many to a statement and
 * without reading the tail again; inside the caller's write transaction. */
struct history_bulk;
struct history_bulk *history_bulk_new(void);
int history_bulk_add(struct jy_db *db, struct history_bulk *hb, const char *entity,
                     const int64_t *ids, int n, const char *action, struct jy_err *err);
void history_bulk_free(struct history_bulk **hb);
/* history.c: append s as a JSON string (or null) to b. */
void history_json_str(struct jy_buf *b, const char *s);
/* history.c: a row of SELECT seq, at, os_user, worker, entity, entity_id, action, changes, src,
 * role, event, fields, result into h, borrowed from st until its next step (audit.c). */
void history_entry_read(sqlite3_stmt *st, struct history_entry *h);

/* For sheet.c's CSV and the importers. First characters that make a spreadsheet read a cell
 * as a formula: an export writes such a cell with a leading apostrophe, an import takes it off. */
#define CSV_FORMULA_CHARS "=+-@"
/* sheet.c, for the exporters: the sheet cell type of a field (dates as date cells, FF_NUM as
 * numbers, the rest text); the columns of the fields of defs[0..n) having all of flags (labels
 * borrowed), their count returned; an export of one table to path in format (SHEET_*): write(ctx,
 * sh, err) writes the rows, the file is renamed into place when it succeeds, *rows (may be NULL)
 * gets the count. A GBK export with a character GBK lacks returns JY_OK with err->warn set. */
int sheet_type_of_field(const struct field_def *fd);
int sheet_cols_of_fields(const struct field_def *defs, int n, int flags, struct sheet_col *cols);
int sheet_export(const char *path, int format, const char *name, const struct sheet_col *cols,
                 int ncols, int (*write)(void *ctx, struct sheet *sh, struct jy_err *err), void *ctx,
                 int *rows, struct jy_err *err);
/* sheet_export with a note line above the header (NULL: none), for the files of people. */
int sheet_export_noted(const char *path, int format, const char *note, const char *name,
                       const struct sheet_col *cols, int ncols,
                       int (*write)(void *ctx, struct sheet *sh, struct jy_err *err), void *ctx,
                       int *rows, struct jy_err *err);
/* export.c, for the exporters of people (export.c, jobs_io.c, training_io.c): OP_EXPORT and the
 * purpose checked, *full (OP_EXPORT_FULL: ID numbers and phones whole) and *notice, the file's
 * first line (Caller frees). export_mask: an FK_IDNO or FK_PHONE value as lists show it. */
int export_people_begin(struct jy_db *db, const char *purpose, int *full, char **notice,
                        struct jy_err *err);
void export_mask(int field_kind, const char *v, char *out, size_t size);
/* The first words of export_notice's line: an import skips a first line starting with them
 * (importer.c), and refuses the file when the line says it was masked. */
#define EXPORT_NOTICE_MARK "内部资料"
#define EXPORT_NOTICE_MASKED "[已脱敏]"
/* csv.c: a text file to path, or stdout when path is NULL or "-": write(ctx, fp, rows, err) does
 * the lines; the file is written beside path and renamed into place, so a failed write never
 * leaves half a file under the name asked for. *rows (rows may be NULL) counts what write wrote. */
int csv_export(const char *path, int *rows, int (*write)(void *ctx, FILE *fp, int *rows,
                                                         struct jy_err *err),
               void *ctx, struct jy_err *err);

/* csv.c, for the importers: spreadsheet column letters (0 -> A, 26 -> AA); a header cell
 * cleaned as people write them (" 姓名 ", "*姓名"); a cell Excel was kept from turning into a number
 * ('320102…, ="320102…") unwrapped. The last two: Caller frees. */
void csv_col_name(int i, char out[8]);
char *csv_header_clean(const char *raw);
char *csv_unwrap_number(const char *cell);

/* importer.c: the part of a CSV import the importers (import.c, jobs_io.c, training_io.c) share.
 * Each embeds a struct importer, its path, report and arg set, and frees it with importer_free. */
struct importer {
	const char *path;
	void (*report)(void *arg, const char *line);
	void *arg;
	int *col;               /* the field of each column of the file, -1 for none */
	int ncol;
	int problems;           /* reported for the current row */
	struct jy_buf line;
	struct importer_seen {  /* the keys of the rows so far: "also in row N" */
		char *key;
		int row;
	} *seen;
	int nseen, capseen;
};
/* The steps of one kind of file; ctx is the importer's own state. */
struct importer_ops {
	void (*accepted)(void *ctx, struct jy_buf *b);          /* the columns row 1 may name */
	int (*header)(void *ctx, char **cell, int n, struct jy_err *err);
	int (*begin)(void *ctx, struct jy_err *err);            /* the file's one transaction */
	/* one data row: JY_OK when stored or reported and counted in res->rejected; any other code
	 * (with err set) stops the import */
	int (*row)(void *ctx, char **cell, int n, int row, struct import_result *res, struct jy_err *err);
	int (*commit)(void *ctx, struct jy_err *err);
	void (*rollback)(void *ctx);
};
/* Open im->path, read its header and rows through ops, commit or roll back by flags
 * (IMPORT_SKIP_ERRORS, IMPORT_DRY_RUN), and say "N bad rows, nothing was imported". */
int importer_run(struct importer *im, int flags, const struct importer_ops *ops, void *ctx,
                 struct import_result *res, struct jy_err *err);
void importer_free(struct importer *im);
/* One line "FILE:ROW: field: msg" (field may be NULL) to the report; counts a problem. */
void importer_report(struct importer *im, int row, const char *field, const char *msg);
/* "姓名, 身份证号, … (English: name, id_number, …)": the fields having all of flags. */
void importer_accepted(const struct field_def *defs, int n, int flags, struct jy_buf *b);
/* How a header row is read: find(ctx, cleaned cell) gives a field of defs or -1 (unknown);
 * has[f] gets column index + 1; data says which unknown cells mean row 1 holds data. */
enum { IMPORTER_DATA_IDNO = 1, IMPORTER_DATA_DATE = 2 };
struct importer_columns {
	const struct field_def *defs;
	int (*find)(const void *ctx, const char *header);
	const void *ctx;
	int *has;
	int data;
};
/* Read the header row into im->col and c->has: a column named twice, a row of data, unknown
 * columns are errors (acc: what is accepted). The caller checks for missing columns. */
int importer_header(struct importer *im, char **cell, int n, const struct importer_columns *c,
                    const char *acc, struct jy_err *err);
/* The error of a required column the header lacks. Returns JY_EINVAL. */
int importer_missing(struct importer *im, const char *label, const char *acc, struct jy_err *err);
/* Cells in columns without a header: data that would otherwise be dropped without a word. label:
 * a column name to suggest. */
void importer_stray_cells(struct importer *im, int row, char **cell, int n, const char *label);
/* A row saved: counted as added (a new record), updated (the save wrote a new version: something
 * differed) or unchanged (a save with nothing new writes no version). */
void importer_count(struct import_result *res, int existed, int64_t version_before,
                    int64_t version_after);
/* The row that had key already, or 0 after noting it (copied) for row. */
int importer_seen(struct importer *im, const char *key, int row);

/* employer.c: one page of a jobs list searched as workers type (employers, postings, fairs,
 * referrals): binds ?1 the folded query, ?2 the cursor's id and ?3 limit + 1 to st (the caller
 * binds the rest), reads up to limit rows of size bytes with read_row(st, row) and sets out->more
 * and out->next (the id in column 0 of the last row). JY_OK, or db_fail's code with what. */
int jobs_page_read(struct jy_db *db, sqlite3_stmt *st, const char *query, const char *cursor,
                   int limit, size_t size, void (*read_row)(sqlite3_stmt *st, void *row),
                   const char *what, struct job_page *out, struct jy_err *err);

/* Embedded assets (build/gen/assets.c, made by assets/embed.sh). */
extern const unsigned char jy_asset_hanzi[];
extern const size_t jy_asset_hanzi_len;
extern const char *const jy_asset_migrations[];
extern const int jy_asset_migration_count;

/* search.c: refresh the search keys of one resident inside the caller's transaction: the keys of
 * the old values (NULL for a new record) go, those of the new ones come. */
int search_index_resident(struct jy_db *db, int64_t id, const char *old_name, const char *old_idno,
                          const char *old_phone, const char *name, const char *idno,
                          const char *phone, struct jy_err *err);

#endif
