// Layout: the model and a window size in, a draw list out. Pure
// arithmetic on rectangles and strings, no SDL: the font is monospace, so
// the width of a string is its length times the advance, and the caller
// passes the advances (render measures them once from the real font).
#ifndef STRIDES_VIZ_LAYOUT_H
#define STRIDES_VIZ_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "drawlist.h"
#include "model.h"

typedef struct Metrics {
    int advance[TEXT_SIZES];  // pixels per character
    int line[TEXT_SIZES];     // pixels per line
} Metrics;

// Everything a frame shows: the model, and the bits of UI state the app
// keeps (the command being typed, where the mouse is).
typedef struct Scene {
    const Model *model;
    const char  *command;     // text in the command bar
    int          cursor;      // byte offset of the text cursor
    bool         focused;     // the command bar takes the keys
    int          mouse_x, mouse_y;  // -1 when outside the window
} Scene;

void layout_frame(DrawList *out, const Scene *scene, int width, int height,
                  const Metrics *metrics);

// The ledger for walk position `n` of `t`, one line per entry of `lines`
// (each up to `size` bytes). For arange(12).view(3, 4) at n = 6:
//   "index (1, 2)"
//   "address = offset + i0*s0 + i1*s1"   (with "·" for the products)
//   "        = 0 + 1·4 + 2·1"
//   "        = 6"
// Returns the number of lines written. Layout draws the same text, each
// term in its dimension's colour.
int ledger_lines(const Tensor *t, int64_t n, char lines[][160], int max_lines);

// A value as a cell shows it: "6", "-0.5", "1.2e+06".
void format_value(float v, char *buf, size_t size);

// The one-line summary of a dropout step, as the banner over its grid says
// it: "dropout p=0.5, training: kept 7 of 12, scale ×2", or "dropout
// p=0.5, eval: the output is the input itself".
void dropout_summary(const DropoutView *d, char *buf, size_t size);

#endif
