// Stubbing a file: each solution replaced by its stub.
#define _XOPEN_SOURCE 700
#include "release.h"
#include "release_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../common/markers.h"
#include "../common/strbuf.h"
#include "../common/text.h"

// One file being stubbed: the lines that ship (instructor-only blocks
// already gone), their numbers in the file, and the text written so far.
typedef struct {
    const char *path;
    const Line *lines;
    const int *no;
    size_t n;
    Report *r;
    StrBuf out;
    void (*solution_line)(void *ctx, const char *line, size_t len, int no);
    void *ctx;
} Stubber;

// The keyword is reserved for markers: a line that mentions it and is not
// one is most likely a misspelled marker, around a solution that would ship.
static void refuse_malformed_markers(Stubber *s) {
    for (size_t i = 0; i < s->n; i++)
        if (kind_of(&s->lines[i]) == MALFORMED)
            diag(s->r, s->path, s->no[i], "malformed solution marker: %s (a line that "
                 "mentions SOLUTION must be a marker)", marker_advice());
}

// The END of the solution opened at line `begin`, or s->n if none. Refuses
// nesting, region markers and stubs inside; passes the solution's lines on.
static size_t solution_end(Stubber *s, size_t begin) {
    size_t end = begin + 1;
    for (; end < s->n; end++) {
        int k = kind_of(&s->lines[end]);
        if (k == END) break;
        if (k == BEGIN) {
            diag(s->r, s->path, s->no[end], "nested /* BEGIN SOLUTION */: the solution "
                 "opened at line %d is still open", s->no[begin]);
        } else if (k == REGION) {
            diag(s->r, s->path, s->no[end], "a region marker inside the solution opened at "
                 "line %d (the stub would lose it)", s->no[begin]);
        } else if (k == STUB) {
            diag(s->r, s->path, s->no[end], "a /* STUB */ inside the solution opened at "
                 "line %d", s->no[begin]);
        } else if (s->solution_line) {
            s->solution_line(s->ctx, s->lines[end].p, s->lines[end].len, s->no[end]);
        }
    }
    if (end == s->n) {
        diag(s->r, s->path, s->no[begin], "/* BEGIN SOLUTION %s */ is never closed (no "
             "/* END SOLUTION */)", marker_parse(s->lines[begin].p, s->lines[begin].len).id);
    }
    return end;
}

// An explicit stub: the text between "/* STUB" (on line `first`, with an
// optional ':') and "*/". Returns its last line, or s->n if unterminated.
static size_t put_explicit_stub(Stubber *s, size_t first, const char *indent) {
    size_t last = first;
    while (last < s->n && !marker_stub_closes(s->lines[last].p, s->lines[last].len,
                                              last == first))
        last++;
    if (last == s->n) {
        diag(s->r, s->path, s->no[first], "unterminated /* STUB comment (no line ends in "
                                          "'*/')");
        return last;
    }
    for (size_t j = first; j <= last; j++) {
        const char *p = s->lines[j].p;
        size_t m = s->lines[j].len;
        if (j == first) {  // what follows "/* STUB" (and an optional ':')
            trim_blanks(&p, &m);
            p += strlen("/* STUB"), m -= strlen("/* STUB");
            if (m > 0 && *p == ':') p++, m--;
        }
        if (j == last) {
            const char *q = p;
            size_t mm = m;
            trim_blanks(&q, &mm);
            m = (size_t)(q - p) + mm - 2;  // drop the "*/"
        }
        const char *q = p;
        size_t mm = m;
        trim_blanks(&q, &mm);
        if (mm == 0) continue;  // the comment's own blank ends
        if (j == first) strbuf_puts(&s->out, indent), strbuf_put(&s->out, q, mm);
        else strbuf_put(&s->out, p, (size_t)(q - p) + mm);
        strbuf_puts(&s->out, "\n");
    }
    return last;
}

// No stub given: the solution (lines begin..end) must be a whole function
// body, and the stub is worked out from the function's declaration.
static void put_default_stub(Stubber *s, size_t begin, size_t end, const char *id,
                             const char *indent) {
    const char *why = NULL;
    char *stub = NULL;
    const char *pp = NULL, *np = NULL;
    size_t pn = 0, nn = 0;
    if (begin > 0) pp = s->lines[begin - 1].p, pn = s->lines[begin - 1].len;
    if (pp) trim_blanks(&pp, &pn);
    if (end + 1 < s->n) np = s->lines[end + 1].p, nn = s->lines[end + 1].len;
    if (np) trim_blanks(&np, &nn);
    if (!pp || !ends_with(pp, pn, "{") || !np || nn == 0 || np[0] != '}') {
        why = "it is not the whole body of a function";
    } else {
        // A function definition starts in column 0 (C style here),
        // unlike an if, a loop or a block inside a body.
        size_t first;
        char *decl = declaration_before(s->lines, begin - 1, &first);
        if (indent_of(&s->lines[first]) != 0) why = "it is not the whole body of a function";
        else stub = default_stub(decl, id[0] ? id : "?", indent, &why);
        free(decl);
    }
    if (!stub) {
        diag(s->r, s->path, s->no[begin], "no default stub for this solution (%s): write one "
             "in a /* STUB ... */ right after /* END SOLUTION */", why);
        return;
    }
    strbuf_puts(&s->out, stub);
    free(stub);
}

// Replace the solution that opens on line i. Returns the last line it
// used, or s->n when the rest of the file can't be read.
static size_t stub_solution(Stubber *s, size_t i) {
    Marker begin = marker_parse(s->lines[i].p, s->lines[i].len);
    if (begin.id[0] == '\0')
        diag(s->r, s->path, s->no[i], "a solution needs its exercise id, written alone on the "
                                      "line: /* BEGIN SOLUTION 3.2 */");
    size_t end = solution_end(s, i);
    if (end == s->n) return end;
    Marker close = marker_parse(s->lines[end].p, s->lines[end].len);
    if (close.id[0] && strcmp(close.id, begin.id) != 0) {
        diag(s->r, s->path, s->no[end], "/* END SOLUTION %s */ closes /* BEGIN SOLUTION %s */ "
             "(line %d)", close.id, begin.id, s->no[i]);
    }
    char indent[256];
    size_t ind = indent_of(&s->lines[i]);
    if (ind >= sizeof indent) ind = sizeof indent - 1;
    memcpy(indent, s->lines[i].p, ind);
    indent[ind] = '\0';
    if (end + 1 < s->n && kind_of(&s->lines[end + 1]) == STUB)
        return put_explicit_stub(s, end + 1, indent);
    put_default_stub(s, i, end, begin.id, indent);
    return end;
}

int release_stub(const char *path, const char *text, size_t size, char **out,
                 size_t *outsize, Report *r,
                 void (*solution_line)(void *ctx, const char *line, size_t len, int no),
                 void *ctx) {
    size_t nerr = r->ndiag, nall, n;
    int *no;
    Line *all = split_lines(text, size, &nall);
    Line *lines = shipped_lines(path, all, nall, &n, &no, r);
    Stubber s = {path, lines, no, n, r, {0}, solution_line, ctx};
    refuse_malformed_markers(&s);
    for (size_t i = 0; i < n; i++) {
        int k = kind_of(&lines[i]);
        if (k == END) {
            diag(r, path, no[i], "/* END SOLUTION */ without a /* BEGIN SOLUTION */ before it");
        } else if (k == STUB) {
            diag(r, path, no[i], "a /* STUB */ must come right after its /* END SOLUTION */");
        } else if (k == BEGIN) {
            i = stub_solution(&s, i);
        } else {
            strbuf_put(&s.out, lines[i].p, lines[i].full);
        }
    }
    free(lines);
    free(no);
    free(all);
    if (r->ndiag > nerr) {
        free(s.out.s);
        *out = NULL;
        *outsize = 0;
        return 1;
    }
    *outsize = s.out.len;
    *out = strbuf_take(&s.out);
    return 0;
}
