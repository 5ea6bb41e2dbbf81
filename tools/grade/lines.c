// The line and word helpers the other files read text with.
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <string.h>

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
    int n = 0;
    size_t k = strlen(prefix);
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len >= k && memcmp(line, prefix, k) == 0) {
            if (!name) n++;
            else {
                size_t nl = strlen(name);
                const char *rest = line + k;
                size_t rl = len - k;
                while (rl > 0 && rest[rl - 1] == '\r') rl--;
                if (rl == nl && memcmp(rest, name, nl) == 0) n++;
            }
        }
        line = end ? end + 1 : NULL;
    }
    return n;
}
