// Instructor-only blocks: dropped from every text file of the release.
#define _XOPEN_SOURCE 700
#include "release_internal.h"

#include <stdlib.h>

#include "../common/strbuf.h"
#include "../common/text.h"

static int instructor_marker(const Line *l) {
    const char *p = l->p;
    size_t n = l->len;
    trim_blanks(&p, &n);
    if (!(starts_with(p, n, "#") || starts_with(p, n, "//") || starts_with(p, n, "/*") ||
          starts_with(p, n, "<!--")))
        return 0;
    if (contains(p, n, "BEGIN INSTRUCTOR ONLY")) return BEGIN;
    if (contains(p, n, "END INSTRUCTOR ONLY")) return END;
    return 0;
}

int release_drop_instructor_blocks(const char *path, const char *text, size_t size,
                                   char **out, size_t *outsize, ReleaseReport *r) {
    size_t nerr = r->nerr, n;
    Line *lines = split_lines(text, size, &n);
    StrBuf b = {0};
    int open = 0;
    for (size_t i = 0; i < n; i++) {
        int k = instructor_marker(&lines[i]);
        if (k == BEGIN) {
            if (open) diag(r, path, (int)i + 1, "BEGIN INSTRUCTOR ONLY inside the block "
                                               "opened at line %d", open);
            open = (int)i + 1;
        } else if (k == END) {
            if (!open) diag(r, path, (int)i + 1, "END INSTRUCTOR ONLY without a BEGIN");
            open = 0;
        } else if (!open) {
            strbuf_put(&b, lines[i].p, lines[i].full);
        }
    }
    if (open) diag(r, path, open, "BEGIN INSTRUCTOR ONLY is never closed");
    free(lines);
    if (r->nerr > nerr) {
        free(b.s);
        *out = NULL;
        return 1;
    }
    *outsize = b.len;
    *out = strbuf_take(&b);
    return 0;
}
