# nqpdf - a plain Makefile.  `make deps` installs Debian packages, `make`
# builds ./nqpdf, `make test` runs every test, `make bench` measures.

PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share/nqpdf
MANDIR   ?= $(PREFIX)/share/man

CC       ?= cc
PKGS     := harfbuzz harfbuzz-subset freetype2 libcjson libqrencode fontconfig
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lm
WARN     := -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wmissing-prototypes -Wshadow -Wno-overlength-strings
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) -Iinclude -Isrc $(PKG_CFLAGS) \
             -DNQ_DATADIR='"$(DATADIR)"' $(EXTRA_CFLAGS)
LDFLAGS  ?=

BUILD    ?= build
SRC      := $(sort $(wildcard src/*/*.c))
OBJ      := $(SRC:%.c=$(BUILD)/%.o)
LIB      := $(BUILD)/libnqpdf.a
BIN      := nqpdf
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
UNIT_BIN := $(BUILD)/unit_tests

# fontconfig finds system fonts for characters the bundled ones lack;
# fonts-droid-fallback is a TrueType CJK font the fallback tests use; clang
# builds the libFuzzer targets (make fuzz); mupdf-tools checks PDFs too.
DEBIAN_PKGS := build-essential pkg-config libcjson-dev libharfbuzz-dev \
               libfreetype-dev libhpdf-dev libqrencode-dev libfontconfig-dev \
               fonts-droid-fallback clang \
               poppler-utils qpdf zbar-tools mupdf-tools valgrind time

.PHONY: all deps test unit bench asan valgrind install uninstall clean regen

all: $(BIN)

$(BUILD)/%.o: %.c $(wildcard include/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/main.o $(LIB)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/main.o: src/main.c include/nqpdf.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(UNIT_BIN): $(UNIT_SRC) $(LIB) tests/unit/harness.h
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -Itests/unit -o $@ $(UNIT_SRC) $(LIB) $(PKG_LIBS)

# Debian 12 packages: the libraries, and the tools the tests check PDFs with.
deps:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(DEBIAN_PKGS)

unit: $(UNIT_BIN)
	$(UNIT_BIN)

test: $(BIN) $(UNIT_BIN)
	@sh tests/run.sh

regen: $(BIN)
	@REGEN=1 sh tests/run.sh

bench: $(BIN)
	@sh tests/bench.sh

# The whole suite under AddressSanitizer and UBSan, in its own build dir.
asan:
	$(MAKE) BUILD=build-asan BIN=build-asan/nqpdf CC=gcc \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  LDFLAGS="-fsanitize=address,undefined" build-asan/nqpdf build-asan/unit_tests
	NQPDF=build-asan/nqpdf UNIT=build-asan/unit_tests sh tests/run.sh

valgrind: $(BIN)
	@sh tests/valgrind.sh

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/nqpdf
	install -m 644 fonts/*.ttf fonts/*.txt $(DESTDIR)$(DATADIR)/fonts/
	install -m 644 docs/nqpdf.schema.json $(DESTDIR)$(DATADIR)/
	if [ -f docs/nqpdf.1 ]; then install -m 644 docs/nqpdf.1 $(DESTDIR)$(MANDIR)/man1/; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/nqpdf $(DESTDIR)$(MANDIR)/man1/nqpdf.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan $(BIN) tests/out
