//> lang-api-values
// The expression language: a small subset of PyTorch's Python, run by one
// interpreter that serves the `strides` REPL, its --json mode for tools and
// graders, and the visualizer's command bar. This header is all a front end
// needs: a Session holds the variables; session_run() runs a line; a Value
// is what came out.
#ifndef STRIDES_LANG_H
#define STRIDES_LANG_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "lang/exceptions.h"
#include "module.h"
#include "rng.h"
#include "tensor.h"

typedef enum ValueKind {
    VALUE_NONE,    // None, and what an assignment gives
    VALUE_TENSOR,
    VALUE_INT,     // a Python int (64 bits here)
    VALUE_FLOAT,   // a Python float (a double)
    VALUE_BOOL,
    VALUE_TUPLE,   // (4, 1): what .stride() gives; also x.max(0)'s pair
    VALUE_LIST,    // [1, 2]: for tensor([[1, 2], [3, 4]])
    VALUE_SIZE,    // torch.Size([3, 4]): what .shape and .size() give
    VALUE_MODULE,  // nn.Dropout(0.5): a module of chapter 7 (the only kind there is)
} ValueKind;

typedef struct Value Value;
struct Value {
    ValueKind kind;
    union {
        Tensor *tensor;       // VALUE_TENSOR: owned, freed by value_free()
        int64_t int_value;    // VALUE_INT
        double  float_value;  // VALUE_FLOAT
        bool    bool_value;   // VALUE_BOOL
        struct {              // VALUE_TUPLE, VALUE_LIST, VALUE_SIZE
            Value *items;     // owned
            int    count;
            // A named tuple (x.max(0) gives torch.return_types.max with
            // fields values and indices) has a type name and field names;
            // both NULL for a plain tuple. Static strings, never freed.
            const char        *type_name;
            const char *const *field_names;
        };
        struct {              // VALUE_MODULE
            Module *module;   // a share (module_retain), released by value_free()
            // What it was made with, which the library keeps to itself:
            // for .p and .inplace, and for a call hook (lang.h) that hears of d(x).
            double  module_p;
            bool    module_inplace;
        };
    };
};

// Free what a value owns (its tensor, its items) and make it None.
void  value_free(Value *v);

// A copy that owns its own parts (a tensor is a new handle onto the same
// storage, a module one more share). 0, or -1 with the library's error
// (ERR_ALLOC) if memory ran out.
int value_copy(Value *out, const Value *v);

// Python's name for a value's type, as messages print it: "int",
// "Tensor", "torch.Size", "NoneType".
const char *value_type_name(const Value *v);

// Python's repr() of the value, as the REPL prints it: PyTorch's text for
// a tensor, `torch.Size([3, 4])`, `(4, 1)`, `3`, `0.5`, `True`, `None`,
// `Dropout(p=0.5, inplace=False)`.
// Malloc'd; NULL (and error_message()) if memory runs out.
char *value_repr(const Value *v);

// One line of JSON for the value, as `strides --json` prints it:
//   a tensor   {"shape":[4,3],"stride":[1,4],"offset":0,
//               "contiguous":false,"data":[0,4,8,...]}; beyond
//               LANG_JSON_MAX_ELEMENTS elements, instead of "data":
//               "numel":268435456,"data_omitted":true
//   None       {"ok":true}
//   otherwise  {"value":...} with numbers, true/false, null, arrays (tuples,
//              lists, sizes), objects (named tuples, tensors inside; a
//              module is {"module":"Dropout(p=0.5, inplace=False)",
//              "training":true})
// Floats are written in the shortest form that reads back to the same
// number (float32 for tensor elements); nan and infinities, which JSON
// cannot spell, as the strings "nan", "inf" and "-inf". Malloc'd.
char *value_to_json(const Value *v);
//< lang-api-values

//> lang-api-session
typedef struct Session Session;  // variables (name -> value) and state

Session *session_new(void);
void     session_free(Session *s);

// Run one line: a statement, or several separated by ';'. 0 on success,
// with *result set to the value of the last statement (VALUE_NONE for an
// assignment; the caller frees it with value_free), or -1 on error.
int session_run(Session *s, const char *line, Value *result);

// After a failed session_run: the message (PyTorch's text for tensor
// errors), the Python exception class raised (EXC_INDEX, EXC_SYSTEM_EXIT,
// ...) and its name ("IndexError", "SystemExit", ...), the library's error
// kind behind it (ERR_VIEW_STRIDES, ...; ERR_NONE when the interpreter
// raised it itself: a syntax error, an unknown name, exit()), and where it
// points: the 0-based column (within its line) of syntax and name errors,
// -1 if none, and for text of several lines the 0-based line. Callers
// branch on the class or the kind, never on the message.
const char    *session_error(const Session *s);
ExceptionClass session_exception(const Session *s);
const char    *session_error_type(const Session *s);
ErrorKind      session_error_kind(const Session *s);
int            session_error_column(const Session *s);
int            session_error_line(const Session *s);

// After a failed session_run: was the only problem a bracket still open at
// the end of the text? (The REPL then reads another line and retries.)
bool session_incomplete(const Session *s);

// A variable's current value (NULL if undefined); the name the last
// statement assigned (NULL if it assigned none). Variables by position,
// for listing them: NULL past the end.
const Value *session_get(const Session *s, const char *name);
const char  *session_last_assigned(const Session *s);
const char  *session_variable(const Session *s, int i);

// Names that complete `prefix`, for tab completion: variables and
// functions, or (method true: after a '.') tensor methods and attributes.
// The i-th match (from 0), NULL past the last.
const char *session_complete(const Session *s, const char *prefix, bool method, int i);
//< lang-api-session

//> lang-api-calls
// Watching the calls. Every call the interpreter makes to a function, a
// method or a module -- torch.arange(12), x.view(2, 6), F.dropout(x, 0.5),
// d(x) for a module d -- is reported, once it has run or failed, to the
// session's call hook, if one is set. A tracer prints the records, a
// profiler counts them, the visualizer decides from them what to animate:
// the interpreter knows none of them, and keeps no record of its own.
//
// Calls are reported in the order they finish: x.t().contiguous() reports
// t, then contiguous, and the calls inside a call's arguments come before
// it. A call that fails ends the statement, so it is the last one
// reported. Operators (x + y) and subscripts (x[0]) are not calls; nor is
// a call whose arguments failed before it could run.

typedef struct CallRecord {
    // What was called, by its Python name: "arange", "view", "dropout".
    // A module called as d(x) is its method "forward".
    const char    *op;
    // What came before the dot (a tensor, or a module); NULL for a function.
    const Value   *receiver;
    // The arguments after binding, one per parameter in order: keywords
    // in their places, defaults filled in (F.dropout(x, 0.5) gives x, 0.5,
    // True, False); the ints of an `int...` parameter are one tuple
    // (x.view(2, 6) gives (2, 6)). When the arguments did not fit, they
    // are the positional ones as written, and the keywords are left out.
    const Value   *args;
    int            nargs;
    // The call's value, or NULL if it failed: then `error` is the
    // library's kind of failure (ERR_VIEW_STRIDES, ...), or ERR_NONE when
    // the interpreter refused the call itself (session_error_type() says
    // which Python error it raised).
    const Value   *result;
    ErrorKind      error;
    // The session's generator just before the call. Replaying a copy shows
    // what the call drew: dropout's mask, rand()'s numbers.
    Rng            rng_before;
} CallRecord;

// The hook is called with each record and the `context` it was set with.
// The record and everything it points to are the interpreter's, valid only
// during the call: a subscriber that keeps a tensor takes a handle of its
// own (tensor_alias). A hook must not run code in the session. One hook
// per session; setting one replaces the last, and NULL removes it.
typedef void (*CallHook)(const CallRecord *call, void *context);
void session_set_call_hook(Session *s, CallHook hook, void *context);
//< lang-api-calls

//> lang-api-limits
// The largest tensor (in elements) a statement may create; beyond it the
// statement fails with a clear message instead of exhausting memory.
// The default, LANG_MAX_ELEMENTS, is 2^28 elements (1 GiB).
#define LANG_MAX_ELEMENTS ((int64_t)1 << 28)
void session_set_max_elements(Session *s, int64_t max_elements);

// The most items a list or tuple may hold, counting the items of the
// lists inside it: 2^22 (an item is a 40-byte Value, so 160 MiB, and a
// statement like a + a holds a few copies at once). The tensors a list
// holds count together against the session's limit on elements.
#define LANG_MAX_ITEMS ((int64_t)1 << 22)

// The longest line session_run accepts, in bytes.
#define LANG_MAX_LINE (1 << 20)

// The most one answer may print. value_to_json writes a tensor of more
// than LANG_JSON_MAX_ELEMENTS elements without its elements (see above);
// value_repr and value_to_json refuse text longer than LANG_MAX_ANSWER
// characters (NULL, with error_message() saying so).
#define LANG_JSON_MAX_ELEMENTS (1 << 16)
#define LANG_MAX_ANSWER (1 << 24)

// Ctrl-C. A front end's SIGINT handler calls session_interrupt(), which
// only sets a flag (so it is safe in a signal handler); the statement
// running stops at its next step with Python's KeyboardInterrupt, and the
// session goes on. A flag left set when no statement was running stops
// the next one at once: session_forget_interrupt() clears it.
void session_interrupt(void);
void session_forget_interrupt(void);

// After a failed session_run whose exception is EXC_SYSTEM_EXIT (exit(),
// exit(3), quit()): the exit status Python would give, 0 to 255. The
// message is what Python would print on the way out ("" for a number).
int session_exit_status(const Session *s);

#endif
//< lang-api-limits
