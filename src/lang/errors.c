//> errors-raise
// Raising errors, for every part of the interpreter below the Session API:
// the interpreter's own (a name not defined, a bad index into a list) and
// the library's, whose kind says which Python class PyTorch would raise.
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "lang/interp.h"

int raise_error(Session *s, ExceptionClass exc, int offset, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    vsnprintf(s->error.message, sizeof s->error.message, fmt, args);
    va_end(args);
    s->error.exception = exc;
    s->error.library = ERR_NONE;
    s->error.offset = offset;
    return -1;
}

// The library's kind picks the class (exceptions.c's table): an index out
// of range is an IndexError, a bad slice step a ValueError, the rest
// mostly RuntimeError. The message is only ever shown.
int raise_library_error(Session *s) {
    const char *message = error_message();
    ErrorKind kind = error_kind();
    raise_error(s, exception_for_error(kind), -1, "%s", message[0] ? message : "unknown error");
    s->error.library = kind;
    return -1;
}

int check_library(Session *s, int rc) {
    return rc < 0 ? raise_library_error(s) : rc;
}
//< errors-raise

//> errors-limits
// The session's limits: what a statement may make. Each check raises the
// error itself, so a caller writes `if (check_...(...) < 0) return -1;`.
int check_elements(Session *s, int64_t numel) {
    if (numel <= s->max_elements) return 0;
    return raise_error(s, EXC_RUNTIME, -1, "tensor too large: %lld elements (this "
                       "session makes at most %lld)", (long long)numel,
                       (long long)s->max_elements);
}

// A list's size: its items, with those of the lists inside it, and the
// elements of the tensors it holds. Every value a session makes stays
// within the session's limits, lists too: without a limit, a = a + a
// doubles a list until memory runs out.
void sequence_size(const Value *v, int64_t *items, int64_t *elements) {
    if (v->kind == VALUE_TENSOR) {
        *elements += tensor_numel(v->tensor);
    } else if (v->kind == VALUE_TUPLE || v->kind == VALUE_LIST || v->kind == VALUE_SIZE) {
        *items += v->count;
        for (int i = 0; i < v->count; i++) sequence_size(&v->items[i], items, elements);
    }
}

int check_sequence(Session *s, ValueKind kind, int64_t items, int64_t elements) {
    const char *name = kind == VALUE_LIST ? "list" : "tuple";
    if (items > LANG_MAX_ITEMS) {
        return raise_error(s, EXC_RUNTIME, -1, "%s too large: %lld items (this session "
                           "makes at most %lld)", name, (long long)items,
                           (long long)LANG_MAX_ITEMS);
    }
    if (elements > s->max_elements) {
        return raise_error(s, EXC_RUNTIME, -1, "%s too large: its tensors have %lld "
                           "elements (this session makes at most %lld)", name,
                           (long long)elements, (long long)s->max_elements);
    }
    return 0;
}

// Every builtin ends by handing back a value. A tensor result is checked
// against the session's size limit: a view may be huge without any
// allocation (expand), and anything built from it would not be. So every
// tensor a session holds is within the limit, and only what can grow
// (constructors, broadcasting, matmul) needs a check before it allocates.
int return_tensor(Session *s, Tensor *t, Value *out) {
    if (t == NULL) return raise_library_error(s);
    if (check_elements(s, tensor_numel(t)) < 0) {
        tensor_free(t);
        return -1;
    }
    *out = (Value){.kind = VALUE_TENSOR, .tensor = t};
    return 0;
}

// Refuse a shape with more elements than the session allows, before
// anything is allocated. A shape the library refuses anyway (a negative
// size, too many dims, an overflowing count) passes here, so that the
// message is the library's, which is PyTorch's.
int check_shape_elements(Session *s, Shape shape) {
    if (shape.len > MAX_DIMS) return 0;  // the library refuses it
    int64_t numel = 1;
    for (int d = 0; d < shape.len; d++) {
        if (shape.at[d] < 0) return 0;    // the library refuses it
        if (shape.at[d] != 0 && numel > INT64_MAX / shape.at[d]) return 0;
        numel *= shape.at[d];
    }
    return check_elements(s, numel);
}
//< errors-limits

//> errors-interrupt
// Ctrl-C. A signal handler may do almost nothing safely: it may set a
// variable of type volatile sig_atomic_t, and that is all this does. The
// interpreter looks at the flag between its steps (check_interrupt), as Python's own loop does between bytecodes. One flag for the
// process, not one per session: a signal doesn't know which session is
// running.
static volatile sig_atomic_t interrupt_requested;

void session_interrupt(void) { interrupt_requested = 1; }
void session_forget_interrupt(void) { interrupt_requested = 0; }

int check_interrupt(Session *s) {
    if (!interrupt_requested) return 0;
    interrupt_requested = 0;
    return raise_error(s, EXC_KEYBOARD_INTERRUPT, -1, "%s", "");
}
//< errors-interrupt
