// Tests for tools/release, the tool that writes the student release.
//
// tests/tools/fixtures/release/ok is a small project with solutions of
// every kind: whole function bodies of several return types (default
// stubs), a part of a body with a one-line stub, a puzzle file with a
// multi-line stub, instructor-only files and blocks, and a chapter that
// shows the code. Each test copies it to a fresh temporary directory made
// with mkdtemp, makes the copy a git work tree with every file tracked (the
// release ships only what git tracks), changes one thing, and checks what
// the tool says and writes.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_main.h"
#include "../../tools/release/release.h"
#include "tree_files.h"

#define FIXTURE STRIDES_ROOT "/tests/tools/fixtures/release/ok"

// ---- files --------------------------------------------------------------------

static bool exists(const char *root, const char *rel) {
    char *p = path_in(root, rel);
    bool yes = access(p, F_OK) == 0;
    free(p);
    return yes;
}

static int run(const char *fmt, ...) {
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return system(cmd);
}

// A fresh copy of the fixture, and a path for the release beside it.
typedef struct {
    char dir[64];
    char root[128];
    char dest[128];
} Fixture;

static int setup(void **state) {
    Fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/strides-test-release-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    snprintf(f->root, sizeof f->root, "%s/project", f->dir);
    snprintf(f->dest, sizeof f->dest, "%s/student", f->dir);
    if (run("cp -R '%s' '%s'", FIXTURE, f->root) != 0) return -1;
    if (run("git -C '%s' init -q && git -C '%s' add -A", f->root, f->root) != 0) return -1;
    *state = f;
    return 0;
}

static int teardown(void **state) {
    Fixture *f = *state;
    run("rm -rf '%s'", f->dir);
    free(f);
    return 0;
}

// The report must hold this "FILE:LINE: message" (a prefix of the message).
static void assert_diag(const Report *r, const char *expected) {
    if (!r->err || !strstr(r->err, expected))
        fail_msg("expected the diagnostic\n  %s\ngot:\n%s", expected, r->err ? r->err : "(none)");
}

// ---- the release ----------------------------------------------------------------

static void release_of_the_fixture(void **state) {
    Fixture *f = *state;
    Report r = {0};
    int rc = release_make(f->root, f->dest, false, &r);
    if (rc != 0) fail_msg("release failed:\n%s", r.err);
    assert_non_null(strstr(r.out, "written"));
    report_free(&r);

    // Instructor-only files and blocks are gone; the rest is there.
    assert_false(exists(f->dest, "tests/exercises/hidden"));
    assert_false(exists(f->dest, "docs/instructors.md"));
    assert_false(exists(f->dest, "tools/release"));
    assert_true(exists(f->dest, "docs/readme.md"));
    assert_true(exists(f->dest, "tests/exercises/ex01.c"));
    assert_true(exists(f->dest, ".strides-release"));
    char *mk = slurp(f->dest, "Makefile");
    assert_string_equal(mk, "all:\n\t@echo built\n");
    free(mk);
    char *rubric = slurp(f->dest, "grading/rubric.txt");
    assert_null(strstr(rubric, "hidden"));
    assert_non_null(strstr(rubric, "exercises/ex01  adds\n"));
    free(rubric);

    // Default stubs from the declarations; the one-line stub in place.
    char *c = slurp(f->dest, "src/alpha.c");
    assert_non_null(strstr(c, "int alpha_add(int a, int b) {\n"
                              "    // Exercise 1.1: not done yet. Replace this stub with your code.\n"
                              "    (void)a;\n    (void)b;\n"
                              "    return error_not_implemented(\"1.1\");\n}\n"));
    assert_non_null(strstr(c, "    (void)names;\n    (void)count;\n    (void)visit;\n"
                              "    error_not_implemented(\"1.2\");\n    return NULL;\n}\n"));
    assert_non_null(strstr(c, "    (void)n;\n    error_not_implemented(\"1.3\");\n"
                              "    return false;\n}\n"));
    assert_non_null(strstr(c, "Pair alpha_pair(void) {\n"
                              "    // Exercise 1.4: not done yet. Replace this stub with your code.\n"
                              "    error_not_implemented(\"1.4\");\n    return (Pair){0};\n}\n"));
    assert_non_null(strstr(c, "    (void)x;\n    error_not_implemented(\"1.5\");\n}\n"));
    assert_non_null(strstr(c, "    if (i < 0) {\n        return error_not_implemented(\"1.6\");\n    }\n"));
    assert_null(strstr(c, "SOLUTION"));
    assert_null(strstr(c, "STUB"));
    assert_null(strstr(c, "a + b"));
    free(c);
    char *ex = slurp(f->dest, "chapters/01-alpha/exercises.c");
    assert_non_null(strstr(ex, "int alpha_triple(int x) {\n"
                               "    // Exercise 1.7: three times x.\n"
                               "    (void)x;\n"
                               "    return error_not_implemented(\"1.7\");\n}\n"));
    free(ex);

    // The chapter was re-woven: it shows the stubs.
    char *readme = slurp(f->dest, "chapters/01-alpha/README.md");
    assert_non_null(strstr(readme, "    return error_not_implemented(\"1.1\");\n"));
    assert_null(strstr(readme, "int sum = a + b;"));
    free(readme);

    // What the student gets compiles, warnings as errors.
    assert_int_equal(run("cd '%s' && cc -std=c11 -Wall -Wextra -Wpedantic -Werror "
                         "-fsyntax-only src/alpha.c chapters/01-alpha/exercises.c",
                         f->dest), 0);
    // And the leak check agrees that nothing leaked.
    Report again = {0};
    assert_int_equal(release_check_leaks(f->root, f->dest, &again), 0);
    report_free(&again);
}

static void the_instructor_tree_is_left_alone(void **state) {
    Fixture *f = *state;
    char *before = slurp(f->root, "src/alpha.c");
    char *readme = slurp(f->root, "chapters/01-alpha/README.md");
    Report r = {0};
    assert_int_equal(release_make(f->root, f->dest, false, &r), 0);
    report_free(&r);
    char *after = slurp(f->root, "src/alpha.c");
    char *readme_after = slurp(f->root, "chapters/01-alpha/README.md");
    assert_string_equal(before, after);
    assert_string_equal(readme, readme_after);
    free(before), free(after), free(readme), free(readme_after);
}

// ---- never over a student's work -------------------------------------------------------

static void a_non_empty_destination_is_refused(void **state) {
    Fixture *f = *state;
    mkdir(f->dest, 0755);
    put(f->dest, "my-work.c", "int answer = 42;\n");
    Report r = {0};
    assert_int_equal(release_make(f->root, f->dest, false, &r), 1);
    assert_diag(&r, "is not empty: refusing to write over it");
    report_free(&r);
    // Not even with --force: this folder is not a release.
    assert_int_equal(release_make(f->root, f->dest, true, &r), 1);
    assert_diag(&r, "was not made by this tool");
    report_free(&r);
    char *kept = slurp(f->dest, "my-work.c");
    assert_string_equal(kept, "int answer = 42;\n");
    free(kept);
}

static void force_replaces_an_earlier_release(void **state) {
    Fixture *f = *state;
    Report r = {0};
    assert_int_equal(release_make(f->root, f->dest, false, &r), 0);
    report_free(&r);
    put(f->dest, "stale.txt", "from last time\n");
    assert_int_equal(release_make(f->root, f->dest, false, &r), 1);
    assert_diag(&r, "is not empty");
    report_free(&r);
    assert_int_equal(release_make(f->root, f->dest, true, &r), 0);
    report_free(&r);
    assert_false(exists(f->dest, "stale.txt"));
    assert_true(exists(f->dest, "src/alpha.c"));
}

static void a_destination_inside_the_project_is_refused(void **state) {
    Fixture *f = *state;
    char inside[256];
    snprintf(inside, sizeof inside, "%s/src/student", f->root);
    Report r = {0};
    assert_int_equal(release_make(f->root, inside, false, &r), 1);
    assert_diag(&r, "is inside the project");
    report_free(&r);
    // dist/ is fine: the release never copies it.
    snprintf(inside, sizeof inside, "%s/dist/student", f->root);
    assert_int_equal(release_make(f->root, inside, false, &r), 0);
    report_free(&r);
}

// ---- marker mistakes, each named by file and line; nothing written ----------------------

static void expect_refusal(Fixture *f, const char *expected) {
    Report r = {0};
    assert_int_equal(release_make(f->root, f->dest, false, &r), 1);
    assert_diag(&r, expected);
    report_free(&r);
    assert_false(exists(f->dest, "src"));
}

static void nested_markers(void **state) {
    Fixture *f = *state;
    edit(f->root, "src/alpha.c", "    return sum;\n", "    /* BEGIN SOLUTION 1.1 */\n    return sum;\n");
    expect_refusal(f, "src/alpha.c:12: nested /* BEGIN SOLUTION */: the solution opened at "
                      "line 10 is still open");
}

static void an_end_without_a_begin(void **state) {
    Fixture *f = *state;
    edit(f->root, "src/alpha.c", "    (void)exercise;\n", "    (void)exercise;\n    /* END SOLUTION */\n");
    expect_refusal(f, "src/alpha.c:6: /* END SOLUTION */ without a /* BEGIN SOLUTION */");
}

static void a_begin_never_closed(void **state) {
    Fixture *f = *state;
    edit(f->root, "chapters/01-alpha/exercises.c", "    /* END SOLUTION */\n", "");
    expect_refusal(f, "chapters/01-alpha/exercises.c:4: /* BEGIN SOLUTION 1.7 */ is never closed");
}

static void a_solution_without_an_id(void **state) {
    Fixture *f = *state;
    edit(f->root, "src/alpha.c", "/* BEGIN SOLUTION 1.5 */", "/* BEGIN SOLUTION */");
    expect_refusal(f, "src/alpha.c:38: a solution needs its exercise id");
}

static void mismatched_ids(void **state) {
    Fixture *f = *state;
    edit(f->root, "src/alpha.c", "    return sum;\n    /* END SOLUTION */",
         "    return sum;\n    /* END SOLUTION 2.1 */");
    expect_refusal(f, "src/alpha.c:13: /* END SOLUTION 2.1 */ closes /* BEGIN SOLUTION 1.1 */");
}

static void a_stub_in_the_wrong_place(void **state) {
    Fixture *f = *state;
    edit(f->root, "src/alpha.c", "    (void)exercise;\n", "    (void)exercise;\n    /* STUB return 0; */\n");
    expect_refusal(f, "src/alpha.c:6: a /* STUB */ must come right after its /* END SOLUTION */");
}

static void an_unterminated_stub(void **state) {
    Fixture *f = *state;
    edit(f->root, "chapters/01-alpha/exercises.c", "    */\n", "");
    expect_refusal(f, "chapters/01-alpha/exercises.c:8: unterminated /* STUB comment");
}

static void a_region_marker_inside_a_solution(void **state) {
    Fixture *f = *state;
    edit(f->root, "src/alpha.c", "    return sum;\n", "//< alpha-code\n    return sum;\n");
    expect_refusal(f, "src/alpha.c:12: a region marker inside the solution opened at line 10");
}

static void no_default_stub_for_part_of_a_body(void **state) {
    Fixture *f = *state;
    edit(f->root, "src/alpha.c", "        /* STUB: return error_not_implemented(\"1.6\"); */\n", "");
    expect_refusal(f, "src/alpha.c:45: no default stub for this solution (it is not the whole "
                      "body of a function)");
}

static void an_unclosed_instructor_block(void **state) {
    Fixture *f = *state;
    edit(f->root, "Makefile", "# ---- END INSTRUCTOR ONLY ----\n", "");
    expect_refusal(f, "Makefile:3: BEGIN INSTRUCTOR ONLY is never closed");
}

// ---- leaks ---------------------------------------------------------------------------------

static void a_leaked_solution_line_is_found(void **state) {
    Fixture *f = *state;
    Report r = {0};
    assert_int_equal(release_make(f->root, f->dest, false, &r), 0);
    report_free(&r);
    // Someone pastes the solution into the docs of the release.
    put(f->dest, "docs/readme.md", "# For everyone\n\n    int sum = a + b;  // the answer\n");
    assert_int_equal(release_check_leaks(f->root, f->dest, &r), 1);
    assert_diag(&r, "docs/readme.md:3: solution line leaked into the release (from "
                    "src/alpha.c:11): int sum = a + b;  // the answer");
    report_free(&r);
}

static void common_lines_are_not_secrets(void **state) {
    // "return sum;" would be a secret, but a line that also appears outside
    // every solution (here "return -1;") is not.
    Fixture *f = *state;
    edit(f->root, "src/alpha.c", "    return sum;\n", "    return -1;\n");
    Report r = {0};
    assert_int_equal(release_make(f->root, f->dest, false, &r), 0);
    report_free(&r);
    assert_int_equal(release_check_leaks(f->root, f->dest, &r), 0);
    report_free(&r);
}

// A predict file ships with every answer "?"; an answer found in a
// release's predict file, or a question line with its answer anywhere in
// it, is a leaked key.
static void predict_answers_are_blanked_and_never_leak(void **state) {
    Fixture *f = *state;
    Report r = {0};
    assert_int_equal(release_make(f->root, f->dest, false, &r), 0);
    report_free(&r);
    char *shipped = slurp(f->dest, "chapters/01-alpha/predict.txt");
    assert_string_equal(shipped,
                        "# Chapter 1 — Predict. For each question, write your answer after "
                        "\"=>\", replacing the \"?\".\n"
                        ">>> x = arange(6)\n"
                        "1.P1  x.shape         => ?\n"
                        "1.P2  x.view(2, 3).stride()  =>  ?\n"
                        "1.P3  x.view(4)       => ?\n"
                        "1.P4  x.numel()       => ?\n");
    free(shipped);
    assert_int_equal(release_check_leaks(f->root, f->dest, &r), 0);
    report_free(&r);
    put(f->dest, "chapters/01-alpha/predict.txt", "1.P1  x.shape  => (6,)\n");
    put(f->dest, "docs/readme.md", "1.P3  x.view(4)       => RuntimeError\n");
    assert_int_equal(release_check_leaks(f->root, f->dest, &r), 1);
    assert_diag(&r, "chapters/01-alpha/predict.txt: a predict file in the release holds "
                    "answers");
    assert_diag(&r, "docs/readme.md:1: solution line leaked into the release (from "
                    "chapters/01-alpha/predict.txt:5)");
    report_free(&r);
}

static void solution_files_are_listed(void **state) {
    Fixture *f = *state;
    Report r = {0};
    assert_int_equal(release_solution_files(f->root, &r), 0);
    assert_string_equal(r.out, "chapters/01-alpha/exercises.c\nchapters/01-alpha/predict.txt\n"
                               "src/alpha.c\n");
    report_free(&r);
}

// ---- every marker, wherever it is ----------------------------------------------------

// A line that mentions SOLUTION but is not a well-formed marker stops the
// release: misspelled markers used to be ordinary comments, so the
// solution between them shipped.
static void misspelled_markers_are_errors(void **state) {
    Fixture *f = *state;
    static const char *const spellings[][3] = {
        {"/*BEGIN SOLUTION 1.1*/", "/*END SOLUTION*/", "no blanks inside the comment"},
        {"// BEGIN SOLUTION 1.1", "// END SOLUTION", "a line comment"},
        {"/* BEGIN_SOLUTION 1.1 */", "/* END_SOLUTION */", "an underscore"},
        {"/* begin solution 1.1 */", "/* end solution */", "lower case"},
        {"# BEGIN SOLUTION 1.1", "# END SOLUTION", "a shell comment"},
        {"/* BEGIN SOLUTION 1.1 */ int x = 0;", "/* END SOLUTION */", "code after it"},
        {"/* BEGIN SOLUTION 1.1 (the sum) */", "/* END SOLUTION */", "words after the id"},
    };
    char *original = slurp(f->root, "src/alpha.c");
    for (size_t i = 0; i < sizeof spellings / sizeof *spellings; i++) {
        put(f->root, "src/alpha.c", original);
        edit(f->root, "src/alpha.c", "/* BEGIN SOLUTION 1.1 */", spellings[i][0]);
        edit(f->root, "src/alpha.c", "/* END SOLUTION */", spellings[i][1]);
        Report r = {0};
        if (release_make(f->root, f->dest, false, &r) != 1)
            fail_msg("%s (%s) was not refused", spellings[i][0], spellings[i][2]);
        assert_diag(&r, "src/alpha.c:10: malformed solution marker");
        report_free(&r);
        assert_false(exists(f->dest, "src"));
    }
    free(original);
}

// Solutions go only in the C files of src/ and chapters/: a file with one
// is handed in, and the grader takes the student's copy. A marker anywhere
// else that ships (here a test, which students must not replace) is an
// error; it used to be ignored, and the solution shipped.
static void markers_outside_src_and_chapters_are_errors(void **state) {
    Fixture *f = *state;
    put(f->root, "tests/exercises/ex01.c",
        "int visible_test;\n\nint ex01_helper(int x) {\n    /* BEGIN SOLUTION 1.8 */\n"
        "    return x * 42;  // the helper's secret\n    /* END SOLUTION */\n}\n");
    expect_refusal(f, "tests/exercises/ex01.c:4: a solution marker outside the C files of src/ "
                      "and chapters/");
    Report r = {0};
    assert_int_equal(release_solution_files(f->root, &r), 0);
    assert_string_equal(r.out, "chapters/01-alpha/exercises.c\nchapters/01-alpha/predict.txt\n"
                               "src/alpha.c\n");
    report_free(&r);
}

// In any other file that ships, a line that mentions SOLUTION would ship
// as it is. Instructor-only blocks don't ship, so they may mention it.
static void markers_in_other_files_are_errors(void **state) {
    Fixture *f = *state;
    put(f->root, "docs/readme.md", "# For everyone\n<!-- BEGIN SOLUTION 1.1 -->\n"
                                   "the answer is a + b\n<!-- END SOLUTION -->\n");
    expect_refusal(f, "docs/readme.md:2: a solution marker outside the C files");
    put(f->root, "docs/readme.md", "# For everyone\n");
    // Line numbers count the instructor-only lines that don't ship.
    edit(f->root, "grading/rubric.txt", "adds_secretly\n", "adds_secretly  # SOLUTION a + b\n");
    Report r = {0};
    assert_int_equal(release_make(f->root, f->dest, false, &r), 0);
    report_free(&r);
    char *rubric = slurp(f->root, "grading/rubric.txt");
    size_t n = strlen(rubric);
    char *more = malloc(n + 64);
    assert_non_null(more);
    snprintf(more, n + 64, "%sexercise 1.2  SOLUTION: the sum\n", rubric);
    put(f->root, "grading/rubric.txt", more);
    free(more);
    free(rubric);
    run("rm -rf '%s'", f->dest);
    expect_refusal(f, "grading/rubric.txt:6: a solution marker outside the C files");
}

// ---- only what git tracks ships ----------------------------------------------------

static void untracked_files_never_ship(void **state) {
    Fixture *f = *state;
    char *ex = slurp(f->root, "chapters/01-alpha/exercises.c");
    put(f->root, "chapters/01-alpha/exercises.c.orig", ex);  // a merge left it
    free(ex);
    run("mkdir -p '%s/tests/exercises/hidden.bak'", f->root);
    put(f->root, "tests/exercises/hidden.bak/ex01.c", "int hidden_copy;\n");
    // A tracked file deleted from the working tree is simply not there.
    run("rm '%s/docs/readme.md'", f->root);
    Report r = {0};
    if (release_make(f->root, f->dest, false, &r) != 0) fail_msg("release failed:\n%s", r.err);
    assert_non_null(strstr(r.out, "chapters/01-alpha/exercises.c.orig"));  // named, not shipped
    report_free(&r);
    assert_false(exists(f->dest, "chapters/01-alpha/exercises.c.orig"));
    assert_false(exists(f->dest, "tests/exercises/hidden.bak"));
    assert_false(exists(f->dest, "docs/readme.md"));
    assert_true(exists(f->dest, "chapters/01-alpha/exercises.c"));
}

// The explicit list (.release-files) adds files git does not track.
static void the_list_adds_untracked_files(void **state) {
    Fixture *f = *state;
    put(f->root, "docs/generated.md", "# Made by a script\n");
    put(f->root, ".release-files", "# shipped though untracked\ndocs/generated.md\n");
    Report r = {0};
    if (release_make(f->root, f->dest, false, &r) != 0) fail_msg("release failed:\n%s", r.err);
    report_free(&r);
    assert_true(exists(f->dest, "docs/generated.md"));
    assert_false(exists(f->dest, ".release-files"));
}

static void remove_git(Fixture *f) {
    assert_int_equal(strncmp(f->root, "/tmp/strides-test-release-", 26), 0);
    assert_int_equal(run("rm -rf '%s/.git'", f->root), 0);
}

static void without_git_the_release_refuses(void **state) {
    Fixture *f = *state;
    remove_git(f);
    expect_refusal(f, "is not the top of a git work tree");
}

// Without git, the list names every file that ships (tools/snapshot
// writes one); a listed file that is missing is an error.
static void without_git_the_list_names_what_ships(void **state) {
    Fixture *f = *state;
    remove_git(f);
    put(f->root, ".release-files",
        "Makefile\nsrc/alpha.c\nsrc/alpha.h\nchapters/chapters.txt\n"
        "chapters/00-intro/README.md\nchapters/01-alpha/README.md\n"
        "chapters/01-alpha/exercises.c\n");
    Report r = {0};
    if (release_make(f->root, f->dest, false, &r) != 0) fail_msg("release failed:\n%s", r.err);
    report_free(&r);
    assert_true(exists(f->dest, "src/alpha.c"));
    assert_false(exists(f->dest, "docs/readme.md"));
    assert_false(exists(f->dest, "grading/rubric.txt"));
    char *c = slurp(f->dest, "src/alpha.c");
    assert_null(strstr(c, "a + b"));
    free(c);
    run("rm -rf '%s'", f->dest);
    put(f->root, ".release-files", "Makefile\nsrc/gone.c\n../outside.c\n");
    Report again = {0};
    assert_int_equal(release_make(f->root, f->dest, false, &again), 1);
    assert_diag(&again, ".release-files:2: src/gone.c is listed but missing");
    assert_diag(&again, ".release-files:3: ../outside.c is not a path inside the project");
    report_free(&again);
    assert_false(exists(f->dest, "src"));
}

// ---- a leak stops the release ---------------------------------------------------------

// Only the chapters' code blocks are re-woven: a solution line pasted into
// their prose ends up in the release. The release fails, and leaves
// nothing behind (nor replaces an earlier release).
static void a_leak_fails_the_release_and_leaves_nothing(void **state) {
    Fixture *f = *state;
    char *readme = slurp(f->root, "chapters/01-alpha/README.md");
    size_t n = strlen(readme) + 128;
    char *leaky = malloc(n);
    assert_non_null(leaky);
    snprintf(leaky, n, "%s\nThe answer:\n\n    int sum = a + b;  // the answer\n", readme);
    put(f->root, "chapters/01-alpha/README.md", leaky);
    Report r = {0};
    assert_int_equal(release_make(f->root, f->dest, false, &r), 1);
    assert_diag(&r, "solution line leaked into the release (from src/alpha.c:11)");
    report_free(&r);
    assert_false(exists(f->dest, ""));
    // Nothing else was left in the folder either: only the project.
    assert_int_equal(run("test \"$(ls -A '%s')\" = project", f->dir), 0);

    // An earlier release survives a --force that leaks.
    put(f->root, "chapters/01-alpha/README.md", readme);
    assert_int_equal(release_make(f->root, f->dest, false, &r), 0);
    report_free(&r);
    put(f->root, "chapters/01-alpha/README.md", leaky);
    assert_int_equal(release_make(f->root, f->dest, true, &r), 1);
    report_free(&r);
    char *kept = slurp(f->dest, "chapters/01-alpha/README.md");
    assert_null(strstr(kept, "The answer:"));
    free(kept);
    assert_true(exists(f->dest, ".strides-release"));
    assert_int_equal(run("test \"$(ls -A '%s')\" = \"project\nstudent\"", f->dir), 0);
    free(leaky);
    free(readme);
}

// The leak check also finds solution markers, e.g. in hidden tests copied
// into the autograder after the release was made.
static void the_leak_check_finds_markers(void **state) {
    Fixture *f = *state;
    Report r = {0};
    assert_int_equal(release_make(f->root, f->dest, false, &r), 0);
    report_free(&r);
    put(f->dest, "docs/readme.md", "# For everyone\n\n    /* BEGIN SOLUTION 1.1 */\n");
    assert_int_equal(release_check_leaks(f->root, f->dest, &r), 1);
    assert_diag(&r, "docs/readme.md:3: a solution marker in the release");
    report_free(&r);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(release_of_the_fixture),
        T(the_instructor_tree_is_left_alone),
        T(a_non_empty_destination_is_refused),
        T(force_replaces_an_earlier_release),
        T(a_destination_inside_the_project_is_refused),
        T(nested_markers),
        T(an_end_without_a_begin),
        T(a_begin_never_closed),
        T(a_solution_without_an_id),
        T(mismatched_ids),
        T(a_stub_in_the_wrong_place),
        T(an_unterminated_stub),
        T(a_region_marker_inside_a_solution),
        T(no_default_stub_for_part_of_a_body),
        T(an_unclosed_instructor_block),
        T(a_leaked_solution_line_is_found),
        T(common_lines_are_not_secrets),
        T(predict_answers_are_blanked_and_never_leak),
        T(solution_files_are_listed),
        T(misspelled_markers_are_errors),
        T(markers_outside_src_and_chapters_are_errors),
        T(markers_in_other_files_are_errors),
        T(untracked_files_never_ship),
        T(the_list_adds_untracked_files),
        T(without_git_the_release_refuses),
        T(without_git_the_list_names_what_ships),
        T(a_leak_fails_the_release_and_leaves_nothing),
        T(the_leak_check_finds_markers),
    };
    return run_suite(&(TestSuite){.group = "tools/release", TEST_LIST(tests)});
}
