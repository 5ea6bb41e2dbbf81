// A module of our own, written the way a PyTorch user writes one:
//
//   class MLP(nn.Module):
//       def __init__(self, n_in, n_hidden, n_out):
//           super().__init__()
//           self.fc1 = nn.Linear(n_in, n_hidden)
//           self.fc2 = nn.Linear(n_hidden, n_out)
//
//       def forward(self, x):
//           return self.fc2(F.relu(self.fc1(x)))
//
// The demo and the tests of chapter 7 compile this file into themselves.
#include "functional.h"
#include "module.h"
#include "nn.h"

//> mlp-struct
// The object: a Module first (so a Module * can be cast to an MLP *),
// then the fields of our class. fc1 and fc2 are borrowed: the children
// registry owns them, as `self.fc1 = ...` makes the Python module own
// them. The fields just save looking them up by name.
typedef struct MLP {
    Module  base;
    Module *fc1, *fc2;
} MLP;
//< mlp-struct

//> mlp-forward
// The state lives in the children; the computation in between is a plain
// function. ReLU has no weights, so it needs no module: F_relu will do.
static Tensor *mlp_forward(Module *self, const Tensor *x) {
    MLP *mlp = (MLP *)self;
    Tensor *h = module_call(mlp->fc1, x);
    if (h == NULL) return NULL;
    Tensor *a = F_relu(h);
    tensor_free(h);
    if (a == NULL) return NULL;
    Tensor *y = module_call(mlp->fc2, a);
    tensor_free(a);
    return y;
}

static const ModuleType MLP_TYPE = {.name = "MLP", .forward = mlp_forward};
//< mlp-forward

//> mlp-new
// __init__: make the object, then register the children under the names
// PyTorch would give them (the attribute names). Registration takes over
// each child, so a failure anywhere leaks nothing.
static Module *mlp_new(int64_t n_in, int64_t n_hidden, int64_t n_out, Rng *rng) {
    MLP *mlp = (MLP *)module_new(&MLP_TYPE, sizeof(MLP));
    if (mlp == NULL) return NULL;
    Module *self = &mlp->base;
    if (module_register_module(self, "fc1", nn_Linear(n_in, n_hidden, true, rng)) < 0 ||
        module_register_module(self, "fc2", nn_Linear(n_hidden, n_out, true, rng)) < 0) {
        module_release(self);
        return NULL;
    }
    mlp->fc1 = module_submodule(self, "fc1");
    mlp->fc2 = module_submodule(self, "fc2");
    return self;
}
//< mlp-new
