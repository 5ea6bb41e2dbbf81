// Chapter 1 demo: one buffer, two owners, and errors instead of crashes.
#include <stdio.h>

#include "error.h"
#include "storage.h"

int main(void) {
    Storage *s = storage_new(6);
    if (s == NULL) {
        fprintf(stderr, "error: %s\n", error_message());
        return 1;
    }
    for (int64_t i = 0; i < s->size; i++) s->data[i] = (float)(i * i);
    printf("a storage of %lld floats, refcount %d\n", (long long)s->size, s->refcount);

    Storage *also = storage_retain(s);  // a second owner: same memory
    also->data[2] = -1.0f;
    printf("after a second owner wrote data[2]: s->data[2] = %g, refcount %d\n",
           (double)s->data[2], s->refcount);

    storage_release(s);  // the first owner is done; the buffer lives on
    printf("first owner released: refcount %d, data[5] still %g\n", also->refcount,
           (double)also->data[5]);
    storage_release(also);  // the last owner frees it

    // Bad sizes are errors with a message, never a crash.
    if (storage_new(-3) == NULL) printf("storage_new(-3): %s\n", error_message());
    if (storage_new(INT64_MAX) == NULL) {
        printf("storage_new(INT64_MAX): %s\n", error_message());
    }
    return 0;
}
