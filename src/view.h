//> view-api
// view(): the same elements, the same storage, a different shape.
// No data moves; only the metadata (shape and strides) is recomputed, and
// when no strides can describe the new shape, view() refuses.
#ifndef STRIDES_VIEW_H
#define STRIDES_VIEW_H

#include "tensor.h"

// x.view(shape): shares x's storage and offset. One entry may be -1
// ("whatever makes the count come out right"). NULL with PyTorch's
// message if the shape is invalid or not expressible as a view.
Tensor *tensor_view(const Tensor *t, Shape shape);

// x.reshape(shape): a view when one exists, otherwise a contiguous copy.
Tensor *tensor_reshape(const Tensor *t, Shape shape);

// Is x laid out in row-major order with no gaps (as a fresh tensor is)?
bool tensor_is_contiguous(const Tensor *t);

// x.contiguous(): x itself (a new handle, no copy) if it is contiguous,
// otherwise a row-major copy in a new storage.
Tensor *tensor_contiguous(const Tensor *t);

// Copy the elements of `src` into `dst`, which has the same shape: element
// (i, j, ...) of src goes to element (i, j, ...) of dst, whatever the
// strides of either. contiguous() and reshape() copy with it.
void tensor_copy_elements(Tensor *dst, const Tensor *src);
// The same copy, always the plainest one (every address computed in full):
// what chapter 5's faster copies are measured against.
void tensor_copy_by_index(Tensor *dst, const Tensor *src);

// The two steps of view(), exposed for tests, exercises and the
// visualizer. shape_infer() checks `shape` against `numel` and writes
// it with any -1 filled in; view_strides() computes the strides of the
// view, returning false when there are none.
int  shape_infer(Shape shape, int64_t numel, int64_t *sizes);
bool view_strides(const Tensor *t, int ndim, const int64_t *sizes,
                  int64_t *strides);
//< view-api

//> view-plan-api
// How view() decides, kept for anyone who wants to show it (chapter 4's
// chunk picture, the visualizer's explainer). A chunk is a run of old dims
// first_dim..last_dim that steps through memory as one evenly strided
// block: `numel` elements, the innermost `base` apart.
typedef struct ViewChunk {
    int     first_dim, last_dim;
    int64_t numel;
    int64_t base;
} ViewChunk;

typedef struct ViewPlan {
    int       nchunks;             // chunks of the old shape, innermost first
    ViewChunk chunks[MAX_DIMS];
    int       chunk_of[MAX_DIMS];  // per new dim: the chunk it falls in, or -1
    int64_t   strides[MAX_DIMS];   // the view's strides, when it exists
    int       seam_dim;            // the first new dim that would cross a seam, or -1
    int       seam_chunk;          // the chunk at whose outer end it crosses, or -1
} ViewPlan;

// The chunks of `t`, innermost first; returns their count: 0 for a 0-dim
// tensor, 1 (all dims, 0 elements) for an empty one.
int  view_chunks(const Tensor *t, ViewChunk *chunks);

// Deal the new dims `sizes` out over the chunks of `t` and fill `plan`.
// True when the view exists (plan->strides holds its strides). False when
// a new dim would straddle two chunks (plan->seam_dim says which), or when
// no stride fits in 64 bits, or the sizes don't cover t's elements.
bool view_plan(const Tensor *t, int ndim, const int64_t *sizes, ViewPlan *plan);

#endif
//< view-plan-api
