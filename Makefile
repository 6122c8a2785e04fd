# govkit: one Makefile, pkg-config for every dependency.
#
#   make            build every tool into bin/
#   make SAN=1      the same with ASan + UBSan, into build/san/bin/
#   make check      install missing packages, build, run the tests (plain
#                   and sanitizer builds)
#   make demo       install missing packages, build, run the sample pipeline
#   make bench      benchmarks (bench/README.md)
#   make fuzz       long fuzzing campaign (tests/fuzz/)
#   make install / uninstall   (PREFIX, DESTDIR)

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man
BASHDIR  = $(PREFIX)/share/bash-completion/completions
ZSHDIR   = $(PREFIX)/share/zsh/vendor-completions

PKGS = sqlite3 libcurl libcjson xlsxwriter libpcre2-8 libcrypto libzip expat

CC      ?= cc
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wpointer-arith -Wformat=2 -Wno-format-nonliteral -Wvla
CFLAGS  ?= -O2 -g
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Icommon
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS  += $(PKG_LIBS) -lpthread -lm

ifeq ($(SAN),1)
BUILD    = build/san
BIN      = build/san/bin
CFLAGS   = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
           -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
else
BUILD    = build/obj
BIN      = bin
endif

ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(PKG_CFLAGS)

# Tools: cmd/gov-NAME.c, or a folder cmd/NAME/ for a tool that outgrew one file.
TOOLS_ONEFILE := $(patsubst cmd/gov-%.c,%,$(wildcard cmd/gov-*.c))
TOOLS_FOLDER  := $(patsubst cmd/%/,%,$(sort $(dir $(wildcard cmd/*/*.c))))
TOOLS         := $(sort $(TOOLS_ONEFILE) $(TOOLS_FOLDER))
TOOL_BINS     := $(addprefix $(BIN)/gov-,$(TOOLS))

LIB_SRC := $(wildcard common/*.c)
LIB_OBJ := $(patsubst common/%.c,$(BUILD)/common/%.o,$(LIB_SRC))
LIB     := $(BUILD)/libgovkit.a

UNIT_SRC  := $(wildcard tests/unit/*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRC))

.PHONY: all check check-plain check-san test unit deps demo bench fuzz \
        install uninstall clean lint-man tools

all: $(TOOL_BINS) $(UNIT_BINS)

tools: $(TOOL_BINS)

$(BUILD)/common/%.o: common/%.c common/govkit.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/cmd/%.o: cmd/%.c common/govkit.h $(wildcard cmd/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

# One link rule per tool, from its file or its folder.
define tool_rule
$(BIN)/gov-$(1): $(patsubst cmd/%.c,$(BUILD)/cmd/%.o,$(wildcard cmd/gov-$(1).c cmd/$(1)/*.c)) $(LIB)
	@mkdir -p $(BIN)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(LDLIBS)
endef
$(foreach t,$(TOOLS),$(eval $(call tool_rule,$(t))))

$(BUILD)/unit/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

deps:
	@./scripts/install-deps

# The test command of the README and of .ci/run.
check: deps
	$(MAKE) check-plain
	$(MAKE) check-san

check-plain: all
	GOVKIT_BIN=$(CURDIR)/bin GOVKIT_UNIT=$(CURDIR)/build/obj/unit \
	  prove -j2 -f tests/

check-san:
	$(MAKE) SAN=1 all
	GOVKIT_BIN=$(CURDIR)/build/san/bin GOVKIT_UNIT=$(CURDIR)/build/san/unit \
	  GOVKIT_SAN=1 ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  prove -j2 tests/

demo: deps all
	./samples/demo.sh

bench: all
	./bench/run

fuzz:
	./tests/fuzz/run $(FUZZ_SECONDS)

lint-man:
	mandoc -Tlint -Wwarning man/*.[0-9]

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
	  $(DESTDIR)$(BASHDIR) $(DESTDIR)$(ZSHDIR)
	install -m 755 $(TOOL_BINS) $(DESTDIR)$(BINDIR)
	for f in man/*.1; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(MANDIR)/man1; done; true
	for f in man/*.5; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(MANDIR)/man5; done; true
	for f in man/*.7; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(MANDIR)/man7; done; true
	for f in completions/bash/*; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(BASHDIR); done; true
	for f in completions/zsh/_*; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(ZSHDIR); done; true

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/gov-$$t \
	  $(DESTDIR)$(MANDIR)/man1/gov-$$t.1 $(DESTDIR)$(BASHDIR)/gov-$$t \
	  $(DESTDIR)$(ZSHDIR)/_gov-$$t; done
	rm -f $(DESTDIR)$(MANDIR)/man7/govkit.7 $(DESTDIR)$(MANDIR)/man5/govkit-schema.5

clean:
	rm -rf build bin
