// Diagnostics: what a tool found, as "FILE:LINE: message" lines, and what
// it has to tell the user. The one report of lit and release: their
// libraries never print; they fill a Report, and main.c (or a test)
// decides what to do with it.
#ifndef TOOLS_REPORT_H
#define TOOLS_REPORT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"  // TOOLS_PRINTF

// One problem found, printed as "FILE:LINE: message" ("FILE: message" when
// line is 0, meaning the file as a whole).
typedef struct {
    char *file;
    int line;
    char *message;
    bool structural;  // lit: weave can't proceed (the blocks' text can't be computed)
} Diag;

// Start one zeroed (Report r = {0};) and free it with report_free.
typedef struct {
    Diag *diag;    // in the order found, until report_sort
    size_t ndiag, diagcap;
    char *err;     // the diagnostics, formatted, one per line, for stderr
    size_t errlen, errcap;
    char *out;     // what to tell the user when all went well (stdout)
    size_t outlen, outcap;
} Report;

// Add a diagnostic (to the list, and formatted to err).
void diag(Report *r, const char *file, int line, const char *fmt, ...) TOOLS_PRINTF(4, 5);
void vdiag(Report *r, bool structural, const char *file, int line, const char *fmt,
           va_list ap) TOOLS_PRINTF(5, 0);
// Add text for stdout.
void say(Report *r, const char *fmt, ...) TOOLS_PRINTF(2, 3);

// Order the diagnostics by file (in order of first mention), then by line,
// and format err afresh from them. Both err and out exist afterwards, even
// when empty, so callers can print them blindly.
void report_sort(Report *r);

void report_free(Report *r);

#endif
