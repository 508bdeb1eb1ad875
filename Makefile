# jiuye: one plain GNU Makefile with pkg-config.
#   make            build ./jiuye
#   make run        install what is missing, build, create the demo database, start jiuye on it
#   make test       install what is missing, then every test (unit under ASan/UBSan, command line,
#                   screen), ending with one line "N passed, N failed"
#   make check      the layering rule: no curses in core/
#   make bench      the speed and size figures on a 1,000,000-resident registry
#   make stress     20 workers for 60 s on one file, and 500 kill -9 rounds: nothing lost
#   make install PREFIX=/usr/local DESTDIR=

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share
MANDIR   ?= $(DATADIR)/man

CC       ?= cc
PKG_CONFIG ?= pkg-config
OPT      ?= -O2
WARN     := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter \
            -Wformat=2 -Wvla
CFLAGS   ?= $(OPT) -g
CPPFLAGS += -D_GNU_SOURCE -DNCURSES_WIDECHAR=1 -DJY_DATADIR='"$(DATADIR)"' -Icore -Ibuild/gen
NCURSES_CFLAGS := $(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null)
NCURSES_LIBS   := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw)
SQLITE_CFLAGS  := $(shell $(PKG_CONFIG) --cflags sqlite3 2>/dev/null)
SQLITE_LIBS    := $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null || echo -lsqlite3)
# Debian 12 ships no libunistring.pc.
CORE_LIBS := $(SQLITE_LIBS) -lxlsxwriter -lunistring -lnettle -lm

SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

CORE_SRC := $(sort $(wildcard core/*.c))
TUI_SRC  := $(sort $(wildcard tui/*.c))
SCHEMA   := $(sort $(wildcard assets/schema/*.sql))
HANZI    := assets/hanzi.tsv
GEN_SRC  := build/gen/assets.c

# Debian packages the build and the tests need (installed by `make deps` when missing).
DEB_BUILD := gcc make pkg-config libncurses-dev libsqlite3-dev libunistring-dev libxlsxwriter-dev nettle-dev gettext
# the idle lock checks the worker's own password through PAM when the office asks for it (tui/lock.c)
DEB_BUILD += libpam0g-dev
PAM_LIBS  := -lpam
DEB_TEST  := $(DEB_BUILD) libcmocka-dev libvterm-dev locales sqlite3 python3-openpyxl
# make fuzz: clang with libFuzzer and its sanitizer runtimes
DEB_TEST  += clang libclang-rt-14-dev

.PHONY: all run deps deps-test test test-unit check bench install uninstall clean demo po stress
all: jiuye

# ---- generated sources: the schema migrations and the hanzi table, embedded in the binary ------
$(GEN_SRC): assets/embed.sh $(SCHEMA) $(HANZI)
	@mkdir -p build/gen
	sh assets/embed.sh $(HANZI) $(SCHEMA) > $@.tmp && mv $@.tmp $@

# ---- the program ----------------------------------------------------------------------------
build/o/%.o: %.c core/core.h $(wildcard tui/*.h) | build/o/core build/o/tui build/o/gen
	$(CC) $(CPPFLAGS) $(if $(filter tui/%,$<),$(NCURSES_CFLAGS)) $(SQLITE_CFLAGS) -std=c11 $(WARN) $(CFLAGS) -c $< -o $@
build/o/gen/assets.o: $(GEN_SRC) | build/o/gen
	$(CC) $(CPPFLAGS) -std=c11 $(CFLAGS) -c $< -o $@
build/o/core build/o/tui build/o/gen build/asan/core build/asan/tui build/asan/gen build/asan/tests:
	@mkdir -p $@

CORE_OBJ := $(CORE_SRC:%.c=build/o/%.o) build/o/gen/assets.o
TUI_OBJ  := $(TUI_SRC:%.c=build/o/%.o)

jiuye: $(CORE_OBJ) $(TUI_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(NCURSES_LIBS) $(PAM_LIBS) $(CORE_LIBS)

# ---- the sanitizer build the tests use ------------------------------------------------------
build/asan/%.o: %.c core/core.h $(wildcard tui/*.h) | build/asan/core build/asan/tui build/asan/gen
	$(CC) $(CPPFLAGS) $(if $(filter tui/%,$<),$(NCURSES_CFLAGS)) $(SQLITE_CFLAGS) -std=c11 $(WARN) -O1 -g $(SAN) -c $< -o $@
build/asan/gen/assets.o: $(GEN_SRC) | build/asan/gen
	$(CC) $(CPPFLAGS) -std=c11 -O1 -g -c $< -o $@
ASAN_CORE := $(CORE_SRC:%.c=build/asan/%.o) build/asan/gen/assets.o
ASAN_TUI  := $(TUI_SRC:%.c=build/asan/%.o)
build/asan/jiuye: $(ASAN_CORE) $(ASAN_TUI)
	$(CC) $(SAN) -o $@ $^ $(NCURSES_LIBS) $(PAM_LIBS) $(CORE_LIBS)

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)
build/asan/tests/%: tests/unit/%.c tests/unit/testutil.h $(ASAN_CORE) | build/asan/tests
	$(CC) $(CPPFLAGS) -Itests/unit -std=c11 -O1 -g $(SAN) -o $@ $< $(ASAN_CORE) -lcmocka $(CORE_LIBS)

build/asan/vtharness: tests/screen/vtharness.c | build/asan/tests
	$(CC) -D_GNU_SOURCE -std=c11 -O1 -g $(WARN) $(SAN) -o $@ $< -lvterm -lutil

# ---- set-up on a fresh machine -----------------------------------------------------------------
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
define apt_install
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; fi
endef
deps:
	$(call apt_install,$(DEB_BUILD))
deps-test:
	$(call apt_install,$(DEB_TEST))
	@locale -a 2>/dev/null | grep -qi '^zh_CN.utf8$$' || { \
	  echo "generating the zh_CN.UTF-8 locale"; \
	  $(SUDO) sh -c "grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null || echo 'zh_CN.UTF-8 UTF-8' >> /etc/locale.gen; locale-gen >/dev/null"; }

DEMO_DB ?= build/demo.db
run: deps
	$(MAKE) jiuye
	@[ -f $(DEMO_DB) ] || ./jiuye init --demo --db $(DEMO_DB)
	./jiuye --db $(DEMO_DB)

# ---- tests -------------------------------------------------------------------------------------
test: deps-test
	$(MAKE) check jiuye build/asan/jiuye build/asan/vtharness build/stress $(UNIT_BIN)
	sh tests/run.sh

check:
	@if grep -nE '#[[:space:]]*include[[:space:]]*[<"](n?cursesw?|ncursesw/[a-z]+|term|form|menu|panel)\.h' core/*.c core/*.h; then \
	  echo "check: core/ must not include curses (see PRODUCT.md)"; exit 1; fi
	@if grep -nE 'sqlite3_|#include[[:space:]]*<sqlite3\.h>' tui/*.c tui/*.h; then \
	  echo "check: SQL stays inside core/"; exit 1; fi
	@echo "check: layering ok (core/ has no curses, tui/ has no SQL)"

bench: deps-test
	$(MAKE) jiuye build/bench build/bench_pty build/bench_jobs build/bench_report
	sh tests/bench.sh

build/bench: tests/bench.c $(CORE_OBJ)
	$(CC) $(CPPFLAGS) -std=c11 $(WARN) $(CFLAGS) -o $@ $< $(CORE_OBJ) $(CORE_LIBS)

# The monthly report on the same registry with a year of events (the reports, issue 6).
build/bench_report: tests/bench_report.c $(CORE_OBJ)
	$(CC) $(CPPFLAGS) $(SQLITE_CFLAGS) -std=c11 $(WARN) $(CFLAGS) -o $@ $< $(CORE_OBJ) $(CORE_LIBS)

# Matching on the same size of registry, with job intentions (the jobs module, issue 4).
build/bench_jobs: tests/bench_jobs.c $(CORE_OBJ)
	$(CC) $(CPPFLAGS) -std=c11 $(WARN) $(CFLAGS) -o $@ $< $(CORE_OBJ) $(CORE_LIBS)

# Many workers at once and kill -9 lose nothing (issue 7): `make stress` runs the long form; the
# test suite runs tests/stress/run.sh short (STRESS_SECONDS=10, CRASH_ROUNDS=50).
STRESS_SECONDS ?= 60
STRESS_WORKERS ?= 20
CRASH_ROUNDS   ?= 500
build/stress: tests/stress/stress.c $(CORE_OBJ)
	$(CC) $(CPPFLAGS) -std=c11 $(WARN) $(CFLAGS) -o $@ $< $(CORE_OBJ) $(CORE_LIBS)

stress: deps-test
	$(MAKE) jiuye build/stress
	STRESS_SECONDS=$(STRESS_SECONDS) STRESS_WORKERS=$(STRESS_WORKERS) CRASH_ROUNDS=$(CRASH_ROUNDS) \
	  sh tests/stress/run.sh

# The full-screen figures reuse the screen-test harness (included, not linked: one file).
build/bench_pty: tests/bench_pty.c tests/screen/vtharness.c
	@mkdir -p build
	$(CC) -D_GNU_SOURCE -Itests -std=c11 $(WARN) $(CFLAGS) -o $@ $< -lvterm -lutil

# ---- fuzzing (issue 7) -------------------------------------------------------------------------
#   make fuzz [FUZZ_SECONDS=10]   libFuzzer targets over the CSV reader, the ID number, credit code
#                                 and date parsers and the field editor (tests/fuzz/fuzz_*.c), built
#                                 with clang into build/fuzz/ and each run that long over its seeds in
#                                 tests/fuzz/corpus/<target>/; one TAP line per target
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 10
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_SRC     := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN     := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_OBJ     := $(CORE_SRC:core/%.c=build/fuzz/o/%.o) build/fuzz/o/gen_assets.o
build/fuzz/o/%.o: core/%.c core/core.h core/db_int.h | build/fuzz/o
	$(FUZZ_CC) $(CPPFLAGS) $(SQLITE_CFLAGS) -std=c11 -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c $< -o $@
build/fuzz/o/gen_assets.o: $(GEN_SRC) | build/fuzz/o
	$(FUZZ_CC) $(CPPFLAGS) -std=c11 -O1 -c $< -o $@
# an archive: a target links only the parts of core it calls
build/fuzz/libcore.a: $(FUZZ_OBJ)
	rm -f $@ && ar rcs $@ $^
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h build/fuzz/libcore.a
	$(FUZZ_CC) $(CPPFLAGS) $(SQLITE_CFLAGS) -std=c11 -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< build/fuzz/libcore.a $(CORE_LIBS)
build/fuzz/o:
	@mkdir -p $@
fuzz-build: $(FUZZ_BIN)
fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_NO_BUILD=1 sh tests/fuzz/run.sh
.PHONY: fuzz fuzz-build

# ---- messages and the manual (tui/ owns these) ------------------------------------------------
# assets/po/jiuye.pot holds every _() and N_() string of core/ and tui/ (English msgids);
# assets/po/zh_CN.po their Chinese. `make po` refreshes both after code changes; `make po-check`
# fails while any msgid lacks a translation; the .mo files are built with the program, in
# build/locale/LANG/LC_MESSAGES (what main.c binds when it runs from the build tree).
POT     := assets/po/jiuye.pot
PO      := $(wildcard assets/po/*.po)
MO      := $(PO:assets/po/%.po=build/locale/%/LC_MESSAGES/jiuye.mo)
XGETTEXT := xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
            --add-comments=TRANSLATORS --package-name=jiuye --package-version=0.1.0 \
            --msgid-bugs-address=jiuye-maintainers --add-location=file --sort-by-file
PO_SRC  = $(sort $(wildcard core/*.c core/*.h tui/*.c tui/*.h))

all: $(MO)
jiuye: | $(MO)
# main.c binds <directory of the binary>/build/locale: for build/asan/jiuye that is a link back.
build/asan/jiuye: | $(MO) build/asan/build/locale
build/asan/build/locale:
	@mkdir -p $(@D)
	ln -sfn ../../locale $@

build/locale/%/LC_MESSAGES/jiuye.mo: assets/po/%.po
	@mkdir -p $(@D)
	msgfmt --check-format -o $@ $<

po:
	$(XGETTEXT) -o $(POT) $(PO_SRC)
	for po in $(PO); do msgmerge --quiet --update --backup=none --no-fuzzy-matching $$po $(POT) && \
	  msgattrib --no-obsolete -o $$po $$po; done

po-check:
	@mkdir -p build
	@$(XGETTEXT) -o build/jiuye-check.pot $(PO_SRC)
	@for po in $(PO); do \
	  msgmerge --quiet --no-fuzzy-matching -o build/po-check.po $$po build/jiuye-check.pot && \
	  left=$$(msgattrib --untranslated --no-obsolete build/po-check.po | grep -c '^msgid ' ); \
	  if [ "$$left" -gt 1 ]; then echo "po-check: $$po lacks $$((left - 1)) translations (make po, then translate):"; \
	    msgattrib --untranslated --no-obsolete build/po-check.po | grep '^msgid ' | tail -n +2; exit 1; fi; \
	done; echo "po-check: every message is translated"

# The KEYS section of man/jiuye.1 is the key table of tui/keys.h, printed by build/keys-man (the
# table's own file with a main); `make man` rewrites it, `make man-check` fails when it is stale.
build/keys-man: tui/keys.c tui/keys.h tui/tui.h core/core.h
	@mkdir -p build
	$(CC) $(CPPFLAGS) -DJY_KEYS_MAN_MAIN $(NCURSES_CFLAGS) -std=c11 $(WARN) -o $@ tui/keys.c $(NCURSES_LIBS)

man: build/keys-man
	build/keys-man > build/keys.man
	sed -e '/^\.\\" keys: begin/,/^\.\\" keys: end/{/^\.\\" keys:/!d}' \
	    -e '/^\.\\" keys: begin/r build/keys.man' man/jiuye.1 > build/jiuye.1 && mv build/jiuye.1 man/jiuye.1

man-check: build/keys-man
	@build/keys-man > build/keys.man
	@sed -n '/^\.\\" keys: begin/,/^\.\\" keys: end/{/^\.\\" keys:/!p}' man/jiuye.1 | cmp -s - build/keys.man || \
	  { echo "man-check: the KEYS section of man/jiuye.1 differs from tui/keys.h; run make man"; exit 1; }
	@echo "man-check: man/jiuye.1 lists the keys of tui/keys.h"

install: install-locale
install-locale: $(MO)
	for mo in $(MO); do l=$${mo#build/locale/}; l=$${l%%/*}; \
	  install -d $(DESTDIR)$(DATADIR)/locale/$$l/LC_MESSAGES && \
	  install -m 0644 $$mo $(DESTDIR)$(DATADIR)/locale/$$l/LC_MESSAGES/jiuye.mo; done
uninstall: uninstall-locale
uninstall-locale:
	for mo in $(MO); do l=$${mo#build/locale/}; l=$${l%%/*}; rm -f $(DESTDIR)$(DATADIR)/locale/$$l/LC_MESSAGES/jiuye.mo; done

.PHONY: man man-check po-check install-locale uninstall-locale

# ---- install -----------------------------------------------------------------------------------
# On an office server (README; reference/privacy.md §3 D4), as root: `make install SETGID=1` also
# makes the group jiuye when it is missing, installs the binary root:jiuye 2755 (setgid: workers
# outside the group reach the data only through it) and the database folder STATEDIR 2770
# root:jiuye (setgid, so every file in it gets the group). A setgid jiuye opens only SHARED_DB
# (built in: after changing it, touch tui/server.c) or the db = of SYSCONFDIR/jiuye.conf.
# `make uninstall` leaves the database folder alone: it holds the registry.
SETGID     ?=
GROUP      ?= jiuye
SYSCONFDIR ?= /etc
STATEDIR   ?= /var/lib/jiuye
SHARED_DB  ?= $(STATEDIR)/jiuye.db
CPPFLAGS   += -DJY_SYSCONFDIR='"$(SYSCONFDIR)"' -DJY_SHARED_DB='"$(SHARED_DB)"'
install: jiuye
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 jiuye $(DESTDIR)$(BINDIR)/jiuye
	install -m 0644 man/jiuye.1 $(DESTDIR)$(MANDIR)/man1/jiuye.1
ifneq ($(SETGID),)
	getent group $(GROUP) >/dev/null || groupadd --system $(GROUP)
	install -o root -g $(GROUP) -m 2755 jiuye $(DESTDIR)$(BINDIR)/jiuye
	install -d -o root -g $(GROUP) -m 2770 $(DESTDIR)$(STATEDIR)
endif
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/jiuye $(DESTDIR)$(MANDIR)/man1/jiuye.1

clean:
	rm -rf build jiuye
