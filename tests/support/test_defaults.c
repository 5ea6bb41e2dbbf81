// Settings baked into every test binary, so that running one by hand (or
// under gdb, or from the grader) behaves exactly like `make test`.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

// Sanitizers:
// - allocator_may_return_null: a huge allocation returns NULL, as calloc
//   does in a normal build, so the library's out-of-memory message can be
//   tested instead of AddressSanitizer aborting the whole binary;
// - detect_leaks: LeakSanitizer reports any memory a test forgot to free.
// The environment (ASAN_OPTIONS, UBSAN_OPTIONS) can still override them.
const char *__asan_default_options(void);
const char *__asan_default_options(void) {
    return "allocator_may_return_null=1:detect_leaks=1";
}

const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void) {
    return "print_stacktrace=1:halt_on_error=1";
}

// cmocka writes its progress to stdout and its verdicts to stderr. With
// stdout line-buffered, the two interleave line by line, in order, even
// when both go to one file or pipe (tools/run-tests reads them that way).
__attribute__((constructor)) static void line_buffered_stdout(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
}

// One test at a time: STRIDES_TEST=name runs only the tests of that name,
// in every group of the binary (golden groups included); cmocka's own
// patterns work too ('*' any text, '?' one character). The grader
// (tools/grade) runs each graded test in its own process this way, so that
// an abort(), a stack overflow or an endless loop costs that test alone.
// (cmocka 1.1.5 has cmocka_set_test_filter() but does not read
// CMOCKA_TEST_FILTER; that came in 2.0.)
__attribute__((constructor)) static void test_filter_from_environment(void) {
    const char *name = getenv("STRIDES_TEST");
    if (name != NULL && *name != '\0') cmocka_set_test_filter(name);
}
