// Assertions about tensors, shared by the tests of chapters 2 and later.
// Header-only (static inline), so chapter 1's tests build without tensors.
// Each failure says what was expected and what came back.
#ifndef STRIDES_TEST_TENSOR_ASSERTS_H
#define STRIDES_TEST_TENSOR_ASSERTS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "error_asserts.h"
#include "tensor.h"

// Shape, strides and offset, in that order.
static inline void assert_layout(const Tensor *t, Shape shape, IntList stride,
                                 int64_t offset) {
    assert_non_null(t);
    if (t->ndim != shape.len ||
        memcmp(t->shape, shape.at, sizeof(int64_t) * (size_t)shape.len) != 0) {
        fail_msg("shape: expected %s, got %s", ints_text(shape.len, shape.at).s,
                 ints_text(t->ndim, t->shape).s);
    }
    if (memcmp(t->stride, stride.at, sizeof(int64_t) * (size_t)stride.len) != 0) {
        fail_msg("strides: expected %s, got %s", ints_text(stride.len, stride.at).s,
                 ints_text(t->ndim, t->stride).s);
    }
    if (t->offset != offset) {
        fail_msg("offset: expected %lld, got %lld", (long long)offset,
                 (long long)t->offset);
    }
}

// The elements in row-major order, compared exactly.
static inline void assert_values(const Tensor *t, const float *expected,
                                 int64_t count) {
    assert_non_null(t);
    if (tensor_numel(t) != count) {
        fail_msg("numel: expected %lld, got %lld", (long long)count,
                 (long long)tensor_numel(t));
    }
    int64_t index[MAX_DIMS] = {0};
    for (int64_t n = 0; n < count; n++) {
        float got = t->storage->data[tensor_storage_index(t, index)];
        if (!(got == expected[n] || (got != got && expected[n] != expected[n]))) {
            fail_msg("element %lld (row-major): expected %g, got %g", (long long)n,
                     (double)expected[n], (double)got);
        }
        next_index(t->ndim, t->shape, index);
    }
}

// For a call expected to fail: no tensor (free it if one came back, so a
// wrong success doesn't also leak), and PyTorch's message.
static inline void assert_tensor_error(Tensor *t, const char *expected) {
    if (t != NULL) {
        tensor_free(t);
        fail_msg("expected the error \"%s\", but the call succeeded", expected);
    }
    assert_error_message(expected);
}

#endif
