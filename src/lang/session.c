//> session-lifetime
// The Session API of lang.h: a thin layer over the parser and the
// evaluator that keeps the variables and the last error.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "lang/interp.h"

Session *session_new(void) {
    Session *s = calloc(1, sizeof *s);
    if (s == NULL) return NULL;
    s->max_elements = LANG_MAX_ELEMENTS;
    s->rng = rng_new(67280421310721u);  // PyTorch's default seed, for show
    s->error.offset = -1;
    return s;
}

void session_free(Session *s) {
    if (s == NULL) return;
    for (int i = 0; i < s->nvars; i++) {
        free(s->vars[i].name);
        value_free(&s->vars[i].value);
    }
    free(s->vars);
    free(s->last_assigned);
    free(s);
}

void session_set_max_elements(Session *s, int64_t max_elements) {
    s->max_elements = max_elements;
}

void session_set_call_hook(Session *s, CallHook hook, void *context) {
    s->call_hook = hook;
    s->call_context = context;
}
//< session-lifetime


//> session-run
// Parse the whole line first: a syntax error anywhere means nothing runs.
// Then run its statements; the last one's value is the result.
static void locate_error(Session *s, const char *text) {
    s->error.line = 0;
    s->error.column = -1;
    if (s->error.offset < 0) return;
    // Count lines and characters (not bytes: a UTF-8 character is one
    // column) up to the offset.
    int column = 0;
    for (int i = 0; i < s->error.offset && text[i]; i++) {
        if (text[i] == '\n') {
            s->error.line++;
            column = 0;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            column++;
        }
    }
    // Only syntax and name errors point somewhere (lang.h's promise).
    bool points = s->error.exception == EXC_SYNTAX || s->error.exception == EXC_NAME ||
                  s->error.exception == EXC_ATTRIBUTE;
    s->error.column = points ? column : -1;
}

int session_run(Session *s, const char *line, Value *result) {
    *result = (Value){.kind = VALUE_NONE};
    s->error.incomplete = false;
    s->error.offset = -1;
    s->error.message[0] = '\0';
    if (strlen(line) > LANG_MAX_LINE) {
        raise_error(s, EXC_SYNTAX, -1, "line too long (more than %d characters)",
                    LANG_MAX_LINE);
        locate_error(s, line);
        return -1;
    }
    Program program;
    char message[128];
    int offset;
    if (parse_program(line, &program, message, &offset, &s->error.incomplete) < 0) {
        raise_error(s, EXC_SYNTAX, offset, "%s", message);
        locate_error(s, line);
        return -1;
    }
    int rc = run_program(s, &program, result);
    program_free(&program);
    if (rc < 0) {
        value_free(result);
        locate_error(s, line);
    }
    return rc;
}
//< session-run

//> session-queries
const char *session_error(const Session *s) { return s->error.message; }
int session_error_column(const Session *s) { return s->error.column; }
int session_error_line(const Session *s) { return s->error.line; }
bool session_incomplete(const Session *s) { return s->error.incomplete; }

ExceptionClass session_exception(const Session *s) { return s->error.exception; }
ErrorKind session_error_kind(const Session *s) { return s->error.library; }

const char *session_error_type(const Session *s) {
    return exception_name(s->error.exception);
}

int session_exit_status(const Session *s) { return s->exit_status; }

const Value *session_get(const Session *s, const char *name) {
    for (int i = 0; i < s->nvars; i++) {
        if (strcmp(s->vars[i].name, name) == 0) return &s->vars[i].value;
    }
    return NULL;
}

const char *session_last_assigned(const Session *s) { return s->last_assigned; }

const char *session_variable(const Session *s, int i) {
    return i >= 0 && i < s->nvars ? s->vars[i].name : NULL;
}
//< session-queries
