// Finding the sources: every *.c and *.h under src/, in manifest order, and
// any other file a block names.
#include "lit_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../common/strbuf.h"
#include "../common/text.h"
#include "../common/xalloc.h"

Source *source_find(const Lit *lit, const char *path) {
    for (size_t i = 0; i < lit->nsource; i++)
        if (strcmp(lit->source[i]->path, path) == 0) return lit->source[i];
    return NULL;
}

Source *source_add(Lit *lit, const char *path, bool scanned) {
    char *file = join_path(lit->root, path);
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
    char *dirpath = join_path(lit->root, rel);
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
        char *file = join_path(lit->root, child);
        struct stat st;
        size_t n = strlen(child);
        if (lstat(file, &st) == 0 && S_ISDIR(st.st_mode)) {
            scan(lit, child, found);
        } else if ((ends_with(child, n, ".c") || ends_with(child, n, ".h")) &&
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
void load_src(Lit *lit) {
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
