//> exceptions-api
// Python's exception classes, and the one table that says which class the
// library's error kinds (error.h) become. The interpreter raises every
// error as one of these; the REPL prints its name ("IndexError: ...").
#ifndef STRIDES_LANG_EXCEPTIONS_H
#define STRIDES_LANG_EXCEPTIONS_H

#include "error.h"

typedef enum ExceptionClass {
    EXC_RUNTIME,             // RuntimeError: most of PyTorch's errors
    EXC_INDEX, EXC_VALUE, EXC_TYPE, EXC_KEY, EXC_ATTRIBUTE, EXC_NOT_IMPLEMENTED,
    EXC_SYNTAX, EXC_NAME, EXC_ZERO_DIVISION, EXC_OVERFLOW,  // the interpreter's own
    EXC_KEYBOARD_INTERRUPT,  // Ctrl-C (session_interrupt)
    EXC_SYSTEM_EXIT,         // exit(), quit(): not an error, the way out
} ExceptionClass;

// The class PyTorch raises for a library failure of this kind.
ExceptionClass exception_for_error(ErrorKind kind);

// The class's Python name: "RuntimeError", "IndexError", "SystemExit", ...
const char *exception_name(ExceptionClass exc);

#endif
//< exceptions-api
