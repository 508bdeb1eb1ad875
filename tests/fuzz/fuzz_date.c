/* tests/fuzz/fuzz_date.c: date_parse on anything a worker or a file cell may hold.
 * Promises checked (base/base.h date.c block): an accepted date is canonical YYYY-MM-DD in 1900-2100
 * and a valid calendar day, parsing it again gives itself, the day count round-trips; a refusal
 * leaves out "" and says why; date_add_months and date_age stay in range. */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_locale();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_str(data, size);
	char out[11], again[11], later[11];
	struct jy_err err = { 0 };
	int y, m, d;

	int rc = date_parse(in, out, &err);
	if (rc != JY_OK) {
		FUZZ_CHECK(rc == JY_EINVAL && err.code == JY_EINVAL, "a refused date is JY_EINVAL");
		FUZZ_CHECK(out[0] == '\0', "out is \"\" on error");
		FUZZ_CHECK(err.msg[0] != '\0', "a refusal says what is accepted");
		free(in);
		return 0;
	}
	FUZZ_CHECK(strlen(out) == 10, "YYYY-MM-DD");
	FUZZ_CHECK(date_split(out, &y, &m, &d) == 1, "an accepted date splits");
	FUZZ_CHECK(y >= 1900 && y <= 2100, "years 1900-2100");
	FUZZ_CHECK(date_valid(y, m, d), "an accepted date is a real day");
	FUZZ_CHECK(date_parse(out, again, NULL) == JY_OK && strcmp(out, again) == 0,
	           "the canonical form parses to itself");
	int y2, m2, d2;
	date_from_days(date_days(y, m, d), &y2, &m2, &d2);
	FUZZ_CHECK(y2 == y && m2 == m && d2 == d, "days since 1970 round-trip");

	/* the months to add and the day to measure an age at come from the input too */
	int months = size ? (int)(data[0] % 241) - 120 : 0;
	date_add_months(out, months, later);
	FUZZ_CHECK(date_split(later, &y2, &m2, &d2) == 1, "date_add_months gives a valid date");
	FUZZ_CHECK(d2 <= d, "the day is clamped to the month end, never moved forward");
	int age = date_age(out, later);
	FUZZ_CHECK(months < 0 ? age == -1 || age == 0 : age == months / 12 || age == months / 12 - 1,
	           "date_age of a date months later is the whole years");
	free(in);
	return 0;
}
