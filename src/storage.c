//> storage-includes
#include "storage.h"

#include <stdlib.h>

#include "error.h"
//< storage-includes

//> storage-new
Storage *storage_new(int64_t size) {
    if (size < 0) {
        set_error("Trying to create tensor with negative dimension %lld: [%lld]",
                  (long long)size, (long long)size);
        return NULL;
    }
    // size * sizeof(float) must not wrap around: a wrapped product would
    // ask malloc for a few bytes and we would then write far past them.
    if ((uint64_t)size > PTRDIFF_MAX / sizeof(float)) {
        set_error("Storage size calculation overflowed with sizes=[%lld]",
                  (long long)size);
        return NULL;
    }
    Storage *s = malloc(sizeof *s);
    // calloc rather than malloc: fresh memory reads as zeros, so a tensor
    // nobody filled shows 0. instead of last week's garbage. One byte at
    // least, because calloc(0, ...) may legally return NULL.
    float *data = calloc(size > 0 ? (size_t)size : 1, sizeof(float));
    if (s == NULL || data == NULL) {
        free(s);
        free(data);
        set_alloc_error(size * (int64_t)sizeof(float));
        return NULL;
    }
    s->data = data;
    s->size = size;
    s->refcount = 1;
    return s;
}
//< storage-new

//> storage-refcount
Storage *storage_retain(Storage *s) {
    s->refcount++;
    return s;
}

void storage_release(Storage *s) {
    if (s == NULL) return;
    if (--s->refcount == 0) {
        free(s->data);
        free(s);
    }
}
//< storage-refcount
