#include "command.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "view.h"

// A call that may copy: if its result has memory of its own, the copy is
// animated from the receiver's storage into the new one.
static bool copying_method(const char *method) {
    static const char *const names[] = {"contiguous", "reshape", "clone", "flatten"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(method, names[i]) == 0) return true;
    }
    return false;
}

// What a copy was made from: the receiver of the statement's last tensor
// method call, when that call was a copying one and its result is this
// step's tensor in memory of its own. The session kept the receiver, so
// nothing is evaluated twice (rand() would draw again).
static Tensor *copy_source(Session *s, const Tensor *result) {
    const MethodCall *call = session_last_method(s);
    if (call == NULL || !copying_method(call->name) ||
        call->result->storage != result->storage ||
        call->receiver->storage == result->storage ||
        tensor_numel(call->receiver) != tensor_numel(result)) {
        return NULL;
    }
    return tensor_alias(call->receiver);
}

static ViewExplain *explain_failure(Session *s, const char *line) {
    Tensor *input = NULL;
    Shape shape;
    if (session_view_call(s, line, &input, &shape) != 0) return NULL;
    int64_t sizes[MAX_DIMS];
    ViewExplain *e = NULL;
    if (infer_shape(shape, tensor_numel(input), sizes) == 0) {
        e = explain_view(input, shape.len, sizes);
    }
    tensor_free(input);
    return e;
}

static void report_error(Session *s, Model *m, const char *line) {
    char message[2048];
    snprintf(message, sizeof message, "%s: %s", session_error_type(s), session_error(s));
    int column = session_error_column(s);
    ViewExplain *e = NULL;
    if (session_error_kind(s) == ERR_VIEW_STRIDES) e = explain_failure(s, line);
    model_set_error(m, line, message, column >= 0 ? column + 1 : 0, e);
}

static bool same_layout(const Tensor *a, const Tensor *b) {
    if (a->storage != b->storage || a->offset != b->offset || a->ndim != b->ndim) return false;
    for (int d = 0; d < a->ndim; d++) {
        if (a->shape[d] != b->shape[d] || a->stride[d] != b->stride[d]) return false;
    }
    return true;
}

// Is `t` the tensor the line's last dropout gave (the same storage and
// layout, not a view of it)? Then the step is a dropout step, and *call
// says how it was made, with a handle on the input of our own. An
// in-place dropout has overwritten its input: it is shown as a plain step.
static bool dropout_result(const Session *s, const Tensor *t, DropoutCall *call) {
    const DropoutCall *last = session_last_dropout(s);
    if (last == NULL || last->inplace || !same_layout(last->output, t)) return false;
    *call = *last;
    call->input = tensor_alias(last->input);  // the next session_run lets go of the session's
    call->output = NULL;
    return call->input != NULL;
}

CommandOutcome command_run(Session *s, Model *m, const char *line, bool animate) {
    const char *p = line;
    while (isspace((unsigned char)*p)) p++;
    if (*p == '\0') return COMMAND_EMPTY;
    Value v = {0};
    if (session_run(s, line, &v) != 0) {
        if (session_exception(s) == EXC_SYSTEM_EXIT) return COMMAND_EXIT;
        report_error(s, m, line);
        return COMMAND_ERROR;
    }
    Tensor *t = NULL;
    const Value *shown = &v;  // what a value note shows: the result, or what was assigned
    if (v.kind == VALUE_TENSOR) {
        t = v.tensor;
        v.kind = VALUE_NONE;  // taken
    } else if (v.kind == VALUE_NONE) {
        const char *name = session_last_assigned(s);
        const Value *var = name ? session_get(s, name) : NULL;
        if (var && var->kind == VALUE_TENSOR) t = tensor_alias(var->tensor);
        else if (var) shown = var;  // d = nn.Dropout(0.5)
    }
    if (t == NULL) {
        char *repr = shown->kind == VALUE_NONE ? NULL : value_repr(shown);
        char text[1200];
        snprintf(text, sizeof text, "%s  \xe2\x86\x92  %s", line, repr ? repr : "ok");
        model_set_note(m, line, text);
        free(repr);
        value_free(&v);
        return COMMAND_VALUE;
    }
    value_free(&v);
    // A dropout's result is new memory, but not a copy of its receiver.
    DropoutCall drop;
    bool dropout = dropout_result(s, t, &drop);
    Tensor *source = dropout ? NULL : copy_source(s, t);
    model_clear_error(m);
    if (model_push(m, line, t, source, animate) != 0) {
        if (dropout) tensor_free(drop.input);
        model_set_error(m, line, "RuntimeError: out of memory for the visualizer's step", 0, NULL);
        return COMMAND_ERROR;
    }
    if (dropout) {
        model_set_dropout(m, drop.input, drop.p, drop.training, drop.rng);  // else a plain step
        tensor_free(drop.input);
    }
    return COMMAND_STEP;
}
