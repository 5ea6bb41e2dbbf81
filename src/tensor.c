//> tensor-includes
#include "tensor.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
//< tensor-includes

//> intlist-of
IntList intlist_of(const int64_t *values, size_t count) {
    // Keep the true count, even past MAX_DIMS, so shape_check() can
    // report it; only the values that fit are stored.
    IntList list = {.len = count > INT32_MAX ? INT32_MAX : (int)count};
    for (size_t i = 0; i < count && i < MAX_DIMS; i++) list.at[i] = values[i];
    return list;
}
//< intlist-of

//> ints-text
static IntsText join_ints(int len, const int64_t *values, const char *open,
                          const char *close) {
    IntsText text;
    size_t used = (size_t)snprintf(text.s, sizeof text.s, "%s", open);
    for (int i = 0; i < len && i < MAX_DIMS; i++) {
        used += (size_t)snprintf(text.s + used, sizeof text.s - used, "%s%lld",
                                 i ? ", " : "", (long long)values[i]);
    }
    snprintf(text.s + used, sizeof text.s - used, "%s", close);
    return text;
}

IntsText ints_text(int len, const int64_t *values) {
    return join_ints(len, values, "[", "]");
}

IntsText tuple_text(int len, const int64_t *values) {
    return join_ints(len, values, "(", len == 1 ? ",)" : ")");
}
//< ints-text

//> contiguous-strides
// Row-major ("C order") strides: the last dimension moves fastest, one
// element at a time; each dimension to its left jumps over a whole block
// of the dimensions to its right. A size-0 dimension counts as 1 here,
// so an empty tensor still gets the strides PyTorch gives it. Only an
// empty tensor can have sizes whose product overflows (shape_check lets
// (0, 2^40, 2^40) through: it has 0 bytes); its strides are never used to
// read anything, and PyTorch lets the product wrap around, so we do too --
// in unsigned arithmetic, where wrapping is defined behaviour.
void shape_contiguous_strides(int ndim, const int64_t *shape, int64_t *stride) {
    /* BEGIN SOLUTION 2.4 */
    uint64_t step = 1;
    for (int d = ndim - 1; d >= 0; d--) {
        stride[d] = (int64_t)step;
        step *= (uint64_t)(shape[d] > 1 ? shape[d] : 1);
    }
    /* END SOLUTION */
    /* STUB
    // Exercise 2.4: row-major strides. Until then every stride is 0, so
    // every element reads storage[offset].
    (void)shape;
    for (int d = 0; d < ndim; d++) stride[d] = 0;
    error_not_implemented("2.4");
    */
}
//< contiguous-strides

//> check-shape
int shape_check(Shape shape) {
    if (shape.len > MAX_DIMS) {
        return error_set(ERR_RUNTIME, "Strides supports at most %d dimensions, but got %d",
                                      MAX_DIMS, shape.len);
    }
    for (int d = 0; d < shape.len; d++) {
        if (shape.at[d] < 0) {
            return error_set(ERR_RUNTIME, "Trying to create tensor with negative dimension "
                                          "%lld: %s", (long long)shape.at[d],
                                          ints_text(shape.len, shape.at).s);
        }
    }
    // The byte count numel * 4 must fit in an int64 (PyTorch's own check):
    // multiply step by step and stop before a product could wrap around.
    int64_t bytes = sizeof(float);
    for (int d = 0; d < shape.len; d++) {
        if (shape.at[d] != 0 && bytes > INT64_MAX / shape.at[d]) {
            return error_set(ERR_RUNTIME, "Storage size calculation overflowed with sizes=%s",
                                          ints_text(shape.len, shape.at).s);
        }
        bytes *= shape.at[d];
    }
    return 0;
}
//< check-shape

//> tensor-on
Tensor *tensor_on(Storage *storage, int64_t offset, int ndim,
                  const int64_t *shape, const int64_t *stride) {
    Tensor *t = malloc(sizeof *t);
    if (t == NULL) {
        error_set_alloc(sizeof *t);
        return NULL;
    }
    t->storage = storage_retain(storage);
    t->offset = offset;
    t->ndim = ndim;
    for (int d = 0; d < ndim; d++) {
        t->shape[d] = shape[d];
        t->stride[d] = stride[d];
    }
    return t;
}

Tensor *tensor_alias(const Tensor *t) {
    return tensor_on(t->storage, t->offset, t->ndim, t->shape, t->stride);
}

void tensor_free(Tensor *t) {
    if (t == NULL) return;
    storage_release(t->storage);
    free(t);
}
//< tensor-on

//> tensor-metadata
int64_t tensor_numel(const Tensor *t) {
    int64_t n = 1;
    for (int d = 0; d < t->ndim; d++) n *= t->shape[d];
    return n;
}

Shape tensor_shape(const Tensor *t) {
    return intlist_of(t->shape, (size_t)t->ndim);
}

IntList tensor_strides(const Tensor *t) {
    return intlist_of(t->stride, (size_t)t->ndim);
}
//< tensor-metadata

//> tensor-empty
// Every constructor starts here: a fresh storage of exactly numel
// elements, viewed with row-major strides from offset 0.
Tensor *tensor_empty(Shape shape) {
    if (shape_check(shape) < 0) return NULL;
    int64_t numel = 1;
    for (int d = 0; d < shape.len; d++) numel *= shape.at[d];

    Storage *storage = storage_new(numel);
    if (storage == NULL) return NULL;
    int64_t stride[MAX_DIMS];
    shape_contiguous_strides(shape.len, shape.at, stride);
    Tensor *t = tensor_on(storage, 0, shape.len, shape.at, stride);
    storage_release(storage);  // the tensor holds its own reference now
    return t;
}
//< tensor-empty

//> tensor-fill
Tensor *tensor_full(Shape shape, float value) {
    Tensor *t = tensor_empty(shape);
    if (t == NULL) return NULL;
    // A fresh tensor is contiguous from offset 0, so its elements are
    // simply the first numel floats of the storage.
    for (int64_t i = 0; i < t->storage->size; i++) t->storage->data[i] = value;
    return t;
}

Tensor *tensor_zeros(Shape shape) { return tensor_empty(shape); }
Tensor *tensor_ones(Shape shape) { return tensor_full(shape, 1.0f); }

Tensor *tensor_from_data(const float *values, Shape shape) {
    Tensor *t = tensor_empty(shape);
    if (t == NULL) return NULL;
    if (t->storage->size > 0) {
        memcpy(t->storage->data, values, (size_t)t->storage->size * sizeof(float));
    }
    return t;
}
//< tensor-fill

//> tensor-arange
Tensor *tensor_arange(double start, double end, double step) {
    if (!(step > 0 || step < 0)) {  // zero, or NaN
        error_set(ERR_RUNTIME, "step must be nonzero");
        return NULL;
    }
    if (!isfinite(start) || !isfinite(end)) {
        error_set(ERR_RUNTIME, "unsupported range: %g -> %g", start, end);
        return NULL;
    }
    if ((step > 0 && end < start) || (step < 0 && end > start)) {
        error_set(ERR_RUNTIME, "upper bound and larger bound inconsistent with step sign");
        return NULL;
    }
    double count = ceil((end - start) / step);
    if (!(count >= 0 && count < (double)INT64_MAX)) {
        error_set(ERR_RUNTIME, "invalid size, possible overflow?");
        return NULL;
    }
    Tensor *t = tensor_empty(SHAPE((int64_t)count));
    if (t == NULL) return NULL;

    // Each value is computed in double and rounded once to float, so
    // arange(0, 1, 0.1) does not accumulate error. PyTorch's AVX2 kernel
    // fills 16 elements per round, each group of 8 from a float base;
    // matching that keeps even the last bit equal to PyTorch's.
    float *out = t->storage->data;
    int64_t n = (int64_t)count, vectorised = n - n % 16;
    for (int64_t i = 0; i < vectorised; i += 8) {
        double base = (float)(start + step * (double)i);
        for (int k = 0; k < 8; k++) out[i + k] = (float)(base + step * k);
    }
    for (int64_t i = vectorised; i < n; i++) {
        out[i] = (float)(start + step * (double)i);
    }
    return t;
}
//< tensor-arange

//> tensor-element
int64_t tensor_storage_index(const Tensor *t, const int64_t *index) {
    /* BEGIN SOLUTION 2.4 */
    int64_t at = t->offset;
    for (int d = 0; d < t->ndim; d++) at += index[d] * t->stride[d];
    return at;
    /* END SOLUTION */
}

// Check an index against the shape, wrapping negative coordinates;
// on success `wrapped` holds the index to use.
static int check_index(const Tensor *t, Index index, int64_t *wrapped) {
    if (index.len > t->ndim) {
        return error_set(ERR_INDEX, "too many indices for tensor of dimension %d", t->ndim);
    }
    if (index.len < t->ndim) {
        return error_set(ERR_INDEX, "expected %d indices for a %d-dim tensor, got %d",
                                    t->ndim, t->ndim, index.len);
    }
    for (int d = 0; d < t->ndim; d++) {
        /* BEGIN SOLUTION 2.1 */
        int64_t i = index.at[d], size = t->shape[d];
        if (i < -size || i >= size) {
            return error_set(ERR_INDEX, "index %lld is out of bounds for dimension %d "
                                        "with size %lld", (long long)i, d, (long long)size);
        }
        wrapped[d] = i < 0 ? i + size : i;
        /* END SOLUTION */
        /* STUB
        // Exercise 2.1: indices in [0, size) work already. Make -1 mean the
        // last element, and anything outside [-size, size) PyTorch's error.
        if (index.at[d] < 0 || index.at[d] >= t->shape[d]) {
            return error_not_implemented("2.1");
        }
        wrapped[d] = index.at[d];
        */
    }
    return 0;
}

int tensor_get(const Tensor *t, Index index, float *value) {
    int64_t at[MAX_DIMS];
    if (check_index(t, index, at) < 0) return -1;
    *value = t->storage->data[tensor_storage_index(t, at)];
    return 0;
}

int tensor_set(Tensor *t, Index index, float value) {
    int64_t at[MAX_DIMS];
    if (check_index(t, index, at) < 0) return -1;
    t->storage->data[tensor_storage_index(t, at)] = value;
    return 0;
}
//< tensor-element

//> next-index
bool index_next(int ndim, const int64_t *shape, int64_t *index) {
    for (int d = ndim - 1; d >= 0; d--) {
        if (++index[d] < shape[d]) return true;
        index[d] = 0;  // this wheel rolls over; carry into the next one
    }
    return false;
}
//< next-index

//> unravel-index
void index_unravel(int ndim, const int64_t *shape, int64_t position,
                   int64_t *index) {
    // The last coordinate is the ones digit, in base shape[ndim - 1]; what
    // remains counts whole rows, and so on outwards. (A size-0 dim has no
    // positions; it is taken as 1 so that nothing divides by zero.)
    for (int d = ndim - 1; d >= 0; d--) {
        int64_t size = shape[d] > 0 ? shape[d] : 1;
        index[d] = position % size;
        position /= size;
    }
}
//< unravel-index
