/* core/base/path.c: is a file name inside a folder? The files a writer fills beside their
 * destination, and file names as messages show them.
 *
 * `jiuye --restricted` (the SSH ForceCommand of an office server)
 * writes exports and printouts only under the office's export folder: a worker without a shell
 * must not be able to name ~/.bashrc or ~/.ssh/authorized_keys as an "export file" and so get one
 * (Debian's bash reads ~/.bashrc even for sshd's `bash -c`). The folder and the file's directory
 * are compared after realpath(), so "..", symlinked folders and double slashes cannot lead out;
 * a file that already exists must be a plain file (not a symlink to somewhere else). The check
 * cannot close the gap between checking and writing, which is why the program also writes such
 * files with the worker's own rights only (tui/cli/server.c). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"

/* dir/..., or dir itself when dir is "/". Both already canonical. */
static int path_under(const char *canon, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return canon[0] == '/';
	return strncmp(canon, dir, n) == 0 && (canon[n] == '\0' || canon[n] == '/');
}

int path_in_dir(const char *path, const char *dir)
{
	if (!path || !*path || !dir || !*dir)
		return 0;
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		return 0;               /* a folder, not a file name */
	char *parent = !slash ? xstrdup(".") : slash == path ? xstrdup("/")
	                                      : xstrndup(path, (size_t)(slash - path));
	char *rparent = realpath(parent, NULL);
	char *rdir = realpath(dir, NULL);
	int ok = rparent && rdir && path_under(rparent, rdir);
	struct stat sb;
	if (ok && lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		ok = 0;
	free(parent);
	free(rparent);
	free(rdir);
	return ok;
}

/* ---- the file beside: .NAME.jiuye-tmp-PID ---------------------------------------------------- */

/* A file of ours a killed writer left behind holds what the finished file would have (personal
 * data, 0600). Hidden (a dot first) and named for the program and the process that writes it, so
 * a worker who lists the folder sees whose it is, and the next writer in the folder can tell that
 * its writer is gone. */
#define PATH_TMP_MARK ".jiuye-tmp-"
/* A writer alive this long is taken for another process that reuses a dead one's id: a million
 * rows are written in minutes, never in a day. */
#define PATH_TMP_STALE_SECONDS (12 * 3600)

char *path_tmp_name(const char *dest)
{
	const char *slash = strrchr(dest, '/');
	int dir = slash ? (int)(slash - dest) + 1 : 0;
	return xasprintf("%.*s.%s" PATH_TMP_MARK "%ld", dir, dest, dest + dir, (long)getpid());
}

/* The writer's process id in a name of path_tmp_name's form (with SQLite's -journal, -wal or
 * -shm after it, for a backup's copy), or 0 when the name is not one of ours. */
static long path_tmp_pid(const char *name)
{
	if (name[0] != '.')
		return 0;
	const char *m = strstr(name, PATH_TMP_MARK), *next;
	while (m && (next = strstr(m + 1, PATH_TMP_MARK)))
		m = next;               /* the last mark: a file may be called a.jiuye-tmp-1.csv */
	if (!m || m < name + 2)
		return 0;               /* a dot, then the name of the file it was for */
	const char *p = m + strlen(PATH_TMP_MARK);
	char *end;
	long pid = strtol(p, &end, 10);
	if (end == p || pid <= 0 || (*end && strcmp(end, "-journal") && strcmp(end, "-wal") &&
	                             strcmp(end, "-shm")))
		return 0;
	return pid;
}

void path_tmp_sweep(const char *dest)
{
	const char *slash = strrchr(dest, '/');
	char *dir = !slash ? xstrdup(".") : slash == dest ? xstrdup("/")
	                                   : xstrndup(dest, (size_t)(slash - dest));
	DIR *d = opendir(dir);
	struct dirent *e;
	time_t now = time(NULL);
	while (d && (e = readdir(d))) {
		long pid = path_tmp_pid(e->d_name);
		if (!pid)
			continue;
		char *p = xasprintf("%s/%s", dir, e->d_name);
		struct stat sb;
		/* kill(pid, 0): ESRCH when no such process; EPERM: another worker's export */
		int gone = kill((pid_t)pid, 0) != 0 && errno == ESRCH;
		if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) && pid != (long)getpid() &&
		    (gone || sb.st_mtime < now - PATH_TMP_STALE_SECONDS))
			unlink(p);      /* not ours to keep; a folder we may not write keeps it */
		free(p);
	}
	if (d)
		closedir(d);
	free(dir);
}

int path_create_beside(const char *dest, const char *tmp)
{
	struct stat sb;
	if (lstat(dest, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		errno = EINVAL;         /* a device, a pipe, a link: never replaced by a file of ours */
		return -1;
	}
	path_tmp_sweep(dest);
	/* DEST.tmp: what a killed writer of an older jiuye, before the names above, left */
	char *legacy = xasprintf("%s.tmp", dest);
	if (lstat(legacy, &sb) == 0 && S_ISREG(sb.st_mode))
		unlink(legacy);
	free(legacy);
	if (unlink(tmp) != 0 && errno != ENOENT)        /* this process's own leftover */
		return -1;
	return open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
}

/* ---- names as a message shows them ----------------------------------------------------------- */

#define PATH_SHOWN_SIZE 1024
#define PATH_SHOWN_SLOTS 4

/* The bytes of one UTF-8 character at p (1 to 4), or 0 when p does not start a valid one. */
static int utf8_len(const unsigned char *p, uint32_t *cp)
{
	int n = p[0] < 0x80 ? 1 : (p[0] & 0xE0) == 0xC0 ? 2 : (p[0] & 0xF0) == 0xE0 ? 3
	      : (p[0] & 0xF8) == 0xF0 ? 4 : 0;
	if (!n)
		return 0;
	uint32_t c = n == 1 ? p[0] : p[0] & (0x7F >> n);
	for (int i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3F);
	}
	static const uint32_t least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (c < least[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

/* A character a terminal acts on instead of showing: C0 and C1 controls, DEL, and the
 * bidirectional overrides that show a name backwards (gpj.exe as exe.jpg). */
static int path_hidden_char(uint32_t c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069);
}

const char *path_shown(const char *name)
{
	static char slots[PATH_SHOWN_SLOTS][PATH_SHOWN_SIZE];
	static int next;
	char *out = slots[next];
	next = (next + 1) % PATH_SHOWN_SLOTS;
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)(name ? name : "");
	while (*p) {
		char esc[12];
		uint32_t c = 0;
		int n = utf8_len(p, &c);
		if (!n)
			snprintf(esc, sizeof esc, "\\x%02x", *p);      /* not UTF-8: the byte */
		else if (c == '\\')
			snprintf(esc, sizeof esc, "\\\\");
		else if (c == 0x1B)
			snprintf(esc, sizeof esc, "\\e");
		else if (c == '\n')
			snprintf(esc, sizeof esc, "\\n");
		else if (c == '\t')
			snprintf(esc, sizeof esc, "\\t");
		else if (c == '\r')
			snprintf(esc, sizeof esc, "\\r");
		else if (path_hidden_char(c) && c < 0x80)
			snprintf(esc, sizeof esc, "\\x%02x", (unsigned)c);
		else if (path_hidden_char(c))
			snprintf(esc, sizeof esc, "\\u%04x", (unsigned)c);
		else
			esc[0] = '\0';
		size_t k = esc[0] ? strlen(esc) : (size_t)n;
		if (o + k + sizeof "..." > PATH_SHOWN_SIZE) {
			snprintf(out + o, PATH_SHOWN_SIZE - o, "...");
			o += 3;
			break;
		}
		for (size_t i = 0; i < k; i++)
			out[o++] = esc[0] ? esc[i] : (char)p[i];
		p += n ? n : 1;
	}
	out[o] = '\0';
	return out;
}

char *path_home_expand(const char *path)
{
	const char *home = getenv("HOME");
	if (path[0] == '~' && path[1] == '/' && home && *home)
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

char *path_home_shown(const char *path)
{
	const char *home = getenv("HOME");
	size_t n = home ? strlen(home) : 0;
	if (n > 1 && strncmp(path, home, n) == 0 && path[n] == '/')
		return xasprintf("~%s", path + n);
	return xstrdup(path);
}
