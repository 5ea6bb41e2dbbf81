//> elementwise-includes
#include "elementwise.h"

#include <math.h>

#include "error.h"
#include "iter.h"
#include "view.h"
#include "views.h"
//< elementwise-includes

//> dense-check
// Do t's elements tile a block of memory exactly, with no gaps and no
// element seen twice? That is: sorted by stride, the dims of size 2 or more
// must have strides 1, size, size*size', ... (any order of dims will do;
// PyTorch's is_non_overlapping_and_dense).
static bool is_non_overlapping_and_dense(const Tensor *t) {
    if (tensor_is_contiguous(t)) return true;
    int order[MAX_DIMS], n = 0;
    for (int d = 0; d < t->ndim; d++) {
        if (t->shape[d] < 2) continue;  // never moves: its stride is free
        int k = n++;
        while (k > 0 && t->stride[order[k - 1]] > t->stride[d]) {
            order[k] = order[k - 1];
            k--;
        }
        order[k] = d;
    }
    int64_t expected = 1;
    for (int k = 0; k < n; k++) {
        if (t->stride[order[k]] != expected) return false;
        expected *= t->shape[order[k]];
    }
    return true;
}

// "Channels last": a 4-d (N, C, H, W) tensor stored as N, H, W, C, with C
// innermost. PyTorch keeps this layout through elementwise operations.
static bool is_channels_last(const Tensor *t) {
    if (t->ndim != 4) return false;
    int64_t expected = 1;
    for (int k = 0; k < 4; k++) {
        int d = (int[]){1, 3, 2, 0}[k];
        if (t->shape[d] == 1) continue;
        if (t->stride[d] != expected) return false;
        expected *= t->shape[d];
    }
    return true;
}
//< dense-check

//> result-layout
// PyTorch's shortcut for inputs that all have one shape: if all are
// contiguous, or all channels-last, the result is too; if all tile their
// memory with the very same strides, the result copies those strides.
static bool same_layout_strides(int n, const Tensor *const *in, int64_t *strides) {
    for (int i = 1; i < n; i++) {
        if (in[i]->ndim != in[0]->ndim) return false;
        for (int d = 0; d < in[0]->ndim; d++) {
            if (in[i]->shape[d] != in[0]->shape[d]) return false;
        }
    }
    bool contiguous = true, channels_last = true, dense = true, same = true;
    for (int i = 0; i < n; i++) {
        contiguous = contiguous && tensor_is_contiguous(in[i]);
        channels_last = channels_last && is_channels_last(in[i]);
        dense = dense && is_non_overlapping_and_dense(in[i]);
        for (int d = 0; d < in[0]->ndim; d++) same = same && in[i]->stride[d] == in[0]->stride[d];
    }
    const int64_t *shape = in[0]->shape;
    if (contiguous) {
        shape_contiguous_strides(in[0]->ndim, shape, strides);
    } else if (channels_last) {
        strides[1] = 1;
        strides[3] = shape[1];
        strides[2] = strides[3] * shape[3];
        strides[0] = strides[2] * shape[2];
    } else if (dense && same) {
        for (int d = 0; d < in[0]->ndim; d++) strides[d] = in[0]->stride[d];
    } else {
        return false;
    }
    return true;
}
//< result-layout

//> ordered-layout
// The general rule: order the dims as the inputs' strides suggest (the
// iterator's reorder, with the not-yet-existing output abstaining), then
// lay the result out densely in that order, innermost dim stride 1.
static void ordered_strides(int n, const Tensor *const *in, int ndim,
                            const int64_t *shape, int64_t *strides) {
    const Tensor *operands[ITER_MAX_OPERANDS] = {NULL};
    for (int i = 0; i < n; i++) operands[i + 1] = in[i];
    StridedIter it;
    iter_init(&it, ndim, shape, n + 1, operands);
    iter_reorder(&it);
    bool natural = true;
    for (int k = 0; k < ndim; k++) natural = natural && it.perm[k] == ndim - 1 - k;
    if (natural) {
        shape_contiguous_strides(ndim, shape, strides);
        return;
    }
    int64_t step = 1;
    for (int k = 0; k < ndim; k++) {
        strides[it.perm[k]] = step;
        step *= shape[it.perm[k]];
    }
}

void elementwise_strides(int ninputs, const Tensor *const *inputs, int ndim,
                         const int64_t *shape, int64_t *strides) {
    if (!same_layout_strides(ninputs, inputs, strides)) {
        ordered_strides(ninputs, inputs, ndim, shape, strides);
    }
}
//< ordered-layout

//> new-result
// A new tensor for the result of `inputs`: PyTorch's strides, and a
// storage of exactly numel elements (dense strides need no more).
static Tensor *new_result(int ninputs, const Tensor *const *inputs, int ndim,
                          const int64_t *shape) {
    // First make sure numel fits: the strides are products of sizes too.
    if (shape_check(intlist_of(shape, (size_t)ndim)) < 0) return NULL;
    int64_t strides[MAX_DIMS], numel = 1;
    elementwise_strides(ninputs, inputs, ndim, shape, strides);
    for (int d = 0; d < ndim; d++) numel *= shape[d];
    Storage *storage = storage_new(numel);
    if (storage == NULL) return NULL;
    Tensor *t = tensor_on(storage, 0, ndim, shape, strides);
    storage_release(storage);
    return t;
}
//< new-result

//> unary-kernels
static float sigmoid(float x) {
    // For x < -88.7, expf(-x) overflows to inf and the result is 1/inf = 0,
    // the right limit (and PyTorch's answer). The other textbook form,
    // expf(x) / (1 + expf(x)), would give inf/inf = NaN for x > 88.7.
    return 1.0f / (1.0f + expf(-x));
}

// One inner run. The op is chosen once per run, not once per element: a
// switch inside the loop would be paid n times. UNARY_LOOP writes the loop
// twice, once for unit strides, where the compiler sees plain arrays.
#define UNARY_LOOP(expr)                                                          \
    if (out_stride == 1 && in_stride == 1) {                                      \
        for (int64_t i = 0; i < n; i++) {                                         \
            float x = in[i];                                                      \
            out[i] = (expr);                                                      \
        }                                                                         \
    } else {                                                                      \
        for (int64_t i = 0; i < n; i++) {                                         \
            float x = in[i * in_stride];                                          \
            out[i * out_stride] = (expr);                                         \
        }                                                                         \
    }                                                                             \
    break

static void unary_run(UnaryOp op, int64_t n, float *out, int64_t out_stride,
                      const float *in, int64_t in_stride) {
    switch (op) {
    case UNARY_NEG: UNARY_LOOP(-x);
    case UNARY_EXP: UNARY_LOOP(expf(x));
    case UNARY_LOG: UNARY_LOOP(logf(x));
    case UNARY_RELU: UNARY_LOOP(x < 0 ? 0.0f : x);
    case UNARY_SIGMOID: UNARY_LOOP(sigmoid(x));
    case UNARY_TANH: UNARY_LOOP(tanhf(x));
    case UNARY_ABS: UNARY_LOOP(fabsf(x));
    case UNARY_SQRT: UNARY_LOOP(sqrtf(x));
    }
}
//< unary-kernels

//> binary-kernels
// Same idea for two inputs, with one more special case: the second input
// standing still (stride 0: a scalar, or a broadcast row), read once. The
// unit-stride loops go four elements at a time with vec4 (iter.h): `expr`
// means the same on four floats as on one. A scalar loop finishes the run.
#define BINARY_LOOP(expr)                                                         \
    if (out_stride == 1 && a_stride == 1 && b_stride == 1) {                      \
        int64_t i = 0;                                                            \
        for (; i + 4 <= n; i += 4) {                                              \
            vec4 x = vec4_load(a + i), y = vec4_load(b + i);                      \
            vec4_store(out + i, (expr));                                          \
        }                                                                         \
        for (; i < n; i++) {                                                      \
            float x = a[i], y = b[i];                                             \
            out[i] = (expr);                                                      \
        }                                                                         \
    } else if (out_stride == 1 && a_stride == 1 && b_stride == 0) {               \
        int64_t i = 0;                                                            \
        for (vec4 y = {*b, *b, *b, *b}; i + 4 <= n; i += 4) {                     \
            vec4 x = vec4_load(a + i);                                            \
            vec4_store(out + i, (expr));                                          \
        }                                                                         \
        for (float y = *b; i < n; i++) {                                          \
            float x = a[i];                                                       \
            out[i] = (expr);                                                      \
        }                                                                         \
    } else {                                                                      \
        for (int64_t i = 0; i < n; i++) {                                         \
            float x = a[i * a_stride], y = b[i * b_stride];                       \
            out[i * out_stride] = (expr);                                         \
        }                                                                         \
    }                                                                             \
    break

static void binary_run(BinaryOp op, int64_t n, float *out, int64_t out_stride,
                       const float *a, int64_t a_stride, const float *b,
                       int64_t b_stride) {
    switch (op) {
    case BINARY_ADD: BINARY_LOOP(x + y);
    case BINARY_SUB: BINARY_LOOP(x - y);
    case BINARY_MUL: BINARY_LOOP(x * y);
    case BINARY_DIV: BINARY_LOOP(x / y);
    }
}
//< binary-kernels

//> elementwise-walk
// The walk every elementwise op shares: iterate output and inputs
// together, in memory order, merged, one inner run at a time.
// (x.t() + x reads one input across its rows: tiles keep that in cache.)
static void run_unary(Tensor *out, const Tensor *in, UnaryOp op) {
    StridedIter it;
    iter_init(&it, out->ndim, out->shape, 2, (const Tensor *[]){out, in});
    iter_reorder(&it);
    iter_coalesce(&it);
    iter_tile(&it);
    if (!iter_first_block(&it)) return;
    do {
        for (int64_t r = 0; r < it.rows; r++) {
            unary_run(op, it.run_length, iter_run(&it, 0, r), it.stride[0][0],
                      iter_run(&it, 1, r), it.stride[1][0]);
        }
    } while (iter_next_block(&it));
}

static void run_binary(Tensor *out, const Tensor *a, const Tensor *b, BinaryOp op) {
    StridedIter it;
    iter_init(&it, out->ndim, out->shape, 3, (const Tensor *[]){out, a, b});
    iter_reorder(&it);
    iter_coalesce(&it);
    iter_tile(&it);
    if (!iter_first_block(&it)) return;
    do {
        for (int64_t r = 0; r < it.rows; r++) {
            binary_run(op, it.run_length, iter_run(&it, 0, r), it.stride[0][0],
                       iter_run(&it, 1, r), it.stride[1][0], iter_run(&it, 2, r),
                       it.stride[2][0]);
        }
    } while (iter_next_block(&it));
}

static int check_op(int op, int last) {
    if (op < 0 || op > last) return error_set(ERR_RUNTIME, "unknown elementwise operation %d", op);
    return 0;
}
//< elementwise-walk

//> unary-ops
Tensor *tensor_unary(const Tensor *t, UnaryOp op) {
    if (check_op((int)op, UNARY_SQRT) < 0) return NULL;
    Tensor *out = new_result(1, &t, t->ndim, t->shape);
    if (out != NULL) run_unary(out, t, op);
    return out;
}
//< unary-ops

//> binary-ops
Tensor *tensor_binary(const Tensor *a, const Tensor *b, BinaryOp op) {
    if (check_op((int)op, BINARY_DIV) < 0) return NULL;
    int ndim;
    int64_t shape[MAX_DIMS];
    if (shape_broadcast(a->ndim, a->shape, b->ndim, b->shape, &ndim, shape) < 0) {
        return NULL;
    }
    Tensor *out = new_result(2, (const Tensor *[]){a, b}, ndim, shape);
    if (out != NULL) run_binary(out, a, b, op);
    return out;
}

// A number used as a tensor: 0-dim, over a one-float storage on the stack.
// PyTorch does the same (a "wrapped number"), which is why `x * 2` follows
// the same broadcasting and layout rules as `x * y`.
#define SCALAR_TENSOR(name, value)                                                \
    Storage name##_storage = {.data = &(value), .size = 1, .refcount = 1};        \
    Tensor name = {.storage = &name##_storage, .offset = 0, .ndim = 0}

Tensor *tensor_binary_scalar(const Tensor *a, float b, BinaryOp op) {
    SCALAR_TENSOR(scalar, b);
    return tensor_binary(a, &scalar, op);
}
//< binary-ops

//> overlap-checks
// Writing into `out` while reading `in`: if the two share memory in part
// (not exactly the same elements), the result would depend on the order of
// the walk. PyTorch refuses when it can tell cheaply: both dense, and their
// memory ranges overlap without being identical.
static int check_no_partial_overlap(const Tensor *out, const Tensor *in) {
    if (out == in || out->storage != in->storage) return 0;
    int64_t out_numel = tensor_numel(out), in_numel = tensor_numel(in);
    if (out_numel == 0 || in_numel == 0) return 0;
    if (!is_non_overlapping_and_dense(out) || !is_non_overlapping_and_dense(in)) {
        return 0;  // too hard to tell: allowed
    }
    int64_t out_end = out->offset + out_numel, in_end = in->offset + in_numel;
    bool same = out->offset == in->offset && out_end == in_end && out->ndim == in->ndim;
    for (int d = 0; same && d < out->ndim; d++) same = out->stride[d] == in->stride[d];
    if (same || out_end <= in->offset || in_end <= out->offset) return 0;
    return error_set(ERR_RUNTIME, "unsupported operation: some elements of the input tensor and "
                                  "the written-to tensor refer to a single memory location. "
                                  "Please clone() the tensor before performing the operation.");
}

// An output can't be broadcast: `out op= in` must keep out's shape.
static int check_output_shape(const Tensor *out, const Tensor *in) {
    int ndim;
    int64_t shape[MAX_DIMS];
    if (shape_broadcast(out->ndim, out->shape, in->ndim, in->shape, &ndim, shape) < 0) {
        return -1;
    }
    bool same = ndim == out->ndim;
    for (int d = 0; same && d < ndim; d++) same = shape[d] == out->shape[d];
    if (same) return 0;
    return error_set(ERR_RUNTIME, "output with shape %s doesn't match the broadcast shape %s",
                                  ints_text(out->ndim, out->shape).s, ints_text(ndim, shape).s);
}

// The checks of every in-place op, in PyTorch's order: no element of the
// output may be written twice, nor overlap the input in part; then shapes.
static int check_inplace(Tensor *out, const Tensor *in) {
    if (tensor_check_writable(out) < 0) return -1;
    if (in == NULL) return 0;
    if (check_no_partial_overlap(out, in) < 0) return -1;
    return check_output_shape(out, in);
}
//< overlap-checks

//> inplace-ops
int tensor_unary_(Tensor *t, UnaryOp op) {
    if (check_op((int)op, UNARY_SQRT) < 0 || check_inplace(t, NULL) < 0) return -1;
    run_unary(t, t, op);
    return 0;
}

int tensor_binary_(Tensor *a, const Tensor *b, BinaryOp op) {
    if (check_op((int)op, BINARY_DIV) < 0 || check_inplace(a, b) < 0) return -1;
    run_binary(a, a, b, op);
    return 0;
}

int tensor_binary_scalar_(Tensor *a, float b, BinaryOp op) {
    SCALAR_TENSOR(scalar, b);
    return tensor_binary_(a, &scalar, op);
}
//< inplace-ops

//> copy-fill-clone
int tensor_copy_(Tensor *dst, const Tensor *src) {
    if (dst == src) return 0;  // x.copy_(x): PyTorch does nothing, checks nothing
    if (check_inplace(dst, src) < 0) return -1;
    // Another handle on exactly dst's elements: each would go onto itself.
    bool same = dst->storage == src->storage && dst->offset == src->offset &&
                dst->ndim == src->ndim;
    for (int d = 0; same && d < dst->ndim; d++) {
        same = dst->shape[d] == src->shape[d] && dst->stride[d] == src->stride[d];
    }
    if (!same) tensor_copy_elements(dst, src);
    return 0;
}

// No checks at all: every element gets the same value, so writing one
// memory location twice does no harm (PyTorch fills expanded tensors too).
int tensor_fill_(Tensor *t, float value) {
    StridedIter it;
    iter_init(&it, t->ndim, t->shape, 1, (const Tensor *[]){t});
    iter_reorder(&it);
    iter_coalesce(&it);
    if (!iter_first_block(&it)) return 0;
    do {
        for (int64_t r = 0; r < it.rows; r++) {
            float *p = iter_run(&it, 0, r);
            for (int64_t i = 0; i < it.run_length; i++) p[i * it.stride[0][0]] = value;
        }
    } while (iter_next_block(&it));
    return 0;
}

Tensor *tensor_clone(const Tensor *t) {
    // Laid out like any elementwise result of t (for a t that isn't dense:
    // densely, dims in the order of t's strides), except that a dense t
    // keeps its strides exactly, even those of its size-1 dims.
    Tensor *out = new_result(1, &t, t->ndim, t->shape);
    if (out == NULL) return NULL;
    if (is_non_overlapping_and_dense(t)) {
        for (int d = 0; d < t->ndim; d++) out->stride[d] = t->stride[d];
    }
    tensor_copy_elements(out, t);
    return out;
}
//< copy-fill-clone

//> elementwise-named
Tensor *tensor_neg(const Tensor *t) { return tensor_unary(t, UNARY_NEG); }
Tensor *tensor_exp(const Tensor *t) { return tensor_unary(t, UNARY_EXP); }
Tensor *tensor_log(const Tensor *t) { return tensor_unary(t, UNARY_LOG); }
Tensor *tensor_relu(const Tensor *t) { return tensor_unary(t, UNARY_RELU); }
Tensor *tensor_sigmoid(const Tensor *t) { return tensor_unary(t, UNARY_SIGMOID); }
Tensor *tensor_tanh(const Tensor *t) { return tensor_unary(t, UNARY_TANH); }
Tensor *tensor_abs(const Tensor *t) { return tensor_unary(t, UNARY_ABS); }
Tensor *tensor_sqrt(const Tensor *t) { return tensor_unary(t, UNARY_SQRT); }
int tensor_neg_(Tensor *t) { return tensor_unary_(t, UNARY_NEG); }
int tensor_exp_(Tensor *t) { return tensor_unary_(t, UNARY_EXP); }
int tensor_log_(Tensor *t) { return tensor_unary_(t, UNARY_LOG); }
int tensor_relu_(Tensor *t) { return tensor_unary_(t, UNARY_RELU); }
int tensor_sigmoid_(Tensor *t) { return tensor_unary_(t, UNARY_SIGMOID); }
int tensor_tanh_(Tensor *t) { return tensor_unary_(t, UNARY_TANH); }
int tensor_abs_(Tensor *t) { return tensor_unary_(t, UNARY_ABS); }
int tensor_sqrt_(Tensor *t) { return tensor_unary_(t, UNARY_SQRT); }

Tensor *tensor_add(const Tensor *a, const Tensor *b) { return tensor_binary(a, b, BINARY_ADD); }
Tensor *tensor_sub(const Tensor *a, const Tensor *b) { return tensor_binary(a, b, BINARY_SUB); }
Tensor *tensor_mul(const Tensor *a, const Tensor *b) { return tensor_binary(a, b, BINARY_MUL); }
Tensor *tensor_div(const Tensor *a, const Tensor *b) { return tensor_binary(a, b, BINARY_DIV); }
int tensor_add_(Tensor *a, const Tensor *b) { return tensor_binary_(a, b, BINARY_ADD); }
int tensor_sub_(Tensor *a, const Tensor *b) { return tensor_binary_(a, b, BINARY_SUB); }
int tensor_mul_(Tensor *a, const Tensor *b) { return tensor_binary_(a, b, BINARY_MUL); }
int tensor_div_(Tensor *a, const Tensor *b) { return tensor_binary_(a, b, BINARY_DIV); }

Tensor *tensor_add_scalar(const Tensor *a, float b) { return tensor_binary_scalar(a, b, BINARY_ADD); }
Tensor *tensor_sub_scalar(const Tensor *a, float b) { return tensor_binary_scalar(a, b, BINARY_SUB); }
Tensor *tensor_mul_scalar(const Tensor *a, float b) { return tensor_binary_scalar(a, b, BINARY_MUL); }
Tensor *tensor_div_scalar(const Tensor *a, float b) { return tensor_binary_scalar(a, b, BINARY_DIV); }
int tensor_add_scalar_(Tensor *a, float b) { return tensor_binary_scalar_(a, b, BINARY_ADD); }
int tensor_sub_scalar_(Tensor *a, float b) { return tensor_binary_scalar_(a, b, BINARY_SUB); }
int tensor_mul_scalar_(Tensor *a, float b) { return tensor_binary_scalar_(a, b, BINARY_MUL); }
int tensor_div_scalar_(Tensor *a, float b) { return tensor_binary_scalar_(a, b, BINARY_DIV); }
//< elementwise-named
