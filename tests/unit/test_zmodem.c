/* tests/unit/test_zmodem.c: files to and from the worker's PC by ZMODEM (lrzsz), each end on one
 * side of a socket pair standing in for the terminal: jiuye's sz to a real rz that saves the file
 * as the PC would, a real sz to jiuye's rz. What arrives is byte for byte what was sent; the
 * receiving end takes a file into its folder and nowhere else (a name with ../ or an absolute
 * one is refused, a file already there kept); PuTTY is refused before anything runs; a terminal
 * that never answers is given up on and told to cancel. */
#include "testutil.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The other end of the "terminal": argv run in dir on fd. */
static pid_t other_end(const char *dir, int fd, char *const argv[])
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (chdir(dir) != 0)
			_exit(126);
		dup2(fd, 0);
		dup2(fd, 1);
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}

static int other_exit(pid_t pid)
{
	int st = 0;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void write_file(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(s, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* 1 when the file at path holds exactly s (n bytes). */
static int file_is(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char buf[70000];
	size_t got = fread(buf, 1, sizeof buf, f);
	fclose(f);
	return got == n && memcmp(buf, s, n) == 0;
}

struct dirs {
	char root[64], desk[96], folder[96], sub[96];
};

/* root/desk (the PC), root/folder (the export folder), root/desk/sub. */
static void dirs_make(struct dirs *d)
{
	snprintf(d->root, sizeof d->root, "/tmp/jy-zmodem-XXXXXX");
	assert_non_null(mkdtemp(d->root));
	snprintf(d->desk, sizeof d->desk, "%s/desk", d->root);
	snprintf(d->folder, sizeof d->folder, "%s/folder", d->root);
	snprintf(d->sub, sizeof d->sub, "%s/desk/sub", d->root);
	assert_int_equal(mkdir(d->desk, 0700), 0);
	assert_int_equal(mkdir(d->folder, 0700), 0);
	assert_int_equal(mkdir(d->sub, 0700), 0);
}

static void dirs_remove(struct dirs *d)
{
	char *cmd = xasprintf("rm -rf '%s'", d->root);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static int have_lrzsz(void)
{
	return system("command -v sz >/dev/null && command -v rz >/dev/null") == 0;
}

/* Bytes a terminal line mangles unless the protocol escapes them: NUL, XON, XOFF, CAN, CR, and
 * every other byte value; then Chinese text; 65,000 bytes in all, more than one ZMODEM frame. */
static size_t sample(char *buf, size_t n)
{
	static const char head[] = "\x00\x11\x13\x18\r\n**\x18" "B00 登记表 王秀兰\n";
	size_t k = sizeof head - 1;
	memcpy(buf, head, k);
	for (size_t i = k; i < n; i++)
		buf[i] = (char)((i * 7 + 3) & 0xff);
	return n;
}

static void test_send(void **state)
{
	(void)state;
	if (!have_lrzsz())
		skip();         /* make deps-test installs lrzsz */
	setenv("TERM", "xterm", 1);
	struct dirs d;
	dirs_make(&d);
	static char data[65000];
	size_t n = sample(data, sizeof data);
	char *path = xasprintf("%s/登记表-R-000001.txt", d.folder);
	write_file(path, data, n);
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	char *rz[] = { "rz", "-q", NULL };
	pid_t pid = other_end(d.desk, sv[1], rz);
	close(sv[1]);
	struct jy_err err = { 0 };
	assert_int_equal(zmodem_send(path, sv[0], sv[0], &err), JY_OK);
	close(sv[0]);
	assert_int_equal(other_exit(pid), 0);
	/* the PC has it under its own name, without the server's folders, byte for byte */
	char *got = xasprintf("%s/登记表-R-000001.txt", d.desk);
	assert_true(file_is(got, data, n));
	free(got);

	/* a terminal that goes away: sz fails at once, and the message says what to use instead */
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	close(sv[1]);
	assert_int_equal(zmodem_send(path, sv[0], sv[0], &err), JY_EIO);
	close(sv[0]);
	assert_non_null(strstr(err.msg, "sz exit status"));
	assert_non_null(strstr(err.msg, "Xshell"));
	assert_non_null(strstr(err.msg, "登记表-R-000001.txt"));

	/* no such file: said, nothing run */
	char *none = xasprintf("%s/none.txt", d.folder);
	assert_int_equal(zmodem_send(none, 0, 1, &err), JY_EIO);
	assert_non_null(strstr(err.msg, "none.txt"));
	free(none);
	free(path);
	dirs_remove(&d);
}

static void test_putty(void **state)
{
	(void)state;
	static const struct { const char *term; int rc; } terms[] = {
		{ "putty", JY_EINVAL }, { "putty-256color", JY_EINVAL }, { "putty-sco", JY_EINVAL },
		{ "xterm", JY_OK }, { "xterm-256color", JY_OK }, { "screen", JY_OK }, { "linux", JY_OK },
		{ NULL, JY_OK },
	};
	for (size_t i = 0; i < ARRAY_LEN(terms); i++) {
		struct jy_err err = { 0 };
		assert_int_equal(zmodem_term_ok(terms[i].term, &err), terms[i].rc);
		if (terms[i].rc != JY_OK)
			assert_non_null(strstr(err.msg, "printer at your PC"));
	}
	/* under PuTTY neither end runs: the descriptors are never touched (-1 would fail) */
	setenv("TERM", "putty", 1);
	struct jy_err err = { 0 };
	char *name = NULL;
	int count = 0;
	assert_int_equal(zmodem_send("/etc/hostname", -1, -1, &err), JY_EINVAL);
	assert_int_equal(zmodem_receive("/tmp", -1, -1, 1, &name, &count, &err), JY_EINVAL);
	assert_null(name);
	setenv("TERM", "xterm", 1);
}

/* The PC's sz sends argv's file (run in dir); jiuye's rz receives into d->folder. */
static int receive_from(struct dirs *d, const char *dir, char *const sz[], char **name, int *count,
                        struct jy_err *err)
{
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	pid_t pid = other_end(dir, sv[1], sz);
	close(sv[1]);
	int rc = zmodem_receive(d->folder, sv[0], sv[0], 20, name, count, err);
	close(sv[0]);
	/* a refused sender waits a minute for an answer before it gives up: not here */
	kill(pid, SIGTERM);
	other_exit(pid);
	return rc;
}

static void test_receive(void **state)
{
	(void)state;
	if (!have_lrzsz())
		skip();
	setenv("TERM", "xterm", 1);
	struct dirs d;
	dirs_make(&d);
	static char data[65000];
	size_t n = sample(data, sizeof data);
	char *src = xasprintf("%s/居民名单.csv", d.desk);
	write_file(src, data, n);
	chmod(src, 0755);
	char *sz[] = { "sz", "-q", "居民名单.csv", NULL };
	struct jy_err err = { 0 };
	char *name = NULL;
	int count = 0;
	assert_int_equal(receive_from(&d, d.desk, sz, &name, &count, &err), JY_OK);
	assert_string_equal(name, "居民名单.csv");
	assert_int_equal(count, 1);
	char *got = xasprintf("%s/居民名单.csv", d.folder);
	assert_true(file_is(got, data, n));
	struct stat sb;
	assert_int_equal(stat(got, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);      /* not the sender's 0755 */
	FREE(&name);

	/* the same name again: the file there is kept as it was, nothing received */
	write_file(src, "new", 3);
	assert_int_equal(receive_from(&d, d.desk, sz, &name, &count, &err), JY_EIO);
	assert_null(name);
	assert_int_equal(count, 0);
	assert_true(file_is(got, data, n));
	assert_non_null(strstr(err.msg, "No file was received"));
	free(got);

	/* ../x: the sender names a file above the folder (sz -f sends the name as given) */
	char *up = xasprintf("%s/x.txt", d.desk);
	write_file(up, "escape\n", 7);
	char *szup[] = { "sz", "-q", "-f", "../x.txt", NULL };
	assert_int_equal(receive_from(&d, d.sub, szup, &name, &count, &err), JY_EIO);
	assert_null(name);
	assert_non_null(strstr(err.msg, "Security Violation"));        /* rz's own words */
	char *above = xasprintf("%s/x.txt", d.root);
	assert_int_not_equal(access(above, F_OK), 0);
	free(above);

	/* an absolute name: not written there, nor anywhere */
	char *szabs[] = { "sz", "-q", "-f", up, NULL };
	assert_int_equal(receive_from(&d, d.sub, szabs, &name, &count, &err), JY_EIO);
	assert_null(name);

	/* a hidden file: refused too (-R -R) */
	char *dot = xasprintf("%s/.bashrc", d.desk);
	write_file(dot, "exec sh\n", 8);
	char *szdot[] = { "sz", "-q", ".bashrc", NULL };
	assert_int_equal(receive_from(&d, d.desk, szdot, &name, &count, &err), JY_EIO);
	assert_null(name);

	/* the folder holds the one file received above, and nothing else */
	char *cmd = xasprintf("test \"$(ls -A '%s')\" = 居民名单.csv", d.folder);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dot);
	free(up);
	free(src);
	dirs_remove(&d);
}

/* A terminal that never answers (PuTTY set to xterm): given up on after wait_s, and told to
 * cancel (eight CANs at least) in case it is waiting after all. */
static void test_receive_nobody(void **state)
{
	(void)state;
	if (!have_lrzsz())
		skip();
	setenv("TERM", "xterm", 1);
	struct dirs d;
	dirs_make(&d);
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	struct jy_err err = { 0 };
	char *name = NULL;
	int count = 0;
	time_t t0 = time(NULL);
	assert_int_equal(zmodem_receive(d.folder, sv[0], sv[0], 1, &name, &count, &err), JY_EIO);
	assert_true(time(NULL) - t0 <= 10);
	assert_null(name);
	assert_non_null(strstr(err.msg, "within 1 seconds"));
	char buf[4096];
	fcntl(sv[1], F_SETFL, O_NONBLOCK);
	ssize_t got = read(sv[1], buf, sizeof buf);
	assert_true(got > 0);
	assert_non_null(memmem(buf, (size_t)got, "\030\030\030\030\030\030\030\030", 8));
	close(sv[0]);
	close(sv[1]);
	dirs_remove(&d);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_send),
	cmocka_unit_test(test_putty),
	cmocka_unit_test(test_receive),
	cmocka_unit_test(test_receive_nobody),
};

TEST_MAIN(tests)
