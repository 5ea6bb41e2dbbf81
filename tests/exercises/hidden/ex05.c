// Hidden tests of the chapter 5 exercises: left out of the student
// release; the grader runs them (grading/rubric.txt).
#include "../../../chapters/05-walking/exercises.h"
#include "../exercise_asserts.h"
#include "iter.h"
#include "views.h"

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

// ---- 5.1 the odometer copy: randomized cases from PyTorch (gen_ex05.py) --------

typedef struct Layout {
    int64_t storage;  // floats in the storage
    Shape   shape;
    IntList strides;
    int64_t offset;
} Layout;
#define LAYOUT(storage, shape, strides, offset) ((Layout){storage, shape, strides, offset})

// dst (its storage all -1) <- src (over arange), copied by `method`; then
// every element of dst's storage, gaps included, against PyTorch's.
static void copy_case(CopyMethod method, Layout d, Layout s, const char *call,
                      Tensor **storage_out) {
    Tensor *dst = arange_strided(d.storage, d.shape.len, d.shape.at, d.strides.at, d.offset);
    Tensor *src = arange_strided(s.storage, s.shape.len, s.shape.at, s.strides.at, s.offset);
    assert_non_null(dst);
    assert_non_null(src);
    for (int64_t i = 0; i < d.storage; i++) dst->storage->data[i] = -1.0f;
    error_clear();
    tensor_copy_with(method, dst, src);
    expect_implemented(call);
    *storage_out = tensor_as_strided(dst, SHAPE(d.storage), INTS(1), 0);
    tensor_free(src);
    tensor_free(dst);
    assert_non_null(*storage_out);
}

// One case; PyTorch's answer only reaches the check. (The coalesced walk
// uses the same loop after merging dims: the visible tests cover it.)
#define COPY_CASE(dst, src, n, values)                                                \
    {                                                                                 \
        Tensor *storage = NULL;                                                       \
        copy_case(COPY_ODOMETER, dst, src, "tensor_copy_with(COPY_ODOMETER, dst, src)", \
                  &storage);                                                          \
        assert_values(storage, values, n);                                            \
        tensor_free(storage);                                                         \
    }

static void the_odometer_copies_random_layouts_as_pytorch_does(void **state) {
    (void)state;
#include "ex05_cases.h"
}

// ---- 5.4 shape_broadcast: randomized pairs from torch.broadcast_shapes -------------

// One pair; PyTorch's answer only reaches the checks.
#define BROADCAST_CASE(a, b, want_rc, want)                                          \
    {                                                                                \
        Shape sa = a, sb = b;                                                        \
        int ndim = -1;                                                               \
        int64_t out[MAX_DIMS];                                                       \
        error_clear();                                                               \
        int rc = shape_broadcast(sa.len, sa.at, sb.len, sb.at, &ndim, out);          \
        expect_implemented("shape_broadcast(a, b)");                                 \
        assert_int_equal(rc, want_rc);                                               \
        if (rc == 0) {                                                               \
            assert_int_equal(ndim, (want).len);                                      \
            for (int d = 0; d < ndim && d < MAX_DIMS; d++) {                          \
                assert_int_equal(out[d], (want).at[d]);                              \
            }                                                                        \
        } else {                                                                     \
            assert_int_equal(error_kind(), ERR_RUNTIME);                             \
        }                                                                            \
    }

static void broadcast_shapes_of_random_pairs_as_pytorch_does(void **state) {
    (void)state;
#include "ex05_cases.h"
}

int main(void) {
    const struct CMUnitTest tests[] = {
        EXERCISE_TEST(prod_dim_of_broadcast_and_size_1_dims),
        EXERCISE_TEST(pairwise_distances_of_an_expanded_input),
        EXERCISE_TEST(the_odometer_copies_random_layouts_as_pytorch_does),
        EXERCISE_TEST(broadcast_shapes_of_random_pairs_as_pytorch_does),
    };
    return run_suite(&(TestSuite){.group = "chapter 5 hidden exercises", TEST_LIST(tests)});
}
