# jiuye: one plain GNU Makefile with pkg-config.
#   make            build ./jiuye
#   make run        install what is missing, build, create the demo database, start jiuye on it
#   make test       install what is missing, then every test (unit under ASan/UBSan, command line,
#                   screen), ending with one line "N passed, N failed"
#   make check      the layering rule: no curses in core/
#   make bench      the speed and size figures on a 1,000,000-resident registry
#   make stress     20 workers for 60 s on one file, and 500 kill -9 rounds: nothing lost
#   make install PREFIX=/usr/local DESTDIR=   (also the nightly backup's systemd timer, not enabled)

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share
MANDIR   ?= $(DATADIR)/man
DOCDIR   ?= $(DATADIR)/doc/jiuye
# systemd reads units from /usr/local/lib/systemd/system as well as /lib/systemd/system
UNITDIR  ?= $(PREFIX)/lib/systemd/system

CC       ?= cc
PKG_CONFIG ?= pkg-config
OPT      ?= -O2
WARN     := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter \
            -Wformat=2 -Wvla -Werror=implicit-function-declaration
# CFLAGS, CPPFLAGS and LDFLAGS are the builder's (`make CFLAGS=-O0 LDFLAGS=-static-pie`): they are
# added to what the build needs (JY_*), never replace it.
CFLAGS   ?= $(OPT) -g
JY_CPPFLAGS = -D_GNU_SOURCE -DNCURSES_WIDECHAR=1 -DJY_DATADIR='"$(DATADIR)"' \
              -DJY_SYSCONFDIR='"$(SYSCONFDIR)"' -DJY_SHARED_DB='"$(SHARED_DB)"' -Icore -Ibuild/gen
# The hardening Debian builds its packages with (dpkg-buildflags, hardening=+all): the binary may be
# installed setgid, so it is a PIE bound at load time (-z now) with a read-only relocation table.
HARDEN_CPPFLAGS := -D_FORTIFY_SOURCE=2
HARDEN_CFLAGS   := -fPIE -fstack-protector-strong -fstack-clash-protection -Wformat \
                   -Werror=format-security \
                   $(if $(filter x86_64 i386 i486 i586 i686,$(shell uname -m)),-fcf-protection)
HARDEN_LDFLAGS  := -pie -Wl,-z,relro -Wl,-z,now
DEPFLAGS := -MMD -MP

pc_cflags = $(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null)
pc_libs   = $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null || echo $(2))
NCURSES_CFLAGS := $(call pc_cflags,ncursesw)
NCURSES_LIBS   := $(call pc_libs,ncursesw,-lncursesw)
SQLITE_CFLAGS  := $(call pc_cflags,sqlite3)
SQLITE_LIBS    := $(call pc_libs,sqlite3,-lsqlite3)
XLSX_LIBS      := $(call pc_libs,xlsxwriter,-lxlsxwriter)
NETTLE_LIBS    := $(call pc_libs,nettle,-lnettle)
PAM_LIBS       := $(call pc_libs,pam,-lpam)
VTERM_LIBS     := $(call pc_libs,vterm,-lvterm)
# the screen harness reads the key bytes of each terminal from its terminfo entry
TINFO_LIBS     := $(call pc_libs,tinfo,-ltinfo)
CMOCKA_LIBS    := $(call pc_libs,cmocka,-lcmocka)
# printouts as PDF (core/report/pdf.c): cairo and pango, the glyphs of a Chinese font embedded
PANGO_CFLAGS   := $(call pc_cflags,pangocairo fontconfig)
PANGO_LIBS     := $(call pc_libs,pangocairo fontconfig,-lpangocairo-1.0 -lpango-1.0 -lcairo -lgobject-2.0 -lglib-2.0 -lfontconfig)
# Debian 12 ships no libunistring.pc.
CORE_LIBS := $(SQLITE_LIBS) $(XLSX_LIBS) -lunistring $(NETTLE_LIBS) $(PANGO_LIBS) -lm

SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# core/ is cut into parts, one folder and one public header each; tui/ is the program: its main
# loop and shared headers at the top, widget/ the widgets, cli/ the command line, a folder of
# screens per module.
CORE_PARTS := base store record registry jobs training enterprise casework report admin
CORE_SRC := $(sort $(wildcard $(CORE_PARTS:%=core/%/*.c)))
TUI_SRC  := $(sort $(wildcard tui/*.c tui/*/*.c))
SCHEMA   := $(sort $(wildcard assets/schema/*.sql))
HANZI    := assets/hanzi.tsv
GEN_SRC  := build/gen/assets.c

# Debian packages the build and the tests need (installed by `make deps` when missing).
DEB_BUILD := gcc make pkg-config libncurses-dev libsqlite3-dev libunistring-dev libxlsxwriter-dev nettle-dev gettext
# the idle lock checks the worker's own password through PAM when the office asks for it (tui/widget/lock.c)
DEB_BUILD += libpam0g-dev
# the terminal descriptions of PuTTY (putty, putty-256color) and many more live there, not in
# ncurses-base
DEB_BUILD += ncurses-term
# printouts as PDF: cairo and pango, and a fixed-pitch Chinese font to embed (文泉驿等宽正黑)
DEB_BUILD += libpango1.0-dev libcairo2-dev fonts-wqy-zenhei
# files to and from the worker's PC over her terminal by ZMODEM: sz and rz (core/base/zmodem.c)
DEB_BUILD += lrzsz
DEB_TEST  := $(DEB_BUILD) libcmocka-dev libvterm-dev locales sqlite3 python3-openpyxl
# pdftotext: the Chinese of a PDF printout comes back (tests/cli/printto.sh)
DEB_TEST  += poppler-utils
# make fuzz: clang with libFuzzer and its sanitizer runtimes
DEB_TEST  += clang libclang-rt-14-dev

.PHONY: all run deps deps-test test test-unit check bench install uninstall clean demo po stress
all: jiuye

# ---- generated sources: the schema migrations and the hanzi table, embedded in the binary ------
$(GEN_SRC): assets/embed.sh $(SCHEMA) $(HANZI)
	@mkdir -p build/gen
	sh assets/embed.sh $(HANZI) $(SCHEMA) > $@.tmp && mv $@.tmp $@

# ---- the program ----------------------------------------------------------------------------
# Every object lists the headers it read in its .d file (-MMD -MP), so touching a header rebuilds
# exactly what includes it.
ALL_CPPFLAGS = $(JY_CPPFLAGS) $(HARDEN_CPPFLAGS) $(CPPFLAGS)
cflags_for = $(if $(filter tui/%,$(1)),-Itui $(NCURSES_CFLAGS))$(if $(filter tui/widget/lock.c,$(1)), $(call pc_cflags,pam))$(if $(filter core/report/pdf.c,$(1)), $(PANGO_CFLAGS)) $(SQLITE_CFLAGS)
build/o/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(call cflags_for,$<) -std=c11 $(WARN) $(HARDEN_CFLAGS) $(CFLAGS) $(DEPFLAGS) -c $< -o $@
build/o/gen/assets.o: $(GEN_SRC)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -std=c11 $(HARDEN_CFLAGS) $(CFLAGS) -c $< -o $@

CORE_OBJ := $(CORE_SRC:%.c=build/o/%.o) build/o/gen/assets.o
TUI_OBJ  := $(TUI_SRC:%.c=build/o/%.o)

jiuye: $(CORE_OBJ) $(TUI_OBJ)
	$(CC) $(HARDEN_CFLAGS) $(CFLAGS) $(HARDEN_LDFLAGS) $(LDFLAGS) -o $@ $^ $(NCURSES_LIBS) $(PAM_LIBS) $(CORE_LIBS)

# ---- the sanitizer build the tests use ------------------------------------------------------
# The same warnings as the program (units tests too); no _FORTIFY_SOURCE, which ASan replaces.
ASAN_CFLAGS := -std=c11 $(WARN) -O1 -g $(SAN)
build/asan/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(JY_CPPFLAGS) $(CPPFLAGS) $(call cflags_for,$<) $(ASAN_CFLAGS) $(DEPFLAGS) -c $< -o $@
build/asan/gen/assets.o: $(GEN_SRC)
	@mkdir -p $(@D)
	$(CC) $(JY_CPPFLAGS) -std=c11 -O1 -g -c $< -o $@
ASAN_CORE := $(CORE_SRC:%.c=build/asan/%.o) build/asan/gen/assets.o
ASAN_TUI  := $(TUI_SRC:%.c=build/asan/%.o)
build/asan/jiuye: $(ASAN_CORE) $(ASAN_TUI)
	$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(NCURSES_LIBS) $(PAM_LIBS) $(CORE_LIBS)

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)
build/asan/tests/%: tests/unit/%.c $(ASAN_CORE)
	@mkdir -p $(@D)
	$(CC) $(JY_CPPFLAGS) $(CPPFLAGS) $(SQLITE_CFLAGS) -Itests/unit $(ASAN_CFLAGS) $(DEPFLAGS) -MT $@ -MF $@.d \
	  $(LDFLAGS) -o $@ $< $(ASAN_CORE) $(CMOCKA_LIBS) $(CORE_LIBS)

build/asan/vtharness: tests/screen/vtharness.c
	@mkdir -p $(@D)
	$(CC) -D_GNU_SOURCE $(CPPFLAGS) $(ASAN_CFLAGS) $(DEPFLAGS) $(LDFLAGS) -o $@ $< $(VTERM_LIBS) $(TINFO_LIBS) -lutil

-include $(CORE_OBJ:.o=.d) $(TUI_OBJ:.o=.d) $(ASAN_CORE:.o=.d) $(ASAN_TUI:.o=.d) $(UNIT_BIN:=.d)

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
	@# the GBK and GB18030 terminals of older Xshell set-ups (tests/cli/charset.sh, tests/screen)
	@locale -a 2>/dev/null | grep -qix 'zh_CN.gbk' && locale -a 2>/dev/null | grep -qix 'zh_CN.gb18030' || { \
	  echo "generating the zh_CN.GBK and zh_CN.GB18030 locales"; \
	  $(SUDO) sh -c "for l in 'zh_CN.GBK GBK' 'zh_CN.GB18030 GB18030'; do grep -q \"^\$$l\" /etc/locale.gen 2>/dev/null || echo \"\$$l\" >> /etc/locale.gen; done; locale-gen >/dev/null"; }

DEMO_DB ?= build/demo.db
run: deps
	$(MAKE) jiuye
	@[ -f $(DEMO_DB) ] || ./jiuye init --demo --db $(DEMO_DB)
	./jiuye --db $(DEMO_DB)

# ---- tests -------------------------------------------------------------------------------------
test: deps-test
	$(MAKE) check jiuye build/asan/jiuye build/asan/vtharness build/stress $(UNIT_BIN)
	sh tests/run.sh

# The layering rule, proved on the sources and on the objects (tests/check.sh): no curses in
# core/, no SQL in tui/, each part of core/ includes and calls only itself and the parts below it.
check: $(CORE_OBJ)
	@sh tests/check.sh build/o/core $(CORE_PARTS)

# The figures built with the program's flags: what a worker runs.
PROG_BUILD = $(CC) $(ALL_CPPFLAGS) $(SQLITE_CFLAGS) -std=c11 $(WARN) $(HARDEN_CFLAGS) $(CFLAGS) \
             $(HARDEN_LDFLAGS) $(LDFLAGS)
bench: deps-test
	$(MAKE) jiuye build/bench build/bench_pty build/bench_jobs build/bench_report
	sh tests/bench.sh

build/bench: tests/bench.c $(CORE_OBJ)
	$(PROG_BUILD) -o $@ $< $(CORE_OBJ) $(CORE_LIBS)

# The monthly report on the same registry with a year of events.
build/bench_report: tests/bench_report.c $(CORE_OBJ)
	$(PROG_BUILD) -o $@ $< $(CORE_OBJ) $(CORE_LIBS)

# Matching on the same size of registry, with job intentions.
build/bench_jobs: tests/bench_jobs.c $(CORE_OBJ)
	$(PROG_BUILD) -o $@ $< $(CORE_OBJ) $(CORE_LIBS)

# Many workers at once and kill -9 lose nothing: `make stress` runs the long form; the test suite
# runs tests/stress/run.sh short (STRESS_SECONDS=10, CRASH_ROUNDS=50).
STRESS_SECONDS ?= 60
STRESS_WORKERS ?= 20
CRASH_ROUNDS   ?= 500
build/stress: tests/stress/stress.c $(CORE_OBJ)
	$(PROG_BUILD) -o $@ $< $(CORE_OBJ) $(CORE_LIBS)

stress: deps-test
	$(MAKE) jiuye build/stress
	STRESS_SECONDS=$(STRESS_SECONDS) STRESS_WORKERS=$(STRESS_WORKERS) CRASH_ROUNDS=$(CRASH_ROUNDS) \
	  sh tests/stress/run.sh

# The full-screen figures reuse the screen-test harness (included, not linked: one file).
build/bench_pty: tests/bench_pty.c tests/screen/vtharness.c
	@mkdir -p build
	$(CC) -D_GNU_SOURCE -Itests $(CPPFLAGS) -std=c11 $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $< $(VTERM_LIBS) $(TINFO_LIBS) -lutil

# ---- fuzzing -------------------------------------------------------------------------------------
#   make fuzz [FUZZ_SECONDS=10]   libFuzzer targets over the CSV reader, the ID number, credit code
#                                 and date parsers and the field editor (tests/fuzz/fuzz_*.c), built
#                                 with clang into build/fuzz/ and each run that long over its seeds in
#                                 tests/fuzz/corpus/<target>/; one TAP line per target
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 10
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_SRC     := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN     := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_OBJ     := $(CORE_SRC:%.c=build/fuzz/o/%.o) build/fuzz/o/gen_assets.o
build/fuzz/o/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(JY_CPPFLAGS) $(CPPFLAGS) $(call cflags_for,$<) -std=c11 -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(DEPFLAGS) -c $< -o $@
build/fuzz/o/gen_assets.o: $(GEN_SRC)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(JY_CPPFLAGS) -std=c11 -O1 -c $< -o $@
# an archive: a target links only the parts of core it calls
build/fuzz/libcore.a: $(FUZZ_OBJ)
	rm -f $@ && ar rcs $@ $^
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h build/fuzz/libcore.a
	$(FUZZ_CC) $(JY_CPPFLAGS) $(CPPFLAGS) $(SQLITE_CFLAGS) -std=c11 -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< build/fuzz/libcore.a $(CORE_LIBS)
-include $(FUZZ_OBJ:.o=.d)
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
PO_SRC  = $(sort $(wildcard core/*.h core/*/*.c core/*/*.h tui/*.c tui/*.h tui/*/*.c tui/*/*.h))

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
	  msgfmt --check -o /dev/null $$po || { echo "po-check: $$po does not compile (msgfmt --check above)"; exit 1; }; \
	  msgmerge --quiet --no-fuzzy-matching -o build/po-check.po $$po build/jiuye-check.pot || \
	    { echo "po-check: msgmerge refused $$po (above)"; exit 1; }; \
	  left=$$(msgattrib --untranslated --no-obsolete build/po-check.po | grep -c '^msgid ' ); \
	  if [ "$$left" -gt 1 ]; then echo "po-check: $$po lacks $$((left - 1)) translations (make po, then translate):"; \
	    msgattrib --untranslated --no-obsolete build/po-check.po | grep '^msgid ' | tail -n +2; exit 1; fi; \
	done; echo "po-check: every message is translated"

# The KEYS section of man/jiuye.1 is the key table of tui/keys.h, printed by build/keys-man (the
# table's own file with a main); `make man` rewrites it, `make man-check` fails when it is stale.
build/keys-man: tui/widget/keys.c tui/keys.h tui/tui.h $(wildcard core/*.h core/*/*.h)
	@mkdir -p build
	$(CC) $(JY_CPPFLAGS) $(CPPFLAGS) -DJY_KEYS_MAN_MAIN -Itui $(NCURSES_CFLAGS) -std=c11 $(WARN) $(LDFLAGS) -o $@ tui/widget/keys.c $(NCURSES_LIBS)

man: build/keys-man
	build/keys-man > build/keys.man
	sed -e '/^\.\\" keys: begin/,/^\.\\" keys: end/{/^\.\\" keys:/!d}' \
	    -e '/^\.\\" keys: begin/r build/keys.man' man/jiuye.1 > build/jiuye.1 && mv build/jiuye.1 man/jiuye.1

man-check: build/keys-man
	@build/keys-man > build/keys.man
	@sed -n '/^\.\\" keys: begin/,/^\.\\" keys: end/{/^\.\\" keys:/!p}' man/jiuye.1 | cmp -s - build/keys.man || \
	  { echo "man-check: the KEYS section of man/jiuye.1 differs from tui/keys.h; run make man"; exit 1; }
	@echo "man-check: man/jiuye.1 lists the keys of tui/keys.h"

# The nightly backup: a systemd service and timer (installed, not enabled: `systemctl enable --now
# jiuye-backup.timer`), and a cron.d example for a server without systemd. They name the
# installed binary, BINDIR without DESTDIR.
BACKUP_UNITS := jiuye-backup.service jiuye-backup.timer
install: install-backup
install-backup:
	@mkdir -p build
	install -d $(DESTDIR)$(UNITDIR) $(DESTDIR)$(DOCDIR)/examples
	for u in $(BACKUP_UNITS); do \
	  sed 's|@BINDIR@|$(BINDIR)|g' assets/systemd/$$u > build/$$u && \
	  install -m 0644 build/$$u $(DESTDIR)$(UNITDIR)/$$u || exit 1; done
	sed 's|@BINDIR@|$(BINDIR)|g' assets/systemd/jiuye-backup.cron > build/jiuye-backup.cron
	install -m 0644 build/jiuye-backup.cron $(DESTDIR)$(DOCDIR)/examples/jiuye-backup.cron
uninstall: uninstall-backup
uninstall-backup:
	for u in $(BACKUP_UNITS); do rm -f $(DESTDIR)$(UNITDIR)/$$u; done
	rm -f $(DESTDIR)$(DOCDIR)/examples/jiuye-backup.cron

install: install-locale
install-locale: $(MO)
	for mo in $(MO); do l=$${mo#build/locale/}; l=$${l%%/*}; \
	  install -d $(DESTDIR)$(DATADIR)/locale/$$l/LC_MESSAGES && \
	  install -m 0644 $$mo $(DESTDIR)$(DATADIR)/locale/$$l/LC_MESSAGES/jiuye.mo; done
uninstall: uninstall-locale
uninstall-locale:
	for mo in $(MO); do l=$${mo#build/locale/}; l=$${l%%/*}; rm -f $(DESTDIR)$(DATADIR)/locale/$$l/LC_MESSAGES/jiuye.mo; done

.PHONY: man man-check po-check install-locale uninstall-locale install-backup uninstall-backup

# ---- install -----------------------------------------------------------------------------------
# On an office server (README), as root: `make install SETGID=1` also
# makes the group jiuye when it is missing, installs the binary root:jiuye 2755 (setgid: workers
# outside the group reach the data only through it) and the database folder STATEDIR 2770
# root:jiuye (setgid, so every file in it gets the group). A setgid jiuye opens only SHARED_DB
# (built in: after changing it, touch tui/cli/server.c) or the db = of SYSCONFDIR/jiuye.conf.
# `make uninstall` leaves the database folder alone: it holds the registry.
SETGID     ?=
GROUP      ?= jiuye
SYSCONFDIR ?= /etc
STATEDIR   ?= /var/lib/jiuye
SHARED_DB  ?= $(STATEDIR)/jiuye.db
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
