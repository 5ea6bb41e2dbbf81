// Tests of the chapter 6 exercises (chapters/06-functional/README.md,
// "Exercises"). Points are in grading/rubric.txt. Expected layouts and
// values are PyTorch 1.13's (floats to within 1e-5, relative).
#include <math.h>

#include "../../chapters/06-functional/exercises.h"
#include "exercise_asserts.h"
#include "functional.h"


static void expect_new(const Tensor *got, const Tensor *input) {
    if (got->storage == input->storage) {
        fail_msg("expected a new tensor, got one sharing the input's storage");
    }
}

// x = arange(12).view(3, 4) - 5, made by hand: -5, -4, ..., 6.
static Tensor *minus_five(int64_t storage, Shape shape, IntList strides) {
    Tensor *x = strided_arange(storage, shape, strides, 0);
    for (int64_t i = 0; i < storage; i++) x->storage->data[i] -= 5;
    return x;
}

// ---- 6.1 F_leaky_relu -----------------------------------------------------------

static void leaky_relu_scales_the_negative_part(void **state) {
    (void)state;
    Tensor *x = minus_five(12, SHAPE(3, 4), INTS(4, 1));
    Tensor *y = EXPECT_TENSOR(F_leaky_relu(x, 0.1f));
    expect_close(y, SHAPE(3, 4), INTS(4, 1),
                 (float[]){-0.5f, -0.4f, -0.3f, -0.2f, -0.1f, 0, 1, 2, 3, 4, 5, 6}, 12);
    expect_new(y, x);
    for (int i = 0; i < 12; i++) {
        if (x->storage->data[i] != (float)(i - 5)) fail_msg("the input was written to");
    }
    Tensor *v = keep_tensor(tensor_from_data((float[]){-INFINITY, INFINITY, NAN, 0}, SHAPE(4)));
    y = EXPECT_TENSOR(F_leaky_relu(v, 0.01f));
    expect_close(y, SHAPE(4), INTS(1), (float[]){-INFINITY, INFINITY, NAN, 0}, 4);
}

static void leaky_relu_keeps_the_inputs_layout(void **state) {
    (void)state;
    // x.t(): (4, 3) with strides (1, 4); the result is laid out the same.
    Tensor *xt = minus_five(12, SHAPE(4, 3), INTS(1, 4));
    Tensor *y = EXPECT_TENSOR(F_leaky_relu(xt, 0.25f));
    expect_close(y, SHAPE(4, 3), INTS(1, 4),
                 (float[]){-1.25f, -0.25f, 3, -1, 0, 4, -0.75f, 1, 5, -0.5f, 2, 6}, 12);
    // x[:, ::2] isn't dense: the result is row-major. Slope 0 is relu.
    Tensor *s = minus_five(12, SHAPE(3, 2), INTS(4, 2));
    y = EXPECT_TENSOR(F_leaky_relu(s, 0));
    expect_close(y, SHAPE(3, 2), INTS(2, 1), (float[]){0, 0, 0, 1, 3, 5}, 6);
}

// ---- 6.2 F_gelu_tanh ------------------------------------------------------------

static void gelu_matches_pytorch(void **state) {
    (void)state;
    Tensor *v = keep_tensor(
        tensor_from_data((float[]){-3, -1, -0.5f, 0, 0.5f, 1, 2, 10}, SHAPE(8)));
    Tensor *y = EXPECT_TENSOR(F_gelu_tanh(v));
    expect_close(y, SHAPE(8), INTS(1),
                 (float[]){-0.00363743305f, -0.158807993f, -0.154285997f, 0, 0.345714003f,
                           0.841192007f, 1.95459771f, 10}, 8);
    expect_new(y, v);
}

static void gelu_keeps_the_inputs_layout(void **state) {
    (void)state;
    // (arange(12).view(3, 4) / 4 - 1.5).t()
    Tensor *g = strided_arange(12, SHAPE(4, 3), INTS(1, 4), 0);
    for (int i = 0; i < 12; i++) g->storage->data[i] = (float)i / 4 - 1.5f;
    Tensor *y = EXPECT_TENSOR(F_gelu_tanh(g));
    expect_close(y, SHAPE(4, 3), INTS(1, 4),
                 (float[]){-0.100428432f, -0.154285997f, 0.345714003f, -0.132285804f,
                           -0.100324646f, 0.579960585f, -0.158807993f, 0, 0.841192007f,
                           -0.170039475f, 0.149675354f, 1.11771417f}, 12);
}

// ---- 6.3 F_layer_norm -----------------------------------------------------------

static const float ROWS[12] = {1, 2, 3, 4, -1, 0, 5, 2, 3, 3, 3, 3};

static void layer_norm_normalizes_each_row(void **state) {
    (void)state;
    Tensor *x = keep_tensor(tensor_from_data(ROWS, SHAPE(3, 4)));
    Tensor *y = EXPECT_TENSOR(F_layer_norm(x, 4, NULL, NULL, 1e-5));
    // The last row is constant: (x - mean) is 0, and eps keeps 0 / 0 away.
    expect_close(y, SHAPE(3, 4), INTS(4, 1),
                 (float[]){-1.34163547f, -0.447211862f, 0.447211802f, 1.34163547f,
                           -1.09108841f, -0.654653072f, 1.52752376f, 0.218217671f,
                           0, 0, 0, 0}, 12);
    expect_new(y, x);
    Tensor *w = keep_tensor(tensor_from_data((float[]){1, 2, 0.5f, -1}, SHAPE(4)));
    Tensor *b = keep_tensor(tensor_from_data((float[]){0, 1, 0, 2}, SHAPE(4)));
    y = EXPECT_TENSOR(F_layer_norm(x, 4, w, b, 1e-5));
    expect_close(y, SHAPE(3, 4), INTS(4, 1),
                 (float[]){-1.34163547f, 0.105576277f, 0.223605901f, 0.658364534f,
                           -1.09108841f, -0.309306145f, 0.763761878f, 1.78178239f,
                           0, 1, 0, 2}, 12);
}

static void layer_norm_of_strided_inputs_is_row_major(void **state) {
    (void)state;
    // x.t() of the rows above: (4, 3), strides (1, 4); a bias, no weight.
    Tensor *base = keep_tensor(tensor_from_data(ROWS, SHAPE(12)));
    Tensor *xt = keep_tensor(tensor_on(base->storage, 0, 2, (int64_t[]){4, 3},
                                       (int64_t[]){1, 4}));
    Tensor *b = keep_tensor(tensor_from_data((float[]){1, 0, -1}, SHAPE(3)));
    Tensor *y = EXPECT_TENSOR(F_layer_norm(xt, 3, NULL, b, 1e-3));
    expect_close(y, SHAPE(4, 3), INTS(3, 1),
                 (float[]){1, -1.22451532f, 0.224515319f, 1.26717532f, -1.33587694f,
                           0.0687015057f, 0.293290615f, 1.41341877f, -1.70670938f,
                           2.22382736f, -1.22382736f, -1}, 12);
    // arange(24).view(2, 3, 4).permute(1, 0, 2), weight 2, eps 0.5.
    Tensor *p = strided_arange(24, SHAPE(3, 2, 4), INTS(4, 12, 1), 0);
    Tensor *w = keep_tensor(tensor_from_data((float[]){2, 2, 2, 2}, SHAPE(4)));
    y = EXPECT_TENSOR(F_layer_norm(p, 4, w, NULL, 0.5));
    float want[24];
    for (int i = 0; i < 24; i += 4) {
        memcpy(want + i, (float[]){-2.26778698f, -0.755928993f, 0.755928993f, 2.26778698f},
               sizeof(float[4]));
    }
    expect_close(y, SHAPE(3, 2, 4), INTS(8, 4, 1), want, 24);
}

static void layer_norm_errors(void **state) {
    (void)state;
    // Graded on the rule (refused, a RuntimeError), not on the wording.
    Tensor *x = keep_tensor(tensor_from_data(ROWS, SHAPE(3, 4)));
    Tensor *three = keep_tensor(tensor_ones(SHAPE(3)));
    Tensor *square = keep_tensor(tensor_ones(SHAPE(2, 2)));
    EXPECT_REFUSED(F_layer_norm(x, 4, three, NULL, 1e-5), ERR_RUNTIME);   // weight (3,)
    EXPECT_REFUSED(F_layer_norm(x, 4, square, NULL, 1e-5), ERR_RUNTIME);  // weight (2, 2)
    EXPECT_REFUSED(F_layer_norm(x, 4, NULL, three, 1e-5), ERR_RUNTIME);   // bias (3,)
    EXPECT_REFUSED(F_layer_norm(x, 3, NULL, NULL, 1e-5), ERR_RUNTIME);    // rows of 4, not 3
}

// ---- 6.4 F_linear ---------------------------------------------------------------

static const float X_DEMO[6] = {1, 2, 3, -1, 0, 1};
static const float W_DEMO[6] = {0.5f, -1, 0.25f, 1, 1, 1};

static void linear_of_a_batch_with_and_without_bias(void **state) {
    (void)state;
    Tensor *x = keep_tensor(tensor_from_data(X_DEMO, SHAPE(2, 3)));
    Tensor *w = keep_tensor(tensor_from_data(W_DEMO, SHAPE(2, 3)));
    Tensor *b = keep_tensor(tensor_from_data((float[]){0.1f, -0.2f}, SHAPE(2)));
    Tensor *y = EXPECT_TENSOR(F_linear(x, w, b));
    expect_close(y, SHAPE(2, 2), INTS(2, 1), (float[]){-0.65f, 5.8f, -0.15f, -0.2f}, 4);
    expect_new(y, x);
    expect_new(y, w);
    y = EXPECT_TENSOR(F_linear(x, w, NULL));
    expect_close(y, SHAPE(2, 2), INTS(2, 1), (float[]){-0.75f, 6, -0.25f, 0}, 4);
    // Nothing is remembered: the same call, the same answer.
    y = EXPECT_TENSOR(F_linear(x, w, b));
    expect_close(y, SHAPE(2, 2), INTS(2, 1), (float[]){-0.65f, 5.8f, -0.15f, -0.2f}, 4);
}

static void linear_of_strided_and_batched_inputs(void **state) {
    (void)state;
    // w = arange(6).view(3, 2).t(): a (2, 3) weight stored transposed.
    Tensor *w = strided_arange(6, SHAPE(2, 3), INTS(1, 2), 0);
    Tensor *b = keep_tensor(tensor_from_data((float[]){0.5f, -1}, SHAPE(2)));
    // x = arange(12).view(2, 2, 3) - 5: two leading dims ride along.
    Tensor *x = strided_arange(12, SHAPE(2, 2, 3), INTS(6, 3, 1), 0);
    for (int i = 0; i < 12; i++) x->storage->data[i] -= 5;
    Tensor *y = EXPECT_TENSOR(F_linear(x, w, b));
    expect_close(y, SHAPE(2, 2, 2), INTS(4, 2, 1),
                 (float[]){-19.5f, -33, -1.5f, -6, 16.5f, 21, 34.5f, 48}, 8);
    // One sample, a 1-D input: a 1-D output.
    Tensor *r = strided_arange(3, SHAPE(3), INTS(1), 0);
    y = EXPECT_TENSOR(F_linear(r, w, b));
    expect_close(y, SHAPE(2), INTS(1), (float[]){10.5f, 12}, 2);
    // A transposed input, and a bias expanded from one float (stride 0).
    Tensor *xt = strided_arange(6, SHAPE(2, 3), INTS(1, 2), 0);
    Tensor *b1 = strided_arange(3, SHAPE(2), INTS(0), 2);
    y = EXPECT_TENSOR(F_linear(xt, w, b1));
    expect_close(y, SHAPE(2, 2), INTS(2, 1), (float[]){22, 28, 28, 37}, 4);
}

static void linear_refuses_what_does_not_fit(void **state) {
    (void)state;
    Tensor *w = keep_tensor(tensor_from_data(W_DEMO, SHAPE(2, 3)));
    Tensor *wide = keep_tensor(tensor_zeros(SHAPE(2, 4)));
    Tensor *x = keep_tensor(tensor_from_data(X_DEMO, SHAPE(2, 3)));
    Tensor *b3 = keep_tensor(tensor_ones(SHAPE(3)));
    EXPECT_REFUSED(F_linear(wide, w, NULL), ERR_RUNTIME);  // 4 features into a layer of 3
    EXPECT_REFUSED(F_linear(x, w, b3), ERR_RUNTIME);       // 3 biases for 2 outputs
}

int main(void) {
    const struct CMUnitTest tests[] = {
        EXERCISE_TEST(leaky_relu_scales_the_negative_part),
        EXERCISE_TEST(leaky_relu_keeps_the_inputs_layout),
        EXERCISE_TEST(gelu_matches_pytorch),
        EXERCISE_TEST(gelu_keeps_the_inputs_layout),
        EXERCISE_TEST(layer_norm_normalizes_each_row),
        EXERCISE_TEST(layer_norm_of_strided_inputs_is_row_major),
        EXERCISE_TEST(layer_norm_errors),
        EXERCISE_TEST(linear_of_a_batch_with_and_without_bias),
        EXERCISE_TEST(linear_of_strided_and_batched_inputs),
        EXERCISE_TEST(linear_refuses_what_does_not_fit),
    };
    return run_suite(&(TestSuite){.group = "chapter 6 exercises", TEST_LIST(tests)});
}
