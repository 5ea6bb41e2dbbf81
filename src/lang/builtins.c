//> builtins-includes
// The functions and methods of the language: where the interpreter meets
// the library. Each is declared by its PyTorch signature, written as text
// the way PyTorch's native_functions.yaml writes it (args.c reads them),
// and a C function that receives the arguments already checked.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dropout.h"
#include "elementwise.h"
#include "error.h"
#include "functional.h"
#include "lang/interp.h"
#include "reduce.h"
#include "view.h"
#include "views.h"
//< builtins-includes

//> builtins-results
// Every builtin ends by handing back a value: a tensor through
// return_tensor (errors.c), which checks the session's size limit; the
// rest through these.
static int int_result(int64_t i, Value *out) {
    *out = (Value){.kind = VALUE_INT, .int_value = i};
    return 0;
}

static int ints_result(Session *s, ValueKind kind, int n, const int64_t *values,
                       Value *out) {
    Value *items = calloc((size_t)(n ? n : 1), sizeof *items);
    if (items == NULL) return raise_error(s, EXC_RUNTIME, -1, "out of memory");
    for (int i = 0; i < n; i++) items[i] = (Value){.kind = VALUE_INT, .int_value = values[i]};
    *out = (Value){.kind = kind, .items = items, .count = n};
    return 0;
}
//< builtins-results

//> builtins-tensor-literal
// tensor([[1, 2], [3, 4]]): the shape is read off the first item at each
// depth, then every list is checked against it (PyTorch's messages).
static int literal_shape(Session *s, const Value *v, Shape *shape) {
    *shape = (Shape){0};
    for (; is_sequence(v); v = &v->items[0]) {
        if (shape->len < MAX_DIMS) shape->at[shape->len] = v->count;
        shape->len++;
        if (v->count == 0) break;
    }
    if (shape->len > MAX_DIMS) return shape_check(*shape) < 0 ? raise_library_error(s) : 0;
    return 0;
}

static int literal_fill(Session *s, const Value *v, const Shape *shape, int dim,
                        float *data, int64_t *n) {
    if (dim == shape->len) {
        if (v->kind == VALUE_INT) data[(*n)++] = (float)v->int_value;
        else if (v->kind == VALUE_FLOAT) data[(*n)++] = (float)v->float_value;
        else if (v->kind == VALUE_BOOL) data[(*n)++] = v->bool_value ? 1.0f : 0.0f;
        else if (v->kind == VALUE_TENSOR) {
            // A tensor item is a number to PyTorch (float(t)), which only
            // a tensor of one element is, whatever its dims.
            if (tensor_numel(v->tensor) != 1) {
                return raise_error(s, EXC_VALUE, -1, "only one element tensors can be "
                                   "converted to Python scalars");
            }
            int64_t zeros[MAX_DIMS] = {0};
            data[(*n)++] = v->tensor->storage->data[tensor_storage_index(v->tensor, zeros)];
        } else {
            return raise_error(s, EXC_TYPE, -1, "must be real number, not %s",
                               value_type_name(v));
        }
        return 0;
    }
    if (!is_sequence(v)) return raise_error(s, EXC_TYPE, -1, "not a sequence");
    if (v->count != shape->at[dim]) {
        return raise_error(s, EXC_VALUE, -1, "expected sequence of length %lld at dim %d "
                           "(got %d)", (long long)shape->at[dim], dim, v->count);
    }
    for (int i = 0; i < v->count; i++) {
        if (literal_fill(s, &v->items[i], shape, dim + 1, data, n) < 0) return -1;
    }
    return 0;
}

static int fn_tensor(Session *s, const Bound *b, Value *out) {
    Shape shape;
    if (b->arg[0]->kind == VALUE_TENSOR) {
        return return_tensor(s, tensor_clone(tensor_arg(b, 0)), out);  // a copy
    }
    if (literal_shape(s, b->arg[0], &shape) < 0 || check_shape_elements(s, shape) < 0) {
        return -1;
    }
    Tensor *t = tensor_empty(shape);
    if (t == NULL) return raise_library_error(s);
    int64_t n = 0;
    if (literal_fill(s, b->arg[0], &shape, 0, t->storage->data, &n) < 0) {
        tensor_free(t);
        return -1;
    }
    return return_tensor(s, t, out);
}
//< builtins-tensor-literal

//> builtins-constructors
// Constructors. The element count is checked before the library fills
// the tensor: arange's from its range, the others' from their shape.
static int fn_arange(Session *s, const Bound *b, Value *out) {
    double start = 0, end, step = 1;
    if (b->variant == 0) {
        end = float_arg(b, 0);
    } else {
        start = float_arg(b, 0);
        end = float_arg(b, 1);
        if (b->variant == 2) step = float_arg(b, 2);
    }
    // A count beyond int64 is the library's (PyTorch's) "invalid size,
    // possible overflow?", not the session's limit.
    double count = ceil((end - start) / step);
    if (count > (double)s->max_elements && count < (double)INT64_MAX) {
        return check_elements(s, (int64_t)count);
    }
    return return_tensor(s, tensor_arange(start, end, step), out);
}

static int fn_zeros(Session *s, const Bound *b, Value *out) {
    if (check_shape_elements(s, b->ints[0]) < 0) return -1;
    return return_tensor(s, tensor_zeros(b->ints[0]), out);
}

static int fn_ones(Session *s, const Bound *b, Value *out) {
    if (check_shape_elements(s, b->ints[0]) < 0) return -1;
    return return_tensor(s, tensor_ones(b->ints[0]), out);
}

static int fn_full(Session *s, const Bound *b, Value *out) {
    if (check_shape_elements(s, b->ints[0]) < 0) return -1;
    return return_tensor(s, tensor_full(b->ints[0], (float)float_arg(b, 1)), out);
}
//< builtins-constructors

//> builtins-like
// zeros_like(x), ones_like(x), full_like(x, fill_value): one C function for
// the three, which tells them apart by the name it was called by (as
// fn_unary does).
static int fn_like(Session *s, const Bound *b, Value *out) {
    /* BEGIN SOLUTION A.2 */
    const char *name = b->call->name;
    float value = strcmp(name, "zeros_like") == 0 ? 0.0f
                : strcmp(name, "ones_like") == 0 ? 1.0f : (float)float_arg(b, 1);
    // A clone is laid out as PyTorch lays out a tensor made like x: with
    // x's own strides when x's elements tile their memory, else densely,
    // dims in the order of x's strides. Only its values are x's, and
    // fill_ writes over those.
    Tensor *t = tensor_clone(tensor_arg(b, 0));
    if (t != NULL) tensor_fill_(t, value);
    return return_tensor(s, t, out);
    /* END SOLUTION */
    /* STUB
    // Exercise A.2: the new tensor, laid out as PyTorch lays it out.
    (void)b;
    (void)out;
    error_not_implemented("A.2");
    return raise_library_error(s);
    */
}
//< builtins-like

//> builtins-random
// rand(): uniform floats in [0, 1), from the session's generator: chapter
// 7's PCG32, so the numbers are reproducible after manual_seed(n) -- but
// they are not PyTorch's, which uses a Mersenne Twister and its own float
// recipe.
static int fn_manual_seed(Session *s, const Bound *b, Value *out) {
    s->rng = rng_new((uint64_t)int_arg(b, 0));
    *out = (Value){.kind = VALUE_NONE};
    return 0;
}

static int fn_rand(Session *s, const Bound *b, Value *out) {
    if (check_shape_elements(s, b->ints[0]) < 0) return -1;
    Tensor *t = tensor_empty(b->ints[0]);
    if (t == NULL) return raise_library_error(s);
    for (int64_t i = 0; i < t->storage->size; i++) {
        t->storage->data[i] = rng_uniform(&s->rng);
    }
    return return_tensor(s, t, out);
}
//< builtins-random

//> builtins-views
// The view family (chapters 3 and 4): each a new handle onto the same
// storage, by the library's functions.
static int m_view(Session *s, const Bound *b, Value *out) {
    return return_tensor(s, tensor_view(tensor_arg(b, 0), b->ints[1]), out);
}
static int m_reshape(Session *s, const Bound *b, Value *out) {
    return return_tensor(s, tensor_reshape(tensor_arg(b, 0), b->ints[1]), out);
}
static int m_contiguous(Session *s, const Bound *b, Value *out) {
    return return_tensor(s, tensor_contiguous(tensor_arg(b, 0)), out);
}
static int m_t(Session *s, const Bound *b, Value *out) {
    return return_tensor(s, tensor_t(tensor_arg(b, 0)), out);
}
static int m_transpose(Session *s, const Bound *b, Value *out) {
    return return_tensor(s, tensor_transpose(tensor_arg(b, 0), int_arg(b, 1), int_arg(b, 2)),
                         out);
}
static int m_permute(Session *s, const Bound *b, Value *out) {
    return return_tensor(s, tensor_permute(tensor_arg(b, 0), b->ints[1]), out);
}
static int m_unsqueeze(Session *s, const Bound *b, Value *out) {
    return return_tensor(s, tensor_unsqueeze(tensor_arg(b, 0), int_arg(b, 1)), out);
}
static int m_squeeze(Session *s, const Bound *b, Value *out) {
    const Tensor *t = tensor_arg(b, 0);
    return return_tensor(s, b->variant == 0 ? tensor_squeeze(t)
                         : tensor_squeeze_dim(t, int_arg(b, 1)), out);
}
static int m_expand(Session *s, const Bound *b, Value *out) {
    return return_tensor(s, tensor_expand(tensor_arg(b, 0), b->ints[1]), out);
}
static int m_broadcast_to(Session *s, const Bound *b, Value *out) {
    return return_tensor(s, tensor_broadcast_to(tensor_arg(b, 0), b->ints[1]), out);
}
static int m_narrow(Session *s, const Bound *b, Value *out) {
    return return_tensor(s, tensor_narrow(tensor_arg(b, 0), int_arg(b, 1), int_arg(b, 2),
                                          int_arg(b, 3)), out);
}
static int m_select(Session *s, const Bound *b, Value *out) {
    return return_tensor(s, tensor_select(tensor_arg(b, 0), int_arg(b, 1), int_arg(b, 2)),
                         out);
}
static int m_flatten(Session *s, const Bound *b, Value *out) {
    return return_tensor(s, tensor_flatten(tensor_arg(b, 0), int_arg(b, 1), int_arg(b, 2)),
                         out);
}
static int m_unflatten(Session *s, const Bound *b, Value *out) {
    return return_tensor(s, tensor_unflatten(tensor_arg(b, 0), int_arg(b, 1), b->ints[2]),
                         out);
}
static int m_as_strided(Session *s, const Bound *b, Value *out) {
    int64_t offset = none_arg(b, 3) ? AS_STRIDED_KEEP_OFFSET : int_arg(b, 3);
    return return_tensor(s, tensor_as_strided(tensor_arg(b, 0), b->ints[1], b->ints[2],
                                              offset), out);
}
//< builtins-views

//> builtins-metadata
// Questions about a tensor's layout, answered as Python values. x.size(d)
// needs a real dimension: a 0-dim tensor has none to ask about.
static int64_t checked_dim(Session *s, const Tensor *t, int64_t dim) {
    int64_t d = dim_wrap(dim, t->ndim);
    if (d < 0) return raise_library_error(s);
    if (t->ndim == 0) {
        return raise_error(s, EXC_INDEX, -1, "Dimension specified as %lld but tensor has "
                           "no dimensions", (long long)dim);
    }
    return d;
}

static int m_size(Session *s, const Bound *b, Value *out) {
    const Tensor *t = tensor_arg(b, 0);
    if (b->variant == 0) return ints_result(s, VALUE_SIZE, t->ndim, t->shape, out);
    int64_t d = checked_dim(s, t, int_arg(b, 1));
    return d < 0 ? -1 : int_result(t->shape[d], out);
}
static int m_stride(Session *s, const Bound *b, Value *out) {
    const Tensor *t = tensor_arg(b, 0);
    if (b->variant == 0) return ints_result(s, VALUE_TUPLE, t->ndim, t->stride, out);
    int64_t d = checked_dim(s, t, int_arg(b, 1));
    return d < 0 ? -1 : int_result(t->stride[d], out);
}
static int m_storage_offset(Session *s, const Bound *b, Value *out) {
    (void)s;
    return int_result(tensor_arg(b, 0)->offset, out);
}
static int m_numel(Session *s, const Bound *b, Value *out) {
    (void)s;
    return int_result(tensor_numel(tensor_arg(b, 0)), out);
}
static int m_dim(Session *s, const Bound *b, Value *out) {
    (void)s;
    return int_result(tensor_arg(b, 0)->ndim, out);
}
static int m_is_contiguous(Session *s, const Bound *b, Value *out) {
    (void)s;
    *out = (Value){.kind = VALUE_BOOL, .bool_value = tensor_is_contiguous(tensor_arg(b, 0))};
    return 0;
}
static int m_item(Session *s, const Bound *b, Value *out) {
    const Tensor *t = tensor_arg(b, 0);
    if (tensor_numel(t) != 1) {
        return raise_error(s, EXC_VALUE, -1, "only one element tensors can be converted "
                           "to Python scalars");
    }
    int64_t zeros[MAX_DIMS] = {0};
    float v = t->storage->data[tensor_storage_index(t, zeros)];
    *out = (Value){.kind = VALUE_FLOAT, .float_value = v};
    return 0;
}
// print(x) gives x back, so that the REPL shows it: Python would print it
// and give None, which shows the same on a screen (and is {"ok":true} in
// JSON, where print gives {"value": ...} instead).
static int fn_print(Session *s, const Bound *b, Value *out) {
    return check_library(s, value_copy(out, b->arg[0]));
}

// exit(), exit(3), quit(): Python's way out is an exception, SystemExit,
// which the front end catches and ends with its status: 0 for None, the
// number for an int (a bool is an int), else 1 with the value printed.
static int fn_exit(Session *s, const Bound *b, Value *out) {
    (void)out;
    const Value *code = b->arg[0];
    if (code->kind == VALUE_NONE || code->kind == VALUE_INT || code->kind == VALUE_BOOL) {
        int64_t status = code->kind == VALUE_NONE ? 0
                       : code->kind == VALUE_BOOL ? code->bool_value : code->int_value;
        s->exit_status = (int)(status & 0xFF);  // what a process status keeps of it
        return raise_error(s, EXC_SYSTEM_EXIT, -1, "%s", "");
    }
    char *repr = value_repr(code);
    s->exit_status = 1;
    int rc = raise_error(s, EXC_SYSTEM_EXIT, -1, "%s", repr ? repr : "?");
    free(repr);
    return rc;
}

static int fn_len(Session *s, const Bound *b, Value *out) {
    const Value *v = b->arg[0];
    if (is_sequence(v)) return int_result(v->count, out);
    if (v->kind == VALUE_TENSOR && v->tensor->ndim > 0) {
        return int_result(v->tensor->shape[0], out);
    }
    if (v->kind == VALUE_TENSOR) {
        return raise_error(s, EXC_TYPE, -1, "len() of a 0-d tensor");
    }
    return raise_error(s, EXC_TYPE, -1, "object of type '%s' has no len()",
                       value_type_name(v));
}
//< builtins-metadata

//> builtins-elementwise
// Elementwise functions (chapter 5), callable as relu(x), torch.relu(x)
// or x.relu(): one C function for all of them, which looks up its UnaryOp
// by the name it was called by; then clone, and the in-place writes
// x.fill_(v), x.zero_(), x.copy_(y).
static const struct {
    const char *name;
    UnaryOp     op;
} unary_ops[] = {
    {"relu", UNARY_RELU}, {"sigmoid", UNARY_SIGMOID}, {"tanh", UNARY_TANH},
    {"exp", UNARY_EXP},   {"log", UNARY_LOG},         {"abs", UNARY_ABS},
    {"sqrt", UNARY_SQRT}, {"neg", UNARY_NEG},
};

static int fn_unary(Session *s, const Bound *b, Value *out) {
    size_t i = 0;
    while (strcmp(unary_ops[i].name, b->call->name) != 0) i++;  // the table has it
    return return_tensor(s, tensor_unary(tensor_arg(b, 0), unary_ops[i].op), out);
}

static int fn_clone(Session *s, const Bound *b, Value *out) {
    return return_tensor(s, tensor_clone(tensor_arg(b, 0)), out);
}

// In place: the tensor written to is the very one the caller holds (a
// copy of the handle, sharing its storage), so a variable sees the change.
static int m_fill_(Session *s, const Bound *b, Value *out) {
    if (tensor_fill_(b->arg[0]->tensor, (float)float_arg(b, 1)) < 0) {
        return raise_library_error(s);
    }
    return return_tensor(s, tensor_alias(tensor_arg(b, 0)), out);
}
static int m_zero_(Session *s, const Bound *b, Value *out) {
    if (tensor_fill_(b->arg[0]->tensor, 0.0f) < 0) return raise_library_error(s);
    return return_tensor(s, tensor_alias(tensor_arg(b, 0)), out);
}
static int m_copy_(Session *s, const Bound *b, Value *out) {
    if (tensor_copy_(b->arg[0]->tensor, tensor_arg(b, 1)) < 0) return raise_library_error(s);
    return return_tensor(s, tensor_alias(tensor_arg(b, 0)), out);
}

//< builtins-elementwise

//> builtins-reductions
// sum and mean over all elements, one dim or several (dim=(0, 1)): the
// library reduces one dim at a time, so several are reduced one after
// another, innermost first, so that the dims still to come keep their
// numbers.
typedef Tensor *(*ReduceDim)(const Tensor *t, int64_t dim, bool keepdim);

static int reduce_dims(Session *s, const Bound *b, Tensor *(*all)(const Tensor *),
                       ReduceDim one, Value *out) {
    const Tensor *t = tensor_arg(b, 0);
    IntList dims = b->ints[1];
    if (b->variant == 0 || (dims.len == 0 && t->ndim == 0)) {
        return return_tensor(s, all(t), out);
    }
    if (dims.len > MAX_DIMS) return raise_error(s, EXC_INDEX, -1, "too many dims");
    bool keepdim = bool_arg(b, 2), seen[MAX_DIMS] = {false};
    for (int d = 0; dims.len == 0 && d < t->ndim; d++) seen[d] = true;  // dim=(): all
    int64_t wrapped[MAX_DIMS];
    for (int i = 0; i < dims.len; i++) {
        if ((wrapped[i] = dim_wrap(dims.at[i], t->ndim)) < 0) return raise_library_error(s);
        if (seen[wrapped[i]]) {
            return raise_error(s, EXC_RUNTIME, -1, "dim %lld appears multiple times in the "
                               "list of dims", (long long)wrapped[i]);
        }
        seen[wrapped[i]] = true;
    }
    Tensor *result = tensor_alias(t);
    for (int d = MAX_DIMS - 1; d >= 0 && result; d--) {
        if (!seen[d]) continue;
        Tensor *next = one(result, t->ndim ? d : 0, keepdim);
        tensor_free(result);
        result = next;
    }
    return return_tensor(s, result, out);
}

static int fn_sum(Session *s, const Bound *b, Value *out) {
    return reduce_dims(s, b, tensor_sum, tensor_sum_dim, out);
}
static int fn_mean(Session *s, const Bound *b, Value *out) {
    return reduce_dims(s, b, tensor_mean, tensor_mean_dim, out);
}

// x.max() is a tensor; x.max(dim) a named tuple (values, indices), as
// PyTorch's torch.return_types.max.
static const char *const max_fields[] = {"values", "indices"};

static int fn_max(Session *s, const Bound *b, Value *out) {
    if (b->variant == 0) return return_tensor(s, tensor_max(tensor_arg(b, 0)), out);
    Tensor *values, *indices;
    int rc = tensor_max_dim(tensor_arg(b, 0), int_arg(b, 1), bool_arg(b, 2), &values,
                            &indices);
    if (rc < 0) return raise_library_error(s);
    Value *items = calloc(2, sizeof *items);
    if (items == NULL) {
        tensor_free(values);
        tensor_free(indices);
        return raise_error(s, EXC_RUNTIME, -1, "out of memory");
    }
    items[0] = (Value){.kind = VALUE_TENSOR, .tensor = values};
    items[1] = (Value){.kind = VALUE_TENSOR, .tensor = indices};
    *out = (Value){.kind = VALUE_TUPLE, .items = items, .count = 2,
                   .type_name = "torch.return_types.max", .field_names = max_fields};
    return 0;
}

static int fn_argmax(Session *s, const Bound *b, Value *out) {
    const Tensor *t = tensor_arg(b, 0);
    if (none_arg(b, 1)) {
        Tensor *index = tensor_argmax(t);
        // argmax(keepdim=True) with no dim keeps every dim, each of size 1.
        if (index && bool_arg(b, 2) && t->ndim > 0) {
            int64_t ones[MAX_DIMS] = {1, 1, 1, 1, 1, 1, 1, 1};
            Tensor *kept = tensor_view(index, intlist_of(ones, (size_t)t->ndim));
            tensor_free(index);
            index = kept;
        }
        return return_tensor(s, index, out);
    }
    return return_tensor(s, tensor_argmax_dim(t, int_arg(b, 1), bool_arg(b, 2)), out);
}
//< builtins-reductions

//> builtins-matmul-softmax
static int fn_matmul(Session *s, const Bound *b, Value *out) {
    return matmul_values(s, tensor_arg(b, 0), tensor_arg(b, 1), out);
}

// softmax(x, dim): chapter 6's F_softmax, which subtracts the maximum along
// dim before exponentiating, so that no exponential can overflow.
static int fn_softmax(Session *s, const Bound *b, Value *out) {
    return return_tensor(s, F_softmax(tensor_arg(b, 0), int_arg(b, 1)), out);
}
//< builtins-matmul-softmax

//> builtins-dropout
// Dropout (chapter 8). F.dropout(input, p=0.5, training=True,
// inplace=False), also spelled dropout(...), and torch.dropout(input, p,
// train); nn.Dropout(p, inplace) modules, which are values: d(x),
// d.train(), d.eval(), d.training. All of them draw from the session's
// generator, so manual_seed(n) fixes their masks.
//
// F.dropout and nn.Dropout check p in Python before anything else, with
// a ValueError that shows p as it was given ("got 2", "got 1.5"). A nan
// passes that check, as in Python, and the library refuses it.
static int check_dropout_p(Session *s, const Value *p) {
    double v = number(p);
    if (!(v < 0 || v > 1)) return 0;
    char *repr = value_repr(p);
    int rc = raise_error(s, EXC_VALUE, -1, "dropout probability has to be between 0 and 1, "
                         "but got %s", repr ? repr : "?");
    free(repr);
    return rc;
}

// Every dropout runs here, by a module's forward or by the function. The
// call's record (lang.h's CallRecord) holds the generator as it was before,
// for anyone who wants the mask again.
static int run_dropout(Session *s, Tensor *x, double p, bool training, bool inplace,
                       Module *module, Value *out) {
    Tensor *y;
    if (module) y = module_call(module, x);  // it draws from s->rng too
    else if (!inplace) y = F_dropout(x, p, training, &s->rng);
    else y = F_dropout_(x, p, training, &s->rng) == 0 ? tensor_alias(x) : NULL;
    if (y == NULL) return raise_library_error(s);
    return return_tensor(s, y, out);
}

static int fn_dropout(Session *s, const Bound *b, Value *out) {
    if (check_dropout_p(s, b->arg[1]) < 0) return -1;
    bool inplace = b->variant == 0 && bool_arg(b, 3);  // torch.dropout has no inplace
    return run_dropout(s, b->arg[0]->tensor, float_arg(b, 1), bool_arg(b, 2), inplace,
                       NULL, out);
}

// nn.Dropout(p): chapter 8's module, drawing from the session's generator
// (which outlives it: a module value can't be called without its session).
static int fn_Dropout(Session *s, const Bound *b, Value *out) {
    if (check_dropout_p(s, b->arg[0]) < 0) return -1;
    Module *m = nn_Dropout(float_arg(b, 0), bool_arg(b, 1), &s->rng);
    if (m == NULL) return raise_library_error(s);
    *out = (Value){.kind = VALUE_MODULE, .module = m, .module_p = float_arg(b, 0),
                   .module_inplace = bool_arg(b, 1)};
    return 0;
}

// d.train(mode), d.eval(): set the flag and give the module back, as
// PyTorch returns self (the same module: every name for it sees the flag).
static int m_train(Session *s, const Bound *b, Value *out) {
    module_train(b->arg[0]->module, bool_arg(b, 1));
    return check_library(s, value_copy(out, b->arg[0]));
}
static int m_eval(Session *s, const Bound *b, Value *out) {
    module_eval(b->arg[0]->module);
    return check_library(s, value_copy(out, b->arg[0]));
}

// d(x) is d.forward(x): the module's own forward, with its own flag.
static int m_forward(Session *s, const Bound *b, Value *out) {
    const Value *d = b->arg[0];
    return run_dropout(s, b->arg[1]->tensor, d->module_p, d->module->training,
                       d->module_inplace, d->module, out);
}
//< builtins-dropout

//> builtins-table
// The table: every function and method, by PyTorch's name, with its
// signatures. FUNCTION: callable as f(...), torch.f(...), F.f(...);
// METHOD: as x.f(...), the tensor x passed as the first parameter;
// MODULE_METHOD: as d.f(...), for a module d.
enum { FUNCTION = 1, METHOD = 2, BOTH = FUNCTION | METHOD, MODULE_METHOD = 4 };

typedef int (*BuiltinFn)(Session *s, const Bound *b, Value *out);

typedef struct Builtin {
    const char *name;
    int         how;
    const char *signatures[MAX_SIGNATURES + 1];  // NULL-terminated
    BuiltinFn   fn;
} Builtin;

static const Builtin builtins[] = {
    // Constructors (chapters 2 and 5), and rand's generator.
    {"arange", FUNCTION, {"float end", "float start, float end",
                          "float start, float end, float step"}, fn_arange},
    {"zeros", FUNCTION, {"int... size"}, fn_zeros},
    {"ones", FUNCTION, {"int... size"}, fn_ones},
    {"full", FUNCTION, {"int[] size, float fill_value"}, fn_full},
    {"zeros_like", FUNCTION, {"Tensor input"}, fn_like},
    {"ones_like", FUNCTION, {"Tensor input"}, fn_like},
    {"full_like", FUNCTION, {"Tensor input, float fill_value"}, fn_like},
    {"tensor", FUNCTION, {"object data"}, fn_tensor},
    {"rand", FUNCTION, {"int... size"}, fn_rand},
    {"manual_seed", FUNCTION, {"int seed"}, fn_manual_seed},
    {"len", FUNCTION, {"object obj"}, fn_len},
    {"print", FUNCTION, {"object value"}, fn_print},
    {"exit", FUNCTION, {"object code=None"}, fn_exit},
    {"quit", FUNCTION, {"object code=None"}, fn_exit},
    // Views (chapters 3 and 4).
    {"view", METHOD, {"Tensor self, int... size"}, m_view},
    {"reshape", BOTH, {"Tensor input, int... shape"}, m_reshape},
    {"contiguous", METHOD, {"Tensor self"}, m_contiguous},
    {"t", BOTH, {"Tensor input"}, m_t},
    {"transpose", BOTH, {"Tensor input, int dim0, int dim1"}, m_transpose},
    {"permute", BOTH, {"Tensor input, int... dims"}, m_permute},
    {"unsqueeze", BOTH, {"Tensor input, int dim"}, m_unsqueeze},
    {"squeeze", BOTH, {"Tensor input", "Tensor input, int dim"}, m_squeeze},
    {"expand", METHOD, {"Tensor self, int... size"}, m_expand},
    {"broadcast_to", BOTH, {"Tensor input, int[] size"}, m_broadcast_to},
    {"narrow", BOTH, {"Tensor input, int dim, int start, int length"}, m_narrow},
    {"select", BOTH, {"Tensor input, int dim, int index"}, m_select},
    {"flatten", BOTH, {"Tensor input, int start_dim=0, int end_dim=-1"}, m_flatten},
    {"unflatten", BOTH, {"Tensor input, int dim, int[] sizes"}, m_unflatten},
    {"as_strided", BOTH, {"Tensor input, int[] size, int[] stride, "
                          "int? storage_offset=None"}, m_as_strided},
    // Questions about the layout.
    {"size", METHOD, {"Tensor self", "Tensor self, int dim"}, m_size},
    {"stride", METHOD, {"Tensor self", "Tensor self, int dim"}, m_stride},
    {"storage_offset", METHOD, {"Tensor self"}, m_storage_offset},
    {"numel", BOTH, {"Tensor input"}, m_numel},
    {"dim", METHOD, {"Tensor self"}, m_dim},
    {"is_contiguous", METHOD, {"Tensor self"}, m_is_contiguous},
    {"item", METHOD, {"Tensor self"}, m_item},
    // Elementwise, in place, and copies (chapter 5).
    {"relu", BOTH, {"Tensor input"}, fn_unary},
    {"sigmoid", BOTH, {"Tensor input"}, fn_unary},
    {"tanh", BOTH, {"Tensor input"}, fn_unary},
    {"exp", BOTH, {"Tensor input"}, fn_unary},
    {"log", BOTH, {"Tensor input"}, fn_unary},
    {"abs", BOTH, {"Tensor input"}, fn_unary},
    {"sqrt", BOTH, {"Tensor input"}, fn_unary},
    {"neg", BOTH, {"Tensor input"}, fn_unary},
    {"clone", BOTH, {"Tensor input"}, fn_clone},
    {"fill_", METHOD, {"Tensor self, float value"}, m_fill_},
    {"zero_", METHOD, {"Tensor self"}, m_zero_},
    {"copy_", METHOD, {"Tensor self, Tensor src"}, m_copy_},
    // Reductions (chapter 5), matmul (chapter 5), softmax (chapter 6).
    {"sum", BOTH, {"Tensor input", "Tensor input, int[1] dim, bool keepdim=False"}, fn_sum},
    {"mean", BOTH, {"Tensor input", "Tensor input, int[1] dim, bool keepdim=False"}, fn_mean},
    {"max", BOTH, {"Tensor input", "Tensor input, int dim, bool keepdim=False"}, fn_max},
    {"argmax", BOTH, {"Tensor input, int? dim=None, bool keepdim=False"}, fn_argmax},
    {"matmul", BOTH, {"Tensor input, Tensor other"}, fn_matmul},
    {"softmax", BOTH, {"Tensor input, int dim"}, fn_softmax},
    // Dropout (chapter 8): F.dropout (first) and torch.dropout; nn.Dropout.
    {"dropout", FUNCTION, {"Tensor input, float p=0.5, bool training=True, bool inplace=False",
                           "Tensor input, float p, bool train"}, fn_dropout},
    {"Dropout", FUNCTION, {"float p=0.5, bool inplace=False"}, fn_Dropout},
    {"train", MODULE_METHOD, {"Module self, bool mode=True"}, m_train},
    {"eval", MODULE_METHOD, {"Module self"}, m_eval},
    {"forward", MODULE_METHOD, {"Module self, Tensor input"}, m_forward},
};
enum { NBUILTINS = sizeof builtins / sizeof builtins[0] };

static const Builtin *find_builtin(const char *name, int how) {
    for (int i = 0; i < NBUILTINS; i++) {
        if ((builtins[i].how & how) && strcmp(builtins[i].name, name) == 0) {
            return &builtins[i];
        }
    }
    return NULL;
}

bool is_builtin_function(const char *name) { return find_builtin(name, FUNCTION) != NULL; }
bool is_builtin_method(const char *name) { return find_builtin(name, METHOD) != NULL; }
bool is_module_method(const char *name) { return find_builtin(name, MODULE_METHOD) != NULL; }
//< builtins-table

//> builtins-call
// Tell the session's call hook (lang.h) what was called, with what, and
// how it went. `bound` is NULL when the arguments did not fit.
static void report_call(Session *s, const CallArgs *call, const Bound *bound,
                        const Value *result, Rng before) {
    if (s->call_hook == NULL) return;
    Value args[MAX_PARAMS];  // borrowed: shallow copies of the bound values
    CallRecord record = {.op = call->name, .receiver = call->self, .result = result,
                         .error = result ? ERR_NONE : s->error.library, .rng_before = before,
                         .args = call->positional, .nargs = call->npositional};
    if (bound) {
        record.nargs = 0;
        for (int i = call->self ? 1 : 0; i < bound->count; i++) {
            args[record.nargs++] = *bound->arg[i];
        }
        record.args = args;
    }
    s->call_hook(&record, s->call_context);
}

int call_builtin(Session *s, const CallArgs *call, Value *result) {
    int how = !call->self ? FUNCTION : call->self->kind == VALUE_MODULE ? MODULE_METHOD : METHOD;
    const Builtin *builtin = find_builtin(call->name, how);
    Rng before = s->rng;
    Bound bound;
    if (bind_arguments(s, call, builtin->signatures, &bound) < 0) {
        s->error.offset = call->offset;
        report_call(s, call, NULL, NULL, before);
        return -1;
    }
    int rc = builtin->fn(s, &bound, result);
    report_call(s, call, &bound, rc == 0 ? result : NULL, before);
    return rc;
}
//< builtins-call

//> builtins-attributes
// Attributes: x.shape (torch.Size), x.T (all dims reversed), x.ndim; the
// fields of a named tuple, x.max(0).values; a module's d.training, and a
// dropout's d.p and d.inplace.
static int module_attribute(Session *s, const Value *d, const char *name, int offset,
                            Value *result) {
    if (strcmp(name, "training") == 0) {
        *result = (Value){.kind = VALUE_BOOL, .bool_value = d->module->training};
    } else if (strcmp(name, "p") == 0) {
        *result = (Value){.kind = VALUE_FLOAT, .float_value = d->module_p};
    } else if (strcmp(name, "inplace") == 0) {
        *result = (Value){.kind = VALUE_BOOL, .bool_value = d->module_inplace};
    } else if (is_module_method(name)) {
        return raise_error(s, EXC_TYPE, offset, "'%s' is a method: call it, as in "
                           "d.%s(...)", name, name);
    } else {
        return raise_error(s, EXC_ATTRIBUTE, offset, "'%s' object has no attribute '%s'",
                           value_type_name(d), name);
    }
    return 0;
}

int get_attribute(Session *s, const Value *object, const char *name, int offset,
                  Value *result) {
    if (object->kind == VALUE_MODULE) return module_attribute(s, object, name, offset, result);
    if (object->kind == VALUE_TENSOR) {
        const Tensor *t = object->tensor;
        if (strcmp(name, "shape") == 0) {
            return ints_result(s, VALUE_SIZE, t->ndim, t->shape, result);
        }
        if (strcmp(name, "ndim") == 0) return int_result(t->ndim, result);
        if (strcmp(name, "T") == 0) {
            int64_t reversed[MAX_DIMS];
            for (int d = 0; d < t->ndim; d++) reversed[d] = t->ndim - 1 - d;
            return return_tensor(s, tensor_permute(t, intlist_of(reversed, (size_t)t->ndim)),
                                 result);
        }
        if (is_builtin_method(name)) {
            return raise_error(s, EXC_TYPE, offset, "'%s' is a method: call it, as in "
                               "x.%s(...)", name, name);
        }
    }
    if (object->kind == VALUE_TUPLE && object->type_name) {
        for (int i = 0; i < object->count; i++) {
            if (strcmp(object->field_names[i], name) == 0) {
                return check_library(s, value_copy(result, &object->items[i]));
            }
        }
    }
    return raise_error(s, EXC_ATTRIBUTE, offset, "'%s' object has no attribute '%s'",
                       value_type_name(object), name);
}
//< builtins-attributes

//> builtins-completion
// Names for the REPL's tab completion: the i-th match of `prefix`. After
// a '.', the methods and attributes of tensors and of modules.
static const char *const completed_attributes[] = {"shape", "T", "ndim", "training"};

const char *session_complete(const Session *s, const char *prefix, bool method, int i) {
    size_t n = strlen(prefix);
    const char *name;
    if (!method) {
        for (int v = 0; v < s->nvars; v++) {
            name = s->vars[v].name;
            if (strncmp(name, prefix, n) == 0 && i-- == 0) return name;
        }
    } else {
        for (size_t a = 0; a < sizeof completed_attributes / sizeof *completed_attributes; a++) {
            if (strncmp(completed_attributes[a], prefix, n) == 0 && i-- == 0) {
                return completed_attributes[a];
            }
        }
    }
    for (int b = 0; b < NBUILTINS; b++) {
        if (!(builtins[b].how & (method ? METHOD | MODULE_METHOD : FUNCTION))) continue;
        if (strncmp(builtins[b].name, prefix, n) == 0 && i-- == 0) return builtins[b].name;
    }
    return NULL;
}
//< builtins-completion
