//> elementwise-guard
// Elementwise operations: one output element from the elements at the
// same position in each input, with broadcasting; their in-place forms,
// which write through views; copy_, fill_ and clone (chapter 5).
#ifndef STRIDES_ELEMENTWISE_H
#define STRIDES_ELEMENTWISE_H

#include "tensor.h"
//< elementwise-guard

//> elementwise-ops
typedef enum UnaryOp {
    UNARY_NEG, UNARY_EXP, UNARY_LOG, UNARY_RELU,
    UNARY_SIGMOID, UNARY_TANH, UNARY_ABS, UNARY_SQRT,
} UnaryOp;

typedef enum BinaryOp { BINARY_ADD, BINARY_SUB, BINARY_MUL, BINARY_DIV } BinaryOp;

// The general forms. Out-of-place ones return a new tensor laid out the way
// PyTorch lays out its result (dims in the inputs' memory order); in-place
// ones (trailing underscore) write into `t` and return 0. NULL or -1 with
// PyTorch's message on bad input.
Tensor *tensor_unary(const Tensor *t, UnaryOp op);
int     tensor_unary_(Tensor *t, UnaryOp op);
Tensor *tensor_binary(const Tensor *a, const Tensor *b, BinaryOp op);
int     tensor_binary_(Tensor *a, const Tensor *b, BinaryOp op);
Tensor *tensor_binary_scalar(const Tensor *a, float b, BinaryOp op);
int     tensor_binary_scalar_(Tensor *a, float b, BinaryOp op);
//< elementwise-ops

//> elementwise-names
// PyTorch's names for them: tensor_exp(x) is torch.exp(x), tensor_add_(x, y)
// is x.add_(y), tensor_mul_scalar(x, 2) is x * 2.
Tensor *tensor_neg(const Tensor *t);
Tensor *tensor_exp(const Tensor *t);
Tensor *tensor_log(const Tensor *t);
Tensor *tensor_relu(const Tensor *t);
Tensor *tensor_sigmoid(const Tensor *t);
Tensor *tensor_tanh(const Tensor *t);
Tensor *tensor_abs(const Tensor *t);
Tensor *tensor_sqrt(const Tensor *t);
int tensor_neg_(Tensor *t);
int tensor_exp_(Tensor *t);
int tensor_log_(Tensor *t);
int tensor_relu_(Tensor *t);
int tensor_sigmoid_(Tensor *t);
int tensor_tanh_(Tensor *t);
int tensor_abs_(Tensor *t);
int tensor_sqrt_(Tensor *t);

Tensor *tensor_add(const Tensor *a, const Tensor *b);
Tensor *tensor_sub(const Tensor *a, const Tensor *b);
Tensor *tensor_mul(const Tensor *a, const Tensor *b);
Tensor *tensor_div(const Tensor *a, const Tensor *b);
int tensor_add_(Tensor *a, const Tensor *b);
int tensor_sub_(Tensor *a, const Tensor *b);
int tensor_mul_(Tensor *a, const Tensor *b);
int tensor_div_(Tensor *a, const Tensor *b);

Tensor *tensor_add_scalar(const Tensor *a, float b);
Tensor *tensor_sub_scalar(const Tensor *a, float b);
Tensor *tensor_mul_scalar(const Tensor *a, float b);
Tensor *tensor_div_scalar(const Tensor *a, float b);
int tensor_add_scalar_(Tensor *a, float b);
int tensor_sub_scalar_(Tensor *a, float b);
int tensor_mul_scalar_(Tensor *a, float b);
int tensor_div_scalar_(Tensor *a, float b);
//< elementwise-names

//> elementwise-copy-api
// dst.copy_(src): src (broadcast to dst's shape) written into dst, through
// whatever view dst is. dst.fill_(value). x.clone(): a copy in new memory,
// keeping x's strides when its elements tile their memory exactly.
int     tensor_copy_(Tensor *dst, const Tensor *src);
int     tensor_fill_(Tensor *t, float value);
Tensor *tensor_clone(const Tensor *t);

// The strides PyTorch gives a new elementwise result of `shape` computed
// from `inputs` (docs/semantics-notes.md, section "The layout of a new
// tensor"), for tests and for later chapters.
void elementwise_strides(int ninputs, const Tensor *const *inputs, int ndim,
                         const int64_t *shape, int64_t *strides);

#endif
//< elementwise-copy-api
