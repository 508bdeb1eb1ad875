/* core/base/zmodem.c: files to and from the worker's PC over her terminal, with ZMODEM.
 *
 * A worker behind the office server's forced SSH command has no scp or sftp: her terminal is the
 * one way between the server and her PC. Xshell and SecureCRT speak ZMODEM on it: when a program
 * on the server starts sending (Debian's lrzsz, `sz FILE`), they save the file on the PC; when one
 * starts receiving (`rz`), they ask her which file of the PC to send. PuTTY has no ZMODEM.
 *
 * Both run with the terminal's descriptors as their input and output, the caller's screen
 * program out of the way (the full-screen program leaves curses first; tui/ does that), and
 * their chatter (stderr) read here for the message. While one runs, a Ctrl-C or Ctrl-\ of the
 * terminal reaches the transfer, never this process (ignored here as system() ignores them).
 *
 * Receiving is confined to one folder: rz runs there, in its restricted mode twice over (-R -R,
 * and ZMODEM_RESTRICTED in its environment): it refuses a name with a folder above or an
 * absolute one, makes no folders and no hidden files, never touches a file already there, and
 * removes a file whose transfer failed. The files it leaves are made 0600 (a sender's header
 * may ask for any mode, an executable one among them). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"

extern char **environ;

/* The ZMODEM abort: eight CANs cancel a transfer at either end, the backspaces erase them from a
 * terminal that showed them. */
static const char zm_cancel[] = "\030\030\030\030\030\030\030\030\030\030\b\b\b\b\b\b\b\b\b\b";

int zmodem_term_ok(const char *term, struct jy_err *err)
{
	if (term && strncmp(term, "putty", 5) == 0)
		return err_set(err, JY_EINVAL, NULL, "%s",
		               _("PuTTY cannot receive files by ZMODEM: print to the printer at your PC "
		                 "(through the terminal), or connect with Xshell or SecureCRT, which can"));
	return JY_OK;
}

/* What lrzsz said last on stderr (a line of its own, CR or LF ended), kept for the message. */
struct chatter {
	char last[200];
	char line[200];
	size_t n;
};

static void chatter_add(struct chatter *c, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r' || s[i] == '\n') {
			c->line[c->n] = '\0';
			size_t k = c->n;
			while (k > 0 && (c->line[k - 1] == ' ' || c->line[k - 1] == '\t'))
				c->line[--k] = '\0';
			const char *p = c->line;
			while (*p == ' ' || *p == '\t')
				p++;
			/* "rz: caught signal -1; exiting" after the reason says nothing more */
			if (*p && !(*c->last && strstr(p, "caught signal")))
				snprintf(c->last, sizeof c->last, "%s", p);
			c->n = 0;
		} else if (c->n + 1 < sizeof c->line) {
			c->line[c->n++] = s[i] == '\t' ? ' ' : s[i];
		}
	}
}

/* Milliseconds of a monotonic clock. */
static long long zm_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Is there a name in dir that before (a NULL-ended, sorted list) lacks? */
static int dir_has_new(const char *dir, char **before);

/* Run argv (sz or rz, found on PATH) with stdin tty_in, stdout tty_out, stderr read into c, in
 * dir when not NULL, with env as its environment. When wait_s > 0 and dir's listing still equals
 * before after wait_s seconds (nothing has begun to arrive), the program is stopped and the
 * terminal's side told to cancel; *late is then 1. Returns the wait status, or -1 with errno
 * when the program could not be started. */
static int zm_run(char *const argv[], int tty_in, int tty_out, const char *dir, char *const env[],
                  int wait_s, char **before, struct chatter *c, int *late)
{
	int pipefd[2];
	if (pipe2(pipefd, O_CLOEXEC) != 0)
		return -1;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&at);
	posix_spawn_file_actions_adddup2(&fa, tty_in, STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&fa, tty_out, STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDERR_FILENO);
	if (dir)
		posix_spawn_file_actions_addchdir_np(&fa, dir);
	/* the transfer's own signals: the defaults, whatever this process ignores */
	sigset_t def;
	sigemptyset(&def);
	sigaddset(&def, SIGINT);
	sigaddset(&def, SIGQUIT);
	sigaddset(&def, SIGPIPE);
	sigaddset(&def, SIGTSTP);
	posix_spawnattr_setsigdefault(&at, &def);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF);
	struct sigaction ign = { .sa_handler = SIG_IGN }, oint, oquit;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	pid_t pid;
	int e = posix_spawnp(&pid, argv[0], &fa, &at, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(pipefd[1]);
	int st = -1;
	*late = 0;
	if (e != 0) {
		errno = e;
		goto out;
	}
	long long start = zm_now_ms();
	int begun = wait_s <= 0, open = 1;
	for (;;) {
		struct pollfd pfd = { .fd = pipefd[0], .events = POLLIN };
		int r = open ? poll(&pfd, 1, 500) : (usleep(200 * 1000), 0);
		if (r > 0) {
			char buf[512];
			ssize_t n = read(pipefd[0], buf, sizeof buf);
			if (n > 0)
				chatter_add(c, buf, (size_t)n);
			else if (n == 0 || (errno != EINTR && errno != EAGAIN))
				open = 0;
		}
		pid_t w = waitpid(pid, &st, WNOHANG);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			st = -1;
			break;
		}
		if (!begun && dir_has_new(dir, before))
			begun = 1;
		if (!begun && zm_now_ms() - start > (long long)wait_s * 1000) {
			kill(pid, SIGTERM);
			while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
				;
			/* the PC's side may still be waiting for this end: tell it to give up */
			ssize_t wr = write(tty_out, zm_cancel, sizeof zm_cancel - 1);
			(void)wr;
			*late = 1;
			break;
		}
	}
	/* what it said as it went */
	char buf[512];
	ssize_t n;
	int fl = fcntl(pipefd[0], F_GETFL);
	fcntl(pipefd[0], F_SETFL, fl | O_NONBLOCK);
	while ((n = read(pipefd[0], buf, sizeof buf)) > 0)
		chatter_add(c, buf, (size_t)n);
	chatter_add(c, "\n", 1);
out:
	close(pipefd[0]);
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	return st;
}

/* The exit status as a message's number: the status, or 128 + the signal that ended it. */
static int zm_status(int st)
{
	return WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : st;
}

int zmodem_send(const char *path, int tty_in, int tty_out, struct jy_err *err)
{
	int rc = zmodem_term_ok(getenv("TERM"), err);
	if (rc != JY_OK)
		return rc;
	struct stat sb;
	if (stat(path, &sb) != 0)
		return err_set(err, JY_EIO, NULL, _("%s: cannot read the file to send: %s"),
		               path_shown(path), strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return err_set(err, JY_EIO, NULL, _("%s: cannot read the file to send: %s"),
		               path_shown(path), strerror(EISDIR));
	/* -b: the bytes as they are (a workbook, a GBK file); the name without its folders */
	char *argv[] = { "sz", "-b", "--", (char *)path, NULL };
	struct chatter c = { 0 };
	int late = 0;
	int st = zm_run(argv, tty_in, tty_out, NULL, environ, 0, NULL, &c, &late);
	if (st == -1)
		return err_set(err, JY_EIO, NULL, _("cannot start sz (is the lrzsz package installed?): %s"),
		               strerror(errno));
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return JY_OK;
	return err_set(err, JY_EIO, NULL,
	               _("%s was not sent (sz exit status %d%s%s): the terminal took no ZMODEM "
	                 "transfer. Xshell and SecureCRT receive files; in PuTTY, print to the printer "
	                 "at your PC instead"),
	               path_shown(path), zm_status(st), *c.last ? ": " : "", c.last);
}

/* ---- receiving --------------------------------------------------------------------------------- */

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir, sorted, NULL-ended (NULL when dir cannot be read). Caller frees (names_free). */
static char **dir_names(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	size_t n = 0, cap = 16;
	char **v = xmalloc(cap * sizeof *v);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n + 1 >= cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(v, n, sizeof *v, name_cmp);
	v[n] = NULL;
	return v;
}

static void names_free(char ***v)
{
	for (size_t i = 0; *v && (*v)[i]; i++)
		free((*v)[i]);
	FREE(v);
}

static int names_have(char **v, const char *name)
{
	for (size_t i = 0; v && v[i]; i++)
		if (strcmp(v[i], name) == 0)
			return 1;
	return 0;
}

static int dir_has_new(const char *dir, char **before)
{
	char **now = dir_names(dir);
	int found = 0;
	for (size_t i = 0; now && now[i] && !found; i++)
		found = !names_have(before, now[i]);
	names_free(&now);
	return found;
}

int zmodem_receive(const char *dir, int tty_in, int tty_out, int wait_s, char **name, int *count,
                   struct jy_err *err)
{
	*name = NULL;
	*count = 0;
	int rc = zmodem_term_ok(getenv("TERM"), err);
	if (rc != JY_OK)
		return rc;
	char **before = dir_names(dir);
	if (!before)
		return err_set(err, JY_EIO, NULL, _("%s: cannot receive files there: %s"), path_shown(dir),
		               strerror(errno));
	/* its environment, with the restricted mode that no option of the sender's can lift */
	size_t ne = 0;
	while (environ[ne])
		ne++;
	char **env = xmalloc((ne + 2) * sizeof *env);
	size_t k = 0;
	for (size_t i = 0; i < ne; i++)
		if (strncmp(environ[i], "ZMODEM_RESTRICTED=", 18) != 0)
			env[k++] = environ[i];
	env[k++] = "ZMODEM_RESTRICTED=1";
	env[k] = NULL;
	/* -R -R: no folders, no hidden files; -p: a file already there is kept, the new one skipped;
	 * -b: the bytes as they are */
	char *argv[] = { "rz", "-R", "-R", "-p", "-b", NULL };
	struct chatter c = { 0 };
	int late = 0;
	int st = zm_run(argv, tty_in, tty_out, dir, env, wait_s, before, &c, &late);
	free(env);
	if (st == -1) {
		rc = err_set(err, JY_EIO, NULL, _("cannot start rz (is the lrzsz package installed?): %s"),
		             strerror(errno));
		goto out;
	}
	/* what arrived: the plain files that were not there before */
	char **now = dir_names(dir);
	for (size_t i = 0; now && now[i]; i++) {
		if (names_have(before, now[i]))
			continue;
		char *p = xasprintf("%s/%s", dir, now[i]);
		struct stat sb;
		if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode)) {
			chmod(p, 0600);
			if (!*name)
				*name = xstrdup(now[i]);
			(*count)++;
		}
		free(p);
	}
	names_free(&now);
	if (*count > 0)
		goto out;
	if (late)
		rc = err_set(err, JY_EIO, NULL, _("No file came from your PC within %d seconds: the "
		                                  "terminal sent nothing by ZMODEM (Xshell and SecureCRT "
		                                  "can; PuTTY cannot)"), wait_s);
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		rc = err_set(err, JY_EIO, NULL, _("No file was received: one of that name is in %s "
		                                  "already, or the name had a folder in it (rename it "
		                                  "on your PC and send it again)"), path_shown(dir));
	else
		rc = err_set(err, JY_EIO, NULL, _("No file was received (rz exit status %d%s%s): the "
		                                  "transfer was cancelled or refused (a name with a "
		                                  "folder in it is refused)"),
		             zm_status(st), *c.last ? ": " : "", c.last);
out:
	names_free(&before);
	return rc;
}
