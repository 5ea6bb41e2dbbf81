// Files as lines, and the small tests on text the other files use.
#include "lit_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"
#include "../common/xalloc.h"

// Read a whole file and split it into lines. Returns 0, or an errno value.
int text_read(Text *t, const char *path) {
    memset(t, 0, sizeof *t);
    FILE *f = fopen(path, "rb");
    if (!f) return errno;
    size_t cap = 0;
    for (;;) {
        if (cap - t->size < 4096) {
            cap = cap ? 2 * cap : 8192;
            t->data = xrealloc(t->data, cap);
        }
        size_t n = fread(t->data + t->size, 1, cap - t->size - 1, f);
        t->size += n;
        if (n == 0) break;
    }
    int err = ferror(f) ? (errno ? errno : EIO) : 0;
    fclose(f);
    if (err) {
        free(t->data);
        t->data = NULL;
        t->size = 0;
        return err;
    }
    t->data[t->size] = '\0';
    for (size_t i = 0; i < t->size;) {
        const char *nl = memchr(t->data + i, '\n', t->size - i);
        size_t end = nl ? (size_t)(nl - t->data) : t->size;
        size_t len = end - i;
        if (len > 0 && t->data[i + len - 1] == '\r') len--;
        GROW(t->line, t->nline, t->linecap);
        t->line[t->nline++] = (Line){i, len, nl ? end + 1 : end};
        i = nl ? end + 1 : end;
    }
    return 0;
}

void text_free(Text *t) {
    free(t->data);
    free(t->line);
    memset(t, 0, sizeof *t);
}

const char *line_at(const Text *t, size_t i) { return t->data + t->line[i].start; }

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

// Trim a (pointer, length) string in place on both sides.
void trim(const char **p, size_t *n) {
    while (*n > 0 && is_space(**p)) (*p)++, (*n)--;
    while (*n > 0 && is_space((*p)[*n - 1])) (*n)--;
}

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
}

bool is_name(const char *p, size_t n) {
    if (n == 0) return false;
    for (size_t i = 0; i < n; i++)
        if (!is_name_char(p[i])) return false;
    return true;
}

bool same_name(const char *a, size_t alen, const char *b, size_t blen) {
    return alen == blen && memcmp(a, b, alen) == 0;
}

char *join_path(const char *root, const char *rel) { return format("%s/%s", root, rel); }
