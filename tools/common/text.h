// Text as the tools take it in: whole files, and slices of them.
//
// A slice is a (pointer, length) pair into a larger text, not
// NUL-terminated: a line, say, without its "\n".
#ifndef TOOLS_TEXT_H
#define TOOLS_TEXT_H

#include <stdbool.h>
#include <stddef.h>

// The whole file, NUL-terminated (so text files can be used as strings),
// and its size in *size unless size is NULL. NULL, with errno set, when it
// cannot be opened.
char *read_file(const char *path, size_t *size);

bool starts_with(const char *p, size_t n, const char *prefix);
bool ends_with(const char *p, size_t n, const char *suffix);

#endif
