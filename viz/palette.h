// Colours with a meaning. Storage element k has one colour wherever it
// shows up, so two logical cells reading the same memory look the same;
// each dimension has its own colour, used for its axis, its index and its
// term in the address ledger.
#ifndef STRIDES_VIZ_PALETTE_H
#define STRIDES_VIZ_PALETTE_H

#include <stdint.h>

#include "drawlist.h"

Color storage_color(int64_t element);  // pale: black text reads on it
// The same sequence with its hues turned by `shift` (a fraction of the
// colour wheel): a second storage gets colours of its own.
Color storage_color_shifted(int64_t element, double shift);
Color dim_color(int dim);              // strong: reads on the dark background

// The theme: a dark background so pale cells and strong accents both stand out.
extern const Color COLOR_BG, COLOR_PANEL, COLOR_PANEL_EDGE, COLOR_TEXT, COLOR_MUTED,
    COLOR_FAINT, COLOR_CELL_TEXT, COLOR_UNUSED_CELL, COLOR_UNUSED_TEXT, COLOR_WALK,
    COLOR_PREV, COLOR_SELECT, COLOR_ERROR, COLOR_OK, COLOR_OFFSET, COLOR_SPAN,
    COLOR_GRID_LINE, COLOR_OVERLAY, COLOR_DROPPED, COLOR_DROPPED_LINE, COLOR_DROPPED_TEXT,
    COLOR_BADGE_TEXT;

#endif
