// The rubric, grading/rubric.txt:
//
//   exercise  3.2  sliding_window: overlapping rows
//   test      3.2  2  visible  exercises/ex03  sliding_window_of_arange
//   predict   3.P  1  visible  chapters/03-view/predict.txt
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

// The parse under way: the rubric so far, and the messages.
typedef struct {
    const char *path;
    GradeRubric *rb;
    size_t excap, testcap, predictcap;
    StrBuf e;
} Parse;

// "exercise ID TITLE": `rest` is the line after the keyword.
static void exercise_line(Parse *ps, int no, char *rest) {
    GradeRubric *rb = ps->rb;
    char *p = rest;
    while (*p == ' ' || *p == '\t') p++;
    char *id = p;
    while (*p && *p != ' ' && *p != '\t') p++;
    if (*p) *p++ = '\0';
    while (*p == ' ' || *p == '\t') p++;
    size_t tl = strlen(p);
    while (tl > 0 && (p[tl - 1] == ' ' || p[tl - 1] == '\t' || p[tl - 1] == '\r')) tl--;
    if (!valid_id(id) || tl == 0) {
        strbuf_putf(&ps->e, "%s:%d: expected: exercise ID TITLE\n", ps->path, no);
        return;
    }
    for (size_t i = 0; i < rb->nex; i++)
        if (strcmp(rb->ex[i].id, id) == 0)
            strbuf_putf(&ps->e, "%s:%d: exercise %s is declared twice\n", ps->path, no, id);
    GROW(rb->ex, rb->nex, ps->excap);
    rb->ex[rb->nex++] = (GradeExercise){xstrdup(id), xstrndup(p, tl)};
}

// Is "test EXERCISE POINTS VISIBILITY BINARY NAME" (its words w) right?
// Every mistake is reported; the points come back in *points.
static bool test_line_ok(Parse *ps, int no, char **w, double *points) {
    const GradeRubric *rb = ps->rb;
    char *end;
    bool ok = true;
    *points = strtod(w[2], &end);
    if (*end || !(*points >= 0) || !isfinite(*points)) {
        strbuf_putf(&ps->e, "%s:%d: points must be a number >= 0, not '%s'\n", ps->path, no,
                    w[2]);
        ok = false;
    }
    bool vis = false;
    for (int i = 0; VISIBILITIES[i]; i++) vis |= strcmp(w[3], VISIBILITIES[i]) == 0;
    if (!vis) {
        strbuf_putf(&ps->e, "%s:%d: visibility must be visible, hidden, after_due_date or "
                            "after_published, not '%s'\n", ps->path, no, w[3]);
        ok = false;
    }
    if (strstr(w[4], "..") || w[4][0] == '/') {
        strbuf_putf(&ps->e, "%s:%d: the binary must be a path under the test binaries: '%s'\n",
                    ps->path, no, w[4]);
        ok = false;
    }
    bool declared = false;
    for (size_t i = 0; i < rb->nex; i++) declared |= strcmp(rb->ex[i].id, w[1]) == 0;
    if (!declared) {
        strbuf_putf(&ps->e, "%s:%d: exercise %s is not declared (an 'exercise %s TITLE' line "
                            "must come first)\n", ps->path, no, w[1], w[1]);
        ok = false;
    }
    for (size_t i = 0; i < rb->ntest; i++) {
        if (strcmp(rb->test[i].binary, w[4]) == 0 && strcmp(rb->test[i].name, w[5]) == 0) {
            strbuf_putf(&ps->e, "%s:%d: %s %s is already graded at line %d\n", ps->path, no,
                        w[4], w[5], rb->test[i].line);
            ok = false;
        }
    }
    return ok;
}

// "predict EXERCISE POINTS-PER-ANSWER VISIBILITY FILE" (its words w).
static void predict_line(Parse *ps, int no, char **w) {
    char *fake[6] = {w[0], w[1], w[2], w[3], w[4], ""};
    double points;
    if (!test_line_ok(ps, no, fake, &points)) return;
    GradeRubric *rb = ps->rb;
    for (size_t i = 0; i < rb->npredict; i++)
        if (strcmp(rb->predict[i].file, w[4]) == 0)
            strbuf_putf(&ps->e, "%s:%d: %s is already graded at line %d\n", ps->path, no, w[4],
                        rb->predict[i].line);
    GROW(rb->predict, rb->npredict, ps->predictcap);
    rb->predict[rb->npredict++] = (GradePredict){xstrdup(w[1]), points, xstrdup(w[3]),
                                                 xstrdup(w[4]), no};
}

// Any other line: blank, a test, or a predict set.
static void test_line(Parse *ps, int no, char *line) {
    char *w[8];
    for (char *c = line; *c; c++)
        if (*c == '\r') *c = ' ';
    int n = words(line, w, 8);
    if (n == 0) return;
    if (strcmp(w[0], "predict") == 0 && n == 5) {
        predict_line(ps, no, w);
        return;
    }
    if (strcmp(w[0], "test") != 0 || n != 6) {
        strbuf_putf(&ps->e, "%s:%d: expected 'exercise ID TITLE', 'test EXERCISE POINTS "
                            "VISIBILITY BINARY NAME' or 'predict EXERCISE POINTS "
                            "VISIBILITY FILE'\n", ps->path, no);
        return;
    }
    double points;
    if (!test_line_ok(ps, no, w, &points)) return;
    GradeRubric *rb = ps->rb;
    GROW(rb->test, rb->ntest, ps->testcap);
    rb->test[rb->ntest++] = (GradeTest){xstrdup(w[1]), points, xstrdup(w[3]), xstrdup(w[4]),
                                        xstrdup(w[5]), no};
}

int grade_rubric_parse(const char *path, const char *text, GradeRubric *rb, char **err) {
    memset(rb, 0, sizeof *rb);
    Parse ps = {.path = path, .rb = rb};
    char *copy = xstrdup(text);
    int no = 0;
    for (char *line = copy, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        no++;
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char *rest = line;
        while (*rest == ' ' || *rest == '\t') rest++;
        if (strncmp(rest, "exercise", 8) == 0 && (rest[8] == ' ' || rest[8] == '\t'))
            exercise_line(&ps, no, rest + 8);
        else
            test_line(&ps, no, line);
    }
    free(copy);
    for (size_t i = 0; i < rb->nex; i++) {
        bool used = false;
        for (size_t k = 0; k < rb->ntest; k++) used |= strcmp(rb->test[k].exercise, rb->ex[i].id) == 0;
        for (size_t k = 0; k < rb->npredict; k++)
            used |= strcmp(rb->predict[k].exercise, rb->ex[i].id) == 0;
        if (!used) strbuf_putf(&ps.e, "%s: exercise %s has no tests\n", path, rb->ex[i].id);
    }
    *err = strbuf_take(&ps.e);
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
    for (size_t i = 0; i < rb->npredict; i++) {
        free(rb->predict[i].exercise);
        free(rb->predict[i].visibility);
        free(rb->predict[i].file);
    }
    free(rb->ex);
    free(rb->test);
    free(rb->predict);
    memset(rb, 0, sizeof *rb);
}

const char *exercise_title(const GradeRubric *rb, const char *id) {
    for (size_t i = 0; i < rb->nex; i++)
        if (strcmp(rb->ex[i].id, id) == 0) return rb->ex[i].title;
    return "";
}

// The chapter of an exercise: "3.2" -> "3".
char *chapter_of(const char *exercise) {
    const char *dot = strchr(exercise, '.');
    return xstrndup(exercise, dot ? (size_t)(dot - exercise) : strlen(exercise));
}
