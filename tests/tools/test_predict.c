// Every answer of every predict set (chapters/*/predict.txt, and the
// grader's fixture) is what OUR REPL computes: each question runs in
// build/test/<cc>/strides -c, after its file's ">>>" lines, and its value
// (the last line printed), or the class of the exception it raises, must
// equal the answer as the grader compares answers (tools/grade/predict.c).
// tests/golden/gen_predict.py checks the same answers against PyTorch.
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_main.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../../tools/common/strbuf.h"
#include "../../tools/common/text.h"
#include "../../tools/grade/grade_internal.h"

static char repl[4200];

// The file's ">>>" lines, without their prompt, one a line.
static char *setup_lines(const char *text) {
    StrBuf b = {0};
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        if (strncmp(line, ">>>", 3) == 0) strbuf_putf(&b, "%.*s\n", (int)(n - 3), line + 3);
        line = end ? end + 1 : NULL;
    }
    return strbuf_take(&b);
}

// What the REPL says `expr` is: its last line of output, or, when it
// raises, the exception's class (what its message starts with).
static char *repl_answer(const char *setup, const char *expr) {
    char script[] = "/tmp/strides-test-predict-XXXXXX";
    int fd = mkstemp(script);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "%s%s\n", setup, expr);
    fclose(f);
    char cmd[8600];
    snprintf(cmd, sizeof cmd, "'%s' '%s' 2>&1", repl, script);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[4096], last[4096] = "";
    while (fgets(line, sizeof line, p))
        if (line[0] != '#') snprintf(last, sizeof last, "%s", line);
    int status = pclose(p);
    remove(script);
    last[strcspn(last, "\r\n")] = '\0';
    if (WIFEXITED(status) && WEXITSTATUS(status) != 0) last[strcspn(last, ":")] = '\0';
    return strdup(last);
}

// The questions of one file whose answer is not the REPL's, into *bad.
static int check_file(const char *path, StrBuf *bad) {
    char *text = read_file(path, NULL);
    if (!text) fail_msg("cannot read %s", path);
    char *setup = setup_lines(text);
    size_t n;
    PredictQuestion *qs = predict_parse(text, &n);
    int wrong = 0;
    for (size_t i = 0; i < n; i++) {
        char *got = repl_answer(setup, qs[i].expr);
        if (!predict_same(got, qs[i].answer)) {
            strbuf_putf(bad, "%s: %s  %s => %s, but our REPL says %s\n", path, qs[i].id,
                        qs[i].expr, qs[i].answer, got);
            wrong++;
        }
        free(got);
    }
    if (n == 0) strbuf_putf(bad, "%s: no question\n", path), wrong++;
    predict_free(qs, n);
    free(setup);
    free(text);
    return wrong;
}

static void every_answer_is_what_our_repl_computes(void **state) {
    (void)state;
    glob_t g = {0};
    glob(STRIDES_ROOT "/chapters/*/predict.txt", 0, NULL, &g);
    StrBuf bad = {0};
    int wrong = check_file(STRIDES_ROOT "/tests/tools/fixtures/predict/predict.txt", &bad);
    for (size_t i = 0; i < g.gl_pathc; i++) wrong += check_file(g.gl_pathv[i], &bad);
    globfree(&g);
    char *report = strbuf_take(&bad);
    if (wrong) {
        fprintf(stderr, "%s", report);
        free(report);
        fail_msg("%d predict answer(s) differ from the REPL", wrong);
    }
    free(report);
}

// The check can fail: a wrong answer is caught.
static void a_wrong_answer_is_caught(void **state) {
    (void)state;
    char *got = repl_answer("x = arange(12).view(3, 4)\n", "x.t().stride()");
    assert_string_equal(got, "(1, 4)");
    assert_false(predict_same(got, "(4, 1)"));
    free(got);
    got = repl_answer("x = arange(12).view(3, 4)\n", "x.t().view(12)");
    assert_string_equal(got, "RuntimeError");
    free(got);
}

int main(int argc, char **argv) {
    (void)argc;
    // The REPL (with the sanitizers) is built next to this program.
    snprintf(repl, sizeof repl, "%s", argv[0]);
    char *slash = strrchr(repl, '/');
    snprintf(slash ? slash + 1 : repl, sizeof repl - (size_t)(slash ? slash + 1 - repl : 0),
             "strides");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_wrong_answer_is_caught),
        cmocka_unit_test(every_answer_is_what_our_repl_computes),
    };
    return run_suite(&(TestSuite){.group = "predict sets against our REPL", TEST_LIST(tests)});
}
