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
#include "release.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lit/lit.h"

// Paths (relative to the root) that the student release leaves out, with
// everything under them.
static const char *const LEFT_OUT[] = {
    ".git", ".ci", "build", "dist",
    "tools/release",                    // making releases is the instructor's job
    "tools/grade/make-autograder",      // and so is packaging the autograder
    "tools/grade/run_autograder", "tools/grade/setup.sh",
    "tests/tools/test_release.c", "tests/tools/fixtures/release",
    "tests/tools/test_grade.c", "tests/tools/fixtures/grade",
    "tests/exercises/hidden",           // hidden tests: the grader has them
    "docs/instructors.md",
    NULL,
};

static const char RELEASE_STAMP[] = ".strides-release";

// ---- memory and text ----------------------------------------------------------

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("release: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

static char *xstrdup(const char *s) {
    size_t n = strlen(s);
    char *d = xrealloc(NULL, n + 1);
    memcpy(d, s, n + 1);
    return d;
}

static void append(char **s, size_t *len, size_t *cap, const char *t, size_t n) {
    if (*len + n + 1 > *cap) {
        size_t c = *cap ? *cap : 256;
        while (c < *len + n + 1) c *= 2;
        *s = xrealloc(*s, c);
        *cap = c;
    }
    memcpy(*s + *len, t, n);
    *len += n;
    (*s)[*len] = '\0';
}

static char *vformat(const char *fmt, va_list ap) {
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *s = xrealloc(NULL, (size_t)(n > 0 ? n : 0) + 1);
    vsnprintf(s, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    return s;
}

static char *format(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = vformat(fmt, ap);
    va_end(ap);
    return s;
}

static void diag(ReleaseReport *r, const char *file, int line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(fmt, ap);
    va_end(ap);
    char *s = line > 0 ? format("%s:%d: %s\n", file, line, msg) : format("%s: %s\n", file, msg);
    append(&r->err, &r->errlen, &r->errcap, s, strlen(s));
    r->nerr++;
    free(s);
    free(msg);
}

static void say(ReleaseReport *r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = vformat(fmt, ap);
    va_end(ap);
    append(&r->out, &r->outlen, &r->outcap, s, strlen(s));
    free(s);
}

// A growable byte buffer.
typedef struct {
    char *s;
    size_t len, cap;
} Buf;

static void put(Buf *b, const char *t, size_t n) { append(&b->s, &b->len, &b->cap, t, n); }
static void puts_(Buf *b, const char *t) { put(b, t, strlen(t)); }

// Lines as (start, length without EOL, length with EOL).
typedef struct {
    const char *p;
    size_t len, full;
} Line;

static Line *split_lines(const char *text, size_t size, size_t *n) {
    Line *v = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t i = 0; i < size;) {
        const char *nl = memchr(text + i, '\n', size - i);
        size_t end = nl ? (size_t)(nl - text) + 1 : size;
        size_t len = end - i - (nl ? 1 : 0);
        if (len > 0 && text[i + len - 1] == '\r') len--;
        if (*n == cap) v = xrealloc(v, (cap = cap ? 2 * cap : 64) * sizeof *v);
        v[(*n)++] = (Line){text + i, len, end - i};
        i = end;
    }
    return v;
}

static void trim(const char **p, size_t *n) {
    while (*n > 0 && (**p == ' ' || **p == '\t')) (*p)++, (*n)--;
    while (*n > 0 && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t' || (*p)[*n - 1] == '\r')) (*n)--;
}

static bool starts(const char *p, size_t n, const char *prefix) {
    size_t k = strlen(prefix);
    return n >= k && memcmp(p, prefix, k) == 0;
}

static bool ends(const char *p, size_t n, const char *suffix) {
    size_t k = strlen(suffix);
    return n >= k && memcmp(p + n - k, suffix, k) == 0;
}

static bool contains(const char *p, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(p + i, needle, k) == 0) return true;
    return false;
}

static bool is_ident(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// ---- markers --------------------------------------------------------------------

enum { PLAIN, BEGIN, END, STUB, REGION };

static int kind_of(const Line *l) {
    const char *p = l->p;
    size_t n = l->len;
    trim(&p, &n);
    if (starts(p, n, "/* BEGIN SOLUTION")) return BEGIN;
    if (starts(p, n, "/* END SOLUTION")) return END;
    if (starts(p, n, "/* STUB")) return STUB;
    if (starts(p, n, "//>") || starts(p, n, "//<")) return REGION;
    return PLAIN;
}

// The exercise id of a BEGIN or END marker ("3.2"), or "" if none.
// Returns false if the marker is malformed (not closed on its line).
static bool marker_id(const Line *l, const char *word, char *id, size_t idsize) {
    const char *p = l->p;
    size_t n = l->len;
    trim(&p, &n);
    size_t k = strlen(word);
    p += k, n -= k;
    if (!ends(p, n, "*/")) return false;
    n -= 2;
    trim(&p, &n);
    size_t m = 0;
    while (m < n && (is_ident(p[m]) || p[m] == '.')) m++;
    if (m != n || m >= idsize) return false;
    memcpy(id, p, m);
    id[m] = '\0';
    return true;
}

static size_t indent_of(const Line *l) {
    size_t i = 0;
    while (i < l->len && (l->p[i] == ' ' || l->p[i] == '\t')) i++;
    return i;
}

// ---- default stubs ----------------------------------------------------------------

// Remove __attribute__((...)) from a declaration, in place.
static void drop_attributes(char *s) {
    char *a;
    while ((a = strstr(s, "__attribute__")) != NULL) {
        char *p = a + strlen("__attribute__");
        while (*p == ' ') p++;
        int depth = 0;
        do {
            if (*p == '(') depth++;
            else if (*p == ')') depth--;
            else if (*p == '\0') return;
            p++;
        } while (depth > 0);
        memmove(a, p, strlen(p) + 1);
    }
}

static char *trimmed_copy(const char *p, size_t n) {
    trim(&p, &n);
    char *s = xrealloc(NULL, n + 1);
    memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

// The name a parameter declares: "const Tensor *t" -> "t",
// "int64_t sizes[]" -> "sizes", "void (*visit)(float)" -> "visit".
static char *param_name(const char *p, size_t n) {
    trim(&p, &n);
    const char *fp = NULL;
    for (size_t i = 0; i + 1 < n; i++)
        if (p[i] == '(' && (p[i + 1] == '*' || p[i + 1] == ' ')) fp = p + i;
    if (fp) {
        const char *q = fp + 1;
        while (*q == '*' || *q == ' ') q++;
        size_t m = 0;
        while (is_ident(q[m])) m++;
        return m ? trimmed_copy(q, m) : NULL;
    }
    while (n > 0 && p[n - 1] == ']') {  // drop array brackets
        while (n > 0 && p[n - 1] != '[') n--;
        if (n > 0) n--;
        trim(&p, &n);
    }
    size_t end = n, start = n;
    while (start > 0 && is_ident(p[start - 1])) start--;
    if (start == end || (p[start] >= '0' && p[start] <= '9')) return NULL;
    // A lone type ("int") names nothing: there must be a type before it.
    if (start == 0) return NULL;
    return trimmed_copy(p + start, end - start);
}

static bool is_integer_type(const char *t) {
    static const char *const ints[] = {"long", "long long", "short", "signed", "int64_t",
                                       "int32_t", "int16_t", "int8_t", "ptrdiff_t",
                                       "ssize_t", "intptr_t", "long int", NULL};
    for (int i = 0; ints[i]; i++)
        if (strcmp(t, ints[i]) == 0) return true;
    return false;
}

// Work out the stub for a solution that is the whole body of the
// function whose declaration is `decl` (everything before its "{").
// Returns the stub's lines (each ending in "\n"), or NULL with *why set.
static char *default_stub(const char *decl, const char *id, const char *indent,
                          const char **why) {
    char *d = xstrdup(decl);
    drop_attributes(d);
    char *open = strchr(d, '(');
    if (!open) {
        *why = "no parameter list before it";
        free(d);
        return NULL;
    }
    // The name: the identifier just before "(".
    char *name_end = open;
    while (name_end > d && name_end[-1] == ' ') name_end--;
    char *name = name_end;
    while (name > d && is_ident(name[-1])) name--;
    if (name == name_end) {
        *why = "no function name before '('";
        free(d);
        return NULL;
    }
    // The return type: what comes before the name, less storage classes.
    char *type = trimmed_copy(d, (size_t)(name - d));
    for (bool again = true; again;) {
        again = false;
        static const char *const words[] = {"static ", "inline ", "extern ", "_Noreturn ", NULL};
        for (int i = 0; words[i]; i++) {
            size_t k = strlen(words[i]);
            if (strncmp(type, words[i], k) == 0) {
                memmove(type, type + k, strlen(type + k) + 1);
                again = true;
            }
        }
    }
    char *t = trimmed_copy(type, strlen(type));
    free(type);
    type = t;
    if (type[0] == '\0') {
        *why = "no return type";
        free(type);
        free(d);
        return NULL;
    }
    // The parameters, between "(" and its matching ")".
    int depth = 0;
    char *close = NULL;
    for (char *p = open; *p; p++) {
        if (*p == '(' || *p == '[') depth++;
        else if ((*p == ')' || *p == ']') && --depth == 0) {
            close = p;
            break;
        }
    }
    if (!close) {
        *why = "the parameter list never closes";
        free(type);
        free(d);
        return NULL;
    }
    Buf b = {0};
    char *line = format("%s// Exercise %s: not done yet. Replace this stub with your code.\n",
                        indent, id);
    puts_(&b, line);
    free(line);
    const char *start = open + 1;
    depth = 0;
    for (const char *p = open + 1; p <= close; p++) {
        if (p < close && (*p == '(' || *p == '[')) depth++;
        else if (p < close && (*p == ')' || *p == ']')) depth--;
        else if (p == close || (*p == ',' && depth == 0)) {
            const char *q = start;
            size_t n = (size_t)(p - start);
            trim(&q, &n);
            start = p + 1;
            if (n == 0 || (n == 4 && memcmp(q, "void", 4) == 0) ||
                (n == 3 && memcmp(q, "...", 3) == 0))
                continue;
            char *pn = param_name(q, n);
            if (!pn) {
                *why = "a parameter without a name";
                free(b.s);
                free(type);
                free(d);
                return NULL;
            }
            line = format("%s(void)%s;\n", indent, pn);
            puts_(&b, line);
            free(line);
            free(pn);
        }
    }
    size_t tl = strlen(type);
    if (strcmp(type, "void") == 0) {
        line = format("%snot_implemented(\"%s\");\n", indent, id);
    } else if (strcmp(type, "int") == 0) {
        line = format("%sreturn not_implemented(\"%s\");\n", indent, id);
    } else if (type[tl - 1] == '*') {
        line = format("%snot_implemented(\"%s\");\n%sreturn NULL;\n", indent, id, indent);
    } else if (strcmp(type, "bool") == 0) {
        line = format("%snot_implemented(\"%s\");\n%sreturn false;\n", indent, id, indent);
    } else if (is_integer_type(type)) {
        line = format("%snot_implemented(\"%s\");\n%sreturn -1;\n", indent, id, indent);
    } else {
        line = format("%snot_implemented(\"%s\");\n%sreturn (%s){0};\n", indent, id, indent,
                      type);
    }
    puts_(&b, line);
    free(line);
    free(type);
    free(d);
    return b.s;
}

// The declaration of the function whose body opens on line `brace` (the
// line ending in "{"): that line and the ones above it, back to a blank
// line, a comment, a preprocessor line, a region marker, or the end of
// the previous statement or definition.
static char *declaration_before(const Line *lines, size_t brace, size_t *start) {
    size_t first = brace;
    while (first > 0) {
        const char *p = lines[first - 1].p;
        size_t n = lines[first - 1].len;
        trim(&p, &n);
        if (n == 0 || p[0] == '#' || starts(p, n, "//") || starts(p, n, "/*") ||
            ends(p, n, "*/") || ends(p, n, ";") || ends(p, n, "}") || ends(p, n, "{"))
            break;
        first--;
    }
    *start = first;
    Buf b = {0};
    for (size_t i = first; i <= brace; i++) {
        const char *p = lines[i].p;
        size_t n = lines[i].len;
        trim(&p, &n);
        if (i == brace) n--;  // the "{"
        if (b.len) puts_(&b, " ");
        put(&b, p, n);
    }
    if (!b.s) puts_(&b, "");
    return b.s;
}

// ---- stubbing a file ----------------------------------------------------------------

int release_stub(const char *path, const char *text, size_t size, char **out,
                 size_t *outsize, ReleaseReport *r,
                 void (*solution_line)(void *ctx, const char *line, size_t len, int no),
                 void *ctx) {
    size_t nerr = r->nerr, n;
    Line *lines = split_lines(text, size, &n);
    Buf b = {0};
    for (size_t i = 0; i < n; i++) {
        int k = kind_of(&lines[i]);
        int no = (int)i + 1;
        if (k == END) {
            diag(r, path, no, "/* END SOLUTION */ without a /* BEGIN SOLUTION */ before it");
            continue;
        }
        if (k == STUB) {
            diag(r, path, no, "a /* STUB */ must come right after its /* END SOLUTION */");
            continue;
        }
        if (k != BEGIN) {
            put(&b, lines[i].p, lines[i].full);
            continue;
        }
        char id[32];
        if (!marker_id(&lines[i], "/* BEGIN SOLUTION", id, sizeof id) || id[0] == '\0') {
            diag(r, path, no, "a solution needs its exercise id, written alone on the line: "
                              "/* BEGIN SOLUTION 3.2 */");
            id[0] = '\0';
        }
        // Find the end, refusing nesting and region markers on the way.
        size_t end = i + 1;
        bool broken = false;
        for (; end < n; end++) {
            int kk = kind_of(&lines[end]);
            if (kk == END) break;
            if (kk == BEGIN) {
                diag(r, path, (int)end + 1, "nested /* BEGIN SOLUTION */: the solution "
                     "opened at line %d is still open", no);
                broken = true;
            } else if (kk == REGION) {
                diag(r, path, (int)end + 1, "a region marker inside the solution opened at "
                     "line %d (the stub would lose it)", no);
                broken = true;
            } else if (kk == STUB) {
                diag(r, path, (int)end + 1, "a /* STUB */ inside the solution opened at "
                     "line %d", no);
                broken = true;
            } else if (solution_line) {
                solution_line(ctx, lines[end].p, lines[end].len, (int)end + 1);
            }
        }
        if (end == n) {
            diag(r, path, no, "/* BEGIN SOLUTION %s */ is never closed (no /* END SOLUTION */)",
                 id);
            break;
        }
        char end_id[32];
        if (!marker_id(&lines[end], "/* END SOLUTION", end_id, sizeof end_id)) {
            diag(r, path, (int)end + 1, "malformed marker: write /* END SOLUTION */ alone on "
                                        "its line");
            broken = true;
        } else if (end_id[0] && strcmp(end_id, id) != 0) {
            diag(r, path, (int)end + 1, "/* END SOLUTION %s */ closes /* BEGIN SOLUTION %s */ "
                 "(line %d)", end_id, id, no);
            broken = true;
        }
        size_t next = end + 1;
        char indent[256];
        size_t ind = indent_of(&lines[i]);
        if (ind >= sizeof indent) ind = sizeof indent - 1;
        memcpy(indent, lines[i].p, ind);
        indent[ind] = '\0';
        if (next < n && kind_of(&lines[next]) == STUB) {
            // An explicit stub: the text between "/* STUB" and "*/".
            size_t last = next;
            for (; last < n; last++) {
                const char *p = lines[last].p;
                size_t m = lines[last].len;
                trim(&p, &m);
                if (ends(p, m, "*/") && (last > next || m >= strlen("/* STUB*/"))) break;
            }
            if (last == n) {
                diag(r, path, (int)next + 1, "unterminated /* STUB comment (no line ends "
                                             "in '*/')");
                break;
            }
            for (size_t j = next; j <= last; j++) {
                const char *p = lines[j].p;
                size_t m = lines[j].len;
                if (j == next) {  // what follows "/* STUB" (and an optional ':')
                    trim(&p, &m);
                    p += strlen("/* STUB"), m -= strlen("/* STUB");
                    if (m > 0 && *p == ':') p++, m--;
                }
                if (j == last) {
                    const char *q = p;
                    size_t mm = m;
                    trim(&q, &mm);
                    m = (size_t)(q - p) + mm - 2;  // drop the "*/"
                }
                const char *q = p;
                size_t mm = m;
                trim(&q, &mm);
                if (mm == 0) continue;  // the comment's own blank ends
                if (j == next) puts_(&b, indent), put(&b, q, mm);
                else put(&b, p, (size_t)(q - p) + mm);
                puts_(&b, "\n");
            }
            i = last;
        } else {
            // No stub given: the solution must be a whole function body.
            const char *why = NULL;
            char *stub = NULL;
            const char *pp = NULL;
            size_t pn = 0;
            if (i > 0) pp = lines[i - 1].p, pn = lines[i - 1].len, trim(&pp, &pn);
            const char *np = NULL;
            size_t nn = 0;
            if (next < n) np = lines[next].p, nn = lines[next].len, trim(&np, &nn);
            if (!pp || !ends(pp, pn, "{") || !np || nn == 0 || np[0] != '}') {
                why = "it is not the whole body of a function";
            } else {
                // A function definition starts in column 0 (C style here),
                // unlike an if, a loop or a block inside a body.
                size_t first;
                char *decl = declaration_before(lines, i - 1, &first);
                if (indent_of(&lines[first]) != 0) why = "it is not the whole body of a function";
                else stub = default_stub(decl, id[0] ? id : "?", indent, &why);
                free(decl);
            }
            if (!stub) {
                diag(r, path, no, "no default stub for this solution (%s): write one in a "
                                  "/* STUB ... */ right after /* END SOLUTION */", why);
                broken = true;
            } else {
                puts_(&b, stub);
                free(stub);
            }
            i = end;
        }
        (void)broken;
    }
    free(lines);
    if (r->nerr > nerr) {
        free(b.s);
        *out = NULL;
        *outsize = 0;
        return 1;
    }
    if (!b.s) puts_(&b, "");
    *out = b.s;
    *outsize = b.len;
    return 0;
}

// ---- instructor-only blocks --------------------------------------------------------

static int instructor_marker(const Line *l) {
    const char *p = l->p;
    size_t n = l->len;
    trim(&p, &n);
    if (!(starts(p, n, "#") || starts(p, n, "//") || starts(p, n, "/*") || starts(p, n, "<!--")))
        return 0;
    if (contains(p, n, "BEGIN INSTRUCTOR ONLY")) return BEGIN;
    if (contains(p, n, "END INSTRUCTOR ONLY")) return END;
    return 0;
}

int release_drop_instructor_blocks(const char *path, const char *text, size_t size,
                                   char **out, size_t *outsize, ReleaseReport *r) {
    size_t nerr = r->nerr, n;
    Line *lines = split_lines(text, size, &n);
    Buf b = {0};
    int open = 0;
    for (size_t i = 0; i < n; i++) {
        int k = instructor_marker(&lines[i]);
        if (k == BEGIN) {
            if (open) diag(r, path, (int)i + 1, "BEGIN INSTRUCTOR ONLY inside the block "
                                               "opened at line %d", open);
            open = (int)i + 1;
        } else if (k == END) {
            if (!open) diag(r, path, (int)i + 1, "END INSTRUCTOR ONLY without a BEGIN");
            open = 0;
        } else if (!open) {
            put(&b, lines[i].p, lines[i].full);
        }
    }
    if (open) diag(r, path, open, "BEGIN INSTRUCTOR ONLY is never closed");
    free(lines);
    if (r->nerr > nerr) {
        free(b.s);
        *out = NULL;
        return 1;
    }
    if (!b.s) puts_(&b, "");
    *out = b.s;
    *outsize = b.len;
    return 0;
}

// ---- files ---------------------------------------------------------------------------

static char *read_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    Buf b = {0};
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) put(&b, chunk, got);
    fclose(f);
    if (!b.s) puts_(&b, "");
    *size = b.len;
    return b.s;
}

static int make_dirs(const char *path) {
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

static int write_file(const char *path, const char *data, size_t size, mode_t mode) {
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

static int remove_tree(const char *path) {
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

static bool left_out(const char *rel) {
    for (int i = 0; LEFT_OUT[i]; i++) {
        size_t k = strlen(LEFT_OUT[i]);
        if (strncmp(rel, LEFT_OUT[i], k) == 0 && (rel[k] == '\0' || rel[k] == '/')) return true;
    }
    return false;
}

// Code that may hold solutions: *.c and *.h under src/ and chapters/.
static bool has_solutions(const char *rel) {
    size_t n = strlen(rel);
    bool code = n > 2 && (strcmp(rel + n - 2, ".c") == 0 || strcmp(rel + n - 2, ".h") == 0);
    return code && (strncmp(rel, "src/", 4) == 0 || strncmp(rel, "chapters/", 9) == 0);
}

// A chapter's prose, whose code blocks are woven from the sources.
static bool is_chapter_text(const char *rel) {
    size_t n = strlen(rel);
    return strncmp(rel, "chapters/", 9) == 0 && n > 3 && strcmp(rel + n - 3, ".md") == 0;
}

static bool is_text(const char *data, size_t size) { return memchr(data, '\0', size) == NULL; }

// Every regular file under root/rel, sorted, as paths relative to root.
typedef struct {
    char **path;
    size_t n, cap;
} Paths;

static int compare_paths(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *root, const char *rel, Paths *out, bool skip_left_out) {
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
            if (out->n == out->cap)
                out->path = xrealloc(out->path, (out->cap = out->cap ? 2 * out->cap : 256) *
                                                    sizeof *out->path);
            out->path[out->n++] = child;
        } else {
            free(child);
        }
        free(full);
    }
    closedir(d);
    qsort(out->path, out->n, sizeof *out->path, compare_paths);
}

static void paths_free(Paths *p) {
    for (size_t i = 0; i < p->n; i++) free(p->path[i]);
    free(p->path);
}

// ---- solution lines (the secrets) -----------------------------------------------------

// A set of trimmed lines, kept simply: a sorted array, searched by bsearch.
typedef struct {
    char **s;
    char **where;  // for secrets: "file:line" of the first occurrence
    size_t n, cap;
} LineSet;

static void set_add(LineSet *set, const char *p, size_t n, const char *where) {
    trim(&p, &n);
    if (n == 0) return;
    if (set->n == set->cap) {
        set->cap = set->cap ? 2 * set->cap : 1024;
        set->s = xrealloc(set->s, set->cap * sizeof *set->s);
        set->where = xrealloc(set->where, set->cap * sizeof *set->where);
    }
    char *s = xrealloc(NULL, n + 1);
    memcpy(s, p, n);
    s[n] = '\0';
    set->s[set->n] = s;
    set->where[set->n++] = where ? xstrdup(where) : NULL;
}

static int compare_entries(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

// Sort; keep the first of equal entries (with its `where`).
static void set_seal(LineSet *set) {
    size_t *order = xrealloc(NULL, (set->n + 1) * sizeof *order);
    // Sort pairs by text, stably by original position.
    typedef struct {
        char *s, *w;
        size_t i;
    } Pair;
    Pair *pairs = xrealloc(NULL, (set->n + 1) * sizeof *pairs);
    for (size_t i = 0; i < set->n; i++) pairs[i] = (Pair){set->s[i], set->where[i], i};
    qsort(pairs, set->n, sizeof *pairs, compare_entries);  // by s; ties fixed below
    size_t k = 0;
    for (size_t i = 0; i < set->n; i++) {
        if (k > 0 && strcmp(pairs[i].s, set->s[k - 1]) == 0) {
            // Equal text: keep the earliest occurrence's location.
            if (pairs[i].i < order[k - 1]) {
                free(set->where[k - 1]);
                set->where[k - 1] = pairs[i].w;
                order[k - 1] = pairs[i].i;
            } else {
                free(pairs[i].w);
            }
            free(pairs[i].s);
            continue;
        }
        set->s[k] = pairs[i].s;
        set->where[k] = pairs[i].w;
        order[k++] = pairs[i].i;
    }
    set->n = k;
    free(pairs);
    free(order);
}

static long set_find(const LineSet *set, const char *p, size_t n) {
    trim(&p, &n);
    size_t lo = 0, hi = set->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(set->s[mid], p, n);
        if (c == 0 && set->s[mid][n] != '\0') c = 1;
        if (c == 0) return (long)mid;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

static void set_free(LineSet *set) {
    for (size_t i = 0; i < set->n; i++) {
        free(set->s[i]);
        free(set->where[i]);
    }
    free(set->s);
    free(set->where);
    memset(set, 0, sizeof *set);
}

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

// Read the released files of `root`: their solution lines (secrets), and
// every line they show outside solutions (public). Stubbed and cleaned
// texts go to `texts` when it is given. Returns the number of problems.
typedef struct {
    char *rel;
    char *data;
    size_t size;
    mode_t mode;
} File;

static size_t read_project(const char *root, LineSet *secrets, LineSet *public_lines,
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

static void files_free(File *files, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(files[i].rel);
        free(files[i].data);
    }
    free(files);
}

// Secrets are the solution lines that the public text never shows.
static void keep_only_secrets(LineSet *secrets, const LineSet *public_lines) {
    size_t k = 0;
    for (size_t i = 0; i < secrets->n; i++) {
        const char *s = secrets->s[i];
        if (set_find(public_lines, s, strlen(s)) >= 0) {
            free(secrets->s[i]);
            free(secrets->where[i]);
            continue;
        }
        secrets->s[k] = secrets->s[i];
        secrets->where[k++] = secrets->where[i];
    }
    secrets->n = k;
}

static int find_leaks(const LineSet *secrets, const char *dest, ReleaseReport *r) {
    Paths all = {0};
    walk(dest, "", &all, false);
    size_t before = r->nerr;
    for (size_t i = 0; i < all.n; i++) {
        char *full = format("%s/%s", dest, all.path[i]);
        size_t size;
        char *data = read_file(full, &size);
        free(full);
        if (!data) continue;
        size_t n;
        Line *lines = split_lines(data, size, &n);
        for (size_t k = 0; k < n; k++) {
            long at = set_find(secrets, lines[k].p, lines[k].len);
            if (at >= 0)
                diag(r, all.path[i], (int)k + 1, "solution line leaked into the release "
                     "(from %s): %s", secrets->where[at], secrets->s[at]);
        }
        free(lines);
        free(data);
    }
    paths_free(&all);
    return r->nerr > before;
}

int release_check_leaks(const char *root, const char *dest, ReleaseReport *r) {
    LineSet secrets = {0}, public_lines = {0};
    size_t problems = read_project(root, &secrets, &public_lines, NULL, NULL, r);
    int rc = 1;
    if (problems == 0) {
        set_seal(&secrets);
        set_seal(&public_lines);
        keep_only_secrets(&secrets, &public_lines);
        rc = find_leaks(&secrets, dest, r);
        if (rc == 0) say(r, "release: no solution line in %s (%zu checked)\n", dest, secrets.n);
    }
    set_free(&secrets);
    set_free(&public_lines);
    return rc;
}

int release_solution_files(const char *root, ReleaseReport *r) {
    Paths all = {0};
    walk(root, "", &all, true);
    for (size_t i = 0; i < all.n; i++) {
        if (!has_solutions(all.path[i])) continue;
        char *full = format("%s/%s", root, all.path[i]);
        size_t size;
        char *data = read_file(full, &size);
        free(full);
        if (!data) continue;
        size_t n;
        Line *lines = split_lines(data, size, &n);
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

// ---- the release ------------------------------------------------------------------------

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
    size_t stubbed = 0;
    for (size_t i = 0; i < nfiles && !r->nerr; i++) {
        char *out = format("%s/%s", dest, files[i].rel);
        if (write_file(out, files[i].data, files[i].size, files[i].mode) != 0)
            diag(r, out, 0, "cannot write: %s", strerror(errno));
        free(out);
        stubbed += has_solutions(files[i].rel);
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
    (void)stubbed;
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
