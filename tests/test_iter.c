// Chapter 5: the strided iterator -- broadcasting shapes, the odometer's
// visiting order, reordering and coalescing of dims -- and the fast copy,
// checked against the plainest possible copy on many random layouts.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_main.h"
#include "elementwise.h"
#include "iter.h"
#include "tensor.h"
#include "tensor_asserts.h"
#include "view.h"

static void assert_ints(int n, const int64_t *got, IntList want, const char *what) {
    if (n != want.len || memcmp(got, want.at, sizeof(int64_t) * (size_t)n) != 0) {
        fail_msg("%s: expected %s, got %s", what, ints_text(want.len, want.at).s,
                 ints_text(n, got).s);
    }
}

// For lists longer than an IntList holds.
#define ARRAY_OF(...) (const int64_t[]){__VA_ARGS__}, \
    (int)(sizeof((const int64_t[]){__VA_ARGS__}) / sizeof(int64_t))

static void assert_list(int n, const int64_t *got, const int64_t *want, int count,
                        const char *what) {
    if (n != count) fail_msg("%s: expected %d entries, got %d", what, count, n);
    for (int i = 0; i < n; i++) {
        if (got[i] != want[i]) {
            fail_msg("%s: entry %d is %lld, expected %lld", what, i, (long long)got[i],
                     (long long)want[i]);
        }
    }
}

// ---- broadcasting --------------------------------------------------------------------

static void broadcast_shapes_align_from_the_right(void **state) {
    (void)state;
    int ndim;
    int64_t shape[MAX_DIMS];
    assert_int_equal(shape_broadcast(2, (int64_t[]){4, 1}, 1, (int64_t[]){3}, &ndim, shape), 0);
    assert_ints(ndim, shape, SHAPE(4, 3), "(4, 1) with (3)");
    assert_int_equal(shape_broadcast(3, (int64_t[]){2, 1, 5}, 2, (int64_t[]){3, 1}, &ndim, shape), 0);
    assert_ints(ndim, shape, SHAPE(2, 3, 5), "(2, 1, 5) with (3, 1)");
    assert_int_equal(shape_broadcast(0, NULL, 2, (int64_t[]){2, 3}, &ndim, shape), 0);
    assert_ints(ndim, shape, SHAPE(2, 3), "() with (2, 3)");
    assert_int_equal(shape_broadcast(1, (int64_t[]){1}, 1, (int64_t[]){0}, &ndim, shape), 0);
    assert_ints(ndim, shape, SHAPE(0), "1 with 0");
    assert_int_equal(shape_broadcast(2, (int64_t[]){2, 3}, 2, (int64_t[]){2, 5}, &ndim, shape), -1);
    assert_error_message("The size of tensor a (3) must match the size of tensor b (5) at "
                         "non-singleton dimension 1");
    // The dimension is counted in the result: (4, 3, 2) against (3, 3, 1).
    assert_int_equal(shape_broadcast(3, (int64_t[]){4, 3, 2}, 2, (int64_t[]){5, 2}, &ndim, shape), -1);
    assert_error_message("The size of tensor a (3) must match the size of tensor b (5) at "
                         "non-singleton dimension 1");
}

static void init_gives_broadcast_operands_stride_zero(void **state) {
    (void)state;
    // out (2, 3, 4) with a = x.t()-like (3, 4):(1, 3) and b = (3, 1).
    Tensor *out = tensor_empty(SHAPE(2, 3, 4));
    Tensor *a = arange_strided(12, 2, (int64_t[]){3, 4}, (int64_t[]){1, 3}, 0);
    Tensor *b = arange_strided(3, 2, (int64_t[]){3, 1}, (int64_t[]){1, 7}, 0);
    StridedIter it;
    iter_init(&it, 3, out->shape, 3, (const Tensor *[]){out, a, b});
    assert_int_equal(it.ndim, 3);
    assert_ints(3, it.shape, SHAPE(4, 3, 2), "shape, innermost first");
    assert_ints(3, it.stride[0], INTS(1, 4, 12), "out's strides");
    assert_ints(3, it.stride[1], INTS(3, 1, 0), "a's strides (no dim 0 of its own)");
    assert_ints(3, it.stride[2], INTS(0, 1, 0), "b's strides (size 1 broadcast)");
    tensor_free(b);
    tensor_free(a);
    tensor_free(out);
}

static void a_scalar_walk_has_one_position(void **state) {
    (void)state;
    Tensor *s = tensor_full(SCALAR_SHAPE, 5);
    StridedIter it;
    iter_init(&it, 0, NULL, 1, (const Tensor *[]){s});
    assert_int_equal(it.ndim, 1);
    assert_int_equal(iter_numel(&it), 1);
    assert_true(iter_start(&it));
    assert_true(*iter_ptr(&it, 0) == 5.0f);
    assert_false(iter_advance(&it, 0));
    tensor_free(s);
}

// ---- the odometer ----------------------------------------------------------------------

// The storage offsets of t's elements in the order the walk visits them.
static int visit(StridedIter *it, int first_dim, int64_t *offsets, int max) {
    int n = 0;
    if (!iter_start(it)) return 0;
    do {
        if (n == max) fail_msg("more than %d positions", max);
        offsets[n++] = it->offset[0];
    } while (iter_advance(it, first_dim));
    return n;
}

static void the_odometer_visits_in_row_major_order(void **state) {
    (void)state;
    // (2, 3, 2) permuted from a contiguous (3, 2, 2): strides (2, 4, 1).
    Tensor *t = arange_strided(12, 3, (int64_t[]){2, 3, 2}, (int64_t[]){2, 4, 1}, 1);
    StridedIter it;
    iter_init(&it, t->ndim, t->shape, 1, (const Tensor *[]){t});
    int64_t offsets[16];
    int n = visit(&it, 0, offsets, 16);
    // index (i, j, k) in row-major order -> 1 + 2i + 4j + k.
    assert_list(n, offsets, ARRAY_OF(1, 2, 5, 6, 9, 10, 3, 4, 7, 8, 11, 12), "row-major visit");
    tensor_free(t);
}

static void reordering_follows_memory(void **state) {
    (void)state;
    Tensor *t = arange_strided(12, 3, (int64_t[]){2, 3, 2}, (int64_t[]){2, 4, 1}, 1);
    StridedIter it;
    iter_init(&it, t->ndim, t->shape, 1, (const Tensor *[]){t});
    iter_reorder(&it);
    assert_ints(3, it.shape, SHAPE(2, 2, 3), "sizes by stride");
    assert_ints(3, it.stride[0], INTS(1, 2, 4), "strides increasing");
    assert_int_equal(it.perm[0], 2);
    assert_int_equal(it.perm[1], 0);
    assert_int_equal(it.perm[2], 1);
    int64_t offsets[16];
    int n = visit(&it, 0, offsets, 16);
    assert_list(n, offsets, ARRAY_OF(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), "memory order");
    tensor_free(t);
}

static void the_first_operand_decides_the_order(void **state) {
    (void)state;
    // x.t() + y (contiguous (4, 3)): x.t() decides, dims swap; y + x.t(): y decides.
    Tensor *xt = arange_strided(12, 2, (int64_t[]){4, 3}, (int64_t[]){1, 4}, 0);
    Tensor *y = arange_strided(12, 2, (int64_t[]){4, 3}, (int64_t[]){3, 1}, 0);
    StridedIter it;
    iter_init(&it, 2, xt->shape, 3, (const Tensor *[]){NULL, xt, y});
    iter_reorder(&it);
    assert_int_equal(it.perm[0], 0);  // dim 0 of x.t() is innermost
    iter_init(&it, 2, xt->shape, 3, (const Tensor *[]){NULL, y, xt});
    iter_reorder(&it);
    assert_int_equal(it.perm[0], 1);  // natural order: y is row-major
    // An operand broadcast along a dim can't decide: the next one does.
    Tensor *col = arange_strided(4, 2, (int64_t[]){4, 3}, (int64_t[]){1, 0}, 0);
    iter_init(&it, 2, xt->shape, 3, (const Tensor *[]){NULL, col, xt});
    iter_reorder(&it);
    assert_int_equal(it.perm[0], 0);
    tensor_free(col);
    tensor_free(y);
    tensor_free(xt);
}

static void coalescing_merges_what_steps_as_one(void **state) {
    (void)state;
    StridedIter it;
    // A contiguous (2, 3, 4): one run of 24.
    Tensor *c = arange_strided(24, 3, (int64_t[]){2, 3, 4}, (int64_t[]){12, 4, 1}, 0);
    iter_init(&it, 3, c->shape, 1, (const Tensor *[]){c});
    iter_coalesce(&it);
    assert_int_equal(it.ndim, 1);
    assert_ints(1, it.shape, SHAPE(24), "contiguous");
    // x[:, :, ::2]: (2, 3, 2):(12, 4, 2) is one run of 12 with stride 2.
    Tensor *s = arange_strided(24, 3, (int64_t[]){2, 3, 2}, (int64_t[]){12, 4, 2}, 0);
    iter_init(&it, 3, s->shape, 1, (const Tensor *[]){s});
    iter_coalesce(&it);
    assert_int_equal(it.ndim, 1);
    assert_int_equal(it.stride[0][0], 2);
    // x[:, 1:3]: (2, 3, 2):(12, 4, 1) merges the outer two only.
    Tensor *n = arange_strided(24, 3, (int64_t[]){2, 3, 2}, (int64_t[]){12, 4, 1}, 1);
    iter_init(&it, 3, n->shape, 1, (const Tensor *[]){n});
    iter_coalesce(&it);
    assert_ints(it.ndim, it.shape, SHAPE(2, 6), "narrowed");
    assert_ints(it.ndim, it.stride[0], INTS(1, 4), "narrowed strides");
    // A transpose stays two dims; size-1 dims vanish whatever their stride.
    Tensor *t = arange_strided(12, 4, (int64_t[]){4, 1, 3, 1}, (int64_t[]){1, 50, 4, 7}, 0);
    iter_init(&it, 4, t->shape, 1, (const Tensor *[]){t});
    iter_coalesce(&it);
    assert_ints(it.ndim, it.shape, SHAPE(3, 4), "transposed");
    assert_ints(it.ndim, it.stride[0], INTS(4, 1), "transposed strides");
    // Every operand must agree: a contiguous out with a broadcast row.
    Tensor *out = tensor_empty(SHAPE(3, 4));
    Tensor *row = arange_strided(4, 1, (int64_t[]){4}, (int64_t[]){1}, 0);
    iter_init(&it, 2, out->shape, 2, (const Tensor *[]){out, row});
    iter_coalesce(&it);
    assert_ints(it.ndim, it.shape, SHAPE(4, 3), "broadcast row");
    assert_ints(it.ndim, it.stride[1], INTS(1, 0), "row's strides");
    tensor_free(row);
    tensor_free(out);
    tensor_free(t);
    tensor_free(n);
    tensor_free(s);
    tensor_free(c);
}

static void runs_cover_every_element_once(void **state) {
    (void)state;
    // Walking by runs (first_dim 1) visits run starts; each run is shape[0] long.
    Tensor *t = arange_strided(40, 3, (int64_t[]){2, 3, 4}, (int64_t[]){20, 5, 1}, 2);
    StridedIter it;
    iter_init(&it, 3, t->shape, 1, (const Tensor *[]){t});
    iter_reorder(&it);
    iter_coalesce(&it);
    int64_t starts[16];
    int n = visit(&it, 1, starts, 16);
    assert_int_equal(it.shape[0], 4);
    assert_ints(n, starts, INTS(2, 7, 12, 22, 27, 32), "run starts");
    tensor_free(t);
}

// ---- the fast copy against the plain one ---------------------------------------------

// The reference: recompute both addresses for every index (chapter 3).
static void reference_copy(Tensor *dst, const Tensor *src) {
    int64_t index[MAX_DIMS] = {0}, src_index[MAX_DIMS];
    int64_t numel = tensor_numel(dst);
    for (int64_t n = 0; n < numel; n++) {
        int lead = dst->ndim - src->ndim;
        for (int d = 0; d < src->ndim; d++) {
            src_index[d] = src->shape[d] == 1 ? 0 : index[d + lead];
        }
        dst->storage->data[tensor_storage_index(dst, index)] =
            src->storage->data[tensor_storage_index(src, src_index)];
        index_next(dst->ndim, dst->shape, index);
    }
}

static int64_t rand_below(int64_t n) {
    return n > 0 ? rand() % n : 0;
}

// A random non-overlapping layout of `shape`: a permutation of a
// contiguous block, with random gaps (a step per dim) and an offset. Its
// storage holds 0, 1, 2, ... (a source), or all -1 (a destination).
static Tensor *random_layout(int ndim, const int64_t *shape, bool destination) {
    int perm[MAX_DIMS];
    for (int d = 0; d < ndim; d++) perm[d] = d;
    for (int d = ndim - 1; d > 0; d--) {
        int k = (int)rand_below(d + 1), tmp = perm[d];
        perm[d] = perm[k];
        perm[k] = tmp;
    }
    int64_t strides[MAX_DIMS], step = 1 + rand_below(2);
    for (int k = ndim - 1; k >= 0; k--) {
        strides[perm[k]] = step;
        step *= shape[perm[k]] + rand_below(2);
    }
    int64_t offset = rand_below(5);
    Tensor *base = tensor_arange(0, (double)(offset + step + 1), 1);
    if (destination) tensor_fill_(base, -1);
    Tensor *t = tensor_on(base->storage, offset, ndim, shape, strides);
    tensor_free(base);
    return t;
}

static void fast_copies_match_the_plain_one(void **state) {
    (void)state;
    srand(20261126);
    for (int round = 0; round < 300; round++) {
        int ndim = (int)rand_below(6);
        int64_t shape[MAX_DIMS];
        for (int d = 0; d < ndim; d++) {
            // Mostly small, sometimes wider than a tile, sometimes 1 or 0.
            int64_t r = rand_below(20);
            shape[d] = r == 0 ? 1 : r == 1 ? 70 + rand_below(40) : r == 2 && round % 7 == 0 ? 0
                                                                          : 1 + rand_below(6);
        }
        int64_t numel = 1;
        for (int d = 0; d < ndim; d++) numel *= shape[d];
        if (numel > 200000) continue;
        Tensor *src = random_layout(ndim, shape, false);
        // Sometimes broadcast the source: drop leading dims, set some to 1.
        if (rand_below(3) == 0 && ndim > 0) {
            int drop = (int)rand_below(ndim);
            int64_t bshape[MAX_DIMS];
            for (int d = drop; d < ndim; d++) bshape[d - drop] = rand_below(3) ? shape[d] : 1;
            tensor_free(src);
            src = random_layout(ndim - drop, bshape, false);
        }
        Tensor *want = random_layout(ndim, shape, true);
        reference_copy(want, src);
        for (int m = COPY_ODOMETER; m <= COPY_BLOCKED; m++) {
            Tensor *got = random_layout(ndim, shape, true);
            tensor_copy_with((CopyMethod)m, got, src);
            int64_t index[MAX_DIMS] = {0};
            for (int64_t n = 0; n < numel; n++) {
                float g = got->storage->data[tensor_storage_index(got, index)];
                float w = want->storage->data[tensor_storage_index(want, index)];
                if (g != w) {
                    fail_msg("round %d, method %d, shape %s, src strides %s: element %lld is "
                             "%g, expected %g", round, m, ints_text(ndim, shape).s,
                             ints_text(src->ndim, src->stride).s, (long long)n, (double)g,
                             (double)w);
                }
                index_next(ndim, shape, index);
            }
            // Nothing outside dst's elements was touched: the gaps still
            // hold -1 (every value copied is >= 0).
            int64_t touched = 0;
            for (int64_t k = 0; k < got->storage->size; k++) touched += got->storage->data[k] >= 0;
            if (touched != numel) fail_msg("round %d, method %d wrote outside dst", round, m);
            tensor_free(got);
        }
        tensor_free(want);
        tensor_free(src);
    }
}

static void big_transposes_are_copied_in_tiles(void **state) {
    (void)state;
    // A 300 x 200 transpose and a (16, 64, 40) permutation: both blocked.
    Tensor *t = arange_strided(60000, 2, (int64_t[]){300, 200}, (int64_t[]){1, 300}, 0);
    Tensor *c = tensor_contiguous(t);
    assert_layout(c, SHAPE(300, 200), INTS(200, 1), 0);
    for (int64_t i = 0; i < 300; i += 37) {
        for (int64_t j = 0; j < 200; j += 23) {
            assert_true(c->storage->data[i * 200 + j] == (float)(j * 300 + i));
        }
    }
    tensor_free(c);
    tensor_free(t);
    Tensor *p = arange_strided(40960, 3, (int64_t[]){64, 40, 16}, (int64_t[]){40, 1, 2560}, 0);
    Tensor *q = tensor_empty(SHAPE(64, 40, 16));
    tensor_copy_with(COPY_BLOCKED, q, p);
    Tensor *r = tensor_empty(SHAPE(64, 40, 16));
    reference_copy(r, p);
    assert_memory_equal(q->storage->data, r->storage->data, 40960 * sizeof(float));
    tensor_free(r);
    tensor_free(q);
    tensor_free(p);
}

static void copy_elements_is_chapter_5s(void **state) {
    (void)state;
    // Chapter 3's weak tensor_copy_elements walks src's shape; chapter 5's walks
    // dst's and broadcasts src. Only the strong one gets this right.
    Tensor *dst = tensor_empty(SHAPE(2, 3));
    Tensor *row = arange_strided(3, 1, (int64_t[]){3}, (int64_t[]){1}, 0);
    tensor_copy_elements(dst, row);
    assert_values(dst, (float[]){0, 1, 2, 0, 1, 2}, 6);
    tensor_free(row);
    tensor_free(dst);
}

// ---- the layout of new tensors (docs/semantics-notes.md, "The layout of a new tensor") --

static void result_strides_follow_the_inputs(void **state) {
    (void)state;
    int64_t strides[MAX_DIMS];
    Tensor *xt = arange_strided(12, 2, (int64_t[]){4, 3}, (int64_t[]){1, 4}, 0);
    Tensor *y = arange_strided(12, 2, (int64_t[]){4, 3}, (int64_t[]){3, 1}, 0);
    Tensor *r3 = arange_strided(3, 1, (int64_t[]){3}, (int64_t[]){1}, 0);
    Tensor *e = arange_strided(3, 2, (int64_t[]){4, 3}, (int64_t[]){0, 1}, 0);
    elementwise_strides(1, (const Tensor *[]){xt}, 2, xt->shape, strides);
    assert_ints(2, strides, INTS(1, 4), "-x.t()");
    elementwise_strides(2, (const Tensor *[]){xt, y}, 2, xt->shape, strides);
    assert_ints(2, strides, INTS(1, 4), "x.t() + y");
    elementwise_strides(2, (const Tensor *[]){y, xt}, 2, xt->shape, strides);
    assert_ints(2, strides, INTS(3, 1), "y + x.t()");
    elementwise_strides(2, (const Tensor *[]){r3, xt}, 2, xt->shape, strides);
    assert_ints(2, strides, INTS(1, 4), "arange(3) + x.t()");
    elementwise_strides(1, (const Tensor *[]){e}, 2, e->shape, strides);
    assert_ints(2, strides, INTS(3, 1), "expanded * 2");
    elementwise_strides(2, (const Tensor *[]){e, xt}, 2, e->shape, strides);
    assert_ints(2, strides, INTS(1, 4), "expanded + x.t()");
    Tensor *p = arange_strided(24, 3, (int64_t[]){4, 2, 2}, (int64_t[]){1, 12, 8}, 0);
    elementwise_strides(1, (const Tensor *[]){p}, 3, p->shape, strides);
    assert_ints(3, strides, INTS(1, 8, 4), "permuted, sliced");
    tensor_free(p);
    tensor_free(e);
    tensor_free(r3);
    tensor_free(y);
    tensor_free(xt);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(broadcast_shapes_align_from_the_right),
        cmocka_unit_test(init_gives_broadcast_operands_stride_zero),
        cmocka_unit_test(a_scalar_walk_has_one_position),
        cmocka_unit_test(the_odometer_visits_in_row_major_order),
        cmocka_unit_test(reordering_follows_memory),
        cmocka_unit_test(the_first_operand_decides_the_order),
        cmocka_unit_test(coalescing_merges_what_steps_as_one),
        cmocka_unit_test(runs_cover_every_element_once),
        cmocka_unit_test(fast_copies_match_the_plain_one),
        cmocka_unit_test(big_transposes_are_copied_in_tiles),
        cmocka_unit_test(copy_elements_is_chapter_5s),
        cmocka_unit_test(result_strides_follow_the_inputs),
    };
    return run_suite(&(TestSuite){.group = "chapter 5: walking strided memory", TEST_LIST(tests)});
}
