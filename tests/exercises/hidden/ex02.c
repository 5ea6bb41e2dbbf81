// Hidden tests of the chapter 2 exercises: left out of the student
// release; the grader runs them (grading/rubric.txt).
#include "../../../chapters/02-tensor/exercises.h"
#include "../exercise_asserts.h"

// Exercise 2.4 against PyTorch: tests/golden/ex02.txt holds random shapes
// with the strides torch.empty gives them, and random strided tensors with
// the storage index of a random element (gen_ex02.py).
static void check_strides_case(const GoldenCase *c) {
    int64_t shape[MAX_DIMS], want[MAX_DIMS], got[MAX_DIMS];
    int ndim = golden_ints(c->field[2], shape, MAX_DIMS);
    assert_int_equal(golden_ints(c->field[3], want, MAX_DIMS), ndim);
    for (int d = 0; d < MAX_DIMS; d++) got[d] = -99;
    error_clear();
    shape_contiguous_strides(ndim, shape, got);
    expect_implemented("shape_contiguous_strides");
    for (int d = 0; d < ndim; d++) {
#ifdef STRIDES_PROBE
        assert_int_equal(got[d], want[d]);  // the grader records the value
#else
        if (got[d] != want[d]) {
            fail_msg("%s: strides of shape (%s): dim %d expected %lld, got %lld",
                     c->field[0], c->field[2], d, (long long)want[d], (long long)got[d]);
        }
#endif
    }
}

static void check_index_case(const GoldenCase *c) {
    int64_t shape[MAX_DIMS], strides[MAX_DIMS], index[MAX_DIMS];
    int ndim = golden_ints(c->field[2], shape, MAX_DIMS);
    assert_int_equal(golden_ints(c->field[3], strides, MAX_DIMS), ndim);
    assert_int_equal(golden_ints(c->field[5], index, MAX_DIMS), ndim);
    int64_t offset = strtoll(c->field[4], NULL, 10), want = strtoll(c->field[6], NULL, 10);
    Storage *s = storage_new(want + 1);
    if (s == NULL) fail_msg("storage_new: %s", error_message());
    Tensor *t = keep_tensor(tensor_on(s, offset, ndim, shape, strides));
    storage_release(s);
    if (t == NULL) fail_msg("tensor_on: %s", error_message());
    error_clear();
    int64_t got = tensor_storage_index(t, index);
    expect_implemented("tensor_storage_index");
#ifdef STRIDES_PROBE
    assert_int_equal(got, want);  // the grader records the value
#else
    if (got != want) {
        fail_msg("%s: shape (%s), strides (%s), offset %lld, element (%s): expected "
                 "storage index %lld, got %lld", c->field[0], c->field[2], c->field[3],
                 (long long)offset, c->field[5], (long long)want, (long long)got);
    }
#endif
}

static void strides_and_address_match_pytorch_on_random_tensors(void **state) {
    (void)state;
    Golden g;
    if (golden_load(&g, "ex02.txt") < 0) fail_msg("cannot read tests/golden/ex02.txt");
    for (int i = 0; i < g.count; i++) {
        GoldenCase *c = &g.cases[i];
        if (c->nfields != 7) fail_msg("ex02.txt:%d: expected 7 fields", c->line);
        if (strcmp(c->field[1], "strides") == 0) check_strides_case(c);
        else check_index_case(c);
        release_kept(NULL);
    }
    golden_free(&g);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        EXERCISE_TEST(strides_and_address_match_pytorch_on_random_tensors),
    };
    return run_suite(&(TestSuite){.group = "chapter 2 hidden exercises", TEST_LIST(tests)});
}
