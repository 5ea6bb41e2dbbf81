# Exercises and grading (docs/instructors.md). Chapter NN's puzzles are chapters/NN-*/exercises.c;
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

# ---- probe mode: the programs the grader runs ---------------------------------------
# The same test sources, compiled with -DSTRIDES_PROBE (tests/probe/probe.h):
# every check records what the code produced on the grader's channel, and
# the expected half of each check is dropped by the preprocessor. Hidden
# tests add -DSTRIDES_PROBE_HIDDEN (a failed check keeps its message to
# itself). The library objects are the sanitized ones of `make test`.
# Unused-variable warnings are off: a variable that only fed a dropped
# expected value is unused here, by design.
OBJ_PROBE := build/obj/$(TOOLCHAIN)/probe
PROBE_BIN := build/probe/$(TOOLCHAIN)
PROBE_GRADED := $(shell sed 's/\#.*//' grading/rubric.txt 2>/dev/null | awk '$$1 == "test" { print $$5 }' | sort -u)
PROBE_BINS := $(addprefix $(PROBE_BIN)/,$(filter $(PROBE_GRADED),$(CHAPTER_TESTS) \
                  $(EXERCISE_BINS:$(TEST_BIN)/%=%)))
HIDDEN_PROBES := $(filter $(PROBE_BIN)/exercises/hidden/%,$(PROBE_BINS))
CFLAGS_PROBE = $(CFLAGS_TEST) $(CMOCKA_CFLAGS) -DSTRIDES_PROBE -include tests/probe/probe.h \
               -Wno-unused-variable -Wno-unused-but-set-variable -Wno-unused-function \
               -Wno-unused-parameter $(if $(findstring /hidden/,$<),-DSTRIDES_PROBE_HIDDEN)

$(OBJ_PROBE)/%.o: %.c | $(GEN)/strides.h
	@mkdir -p $(@D)
	$(say) "  CC      $< (probe)"
	$(Q)$(CC) $(CFLAGS_PROBE) -MMD -MP -c $< -o $@

define probe_exercise_objects
$(PROBE_BIN)/exercises/ex$(1) $(PROBE_BIN)/exercises/hidden/ex$(1): $(OBJ_TEST)/chapters/$(2)/exercises.o
endef
$(foreach d,$(EXERCISE_DIRS),$(eval $(call probe_exercise_objects,$(call exercise_number,$(d)),$(d))))

$(PROBE_BIN)/%: $(OBJ_PROBE)/tests/%.o $(OBJ_PROBE)/tests/probe/probe.o $(SUPPORT_TEST) $(LIB_TEST)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)

$(BIN)/grade: $(patsubst %.c,$(OBJ_REL)/%.o,$(call tool_srcs,grade) $(TOOLS_COMMON)) \
              $(OBJ_REL)/tools/grade/main.o
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_RELEASE) $^ -o $@ $(LDLIBS)

test: $(EXERCISE_BINS)

# Build what compiles (-k), then grade: results.json (Gradescope),
# junit.xml and a table in $(GRADE_OUT). A test whose program did not build
# fails with the compiler's messages.
help::
	@echo "make grade          grade every exercise: results.json, junit.xml, a table"

# The probe programs are linked afresh on every grading (the old ones are
# removed first), so a program that no longer builds is never graded from
# an old binary: its tests fail with the compiler's messages. With the
# expected transcripts here (grading/expected.txt, and the hidden tests'
# own), graded tests run in probe mode: the grader's verdict, not theirs.
EXPECTED_FILES := $(wildcard grading/expected.txt tests/exercises/hidden/expected.txt)
# As root (Gradescope), the tests run as an unprivileged user who may not
# read these (tools/grade/isolate.c).
GRADE_PROTECT = $(addprefix --protect ,$(wildcard tests/exercises/hidden grading/predict-key) \
                  $(GRADE_OUT) $(BIN)/grade)
# The predict sets' key: in Gradescope's package, the instructor's predict
# files under grading/predict-key (tools/grade/make-autograder); in the
# instructor's tree, the files themselves (below); in the student release,
# none ("no key here").
PREDICT_KEY := $(wildcard grading/predict-key)
GRADE_PROBE_FLAGS = $(if $(EXPECTED_FILES),--probe $(PROBE_BIN) $(addprefix --expected ,$(EXPECTED_FILES)))
# In probe mode the exercise tests run from their probe programs only.
GRADE_BUILD = $(if $(EXPECTED_FILES),$(addprefix $(TEST_BIN)/,$(CHAPTER_TESTS)) $(PROBE_BINS),$(GRADE_BINS))

# As root (Gradescope), the student's code is compiled by the unprivileged
# user the tests run as, so that no #include or .incbin in it can pull in a
# hidden test or its answers: root builds the hidden probe objects first,
# then makes the hidden files (and the sanitized hidden programs, which hold
# answers) unreadable; their folder stays searchable, for make's timestamps.
GRADE_USER := $(shell id -u strides-student >/dev/null 2>&1 && echo strides-student || echo nobody)
# Run a command as that user (grade-build, and the check in `grade`).
AS_GRADE_USER = setpriv --reuid=$(GRADE_USER) --regid=$$(id -g $(GRADE_USER)) --clear-groups
GRADE_AS_ROOT := $(and $(filter 0,$(shell id -u)),$(wildcard tests/exercises/hidden/expected.txt))
HIDDEN_PROBE_OBJS := $(HIDDEN_PROBES:$(PROBE_BIN)/%=$(OBJ_PROBE)/tests/%.o)
UNTRUSTED_BUILD_DIRS := $(OBJ_TEST) $(OBJ_PROBE) $(TEST_BIN) $(PROBE_BIN) $(GEN)

grade-build:
ifneq ($(GRADE_AS_ROOT),)
	@$(MAKE) --no-print-directory -k $(HIDDEN_PROBE_OBJS) $(GEN)/strides.h
	@chmod 0711 tests/exercises/hidden && chmod 0600 tests/exercises/hidden/*
	@chmod -f 0600 $(OBJ_TEST)/tests/exercises/hidden/* || true
	@chmod -f 0700 $(TEST_BIN)/exercises/hidden/* || true
	@mkdir -p $(UNTRUSTED_BUILD_DIRS) && chown -R $(GRADE_USER) $(UNTRUSTED_BUILD_DIRS)
	@$(AS_GRADE_USER) \
	    env HOME=/tmp $(MAKE) --no-print-directory -k $(GRADE_BUILD) || true
	@chown -R root $(UNTRUSTED_BUILD_DIRS)
else
	@$(MAKE) --no-print-directory -k $(GRADE_BUILD) || true
endif

grade: $(BIN)/grade
ifneq ($(GRADE_AS_ROOT),)
	@$(AS_GRADE_USER) \
	    test -r "$(CURDIR)/Makefile" || { \
	  echo "make grade: as root, the student's code is built and run as $(GRADE_USER)," \
	       "who cannot enter $(CURDIR). Grade from a folder others can enter (as" \
	       "run_autograder does), or as yourself, not root." >&2; exit 1; }
endif
	@mkdir -p $(GRADE_OUT)
	@rm -f $(PROBE_BINS)
	@$(MAKE) --no-print-directory grade-build 2>&1 | tee $(GRADE_OUT)/build.log
	@$(BIN)/grade --bin $(TEST_BIN) --out $(GRADE_OUT) --build-log $(GRADE_OUT)/build.log \
	    $(GRADE_PROBE_FLAGS) $(GRADE_PROTECT) $(if $(PREDICT_KEY),--predict-key $(PREDICT_KEY)) \
	    $(GRADE_FLAGS) $(CHAPTER_TESTS)

.PHONY: grade grade-build

# ---- BEGIN INSTRUCTOR ONLY: the student release leaves this section out ----------
# Here the instructor's own predict files are the predict sets' key.
PREDICT_KEY := .
# make student            write the student release into dist/student
# make student FORCE=1    replace an earlier release there
# make autograder         the Gradescope autograder, dist/autograder.zip
# make release-check      prove the release right (part of make test)
STUDENT_DIR ?= dist/student

$(BIN)/release: $(patsubst %.c,$(OBJ_REL)/%.o,$(call tool_srcs,release)) \
                $(OBJ_REL)/tools/release/main.o $(LIT_REL)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_RELEASE) $^ -o $@ $(LDLIBS)

$(TEST_BIN)/test_release: $(OBJ_TEST)/tests/tools/test_release.o \
                          $(patsubst %.c,$(OBJ_TEST)/%.o,$(call tool_srcs,release)) \
                          $(LIT_TEST) $(SUPPORT_TEST)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)

# test_predict checks every predict answer against the REPL, built beside it.
$(TEST_BIN)/test_predict: $(OBJ_TEST)/tests/tools/test_predict.o \
                          $(patsubst %.c,$(OBJ_TEST)/%.o,$(call tool_srcs,grade) $(TOOLS_COMMON)) \
                          $(SUPPORT_TEST) | $(TEST_BIN)/strides
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)

# test_grade runs grade-planted, a program whose tests crash, loop, leak...
$(TEST_BIN)/test_grade: $(OBJ_TEST)/tests/tools/test_grade.o \
                        $(patsubst %.c,$(OBJ_TEST)/%.o,$(call tool_srcs,grade) $(TOOLS_COMMON)) \
                        $(SUPPORT_TEST) | $(TEST_BIN)/grade-planted $(TEST_BIN)/grade-attacks \
                                          $(TEST_BIN)/grade-stopped
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $(filter %.o,$^) -o $@ $(CMOCKA_LIBS) $(LDLIBS)

$(TEST_BIN)/grade-planted $(TEST_BIN)/grade-stopped: $(TEST_BIN)/grade-%: \
        $(OBJ_TEST)/tests/tools/fixtures/grade/%.o $(SUPPORT_TEST)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)

# grade-attacks: a probe program whose tests attack the grader.
$(TEST_BIN)/grade-attacks: $(OBJ_PROBE)/tests/tools/fixtures/grade/attacks.o \
                           $(OBJ_PROBE)/tests/probe/probe.o $(SUPPORT_TEST)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS) -ldl

TEST_BINS += $(TEST_BIN)/test_release $(TEST_BIN)/test_grade
test: lit-check figures-check $(TEST_BIN)/test_release $(TEST_BIN)/test_grade
# (The predict check needs the REPL: a snapshot of the chapters before
# Appendix A has none, and no predict answers to check against it.)
ifneq ($(wildcard src/lang/lang.h),)
TEST_BINS += $(TEST_BIN)/test_predict
test: $(TEST_BIN)/test_predict
endif
ifneq ($(wildcard tests/exercises),)
# The fast part of proving the grader in `make test`; the release
# self-check and the red team (minutes) in `make check-release`.
test: expected-check
ifneq ($(HIDDEN_PROBES),)
test: hidden-answers-check
endif
endif

help::
	@echo "make check-release  the release self-check and the grader's red team (minutes)"

# One after the other, never side by side: each grades copies of the tree
# and removes its own scratch folder, and two at once have collided before.
check-release:
	@$(MAKE) --no-print-directory release-check
	@$(MAKE) --no-print-directory red-team
red-team: $(BIN)/release $(BIN)/grade
	@tools/grade/red-team

help::
	@echo "make student        the student release in dist/student (docs/instructors.md)"
	@echo "make autograder     the Gradescope autograder, dist/autograder.zip"

student: $(BIN)/release
	@$(BIN)/release $(if $(FORCE),--force) . $(STUDENT_DIR)

release-check: $(BIN)/release $(BIN)/grade $(BIN)/lit $(GRADE_BINS) $(PROBE_BINS)
	@CC='$(CC)' TEST_BIN='$(TEST_BIN)' PROBE_BIN='$(PROBE_BIN)' LIBRARY_TESTS='$(CHAPTER_TESTS)' \
	    tools/release/self-check

# The expected transcripts, recorded from the solutions (this tree): the
# visible tests' in grading/expected.txt (they ship: they hold nothing the
# visible tests don't), the hidden tests' next to them. Commit both;
# expected-check (part of make test) says when they are stale.
help::
	@echo "make expected       record the graded tests' expected transcripts (probe mode)"

expected: $(BIN)/grade $(PROBE_BINS)
	@$(BIN)/grade --bin $(TEST_BIN) --probe $(PROBE_BIN) --out '' \
	    --record-visible grading/expected.txt \
	    $(if $(wildcard tests/exercises/hidden),--record-hidden tests/exercises/hidden/expected.txt)

expected-check: $(BIN)/grade $(PROBE_BINS)
	@rm -rf build/expected-check && mkdir -p build/expected-check
	@$(BIN)/grade --bin $(TEST_BIN) --probe $(PROBE_BIN) --out '' --jobs 2 \
	    --record-visible build/expected-check/visible.txt \
	    --record-hidden build/expected-check/hidden.txt >/dev/null
	@cmp -s build/expected-check/visible.txt grading/expected.txt && \
	 { [ ! -d tests/exercises/hidden ] || \
	   cmp -s build/expected-check/hidden.txt tests/exercises/hidden/expected.txt; } || \
	 { echo "expected-check: the expected transcripts are stale (run make expected)"; exit 1; }

# The hidden tests' probe programs hold no expected answer: none of the
# strings the hidden tests expect (but those that are their own input) is
# in them. (In its own folder: expected-check, which may run at the same
# time, empties its own.) The sanitized programs of `make test` do hold them, which
# proves the search would find one.
hidden-answers-check: $(HIDDEN_PROBES) $(HIDDEN_PROBES:$(PROBE_BIN)/%=$(TEST_BIN)/%)
	@mkdir -p build/hidden-answers-check
	@awk -F'\t' '($$1 == "string" || $$1 == "error") && length($$3) >= 8 && \
	     $$3 !~ /\\/ && index($$2, $$3) == 0 { print $$3 }' \
	     tests/exercises/hidden/expected.txt | sort -u >build/hidden-answers-check/answers.txt
	@[ ! -s build/hidden-answers-check/answers.txt ] || \
	 cat $(HIDDEN_PROBES:$(PROBE_BIN)/%=$(TEST_BIN)/%) | grep -aqF -f build/hidden-answers-check/answers.txt || \
	 { echo "hidden-answers-check: the search finds nothing even where answers are"; exit 1; }
	@[ ! -s build/hidden-answers-check/answers.txt ] || for b in $(HIDDEN_PROBES); do \
	   if grep -aqF -f build/hidden-answers-check/answers.txt $$b; then \
	     echo "hidden-answers-check: $$b holds an expected answer:"; \
	     grep -aoF -f build/hidden-answers-check/answers.txt $$b | head -3; exit 1; fi; done

autograder: $(BIN)/release
	@tools/grade/make-autograder dist/autograder

.PHONY: student release-check autograder expected expected-check hidden-answers-check check-release red-team
# ---- END INSTRUCTOR ONLY ------------------------------------------------------------
