//> dropout-includes
#include "dropout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elementwise.h"
#include "error.h"
#include "pyfloat.h"
//< dropout-includes

//> check-probability
static int check_probability(double p) {
    if (p >= 0 && p <= 1) return 0;  // written so that nan fails too
    // ATen's check, a RuntimeError (Python's own, before it, is a ValueError).
    return error_set(ERR_RUNTIME, "dropout probability has to be between 0 and 1, but got %s",
                                  pyfloat_repr(p).s);
}
//< check-probability

//> dropout-mask
Tensor *dropout_mask(Shape shape, double p, Rng *rng) {
    /* BEGIN SOLUTION 8.4 */
    if (check_probability(p) < 0) return NULL;
    Tensor *mask = tensor_empty(shape);
    if (mask == NULL) return NULL;
    // Keep with probability q = 1 - p. The scale is computed in float, as
    // PyTorch computes it (1.0f / 0.001f is 999.99994, not 1000): kept
    // values then match PyTorch's to the last bit.
    double q = 1.0 - p;
    float scale = q > 0 ? 1.0f / (float)q : 0.0f;
    for (int64_t i = 0; i < tensor_numel(mask); i++) {
        mask->storage->data[i] = rng_uniform(rng) < q ? scale : 0.0f;
    }
    return mask;
    /* END SOLUTION */
}
//< dropout-mask

//> dropout-impl
// The one implementation behind all four functions. `feature` draws per
// channel (dropout2d); `inplace` writes into x, and returns a new handle
// on it.
static Tensor *dropout(const Tensor *x, double p, bool training, Rng *rng,
                       bool feature, bool inplace) {
    if (check_probability(p) < 0) return NULL;
    if (feature && x->ndim < 2) {
        error_set(ERR_RUNTIME, "Feature dropout requires at least 2 dimensions in the input");
        return NULL;
    }
    // Nothing to drop: the input itself, untouched and uncopied.
    if (p == 0 || !training || tensor_numel(x) == 0) return tensor_alias(x);
    Tensor *out = inplace ? tensor_alias(x) : NULL;
    if (inplace && out == NULL) return NULL;
    if (p == 1) {  // PyTorch multiplies by 0 (so nan and inf give nan)
        if (!inplace) return tensor_mul_scalar(x, 0.0f);
        if (tensor_mul_scalar_(out, 0.0f) == 0) return out;
        tensor_free(out);
        return NULL;
    }
    // The mask has x's shape, or for dropout2d (N, C, 1, 1, ...): one draw
    // per channel, broadcast over the rest by the multiplication.
    int64_t sizes[MAX_DIMS];
    for (int d = 0; d < x->ndim; d++) sizes[d] = feature && d >= 2 ? 1 : x->shape[d];
    Tensor *mask = dropout_mask(intlist_of(sizes, (size_t)x->ndim), p, rng);
    if (mask == NULL) {
        tensor_free(out);
        return NULL;
    }
    if (!inplace) out = tensor_mul(x, mask);
    else if (tensor_mul_(out, mask) < 0) {
        tensor_free(out);
        out = NULL;
    }
    tensor_free(mask);
    return out;
}
//< dropout-impl

//> dropout-functions
Tensor *F_dropout(const Tensor *input, double p, bool training, Rng *rng) {
    return dropout(input, p, training, rng, false, false);
}

Tensor *F_dropout2d(const Tensor *input, double p, bool training, Rng *rng) {
    return dropout(input, p, training, rng, true, false);
}

// The in-place forms return 0 or -1, as chapter 5's do; the handle the
// implementation returns is only a way of saying "it worked".
static int dropout_(Tensor *input, double p, bool training, Rng *rng, bool feature) {
    Tensor *done = dropout(input, p, training, rng, feature, true);
    int status = done != NULL ? 0 : -1;
    tensor_free(done);
    return status;
}

int F_dropout_(Tensor *input, double p, bool training, Rng *rng) {
    return dropout_(input, p, training, rng, false);
}

int F_dropout2d_(Tensor *input, double p, bool training, Rng *rng) {
    return dropout_(input, p, training, rng, true);
}
//< dropout-functions

//> dropout-module
// nn.Dropout holds settings but no parameters: p, inplace, and where its
// random numbers come from. Its forward passes the module's own training
// flag, which train() and eval() set.
typedef struct Dropout {
    Module base;
    double p;
    bool   inplace;
    bool   feature;  // Dropout2d
    Rng   *rng;      // borrowed
} Dropout;

static Tensor *dropout_forward(Module *self, const Tensor *input) {
    Dropout *d = (Dropout *)self;
    return dropout(input, d->p, self->training, d->rng, d->feature, d->inplace);
}

static void dropout_extra_repr(const Module *self, Text *out) {
    const Dropout *d = (const Dropout *)self;
    text_append(out, "p=%s, inplace=%s", pyfloat_repr(d->p).s, d->inplace ? "True" : "False");
}

static const ModuleType DROPOUT = {
    .name = "Dropout", .forward = dropout_forward, .extra_repr = dropout_extra_repr};
static const ModuleType DROPOUT2D = {
    .name = "Dropout2d", .forward = dropout_forward, .extra_repr = dropout_extra_repr};

static Module *new_dropout(const ModuleType *type, double p, bool inplace, Rng *rng) {
    if (check_probability(p) < 0) return NULL;  // PyTorch checks in __init__
    Dropout *d = (Dropout *)module_new(type, sizeof(Dropout));
    if (d == NULL) return NULL;
    d->p = p;
    d->inplace = inplace;
    d->feature = type == &DROPOUT2D;
    d->rng = rng;
    return &d->base;
}

Module *nn_Dropout(double p, bool inplace, Rng *rng) {
    return new_dropout(&DROPOUT, p, inplace, rng);
}

Module *nn_Dropout2d(double p, bool inplace, Rng *rng) {
    return new_dropout(&DROPOUT2D, p, inplace, rng);
}
//< dropout-module
