// The part of the exercise checks that needs no tensors, so that chapter
// 1's exercise tests build with chapter 1 alone: keeping storages for the
// teardown to release, the "not implemented" check, EXERCISE_TEST(name).
// exercise_asserts.h adds the checks about tensors on top.
#ifndef STRIDES_EXERCISE_CORE_H
#define STRIDES_EXERCISE_CORE_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "error_asserts.h"
#include "storage.h"
#include "test_main.h"

// The teardown each EXERCISE_TEST runs; exercise_asserts.h swaps in one
// that also frees kept tensors.
#define EXERCISE_TEARDOWN release_kept_storage
#define EXERCISE_TEST(name) cmocka_unit_test_teardown(name, EXERCISE_TEARDOWN)

enum { MAX_KEPT = 64 };
static Storage *kept_storage[MAX_KEPT];
static int nkept_storage;

// One reference to release at the end (call it once per reference).
static inline Storage *keep_storage(Storage *s) {
    if (s != NULL && nkept_storage < MAX_KEPT) kept_storage[nkept_storage++] = s;
    return s;
}

// The test gave one reference of `s` away (to the code under test).
static inline void forget_storage(Storage *s) {
    for (int i = nkept_storage - 1; i >= 0; i--) {
        if (kept_storage[i] == s) {
            kept_storage[i] = kept_storage[--nkept_storage];
            return;
        }
    }
}

static inline int release_kept_storage(void **state) {
    (void)state;
    while (nkept_storage > 0) storage_release(kept_storage[--nkept_storage]);
    return 0;
}

// After calling an exercise: if it is still the stub, say so first.
#ifdef STRIDES_PROBE
// (Probe mode: an observation "stub" whose value is the exercise's id,
// error_exercise(): the grader reads it as data. It names only the
// exercise, so even a hidden test may show it.)
#define expect_implemented(call) probe_implemented(__FILE__, __LINE__, (call))
static inline void probe_implemented(const char *file, int line, const char *call) {
    if (error_exercise()[0] != '\0') {
        probe_string("stub", file, line, call, error_exercise());
        probe_stop(file, line);
    }
}
#else
static inline void expect_implemented(const char *call) {
    if (error_exercise()[0] != '\0') {  // the runner then prints "[   STUB   ] 3.2"
        fail_msg("%s: %s", call, error_message());
    }
}
#endif

// A string the code under test returned (freed here), against `want`.
static inline void expect_text(char *got, const char *want, const char *what) {
#ifdef STRIDES_PROBE
    // Probe mode (tests/probe/probe.h): the grader compares what came back.
    probe_string("string", __FILE__, __LINE__, what, got);
    free(got);
    return;
#endif
    if (got == NULL) fail_msg("%s: expected \"%s\", got NULL", what, want);
    bool same = strcmp(got, want) == 0;
    if (!same) {
        char *copy = strdup(got);
        free(got);
        fail_msg("%s:\n  expected: \"%s\"\n  got:      \"%s\"", what, want, copy);
    }
    free(got);
}

// A float, exactly or within tolerance * (1 + |expected|).
#ifdef STRIDES_PROBE
#define assert_float_near(got, expected, tolerance) \
    probe_float(__FILE__, __LINE__, #got, (double)(got), (tolerance))
#else
#define assert_float_near(got, expected, tolerance) \
    check_float_near(#got, (double)(got), (double)(expected), (tolerance))
static inline void check_float_near(const char *what, double got, double want, double tolerance) {
    if (!(got == want || (got != got && want != want) ||
          (got - want <= tolerance * (1 + (want < 0 ? -want : want)) &&
           want - got <= tolerance * (1 + (want < 0 ? -want : want))))) {
        fail_msg("%s: expected %.9g, got %.9g", what, want, got);
    }
}
#endif

#endif
