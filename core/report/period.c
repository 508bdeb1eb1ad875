/* core/report/period.c: the periods a report covers. A period is two dates, both inclusive. Workers
 * report by calendar month, by the 人社 statistical month (the 21st of the month before to the
 * 20th: 人社统EP1-10号表), by quarter, half-year and year, and over any from-to ("1-10月", "2014年以来"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "store/sql.h"

static void ymd(char out[11], int y, int m, int d)
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

static int month_days(int y, int m)
{
	static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && date_valid(y, 2, 29) ? 29 : md[m - 1];
}

/* Months m1..m2 of year y (m2 may be m1). */
static void period_months(struct period *p, int kind, int y, int m1, int m2)
{
	p->kind = kind;
	ymd(p->from, y, m1, 1);
	ymd(p->to, y, m2, month_days(y, m2));
}

static void period_set(struct period *p, int kind, int y, int n)
{
	memset(p, 0, sizeof *p);
	switch (kind) {
	case PERIOD_MONTH:
		period_months(p, kind, y, n, n);
		snprintf(p->label, sizeof p->label, "%d年%d月", y, n);
		break;
	case PERIOD_STAT_MONTH: {
		/* statistical month n of year y: 21 of the month before .. 20 of month n */
		int py = n == 1 ? y - 1 : y, pm = n == 1 ? 12 : n - 1;
		p->kind = kind;
		ymd(p->from, py, pm, 21);
		ymd(p->to, y, n, 20);
		snprintf(p->label, sizeof p->label, "%d年%d月(人社统计月)", y, n);
		break;
	}
	case PERIOD_QUARTER:
		period_months(p, kind, y, n * 3 - 2, n * 3);
		snprintf(p->label, sizeof p->label, "%d年第%d季度", y, n);
		break;
	case PERIOD_HALF:
		period_months(p, kind, y, n == 1 ? 1 : 7, n == 1 ? 6 : 12);
		snprintf(p->label, sizeof p->label, "%d年%s半年", y, n == 1 ? "上" : "下");
		break;
	default:
		period_months(p, PERIOD_YEAR, y, 1, 12);
		snprintf(p->label, sizeof p->label, "%d年", y);
		break;
	}
}

static void range_label(struct period *p)
{
	p->kind = PERIOD_RANGE;
	snprintf(p->label, sizeof p->label, "%s至%s", p->from, p->to);
}

int period_of(int kind, const char *date, struct period *out, struct jy_err *err)
{
	int y, m, d;
	memset(out, 0, sizeof *out);
	if (!date || !date_split(date, &y, &m, &d))
		return err_set(err, JY_EINVAL, "统计期间", _("\"%s\" is not a date; use YYYY-MM-DD"),
		               date ? date : "");
	switch (kind) {
	case PERIOD_MONTH:
		period_set(out, kind, y, m);
		break;
	case PERIOD_STAT_MONTH:
		/* from the 21st on, a day belongs to the next month's statistical month */
		if (d >= 21 && ++m > 12) {
			m = 1;
			y++;
		}
		period_set(out, kind, y, m);
		break;
	case PERIOD_QUARTER:
		period_set(out, kind, y, (m + 2) / 3);
		break;
	case PERIOD_HALF:
		period_set(out, kind, y, m <= 6 ? 1 : 2);
		break;
	case PERIOD_YEAR:
		period_set(out, kind, y, 0);
		break;
	case PERIOD_RANGE:
		snprintf(out->from, sizeof out->from, "%s", date);
		snprintf(out->to, sizeof out->to, "%s", date);
		range_label(out);
		break;
	default:
		return err_set(err, JY_EINVAL, "统计期间", _("unknown kind of period %d"), kind);
	}
	return JY_OK;
}

int period_range(const char *from, const char *to, struct period *out, struct jy_err *err)
{
	memset(out, 0, sizeof *out);
	if (date_parse(from ? from : "", out->from, err) != JY_OK) {
		if (err)
			snprintf(err->field, sizeof err->field, "%s", "起始日期");
		return JY_EINVAL;
	}
	if (date_parse(to ? to : "", out->to, err) != JY_OK) {
		if (err)
			snprintf(err->field, sizeof err->field, "%s", "截止日期");
		return JY_EINVAL;
	}
	if (strcmp(out->from, out->to) > 0) {
		int rc = err_set(err, JY_EINVAL, "截止日期", _("the period ends (%s) before it starts (%s)"),
		                 out->to, out->from);
		memset(out, 0, sizeof *out);
		return rc;
	}
	range_label(out);
	return JY_OK;
}

/* ---- what a worker types ------------------------------------------------------------------ */

/* Skip ASCII digits at *s: their value, or -1 when there are none (or too many). */
static int digits(const char **s, int *count)
{
	int v = 0, n = 0;
	while (**s >= '0' && **s <= '9' && n < 9) {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	*count = n;
	return n ? v : -1;
}

static int skip(const char **s, const char *word)
{
	size_t n = strlen(word);
	if (strncmp(*s, word, n) != 0)
		return 0;
	*s += n;
	return 1;
}

/* 一 二 三 四 as a quarter number. */
static int cn_digit(const char **s)
{
	static const char *const cn[] = { "一", "二", "三", "四" };
	for (int i = 0; i < 4; i++)
		if (skip(s, cn[i]))
			return i + 1;
	return -1;
}

/* After the year: what kind and which part. 0 when s is not one of the accepted forms. */
static int parse_after_year(const char *s, int y, struct period *out)
{
	int n, cnt;
	int year_mark = skip(&s, "年");
	if (!*s) {
		period_set(out, PERIOD_YEAR, y, 0);
		return 1;
	}
	if (skip(&s, "上半年") || skip(&s, "h1")) {
		if (*s)
			return 0;
		period_set(out, PERIOD_HALF, y, 1);
		return 1;
	}
	if (skip(&s, "下半年") || skip(&s, "h2")) {
		if (*s)
			return 0;
		period_set(out, PERIOD_HALF, y, 2);
		return 1;
	}
	if (!year_mark)
		skip(&s, "-");
	if (skip(&s, "q")) {
		n = digits(&s, &cnt);
		if (cnt != 1 || n < 1 || n > 4 || *s)
			return 0;
		period_set(out, PERIOD_QUARTER, y, n);
		return 1;
	}
	if (year_mark) {
		/* 2026年第3季度, 2026年3季度, 2026年第三季度 */
		const char *t = s;
		int first = skip(&s, "第");
		n = digits(&s, &cnt);
		if (n < 0)
			n = cn_digit(&s);
		if (n >= 1 && n <= 4 && skip(&s, "季度")) {
			if (*s)
				return 0;
			period_set(out, PERIOD_QUARTER, y, n);
			return 1;
		}
		if (first)
			return 0;
		s = t;
	} else if (!skip(&s, "/")) {
		skip(&s, ".");
	}
	n = digits(&s, &cnt);
	if (cnt < 1 || cnt > 2 || n < 1 || n > 12)
		return 0;
	if (year_mark && !skip(&s, "月"))
		return 0;
	int kind = PERIOD_MONTH;
	if (skip(&s, "(人社统计月)") || skip(&s, "人社统计月") || skip(&s, "人社") || skip(&s, "s"))
		kind = PERIOD_STAT_MONTH;
	if (*s)
		return 0;
	period_set(out, kind, y, n);
	return 1;
}

/* A from-to written in one line: 2026-03-05至2026-04-04, 2026-03-05..2026-04-04, ~ also. */
static int parse_range(const char *s, struct period *out, struct jy_err *err)
{
	static const char *const seps[] = { "至", "..", "~" };
	for (size_t i = 0; i < ARRAY_LEN(seps); i++) {
		const char *m = strstr(s, seps[i]);
		if (!m)
			continue;
		char *a = xstrndup(s, (size_t)(m - s));
		int rc = period_range(a, m + strlen(seps[i]), out, err);
		free(a);
		return rc;
	}
	return -1;
}

int period_parse(const char *text, struct period *out, struct jy_err *err)
{
	memset(out, 0, sizeof *out);
	/* full-width digits and letters to ASCII, Q/H/S to lower case, spaces out */
	char *f = hanzi_fold(text ? text : "");
	char *s = f, *w = f;
	for (; *s; s++)
		if (*s != ' ')
			*w++ = *s;
	*w = '\0';
	int rc = parse_range(f, out, err);
	if (rc >= 0) {
		free(f);
		return rc;
	}
	const char *p = f;
	int cnt, y = digits(&p, &cnt);
	int ok = 0;
	if (cnt == 6 && !*p) {
		/* 202611 */
		int yy = y / 100, mm = y % 100;
		if (yy >= 1900 && yy <= 2100 && mm >= 1 && mm <= 12) {
			period_set(out, PERIOD_MONTH, yy, mm);
			ok = 1;
		}
	} else if (cnt == 6 && (!strcmp(p, "s") || !strcmp(p, "人社"))) {
		int yy = y / 100, mm = y % 100;
		if (yy >= 1900 && yy <= 2100 && mm >= 1 && mm <= 12) {
			period_set(out, PERIOD_STAT_MONTH, yy, mm);
			ok = 1;
		}
	} else if (cnt == 4 && y >= 1900 && y <= 2100) {
		ok = parse_after_year(p, y, out);
	}
	free(f);
	if (ok)
		return JY_OK;
	memset(out, 0, sizeof *out);
	return err_set(err, JY_EINVAL, "统计期间",
	               _("\"%s\" is not a period; accepted: 2026-11 or 2026年11月 (month), 2026-11人社 "
	                 "(statistical month, 21st to 20th), 2026Q3 or 2026年第3季度, 2026H1 or "
	                 "2026上半年, 2026 (year), 2026-03-05至2026-04-04"), text ? text : "");
}

void period_prev(const struct period *p, struct period *out)
{
	int y, m, d;
	date_split(p->from, &y, &m, &d);
	switch (p->kind) {
	case PERIOD_MONTH:
		period_set(out, PERIOD_MONTH, m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1);
		return;
	case PERIOD_STAT_MONTH: {
		/* from is the 21st of the month before the statistical month: that month is the previous */
		period_set(out, PERIOD_STAT_MONTH, y, m);
		return;
	}
	case PERIOD_QUARTER: {
		int q = (m + 2) / 3;
		period_set(out, PERIOD_QUARTER, q == 1 ? y - 1 : y, q == 1 ? 4 : q - 1);
		return;
	}
	case PERIOD_HALF:
		period_set(out, PERIOD_HALF, m <= 6 ? y - 1 : y, m <= 6 ? 2 : 1);
		return;
	case PERIOD_YEAR:
		period_set(out, PERIOD_YEAR, y - 1, 0);
		return;
	default: {
		int ty, tm, td;
		date_split(p->to, &ty, &tm, &td);
		int64_t a = date_days(y, m, d), b = date_days(ty, tm, td), n = b - a + 1;
		memset(out, 0, sizeof *out);
		date_from_days(a - n, &y, &m, &d);
		ymd(out->from, y, m, d);
		date_from_days(a - 1, &y, &m, &d);
		ymd(out->to, y, m, d);
		range_label(out);
		return;
	}
	}
}
