// The manifest, chapters/chapters.txt: one line a chapter,
//
//     id  directory  modules  tests  title
//
// and the check that every folder and module it names is there.
#include "lit_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../common/strbuf.h"
#include "../common/text.h"
#include "../common/xalloc.h"

const char MANIFEST[] = "chapters/chapters.txt";

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
int chapter_of_path(const Lit *lit, const char *path) {
    size_t n = strlen(path);
    if (!starts_with(path, n, "src/") || !(ends_with(path, n, ".c") || ends_with(path, n, ".h")))
        return -1;
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

bool read_manifest(Lit *lit) {
    Text t;
    char *file = join_path(lit->root, MANIFEST);
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

bool exists(const Lit *lit, const char *rel, bool dir) {
    char *file = join_path(lit->root, rel);
    struct stat st;
    bool ok = stat(file, &st) == 0 && (dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
    free(file);
    return ok;
}

// Every module has a file, every chapter a directory.
void check_manifest_files(Lit *lit) {
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
