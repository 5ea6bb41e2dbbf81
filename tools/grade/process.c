// Running one test program, in a process of its own.
//
// cmocka 1.1.5 survives a segfault inside a test but not abort(), a stack
// overflow or an endless loop: any of those ends the whole binary. So each
// graded test runs in a process of its own (the binary, with STRIDES_TEST
// naming the one test), in a session and process group of its own, with a
// time limit after which the group is killed. Its stdout and stderr go to
// a file, which becomes the test's output, for judge.c to read; a probe
// program's observations go to a second file, on descriptor 3.
//
// The program is untrusted (docs/instructors.md, "What the grader trusts"):
//   - limits: CPU time, file size, core dumps, and, through ASAN_OPTIONS
//     (which the environment sets over any __asan_default_options in the
//     program), the largest allocation and the resident memory;
//   - it inherits no descriptor of the grader's but its three and the
//     observation file (another test's files stay out of its reach);
//   - as root, it runs as an unprivileged user (isolate.c), in an empty
//     folder of its own, with a limit on that user's processes;
//   - whatever it starts is killed when it ends (isolate.c: the grader is
//     the subreaper of everything below it).
#define _GNU_SOURCE
#include "grade_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../common/strbuf.h"
#include "../common/xalloc.h"

enum {
    MAX_MEMORY_MB = 2048,   // resident memory, and the largest single allocation
    OBSERVATION_FD = 3,
};

double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

// An unlinked temporary file: the open descriptor keeps it, close-on-exec
// in the grader (the child gets it by dup2 only).
static int temp_file(void) {
    char path[64];
    snprintf(path, sizeof path, "/tmp/strides-grade-XXXXXX");
    int fd = mkostemp(path, O_CLOEXEC);
    if (fd >= 0) unlink(path);
    return fd;
}

static void set_limit(int resource, rlim_t value) {
    struct rlimit r = {value, value};
    setrlimit(resource, &r);
}

// The sanitizers' settings: ours, whatever the program or the caller's
// environment would like.
static void set_sanitizer_options(bool leaks) {
    char *asan = format("allocator_may_return_null=1:detect_leaks=%d:max_allocation_size_mb=%d:"
                        "hard_rss_limit_mb=%d:abort_on_error=0:disable_coredump=1",
                        leaks ? 1 : 0, MAX_MEMORY_MB, MAX_MEMORY_MB);
    setenv("ASAN_OPTIONS", asan, 1);
    free(asan);
    setenv("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1", 1);
    setenv("LSAN_OPTIONS", "", 1);
}

// In the child, before exec: everything that makes it the grader's
// prisoner rather than its peer. Returns only on success.
static void become_test(const Proc *p, const char *filter, bool leaks) {
    setsid();  // a session and process group of its own
    dup2(p->fd, STDOUT_FILENO);
    dup2(p->fd, STDERR_FILENO);
    int null = open("/dev/null", O_RDONLY);
    if (null >= 0) dup2(null, STDIN_FILENO);
    if (p->obs_fd >= 0) dup2(p->obs_fd, OBSERVATION_FD);
    close_range(p->obs_fd >= 0 ? OBSERVATION_FD + 1 : STDERR_FILENO + 1, ~0U, 0);
    // Runaway output ends the test instead of filling the disk.
    set_limit(RLIMIT_FSIZE, MAX_LIBRARY_OUTPUT);
    set_limit(RLIMIT_CORE, 0);
    set_limit(RLIMIT_CPU, (rlim_t)p->limit + 2);
    // A clean environment: nothing of the grader's (its paths, the
    // autograder's root) for the program to read.
    clearenv();
    setenv("PATH", "/usr/local/bin:/usr/bin:/bin", 1);
    setenv("LANG", "C.UTF-8", 1);
    if (filter) setenv("STRIDES_TEST", filter, 1);
    if (p->obs_fd >= 0) setenv("STRIDES_PROBE_FD", "3", 1);
    set_sanitizer_options(leaks);
    if (isolate_drop_privileges() != 0) {
        fprintf(stderr, "grade: cannot run the test as an unprivileged user: %s\n",
                strerror(errno));
        _exit(126);
    }
}

int spawn(Proc *p, char *const argv[], const char *filter, double limit, bool leaks,
          bool probe) {
    memset(p, 0, sizeof *p);
    p->obs_fd = -1;
    p->fd = temp_file();
    if (p->fd < 0) return -1;
    if (probe && (p->obs_fd = temp_file()) < 0) {
        close(p->fd);
        return -1;
    }
    fflush(NULL);
    p->limit = limit;
    p->start = now();
    p->deadline = p->start + limit;
    p->pid = fork();
    if (p->pid < 0) {
        close(p->fd);
        if (p->obs_fd >= 0) close(p->obs_fd);
        return -1;
    }
    if (p->pid == 0) {
        become_test(p, filter, leaks);
        execv(argv[0], argv);
        fprintf(stderr, "grade: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    setpgid(p->pid, p->pid);
    return 0;
}

// Poll: true once the process has ended (killed at its deadline). Either
// way, everything it started is killed and reaped before this returns.
bool finished(Proc *p) {
    int status;
    pid_t r = waitpid(p->pid, &status, WNOHANG);
    if (r == p->pid) {
        p->status = status;
    } else if (r < 0 && errno != EINTR) {
        p->status = 0;
    } else if (now() > p->deadline) {
        p->timed_out = true;
        kill(-p->pid, SIGKILL);
        kill(p->pid, SIGKILL);
        waitpid(p->pid, &p->status, 0);
    } else {
        return false;
    }
    kill(-p->pid, SIGKILL);  // anything it left running in its group
    return true;
}

// Up to `max` bytes of an unlinked file, NUL bytes made blanks.
static char *read_back(int fd, size_t max, bool *cut) {
    off_t size = lseek(fd, 0, SEEK_END);
    size_t n = size > 0 ? (size_t)size : 0;
    *cut = n > max;
    if (*cut) n = max;
    char *s = xrealloc(NULL, n + 64);
    ssize_t got = pread(fd, s, n, 0);
    n = got > 0 ? (size_t)got : 0;
    s[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\0') s[i] = ' ';
    close(fd);
    return s;
}

// The output of a finished process: at most `max` bytes of it.
char *collect(Proc *p, size_t max) {
    bool cut;
    char *s = read_back(p->fd, max, &cut);
    if (cut) strcat(s, "\n[... output cut ...]\n");
    return s;
}

// Its observations (probe mode): at most MAX_OBSERVATIONS bytes; more is
// an error the checker will see (a cut line does not match).
char *collect_observations(Proc *p) {
    if (p->obs_fd < 0) return xstrdup("");
    bool cut;
    char *s = read_back(p->obs_fd, MAX_OBSERVATIONS, &cut);
    p->obs_fd = -1;
    return s;
}

int grade_run_one(char *const argv[], const char *filter, double limit, bool leaks,
                  GradeRun *run) {
    Proc p;
    if (spawn(&p, argv, filter, limit, leaks, false) != 0) return -1;
    while (!finished(&p)) {
        struct timespec ts = {0, 2000000};
        nanosleep(&ts, NULL);
    }
    isolate_sweep(NULL, 0);
    run->status = p.status;
    run->timed_out = p.timed_out;
    run->limit = limit;
    run->output = collect(&p, MAX_OUTPUT);
    return 0;
}
