//> view-includes
#include "view.h"

#include "error.h"
//< view-includes

//> infer-shape
int shape_infer(Shape shape, int64_t numel, int64_t *sizes) {
    if (shape.len > MAX_DIMS) return shape_check(shape);
    int inferred = -1;      // the dimension given as -1, if any
    int64_t product = 1;    // product of the other entries
    bool overflow = false;  // the product no longer fits: it can't be numel
    for (int d = 0; d < shape.len; d++) {
        int64_t size = shape.at[d];
        if (size == -1) {
            if (inferred >= 0) {
                return error_set(ERR_SHAPE_INFER, "only one dimension can be inferred");
            }
            inferred = d;
        } else if (size >= 0) {
            if (size != 0 && product > INT64_MAX / size) overflow = true;
            else product *= size;
        } else {
            return error_set(ERR_RUNTIME, "invalid shape dimension %lld", (long long)size);
        }
        sizes[d] = size;
    }
    if (overflow) product = -1;  // matches no numel, and never divides one

    if (product == numel || (inferred >= 0 && product > 0 && numel % product == 0)) {
        if (inferred >= 0) {
            // With zero elements, -1 could be anything: 0 * k == 0 for all k.
            if (product == 0) {
                return error_set(ERR_RUNTIME, "cannot reshape tensor of 0 elements into shape "
                                              "%s because the unspecified dimension size -1 "
                                              "can be any value and is ambiguous",
                                              ints_text(shape.len, shape.at).s);
            }
            sizes[inferred] = numel / product;
        }
        return 0;
    }
    return error_set(ERR_SHAPE_NUMEL, "shape '%s' is invalid for input of size %lld",
                                     ints_text(shape.len, shape.at).s, (long long)numel);
}
//< infer-shape

//> view-chunks
// Does dim d-1 continue the chunk that reaches out to dim d? Only if its
// stride jumps exactly over the chunk's `numel` elements, `base` apart. A
// jump too big for 64 bits is no stride at all, so the chunk ends there.
// A size-1 dim never ends a chunk: its stride is never used to move, so
// it is free to be anything.
static bool continues_chunk(const Tensor *t, int d, int64_t numel, int64_t base) {
    /* BEGIN SOLUTION 3.4 */
    if (t->shape[d - 1] == 1) return true;
    int64_t jump;
    return !__builtin_mul_overflow(numel, base, &jump) && t->stride[d - 1] == jump;
    /* END SOLUTION */
}

int view_chunks(const Tensor *t, ViewChunk *chunks) {
    int last = t->ndim - 1;
    if (t->ndim == 0) return 0;
    // No elements: nothing to step over, and view() reshapes it freely.
    if (tensor_numel(t) == 0) {
        chunks[0] = (ViewChunk){0, last, 0, t->stride[last]};
        return 1;
    }
    // From the innermost dim out, growing the current chunk until the
    // next dim out does not continue it.
    /* BEGIN SOLUTION 3.4 */
    int count = 0;
    ViewChunk chunk = {.last_dim = last, .numel = 1, .base = t->stride[last]};
    for (int d = last; d >= 0; d--) {
        chunk.numel *= t->shape[d];  // at most numel(t): no overflow
        if (d > 0 && continues_chunk(t, d, chunk.numel, chunk.base)) continue;
        chunk.first_dim = d;
        chunks[count++] = chunk;
        if (d > 0) chunk = (ViewChunk){.last_dim = d - 1, .numel = 1, .base = t->stride[d - 1]};
    }
    return count;
    /* END SOLUTION */
    /* STUB
    (void)continues_chunk;  // yours to write, above, and to use here
    return error_not_implemented("3.4");
    */
}
//< view-chunks

//> view-plan-special
bool view_plan(const Tensor *t, int ndim, const int64_t *sizes, ViewPlan *plan) {
    plan->nchunks = 0;
    plan->seam_dim = plan->seam_chunk = -1;
    if (ndim < 0 || ndim > MAX_DIMS) return false;
    for (int d = 0; d < ndim; d++) plan->chunk_of[d] = -1;
    plan->nchunks = view_chunks(t, plan->chunks);
    // A scalar has no strides to respect: any shape of one element works.
    if (t->ndim == 0) {
        for (int d = 0; d < ndim; d++) plan->strides[d] = 1;
        return true;
    }
    // No elements: nothing to address, so any strides will do. PyTorch
    // keeps the old ones for an identical shape, else row-major ones.
    if (tensor_numel(t) == 0) {
        bool same = ndim == t->ndim;
        for (int d = 0; same && d < ndim; d++) same = sizes[d] == t->shape[d];
        if (same) {
            for (int d = 0; d < ndim; d++) plan->strides[d] = t->stride[d];
        } else {
            shape_contiguous_strides(ndim, sizes, plan->strides);
        }
        for (int d = 0; d < ndim; d++) plan->chunk_of[d] = 0;
        return true;
    }
//< view-plan-special
//> view-plan-deal
    // Deal the new dims out from the right, chunk by chunk from the
    // innermost, until they cover each chunk's elements exactly (size-1
    // ones go wherever they come up). Each gets the stride it would have
    // if its chunk were contiguous, scaled by the chunk's base stride.
    /* BEGIN SOLUTION 3.4 */
    int v = ndim - 1;  // the next new dim to deal
    for (int c = 0; c < plan->nchunks; c++) {
        const ViewChunk *chunk = &plan->chunks[c];
        int64_t placed = 1;  // elements covered by the new dims dealt to it
        while (v >= 0 && (placed < chunk->numel || sizes[v] == 1)) {
            plan->chunk_of[v] = c;
            // Only a tensor whose own addresses overflow gets here.
            if (__builtin_mul_overflow(placed, chunk->base, &plan->strides[v]) ||
                __builtin_mul_overflow(placed, sizes[v], &placed)) {
                return false;
            }
            v--;
        }
        if (placed == chunk->numel) continue;
        // Overshot: new dim v+1 began in this chunk and runs past its end,
        // across the seam into the next chunk out. It would need two
        // strides. (Fell short: the new sizes hold fewer elements.)
        if (placed > chunk->numel) {
            plan->seam_dim = v + 1;
            plan->seam_chunk = c;
        }
        return false;
    }
    return v == -1;  // every new dim dealt (else they hold more elements)
    /* END SOLUTION */
    /* STUB
    return error_not_implemented("3.4") == 0;  // false, until the dims are dealt
    */
}
//< view-plan-deal

//> view-strides
// view()'s question, yes or no: the plan, keeping only the strides.
bool view_strides(const Tensor *t, int ndim, const int64_t *sizes,
                  int64_t *strides) {
    ViewPlan plan;
    if (!view_plan(t, ndim, sizes, &plan)) return false;
    for (int d = 0; d < ndim; d++) strides[d] = plan.strides[d];
    return true;
}
//< view-strides

//> tensor-view
Tensor *tensor_view(const Tensor *t, Shape shape) {
    int64_t sizes[MAX_DIMS], strides[MAX_DIMS];
    if (shape_infer(shape, tensor_numel(t), sizes) < 0) return NULL;
    if (!view_strides(t, shape.len, sizes, strides)) {
        error_set(ERR_VIEW_STRIDES, "view size is not compatible with input tensor's size and "
                                    "stride (at least one dimension spans across two contiguous "
                                    "subspaces). Use .reshape(...) instead.");
        return NULL;
    }
    // Same storage, same offset: only the way we walk it changes.
    return tensor_on(t->storage, t->offset, shape.len, sizes, strides);
}
//< tensor-view

//> is-contiguous
bool tensor_is_contiguous(const Tensor *t) {
    if (tensor_numel(t) == 0) return true;
    int64_t expected = 1;  // the stride a row-major layout would have here
    for (int d = t->ndim - 1; d >= 0; d--) {
        if (t->shape[d] == 1) continue;  // a size-1 dim's stride never matters
        if (t->stride[d] != expected) return false;
        expected *= t->shape[d];
    }
    return true;
}
//< is-contiguous

//> copy-elements
// The plainest possible copy: walk every index of `src` with the odometer
// and write the element to the same index of `dst`, its address computed
// in full on both sides. Both may have any strides.
void tensor_copy_by_index(Tensor *dst, const Tensor *src) {
    int64_t index[MAX_DIMS] = {0};
    int64_t numel = tensor_numel(src);
    for (int64_t n = 0; n < numel; n++) {
        dst->storage->data[tensor_storage_index(dst, index)] =
            src->storage->data[tensor_storage_index(src, index)];
        index_next(src->ndim, src->shape, index);
    }
}

// The copy behind contiguous() and reshape(). `weak` marks this definition
// as a default: if another object file defines tensor_copy_elements too,
// the linker takes that one instead. Chapter 5 does exactly that, with a
// copy that is many times faster; until then (and in a build of chapters
// 1-3 alone), the plainest copy is the one that runs.
__attribute__((weak)) void tensor_copy_elements(Tensor *dst, const Tensor *src) {
    tensor_copy_by_index(dst, src);
}
//< copy-elements

//> tensor-contiguous
// A fresh row-major tensor of the same shape, holding a copy.
static Tensor *copy_contiguous(const Tensor *t) {
    Tensor *out = tensor_empty(tensor_shape(t));
    if (out != NULL) tensor_copy_elements(out, t);
    return out;
}

Tensor *tensor_contiguous(const Tensor *t) {
    if (tensor_is_contiguous(t)) return tensor_alias(t);
    return copy_contiguous(t);
}
//< tensor-contiguous

//> tensor-reshape
Tensor *tensor_reshape(const Tensor *t, Shape shape) {
    int64_t sizes[MAX_DIMS], strides[MAX_DIMS];
    if (shape_infer(shape, tensor_numel(t), sizes) < 0) return NULL;
    if (view_strides(t, shape.len, sizes, strides)) {
        return tensor_on(t->storage, t->offset, shape.len, sizes, strides);
    }
    // No view exists: copy into row-major order, where every shape with
    // the same element count is a view.
    Tensor *copy = copy_contiguous(t);
    if (copy == NULL) return NULL;
    Tensor *out = tensor_view(copy, shape);
    tensor_free(copy);  // `out` keeps the new storage alive
    return out;
}
//< tensor-reshape
