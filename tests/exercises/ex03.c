// Tests of the chapter 3 exercises (chapters/03-view/README.md,
// "Exercises"). Points are in grading/rubric.txt.
#include "../../chapters/03-view/exercises.h"
#include "exercise_asserts.h"
#include "view.h"

// ---- 3.1 sliding_window ---------------------------------------------------------

static void sliding_window_of_arange(void **state) {
    (void)state;
    Tensor *x = strided_arange(5, SHAPE(5), INTS(1), 0);
    Tensor *w = EXPECT_TENSOR(sliding_window(x, 3));
    expect_view(w, x, SHAPE(3, 3), INTS(1, 1), 0, (float[]){0, 1, 2, 1, 2, 3, 2, 3, 4}, 9);
    // Neighbouring windows overlap: one write shows in two rows.
    assert_int_equal(tensor_set(w, INDEX(0, 1), -1.0f), 0);
    float v;
    assert_int_equal(tensor_get(w, INDEX(1, 0), &v), 0);
    if (v != -1.0f) fail_msg("w[0, 1] and w[1, 0] are one element, but w[1, 0] is %g", (double)v);
}

static void sliding_window_of_a_strided_tensor(void **state) {
    (void)state;
    // arange(12)[1::2]: 1, 3, 5, 7, 9, 11 (stride 2, offset 1).
    Tensor *x = strided_arange(12, SHAPE(6), INTS(2), 1);
    Tensor *w = EXPECT_TENSOR(sliding_window(x, 4));
    expect_view(w, x, SHAPE(3, 4), INTS(2, 2), 1,
                (float[]){1, 3, 5, 7, 3, 5, 7, 9, 5, 7, 9, 11}, 12);
    // Overlapping rows can't be contiguous: contiguous() must copy.
    assert_false(tensor_is_contiguous(w));
    Tensor *c = keep_tensor(tensor_contiguous(w));
    assert_non_null(c);
    assert_ptr_not_equal(c->storage, x->storage);
    assert_int_equal(c->storage->size, 12);
}

static void sliding_window_errors(void **state) {
    (void)state;
    Tensor *x = strided_arange(5, SHAPE(5), INTS(1), 0);
    EXPECT_ERROR(sliding_window(x, 6), "sliding_window: size must be between 1 and 5, "
                                       "but got 6");
    EXPECT_ERROR(sliding_window(x, 0), "sliding_window: size must be between 1 and 5, "
                                       "but got 0");
    Tensor *m = strided_arange(6, SHAPE(2, 3), INTS(3, 1), 0);
    EXPECT_ERROR(sliding_window(m, 2), "sliding_window: expected a 1-D tensor, but got "
                                       "a 2-D tensor");
}

// ---- 3.2 split_last_dim ---------------------------------------------------------

static void split_last_dim_of_a_contiguous_tensor(void **state) {
    (void)state;
    Tensor *x = strided_arange(24, SHAPE(2, 12), INTS(12, 1), 0);
    Tensor *y = EXPECT_TENSOR(split_last_dim(x, 4));
    float values[24];
    for (int i = 0; i < 24; i++) values[i] = (float)i;
    expect_view(y, x, SHAPE(2, 3, 4), INTS(12, 4, 1), 0, values, 24);
}

static void split_last_dim_of_a_strided_tensor_is_a_view(void **state) {
    (void)state;
    // x[:, :, ::2] of arange(24).view(2, 3, 4): (2, 3, 2) with strides
    // (12, 4, 2), at offset 1 (it starts at x[0, 0, 1]).
    Tensor *x = strided_arange(24, SHAPE(2, 3, 2), INTS(12, 4, 2), 1);
    Tensor *y = EXPECT_TENSOR(split_last_dim(x, 2));
    expect_view(y, x, SHAPE(2, 3, 1, 2), INTS(12, 4, 4, 2), 1,
                (float[]){1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23}, 12);
    // The transpose of arange(12).view(3, 4), last dimension split by 3.
    Tensor *t = strided_arange(12, SHAPE(4, 3), INTS(1, 4), 0);
    Tensor *z = EXPECT_TENSOR(split_last_dim(t, 3));
    expect_view(z, t, SHAPE(4, 1, 3), INTS(1, 12, 4), 0,
                (float[]){0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, 12);
}

static void split_last_dim_errors(void **state) {
    (void)state;
    Tensor *x = strided_arange(24, SHAPE(2, 12), INTS(12, 1), 0);
    EXPECT_ERROR(split_last_dim(x, 5), "shape '[2, -1, 5]' is invalid for input of "
                                       "size 24");
    EXPECT_ERROR(split_last_dim(x, 0), "split_last_dim: k must be positive, but got 0");
    Tensor *s = strided_arange(1, SCALAR_SHAPE, INTS(0), 0);
    EXPECT_ERROR(split_last_dim(s, 1), "split_last_dim: a 0-dim tensor has no last "
                                       "dimension");
    Tensor *eight = strided_arange(1, SHAPE(1, 1, 1, 1, 1, 1, 1, 1),
                                   INTS(1, 1, 1, 1, 1, 1, 1, 1), 0);
    EXPECT_ERROR(split_last_dim(eight, 1), "Strides supports at most 8 dimensions, "
                                           "but got 9");
}

// ---- 3.3 image_patches ----------------------------------------------------------

static void image_patches_of_a_4x6_image(void **state) {
    (void)state;
    Tensor *img = strided_arange(24, SHAPE(4, 6), INTS(6, 1), 0);
    Tensor *p = EXPECT_TENSOR(image_patches(img, 2));
    expect_view(p, img, SHAPE(2, 3, 2, 2), INTS(12, 2, 6, 1), 0,
                (float[]){0, 1, 6, 7, 2, 3, 8, 9, 4, 5, 10, 11,
                          12, 13, 18, 19, 14, 15, 20, 21, 16, 17, 22, 23}, 24);
    // A write to a patch is a write to the image.
    assert_int_equal(tensor_set(p, INDEX(1, 2, 1, 0), -5.0f), 0);
    float v;
    assert_int_equal(tensor_get(img, INDEX(3, 4), &v), 0);
    if (v != -5.0f) fail_msg("patch [1, 2] element [1, 0] is img[3, 4], which is %g", (double)v);
}

static void image_patches_of_an_offset_image(void **state) {
    (void)state;
    // Rows 1..3 of a (4, 6) image: shape (3, 6) at offset 6, p = 3.
    Tensor *img = strided_arange(24, SHAPE(3, 6), INTS(6, 1), 6);
    Tensor *p = EXPECT_TENSOR(image_patches(img, 3));
    expect_view(p, img, SHAPE(1, 2, 3, 3), INTS(18, 3, 6, 1), 6,
                (float[]){6, 7, 8, 12, 13, 14, 18, 19, 20, 9, 10, 11, 15, 16, 17, 21,
                          22, 23}, 18);
}

static void image_patches_errors(void **state) {
    (void)state;
    Tensor *img = strided_arange(48, SHAPE(6, 8), INTS(8, 1), 0);
    EXPECT_ERROR(image_patches(img, 4), "image_patches: patch size 4 does not divide the "
                                        "image size (6, 8)");
    EXPECT_ERROR(image_patches(img, 0), "image_patches: patch size 0 does not divide the "
                                        "image size (6, 8)");
    Tensor *x = strided_arange(24, SHAPE(2, 3, 4), INTS(12, 4, 1), 0);
    EXPECT_ERROR(image_patches(x, 1), "image_patches: expected a 2-D tensor, but got a "
                                      "3-D tensor");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        EXERCISE_TEST(sliding_window_of_arange),
        EXERCISE_TEST(sliding_window_of_a_strided_tensor),
        EXERCISE_TEST(sliding_window_errors),
        EXERCISE_TEST(split_last_dim_of_a_contiguous_tensor),
        EXERCISE_TEST(split_last_dim_of_a_strided_tensor_is_a_view),
        EXERCISE_TEST(split_last_dim_errors),
        EXERCISE_TEST(image_patches_of_a_4x6_image),
        EXERCISE_TEST(image_patches_of_an_offset_image),
        EXERCISE_TEST(image_patches_errors),
    };
    return run_suite(&(TestSuite){.group = "chapter 3 exercises", TEST_LIST(tests)});
}
