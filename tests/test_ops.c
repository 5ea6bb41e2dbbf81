// Chapter 5: elementwise operations, in-place operations through views,
// copy_/fill_/clone, reductions and matmul -- against PyTorch's own answers
// (tests/golden/ops.txt), plus the cases a golden file can't express.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elementwise.h"
#include "test_main.h"
#include "matmul.h"
#include "reduce.h"
#include "tensor.h"
#include "tensor_asserts.h"

// ---- the inputs of a case -----------------------------------------------------------

// Element i of a storage, as tests/golden/gen_ops.py computes it.
static float fill_value(char kind, int64_t i) {
    switch (kind) {
    case 'a': return (float)i;
    case 'm': return (float)((7 * i + 3) % 19 - 9) / 4;
    case 'p': return (float)((5 * i + 1) % 17 + 1) / 8;
    case 'b': return (float)((11 * i + 5) % 41 - 20) * 5;
    case 'n': return i % 7 == 3 ? NAN : (float)((7 * i + 3) % 19 - 9) / 4;
    case 'r': return (float)((double)(uint32_t)((uint64_t)i * 2654435761u) / 4294967296.0);
    }
    fail_msg("unknown fill '%c'", kind);
    return 0;
}

// "sizes;strides;offset;SIZE:FILL" or "...;=0" (input 0's storage).
static Tensor *make_input(char *spec, Tensor *first) {
    char *part[4];
    assert_int_equal(golden_split(spec, ';', part, 4), 4);
    int64_t sizes[MAX_DIMS], strides[MAX_DIMS];
    int ndim = golden_ints(part[0], sizes, MAX_DIMS);
    assert_int_equal(golden_ints(part[1], strides, MAX_DIMS), ndim);
    if (strcmp(part[3], "=0") == 0) {
        assert_non_null(first);
        return tensor_on(first->storage, atoll(part[2]), ndim, sizes, strides);
    }
    char *colon = strchr(part[3], ':');
    assert_non_null(colon);
    int64_t size = atoll(part[3]);
    Storage *s = storage_new(size);
    assert_non_null(s);
    for (int64_t i = 0; i < size; i++) s->data[i] = fill_value(colon[1], i);
    Tensor *t = tensor_on(s, atoll(part[2]), ndim, sizes, strides);
    storage_release(s);
    return t;
}

// ---- comparing ------------------------------------------------------------------

// Within 1e-5 relative (NaN matches NaN, infinities match exactly).
static bool close_enough(float got, float want) {
    if (isnan(want) || isnan(got)) return isnan(want) && isnan(got);
    if (isinf(want) || isinf(got)) return got == want;
    float diff = fabsf(got - want), scale = fmaxf(fabsf(got), fabsf(want));
    return diff <= 1e-5f * scale || diff < 1e-30f;
}

// Parse "v,v,v" into a new array; returns the count.
static int64_t parse_floats(const char *text, float **out) {
    int64_t n = *text ? 1 : 0;
    for (const char *c = text; *c; c++) n += *c == ',';
    *out = malloc((size_t)(n ? n : 1) * sizeof(float));
    const char *p = text;
    for (int64_t i = 0; i < n; i++) {
        char *end;
        (*out)[i] = strtof(p, &end);
        if (end == p) fail_msg("bad number in golden file: %.20s", p);
        p = *end == ',' ? end + 1 : end;
    }
    return n;
}

// The elements of t (row-major) against the list `want`.
static void assert_close(const Tensor *t, const char *want, const char *what) {
    float *expected;
    int64_t n = parse_floats(want, &expected);
    if (tensor_numel(t) != n) {
        free(expected);
        fail_msg("%s: expected %lld elements, got %lld", what, (long long)n,
                 (long long)tensor_numel(t));
    }
    int64_t index[MAX_DIMS] = {0};
    for (int64_t i = 0; i < n; i++) {
        float got = t->storage->data[tensor_storage_index(t, index)];
        if (!close_enough(got, expected[i])) {
            float e = expected[i];
            free(expected);
            fail_msg("%s: element %lld (row-major): expected %.9g, got %.9g", what,
                     (long long)i, (double)e, (double)got);
        }
        index_next(t->ndim, t->shape, index);
    }
    free(expected);
}

// "sizes;strides;values[;more]": the layout exactly, the values closely;
// *rest is what follows the values (max's indices), or NULL.
static void assert_result(const Tensor *t, char *want, char **rest) {
    char *field[4];
    int n = golden_split(want, ';', field, 4);
    assert_true(n == 3 || n == 4);
    *rest = n == 4 ? field[3] : NULL;
    int64_t sizes[MAX_DIMS], strides[MAX_DIMS];
    int ndim = golden_ints(field[0], sizes, MAX_DIMS);
    assert_int_equal(golden_ints(field[1], strides, MAX_DIMS), ndim);
    assert_layout(t, intlist_of(sizes, (size_t)ndim), intlist_of(strides, (size_t)ndim), 0);
    assert_close(t, field[2], "values");
}

// Every element of a storage against the list `want`.
static void assert_storage(const Storage *s, const char *want) {
    Tensor *all = tensor_on((Storage *)s, 0, 1, &s->size, (int64_t[]){1});
    assert_close(all, want, "storage");
    tensor_free(all);
}

// ---- running an operation by its PyTorch name ---------------------------------------

typedef Tensor *(*Unary)(const Tensor *);
typedef int (*UnaryInPlace)(Tensor *);
typedef Tensor *(*Binary)(const Tensor *, const Tensor *);
typedef int (*BinaryInPlace)(Tensor *, const Tensor *);
typedef Tensor *(*WithScalar)(const Tensor *, float);
typedef int (*WithScalarInPlace)(Tensor *, float);

static const struct {
    const char *name;
    Unary fn;
    UnaryInPlace inplace;
} unary[] = {
    {"neg", tensor_neg, tensor_neg_},    {"exp", tensor_exp, tensor_exp_},
    {"log", tensor_log, tensor_log_},    {"relu", tensor_relu, tensor_relu_},
    {"sigmoid", tensor_sigmoid, tensor_sigmoid_}, {"tanh", tensor_tanh, tensor_tanh_},
    {"abs", tensor_abs, tensor_abs_},    {"sqrt", tensor_sqrt, tensor_sqrt_},
};

static const struct {
    const char *name;
    Binary fn;
    BinaryInPlace inplace;
    WithScalar scalar;
    WithScalarInPlace scalar_inplace;
} binary[] = {
    {"add", tensor_add, tensor_add_, tensor_add_scalar, tensor_add_scalar_},
    {"sub", tensor_sub, tensor_sub_, tensor_sub_scalar, tensor_sub_scalar_},
    {"mul", tensor_mul, tensor_mul_, tensor_mul_scalar, tensor_mul_scalar_},
    {"div", tensor_div, tensor_div_, tensor_div_scalar, tensor_div_scalar_},
};

static const struct {
    const char *name;
    Binary fn;
} products[] = {
    {"dot", tensor_dot}, {"mv", tensor_mv}, {"mm", tensor_mm},
    {"bmm", tensor_bmm}, {"matmul", tensor_matmul},
};

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

// Run `op`. Out-of-place results go to out[0] (and out[1] for max with a
// dim); in-place ones leave out[0] NULL. Returns 0, or -1 on error.
static int run_op(const char *op, Tensor **in, const char *arg, Tensor **out) {
    char name[32];
    snprintf(name, sizeof name, "%s", op);
    size_t len = strlen(name);
    bool inplace = name[len - 1] == '_';
    if (inplace) name[--len] = '\0';
    bool scalar = len > 7 && strcmp(name + len - 7, "_scalar") == 0;
    if (scalar) name[len - 7] = '\0';
    float value = (float)atof(arg);

    for (size_t i = 0; i < COUNT(unary); i++) {
        if (strcmp(name, unary[i].name) != 0) continue;
        if (inplace) return unary[i].inplace(in[0]);
        return (out[0] = unary[i].fn(in[0])) ? 0 : -1;
    }
    for (size_t i = 0; i < COUNT(binary); i++) {
        if (strcmp(name, binary[i].name) != 0) continue;
        if (scalar && inplace) return binary[i].scalar_inplace(in[0], value);
        if (scalar) return (out[0] = binary[i].scalar(in[0], value)) ? 0 : -1;
        if (inplace) return binary[i].inplace(in[0], in[1]);
        return (out[0] = binary[i].fn(in[0], in[1])) ? 0 : -1;
    }
    for (size_t i = 0; i < COUNT(products); i++) {
        if (strcmp(name, products[i].name) == 0) {
            return (out[0] = products[i].fn(in[0], in[1])) ? 0 : -1;
        }
    }
    if (strcmp(name, "copy") == 0) return tensor_copy_(in[0], in[1]);
    if (strcmp(name, "fill") == 0) return tensor_fill_(in[0], value);
    if (strcmp(name, "clone") == 0) return (out[0] = tensor_clone(in[0])) ? 0 : -1;

    bool all = *arg == '\0';
    int64_t dim = atoll(arg);
    bool keepdim = !all && strchr(arg, ',') != NULL && atoi(strchr(arg, ',') + 1) != 0;
    if (strcmp(name, "sum") == 0) {
        out[0] = all ? tensor_sum(in[0]) : tensor_sum_dim(in[0], dim, keepdim);
    } else if (strcmp(name, "mean") == 0) {
        out[0] = all ? tensor_mean(in[0]) : tensor_mean_dim(in[0], dim, keepdim);
    } else if (strcmp(name, "argmax") == 0) {
        out[0] = all ? tensor_argmax(in[0]) : tensor_argmax_dim(in[0], dim, keepdim);
    } else if (strcmp(name, "max") == 0 && all) {
        out[0] = tensor_max(in[0]);
    } else if (strcmp(name, "max") == 0) {
        return tensor_max_dim(in[0], dim, keepdim, &out[0], &out[1]);
    } else {
        fail_msg("unknown op %s", op);
    }
    return out[0] ? 0 : -1;
}

// ---- one golden case ---------------------------------------------------------------------

// A copy of every input storage's contents, to prove an out-of-place
// operation left its inputs alone.
static float *snapshot(const Storage *s) {
    float *copy = malloc((size_t)(s->size ? s->size : 1) * sizeof(float));
    if (s->size) memcpy(copy, s->data, (size_t)s->size * sizeof(float));
    return copy;
}

static void golden_case(GoldenCase *c) {
    assert_int_equal(c->nfields, 5);
    const char *op = c->field[1], *arg = c->field[3];
    char *expected = c->field[4];

    char *spec[2];
    int n = golden_split(c->field[2], '|', spec, 2);
    assert_true(n >= 1);
    Tensor *in[2] = {NULL, NULL};
    in[0] = make_input(spec[0], NULL);
    if (n == 2) in[1] = make_input(spec[1], in[0]);
    float *before[2] = {snapshot(in[0]->storage), n == 2 ? snapshot(in[1]->storage) : NULL};

    Tensor *out[2] = {NULL, NULL};
    error_clear();
    int rc = run_op(op, in, arg, out);

    char *want = strdup(expected);
    if (strncmp(want, "err ", 4) == 0) {
        for (int i = 0; i < 2; i++) tensor_free(out[i]);
        if (rc == 0) fail_msg("expected the error \"%s\", but the call succeeded", want + 4);
        assert_error_message(want + 4);
    } else {
        if (rc != 0) fail_msg("expected success, got the error: %s", error_message());
        assert_true(strncmp(want, "ok ", 3) == 0);
        char *rest = NULL;
        if (strncmp(want + 3, "storage;", 8) == 0) {
            assert_null(out[0]);
            assert_storage(in[0]->storage, want + 11);
        } else {
            assert_non_null(out[0]);
            assert_result(out[0], want + 3, &rest);
            if (out[1] != NULL) {
                assert_non_null(rest);
                assert_layout(out[1], tensor_shape(out[0]), tensor_strides(out[0]), 0);
                assert_close(out[1], rest, "indices");
            }
            // An out-of-place operation writes nothing into its inputs.
            for (int i = 0; i < n; i++) {
                const Storage *s = in[i]->storage;
                for (int64_t k = 0; k < s->size; k++) {
                    if (!close_enough(s->data[k], before[i][k])) {
                        fail_msg("input %d's storage changed at %lld", i, (long long)k);
                    }
                }
            }
        }
    }
    free(want);
    for (int i = 0; i < 2; i++) {
        tensor_free(out[i]);
        tensor_free(in[i]);
        free(before[i]);
    }
}

// ---- what the golden file can't say ------------------------------------------------------

static void inplace_ops_write_through_views(void **state) {
    (void)state;
    // x = arange(12).view(3, 4); x.t()[1:].mul_(10): columns 1..3 of x.
    Tensor *x = tensor_arange(0, 12, 1);
    Tensor *cols = tensor_on(x->storage, 1, 2, (int64_t[]){3, 3}, (int64_t[]){1, 4});
    assert_int_equal(tensor_mul_scalar_(cols, 10), 0);
    assert_values(x, (float[]){0, 10, 20, 30, 4, 50, 60, 70, 8, 90, 100, 110}, 12);
    // relu_ of a row, then a broadcast add into the same view.
    Tensor *row = tensor_on(x->storage, 4, 1, (int64_t[]){4}, (int64_t[]){1});
    assert_int_equal(tensor_sub_scalar_(row, 50), 0);
    assert_int_equal(tensor_relu_(row), 0);
    assert_values(row, (float[]){0, 0, 10, 20}, 4);
    Tensor *one = tensor_full(SHAPE(1), 1);
    assert_int_equal(tensor_add_(cols, one), 0);
    assert_values(x, (float[]){0, 11, 21, 31, 0, 1, 11, 21, 8, 91, 101, 111}, 12);
    tensor_free(one);
    tensor_free(row);
    tensor_free(cols);
    tensor_free(x);
}

static void scalar_ops_follow_tensor_layout(void **state) {
    (void)state;
    // x.t() * 2 keeps the transpose's memory order: strides (1, 4).
    Tensor *x = tensor_arange(0, 12, 1);
    Tensor *t = tensor_on(x->storage, 0, 2, (int64_t[]){4, 3}, (int64_t[]){1, 4});
    Tensor *y = tensor_mul_scalar(t, 2);
    assert_layout(y, SHAPE(4, 3), INTS(1, 4), 0);
    assert_values(y, (float[]){0, 8, 16, 2, 10, 18, 4, 12, 20, 6, 14, 22}, 12);
    tensor_free(y);
    tensor_free(t);
    tensor_free(x);
}

static void tiled_walks_cover_every_element(void **state) {
    (void)state;
    // x.t() + x and x.t() * 2 for a 130 x 70 x: several tiles, clipped
    // at both far edges; checked against the plain formula.
    int64_t n = 130, m = 70;
    Tensor *x = tensor_arange(0, (double)(n * m), 1);
    Tensor *sq = tensor_on(x->storage, 0, 2, (int64_t[]){70, 70}, (int64_t[]){m, 1});
    Tensor *t = tensor_on(x->storage, 0, 2, (int64_t[]){70, 70}, (int64_t[]){1, m});
    Tensor *sum = tensor_add(t, sq);
    assert_layout(sum, SHAPE(70, 70), INTS(1, 70), 0);  // t decides: its layout
    for (int64_t i = 0; i < 70; i++) {
        for (int64_t j = 0; j < 70; j++) {
            float got = sum->storage->data[i + j * 70], want = (float)(j * m + i + i * m + j);
            if (got != want) fail_msg("(%lld, %lld): %g, expected %g", (long long)i,
                                      (long long)j, (double)got, (double)want);
        }
    }
    Tensor *into = tensor_zeros(SHAPE(m, n));
    Tensor *xt = tensor_on(x->storage, 0, 2, (int64_t[]){m, n}, (int64_t[]){1, m});
    assert_int_equal(tensor_add_(into, xt), 0);  // into is row-major: tiles
    for (int64_t i = 0; i < m; i++) {
        for (int64_t j = 0; j < n; j++) {
            if (into->storage->data[i * n + j] != (float)(j * m + i)) {
                fail_msg("into[%lld][%lld] wrong", (long long)i, (long long)j);
            }
        }
    }
    tensor_free(xt);
    tensor_free(into);
    tensor_free(sum);
    tensor_free(t);
    tensor_free(sq);
    tensor_free(x);
}

static void max_dim_clears_outputs_on_error(void **state) {
    (void)state;
    Tensor *e = tensor_empty(SHAPE(0, 3));
    Tensor *values = e, *indices = e;  // anything but NULL
    assert_int_equal(tensor_max_dim(e, 0, false, &values, &indices), -1);
    assert_null(values);
    assert_null(indices);
    assert_error_message("max(): Expected reduction dim 0 to have non-zero size.");
    tensor_free(e);
}

static void bad_op_codes_are_refused(void **state) {
    (void)state;
    Tensor *x = tensor_ones(SHAPE(2));
    assert_null(tensor_unary(x, (UnaryOp)99));
    assert_error_message("unknown elementwise operation 99");
    assert_null(tensor_binary(x, x, (BinaryOp)-1));
    assert_int_equal(tensor_binary_(x, x, (BinaryOp)4), -1);
    tensor_free(x);
}

static void huge_broadcast_is_an_error_not_an_overflow(void **state) {
    (void)state;
    // (2^40, 1) + (2^40,) would have 2^80 elements: refused, not wrapped.
    Storage *s = storage_new(1);
    Tensor *a = tensor_on(s, 0, 2, (int64_t[]){1LL << 40, 1}, (int64_t[]){0, 0});
    Tensor *b = tensor_on(s, 0, 1, (int64_t[]){1LL << 40}, (int64_t[]){0});
    storage_release(s);
    assert_tensor_error(tensor_add(a, b), "Storage size calculation overflowed with "
                                          "sizes=[1099511627776, 1099511627776]");
    tensor_free(b);
    tensor_free(a);
}

// Naive triple loop, for checking the blocked product.
static float naive_entry(const Tensor *a, const Tensor *b, int64_t i, int64_t j) {
    double s = 0;
    for (int64_t k = 0; k < a->shape[1]; k++) {
        s += (double)a->storage->data[a->offset + i * a->stride[0] + k * a->stride[1]] *
             b->storage->data[b->offset + k * b->stride[0] + j * b->stride[1]];
    }
    return (float)s;
}

static void both_matmul_kernels_agree_with_the_naive_loop(void **state) {
    (void)state;
    // Sizes that leave partial tiles everywhere and span several KC blocks.
    int64_t m = 101, k = 517, n = 37;
    Tensor *a = tensor_empty(SHAPE(m, k));
    Tensor *bt = tensor_empty(SHAPE(n, k));  // B is bt transposed
    for (int64_t i = 0; i < m * k; i++) a->storage->data[i] = (float)((i * 7 % 13) - 6) / 4;
    for (int64_t i = 0; i < n * k; i++) bt->storage->data[i] = (float)((i * 5 % 11) - 5) / 2;
    Tensor *b = tensor_on(bt->storage, 0, 2, (int64_t[]){k, n}, (int64_t[]){1, k});
    for (int wide = 0; wide < 2; wide++) {
        matmul_use_wide_kernel(wide);
        Tensor *c = tensor_matmul(a, b);
        assert_layout(c, SHAPE(m, n), INTS(n, 1), 0);
        for (int64_t i = 0; i < m; i++) {
            for (int64_t j = 0; j < n; j++) {
                float got = c->storage->data[i * n + j], want = naive_entry(a, b, i, j);
                if (got != want) {
                    tensor_free(c);
                    fail_msg("kernel %d: C[%lld][%lld] = %g, expected %g", wide, (long long)i,
                             (long long)j, (double)got, (double)want);
                }
            }
        }
        tensor_free(c);
    }
    matmul_use_wide_kernel(true);
    tensor_free(b);
    tensor_free(bt);
    tensor_free(a);
}

static void long_sums_stay_accurate(void **state) {
    (void)state;
    // 2^24 + 3 ones. A float accumulator gets stuck at 2^24 (adding 1 to
    // 16777216 rounds back down); the double one reaches 16777219, which
    // rounds to the float 16777220.
    int64_t n = (1LL << 24) + 3;
    Tensor *ones = tensor_ones(SHAPE(n));
    Tensor *s = tensor_sum(ones);
    float v;
    assert_int_equal(tensor_get(s, SCALAR_SHAPE, &v), 0);
    if (v != 16777220.0f) fail_msg("sum of 2^24 + 3 ones: got %.1f", (double)v);
    tensor_free(s);
    s = tensor_mean(ones);
    assert_int_equal(tensor_get(s, SCALAR_SHAPE, &v), 0);
    assert_true(v == 1.0f);
    tensor_free(s);
    tensor_free(ones);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inplace_ops_write_through_views),
        cmocka_unit_test(scalar_ops_follow_tensor_layout),
        cmocka_unit_test(tiled_walks_cover_every_element),
        cmocka_unit_test(max_dim_clears_outputs_on_error),
        cmocka_unit_test(bad_op_codes_are_refused),
        cmocka_unit_test(huge_broadcast_is_an_error_not_an_overflow),
        cmocka_unit_test(both_matmul_kernels_agree_with_the_naive_loop),
        cmocka_unit_test(long_sums_stay_accurate),
    };
    return run_suite(&(TestSuite){.group = "chapter 5: operations", TEST_LIST(tests),
                                  .golden = "ops.txt", .golden_case = golden_case});
}
