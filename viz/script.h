// Scripts: a plain-text list of things a person would do (type a command,
// press keys, point at cells, let time pass) and frames to save. The
// book's screenshots and the pixel tests are made this way. See
// docs/visualizer.md for the commands.
#ifndef STRIDES_VIZ_SCRIPT_H
#define STRIDES_VIZ_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

// A script line is at most this many bytes (a longer one is an error).
#define SCRIPT_LINE_MAX 4095
// A `wait` is at most an hour of the script's own clock (216,000 ticks).
#define WAIT_MAX_SECONDS 3600

typedef struct ScriptOptions {
    const char *out_dir;  // where `save NAME` writes (default: the current folder)
    const char *font;     // NULL: the default font
    int width, height;    // the starting size
    bool window;          // drive a real window through SDL's event queue
    bool quiet;           // don't print "wrote ..."
} ScriptOptions;

// Run the script in `path`. 0, or -1 with "FILE:LINE: message" in err
// (stopped early, when a SIGINT or SIGTERM was caught: see stop.h).
int script_run(const char *path, const ScriptOptions *options, char *err, size_t err_size);

#endif
