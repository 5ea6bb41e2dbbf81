//> views-guard
// The view family: every other way PyTorch looks at the same memory
// through a new shape, new strides and a new offset. Each function returns
// a new handle sharing its input's storage (or NULL with PyTorch's message);
// none of them reads or writes an element.
#ifndef STRIDES_VIEWS_H
#define STRIDES_VIEWS_H

#include <stdbool.h>
#include <stdint.h>

#include "tensor.h"
//< views-guard

//> views-wrap-api
// Wrap a possibly negative dimension index into [0, ndim); a 0-dim tensor
// counts as 1-D here. Returns the wrapped dim, or -1 with PyTorch's message:
// "Dimension out of range (expected to be in range of [-3, 2], but got 3)".
int64_t dim_wrap(int64_t dim, int ndim);
//< views-wrap-api

//> views-permute-api
// x.transpose(dim0, dim1), x.t() (at most 2 dims), x.permute(dims).
Tensor *tensor_transpose(const Tensor *t, int64_t dim0, int64_t dim1);
Tensor *tensor_t(const Tensor *t);
Tensor *tensor_permute(const Tensor *t, IntList dims);
//< views-permute-api

//> views-chunks-api
// How view() sees `t`: its dims grouped into chunks that step through
// memory as one evenly strided block (chapter 3's rule). Writes a chunk id
// per dim into chunk_of_dim (0 for the outermost chunk) and returns the
// number of chunks: 0 for a 0-dim tensor, 1 for an empty or contiguous
// one. A view of `t` exists exactly when no new dim straddles two chunks.
int tensor_contiguous_chunks(const Tensor *t, int *chunk_of_dim);
//< views-chunks-api

//> views-narrow-api
// x.narrow(dim, start, length) and x.select(dim, index).
Tensor *tensor_narrow(const Tensor *t, int64_t dim, int64_t start, int64_t length);
Tensor *tensor_select(const Tensor *t, int64_t dim, int64_t index);
//< views-narrow-api

//> views-slice-api
// A Python slice start:stop:step. A missing bound (None) has has_start or
// has_stop false. The step must be given: 1 is Python's default.
typedef struct Slice {
    bool    has_start, has_stop;
    int64_t start, stop, step;
} Slice;

// Every form of Python slice, with its bounds given or left out:
#define SLICE(start, stop, step) ((Slice){true, true, (start), (stop), (step)})
#define SLICE_FROM(start, step) ((Slice){true, false, (start), 0, (step)})  // start::step
#define SLICE_TO(stop, step) ((Slice){false, true, 0, (stop), (step)})      // :stop:step
#define SLICE_STEP(step) ((Slice){false, false, 0, 0, (step)})              // ::step
#define SLICE_ALL SLICE_STEP(1)                                             // :

// x[:, :, s] with `s` on dimension `dim` (which may be negative): Python's
// rules, bounds clamped, never out of range.
Tensor *tensor_slice(const Tensor *t, int64_t dim, Slice s);
//< views-slice-api

//> views-index-api
// One item of x[...]: an integer, a slice, None (a new size-1 dim) or `...`.
typedef enum IndexKind { INDEX_INT, INDEX_SLICE, INDEX_NONE, INDEX_ELLIPSIS } IndexKind;

typedef struct IndexItem {
    IndexKind kind;
    int64_t   index;  // for INDEX_INT
    Slice     slice;  // for INDEX_SLICE
} IndexItem;

#define IX_INT(i) ((IndexItem){.kind = INDEX_INT, .index = (i)})
#define IX_SLICE(s) ((IndexItem){.kind = INDEX_SLICE, .slice = (s)})
#define IX_ALL IX_SLICE(SLICE_ALL)
#define IX_NONE ((IndexItem){.kind = INDEX_NONE})
#define IX_ELLIPSIS ((IndexItem){.kind = INDEX_ELLIPSIS})

// x[items...]: x[1, :, ::2] is tensor_index(x, 3, items) or, counting the
// items for you, TENSOR_INDEX(x, IX_INT(1), IX_ALL, IX_SLICE(SLICE_STEP(2))).
Tensor *tensor_index(const Tensor *t, int count, const IndexItem *items);
#define TENSOR_INDEX(t, ...)                                                  \
    tensor_index((t), (int)(sizeof((IndexItem[]){__VA_ARGS__}) / sizeof(IndexItem)), \
                 (IndexItem[]){__VA_ARGS__})
//< views-index-api

//> views-squeeze-api
// x.unsqueeze(dim), x.squeeze() (every size-1 dim), x.squeeze(dim) (that
// dim if its size is 1, else x unchanged).
Tensor *tensor_unsqueeze(const Tensor *t, int64_t dim);
Tensor *tensor_squeeze(const Tensor *t);
Tensor *tensor_squeeze_dim(const Tensor *t, int64_t dim);
//< views-squeeze-api

//> views-expand-api
// x.expand(sizes) and x.broadcast_to(sizes): size-1 dims (and new leading
// ones) repeat with stride 0; -1 keeps a size. No memory is allocated.
Tensor *tensor_expand(const Tensor *t, Shape sizes);
Tensor *tensor_broadcast_to(const Tensor *t, Shape sizes);

// Writes into a tensor whose elements share memory (a stride-0 dim of size>1,
// e.g. from expand) are refused: returns -1 with "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation."
// PyTorch's has_internal_overlap: YES if any dim with size > 1 has stride 0; otherwise it doesn't claim overlap.
int tensor_check_writable(const Tensor *t);
//< views-expand-api

//> views-flatten-api
// x.flatten(start_dim, end_dim) (PyTorch's defaults are 0 and -1): a view
// when one exists, else a copy, as reshape(). x.unflatten(dim, sizes):
// always a view; one size may be -1.
Tensor *tensor_flatten(const Tensor *t, int64_t start_dim, int64_t end_dim);
Tensor *tensor_unflatten(const Tensor *t, int64_t dim, Shape sizes);
//< views-flatten-api

//> views-as-strided-api
// x.as_strided(size, stride, offset): any sizes and (non-negative)
// strides, checked only to stay inside the storage. Pass
// AS_STRIDED_KEEP_OFFSET as the offset for PyTorch's as_strided(size,
// stride), which keeps x's own offset.
#define AS_STRIDED_KEEP_OFFSET INT64_MIN
Tensor *tensor_as_strided(const Tensor *t, Shape size, IntList stride, int64_t offset);

#endif
//< views-as-strided-api
