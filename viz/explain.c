#include "explain.h"

#include <stdio.h>
#include <stdlib.h>

#include "model.h"
#include "views.h"

// The walk of view_strides() in src/view.c (chapter 3), keeping what it
// finds instead of a yes/no: the new dims dealt from the right over the
// chunks, and the first new dim that overshoots the chunk it starts in.
ViewExplain *explain_view(const Tensor *t, int ndim, const int64_t *sizes) {
    if (t->ndim == 0 || ndim > MAX_DIMS || tensor_numel(t) == 0) return NULL;
    int64_t numel = 1;
    for (int d = 0; d < ndim; d++) numel *= sizes[d];
    if (numel != tensor_numel(t)) return NULL;

    ViewExplain e = {.new_ndim = ndim, .bad_new_dim = -1, .bad_chunk = -1};
    for (int d = 0; d < ndim; d++) e.new_sizes[d] = sizes[d];
    // The chunks as chapter 4's contiguous_chunks() numbers them, outermost first.
    int chunk_of_dim[MAX_DIMS];
    e.chunks = contiguous_chunks(t, chunk_of_dim);
    for (int c = 0; c < e.chunks; c++) e.chunk_first[c] = -1, e.chunk_numel[c] = 1;
    for (int d = 0; d < t->ndim; d++) {
        int c = chunk_of_dim[d];
        if (e.chunk_first[c] < 0) e.chunk_first[c] = d;
        e.chunk_last[c] = d;
        e.chunk_numel[c] *= t->shape[d];
    }
    // Deal the new dims out as view_strides() does, stopping at the first
    // that overshoots the chunk it starts in.
    int v = ndim - 1;
    int64_t base = t->stride[t->ndim - 1], chunk_numel = 1, placed = 1;
    for (int d = t->ndim - 1; d >= 0; d--) {
        chunk_numel *= t->shape[d];
        int64_t continued;  // the stride dim d-1 would need to continue the chunk
        bool overflow = __builtin_mul_overflow(chunk_numel, base, &continued);
        bool ends = d == 0 || (t->shape[d - 1] != 1 && (overflow || t->stride[d - 1] != continued));
        if (!ends) continue;
        while (e.bad_new_dim < 0 && v >= 0 && (placed < chunk_numel || sizes[v] == 1)) {
            placed *= sizes[v--];
        }
        if (e.bad_new_dim < 0 && placed != chunk_numel) {
            e.bad_new_dim = v + 1;
            e.bad_chunk = chunk_of_dim[d];
            int64_t block = 1;
            for (int k = d; k < t->ndim; k++) block *= t->shape[k];
            e.block = block;
            e.expected = t->offset + (overflow ? 0 : continued);
            e.actual = d > 0 ? t->offset + t->stride[d - 1] : e.expected;
        }
        if (d > 0) {
            base = t->stride[d - 1];
            chunk_numel = placed = 1;
        }
    }
    if (e.bad_new_dim < 0 && v < 0) return NULL;  // view() would succeed

    ViewExplain *out = malloc(sizeof *out);
    if (out == NULL) return NULL;
    e.input = tensor_alias(t);
    if (e.input == NULL) {
        free(out);
        return NULL;
    }
    *out = e;
    return out;
}

void explain_free(ViewExplain *e) {
    if (e == NULL) return;
    tensor_free(e->input);
    free(e);
}

void explain_sentence(const ViewExplain *e, char *buf, size_t size) {
    if (e->bad_new_dim < 0) {
        snprintf(buf, size, "The new shape can't be dealt out over the old chunks.");
        return;
    }
    const Tensor *t = e->input;
    int64_t index[MAX_DIMS];
    unravel(t->ndim, t->shape, e->block, index);
    snprintf(buf, size,
             "New dim %d (size %lld) would cross the end of a chunk: it holds %lld "
             "elements, then element %s sits at address %lld, not %lld.",
             e->bad_new_dim, (long long)e->new_sizes[e->bad_new_dim],
             (long long)e->chunk_numel[e->bad_chunk], tuple_text(t->ndim, index).s,
             (long long)e->actual, (long long)e->expected);
}
