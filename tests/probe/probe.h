// Probe mode: the tests as the grader runs them (docs/instructors.md,
// "What the grader trusts").
//
// A test program built for grading is compiled with -DSTRIDES_PROBE and
// `-include tests/probe/probe.h`. Every check then stops being a check:
// it *records what the code under test produced* (an observation) on a
// channel of the grader's (the descriptor in STRIDES_PROBE_FD), and the
// expected half of the check is dropped by the preprocessor, so the
// expected answers are not compiled into the program at all. The grader
// (tools/grade, never linked with a student's code) compares the
// observations with the transcript the solutions recorded. Whatever the
// program does to itself (a constructor, a signal handler, its own
// cmocka), it can at most send a wrong answer.
//
// An observation is one line: KIND TAB WHERE TAB LABEL TAB VALUE, with
// tabs, line breaks and backslashes escaped. WHERE (file:line) is for
// messages only; KIND, LABEL and VALUE must match.
//
// Built with STRIDES_PROBE_HIDDEN too (the hidden tests), a failed check
// inside the program says only where it failed, never its message (a
// message would carry the expected answer).
#ifndef STRIDES_PROBE_H
#define STRIDES_PROBE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

// One observation: VALUE is printf-formatted.
void probe_record(const char *kind, const char *file, int line, const char *label,
                  const char *format, ...) __attribute__((format(printf, 5, 6)));
// A check that failed inside the program (an `if (...) fail_msg(...)` of
// a test): recorded, then the test stops as cmocka's fail() stops it.
void probe_fail(const char *file, int line, const char *format, ...)
    __attribute__((format(printf, 3, 4), noreturn));
void probe_fail_quietly(const char *file, int line) __attribute__((noreturn));
// Stop the test here, as a failed check does.
void probe_stop(const char *file, int line) __attribute__((noreturn));
// A number compared within `tolerance` * (1 + |expected|) (0: exactly).
// The grader takes the tolerance from the expected transcript, never from
// the program.
void probe_float(const char *file, int line, const char *label, double value, double tolerance);
// A pointer that must not be NULL (the test would crash on it): recorded,
// and the test stops if it is NULL. (It takes whether the pointer is
// there, not the pointer: gcc would take a pointer to fresh memory for one
// whose memory is read, and warn that it is uninitialized.)
void probe_non_null(const char *file, int line, const char *label, bool present);
// A string (NULL allowed), escaped.
void probe_string(const char *kind, const char *file, int line, const char *label,
                  const char *s);

// ---- cmocka's checks, as observations ---------------------------------------------
// The first argument of assert_int_equal and assert_string_equal is what
// the code gave (every test writes them that way); the second is dropped.
#undef assert_true
#undef assert_false
#undef assert_non_null
#undef assert_null
#undef assert_ptr_equal
#undef assert_ptr_not_equal
#undef assert_int_equal
#undef assert_string_equal
#undef fail
#undef fail_msg
#define probe_bool(label, c) \
    probe_record("bool", __FILE__, __LINE__, label, "%s", (c) ? "true" : "false")
#define assert_true(c) probe_bool(#c, c)
#define assert_false(c) probe_bool(#c, c)
#define assert_non_null(p) probe_non_null(__FILE__, __LINE__, #p, (p) != NULL)
#define assert_null(p) probe_bool(#p " == NULL", (p) == NULL)
#define assert_ptr_equal(a, b) probe_bool(#a " == " #b, (const void *)(a) == (const void *)(b))
#define assert_ptr_not_equal(a, b) assert_ptr_equal(a, b)
#define assert_int_equal(got, expected) \
    probe_record("int", __FILE__, __LINE__, #got, "%lld", (long long)(got))
#define assert_string_equal(got, expected) probe_string("string", __FILE__, __LINE__, #got, (got))
#define fail() probe_fail_quietly(__FILE__, __LINE__)
#ifdef STRIDES_PROBE_HIDDEN
#define fail_msg(...) probe_fail_quietly(__FILE__, __LINE__)
#else
#define fail_msg(...) probe_fail(__FILE__, __LINE__, __VA_ARGS__)
#endif

#endif
