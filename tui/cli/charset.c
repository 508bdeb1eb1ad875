/* tui/cli/charset.c: the command line's words in the terminal's character set.
 *
 * jiuye's strings are UTF-8 (its catalogue is bound to UTF-8, its data is stored so). A terminal in
 * a GBK or GB18030 locale (older Xshell set-ups) shows UTF-8 as 鐢ㄦ硶锛; so in any locale whose
 * character set is not UTF-8, stderr and stdout become streams that convert what is written to it
 * (iconv, //TRANSLIT: a character the set lacks becomes '?', never a cut line). A command writing a
 * file's bytes to stdout (a CSV export or report: their format decides the encoding) asks for the
 * raw stream first. */
#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "tui.h"

struct conv {
	iconv_t cd;
	int fd;
	char held[4];           /* the start of a character the last write cut in two */
	size_t nheld;
};

static FILE *raw_stdout, *raw_stderr;
static char *words[16];         /* the converted words of the command line */
static int nwords;

static void conv_put(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;         /* a closed pipe: nobody reads; the exit status says the rest */
		s += w;
		n -= (size_t)w;
	}
}

/* Convert in, writing the result; an incomplete character at the end is kept for the next write,
 * an invalid byte becomes '?'. */
static void conv_run(struct conv *c, char *in, size_t n)
{
	char out[1024];
	while (n > 0) {
		char *o = out;
		size_t room = sizeof out;
		size_t r = iconv(c->cd, &in, &n, &o, &room);
		conv_put(c->fd, out, (size_t)(o - out));
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL && n < sizeof c->held) {
			memcpy(c->held, in, n);
			c->nheld = n;
			return;
		}
		conv_put(c->fd, "?", 1);
		in++;
		n--;
	}
}

static ssize_t conv_write(void *cookie, const char *buf, size_t size)
{
	struct conv *c = cookie;
	char *in = xmalloc(c->nheld + size);
	memcpy(in, c->held, c->nheld);
	memcpy(in + c->nheld, buf, size);
	size_t n = c->nheld + size;
	c->nheld = 0;
	conv_run(c, in, n);
	free(in);
	return (ssize_t)size;
}

static int conv_close(void *cookie)
{
	struct conv *c = cookie;
	if (c->nheld)
		conv_put(c->fd, "?", 1);
	iconv_close(c->cd);
	free(c);
	return 0;
}

static FILE *conv_open(const char *codeset, int fd, const char *mode)
{
	char to[64];
	snprintf(to, sizeof to, "%s//TRANSLIT", codeset);
	iconv_t cd = iconv_open(to, "UTF-8");
	if (cd == (iconv_t)-1)
		return NULL;
	struct conv *c = xcalloc(1, sizeof *c);
	c->cd = cd;
	c->fd = fd;
	cookie_io_functions_t io = { .write = conv_write, .close = conv_close };
	FILE *f = fopencookie(c, mode, io);
	if (!f) {
		iconv_close(cd);
		free(c);
	}
	return f;
}

/* At exit, before the sanitizers' own checks: the last bytes written, the streams closed. */
static void charset_end(void)
{
	if (raw_stdout) {
		fclose(stdout);
		stdout = raw_stdout;
		raw_stdout = NULL;
	}
	if (raw_stderr) {
		fclose(stderr);
		stderr = raw_stderr;
		raw_stderr = NULL;
	}
	while (nwords > 0)
		free(words[--nwords]);
}

void cli_charset_init(void)
{
	const char *cs = nl_langinfo(CODESET);
	/* ASCII ("ANSI_X3.4-1968", the C locale) is left alone: there a Chinese word has no
	 * spelling at all, and the UTF-8 bytes are what a redirection to a file wants. */
	if (!cs || strcmp(cs, "UTF-8") == 0 || strcmp(cs, "ANSI_X3.4-1968") == 0)
		return;
	atexit(charset_end);
	FILE *err = conv_open(cs, STDERR_FILENO, "w");
	if (err) {
		setvbuf(err, NULL, _IONBF, 0);
		raw_stderr = stderr;
		stderr = err;
	}
	FILE *out = conv_open(cs, STDOUT_FILENO, "w");
	if (out) {
		if (isatty(STDOUT_FILENO))
			setvbuf(out, NULL, _IOLBF, 0);
		raw_stdout = stdout;
		stdout = out;
	}
}

void cli_stdout_raw(void)
{
	if (!raw_stdout)
		return;
	fclose(stdout);
	stdout = raw_stdout;
	raw_stdout = NULL;
}

const char *cli_word_utf8(const char *word)
{
	const char *cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8") == 0 || strcmp(cs, "ANSI_X3.4-1968") == 0)
		return word;
	size_t n = strlen(word);
	int ascii = 1;
	for (size_t i = 0; i < n; i++)
		ascii &= (unsigned char)word[i] < 0x80;
	if (ascii)
		return word;
	char *u = nwords < (int)ARRAY_LEN(words) ? text_to_utf8(cs, word, n, NULL) : NULL;
	if (!u)
		return word;    /* not in the locale's set: as typed, and the checks say so */
	words[nwords++] = u;
	return u;
}
