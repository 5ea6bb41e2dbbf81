// The project read into memory: every released file, stubbed and
// cleaned, with the solution lines it hides and the lines it shows.
#define _XOPEN_SOURCE 700
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

size_t read_project(const char *root, LineSet *secrets, LineSet *public_lines,
                    File **files, size_t *nfiles, ReleaseReport *r) {
    Paths all = {0};
    walk(root, "", &all, true);
    size_t before = r->nerr;
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
            char *clean = NULL, *stubbed = NULL;
            size_t cs = 0, ss = 0;
            if (release_drop_instructor_blocks(rel, data, size, &clean, &cs, r) == 0) {
                if (has_solutions(rel)) {
                    SecretCtx ctx = {secrets, rel};
                    if (release_stub(rel, clean, cs, &stubbed, &ss, r,
                                     secrets ? collect_secret : NULL, &ctx) == 0) {
                        free(clean);
                        clean = stubbed, cs = ss;
                    } else {
                        free(clean);
                        clean = NULL;
                    }
                }
            }
            if (clean && public_lines && !is_chapter_text(rel)) {
                // Public: what the student edition shows, stubs included. The
                // stubbed text is exactly the file without its solutions.
                // (Not the chapters: they show the solutions until re-woven.)
                size_t n;
                Line *lines = split_lines(clean, cs, &n);
                for (size_t k = 0; k < n; k++) set_add(public_lines, lines[k].p, lines[k].len, NULL);
                free(lines);
            }
            free(data);
            data = clean, size = cs;
        }
        if (data && files) (*files)[(*nfiles)++] = (File){xstrdup(rel), data, size, mode};
        else free(data);
    }
    paths_free(&all);
    return r->nerr - before;
}

void files_free(File *files, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(files[i].rel);
        free(files[i].data);
    }
    free(files);
}

int release_solution_files(const char *root, ReleaseReport *r) {
    Paths all = {0};
    walk(root, "", &all, true);
    for (size_t i = 0; i < all.n; i++) {
        if (!has_solutions(all.path[i])) continue;
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
