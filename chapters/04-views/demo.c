// Chapter 4 demo: the view family. Every result shares x's storage; only
// shapes, strides and offsets change.
#include <stdio.h>

#include "error.h"
#include "print.h"
#include "tensor.h"
#include "view.h"
#include "views.h"

static void show(const char *expression, const Tensor *t) {
    if (t == NULL) {
        printf("\n>>> %s\nRuntimeError: %s\n", expression, error_message());
        return;
    }
    printf("\n>>> %s  # shape %s, stride %s, offset %lld\n", expression,
           tuple_text(t->ndim, t->shape).s, tuple_text(t->ndim, t->stride).s,
           (long long)t->offset);
    tensor_print(t);
}

static void show_chunks(const char *name, const Tensor *t) {
    int chunk[MAX_DIMS];
    int count = tensor_contiguous_chunks(t, chunk);
    printf("%s: %d chunk%s; the chunk of each dim: [", name, count, count == 1 ? "" : "s");
    for (int d = 0; d < t->ndim; d++) printf("%s%d", d ? ", " : "", chunk[d]);
    printf("]\n");
}

int main(void) {
    Tensor *flat = tensor_arange(0, 24, 1);
    Tensor *x = flat ? tensor_view(flat, SHAPE(2, 3, 4)) : NULL;
    if (x == NULL) {
        fprintf(stderr, "error: %s\n", error_message());
        return 1;
    }
    show("x = arange(24).view(2, 3, 4)", x);

    // Reordering dims: the same 24 floats, walked in another order.
    Tensor *p = tensor_permute(x, INTS(2, 0, 1));
    show("p = x.permute(2, 0, 1)", p);
    Tensor *tr = tensor_transpose(x, 0, 2);
    printf("\n");
    show_chunks("x.transpose(0, 2)", tr);
    show_chunks("x.permute(2, 0, 1)", p);
    Tensor *pv = tensor_view(p, SHAPE(4, 6));  // keeps p's chunks whole
    show("p.view(4, 6)", pv);
    Tensor *tv = tensor_view(tr, SHAPE(4, 6));  // would split a chunk
    show("x.transpose(0, 2).view(4, 6)", tv);

    // Indexing: x[1, :, ::2] -- an offset and a doubled stride.
    Tensor *ix = TENSOR_INDEX(x, IX_INT(1), IX_ALL, IX_SLICE(SLICE_STEP(2)));
    show("x[1, :, ::2]", ix);
    tensor_set(ix, INDEX(0, 1), -1.0f);
    printf("after x[1, :, ::2][0, 1] = -1, x[1, 0] is:\n");
    Tensor *x10 = TENSOR_INDEX(x, IX_INT(1), IX_INT(0));
    tensor_print(x10);

    // expand: a column repeated 4 times, with stride 0 and no new memory.
    Tensor *col = TENSOR_INDEX(x, IX_INT(0), IX_ALL, IX_SLICE(SLICE(0, 1, 1)));
    Tensor *wide = tensor_expand(col, SHAPE(3, 4));
    show("x[0, :, 0:1].expand(3, 4)", wide);
    if (tensor_check_writable(wide) < 0) {
        printf("writing into it: RuntimeError: %s\n", error_message());
    }

    // as_strided: overlapping windows of 4, sliding by 2.
    Tensor *windows = tensor_as_strided(flat, SHAPE(5, 4), INTS(2, 1), 0);
    show("arange(24).as_strided((5, 4), (2, 1))", windows);

    Tensor *all[] = {windows, wide, col, x10, ix, tv, pv, tr, p, x, flat};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) tensor_free(all[i]);
    return 0;
}
