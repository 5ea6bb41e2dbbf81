// Chapter 6 exercises: more of torch.nn.functional, each a function of its
// arguments built from chapter 5's operations.
// The tests are in tests/exercises/ex06.c; `make grade` scores them.
#ifndef STRIDES_EXERCISES_06_H
#define STRIDES_EXERCISES_06_H

#include <stdint.h>

#include "tensor.h"

//> leaky-relu
// Exercise 6.1. F.leaky_relu(input, negative_slope): x where x > 0, and
// negative_slope * x elsewhere, element by element (negative_slope >= 0).
// A new tensor laid out as chapter 5 lays out an elementwise result of
// `input`: a transposed input gives a transposed result, as in PyTorch.
// Built from chapter 5's operations, with no loop over elements.
Tensor *F_leaky_relu(const Tensor *input, float negative_slope);
//< leaky-relu

//> gelu
// Exercise 6.2. F.gelu(input, approximate='tanh'), the activation of BERT
// and GPT-2 in its tanh form, element by element:
//   0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))
// Laid out like F_leaky_relu's result; chapter 5's operations only.
Tensor *F_gelu_tanh(const Tensor *input);
//< gelu

//> layer-norm
// Exercise 6.3. F.layer_norm(input, (n,), weight, bias, eps): each run of
// n elements along the last dimension of input is normalized to mean 0
// and variance 1, (x - mean) / sqrt(var + eps), with the biased variance
// (the mean of (x - mean)^2); then multiplied by weight and shifted by
// bias, both of shape (n,), or NULL for none. A new row-major tensor of
// input's shape, whatever input's strides. A weight, bias or input that
// does not fit is refused: NULL and a RuntimeError (ERR_RUNTIME; the tests
// check the kind, not the words). PyTorch checks weight, bias, then input,
// and says:
//   "Expected weight to be of same shape as normalized_shape, but got weight of shape [3] and normalized_shape = [4]"
//   "Expected bias to be of same shape as normalized_shape, but got bias of shape [3] and normalized_shape = [4]"
//   "Given normalized_shape=[3], expected input with shape [*, 3], but got input of size[3, 4]"
Tensor *F_layer_norm(const Tensor *input, int64_t normalized_size, const Tensor *weight,
                     const Tensor *bias, double eps);
//< layer-norm

#endif
