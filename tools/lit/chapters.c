// The chapters: each README's code directives and fenced blocks, and the
// check that every block holds what its directive names.
#include "lit_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"
#include "../common/text.h"
#include "../common/xalloc.h"

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
    if (!starts_with(p, n, "<!--")) return 0;
    const char *q = p + 4, *end = p + n;
    while (q < end && is_space(*q)) q++;
    if (!starts_with(q, (size_t)(end - q), "code:")) return 0;
    if (!ends_with(p, n, "-->")) return -1;
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

void read_chapters(Lit *lit) {
    for (size_t c = 0; c < lit->nchapter; c++) {
        char *path = format("chapters/%s/README.md", lit->chapter[c].dir);
        char *file = join_path(lit->root, path);
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
