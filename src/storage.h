//> storage-struct
// A Storage is the memory behind tensors: one flat buffer of floats.
// Many tensors can look at the same Storage (that is what a view is), so
// it counts its owners and frees itself when the last one lets go.
#ifndef STRIDES_STORAGE_H
#define STRIDES_STORAGE_H

#include <stdint.h>

typedef struct Storage {
    float   *data;      // `size` floats, zero-filled at birth
    int64_t  size;      // number of elements (not bytes)
    int      refcount;  // owners still holding it
} Storage;
//< storage-struct

//> storage-api
// A new storage of `size` zeroed floats with one owner, or NULL (and
// error_message()) if the size is negative, overflows, or can't be had.
Storage *storage_new(int64_t size);

// Take a share: one more owner. Returns `s` so you can write
// `t->storage = storage_retain(s);`.
Storage *storage_retain(Storage *s);

// Give the share back; the last owner out frees the buffer. NULL is fine.
void storage_release(Storage *s);

#endif
//< storage-api
