// Exercise checks for Appendix A: a session and the strings a test got
// back are kept here and freed by the teardown, even after a failed check
// (exercise_asserts.h does the same for tensors). Declare such tests with
// LANG_TEST(name).
#ifndef STRIDES_EXERCISE_LANG_H
#define STRIDES_EXERCISE_LANG_H

#include <stdlib.h>
#include <string.h>

#include "../../chapters/A-lang/exercises.h"
#include "exercise_asserts.h"
#include "lang/lang.h"

enum { MAX_KEPT_STRINGS = 64 };
static Session *kept_session;
static char *kept_string[MAX_KEPT_STRINGS];
static int nkept_string;

static inline char *keep_string(char *s) {
    if (s != NULL && nkept_string < MAX_KEPT_STRINGS) kept_string[nkept_string++] = s;
    return s;
}

static inline int release_kept_lang(void **state) {
    while (nkept_string > 0) free(kept_string[--nkept_string]);
    session_free(kept_session);
    kept_session = NULL;
    return release_kept(state);
}

#define LANG_TEST(name) cmocka_unit_test_teardown(name, release_kept_lang)

// `s` with its line breaks written as \n, for one-line messages (kept).
static inline const char *shown(const char *s) {
    char *out = malloc(2 * strlen(s) + 1);
    assert_non_null(out);
    keep_string(out);
    char *o = out;
    for (; *s; s++) {
        if (*s == '\n') *o++ = '\\', *o++ = 'n';
        else *o++ = *s;
    }
    *o = '\0';
    return out;
}

// A fresh session (the teardown frees it).
static inline Session *new_session(void) {
    session_free(kept_session);
    kept_session = session_new();
    assert_non_null(kept_session);
    return kept_session;
}

// `line` must give a tensor (kept for the teardown).
static inline Tensor *tensor_from(Session *s, const char *line) {
    Value v;
    if (session_run(s, line, &v) != 0) {
        fail_msg("%s: %s: %s", line, session_error_type(s), session_error(s));
    }
    if (v.kind != VALUE_TENSOR) {
        char *repr = keep_string(value_repr(&v));
        value_free(&v);
        fail_msg("%s: expected a tensor, got %s", line, repr ? repr : "?");
    }
    return keep_tensor(v.tensor);  // the value owned nothing else
}

// The transcript of `script` (kept), its number of failures in *failures;
// the test stops if it is NULL.
static inline const char *transcript(Session *s, const char *script, bool keep_going,
                                     int *failures) {
    error_clear();
    if (failures != NULL) *failures = -1;  // (NULL is allowed)
    char *got = keep_string(run_transcript(s, script, keep_going, failures));
    expect_implemented("run_transcript()");
    if (got == NULL) {
        fail_msg("run_transcript(\"%s\") returned NULL, with the error \"%s\"", shown(script),
                 error_message());
    }
    return got;
}

#endif
