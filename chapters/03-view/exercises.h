// Chapter 3 exercises: views that view() alone can't make, and one it
// always can. The tests are in tests/exercises/ex03.c; `make grade`
// scores them.
#ifndef STRIDES_EXERCISES_03_H
#define STRIDES_EXERCISES_03_H

#include "tensor.h"

//> sliding-window
// Exercise 3.1. Every run of `size` consecutive elements of the 1-D
// tensor x, as rows of a 2-D view (PyTorch: x.unfold(0, size, 1)): row i
// is x[i], ..., x[i + size - 1], so neighbouring rows overlap and share
// memory. Shape (n - size + 1, size). Errors (NULL and the message):
//   "sliding_window: expected a 1-D tensor, but got a 2-D tensor"
//   "sliding_window: size must be between 1 and 5, but got 6"
Tensor *sliding_window(const Tensor *x, int64_t size);
//< sliding-window

//> split-last
// Exercise 3.2. Split the last dimension of t (of size n) into two,
// (n / k, k), keeping the others: a (2, 12) tensor split by 4 is
// (2, 3, 4). Use tensor_view() with -1 for n / k, so that a k that does
// not divide n gets view()'s own message, e.g.
//   "shape '[2, -1, 5]' is invalid for input of size 24".
// Splitting one dimension is always possible as a view, whatever t's
// strides: the result must share t's storage. Also refused:
//   "split_last_dim: k must be positive, but got 0"
//   "split_last_dim: a 0-dim tensor has no last dimension"
Tensor *split_last_dim(const Tensor *t, int64_t k);
//< split-last

//> image-patches
// Exercise 3.3. Cut a 2-D image (H, W) into p x p patches, as a 4-D view
// of shape (H/p, W/p, p, p): element [i, j, a, b] is img[i*p + a, j*p + b].
// Any strides and offset. Errors (NULL and the message):
//   "image_patches: expected a 2-D tensor, but got a 3-D tensor"
//   "image_patches: patch size 4 does not divide the image size (6, 8)"
// (a patch size below 1 divides nothing).
Tensor *image_patches(const Tensor *img, int64_t p);
//< image-patches

#endif
