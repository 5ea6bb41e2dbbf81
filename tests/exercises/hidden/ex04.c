// Hidden tests of the chapter 4 exercises: left out of the student
// release; the grader runs them (grading/rubric.txt).
#include "../../../chapters/04-views/exercises.h"
#include "../exercise_asserts.h"
#include "views.h"

static void unfold_edge_sizes(void **state) {
    (void)state;
    // arange(10)[::2]: 0, 2, 4, 6, 8
    Tensor *x = strided_arange(10, SHAPE(5), INTS(2), 0);
    Tensor *y = EXPECT_TENSOR(unfold_view(x, 0, 5, 1));  // one window, the whole tensor
    expect_view(y, x, SHAPE(1, 5), INTS(2, 2), 0, (float[]){0, 2, 4, 6, 8}, 5);
    y = EXPECT_TENSOR(unfold_view(x, 0, 0, 2));  // empty windows
    expect_view(y, x, SHAPE(3, 0), INTS(4, 2), 0, NULL, 0);
    // A (3, 2, 5) tensor with strides (1, 3, 6), windows of 3 by 2 on dim 2.
    Tensor *p = strided_arange(30, SHAPE(3, 2, 5), INTS(1, 3, 6), 0);
    y = EXPECT_TENSOR(unfold_view(p, 2, 3, 2));
    expect_view(y, p, SHAPE(3, 2, 2, 3), INTS(1, 3, 12, 6), 0,
                (float[]){0, 6,  12, 12, 18, 24, 3, 9,  15, 15, 21, 27,
                          1, 7,  13, 13, 19, 25, 4, 10, 16, 16, 22, 28,
                          2, 8,  14, 14, 20, 26, 5, 11, 17, 17, 23, 29}, 36);
}

static void diagonal_of_the_first_and_last_dims(void **state) {
    (void)state;
    // arange(40).as_strided((2, 3, 4), (12, 4, 1), 5).diagonal(-1, 2, 0)
    Tensor *x = strided_arange(40, SHAPE(2, 3, 4), INTS(12, 4, 1), 5);
    Tensor *y = EXPECT_TENSOR(diagonal_of(x, -1, 2, 0));
    expect_view(y, x, SHAPE(3, 2), INTS(4, 13), 6, (float[]){6, 19, 10, 23, 14, 27}, 6);
    EXPECT_ERROR(diagonal_of(x, 0, 2, -1), "diagonal dimensions cannot be identical 2, -1");
}

// ---- 4.4 expand: random layouts and sizes, answers from PyTorch ------------------

// The answers are in the sanitized test only; the grader's probe program
// holds the inputs and records what tensor_expand() made.
#ifdef STRIDES_PROBE
#define ANSWER(...)
#else
#define ANSWER(...) __VA_ARGS__
#endif

typedef struct ExpandCase {
    int     ndim;
    int64_t sizes[MAX_DIMS], strides[MAX_DIMS], offset, storage;
    int     count;
    int64_t target[MAX_DIMS];
#ifndef STRIDES_PROBE
    bool    expands;
    int64_t shape[MAX_DIMS], stride[MAX_DIMS];
#endif
} ExpandCase;

static const ExpandCase expand_cases[] = {
#include "ex04_cases.h"
};

static void expand_of_random_layouts(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof expand_cases / sizeof expand_cases[0]; i++) {
        const ExpandCase *c = &expand_cases[i];
        Tensor *x = arange_strided(c->storage, c->ndim, c->sizes, c->strides, c->offset);
        assert_non_null(x);
        Tensor *e = tensor_expand(x, intlist_of(c->target, (size_t)c->count));
        expect_implemented("tensor_expand");
        // Copied out, and both freed, before any check: none may leak.
        bool expands = e != NULL;
        int64_t shape[MAX_DIMS] = {0}, stride[MAX_DIMS] = {0}, offset = -1;
        if (expands) {
            for (int d = 0; d < e->ndim; d++) shape[d] = e->shape[d], stride[d] = e->stride[d];
            offset = e->offset;
        }
        tensor_free(e);
        tensor_free(x);
        assert_int_equal(expands, c->expands);
        for (int d = 0; expands && d < c->count; d++) {
            assert_int_equal(shape[d], c->shape[d]);
            assert_int_equal(stride[d], c->stride[d]);
        }
        if (expands) assert_int_equal(offset, c->offset);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        EXERCISE_TEST(unfold_edge_sizes),
        EXERCISE_TEST(diagonal_of_the_first_and_last_dims),
        EXERCISE_TEST(expand_of_random_layouts),
    };
    return run_suite(&(TestSuite){.group = "chapter 4 hidden exercises", TEST_LIST(tests)});
}
