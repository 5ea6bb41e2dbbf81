// Growable strings, and printf into a new string.
//
// A StrBuf is always NUL-terminated once anything is in it, so s can be
// printed or searched as it grows. Start one zeroed: StrBuf b = {0};
#ifndef TOOLS_STRBUF_H
#define TOOLS_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__) || defined(__clang__)
#define TOOLS_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define TOOLS_PRINTF(fmt, args)
#endif

typedef struct {
    char *s;  // NULL until something (even "") is put in
    size_t len, cap;
} StrBuf;

void strbuf_put(StrBuf *b, const char *t, size_t n);
void strbuf_puts(StrBuf *b, const char *t);
void strbuf_putf(StrBuf *b, const char *fmt, ...) TOOLS_PRINTF(2, 3);

// The string (never NULL: "" when nothing was put), now the caller's to
// free; the buffer is left empty for reuse.
char *strbuf_take(StrBuf *b);

// strbuf_put and strbuf_putf for a string kept as three loose fields, as
// the Report (report.h) keeps its own.
void str_append(char **s, size_t *len, size_t *cap, const char *t, size_t n);
void str_vappendf(char **s, size_t *len, size_t *cap, const char *fmt, va_list ap)
    TOOLS_PRINTF(4, 0);

// printf into a new string, the caller's to free.
char *format(const char *fmt, ...) TOOLS_PRINTF(1, 2);
// The same with a va_list, which it leaves for the caller to va_end.
char *vformat(const char *fmt, va_list ap) TOOLS_PRINTF(1, 0);

#endif
