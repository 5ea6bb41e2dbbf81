//> iter-includes
#include "iter.h"

#include <string.h>

#include "error.h"
#include "view.h"
//< iter-includes

//> broadcast-shapes
int shape_broadcast(int ndim_a, const int64_t *shape_a, int ndim_b,
                     const int64_t *shape_b, int *ndim, int64_t *shape) {
    /* BEGIN SOLUTION 5.4 */
    int n = ndim_a > ndim_b ? ndim_a : ndim_b;
    // From the last dim backwards, so the first mismatch reported is the
    // innermost one, as in PyTorch. `shape` may be one of the inputs.
    for (int d = n - 1; d >= 0; d--) {
        int da = d - (n - ndim_a), db = d - (n - ndim_b);
        int64_t a = da >= 0 ? shape_a[da] : 1;
        int64_t b = db >= 0 ? shape_b[db] : 1;
        if (a != b && a != 1 && b != 1) {
            return error_set(ERR_RUNTIME, "The size of tensor a (%lld) must match the size of "
                                          "tensor b (%lld) at non-singleton dimension %d",
                                          (long long)a, (long long)b, d);
        }
        shape[d] = a == 1 ? b : a;  // 1 against 0 gives 0
    }
    *ndim = n;
    return 0;
    /* END SOLUTION */
    /* STUB
    // Exercise 5.4: until you write the rule, only equal shapes, and a
    // 0-dim shape (a number) against any shape, broadcast, so the rest of
    // the library keeps working on them.
    int n = ndim_a == 0 ? ndim_b : ndim_a;
    const int64_t *from = ndim_a == 0 ? shape_b : shape_a;
    for (int d = 0; ndim_a != 0 && ndim_b != 0 && d < n; d++) {
        if (ndim_a != ndim_b || shape_a[d] != shape_b[d]) return error_not_implemented("5.4");
    }
    for (int d = 0; d < n; d++) shape[d] = from[d];
    *ndim = n;
    return 0;
    */
}
//< broadcast-shapes

//> iter-init
static void attach(StridedIter *it, int op, const Tensor *t);

void iter_init(StridedIter *it, int ndim, const int64_t *shape, int noperands,
               const Tensor *const *operands) {
    // A 0-dim walk is a walk over one element: one dim of size 1.
    it->tensor_ndim = ndim;
    it->ndim = ndim > 0 ? ndim : 1;
    it->tiled = false;
    it->noperands = noperands;
    for (int k = 0; k < it->ndim; k++) {
        it->perm[k] = ndim - 1 - k;  // innermost first: the last tensor dim
        it->shape[k] = ndim > 0 ? shape[it->perm[k]] : 1;
    }
    for (int op = 0; op < noperands; op++) {
        it->data[op] = NULL;
        it->start[op] = 0;
        it->votes[op] = false;
        for (int k = 0; k < MAX_DIMS; k++) it->stride[op][k] = 0;
        if (operands[op] != NULL) attach(it, op, operands[op]);
    }
}
//< iter-init

//> iter-attach
static void attach(StridedIter *it, int op, const Tensor *t) {
    it->data[op] = t->storage->data;
    it->start[op] = t->offset;
    it->votes[op] = true;
    for (int k = 0; k < it->ndim; k++) {
        // Line t's dims up with the walk's from the right. A dim t lacks,
        // or has with size 1 where the walk has more, is broadcast: the
        // operand stands still along it (stride 0), repeating its element.
        int d = it->perm[k] - (it->tensor_ndim - t->ndim);
        bool broadcast = d < 0 || (t->shape[d] == 1 && it->shape[k] != 1);
        it->stride[op][k] = broadcast ? 0 : t->stride[d];
    }
}
//< iter-attach

//> iter-odometer
int64_t iter_numel(const StridedIter *it) {
    int64_t n = 1;
    for (int k = 0; k < it->ndim; k++) n *= it->shape[k];
    return n;
}

bool iter_start(StridedIter *it) {
    for (int k = 0; k < it->ndim; k++) it->index[k] = 0;
    for (int op = 0; op < it->noperands; op++) it->offset[op] = it->start[op];
    return iter_numel(it) > 0;
}

bool iter_advance(StridedIter *it, int first_dim) {
    for (int k = first_dim; k < it->ndim; k++) {
        // Turn digit k one notch: every operand moves by its stride.
        for (int op = 0; op < it->noperands; op++) it->offset[op] += it->stride[op][k];
        if (++it->index[k] < it->shape[k]) return true;
        // The digit rolled over: take it back to 0 and carry into k + 1.
        for (int op = 0; op < it->noperands; op++) {
            it->offset[op] -= it->shape[k] * it->stride[op][k];
        }
        it->index[k] = 0;
    }
    return false;  // every digit rolled over: the walk is done
}
//< iter-odometer

//> copy-odometer
// Step 1: the odometer over two tensors at once, one element per step.
static void copy_elementwise(StridedIter *it) {
    /* BEGIN SOLUTION 5.1 */
    if (!iter_start(it)) return;
    do {
        *iter_ptr(it, 0) = *iter_ptr(it, 1);
    } while (iter_advance(it, 0));
    /* END SOLUTION */
}
//< copy-odometer

//> iter-reorder
// Should dim a be inside dim b (-1), outside it (1), or can't we tell (0)?
// Each operand that votes is asked in turn, the first one first.
static int compare_dims(const StridedIter *it, int a, int b) {
    for (int op = 0; op < it->noperands; op++) {
        if (!it->votes[op]) continue;
        int64_t sa = it->stride[op][a], sb = it->stride[op][b];
        // Broadcast along either dim: this operand has no opinion.
        if (sa == 0 || sb == 0) continue;
        if (sa != sb) return sa < sb ? -1 : 1;  // smaller stride goes inside
        // Equal strides (size-1 dims, or overlap): smaller size goes inside.
        if (it->shape[a] > it->shape[b]) return 1;
    }
    return 0;
}

static void swap_dims(StridedIter *it, int a, int b) {
    int64_t size = it->shape[a];
    it->shape[a] = it->shape[b];
    it->shape[b] = size;
    int d = it->perm[a];
    it->perm[a] = it->perm[b];
    it->perm[b] = d;
    for (int op = 0; op < it->noperands; op++) {
        int64_t s = it->stride[op][a];
        it->stride[op][a] = it->stride[op][b];
        it->stride[op][b] = s;
    }
}

void iter_reorder(StridedIter *it) {
    // Insertion sort, from the natural order. "Can't tell" neither swaps
    // nor stops: the dim keeps moving inwards past dims it can't compare
    // with, until one says it is already in place.
    for (int i = 1; i < it->ndim; i++) {
        int moving = i;
        for (int inner = i - 1; inner >= 0; inner--) {
            int c = compare_dims(it, inner, moving);
            if (c > 0) {
                swap_dims(it, inner, moving);
                moving = inner;
            } else if (c < 0) {
                break;
            }
        }
    }
}
//< iter-reorder

//> iter-coalesce
// Can dims `inner` and `outer` (inner + 1 after earlier merges) become one?
// Yes if one has size 1, or if for every operand stepping once along
// `outer` is the same as stepping across all of `inner`.
static bool can_merge(const StridedIter *it, int inner, int outer) {
    if (it->shape[inner] == 1 || it->shape[outer] == 1) return true;
    for (int op = 0; op < it->noperands; op++) {
        if (it->shape[inner] * it->stride[op][inner] != it->stride[op][outer]) {
            return false;
        }
    }
    return true;
}

void iter_coalesce(StridedIter *it) {
    int kept = 0;  // the dim being grown; dims past it are merged or moved down
    for (int k = 1; k < it->ndim; k++) {
        if (can_merge(it, kept, k)) {
            // A size-1 dim's stride means nothing: take the other's.
            if (it->shape[kept] == 1) {
                for (int op = 0; op < it->noperands; op++) {
                    it->stride[op][kept] = it->stride[op][k];
                }
            }
            it->shape[kept] *= it->shape[k];
        } else {
            kept++;
            it->shape[kept] = it->shape[k];
            for (int op = 0; op < it->noperands; op++) {
                it->stride[op][kept] = it->stride[op][k];
            }
        }
    }
    it->ndim = kept + 1;
    // Merged dims are no longer tensor dims; the dims past the end, gone.
    for (int k = 0; k < MAX_DIMS; k++) it->perm[k] = -1;
    for (int op = 0; op < it->noperands; op++) {
        for (int k = it->ndim; k < MAX_DIMS; k++) it->stride[op][k] = 0;
    }
}
//< iter-coalesce

//> iter-blocks
// Step 3: the inner dims as plain loops. The odometer turns only the
// digits from dim 2 outwards; dim 1 and dim 0 are a block of runs that the
// kernel walks itself, with nested for loops.
static void place_tile(StridedIter *it);  // (iter-tile, below)
static bool next_tile(StridedIter *it);

bool iter_first_block(StridedIter *it) {
    if (!iter_start(it)) return false;
    if (it->tiled) {
        for (int op = 0; op < it->noperands; op++) it->base[op] = it->offset[op];
        it->tile_i = it->tile_j = 0;
        place_tile(it);
    } else {
        it->run_length = it->shape[0];
        it->rows = it->ndim > 1 ? it->shape[1] : 1;
    }
    return true;
}

bool iter_next_block(StridedIter *it) {
    return it->tiled ? next_tile(it) : iter_advance(it, 2);
}
//< iter-blocks

//> copy-run
// One run, with a loop of its own for each common case, which the compiler
// turns into the fastest code it knows (memcpy is the fastest of all).
static void copy_run(int64_t n, float *dst, int64_t dst_stride, const float *src,
                     int64_t src_stride) {
    if (dst_stride == 1 && src_stride == 1) {
        memcpy(dst, src, (size_t)n * sizeof(float));
    } else if (src_stride == 0) {  // a broadcast value: fill
        float value = *src;
        for (int64_t i = 0; i < n; i++) dst[i * dst_stride] = value;
    } else {
        for (int64_t i = 0; i < n; i++) dst[i * dst_stride] = src[i * src_stride];
    }
}

static void copy_blocks(StridedIter *it) {
    if (!iter_first_block(it)) return;
    do {
        for (int64_t r = 0; r < it->rows; r++) {
            copy_run(it->run_length, iter_run(it, 0, r), it->stride[0][0], iter_run(it, 1, r),
                     it->stride[1][0]);
        }
    } while (iter_next_block(it));
}
//< copy-run

//> iter-tile
// Step 4: tiles. A tile is TILE_AREA elements: up to TILE_COLS along dim 0
// by as many runs along dim 1 as make up the area. That is 8 KiB of each
// operand, so every cache line an operand touches in the tile, whether it
// goes along dim 0 or along dim 1, is used whole while it is still in the
// L1 cache.
#define TILE_AREA 2048
#define TILE_COLS 64

bool iter_tile(StridedIter *it) {
    it->tiled = false;
    for (int op = 0; op < it->noperands && it->ndim >= 2; op++) {
        // Along dim 0 this operand jumps `along0` elements at a time: a new
        // cache line per element, unless it has a faster dim to read along.
        int64_t along0 = it->stride[op][0];
        int best = 0;
        if (along0 <= 1) continue;  // contiguous, or broadcast: fine as it is
        for (int k = 1; k < it->ndim; k++) {
            int64_t s = it->stride[op][k];
            if (s != 0 && s < (best ? it->stride[op][best] : along0)) best = k;
        }
        if (best == 0) continue;
        for (int k = best; k > 1; k--) swap_dims(it, k - 1, k);  // now dim 1
        it->tile_cols = it->shape[0] < TILE_COLS ? it->shape[0] : TILE_COLS;
        it->tile_rows = TILE_AREA / it->tile_cols;
        it->tiled = true;
        return true;
    }
    return false;
}

// The current tile, with its corner at (tile_i, tile_j): clipped at the
// far edges of dims 0 and 1.
static void place_tile(StridedIter *it) {
    for (int op = 0; op < it->noperands; op++) {
        it->offset[op] = it->base[op] + it->tile_i * it->stride[op][0] +
                         it->tile_j * it->stride[op][1];
    }
    int64_t cols = it->shape[0] - it->tile_i, rows = it->shape[1] - it->tile_j;
    it->run_length = cols < it->tile_cols ? cols : it->tile_cols;
    it->rows = rows < it->tile_rows ? rows : it->tile_rows;
}

// The next tile along dim 1; then along dim 0; then, all tiles done, the
// next position of the odometer's dims from 2 outwards.
static bool next_tile(StridedIter *it) {
    it->tile_j += it->tile_rows;
    if (it->tile_j >= it->shape[1]) {
        it->tile_j = 0;
        it->tile_i += it->tile_cols;
        if (it->tile_i >= it->shape[0]) {
            it->tile_i = 0;
            for (int op = 0; op < it->noperands; op++) it->offset[op] = it->base[op];
            if (!iter_advance(it, 2)) return false;
            for (int op = 0; op < it->noperands; op++) it->base[op] = it->offset[op];
        }
    }
    place_tile(it);
    return true;
}
//< iter-tile

//> copy-with
void tensor_copy_with(CopyMethod method, Tensor *dst, const Tensor *src) {
    StridedIter it;
    iter_init(&it, dst->ndim, dst->shape, 2, (const Tensor *[]){dst, src});
    if (method == COPY_ODOMETER) {
        copy_elementwise(&it);
        return;
    }
    // Step 2: dims in dst's memory order (so dst is written front to
    // back), then merged wherever both tensors allow.
    iter_reorder(&it);
    iter_coalesce(&it);
    if (method == COPY_COALESCED) {
        copy_elementwise(&it);
        return;
    }
    if (method == COPY_BLOCKED) iter_tile(&it);
    copy_blocks(&it);
}
//< copy-with

//> copy-elements
// The library's copy from now on: a strong definition that replaces
// chapter 3's weak one at link time. contiguous() and reshape() call it.
void tensor_copy_elements(Tensor *dst, const Tensor *src) {
    tensor_copy_with(COPY_BLOCKED, dst, src);
}
//< copy-elements
