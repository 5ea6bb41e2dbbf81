// Tests of the chapter 5 exercises (chapters/05-walking/README.md,
// "Exercises"). Points are in grading/rubric.txt. Expected layouts and
// values are PyTorch 1.13's.
#include "../../chapters/05-walking/exercises.h"
#include "exercise_asserts.h"
#include "elementwise.h"
#include "iter.h"


// ---- 5.1 the odometer copy (src/iter.c, copy_elementwise) -------------------

// tensor_copy_with() through the odometer, one element per step; dst starts as
// `fill` everywhere, gaps included.
static Tensor *odometer_copy(CopyMethod method, int64_t storage, Shape shape,
                             IntList strides, int64_t offset, const Tensor *src,
                             const char *call) {
    Tensor *dst = strided_arange(storage, shape, strides, offset);
    for (int64_t i = 0; i < storage; i++) dst->storage->data[i] = -1.0f;
    error_clear();
    tensor_copy_with(method, dst, src);
    expect_implemented(call);
    return dst;
}

static void the_odometer_copies_a_transpose(void **state) {
    (void)state;
    // src = arange(12).view(3, 4).t(), into a new row-major (4, 3)
    Tensor *src = strided_arange(12, SHAPE(4, 3), INTS(1, 4), 0);
    Tensor *dst = odometer_copy(COPY_ODOMETER, 12, SHAPE(4, 3), INTS(3, 1), 0, src,
                                "tensor_copy_with(COPY_ODOMETER, dst, src)");
    expect_layout_and_values(dst, SHAPE(4, 3), INTS(3, 1), 0,
                             (float[]){0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, 12);
    // The coalesced copy walks with the same odometer, dims merged.
    dst = odometer_copy(COPY_COALESCED, 12, SHAPE(4, 3), INTS(3, 1), 0, src,
                        "tensor_copy_with(COPY_COALESCED, dst, src)");
    expect_layout_and_values(dst, SHAPE(4, 3), INTS(3, 1), 0,
                             (float[]){0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, 12);
}

static void the_odometer_broadcasts_and_keeps_to_its_elements(void **state) {
    (void)state;
    // A row (1, 2, 3) into every row of a (3, 3) destination that is every
    // other element of a storage of 18 starting at 1: the gaps stay -1.
    Tensor *row = strided_arange(4, SHAPE(3), INTS(1), 1);
    Tensor *dst = odometer_copy(COPY_ODOMETER, 18, SHAPE(3, 3), INTS(6, 2), 1, row,
                                "tensor_copy_with(COPY_ODOMETER, dst, row)");
    expect_layout_and_values(dst, SHAPE(3, 3), INTS(6, 2), 1,
                             (float[]){1, 2, 3, 1, 2, 3, 1, 2, 3}, 9);
    // dst's elements are the odd storage elements 1, 3, ..., 17.
    for (int64_t i = 0; i < 18; i += 2) {
        if (dst->storage->data[i] != -1.0f) {
            fail_msg("storage element %lld is not an element of dst, but the copy "
                     "wrote %g there", (long long)i, (double)dst->storage->data[i]);
        }
    }
}

static void the_odometer_copies_scalars_and_nothing(void **state) {
    (void)state;
    // A 0-dim walk has one position; an empty one has none.
    Tensor *seven = strided_arange(8, SCALAR_SHAPE, SCALAR_SHAPE, 7);
    Tensor *dst = odometer_copy(COPY_ODOMETER, 1, SCALAR_SHAPE, SCALAR_SHAPE, 0, seven,
                                "tensor_copy_with(COPY_ODOMETER, dst, seven)");
    expect_layout_and_values(dst, SCALAR_SHAPE, SCALAR_SHAPE, 0, (float[]){7}, 1);
    Tensor *empty = strided_arange(4, SHAPE(2, 0), INTS(1, 1), 0);
    dst = odometer_copy(COPY_ODOMETER, 4, SHAPE(2, 0), INTS(1, 1), 0, empty,
                        "tensor_copy_with(COPY_ODOMETER, dst, empty)");
    for (int i = 0; i < 4; i++) {
        if (dst->storage->data[i] != -1.0f) fail_msg("an empty copy wrote element %d", i);
    }
}

// ---- 5.2 prod_dim ---------------------------------------------------------------

static void prod_dim_of_a_contiguous_tensor(void **state) {
    (void)state;
    Tensor *x = strided_arange(24, SHAPE(2, 3, 4), INTS(12, 4, 1), 0);
    Tensor *p = EXPECT_TENSOR(prod_dim(x, 0, false));
    expect_layout_and_values(p, SHAPE(3, 4), INTS(4, 1), 0,
                             (float[]){0, 13, 28, 45, 64, 85, 108, 133, 160, 189, 220, 253}, 12);
    p = EXPECT_TENSOR(prod_dim(x, 1, false));
    expect_layout_and_values(p, SHAPE(2, 4), INTS(4, 1), 0,
                             (float[]){0, 45, 120, 231, 3840, 4641, 5544, 6555}, 8);
    p = EXPECT_TENSOR(prod_dim(x, 2, false));
    expect_layout_and_values(p, SHAPE(2, 3), INTS(3, 1), 0,
                             (float[]){0, 840, 7920, 32760, 93024, 212520}, 6);
    p = EXPECT_TENSOR(prod_dim(x, -1, true));
    expect_layout_and_values(p, SHAPE(2, 3, 1), INTS(3, 1, 1), 0,
                             (float[]){0, 840, 7920, 32760, 93024, 212520}, 6);
    if (p->storage == x->storage) fail_msg("expected a new tensor, got a view of x");
}

static void prod_dim_of_a_permuted_tensor_is_row_major(void **state) {
    (void)state;
    // arange(40).as_strided((2, 3, 4), (12, 4, 1), 5).permute(2, 0, 1)
    Tensor *t = strided_arange(40, SHAPE(4, 2, 3), INTS(1, 12, 4), 5);
    Tensor *p = EXPECT_TENSOR(prod_dim(t, 1, false));
    expect_layout_and_values(p, SHAPE(4, 3), INTS(3, 1), 0,
                             (float[]){85, 189, 325, 108, 220, 364, 133, 253, 405, 160, 288, 448},
                             12);
    p = EXPECT_TENSOR(prod_dim(t, 0, true));
    expect_layout_and_values(p, SHAPE(1, 2, 3), INTS(6, 3, 1), 0,
                             (float[]){1680, 11880, 43680, 116280, 255024, 491400}, 6);
    p = EXPECT_TENSOR(prod_dim(t, -1, false));
    expect_layout_and_values(p, SHAPE(4, 2), INTS(2, 1), 0,
                             (float[]){585, 8925, 840, 10296, 1155, 11799, 1536, 13440}, 8);
}

static void prod_dim_of_empty_and_0_dim_tensors(void **state) {
    (void)state;
    Tensor *e = strided_arange(1, SHAPE(2, 0), INTS(1, 1), 0);
    Tensor *p = EXPECT_TENSOR(prod_dim(e, 1, false));  // no factors: 1
    expect_layout_and_values(p, SHAPE(2), INTS(1), 0, (float[]){1, 1}, 2);
    p = EXPECT_TENSOR(prod_dim(e, 0, false));  // no outputs
    expect_layout_and_values(p, SHAPE(0), INTS(1), 0, NULL, 0);
    Tensor *s = strided_arange(8, SCALAR_SHAPE, SCALAR_SHAPE, 3);
    p = EXPECT_TENSOR(prod_dim(s, -1, true));
    expect_layout_and_values(p, SCALAR_SHAPE, SCALAR_SHAPE, 0, (float[]){3}, 1);
    if (p->storage == s->storage) fail_msg("expected a new tensor, got a view of the input");
}

static void prod_dim_errors(void **state) {
    (void)state;
    // Graded on the rule (a dim out of range is an IndexError), not the wording.
    Tensor *x = strided_arange(24, SHAPE(2, 3, 4), INTS(12, 4, 1), 0);
    EXPECT_REFUSED(prod_dim(x, 3, false), ERR_INDEX);
    EXPECT_REFUSED(prod_dim(x, -4, false), ERR_INDEX);
    Tensor *s = strided_arange(1, SCALAR_SHAPE, SCALAR_SHAPE, 0);
    EXPECT_REFUSED(prod_dim(s, 1, false), ERR_INDEX);
}

// ---- 5.3 pairwise_sq_distances --------------------------------------------------

static void pairwise_distances_of_points_in_the_plane(void **state) {
    (void)state;
    Tensor *x = keep_tensor(tensor_from_data((float[]){0, 1, 2, 3, 4, 5}, SHAPE(3, 2)));
    Tensor *y = keep_tensor(tensor_from_data((float[]){1, 1, 0, -2}, SHAPE(2, 2)));
    Tensor *p = EXPECT_TENSOR(pairwise_sq_distances(x, y));
    expect_layout_and_values(p, SHAPE(3, 2), INTS(2, 1), 0, (float[]){1, 9, 5, 29, 25, 65}, 6);
    if (p->storage == x->storage || p->storage == y->storage) {
        fail_msg("expected a new tensor, got a view of an input");
    }
}

static void pairwise_distances_of_strided_inputs(void **state) {
    (void)state;
    // x = arange(12).view(3, 4).t(): 4 points; y = rows 0 and 1 of
    // arange(12)[1:].view(2, 6)[:, ::2]: 2 points.
    Tensor *x = strided_arange(12, SHAPE(4, 3), INTS(1, 4), 0);
    Tensor *y = strided_arange(12, SHAPE(2, 3), INTS(6, 2), 1);
    Tensor *p = EXPECT_TENSOR(pairwise_sq_distances(x, y));
    expect_layout_and_values(p, SHAPE(4, 2), INTS(2, 1), 0,
                             (float[]){11, 83, 20, 56, 35, 35, 56, 20}, 8);
    // Points with no coordinates are all at distance 0.
    Tensor *a = strided_arange(1, SHAPE(2, 0), INTS(1, 1), 0);
    Tensor *b = strided_arange(1, SHAPE(3, 0), INTS(1, 1), 0);
    p = EXPECT_TENSOR(pairwise_sq_distances(a, b));
    expect_layout_and_values(p, SHAPE(2, 3), INTS(3, 1), 0, (float[]){0, 0, 0, 0, 0, 0}, 6);
}

static void pairwise_distances_errors(void **state) {
    (void)state;
    // Graded on the rule (refused, a RuntimeError), not the wording.
    Tensor *x = strided_arange(6, SHAPE(2, 3), INTS(3, 1), 0);
    Tensor *y = strided_arange(8, SHAPE(2, 4), INTS(4, 1), 0);
    Tensor *cube = strided_arange(8, SHAPE(2, 2, 2), INTS(4, 2, 1), 0);
    Tensor *row = strided_arange(3, SHAPE(3), INTS(1), 0);
    EXPECT_REFUSED(pairwise_sq_distances(x, y), ERR_RUNTIME);     // 3 columns, 4 columns
    EXPECT_REFUSED(pairwise_sq_distances(cube, row), ERR_RUNTIME);  // x is 3-D
    EXPECT_REFUSED(pairwise_sq_distances(x, row), ERR_RUNTIME);   // y is 1-D
    // One column against a wider y would broadcast, and mean nothing.
    Tensor *col = strided_arange(2, SHAPE(2, 1), INTS(1, 1), 0);
    EXPECT_REFUSED(pairwise_sq_distances(col, y), ERR_RUNTIME);
}

// ---- 5.4 shape_broadcast (src/iter.c) --------------------------------------------

// shape_broadcast(a, b) must succeed with `want`. (Each test starts with
// shapes that differ: the stub handles only equal ones.)
#define EXPECT_BROADCAST(a, b, want) expect_broadcast(a, b, want, "shape_broadcast(" #a ", " #b ")")
static void expect_broadcast(Shape a, Shape b, Shape want, const char *call) {
    int ndim = -1;
    int64_t out[MAX_DIMS];
    error_clear();
    int rc = shape_broadcast(a.len, a.at, b.len, b.at, &ndim, out);
    expect_implemented(call);
    assert_int_equal(rc, 0);
    assert_int_equal(ndim, want.len);
    for (int d = 0; d < ndim && d < MAX_DIMS; d++) assert_int_equal(out[d], want.at[d]);
}

static void broadcast_shapes_align_from_the_right(void **state) {
    (void)state;
    EXPECT_BROADCAST(SHAPE(4, 1), SHAPE(3), SHAPE(4, 3));
    EXPECT_BROADCAST(SHAPE(3), SHAPE(4, 1), SHAPE(4, 3));
    EXPECT_BROADCAST(SHAPE(2, 1, 5), SHAPE(3, 1), SHAPE(2, 3, 5));
    EXPECT_BROADCAST(SCALAR_SHAPE, SHAPE(2, 3), SHAPE(2, 3));
    EXPECT_BROADCAST(SHAPE(3, 4), SHAPE(3, 4), SHAPE(3, 4));
    // And the library's operations use it: a column plus a row.
    Tensor *col = strided_arange(3, SHAPE(3, 1), INTS(1, 1), 0);
    Tensor *row = strided_arange(4, SHAPE(4), INTS(1), 0);
    Tensor *sum = EXPECT_TENSOR(tensor_add(col, row));
    expect_layout_and_values(sum, SHAPE(3, 4), INTS(4, 1), 0,
                             (float[]){0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5}, 12);
}

static void broadcast_shapes_of_sizes_0_and_1(void **state) {
    (void)state;
    EXPECT_BROADCAST(SHAPE(1), SHAPE(0), SHAPE(0));  // a 1 stretches, even to 0
    EXPECT_BROADCAST(SHAPE(0, 1), SHAPE(5, 1, 3), SHAPE(5, 0, 3));
    EXPECT_BROADCAST(SHAPE(1, 1), SCALAR_SHAPE, SHAPE(1, 1));
    // The result may be written over one of the inputs.
    int64_t a[3] = {2, 1, 4};
    int ndim = -1;
    error_clear();
    int rc = shape_broadcast(3, a, 2, (int64_t[]){3, 1}, &ndim, a);
    expect_implemented("shape_broadcast(3, a, 2, {3, 1}, &ndim, a)");
    assert_int_equal(rc, 0);
    assert_int_equal(ndim, 3);
    assert_int_equal(a[0], 2);
    assert_int_equal(a[1], 3);
    assert_int_equal(a[2], 4);
}

static void broadcast_shapes_refuse_a_mismatch(void **state) {
    (void)state;
    // Graded on the rule (refused, a RuntimeError), not the wording.
    int ndim = -1;
    int64_t out[MAX_DIMS];
    error_clear();
    int rc = shape_broadcast(2, (int64_t[]){2, 3}, 2, (int64_t[]){2, 5}, &ndim, out);
    expect_implemented("shape_broadcast((2, 3), (2, 5))");
    assert_int_equal(rc, -1);
    assert_int_equal(error_kind(), ERR_RUNTIME);
    error_clear();
    rc = shape_broadcast(3, (int64_t[]){4, 3, 2}, 2, (int64_t[]){5, 2}, &ndim, out);
    expect_implemented("shape_broadcast((4, 3, 2), (5, 2))");
    assert_int_equal(rc, -1);
    assert_int_equal(error_kind(), ERR_RUNTIME);
    Tensor *x = strided_arange(6, SHAPE(2, 3), INTS(3, 1), 0);
    Tensor *y = strided_arange(10, SHAPE(2, 5), INTS(5, 1), 0);
    EXPECT_REFUSED(tensor_add(x, y), ERR_RUNTIME);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        EXERCISE_TEST(the_odometer_copies_a_transpose),
        EXERCISE_TEST(the_odometer_broadcasts_and_keeps_to_its_elements),
        EXERCISE_TEST(the_odometer_copies_scalars_and_nothing),
        EXERCISE_TEST(prod_dim_of_a_contiguous_tensor),
        EXERCISE_TEST(prod_dim_of_a_permuted_tensor_is_row_major),
        EXERCISE_TEST(prod_dim_of_empty_and_0_dim_tensors),
        EXERCISE_TEST(prod_dim_errors),
        EXERCISE_TEST(pairwise_distances_of_points_in_the_plane),
        EXERCISE_TEST(pairwise_distances_of_strided_inputs),
        EXERCISE_TEST(pairwise_distances_errors),
        EXERCISE_TEST(broadcast_shapes_align_from_the_right),
        EXERCISE_TEST(broadcast_shapes_of_sizes_0_and_1),
        EXERCISE_TEST(broadcast_shapes_refuse_a_mismatch),
    };
    return run_suite(&(TestSuite){.group = "chapter 5 exercises", TEST_LIST(tests)});
}
