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
void copy_elements(Tensor *dst, const Tensor *src);

// The two steps of view(), exposed for tests, exercises and the
// visualizer. infer_shape() checks `shape` against `numel` and writes
// it with any -1 filled in; view_strides() computes the strides of the
// view, returning false when there are none.
int  infer_shape(Shape shape, int64_t numel, int64_t *sizes);
bool view_strides(const Tensor *t, int ndim, const int64_t *sizes,
                  int64_t *strides);

#endif
//< view-api
