// Figures for chapter 8, written into the folder given as argv[1]: the
// dropout mask (tensors_to_dot), and the classic bug's model trees after
// eval() (module_to_dot).
#include <stdio.h>

#include "dot.h"
#include "dropout.h"
#include "elementwise.h"
#include "error.h"
#include "module_dot.h"

#include "../classic_bug.c"

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT-DIR\n", argv[0]);
        return 2;
    }
    int failed = 0;
    // x, the mask for p = 0.5, and x * mask: what F.dropout computes.
    Rng rng = rng_new(3);
    Tensor *x = tensor_arange(1, 13, 1);
    Tensor *grid = tensor_from_data(x->storage->data, SHAPE(3, 4));
    Tensor *mask = dropout_mask(SHAPE(3, 4), 0.5, &rng);  // exercise 8.4: NULL when stubbed
    Tensor *y = mask != NULL ? tensor_mul(grid, mask) : NULL;
    if (y == NULL) failed = 1;
    else {
        failed |= dot_save_figure(argv[1], "mask",
                                  tensors_to_dot(3, (const Tensor *[]){grid, mask, y},
                                                 (const char *[]){"x", "mask, p = 0.5",
                                                                  "x * mask"}));
    }

    // After eval(): the buggy model's dropout is a function call, not a
    // child, so eval() has nothing to reach; the module-based fix shows
    // its Dropout in eval mode like every other child.
    Module *buggy = module_eval(net_new(&BUGGY_NET, 4, 8, 2, 0.5, &rng));
    Module *fixed = module_eval(module_net_new(4, 8, 2, 0.5, &rng));
    failed |= dot_save_figure(argv[1], "buggy-eval", module_to_dot(buggy));
    failed |= dot_save_figure(argv[1], "module-eval", module_to_dot(fixed));
    if (failed) fprintf(stderr, "figures: %s\n", error_message());

    module_release(fixed);
    module_release(buggy);
    tensor_free(y);
    tensor_free(mask);
    tensor_free(grid);
    tensor_free(x);
    return failed ? 1 : 0;
}
