// One source file: its region markers, and the kind of each line.
#include "lit_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../common/markers.h"
#include "../common/strbuf.h"
#include "../common/xalloc.h"

typedef struct {
    const char *name;
    size_t nlen;
    int line;
} Open;

static void marker_error(Report *r, Source *s, int line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vdiag(r, true, s->path, line, fmt, ap);
    va_end(ap);
    s->broken = true;
}

// Find the regions. Markers pair up like brackets but may not nest; a stack
// of open regions lets us name exactly what went wrong when they do.
static void find_regions(Report *r, Source *s) {
    Open *open = NULL;
    size_t nopen = 0, opencap = 0;
    for (size_t i = 0; i < s->text.nline; i++) {
        const char *name;
        size_t nlen;
        int kind = region_marker(line_at(&s->text, i), s->text.line[i].len, &name, &nlen);
        if (!kind) continue;
        s->kind[i] = LINE_MARKER;
        int line = (int)i + 1;
        if (nlen == 0) {
            marker_error(r, s, line, "malformed region marker: expected '//%c name', "
                         "the name made of letters, digits, '_' and '-'", kind);
            continue;
        }
        if (kind == '>') {
            for (size_t k = 0; k < s->nregion; k++)
                if (same_name(name, nlen, s->region[k].name, strlen(s->region[k].name)))
                    marker_error(r, s, line, "duplicate region '%.*s' (first at line %d)",
                                 (int)nlen, name, s->region[k].begin);
            for (size_t k = 0; k < nopen; k++)
                if (same_name(name, nlen, open[k].name, open[k].nlen))
                    marker_error(r, s, line, "duplicate region '%.*s' (first at line %d)",
                                 (int)nlen, name, open[k].line);
            if (nopen > 0)
                marker_error(r, s, line, "region '%.*s' starts inside region '%.*s' "
                             "(line %d); regions may not nest", (int)nlen, name,
                             (int)open[nopen - 1].nlen, open[nopen - 1].name,
                             open[nopen - 1].line);
            GROW(open, nopen, opencap);
            open[nopen++] = (Open){name, nlen, line};
            continue;
        }
        if (nopen == 0) {
            marker_error(r, s, line, "'//< %.*s' has no matching '//> %.*s'",
                         (int)nlen, name, (int)nlen, name);
            continue;
        }
        Open top = open[nopen - 1];
        if (same_name(name, nlen, top.name, top.nlen)) {
            nopen--;
            GROW(s->region, s->nregion, s->regioncap);
            s->region[s->nregion++] = (Region){xstrndup(name, nlen), top.line, line, 0};
            continue;
        }
        size_t k = nopen - 1;
        while (k > 0 && !same_name(name, nlen, open[k - 1].name, open[k - 1].nlen)) k--;
        if (k > 0) {
            // It closes a region opened further out: the two overlap.
            marker_error(r, s, line, "region '%.*s' ends inside region '%.*s' (line %d); "
                         "regions may not overlap", (int)nlen, name,
                         (int)top.nlen, top.name, top.line);
            memmove(&open[k - 1], &open[k], (nopen - k) * sizeof *open);
            nopen--;
        } else {
            // Most likely a typo in either name: close the open one.
            marker_error(r, s, line, "'//< %.*s' does not match the open region '%.*s' "
                         "(line %d)", (int)nlen, name, (int)top.nlen, top.name, top.line);
            nopen--;
        }
    }
    for (size_t k = 0; k < nopen; k++)
        marker_error(r, s, open[k].line, "region '%.*s' is never closed (no '//< %.*s')",
                     (int)open[k].nlen, open[k].name, (int)open[k].nlen, open[k].name);
    free(open);
}

// Hide the STUB comment that opens on line i: it runs through the first
// line that closes the comment. Returns the index of that line.
static size_t hide_stub(Report *r, Source *s, size_t i) {
    size_t j = i;
    for (; j < s->text.nline && s->kind[j] != LINE_MARKER; j++)
        if (marker_stub_closes(line_at(&s->text, j), s->text.line[j].len, j == i)) break;
    if (j == s->text.nline || s->kind[j] == LINE_MARKER) {
        marker_error(r, s, (int)i + 1, "unterminated /* STUB comment "
                     "(no line ending in '*/' before %s)",
                     j == s->text.nline ? "the end of the file" : "the next region marker");
        s->kind[i] = LINE_HIDDEN;
        return i;
    }
    for (size_t k = i; k <= j; k++) s->kind[k] = LINE_HIDDEN;
    return j;
}

// Sort the other lines into blank, code, and hidden: the solution markers
// and stub comments that exist for the exercises, not for the reader
// (tools/common/markers.h has their grammar, which the release shares).
// A line that mentions a solution marker without being one is code, and
// an error: the release would refuse it.
static void classify_lines(Report *r, Source *s) {
    for (size_t i = 0; i < s->text.nline; i++) {
        if (s->kind[i] == LINE_MARKER) continue;
        const char *p = line_at(&s->text, i);
        size_t n = s->text.line[i].len;
        trim(&p, &n);
        Marker m = marker_parse(p, n);
        if (n == 0) {
            s->kind[i] = LINE_BLANK;
        } else if (m.kind == MARKER_BEGIN || m.kind == MARKER_END) {
            s->kind[i] = LINE_HIDDEN;
        } else if (m.kind == MARKER_STUB) {
            i = hide_stub(r, s, i);
        } else {
            if (m.kind == MARKER_MALFORMED)
                report(r, false, s->path, (int)i + 1, "malformed solution marker: %s",
                       marker_advice());
            s->kind[i] = LINE_CODE;
        }
    }
}

// Read a file and find its regions. `file` is where to read it, `path` how
// to name it in messages. A file that can't be read gives a Source with
// read_errno set and no lines; the caller decides how to report that.
Source *source_load(Report *r, const char *file, const char *path) {
    Source *s = xrealloc(NULL, sizeof *s);
    memset(s, 0, sizeof *s);
    s->path = xstrdup(path);
    s->chapter = -1;
    s->read_errno = text_read(&s->text, file);
    s->kind = xrealloc(NULL, s->text.nline + 1);
    memset(s->kind, LINE_CODE, s->text.nline + 1);
    s->shown_by = xrealloc(NULL, (s->text.nline + 1) * sizeof *s->shown_by);
    memset(s->shown_by, 0, (s->text.nline + 1) * sizeof *s->shown_by);
    find_regions(r, s);
    classify_lines(r, s);
    return s;
}

void source_free(Source *s) {
    if (!s) return;
    for (size_t i = 0; i < s->nregion; i++) free(s->region[i].name);
    free(s->region);
    free(s->kind);
    free(s->shown_by);
    text_free(&s->text);
    free(s->path);
    free(s);
}

Region *region_named(const Source *s, const char *name) {
    for (size_t i = 0; i < s->nregion; i++)
        if (strcmp(s->region[i].name, name) == 0) return &s->region[i];
    return NULL;
}

// The 0-based line range [*from, *to) that a block shows: a region's lines
// strictly between its markers, or the whole file.
void shown_range(const Source *s, const Region *rg, size_t *from, size_t *to) {
    *from = rg ? (size_t)rg->begin : 0;
    *to = rg ? (size_t)rg->end - 1 : s->text.nline;
}

bool is_shown_kind(int kind) { return kind == LINE_CODE || kind == LINE_BLANK; }
