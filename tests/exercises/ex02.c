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

static void expect_index_error(int rc, const char *call, const char *message) {
    expect_implemented(call);
    if (rc != -1) fail_msg("%s: expected -1 and \"%s\", got %d", call, message, rc);
    assert_error_message(message);
}

static void out_of_range_indices_are_index_errors(void **state) {
    (void)state;
    Tensor *m = strided_arange(12, SHAPE(3, 4), INTS(4, 1), 0);
    float v = 42.0f;
    error_clear();
    expect_index_error(tensor_get(m, INDEX(3, 0), &v), "tensor_get(m, INDEX(3, 0), &v)",
                       "index 3 is out of bounds for dimension 0 with size 3");
    expect_index_error(tensor_get(m, INDEX(-4, 0), &v), "tensor_get(m, INDEX(-4, 0), &v)",
                       "index -4 is out of bounds for dimension 0 with size 3");
    expect_index_error(tensor_set(m, INDEX(0, -5), 1.0f), "tensor_set(m, INDEX(0, -5), 1)",
                       "index -5 is out of bounds for dimension 1 with size 4");
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
    EXPECT_ERROR(diagonal_view(x), "diagonal: expected a 2-D tensor, but got a 3-D tensor");
    Tensor *v = strided_arange(3, SHAPE(3), INTS(1), 0);
    EXPECT_ERROR(diagonal_view(v), "diagonal: expected a 2-D tensor, but got a 1-D tensor");
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
    EXPECT_ERROR(permute_by_hand(other),
                 "permute_by_hand: expected a contiguous (2, 3, 4) tensor");
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
    };
    return run_suite(&(TestSuite){.group = "chapter 2 exercises", TEST_LIST(tests)});
}
