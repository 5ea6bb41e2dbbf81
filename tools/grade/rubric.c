// The rubric, grading/rubric.txt:
//
//   exercise  3.2  sliding_window: overlapping rows
//   test      3.2  2  visible  exercises/ex03  sliding_window_of_arange
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"
#include "../common/xalloc.h"

static const char *const VISIBILITIES[] = {"visible", "hidden", "after_due_date",
                                           "after_published", NULL};

static bool valid_id(const char *s) {
    if (!*s) return false;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || *s == '.' || (*s >= 'a' && *s <= 'z') ||
              (*s >= 'A' && *s <= 'Z')))
            return false;
    return true;
}

int grade_rubric_parse(const char *path, const char *text, GradeRubric *rb, char **err) {
    memset(rb, 0, sizeof *rb);
    StrBuf e = {0};
    size_t excap = 0, testcap = 0;
    char *copy = xstrdup(text);
    int no = 0;
    for (char *line = copy, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        no++;
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char *w[8];
        char *rest = line;
        while (*rest == ' ' || *rest == '\t') rest++;
        if (strncmp(rest, "exercise", 8) == 0 && (rest[8] == ' ' || rest[8] == '\t')) {
            char *p = rest + 8;
            while (*p == ' ' || *p == '\t') p++;
            char *id = p;
            while (*p && *p != ' ' && *p != '\t') p++;
            if (*p) *p++ = '\0';
            while (*p == ' ' || *p == '\t') p++;
            size_t tl = strlen(p);
            while (tl > 0 && (p[tl - 1] == ' ' || p[tl - 1] == '\t' || p[tl - 1] == '\r')) tl--;
            if (!valid_id(id) || tl == 0) {
                strbuf_putf(&e, "%s:%d: expected: exercise ID TITLE\n", path, no);
                continue;
            }
            for (size_t i = 0; i < rb->nex; i++)
                if (strcmp(rb->ex[i].id, id) == 0)
                    strbuf_putf(&e, "%s:%d: exercise %s is declared twice\n", path, no, id);
            GROW(rb->ex, rb->nex, excap);
            rb->ex[rb->nex++] = (GradeExercise){xstrdup(id), xstrndup(p, tl)};
            continue;
        }
        for (char *c = line; *c; c++)
            if (*c == '\r') *c = ' ';
        int n = words(line, w, 8);
        if (n == 0) continue;
        if (strcmp(w[0], "test") != 0 || n != 6) {
            strbuf_putf(&e, "%s:%d: expected 'exercise ID TITLE' or 'test EXERCISE POINTS "
                            "VISIBILITY BINARY NAME'\n", path, no);
            continue;
        }
        char *end;
        double points = strtod(w[2], &end);
        bool ok = true;
        if (*end || !(points >= 0) || !isfinite(points)) {
            strbuf_putf(&e, "%s:%d: points must be a number >= 0, not '%s'\n", path, no, w[2]);
            ok = false;
        }
        bool vis = false;
        for (int i = 0; VISIBILITIES[i]; i++) vis |= strcmp(w[3], VISIBILITIES[i]) == 0;
        if (!vis) {
            strbuf_putf(&e, "%s:%d: visibility must be visible, hidden, after_due_date or "
                            "after_published, not '%s'\n", path, no, w[3]);
            ok = false;
        }
        if (strstr(w[4], "..") || w[4][0] == '/') {
            strbuf_putf(&e, "%s:%d: the binary must be a path under the test binaries: '%s'\n",
                        path, no, w[4]);
            ok = false;
        }
        bool declared = false;
        for (size_t i = 0; i < rb->nex; i++) declared |= strcmp(rb->ex[i].id, w[1]) == 0;
        if (!declared) {
            strbuf_putf(&e, "%s:%d: exercise %s is not declared (an 'exercise %s TITLE' line must "
                            "come first)\n", path, no, w[1], w[1]);
            ok = false;
        }
        for (size_t i = 0; i < rb->ntest; i++) {
            if (strcmp(rb->test[i].binary, w[4]) == 0 && strcmp(rb->test[i].name, w[5]) == 0) {
                strbuf_putf(&e, "%s:%d: %s %s is already graded at line %d\n", path, no, w[4], w[5],
                            rb->test[i].line);
                ok = false;
            }
        }
        if (!ok) continue;
        GROW(rb->test, rb->ntest, testcap);
        rb->test[rb->ntest++] = (GradeTest){xstrdup(w[1]), points, xstrdup(w[3]),
                                            xstrdup(w[4]), xstrdup(w[5]), no};
    }
    free(copy);
    for (size_t i = 0; i < rb->nex; i++) {
        bool used = false;
        for (size_t k = 0; k < rb->ntest; k++) used |= strcmp(rb->test[k].exercise, rb->ex[i].id) == 0;
        if (!used) strbuf_putf(&e, "%s: exercise %s has no tests\n", path, rb->ex[i].id);
    }
    *err = strbuf_take(&e);
    return **err ? 1 : 0;
}

void grade_rubric_free(GradeRubric *rb) {
    for (size_t i = 0; i < rb->nex; i++) {
        free(rb->ex[i].id);
        free(rb->ex[i].title);
    }
    for (size_t i = 0; i < rb->ntest; i++) {
        free(rb->test[i].exercise);
        free(rb->test[i].visibility);
        free(rb->test[i].binary);
        free(rb->test[i].name);
    }
    free(rb->ex);
    free(rb->test);
    memset(rb, 0, sizeof *rb);
}

const char *exercise_title(const GradeRubric *rb, const char *id) {
    for (size_t i = 0; i < rb->nex; i++)
        if (strcmp(rb->ex[i].id, id) == 0) return rb->ex[i].title;
    return "";
}
