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
};

void codes_cache_free(struct jy_db *db);

/* access.c: the actor's community scope, loaded when the actor is set (and the SQL function
 * jy_in_scope(community) registered); freed when the connection closes. */
int access_scope_load(struct jy_db *db, struct jy_err *err);
void access_scope_free(struct jy_db *db);

/* The schema migrations, embedded in the binary (build/gen/assets.c, made by assets/embed.sh). */
extern const char *const jy_asset_migrations[];
extern const int jy_asset_migration_count;

#endif
