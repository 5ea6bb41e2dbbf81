//> text-api
// A growable string, for everything Strides prints: a tensor's repr, the
// DOT text of a figure, later a module's repr and the REPL's JSON.
// Appending never fails loudly: it remembers the failure, and
// text_take() reports it once at the end, so callers don't check every
// single append.
#ifndef STRIDES_TEXT_H
#define STRIDES_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef struct Text {
    char  *s;       // NUL-terminated; NULL until the first append
    size_t len;     // characters used, without the NUL
    size_t cap;     // bytes allocated
    bool   failed;  // an allocation failed; the text is incomplete
} Text;

void  text_append(Text *t, const char *fmt, ...) STRIDES_PRINTF(2, 3);
void  text_repeat(Text *t, char c, int count);

// Hand the finished string to the caller (who frees it), or NULL with
// error_message() set if any append ran out of memory. Resets `t`.
char *text_take(Text *t);
void  text_free(Text *t);

// Write `text` to the file at `path` (replacing it): 0, or -1 with
// error_message() saying which file and why.
int   text_write_file(const char *path, const char *text);

#endif
//< text-api
