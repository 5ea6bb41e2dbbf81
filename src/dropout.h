//> dropout-api
// Dropout (chapter 8): during training, zero each element with
// probability p and scale the survivors by 1/(1-p), so that every
// element keeps its expected value; outside training, do nothing at all.
#ifndef STRIDES_DROPOUT_H
#define STRIDES_DROPOUT_H

#include <stdbool.h>

#include "module.h"
#include "rng.h"
#include "tensor.h"

// The mask dropout multiplies by, for a tensor of `shape`: each element
// 1/(1-p) with probability 1-p, else 0, one draw from `rng` per element in
// row-major order (so a seed fixes the mask, whatever the strides of the
// tensor it is applied to). p == 0 gives ones, p == 1 zeros. NULL with
// PyTorch's message if p is not in [0, 1]. The visualizer draws it.
Tensor *dropout_mask(Shape shape, double p, Rng *rng);

// F.dropout(input, p, training): input * mask when training, a new handle
// on the input itself (no copy) when not, or when p == 0 or input is
// empty; input * 0 when p == 1. F_dropout_ is the in-place form
// (inplace=True): it writes into `input` and returns 0, or -1.
Tensor *F_dropout(const Tensor *input, double p, bool training, Rng *rng);
int     F_dropout_(Tensor *input, double p, bool training, Rng *rng);

// F.dropout2d: the same, but one draw per channel, dims 0 and 1 of an
// (N, C, H, W) input (any input of 2 dims or more), so a channel is kept
// or zeroed whole.
Tensor *F_dropout2d(const Tensor *input, double p, bool training, Rng *rng);
int     F_dropout2d_(Tensor *input, double p, bool training, Rng *rng);

// nn.Dropout(p, inplace) and nn.Dropout2d(p, inplace): no parameters; the
// forward is F_dropout with the module's own training flag. The module
// draws from `rng`, which it borrows: the generator must outlive it.
Module *nn_Dropout(double p, bool inplace, Rng *rng);
Module *nn_Dropout2d(double p, bool inplace, Rng *rng);

#endif
//< dropout-api
