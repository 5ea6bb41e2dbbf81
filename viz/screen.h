// Where frames go: an offscreen surface drawn by SDL's software renderer
// (headless screenshots, scripts, pixel tests: deterministic, no video
// driver needed), or a window. Either way one Renderer draws the frame.
#ifndef STRIDES_VIZ_SCREEN_H
#define STRIDES_VIZ_SCREEN_H

#include <SDL.h>
#include <stdbool.h>

#include "app.h"
#include "render.h"

typedef struct Screen {
    SDL_Window   *window;   // NULL when headless
    SDL_Surface  *surface;  // the headless target
    SDL_Renderer *sdl;
    Renderer      render;
    char         *font_path;
    int           width, height;  // in pixels (the renderer's output size)
    double        scale;          // pixels per window unit (high-DPI)
} Screen;

// Both return 0, or -1 with a message in err.
int  screen_open_headless(Screen *s, int width, int height, const char *font, char *err,
                          size_t err_size);
int  screen_open_window(Screen *s, int width, int height, const char *font, char *err,
                        size_t err_size);
void screen_close(Screen *s);
int  screen_resize(Screen *s, int width, int height, char *err, size_t err_size);

// Lay out and draw the app's frame (not yet shown); then show it.
void screen_draw(Screen *s, App *app);
void screen_present(Screen *s);
// The frame drawn last, as a PNG. 0, or -1 with a message.
int  screen_save(Screen *s, const char *path, char *err, size_t err_size);

// Is a window possible here? If not, `why` says what is missing.
bool window_possible(char *why, size_t why_size);

#endif
