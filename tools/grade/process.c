// Running one test program, in a process of its own.
//
// cmocka 1.1.5 survives a segfault inside a test but not abort(), a stack
// overflow or an endless loop: any of those ends the whole binary. So each
// graded test runs in a process of its own (the binary, with STRIDES_TEST
// naming the one test), in its own process group, with a time limit after
// which the group is killed. Its stdout and stderr go to a file, which
// becomes the test's output, for judge.c to read.
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../common/strbuf.h"
#include "../common/xalloc.h"

double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int spawn(Proc *p, char *const argv[], const char *filter, double limit, bool leaks) {
    memset(p, 0, sizeof *p);
    snprintf(p->path, sizeof p->path, "/tmp/strides-grade-XXXXXX");
    p->fd = mkstemp(p->path);
    if (p->fd < 0) return -1;
    unlink(p->path);  // the open descriptor keeps it; nothing to clean up
    fflush(NULL);
    p->limit = limit;
    p->start = now();
    p->deadline = p->start + limit;
    p->pid = fork();
    if (p->pid < 0) {
        close(p->fd);
        return -1;
    }
    if (p->pid == 0) {
        setpgid(0, 0);
        dup2(p->fd, STDOUT_FILENO);
        dup2(p->fd, STDERR_FILENO);
        int null = open("/dev/null", O_RDONLY);
        if (null >= 0) dup2(null, STDIN_FILENO);
        // Runaway output ends the test instead of filling the disk.
        struct rlimit fsize = {MAX_LIBRARY_OUTPUT, MAX_LIBRARY_OUTPUT};
        setrlimit(RLIMIT_FSIZE, &fsize);
        if (filter) setenv("STRIDES_TEST", filter, 1);
        else unsetenv("STRIDES_TEST");
        unsetenv("CMOCKA_MESSAGE_OUTPUT");  // the plain format is what we read
        if (!leaks) {
            const char *old = getenv("ASAN_OPTIONS");
            char *opts = format("%s%sdetect_leaks=0", old ? old : "", old && *old ? ":" : "");
            setenv("ASAN_OPTIONS", opts, 1);
        }
        execv(argv[0], argv);
        fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    setpgid(p->pid, p->pid);
    return 0;
}

// Poll: true once the process has ended (killed at its deadline).
bool finished(Proc *p) {
    int status;
    pid_t r = waitpid(p->pid, &status, WNOHANG);
    if (r == p->pid) {
        p->status = status;
        kill(-p->pid, SIGKILL);  // anything it left running in its group
        return true;
    }
    if (r < 0 && errno != EINTR) {
        p->status = 0;
        return true;
    }
    if (now() > p->deadline) {
        p->timed_out = true;
        kill(-p->pid, SIGKILL);
        kill(p->pid, SIGKILL);
        waitpid(p->pid, &p->status, 0);
        return true;
    }
    return false;
}

// The output of a finished process: at most `max` bytes of it.
char *collect(Proc *p, size_t max) {
    off_t size = lseek(p->fd, 0, SEEK_END);
    size_t n = size > 0 ? (size_t)size : 0;
    bool cut = n > max;
    if (cut) n = max;
    char *s = xrealloc(NULL, n + 64);
    ssize_t got = pread(p->fd, s, n, 0);
    n = got > 0 ? (size_t)got : 0;
    s[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\0') s[i] = ' ';
    if (cut) strcat(s, "\n[... output cut ...]\n");
    close(p->fd);
    return s;
}

int grade_run_one(char *const argv[], const char *filter, double limit, bool leaks,
                  GradeRun *run) {
    Proc p;
    if (spawn(&p, argv, filter, limit, leaks) != 0) return -1;
    while (!finished(&p)) {
        struct timespec ts = {0, 2000000};
        nanosleep(&ts, NULL);
    }
    run->status = p.status;
    run->timed_out = p.timed_out;
    run->limit = limit;
    run->output = collect(&p, MAX_OUTPUT);
    return 0;
}
