// The classic dropout bug, and two fixes, as three small models. Each is
// chapter 7's MLP with dropout after the hidden layer:
//
//   x -> fc1 -> relu -> dropout(p) -> fc2
//
// The demo and the tests of chapter 8 compile this file into themselves.
#include "dropout.h"
#include "functional.h"
#include "module.h"
#include "nn.h"

//> net
// The model's state: two layers (children, so train() and eval() reach
// them), the dropout probability, and a generator it borrows.
typedef struct Net {
    Module  base;
    Module *fc1, *fc2;  // borrowed from the children registry
    double  p;
    Rng    *rng;
} Net;

// relu(fc1(x)), and fc2 of a hidden tensor (which it frees): the parts
// the models share. NULL in, NULL out, so failures pass straight through.
static Tensor *hidden(Net *net, const Tensor *x) {
    Tensor *h = module_call(net->fc1, x);
    Tensor *a = h != NULL ? F_relu(h) : NULL;
    tensor_free(h);
    return a;
}

static Tensor *last_layer(Net *net, Tensor *h) {
    Tensor *y = h != NULL ? module_call(net->fc2, h) : NULL;
    tensor_free(h);
    return y;
}
//< net

//> buggy-forward
// In PyTorch:  h = F.dropout(h, 0.5)
// F.dropout's `training` defaults to True, and nothing here says otherwise.
static Tensor *buggy_forward(Module *self, const Tensor *x) {
    Net *net = (Net *)self;
    Tensor *h = hidden(net, x);
    Tensor *d = h != NULL ? F_dropout(h, net->p, true, net->rng) : NULL;
    tensor_free(h);
    return last_layer(net, d);
}
//< buggy-forward

//> fixed-forward
// In PyTorch:  h = F.dropout(h, 0.5, training=self.training)
// The function has no state, so the module hands it its own.
static Tensor *fixed_forward(Module *self, const Tensor *x) {
    Net *net = (Net *)self;
    Tensor *h = hidden(net, x);
    Tensor *d = h != NULL ? F_dropout(h, net->p, self->training, net->rng) : NULL;
    tensor_free(h);
    return last_layer(net, d);
}
//< fixed-forward

//> net-new
static const ModuleType BUGGY_NET = {.name = "BuggyNet", .forward = buggy_forward};
static const ModuleType FIXED_NET = {.name = "FixedNet", .forward = fixed_forward};

static Module *net_new(const ModuleType *type, int64_t n_in, int64_t n_hidden,
                       int64_t n_out, double p, Rng *rng) {
    Net *net = (Net *)module_new(type, sizeof(Net));
    if (net == NULL) return NULL;
    net->p = p;
    net->rng = rng;
    Module *self = &net->base;
    if (module_register_module(self, "fc1", nn_Linear(n_in, n_hidden, true, rng)) < 0 ||
        module_register_module(self, "fc2", nn_Linear(n_hidden, n_out, true, rng)) < 0) {
        module_release(self);
        return NULL;
    }
    net->fc1 = module_submodule(self, "fc1");
    net->fc2 = module_submodule(self, "fc2");
    return self;
}
//< net-new

//> module-net
// The other fix: make dropout a module, a child like the layers, so that
// eval() reaches it and it reads its own training flag.
static Module *module_net_new(int64_t n_in, int64_t n_hidden, int64_t n_out, double p,
                              Rng *rng) {
    return nn_Sequential(nn_Linear(n_in, n_hidden, true, rng), nn_ReLU(),
                         nn_Dropout(p, false, rng), nn_Linear(n_hidden, n_out, true, rng));
}
//< module-net
