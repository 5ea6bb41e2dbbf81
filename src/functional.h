//> functional-api
// The functional API, PyTorch's torch.nn.functional: plain functions of
// their arguments. Everything a computation needs is passed in, weights
// included, and nothing is remembered from one call to the next. Each
// returns a new tensor that the caller frees, or NULL with PyTorch's
// message. (F_dropout, which also needs a random generator, is chapter 8's.)
#ifndef STRIDES_FUNCTIONAL_H
#define STRIDES_FUNCTIONAL_H

#include <stdint.h>

#include "tensor.h"

// F.linear(input, weight, bias): input @ weight.T + bias, over the last
// dimension of input, whatever dimensions lead it. weight is (out, in),
// bias (out,) or NULL for none.
Tensor *F_linear(const Tensor *input, const Tensor *weight, const Tensor *bias);

// The activations, element by element: max(x, 0), 1 / (1 + e^-x), tanh x.
Tensor *F_relu(const Tensor *input);
Tensor *F_sigmoid(const Tensor *input);
Tensor *F_tanh(const Tensor *input);

// F.softmax(input, dim): exponentials normalised to sum to 1 along `dim`;
// F.log_softmax(input, dim): their logarithms, computed without taking a
// logarithm of a softmax. Both are safe for large inputs.
Tensor *F_softmax(const Tensor *input, int64_t dim);
Tensor *F_log_softmax(const Tensor *input, int64_t dim);

#endif
//< functional-api
