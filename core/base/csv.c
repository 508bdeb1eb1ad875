/* core/base/csv.c: reading and writing CSV the way Excel and WPS in China write and read it.
 *
 * Reading: the encoding is detected, not asked for: a UTF-8 BOM or valid UTF-8 is UTF-8 ("CSV
 * UTF-8" in Excel, WPS's default, jiuye's own exports); anything else is tried as GB18030, the
 * superset of GBK that Excel's plain "CSV" writes on a Chinese Windows; a UTF-16 BOM is Excel's
 * "Unicode text" (tab-separated). Records follow RFC 4180 (quoted fields, "" for a quote, line
 * breaks inside quotes, CRLF or LF), and the row number given back is the one a spreadsheet
 * shows: the header is row 1, a record with line breaks inside a cell is still one row, a blank
 * line is a row of its own.
 *
 * A UTF-8 file is read twice, a window at a time (1 MB; a registry's file of 1,000,000 rows is
 * 130 MB or more, and reading it whole was the largest part of an import's memory): a first pass
 * proves the whole file UTF-8 without NUL bytes, since one GBK byte on the last row makes the
 * file GBK; the second reads the records. A record is parsed (and unescaped) in place only once
 * it lies whole in the window, which grows when one record is larger than it. GB18030 and UTF-16
 * files, the rarer and older ones, and what is not a plain file (a pipe) are read whole and
 * converted to UTF-8 at once; their text is then the window.
 *
 * Writing: csv_write_field quotes only when it must, so that the text stays readable in a plain
 * editor and round-trips through Excel; the files themselves are written by sheet.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "base/base.h"

#define CSV_WINDOW (1u << 20)

/* The size a reader's window starts at; the tests shrink it (csv_window_set). */
static size_t csv_window = CSV_WINDOW;

struct csv_reader {
	char *path;
	FILE *f;                /* the file, read a window at a time; NULL once read whole */
	char *data;             /* the window: text as UTF-8, NUL-terminated at len; parsed (and
	                         * unescaped) in place */
	size_t size;            /* bytes the window holds at most (data has one more, for the NUL) */
	size_t len, pos;        /* bytes in the window; where the next record starts */
	size_t ready;           /* the records from pos up to here lie whole in the window */
	size_t checked;         /* the bytes before this were checked again as UTF-8 when read */
	int eof;                /* the window holds the file up to its end: the last record ends at
	                         * len */
	char enc[16];
	char sep;               /* ',' or '\t' */
	int row;                /* spreadsheet row of the record last returned */
	char **fields;
	int cap;
};

void csv_window_set(size_t bytes)
{
	csv_window = bytes ? bytes : CSV_WINDOW;
}

/* ---- reading the file and finding its encoding ------------------------------------------------ */

/* The whole file from where f stands. */
static int csv_slurp(struct csv_reader *r, struct jy_err *err)
{
	struct jy_buf b = { 0 };
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, r->f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(r->f)) {
		int e = errno;
		buf_free(&b);
		return err_set(err, JY_EIO, NULL, _("%s: cannot read the file: %s"),
		               path_shown(r->path), strerror(e));
	}
	free(r->data);
	r->len = b.len;
	r->data = buf_steal(&b);
	return JY_OK;
}

/* A workbook given where a CSV file was expected is the most common mistake; say so plainly
 * instead of "not text". Zip (xlsx, WPS et) and OLE2 (xls) signatures. */
static int csv_is_workbook(const char *s, size_t n)
{
	return (n >= 4 && memcmp(s, "PK\x03\x04", 4) == 0) ||
	       (n >= 8 && memcmp(s, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0);
}

static int csv_is_utf16(const char *s, size_t n)
{
	return n >= 2 && (memcmp(s, "\xFF\xFE", 2) == 0 || memcmp(s, "\xFE\xFF", 2) == 0);
}

/* Replace r->data, the whole file's raw bytes, with its UTF-8 text. */
static int csv_decode(struct csv_reader *r, struct jy_err *err)
{
	const char *enc = NULL;
	size_t skip = 0;
	char *s = r->data;
	size_t n = r->len;

	if (csv_is_workbook(s, n))
		return err_set(err, JY_EINVAL, NULL,
		               _("%s: this is a spreadsheet workbook, not a CSV file: in Excel or WPS use "
		                 "Save As and choose CSV (UTF-8 or comma-separated)"), path_shown(r->path));
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		enc = "UTF-8";
		skip = 3;
	} else if (n >= 2 && memcmp(s, "\xFF\xFE", 2) == 0) {
		enc = "UTF-16LE";
		skip = 2;
	} else if (n >= 2 && memcmp(s, "\xFE\xFF", 2) == 0) {
		enc = "UTF-16BE";
		skip = 2;
	} else if (memchr(s, '\0', n) == NULL && text_valid_utf8(s, n)) {
		enc = "UTF-8";
	}
	if (enc && strcmp(enc, "UTF-8") == 0) {
		if (!text_valid_utf8(s + skip, n - skip) || memchr(s + skip, '\0', n - skip))
			goto not_text;
		memmove(s, s + skip, n - skip);
		r->len = n - skip;
		s[r->len] = '\0';
		snprintf(r->enc, sizeof r->enc, "UTF-8");
		return JY_OK;
	}
	if (!enc) {
		if (memchr(s, '\0', n))
			goto not_text;
		enc = "GB18030";
	}
	size_t outlen = 0;
	char *u = text_to_utf8(enc, s + skip, n - skip, &outlen);
	if (!u || memchr(u, '\0', outlen)) {
		free(u);
		goto not_text;
	}
	free(r->data);
	r->data = u;
	r->len = outlen;
	snprintf(r->enc, sizeof r->enc, "%s", enc);
	return JY_OK;
not_text:
	return err_set(err, JY_EINVAL, NULL,
	               _("%s: not UTF-8 or GBK text: save it from Excel or WPS as CSV (UTF-8 or "
	                 "comma-separated)"), path_shown(r->path));
}

/* Read more of the file into the window after its len bytes, doubling the window first when it
 * is full. Sets r->eof at the end of the file. */
static int csv_read(struct csv_reader *r, struct jy_err *err)
{
	if (r->len == r->size) {
		r->size *= 2;
		r->data = xrealloc(r->data, r->size + 1);
	}
	size_t want = r->size - r->len;
	size_t n = fread(r->data + r->len, 1, want, r->f);
	r->len += n;
	r->data[r->len] = '\0';
	if (n < want) {
		if (ferror(r->f))
			return err_set(err, JY_EIO, NULL, _("%s: cannot read the file: %s"), path_shown(r->path),
			               strerror(errno));
		r->eof = 1;
	}
	return JY_OK;
}

/* How many of the last bytes of s[0..n) are the start of a character the next read completes
 * (0 to 3). What is not such a start is left for text_valid_utf8 to refuse. */
static size_t csv_utf8_cut(const char *s, size_t n)
{
	for (size_t k = 1; k <= 3 && k <= n; k++) {
		unsigned char c = (unsigned char)s[n - k];
		if ((c & 0xC0) == 0x80)
			continue;       /* a continuation byte: its lead is further back */
		size_t need = c >= 0xF0 && c < 0xF8 ? 4 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xC0 ? 2 : 1;
		return k < need ? k : 0;
	}
	return 0;
}

/* The first pass over a plain file: is it UTF-8 (with or without BOM) without NUL bytes, to be
 * read a window at a time (*stream set)? Anything else (a workbook, UTF-16, GBK, binary) is left
 * for csv_decode to read whole and name. A file that fits in the window stays in it, read once;
 * otherwise the file is left at the start of its text, after the BOM. */
static int csv_sniff(struct csv_reader *r, int *stream, struct jy_err *err)
{
	char head[8];
	long skip = 0;
	int whole = 1;          /* the window holds the text from its first byte */
	int rc;

	*stream = 0;
	ssize_t h = pread(fileno(r->f), head, sizeof head, 0);
	if (h < 0)
		return err_set(err, JY_EIO, NULL, _("%s: cannot read the file: %s"), path_shown(r->path),
		               strerror(errno));
	if (csv_is_workbook(head, (size_t)h) || csv_is_utf16(head, (size_t)h))
		return JY_OK;
	if (h >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
		skip = 3;
	if (fseek(r->f, skip, SEEK_SET) != 0)
		return err_set(err, JY_EIO, NULL, _("%s: cannot read the file: %s"), path_shown(r->path),
		               strerror(errno));
	do {
		if ((rc = csv_read(r, err)) != JY_OK)
			return rc;
		size_t cut = r->eof ? 0 : csv_utf8_cut(r->data, r->len);
		if (memchr(r->data, '\0', r->len) || !text_valid_utf8(r->data, r->len - cut))
			return JY_OK;
		if (!r->eof) {
			/* keep only a character cut by the window's end: the rest is proved */
			memmove(r->data, r->data + r->len - cut, cut);
			r->len = cut;
			whole = 0;
		}
	} while (!r->eof);
	*stream = 1;
	if (whole) {
		r->checked = r->len;
		return JY_OK;
	}
	if (fseek(r->f, skip, SEEK_SET) != 0)
		return err_set(err, JY_EIO, NULL, _("%s: cannot read the file: %s"), path_shown(r->path),
		               strerror(errno));
	r->len = r->checked = 0;
	r->data[0] = '\0';
	r->eof = 0;
	return JY_OK;
}

/* The bytes read since the last check are still UTF-8 without NUL bytes, as the first pass found
 * the file: it may have been written to in between (a copy still running). A character cut by
 * the window's end waits for the next read. */
static int csv_check(struct csv_reader *r, struct jy_err *err)
{
	const char *s = r->data + r->checked;
	size_t n = r->len - r->checked;
	size_t cut = r->eof ? 0 : csv_utf8_cut(s, n);
	if (memchr(s, '\0', n) || !text_valid_utf8(s, n - cut))
		return err_set(err, JY_EINVAL, NULL,
		               _("%s: the file changed while it was being read: import it again once it "
		                 "is complete (a copy or a save may still be running)"), path_shown(r->path));
	r->checked = r->len - cut;
	return JY_OK;
}

/* Excel's "Unicode text" and some government systems write tab-separated files with the same
 * extension: a header line with tabs and no comma is taken as one. */
static char csv_guess_sep(const char *s)
{
	size_t line = strcspn(s, "\r\n");
	int tabs = memchr(s, '\t', line) != NULL;
	int commas = memchr(s, ',', line) != NULL;
	return tabs && !commas ? '\t' : ',';
}

int csv_open(const char *path, struct csv_reader **out, struct jy_err *err)
{
	struct csv_reader *r = xcalloc(1, sizeof *r);
	struct stat st;
	int plain, stream = 0, rc = JY_OK;

	*out = NULL;
	r->path = xstrdup(path);
	r->size = csv_window;
	r->data = xmalloc(r->size + 1);
	r->data[0] = '\0';
	if (!(r->f = fopen(path, "rb"))) {
		rc = err_set(err, JY_EIO, NULL, _("%s: cannot open the file: %s"), path_shown(path), strerror(errno));
		goto out;
	}
	setvbuf(r->f, NULL, _IONBF, 0);         /* the window is the buffer */
	/* a pipe cannot be read twice: it is read whole */
	plain = fstat(fileno(r->f), &st) == 0 && S_ISREG(st.st_mode);
	if (plain && (rc = csv_sniff(r, &stream, err)) != JY_OK)
		goto out;
	if (stream) {
		snprintf(r->enc, sizeof r->enc, "UTF-8");
		/* the header line whole in the window, for the separator */
		while (!r->eof && r->data[strcspn(r->data, "\r\n")] == '\0')
			if ((rc = csv_read(r, err)) != JY_OK || (rc = csv_check(r, err)) != JY_OK)
				goto out;
	} else {
		if (plain && fseek(r->f, 0, SEEK_SET) != 0) {
			rc = err_set(err, JY_EIO, NULL, _("%s: cannot read the file: %s"), path_shown(path),
			             strerror(errno));
			goto out;
		}
		if ((rc = csv_slurp(r, err)) != JY_OK || (rc = csv_decode(r, err)) != JY_OK)
			goto out;
		fclose(r->f);
		r->f = NULL;
		r->eof = 1;
	}
	r->sep = csv_guess_sep(r->data);
	*out = r;
	r = NULL;
out:
	csv_close(&r);
	return rc;
}

void csv_close(struct csv_reader **pr)
{
	struct csv_reader *r = *pr;
	if (!r)
		return;
	if (r->f)
		fclose(r->f);
	free(r->path);
	free(r->data);
	free(r->fields);
	free(r);
	*pr = NULL;
}

/* Counting csv_count_records' records: the state between two characters. */
struct csv_counter {
	int inq, start, closed, any;
	long n;
};

/* One character, of which only the ASCII ones mean anything here. A quote opens a quoted field
 * at its start (or right after a quoted part: "" inside quotes), as the reader takes it. */
static void csv_count_char(struct csv_counter *c, unsigned ch)
{
	if (c->inq) {
		if (ch == '"')
			c->inq = 0, c->closed = 1;
		return;
	}
	if (ch == '"' && (c->start || c->closed)) {
		c->inq = c->any = 1;
		c->start = c->closed = 0;
		return;
	}
	c->closed = 0;
	if (ch == '\n') {
		c->n += c->any;
		c->any = 0;
		c->start = 1;
	} else if (ch == ',' || ch == ';' || ch == '\t') {
		c->start = 1;
	} else if (ch != ' ' && ch != '\r') {
		c->any = 1;
		c->start = 0;
	}
}

/* Bytes, not characters: a quote, a separator, a space and a newline are the same byte in UTF-8,
 * GBK and GB18030 and never part of another character there; UTF-16 (its BOM) is read by code
 * units. A workbook is not counted (-1). */
int csv_count_records(const char *path, long *n, struct jy_err *err)
{
	struct csv_counter c = { .start = 1 };
	struct stat st;
	unsigned char buf[65536];
	size_t got, i = 0;
	int wide = 0, rc = JY_OK, first = 1;    /* wide: 1 UTF-16LE, 2 UTF-16BE */
	FILE *f = fopen(path, "rb");

	*n = -1;
	if (!f)
		return err_set(err, JY_EIO, NULL, _("%s: cannot open the file: %s"),
		               path_shown(path), strerror(errno));
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode))
		goto out;
	while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
		if (first) {
			first = 0;
			if (csv_is_workbook((const char *)buf, got))
				goto out;
			if (got >= 2 && buf[0] == 0xFF && buf[1] == 0xFE)
				wide = 1;
			else if (got >= 2 && buf[0] == 0xFE && buf[1] == 0xFF)
				wide = 2;
			i = wide ? 2 : 0;
		}
		/* a regular file is read in whole buffers, of an even size, until its end: a code
		 * unit is never split, and a lone last byte is no character */
		for (; i + (wide ? 1 : 0) < got; i += wide ? 2 : 1) {
			unsigned lo = buf[i], hi = wide ? buf[i + 1] : 0;
			csv_count_char(&c, !wide ? lo : wide == 1 ? lo | hi << 8 : lo << 8 | hi);
		}
		i = 0;
	}
	if (ferror(f)) {
		rc = err_set(err, JY_EIO, NULL, _("%s: cannot read the file: %s"), path_shown(path),
		             strerror(errno));
		goto out;
	}
	*n = c.n + c.any;
out:
	fclose(f);
	return rc;
}

const char *csv_encoding(const struct csv_reader *r)
{
	return r ? r->enc : "";
}

/* ---- records ---------------------------------------------------------------------------------- */

static int csv_is_end(const struct csv_reader *r, char c)
{
	return c == r->sep || c == '\r' || c == '\n' || c == '\0';
}

/* Move r->ready past every record that lies whole in the window, reading them as csv_next and
 * csv_quoted will: a line break ends a record only outside quotes, a quote opens a quoted cell
 * only as the cell's first character, and a CR at the window's end waits for the byte after it
 * (CRLF is one line end). A record csv_quoted will refuse (text after a closing quote) is whole
 * up to where it is refused. */
static void csv_scan(struct csv_reader *r)
{
	const char *d = r->data;
	size_t n = r->len, p = r->ready;

	for (;;) {
		/* a cell starts at p */
		if (p < n && d[p] == '"') {
			for (p++;; p++) {
				if (p + 1 >= n)
					return;         /* the closing quote, or the byte after it, is not here */
				if (d[p] == '"') {
					if (d[p + 1] != '"')
						break;
					p++;
				}
			}
			p++;
			while (p < n && (d[p] == ' ' || (d[p] == '\t' && r->sep != '\t')))
				p++;
			if (p < n && !csv_is_end(r, d[p])) {
				r->ready = p;
				return;
			}
		} else {
			while (p < n && !csv_is_end(r, d[p]))
				p++;
		}
		if (p >= n)
			return;
		if (d[p] == r->sep) {
			p++;
			continue;
		}
		/* a line end (the first pass let no NUL byte in) */
		if (d[p] == '\r') {
			if (p + 1 >= n)
				return;
			if (d[p + 1] == '\n')
				p++;
		}
		r->ready = ++p;
	}
}

/* Make the record at r->pos whole in the window: drop what lies before it, then read more of the
 * file after it (growing the window when the record is larger) until its end is found or the file
 * ends. The cells the previous csv_next handed back are among the bytes dropped: they were
 * borrowed until this call. */
static int csv_fill(struct csv_reader *r, struct jy_err *err)
{
	int rc;

	if (r->pos > 0) {
		memmove(r->data, r->data + r->pos, r->len - r->pos + 1);
		r->len -= r->pos;
		r->checked -= r->pos;
		r->ready -= r->pos;
		r->pos = 0;
	}
	for (;;) {
		if (r->eof) {
			r->ready = r->len;
			return JY_OK;
		}
		csv_scan(r);
		if (r->ready > r->pos)
			return JY_OK;
		if ((rc = csv_read(r, err)) != JY_OK || (rc = csv_check(r, err)) != JY_OK)
			return rc;
	}
}

static void csv_push(struct csv_reader *r, int *n, char *field)
{
	if (*n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->fields = xrealloc(r->fields, sizeof *r->fields * (size_t)r->cap);
	}
	r->fields[(*n)++] = field;
}

/* Skip one line end (CRLF, LF or a lone CR) at r->pos; c is the character that stood there
 * (the record's terminator may already have overwritten it). */
static void csv_skip_eol(struct csv_reader *r, char c)
{
	if (c == '\r') {
		r->pos++;
		c = r->data[r->pos];
	}
	if (c == '\n')
		r->pos++;
}

/* A quoted field starting at r->pos (on the opening quote). Unescapes in place into *w, which
 * trails the read position. Returns 0, or -1 with err set. */
static int csv_quoted(struct csv_reader *r, char **w, struct jy_err *err)
{
	char *d = r->data;
	size_t p = r->pos + 1;
	for (;;) {
		if (p >= r->len)
			return err_set(err, JY_EINVAL, NULL,
			               _("%s:%d: a quoted cell is not closed: a cell that starts with \" must "
			                 "end with \", and a \" inside it is written \"\""), r->path, r->row),
			       -1;
		if (d[p] == '"') {
			if (d[p + 1] != '"')
				break;
			p++;
		}
		*(*w)++ = d[p++];
	}
	p++;                    /* the closing quote */
	/* Spaces between the closing quote and the separator: harmless, some tools write them. */
	while (d[p] == ' ' || (d[p] == '\t' && r->sep != '\t'))
		p++;
	r->pos = p;
	if (!csv_is_end(r, d[p]))
		return err_set(err, JY_EINVAL, NULL,
		               _("%s:%d: text after the closing quote of a cell: a \" inside a quoted cell "
		                 "must be doubled (\"\")"), r->path, r->row),
		       -1;
	return 0;
}

/* One record from r->pos. Blank lines are rows of their own in a spreadsheet, so they count but
 * are not returned. */
int csv_next(struct csv_reader *r, char ***fields, int *n, int *row, struct jy_err *err)
{
	char *d;
	int nf = 0;

	*fields = NULL;
	*n = 0;
	for (;;) {
		if (r->pos >= r->ready && csv_fill(r, err) != JY_OK) {
			*row = r->row;
			return -1;
		}
		d = r->data;
		if (r->pos >= r->len) {
			*row = r->row;
			return 0;
		}
		r->row++;
		if (d[r->pos] != '\r' && d[r->pos] != '\n')
			break;
		csv_skip_eol(r, d[r->pos]);
	}
	*row = r->row;
	for (;;) {
		char *start = d + r->pos, *w = start;
		if (*start == '"') {
			if (csv_quoted(r, &w, err) < 0)
				return -1;
		} else {
			while (!csv_is_end(r, d[r->pos]))
				r->pos++;
			w = d + r->pos;
		}
		char end = d[r->pos];   /* read before the terminator may overwrite it */
		*w = '\0';
		csv_push(r, &nf, start);
		if (end == r->sep) {
			r->pos++;
			continue;
		}
		csv_skip_eol(r, end);
		break;
	}
	*fields = r->fields;
	*n = nf;
	return 1;
}

/* ---- writing ---------------------------------------------------------------------------------- */

/* Quoted when the cell holds a comma, a quote or a line break (RFC 4180), or starts or ends with
 * white space (Excel and many readers trim unquoted cells). ID numbers and phones are written as
 * plain digits: the ="…" form would keep Excel from rounding them but breaks every other reader,
 * so README tells Excel users to open the file with those columns as text; the importer accepts
 * both forms back. */
void csv_write_field(struct jy_buf *b, const char *s)
{
	if (!s || !*s)
		return;
	size_t n = strlen(s);
	int quote = strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' || s[0] == '\t' ||
	            s[n - 1] == ' ' || s[n - 1] == '\t';
	if (!quote) {
		buf_add(b, s, n);
		return;
	}
	buf_add(b, "\"", 1);
	for (const char *p = s; *p; ) {
		size_t k = strcspn(p, "\"");
		buf_add(b, p, k);
		p += k;
		if (*p == '"') {
			buf_add(b, "\"\"", 2);
			p++;
		}
	}
	buf_add(b, "\"", 1);
}

/* ---- a text file written beside its destination and renamed (report_out.c) ------------------ */

int csv_export(const char *path, int *rows, int (*write)(void *ctx, FILE *fp, int *rows,
                                                         struct jy_err *err),
               void *ctx, struct jy_err *err)
{
	int n = 0, rc;
	if (!rows)
		rows = &n;
	*rows = 0;
	if (!path || strcmp(path, "-") == 0) {
		rc = write(ctx, stdout, rows, err);
		if (fflush(stdout) != 0 || ferror(stdout))
			rc = rc ? rc : err_set(err, JY_EIO, NULL, _("writing the export: %s"), strerror(errno));
		return rc;
	}
	/* beside the destination, renamed into place: a failed export leaves no half file */
	char *tmp = path_tmp_name(path);
	/* 0600 from its first byte, as every file sheet.c writes: it may hold people (a report's lists) */
	int fd = path_create_beside(path, tmp);
	FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (fd >= 0 && !fp)
		close(fd);
	if (!fp && errno == EINVAL) {
		rc = err_set(err, JY_EIO, NULL,
		             _("%s is not a plain file: give the name of a file to write"),
		             path_shown(path));
		free(tmp);
		return rc;
	}
	if (!fp) {
		rc = err_set(err, JY_EIO, NULL, _("%s: cannot write the file: %s"),
		             path_shown(path), strerror(errno));
		free(tmp);
		return rc;
	}
	rc = write(ctx, fp, rows, err);
	int bad = ferror(fp), e = errno;
	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0)
		bad = 1, e = errno;
	if (fclose(fp) != 0 && !bad)
		bad = 1, e = errno;
	if (!rc && bad)
		rc = err_set(err, JY_EIO, NULL, _("%s: cannot write the file: %s"),
		             path_shown(path), strerror(e));
	if (!rc && rename(tmp, path) != 0)
		rc = err_set(err, JY_EIO, NULL, _("%s: cannot write the file: %s"),
		             path_shown(path), strerror(errno));
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* ---- helpers of the importers (import.c, jobs_io.c, training_io.c) ------------------------- */

/* Spreadsheet column letters: 0 -> A, 26 -> AA. */
void csv_col_name(int i, char out[8])
{
	char tmp[8];
	int n = 0;
	for (i++; i > 0 && n < 7; i = (i - 1) / 26)
		tmp[n++] = (char)('A' + (i - 1) % 26);
	for (int k = 0; k < n; k++)
		out[k] = tmp[n - 1 - k];
	out[n] = '\0';
}

/* A header cell as people write them: "姓名", " 姓名 ", "*姓名" (a template's required mark). */
char *csv_header_clean(const char *raw)
{
	char *h = text_clean(raw);
	size_t n = strlen(h), start = 0;
	while (start < n && h[start] == '*')
		start++;
	while (n > start && h[n - 1] == '*')
		n--;
	memmove(h, h + start, n - start);
	h[n - start] = '\0';
	return h;
}

/* Forms that keep Excel from turning an ID number or phone into a number: a leading apostrophe
 * ('320102…, how a cell is typed as text) and ="320102…" (what some systems export). Both are
 * taken off. Caller frees. */
char *csv_unwrap_number(const char *cell)
{
	/* Nearly every ID number and phone of a file is printable ASCII without spaces, which
	 * text_clean leaves as it is: skip its normalisation (measured: 3% of an import). */
	const unsigned char *p = (const unsigned char *)cell;
	while (*p > 0x20 && *p < 0x7F)
		p++;
	char *s = *p ? text_clean(cell) : xstrdup(cell);
	size_t n = strlen(s), k = 0;
	if (s[0] == '\'')
		k = 1;
	else if (strncmp(s, "‘", 3) == 0 || strncmp(s, "’", 3) == 0)
		k = 3;          /* the apostrophe a Chinese input method types */
	if (k) {
		memmove(s, s + k, n - k + 1);
	} else if (n >= 3 && s[0] == '=' && s[1] == '"' && s[n - 1] == '"') {
		memmove(s, s + 2, n - 3);
		s[n - 3] = '\0';
	}
	return s;
}
