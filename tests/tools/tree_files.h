// Files in a scratch copy of a fixture tree, for the tools' tests: each
// names a file by the tree's root and its path inside it, and fails the
// test (cmocka) when the file cannot be read or written.
#ifndef STRIDES_TEST_TREE_FILES_H
#define STRIDES_TEST_TREE_FILES_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static inline char *path_in(const char *root, const char *rel) {
    size_t n = strlen(root) + strlen(rel) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", root, rel);
    return p;
}

static inline char *read_all(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot read %s", path);
    size_t len = 0, cap = 1024;
    char *s = malloc(cap);
    assert_non_null(s);
    size_t n;
    while ((n = fread(s + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 512) {
            cap *= 2;
            s = realloc(s, cap);
            assert_non_null(s);
        }
    }
    fclose(f);
    s[len] = '\0';
    if (size) *size = len;
    return s;
}

static inline void write_all(const char *path, const char *data, size_t size) {
    FILE *f = fopen(path, "wb");
    if (!f) fail_msg("cannot write %s", path);
    assert_int_equal(fwrite(data, 1, size, f), size);
    assert_int_equal(fclose(f), 0);
}

// Create the directories leading to a file, like mkdir -p "$(dirname path)".
static inline void make_parents(char *path) {
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        mkdir(path, 0755);
        *p = '/';
    }
}

static inline char *slurp(const char *root, const char *rel) {
    char *p = path_in(root, rel);
    char *s = read_all(p, NULL);
    free(p);
    return s;
}

static inline void put(const char *root, const char *rel, const char *text) {
    char *p = path_in(root, rel);
    make_parents(p);
    write_all(p, text, strlen(text));
    free(p);
}

// Replace the first `old` in a file with `new`; the test fails if it's missing.
static inline void edit(const char *root, const char *rel, const char *old, const char *new) {
    char *s = slurp(root, rel);
    char *at = strstr(s, old);
    if (!at) fail_msg("'%s' not found in %s", old, rel);
    size_t before = (size_t)(at - s), olen = strlen(old), nlen = strlen(new);
    size_t after = strlen(at + olen);
    char *t = malloc(before + nlen + after + 1);
    assert_non_null(t);
    memcpy(t, s, before);
    memcpy(t + before, new, nlen);
    memcpy(t + before + nlen, at + olen, after + 1);
    put(root, rel, t);
    free(t);
    free(s);
}

static inline void append_to(const char *root, const char *rel, const char *text) {
    char *s = slurp(root, rel);
    size_t n = strlen(s), m = strlen(text);
    s = realloc(s, n + m + 1);
    assert_non_null(s);
    memcpy(s + n, text, m + 1);
    put(root, rel, s);
    free(s);
}

#endif
