// Render: draws a draw list with SDL_Renderer and SDL_ttf. The only part
// that touches pixels. Works the same on a window's renderer and on the
// software renderer of an offscreen surface (headless screenshots).
#ifndef STRIDES_VIZ_RENDER_H
#define STRIDES_VIZ_RENDER_H

#include <SDL.h>
#include <SDL_ttf.h>

#include "drawlist.h"
#include "layout.h"

enum { GLYPH_SLOTS = 512 };

typedef struct Glyph {
    uint32_t     codepoint;  // 0: empty slot
    bool         missing;    // the font has no such glyph
    SDL_Texture *texture;    // white on transparent, tinted per draw (window)
    uint8_t     *coverage;   // w*h alpha values (surface)
    int          w, h;
} Glyph;

typedef struct Renderer {
    SDL_Renderer *sdl;
    // Drawing on a surface we own (headless), rectangles and text are
    // written straight into its pixels: SDL 2.26's SDL_FillRect uses
    // streaming stores that make small rectangles ~100x slower than a plain
    // loop (14 us for a 40x30 cell). Lines and arcs still go through `sdl`.
    SDL_Surface  *target;
    TTF_Font     *fonts[TEXT_SIZES];
    Metrics       metrics;
    Glyph         glyphs[TEXT_SIZES][GLYPH_SLOTS];  // open addressing by codepoint
} Renderer;

// Open the font at three sizes for `sdl` (scaled by `scale` for high-DPI
// outputs); `target` is the surface `sdl` draws on when it is ours, else
// NULL. 0, or -1 with a message in `err`.
int  render_init(Renderer *r, SDL_Renderer *sdl, SDL_Surface *target, const char *font_path,
                 double scale, char *err, size_t err_size);
void render_free(Renderer *r);
void render_draw(Renderer *r, const DrawList *list);

#endif
