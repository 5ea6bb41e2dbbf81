// Chapter 5 exercises: walking strided memory, and broadcasting.
// The tests are in tests/exercises/ex05.c; `make grade` scores them.
#ifndef STRIDES_EXERCISES_05_H
#define STRIDES_EXERCISES_05_H

#include <stdbool.h>

#include "tensor.h"

//> prod-dim
// Exercise 5.2 (a reduction through the iterator). torch.prod(t, dim,
// keepdim): the product of the elements along dimension `dim` (negative
// counts from the end). The dim disappears from the shape or, with
// keepdim, stays with size 1. A new row-major tensor (strides as
// tensor_empty gives them), whatever t's strides; the product of no
// elements is 1. A 0-dim t is one element (dim 0 or -1). A dim out of
// range is refused as dim_wrap refuses it: NULL and an IndexError
// (ERR_INDEX; the tests check the kind, not the words).
// Walk the other dims with chapter 5's iterator (iter.h): one position of
// the walk per output element, and a loop along `dim` for its product.
Tensor *prod_dim(const Tensor *t, int64_t dim, bool keepdim);
//< prod-dim

//> pairwise
// Exercise 5.3 (broadcasting). The squared Euclidean distance between
// every row of x (n, d) and every row of y (m, d): a new row-major (n, m)
// tensor whose element [i, j] is the sum over k of (x[i, k] - y[j, k])^2.
// No loop over elements: chapter 5's operations, broadcasting. Refused
// (NULL and a RuntimeError, ERR_RUNTIME; the tests check the kind) when x
// or y is not 2-D, or their columns differ; x is checked first, e.g.
//   "pairwise_sq_distances: expected a 2-D tensor, but got a 3-D tensor"
//   "pairwise_sq_distances: x has 3 columns but y has 4"
Tensor *pairwise_sq_distances(const Tensor *x, const Tensor *y);
//< pairwise

#endif
