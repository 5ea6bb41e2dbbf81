// The markers among a text's lines (read by tools/common/markers.c, the
// parser lit uses too), and small tests on lines (tools/common/lines.c
// splits texts into them).
#define _XOPEN_SOURCE 700
#include "release_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../common/lines.h"
#include "../common/markers.h"
#include "../common/strbuf.h"
#include "../common/text.h"
#include "../common/xalloc.h"

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
