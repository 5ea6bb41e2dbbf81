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
    EXPECT_REFUSED(sliding_window(x, 6), ERR_VALUE);
    EXPECT_REFUSED(sliding_window(x, 0), ERR_VALUE);
    Tensor *m = strided_arange(6, SHAPE(2, 3), INTS(3, 1), 0);
    EXPECT_REFUSED(sliding_window(m, 2), ERR_RUNTIME);
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
    // view()'s own refusal, of a shape that does not hold 24 elements.
    EXPECT_REFUSED(split_last_dim(x, 5), ERR_SHAPE_NUMEL);
    EXPECT_REFUSED(split_last_dim(x, 0), ERR_VALUE);
    Tensor *s = strided_arange(1, SCALAR_SHAPE, INTS(0), 0);
    EXPECT_REFUSED(split_last_dim(s, 1), ERR_RUNTIME);
    Tensor *eight = strided_arange(1, SHAPE(1, 1, 1, 1, 1, 1, 1, 1),
                                   INTS(1, 1, 1, 1, 1, 1, 1, 1), 0);
    EXPECT_REFUSED(split_last_dim(eight, 1), ERR_RUNTIME);
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
    EXPECT_REFUSED(image_patches(img, 4), ERR_RUNTIME);
    EXPECT_REFUSED(image_patches(img, 0), ERR_RUNTIME);
    Tensor *x = strided_arange(24, SHAPE(2, 3, 4), INTS(12, 4, 1), 0);
    EXPECT_REFUSED(image_patches(x, 1), ERR_RUNTIME);
}

// ---- 3.4 view_chunks and view_plan (src/view.c) -----------------------------------

// The chunks of t, innermost first: {first_dim, last_dim, numel, base} each.
static void expect_chunks(const Tensor *t, int count, const ViewChunk *want) {
    ViewChunk got[MAX_DIMS];
    int n = view_chunks(t, got);
    expect_implemented("view_chunks");
    assert_int_equal(n, count);
    for (int c = 0; c < n; c++) {
        assert_int_equal(got[c].first_dim, want[c].first_dim);
        assert_int_equal(got[c].last_dim, want[c].last_dim);
        assert_int_equal(got[c].numel, want[c].numel);
        assert_int_equal(got[c].base, want[c].base);
    }
}

// view_plan(t, sizes): whether the view exists, then its strides, or the
// new dim that would cross a seam and the chunk whose end it crosses.
static void expect_plan(const Tensor *t, Shape sizes, bool exists, IntList strides,
                        int seam_dim, int seam_chunk) {
    ViewPlan plan;
    bool got = view_plan(t, (int)sizes.len, sizes.at, &plan);
    expect_implemented("view_plan");
    assert_int_equal(got, exists);
    for (int d = 0; got && d < sizes.len; d++) assert_int_equal(plan.strides[d], strides.at[d]);
    if (!got) {
        assert_int_equal(plan.seam_dim, seam_dim);
        assert_int_equal(plan.seam_chunk, seam_chunk);
    }
}

static void view_plan_of_a_contiguous_tensor(void **state) {
    (void)state;
    Tensor *x = strided_arange(24, SHAPE(2, 3, 4), INTS(12, 4, 1), 0);
    expect_chunks(x, 1, (ViewChunk[]){{0, 2, 24, 1}});
    expect_plan(x, SHAPE(6, 4), true, INTS(4, 1), -1, -1);
    expect_plan(x, SHAPE(4, 1, 6), true, INTS(6, 6, 1), -1, -1);
    expect_plan(x, SHAPE(24), true, INTS(1), -1, -1);
    // And view() itself: the same storage, the same offset.
    Tensor *v = EXPECT_TENSOR(tensor_view(x, SHAPE(4, 6)));
    float values[24];
    for (int i = 0; i < 24; i++) values[i] = (float)i;
    expect_view(v, x, SHAPE(4, 6), INTS(6, 1), 0, values, 24);
}

static void view_plan_of_a_transpose(void **state) {
    (void)state;
    // arange(12).view(3, 4).t(): two chunks, {dim 1} and {dim 0}.
    Tensor *t = strided_arange(12, SHAPE(4, 3), INTS(1, 4), 0);
    expect_chunks(t, 2, (ViewChunk[]){{1, 1, 3, 4}, {0, 0, 4, 1}});
    expect_plan(t, SHAPE(2, 2, 3), true, INTS(2, 1, 4), -1, -1);
    expect_plan(t, SHAPE(4, 3, 1), true, INTS(1, 4, 4), -1, -1);
    // view(12) and view(3, 4) straddle the seam at the end of chunk 0.
    expect_plan(t, SHAPE(12), false, INTS(0), 0, 0);
    expect_plan(t, SHAPE(3, 4), false, INTS(0), 1, 0);
}

static void view_plan_of_sliced_and_stepped_tensors(void **state) {
    (void)state;
    // arange(24).view(3, 8)[:, :4]: rows 8 apart, but only 4 wide.
    Tensor *n = strided_arange(24, SHAPE(3, 4), INTS(8, 1), 0);
    expect_chunks(n, 2, (ViewChunk[]){{1, 1, 4, 1}, {0, 0, 3, 8}});
    expect_plan(n, SHAPE(3, 2, 2), true, INTS(8, 2, 1), -1, -1);
    expect_plan(n, SHAPE(12), false, INTS(0), 0, 0);
    // x[:, :, ::2] of arange(24).view(2, 3, 4), at offset 1: one chunk of
    // 12 elements, 2 apart.
    Tensor *s = strided_arange(24, SHAPE(2, 3, 2), INTS(12, 4, 2), 1);
    expect_chunks(s, 1, (ViewChunk[]){{0, 2, 12, 2}});
    expect_plan(s, SHAPE(3, 4), true, INTS(8, 2), -1, -1);
}

static void view_plan_with_size_one_and_expanded_dims(void **state) {
    (void)state;
    // A size-1 dim's stride never matters: one chunk.
    Tensor *x = strided_arange(12, SHAPE(3, 1, 4), INTS(4, 100, 1), 0);
    expect_chunks(x, 1, (ViewChunk[]){{0, 2, 12, 1}});
    expect_plan(x, SHAPE(12), true, INTS(1), -1, -1);
    expect_plan(x, SHAPE(3, 4, 1), true, INTS(4, 1, 1), -1, -1);
    // arange(3).expand(2, 3): the rows are the same memory (stride 0).
    Tensor *e = strided_arange(3, SHAPE(2, 3), INTS(0, 1), 0);
    expect_chunks(e, 2, (ViewChunk[]){{1, 1, 3, 1}, {0, 0, 2, 0}});
    expect_plan(e, SHAPE(1, 2, 3), true, INTS(0, 0, 1), -1, -1);
    expect_plan(e, SHAPE(6), false, INTS(0), 0, 0);
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
        EXERCISE_TEST(view_plan_of_a_contiguous_tensor),
        EXERCISE_TEST(view_plan_of_a_transpose),
        EXERCISE_TEST(view_plan_of_sliced_and_stepped_tensors),
        EXERCISE_TEST(view_plan_with_size_one_and_expanded_dims),
    };
    return run_suite(&(TestSuite){.group = "chapter 3 exercises", TEST_LIST(tests)});
}
