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
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "error_asserts.h"
#include "tensor.h"

#ifdef STRIDES_PROBE
// Probe mode (tests/probe/probe.h): what the tensor is, recorded; what it
// should be, dropped. Values are written exactly (%.9g round-trips a
// float), NaN as "nan". (Variadic: an expected compound literal has
// commas of its own.)
#define assert_layout(t, ...) probe_layout(__FILE__, __LINE__, #t, (t))
#define assert_values(t, ...) probe_values(__FILE__, __LINE__, #t, (t), 0)
#define assert_values_near(t, tolerance, ...) \
    probe_values(__FILE__, __LINE__, #t, (t), (tolerance))
#define assert_tensor_error(t, ...) probe_tensor_error(__FILE__, __LINE__, #t, (t))

static inline void probe_layout(const char *file, int line, const char *label,
                                const Tensor *t) {
    probe_non_null(file, line, label, t != NULL);
    probe_record("shape", file, line, label, "%s", ints_text(t->ndim, t->shape).s);
    probe_record("strides", file, line, label, "%s", ints_text(t->ndim, t->stride).s);
    probe_record("offset", file, line, label, "%lld", (long long)t->offset);
}

static inline void probe_values(const char *file, int line, const char *label,
                                const Tensor *t, double tolerance) {
    probe_non_null(file, line, label, t != NULL);
    enum { SHOWN = 4000 };  // elements; a test's tensors are far smaller
    static char text[SHOWN * 18 + 32];
    size_t at = 0;
    int64_t index[MAX_DIMS] = {0};
    int64_t count = tensor_numel(t);
    for (int64_t n = 0; n < count && n < SHOWN; n++) {
        float v = t->storage->data[tensor_storage_index(t, index)];
        at += (size_t)snprintf(text + at, sizeof text - at, "%s%.9g", n ? " " : "",
                               v != v ? (double)NAN : (double)v);
        index_next(t->ndim, t->shape, index);
    }
    if (count > SHOWN) snprintf(text + at, sizeof text - at, " ...(%lld)", (long long)count);
    char kind[32];
    if (tolerance > 0) snprintf(kind, sizeof kind, "values~%g", tolerance);
    else snprintf(kind, sizeof kind, "values");
    probe_record(kind, file, line, label, "%s", text);
}

static inline void probe_tensor_error(const char *file, int line, const char *label, Tensor *t) {
    if (t != NULL) {
        probe_record("error", file, line, label, "(no error: it returned a tensor of shape %s)",
                     ints_text(t->ndim, t->shape).s);
        tensor_free(t);
        return;
    }
    probe_string("error", file, line, label, error_message());
}
#else
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

// The elements in row-major order, each within tolerance * (1 + |expected|).
static inline void assert_values_near(const Tensor *t, double tolerance,
                                      const float *expected, int64_t count) {
    assert_non_null(t);
    if (tensor_numel(t) != count) {
        fail_msg("numel: expected %lld, got %lld", (long long)count,
                 (long long)tensor_numel(t));
    }
    int64_t index[MAX_DIMS] = {0};
    for (int64_t n = 0; n < count; n++) {
        double g = t->storage->data[tensor_storage_index(t, index)], w = expected[n];
        if (!(g == w || (g != g && w != w) || fabs(g - w) <= tolerance * (1 + fabs(w)))) {
            fail_msg("element %lld (row-major): expected %.7g, got %.7g", (long long)n, w, g);
        }
        index_next(t->ndim, t->shape, index);
    }
}

// The elements in row-major order, compared exactly.
static inline void assert_values(const Tensor *t, const float *expected,
                                 int64_t count) {
    assert_values_near(t, 0.0, expected, count);
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

// ---- in both modes (a failure is recorded in probe mode, as any check) ----

// x = arange(storage_size) seen through the given sizes, strides and offset.
static inline Tensor *arange_strided(int64_t storage_size, int ndim, const int64_t *sizes,
                                     const int64_t *strides, int64_t offset) {
    Tensor *base = tensor_arange(0, (double)storage_size, 1);
    assert_non_null(base);
    Tensor *t = tensor_on(base->storage, offset, ndim, sizes, strides);
    tensor_free(base);
    return t;
}

// Text a call returned (freed here), compared exactly.
static inline void assert_text(char *got, const char *expected) {
    assert_non_null(got);
    if (strcmp(got, expected) != 0) {
        fail_msg("text:\n--- expected\n%s\n--- got\n%s", expected, got);
    }
    free(got);
}

// The elements in row-major order, each within atol + rtol * |expected|
// (for results PyTorch computes with other code: vectorised exp, sums in
// another order). NaN matches NaN; infinities match exactly.
static inline void assert_values_close(const Tensor *t, const float *expected, int64_t count,
                                       double atol, double rtol) {
    assert_non_null(t);
    assert_int_equal(tensor_numel(t), count);
    int64_t index[MAX_DIMS] = {0};
    for (int64_t k = 0; k < count; k++) {
        double got = t->storage->data[tensor_storage_index(t, index)], want = expected[k];
        bool close = isnan(want)   ? isnan(got)
                     : isinf(want) ? got == want
                                   : fabs(got - want) <= atol + rtol * fabs(want);
        if (!close) {
            fail_msg("element %lld: expected %.9g, got %.9g", (long long)k, want, got);
        }
        index_next(t->ndim, t->shape, index);
    }
}

#endif
