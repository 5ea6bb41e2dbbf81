// Chapter 4: the view family -- transpose, permute, narrow, select,
// slicing and indexing, squeeze, expand, flatten, as_strided -- checked on
// the claims the chapter makes and on PyTorch's own answers.
#include <stdio.h>
#include <stdlib.h>

#include "test_main.h"
#include "tensor.h"
#include "tensor_asserts.h"
#include "view.h"
#include "views.h"

static float element(const Tensor *t, Index index) {
    float value = -1;
    assert_int_equal(tensor_get(t, index, &value), 0);
    return value;
}

static void assert_shares(const Tensor *view, const Tensor *base) {
    assert_non_null(view);
    assert_ptr_equal(view->storage, base->storage);
}

// ---- dimension arguments --------------------------------------------------------

static void wrap_dim_counts_from_the_end(void **state) {
    (void)state;
    assert_int_equal(dim_wrap(0, 3), 0);
    assert_int_equal(dim_wrap(2, 3), 2);
    assert_int_equal(dim_wrap(-1, 3), 2);
    assert_int_equal(dim_wrap(-3, 3), 0);
    error_clear();
    assert_int_equal(dim_wrap(3, 3), -1);
    assert_error_message("Dimension out of range (expected to be in range of [-3, 2], but got 3)");
    assert_int_equal(dim_wrap(-4, 3), -1);
    assert_error_message("Dimension out of range (expected to be in range of [-3, 2], but got -4)");
    // A 0-dim tensor counts as 1-D: dims 0 and -1 are fine, 1 is not.
    assert_int_equal(dim_wrap(0, 0), 0);
    assert_int_equal(dim_wrap(-1, 0), 0);
    assert_int_equal(dim_wrap(1, 0), -1);
    assert_error_message("Dimension out of range (expected to be in range of [-1, 0], but got 1)");
    assert_int_equal(dim_wrap(INT64_MIN, 8), -1);
    assert_int_equal(dim_wrap(INT64_MAX, 8), -1);
}

// ---- sharing: every op is a view of the same storage -----------------------------

static void every_view_shares_and_writes_reach_the_base(void **state) {
    (void)state;
    Tensor *x = tensor_arange(0, 24, 1);
    Tensor *x3 = tensor_view(x, SHAPE(2, 3, 4));

    Tensor *tr = tensor_transpose(x3, 0, 2);  // (4, 3, 2):(1, 4, 12)
    assert_layout(tr, SHAPE(4, 3, 2), INTS(1, 4, 12), 0);
    assert_shares(tr, x);
    assert_int_equal(tensor_set(tr, INDEX(3, 2, 1), -1.0f), 0);  // 3 + 8 + 12
    assert_true(element(x, INDEX(23)) == -1.0f);

    Tensor *row = tensor_select(x3, 0, 1);  // x[1]: offset 12
    assert_layout(row, SHAPE(3, 4), INTS(4, 1), 12);
    assert_shares(row, x);
    assert_int_equal(tensor_set(row, INDEX(0, 0), -2.0f), 0);
    assert_true(element(x, INDEX(12)) == -2.0f);

    Tensor *every_other = tensor_slice(x3, 2, (Slice){.has_start = true, .start = 1, .step = 2});
    assert_layout(every_other, SHAPE(2, 3, 2), INTS(12, 4, 2), 1);
    assert_shares(every_other, x);
    assert_int_equal(tensor_set(every_other, INDEX(0, 1, 1), -3.0f), 0);  // 1 + 4 + 2
    assert_true(element(x, INDEX(7)) == -3.0f);

    Tensor *window = tensor_as_strided(x, SHAPE(3, 3), INTS(1, 1), 0);
    assert_shares(window, x);
    assert_int_equal(tensor_set(x, INDEX(2), -4.0f), 0);
    // Element 2 of the storage shows up three times in the window.
    assert_true(element(window, INDEX(0, 2)) == -4.0f);
    assert_true(element(window, INDEX(1, 1)) == -4.0f);
    assert_true(element(window, INDEX(2, 0)) == -4.0f);

    Tensor *views[] = {tr, row, every_other, window};
    for (int i = 0; i < 4; i++) tensor_free(views[i]);
    tensor_free(x3);
    tensor_free(x);
}

static void freeing_the_base_keeps_views_valid(void **state) {
    (void)state;
    Tensor *x = tensor_arange(0, 6, 1);
    Tensor *m = tensor_view(x, SHAPE(2, 3));
    Tensor *t = tensor_t(m);
    Tensor *row = tensor_select(m, 0, 0);
    Tensor *e = tensor_expand(row, SHAPE(2, 3));
    tensor_free(row);
    tensor_free(x);
    tensor_free(m);
    assert_int_equal(t->storage->refcount, 2);  // t and e hold it now
    assert_values(t, (float[]){0, 3, 1, 4, 2, 5}, 6);
    assert_values(e, (float[]){0, 1, 2, 0, 1, 2}, 6);
    tensor_free(t);
    tensor_free(e);
}

// ---- transpose, t, permute -------------------------------------------------------

static void transpose_swaps_sizes_and_strides(void **state) {
    (void)state;
    Tensor *x = arange_strided(24, 3, (int64_t[]){2, 3, 4}, (int64_t[]){12, 4, 1}, 0);
    Tensor *p = tensor_permute(x, INTS(2, 0, 1));
    assert_layout(p, SHAPE(4, 2, 3), INTS(1, 12, 4), 0);
    Tensor *same = tensor_transpose(x, -1, 2);
    assert_layout(same, SHAPE(2, 3, 4), INTS(12, 4, 1), 0);
    assert_tensor_error(tensor_t(x), "t() expects a tensor with <= 2 dimensions, but self is 3D");
    assert_tensor_error(tensor_permute(x, INTS(0, 1, 1)), "permute(): duplicate dims are not allowed.");
    tensor_free(same);
    tensor_free(p);
    tensor_free(x);
}

// ---- tensor_contiguous_chunks: the picture behind view() --------------------------------

static void assert_chunks(const Tensor *t, int expected_count, const int *expected) {
    int chunk[MAX_DIMS] = {0};
    assert_int_equal(tensor_contiguous_chunks(t, chunk), expected_count);
    for (int d = 0; d < t->ndim; d++) {
        if (chunk[d] != expected[d]) {
            fail_msg("dim %d: expected chunk %d, got %d", d, expected[d], chunk[d]);
        }
    }
}

static void chunks_explain_view_after_transpose_and_permute(void **state) {
    (void)state;
    Tensor *x = arange_strided(24, 3, (int64_t[]){2, 3, 4}, (int64_t[]){12, 4, 1}, 0);
    assert_chunks(x, 1, (int[]){0, 0, 0});  // contiguous: one block

    // transpose(0, 2): (4, 3, 2):(1, 4, 12), every dim its own chunk, so
    // flattening it, or any two of its dims, needs a copy.
    Tensor *tr = tensor_transpose(x, 0, 2);
    assert_chunks(tr, 3, (int[]){0, 1, 2});
    assert_null(tensor_view(tr, SHAPE(24)));
    assert_null(tensor_view(tr, SHAPE(12, 2)));

    // permute(2, 0, 1): (4, 2, 3):(1, 12, 4). Dims 1 and 2 still step
    // through memory as one block (12 == 3 * 4): two chunks, and a view
    // that keeps them together exists.
    Tensor *p = tensor_permute(x, INTS(2, 0, 1));
    assert_chunks(p, 2, (int[]){0, 1, 1});
    Tensor *v = tensor_view(p, SHAPE(4, 6));
    assert_layout(v, SHAPE(4, 6), INTS(1, 4), 0);
    assert_null(tensor_view(p, SHAPE(24)));
    assert_null(tensor_view(p, SHAPE(8, 3)));

    // permute(1, 2, 0): (3, 4, 2):(4, 1, 12): chunks {0, 1} and {2}.
    Tensor *q = tensor_permute(x, INTS(1, 2, 0));
    assert_chunks(q, 2, (int[]){0, 0, 1});
    Tensor *w = tensor_view(q, SHAPE(12, 2));
    assert_layout(w, SHAPE(12, 2), INTS(1, 12), 0);

    tensor_free(w);
    tensor_free(q);
    tensor_free(v);
    tensor_free(p);
    tensor_free(tr);
    tensor_free(x);
}

static void chunks_of_special_layouts(void **state) {
    (void)state;
    int chunk[MAX_DIMS];
    Tensor *s = arange_strided(1, 0, NULL, NULL, 0);
    assert_int_equal(tensor_contiguous_chunks(s, chunk), 0);  // no dims, no chunks
    tensor_free(s);
    // Empty: view() reshapes it freely, so one chunk whatever the strides.
    Tensor *e = arange_strided(1, 2, (int64_t[]){3, 0}, (int64_t[]){1, 3}, 0);
    assert_chunks(e, 1, (int[]){0, 0});
    tensor_free(e);
    // A size-1 dim's stride means nothing: (3, 1, 4):(4, 100, 1) is one block.
    Tensor *ones = arange_strided(12, 3, (int64_t[]){3, 1, 4}, (int64_t[]){4, 100, 1}, 0);
    assert_chunks(ones, 1, (int[]){0, 0, 0});
    tensor_free(ones);
    // Trailing size-1 dims join the chunk to their left.
    Tensor *col = arange_strided(3, 2, (int64_t[]){3, 1}, (int64_t[]){1, 3}, 0);
    assert_chunks(col, 1, (int[]){0, 0});
    tensor_free(col);
    Tensor *col2 = arange_strided(12, 3, (int64_t[]){4, 3, 1}, (int64_t[]){1, 4, 7}, 0);
    assert_chunks(col2, 2, (int[]){0, 1, 1});
    tensor_free(col2);
    // Every other column: (3, 2):(4, 2) is not contiguous, yet one chunk.
    Tensor *stepped = arange_strided(12, 2, (int64_t[]){3, 2}, (int64_t[]){4, 2}, 0);
    assert_false(tensor_is_contiguous(stepped));
    assert_chunks(stepped, 1, (int[]){0, 0});
    tensor_free(stepped);
    // Narrowed columns: (3, 2):(8, 1): the rows don't follow on.
    Tensor *narrowed = arange_strided(24, 2, (int64_t[]){3, 2}, (int64_t[]){8, 1}, 0);
    assert_chunks(narrowed, 2, (int[]){0, 1});
    tensor_free(narrowed);
    // Expanded: stride 0 never continues a chunk.
    Tensor *expanded = arange_strided(3, 2, (int64_t[]){2, 3}, (int64_t[]){0, 1}, 0);
    assert_chunks(expanded, 2, (int[]){0, 1});
    tensor_free(expanded);
}

// The claim of the chapter, checked on every view() case PyTorch answered
// for chapter 3: a view exists exactly when each chunk boundary (counted
// in elements from the right) is also a boundary between new dims.
static bool chunks_allow(const Tensor *t, int ndim, const int64_t *sizes) {
    int chunk[MAX_DIMS];
    int count = tensor_contiguous_chunks(t, chunk);
    if (count <= 1) return true;
    int64_t old_numel = 1, new_numel = 1;
    int v = ndim - 1;
    for (int d = t->ndim - 1; d >= 0; d--) {
        old_numel *= t->shape[d];
        if (d > 0 && chunk[d - 1] == chunk[d]) continue;
        while (v >= 0 && new_numel < old_numel) new_numel *= sizes[v--];
        if (new_numel != old_numel) return false;  // a new dim straddles
    }
    return true;
}

static void chunks_predict_every_golden_view(void **state) {
    (void)state;
    Golden g;
    assert_int_equal(golden_load(&g, "view.txt"), 0);
    int checked = 0;
    for (int i = 0; i < g.count; i++) {
        GoldenCase *c = &g.cases[i];
        if (strcmp(c->field[2], "view") != 0) continue;
        const char *expected = c->field[4];
        bool ok = strncmp(expected, "ok ", 3) == 0;
        bool incompatible = strstr(expected, "not compatible") != NULL;
        if (!ok && !incompatible) continue;  // a bad shape, nothing to do with chunks
        char spec[256];
        snprintf(spec, sizeof spec, "%s", c->field[1]);
        char *in[4];
        assert_int_equal(golden_split(spec, ';', in, 4), 4);
        int64_t sizes[MAX_DIMS], strides[MAX_DIMS], shape[MAX_DIMS];
        int ndim = golden_ints(in[0], sizes, MAX_DIMS);
        golden_ints(in[1], strides, MAX_DIMS);
        Tensor *x = arange_strided(atoll(in[3]), ndim, sizes, strides, atoll(in[2]));
        // The shape as filled in by view(): from the result, or inferred.
        int new_ndim;
        if (ok) {
            char result[64];
            snprintf(result, sizeof result, "%s", expected + 3);
            *strchr(result, ';') = '\0';
            new_ndim = golden_ints(result, shape, MAX_DIMS);
        } else {
            int64_t asked[MAX_DIMS];
            new_ndim = golden_ints(c->field[3], asked, MAX_DIMS);
            assert_int_equal(shape_infer(intlist_of(asked, (size_t)new_ndim),
                                         tensor_numel(x), shape), 0);
        }
        if (chunks_allow(x, new_ndim, shape) != ok) {
            fail_msg("line %d: chunks say %s, PyTorch says %s", c->line,
                     ok ? "no view" : "a view", ok ? "a view" : "no view");
        }
        tensor_free(x);
        checked++;
    }
    assert_true(checked > 100);
    golden_free(&g);
}

// The same claim against chapter 3's view() itself, on every input layout
// of this chapter's golden cases and every shape with 1 to 3 dims.
static void chunks_predict_view_on_every_layout(void **state) {
    (void)state;
    Golden g;
    assert_int_equal(golden_load(&g, "views.txt"), 0);
    int checked = 0;
    for (int i = 0; i < g.count; i++) {
        char spec[256], *in[4];
        snprintf(spec, sizeof spec, "%s", g.cases[i].field[1]);
        assert_int_equal(golden_split(spec, ';', in, 4), 4);
        int64_t sizes[MAX_DIMS], strides[MAX_DIMS];
        int ndim = golden_ints(in[0], sizes, MAX_DIMS);
        golden_ints(in[1], strides, MAX_DIMS);
        Tensor *x = arange_strided(atoll(in[3]), ndim, sizes, strides, atoll(in[2]));
        int64_t n = tensor_numel(x);
        for (int64_t a = 1; a <= n; a++) {
            for (int64_t b = 1; a * b <= n; b++) {
                if (n % (a * b) != 0) continue;
                int64_t shapes[3][3] = {{n}, {a, n / a}, {a, b, n / (a * b)}};
                for (int k = 0; k < 3; k++) {
                    if (k == 0 && (a > 1 || b > 1)) continue;
                    if (k == 1 && b > 1) continue;
                    Tensor *v = tensor_view(x, intlist_of(shapes[k], (size_t)k + 1));
                    if (chunks_allow(x, k + 1, shapes[k]) != (v != NULL)) {
                        fail_msg("%s viewed as %s: chunks and view() disagree",
                                 g.cases[i].field[1], ints_text(k + 1, shapes[k]).s);
                    }
                    tensor_free(v);
                    checked++;
                }
            }
        }
        tensor_free(x);
    }
    assert_true(checked > 10000);
    golden_free(&g);
}

// ---- expand, stride 0 and writing -----------------------------------------------

static void expand_repeats_without_copying(void **state) {
    (void)state;
    Tensor *c = arange_strided(3, 2, (int64_t[]){3, 1}, (int64_t[]){1, 1}, 0);
    Tensor *e = tensor_expand(c, SHAPE(2, 3, 4));
    assert_layout(e, SHAPE(2, 3, 4), INTS(0, 1, 0), 0);
    assert_shares(e, c);
    assert_int_equal(e->storage->size, 3);  // 24 elements, 3 floats
    // One write to the storage changes every element that reads it.
    c->storage->data[1] = 50.0f;
    for (int i = 0; i < 2; i++) {
        for (int k = 0; k < 4; k++) assert_true(element(e, INDEX(i, 1, k)) == 50.0f);
    }
    Tensor *b = tensor_broadcast_to(c, SHAPE(3, 5));
    assert_layout(b, SHAPE(3, 5), INTS(1, 0), 0);
    tensor_free(b);
    tensor_free(e);
    tensor_free(c);
}

static void check_writable_refuses_only_aliased_elements(void **state) {
    (void)state;
    const char *message = "unsupported operation: more than one element of the written-to "
                          "tensor refers to a single memory location. Please clone() the "
                          "tensor before performing the operation.";
    Tensor *x = tensor_arange(0, 12, 1);
    Tensor *m = tensor_view(x, SHAPE(3, 4));
    Tensor *col = tensor_slice(m, 1, SLICE(0, 1, 1));  // (3, 1)
    Tensor *e = tensor_expand(col, SHAPE(3, 4));
    error_clear();
    assert_int_equal(tensor_check_writable(e), -1);
    assert_error_message(message);
    Tensor *et = tensor_t(e);  // still aliased, whichever way round
    assert_int_equal(tensor_check_writable(et), -1);
    Tensor *lead = tensor_expand(m, SHAPE(2, 3, 4));
    assert_int_equal(tensor_check_writable(lead), -1);

    // Everything else is writable: contiguous, transposed, sliced, 0-dim...
    Tensor *t = tensor_t(m);
    Tensor *s = tensor_index(m, 2, (IndexItem[]){IX_ALL, IX_SLICE(SLICE(0, 4, 2))});
    Tensor *row = tensor_select(m, 0, 0);
    Tensor *scalar = tensor_select(row, 0, 0);
    const Tensor *ok[] = {x, m, col, t, s, scalar};
    for (int i = 0; i < 6; i++) assert_int_equal(tensor_check_writable(ok[i]), 0);
    // ...a stride 0 on a dim of size 1 (nothing repeats)...
    Tensor *one = tensor_expand(col, SHAPE(3, 1));
    Tensor *flat1 = tensor_as_strided(x, SHAPE(1, 4), INTS(0, 1), 0);
    assert_int_equal(tensor_check_writable(one), 0);
    assert_int_equal(tensor_check_writable(flat1), 0);
    // ...or empty: nothing is written (PyTorch's add_ accepts this one).
    Tensor *empty = tensor_slice(col, 0, SLICE(0, 0, 1));
    Tensor *none = tensor_expand(empty, SHAPE(0, 5));
    assert_layout(none, SHAPE(0, 5), INTS(4, 0), 0);
    assert_int_equal(tensor_check_writable(none), 0);
    // PyTorch only claims overlap for stride 0: an overlapping window is
    // "too hard" to decide, and not refused.
    Tensor *window = tensor_as_strided(x, SHAPE(3, 3), INTS(1, 1), 0);
    assert_int_equal(tensor_check_writable(window), 0);

    Tensor *all[] = {col, e, et, lead, t, s, row, scalar, one, flat1, empty, none, window, m, x};
    for (int i = 0; i < 15; i++) tensor_free(all[i]);
}

// ---- flatten's fallback, unflatten ----------------------------------------------

static void flatten_copies_only_when_it_must(void **state) {
    (void)state;
    Tensor *x = tensor_arange(0, 12, 1);
    Tensor *m = tensor_view(x, SHAPE(3, 4));
    Tensor *flat = tensor_flatten(m, 0, -1);
    assert_shares(flat, x);
    Tensor *t = tensor_t(m);
    Tensor *copy = tensor_flatten(t, 0, -1);
    assert_layout(copy, SHAPE(12), INTS(1), 0);
    assert_ptr_not_equal(copy->storage, x->storage);
    assert_values(copy, (float[]){0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, 12);
    assert_int_equal(tensor_set(copy, INDEX(1), -1.0f), 0);  // the original stays
    assert_true(element(x, INDEX(4)) == 4.0f);
    // unflatten undoes flatten, as a view.
    Tensor *back = tensor_unflatten(flat, 0, SHAPE(-1, 4));
    assert_layout(back, SHAPE(3, 4), INTS(4, 1), 0);
    assert_shares(back, x);
    Tensor *all[] = {back, copy, t, flat, m, x};
    for (int i = 0; i < 6; i++) tensor_free(all[i]);
}

// ---- indexing -----------------------------------------------------------------

static void index_macros_read_like_python(void **state) {
    (void)state;
    Tensor *x = arange_strided(24, 3, (int64_t[]){2, 3, 4}, (int64_t[]){12, 4, 1}, 0);
    // x[1, :, 2]
    Tensor *a = TENSOR_INDEX(x, IX_INT(1), IX_ALL, IX_INT(2));
    assert_layout(a, SHAPE(3), INTS(4), 14);
    assert_values(a, (float[]){14, 18, 22}, 3);
    // x[0, None, ::2, None, ..., 1]
    Tensor *b = TENSOR_INDEX(x, IX_INT(0), IX_NONE,
                             IX_SLICE(SLICE_STEP(2)), IX_NONE, IX_ELLIPSIS, IX_INT(1));
    assert_layout(b, SHAPE(1, 2, 1), INTS(12, 8, 4), 1);
    // x[-1:] and x[:-1] on the last dim: negative bounds count from the end.
    Tensor *c = TENSOR_INDEX(x, IX_ELLIPSIS, IX_SLICE(SLICE_FROM(-1, 1)));
    assert_layout(c, SHAPE(2, 3, 1), INTS(12, 4, 1), 3);
    Tensor *d = TENSOR_INDEX(x, IX_ELLIPSIS, IX_SLICE(SLICE_TO(-1, 1)));
    assert_layout(d, SHAPE(2, 3, 3), INTS(12, 4, 1), 0);
    // x[()] is x; so is x[...].
    Tensor *e = tensor_index(x, 0, NULL);
    assert_layout(e, SHAPE(2, 3, 4), INTS(12, 4, 1), 0);
    Tensor *all[] = {a, b, c, d, e, x};
    for (int i = 0; i < 6; i++) tensor_free(all[i]);
}

// ---- Strides' limits: MAX_DIMS and int64 ------------------------------------------

static void results_beyond_max_dims_are_errors(void **state) {
    (void)state;
    const char *nine = "Strides supports at most 8 dimensions, but got 9";
    Tensor *x = tensor_ones(SHAPE(1, 1, 1, 1, 1, 1, 1, 2));
    assert_tensor_error(tensor_unsqueeze(x, 0), nine);
    assert_tensor_error(tensor_unsqueeze(x, -1), nine);
    assert_tensor_error(TENSOR_INDEX(x, IX_NONE), nine);
    assert_tensor_error(tensor_expand(x, SHAPE(1, 1, 1, 1, 1, 1, 1, 1, 2)), nine);
    assert_tensor_error(tensor_unflatten(x, 7, SHAPE(1, 2)), nine);
    assert_tensor_error(tensor_as_strided(x, SHAPE(1, 1, 1, 1, 1, 1, 1, 1, 2),
                                          INTS(1, 1, 1, 1, 1, 1, 1, 1, 1), 0), nine);
    // Nine Nones on a 0-dim tensor, one at a time up to the limit.
    Tensor *v = tensor_ones(SHAPE(1));
    Tensor *s = tensor_select(v, 0, 0);
    tensor_free(v);
    IndexItem nones[9];
    for (int i = 0; i < 9; i++) nones[i] = IX_NONE;
    Tensor *eight = tensor_index(s, 8, nones);
    assert_layout(eight, SHAPE(1, 1, 1, 1, 1, 1, 1, 1), INTS(1, 1, 1, 1, 1, 1, 1, 1), 0);
    assert_tensor_error(tensor_index(s, 9, nones), nine);
    // Fine when integers take dims away again: 8 - 1 + 1 dims.
    Tensor *y = TENSOR_INDEX(x, IX_INT(0), IX_NONE);
    assert_layout(y, SHAPE(1, 1, 1, 1, 1, 1, 1, 2), INTS(2, 2, 2, 2, 2, 2, 2, 1), 0);
    // More sizes than MAX_DIMS, counted truly, are refused before any use.
    assert_tensor_error(tensor_permute(x, INTS(0, 1, 2, 3, 4, 5, 6, 7, 8)),
                        "permute(sparse_coo): number of dimensions in the tensor input does "
                        "not match the length of the desired ordering of dimensions i.e. "
                        "input.dim() = 8 is not equal to len(dims) = 9");
    tensor_free(y);
    tensor_free(eight);
    tensor_free(s);
    tensor_free(x);
}

static void overflowing_metadata_is_refused(void **state) {
    (void)state;
    const char *overflow = "Strides: an offset or stride of the result overflows int64";
    Tensor *x = tensor_arange(0, 10, 1);
    // An empty tensor may carry any strides (PyTorch allows this too)...
    int64_t huge = INT64_C(1) << 62;
    Tensor *e = tensor_as_strided(x, SHAPE(0, 3), INTS(huge, huge), 0);
    assert_layout(e, SHAPE(0, 3), INTS(huge, huge), 0);
    // ...but offsets and strides computed from them must still fit.
    assert_tensor_error(tensor_narrow(e, 1, 2, 1), overflow);
    assert_tensor_error(tensor_select(e, 1, 2), overflow);
    assert_tensor_error(tensor_slice(e, 1, SLICE(2, 3, 1)), overflow);
    assert_tensor_error(tensor_unsqueeze(e, 1), overflow);
    Tensor *f = tensor_as_strided(x, SHAPE(3, 0), INTS(huge, 1), 0);
    assert_tensor_error(tensor_expand(f, SHAPE(1, 3, 0)), overflow);  // a new dim steps over 3 * huge
    assert_tensor_error(TENSOR_INDEX(e, IX_ALL, IX_INT(2)), overflow);
    assert_tensor_error(TENSOR_INDEX(e, IX_ALL, IX_NONE, IX_ALL), overflow);
    // A step so large that the new stride does not fit.
    Tensor *m = tensor_view(x, SHAPE(2, 5));
    assert_tensor_error(tensor_slice(m, 0, SLICE_STEP(INT64_MAX)), overflow);
    // Within range, a huge step just keeps the first element.
    Tensor *first = tensor_slice(m, 1, SLICE_STEP(huge));
    assert_layout(first, SHAPE(2, 1), INTS(5, huge), 0);
    // Flattening huge empty dims: their product does not fit either.
    Tensor *wide = tensor_as_strided(x, SHAPE(0, huge, huge), INTS(1, 1, 1), 0);
    assert_tensor_error(tensor_flatten(wide, 1, 2), overflow);
    // expand and as_strided refuse element counts beyond int64 (PyTorch's check).
    Tensor *one = tensor_as_strided(x, SHAPE(1, 1), INTS(1, 1), 0);
    assert_tensor_error(tensor_expand(one, SHAPE(huge, 4)), "numel: integer multiplication overflow");
    Tensor *big = tensor_expand(one, SHAPE(INT64_C(1) << 32, (INT64_C(1) << 31) - 1));
    assert_layout(big, SHAPE(INT64_C(1) << 32, (INT64_C(1) << 31) - 1), INTS(0, 0), 0);
    // Offsets whose byte count overflows: PyTorch wraps around and accepts
    // a tensor beyond its storage; Strides refuses.
    assert_tensor_error(tensor_as_strided(x, SHAPE(2), INTS(1), huge),
                        "Storage size calculation overflowed with sizes=[2] and strides=[1]");
    assert_tensor_error(tensor_as_strided(x, SHAPE(2), INTS(INT64_C(1) << 61), 0),
                        "Storage size calculation overflowed with sizes=[2] and "
                        "strides=[2305843009213693952]");
    // Negative sizes: refused even where PyTorch 1.13 lets them through.
    assert_tensor_error(tensor_as_strided(x, SHAPE(-2, 0), INTS(1, 1), 0),
                        "numel: integer multiplication overflow");
    assert_tensor_error(tensor_expand(one, SHAPE(-2, 0)), "numel: integer multiplication overflow");
    Tensor *all[] = {big, one, wide, first, m, f, e, x};
    for (int i = 0; i < 8; i++) tensor_free(all[i]);
}

static void as_strided_keeps_or_sets_the_offset(void **state) {
    (void)state;
    Tensor *x = tensor_arange(0, 10, 1);
    Tensor *tail = tensor_slice(x, 0, SLICE_FROM(3, 1));
    Tensor *kept = tensor_as_strided(tail, SHAPE(2, 2), INTS(1, 1), AS_STRIDED_KEEP_OFFSET);
    assert_layout(kept, SHAPE(2, 2), INTS(1, 1), 3);
    assert_values(kept, (float[]){3, 4, 4, 5}, 4);
    Tensor *set = tensor_as_strided(tail, SHAPE(2, 2), INTS(1, 1), 0);  // from the storage's start
    assert_layout(set, SHAPE(2, 2), INTS(1, 1), 0);
    // The bounds are the storage's, not the input view's.
    assert_tensor_error(tensor_as_strided(tail, SHAPE(4, 2), INTS(2, 1), AS_STRIDED_KEEP_OFFSET),
                        "setStorage: sizes [4, 2], strides [2, 1], storage offset 3, and "
                        "itemsize 4 requiring a storage size of 44 are out of bounds for "
                        "storage of size 40");
    tensor_free(set);
    tensor_free(kept);
    tensor_free(tail);
    tensor_free(x);
}

// ---- golden cases from PyTorch (tests/golden/views.txt) -------------------------

static Slice parse_slice(char *text) {
    char *part[3];
    assert_int_equal(golden_split(text, ':', part, 3), 3);
    Slice s = {.has_start = *part[0] != '\0', .has_stop = *part[1] != '\0', .step = 1};
    if (s.has_start) s.start = strtoll(part[0], NULL, 10);
    if (s.has_stop) s.stop = strtoll(part[1], NULL, 10);
    if (*part[2] != '\0') s.step = strtoll(part[2], NULL, 10);
    return s;
}

static IndexItem parse_item(char *text) {
    if (strcmp(text, "None") == 0) return IX_NONE;
    if (strcmp(text, "...") == 0) return IX_ELLIPSIS;
    if (strchr(text, ':') != NULL) return IX_SLICE(parse_slice(text));
    return IX_INT(strtoll(text, NULL, 10));
}

// An IntList from "2,3,4", keeping the true count even beyond MAX_DIMS.
static IntList parse_ints(const char *text) {
    int64_t values[MAX_DIMS + 4];
    int n = golden_ints(text, values, MAX_DIMS + 4);
    assert_true(n >= 0);
    return intlist_of(values, (size_t)n);
}

static Tensor *run_op(const Tensor *x, const char *op, char *args) {
    char *part[GOLDEN_MAX_FIELDS * 4];
    IntList a = {0};
    if (strcmp(op, "slice") != 0 && strcmp(op, "index") != 0 &&
        strcmp(op, "unflatten") != 0 && strcmp(op, "as_strided") != 0) {
        a = parse_ints(args);
    }
    if (strcmp(op, "transpose") == 0) return tensor_transpose(x, a.at[0], a.at[1]);
    if (strcmp(op, "t") == 0) return tensor_t(x);
    if (strcmp(op, "permute") == 0) return tensor_permute(x, a);
    if (strcmp(op, "narrow") == 0) return tensor_narrow(x, a.at[0], a.at[1], a.at[2]);
    if (strcmp(op, "select") == 0) return tensor_select(x, a.at[0], a.at[1]);
    if (strcmp(op, "unsqueeze") == 0) return tensor_unsqueeze(x, a.at[0]);
    if (strcmp(op, "squeeze") == 0) return tensor_squeeze(x);
    if (strcmp(op, "squeeze_dim") == 0) return tensor_squeeze_dim(x, a.at[0]);
    if (strcmp(op, "expand") == 0) return tensor_expand(x, a);
    if (strcmp(op, "broadcast_to") == 0) return tensor_broadcast_to(x, a);
    if (strcmp(op, "flatten") == 0) return tensor_flatten(x, a.at[0], a.at[1]);
    if (strcmp(op, "slice") == 0) {
        assert_int_equal(golden_split(args, ';', part, 2), 2);
        return tensor_slice(x, strtoll(part[0], NULL, 10), parse_slice(part[1]));
    }
    if (strcmp(op, "index") == 0) {
        IndexItem items[32];
        int count = 0;
        if (*args != '\0') {
            count = golden_split(args, ';', part, 32);
            assert_true(count > 0);
            for (int i = 0; i < count; i++) items[i] = parse_item(part[i]);
        }
        return tensor_index(x, count, items);
    }
    if (strcmp(op, "unflatten") == 0) {
        assert_int_equal(golden_split(args, ';', part, 2), 2);
        return tensor_unflatten(x, strtoll(part[0], NULL, 10), parse_ints(part[1]));
    }
    if (strcmp(op, "as_strided") == 0) {
        assert_int_equal(golden_split(args, ';', part, 3), 3);
        int64_t offset = strcmp(part[2], "keep") == 0 ? AS_STRIDED_KEEP_OFFSET
                                                      : strtoll(part[2], NULL, 10);
        return tensor_as_strided(x, parse_ints(part[0]), parse_ints(part[1]), offset);
    }
    fail_msg("unknown op %s", op);
    return NULL;
}

static void golden_case(GoldenCase *c) {
    assert_int_equal(c->nfields, 5);
    // input: sizes;strides;offset;storage-size
    char spec[256], args[512];
    snprintf(spec, sizeof spec, "%s", c->field[1]);
    snprintf(args, sizeof args, "%s", c->field[3]);
    char *in[4];
    assert_int_equal(golden_split(spec, ';', in, 4), 4);
    int64_t sizes[MAX_DIMS], strides[MAX_DIMS];
    int ndim = golden_ints(in[0], sizes, MAX_DIMS);
    assert_int_equal(golden_ints(in[1], strides, MAX_DIMS), ndim);
    Tensor *x = arange_strided(atoll(in[3]), ndim, sizes, strides, atoll(in[2]));

    error_clear();
    Tensor *y = run_op(x, c->field[2], args);
    const char *expected = c->field[4];
    if (strncmp(expected, "err ", 4) == 0) {
        char message[1024];
        snprintf(message, sizeof message, "%s", expected + 4);
        tensor_free(x);
        assert_tensor_error(y, golden_unescape(message));
        return;
    }
    if (y == NULL) {
        tensor_free(x);
        fail_msg("expected success, got the error: %s", error_message());
    }

    // ok sizes;strides;offset;shares;values
    char *want = strdup(expected + 3), *field[5];
    assert_int_equal(golden_split(want, ';', field, 5), 5);
    int64_t want_sizes[MAX_DIMS], want_strides[MAX_DIMS];
    static int64_t want_values[4096];
    static float values[4096];
    int want_ndim = golden_ints(field[0], want_sizes, MAX_DIMS);
    assert_int_equal(golden_ints(field[1], want_strides, MAX_DIMS), want_ndim);
    int nvalues = golden_ints(field[4], want_values, 4096);
    assert_true(nvalues >= 0);
    for (int i = 0; i < nvalues; i++) values[i] = (float)want_values[i];

    assert_layout(y, intlist_of(want_sizes, (size_t)want_ndim),
                  intlist_of(want_strides, (size_t)want_ndim), atoll(field[2]));
    assert_values(y, values, nvalues);
    if ((y->storage == x->storage) != atoi(field[3])) {
        fail_msg("%s", atoi(field[3])
                           ? "expected a view sharing the input's storage, got a copy"
                           : "expected a copy, got a view of the input's storage");
    }
    free(want);
    tensor_free(y);
    tensor_free(x);
}

// The kind of each failure is PyTorch's class for it: an index or dim out
// of range is ERR_INDEX (IndexError), a bad slice step ERR_VALUE
// (ValueError), the rest ERR_RUNTIME.
static void failures_carry_pytorchs_kind(void **state) {
    (void)state;
    Tensor *m = tensor_arange(0, 12, 1);
    Tensor *x = tensor_view(m, SHAPE(3, 4));
    assert_tensor_error(tensor_select(x, 0, 7), "select(): index 7 out of range for tensor of "
                                                "size [3, 4] at dimension 0");
    assert_int_equal(error_kind(), ERR_INDEX);
    assert_tensor_error(tensor_transpose(x, 0, 5), "Dimension out of range (expected to be in "
                                                   "range of [-2, 1], but got 5)");
    assert_int_equal(error_kind(), ERR_INDEX);
    assert_tensor_error(tensor_slice(x, 0, SLICE(0, 3, 0)), "slice step cannot be zero");
    assert_int_equal(error_kind(), ERR_VALUE);
    assert_tensor_error(tensor_slice(x, 0, SLICE(0, 3, -1)), "step must be greater than zero");
    assert_int_equal(error_kind(), ERR_VALUE);
    assert_tensor_error(tensor_narrow(x, 0, 2, 5), "start (2) + length (5) exceeds dimension "
                                                   "size (3).");
    assert_int_equal(error_kind(), ERR_RUNTIME);
    tensor_free(x);
    tensor_free(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wrap_dim_counts_from_the_end),
        cmocka_unit_test(failures_carry_pytorchs_kind),
        cmocka_unit_test(every_view_shares_and_writes_reach_the_base),
        cmocka_unit_test(freeing_the_base_keeps_views_valid),
        cmocka_unit_test(transpose_swaps_sizes_and_strides),
        cmocka_unit_test(chunks_explain_view_after_transpose_and_permute),
        cmocka_unit_test(chunks_of_special_layouts),
        cmocka_unit_test(chunks_predict_every_golden_view),
        cmocka_unit_test(chunks_predict_view_on_every_layout),
        cmocka_unit_test(expand_repeats_without_copying),
        cmocka_unit_test(check_writable_refuses_only_aliased_elements),
        cmocka_unit_test(flatten_copies_only_when_it_must),
        cmocka_unit_test(index_macros_read_like_python),
        cmocka_unit_test(results_beyond_max_dims_are_errors),
        cmocka_unit_test(overflowing_metadata_is_refused),
        cmocka_unit_test(as_strided_keeps_or_sets_the_offset),
    };
    return run_suite(&(TestSuite){.group = "chapter 4: the view family", TEST_LIST(tests),
                                  .golden = "views.txt", .golden_case = golden_case});
}
