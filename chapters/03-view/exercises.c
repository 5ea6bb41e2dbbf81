// Chapter 3 exercises: write your code between the braces.
#include "exercises.h"

#include "error.h"
#include "view.h"

Tensor *sliding_window(const Tensor *x, int64_t size) {
    /* BEGIN SOLUTION 3.1 */
    if (x->ndim != 1) {
        error_set(ERR_RUNTIME, "sliding_window: expected a 1-D tensor, but got a %d-D tensor",
                               x->ndim);
        return NULL;
    }
    int64_t n = x->shape[0];
    if (size < 1 || size > n) {
        error_set(ERR_VALUE, "sliding_window: size must be between 1 and %lld, but got %lld",
                             (long long)n, (long long)size);
        return NULL;
    }
    // Moving to the next window and moving within a window are the same
    // step in memory: both dimensions get x's stride.
    return tensor_on(x->storage, x->offset, 2, (int64_t[]){n - size + 1, size},
                     (int64_t[]){x->stride[0], x->stride[0]});
    /* END SOLUTION */
}

Tensor *split_last_dim(const Tensor *t, int64_t k) {
    /* BEGIN SOLUTION 3.2 */
    if (t->ndim == 0) {
        error_set(ERR_RUNTIME, "split_last_dim: a 0-dim tensor has no last dimension");
        return NULL;
    }
    if (k < 1) {
        error_set(ERR_VALUE, "split_last_dim: k must be positive, but got %lld", (long long)k);
        return NULL;
    }
    // The same sizes, with the last one replaced by (-1, k). A shape one
    // longer than MAX_DIMS keeps its true length, so view() refuses it.
    int64_t sizes[MAX_DIMS + 1];
    for (int d = 0; d < t->ndim - 1; d++) sizes[d] = t->shape[d];
    sizes[t->ndim - 1] = -1;
    sizes[t->ndim] = k;
    return tensor_view(t, intlist_of(sizes, (size_t)t->ndim + 1));
    /* END SOLUTION */
}

Tensor *image_patches(const Tensor *img, int64_t p) {
    /* BEGIN SOLUTION 3.3 */
    if (img->ndim != 2) {
        error_set(ERR_RUNTIME, "image_patches: expected a 2-D tensor, but got a %d-D tensor",
                               img->ndim);
        return NULL;
    }
    int64_t h = img->shape[0], w = img->shape[1];
    if (p < 1 || h % p != 0 || w % p != 0) {
        error_set(ERR_RUNTIME, "image_patches: patch size %lld does not divide the image size "
                               "(%lld, %lld)", (long long)p, (long long)h, (long long)w);
        return NULL;
    }
    // Next patch down: p rows; next patch right: p columns; within a
    // patch, the image's own steps.
    int64_t s0 = img->stride[0], s1 = img->stride[1];
    return tensor_on(img->storage, img->offset, 4, (int64_t[]){h / p, w / p, p, p},
                     (int64_t[]){p * s0, p * s1, s0, s1});
    /* END SOLUTION */
}
