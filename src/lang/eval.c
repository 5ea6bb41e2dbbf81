//> eval-includes
// The evaluator: walks a statement's tree and computes its value, calling
// into the library for everything a tensor does. The tree is small and
// already checked for depth, so plain recursion is the whole design.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "lang/interp.h"
#include "views.h"
//< eval-includes


//> eval-variables
// Variables: a short array searched by name. Sessions hold a handful of
// names, so a linear search is both the simplest and fast enough.
static Variable *find_variable(const Session *s, const char *name) {
    for (int i = 0; i < s->nvars; i++) {
        if (strcmp(s->vars[i].name, name) == 0) return &s->vars[i];
    }
    return NULL;
}

// Bind `name` to `value`, which the session takes over (even on failure).
static int assign(Session *s, const char *name, Value *value) {
    Variable *var = find_variable(s, name);
    if (var == NULL) {
        if (s->nvars == s->capvars) {
            int cap = s->capvars ? 2 * s->capvars : 8;
            Variable *bigger = realloc(s->vars, (size_t)cap * sizeof *bigger);
            if (bigger == NULL) {
                value_free(value);
                return raise_error(s, EXC_RUNTIME, -1, "out of memory");
            }
            s->vars = bigger;
            s->capvars = cap;
        }
        char *copy = malloc(strlen(name) + 1);
        if (copy == NULL) {
            value_free(value);
            return raise_error(s, EXC_RUNTIME, -1, "out of memory");
        }
        strcpy(copy, name);
        var = &s->vars[s->nvars++];
        *var = (Variable){.name = copy};
    }
    value_free(&var->value);
    var->value = *value;
    *value = (Value){.kind = VALUE_NONE};
    free(s->last_assigned);
    s->last_assigned = malloc(strlen(name) + 1);
    if (s->last_assigned) strcpy(s->last_assigned, name);
    return 0;
}
//< eval-variables

//> eval-names
// A name is a variable, or else one of the functions (whose name alone,
// uncalled, is almost always a slip), or else Python's NameError.
static int eval(Session *s, const Expr *e, Value *out);

static bool is_module_name(const char *name) {
    return strcmp(name, "torch") == 0 || strcmp(name, "F") == 0 || strcmp(name, "nn") == 0;
}

static int eval_name(Session *s, const Expr *e, Value *out) {
    const Variable *var = find_variable(s, e->name);
    if (var) return check_library(s, value_copy(out, &var->value));
    if (is_builtin_function(e->name)) {
        return raise_error(s, EXC_TYPE, e->offset, "'%s' is a function: call it, as in "
                           "%s(...)", e->name, e->name);
    }
    if (is_module_name(e->name)) {
        return raise_error(s, EXC_TYPE, e->offset, "'%s' is a module: use its functions, "
                           "as in torch.arange(12)", e->name);
    }
    return raise_error(s, EXC_NAME, e->offset, "name '%s' is not defined", e->name);
}
//< eval-names

//> eval-sequences
// Evaluate `count` expressions into a fresh array of values. On failure
// nothing is left allocated.
static int eval_all(Session *s, Expr *const *exprs, int count, Value **out) {
    *out = calloc((size_t)(count ? count : 1), sizeof **out);
    if (*out == NULL) return raise_error(s, EXC_RUNTIME, -1, "out of memory");
    for (int i = 0; i < count; i++) {
        if (eval(s, exprs[i], &(*out)[i]) < 0) {
            for (int j = 0; j < i; j++) value_free(&(*out)[j]);
            free(*out);
            *out = NULL;
            return -1;
        }
    }
    return 0;
}

// A list or tuple display, [a, b] or (a, b): its items may be lists
// themselves, so it is checked against the limits as it grows.
static int eval_sequence(Session *s, const Expr *e, ValueKind kind, Value *out) {
    Value sequence = {.kind = kind, .items = calloc((size_t)e->count + 1, sizeof(Value))};
    if (sequence.items == NULL) return raise_error(s, EXC_RUNTIME, -1, "out of memory");
    int64_t items = e->count, elements = 0;
    for (int i = 0; i < e->count; i++) {
        if (eval(s, e->items[i], &sequence.items[i]) < 0) {
            value_free(&sequence);
            return -1;
        }
        sequence.count++;
        sequence_size(&sequence.items[i], &items, &elements);
        if (check_sequence(s, kind, items, elements) < 0) {
            value_free(&sequence);
            return -1;
        }
    }
    *out = sequence;
    return 0;
}
//< eval-sequences

//> eval-arguments
// A call's arguments, evaluated: positional ones first (the parser made
// sure they come first), then the keywords' values, with their names.
typedef struct Arguments {
    CallArgs     call;
    Value       *positional, *keywords;
    const char **names;
} Arguments;

static void free_arguments(Arguments *a) {
    for (int i = 0; a->positional && i < a->call.npositional; i++) {
        value_free(&a->positional[i]);
    }
    for (int i = 0; a->keywords && i < a->call.nkeywords; i++) value_free(&a->keywords[i]);
    free(a->positional);
    free(a->keywords);
    free(a->names);
}

static int eval_arguments(Session *s, const Expr *e, Arguments *a) {
    *a = (Arguments){0};
    int npositional = 0;
    while (npositional < e->count && e->items[npositional]->kind != EXPR_KEYWORD) {
        npositional++;
    }
    int nkeywords = e->count - npositional;
    Expr **values = calloc((size_t)nkeywords + 1, sizeof *values);
    a->names = calloc((size_t)nkeywords + 1, sizeof *a->names);
    if (values == NULL || a->names == NULL) {
        free(values);
        free(a->names);
        return raise_error(s, EXC_RUNTIME, -1, "out of memory");
    }
    for (int i = 0; i < nkeywords; i++) {
        a->names[i] = e->items[npositional + i]->name;
        values[i] = e->items[npositional + i]->right;
    }
    int rc = eval_all(s, e->items, npositional, &a->positional);
    a->call.npositional = npositional;  // so free_arguments knows how many
    if (rc == 0) rc = eval_all(s, values, nkeywords, &a->keywords);
    a->call.nkeywords = nkeywords;
    free(values);
    if (rc < 0) {
        free_arguments(a);
        return -1;
    }
    a->call.positional = a->positional;
    a->call.keywords = a->keywords;
    a->call.names = a->names;
    return 0;
}
//< eval-arguments

//> eval-calls
// A call is `f(...)`, `torch.f(...)` / `F.f(...)` (the same functions
// under PyTorch's module names, so pasted code works), a method call
// `x.f(...)`, or a module called as a function, `d(x)`, which is its
// method `d.forward(x)`. Arguments are evaluated left to right, keywords
// after.
static const char *module_function(const Session *s, const Expr *callee) {
    // torch.relu, F.relu, nn.functional.relu, torch.nn.functional.relu
    if (callee->kind != EXPR_ATTR) return NULL;
    const Expr *m = callee->left;
    while (m->kind == EXPR_ATTR && (strcmp(m->name, "functional") == 0 ||
                                    strcmp(m->name, "nn") == 0)) {
        m = m->left;
    }
    if (m->kind != EXPR_NAME || !is_module_name(m->name)) return NULL;
    if (find_variable(s, m->name)) return NULL;  // a variable named F wins
    return callee->name;
}

// Calling a value: a module runs its forward (`self` takes the value
// over); anything else is not callable.
static int call_value(Session *s, Value *v, int offset, Value *self, CallArgs *call) {
    if (v->kind != VALUE_MODULE) {
        int rc = raise_error(s, EXC_TYPE, offset, "'%s' object is not callable",
                             value_type_name(v));
        value_free(v);
        return rc;
    }
    *self = *v;
    call->name = "forward";
    call->self = self;
    return 0;
}

static bool has_method(const Value *self, const char *name) {
    return self->kind == VALUE_TENSOR ? is_builtin_method(name)
         : self->kind == VALUE_MODULE && is_module_method(name);
}

static int eval_call(Session *s, const Expr *e, Value *out) {
    const Expr *callee = e->left;
    CallArgs call = {.offset = callee->offset};
    Value self = {.kind = VALUE_NONE};

    if (callee->kind == EXPR_NAME) {
        const Variable *var = find_variable(s, callee->name);
        if (var) {
            Value v;
            if (check_library(s, value_copy(&v, &var->value)) < 0 ||
                call_value(s, &v, callee->offset, &self, &call) < 0) {
                return -1;
            }
        } else if (!is_builtin_function(callee->name)) {
            if (is_builtin_method(callee->name)) {
                return raise_error(s, EXC_NAME, callee->offset, "name '%s' is not defined "
                                   "(it is a method: x.%s(...))", callee->name, callee->name);
            }
            return raise_error(s, EXC_NAME, callee->offset, "name '%s' is not defined",
                               callee->name);
        } else {
            call.name = callee->name;
        }
    } else if ((call.name = module_function(s, callee)) != NULL) {
        if (!is_builtin_function(call.name)) {
            return raise_error(s, EXC_ATTRIBUTE, callee->offset, "module 'torch' has no "
                               "attribute '%s'", call.name);
        }
    } else if (callee->kind == EXPR_ATTR) {
        if (eval(s, callee->left, &self) < 0) return -1;
        if (!has_method(&self, callee->name)) {
            // Not a method: an attribute (x.shape(0)), or no such thing.
            Value attribute;
            int rc = get_attribute(s, &self, callee->name, callee->offset, &attribute);
            if (rc == 0) {
                rc = raise_error(s, EXC_TYPE, callee->offset, "'%s' object is not callable",
                                 value_type_name(&attribute));
                value_free(&attribute);
            }
            value_free(&self);
            return rc;
        }
        call.name = callee->name;
        call.self = &self;
    } else {  // nn.Dropout(0.5)(x)
        Value v;
        if (eval(s, callee, &v) < 0 || call_value(s, &v, callee->offset, &self, &call) < 0) {
            return -1;
        }
    }

    int rc = -1;
    Arguments args;
    if (eval_arguments(s, e, &args) == 0) {
        args.call.name = call.name;
        args.call.offset = call.offset;
        args.call.self = call.self;
        rc = call_builtin(s, &args.call, out);
        free_arguments(&args);
    }
    value_free(&self);
    return rc;
}
//< eval-calls

//> eval-subscripts
// The subscripts of x[...], evaluated into chapter 4's IndexItems: an int,
// a slice (each part an int or None), None (a new dim), or `...`.
static int slice_part(Session *s, const Expr *e, bool *given, int64_t *value) {
    *given = false;
    if (e == NULL) return 0;
    Value v;
    if (eval(s, e, &v) < 0) return -1;
    if (v.kind == VALUE_INT) {
        *given = true;
        *value = v.int_value;
    } else if (v.kind != VALUE_NONE) {
        int rc = raise_error(s, EXC_TYPE, e->offset, "slice indices must be integers or "
                             "None, not %s", value_type_name(&v));
        value_free(&v);
        return rc;
    }
    return 0;
}

static int eval_subscript(Session *s, const Expr *e, IndexItem *item) {
    if (e->kind == EXPR_ELLIPSIS) {
        *item = IX_ELLIPSIS;
        return 0;
    }
    if (e->kind == EXPR_SLICE) {
        Slice slice = {.step = 1};
        bool has_step;
        if (slice_part(s, e->items[0], &slice.has_start, &slice.start) < 0 ||
            slice_part(s, e->items[1], &slice.has_stop, &slice.stop) < 0 ||
            slice_part(s, e->items[2], &has_step, &slice.step) < 0) {
            return -1;
        }
        if (!has_step) slice.step = 1;
        *item = IX_SLICE(slice);
        return 0;
    }
    Value v;
    if (eval(s, e, &v) < 0) return -1;
    if (v.kind == VALUE_INT) {
        *item = IX_INT(v.int_value);
        return 0;
    }
    if (v.kind == VALUE_NONE) {
        *item = IX_NONE;
        return 0;
    }
    int rc = raise_error(s, EXC_INDEX, e->offset, "only integers, slices (`:`), ellipsis "
                         "(`...`), None and long or byte Variables are valid indices "
                         "(got %s)", value_type_name(&v));
    value_free(&v);
    return rc;
}

// x[...] on a tensor: a view, by chapter 4's tensor_index().
static int index_tensor(Session *s, const Tensor *t, const Expr *e, Tensor **out) {
    IndexItem *items = calloc((size_t)e->count, sizeof *items);
    if (items == NULL) return raise_error(s, EXC_RUNTIME, -1, "out of memory");
    int rc = 0;
    for (int i = 0; i < e->count && rc == 0; i++) {
        rc = eval_subscript(s, e->items[i], &items[i]);
    }
    if (rc == 0 && (*out = tensor_index(t, e->count, items)) == NULL) {
        rc = raise_library_error(s);
    }
    free(items);
    return rc;
}
//< eval-subscripts

//> eval-sequence-index
// t[i] and t[a:b:c] on a tuple, list or torch.Size, with Python's rules
// (negative indices count from the end; slices clamp, may step backwards).
static int index_sequence(Session *s, const Value *seq, const Expr *e, Value *out) {
    const char *kind = seq->kind == VALUE_LIST ? "list" : "tuple";
    if (e->count != 1 || e->items[0]->kind == EXPR_ELLIPSIS) {
        return raise_error(s, EXC_TYPE, e->offset, "%s indices must be integers or "
                           "slices, not %s", kind, e->count != 1 ? "tuple" : "ellipsis");
    }
    const Expr *sub = e->items[0];
    int64_t n = seq->count;
    if (sub->kind != EXPR_SLICE) {
        IndexItem item;
        if (eval_subscript(s, sub, &item) < 0) return -1;
        if (item.kind != INDEX_INT) {
            return raise_error(s, EXC_TYPE, sub->offset, "%s indices must be integers or "
                               "slices, not NoneType", kind);
        }
        int64_t i = item.index < 0 ? item.index + n : item.index;
        if (i < 0 || i >= n) {
            return raise_error(s, EXC_INDEX, sub->offset, "%s index out of range", kind);
        }
        return check_library(s, value_copy(out, &seq->items[i]));
    }
    IndexItem item;
    if (eval_subscript(s, sub, &item) < 0) return -1;
    Slice sl = item.slice;
    if (sl.step == 0) {
        return raise_error(s, EXC_VALUE, sub->offset, "slice step cannot be zero");
    }
    // CPython's PySlice_AdjustIndices, for either direction of step.
    int64_t lo = sl.step < 0 ? -1 : 0, hi = sl.step < 0 ? n - 1 : n;
    int64_t start = sl.has_start ? sl.start : (sl.step < 0 ? hi : lo);
    int64_t stop = sl.has_stop ? sl.stop : (sl.step < 0 ? lo : hi);
    if (sl.has_start) {
        start = start < 0 ? (start + n < lo ? lo : start + n) : (start > hi ? hi : start);
    }
    if (sl.has_stop) {
        stop = stop < 0 ? (stop + n < lo ? lo : stop + n) : (stop > hi ? hi : stop);
    }
    Value picked = {.kind = seq->kind, .items = calloc((size_t)(n ? n : 1), sizeof(Value))};
    if (picked.items == NULL) return raise_error(s, EXC_RUNTIME, -1, "out of memory");
    for (int64_t i = start; sl.step > 0 ? i < stop : i > stop; i += sl.step) {
        if (check_library(s, value_copy(&picked.items[picked.count], &seq->items[i])) < 0) {
            value_free(&picked);
            return -1;
        }
        picked.count++;
        if (sl.step < 0 && i < INT64_MIN - sl.step) break;
        if (sl.step > 0 && i > INT64_MAX - sl.step) break;
    }
    *out = picked;
    return 0;
}

static int eval_index(Session *s, const Expr *e, Value *out) {
    Value object;
    if (eval(s, e->left, &object) < 0) return -1;
    int rc;
    if (object.kind == VALUE_TENSOR) {
        Tensor *t = NULL;
        rc = index_tensor(s, object.tensor, e, &t);
        if (rc == 0) *out = (Value){.kind = VALUE_TENSOR, .tensor = t};
    } else if (object.kind == VALUE_TUPLE || object.kind == VALUE_LIST ||
               object.kind == VALUE_SIZE) {
        rc = index_sequence(s, &object, e, out);
    } else {
        rc = raise_error(s, EXC_TYPE, e->offset, "'%s' object is not subscriptable",
                         value_type_name(&object));
    }
    value_free(&object);
    return rc;
}
//< eval-sequence-index

//> eval-expr
static int eval(Session *s, const Expr *e, Value *out) {
    *out = (Value){.kind = VALUE_NONE};
    if (check_interrupt(s) < 0) return -1;  // Ctrl-C: every step is a safe point
    switch (e->kind) {
    case EXPR_INT:
        *out = (Value){.kind = VALUE_INT, .int_value = e->int_value};
        return 0;
    case EXPR_FLOAT:
        *out = (Value){.kind = VALUE_FLOAT, .float_value = e->float_value};
        return 0;
    case EXPR_TRUE: case EXPR_FALSE:
        *out = (Value){.kind = VALUE_BOOL, .bool_value = e->kind == EXPR_TRUE};
        return 0;
    case EXPR_NONE:
        return 0;
    case EXPR_ELLIPSIS:
        return raise_error(s, EXC_SYNTAX, e->offset, "'...' is only meaningful inside "
                           "an index, as in x[..., 0]");
    case EXPR_NAME: return eval_name(s, e, out);
    case EXPR_TUPLE: return eval_sequence(s, e, VALUE_TUPLE, out);
    case EXPR_LIST: return eval_sequence(s, e, VALUE_LIST, out);
    case EXPR_CALL: return eval_call(s, e, out);
    case EXPR_INDEX: return eval_index(s, e, out);
    case EXPR_UNARY: case EXPR_BINARY: {
        Value left = {.kind = VALUE_NONE}, right;
        if (e->left && eval(s, e->left, &left) < 0) return -1;
        if (eval(s, e->right, &right) < 0) {
            value_free(&left);
            return -1;
        }
        int rc = apply_operator(s, e->op, e->left ? &left : NULL, &right, e->offset, out);
        value_free(&left);
        value_free(&right);
        return rc;
    }
    case EXPR_ATTR: {
        if (module_function(s, e)) {
            return raise_error(s, EXC_TYPE, e->offset, "'%s' is a function: call it, as in "
                               "%s(...)", e->name, e->name);
        }
        Value object;
        if (eval(s, e->left, &object) < 0) return -1;
        int rc = get_attribute(s, &object, e->name, e->offset, out);
        value_free(&object);
        return rc;
    }
    case EXPR_KEYWORD: case EXPR_SLICE:
        break;  // the parser only puts these inside calls and indices
    }
    return raise_error(s, EXC_SYNTAX, e->offset, "invalid syntax");
}
//< eval-expr

//> eval-unpack
// a, b = value: the value must hold exactly as many items. A tensor
// unpacks along its first dimension, as iterating over it does in Python.
static int unpack(Session *s, const Expr *target, Value *value) {
    int n = target->count;
    int64_t have;
    if (value->kind == VALUE_TUPLE || value->kind == VALUE_LIST ||
        value->kind == VALUE_SIZE) {
        have = value->count;
    } else if (value->kind == VALUE_TENSOR && value->tensor->ndim > 0) {
        have = value->tensor->shape[0];
    } else if (value->kind == VALUE_TENSOR) {
        return raise_error(s, EXC_TYPE, target->offset, "iteration over a 0-d tensor");
    } else {
        return raise_error(s, EXC_TYPE, target->offset, "cannot unpack non-iterable %s "
                           "object", value_type_name(value));
    }
    if (have < n) {
        return raise_error(s, EXC_VALUE, target->offset, "not enough values to unpack "
                           "(expected %d, got %lld)", n, (long long)have);
    }
    if (have > n) {
        return raise_error(s, EXC_VALUE, target->offset, "too many values to unpack "
                           "(expected %d)", n);
    }
    for (int i = 0; i < n; i++) {
        Value item;
        if (value->kind == VALUE_TENSOR) {
            Tensor *row = tensor_select(value->tensor, 0, i);
            if (row == NULL) return raise_library_error(s);
            item = (Value){.kind = VALUE_TENSOR, .tensor = row};
        } else if (check_library(s, value_copy(&item, &value->items[i])) < 0) {
            return -1;
        }
        if (assign(s, target->items[i]->name, &item) < 0) return -1;
    }
    return 0;
}
//< eval-unpack

//> eval-statement
// One statement. An expression statement's value is the result; an
// assignment's result is None. `x[i] = v` writes through the view x[i]
// into x's storage (write_into, in builtins.c): the way to see that views
// share memory.
static int exec(Session *s, const Stmt *stmt, Value *result) {
    Value value;
    *result = (Value){.kind = VALUE_NONE};
    if (stmt->value == NULL) return 0;  // import torch
    if (eval(s, stmt->value, &value) < 0) return -1;
    const Expr *target = stmt->target;
    if (target == NULL) {
        *result = value;
        return 0;
    }
    *result = (Value){.kind = VALUE_NONE};
    int rc;
    if (target->kind == EXPR_NAME) {
        return assign(s, target->name, &value);
    } else if (target->kind == EXPR_TUPLE || target->kind == EXPR_LIST) {
        rc = unpack(s, target, &value);
    } else {
        Value object;
        rc = eval(s, target->left, &object);
        if (rc == 0 && object.kind != VALUE_TENSOR) {
            rc = raise_error(s, EXC_TYPE, target->offset, "'%s' object does not support "
                             "item assignment", value_type_name(&object));
        }
        Tensor *view = NULL;
        if (rc == 0) rc = index_tensor(s, object.tensor, target, &view);
        if (rc == 0) rc = write_into(s, view, &value, stmt->value->offset);
        tensor_free(view);
        value_free(&object);
    }
    value_free(&value);
    return rc;
}
//< eval-statement

//> eval-program
int run_program(Session *s, const Program *program, Value *result) {
    *result = (Value){.kind = VALUE_NONE};
    free(s->last_assigned);
    s->last_assigned = NULL;
    for (int i = 0; i < program->count; i++) {
        value_free(result);
        if (exec(s, &program->stmts[i], result) < 0) return -1;
    }
    // Ctrl-C during the last step of the last statement still counts.
    if (check_interrupt(s) < 0) {
        value_free(result);
        return -1;
    }
    return 0;
}
//< eval-program
