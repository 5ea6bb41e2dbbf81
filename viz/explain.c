#include "explain.h"

#include <stdio.h>
#include <stdlib.h>

#include "view.h"
#include "views.h"

// Where the seam is in memory. The failing chunk, with the chunks inside
// it, holds `block` elements; were memory even, the next element in
// row-major order would come one chunk's worth of base strides on, at
// `expected`. It sits at `actual`: one step of the dim just outside.
static void locate_seam(ViewExplain *e, const Tensor *t, const ViewChunk *chunk) {
    int first = chunk->first_dim;
    e->block = 1;
    for (int k = first; k < t->ndim; k++) e->block *= t->shape[k];
    int64_t continued;  // the stride dim first-1 would need to continue the chunk
    bool overflow = __builtin_mul_overflow(chunk->numel, chunk->base, &continued);
    e->expected = t->offset + (overflow ? 0 : continued);
    e->actual = first > 0 ? t->offset + t->stride[first - 1] : e->expected;
}

// The plan of view_strides() (src/view.c, chapter 3), kept: the chunks, as
// chapter 4's tensor_contiguous_chunks() numbers them (outermost first), and the
// new dim that would cross the seam at the end of its chunk.
ViewExplain *explain_view(const Tensor *t, int ndim, const int64_t *sizes) {
    if (t->ndim == 0 || ndim > MAX_DIMS || tensor_numel(t) == 0) return NULL;
    int64_t numel = 1;
    for (int d = 0; d < ndim; d++) {
        if (__builtin_mul_overflow(numel, sizes[d], &numel)) return NULL;
    }
    if (numel != tensor_numel(t)) return NULL;
    ViewPlan plan;
    if (view_plan(t, ndim, sizes, &plan)) return NULL;  // view() would succeed

    ViewExplain e = {.new_ndim = ndim, .bad_new_dim = -1, .bad_chunk = -1};
    for (int d = 0; d < ndim; d++) e.new_sizes[d] = sizes[d];
    int chunk_of_dim[MAX_DIMS];
    e.chunks = tensor_contiguous_chunks(t, chunk_of_dim);
    for (int c = 0; c < e.chunks; c++) e.chunk_first[c] = -1, e.chunk_numel[c] = 1;
    for (int d = 0; d < t->ndim; d++) {
        int c = chunk_of_dim[d];
        if (e.chunk_first[c] < 0) e.chunk_first[c] = d;
        e.chunk_last[c] = d;
        e.chunk_numel[c] *= t->shape[d];
    }
    if (plan.seam_dim >= 0) {
        const ViewChunk *chunk = &plan.chunks[plan.seam_chunk];
        e.bad_new_dim = plan.seam_dim;
        e.bad_chunk = chunk_of_dim[chunk->first_dim];
        locate_seam(&e, t, chunk);
    }

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
    index_unravel(t->ndim, t->shape, e->block, index);
    snprintf(buf, size,
             "New dim %d (size %lld) would cross the end of a chunk: it holds %lld "
             "elements, then element %s sits at address %lld, not %lld.",
             e->bad_new_dim, (long long)e->new_sizes[e->bad_new_dim],
             (long long)e->chunk_numel[e->bad_chunk], tuple_text(t->ndim, index).s,
             (long long)e->actual, (long long)e->expected);
}
