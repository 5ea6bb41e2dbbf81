// The chapter manifest, chapters/chapters.txt, as far as grading needs it:
// each chapter's id, title and library tests.
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"
#include "../common/text.h"
#include "../common/xalloc.h"

Chapter *read_manifest(const char *path, size_t *n) {
    char *text = read_file(path, NULL);
    *n = 0;
    if (!text) return NULL;
    Chapter *ch = NULL;
    size_t cap = 0;
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char *w[16];
        int k = words(line, w, 16);
        if (k < 5) continue;
        GROW(ch, *n, cap);
        Chapter *c = &ch[(*n)++];
        memset(c, 0, sizeof *c);
        c->id = xstrdup(w[0]);
        StrBuf t = {0};
        for (int i = 4; i < k; i++) strbuf_putf(&t, "%s%s", i > 4 ? " " : "", w[i]);
        c->title = strbuf_take(&t);
        if (strcmp(w[3], "-") != 0) {
            for (char *tok = strtok(w[3], ","); tok; tok = strtok(NULL, ",")) {
                c->tests = xrealloc(c->tests, (c->ntests + 1) * sizeof *c->tests);
                c->tests[c->ntests++] = xstrdup(tok);
            }
        }
    }
    free(text);
    return ch;
}

void chapters_free(Chapter *ch, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(ch[i].id);
        free(ch[i].title);
        for (size_t k = 0; k < ch[i].ntests; k++) free(ch[i].tests[k]);
        free(ch[i].tests);
    }
    free(ch);
}

// The chapter of an exercise: "3.2" -> "3".
char *chapter_of(const char *exercise) {
    const char *dot = strchr(exercise, '.');
    return xstrndup(exercise, dot ? (size_t)(dot - exercise) : strlen(exercise));
}
