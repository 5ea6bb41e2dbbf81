// The file system work of writing the release, and which files it leaves
// out (shipped.c says which it holds).
#define _XOPEN_SOURCE 700
#include "release_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/strbuf.h"
#include "../common/xalloc.h"

// Paths (relative to the root) that the student release leaves out, with
// everything under them.
static const char *const LEFT_OUT[] = {
    ".git", ".ci", "build", "dist",
    "tools/release",                    // making releases is the instructor's job
    "tools/grade/make-autograder",      // and so is packaging the autograder
    "tools/grade/run_autograder", "tools/grade/setup.sh",
    "tools/grade/red-team", "tests/redteam",  // attacks on the grader, and its checks
    "tests/tools/test_release.c", "tests/tools/fixtures/release",
    "tests/tools/test_grade.c", "tests/tools/fixtures/grade",
    "tests/exercises/hidden",           // hidden tests: the grader has them
    "docs/instructors.md",
    ".release-files",                   // the list of what ships without git
    NULL,
};

int make_dirs(const char *path) {
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int rc = mkdir(p, 0755) != 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return rc;
}

int write_file(const char *path, const char *data, size_t size, mode_t mode) {
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    if (slash) {
        *slash = '\0';
        make_dirs(dir);
    }
    free(dir);
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    bool ok = fwrite(data, 1, size, f) == size;
    ok = fclose(f) == 0 && ok;
    if (ok) chmod(path, mode & 0777);
    return ok ? 0 : -1;
}

int remove_tree(const char *path) {
    struct stat st;
    if (lstat(path, &st) != 0) return errno == ENOENT ? 0 : -1;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (!d) return -1;
        struct dirent *e;
        int rc = 0;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
            char *child = format("%s/%s", path, e->d_name);
            rc |= remove_tree(child);
            free(child);
        }
        closedir(d);
        return rc | rmdir(path);
    }
    return unlink(path);
}

bool left_out(const char *rel) {
    for (int i = 0; LEFT_OUT[i]; i++) {
        size_t k = strlen(LEFT_OUT[i]);
        if (strncmp(rel, LEFT_OUT[i], k) == 0 && (rel[k] == '\0' || rel[k] == '/')) return true;
    }
    return false;
}

bool may_hold_solutions(const char *rel) {
    size_t n = strlen(rel);
    bool code = n > 2 && (strcmp(rel + n - 2, ".c") == 0 || strcmp(rel + n - 2, ".h") == 0);
    return code && (strncmp(rel, "src/", 4) == 0 || strncmp(rel, "chapters/", 9) == 0);
}

// A chapter's prose, whose code blocks are woven from the sources.
bool is_chapter_text(const char *rel) {
    size_t n = strlen(rel);
    return strncmp(rel, "chapters/", 9) == 0 && n > 3 && strcmp(rel + n - 3, ".md") == 0;
}

bool is_text(const char *data, size_t size) { return memchr(data, '\0', size) == NULL; }

static int compare_paths(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void walk(const char *root, const char *rel, Paths *out, bool skip_left_out) {
    char *dir = rel[0] ? format("%s/%s", root, rel) : xstrdup(root);
    DIR *d = opendir(dir);
    free(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char *child = rel[0] ? format("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
        char *full = format("%s/%s", root, child);
        struct stat st;
        if ((skip_left_out && left_out(child)) || lstat(full, &st) != 0) {
            free(child);
        } else if (S_ISDIR(st.st_mode)) {
            walk(root, child, out, skip_left_out);
            free(child);
        } else if (S_ISREG(st.st_mode)) {
            paths_add(out, child);
            free(child);
        } else {
            free(child);
        }
        free(full);
    }
    closedir(d);
    paths_sort(out);
}

void paths_add(Paths *p, const char *path) {
    GROW(p->path, p->n, p->cap);
    p->path[p->n++] = xstrdup(path);
}

void paths_sort(Paths *p) {
    if (p->n == 0) return;
    qsort(p->path, p->n, sizeof *p->path, compare_paths);
    size_t k = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (k > 0 && strcmp(p->path[i], p->path[k - 1]) == 0) free(p->path[i]);
        else p->path[k++] = p->path[i];
    }
    p->n = k;
}

void paths_free(Paths *p) {
    for (size_t i = 0; i < p->n; i++) free(p->path[i]);
    free(p->path);
}
