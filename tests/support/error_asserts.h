// The assertions about errors, shared by every chapter's tests (chapter
// 1's included, which has no tensors yet). Header-only (static inline).
#ifndef STRIDES_TEST_ERROR_ASSERTS_H
#define STRIDES_TEST_ERROR_ASSERTS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"

#ifdef STRIDES_PROBE
// Probe mode (tests/probe/probe.h): the message is recorded, the expected
// one dropped.
#define assert_error_message(expected) \
    probe_string("error", __FILE__, __LINE__, "the error", error_message())
#else
// The call returned NULL (or -1) and left exactly this message.
static inline void assert_error_message(const char *expected) {
    if (strcmp(error_message(), expected) != 0) {
        fail_msg("error message:\n  expected: %s\n  got:      %s", expected,
                 error_message());
    }
}
#endif

// The call failed with this kind (what a caller branches on) and exactly
// this message (what a person reads). The message is compared first: when
// the failure is an exercise's stub, its message says which exercise.
#define assert_error(kind, message)             \
    do {                                        \
        assert_error_message(message);          \
        assert_int_equal(error_kind(), (kind)); \
    } while (0)

#endif
