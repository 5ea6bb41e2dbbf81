// Figures for chapter 3: DOT emitted by the library's tensors_to_dot(),
// written into the folder given as argv[1].
#include <stdio.h>

#include "dot.h"
#include "error.h"
#include "tensor.h"
#include "view.h"

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT-DIR\n", argv[0]);
        return 2;
    }
    int failed = 0;
    // A view shares the storage: x and x.view(3, 4) point into one strip.
    Tensor *x = tensor_arange(0, 12, 1);
    Tensor *v = tensor_view(x, SHAPE(3, 4));
    failed |= dot_save_figure(argv[1], "shared",
                          tensors_to_dot(2, (const Tensor *[]){x, v},
                                         (const char *[]){"x", "x.view(3, 4)"}));

    // A view of a transpose that works: (4, 3):(1, 4) -> (2, 2, 3).
    Tensor *t = tensor_on(x->storage, 0, 2, (int64_t[]){4, 3}, (int64_t[]){1, 4});
    Tensor *split = tensor_view(t, SHAPE(2, 2, 3));
    failed |= dot_save_figure(argv[1], "transpose-view",
                          tensors_to_dot(2, (const Tensor *[]){t, split},
                                         (const char *[]){"t = x.view(3, 4).t()", "t.view(2, 2, 3)"}));

    // One that can't: flattening t needs a copy, so reshape makes one.
    Tensor *flat = tensor_reshape(t, SHAPE(12));
    failed |= dot_save_figure(argv[1], "reshape-copy",
                          tensors_to_dot(2, (const Tensor *[]){t, flat},
                                         (const char *[]){"t", "t.reshape(12)"}));

    // A view keeps its base's offset: row 1 of a (2, 3, 4), viewed as (2, 6).
    Tensor *y = tensor_arange(0, 24, 1);
    Tensor *row = tensor_on(y->storage, 12, 2, (int64_t[]){3, 4}, (int64_t[]){4, 1});
    Tensor *rv = tensor_view(row, SHAPE(2, 6));
    failed |= dot_save_figure(argv[1], "offset",
                          tensors_to_dot(2, (const Tensor *[]){row, rv},
                                         (const char *[]){"y[1]", "y[1].view(2, 6)"}));

    tensor_free(rv);
    tensor_free(row);
    tensor_free(y);
    tensor_free(flat);
    tensor_free(split);
    tensor_free(t);
    tensor_free(v);
    tensor_free(x);
    if (failed) fprintf(stderr, "figures: %s\n", error_message());
    return failed ? 1 : 0;
}
