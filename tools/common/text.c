// Whole files, and slices of text (text.h).
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

char *read_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    StrBuf b = {0};
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) strbuf_put(&b, chunk, got);
    bool failed = ferror(f);
    fclose(f);
    if (failed) {  // a read error: no partial text passes for the file
        free(strbuf_take(&b));
        errno = EIO;
        return NULL;
    }
    if (size) *size = b.len;
    return strbuf_take(&b);
}

bool starts_with(const char *p, size_t n, const char *prefix) {
    size_t k = strlen(prefix);
    return n >= k && memcmp(p, prefix, k) == 0;
}

bool ends_with(const char *p, size_t n, const char *suffix) {
    size_t k = strlen(suffix);
    return n >= k && memcmp(p + n - k, suffix, k) == 0;
}

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
