//> functional-includes
#include "functional.h"

#include "elementwise.h"
#include "error.h"
#include "matmul.h"
#include "reduce.h"
#include "view.h"
#include "views.h"
//< functional-includes

//> f-linear
Tensor *F_linear(const Tensor *input, const Tensor *weight, const Tensor *bias) {
    /* BEGIN SOLUTION 6.4 */
    // weight is stored (out, in), one row per output, so the product needs
    // its transpose: a view, no copy. t() refuses a weight of 3 dims or more.
    Tensor *weight_t = tensor_t(weight);
    if (weight_t == NULL) return NULL;
    Tensor *y = tensor_matmul(input, weight_t);  // leading dims ride along
    tensor_free(weight_t);
    if (y == NULL || bias == NULL) return y;
    // Add the bias to every row. PyTorch does it as addmm does: the output
    // seen as (rows, out), the bias expanded to that (so a wrong bias gets
    // expand's message); a 1-D input's output is added to directly.
    int64_t out = y->ndim > 0 ? y->shape[y->ndim - 1] : 1;
    int64_t rows = out > 0 ? tensor_numel(y) / out : 0;
    Tensor *rows_view = input->ndim == 1 ? tensor_alias(y) : tensor_view(y, SHAPE(rows, out));
    Tensor *b = input->ndim == 1 ? tensor_alias(bias) : tensor_expand(bias, SHAPE(rows, out));
    int status = rows_view != NULL && b != NULL ? tensor_add_(rows_view, b) : -1;
    tensor_free(b);
    tensor_free(rows_view);
    if (status < 0) {
        tensor_free(y);
        return NULL;
    }
    return y;
    /* END SOLUTION */
}
//< f-linear

//> f-activations
// Chapter 5 already computes these element by element; the functional
// API gives them their torch.nn.functional names. Nothing is added: a
// function of the input alone has no state to keep.
Tensor *F_relu(const Tensor *input) { return tensor_relu(input); }
Tensor *F_sigmoid(const Tensor *input) { return tensor_sigmoid(input); }
Tensor *F_tanh(const Tensor *input) { return tensor_tanh(input); }
//< f-activations

//> f-softmax-shift
// x - max(x, dim): the same softmax (shifting by a constant cancels out in
// the division), but every exponent is now at most 0, so exp can't
// overflow, and the largest term is exp(0) = 1, so the sum is at least 1.
// The input is made row-major first: PyTorch's softmax returns a row-major
// result whatever its input's strides, and elementwise results follow the
// layout of their input.
static Tensor *shift_by_max(const Tensor *input, int64_t dim) {
    Tensor *x = tensor_contiguous(input);
    if (x == NULL) return NULL;
    Tensor *max = NULL, *argmax = NULL, *shifted = NULL;
    if (tensor_numel(x) == 0) {
        // No elements: no maximum to take (max() would refuse), nothing to
        // shift. A fresh tensor, because an empty input counts as
        // contiguous whatever its strides, and the result must be row-major.
        if (dim_wrap(dim, x->ndim) >= 0) shifted = tensor_empty(tensor_shape(x));
    } else if (tensor_max_dim(x, dim, true, &max, &argmax) == 0) {
        shifted = tensor_sub(x, max);  // max keeps its dim: it broadcasts
    }
    tensor_free(argmax);
    tensor_free(max);
    tensor_free(x);
    return shifted;
}
//< f-softmax-shift

//> f-softmax
Tensor *F_softmax(const Tensor *input, int64_t dim) {
    Tensor *shifted = shift_by_max(input, dim);
    // With no elements, the fresh empty tensor is the answer. (Dividing
    // would give the strides of an elementwise result; PyTorch's softmax
    // result is row-major.)
    if (shifted == NULL || tensor_numel(shifted) == 0) return shifted;
    Tensor *e = tensor_exp(shifted);
    Tensor *sum = e != NULL ? tensor_sum_dim(e, dim, true) : NULL;
    Tensor *y = sum != NULL ? tensor_div(e, sum) : NULL;
    tensor_free(sum);
    tensor_free(e);
    tensor_free(shifted);
    return y;
}

// log(softmax(x)) = (x - max) - log(sum(exp(x - max))). Taking the log of
// the softmax instead would turn a probability that rounds to 0 into -inf.
Tensor *F_log_softmax(const Tensor *input, int64_t dim) {
    Tensor *shifted = shift_by_max(input, dim);
    if (shifted == NULL || tensor_numel(shifted) == 0) return shifted;
    Tensor *e = tensor_exp(shifted);
    Tensor *sum = e != NULL ? tensor_sum_dim(e, dim, true) : NULL;
    Tensor *log_sum = sum != NULL ? tensor_log(sum) : NULL;
    Tensor *y = log_sum != NULL ? tensor_sub(shifted, log_sum) : NULL;
    tensor_free(log_sum);
    tensor_free(sum);
    tensor_free(e);
    tensor_free(shifted);
    return y;
}
//< f-softmax
