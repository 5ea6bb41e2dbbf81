// The small tests on text the other files use (tools/common/lines.c splits
// the files into lines).
#include "lit_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"
#include "../common/xalloc.h"

const char *line_at(const Text *t, size_t i) { return t->line[i].p; }

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
