/* core/report/deliver.c: where a printout goes once written — to the printer beside the worker's
 * own PC through her terminal, to a printer of the server (lp, CUPS), or nowhere beyond its file.
 *
 * Every printout is written to its text file first (print.c), as before; the file is what is sent,
 * so the paper and the file never differ. Through the terminal it goes as a media-copy
 * pass-through, ESC [5i … ESC [4i, which PuTTY, Xshell and SecureCRT hand to the PC's printer
 * without showing it: plain text in the printer's encoding (print.encoding, GBK by default: most
 * Chinese office printers take GBK, few take UTF-8), every line ended CR LF (a printer fed a
 * bare LF moves down without returning), the pages as print.c laid them out (print.page_lines, a
 * form feed between them) and a form feed after the last, so the sheet comes out at once.
 *
 * Or as a PDF beside the text file (pdf.c), for an office that sends files instead of paper; or
 * the file itself to her PC over the terminal by ZMODEM (zmodem.c: Xshell and SecureCRT save it).
 *
 * Where a worker prints is hers: print.dest.<her login> (terminal, lp, pdf, zmodem or file), else
 * the office's print.dest, else the file alone. print_deliver sends a written file to any of them,
 * for the screens and the command line alike. */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <uniconv.h>

#include "report/report.h"

extern char **environ;

static const char *const dest_names[] = { "file", "terminal", "lp", "pdf", "zmodem" };

const char *print_dest_name(int dest)
{
	return dest >= 0 && dest < (int)ARRAY_LEN(dest_names) ? dest_names[dest] : "file";
}

int print_dest_parse(const char *s)
{
	static const struct { const char *word; int dest; } words[] = {
		{ "file", PRINT_FILE },     { "文件", PRINT_FILE },
		{ "terminal", PRINT_TERMINAL }, { "终端", PRINT_TERMINAL }, { "local", PRINT_TERMINAL },
		{ "lp", PRINT_LP },         { "server", PRINT_LP },   { "服务器", PRINT_LP },
		{ "pdf", PRINT_PDF },       { "PDF", PRINT_PDF },
		{ "zmodem", PRINT_ZMODEM }, { "ZMODEM", PRINT_ZMODEM }, { "本机", PRINT_ZMODEM },
	};
	for (size_t i = 0; s && i < ARRAY_LEN(words); i++)
		if (strcmp(s, words[i].word) == 0)
			return words[i].dest;
	return -1;
}

static char *dest_key(struct jy_db *db)
{
	return xasprintf("print.dest.%s", db_actor(db)->os_user);
}

int print_dest_get(struct jy_db *db, int *dest, struct jy_err *err)
{
	char *office = NULL, *hers = NULL, *key = dest_key(db);
	int rc = db_setting(db, "print.dest", "file", &office, err);
	if (!rc)
		rc = db_setting(db, key, office, &hers, err);
	free(key);
	if (!rc) {
		int d = print_dest_parse(hers);
		*dest = d < 0 ? PRINT_FILE : d;
	}
	free(office);
	free(hers);
	return rc;
}

int print_dest_set(struct jy_db *db, int dest, struct jy_err *err)
{
	if (dest < 0 || dest >= (int)ARRAY_LEN(dest_names))
		return err_set(err, JY_EINVAL, NULL, "%s",
		               _("print to: terminal, lp, pdf, zmodem or file are accepted"));
	char *key = dest_key(db);
	char *detail = xasprintf("{\"print.dest\":\"%s\"}", dest_names[dest]);
	int rc = db_begin(db, err);
	if (!rc)
		rc = db_setting_set(db, key, dest_names[dest], err);
	if (!rc)
		rc = audit_note(db, "setting", "worker", 0, key, detail, JY_OK, err);
	if (!rc)
		rc = db_commit(db, err);
	else
		db_rollback(db);
	free(detail);
	free(key);
	return rc;
}

static int file_slurp(const char *path, struct jy_buf *b, struct jy_err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(err, JY_EIO, NULL, _("%s: cannot read the printout: %s"), path_shown(path),
		               strerror(errno));
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(b, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad)
		return err_set(err, JY_EIO, NULL, _("%s: cannot read the printout: %s"), path_shown(path),
		               strerror(EIO));
	return JY_OK;
}

int print_passthrough_text(const char *text, size_t n, const char *encoding, struct jy_buf *out,
                           struct jy_err *err)
{
	struct jy_buf crlf = { 0 };
	for (size_t i = 0; i < n; i++) {
		if (text[i] == '\n')
			buf_add(&crlf, "\r", 1);
		buf_add(&crlf, text + i, 1);
	}
	buf_add(&crlf, "\f", 1);
	int utf8 = !encoding || !*encoding || strcasecmp(encoding, "UTF-8") == 0;
	size_t len = crlf.len;
	char *conv = utf8 ? NULL
	           : u8_conv_to_encoding(encoding, iconveh_question_mark, (const uint8_t *)crlf.s,
	                                 crlf.len, NULL, NULL, &len);
	if (!utf8 && !conv) {
		buf_free(&crlf);
		return err_set(err, JY_EINVAL, "print.encoding",
		               _("%s is not a character set this machine knows (GBK, GB18030 or UTF-8)"),
		               encoding);
	}
	buf_add(out, "\033[5i", 4);
	buf_add(out, conv ? conv : crlf.s, len);
	buf_add(out, "\033[4i", 4);
	free(conv);
	buf_free(&crlf);
	return JY_OK;
}

int print_passthrough(struct jy_db *db, const char *path, struct jy_buf *out, struct jy_err *err)
{
	char *enc = NULL;
	struct jy_buf text = { 0 };
	int rc = db_setting(db, "print.encoding", "GBK", &enc, err);
	if (!rc)
		rc = file_slurp(path, &text, err);
	if (!rc)
		rc = print_passthrough_text(text.s ? text.s : "", text.len, enc, out, err);
	buf_free(&text);
	free(enc);
	return rc;
}

/* lp's own words on failure (no such printer, CUPS not running), first line, for the message. */
static void lp_why(int fd, char *why, size_t n)
{
	size_t got = 0;
	ssize_t r;
	while (got + 1 < n && (r = read(fd, why + got, n - 1 - got)) > 0)
		got += (size_t)r;
	why[got] = '\0';
	why[strcspn(why, "\n")] = '\0';
}

int print_lp(struct jy_db *db, const char *path, struct jy_err *err)
{
	char *printer = NULL;
	int rc = db_setting(db, "print.lp_printer", "", &printer, err);
	if (rc)
		return rc;
	/* lp -s: no "request id is …" on the screen; -d: the office's printer when it names one */
	char *argv[8];
	int n = 0;
	argv[n++] = "lp";
	argv[n++] = "-s";
	if (*printer) {
		argv[n++] = "-d";
		argv[n++] = printer;
	}
	argv[n++] = "--";
	argv[n++] = (char *)path;
	argv[n] = NULL;
	int pipefd[2];
	if (pipe(pipefd) != 0) {
		free(printer);
		return err_set(err, JY_EIO, NULL, _("cannot start lp: %s"), strerror(errno));
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDERR_FILENO);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	pid_t pid;
	int e = posix_spawnp(&pid, "lp", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (e != 0) {
		close(pipefd[0]);
		free(printer);
		return err_set(err, JY_EIO, NULL, _("cannot start lp (is the cups-client package "
		                                    "installed?): %s"), strerror(e));
	}
	char why[300];
	lp_why(pipefd[0], why, sizeof why);
	close(pipefd[0]);
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		rc = err_set(err, JY_EIO, NULL, _("lp did not take %s: %s"), path_shown(path),
		             *why ? why : _("it failed without saying why"));
	free(printer);
	return rc;
}

/* All of buf to fd. */
static int fd_write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int print_deliver(struct jy_db *db, int dest, const char *path, const char *pdf_path, int tty_in,
                  int tty_out, struct jy_err *err)
{
	int rc = JY_OK;
	switch (dest) {
	case PRINT_TERMINAL: {
		struct jy_buf b = { 0 };
		rc = print_passthrough(db, path, &b, err);
		if (rc == JY_OK && fd_write_all(tty_out, b.s, b.len) != 0)
			rc = err_set(err, JY_EIO, NULL, _("The terminal took no printout: %s"),
			             strerror(errno));
		buf_free(&b);
		break;
	}
	case PRINT_LP:
		rc = print_lp(db, path, err);
		break;
	case PRINT_PDF:
		assert(pdf_path != NULL);
		rc = print_pdf(db, path, pdf_path, err);
		break;
	case PRINT_ZMODEM:
		rc = zmodem_send(path, tty_in, tty_out, err);
		break;
	default:
		break;
	}
	return rc;
}
