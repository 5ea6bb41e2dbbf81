// lit: weave source regions into the chapters, and check that they agree.
//
// The whole tool is one pass over the repository, shared by `check` and
// `weave`:
//
//   1. read chapters/chapters.txt: which chapter owns which module;
//   2. read every *.c and *.h under src/ and find its regions;
//   3. read each chapter's README.md, find its code directives and blocks,
//      and compare every block with the text it should hold;
//   4. see that every line of src/ was shown, exactly once, in its chapter.
//
// Problems go into a LitReport as diagnostics. Each is "structural" when it
// stops us from knowing what a block should contain (a missing region, a
// broken marker, an unterminated fence); weave refuses to write anything
// then. Everything else (stale blocks, unshown lines, a region shown twice)
// is something weave either fixes or doesn't care about, and check reports.
//
// Files are read whole and split into lines once. A line is a (start,
// length) pair into the file's bytes, its "\n" or "\r\n" not included, so
// there is no line-length limit and CRLF files compare equal to LF ones.
#include "lit.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char MANIFEST[] = "chapters/chapters.txt";

// ---- memory -----------------------------------------------------------------

// Running out of memory isn't bad input, and there is nothing sensible left
// to do: say so and stop, rather than check every allocation.
static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("lit: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

static char *xstrndup(const char *s, size_t n) {
    char *d = xrealloc(NULL, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

// Make room for one more element in a growable array.
#define GROW(arr, n, cap)                                          \
    do {                                                           \
        if ((n) == (cap)) {                                        \
            (cap) = (cap) ? 2 * (cap) : 8;                         \
            (arr) = xrealloc((arr), (cap) * sizeof *(arr));        \
        }                                                          \
    } while (0)

// Append n bytes to a growable string, keeping it NUL-terminated.
static void append(char **s, size_t *len, size_t *cap, const char *t, size_t n) {
    if (*len + n + 1 > *cap) {
        size_t c = *cap ? *cap : 64;
        while (c < *len + n + 1) c *= 2;
        *s = xrealloc(*s, c);
        *cap = c;
    }
    memcpy(*s + *len, t, n);
    *len += n;
    (*s)[*len] = '\0';
}

static char *vformat(const char *fmt, va_list ap) {
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) n = 0;
    char *s = xrealloc(NULL, (size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

static char *format(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = vformat(fmt, ap);
    va_end(ap);
    return s;
}

static void out(LitReport *r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = vformat(fmt, ap);
    va_end(ap);
    append(&r->out, &r->outlen, &r->outcap, s, strlen(s));
    free(s);
}

static void report(LitReport *r, bool structural, const char *file, int line,
                   const char *fmt, ...) {
    GROW(r->diag, r->ndiag, r->diagcap);
    LitDiag *d = &r->diag[r->ndiag++];
    va_list ap;
    va_start(ap, fmt);
    d->message = vformat(fmt, ap);
    va_end(ap);
    d->file = xstrdup(file);
    d->line = line;
    d->structural = structural;
}

static bool any_structural(const LitReport *r) {
    for (size_t i = 0; i < r->ndiag; i++)
        if (r->diag[i].structural) return true;
    return false;
}

// ---- text -------------------------------------------------------------------

typedef struct {
    size_t start;  // offset of the line's first byte
    size_t len;    // its length, without "\n" or "\r\n"
    size_t next;   // offset of the following line (or the end of the file)
} Line;

typedef struct {
    char *data;
    size_t size;
    Line *line;
    size_t nline, linecap;
} Text;

// Read a whole file and split it into lines. Returns 0, or an errno value.
static int text_read(Text *t, const char *path) {
    memset(t, 0, sizeof *t);
    FILE *f = fopen(path, "rb");
    if (!f) return errno;
    size_t cap = 0;
    for (;;) {
        if (cap - t->size < 4096) {
            cap = cap ? 2 * cap : 8192;
            t->data = xrealloc(t->data, cap);
        }
        size_t n = fread(t->data + t->size, 1, cap - t->size - 1, f);
        t->size += n;
        if (n == 0) break;
    }
    int err = ferror(f) ? (errno ? errno : EIO) : 0;
    fclose(f);
    if (err) {
        free(t->data);
        t->data = NULL;
        t->size = 0;
        return err;
    }
    t->data[t->size] = '\0';
    for (size_t i = 0; i < t->size;) {
        const char *nl = memchr(t->data + i, '\n', t->size - i);
        size_t end = nl ? (size_t)(nl - t->data) : t->size;
        size_t len = end - i;
        if (len > 0 && t->data[i + len - 1] == '\r') len--;
        GROW(t->line, t->nline, t->linecap);
        t->line[t->nline++] = (Line){i, len, nl ? end + 1 : end};
        i = nl ? end + 1 : end;
    }
    return 0;
}

static void text_free(Text *t) {
    free(t->data);
    free(t->line);
    memset(t, 0, sizeof *t);
}

static const char *line_at(const Text *t, size_t i) { return t->data + t->line[i].start; }

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

// Trim a (pointer, length) string in place on both sides.
static void trim(const char **p, size_t *n) {
    while (*n > 0 && is_space(**p)) (*p)++, (*n)--;
    while (*n > 0 && is_space((*p)[*n - 1])) (*n)--;
}

static bool starts(const char *p, size_t n, const char *prefix) {
    size_t k = strlen(prefix);
    return n >= k && memcmp(p, prefix, k) == 0;
}

static bool ends(const char *p, size_t n, const char *suffix) {
    size_t k = strlen(suffix);
    return n >= k && memcmp(p + n - k, suffix, k) == 0;
}

static bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
}

static bool is_name(const char *p, size_t n) {
    if (n == 0) return false;
    for (size_t i = 0; i < n; i++)
        if (!is_name_char(p[i])) return false;
    return true;
}

static char *join(const char *root, const char *rel) { return format("%s/%s", root, rel); }

// ---- sources and their regions ----------------------------------------------

enum { LINE_BLANK, LINE_CODE, LINE_MARKER, LINE_HIDDEN };

typedef struct {
    char *name;
    int begin, end;  // line numbers of its two markers; the text lies between
    int shown_by;    // 1 + index into Lit.shown, or 0 while no chapter shows it
} Region;

typedef struct {
    char *path;           // relative to the root
    bool scanned;         // a *.c or *.h found under src/: counts for coverage
    int chapter;          // for files under src/, the owning chapter, else -1
    int read_errno;       // nonzero: the file could not be read
    bool broken;          // its region markers are wrong
    Text text;
    unsigned char *kind;  // LINE_* for each line
    int *shown_by;        // for each line, like Region.shown_by
    Region *region;
    size_t nregion, regioncap;
} Source;

// Is this line a region marker? Returns '>' or '<' if so, else 0. The name
// comes back in name/nlen; nlen is 0 when the marker is malformed.
static int marker(const char *p, size_t n, const char **name, size_t *nlen) {
    trim(&p, &n);
    if (n < 3 || p[0] != '/' || p[1] != '/' || (p[2] != '>' && p[2] != '<')) return 0;
    int kind = p[2];
    p += 3, n -= 3;
    trim(&p, &n);
    *name = p;
    *nlen = is_name(p, n) ? n : 0;
    return kind;
}

typedef struct {
    const char *name;
    size_t nlen;
    int line;
} Open;

static bool same_name(const char *a, size_t alen, const char *b, size_t blen) {
    return alen == blen && memcmp(a, b, alen) == 0;
}

static void marker_error(LitReport *r, Source *s, int line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(fmt, ap);
    va_end(ap);
    report(r, true, s->path, line, "%s", msg);
    free(msg);
    s->broken = true;
}

// Find the regions. Markers pair up like brackets but may not nest; a stack
// of open regions lets us name exactly what went wrong when they do.
static void find_regions(LitReport *r, Source *s) {
    Open *open = NULL;
    size_t nopen = 0, opencap = 0;
    for (size_t i = 0; i < s->text.nline; i++) {
        const char *name;
        size_t nlen;
        int kind = marker(line_at(&s->text, i), s->text.line[i].len, &name, &nlen);
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

// Sort the other lines into blank, code, and hidden: the solution markers
// and stub comments that exist for the exercises, not for the reader.
static void classify_lines(LitReport *r, Source *s) {
    for (size_t i = 0; i < s->text.nline; i++) {
        if (s->kind[i] == LINE_MARKER) continue;
        const char *p = line_at(&s->text, i);
        size_t n = s->text.line[i].len;
        trim(&p, &n);
        if (n == 0) {
            s->kind[i] = LINE_BLANK;
        } else if (starts(p, n, "/* BEGIN SOLUTION") || starts(p, n, "/* END SOLUTION")) {
            s->kind[i] = LINE_HIDDEN;
        } else if (starts(p, n, "/* STUB")) {
            // The stub runs through the first line that ends the comment.
            size_t j = i;
            for (; j < s->text.nline && s->kind[j] != LINE_MARKER; j++) {
                const char *q = line_at(&s->text, j);
                size_t m = s->text.line[j].len;
                trim(&q, &m);
                if (ends(q, m, "*/")) break;
            }
            if (j == s->text.nline || s->kind[j] == LINE_MARKER) {
                marker_error(r, s, (int)i + 1, "unterminated /* STUB comment "
                             "(no line ending in '*/' before %s)",
                             j == s->text.nline ? "the end of the file" : "the next region marker");
                s->kind[i] = LINE_HIDDEN;
                continue;
            }
            for (size_t k = i; k <= j; k++) s->kind[k] = LINE_HIDDEN;
            i = j;
        } else {
            s->kind[i] = LINE_CODE;
        }
    }
}

// Read a file and find its regions. `file` is where to read it, `path` how
// to name it in messages. A file that can't be read gives a Source with
// read_errno set and no lines; the caller decides how to report that.
static Source *source_load(LitReport *r, const char *file, const char *path) {
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

static void source_free(Source *s) {
    if (!s) return;
    for (size_t i = 0; i < s->nregion; i++) free(s->region[i].name);
    free(s->region);
    free(s->kind);
    free(s->shown_by);
    text_free(&s->text);
    free(s->path);
    free(s);
}

static Region *region_named(const Source *s, const char *name) {
    for (size_t i = 0; i < s->nregion; i++)
        if (strcmp(s->region[i].name, name) == 0) return &s->region[i];
    return NULL;
}

// The 0-based line range [*from, *to) that a block shows: a region's lines
// strictly between its markers, or the whole file.
static void shown_range(const Source *s, const Region *rg, size_t *from, size_t *to) {
    *from = rg ? (size_t)rg->begin : 0;
    *to = rg ? (size_t)rg->end - 1 : s->text.nline;
}

static bool is_shown_kind(int kind) { return kind == LINE_CODE || kind == LINE_BLANK; }

// ---- the manifest -----------------------------------------------------------

typedef struct {
    char *id, *dir, *title;
    char **module;
    size_t nmodule, modulecap;
    int line;
    size_t shown, lines;  // coverage of its modules
} Chapter;

typedef struct {
    const char *file;  // a README path, owned by its Readme
    int line;
} Where;

typedef struct {
    int line;            // the directive's line number
    char *path;          // the file it names
    char *region;        // the region it names, or NULL for the whole file
    size_t first, last;  // the block's content is lines [first, last); `last` is the closing fence
    Source *source;      // resolved, or NULL when the target is unusable
    Region *rg;
    bool stale;
} Block;

typedef struct {
    char *path;
    int chapter;
    Text text;
    Block *block;
    size_t nblock, blockcap;
} Readme;

typedef struct {
    const char *root;
    LitReport *r;
    Chapter *chapter;
    size_t nchapter, chaptercap;
    Source **source;  // scanned src/ files in manifest order, then the rest as met
    size_t nsource, sourcecap;
    Readme *readme;
    size_t nreadme, readmecap;
    Where *shown;
    size_t nshown, showncap;
} Lit;

// Take the next whitespace-separated field of [*p, end).
static bool field(const char **p, const char *end, const char **tok, size_t *len) {
    while (*p < end && is_space(**p)) (*p)++;
    if (*p == end) return false;
    *tok = *p;
    while (*p < end && !is_space(**p)) (*p)++;
    *len = (size_t)(*p - *tok);
    return true;
}

// A module is a path of names below src/: "view", "lang/lexer".
static bool is_module(const char *p, size_t n) {
    if (n == 0 || p[0] == '/' || p[n - 1] == '/') return false;
    for (size_t i = 0; i < n; i++)
        if (!is_name_char(p[i]) && !(p[i] == '/' && p[i + 1] != '/')) return false;
    return true;
}

static int chapter_of_module(const Lit *lit, const char *m, size_t n) {
    for (size_t c = 0; c < lit->nchapter; c++)
        for (size_t k = 0; k < lit->chapter[c].nmodule; k++)
            if (same_name(m, n, lit->chapter[c].module[k], strlen(lit->chapter[c].module[k])))
                return (int)c;
    return -1;
}

// The chapter owning a file under src/ (src/<module>.c or .h), else -1.
static int chapter_of_path(const Lit *lit, const char *path) {
    size_t n = strlen(path);
    if (!starts(path, n, "src/") || !(ends(path, n, ".c") || ends(path, n, ".h"))) return -1;
    return chapter_of_module(lit, path + 4, n - 6);
}

// Parse a field that is "-" or a comma-separated list, reporting bad names.
// With `into`, the names are modules, and each joins that chapter unless
// another chapter (or this one) has it already.
static void parse_list(Lit *lit, int line, const char *what, const char *p, size_t n,
                       bool (*valid)(const char *, size_t), Chapter *into) {
    if (n == 1 && p[0] == '-') return;
    const char *end = p + n;
    for (;;) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma ? comma : end;
        size_t len = (size_t)(stop - p);
        if (!valid(p, len)) {
            report(lit->r, true, MANIFEST, line, "bad %s name '%.*s' in '%.*s' (use '-' for none)",
                   what, (int)len, p, (int)n, end - n);
        } else if (into) {
            int other = chapter_of_module(lit, p, len);
            bool again = false;
            for (size_t k = 0; k < into->nmodule; k++)
                again |= same_name(p, len, into->module[k], strlen(into->module[k]));
            if (other >= 0 || again) {
                report(lit->r, true, MANIFEST, line, "module '%.*s' is already in chapter %s",
                       (int)len, p, other >= 0 ? lit->chapter[other].id : into->id);
            } else {
                GROW(into->module, into->nmodule, into->modulecap);
                into->module[into->nmodule++] = xstrndup(p, len);
            }
        }
        if (!comma) break;
        p = comma + 1;
    }
}

static bool is_test_name(const char *p, size_t n) { return is_module(p, n); }

static bool is_dir_name(const char *p, size_t n) {
    if (n == 0 || p[0] == '.') return false;
    for (size_t i = 0; i < n; i++)
        if (!is_name_char(p[i]) && p[i] != '.') return false;
    return true;
}

static bool read_manifest(Lit *lit) {
    Text t;
    char *file = join(lit->root, MANIFEST);
    int err = text_read(&t, file);
    free(file);
    if (err) {
        report(lit->r, true, MANIFEST, 0, "cannot read: %s", strerror(err));
        return false;
    }
    for (size_t i = 0; i < t.nline; i++) {
        int line = (int)i + 1;
        const char *p = line_at(&t, i);
        const char *hash = memchr(p, '#', t.line[i].len);
        const char *end = hash ? hash : p + t.line[i].len;
        const char *tok[4];
        size_t len[4];
        int nf = 0;
        while (nf < 4 && field(&p, end, &tok[nf], &len[nf])) nf++;
        const char *title = p;
        size_t tlen = (size_t)(end - p);
        trim(&title, &tlen);
        if (nf == 0) continue;
        if (nf < 4 || tlen == 0) {
            report(lit->r, true, MANIFEST, line,
                   "expected 'id directory modules tests title', found %d field%s",
                   nf + (tlen > 0), nf + (tlen > 0) == 1 ? "" : "s");
            continue;
        }
        bool ok = true;
        if (!is_name(tok[0], len[0])) {
            report(lit->r, true, MANIFEST, line, "bad chapter id '%.*s'", (int)len[0], tok[0]);
            ok = false;
        }
        if (!is_dir_name(tok[1], len[1])) {
            report(lit->r, true, MANIFEST, line, "bad directory name '%.*s'", (int)len[1], tok[1]);
            ok = false;
        }
        for (size_t c = 0; ok && c < lit->nchapter; c++) {
            const Chapter *o = &lit->chapter[c];
            if (same_name(tok[0], len[0], o->id, strlen(o->id))) {
                report(lit->r, true, MANIFEST, line, "duplicate chapter id '%s' (first at line %d)",
                       o->id, o->line);
                ok = false;
            } else if (same_name(tok[1], len[1], o->dir, strlen(o->dir))) {
                report(lit->r, true, MANIFEST, line, "directory '%s' is already chapter %s's",
                       o->dir, o->id);
                ok = false;
            }
        }
        parse_list(lit, line, "test", tok[3], len[3], is_test_name, NULL);
        if (!ok) {
            parse_list(lit, line, "module", tok[2], len[2], is_module, NULL);
            continue;
        }
        GROW(lit->chapter, lit->nchapter, lit->chaptercap);
        Chapter *c = &lit->chapter[lit->nchapter];
        memset(c, 0, sizeof *c);
        c->id = xstrndup(tok[0], len[0]);
        c->dir = xstrndup(tok[1], len[1]);
        c->title = xstrndup(title, tlen);
        c->line = line;
        parse_list(lit, line, "module", tok[2], len[2], is_module, c);
        lit->nchapter++;
    }
    text_free(&t);
    return true;
}

static bool exists(const Lit *lit, const char *rel, bool dir) {
    char *file = join(lit->root, rel);
    struct stat st;
    bool ok = stat(file, &st) == 0 && (dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
    free(file);
    return ok;
}

// Every module has a file, every chapter a directory.
static void check_manifest_files(Lit *lit) {
    for (size_t c = 0; c < lit->nchapter; c++) {
        const Chapter *ch = &lit->chapter[c];
        char *dir = format("chapters/%s", ch->dir);
        if (!exists(lit, dir, true))
            report(lit->r, false, MANIFEST, ch->line, "no directory %s", dir);
        free(dir);
        for (size_t k = 0; k < ch->nmodule; k++) {
            char *cfile = format("src/%s.c", ch->module[k]);
            char *hfile = format("src/%s.h", ch->module[k]);
            if (!exists(lit, cfile, false) && !exists(lit, hfile, false))
                report(lit->r, false, MANIFEST, ch->line, "module '%s' has neither %s nor %s",
                       ch->module[k], cfile, hfile);
            free(cfile);
            free(hfile);
        }
    }
}

// ---- finding the sources ----------------------------------------------------

static Source *source_find(const Lit *lit, const char *path) {
    for (size_t i = 0; i < lit->nsource; i++)
        if (strcmp(lit->source[i]->path, path) == 0) return lit->source[i];
    return NULL;
}

static Source *source_add(Lit *lit, const char *path, bool scanned) {
    char *file = join(lit->root, path);
    Source *s = source_load(lit->r, file, path);
    free(file);
    s->scanned = scanned;
    s->chapter = chapter_of_path(lit, path);
    GROW(lit->source, lit->nsource, lit->sourcecap);
    lit->source[lit->nsource++] = s;
    return s;
}

typedef struct {
    char **path;
    size_t n, cap;
} Paths;

// Collect the *.c and *.h files under `rel`, recursively. Hidden entries are
// skipped, and so are symbolic links to directories (no loops).
static void scan(Lit *lit, const char *rel, Paths *found) {
    char *dirpath = join(lit->root, rel);
    DIR *d = opendir(dirpath);
    if (!d) {
        if (!(errno == ENOENT && strcmp(rel, "src") == 0))
            report(lit->r, false, rel, 0, "cannot read directory: %s", strerror(errno));
        free(dirpath);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char *child = format("%s/%s", rel, e->d_name);
        char *file = join(lit->root, child);
        struct stat st;
        size_t n = strlen(child);
        if (lstat(file, &st) == 0 && S_ISDIR(st.st_mode)) {
            scan(lit, child, found);
        } else if ((ends(child, n, ".c") || ends(child, n, ".h")) &&
                   stat(file, &st) == 0 && S_ISREG(st.st_mode)) {
            GROW(found->path, found->n, found->cap);
            found->path[found->n++] = child;
            child = NULL;
        }
        free(file);
        free(child);
    }
    closedir(d);
    free(dirpath);
}

static int compare_paths(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

// Load src/ in a stable order: the manifest's modules (header, then code),
// then any file no module claims, by path.
static void load_src(Lit *lit) {
    Paths found = {0};
    scan(lit, "src", &found);
    qsort(found.path, found.n, sizeof *found.path, compare_paths);
    for (size_t c = 0; c < lit->nchapter; c++) {
        for (size_t k = 0; k < lit->chapter[c].nmodule; k++) {
            for (int ext = 0; ext < 2; ext++) {
                char *want = format("src/%s.%c", lit->chapter[c].module[k], "hc"[ext]);
                for (size_t i = 0; i < found.n; i++) {
                    if (found.path[i] && strcmp(found.path[i], want) == 0) {
                        source_add(lit, want, true);
                        free(found.path[i]);
                        found.path[i] = NULL;
                    }
                }
                free(want);
            }
        }
    }
    for (size_t i = 0; i < found.n; i++) {
        if (!found.path[i]) continue;
        source_add(lit, found.path[i], true);
        free(found.path[i]);
    }
    free(found.path);
    for (size_t i = 0; i < lit->nsource; i++)
        if (lit->source[i]->read_errno)
            report(lit->r, false, lit->source[i]->path, 0, "cannot read: %s",
                   strerror(lit->source[i]->read_errno));
}

// ---- chapters ---------------------------------------------------------------

// If the line is a fence (``` or ~~~, three or more), returns its length and
// sets *ch and the info string after it; else returns 0.
static size_t fence(const char *p, size_t n, char *ch, const char **info, size_t *ilen) {
    trim(&p, &n);
    if (n < 3 || (p[0] != '`' && p[0] != '~')) return 0;
    size_t k = 0;
    while (k < n && p[k] == p[0]) k++;
    if (k < 3) return 0;
    *ch = p[0];
    *info = p + k;
    *ilen = n - k;
    trim(info, ilen);
    if (*ch == '`' && memchr(*info, '`', *ilen)) return 0;  // inline code, not a fence
    return k;
}

// Is the info string's language C? Its first word decides.
static bool is_c_info(const char *info, size_t n) {
    size_t k = 0;
    while (k < n && !is_space(info[k]) && info[k] != '{' && info[k] != ',') k++;
    return k == 1 && (info[0] == 'c' || info[0] == 'C');
}

// Is this line a code directive? Returns 1 with the target, -1 if it's one
// but malformed, 0 if it isn't one at all.
static int directive(const char *p, size_t n, const char **target, size_t *tlen) {
    trim(&p, &n);
    if (!starts(p, n, "<!--")) return 0;
    const char *q = p + 4, *end = p + n;
    while (q < end && is_space(*q)) q++;
    if (!starts(q, (size_t)(end - q), "code:")) return 0;
    if (!ends(p, n, "-->")) return -1;
    q += 5;
    end -= 3;
    size_t len = (size_t)(end - q);
    trim(&q, &len);
    for (size_t i = 0; i < len; i++)
        if (is_space(q[i])) return -1;
    if (len == 0) return -1;
    *target = q;
    *tlen = len;
    return 1;
}

// Split "path#region" and see that the path stays inside the repository.
static bool parse_target(Lit *lit, const char *readme, int line, const char *t, size_t n,
                         Block *b) {
    const char *hash = memchr(t, '#', n);
    size_t plen = hash ? (size_t)(hash - t) : n;
    // Components may not be empty, "." or "..": one file, one spelling, so
    // that "src/./view.c" can't dodge the shown-once rule.
    bool ok = true;
    for (size_t i = 0; ok && i <= plen;) {
        const char *slash = memchr(t + i, '/', plen - i);
        size_t len = slash ? (size_t)(slash - (t + i)) : plen - i;
        ok = len > 0 && !same_name(t + i, len, ".", 1) && !same_name(t + i, len, "..", 2);
        i += len + 1;
    }
    if (!ok) {
        report(lit->r, true, readme, line, "bad path in code directive: '%.*s' "
               "(expected a plain path from the repository root, like src/view.c)",
               (int)plen, t);
        return false;
    }
    if (hash && !is_name(hash + 1, n - plen - 1)) {
        report(lit->r, true, readme, line, "bad region name in code directive: '%.*s'",
               (int)(n - plen - 1), hash + 1);
        return false;
    }
    b->path = xstrndup(t, plen);
    b->region = hash ? xstrndup(hash + 1, n - plen - 1) : NULL;
    return true;
}

// Find the directives and fenced blocks of one README.
static void parse_readme(Lit *lit, Readme *rd) {
    const Text *t = &rd->text;
    size_t open_len = 0;  // inside a fence of this length, when nonzero
    char open_ch = 0;
    size_t open_at = 0;
    for (size_t i = 0; i < t->nline; i++) {
        const char *p = line_at(t, i);
        size_t n = t->line[i].len;
        int line = (int)i + 1;
        char ch;
        const char *info;
        size_t ilen;
        size_t flen = fence(p, n, &ch, &info, &ilen);
        if (open_len) {
            if (flen >= open_len && ch == open_ch && ilen == 0) open_len = 0;
            continue;
        }
        if (flen) {
            if (is_c_info(info, ilen))
                report(lit->r, true, rd->path, line, "C code in chapters must come from a "
                       "source file (put <!-- code: FILE#REGION --> on the line above)");
            open_len = flen, open_ch = ch, open_at = i;
            continue;
        }
        const char *target;
        size_t tlen;
        int kind = directive(p, n, &target, &tlen);
        if (kind < 0) {
            report(lit->r, true, rd->path, line,
                   "malformed code directive (expected <!-- code: FILE#REGION -->)");
            continue;
        }
        if (kind == 0) continue;
        const char *q = i + 1 < t->nline ? line_at(t, i + 1) : "";
        size_t m = i + 1 < t->nline ? t->line[i + 1].len : 0;
        while (m > 0 && is_space(q[m - 1])) m--;
        if (!(m == 4 && memcmp(q, "```c", 4) == 0)) {
            report(lit->r, true, rd->path, line, "code directive must be followed by a "
                   "```c line");
            continue;
        }
        size_t close = i + 2;
        for (; close < t->nline; close++) {
            flen = fence(line_at(t, close), t->line[close].len, &ch, &info, &ilen);
            if (flen >= 3 && ch == '`' && ilen == 0) break;
        }
        if (close == t->nline) {
            report(lit->r, true, rd->path, line + 1, "unterminated ```c block "
                   "(no closing ``` line)");
            return;
        }
        Block b = {0};
        b.line = line;
        b.first = i + 2;
        b.last = close;
        if (parse_target(lit, rd->path, line, target, tlen, &b)) {
            GROW(rd->block, rd->nblock, rd->blockcap);
            rd->block[rd->nblock++] = b;
        }
        i = close;
    }
    if (open_len)
        report(lit->r, true, rd->path, (int)open_at + 1, "unterminated %c%c%c block",
               open_ch, open_ch, open_ch);
}

// Does the block's text equal the lines it should show?
static bool block_current(const Readme *rd, const Block *b) {
    size_t from, to, j = b->first;
    shown_range(b->source, b->rg, &from, &to);
    const Text *src = &b->source->text;
    for (size_t i = from; i < to; i++) {
        if (!is_shown_kind(b->source->kind[i])) continue;
        if (j == b->last) return false;
        size_t n = src->line[i].len;
        if (rd->text.line[j].len != n || memcmp(line_at(&rd->text, j), line_at(src, i), n) != 0)
            return false;
        j++;
    }
    return j == b->last;
}

// Record that the block shows its lines, and complain if some other block
// already did: every line is shown exactly once.
static void mark_shown(Lit *lit, const Readme *rd, Block *b) {
    GROW(lit->shown, lit->nshown, lit->showncap);
    lit->shown[lit->nshown++] = (Where){rd->path, b->line};
    int me = (int)lit->nshown;
    Source *s = b->source;
    size_t from, to;
    shown_range(s, b->rg, &from, &to);
    int before = 0;
    for (size_t k = 0; k < s->nregion; k++) {
        Region *rg = &s->region[k];
        if (b->rg && rg != b->rg) continue;
        if (!before) before = rg->shown_by;
        if (!rg->shown_by) rg->shown_by = me;
    }
    for (size_t i = from; i < to; i++) {
        if (s->kind[i] != LINE_CODE) continue;
        if (!before) before = s->shown_by[i];
        if (!s->shown_by[i]) s->shown_by[i] = me;
    }
    if (before) {
        const Where *w = &lit->shown[before - 1];
        report(lit->r, false, rd->path, b->line, "%s%s%s is already shown at %s:%d",
               b->path, b->region ? "#" : "", b->region ? b->region : "", w->file, w->line);
    }
}

static void check_block(Lit *lit, Readme *rd, Block *b) {
    Source *s = source_find(lit, b->path);
    if (!s) s = source_add(lit, b->path, false);
    if (s->read_errno) {
        report(lit->r, true, rd->path, b->line, "cannot read %s: %s", b->path,
               strerror(s->read_errno));
        return;
    }
    Region *rg = NULL;
    if (b->region && !(rg = region_named(s, b->region))) {
        report(lit->r, true, rd->path, b->line, "%s has no region '%s'", b->path, b->region);
        return;
    }
    b->source = s;
    b->rg = rg;
    if (s->chapter >= 0 && s->chapter != rd->chapter)
        report(lit->r, false, rd->path, b->line, "%s belongs to chapter %s, not chapter %s",
               b->path, lit->chapter[s->chapter].id, lit->chapter[rd->chapter].id);
    mark_shown(lit, rd, b);
    // A broken file's regions may be wrong: its own errors come first.
    if (!s->broken && !block_current(rd, b)) {
        b->stale = true;
        report(lit->r, false, rd->path, b->line, "stale block for %s%s%s (run make chapters)",
               b->path, rg ? "#" : "", rg ? rg->name : "");
    }
}

static void read_chapters(Lit *lit) {
    for (size_t c = 0; c < lit->nchapter; c++) {
        char *path = format("chapters/%s/README.md", lit->chapter[c].dir);
        char *file = join(lit->root, path);
        Text t;
        int err = text_read(&t, file);
        free(file);
        if (err) {
            char *dir = format("chapters/%s", lit->chapter[c].dir);
            if (err == ENOENT && exists(lit, dir, true))
                report(lit->r, false, MANIFEST, lit->chapter[c].line, "%s has no README.md", dir);
            else if (err != ENOENT)
                report(lit->r, false, MANIFEST, lit->chapter[c].line, "cannot read %s: %s",
                       path, strerror(err));
            free(dir);
            free(path);
            continue;
        }
        GROW(lit->readme, lit->nreadme, lit->readmecap);
        Readme *rd = &lit->readme[lit->nreadme++];
        memset(rd, 0, sizeof *rd);
        rd->path = path;
        rd->chapter = (int)c;
        rd->text = t;
        parse_readme(lit, rd);
        for (size_t k = 0; k < rd->nblock; k++) check_block(lit, rd, &rd->block[k]);
    }
}

// ---- completeness and coverage ----------------------------------------------

// Every region of src/ shown, every line of src/ in a region, and every file
// in a chapter.
static void check_complete(Lit *lit) {
    for (size_t i = 0; i < lit->nsource; i++) {
        Source *s = lit->source[i];
        if (!s->scanned || s->read_errno) continue;
        if (s->chapter < 0)
            report(lit->r, false, s->path, 1, "belongs to no chapter in %s", MANIFEST);
        if (s->broken) continue;
        for (size_t k = 0; k < s->nregion; k++)
            if (!s->region[k].shown_by)
                report(lit->r, false, s->path, s->region[k].begin,
                       "region '%s' is not shown in any chapter", s->region[k].name);
        // Walk the gaps between regions; each gap's unshown code is one message.
        size_t line = 0;
        for (size_t k = 0; k <= s->nregion; k++) {
            size_t gap_end = k < s->nregion ? (size_t)s->region[k].begin - 1 : s->text.nline;
            size_t count = 0, first = 0;
            for (; line < gap_end; line++) {
                if (s->kind[line] != LINE_CODE || s->shown_by[line]) continue;
                if (count++ == 0) first = line;
            }
            if (count)
                report(lit->r, false, s->path, (int)first + 1, "%zu line%s not in any region",
                       count, count == 1 ? "" : "s");
            if (k < s->nregion) line = (size_t)s->region[k].end;
        }
    }
}

// Write "100.0" for shown of lines, rounding down: 99.96% is not 100.0%.
static char *percent(size_t shown, size_t lines) {
    if (lines == 0) return xstrdup("100.0");
    unsigned long long tenths = (unsigned long long)shown * 1000 / lines;
    return format("%llu.%llu", tenths / 10, tenths % 10);
}

static void coverage(Lit *lit) {
    LitReport *r = lit->r;
    for (size_t i = 0; i < lit->nsource; i++) {
        const Source *s = lit->source[i];
        if (!s->scanned) continue;
        size_t lines = 0, shown = 0;
        for (size_t k = 0; k < s->text.nline; k++) {
            if (s->kind[k] != LINE_CODE) continue;
            lines++;
            shown += s->shown_by[k] != 0;
        }
        r->lines += lines;
        r->shown += shown;
        if (s->chapter >= 0) {
            lit->chapter[s->chapter].lines += lines;
            lit->chapter[s->chapter].shown += shown;
        }
    }
    char *pct = percent(r->shown, r->lines);
    out(r, "literate coverage: %s%% (%zu of %zu lines of src/)\n", pct, r->shown, r->lines);
    free(pct);
    int idw = 0, titlew = 0;
    for (size_t c = 0; c < lit->nchapter; c++) {
        if (lit->chapter[c].nmodule == 0) continue;
        int w = (int)strlen(lit->chapter[c].id), tw = (int)strlen(lit->chapter[c].title);
        if (w > idw) idw = w;
        if (tw > titlew) titlew = tw;
    }
    for (size_t c = 0; c < lit->nchapter; c++) {
        Chapter *ch = &lit->chapter[c];
        if (ch->nmodule == 0) continue;
        pct = percent(ch->shown, ch->lines);
        out(r, "  chapter %-*s  %-*s  %s%% (%zu of %zu)\n", idw, ch->id, titlew, ch->title,
            pct, ch->shown, ch->lines);
        free(pct);
        GROW(r->chapter, r->nchapter, r->chaptercap);
        r->chapter[r->nchapter++] = (LitChapterCoverage){xstrdup(ch->id), xstrdup(ch->title),
                                                         ch->shown, ch->lines};
    }
}

// ---- weaving ----------------------------------------------------------------

// The README with each stale block's content replaced. The new lines end the
// way the block's opening fence line does ("\r\n" or "\n"); every other byte
// is copied as it was.
static char *weave_readme(const Readme *rd, size_t *size) {
    char *s = NULL;
    size_t len = 0, cap = 0, at = 0;
    const Text *t = &rd->text;
    for (size_t k = 0; k < rd->nblock; k++) {
        const Block *b = &rd->block[k];
        if (!b->stale) continue;
        const Line *open = &t->line[b->first - 1];
        bool crlf = open->next >= 2 && t->data[open->next - 2] == '\r';
        size_t start = t->line[b->first].start;  // the first content line, or the closing fence
        append(&s, &len, &cap, t->data + at, start - at);
        size_t from, to;
        shown_range(b->source, b->rg, &from, &to);
        for (size_t i = from; i < to; i++) {
            if (!is_shown_kind(b->source->kind[i])) continue;
            append(&s, &len, &cap, line_at(&b->source->text, i), b->source->text.line[i].len);
            append(&s, &len, &cap, crlf ? "\r\n" : "\n", crlf ? 2 : 1);
        }
        at = t->line[b->last].start;
    }
    append(&s, &len, &cap, t->data + at, t->size - at);
    *size = len;
    return s;
}

// Replace a file by writing a sibling and renaming it over the original, so
// an interrupted weave never leaves half a chapter behind. The new file
// keeps the old one's permissions.
static int write_file(const char *file, const char *data, size_t size) {
    char *tmp = format("%s.lit-tmp", file);
    struct stat st;
    bool had_mode = stat(file, &st) == 0;
    FILE *f = fopen(tmp, "wb");
    int err = 0;
    if (!f) {
        err = errno;
    } else {
        if (fwrite(data, 1, size, f) != size) err = errno ? errno : EIO;
        if (!err && had_mode && fchmod(fileno(f), st.st_mode & 07777) != 0) err = errno;
        if (fclose(f) != 0 && !err) err = errno ? errno : EIO;
        if (!err && rename(tmp, file) != 0) err = errno;
        if (err) remove(tmp);
    }
    free(tmp);
    return err;
}

// ---- running ----------------------------------------------------------------

static void lit_free(Lit *lit) {
    for (size_t c = 0; c < lit->nchapter; c++) {
        Chapter *ch = &lit->chapter[c];
        for (size_t k = 0; k < ch->nmodule; k++) free(ch->module[k]);
        free(ch->module);
        free(ch->id);
        free(ch->dir);
        free(ch->title);
    }
    free(lit->chapter);
    for (size_t i = 0; i < lit->nsource; i++) source_free(lit->source[i]);
    free(lit->source);
    for (size_t i = 0; i < lit->nreadme; i++) {
        Readme *rd = &lit->readme[i];
        for (size_t k = 0; k < rd->nblock; k++) {
            free(rd->block[k].path);
            free(rd->block[k].region);
        }
        free(rd->block);
        text_free(&rd->text);
        free(rd->path);
    }
    free(lit->readme);
    free(lit->shown);
}

typedef struct {
    LitDiag d;
    size_t group, seq;
} Keyed;

static int compare_keyed(const void *a, const void *b) {
    const Keyed *x = a, *y = b;
    if (x->group != y->group) return x->group < y->group ? -1 : 1;
    if (x->d.line != y->d.line) return x->d.line < y->d.line ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

// Order the diagnostics by file (in order of first mention, which follows
// the manifest), then by line, and format them for stderr.
static int finish(LitReport *r) {
    Keyed *k = xrealloc(NULL, (r->ndiag + 1) * sizeof *k);
    for (size_t i = 0; i < r->ndiag; i++) {
        size_t g = i;
        for (size_t j = 0; j < i; j++) {
            if (strcmp(r->diag[j].file, r->diag[i].file) == 0) {
                g = k[j].group;
                break;
            }
        }
        k[i] = (Keyed){r->diag[i], g, i};
    }
    qsort(k, r->ndiag, sizeof *k, compare_keyed);
    for (size_t i = 0; i < r->ndiag; i++) {
        r->diag[i] = k[i].d;
        char *s = r->diag[i].line > 0
                      ? format("%s:%d: %s\n", k[i].d.file, k[i].d.line, k[i].d.message)
                      : format("%s: %s\n", k[i].d.file, k[i].d.message);
        append(&r->err, &r->errlen, &r->errcap, s, strlen(s));
        free(s);
    }
    free(k);
    // Both strings exist even when empty, so callers can print them blindly.
    append(&r->out, &r->outlen, &r->outcap, "", 0);
    append(&r->err, &r->errlen, &r->errcap, "", 0);
    return r->ndiag > 0;
}

// The shared pass: everything but the coverage report and the writing.
static bool analyse(Lit *lit, const char *root, LitReport *r) {
    memset(lit, 0, sizeof *lit);
    lit->root = root;
    lit->r = r;
    if (!read_manifest(lit)) return false;
    check_manifest_files(lit);
    load_src(lit);
    read_chapters(lit);
    check_complete(lit);
    return true;
}

int lit_check(const char *root, LitReport *r) {
    Lit lit;
    if (analyse(&lit, root, r)) coverage(&lit);
    lit_free(&lit);
    return finish(r);
}

int lit_weave(const char *root, LitReport *r) {
    Lit lit;
    bool ok = analyse(&lit, root, r);
    // Weave fixes or ignores everything but the structural problems; report
    // only those, and write nothing while there are any.
    size_t kept = 0;
    for (size_t i = 0; i < r->ndiag; i++) {
        if (r->diag[i].structural) {
            r->diag[kept++] = r->diag[i];
        } else {
            free(r->diag[i].file);
            free(r->diag[i].message);
        }
    }
    r->ndiag = kept;
    if (ok && !any_structural(r)) {
        for (size_t i = 0; i < lit.nreadme; i++) {
            const Readme *rd = &lit.readme[i];
            bool stale = false;
            for (size_t k = 0; k < rd->nblock; k++) stale |= rd->block[k].stale;
            if (!stale) continue;
            size_t size;
            char *text = weave_readme(rd, &size);
            char *file = join(root, rd->path);
            int err = write_file(file, text, size);
            if (err)
                report(r, true, rd->path, 0, "cannot write: %s", strerror(err));
            else
                out(r, "lit: updated %s\n", rd->path);
            free(file);
            free(text);
        }
    }
    lit_free(&lit);
    return finish(r);
}

int lit_regions(const char *path, LitReport *r) {
    Source *s = source_load(r, path, path);
    if (s->read_errno) {
        report(r, true, path, 0, "cannot read: %s", strerror(s->read_errno));
    } else {
        // Two aligned columns: the name, and the markers' line numbers.
        int w = 0, rw = 0;
        for (size_t i = 0; i < s->nregion; i++) {
            const Region *rg = &s->region[i];
            int n = (int)strlen(rg->name), m = snprintf(NULL, 0, "%d-%d", rg->begin, rg->end);
            if (n > w) w = n;
            if (m > rw) rw = m;
        }
        for (size_t i = 0; i < s->nregion; i++) {
            const Region *rg = &s->region[i];
            char *range = format("%d-%d", rg->begin, rg->end);
            int n = rg->end - rg->begin - 1;
            out(r, "%-*s  %-*s  %d line%s\n", w, rg->name, rw, range, n, n == 1 ? "" : "s");
            free(range);
        }
    }
    source_free(s);
    return finish(r);
}

void lit_report_free(LitReport *r) {
    for (size_t i = 0; i < r->ndiag; i++) {
        free(r->diag[i].file);
        free(r->diag[i].message);
    }
    free(r->diag);
    free(r->out);
    free(r->err);
    for (size_t i = 0; i < r->nchapter; i++) {
        free(r->chapter[i].id);
        free(r->chapter[i].title);
    }
    free(r->chapter);
    memset(r, 0, sizeof *r);
}
