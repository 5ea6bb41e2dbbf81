// Chapter 1 exercises: write your code between the braces.
#include "exercises.h"

#include <string.h>

#include "error.h"

Storage *storage_make_unique(Storage *s) {
    /* BEGIN SOLUTION 1.2 */
    if (s->refcount == 1) return s;
    Storage *copy = storage_new(s->size);
    if (copy == NULL) return NULL;  // our share of `s` stays ours
    if (s->size > 0) memcpy(copy->data, s->data, (size_t)s->size * sizeof(float));
    storage_release(s);  // one owner fewer; the others keep theirs
    return copy;
    /* END SOLUTION */
}

/* BEGIN SOLUTION 1.3 */
// Is [at, at + count) inside a storage of `size` elements? Written so
// that nothing can overflow: at + count is never computed.
static int check_range(int64_t at, int64_t count, int64_t size) {
    if (at < 0 || at > size || count > size - at) {
        // Report the end even when at + count overflows: saturate.
        long long end = at > INT64_MAX - count ? INT64_MAX : at + count;
        return error_set(ERR_INDEX, "copy_range: range [%lld, %lld) is out of bounds for "
                         "a storage of size %lld", (long long)at, end,
                         (long long)size);
    }
    return 0;
}
/* END SOLUTION */
/* STUB */

int storage_copy_range(Storage *dst, int64_t dst_at, const Storage *src,
                       int64_t src_at, int64_t count) {
    /* BEGIN SOLUTION 1.3 */
    if (count < 0) {
        return error_set(ERR_VALUE, "copy_range: count must be non-negative, but got %lld",
                                    (long long)count);
    }
    if (check_range(src_at, count, src->size) < 0) return -1;
    if (check_range(dst_at, count, dst->size) < 0) return -1;
    // memmove, not memcpy: the ranges may overlap.
    if (count > 0) {
        memmove(dst->data + dst_at, src->data + src_at, (size_t)count * sizeof(float));
    }
    return 0;
    /* END SOLUTION */
}
