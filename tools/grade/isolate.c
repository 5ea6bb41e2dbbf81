// Isolation: what keeps a test program from outliving its test, or from
// touching what it must not (docs/instructors.md, "What the grader trusts").
//
//   everywhere   the grader is a child subreaper (PR_SET_CHILD_SUBREAPER):
//                whatever a test starts, however it detaches (setsid, a
//                double fork), stays below the grader, which kills it
//                when its test ends and kills and reaps every one of them
//                before it writes any result. Tests run in an empty folder
//                of their own.
//   as root      tests run as an unprivileged user (`strides-student` if
//                it exists, else `nobody`), with a limit on that user's
//                processes; the grader's files are the caller's to protect
//                (run_autograder, `grade --protect`); after the last test,
//                every process of that user is killed.
//   not root     (a student's laptop) tests run as the student, who could
//                read and write anything the grader can: the verdict is
//                still the grader's, but the isolation is only from
//                accidents. The process limit counts all the user's
//                processes, so it is set above what is running already.
#define _GNU_SOURCE
#include "grade_internal.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../common/xalloc.h"

enum { MAX_TEST_PROCESSES = 256 };

static struct {
    bool dropping;        // root: tests run as `uid`
    uid_t uid;
    gid_t gid;
    char user[64];
    char workdir[64];     // the tests' empty folder (mkdtemp), "" if none
    rlim_t nproc;         // the process limit for the test's user
} iso;

// Processes of `uid` now running (for a process limit above them).
static long processes_of(uid_t uid) {
    DIR *d = opendir("/proc");
    long n = 0;
    for (struct dirent *e; d && (e = readdir(d));) {
        char path[300];
        struct stat st;
        snprintf(path, sizeof path, "/proc/%s", e->d_name);
        if (e->d_name[0] >= '1' && e->d_name[0] <= '9' && stat(path, &st) == 0 && st.st_uid == uid)
            n++;
    }
    if (d) closedir(d);
    return n;
}

static bool find_user(const char *name) {
    struct passwd *pw = getpwnam(name);
    if (!pw || pw->pw_uid == 0) return false;
    iso.uid = pw->pw_uid;
    iso.gid = pw->pw_gid;
    snprintf(iso.user, sizeof iso.user, "%s", name);
    return true;
}

// As root: what the tests' user must not read or write (hidden tests,
// expected transcripts, results, the grader) becomes the owner's alone.
static int protect(char *const *paths, size_t n, char **note) {
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) continue;  // not there: nothing to protect
        if (chmod(paths[i], st.st_mode & 07700) != 0) {
            *note = format("grade: cannot protect %s: %s\n", paths[i], strerror(errno));
            return -1;
        }
    }
    return 0;
}

int isolate_init(const char *user, bool trusted, char *const *protected, size_t nprotected,
                 char **note) {
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    // Not dumpable: a test running as the same user cannot ptrace the
    // grader or read its memory through /proc.
    prctl(PR_SET_DUMPABLE, 0);
    iso.dropping = geteuid() == 0 && !trusted;
    if (iso.dropping && !(user ? find_user(user) : find_user("strides-student") || find_user("nobody"))) {
        *note = format("grade: no unprivileged user %s to run the tests as\n", user ? user : "nobody");
        return -1;
    }
    snprintf(iso.workdir, sizeof iso.workdir, "/tmp/strides-test-XXXXXX");
    if (!mkdtemp(iso.workdir)) {
        *note = format("grade: cannot make a folder for the tests: %s\n", strerror(errno));
        iso.workdir[0] = '\0';
        return -1;
    }
    if (iso.dropping) {
        if (chown(iso.workdir, iso.uid, iso.gid) != 0) {
            *note = format("grade: cannot give %s to %s: %s\n", iso.workdir, iso.user,
                           strerror(errno));
            return -1;
        }
        if (protect(protected, nprotected, note) != 0) return -1;
        iso.nproc = MAX_TEST_PROCESSES;
        *note = format("isolation: root: each test runs as the user %s in an empty folder, with "
                       "limits on time, memory, output and processes; whatever it starts is "
                       "killed; %zu protected path%s it cannot read\n", iso.user, nprotected,
                       nprotected == 1 ? "" : "s");
    } else if (trusted) {
        iso.nproc = (rlim_t)(processes_of(getuid()) + MAX_TEST_PROCESSES);
        *note = xstrdup("isolation: the instructor's own programs (trusted): they run as you, "
                        "with limits on time, memory, output and processes, and whatever they "
                        "start is killed\n");
    } else {
        iso.nproc = (rlim_t)(processes_of(getuid()) + MAX_TEST_PROCESSES);
        *note = xstrdup("isolation: not root: tests run as you, with limits on time, memory, "
                        "output and processes, and whatever they start is killed; they could "
                        "still read or change your files (as root, e.g. on Gradescope, they "
                        "run as an unprivileged user)\n");
    }
    return 0;
}

bool isolate_can_run(const char *path) {
    if (!iso.dropping) return access(path, X_OK) == 0;
    // The test starts it by its absolute path, from its own folder: a
    // relative path would not ask for the folders above this one.
    char *absolute = realpath(path, NULL);
    if (absolute == NULL) return false;
    // Ask as that user: a child that drops to it and tries.
    pid_t pid = fork();
    if (pid < 0) {
        free(absolute);
        return false;
    }
    if (pid == 0) {
        bool dropped = setgroups(0, NULL) == 0 && setgid(iso.gid) == 0 && setuid(iso.uid) == 0;
        _exit(dropped && access(absolute, X_OK) == 0 ? 0 : 1);
    }
    free(absolute);
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return false;
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int isolate_drop_privileges(void) {
    if (iso.workdir[0] && chdir(iso.workdir) != 0) return -1;
    if (iso.workdir[0]) setenv("HOME", iso.workdir, 1), setenv("TMPDIR", iso.workdir, 1);
    struct rlimit r = {iso.nproc, iso.nproc};
    if (iso.nproc) setrlimit(RLIMIT_NPROC, &r);
    if (!iso.dropping) return 0;
    if (setgroups(0, NULL) != 0 || setgid(iso.gid) != 0 || setuid(iso.uid) != 0) return -1;
    return setuid(0) == 0 ? -1 : 0;  // no way back
}

// ---- sweeping -----------------------------------------------------------------------

typedef struct {
    pid_t pid, ppid, pgrp;
    char state;
} ProcInfo;

static size_t read_processes(ProcInfo **out) {
    DIR *d = opendir("/proc");
    ProcInfo *list = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; d && (e = readdir(d));) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9') continue;
        char path[300], buf[512];
        snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
        FILE *f = fopen(path, "r");
        size_t got = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
        if (f) fclose(f);
        buf[got] = '\0';
        char *paren = strrchr(buf, ')');
        ProcInfo p = {.pid = (pid_t)atol(e->d_name)};
        int ppid, pgrp;
        if (!paren || sscanf(paren + 1, " %c %d %d", &p.state, &ppid, &pgrp) != 3) continue;
        p.ppid = ppid, p.pgrp = pgrp;
        GROW(list, n, cap);
        list[n++] = p;
    }
    if (d) closedir(d);
    *out = list;
    return n;
}

static bool descends_from_me(const ProcInfo *all, size_t n, pid_t pid) {
    pid_t me = getpid();
    for (int depth = 0; depth < 4096 && pid > 1; depth++) {
        pid_t parent = 0;
        for (size_t i = 0; i < n; i++)
            if (all[i].pid == pid) parent = all[i].ppid;
        if (parent == me) return true;
        pid = parent;
    }
    return false;
}

static bool kept(pid_t pgrp, const pid_t *keep, size_t nkeep) {
    for (size_t i = 0; i < nkeep; i++)
        if (keep[i] == pgrp) return true;
    return false;
}

// One pass: kill every descendant outside the kept process groups, reap
// our own children among them. Returns how many there were.
static size_t sweep_once(const pid_t *keep, size_t nkeep) {
    ProcInfo *all;
    size_t n = read_processes(&all), found = 0;
    for (size_t i = 0; i < n; i++) {
        if (kept(all[i].pgrp, keep, nkeep) || kept(all[i].pid, keep, nkeep)) continue;
        if (!descends_from_me(all, n, all[i].pid)) continue;
        found++;
        kill(all[i].pid, SIGKILL);
        if (all[i].ppid == getpid()) waitpid(all[i].pid, NULL, WNOHANG);
    }
    free(all);
    return found;
}

void isolate_sweep(const pid_t *keep, size_t nkeep) {
    for (int round = 0; round < 500 && sweep_once(keep, nkeep) > 0; round++) {
        struct timespec ts = {0, 2000000};
        nanosleep(&ts, NULL);
    }
}

// As the tests' user, kill every process of that user (root only; no
// test may be running).
static void kill_the_users_processes(void) {
    pid_t pid = fork();
    if (pid == 0) {
        if (setgid(iso.gid) == 0 && setuid(iso.uid) == 0) kill(-1, SIGKILL);
        _exit(0);
    }
    if (pid > 0) waitpid(pid, NULL, 0);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void)st, (void)flag, (void)ftw;
    return remove(path) == 0 ? 0 : 0;
}

void isolate_finish(void) {
    isolate_sweep(NULL, 0);
    if (iso.dropping) {
        kill_the_users_processes();
        isolate_sweep(NULL, 0);
    }
    // The folder is ours (mkdtemp above): check before removing anything.
    if (strncmp(iso.workdir, "/tmp/strides-test-", 18) == 0 && strlen(iso.workdir) == 24)
        nftw(iso.workdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    iso.workdir[0] = '\0';
}
