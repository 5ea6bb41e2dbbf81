// Tests of the chapter 8 exercises (chapters/08-dropout/README.md,
// "Exercises"). Points are in grading/rubric.txt. Reprs, keys, messages
// and BatchNorm1d's numbers are PyTorch 1.13's (floats to within 1e-5,
// relative); masks come from dropout_mask with the same seed.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../chapters/08-dropout/exercises.h"
#include "dropout.h"
#include "elementwise.h"
#include "exercise_modules.h"
#include "functional.h"
#include "nn.h"
#include "view.h"


// ---- 8.1 F_dropout1d ------------------------------------------------------------

// The mask dropout1d must use: dropout_mask(mask_shape, p, seed).
static const float *mask_of(Shape mask_shape, double p, uint64_t seed) {
    Rng rng = rng_new(seed);
    Tensor *mask = keep_tensor(dropout_mask(mask_shape, p, &rng));
    assert_non_null(mask);
    return mask->storage->data;
}

static void dropout1d_keeps_or_drops_whole_channels(void **state) {
    (void)state;
    // x = arange(24).view(2, 3, 4) + 1: samples, channels, positions.
    Tensor *x = strided_arange(25, SHAPE(2, 3, 4), INTS(12, 4, 1), 1);
    Rng rng = rng_new(7);
    Tensor *y = EXPECT_TENSOR(F_dropout1d(x, 0.5, true, &rng));
    const float *mask = mask_of(SHAPE(2, 3, 1), 0.5, 7);
    float want[24];
    int kept = 0;
    for (int i = 0; i < 24; i++) want[i] = (float)(i + 1) * mask[i / 4];
    for (int k = 0; k < 6; k++) kept += mask[k] != 0;
    assert_true(kept > 0 && kept < 6);  // the seed keeps some and drops some
    expect_layout_and_values(y, SHAPE(2, 3, 4), INTS(12, 4, 1), 0, want, 24);
    if (y->storage == x->storage) fail_msg("expected a new tensor, got a view of the input");
}

static void dropout1d_of_an_unbatched_input(void **state) {
    (void)state;
    // (C, L) = (3, 4): one draw per channel, a mask of shape (3, 1).
    Tensor *x = strided_arange(12, SHAPE(3, 4), INTS(4, 1), 0);
    Rng rng = rng_new(11);
    Tensor *y = EXPECT_TENSOR(F_dropout1d(x, 0.25, true, &rng));
    const float *mask = mask_of(SHAPE(3, 1), 0.25, 11);
    float want[12];
    for (int i = 0; i < 12; i++) want[i] = (float)i * mask[i / 4];
    expect_layout_and_values(y, SHAPE(3, 4), INTS(4, 1), 0, want, 12);
    // Channels of a transposed (4, 3): rows of x.t(); laid out like x.t().
    Tensor *xt = strided_arange(12, SHAPE(4, 3), INTS(1, 4), 0);
    rng = rng_new(11);
    y = EXPECT_TENSOR(F_dropout1d(xt, 0.25, true, &rng));
    mask = mask_of(SHAPE(4, 1), 0.25, 11);
    for (int c = 0; c < 4; c++) {
        for (int l = 0; l < 3; l++) want[c * 3 + l] = (float)(c + 4 * l) * mask[c];
    }
    expect_layout_and_values(y, SHAPE(4, 3), INTS(1, 4), 0, want, 12);
}

static void dropout1d_off_and_at_the_extremes(void **state) {
    (void)state;
    Tensor *x = strided_arange(30, SHAPE(2, 3, 4), INTS(12, 1, 3), 5);
    Rng rng = rng_new(3);
    uint64_t before = rng.state;
    Tensor *y = EXPECT_TENSOR(F_dropout1d(x, 0.5, false, &rng));
    float want[24];
    for (int n = 0, i = 0; n < 2; n++)
        for (int c = 0; c < 3; c++)
            for (int l = 0; l < 4; l++) want[i++] = (float)(5 + 12 * n + c + 3 * l);
    expect_view(y, x, SHAPE(2, 3, 4), INTS(12, 1, 3), 5, want, 24);
    y = EXPECT_TENSOR(F_dropout1d(x, 0, true, &rng));
    expect_view(y, x, SHAPE(2, 3, 4), INTS(12, 1, 3), 5, want, 24);
    if (rng.state != before) fail_msg("nothing was dropped, so nothing should be drawn");
    // p = 1: everything is dropped, x * 0 (a NaN stays NaN).
    Tensor *v = keep_tensor(tensor_from_data((float[]){1, NAN, -2, 3}, SHAPE(2, 2)));
    y = EXPECT_TENSOR(F_dropout1d(v, 1, true, &rng));
    expect_layout_and_values(y, SHAPE(2, 2), INTS(2, 1), 0, (float[]){0, NAN, 0, 0}, 4);
    if (y->storage == v->storage) fail_msg("p = 1: expected a new tensor, got the input");
}

static void dropout1d_errors(void **state) {
    (void)state;
    Rng rng = rng_new(0);
    Tensor *x4 = keep_tensor(tensor_ones(SHAPE(2, 4, 4, 5)));
    Tensor *x1 = keep_tensor(tensor_ones(SHAPE(2)));
    Tensor *x2 = keep_tensor(tensor_ones(SHAPE(2, 3)));
    EXPECT_REFUSED(F_dropout1d(x2, 1.5, true, &rng), ERR_RUNTIME);    // p first
    EXPECT_REFUSED(F_dropout1d(x4, -0.25, true, &rng), ERR_RUNTIME);
    EXPECT_REFUSED(F_dropout1d(x4, 0.5, true, &rng), ERR_RUNTIME);    // 4 dims
    EXPECT_REFUSED(F_dropout1d(x4, 0.5, false, &rng), ERR_RUNTIME);   // even when not training
    EXPECT_REFUSED(F_dropout1d(x1, 0.5, true, &rng), ERR_RUNTIME);    // 1 dim
    // p is checked before the dims: a 4-D input with p = 1.5 is refused for p.
    (void)keep_tensor(F_dropout1d(x4, 1.5, true, &rng));
    bool p_first = strstr(error_message(), "dropout probability") != NULL;
    if (!p_first) print_error("p must be checked before the dims, got: %s\n", error_message());
    assert_true(p_first);
}

// ---- 8.2 nn_BatchNorm1d ---------------------------------------------------------

static const float BATCH[12] = {1, 2, 3, 3, 0, -3, 5, 1, 0, -1, 1, 4};

static Module *batchnorm(int64_t c, double eps, double momentum) {
    error_clear();
    Module *bn = keep_module(nn_BatchNorm1d(c, eps, momentum));
    expect_implemented("nn_BatchNorm1d");
    if (bn == NULL) fail_msg("nn_BatchNorm1d failed: %s", error_message());
    return bn;
}

static void expect_buffer(const Module *bn, const char *name, Shape shape, IntList strides,
                          const float *values, int64_t count) {
    Tensor *t = module_buffer(bn, name);
    if (t == NULL) fail_msg("no buffer %s: %s", name, error_message());
    expect_close(t, shape, strides, values, count);
}

static void batchnorm_is_a_module_with_buffers(void **state) {
    (void)state;
    Module *bn = batchnorm(3, 1e-5, 0.1);
    expect_text(module_repr(bn),
                "BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=False, track_running_stats=True)",
                "repr");
    expect_text(module_repr(batchnorm(2, 0.001, 0.5)),
                "BatchNorm1d(2, eps=0.001, momentum=0.5, affine=False, track_running_stats=True)",
                "repr");
    assert_int_equal(module_parameter_count(bn), 0);
    NamedList *sd = new_list();
    assert_int_equal(module_state_dict(bn, sd), 0);
    Text keys = {0};
    for (int i = 0; i < sd->count; i++) text_append(&keys, "%s%s", i ? "," : "", sd->items[i].name);
    expect_text(text_take(&keys), "running_mean,running_var,num_batches_tracked",
                "state_dict keys");
    expect_buffer(bn, "running_mean", SHAPE(3), INTS(1), (float[]){0, 0, 0}, 3);
    expect_buffer(bn, "running_var", SHAPE(3), INTS(1), (float[]){1, 1, 1}, 3);
    expect_buffer(bn, "num_batches_tracked", SCALAR_SHAPE, SCALAR_SHAPE, (float[]){0}, 1);
}

static void batchnorm_trains_on_the_batchs_statistics(void **state) {
    (void)state;
    Module *bn = batchnorm(3, 1e-5, 0.1);
    Tensor *x = keep_tensor(tensor_from_data(BATCH, SHAPE(4, 3)));
    Tensor *y = EXPECT_TENSOR(module_call(bn, x));
    expect_close(y, SHAPE(4, 3), INTS(3, 1),
                 (float[]){-0.447213143f, 1.41419947f, 0.730296254f, 0.447213143f,
                           -1.41419947f, -1.46059251f, 1.3416394f, 0, -0.365148127f,
                           -1.3416394f, 0, 1.09544444f}, 12);
    expect_buffer(bn, "running_mean", SHAPE(3), INTS(1), (float[]){0.2f, 0.1f, 0.1f}, 3);
    expect_buffer(bn, "running_var", SHAPE(3), INTS(1),
                  (float[]){1.5666666f, 0.966666639f, 1.89999998f}, 3);
    expect_buffer(bn, "num_batches_tracked", SCALAR_SHAPE, SCALAR_SHAPE, (float[]){1}, 1);
    // A second batch, 2x: the output is the same, the running stats move on.
    Tensor *x2 = keep_tensor(tensor_mul_scalar(x, 2));
    y = EXPECT_TENSOR(module_call(bn, x2));
    expect_close(y, SHAPE(4, 3), INTS(3, 1),
                 (float[]){-0.447213471f, 1.41421008f, 0.730296612f, 0.447213471f,
                           -1.41421008f, -1.46059322f, 1.34164047f, 0, -0.365148306f,
                           -1.34164047f, 0, 1.09544492f}, 12);
    expect_buffer(bn, "running_mean", SHAPE(3), INTS(1), (float[]){0.58f, 0.29f, 0.29f}, 3);
    expect_buffer(bn, "running_var", SHAPE(3), INTS(1),
                  (float[]){4.07666636f, 1.13666666f, 5.71000004f}, 3);
    expect_buffer(bn, "num_batches_tracked", SCALAR_SHAPE, SCALAR_SHAPE, (float[]){2}, 1);
}

static void batchnorm_evaluates_with_running_statistics(void **state) {
    (void)state;
    Module *bn = batchnorm(3, 1e-5, 0.1);
    Tensor *x = keep_tensor(tensor_from_data(BATCH, SHAPE(4, 3)));
    Tensor *x2 = keep_tensor(tensor_mul_scalar(x, 2));
    EXPECT_TENSOR(module_call(bn, x));
    EXPECT_TENSOR(module_call(bn, x2));
    module_eval(bn);
    Tensor *y = EXPECT_TENSOR(module_call(bn, x));
    expect_close(y, SHAPE(4, 3), INTS(3, 1),
                 (float[]){0.20801574f, 1.60390127f, 1.13409865f, 1.19856691f, -0.272006631f,
                           -1.37682092f, 2.18911791f, 0.665947318f, -0.121361107f,
                           -0.782535374f, 0.665947318f, 1.55258524f}, 12);
    // Evaluation changes nothing, and one sample is fine.
    Tensor *one = keep_tensor(tensor_from_data(BATCH, SHAPE(1, 3)));
    y = EXPECT_TENSOR(module_call(bn, one));
    expect_close(y, SHAPE(1, 3), INTS(3, 1),
                 (float[]){0.20801574f, 1.60390127f, 1.13409865f}, 3);
    expect_buffer(bn, "running_mean", SHAPE(3), INTS(1), (float[]){0.58f, 0.29f, 0.29f}, 3);
    expect_buffer(bn, "num_batches_tracked", SCALAR_SHAPE, SCALAR_SHAPE, (float[]){2}, 1);
}

static void batchnorm_of_a_strided_input_is_row_major(void **state) {
    (void)state;
    Module *bn = batchnorm(2, 0.001, 0.5);
    Tensor *x = keep_tensor(tensor_from_data((float[]){1, 4, 3, 8}, SHAPE(2, 2)));
    Tensor *y = EXPECT_TENSOR(module_call(bn, x));
    expect_close(y, SHAPE(2, 2), INTS(2, 1),
                 (float[]){-0.999500394f, -0.999874949f, 0.999500394f, 0.999875069f}, 4);
    // arange(6).view(2, 3).t(): (3, 2) with strides (1, 3).
    Tensor *xt = strided_arange(6, SHAPE(3, 2), INTS(1, 3), 0);
    y = EXPECT_TENSOR(module_call(bn, xt));
    expect_close(y, SHAPE(3, 2), INTS(2, 1),
                 (float[]){-1.22382736f, -1.22382736f, 0, 0, 1.22382736f, 1.22382736f}, 6);
    expect_buffer(bn, "running_mean", SHAPE(2), INTS(1), (float[]){1, 3.5f}, 2);
    expect_buffer(bn, "running_var", SHAPE(2), INTS(1), (float[]){1.25f, 2.75f}, 2);
}

static void batchnorm_errors(void **state) {
    (void)state;
    Module *bn = batchnorm(3, 1e-5, 0.1);
    Tensor *cube = keep_tensor(tensor_ones(SHAPE(2, 3, 5)));
    Tensor *row = keep_tensor(tensor_ones(SHAPE(3)));
    Tensor *one = keep_tensor(tensor_ones(SHAPE(1, 3)));
    Tensor *wide = keep_tensor(tensor_ones(SHAPE(2, 4)));
    EXPECT_REFUSED(module_call(bn, cube), ERR_VALUE);  // not 2-D
    EXPECT_REFUSED(module_call(bn, row), ERR_VALUE);
    EXPECT_REFUSED(module_call(bn, one), ERR_VALUE);   // one value per channel
    EXPECT_REFUSED(module_call(bn, wide), ERR_RUNTIME);  // 4 features, not 3
    expect_buffer(bn, "running_mean", SHAPE(3), INTS(1), (float[]){0, 0, 0}, 3);
    expect_buffer(bn, "running_var", SHAPE(3), INTS(1), (float[]){1, 1, 1}, 3);
    expect_buffer(bn, "num_batches_tracked", SCALAR_SHAPE, SCALAR_SHAPE, (float[]){0}, 1);
    module_eval(bn);
    EXPECT_REFUSED(module_call(bn, wide), ERR_RUNTIME);
}

// ---- 8.3 mc_dropout_mean ---------------------------------------------------------

// A module that remembers the training flag it was last called with.
typedef struct Spy {
    Module base;
    int    calls;
    bool   training_seen;
} Spy;

static Tensor *spy_forward(Module *self, const Tensor *input) {
    Spy *spy = (Spy *)self;
    spy->calls++;
    spy->training_seen = self->training;
    return tensor_alias(input);
}

static const ModuleType SPY = {.name = "Spy", .forward = spy_forward};

// Sequential(Linear(4, 8), Spy, Dropout(0.5), Linear(8, 2)), weights from
// seed 5, the dropout drawing from `rng`.
static Module *dropout_net(Rng *rng, Spy **spy) {
    Rng init = rng_new(5);
    Module *s = module_new(&SPY, sizeof(Spy));
    *spy = (Spy *)s;
    Module *net = keep_module(nn_Sequential(nn_Linear(4, 8, true, &init), s,
                                            nn_Dropout(0.5, false, rng),
                                            nn_Linear(8, 2, true, &init)));
    assert_non_null(net);
    return net;
}

static const float INPUT[8] = {1, -2, 0.5f, 3, -1, 0, 2, 1};

static void mc_dropout_averages_forwards_with_dropout_on(void **state) {
    (void)state;
    Tensor *x = keep_tensor(tensor_from_data(INPUT, SHAPE(2, 4)));
    // What it should do, done by hand on a twin: eval, dropout on, 5 runs.
    Rng rng_b = rng_new(9);
    Spy *spy_b;
    Module *b = dropout_net(&rng_b, &spy_b);
    module_eval(b);
    module_submodule(b, "2")->training = true;
    Tensor *sum = keep_tensor(tensor_zeros(SHAPE(2, 2)));
    for (int s = 0; s < 5; s++) {
        Tensor *y = module_call(b, x);
        assert_non_null(y);
        assert_int_equal(tensor_add_(sum, y), 0);
        tensor_free(y);
    }
    assert_int_equal(tensor_div_scalar_(sum, 5), 0);

    Rng rng_a = rng_new(9);
    Spy *spy;
    Module *a = dropout_net(&rng_a, &spy);  // in training mode, as made
    Tensor *mean = EXPECT_TENSOR(mc_dropout_mean(a, x, 5));
    expect_close(mean, SHAPE(2, 2), INTS(2, 1), sum->storage->data, 4);
    if (spy->calls != 5) fail_msg("expected 5 forwards, the model ran %d", spy->calls);
    if (spy->training_seen) fail_msg("during the runs, modules other than dropout must be in eval mode");
    if (rng_a.state != rng_b.state) fail_msg("the dropout should have drawn 5 masks, and only those");
    NamedList *all = new_list();
    assert_int_equal(module_named_modules(a, all), 0);
    for (int i = 0; i < all->count; i++) {
        if (!all->items[i].module->training) {
            fail_msg("module \"%s\" was in training mode before, and must be after",
                     all->items[i].name);
        }
    }
}

static void mc_dropout_restores_mixed_flags(void **state) {
    (void)state;
    Rng rng = rng_new(1);
    Spy *spy;
    Module *net = dropout_net(&rng, &spy);
    // Mixed: the model in eval, except the Spy; a Dropout2d as its own model.
    module_eval(net);
    spy->base.training = true;
    Tensor *x = keep_tensor(tensor_from_data(INPUT, SHAPE(2, 4)));
    Tensor *mean = EXPECT_TENSOR(mc_dropout_mean(net, x, 2));
    assert_int_equal(mean->ndim, 2);
    const char *names[] = {"", "0", "1", "2", "3"};
    for (int i = 0; i < 5; i++) {
        bool want = i == 2;
        if (module_submodule(net, names[i])->training != want) {
            fail_msg("module \"%s\": its training flag was %s before and must be again",
                     names[i], want ? "true" : "false");
        }
    }
    Module *d2 = keep_module(nn_Dropout2d(0.5, false, &rng));
    module_eval(d2);
    Tensor *ones = keep_tensor(tensor_ones(SHAPE(4, 3)));
    Rng twin = rng;
    mean = EXPECT_TENSOR(mc_dropout_mean(d2, ones, 1));
    Tensor *want = keep_tensor(F_dropout2d(ones, 0.5, true, &twin));
    expect_close(mean, SHAPE(4, 3), INTS(3, 1), want->storage->data, 12);
    if (d2->training) fail_msg("the Dropout2d was in eval mode before, and must be after");
    if (mean->storage == ones->storage) fail_msg("expected a new tensor, got the input");
}

static void mc_dropout_errors(void **state) {
    (void)state;
    Rng rng = rng_new(2);
    Spy *spy;
    Module *net = dropout_net(&rng, &spy);
    Tensor *x = keep_tensor(tensor_from_data(INPUT, SHAPE(2, 4)));
    EXPECT_REFUSED(mc_dropout_mean(net, x, 0), ERR_VALUE);
    Tensor *narrow = keep_tensor(tensor_ones(SHAPE(2, 3)));
    EXPECT_REFUSED(mc_dropout_mean(net, narrow, 3), ERR_RUNTIME);  // the forward's own failure
    NamedList *all = new_list();
    assert_int_equal(module_named_modules(net, all), 0);
    for (int i = 0; i < all->count; i++) {
        if (!all->items[i].module->training) {
            fail_msg("after a failed forward, module \"%s\" must be in training mode again",
                     all->items[i].name);
        }
    }
}

// ---- 8.4 dropout_mask: the mask and the scale ----------------------------------

// dropout_mask(shape, p) from a generator seeded with `seed`, checked
// against a twin generator: element i (row-major) is `kept` when its own
// draw falls below 1 - p, else 0. The twin must end where the mask's ends:
// one draw per element, no more.
static void expect_mask(Shape shape, double p, uint64_t seed, float kept) {
    Rng rng = rng_new(seed), twin = rng_new(seed);
    error_clear();
    Tensor *mask = keep_tensor(dropout_mask(shape, p, &rng));
    expect_implemented("dropout_mask(shape, p, &rng)");
    if (mask == NULL) fail_msg("dropout_mask failed: %s", error_message());
    int64_t n = tensor_numel(mask);
    static float want[4096];  // static: a failed check below leaks nothing
    assert_true(n <= 4096);
    for (int64_t i = 0; i < n; i++) want[i] = rng_uniform(&twin) < 1.0 - p ? kept : 0.0f;
    int64_t strides[MAX_DIMS];
    shape_contiguous_strides(shape.len, shape.at, strides);
    expect_layout_and_values(mask, shape, intlist_of(strides, (size_t)shape.len), 0, want, n);
    if (rng_uniform(&rng) != rng_uniform(&twin)) {
        fail_msg("dropout_mask must take exactly one draw per element (%lld)", (long long)n);
    }
}

static void mask_keeps_each_element_with_probability_q(void **state) {
    (void)state;
    expect_mask(SHAPE(2, 8), 0.5, 0, 2.0f);
    expect_mask(SHAPE(3, 1, 4), 0.25, 5, 1.0f / 0.75f);
    expect_mask(SHAPE(5), 0.9, 11, 1.0f / (float)(1.0 - 0.9));
}

static void mask_scale_is_rounded_as_pytorch_rounds_it(void **state) {
    (void)state;
    // PyTorch's kept values for these p (x = 1): computed in float, so
    // p = 0.999 keeps 999.99994, not 1000.
    expect_mask(SHAPE(4096), 0.999, 1, 999.999939f);
    expect_mask(SHAPE(64), 0.1, 2, 1.11111116f);
    expect_mask(SHAPE(64), 0.7, 3, 3.33333325f);
}

static void mask_at_the_extremes_and_of_odd_shapes(void **state) {
    (void)state;
    expect_mask(SHAPE(2, 3), 0.0, 4, 1.0f);   // keeps everything, as it is
    expect_mask(SHAPE(2, 3), 1.0, 4, 0.0f);   // drops everything
    expect_mask(SCALAR_SHAPE, 0.5, 6, 2.0f);  // one element, one draw
    expect_mask(SHAPE(3, 0), 0.5, 6, 2.0f);   // no element, no draw
    // Not a probability: NULL, a RuntimeError, and nothing drawn.
    const double bad[] = {1.5, -0.25, NAN};
    for (int i = 0; i < 3; i++) {
        Rng rng = rng_new(9), twin = rng_new(9);
        error_clear();
        Tensor *mask = keep_tensor(dropout_mask(SHAPE(2), bad[i], &rng));
        expect_implemented("dropout_mask(SHAPE(2), p, &rng)");
        if (mask != NULL) fail_msg("dropout_mask with p = %g must fail", bad[i]);
        assert_int_equal(error_kind(), ERR_RUNTIME);
        assert_true(rng_uniform(&rng) == rng_uniform(&twin));
    }
}

static void dropout_is_the_input_times_the_mask(void **state) {
    (void)state;
    // F.dropout(x.t(), 0.5): the mask of x.t()'s shape, multiplied in.
    Tensor *xt = strided_arange(12, SHAPE(4, 3), INTS(1, 4), 0);
    Rng rng = rng_new(21), twin = rng_new(21);
    error_clear();
    Tensor *y = EXPECT_TENSOR(F_dropout(xt, 0.5, true, &rng));
    float want[12];
    for (int r = 0; r < 4; r++) {
        for (int c = 0; c < 3; c++) {
            want[r * 3 + c] = rng_uniform(&twin) < 0.5 ? (float)(r + 4 * c) * 2.0f : 0.0f;
        }
    }
    Tensor *dense = keep_tensor(tensor_contiguous(y));
    assert_non_null(dense);
    assert_values(dense, want, 12);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        MODULE_TEST(dropout1d_keeps_or_drops_whole_channels),
        MODULE_TEST(dropout1d_of_an_unbatched_input),
        MODULE_TEST(dropout1d_off_and_at_the_extremes),
        MODULE_TEST(dropout1d_errors),
        MODULE_TEST(batchnorm_is_a_module_with_buffers),
        MODULE_TEST(batchnorm_trains_on_the_batchs_statistics),
        MODULE_TEST(batchnorm_evaluates_with_running_statistics),
        MODULE_TEST(batchnorm_of_a_strided_input_is_row_major),
        MODULE_TEST(batchnorm_errors),
        MODULE_TEST(mc_dropout_averages_forwards_with_dropout_on),
        MODULE_TEST(mc_dropout_restores_mixed_flags),
        MODULE_TEST(mc_dropout_errors),
        MODULE_TEST(mask_keeps_each_element_with_probability_q),
        MODULE_TEST(mask_scale_is_rounded_as_pytorch_rounds_it),
        MODULE_TEST(mask_at_the_extremes_and_of_odd_shapes),
        MODULE_TEST(dropout_is_the_input_times_the_mask),
    };
    return run_suite(&(TestSuite){.group = "chapter 8 exercises", TEST_LIST(tests)});
}
