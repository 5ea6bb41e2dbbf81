//> pyfloat-api
// Numbers the way Python writes them. PyTorch's messages and reprs print
// floats with Python's repr() ("dropout probability ... but got 1.5",
// "Dropout(p=0.5, ...)"), and the REPL prints Python floats, so Strides
// needs the same text.
#ifndef STRIDES_PYFLOAT_H
#define STRIDES_PYFLOAT_H

#include <stdbool.h>
#include <stddef.h>

// The fewest significant digits that read back as the same number -- the
// same float32 when `single`, the same double otherwise. Leaves them in
// `buf` in "%e" form ("-d.ddde+XX") and returns how many there are.
int pyfloat_shortest_digits(double v, bool single, char *buf, size_t size);

// Python's repr() of a float: "0.1", "2.0", "1e-05", "1e+16", "nan", "-inf".
// Returned inside a struct, like ints_text(), for use inside a call.
typedef struct FloatText {
    char s[40];
} FloatText;
FloatText pyfloat_repr(double v);

#endif
//< pyfloat-api
