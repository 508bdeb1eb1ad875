/* tests/fuzz/fuzz.h: what every libFuzzer target of jiuye shares.
 *
 * A target is one file fuzz_<name>.c with LLVMFuzzerTestOneInput, built by `make fuzz` with
 * clang -fsanitize=fuzzer,address,undefined against core/ and run briefly over its seed corpus
 * tests/fuzz/corpus/<name>/. A broken promise of core/ (its parts' headers) is a crash: FUZZ_CHECK says which promise
 * and aborts, so libFuzzer keeps the input as build/fuzz/<name>-crash-*. */
#ifndef JY_FUZZ_H
#define JY_FUZZ_H

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

#define FUZZ_CHECK(cond, what) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "fuzz: %s:%d: %s (%s)\n", __FILE__, __LINE__, what, #cond); \
			abort(); \
		} \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Core measures text in the program's locale: the targets run in C.UTF-8 like the tests. */
static inline void fuzz_locale(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "UTC", 1);
}

/* The input as a NUL-terminated string (cut at the first NUL, as C strings from a form or a
 * file cell would be). Caller frees. */
static inline char *fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
