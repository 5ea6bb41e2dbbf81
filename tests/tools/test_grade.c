// Tests for tools/grade, the autograder.
//
// The grader runs a real test program, grade-planted (built from
// tests/tools/fixtures/grade/planted.c beside this test), whose tests pass,
// fail, abort, crash, loop forever, leak, overflow the stack and exit: each
// must fail alone, with a message that says what happened.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_main.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../tools/grade/grade.h"
#include "../../tools/grade/grade_internal.h"

static char bin_dir[4096];
static char planted[4096 + 32];

static bool verdict(const char *name, double limit, char **why, char **output) {
    char *argv[] = {planted, NULL};
    GradeRun run;
    assert_int_equal(grade_run_one(argv, name, limit, true, &run), 0);
    bool passed = grade_judge(name, &run, why);
    if (output) *output = (char *)run.output;
    else free((char *)run.output);
    return passed;
}

static void expect_failure(const char *name, double limit, const char *why_has) {
    char *why, *out;
    if (verdict(name, limit, &why, &out)) fail_msg("%s passed; its output:\n%s", name, out);
    if (!strstr(why, why_has))
        fail_msg("%s: expected a reason with \"%s\", got \"%s\"; output:\n%s", name, why_has,
                 why, out);
    free(why);
    free(out);
}

// ---- one test, one process ---------------------------------------------------------

static void a_passing_test_passes(void **state) {
    (void)state;
    char *why;
    assert_true(verdict("passes", 10, &why, NULL));
    assert_string_equal(why, "passed");
    free(why);
    assert_true(verdict("golden-ok", 10, &why, NULL));  // a group built at run time
    free(why);
}

static void a_failed_check_says_what_it_expected(void **state) {
    (void)state;
    expect_failure("fails", 10, "expected 3, got 4");
    expect_failure("golden-wrong", 10, "\"wrong\" != \"right\"");
}

static void an_abort_fails_that_test_alone(void **state) {
    (void)state;
    expect_failure("aborts", 10, "killed by signal 6");
}

static void a_crash_fails_that_test_alone(void **state) {
    (void)state;
    // UBSan catches the null store before the segfault would happen.
    expect_failure("crashes", 10, "sanitizer report:");
}

static void an_endless_loop_times_out(void **state) {
    (void)state;
    expect_failure("loops", 1, "timed out after 1 s");
}

static void a_leak_is_a_failure(void **state) {
    (void)state;
    expect_failure("leaks", 10, "100 byte(s) leaked in 1 allocation(s)");
}

static void a_stack_overflow_fails_that_test_alone(void **state) {
    (void)state;
    // cmocka's SIGSEGV handler has no stack left to run on: the process
    // dies of the signal, which the grader reports.
    expect_failure("overflows_the_stack", 10, "killed by signal 11 (Segmentation fault): a "
                                              "bad pointer, or a stack overflow");
}

static void exiting_in_a_test_fails_it(void **state) {
    (void)state;
    expect_failure("exits", 10, "the program exited (status 3) in the middle of the test");
}

static void names_must_match_exactly_one_test(void **state) {
    (void)state;
    expect_failure("twin", 10, "matched 2 tests");
    expect_failure("no_such_test", 10, "no test named 'no_such_test' ran");
}

static void a_missing_program_is_reported(void **state) {
    (void)state;
    char *argv[] = {"/nonexistent/program", NULL};
    GradeRun run;
    assert_int_equal(grade_run_one(argv, "x", 10, true, &run), 0);
    assert_non_null(strstr(run.output, "cannot run /nonexistent/program"));
    char *why;
    assert_false(grade_judge("x", &run, &why));
    free(why);
    free((char *)run.output);
}

// ---- the rubric ------------------------------------------------------------------------

static void the_rubric_is_parsed(void **state) {
    (void)state;
    GradeRubric rb;
    char *err;
    assert_int_equal(grade_rubric_parse("r.txt",
                                        "# comment\n"
                                        "exercise 1.2  copy-on-write: storage_make_unique\n"
                                        "test 1.2  2.5  after_due_date  exercises/ex01  t1  # why\n",
                                        &rb, &err), 0);
    assert_string_equal(err, "");
    free(err);
    assert_int_equal(rb.nex, 1);
    assert_string_equal(rb.ex[0].title, "copy-on-write: storage_make_unique");
    assert_int_equal(rb.ntest, 1);
    assert_true(rb.test[0].points == 2.5);
    assert_string_equal(rb.test[0].visibility, "after_due_date");
    assert_string_equal(rb.test[0].binary, "exercises/ex01");
    assert_string_equal(rb.test[0].name, "t1");
    grade_rubric_free(&rb);
}

static void rubric_mistakes_name_their_line(void **state) {
    (void)state;
    GradeRubric rb;
    char *err;
    assert_int_equal(grade_rubric_parse("r.txt",
                                        "exercise 1.1 one\n"
                                        "test 1.1 x visible b t\n"
                                        "test 1.1 1 public b t\n"
                                        "test 1.9 1 visible b t\n"
                                        "test 1.1 1 visible b t\n"
                                        "test 1.1 1 visible b t\n"
                                        "test 1.1 1 visible ../b u\n"
                                        "exercise 2.1 never tested\n"
                                        "tests 1.1\n",
                                        &rb, &err), 1);
    assert_string_equal(err,
                        "r.txt:2: points must be a number >= 0, not 'x'\n"
                        "r.txt:3: visibility must be visible, hidden, after_due_date or "
                        "after_published, not 'public'\n"
                        "r.txt:4: exercise 1.9 is not declared (an 'exercise 1.9 TITLE' line "
                        "must come first)\n"
                        "r.txt:6: b t is already graded at line 5\n"
                        "r.txt:7: the binary must be a path under the test binaries: '../b'\n"
                        "r.txt:9: expected 'exercise ID TITLE', 'test EXERCISE POINTS "
                        "VISIBILITY BINARY NAME' or 'predict EXERCISE POINTS VISIBILITY "
                        "FILE'\n"
                        "r.txt: exercise 2.1 has no tests\n");
    free(err);
    grade_rubric_free(&rb);
}

// ---- JSON and XML -------------------------------------------------------------------------

static void json_strings_are_escaped_and_valid_utf8(void **state) {
    (void)state;
    char *s = grade_json_string("a \"q\" \\ \n\t\x01 é \xff end");
    assert_string_equal(s, "\"a \\\"q\\\" \\\\ \\n\\t\\u0001 é \\ufffd end\"");
    free(s);
}

static void xml_text_is_escaped(void **state) {
    (void)state;
    char *s = grade_xml_text("<a href=\"x\">&\x01</a>");
    assert_string_equal(s, "&lt;a href=&quot;x&quot;&gt;&amp;?&lt;/a&gt;");
    free(s);
}

// ---- a whole grading run ---------------------------------------------------------------------

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot read %s", path);
    char *s = calloc(1, 1 << 20);
    assert_non_null(s);
    size_t n = fread(s, 1, (1 << 20) - 1, f);
    s[n] = '\0';
    fclose(f);
    return s;
}

static void write_text(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    if (!f) fail_msg("cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

// A program that did not build shows the compiler's errors about its own
// sources and the library's, not another chapter's (a parallel build
// mixes them) and not a "CC src/error.c" progress line.
static void a_program_that_did_not_build_shows_its_own_errors(void **state) {
    (void)state;
    char path[] = "/tmp/strides-build-log-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    write_text(path,
               "  CC      src/error.c (sanitizers)\n"
               "cc1: fatal error: chapters/03-view/../../tests/exercises/hidden/expected.txt: "
               "Permission denied\n"
               "chapters/07-modules/exercises.c:35:42: error: expected expression before '}'\n"
               "make[2]: *** [Makefile:150: build/obj/cc/test/chapters/07-modules/exercises.o] "
               "Error 1\n"
               "src/view.c:3:1: error: unknown type name 'oops'\n");
    char *seven = build_errors(path, "exercises/hidden/ex07");
    assert_non_null(strstr(seven, "chapters/07-modules/exercises.c:35:42: error: expected"));
    assert_non_null(strstr(seven, "07-modules/exercises.o] Error 1"));
    assert_non_null(strstr(seven, "src/view.c:3:1: error"));
    assert_null(strstr(seven, "03-view"));
    assert_null(strstr(seven, "CC      src/error.c"));
    char *three = build_errors(path, "exercises/ex03");
    assert_non_null(strstr(three, "chapters/03-view/../../tests/exercises/hidden/expected.txt"));
    assert_null(strstr(three, "07-modules"));
    free(seven);
    free(three);
    unlink(path);
}

// A scratch folder for a grading, holding a copy of the program `name`:
// ---- predict sets ---------------------------------------------------------------------------

static void predict_answers_compare_normalised(void **state) {
    (void)state;
    assert_true(predict_same("(4,3)", "(4, 3)"));
    assert_true(predict_same(" torch.Size([4, 3]) ", "(4, 3)"));
    assert_true(predict_same("torch.Size([5])", "(5,)"));
    assert_true(predict_same("torch.Size([])", "()"));
    assert_true(predict_same("true", "True"));
    assert_true(predict_same("FALSE", "False"));
    assert_true(predict_same("RuntimeError: view size is not compatible", "RuntimeError"));
    assert_false(predict_same("[4, 3]", "(4, 3)"));   // a list is not a tuple
    assert_false(predict_same("(5)", "(5,)"));        // an int in parentheses
    assert_false(predict_same("3.0", "3"));
    assert_false(predict_same("IndexError", "RuntimeError"));
    assert_false(predict_same("?", "?"));             // unanswered never matches
    assert_false(predict_same("(4, 3)", "?"));        // nor does a blanked key
}

static void predict_files_are_parsed(void **state) {
    (void)state;
    char path[4200];
    snprintf(path, sizeof path, "%s/../../../tests/tools/fixtures/predict/predict.txt", bin_dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char text[4096] = "";
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    size_t nq;
    PredictQuestion *qs = predict_parse(text, &nq);
    assert_int_equal(nq, 4);
    assert_string_equal(qs[0].id, "3.P1");
    assert_string_equal(qs[0].expr, "x.t().shape");
    assert_string_equal(qs[0].answer, "(4, 3)");
    assert_string_equal(qs[3].answer, "RuntimeError");
    predict_free(qs, nq);
}

// A predict set graded: the key in a folder of its own, the student's
// answers where the rubric says; one graded test per question.
static void predict_sets_are_graded_per_answer(void **state) {
    (void)state;
    char dir[] = "/tmp/strides-test-grade-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char cwd[4096], path[4200];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(dir), 0);
    mkdir("key", 0755), mkdir("key/ch", 0755), mkdir("ch", 0755);
    write_text("key/ch/predict.txt", ">>> x = arange(12).view(3, 4)\n"
                                      "3.P1  x.t().shape => (4, 3)\n"
                                      "3.P2  x.t().stride() => (1, 4)\n"
                                      "3.P3  x.t().is_contiguous() => False\n"
                                      "3.P4  x.t().view(12) => RuntimeError\n");
    write_text("ch/predict.txt", "3.P1  x.t().shape => torch.Size([4, 3])\n"
                                 "3.P2  x.t().stride() => (4, 1)\n"
                                 "3.P3  x.t().is_contiguous() => ?\n"
                                 "3.P4  x.t().view(12) => RuntimeError\n");
    write_text("chapters.txt", "3  03-view  -  -  view()\n");
    write_text("rubric.txt", "exercise 3.P  Predict: views\n"
                             "predict 3.P  1  visible  ch/predict.txt\n");
    GradeOptions o = {.rubric = "rubric.txt", .manifest = "chapters.txt", .bin_dir = dir,
                      .out_dir = "out", .timeout = 1, .library_timeout = 1, .jobs = 1,
                      .predict_key = "key"};
    char *out, *err;
    int rc = grade_all(&o, &out, &err);
    snprintf(path, sizeof path, "%s/out/results.json", dir);
    char *json = slurp(path);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(rc, 0);
    if (!strstr(out, "score: 2 / 4 points (2 of 4 graded tests passed)"))
        fail_msg("not 2 of 4:\n%s%s", out, err);
    assert_non_null(strstr(out, "  3.P Predict: views: 2/4 — failed: 3.P2: x.t().stride() => "
                                "(4, 1): not what it gives"));
    assert_non_null(strstr(out, "FAILED 3.P3: x.t().is_contiguous() => ? (not answered yet)"));
    assert_null(strstr(out, "(1, 4)"));  // the key's answer is never shown
    assert_non_null(strstr(json, "\"name\": \"3.P Predict: views: 3.P1\""));
    free(json);
    free(out);
    free(err);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

// as root the grader runs tests as an unprivileged user, who must reach
// the program (the checkout's folders may be closed to others) and may
// write beside it (or a detached attack could not even try).
static void make_grading_folder(char *dir, const char *name) {
    assert_non_null(mkdtemp(dir));
    assert_int_equal(chmod(dir, 0777), 0);
    char copy[4600];
    snprintf(copy, sizeof copy, "cp '%s/%s' '%s/'", bin_dir, name, dir);
    assert_int_equal(system(copy), 0);
}

// Remove a folder make_grading_folder made (mkdtemp, under /tmp), and
// nothing else.
static void remove_grading_folder(const char *dir) {
    static const char prefix[] = "/tmp/strides-test-grade-";
    assert_int_equal(strncmp(dir, prefix, sizeof prefix - 1), 0);
    assert_null(strstr(dir, ".."));
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

// A library program that crashes in a test blocked by a stub (on the
// stub's NULL) is blocked, not broken: the tests after it could not run.
static void a_crash_on_a_stub_blocks_the_library_run(void **state) {
    (void)state;
    char dir[] = "/tmp/strides-test-grade-XXXXXX";
    make_grading_folder(dir, "grade-stopped");
    char rubric[256], manifest[256], out_dir[256];
    snprintf(rubric, sizeof rubric, "%s/rubric.txt", dir);
    snprintf(manifest, sizeof manifest, "%s/chapters.txt", dir);
    snprintf(out_dir, sizeof out_dir, "%s/out", dir);
    write_text(manifest, "# id dir modules tests title\n"
                         "1  01-one  -  grade-stopped  The stopped chapter\n");
    write_text(rubric, "exercise 1.1  the stub\n"
                       "test 1.1  1  visible  grade-stopped  passes\n");
    char *library[] = {"grade-stopped"};
    GradeOptions o = {.rubric = rubric, .manifest = manifest, .bin_dir = dir,
                      .out_dir = out_dir, .timeout = 4, .library_timeout = 20, .jobs = 2,
                      .library = library, .nlibrary = 1};
    char *out, *err;
    assert_int_equal(grade_all(&o, &out, &err), 0);
    if (!strstr(out, "library tests, grade-stopped (not graded): 0 passed; 1 more needs an "
                     "exercise, graded above; 1 blocked by an exercise not done yet:\n"
                     "  crashes_on_a_stub: blocked by exercise 1.1\n")) {
        fail_msg("the stopped run is not blocked:\n%s%s", out, err);
    }
    assert_null(strstr(out, "stopped before its last test"));
    free(out);
    free(err);
    remove_grading_folder(dir);
}

static void grading_writes_gradescope_results(void **state) {
    (void)state;
    char dir[] = "/tmp/strides-test-grade-XXXXXX";
    make_grading_folder(dir, "grade-planted");
    char rubric[256], manifest[256], out_dir[256], path[300];
    snprintf(rubric, sizeof rubric, "%s/rubric.txt", dir);
    snprintf(manifest, sizeof manifest, "%s/chapters.txt", dir);
    snprintf(out_dir, sizeof out_dir, "%s/out", dir);
    write_text(manifest, "# id dir modules tests title\n"
                         "1  01-one  -  grade-planted  The planted chapter\n");
    write_text(rubric, "exercise 1.1  things that work\n"
                       "exercise 1.2  things that break\n"
                       "test 1.1  2  visible         grade-planted  passes\n"
                       "test 1.1  1  hidden          grade-planted  golden-ok\n"
                       "test 1.2  1  visible         grade-planted  aborts\n"
                       "test 1.2  1  after_due_date  grade-planted  loops\n"
                       "test 1.2  1  visible         grade-planted  leaks\n"
                       "test 1.2  1  visible         grade-planted  stub_of_its_own\n"
                       "test 1.2  1  visible         grade-planted  blocked_by_another\n");
    char *library[] = {"grade-planted"};
    // (The time limit is loose: the machine may be busy, and only "loops"
    // should reach it.)
    GradeOptions o = {.rubric = rubric, .manifest = manifest, .bin_dir = dir,
                      .out_dir = out_dir, .timeout = 4, .library_timeout = 20, .jobs = 4,
                      .library = library, .nlibrary = 1};
    char *out, *err;
    assert_int_equal(grade_all(&o, &out, &err), 0);
    assert_string_equal(err, "");
    assert_non_null(strstr(out, "chapter 1  The planted chapter"));
    if (!strstr(out, "score: 3 / 8 points (2 of 7 graded tests passed)")) {
        fail_msg("not the score of 3 / 8 points:\n%s%s", out, err);
    }
    // One line per exercise, the first failed test named; the stubs read
    // from the runner's "[   STUB   ] ID" lines, not from any message.
    assert_non_null(strstr(out, "  1.1 things that work: 3/3\n"));
    assert_non_null(strstr(out, "  1.2 things that break: 0/5 — failed: aborts: crashed"));
    assert_non_null(strstr(out, "  chapter 1 subtotal: 3/8\n"));
    assert_non_null(strstr(out, "FAILED stub_of_its_own: not implemented yet: exercise 1.2"));
    assert_non_null(strstr(out, "FAILED blocked_by_another: blocked by exercise 1.1 ("));
    // The library run names its blocked test, and counts it apart.
    assert_non_null(strstr(out, "\nblocked: 2 tests (1 graded) failed only because"));
    assert_non_null(strstr(out, "  blocked_library_test: blocked by exercise 1.1\n"));
    // The library run of the whole program dies at "aborts": one failure.
    assert_non_null(strstr(out, "library tests, grade-planted (not graded): FAILED: crashed"));
    // 2 graded passes + 1 library test that passed before the abort; 4
    // graded failures + the crashed library run (the blocked test apart).
    const char *last = strrchr(out, '\n');
    while (last > out && last[-1] != '\n') last--;
    assert_string_equal(last, "2 passed, 5 failed\n");
    free(out);
    free(err);

    snprintf(path, sizeof path, "%s/results.json", out_dir);
    char *json = slurp(path);
    assert_non_null(strstr(json, "\"score\": 3,"));
    assert_non_null(strstr(json, "\"execution_time\": "));
    assert_non_null(strstr(json, "\"stdout_visibility\": \"hidden\""));
    assert_non_null(strstr(json, "\"name\": \"1.1 things that work: passes\",\n"
                                 "      \"number\": \"1.1\",\n"
                                 "      \"score\": 2,\n"
                                 "      \"max_score\": 2,\n"
                                 "      \"status\": \"passed\""));
    assert_non_null(strstr(json, "\"visibility\": \"hidden\""));
    assert_non_null(strstr(json, "\"status\": \"failed\",\n      \"output\": \"FAILED: timed out"));
    assert_non_null(strstr(json, "\"visibility\": \"after_due_date\""));
    // Only fields that Gradescope's format documents.
    static const char *const documented[] = {
        "score", "execution_time", "output", "output_format", "test_output_format",
        "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests",
        "leaderboard", "max_score", "status", "name", "name_format", "number", "tags", NULL};
    int keys = 0;
    for (const char *p = json; (p = strstr(p, "\n")) != NULL; p++) {
        const char *q = p + 1;
        while (*q == ' ') q++;
        if (*q != '"') continue;
        const char *end = strchr(q + 1, '"');
        if (!end || end[1] != ':') continue;
        bool known = false;
        for (int i = 0; documented[i]; i++)
            known |= strlen(documented[i]) == (size_t)(end - q - 1) &&
                     strncmp(q + 1, documented[i], (size_t)(end - q - 1)) == 0;
        if (!known) fail_msg("results.json has an undocumented field %.*s", (int)(end - q + 1), q);
        keys++;
    }
    assert_true(keys > 40);
    free(json);
    snprintf(path, sizeof path, "%s/junit.xml", out_dir);
    char *xml = slurp(path);
    assert_non_null(strstr(xml, "<testsuite name=\"chapter 1: The planted chapter\""));
    assert_non_null(strstr(xml, "<testcase classname=\"grade-planted\" name=\"1.2 aborts\""));
    assert_non_null(strstr(xml, "<failure message=\"crashed: killed by signal 6"));
    free(xml);
    remove_grading_folder(dir);
}

// The checker: expected against got, check by check; a hidden test's
// message never shows an expected value; the tolerance is the expected
// transcript's, whatever the program claims.
static void probe_verdicts_compare_observations(void **state) {
    (void)state;
    GradeRun run = {.status = 0, .output = ""};
    const char *want = "shape\tw\t[3, 3]\nvalues~1e-05\tw\t0 1 2.5\n";
    char *why;
    assert_true(grade_judge_probe(&run, want, "shape\tt.c:3\tw\t[3, 3]\n"
                                              "values~1e-05\tt.c:3\tw\t0 1 2.500001\n", false, &why));
    free(why);
    assert_false(grade_judge_probe(&run, want, "shape\tt.c:3\tw\t[3, 3]\n"
                                               "values~1e30\tt.c:3\tw\t0 7 2.5\n", false, &why));
    assert_string_equal(why, "t.c:3: values of w: element 1 (row-major): expected 1, got 7");
    free(why);
    assert_false(grade_judge_probe(&run, want, "shape\tt.c:3\tw\t[2, 3]\n", true, &why));
    assert_non_null(strstr(why, "your code gave shape [2, 3]"));
    assert_null(strstr(why, "[3, 3]"));
    free(why);
    assert_false(grade_judge_probe(&run, want, "", false, &why));
    assert_non_null(strstr(why, "stopped after 0 of its 2 checks"));
    free(why);
    run.status = 1 << 8;  // exit status 1: every check matched, still a failure
    assert_false(grade_judge_probe(&run, want, "shape\tt.c:3\tw\t[3, 3]\n"
                                               "values~1e-05\tt.c:3\tw\t0 1 2.5\n", false, &why));
    assert_non_null(strstr(why, "exited with status 1"));
    free(why);
}

// Probe mode against grade-attacks (tests/tools/fixtures/grade/attacks.c):
// a constructor that reports success and leaves, a SIGSEGV handler that
// does the same, a closed or redirected observation channel, a harmless
// cmocka, a fork bomb, endless output and 10 GiB of memory all score
// nothing; a detached process and the bomb's processes are killed before
// the grader returns.
static void attacks_earn_nothing_and_leave_nothing(void **state) {
    (void)state;
    static const char *const tests[] = {"honest", "wrong", "constructor_exits", "segv_handler",
                                        "closes_the_channel", "redirects_the_channel",
                                        "overrides_cmocka", "detaches", "forks_a_bomb",
                                        "prints_forever", "hogs_memory", NULL};
    char dir[] = "/tmp/strides-test-grade-XXXXXX";
    make_grading_folder(dir, "grade-attacks");
    char rubric[256], manifest[256], expected[256], out_dir[256], later[256];
    snprintf(rubric, sizeof rubric, "%s/rubric.txt", dir);
    snprintf(manifest, sizeof manifest, "%s/chapters.txt", dir);
    snprintf(expected, sizeof expected, "%s/expected.txt", dir);
    snprintf(out_dir, sizeof out_dir, "%s/out", dir);
    snprintf(later, sizeof later, "%s/attack-detached.txt", dir);
    write_text(manifest, "1  01-one  -  -  The attacked chapter\n");
    char rub[4096] = "exercise 1.1  answers\n", exp[4096] = "";
    for (int i = 0; tests[i]; i++) {
        snprintf(rub + strlen(rub), sizeof rub - strlen(rub),
                 "test 1.1  1  visible  grade-attacks  %s\n", tests[i]);
        snprintf(exp + strlen(exp), sizeof exp - strlen(exp), "== grade-attacks %s\nint\t%s\t42\n",
                 tests[i], strcmp(tests[i], "wrong") == 0 ? "answer() - 1" : "answer()");
    }
    write_text(rubric, rub);
    write_text(expected, exp);
    char *files[] = {expected};
    GradeOptions o = {.rubric = rubric, .manifest = manifest, .bin_dir = dir,
                      .out_dir = out_dir, .timeout = 5, .library_timeout = 10, .jobs = 2,
                      .probe_dir = dir, .expected = files, .nexpected = 1};
    char *out, *err;
    unlink(later);
    assert_int_equal(grade_all(&o, &out, &err), 0);
    // honest and detaches answer right; every other attack fails (a fork
    // bomb too: at the process limit, LeakSanitizer cannot do its work).
    if (!strstr(out, "score: 2 / 11 points")) fprintf(stderr, "%s%s", out, err), fail();
    assert_non_null(strstr(out, "FAILED prints_forever: crashed: killed by signal 25"));
    assert_non_null(strstr(out, "FAILED wrong: attacks.c:"));
    assert_non_null(strstr(out, "expected 42, got 41"));
    assert_non_null(strstr(out, "FAILED constructor_exits: the test stopped after 0 of its 1"));
    assert_null(strstr(out, "FAILED honest"));
    free(out);
    free(err);
    // Nothing is left running, and nothing writes later.
    assert_int_equal(system("pgrep -x strides-evil >/dev/null"), 256);
    sleep(3);
    assert_int_equal(access(later, F_OK), -1);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

// run_autograder deletes and rebuilds "$root/work". With a root that
// doesn't exist it must stop, not go on with an empty root (which once
// deleted a real /work).
static void run_autograder_refuses_a_missing_root(void **state) {
    (void)state;
    int status = system("AUTOGRADER_ROOT=/nonexistent/strides-autograder "
                        "sh " STRIDES_ROOT "/tools/grade/run_autograder 2>/dev/null");
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 2);
}

// ---- run_autograder's guard -----------------------------------------------------------
//
// run_autograder writes results under its root. It must refuse a root that
// resolves to "/" or that does not hold the autograder's marker file
// (source/.strides-autograder), before it touches anything, and it may
// remove only the work folder it made itself with mktemp. Each test works
// in a folder made with mkdtemp. The refusals of "/" run with every
// command that could write (rm, cp, mkdir, ...) replaced on PATH by a
// tripwire that records its call and fails: even a broken guard could not
// touch the real "/".

#define AUTOGRADER_SCRATCH "/tmp/strides-test-autograder-"

static int shell(const char *fmt, ...) {
    char cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int status = system(cmd);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void scratch_make(char *dir, size_t n) {
    snprintf(dir, n, AUTOGRADER_SCRATCH "XXXXXX");
    assert_non_null(mkdtemp(dir));
}

static void scratch_remove(const char *dir) {
    assert_int_equal(strncmp(dir, AUTOGRADER_SCRATCH, strlen(AUTOGRADER_SCRATCH)), 0);
    assert_int_equal(shell("rm -rf '%s'", dir), 0);
}

static bool exists_in(const char *dir, const char *rel) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    return access(path, F_OK) == 0;
}

static void put_in(const char *dir, const char *rel, const char *text) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    assert_int_equal(shell("mkdir -p \"$(dirname '%s')\"", path), 0);
    write_text(path, text);
}

static void make_tripwires(const char *dir) {
    static const char *const writers[] = {"rm", "rmdir", "cp", "mv", "mkdir", "mktemp", "ln",
                                          "touch", "chmod", "make", "find", "tee", "install"};
    for (size_t i = 0; i < sizeof writers / sizeof *writers; i++) {
        char rel[64], text[512];
        snprintf(rel, sizeof rel, "tripwires/%s", writers[i]);
        snprintf(text, sizeof text, "#!/bin/sh\necho \"$0 $*\" >>'%s/tripped'\nexit 1\n", dir);
        put_in(dir, rel, text);
    }
    assert_int_equal(shell("chmod 755 '%s'/tripwires/*", dir), 0);
}

// Run run_autograder on this root (with the tripwires first on PATH if
// asked), its output into dir/log and its temporary folders into dir/tmp.
// It must refuse, with exit status 2 and a message that says why.
static void expect_refusal_of(const char *dir, const char *root, bool tripwired,
                              const char *why) {
    char path[256] = "";
    if (tripwired) snprintf(path, sizeof path, "PATH=\"%s/tripwires:$PATH\" ", dir);
    int status = shell("mkdir -p '%s/tmp' && %sAUTOGRADER_ROOT='%s' TMPDIR='%s/tmp' "
                       "sh '" STRIDES_ROOT "/tools/grade/run_autograder' >'%s/log' 2>&1",
                       dir, path, root, dir, dir);
    char log[512];
    snprintf(log, sizeof log, "%s/log", dir);
    char *text = slurp(log);
    if (status != 2 || exists_in(dir, "tripped") || !strstr(text, why))
        fail_msg("root %s: exit status %d (expected 2), tripwires %s, output:\n%s", root,
                 status, exists_in(dir, "tripped") ? "TRIPPED" : "untouched", text);
    free(text);
}

// "/", "//" and paths that resolve to "/" are refused before anything runs.
static void run_autograder_refuses_the_root_folder(void **state) {
    (void)state;
    char dir[64], root[128];
    scratch_make(dir, sizeof dir);
    make_tripwires(dir);
    expect_refusal_of(dir, "/", true, "resolves to /");
    expect_refusal_of(dir, "//", true, "resolves to /");
    expect_refusal_of(dir, "///", true, "resolves to /");
    snprintf(root, sizeof root, "%s/../..", dir);
    expect_refusal_of(dir, root, true, "resolves to /");
    snprintf(root, sizeof root, "%s/slash", dir);
    assert_int_equal(symlink("/", root), 0);
    expect_refusal_of(dir, root, true, "resolves to /");
    scratch_remove(dir);
}

// A folder that is not an autograder (no source/.strides-autograder) is
// refused, and its "work" folder is left alone: the old script removed
// "$root/work" before any check.
static void run_autograder_refuses_a_root_without_its_marker(void **state) {
    (void)state;
    char dir[64], root[128];
    scratch_make(dir, sizeof dir);
    put_in(dir, "canary", "the parent's\n");
    put_in(dir, "root/work/canary", "a folder someone else made\n");
    put_in(dir, "root/source/strides/grading/submission-files.txt", "src/a.c\n");
    snprintf(root, sizeof root, "%s/root", dir);
    expect_refusal_of(dir, root, false, "is not a Strides autograder");
    assert_true(exists_in(dir, "root/work/canary"));
    assert_true(exists_in(dir, "canary"));
    assert_false(exists_in(dir, "root/results"));
    // A file is not a root either.
    snprintf(root, sizeof root, "%s/canary", dir);
    expect_refusal_of(dir, root, false, "is not a folder");
    scratch_remove(dir);
}

// With its marker, run_autograder grades in a folder it makes with mktemp
// and removes that folder, and only that, when done.
static void run_autograder_removes_only_its_own_folder(void **state) {
    (void)state;
    char dir[64], root[128];
    scratch_make(dir, sizeof dir);
    put_in(dir, "canary", "the parent's\n");
    put_in(dir, "root/work/canary", "a folder someone else made\n");
    put_in(dir, "root/source/.strides-autograder", "a Strides autograder\n");
    put_in(dir, "root/source/strides/grading/submission-files.txt", "src/a.c\n");
    put_in(dir, "root/source/strides/src/a.c", "int stub;\n");
    put_in(dir, "root/source/strides/Makefile",
           "grade:\n\t@cat src/a.c >$(GRADE_OUT)/graded.txt\n"
           "\t@pwd >$(GRADE_OUT)/where.txt\n"
           "\t@echo '{\"score\": 7}' >$(GRADE_OUT)/results.json\n");
    put_in(dir, "root/submission/src/a.c", "int solved;\n");
    snprintf(root, sizeof root, "%s/root", dir);
    assert_int_equal(shell("mkdir -p '%s/tmp' && AUTOGRADER_ROOT='%s' TMPDIR='%s/tmp' "
                           "sh '" STRIDES_ROOT "/tools/grade/run_autograder' >'%s/log' 2>&1",
                           dir, root, dir, dir), 0);
    char path[512];
    snprintf(path, sizeof path, "%s/root/results/graded.txt", dir);
    char *graded = slurp(path);
    assert_string_equal(graded, "int solved;\n");
    free(graded);
    snprintf(path, sizeof path, "%s/root/results/where.txt", dir);
    char *where = slurp(path);
    char tmp[128];
    snprintf(tmp, sizeof tmp, "%s/tmp/", dir);
    if (strncmp(where, tmp, strlen(tmp)) != 0) fail_msg("graded in %s, not under %s", where, tmp);
    free(where);
    assert_true(exists_in(dir, "root/work/canary"));
    assert_true(exists_in(dir, "canary"));
    assert_int_equal(shell("test -z \"$(ls -A '%s/tmp')\"", dir), 0);  // its folder is gone
    scratch_remove(dir);
}

int main(int argc, char **argv) {
    (void)argc;
    // grade-planted is built next to this program.
    snprintf(bin_dir, sizeof bin_dir, "%s", argv[0]);
    char *slash = strrchr(bin_dir, '/');
    if (slash) *slash = '\0';
    else snprintf(bin_dir, sizeof bin_dir, ".");
    snprintf(planted, sizeof planted, "%s/grade-planted", bin_dir);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_passing_test_passes),
        cmocka_unit_test(a_failed_check_says_what_it_expected),
        cmocka_unit_test(an_abort_fails_that_test_alone),
        cmocka_unit_test(a_crash_fails_that_test_alone),
        cmocka_unit_test(an_endless_loop_times_out),
        cmocka_unit_test(a_leak_is_a_failure),
        cmocka_unit_test(a_stack_overflow_fails_that_test_alone),
        cmocka_unit_test(exiting_in_a_test_fails_it),
        cmocka_unit_test(names_must_match_exactly_one_test),
        cmocka_unit_test(a_missing_program_is_reported),
        cmocka_unit_test(a_program_that_did_not_build_shows_its_own_errors),
        cmocka_unit_test(the_rubric_is_parsed),
        cmocka_unit_test(rubric_mistakes_name_their_line),
        cmocka_unit_test(predict_answers_compare_normalised),
        cmocka_unit_test(predict_files_are_parsed),
        cmocka_unit_test(predict_sets_are_graded_per_answer),
        cmocka_unit_test(json_strings_are_escaped_and_valid_utf8),
        cmocka_unit_test(xml_text_is_escaped),
        cmocka_unit_test(grading_writes_gradescope_results),
        cmocka_unit_test(a_crash_on_a_stub_blocks_the_library_run),
        cmocka_unit_test(probe_verdicts_compare_observations),
        cmocka_unit_test(attacks_earn_nothing_and_leave_nothing),
        cmocka_unit_test(run_autograder_refuses_a_missing_root),
        cmocka_unit_test(run_autograder_refuses_the_root_folder),
        cmocka_unit_test(run_autograder_refuses_a_root_without_its_marker),
        cmocka_unit_test(run_autograder_removes_only_its_own_folder),
    };
    return run_suite(&(TestSuite){.group = "tools/grade", TEST_LIST(tests)});
}
