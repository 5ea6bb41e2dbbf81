//> error-api
// How Strides reports failure: a function that fails returns NULL (or -1)
// and leaves a message behind, the way errno and dlerror() do. The message
// is PyTorch's own text wherever PyTorch has one.
#ifndef STRIDES_ERROR_H
#define STRIDES_ERROR_H

#include <stdint.h>

#if defined(__GNUC__)
#define STRIDES_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define STRIDES_PRINTF(fmt, args)
#endif

// The message of the most recent failure in this thread ("" if none yet).
const char *strides_error(void);

// Record a failure. Always returns -1, so a function returning int can
// write `return set_error(...);`.
int set_error(const char *fmt, ...) STRIDES_PRINTF(1, 2);

// The message for a failed allocation of `bytes` bytes (PyTorch's text).
int set_alloc_error(int64_t bytes);

// Forget the last message (tests use it to prove that a call set one).
void clear_error(void);
//< error-api

//> error-exercises
// The error an exercise reports until it is done: "not implemented:
// exercise 3.2". Always returns -1, like set_error().
int not_implemented(const char *exercise);

#endif
//< error-exercises
