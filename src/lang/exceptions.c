//> exceptions-table
// The library says what went wrong with a kind; Python says it with a
// class. This table is the whole translation: nothing in the interpreter
// reads a message to decide which class to raise.
#include "lang/exceptions.h"

static const ExceptionClass class_of_kind[] = {
    [ERR_NONE] = EXC_RUNTIME,  // a failure that recorded nothing: still an error
    [ERR_RUNTIME] = EXC_RUNTIME,
    [ERR_INDEX] = EXC_INDEX,
    [ERR_VALUE] = EXC_VALUE,
    [ERR_TYPE] = EXC_TYPE,
    [ERR_KEY] = EXC_KEY,
    [ERR_ATTRIBUTE] = EXC_ATTRIBUTE,
    [ERR_VIEW_STRIDES] = EXC_RUNTIME,  // PyTorch's view() raises RuntimeError
    [ERR_SHAPE_NUMEL] = EXC_RUNTIME,   // and so does its shape inference
    [ERR_SHAPE_INFER] = EXC_RUNTIME,
    [ERR_ALLOC] = EXC_RUNTIME,         // and so does its allocator
    [ERR_NOT_IMPLEMENTED] = EXC_NOT_IMPLEMENTED,
};

ExceptionClass exception_for_error(ErrorKind kind) {
    if ((unsigned)kind >= sizeof class_of_kind / sizeof *class_of_kind) return EXC_RUNTIME;
    return class_of_kind[kind];
}

const char *exception_name(ExceptionClass exc) {
    static const char *const names[] = {
        [EXC_RUNTIME] = "RuntimeError",       [EXC_INDEX] = "IndexError",
        [EXC_VALUE] = "ValueError",           [EXC_TYPE] = "TypeError",
        [EXC_KEY] = "KeyError",               [EXC_ATTRIBUTE] = "AttributeError",
        [EXC_NOT_IMPLEMENTED] = "NotImplementedError",
        [EXC_SYNTAX] = "SyntaxError",         [EXC_NAME] = "NameError",
        [EXC_ZERO_DIVISION] = "ZeroDivisionError",
        [EXC_OVERFLOW] = "OverflowError",
        [EXC_KEYBOARD_INTERRUPT] = "KeyboardInterrupt",
        [EXC_SYSTEM_EXIT] = "SystemExit",
    };
    return names[exc];
}
//< exceptions-table
