// Text as lines (lines.h).
#include "lines.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

Line *split_lines(const char *text, size_t size, size_t *n) {
    Line *v = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t i = 0; i < size;) {
        const char *nl = memchr(text + i, '\n', size - i);
        size_t end = nl ? (size_t)(nl - text) + 1 : size;
        size_t len = end - i - (nl ? 1 : 0);
        if (len > 0 && text[i + len - 1] == '\r') len--;
        GROW(v, *n, cap);
        v[(*n)++] = (Line){text + i, len, end - i};
        i = end;
    }
    return v;
}

int text_read(Text *t, const char *path) {
    memset(t, 0, sizeof *t);
    errno = 0;
    t->data = read_file(path, &t->size);
    if (!t->data) return errno ? errno : EIO;
    t->line = split_lines(t->data, t->size, &t->nline);
    return 0;
}

void text_free(Text *t) {
    free(t->data);
    free(t->line);
    memset(t, 0, sizeof *t);
}
