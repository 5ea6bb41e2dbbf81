# Appendix A's programs: the `strides` REPL and its fuzzer (src/lang; docs/repl.md).
# build/bin/strides is the library plus src/lang/main.c, with libedit for line
# editing and history. `make fuzz` runs the libFuzzer harness on the parser and
# evaluator for FUZZ_SECONDS (clang; corpus seeds in tests/fuzz/corpus, new
# finds in build/fuzz/corpus).
ifneq ($(wildcard src/lang/main.c),)
$(OBJ_REL)/src/lang/main.o: CFLAGS_RELEASE += $(EDIT_CFLAGS)
$(OBJ_TEST)/src/lang/main.o: CFLAGS_TEST += $(EDIT_CFLAGS)

help::
	@echo "make strides        the REPL, build/bin/strides (docs/repl.md)"
	@echo "make fuzz           fuzz the expression language (FUZZ_SECONDS=60)"

.PHONY: strides fuzz
strides: $(BIN)/strides
all: $(BIN)/strides

$(BIN)/strides: $(OBJ_REL)/src/lang/main.o $(LIB_REL)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_RELEASE) $^ -o $@ $(EDIT_LIBS) $(LDLIBS)

# The same program with the sanitizers, for trying bad input by hand.
$(TEST_BIN)/strides: $(OBJ_TEST)/src/lang/main.o $(OBJ_TEST)/tests/support/test_defaults.o $(LIB_TEST)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(EDIT_LIBS) $(CMOCKA_LIBS) $(LDLIBS)

# test_lang also runs the program (exit statuses, scripts, Ctrl-C at a
# terminal): it is built first, and the test is told where it is.
$(TEST_BIN)/test_lang: | $(TEST_BIN)/strides
$(OBJ_TEST)/tests/test_lang.o: CFLAGS_TEST += -DSTRIDES_PROGRAM='"$(CURDIR)/$(TEST_BIN)/strides"'

FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_OBJ     := build/obj/fuzz
FUZZ_CFLAGS  := $(CFLAGS_BASE) -O1 -g -fsanitize=fuzzer,address,undefined \
                -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SRCS    := $(LIB_SRCS)

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
