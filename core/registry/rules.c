/* core/registry/rules.c: the categories that follow from the record itself, evaluated as of a date.
 *
 * 4050: urban unemployed women aged 40 and over and men aged 50 and over, up
 * to retirement age. The ages are locality settings, not constants: one county used 40-53 for
 * women, some cities use 45/55, others "within 10 years of retirement" (lower = upper - 10), and
 * the statutory retirement ages (women 50/55, men 60) are being raised step by step from 2025.
 * Whoever is at or past the upper age gets RETIRED_AGE instead: not a 4050 case any more, and the
 * screen says why.
 *
 * Each rule is one row of a table with a function that decides and writes the reason; the reason
 * is in the worker's language, so the screen can show why a person qualifies. */
#include <stdio.h>
#include <string.h>

#include "registry/registry_int.h"

/* What the rules look at, worked out once per resident. */
struct rule_person {
	char sex;               /* 'M', 'F' */
	int age;                /* whole years on asof */
	const char *asof;
	int lower, upper;       /* the 4050 band for this sex; upper 0 = no upper limit */
};

/* Settings per sex (keys as stored in table setting; defaults as in schema 001). */
static const struct {
	char sex;
	const char *lower_key;
	int lower_def;
	const char *upper_key;
	int upper_def;
} rule_bands[] = {
	{ 'F', "rule.4050.female_age", 40, "rule.4050.female_upper", 55 },
	{ 'M', "rule.4050.male_age",   50, "rule.4050.male_upper",   60 },
};

static int rule_past_upper(const struct rule_person *p)
{
	return p->upper > 0 && p->age >= p->upper;
}

static int rule_retired(const struct rule_person *p, char *reason, size_t size)
{
	if (!rule_past_upper(p))
		return 0;
	snprintf(reason, size, p->sex == 'F'
	         ? _("female, %d years old, past retirement age (%d) on %s")
	         : _("male, %d years old, past retirement age (%d) on %s"), p->age, p->upper, p->asof);
	return 1;
}

static int rule_4050(const struct rule_person *p, char *reason, size_t size)
{
	if (p->age < p->lower || rule_past_upper(p))
		return 0;
	snprintf(reason, size, p->sex == 'F'
	         ? _("female, %d years old (>= %d) on %s")
	         : _("male, %d years old (>= %d) on %s"), p->age, p->lower, p->asof);
	return 1;
}

/* The rules in the order their hits are listed. Add a rule: one function, one row, and its code
 * in the "rule" code list (assets/schema/002_codes.sql) so screens can name it. */
static const struct {
	const char *code;
	int (*match)(const struct rule_person *p, char *reason, size_t size);
} rules[] = {
	{ "4050",        rule_4050 },
	{ "RETIRED_AGE", rule_retired },
};

static const char *rule_field(const struct resident *r, int f)
{
	return r->v[f] ? r->v[f] : "";
}

/* Sex (GB/T 2261.1: "1" male, "2" female) and birth date from the record; when a record has not
 * been through resident_validate yet, from its ID number. */
static int rule_person_from(const struct resident *r, const char *asof, struct rule_person *p)
{
	const char *sex = rule_field(r, RF_SEX), *birth = rule_field(r, RF_BIRTH);
	char id[19], idbirth[11], idsex = 0;

	memset(p, 0, sizeof *p);
	if (strcmp(sex, "1") == 0)
		p->sex = 'M';
	else if (strcmp(sex, "2") == 0)
		p->sex = 'F';
	if ((!p->sex || !*birth) && idcard_parse(rule_field(r, RF_IDNO), id, idbirth, &idsex, NULL) == JY_OK) {
		if (!p->sex)
			p->sex = idsex;
		if (!*birth)
			birth = idbirth;
	}
	p->age = date_age(birth, asof);
	p->asof = asof;
	return p->sex && p->age >= 0;
}

int rules_derive(struct jy_db *db, const struct resident *r, const char *asof,
                 struct rule_hit *hits, int max, int *n, struct jy_err *err)
{
	struct rule_person p;
	char today[11];
	int rc = JY_OK;

	*n = 0;
	if (!r || !hits || max <= 0)
		return JY_OK;
	if (!asof || !*asof) {
		date_today(today);
		asof = today;
	}
	if (!rule_person_from(r, asof, &p))
		return JY_OK;
	/* no database (unit tests, a record not yet saved anywhere): db_setting_int gives the
	 * defaults */
	for (size_t i = 0; i < ARRAY_LEN(rule_bands); i++) {
		const char *lo = rule_bands[i].lower_key, *up = rule_bands[i].upper_key;
		if (rule_bands[i].sex != p.sex)
			continue;
		if ((rc = db_setting_int(db, lo, rule_bands[i].lower_def, &p.lower, err)) ||
		    (rc = db_setting_int(db, up, rule_bands[i].upper_def, &p.upper, err)))
			return rc;
	}
	for (size_t i = 0; i < ARRAY_LEN(rules) && *n < max; i++) {
		struct rule_hit *h = &hits[*n];
		if (rules[i].match(&p, h->reason, sizeof h->reason)) {
			snprintf(h->code, sizeof h->code, "%s", rules[i].code);
			(*n)++;
		}
	}
	return JY_OK;
}
