#include "golden.h"
#include "test_main.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#ifndef STRIDES_ROOT
#define STRIDES_ROOT "."
#endif

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    size_t cap = 1 << 16, len = 0;
    char *text = malloc(cap);
    size_t n;
    while (text && (n = fread(text + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0) {
            char *bigger = realloc(text, cap *= 2);
            if (bigger == NULL) free(text);
            text = bigger;
        }
    }
    fclose(f);
    if (text) text[len] = '\0';
    return text;
}

int golden_load(Golden *g, const char *name) {
    static char path[4096];
    snprintf(path, sizeof path, "%s/tests/golden/%s", STRIDES_ROOT, name);
    *g = (Golden){.path = path};
    g->text = read_file(path);
    if (g->text == NULL) {
        fprintf(stderr, "golden: cannot read %s: %s\n", path, strerror(errno));
        return -1;
    }
    int lines = 1;
    for (char *c = g->text; *c; c++) lines += *c == '\n';
    g->cases = calloc((size_t)lines, sizeof *g->cases);
    if (g->cases == NULL) return -1;

    char *line = g->text;
    for (int number = 1; line && *line; number++) {
        char *end = strchr(line, '\n');
        if (end) *end = '\0';
        if (*line != '\0' && *line != '#') {
            GoldenCase *c = &g->cases[g->count++];
            c->line = number;
            for (char *field = line; field && c->nfields < GOLDEN_MAX_FIELDS;) {
                c->field[c->nfields++] = field;
                field = strchr(field, '\t');
                if (field) *field++ = '\0';
            }
        }
        line = end ? end + 1 : NULL;
    }
    return 0;
}

void golden_free(Golden *g) {
    free(g->cases);
    free(g->text);
    *g = (Golden){0};
}

int golden_ints(const char *text, int64_t *out, int max) {
    int n = 0;
    const char *p = text;
    while (*p) {
        char *end;
        errno = 0;
        long long v = strtoll(p, &end, 10);
        if (end == p || errno || n == max) return -1;
        out[n++] = v;
        p = end;
        if (*p == ',') p++;
        else if (*p) return -1;
    }
    return n;
}

int golden_floats(const char *text, float *out, int max) {
    int n = 0;
    for (const char *p = text; *p && n < max;) {
        char *end;
        out[n++] = strtof(p, &end);
        p = *end == ',' ? end + 1 : end;
    }
    return n;
}

float golden_float_bits(const char *hex) {
    uint32_t bits = (uint32_t)strtoul(hex, NULL, 16);
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

int golden_split(char *text, char sep, char **parts, int max) {
    int n = 0;
    for (char *piece = text; piece; n++) {
        if (n == max) return -1;
        parts[n] = piece;
        piece = strchr(piece, sep);
        if (piece) *piece++ = '\0';
    }
    return n;
}

char *golden_unescape(char *text) {
    char *out = text;
    for (char *in = text; *in; in++) {
        if (*in == '\\' && in[1]) {
            in++;
            *out++ = *in == 'n' ? '\n' : *in == 't' ? '\t' : *in;
        } else {
            *out++ = *in;
        }
    }
    *out = '\0';
    return text;
}

// cmocka calls a test with a state only; these say what runs the case.
static GoldenRunner current_runner;
static const GoldenKind *current_kinds;

static void run_case(void **state) {
    current_runner(*state);
}

static void run_case_by_kind(void **state) {
    GoldenCase *c = *state;
    for (const GoldenKind *k = current_kinds; k->name != NULL; k++) {
        if (c->nfields > 1 && strcmp(c->field[1], k->name) == 0) {
            k->run(c);
            return;
        }
    }
    fail_msg("unknown case kind %s (line %d)", c->nfields > 1 ? c->field[1] : "(none)",
             c->line);
}

// After each case, as after every test (test_main.h).
static int report_stub(void **state) {
    (void)state;
    test_report_stub();
    return 0;
}

static int run_cases(const char *group, Golden *g, void (*test)(void **state)) {
    struct CMUnitTest *tests = calloc((size_t)(g->count ? g->count : 1), sizeof *tests);
    if (tests == NULL) return 1;
    for (int i = 0; i < g->count; i++) {
        tests[i] = (struct CMUnitTest){
            .name = g->cases[i].field[0],
            .test_func = test,
            .teardown_func = report_stub,
            .initial_state = &g->cases[i],
        };
    }
    int failed = _cmocka_run_group_tests(group, tests, (size_t)g->count, NULL, NULL);
    free(tests);
    return failed;
}

int golden_run(const char *group, Golden *g, GoldenRunner run) {
    current_runner = run;
    return run_cases(group, g, run_case);
}

int golden_run_kinds(const char *group, Golden *g, const GoldenKind *kinds) {
    current_kinds = kinds;
    return run_cases(group, g, run_case_by_kind);
}
