// Chapter 6: the functional API. Values, result layouts and error messages
// against PyTorch (tests/golden/functional.txt, from gen_nn.py), and the
// chapter's claims: no state (the same call gives the same answer and
// leaves its inputs alone), softmax that can't overflow, log_softmax that
// stays finite where log(softmax) would not.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_main.h"
#include "tensor_asserts.h"

#include "elementwise.h"
#include "functional.h"
#include "reduce.h"
#include "view.h"
#include "views.h"

// Closeness for results that PyTorch computes with other code (vectorised
// exp, BLAS sums in another order): a few float ulps apart, relative to
// the result, or `atol` absolute when the result comes from cancelling
// larger terms (log_softmax's (x - max) - log(sum) near 0 is off by an ulp
// of the sum, about 1). nan matches nan; infinities match exactly.
static double abs_tolerance = 1e-7;

static void assert_close(const Tensor *t, const float *want, int64_t n) {
    assert_values_close(t, want, n, abs_tolerance, 1e-6);
}

static float element(const Tensor *t, Index i) {
    float v;
    assert_int_equal(tensor_get(t, i, &v), 0);
    return v;
}

// ---- no state --------------------------------------------------------------------

static void the_same_call_gives_the_same_answer(void **state) {
    (void)state;
    Tensor *x = tensor_from_data((float[]){1, -2, 3, 0.5f, -1, 2}, SHAPE(2, 3));
    Tensor *w = tensor_from_data((float[]){1, 0, -1, 2, 1, 0}, SHAPE(2, 3));
    Tensor *b = tensor_from_data((float[]){0.5f, -0.5f}, SHAPE(2));
    for (int round = 0; round < 2; round++) {
        Tensor *outs[] = {F_linear(x, w, b), F_relu(x), F_sigmoid(x), F_tanh(x),
                          F_softmax(x, 1), F_log_softmax(x, 0)};
        Tensor *again[] = {F_linear(x, w, b), F_relu(x), F_sigmoid(x), F_tanh(x),
                           F_softmax(x, 1), F_log_softmax(x, 0)};
        for (int i = 0; i < 6; i++) {
            assert_non_null(outs[i]);  // (a stubbed F_linear fails here, not in a crash)
            assert_non_null(again[i]);
            assert_ptr_not_equal(outs[i]->storage, x->storage);  // new tensors
            assert_memory_equal(outs[i]->storage->data, again[i]->storage->data,
                                (size_t)tensor_numel(outs[i]) * sizeof(float));
            tensor_free(outs[i]);
            tensor_free(again[i]);
        }
    }
    // The arguments are untouched.
    assert_values(x, (float[]){1, -2, 3, 0.5f, -1, 2}, 6);
    assert_values(w, (float[]){1, 0, -1, 2, 1, 0}, 6);
    assert_values(b, (float[]){0.5f, -0.5f}, 2);
    tensor_free(b);
    tensor_free(w);
    tensor_free(x);
}

// ---- linear ------------------------------------------------------------------------

static void linear_is_input_times_weight_transposed_plus_bias(void **state) {
    (void)state;
    Tensor *x = tensor_arange(0, 6, 1);
    Tensor *x2 = tensor_view(x, SHAPE(2, 3));                                   // [[0,1,2],[3,4,5]]
    Tensor *w = tensor_from_data((float[]){1, 1, 1, 1, 0, -1}, SHAPE(2, 3));    // (out=2, in=3)
    Tensor *b = tensor_from_data((float[]){10, 20}, SHAPE(2));
    Tensor *y = F_linear(x2, w, b);
    assert_layout(y, SHAPE(2, 2), INTS(2, 1), 0);
    assert_values(y, (float[]){3 + 10, -2 + 20, 12 + 10, -2 + 20}, 4);
    tensor_free(y);
    Tensor *no_bias = F_linear(x2, w, NULL);
    assert_values(no_bias, (float[]){3, -2, 12, -2}, 4);
    tensor_free(no_bias);
    // Leading dimensions ride along: (2, 1, 3) -> (2, 1, 2).
    Tensor *x3 = tensor_view(x, SHAPE(2, 1, 3));
    Tensor *y3 = F_linear(x3, w, b);
    assert_layout(y3, SHAPE(2, 1, 2), INTS(2, 2, 1), 0);
    assert_values(y3, (float[]){13, 18, 22, 18}, 4);
    tensor_free(y3);
    // A 1-D input is one sample: (3,) -> (2,).
    Tensor *row = tensor_select(x2, 0, 1);
    Tensor *y1 = F_linear(row, w, b);
    assert_layout(y1, SHAPE(2), INTS(1), 0);
    assert_values(y1, (float[]){22, 18}, 2);
    tensor_free(y1);
    tensor_free(row);
    tensor_free(x3);
    tensor_free(b);
    tensor_free(w);
    tensor_free(x2);
    tensor_free(x);
}

static void linear_refuses_shapes_that_dont_fit(void **state) {
    (void)state;
    Tensor *x = tensor_zeros(SHAPE(2, 5)), *w = tensor_zeros(SHAPE(3, 4));
    Tensor *b = tensor_zeros(SHAPE(2)), *x4 = tensor_zeros(SHAPE(2, 4));
    assert_tensor_error(F_linear(x, w, NULL),
                        "mat1 and mat2 shapes cannot be multiplied (2x5 and 4x3)");
    assert_tensor_error(F_linear(x4, w, b),
                        "The expanded size of the tensor (3) must match the existing size "
                        "(2) at non-singleton dimension 1.  Target sizes: [2, 3].  Tensor "
                        "sizes: [2]");
    Tensor *w3 = tensor_zeros(SHAPE(3, 4, 1));
    assert_tensor_error(F_linear(x4, w3, NULL),
                        "t() expects a tensor with <= 2 dimensions, but self is 3D");
    tensor_free(w3);
    tensor_free(x4);
    tensor_free(b);
    tensor_free(w);
    tensor_free(x);
}

// ---- activations ---------------------------------------------------------------------

static void activations_are_chapter_5s_elementwise_ops(void **state) {
    (void)state;
    Tensor *x = tensor_from_data((float[]){-3, -0.5f, 0, 0.5f, 3, 40}, SHAPE(3, 2));
    Tensor *t = tensor_t(x);
    Tensor *pairs[][2] = {{F_relu(t), tensor_relu(t)},
                          {F_sigmoid(t), tensor_sigmoid(t)},
                          {F_tanh(t), tensor_tanh(t)}};
    for (int i = 0; i < 3; i++) {
        assert_layout(pairs[i][0], SHAPE(2, 3), INTS(1, 2), 0);  // the input's layout
        assert_memory_equal(pairs[i][0]->storage->data, pairs[i][1]->storage->data,
                            6 * sizeof(float));
        tensor_free(pairs[i][0]);
        tensor_free(pairs[i][1]);
    }
    tensor_free(t);
    tensor_free(x);
}

// ---- softmax ----------------------------------------------------------------------------

static void softmax_rows_are_probabilities(void **state) {
    (void)state;
    Tensor *x = tensor_arange(-6, 6, 1);
    Tensor *x34 = tensor_view(x, SHAPE(3, 4));
    for (int dim = 0; dim < 2; dim++) {
        Tensor *p = F_softmax(x34, dim);
        Tensor *sum = tensor_sum_dim(p, dim, false);
        for (int64_t i = 0; i < tensor_numel(sum); i++) {
            assert_true(fabsf(sum->storage->data[i] - 1.0f) < 1e-6f);
        }
        for (int64_t i = 0; i < 12; i++) assert_true(p->storage->data[i] > 0.0f);
        tensor_free(sum);
        tensor_free(p);
    }
    tensor_free(x34);
    tensor_free(x);
}

static void softmax_does_not_overflow(void **state) {
    (void)state;
    // exp(1000) is inf in float: a naive softmax returns inf/inf = nan.
    Tensor *x = tensor_from_data((float[]){1000, 1001, 1002}, SHAPE(3));
    Tensor *p = F_softmax(x, 0);
    assert_close(p, (float[]){0.0900305733f, 0.244728476f, 0.665240943f}, 3);
    Tensor *naive_e = tensor_exp(x);
    assert_true(isinf(naive_e->storage->data[0]));  // what the shift avoids
    tensor_free(naive_e);
    tensor_free(p);
    // Adding a constant changes nothing.
    Tensor *small = tensor_from_data((float[]){0, 1, 2}, SHAPE(3));
    Tensor *q = F_softmax(small, 0);
    assert_close(q, (float[]){0.0900305733f, 0.244728476f, 0.665240943f}, 3);
    tensor_free(q);
    tensor_free(small);
    tensor_free(x);
}

static void log_softmax_stays_finite_where_log_of_softmax_does_not(void **state) {
    (void)state;
    Tensor *x = tensor_from_data((float[]){0, -200}, SHAPE(2));
    Tensor *p = F_softmax(x, 0);
    Tensor *log_p = tensor_log(p);
    assert_true(element(p, INDEX(1)) == 0.0f);          // e^-200 underflows...
    assert_true(isinf(element(log_p, INDEX(1))));       // ...so its log is -inf
    Tensor *lsm = F_log_softmax(x, 0);
    assert_close(lsm, (float[]){0, -200}, 2);           // but log_softmax knows better
    tensor_free(lsm);
    tensor_free(log_p);
    tensor_free(p);
    tensor_free(x);
}

static void softmax_results_are_row_major(void **state) {
    (void)state;
    // F.softmax(x.t(), 1) of x = arange(12).view(3, 4): strides (3, 1),
    // where an elementwise result would have kept the input's (1, 4).
    Tensor *x = tensor_arange(0, 12, 1);
    Tensor *x34 = tensor_view(x, SHAPE(3, 4));
    Tensor *t = tensor_t(x34);
    Tensor *p = F_softmax(t, 1), *lp = F_log_softmax(t, 0);
    assert_layout(p, SHAPE(4, 3), INTS(3, 1), 0);
    assert_layout(lp, SHAPE(4, 3), INTS(3, 1), 0);
    Tensor *e = tensor_exp(t);
    assert_layout(e, SHAPE(4, 3), INTS(1, 4), 0);
    tensor_free(e);
    tensor_free(lp);
    tensor_free(p);
    tensor_free(t);
    tensor_free(x34);
    tensor_free(x);
}

static void softmax_checks_its_dim(void **state) {
    (void)state;
    Tensor *x = tensor_zeros(SHAPE(2, 3));
    const char *msg = "Dimension out of range (expected to be in range of [-2, 1], but got 2)";
    assert_tensor_error(F_softmax(x, 2), msg);
    assert_tensor_error(F_log_softmax(x, 2), msg);
    Tensor *empty = tensor_zeros(SHAPE(0, 3));
    assert_tensor_error(F_softmax(empty, -3),
                        "Dimension out of range (expected to be in range of [-2, 1], but got -3)");
    Tensor *e = F_softmax(empty, 0);
    assert_layout(e, SHAPE(0, 3), INTS(3, 1), 0);
    tensor_free(e);
    tensor_free(empty);
    tensor_free(x);
}

// ---- golden cases from PyTorch (tests/golden/functional.txt) --------------------------

// "sizes;strides;offset;storage values" -> a tensor over that storage.
static Tensor *parse_input(char *spec) {
    char *part[4];
    assert_int_equal(golden_split(spec, ';', part, 4), 4);
    int64_t sizes[MAX_DIMS], strides[MAX_DIMS];
    int ndim = golden_ints(part[0], sizes, MAX_DIMS);
    assert_int_equal(golden_ints(part[1], strides, MAX_DIMS), ndim);
    float values[256];
    int n = golden_floats(part[3], values, 256);
    Tensor *storage = tensor_from_data(values, SHAPE(n));
    Tensor *t = tensor_on(storage->storage, atoll(part[2]), ndim, sizes, strides);
    tensor_free(storage);
    return t;
}

static void golden_case(GoldenCase *c) {
    assert_int_equal(c->nfields, 5);
    const char *op = c->field[1];
    abs_tolerance = strcmp(op, "log_softmax") == 0 ? 1e-6 : 1e-7;
    Tensor *y;
    Tensor *in[3] = {NULL, NULL, NULL};
    if (strcmp(op, "linear") == 0) {
        char *parts[3];
        assert_int_equal(golden_split(c->field[3], '|', parts, 3), 3);
        for (int i = 0; i < 3; i++) in[i] = strcmp(parts[i], "-") == 0 ? NULL : parse_input(parts[i]);
        y = F_linear(in[0], in[1], in[2]);
    } else {
        in[0] = parse_input(c->field[3]);
        int64_t dim = atoll(c->field[2]);
        y = strcmp(op, "relu") == 0         ? F_relu(in[0])
            : strcmp(op, "sigmoid") == 0    ? F_sigmoid(in[0])
            : strcmp(op, "tanh") == 0       ? F_tanh(in[0])
            : strcmp(op, "softmax") == 0    ? F_softmax(in[0], dim)
            : strcmp(op, "log_softmax") == 0 ? F_log_softmax(in[0], dim)
                                            : NULL;
    }
    const char *expected = c->field[4];
    if (strncmp(expected, "err ", 4) == 0) {
        assert_tensor_error(y, expected + 4);
    } else {
        if (y == NULL) fail_msg("expected success, got: %s", error_message());
        char *want = strdup(expected + 3), *part[3];
        assert_int_equal(golden_split(want, ';', part, 3), 3);
        int64_t sizes[MAX_DIMS], strides[MAX_DIMS];
        int ndim = golden_ints(part[0], sizes, MAX_DIMS);
        golden_ints(part[1], strides, MAX_DIMS);
        float values[256];
        int n = golden_floats(part[2], values, 256);
        assert_layout(y, intlist_of(sizes, (size_t)ndim), intlist_of(strides, (size_t)ndim), 0);
        assert_close(y, values, n);
        free(want);
        tensor_free(y);
    }
    for (int i = 0; i < 3; i++) tensor_free(in[i]);
}

static void softmax_of_an_empty_tensor_is_row_major(void **state) {
    (void)state;
    // zeros(1, 1, 1, 6).expand(0, 1, 1, 6): strides (0, 6, 6, 1). PyTorch's
    // softmax and log_softmax answer with row-major strides (6, 6, 6, 1).
    Tensor *z = tensor_zeros(SHAPE(1, 1, 1, 6));
    Tensor *x = tensor_on(z->storage, 0, 4, (int64_t[]){0, 1, 1, 6}, (int64_t[]){0, 6, 6, 1});
    Tensor *y = F_softmax(x, -1);
    assert_layout(y, SHAPE(0, 1, 1, 6), INTS(6, 6, 6, 1), 0);
    tensor_free(y);
    y = F_log_softmax(x, 1);
    assert_layout(y, SHAPE(0, 1, 1, 6), INTS(6, 6, 6, 1), 0);
    tensor_free(y);
    tensor_free(x);
    tensor_free(z);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(softmax_of_an_empty_tensor_is_row_major),
        cmocka_unit_test(the_same_call_gives_the_same_answer),
        cmocka_unit_test(linear_is_input_times_weight_transposed_plus_bias),
        cmocka_unit_test(linear_refuses_shapes_that_dont_fit),
        cmocka_unit_test(activations_are_chapter_5s_elementwise_ops),
        cmocka_unit_test(softmax_rows_are_probabilities),
        cmocka_unit_test(softmax_does_not_overflow),
        cmocka_unit_test(log_softmax_stays_finite_where_log_of_softmax_does_not),
        cmocka_unit_test(softmax_results_are_row_major),
        cmocka_unit_test(softmax_checks_its_dim),
    };
    return run_suite(&(TestSuite){.group = "chapter 6: the functional API", TEST_LIST(tests),
                                  .golden = "functional.txt", .golden_case = golden_case});
}
