# The student's tools (docs/student-tools.md): compile_commands.json for
# clangd, and the test of the gdb pretty-printer (tools/gdb/strides.py).

# ---- compile_commands.json --------------------------------------------------------
# One entry per C file of the tree (library, chapters' demos, figures and
# exercises, tests, tools), with the flags the Makefile compiles it with,
# so clangd (any editor's) finds every header. Written by `make` and `make
# test`, and by `make compile_commands.json`, so it follows the sources,
# the flags and the tree's place. tools/compile-commands writes it (absolute paths: it
# runs in the tree it describes, a student release's included).
help::
	@echo "make compile_commands.json   the compile commands clangd reads (docs/student-tools.md)"

# Every file gets every include folder (viz's, SDL's, editline's): more
# than a file needs is harmless to clangd. Written afresh on each make and
# replaced only when it changed (a moved tree, CC=clang).
COMPILE_COMMANDS_FLAGS := $(CFLAGS_TEST) $(CMOCKA_CFLAGS) $(VIZ_CFLAGS) $(EDIT_CFLAGS)
compile_commands.json: FORCE
	$(Q)tools/compile-commands '$(CC)' '$(subst ','\'',$(COMPILE_COMMANDS_FLAGS))' > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; echo "  GEN     $@"; fi
all: compile_commands.json
test: compile_commands.json

# ---- gdb --------------------------------------------------------------------------
# test_gdb debugs a small program of tensors and compares gdb's `p *t` with
# the library's own repr (from Appendix B on, which prints tensors).
ifneq ($(filter src/print.h,$(LIB_HDRS)),)
$(BIN)/gdb-tensors: tests/tools/fixtures/gdb/tensors.c $(LIB_REL)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_BASE) -O0 -g $^ -o $@ $(LDLIBS)

$(TEST_BIN)/test_gdb: $(OBJ_TEST)/tests/tools/test_gdb.o $(SUPPORT_TEST) | $(BIN)/gdb-tensors
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)

TEST_BINS += $(TEST_BIN)/test_gdb
test: $(TEST_BIN)/test_gdb
endif

# ---- the book's structure ---------------------------------------------------------
# Where pandoc is installed, `make test` writes the book into build/book-check
# and checks it (tools/book-check: navigation, captions, every link); again
# only when a chapter, a source or the book's tools changed. Without pandoc
# it says so and moves on: pandoc is not among the packages a test needs.
BOOK_INPUTS := $(wildcard chapters/*/README.md chapters/*/figures/*.svg tools/book \
                 tools/book.css tools/book-check tools/book-parts/*) \
               $(shell find src chapters -name '*.[ch]' 2>/dev/null)
# (Not in a chapter snapshot, .strides-snapshot: its chapters link to
# later ones that are not there by design.)
ifneq ($(shell command -v pandoc 2>/dev/null),)
ifeq ($(wildcard .strides-snapshot),)
build/book-check/checked: $(BOOK_INPUTS) $(MANIFEST) | $(BIN)/lit
	$(say) "  BOOK    build/book-check (tools/book, then tools/book-check)"
	$(Q)tools/book build/book-check $(BOOK_DIRS) >/dev/null
	$(Q)tools/book-check build/book-check $(BOOK_DIRS)
	@touch $@
test: build/book-check/checked
endif
else
test: book-check-skipped
book-check-skipped:
	@echo "book-check: skipped: pandoc missing (scripts/install-deps --book installs it)"
.PHONY: book-check-skipped
endif
