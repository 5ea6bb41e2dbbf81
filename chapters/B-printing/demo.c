// Appendix B demo: chapter 2's tensors printed the way PyTorch prints
// them, and floats written the way Python writes them.
#include <stdio.h>

#include "error.h"
#include "print.h"
#include "pyfloat.h"
#include "tensor.h"

int main(void) {
    Tensor *x = tensor_arange(0, 12, 1);
    Tensor *big = tensor_arange(0, 2000, 1);
    if (x == NULL || big == NULL) {
        fprintf(stderr, "error: %s\n", error_message());
        return 1;
    }
    // Chapter 2's matrix and its transpose, over one storage.
    Tensor *m = tensor_on(x->storage, 0, 2, (int64_t[]){3, 4}, (int64_t[]){4, 1});
    Tensor *t = tensor_on(x->storage, 0, 2, (int64_t[]){4, 3}, (int64_t[]){1, 4});
    tensor_print(m);
    tensor_print(t);

    // One format for the whole tensor: a wider value widens every element,
    // a fraction brings four decimals, a spread of over 1000x scientific.
    tensor_set(m, INDEX(2, 0), 100.0f);
    tensor_print(m);
    tensor_set(m, INDEX(0, 1), 0.5f);
    tensor_print(m);
    tensor_set(m, INDEX(0, 1), 1e-5f);
    tensor_print(m);

    // Past 1000 elements: three at each end and "..." between.
    tensor_print(big);

    // Python's repr() of a float: the shortest digits that read back.
    printf("%s %s %s %s\n", pyfloat_repr(0.1).s, pyfloat_repr(1e-5).s,
           pyfloat_repr(1e16).s, pyfloat_repr((double)0.1f).s);

    tensor_free(t);
    tensor_free(m);
    tensor_free(big);
    tensor_free(x);
    return 0;
}
