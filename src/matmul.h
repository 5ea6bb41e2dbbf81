//> matmul-api
// Matrix products (chapter 5): dot, mv, mm, bmm, and matmul, which picks
// among them by the operands' dims and broadcasts batch dims. Any strides
// in, a row-major result out; PyTorch 1.13's shape errors, word for word.
#ifndef STRIDES_MATMUL_H
#define STRIDES_MATMUL_H

#include "tensor.h"

Tensor *tensor_dot(const Tensor *a, const Tensor *b);     // (k) . (k) -> ()
Tensor *tensor_mv(const Tensor *m, const Tensor *v);      // (n, k) @ (k) -> (n)
Tensor *tensor_mm(const Tensor *a, const Tensor *b);      // (n, k) @ (k, p) -> (n, p)
Tensor *tensor_bmm(const Tensor *a, const Tensor *b);     // (b, n, k) @ (b, k, p)
Tensor *tensor_matmul(const Tensor *a, const Tensor *b);  // a @ b

// The inner kernel has a portable version and, on x86-64 CPUs that have
// them, one compiled for AVX2 and FMA, chosen at run time. Tests and the
// benchmark switch to the portable one with false; true restores the
// choice. Returns the name of the kernel now in use.
const char *matmul_use_wide_kernel(bool allowed);

#endif
//< matmul-api
