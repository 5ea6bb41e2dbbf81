// Tests of the chapter 1 exercises (chapters/01-storage/README.md,
// "Exercises"). Points are in grading/rubric.txt.
#include "../../chapters/01-storage/exercises.h"
#include "exercise_core.h"

// ---- 1.1 storage_new, storage_retain, storage_release (src/storage.c) ---------

static void expect_fresh_storage(Storage *s, int64_t size) {
    if (s == NULL) fail_msg("storage_new(%lld) failed: %s", (long long)size, error_message());
    keep_storage(s);
    assert_int_equal(s->size, size);
    assert_int_equal(s->refcount, 1);
    assert_non_null(s->data);  // even for size 0: a pointer that can be freed
    for (int64_t i = 0; i < size; i++) {
        if (s->data[i] != 0.0f) {
            fail_msg("storage_new(%lld): element %lld is %g, expected 0 (zeroed)",
                     (long long)size, (long long)i, (double)s->data[i]);
        }
    }
}

static void storage_new_gives_zeroed_floats_and_one_owner(void **state) {
    (void)state;
    error_clear();
    Storage *s = storage_new(7);
    expect_implemented("storage_new(7)");
    expect_fresh_storage(s, 7);
    expect_fresh_storage(storage_new(1), 1);
    expect_fresh_storage(storage_new(0), 0);
    expect_fresh_storage(storage_new(1000), 1000);
}

// NULL, and the kind of failure (what a caller branches on).
static void expect_refused(int64_t size, ErrorKind kind) {
    error_clear();
    Storage *s = storage_new(size);
    expect_implemented("storage_new");
    if (s != NULL) {
        keep_storage(s);
        fail_msg("storage_new(%lld): expected NULL, got a storage", (long long)size);
    }
    assert_int_equal(error_kind(), kind);
}

static void storage_new_refuses_negative_sizes(void **state) {
    (void)state;
    expect_refused(-1, ERR_RUNTIME);
    expect_refused(-3, ERR_RUNTIME);
    expect_refused(INT64_MIN, ERR_RUNTIME);
}

static void storage_new_refuses_sizes_whose_bytes_overflow(void **state) {
    (void)state;
    // size * sizeof(float) past PTRDIFF_MAX: a check after the multiplication
    // sees a wrapped, small product and asks for a few bytes.
    expect_refused(INT64_MAX, ERR_RUNTIME);
    expect_refused(INT64_MAX / 4 + 1, ERR_RUNTIME);
    expect_refused((int64_t)1 << 62, ERR_RUNTIME);
}

static void storage_new_reports_memory_it_cannot_have(void **state) {
    (void)state;
    // 4e17 bytes: a size that fits, but no machine has it (the runner makes
    // the sanitizer's allocator return NULL, as calloc would).
    expect_refused(100000000000000000LL, ERR_ALLOC);
}

static void retain_and_release_count_owners(void **state) {
    (void)state;
    Storage *s = storage_new(3);
    if (s == NULL) fail_msg("storage_new(3) failed: %s", error_message());
    keep_storage(s);
    error_clear();
    Storage *again = storage_retain(s);
    expect_implemented("storage_retain(s)");
    if (again != s) fail_msg("storage_retain(s) must return s itself");
    keep_storage(again);
    assert_int_equal(s->refcount, 2);
    again->data[1] = 5.0f;  // one buffer, two owners
    assert_true(s->data[1] == 5.0f);
    forget_storage(again);
    storage_release(again);
    expect_implemented("storage_release(s)");
    assert_int_equal(s->refcount, 1);
    assert_true(s->data[1] == 5.0f);  // the other owner still reads it
}

static void the_last_release_frees_the_memory(void **state) {
    (void)state;
    // Not kept: if the last release does not free, LeakSanitizer fails
    // this test when its process ends.
    Storage *s = storage_new(100);
    if (s == NULL) fail_msg("storage_new(100) failed: %s", error_message());
    storage_retain(s);
    error_clear();
    storage_release(s);
    expect_implemented("storage_release(s)");
    assert_int_equal(s->refcount, 1);
    storage_release(s);
    storage_release(NULL);  // like free(NULL): nothing to do
    expect_implemented("storage_release(NULL)");
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

// -1, and the kind (ERR_VALUE for a negative count, ERR_INDEX for a range
// out of bounds): the grade is on the rule, not on the message's wording.
static void expect_copy_error(Storage *dst, int64_t dst_at, Storage *src,
                              int64_t src_at, int64_t count, ErrorKind kind) {
    error_clear();
    int rc = storage_copy_range(dst, dst_at, src, src_at, count);
    expect_implemented("storage_copy_range");
    if (rc != -1) {
        fail_msg("storage_copy_range(dst, %lld, src, %lld, %lld): expected -1, got %d",
                 (long long)dst_at, (long long)src_at, (long long)count, rc);
    }
    assert_int_equal(error_kind(), kind);
}

static void copy_range_refuses_bad_ranges(void **state) {
    (void)state;
    Storage *src = counting_storage(10), *dst = counting_storage(4);
    expect_copy_error(dst, 0, src, 0, -1, ERR_VALUE);
    expect_copy_error(dst, 0, src, 8, 4, ERR_INDEX);
    expect_copy_error(dst, 2, src, 0, 3, ERR_INDEX);
    expect_copy_error(dst, -1, src, 0, 1, ERR_INDEX);
    // Nothing was copied by any of them.
    expect_data(dst, (float[]){0, 10, 20, 30}, 4);
}

static void copy_range_never_overflows(void **state) {
    (void)state;
    // src_at + count wraps around int64: a check written as
    // `src_at + count > size` is undefined behaviour (UBSan stops it).
    Storage *src = counting_storage(10), *dst = counting_storage(4);
    expect_copy_error(dst, 0, src, INT64_MAX, 2, ERR_INDEX);
    expect_copy_error(dst, 0, src, 2, INT64_MAX, ERR_INDEX);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        EXERCISE_TEST(storage_new_gives_zeroed_floats_and_one_owner),
        EXERCISE_TEST(storage_new_refuses_negative_sizes),
        EXERCISE_TEST(storage_new_refuses_sizes_whose_bytes_overflow),
        EXERCISE_TEST(storage_new_reports_memory_it_cannot_have),
        EXERCISE_TEST(retain_and_release_count_owners),
        EXERCISE_TEST(the_last_release_frees_the_memory),
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
