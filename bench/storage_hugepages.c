// An experiment for `make bench HUGEPAGES=1`: chapter 1's storage, except
// that big buffers come straight from mmap with a request for 2 MiB pages
// (madvise MADV_HUGEPAGE), which is what numpy does for its own arrays.
// The benchmark links this file instead of src/storage.c, to measure how
// much of the time of memory-bound operations is the allocator's: the
// first touch of a fresh 4 KiB page costs a page fault, and walking 64 MiB
// in 4 KiB pages costs 16384 TLB entries; 2 MiB pages cut both 512-fold.
// Same interface, same messages, same zero-filled memory as src/storage.c.
#define _DEFAULT_SOURCE  // MAP_ANONYMOUS, madvise
#include <stdbool.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "error.h"
#include "storage.h"

#define HUGE_PAGE ((size_t)2 << 20)

static bool use_mmap(int64_t size) {
    return (size_t)size * sizeof(float) >= HUGE_PAGE;
}

Storage *storage_new(int64_t size) {
    if (size < 0) {
        set_error("Trying to create tensor with negative dimension %lld: [%lld]",
                  (long long)size, (long long)size);
        return NULL;
    }
    if ((uint64_t)size > PTRDIFF_MAX / sizeof(float)) {
        set_error("Storage size calculation overflowed with sizes=[%lld]", (long long)size);
        return NULL;
    }
    Storage *s = malloc(sizeof *s);
    float *data = NULL;
    if (s != NULL && use_mmap(size)) {
        // Fresh anonymous memory reads as zeros, like calloc's.
        void *p = mmap(NULL, (size_t)size * sizeof(float), PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED) {
            madvise(p, (size_t)size * sizeof(float), MADV_HUGEPAGE);  // a hint: may fail
            data = p;
        }
    } else if (s != NULL) {
        data = calloc(size > 0 ? (size_t)size : 1, sizeof(float));
    }
    if (s == NULL || data == NULL) {
        free(s);
        set_alloc_error(size * (int64_t)sizeof(float));
        return NULL;
    }
    s->data = data;
    s->size = size;
    s->refcount = 1;
    return s;
}

Storage *storage_retain(Storage *s) {
    s->refcount++;
    return s;
}

void storage_release(Storage *s) {
    if (s == NULL) return;
    if (--s->refcount == 0) {
        if (use_mmap(s->size)) {
            munmap(s->data, (size_t)s->size * sizeof(float));
        } else {
            free(s->data);
        }
        free(s);
    }
}
