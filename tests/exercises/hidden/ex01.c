// Hidden tests of the chapter 1 exercises: left out of the student
// release; the grader runs them (grading/rubric.txt).
#include "../../../chapters/01-storage/exercises.h"
#include "../exercise_core.h"

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
    assert_error_message("copy_range: range [5, 5) is out of bounds for a storage of "
                         "size 4");
    assert_int_equal(storage_copy_range(s, 0, s, 0, 4), 0);  // onto itself
    for (int i = 0; i < 4; i++) assert_float_near(s->data[i], (float)i, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        EXERCISE_TEST(copy_range_edges),
    };
    return run_suite(&(TestSuite){.group = "chapter 1 hidden exercises", TEST_LIST(tests)});
}
