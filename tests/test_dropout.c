// Chapter 8: dropout. The mask and its scale (bit for bit PyTorch's), the
// cases that return the input itself, the in-place forms, Dropout2d, the
// modules, the statistics (fixed seeds, five-sigma tolerances), and the
// classic bug of chapters/08-dropout/classic_bug.c with its fixes.
// Golden cases: tests/golden/dropout.txt, from gen_nn.py.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_main.h"
#include "tensor_asserts.h"

#include "dropout.h"
#include "elementwise.h"
#include "functional.h"
#include "module.h"
#include "nn.h"
#include "rng.h"
#include "view.h"
#include "views.h"

// The chapter's three models, compiled in as the demo compiles them.
#include "../chapters/08-dropout/classic_bug.c"

// Element k of t in row-major order.
static float at(const Tensor *t, int64_t k) {
    int64_t index[MAX_DIMS] = {0};
    for (int64_t i = 0; i < k; i++) index_next(t->ndim, t->shape, index);
    return t->storage->data[tensor_storage_index(t, index)];
}

static bool same_values(const Tensor *a, const Tensor *b) {
    if (tensor_numel(a) != tensor_numel(b)) return false;
    for (int64_t k = 0; k < tensor_numel(a); k++) {
        if (at(a, k) != at(b, k)) return false;
    }
    return true;
}

// The result is the input itself: a new handle with the same storage,
// offset, shape and strides.
static void assert_is_input(Tensor *y, const Tensor *x) {
    assert_non_null(y);
    assert_ptr_equal(y->storage, x->storage);
    assert_layout(y, tensor_shape(x), tensor_strides(x), x->offset);
    tensor_free(y);
}

// ---- the function ----------------------------------------------------------------

static void p_outside_zero_one_is_refused_everywhere(void **state) {
    (void)state;
    Rng rng = rng_new(0);
    Tensor *x = tensor_ones(SHAPE(2, 3));
    const char *msg = "dropout probability has to be between 0 and 1, but got 1.5";
    assert_tensor_error(F_dropout(x, 1.5, true, &rng), msg);
    assert_tensor_error(F_dropout(x, 1.5, false, &rng), msg);  // checked even in eval
    assert_tensor_error(F_dropout2d(x, 1.5, true, &rng), msg);
    assert_tensor_error(dropout_mask(SHAPE(2), 1.5, &rng), msg);
    assert_int_equal(F_dropout_(x, 1.5, true, &rng), -1);
    assert_error_message(msg);
    assert_int_equal(F_dropout2d_(x, -1.0, true, &rng), -1);
    assert_error_message("dropout probability has to be between 0 and 1, but got -1.0");
    assert_tensor_error(F_dropout(x, NAN, true, &rng),
                        "dropout probability has to be between 0 and 1, but got nan");
    assert_tensor_error(F_dropout(x, INFINITY, true, &rng),
                        "dropout probability has to be between 0 and 1, but got inf");
    assert_null(nn_Dropout(-INFINITY, false, &rng));
    assert_error_message("dropout probability has to be between 0 and 1, but got -inf");
    assert_null(nn_Dropout2d(1.0000001, false, &rng));
    assert_error_message("dropout probability has to be between 0 and 1, but got 1.0000001");
    tensor_free(x);
}

static void nothing_to_drop_returns_the_input_itself(void **state) {
    (void)state;
    Rng rng = rng_new(0), untouched = rng_new(0);
    Tensor *base = tensor_arange(0, 12, 1);
    Tensor *x = tensor_on(base->storage, 1, 2, (int64_t[]){3, 2}, (int64_t[]){1, 4});
    assert_is_input(F_dropout(x, 0.0, true, &rng), x);   // p == 0
    assert_is_input(F_dropout(x, 0.5, false, &rng), x);  // not training
    assert_is_input(F_dropout(x, 1.0, false, &rng), x);
    assert_is_input(F_dropout2d(x, 0.5, false, &rng), x);
    Tensor *empty = tensor_zeros(SHAPE(0, 3));
    assert_is_input(F_dropout(empty, 0.5, true, &rng), empty);  // nothing at all
    assert_int_equal(F_dropout_(x, 0.5, false, &rng), 0);
    assert_values(base, (float[]){0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 12);
    // None of that drew a single random number.
    assert_int_equal(rng_next(&rng), rng_next(&untouched));
    tensor_free(empty);
    tensor_free(x);
    tensor_free(base);
}

static void the_mask_holds_zeros_and_the_scale(void **state) {
    (void)state;
    Rng rng = rng_new(11);
    Tensor *mask = dropout_mask(SHAPE(50, 40), 0.25, &rng);
    assert_layout(mask, SHAPE(50, 40), INTS(40, 1), 0);
    int64_t kept = 0;
    for (int64_t i = 0; i < 2000; i++) {
        float v = mask->storage->data[i];
        assert_true(v == 0.0f || v == 1.3333334f);
        kept += v != 0.0f;
    }
    assert_true(kept > 0 && kept < 2000);
    tensor_free(mask);
    // p == 0: all ones; p == 1: all zeros.
    Tensor *ones = dropout_mask(SHAPE(7), 0.0, &rng), *zeros = dropout_mask(SHAPE(7), 1.0, &rng);
    assert_values(ones, (float[]){1, 1, 1, 1, 1, 1, 1}, 7);
    assert_values(zeros, (float[]){0, 0, 0, 0, 0, 0, 0}, 7);
    tensor_free(ones);
    tensor_free(zeros);
    assert_tensor_error(dropout_mask(SHAPE(-1), 0.5, &rng),
                        "Trying to create tensor with negative dimension -1: [-1]");
}

static void a_seed_fixes_the_mask(void **state) {
    (void)state;
    Rng a = rng_new(2024), b = rng_new(2024), c = rng_new(2025);
    Tensor *x = tensor_arange(1, 101, 1);
    Tensor *ya = F_dropout(x, 0.5, true, &a), *yb = F_dropout(x, 0.5, true, &b);
    Tensor *yc = F_dropout(x, 0.5, true, &c);
    assert_true(same_values(ya, yb));
    assert_false(same_values(ya, yc));
    // The generator moved on: the next mask is a different one.
    Tensor *again = F_dropout(x, 0.5, true, &a);
    assert_false(same_values(ya, again));
    tensor_free(again);
    tensor_free(ya);
    tensor_free(yb);
    tensor_free(yc);
    tensor_free(x);
}

static void the_mask_follows_positions_not_memory(void **state) {
    (void)state;
    // Draws go in row-major order of the shape, so x.t() and its
    // contiguous copy lose the same elements.
    Tensor *base = tensor_arange(1, 13, 1);
    Tensor *t = tensor_on(base->storage, 0, 2, (int64_t[]){4, 3}, (int64_t[]){1, 4});
    Tensor *c = tensor_contiguous(t);
    Rng r1 = rng_new(8), r2 = rng_new(8);
    Tensor *yt = F_dropout(t, 0.5, true, &r1), *yc = F_dropout(c, 0.5, true, &r2);
    assert_true(same_values(yt, yc));
    tensor_free(yt);
    tensor_free(yc);
    tensor_free(c);
    tensor_free(t);
    tensor_free(base);
}

static void a_dropped_nan_stays_nan(void **state) {
    (void)state;
    // Dropping is multiplying by 0, and nan * 0 is nan, as in PyTorch:
    // F.dropout(torch.full((64,), nan), 0.5) is all nan.
    Rng rng = rng_new(12);
    Tensor *x = tensor_full(SHAPE(64), NAN);
    Tensor *y = F_dropout(x, 0.5, true, &rng);
    for (int i = 0; i < 64; i++) assert_true(isnan(y->storage->data[i]));
    tensor_free(y);
    tensor_free(x);
}

static void dropout_is_x_times_its_mask(void **state) {
    (void)state;
    Rng r1 = rng_new(5), r2 = rng_new(5);
    Tensor *x = tensor_arange(-6, 6, 1);
    Tensor *xv = tensor_view(x, SHAPE(3, 4));
    Tensor *y = F_dropout(xv, 0.3, true, &r1);
    Tensor *mask = dropout_mask(SHAPE(3, 4), 0.3, &r2);
    Tensor *expected = tensor_mul(xv, mask);
    assert_layout(y, SHAPE(3, 4), INTS(4, 1), 0);
    assert_true(same_values(y, expected));
    assert_ptr_not_equal(y->storage, x->storage);  // a new tensor; x is untouched
    assert_values(x, (float[]){-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5}, 12);
    tensor_free(expected);
    tensor_free(mask);
    tensor_free(y);
    tensor_free(xv);
    tensor_free(x);
}

static void in_place_dropout_writes_through_views(void **state) {
    (void)state;
    Rng r1 = rng_new(9), r2 = rng_new(9);
    Tensor *x = tensor_ones(SHAPE(4, 5));
    Tensor *col = tensor_select(x, 1, 2);  // x[:, 2], stride 5
    Tensor *expected = F_dropout(col, 0.5, true, &r2);
    assert_int_equal(F_dropout_(col, 0.5, true, &r1), 0);
    assert_true(same_values(col, expected));
    // Only column 2 of x changed.
    for (int64_t i = 0; i < 20; i++) {
        if (i % 5 != 2) assert_true(x->storage->data[i] == 1.0f);
    }
    // p == 1 in place: x * 0.
    assert_int_equal(F_dropout_(col, 1.0, true, &r1), 0);
    assert_values(col, (float[]){0, 0, 0, 0}, 4);
    tensor_free(expected);
    tensor_free(col);
    tensor_free(x);
}

static void in_place_dropout_refuses_overlapping_memory(void **state) {
    (void)state;
    Rng rng = rng_new(1);
    Tensor *row = tensor_arange(0, 3, 1);
    Tensor *grid = tensor_expand(row, SHAPE(4, 3));  // 12 elements, 3 floats
    const char *msg = "unsupported operation: more than one element of the written-to "
                      "tensor refers to a single memory location. Please clone() the "
                      "tensor before performing the operation.";
    assert_int_equal(F_dropout_(grid, 0.5, true, &rng), -1);
    assert_error_message(msg);
    assert_int_equal(F_dropout_(grid, 1.0, true, &rng), -1);
    assert_error_message(msg);
    assert_values(row, (float[]){0, 1, 2}, 3);
    // Out of place is fine: the result is new memory.
    Tensor *y = F_dropout(grid, 0.5, true, &rng);
    assert_layout(y, SHAPE(4, 3), INTS(3, 1), 0);
    tensor_free(y);
    tensor_free(grid);
    tensor_free(row);
}

// ---- the statistics --------------------------------------------------------------

static void about_one_in_p_elements_is_dropped(void **state) {
    (void)state;
    // The number kept of n is binomial(n, 1-p): mean n(1-p), sd
    // sqrt(n p (1-p)). Five sd, with fixed seeds: never flaky, and still
    // tight enough to catch keeping with probability p instead of 1-p.
    const double ps[] = {0.1, 0.25, 0.5, 0.75, 0.9};
    const int64_t n = 100000;
    Tensor *x = tensor_ones(SHAPE(n));
    for (int i = 0; i < 5; i++) {
        Rng rng = rng_new(100 + (uint64_t)i);
        double p = ps[i], q = 1 - p;
        Tensor *y = F_dropout(x, p, true, &rng);
        int64_t kept = 0;
        double sum = 0;
        for (int64_t k = 0; k < n; k++) {
            kept += y->storage->data[k] != 0.0f;
            sum += y->storage->data[k];
        }
        double sd = sqrt((double)n * p * q);
        if (fabs((double)kept - (double)n * q) > 5 * sd) {
            fail_msg("p=%g: kept %lld of %lld, expected %g +- %g", p, (long long)kept,
                     (long long)n, (double)n * q, 5 * sd);
        }
        // The mean of y is 1, as the mean of x: each y is 1/q with
        // probability q, else 0, so its variance is (1-q)/q.
        double sd_mean = sqrt(p / q / (double)n);
        assert_true(fabs(sum / (double)n - 1.0) < 5 * sd_mean);
        tensor_free(y);
    }
    tensor_free(x);
}

static void the_mean_is_preserved_element_by_element(void **state) {
    (void)state;
    // Over many draws, the average of dropout(x)[i] is x[i], for every i:
    // dropout changes the expectation of nothing. The sd of the average of
    // m draws is |x[i]| sqrt(p/q/m).
    const int m = 20000;
    const double p = 0.4, q = 1 - p;
    Tensor *x = tensor_from_data((float[]){-3, -1.5f, 0, 0.25f, 1, 2, 4, 10}, SHAPE(2, 4));
    double sum[8] = {0}, sum_sq[8] = {0};
    Rng rng = rng_new(77);
    for (int draw = 0; draw < m; draw++) {
        Tensor *y = F_dropout(x, p, true, &rng);
        for (int k = 0; k < 8; k++) {
            sum[k] += y->storage->data[k];
            sum_sq[k] += (double)y->storage->data[k] * y->storage->data[k];
        }
        tensor_free(y);
    }
    for (int k = 0; k < 8; k++) {
        double xk = x->storage->data[k], mean = sum[k] / m;
        double tolerance = 5 * fabs(xk) * sqrt(p / q / m);
        if (fabs(mean - xk) > tolerance + 1e-12) {
            fail_msg("element %d: mean %g, expected %g +- %g", k, mean, xk, tolerance);
        }
        // The second moment is x^2 / q: dropout adds noise, it doesn't
        // shrink or grow the signal on average. Its sd over m draws is
        // x^2/q * sqrt(p/m) (y^2 is x^2/q^2 with probability q).
        double second = sum_sq[k] / m, want = xk * xk / q;
        assert_true(fabs(second - want) <= 5 * xk * xk / q * sqrt(p / m) + 1e-12);
    }
    tensor_free(x);
}

// ---- Dropout2d ------------------------------------------------------------------

static void dropout2d_keeps_or_drops_whole_channels(void **state) {
    (void)state;
    Rng rng = rng_new(31);
    Tensor *x = tensor_ones(SHAPE(8, 16, 3, 5));  // 128 channels of 15 elements
    Tensor *y = F_dropout2d(x, 0.5, true, &rng);
    assert_layout(y, SHAPE(8, 16, 3, 5), INTS(240, 15, 5, 1), 0);
    int dropped = 0;
    for (int c = 0; c < 128; c++) {
        float first = y->storage->data[c * 15];
        assert_true(first == 0.0f || first == 2.0f);
        for (int k = 1; k < 15; k++) assert_true(y->storage->data[c * 15 + k] == first);
        dropped += first == 0.0f;
    }
    // binomial(128, 0.5): mean 64, sd sqrt(32) ~ 5.7.
    assert_true(abs(dropped - 64) < 5 * 5.7);
    tensor_free(y);
    // In place, and on (N, C, L): one draw per (n, c) again.
    Tensor *z = tensor_ones(SHAPE(4, 6, 10));
    assert_int_equal(F_dropout2d_(z, 0.5, true, &rng), 0);
    for (int c = 0; c < 24; c++) {
        for (int k = 1; k < 10; k++) {
            assert_true(z->storage->data[c * 10 + k] == z->storage->data[c * 10]);
        }
    }
    tensor_free(z);
    tensor_free(x);
    // p == 1 zeroes everything; training off returns the input.
    Tensor *w = tensor_full(SHAPE(2, 2, 2), 3.0f);
    Tensor *zero = F_dropout2d(w, 1.0, true, &rng);
    assert_values(zero, (float[]){0, 0, 0, 0, 0, 0, 0, 0}, 8);
    tensor_free(zero);
    tensor_free(w);
}

// ---- the modules ------------------------------------------------------------------

static void a_dropout_module_has_nothing_to_learn(void **state) {
    (void)state;
    Rng rng = rng_new(0);
    Module *d = nn_Dropout(0.5, false, &rng);
    assert_int_equal(module_parameter_count(d), 0);
    NamedList params, sd;
    assert_int_equal(module_named_parameters(d, &params), 0);
    assert_int_equal(params.count, 0);
    assert_int_equal(module_state_dict(d, &sd), 0);
    assert_int_equal(sd.count, 0);
    named_list_free(&params);
    named_list_free(&sd);
    module_release(d);
}

static void train_drops_and_eval_is_the_identity(void **state) {
    (void)state;
    Rng rng = rng_new(3);
    Module *d = nn_Dropout(0.5, false, &rng);
    Tensor *x = tensor_ones(SHAPE(4, 8));
    assert_true(d->training);
    Tensor *y1 = module_call(d, x), *y2 = module_call(d, x);
    assert_ptr_not_equal(y1->storage, x->storage);
    assert_false(same_values(y1, x));   // some zeros, some twos
    assert_false(same_values(y1, y2));  // a new mask on every call
    tensor_free(y1);
    tensor_free(y2);
    module_eval(d);
    Tensor *e1 = module_call(d, x), *e2 = module_call(d, x);
    assert_is_input(e1, x);
    assert_is_input(e2, x);
    module_train(d, true);
    Tensor *again = module_call(d, x);
    assert_false(same_values(again, x));
    tensor_free(again);
    tensor_free(x);
    module_release(d);
}

static void eval_on_a_parent_reaches_the_dropout(void **state) {
    (void)state;
    Rng rng = rng_new(4);
    Module *net = nn_Sequential(nn_ReLU(), nn_Dropout(0.9, false, &rng));
    Tensor *x = tensor_ones(SHAPE(100));
    module_eval(net);
    assert_false(module_submodule(net, "1")->training);
    Tensor *y = module_call(net, x);
    assert_true(same_values(y, x));
    tensor_free(y);
    module_train(net, true);
    y = module_call(net, x);
    assert_false(same_values(y, x));
    tensor_free(y);
    tensor_free(x);
    module_release(net);
}

static void an_inplace_module_writes_into_its_input(void **state) {
    (void)state;
    Rng rng = rng_new(6), replay = rng_new(6);
    Module *d = nn_Dropout(0.5, true, &rng);
    Tensor *x = tensor_full(SHAPE(3, 4), 2.0f);
    Tensor *expected = F_dropout(x, 0.5, true, &replay);
    Tensor *y = module_call(d, x);
    assert_ptr_equal(y->storage, x->storage);  // the same memory, now dropped
    assert_true(same_values(x, expected));
    tensor_free(y);
    module_eval(d);
    Tensor *before = tensor_contiguous(x);
    Tensor *e = module_call(d, x);
    assert_true(same_values(x, before));  // eval: untouched
    tensor_free(e);
    tensor_free(before);
    tensor_free(expected);
    tensor_free(x);
    module_release(d);
    // A Dropout2d module draws per channel.
    Module *d2 = nn_Dropout2d(0.5, false, &rng);
    Tensor *img = tensor_ones(SHAPE(2, 3, 2, 2));
    Tensor *out = module_call(d2, img);
    for (int c = 0; c < 6; c++) {
        for (int k = 1; k < 4; k++) assert_true(out->storage->data[c * 4 + k] == out->storage->data[c * 4]);
    }
    tensor_free(out);
    tensor_free(img);
    module_release(d2);
}

// ---- the classic bug ----------------------------------------------------------------

static void the_classic_bug_keeps_dropping_after_eval(void **state) {
    (void)state;
    Rng rng_a = rng_new(1), rng_b = rng_new(1), rng_c = rng_new(1);
    Module *buggy = net_new(&BUGGY_NET, 4, 32, 3, 0.5, &rng_a);
    Module *fixed = net_new(&FIXED_NET, 4, 32, 3, 0.5, &rng_b);
    Module *with_module = module_net_new(4, 32, 3, 0.5, &rng_c);
    Tensor *x = tensor_from_data((float[]){1, -2, 0.5f, 3, 0, 1, 1, -1}, SHAPE(2, 4));
    module_eval(buggy);
    module_eval(fixed);
    module_eval(with_module);

    // The same seed drew the same weights, so without dropout all three
    // compute the same function: fc2(relu(fc1(x))).
    Net *net = (Net *)fixed;
    Tensor *h = hidden(net, x);
    Tensor *clean = last_layer(net, h);

    // The bug: after eval() the output still changes from call to call.
    Tensor *b1 = module_call(buggy, x), *b2 = module_call(buggy, x);
    assert_false(same_values(b1, b2));
    assert_false(same_values(b1, clean));
    // The fixes: deterministic, and exactly the network without dropout.
    Tensor *f1 = module_call(fixed, x), *f2 = module_call(fixed, x);
    Tensor *m1 = module_call(with_module, x);
    assert_true(same_values(f1, f2));
    assert_true(same_values(f1, clean));
    assert_true(same_values(m1, clean));
    tensor_free(b1);
    tensor_free(b2);
    tensor_free(f1);
    tensor_free(f2);
    tensor_free(m1);

    // In training, the fixed model does drop: its output varies.
    module_train(fixed, true);
    f1 = module_call(fixed, x);
    f2 = module_call(fixed, x);
    assert_false(same_values(f1, f2));
    tensor_free(f1);
    tensor_free(f2);

    // The failure of a layer passes through every variant.
    Tensor *wrong = tensor_zeros(SHAPE(2, 5));
    assert_tensor_error(module_call(buggy, wrong),
                        "mat1 and mat2 shapes cannot be multiplied (2x5 and 4x32)");
    assert_tensor_error(module_call(fixed, wrong),
                        "mat1 and mat2 shapes cannot be multiplied (2x5 and 4x32)");
    tensor_free(wrong);
    tensor_free(clean);
    tensor_free(x);
    module_release(buggy);
    module_release(fixed);
    module_release(with_module);
}

static void the_models_print_like_pytorch_and_fail_cleanly(void **state) {
    (void)state;
    Rng rng = rng_new(1);
    Module *with_module = module_net_new(4, 8, 2, 0.5, &rng);
    assert_text(module_repr(with_module),
                "Sequential(\n  (0): Linear(in_features=4, out_features=8, bias=True)\n"
                "  (1): ReLU()\n  (2): Dropout(p=0.5, inplace=False)\n"
                "  (3): Linear(in_features=8, out_features=2, bias=True)\n)");
    module_release(with_module);
    assert_null(net_new(&FIXED_NET, 4, -8, 2, 0.5, &rng));
    assert_error_message("Trying to create tensor with negative dimension -8: [-8, 4]");
    assert_null(net_new(&FIXED_NET, 4, 8, -2, 0.5, &rng));
    assert_error_message("Trying to create tensor with negative dimension -2: [-2, 8]");
    assert_null(module_net_new(4, 8, 2, 1.5, &rng));
    assert_error_message("dropout probability has to be between 0 and 1, but got 1.5");
}

// ---- golden cases from PyTorch (tests/golden/dropout.txt) --------------------------

static void golden_repr(GoldenCase *c) {
    Rng rng = rng_new(0);
    double p = strtod(c->field[3], NULL);
    bool inplace = atoi(c->field[4]) != 0;
    Module *m = strcmp(c->field[2], "Dropout2d") == 0 ? nn_Dropout2d(p, inplace, &rng)
                                                     : nn_Dropout(p, inplace, &rng);
    const char *expected = c->field[5];
    if (strncmp(expected, "err ", 4) == 0) {
        assert_null(m);
        assert_error_message(expected + 4);
        return;
    }
    assert_text(module_repr(m), expected);
    module_release(m);
}

static void golden_model(GoldenCase *c) {
    Rng rng = rng_new(0);
    Module *m = strstr(c->field[2], "Sequential") != NULL
                    ? nn_Sequential(nn_Linear(4, 8, true, &rng), nn_ReLU(),
                                    nn_Dropout(0.5, false, &rng), nn_Linear(8, 2, true, &rng))
                    : nn_Dropout(0.5, false, &rng);
    assert_text(module_repr(m), golden_unescape(c->field[2]));
    assert_int_equal(module_parameter_count(m), atoll(c->field[3]));
    NamedList sd;
    assert_int_equal(module_state_dict(m, &sd), 0);
    Text keys = {0};
    for (int i = 0; i < sd.count; i++) text_append(&keys, "%s%s", i ? "," : "", sd.items[i].name);
    assert_text(text_take(&keys), c->nfields > 4 ? c->field[4] : "");
    named_list_free(&sd);
    module_release(m);
}

static void golden_scale(GoldenCase *c) {
    double p = strtod(c->field[2], NULL);
    float x[64], y[64];
    assert_int_equal(golden_floats(c->field[3], x, 64), 64);
    assert_int_equal(golden_floats(c->field[4], y, 64), 64);
    // The kept value our mask uses, times x, is PyTorch's kept value.
    Rng rng = rng_new(0);
    Tensor *mask = dropout_mask(SHAPE(4096), p, &rng);
    float scale = 0;
    for (int i = 0; i < 4096 && scale == 0; i++) scale = mask->storage->data[i];
    tensor_free(mask);
    for (int i = 0; i < 64; i++) {
        if (x[i] * scale != y[i]) {
            fail_msg("p=%s: x=%.9g: PyTorch kept %.9g, we keep %.9g", c->field[2],
                     (double)x[i], (double)y[i], (double)(x[i] * scale));
        }
    }
}

static void golden_layout(GoldenCase *c) {
    double p = strtod(c->field[2], NULL);
    char *in[4];
    assert_int_equal(golden_split(c->field[3], ';', in, 4), 4);
    int64_t sizes[MAX_DIMS], strides[MAX_DIMS];
    int ndim = golden_ints(in[0], sizes, MAX_DIMS);
    golden_ints(in[1], strides, MAX_DIMS);
    float values[64];
    int n = golden_floats(in[3], values, 64);
    Tensor *storage = tensor_from_data(values, SHAPE(n));
    Tensor *x = tensor_on(storage->storage, atoll(in[2]), ndim, sizes, strides);
    Rng rng = rng_new(0);
    Tensor *y = F_dropout(x, p, true, &rng);
    char *out[3];
    assert_int_equal(golden_split(c->field[4], ';', out, 3), 3);
    int64_t want_sizes[MAX_DIMS], want_strides[MAX_DIMS];
    int want_ndim = golden_ints(out[0], want_sizes, MAX_DIMS);
    golden_ints(out[1], want_strides, MAX_DIMS);
    assert_layout(y, intlist_of(want_sizes, (size_t)want_ndim),
                  intlist_of(want_strides, (size_t)want_ndim), 0);
    if (out[2][0] != '\0') {
        float want[64];
        int m = golden_floats(out[2], want, 64);
        assert_values(y, want, m);
    }
    tensor_free(y);
    tensor_free(x);
    tensor_free(storage);
}

static void golden_dropout2d(GoldenCase *c) {
    int64_t sizes[MAX_DIMS];
    int ndim = golden_ints(c->field[2], sizes, MAX_DIMS);
    Tensor *x = tensor_ones(intlist_of(sizes, (size_t)ndim));
    Rng rng = rng_new(0);
    Tensor *y = F_dropout2d(x, 0.5, true, &rng);
    if (strncmp(c->field[3], "err ", 4) == 0) {
        assert_tensor_error(y, c->field[3] + 4);
    } else {
        assert_layout(y, tensor_shape(x), tensor_strides(x), 0);
        tensor_free(y);
    }
    tensor_free(x);
}

// The golden file's cases, by their kind (field 1).
static const GoldenKind golden_kinds[] = {
    {"repr", golden_repr},
    {"model", golden_model},
    {"scale", golden_scale},
    {"layout", golden_layout},
    {"dropout2d", golden_dropout2d},
    {NULL, NULL},
};

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(p_outside_zero_one_is_refused_everywhere),
        cmocka_unit_test(nothing_to_drop_returns_the_input_itself),
        cmocka_unit_test(the_mask_holds_zeros_and_the_scale),
        cmocka_unit_test(a_seed_fixes_the_mask),
        cmocka_unit_test(the_mask_follows_positions_not_memory),
        cmocka_unit_test(a_dropped_nan_stays_nan),
        cmocka_unit_test(dropout_is_x_times_its_mask),
        cmocka_unit_test(in_place_dropout_writes_through_views),
        cmocka_unit_test(in_place_dropout_refuses_overlapping_memory),
        cmocka_unit_test(about_one_in_p_elements_is_dropped),
        cmocka_unit_test(the_mean_is_preserved_element_by_element),
        cmocka_unit_test(dropout2d_keeps_or_drops_whole_channels),
        cmocka_unit_test(a_dropout_module_has_nothing_to_learn),
        cmocka_unit_test(train_drops_and_eval_is_the_identity),
        cmocka_unit_test(eval_on_a_parent_reaches_the_dropout),
        cmocka_unit_test(an_inplace_module_writes_into_its_input),
        cmocka_unit_test(the_classic_bug_keeps_dropping_after_eval),
        cmocka_unit_test(the_models_print_like_pytorch_and_fail_cleanly),
    };
    return run_suite(&(TestSuite){.group = "chapter 8: dropout", TEST_LIST(tests),
                                  .golden = "dropout.txt", .golden_kinds = golden_kinds});
}
