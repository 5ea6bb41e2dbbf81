// Chapter 1: storage and error reporting.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "test_main.h"
#include "error.h"
#include "storage.h"

static void new_storage_is_zeroed_with_one_owner(void **state) {
    (void)state;
    Storage *s = storage_new(10);
    assert_non_null(s);
    assert_int_equal(s->size, 10);
    assert_int_equal(s->refcount, 1);
    for (int i = 0; i < 10; i++) assert_true(s->data[i] == 0.0f);
    storage_release(s);
}

static void empty_storage_is_valid(void **state) {
    (void)state;
    Storage *s = storage_new(0);
    assert_non_null(s);
    assert_non_null(s->data);  // never NULL, so memcpy(data, ..., 0) is safe
    assert_int_equal(s->size, 0);
    storage_release(s);
}

static void big_storage_is_zeroed_and_writable(void **state) {
    (void)state;
    // 16 MiB: past the 2 MiB line, so it comes from mmap, not calloc.
    int64_t size = 4 << 20;
    Storage *s = storage_new(size);
    assert_non_null(s);
    assert_true(s->data[0] == 0.0f && s->data[size / 2] == 0.0f &&
                s->data[size - 1] == 0.0f);
    for (int64_t i = 0; i < size; i += 1000) s->data[i] = (float)i;
    s->data[size - 1] = 1.0f;
    assert_true(s->data[size - 1] == 1.0f && s->data[3000] == 3000.0f);
    storage_release(s);
}

static void retain_and_release_count_owners(void **state) {
    (void)state;
    Storage *s = storage_new(4);
    assert_ptr_equal(storage_retain(s), s);
    assert_int_equal(s->refcount, 2);
    s->data[3] = 42.0f;
    storage_release(s);  // one owner left: the data must still be there
    assert_int_equal(s->refcount, 1);
    assert_true(s->data[3] == 42.0f);
    storage_release(s);  // last owner: freed (LeakSanitizer checks)
}

static void release_null_is_harmless(void **state) {
    (void)state;
    storage_release(NULL);
}

static void negative_size_is_an_error(void **state) {
    (void)state;
    error_clear();
    assert_null(storage_new(-1));
    assert_string_equal(error_message(),
                        "Trying to create tensor with negative dimension -1: [-1]");
}

static void overflowing_size_is_an_error(void **state) {
    (void)state;
    error_clear();
    assert_null(storage_new(INT64_MAX / 2));  // * 4 bytes would wrap
    assert_string_equal(error_message(),
                        "Storage size calculation overflowed with "
                        "sizes=[4611686018427387903]");
}

static void impossible_allocation_is_an_error(void **state) {
    (void)state;
    // 4e17 bytes: representable, but no machine has it. (The test runner
    // sets ASAN_OPTIONS=allocator_may_return_null=1, as a real program
    // would see NULL from calloc, not a sanitizer abort.)
    error_clear();
    assert_null(storage_new(100000000000000000LL));
    assert_string_equal(error_message(),
                        "DefaultCPUAllocator: can't allocate memory: you tried to "
                        "allocate 400000000000000000 bytes. Error code 12 (Cannot "
                        "allocate memory)");
}

static void set_error_formats_and_returns_minus_one(void **state) {
    (void)state;
    assert_int_equal(error_set(ERR_INDEX, "index %d is out of bounds", 5), -1);
    assert_string_equal(error_message(), "index 5 is out of bounds");
    assert_int_equal(error_kind(), ERR_INDEX);
    error_clear();
    assert_string_equal(error_message(), "");
    assert_int_equal(error_kind(), ERR_NONE);
}

// Each failure records the kind a caller branches on, next to the message
// a person reads: the kind alone must say what happened.
static void failed_allocation_is_err_alloc(void **state) {
    (void)state;
    error_clear();
    assert_null(storage_new(100000000000000000LL));
    assert_int_equal(error_kind(), ERR_ALLOC);
    assert_int_equal(error_set_alloc(8), -1);
    assert_int_equal(error_kind(), ERR_ALLOC);
    assert_string_equal(error_message(), "DefaultCPUAllocator: can't allocate memory: you "
                                         "tried to allocate 8 bytes. Error code 12 (Cannot "
                                         "allocate memory)");
}

static void bad_sizes_are_err_runtime(void **state) {
    (void)state;
    error_clear();
    assert_null(storage_new(-3));
    assert_int_equal(error_kind(), ERR_RUNTIME);
    assert_string_equal(error_message(),
                        "Trying to create tensor with negative dimension -3: [-3]");
    error_clear();
    assert_null(storage_new(INT64_MAX));
    assert_int_equal(error_kind(), ERR_RUNTIME);
}

static void exercise_stub_is_err_not_implemented(void **state) {
    (void)state;
    assert_int_equal(error_not_implemented("1.2"), -1);
    assert_int_equal(error_kind(), ERR_NOT_IMPLEMENTED);
    assert_string_equal(error_message(), "not implemented: exercise 1.2");
}

// The stub hook hears every stub as it is met; error_exercise() keeps the
// first until error_clear(), whatever fails after it.
static const char *stubs_heard[4];
static int nstubs_heard;

static void hear_stub(const char *exercise) {
    if (nstubs_heard < 4) stubs_heard[nstubs_heard++] = exercise;
}

static void stubs_are_told_and_the_first_one_stays(void **state) {
    (void)state;
    nstubs_heard = 0;
    StubHook before = error_set_stub_hook(hear_stub);
    error_not_implemented("1.2");
    error_set(ERR_VALUE, "a later failure");
    error_not_implemented("3.4");
    assert_ptr_equal(error_set_stub_hook(before), hear_stub);
    assert_int_equal(nstubs_heard, 2);
    assert_string_equal(stubs_heard[0], "1.2");
    assert_string_equal(stubs_heard[1], "3.4");
    assert_string_equal(error_exercise(), "1.2");
    assert_int_equal(error_kind(), ERR_NOT_IMPLEMENTED);
    error_clear();
    assert_string_equal(error_exercise(), "");
}

static void the_last_failure_decides_the_kind(void **state) {
    (void)state;
    error_set(ERR_VIEW_STRIDES, "first");
    error_set(ERR_VALUE, "second");
    assert_int_equal(error_kind(), ERR_VALUE);
    assert_string_equal(error_message(), "second");
}

static void long_messages_are_cut_not_overflowed(void **state) {
    (void)state;
    char big[5000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    error_set(ERR_RUNTIME, "%s", big);
    size_t len = strlen(error_message());
    assert_true(len > 500 && len < sizeof big - 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_storage_is_zeroed_with_one_owner),
        cmocka_unit_test(empty_storage_is_valid),
        cmocka_unit_test(big_storage_is_zeroed_and_writable),
        cmocka_unit_test(retain_and_release_count_owners),
        cmocka_unit_test(release_null_is_harmless),
        cmocka_unit_test(negative_size_is_an_error),
        cmocka_unit_test(overflowing_size_is_an_error),
        cmocka_unit_test(impossible_allocation_is_an_error),
        cmocka_unit_test(set_error_formats_and_returns_minus_one),
        cmocka_unit_test(long_messages_are_cut_not_overflowed),
        cmocka_unit_test(failed_allocation_is_err_alloc),
        cmocka_unit_test(bad_sizes_are_err_runtime),
        cmocka_unit_test(exercise_stub_is_err_not_implemented),
        cmocka_unit_test(stubs_are_told_and_the_first_one_stays),
        cmocka_unit_test(the_last_failure_decides_the_kind),
    };
    return run_suite(&(TestSuite){.group = "chapter 1: storage", TEST_LIST(tests)});
}
