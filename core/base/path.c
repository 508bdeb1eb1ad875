/* core/base/path.c: is a file name inside a folder?
 *
 * `jiuye --restricted` (the SSH ForceCommand of an office server)
 * writes exports and printouts only under the office's export folder: a worker without a shell
 * must not be able to name ~/.bashrc or ~/.ssh/authorized_keys as an "export file" and so get one
 * (Debian's bash reads ~/.bashrc even for sshd's `bash -c`). The folder and the file's directory
 * are compared after realpath(), so "..", symlinked folders and double slashes cannot lead out;
 * a file that already exists must be a plain file (not a symlink to somewhere else). The check
 * cannot close the gap between checking and writing, which is why the program also writes such
 * files with the worker's own rights only (tui/cli/server.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

int path_create_beside(const char *dest, const char *tmp)
{
	struct stat sb;
	if (lstat(dest, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		errno = EINVAL;         /* a device, a pipe, a link: never replaced by a file of ours */
		return -1;
	}
	if (unlink(tmp) != 0 && errno != ENOENT)        /* a leftover of a killed export */
		return -1;
	return open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
}
