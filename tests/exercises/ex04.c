// Tests of the chapter 4 exercises (chapters/04-views/README.md,
// "Exercises"). Points are in grading/rubric.txt. Expected layouts and
// values are PyTorch 1.13's.
#include "../../chapters/04-views/exercises.h"
#include "exercise_asserts.h"
#include "views.h"

// ---- 4.1 unfold_view ------------------------------------------------------------

static void unfold_of_a_contiguous_tensor(void **state) {
    (void)state;
    // x = arange(24).view(2, 3, 4)
    Tensor *x = strided_arange(24, SHAPE(2, 3, 4), INTS(12, 4, 1), 0);
    Tensor *y = EXPECT_TENSOR(unfold_view(x, 2, 2, 1));  // x.unfold(2, 2, 1)
    expect_view(y, x, SHAPE(2, 3, 3, 2), INTS(12, 4, 1, 1), 0,
                (float[]){0,  1,  1,  2,  2,  3,  4,  5,  5,  6,  6,  7,
                          8,  9,  9,  10, 10, 11, 12, 13, 13, 14, 14, 15,
                          16, 17, 17, 18, 18, 19, 20, 21, 21, 22, 22, 23}, 36);
    y = EXPECT_TENSOR(unfold_view(x, 1, 2, 2));  // x.unfold(1, 2, 2): one window
    expect_view(y, x, SHAPE(2, 1, 4, 2), INTS(12, 8, 1, 4), 0,
                (float[]){0, 4, 1, 5, 2, 6, 3, 7, 12, 16, 13, 17, 14, 18, 15, 19}, 16);
    // Windows overlap in memory: one write shows in two of them.
    assert_int_equal(tensor_set(x, INDEX(0, 1, 0), -1.0f), 0);
    Tensor *z = EXPECT_TENSOR(unfold_view(x, 1, 2, 1));
    float v;
    assert_int_equal(tensor_get(z, INDEX(0, 0, 0, 1), &v), 0);
    if (v != -1.0f) fail_msg("window 0, element 1 is x[0, 1, 0]: expected -1, got %g", (double)v);
    assert_int_equal(tensor_get(z, INDEX(0, 1, 0, 0), &v), 0);
    if (v != -1.0f) fail_msg("window 1, element 0 is x[0, 1, 0]: expected -1, got %g", (double)v);
}

static void unfold_with_steps_negative_dims_and_an_offset(void **state) {
    (void)state;
    // arange(40).as_strided((2, 3, 4), (12, 4, 1), 5)
    Tensor *x = strided_arange(40, SHAPE(2, 3, 4), INTS(12, 4, 1), 5);
    Tensor *y = EXPECT_TENSOR(unfold_view(x, -2, 2, 1));
    expect_view(y, x, SHAPE(2, 2, 4, 2), INTS(12, 4, 1, 4), 5,
                (float[]){5,  9,  6,  10, 7,  11, 8,  12, 9,  13, 10, 14, 11, 15, 12, 16,
                          17, 21, 18, 22, 19, 23, 20, 24, 21, 25, 22, 26, 23, 27, 24, 28}, 32);
    y = EXPECT_TENSOR(unfold_view(x, 2, 4, 3));  // the window is the whole dim
    expect_view(y, x, SHAPE(2, 3, 1, 4), INTS(12, 4, 3, 1), 5,
                (float[]){5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16,
                          17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28}, 24);
    y = EXPECT_TENSOR(unfold_view(x, 1, 3, 5));  // a step past the end
    expect_view(y, x, SHAPE(2, 1, 4, 3), INTS(12, 20, 1, 4), 5,
                (float[]){5,  9,  13, 6,  10, 14, 7,  11, 15, 8,  12, 16,
                          17, 21, 25, 18, 22, 26, 19, 23, 27, 20, 24, 28}, 24);
}

static void unfold_of_a_transposed_tensor(void **state) {
    (void)state;
    // arange(12).view(3, 4).t(): shape (4, 3), strides (1, 4)
    Tensor *x = strided_arange(12, SHAPE(4, 3), INTS(1, 4), 0);
    Tensor *y = EXPECT_TENSOR(unfold_view(x, 0, 2, 2));
    expect_view(y, x, SHAPE(2, 3, 2), INTS(2, 4, 1), 0,
                (float[]){0, 1, 4, 5, 8, 9, 2, 3, 6, 7, 10, 11}, 12);
    y = EXPECT_TENSOR(unfold_view(x, -1, 2, 1));
    expect_view(y, x, SHAPE(4, 2, 2), INTS(1, 4, 4), 0,
                (float[]){0, 4, 4, 8, 1, 5, 5, 9, 2, 6, 6, 10, 3, 7, 7, 11}, 16);
}

static void unfold_errors(void **state) {
    (void)state;
    Tensor *x = strided_arange(24, SHAPE(2, 3, 4), INTS(12, 4, 1), 0);
    EXPECT_REFUSED(unfold_view(x, 3, 2, 1), ERR_INDEX);  // dim_wrap's refusal
    EXPECT_REFUSED(unfold_view(x, -2, 4, 1), ERR_RUNTIME);
    EXPECT_REFUSED(unfold_view(x, 2, 2, 0), ERR_RUNTIME);
    EXPECT_REFUSED(unfold_view(x, 2, 2, -1), ERR_RUNTIME);
}

// ---- 4.2 diagonal_of ------------------------------------------------------------

static void diagonal_of_the_last_two_dims(void **state) {
    (void)state;
    Tensor *x = strided_arange(24, SHAPE(2, 3, 4), INTS(12, 4, 1), 0);
    Tensor *y = EXPECT_TENSOR(diagonal_of(x, 0, 1, 2));
    expect_view(y, x, SHAPE(2, 3), INTS(12, 5), 0, (float[]){0, 5, 10, 12, 17, 22}, 6);
    y = EXPECT_TENSOR(diagonal_of(x, 1, 1, 2));
    expect_view(y, x, SHAPE(2, 3), INTS(12, 5), 1, (float[]){1, 6, 11, 13, 18, 23}, 6);
    y = EXPECT_TENSOR(diagonal_of(x, -1, -2, -1));
    expect_view(y, x, SHAPE(2, 2), INTS(12, 5), 4, (float[]){4, 9, 16, 21}, 4);
    Tensor *m = strided_arange(12, SHAPE(3, 4), INTS(4, 1), 0);
    y = EXPECT_TENSOR(diagonal_of(m, -2, 0, 1));
    expect_view(y, m, SHAPE(1), INTS(5), 8, (float[]){8}, 1);
}

static void diagonal_of_any_two_dims_of_a_strided_tensor(void **state) {
    (void)state;
    // arange(40).as_strided((2, 3, 4), (12, 4, 1), 5)
    Tensor *x = strided_arange(40, SHAPE(2, 3, 4), INTS(12, 4, 1), 5);
    Tensor *y = EXPECT_TENSOR(diagonal_of(x, 1, 0, 2));
    expect_view(y, x, SHAPE(3, 2), INTS(4, 13), 6, (float[]){6, 19, 10, 23, 14, 27}, 6);
    // dim1 after dim2: the offset counts along dim1 = 2 now.
    y = EXPECT_TENSOR(diagonal_of(x, -1, 2, 1));
    expect_view(y, x, SHAPE(2, 3), INTS(12, 5), 6, (float[]){6, 11, 16, 18, 23, 28}, 6);
    // x.permute(2, 0, 1): (4, 2, 3) with strides (1, 12, 4)
    Tensor *t = keep_tensor(tensor_on(x->storage, 5, 3, (int64_t[]){4, 2, 3},
                                      (int64_t[]){1, 12, 4}));
    y = EXPECT_TENSOR(diagonal_of(t, 0, 0, 2));
    expect_view(y, t, SHAPE(2, 3), INTS(12, 5), 5, (float[]){5, 10, 15, 17, 22, 27}, 6);
    // A write through the diagonal lands in x.
    assert_int_equal(tensor_set(y, INDEX(1, 2), -7.0f), 0);
    float v;
    assert_int_equal(tensor_get(x, INDEX(1, 2, 2), &v), 0);
    if (v != -7.0f) fail_msg("y[1, 2] is x[1, 2, 2]: expected -7, got %g", (double)v);
}

static void diagonal_past_the_edge_is_empty(void **state) {
    (void)state;
    Tensor *x = strided_arange(40, SHAPE(2, 3, 4), INTS(12, 4, 1), 5);
    Tensor *y = EXPECT_TENSOR(diagonal_of(x, 4, 1, 2));
    expect_view(y, x, SHAPE(2, 0), INTS(12, 5), 5, NULL, 0);
    y = EXPECT_TENSOR(diagonal_of(x, -3, 1, 2));
    expect_view(y, x, SHAPE(2, 0), INTS(12, 5), 5, NULL, 0);
    y = EXPECT_TENSOR(diagonal_of(x, 3, 1, 2));  // the last one that isn't
    expect_view(y, x, SHAPE(2, 1), INTS(12, 5), 8, (float[]){8, 20}, 2);
}

static void diagonal_errors(void **state) {
    (void)state;
    Tensor *x = strided_arange(24, SHAPE(2, 3, 4), INTS(12, 4, 1), 0);
    EXPECT_REFUSED(diagonal_of(x, 0, 1, 3), ERR_INDEX);
    EXPECT_REFUSED(diagonal_of(x, 0, -4, 1), ERR_INDEX);
    EXPECT_REFUSED(diagonal_of(x, 0, 1, -2), ERR_RUNTIME);  // the same dim, twice
    Tensor *v = strided_arange(3, SHAPE(3), INTS(1), 0);
    EXPECT_REFUSED(diagonal_of(v, 0, 0, 1), ERR_INDEX);
}

// ---- 4.3 movedim_view -----------------------------------------------------------

// The values of y = arange(120).view(2, 3, 4, 5) with dims in the order
// `perm` (y.permute(perm)), row-major.
static void permuted_arange(const int *perm, float *out) {
    const int64_t shape[4] = {2, 3, 4, 5}, strides[4] = {60, 20, 5, 1};
    int64_t i[4];
    int n = 0;
    for (i[0] = 0; i[0] < shape[perm[0]]; i[0]++)
        for (i[1] = 0; i[1] < shape[perm[1]]; i[1]++)
            for (i[2] = 0; i[2] < shape[perm[2]]; i[2]++)
                for (i[3] = 0; i[3] < shape[perm[3]]; i[3]++) {
                    int64_t at = 0;
                    for (int k = 0; k < 4; k++) at += i[k] * strides[perm[k]];
                    out[n++] = (float)at;
                }
}

static void movedim_forward_and_back(void **state) {
    (void)state;
    Tensor *y = strided_arange(120, SHAPE(2, 3, 4, 5), INTS(60, 20, 5, 1), 0);
    float want[120];
    Tensor *m = EXPECT_TENSOR(movedim_view(y, 3, 1));
    permuted_arange((int[]){0, 3, 1, 2}, want);
    expect_view(m, y, SHAPE(2, 5, 3, 4), INTS(60, 1, 20, 5), 0, want, 120);
    m = EXPECT_TENSOR(movedim_view(y, 1, -1));
    permuted_arange((int[]){0, 2, 3, 1}, want);
    expect_view(m, y, SHAPE(2, 4, 5, 3), INTS(60, 5, 1, 20), 0, want, 120);
    m = EXPECT_TENSOR(movedim_view(y, 0, 3));
    permuted_arange((int[]){1, 2, 3, 0}, want);
    expect_view(m, y, SHAPE(3, 4, 5, 2), INTS(20, 5, 1, 60), 0, want, 120);
}

static void movedim_of_a_permuted_tensor(void **state) {
    (void)state;
    // arange(40).as_strided((2, 3, 4), (12, 4, 1), 5).permute(2, 0, 1)
    Tensor *t = strided_arange(40, SHAPE(4, 2, 3), INTS(1, 12, 4), 5);
    Tensor *m = EXPECT_TENSOR(movedim_view(t, -1, 0));
    expect_view(m, t, SHAPE(3, 4, 2), INTS(4, 1, 12), 5,
                (float[]){5,  17, 6,  18, 7,  19, 8,  20, 9,  21, 10, 22,
                          11, 23, 12, 24, 13, 25, 14, 26, 15, 27, 16, 28}, 24);
    m = EXPECT_TENSOR(movedim_view(t, 1, 1));  // nothing moves
    expect_view(m, t, SHAPE(4, 2, 3), INTS(1, 12, 4), 5,
                (float[]){5, 9,  13, 17, 21, 25, 6, 10, 14, 18, 22, 26,
                          7, 11, 15, 19, 23, 27, 8, 12, 16, 20, 24, 28}, 24);
}

static void movedim_errors(void **state) {
    (void)state;
    Tensor *x = strided_arange(24, SHAPE(2, 3, 4), INTS(12, 4, 1), 0);
    EXPECT_REFUSED(movedim_view(x, 3, 0), ERR_INDEX);
    EXPECT_REFUSED(movedim_view(x, 0, -4), ERR_INDEX);
    EXPECT_REFUSED(movedim_view(x, -5, 7), ERR_INDEX);
}

// ---- 4.4 tensor_expand's rule, dim by dim (src/views.c) ---------------------------

static void expand_a_column_and_a_row(void **state) {
    (void)state;
    // arange(3).view(3, 1): each row's one element, repeated four times.
    Tensor *c = strided_arange(3, SHAPE(3, 1), INTS(1, 1), 0);
    Tensor *e = EXPECT_TENSOR(tensor_expand(c, SHAPE(3, 4)));
    expect_view(e, c, SHAPE(3, 4), INTS(1, 0), 0,
                (float[]){0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}, 12);
    // A row of a strided tensor, at an offset, with -1 keeping a size.
    Tensor *r = strided_arange(12, SHAPE(1, 3), INTS(8, 2), 5);
    e = EXPECT_TENSOR(tensor_expand(r, SHAPE(2, -1)));
    expect_view(e, r, SHAPE(2, 3), INTS(0, 2), 5, (float[]){5, 7, 9, 5, 7, 9}, 6);
}

static void expand_adds_leading_dims(void **state) {
    (void)state;
    // A (2, 3) transpose: new leading dims; a leading 1 steps as unsqueeze(0).
    Tensor *t = strided_arange(6, SHAPE(2, 3), INTS(1, 2), 0);
    Tensor *e = EXPECT_TENSOR(tensor_expand(t, SHAPE(2, 1, -1, 3)));
    expect_view(e, t, SHAPE(2, 1, 2, 3), INTS(0, 2, 1, 2), 0,
                (float[]){0, 2, 4, 1, 3, 5, 0, 2, 4, 1, 3, 5}, 12);
    // A 0-dim tensor becomes any shape, every stride 0.
    Tensor *s = strided_arange(4, SCALAR_SHAPE, INTS(0), 3);
    e = EXPECT_TENSOR(tensor_expand(s, SHAPE(2, 2)));
    expect_view(e, s, SHAPE(2, 2), INTS(0, 0), 3, (float[]){3, 3, 3, 3}, 4);
}

static void expand_keeps_what_it_may_not_repeat(void **state) {
    (void)state;
    // Sizes that are not 1 stay as they are, strides and all; so do 1s
    // asked to stay 1.
    Tensor *x = strided_arange(24, SHAPE(2, 1, 3), INTS(12, 5, 4), 1);
    Tensor *e = EXPECT_TENSOR(tensor_expand(x, SHAPE(2, 1, 3)));
    expect_view(e, x, SHAPE(2, 1, 3), INTS(12, 5, 4), 1, (float[]){1, 5, 9, 13, 17, 21}, 6);
    e = EXPECT_TENSOR(tensor_expand(x, SHAPE(-1, 2, -1)));
    expect_view(e, x, SHAPE(2, 2, 3), INTS(12, 0, 4), 1,
                (float[]){1, 5, 9, 1, 5, 9, 13, 17, 21, 13, 17, 21}, 12);
}

static void expand_refusals(void **state) {
    (void)state;
    Tensor *x = strided_arange(6, SHAPE(3, 2), INTS(2, 1), 0);
    EXPECT_REFUSED(tensor_expand(x, SHAPE(3, 4)), ERR_RUNTIME);      // 2 is not 1
    EXPECT_REFUSED(tensor_expand(x, SHAPE(-1, 3, 2)), ERR_RUNTIME);  // -1 has no size to keep
    // And an empty expand is still an expand: (0, 1) -> (0, 5).
    Tensor *z = strided_arange(1, SHAPE(0, 1), INTS(1, 1), 0);
    Tensor *e = EXPECT_TENSOR(tensor_expand(z, SHAPE(0, 5)));
    expect_view(e, z, SHAPE(0, 5), INTS(1, 0), 0, NULL, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        EXERCISE_TEST(unfold_of_a_contiguous_tensor),
        EXERCISE_TEST(unfold_with_steps_negative_dims_and_an_offset),
        EXERCISE_TEST(unfold_of_a_transposed_tensor),
        EXERCISE_TEST(unfold_errors),
        EXERCISE_TEST(diagonal_of_the_last_two_dims),
        EXERCISE_TEST(diagonal_of_any_two_dims_of_a_strided_tensor),
        EXERCISE_TEST(diagonal_past_the_edge_is_empty),
        EXERCISE_TEST(diagonal_errors),
        EXERCISE_TEST(movedim_forward_and_back),
        EXERCISE_TEST(movedim_of_a_permuted_tensor),
        EXERCISE_TEST(movedim_errors),
        EXERCISE_TEST(expand_a_column_and_a_row),
        EXERCISE_TEST(expand_adds_leading_dims),
        EXERCISE_TEST(expand_keeps_what_it_may_not_repeat),
        EXERCISE_TEST(expand_refusals),
    };
    return run_suite(&(TestSuite){.group = "chapter 4 exercises", TEST_LIST(tests)});
}
