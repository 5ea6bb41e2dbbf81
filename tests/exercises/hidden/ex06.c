// Hidden tests of the chapter 6 exercises: left out of the student
// release; the grader runs them (grading/rubric.txt).
#include <math.h>

#include "../../../chapters/06-functional/exercises.h"
#include "../exercise_asserts.h"

static void layer_norm_of_expanded_and_empty_inputs(void **state) {
    (void)state;
    // arange(5)[1:].expand(3, 4): three rows 1, 2, 3, 4 in 4 floats.
    Tensor *x = strided_arange(5, SHAPE(3, 4), INTS(0, 1), 1);
    Tensor *y = EXPECT_TENSOR(F_layer_norm(x, 4, NULL, NULL, 1e-5));
    assert_layout(y, SHAPE(3, 4), INTS(4, 1), 0);
    assert_values_near(y, 1e-5,
                       (float[]){-1.34163547f, -0.447211862f, 0.447211802f, 1.34163547f,
                                 -1.34163547f, -0.447211862f, 0.447211802f, 1.34163547f,
                                 -1.34163547f, -0.447211862f, 0.447211802f, 1.34163547f}, 12);
    // No rows at all: an empty result of the same shape.
    Tensor *e = strided_arange(1, SHAPE(0, 4), INTS(4, 1), 0);
    y = EXPECT_TENSOR(F_layer_norm(e, 4, NULL, NULL, 1e-5));
    assert_layout(y, SHAPE(0, 4), INTS(4, 1), 0);
    Tensor *s = strided_arange(1, SCALAR_SHAPE, SCALAR_SHAPE, 0);
    EXPECT_ERROR(F_layer_norm(s, 1, NULL, NULL, 1e-5),
                 "Given normalized_shape=[1], expected input with shape [*, 1], but got input "
                 "of size[]");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        EXERCISE_TEST(layer_norm_of_expanded_and_empty_inputs),
    };
    return run_suite(&(TestSuite){.group = "chapter 6 hidden exercises", TEST_LIST(tests)});
}
