// Predict files (chapters/NN-name/predict.txt) ship blanked: every
// question's answer, after its last "=>", becomes "?". A question line is
// any line but a comment (#) or a setup line (>>>) that has "=>". The
// answers are the key the grader keeps (tools/grade/predict.c), so the
// lines with answers are secrets, and a release whose predict file holds
// an answer leaks one.
#define _XOPEN_SOURCE 700
#include "release_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"

bool is_predict_file(const char *rel) {
    size_t n = strlen(rel);
    return strncmp(rel, "chapters/", 9) == 0 && n > 12 && strcmp(rel + n - 12, "/predict.txt") == 0;
}

// Where a question's answer starts (after "=>" and its blanks), or NULL
// if the line is not a question.
static const char *answer_at(const Line *l) {
    const char *p = l->p, *end = l->p + l->len;
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    if (p == end || *p == '#' || (end - p >= 3 && strncmp(p, ">>>", 3) == 0)) return NULL;
    const char *arrow = NULL;
    for (const char *a = p; a + 1 < end; a++)
        if (a[0] == '=' && a[1] == '>') arrow = a;
    if (!arrow) return NULL;
    const char *ans = arrow + 2;
    while (ans < end && (*ans == ' ' || *ans == '\t')) ans++;
    return ans;
}

char *predict_blank(const char *data, size_t size, size_t *outsize,
                    void (*secret)(void *ctx, const char *line, size_t len, int no), void *ctx) {
    size_t n;
    Line *lines = split_lines(data, size, &n);
    StrBuf b = {0};
    for (size_t k = 0; k < n; k++) {
        const Line *l = &lines[k];
        const char *ans = answer_at(l);
        const char *end = l->p + l->len;
        size_t alen = ans ? (size_t)(end - ans) : 0;
        while (alen > 0 && (ans[alen - 1] == ' ' || ans[alen - 1] == '\r')) alen--;
        if (!ans || (alen == 1 && *ans == '?')) {
            strbuf_put(&b, l->p, l->full);
            continue;
        }
        if (secret) secret(ctx, l->p, l->len, (int)k + 1);
        strbuf_put(&b, l->p, (size_t)(ans - l->p));
        strbuf_put(&b, "?", 1);
        strbuf_put(&b, end, l->full - l->len);  // the line's end, as it was
    }
    free(lines);
    *outsize = b.len;
    return strbuf_take(&b);
}

bool predict_has_answers(const char *data, size_t size) {
    size_t outsize;
    char *blanked = predict_blank(data, size, &outsize, NULL, NULL);
    bool has = outsize != size || memcmp(blanked, data, size) != 0;
    free(blanked);
    return has;
}
