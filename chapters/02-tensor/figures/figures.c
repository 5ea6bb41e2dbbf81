// Figures for chapter 2: DOT emitted by the library's tensors_to_dot(),
// written into the folder given as argv[1].
#include <stdio.h>

#include "dot.h"
#include "error.h"
#include "tensor.h"

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT-DIR\n", argv[0]);
        return 2;
    }
    Tensor *x = tensor_arange(0, 12, 1);
    Tensor *m = tensor_on(x->storage, 0, 2, (int64_t[]){3, 4}, (int64_t[]){4, 1});
    Tensor *t = tensor_on(x->storage, 0, 2, (int64_t[]){4, 3}, (int64_t[]){1, 4});
    Tensor *row = tensor_on(x->storage, 8, 1, (int64_t[]){4}, (int64_t[]){1});
    int failed = 0;
    failed |= dot_save_figure(argv[1], "matrix",
                          tensors_to_dot(1, (const Tensor *[]){m},
                                         (const char *[]){"x"}));
    failed |= dot_save_figure(argv[1], "transpose",
                          tensors_to_dot(1, (const Tensor *[]){t},
                                         (const char *[]){"x.t()"}));
    failed |= dot_save_figure(argv[1], "row",
                          tensors_to_dot(1, (const Tensor *[]){row},
                                         (const char *[]){"x[2]"}));
    tensor_free(row);
    tensor_free(t);
    tensor_free(m);
    tensor_free(x);
    if (failed) fprintf(stderr, "figures: %s\n", error_message());
    return failed ? 1 : 0;
}
