// Benchmarks for chapter 5: Strides' copies, elementwise ops, reductions
// and matmul on big tensors, timed the same way bench/bench.py times numpy
// and PyTorch on the same work.
//
//   build/bin/bench            one line per workload: name, best ms, median ms
//   build/bin/bench steps      the copy, one optimisation at a time
//   build/bin/bench --reps N   repetitions per workload (default 15)
//
// Every time is the best (and the median) of N runs after one warm-up run.
// Each run allocates its result, as the library does for every caller (and
// numpy and PyTorch do in bench.py): page faults on fresh memory are part
// of what a user waits for.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "elementwise.h"
#include "error.h"
#include "iter.h"
#include "matmul.h"
#include "reduce.h"
#include "tensor.h"
#include "view.h"

static int reps = 15;

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec * 1e-6;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void die(const char *what) {
    fprintf(stderr, "bench: %s: %s\n", what, error_message());
    exit(1);
}

// A workload: `run` does the work once and returns what it made (freed
// outside the timed part), or NULL for "nothing to free".
typedef Tensor *(*Work)(void *ctx);

static void report(const char *name, Work work, void *ctx) {
    double times[101];
    int n = reps < 100 ? reps : 100;
    tensor_free(work(ctx));  // warm-up: code, caches, the allocator
    for (int i = 0; i < n; i++) {
        double t0 = now_ms();
        Tensor *out = work(ctx);
        times[i] = now_ms() - t0;
        tensor_free(out);
    }
    qsort(times, (size_t)n, sizeof times[0], compare_doubles);
    printf("%s\t%.3f\t%.3f\n", name, times[0], times[n / 2]);
    fflush(stdout);
}

// ---- inputs ---------------------------------------------------------------------

// A row-major tensor of uniform values in [0, 1), from a fixed hash.
static Tensor *random_tensor(Shape shape) {
    Tensor *t = tensor_empty(shape);
    if (t == NULL) die("allocating an input");
    for (int64_t i = 0; i < t->storage->size; i++) {
        t->storage->data[i] = (float)((uint32_t)((uint64_t)i * 2654435761u) / 4294967296.0);
    }
    return t;
}

static Tensor *view_as(const Tensor *base, int ndim, const int64_t *shape,
                       const int64_t *stride) {
    return tensor_on(base->storage, 0, ndim, shape, stride);
}

// ---- the workloads (the same list as bench.py) --------------------------------

typedef struct Inputs {
    Tensor *a, *at, *row, *perm, *m;
    Tensor *buf, *buf_perm;  // existing tensors to write into, for the in-place workloads
} Inputs;

static Tensor *w_copy_t(void *c) { return tensor_contiguous(((Inputs *)c)->at); }
static Tensor *w_copy_perm(void *c) { return tensor_contiguous(((Inputs *)c)->perm); }
static Tensor *w_add(void *c) { return tensor_add(((Inputs *)c)->a, ((Inputs *)c)->a); }
static Tensor *w_add_row(void *c) { return tensor_add(((Inputs *)c)->a, ((Inputs *)c)->row); }
static Tensor *w_add_t(void *c) { return tensor_add(((Inputs *)c)->at, ((Inputs *)c)->a); }
static Tensor *w_mul_scalar(void *c) { return tensor_mul_scalar(((Inputs *)c)->a, 2.5f); }
static Tensor *w_exp(void *c) { return tensor_exp(((Inputs *)c)->a); }
static Tensor *w_sum_last(void *c) { return tensor_sum_dim(((Inputs *)c)->a, -1, false); }
static Tensor *w_sum_first(void *c) { return tensor_sum_dim(((Inputs *)c)->a, 0, false); }
static Tensor *w_sum_all(void *c) { return tensor_sum(((Inputs *)c)->a); }
static Tensor *w_max_last(void *c) { return tensor_argmax_dim(((Inputs *)c)->a, -1, false); }
static Tensor *w_matmul(void *c) { return tensor_matmul(((Inputs *)c)->m, ((Inputs *)c)->m); }

// The same work into tensors that exist already: the loops alone, no
// fresh memory (numpy's `out=` and np.copyto, PyTorch's add_ and copy_).
static void check(int rc) {
    if (rc < 0) die("in-place workload");
}
static Tensor *w_add_into(void *c) {
    check(tensor_add_(((Inputs *)c)->buf, ((Inputs *)c)->a));
    return NULL;
}
static Tensor *w_copy_t_into(void *c) {
    check(tensor_copy_(((Inputs *)c)->buf, ((Inputs *)c)->at));
    return NULL;
}
static Tensor *w_copy_perm_into(void *c) {
    check(tensor_copy_(((Inputs *)c)->buf_perm, ((Inputs *)c)->perm));
    return NULL;
}

// The physical floor: the same bytes copied with memcpy into a new
// storage, allocated as every result above is.
static Tensor *memcpy_new(const Tensor *a) {
    Tensor *out = tensor_empty(tensor_shape(a));
    if (out != NULL) {
        memcpy(out->storage->data, a->storage->data, (size_t)a->storage->size * sizeof(float));
    }
    return out;
}

static Tensor *w_memcpy(void *c) { return memcpy_new(((Inputs *)c)->a); }
static Tensor *w_memcpy_perm(void *c) { return memcpy_new(((Inputs *)c)->perm); }

// The same into memory already touched: bandwidth alone, no page faults.
static Tensor *warm_buffer;
static Tensor *w_memcpy_warm(void *c) {
    const Tensor *a = ((Inputs *)c)->a;
    memcpy(warm_buffer->storage->data, a->storage->data,
           (size_t)a->storage->size * sizeof(float));
    return NULL;
}

static void run_workloads(void) {
    Inputs in;
    in.a = random_tensor(SHAPE(4096, 4096));
    in.at = view_as(in.a, 2, (int64_t[]){4096, 4096}, (int64_t[]){1, 4096});
    in.row = random_tensor(SHAPE(4096));
    // (16, 64, 64, 64) permuted to (64, 64, 64, 16): the last dim is the
    // slowest in memory.
    Tensor *p = random_tensor(SHAPE(16, 64, 64, 64));
    in.perm = view_as(p, 4, (int64_t[]){64, 64, 64, 16}, (int64_t[]){4096, 64, 1, 262144});
    in.m = random_tensor(SHAPE(512, 512));
    in.buf = random_tensor(SHAPE(4096, 4096));
    in.buf_perm = random_tensor(SHAPE(64, 64, 64, 16));
    warm_buffer = random_tensor(SHAPE(4096, 4096));

    report("memcpy", w_memcpy, &in);
    report("memcpy_warm", w_memcpy_warm, &in);
    report("memcpy_16m", w_memcpy_perm, &in);
    report("copy_t", w_copy_t, &in);
    report("copy_perm", w_copy_perm, &in);
    report("add", w_add, &in);
    report("add_row", w_add_row, &in);
    report("add_t", w_add_t, &in);
    report("mul_scalar", w_mul_scalar, &in);
    report("exp", w_exp, &in);
    report("sum_last", w_sum_last, &in);
    report("sum_first", w_sum_first, &in);
    report("sum_all", w_sum_all, &in);
    report("argmax_last", w_max_last, &in);
    report("matmul", w_matmul, &in);
    matmul_use_wide_kernel(false);
    report("matmul_portable", w_matmul, &in);
    matmul_use_wide_kernel(true);
    report("copy_t_into", w_copy_t_into, &in);
    report("copy_perm_into", w_copy_perm_into, &in);
    report("add_into", w_add_into, &in);

    tensor_free(warm_buffer);
    tensor_free(in.buf_perm);
    tensor_free(in.buf);
    tensor_free(in.m);
    tensor_free(in.perm);
    tensor_free(p);
    tensor_free(in.row);
    tensor_free(in.at);
    tensor_free(in.a);
}

// ---- the copy, step by step -------------------------------------------------------

typedef struct StepCtx {
    Tensor *dst;
    const Tensor *src;
    int method;  // -1: chapter 3's loop; otherwise a CopyMethod
} StepCtx;

static Tensor *w_step(void *c) {
    StepCtx *s = c;
    if (s->method < 0) {
        tensor_copy_by_index(s->dst, s->src);
    } else {
        tensor_copy_with((CopyMethod)s->method, s->dst, s->src);
    }
    return NULL;
}

static Tensor *w_step_memcpy(void *c) {
    StepCtx *s = c;
    memcpy(s->dst->storage->data, s->src->storage->data,
           (size_t)s->dst->storage->size * sizeof(float));
    return NULL;
}

// Into a destination allocated and touched once, so that the times are
// the loops' alone; each method's result is checked against chapter 3's.
static void run_steps(const char *label, const Tensor *src, const int64_t *dst_strides) {
    // dst row-major, or over a storage of the same size with the given strides
    Tensor *fresh = random_tensor(tensor_shape(src));
    StepCtx s = {.dst = dst_strides == NULL ? tensor_alias(fresh)
                                            : tensor_on(fresh->storage, 0, src->ndim,
                                                        src->shape, dst_strides),
                 .src = src};
    tensor_free(fresh);
    Tensor *check = tensor_clone(s.dst);
    tensor_copy_by_index(check, src);
    static const char *names[] = {"odometer", "coalesced", "runs", "blocked"};
    char name[64];
    for (int m = -1; m <= COPY_BLOCKED; m++) {
        snprintf(name, sizeof name, "%s/%s", label, m < 0 ? "recompute" : names[m]);
        s.method = m;
        memset(s.dst->storage->data, 0, (size_t)s.dst->storage->size * sizeof(float));
        report(name, w_step, &s);
        if (memcmp(check->storage->data, s.dst->storage->data,
                   (size_t)s.dst->storage->size * sizeof(float)) != 0) {
            fprintf(stderr, "bench: %s: wrong result\n", name);
            exit(1);
        }
    }
    snprintf(name, sizeof name, "%s/memcpy", label);
    report(name, w_step_memcpy, &s);
    tensor_free(check);
    tensor_free(s.dst);
}

static void run_copy_steps(void) {
    Tensor *a = random_tensor(SHAPE(4096, 4096));
    Tensor *at = view_as(a, 2, (int64_t[]){4096, 4096}, (int64_t[]){1, 4096});
    Tensor *p = random_tensor(SHAPE(16, 64, 64, 64));
    Tensor *perm = view_as(p, 4, (int64_t[]){64, 64, 64, 16}, (int64_t[]){4096, 64, 1, 262144});
    Tensor *sliced = view_as(a, 3, (int64_t[]){64, 64, 2048}, (int64_t[]){262144, 4096, 2});
    run_steps("transposed", at, NULL);                      // x.t().contiguous()
    run_steps("permuted", perm, NULL);                      // x.permute(...).contiguous()
    run_steps("same-layout", at, (int64_t[]){1, 4096});     // x.t().clone()
    run_steps("contiguous", a, NULL);                       // x.clone()
    run_steps("sliced", sliced, NULL);                      // x[..., ::2].contiguous()
    tensor_free(sliced);
    tensor_free(perm);
    tensor_free(p);
    tensor_free(at);
    tensor_free(a);
}

int main(int argc, char **argv) {
    bool steps = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "steps") == 0) {
            steps = true;
        } else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc) {
            reps = atoi(argv[++i]);
            if (reps < 1) reps = 1;
        } else {
            fprintf(stderr, "usage: %s [steps] [--reps N]\n", argv[0]);
            return 2;
        }
    }
    printf("# workload\tbest_ms\tmedian_ms\t(matmul kernel: %s)\n",
           matmul_use_wide_kernel(true));
    if (steps) {
        run_copy_steps();
    } else {
        run_workloads();
    }
    return 0;
}
