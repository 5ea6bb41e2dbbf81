// Step 1 of a grading, the plan: the rubric, the chapters, and one job per
// run to make (each graded test of a chapter that is here, each library
// test program), set up for probe mode when the expected transcripts are
// given.
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"
#include "../common/text.h"
#include "../common/xalloc.h"

// The rubric, parsed into p->rb; false with the reason in *err.
static bool read_rubric(const GradeOptions *o, GradePlan *p, StrBuf *err) {
    char *text = read_file(o->rubric, NULL);
    if (!text) {
        strbuf_putf(err, "grade: cannot read the rubric %s: %s\n", o->rubric, strerror(errno));
        return false;
    }
    char *why;
    bool ok = grade_rubric_parse(o->rubric, text, &p->rb, &why) == 0;
    if (!ok) strbuf_puts(err, why);
    free(why);
    free(text);
    return ok;
}

// The id of the chapter `id` names in the manifest (owned by the plan), or
// NULL when it is not there.
static const char *chapter_id(const GradePlan *p, const char *id) {
    for (size_t k = 0; k < p->nch; k++)
        if (strcmp(p->ch[k].id, id) == 0) return p->ch[k].id;
    return NULL;
}

// The chapter whose library tests include `binary`, or "?".
static const char *chapter_testing(const GradePlan *p, const char *binary) {
    const char *cid = "?";
    for (size_t k = 0; k < p->nch; k++)
        for (size_t t = 0; t < p->ch[k].ntest; t++)
            if (strcmp(p->ch[k].test[t], binary) == 0) cid = p->ch[k].id;
    return cid;
}

// One job per graded test whose chapter is here, one per library binary.
static void make_jobs(const GradeOptions *o, GradePlan *p) {
    p->jobs = xrealloc(NULL, (p->rb.ntest + o->nlibrary + 1) * sizeof *p->jobs);
    for (size_t i = 0; i < p->rb.ntest; i++) {
        char *c = chapter_of(p->rb.test[i].exercise);
        const char *cid = chapter_id(p, c);
        free(c);
        if (!cid) {
            p->skipped++;
            continue;
        }
        p->jobs[p->njobs++] = (Job){.test = &p->rb.test[i], .binary = p->rb.test[i].binary,
                                    .chapter = cid, .filter = xstrdup(p->rb.test[i].name),
                                    .limit = o->timeout, .leaks = true};
    }
    // Leaks are charged to graded tests, each run alone: not to library runs.
    for (size_t i = 0; i < o->nlibrary; i++)
        p->jobs[p->njobs++] = (Job){.binary = o->library[i],
                                    .chapter = chapter_testing(p, o->library[i]),
                                    .limit = o->library_timeout, .leaks = false};
}

// Every file of expected transcripts, one after the other, without their
// comment lines.
static char *read_expected(const GradeOptions *o, StrBuf *err) {
    StrBuf all = {0};
    for (size_t i = 0; i < o->nexpected; i++) {
        char *text = read_file(o->expected[i], NULL);
        if (!text) {
            strbuf_putf(err, "grade: cannot read the expected transcripts %s: %s\n",
                        o->expected[i], strerror(errno));
            continue;
        }
        for (char *line = text, *next; line && *line; line = next) {
            next = strchr(line, '\n');
            if (next) *next++ = '\0';
            if (*line != '#') strbuf_putf(&all, "%s\n", line);
        }
        free(text);
    }
    return strbuf_take(&all);
}

// Probe mode for the graded jobs: which program, which expected answers.
static void set_up_probes(GradePlan *p, const GradeOptions *o, StrBuf *err) {
    char *expected = read_expected(o, err);
    for (size_t i = 0; i < p->njobs; i++) {
        Job *j = &p->jobs[i];
        if (!j->test || !o->probe_dir || j->judged) continue;
        j->probe = true;
        j->hidden = strstr(j->binary, "hidden/") != NULL;
        j->expected = transcript_lookup(expected, j->binary, j->test->name);
        j->recording = o->record_visible || o->record_hidden;
    }
    free(expected);
}

int grade_plan(const GradeOptions *o, GradePlan *p, StrBuf *err) {
    memset(p, 0, sizeof *p);
    if (!read_rubric(o, p, err)) return 2;
    // A manifest that is missing or wrong leaves its chapters out: their
    // tests are skipped, and the table says so. (lit-check reports it.)
    Report ignored = {0};
    manifest_read(&p->manifest, o->manifest, o->manifest, &ignored);
    report_free(&ignored);
    p->ch = p->manifest.chapter;
    p->nch = p->manifest.nchapter;
    make_jobs(o, p);
    plan_predict_sets(p, o, chapter_id);
    set_up_probes(p, o, err);
    return 0;
}

void grade_plan_free(GradePlan *p) {
    for (size_t i = 0; i < p->njobs; i++) {
        free(p->jobs[i].filter);
        free(p->jobs[i].why);
        free(p->jobs[i].output);
        free(p->jobs[i].junit.s);
        free(p->jobs[i].expected);
        free(p->jobs[i].observations);
        free(p->jobs[i].stub);
    }
    free(p->jobs);
    for (size_t i = 0; i < p->nquestions; i++) {
        GradeTest *t = &p->questions[i];
        free(t->exercise), free(t->visibility), free(t->binary), free(t->name);
    }
    free(p->questions);
    manifest_free(&p->manifest);
    grade_rubric_free(&p->rb);
    memset(p, 0, sizeof *p);
}
