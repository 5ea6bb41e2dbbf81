// The line and word helpers the other files read text with (the lines
// themselves come from tools/common/lines.c).
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../common/lines.h"
#include "../common/text.h"

bool line_starts(const char *line, const char *prefix) {
    return strncmp(line, prefix, strlen(prefix)) == 0;
}

// Split text into words separated by blanks; returns the count (<= max).
int words(char *line, char **w, int max) {
    int n = 0;
    for (char *p = line; *p && n < max;) {
        while (*p == ' ' || *p == '\t') p++;
        if (!*p) break;
        w[n++] = p;
        while (*p && *p != ' ' && *p != '\t') p++;
        if (*p) *p++ = '\0';
    }
    return n;
}

// Count lines starting with `prefix`; with `name`, only "prefix name".
int count_lines(const char *text, const char *prefix, const char *name) {
    size_t n, k = strlen(prefix);
    Line *lines = split_lines(text, strlen(text), &n);
    int count = 0;
    for (size_t i = 0; i < n; i++) {
        if (!starts_with(lines[i].p, lines[i].len, prefix)) continue;
        const char *rest = lines[i].p + k;
        size_t rl = lines[i].len - k;
        while (rl > 0 && rest[rl - 1] == '\r') rl--;
        count += !name || (rl == strlen(name) && memcmp(rest, name, rl) == 0);
    }
    free(lines);
    return count;
}
