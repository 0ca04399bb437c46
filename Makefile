# cs: customer-service tools for the Unix shell.
# GNU make; `make check` builds, tests (plain, on PostgreSQL too, and
# sanitized) and lints.

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DATADIR	?= $(PREFIX)/share/cs
# bash-completion loads a program's completion from a file of its name.
COMPDIR	?= $(PREFIX)/share/bash-completion/completions
SYSCONFDIR ?= /etc
VERSION	= 0.1.0

B	?= build
CC	?= cc
CFLAGS	?= -O2 -g
BSD_CFLAGS != pkg-config --cflags libbsd-overlay 2>/dev/null || echo -isystem /usr/include/bsd -DLIBBSD_OVERLAY
CPPFLAGS += -D_GNU_SOURCE -D_FORTIFY_SOURCE=2 $(BSD_CFLAGS) -Ilib \
	    -DCS_SYSCONF='"$(SYSCONFDIR)/cs.conf"' -DCS_VERSION='"$(VERSION)"'
WFLAGS	= -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	  -Wmissing-prototypes -Wno-unused-parameter
# libbsd, libmd and nettle are linked in: a lookup is a process start,
# and two shared libraries fewer to load is a fifth of a millisecond
# less.  The audit chain's SHA-256 is nettle's, which uses the CPU's SHA
# instructions where it has them (libmd's took a fifth of an import).
# libpq for a PostgreSQL desk (lib/store/pg.c); scripts/deps installs it.
# It is opened by its soname (dlopen) when a desk on PostgreSQL is
# opened: linked, its two dozen libraries (TLS, Kerberos, LDAP) were
# loaded by every start, two thirds of a lookup on a SQLite desk.
PQ_CFLAGS != pkg-config --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql
PQ_SONAME != d=$$(pkg-config --variable=libdir libpq 2>/dev/null); \
	s=$$(objdump -p "$${d:-/usr/lib}/libpq.so" 2>/dev/null | \
	awk '$$1 == "SONAME" { print $$2 }'); echo "$${s:-libpq.so.5}"
CPPFLAGS += $(PQ_CFLAGS) -DPQ_SONAME='"$(PQ_SONAME)"'
LDLIBS	+= -lsqlite3 -Wl,-Bstatic -lbsd -lmd -lnettle -Wl,-Bdynamic
# OpenCC folds traditional Chinese to simplified for the lint (lint.c).
# Its header and library come from pkg-config; the library is opened by
# its soname (dlopen) on the first reply linted, so that every other
# command starts without it and the C++ runtime it brings (2 ms a start).
OPENCC_CFLAGS != pkg-config --cflags opencc 2>/dev/null || echo -I/usr/include/opencc
OPENCC_SONAME != d=$$(pkg-config --variable=libdir opencc 2>/dev/null); \
	s=$$(objdump -p "$${d:-/usr/lib}/libopencc.so" 2>/dev/null | \
	awk '$$1 == "SONAME" { print $$2 }'); echo "$${s:-libopencc.so}"
CPPFLAGS += $(OPENCC_CFLAGS) -DOPENCC_SONAME='"$(OPENCC_SONAME)"'

ifeq ($(SANITIZE),1)
CFLAGS	+= -fsanitize=address,undefined -fno-sanitize-recover=all \
	   -fno-omit-frame-pointer
LDFLAGS	+= -fsanitize=address,undefined
endif

# The library as the libFuzzer harnesses link it (scripts/fuzz sets
# FUZZ=1 and its own build directory, build-fuzz).
ifeq ($(FUZZ),1)
CC	= clang
CFLAGS	+= -fsanitize=fuzzer-no-link,address,undefined \
	   -fno-sanitize-recover=all -fno-omit-frame-pointer
endif

PROGS	= cs-ticket cs-order cs-refund cs-escalate cs-report
# The library's layers, lowest first (cs(7), make layers).
LAYERS	= text store desk cli
LIBSRC	= $(foreach l,$(LAYERS),$(wildcard lib/$(l)/*.c))
LIBOBJ	= $(LIBSRC:lib/%.c=$(B)/lib/%.o)
LIBHDR	= $(foreach l,$(LAYERS),$(wildcard lib/$(l)/*.h)) lib/banned.h
UNITSRC	= $(wildcard tests/unit/*.c)
UNITS	= $(UNITSRC:tests/unit/%.c=$(B)/t-%)
FUZZSRC	= $(wildcard tests/fuzz/*.c)
FUZZERS	= $(FUZZSRC:tests/fuzz/%.c=$(B)/fuzz/%)
FUZZ_TIME ?= 300
FUZZ_B	?= build-fuzz
MAN1	= $(PROGS:%=man/%.1)
MANS	= $(MAN1) man/cs.conf.5 man/cs.7
# The benchmark's own tools: a timer and the floor programs.
BENCH	= $(B)/bench-time $(B)/bench-floor

all: $(PROGS:%=$(B)/%) $(UNITS) $(BENCH)

$(B)/lib/%.o: lib/%.c $(LIBHDR)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WFLAGS) -c -o $@ $<

$(B)/libcs.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

$(B)/cs-%: cmd/cs-%.c $(B)/libcs.a $(LIBHDR)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WFLAGS) $(LDFLAGS) -o $@ $< \
	    $(B)/libcs.a $(LDLIBS)

# A program's own object, only for make layers (nm reads what it calls).
$(B)/cmd/%.o: cmd/%.c $(wildcard lib/*.h lib/*/*.h)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WFLAGS) -c -o $@ $<

$(B)/t-%: tests/unit/%.c tests/unit/check.h $(B)/libcs.a $(LIBHDR)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WFLAGS) -Wno-missing-prototypes \
	    $(LDFLAGS) -o $@ $< $(B)/libcs.a $(LDLIBS)

$(B)/bench-%: scripts/bench-%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

$(B)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(B)/libcs.a $(LIBHDR)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WFLAGS) -Wno-missing-prototypes \
	    -fsanitize=fuzzer,address,undefined -o $@ $< $(B)/libcs.a $(LDLIBS)

# The harnesses alone; scripts/fuzz builds them with FUZZ=1.
fuzzers: $(FUZZERS)

# Each harness for FUZZ_TIME seconds; crashes go to tests/fuzz-regress/.
fuzz:
	@sh scripts/fuzz -b $(FUZZ_B) -t $(FUZZ_TIME)

# Timings against the floor and sqlite3 (BENCH_FLAGS=-l adds 10M tickets).
bench: all
	@sh scripts/bench -b $(B) $(BENCH_FLAGS)

# On PostgreSQL: a desk copied into a throwaway cluster, against psql
# and against SQLite (scripts/bench-pg).
bench-pg: all
	@sh scripts/bench-pg -b $(B) $(BENCH_FLAGS)

# Many writers, readers and sweeps at once (make check runs it short);
# STRESS_FLAGS=-B checks that a broken build is caught.
stress: all
	@sh scripts/stress -b $(B) $(STRESS_FLAGS)

# The same on PostgreSQL: 32 writers over TCP on loopback, as agents on
# other hosts, against a throwaway cluster (scripts/pg-cluster).
stress-pg: all
	@sh scripts/stress -p -w 32 -n 200 -b $(B) $(STRESS_FLAGS)

# SIGKILL at random moments of a 100,000-line batch, a migration, a
# sweep and imports, then runs to the end (make check runs it short);
# CRASH_FLAGS=-B checks that a build without transactions is caught.
crash: all
	@sh scripts/crash -b $(B) $(CRASH_FLAGS)

# The same on PostgreSQL, a desk copied into a throwaway cluster
# (scripts/pg-cluster): 20,000 lines and 20 kills; no migrate scenario.
crash-pg: all
	@sh scripts/crash -p -n 20000 -k 20 -b $(B) $(CRASH_FLAGS)

# Unit tests, transcript tests on SQLite and again on PostgreSQL (a
# throwaway cluster), the sanitized rerun, and lint.
check:
	@sh tests/run

# One pass over one build directory, used by tests/run.
check-one: all
	@sh tests/run -b $(B)

check-asan:
	@sh tests/run -s

# The transcripts on PostgreSQL alone, against a throwaway cluster
# (scripts/pg-cluster); check runs them too (cs(7)).
check-pg: all
	@sh tests/run -p $(B)

# The unit tests and tests/1700-tour.t under valgrind memcheck, on the
# plain build (about 35 s); make check runs it.
memcheck: all
	@sh scripts/memcheck -b $(B)

# Line and branch coverage (gcov) of the parsers and the money paths,
# from the suite run on a --coverage -O0 build in $(B)-cov.
coverage:
	@sh scripts/coverage -b $(B)-cov

# cppcheck and clang-tidy with the checked-in configuration
# (.cppcheck-suppressions, .clang-tidy); any finding fails.
analyze:
	@sh scripts/analyze

# Arrows point down only: an include or a call from a lower layer to a
# higher one, or a database client header or function outside the
# store's backend, is a finding (scripts/layers; calls from nm).
layers: $(LIBOBJ) $(PROGS:%=$(B)/cmd/%.o)
	@sh scripts/layers -b $(B)

lint:
	@out=$$(mandoc -Tlint -Wwarning $(MANS) 2>&1); \
	if [ -n "$$out" ]; then echo "$$out"; exit 1; fi

demo: all
	@sh scripts/demo

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(PROGS:%=$(B)/%) $(DESTDIR)$(BINDIR)
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 man/cs.conf.5 $(DESTDIR)$(MANDIR)/man5
	install -m 644 man/cs.7 $(DESTDIR)$(MANDIR)/man7
	install -d $(DESTDIR)$(DATADIR)
	install -m 644 data/holidays-cn-2026.conf $(DESTDIR)$(DATADIR)
	install -m 755 scripts/cron-sweep scripts/cron-sla-report \
	    $(DESTDIR)$(DATADIR)
	install -m 644 data/cs.conf.example $(DESTDIR)$(DATADIR)
	install -d $(DESTDIR)$(COMPDIR)
	for p in $(PROGS); do \
		install -m 644 scripts/completion.bash $(DESTDIR)$(COMPDIR)/$$p || exit; \
	done

uninstall:
	rm -f $(PROGS:%=$(DESTDIR)$(BINDIR)/%) \
	    $(PROGS:%=$(DESTDIR)$(MANDIR)/man1/%.1) \
	    $(DESTDIR)$(MANDIR)/man5/cs.conf.5 $(DESTDIR)$(MANDIR)/man7/cs.7 \
	    $(DESTDIR)$(DATADIR)/holidays-cn-2026.conf \
	    $(DESTDIR)$(DATADIR)/cron-sweep $(DESTDIR)$(DATADIR)/cron-sla-report \
	    $(DESTDIR)$(DATADIR)/cs.conf.example $(PROGS:%=$(DESTDIR)$(COMPDIR)/%)
	-rmdir $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san build-cov build-fuzz demo bench.d

.PHONY: all fuzzers fuzz bench bench-pg stress stress-pg crash crash-pg check check-one check-asan check-pg analyze memcheck coverage layers lint demo install uninstall clean
.PRECIOUS: $(B)/lib/%.o
