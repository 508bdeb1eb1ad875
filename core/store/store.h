/* core/store/store.h: the storage part. The one database file: connection, migrations, write
 * transactions, checks, backups and settings; the workers and what each role may see and do
 * (access rules, community scope, masking); code lists and the units; the audit trail with its
 * hash chain; drafts of forms in progress. It calls nothing above it: the parts above reach the
 * database through store/sql.h. */
#ifndef JY_STORE_H
#define JY_STORE_H

#include "base/base.h"

/* ---- db.c: the one SQLite file --------------------------------------------------------------- */
struct jy_db;

/* Every list in core/ is walked by one shape of iterator:
 *
 *     int X_each(struct jy_db *db, ..., int (*cb)(void *arg, const T *row), void *arg,
 *                struct jy_err *err);
 *
 * cb gets each row, borrowed for the call only. It returns 0 to go on, or non-zero to stop: X_each
 * then returns that value (a caller picks values it can tell from the result codes). A refusal
 * (JY_EPERM, JY_ENOTFOUND) or a database failure (JY_EDB) is returned with err set, also after some
 * rows were seen; JY_OK means every row was. A failure never reads as an empty list. */

enum jy_role { ROLE_CLERK = 1, ROLE_REVIEWER, ROLE_STATS, ROLE_ADMIN };

/* Who is acting. Filled from the real user id at start-up (never from an environment variable). */
struct jy_actor {
	char os_user[64];
	char name[64];
	int role;
	char community[32];     /* the worker's own community code, default for new records */
};

enum { DB_OPEN_CREATE = 1, DB_OPEN_READONLY = 2 };

/* Open (and with DB_OPEN_CREATE create) the database, apply pragmas and run migrations. Refused:
 * a file whose schema is newer than this program or whose schema version is below 0 (damaged),
 * an SQLite file of another program (tables, schema version 0), a file that is not SQLite.
 * Returns JY_OK and *out, or an error. A connection to a file whose audit trail has lost the
 * triggers that protect it, or on which SQLite has reported a damaged page, opens but writes
 * nothing: every write (db_begin, a history row, a setting) fails with a message that names
 * `jiuye check` (and, for a damaged file, the last backup the trail records). */
int db_open(const char *path, int flags, struct jy_db **out, struct jy_err *err);
/* A setgid jiuye (tui/cli/server.c): db_open takes this group for opening the files and gives it back
 * before returning; -1 (the default): it leaves the groups alone. */
void db_open_group(long gid);
void db_close(struct jy_db **db);
/* Act as who, with the role and communities the worker table gives her (none for an unknown OS
 * user). JY_EDB when the table cannot be read: she then has no role at all. */
int db_set_actor(struct jy_db *db, const struct jy_actor *who, struct jy_err *err);
const struct jy_actor *db_actor(const struct jy_db *db);
int db_actor_from_os(struct jy_actor *who);      /* fills from getuid()/getpwuid */
char *db_default_path(void);                     /* $XDG_DATA_HOME/jiuye/jiuye.db … Caller frees. */
int db_schema_version(struct jy_db *db);
int db_begin(struct jy_db *db, struct jy_err *err);      /* BEGIN IMMEDIATE */
int db_commit(struct jy_db *db, struct jy_err *err);
void db_rollback(struct jy_db *db);
/* integrity_check + foreign_key_check + the schema against the one the migrations make (each
 * table, index, trigger and view missing, altered or added) + the history's hash chain + the
 * records the trail must account for (each record's creation, each version's change). Each
 * problem is passed to cb (may be NULL); *trail (may be NULL) gets the chain's verification
 * (rows, head). Returns the number of problems found, or -1 with err set when the check could
 * not run. */
struct history_verify;
int db_check(struct jy_db *db, void (*cb)(void *arg, const char *problem), void *arg,
             struct history_verify *trail, struct jy_err *err);
/* A consistent copy of the live database to dest (written to dest.tmp, then renamed), while others
 * keep working. */
int db_backup(struct jy_db *db, const char *dest, struct jy_err *err);
/* backup.c: db_backup kept in generations. dest a directory: the copy is
 * dest/jiuye-YYYYMMDD-HHMMSS.db (local time; -2, -3 ... within one second) and, when keep > 0,
 * the newest keep such files stay, older ones are removed. dest a file: keep >= 2 keeps the
 * previous copies as dest.1 (newest) ... dest.(keep-1); keep 0 only overwrites dest. Nothing old
 * is removed before the new copy is complete. *written (may be NULL) gets the file written.
 * Caller frees. */
int backup_rotate(struct jy_db *db, const char *dest, int keep, char **written, struct jy_err *err);
/* backup.c: put backup back as the database *db is connected to. An administrator's only
 * (JY_EPERM); refused when backup fails what db_check checks or is not a jiuye database of this
 * schema (JY_EDB), and while another connection has the database open (JY_ECONFLICT: the workers
 * must leave first). The current file is kept as DB.before-restore-YYYYMMDD-HHMMSS (*kept, caller
 * frees), the backup copied beside DB and renamed over it. On success *db is a connection to the
 * restored database, the old one closed, and its trail records the restore. */
int backup_restore(struct jy_db **db, const char *backup, char **kept, struct jy_err *err);
/* Has another connection committed since the last call? (PRAGMA data_version) *changed 1 or 0;
 * JY_EDB when the database cannot be asked. */
int db_changed(struct jy_db *db, int *changed, struct jy_err *err);
/* Settings (locality rules …): *out the text value, a copy of def (may be NULL) when unset.
 * Caller frees *out. JY_EDB when the settings cannot be read: an unreadable setting is never
 * taken for an unset one. db NULL: the default. */
int db_setting(struct jy_db *db, const char *key, const char *def, char **out, struct jy_err *err);
/* The same for a whole number: def when unset or not a number. */
int db_setting_int(struct jy_db *db, const char *key, int def, int *out, struct jy_err *err);
int db_setting_set(struct jy_db *db, const char *key, const char *value, struct jy_err *err);

/* A long operation's progress handler on the connection, in the manner of
 * sqlite3_progress_handler: an import (record/importer.c) calls cb(arg, done, total) before its
 * first row, after a row when `every` rows (every > 0) or 100 ms have passed since the last call,
 * and after its last row; done counts the data rows read, total is the rows the file holds as
 * counted before the import (-1 when it cannot be counted: a pipe). A non-zero return cancels: the
 * import rolls back, nothing is saved, and it returns JY_ECANCEL. cb NULL removes the handler. */
struct db_progress {
	int every;                                      /* rows between calls; 0: by time only */
	int (*cb)(void *arg, long done, long total);
	void *arg;
};
void db_progress_set(struct jy_db *db, int every, int (*cb)(void *arg, long done, long total),
                     void *arg);
const struct db_progress *db_progress_get(const struct jy_db *db);  /* NULL when none is set */

/* ---- access.c: who may see and do what ---------------------------------------------- */
enum access_op {
	OP_VIEW, OP_UNMASK, OP_CREATE, OP_EDIT, OP_EDIT_SENSITIVE, OP_APPROVE, OP_CLOSE, OP_REOPEN,
	OP_IMPORT, OP_EXPORT, OP_EXPORT_FULL, OP_REPORT, OP_REPORT_PEOPLE, OP_AUDIT, OP_ADMIN, OP__COUNT
};
const char *role_label(int role);               /* 录入员, 审核, 统计, 管理员 */
int role_parse(const char *text);               /* clerk/reviewer/stats/admin or the Chinese; -1 */
int access_role_may(int role, int op);          /* the role table alone: 1 or 0 */
const char *access_op_label(int op);            /* "change residents' records", translated */
int access_may(struct jy_db *db, int op);       /* the acting worker's role allows op */
/* Role and, when community is not NULL, scope: JY_OK or JY_EPERM with a message that names the
 * worker, her role and what she tried. */
int access_check(struct jy_db *db, int op, const char *community, struct jy_err *err);
int access_in_scope(struct jy_db *db, const char *community);   /* 1 when she may see it */
int access_scope_all(struct jy_db *db);         /* 1 when she sees every community */
/* The communities whose records she sees, as the indexes that lead with a community hold them:
 * sorted in byte order; for the whole database every unit's code and "" first (records without a
 * community). *list is borrowed until the next call or the connection's close. */
int access_scope_units(struct jy_db *db, const char *const **list, int *n, struct jy_err *err);
/* Masked forms for lists, people lists and exports: ID first 6 + last 4 (320102********123X),
 * phone first 3 + last 4 (138****5678). A masked value has '*' in it and is never saved. */
void mask_idno(const char *id, char *out, size_t size);
void mask_phone(const char *phone, char *out, size_t size);
int mask_is_masked(const char *v);
/* 低保, 特困 and 残疾 (PI-H) among comma-separated category codes: category_sensitive tells one
 * code (n bytes); mask_categories drops them from codes in place. */
int category_sensitive(const char *code, size_t n);
void mask_categories(char *codes);
/* Workers, kept by an administrator (JY_EPERM for anyone else). worker_save adds or changes one:
 * role ROLE_*, units a comma- or 、-separated list of community / street / county codes or names
 * (NULL: scope unchanged; "": her own community only). A worker who leaves is closed, never
 * deleted, so the history keeps naming her. */
struct worker_row {
	char os_user[64], name[64];
	int role;
	char closed_at[32];
	char scope[256];        /* 城东社区、城西社区; "" for the whole database (管理员, 统计) */
};
int worker_save(struct jy_db *db, const char *os_user, const char *name, int role, const char *units,
                struct jy_err *err);
int worker_close(struct jy_db *db, const char *os_user, struct jy_err *err);
int worker_each(struct jy_db *db, int (*cb)(void *arg, const struct worker_row *w), void *arg,
                struct jy_err *err);

/* ---- codes.c: code lists (national / 人社 codes, stored as code text, office-extensible) ------ */
struct code_item {
	char *code;
	char *label;
	int seeking;            /* emp_status: 1 for a status of someone looking for work
	                         * (失业, 下岗, 待业; code.seeking, 010_kinds.sql); 0 elsewhere */
	int retired;            /* kept on old records, never offered for new ones: a closed unit */
};
struct code_list {
	struct code_item *items;
	int n;
	struct code_item *aliases;      /* other names accepted on input (大专 → 31); label = alias */
	int naliases;
};
/* The items of list (e.g. "education"), in display order. Caller frees with codes_free. */
int codes_load(struct jy_db *db, const char *list, struct code_list *out, struct jy_err *err);
void codes_free(struct code_list *cl);
const char *codes_label(const struct code_list *cl, const char *code); /* NULL if unknown */
/* Find the code a worker or a file means: the code itself, the exact label, an alias, or a unique
 * label prefix. NULL when nothing or several match. */
const char *codes_find(const struct code_list *cl, const char *text);
/* Code lists kept by an office (an administrator's; JY_EPERM with a message for anyone else), each
 * change in the audit trail (entity "code"). A list is named by its name (education) or its
 * Chinese one (文化程度). A retired code stays on the records that have it and in their labels,
 * and is offered and accepted for no new one (codes_load marks it retired). */
struct code_row {
	const char *list, *code, *label;
	int retired;
	const char *aliases;    /* the other names accepted, 、-separated; "" none */
};
const char *code_list_label(const char *list);  /* 文化程度 for education; list itself when unknown */
/* The list a worker means (education or 文化程度) into out (24 bytes): JY_ENOTFOUND naming the
 * lists when there is none. */
int code_list_find(struct jy_db *db, const char *text, char out[24], struct jy_err *err);
/* The lists (list NULL: one row a list, code = its number of codes) or the codes of one list, in
 * display order (the iterator shape above). */
int code_each(struct jy_db *db, const char *list, int (*cb)(void *arg, const struct code_row *c),
              void *arg, struct jy_err *err);
/* An office's own code at the end of list: code 1-16 letters, digits, _ or -, label at most 30
 * characters; neither may be the list's already. */
int code_add(struct jy_db *db, const char *list, const char *code, const char *label,
             struct jy_err *err);
/* Another name accepted for code (大专 for 大学专科); not one the list uses already. */
int code_alias_add(struct jy_db *db, const char *list, const char *code, const char *alias,
                   struct jy_err *err);
int code_retire(struct jy_db *db, const char *list, const char *code, struct jy_err *err);
/* JY_EINVAL (field = label) when one of the codes of value (comma-separated) is retired in list
 * and not among was's (the stored value, NULL for a new record): a retired code is kept, never
 * taken anew. */
int code_retired_check(struct jy_db *db, const char *list, const char *label, const char *value,
                       const char *was, struct jy_err *err);
/* *seeking = 1 when emp_status code status is one of someone looking for work (失业, 下岗, 待业):
 * the flag the matching index's triggers read too; 0 for any other status, an unknown one or
 * NULL. JY_EDB when the code list cannot be read. */
int emp_status_seeking(struct jy_db *db, const char *status, int *seeking, struct jy_err *err);
/* The communities (社区/村) as a code list: code = unit code, label = unit name, retired = closed
 * (still read on old records). Caller frees with codes_free. */
int units_load(struct jy_db *db, struct code_list *out, struct jy_err *err);
/* A community's code from its code or name; JY_ENOTFOUND when none, JY_EDB when the units cannot
 * be read (err set). code has room for 32 bytes. */
int unit_find(struct jy_db *db, const char *text, char code[32], struct jy_err *err);


/* ---- unit.c: the office's county / street / community tree ----------------------------------- */
/* Kept by an administrator (JY_EPERM with a message for anyone else), read by everyone. Every
 * change is one transaction with its row in the audit trail (entity "unit"). A unit is named by
 * its code or its name wherever one is asked for. A unit's level is below its parent's (a street
 * under a county, a community under a street or a county); a unit without a parent stands at the
 * top (a community a file named before its street was known). Names are unique in the database:
 * workers, files and reports name a unit by its name alone. Nothing is removed: a closed unit
 * keeps her residents and their history, is still shown on old records and in reports, and takes
 * no new registration. */
enum unit_level { UNIT_COUNTY = 1, UNIT_STREET, UNIT_COMMUNITY };
int unit_level_parse(const char *text);         /* county/street/community, 县/街道/乡镇/社区/村 …; -1 */
const char *unit_level_label(int level);        /* 县区, 街道乡镇, 社区村 */
struct unit_row {
	char code[32], name[64];
	int level;              /* UNIT_* */
	char parent[32];        /* the parent's code, "" at the top */
	char parent_name[64];
	char closed_at[32];     /* when it was closed, "" while open */
	int depth;              /* 0 at the top of the tree, 1 below it ... (for an indented list) */
	int64_t residents;      /* residents registered in it (communities; 0 for the others) */
};
/* Every unit, depth first: a unit, then its children by code (the iterator shape above). */
int unit_each(struct jy_db *db, int (*cb)(void *arg, const struct unit_row *u), void *arg,
              struct jy_err *err);
/* One unit by code or name into *u: JY_ENOTFOUND (field 单位) when there is none. */
int unit_get(struct jy_db *db, const char *unit, struct unit_row *u, struct jy_err *err);
int unit_count(struct jy_db *db, int *n, struct jy_err *err);   /* units, closed ones included */
/* Add a unit: name (at most 30 characters), level UNIT_*, parent a unit's code or name (NULL or
 * "": none), code NULL or "" for one made from the parent's (TX01 -> TX0101, TX0102 ...; U01 ...
 * at the top). out_code (may be NULL, 32 bytes) gets the code. JY_EINVAL (field set) for a name
 * taken, a level that does not fit under the parent, a closed parent, a code taken or not of
 * letters, digits and - . */
int unit_add(struct jy_db *db, const char *name, int level, const char *parent, const char *code,
             char out_code[32], struct jy_err *err);
int unit_rename(struct jy_db *db, const char *unit, const char *name, struct jy_err *err);
/* Move under parent (NULL or "": to the top). Refused: under itself or one of its own units (a
 * cycle), a parent whose level is not above the unit's, a closed parent. */
int unit_move(struct jy_db *db, const char *unit, const char *parent, struct jy_err *err);
/* Close a unit; refused while a unit under it is still open. */
int unit_close(struct jy_db *db, const char *unit, struct jy_err *err);
/* JY_OK when community (a code; NULL or "" passes) takes new residents; JY_EINVAL with field 社区
 * and a message naming it when it is closed. JY_EDB when the units cannot be read. */
int unit_open_check(struct jy_db *db, const char *community, struct jy_err *err);
/* A community's profile (社区基本情况) on a date: -1 for a figure not given. */
struct unit_profile {
	char as_of[32];         /* YYYY-MM-DD (unit_profile_set: any form date_parse takes) */
	int64_t buildings, entrances, households, population;   /* 楼栋, 门栋, 户, 人 */
};
/* Record the figures counted on p->as_of (any form date_parse takes; "" today) for a community;
 * the same date again replaces that day's row. At least one figure; each 0 .. 10,000,000. */
int unit_profile_set(struct jy_db *db, const char *unit, const struct unit_profile *p,
                     struct jy_err *err);
/* The latest profile of a unit: JY_ENOTFOUND when none was recorded. */
int unit_profile_get(struct jy_db *db, const char *unit, struct unit_profile *p,
                     struct jy_err *err);


/* ---- history.c: who changed, viewed, exported what, when: the audit trail (append-only) ------ */
struct history_entry {
	int64_t seq;
	const char *at, *os_user, *worker, *entity, *action;
	int64_t entity_id;
	const char *changes;    /* JSON {"column":[old,new],…}; column names as in resident_fields[].col
	                         * (resident_field_by_col gives the label); null when nothing to show */
	const char *src;        /* client address from $SSH_CONNECTION (a record, not identity); NULL */
	int role;               /* ROLE_* then; 0 for rows from before the audit trail */
	const char *event;      /* view create change close export import login lock unlock seal */
	const char *fields;     /* field names touched or viewed, comma-separated; NULL */
	const char *result;     /* "ok" or "fail:<what>" */
};
/* Append one entry, chained to the one before (SHA-256); inside the writer's transaction, or in
 * its own when there is none. */
int history_add(struct jy_db *db, const char *entity, int64_t entity_id, const char *action,
                const char *changes_json, struct jy_err *err);
/* The entries of one record, newest first (the iterator shape above). */
int history_each(struct jy_db *db, const char *entity, int64_t entity_id,
                 int (*cb)(void *arg, const struct history_entry *h), void *arg,
                 struct jy_err *err);
/* An entry's action (history_add's: "create", "update", "stage" ...) in the worker's words and
 * language, for every page that lists a record's history: a resident's "create" is her
 * registration. The action itself when it has no words. */
const char *history_action_label(const char *entity, const char *action);
/* An event that is not a record change: "view" (a full value shown; fields: which), "export",
 * "import", "login", "lock", with its result (JY_OK or the failure's code); detail_json in the form
 * of changes or NULL. Written in its own transaction, also from a read-only connection. */
int audit_note(struct jy_db *db, const char *event, const char *entity, int64_t entity_id,
               const char *fields, const char *detail_json, int result, struct jy_err *err);
/* A file imported or exported from the command line: kind ("residents" ...), the rows written,
 * the path and the command's result code. Returns JY_OK or why it could not be recorded (err). */
int audit_file(struct jy_db *db, const char *event, const char *kind, int rows, const char *path,
               int result, struct jy_err *err);
/* The whole chain checked in seq order. JY_OK with v filled; v->bad is 0 when it is intact. */
struct history_verify {
	int64_t rows;           /* rows read */
	int64_t bad;            /* the first row that does not fit (or is missing); 0: none */
	int64_t unsealed;       /* rows from before the trail was chained, sealed by the next write */
	int64_t head_seq;       /* the last row checked, and its hash in hex: note them in a backup */
	char head[65];          /* to notice later that the newest rows were removed */
	int limit_changed;      /* the chain is whole, but its limit of rows from before it (table
	                         * audit_epoch) is not where the chain begins: why says so */
	char why[512];          /* what is wrong with row bad (or the limit), translated */
};
int history_verify(struct jy_db *db, struct history_verify *v, struct jy_err *err);
/* Does the trail still hold the head a check printed earlier, noted as "ROW:HASH" (the row's
 * number and at least the first 8 hex digits of its hash)? JY_OK when it does; JY_ENOTFOUND,
 * with err saying so, when that row is gone (the newest rows were removed) or is another row now;
 * JY_EINVAL when noted is not of that form. Removing the newest rows leaves a chain that fits:
 * only a head noted outside the file (beside a backup, on paper) shows it. */
int history_head_held(struct jy_db *db, const char *noted, struct jy_err *err);


/* ---- draft.c: forms in progress, kept as they are typed so nothing typed is lost ------------- */
/* One draft per worker (the actor's os_user), form kind ("resident") and record (0 for new). data
 * is opaque text the TUI writes (e.g. field=value lines). draft_save replaces; draft_clear after a
 * save or an explicit discard. draft_latest finds the newest draft of this worker. */
int draft_save(struct jy_db *db, const char *form, int64_t record_id, const char *data,
               struct jy_err *err);
int draft_clear(struct jy_db *db, const char *form, int64_t record_id, struct jy_err *err);
/* JY_OK with *form, *record_id, *data (Caller frees both strings) or JY_ENOTFOUND. */
int draft_latest(struct jy_db *db, char **form, int64_t *record_id, char **data, struct jy_err *err);
/* This worker's drafts, oldest first (the iterator shape above): form kind, record, when saved. */
struct draft_row {
	char form[32];
	int64_t record_id;
	char saved_at[32];
};
int draft_each(struct jy_db *db, int (*cb)(void *arg, const struct draft_row *d), void *arg,
               struct jy_err *err);

#endif
