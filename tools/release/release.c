// release: write the student edition of the project (see release.h).
//
// One pass reads every file of the project into memory and transforms it:
// code files of src/ and chapters/ get their solutions replaced by stubs,
// every text file loses its instructor-only blocks, and instructor-only
// files are left out. Only when all of that succeeded is anything
// written; then the chapters are re-woven from the stubbed sources (so a
// student's chapter shows the stub, never the solution) and the result is
// searched for solution lines that should not be there.
#define _XOPEN_SOURCE 700
#include "release_internal.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/strbuf.h"
#include "../common/xalloc.h"
#include "../lit/lit.h"

static const char RELEASE_STAMP[] = ".strides-release";

void diag(ReleaseReport *r, const char *file, int line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(fmt, ap);
    va_end(ap);
    char *s = line > 0 ? format("%s:%d: %s\n", file, line, msg) : format("%s: %s\n", file, msg);
    str_append(&r->err, &r->errlen, &r->errcap, s, strlen(s));
    r->nerr++;
    free(s);
    free(msg);
}

void say(ReleaseReport *r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    str_vappendf(&r->out, &r->outlen, &r->outcap, fmt, ap);
    va_end(ap);
}

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
static bool dest_is_safe(const char *root, const char *dest, ReleaseReport *r) {
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

int release_make(const char *root, const char *dest, bool force, ReleaseReport *r) {
    if (!dest_is_safe(root, dest, r)) return 1;
    char *stamp = format("%s/%s", dest, RELEASE_STAMP);
    bool ours = access(stamp, F_OK) == 0;
    if (!empty_or_missing(dest)) {
        if (!force) {
            diag(r, dest, 0, "is not empty: refusing to write over it (a student's work may "
                             "be there). To replace an earlier release, use --force (make "
                             "student FORCE=1)");
        } else if (!ours) {
            diag(r, dest, 0, "is not empty and was not made by this tool (no %s): refusing "
                             "to replace it, even with --force", RELEASE_STAMP);
        }
        if (r->nerr) {
            free(stamp);
            return 1;
        }
    }

    // Everything in memory first: nothing is written if any file is wrong.
    LineSet secrets = {0}, public_lines = {0};
    File *files = NULL;
    size_t nfiles = 0;
    if (read_project(root, &secrets, &public_lines, &files, &nfiles, r) > 0) {
        set_free(&secrets);
        set_free(&public_lines);
        files_free(files, nfiles);
        free(stamp);
        return 1;
    }
    if (force && ours && remove_tree(dest) != 0) {
        diag(r, dest, 0, "cannot remove the earlier release: %s", strerror(errno));
    }
    for (size_t i = 0; i < nfiles && !r->nerr; i++) {
        char *out = format("%s/%s", dest, files[i].rel);
        if (write_file(out, files[i].data, files[i].size, files[i].mode) != 0)
            diag(r, out, 0, "cannot write: %s", strerror(errno));
        free(out);
    }
    if (!r->nerr) {
        const char note[] = "This folder is a student release of Strides, written by `make "
                            "student`.\n`make student FORCE=1` in the instructor's copy "
                            "replaces it, and everything in it.\n";
        if (write_file(stamp, note, sizeof note - 1, 0644) != 0)
            diag(r, stamp, 0, "cannot write: %s", strerror(errno));
    }
    // The chapters show the stubs now, not the solutions.
    if (!r->nerr) {
        LitReport lr = {0};
        if (lit_weave(dest, &lr) != 0) {
            diag(r, dest, 0, "re-weaving the chapters failed:\n%s", lr.err);
        }
        lit_report_free(&lr);
    }
    if (!r->nerr) {
        set_seal(&secrets);
        set_seal(&public_lines);
        keep_only_secrets(&secrets, &public_lines);
        find_leaks(&secrets, dest, r);
    }
    if (!r->nerr)
        say(r, "release: %s written (%zu files; %zu checked lines of solutions, none in it)\n",
            dest, nfiles, secrets.n);
    set_free(&secrets);
    set_free(&public_lines);
    files_free(files, nfiles);
    free(stamp);
    return r->nerr ? 1 : 0;
}

void release_report_free(ReleaseReport *r) {
    free(r->err);
    free(r->out);
    memset(r, 0, sizeof *r);
}
