// Tests of the chapter 2 exercises (chapters/02-tensor/README.md,
// "Exercises"). Points are in grading/rubric.txt.
#include "../../chapters/02-tensor/exercises.h"
#include "exercise_asserts.h"

// ---- 2.1 negative indices and IndexError (src/tensor.c, check_index) -----------

static void get_and_set_wrap_negative_indices(void **state) {
    (void)state;
    Tensor *m = strided_arange(12, SHAPE(3, 4), INTS(4, 1), 0);
    float v = -100.0f;
    error_clear();
    int rc = tensor_get(m, INDEX(-1, -1), &v);
    expect_implemented("tensor_get(m, INDEX(-1, -1), &v)");
    if (rc != 0) fail_msg("tensor_get(m, INDEX(-1, -1)) failed: %s", error_message());
    if (v != 11.0f) fail_msg("m[-1, -1]: expected 11 (the last element), got %g", (double)v);
    assert_int_equal(tensor_get(m, INDEX(-3, 1), &v), 0);
    if (v != 1.0f) fail_msg("m[-3, 1]: expected 1 (row 0), got %g", (double)v);
    assert_int_equal(tensor_set(m, INDEX(-1, 0), 99.0f), 0);
    if (m->storage->data[8] != 99.0f) {
        fail_msg("m[-1, 0] = 99 should write storage element 8 (row 2, column 0)");
    }
}

static void negative_indices_respect_strides_and_offset(void **state) {
    (void)state;
    // A (3, 2) transpose-like view at offset 5: element (i, j) at 5 + i + 8j.
    Tensor *t = strided_arange(24, SHAPE(3, 2), INTS(1, 8), 5);
    float v;
    error_clear();
    int rc = tensor_get(t, INDEX(-1, -2), &v);
    expect_implemented("tensor_get(t, INDEX(-1, -2), &v)");
    if (rc != 0) fail_msg("tensor_get(t, INDEX(-1, -2)) failed: %s", error_message());
    if (v != 7.0f) fail_msg("t[-1, -2] is t[2, 0] at storage 7: expected 7, got %g", (double)v);
}

// -1 and an IndexError: the grade is on the rule, not on the wording.
static void expect_index_error(int rc, const char *call) {
    expect_implemented(call);
    if (rc != -1) fail_msg("%s: expected -1 (an IndexError), got %d", call, rc);
    assert_int_equal(error_kind(), ERR_INDEX);
}

static void out_of_range_indices_are_index_errors(void **state) {
    (void)state;
    Tensor *m = strided_arange(12, SHAPE(3, 4), INTS(4, 1), 0);
    float v = 42.0f;
    error_clear();
    expect_index_error(tensor_get(m, INDEX(3, 0), &v), "tensor_get(m, INDEX(3, 0), &v)");
    expect_index_error(tensor_get(m, INDEX(-4, 0), &v), "tensor_get(m, INDEX(-4, 0), &v)");
    expect_index_error(tensor_set(m, INDEX(0, -5), 1.0f), "tensor_set(m, INDEX(0, -5), 1)");
    if (v != 42.0f) fail_msg("a failed tensor_get must leave *value alone");
    for (int i = 0; i < 12; i++) {
        if (m->storage->data[i] != (float)i) fail_msg("a failed tensor_set wrote memory");
    }
}

// ---- 2.2 diagonal_view ----------------------------------------------------------

static void diagonal_of_a_square_matrix(void **state) {
    (void)state;
    Tensor *m = strided_arange(9, SHAPE(3, 3), INTS(3, 1), 0);
    Tensor *d = EXPECT_TENSOR(diagonal_view(m));
    expect_view(d, m, SHAPE(3), INTS(4), 0, (float[]){0, 4, 8}, 3);
}

static void diagonal_of_strided_wide_and_tall_matrices(void **state) {
    (void)state;
    // A (3, 4) matrix read column-major from offset 3: m[i, j] sits at
    // 3 + i + 5j (strides (1, 5)), like a transposed slice.
    Tensor *m = strided_arange(24, SHAPE(3, 4), INTS(1, 5), 3);
    Tensor *d = EXPECT_TENSOR(diagonal_view(m));
    expect_view(d, m, SHAPE(3), INTS(6), 3, (float[]){3, 9, 15}, 3);
    // Writing through the diagonal shows in the matrix.
    assert_int_equal(tensor_set(d, INDEX(1), -1.0f), 0);
    float v;
    assert_int_equal(tensor_get(m, INDEX(1, 1), &v), 0);
    if (v != -1.0f) fail_msg("d[1] = -1 should show as m[1, 1], which is %g", (double)v);

    Tensor *tall = strided_arange(10, SHAPE(5, 2), INTS(2, 1), 0);
    Tensor *dt = EXPECT_TENSOR(diagonal_view(tall));
    expect_view(dt, tall, SHAPE(2), INTS(3), 0, (float[]){0, 3}, 2);
}

static void diagonal_needs_two_dimensions(void **state) {
    (void)state;
    Tensor *x = strided_arange(24, SHAPE(2, 3, 4), INTS(12, 4, 1), 0);
    EXPECT_REFUSED(diagonal_view(x), ERR_RUNTIME);
    Tensor *v = strided_arange(3, SHAPE(3), INTS(1), 0);
    EXPECT_REFUSED(diagonal_view(v), ERR_RUNTIME);
}

// ---- 2.3 permute_by_hand --------------------------------------------------------

// x.permute(2, 0, 1) of arange(24).view(2, 3, 4), from PyTorch.
static const float PERMUTED[24] = {0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21,
                                   2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23};

static void permute_by_hand_of_arange(void **state) {
    (void)state;
    Tensor *x = strided_arange(24, SHAPE(2, 3, 4), INTS(12, 4, 1), 0);
    Tensor *y = EXPECT_TENSOR(permute_by_hand(x));
    expect_view(y, x, SHAPE(4, 2, 3), INTS(1, 12, 4), 0, PERMUTED, 24);
}

static void permute_by_hand_keeps_the_offset(void **state) {
    (void)state;
    Tensor *x = strided_arange(30, SHAPE(2, 3, 4), INTS(12, 4, 1), 6);
    Tensor *y = EXPECT_TENSOR(permute_by_hand(x));
    float shifted[24];
    for (int i = 0; i < 24; i++) shifted[i] = PERMUTED[i] + 6;
    expect_view(y, x, SHAPE(4, 2, 3), INTS(1, 12, 4), 6, shifted, 24);
    Tensor *other = strided_arange(24, SHAPE(4, 3, 2), INTS(6, 2, 1), 0);
    EXPECT_REFUSED(permute_by_hand(other), ERR_RUNTIME);
}

// ---- 2.4 row-major strides and the element address (src/tensor.c) ---------------

// shape_contiguous_strides(shape) must give exactly `want` (PyTorch's).
static void expect_contiguous_strides(Shape shape, IntList want) {
    int64_t got[MAX_DIMS];
    for (int d = 0; d < MAX_DIMS; d++) got[d] = -99;
    error_clear();
    shape_contiguous_strides(shape.len, shape.at, got);
    expect_implemented("shape_contiguous_strides");
    for (int d = 0; d < shape.len; d++) {
#ifdef STRIDES_PROBE
        assert_int_equal(got[d], want.at[d]);  // the grader records the value
#else
        if (got[d] != want.at[d]) {
            fail_msg("strides of a fresh tensor of %d dims: dim %d expected %lld, got %lld",
                     shape.len, d, (long long)want.at[d], (long long)got[d]);
        }
#endif
    }
}

static void contiguous_strides_are_row_major(void **state) {
    (void)state;
    expect_contiguous_strides(SHAPE(2, 3, 4), INTS(12, 4, 1));
    expect_contiguous_strides(SHAPE(5), INTS(1));
    expect_contiguous_strides(SHAPE(3, 1, 2), INTS(2, 2, 1));
    expect_contiguous_strides(SHAPE(2, 2, 2, 2, 2), INTS(16, 8, 4, 2, 1));
    expect_contiguous_strides(SCALAR_SHAPE, SCALAR_SHAPE);
}

static void contiguous_strides_skip_empty_dimensions(void **state) {
    (void)state;
    // PyTorch: torch.empty(2, 0, 3).stride() == (3, 3, 1).
    expect_contiguous_strides(SHAPE(2, 0, 3), INTS(3, 3, 1));
    expect_contiguous_strides(SHAPE(0, 4), INTS(4, 1));
    expect_contiguous_strides(SHAPE(4, 0), INTS(1, 1));
}

// A tensor of `shape` and `strides` at `offset` over a fresh storage.
static Tensor *tensor_over(int64_t storage_size, Shape shape, IntList strides,
                           int64_t offset) {
    Storage *s = storage_new(storage_size);
    if (s == NULL) fail_msg("storage_new: %s", error_message());
    Tensor *t = keep_tensor(tensor_on(s, offset, shape.len, shape.at, strides.at));
    storage_release(s);  // the tensor holds its own reference
    if (t == NULL) fail_msg("tensor_on: %s", error_message());
    return t;
}

static void expect_storage_index(const Tensor *t, Index index, int64_t want) {
    error_clear();
    int64_t got = tensor_storage_index(t, index.at);
    expect_implemented("tensor_storage_index");
#ifdef STRIDES_PROBE
    assert_int_equal(got, want);  // the grader records the value
#else
    if (got != want) {
        fail_msg("storage index of element %lld%s of a %d-dim tensor at offset %lld: "
                 "expected %lld, got %lld", index.len ? (long long)index.at[0] : 0LL,
                 index.len > 1 ? ", ..." : "", t->ndim, (long long)t->offset,
                 (long long)want, (long long)got);
    }
#endif
}

static void storage_index_of_a_fresh_tensor(void **state) {
    (void)state;
    Tensor *x = tensor_over(24, SHAPE(2, 3, 4), INTS(12, 4, 1), 0);
    expect_storage_index(x, INDEX(0, 0, 0), 0);
    expect_storage_index(x, INDEX(0, 1, 2), 6);
    expect_storage_index(x, INDEX(1, 2, 3), 23);
    expect_storage_index(x, INDEX(1, 0, 1), 13);
}

static void storage_index_follows_strides_and_offset(void **state) {
    (void)state;
    // x.t() of a (3, 4) at offset 5: element (i, j) at 5 + i + 4j.
    Tensor *t = tensor_over(17, SHAPE(4, 3), INTS(1, 4), 5);
    expect_storage_index(t, INDEX(0, 0), 5);
    expect_storage_index(t, INDEX(3, 2), 16);
    expect_storage_index(t, INDEX(1, 2), 14);
    // A stride of 0 (an expanded row): every row reads the same cells.
    Tensor *e = tensor_over(8, SHAPE(3, 4), INTS(0, 1), 2);
    expect_storage_index(e, INDEX(2, 3), 5);
    expect_storage_index(e, INDEX(0, 3), 5);
}

static void storage_index_of_a_scalar_is_its_offset(void **state) {
    (void)state;
    Tensor *t = tensor_over(10, SCALAR_SHAPE, SCALAR_SHAPE, 7);
    int64_t none[1] = {0};
    error_clear();
    int64_t got = tensor_storage_index(t, none);
    expect_implemented("tensor_storage_index");
    assert_int_equal(got, 7);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        EXERCISE_TEST(get_and_set_wrap_negative_indices),
        EXERCISE_TEST(negative_indices_respect_strides_and_offset),
        EXERCISE_TEST(out_of_range_indices_are_index_errors),
        EXERCISE_TEST(diagonal_of_a_square_matrix),
        EXERCISE_TEST(diagonal_of_strided_wide_and_tall_matrices),
        EXERCISE_TEST(diagonal_needs_two_dimensions),
        EXERCISE_TEST(permute_by_hand_of_arange),
        EXERCISE_TEST(permute_by_hand_keeps_the_offset),
        EXERCISE_TEST(contiguous_strides_are_row_major),
        EXERCISE_TEST(contiguous_strides_skip_empty_dimensions),
        EXERCISE_TEST(storage_index_of_a_fresh_tensor),
        EXERCISE_TEST(storage_index_follows_strides_and_offset),
        EXERCISE_TEST(storage_index_of_a_scalar_is_its_offset),
    };
    return run_suite(&(TestSuite){.group = "chapter 2 exercises", TEST_LIST(tests)});
}
