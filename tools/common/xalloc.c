// Allocation that stops the program when memory runs out (xalloc.h).
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *program;
static int oom_status = 1;

void xalloc_name_program(const char *name, int exit_status) {
    program = name;
    oom_status = exit_status;
}

void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p) {
        if (program) {
            fputs(program, stderr);
            fputs(": ", stderr);
        }
        fputs("out of memory\n", stderr);
        exit(oom_status);
    }
    return p;
}

char *xstrndup(const char *s, size_t n) {
    char *d = xrealloc(NULL, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }
