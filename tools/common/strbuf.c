// Growable strings, and printf into a new string (strbuf.h).
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void str_append(char **s, size_t *len, size_t *cap, const char *t, size_t n) {
    if (*len + n + 1 > *cap) {
        size_t c = *cap ? *cap : 64;
        while (c < *len + n + 1) c *= 2;
        *s = xrealloc(*s, c);
        *cap = c;
    }
    memcpy(*s + *len, t, n);
    *len += n;
    (*s)[*len] = '\0';
}

void strbuf_put(StrBuf *b, const char *t, size_t n) { str_append(&b->s, &b->len, &b->cap, t, n); }

void strbuf_puts(StrBuf *b, const char *t) { strbuf_put(b, t, strlen(t)); }

void str_vappendf(char **s, size_t *len, size_t *cap, const char *fmt, va_list ap) {
    char *t = vformat(fmt, ap);
    str_append(s, len, cap, t, strlen(t));
    free(t);
}

void strbuf_putf(StrBuf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    str_vappendf(&b->s, &b->len, &b->cap, fmt, ap);
    va_end(ap);
}

char *strbuf_take(StrBuf *b) {
    if (!b->s) strbuf_put(b, "", 0);
    char *s = b->s;
    memset(b, 0, sizeof *b);
    return s;
}

char *vformat(const char *fmt, va_list ap) {
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) n = 0;
    char *s = xrealloc(NULL, (size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *format(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = vformat(fmt, ap);
    va_end(ap);
    return s;
}
