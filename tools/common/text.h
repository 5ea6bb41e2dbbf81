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

// Blanks, as the tools see them: any white space but the end of a line.
bool is_space(char c);
// Trim a (pointer, length) string in place on both sides.
void trim(const char **p, size_t *n);
// Names of regions and chapters: letters, digits, '_' and '-'.
bool is_name_char(char c);
bool is_name(const char *p, size_t n);
bool same_name(const char *a, size_t alen, const char *b, size_t blen);

#endif
