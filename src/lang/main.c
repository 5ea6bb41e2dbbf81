//> main-includes
// The `strides` command: the REPL, scripts, --json and --dot, all on top
// of the Session API of lang.h.
#include <editline/readline.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dot.h"
#include "error.h"
#include "lang/lang.h"
#include "view.h"

// How output looks: colours only on a terminal, and not with NO_COLOR set.
typedef struct Style {
    bool color;
} Style;

static const char *dim(const Style *st) { return st->color ? "\033[2m" : ""; }
static const char *red(const Style *st) { return st->color ? "\033[1;31m" : ""; }
static const char *plain(const Style *st) { return st->color ? "\033[0m" : ""; }
//< main-includes

//> main-summary
// After a tensor, one line with what this book is about: its shape,
// strides, offset and contiguity, and which variables share its storage.
// `name` is the variable the tensor is (not listed as sharing with itself).
static void print_summary(const Session *s, const Style *st, const Tensor *t,
                          const char *name) {
    printf("%s# %s%sshape %s, stride %s, offset %lld, %s", dim(st), name ? name : "",
           name ? ": " : "", tuple_text(t->ndim, t->shape).s,
           tuple_text(t->ndim, t->stride).s, (long long)t->offset,
           tensor_is_contiguous(t) ? "contiguous" : "not contiguous");
    int shared = 0;
    const char *other;
    for (int i = 0; (other = session_variable(s, i)) != NULL; i++) {
        const Value *v = session_get(s, other);
        if (v->kind != VALUE_TENSOR || v->tensor->storage != t->storage) continue;
        if (name && strcmp(name, other) == 0) continue;
        printf("%s%s", shared++ ? ", " : "; shares storage with ", other);
    }
    printf("%s\n", plain(st));
}

// The variable a statement names when it is nothing but a name ("x").
static const char *bare_name(const Session *s, const char *text) {
    static char name[64];
    size_t start = strspn(text, " \t"), len = strcspn(text + start, " \t#;");
    if (len == 0 || len >= sizeof name ||
        text[start + len + strspn(text + start + len, " \t")]) {
        return NULL;
    }
    snprintf(name, sizeof name, "%.*s", (int)len, text + start);
    return session_get(s, name) ? name : NULL;
}

// The result of a statement: repr() and summary for a value, a summary
// for an assigned tensor, nothing for None (as in Python).
static void print_result(const Session *s, const Style *st, const Value *v,
                         const char *text) {
    if (v->kind == VALUE_NONE) {
        const char *name = session_last_assigned(s);
        const Value *assigned = name ? session_get(s, name) : NULL;
        if (assigned && assigned->kind == VALUE_TENSOR) {
            print_summary(s, st, assigned->tensor, name);
        }
        return;
    }
    char *repr = value_repr(v);
    if (repr == NULL) {  // out of memory, or longer than an answer may be
        // Python says MemoryError when repr() runs out of memory.
        bool memory = error_kind() == ERR_ALLOC;
        printf("%s%s%s: %s\n", red(st), memory ? "MemoryError" : "RuntimeError", plain(st),
               error_message());
        return;
    }
    printf("%s\n", repr);
    free(repr);
    if (v->kind == VALUE_TENSOR) print_summary(s, st, v->tensor, bare_name(s, text));
}
//< main-summary

//> main-errors
// An error, the way Python shows one: where (for a script), the line with
// a caret under the column (for syntax and name errors), and the
// exception's name with the message.
static void print_error(const Session *s, const Style *st, const char *text,
                        const char *file, int line) {
    fflush(stdout);
    if (file) fprintf(stderr, "  File \"%s\", line %d\n", file, line + session_error_line(s));
    int column = session_error_column(s);
    if (column >= 0) {
        // The line of the text the error is on, then the caret, which
        // counts characters; a tab stays a tab so the caret lines up.
        const char *start = text;
        for (int n = session_error_line(s); n > 0 && strchr(start, '\n'); n--) {
            start = strchr(start, '\n') + 1;
        }
        int len = (int)strcspn(start, "\n");
        fprintf(stderr, "    %.*s\n    ", len, start);
        for (int i = 0, col = 0; i < len && col < column; i++) {
            if (((unsigned char)start[i] & 0xC0) == 0x80) continue;
            fputc(start[i] == '\t' ? '\t' : ' ', stderr);
            col++;
        }
        fprintf(stderr, "^\n");
    }
    // An exception without a message (KeyboardInterrupt) is its name alone,
    // on a line of its own after the terminal's "^C".
    const char *message = session_error(s);
    fprintf(stderr, "%s%s%s%s%s%s\n", message[0] ? "" : "\n", red(st),
            session_error_type(s), plain(st), message[0] ? ": " : "", message);
}
//< main-errors

//> main-reading
// Reading a line from a file or a pipe, refusing what the language can't
// take: a NUL byte (the text would end there unseen) or a line longer than
// LANG_MAX_LINE (the rest of it is skipped, not buffered). Returns the
// length, -1 at the end of input; *problem names a refused line.
static long read_line(FILE *in, char **buf, size_t *cap, const char **problem) {
    size_t len = 0;
    int c;
    *problem = NULL;
    while ((c = getc(in)) != EOF && c != '\n') {
        if (c == '\0') *problem = "line contains a NUL byte";
        if (len >= LANG_MAX_LINE) {
            *problem = "line too long (more than 1048576 characters)";
            continue;
        }
        if (len + 2 > *cap) {
            size_t bigger = *cap ? 2 * *cap : 256;
            char *grown = realloc(*buf, bigger);
            if (grown == NULL) {
                *problem = "out of memory";
                continue;
            }
            *buf = grown;
            *cap = bigger;
        }
        (*buf)[len++] = (char)c;
    }
    if (c == EOF && len == 0 && *problem == NULL) return -1;
    if (*buf == NULL && (*buf = malloc(*cap = 256)) == NULL) return -1;
    if (len > 0 && (*buf)[len - 1] == '\r') len--;  // a file from Windows
    (*buf)[len] = '\0';
    return (long)len;
}
//< main-reading

//> main-script
// A script (a file, stdin from a pipe, or -c): run its lines in order,
// print every expression's value, report errors and keep going, as a
// REPL transcript would. A statement may span lines while a bracket is
// open. Exit status 1 if anything failed.
typedef struct Runner {
    Session    *session;
    Style       style;
    const char *file;    // for error locations; NULL for -c and the REPL
    int         errors;
    bool        exiting;      // exit() ran: stop, with this status
    int         exit_status;
} Runner;

// exit(n) and quit(): Python's SystemExit, which ends the program with
// its status, printing the value first when it is not a number.
static bool exited(Session *s, bool *exiting, int *status) {
    if (session_exception(s) != EXC_SYSTEM_EXIT) return false;
    fflush(stdout);
    if (session_error(s)[0]) fprintf(stderr, "%s\n", session_error(s));
    *exiting = true;
    *status = session_exit_status(s);
    return true;
}

// Run `text` (starting at line `line`); false if it is incomplete.
static bool run_text(Runner *r, const char *text, int line, bool at_end) {
    Value result;
    if (session_run(r->session, text, &result) == 0) {
        print_result(r->session, &r->style, &result, text);
        value_free(&result);
        return true;
    }
    if (exited(r->session, &r->exiting, &r->exit_status)) return true;
    if (session_incomplete(r->session) && !at_end) return false;
    print_error(r->session, &r->style, text, r->file, line);
    r->errors++;
    return true;
}

static int run_script(Runner *r, FILE *in) {
    char *line = NULL, *pending = NULL;
    size_t cap = 0, pending_len = 0;
    const char *problem;
    long len;
    int number = 0, first = 0;
    while (!r->exiting && (len = read_line(in, &line, &cap, &problem)) >= 0) {
        number++;
        if (problem) {
            if (r->file) fprintf(stderr, "  File \"%s\", line %d\n", r->file, number);
            fprintf(stderr, "%sSyntaxError%s: %s\n", red(&r->style), plain(&r->style),
                    problem);
            r->errors++;
            continue;
        }
        // Append the line to what an open bracket left pending.
        char *joined = realloc(pending, pending_len + (size_t)len + 2);
        if (joined == NULL) break;
        if (pending_len == 0) first = number;
        else joined[pending_len++] = '\n';
        memcpy(joined + pending_len, line, (size_t)len + 1);
        pending = joined;
        pending_len += (size_t)len;
        if (run_text(r, pending, first, false)) pending_len = 0;
    }
    int read_error = ferror(in) ? errno : 0;  // a failed read is not the end of the script
    if (pending_len > 0 && !r->exiting) run_text(r, pending, first, true);  // "'(' was never closed"
    free(line);
    free(pending);
    if (read_error) {
        fprintf(stderr, "strides: can't read %s: [Errno %d] %s\n",
                r->file ? r->file : "the input", read_error, strerror(read_error));
        return 1;
    }
    if (r->exiting) return r->exit_status;
    return r->errors ? 1 : 0;
}
//< main-script

//> main-json
// --json: one statement per line in, one JSON object per line out, in
// order, whatever happens. An error is {"error": "<message>"}.
static void print_json_string(const char *s) {
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') printf("\\%c", c);
        else if (c == '\n') printf("\\n");
        else if (c == '\t') printf("\\t");
        else if (c < 0x20) printf("\\u%04x", c);
        else putchar(c);
    }
    putchar('"');
}

static void print_json_error(const char *message) {
    printf("{\"error\":");
    print_json_string(message);
    printf("}\n");
}

// exit(n) answers {"exit":n} and ends the session with that status.
static int run_json(Session *s, FILE *in) {
    char *line = NULL;
    size_t cap = 0;
    const char *problem;
    bool exiting = false;
    int status = 0;
    while (!exiting && read_line(in, &line, &cap, &problem) >= 0) {
        Value result;
        if (problem) {
            print_json_error(problem);
        } else if (session_run(s, line, &result) < 0) {
            if (exited(s, &exiting, &status)) printf("{\"exit\":%d}\n", status);
            else if (session_error(s)[0]) print_json_error(session_error(s));
            else print_json_error(session_error_type(s));  // KeyboardInterrupt
        } else {
            char *json = value_to_json(&result);
            if (json) printf("%s\n", json);
            else print_json_error(error_message());
            free(json);
            value_free(&result);
        }
        fflush(stdout);  // a tool on the other end of a pipe is waiting
    }
    free(line);
    return status;
}
//< main-json

//> main-dot
// --dot: the Graphviz figure of a statement's tensor (or of the tensor it
// assigned), drawn above its storage, together with every variable that
// shares that storage: the figures of the chapters, for any expression.
static int run_dot(Session *s, const char *text) {
    Value result;
    if (session_run(s, text, &result) < 0) {
        bool exiting;
        int status;
        if (exited(s, &exiting, &status)) return status;
        fprintf(stderr, "%s: %s\n", session_error_type(s), session_error(s));
        return 1;
    }
    const char *assigned = session_last_assigned(s);
    const Value *shown = result.kind == VALUE_TENSOR ? &result
                       : assigned ? session_get(s, assigned) : NULL;
    if (shown == NULL || shown->kind != VALUE_TENSOR) {
        fprintf(stderr, "strides --dot: the statement has no tensor to draw\n");
        value_free(&result);
        return 1;
    }
    // The result is named by its own statement: the text after the last ';'.
    const char *name = shown == &result ? text : assigned;
    const char *last = strrchr(name, ';');
    if (shown == &result && last) name = last + 1;
    while (*name == ' ') name++;

    enum { MAX_SHOWN = 4 };
    const Tensor *tensors[MAX_SHOWN];
    const char *names[MAX_SHOWN];
    int count = 0;
    const char *var;
    for (int i = 0; (var = session_variable(s, i)) && count < MAX_SHOWN - 1; i++) {
        const Value *v = session_get(s, var);
        if (v == shown || v->kind != VALUE_TENSOR ||
            v->tensor->storage != shown->tensor->storage) {
            continue;
        }
        tensors[count] = v->tensor;
        names[count++] = var;
    }
    tensors[count] = shown->tensor;
    names[count++] = name;
    char *dot = tensors_to_dot(count, tensors, names);
    value_free(&result);
    if (dot == NULL) {
        fprintf(stderr, "strides --dot: %s\n", error_message());
        return 1;
    }
    fputs(dot, stdout);
    free(dot);
    return 0;
}
//< main-dot

//> main-help
static const char help_text[] =
    "Strides speaks a small part of PyTorch's Python. Every tensor is float32.\n"
    "\n"
    "  x = arange(12).view(3, 4)      make a tensor, name it\n"
    "  x.t()                          a view: the same storage, new strides\n"
    "  x[1, :, ::2]  x[..., None]     indexing and slicing are views too\n"
    "  x.t().contiguous()             a copy, in row-major order\n"
    "  x.stride()  x.shape  x.storage_offset()  x.is_contiguous()\n"
    "  x + 1  x * y  x @ y  -x        broadcasting arithmetic, matmul\n"
    "  x[0] = 5                       writes through the view into x\n"
    "\n"
    "Constructors  arange zeros ones full tensor rand manual_seed\n"
    "Views         view reshape contiguous t transpose permute unsqueeze squeeze\n"
    "              expand broadcast_to narrow select flatten unflatten as_strided\n"
    "Math          relu sigmoid tanh exp log abs sqrt softmax matmul\n"
    "              sum mean max argmax clone  (and fill_ zero_ copy_ in place)\n"
    "Questions     size stride shape storage_offset numel dim is_contiguous item len\n"
    "Dropout       dropout(x, p, training)  d = nn.Dropout(p)  d(x)  d.train()  d.eval()\n"
    "\n"
    "torch.f(...) and F.f(...) work too, and import torch and print(x) are\n"
    "accepted, so PyTorch code can be pasted.\n"
    "After a tensor, a '#' line shows its shape, strides, offset and contiguity.\n"
    "Tab completes names; Up and Down walk the history; Ctrl-C interrupts;\n"
    "exit() or Ctrl-D quits.\n";
//< main-help

//> main-completion
// Tab completion, through libedit's readline interface: after a '.' the
// tensor methods, otherwise variables and functions.
static Session *completing;

static char *complete_next(const char *prefix, int state) {
    static int i;
    if (state == 0) i = 0;
    int start = (int)(rl_point - strlen(prefix));
    bool method = start > 0 && rl_line_buffer[start - 1] == '.';
    const char *match = session_complete(completing, prefix, method, i++);
    return match ? strdup(match) : NULL;
}

static char **complete(const char *prefix, int start, int end) {
    (void)start;
    (void)end;
    return rl_completion_matches(prefix, complete_next);
}
//< main-completion

//> main-repl
// The interactive loop: a prompt, line editing and history from libedit,
// a "... " prompt while a bracket is open, help() and exit().
static bool is_command(const char *line, const char *word) {
    while (*line == ' ') line++;
    size_t n = strlen(word);
    if (strncmp(line, word, n) != 0) return false;
    line += n;
    if (strncmp(line, "()", 2) == 0) line += 2;
    while (*line == ' ') line++;
    return *line == '\0';
}

// Ctrl-C, as in Python: while a line is typed it abandons the line; while
// a statement runs it interrupts the statement (KeyboardInterrupt) and
// the REPL goes on. The handler only notes it, here for readline() and in
// the session for the statement; both notes are cleared before each
// prompt, so that a Ctrl-C meant for a statement never eats the next line.
static volatile sig_atomic_t interrupted;

static void on_interrupt(int signal) {
    (void)signal;
    interrupted = 1;
    session_interrupt();
}

static int run_repl(Runner *r) {
    completing = r->session;
    rl_readline_name = "strides";
    rl_attempted_completion_function = complete;
    rl_completion_append_character = '\0';
    rl_basic_word_break_characters = " \t\n()[],.=+-*/@:;#";
    struct sigaction action = {.sa_handler = on_interrupt};  // no SA_RESTART
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    char history[4096] = "";
    const char *home = getenv("HOME");
    if (home) {
        snprintf(history, sizeof history, "%s/.strides_history", home);
        using_history();
        read_history(history);
        stifle_history(1000);
    }
    printf("Strides: PyTorch's tensors, rebuilt in C. Try x = arange(12).view(3, 4)\n"
           "Type help() for help, Ctrl-D to quit.\n");

    char *pending = NULL;
    size_t pending_len = 0;
    while (!r->exiting) {
        interrupted = 0;
        session_forget_interrupt();
        char *line = readline(pending_len ? "... " : ">>> ");
        if (interrupted) {
            interrupted = 0;
            free(line);
            printf("\nKeyboardInterrupt\n");
            pending_len = 0;
            continue;
        }
        if (line == NULL) {  // Ctrl-D
            printf("\n");
            break;
        }
        if (pending_len == 0 && (is_command(line, "exit") || is_command(line, "quit"))) {
            free(line);
            break;
        }
        if (pending_len == 0 && is_command(line, "help")) {
            fputs(help_text, stdout);
            free(line);
            continue;
        }
        if (line[strspn(line, " \t")] != '\0') add_history(line);
        size_t len = strlen(line);
        char *joined = realloc(pending, pending_len + len + 2);
        if (joined == NULL) {
            free(line);
            break;
        }
        if (pending_len > 0) joined[pending_len++] = '\n';
        memcpy(joined + pending_len, line, len + 1);
        pending = joined;
        pending_len += len;
        free(line);
        // An empty line ends a statement that is still open, as in Python.
        bool give_up = len == 0;
        if (run_text(r, pending, 1, give_up)) pending_len = 0;
    }
    free(pending);
    if (home) write_history(history);
    return r->exiting ? r->exit_status : 0;
}
//< main-repl

//> main-main
// A script to run, or NULL after saying why not, in Python's words. A
// directory opens like a file on Linux and then reads as nothing at all,
// so it is refused here, before it can pass for an empty script.
static FILE *open_script(const char *path) {
    FILE *in = fopen(path, "r");
    struct stat st;
    int error = in == NULL ? errno : fstat(fileno(in), &st) < 0 ? errno
              : S_ISDIR(st.st_mode) ? EISDIR : 0;
    if (error == 0) return in;
    if (in) fclose(in);
    fprintf(stderr, "strides: can't open file '%s': [Errno %d] %s\n", path, error,
            strerror(error));
    return NULL;
}

static const char usage[] =
    "usage: strides                 the REPL (or run stdin, if it is not a terminal)\n"
    "       strides FILE            run a script, printing each expression's value\n"
    "       strides -c 'TEXT'       run TEXT (statements separated by ';' or lines)\n"
    "       strides --json          one statement per line of stdin, one JSON object\n"
    "                               per line of stdout\n"
    "       strides --dot 'TEXT'    Graphviz DOT of the tensor TEXT makes\n";

int main(int argc, char **argv) {
    Session *session = session_new();
    if (session == NULL) {
        fprintf(stderr, "strides: out of memory\n");
        return 1;
    }
    bool tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    Runner r = {.session = session};
    r.style.color = isatty(STDOUT_FILENO) && isatty(STDERR_FILENO) && !getenv("NO_COLOR");
    int status = 0;
    if (argc == 3 && strcmp(argv[1], "-c") == 0) {
        // The text runs as a script would, line by line.
        FILE *in = fmemopen(argv[2], strlen(argv[2]), "r");
        status = in ? run_script(&r, in) : 1;
        if (in) fclose(in);
    } else if (argc == 3 && strcmp(argv[1], "--dot") == 0) {
        status = run_dot(session, argv[2]);
    } else if (argc == 2 && strcmp(argv[1], "--json") == 0) {
        status = run_json(session, stdin);
    } else if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        fputs(usage, stdout);
    } else if (argc == 2 && argv[1][0] != '-') {
        FILE *in = open_script(argv[1]);
        if (in == NULL) {
            status = 2;  // Python's status for a script it can't open
        } else {
            r.file = argv[1];
            status = run_script(&r, in);
            fclose(in);
        }
    } else if (argc == 1 && tty) {
        status = run_repl(&r);
    } else if (argc == 1) {
        r.file = "<stdin>";
        status = run_script(&r, stdin);
    } else {
        fputs(usage, stderr);
        status = 2;
    }
    session_free(session);
    return status;
}
//< main-main
