// Chapter 4 puzzles: views made with the view family, any strides in
// (exercise 4.4 is in src/views.c).
// The tests are in tests/exercises/ex04.c; `make grade` scores them.
#ifndef STRIDES_EXERCISES_04_H
#define STRIDES_EXERCISES_04_H

#include "tensor.h"

//> unfold
// Exercise 4.1 (sliding windows along any dim). PyTorch's
// x.unfold(dim, size, step), as a view: the windows of `size` consecutive
// elements along dimension `dim` (negative counts from the end), starting
// `step` elements apart. Dimension dim becomes the window number, of size
// (n - size) / step + 1 for a dim of size n, and a new last dimension of
// `size` runs along a window: for a 3-D x and dim 1, element [a, i, c, k]
// is x[a, i * step + k, c]. x has at least one dimension and size >= 0.
// Refused (NULL, and the error's kind), checked in this order:
//   dim out of range (dim_wrap's refusal)        ERR_INDEX
//   size larger than the dimension               ERR_RUNTIME
//   step below 1                                 ERR_RUNTIME
// (PyTorch says "maximum size for tensor at dimension 1 is 3 but size is
// 4" and "step is 0 but must be > 0"; the tests check only the kind.)
Tensor *unfold_view(const Tensor *x, int64_t dim, int64_t size, int64_t step);
//< unfold

//> diagonal-of
// Exercise 4.2 (torch.diagonal). The diagonals of the matrices that x
// holds in dimensions dim1 and dim2 (negative counts from the end), as a
// view. Both dimensions are removed, the others keep their order, and a
// new last dimension runs along the diagonal: for a 3-D x, dim1 = 1 and
// dim2 = 2, element [a, i] is x[a, i, i + offset] for offset >= 0 (the
// diagonal `offset` above the main one) and x[a, i - offset, i] for
// offset < 0 (below it). An offset past the edge gives an empty diagonal,
// which starts where x starts. Refused (NULL, and the error's kind):
//   a dim out of range (dim_wrap's refusal)      ERR_INDEX
//   dim1 and dim2 the same dim                   ERR_RUNTIME
// (PyTorch says "diagonal dimensions cannot be identical 1, -2").
Tensor *diagonal_of(const Tensor *x, int64_t offset, int64_t dim1, int64_t dim2);
//< diagonal-of

//> movedim
// Exercise 4.3 (torch.movedim). Move dimension `source` of x to position
// `destination` (negative counts from the end for both), the other
// dimensions keeping their order: a (2, 3, 4, 5) tensor with source 3 and
// destination 1 becomes (2, 5, 3, 4). A view of x. A dim out of range is
// refused as dim_wrap refuses it (NULL, ERR_INDEX), source first.
Tensor *movedim_view(const Tensor *x, int64_t source, int64_t destination);
//< movedim

#endif
