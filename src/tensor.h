//> tensor-guard
// A tensor is a view of a Storage through three pieces of metadata:
// a shape, a stride per dimension, and an offset. This header is the
// whole vocabulary of chapter 2.
#ifndef STRIDES_TENSOR_H
#define STRIDES_TENSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "storage.h"
//< tensor-guard

//> tensor-intlist
// Strides keeps shapes in fixed arrays, so a tensor is one small struct
// with no further allocations. Eight dimensions is plenty for teaching;
// asking for more is an error, never an overflow.
#define MAX_DIMS 8

// A short list of integers passed by value: a shape, an index, a list of
// dimensions. `len` is the true count even when it exceeds MAX_DIMS (only
// the first MAX_DIMS values are kept), so functions can refuse it.
typedef struct IntList {
    int     len;
    int64_t at[MAX_DIMS];
} IntList;

typedef IntList Shape;  // a size per dimension
typedef IntList Index;  // a coordinate per dimension

// SHAPE(2, 3, 4) and INDEX(1, 2, 0) build an IntList from their arguments,
// so calls read like PyTorch: tensor_zeros(SHAPE(2, 3)).
#define INTS(...)                                                        \
    intlist_of((const int64_t[]){__VA_ARGS__},                           \
               sizeof((const int64_t[]){__VA_ARGS__}) / sizeof(int64_t))
#define SHAPE(...) INTS(__VA_ARGS__)
#define INDEX(...) INTS(__VA_ARGS__)
// The shape of a 0-dim tensor (a scalar): no dimensions at all.
#define SCALAR_SHAPE ((Shape){.len = 0})

IntList intlist_of(const int64_t *values, size_t count);
//< tensor-intlist

//> tensor-struct
typedef struct Tensor {
    Storage *storage;           // shared, reference-counted
    int64_t  offset;            // index in storage of element (0, 0, ..., 0)
    int      ndim;              // 0 for a scalar
    int64_t  shape[MAX_DIMS];   // size of each dimension
    int64_t  stride[MAX_DIMS];  // storage steps per +1 along each dimension
} Tensor;
//< tensor-struct

//> tensor-constructors-api
// Constructors. Each returns a new tensor that the caller frees with
// tensor_free(), or NULL with error_message() set.
Tensor *tensor_empty(Shape shape);  // zero-filled (see chapter 1)
Tensor *tensor_zeros(Shape shape);
Tensor *tensor_ones(Shape shape);
Tensor *tensor_full(Shape shape, float value);
Tensor *tensor_arange(double start, double end, double step);
Tensor *tensor_from_data(const float *values, Shape shape);  // copies
//< tensor-constructors-api

//> tensor-handles-api
// A new handle onto existing memory: shares `storage` (taking a
// reference), with the given offset, shape and strides. No checks: the
// view functions of chapters 3 and 4 check before they call it.
Tensor *tensor_on(Storage *storage, int64_t offset, int ndim,
                  const int64_t *shape, const int64_t *stride);

// Another handle onto exactly what `t` shows.
Tensor *tensor_alias(const Tensor *t);

// Release the handle (and the storage, if this was its last user).
void tensor_free(Tensor *t);
//< tensor-handles-api

//> tensor-metadata-api
int64_t tensor_numel(const Tensor *t);
Shape   tensor_shape(const Tensor *t);
IntList tensor_strides(const Tensor *t);
void    shape_contiguous_strides(int ndim, const int64_t *shape, int64_t *stride);
int     shape_check(Shape shape);  // 0, or -1 with PyTorch's message
//< tensor-metadata-api

//> tensor-elements-api
// The storage index of element (i0, i1, ...) is
// offset + i0*stride[0] + i1*stride[1] + ... Negative indices count from
// the end, as in Python. Out of range is an error, never a wild read.
int64_t tensor_storage_index(const Tensor *t, const int64_t *index);
int     tensor_get(const Tensor *t, Index index, float *value);
int     tensor_set(Tensor *t, Index index, float value);

// Step `index` to the next position in row-major order (the last
// coordinate fastest, like an odometer). False after the last position,
// when `index` has rolled over to all zeros.
bool    index_next(int ndim, const int64_t *shape, int64_t *index);

// The index at row-major `position` (0 <= position < numel): where
// index_next() arrives after `position` steps from all zeros, in one jump.
void    index_unravel(int ndim, const int64_t *shape, int64_t position,
                      int64_t *index);
//< tensor-elements-api

//> tensor-text-api
// Text for messages: "[2, 3, 4]", or as a Python tuple "(2, 3, 4)",
// "(12,)", "()". The result is a struct holding the characters, so it can
// be used inside a error_set() call with no buffer to declare:
// error_set(ERR_RUNTIME, "... %s", ints_text(n, v).s).
typedef struct IntsText {
    char s[MAX_DIMS * 22 + 4];
} IntsText;
IntsText ints_text(int len, const int64_t *values);
IntsText tuple_text(int len, const int64_t *values);

#endif
//< tensor-text-api
