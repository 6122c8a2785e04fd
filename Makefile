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
# GOVKIT_SELF_CHECK: a fast path also takes the slow one and aborts if
# they disagree (gov-bid's progressions), in the sanitizer and fuzz builds
# float-cast-overflow: a number out of an integer's range converted to it
# (gcc's undefined does not include it)
CFLAGS   = -O1 -g -fno-omit-frame-pointer \
           -fsanitize=address,undefined,float-cast-overflow \
           -fno-sanitize-recover=undefined,float-cast-overflow -DGOVKIT_SELF_CHECK
LDFLAGS += -fsanitize=address,undefined,float-cast-overflow
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

.PHONY: all check check-plain check-san check-fuzz check-valgrind check-format format fuzz-build test unit deps demo bench fuzz \
        install uninstall clean lint-man tools libs-present

all: $(TOOL_BINS) $(UNIT_BINS)

tools: $(TOOL_BINS)

# Without the libraries every link fails with hundreds of undefined
# references; say what to do instead, once, before compiling anything.
libs-present:
	@pkg-config --exists $(PKGS) 2>/dev/null || { echo "govkit: pkg-config" \
	  "does not find every library ($(PKGS)): 'make deps' as root installs" \
	  "them (make demo and make check run it)" >&2; exit 2; }

$(BUILD)/common/%.o: common/%.c common/govkit.h | libs-present
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/cmd/%.o: cmd/%.c common/govkit.h $(wildcard cmd/*/*.h) | libs-present
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

$(BUILD)/unit/%: tests/unit/%.c tests/unit/tap.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

deps:
	@./scripts/install-deps

# The test command of the README and of .ci/run.
check: deps
	$(MAKE) check-format
	$(MAKE) check-plain
	$(MAKE) check-san
	$(MAKE) check-fuzz

check-plain: all
	GOVKIT_BIN=$(CURDIR)/bin GOVKIT_UNIT=$(CURDIR)/build/obj/unit \
	  prove -j2 -f tests/

check-san:
	$(MAKE) SAN=1 all
	GOVKIT_BIN=$(CURDIR)/build/san/bin GOVKIT_UNIT=$(CURDIR)/build/san/unit \
	  GOVKIT_SAN=1 ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  prove -j2 tests/

# Layout: .clang-format decides it (style.md); make format applies it,
# check-format (part of check) fails on a file it would change.
FORMAT_SRC = $(wildcard common/*.[ch] cmd/*.c cmd/*/*.[ch] tests/unit/*.[ch] \
	tests/fuzz/*.[ch] bench/*.c)
format:
	clang-format -i $(FORMAT_SRC)
check-format:
	@clang-format --dry-run --Werror $(FORMAT_SRC) && echo "check-format: every C source laid out as .clang-format says"

# Like check, demo builds in a make of its own, after deps: PKG_CFLAGS and
# PKG_LIBS are computed when the Makefile is read, so on a fresh machine a
# make started before deps installed pkg-config and the -dev packages
# would link with none of the libraries.
demo: deps
	$(MAKE) all
	./samples/demo.sh

bench: all
	./bench/run

# Fuzzing (clang's libFuzzer with ASan and UBSan).  Targets are
# tests/fuzz/fuzz_NAME.c; a target fuzz_TOOL_x.c also links cmd/TOOL/*.c
# but its main.c, so it can reach the tool's own parsers.  A target may
# include the tool's main.c (or cmd/gov-TOOL.c) itself, or common/http.c
# through fuzz_http.h: those are prerequisites too.
FUZZ_CC    = clang
FUZZ_FLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
             -fno-sanitize-recover=undefined -DGOVKIT_SELF_CHECK
FUZZ_SRC  := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
FUZZ_LIB_OBJ := $(patsubst common/%.c,build/fuzz/common/%.o,$(LIB_SRC))

build/fuzz/common/%.o: common/%.c common/govkit.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) -std=c11 $(FUZZ_FLAGS) $(PKG_CFLAGS) -c -o $@ $<

build/fuzz/cmd/%.o: cmd/%.c common/govkit.h $(wildcard cmd/*/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) -std=c11 $(FUZZ_FLAGS) $(PKG_CFLAGS) -c -o $@ $<

build/fuzz/libgovkit.a: $(FUZZ_LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

fuzz_tool = $(word 2,$(subst _, ,$(1)))
fuzz_tool_objs = $(filter-out %/main.o,$(patsubst cmd/%.c,build/fuzz/cmd/%.o,$(wildcard cmd/$(call fuzz_tool,$(1))/*.c)))
define fuzz_rule
build/fuzz/$(1): tests/fuzz/$(1).c $(wildcard tests/fuzz/*.h) build/fuzz/libgovkit.a $(call fuzz_tool_objs,$(1)) \
  $(wildcard cmd/$(call fuzz_tool,$(1))/main.c cmd/gov-$(call fuzz_tool,$(1)).c)
	$$(FUZZ_CC) $$(CPPFLAGS) -Itests/fuzz -Icmd/$(call fuzz_tool,$(1)) -std=c11 -g -O1 \
	  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined $$(PKG_CFLAGS) \
	  -o $$@ $$< $(call fuzz_tool_objs,$(1)) build/fuzz/libgovkit.a $$(LDLIBS)
endef
$(foreach f,$(patsubst tests/fuzz/%.c,%,$(FUZZ_SRC)),$(eval $(call fuzz_rule,$(f))))

fuzz-build: $(FUZZ_BINS)

# The long campaign: FUZZ_SECONDS per target (default 600).
fuzz: deps
	$(MAKE) fuzz-build
	./tests/fuzz/run $(or $(FUZZ_SECONDS),600)

# valgrind memcheck over a representative subset of every tool's tests
# (tests/valgrind/run says which; VALGRIND_TESTS overrides).
check-valgrind: all
	./tests/valgrind/run

# The short smoke run that make check includes (about a minute in all).
check-fuzz: fuzz-build
	prove tests/fuzz/smoke.t

lint-man:
	mandoc -Tlint -Wwarning man/*.[0-9]

install: all
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)/man1" \
	  "$(DESTDIR)$(MANDIR)/man5" "$(DESTDIR)$(MANDIR)/man7" \
	  "$(DESTDIR)$(BASHDIR)" "$(DESTDIR)$(ZSHDIR)"
	install -m 755 $(TOOL_BINS) "$(DESTDIR)$(BINDIR)"
	for f in man/*.1; do [ ! -e "$$f" ] || install -m 644 "$$f" "$(DESTDIR)$(MANDIR)/man1" || exit 1; done
	for f in man/*.5; do [ ! -e "$$f" ] || install -m 644 "$$f" "$(DESTDIR)$(MANDIR)/man5" || exit 1; done
	for f in man/*.7; do [ ! -e "$$f" ] || install -m 644 "$$f" "$(DESTDIR)$(MANDIR)/man7" || exit 1; done
	for f in completions/bash/*; do [ ! -e "$$f" ] || install -m 644 "$$f" "$(DESTDIR)$(BASHDIR)" || exit 1; done
	for f in completions/zsh/_*; do [ ! -e "$$f" ] || install -m 644 "$$f" "$(DESTDIR)$(ZSHDIR)" || exit 1; done

uninstall:
	for t in $(TOOLS); do rm -f "$(DESTDIR)$(BINDIR)/gov-$$t" \
	  "$(DESTDIR)$(MANDIR)/man1/gov-$$t.1" "$(DESTDIR)$(BASHDIR)/gov-$$t" \
	  "$(DESTDIR)$(ZSHDIR)/_gov-$$t"; done
	rm -f "$(DESTDIR)$(MANDIR)/man7/govkit.7" "$(DESTDIR)$(MANDIR)/man5/govkit-schema.5"

clean:
	rm -rf build bin
