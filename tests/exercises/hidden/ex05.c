// Hidden tests of the chapter 5 exercises: left out of the student
// release; the grader runs them (grading/rubric.txt).
#include "../../../chapters/05-walking/exercises.h"
#include "../exercise_asserts.h"

static void prod_dim_of_broadcast_and_size_1_dims(void **state) {
    (void)state;
    // arange(5)[1:].expand(3, 4): every row is 1, 2, 3, 4 (stride 0 down).
    Tensor *x = strided_arange(5, SHAPE(3, 4), INTS(0, 1), 1);
    Tensor *p = EXPECT_TENSOR(prod_dim(x, 0, false));
    expect_layout_and_values(p, SHAPE(4), INTS(1), 0, (float[]){1, 8, 27, 64}, 4);
    // Over a size-1 dim: the elements themselves, in a new tensor.
    Tensor *y = strided_arange(6, SHAPE(2, 1, 3), INTS(3, 3, 1), 0);
    p = EXPECT_TENSOR(prod_dim(y, 1, true));
    expect_layout_and_values(p, SHAPE(2, 1, 3), INTS(3, 3, 1), 0, (float[]){0, 1, 2, 3, 4, 5},
                             6);
    assert_ptr_not_equal(p->storage, y->storage);  // a new tensor, not a view
}

static void pairwise_distances_of_an_expanded_input(void **state) {
    (void)state;
    // Three copies of the point (1, 2) (stride 0 down), against (1, 2) and (4, 6).
    Tensor *x = strided_arange(3, SHAPE(3, 2), INTS(0, 1), 1);
    Tensor *y = keep_tensor(tensor_from_data((float[]){1, 2, 4, 6}, SHAPE(2, 2)));
    Tensor *p = EXPECT_TENSOR(pairwise_sq_distances(x, y));
    expect_layout_and_values(p, SHAPE(3, 2), INTS(2, 1), 0, (float[]){0, 25, 0, 25, 0, 25}, 6);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        EXERCISE_TEST(prod_dim_of_broadcast_and_size_1_dims),
        EXERCISE_TEST(pairwise_distances_of_an_expanded_input),
    };
    return run_suite(&(TestSuite){.group = "chapter 5 hidden exercises", TEST_LIST(tests)});
}
