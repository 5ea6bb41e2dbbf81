// Chapter 2 exercises: views made by hand with tensor_on().
// The tests are in tests/exercises/ex02.c; `make grade` scores them.
#ifndef STRIDES_EXERCISES_02_H
#define STRIDES_EXERCISES_02_H

#include "tensor.h"

//> diagonal
// Exercise 2.2. The main diagonal of a 2-D tensor, as a 1-D view of the
// same storage (PyTorch: m.diagonal()): element k is m[k, k]. Works for
// any strides and offset, and for wide or tall matrices. Anything but a
// 2-D tensor is refused: NULL and an ERR_RUNTIME error, with a message
// like "diagonal: expected a 2-D tensor, but got a 3-D tensor".
Tensor *diagonal_view(const Tensor *m);
//< diagonal

//> permute-by-hand
// Exercise 2.3 (strides worked by hand). `x` is a contiguous (2, 3, 4)
// tensor, starting at any offset of its storage. Return the view
// x.permute(2, 0, 1): dimension 0 of the result is x's dimension 2, and
// so on. Work its shape, strides and offset out on paper first; the
// answer is one call to tensor_on(). Any other input: NULL and an
// ERR_RUNTIME error ("permute_by_hand: expected a contiguous (2, 3, 4) tensor").
Tensor *permute_by_hand(const Tensor *x);
//< permute-by-hand

#endif
