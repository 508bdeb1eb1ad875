/* core/base/hanzi.c: pinyin initials and traditional -> simplified folding, so that "zxh" finds 张晓红
 * and 張曉紅 finds 张晓红 (search).
 *
 * The data is assets/hanzi.tsv, generated from Unicode's Unihan database by assets/hanzi_gen.py and
 * embedded in the binary (jy_asset_hanzi). Each line is "<hex cp>\t<initials>\t<hex simplified>";
 * <initials> lists the primary reading's initial first. On first use the text is parsed into two
 * sorted arrays searched by bisection:
 *   - every character with a reading: code point, and a 32-bit word holding the 26-bit initials
 *     mask (bit 0 = 'a') and the primary initial (bits 26..30) -- 44,912 entries, 8 bytes each;
 *   - every traditional character with a different simplified form -- 6,271 pairs.
 * Together about 410 KB, parsed in about 1 ms; a lookup is 16 comparisons. Measured: 1,000,000
 * hanzi_initials_all() calls on three-character names take about 0.19 s (-O2). */
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unistr.h>
#include <uninorm.h>

#include "base/base.h"

#define MASK_BITS 26
#define MASK_ALL ((UINT32_C(1) << MASK_BITS) - 1)

struct simp_pair {
	uint32_t from, to;
};

static struct {
	int loaded;
	uint32_t *cp;           /* sorted code points that have initials */
	uint32_t *info;         /* initials mask | primary letter << 26, parallel to cp */
	size_t n;
	struct simp_pair *simp; /* sorted by from */
	size_t nsimp;
} tab;

/* Parse a hex number at *p, advancing past it. */
static uint32_t hanzi_hex(const char **p, const char *end)
{
	uint32_t v = 0;
	for (; *p < end; (*p)++) {
		char c = **p;
		if (c >= '0' && c <= '9')
			v = v * 16 + (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v * 16 + (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v = v * 16 + (uint32_t)(c - 'A' + 10);
		else
			break;
	}
	return v;
}

/* One table line [p, end): add it to the arrays (sized by the caller's line count). */
static void hanzi_parse_line(const char *p, const char *end)
{
	uint32_t cp = hanzi_hex(&p, end), mask = 0, primary = 0;
	if (p >= end || *p++ != '\t')
		return;
	for (int first = 1; p < end && *p >= 'a' && *p <= 'z'; p++, first = 0) {
		mask |= UINT32_C(1) << (*p - 'a');
		if (first)
			primary = (uint32_t)(*p - 'a');
	}
	if (mask) {
		tab.cp[tab.n] = cp;
		tab.info[tab.n++] = mask | primary << MASK_BITS;
	}
	if (p < end && *p++ == '\t' && p < end) {
		uint32_t to = hanzi_hex(&p, end);
		if (to && to != cp)
			tab.simp[tab.nsimp++] = (struct simp_pair){ cp, to };
	}
}

/* The generator writes the lines sorted by code point; the bisection relies on it. */
static void hanzi_load(void)
{
	const char *s = (const char *)jy_asset_hanzi, *end = s + jy_asset_hanzi_len;
	size_t lines = 0;

	tab.loaded = 1;
	for (const char *p = s; p < end; p++)
		lines += *p == '\n';
	lines++;
	tab.cp = xmalloc(lines * sizeof *tab.cp);
	tab.info = xmalloc(lines * sizeof *tab.info);
	tab.simp = xmalloc(lines * sizeof *tab.simp);
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			nl = end;
		if (*s != '#')
			hanzi_parse_line(s, nl);
		s = nl + 1;
	}
	tab.simp = xrealloc(tab.simp, (tab.nsimp ? tab.nsimp : 1) * sizeof *tab.simp);
}

/* The info word of cp, 0 when it has no reading. */
static uint32_t hanzi_info(uint32_t cp)
{
	if (!tab.loaded)
		hanzi_load();
	/* Han starts at the CJK radicals (U+2E80); everything below, ASCII above all, skips the search. */
	if (cp < 0x2E80)
		return 0;
	size_t lo = 0, hi = tab.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tab.cp[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < tab.n && tab.cp[lo] == cp ? tab.info[lo] : 0;
}

uint32_t hanzi_initials(uint32_t cp)
{
	return hanzi_info(cp) & MASK_ALL;
}

uint32_t hanzi_simplify(uint32_t cp)
{
	if (!tab.loaded)
		hanzi_load();
	if (cp < 0x2E80)
		return cp;
	size_t lo = 0, hi = tab.nsimp;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tab.simp[mid].from < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < tab.nsimp && tab.simp[lo].from == cp ? tab.simp[lo].to : cp;
}

/* Traditional -> simplified and ASCII lowercase over valid UTF-8 s[0..n). Every code point that
 * changes is a Han character, at least 3 bytes, and its replacement at most 4, so 2n + 1 is room
 * enough. Caller frees. */
static char *hanzi_simplify_str(const uint8_t *s, size_t n)
{
	uint8_t *out = xmalloc(2 * n + 1), *o = out;
	size_t i = 0;

	while (i < n) {
		if (s[i] < 0x80) {
			uint8_t c = s[i++];
			*o++ = c >= 'A' && c <= 'Z' ? (uint8_t)(c - 'A' + 'a') : c;
			continue;
		}
		ucs4_t cp;
		int len = u8_mbtouc(&cp, s + i, n - i);
		i += (size_t)len;
		o += u8_uctomb(o, hanzi_simplify(cp), 4);
	}
	*o = '\0';
	return (char *)out;
}

char *hanzi_fold(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s), i;
	for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == n)             /* ASCII: NFKC changes nothing */
		return hanzi_simplify_str((const uint8_t *)s, n);

	/* Lowercase and NFKC in one libunistring pass: full-width ＡＢＣ１２３ becomes abc123, CJK
	 * compatibility ideographs their unified forms. Uppercase that NFKC itself produces (Ⅻ -> XII)
	 * is ASCII, which the simplifying pass lowercases. Invalid UTF-8 becomes U+FFFD. */
	size_t len = 0;
	uint8_t *low = u8_tolower((const uint8_t *)s, n, NULL, UNINORM_NFKC, NULL, &len);
	if (!low)               /* only on out of memory */
		return hanzi_simplify_str((const uint8_t *)"", 0);
	char *out = hanzi_simplify_str(low, len);
	free(low);
	return out;
}

/* ---- every initials string of a name -------------------------------------------------------- */

/* One character of a name as it appears in the initials: either a Han character's alternatives
 * (n >= 1 letters, primary first) or a fixed piece of 1..4 bytes (n == 0). */
struct slot {
	uint8_t n, len;
	char c[MASK_BITS];
};

struct gen {
	const struct slot *slot;
	int nslot;
	const int *poly;        /* indexes of slots with more than one letter */
	int npoly;
	int rank[64];           /* chosen alternative of each poly slot */
	size_t outlen;
	char **out;
	int count, max;
};

static void hanzi_slot_han(struct slot *sl, uint32_t info)
{
	uint32_t primary = info >> MASK_BITS;
	sl->n = 0;
	sl->c[sl->n++] = (char)('a' + primary);
	for (uint32_t b = 0; b < MASK_BITS; b++)
		if (b != primary && (info >> b & 1))
			sl->c[sl->n++] = (char)('a' + b);
	sl->len = 1;
}

/* Turn cp into a slot; 0 when it has no place in the initials (spaces, ·, punctuation, a Han
 * character without a known reading, which cannot be typed as an initial anyway). */
static int hanzi_slot(struct slot *sl, ucs4_t cp)
{
	uint32_t info = hanzi_info(cp);
	if (info) {
		hanzi_slot_han(sl, info);
		return 1;
	}
	if (cp >= 0xFF01 && cp <= 0xFF5E)       /* full-width ASCII, as NFKC would map it */
		cp -= 0xFEE0;
	if (cp < 0x80) {
		if (!((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')))
			return 0;
		sl->n = 0;
		sl->len = 1;
		sl->c[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
		return 1;
	}
	if (!uc_is_alnum(cp) || uc_is_property_ideographic(cp))
		return 0;
	sl->n = 0;
	sl->len = (uint8_t)u8_uctomb((uint8_t *)sl->c, uc_tolower(cp), 4);
	return 1;
}

static void hanzi_emit(struct gen *g)
{
	char *s = xmalloc(g->outlen + 1), *o = s;
	for (int i = 0, p = 0; i < g->nslot; i++) {
		const struct slot *sl = &g->slot[i];
		if (sl->n == 0) {
			memcpy(o, sl->c, sl->len);
			o += sl->len;
		} else if (p < g->npoly && g->poly[p] == i) {
			*o++ = sl->c[g->rank[p++]];
		} else {
			*o++ = sl->c[0];
		}
	}
	*o = '\0';
	g->out[g->count++] = s;
}

/* Every choice for poly slots p.. with exactly d of them off their primary reading. Off-primary
 * choices are tried first so that, within one d, the surname (the first character) takes its
 * rarer reading first: 曾 zēng, 单 shàn, 区 ōu are the surname readings. Every branch taken ends
 * in at least one string, so the work is proportional to what is written. */
static void hanzi_gen(struct gen *g, int p, int d)
{
	if (g->count >= g->max)
		return;
	if (p == g->npoly) {
		hanzi_emit(g);
		return;
	}
	const struct slot *sl = &g->slot[g->poly[p]];
	if (d > 0)
		for (int r = 1; r < sl->n && g->count < g->max; r++) {
			g->rank[p] = r;
			hanzi_gen(g, p + 1, d - 1);
		}
	if (g->npoly - p - 1 >= d) {
		g->rank[p] = 0;
		hanzi_gen(g, p + 1, d);
	}
}

#define SLOTS_ON_STACK 96

int hanzi_initials_all(const char *name, char **out, int max)
{
	if (!name || max <= 0)
		return 0;
	size_t n = strlen(name), cap = SLOTS_ON_STACK;
	struct slot stack[SLOTS_ON_STACK], *slot = stack;
	int poly_stack[SLOTS_ON_STACK], *poly = poly_stack;
	struct gen g = { .out = out, .max = max };

	if (n > cap) {          /* a slot per byte at most */
		cap = n;
		slot = xmalloc(cap * sizeof *slot);
		poly = xmalloc(cap * sizeof *poly);
	}
	const uint8_t *s = (const uint8_t *)name;
	for (size_t i = 0; i < n;) {
		ucs4_t cp;
		i += (size_t)u8_mbtouc(&cp, s + i, n - i);
		struct slot *sl = &slot[g.nslot];
		if (!hanzi_slot(sl, cp))
			continue;
		/* Only the first ARRAY_LEN(rank) polyphonic characters vary; a longer name still gets
		 * strings, the rest at their primary reading. */
		if (sl->n > 1 && g.npoly < (int)ARRAY_LEN(g.rank))
			poly[g.npoly++] = g.nslot;
		g.outlen += sl->n ? 1 : sl->len;
		g.nslot++;
	}
	g.slot = slot;
	g.poly = poly;
	if (g.nslot > 0)
		for (int d = 0; d <= g.npoly && g.count < max; d++)
			hanzi_gen(&g, 0, d);
	if (slot != stack) {
		free(slot);
		free(poly);
	}
	return g.count;
}
