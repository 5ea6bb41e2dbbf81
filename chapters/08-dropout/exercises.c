// Chapter 8 exercises: write your code between the braces.
#include "exercises.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dropout.h"
#include "elementwise.h"
#include "error.h"
#include "reduce.h"
#include "view.h"
#include "views.h"

Tensor *F_dropout1d(const Tensor *input, double p, bool training, Rng *rng) {
    /* BEGIN SOLUTION 8.1 */
    // F_dropout without training checks p with PyTorch's words, and
    // draws nothing.
    Tensor *checked = F_dropout(input, p, false, rng);
    if (checked == NULL) return NULL;
    tensor_free(checked);
    if (input->ndim != 2 && input->ndim != 3) {
        error_set(ERR_RUNTIME,
                  "dropout1d: Expected 2D or 3D input, but received a %dD input. Note that "
                  "dropout1d exists to provide channel-wise dropout on inputs with 1 spatial "
                  "dimension, a channel dimension, and an optional batch dimension (i.e. 2D "
                  "or 3D inputs).", input->ndim);
        return NULL;
    }
    if (input->ndim == 3) return F_dropout2d(input, p, training, rng);
    // As PyTorch does it: an unbatched (C, L) is a batch of one.
    Tensor *batch = tensor_unsqueeze(input, 0);
    Tensor *dropped = batch != NULL ? F_dropout2d(batch, p, training, rng) : NULL;
    Tensor *y = dropped != NULL ? tensor_squeeze_dim(dropped, 0) : NULL;
    tensor_free(dropped);
    tensor_free(batch);
    return y;
    /* END SOLUTION */
}

/* BEGIN SOLUTION 8.2 */
typedef struct BatchNorm1d {
    Module  base;
    int64_t num_features;
    double  eps, momentum;
} BatchNorm1d;

// Python's repr of a float, for the values a repr here meets: the
// shortest digits that read back exactly, and a ".0" on whole numbers.
static void append_python_float(Text *out, double v) {
    char s[40];
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(s, sizeof s, "%.*g", digits, v);
        if (strtod(s, NULL) == v) break;
    }
    text_append(out, "%s%s", s, strpbrk(s, ".en") != NULL ? "" : ".0");
}

static void batchnorm_extra_repr(const Module *self, Text *out) {
    const BatchNorm1d *bn = (const BatchNorm1d *)self;
    text_append(out, "%lld, eps=", (long long)bn->num_features);
    append_python_float(out, bn->eps);
    text_append(out, ", momentum=");
    append_python_float(out, bn->momentum);
    text_append(out, ", affine=False, track_running_stats=True");
}

// (x - mean) / sqrt(var + eps), mean and var broadcasting over the rows.
static Tensor *normalize(const Tensor *x, const Tensor *mean, const Tensor *var, double eps) {
    Tensor *centered = tensor_sub(x, mean);
    Tensor *denominator = tensor_add_scalar(var, (float)eps);
    int status = centered != NULL && denominator != NULL ? tensor_sqrt_(denominator) : -1;
    Tensor *y = status == 0 ? tensor_div(centered, denominator) : NULL;
    tensor_free(denominator);
    tensor_free(centered);
    return y;
}

// running = (1 - momentum) * running + momentum * scale * batch
static int update(Tensor *running, const Tensor *batch, double momentum, double scale) {
    Tensor *step = tensor_mul_scalar(batch, (float)(momentum * scale));
    int status = step != NULL ? tensor_mul_scalar_(running, (float)(1 - momentum)) : -1;
    if (status == 0) status = tensor_add_(running, step);
    tensor_free(step);
    return status;
}

static Tensor *batchnorm_forward(Module *self, const Tensor *input) {
    BatchNorm1d *bn = (BatchNorm1d *)self;
    if (input->ndim != 2) {
        error_set(ERR_VALUE, "expected 2D input (got %dD input)", input->ndim);
        return NULL;
    }
    int64_t n = input->shape[0], c = input->shape[1];
    if (self->training && n == 1) {  // one value per channel has no variance
        error_set(ERR_VALUE, "Expected more than 1 value per channel when training, got input size "
                             "torch.Size(%s)", ints_text(input->ndim, input->shape).s);
        return NULL;
    }
    if (c != bn->num_features) {
        error_set(ERR_RUNTIME, "running_mean should contain %lld elements not %lld", (long long)c,
                               (long long)bn->num_features);
        return NULL;
    }
    Tensor *running_mean = module_buffer(self, "running_mean");
    Tensor *running_var = module_buffer(self, "running_var");
    Tensor *x = tensor_contiguous(input);  // the result is row-major
    if (x == NULL) return NULL;
    if (!self->training) {
        Tensor *y = normalize(x, running_mean, running_var, bn->eps);
        tensor_free(x);
        return y;
    }
    // The batch's statistics per column, kept as (1, C) rows.
    Tensor *mean = tensor_mean_dim(x, 0, true);
    Tensor *centered = mean != NULL ? tensor_sub(x, mean) : NULL;
    Tensor *square = centered != NULL ? tensor_mul(centered, centered) : NULL;
    Tensor *var = square != NULL ? tensor_mean_dim(square, 0, true) : NULL;
    Tensor *y = var != NULL ? normalize(x, mean, var, bn->eps) : NULL;
    // Only once the result exists, the buffers move.
    if (y != NULL) {
        Tensor *mean_row = tensor_view(mean, SHAPE(c)), *var_row = tensor_view(var, SHAPE(c));
        int status = mean_row != NULL && var_row != NULL ? 0 : -1;
        if (status == 0) status = update(running_mean, mean_row, bn->momentum, 1.0);
        if (status == 0) {
            status = update(running_var, var_row, bn->momentum, (double)n / (double)(n - 1));
        }
        Tensor *batches = module_buffer(self, "num_batches_tracked");
        if (status == 0) status = tensor_add_scalar_(batches, 1);
        tensor_free(var_row);
        tensor_free(mean_row);
        if (status < 0) {
            tensor_free(y);
            y = NULL;
        }
    }
    tensor_free(var);
    tensor_free(square);
    tensor_free(centered);
    tensor_free(mean);
    tensor_free(x);
    return y;
}

static const ModuleType BATCHNORM1D = {
    .name = "BatchNorm1d", .forward = batchnorm_forward, .extra_repr = batchnorm_extra_repr};
/* END SOLUTION */
/* STUB */

Module *nn_BatchNorm1d(int64_t num_features, double eps, double momentum) {
    /* BEGIN SOLUTION 8.2 */
    BatchNorm1d *bn = (BatchNorm1d *)module_new(&BATCHNORM1D, sizeof(BatchNorm1d));
    if (bn == NULL) return NULL;
    bn->num_features = num_features;
    bn->eps = eps;
    bn->momentum = momentum;
    Module *m = &bn->base;
    if (module_register_buffer(m, "running_mean", tensor_zeros(SHAPE(num_features))) < 0 ||
        module_register_buffer(m, "running_var", tensor_ones(SHAPE(num_features))) < 0 ||
        module_register_buffer(m, "num_batches_tracked", tensor_zeros(SCALAR_SHAPE)) < 0) {
        module_release(m);
        return NULL;
    }
    return m;
    /* END SOLUTION */
}

/* BEGIN SOLUTION 8.3 */
static bool is_dropout(const Module *m) {
    return strcmp(m->type->name, "Dropout") == 0 || strcmp(m->type->name, "Dropout2d") == 0;
}

// The sum of `samples` forwards, laid out like the first.
static Tensor *sum_of_samples(Module *model, const Tensor *x, int samples) {
    Tensor *sum = NULL;
    for (int s = 0; s < samples; s++) {
        Tensor *y = module_call(model, x);
        int status = y != NULL ? 0 : -1;
        if (status == 0 && sum == NULL) status = (sum = tensor_clone(y)) != NULL ? 0 : -1;
        else if (status == 0) status = tensor_add_(sum, y);
        tensor_free(y);
        if (status < 0) {
            tensor_free(sum);
            return NULL;
        }
    }
    return sum;
}
/* END SOLUTION */
/* STUB */

Tensor *mc_dropout_mean(Module *model, const Tensor *x, int samples) {
    /* BEGIN SOLUTION 8.3 */
    if (samples < 1) {
        error_set(ERR_VALUE, "mc_dropout_mean: samples must be at least 1, but got %d", samples);
        return NULL;
    }
    // Every module once, with its flag saved, then set one by one (not
    // with module_train, which would reach the children too).
    NamedList modules;
    if (module_named_modules(model, &modules) < 0) return NULL;
    bool *was = malloc((size_t)modules.count * sizeof *was);
    if (was == NULL) {
        named_list_free(&modules);
        error_set_alloc((int64_t)modules.count * (int64_t)sizeof *was);
        return NULL;
    }
    for (int i = 0; i < modules.count; i++) {
        Module *m = modules.items[i].module;
        was[i] = m->training;
        m->training = is_dropout(m);
    }
    Tensor *mean = sum_of_samples(model, x, samples);
    if (mean != NULL && tensor_div_scalar_(mean, (float)samples) < 0) {
        tensor_free(mean);
        mean = NULL;
    }
    for (int i = 0; i < modules.count; i++) modules.items[i].module->training = was[i];
    free(was);
    named_list_free(&modules);
    return mean;
    /* END SOLUTION */
}
