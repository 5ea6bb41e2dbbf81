#include "command.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events.h"

static void report_error(Session *s, Model *m, const char *line, const CommandEvents *ev) {
    char message[2048];
    snprintf(message, sizeof message, "%s: %s", session_error_type(s), session_error(s));
    int column = session_error_column(s);
    model_set_error(m, line, message, column >= 0 ? column + 1 : 0, events_explain_failure(ev));
}

// A value that is not a tensor (a tuple, a number, a module): a note
// under the view, `line  ->  repr`.
static CommandOutcome show_value(Model *m, const char *line, const Value *shown) {
    char *repr = shown->kind == VALUE_NONE ? NULL : value_repr(shown);
    char text[1200];
    snprintf(text, sizeof text, "%s  \xe2\x86\x92  %s", line, repr ? repr : "ok");
    model_set_note(m, line, text);
    free(repr);
    return COMMAND_VALUE;
}

// A tensor: a new step, animated as what made it -- a dropout (its mask),
// a copy (from its source), or a plain step.
static CommandOutcome push_step(Model *m, const char *line, Tensor *t, bool animate,
                                const CommandEvents *ev) {
    const DropoutEvent *drop = events_dropout(ev, t);
    // A dropout's result is new memory, but not a copy of its input.
    Tensor *source = drop ? NULL : events_copy_source(ev, t);
    model_clear_error(m);
    if (model_push(m, line, t, source, animate) != 0) {
        model_set_error(m, line, "RuntimeError: out of memory for the visualizer's step", 0, NULL);
        return COMMAND_ERROR;
    }
    if (drop) model_set_dropout(m, drop->input, drop->p, drop->training, drop->rng);
    return COMMAND_STEP;
}

// The line ran: show its tensor as a step, or its value as a note. An
// assignment shows what it assigned.
static CommandOutcome show_result(Session *s, Model *m, const char *line, Value *v,
                                  bool animate, const CommandEvents *ev) {
    Tensor *t = NULL;
    const Value *shown = v;
    if (v->kind == VALUE_TENSOR) {
        t = v->tensor;
        v->kind = VALUE_NONE;  // taken
    } else if (v->kind == VALUE_NONE) {
        const char *name = session_last_assigned(s);
        const Value *var = name ? session_get(s, name) : NULL;
        if (var && var->kind == VALUE_TENSOR) t = tensor_alias(var->tensor);
        else if (var) shown = var;  // d = nn.Dropout(0.5)
    }
    return t ? push_step(m, line, t, animate, ev) : show_value(m, line, shown);
}

CommandOutcome command_run(Session *s, Model *m, const char *line, bool animate) {
    const char *p = line;
    while (isspace((unsigned char)*p)) p++;
    if (*p == '\0') return COMMAND_EMPTY;
    CommandEvents events;
    events_listen(&events, s);
    Value v = {0};
    int rc = session_run(s, line, &v);
    events_stop(&events);
    CommandOutcome out;
    if (rc == 0) {
        out = show_result(s, m, line, &v, animate, &events);
    } else if (session_exception(s) == EXC_SYSTEM_EXIT) {
        out = COMMAND_EXIT;
    } else {
        report_error(s, m, line, &events);
        out = COMMAND_ERROR;
    }
    value_free(&v);
    events_free(&events);
    return out;
}
