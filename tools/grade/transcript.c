// Transcripts: the checker's side of probe mode (tests/probe/probe.h).
//
// A probe program writes one observation per line, KIND TAB WHERE TAB
// LABEL TAB VALUE. The expected transcripts, recorded from the solutions,
// keep KIND TAB LABEL TAB VALUE (WHERE is a line number, for messages;
// leaving it out lets a comment move without making them stale), under a
// header line "== BINARY TEST-NAME" per test. The verdict compares the
// two here, in the grader, which never links a student's code.
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"
#include "../common/xalloc.h"

enum { SHOWN_VALUE = 300 };  // characters of a value in a message

typedef struct {
    char *kind, *where, *label, *value;
} Observation;

// Split one line into its fields (in place); `with_where` for a probe's
// own lines. False if the line is not an observation.
static bool parse_line(char *line, bool with_where, Observation *o) {
    char *f[4] = {0};
    int n = with_where ? 4 : 3;
    for (int i = 0; i < n; i++) {
        f[i] = line;
        char *tab = i + 1 < n ? strchr(line, '\t') : NULL;
        if (i + 1 < n && !tab) return false;
        if (tab) *tab = '\0', line = tab + 1;
    }
    o->kind = f[0];
    o->where = with_where ? f[1] : "";
    o->label = f[n - 2];
    o->value = f[n - 1];
    return true;
}

// The lines of `text` (copied into *storage), at most `max`.
static char **split_lines(const char *text, char **storage, size_t *count, size_t max) {
    *storage = xstrdup(text ? text : "");
    char **lines = NULL;
    size_t cap = 0;
    *count = 0;
    for (char *line = *storage, *next; line && *line && *count < max; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        GROW(lines, *count, cap);
        lines[(*count)++] = line;
    }
    return lines;
}

char *transcript_lookup(const char *expected, const char *binary, const char *name) {
    if (!expected) return NULL;
    char *header = format("== %s %s\n", binary, name);
    const char *at = expected;
    while ((at = strstr(at, header)) && at != expected && at[-1] != '\n') at++;
    size_t hl = strlen(header);
    free(header);
    if (!at) return NULL;
    const char *start = at + hl, *end = start;
    while (*end && !(end[0] == '=' && end[1] == '=' && (end == start || end[-1] == '\n'))) {
        const char *nl = strchr(end, '\n');
        end = nl ? nl + 1 : end + strlen(end);
    }
    return xstrndup(start, (size_t)(end - start));
}

char *transcript_without_where(const char *got) {
    StrBuf b = {0};
    char *storage;
    size_t n;
    char **lines = split_lines(got, &storage, &n, (size_t)-1);
    for (size_t i = 0; i < n; i++) {
        Observation o;
        if (parse_line(lines[i], true, &o))
            strbuf_putf(&b, "%s\t%s\t%s\n", o.kind, o.label, o.value);
    }
    free(lines);
    free(storage);
    char *s = strbuf_take(&b);
    return s ? s : xstrdup("");
}

// "values~1e-05" -> "values" (into buf) and the tolerance 1e-05.
static double split_kind(const char *kind, char *buf, size_t size) {
    size_t n = strcspn(kind, "~");
    if (n >= size) n = size - 1;
    memcpy(buf, kind, n);
    buf[n] = '\0';
    return kind[n] == '~' ? atof(kind + n + 1) : 0;
}

static bool numbers_equal(double got, double want, double tolerance) {
    if (isnan(got) || isnan(want)) return isnan(got) && isnan(want);
    return got == want || fabs(got - want) <= tolerance * (1 + fabs(want));
}

// Space-separated numbers, compared one by one. On a difference, *where
// says which (malloc'd).
static bool numbers_match(const char *got, const char *want, double tolerance, char **where) {
    const char *g = got, *w = want;
    for (long n = 0;; n++) {
        while (*g == ' ') g++;
        while (*w == ' ') w++;
        if (!*g || !*w) {
            if (!*g && !*w) return true;
            *where = format("%s elements than expected", *g ? "more" : "fewer");
            return false;
        }
        char *ge, *we;
        double gv = strtod(g, &ge), wv = strtod(w, &we);
        if (ge == g || we == w) return strcmp(g, w) == 0;
        if (!numbers_equal(gv, wv, tolerance)) {
            *where = format("element %ld (row-major): expected %.9g, got %.9g", n, wv, gv);
            return false;
        }
        g = ge, w = we;
    }
}

static char *cut(const char *s) {
    size_t n = strlen(s);
    return n > SHOWN_VALUE ? format("%.*s...", SHOWN_VALUE, s) : xstrdup(s);
}

// Why check `k` (0-based) differs; NULL if it matches.
static char *compare_one(size_t k, const Observation *want, const Observation *got, bool hidden) {
    char wk[32], gk[32];
    double tolerance = split_kind(want->kind, wk, sizeof wk);
    split_kind(got->kind, gk, sizeof gk);
    char *gv = cut(got->value), *why = NULL;
    if (strcmp(gk, "fail") == 0 && hidden) {  // its label would show the hidden inputs
        why = *got->value ? format("check %zu of this hidden test (%s): %s", k + 1, got->where, gv)
                          : format("check %zu of this hidden test (%s) failed", k + 1, got->where);
    } else if (strcmp(gk, "fail") == 0) {
        why = *got->value ? format("%s: %s: %s", got->where, got->label, gv)
                          : format("%s: a check failed", got->where);
    } else if (hidden) {
        if (strcmp(wk, gk) != 0 || strcmp(want->label, got->label) != 0 ||
            strcmp(want->value, got->value) != 0) {
            char *detail = NULL;
            if (strcmp(wk, gk) == 0 && strcmp(want->label, got->label) == 0 &&
                numbers_match(got->value, want->value, tolerance, &detail))
                goto done;
            free(detail);
            why = format("check %zu of this hidden test (%s): your code gave %s %s, which is "
                         "not the expected answer", k + 1, got->where, gk, gv);
        }
    } else if (strcmp(wk, gk) != 0 || strcmp(want->label, got->label) != 0) {
        char *wv = cut(want->value);
        why = format("check %zu (%s): expected the %s of %s (%s), but the test recorded the %s "
                     "of %s: %s", k + 1, got->where, wk, want->label, wv, gk, got->label, gv);
        free(wv);
    } else if (strcmp(want->value, got->value) != 0) {
        char *detail = NULL;
        if (!numbers_match(got->value, want->value, tolerance, &detail)) {
            char *wv = cut(want->value);
            why = detail && (strcmp(wk, "values") == 0)
                      ? format("%s: %s of %s: %s", got->where, wk, got->label, detail)
                      : format("%s: %s of %s: expected %s, got %s", got->where, wk, got->label,
                               wv, gv);
            free(wv);
        }
        free(detail);
    }
done:
    free(gv);
    return why;
}

bool transcript_check(const char *expected, const char *got, bool hidden, char **why) {
    char *es, *gs;
    size_t ne, ng;
    char **el = split_lines(expected, &es, &ne, (size_t)-1);
    char **gl = split_lines(got, &gs, &ng, 100000);
    *why = NULL;
    for (size_t k = 0; !*why && k < ne; k++) {
        Observation w, g;
        if (!parse_line(el[k], false, &w)) {
            *why = format("the expected transcript is damaged at check %zu", k + 1);
        } else if (k >= ng) {
            *why = hidden ? format("the test stopped after %zu of its %zu checks", k, ne)
                          : format("the test stopped after %zu of its %zu checks; the next "
                                   "would have been the %s of %s", k, ne, w.kind, w.label);
        } else if (!parse_line(gl[k], true, &g)) {
            *why = format("check %zu: the program wrote something that is not an observation",
                          k + 1);
        } else {
            *why = compare_one(k, &w, &g, hidden);
        }
    }
    if (!*why && ng > ne) {
        Observation g;
        if (parse_line(gl[ne], true, &g) && strcmp(g.kind, "fail") == 0)
            *why = compare_one(ne, &g, &g, hidden);
        else
            *why = format("the program recorded more checks than the test has (%zu, not %zu)",
                          ng, ne);
    }
    free(el), free(gl), free(es), free(gs);
    return *why == NULL;
}
