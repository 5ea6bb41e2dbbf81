//> storage-includes
#define _DEFAULT_SOURCE  // mmap's MAP_ANONYMOUS and madvise, beyond plain POSIX
#include "storage.h"

#include <stdbool.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "error.h"
//< storage-includes

//> storage-memory
// Where the floats come from. Small buffers come from calloc. Big ones
// (2 MiB and up) come straight from the kernel with mmap, with a request
// for 2 MiB "huge" pages. A fresh buffer costs one page fault per page the
// first time it is touched, and every page in use takes a slot in the
// CPU's address-translation cache (the TLB); with 4 KiB pages a 64 MiB
// result is 16384 of each, with 2 MiB pages 32. numpy asks for huge pages
// for its arrays too; chapter 5 measures the difference. Memory from either
// source reads as zeros.
enum { HUGE_PAGE = 2 << 20 };

static bool from_kernel(int64_t size) {
#if defined(MAP_ANONYMOUS)
    return (uint64_t)size * sizeof(float) >= HUGE_PAGE;
#else
    (void)size;
    return false;  // no anonymous mmap on this system: calloc does it all
#endif
}

static float *allocate_floats(int64_t size) {
    if (!from_kernel(size)) return calloc(size > 0 ? (size_t)size : 1, sizeof(float));
#if defined(MAP_ANONYMOUS)
    size_t bytes = (size_t)size * sizeof(float);
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    if (p == MAP_FAILED) return NULL;
#if defined(MADV_HUGEPAGE)
    madvise(p, bytes, MADV_HUGEPAGE);  // only a hint: the kernel may say no
#endif
    return p;
#else
    return NULL;
#endif
}

static void free_floats(float *data, int64_t size) {
#if defined(MAP_ANONYMOUS)
    if (from_kernel(size)) {
        munmap(data, (size_t)size * sizeof(float));
        return;
    }
#endif
    free(data);
}
//< storage-memory

//> storage-new
Storage *storage_new(int64_t size) {
    /* BEGIN SOLUTION 1.1 */
    if (size < 0) {
        error_set(ERR_RUNTIME, "Trying to create tensor with negative dimension %lld: [%lld]",
                               (long long)size, (long long)size);
        return NULL;
    }
    // size * sizeof(float) must not wrap around: a wrapped product would
    // ask malloc for a few bytes and we would then write far past them.
    if ((uint64_t)size > PTRDIFF_MAX / sizeof(float)) {
        error_set(ERR_RUNTIME, "Storage size calculation overflowed with sizes=[%lld]",
                               (long long)size);
        return NULL;
    }
    Storage *s = malloc(sizeof *s);
    float *data = s != NULL ? allocate_floats(size) : NULL;
    if (s == NULL || data == NULL) {
        free(s);
        error_set_alloc(size * (int64_t)sizeof(float));
        return NULL;
    }
    s->data = data;
    s->size = size;
    s->refcount = 1;
    return s;
    /* END SOLUTION */
    /* STUB
    // Exercise 1.1: refuse the sizes that can't be (two of them), get the
    // floats from allocate_floats (above), and fill in the three fields.
    (void)size;
    (void)allocate_floats;
    error_not_implemented("1.1");
    return NULL;
    */
}
//< storage-new

//> storage-refcount
Storage *storage_retain(Storage *s) {
    /* BEGIN SOLUTION 1.1 */
    s->refcount++;
    return s;
    /* END SOLUTION */
}

void storage_release(Storage *s) {
    /* BEGIN SOLUTION 1.1 */
    if (s == NULL) return;
    if (--s->refcount == 0) {
        free_floats(s->data, s->size);
        free(s);
    }
    /* END SOLUTION */
    /* STUB
    // Exercise 1.1: one owner fewer; the last one out gives the floats back
    // with free_floats (above), then the struct.
    (void)s;
    (void)free_floats;
    error_not_implemented("1.1");
    */
}
//< storage-refcount
