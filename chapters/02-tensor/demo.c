// Chapter 2 demo: one storage, three tensors, and the address formula.
#include <stdio.h>

#include "error.h"
#include "tensor.h"

// The metadata, then the elements of a 1-D or 2-D tensor row by row, each
// read through the strides. (Appendix B prints any tensor like PyTorch.)
static void describe(const char *name, const Tensor *t) {
    printf("%s: shape %s  stride %s  offset %lld\n", name,
           tuple_text(t->ndim, t->shape).s, tuple_text(t->ndim, t->stride).s,
           (long long)t->offset);
    int64_t rows = t->ndim == 2 ? t->shape[0] : 1;
    int64_t cols = t->shape[t->ndim - 1];
    for (int64_t i = 0; i < rows; i++) {
        for (int64_t j = 0; j < cols; j++) {
            float v = 0;
            if (t->ndim == 2) tensor_get(t, INDEX(i, j), &v);
            else tensor_get(t, INDEX(j), &v);
            printf("%5g", (double)v);
        }
        printf("\n");
    }
    printf("\n");
}

int main(void) {
    // arange(12) as a 3x4 matrix: a fresh, row-major tensor.
    float values[12];
    for (int i = 0; i < 12; i++) values[i] = (float)i;
    Tensor *x = tensor_from_data(values, SHAPE(3, 4));
    if (x == NULL) {
        fprintf(stderr, "error: %s\n", error_message());
        return 1;
    }
    describe("x", x);

    // Element (1, 2) lives at offset + 1*stride[0] + 2*stride[1].
    int64_t at = tensor_storage_index(x, (int64_t[]){1, 2});
    printf("x[1, 2] is storage element %lld = 0 + 1*4 + 2*1\n\n", (long long)at);

    // The same storage read column by column: swap the strides.
    Tensor *xt = tensor_on(x->storage, 0, 2, (int64_t[]){4, 3}, (int64_t[]){1, 4});
    describe("x.t() (by hand)", xt);

    // The last row: start at offset 8, one dimension of size 4.
    Tensor *row = tensor_on(x->storage, 8, 1, (int64_t[]){4}, (int64_t[]){1});
    describe("x[2] (by hand)", row);

    // All three share one buffer: a write through one shows in the others.
    tensor_set(row, INDEX(0), 100.0f);
    describe("after row[0] = 100, x", x);
    describe("and x.t()", xt);

    float v;
    if (tensor_get(x, INDEX(3, 0), &v) < 0) printf("x[3, 0]: %s\n", error_message());

    tensor_free(row);
    tensor_free(xt);
    tensor_free(x);
    return 0;
}
