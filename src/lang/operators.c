//> operators-includes
// The operators + - * / @ ** and unary minus, for numbers (Python's
// rules) and tensors (PyTorch's); and writing into a tensor, x[i] = v.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elementwise.h"
#include "iter.h"
#include "lang/interp.h"
#include "matmul.h"
#include "views.h"
//< operators-includes

//> operators-numbers
// Arithmetic on Python numbers, with Python's rules: int op int stays an
// int (checked for overflow: ours are 64 bits, Python's unbounded), '/'
// always gives a float, bool counts as int.
static int int_power(Session *s, int64_t base, int64_t exponent, int offset, Value *out) {
    int64_t result = 1;
    for (int64_t i = 0; i < exponent; i++) {
        if (__builtin_mul_overflow(result, base, &result)) {
            return raise_error(s, EXC_OVERFLOW, offset, "integer result too large "
                               "(Strides keeps integers in 64 bits)");
        }
        if (result == 0 || result == 1) break;  // stays put: stop early
    }
    if (result == 1 && base == -1 && exponent % 2) result = -1;
    *out = (Value){.kind = VALUE_INT, .int_value = result};
    return 0;
}

static int64_t integer(const Value *v) {
    return v->kind == VALUE_BOOL ? (int64_t)v->bool_value : v->int_value;
}

static int number_operator(Session *s, TokenKind op, const Value *a, const Value *b,
                           int offset, Value *out) {
    bool ints = a->kind != VALUE_FLOAT && b->kind != VALUE_FLOAT;
    int64_t i = ints ? integer(a) : 0, j = ints ? integer(b) : 0, r = 0;
    double x = number(a), y = number(b);
    switch (op) {
    case TOKEN_PLUS: case TOKEN_MINUS: case TOKEN_STAR:
        if (!ints) break;
        if (op == TOKEN_PLUS ? __builtin_add_overflow(i, j, &r)
            : op == TOKEN_MINUS ? __builtin_sub_overflow(i, j, &r)
            : __builtin_mul_overflow(i, j, &r)) {
            return raise_error(s, EXC_OVERFLOW, offset, "integer result too large "
                               "(Strides keeps integers in 64 bits)");
        }
        *out = (Value){.kind = VALUE_INT, .int_value = r};
        return 0;
    case TOKEN_SLASH:
        if (y == 0) {
            return raise_error(s, EXC_ZERO_DIVISION, offset, ints ? "division by zero"
                               : "float division by zero");
        }
        break;
    case TOKEN_POWER:
        if (ints && j >= 0) return int_power(s, i, j, offset, out);
        if (x == 0 && y < 0) {
            return raise_error(s, EXC_ZERO_DIVISION, offset, "0.0 cannot be raised to a "
                               "negative power");
        }
        if (x < 0 && y != floor(y)) {
            return raise_error(s, EXC_VALUE, offset, "a negative number to a fractional "
                               "power is a complex number, which Strides does not have");
        }
        break;
    default:
        return raise_error(s, EXC_TYPE, offset, "unsupported operand type(s) for @: "
                           "'%s' and '%s'", value_type_name(a), value_type_name(b));
    }
    double result = op == TOKEN_PLUS ? x + y : op == TOKEN_MINUS ? x - y
                  : op == TOKEN_STAR ? x * y : op == TOKEN_SLASH ? x / y : pow(x, y);
    *out = (Value){.kind = VALUE_FLOAT, .float_value = result};
    return 0;
}
//< operators-numbers

//> operators-matmul
// x @ y and matmul(x, y). The work, n*k*m multiply-adds, is bounded too:
// a (1, k) @ (k, 1) is cheap however large k is, (n, 1) @ (1, m) is not.
int matmul_values(Session *s, const Tensor *a, const Tensor *b, Value *out) {
    if (a->ndim >= 1 && b->ndim >= 1) {
        double n = a->ndim >= 2 ? (double)a->shape[a->ndim - 2] : 1;
        double k = (double)a->shape[a->ndim - 1];
        double m = b->ndim >= 2 ? (double)b->shape[b->ndim - 1] : 1;
        double batch = 1;  // an upper bound on the broadcast batch
        for (int d = 0; d < a->ndim - 2; d++) batch *= (double)a->shape[d];
        for (int d = 0; d < b->ndim - 2; d++) batch *= (double)b->shape[d];
        double work = batch * n * m * (k > 0 ? k : 1), most = 64.0 * (double)s->max_elements;
        if (work > most) {
            return raise_error(s, EXC_RUNTIME, -1, "matmul too large: %.3g multiply-adds "
                               "(this session does at most %.3g)", work, most);
        }
        if (check_elements(s, (int64_t)fmin(batch * n * m, 9e18)) < 0) return -1;
    }
    return return_tensor(s, tensor_matmul(a, b), out);
}
//< operators-matmul

//> operators-tensors
// The operators. With a tensor on either side they are chapter 5's
// elementwise operations (x + 1 with a scalar, x + y broadcasting) or
// matmul; a number on the left of a tensor becomes a 0-dim tensor, which
// broadcasts like PyTorch's "wrapped number" and leaves the result's
// layout to the tensor on the right.

// The elements a broadcast of a and b would have, checked before the op
// allocates them (if the shapes don't broadcast, the op says so).
static int check_broadcast(Session *s, const Tensor *a, const Tensor *b) {
    int ndim;
    int64_t shape[MAX_DIMS];
    if (shape_broadcast(a->ndim, a->shape, b->ndim, b->shape, &ndim, shape) < 0) return 0;
    return check_shape_elements(s, intlist_of(shape, (size_t)ndim));
}

// number / x: Python asks the tensor (Tensor.__rdiv__), and PyTorch answers
// x.reciprocal() * number: first a unary result of x, laid out as one (its
// size-1 dims may get other strides than a binary result's), then a product
// with a scalar. The same two steps here; the library has no reciprocal, so
// it is made in place in a fresh tensor with a unary result's layout.
static Tensor *divide_number_by(float number, const Tensor *x) {
    int64_t strides[MAX_DIMS];
    elementwise_strides(1, &x, x->ndim, x->shape, strides);
    Storage *storage = storage_new(tensor_numel(x));
    if (storage == NULL) return NULL;
    Tensor *reciprocal = tensor_on(storage, 0, x->ndim, x->shape, strides);
    storage_release(storage);
    Tensor *result = NULL;
    if (reciprocal && tensor_fill_(reciprocal, 1.0f) == 0 &&
        tensor_div_(reciprocal, x) == 0) {
        result = tensor_mul_scalar(reciprocal, number);
    }
    tensor_free(reciprocal);
    return result;
}

static int tensor_operator(Session *s, TokenKind op, const Value *a, const Value *b,
                           int offset, Value *out) {
    static const BinaryOp ops[] = {[TOKEN_PLUS] = BINARY_ADD, [TOKEN_MINUS] = BINARY_SUB,
                                   [TOKEN_STAR] = BINARY_MUL, [TOKEN_SLASH] = BINARY_DIV};
    if (op == TOKEN_AT) {
        if (a->kind != VALUE_TENSOR || b->kind != VALUE_TENSOR) {
            return raise_error(s, EXC_TYPE, offset, "unsupported operand type(s) for @: "
                               "'%s' and '%s'", value_type_name(a), value_type_name(b));
        }
        return matmul_values(s, a->tensor, b->tensor, out);
    }
    if (op == TOKEN_POWER) {
        return raise_error(s, EXC_TYPE, offset, "x ** y is not supported for tensors in "
                           "Strides (write x * x for a square)");
    }
    if (b->kind != VALUE_TENSOR) {  // tensor op number
        return return_tensor(s, tensor_binary_scalar(a->tensor, (float)number(b), ops[op]),
                             out);
    }
    if (op == TOKEN_SLASH && a->kind != VALUE_TENSOR) {  // number / tensor
        return return_tensor(s, divide_number_by((float)number(a), b->tensor), out);
    }
    Tensor *left = a->kind == VALUE_TENSOR ? tensor_alias(a->tensor)
                                           : tensor_full(SCALAR_SHAPE, (float)number(a));
    if (left == NULL) return raise_library_error(s);
    int rc = check_broadcast(s, left, b->tensor);
    if (rc == 0) rc = return_tensor(s, tensor_binary(left, b->tensor, ops[op]), out);
    tensor_free(left);
    return rc;
}

int apply_operator(Session *s, TokenKind op, const Value *left, const Value *right,
                   int offset, Value *out) {
    if (left == NULL) {  // unary
        if (op == TOKEN_PLUS && (is_number(right) || right->kind == VALUE_TENSOR)) {
            return check_library(s, value_copy(out, right));
        }
        if (right->kind == VALUE_TENSOR) {
            return return_tensor(s, tensor_neg(right->tensor), out);
        }
        if (right->kind == VALUE_FLOAT) {  // -0.0 is -0.0, not 0 - 0.0
            *out = (Value){.kind = VALUE_FLOAT, .float_value = -right->float_value};
            return 0;
        }
        if (is_number(right)) {
            Value zero = {.kind = VALUE_INT};
            return number_operator(s, TOKEN_MINUS, &zero, right, offset, out);
        }
        return raise_error(s, EXC_TYPE, offset, "bad operand type for unary %s: '%s'",
                           token_operator_text(op), value_type_name(right));
    }
    bool a_ok = is_number(left) || left->kind == VALUE_TENSOR;
    bool b_ok = is_number(right) || right->kind == VALUE_TENSOR;
    if (a_ok && b_ok) {
        if (left->kind == VALUE_TENSOR || right->kind == VALUE_TENSOR) {
            return tensor_operator(s, op, left, right, offset, out);
        }
        return number_operator(s, op, left, right, offset, out);
    }
    // Python's sequences concatenate: (1, 2) + (3,) is (1, 2, 3), within
    // the session's limits, checked before anything is copied.
    if (op == TOKEN_PLUS && left->kind == right->kind &&
        (left->kind == VALUE_TUPLE || left->kind == VALUE_LIST) &&
        !left->type_name && !right->type_name) {
        int64_t items = 0, elements = 0;
        sequence_size(left, &items, &elements);
        sequence_size(right, &items, &elements);
        if (check_sequence(s, left->kind, items, elements) < 0) return -1;
        Value joined = {.kind = left->kind};
        joined.items = calloc((size_t)(left->count + right->count + 1), sizeof(Value));
        if (joined.items == NULL) return raise_error(s, EXC_RUNTIME, -1, "out of memory");
        for (int i = 0; i < left->count + right->count; i++) {
            const Value *item =
                i < left->count ? &left->items[i] : &right->items[i - left->count];
            if (check_library(s, value_copy(&joined.items[i], item)) < 0) {
                value_free(&joined);
                return -1;
            }
            joined.count++;
        }
        *out = joined;
        return 0;
    }
    return raise_error(s, EXC_TYPE, offset, "unsupported operand type(s) for %s: '%s' "
                       "and '%s'", token_operator_text(op), value_type_name(left),
                       value_type_name(right));
}
//< operators-tensors

//> operators-write
// x[i] = value, with PyTorch's rules (its copy_to): a tensor of the same
// shape is copied; a 0-dim tensor or a number fills; any other tensor
// loses its leading size-1 dims and is expanded to the view's shape (with
// expand's message if it can't be), then copied.
int write_into(Session *s, Tensor *view, const Value *value, int offset) {
    if (is_number(value)) {
        return tensor_fill_(view, (float)number(value)) < 0 ? raise_library_error(s) : 0;
    }
    if (value->kind != VALUE_TENSOR) {
        return raise_error(s, EXC_TYPE, offset, "can't assign a %s to a tensor",
                           value_type_name(value));
    }
    const Tensor *src = value->tensor;
    Shape shape = tensor_shape(view);
    bool same = src->ndim == view->ndim &&
                memcmp(src->shape, view->shape, sizeof(int64_t) * (size_t)view->ndim) == 0;
    int rc;
    if (same) {
        rc = tensor_copy_(view, src);
    } else if (src->ndim == 0) {
        rc = tensor_fill_(view, src->storage->data[src->offset]);
    } else {
        int lead = 0;
        while (lead < src->ndim && src->shape[lead] == 1) lead++;
        Tensor *stripped = tensor_on(src->storage, src->offset, src->ndim - lead,
                                     src->shape + lead, src->stride + lead);
        Tensor *expanded = stripped ? tensor_expand(stripped, shape) : NULL;
        rc = expanded ? tensor_copy_(view, expanded) : -1;
        tensor_free(expanded);
        tensor_free(stripped);
    }
    return rc < 0 ? raise_library_error(s) : 0;
}
//< operators-write
