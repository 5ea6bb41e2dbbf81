// What happened in one command: while a line runs, the visualizer listens
// to the interpreter's call records (lang.h's call hook) and keeps the few
// it knows how to animate -- a copy, a dropout, a view that failed -- with
// tensor handles of its own. Afterwards it asks which of them made the
// step it shows. Nothing is evaluated again: rand() would draw new numbers.
#ifndef STRIDES_VIZ_EVENTS_H
#define STRIDES_VIZ_EVENTS_H

#include <stdbool.h>

#include "explain.h"
#include "lang/lang.h"
#include "rng.h"
#include "tensor.h"

// A dropout, by the function (F.dropout, torch.dropout) or an nn.Dropout:
// its input and result, and the generator just before it drew its mask.
typedef struct DropoutEvent {
    Tensor *input, *output;  // NULL: no dropout ran
    double  p;
    bool    training, inplace;
    Rng     rng;
} DropoutEvent;

typedef struct CommandEvents {
    Session     *session;
    // The last method call on a tensor that gave a tensor, if it was one
    // that may copy (contiguous, reshape, clone, flatten); else NULL.
    Tensor      *copy_receiver, *copy_result;
    DropoutEvent dropout;  // the last dropout
    // A view() that failed for its strides: the tensor and the shape asked.
    Tensor      *failed_view;
    Shape        failed_shape;
} CommandEvents;

// Listen to `s`'s calls into `ev` (the session's one call hook), and stop
// again; events_free lets go of the handles kept.
void events_listen(CommandEvents *ev, Session *s);
void events_stop(CommandEvents *ev);
void events_free(CommandEvents *ev);

// What the step showing `shown` was copied from (a new handle), if a
// copying call made it in memory of its own; else NULL.
Tensor *events_copy_source(const CommandEvents *ev, const Tensor *shown);

// The dropout that made `shown` (its result itself, not a view of it), or
// NULL. An in-place dropout has overwritten its input: it is no dropout
// step but a plain one.
const DropoutEvent *events_dropout(const CommandEvents *ev, const Tensor *shown);

// Why the command's view() failed, for the explainer; NULL if no view
// failed for its strides (or memory ran out).
ViewExplain *events_explain_failure(const CommandEvents *ev);

#endif
