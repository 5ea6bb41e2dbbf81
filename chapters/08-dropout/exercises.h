// Chapter 8 exercises: more randomness, and more modules that behave
// differently in training and in evaluation.
// The tests are in tests/exercises/ex08.c; `make grade` scores them.
#ifndef STRIDES_EXERCISES_08_H
#define STRIDES_EXERCISES_08_H

#include <stdbool.h>
#include <stdint.h>

#include "module.h"
#include "rng.h"
#include "tensor.h"

//> dropout1d
// Exercise 8.1 (channel dropout for sequences). F.dropout1d(input, p,
// training): F_dropout2d for inputs with one spatial dimension, (N, C, L),
// or an unbatched (C, L). Each channel (of each sample) is kept whole and
// scaled by 1/(1-p), or zeroed whole. The draws are those of
// dropout_mask(SHAPE(N, C, 1), p, rng) (for (C, L): SHAPE(C, 1)). Not
// training, p == 0 or an empty input: a new handle on the input itself
// (its storage and layout); p == 1: input * 0. Otherwise a new tensor,
// laid out as PyTorch lays out input * mask. Errors: NULL and an
// ERR_RUNTIME, p checked first (F_dropout's message), then the dims, even
// when not training (PyTorch: "dropout1d: Expected 2D or 3D input, but
// received a 4D input. Note that ..."; the tests check the kind).
Tensor *F_dropout1d(const Tensor *input, double p, bool training, Rng *rng);
//< dropout1d

//> batchnorm
// Exercise 8.2 (the other layer that trains differently).
// nn.BatchNorm1d(num_features, eps, momentum, affine=False): normalizes
// each of the C features (columns) of an (N, C) input. In training it
// uses the batch's own statistics, per feature, y = (x - mean) /
// sqrt(var + eps) with var the biased variance, and updates its buffers:
//   running_mean = (1 - momentum) * running_mean + momentum * mean
//   running_var  = (1 - momentum) * running_var + momentum * var * N / (N - 1)
//   num_batches_tracked += 1
// (running_var tracks the unbiased variance). In evaluation it uses
// running_mean and running_var in place of the batch's, and changes
// nothing. The result is a new row-major (N, C) tensor. The module has no
// parameters and three buffers, in this order: running_mean (C,) of
// zeros, running_var (C,) of ones, num_batches_tracked (0-dim) 0. Its
// repr is PyTorch's, eps and momentum printed as Python prints floats
// (for the values the tests use, "%g" prints the same):
//   "BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=False, track_running_stats=True)"
// Errors: NULL and an error of the kind given, in this order; a forward
// that fails changes no buffer (the tests check the kind; PyTorch's words,
// for reference). PyTorch's BatchNorm1d also takes (N, C, L) inputs; this
// one doesn't, so its first message is its own:
//   ERR_VALUE   "expected 2D input (got 3D input)"
//   ERR_VALUE   "Expected more than 1 value per channel when training, got input size torch.Size([1, 3])"
//   ERR_RUNTIME "running_mean should contain 4 elements not 3"
Module *nn_BatchNorm1d(int64_t num_features, double eps, double momentum);
//< batchnorm

//> mc-dropout
// Exercise 8.3 (Monte Carlo dropout). A trained model's uncertainty: run
// it with its dropout on and everything else in evaluation mode, several
// times, and average. Every module of `model` (model included) whose type
// is named "Dropout" or "Dropout2d" is put in training mode, every other
// one in evaluation mode; then module_call(model, x) runs `samples` times
// in a row, and the mean of the outputs is returned, a new tensor laid
// out like the first output. Afterwards every module's training flag is
// what it was before, whatever happened. Errors: NULL and an ERR_VALUE
// when samples < 1 ("mc_dropout_mean: samples must be at least 1, but got
// 0"), or a failed forward's own error.
Tensor *mc_dropout_mean(Module *model, const Tensor *x, int samples);
//< mc-dropout

#endif
