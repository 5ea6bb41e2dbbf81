// The chapter manifest (manifest.h).
#include "manifest.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "text.h"
#include "xalloc.h"

const char MANIFEST[] = "chapters/chapters.txt";

// The manifest being read: where problems go, and how to name it.
typedef struct {
    Manifest *m;
    Report *r;
    const char *name;
    int line;
} Reader;

static void problem(Reader *rd, const char *fmt, ...) TOOLS_PRINTF(2, 3);
static void problem(Reader *rd, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vdiag(rd->r, true, rd->name, rd->line, fmt, ap);
    va_end(ap);
}

// Take the next whitespace-separated field of [*p, end).
static bool field(const char **p, const char *end, const char **tok, size_t *len) {
    while (*p < end && is_space(**p)) (*p)++;
    if (*p == end) return false;
    *tok = *p;
    while (*p < end && !is_space(**p)) (*p)++;
    *len = (size_t)(*p - *tok);
    return true;
}

// A module or a test is a path of names below src/ or tests/.
static bool is_path_of_names(const char *p, size_t n) {
    if (n == 0 || p[0] == '/' || p[n - 1] == '/') return false;
    for (size_t i = 0; i < n; i++)
        if (!is_name_char(p[i]) && !(p[i] == '/' && p[i + 1] != '/')) return false;
    return true;
}

static bool is_dir_name(const char *p, size_t n) {
    if (n == 0 || p[0] == '.') return false;
    for (size_t i = 0; i < n; i++)
        if (!is_name_char(p[i]) && p[i] != '.') return false;
    return true;
}

int manifest_chapter_of_module(const Manifest *m, const char *mod, size_t n) {
    for (size_t c = 0; c < m->nchapter; c++)
        for (size_t k = 0; k < m->chapter[c].nmodule; k++)
            if (same_name(mod, n, m->chapter[c].module[k], strlen(m->chapter[c].module[k])))
                return (int)c;
    return -1;
}

int manifest_chapter_of_id(const Manifest *m, const char *id) {
    for (size_t c = 0; c < m->nchapter; c++)
        if (strcmp(m->chapter[c].id, id) == 0) return (int)c;
    return -1;
}

// Module `p` (len bytes) joins chapter `into`, unless a chapter has it.
static void add_module(Reader *rd, ManifestChapter *into, const char *p, size_t len) {
    int other = manifest_chapter_of_module(rd->m, p, len);
    bool again = false;
    for (size_t k = 0; k < into->nmodule; k++)
        again |= same_name(p, len, into->module[k], strlen(into->module[k]));
    if (other >= 0 || again) {
        problem(rd, "module '%.*s' is already in chapter %s", (int)len, p,
                other >= 0 ? rd->m->chapter[other].id : into->id);
        return;
    }
    GROW(into->module, into->nmodule, into->modulecap);
    into->module[into->nmodule++] = xstrndup(p, len);
}

// A field that is "-" or a comma-separated list of `what` (module or
// test), reporting bad names. With `into`, each name joins that chapter.
static void parse_list(Reader *rd, const char *what, const char *p, size_t n,
                       ManifestChapter *into) {
    if (n == 1 && p[0] == '-') return;
    const char *end = p + n;
    for (;;) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma ? comma : end;
        size_t len = (size_t)(stop - p);
        if (!is_path_of_names(p, len)) {
            problem(rd, "bad %s name '%.*s' in '%.*s' (use '-' for none)", what, (int)len, p,
                    (int)n, end - n);
        } else if (into && strcmp(what, "module") == 0) {
            add_module(rd, into, p, len);
        } else if (into) {
            GROW(into->test, into->ntest, into->testcap);
            into->test[into->ntest++] = xstrndup(p, len);
        }
        if (!comma) break;
        p = comma + 1;
    }
}

// Are the id and the directory good, and new?
static bool id_and_dir_ok(Reader *rd, const char *const *tok, const size_t *len) {
    bool ok = true;
    if (!is_name(tok[0], len[0])) {
        problem(rd, "bad chapter id '%.*s'", (int)len[0], tok[0]);
        ok = false;
    }
    if (!is_dir_name(tok[1], len[1])) {
        problem(rd, "bad directory name '%.*s'", (int)len[1], tok[1]);
        ok = false;
    }
    for (size_t c = 0; ok && c < rd->m->nchapter; c++) {
        const ManifestChapter *o = &rd->m->chapter[c];
        if (same_name(tok[0], len[0], o->id, strlen(o->id))) {
            problem(rd, "duplicate chapter id '%s' (first at line %d)", o->id, o->line);
            ok = false;
        } else if (same_name(tok[1], len[1], o->dir, strlen(o->dir))) {
            problem(rd, "directory '%s' is already chapter %s's", o->dir, o->id);
            ok = false;
        }
    }
    return ok;
}

// One line of the manifest (comment already cut off at end).
static void read_row(Reader *rd, const char *p, const char *end) {
    const char *tok[4];
    size_t len[4];
    int nf = 0;
    while (nf < 4 && field(&p, end, &tok[nf], &len[nf])) nf++;
    const char *title = p;
    size_t tlen = (size_t)(end - p);
    trim(&title, &tlen);
    if (nf == 0) return;
    if (nf < 4 || tlen == 0) {
        problem(rd, "expected 'id directory modules tests title', found %d field%s",
                nf + (tlen > 0), nf + (tlen > 0) == 1 ? "" : "s");
        return;
    }
    bool ok = id_and_dir_ok(rd, tok, len);
    if (!ok) {
        parse_list(rd, "test", tok[3], len[3], NULL);
        parse_list(rd, "module", tok[2], len[2], NULL);
        return;
    }
    Manifest *m = rd->m;
    GROW(m->chapter, m->nchapter, m->chaptercap);
    ManifestChapter *c = &m->chapter[m->nchapter];
    memset(c, 0, sizeof *c);
    c->id = xstrndup(tok[0], len[0]);
    c->dir = xstrndup(tok[1], len[1]);
    c->title = xstrndup(title, tlen);
    c->line = rd->line;
    parse_list(rd, "test", tok[3], len[3], c);
    parse_list(rd, "module", tok[2], len[2], c);
    m->nchapter++;
}

bool manifest_read(Manifest *m, const char *file, const char *name, Report *r) {
    Reader rd = {m, r, name, 0};
    Text t;
    int err = text_read(&t, file);
    if (err) {
        problem(&rd, "cannot read: %s", strerror(err));
        return false;
    }
    for (size_t i = 0; i < t.nline; i++) {
        const char *p = t.line[i].p;
        const char *hash = memchr(p, '#', t.line[i].len);
        rd.line = (int)i + 1;
        read_row(&rd, p, hash ? hash : p + t.line[i].len);
    }
    text_free(&t);
    return true;
}

static void free_list(char **v, size_t n) {
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

void manifest_free(Manifest *m) {
    for (size_t c = 0; c < m->nchapter; c++) {
        ManifestChapter *ch = &m->chapter[c];
        free(ch->id);
        free(ch->dir);
        free(ch->title);
        free_list(ch->module, ch->nmodule);
        free_list(ch->test, ch->ntest);
    }
    free(m->chapter);
    memset(m, 0, sizeof *m);
}
