// Step 4 of a grading, for people: the table, chapter by chapter, each
// exercise with its points and its failed tests, then the score.
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"

// Graded points of chapter `id`: earned into *got, possible into *max.
// False when the chapter has no graded test.
static bool chapter_points(const GradePlan *p, const char *id, double *got, double *max) {
    bool graded = false;
    *got = *max = 0;
    for (size_t i = 0; i < p->njobs; i++) {
        const Job *j = &p->jobs[i];
        if (!j->test || strcmp(j->chapter, id) != 0) continue;
        graded = true;
        *max += j->test->points;
        if (j->passed) *got += j->test->points;
    }
    return graded;
}

// One exercise's line, and a line for each of its failed tests.
static void exercise_rows(StrBuf *out, const GradePlan *p, const GradeExercise *ex) {
    double got = 0, max = 0;
    int passed = 0, tests = 0;
    for (size_t i = 0; i < p->njobs; i++) {
        const Job *j = &p->jobs[i];
        if (!j->test || strcmp(j->test->exercise, ex->id) != 0) continue;
        max += j->test->points;
        tests++;
        if (j->passed) got += j->test->points, passed++;
    }
    strbuf_putf(out, "  %-5s %-56.56s %5g / %-4g %d of %d tests\n", ex->id, ex->title, got, max,
                passed, tests);
    for (size_t i = 0; i < p->njobs; i++) {
        const Job *j = &p->jobs[i];
        if (!j->test || j->passed || strcmp(j->test->exercise, ex->id) != 0) continue;
        strbuf_putf(out, "          FAILED %s: %.*s\n", j->test->name,
                    (int)strcspn(j->why, "\n"), j->why);
    }
}

// A chapter's heading, its exercises in id order, then its library tests.
static void chapter_rows(StrBuf *out, const GradePlan *p, const Chapter *c) {
    double got, max;
    int pad = 58 - (int)strlen(c->title) - (int)strlen(c->id);
    if (chapter_points(p, c->id, &got, &max))
        strbuf_putf(out, "\nchapter %s  %s%*s%5g / %-4g\n", c->id, c->title, pad > 0 ? pad : 1,
                    "", got, max);
    else
        strbuf_putf(out, "\nchapter %s  %s%*s(no exercises)\n", c->id, c->title,
                    pad > 0 ? pad : 1, "");
    for (size_t e = 0; e < p->rb.nex; e++) {
        char *cid = chapter_of(p->rb.ex[e].id);
        if (strcmp(cid, c->id) == 0) exercise_rows(out, p, &p->rb.ex[e]);
        free(cid);
    }
    for (size_t i = 0; i < p->njobs; i++) {
        const Job *j = &p->jobs[i];
        if (j->test || strcmp(j->chapter, c->id) != 0) continue;
        strbuf_putf(out, "  %-5s library tests, %s (not graded): %s%s\n", "", j->binary,
                    j->passed ? "" : "FAILED: ", j->why ? j->why : "");
    }
}

void grade_table(StrBuf *out, const GradePlan *p, const GradeScore *s, const GradeOptions *o,
                 const char *isolation) {
    strbuf_putf(out, "\nStrides autograder (%s)\n%s", o->rubric,
                o->probe_dir ? "verdicts: the grader's, from what each test observed, against "
                               "the solutions' transcripts\n"
                             : "verdicts: the test programs' own (no probe programs given)\n");
    strbuf_puts(out, isolation);
    for (size_t c = 0; c < p->nch; c++) {
        bool any = false;
        for (size_t i = 0; i < p->njobs; i++) any |= strcmp(p->jobs[i].chapter, p->ch[c].id) == 0;
        if (any) chapter_rows(out, p, &p->ch[c]);
    }
    if (p->skipped)
        strbuf_putf(out, "\n(%zu graded test%s of chapters not in %s skipped)\n", p->skipped,
                    p->skipped == 1 ? "" : "s", o->manifest);
    strbuf_putf(out, "\nscore: %g / %g points (%d of %d graded tests passed)\n", s->score,
                s->max_score, s->graded_passed, s->graded_passed + s->graded_failed);
}
