/* core/enterprise/money.c: sums of money as whole fen. Loans and subsidies are added, compared
 * and reported to the fen: a double would turn 0.1 + 0.2 元 into 0.30000000000000004, so no
 * floating point is used anywhere on the way from what a worker types to what a report prints.
 * What workers write: 30000, 30,000.50, 3万, 3.5万元, ￥1200, full-width digits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enterprise/enterprise.h"

/* 10亿元 in fen: more than any loan or fund of a community office, and far from overflow. */
#define MONEY_MAX 100000000000LL

/* The text with full-width digits and signs made ASCII and spaces dropped; a currency sign in
 * front and 元, 万 / 万元, % at the end noted in *wan / *pct and taken off. Caller frees. */
static char *money_ascii(const char *in, int *wan, int *pct)
{
	struct jy_buf b = { 0 };
	buf_adds(&b, "");
	for (const unsigned char *p = (const unsigned char *)in; *p;) {
		if (*p == ' ' || *p == '\t') {
			p++;
		} else if (p[0] == 0xef && p[1] == 0xbc && p[2] >= 0x90 && p[2] <= 0x99) {
			char d = (char)('0' + (p[2] - 0x90));      /* ０-９ U+FF10-FF19 */
			buf_add(&b, &d, 1);
			p += 3;
		} else if (strncmp((const char *)p, "\xef\xbc\x8e", 3) == 0) {  /* ． */
			buf_adds(&b, ".");
			p += 3;
		} else if (strncmp((const char *)p, "\xef\xbc\x8c", 3) == 0) {  /* ， */
			buf_adds(&b, ",");
			p += 3;
		} else if (strncmp((const char *)p, "\xe3\x80\x80", 3) == 0) {  /* ideographic space */
			p += 3;
		} else {
			buf_add(&b, (const char *)p, 1);
			p++;
		}
	}
	char *s = buf_steal(&b);
	static const char *const front[] = { "￥", "¥", "RMB", "人民币", "年利率", "利率" };
	for (size_t i = 0; i < ARRAY_LEN(front); i++) {
		size_t n = strlen(front[i]);
		if (strncmp(s, front[i], n) == 0)
			memmove(s, s + n, strlen(s) - n + 1);
	}
	size_t n = strlen(s);
	*wan = *pct = 0;
	if (n >= 3 && strcmp(s + n - 3, "元") == 0)
		s[n -= 3] = '\0';
	if (n >= 3 && strcmp(s + n - 3, "万") == 0) {
		s[n -= 3] = '\0';
		*wan = 1;
	}
	if (n >= 1 && s[n - 1] == '%') {
		s[--n] = '\0';
		*pct = 1;
	} else if (n >= 3 && strcmp(s + n - 3, "％") == 0) {
		s[n -= 3] = '\0';
		*pct = 1;
	}
	return s;
}

/* Digits with thousands commas (each group of three after the first, none after the point) and at
 * most maxdec decimals into whole * 10^maxdec + fraction, at most limit (in those units). 0 when
 * s is not such a number. */
static int decimal_scaled(const char *s, int maxdec, int64_t limit, int64_t *out)
{
	int64_t whole = 0;
	int digits = 0, group = -1, ndec = 0;
	const char *p = s;
	for (; *p && *p != '.'; p++) {
		if (*p == ',') {
			if (digits == 0 || (group >= 0 && group != 3) || (group < 0 && digits > 3))
				return 0;
			group = 0;
			continue;
		}
		if (*p < '0' || *p > '9')
			return 0;
		if (whole > limit)
			return 0;
		whole = whole * 10 + (*p - '0');
		digits++;
		if (group >= 0)
			group++;
	}
	if (digits == 0 || (group >= 0 && group != 3))
		return 0;
	int64_t frac = 0;
	if (*p == '.') {
		for (p++; *p; p++) {
			if (*p < '0' || *p > '9' || ++ndec > maxdec)
				return 0;
			frac = frac * 10 + (*p - '0');
		}
		if (ndec == 0)
			return 0;
	}
	for (; ndec < maxdec; ndec++)
		frac *= 10;
	int64_t scale = 1;
	for (int i = 0; i < maxdec; i++)
		scale *= 10;
	if (whole > limit / scale)
		return 0;
	*out = whole * scale + frac;
	return 1;
}

int money_parse(const char *in, int64_t *fen, const char *field, struct jy_err *err)
{
	*fen = 0;
	if (text_is_blank(in))
		return err_set(err, JY_EINVAL, field, _("a sum in yuan is needed, e.g. 30000, 3万 or "
		               "30,000.50"));
	int wan, pct;
	char *s = money_ascii(in, &wan, &pct);
	int64_t v = 0;
	int ok = !pct && s[0] != '-' && decimal_scaled(s, wan ? 6 : 2, MONEY_MAX, &v) &&
	         v <= MONEY_MAX;
	free(s);
	if (!ok)
		return err_set(err, JY_EINVAL, field, _("\"%s\" is not a sum of money: write yuan as "
		               "30000, 30,000.50 or 3万 (at most two decimals of a yuan, up to 10亿)"),
		               in);
	*fen = v;
	return JY_OK;
}

void money_yuan(int64_t fen, char out[32])
{
	int neg = fen < 0;
	uint64_t u = neg ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	snprintf(out, 32, "%s%llu.%02llu", neg ? "-" : "", (unsigned long long)(u / 100),
	         (unsigned long long)(u % 100));
}

void money_wan(int64_t fen, char out[32])
{
	int neg = fen < 0;
	uint64_t u = neg ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	char frac[8];
	snprintf(frac, sizeof frac, "%06llu", (unsigned long long)(u % 1000000));
	for (int i = 5; i >= 0 && frac[i] == '0'; i--)
		frac[i] = '\0';
	snprintf(out, 32, "%s%llu%s%s", neg ? "-" : "", (unsigned long long)(u / 1000000),
	         frac[0] ? "." : "", frac);
}

int rate_parse(const char *in, int *bp, const char *field, struct jy_err *err)
{
	*bp = 0;
	int wan, pct;
	char *s = text_is_blank(in) ? NULL : money_ascii(in, &wan, &pct);
	int64_t v = 0;
	int ok = s && !wan && decimal_scaled(s, 2, 10000, &v) && v < 10000;
	free(s);
	if (!ok)
		return err_set(err, JY_EINVAL, field, _("\"%s\" is not an annual rate: write it in "
		               "percent, e.g. 4.35 or 4.35%% (at most two decimals, below 100)"),
		               in ? in : "");
	*bp = (int)v;
	return JY_OK;
}

void rate_text(int bp, char out[16])
{
	snprintf(out, 16, "%d.%02d%%", bp / 100, bp % 100);
}
