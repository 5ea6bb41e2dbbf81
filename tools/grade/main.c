// grade: the command line of the Strides autograder (grade.h).
//
//   grade [options] [LIBRARY-TEST ...]
//
//   --rubric FILE     the points (grading/rubric.txt)
//   --manifest FILE   the chapters (chapters/chapters.txt)
//   --bin DIR         the test binaries (build/test/cc)
//   --out DIR         write results.json and junit.xml there (build/grade)
//   --build-log FILE  the build's output, quoted for tests that did not build
//   --timeout SECS    per graded test (10)
//   --jobs N          tests run at once (the number of processors)
//   --expect stubs|solutions   check the outcome (the release self-check)
//   --probe DIR       run graded tests from these probe programs, judged
//                     against the expected transcripts (tests/probe/probe.h)
//   --expected FILE   expected transcripts (repeatable)
//   --record-visible FILE, --record-hidden FILE
//                     record the transcripts (from the solutions) instead
//   --user NAME       as root, run the tests as this user (strides-student,
//                     else nobody)
//   --protect PATH    as root, make PATH its owner's alone first (repeatable)
//   --trusted         the programs hold the instructor's own solutions (the
//                     release self-check): run them as the caller, even as
//                     root (recording transcripts implies it)
//   --predict-key DIR the instructor's predict files (the keys), at their
//                     rubric paths under DIR ("." in the instructor's tree;
//                     without it, no answer can pass: "no key here")
//
// LIBRARY-TEST names each chapter's own test program (test_view, ...):
// each runs once as a whole, ungraded, to show the library still works.
// Exit status: 0 when the grading ran (whatever the score), 1 when an
// --expect check failed, 2 when grading was impossible.
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/xalloc.h"
#include "grade.h"

static int usage(void) {
    fputs("usage: grade [--rubric FILE] [--manifest FILE] [--bin DIR] [--out DIR]\n"
          "             [--build-log FILE] [--timeout SECS] [--jobs N]\n"
          "             [--expect stubs|solutions] [--probe DIR] [--expected FILE]...\n"
          "             [--record-visible FILE] [--record-hidden FILE] [--user NAME]\n"
          "             [--protect PATH]... [--trusted] [--predict-key DIR]\n"
          "             [LIBRARY-TEST ...]\n", stderr);
    return 2;
}

int main(int argc, char **argv) {
    xalloc_name_program("grade", 2);  // out of memory: the grading could not be done
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    GradeOptions o = {
        .rubric = "grading/rubric.txt",
        .manifest = "chapters/chapters.txt",
        .bin_dir = "build/test/cc",
        .out_dir = "build/grade",
        .timeout = 10,
        .library_timeout = 120,
        .jobs = cpus > 0 ? (int)cpus : 1,
    };
    o.library = calloc((size_t)argc, sizeof *o.library);
    o.expected = calloc((size_t)argc, sizeof *o.expected);
    o.protect = calloc((size_t)argc, sizeof *o.protect);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--rubric") == 0 && v) o.rubric = v, i++;
        else if (strcmp(a, "--manifest") == 0 && v) o.manifest = v, i++;
        else if (strcmp(a, "--bin") == 0 && v) o.bin_dir = v, i++;
        else if (strcmp(a, "--out") == 0 && v) o.out_dir = *v ? v : NULL, i++;
        else if (strcmp(a, "--build-log") == 0 && v) o.build_log = v, i++;
        else if (strcmp(a, "--timeout") == 0 && v && atof(v) > 0) o.timeout = atof(v), i++;
        else if (strcmp(a, "--jobs") == 0 && v && atoi(v) > 0) o.jobs = atoi(v), i++;
        else if (strcmp(a, "--expect") == 0 && v && strcmp(v, "stubs") == 0)
            o.expect = GRADE_EXPECT_STUBS, i++;
        else if (strcmp(a, "--expect") == 0 && v && strcmp(v, "solutions") == 0)
            o.expect = GRADE_EXPECT_SOLUTIONS, i++;
        else if (strcmp(a, "--probe") == 0 && v) o.probe_dir = v, i++;
        else if (strcmp(a, "--expected") == 0 && v) o.expected[o.nexpected++] = argv[++i];
        else if (strcmp(a, "--record-visible") == 0 && v) o.record_visible = v, i++;
        else if (strcmp(a, "--record-hidden") == 0 && v) o.record_hidden = v, i++;
        else if (strcmp(a, "--user") == 0 && v) o.user = v, i++;
        else if (strcmp(a, "--protect") == 0 && v) o.protect[o.nprotect++] = argv[++i];
        else if (strcmp(a, "--trusted") == 0) o.trusted = true;
        else if (strcmp(a, "--predict-key") == 0 && v) o.predict_key = v, i++;
        else if (a[0] == '-') return usage();
        else o.library[o.nlibrary++] = argv[i];
    }
    char *out, *err;
    int rc = grade_all(&o, &out, &err);
    fputs(out, stdout);
    fflush(stdout);
    fputs(err, stderr);
    free(out);
    free(err);
    free(o.library);
    free(o.expected);
    free(o.protect);
    return rc;
}
