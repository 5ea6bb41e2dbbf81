// Chapter 5 exercises: write your code between the braces.
#include "exercises.h"

#include "elementwise.h"
#include "error.h"
#include "iter.h"
#include "reduce.h"
#include "views.h"

/* BEGIN SOLUTION 5.2 */
// t's header without dimension d: the storage is borrowed, nothing is
// allocated (as reduce.c's drop_dim).
static Tensor without_dim(const Tensor *t, int d) {
    Tensor v = *t;
    for (int k = d; k < t->ndim - 1; k++) {
        v.shape[k] = t->shape[k + 1];
        v.stride[k] = t->stride[k + 1];
    }
    v.ndim--;
    return v;
}
/* END SOLUTION */
/* STUB */

Tensor *prod_dim(const Tensor *t, int64_t dim, bool keepdim) {
    /* BEGIN SOLUTION 5.2 */
    int d = (int)dim_wrap(dim, t->ndim);
    if (d < 0) return NULL;
    // A 0-dim t is a line of one element along a dim of its own.
    bool has_dim = t->ndim > 0;
    Tensor kept = has_dim ? without_dim(t, d) : *t;
    int64_t n = has_dim ? t->shape[d] : 1, stride = has_dim ? t->stride[d] : 0;
    Shape shape = tensor_shape(keepdim && has_dim ? t : &kept);
    if (keepdim && has_dim) shape.at[d] = 1;
    Tensor *out = tensor_empty(shape);
    if (out == NULL) return NULL;
    // Walk the kept dims with the output (its size-1 dim dropped) and the
    // input in step: each position is one output element and the start of
    // its line along d.
    Tensor o = keepdim && has_dim ? without_dim(out, d) : *out;
    StridedIter it;
    iter_init(&it, kept.ndim, kept.shape, 2, (const Tensor *[]){&o, &kept});
    if (iter_start(&it)) {
        do {
            const float *line = iter_ptr(&it, 1);
            double product = 1;
            for (int64_t k = 0; k < n; k++) product *= line[k * stride];
            *iter_ptr(&it, 0) = (float)product;
        } while (iter_advance(&it, 0));
    }
    return out;
    /* END SOLUTION */
}

Tensor *pairwise_sq_distances(const Tensor *x, const Tensor *y) {
    /* BEGIN SOLUTION 5.3 */
    const Tensor *in[2] = {x, y};
    for (int i = 0; i < 2; i++) {
        if (in[i]->ndim != 2) {
            error_set(ERR_RUNTIME,
                      "pairwise_sq_distances: expected a 2-D tensor, but got a %d-D tensor",
                      in[i]->ndim);
            return NULL;
        }
    }
    if (x->shape[1] != y->shape[1]) {
        error_set(ERR_RUNTIME, "pairwise_sq_distances: x has %lld columns but y has %lld",
                               (long long)x->shape[1], (long long)y->shape[1]);
        return NULL;
    }
    // (n, 1, d) - (1, m, d) broadcasts to (n, m, d): every row of x
    // against every row of y, with no data repeated in memory.
    Tensor *xs = tensor_unsqueeze(x, 1), *ys = tensor_unsqueeze(y, 0);
    Tensor *diff = xs != NULL && ys != NULL ? tensor_sub(xs, ys) : NULL;
    Tensor *sq = diff != NULL ? tensor_mul(diff, diff) : NULL;
    Tensor *out = sq != NULL ? tensor_sum_dim(sq, 2, false) : NULL;
    tensor_free(sq);
    tensor_free(diff);
    tensor_free(ys);
    tensor_free(xs);
    return out;
    /* END SOLUTION */
}
