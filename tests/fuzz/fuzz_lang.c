// libFuzzer harness for the expression language (make fuzz).
//
// The input is text: each line is run as a statement in one session, as the
// REPL would run it, and everything a front end does with the outcome is
// done too (repr, JSON, the error and its column, completion), and a call
// hook reads every call's record as a subscriber would.
// An input whose first byte is odd is also run whole, as one multi-line
// text. The session is capped at 2^16 elements per tensor, so that no input
// can ask for more memory or time than the fuzzer allows; what is looked
// for is a crash, a sanitizer report, a leak, a hang, or output that a
// tool could not read: JSON that does not parse, a message that is not
// UTF-8 (both abort, which the fuzzer reports).
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/lang.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// Just enough of a JSON parser to say whether the text is one value.
static const char *json_value(const char *p);

static const char *json_string(const char *p) {
    for (p++; *p && *p != '"'; p++) {
        if ((unsigned char)*p < 0x20) return NULL;
        if (*p == '\\' && !*++p) return NULL;
    }
    return *p == '"' ? p + 1 : NULL;
}

static const char *json_list(const char *p, char close, bool keys) {
    p++;
    if (*p == close) return p + 1;
    for (;;) {
        if (keys) {
            if (*p != '"' || !(p = json_string(p)) || *p++ != ':') return NULL;
        }
        if (!(p = json_value(p))) return NULL;
        if (*p == close) return p + 1;
        if (*p++ != ',') return NULL;
    }
}

static const char *json_value(const char *p) {
    if (*p == '{') return json_list(p, '}', true);
    if (*p == '[') return json_list(p, ']', false);
    if (*p == '"') return json_string(p);
    if (strncmp(p, "true", 4) == 0 || strncmp(p, "null", 4) == 0) return p + 4;
    if (strncmp(p, "false", 5) == 0) return p + 5;
    char *end;
    strtod(p, &end);
    bool number = end > p && (*p == '-' || (*p >= '0' && *p <= '9'));
    return number ? end : NULL;
}

static bool utf8(const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        int len = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC2 ? 2 : 0;
        if (len == 0) return false;
        for (int i = 1; i < len; i++) {
            if ((p[i] & 0xC0) != 0x80) return false;
        }
        p += len;
    }
    return true;
}

static void run(Session *s, const char *line) {
    Value v;
    if (session_run(s, line, &v) == 0) {
        char *json = value_to_json(&v);
        if (json) {
            const char *end = json_value(json);
            if (end == NULL || *end != '\0') {
                fprintf(stderr, "not JSON: %s\n", json);
                abort();
            }
        }
        free(json);
        free(value_repr(&v));
        value_free(&v);
    } else {
        if (!utf8(session_error(s))) {
            fprintf(stderr, "not UTF-8: %s\n", session_error(s));
            abort();
        }
        (void)session_error_type(s);
        (void)session_error_column(s);
        (void)session_error_line(s);
        (void)session_incomplete(s);
    }
}

// A subscriber that looks at everything a record points to (the sanitizers
// see any dangling pointer) and at nothing else.
static void read_call(const CallRecord *call, void *context) {
    (void)context;
    if (call->op[0] == '\0' || (call->result && call->error != ERR_NONE)) abort();
    if (call->receiver) free(value_repr(call->receiver));
    for (int i = 0; i < call->nargs; i++) free(value_repr(&call->args[i]));
    if (call->result) free(value_repr(call->result));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Session *s = session_new();
    if (s) session_set_call_hook(s, read_call, NULL);
    char *text = malloc(size + 1);
    if (s == NULL || text == NULL) {
        session_free(s);
        free(text);
        return 0;
    }
    session_set_max_elements(s, 1 << 16);
    memcpy(text, data, size);
    text[size] = '\0';
    if (size > 0 && (data[0] & 1)) run(s, text);

    char *line = text, *end;
    do {
        end = memchr(line, '\n', (size_t)(text + size - line));
        if (end) *end = '\0';
        run(s, line);
        (void)session_complete(s, line, (size_t)(end ? end - line : 0) % 2 == 1, 0);
        if (end) line = end + 1;
    } while (end);

    const char *name = session_last_assigned(s);
    if (name) (void)session_get(s, name);
    session_free(s);
    free(text);
    return 0;
}
