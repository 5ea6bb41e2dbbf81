// Chapter 3 demo: view() shares memory; when it can't, reshape() copies.
#include <stdio.h>

#include "error.h"
#include "print.h"
#include "tensor.h"
#include "view.h"

static void describe(const char *name, const Tensor *t) {
    printf("%s  # shape %s, stride %s, offset %lld, %s\n", name,
           tuple_text(t->ndim, t->shape).s, tuple_text(t->ndim, t->stride).s,
           (long long)t->offset, tensor_is_contiguous(t) ? "contiguous" : "not contiguous");
    tensor_print(t);
}

int main(void) {
    Tensor *x = tensor_arange(0, 12, 1);
    if (x == NULL) {
        fprintf(stderr, "error: %s\n", error_message());
        return 1;
    }
    describe(">>> x = arange(12)", x);

    Tensor *v = tensor_view(x, SHAPE(3, 4));
    describe("\n>>> v = x.view(3, 4)", v);
    printf("same storage as x: %s\n", v->storage == x->storage ? "yes" : "no");

    tensor_set(v, INDEX(1, 1), 50.0f);
    printf("\n>>> v[1, 1] = 50   # and x sees it:\n");
    tensor_print(x);

    // The note from a popular explanation of view(): torch.range(3, 4)
    // holds two numbers, [3., 4.], so they can't fill a 2x6 matrix.
    Tensor *r = tensor_arange(3, 5, 1);
    if (tensor_view(r, SHAPE(2, 6)) == NULL) {
        printf("\n>>> torch.range(3, 4).view(2, 6)\nRuntimeError: %s\n", error_message());
    }
    tensor_free(r);

    // A transpose reads memory column by column; flattening it would need
    // two different steps in one dimension, so view() refuses...
    Tensor *t = tensor_on(v->storage, 0, 2, (int64_t[]){4, 3}, (int64_t[]){1, 4});
    describe("\n>>> t = v.t()", t);
    if (tensor_view(t, SHAPE(12)) == NULL) {
        printf("\n>>> t.view(12)\nRuntimeError: %s\n", error_message());
    }
    // ...and reshape() copies into a new, row-major storage instead.
    Tensor *flat = tensor_reshape(t, SHAPE(12));
    describe("\n>>> t.reshape(12)", flat);
    printf("same storage as x: %s\n", flat->storage == x->storage ? "yes" : "no (a copy)");

    tensor_free(flat);
    tensor_free(t);
    tensor_free(v);
    tensor_free(x);
    return 0;
}
