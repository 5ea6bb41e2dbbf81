// grade: the Strides autograder.
//
// Reads the rubric (grading/rubric.txt) and the chapter manifest, runs
// every graded test in its own process (the test binary with
// STRIDES_TEST=<name>, see tests/support/test_defaults.c) under a time
// limit, runs each chapter's library tests once as a whole (ungraded: they
// show whether the library still works), and writes results.json in
// Gradescope's format, junit.xml, and a table per chapter ending in a line
// "N passed, N failed".
//
// The parts are exposed for tests/tools/test_grade.c.
#ifndef GRADE_H
#define GRADE_H

#include <stdbool.h>
#include <stddef.h>

// ---- the rubric ------------------------------------------------------------------

typedef struct {
    char *id;      // "3.2"
    char *title;   // "sliding_window: overlapping rows"
} GradeExercise;

typedef struct {
    char *exercise;    // "3.2"
    double points;
    char *visibility;  // visible, hidden, after_due_date, after_published
    char *binary;      // relative to the test binaries: "exercises/ex03"
    char *name;        // the cmocka test name
    int line;
} GradeTest;

// A predict set: each question of FILE is a graded test worth `points`.
typedef struct {
    char *exercise;    // "3.P"
    double points;     // per answer
    char *visibility;
    char *file;        // chapters/03-view/predict.txt, relative to the course's folder
    int line;
} GradePredict;

typedef struct {
    GradeExercise *ex;
    size_t nex;
    GradeTest *test;
    size_t ntest;
    GradePredict *predict;
    size_t npredict;
} GradeRubric;

// Parse rubric text; `path` names it in messages. Returns 0, or 1 with
// "PATH:LINE: message" lines in *err (malloc'd).
int grade_rubric_parse(const char *path, const char *text, GradeRubric *rb, char **err);
void grade_rubric_free(GradeRubric *rb);

// ---- judging one run ----------------------------------------------------------------

typedef struct {
    int status;       // from waitpid()
    bool timed_out;
    double limit;     // the time limit, for the message
    const char *output;
} GradeRun;

// The verdict on a run of one test named `name`: true if it passed.
// *why (malloc'd) says why not, in one line a student can act on.
bool grade_judge(const char *name, const GradeRun *run, char **why);

// Probe mode: compare the observations with the expected ones; the run's
// exit status, signal or sanitizer report can only make it fail. `hidden`:
// never show an expected answer.
bool grade_judge_probe(const GradeRun *run, const char *expected, const char *observations,
                       bool hidden, char **why);
// The part of a probe test's output worth showing: a sanitizer report,
// cut short (malloc'd, maybe "").
char *grade_probe_output(const char *output);

// The first line of a sanitizer report in `output`, or NULL (malloc'd).
char *grade_sanitizer_report(const char *output);

// Run `argv` with STRIDES_TEST=filter (NULL: all tests) and a time limit,
// output (stdout and stderr) captured. `leaks` false turns LeakSanitizer
// off. Returns 0 and fills *run (run->output malloc'd), or -1.
int grade_run_one(char *const argv[], const char *filter, double limit, bool leaks,
                  GradeRun *run);

// ---- JSON and XML ----------------------------------------------------------------------

// `s` as a JSON string literal, quotes included, valid UTF-8 (bad bytes
// become U+FFFD). malloc'd.
char *grade_json_string(const char *s);
// `s` escaped for XML text and attributes, without characters XML 1.0
// forbids. malloc'd.
char *grade_xml_text(const char *s);

// ---- the whole grading run ------------------------------------------------------------

enum { GRADE_EXPECT_NOTHING, GRADE_EXPECT_STUBS, GRADE_EXPECT_SOLUTIONS };

typedef struct {
    const char *rubric;     // grading/rubric.txt
    const char *manifest;   // chapters/chapters.txt
    const char *bin_dir;    // where the test binaries are (build/test/cc)
    const char *out_dir;    // where results.json and junit.xml go (NULL: nowhere)
    const char *build_log;  // the build's output, quoted when a binary is missing
    double timeout;         // per graded test, seconds
    double library_timeout; // per library binary, seconds
    int jobs;               // tests run at once
    int expect;             // GRADE_EXPECT_*: check the outcome, exit 1 if wrong
    char **library;         // library test binaries (names under bin_dir)
    size_t nlibrary;
    // Probe mode (docs/instructors.md, "What the grader trusts"): graded
    // tests run from probe_dir and are judged against the expected
    // transcripts; without probe_dir they judge themselves (cmocka's OK).
    const char *probe_dir;
    char **expected;        // files of expected transcripts
    size_t nexpected;
    const char *record_visible, *record_hidden;  // record them instead of grading
    const char *user;       // as root: run the tests as this user
    bool trusted;           // the instructor's own code: run it as the caller
    // Where the instructor's predict files (the keys) are: their rubric
    // paths under this folder ("." in the instructor's tree). NULL: no key
    // (the student release): every answer fails, "no key here".
    const char *predict_key;
    char **protect;         // as root: paths only their owner may use
    size_t nprotect;

} GradeOptions;

// Run it all. The table goes to *out, problems to *err (both malloc'd).
// Returns 0; 1 if an --expect check failed; 2 if the grading itself could
// not be done (a bad rubric, an unwritable output folder).
int grade_all(const GradeOptions *o, char **out, char **err);

#endif
