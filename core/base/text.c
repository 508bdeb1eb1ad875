/* core/base/text.c: display width, grapheme clusters, fitting, cleaning and encoding conversion.
 *
 * One width policy for the whole program, and it is the one ncurses uses: Debian 12's ncursesw is
 * built with NCURSES_WCWIDTH_GRAPHICS 1, so it advances its cursor by libc wcwidth(). glibc and libunistring's uc_width() disagree on 91 printable
 * code points (㉈, ䷀ …), so uc_width() is never used for columns. libunistring is used for what it
 * does well: grapheme clusters, NFC, white space and conversion. wcwidth() needs a UTF-8 LC_CTYPE;
 * the program checks for one at start-up.
 *
 * The policy, per code point / byte (measured with ncursesw 6.4 on Debian 12):
 *   printable          wcwidth(): 0 (combining, U+200B), 1, or 2 (CJK, full-width, U+3000)
 *   C0, DEL, C1        0: never stored (text_clean, le_insert) and never drawn (text_fit_pad
 *                      drops them; ncurses would draw ^G as 2 columns)
 *   other unprintable  1 (unassigned, noncharacters: wcwidth -1; ncurses draws them 1 wide);
 *                      text_fit_pad shows them as '?'
 *   invalid UTF-8      1 per byte; text_fit_pad shows each as '?' (U+FFFD is East Asian
 *                      Ambiguous, so it is not used on screen)
 * A grapheme cluster is as wide as the sum of its code points, which is how ncurses accounts for a
 * base character followed by combining marks. */
#include <string.h>
#include <wchar.h>

#include <uniconv.h>
#include <unictype.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>

#include "base/base.h"

/* Marks "not a code point" for the decoders below: an invalid byte. */
#define TEXT_BAD 0xFFFFFFFFu

static int text_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

int text_cp_width(uint32_t cp)
{
	int w;

	if (text_is_control(cp))
		return 0;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* Decode the code point at s[off] (off < len): its length in bytes (>= 1), and *cp, or TEXT_BAD
 * for a byte that does not start a valid sequence; such a byte stands alone. */
static size_t text_decode(const char *s, size_t len, size_t off, uint32_t *cp)
{
	ucs4_t uc;
	int n = u8_mbtoucr(&uc, (const uint8_t *)s + off, len - off);

	if (n <= 0) {
		*cp = TEXT_BAD;
		return 1;
	}
	*cp = uc;
	return (size_t)n;
}

/* Decode the code point that ends at s[off] (off > 0): its length, with *cp as above. Agrees with
 * text_decode() walking forward: a valid sequence is found only when it ends exactly at off. */
static size_t text_decode_back(const char *s, size_t off, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k;

	for (k = 1; k <= 4 && k <= off; k++) {
		if (k > 1 && (u[off - k + 1] & 0xC0) != 0x80)
			break;                  /* the byte after the candidate start is no continuation */
		if ((u[off - k] & 0xC0) != 0x80) {
			ucs4_t uc;
			if (u8_mbtoucr(&uc, u + off - k, k) == (int)k) {
				*cp = uc;
				return k;
			}
			break;
		}
	}
	*cp = TEXT_BAD;
	return 1;
}

/* Columns of one decoded unit under the policy above. */
static int text_unit_width(uint32_t cp)
{
	return cp == TEXT_BAD ? 1 : text_cp_width(cp);
}

int text_width_n(const char *s, size_t n)
{
	size_t off = 0;
	int w = 0;

	if (!s)
		return 0;
	while (off < n) {
		uint32_t cp;
		off += text_decode(s, n, off, &cp);
		w += text_unit_width(cp);
	}
	return w;
}

int text_width(const char *s)
{
	return s ? text_width_n(s, strlen(s)) : 0;
}

/* Is there a cluster boundary between a and b? An invalid byte is a cluster of its own. */
static int text_break(uint32_t a, uint32_t b)
{
	if (a == TEXT_BAD || b == TEXT_BAD)
		return 1;
	return uc_is_grapheme_break(a, b);
}

/* The same walk as libunistring's u8_grapheme_next()/u8_grapheme_prev() (pairwise rules in 1.0),
 * made exact for invalid bytes so widths and boundaries agree byte for byte. */
size_t text_next_grapheme(const char *s, size_t len, size_t off)
{
	uint32_t prev, next;

	if (off >= len)
		return len;
	off += text_decode(s, len, off, &prev);
	while (off < len) {
		size_t n = text_decode(s, len, off, &next);
		if (text_break(prev, next))
			break;
		off += n;
		prev = next;
	}
	return off;
}

size_t text_prev_grapheme(const char *s, size_t len, size_t off)
{
	uint32_t prev, next;

	if (off > len)
		off = len;
	if (off == 0)
		return 0;
	off -= text_decode_back(s, off, &next);
	while (off > 0) {
		size_t n = text_decode_back(s, off, &prev);
		if (text_break(prev, next))
			break;
		off -= n;
		next = prev;
	}
	return off;
}

size_t text_fit(const char *s, int cols, int *used)
{
	size_t len = s ? strlen(s) : 0, off = 0;
	int w = 0;

	while (off < len) {
		size_t end = text_next_grapheme(s, len, off);
		int cw = text_width_n(s + off, end - off);
		if (w + cw > cols)
			break;
		w += cw;
		off = end;
	}
	if (used)
		*used = w;
	return off;
}

/* Append s[0..n) as it is drawn: invalid bytes and unprintable code points become '?', controls
 * are dropped, so the result is valid UTF-8 exactly text_width_n(s, n) columns wide. */
static void text_add_drawable(struct jy_buf *b, const char *s, size_t n)
{
	size_t off = 0;

	while (off < n) {
		uint32_t cp;
		size_t k = text_decode(s, n, off, &cp);
		if (cp == TEXT_BAD || (!text_is_control(cp) && wcwidth((wchar_t)cp) < 0))
			buf_add(b, "?", 1);
		else if (!text_is_control(cp))
			buf_add(b, s + off, k);
		off += k;
	}
}

static void text_add_spaces(struct jy_buf *b, int n)
{
	while (n-- > 0)
		buf_add(b, " ", 1);
}

/* Cut with an ASCII "..." (U+2026 is East Asian Ambiguous: 1 column here, 2 on a CJK-wide
 * terminal). In a narrow column the dots shrink to ".." or "." so that at least one
 * character still shows: 张晓红 in 4 columns is "张..", not "... ". When not even one character
 * fits, the column holds only dots. */
char *text_fit_pad(const char *s, int cols)
{
	struct jy_buf b = { 0 };
	size_t len = s ? strlen(s) : 0, n = 0;
	int used = 0, dots;

	buf_adds(&b, "");
	if (cols <= 0)
		return buf_steal(&b);
	if (text_width_n(s, len) <= cols) {
		text_add_drawable(&b, s, len);
		text_add_spaces(&b, cols - text_width_n(s, len));
		return buf_steal(&b);
	}
	for (dots = cols < 3 ? cols : 3; dots >= 1; dots--) {
		n = text_fit(s, cols - dots, &used);
		if (n > 0)
			break;
	}
	if (n == 0) {
		dots = cols < 3 ? cols : 3;
		used = 0;
	}
	text_add_drawable(&b, s, n);
	buf_add(&b, "...", (size_t)dots);
	text_add_spaces(&b, cols - used - dots);
	return buf_steal(&b);
}

int text_valid_utf8(const char *s, size_t n)
{
	return s && u8_check((const uint8_t *)s, n) == NULL;
}

/* White space for trimming and blank tests: Unicode White_Space, which includes the ideographic
 * space U+3000 that Chinese IMEs type in full-width mode and the NBSP that web pages and Excel
 * copies carry. */
static int text_is_space(uint32_t cp)
{
	return cp != TEXT_BAD && uc_is_property_white_space(cp);
}

/* Invisible characters that only ever arrive by copy and paste (web pages, WeChat, a BOM in the
 * middle of joined CSV files) and would make 张三 and 张<ZWSP>三 two different people. ZWJ and ZWNJ
 * are kept: they change how emoji and some scripts are drawn. */
static int text_is_invisible(uint32_t cp)
{
	return cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
}

/* A separator that becomes one space when stored: tab, line and paragraph breaks (a spreadsheet
 * cell with Alt+Enter in it). */
static int text_is_separator(uint32_t cp)
{
	return (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

/* Step one of text_clean: valid UTF-8, no controls, no invisible characters; a run of separators
 * becomes one space. */
static void text_add_clean(struct jy_buf *b, const char *s, size_t n)
{
	size_t off = 0;
	int in_sep = 0;

	while (off < n) {
		uint32_t cp;
		size_t k = text_decode(s, n, off, &cp);
		if (cp == TEXT_BAD) {
			buf_add(b, "\xEF\xBF\xBD", 3);      /* U+FFFD: kept visible, never dropped */
		} else if (text_is_separator(cp)) {
			if (!in_sep)
				buf_add(b, " ", 1);
			in_sep = 1;
			off += k;
			continue;
		} else if (!text_is_control(cp) && !text_is_invisible(cp)) {
			buf_add(b, s + off, k);
		}
		in_sep = 0;
		off += k;
	}
}

char *text_clean(const char *s)
{
	struct jy_buf b = { 0 };
	uint8_t *nfc;
	size_t n = 0, start = 0, end;
	char *out;

	if (!s)
		return NULL;
	text_add_clean(&b, s, strlen(s));
	if (b.len == 0) {
		buf_free(&b);
		return xstrdup("");
	}
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)b.s, b.len, NULL, &n);
	buf_free(&b);
	if (!nfc) {             /* only on ENOMEM: the input is valid UTF-8 by now */
		nfc = (uint8_t *)xstrdup("");
		n = 0;
	}
	end = n;
	while (start < end) {
		uint32_t cp;
		size_t k = text_decode((const char *)nfc, end, start, &cp);
		if (!text_is_space(cp))
			break;
		start += k;
	}
	while (end > start) {
		uint32_t cp;
		size_t k = text_decode_back((const char *)nfc, end, &cp);
		if (!text_is_space(cp))
			break;
		end -= k;
	}
	out = xstrndup((const char *)nfc + start, end - start);
	free(nfc);
	return out;
}

size_t text_chars(const char *s)
{
	size_t len = s ? strlen(s) : 0, off = 0, n = 0;

	while (off < len) {
		uint32_t cp;
		off += text_decode(s, len, off, &cp);
		n++;
	}
	return n;
}

int text_is_blank(const char *s)
{
	size_t len = s ? strlen(s) : 0, off = 0;

	while (off < len) {
		uint32_t cp;
		off += text_decode(s, len, off, &cp);
		if (!text_is_space(cp))
			return 0;
	}
	return 1;
}

/* libunistring returns malloc'd, unterminated results; core hands out NUL-terminated xmalloc'd
 * strings. */
static char *text_terminate(uint8_t *r, size_t n, size_t *outlen)
{
	char *out = xmalloc(n + 1);

	if (n)
		memcpy(out, r, n);
	out[n] = '\0';
	free(r);
	if (outlen)
		*outlen = n;
	return out;
}

/* iconveh_error: a byte sequence that is not valid in enc fails the whole conversion instead of
 * turning into '?', so an import can tell the worker the file is not in the encoding it guessed.
 * libunistring 1.0 silently drops an incomplete character at the very end of the input (a file
 * cut short), so the input gets an ASCII newline appended: glued to a half character it is
 * invalid, and it must come back as the last byte of the result. enc must be ASCII-compatible
 * (GB18030, GBK, UTF-8), which are the only encodings jiuye reads. */
char *text_to_utf8(const char *enc, const char *s, size_t n, size_t *outlen)
{
	size_t len = 0;
	uint8_t *r;
	char *in;

	if (outlen)
		*outlen = 0;
	if (!enc || !s)
		return NULL;
	in = xmalloc(n + 1);
	memcpy(in, s, n);
	in[n] = '\n';
	r = u8_conv_from_encoding(enc, iconveh_error, in, n + 1, NULL, NULL, &len);
	free(in);
	if (!r)
		return NULL;
	if (len == 0 || r[len - 1] != '\n') {
		free(r);
		return NULL;
	}
	return text_terminate(r, len - 1, outlen);
}

char *text_from_utf8(const char *enc, const char *s, size_t *outlen)
{
	size_t len = 0, n = s ? strlen(s) : 0;
	char *r;

	if (outlen)
		*outlen = 0;
	if (!enc || !text_valid_utf8(s, n))
		return NULL;
	if (n == 0)
		return text_terminate(NULL, 0, outlen);
	r = u8_conv_to_encoding(enc, iconveh_error, (const uint8_t *)s, n, NULL, NULL, &len);
	if (!r)
		return NULL;
	return text_terminate((uint8_t *)r, len, outlen);
}
