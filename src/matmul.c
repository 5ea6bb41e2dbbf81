//> matmul-includes
#include "matmul.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "iter.h"
#include "view.h"
//< matmul-includes

//> micro-kernel
// The heart of a fast matrix product: a tiny kernel that computes an
// MR x NR block of C from a strip of A (MR rows) and a strip of B (NR
// columns), both packed so that it reads them front to back. Its 6 x 16
// accumulators stay in registers for the whole strip: each element of A
// and B loaded is used 16 or 6 times before it is dropped.
#define MR 6
#define NR 16

// vec4 (iter.h) holds four floats; with AVX, a register holds eight.
typedef float vec8 __attribute__((vector_size(32)));

// One step of the kernel for row i: a[i] times the row of B, added in.
#define ROW(i) c##i##0 += a[i] * b0, c##i##1 += a[i] * b1
#define STORE(i, v, j) memcpy(acc + (i) * NR + (j), &v, sizeof v)

// acc (MR x NR) = sum over p < kc of column p of the A strip times row p
// of the B strip. a holds kc groups of MR floats, b kc groups of NR.
// The portable kernel does columns [j0, j0 + 8) at a time, as two vec4
// per row: 12 accumulators, which fit SSE2's 16 registers.
static void kernel_half(int64_t kc, const float *a, const float *b, float *acc, int j0) {
    vec4 c00 = {0}, c01 = {0}, c10 = {0}, c11 = {0}, c20 = {0}, c21 = {0};
    vec4 c30 = {0}, c31 = {0}, c40 = {0}, c41 = {0}, c50 = {0}, c51 = {0};
    for (int64_t p = 0; p < kc; p++, a += MR, b += NR) {
        vec4 b0 = vec4_load(b + j0), b1 = vec4_load(b + j0 + 4);
        ROW(0); ROW(1); ROW(2); ROW(3); ROW(4); ROW(5);
    }
    STORE(0, c00, j0); STORE(0, c01, j0 + 4); STORE(1, c10, j0); STORE(1, c11, j0 + 4);
    STORE(2, c20, j0); STORE(2, c21, j0 + 4); STORE(3, c30, j0); STORE(3, c31, j0 + 4);
    STORE(4, c40, j0); STORE(4, c41, j0 + 4); STORE(5, c50, j0); STORE(5, c51, j0 + 4);
}

typedef void (*MicroKernel)(int64_t kc, const float *a, const float *b, float *acc);

static void kernel_portable(int64_t kc, const float *a, const float *b, float *acc) {
    kernel_half(kc, a, b, acc, 0);
    kernel_half(kc, a, b, acc, 8);
}
//< micro-kernel

//> wide-kernel
// With AVX2 a register holds 8 floats: the whole 6 x 16 tile is 12
// registers, in one pass. Compiled for AVX2 and FMA whatever the build's
// flags, and only called after asking the CPU, so the library still runs
// on any x86-64 (or any other) machine.
#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_WIDE_KERNEL 1
__attribute__((target("avx2,fma"))) static void kernel_avx2(int64_t kc, const float *a,
                                                            const float *b, float *acc) {
    vec8 c00 = {0}, c01 = {0}, c10 = {0}, c11 = {0}, c20 = {0}, c21 = {0};
    vec8 c30 = {0}, c31 = {0}, c40 = {0}, c41 = {0}, c50 = {0}, c51 = {0};
    for (int64_t p = 0; p < kc; p++, a += MR, b += NR) {
        vec8 b0, b1;  // (memcpy, as in vec4_load: an unaligned load)
        memcpy(&b0, b, sizeof b0);
        memcpy(&b1, b + 8, sizeof b1);
        ROW(0); ROW(1); ROW(2); ROW(3); ROW(4); ROW(5);
    }
    STORE(0, c00, 0); STORE(0, c01, 8); STORE(1, c10, 0); STORE(1, c11, 8);
    STORE(2, c20, 0); STORE(2, c21, 8); STORE(3, c30, 0); STORE(3, c31, 8);
    STORE(4, c40, 0); STORE(4, c41, 8); STORE(5, c50, 0); STORE(5, c51, 8);
}
#endif

static bool wide_allowed = true;

static MicroKernel pick_kernel(void) {
#ifdef HAVE_WIDE_KERNEL
    if (wide_allowed && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        return kernel_avx2;
    }
#endif
    return kernel_portable;
}

const char *matmul_use_wide_kernel(bool allowed) {
    wide_allowed = allowed;
    return pick_kernel() == kernel_portable ? "portable" : "avx2";
}
//< wide-kernel

//> packing
// A strided matrix: element (i, j) is data[i * rs + j * cs]. Any layout
// (row-major, transposed, sliced, broadcast with stride 0) is one of these.
typedef struct Matrix {
    const float *data;
    int64_t rs, cs;
} Matrix;

static float at(Matrix m, int64_t i, int64_t j) {
    return m.data[i * m.rs + j * m.cs];
}

// Copy rows [i0, i0+mc) x cols [p0, p0+kc) of A into strips of MR rows,
// each stored column after column, the order the kernel reads them.
// Rows past the end are padded with zeros, so every strip is full.
static void pack_a(Matrix a, int64_t i0, int64_t mc, int64_t p0, int64_t kc, float *out) {
    for (int64_t i = 0; i < mc; i += MR) {
        for (int64_t p = 0; p < kc; p++) {
            for (int r = 0; r < MR; r++) {
                *out++ = i + r < mc ? at(a, i0 + i + r, p0 + p) : 0.0f;
            }
        }
    }
}

// The same for B: strips of NR columns, each stored row after row.
static void pack_b(Matrix b, int64_t p0, int64_t kc, int64_t j0, int64_t nc, float *out) {
    for (int64_t j = 0; j < nc; j += NR) {
        for (int64_t p = 0; p < kc; p++) {
            for (int c = 0; c < NR; c++) {
                *out++ = j + c < nc ? at(b, p0 + p, j0 + j + c) : 0.0f;
            }
        }
    }
}
//< packing

//> gemm
// Blocking sizes, after the GotoBLAS/BLIS scheme: a KC x NC panel of B
// (1 MiB) stays in the L2 cache while MC x KC blocks of A (96 KiB) stream
// through it; the kernel's strip of B (KC x NR, 16 KiB) sits in L1.
#define KC 256
#define MC 96
#define NC 1024

typedef struct Workspace {
    float      *a, *b;  // packed blocks of A and B
    MicroKernel kernel;
} Workspace;

static int64_t round_up(int64_t n, int64_t to) {
    return (n + to - 1) / to * to;
}

static int64_t min64(int64_t a, int64_t b) {
    return a < b ? a : b;
}

// Buffers sized for the largest blocks that (m, n, k) will need.
static int workspace_init(Workspace *w, int64_t m, int64_t n, int64_t k) {
    size_t a_floats = (size_t)(round_up(min64(m, MC), MR) * min64(k, KC));
    size_t b_floats = (size_t)(round_up(min64(n, NC), NR) * min64(k, KC));
    w->a = malloc((a_floats ? a_floats : 1) * sizeof(float));
    w->b = malloc((b_floats ? b_floats : 1) * sizeof(float));
    w->kernel = pick_kernel();
    if (w->a == NULL || w->b == NULL) {
        free(w->a);
        free(w->b);
        return error_set_alloc((int64_t)((a_floats + b_floats) * sizeof(float)));
    }
    return 0;
}

static void workspace_free(Workspace *w) {
    free(w->a);
    free(w->b);
}

// C (m x n, rows c_rs apart, zero on entry) += A (m x k) . B (k x n).
static void gemm(Workspace *w, int64_t m, int64_t n, int64_t k, Matrix a, Matrix b,
                 float *c, int64_t c_rs) {
    float tile[MR * NR];
    for (int64_t jc = 0; jc < n; jc += NC) {
        int64_t nc = min64(NC, n - jc);
        for (int64_t pc = 0; pc < k; pc += KC) {
            int64_t kc = min64(KC, k - pc);
            pack_b(b, pc, kc, jc, nc, w->b);
            for (int64_t ic = 0; ic < m; ic += MC) {
                int64_t mc = min64(MC, m - ic);
                pack_a(a, ic, mc, pc, kc, w->a);
                for (int64_t jr = 0; jr < nc; jr += NR) {
                    for (int64_t ir = 0; ir < mc; ir += MR) {
                        w->kernel(kc, w->a + ir * kc, w->b + jr * kc, tile);
                        // Add the tile into C, leaving out the padding.
                        int64_t rows = min64(MR, mc - ir), cols = min64(NR, nc - jr);
                        float *out = c + (ic + ir) * c_rs + jc + jr;
                        for (int64_t i = 0; i < rows; i++) {
                            for (int64_t j = 0; j < cols; j++) out[i * c_rs + j] += tile[i * NR + j];
                        }
                    }
                }
            }
        }
    }
}
//< gemm

//> batched
// Every product here is a batch of matrix products: A as (batch..., m, k),
// B as (batch..., k, n), C row-major (batch..., m, n). A vector is a 1 x k
// row on the left and a k x 1 column on the right; batch dims broadcast
// (stride 0) like any other dims. This makes that header for an operand.
static Tensor as_batched(const Tensor *t, int nbatch, const int64_t *batch, bool left) {
    Tensor v = {.storage = t->storage, .offset = t->offset, .ndim = nbatch + 2};
    int own = t->ndim > 2 ? t->ndim - 2 : 0;  // t's own batch dims
    for (int d = 0; d < nbatch; d++) {
        int td = d - (nbatch - own);
        v.shape[d] = batch[d];
        v.stride[d] = td < 0 || t->shape[td] != batch[d] ? 0 : t->stride[td];
    }
    int64_t *shape = v.shape + nbatch, *stride = v.stride + nbatch;
    if (t->ndim == 1) {
        shape[0] = left ? 1 : t->shape[0];
        shape[1] = left ? t->shape[0] : 1;
        stride[0] = left ? 0 : t->stride[0];
        stride[1] = left ? t->stride[0] : 0;
    } else {
        for (int i = 0; i < 2; i++) {
            shape[i] = t->shape[t->ndim - 2 + i];
            stride[i] = t->stride[t->ndim - 2 + i];
        }
    }
    return v;
}

// out (any shape holding batch x m x n elements, row-major, zeroed) =
// a @ b for the batch shape `batch`. The odometer walks the batch dims of
// the three together; each position is one gemm.
static int batched_matmul(Tensor *out, const Tensor *a, const Tensor *b, int nbatch,
                          const int64_t *batch) {
    Tensor av = as_batched(a, nbatch, batch, true), bv = as_batched(b, nbatch, batch, false);
    int64_t m = av.shape[nbatch], k = av.shape[nbatch + 1], n = bv.shape[nbatch + 1];
    if (tensor_numel(out) == 0 || k == 0) return 0;  // nothing to add up
    Tensor cv = {.storage = out->storage, .offset = out->offset, .ndim = nbatch};
    for (int d = 0; d < nbatch; d++) cv.shape[d] = batch[d];
    shape_contiguous_strides(nbatch, cv.shape, cv.stride);
    for (int d = 0; d < nbatch; d++) cv.stride[d] *= m * n;

    Workspace w;
    if (workspace_init(&w, m, n, k) < 0) return -1;
    av.ndim = bv.ndim = nbatch;  // the iterator walks the batch dims only
    StridedIter it;
    iter_init(&it, nbatch, batch, 3, (const Tensor *[]){&cv, &av, &bv});
    iter_start(&it);
    do {
        Matrix ma = {iter_ptr(&it, 1), av.stride[nbatch], av.stride[nbatch + 1]};
        Matrix mb = {iter_ptr(&it, 2), bv.stride[nbatch], bv.stride[nbatch + 1]};
        gemm(&w, m, n, k, ma, mb, iter_ptr(&it, 0), n);
    } while (iter_advance(&it, 0));
    workspace_free(&w);
    return 0;
}

// A new row-major result of this shape holding a @ b.
static Tensor *product(int ndim, const int64_t *shape, const Tensor *a, const Tensor *b,
                       int nbatch, const int64_t *batch) {
    Tensor *out = tensor_empty(intlist_of(shape, (size_t)ndim));
    if (out != NULL && batched_matmul(out, a, b, nbatch, batch) < 0) {
        tensor_free(out);
        return NULL;
    }
    return out;
}
//< batched

//> products
Tensor *tensor_dot(const Tensor *a, const Tensor *b) {
    if (a->ndim != 1 || b->ndim != 1) {
        error_set(ERR_RUNTIME,
                  "1D tensors expected, but got %dD and %dD tensors", a->ndim, b->ndim);
        return NULL;
    }
    if (a->shape[0] != b->shape[0]) {
        error_set(ERR_RUNTIME,
                  "inconsistent tensor size, expected tensor [%lld] and src [%lld] to have "
                  "the same number of elements, but got %lld and %lld elements respectively",
                  (long long)a->shape[0], (long long)b->shape[0], (long long)a->shape[0],
                  (long long)b->shape[0]);
        return NULL;
    }
    return product(0, NULL, a, b, 0, NULL);
}

Tensor *tensor_mv(const Tensor *m, const Tensor *v) {
    if (m->ndim == 0) {  // PyTorch asks for m.size(0) before anything else
        error_set(ERR_INDEX, "Dimension specified as 0 but tensor has no dimensions");
        return NULL;
    }
    if (m->ndim != 2 || v->ndim != 1) {
        error_set(ERR_RUNTIME,
                  "vector + matrix @ vector expected, got 1, %d, %d", m->ndim, v->ndim);
        return NULL;
    }
    if (m->shape[1] != v->shape[0]) {
        error_set(ERR_RUNTIME,
                  "size mismatch, got %lld, %lldx%lld,%lld", (long long)m->shape[0],
                  (long long)m->shape[0], (long long)m->shape[1], (long long)v->shape[0]);
        return NULL;
    }
    return product(1, m->shape, m, v, 0, NULL);
}

static Tensor *mm_error(int64_t n, int64_t k1, int64_t k2, int64_t p) {
    error_set(ERR_RUNTIME, "mat1 and mat2 shapes cannot be multiplied (%lldx%lld and %lldx%lld)",
                           (long long)n, (long long)k1, (long long)k2, (long long)p);
    return NULL;
}

Tensor *tensor_mm(const Tensor *a, const Tensor *b) {
    if (a->ndim != 2) {
        error_set(ERR_RUNTIME, "self must be a matrix");
        return NULL;
    }
    if (b->ndim != 2) {
        error_set(ERR_RUNTIME, "mat2 must be a matrix");
        return NULL;
    }
    if (a->shape[1] != b->shape[0]) {
        return mm_error(a->shape[0], a->shape[1], b->shape[0], b->shape[1]);
    }
    return product(2, (int64_t[]){a->shape[0], b->shape[1]}, a, b, 0, NULL);
}

static Tensor *bmm_error(int64_t batch, int64_t k1, int64_t batch2, int64_t k2) {
    error_set(ERR_RUNTIME, "Expected size for first two dimensions of batch2 tensor to be: "
                           "[%lld, %lld] but got: [%lld, %lld].",
                           (long long)batch, (long long)k1, (long long)batch2, (long long)k2);
    return NULL;
}

Tensor *tensor_bmm(const Tensor *a, const Tensor *b) {
    if (a->ndim != 3) {
        error_set(ERR_RUNTIME, "batch1 must be a 3D tensor");
        return NULL;
    }
    if (b->ndim != 3) {
        error_set(ERR_RUNTIME, "batch2 must be a 3D tensor");
        return NULL;
    }
    if (b->shape[0] != a->shape[0] || b->shape[1] != a->shape[2]) {
        return bmm_error(a->shape[0], a->shape[2], b->shape[0], b->shape[1]);
    }
    return product(3, (int64_t[]){a->shape[0], a->shape[1], b->shape[2]}, a, b, 1,
                   a->shape);
}
//< products

//> matmul
// The product of some sizes, saturating instead of overflowing (such
// values can only show up in an error message).
static int64_t product_of(int n, const int64_t *sizes) {
    for (int i = 0; i < n; i++) {
        if (sizes[i] == 0) return 0;
    }
    int64_t p = 1;
    for (int i = 0; i < n; i++) {
        if (p > INT64_MAX / sizes[i]) return INT64_MAX;
        p *= sizes[i];
    }
    return p;
}
//< matmul

//> matmul-paths
// PyTorch folds the batch dims of a >= 3-d operand into the rows of one
// big mm (or mv) when the other operand is 1-d or 2-d, except for a 3-d
// one whose last two dims are transposed, which goes to bmm. The path
// decides the wording of a mismatch, so we follow it for the checks.
static bool should_fold(const Tensor *t1, int other_ndim) {
    if (t1->ndim < 3 || other_ndim > 2) return false;
    bool transposed_3d = t1->ndim == 3 && other_ndim == 2 && t1->stride[2] != 1 &&
                         t1->stride[0] == t1->shape[1] * t1->shape[2];
    return !transposed_3d;
}

static int check_folded(const Tensor *a, const Tensor *b) {
    // The folded operand is a, or b's transpose (then the other is a's).
    bool transpose = b->ndim > a->ndim;
    const Tensor *big = transpose ? b : a, *small = transpose ? a : b;
    int64_t rows = big->shape[big->ndim - (transpose ? 1 : 2)];
    int64_t k1 = big->shape[big->ndim - (transpose ? 2 : 1)];
    int64_t folded = product_of(big->ndim - 2, big->shape);
    folded = product_of(2, (int64_t[]){folded, rows});
    int64_t k2 = small->shape[small->ndim == 2 && transpose ? 1 : 0];
    if (k1 == k2) return 0;
    if (small->ndim == 1) {
        return error_set(ERR_RUNTIME, "size mismatch, got %lld, %lldx%lld,%lld", (long long)folded,
                                      (long long)folded, (long long)k1, (long long)k2);
    }
    mm_error(folded, k1, k2, small->shape[transpose ? 0 : 1]);
    return -1;
}

// Otherwise: broadcast the batch dims, then bmm's check on the flattened batch.
static int check_batched(const Tensor *a, const Tensor *b) {
    int nb;
    int64_t batch[MAX_DIMS];
    if (shape_broadcast(a->ndim - 2, a->shape, b->ndim - 2, b->shape, &nb, batch) < 0) {
        return -1;
    }
    int64_t k1 = a->shape[a->ndim - 1], k2 = b->shape[b->ndim - 2];
    if (k1 == k2) return 0;
    bmm_error(product_of(nb, batch), k1, product_of(nb, batch), k2);
    return -1;
}

Tensor *tensor_matmul(const Tensor *a, const Tensor *b) {
    int da = a->ndim, db = b->ndim;
    if (da == 0 || db == 0) {
        error_set(ERR_RUNTIME,
                  "both arguments to matmul need to be at least 1D, but they are %dD and %dD",
                  da, db);
        return NULL;
    }
    if (da == 1 && db == 1) return tensor_dot(a, b);
    if (da == 2 && db == 1) return tensor_mv(a, b);
    if (da == 2 && db == 2) return tensor_mm(a, b);
    if (da == 1 && db == 2) {  // PyTorch: a.unsqueeze(0).mm(b).squeeze(0)
        if (a->shape[0] != b->shape[0]) return mm_error(1, a->shape[0], b->shape[0], b->shape[1]);
        return product(1, b->shape + 1, a, b, 0, NULL);
    }
    bool fold = should_fold(a, db) || should_fold(b, da);
    if ((fold ? check_folded(a, b) : check_batched(a, b)) < 0) return NULL;
    // However PyTorch gets there, the result is the same: the broadcast
    // batch dims, then a's rows and b's columns (a vector adds neither).
    int nb;
    int64_t batch[MAX_DIMS], shape[MAX_DIMS];
    shape_broadcast(da > 2 ? da - 2 : 0, a->shape, db > 2 ? db - 2 : 0, b->shape, &nb, batch);
    int ndim = nb;
    for (int d = 0; d < nb; d++) shape[d] = batch[d];
    if (da > 1) shape[ndim++] = a->shape[da - 2];
    if (db > 1) shape[ndim++] = b->shape[db - 1];
    return product(ndim, shape, a, b, nb, batch);
}
//< matmul-paths
