// Predict sets (chapters/NN-name/predict.txt): one question a line,
//
//   3.P4   t.stride()    => (1, 4)
//
// after comment lines (#) and setup lines (>>>). The student's file has
// their answers where the release put "?"; the instructor's (the key) the
// right ones. Answers are compared normalised, strictly but fairly:
//   - blanks do not count: "(4,3)" is "(4, 3)";
//   - PyTorch's shape spelling is a tuple: "torch.Size([4, 3])" is
//     "(4, 3)", "torch.Size([5])" is "(5,)", "torch.Size([])" is "()";
//   - true/false in any case are True/False;
//   - an exception may carry its message: "RuntimeError: view size ..."
//     is "RuntimeError" (the class is the answer);
//   - nothing else: "[4, 3]" (a list) is not "(4, 3)", "3.0" is not "3".
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/strbuf.h"
#include "../common/text.h"
#include "../common/xalloc.h"

static char *trimmed(const char *s, size_t n) {
    while (n > 0 && isspace((unsigned char)*s)) s++, n--;
    while (n > 0 && isspace((unsigned char)s[n - 1])) n--;
    return xstrndup(s, n);
}

// "ID EXPR => ANSWER": false if the line is not a question.
static bool question_line(const char *line, PredictQuestion *q) {
    while (*line == ' ' || *line == '\t') line++;
    if (!*line || *line == '#' || strncmp(line, ">>>", 3) == 0) return false;
    size_t idn = strcspn(line, " \t");
    const char *arrow = NULL;
    for (const char *a = strstr(line, "=>"); a; a = strstr(a + 1, "=>")) arrow = a;
    if (!arrow || idn == 0 || line + idn > arrow) return false;
    q->id = xstrndup(line, idn);
    q->expr = trimmed(line + idn, (size_t)(arrow - line - (ptrdiff_t)idn));
    q->answer = trimmed(arrow + 2, strlen(arrow + 2));
    return true;
}

PredictQuestion *predict_parse(const char *text, size_t *n) {
    PredictQuestion *qs = NULL;
    size_t cap = 0;
    *n = 0;
    char *copy = xstrdup(text ? text : "");
    for (char *line = copy, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        line[strcspn(line, "\r")] = '\0';
        PredictQuestion q;
        if (!question_line(line, &q)) continue;
        GROW(qs, *n, cap);
        qs[(*n)++] = q;
    }
    free(copy);
    return qs;
}

void predict_free(PredictQuestion *qs, size_t n) {
    for (size_t i = 0; i < n; i++) free(qs[i].id), free(qs[i].expr), free(qs[i].answer);
    free(qs);
}

// "torch.Size([4,3])" (blanks gone) -> "(4,3)"; one element gets its comma.
static char *size_as_tuple(const char *s) {
    size_t n = strlen(s);
    if (strncmp(s, "torch.Size([", 12) != 0 || n < 14 || strcmp(s + n - 2, "])") != 0)
        return NULL;
    char *inner = xstrndup(s + 12, n - 14);
    char *t = *inner && !strchr(inner, ',') ? format("(%s,)", inner) : format("(%s)", inner);
    free(inner);
    return t;
}

char *predict_normalise(const char *answer) {
    StrBuf b = {0};
    for (const char *c = answer ? answer : ""; *c; c++)
        if (!isspace((unsigned char)*c)) strbuf_put(&b, c, 1);
    char *s = strbuf_take(&b);
    char *tuple = size_as_tuple(s);
    if (tuple) free(s), s = tuple;
    if (strcasecmp(s, "true") == 0 || strcasecmp(s, "false") == 0) {
        char *word = xstrdup(tolower((unsigned char)s[0]) == 't' ? "True" : "False");
        free(s);
        return word;
    }
    size_t name = 0;
    while (isalnum((unsigned char)s[name]) || s[name] == '_') name++;
    if (name > 0 && s[name] == ':' && isupper((unsigned char)s[0])) s[name] = '\0';
    return s;
}

bool predict_unanswered(const char *answer) {
    return answer == NULL || strcmp(answer, "?") == 0 || *answer == '\0';
}

bool predict_same(const char *got, const char *want) {
    if (predict_unanswered(got) || predict_unanswered(want)) return false;
    char *g = predict_normalise(got), *w = predict_normalise(want);
    bool same = strcmp(g, w) == 0;
    free(g), free(w);
    return same;
}

// ---- the plan's side: each question a graded test, judged here --------------------

// The file at `path` under `dir` (NULL: as it is), or NULL.
static PredictQuestion *read_questions(const char *dir, const char *path, size_t *n) {
    char *full = dir ? format("%s/%s", dir, path) : xstrdup(path);
    char *text = read_file(full, NULL);
    free(full);
    *n = 0;
    if (!text) return NULL;
    PredictQuestion *qs = predict_parse(text, n);
    free(text);
    return qs;
}

static const char *answer_of(const PredictQuestion *qs, size_t n, const char *id) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(qs[i].id, id) == 0) return qs[i].answer;
    return NULL;
}

// One question's verdict: the key's answer against the student's. The
// message never shows the right answer.
static void judge_question(Job *j, const PredictQuestion *key, const char *got) {
    j->judged = true;
    j->output = format("%s  %s => %s\n", key->id, key->expr, got ? got : "(no such line)");
    if (predict_unanswered(key->answer))
        j->why = xstrdup("no key here: the course's autograder grades this answer");
    else if (!got)
        j->why = format("%s: the question's line is gone from %s", key->expr, j->binary);
    else if (predict_unanswered(got))
        j->why = format("%s => ? (not answered yet)", key->expr);
    else if (predict_same(got, key->answer))
        j->why = xstrdup("passed"), j->passed = true;
    else
        j->why = format("%s => %s: not what it gives", key->expr, got);
}

// How many questions the sets have (the keys', else the students').
static size_t count_questions(const GradePlan *p, const GradeOptions *o) {
    size_t total = 0;
    for (size_t s = 0; s < p->rb.npredict; s++) {
        size_t n = 0;
        PredictQuestion *qs =
            o->predict_key ? read_questions(o->predict_key, p->rb.predict[s].file, &n) : NULL;
        // (Two statements: in one call, `n` could be read before it is set.)
        if (!qs) qs = read_questions(NULL, p->rb.predict[s].file, &n);
        predict_free(qs, n);
        total += n;
    }
    return total;
}

void plan_predict_sets(GradePlan *p, const GradeOptions *o, const char *(*chapter)(
                           const GradePlan *, const char *)) {
    size_t total = count_questions(p, o);
    p->questions = xrealloc(NULL, (total + 1) * sizeof *p->questions);
    p->jobs = xrealloc(p->jobs, (p->njobs + total + 1) * sizeof *p->jobs);
    for (size_t s = 0; s < p->rb.npredict && p->nquestions < total; s++) {
        const GradePredict *set = &p->rb.predict[s];
        size_t nk, ng;
        PredictQuestion *key = o->predict_key ? read_questions(o->predict_key, set->file, &nk)
                                              : (nk = 0, NULL);
        PredictQuestion *got = read_questions(NULL, set->file, &ng);
        bool keyless = key == NULL;
        const PredictQuestion *qs = keyless ? got : key;
        size_t n = keyless ? ng : nk;
        char *c = chapter_of(set->exercise);
        const char *cid = chapter(p, c);
        free(c);
        for (size_t i = 0; i < n && p->nquestions < total; i++) {
            if (!cid) {
                p->skipped++;
                continue;
            }
            GradeTest *t = &p->questions[p->nquestions++];
            *t = (GradeTest){xstrdup(set->exercise), set->points, xstrdup(set->visibility),
                             xstrdup(set->file), xstrdup(qs[i].id), set->line};
            Job *j = &p->jobs[p->njobs++];
            *j = (Job){.test = t, .binary = t->binary, .chapter = cid, .filter = NULL};
            PredictQuestion noKey = {qs[i].id, qs[i].expr, "?"};
            judge_question(j, keyless ? &noKey : &qs[i], answer_of(got, ng, qs[i].id));
        }
        predict_free(key, nk);
        predict_free(got, ng);
    }
}
