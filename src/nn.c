//> nn-includes
#include "nn.h"

#include <math.h>
#include <stdio.h>

#include "error.h"
#include "functional.h"
#include "views.h"
//< nn-includes

//> linear-type
// A Linear is a Module with a few fields of its own. The Module comes
// first, so a Module * pointing at a Linear can be cast back to a
// Linear * (C11 guarantees a struct and its first member share an
// address): this is how C does inheritance.
typedef struct Linear {
    Module  base;
    int64_t in_features, out_features;
    bool    has_bias;  // built with a bias parameter
} Linear;

static Tensor *linear_forward(Module *self, const Tensor *input) {
    Linear *linear = (Linear *)self;
    Tensor *weight = module_parameter(self, "weight")->data;
    Tensor *bias = linear->has_bias ? module_parameter(self, "bias")->data : NULL;
    return F_linear(input, weight, bias);
}

static void linear_extra_repr(const Module *self, Text *out) {
    const Linear *linear = (const Linear *)self;
    text_append(out, "in_features=%lld, out_features=%lld, bias=%s",
                (long long)linear->in_features, (long long)linear->out_features,
                linear->has_bias ? "True" : "False");
}

static const ModuleType LINEAR = {
    .name = "Linear",
    .forward = linear_forward,
    .extra_repr = linear_extra_repr,
};
//< linear-type

//> linear-new
// A new tensor of the given shape, uniform in [-bound, bound), drawn in
// row-major order (an empty shape draws nothing).
static Tensor *uniform_tensor(Shape shape, double bound, Rng *rng) {
    Tensor *t = tensor_empty(shape);
    if (t == NULL) return NULL;
    for (int64_t i = 0; i < tensor_numel(t); i++) {
        t->storage->data[i] = rng_uniform_range(rng, (float)-bound, (float)bound);
    }
    return t;
}

Module *nn_Linear(int64_t in_features, int64_t out_features, bool bias, Rng *rng) {
    // PyTorch's reset_parameters(): kaiming_uniform_(weight, a=sqrt(5)),
    // whose bound works out to 1/sqrt(fan_in), then the bias with the same
    // bound (0 when there are no inputs). The order of the draws matters:
    // the weight takes the generator's first out*in numbers.
    double bound = in_features > 0 ? 1.0 / sqrt((double)in_features) : 0.0;
    Tensor *weight = uniform_tensor(SHAPE(out_features, in_features), bound, rng);
    if (weight == NULL) return NULL;
    Linear *linear = (Linear *)module_new(&LINEAR, sizeof(Linear));
    if (linear == NULL) {
        tensor_free(weight);
        return NULL;
    }
    linear->in_features = in_features;
    linear->out_features = out_features;
    linear->has_bias = bias;
    Module *m = &linear->base;
    int status = module_register_parameter(m, "weight", parameter_new(weight));
    if (status == 0 && bias) {
        status = module_register_parameter(
            m, "bias", parameter_new(uniform_tensor(SHAPE(out_features), bound, rng)));
    } else if (status == 0) {
        // No bias: PyTorch still registers the name, empty, so that a
        // lookup says "`bias` is not an nn.Parameter".
        status = module_register_empty_parameter(m, "bias");
    }
    if (status < 0) {
        module_release(m);
        return NULL;
    }
    return m;
}
//< linear-new

//> activations
// The activations hold nothing: their types are all there is to them.
static Tensor *relu_forward(Module *self, const Tensor *input) {
    (void)self;
    return F_relu(input);
}

static Tensor *sigmoid_forward(Module *self, const Tensor *input) {
    (void)self;
    return F_sigmoid(input);
}

static Tensor *tanh_forward(Module *self, const Tensor *input) {
    (void)self;
    return F_tanh(input);
}

static const ModuleType RELU = {.name = "ReLU", .forward = relu_forward};
static const ModuleType SIGMOID = {.name = "Sigmoid", .forward = sigmoid_forward};
static const ModuleType TANH = {.name = "Tanh", .forward = tanh_forward};

Module *nn_ReLU(void) { return module_new(&RELU, sizeof(Module)); }
Module *nn_Sigmoid(void) { return module_new(&SIGMOID, sizeof(Module)); }
Module *nn_Tanh(void) { return module_new(&TANH, sizeof(Module)); }
//< activations

//> softmax-flatten
// Softmax and Flatten remember their arguments: the dims to work on.
typedef struct Softmax {
    Module  base;
    int64_t dim;
} Softmax;

static Tensor *softmax_forward(Module *self, const Tensor *input) {
    return F_softmax(input, ((Softmax *)self)->dim);
}

static void softmax_extra_repr(const Module *self, Text *out) {
    text_append(out, "dim=%lld", (long long)((const Softmax *)self)->dim);
}

static const ModuleType SOFTMAX = {
    .name = "Softmax", .forward = softmax_forward, .extra_repr = softmax_extra_repr};

Module *nn_Softmax(int64_t dim) {
    Softmax *softmax = (Softmax *)module_new(&SOFTMAX, sizeof(Softmax));
    if (softmax != NULL) softmax->dim = dim;
    return (Module *)softmax;
}

typedef struct Flatten {
    Module  base;
    int64_t start_dim, end_dim;
} Flatten;

static Tensor *flatten_forward(Module *self, const Tensor *input) {
    Flatten *flatten = (Flatten *)self;
    return tensor_flatten(input, flatten->start_dim, flatten->end_dim);
}

static void flatten_extra_repr(const Module *self, Text *out) {
    const Flatten *flatten = (const Flatten *)self;
    text_append(out, "start_dim=%lld, end_dim=%lld", (long long)flatten->start_dim,
                (long long)flatten->end_dim);
}

static const ModuleType FLATTEN = {
    .name = "Flatten", .forward = flatten_forward, .extra_repr = flatten_extra_repr};

Module *nn_Flatten(int64_t start_dim, int64_t end_dim) {
    Flatten *flatten = (Flatten *)module_new(&FLATTEN, sizeof(Flatten));
    if (flatten != NULL) {
        flatten->start_dim = start_dim;
        flatten->end_dim = end_dim;
    }
    return (Module *)flatten;
}
//< softmax-flatten

//> sequential
// Each child's output is the next one's input. Every intermediate tensor
// is freed as soon as the next child has used it.
static Tensor *sequential_forward(Module *self, const Tensor *input) {
    if (self->children.count == 0) return tensor_alias(input);
    Tensor *x = NULL;
    for (int i = 0; i < self->children.count; i++) {
        Tensor *next = module_call(self->children.values[i], x != NULL ? x : input);
        tensor_free(x);
        if (next == NULL) return NULL;
        x = next;
    }
    return x;
}

static const ModuleType SEQUENTIAL = {.name = "Sequential", .forward = sequential_forward};

Module *nn_sequential_of(int count, Module *const *modules) {
    Module *seq = NULL;
    bool failed = false;
    for (int i = 0; i < count; i++) failed |= modules[i] == NULL;
    if (!failed) seq = module_new(&SEQUENTIAL, sizeof(Module));
    for (int i = 0; i < count; i++) {
        char name[24];
        snprintf(name, sizeof name, "%d", i);
        // Once anything has failed, release the rest instead of adding them.
        if (seq == NULL) module_release(modules[i]);
        else if (module_register_module(seq, name, modules[i]) < 0) failed = true;
        if (failed && seq != NULL) {
            module_release(seq);
            seq = NULL;
        }
    }
    return seq;
}
//< sequential
