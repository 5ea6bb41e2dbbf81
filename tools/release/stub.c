// Stubbing a file: each solution replaced by its stub.
#define _XOPEN_SOURCE 700
#include "release_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"
#include "../common/text.h"

int release_stub(const char *path, const char *text, size_t size, char **out,
                 size_t *outsize, ReleaseReport *r,
                 void (*solution_line)(void *ctx, const char *line, size_t len, int no),
                 void *ctx) {
    size_t nerr = r->nerr, n;
    Line *lines = split_lines(text, size, &n);
    StrBuf b = {0};
    for (size_t i = 0; i < n; i++) {
        int k = kind_of(&lines[i]);
        int no = (int)i + 1;
        if (k == END) {
            diag(r, path, no, "/* END SOLUTION */ without a /* BEGIN SOLUTION */ before it");
            continue;
        }
        if (k == STUB) {
            diag(r, path, no, "a /* STUB */ must come right after its /* END SOLUTION */");
            continue;
        }
        if (k != BEGIN) {
            strbuf_put(&b, lines[i].p, lines[i].full);
            continue;
        }
        char id[32];
        if (!marker_id(&lines[i], "/* BEGIN SOLUTION", id, sizeof id) || id[0] == '\0') {
            diag(r, path, no, "a solution needs its exercise id, written alone on the line: "
                              "/* BEGIN SOLUTION 3.2 */");
            id[0] = '\0';
        }
        // Find the end, refusing nesting and region markers on the way.
        size_t end = i + 1;
        for (; end < n; end++) {
            int kk = kind_of(&lines[end]);
            if (kk == END) break;
            if (kk == BEGIN) {
                diag(r, path, (int)end + 1, "nested /* BEGIN SOLUTION */: the solution "
                     "opened at line %d is still open", no);
            } else if (kk == REGION) {
                diag(r, path, (int)end + 1, "a region marker inside the solution opened at "
                     "line %d (the stub would lose it)", no);
            } else if (kk == STUB) {
                diag(r, path, (int)end + 1, "a /* STUB */ inside the solution opened at "
                     "line %d", no);
            } else if (solution_line) {
                solution_line(ctx, lines[end].p, lines[end].len, (int)end + 1);
            }
        }
        if (end == n) {
            diag(r, path, no, "/* BEGIN SOLUTION %s */ is never closed (no /* END SOLUTION */)",
                 id);
            break;
        }
        char end_id[32];
        if (!marker_id(&lines[end], "/* END SOLUTION", end_id, sizeof end_id)) {
            diag(r, path, (int)end + 1, "malformed marker: write /* END SOLUTION */ alone on "
                                        "its line");
        } else if (end_id[0] && strcmp(end_id, id) != 0) {
            diag(r, path, (int)end + 1, "/* END SOLUTION %s */ closes /* BEGIN SOLUTION %s */ "
                 "(line %d)", end_id, id, no);
        }
        size_t next = end + 1;
        char indent[256];
        size_t ind = indent_of(&lines[i]);
        if (ind >= sizeof indent) ind = sizeof indent - 1;
        memcpy(indent, lines[i].p, ind);
        indent[ind] = '\0';
        if (next < n && kind_of(&lines[next]) == STUB) {
            // An explicit stub: the text between "/* STUB" and "*/".
            size_t last = next;
            for (; last < n; last++) {
                const char *p = lines[last].p;
                size_t m = lines[last].len;
                trim_blanks(&p, &m);
                if (ends_with(p, m, "*/") && (last > next || m >= strlen("/* STUB*/"))) break;
            }
            if (last == n) {
                diag(r, path, (int)next + 1, "unterminated /* STUB comment (no line ends "
                                             "in '*/')");
                break;
            }
            for (size_t j = next; j <= last; j++) {
                const char *p = lines[j].p;
                size_t m = lines[j].len;
                if (j == next) {  // what follows "/* STUB" (and an optional ':')
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
                if (j == next) strbuf_puts(&b, indent), strbuf_put(&b, q, mm);
                else strbuf_put(&b, p, (size_t)(q - p) + mm);
                strbuf_puts(&b, "\n");
            }
            i = last;
        } else {
            // No stub given: the solution must be a whole function body.
            const char *why = NULL;
            char *stub = NULL;
            const char *pp = NULL;
            size_t pn = 0;
            if (i > 0) pp = lines[i - 1].p, pn = lines[i - 1].len, trim_blanks(&pp, &pn);
            const char *np = NULL;
            size_t nn = 0;
            if (next < n) np = lines[next].p, nn = lines[next].len, trim_blanks(&np, &nn);
            if (!pp || !ends_with(pp, pn, "{") || !np || nn == 0 || np[0] != '}') {
                why = "it is not the whole body of a function";
            } else {
                // A function definition starts in column 0 (C style here),
                // unlike an if, a loop or a block inside a body.
                size_t first;
                char *decl = declaration_before(lines, i - 1, &first);
                if (indent_of(&lines[first]) != 0) why = "it is not the whole body of a function";
                else stub = default_stub(decl, id[0] ? id : "?", indent, &why);
                free(decl);
            }
            if (!stub) {
                diag(r, path, no, "no default stub for this solution (%s): write one in a "
                                  "/* STUB ... */ right after /* END SOLUTION */", why);
            } else {
                strbuf_puts(&b, stub);
                free(stub);
            }
            i = end;
        }
    }
    free(lines);
    if (r->nerr > nerr) {
        free(b.s);
        *out = NULL;
        *outsize = 0;
        return 1;
    }
    *outsize = b.len;
    *out = strbuf_take(&b);
    return 0;
}
