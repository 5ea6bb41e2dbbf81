// Figures for chapter 2: DOT emitted by the library's tensors_to_dot(),
// written into the folder given as argv[1].
#include <stdio.h>

#include "dot.h"
#include "error.h"
#include "tensor.h"

static int write_figure(const char *dir, const char *name, int count,
                        const Tensor *const *tensors, const char *const *labels) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.dot", dir, name);
    if (write_dot_file(path, count, tensors, labels) == 0) return 0;
    fprintf(stderr, "figures: %s\n", strides_error());
    return -1;
}

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
    failed |= write_figure(argv[1], "matrix", 1, (const Tensor *[]){m},
                           (const char *[]){"x"});
    failed |= write_figure(argv[1], "transpose", 1, (const Tensor *[]){t},
                           (const char *[]){"x.t()"});
    failed |= write_figure(argv[1], "row", 1, (const Tensor *[]){row},
                           (const char *[]){"x[2]"});
    tensor_free(row);
    tensor_free(t);
    tensor_free(m);
    tensor_free(x);
    return failed ? 1 : 0;
}
