//> reduce-includes
#include "reduce.h"

#include <math.h>

#include "elementwise.h"
#include "error.h"
#include "iter.h"
#include "views.h"
//< reduce-includes

//> sum-kernels
// Sums accumulate in double: after millions of additions a float total
// can be off in the fourth digit, a double one is not. Converting every
// element to double would be slow, though, so short stretches are summed
// in float first (a few rounding errors of 2^-24, far below 1e-5), then
// added into the double. With unit stride the stretches are blocks of 256
// floats, summed as 16 lanes of four vec4s: the additions don't wait for
// each other, and each instruction adds four floats.
#define BLOCK 256

static double sum_run(const float *p, int64_t n, int64_t stride) {
    double total = 0;
    int64_t i = 0;
    if (stride == 1) {
        while (i + 16 <= n) {
            int64_t end = i + BLOCK <= n ? i + BLOCK : n - (n - i) % 16;
            vec4 s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0};
            for (; i < end; i += 16) {
                s0 += vec4_load(p + i);
                s1 += vec4_load(p + i + 4);
                s2 += vec4_load(p + i + 8);
                s3 += vec4_load(p + i + 12);
            }
            vec4 s = (s0 + s1) + (s2 + s3);
            total += (double)((s[0] + s[1]) + (s[2] + s[3]));
        }
    }
    for (; i < n; i++) total += p[i * stride];
    return total;
}

// When the reduced dim is the slow one (summing a row-major matrix over
// dim 0), summing each output's run alone would read memory across rows.
// Instead, add whole rows into a row of accumulators: n rows of m <= CHUNK
// elements, rows `row_stride` apart, elements `stride` apart. Blocks of
// ROWS rows are summed in float, then once into the doubles. Rows go in
// fours: four reads in flight at once, and a quarter of the writes.
#define CHUNK 4096
#define ROWS 16

static void add_rows(float *part, const float *p, int64_t m, int64_t stride, int64_t n,
                     int64_t row_stride) {
    int64_t r = 0;
    for (; r + 4 <= n; r += 4) {
        const float *r0 = p + r * row_stride, *r1 = r0 + row_stride;
        const float *r2 = r1 + row_stride, *r3 = r2 + row_stride;
        int64_t c = 0;
        if (stride == 1) {
            for (; c + 4 <= m; c += 4) {
                vec4 four = (vec4_load(r0 + c) + vec4_load(r1 + c)) +
                            (vec4_load(r2 + c) + vec4_load(r3 + c));
                vec4_store(part + c, vec4_load(part + c) + four);
            }
        }
        for (; c < m; c++) {
            int64_t at = c * stride;
            part[c] += (r0[at] + r1[at]) + (r2[at] + r3[at]);
        }
    }
    for (; r < n; r++) {
        for (int64_t c = 0; c < m; c++) part[c] += p[r * row_stride + c * stride];
    }
}

static void sum_rows(double *acc, const float *p, int64_t m, int64_t stride, int64_t n,
                     int64_t row_stride) {
    float part[CHUNK];
    for (int64_t r = 0; r < n; r += ROWS) {
        for (int64_t c = 0; c < m; c++) part[c] = 0;
        add_rows(part, p + r * row_stride, m, stride, n - r < ROWS ? n - r : ROWS, row_stride);
        for (int64_t c = 0; c < m; c++) acc[c] += part[c];
    }
}
//< sum-kernels

//> max-kernels
// Does v beat the best so far? A larger value does; NaN beats every
// number (max propagates NaN), but not an earlier NaN: ties keep the
// first index.
static inline bool beats(float v, float best) {
    return v > best || (isnan(v) && !isnan(best));
}

// The largest of n >= 16 contiguous floats, or NaN if there is one. Four
// vec4s at a time and no branches: comparing two vec4s gives a mask per
// lane (all ones or all zeros), and the masks pick each lane's winner. As
// for sums, four accumulators: each comparison need not wait for the last.
typedef int32_t vec4i __attribute__((vector_size(16)));

static inline vec4 larger(vec4 best, vec4 x) {
    vec4i bigger = x > best;  // NaN is never bigger: it is caught apart
    return (vec4)(((vec4i)x & bigger) | ((vec4i)best & ~bigger));
}

static float max_contiguous(const float *p, int64_t n) {
    vec4 b0 = vec4_load(p), b1 = vec4_load(p + 4), b2 = vec4_load(p + 8), b3 = vec4_load(p + 12);
    vec4i nan = (b0 != b0) | (b1 != b1) | (b2 != b2) | (b3 != b3);  // NaN != NaN
    int64_t i = 16;
    for (; i + 16 <= n; i += 16) {
        vec4 x0 = vec4_load(p + i), x1 = vec4_load(p + i + 4);
        vec4 x2 = vec4_load(p + i + 8), x3 = vec4_load(p + i + 12);
        b0 = larger(b0, x0);
        b1 = larger(b1, x1);
        b2 = larger(b2, x2);
        b3 = larger(b3, x3);
        nan |= (x0 != x0) | (x1 != x1) | (x2 != x2) | (x3 != x3);
    }
    vec4 best = larger(larger(b0, b1), larger(b2, b3));
    float value = best[0];
    for (int lane = 1; lane < 4; lane++) value = best[lane] > value ? best[lane] : value;
    bool any_nan = nan[0] | nan[1] | nan[2] | nan[3];
    for (; i < n; i++) {
        value = p[i] > value ? p[i] : value;
        any_nan = any_nan || isnan(p[i]);
    }
    return any_nan ? NAN : value;
}
//< max-kernels

//> argmax-kernels
static int64_t argmax_run(const float *p, int64_t n, int64_t stride) {
    if (stride == 1 && n >= 16) {
        // Two passes beat one branchy pass: find the value, then the first
        // place that holds it (NaN, not being equal to itself, by isnan).
        float value = max_contiguous(p, n);
        int64_t i = 0;
        if (isnan(value)) {
            while (!isnan(p[i])) i++;
        } else {
            while (p[i] != value) i++;
        }
        return i;
    }
    int64_t best = 0;
    float value = p[0];
    for (int64_t i = 1; i < n; i++) {
        float v = p[i * stride];
        if (beats(v, value)) {
            best = i;
            value = v;
        }
    }
    return best;
}

// The row-wise form, as for sums: best[c] and arg[c] over n rows.
static void argmax_rows(float *best, int64_t *arg, const float *p, int64_t m,
                        int64_t stride, int64_t n, int64_t row_stride) {
    for (int64_t c = 0; c < m; c++) {
        best[c] = p[c * stride];
        arg[c] = 0;
    }
    for (int64_t r = 1; r < n; r++) {
        const float *row = p + r * row_stride;
        for (int64_t c = 0; c < m; c++) {
            if (beats(row[c * stride], best[c])) {
                best[c] = row[c * stride];
                arg[c] = r;
            }
        }
    }
}
//< argmax-kernels

//> reduce-all
// Over every element. A sum may visit them in any order, so the walk
// follows memory (reorder, coalesce): a contiguous tensor is one run.
static double sum_all(const Tensor *t) {
    StridedIter it;
    iter_init(&it, t->ndim, t->shape, 1, &t);
    iter_reorder(&it);
    iter_coalesce(&it);
    double total = 0;
    if (!iter_first_block(&it)) return total;
    do {
        for (int64_t r = 0; r < it.rows; r++) {
            total += sum_run(iter_run(&it, 0, r), it.run_length, it.stride[0][0]);
        }
    } while (iter_next_block(&it));
    return total;
}

// argmax needs the first maximum in row-major order, so this walk keeps
// the logical order (coalescing does not change it; reordering would),
// counting the flat index as it goes. Needs at least one element.
static int64_t argmax_all(const Tensor *t, float *value) {
    StridedIter it;
    iter_init(&it, t->ndim, t->shape, 1, &t);
    iter_coalesce(&it);
    int64_t best = 0, flat = 0;  // flat: the flat index where the run starts
    iter_first_block(&it);
    do {
        for (int64_t r = 0; r < it.rows; r++) {
            const float *p = iter_run(&it, 0, r);
            int64_t stride = it.stride[0][0], i = argmax_run(p, it.run_length, stride);
            if (flat == 0 || beats(p[i * stride], *value)) {
                *value = p[i * stride];
                best = flat + i;
            }
            flat += it.run_length;
        }
    } while (iter_next_block(&it));
    return best;
}

static Tensor *scalar_result(float value) {
    return tensor_from_data(&value, SCALAR_SHAPE);
}

Tensor *tensor_sum(const Tensor *t) {
    return scalar_result((float)sum_all(t));
}

Tensor *tensor_mean(const Tensor *t) {
    // 0 / 0 is NaN: the mean of nothing, as PyTorch has it.
    return scalar_result((float)(sum_all(t) / (double)tensor_numel(t)));
}

Tensor *tensor_max(const Tensor *t) {
    if (tensor_numel(t) == 0) {
        error_set(ERR_RUNTIME,
                  "max(): Expected reduction dim to be specified for input.numel() == 0. "
                  "Specify the reduction dim with the 'dim' argument.");
        return NULL;
    }
    float value;
    argmax_all(t, &value);
    return scalar_result(value);
}

Tensor *tensor_argmax(const Tensor *t) {
    if (tensor_numel(t) == 0) {
        error_set(ERR_INDEX,
                  "argmax(): Expected reduction dim to be specified for input.numel() == 0.");
        return NULL;
    }
    float value;
    return scalar_result((float)argmax_all(t, &value));
}
//< reduce-all

//> reduce-dim-setup
// A reduction along dim d: each output element reduces the n elements of
// one line along d. The walk goes over the other ("kept") dims, with the
// outputs and the input in step; each position is one line to reduce.
typedef struct DimWalk {
    StridedIter it;      // kept dims; operands: the outputs, then the input
    int64_t n, stride;   // the reduced dim: its size, the input's stride
    bool    by_rows;     // reduce row after row (see below)
} DimWalk;

// t's header without dim d: borrowed storage, nothing allocated.
static Tensor drop_dim(const Tensor *t, int d) {
    Tensor v = *t;
    if (t->ndim == 0) return v;
    for (int k = d; k < t->ndim - 1; k++) {
        v.shape[k] = t->shape[k + 1];
        v.stride[k] = t->stride[k + 1];
    }
    v.ndim--;
    return v;
}

// The result of reducing t along d: row-major, d dropped or kept as 1.
static Tensor *reduced_tensor(const Tensor *t, int d, bool keepdim) {
    Tensor shaped = drop_dim(t, d);
    if (keepdim && t->ndim > 0) {
        shaped = *t;
        shaped.shape[d] = 1;
    }
    return tensor_empty(tensor_shape(&shaped));
}

static void dim_walk_init(DimWalk *w, int nout, Tensor *const *outs, const Tensor *t,
                          int d) {
    Tensor kept[ITER_MAX_OPERANDS];
    const Tensor *operands[ITER_MAX_OPERANDS];
    for (int i = 0; i < nout; i++) {
        // With keepdim the output still has dim d (size 1): drop it too.
        kept[i] = outs[i]->ndim == t->ndim ? drop_dim(outs[i], d) : *outs[i];
        operands[i] = &kept[i];
    }
    kept[nout] = drop_dim(t, d);
    operands[nout] = &kept[nout];
    iter_init(&w->it, kept[nout].ndim, kept[nout].shape, nout + 1, operands);
    for (int i = 0; i < nout; i++) w->it.votes[i] = false;  // input's order decides
    iter_reorder(&w->it);
    iter_coalesce(&w->it);
    w->n = t->ndim > 0 ? t->shape[d] : 1;
    w->stride = t->ndim > 0 ? t->stride[d] : 0;
    // Is the kept walk's innermost dim faster in memory than the reduced
    // dim? (Summing a row-major matrix over dim 0 is the classic case.)
    // Then reduce row after row, a chunk of outputs at a time, reading
    // memory front to back; otherwise each output reduces its own run.
    int64_t inner = w->it.stride[nout][0];
    w->by_rows = w->it.shape[0] > 1 && inner > 0 && inner < w->stride;
}
//< reduce-dim-setup

//> reduce-dim-sum
// Each position of the walk is a run of m kept elements: m lines to sum,
// starting at p, p + ps, ..., with results going to o[0], o[os], ...
static void sum_lines(const DimWalk *w, float *o, int64_t os, const float *p, int64_t ps,
                      int64_t m, double divisor) {
    if (!w->by_rows) {
        for (int64_t c = 0; c < m; c++) {
            o[c * os] = (float)(sum_run(p + c * ps, w->n, w->stride) / divisor);
        }
        return;
    }
    for (int64_t c0 = 0; c0 < m; c0 += CHUNK) {
        double acc[CHUNK];
        int64_t len = m - c0 < CHUNK ? m - c0 : CHUNK;
        for (int64_t c = 0; c < len; c++) acc[c] = 0;
        sum_rows(acc, p + c0 * ps, len, ps, w->n, w->stride);
        for (int64_t c = 0; c < len; c++) o[(c0 + c) * os] = (float)(acc[c] / divisor);
    }
}

static Tensor *sum_dim(const Tensor *t, int64_t dim, bool keepdim, bool mean) {
    int d = (int)dim_wrap(dim, t->ndim);
    if (d < 0) return NULL;
    Tensor *out = reduced_tensor(t, d, keepdim);
    if (out == NULL) return NULL;
    DimWalk w;
    dim_walk_init(&w, 1, &out, t, d);
    // No elements to add: 0 for a sum, 0 / 0 = NaN for a mean.
    if (w.n == 0) {
        tensor_fill_(out, mean ? NAN : 0.0f);
        return out;
    }
    double divisor = mean ? (double)w.n : 1.0;
    if (!iter_first_block(&w.it)) return out;
    do {
        for (int64_t r = 0; r < w.it.rows; r++) {
            sum_lines(&w, iter_run(&w.it, 0, r), w.it.stride[0][0], iter_run(&w.it, 1, r),
                      w.it.stride[1][0], w.it.run_length, divisor);
        }
    } while (iter_next_block(&w.it));
    return out;
}

Tensor *tensor_sum_dim(const Tensor *t, int64_t dim, bool keepdim) {
    return sum_dim(t, dim, keepdim, false);
}

Tensor *tensor_mean_dim(const Tensor *t, int64_t dim, bool keepdim) {
    return sum_dim(t, dim, keepdim, true);
}
//< reduce-dim-sum

//> reduce-dim-max
// The same for max: m lines, the values to vo[c * vs], the indices to io[c * is].
static void max_lines(const DimWalk *w, float *vo, int64_t vs, float *io, int64_t is,
                      const float *p, int64_t ps, int64_t m) {
    if (!w->by_rows) {
        for (int64_t c = 0; c < m; c++) {
            int64_t r = argmax_run(p + c * ps, w->n, w->stride);
            vo[c * vs] = p[c * ps + r * w->stride];
            io[c * is] = (float)r;
        }
        return;
    }
    for (int64_t c0 = 0; c0 < m; c0 += CHUNK) {
        float best[CHUNK];
        int64_t arg[CHUNK];
        int64_t len = m - c0 < CHUNK ? m - c0 : CHUNK;
        argmax_rows(best, arg, p + c0 * ps, len, ps, w->n, w->stride);
        for (int64_t c = 0; c < len; c++) {
            vo[(c0 + c) * vs] = best[c];
            io[(c0 + c) * is] = (float)arg[c];
        }
    }
}

static int max_dim(const Tensor *t, int64_t dim, bool keepdim, const char *name,
                   Tensor **values, Tensor **indices) {
    *values = *indices = NULL;
    int d = (int)dim_wrap(dim, t->ndim);
    if (d < 0) return -1;
    if (t->ndim > 0 && t->shape[d] == 0) {
        return error_set(ERR_INDEX,
                         "%s(): Expected reduction dim %d to have non-zero size.", name, d);
    }
    Tensor *v = reduced_tensor(t, d, keepdim), *ix = reduced_tensor(t, d, keepdim);
    if (v == NULL || ix == NULL) {
        tensor_free(v);
        tensor_free(ix);
        return -1;
    }
    DimWalk w;
    dim_walk_init(&w, 2, (Tensor *[]){v, ix}, t, d);
    if (iter_first_block(&w.it)) {
        do {
            for (int64_t r = 0; r < w.it.rows; r++) {
                max_lines(&w, iter_run(&w.it, 0, r), w.it.stride[0][0], iter_run(&w.it, 1, r),
                          w.it.stride[1][0], iter_run(&w.it, 2, r), w.it.stride[2][0],
                          w.it.run_length);
            }
        } while (iter_next_block(&w.it));
    }
    *values = v;
    *indices = ix;
    return 0;
}

int tensor_max_dim(const Tensor *t, int64_t dim, bool keepdim, Tensor **values,
                   Tensor **indices) {
    return max_dim(t, dim, keepdim, "max", values, indices);
}

Tensor *tensor_argmax_dim(const Tensor *t, int64_t dim, bool keepdim) {
    Tensor *values, *indices;
    if (max_dim(t, dim, keepdim, "argmax", &values, &indices) < 0) return NULL;
    tensor_free(values);
    return indices;
}
//< reduce-dim-max
