// Stubs: which exercise's stub stopped a test. Read as data, never from a
// message: the test runner prints "[   STUB   ] 3.2" after a test whose
// last failure was error_not_implemented("3.2") (tests/support/
// test_main.c asks error_exercise()), and a probe program records an
// observation "stub" whose value is the id (tests/exercises/exercise_core.h).
// A failed test stopped by its own exercise's stub is "not implemented";
// by another exercise's, it is "blocked by exercise 3.2".
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <string.h>

#include "../common/xalloc.h"

static const char STUB_LINE[] = "[   STUB   ] ";

// The id after the first stub line in [from, to) (to NULL: the end).
char *stub_in_output(const char *from, const char *to) {
    size_t n = sizeof STUB_LINE - 1;
    for (const char *line = from; line && *line && (!to || line < to);) {
        const char *end = strchr(line, '\n');
        if (line_starts(line, STUB_LINE)) {
            const char *id = line + n;
            size_t len = end ? (size_t)(end - id) : strlen(id);
            while (len > 0 && (id[len - 1] == '\r' || id[len - 1] == ' ')) len--;
            if (len > 0) return xstrndup(id, len);
        }
        line = end ? end + 1 : NULL;
    }
    return NULL;
}

// The value of the first observation "stub" (KIND TAB WHERE TAB LABEL TAB VALUE).
static char *stub_in_observations(const char *obs) {
    for (const char *line = obs; line && *line;) {
        const char *end = strchr(line, '\n');
        if (line_starts(line, "stub\t")) {
            const char *value = line;
            for (int tabs = 0; tabs < 3 && value; tabs++) {
                value = strchr(value, '\t');
                if (value && (!end || value < end)) value++;
                else value = NULL;
            }
            size_t len = value ? (end ? (size_t)(end - value) : strlen(value)) : 0;
            if (len > 0) return xstrndup(value, len);
        }
        line = end ? end + 1 : NULL;
    }
    return NULL;
}

char *stub_of_run(const char *output, const char *observations) {
    char *id = stub_in_observations(observations);
    return id ? id : stub_in_output(output, NULL);
}

const char *job_blocked_by(const Job *j) {
    if (!j->test || j->passed || !j->stub) return NULL;
    return strcmp(j->stub, j->test->exercise) != 0 ? j->stub : NULL;
}
