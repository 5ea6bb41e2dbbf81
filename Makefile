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

# ---- toolchain ---------------------------------------------------------------
TOOLCHAIN := $(notdir $(firstword $(CC)))
WARNINGS  := -Wall -Wextra -Wpedantic -Werror
CFLAGS_BASE := -std=c11 $(WARNINGS) -D_POSIX_C_SOURCE=200809L -Isrc -Ibuild/gen
CFLAGS_RELEASE := $(CFLAGS_BASE) -O2 -g
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CFLAGS_TEST := $(CFLAGS_BASE) -Itests/support -O1 -g $(SANITIZE) -DSTRIDES_ROOT='"$(CURDIR)"'
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
LDLIBS := -lm

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

LIT_SRCS := tools/lit/lit.c
LIT_TEST := $(LIT_SRCS:%.c=$(OBJ_TEST)/%.o)

DEMOS := $(foreach d,$(CHAPTER_DIRS),$(if $(wildcard chapters/$(d)/demo.c),$(BIN)/demo-$(d)))
FIGURE_PROGRAMS := $(foreach d,$(CHAPTER_DIRS),$(if $(wildcard chapters/$(d)/figures/figures.c),$(BIN)/figures-$(d)))

TOOL_TESTS := test_lit
TESTS := $(CHAPTER_TESTS) $(TOOL_TESTS)
TEST_BINS := $(addprefix $(TEST_BIN)/,$(TESTS))

# Keep object files between runs (they are intermediates of pattern rules).
.SECONDARY:

.PHONY: all run test deps lit-check chapters chapter figures figures-check book clean help
all: $(BIN)/lit $(DEMOS) $(FIGURE_PROGRAMS)

help:
	@echo "make run          set up, build, run the main program"
	@echo "make test         set up, build, run all tests (gcc; CC=clang works too)"
	@echo "make chapter N=3  build and test chapters 1..N alone, in build/snapshot/"
	@echo "make chapters     refresh the code blocks in chapters/*/README.md"
	@echo "make lit-check    check the code blocks and literate coverage"
	@echo "make figures      redraw the chapter figures (DOT and SVG)"
	@echo "make book         the chapters as HTML in build/book/"
	@echo "make clean        remove build/ and dist/"

# install-deps is quiet and quick when everything is installed already.
deps:
	@scripts/install-deps

# ---- the main program ---------------------------------------------------------
run: deps all
	@$(VIZ_RUN)

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

$(BIN)/lit: $(OBJ_REL)/tools/lit/lit.o $(OBJ_REL)/tools/lit/main.o
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
# (lit-check is added below, in an instructor-only section: a student's
# edits to src/ would make their chapters "stale".)
test: deps figures-check $(TEST_BINS)
	@tools/run-tests $(TEST_BINS)

lit-check: $(BIN)/lit
	@$(BIN)/lit check

chapters: $(BIN)/lit
	@$(BIN)/lit weave

# make chapter N=3: copy chapters 1..3 (their modules, tests and prose, and
# nothing later) into build/snapshot/chapter-3 and run its tests there.
chapter:
	@test -n "$(N)" || { echo "usage: make chapter N=<chapter id>" >&2; exit 2; }
	@tools/snapshot "$(N)" build/snapshot/chapter-$(N)
	@$(MAKE) --no-print-directory -C build/snapshot/chapter-$(N) test

# ---- figures --------------------------------------------------------------------
# Each chapter's figures/figures.c writes its figures as DOT; `dot` draws
# them. figures-check (part of `make test`) proves the committed DOT is
# what the library emits today.
figures: $(FIGURE_PROGRAMS)
	@for d in $(CHAPTER_DIRS); do \
	  if [ -x $(BIN)/figures-$$d ]; then \
	    $(BIN)/figures-$$d chapters/$$d/figures || exit 1; \
	    for f in chapters/$$d/figures/*.dot; do dot -Tsvg "$$f" -o "$${f%.dot}.svg" || exit 1; done; \
	  fi; done
	@echo "figures: redrawn"

figures-check: $(FIGURE_PROGRAMS)
	@for d in $(CHAPTER_DIRS); do \
	  if [ -x $(BIN)/figures-$$d ]; then \
	    rm -rf build/figures/$$d && mkdir -p build/figures/$$d && \
	    $(BIN)/figures-$$d build/figures/$$d || exit 1; \
	    for f in build/figures/$$d/*.dot; do \
	      cmp -s "$$f" chapters/$$d/figures/$${f##*/} || \
	        { echo "figures-check: chapters/$$d/figures/$${f##*/} is stale (run make figures)"; exit 1; }; \
	    done; \
	  fi; done

# ---- the book -------------------------------------------------------------------
book: all
	@scripts/install-deps --book
	@tools/book build/book $(CHAPTER_DIRS)

clean:
	rm -rf build dist

# ==== exercises and grading =======================================================
# (docs/instructors.md) Chapter NN's puzzles are chapters/NN-*/exercises.c;
# their tests are tests/exercises/exNN.c, hidden ones tests/exercises/hidden/exNN.c,
# each linked with the library and its own chapter's exercises.c only. The
# points are in grading/rubric.txt. `make grade` builds what it can and runs
# every graded test in its own process (tools/grade).
EXERCISE_DIRS := $(foreach d,$(CHAPTER_DIRS),$(if $(wildcard chapters/$(d)/exercises.c),$(d)))
exercise_number = $(firstword $(subst -, ,$(1)))
EXERCISE_BINS := $(foreach d,$(EXERCISE_DIRS),\
    $(patsubst tests/%.c,$(TEST_BIN)/%,$(wildcard tests/exercises/ex$(call exercise_number,$(d)).c \
                                         tests/exercises/hidden/ex$(call exercise_number,$(d)).c)))
TEST_BINS += $(EXERCISE_BINS)
GRADE_BINS := $(addprefix $(TEST_BIN)/,$(CHAPTER_TESTS)) $(EXERCISE_BINS)
GRADE_OUT ?= build/grade
GRADE_FLAGS ?=

define exercise_objects
$(TEST_BIN)/exercises/ex$(1) $(TEST_BIN)/exercises/hidden/ex$(1): $(OBJ_TEST)/chapters/$(2)/exercises.o
endef
$(foreach d,$(EXERCISE_DIRS),$(eval $(call exercise_objects,$(call exercise_number,$(d)),$(d))))

$(TEST_BIN)/exercises/%: $(OBJ_TEST)/tests/exercises/%.o $(SUPPORT_TEST) $(LIB_TEST)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)

$(BIN)/grade: $(OBJ_REL)/tools/grade/grade.o $(OBJ_REL)/tools/grade/main.o
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_RELEASE) $^ -o $@ $(LDLIBS)

test: $(EXERCISE_BINS)

# Build what compiles (-k), then grade: results.json (Gradescope),
# junit.xml and a table in $(GRADE_OUT). A test whose program did not build
# fails with the compiler's messages.
grade: deps $(BIN)/grade
	@mkdir -p $(GRADE_OUT)
	@$(MAKE) --no-print-directory -k $(GRADE_BINS) 2>&1 | tee $(GRADE_OUT)/build.log
	@$(BIN)/grade --bin $(TEST_BIN) --out $(GRADE_OUT) --build-log $(GRADE_OUT)/build.log \
	    $(GRADE_FLAGS) $(CHAPTER_TESTS)

.PHONY: grade

# ---- BEGIN INSTRUCTOR ONLY: the student release leaves this section out ----------
# make student            write the student release into dist/student
# make student FORCE=1    replace an earlier release there
# make autograder         the Gradescope autograder, dist/autograder.zip
# make release-check      prove the release right (part of make test)
STUDENT_DIR ?= dist/student

$(BIN)/release: $(OBJ_REL)/tools/release/release.o $(OBJ_REL)/tools/release/main.o \
                $(OBJ_REL)/tools/lit/lit.o
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_RELEASE) $^ -o $@ $(LDLIBS)

$(TEST_BIN)/test_release: $(OBJ_TEST)/tests/tools/test_release.o \
                          $(OBJ_TEST)/tools/release/release.o $(LIT_TEST) $(SUPPORT_TEST)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)

# test_grade runs grade-planted, a program whose tests crash, loop, leak...
$(TEST_BIN)/test_grade: $(OBJ_TEST)/tests/tools/test_grade.o \
                        $(OBJ_TEST)/tools/grade/grade.o $(SUPPORT_TEST) | $(TEST_BIN)/grade-planted
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $(filter %.o,$^) -o $@ $(CMOCKA_LIBS) $(LDLIBS)

$(TEST_BIN)/grade-planted: $(OBJ_TEST)/tests/tools/fixtures/grade/planted.o $(SUPPORT_TEST)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)

TEST_BINS += $(TEST_BIN)/test_release $(TEST_BIN)/test_grade
test: lit-check $(TEST_BIN)/test_release $(TEST_BIN)/test_grade
ifneq ($(wildcard tests/exercises),)
test: release-check
endif

student: $(BIN)/release
	@$(BIN)/release $(if $(FORCE),--force) . $(STUDENT_DIR)

release-check: $(BIN)/release $(BIN)/grade $(BIN)/lit $(GRADE_BINS)
	@CC='$(CC)' TEST_BIN='$(TEST_BIN)' LIBRARY_TESTS='$(CHAPTER_TESTS)' tools/release/self-check

autograder: $(BIN)/release
	@tools/grade/make-autograder dist/autograder

.PHONY: student release-check autograder
# ---- END INSTRUCTOR ONLY ------------------------------------------------------------

-include $(shell find build/obj -name '*.d' 2>/dev/null)

# ---- viz: the stride visualizer (viz/; docs/visualizer.md) --------------------------
# Built when viz/ and the expression language (src/lang) are both there, so
# that a chapter snapshot (make chapter N=3), which has neither, builds and
# runs exactly as before. `make run` opens the visualizer (with no display
# it writes build/strides-viz.png and says why); `make test` runs its tests.
VIZ_SRCS := $(filter-out viz/main.c viz/bench.c,$(wildcard viz/*.c))
VIZ_RUN  := $(BIN)/demo-03-view
# The language's sources, for as long as no manifest row puts them in the
# library (the REPL's section below uses this list too).
VIZ_LANG := $(filter-out $(LIB_SRCS) %/main.c,$(wildcard src/lang/*.c))
ifneq ($(VIZ_SRCS),)
ifneq ($(wildcard src/lang/lang.h),)
VIZ_PKGS   := sdl2 SDL2_ttf SDL2_image fontconfig
# -isystem: warnings are errors in our code, not in SDL's headers.
VIZ_CFLAGS := -Iviz $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(VIZ_PKGS) 2>/dev/null))
VIZ_LIBS   := $(or $(shell pkg-config --libs $(VIZ_PKGS) 2>/dev/null),-lSDL2_ttf -lSDL2_image -lSDL2 -lfontconfig)
# The part without SDL (model, layout, draw list) is unit tested on its own.
VIZ_CORE   := $(addprefix viz/,drawlist.c palette.c model.c explain.c layout.c layout_grid.c layout_strip.c layout_panel.c)
VIZ_REL    := $(VIZ_SRCS:%.c=$(OBJ_REL)/%.o) $(VIZ_LANG:src/%.c=$(OBJ_REL)/src/%.o) $(LIB_REL)
VIZ_TEST_ALL  := $(VIZ_SRCS:%.c=$(OBJ_TEST)/%.o) $(VIZ_LANG:src/%.c=$(OBJ_TEST)/src/%.o)
VIZ_TEST_CORE := $(VIZ_CORE:%.c=$(OBJ_TEST)/%.o)
VIZ_TEST_BINS := $(TEST_BIN)/test_viz $(TEST_BIN)/test_viz_render
TEST_BINS  += $(VIZ_TEST_BINS)
VIZ_RUN    := $(BIN)/strides-viz --no-display-png build/strides-viz.png

$(OBJ_REL)/viz/%.o: CFLAGS_RELEASE += $(VIZ_CFLAGS)
$(OBJ_TEST)/viz/%.o $(OBJ_TEST)/tests/viz/%.o: CFLAGS_TEST += $(VIZ_CFLAGS)
$(OBJ_TEST)/tests/test_viz.o $(OBJ_TEST)/tests/test_viz_render.o: CFLAGS_TEST += $(VIZ_CFLAGS)

.PHONY: viz viz-screenshots viz-refs viz-bench
viz: $(BIN)/strides-viz
all: $(BIN)/strides-viz
run: $(BIN)/strides-viz
test: $(VIZ_TEST_BINS)

$(BIN)/strides-viz: $(OBJ_REL)/viz/main.o $(VIZ_REL)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_RELEASE) $^ -o $@ $(VIZ_LIBS) $(LDLIBS)

$(BIN)/strides-viz-bench: $(OBJ_REL)/viz/bench.o $(VIZ_REL)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_RELEASE) $^ -o $@ $(VIZ_LIBS) $(LDLIBS)

$(TEST_BIN)/test_viz: $(OBJ_TEST)/tests/test_viz.o $(VIZ_TEST_CORE) $(SUPPORT_TEST) $(LIB_TEST)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)

# Pixel tests and the app smoke test: SDL and fonts.
$(TEST_BIN)/test_viz_render: $(OBJ_TEST)/tests/test_viz_render.o \
    $(VIZ_TEST_ALL) $(SUPPORT_TEST) $(LIB_TEST)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(CMOCKA_LIBS) $(VIZ_LIBS) $(LDLIBS)

# The book's screenshots and the pixel tests' references are made the one
# same way: scripts run headless (software renderer on a surface).
viz-screenshots: $(BIN)/strides-viz
	@$(BIN)/strides-viz --script docs/screenshots/screenshots.script --out docs/screenshots

viz-refs: $(BIN)/strides-viz
	@$(BIN)/strides-viz --script tests/viz/scenes.script --out tests/viz/ref

# Frame time of a 64x64 tensor with walk and ledger, software renderer, 1280x720.
viz-bench: $(BIN)/strides-viz-bench
	@$(BIN)/strides-viz-bench
endif
endif

# ---- Appendix A: the `strides` REPL and its fuzzer (src/lang; docs/repl.md) ------
# build/bin/strides is the library plus src/lang/main.c, with libedit for line
# editing and history. `make fuzz` runs the libFuzzer harness on the parser and
# evaluator for FUZZ_SECONDS (clang; corpus seeds in tests/fuzz/corpus, new
# finds in build/fuzz/corpus).
ifneq ($(wildcard src/lang/main.c),)
EDIT_CFLAGS := $(shell pkg-config --cflags libedit 2>/dev/null)
EDIT_LIBS   := $(or $(shell pkg-config --libs libedit 2>/dev/null),-ledit)
LANG_LIB_REL  := $(LIB_REL) $(VIZ_LANG:src/%.c=$(OBJ_REL)/src/%.o)
LANG_LIB_TEST := $(LIB_TEST) $(VIZ_LANG:src/%.c=$(OBJ_TEST)/src/%.o)

$(OBJ_REL)/src/lang/main.o: CFLAGS_RELEASE += $(EDIT_CFLAGS)
$(OBJ_TEST)/src/lang/main.o: CFLAGS_TEST += $(EDIT_CFLAGS)

.PHONY: strides fuzz
strides: $(BIN)/strides
all: $(BIN)/strides

$(BIN)/strides: $(OBJ_REL)/src/lang/main.o $(LANG_LIB_REL)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_RELEASE) $^ -o $@ $(EDIT_LIBS) $(LDLIBS)

# The same program with the sanitizers, for trying bad input by hand.
$(TEST_BIN)/strides: $(OBJ_TEST)/src/lang/main.o $(OBJ_TEST)/tests/support/test_defaults.o $(LANG_LIB_TEST)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(EDIT_LIBS) $(CMOCKA_LIBS) $(LDLIBS)

FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_OBJ     := build/obj/fuzz
FUZZ_CFLAGS  := $(CFLAGS_BASE) -O1 -g -fsanitize=fuzzer,address,undefined \
                -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SRCS    := $(filter-out %/main.c,$(LIB_SRCS) $(VIZ_LANG))

$(FUZZ_OBJ)/%.o: %.c | $(GEN)/strides.h
	@mkdir -p $(@D)
	$(say) "  CC      $< (fuzzer)"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

build/fuzz/fuzz_lang: $(FUZZ_OBJ)/tests/fuzz/fuzz_lang.o $(FUZZ_SRCS:%.c=$(FUZZ_OBJ)/%.o)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $^ -o $@ -lm

fuzz: build/fuzz/fuzz_lang
	@mkdir -p build/fuzz/corpus build/fuzz/crashes
	build/fuzz/fuzz_lang -max_total_time=$(FUZZ_SECONDS) -max_len=1024 -timeout=10 \
	    -rss_limit_mb=2048 -dict=tests/fuzz/lang.dict -artifact_prefix=build/fuzz/crashes/ \
	    build/fuzz/corpus tests/fuzz/corpus
endif

# ==== benchmarks (chapter 5) =======================================================
# make bench            Strides against numpy and PyTorch and memcpy, one table
# make bench-steps      the copy, one optimisation at a time (for chapter 5)
# make bench NATIVE=1   opt in to -march=native (the default is plain -O2:
#                       the library picks its AVX2 matmul kernel at run time)
# make bench HUGEPAGES=1  an experiment: big storages get 2 MiB pages, as numpy's
#                       arrays do (bench/storage_hugepages.c replaces src/storage.c
#                       in the benchmark only; see docs/benchmarks.md)
BENCH_TAG   := $(TOOLCHAIN)$(if $(NATIVE),-native)$(if $(HUGEPAGES),-hugepages)
BENCH_OBJ   := build/obj/$(BENCH_TAG)/bench
BENCH_FLAGS := $(CFLAGS_BASE) -O2 -g $(if $(NATIVE),-march=native) $(if $(HUGEPAGES),-DBENCH_HUGEPAGES)
BENCH_BIN   := build/bench/$(BENCH_TAG)/bench
BENCH_LIB   := $(if $(HUGEPAGES),$(filter-out src/storage.c,$(LIB_SRCS)) bench/storage_hugepages.c,$(LIB_SRCS))
BENCH_ENV   ?=
BENCH_REPS  ?= 15

$(BENCH_OBJ)/%.o: %.c | $(GEN)/strides.h
	@mkdir -p $(@D)
	$(say) "  CC      $< (bench)"
	$(Q)$(CC) $(BENCH_FLAGS) -MMD -MP -c $< -o $@

$(BENCH_BIN): $(BENCH_OBJ)/bench/bench.o $(BENCH_LIB:%.c=$(BENCH_OBJ)/%.o)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(BENCH_FLAGS) $^ -o $@ $(LDLIBS)

.PHONY: bench bench-steps
bench: $(BENCH_BIN)
	@scripts/install-deps --oracle
	@$(BENCH_ENV) /usr/bin/python3 bench/bench.py --c $(BENCH_BIN) --reps $(BENCH_REPS) --steps

bench-steps: $(BENCH_BIN)
	@$(BENCH_ENV) $(BENCH_BIN) steps --reps 5
