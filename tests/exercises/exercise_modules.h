// Exercise checks for chapters 7 and later: modules and named lists a test
// makes are kept here and released by the teardown, even after a failed
// check (exercise_asserts.h does the same for tensors). Declare such tests
// with MODULE_TEST(name).
#ifndef STRIDES_EXERCISE_MODULES_H
#define STRIDES_EXERCISE_MODULES_H

#include "exercise_asserts.h"
#include "module.h"

enum { MAX_KEPT_MODULES = 16 };
static Module *kept_module[MAX_KEPT_MODULES];
static NamedList kept_list[MAX_KEPT_MODULES];
static int nkept_module, nkept_list;

static inline Module *keep_module(Module *m) {
    if (m != NULL && nkept_module < MAX_KEPT_MODULES) kept_module[nkept_module++] = m;
    return m;
}

// An empty list, freed by the teardown.
static inline NamedList *new_list(void) {
    assert_true(nkept_list < MAX_KEPT_MODULES);
    kept_list[nkept_list] = (NamedList){0};
    return &kept_list[nkept_list++];
}

static inline int release_kept_modules(void **state) {
    while (nkept_list > 0) named_list_free(&kept_list[--nkept_list]);
    while (nkept_module > 0) module_release(kept_module[--nkept_module]);
    return release_kept(state);
}

#define MODULE_TEST(name) cmocka_unit_test_teardown(name, release_kept_modules)

#endif
