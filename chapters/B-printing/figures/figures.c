// Figures drawn with this appendix's tensors_to_dot(). They are chapter 2's:
// chapter 2 comes before the DOT writer, so it cannot draw its own. argv[1]
// is this appendix's figures folder (or its mirror under build/figures, for
// figures-check); chapter 2's is beside it, in ../../02-tensor/figures.
#include <stdio.h>
#include <stdlib.h>

#include "dot.h"
#include "error.h"
#include "tensor.h"
#include "text.h"

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT-DIR\n", argv[0]);
        return 2;
    }
    Text folder = {0};
    text_append(&folder, "%s/../../02-tensor/figures", argv[1]);
    char *chapter2 = text_take(&folder);
    Tensor *x = tensor_arange(0, 12, 1);
    if (chapter2 == NULL || x == NULL) {
        fprintf(stderr, "figures: %s\n", error_message());
        return 1;
    }
    Tensor *m = tensor_on(x->storage, 0, 2, (int64_t[]){3, 4}, (int64_t[]){4, 1});
    Tensor *t = tensor_on(x->storage, 0, 2, (int64_t[]){4, 3}, (int64_t[]){1, 4});
    Tensor *row = tensor_on(x->storage, 8, 1, (int64_t[]){4}, (int64_t[]){1});
    int failed = 0;
    failed |= dot_save_figure(chapter2, "matrix",
                              tensors_to_dot(1, (const Tensor *[]){m},
                                             (const char *[]){"x"}));
    failed |= dot_save_figure(chapter2, "transpose",
                              tensors_to_dot(1, (const Tensor *[]){t},
                                             (const char *[]){"x.t()"}));
    failed |= dot_save_figure(chapter2, "row",
                              tensors_to_dot(1, (const Tensor *[]){row},
                                             (const char *[]){"x[2]"}));
    tensor_free(row);
    tensor_free(t);
    tensor_free(m);
    tensor_free(x);
    free(chapter2);
    if (failed) fprintf(stderr, "figures: %s\n", error_message());
    return failed ? 1 : 0;
}
