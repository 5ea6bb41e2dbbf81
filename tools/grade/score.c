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
            else if (job_blocked_by(j)) s.blocked++, s.graded_blocked++;
            else s.failed++, s.graded_failed++;
        } else {
            s.passed += j->lib_passed;
            s.failed += j->lib_failed;
            s.blocked += j->lib_blocked;
        }
    }
    return s;
}

// With the stubs, a graded test worth points must fail, stopped by a stub
// (its own exercise's, or another's that blocks it: the runner's line or
// the probe's observation says which, as data), and a library test may
// fail only when a stub blocks it. True if the job is as expected; else a
// line to *err.
static bool as_expected_with_stubs(const Job *j, StrBuf *err) {
    if (!j->test) {
        if (!j->passed)
            strbuf_putf(err, "a library test fails in the student release, and no "
                             "exercise's stub blocks it: %s: %s\n", j->binary, j->why);
        return j->passed;
    }
    if (j->passed) {
        strbuf_putf(err, "graded test passes in the student release (does it test its "
                         "exercise?): %s %s\n", j->binary, j->test->name);
        return false;
    }
    // A predict answer fails as the release blanked it ("?").
    bool ok = j->test->points <= 0 || j->stub != NULL || j->judged;
    if (!ok)
        strbuf_putf(err, "graded test fails without meeting an exercise's stub (no "
                         "\"[   STUB   ] ID\" line or \"stub\" observation): %s %s: %s\n",
                    j->binary, j->test->name, j->why);
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
        strbuf_puts(out, "as expected with the stubs: every graded test fails, stopped by "
                         "an exercise's stub; every library test passes or is blocked by "
                         "one\n");
    else
        strbuf_puts(out, "as expected with the solutions: everything passes\n");
    return 0;
}
