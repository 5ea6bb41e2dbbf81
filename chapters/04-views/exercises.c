// Chapter 4 exercises: write your code between the braces.
#include "exercises.h"

#include "error.h"
#include "views.h"

Tensor *unfold_view(const Tensor *x, int64_t dim, int64_t size, int64_t step) {
    /* BEGIN SOLUTION 4.1 */
    int64_t d = dim_wrap(dim, x->ndim);
    if (d < 0) return NULL;
    // (PyTorch takes a 0-dim tensor as one element, and gives back just
    // the window dim.)
    int64_t n = x->ndim > 0 ? x->shape[d] : 1;
    if (size > n) {
        error_set(ERR_RUNTIME, "maximum size for tensor at dimension %lld is %lld but size is %lld",
                               (long long)d, (long long)n, (long long)size);
        return NULL;
    }
    if (step <= 0) {
        error_set(ERR_RUNTIME, "step is %lld but must be > 0", (long long)step);
        return NULL;
    }
    if (x->ndim == 0) return tensor_as_strided(x, SHAPE(size), INTS(1), AS_STRIDED_KEEP_OFFSET);
    // Next window: `step` elements further along dim d. Next element of a
    // window: one element further along d. Both steps are along d, so both
    // strides are multiples of d's own.
    Shape shape = tensor_shape(x);
    IntList strides = tensor_strides(x);
    shape.at[d] = (n - size) / step + 1;
    if (__builtin_mul_overflow(step, x->stride[d], &strides.at[d])) {
        error_set(ERR_RUNTIME, "Strides: an offset or stride of the result overflows int64");
        return NULL;
    }
    if (shape.len == MAX_DIMS) {
        error_set(ERR_RUNTIME, "Strides supports at most %d dimensions, but got %d", MAX_DIMS,
                               MAX_DIMS + 1);
        return NULL;
    }
    shape.at[shape.len++] = size;
    strides.at[strides.len++] = x->stride[d];
    return tensor_as_strided(x, shape, strides, AS_STRIDED_KEEP_OFFSET);
    /* END SOLUTION */
}

Tensor *diagonal_of(const Tensor *x, int64_t offset, int64_t dim1, int64_t dim2) {
    /* BEGIN SOLUTION 4.2 */
    int64_t d1 = dim_wrap(dim1, x->ndim);
    if (d1 < 0) return NULL;
    int64_t d2 = dim_wrap(dim2, x->ndim);
    if (d2 < 0) return NULL;
    if (d1 == d2) {
        error_set(ERR_RUNTIME,
                  "diagonal dimensions cannot be identical %lld, %lld", (long long)dim1,
                  (long long)dim2);
        return NULL;
    }
    // Along the diagonal, one step is one step along both dims at once. An
    // offset shifts its start along dim2 (above the main diagonal) or dim1
    // (below), and shortens it. (Only a non-empty diagonal moves: then
    // |offset| < size, and nothing can overflow.)
    int64_t n1 = x->shape[d1], n2 = x->shape[d2], size, start = x->offset;
    if (offset >= 0) {
        size = n2 - offset < n1 ? n2 - offset : n1;
        if (size > 0) start += offset * x->stride[d2];
    } else {
        size = n1 + offset < n2 ? n1 + offset : n2;
        if (size > 0) start -= offset * x->stride[d1];
    }
    if (size < 0) size = 0;
    int64_t shape[MAX_DIMS], strides[MAX_DIMS];
    int ndim = 0;
    for (int d = 0; d < x->ndim; d++) {
        if (d == d1 || d == d2) continue;
        shape[ndim] = x->shape[d];
        strides[ndim++] = x->stride[d];
    }
    shape[ndim] = size;
    strides[ndim++] = x->stride[d1] + x->stride[d2];
    return tensor_on(x->storage, start, ndim, shape, strides);
    /* END SOLUTION */
}

Tensor *movedim_view(const Tensor *x, int64_t source, int64_t destination) {
    /* BEGIN SOLUTION 4.3 */
    int64_t from = dim_wrap(source, x->ndim);
    if (from < 0) return NULL;
    int64_t to = dim_wrap(destination, x->ndim);
    if (to < 0) return NULL;
    // The other dims in their order, with `from` slotted in at `to`.
    int64_t dims[MAX_DIMS];
    int k = 0;
    for (int d = 0; d < x->ndim; d++) {
        if (d == from) continue;
        if (k == to) dims[k++] = from;
        dims[k++] = d;
    }
    if (k < x->ndim) dims[k] = from;  // `to` is the last position
    return tensor_permute(x, intlist_of(dims, (size_t)x->ndim));
    /* END SOLUTION */
}
