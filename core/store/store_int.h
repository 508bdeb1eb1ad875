/* core/store/store_int.h: private to the storage part (core/store/). The connection itself; the
 * parts above see struct jy_db as opaque and reach the database through store/sql.h. */
#ifndef JY_STORE_INT_H
#define JY_STORE_INT_H

#include "store/sql.h"

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
	void *bulk;                      /* a bulk load's state above this part (db_bulk_set) */
	void (*bulk_drop)(void *bulk);
	struct db_progress progress;     /* db_progress_set: cb NULL when none */
	struct {                         /* code lists loaded once per connection (codes.c); the
		                          * registry, jobs and training use some 30 lists */
		char name[24];
		struct code_list list;
	} codes[48];
	int ncodes;
	char **scope;                    /* access.c: the communities the actor may see, sorted */
	int nscope;
	int scope_all;                   /* or all of them */
	char **units;                    /* access_scope_units for scope_all: every unit code and "" */
	int nunits;
	char *refuse;                    /* why nothing may be written (the trail's protection
	                                  * is gone, the file is damaged), translated; NULL:
	                                  * writes go on */
	int units_dirty;                 /* a unit changed inside a transaction still open: its
	                                  * rollback reads the cached communities again */
	int damaged;                     /* SQLite reported a damaged page on this connection */
	unsigned damage_seen;            /* db.c's count of damage SQLite reported, when last
	                                  * looked */
};

/* db.c: NULL when db may be written, else why not (a message naming jiuye check). Notices the
 * damage SQLite reported since the last call and makes the connection query-only. */
const char *db_refused(struct jy_db *db);
/* The damage SQLite reported since db last looked was another connection's (a file checked and
 * refused, backup.c): db goes on writing. */
void db_damage_absorb(struct jy_db *db);
/* schema.c: the file's tables, indexes, triggers and views against those the embedded migrations
 * make on an empty database; each one missing, altered or extra passed to cb. The number of
 * differences, or -1 with err set. */
int schema_check(struct jy_db *db, void (*cb)(void *arg, const char *problem), void *arg,
                 struct jy_err *err);
/* history.c: the records of every kind the trail records, against their rows in it: each kind
 * with records whose creation or whose versions' changes are missing passed to cb. The number of
 * such problems, or -1 with err set. */
int history_accounts(struct jy_db *db, void (*cb)(void *arg, const char *problem), void *arg,
                     struct jy_err *err);
/* history.c: the name of the first trigger protecting the trail (history_no_update ...) that is
 * missing or does not refuse what it must, or NULL when all are there. */
const char *history_unguarded(struct jy_db *db);

void codes_cache_free(struct jy_db *db);
/* codes.c: the cached communities read again after a unit changed (unit.c). */
void codes_cache_units_changed(struct jy_db *db);

/* access.c: the actor's community scope, loaded when the actor is set (and the SQL function
 * jy_in_scope(community) registered); freed when the connection closes. */
int access_scope_load(struct jy_db *db, struct jy_err *err);
void access_scope_free(struct jy_db *db);

/* The schema migrations, embedded in the binary (build/gen/assets.c, made by assets/embed.sh). */
extern const char *const jy_asset_migrations[];
extern const int jy_asset_migration_count;

#endif
