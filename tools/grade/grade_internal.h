// grade's insides, shared by its files (grade.h is the public side).
//
//   rubric.c    grading/rubric.txt: the exercises, and the tests that score them
//   process.c   running one test program in a process of its own
//   isolate.c   the subreaper, the unprivileged user, the sweep of leftovers
//   transcript.c probe mode's checker: observations against expected ones
//   judge.c     reading a run's output: did the test pass, and if not, why
//   stubs.c     which exercise's stub stopped a test ("blocked by exercise 3.2")
//   jobs.c      every run of a grading, run side by side and judged
//   markup.c    JSON strings and XML text, for results.json and junit.xml
//   lines.c     the line and word helpers the others read text with
//   predict.c   predict sets: questions, and answers compared normalised
//
// The whole grading run, grade_all (grade.c), is four steps:
//   plan.c      plan: the rubric, the chapters, one job per run to make
//   run.c       run: isolation, the programs found, every job run and judged
//   score.c     score: points and counts (and the self-check's expectations)
//   table.c     emit, for people: the table
//   results.c   emit, for machines: results.json and junit.xml
//   record.c    (recording instead of scoring) the expected transcripts
#ifndef GRADE_INTERNAL_H
#define GRADE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "../common/manifest.h"
#include "../common/strbuf.h"
#include "grade.h"

enum {
    MAX_OUTPUT = 64 * 1024,          // kept of a graded test's output
    MAX_LIBRARY_OUTPUT = 8 << 20,    // of a library run (also the file size limit)
    SHOWN_OUTPUT = 16 * 1024,        // shown in results.json
    MAX_OBSERVATIONS = 1 << 20,      // of a probe program's observations
    SHOWN_REPORT = 2048,             // of a sanitizer report, in a probe test's output
};

// ---- lines of text (lines.c) --------------------------------------------------------

bool line_starts(const char *line, const char *prefix);
// Split text into words separated by blanks; returns the count (<= max).
int words(char *line, char **w, int max);
// Count lines starting with `prefix`; with `name`, only "prefix name".
int count_lines(const char *text, const char *prefix, const char *name);

// ---- the rubric (rubric.c) and the manifest --------------------------------

const char *exercise_title(const GradeRubric *rb, const char *id);

// The manifest's chapters (tools/common/manifest.h).
typedef ManifestChapter Chapter;

// The chapter of an exercise: "3.2" -> "3".
char *chapter_of(const char *exercise);

// ---- processes (process.c) -------------------------------------------------------------

// The monotonic clock, in seconds.
double now(void);

typedef struct {
    pid_t pid;
    int fd;       // stdout and stderr
    int obs_fd;   // observations (probe mode), or -1
    double start, deadline;
    double limit;
    bool timed_out;
    int status;
} Proc;

// Start argv[0] with STRIDES_TEST=filter (NULL: every test), its output
// going to a file of its own (and with `probe`, its observations to
// another). Returns 0, or -1 if it could not start.
int spawn(Proc *p, char *const argv[], const char *filter, double limit, bool leaks,
          bool probe);
// Poll: true once the process has ended (killed at its deadline).
bool finished(Proc *p);
// The output of a finished process: at most `max` bytes of it.
char *collect(Proc *p, size_t max);
char *collect_observations(Proc *p);

// ---- isolation (isolate.c) -----------------------------------------------------------

// Become the subreaper; as root, pick the unprivileged user (`user`, or
// strides-student, or nobody) and make `protected` paths the owner's
// alone. `trusted`: the programs run the instructor's own solutions (to
// record transcripts), so they run as the caller, even as root. *note
// says what is enforced (malloc'd).
int isolate_init(const char *user, bool trusted, char *const *protected, size_t nprotected,
                 char **note);
// Can the tests' user run the program at `path`? (As root, a folder above
// it that is closed to others would make every test fail to start.)
bool isolate_can_run(const char *path);
// In a test's child: its folder, its process limit, its user. 0 or -1.
int isolate_drop_privileges(void);
// Kill and reap every descendant outside the process groups in `keep`.
void isolate_sweep(const pid_t *keep, size_t nkeep);
// After the last test: kill everything that is left; remove the folder.
void isolate_finish(void);

// ---- transcripts (transcript.c) ----------------------------------------------------------

// The expected observations of one test in a file of transcripts, or NULL.
char *transcript_lookup(const char *expected, const char *binary, const char *name);
// A probe's observations as expected ones (without their file:line).
char *transcript_without_where(const char *got);
// Compare; false with *why (malloc'd) on the first difference. For a
// hidden test the message never shows the expected answer.
bool transcript_check(const char *expected, const char *got, bool hidden, char **why);

// ---- the runs of a grading (jobs.c) ------------------------------------------------------

typedef struct {
    const GradeTest *test;   // a graded test, or NULL for a library binary
    const char *binary;
    const char *chapter;     // chapter id
    char *filter;
    double limit;
    bool leaks;
    bool missing;            // the binary is not there (did not build)
    bool probe;              // run in probe mode, judged against `expected`
    bool hidden;             // a hidden test: never show its expected answers
    bool recording;          // recording: judged against its own observations
    bool judged;             // judged by the plan (a predict answer): nothing to run
    char *expected;          // the expected observations (probe mode)
    char *observations;      // what the probe recorded
    // results
    bool passed;
    char *why;
    char *output;
    double seconds;
    char *stub;              // the exercise whose stub stopped the test, or NULL
    // library runs: each test's verdict (blocked: failed, stopped by a stub)
    int lib_passed, lib_failed, lib_excused, lib_blocked;
    StrBuf junit;            // <testcase> elements
} Job;

// Run the jobs, `parallel` at a time, and judge each.
void run_jobs(Job *jobs, size_t n, int parallel, const GradeRubric *rb, const char *bin_dir,
              const char *probe_dir);
// The lines of the build log that say why `binary` (exercises/ex07,
// test_module, ...) did not build: the compiler's and the linker's errors
// in its own sources and in the library's.
char *build_errors(const char *log_path, const char *binary);

// ---- predict sets (predict.c) ------------------------------------------------------------

typedef struct {
    char *id, *expr, *answer;   // "3.P4", "t.stride()", "(1, 4)" (or "?")
} PredictQuestion;

// The questions of a predict file, in order (*n of them; malloc'd).
PredictQuestion *predict_parse(const char *text, size_t *n);
void predict_free(PredictQuestion *qs, size_t n);
// An answer as compared (the rules are in predict.c). malloc'd.
char *predict_normalise(const char *answer);
bool predict_unanswered(const char *answer);
// Does `got` answer as `want` does? Never for an unanswered one ("?").
bool predict_same(const char *got, const char *want);

// ---- stubs (stubs.c) ----------------------------------------------------------------------

// The exercise named by the first line "[   STUB   ] ID" in [from, to)
// (to NULL: to the end), or NULL. malloc'd.
char *stub_in_output(const char *from, const char *to);
// The exercise whose stub stopped a run: a probe's observation "stub",
// else the runner's line. NULL if none. malloc'd.
char *stub_of_run(const char *output, const char *observations);
// A failed graded test stopped by ANOTHER exercise's stub: that exercise.
const char *job_blocked_by(const Job *j);

// ---- the steps of a grading (plan.c, run.c, score.c, table.c, results.c, record.c) ----

typedef struct {
    GradeRubric rb;
    Manifest manifest;
    Chapter *ch;         // the manifest's chapters (manifest.chapter)
    size_t nch;
    Job *jobs;
    size_t njobs;
    size_t skipped;      // graded tests of chapters not in the manifest
    GradeTest *questions;  // the predict sets' questions, as graded tests
    size_t nquestions;
} GradePlan;

typedef struct {
    double score, max_score;
    int passed, failed;                // every test, library tests included
    int graded_passed, graded_failed;  // graded tests only
    int blocked, graded_blocked;       // failed only because of another exercise's stub
                                       // (counted apart from failed)
} GradeScore;

// One judged job per question of the rubric's predict sets, appended to
// the plan's jobs; `chapter` finds a chapter id in the manifest (NULL: not
// there, the question is skipped).
void plan_predict_sets(GradePlan *p, const GradeOptions *o,
                       const char *(*chapter)(const GradePlan *, const char *));
// Plan: 0, or 2 with the reason in *err (the rubric is unreadable or
// wrong). Free the plan with grade_plan_free either way.
int grade_plan(const GradeOptions *o, GradePlan *p, StrBuf *err);
void grade_plan_free(GradePlan *p);
// Run every job of the plan: 0, or 2 when isolation could not be set up
// (the reason in *err). *isolation says what is enforced (malloc'd).
int grade_run(GradePlan *p, const GradeOptions *o, char **isolation, StrBuf *err);
GradeScore grade_score(const GradePlan *p);
// GRADE_EXPECT_*: 0 when the outcome is as expected (saying so to *out),
// else 1 with a line to *err for each job that is not.
int grade_check_expectations(const GradePlan *p, int expect, StrBuf *out, StrBuf *err);
void grade_table(StrBuf *out, const GradePlan *p, const GradeScore *s, const GradeOptions *o,
                 const char *isolation);
// results.json and junit.xml into o->out_dir (if any): 0, or 2 when one
// could not be written.
int grade_write_results(const GradePlan *p, const GradeScore *s, const GradeOptions *o,
                        double started, StrBuf *out, StrBuf *err);
// A results.json that says the grading could not be done, and why.
void grade_write_failure(const char *out_dir, const char *reason);
// Write dir/name; false with a line to *err.
bool grade_write_text(const char *dir, const char *name, const char *text, StrBuf *err);
// Record the expected transcripts: 0, or 2 (a test failed or observed
// nothing; a file could not be written).
int grade_record(const GradePlan *p, const GradeOptions *o, StrBuf *err);

// ---- XML (markup.c) ---------------------------------------------------------------------

// A junit.xml <testcase> element.
void xml_testcase(StrBuf *b, const char *classname, const char *name, double seconds,
                  bool passed, const char *message, const char *output);

#endif
