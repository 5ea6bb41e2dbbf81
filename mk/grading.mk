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

grade: $(BIN)/grade
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

# test_grade runs grade-planted, a program whose tests crash, loop, leak...
$(TEST_BIN)/test_grade: $(OBJ_TEST)/tests/tools/test_grade.o \
                        $(patsubst %.c,$(OBJ_TEST)/%.o,$(call tool_srcs,grade) $(TOOLS_COMMON)) \
                        $(SUPPORT_TEST) | $(TEST_BIN)/grade-planted
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

help::
	@echo "make student        the student release in dist/student (docs/instructors.md)"
	@echo "make autograder     the Gradescope autograder, dist/autograder.zip"

student: $(BIN)/release
	@$(BIN)/release $(if $(FORCE),--force) . $(STUDENT_DIR)

release-check: $(BIN)/release $(BIN)/grade $(BIN)/lit $(GRADE_BINS)
	@CC='$(CC)' TEST_BIN='$(TEST_BIN)' LIBRARY_TESTS='$(CHAPTER_TESTS)' tools/release/self-check

autograder: $(BIN)/release
	@tools/grade/make-autograder dist/autograder

.PHONY: student release-check autograder
# ---- END INSTRUCTOR ONLY ------------------------------------------------------------
