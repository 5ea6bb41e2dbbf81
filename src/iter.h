//> iter-guard
// Walking strided memory: one odometer that steps through several tensors
// at once, whatever their strides, and the tricks that make it fast
// (chapter 5). Everything that reads or writes elements in bulk is built
// on it: copies, elementwise operations, reductions.
#ifndef STRIDES_ITER_H
#define STRIDES_ITER_H

#include <string.h>

#include "tensor.h"
//< iter-guard

//> vec4
// Four floats handled as one value. GCC and clang compile arithmetic on
// this type (x + y, x * y, ...) to one SIMD instruction on any target that
// has them (SSE2 on every x86-64, NEON on ARM), with no flags and no
// intrinsics. The loads and stores go through memcpy, which assumes no
// alignment and compiles to a single instruction.
typedef float vec4 __attribute__((vector_size(16)));

static inline vec4 vec4_load(const float *p) {
    vec4 v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline void vec4_store(float *p, vec4 v) {
    memcpy(p, &v, sizeof v);
}
//< vec4

//> broadcast-api
// The broadcast shape of two shapes, PyTorch's rules: align from the
// right, a missing dim counts as 1, a 1 stretches to the other size. 0, or
// -1 with "The size of tensor a (3) must match the size of tensor b (5) at
// non-singleton dimension 1".
int shape_broadcast(int ndim_a, const int64_t *shape_a, int ndim_b,
                     const int64_t *shape_b, int *ndim, int64_t *shape);
//< broadcast-api

//> iter-struct
// Up to three tensors walked in step: an output and two inputs.
#define ITER_MAX_OPERANDS 3

// Dimensions are numbered from the inside out: dim 0 moves fastest. All
// operands share one shape; each has its own strides, and a stride of 0
// makes an operand stand still along that dim (that is broadcasting).
typedef struct StridedIter {
    int     ndim;                                // at least 1
    int     noperands;
    int     tensor_ndim;                         // dims of the shape walked
    int64_t shape[MAX_DIMS];
    int64_t stride[ITER_MAX_OPERANDS][MAX_DIMS];
    int     perm[MAX_DIMS];                      // iter dim k is tensor dim perm[k]
                                                 // (until dims are coalesced)
    bool    votes[ITER_MAX_OPERANDS];            // may it decide the order?
    float  *data[ITER_MAX_OPERANDS];             // each operand's storage
    int64_t start[ITER_MAX_OPERANDS];            // offset of element (0, ..., 0)
    // The odometer: the digits (the coordinate of the current position)
    // and, kept in step with them, each operand's offset there.
    int64_t index[MAX_DIMS];
    int64_t offset[ITER_MAX_OPERANDS];
    // Walking by blocks: the current block is `rows` runs of run_length
    // elements along dim 0, run r starting r * stride[op][1] further on.
    // A tiled walk (iter_tile) cuts dims 0 and 1 into tiles, each a block;
    // tile_i and tile_j are where the current one starts along them, and
    // `base` holds the offsets at the position of the dims outside.
    int64_t run_length, rows;
    bool    tiled;
    int64_t tile_cols, tile_rows;
    int64_t tile_i, tile_j;
    int64_t base[ITER_MAX_OPERANDS];
} StridedIter;
//< iter-struct

//> iter-api
// Walk `shape` (ndim dims, tensor order) with the given operands, each of
// which must broadcast to it. A NULL operand stands for an output not
// allocated yet: it has no strides, and no say in iter_reorder().
void iter_init(StridedIter *it, int ndim, const int64_t *shape, int noperands,
               const Tensor *const *operands);

// Put the dims in memory order, innermost first (PyTorch's
// reorder_dimensions), then merge dims that step through memory as one
// (coalesce_dimensions). Neither changes which elements meet which.
void iter_reorder(StridedIter *it);
void iter_coalesce(StridedIter *it);

int64_t iter_numel(const StridedIter *it);

// The odometer. iter_start() rewinds to the first position (false if there
// is none); iter_advance() moves to the next position of the dims from
// `first_dim` outwards, false once they have all rolled over. first_dim 0
// steps one element at a time; the block walk below turns dims 2 and up.
bool iter_start(StridedIter *it);
bool iter_advance(StridedIter *it, int first_dim);
//< iter-api

//> blocks-api
// Walking one block of runs at a time: iter_first_block() starts (false if
// there are no elements), iter_next_block() moves on (false at the end).
// The odometer turns only the dims from 2 outwards; the kernel loops over
// the runs of a block, and over the elements of a run.
bool iter_first_block(StridedIter *it);
bool iter_next_block(StridedIter *it);

// Call after iter_coalesce(). If some operand would read across its rows
// along dim 0 (a transpose), move that operand's fastest dim to dim 1 and
// make the blocks tiles. Returns whether it did.
bool iter_tile(StridedIter *it);

// Address of operand `op` at the current position, and where run r of the
// current block starts.
static inline float *iter_ptr(const StridedIter *it, int op) {
    return it->data[op] + it->offset[op];
}

static inline float *iter_run(const StridedIter *it, int op, int64_t r) {
    return it->data[op] + it->offset[op] + r * it->stride[op][1];
}
//< blocks-api

//> copy-api
// Four ways to copy, from plain to fast; the chapter times each one. All
// copy element (i, j, ...) of src to element (i, j, ...) of dst.
typedef enum CopyMethod {
    COPY_ODOMETER,   // one element per step, dims as they come
    COPY_COALESCED,  // one element per step, dims reordered and merged
    COPY_RUNS,       // a block of whole runs per step, with fast paths
    COPY_BLOCKED,    // blocks, and transposes walked tile by tile
} CopyMethod;

// Copy `src` into `dst`, of the same shape or broadcast to it (a missing
// or size-1 dim of src repeats). No checks: tensor_copy_() (chapter 5's
// elementwise module) is the checked, PyTorch-shaped front door.
void tensor_copy_with(CopyMethod method, Tensor *dst, const Tensor *src);

// tensor_copy_elements() (declared in view.h, chapter 3) is tensor_copy_with(COPY_BLOCKED).

#endif
//< copy-api
