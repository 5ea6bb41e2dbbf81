// Hidden tests of the chapter 6 exercises: left out of the student
// release; the grader runs them (grading/rubric.txt).
#include <math.h>

#include "../../../chapters/06-functional/exercises.h"
#include "../exercise_asserts.h"
#include "functional.h"
#include "views.h"

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
    // A 0-dim input has no last dim to normalize: refused (the kind, not the words).
    Tensor *refused = F_layer_norm(s, 1, NULL, NULL, 1e-5);
    keep_tensor(refused);
    expect_implemented("F_layer_norm(s, 1, NULL, NULL, 1e-5)");
    assert_null(refused);
    assert_int_equal(error_kind(), ERR_RUNTIME);
}

// ---- 6.4 F_linear: randomized cases from PyTorch (gen_ex06.py) -------------------

// A tensor over a storage of these values, seen through this layout.
static Tensor *strided_input(const float *storage, int64_t n, Shape shape, IntList strides,
                             int64_t offset) {
    Tensor *base = tensor_from_data(storage, SHAPE(n));
    Tensor *t = base != NULL ? tensor_as_strided(base, shape, strides, offset) : NULL;
    tensor_free(base);
    assert_non_null(t);
    return t;
}

#define STRIDED(values, n, shape, strides, offset) strided_input(values, n, shape, strides, offset)
#define NO_BIAS NULL
// One case: the inputs are made here, PyTorch's answer only reaches the checks.
#define LINEAR_CASE(x_, w_, b_, shape, strides, values, n)                 \
    {                                                                      \
        Tensor *x = x_, *w = w_, *b = b_;                                  \
        Tensor *y = EXPECT_TENSOR(F_linear(x, w, b));                      \
        assert_layout(y, shape, strides, 0);                               \
        assert_values_near(y, 1e-5, values, n);                            \
        tensor_free(b);                                                    \
        tensor_free(w);                                                    \
        tensor_free(x);                                                    \
    }

static void linear_of_random_layouts_matches_pytorch(void **state) {
    (void)state;
#include "ex06_linear_cases.h"
}

int main(void) {
    const struct CMUnitTest tests[] = {
        EXERCISE_TEST(layer_norm_of_expanded_and_empty_inputs),
        EXERCISE_TEST(linear_of_random_layouts_matches_pytorch),
    };
    return run_suite(&(TestSuite){.group = "chapter 6 hidden exercises", TEST_LIST(tests)});
}
