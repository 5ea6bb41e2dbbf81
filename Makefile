# Strides: the one entry point.
#
#   make run        set up, build, and run the main program
#   make test       set up, build, and run every test (sanitizers on)
#   make help       everything else
#
# The chapter manifest (chapters/chapters.txt) decides what gets built: the
# library is the modules of its chapters, the tests are its chapters' tests.

MANIFEST := chapters/chapters.txt
manifest_column = $(shell sed 's/\#.*//' $(MANIFEST) | \
    awk 'NF >= 5 && $$$(1) != "-" { print $$$(1) }' | tr ',' ' ')
MODULES      := $(call manifest_column,3)
CHAPTER_TESTS := $(call manifest_column,4)
CHAPTER_DIRS := $(call manifest_column,2)
CHAPTER_IDS  := $(call manifest_column,1)
# The book's reading order: the manifest is build order (an appendix sits before the
# first chapter that needs it); a reader gets the numbered chapters by number, then
# the appendices by letter. The directories sort that way ("00-" .. "12-", "A-" ..).
BOOK_DIRS    := $(shell printf '%s\n' $(CHAPTER_DIRS) | LC_ALL=C sort)

# ---- toolchain ---------------------------------------------------------------
TOOLCHAIN := $(notdir $(firstword $(CC)))
WARNINGS  := -Wall -Wextra -Wpedantic -Werror
CFLAGS_BASE := -std=c11 $(WARNINGS) -D_POSIX_C_SOURCE=200809L -Isrc -Ibuild/gen
CFLAGS_RELEASE := $(CFLAGS_BASE) -O2 -g
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CFLAGS_TEST := $(CFLAGS_BASE) -Itests/support -O1 -g $(SANITIZE) -DSTRIDES_ROOT='"$(CURDIR)"'
LDLIBS := -lm

# ---- setting up -----------------------------------------------------------------
# Every run starts by installing what is missing (scripts/install-deps,
# quick and quiet when everything is there) and asking pkg-config for the
# system libraries' flags (scripts/configure writes them to build/config.mk:
# CMOCKA_*, EDIT_*, SDL_*). Both happen while make reads its makefiles,
# before anything is built: make remakes build/config.mk, and when the
# flags changed (on a fresh machine, packages were just installed) it starts
# over and reads the new ones. So the first run works like the second.
# `make clean` and `make help` need neither. A make started by another
# make (MAKELEVEL > 0) finds the setup done, and writes build/config.mk
# only in a tree that has none (a chapter snapshot): it may be running as
# another user (the grader's tests' user), who may not write it.
CONFIG := build/config.mk
ifneq ($(filter-out clean help,$(or $(MAKECMDGOALS),all)),)
include $(CONFIG)
endif
$(CONFIG): $(if $(filter 0,$(MAKELEVEL)),FORCE)
	@scripts/install-deps
	@scripts/configure $@
.PHONY: FORCE
FORCE:

# Every core by default: `make test` builds as `make -j<cores> test` would.
# JOBS=1 for one thing at a time. (Only the top make sets it; the makes it
# starts share its jobs.)
ifeq ($(MAKELEVEL),0)
JOBS ?= $(shell getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
MAKEFLAGS += -j$(JOBS)
endif

# Quiet by default: one short line per step. `make V=1` shows the commands.
ifeq ($(V),1)
Q :=
say := @true
else
Q := @
say := @echo
endif

# ---- where things go ------------------------------------------------------------
BIN      := build/bin
OBJ_REL  := build/obj/$(TOOLCHAIN)/release
OBJ_TEST := build/obj/$(TOOLCHAIN)/test
TEST_BIN := build/test/$(TOOLCHAIN)
GEN      := build/gen

# A module named `main` (src/lang/main.c) is a program's entry point, not
# library code: it is linked into its program only.
LIB_SRCS := $(filter-out %/main.c,$(wildcard $(addprefix src/,$(addsuffix .c,$(MODULES)))))
LIB_HDRS := $(wildcard $(addprefix src/,$(addsuffix .h,$(MODULES))))
LIB_REL  := $(LIB_SRCS:src/%.c=$(OBJ_REL)/src/%.o)
LIB_TEST := $(LIB_SRCS:src/%.c=$(OBJ_TEST)/src/%.o)

SUPPORT_SRCS := $(wildcard tests/support/*.c)
SUPPORT_TEST := $(SUPPORT_SRCS:%.c=$(OBJ_TEST)/%.o)

# The tools (tools/): each is its C files but main.c, a library the tests
# link too, plus the helpers they share in tools/common.
tool_srcs = $(filter-out %/main.c,$(wildcard tools/$(1)/*.c))
TOOLS_COMMON := $(wildcard tools/common/*.c)
LIT_SRCS := $(call tool_srcs,lit) $(TOOLS_COMMON)
LIT_REL  := $(LIT_SRCS:%.c=$(OBJ_REL)/%.o)
LIT_TEST := $(LIT_SRCS:%.c=$(OBJ_TEST)/%.o)

DEMOS := $(foreach d,$(CHAPTER_DIRS),$(if $(wildcard chapters/$(d)/demo.c),$(BIN)/demo-$(d)))
FIGURE_PROGRAMS := $(foreach d,$(CHAPTER_DIRS),$(if $(wildcard chapters/$(d)/figures/figures.c),$(BIN)/figures-$(d)))

TOOL_TESTS := test_lit
TESTS := $(CHAPTER_TESTS) $(TOOL_TESTS)
TEST_BINS := $(addprefix $(TEST_BIN)/,$(TESTS))

# Keep object files between runs (they are intermediates of pattern rules).
.SECONDARY:

.PHONY: all run test deps lit-check manifest-check chapters chapter snapshots figures figures-check book book-screenshots clean help
all: $(BIN)/lit $(DEMOS) $(FIGURE_PROGRAMS)



# `help::` is a double-colon rule: each file in mk/ adds its own lines.
help::
	@echo "make run            set up, build, open the visualizer (no display: a screenshot)"
	@echo "make test           set up, build, run every test (gcc; CC=clang works too)"
	@echo "make chapter N=3    build and test chapters 1..N alone, in build/snapshot/"
	@echo "make snapshots      make chapter N=k for every chapter (CI runs it)"
	@echo "make chapters       refresh the code blocks in chapters/*/README.md"
	@echo "make lit-check      check the code blocks and literate coverage"
	@echo "make figures        redraw the chapter figures (DOT and SVG)"
	@echo "make book           the chapters as HTML in build/book/ (docs/book.md)"
	@echo "make book-screenshots  the book in headless Chromium: docs/screenshots/book-*.png"
	@echo "make clean          remove build/, dist/ and compile_commands.json"

# Install the system packages and nothing else (every run does this first).
deps: $(CONFIG)

# ---- the main program ---------------------------------------------------------
# The visualizer when it can be built (mk/viz.mk), else chapter 3's demo.
MAIN_PROGRAM := $(BIN)/demo-03-view
run: all
	@$(MAIN_PROGRAM)

# ---- generated umbrella header: every module's header, in manifest order ------------
$(GEN)/strides.h: $(MANIFEST)
	@mkdir -p $(@D)
	@{ echo "// Generated from $(MANIFEST) by the Makefile: every module of Strides."; \
	   echo "#ifndef STRIDES_H"; echo "#define STRIDES_H"; \
	   for h in $(LIB_HDRS:src/%=%); do echo "#include \"$$h\""; done; \
	   echo "#endif"; } > $@

# ---- compiling ------------------------------------------------------------------
$(OBJ_REL)/%.o: %.c | $(GEN)/strides.h
	@mkdir -p $(@D)
	$(say) "  CC      $<"
	$(Q)$(CC) $(CFLAGS_RELEASE) -MMD -MP -c $< -o $@

$(OBJ_TEST)/%.o: %.c | $(GEN)/strides.h
	@mkdir -p $(@D)
	$(say) "  CC      $< (sanitizers)"
	$(Q)$(CC) $(CFLAGS_TEST) $(CMOCKA_CFLAGS) -MMD -MP -c $< -o $@

$(BIN)/lit: $(LIT_REL) $(OBJ_REL)/tools/lit/main.o
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_RELEASE) $^ -o $@ $(LDLIBS)

# manifest: the C reader of the manifest, for tools/snapshot and manifest-check.
$(BIN)/manifest: $(OBJ_REL)/tools/manifest/main.o $(TOOLS_COMMON:%.c=$(OBJ_REL)/%.o)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_RELEASE) $^ -o $@ $(LDLIBS)

$(BIN)/demo-%: $(OBJ_REL)/chapters/%/demo.o $(LIB_REL)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_RELEASE) $^ -o $@ $(LDLIBS)

$(BIN)/figures-%: $(OBJ_REL)/chapters/%/figures/figures.o $(LIB_REL)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_RELEASE) $^ -o $@ $(LDLIBS)

# A chapter test links the whole library; the lit test links the lit tool.
$(TEST_BIN)/test_lit: $(OBJ_TEST)/tests/tools/test_lit.o $(LIT_TEST) $(SUPPORT_TEST)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)

$(TEST_BIN)/%: $(OBJ_TEST)/tests/%.o $(SUPPORT_TEST) $(LIB_TEST)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)

# ---- tests ----------------------------------------------------------------------
# (lit-check and figures-check are added in an instructor-only section of
# mk/grading.mk: a student's edits to src/ would make their chapters and
# figures "stale", and the release's stubs draw no figures.)
test: $(TEST_BINS)
	@tools/run-tests $(TEST_BINS)

lit-check: $(BIN)/lit
	@$(BIN)/lit check

# The Makefile reads the manifest with its own one line (manifest_column,
# above); manifest-check (part of `make test`) proves it reads what the C
# reader does (tools/common/manifest.c, through $(BIN)/manifest).
manifest_agrees = [ "$(strip $(2))" = "$$($(BIN)/manifest $(1) | tr '\n' ' ' | sed 's/ $$//')" ] || \
    { echo "manifest-check: the Makefile's $(1) are '$(strip $(2))'," \
           "tools/common/manifest.c's '$$($(BIN)/manifest $(1) | tr '\n' ' ')'"; exit 1; }
manifest-check: $(BIN)/manifest
	@$(BIN)/manifest check
	@$(call manifest_agrees,ids,$(CHAPTER_IDS))
	@$(call manifest_agrees,dirs,$(CHAPTER_DIRS))
	@$(call manifest_agrees,modules,$(filter-out -,$(MODULES)))
	@$(call manifest_agrees,tests,$(filter-out -,$(CHAPTER_TESTS)))
test: manifest-check

chapters: $(BIN)/lit
	@$(BIN)/lit weave

# make chapter N=3: copy chapters 1..3 (their modules, tests and prose, and
# nothing later) into build/snapshot/chapter-3 and run its tests there.
chapter: $(BIN)/manifest
	@test -n "$(N)" || { echo "usage: make chapter N=<chapter id>" >&2; exit 2; }
	@MANIFEST_TOOL=$(BIN)/manifest tools/snapshot "$(N)" build/snapshot/chapter-$(N)
	@$(MAKE) --no-print-directory -C build/snapshot/chapter-$(N) test

# make snapshots: `make chapter N=k` for every chapter of the manifest, in
# order (CI runs it). One line per chapter with its time and its tests'
# summary; a failing chapter's whole log is printed.
snapshots:
	@for n in $(CHAPTER_IDS); do \
	  log=build/snapshot/chapter-$$n.log; mkdir -p build/snapshot; t0=$$(date +%s); \
	  if $(MAKE) --no-print-directory chapter N=$$n > $$log 2>&1; then \
	    echo "chapter $$n alone: $$(tail -n 1 $$log) ($$(( $$(date +%s) - t0 )) s)"; \
	  else cat $$log; echo "chapter $$n alone: FAILED (log: $$log)"; exit 1; fi; \
	done

# ---- figures --------------------------------------------------------------------
# Each chapter's figures/figures.c writes its figures as DOT into the folder it
# is given; `dot` draws them. A program may also draw an earlier chapter's
# figures, into that chapter's folder beside its own (../../<dir>/figures):
# Appendix B draws chapter 2's, which comes before the DOT writer. So
# figures-check (part of `make test`) runs every program in a mirror of
# chapters/ (build/figures/<dir>/figures) and proves the committed DOT is what
# the library emits today.
figures: $(FIGURE_PROGRAMS)
	@for d in $(CHAPTER_DIRS); do \
	  if [ -x $(BIN)/figures-$$d ]; then $(BIN)/figures-$$d chapters/$$d/figures || exit 1; fi; done
	@for d in $(CHAPTER_DIRS); do for f in chapters/$$d/figures/*.dot; do \
	  if [ -f "$$f" ]; then dot -Tsvg "$$f" -o "$${f%.dot}.svg" || exit 1; fi; done; done
	@echo "figures: redrawn"

figures-check: $(FIGURE_PROGRAMS)
	@for d in $(CHAPTER_DIRS); do \
	  rm -rf build/figures/$$d && mkdir -p build/figures/$$d/figures || exit 1; done
	@for d in $(CHAPTER_DIRS); do \
	  if [ -x $(BIN)/figures-$$d ]; then $(BIN)/figures-$$d build/figures/$$d/figures || exit 1; fi; done
	@for d in $(CHAPTER_DIRS); do for f in build/figures/$$d/figures/*.dot; do \
	  if [ -f "$$f" ]; then cmp -s "$$f" chapters/$$d/figures/$${f##*/} || \
	    { echo "figures-check: chapters/$$d/figures/$${f##*/} is stale (run make figures)"; exit 1; }; \
	  fi; done; done

# ---- the book -------------------------------------------------------------------
# tools/book writes the site, tools/book-check checks its structure (docs/book.md).
book: all
	@scripts/install-deps --book
	@tools/book build/book $(BOOK_DIRS)
	@tools/book-check build/book $(BOOK_DIRS)

# The book in headless Chromium, for docs/book.md: docs/screenshots/book-*.png.
book-screenshots: book
	@tools/book-screenshots build/book docs/screenshots

clean:
	rm -rf build dist compile_commands.json

# ---- the rest, one file per job --------------------------------------------------
include mk/grading.mk   # exercises, make grade, make student (docs/instructors.md)
include mk/viz.mk       # the visualizer: make run, its tests (docs/visualizer.md)
include mk/repl.mk      # the strides REPL and make fuzz (docs/repl.md)
include mk/bench.mk     # make bench (docs/benchmarks.md)
include mk/standalone.mk  # make test: no file cites one outside the repository
include mk/code-check.mk  # make test: no include cycle, no function over 80 lines
include mk/student-tools.mk  # compile_commands.json for clangd, the gdb printer's test (docs/student-tools.md)

-include $(shell find build/obj -name '*.d' 2>/dev/null)
