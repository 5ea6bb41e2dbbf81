//> text-impl
#include "text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Make room for `extra` more characters plus the NUL, doubling the
// buffer so that n appends cost O(n) copying in total.
static bool reserve(Text *t, size_t extra) {
    if (t->failed) return false;
    size_t need = t->len + extra + 1;
    if (need <= t->cap) return true;
    size_t cap = t->cap ? t->cap : 64;
    while (cap < need) cap *= 2;
    char *s = realloc(t->s, cap);
    if (s == NULL) {
        t->failed = true;
        error_set_alloc((int64_t)cap);
        return false;
    }
    t->s = s;
    t->cap = cap;
    return true;
}

void text_append(Text *t, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    int n = vsnprintf(NULL, 0, fmt, args);  // measure first...
    va_end(args);
    if (n < 0 || !reserve(t, (size_t)n)) return;
    va_start(args, fmt);
    vsnprintf(t->s + t->len, (size_t)n + 1, fmt, args);  // ...then write
    va_end(args);
    t->len += (size_t)n;
}

void text_repeat(Text *t, char c, int count) {
    if (count <= 0 || !reserve(t, (size_t)count)) return;
    for (int i = 0; i < count; i++) t->s[t->len++] = c;
    t->s[t->len] = '\0';
}

char *text_take(Text *t) {
    if (!reserve(t, 0)) {  // also makes an empty text a real ""
        text_free(t);
        return NULL;  // reserve() set the message when it failed
    }
    t->s[t->len] = '\0';
    char *s = t->s;
    *t = (Text){0};
    return s;
}

void text_free(Text *t) {
    free(t->s);
    *t = (Text){0};
}

int text_write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (f == NULL) return error_set(ERR_RUNTIME, "cannot write %s: %s", path, strerror(errno));
    bool written = fputs(text, f) >= 0;
    if (fclose(f) != 0 || !written) {
        return error_set(ERR_RUNTIME, "cannot write %s: %s", path, strerror(errno));
    }
    return 0;
}
//< text-impl
