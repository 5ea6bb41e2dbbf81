#include "events.h"

#include <string.h>

#include "view.h"

// A call that may copy: if its result has memory of its own, the copy is
// animated from the receiver's storage into the new one.
static bool copying_method(const char *op) {
    static const char *const names[] = {"contiguous", "reshape", "clone", "flatten"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(op, names[i]) == 0) return true;
    }
    return false;
}

static double number(const Value *v) {
    return v->kind == VALUE_FLOAT ? v->float_value
         : v->kind == VALUE_BOOL ? (double)v->bool_value : (double)v->int_value;
}

static bool is_tensor(const Value *v) { return v != NULL && v->kind == VALUE_TENSOR; }

// Keep the last method call on a tensor, if it may have copied. (Without
// memory for the handles there is simply no copy to show.)
static void hear_method(CommandEvents *ev, const CallRecord *call) {
    tensor_free(ev->copy_receiver);
    tensor_free(ev->copy_result);
    ev->copy_receiver = ev->copy_result = NULL;
    if (!copying_method(call->op)) return;
    ev->copy_receiver = tensor_alias(call->receiver->tensor);
    ev->copy_result = tensor_alias(call->result->tensor);
}

// F.dropout(input, p, training, inplace) and torch.dropout(input, p,
// train) bind to these positions; an nn.Dropout's forward(input) keeps
// p, inplace and the flag in the module.
static bool hear_dropout(CommandEvents *ev, const CallRecord *call) {
    const Value *d = call->receiver;
    bool function = d == NULL && strcmp(call->op, "dropout") == 0;
    bool module = d != NULL && d->kind == VALUE_MODULE && strcmp(call->op, "forward") == 0 &&
                  strcmp(d->module->type->name, "Dropout") == 0;
    if (!function && !module) return false;
    DropoutEvent e = {.rng = call->rng_before};
    if (function) {
        e.p = number(&call->args[1]);
        e.training = call->args[2].bool_value;
        e.inplace = call->nargs > 3 && call->args[3].bool_value;
    } else {
        e.p = d->module_p;
        e.training = d->module->training;
        e.inplace = d->module_inplace;
    }
    e.input = tensor_alias(call->args[0].tensor);
    e.output = tensor_alias(call->result->tensor);
    tensor_free(ev->dropout.input);
    tensor_free(ev->dropout.output);
    ev->dropout = e;
    return true;
}

// A view that failed for its strides: x.view(2, 6) binds its shape as one
// tuple of ints.
static void hear_failed_view(CommandEvents *ev, const CallRecord *call) {
    if (call->error != ERR_VIEW_STRIDES || !is_tensor(call->receiver) || call->nargs < 1) {
        return;
    }
    const Value *shape = &call->args[0];
    if (shape->kind != VALUE_TUPLE || shape->count > MAX_DIMS) return;
    Shape s = {.len = shape->count};
    for (int i = 0; i < shape->count; i++) {
        if (shape->items[i].kind != VALUE_INT) return;
        s.at[i] = shape->items[i].int_value;
    }
    tensor_free(ev->failed_view);
    ev->failed_view = tensor_alias(call->receiver->tensor);
    ev->failed_shape = s;
}

static void hear_call(const CallRecord *call, void *context) {
    CommandEvents *ev = context;
    if (call->result == NULL) {
        hear_failed_view(ev, call);
    } else if (is_tensor(call->result) && !hear_dropout(ev, call) &&
               is_tensor(call->receiver)) {
        hear_method(ev, call);
    }
}

void events_listen(CommandEvents *ev, Session *s) {
    *ev = (CommandEvents){.session = s};
    session_set_call_hook(s, hear_call, ev);
}

void events_stop(CommandEvents *ev) {
    if (ev->session) session_set_call_hook(ev->session, NULL, NULL);
    ev->session = NULL;
}

void events_free(CommandEvents *ev) {
    events_stop(ev);
    tensor_free(ev->copy_receiver);
    tensor_free(ev->copy_result);
    tensor_free(ev->dropout.input);
    tensor_free(ev->dropout.output);
    tensor_free(ev->failed_view);
    *ev = (CommandEvents){0};
}

// The copy's receiver, when the copying call's result is the step's tensor
// (or a view of it) in memory of its own, holding as many elements.
Tensor *events_copy_source(const CommandEvents *ev, const Tensor *shown) {
    const Tensor *from = ev->copy_receiver, *to = ev->copy_result;
    if (from == NULL || to == NULL || to->storage != shown->storage ||
        from->storage == shown->storage || tensor_numel(from) != tensor_numel(shown)) {
        return NULL;
    }
    return tensor_alias(from);
}

static bool same_layout(const Tensor *a, const Tensor *b) {
    if (a->storage != b->storage || a->offset != b->offset || a->ndim != b->ndim) return false;
    for (int d = 0; d < a->ndim; d++) {
        if (a->shape[d] != b->shape[d] || a->stride[d] != b->stride[d]) return false;
    }
    return true;
}

const DropoutEvent *events_dropout(const CommandEvents *ev, const Tensor *shown) {
    const DropoutEvent *d = &ev->dropout;
    if (d->input == NULL || d->output == NULL || d->inplace) return NULL;
    return same_layout(d->output, shown) ? d : NULL;
}

ViewExplain *events_explain_failure(const CommandEvents *ev) {
    if (ev->failed_view == NULL) return NULL;
    int64_t sizes[MAX_DIMS];
    if (shape_infer(ev->failed_shape, tensor_numel(ev->failed_view), sizes) != 0) return NULL;
    return explain_view(ev->failed_view, ev->failed_shape.len, sizes);
}
