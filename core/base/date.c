/* core/base/date.c: calendar dates as "YYYY-MM-DD" text and as day numbers.
 *
 * Workers type dates the way they write them on paper or see them in Excel: 20250301, 2025-03-01,
 * 2025/3/1, 2025.3.1, 2025年3月1日, often with full-width digits from a Chinese input method.
 * Everything is stored in one canonical form, "YYYY-MM-DD", which sorts and compares as text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>

#include "base/base.h"

/* The years a registry date may have: nobody alive was born before 1900, and a year past 2100 is
 * always a typing error (20250301 typed as 2205-03-01). */
enum { DATE_YEAR_MIN = 1900, DATE_YEAR_MAX = 2100 };

static int date_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int date_month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && date_leap(y) ? 29 : days[m - 1];
}

/* Calendar validity only (proleptic Gregorian, years 1..9999); date_parse adds the registry's
 * year range. */
int date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= date_month_days(y, m);
}

/* Howard Hinnant's days_from_civil: exact for the whole proleptic Gregorian calendar. */
int64_t date_days(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_from_days(int64_t days, int *y, int *m, int *d)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = mm;
	*y = (int)(yoe + era * 400 + (mm <= 2));
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int date_split(const char *iso, int *y, int *m, int *d)
{
	if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return 0;
	int yy = digits(iso, 4), mm = digits(iso + 5, 2), dd = digits(iso + 8, 2);
	if (yy < 0 || mm < 0 || dd < 0 || !date_valid(yy, mm, dd))
		return 0;
	*y = yy;
	*m = mm;
	*d = dd;
	return 1;
}

/* Whole years completed on asof: one year older on the birthday itself. Someone born on
 * 29 February turns a year older on 1 March in common years. */
int date_age(const char *birth, const char *asof)
{
	int by, bm, bd, ay, am, ad;
	if (!date_split(birth, &by, &bm, &bd) || !date_split(asof, &ay, &am, &ad))
		return -1;
	int age = ay - by;
	if (am < bm || (am == bm && ad < bd))
		age--;
	return age < 0 ? -1 : age;
}

static void date_format(int y, int m, int d, char out[11])
{
	/* unsigned and reduced: the caller has checked the ranges; this tells the compiler too */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

void date_add_days(const char *iso, int days, char out[11])
{
	int y, m, d;
	out[0] = '\0';
	if (date_split(iso, &y, &m, &d))
		date_iso(date_days(y, m, d) + days, out);
}

void date_iso(int64_t days, char out[11])
{
	int y, m, d;
	date_from_days(days, &y, &m, &d);
	date_format(y, m, d, out);
}

void date_add_months(const char *iso, int months, char out[11])
{
	int y, m, d;
	out[0] = '\0';
	if (!date_split(iso, &y, &m, &d))
		return;
	int64_t t = (int64_t)y * 12 + (m - 1) + months;
	int64_t ny = t >= 0 ? t / 12 : (t - 11) / 12;
	int nm = (int)(t - ny * 12) + 1;
	if (ny < 1 || ny > 9999)
		return;
	int last = date_month_days((int)ny, nm);
	date_format((int)ny, nm, d > last ? last : d, out);
}

/* ---- parsing what a worker typed ------------------------------------------------------------ */

/* Reduce the input to ASCII: full-width forms (U+FF01..U+FF5E) to their ASCII letters, 年 月 日
 * to the markers Y M D (号 is said for 日), the ideographic space to a space; anything else that
 * is not ASCII becomes '?', which no form accepts. Surrounding spaces are dropped. Returns 0, or
 * -1 when the input does not fit (longer than any date). */
static int date_fold(const char *in, char *buf, size_t size)
{
	const uint8_t *s = (const uint8_t *)in;
	size_t n = 0, len = strlen(in);

	while (*s) {
		ucs4_t cp;
		int k = u8_mbtoucr(&cp, s, len - (size_t)(s - (const uint8_t *)in));
		if (k < 0)
			return -1;
		s += k;
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		else if (cp == 0x3000)
			cp = ' ';
		else if (cp == 0x5E74)          /* 年 */
			cp = 'Y';
		else if (cp == 0x6708)          /* 月 */
			cp = 'M';
		else if (cp == 0x65E5 || cp == 0x53F7)  /* 日, 号 */
			cp = 'D';
		else if (cp >= 0x80 || cp == 'Y' || cp == 'M' || cp == 'D')
			cp = '?';
		if (n + 1 >= size)
			return -1;
		buf[n++] = (char)cp;
	}
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		buf[--n] = '\0';
	size_t lead = strspn(buf, " \t");
	memmove(buf, buf + lead, n - lead + 1);
	return 0;
}

/* One or two digits. */
static int date_small(const char **p)
{
	const char *s = *p;
	if (s[0] < '0' || s[0] > '9')
		return -1;
	int v = s[0] - '0', n = 1;
	if (s[1] >= '0' && s[1] <= '9')
		v = v * 10 + (s[n++] - '0');
	*p = s + n;
	return v;
}

/* The accepted forms: YYYYMMDD; YYYY-M-D with one separator (- / .) used twice; YYYY年M月D日. */
static int date_scan(const char *s, int *y, int *m, int *d)
{
	if (strlen(s) == 8 && digits(s, 8) >= 0) {
		*y = digits(s, 4);
		*m = digits(s + 4, 2);
		*d = digits(s + 6, 2);
		return 1;
	}
	if ((*y = digits(s, 4)) < 0 || !s[4] || !strchr("-/.Y", s[4]))
		return 0;
	char sep = s[4];
	const char *p = s + 5;
	if ((*m = date_small(&p)) < 0 || *p++ != (sep == 'Y' ? 'M' : sep))
		return 0;
	if ((*d = date_small(&p)) < 0)
		return 0;
	if (sep == 'Y' && *p == 'D')
		p++;
	return *p == '\0';
}

int date_parse(const char *in, char out[11], struct jy_err *err)
{
	char buf[32];
	int y, m, d;

	out[0] = '\0';
	if (!in || date_fold(in, buf, sizeof buf) < 0 || !date_scan(buf, &y, &m, &d))
		return err_set(err, JY_EINVAL, NULL,
		               _("not a date: use YYYYMMDD or YYYY-MM-DD, e.g. 20250301"));
	if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX)
		return err_set(err, JY_EINVAL, NULL, _("year %d is out of range: use a year from %d to %d"),
		               y, DATE_YEAR_MIN, DATE_YEAR_MAX);
	if (m < 1 || m > 12)
		return err_set(err, JY_EINVAL, NULL, _("there is no month %d: use 01 to 12, e.g. 20250301"), m);
	if (m == 2 && d == 29 && !date_leap(y))
		return err_set(err, JY_EINVAL, NULL, _("%d is not a leap year: February has 28 days"), y);
	if (d < 1 || d > date_month_days(y, m))
		return err_set(err, JY_EINVAL, NULL, _("%04d-%02d has %d days: there is no day %d"),
		               y, m, date_month_days(y, m), d);
	date_format(y, m, d, out);
	return JY_OK;
}

/* ---- the clock ------------------------------------------------------------------------------ */

/* JIUYE_TODAY fixes "today" for the tests and for a reproducible demo. secure_getenv: a jiuye
 * installed setgid ignores it, so a worker cannot back-date what the office's copy records. */
/* Every ID number checked asks for today (a birth date may not be later): an import asks twice a
 * row. The answer is kept while the override and the second (and zone) are the same. */
void date_today(char out[11])
{
	static char cached[11], last_fixed[32], last_tz[64];
	static time_t last = -1;
	const char *fixed = secure_getenv("JIUYE_TODAY"), *tz = getenv("TZ");
	time_t now = time(NULL);
	if (now == last && strncmp(fixed ? fixed : "", last_fixed, sizeof last_fixed) == 0 &&
	    strncmp(tz ? tz : "", last_tz, sizeof last_tz) == 0 && strlen(fixed ? fixed : "") < sizeof last_fixed) {
		memcpy(out, cached, 11);
		return;
	}
	if (!(fixed && *fixed && date_parse(fixed, out, NULL) == JY_OK)) {
		struct tm tm;
		localtime_r(&now, &tm);
		date_format(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, out);
	}
	memcpy(cached, out, 11);
	snprintf(last_fixed, sizeof last_fixed, "%s", fixed ? fixed : "");
	snprintf(last_tz, sizeof last_tz, "%s", tz ? tz : "");
	last = now;
}

/* Always the real clock (never an environment variable): these stamps go into the history. */
void time_now_iso(char out[32])
{
	/* Imports stamp several rows per resident: format once per second (and zone). */
	static time_t last = -1;
	static char cached[32], last_tz[64];
	time_t now = time(NULL);
	const char *tz = getenv("TZ");
	if (now == last && strncmp(tz ? tz : "", last_tz, sizeof last_tz) == 0) {
		memcpy(out, cached, sizeof cached);
		return;
	}
	snprintf(last_tz, sizeof last_tz, "%s", tz ? tz : "");
	struct tm tm;
	localtime_r(&now, &tm);
	int off = (int)(tm.tm_gmtoff / 60);
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, 32 - n, "%c%02d:%02d", sign, off / 60 % 100, off % 60);
	memcpy(cached, out, sizeof cached);
	last = now;
}
