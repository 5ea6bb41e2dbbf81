// Judging a run: did the test pass, and if not, why not, in one line a
// student can act on. A test passes only if cmocka ran exactly that one
// test and said OK, the process exited 0, and no sanitizer spoke.
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../common/strbuf.h"
#include "../common/xalloc.h"

char *grade_sanitizer_report(const char *output) {
    static const char *const marks[] = {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                                        "ERROR: UndefinedBehaviorSanitizer", "runtime error:",
                                        "WARNING: ThreadSanitizer", NULL};
    const char *first = NULL;
    for (int i = 0; marks[i]; i++) {
        const char *at = strstr(output, marks[i]);
        if (at && (!first || at < first)) first = at;
    }
    if (!first) return NULL;
    const char *start = first;
    while (start > output && start[-1] != '\n') start--;
    const char *end = strchr(first, '\n');
    size_t n = end ? (size_t)(end - start) : strlen(start);
    // LeakSanitizer's summary says how much leaked: more useful than its header.
    const char *summary = strstr(output, "SUMMARY: AddressSanitizer:");
    if (strstr(first, "LeakSanitizer") == first + 7 && summary) {
        const char *e2 = strchr(summary, '\n');
        return xstrndup(summary, e2 ? (size_t)(e2 - summary) : strlen(summary));
    }
    return xstrndup(start, n);
}

bool grade_judge(const char *name, const GradeRun *run, char **why) {
    const char *out = run->output ? run->output : "";
    if (run->timed_out) {
        *why = format("timed out after %g s (an endless loop, or far too slow)", run->limit);
        return false;
    }
    char *report = grade_sanitizer_report(out);
    // A failed check comes first: a leak at exit after it is only its echo.
    if (report && count_lines(out, "[  FAILED  ] ", name) == 0) {
        *why = format("sanitizer report: %s", report);
        free(report);
        return false;
    }
    free(report);
    if (WIFSIGNALED(run->status)) {
        int sig = WTERMSIG(run->status);
        *why = format("crashed: killed by signal %d (%s)%s", sig, strsignal(sig),
                      sig == SIGABRT ? ": abort() was called, or an assert() failed"
                      : sig == SIGSEGV ? ": a bad pointer, or a stack overflow" : "");
        return false;
    }
    int ran = count_lines(out, "[ RUN      ] ", NULL);
    if (ran == 0) {
        *why = format("no test named '%s' ran: is the rubric right, or did the program "
                      "stop before it?", name);
        return false;
    }
    if (ran > 1) {
        *why = format("the name '%s' matched %d tests: test names must be unique in their "
                      "program", name, ran);
        return false;
    }
    bool ok = count_lines(out, "[       OK ] ", name) > 0;
    int code = WIFEXITED(run->status) ? WEXITSTATUS(run->status) : -1;
    if (ok && code == 0) {
        *why = xstrdup("passed");
        return true;
    }
    if (ok) {
        *why = format("the test passed, but the program then exited with status %d", code);
        return false;
    }
    if (count_lines(out, "[  FAILED  ] ", name) == 0 && count_lines(out, "[  ERROR   ] ", NULL) == 0 &&
        code != 1) {
        *why = format("the program exited (status %d) in the middle of the test", code);
        return false;
    }
    // cmocka's own message: "[  ERROR   ] --- "x" != "y"" for a failed
    // assert_*, "ERROR: ..." (or the bare text) for fail_msg().
    for (const char *line = out; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        const char *msg = NULL;
        if (line_starts(line, "[  ERROR   ] --- ") && !line_starts(line + 17, "[   LINE   ]"))
            msg = line + 17;
        else if (len > 0 && line[0] != '[' && line[0] != ' ' && !line_starts(line, "=="))
            msg = line_starts(line, "ERROR: ") ? line + 7 : line;
        if (msg) {
            *why = xstrndup(msg, len - (size_t)(msg - line));
            return false;
        }
        line = end ? end + 1 : NULL;
    }
    *why = xstrdup("failed");
    return false;
}

// Probe mode: the verdict is the grader's own comparison of what the test
// observed with what the solutions observed. The program's exit status,
// its signals and a sanitizer's report can only make it fail.
bool grade_judge_probe(const GradeRun *run, const char *expected, const char *observations,
                       bool hidden, char **why) {
    const char *out = run->output ? run->output : "";
    if (run->timed_out) {
        *why = format("timed out after %g s (an endless loop, or far too slow)", run->limit);
        return false;
    }
    if (!expected) {
        *why = xstrdup("the grader has no expected transcript for this test (its files are "
                       "incomplete: tell the course staff)");
        return false;
    }
    // A wrong answer comes first (a leak at exit after a failed check is
    // only its echo), unless the program died before its checks were done:
    // then how it died is the news.
    char *differs = NULL;
    bool matched = transcript_check(expected, observations, hidden, &differs);
    if (!matched && strncmp(differs, "the test stopped", 16) != 0) {
        *why = differs;
        return false;
    }
    char *report = grade_sanitizer_report(out);
    if (report) {
        *why = format("sanitizer report: %s", report);
        free(report);
        free(differs);
        return false;
    }
    if (WIFSIGNALED(run->status)) {
        free(differs);
        int sig = WTERMSIG(run->status);
        *why = format("crashed: killed by signal %d (%s)%s", sig, strsignal(sig),
                      sig == SIGABRT ? ": abort() was called, or an assert() failed"
                      : sig == SIGSEGV ? ": a bad pointer, or a stack overflow"
                      : sig == SIGXCPU ? ": it used up its CPU time" : "");
        return false;
    }
    int code = WIFEXITED(run->status) ? WEXITSTATUS(run->status) : -1;
    if (!matched && (code == 126 || code == 127) && line_starts(out, "grade: ")) {
        free(differs);  // it never ran: the grader's own message says why
        *why = xstrndup(out, strcspn(out, "\n"));
        return false;
    }
    if (!matched) {
        *why = differs;
        return false;
    }
    if (code != 0) {
        *why = format("every check matched, but the program then exited with status %d", code);
        return false;
    }
    *why = xstrdup("passed");
    return true;
}

// What a probe test shows besides the verdict: a sanitizer's report, cut
// short; never the rest of what the program printed (it could print
// anything, even files it should never have read).
char *grade_probe_output(const char *output) {
    const char *marks[] = {"==ERROR:", "ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                           "runtime error:", NULL};
    const char *first = NULL;
    for (int i = 0; marks[i]; i++) {
        const char *at = strstr(output ? output : "", marks[i]);
        if (at && (!first || at < first)) first = at;
    }
    if (!first) return xstrdup("");
    while (first > output && first[-1] != '\n') first--;
    size_t n = strlen(first);
    return n > SHOWN_REPORT ? format("%.*s\n[... cut ...]\n", SHOWN_REPORT, first)
                            : xstrdup(first);
}
