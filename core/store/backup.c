/* core/store/backup.c: backups kept in generations (`jiuye backup DEST --keep N`).
 *
 * An office copies the live database every night (privacy reference I1: "scheduled, rotated") and
 * keeps a few nights, not all of them: a backup holds every resident's ID number, and a person
 * deleted from the registry stays in the backups until they rotate out (I3). Two shapes:
 *   - DEST a directory: each backup is DEST/jiuye-YYYYMMDD-HHMMSS.db (local time, so a worker can
 *     tell which night it is; -2, -3 ... when two are taken in the same second), the newest N kept;
 *   - DEST a file: DEST is the newest, DEST.1 the one before ... DEST.(N-1) the oldest kept.
 * The new copy is complete (db_backup writes it beside its name and renames it) before any older
 * one is removed or renamed, so a crash or a full disk in the middle never leaves fewer good
 * backups than before.
 * A restore (backup_restore) puts one back: checked as `jiuye check` checks, the current file kept
 * beside it, while nobody else has the database open, never leaving half a file. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/store_int.h"

/* The generations one directory may hold before anything is removed (a safety bound, far above
 * any --keep an office uses). */
#define BACKUP_MAX_FILES 10000
#define BACKUP_TMP_AGE 3600     /* seconds */

struct backup_name {
	char *name;
	long long stamp;        /* YYYYMMDDHHMMSS */
	int seq;                /* 1 for jiuye-STAMP.db, n for jiuye-STAMP-n.db */
};

/* db_backup with the file private from its first byte: the copy holds every resident's ID number
 * (privacy reference D4: the shared database is 0660 in a 0770 directory), so it is created
 * owner-only and then given the live file's owner and group bits, never more. */
static int backup_copy(struct jy_db *db, const char *path, struct jy_err *err)
{
	mode_t old = umask(0077);
	int rc = db_backup(db, path, err);
	umask(old);
	struct stat sb;
	if (!rc && stat(db->path, &sb) == 0)
		chmod(path, sb.st_mode & 0660);
	return rc;
}

static int is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* 1 when name is one of ours, jiuye-YYYYMMDD-HHMMSS[-n].db; anything else in the directory (the
 * office's own files, a .tmp of a backup still running) is never touched. */
static int backup_name_parse(const char *name, struct backup_name *out)
{
	size_t len = strlen(name);
	if (len < 24 || strncmp(name, "jiuye-", 6) != 0 || !all_digits(name + 6, 8) || name[14] != '-' ||
	    !all_digits(name + 15, 6) || strcmp(name + len - 3, ".db") != 0)
		return 0;
	char digits[15];
	memcpy(digits, name + 6, 8);
	memcpy(digits + 8, name + 15, 6);
	digits[14] = '\0';
	out->stamp = strtoll(digits, NULL, 10);
	out->seq = 1;
	if (len == 24)
		return 1;
	/* "-n" before ".db" */
	size_t nd = len - 24 - 1;
	if (name[21] != '-' || nd == 0 || nd > 6 || !all_digits(name + 22, nd))
		return 0;
	out->seq = atoi(name + 22);
	return out->seq >= 2;
}

static int backup_name_newer_first(const void *a, const void *b)
{
	const struct backup_name *x = a, *y = b;
	if (x->stamp != y->stamp)
		return x->stamp < y->stamp ? 1 : -1;
	return y->seq - x->seq;
}

/* The next name in dir: jiuye-STAMP.db, or after the newest of this second jiuye-STAMP-n.db. Never
 * a name freed by pruning within the same second: it would sort as the oldest and go at once. */
static char *backup_dir_target(const char *dir)
{
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32];
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	long long key = 0;
	for (const char *p = stamp; *p; p++)
		if (*p != '-')
			key = key * 10 + (*p - '0');
	int seq = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		struct backup_name b;
		if (backup_name_parse(e->d_name, &b) && b.stamp == key && b.seq > seq)
			seq = b.seq;
	}
	if (d)
		closedir(d);
	const char *sep = dir[strlen(dir) - 1] == '/' ? "" : "/";
	if (seq == 0)
		return xasprintf("%s%sjiuye-%s.db", dir, sep, stamp);
	return xasprintf("%s%sjiuye-%s-%d.db", dir, sep, stamp, seq + 1);
}

/* A copy a killed backup left half-written (NAME.db.tmp with its -journal, -wal or -shm), untouched
 * for an hour: removed, for it holds personal data too. A younger one may be a backup still being
 * written. */
static int backup_stale_tmp(const char *dir, const char *name)
{
	struct backup_name b;
	const char *tmp = strstr(name, ".db.tmp");
	if (!tmp || (strcmp(tmp, ".db.tmp") != 0 && strcmp(tmp, ".db.tmp-journal") != 0 &&
	             strcmp(tmp, ".db.tmp-wal") != 0 && strcmp(tmp, ".db.tmp-shm") != 0))
		return 0;
	char *base = xstrndup(name, (size_t)(tmp - name) + 3);
	int ours = backup_name_parse(base, &b);
	free(base);
	if (!ours)
		return 0;
	char *p = xasprintf("%s/%s", dir, name);
	struct stat sb;
	int gone = stat(p, &sb) == 0 && sb.st_mtime < time(NULL) - BACKUP_TMP_AGE && unlink(p) == 0;
	free(p);
	return gone;
}

/* Keep the newest keep backups of dir, remove the older ones. */
static int backup_dir_prune(const char *dir, int keep, struct jy_err *err)
{
	DIR *d = opendir(dir);
	if (!d)
		return err_set(err, JY_EIO, NULL, _("%s: cannot read the directory: %s"),
		               path_shown(dir), strerror(errno));
	struct backup_name *v = NULL;
	int n = 0, cap = 0, rc = JY_OK;
	struct dirent *e;
	while ((e = readdir(d)) && n < BACKUP_MAX_FILES) {
		struct backup_name b;
		if (backup_stale_tmp(dir, e->d_name))
			continue;
		if (!backup_name_parse(e->d_name, &b))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, sizeof *v * (size_t)cap);
		}
		b.name = xstrdup(e->d_name);
		v[n++] = b;
	}
	closedir(d);
	if (n)
		qsort(v, (size_t)n, sizeof *v, backup_name_newer_first);
	const char *sep = dir[strlen(dir) - 1] == '/' ? "" : "/";
	for (int i = 0; i < n; i++) {
		if (i >= keep && !rc) {
			char *p = xasprintf("%s%s%s", dir, sep, v[i].name);
			if (unlink(p) != 0 && errno != ENOENT)
				rc = err_set(err, JY_EIO, NULL,
				             _("%s: cannot remove the old backup: %s"),
				             path_shown(p), strerror(errno));
			free(p);
		}
		free(v[i].name);
	}
	free(v);
	return rc;
}

static char *generation(const char *dest, int k)
{
	return xasprintf("%s.%d", dest, k);
}

/* Generations dest.keep, dest.(keep+1) ... left from an earlier, larger --keep. */
static void backup_file_drop(const char *dest, int keep)
{
	for (int k = keep; k < keep + BACKUP_MAX_FILES; k++) {
		char *g = generation(dest, k);
		int gone = unlink(g) != 0;
		free(g);
		if (gone)
			break;
	}
}

/* dest.(keep-2) -> dest.(keep-1) ... dest -> dest.1, then the new copy -> dest. The renames
 * overwrite, so the oldest is dropped only by being replaced. */
static int backup_file_shift(const char *dest, const char *fresh, int keep, struct jy_err *err)
{
	int rc = JY_OK;
	backup_file_drop(dest, keep);
	for (int k = keep - 2; k >= 1 && !rc; k--) {
		char *from = generation(dest, k), *to = generation(dest, k + 1);
		if (rename(from, to) != 0 && errno != ENOENT)
			rc = err_set(err, JY_EIO, NULL, _("%s: cannot rename the old backup: %s"),
			             path_shown(from), strerror(errno));
		free(from);
		free(to);
	}
	if (!rc && keep >= 2 && access(dest, F_OK) == 0) {
		/* A hard link, then the new copy renamed over dest: dest never goes missing. */
		char *one = generation(dest, 1);
		unlink(one);
		if (link(dest, one) != 0 && rename(dest, one) != 0)
			rc = err_set(err, JY_EIO, NULL, _("%s: cannot rename the old backup: %s"),
			             path_shown(dest), strerror(errno));
		free(one);
	}
	if (!rc && rename(fresh, dest) != 0)
		rc = err_set(err, JY_EIO, NULL, _("%s: cannot write the backup: %s"),
		             path_shown(dest), strerror(errno));
	return rc;
}

int backup_rotate(struct jy_db *db, const char *dest, int keep, char **written, struct jy_err *err)
{
	if (written)
		*written = NULL;
	if (!dest || !*dest)
		return err_set(err, JY_EINVAL, NULL, _("no backup destination given"));
	if (keep < 0)
		return err_set(err, JY_EINVAL, NULL, _("--keep %d: give the number of backups to keep, 1 or more"),
		               keep);
	if (is_dir(dest)) {
		char *path = backup_dir_target(dest);
		int rc = backup_copy(db, path, err);
		if (!rc && keep > 0)
			rc = backup_dir_prune(dest, keep, err);
		if (written && (!rc || access(path, F_OK) == 0))
			*written = xstrdup(path);
		free(path);
		return rc;
	}
	if (keep <= 1) {
		int rc = backup_copy(db, dest, err);
		if (!rc && keep == 1)
			backup_file_drop(dest, 1);
		if (!rc && written)
			*written = xstrdup(dest);
		return rc;
	}
	char *fresh = xasprintf("%s.new", dest);
	int rc = backup_copy(db, fresh, err);
	if (!rc)
		rc = backup_file_shift(dest, fresh, keep, err);
	if (rc)
		unlink(fresh);
	else if (written)
		*written = xstrdup(dest);
	free(fresh);
	return rc;
}

/* ---- restore: a backup put back as the database ------------------------------------------- */

#define RESTORE_BUSY_MS 1000    /* how long a worker's jiuye that is just leaving is waited for */
#define RESTORE_LIVE_BUSY_MS 30000      /* db.c's timeout, given back when nothing was restored */

static void restore_first_problem(void *arg, const char *problem)
{
	char *first = arg;
	if (!*first)
		snprintf(first, 512, "%s", problem);
}

/* The backup checked as `jiuye check` checks a database: opened read-only (an SQLite file of
 * jiuye's, of this program's schema), then integrity, foreign keys, schema and the audit trail.
 * *out: the open backup, the source of the copy. */
static int restore_verify(const char *backup, struct jy_db **out, struct jy_err *err)
{
	struct jy_err oe = { 0 }, ce = { 0 };
	int rc = db_open(backup, DB_OPEN_READONLY, out, &oe);
	if (rc)
		return err_set(err, rc, NULL, _("%s: not restored: %s"), path_shown(backup),
		               oe.msg);
	char first[512] = "";
	int n = db_check(*out, restore_first_problem, first, NULL, &ce);
	if (n == 0)
		return JY_OK;
	db_close(out);
	if (n < 0)
		return err_set(err, JY_EDB, NULL, _("%s: not restored: %s"), path_shown(backup),
		               ce.msg);
	return err_set(err, JY_EDB, NULL, _("%s: not restored: jiuye check finds %d problems in "
	                                    "it, the first: %s"), path_shown(backup), n, first);
}

/* Leaving WAL needs every other connection gone (SQLite refuses it while one is open, even an
 * idle one: each holds the file shared), and the exclusive lock taken then keeps anyone from
 * coming in until the connection closes. The log is checkpointed into the file on the way, so
 * no -wal of the old database is left for the restored one to read. */
static int restore_alone(struct jy_db *db, struct jy_err *err)
{
	sqlite3_busy_timeout(db->h, RESTORE_BUSY_MS);
	sqlite3_stmt *st = NULL;
	int alone = sqlite3_prepare_v2(db->h, "PRAGMA journal_mode=DELETE", -1, &st, NULL) ==
	                    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	            strcmp((const char *)sqlite3_column_text(st, 0), "delete") == 0;
	sqlite3_finalize(st);
	if (alone)
		alone = sqlite3_exec(db->h, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE", NULL,
		                     NULL, NULL) == SQLITE_OK;
	if (alone)
		return JY_OK;
	sqlite3_exec(db->h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
	sqlite3_busy_timeout(db->h, RESTORE_LIVE_BUSY_MS);
	return err_set(err, JY_ECONFLICT, NULL,
	               _("%s: not restored: other workers have the database open (jiuye on a "
	                 "screen, an import, a report); they must leave jiuye first, then restore "
	                 "again"), path_shown(db->path));
}

/* Nothing restored after restore_alone: the live file back to what every worker opens. */
static void restore_undo_alone(struct jy_db *db)
{
	sqlite3_exec(db->h, "ROLLBACK; PRAGMA locking_mode=NORMAL", NULL, NULL, NULL);
	sqlite3_exec(db->h, "SELECT 1 FROM sqlite_schema LIMIT 1", NULL, NULL, NULL);
	sqlite3_exec(db->h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
	sqlite3_busy_timeout(db->h, RESTORE_LIVE_BUSY_MS);
}

/* The current file kept beside it as DB.before-restore-YYYYMMDD-HHMMSS[-n]: a hard link to it
 * (the same file, its mode and owner, nothing copied), else a copy with its mode. */
static int restore_keep(struct jy_db *db, char **kept, struct jy_err *err)
{
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32];
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	for (int n = 1; n < 100; n++) {
		char *p = n == 1 ? xasprintf("%s.before-restore-%s", db->path, stamp)
		                 : xasprintf("%s.before-restore-%s-%d", db->path, stamp, n);
		if (access(p, F_OK) == 0) {
			free(p);
			continue;
		}
		if (link(db->path, p) == 0 || backup_copy(db, p, err) == JY_OK) {
			*kept = p;
			return JY_OK;
		}
		free(p);
		return err && err->code ? err->code : JY_EIO;
	}
	return err_set(err, JY_EIO, NULL, _("%s: cannot keep the current file beside it"),
	               path_shown(db->path));
}

static int restore_fsync(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int r = fsync(fd);
	close(fd);
	return r;
}

/* The checked backup copied (SQLite's backup, so a backup in WAL mode comes whole) to the
 * temporary name beside target, private while it is written, given the database's mode, synced
 * and renamed over target: target is the old file or the whole new one, never half of one. */
static int restore_write(struct jy_db *bk, const char *target, mode_t mode, struct jy_err *err)
{
	char *tmp = path_tmp_name(target);
	path_tmp_sweep(target);
	unlink(tmp);
	mode_t old = umask(0077);
	sqlite3 *out = NULL;
	int rc = JY_OK, s = SQLITE_ERROR;
	if (sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) ==
	    SQLITE_OK) {
		sqlite3_backup *b = sqlite3_backup_init(out, "main", bk->h, "main");
		if (b) {
			while ((s = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
			       s == SQLITE_LOCKED)
				sqlite3_sleep(20);
			sqlite3_backup_finish(b);
		}
		if (s == SQLITE_DONE &&
		    sqlite3_exec(out, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK)
			s = SQLITE_ERROR;
	}
	if (s != SQLITE_DONE)
		rc = err_set(err, JY_EIO, NULL, _("%s: not restored: the copy failed: %s"),
		             path_shown(target), out ? sqlite3_errmsg(out) : strerror(errno));
	if (out)
		sqlite3_close(out);
	umask(old);
	if (!rc && (chmod(tmp, mode) != 0 || restore_fsync(tmp, O_RDONLY) != 0 ||
	            rename(tmp, target) != 0))
		rc = err_set(err, JY_EIO, NULL, _("%s: not restored: %s"), path_shown(target),
		             strerror(errno));
	if (rc)
		unlink(tmp);
	else {
		/* the rename itself on the disk */
		const char *slash = strrchr(target, '/');
		char *dir = !slash ? xstrdup(".") : slash == target ? xstrdup("/")
		                                   : xstrndup(target, (size_t)(slash - target));
		restore_fsync(dir, O_RDONLY | O_DIRECTORY);
		free(dir);
	}
	free(tmp);
	return rc;
}

static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* The restored file opened in place of the old connection, its worker the same, the restore the
 * newest row of its trail. */
static int restore_reopen(struct jy_db **dbp, const char *backup, struct jy_err *err)
{
	struct jy_actor who = (*dbp)->who;
	char *path = xstrdup((*dbp)->path);
	db_close(dbp);
	int rc = db_open(path, 0, dbp, err);
	free(path);
	if (!rc)
		rc = db_set_actor(*dbp, &who, err);
	if (!rc)
		rc = audit_file(*dbp, "restore", "database", 0, backup, JY_OK, err);
	return rc;
}

int backup_restore(struct jy_db **dbp, const char *backup, char **kept, struct jy_err *err)
{
	struct jy_db *db = *dbp, *bk = NULL;
	*kept = NULL;
	int rc = access_check(db, OP_ADMIN, NULL, err);
	if (rc)
		return rc;
	if (same_file(backup, db->path))
		return err_set(err, JY_EINVAL, NULL,
		               _("%s: not restored: it is the database itself"),
		               path_shown(backup));
	rc = restore_verify(backup, &bk, err);
	db_damage_absorb(db);   /* what checking the backup met is the backup's damage */
	if (rc)
		return rc;
	struct stat sb;
	if ((rc = restore_alone(db, err))) {
		db_close(&bk);
		return rc;
	}
	if (stat(db->path, &sb) != 0)
		rc = err_set(err, JY_EIO, NULL, "%s: %s", path_shown(db->path), strerror(errno));
	if (!rc)
		rc = restore_keep(db, kept, err);
	if (!rc && (rc = restore_write(bk, db->path, sb.st_mode & 0660, err))) {
		unlink(*kept);
		free(*kept);
		*kept = NULL;
	}
	db_close(&bk);
	if (rc) {
		restore_undo_alone(db);
		return rc;
	}
	return restore_reopen(dbp, backup, err);
}
