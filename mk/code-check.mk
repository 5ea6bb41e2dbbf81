# The shape of the code (tools/check-code, part of `make test`): no cycle in
# the #include graph of the folders in CYCLE_DIRS, no function over 80
# lines in the C files under LENGTH_DIRS. (tools/release is instructor-only:
# the student release leaves it out.)
CYCLE_DIRS  := $(wildcard src src/lang tools/release tools/lit viz)
LENGTH_DIRS := tools $(wildcard viz)
help::
	@echo "make code-check     no include cycle, no function over 80 lines (tools/check-code)"

.PHONY: code-check
test: code-check
code-check:
	@tools/check-code $(addprefix --cycles ,$(CYCLE_DIRS)) $(addprefix --length ,$(LENGTH_DIRS))

# Its test runs it on fixtures with a cycle and a long function.
$(TEST_BIN)/test_check_code: $(OBJ_TEST)/tests/tools/test_check_code.o $(SUPPORT_TEST)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)
TEST_BINS += $(TEST_BIN)/test_check_code
test: $(TEST_BIN)/test_check_code
