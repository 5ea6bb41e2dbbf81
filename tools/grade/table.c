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

// What an exercise's line says after its points: the first failed test
// (its name, and why in short), or that a stub stopped them all.
static void exercise_verdict(StrBuf *out, const GradePlan *p, const GradeExercise *ex) {
    const Job *first = NULL;
    int failed = 0, stubbed = 0;
    for (size_t i = 0; i < p->njobs; i++) {
        const Job *j = &p->jobs[i];
        if (!j->test || j->passed || strcmp(j->test->exercise, ex->id) != 0) continue;
        if (!first) first = j;
        failed++;
        stubbed += j->stub != NULL && strcmp(j->stub, first->stub ? first->stub : "") == 0;
    }
    if (!first) strbuf_puts(out, "\n");
    else if (stubbed == failed && job_blocked_by(first))
        strbuf_putf(out, " — blocked by exercise %s\n", first->stub);
    else if (stubbed == failed)
        strbuf_puts(out, " — not implemented yet\n");
    else
        strbuf_putf(out, " — failed: %s: %.*s%s\n", first->test->name,
                    (int)strcspn(first->why, "\n"), first->why,
                    failed > 1 ? " (and more, below)" : "");
}

// One exercise's line: "3.2 view strides: 3/5 — failed: NAME: WHY".
static void exercise_rows(StrBuf *out, const GradePlan *p, const GradeExercise *ex) {
    double got = 0, max = 0;
    for (size_t i = 0; i < p->njobs; i++) {
        const Job *j = &p->jobs[i];
        if (!j->test || strcmp(j->test->exercise, ex->id) != 0) continue;
        max += j->test->points;
        if (j->passed) got += j->test->points;
    }
    strbuf_putf(out, "  %s %s: %g/%g", ex->id, ex->title, got, max);
    exercise_verdict(out, p, ex);
}

// After the chapters: every failed graded test, and why, for the details.
static void failed_rows(StrBuf *out, const GradePlan *p) {
    bool any = false;
    for (size_t i = 0; i < p->njobs; i++) {
        const Job *j = &p->jobs[i];
        if (!j->test || j->passed) continue;
        if (!any) strbuf_puts(out, "\nfailed tests, and why:\n");
        any = true;
        strbuf_putf(out, "  %-5s FAILED %s: %.*s\n", j->test->exercise, j->test->name,
                    (int)strcspn(j->why, "\n"), j->why);
    }
}

// A chapter's heading, its exercises in id order, then its library tests.
static void chapter_rows(StrBuf *out, const GradePlan *p, const Chapter *c) {
    double got, max;
    int pad = 58 - (int)strlen(c->title) - (int)strlen(c->id);
    bool graded = chapter_points(p, c->id, &got, &max);
    if (graded)
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
        const char *why = j->why ? j->why : "";
        size_t n = strlen(why);
        while (n > 0 && why[n - 1] == '\n') n--;  // a list of tests ends with one
        strbuf_putf(out, "  library tests, %s (not graded): %s%.*s\n", j->binary,
                    j->passed ? "" : "FAILED: ", (int)n, why);
    }
    if (graded) strbuf_putf(out, "  chapter %s subtotal: %g/%g\n", c->id, got, max);
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
    failed_rows(out, p);
    strbuf_putf(out, "\nscore: %g / %g points (%d of %d graded tests passed)\n", s->score,
                s->max_score, s->graded_passed,
                s->graded_passed + s->graded_failed + s->graded_blocked);
    if (s->blocked)
        strbuf_putf(out, "blocked: %d test%s (%d graded) failed only because an exercise they "
                         "need is not done yet; finish that exercise first\n",
                    s->blocked, s->blocked == 1 ? "" : "s", s->graded_blocked);
}
