#!/usr/bin/env python3
"""Generate assets/hanzi.tsv: pinyin initials and traditional -> simplified mappings of every Han
character, from Unicode's own Unihan database (Debian package unicode-data).

Regenerate (from the top of the tree) after a Unihan update:

    python3 assets/hanzi_gen.py > assets/hanzi.tsv

An optional argument names the directory holding Unihan_Readings.txt.bz2, Unihan_Variants.txt.bz2
and Unihan_IRGSources.txt.bz2 (default: where Debian's unicode-data installs them). Python 3
standard library only; the output depends on nothing but the input files, so a rerun on the same
Unihan version gives the same bytes.

Output, one line per code point, sorted by code point:

    <hex cp> TAB <initials> TAB <hex simplified cp, or empty>

<initials> are the distinct first letters (a-z) of every modern Mandarin reading of the character:
the initial of its primary reading (kMandarin's first value, the mainland reading) first, then the
others in alphabetical order. Every reading counts because names use the rare ones: 曾 is céng in
words but zēng as a surname, 单 dān / shàn, 区 qū / ōu, 仇 chóu / qiú, 朴 pǔ / piáo (TR38 describes
the fields: https://www.unicode.org/reports/tr38/). The first line is a '#' comment naming the source.

"Modern" means kMandarin, kHanyuPinlu, kXHC1983 (现代汉语词典) and kTGHZ2013 (通用规范汉字字典).
kHanyuPinyin (汉语大字典) adds historical readings nobody uses in a name today (洋 xiáng, 王 yù, 提
shí); with them a typical three-character name gets 1.77 initials strings instead of 1.17, every one
an extra index row and a false match. So it is used only for characters none of the others reads,
which are rare characters a name may still contain.
"""

import bz2
import os
import re
import sys
import unicodedata

DEFAULT_DIR = "/usr/share/unicode"

# Mandarin reading fields, in the order that picks the primary reading: kMandarin is Unihan's
# "most customary" reading (its first value the PRC one); the dictionaries follow. The last one,
# historical readings included, is only a fallback (see above).
READING_FIELDS = ("kMandarin", "kHanyuPinlu", "kXHC1983", "kTGHZ2013", "kHanyuPinyin")
FALLBACK_FIELDS = ("kHanyuPinyin",)


def open_unihan(directory, name):
    return bz2.open(os.path.join(directory, name), "rt", encoding="utf-8")


def cp_of(token):
    """'U+4E7E' or 'U+4E79<kMorohashi:T' -> 0x4E7E."""
    return int(token.split("<")[0][2:], 16)


def initial_of(reading):
    """First letter of a pinyin syllable without its tone mark: 'ài' -> 'a', 'lǜ' -> 'l',
    'ń' -> 'n'. None when the reading does not start with a Latin letter."""
    base = unicodedata.normalize("NFD", reading.strip())[:1].lower()
    return base if "a" <= base <= "z" else None


def readings_of(field, value):
    """All pinyin syllables of one field's value, in the order given."""
    out = []
    for token in value.split():
        if field == "kHanyuPinlu":
            token = token.split("(")[0]             # 'yī(32747)': frequency in parentheses
        elif ":" in token:
            token = token.rsplit(":", 1)[1]         # '10109.030:qiú,chóu,jū': locations first
        out.extend(s for s in token.split(",") if s)
    return out


def read_header_version(directory):
    with open_unihan(directory, "Unihan_Readings.txt.bz2") as f:
        for line in f:
            m = re.match(r"#\s*Unicode version:\s*(\S+)", line)
            if m:
                return m.group(1)
            if not line.startswith("#"):
                break
    return "unknown"


def load_readings(directory):
    """cp -> {field: [initials in the field's order]}"""
    fields = {}
    with open_unihan(directory, "Unihan_Readings.txt.bz2") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            if field not in READING_FIELDS:
                continue
            letters = [i for i in map(initial_of, readings_of(field, value)) if i]
            if letters:
                fields.setdefault(cp_of(cp), {})[field] = letters
    return fields


def order_initials(by_field):
    """Primary initial first, then the rest sorted."""
    modern = {f: v for f, v in by_field.items() if f not in FALLBACK_FIELDS}
    if modern:
        by_field = modern
    primary = None
    for field in READING_FIELDS:
        if by_field.get(field):
            primary = by_field[field][0]
            break
    rest = sorted({i for v in by_field.values() for i in v} - {primary})
    return [primary] + rest


def load_variants(directory):
    """(simplified, traditional): cp -> first kSimplifiedVariant that differs from cp, and
    cp -> every kTraditionalVariant."""
    simp, trad = {}, {}
    with open_unihan(directory, "Unihan_Variants.txt.bz2") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            cp = cp_of(cp)
            targets = [cp_of(t) for t in value.split()]
            if field == "kSimplifiedVariant":
                # The first listed is the usual one. When it is the character itself (乾 in 乾隆
                # stays 乾, only 乾燥 becomes 干) a name keeps its character.
                if targets[0] != cp:
                    simp[cp] = targets[0]
            elif field == "kTraditionalVariant":
                trad[cp] = [t for t in targets if t != cp]
    return simp, trad


def load_compat(directory):
    """CJK compatibility ideograph -> its unified ideograph (kCompatibilityVariant)."""
    compat = {}
    with open_unihan(directory, "Unihan_IRGSources.txt.bz2") as f:
        for line in f:
            if "\tkCompatibilityVariant\t" in line:
                cp, _, value = line.rstrip("\n").split("\t", 2)
                compat[cp_of(cp)] = cp_of(value)
    return compat


def resolve(simp, cp):
    """Follow simplified chains to their end (guarding against cycles)."""
    seen = {cp}
    while cp in simp and simp[cp] not in seen:
        cp = simp[cp]
        seen.add(cp)
    return cp


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DIR
    version = read_header_version(directory)
    initials = {cp: order_initials(f) for cp, f in load_readings(directory).items()}
    simp, trad = load_variants(directory)
    compat = load_compat(directory)
    simp = {cp: resolve(simp, cp) for cp in simp}
    simp = {cp: s for cp, s in simp.items() if s != cp}

    # A traditional form also has its simplified form's readings (a dictionary may list fewer for
    # it: 紅 lacks 红's gōng), so that 張曉紅 gets every initials string 张晓红 gets. A simplified
    # form without a reading of its own borrows its traditional forms', and a compatibility
    # ideograph its unified twin's: every character a name can be folded to or from has initials.
    borrowed = {}
    for cp, s in simp.items():
        if s in initials:
            own = initials.get(cp, initials[s])
            borrowed[cp] = [own[0]] + sorted((set(own) | set(initials[s])) - {own[0]})
    for cp, ts in trad.items():
        if cp in initials or cp in borrowed:
            continue
        got = [initials[t] for t in sorted(ts) if t in initials]
        if got:
            rest = sorted({i for g in got for i in g} - {got[0][0]})
            borrowed[cp] = [got[0][0]] + rest
    for cp, u in compat.items():
        if cp not in initials and u in initials:
            borrowed[cp] = initials[u]
    initials.update(borrowed)

    out = sys.stdout
    out.write("# Pinyin initials and simplified forms of Han characters, from Unihan %s "
              "(Debian unicode-data); generated by assets/hanzi_gen.py\n" % version)
    for cp in sorted(set(initials) | set(simp)):
        out.write("%x\t%s\t%s\n" % (cp, "".join(initials.get(cp, [])),
                                    "%x" % simp[cp] if cp in simp else ""))


if __name__ == "__main__":
    main()
