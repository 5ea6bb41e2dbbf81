#include "palette.h"

#include <math.h>

// Hue from the golden ratio: neighbours in memory get very different hues,
// and no hue repeats exactly, so aliasing is never faked by a coincidence
// of a small palette (storage cells 0 and 12 look different, unlike a
// 12-colour cycle). Saturation and lightness stay pale for black text.
static Color hsl(double h, double s, double l) {
    double c = (1 - fabs(2 * l - 1)) * s;
    double hp = h * 6, x = c * (1 - fabs(fmod(hp, 2) - 1));
    double r = 0, g = 0, b = 0;
    if (hp < 1) r = c, g = x;
    else if (hp < 2) r = x, g = c;
    else if (hp < 3) g = c, b = x;
    else if (hp < 4) g = x, b = c;
    else if (hp < 5) r = x, b = c;
    else r = c, b = x;
    double m = l - c / 2;
    return RGB((uint8_t)lround((r + m) * 255), (uint8_t)lround((g + m) * 255),
               (uint8_t)lround((b + m) * 255));
}

Color storage_color(int64_t element) {
    return storage_color_shifted(element, 0);
}

Color storage_color_shifted(int64_t element, double shift) {
    double k = (double)(element < 0 ? -element : element);
    double h = fmod(0.58 + shift + k * 0.6180339887, 1.0);
    // Alternate two lightnesses so equal-ish hues next to each other still differ.
    return hsl(h, 0.70, element % 2 ? 0.80 : 0.74);
}

Color dim_color(int dim) {
    static const Color colors[] = {
        {255, 123, 114, 255},  // red
        {121, 192, 255, 255},  // blue
        {126, 231, 135, 255},  // green
        {210, 168, 255, 255},  // purple
        {255, 166, 87, 255},   // orange
        {242, 204, 96, 255},   // yellow
        {86, 212, 221, 255},   // cyan
        {255, 155, 206, 255},  // pink
    };
    return colors[(dim < 0 ? 0 : dim) % 8];
}

const Color COLOR_BG = {30, 31, 36, 255};
const Color COLOR_PANEL = {40, 42, 49, 255};
const Color COLOR_PANEL_EDGE = {62, 65, 75, 255};
const Color COLOR_TEXT = {230, 232, 236, 255};
const Color COLOR_MUTED = {160, 165, 178, 255};
const Color COLOR_FAINT = {110, 114, 126, 255};
const Color COLOR_CELL_TEXT = {20, 20, 24, 255};
const Color COLOR_UNUSED_CELL = {52, 54, 62, 255};
const Color COLOR_UNUSED_TEXT = {125, 129, 140, 255};
const Color COLOR_WALK = {255, 214, 10, 255};
const Color COLOR_PREV = {255, 214, 10, 150};
const Color COLOR_SELECT = {0, 229, 255, 255};
const Color COLOR_ERROR = {255, 107, 107, 255};
const Color COLOR_OK = {126, 231, 135, 255};
const Color COLOR_OFFSET = {255, 140, 66, 255};
const Color COLOR_SPAN = {255, 214, 10, 255};
const Color COLOR_GRID_LINE = {24, 25, 29, 255};
const Color COLOR_OVERLAY = {18, 19, 23, 235};
// Dropout: a dropped cell is dark and hatched (its memory holds 0); the
// badges on a kept cell (its x and the scale) are a muted ink on its colour.
const Color COLOR_DROPPED = {46, 40, 48, 255};
const Color COLOR_DROPPED_LINE = {82, 66, 80, 255};
const Color COLOR_DROPPED_TEXT = {150, 130, 146, 255};
const Color COLOR_BADGE_TEXT = {70, 70, 84, 255};
