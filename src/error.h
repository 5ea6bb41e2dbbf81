//> error-api
// How Strides reports failure: a function that fails returns NULL (or -1)
// and leaves two things behind, the way errno and strerror() do: a kind,
// which says what went wrong and which callers branch on, and a message,
// which people read. The message is PyTorch's own text wherever PyTorch
// has one.
#ifndef STRIDES_ERROR_H
#define STRIDES_ERROR_H

#include <stdint.h>

#if defined(__GNUC__)
#define STRIDES_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define STRIDES_PRINTF(fmt, args)
#endif

// What went wrong. Each kind is a question a caller may ask ("was that
// index out of range?") without reading the message; the comment names
// the Python exception PyTorch 1.13 raises for it.
typedef enum ErrorKind {
    ERR_NONE = 0,         // no failure recorded
    ERR_RUNTIME,          // the general case: a bad shape, size or state (RuntimeError)
    ERR_INDEX,            // an index or dim out of range (IndexError)
    ERR_VALUE,            // a bad value: slice step, sequence length (ValueError)
    ERR_TYPE,             // the wrong kind of argument (TypeError)
    ERR_KEY,              // a module's name is taken or malformed (KeyError)
    ERR_ATTRIBUTE,        // a module has no such submodule (AttributeError)
    ERR_VIEW_STRIDES,     // view() impossible for these strides (RuntimeError)
    ERR_SHAPE_NUMEL,      // a shape that does not hold numel elements (RuntimeError)
    ERR_SHAPE_INFER,      // a shape with more than one -1 (RuntimeError)
    ERR_ALLOC,            // memory could not be had (RuntimeError)
    ERR_NOT_IMPLEMENTED,  // an exercise not done yet; a Module with no forward
                          // (NotImplementedError)
} ErrorKind;

// The message of the most recent failure in this thread ("" if none yet),
// and its kind (ERR_NONE if none yet).
const char *error_message(void);
ErrorKind   error_kind(void);

// Record a failure of kind `kind`. Always returns -1, so a function
// returning int can write `return error_set(ERR_INDEX, ...);`.
int error_set(ErrorKind kind, const char *fmt, ...) STRIDES_PRINTF(2, 3);

// The failure of an allocation of `bytes` bytes: ERR_ALLOC, PyTorch's text.
int error_set_alloc(int64_t bytes);

// Forget the last failure (tests use it to prove that a call set one).
void error_clear(void);
//< error-api

//> error-exercises
// The error an exercise reports until it is done: ERR_NOT_IMPLEMENTED,
// "not implemented: exercise 3.2". Always returns -1, like error_set().
int error_not_implemented(const char *exercise);

// The exercise whose stub this thread met first since error_clear()
// ("3.2"), or "" if it met none. Later failures do not hide it: a stub's
// NULL makes the next call fail too, and the stub is still the reason.
// The grader asks this, never the message, to tell "not done yet" (or
// "blocked by exercise 3.2") from a wrong answer.
const char *error_exercise(void);

// Who wants to know the moment a stub is met: the test runner, which says
// so before the test can crash on the stub's NULL (a crash leaves no time
// to ask error_exercise() afterwards). Called with the exercise's id on
// every stub met; NULL (the default) calls nobody. One per program:
// returns the hook it replaces.
typedef void (*StubHook)(const char *exercise);
StubHook error_set_stub_hook(StubHook hook);

#endif
//< error-exercises
