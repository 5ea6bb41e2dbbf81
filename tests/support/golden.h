// Golden files: cases computed by real PyTorch (tests/golden/gen_*.py),
// committed as text, so the tests need no Python. One case per line,
// tab-separated fields; see each generator for the meaning of the fields.
#ifndef STRIDES_TEST_GOLDEN_H
#define STRIDES_TEST_GOLDEN_H

#include <stdint.h>

#define GOLDEN_MAX_FIELDS 8

typedef struct GoldenCase {
    int   line;                       // 1-based line in the file
    int   nfields;
    char *field[GOLDEN_MAX_FIELDS];   // field[0] is the case's name
} GoldenCase;

typedef struct Golden {
    const char *path;
    GoldenCase *cases;
    int         count;
    char       *text;                 // the file, cut into fields in place
} Golden;

// Load tests/golden/<name> from the source tree. 0, or -1 with a message
// on stderr (a missing file must fail the run loudly, not pass quietly).
int  golden_load(Golden *g, const char *name);
void golden_free(Golden *g);

// "2,3,4" -> {2, 3, 4}, returns 3; "" -> 0 entries. Returns -1 if there
// are more than `max` numbers or the text is not a list of integers.
int  golden_ints(const char *text, int64_t *out, int max);

// "1.5,-2,nan" -> {1.5, -2, nan}, returns the count (at most `max`).
int  golden_floats(const char *text, float *out, int max);

// "3f800000" -> 1.0f: a float32 given exactly, as the 8 hex digits of its
// bits (the generators' bits()).
float golden_float_bits(const char *hex);

// Cut `text` in place at each `sep`: parts[0..n-1] point at the pieces.
// Returns n, or -1 if there are more than `max` pieces.
int  golden_split(char *text, char sep, char **parts, int max);

// Undo the generator's escapes in place: \n, \t and \\.
char *golden_unescape(char *text);

// What checks one golden case.
typedef void (*GoldenRunner)(GoldenCase *c);

// A file whose cases are of several kinds names the kind in field[1].
typedef struct GoldenKind {
    const char  *name;                // field[1]: "repr", "layout", ...
    GoldenRunner run;
} GoldenKind;

// Run one cmocka test per case, named by its field[0]: `run` checks it.
// Returns the number of failed tests, as cmocka does. (Test programs call
// run_suite in test_main.h, which calls this.)
int  golden_run(const char *group, Golden *g, GoldenRunner run);

// The same, each case checked by the entry of `kinds` (which ends with
// {NULL, NULL}) named by its field[1]; a case of no known kind fails.
int  golden_run_kinds(const char *group, Golden *g, const GoldenKind *kinds);

#endif
