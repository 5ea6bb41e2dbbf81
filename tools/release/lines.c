// Text as lines, and the markers among them (read by tools/common/markers.c,
// the parser lit uses too).
#define _XOPEN_SOURCE 700
#include "release_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../common/markers.h"
#include "../common/strbuf.h"
#include "../common/text.h"
#include "../common/xalloc.h"

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

void trim_blanks(const char **p, size_t *n) {
    while (*n > 0 && (**p == ' ' || **p == '\t')) (*p)++, (*n)--;
    while (*n > 0 && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t' || (*p)[*n - 1] == '\r')) (*n)--;
}

bool contains(const char *p, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(p + i, needle, k) == 0) return true;
    return false;
}

bool is_ident(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

Line *read_lines(const char *root, const char *rel, char **data, size_t *n) {
    char *full = format("%s/%s", root, rel);
    size_t size;
    *data = read_file(full, &size);
    free(full);
    *n = 0;
    return *data ? split_lines(*data, size, n) : NULL;
}

int kind_of(const Line *l) {
    const char *name;
    size_t nlen;
    if (region_marker(l->p, l->len, &name, &nlen)) return REGION;
    switch (marker_parse(l->p, l->len).kind) {
    case MARKER_BEGIN: return BEGIN;
    case MARKER_END: return END;
    case MARKER_STUB: return STUB;
    case MARKER_MALFORMED: return MALFORMED;
    default: return PLAIN;
    }
}

size_t indent_of(const Line *l) {
    size_t i = 0;
    while (i < l->len && (l->p[i] == ' ' || l->p[i] == '\t')) i++;
    return i;
}
