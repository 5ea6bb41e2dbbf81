// Allocation for the tools: lit, release and grade.
//
// Running out of memory isn't bad input, and there is nothing sensible left
// to do: these functions print "PROGRAM: out of memory" and exit, rather
// than have every caller check every allocation.
#ifndef TOOLS_XALLOC_H
#define TOOLS_XALLOC_H

#include <stddef.h>

// Name the program in that message, and choose its exit status (grade's
// status 2 means "grading was impossible"). Each main() calls this first;
// until then the message is just "out of memory" and the status is 1.
void xalloc_name_program(const char *name, int exit_status);

// realloc that never fails; a size of 0 still gives a pointer to free.
void *xrealloc(void *p, size_t n);

// The first n bytes of s, as a new NUL-terminated string.
char *xstrndup(const char *s, size_t n);
char *xstrdup(const char *s);

// Make room for one more element in a growable array: arr holds n
// elements and has room for cap.
#define GROW(arr, n, cap)                                          \
    do {                                                           \
        if ((n) == (cap)) {                                        \
            (cap) = (cap) ? 2 * (cap) : 8;                         \
            (arr) = xrealloc((arr), (cap) * sizeof *(arr));        \
        }                                                          \
    } while (0)

#endif
