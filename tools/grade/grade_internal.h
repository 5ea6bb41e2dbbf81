// grade's insides, shared by its files (grade.h is the public side).
//
//   rubric.c    grading/rubric.txt: the exercises, and the tests that score them
//   manifest.c  chapters/chapters.txt: the chapters, and their library tests
//   process.c   running one test program in a process of its own
//   isolate.c   the subreaper, the unprivileged user, the sweep of leftovers
//   transcript.c probe mode's checker: observations against expected ones
//   judge.c     reading a run's output: did the test pass, and if not, why
//   jobs.c      every run of a grading, run side by side and judged
//   markup.c    JSON strings and XML text, for results.json and junit.xml
//   lines.c     the line and word helpers the others read text with
//   grade.c     the whole grading run: grade_all, the table and the files
#ifndef GRADE_INTERNAL_H
#define GRADE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

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

// ---- the rubric and the manifest (rubric.c, manifest.c) --------------------------------

const char *exercise_title(const GradeRubric *rb, const char *id);

typedef struct {
    char *id, *title;
    char **tests;
    size_t ntests;
} Chapter;

Chapter *read_manifest(const char *path, size_t *n);
void chapters_free(Chapter *ch, size_t n);
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
    char *expected;          // the expected observations (probe mode)
    char *observations;      // what the probe recorded
    // results
    bool passed;
    char *why;
    char *output;
    double seconds;
    // library runs: each test's verdict
    int lib_passed, lib_failed, lib_excused;
    StrBuf junit;            // <testcase> elements
} Job;

// Run the jobs, `parallel` at a time, and judge each.
void run_jobs(Job *jobs, size_t n, int parallel, const GradeRubric *rb, const char *bin_dir,
              const char *probe_dir);
// The lines of the build log that say why `binary` (exercises/ex07,
// test_module, ...) did not build: the compiler's and the linker's errors
// in its own sources and in the library's.
char *build_errors(const char *log_path, const char *binary);

// ---- XML (markup.c) ---------------------------------------------------------------------

// A junit.xml <testcase> element.
void xml_testcase(StrBuf *b, const char *classname, const char *name, double seconds,
                  bool passed, const char *message, const char *output);

#endif
