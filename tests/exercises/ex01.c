// Tests of the chapter 1 exercises (chapters/01-storage/README.md,
// "Exercises"). Points are in grading/rubric.txt.
#include "../../chapters/01-storage/exercises.h"
#include "exercise_core.h"

// ---- 1.1 error_set_alloc -------------------------------------------------------

static void set_alloc_error_gives_pytorchs_message(void **state) {
    (void)state;
    error_clear();
    int rc = error_set_alloc(400);
    expect_implemented("error_set_alloc(400)");
    assert_int_equal(rc, -1);
    assert_error(ERR_ALLOC, "DefaultCPUAllocator: can't allocate memory: you tried to "
                            "allocate 400 bytes. Error code 12 (Cannot allocate memory)");
}

static void set_alloc_error_prints_every_digit(void **state) {
    (void)state;
    error_clear();
    int rc = error_set_alloc(INT64_MAX);
    expect_implemented("error_set_alloc(INT64_MAX)");
    assert_int_equal(rc, -1);
    assert_error_message("DefaultCPUAllocator: can't allocate memory: you tried to "
                         "allocate 9223372036854775807 bytes. Error code 12 (Cannot "
                         "allocate memory)");
}

// ---- 1.2 storage_make_unique ---------------------------------------------------

static Storage *counting_storage(int64_t size) {
    Storage *s = keep_storage(storage_new(size));
    assert_non_null(s);
    for (int64_t i = 0; i < size; i++) s->data[i] = (float)(10 * i);
    return s;
}

static void make_unique_keeps_a_sole_owners_storage(void **state) {
    (void)state;
    Storage *s = counting_storage(4);
    error_clear();
    Storage *u = storage_make_unique(s);
    expect_implemented("storage_make_unique(s)");
    if (u != s) {
        if (u != NULL) keep_storage(u), forget_storage(s);
        fail_msg("with one owner, expected s itself back, got %s",
                 u ? "a different storage (a needless copy)" : "NULL");
    }
    assert_int_equal(u->refcount, 1);
}

static void make_unique_copies_a_shared_storage(void **state) {
    (void)state;
    Storage *s = counting_storage(5);
    keep_storage(storage_retain(s));  // a second owner: the one asking
    error_clear();
    Storage *u = storage_make_unique(s);
    expect_implemented("storage_make_unique(s)");
    if (u == NULL) fail_msg("storage_make_unique returned NULL: %s", error_message());
    if (u == s) fail_msg("s has two owners: expected a copy, got s itself");
    forget_storage(s);  // our second reference was given back...
    keep_storage(u);    // ...for one to the copy
    if (s->refcount != 1) {
        fail_msg("the shared storage should have lost one owner (2 -> 1), but its "
                 "refcount is %d", s->refcount);
    }
    if (u->refcount != 1) fail_msg("the copy's refcount: expected 1, got %d", u->refcount);
    if (u->size != 5) fail_msg("the copy's size: expected 5, got %lld", (long long)u->size);
    for (int i = 0; i < 5; i++) {
        if (u->data[i] != s->data[i]) {
            fail_msg("element %d of the copy: expected %g, got %g", i,
                     (double)s->data[i], (double)u->data[i]);
        }
    }
    u->data[0] = -1.0f;
    if (s->data[0] != 0.0f) fail_msg("writing to the copy changed the original");
}

static void make_unique_copies_an_empty_shared_storage(void **state) {
    (void)state;
    Storage *s = keep_storage(storage_new(0));
    keep_storage(storage_retain(s));
    error_clear();
    Storage *u = storage_make_unique(s);
    expect_implemented("storage_make_unique(s)");
    if (u == NULL) fail_msg("storage_make_unique returned NULL: %s", error_message());
    if (u == s) fail_msg("s has two owners: expected a copy, got s itself");
    forget_storage(s);
    keep_storage(u);
    assert_int_equal(u->size, 0);
    assert_non_null(u->data);
    assert_int_equal(s->refcount, 1);
}

// ---- 1.3 storage_copy_range ----------------------------------------------------

static void expect_data(const Storage *s, const float *want, int64_t n) {
#ifdef STRIDES_PROBE
    // Probe mode (tests/probe/probe.h): the grader compares every element.
    for (int64_t i = 0; i < n; i++) probe_float(__FILE__, __LINE__, "s->data[i]", s->data[i], 0);
    return;
#endif
    for (int64_t i = 0; i < n; i++) {
        if (s->data[i] != want[i]) {
            fail_msg("element %lld after the copy: expected %g, got %g", (long long)i,
                     (double)want[i], (double)s->data[i]);
        }
    }
}

static void copy_range_copies_between_storages(void **state) {
    (void)state;
    Storage *src = counting_storage(6), *dst = keep_storage(storage_new(5));
    error_clear();
    int rc = storage_copy_range(dst, 1, src, 2, 3);
    expect_implemented("storage_copy_range(dst, 1, src, 2, 3)");
    if (rc != 0) fail_msg("expected 0, got %d with the error \"%s\"", rc, error_message());
    expect_data(dst, (float[]){0, 20, 30, 40, 0}, 5);
    expect_data(src, (float[]){0, 10, 20, 30, 40, 50}, 6);
}

static void copy_range_handles_overlap(void **state) {
    (void)state;
    Storage *s = counting_storage(6);
    error_clear();
    int rc = storage_copy_range(s, 1, s, 0, 5);  // shift right by one
    expect_implemented("storage_copy_range(s, 1, s, 0, 5)");
    if (rc != 0) fail_msg("expected 0, got %d with the error \"%s\"", rc, error_message());
    expect_data(s, (float[]){0, 0, 10, 20, 30, 40}, 6);
    rc = storage_copy_range(s, 0, s, 2, 4);  // and left by two
    if (rc != 0) fail_msg("expected 0, got %d with the error \"%s\"", rc, error_message());
    expect_data(s, (float[]){10, 20, 30, 40, 30, 40}, 6);
}

static void expect_copy_error(Storage *dst, int64_t dst_at, Storage *src,
                              int64_t src_at, int64_t count, const char *message) {
    error_clear();
    int rc = storage_copy_range(dst, dst_at, src, src_at, count);
    expect_implemented("storage_copy_range");
    if (rc != -1) {
        fail_msg("storage_copy_range(dst, %lld, src, %lld, %lld): expected -1 and "
                 "\"%s\", got %d", (long long)dst_at, (long long)src_at,
                 (long long)count, message, rc);
    }
    assert_error_message(message);
}

static void copy_range_refuses_bad_ranges(void **state) {
    (void)state;
    Storage *src = counting_storage(10), *dst = counting_storage(4);
    expect_copy_error(dst, 0, src, 0, -1,
                      "copy_range: count must be non-negative, but got -1");
    expect_copy_error(dst, 0, src, 8, 4,
                      "copy_range: range [8, 12) is out of bounds for a storage of "
                      "size 10");
    expect_copy_error(dst, 2, src, 0, 3,
                      "copy_range: range [2, 5) is out of bounds for a storage of "
                      "size 4");
    expect_copy_error(dst, -1, src, 0, 1,
                      "copy_range: range [-1, 0) is out of bounds for a storage of "
                      "size 4");
    // Nothing was copied by any of them.
    expect_data(dst, (float[]){0, 10, 20, 30}, 4);
}

static void copy_range_never_overflows(void **state) {
    (void)state;
    // src_at + count wraps around int64: a check written as
    // `src_at + count > size` is undefined behaviour (UBSan stops it).
    Storage *src = counting_storage(10), *dst = counting_storage(4);
    expect_copy_error(dst, 0, src, INT64_MAX, 2,
                      "copy_range: range [9223372036854775807, 9223372036854775807) "
                      "is out of bounds for a storage of size 10");
    expect_copy_error(dst, 0, src, 2, INT64_MAX,
                      "copy_range: range [2, 9223372036854775807) is out of bounds "
                      "for a storage of size 10");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        EXERCISE_TEST(set_alloc_error_gives_pytorchs_message),
        EXERCISE_TEST(set_alloc_error_prints_every_digit),
        EXERCISE_TEST(make_unique_keeps_a_sole_owners_storage),
        EXERCISE_TEST(make_unique_copies_a_shared_storage),
        EXERCISE_TEST(make_unique_copies_an_empty_shared_storage),
        EXERCISE_TEST(copy_range_copies_between_storages),
        EXERCISE_TEST(copy_range_handles_overlap),
        EXERCISE_TEST(copy_range_refuses_bad_ranges),
        EXERCISE_TEST(copy_range_never_overflows),
    };
    return run_suite(&(TestSuite){.group = "chapter 1 exercises", TEST_LIST(tests)});
}
