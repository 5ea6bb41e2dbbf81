// Chapter 2 exercises: write your code between the braces.
#include "exercises.h"

#include "error.h"

Tensor *diagonal_view(const Tensor *m) {
    /* BEGIN SOLUTION 2.2 */
    if (m->ndim != 2) {
        error_set(ERR_RUNTIME, "diagonal: expected a 2-D tensor, but got a %d-D tensor", m->ndim);
        return NULL;
    }
    // One step along the diagonal is one step down and one step right.
    int64_t size = m->shape[0] < m->shape[1] ? m->shape[0] : m->shape[1];
    int64_t stride = m->stride[0] + m->stride[1];
    return tensor_on(m->storage, m->offset, 1, &size, &stride);
    /* END SOLUTION */
}

Tensor *permute_by_hand(const Tensor *x) {
    /* BEGIN SOLUTION 2.3 */
    bool expected = x->ndim == 3 && x->shape[0] == 2 && x->shape[1] == 3 &&
                    x->shape[2] == 4 && x->stride[0] == 12 && x->stride[1] == 4 &&
                    x->stride[2] == 1;
    if (!expected) {
        error_set(ERR_RUNTIME, "permute_by_hand: expected a contiguous (2, 3, 4) tensor");
        return NULL;
    }
    // Dimension d of the result is dimension perm[d] of x: its size and
    // its stride move together. The offset doesn't change.
    return tensor_on(x->storage, x->offset, 3, (int64_t[]){4, 2, 3},
                     (int64_t[]){1, 12, 4});
    /* END SOLUTION */
}
