// Chapter 3: view(), reshape(), is_contiguous(), contiguous() -- and the
// proof that a view shares memory with its base.
#include <stdio.h>
#include <stdlib.h>

#include "test_main.h"
#include "tensor.h"
#include "tensor_asserts.h"
#include "view.h"

static void view_shares_storage_and_offset(void **state) {
    (void)state;
    // x[1] of a (2, 3, 4) tensor: shape (3, 4), offset 12.
    Tensor *row = arange_strided(24, 2, (int64_t[]){3, 4}, (int64_t[]){4, 1}, 12);
    Tensor *v = tensor_view(row, SHAPE(2, 6));
    assert_layout(v, SHAPE(2, 6), INTS(6, 1), 12);
    assert_ptr_equal(v->storage, row->storage);
    assert_values(v, (float[]){12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}, 12);
    tensor_free(v);
    tensor_free(row);
}

static void writes_through_a_view_are_seen_by_the_base(void **state) {
    (void)state;
    Tensor *x = tensor_arange(0, 12, 1);
    Tensor *v = tensor_view(x, SHAPE(3, 4));
    assert_int_equal(tensor_set(v, INDEX(2, 1), -1.0f), 0);
    float seen;
    assert_int_equal(tensor_get(x, INDEX(9), &seen), 0);
    assert_true(seen == -1.0f);
    assert_int_equal(tensor_set(x, INDEX(0), 100.0f), 0);
    assert_int_equal(tensor_get(v, INDEX(0, 0), &seen), 0);
    assert_true(seen == 100.0f);
    tensor_free(v);
    tensor_free(x);
}

static void freeing_the_base_keeps_the_view_valid(void **state) {
    (void)state;
    Tensor *x = tensor_arange(0, 6, 1);
    Tensor *v = tensor_view(x, SHAPE(3, 2));
    tensor_free(x);  // the view still holds a reference to the storage
    assert_int_equal(v->storage->refcount, 1);
    assert_values(v, (float[]){0, 1, 2, 3, 4, 5}, 6);
    tensor_free(v);
}

static void the_range_note(void **state) {
    (void)state;
    // torch.range(3, 4) holds [3., 4.]: two elements, not twelve.
    Tensor *r = tensor_arange(3, 5, 1);
    assert_tensor_error(tensor_view(r, SHAPE(2, 6)),
                        "shape '[2, 6]' is invalid for input of size 2");
    tensor_free(r);
    // What was meant: arange(12).view(2, 6).
    Tensor *x = tensor_arange(0, 12, 1);
    Tensor *v = tensor_view(x, SHAPE(2, 6));
    assert_layout(v, SHAPE(2, 6), INTS(6, 1), 0);
    tensor_free(v);
    tensor_free(x);
}

static void view_after_transpose_fails_reshape_copies(void **state) {
    (void)state;
    // arange(12).view(3, 4).t(): shape (4, 3), strides (1, 4).
    Tensor *t = arange_strided(12, 2, (int64_t[]){4, 3}, (int64_t[]){1, 4}, 0);
    assert_false(tensor_is_contiguous(t));
    assert_tensor_error(tensor_view(t, SHAPE(12)),
                        "view size is not compatible with input tensor's size and "
                        "stride (at least one dimension spans across two contiguous "
                        "subspaces). Use .reshape(...) instead.");
    assert_int_equal(error_kind(), ERR_VIEW_STRIDES);  // what the visualizer asks
    Tensor *r = tensor_reshape(t, SHAPE(12));
    assert_layout(r, SHAPE(12), INTS(1), 0);
    assert_ptr_not_equal(r->storage, t->storage);  // a copy
    assert_values(r, (float[]){0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, 12);
    // The copy is independent: writing to it leaves the original alone.
    assert_int_equal(tensor_set(r, INDEX(1), -7.0f), 0);
    float v;
    assert_int_equal(tensor_get(t, INDEX(1, 0), &v), 0);
    assert_true(v == 1.0f);
    tensor_free(r);

    // A permutation that keeps chunks whole can still be viewed.
    Tensor *split = tensor_view(t, SHAPE(2, 2, 3));
    assert_layout(split, SHAPE(2, 2, 3), INTS(2, 1, 4), 0);
    tensor_free(split);
    tensor_free(t);
}

static void reshape_is_a_view_when_it_can_be(void **state) {
    (void)state;
    // x[:, :, ::2] of arange(24).view(2, 3, 4): (2, 3, 2):(12, 4, 2).
    Tensor *t = arange_strided(24, 3, (int64_t[]){2, 3, 2}, (int64_t[]){12, 4, 2}, 0);
    Tensor *r = tensor_reshape(t, SHAPE(-1));
    assert_layout(r, SHAPE(12), INTS(2), 0);
    assert_ptr_equal(r->storage, t->storage);
    tensor_free(r);
    tensor_free(t);
}

static void contiguous_copies_only_when_needed(void **state) {
    (void)state;
    Tensor *x = tensor_arange(0, 6, 1);
    Tensor *same = tensor_contiguous(x);
    assert_ptr_equal(same->storage, x->storage);  // no copy
    tensor_free(same);
    Tensor *t = tensor_on(x->storage, 0, 2, (int64_t[]){3, 2}, (int64_t[]){1, 3});
    Tensor *c = tensor_contiguous(t);
    assert_ptr_not_equal(c->storage, x->storage);
    assert_layout(c, SHAPE(3, 2), INTS(2, 1), 0);
    assert_true(tensor_is_contiguous(c));
    assert_values(c, (float[]){0, 3, 1, 4, 2, 5}, 6);
    tensor_free(c);
    tensor_free(t);
    tensor_free(x);
}

static void infer_shape_fills_in_minus_one(void **state) {
    (void)state;
    int64_t sizes[MAX_DIMS];
    assert_int_equal(shape_infer(SHAPE(4, -1), 24, sizes), 0);
    assert_int_equal(sizes[0], 4);
    assert_int_equal(sizes[1], 6);
    assert_int_equal(shape_infer(SHAPE(-1, -1), 24, sizes), -1);
    assert_error(ERR_SHAPE_INFER, "only one dimension can be inferred");
    assert_int_equal(shape_infer(SHAPE(2, -3), 24, sizes), -1);
    assert_error_message("invalid shape dimension -3");
    assert_int_equal(shape_infer(SHAPE(5, -1), 24, sizes), -1);
    assert_error(ERR_SHAPE_NUMEL, "shape '[5, -1]' is invalid for input of size 24");
    assert_int_equal(shape_infer(SHAPE(-1, 0), 0, sizes), -1);
    assert_error_message("cannot reshape tensor of 0 elements into shape [-1, 0] "
                         "because the unspecified dimension size -1 can be any "
                         "value and is ambiguous");
    // Products that overflow int64 can't match any element count.
    assert_int_equal(shape_infer(SHAPE(4294967296, 4294967296, 2), 24, sizes), -1);
    assert_error_message("shape '[4294967296, 4294967296, 2]' is invalid for input "
                         "of size 24");
    assert_int_equal(shape_infer(SHAPE(1, 1, 1, 1, 1, 1, 1, 1, 1), 1, sizes), -1);
    assert_error_message("Strides supports at most 8 dimensions, but got 9");
}

// ---- the plan behind view_strides(): chunks and seams ---------------------------

static void assert_chunk(const ViewChunk *c, int first_dim, int last_dim, int64_t numel,
                         int64_t base) {
    assert_int_equal(c->first_dim, first_dim);
    assert_int_equal(c->last_dim, last_dim);
    assert_int_equal(c->numel, numel);
    assert_int_equal(c->base, base);
}

static void the_plan_of_a_transpose(void **state) {
    (void)state;
    // arange(12).view(3, 4).t(): (4, 3):(1, 4) is two chunks, the inner first.
    Tensor *t = arange_strided(12, 2, (int64_t[]){4, 3}, (int64_t[]){1, 4}, 0);
    ViewPlan plan;
    assert_false(view_plan(t, 1, (int64_t[]){12}, &plan));
    assert_int_equal(plan.nchunks, 2);
    assert_chunk(&plan.chunks[0], 1, 1, 3, 4);
    assert_chunk(&plan.chunks[1], 0, 0, 4, 1);
    // The 12 starts in the inner chunk of 3 and would run across its end.
    assert_int_equal(plan.seam_dim, 0);
    assert_int_equal(plan.seam_chunk, 0);
    assert_int_equal(plan.chunk_of[0], 0);

    // view(2, 2, 3): the 3 fills the inner chunk, the 2s split the outer.
    assert_true(view_plan(t, 3, (int64_t[]){2, 2, 3}, &plan));
    assert_int_equal(plan.seam_dim, -1);
    assert_int_equal(plan.seam_chunk, -1);
    assert_int_equal(plan.chunk_of[0], 1);
    assert_int_equal(plan.chunk_of[1], 1);
    assert_int_equal(plan.chunk_of[2], 0);
    assert_int_equal(plan.strides[0], 2);
    assert_int_equal(plan.strides[1], 1);
    assert_int_equal(plan.strides[2], 4);
    tensor_free(t);
}

static void size_one_dims_in_the_plan(void **state) {
    (void)state;
    ViewChunk chunks[MAX_DIMS];
    // (3, 1, 4):(4, 100, 1): the size-1 dim's stride means nothing, one chunk.
    Tensor *t = arange_strided(12, 3, (int64_t[]){3, 1, 4}, (int64_t[]){4, 100, 1}, 0);
    assert_int_equal(view_chunks(t, chunks), 1);
    assert_chunk(&chunks[0], 0, 2, 12, 1);
    tensor_free(t);
    // (3, 4, 1):(4, 1, 7): a trailing size-1 dim is a chunk of one element,
    // whose base is the stride PyTorch gives new size-1 dims dealt to it.
    t = arange_strided(12, 3, (int64_t[]){3, 4, 1}, (int64_t[]){4, 1, 7}, 0);
    ViewPlan plan;
    assert_true(view_plan(t, 4, (int64_t[]){1, 12, 1, 1}, &plan));
    assert_int_equal(plan.nchunks, 2);
    assert_chunk(&plan.chunks[0], 2, 2, 1, 7);
    assert_chunk(&plan.chunks[1], 0, 1, 12, 1);
    const int64_t want[] = {12, 1, 7, 7};  // what PyTorch 1.13 gives
    for (int d = 0; d < 4; d++) assert_int_equal(plan.strides[d], want[d]);
    assert_int_equal(plan.chunk_of[0], 1);
    assert_int_equal(plan.chunk_of[2], 0);
    tensor_free(t);
}

static void the_plan_of_scalars_and_empty_tensors(void **state) {
    (void)state;
    ViewPlan plan;
    Tensor *s = tensor_full(SCALAR_SHAPE, 1);
    assert_true(view_plan(s, 2, (int64_t[]){1, 1}, &plan));
    assert_int_equal(plan.nchunks, 0);  // no dims, no chunks
    assert_int_equal(plan.chunk_of[0], -1);
    assert_int_equal(plan.strides[0], 1);
    tensor_free(s);
    // (0, 3) is one chunk of no elements, whatever the new shape.
    Tensor *e = tensor_empty(SHAPE(0, 3));
    assert_true(view_plan(e, 3, (int64_t[]){2, 0, 5}, &plan));
    assert_int_equal(plan.nchunks, 1);
    assert_chunk(&plan.chunks[0], 0, 1, 0, 1);
    assert_int_equal(plan.chunk_of[2], 0);
    assert_int_equal(plan.strides[0], 5);
    tensor_free(e);
    // Sizes holding fewer elements than the tensor cross no seam, and fail.
    Tensor *x = tensor_arange(0, 6, 1);
    assert_false(view_plan(x, 1, (int64_t[]){2}, &plan));
    assert_int_equal(plan.seam_dim, -1);
    tensor_free(x);
}

// Sizes and strides so large that chunk size times base stride does not fit
// in 64 bits. No real storage is that big, but view_plan() must not compute
// an overflowing product (signed overflow is undefined: UBSan stops here).
static void huge_sizes_do_not_overflow_the_plan(void **state) {
    (void)state;
    const int64_t G = (int64_t)1 << 31;
    Tensor *x = tensor_arange(0, 4, 1);  // the storage is never read
    // (4, 2^31):(1, 2^33): does dim 0 continue dim 1's chunk? 2^31 * 2^33
    // does not fit, so no stride can be it: two chunks.
    Tensor *t = tensor_on(x->storage, 0, 2, (int64_t[]){4, G}, (int64_t[]){1, 4 * G});
    ViewPlan plan;
    int64_t strides[MAX_DIMS];
    assert_false(view_strides(t, 1, (int64_t[]){4 * G}, strides));
    assert_false(view_plan(t, 1, (int64_t[]){4 * G}, &plan));
    assert_int_equal(plan.nchunks, 2);
    assert_int_equal(plan.seam_dim, 0);
    assert_true(view_strides(t, 3, (int64_t[]){2, 2, G}, strides));
    assert_int_equal(strides[0], 2);
    assert_int_equal(strides[1], 1);
    assert_int_equal(strides[2], 4 * G);
    tensor_free(t);
    // (2^32):(2^33) viewed as (2, 2^31): the outer stride 2^31 * 2^33 would
    // not fit either. No view, and no seam to blame.
    t = tensor_on(x->storage, 0, 1, (int64_t[]){2 * G}, (int64_t[]){4 * G});
    assert_false(view_plan(t, 2, (int64_t[]){2, G}, &plan));
    assert_int_equal(plan.seam_dim, -1);
    tensor_free(t);
    // New sizes whose product does not fit: no view.
    t = tensor_on(x->storage, 0, 1, (int64_t[]){4}, (int64_t[]){1});
    assert_false(view_plan(t, 3, (int64_t[]){G * G, G * G, 2}, &plan));
    tensor_free(t);
    tensor_free(x);
}

// ---- golden cases from PyTorch (tests/golden/view.txt) ------------------------

static void golden_case(GoldenCase *c) {
    assert_int_equal(c->nfields, 5);
    // input: sizes;strides;offset;storage-size (sizes, strides may be empty)
    char *in[4];
    assert_int_equal(golden_split(c->field[1], ';', in, 4), 4);
    int64_t sizes[MAX_DIMS], strides[MAX_DIMS];
    int ndim = golden_ints(in[0], sizes, MAX_DIMS);
    assert_int_equal(golden_ints(in[1], strides, MAX_DIMS), ndim);
    int64_t offset = atoll(in[2]), storage_size = atoll(in[3]);
    Tensor *x = arange_strided(storage_size, ndim, sizes, strides, offset);

    const char *op = c->field[2], *expected = c->field[4];
    int64_t arg[MAX_DIMS + 2];
    int arg_len = golden_ints(c->field[3], arg, MAX_DIMS + 2);
    Shape shape = intlist_of(arg, (size_t)arg_len);

    if (strcmp(op, "is_contiguous") == 0) {
        assert_string_equal(tensor_is_contiguous(x) ? "true" : "false", expected);
        tensor_free(x);
        return;
    }
    Tensor *y = strcmp(op, "view") == 0      ? tensor_view(x, shape)
                : strcmp(op, "reshape") == 0 ? tensor_reshape(x, shape)
                                             : tensor_contiguous(x);
    if (strncmp(expected, "err ", 4) == 0) {
        tensor_free(x);
        assert_tensor_error(y, expected + 4);
        return;
    }
    if (y == NULL) fail_msg("expected success, got the error: %s", error_message());

    // ok sizes;strides;offset;contiguous;shares;values
    char *want = strdup(expected + 3), *field[6];
    assert_int_equal(golden_split(want, ';', field, 6), 6);
    int64_t want_sizes[MAX_DIMS], want_strides[MAX_DIMS], want_values[4096];
    int want_ndim = golden_ints(field[0], want_sizes, MAX_DIMS);
    golden_ints(field[1], want_strides, MAX_DIMS);
    int nvalues = golden_ints(field[5], want_values, 4096);
    float values[4096];
    for (int i = 0; i < nvalues; i++) values[i] = (float)want_values[i];

    assert_layout(y, intlist_of(want_sizes, (size_t)want_ndim),
                  intlist_of(want_strides, (size_t)want_ndim), atoll(field[2]));
    assert_int_equal(tensor_is_contiguous(y), atoi(field[3]));
    if ((y->storage == x->storage) != atoi(field[4])) {
        fail_msg("%s", atoi(field[4])
                           ? "expected a view sharing the input's storage, got a copy"
                           : "expected a copy, got a view of the input's storage");
    }
    assert_values(y, values, nvalues);
    free(want);
    tensor_free(y);
    tensor_free(x);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(view_shares_storage_and_offset),
        cmocka_unit_test(writes_through_a_view_are_seen_by_the_base),
        cmocka_unit_test(freeing_the_base_keeps_the_view_valid),
        cmocka_unit_test(the_range_note),
        cmocka_unit_test(view_after_transpose_fails_reshape_copies),
        cmocka_unit_test(reshape_is_a_view_when_it_can_be),
        cmocka_unit_test(contiguous_copies_only_when_needed),
        cmocka_unit_test(infer_shape_fills_in_minus_one),
        cmocka_unit_test(the_plan_of_a_transpose),
        cmocka_unit_test(size_one_dims_in_the_plan),
        cmocka_unit_test(the_plan_of_scalars_and_empty_tensors),
        cmocka_unit_test(huge_sizes_do_not_overflow_the_plan),
    };
    return run_suite(&(TestSuite){.group = "chapter 3: view", TEST_LIST(tests),
                                  .golden = "view.txt", .golden_case = golden_case});
}
