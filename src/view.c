//> view-includes
#include "view.h"

#include "error.h"
//< view-includes

//> infer-shape
int infer_shape(Shape shape, int64_t numel, int64_t *sizes) {
    if (shape.len > MAX_DIMS) return check_shape(shape);
    int inferred = -1;      // the dimension given as -1, if any
    int64_t product = 1;    // product of the other entries
    bool overflow = false;  // the product no longer fits: it can't be numel
    for (int d = 0; d < shape.len; d++) {
        int64_t size = shape.at[d];
        if (size == -1) {
            if (inferred >= 0) return set_error(ERR_RUNTIME, "only one dimension can be inferred");
            inferred = d;
        } else if (size >= 0) {
            if (size != 0 && product > INT64_MAX / size) overflow = true;
            else product *= size;
        } else {
            return set_error(ERR_RUNTIME, "invalid shape dimension %lld", (long long)size);
        }
        sizes[d] = size;
    }
    if (overflow) product = -1;  // matches no numel, and never divides one

    if (product == numel || (inferred >= 0 && product > 0 && numel % product == 0)) {
        if (inferred >= 0) {
            // With zero elements, -1 could be anything: 0 * k == 0 for all k.
            if (product == 0) {
                return set_error(ERR_RUNTIME, "cannot reshape tensor of 0 elements into shape "
                                              "%s because the unspecified dimension size -1 "
                                              "can be any value and is ambiguous",
                                              ints_text(shape.len, shape.at).s);
            }
            sizes[inferred] = numel / product;
        }
        return 0;
    }
    return set_error(ERR_RUNTIME, "shape '%s' is invalid for input of size %lld",
                                  ints_text(shape.len, shape.at).s, (long long)numel);
}
//< infer-shape

//> view-strides-special
bool view_strides(const Tensor *t, int ndim, const int64_t *sizes,
                  int64_t *strides) {
    // A scalar has no strides to respect: any shape of one element works.
    if (t->ndim == 0) {
        for (int d = 0; d < ndim; d++) strides[d] = 1;
        return true;
    }
    // No elements: nothing to address, so any strides will do. PyTorch
    // keeps the old ones for an identical shape, else row-major ones.
    int64_t numel = tensor_numel(t);
    if (numel == 0) {
        bool same = ndim == t->ndim;
        for (int d = 0; same && d < ndim; d++) same = sizes[d] == t->shape[d];
        if (same) {
            for (int d = 0; d < ndim; d++) strides[d] = t->stride[d];
        } else {
            contiguous_strides(ndim, sizes, strides);
        }
        return true;
    }
//< view-strides-special
//> view-strides-chunks
    // Walk the old dimensions from the innermost out, grouping them into
    // chunks: runs of dimensions that together step through memory as one
    // evenly strided block (dim d-1 jumps exactly over all of d's chunk).
    // Each new dimension must fall inside one chunk, so it can be given a
    // single stride: within a chunk, strides are multiples of the chunk's
    // innermost stride, `base`.
    int v = ndim - 1;          // next new dimension to place, from the right
    int64_t base = t->stride[t->ndim - 1];
    int64_t chunk_numel = 1;   // elements in the chunk so far (old shape)
    int64_t placed_numel = 1;  // elements covered by placed new dims
    for (int d = t->ndim - 1; d >= 0; d--) {
        chunk_numel *= t->shape[d];
        // Does the chunk end here? At the outermost dim, or where the next
        // dim out does not continue it. A size-1 dim never ends a chunk:
        // its stride is never used to move, so it is free to be anything.
        bool chunk_ends = d == 0 || (t->shape[d - 1] != 1 &&
                                     t->stride[d - 1] != chunk_numel * base);
        if (!chunk_ends) continue;
        // Deal out new dimensions (and any size-1 ones) until they cover
        // the chunk exactly, striding as if the chunk were contiguous.
        while (v >= 0 && (placed_numel < chunk_numel || sizes[v] == 1)) {
            strides[v] = placed_numel * base;
            placed_numel *= sizes[v];
            v--;
        }
        // A new dimension straddling two chunks would need two strides.
        if (placed_numel != chunk_numel) return false;
        if (d > 0) {
            base = t->stride[d - 1];
            chunk_numel = placed_numel = 1;
        }
    }
    return v == -1;
}
//< view-strides-chunks

//> tensor-view
Tensor *tensor_view(const Tensor *t, Shape shape) {
    int64_t sizes[MAX_DIMS], strides[MAX_DIMS];
    if (infer_shape(shape, tensor_numel(t), sizes) < 0) return NULL;
    if (!view_strides(t, shape.len, sizes, strides)) {
        set_error(ERR_VIEW_STRIDES, "view size is not compatible with input tensor's size and "
                                    "stride (at least one dimension spans across two contiguous "
                                    "subspaces). Use .reshape(...) instead.");
        return NULL;
    }
    // Same storage, same offset: only the way we walk it changes.
    return tensor_on(t->storage, t->offset, shape.len, sizes, strides);
}
//< tensor-view

//> is-contiguous
bool tensor_is_contiguous(const Tensor *t) {
    if (tensor_numel(t) == 0) return true;
    int64_t expected = 1;  // the stride a row-major layout would have here
    for (int d = t->ndim - 1; d >= 0; d--) {
        if (t->shape[d] == 1) continue;  // a size-1 dim's stride never matters
        if (t->stride[d] != expected) return false;
        expected *= t->shape[d];
    }
    return true;
}
//< is-contiguous

//> copy-elements
// The plainest possible copy: walk every index of `src` with the odometer
// and write the element to the same index of `dst`. Both may have any
// strides. `weak` marks this definition as a default: if another object
// file defines copy_elements too, the linker takes that one instead.
// Chapter 5 does exactly that, with a copy that is many times faster; until
// then (and in a build of chapters 1-3 alone), this is the one that runs.
__attribute__((weak)) void copy_elements(Tensor *dst, const Tensor *src) {
    int64_t index[MAX_DIMS] = {0};
    int64_t numel = tensor_numel(src);
    for (int64_t n = 0; n < numel; n++) {
        dst->storage->data[tensor_storage_index(dst, index)] =
            src->storage->data[tensor_storage_index(src, index)];
        next_index(src->ndim, src->shape, index);
    }
}
//< copy-elements

//> tensor-contiguous
// A fresh row-major tensor of the same shape, holding a copy.
static Tensor *copy_contiguous(const Tensor *t) {
    Tensor *out = tensor_empty(tensor_shape(t));
    if (out != NULL) copy_elements(out, t);
    return out;
}

Tensor *tensor_contiguous(const Tensor *t) {
    if (tensor_is_contiguous(t)) return tensor_alias(t);
    return copy_contiguous(t);
}
//< tensor-contiguous

//> tensor-reshape
Tensor *tensor_reshape(const Tensor *t, Shape shape) {
    int64_t sizes[MAX_DIMS], strides[MAX_DIMS];
    if (infer_shape(shape, tensor_numel(t), sizes) < 0) return NULL;
    if (view_strides(t, shape.len, sizes, strides)) {
        return tensor_on(t->storage, t->offset, shape.len, sizes, strides);
    }
    // No view exists: copy into row-major order, where every shape with
    // the same element count is a view.
    Tensor *copy = copy_contiguous(t);
    if (copy == NULL) return NULL;
    Tensor *out = tensor_view(copy, shape);
    tensor_free(copy);  // `out` keeps the new storage alive
    return out;
}
//< tensor-reshape
