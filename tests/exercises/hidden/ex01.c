// Hidden tests of the chapter 1 exercises: left out of the student
// release; the grader runs them (grading/rubric.txt).
#include "../../../chapters/01-storage/exercises.h"
#include "../exercise_core.h"

// Exercise 1.1 against PyTorch: tests/golden/ex01.txt holds random sizes,
// each with what torch.zeros(size) did (gen_ex01.py).
static void check_size_case(const GoldenCase *c) {
    int64_t size = strtoll(c->field[1], NULL, 10);
    bool ok = strcmp(c->field[2], "ok") == 0;
    error_clear();
    Storage *s = storage_new(size);
    expect_implemented("storage_new");
    if (!ok) {
        if (s != NULL) {
            keep_storage(s);
            fail_msg("%s: storage_new(%lld): PyTorch refuses this size, got a storage",
                     c->field[0], (long long)size);
        }
        assert_int_equal(error_kind(), ERR_RUNTIME);
        return;
    }
    if (s == NULL) {
        fail_msg("%s: storage_new(%lld) failed: %s", c->field[0], (long long)size,
                 error_message());
    }
    keep_storage(s);
    assert_int_equal(s->size, size);
    assert_int_equal(s->refcount, 1);
    for (int64_t i = 0; i < size; i++) {
        if (s->data[i] != 0.0f) fail_msg("%s: element %lld is not 0", c->field[0], (long long)i);
    }
    // A second owner and back: the count follows.
    assert_ptr_equal(storage_retain(s), s);
    assert_int_equal(s->refcount, 2);
    storage_release(s);
    assert_int_equal(s->refcount, 1);
}

static void storage_new_matches_pytorch_on_random_sizes(void **state) {
    (void)state;
    Golden g;
    if (golden_load(&g, "ex01.txt") < 0) fail_msg("cannot read tests/golden/ex01.txt");
    for (int i = 0; i < g.count; i++) {
        check_size_case(&g.cases[i]);
        release_kept_storage(NULL);
    }
    golden_free(&g);
}

static void copy_range_edges(void **state) {
    (void)state;
    Storage *s = keep_storage(storage_new(4));
    for (int i = 0; i < 4; i++) s->data[i] = (float)i;
    error_clear();
    // An empty range at the very end is in bounds; one past it is not.
    int rc = storage_copy_range(s, 4, s, 0, 0);
    expect_implemented("storage_copy_range(s, 4, s, 0, 0)");
    assert_int_equal(rc, 0);
    assert_int_equal(storage_copy_range(s, 0, s, 5, 0), -1);
    assert_int_equal(error_kind(), ERR_INDEX);
    assert_int_equal(storage_copy_range(s, 0, s, 0, 4), 0);  // onto itself
    for (int i = 0; i < 4; i++) assert_float_near(s->data[i], (float)i, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        EXERCISE_TEST(storage_new_matches_pytorch_on_random_sizes),
        EXERCISE_TEST(copy_range_edges),
    };
    return run_suite(&(TestSuite){.group = "chapter 1 hidden exercises", TEST_LIST(tests)});
}
