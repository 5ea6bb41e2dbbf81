// The command bar's engine: one line of the expression language (src/lang)
// in, a new step, a value to show, or an error with PyTorch's message out.
#ifndef STRIDES_VIZ_COMMAND_H
#define STRIDES_VIZ_COMMAND_H

#include <stdbool.h>

#include "lang/lang.h"
#include "model.h"

typedef enum CommandOutcome {
    COMMAND_EMPTY,  // nothing typed
    COMMAND_STEP,   // a tensor: a new step on the timeline
    COMMAND_VALUE,  // another value (a tuple, a number): shown under the view
    COMMAND_ERROR,  // shown in red; a failed view() also gets its explainer
    COMMAND_EXIT,   // exit() or quit(): the app closes, as Python would
} CommandOutcome;

CommandOutcome command_run(Session *s, Model *m, const char *line, bool animate);

#endif
