// Tests for tools/check-code, the checker of include cycles and function
// lengths that `make test` runs over tools/ (mk/code-check.mk).
//
// Its fixtures (tests/tools/fixtures/check-code) are small trees: `cycle`,
// whose headers include each other in a ring a -> b -> c -> a (one by its
// path from an include folder, as -I finds it; a.c including its own a.h
// is no cycle), `clean`, which has none, and `long`, with functions of 80
// and 81 lines, one whose brace is on a line of its own, and a table
// longer than 80 lines that is no function.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define FIXTURES "tests/tools/fixtures/check-code"

// Run tools/check-code with `args` from the root; its output (stdout and
// stderr) into out, and its exit status back.
static int check_code(const char *args, char *out, size_t cap) {
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cd '%s' && tools/check-code %s 2>&1", STRIDES_ROOT, args);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, cap - 1, p);
    out[n] = '\0';
    int status = pclose(p);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

static void test_a_cycle_is_reported_with_its_path(void **state) {
    (void)state;
    char out[4096];
    assert_int_equal(check_code("--cycles " FIXTURES "/cycle", out, sizeof out), 1);
    assert_string_equal(out, FIXTURES "/cycle: include cycle: a -> b -> c -> a\n");
}

static void test_no_cycle_passes(void **state) {
    (void)state;
    char out[4096];
    assert_int_equal(check_code("--cycles " FIXTURES "/clean", out, sizeof out), 0);
    assert_string_equal(out, "");
}

static void test_functions_over_80_lines_are_reported(void **state) {
    (void)state;
    char out[4096];
    assert_int_equal(check_code("--length " FIXTURES "/long", out, sizeof out), 1);
    assert_string_equal(out, FIXTURES "/long/long.c:85: over_limit is 81 lines (at most 80)\n" FIXTURES
                             "/long/long.c:260: brace_below is 83 lines (at most 80)\n");
}

static void test_checks_add_up_and_short_code_passes(void **state) {
    (void)state;
    char out[4096];
    assert_int_equal(check_code("--length " FIXTURES "/cycle --cycles " FIXTURES "/clean", out,
                                sizeof out),
                     0);
    assert_string_equal(out, "");
    assert_int_equal(check_code("--cycles " FIXTURES "/clean --length " FIXTURES "/long", out,
                                sizeof out),
                     1);
    assert_non_null(strstr(out, "over_limit is 81 lines"));
}

static void test_bad_usage_says_so(void **state) {
    (void)state;
    char out[4096];
    assert_int_equal(check_code("--length", out, sizeof out), 2);
    assert_non_null(strstr(out, "usage: tools/check-code"));
    assert_int_equal(check_code("--cycles " FIXTURES "/nowhere", out, sizeof out), 2);
    assert_string_equal(out, "check-code: no folder " FIXTURES "/nowhere\n");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_cycle_is_reported_with_its_path),
        cmocka_unit_test(test_no_cycle_passes),
        cmocka_unit_test(test_functions_over_80_lines_are_reported),
        cmocka_unit_test(test_checks_add_up_and_short_code_passes),
        cmocka_unit_test(test_bad_usage_says_so),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
