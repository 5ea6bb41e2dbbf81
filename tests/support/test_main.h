// The one main() of every test program: run its group of tests, then, if
// it has a golden file, one test per golden case (golden.h). A test file
// ends with
//
//     int main(void) {
//         const struct CMUnitTest tests[] = {cmocka_unit_test(...), ...};
//         return run_suite(&(TestSuite){.group = "chapter 3: view", TEST_LIST(tests),
//                                       .golden = "view.txt", .golden_case = golden_case});
//     }
//
// and returns the number of failed tests, as cmocka's runner does.
#ifndef STRIDES_TEST_MAIN_H
#define STRIDES_TEST_MAIN_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include "golden.h"

typedef struct TestSuite {
    const char *group;                    // cmocka's group name: "chapter 3: view"
    const struct CMUnitTest *tests;
    size_t count;
    CMFixtureFunction setup, teardown;    // around the whole group; NULL for none
    // The golden cases (optional): tests/golden/<golden>, each run by
    // golden_case, or by the entry of golden_kinds named by its field[1].
    const char *golden;
    GoldenRunner golden_case;
    const GoldenKind *golden_kinds;       // ends with {NULL, NULL}
} TestSuite;

// .tests and .count of a TestSuite from an array of tests.
#define TEST_LIST(array) .tests = (array), .count = sizeof(array) / sizeof((array)[0])

// Run the suite: its group, then its golden cases in a group named after
// the first ("chapter 3: PyTorch golden cases"). Returns the number of
// failures; a golden file that cannot be read counts as one.
int run_suite(const TestSuite *suite);

// After a test: "[   STUB   ] 3.2" if it met an exercise's stub and has
// not said so yet (the grader reads it), and a clean error record.
// run_suite calls it after every test; a runner of its own (golden.c)
// does the same.
void test_report_stub(void);

#endif
