// Figures for chapter 6: DOT emitted by the library's tensors_to_dot(),
// written into the folder given as argv[1].
#include <stdio.h>

#include "dot.h"
#include "error.h"
#include "functional.h"
#include "tensor.h"
#include "views.h"

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT-DIR\n", argv[0]);
        return 2;
    }
    // F.linear(x, w, b): the weight is stored (out, in); the product reads
    // it through its transpose, a view of the same memory.
    Tensor *x = tensor_from_data((float[]){1, 2, 3, -1, 0, 1}, SHAPE(2, 3));
    Tensor *w = tensor_from_data((float[]){0.5f, -1, 0.25f, 1, 1, 1}, SHAPE(2, 3));
    Tensor *b = tensor_from_data((float[]){0.1f, -0.2f}, SHAPE(2));
    Tensor *wt = tensor_t(w);
    Tensor *y = F_linear(x, w, b);
    int failed = dot_save_figure(argv[1], "linear",
                             tensors_to_dot(4, (const Tensor *[]){w, wt, x, y},
                                            (const char *[]){"w", "w.t()", "x",
                                                             "F.linear(x, w, b)"}));
    if (failed) fprintf(stderr, "figures: %s\n", error_message());
    Tensor *all[] = {x, w, b, wt, y};
    for (int i = 0; i < 5; i++) tensor_free(all[i]);
    return failed ? 1 : 0;
}
