// Hidden tests of the chapter 3 exercises: left out of the student
// release; the grader runs them (grading/rubric.txt).
#include "../../../chapters/03-view/exercises.h"
#include "../exercise_asserts.h"

static void image_patches_of_a_transposed_image(void **state) {
    (void)state;
    // arange(24).view(4, 6).t(): a (6, 4) image with strides (1, 6).
    Tensor *img = strided_arange(24, SHAPE(6, 4), INTS(1, 6), 0);
    Tensor *p = EXPECT_TENSOR(image_patches(img, 2));
    expect_view(p, img, SHAPE(3, 2, 2, 2), INTS(2, 12, 1, 6), 0,
                (float[]){0, 6, 1, 7, 12, 18, 13, 19, 2, 8, 3, 9,
                          14, 20, 15, 21, 4, 10, 5, 11, 16, 22, 17, 23}, 24);
}

static void sliding_window_as_wide_as_the_tensor(void **state) {
    (void)state;
    Tensor *x = strided_arange(10, SHAPE(3), INTS(3), 1);  // 1, 4, 7
    Tensor *w = EXPECT_TENSOR(sliding_window(x, 3));
    expect_view(w, x, SHAPE(1, 3), INTS(3, 3), 1, (float[]){1, 4, 7}, 3);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        EXERCISE_TEST(image_patches_of_a_transposed_image),
        EXERCISE_TEST(sliding_window_as_wide_as_the_tensor),
    };
    return run_suite(&(TestSuite){.group = "chapter 3 hidden exercises", TEST_LIST(tests)});
}
