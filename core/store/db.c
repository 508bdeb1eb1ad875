/* core/store/db.c: the one SQLite file. Connection set-up, migrations, the statement cache, write
 * transactions, checks, backups and settings.
 *
 * Several workers share one file over SSH, so: WAL (readers never block the writer), a long busy
 * timeout, and every write transaction BEGIN IMMEDIATE: a deferred transaction that reads and then
 * writes fails at once with SQLITE_BUSY_SNAPSHOT when another process committed in between,
 * whatever the timeout (measured on SQLite 3.40). */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store_int.h"

/* Long enough that a worker never sees "database is locked" while another imports a large file
 * (a 100,000-row import commits in about two seconds). */
#define DB_BUSY_MS 30000
/* The memory map of a connection: the whole file of a county's registry (a million residents
 * take about 750 MB). */
#define DB_MMAP_BYTES "2147483648"

/* SQLite's error log sees every damaged page it meets ("database disk image is malformed"), also
 * in statements whose callers stop at the error without calling db_fail. It does not say on which
 * connection: each connection open at that moment stops writing (db_refused), which in jiuye is
 * the one database a process works on (a second connection, for an audit row of a read-only one,
 * is to the same file). Counted only; a log callback must not call SQLite. */
static unsigned db_damage_events;

static void db_sqlite_log(void *arg, int code, const char *msg)
{
	(void)arg, (void)msg;
	if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
		db_damage_events++;
}

/* The last backup the trail records (jiuye backup writes a "backup" row with the file), or NULL.
 * Read from the damaged file itself, newest first: it stops at the last backup. Caller frees. */
static char *db_last_backup(struct jy_db *db)
{
	sqlite3_stmt *st;
	char *path = NULL;
	if (sqlite3_prepare_v2(db->h, "SELECT json_extract(changes, '$.file[1]') FROM history "
	                              "WHERE action = 'backup' AND result = 'ok' ORDER BY seq DESC "
	                              "LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		path = db_col_str(st, 0);
	sqlite3_finalize(st);
	return path;
}

/* SQLite found the file damaged: nothing more is written through this connection, whatever
 * writes next (a worker going on would write on top of the damage, and each write may spread
 * it). query_only turns every later write into SQLITE_READONLY, which db_fail words as
 * db->refuse. */
static void db_damaged(struct jy_db *db)
{
	db->damage_seen = db_damage_events;
	if (db->damaged)
		return;
	db->damaged = 1;        /* first: reading the last backup may meet the damage again */
	char *bak = db_last_backup(db);
	const char *file = path_shown(db->path);
	free(db->refuse);
	if (bak)
		db->refuse = xasprintf(_("the database file %s is damaged, so nothing more is "
		                         "written to it: run jiuye check --db %s, and restore the "
		                         "last backup (%s)"),
		                       file, file, path_shown(bak));
	else
		db->refuse = xasprintf(_("the database file %s is damaged, so nothing more is "
		                         "written to it: run jiuye check --db %s, and restore the "
		                         "last backup (the audit trail records none: ask who keeps "
		                         "the office's backups)"),
		                       file, file);
	free(bak);
	sqlite3_exec(db->h, "PRAGMA query_only=1", NULL, NULL, NULL);
}

const char *db_refused(struct jy_db *db)
{
	if (!db)
		return NULL;
	if (db->damage_seen != db_damage_events)
		db_damaged(db);
	return db->refuse;
}

void db_damage_absorb(struct jy_db *db)
{
	if (db && !db->damaged)
		db->damage_seen = db_damage_events;
}

/* What went wrong, in the worker's words: what she was doing, what it means for her work, and
 * what to do; SQLite's own words only in brackets, for whoever looks after the server. */
int db_ids(struct jy_db *db, const char *sql, int64_t **ids, int *n, const char *what,
           struct jy_err *err)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return JY_EDB;
	int s, cap = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*ids = xrealloc(*ids, sizeof **ids * (size_t)(cap = cap ? cap * 2 : 32));
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return s == SQLITE_DONE ? JY_OK : db_fail(db, err, what);
}

int db_fail(struct jy_db *db, struct jy_err *err, const char *what)
{
	int rc = db && db->h ? sqlite3_extended_errcode(db->h) : SQLITE_ERROR;
	const char *m = db && db->h ? sqlite3_errmsg(db->h) : "no connection";
	int primary = rc & 0xff;
	if (db && db->h && (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB))
		db_damaged(db);
	const char *refused = db_refused(db);
	if (refused && (primary == SQLITE_READONLY || primary == SQLITE_CORRUPT ||
	                primary == SQLITE_NOTADB))
		return err_set(err, JY_EDB, NULL, "%s: %s", what, refused);
	if (primary == SQLITE_FULL)
		return err_set(err, JY_EDB, NULL, _("%s: the disk is full; nothing was saved"), what);
	if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
		return err_set(err, JY_EDB, NULL,
		               _("%s: the database stayed busy (another worker is importing?); "
		                 "nothing was saved, try again"), what);
	if (primary == SQLITE_READONLY)
		return err_set(err, JY_EDB, NULL, _("%s: the database file is read-only"), what);
	if (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN)
		return err_set(err, JY_EDB, NULL, _("%s: the database file could not be read or "
		                                    "written (a disk or network fault?); nothing "
		                                    "was saved, try again, and tell who looks "
		                                    "after the server if it goes on [%s]"),
		               what, m);
	if (primary == SQLITE_PERM || primary == SQLITE_AUTH)
		return err_set(err, JY_EDB, NULL, _("%s: this program may not reach the database "
		                                    "file [%s]"), what, m);
	if (primary == SQLITE_NOMEM)
		return err_set(err, JY_EDB, NULL, _("%s: out of memory; nothing was saved"), what);
	if (primary == SQLITE_CONSTRAINT)
		return err_set(err, JY_EDB, NULL, _("%s: the database refused the change, as it "
		                                    "breaks one of its rules; nothing was saved "
		                                    "[%s]"), what, m);
	if (primary == SQLITE_ERROR || primary == SQLITE_SCHEMA)
		return err_set(err, JY_EDB, NULL, _("%s: the database file is not as this jiuye "
		                                    "expects it: jiuye check names what differs "
		                                    "[%s]"), what, m);
	return err_set(err, JY_EDB, NULL, _("%s: the database could not do it; nothing was saved "
	                                    "[%s]"), what, m);
}

int db_exec(struct jy_db *db, const char *sql, struct jy_err *err)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, err, _("working on the database"));
	return JY_OK;
}

sqlite3_stmt *db_prepare(struct jy_db *db, const char *sql, struct jy_err *err)
{
	for (int i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			sqlite3_reset(db->cache[i].st);
			sqlite3_clear_bindings(db->cache[i].st);
			return db->cache[i].st;
		}
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		db_fail(db, err, _("reading the database"));
		return NULL;
	}
	/* The SQL texts are the program's own string literals, so the cache is bounded by the code;
	 * evicting one could finalize a statement its caller is still stepping. */
	if (db->ncache == db->capcache) {
		db->capcache = db->capcache ? db->capcache * 2 : 64;
		db->cache = xrealloc(db->cache, sizeof *db->cache * (size_t)db->capcache);
	}
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache].st = st;
	db->ncache++;
	return st;
}

int db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (!s || !*s)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

char *db_col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? xstrdup((const char *)s) : NULL;
}

void db_col_copy(sqlite3_stmt *st, int i, char *dst, size_t size)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	size_t n = s ? strlen(s) : 0;
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;            /* never cut inside a UTF-8 sequence */
	}
	if (n)
		memcpy(dst, s, n);
	dst[n] = '\0';
}

static int db_int_query(struct jy_db *db, const char *sql, int *out)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int db_schema_version(struct jy_db *db)
{
	int v = -1;
	db_int_query(db, "PRAGMA user_version", &v);
	return v;
}

static int db_mkdirs(const char *path)
{
	char *dir = xstrdup(path);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0770) != 0 && errno != EEXIST) {
			free(dir);
			return -1;
		}
		*p = '/';
	}
	free(dir);
	return 0;
}

/* An SQLite file with a schema version of 0 that is not empty was made by another program (its
 * own tables, its own ways): jiuye's schema is never put beside them. JY_OK when the file holds
 * nothing yet. */
static int db_foreign(struct jy_db *db, struct jy_err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->h, "SELECT count(*), (SELECT group_concat(name, ', ') FROM "
	                              "(SELECT name FROM sqlite_schema WHERE type = 'table' "
	                              "ORDER BY name LIMIT 5)) FROM sqlite_schema", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(db, err, _("reading the database"));
	int rc = JY_OK;
	if (sqlite3_step(st) != SQLITE_ROW)
		rc = db_fail(db, err, _("reading the database"));
	else if (sqlite3_column_int(st, 0) > 0)
		rc = err_set(err, JY_EDB, NULL, _("%s is not a jiuye database: it holds another "
		                                  "program's tables (%s); give the name of a new "
		                                  "file or of a jiuye database with --db"),
		             path_shown(db->path),
		             path_shown((const char *)sqlite3_column_text(st, 1)));
	sqlite3_finalize(st);
	return rc;
}

/* The schema version the file says, checked before it is used: every value outside 0 … the
 * migrations this program has is refused with a message (a damaged or hostile file may say -1,
 * and the migrations are an array). *have: the version. */
static int db_version_read(struct jy_db *db, int *have, struct jy_err *err)
{
	if (db_int_query(db, "PRAGMA user_version", have) != 0)
		return db_fail(db, err, _("reading the database's schema version"));
	if (*have > jy_asset_migration_count)
		return err_set(err, JY_EDB, NULL,
		               _("%s was written by a newer jiuye (schema %d, this program knows "
		                 "%d): install the newer jiuye"), path_shown(db->path), *have,
		               jy_asset_migration_count);
	if (*have < 0)
		return err_set(err, JY_EDB, NULL,
		               _("%s is damaged or not a jiuye database: its schema version is %d, "
		                 "and jiuye writes only 0 to %d; restore it from a backup"),
		               path_shown(db->path), *have, jy_asset_migration_count);
	if (*have == 0)
		return db_foreign(db, err);
	return JY_OK;
}

/* Apply the embedded migrations the file lacks, each in its own IMMEDIATE transaction; the
 * version is re-read inside it, because another jiuye may have migrated meanwhile. */
static int db_migrate(struct jy_db *db, struct jy_err *err)
{
	int have, rc;
	if ((rc = db_version_read(db, &have, err)))
		return rc;
	if (have > 0 && have < jy_asset_migration_count) {
		char *bak = xasprintf("%s.before-v%d", db->path, jy_asset_migration_count);
		rc = db_backup(db, bak, err);
		free(bak);
		if (rc)
			return rc;
	}
	for (int v = have + 1; v <= jy_asset_migration_count; v++) {
		assert(v >= 1 && v <= jy_asset_migration_count);
		if (db_exec(db, "BEGIN IMMEDIATE", err))
			return JY_EDB;
		if (db_schema_version(db) >= v) {
			db_exec(db, "COMMIT", NULL);
			continue;
		}
		char pragma[40];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v);
		if (db_exec(db, jy_asset_migrations[v - 1], err) || db_exec(db, pragma, err) ||
		    db_exec(db, "COMMIT", err)) {
			char detail[sizeof err->msg];
			snprintf(detail, sizeof detail, "%s", err ? err->msg : "");
			db_exec(db, "ROLLBACK", NULL);
			return err_set(err, JY_EDB, NULL, _("upgrading the database to schema %d failed: %s"),
			               v, detail);
		}
	}
	return JY_OK;
}

/* After each commit (replaces SQLite's own autocheckpoint at 1000 pages). While any worker reads,
 * a passive checkpoint copies the log back but can never start it over, so on a busy office
 * server the -wal file only grows: tests/stress measured 650 MB in 60 s with 20 workers, and every
 * reader slowed with it. Past 4096 pages the writer that just committed waits up to 200 ms for the
 * readers of the old log to finish and restarts it (a shared database's journal_size_limit then
 * shrinks the file); measured: the log stays under 20 MB instead of growing past 600 MB. */
static int db_wal_hook(void *arg, sqlite3 *h, const char *name, int pages)
{
	(void)arg;
	if (pages < 1000)
		return SQLITE_OK;
	if (pages < 4096) {
		sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		return SQLITE_OK;
	}
	sqlite3_busy_timeout(h, 200);
	sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_RESTART, NULL, NULL);
	sqlite3_busy_timeout(h, DB_BUSY_MS);
	return SQLITE_OK;
}

static int db_pragmas(struct jy_db *db, int readonly, struct jy_err *err)
{
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, DB_BUSY_MS);
	sqlite3_wal_hook(db->h, db_wal_hook, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
	if (db_exec(db, "PRAGMA foreign_keys=ON", err))
		return JY_EDB;
	if (!readonly && db_exec(db, "PRAGMA journal_mode=WAL", err))
		return JY_EDB;
	/* Savepoints (one per imported row) keep their undo pages in a sub-journal: in memory that is
	 * a copy, on disk a write system call per page (measured: a third of import time). */
	if (db_exec(db, "PRAGMA temp_store=MEMORY", err))
		return JY_EDB;
	/* Reads through a memory map instead of copying each page into the page cache (a search
	 * spent a third of its time in pread on a million residents; measured by make bench). The
	 * mapped pages are the kernel's file cache, shared and given back under pressure, not heap:
	 * make bench prints them apart (search_rss_file). Writes still go through the WAL. */
	if (db_exec(db, "PRAGMA mmap_size=" DB_MMAP_BYTES, err))
		return JY_EDB;
	/* NORMAL in WAL mode: a power cut may lose the last commits but never corrupts the file. */
	return db_exec(db, "PRAGMA synchronous=NORMAL", err);
}

/* Who may read the file. A database in a setgid folder (the
 * office server's /var/lib/jiuye, 2770 root:jiuye) is shared by the workers' jiuye processes,
 * each with the group jiuye but the worker's own user id: 0660, so every one of them can write what
 * another created. Anywhere else it is one worker's own file: 0600. SQLite gives the -wal and -shm
 * files the main file's permissions whatever the umask (it fchmods them; seen on 3.40), so making
 * the main file with the right mode is enough; SQLite itself would make it 0644 minus the umask. */
static int db_in_shared_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = !slash ? xstrdup(".") : slash == path ? xstrdup("/")
	                                   : xstrndup(path, (size_t)(slash - path));
	struct stat sb;
	int shared = stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) && (sb.st_mode & S_ISGID);
	free(dir);
	return shared;
}

static int db_create_file(const char *path, int shared)
{
	mode_t mode = shared ? 0660 : 0600;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0)
		return errno == EEXIST ? 0 : -1;
	int rc = fchmod(fd, mode);      /* open() took the umask off */
	close(fd);
	return rc;
}

/* A shared database keeps its -wal and -shm files between sessions (persistent WAL, emptied at
 * the last close): they are made once, at `jiuye init`, with the group and mode above, and no
 * worker's process has to delete or re-create a file in the group's folder (a setgid jiuye works
 * with the worker's own group once the database is open, tui/cli/server.c). */
static void db_shared_wal(struct jy_db *db)
{
	int one = 1;
	sqlite3_file_control(db->h, "main", SQLITE_FCNTL_PERSIST_WAL, &one);
	sqlite3_exec(db->h, "PRAGMA journal_size_limit=67108864", NULL, NULL, NULL);
}

/* SQL's jy_today(): the day date_today gives (JIUYE_TODAY in tests), for a figure that must not
 * look past today (a period that has not ended yet). */
static void sql_today(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc, (void)argv;
	char d[11];
	date_today(d);
	sqlite3_result_text(ctx, d, -1, SQLITE_TRANSIENT);
}

static int db_open_files(const char *path, int flags, struct jy_db **out, struct jy_err *err)
{
	*out = NULL;
	if (!path || !*path)
		return err_set(err, JY_EINVAL, NULL, _("no database file given"));
	int create = flags & DB_OPEN_CREATE, readonly = flags & DB_OPEN_READONLY;
	/* stat, not access: access() asks with the real group, and a setgid jiuye reaches the shared
	 * folder only with its effective one (tui/cli/server.c). */
	struct stat sb;
	if (!create && stat(path, &sb) != 0)
		return err_set(err, JY_EIO, NULL, _("%s: no such database (create one with: jiuye init --db %s)"),
		               path_shown(path), path_shown(path));
	if (create && db_mkdirs(path) != 0)
		return err_set(err, JY_EIO, NULL, _("%s: cannot create its directory: %s"),
		               path_shown(path), strerror(errno));

	int shared = db_in_shared_dir(path);
	if (create && !readonly && db_create_file(path, shared) != 0)
		return err_set(err, JY_EIO, NULL, _("%s: cannot create the database file: %s"),
		               path_shown(path), strerror(errno));

	struct jy_db *db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	/* damage SQLite reports from here on is this connection's (one thread) */
	unsigned damage_before = db->damage_seen = db_damage_events;
	int oflags = readonly ? SQLITE_OPEN_READONLY
	                      : SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &db->h, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		err_set(err, JY_EIO, NULL, _("%s: cannot open the database: %s"), path_shown(path),
		        db->h ? sqlite3_errmsg(db->h) : "out of memory");
		db_close(&db);
		return JY_EIO;
	}
	if (shared)
		db_shared_wal(db);
	sqlite3_create_function(db->h, "jy_today", 0, SQLITE_UTF8, NULL, sql_today, NULL, NULL);
	int rc = db_pragmas(db, readonly, err), have;
	if (!rc && !readonly)
		rc = db_migrate(db, err);
	/* Statistics that another connection left stale (a load, an import) are refreshed where
	 * SQLite sees they no longer fit, bounded by the analysis limit: a desk keeps its connection
	 * open all day, and the close's optimize comes too late for it. */
	if (!rc && !readonly)
		db_exec(db, "PRAGMA analysis_limit=1000; PRAGMA optimize", NULL);
	if (!rc && readonly && !(rc = db_version_read(db, &have, err)) &&
	    have != jy_asset_migration_count)
		rc = err_set(err, JY_EDB, NULL, _("%s: schema version %d, this jiuye needs %d"),
		             path_shown(path), have, jy_asset_migration_count);
	if (rc && db->damaged)          /* SQLite could not read the first pages */
		rc = err_set(err, JY_EDB, NULL, _("%s is no jiuye database, or it is damaged: it "
		                                  "is not an SQLite file jiuye can read; give the "
		                                  "name of a jiuye database with --db, or restore "
		                                  "a backup"),
		             path_shown(path));
	if (rc) {
		db_close(&db);
		db_damage_events = damage_before;   /* a file that never opened harms no other */
		return rc;
	}
	/* Without its triggers the trail can be rewritten by anyone with the file, unseen: jiuye
	 * puts nothing more in it until they are back (history.c). */
	const char *unguarded = readonly ? NULL : history_unguarded(db);
	if (unguarded) {
		db->refuse = xasprintf(_("the audit trail of %s has lost its protection (the "
		                         "trigger %s is missing or altered), so jiuye writes "
		                         "nothing to this database: jiuye check --db %s names what "
		                         "differs; restore the last backup"),
		                       path_shown(path), unguarded, path_shown(path));
		sqlite3_exec(db->h, "PRAGMA query_only=1", NULL, NULL, NULL);
	}
	struct jy_actor who;
	int changed;
	db_actor_from_os(&who);
	rc = db_set_actor(db, &who, err);       /* the real user, looked up in the worker table */
	if (!rc)
		rc = db_changed(db, &changed, err);
	if (rc) {
		db_close(&db);
		return rc;
	}
	*out = db;
	return JY_OK;
}

/* A setgid jiuye on an office server (tui/cli/server.c) works with the worker's own group and takes
 * the shared group only while a database is being opened: every open, also the second connection
 * an audit row from a read-only one needs. SQLite then works through the descriptors it opened. */
static long db_group = -1;

void db_open_group(long gid)
{
	db_group = gid;
}

static void db_take_group(int on)
{
	if (db_group < 0)
		return;
	/* Going on with the group's rights after the open would write exports as the group's
	 * files and read import files the worker may not: stop instead. */
	if (setegid(on ? (gid_t)db_group : getgid()) != 0 && !on)
		abort();
}

int db_open(const char *path, int flags, struct jy_db **out, struct jy_err *err)
{
	static int logging;
	if (!logging) {
		/* only before SQLite's first use; otherwise db_fail alone notices damage */
		sqlite3_config(SQLITE_CONFIG_LOG, db_sqlite_log, NULL);
		logging = 1;
	}
	db_take_group(1);
	int rc = db_open_files(path, flags, out, err);
	db_take_group(0);
	return rc;
}

void db_close(struct jy_db **pdb)
{
	struct jy_db *db = *pdb;
	if (!db)
		return;
	codes_cache_free(db);
	access_scope_free(db);
	db_bulk_set(db, NULL, NULL);
	for (int i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	free(db->cache);
	if (db->h) {
		sqlite3_exec(db->h, "PRAGMA optimize", NULL, NULL, NULL);
		sqlite3_close(db->h);
	}
	free(db->path);
	free(db->refuse);
	free(db);
	*pdb = NULL;
}

int db_actor_from_os(struct jy_actor *who)
{
	memset(who, 0, sizeof *who);
	/* The real user id, never an environment variable: a worker cannot pose as another. */
	struct passwd *pw = getpwuid(getuid());
	if (pw) {
		snprintf(who->os_user, sizeof who->os_user, "%s", pw->pw_name);
		const char *gecos = pw->pw_gecos && *pw->pw_gecos ? pw->pw_gecos : pw->pw_name;
		size_t n = strcspn(gecos, ",");
		snprintf(who->name, sizeof who->name, "%.*s", (int)n, gecos);
	} else {
		snprintf(who->os_user, sizeof who->os_user, "uid%u", (unsigned)getuid());
		snprintf(who->name, sizeof who->name, "%s", who->os_user);
	}
	who->role = ROLE_CLERK;
	return JY_OK;
}

/* The actor's role and community from the worker table: *found 0 when she has no row. */
static int actor_read(struct jy_db *db, int *found, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT CASE WHEN closed_at IS NULL THEN role ELSE 0 END, coalesce(community, '') "
		"FROM worker WHERE os_user = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, db->who.os_user, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	*found = s == SQLITE_ROW;
	if (*found) {
		db->who.role = sqlite3_column_int(st, 0);
		db_col_copy(st, 1, db->who.community, sizeof db->who.community);
	}
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, _("reading the workers"));
	return JY_OK;
}

/* Look the worker up in the worker table. The first worker of a new database becomes its
 * administrator; anyone else must have been added by an administrator (worker_save): an unknown
 * OS user gets no role, and access_check refuses her everything. On a failure too she has no
 * role: nothing is allowed on a guess. */
int db_set_actor(struct jy_db *db, const struct jy_actor *who, struct jy_err *err)
{
	int found = 0, rc;
	db->who = *who;
	db->who.role = 0;               /* until the worker table says otherwise */
	if ((rc = actor_read(db, &found, err)))
		goto out;
	if (!found && sqlite3_db_readonly(db->h, "main") != 1) {
		sqlite3_stmt *st = db_prepare(db,
			"INSERT OR IGNORE INTO worker(os_user, name, role, community, created_at) "
			"SELECT ?1, ?2, 4, (SELECT code FROM unit WHERE level = 'community' "
			"ORDER BY code LIMIT 1), ?3 WHERE NOT EXISTS (SELECT 1 FROM worker)", err);
		if (!st) {
			rc = JY_EDB;
			goto out;
		}
		char now[32];
		time_now_iso(now);
		sqlite3_bind_text(st, 1, who->os_user, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, who->name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
		int s = sqlite3_step(st);
		sqlite3_reset(st);
		if (s != SQLITE_DONE) {
			rc = db_fail(db, err, _("saving the worker"));
			goto out;
		}
		if ((rc = actor_read(db, &found, err)))
			goto out;
	}
	rc = access_scope_load(db, err);
out:
	if (rc) {
		db->who.role = 0;
		access_scope_free(db);  /* nor the communities of whoever acted before */
	}
	return rc;
}

const struct jy_actor *db_actor(const struct jy_db *db)
{
	return &db->who;
}

sqlite3 *db_handle(struct jy_db *db)
{
	return db->h;
}

int db_in_tx(const struct jy_db *db)
{
	return db->in_tx;
}

void db_bulk_set(struct jy_db *db, void *state, void (*drop)(void *state))
{
	if (db->bulk && db->bulk_drop)
		db->bulk_drop(db->bulk);
	db->bulk = state;
	db->bulk_drop = drop;
}

void *db_bulk_get(const struct jy_db *db)
{
	return db->bulk;
}

void db_progress_set(struct jy_db *db, int every, int (*cb)(void *arg, long done, long total),
                     void *arg)
{
	db->progress.every = every > 0 ? every : 0;
	db->progress.cb = cb;
	db->progress.arg = cb ? arg : NULL;
}

const struct db_progress *db_progress_get(const struct jy_db *db)
{
	return db && db->progress.cb ? &db->progress : NULL;
}

char *db_default_path(void)
{
	const char *env = getenv("JIUYE_DB");
	if (env && *env)
		return xstrdup(env);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/jiuye/jiuye.db", xdg);
	const char *home = getenv("HOME");
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : "/tmp";
	}
	return xasprintf("%s/.local/share/jiuye/jiuye.db", home);
}

/* A statement that takes no parameters, run once from the cache (no parsing per call: imports
 * open a savepoint per row). */
static int db_step_cached(struct jy_db *db, const char *sql)
{
	sqlite3_stmt *st = db_prepare(db, sql, NULL);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Write transactions nest: the outermost is BEGIN IMMEDIATE, inner ones are savepoints, so a
 * failed inner step (one resident of an import) can be undone on its own. */
int db_begin(struct jy_db *db, struct jy_err *err)
{
	const char *refused = db_refused(db);
	if (refused)
		return err_set(err, JY_EDB, NULL, "%s", refused);
	if (db_step_cached(db, db->in_tx ? "SAVEPOINT jy" : "BEGIN IMMEDIATE"))
		return db_fail(db, err, _("starting a change"));
	db->in_tx++;
	return JY_OK;
}

int db_commit(struct jy_db *db, struct jy_err *err)
{
	if (db->in_tx <= 0)
		return err_set(err, JY_EDB, NULL, "commit without a transaction");
	/* damage found while the transaction ran: what it wrote does not go in either */
	const char *refused = db_refused(db);
	if (refused) {
		err_set(err, JY_EDB, NULL, "%s", refused);
		db_rollback(db);
		return JY_EDB;
	}
	if (db_step_cached(db, db->in_tx > 1 ? "RELEASE jy" : "COMMIT")) {
		int rc = db_fail(db, err, _("saving"));
		db_rollback(db);
		return rc;
	}
	db->in_tx--;
	if (!db->in_tx)
		db->units_dirty = 0;
	return JY_OK;
}

void db_rollback(struct jy_db *db)
{
	if (db->in_tx <= 0)
		return;
	if (db->in_tx > 1) {
		db_step_cached(db, "ROLLBACK TO jy");
		db_step_cached(db, "RELEASE jy");
	} else if (!sqlite3_get_autocommit(db->h)) {
		db_step_cached(db, "ROLLBACK");
	}
	db->in_tx--;
	if (db->units_dirty) {
		codes_cache_units_changed(db);
		db->units_dirty = db->in_tx > 0;
	}
}

int db_check(struct jy_db *db, void (*cb)(void *arg, const char *problem), void *arg,
             struct history_verify *trail, struct jy_err *err)
{
	int problems = 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->h, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, err, _("checking the database")), -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		if (s && strcmp(s, "ok") != 0) {
			problems++;
			if (cb)
				cb(arg, s);
		}
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db->h, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, err, _("checking the database")), -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		problems++;
		if (cb) {
			char *s = xasprintf(_("table %s row %lld refers to a missing %s record"),
			                    sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
			                    sqlite3_column_text(st, 2));
			cb(arg, s);
			free(s);
		}
	}
	sqlite3_finalize(st);
	/* A step below that cannot run on a file with problems already found (a damaged page it
	 * must read) is one more problem, said as such: the list so far is what the worker
	 * needs. */
	struct jy_err step = { 0 };
	int n;
	/* The tables, indexes and triggers as the migrations make them (schema.c): the trail's
	 * triggers dropped, a table altered, something added. */
	if ((n = schema_check(db, cb, arg, &step)) < 0)
		goto failed;
	problems += n;
	/* The audit trail's hash chain (history.c): the first row altered, removed or slipped in. */
	struct history_verify v;
	if (history_verify(db, &v, &step))
		goto failed;
	if (v.bad || v.limit_changed) {
		problems++;
		if (cb)
			cb(arg, v.why);
	}
	if (trail)
		*trail = v;
	/* A chain from which whole rows were removed, hashes made again, still fits: the records
	 * say what it must hold (each one's creation, each version's change). */
	if ((n = history_accounts(db, cb, arg, &step)) < 0)
		goto failed;
	return problems + n;
failed:
	if (!problems) {
		if (err)
			*err = step;
		return -1;
	}
	if (cb)
		cb(arg, step.msg);
	return problems + 1;
}

/* The online backup API copies a consistent snapshot in one step (-1): under WAL, writers go on
 * meanwhile. The copy is written beside dest (path_tmp_name: .NAME.jiuye-tmp-PID, removed by a
 * later write to the folder when a killed backup left it) and renamed, so dest is never
 * half-written. */
int db_backup(struct jy_db *db, const char *dest, struct jy_err *err)
{
	/* A copy of a damaged or unprotected file is no backup, and a rotation would drop a good
	 * one for it (backup.c keeps the newest N). */
	const char *refused = db_refused(db);
	if (refused)
		return err_set(err, JY_EDB, NULL, _("%s: no backup was made: %s"), path_shown(dest),
		               refused);
	char *tmp = path_tmp_name(dest);
	sqlite3 *out = NULL;
	int rc = JY_OK;
	path_tmp_sweep(dest);
	unlink(tmp);
	if (sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		rc = err_set(err, JY_EIO, NULL, _("%s: cannot create the backup file"),
		             path_shown(dest));
		goto done;
	}
	sqlite3_backup *b = sqlite3_backup_init(out, "main", db->h, "main");
	if (!b) {
		rc = err_set(err, JY_EIO, NULL, _("%s: backup failed: %s"), path_shown(dest),
		             sqlite3_errmsg(out));
		goto done;
	}
	int s;
	while ((s = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || s == SQLITE_LOCKED)
		sqlite3_sleep(20);
	sqlite3_backup_finish(b);
	if ((s & 0xff) == SQLITE_CORRUPT || (s & 0xff) == SQLITE_NOTADB) {
		db_damaged(db);         /* a copy of the damage is no backup */
		rc = err_set(err, JY_EDB, NULL, _("%s: no backup was made: %s"), path_shown(dest),
		             db->refuse);
		goto done;
	}
	if (s != SQLITE_DONE) {
		rc = err_set(err, JY_EIO, NULL, _("%s: backup failed: %s"), path_shown(dest),
		             sqlite3_errstr(s));
		goto done;
	}
	/* Leave a self-contained file: no -wal beside it. */
	if (sqlite3_exec(out, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		rc = err_set(err, JY_EIO, NULL, _("%s: backup failed: %s"), path_shown(dest),
		             sqlite3_errmsg(out));
		goto done;
	}
done:
	if (out)
		sqlite3_close(out);
	if (!rc && rename(tmp, dest) != 0)
		rc = err_set(err, JY_EIO, NULL, _("%s: cannot write the backup: %s"),
		             path_shown(dest),
		             strerror(errno));
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* A few hundred rows of each index are enough for the planner to tell the registry's sizes and
 * shapes apart, and keep ANALYZE of a million-row table to milliseconds instead of a full pass. */
#define DB_ANALYSIS_LIMIT 1000

int db_analyze(struct jy_db *db, const char *const *tables, int n, struct jy_err *err)
{
	char sql[96];
	snprintf(sql, sizeof sql, "PRAGMA analysis_limit=%d", DB_ANALYSIS_LIMIT);
	int rc = db_exec(db, sql, err);
	for (int i = 0; !rc && i < n; i++) {
		/* the names are the program's own (assert: never data), so they are not bound */
		assert(strspn(tables[i], "abcdefghijklmnopqrstuvwxyz_") == strlen(tables[i]));
		snprintf(sql, sizeof sql, "ANALYZE \"%s\"", tables[i]);
		rc = db_exec(db, sql, err);
	}
	return rc ? db_fail(db, err, _("refreshing the statistics")) : JY_OK;
}

int db_changed(struct jy_db *db, int *changed, struct jy_err *err)
{
	int v = 0;
	*changed = 0;
	if (db_int_query(db, "PRAGMA data_version", &v) != 0)
		return db_fail(db, err, _("looking for changes by others"));
	*changed = v != db->data_version;
	db->data_version = v;
	return JY_OK;
}

int db_setting(struct jy_db *db, const char *key, const char *def, char **out, struct jy_err *err)
{
	*out = NULL;
	if (!db) {
		*out = xstrdup(def);
		return JY_OK;
	}
	sqlite3_stmt *st = db_prepare(db, "SELECT value FROM setting WHERE key = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*out = db_col_str(st, 0);
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, _("reading the settings"));
	if (!*out)
		*out = xstrdup(def);
	return JY_OK;
}

int db_setting_int(struct jy_db *db, const char *key, int def, int *out, struct jy_err *err)
{
	*out = def;
	if (!db)
		return JY_OK;
	for (int i = 0; i < db->nsettings; i++)
		if (strcmp(db->settings[i].key, key) == 0) {
			*out = db->settings[i].value;
			return JY_OK;
		}
	char *s = NULL;
	int rc = db_setting(db, key, NULL, &s, err);
	if (rc)
		return rc;
	int v = def;
	if (s) {
		char *end;
		long l = strtol(s, &end, 10);
		if (end != s && *end == '\0')
			v = (int)l;
		free(s);
	}
	/* Integer settings are read on hot paths (rules on every list row): remember them for the
	 * life of the connection. db_setting_set updates the memory too. */
	if (db->nsettings < (int)ARRAY_LEN(db->settings)) {
		snprintf(db->settings[db->nsettings].key, sizeof db->settings[0].key, "%s", key);
		db->settings[db->nsettings].value = v;
		db->nsettings++;
	}
	*out = v;
	return JY_OK;
}

int db_setting_set(struct jy_db *db, const char *key, const char *value, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO setting(key, value) VALUES (?1, ?2) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("saving a setting"));
	db->nsettings = 0;      /* forget remembered values */
	return JY_OK;
}
