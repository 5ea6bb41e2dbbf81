// Why view() refused: the explainer shown for a failed view.
//
// view() splits the old dims into chunks, runs of dims that step through
// memory as one evenly strided block (chapter 3), and fails when a new
// dimension has to straddle two of them. Chapter 3's view_plan() says
// which chunks and which new dimension; this adds the place in memory
// where the old tensor jumps, so the UI can colour the blocks and point
// at the boundary.
#ifndef STRIDES_VIZ_EXPLAIN_H
#define STRIDES_VIZ_EXPLAIN_H

#include "tensor.h"

typedef struct ViewExplain {
    Tensor *input;             // the tensor view() was called on (owned)
    int     new_ndim;
    int64_t new_sizes[MAX_DIMS];  // the requested shape, -1 filled in
    int     chunks;            // chunks of the old shape, outermost first
    int     chunk_first[MAX_DIMS], chunk_last[MAX_DIMS];  // old dims of each chunk
    int64_t chunk_numel[MAX_DIMS];
    int     bad_new_dim;       // the new dim that straddles two chunks, or -1
    int     bad_chunk;         // the chunk whose end it crosses, or -1
    int64_t block;             // elements per block of that chunk in row-major order
    int64_t expected;          // where the element after the block would be if memory went on evenly
    int64_t actual;            // where it is
} ViewExplain;

// Explain why `t` can't be viewed as `sizes`. Returns a new explanation
// (taking a handle on `t`), or NULL if the view is in fact possible, the
// shape is invalid, or memory ran out.
ViewExplain *explain_view(const Tensor *t, int ndim, const int64_t *sizes);
void explain_free(ViewExplain *e);

// One sentence saying it, into `buf`.
void explain_sentence(const ViewExplain *e, char *buf, size_t size);

#endif
