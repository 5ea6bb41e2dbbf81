// Checks for the exercise tests, strict and in a fixed order: did the
// call do anything at all ("not implemented"?), then the shape, then the
// strides and offset, then the values, then memory sharing where a view is
// expected. Every failure says what was expected and what came back.
//
// Objects a test makes are registered with keep_tensor() / keep_storage()
// and released by the teardown, release_kept(), which cmocka runs even
// after a failed check, so a failing test leaks nothing and
// LeakSanitizer's reports are about the code under test. Declare tests
// with EXERCISE_TEST(name).
#ifndef STRIDES_EXERCISE_ASSERTS_H
#define STRIDES_EXERCISE_ASSERTS_H

#include "exercise_core.h"
#include "tensor_asserts.h"

static Tensor *kept_tensor[MAX_KEPT];
static int nkept_tensor;

static inline Tensor *keep_tensor(Tensor *t) {
    if (t != NULL && nkept_tensor < MAX_KEPT) kept_tensor[nkept_tensor++] = t;
    return t;
}

static inline int release_kept(void **state) {
    while (nkept_tensor > 0) tensor_free(kept_tensor[--nkept_tensor]);
    return release_kept_storage(state);
}
#undef EXERCISE_TEARDOWN
#define EXERCISE_TEARDOWN release_kept

// A call that must be refused: NULL, with an error of this kind. The
// chapters grade the rule, not the wording: the message is the student's.
// (In probe mode the two checks are recorded, like any assert.)
#define EXPECT_REFUSED(call, kind) expect_refused_from(keep_tensor(call), #call, (kind))
static inline void expect_refused_from(const Tensor *t, const char *call, ErrorKind kind) {
    expect_implemented(call);
#ifdef STRIDES_PROBE
    assert_null(t);
    assert_int_equal(error_kind(), kind);
#else
    if (t != NULL) fail_msg("%s should be refused, but it returned a tensor", call);
    if (error_kind() != kind) {
        fail_msg("%s was refused, but with an error of kind %d, not %d (\"%s\")", call,
                 (int)error_kind(), (int)kind, error_message());
    }
#endif
}

#ifdef STRIDES_PROBE
// Probe mode (tests/probe/probe.h): what came back is recorded; what
// should have come back is dropped here, by the preprocessor.
#define EXPECT_TENSOR(call) probe_tensor_from(__FILE__, __LINE__, (call), #call)
#define EXPECT_ERROR(call, ...) probe_error_from(__FILE__, __LINE__, (call), #call)
#define expect_layout_and_values(got, ...) \
    (probe_layout(__FILE__, __LINE__, #got, (got)), probe_values(__FILE__, __LINE__, #got, (got), 0))
#define expect_view(got, base, ...)          \
    (expect_layout_and_values(got, 0),       \
     probe_bool(#got " shares the storage of " #base, (got)->storage == (base)->storage))

static inline Tensor *probe_tensor_from(const char *file, int line, Tensor *t,
                                        const char *call) {
    keep_tensor(t);
    probe_implemented(file, line, call);
    if (t == NULL) {
        probe_record("tensor", file, line, call, "NULL, with the error \"%s\"", error_message());
        probe_stop(file, line);
    }
    probe_record("tensor", file, line, call, "a tensor");
    return t;
}

static inline void probe_error_from(const char *file, int line, Tensor *t, const char *call) {
    keep_tensor(t);
    probe_implemented(file, line, call);
    if (t != NULL) {
        probe_record("error", file, line, call, "(no error: it returned a tensor of shape %s)",
                     ints_text(t->ndim, t->shape).s);
    } else {
        probe_string("error", file, line, call, error_message());
    }
}
#else
// A call that should have returned a tensor (which is kept for release).
#define EXPECT_TENSOR(call) expect_tensor_from((call), #call)
static inline Tensor *expect_tensor_from(Tensor *t, const char *call) {
    keep_tensor(t);
    expect_implemented(call);
    if (t == NULL) {
        fail_msg("%s returned NULL, with the error \"%s\"", call, error_message());
    }
    return t;
}

// A call that should have failed with this message.
#define EXPECT_ERROR(call, message) expect_error_from((call), #call, (message))
static inline void expect_error_from(Tensor *t, const char *call, const char *message) {
    keep_tensor(t);
    expect_implemented(call);
    if (t != NULL) {
        fail_msg("%s should fail with \"%s\", but it returned a tensor of shape %s",
                 call, message, ints_text(t->ndim, t->shape).s);
    }
    assert_error_message(message);
}

// The layout, then the values, of any result.
static inline void expect_layout_and_values(const Tensor *got, Shape shape,
                                            IntList strides, int64_t offset,
                                            const float *values, int64_t count) {
    assert_layout(got, shape, strides, offset);
    assert_values(got, values, count);
}

// A result that must be a view of `base`: layout, values, then sharing.
static inline void expect_view(const Tensor *got, const Tensor *base, Shape shape,
                               IntList strides, int64_t offset, const float *values,
                               int64_t count) {
    expect_layout_and_values(got, shape, strides, offset, values, count);
    if (got->storage != base->storage) {
        fail_msg("expected a view sharing the input's storage, got a tensor with "
                 "a storage of its own (a copy)");
    }
}
#endif

// A new tensor (offset 0): the layout, then every value to within
// 1e-5 * (1 + |expected|) (PyTorch computes some in another order).
static inline void expect_close(const Tensor *got, Shape shape, IntList strides,
                                const float *values, int64_t count) {
    assert_layout(got, shape, strides, 0);
    assert_values_near(got, 1e-5, values, count);
}

// x = arange(storage_size) seen through the given layout.
static inline Tensor *strided_arange(int64_t storage_size, Shape shape,
                                     IntList strides, int64_t offset) {
    return keep_tensor(arange_strided(storage_size, shape.len, shape.at, strides.at, offset));
}

#endif
