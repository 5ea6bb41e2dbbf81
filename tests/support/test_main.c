#include "test_main.h"

#include <stdio.h>
#include <string.h>

// "chapter 3: view" -> "chapter 3: PyTorch golden cases".
static const char *golden_group(const char *group) {
    static char name[256];
    const char *colon = strchr(group, ':');
    int chapter = colon ? (int)(colon - group) : (int)strlen(group);
    snprintf(name, sizeof name, "%.*s: PyTorch golden cases", chapter, group);
    return name;
}

static int run_golden(const TestSuite *suite) {
    Golden golden;
    if (golden_load(&golden, suite->golden) < 0) return 1;
    const char *group = golden_group(suite->group);
    int failed = suite->golden_kinds ? golden_run_kinds(group, &golden, suite->golden_kinds)
                                     : golden_run(group, &golden, suite->golden_case);
    golden_free(&golden);
    return failed;
}

int run_suite(const TestSuite *suite) {
    int failed = _cmocka_run_group_tests(suite->group, suite->tests, suite->count,
                                         suite->setup, suite->teardown);
    if (suite->golden != NULL) failed += run_golden(suite);
    return failed;
}
