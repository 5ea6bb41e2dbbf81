//> views-includes
#include "views.h"

#include <string.h>

#include "error.h"
#include "view.h"
//< views-includes

//> wrap-dim
// Python's rule: -1 is the last position, -n the first. PyTorch treats a
// range of no positions as one position (a 0-dim tensor accepts dims 0 and
// -1), and narrow() wraps its start the same way, message included.
static int64_t wrap_position(int64_t i, int64_t n) {
    if (n < 1) n = 1;
    if (i < -n || i >= n) {
        error_set(ERR_INDEX, "Dimension out of range (expected to be in range of [%lld, %lld], "
                             "but got %lld)", (long long)-n, (long long)(n - 1), (long long)i);
        return -1;
    }
    return i < 0 ? i + n : i;
}

int64_t dim_wrap(int64_t dim, int ndim) {
    return wrap_position(dim, ndim);
}
//< wrap-dim

//> views-pattern
// Every view is made the same way: copy the input's metadata into a local
// Tensor (a struct copy, so the storage pointer is borrowed, not retained),
// change its shape, strides and offset, then let tensor_on() turn it into a
// real handle that takes its own reference to the storage.
static Tensor *view_of(const Tensor *v) {
    return tensor_on(v->storage, v->offset, v->ndim, v->shape, v->stride);
}

// Take dimension d out, or put a new one in at d (the caller checks that
// there is room). The other dimensions keep their order.
static void remove_dim(Tensor *v, int d) {
    for (int k = d; k < v->ndim - 1; k++) {
        v->shape[k] = v->shape[k + 1];
        v->stride[k] = v->stride[k + 1];
    }
    v->ndim--;
}

static void insert_dim(Tensor *v, int d, int64_t size, int64_t stride) {
    for (int k = v->ndim; k > d; k--) {
        v->shape[k] = v->shape[k - 1];
        v->stride[k] = v->stride[k - 1];
    }
    v->shape[d] = size;
    v->stride[d] = stride;
    v->ndim++;
}

static Tensor *too_many_dims(int ndim) {
    error_set(ERR_RUNTIME, "Strides supports at most %d dimensions, but got %d", MAX_DIMS, ndim);
    return NULL;
}
//< views-pattern

//> views-overflow
// The offsets and strides of a view are sums and products of its input's.
// They stay small while the elements lie inside the storage, but an empty
// tensor may carry any strides and offset (as_strided allows it), and so
// may a size-1 dimension's stride. Signed overflow is undefined in C, and
// PyTorch lets it wrap around; Strides notices it and refuses.
static bool mul_overflows(int64_t a, int64_t b, int64_t *product) {
    return __builtin_mul_overflow(a, b, product);
}

// offset += steps * stride, or false if that doesn't fit.
static bool move_offset(int64_t *offset, int64_t steps, int64_t stride) {
    int64_t jump;
    return !mul_overflows(steps, stride, &jump) &&
           !__builtin_add_overflow(*offset, jump, offset);
}

static Tensor *overflow_error(void) {
    error_set(ERR_RUNTIME, "Strides: an offset or stride of the result overflows int64");
    return NULL;
}
//< views-overflow

//> transpose
Tensor *tensor_transpose(const Tensor *t, int64_t dim0, int64_t dim1) {
    int64_t a = dim_wrap(dim0, t->ndim);
    if (a < 0) return NULL;
    int64_t b = dim_wrap(dim1, t->ndim);
    if (b < 0) return NULL;
    Tensor v = *t;
    if (a != b) {  // (a 0-dim tensor only ever gets here with a == b == 0)
        v.shape[a] = t->shape[b], v.stride[a] = t->stride[b];
        v.shape[b] = t->shape[a], v.stride[b] = t->stride[a];
    }
    return view_of(&v);
}

Tensor *tensor_t(const Tensor *t) {
    if (t->ndim > 2) {
        error_set(ERR_RUNTIME,
                  "t() expects a tensor with <= 2 dimensions, but self is %dD", t->ndim);
        return NULL;
    }
    return t->ndim == 2 ? tensor_transpose(t, 0, 1) : tensor_alias(t);
}
//< transpose

//> permute
Tensor *tensor_permute(const Tensor *t, IntList dims) {
    if (dims.len != t->ndim) {
        // PyTorch 1.13 names the sparse layout even for dense tensors.
        error_set(ERR_RUNTIME,
                  "permute(sparse_coo): number of dimensions in the tensor input does "
                  "not match the length of the desired ordering of dimensions i.e. "
                  "input.dim() = %d is not equal to len(dims) = %d", t->ndim, dims.len);
        return NULL;
    }
    Tensor v = *t;
    bool taken[MAX_DIMS] = {false};
    for (int i = 0; i < t->ndim; i++) {
        int64_t d = dim_wrap(dims.at[i], t->ndim);
        if (d < 0) return NULL;
        if (taken[d]) {
            error_set(ERR_RUNTIME, "permute(): duplicate dims are not allowed.");
            return NULL;
        }
        taken[d] = true;
        v.shape[i] = t->shape[d];  // new dim i is old dim d, stride and all
        v.stride[i] = t->stride[d];
    }
    return view_of(&v);
}
//< permute

//> contiguous-chunks
int tensor_contiguous_chunks(const Tensor *t, int *chunk_of_dim) {
    ViewChunk chunks[MAX_DIMS];
    int count = view_chunks(t, chunks);  // innermost first
    // A chunk of one element holds only size-1 dims (trailing ones, with
    // a stride that means nothing): it has nothing to step over, and its
    // dims join the next chunk out instead. Only the innermost can be one.
    int folded = count > 1 && chunks[0].numel == 1;
    // Number the rest from the outside in, as the dims are.
    for (int c = 0; c < count; c++) {
        int id = count - 1 - (c < folded ? folded : c);
        for (int d = chunks[c].first_dim; d <= chunks[c].last_dim; d++) chunk_of_dim[d] = id;
    }
    return count - folded;
}
//< contiguous-chunks

//> narrow
Tensor *tensor_narrow(const Tensor *t, int64_t dim, int64_t start, int64_t length) {
    if (t->ndim == 0) {
        error_set(ERR_RUNTIME, "narrow() cannot be applied to a 0-dim tensor.");
        return NULL;
    }
    int64_t d = dim_wrap(dim, t->ndim);
    if (d < 0) return NULL;
    int64_t size = t->shape[d];
    // A negative start counts from the end; start == size is an empty
    // narrow at the very end, allowed though it is no valid position.
    if (start != size && (start = wrap_position(start, size)) < 0) return NULL;
    if (length < 0 || start > size - length) {
        error_set(ERR_RUNTIME, "start (%lld) + length (%lld) exceeds dimension size (%lld).",
                               (long long)start, (long long)length, (long long)size);
        return NULL;
    }
    Tensor v = *t;
    v.shape[d] = length;
    if (!move_offset(&v.offset, start, t->stride[d])) return overflow_error();
    return view_of(&v);
}
//< narrow

//> select
Tensor *tensor_select(const Tensor *t, int64_t dim, int64_t index) {
    if (t->ndim == 0) {
        error_set(ERR_INDEX, "select() cannot be applied to a 0-dim tensor.");
        return NULL;
    }
    int64_t d = dim_wrap(dim, t->ndim);
    if (d < 0) return NULL;
    int64_t size = t->shape[d];
    if (index < -size || index >= size) {
        error_set(ERR_INDEX, "select(): index %lld out of range for tensor of size %s at "
                             "dimension %lld", (long long)index, ints_text(t->ndim, t->shape).s,
                             (long long)d);
        return NULL;
    }
    if (index < 0) index += size;
    Tensor v = *t;
    if (!move_offset(&v.offset, index, t->stride[d])) return overflow_error();
    remove_dim(&v, (int)d);  // the chosen row's offset is all that's left of d
    return view_of(&v);
}
//< select

//> slice-dim
// Python refuses a zero step while unpacking the slice; PyTorch refuses
// negative ones (NumPy allows them, PyTorch strides never go backwards).
static int check_step(Slice s) {
    if (s.step == 0) return error_set(ERR_VALUE, "slice step cannot be zero");
    if (s.step < 0) return error_set(ERR_VALUE, "step must be greater than zero");
    return 0;
}

// Slice one dimension of `v` in place: Python's rules for the bounds, then
// the new size, stride and offset.
static int slice_dim(Tensor *v, int d, Slice s) {
    int64_t size = v->shape[d];
    int64_t start = s.has_start ? s.start : 0;
    int64_t stop = s.has_stop ? s.stop : size;
    if (start < 0) start += size;  // -1 is the last element
    if (stop < 0) stop += size;
    // Out of range never fails, it clamps: start to [0, size], stop to
    // [start, size]. x[5:10] of 3 elements is empty, not an error.
    start = start < 0 ? 0 : start > size ? size : start;
    stop = stop < start ? start : stop > size ? size : stop;
    // ceil((stop - start) / step) elements, computed without overflow.
    v->shape[d] = stop == start ? 0 : 1 + (stop - start - 1) / s.step;
    if (!move_offset(&v->offset, start, v->stride[d]) ||
        mul_overflows(v->stride[d], s.step, &v->stride[d])) {
        overflow_error();
        return -1;
    }
    return 0;
}

Tensor *tensor_slice(const Tensor *t, int64_t dim, Slice s) {
    if (check_step(s) < 0) return NULL;
    if (t->ndim == 0) {
        error_set(ERR_INDEX, "slice() cannot be applied to a 0-dim tensor.");
        return NULL;
    }
    int64_t d = dim_wrap(dim, t->ndim);
    if (d < 0) return NULL;
    Tensor v = *t;
    return slice_dim(&v, (int)d, s) < 0 ? NULL : view_of(&v);
}
//< slice-dim

//> unsqueeze-stride
// The stride for a new size-1 dim placed before dim d: it is never used to
// move, but PyTorch gives it the span of dim d (no max(size, 1) here, so
// unsqueezing an empty tensor can give a stride 0); at the end, 1.
static bool unsqueeze_stride(const Tensor *t, int d, int64_t *stride) {
    if (d == t->ndim) {
        *stride = 1;
        return true;
    }
    return !mul_overflows(t->shape[d], t->stride[d], stride);
}
//< unsqueeze-stride

//> index-alone
// x[i] and x[a:b] with a single item take a shorter path in PyTorch, whose
// messages for a 0-dim tensor differ from the general one's ("too many
// indices"). For x[i] PyTorch reads the size of a dimension that a 0-dim
// tensor does not have, and reports it as 0.
static Tensor *index_scalar_alone(const IndexItem *item) {
    if (item->kind == INDEX_SLICE) {
        if (check_step(item->slice) == 0) {
            error_set(ERR_INDEX, "slice() cannot be applied to a 0-dim tensor.");
        }
    } else if (item->index == 0) {
        error_set(ERR_INDEX, "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                             "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
    } else {
        error_set(ERR_INDEX, "index %lld is out of bounds for dimension 0 with size 0",
                             (long long)item->index);
    }
    return NULL;
}
//< index-alone

//> index-count
Tensor *tensor_index(const Tensor *t, int count, const IndexItem *items) {
    if (t->ndim == 0 && count == 1 &&
        (items[0].kind == INDEX_INT || items[0].kind == INDEX_SLICE)) {
        return index_scalar_alone(&items[0]);
    }
    // Integers and slices each use up one dimension of t; None adds one.
    int specified = 0, dropped = 0, added = 0;
    for (int i = 0; i < count; i++) {
        specified += items[i].kind == INDEX_INT || items[i].kind == INDEX_SLICE;
        dropped += items[i].kind == INDEX_INT;
        added += items[i].kind == INDEX_NONE;
    }
    if (specified > t->ndim) {
        error_set(ERR_INDEX, "too many indices for tensor of dimension %d", t->ndim);
        return NULL;
    }
    if (t->ndim - dropped + added > MAX_DIMS) return too_many_dims(t->ndim - dropped + added);
    // `...` stands for the dimensions no item names. PyTorch 1.13 accepts
    // several, each standing for that many: x[..., 0, ...] is x[..., 0].
    int skip = t->ndim - specified;
//< index-count
//> index-items
    // Build the result's dims left to right. `in` is the next dim of t to
    // be indexed; `past` counts dims a second `...` skipped beyond the last.
    Tensor v = {.storage = t->storage, .offset = t->offset, .ndim = 0};
    int in = 0;
    int64_t past = 0;
    for (int i = 0; i < count; i++) {
        const IndexItem *item = &items[i];
        if (item->kind == INDEX_ELLIPSIS) {
            for (int k = 0; k < skip; k++) {
                if (in < t->ndim) {
                    insert_dim(&v, v.ndim, t->shape[in], t->stride[in]);
                    in++;
                } else {
                    past++;
                }
            }
            continue;
        }
        if (item->kind == INDEX_SLICE && check_step(item->slice) < 0) return NULL;
        if (past > 0 || (item->kind != INDEX_NONE && in == t->ndim)) {
            // Only after two `...`: PyTorch's position is past the last dim.
            wrap_position(v.ndim + past, v.ndim + (item->kind == INDEX_NONE));
            return NULL;
        }
        if (item->kind == INDEX_NONE) {
            int64_t stride;
            if (!unsqueeze_stride(t, in, &stride)) return overflow_error();
            insert_dim(&v, v.ndim, 1, stride);
        } else if (item->kind == INDEX_SLICE) {
            insert_dim(&v, v.ndim, t->shape[in], t->stride[in]);
            if (slice_dim(&v, v.ndim - 1, item->slice) < 0) return NULL;
            in++;
        } else {  // an integer: select, with indexing's own message
            int64_t size = t->shape[in], index = item->index;
            if (index < -size || index >= size) {
                // PyTorch names the item's position, not the dimension's.
                error_set(ERR_INDEX, "index %lld is out of bounds for dimension %d with size %lld",
                                     (long long)index, i, (long long)size);
                return NULL;
            }
            if (!move_offset(&v.offset, index < 0 ? index + size : index, t->stride[in])) {
                return overflow_error();
            }
            in++;
        }
    }
    // Dims no item reached are kept whole: x[0] is x[0, ...].
    for (; in < t->ndim; in++) insert_dim(&v, v.ndim, t->shape[in], t->stride[in]);
    return view_of(&v);
}
//< index-items

//> unsqueeze
Tensor *tensor_unsqueeze(const Tensor *t, int64_t dim) {
    int64_t d = dim_wrap(dim, t->ndim + 1);  // one more position: the end
    if (d < 0) return NULL;
    if (t->ndim == MAX_DIMS) return too_many_dims(MAX_DIMS + 1);
    int64_t stride;
    if (!unsqueeze_stride(t, (int)d, &stride)) return overflow_error();
    Tensor v = *t;
    insert_dim(&v, (int)d, 1, stride);
    return view_of(&v);
}
//< unsqueeze

//> squeeze
Tensor *tensor_squeeze(const Tensor *t) {
    Tensor v = *t;
    v.ndim = 0;
    for (int d = 0; d < t->ndim; d++) {
        if (t->shape[d] != 1) insert_dim(&v, v.ndim, t->shape[d], t->stride[d]);
    }
    return view_of(&v);
}

Tensor *tensor_squeeze_dim(const Tensor *t, int64_t dim) {
    int64_t d = dim_wrap(dim, t->ndim);
    if (d < 0) return NULL;
    Tensor v = *t;
    if (t->ndim > 0 && t->shape[d] == 1) remove_dim(&v, (int)d);
    return view_of(&v);  // a size other than 1 is no error: x comes back
}
//< squeeze

//> expand-errors
static Tensor *expand_count_error(const Tensor *t, Shape sizes) {
    error_set(ERR_RUNTIME, "expand(torch.FloatTensor{%s}, size=%s): the number of sizes provided "
                           "(%d) must be greater or equal to the number of dimensions in the "
                           "tensor (%d)", ints_text(t->ndim, t->shape).s,
                           ints_text(sizes.len, sizes.at).s, sizes.len, t->ndim);
    return NULL;
}

static Tensor *expand_mismatch_error(const Tensor *t, Shape sizes, int i) {
    error_set(ERR_RUNTIME, "The expanded size of the tensor (%lld) must match the existing size "
                           "(%lld) at non-singleton dimension %d.  Target sizes: %s.  Tensor "
                           "sizes: %s", (long long)sizes.at[i],
                           (long long)t->shape[i - (sizes.len - t->ndim)], i,
                           ints_text(sizes.len, sizes.at).s, ints_text(t->ndim, t->shape).s);
    return NULL;
}

// PyTorch's last check on any new shape: the element count must fit in an
// int64. It multiplies the sizes as unsigned numbers, so a negative size
// (which expand() and as_strided() let through) fails here too.
static int check_numel(int ndim, const int64_t *shape) {
    int64_t numel = 1;
    for (int d = 0; d < ndim; d++) {
        if (shape[d] < 0 || mul_overflows(numel, shape[d], &numel)) {
            return error_set(ERR_RUNTIME, "numel: integer multiplication overflow");
        }
    }
    return 0;
}
//< expand-errors

//> expand
Tensor *tensor_expand(const Tensor *t, Shape sizes) {
    if (sizes.len < t->ndim) return expand_count_error(t, sizes);
    if (sizes.len > MAX_DIMS) return too_many_dims(sizes.len);
    Tensor v = *t;
    v.ndim = sizes.len;
    // Align the sizes with t's dims from the right, as broadcasting does.
    for (int i = sizes.len - 1; i >= 0; i--) {
        /* BEGIN SOLUTION 4.4 */
        int d = i - (sizes.len - t->ndim);  // t's dim under size i, or < 0
        int64_t target = sizes.at[i];
        int64_t size, stride;
        if (d >= 0) {
            size = t->shape[d], stride = t->stride[d];
        } else {
            // A new leading dim starts as a size-1 dim stepping over the
            // one after it, as from unsqueeze(0). (For a 0-dim t, PyTorch
            // takes the sizes as they are, with strides 0.)
            size = 1, stride = 0;
            if (t->ndim > 0 && mul_overflows(v.shape[i + 1], v.stride[i + 1], &stride)) {
                return overflow_error();
            }
        }
        // -1 means "keep this size", so only dims that t has may use it.
        // (A 0-dim t's -1 goes through as a size, and fails check_numel.)
        if (target == -1 && t->ndim > 0) {
            if (d < 0) {
                error_set(ERR_RUNTIME, "The expanded size of the tensor (-1) isn't allowed in a "
                                       "leading, non-existing dimension %d", i);
                return NULL;
            }
            target = size;
        }
        if (size != target) {
            if (size != 1) return expand_mismatch_error(t, sizes, i);
            // The one element along this dim is repeated: every index
            // reaches it by moving 0 steps.
            size = target, stride = 0;
        }
        v.shape[i] = size, v.stride[i] = stride;
        /* END SOLUTION */
        /* STUB
        // Exercise 4.4: size i of `sizes` and its stride, into v.shape[i]
        // and v.stride[i]; expand_mismatch_error() and overflow_error()
        // say what PyTorch says when there are none.
        (void)expand_mismatch_error;
        error_not_implemented("4.4");
        return NULL;
        */
    }
    if (check_numel(v.ndim, v.shape) < 0) return NULL;
    return view_of(&v);
}

// In PyTorch 1.13, broadcast_to(x, sizes) is x.expand(sizes), messages and all.
Tensor *tensor_broadcast_to(const Tensor *t, Shape sizes) {
    return tensor_expand(t, sizes);
}
//< expand

//> check-writable
int tensor_check_writable(const Tensor *t) {
    // PyTorch first asks whether the elements tile memory exactly, and an
    // empty tensor (contiguous by definition) does: nothing is written.
    if (tensor_numel(t) == 0) return 0;
    for (int d = 0; d < t->ndim; d++) {
        // Two indices along d reach one element: a write through one would
        // change what the other reads.
        if (t->shape[d] > 1 && t->stride[d] == 0) {
            return error_set(ERR_RUNTIME, "unsupported operation: more than one element of the "
                                          "written-to tensor refers to a single memory location. "
                                          "Please clone() the tensor before performing the "
                                          "operation.");
        }
    }
    return 0;
}
//< check-writable

//> flatten
Tensor *tensor_flatten(const Tensor *t, int64_t start_dim, int64_t end_dim) {
    int64_t start = dim_wrap(start_dim, t->ndim);
    if (start < 0) return NULL;
    int64_t end = dim_wrap(end_dim, t->ndim);
    if (end < 0) return NULL;
    if (start > end) {
        error_set(ERR_RUNTIME, "flatten() has invalid args: start_dim cannot come after end_dim");
        return NULL;
    }
    if (t->ndim == 0) return tensor_reshape(t, SHAPE(1));
    if (start == end) return tensor_alias(t);
    // The sizes before start, their product, the sizes after end. (Not a -1
    // for the middle: with an empty dim elsewhere, -1 would be ambiguous.)
    Shape shape = {.len = 0};
    int64_t merged = 1;
    for (int d = 0; d < t->ndim; d++) {
        if (d < start || d > end) {
            shape.at[shape.len++] = t->shape[d];
        } else if (mul_overflows(merged, t->shape[d], &merged)) {
            return overflow_error();  // an empty tensor's other dims can be huge
        }
        if (d == end) shape.at[shape.len++] = merged;
    }
    return tensor_reshape(t, shape);  // chapter 3: a view if possible
}
//< flatten

//> unflatten
// PyTorch infers the split sizes with view()'s rules, then catches two of
// their errors (and only those) to reword them: sizes that don't hold the
// dim's elements, and more than one -1.
static Tensor *unflatten_error(Shape sizes, int64_t dim, int64_t size) {
    if (error_kind() == ERR_SHAPE_NUMEL) {
        error_set(ERR_RUNTIME, "unflatten: Provided sizes %s don't multiply up to the size of dim "
                               "%lld (%lld) in the input tensor", ints_text(sizes.len, sizes.at).s,
                               (long long)dim, (long long)size);
    } else if (error_kind() == ERR_SHAPE_INFER) {
        error_set(ERR_RUNTIME,
                  "unflatten got an unexpected error:\nonly one dimension can be inferred");
    }
    return NULL;
}

Tensor *tensor_unflatten(const Tensor *t, int64_t dim, Shape sizes) {
    int64_t d = dim_wrap(dim, t->ndim);
    if (d < 0) return NULL;
    if (sizes.len == 0) {
        error_set(ERR_RUNTIME, "unflatten: sizes must be non-empty");
        return NULL;
    }
    if (t->ndim == 0) {
        error_set(ERR_INDEX, "Dimension specified as 0 but tensor has no dimensions");
        return NULL;
    }
    int64_t split[MAX_DIMS];
    if (shape_infer(sizes, t->shape[d], split) < 0) {
        return unflatten_error(sizes, d, t->shape[d]);
    }
    int ndim = t->ndim - 1 + sizes.len;
    if (ndim > MAX_DIMS) return too_many_dims(ndim);
    // Dim d replaced by the split sizes; view() finds the strides. Splitting
    // one dim never straddles a chunk, so it always succeeds.
    Shape shape = {.len = ndim};
    for (int k = 0; k < ndim; k++) {
        shape.at[k] = k < d ? t->shape[k]
                      : k < d + sizes.len ? split[k - d]
                                          : t->shape[k - sizes.len + 1];
    }
    return tensor_view(t, shape);
}
//< unflatten

//> as-strided-bounds
// PyTorch's bounds check (checkInBoundsForStorage): the last element sits
// at offset + sum((size[i] - 1) * stride[i]), so the storage must hold one
// more than that, in bytes. A tensor with a size-0 dim reads nothing and
// passes whatever its strides and offset.
static int check_in_bounds(const Tensor *t, Shape size, IntList stride, int64_t offset) {
    for (int d = 0; d < size.len; d++) {
        if (size.at[d] == 0) return 0;
    }
    int64_t extent = 1, bytes, offset_bytes, needed;
    bool overflow = false;
    for (int d = 0; d < size.len && !overflow; d++) {
        int64_t span;
        if (size.at[d] < 0) {
            // PyTorch computes in unsigned arithmetic, where -2 is 2^64 - 2:
            // an overflow, unless the stride is 0 (then see check_numel).
            overflow = stride.at[d] != 0;
        } else {
            overflow = mul_overflows(size.at[d] - 1, stride.at[d], &span) ||
                       __builtin_add_overflow(extent, span, &extent);
        }
    }
    if (overflow || mul_overflows(extent, (int64_t)sizeof(float), &bytes) ||
        mul_overflows(offset, (int64_t)sizeof(float), &offset_bytes) ||
        __builtin_add_overflow(bytes, offset_bytes, &needed)) {
        return error_set(ERR_RUNTIME, "Storage size calculation overflowed with sizes=%s and "
                                      "strides=%s", ints_text(size.len, size.at).s,
                                      ints_text(stride.len, stride.at).s);
    }
    int64_t available = t->storage->size * (int64_t)sizeof(float);
    if (needed > available) {
        return error_set(ERR_RUNTIME,
                         "setStorage: sizes %s, strides %s, storage offset %lld, and "
                         "itemsize %d requiring a storage size of %lld are out of "
                         "bounds for storage of size %lld",
                         ints_text(size.len, size.at).s, ints_text(stride.len, stride.at).s,
                         (long long)offset, (int)sizeof(float), (long long)needed,
                         (long long)available);
    }
    return 0;
}
//< as-strided-bounds

//> as-strided
Tensor *tensor_as_strided(const Tensor *t, Shape size, IntList stride, int64_t offset) {
    if (offset == AS_STRIDED_KEEP_OFFSET) offset = t->offset;
    if (size.len != stride.len) {
        error_set(ERR_RUNTIME, "mismatch in length of strides and shape");
        return NULL;
    }
    if (size.len > MAX_DIMS) return too_many_dims(size.len);
    for (int d = 0; d < stride.len; d++) {
        if (stride.at[d] < 0) {
            error_set(ERR_RUNTIME, "as_strided: Negative strides are not supported at the moment, "
                                   "got strides: %s", ints_text(stride.len, stride.at).s);
            return NULL;
        }
    }
    if (check_in_bounds(t, size, stride, offset) < 0) return NULL;
    if (offset < 0) {
        error_set(ERR_RUNTIME, "Tensor: invalid storage offset %lld", (long long)offset);
        return NULL;
    }
    if (check_numel(size.len, size.at) < 0) return NULL;
    return tensor_on(t->storage, offset, size.len, size.at, stride.at);
}
//< as-strided
