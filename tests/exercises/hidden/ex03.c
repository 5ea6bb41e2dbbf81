// Hidden tests of the chapter 3 exercises: left out of the student
// release; the grader runs them (grading/rubric.txt).
#include "../../../chapters/03-view/exercises.h"
#include "../exercise_asserts.h"
#include "view.h"

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

// ---- 3.4 view_chunks and view_plan: random layouts, answers from PyTorch -----------

// The answers are in the sanitized test only; the grader's probe program
// holds the inputs and records what view_strides() says.
#ifdef STRIDES_PROBE
#define ANSWER(...)
#else
#define ANSWER(...) __VA_ARGS__
#endif

typedef struct ViewCase {
    int     ndim;
    int64_t sizes[MAX_DIMS], strides[MAX_DIMS], offset, storage;
    int     new_ndim;
    int64_t new_sizes[MAX_DIMS];
#ifndef STRIDES_PROBE
    bool    exists;
    int64_t want[MAX_DIMS];
#endif
} ViewCase;

static const ViewCase view_cases[] = {
#include "ex03_cases.h"
};

static void view_strides_of_random_layouts(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof view_cases / sizeof view_cases[0]; i++) {
        const ViewCase *c = &view_cases[i];
        Tensor *x = arange_strided(c->storage, c->ndim, c->sizes, c->strides, c->offset);
        assert_non_null(x);
        int64_t strides[MAX_DIMS];
        bool exists = view_strides(x, c->new_ndim, c->new_sizes, strides);
        tensor_free(x);  // before any check: 200 cases, and none may leak
        expect_implemented("view_strides");
        assert_int_equal(exists, c->exists);
        for (int d = 0; exists && d < c->new_ndim; d++) {
            assert_int_equal(strides[d], c->want[d]);
        }
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        EXERCISE_TEST(image_patches_of_a_transposed_image),
        EXERCISE_TEST(sliding_window_as_wide_as_the_tensor),
        EXERCISE_TEST(view_strides_of_random_layouts),
    };
    return run_suite(&(TestSuite){.group = "chapter 3 hidden exercises", TEST_LIST(tests)});
}
