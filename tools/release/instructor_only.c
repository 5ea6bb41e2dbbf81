// Instructor-only blocks: dropped from every text file of the release.
#define _XOPEN_SOURCE 700
#include "release.h"
#include "release_internal.h"

#include <stdlib.h>

#include "../common/strbuf.h"
#include "../common/text.h"
#include "../common/xalloc.h"

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

Line *shipped_lines(const char *path, const Line *lines, size_t n, size_t *nkept, int **no,
                    Report *r) {
    Line *kept = xrealloc(NULL, (n + 1) * sizeof *kept);
    *no = xrealloc(NULL, (n + 1) * sizeof **no);
    *nkept = 0;
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
            (*no)[*nkept] = (int)i + 1;
            kept[(*nkept)++] = lines[i];
        }
    }
    if (open) diag(r, path, open, "BEGIN INSTRUCTOR ONLY is never closed");
    return kept;
}

// A text where solutions may not be marked (not C code of src/ or
// chapters/): its solution markers, and lines that mention one, would
// ship as they are.
static void refuse_markers(const char *path, const Line *kept, size_t n, const int *no,
                           Report *r) {
    for (size_t i = 0; i < n; i++) {
        int k = kind_of(&kept[i]);
        if (k == BEGIN || k == END || k == MALFORMED)
            diag(r, path, no[i], "a solution marker outside the C files of src/ and "
                 "chapters/: this line would ship as it is. Solutions go only there (a file "
                 "with one is handed in, and the grader takes the student's copy); reword "
                 "it, or put it in an instructor-only block");
    }
}

int release_clean_text(const char *path, const char *text, size_t size, char **out,
                       size_t *outsize, Report *r) {
    size_t nerr = r->ndiag, n, nkept;
    int *no;
    Line *lines = split_lines(text, size, &n);
    Line *kept = shipped_lines(path, lines, n, &nkept, &no, r);
    refuse_markers(path, kept, nkept, no, r);
    StrBuf b = {0};
    for (size_t i = 0; i < nkept; i++) strbuf_put(&b, kept[i].p, kept[i].full);
    free(kept);
    free(no);
    free(lines);
    if (r->ndiag > nerr) {
        free(b.s);
        *out = NULL;
        *outsize = 0;
        return 1;
    }
    *outsize = b.len;
    *out = strbuf_take(&b);
    return 0;
}
