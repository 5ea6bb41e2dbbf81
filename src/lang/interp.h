//> interp-session
// Inside the interpreter: the Session, how errors are raised, and the
// interfaces between its parts. Front ends include lang.h, not this.
//
// The parts depend on each other in one direction only; a file calls
// only files above it in this list, never one below:
//   lexer.c, parser.c   text -> tree
//   value.c             values: free, copy, repr, JSON, type names
//   exceptions.c        Python's exception classes; the library's kinds -> classes
//   errors.c            raising errors; the session's limits; Ctrl-C
//   args.c              matching a call's arguments to a signature
//   operators.c         + - * / @ ** on tensors and numbers
//   builtins.c          the functions, methods and attributes
//   eval.c              walking the tree
//   session.c           the Session API of lang.h
//   main.c              the REPL
#ifndef STRIDES_LANG_INTERP_H
#define STRIDES_LANG_INTERP_H

#include "error.h"
#include "lang/lang.h"
#include "lang/parser.h"
#include "rng.h"

typedef struct Variable {
    char  *name;
    Value  value;
} Variable;

// The last error: the message, its Python class, the library's kind when
// the library failed (ERR_NONE when the interpreter raised it itself), and
// where it points in the text.
typedef struct LastError {
    char           message[1024];
    ExceptionClass exception;
    ErrorKind      library;
    int       offset;        // byte offset, -1 if none
    int       line, column;  // (lang.h: session_error_line, _column)
    bool      incomplete;    // (lang.h: session_incomplete)
} LastError;

struct Session {
    Variable   *vars;
    int         nvars, capvars;
    char       *last_assigned;  // the name the last statement assigned
    int64_t     max_elements;   // the largest tensor a statement may make
    Rng         rng;            // rand()'s and dropout's generator (see builtins.c)
    CallHook    call_hook;      // who hears of every call (lang.h), or NULL,
    void       *call_context;   //   and what it asked to be handed back
    int         exit_status;    // what exit(n) asked for (lang.h)
    LastError   error;
};
//< interp-session

//> interp-errors
// Raising an error (errors.c): record it and return -1, so that `return
// raise_error(...)` reads like Python's `raise`. `offset` is where in the
// text the error is (-1: nowhere in particular).
int raise_error(Session *s, ExceptionClass exc, int offset, const char *fmt, ...)
    STRIDES_PRINTF(4, 5);

// Raise the library's last error: its message (error_message(), PyTorch's
// text) as the class its kind maps to (exceptions.c's table).
int raise_library_error(Session *s);

// A library call's int result passed through: `rc` if it succeeded, else
// the library's error raised (-1).
int check_library(Session *s, int rc);

// Refuse a tensor of more than s->max_elements elements before making it.
int check_elements(Session *s, int64_t numel);

// Refuse a list or tuple beyond the session's limits (lang.h's
// LANG_MAX_ITEMS, and its tensors' elements together) before making it:
// `items` and `elements` count what it would hold, nested lists included.
int check_sequence(Session *s, ValueKind kind, int64_t items, int64_t elements);
void sequence_size(const Value *v, int64_t *items, int64_t *elements);

// Ctrl-C: if session_interrupt() was called, forget it and raise
// KeyboardInterrupt (-1); else 0. The interpreter calls it at every step.
int check_interrupt(Session *s);
//< interp-errors

//> interp-calls
// A function or method call, as the evaluator hands it to builtins.c.
// `positional` and `keywords` are the evaluated arguments (for a method,
// the tensor before the dot is `self`); `names` names the keywords.
typedef struct CallArgs {
    const char  *name;        // "view", "arange", ...
    int          offset;      // for error carets
    const Value *self;        // methods only, else NULL
    const Value *positional;
    int          npositional;
    const Value *keywords;
    const char *const *names;
    int          nkeywords;
} CallArgs;

// Is `name` a function (arange, relu, ...), a method of tensors, or a
// method of modules (train, eval, forward)?
bool is_builtin_function(const char *name);
bool is_builtin_method(const char *name);
bool is_module_method(const char *name);

// Run the call: 0 with *result set, or -1 with the error raised.
int call_builtin(Session *s, const CallArgs *call, Value *result);

// Attributes without a call: x.shape, x.T, x.ndim; a named tuple's fields.
int get_attribute(Session *s, const Value *object, const char *name, int offset,
                  Value *result);
//< interp-calls

//> interp-bound
// A call's arguments matched to one of a builtin's signatures (args.c):
// for each parameter the value given, or its default (the rest of the
// positional ints of an `int...` parameter as one tuple); for int lists,
// the ints. bind_arguments tries each signature (a NULL-terminated list of at
// most MAX_SIGNATURES) in turn: 0 for the first that fits, else -1 with
// the message Python or PyTorch would give.
#define MAX_PARAMS 6
#define MAX_SIGNATURES 3

typedef struct Bound {
    int             variant;          // which signature fitted
    int             count;            // its parameters, arg[0..count)
    const Value    *arg[MAX_PARAMS];  // never NULL after binding
    Value           fallback[MAX_PARAMS];  // where arg[] points for a default
                                           // or a tuple of the rest
    IntList         ints[MAX_PARAMS]; // int[] and int... parameters
    const CallArgs *call;
} Bound;

int bind_arguments(Session *s, const CallArgs *call, const char *const *signatures,
                   Bound *bound);

static inline bool is_number(const Value *v) {
    return v->kind == VALUE_INT || v->kind == VALUE_FLOAT || v->kind == VALUE_BOOL;
}
static inline bool is_sequence(const Value *v) {
    return v->kind == VALUE_TUPLE || v->kind == VALUE_LIST || v->kind == VALUE_SIZE;
}
static inline double number(const Value *v) {
    return v->kind == VALUE_FLOAT ? v->float_value
         : v->kind == VALUE_BOOL ? (double)v->bool_value : (double)v->int_value;
}

static inline int64_t int_arg(const Bound *b, int i) { return b->arg[i]->int_value; }
static inline double float_arg(const Bound *b, int i) { return number(b->arg[i]); }
static inline bool bool_arg(const Bound *b, int i) { return b->arg[i]->bool_value; }
static inline bool none_arg(const Bound *b, int i) { return b->arg[i]->kind == VALUE_NONE; }
static inline const Tensor *tensor_arg(const Bound *b, int i) { return b->arg[i]->tensor; }
//< interp-bound

//> interp-results
// Results (errors.c, with the other limits). A tensor result passes the
// session's size limit or is freed; check_shape_elements refuses a shape
// too large to allocate.
int return_tensor(Session *s, Tensor *t, Value *out);
int check_shape_elements(Session *s, Shape shape);

// The operators (operators.c), for tensors and numbers alike: '+', '-',
// '*', '/', '@', '**', and the unary '-' and '+' (left NULL).
int apply_operator(Session *s, TokenKind op, const Value *left, const Value *right,
                   int offset, Value *result);
int matmul_values(Session *s, const Tensor *a, const Tensor *b, Value *out);

// `x[...] = value`: write a tensor (broadcast) or a number into `view`.
int write_into(Session *s, Tensor *view, const Value *value, int offset);

// Run a parsed line's statements in order (eval.c).
int run_program(Session *s, const Program *program, Value *result);
//< interp-results

//> interp-end
#endif
//< interp-end
