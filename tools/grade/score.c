// Step 3 of a grading, the score: points and counts over the judged jobs,
// and (for the release self-check) whether they came out as expected.
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"

GradeScore grade_score(const GradePlan *p) {
    GradeScore s = {0};
    for (size_t i = 0; i < p->njobs; i++) {
        const Job *j = &p->jobs[i];
        if (j->test) {
            s.max_score += j->test->points;
            if (j->passed) s.score += j->test->points, s.passed++, s.graded_passed++;
            else s.failed++, s.graded_failed++;
        } else {
            s.passed += j->lib_passed;
            s.failed += j->lib_failed;
        }
    }
    return s;
}

// With the stubs, a graded test must fail, saying which exercise is not
// implemented (one worth points), and no library test may fail. True if
// the job is as expected; else a line to *err.
static bool as_expected_with_stubs(const Job *j, StrBuf *err) {
    if (!j->test) {
        if (!j->passed)
            strbuf_putf(err, "a library test fails in the student release: %s: %s\n",
                        j->binary, j->why);
        return j->passed;
    }
    if (j->passed) {
        strbuf_putf(err, "graded test passes in the student release (does it test its "
                         "exercise?): %s %s\n", j->binary, j->test->name);
        return false;
    }
    char *want = format("not implemented: exercise %s", j->test->exercise);
    bool ok = j->test->points <= 0 || strstr(j->output, want) || strstr(j->why, want);
    if (!ok)
        strbuf_putf(err, "graded test fails without saying \"%s\": %s %s: %s\n", want,
                    j->binary, j->test->name, j->why);
    free(want);
    return ok;
}

int grade_check_expectations(const GradePlan *p, int expect, StrBuf *out, StrBuf *err) {
    if (expect == GRADE_EXPECT_NOTHING) return 0;
    int bad = 0;
    for (size_t i = 0; i < p->njobs; i++) {
        const Job *j = &p->jobs[i];
        if (expect == GRADE_EXPECT_SOLUTIONS && !j->passed) {
            strbuf_putf(err, "expected to pass with the solutions: %s %s: %s\n", j->binary,
                        j->test ? j->test->name : "(library tests)", j->why);
            bad++;
        } else if (expect == GRADE_EXPECT_STUBS && !as_expected_with_stubs(j, err)) {
            bad++;
        }
    }
    if (bad) return 1;
    if (expect == GRADE_EXPECT_STUBS)
        strbuf_puts(out, "as expected with the stubs: every graded test fails with "
                         "\"not implemented\", every library test passes\n");
    else
        strbuf_puts(out, "as expected with the solutions: everything passes\n");
    return 0;
}
