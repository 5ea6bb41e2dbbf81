// release: write the student edition of the project (see release.h).
//
// One pass reads every file that ships (shipped.c) into memory and
// transforms it: C files get their solutions replaced by stubs, every text
// file loses its instructor-only blocks, and instructor-only files are left
// out. Only when all of that succeeded is anything written, into a new
// folder beside the destination; then the chapters are re-woven from the
// stubbed sources (so a student's chapter shows the stub, never the
// solution) and the result is searched for solution lines and markers that
// should not be there. Only a release that passed all that takes the
// destination's name; anything else is removed.
#define _XOPEN_SOURCE 700
#include "release.h"
#include "release_internal.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/strbuf.h"
#include "../common/xalloc.h"
#include "../lit/lit.h"

static const char RELEASE_STAMP[] = ".strides-release";

// Is the directory missing or empty?
static bool empty_or_missing(const char *path) {
    DIR *d = opendir(path);
    if (!d) return errno == ENOENT;
    struct dirent *e;
    bool empty = true;
    while (empty && (e = readdir(d)) != NULL)
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    closedir(d);
    return empty;
}

// Refuse a destination that is the project itself, or inside a part of it
// that gets copied (we would copy our own output).
static bool dest_is_safe(const char *root, const char *dest, Report *r) {
    char rootp[PATH_MAX], parent[PATH_MAX];
    if (!realpath(root, rootp)) {
        diag(r, root, 0, "cannot open: %s", strerror(errno));
        return false;
    }
    // dest may not exist yet: resolve its nearest existing ancestor.
    char *d = xstrdup(dest), *rest = NULL;
    while (!realpath(d, parent)) {
        char *slash = strrchr(d, '/');
        if (!slash) {
            if (!getcwd(parent, sizeof parent)) parent[0] = '\0';
            rest = xstrdup(d);
            break;
        }
        *slash = '\0';
    }
    char *full = rest ? format("%s/%s", parent, rest)
                      : format("%s%s", parent, dest + strlen(d));
    free(rest);
    free(d);
    size_t k = strlen(rootp);
    bool inside = strncmp(full, rootp, k) == 0 && (full[k] == '\0' || full[k] == '/');
    bool ok = true;
    if (inside && (full[k] == '\0' || !left_out(full + k + 1))) {
        diag(r, dest, 0, "is inside the project; write the release to dist/, build/ or "
                         "a folder elsewhere");
        ok = false;
    }
    free(full);
    return ok;
}

// May the release go to dest? It must be empty or missing, or, with
// --force, hold an earlier release (*ours).
static bool dest_may_be_replaced(const char *dest, bool force, bool *ours, Report *r) {
    char *stamp = format("%s/%s", dest, RELEASE_STAMP);
    *ours = access(stamp, F_OK) == 0;
    free(stamp);
    if (empty_or_missing(dest)) return true;
    if (!force) {
        diag(r, dest, 0, "is not empty: refusing to write over it (a student's work may "
                         "be there). To replace an earlier release, use --force (make "
                         "student FORCE=1)");
        return false;
    }
    if (!*ours) {
        diag(r, dest, 0, "is not empty and was not made by this tool (no %s): refusing "
                         "to replace it, even with --force", RELEASE_STAMP);
        return false;
    }
    return true;
}

// A new folder beside dest (on its file system, so that it can be renamed
// to dest), made with mkdtemp: the release is written there first. NULL,
// with a diagnostic, if it cannot be made.
static char *make_folder_beside(const char *dest, Report *r) {
    char *d = xstrdup(dest);
    size_t n = strlen(d);
    while (n > 1 && d[n - 1] == '/') d[--n] = '\0';
    char *slash = strrchr(d, '/');
    if (slash && slash != d) {
        *slash = '\0';
        make_dirs(d);
        *slash = '/';
    }
    char *dir = format("%s.partial-XXXXXX", d);
    free(d);
    if (!mkdtemp(dir)) {
        diag(r, dest, 0, "cannot make a folder beside it to write the release in: %s",
             strerror(errno));
        free(dir);
        return NULL;
    }
    chmod(dir, 0755);
    return dir;
}

static void write_files(const char *dir, const File *files, size_t n, Report *r) {
    for (size_t i = 0; i < n; i++) {
        char *out = format("%s/%s", dir, files[i].rel);
        if (write_file(out, files[i].data, files[i].size, files[i].mode) != 0)
            diag(r, files[i].rel, 0, "cannot write: %s", strerror(errno));
        free(out);
    }
    const char note[] = "This folder is a student release of Strides, written by `make "
                        "student`.\n`make student FORCE=1` in the instructor's copy "
                        "replaces it, and everything in it.\n";
    char *stamp = format("%s/%s", dir, RELEASE_STAMP);
    if (write_file(stamp, note, sizeof note - 1, 0644) != 0)
        diag(r, RELEASE_STAMP, 0, "cannot write: %s", strerror(errno));
    free(stamp);
}

// The chapters show the stubs now, not the solutions.
static void reweave(const char *dir, Report *r) {
    Report lr = {0};
    if (lit_weave(dir, &lr) != 0) diag(r, dir, 0, "re-weaving the chapters failed:\n%s", lr.err);
    report_free(&lr);
}

// The finished release becomes dest, replacing an earlier one (replace)
// or an empty folder.
static void put_in_place(const char *dir, const char *dest, bool replace, Report *r) {
    struct stat st;
    if (lstat(dest, &st) == 0) {
        int rc = replace ? remove_tree(dest) : rmdir(dest);
        if (rc != 0) {
            diag(r, dest, 0, "cannot remove the earlier %s: %s", replace ? "release" : "folder",
                 strerror(errno));
            return;
        }
    }
    if (rename(dir, dest) != 0) diag(r, dest, 0, "cannot rename %s to it: %s", dir, strerror(errno));
}

static void say_untracked(const Paths *untracked, Report *r) {
    if (untracked->n == 0) return;
    say(r, "release: not shipped, as git does not track them (git add them to ship them):");
    for (size_t i = 0; i < untracked->n && i < 10; i++) say(r, " %s", untracked->path[i]);
    if (untracked->n > 10) say(r, " and %zu more", untracked->n - 10);
    say(r, "\n");
}

int release_make(const char *root, const char *dest, bool force, Report *r) {
    bool ours;
    if (!dest_is_safe(root, dest, r) || !dest_may_be_replaced(dest, force, &ours, r)) return 1;
    // Everything in memory first: nothing is written if any file is wrong.
    size_t before = r->ndiag;
    LineSet secrets = {0}, public_lines = {0};
    File *files = NULL;
    size_t nfiles = 0;
    Paths untracked = {0};
    char *dir = NULL;
    if (read_project(root, &secrets, &public_lines, &files, &nfiles, &untracked, r) == 0)
        dir = make_folder_beside(dest, r);
    if (dir) {
        write_files(dir, files, nfiles, r);
        if (r->ndiag == before) reweave(dir, r);
        if (r->ndiag == before) {
            set_seal(&secrets);
            set_seal(&public_lines);
            keep_only_secrets(&secrets, &public_lines);
            find_leaks(&secrets, dir, r);
        }
        if (r->ndiag == before) put_in_place(dir, dest, force && ours, r);
        if (r->ndiag > before) remove_tree(dir);  // made above, by mkdtemp: nothing else
        free(dir);
    }
    if (r->ndiag == before) {
        say(r, "release: %s written (%zu files; %zu checked lines of solutions, none in it)\n",
            dest, nfiles, secrets.n);
        say_untracked(&untracked, r);
    }
    set_free(&secrets);
    set_free(&public_lines);
    files_free(files, nfiles);
    paths_free(&untracked);
    return r->ndiag > before ? 1 : 0;
}
