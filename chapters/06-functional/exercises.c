// Chapter 6 exercises: write your code between the braces.
#include "exercises.h"

#include <math.h>

#include "elementwise.h"
#include "error.h"
#include "reduce.h"
#include "view.h"

Tensor *F_leaky_relu(const Tensor *input, float negative_slope) {
    /* BEGIN SOLUTION 6.1 */
    // relu(x) keeps the positive part; -slope * relu(-x) is slope * x
    // where x < 0 and 0 elsewhere. Every step is elementwise, so every
    // result has input's layout.
    Tensor *positive = tensor_relu(input);
    Tensor *negative = tensor_neg(input);
    int status = positive != NULL && negative != NULL ? 0 : -1;
    if (status == 0) status = tensor_relu_(negative);
    if (status == 0) status = tensor_mul_scalar_(negative, negative_slope);
    Tensor *y = status == 0 ? tensor_sub(positive, negative) : NULL;
    tensor_free(negative);
    tensor_free(positive);
    return y;
    /* END SOLUTION */
}

Tensor *F_gelu_tanh(const Tensor *input) {
    /* BEGIN SOLUTION 6.2 */
    // Out of place once (x * x, laid out like x), then in place on that
    // new tensor: no other temporaries to free.
    const float k = 0.7978845608028654f;  // sqrt(2 / pi)
    Tensor *square = tensor_mul(input, input);
    Tensor *y = square != NULL ? tensor_mul(square, input) : NULL;  // x^3
    tensor_free(square);
    if (y == NULL) return NULL;
    int status = tensor_mul_scalar_(y, 0.044715f);
    if (status == 0) status = tensor_add_(y, input);  // x + 0.044715 x^3
    if (status == 0) status = tensor_mul_scalar_(y, k);
    if (status == 0) status = tensor_tanh_(y);
    if (status == 0) status = tensor_add_scalar_(y, 1.0f);
    if (status == 0) status = tensor_mul_(y, input);
    if (status == 0) status = tensor_mul_scalar_(y, 0.5f);
    if (status < 0) {
        tensor_free(y);
        return NULL;
    }
    return y;
    /* END SOLUTION */
}

/* BEGIN SOLUTION 6.3 */
// Is `p` (weight or bias) of shape (n,)? If not, PyTorch's message.
static int check_affine(const Tensor *p, const char *name, int64_t n) {
    if (p == NULL || (p->ndim == 1 && p->shape[0] == n)) return 0;
    return error_set(ERR_RUNTIME,
                     "Expected %s to be of same shape as normalized_shape, but got %s of "
                     "shape %s and normalized_shape = [%lld]", name, name,
                     ints_text(p->ndim, p->shape).s, (long long)n);
}
/* END SOLUTION */
/* STUB */

Tensor *F_layer_norm(const Tensor *input, int64_t normalized_size, const Tensor *weight,
                     const Tensor *bias, double eps) {
    /* BEGIN SOLUTION 6.3 */
    if (check_affine(weight, "weight", normalized_size) < 0 ||
        check_affine(bias, "bias", normalized_size) < 0) {
        return NULL;
    }
    if (input->ndim == 0 || input->shape[input->ndim - 1] != normalized_size) {
        error_set(ERR_RUNTIME,
                  "Given normalized_shape=[%lld], expected input with shape [*, %lld], but "
                  "got input of size%s", (long long)normalized_size,
                  (long long)normalized_size, ints_text(input->ndim, input->shape).s);
        return NULL;
    }
    // Row-major first: every result below follows its input's layout.
    Tensor *x = tensor_contiguous(input);
    Tensor *mean = x != NULL ? tensor_mean_dim(x, -1, true) : NULL;
    Tensor *centered = mean != NULL ? tensor_sub(x, mean) : NULL;  // mean broadcasts
    Tensor *square = centered != NULL ? tensor_mul(centered, centered) : NULL;
    Tensor *var = square != NULL ? tensor_mean_dim(square, -1, true) : NULL;
    int status = var != NULL ? 0 : -1;
    if (status == 0) status = tensor_add_scalar_(var, (float)eps);
    if (status == 0) status = tensor_sqrt_(var);
    Tensor *y = status == 0 ? tensor_div(centered, var) : NULL;
    status = y != NULL ? 0 : -1;
    if (status == 0 && weight != NULL) status = tensor_mul_(y, weight);
    if (status == 0 && bias != NULL) status = tensor_add_(y, bias);
    tensor_free(var);
    tensor_free(square);
    tensor_free(centered);
    tensor_free(mean);
    tensor_free(x);
    if (status < 0) {
        tensor_free(y);
        return NULL;
    }
    return y;
    /* END SOLUTION */
}
