// The runs of a grading: one job per graded test and per library test
// program, run side by side, each judged when it ends.
#define _GNU_SOURCE
#include "grade_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "../common/strbuf.h"
#include "../common/text.h"
#include "../common/xalloc.h"

// Graded tests in binary `bin` named `name`?
static bool is_graded(const GradeRubric *rb, const char *bin, const char *name) {
    for (size_t i = 0; i < rb->ntest; i++)
        if (strcmp(rb->test[i].binary, bin) == 0 && strcmp(rb->test[i].name, name) == 0) return true;
    return false;
}

// Drop cmocka's noise about groups where no test ran (every other group
// of the binary, when one test is picked out).
static char *tidy_output(const char *out) {
    StrBuf b = {0};
    for (const char *line = out; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) + 1 : strlen(line);
        if (!line_starts(line, "[==========] Running 0 test(s).") &&
            !line_starts(line, "[==========] 0 test(s) run.") &&
            !line_starts(line, "[  PASSED  ] 0 test(s)."))
            strbuf_put(&b, line, len);
        line = end ? end + 1 : NULL;
    }
    char *s = strbuf_take(&b);
    if (strlen(s) > SHOWN_OUTPUT) {
        s[SHOWN_OUTPUT] = '\0';
        char *cut = format("%s\n[... cut ...]\n", s);
        free(s);
        s = cut;
    }
    return s;
}

// Is this line of a build log a diagnostic? (Not "CC src/error.c".)
static bool is_diagnostic(const char *line) {
    return strstr(line, "error:") || strstr(line, "undefined reference") ||
           (strstr(line, "make") && strstr(line, "] Error "));
}

// The file names whose errors concern `binary`: the library's, and its
// own (exercises/hidden/ex07: chapters/07-, tests/exercises/ex07.c and
// tests/exercises/hidden/ex07.c; test_module: tests/test_module.c).
static int sources_of(const char *binary, char keys[4][64]) {
    const char *name = strrchr(binary, '/') ? strrchr(binary, '/') + 1 : binary;
    int n = 0;
    snprintf(keys[n++], 64, "src/");
    if (strncmp(name, "ex", 2) == 0) {
        snprintf(keys[n++], 64, "chapters/%s-", name + 2);
        snprintf(keys[n++], 64, "exercises/%s.c", name);
        snprintf(keys[n++], 64, "exercises/hidden/%s.c", name);
    } else {
        snprintf(keys[n++], 64, "tests/%s.c", name);
    }
    return n;
}

char *build_errors(const char *log_path, const char *binary) {
    char *log = log_path ? read_file(log_path, NULL) : NULL;
    if (!log) return xstrdup("");
    char keys[4][64];
    int nkeys = sources_of(binary, keys);
    StrBuf b = {0};
    int shown = 0;
    for (char *line = log, *next; line && shown < 30; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        if (!is_diagnostic(line)) continue;
        bool ours = strstr(line, "undefined reference") != NULL;  // the linker's: always
        for (int k = 0; k < nkeys && !ours; k++) ours = strstr(line, keys[k]) != NULL;
        if (ours) {
            strbuf_putf(&b, "%s\n", line);
            shown++;
        }
    }
    free(log);
    return strbuf_take(&b);
}

// One test of a library run, its RUN line at `line`: passed, failed, or
// blocked (failed, and the runner named the stub that stopped it).
static void judge_library_test(Job *j, const GradeRubric *rb, const char *out,
                               const char *line, const char *name, StrBuf *fails) {
    bool ok = count_lines(out, "[       OK ] ", name) > 0;
    if (is_graded(rb, j->binary, name)) {
        j->lib_excused++;
    } else if (ok) {
        j->lib_passed++;
        xml_testcase(&j->junit, j->binary, name, 0, true, NULL, NULL);
    } else {
        const char *next = strstr(line + 1, "\n[ RUN      ] ");
        char *stub = stub_in_output(line, next);
        char *why = stub ? format("blocked by exercise %s", stub) : xstrdup("failed");
        if (stub) j->lib_blocked++;
        else j->lib_failed++;
        strbuf_putf(fails, "  %s%s%s\n", name, stub ? ": " : "", stub ? why : "");
        xml_testcase(&j->junit, j->binary, name, 0, false, why,
                     "see the output of the whole program in the grader's log");
        free(why);
        free(stub);
    }
}

// Did every group the program started end with its summary line?
static bool ran_to_the_end(const char *out) {
    int started = count_lines(out, "[==========] Running ", NULL);
    int done = 0;
    for (const char *line = out; line && *line;) {
        const char *end = strchr(line, '\n');
        if (line_starts(line, "[==========] ") && strstr(line, " test(s) run.") &&
            (!end || strstr(line, " test(s) run.") < end))
            done++;
        line = end ? end + 1 : NULL;
    }
    return started > 0 && started == done;
}

// Why a library run that stopped early did; "" when it ran to its end, or
// when it stopped inside a test blocked by a stub (the runner named the
// stub when the test met it, then the test crashed on the stub's NULL):
// that is the stub's doing, and the tests after it could not run.
static void why_stopped(StrBuf *why, const GradeRun *run, const char *last_run) {
    const char *out = run->output;
    bool stopped = run->timed_out || WIFSIGNALED(run->status) || !ran_to_the_end(out);
    char *report = grade_sanitizer_report(out);
    char *blocker = last_run ? stub_in_output(last_run, NULL) : NULL;
    if (blocker && (stopped || report)) {
        // (its test is counted as blocked already; nothing more to say)
    } else {
        if (run->timed_out) strbuf_putf(why, "timed out after %g s; ", run->limit);
        else if (WIFSIGNALED(run->status))
            strbuf_putf(why, "crashed (signal %d, %s); ", WTERMSIG(run->status),
                        strsignal(WTERMSIG(run->status)));
        if (report) strbuf_putf(why, "sanitizer report: %s; ", report);
        if (!run->timed_out && !WIFSIGNALED(run->status) && !ran_to_the_end(out))
            strbuf_putf(why, "the program stopped before its last test; ");
    }
    free(blocker);
    free(report);
}

// Read a whole library run: one verdict per test.
static void judge_library(Job *j, const GradeRubric *rb, const GradeRun *run) {
    const char *out = run->output;
    StrBuf fails = {0};
    const char *last_run = NULL;
    // Walk the RUN lines in order; a test passed if its OK line follows.
    for (const char *line = out; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        while (len > 0 && line[len - 1] == '\r') len--;
        if (line_starts(line, "[ RUN      ] ")) {
            char *name = xstrndup(line + 13, len - 13);
            judge_library_test(j, rb, out, line, name, &fails);
            free(name);
            last_run = line;
        }
        line = end ? end + 1 : NULL;
    }
    StrBuf why = {0};
    why_stopped(&why, run, last_run);
    if (j->lib_failed) strbuf_putf(&why, "%d test%s failed%s:\n%s", j->lib_failed,
                                   j->lib_failed == 1 ? "" : "s",
                                   j->lib_blocked ? " (and some were blocked)" : "",
                                   fails.s ? fails.s : "");
    j->passed = why.len == 0;
    if (j->passed) {
        strbuf_putf(&why, "%d passed", j->lib_passed);
        if (j->lib_excused)
            strbuf_putf(&why, "; %d more need%s an exercise, graded above", j->lib_excused,
                        j->lib_excused == 1 ? "s" : "");
        if (j->lib_blocked)
            strbuf_putf(&why, "; %d blocked by an exercise not done yet:\n%s", j->lib_blocked,
                        fails.s ? fails.s : "");
    } else if (j->lib_failed == 0) {
        j->lib_failed = 1;  // the program itself counts as one failure
        xml_testcase(&j->junit, j->binary, "(the whole program)", 0, false, why.s, "");
    }
    free(strbuf_take(&fails));
    j->why = strbuf_take(&why);
}

static void start_job(Job *j, Proc *p, const char *bin_dir, const char *probe_dir,
                      bool *started) {
    // Absolute: the test runs in a folder of its own.
    char *path = format("%s/%s", j->probe ? probe_dir : bin_dir, j->binary);
    char *full = realpath(path, NULL);
    char *argv[] = {full ? full : path, NULL};
    *started = spawn(p, argv, j->filter, j->limit, j->leaks, j->probe) == 0;
    if (!*started) {
        j->why = format("could not start %s: %s", path, strerror(errno));
        j->output = xstrdup("");
    }
    free(full);
    free(path);
}

// A graded test stopped by a stub says which, first: its own exercise's
// ("not implemented yet"), or another's ("blocked by exercise 3.4").
static void name_the_stub(Job *j) {
    const char *blocker = job_blocked_by(j);
    char *why = blocker ? format("blocked by exercise %s (%s)", blocker, j->why)
                        : format("not implemented yet: exercise %s (%s)", j->stub, j->why);
    free(j->why);
    j->why = why;
}

static void judge_job(Job *j, Proc *p, const GradeRubric *rb) {
    // A library run is read whole (its every verdict counts); a graded
    // test's output is for people, and kept shorter.
    GradeRun run = {p->status, p->timed_out, p->limit,
                    collect(p, j->test ? MAX_OUTPUT : MAX_LIBRARY_OUTPUT)};
    j->seconds = now() - p->start;
    if (j->probe) {
        j->observations = collect_observations(p);
        // Recording the solutions: a clean run is one whose every check
        // matches itself (no failed check, no crash, exit status 0).
        char *own = j->recording ? transcript_without_where(j->observations) : NULL;
        j->passed = grade_judge_probe(&run, own ? own : j->expected, j->observations, j->hidden,
                                      &j->why);
        free(own);
        j->output = grade_probe_output(run.output);
        if (!j->passed) j->stub = stub_of_run(run.output, j->observations);
    } else if (j->test) {
        j->passed = grade_judge(j->test->name, &run, &j->why);
        j->output = tidy_output(run.output);
        if (!j->passed) j->stub = stub_of_run(run.output, NULL);
    } else {
        judge_library(j, rb, &run);
        j->output = tidy_output(run.output);
    }
    free((char *)run.output);
    if (j->stub) name_the_stub(j);
}

void run_jobs(Job *jobs, size_t n, int parallel, const GradeRubric *rb, const char *bin_dir,
              const char *probe_dir) {
    Proc *proc = xrealloc(NULL, (size_t)parallel * sizeof *proc);
    size_t *which = xrealloc(NULL, (size_t)parallel * sizeof *which);
    pid_t *running_pids = xrealloc(NULL, (size_t)parallel * sizeof *running_pids);
    int running = 0;
    size_t next = 0;
    while (next < n || running > 0) {
        while (running < parallel && next < n) {
            Job *j = &jobs[next];
            bool started = false;
            if (!j->missing && !j->judged)
                start_job(j, &proc[running], bin_dir, probe_dir, &started);
            if (started) which[running++] = next;
            next++;
        }
        bool any = false;
        for (int i = 0; i < running; i++) {
            if (!finished(&proc[i])) continue;
            judge_job(&jobs[which[i]], &proc[i], rb);
            proc[i] = proc[running - 1];
            which[i] = which[running - 1];
            running--;
            i--;
            any = true;
            // Whatever it started (setsid, a double fork) dies with it.
            for (int k = 0; k < running; k++) running_pids[k] = proc[k].pid;
            isolate_sweep(running_pids, (size_t)running);
        }
        if (!any && running > 0) {
            struct timespec ts = {0, 2000000};
            nanosleep(&ts, NULL);
        }
    }
    free(proc);
    free(which);
    free(running_pids);
}
