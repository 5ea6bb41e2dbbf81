// Figures for chapter 5: broadcasting drawn by the library itself. Each
// figure shows operands the way the strided walk sees them: stretched to
// the result's shape with stride 0, so many elements share one cell.
#include <stdio.h>

#include "dot.h"
#include "error.h"
#include "tensor.h"

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT-DIR\n", argv[0]);
        return 2;
    }
    int failed = 0;
    // x + row: the row, and the row as the walk reads it, (3, 4):(0, 1).
    Tensor *row = tensor_arange(0, 4, 1);
    Tensor *rows = tensor_on(row->storage, 0, 2, (int64_t[]){3, 4}, (int64_t[]){0, 1});
    failed |= dot_save_figure(argv[1], "broadcast",
                          tensors_to_dot(2, (const Tensor *[]){row, rows},
                                         (const char *[]){"row", "row, as x + row walks it"}));

    // col + row: both stretched to (3, 4), each along its own missing dim.
    Tensor *col = tensor_arange(0, 3, 1);
    Tensor *cols = tensor_on(col->storage, 0, 2, (int64_t[]){3, 4}, (int64_t[]){1, 0});
    failed |= dot_save_figure(argv[1], "outer",
                          tensors_to_dot(2, (const Tensor *[]){cols, rows},
                                         (const char *[]){"col (3, 1), walked as (3, 4)", "row (4), walked as (3, 4)"}));

    // x * 2: the number is a 0-dim tensor, every element of it one cell.
    Tensor *two = tensor_full(SCALAR_SHAPE, 2);
    Tensor *twos = tensor_on(two->storage, 0, 2, (int64_t[]){3, 4}, (int64_t[]){0, 0});
    failed |= dot_save_figure(argv[1], "scalar",
                          tensors_to_dot(2, (const Tensor *[]){two, twos},
                                         (const char *[]){"2", "2, as x * 2 walks it"}));

    tensor_free(twos);
    tensor_free(two);
    tensor_free(cols);
    tensor_free(col);
    tensor_free(rows);
    tensor_free(row);
    if (failed) fprintf(stderr, "figures: %s\n", error_message());
    return failed ? 1 : 0;
}
