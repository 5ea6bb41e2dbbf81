// Step 2 of a grading, the runs: isolation set up, each job's program
// found (or its absence explained), every job run and judged (jobs.c),
// and nothing a test started left behind.
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/strbuf.h"
#include "../common/xalloc.h"

// isolate_can_run asks in a child of its own; many tests share a program,
// and they come in the rubric's order, so remembering the last answer
// saves most of those children.
static bool can_run_cached(const char *path) {
    static char *last;
    static bool last_answer;
    if (last == NULL || strcmp(last, path) != 0) {
        free(last);
        last = xstrdup(path);
        last_answer = isolate_can_run(path);
    }
    return last_answer;
}

// A job whose program did not build, or that the tests' user cannot run,
// fails without running, saying why.
static void check_program(Job *j, const GradeOptions *o) {
    char *path = format("%s/%s", j->probe ? o->probe_dir : o->bin_dir, j->binary);
    if (access(path, X_OK) != 0) {
        char *built = build_errors(o->build_log, j->binary);
        j->missing = true;
        j->why = format("%s did not build (so its tests can't run)", j->binary);
        j->output = format("%s did not build. The compiler said:\n%s", path,
                           *built ? built : "(nothing about it in the build log)\n");
        free(built);
    } else if (!can_run_cached(path)) {
        j->missing = true;
        j->why = format("the tests' user cannot run %s", j->binary);
        j->output = format("%s: the unprivileged user the tests run as cannot reach "
                           "it: a folder above it is closed to others. Grade from a "
                           "folder they can enter (or chmod o+x the folders above).\n",
                           path);
    }
    if (j->missing && !j->test) j->lib_failed = 1;
    free(path);
}

int grade_run(GradePlan *p, const GradeOptions *o, char **isolation, StrBuf *err) {
    // Recording runs the solutions: the instructor's own code, as --trusted.
    bool trusted = o->trusted || o->record_visible || o->record_hidden;
    if (isolate_init(o->user, trusted, o->protect, o->nprotect, isolation) != 0) {
        strbuf_puts(err, *isolation);
        return 2;
    }
    for (size_t i = 0; i < p->njobs; i++)
        if (!p->jobs[i].judged) check_program(&p->jobs[i], o);
    run_jobs(p->jobs, p->njobs, o->jobs > 0 ? o->jobs : 1, &p->rb, o->bin_dir, o->probe_dir);
    isolate_finish();  // nothing a test started is left when results are written
    return 0;
}
