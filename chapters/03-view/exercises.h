// Chapter 3 puzzles: views that view() alone can't make, and one it
// always can (exercise 3.4 is in src/view.c). The tests are in tests/exercises/ex03.c; `make grade`
// scores them.
#ifndef STRIDES_EXERCISES_03_H
#define STRIDES_EXERCISES_03_H

#include "tensor.h"

//> sliding-window
// Exercise 3.1. Every run of `size` consecutive elements of the 1-D
// tensor x, as rows of a 2-D view (PyTorch: x.unfold(0, size, 1)): row i
// is x[i], ..., x[i + size - 1], so neighbouring rows overlap and share
// memory. Shape (n - size + 1, size). Refused (NULL, and the error's
// kind; the message is yours, e.g. PyTorch-like):
//   x not 1-D                          ERR_RUNTIME  (RuntimeError)
//   size not between 1 and n           ERR_VALUE    (ValueError)
Tensor *sliding_window(const Tensor *x, int64_t size);
//< sliding-window

//> split-last
// Exercise 3.2. Split the last dimension of t (of size n) into two,
// (n / k, k), keeping the others: a (2, 12) tensor split by 4 is
// (2, 3, 4). A k that does not divide n is refused as view() refuses a
// shape that does not hold t's elements (ERR_SHAPE_NUMEL), and a result
// of more than MAX_DIMS dims as any shape that long (ERR_RUNTIME).
// Splitting one dimension is always possible as a view, whatever t's
// strides: the result must share t's storage. Also refused (NULL):
//   k below 1                          ERR_VALUE
//   a 0-dim tensor (no last dim)       ERR_RUNTIME
Tensor *split_last_dim(const Tensor *t, int64_t k);
//< split-last

//> image-patches
// Exercise 3.3. Cut a 2-D image (H, W) into p x p patches, as a 4-D view
// of shape (H/p, W/p, p, p): element [i, j, a, b] is img[i*p + a, j*p + b].
// Any strides and offset. Refused (NULL, and the error's kind):
//   img not 2-D                        ERR_RUNTIME
//   p does not divide H or W           ERR_RUNTIME
// (a patch size below 1 divides nothing).
Tensor *image_patches(const Tensor *img, int64_t p);
//< image-patches

#endif
