// grade: the whole grading run (grade.h), in four steps, each in a file of
// its own: plan (plan.c), run (run.c), score (score.c), emit (table.c,
// results.c); or, recording, plan, run and record (record.c).
// grade_internal.h maps the rest.
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <stdlib.h>

#include "../common/strbuf.h"

// Score the runs and tell: the table, the files, the expectations.
static int emit(const GradePlan *p, const GradeOptions *o, const char *isolation,
                double started, StrBuf *out, StrBuf *err) {
    GradeScore s = grade_score(p);
    grade_table(out, p, &s, o, isolation);
    int rc = grade_write_results(p, &s, o, started, out, err);
    int expectations = grade_check_expectations(p, o->expect, out, err);
    strbuf_putf(out, "%d passed, %d failed\n", s.passed, s.failed);
    return rc ? rc : expectations;
}

// Plan, run, then score and emit (or record). A grading that could not be
// done (status 2 before anything ran) still leaves a results.json that
// says why.
static int grade_steps(const GradeOptions *o, StrBuf *out, StrBuf *err) {
    double started = now();
    GradePlan plan;
    char *isolation = NULL;
    int rc = grade_plan(o, &plan, err);
    if (!rc) rc = grade_run(&plan, o, &isolation, err);
    if (rc) {
        grade_write_failure(o->out_dir, err->s ? err->s : "");
    } else if (o->record_visible || o->record_hidden) {
        rc = grade_record(&plan, o, err);
        if (!rc) strbuf_puts(out, "grade: expected transcripts recorded\n");
    } else {
        rc = emit(&plan, o, isolation, started, out, err);
    }
    free(isolation);
    grade_plan_free(&plan);
    return rc;
}

int grade_all(const GradeOptions *o, char **out_text, char **err_text) {
    StrBuf out = {0}, err = {0};
    int rc = grade_steps(o, &out, &err);
    *out_text = strbuf_take(&out);
    *err_text = strbuf_take(&err);
    return rc;
}
