//> reduce-api
// Reductions: many elements in, one out. Over the whole tensor (a 0-dim
// result) or along one dim, which disappears from the shape or, with
// keepdim, stays as size 1. Results are row-major, as in PyTorch
// (chapter 5).
#ifndef STRIDES_REDUCE_H
#define STRIDES_REDUCE_H

#include "tensor.h"

// x.sum(), x.sum(dim, keepdim); mean likewise. Sums accumulate in double.
// The mean of no elements is NaN, as in PyTorch.
Tensor *tensor_sum(const Tensor *t);
Tensor *tensor_sum_dim(const Tensor *t, int64_t dim, bool keepdim);
Tensor *tensor_mean(const Tensor *t);
Tensor *tensor_mean_dim(const Tensor *t, int64_t dim, bool keepdim);

// x.max() and x.max(dim, keepdim) -> (values, indices); x.argmax() (an
// index into the flattened tensor) and x.argmax(dim, keepdim). NaN is
// the largest value; ties go to the first index. PyTorch's indices are
// int64; Strides has only float, so they come back as float tensors, exact
// up to 2^24. No elements to choose from is an error, as in PyTorch.
Tensor *tensor_max(const Tensor *t);
int     tensor_max_dim(const Tensor *t, int64_t dim, bool keepdim, Tensor **values,
                       Tensor **indices);
Tensor *tensor_argmax(const Tensor *t);
Tensor *tensor_argmax_dim(const Tensor *t, int64_t dim, bool keepdim);

#endif
//< reduce-api
