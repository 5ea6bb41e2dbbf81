// Step 4 of a grading, for machines: results.json (Gradescope) and
// junit.xml in the output folder.
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../common/strbuf.h"
#include "../common/xalloc.h"

bool grade_write_text(const char *dir, const char *name, const char *text, StrBuf *err) {
    char *path = format("%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    bool ok = f && fputs(text, f) >= 0;
    if (f) ok = fclose(f) == 0 && ok;
    if (!ok) strbuf_putf(err, "grade: cannot write %s: %s\n", path, strerror(errno));
    free(path);
    return ok;
}

void grade_write_failure(const char *out_dir, const char *reason) {
    if (!out_dir) return;
    mkdir(out_dir, 0755);
    char *why = format("The autograder could not grade this submission: %s", reason);
    char *js = grade_json_string(why);
    char *json = format("{\n  \"score\": 0,\n  \"output\": %s,\n  \"visibility\": \"visible\",\n"
                        "  \"tests\": []\n}\n", js);
    StrBuf ignored = {0};
    grade_write_text(out_dir, "results.json", json, &ignored);
    free(strbuf_take(&ignored));
    free(json), free(js), free(why);
}

// The folder and those it goes in (mkdir -p; a failure shows when writing).
static void make_dirs(const char *dir) {
    char *mk = format("%s/", dir);
    for (char *p = mk + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        mkdir(mk, 0755);
        *p = '/';
    }
    free(mk);
}

// One job as a test of results.json.
static void json_test(StrBuf *js, const GradePlan *p, const Job *j, bool first) {
    char *name, *number, *output;
    const char *vis = "visible";
    double sc = 0, mx = 0;
    if (j->test) {
        name = format("%s %s: %s", j->test->exercise, exercise_title(&p->rb, j->test->exercise),
                      j->test->name);
        number = xstrdup(j->test->exercise);
        mx = j->test->points;
        sc = j->passed ? mx : 0;
        vis = j->test->visibility;
        output = j->passed ? format("passed\n\n%s", j->output)
                           : format("FAILED: %s\n\n%s", j->why, j->output);
    } else {
        name = format("chapter %s library tests (%s), not graded", j->chapter, j->binary);
        number = format("%s.0", j->chapter);
        output = format("%s%s", j->passed ? "" : "FAILED: ", j->why ? j->why : "");
    }
    char *jn = grade_json_string(name), *jnum = grade_json_string(number),
         *jo = grade_json_string(output);
    strbuf_putf(js, "%s\n    {\n      \"name\": %s,\n      \"number\": %s,\n"
                    "      \"score\": %g,\n      \"max_score\": %g,\n"
                    "      \"status\": \"%s\",\n      \"output\": %s,\n"
                    "      \"visibility\": \"%s\"\n    }",
                first ? "" : ",", jn, jnum, sc, mx, j->passed ? "passed" : "failed", jo, vis);
    free(jn), free(jnum), free(jo), free(name), free(number), free(output);
}

static char *results_json(const GradePlan *p, const GradeScore *s, double seconds) {
    StrBuf js = {0};
    strbuf_putf(&js, "{\n  \"score\": %g,\n  \"execution_time\": %.0f,\n", s->score,
                ceil(seconds));
    char *summary = format("Strides autograder: %g of %g points; %d passed, %d failed, "
                           "%d blocked by an exercise not done yet (library tests included).",
                           s->score, s->max_score, s->passed, s->failed, s->blocked);
    char *q = grade_json_string(summary);
    strbuf_putf(&js, "  \"output\": %s,\n  \"visibility\": \"visible\",\n"
                     "  \"stdout_visibility\": \"hidden\",\n  \"tests\": [", q);
    free(q);
    free(summary);
    for (size_t i = 0; i < p->njobs; i++) json_test(&js, p, &p->jobs[i], i == 0);
    strbuf_put(&js, "\n  ]\n}\n", 6);
    return strbuf_take(&js);
}

// A chapter's <testcase> elements into *cases; its count of tests and of
// failures into *tests and *failures.
static void junit_cases(StrBuf *cases, const GradePlan *p, const char *id, int *tests,
                        int *failures) {
    for (size_t i = 0; i < p->njobs; i++) {
        const Job *j = &p->jobs[i];
        if (strcmp(j->chapter, id) != 0) continue;
        if (j->test) {
            char *nm = format("%s %s", j->test->exercise, j->test->name);
            xml_testcase(cases, j->binary, nm, j->seconds, j->passed, j->why, j->output);
            free(nm);
            *tests += 1, *failures += !j->passed;
        } else {
            if (j->junit.s) strbuf_put(cases, j->junit.s, j->junit.len);
            if (j->missing)
                xml_testcase(cases, j->binary, "(the whole program)", 0, false, j->why,
                             j->output);
            *tests += j->lib_passed + j->lib_failed, *failures += j->lib_failed;
        }
    }
}

// One <testsuite> a chapter.
static char *junit_xml(const GradePlan *p, const GradeScore *s, double seconds) {
    StrBuf x = {0};
    strbuf_putf(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<testsuites name=\"strides\" tests=\"%d\" failures=\"%d\" "
                    "time=\"%.3f\">\n",
                s->passed + s->failed, s->failed, seconds);
    for (size_t c = 0; c < p->nch; c++) {
        int t = 0, f = 0;
        StrBuf cases = {0};
        junit_cases(&cases, p, p->ch[c].id, &t, &f);
        if (t) {
            char *title = format("chapter %s: %s", p->ch[c].id, p->ch[c].title);
            char *xt = grade_xml_text(title);
            strbuf_putf(&x, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\">\n"
                            "%s  </testsuite>\n",
                        xt, t, f, cases.s ? cases.s : "");
            free(xt);
            free(title);
        }
        free(strbuf_take(&cases));
    }
    strbuf_put(&x, "</testsuites>\n", 14);
    return strbuf_take(&x);
}

int grade_write_results(const GradePlan *p, const GradeScore *s, const GradeOptions *o,
                        double started, StrBuf *out, StrBuf *err) {
    if (!o->out_dir) return 0;
    int rc = 0;
    make_dirs(o->out_dir);
    char *json = results_json(p, s, now() - started);
    if (!grade_write_text(o->out_dir, "results.json", json, err)) rc = 2;
    free(json);
    char *xml = junit_xml(p, s, now() - started);
    if (!grade_write_text(o->out_dir, "junit.xml", xml, err)) rc = 2;
    free(xml);
    strbuf_putf(out, "results: %s/results.json (Gradescope), %s/junit.xml\n", o->out_dir,
                o->out_dir);
    return rc;
}
