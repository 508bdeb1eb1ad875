/* tui/cli/server.c: jiuye on an office server (setgid jiuye, --restricted).
 *
 * SQLite has no access control: whoever can read the file has everything. So on a server the
 * database lives in a folder of the group jiuye (/var/lib/jiuye, 2770 root:jiuye; files 0660,
 * core/store/db.c), the workers are not in that group, and the binary is installed setgid jiuye
 * (`make install SETGID=1`): a worker reaches the data only through jiuye. What that asks of the
 * program, and how it is met here:
 *
 *   - Who is acting: the real user id, as everywhere (db_actor_from_os); setgid changes only the
 *     effective group, never the user, so history and drafts name the worker herself.
 *   - Which database: only the configured one. A setgid jiuye that took --db, $JIUYE_DB,
 *     $XDG_DATA_HOME or $HOME would open, create or back up any file of the group's for a worker
 *     (say, a pre-upgrade copy in /var/lib/jiuye). It takes `db =` from /etc/jiuye.conf when that
 *     file belongs to root and nobody else may write it, else the path the build was given
 *     (SHARED_DB, default /var/lib/jiuye/jiuye.db). root may still name another with --db.
 *   - The group's rights are used only to open the database, and then given up for good. At start
 *     the effective group goes back to the worker's own (server_start; the saved set-group-ID
 *     keeps jiuye); db_open takes it for the opening alone (db_open_group, core/store/db.c), and once
 *     that one opening is over server_open_db drops it from the real, effective and saved ids
 *     alike (setresgid), so nothing that runs later, whatever a file or a terminal makes of it,
 *     can take it back. That is possible because jiuye opens the database once, before anything
 *     else: each command and the full-screen program work on that one read-write connection, and
 *     SQLite then works through the descriptors it opened (reads, writes, locks, the -shm map need
 *     no new permission check); a shared database keeps its -wal and -shm (core/store/db.c), so nothing
 *     has to be created in the folder later. The one further opening core knows (audit_note's
 *     second connection, for an audit row of a read-only connection) is never asked for here, and
 *     would fail rather than run with the group. Everything else runs with the worker's rights
 *     only: a file she imports must be one she can read anyway, and exports, printouts and reports
 *     land as her own files, never the group's.
 *   - The rest of a setgid process's surroundings: glibc runs it in secure mode (LD_PRELOAD,
 *     LD_LIBRARY_PATH, LOCPATH, GCONV_PATH, NLSPATH and the like are dropped: tests/cli/server.sh
 *     shows it for LOCPATH and GCONV_PATH), the kernel makes it undumpable (no ptrace, no
 *     /proc/PID/mem or fd for the worker, also after the group is dropped), and core keeps
 *     SQLite's temporary data in memory (temp_store=MEMORY), so $SQLITE_TMPDIR leads nowhere. What
 *     glibc does not drop and the worker would otherwise slip in: terminal descriptions
 *     ($TERMINFO, $TERMINFO_DIRS, $TERMCAP, ~/.terminfo; server_start, term_init) and message
 *     catalogues, which are printf formats (only the installed ones: locale_init, main.c).
 *   - `jiuye backup` (a raw copy, without masking, roles or history) is for root alone here, and
 *     so is `jiuye restore` (it replaces the office's file with one the worker names).
 *
 * --restricted is for the SSH ForceCommand: only the full-screen program (no subcommands, no
 * --db), nothing that starts a shell or an editor (jiuye has none), and files written only under
 * the export folder (`export_dir =` in /etc/jiuye.conf, %u the user name and %h her home, default
 * %h/jiuye-export), which is also the working directory, so a bare file name lands there. The
 * export and print dialogs call tui_path_allowed() before writing. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tui.h"

#ifndef JY_SYSCONFDIR
#define JY_SYSCONFDIR "/etc"
#endif
#ifndef JY_SHARED_DB
#define JY_SHARED_DB "/var/lib/jiuye/jiuye.db"
#endif

static struct {
	int shared;             /* setgid: the effective group was not the real one */
	int restricted;
	gid_t group;            /* the group the binary is setgid to */
	char *db;               /* the configured database */
	char *export_dir;       /* the configured export folder, %u and %h replaced */
} srv;

/* %u: the worker's user name, %h: her home (both from the password file, not the environment). */
static char *server_expand(const char *s)
{
	struct passwd *pw = getpwuid(getuid());
	struct jy_buf b = { 0 };
	for (; *s; s++) {
		if (s[0] == '%' && (s[1] == 'u' || s[1] == 'h') && pw) {
			const char *v = s[1] == 'u' ? pw->pw_name : pw->pw_dir;
			buf_add(&b, v, strlen(v));
			s++;
		} else {
			buf_add(&b, s, 1);
		}
	}
	buf_add(&b, "", 1);
	return buf_steal(&b);
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* /etc/jiuye.conf: `key = value` lines, # comments. Read only when root owns it and only root
 * may change it: what it says decides which file a setgid program opens. */
static void server_read_conf(void)
{
	FILE *f = fopen(JY_SYSCONFDIR "/jiuye.conf", "r");
	if (!f)
		return;
	struct stat sb;
	if (fstat(fileno(f), &sb) != 0 || sb.st_uid != 0 || (sb.st_mode & 022)) {
		fprintf(stderr, _("jiuye: %s ignored: it must belong to root and be writable by root only\n"),
		        JY_SYSCONFDIR "/jiuye.conf");
		fclose(f);
		return;
	}
	char line[1024];
	while (fgets(line, sizeof line, f)) {
		char *eq = strchr(line, '=');
		if (line[0] == '#' || !eq)
			continue;
		*eq = '\0';
		char *key = trim(line), *val = trim(eq + 1);
		if (!*val)
			continue;
		if (strcmp(key, "db") == 0) {
			free(srv.db);
			srv.db = server_expand(val);
		} else if (strcmp(key, "export_dir") == 0) {
			free(srv.export_dir);
			srv.export_dir = server_expand(val);
		}
	}
	fclose(f);
}

/* First thing in main, before setlocale: a setgid jiuye goes back to the worker's own group (the
 * saved set-group-ID keeps jiuye for the opening of the database, server_open_db) and forgets
 * where the worker could hand ncurses terminal descriptions of her own. */
void server_start(void)
{
	srv.group = getegid();
	srv.shared = srv.group != getgid();
	if (!srv.shared)
		return;
	if (setegid(getgid()) != 0) {
		fprintf(stderr, "jiuye: setegid: %s\n", strerror(errno));
		exit(EXIT_USER);
	}
	db_open_group((long)srv.group);
	/* ncurses takes these only from a program it believes unprivileged, which this one is
	 * (the effective group is her own) by the time curses starts, in a process that holds the
	 * database open: an entry of hers would go through the parser of a library that has had
	 * its bugs with such entries. So the system's descriptions only; term_init hides $HOME, by
	 * which ncurses finds ~/.terminfo, while curses starts. */
	unsetenv("TERMINFO");
	unsetenv("TERMINFO_DIRS");
	unsetenv("TERMCAP");
}

void server_init(int restricted)
{
	srv.restricted = restricted;
	if (!srv.shared && !srv.restricted)
		return;
	srv.db = xstrdup(JY_SHARED_DB);
	srv.export_dir = server_expand("%h/jiuye-export");
	server_read_conf();
	if (srv.restricted) {
		/* Her own folder, made with her own rights; a bare file name in a dialog lands in it. */
		if (mkdir(srv.export_dir, 0700) != 0 && errno != EEXIST)
			fprintf(stderr, "jiuye: %s: %s\n", srv.export_dir, strerror(errno));
		if (chdir(srv.export_dir) != 0)
			fprintf(stderr, "jiuye: %s: %s\n", srv.export_dir, strerror(errno));
		/* The printouts' and the list files' folder (print_path) is the export folder too. */
		setenv("JIUYE_PRINT_DIR", srv.export_dir, 1);
	}
}

int server_shared(void)
{
	return srv.shared;
}

int server_restricted(void)
{
	return srv.restricted;
}

const char *server_db_path(void)
{
	return srv.db;
}

const char *server_export_dir(void)
{
	return srv.export_dir;
}

/* After the one opening (see the top of this file): the group leaves the real, effective and
 * saved group ids for good. A later db_open would then fail, not take the group. */
static void server_drop_group(void)
{
	gid_t g = getgid();
	db_open_group(-1);
	if (setresgid(g, g, g) != 0) {
		fprintf(stderr, "jiuye: setresgid: %s\n", strerror(errno));
		exit(EXIT_USER);
	}
}

int server_open_db(const char *path, int flags, struct jy_db **db, struct jy_err *err)
{
	/* The office's database is made by root (`jiuye init`, README): a worker who started jiuye
	 * before it existed would otherwise create it and become its administrator. */
	if ((srv.shared || srv.restricted) && getuid() != 0)
		flags &= ~DB_OPEN_CREATE;
	int rc = db_open(path, flags, db, err);         /* with the group for the opening alone */
	if (srv.shared)
		server_drop_group();
	return rc;
}

int tui_path_allowed(const char *path, char *why, size_t n)
{
	if (!srv.restricted)
		return 1;
	if (path_in_dir(path, srv.export_dir))
		return 1;
	if (why && n)
		snprintf(why, n, _("files can be written only in the export folder %s"), srv.export_dir);
	return 0;
}

/* Which database the command line opens: the configured one on a server (root may name another
 * with --db), else --db, else $JIUYE_DB, else the worker's own (db_default_path). Caller frees. */
char *server_db_choice(const char *opt_db)
{
	if ((srv.shared || srv.restricted) && !(opt_db && getuid() == 0))
		return xstrdup(srv.db);
	return opt_db ? xstrdup(opt_db) : db_default_path();
}

/* What the command line may ask for on a server. 0, or the exit status after saying why. */
int server_cli_allowed(const struct cli_opts *o)
{
	if (srv.restricted && o->nargs > 0)
		return cli_usage_error(_("%s: not available here; this account has the full-screen program "
		                         "only"), o->args[0]);
	if (!srv.shared && !srv.restricted)
		return 0;
	if (o->db && getuid() != 0)
		return cli_usage_error(_("--db is not available here: the office's database is %s"), srv.db);
	if (o->nargs > 0 && strcmp(o->args[0], "backup") == 0 && getuid() != 0) {
		fprintf(stderr, "%s", _("jiuye: backups of the office's database are made by the administrator "
		                        "(root)\n"));
		return EXIT_USER;
	}
	if (o->nargs > 0 && strcmp(o->args[0], "restore") == 0 && getuid() != 0) {
		fputs(_("jiuye: the office's database is restored by the administrator (root)\n"),
		      stderr);
		return EXIT_USER;
	}
	return 0;
}
