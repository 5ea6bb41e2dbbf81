// Record mode, instead of steps 3 and 4: the solutions' observations
// become the expected transcripts, the visible tests' in one file, the
// hidden tests' in another.
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"
#include "../common/xalloc.h"

// Write `text` to `path` (a file name, maybe in a folder).
static bool write_path(const char *path, const char *text, StrBuf *err) {
    char *dir = xstrdup(path), *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    bool ok = grade_write_text(slash ? dir : ".", slash ? slash + 1 : path, text, err);
    free(dir);
    return ok;
}

// Every graded test must pass cleanly, and one with points must observe
// something (an empty transcript would let a program that does nothing
// pass).
int grade_record(const GradePlan *p, const GradeOptions *o, StrBuf *err) {
    StrBuf vis = {0}, hid = {0};
    const char *head = "# Expected transcripts of the graded tests (tests/probe/probe.h), recorded\n"
                       "# from the solutions by `make expected`. Do not edit.\n";
    strbuf_puts(&vis, head);
    strbuf_puts(&hid, head);
    int bad = 0;
    for (size_t i = 0; i < p->njobs; i++) {
        const Job *j = &p->jobs[i];
        if (!j->test || j->judged) continue;
        char *body = transcript_without_where(j->observations ? j->observations : "");
        if (!j->passed || (j->test->points > 0 && !*body)) {
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
        if (!bad && paths[k] && !write_path(paths[k], text, err)) bad++;
        free(text);
    }
    return bad ? 2 : 0;
}
