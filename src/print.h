//> print-api
// Printing a tensor exactly the way PyTorch's repr() does, so that what
// you see from Strides can be compared with Python character for character.
#ifndef STRIDES_PRINT_H
#define STRIDES_PRINT_H

#include "tensor.h"

// The repr text, e.g. "tensor([[0., 1.],\n        [2., 3.]])". The caller
// frees it. NULL (and error_message()) only if memory runs out.
char *tensor_repr(const Tensor *t);

// Print the repr and a newline to stdout. 0, or -1 on failure.
int tensor_print(const Tensor *t);

#endif
//< print-api
