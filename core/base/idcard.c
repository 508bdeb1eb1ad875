/* core/base/idcard.c: 居民身份证号 (GB 11643-1999) and 统一社会信用代码 (GB 32100-2015).
 *
 * Both are 18 characters with a check character, and both arrive mangled in the same few ways:
 * typed with full-width digits from a Chinese input method, with a lowercase x, with spaces copied
 * from a form, or turned into a number by Excel (3.20102E+17). Each way gets its own message, so a
 * worker knows what to fix. */
#include <stdio.h>
#include <string.h>
#include <unistr.h>

#include "base/base.h"

/* What one pass over the input found. The canonical ASCII text is in s; the first character that
 * cannot be in the code at all is kept as typed (UTF-8) with its position, for the message. */
struct code_text {
	char s[40];
	int nchars;             /* characters after dropping spaces (s may hold fewer when long) */
	char bad[8];            /* first character outside [0-9A-Z.+] as typed, "" if none */
	int bad_pos;            /* its position, from 1 */
};

static int code_space(ucs4_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x00A0 || cp == 0x3000;
}

/* Spaces dropped, full-width forms (U+FF01..U+FF5E) folded to ASCII, lowercase letters to
 * uppercase. Returns -1 on invalid UTF-8. */
static int code_fold(const char *in, struct code_text *t)
{
	const uint8_t *s = (const uint8_t *)in, *end = s + strlen(in);
	size_t n = 0;

	memset(t, 0, sizeof *t);
	while (s < end) {
		ucs4_t cp;
		int k = u8_mbtoucr(&cp, s, (size_t)(end - s));
		if (k < 0)
			return -1;
		if (!code_space(cp)) {
			if (cp >= 0xFF01 && cp <= 0xFF5E)
				cp -= 0xFEE0;
			if (cp >= 'a' && cp <= 'z')
				cp -= 'a' - 'A';
			t->nchars++;
			int ok = (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || cp == '.' || cp == '+';
			if (!ok && !t->bad[0]) {
				memcpy(t->bad, s, (size_t)k);
				t->bad_pos = t->nchars;
			}
			if (n + 1 < sizeof t->s)
				t->s[n++] = ok ? (char)cp : '?';
		}
		s += k;
	}
	t->s[n] = '\0';
	return 0;
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Excel shows a long number in scientific form (3.20102E+17) and keeps only 15 significant
 * digits; some exports add a decimal part (320102198001011234.0). */
static int id_excel_form(const char *s)
{
	size_t n = strspn(s, "0123456789");
	if (n == 0)
		return 0;
	const char *p = s + n;
	if (*p == '.') {
		size_t frac = strspn(p + 1, "0123456789");
		if (p[1 + frac] == '\0')
			return n >= 15 && frac > 0 && strspn(p + 1, "0") == frac;
		p += 1 + frac;
	}
	if (*p != 'E')
		return 0;
	p++;
	if (*p == '+')
		p++;
	return *p && strspn(p, "0123456789") == strlen(p);
}

/* ---- 居民身份证号 ------------------------------------------------------------------------------ */

/* ISO 7064 MOD 11-2, as GB 11643-1999 §6 gives it: weights 2^(i) mod 11 from the right. */
char idcard_check_char(const char *first17)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	int sum = 0;

	if (!first17)
		return 0;
	for (int i = 0; i < 17; i++) {
		if (first17[i] < '0' || first17[i] > '9')
			return 0;
		sum += (first17[i] - '0') * w[i];
	}
	return check[sum % 11];
}

/* The provinces of GB/T 2260, and 83 for the 台湾居民居住证 (Hong Kong and Macao residence
 * permits use 81 and 82), which follow GB 11643 since 2018. */
static int id_province(const char *s)
{
	static const char *const codes[] = {
		"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
		"37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
		"63", "64", "65", "71", "81", "82", "83",
	};
	for (size_t i = 0; i < ARRAY_LEN(codes); i++)
		if (s[0] == codes[i][0] && s[1] == codes[i][1])
			return 1;
	return 0;
}

#define ID_FIELD "身份证号"

/* Character i of t as the worker typed it, for a message. */
static const char *code_char_at(const struct code_text *t, size_t i, char buf[8])
{
	if (t->s[i] == '?')
		return t->bad;
	buf[0] = t->s[i];
	buf[1] = '\0';
	return buf;
}

/* Everything about the characters themselves: what they are and how many. */
static int id_check_shape(const struct code_text *t, struct jy_err *err)
{
	const char *s = t->s;
	char c[8];

	if (t->nchars == 0)
		return err_set(err, JY_EINVAL, ID_FIELD,
		               _("the ID number is empty: enter the 18 characters on the identity card"));
	if (id_excel_form(s))
		return err_set(err, JY_EINVAL, ID_FIELD,
		               _("Excel turned the ID number into a number (%s) and lost digits: format "
		                 "the column as text and export the file again"), s);
	size_t i = strspn(s, "0123456789X");
	if (s[i])
		return err_set(err, JY_EINVAL, ID_FIELD,
		               _("\"%s\" (character %d) cannot be in an ID number: use 17 digits and "
		                 "a last digit or X"), code_char_at(t, i, c), (int)i + 1);
	i = strcspn(s, "X");
	if (t->nchars == 15 && !s[i])
		return err_set(err, JY_EINVAL, ID_FIELD,
		               _("this is an old 15-digit ID number: it must be converted to the 18-digit "
		                 "number of the current identity card"));
	if (t->nchars != 18)
		return err_set(err, JY_EINVAL, ID_FIELD,
		               dngettext("jiuye", "%d character given: an ID number has 18",
		                         "%d characters given: an ID number has 18", (unsigned long)t->nchars),
		               t->nchars);
	if (i < 17)
		return err_set(err, JY_EINVAL, ID_FIELD,
		               _("X can only be the 18th (last) character of an ID number"));
	return JY_OK;
}

/* Digits 7-14: a real date, not before 1900 and not after today (GB 11643 §5.2). */
static int id_check_birth(const char *s, char birth[11], struct jy_err *err)
{
	char today[11];
	int y = 0, m = 0, d = 0;

	y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
	m = (s[10] - '0') * 10 + (s[11] - '0');
	d = (s[12] - '0') * 10 + (s[13] - '0');
	if (!date_valid(y, m, d))
		return err_set(err, JY_EINVAL, ID_FIELD,
		               _("digits 7-14 (%.8s) are not a real birth date: check the ID number"), s + 6);
	snprintf(birth, 11, "%.4s-%.2s-%.2s", s + 6, s + 10, s + 12);
	if (y < 1900)
		return err_set(err, JY_EINVAL, ID_FIELD,
		               _("the birth date in the ID number (%s) is before 1900: check the ID number"),
		               birth);
	date_today(today);
	if (strcmp(birth, today) > 0)
		return err_set(err, JY_EINVAL, ID_FIELD,
		               _("the birth date in the ID number (%s) is in the future: check the ID number"),
		               birth);
	return JY_OK;
}

int idcard_parse(const char *in, char out[19], char birth[11], char *sex, struct jy_err *err)
{
	struct code_text t;
	char b[11];
	int rc;

	out[0] = '\0';
	if (!in)
		in = "";
	if (code_fold(in, &t) < 0)
		return err_set(err, JY_EINVAL, ID_FIELD,
		               _("the ID number contains bytes that are not text: type it again"));
	if ((rc = id_check_shape(&t, err)) != JY_OK)
		return rc;
	if (!id_province(t.s))
		return err_set(err, JY_EINVAL, ID_FIELD,
		               _("%.2s is not a province code (the first two digits): check the ID number"),
		               t.s);
	if ((rc = id_check_birth(t.s, b, err)) != JY_OK)
		return rc;
	char want = idcard_check_char(t.s);
	if (t.s[17] != want) {
		/* Excel keeps 15 significant digits: a number that went through it ends in 000. */
		if (memcmp(t.s + 15, "000", 3) == 0)
			return err_set(err, JY_EINVAL, ID_FIELD,
			               _("the ID number ends in 000 and its check character should be %c: "
			                 "Excel may have rounded it; format the column as text and export "
			                 "the file again"), want);
		return err_set(err, JY_EINVAL, ID_FIELD,
		               _("check character should be %c, not %c: a digit is mistyped or two are "
		                 "swapped"), want, t.s[17]);
	}
	memcpy(out, t.s, 19);
	if (birth)
		memcpy(birth, b, 11);
	if (sex)
		*sex = (t.s[16] - '0') % 2 ? 'M' : 'F';
	return JY_OK;
}

/* For demo data, tests and the benchmark: never for a real person. */
void idcard_make(const char *region6, const char *birth_iso, int seq3, char sex, char out[19])
{
	int y, m, d;

	out[0] = '\0';
	if (!region6 || strlen(region6) != 6 || !all_digits(region6, 6)
	    || !date_split(birth_iso, &y, &m, &d))
		return;
	int seq = (seq3 % 1000 + 1000) % 1000;
	seq = (seq & ~1) | (sex == 'M');        /* the 17th digit: odd for men, even for women */
	snprintf(out, 19, "%.6s%.4s%.2s%.2s%03u", region6, birth_iso, birth_iso + 5, birth_iso + 8,
	         (unsigned)seq % 1000u);
	out[17] = idcard_check_char(out);
	out[18] = '\0';
}

/* ---- 统一社会信用代码 ------------------------------------------------------------------------- */

/* GB 32100-2015 §4: the 31 characters in use (no I, O, S, V, Z: they look like 1, 0, 5, U, 2) and
 * the weights 3^(i) mod 31 of the check character. */
static const char credit_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int credit_value(char c)
{
	const char *p = c ? strchr(credit_alphabet, c) : NULL;
	return p ? (int)(p - credit_alphabet) : -1;
}

static char credit_check_char(const char *first17)
{
	static const int w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += credit_value(first17[i]) * w[i];
	return credit_alphabet[(31 - sum % 31) % 31];
}

#define CREDIT_FIELD "统一社会信用代码"

int credit_code_parse(const char *in, char out[19], struct jy_err *err)
{
	struct code_text t;

	out[0] = '\0';
	if (!in)
		in = "";
	if (code_fold(in, &t) < 0)
		return err_set(err, JY_EINVAL, CREDIT_FIELD,
		               _("the credit code contains bytes that are not text: type it again"));
	if (t.nchars == 0)
		return err_set(err, JY_EINVAL, CREDIT_FIELD,
		               _("the credit code is empty: enter the 18 characters on the business licence"));
	if (t.nchars != 18)
		return err_set(err, JY_EINVAL, CREDIT_FIELD,
		               dngettext("jiuye", "%d character given: a unified social credit code has 18",
		                         "%d characters given: a unified social credit code has 18",
		                         (unsigned long)t.nchars), t.nchars);
	for (size_t i = 0; i < 18; i++) {
		char c[8];
		if (credit_value(t.s[i]) >= 0)
			continue;
		if (strchr("IOSVZ", t.s[i]))
			return err_set(err, JY_EINVAL, CREDIT_FIELD,
			               _("the letter %c (character %d) is never used in a credit code (no I, "
			                 "O, S, V or Z): check the code"), t.s[i], (int)i + 1);
		return err_set(err, JY_EINVAL, CREDIT_FIELD,
		               _("\"%s\" (character %d) cannot be in a credit code: use digits and capital "
		                 "letters"), code_char_at(&t, i, c), (int)i + 1);
	}
	char want = credit_check_char(t.s);
	if (t.s[17] != want)
		return err_set(err, JY_EINVAL, CREDIT_FIELD,
		               _("check character should be %c, not %c: a character is mistyped or two "
		                 "are swapped"), want, t.s[17]);
	memcpy(out, t.s, 19);
	return JY_OK;
}
