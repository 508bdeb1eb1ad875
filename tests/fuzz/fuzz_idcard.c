/* tests/fuzz/fuzz_idcard.c: the 居民身份证号 (GB 11643) and 统一社会信用代码 (GB 32100) parsers on
 * anything a worker types or Excel leaves in a cell (3.20102E+17, full-width digits, spaces, x).
 * Promises checked (base/base.h idcard.c block): an accepted ID is 18 canonical characters whose check
 * character is right, with a valid birth date that is the one inside it and sex M/F from the
 * 17th digit; parsing the canonical form again gives the same; a refusal says why. The same for
 * credit codes (characters 0-9 A-H J-N P-R T-U W-Y). */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_locale();
	return 0;
}

static void check_id(const char *in)
{
	char out[19], birth[11], again[19], birth2[11], sex = 0, sex2 = 0;
	struct jy_err err = { 0 };
	int rc = idcard_parse(in, out, birth, &sex, &err);
	if (rc != JY_OK) {
		FUZZ_CHECK(rc == JY_EINVAL && err.code == JY_EINVAL, "a refused ID is JY_EINVAL");
		FUZZ_CHECK(err.msg[0] != '\0', "a refusal says what is wrong");
		return;
	}
	FUZZ_CHECK(strlen(out) == 18, "18 characters");
	for (int i = 0; i < 17; i++)
		FUZZ_CHECK(out[i] >= '0' && out[i] <= '9', "17 digits");
	FUZZ_CHECK(idcard_check_char(out) == out[17], "the check character is right");
	int y, m, d;
	FUZZ_CHECK(date_split(birth, &y, &m, &d) == 1 && date_valid(y, m, d), "a valid birth date");
	char inside[11];
	snprintf(inside, sizeof inside, "%.4s-%.2s-%.2s", out + 6, out + 10, out + 12);
	FUZZ_CHECK(strcmp(inside, birth) == 0, "the birth date is the one in the number");
	FUZZ_CHECK(sex == ((out[16] - '0') % 2 ? 'M' : 'F'), "sex from the 17th digit");
	FUZZ_CHECK(idcard_parse(out, again, birth2, &sex2, NULL) == JY_OK && strcmp(out, again) == 0,
	           "the canonical form parses to itself");
}

static void check_credit(const char *in)
{
	char out[19], again[19];
	struct jy_err err = { 0 };
	int rc = credit_code_parse(in, out, &err);
	if (rc != JY_OK) {
		FUZZ_CHECK(rc == JY_EINVAL && err.code == JY_EINVAL, "a refused code is JY_EINVAL");
		FUZZ_CHECK(err.msg[0] != '\0', "a refusal says what is wrong");
		return;
	}
	FUZZ_CHECK(strlen(out) == 18, "18 characters");
	FUZZ_CHECK(strspn(out, "0123456789ABCDEFGHJKLMNPQRTUWXY") == 18, "GB 32100 characters only");
	FUZZ_CHECK(credit_code_parse(out, again, NULL) == JY_OK && strcmp(out, again) == 0,
	           "the canonical form parses to itself");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_str(data, size);
	check_id(in);
	check_credit(in);
	if (size >= 17) {
		char c = idcard_check_char(in);
		FUZZ_CHECK(c == 0 || c == 'X' || (c >= '0' && c <= '9'), "check char 0-9, X or 0");
	}
	free(in);
	return 0;
}
