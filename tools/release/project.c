// The project read into memory: every file that ships, stubbed and
// cleaned, with the solution lines it hides and the lines it shows.
#define _XOPEN_SOURCE 700
#include "release.h"
#include "release_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../common/strbuf.h"
#include "../common/text.h"
#include "../common/xalloc.h"

typedef struct {
    LineSet *secrets;
    const char *path;
} SecretCtx;

static void collect_secret(void *ctx, const char *line, size_t len, int no) {
    SecretCtx *c = ctx;
    char *where = format("%s:%d", c->path, no);
    set_add(c->secrets, line, len, where);
    free(where);
}

// A binary file ships as it is: it may not mention a solution marker,
// which nothing could take out of it.
static void check_binary(const char *rel, const char *data, size_t size, Report *r) {
    size_t n;
    Line *lines = split_lines(data, size, &n);
    for (size_t k = 0; k < n; k++) {
        int kind = kind_of(&lines[k]);
        if (kind == BEGIN || kind == END || kind == MALFORMED) {
            diag(r, rel, 0, "a binary file that mentions SOLUTION: the release cannot take "
                            "a solution out of it");
            break;
        }
    }
    free(lines);
}

// A text file as it ships (solutions stubbed, instructor-only blocks gone):
// NULL, with diagnostics, if it is wrong. Its solution lines go to secrets.
static char *clean_text(const char *rel, const char *data, size_t size, size_t *outsize,
                        LineSet *secrets, Report *r) {
    char *clean = NULL;
    if (is_predict_file(rel)) {
        SecretCtx ctx = {secrets, rel};
        clean = predict_blank(data, size, outsize, secrets ? collect_secret : NULL, &ctx);
    } else if (may_hold_solutions(rel)) {
        SecretCtx ctx = {secrets, rel};
        release_stub(rel, data, size, &clean, outsize, r, secrets ? collect_secret : NULL, &ctx);
    } else {
        release_clean_text(rel, data, size, &clean, outsize, r);
    }
    return clean;
}

// Public: what the student edition shows, stubs included. The stubbed
// text is exactly the file without its solutions. (Not the chapters: they
// show the solutions until re-woven.)
static void add_public_lines(LineSet *public_lines, const char *text, size_t size) {
    size_t n;
    Line *lines = split_lines(text, size, &n);
    for (size_t k = 0; k < n; k++) set_add(public_lines, lines[k].p, lines[k].len, NULL);
    free(lines);
}

size_t read_project(const char *root, LineSet *secrets, LineSet *public_lines, File **files,
                    size_t *nfiles, Paths *untracked, Report *r) {
    Paths all = {0};
    size_t before = r->ndiag;
    if (!shipped_files(root, &all, untracked, r)) {
        paths_free(&all);
        return r->ndiag - before;
    }
    if (files) *files = xrealloc(NULL, (all.n + 1) * sizeof **files), *nfiles = 0;
    for (size_t i = 0; i < all.n; i++) {
        const char *rel = all.path[i];
        char *full = format("%s/%s", root, rel);
        size_t size;
        char *data = read_file(full, &size);
        struct stat st;
        mode_t mode = stat(full, &st) == 0 ? st.st_mode : 0644;
        free(full);
        if (!data) {
            diag(r, rel, 0, "cannot read: %s", strerror(errno));
            continue;
        }
        if (is_text(data, size)) {
            size_t cs = 0;
            char *clean = clean_text(rel, data, size, &cs, secrets, r);
            if (clean && public_lines && !is_chapter_text(rel))
                add_public_lines(public_lines, clean, cs);
            free(data);
            data = clean, size = cs;
        } else {
            check_binary(rel, data, size, r);
        }
        if (data && files) (*files)[(*nfiles)++] = (File){xstrdup(rel), data, size, mode};
        else free(data);
    }
    paths_free(&all);
    return r->ndiag - before;
}

void files_free(File *files, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(files[i].rel);
        free(files[i].data);
    }
    free(files);
}

int release_solution_files(const char *root, Report *r) {
    Paths all = {0};
    if (!shipped_files(root, &all, NULL, r)) {
        paths_free(&all);
        return 1;
    }
    for (size_t i = 0; i < all.n; i++) {
        if (is_predict_file(all.path[i])) {
            say(r, "%s\n", all.path[i]);  // the student's answers: handed in
            continue;
        }
        if (!may_hold_solutions(all.path[i])) continue;
        char *data;
        size_t n;
        Line *lines = read_lines(root, all.path[i], &data, &n);
        if (!data) continue;
        for (size_t k = 0; k < n; k++) {
            if (kind_of(&lines[k]) == BEGIN) {
                say(r, "%s\n", all.path[i]);
                break;
            }
        }
        free(lines);
        free(data);
    }
    paths_free(&all);
    return 0;
}
