// The command line of strides-viz: its options, read strictly, and the
// program itself (a window, a screenshot, or a script), so that tests can
// run it as a user would, in-process or in a forked child.
#ifndef STRIDES_VIZ_CLI_H
#define STRIDES_VIZ_CLI_H

#include <stdbool.h>
#include <stddef.h>

#define CLI_MAX_EXPRS 32

typedef struct Options {
    const char *exprs[CLI_MAX_EXPRS];
    int expr_count;
    const char *screenshot, *script, *out_dir, *font, *fallback;
    int width, height;
    long long walk;  // --walk-step, or -1
    bool window;
    bool help;
} Options;

// Read argv into o. 0, or -1 with a message (no "strides-viz: " prefix) in err.
int cli_parse(int argc, char **argv, Options *o, char *err, size_t err_size);

// What main() does. Returns the exit status: 0; 1 when something failed;
// 2 for a bad command line; 128 + N when signal N stopped a script.
int viz_main(int argc, char **argv);

#endif
