//> nn-api
// The building blocks of torch.nn, built on the object system of
// module.h: each constructor returns a new Module (its owner releases it
// with module_release) or NULL with PyTorch's message.
#ifndef STRIDES_NN_H
#define STRIDES_NN_H

#include <stdbool.h>
#include <stdint.h>

#include "module.h"
#include "rng.h"

// nn.Linear(in_features, out_features, bias): y = x W^T + b, with a
// weight (out, in) and a bias (out,) drawn from `rng` exactly as PyTorch
// draws them: the weight first, then the bias, both uniform in
// [-1/sqrt(in), 1/sqrt(in)).
Module *nn_Linear(int64_t in_features, int64_t out_features, bool bias, Rng *rng);

// Activations: modules with no state, whose forward is the F_ function.
Module *nn_ReLU(void);
Module *nn_Sigmoid(void);
Module *nn_Tanh(void);
Module *nn_Softmax(int64_t dim);

// nn.Flatten(start_dim, end_dim): PyTorch's defaults are 1 and -1, which
// keep the batch dimension.
Module *nn_Flatten(int64_t start_dim, int64_t end_dim);

// nn.Sequential(a, b, c): children named "0", "1", "2", run in order, each
// on the output of the one before. The modules are taken over (their
// owner is now the Sequential); pass module_retain(m) to put one module in
// two places. A NULL among them means its constructor failed: the others
// are released and the failure is passed on, so a whole model can be
// built in one expression and checked once.
Module *nn_sequential_of(int count, Module *const *modules);
#define nn_Sequential(...)                                                   \
    nn_sequential_of((int)(sizeof((Module *[]){__VA_ARGS__}) / sizeof(Module *)), \
                     (Module *[]){__VA_ARGS__})

#endif
//< nn-api
