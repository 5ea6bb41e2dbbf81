// grade: the whole grading run (grade.h). grade_internal.h maps the rest.
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/strbuf.h"
#include "../common/text.h"
#include "../common/xalloc.h"

static bool write_text(const char *dir, const char *name, const char *text, StrBuf *err) {
    char *path = format("%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    bool ok = f && fputs(text, f) >= 0;
    if (f) ok = fclose(f) == 0 && ok;
    if (!ok) strbuf_putf(err, "grade: cannot write %s: %s\n", path, strerror(errno));
    free(path);
    return ok;
}

// results.json when the grading itself could not be done: Gradescope
// must still get one, with the reason.
static void write_failure_results(const char *out_dir, const char *reason) {
    if (!out_dir) return;
    mkdir(out_dir, 0755);
    char *why = format("The autograder could not grade this submission: %s", reason);
    char *js = grade_json_string(why);
    char *json = format("{\n  \"score\": 0,\n  \"output\": %s,\n  \"visibility\": \"visible\",\n"
                        "  \"tests\": []\n}\n", js);
    StrBuf ignored = {0};
    write_text(out_dir, "results.json", json, &ignored);
    free(strbuf_take(&ignored));
    free(json), free(js), free(why);
}

// Every file of expected transcripts, one after the other (NULL if none).
static char *read_expected(const GradeOptions *o, StrBuf *err) {
    StrBuf all = {0};
    for (size_t i = 0; i < o->nexpected; i++) {
        char *text = read_file(o->expected[i], NULL);
        if (!text) {
            strbuf_putf(err, "grade: cannot read the expected transcripts %s: %s\n",
                        o->expected[i], strerror(errno));
            continue;
        }
        for (char *line = text, *next; line && *line; line = next) {  // comments out
            next = strchr(line, '\n');
            if (next) *next++ = '\0';
            if (*line != '#') strbuf_putf(&all, "%s\n", line);
        }
        free(text);
    }
    return strbuf_take(&all);
}

// Probe mode for the graded jobs: which program, which expected answers.
static void set_up_probes(Job *jobs, size_t njobs, const GradeOptions *o, const char *expected) {
    for (size_t i = 0; i < njobs; i++) {
        Job *j = &jobs[i];
        if (!j->test || !o->probe_dir) continue;
        j->probe = true;
        j->hidden = strstr(j->binary, "hidden/") != NULL;
        j->expected = transcript_lookup(expected, j->binary, j->test->name);
        j->recording = o->record_visible || o->record_hidden;
    }
}

// Record mode: the solutions' observations become the expected transcripts,
// the visible tests' in one file, the hidden tests' in another. Every
// graded test must pass cleanly, and one with points must observe
// something (an empty transcript would let a program that does nothing pass).
static int record_transcripts(Job *jobs, size_t njobs, const GradeOptions *o, StrBuf *err) {
    StrBuf vis = {0}, hid = {0};
    const char *head = "# Expected transcripts of the graded tests (tests/probe/probe.h), recorded\n"
                       "# from the solutions by `make expected`. Do not edit.\n";
    strbuf_puts(&vis, head);
    strbuf_puts(&hid, head);
    int bad = 0;
    for (size_t i = 0; i < njobs; i++) {
        Job *j = &jobs[i];
        if (!j->test) continue;
        char *body = transcript_without_where(j->observations ? j->observations : "");
        bool failed = !j->passed || (j->test->points > 0 && !*body);
        if (failed) {
            strbuf_putf(err, "grade: cannot record %s %s: %s\n", j->binary, j->test->name,
                        !*body ? "it observed nothing (give it a check that records a value)"
                               : j->why ? j->why : "it failed");
            bad++;
        }
        strbuf_putf(strstr(j->binary, "hidden/") ? &hid : &vis, "== %s %s\n%s", j->binary,
                    j->test->name, body);
        free(body);
    }
    StrBuf *bufs[] = {&vis, &hid};
    const char *paths[] = {o->record_visible, o->record_hidden};
    for (int k = 0; k < 2; k++) {
        char *text = strbuf_take(bufs[k]);
        if (!bad && paths[k]) {
            char *dir = xstrdup(paths[k]), *slash = strrchr(dir, '/');
            if (slash) *slash = '\0';
            if (!write_text(slash ? dir : ".", slash ? slash + 1 : paths[k], text, err)) bad++;
            free(dir);
        }
        free(text);
    }
    return bad ? 2 : 0;
}

// isolate_can_run asks in a child of its own; many tests share a program,
// and they come in the rubric's order, so remembering the last answer
// saves most of those children.
static bool can_run_cached(const char *path) {
    static char *last;
    static bool last_answer;
    if (last == NULL || strcmp(last, path) != 0) {
        free(last);
        last = xstrdup(path);
        last_answer = isolate_can_run(path);
    }
    return last_answer;
}

int grade_all(const GradeOptions *o, char **out_text, char **err_text) {
    StrBuf out = {0}, err = {0};
    double started = now();
    int rc = 0;
    char *rubric_text = read_file(o->rubric, NULL);
    if (!rubric_text) {
        strbuf_putf(&err, "grade: cannot read the rubric %s: %s\n", o->rubric, strerror(errno));
        write_failure_results(o->out_dir, err.s);
        *out_text = strbuf_take(&out);
        *err_text = strbuf_take(&err);
        return 2;
    }
    GradeRubric rb;
    char *rubric_err;
    if (grade_rubric_parse(o->rubric, rubric_text, &rb, &rubric_err) != 0) {
        strbuf_put(&err, rubric_err, strlen(rubric_err));
        write_failure_results(o->out_dir, rubric_err);
        free(rubric_err);
        free(rubric_text);
        grade_rubric_free(&rb);
        *out_text = strbuf_take(&out);
        *err_text = strbuf_take(&err);
        return 2;
    }
    free(rubric_err);
    free(rubric_text);
    size_t nch;
    Chapter *ch = read_manifest(o->manifest, &nch);

    // One job per graded test whose chapter is here, one per library binary.
    Job *jobs = xrealloc(NULL, (rb.ntest + o->nlibrary + 1) * sizeof *jobs);
    size_t njobs = 0, skipped = 0;
    for (size_t i = 0; i < rb.ntest; i++) {
        char *c = chapter_of(rb.test[i].exercise);
        const char *cid = NULL;
        for (size_t k = 0; k < nch; k++)
            if (strcmp(ch[k].id, c) == 0) cid = ch[k].id;
        free(c);
        if (!cid) {
            skipped++;
            continue;
        }
        Job *j = &jobs[njobs++];
        memset(j, 0, sizeof *j);
        j->test = &rb.test[i];
        j->binary = rb.test[i].binary;
        j->chapter = cid;
        j->filter = xstrdup(rb.test[i].name);
        j->limit = o->timeout;
        j->leaks = true;
    }
    for (size_t i = 0; i < o->nlibrary; i++) {
        const char *cid = NULL;
        for (size_t k = 0; k < nch; k++)
            for (size_t t = 0; t < ch[k].ntests; t++)
                if (strcmp(ch[k].tests[t], o->library[i]) == 0) cid = ch[k].id;
        Job *j = &jobs[njobs++];
        memset(j, 0, sizeof *j);
        j->binary = o->library[i];
        j->chapter = cid ? cid : "?";
        j->limit = o->library_timeout;
        j->leaks = false;  // leaks are charged to graded tests, each run alone
    }
    char *expected = read_expected(o, &err);
    set_up_probes(jobs, njobs, o, expected);
    free(expected);
    char *isolation = NULL;
    // Recording runs the solutions: the instructor's own code, as --trusted.
    bool trusted = o->trusted || o->record_visible || o->record_hidden;
    if (isolate_init(o->user, trusted, o->protect, o->nprotect, &isolation) != 0) {
        strbuf_puts(&err, isolation);
        write_failure_results(o->out_dir, isolation);
        free(isolation);
        *out_text = strbuf_take(&out);
        *err_text = strbuf_take(&err);
        return 2;  // (the jobs are not freed: the program ends here)
    }
    for (size_t i = 0; i < njobs; i++) {
        char *path = format("%s/%s", jobs[i].probe ? o->probe_dir : o->bin_dir, jobs[i].binary);
        if (access(path, X_OK) != 0) {
            char *built = build_errors(o->build_log, jobs[i].binary);
            jobs[i].missing = true;
            jobs[i].why = format("%s did not build (so its tests can't run)", jobs[i].binary);
            jobs[i].output = format("%s did not build. The compiler said:\n%s", path,
                                    *built ? built : "(nothing about it in the build log)\n");
            free(built);
            if (!jobs[i].test) jobs[i].lib_failed = 1;
        } else if (!can_run_cached(path)) {
            jobs[i].missing = true;
            jobs[i].why = format("the tests' user cannot run %s", jobs[i].binary);
            jobs[i].output = format("%s: the unprivileged user the tests run as cannot reach "
                                    "it: a folder above it is closed to others. Grade from a "
                                    "folder they can enter (or chmod o+x the folders above).\n",
                                    path);
            if (!jobs[i].test) jobs[i].lib_failed = 1;
        }
        free(path);
    }
    run_jobs(jobs, njobs, o->jobs > 0 ? o->jobs : 1, &rb, o->bin_dir, o->probe_dir);
    isolate_finish();  // nothing a test started is left when results are written
    if (o->record_visible || o->record_hidden) {
        rc = record_transcripts(jobs, njobs, o, &err);
        strbuf_putf(&out, "%s", rc ? "" : "grade: expected transcripts recorded\n");
        free(isolation);
        *out_text = strbuf_take(&out);
        *err_text = strbuf_take(&err);
        return rc;
    }

    // ---- scores ----
    double score = 0, max_score = 0;
    int passed = 0, failed = 0, graded_passed = 0, graded_failed = 0;
    for (size_t i = 0; i < njobs; i++) {
        Job *j = &jobs[i];
        if (j->test) {
            max_score += j->test->points;
            if (j->passed) score += j->test->points, passed++, graded_passed++;
            else failed++, graded_failed++;
        } else {
            passed += j->lib_passed;
            failed += j->lib_failed;
        }
    }

    // ---- the table ----
    strbuf_putf(&out, "\nStrides autograder (%s)\n%s", o->rubric,
                o->probe_dir ? "verdicts: the grader's, from what each test observed, against "
                               "the solutions' transcripts\n"
                             : "verdicts: the test programs' own (no probe programs given)\n");
    strbuf_puts(&out, isolation);
    free(isolation);
    for (size_t c = 0; c < nch; c++) {
        bool any = false;
        for (size_t i = 0; i < njobs; i++) any |= strcmp(jobs[i].chapter, ch[c].id) == 0;
        if (!any) continue;
        double cs = 0, cm = 0;
        for (size_t i = 0; i < njobs; i++)
            if (jobs[i].test && strcmp(jobs[i].chapter, ch[c].id) == 0) {
                cm += jobs[i].test->points;
                if (jobs[i].passed) cs += jobs[i].test->points;
            }
        int pad = 58 - (int)strlen(ch[c].title) - (int)strlen(ch[c].id);
        bool graded = false;
        for (size_t i = 0; i < njobs; i++)
            graded |= jobs[i].test && strcmp(jobs[i].chapter, ch[c].id) == 0;
        if (graded)
            strbuf_putf(&out, "\nchapter %s  %s%*s%5g / %-4g\n", ch[c].id, ch[c].title,
                        pad > 0 ? pad : 1, "", cs, cm);
        else
            strbuf_putf(&out, "\nchapter %s  %s%*s(no exercises)\n", ch[c].id, ch[c].title,
                        pad > 0 ? pad : 1, "");
        // Exercises in id order, each with its tests.
        for (size_t e = 0; e < rb.nex; e++) {
            char *c2 = chapter_of(rb.ex[e].id);
            bool mine = strcmp(c2, ch[c].id) == 0;
            free(c2);
            if (!mine) continue;
            double es = 0, em = 0;
            int tp = 0, tn = 0;
            for (size_t i = 0; i < njobs; i++) {
                if (!jobs[i].test || strcmp(jobs[i].test->exercise, rb.ex[e].id) != 0) continue;
                em += jobs[i].test->points;
                tn++;
                if (jobs[i].passed) es += jobs[i].test->points, tp++;
            }
            strbuf_putf(&out, "  %-5s %-56.56s %5g / %-4g %d of %d tests\n", rb.ex[e].id,
                        rb.ex[e].title, es, em, tp, tn);
            for (size_t i = 0; i < njobs; i++) {
                Job *j = &jobs[i];
                if (!j->test || j->passed || strcmp(j->test->exercise, rb.ex[e].id) != 0) continue;
                strbuf_putf(&out, "          FAILED %s: %.*s\n", j->test->name,
                            (int)strcspn(j->why, "\n"), j->why);
            }
        }
        for (size_t i = 0; i < njobs; i++) {
            Job *j = &jobs[i];
            if (j->test || strcmp(j->chapter, ch[c].id) != 0) continue;
            strbuf_putf(&out, "  %-5s library tests, %s (not graded): %s%s\n", "", j->binary,
                        j->passed ? "" : "FAILED: ", j->why ? j->why : "");
        }
    }
    if (skipped)
        strbuf_putf(&out, "\n(%zu graded test%s of chapters not in %s skipped)\n", skipped,
                    skipped == 1 ? "" : "s", o->manifest);
    strbuf_putf(&out, "\nscore: %g / %g points (%d of %d graded tests passed)\n", score, max_score,
                graded_passed, graded_passed + graded_failed);

    // ---- results.json and junit.xml ----
    if (o->out_dir) {
        char *mk = format("%s/", o->out_dir);
        for (char *p = mk + 1; *p; p++) {
            if (*p != '/') continue;
            *p = '\0';
            mkdir(mk, 0755);
            *p = '/';
        }
        free(mk);
        StrBuf js = {0};
        strbuf_putf(&js, "{\n  \"score\": %g,\n  \"execution_time\": %.0f,\n", score,
                    ceil(now() - started));
        char *summary = format("Strides autograder: %g of %g points; %d passed, %d failed "
                               "(library tests included).", score, max_score, passed, failed);
        char *s = grade_json_string(summary);
        strbuf_putf(&js, "  \"output\": %s,\n  \"visibility\": \"visible\",\n"
                         "  \"stdout_visibility\": \"hidden\",\n  \"tests\": [", s);
        free(s);
        free(summary);
        bool first = true;
        for (size_t i = 0; i < njobs; i++) {
            Job *j = &jobs[i];
            char *name, *number, *output;
            const char *vis = "visible";
            double sc = 0, mx = 0;
            if (j->test) {
                name = format("%s %s: %s", j->test->exercise,
                              exercise_title(&rb, j->test->exercise), j->test->name);
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
            strbuf_putf(&js, "%s\n    {\n      \"name\": %s,\n      \"number\": %s,\n"
                             "      \"score\": %g,\n      \"max_score\": %g,\n"
                             "      \"status\": \"%s\",\n      \"output\": %s,\n"
                             "      \"visibility\": \"%s\"\n    }",
                        first ? "" : ",", jn, jnum, sc, mx, j->passed ? "passed" : "failed", jo,
                        vis);
            first = false;
            free(jn), free(jnum), free(jo), free(name), free(number), free(output);
        }
        strbuf_put(&js, "\n  ]\n}\n", 6);
        char *json = strbuf_take(&js);
        if (!write_text(o->out_dir, "results.json", json, &err)) rc = 2;
        free(json);

        StrBuf x = {0};
        strbuf_putf(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<testsuites name=\"strides\" tests=\"%d\" failures=\"%d\" "
                        "time=\"%.3f\">\n",
                    passed + failed, failed, now() - started);
        for (size_t c = 0; c < nch; c++) {
            int t = 0, f = 0;
            StrBuf cases = {0};
            for (size_t i = 0; i < njobs; i++) {
                Job *j = &jobs[i];
                if (strcmp(j->chapter, ch[c].id) != 0) continue;
                if (j->test) {
                    char *nm = format("%s %s", j->test->exercise, j->test->name);
                    xml_testcase(&cases, j->binary, nm, j->seconds, j->passed, j->why, j->output);
                    free(nm);
                    t++, f += !j->passed;
                } else {
                    if (j->junit.s) strbuf_put(&cases, j->junit.s, j->junit.len);
                    if (j->missing)
                        xml_testcase(&cases, j->binary, "(the whole program)", 0, false, j->why,
                                     j->output);
                    t += j->lib_passed + j->lib_failed, f += j->lib_failed;
                }
            }
            if (t) {
                char *title = format("chapter %s: %s", ch[c].id, ch[c].title);
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
        char *xml = strbuf_take(&x);
        if (!write_text(o->out_dir, "junit.xml", xml, &err)) rc = 2;
        free(xml);
        strbuf_putf(&out, "results: %s/results.json (Gradescope), %s/junit.xml\n", o->out_dir,
                    o->out_dir);
    }

    // ---- expectations (the release self-check) ----
    if (o->expect != GRADE_EXPECT_NOTHING) {
        int bad = 0;
        for (size_t i = 0; i < njobs; i++) {
            Job *j = &jobs[i];
            if (o->expect == GRADE_EXPECT_SOLUTIONS && !j->passed) {
                strbuf_putf(&err, "expected to pass with the solutions: %s %s: %s\n", j->binary,
                            j->test ? j->test->name : "(library tests)", j->why);
                bad++;
            } else if (o->expect == GRADE_EXPECT_STUBS && !j->test && !j->passed) {
                strbuf_putf(&err, "a library test fails in the student release: %s: %s\n",
                            j->binary, j->why);
                bad++;
            } else if (o->expect == GRADE_EXPECT_STUBS && j->test) {
                char *want = format("not implemented: exercise %s", j->test->exercise);
                if (j->passed) {
                    strbuf_putf(&err, "graded test passes in the student release (does it test its "
                                      "exercise?): %s %s\n", j->binary, j->test->name);
                    bad++;
                } else if (j->test->points > 0 && !strstr(j->output, want) &&
                           !strstr(j->why, want)) {
                    strbuf_putf(&err, "graded test fails without saying \"%s\": %s %s: %s\n", want,
                                j->binary, j->test->name, j->why);
                    bad++;
                }
                free(want);
            }
        }
        if (bad)
            rc = rc ? rc : 1;
        else if (o->expect == GRADE_EXPECT_STUBS)
            strbuf_puts(&out, "as expected with the stubs: every graded test fails with "
                              "\"not implemented\", every library test passes\n");
        else
            strbuf_puts(&out, "as expected with the solutions: everything passes\n");
    }
    strbuf_putf(&out, "%d passed, %d failed\n", passed, failed);

    for (size_t i = 0; i < njobs; i++) {
        free(jobs[i].filter);
        free(jobs[i].why);
        free(jobs[i].output);
        free(jobs[i].junit.s);
        free(jobs[i].expected);
        free(jobs[i].observations);
    }
    free(jobs);
    chapters_free(ch, nch);
    grade_rubric_free(&rb);
    *out_text = strbuf_take(&out);
    *err_text = strbuf_take(&err);
    return rc;
}
