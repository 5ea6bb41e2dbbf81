// Which files ship: those git tracks, and those a list names.
//
// A release made of whatever lay in the folder once shipped a merge's
// exercises.c.orig (the solutions) and a hidden.bak/ copy of the hidden
// tests. Now a file ships only if git tracks it (git ls-files: committed,
// or added to the index), or if the list .release-files at the root names
// it: files meant to ship though git does not track them, or, where the
// root is not the top of a git work tree (the copies tools/snapshot
// makes), every file. With neither git nor a list, the release refuses.
#define _XOPEN_SOURCE 700
#include "release_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../common/strbuf.h"
#include "../common/xalloc.h"

static const char LIST[] = ".release-files";

// In the child: git with these arguments, run in root, its output to fd.
static void exec_git(const char *root, const char *const args[], int fd) {
    dup2(fd, STDOUT_FILENO);
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, STDERR_FILENO);
    // The root's own repository, whatever the caller's environment says.
    unsetenv("GIT_DIR");
    unsetenv("GIT_WORK_TREE");
    unsetenv("GIT_INDEX_FILE");
    if (chdir(root) != 0) _exit(127);
    char *argv[8] = {"git"};
    for (int i = 0; args[i] && i < 6; i++) argv[i + 1] = (char *)args[i];
    execvp("git", argv);
    _exit(127);
}

// The standard output of git run in root with these arguments (NULL
// ended), and its length in *len; NULL if git is missing or failed.
static char *git_output(const char *root, const char *const args[], size_t *len) {
    int fd[2];
    if (pipe(fd) != 0) return NULL;
    pid_t pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        return NULL;
    }
    if (pid == 0) {
        close(fd[0]);
        exec_git(root, args, fd[1]);
    }
    close(fd[1]);
    StrBuf b = {0};
    char chunk[65536];
    ssize_t got;
    while ((got = read(fd[0], chunk, sizeof chunk)) != 0) {
        if (got > 0) strbuf_put(&b, chunk, (size_t)got);
        else if (errno != EINTR) break;
    }
    close(fd[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        free(b.s);
        return NULL;
    }
    *len = b.len;
    return strbuf_take(&b);
}

// Is root the top folder of a git work tree (not just inside one, as a
// snapshot under build/ is)?
static bool git_top_level(const char *root) {
    const char *const args[] = {"rev-parse", "--show-toplevel", NULL};
    size_t len;
    char *top = git_output(root, args, &len);
    if (!top) return false;
    while (len > 0 && (top[len - 1] == '\n' || top[len - 1] == '\r')) top[--len] = '\0';
    char a[PATH_MAX], b[PATH_MAX];
    bool same = realpath(top, a) && realpath(root, b) && strcmp(a, b) == 0;
    free(top);
    return same;
}

// Add the paths git lists (ls-files -z and these options). False if git failed.
static bool add_git_files(const char *root, const char *option, Paths *out) {
    const char *const args[] = {"ls-files", "-z", option, option ? "--exclude-standard" : NULL,
                                NULL};
    size_t len;
    char *names = git_output(root, args, &len);
    if (!names) return false;
    for (size_t i = 0; i < len;) {
        size_t k = strlen(names + i);
        if (k > 0) paths_add(out, names + i);
        i += k + 1;
    }
    free(names);
    return true;
}

// A relative path that stays inside the root: no "/" first, no empty, "."
// or ".." part.
static bool is_inside_path(const char *rel) {
    if (rel[0] == '\0' || rel[0] == '/') return false;
    for (const char *p = rel; *p;) {
        const char *slash = strchr(p, '/');
        size_t k = slash ? (size_t)(slash - p) : strlen(p);
        if (k == 0 || (k == 1 && p[0] == '.') || (k == 2 && p[0] == '.' && p[1] == '.'))
            return false;
        p += k + (slash ? 1 : 0);
        if (slash && *p == '\0') return false;  // a trailing "/"
    }
    return true;
}

// Check one line of the list and add its path. False if it is wrong.
static bool add_listed(const char *root, const char *rel, int line, Paths *out,
                       Report *r) {
    if (!is_inside_path(rel)) {
        diag(r, LIST, line, "%s is not a path inside the project", rel);
        return false;
    }
    char *full = format("%s/%s", root, rel);
    struct stat st;
    bool there = lstat(full, &st) == 0, file = there && S_ISREG(st.st_mode);
    free(full);
    if (!file) {
        diag(r, LIST, line, there ? "%s is listed but is not a regular file"
                                  : "%s is listed but missing", rel);
        return false;
    }
    paths_add(out, rel);
    return true;
}

// The paths the list names, one a line (blank lines and "#" comments are
// skipped). *found says whether there is a list. False if it is wrong.
static bool read_list(const char *root, Paths *out, bool *found, Report *r) {
    char *data;
    size_t n;
    Line *lines = read_lines(root, LIST, &data, &n);
    *found = data != NULL;
    if (!data) return true;
    bool ok = true;
    for (size_t k = 0; k < n; k++) {
        const char *p = lines[k].p;
        size_t len = lines[k].len;
        trim_blanks(&p, &len);
        if (len == 0 || p[0] == '#') continue;
        char *rel = xstrndup(p, len);
        ok = add_listed(root, rel, (int)k + 1, out, r) && ok;
        free(rel);
    }
    free(lines);
    free(data);
    return ok;
}

// Keep the regular files that the release does not leave out.
static void keep_shippable(const char *root, const Paths *all, Paths *out) {
    for (size_t i = 0; i < all->n; i++) {
        if (left_out(all->path[i])) continue;
        char *full = format("%s/%s", root, all->path[i]);
        struct stat st;
        // A tracked file deleted from the work tree, or a symbolic link,
        // doesn't ship.
        if (lstat(full, &st) == 0 && S_ISREG(st.st_mode)) paths_add(out, all->path[i]);
        free(full);
    }
    paths_sort(out);
}

static bool has_path(const Paths *p, const char *path) {
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->path[i], path) == 0) return true;
    return false;
}

// The files git does not track that the release would otherwise have had.
static void find_untracked(const char *root, const Paths *shipped, Paths *untracked) {
    Paths others = {0};
    if (add_git_files(root, "--others", &others)) {
        for (size_t i = 0; i < others.n; i++)
            if (!left_out(others.path[i]) && !has_path(shipped, others.path[i]))
                paths_add(untracked, others.path[i]);
    }
    paths_free(&others);
    paths_sort(untracked);
}

bool shipped_files(const char *root, Paths *out, Paths *untracked, Report *r) {
    Paths found = {0};
    bool listed;
    bool ok = read_list(root, &found, &listed, r);
    bool git = git_top_level(root);
    if (git) {
        if (!add_git_files(root, NULL, &found)) {
            diag(r, root, 0, "git ls-files failed: cannot tell which files git tracks");
            ok = false;
        }
    } else if (!listed) {
        diag(r, root, 0, "is not the top of a git work tree (or git is missing), and has no "
             "%s list: the release ships only the files git tracks, so that untracked files "
             "(a merge's exercises.c.orig, a hidden.bak/ copy) never ship. Make it from the "
             "instructor's clone, or name the files to ship in %s (docs/instructors.md)",
             LIST, LIST);
        ok = false;
    }
    keep_shippable(root, &found, out);
    paths_free(&found);
    if (ok && untracked && git) find_untracked(root, out, untracked);
    return ok;
}
