// grade: run the graded tests one per process, score them, report.
//
// cmocka 1.1.5 survives a segfault inside a test but not abort(), a stack
// overflow or an endless loop: any of those ends the whole binary. So each
// graded test runs in a process of its own (the binary, with STRIDES_TEST
// naming the one test), in its own process group, with a time limit after
// which the group is killed. Its stdout and stderr go to a file, which
// becomes the test's output. A test passes only if cmocka ran exactly
// that one test and said OK, the process exited 0, and no sanitizer spoke.
#define _XOPEN_SOURCE 700
#include "grade.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
    MAX_OUTPUT = 64 * 1024,          // kept of a graded test's output
    MAX_LIBRARY_OUTPUT = 8 << 20,    // of a library run (also the file size limit)
    SHOWN_OUTPUT = 16 * 1024,        // shown in results.json
};

// ---- memory and strings -----------------------------------------------------------

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("grade: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static char *xstrndup(const char *s, size_t n) {
    char *d = xrealloc(NULL, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

typedef struct {
    char *s;
    size_t len, cap;
} Buf;

static void put(Buf *b, const char *t, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t c = b->cap ? b->cap : 256;
        while (c < b->len + n + 1) c *= 2;
        b->s = xrealloc(b->s, c);
        b->cap = c;
    }
    memcpy(b->s + b->len, t, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void putf(Buf *b, const char *fmt, ...) {
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *s = xrealloc(NULL, (size_t)(n > 0 ? n : 0) + 1);
    vsnprintf(s, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    va_end(ap);
    put(b, s, strlen(s));
    free(s);
}

static char *take(Buf *b) {
    if (!b->s) put(b, "", 0);
    char *s = b->s;
    memset(b, 0, sizeof *b);
    return s;
}

static char *format(const char *fmt, ...) {
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *s = xrealloc(NULL, (size_t)(n > 0 ? n : 0) + 1);
    vsnprintf(s, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    va_end(ap);
    return s;
}

static bool line_starts(const char *line, const char *prefix) {
    return strncmp(line, prefix, strlen(prefix)) == 0;
}

// Split text into words separated by blanks; returns the count (<= max).
static int words(char *line, char **w, int max) {
    int n = 0;
    for (char *p = line; *p && n < max;) {
        while (*p == ' ' || *p == '\t') p++;
        if (!*p) break;
        w[n++] = p;
        while (*p && *p != ' ' && *p != '\t') p++;
        if (*p) *p++ = '\0';
    }
    return n;
}

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    Buf b = {0};
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) put(&b, chunk, got);
    fclose(f);
    return take(&b);
}

// ---- the rubric -----------------------------------------------------------------------
//
//   exercise  3.2  sliding_window: overlapping rows
//   test      3.2  2  visible  exercises/ex03  sliding_window_of_arange

static const char *const VISIBILITIES[] = {"visible", "hidden", "after_due_date",
                                           "after_published", NULL};

static bool valid_id(const char *s) {
    if (!*s) return false;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || *s == '.' || (*s >= 'a' && *s <= 'z') ||
              (*s >= 'A' && *s <= 'Z')))
            return false;
    return true;
}

int grade_rubric_parse(const char *path, const char *text, GradeRubric *rb, char **err) {
    memset(rb, 0, sizeof *rb);
    Buf e = {0};
    size_t excap = 0, testcap = 0;
    char *copy = xstrdup(text);
    int no = 0;
    for (char *line = copy, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        no++;
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char *w[8];
        char *rest = line;
        while (*rest == ' ' || *rest == '\t') rest++;
        if (strncmp(rest, "exercise", 8) == 0 && (rest[8] == ' ' || rest[8] == '\t')) {
            char *p = rest + 8;
            while (*p == ' ' || *p == '\t') p++;
            char *id = p;
            while (*p && *p != ' ' && *p != '\t') p++;
            if (*p) *p++ = '\0';
            while (*p == ' ' || *p == '\t') p++;
            size_t tl = strlen(p);
            while (tl > 0 && (p[tl - 1] == ' ' || p[tl - 1] == '\t' || p[tl - 1] == '\r')) tl--;
            if (!valid_id(id) || tl == 0) {
                putf(&e, "%s:%d: expected: exercise ID TITLE\n", path, no);
                continue;
            }
            for (size_t i = 0; i < rb->nex; i++)
                if (strcmp(rb->ex[i].id, id) == 0)
                    putf(&e, "%s:%d: exercise %s is declared twice\n", path, no, id);
            if (rb->nex == excap) rb->ex = xrealloc(rb->ex, (excap = excap ? 2 * excap : 16) * sizeof *rb->ex);
            rb->ex[rb->nex++] = (GradeExercise){xstrdup(id), xstrndup(p, tl)};
            continue;
        }
        for (char *c = line; *c; c++)
            if (*c == '\r') *c = ' ';
        int n = words(line, w, 8);
        if (n == 0) continue;
        if (strcmp(w[0], "test") != 0 || n != 6) {
            putf(&e, "%s:%d: expected 'exercise ID TITLE' or 'test EXERCISE POINTS "
                     "VISIBILITY BINARY NAME'\n", path, no);
            continue;
        }
        char *end;
        double points = strtod(w[2], &end);
        bool ok = true;
        if (*end || !(points >= 0) || !isfinite(points)) {
            putf(&e, "%s:%d: points must be a number >= 0, not '%s'\n", path, no, w[2]);
            ok = false;
        }
        bool vis = false;
        for (int i = 0; VISIBILITIES[i]; i++) vis |= strcmp(w[3], VISIBILITIES[i]) == 0;
        if (!vis) {
            putf(&e, "%s:%d: visibility must be visible, hidden, after_due_date or "
                     "after_published, not '%s'\n", path, no, w[3]);
            ok = false;
        }
        if (strstr(w[4], "..") || w[4][0] == '/') {
            putf(&e, "%s:%d: the binary must be a path under the test binaries: '%s'\n", path,
                 no, w[4]);
            ok = false;
        }
        bool declared = false;
        for (size_t i = 0; i < rb->nex; i++) declared |= strcmp(rb->ex[i].id, w[1]) == 0;
        if (!declared) {
            putf(&e, "%s:%d: exercise %s is not declared (an 'exercise %s TITLE' line must "
                     "come first)\n", path, no, w[1], w[1]);
            ok = false;
        }
        for (size_t i = 0; i < rb->ntest; i++) {
            if (strcmp(rb->test[i].binary, w[4]) == 0 && strcmp(rb->test[i].name, w[5]) == 0) {
                putf(&e, "%s:%d: %s %s is already graded at line %d\n", path, no, w[4], w[5],
                     rb->test[i].line);
                ok = false;
            }
        }
        if (!ok) continue;
        if (rb->ntest == testcap)
            rb->test = xrealloc(rb->test, (testcap = testcap ? 2 * testcap : 32) * sizeof *rb->test);
        rb->test[rb->ntest++] = (GradeTest){xstrdup(w[1]), points, xstrdup(w[3]),
                                            xstrdup(w[4]), xstrdup(w[5]), no};
    }
    free(copy);
    for (size_t i = 0; i < rb->nex; i++) {
        bool used = false;
        for (size_t k = 0; k < rb->ntest; k++) used |= strcmp(rb->test[k].exercise, rb->ex[i].id) == 0;
        if (!used) putf(&e, "%s: exercise %s has no tests\n", path, rb->ex[i].id);
    }
    *err = take(&e);
    return **err ? 1 : 0;
}

void grade_rubric_free(GradeRubric *rb) {
    for (size_t i = 0; i < rb->nex; i++) {
        free(rb->ex[i].id);
        free(rb->ex[i].title);
    }
    for (size_t i = 0; i < rb->ntest; i++) {
        free(rb->test[i].exercise);
        free(rb->test[i].visibility);
        free(rb->test[i].binary);
        free(rb->test[i].name);
    }
    free(rb->ex);
    free(rb->test);
    memset(rb, 0, sizeof *rb);
}

// ---- judging ------------------------------------------------------------------------------

char *grade_sanitizer_report(const char *output) {
    static const char *const marks[] = {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                                        "ERROR: UndefinedBehaviorSanitizer", "runtime error:",
                                        "WARNING: ThreadSanitizer", NULL};
    const char *first = NULL;
    for (int i = 0; marks[i]; i++) {
        const char *at = strstr(output, marks[i]);
        if (at && (!first || at < first)) first = at;
    }
    if (!first) return NULL;
    const char *start = first;
    while (start > output && start[-1] != '\n') start--;
    const char *end = strchr(first, '\n');
    size_t n = end ? (size_t)(end - start) : strlen(start);
    // LeakSanitizer's summary says how much leaked: more useful than its header.
    const char *summary = strstr(output, "SUMMARY: AddressSanitizer:");
    if (strstr(first, "LeakSanitizer") == first + 7 && summary) {
        const char *e2 = strchr(summary, '\n');
        return xstrndup(summary, e2 ? (size_t)(e2 - summary) : strlen(summary));
    }
    return xstrndup(start, n);
}

// Count lines starting with `prefix`; with `name`, only "prefix name".
static int count_lines(const char *text, const char *prefix, const char *name) {
    int n = 0;
    size_t k = strlen(prefix);
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len >= k && memcmp(line, prefix, k) == 0) {
            if (!name) n++;
            else {
                size_t nl = strlen(name);
                const char *rest = line + k;
                size_t rl = len - k;
                while (rl > 0 && rest[rl - 1] == '\r') rl--;
                if (rl == nl && memcmp(rest, name, nl) == 0) n++;
            }
        }
        line = end ? end + 1 : NULL;
    }
    return n;
}

bool grade_judge(const char *name, const GradeRun *run, char **why) {
    const char *out = run->output ? run->output : "";
    if (run->timed_out) {
        *why = format("timed out after %g s (an endless loop, or far too slow)", run->limit);
        return false;
    }
    char *report = grade_sanitizer_report(out);
    // A failed check comes first: a leak at exit after it is only its echo.
    if (report && count_lines(out, "[  FAILED  ] ", name) == 0) {
        *why = format("sanitizer report: %s", report);
        free(report);
        return false;
    }
    free(report);
    if (WIFSIGNALED(run->status)) {
        int sig = WTERMSIG(run->status);
        *why = format("crashed: killed by signal %d (%s)%s", sig, strsignal(sig),
                      sig == SIGABRT ? ": abort() was called, or an assert() failed"
                      : sig == SIGSEGV ? ": a bad pointer, or a stack overflow" : "");
        return false;
    }
    int ran = count_lines(out, "[ RUN      ] ", NULL);
    if (ran == 0) {
        *why = format("no test named '%s' ran: is the rubric right, or did the program "
                      "stop before it?", name);
        return false;
    }
    if (ran > 1) {
        *why = format("the name '%s' matched %d tests: test names must be unique in their "
                      "program", name, ran);
        return false;
    }
    bool ok = count_lines(out, "[       OK ] ", name) > 0;
    int code = WIFEXITED(run->status) ? WEXITSTATUS(run->status) : -1;
    if (ok && code == 0) {
        *why = xstrdup("passed");
        return true;
    }
    if (ok) {
        *why = format("the test passed, but the program then exited with status %d", code);
        return false;
    }
    if (count_lines(out, "[  FAILED  ] ", name) == 0 && count_lines(out, "[  ERROR   ] ", NULL) == 0 &&
        code != 1) {
        *why = format("the program exited (status %d) in the middle of the test", code);
        return false;
    }
    // cmocka's own message: "[  ERROR   ] --- "x" != "y"" for a failed
    // assert_*, "ERROR: ..." (or the bare text) for fail_msg().
    for (const char *line = out; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        const char *msg = NULL;
        if (line_starts(line, "[  ERROR   ] --- ") && !line_starts(line + 17, "[   LINE   ]"))
            msg = line + 17;
        else if (len > 0 && line[0] != '[' && line[0] != ' ' && !line_starts(line, "=="))
            msg = line_starts(line, "ERROR: ") ? line + 7 : line;
        if (msg) {
            *why = xstrndup(msg, len - (size_t)(msg - line));
            return false;
        }
        line = end ? end + 1 : NULL;
    }
    *why = xstrdup("failed");
    return false;
}

// ---- running -------------------------------------------------------------------------------

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct {
    pid_t pid;
    int fd;
    char path[64];
    double start, deadline;
    double limit;
    bool timed_out;
    int status;
} Proc;

static int spawn(Proc *p, char *const argv[], const char *filter, double limit, bool leaks) {
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
static bool finished(Proc *p) {
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
static char *collect(Proc *p, size_t max) {
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

// ---- JSON and XML ----------------------------------------------------------------------------

// Length of the valid UTF-8 sequence at s, or 0.
static size_t utf8_len(const unsigned char *s) {
    if (s[0] < 0x80) return 1;
    size_t n = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
    if (!n) return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    return n;
}

char *grade_json_string(const char *s) {
    Buf b = {0};
    put(&b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned char c = *p;
        if (c == '"' || c == '\\') putf(&b, "\\%c", c), p++;
        else if (c == '\n') put(&b, "\\n", 2), p++;
        else if (c == '\r') put(&b, "\\r", 2), p++;
        else if (c == '\t') put(&b, "\\t", 2), p++;
        else if (c < 0x20 || c == 0x7F) putf(&b, "\\u%04x", c), p++;
        else {
            size_t n = utf8_len(p);
            if (n) put(&b, (const char *)p, n), p += n;
            else put(&b, "\\ufffd", 6), p++;
        }
    }
    put(&b, "\"", 1);
    return take(&b);
}

char *grade_xml_text(const char *s) {
    Buf b = {0};
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned char c = *p;
        if (c == '&') put(&b, "&amp;", 5), p++;
        else if (c == '<') put(&b, "&lt;", 4), p++;
        else if (c == '>') put(&b, "&gt;", 4), p++;
        else if (c == '"') put(&b, "&quot;", 6), p++;
        else if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') put(&b, "?", 1), p++;
        else {
            size_t n = utf8_len(p);
            if (n) put(&b, (const char *)p, n), p += n;
            else put(&b, "?", 1), p++;
        }
    }
    return take(&b);
}

// ---- the manifest ---------------------------------------------------------------------------

typedef struct {
    char *id, *title;
    char **tests;
    size_t ntests;
} Chapter;

static Chapter *read_manifest(const char *path, size_t *n) {
    char *text = read_file(path);
    *n = 0;
    if (!text) return NULL;
    Chapter *ch = NULL;
    size_t cap = 0;
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char *w[16];
        int k = words(line, w, 16);
        if (k < 5) continue;
        if (*n == cap) ch = xrealloc(ch, (cap = cap ? 2 * cap : 16) * sizeof *ch);
        Chapter *c = &ch[(*n)++];
        memset(c, 0, sizeof *c);
        c->id = xstrdup(w[0]);
        Buf t = {0};
        for (int i = 4; i < k; i++) putf(&t, "%s%s", i > 4 ? " " : "", w[i]);
        c->title = take(&t);
        if (strcmp(w[3], "-") != 0) {
            for (char *tok = strtok(w[3], ","); tok; tok = strtok(NULL, ",")) {
                c->tests = xrealloc(c->tests, (c->ntests + 1) * sizeof *c->tests);
                c->tests[c->ntests++] = xstrdup(tok);
            }
        }
    }
    free(text);
    return ch;
}

static void chapters_free(Chapter *ch, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(ch[i].id);
        free(ch[i].title);
        for (size_t k = 0; k < ch[i].ntests; k++) free(ch[i].tests[k]);
        free(ch[i].tests);
    }
    free(ch);
}

// The chapter of an exercise: "3.2" -> "3".
static char *chapter_of(const char *exercise) {
    const char *dot = strchr(exercise, '.');
    return xstrndup(exercise, dot ? (size_t)(dot - exercise) : strlen(exercise));
}

// ---- the grading run --------------------------------------------------------------------------

typedef struct {
    const GradeTest *test;   // a graded test, or NULL for a library binary
    const char *binary;
    const char *chapter;     // chapter id
    char *filter;
    double limit;
    bool leaks;
    bool missing;            // the binary is not there (did not build)
    // results
    bool passed;
    char *why;
    char *output;
    double seconds;
    // library runs: each test's verdict
    int lib_passed, lib_failed, lib_excused;
    Buf junit;               // <testcase> elements
} Job;

// Graded tests in binary `bin` named `name`?
static bool is_graded(const GradeRubric *rb, const char *bin, const char *name) {
    for (size_t i = 0; i < rb->ntest; i++)
        if (strcmp(rb->test[i].binary, bin) == 0 && strcmp(rb->test[i].name, name) == 0) return true;
    return false;
}

// Drop cmocka's noise about groups where no test ran (every other group
// of the binary, when one test is picked out).
static char *tidy_output(const char *out) {
    Buf b = {0};
    for (const char *line = out; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) + 1 : strlen(line);
        if (!line_starts(line, "[==========] Running 0 test(s).") &&
            !line_starts(line, "[==========] 0 test(s) run.") &&
            !line_starts(line, "[  PASSED  ] 0 test(s)."))
            put(&b, line, len);
        line = end ? end + 1 : NULL;
    }
    char *s = take(&b);
    if (strlen(s) > SHOWN_OUTPUT) {
        s[SHOWN_OUTPUT] = '\0';
        char *cut = format("%s\n[... cut ...]\n", s);
        free(s);
        s = cut;
    }
    return s;
}

// The lines of the build log that say what went wrong.
static char *build_errors(const char *log_path) {
    char *log = log_path ? read_file(log_path) : NULL;
    if (!log) return xstrdup("");
    Buf b = {0};
    int shown = 0;
    for (char *line = log, *next; line && shown < 30; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        if (strstr(line, "error") || strstr(line, "Error") || strstr(line, "undefined reference")) {
            putf(&b, "%s\n", line);
            shown++;
        }
    }
    free(log);
    return take(&b);
}

static void xml_testcase(Buf *b, const char *classname, const char *name, double seconds,
                         bool passed, const char *message, const char *output) {
    char *cn = grade_xml_text(classname), *nm = grade_xml_text(name);
    putf(b, "    <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\"", cn, nm, seconds);
    if (passed) {
        put(b, "/>\n", 3);
    } else {
        char *msg = grade_xml_text(message ? message : "failed");
        char *out = grade_xml_text(output ? output : "");
        putf(b, ">\n      <failure message=\"%s\">%s</failure>\n    </testcase>\n", msg, out);
        free(msg);
        free(out);
    }
    free(cn);
    free(nm);
}

// Read a whole library run: one verdict per test.
static void judge_library(Job *j, const GradeRubric *rb, const GradeRun *run) {
    const char *out = run->output;
    Buf fails = {0};
    char *current = NULL;
    // Walk the RUN lines in order; a test passed if its OK line follows.
    for (const char *line = out; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        while (len > 0 && line[len - 1] == '\r') len--;
        if (line_starts(line, "[ RUN      ] ")) {
            free(current);
            current = xstrndup(line + 13, len - 13);
            bool ok = count_lines(out, "[       OK ] ", current) > 0;
            if (is_graded(rb, j->binary, current)) {
                j->lib_excused++;
            } else if (ok) {
                j->lib_passed++;
                xml_testcase(&j->junit, j->binary, current, 0, true, NULL, NULL);
            } else {
                j->lib_failed++;
                putf(&fails, "  %s\n", current);
                xml_testcase(&j->junit, j->binary, current, 0, false, "failed",
                             "see the output of the whole program in the grader's log");
            }
        }
        line = end ? end + 1 : NULL;
    }
    free(current);
    int started = count_lines(out, "[==========] Running ", NULL);
    int done = 0;
    for (const char *line = out; line && *line;) {
        const char *end = strchr(line, '\n');
        if (line_starts(line, "[==========] ") && strstr(line, " test(s) run.") &&
            (!end || strstr(line, " test(s) run.") < end))
            done++;
        line = end ? end + 1 : NULL;
    }
    char *report = grade_sanitizer_report(out);
    Buf why = {0};
    if (run->timed_out) putf(&why, "timed out after %g s; ", run->limit);
    else if (WIFSIGNALED(run->status))
        putf(&why, "crashed (signal %d, %s); ", WTERMSIG(run->status), strsignal(WTERMSIG(run->status)));
    if (report) putf(&why, "sanitizer report: %s; ", report);
    if (!run->timed_out && !WIFSIGNALED(run->status) && (started == 0 || started != done))
        putf(&why, "the program stopped before its last test; ");
    if (j->lib_failed) putf(&why, "%d test%s failed:\n%s", j->lib_failed,
                            j->lib_failed == 1 ? "" : "s", fails.s ? fails.s : "");
    free(report);
    free(take(&fails));
    j->passed = why.len == 0;
    if (j->passed) {
        putf(&why, "%d passed", j->lib_passed);
        if (j->lib_excused)
            putf(&why, "; %d more need%s an exercise, graded above", j->lib_excused,
                 j->lib_excused == 1 ? "s" : "");
    } else if (j->lib_failed == 0) {
        j->lib_failed = 1;  // the program itself counts as one failure
        xml_testcase(&j->junit, j->binary, "(the whole program)", 0, false, why.s, "");
    }
    j->why = take(&why);
}

static void run_jobs(Job *jobs, size_t n, int parallel, const GradeRubric *rb,
                     const char *bin_dir) {
    Proc *proc = xrealloc(NULL, (size_t)parallel * sizeof *proc);
    size_t *which = xrealloc(NULL, (size_t)parallel * sizeof *which);
    int running = 0;
    size_t next = 0;
    while (next < n || running > 0) {
        while (running < parallel && next < n) {
            Job *j = &jobs[next];
            if (j->missing) {
                next++;
                continue;
            }
            char *path = format("%s/%s", bin_dir, j->binary);
            char *argv[] = {path, NULL};
            if (spawn(&proc[running], argv, j->filter, j->limit, j->leaks) == 0) {
                which[running++] = next;
            } else {
                j->why = format("could not start %s: %s", path, strerror(errno));
                j->output = xstrdup("");
            }
            free(path);
            next++;
        }
        bool any = false;
        for (int i = 0; i < running; i++) {
            if (!finished(&proc[i])) continue;
            Job *j = &jobs[which[i]];
            // A library run is read whole (its every verdict counts); a
            // graded test's output is for people, and kept shorter.
            GradeRun run = {proc[i].status, proc[i].timed_out, proc[i].limit,
                            collect(&proc[i], j->test ? MAX_OUTPUT : MAX_LIBRARY_OUTPUT)};
            j->seconds = now() - proc[i].start;
            if (j->test) {
                j->passed = grade_judge(j->test->name, &run, &j->why);
                j->output = tidy_output(run.output);
            } else {
                judge_library(j, rb, &run);
                j->output = tidy_output(run.output);
            }
            free((char *)run.output);
            proc[i] = proc[running - 1];
            which[i] = which[running - 1];
            running--;
            i--;
            any = true;
        }
        if (!any && running > 0) {
            struct timespec ts = {0, 2000000};
            nanosleep(&ts, NULL);
        }
    }
    free(proc);
    free(which);
}

static const char *exercise_title(const GradeRubric *rb, const char *id) {
    for (size_t i = 0; i < rb->nex; i++)
        if (strcmp(rb->ex[i].id, id) == 0) return rb->ex[i].title;
    return "";
}

static bool write_text(const char *dir, const char *name, const char *text, Buf *err) {
    char *path = format("%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    bool ok = f && fputs(text, f) >= 0;
    if (f) ok = fclose(f) == 0 && ok;
    if (!ok) putf(err, "grade: cannot write %s: %s\n", path, strerror(errno));
    free(path);
    return ok;
}

int grade_all(const GradeOptions *o, char **out_text, char **err_text) {
    Buf out = {0}, err = {0};
    double started = now();
    int rc = 0;
    char *rubric_text = read_file(o->rubric);
    if (!rubric_text) {
        putf(&err, "grade: cannot read the rubric %s: %s\n", o->rubric, strerror(errno));
        *out_text = take(&out);
        *err_text = take(&err);
        return 2;
    }
    GradeRubric rb;
    char *rubric_err;
    if (grade_rubric_parse(o->rubric, rubric_text, &rb, &rubric_err) != 0) {
        put(&err, rubric_err, strlen(rubric_err));
        free(rubric_err);
        free(rubric_text);
        grade_rubric_free(&rb);
        *out_text = take(&out);
        *err_text = take(&err);
        return 2;
    }
    free(rubric_err);
    free(rubric_text);
    size_t nch;
    Chapter *ch = read_manifest(o->manifest, &nch);

    // One job per graded test whose chapter is here, one per library binary.
    Job *jobs = xrealloc(NULL, (rb.ntest + o->nlibrary + 1) * sizeof *jobs);
    size_t njobs = 0, skipped = 0;
    for (size_t i = 0; i < rb.ntest; i++) {
        char *c = chapter_of(rb.test[i].exercise);
        const char *cid = NULL;
        for (size_t k = 0; k < nch; k++)
            if (strcmp(ch[k].id, c) == 0) cid = ch[k].id;
        free(c);
        if (!cid) {
            skipped++;
            continue;
        }
        Job *j = &jobs[njobs++];
        memset(j, 0, sizeof *j);
        j->test = &rb.test[i];
        j->binary = rb.test[i].binary;
        j->chapter = cid;
        j->filter = xstrdup(rb.test[i].name);
        j->limit = o->timeout;
        j->leaks = true;
    }
    for (size_t i = 0; i < o->nlibrary; i++) {
        const char *cid = NULL;
        for (size_t k = 0; k < nch; k++)
            for (size_t t = 0; t < ch[k].ntests; t++)
                if (strcmp(ch[k].tests[t], o->library[i]) == 0) cid = ch[k].id;
        Job *j = &jobs[njobs++];
        memset(j, 0, sizeof *j);
        j->binary = o->library[i];
        j->chapter = cid ? cid : "?";
        j->limit = o->library_timeout;
        j->leaks = false;  // leaks are charged to graded tests, each run alone
    }
    char *built = build_errors(o->build_log);
    for (size_t i = 0; i < njobs; i++) {
        char *path = format("%s/%s", o->bin_dir, jobs[i].binary);
        if (access(path, X_OK) != 0) {
            jobs[i].missing = true;
            jobs[i].why = format("%s did not build (so its tests can't run)", jobs[i].binary);
            jobs[i].output = format("%s did not build. The compiler said:\n%s", path,
                                    *built ? built : "(no build log)\n");
            if (!jobs[i].test) jobs[i].lib_failed = 1;
        }
        free(path);
    }
    free(built);
    run_jobs(jobs, njobs, o->jobs > 0 ? o->jobs : 1, &rb, o->bin_dir);

    // ---- scores ----
    double score = 0, max_score = 0;
    int passed = 0, failed = 0, graded_passed = 0, graded_failed = 0;
    for (size_t i = 0; i < njobs; i++) {
        Job *j = &jobs[i];
        if (j->test) {
            max_score += j->test->points;
            if (j->passed) score += j->test->points, passed++, graded_passed++;
            else failed++, graded_failed++;
        } else {
            passed += j->lib_passed;
            failed += j->lib_failed;
        }
    }

    // ---- the table ----
    putf(&out, "\nStrides autograder (%s)\n", o->rubric);
    for (size_t c = 0; c < nch; c++) {
        bool any = false;
        for (size_t i = 0; i < njobs; i++) any |= strcmp(jobs[i].chapter, ch[c].id) == 0;
        if (!any) continue;
        double cs = 0, cm = 0;
        for (size_t i = 0; i < njobs; i++)
            if (jobs[i].test && strcmp(jobs[i].chapter, ch[c].id) == 0) {
                cm += jobs[i].test->points;
                if (jobs[i].passed) cs += jobs[i].test->points;
            }
        int pad = 58 - (int)strlen(ch[c].title) - (int)strlen(ch[c].id);
        bool graded = false;
        for (size_t i = 0; i < njobs; i++)
            graded |= jobs[i].test && strcmp(jobs[i].chapter, ch[c].id) == 0;
        if (graded)
            putf(&out, "\nchapter %s  %s%*s%5g / %-4g\n", ch[c].id, ch[c].title,
                 pad > 0 ? pad : 1, "", cs, cm);
        else
            putf(&out, "\nchapter %s  %s%*s(no exercises)\n", ch[c].id, ch[c].title,
                 pad > 0 ? pad : 1, "");
        // Exercises in id order, each with its tests.
        for (size_t e = 0; e < rb.nex; e++) {
            char *c2 = chapter_of(rb.ex[e].id);
            bool mine = strcmp(c2, ch[c].id) == 0;
            free(c2);
            if (!mine) continue;
            double es = 0, em = 0;
            int tp = 0, tn = 0;
            for (size_t i = 0; i < njobs; i++) {
                if (!jobs[i].test || strcmp(jobs[i].test->exercise, rb.ex[e].id) != 0) continue;
                em += jobs[i].test->points;
                tn++;
                if (jobs[i].passed) es += jobs[i].test->points, tp++;
            }
            putf(&out, "  %-5s %-56.56s %5g / %-4g %d of %d tests\n", rb.ex[e].id,
                 rb.ex[e].title, es, em, tp, tn);
            for (size_t i = 0; i < njobs; i++) {
                Job *j = &jobs[i];
                if (!j->test || j->passed || strcmp(j->test->exercise, rb.ex[e].id) != 0) continue;
                putf(&out, "          FAILED %s: %.*s\n", j->test->name,
                     (int)strcspn(j->why, "\n"), j->why);
            }
        }
        for (size_t i = 0; i < njobs; i++) {
            Job *j = &jobs[i];
            if (j->test || strcmp(j->chapter, ch[c].id) != 0) continue;
            putf(&out, "  %-5s library tests, %s (not graded): %s%s\n", "", j->binary,
                 j->passed ? "" : "FAILED: ", j->why ? j->why : "");
        }
    }
    if (skipped)
        putf(&out, "\n(%zu graded test%s of chapters not in %s skipped)\n", skipped,
             skipped == 1 ? "" : "s", o->manifest);
    putf(&out, "\nscore: %g / %g points (%d of %d graded tests passed)\n", score, max_score,
         graded_passed, graded_passed + graded_failed);

    // ---- results.json and junit.xml ----
    if (o->out_dir) {
        char *mk = format("%s/", o->out_dir);
        for (char *p = mk + 1; *p; p++) {
            if (*p != '/') continue;
            *p = '\0';
            mkdir(mk, 0755);
            *p = '/';
        }
        free(mk);
        Buf js = {0};
        putf(&js, "{\n  \"score\": %g,\n  \"execution_time\": %.0f,\n", score, ceil(now() - started));
        char *summary = format("Strides autograder: %g of %g points; %d passed, %d failed "
                               "(library tests included).", score, max_score, passed, failed);
        char *s = grade_json_string(summary);
        putf(&js, "  \"output\": %s,\n  \"visibility\": \"visible\",\n"
                  "  \"stdout_visibility\": \"hidden\",\n  \"tests\": [", s);
        free(s);
        free(summary);
        bool first = true;
        for (size_t i = 0; i < njobs; i++) {
            Job *j = &jobs[i];
            char *name, *number, *output;
            const char *vis = "visible";
            double sc = 0, mx = 0;
            if (j->test) {
                name = format("%s %s: %s", j->test->exercise,
                              exercise_title(&rb, j->test->exercise), j->test->name);
                number = xstrdup(j->test->exercise);
                mx = j->test->points;
                sc = j->passed ? mx : 0;
                vis = j->test->visibility;
                output = j->passed ? format("passed\n\n%s", j->output)
                                   : format("FAILED: %s\n\n%s", j->why, j->output);
            } else {
                name = format("chapter %s library tests (%s), not graded", j->chapter, j->binary);
                number = format("%s.0", j->chapter);
                output = format("%s%s", j->passed ? "" : "FAILED: ", j->why ? j->why : "");
            }
            char *jn = grade_json_string(name), *jnum = grade_json_string(number),
                 *jo = grade_json_string(output);
            putf(&js, "%s\n    {\n      \"name\": %s,\n      \"number\": %s,\n"
                      "      \"score\": %g,\n      \"max_score\": %g,\n"
                      "      \"status\": \"%s\",\n      \"output\": %s,\n"
                      "      \"visibility\": \"%s\"\n    }",
                 first ? "" : ",", jn, jnum, sc, mx, j->passed ? "passed" : "failed", jo, vis);
            first = false;
            free(jn), free(jnum), free(jo), free(name), free(number), free(output);
        }
        put(&js, "\n  ]\n}\n", 6);
        char *json = take(&js);
        if (!write_text(o->out_dir, "results.json", json, &err)) rc = 2;
        free(json);

        Buf x = {0};
        putf(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<testsuites name=\"strides\" tests=\"%d\" failures=\"%d\" time=\"%.3f\">\n",
             passed + failed, failed, now() - started);
        for (size_t c = 0; c < nch; c++) {
            int t = 0, f = 0;
            Buf cases = {0};
            for (size_t i = 0; i < njobs; i++) {
                Job *j = &jobs[i];
                if (strcmp(j->chapter, ch[c].id) != 0) continue;
                if (j->test) {
                    char *nm = format("%s %s", j->test->exercise, j->test->name);
                    xml_testcase(&cases, j->binary, nm, j->seconds, j->passed, j->why, j->output);
                    free(nm);
                    t++, f += !j->passed;
                } else {
                    if (j->junit.s) put(&cases, j->junit.s, j->junit.len);
                    if (j->missing)
                        xml_testcase(&cases, j->binary, "(the whole program)", 0, false, j->why,
                                     j->output);
                    t += j->lib_passed + j->lib_failed, f += j->lib_failed;
                }
            }
            if (t) {
                char *title = format("chapter %s: %s", ch[c].id, ch[c].title);
                char *xt = grade_xml_text(title);
                putf(&x, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\">\n%s  </testsuite>\n",
                     xt, t, f, cases.s ? cases.s : "");
                free(xt);
                free(title);
            }
            free(take(&cases));
        }
        put(&x, "</testsuites>\n", 14);
        char *xml = take(&x);
        if (!write_text(o->out_dir, "junit.xml", xml, &err)) rc = 2;
        free(xml);
        putf(&out, "results: %s/results.json (Gradescope), %s/junit.xml\n", o->out_dir, o->out_dir);
    }

    // ---- expectations (the release self-check) ----
    if (o->expect != GRADE_EXPECT_NOTHING) {
        int bad = 0;
        for (size_t i = 0; i < njobs; i++) {
            Job *j = &jobs[i];
            if (o->expect == GRADE_EXPECT_SOLUTIONS && !j->passed) {
                putf(&err, "expected to pass with the solutions: %s %s: %s\n", j->binary,
                     j->test ? j->test->name : "(library tests)", j->why);
                bad++;
            } else if (o->expect == GRADE_EXPECT_STUBS && !j->test && !j->passed) {
                putf(&err, "a library test fails in the student release: %s: %s\n", j->binary,
                     j->why);
                bad++;
            } else if (o->expect == GRADE_EXPECT_STUBS && j->test) {
                char *want = format("not implemented: exercise %s", j->test->exercise);
                if (j->passed) {
                    putf(&err, "graded test passes in the student release (does it test its "
                               "exercise?): %s %s\n", j->binary, j->test->name);
                    bad++;
                } else if (j->test->points > 0 && !strstr(j->output, want)) {
                    putf(&err, "graded test fails without saying \"%s\": %s %s: %s\n", want,
                         j->binary, j->test->name, j->why);
                    bad++;
                }
                free(want);
            }
        }
        if (bad) rc = rc ? rc : 1;
        else putf(&out, "as expected with %s\n",
                  o->expect == GRADE_EXPECT_STUBS ? "the stubs: every graded test fails with "
                  "\"not implemented\", every library test passes" : "the solutions: everything passes");
    }
    putf(&out, "%d passed, %d failed\n", passed, failed);

    for (size_t i = 0; i < njobs; i++) {
        free(jobs[i].filter);
        free(jobs[i].why);
        free(jobs[i].output);
        free(jobs[i].junit.s);
    }
    free(jobs);
    chapters_free(ch, nch);
    grade_rubric_free(&rb);
    *out_text = take(&out);
    *err_text = take(&err);
    return rc;
}
