#include "screen.h"

#include <SDL_image.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonts.h"

static int open_fonts(Screen *s, const char *font, char *err, size_t err_size) {
    if (TTF_WasInit() == 0 && TTF_Init() != 0) {
        snprintf(err, err_size, "SDL_ttf could not start: %s", TTF_GetError());
        return -1;
    }
    if (s->font_path == NULL) s->font_path = font_find(font, err, err_size);
    if (s->font_path == NULL) return -1;
    return render_init(&s->render, s->sdl, s->window ? NULL : s->surface, s->font_path, s->scale, err,
                       err_size);
}

static int make_target(Screen *s, int width, int height, char *err, size_t err_size) {
    s->surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGBA32);
    if (s->surface) s->sdl = SDL_CreateSoftwareRenderer(s->surface);
    if (s->sdl == NULL) {
        snprintf(err, err_size, "can't make a %dx%d offscreen canvas: %s", width, height,
                 SDL_GetError());
        return -1;
    }
    s->width = width;
    s->height = height;
    return 0;
}

int screen_open_headless(Screen *s, int width, int height, const char *font, char *err,
                         size_t err_size) {
    memset(s, 0, sizeof *s);
    s->scale = 1;
    if (make_target(s, width, height, err, err_size) < 0 ||
        open_fonts(s, font, err, err_size) < 0) {
        screen_close(s);
        return -1;
    }
    return 0;
}

// The video driver is chosen explicitly: with no display, SDL 2.26 would
// otherwise fall back silently to an offscreen OpenGL driver.
static void choose_driver(void) {
    if (getenv("SDL_VIDEODRIVER")) return;  // the user's choice wins
#if defined(__linux__) || defined(__FreeBSD__)
    const char *wayland = getenv("WAYLAND_DISPLAY"), *x11 = getenv("DISPLAY");
    if (wayland && *wayland && x11 && *x11) SDL_SetHint(SDL_HINT_VIDEODRIVER, "wayland,x11");
    else if (wayland && *wayland) SDL_SetHint(SDL_HINT_VIDEODRIVER, "wayland");
    else if (x11 && *x11) SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11");
#endif
}

int screen_open_window(Screen *s, int width, int height, const char *font, char *err,
                       size_t err_size) {
    memset(s, 0, sizeof *s);
    choose_driver();
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        snprintf(err, err_size, "no window: SDL could not start its video driver (%s)",
                 SDL_GetError());
        return -1;
    }
    s->window = SDL_CreateWindow("Strides \xe2\x80\x94 stride visualizer", SDL_WINDOWPOS_CENTERED,
                                 SDL_WINDOWPOS_CENTERED, width, height,
                                 SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    // No vsync: the loop paces itself (and the dummy driver refuses it).
    if (s->window) s->sdl = SDL_CreateRenderer(s->window, -1, 0);
    if (s->sdl == NULL) {
        snprintf(err, err_size, "no window: %s", SDL_GetError());
        screen_close(s);
        return -1;
    }
    SDL_GetRendererOutputSize(s->sdl, &s->width, &s->height);
    s->scale = width > 0 ? (double)s->width / width : 1;
    if (s->scale < 1) s->scale = 1;
    if (open_fonts(s, font, err, err_size) < 0) {
        screen_close(s);
        return -1;
    }
    SDL_StartTextInput();
    return 0;
}

void screen_close(Screen *s) {
    render_free(&s->render);
    if (s->sdl) SDL_DestroyRenderer(s->sdl);
    if (s->surface) SDL_FreeSurface(s->surface);
    if (s->window) {
        SDL_DestroyWindow(s->window);
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
    }
    free(s->font_path);
    memset(s, 0, sizeof *s);
}

int screen_resize(Screen *s, int width, int height, char *err, size_t err_size) {
    if (s->window) {
        SDL_SetWindowSize(s->window, width, height);
        SDL_GetRendererOutputSize(s->sdl, &s->width, &s->height);
        return 0;
    }
    // A new surface needs a new software renderer, and glyph textures belong
    // to their renderer: rebuild all three.
    render_free(&s->render);
    SDL_DestroyRenderer(s->sdl);
    SDL_FreeSurface(s->surface);
    s->sdl = NULL;
    s->surface = NULL;
    if (make_target(s, width, height, err, err_size) < 0) return -1;
    return render_init(&s->render, s->sdl, s->window ? NULL : s->surface, s->font_path, s->scale, err,
                       err_size);
}

void screen_draw(Screen *s, App *app) {
    if (s->window) SDL_GetRendererOutputSize(s->sdl, &s->width, &s->height);
    app_layout(app, s->width, s->height, &s->render.metrics);
    render_draw(&s->render, &app->list);
}

void screen_present(Screen *s) {
    if (s->window) SDL_RenderPresent(s->sdl);
}

// IMG_SavePNG would report success on a full disk (or /dev/full): stdio
// buffers the bytes, and the error only shows when they are flushed, at a
// close whose result it ignores. So the file is ours, and every write and
// the close are checked.
static int write_png(SDL_Surface *shot, const char *path, char *err, size_t err_size) {
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        snprintf(err, err_size, "can't write %s: %s", path, strerror(errno));
        return -1;
    }
    SDL_RWops *rw = SDL_RWFromFP(f, SDL_FALSE);  // closing rw leaves f open
    int rc = rw ? IMG_SavePNG_RW(shot, rw, 1) : -1;
    if (rc != 0) snprintf(err, err_size, "can't write %s: %s", path, SDL_GetError());
    if (rc == 0 && (fflush(f) != 0 || ferror(f))) {
        snprintf(err, err_size, "can't write %s: %s", path, strerror(errno));
        rc = -1;
    }
    if (fclose(f) != 0 && rc == 0) {
        snprintf(err, err_size, "can't write %s: %s", path, strerror(errno));
        rc = -1;
    }
    return rc;
}

int screen_save(Screen *s, const char *path, char *err, size_t err_size) {
    SDL_Surface *shot = s->surface;
    if (s->window) {  // read the frame back before it is presented
        shot = SDL_CreateRGBSurfaceWithFormat(0, s->width, s->height, 32, SDL_PIXELFORMAT_RGBA32);
        if (shot == NULL ||
            SDL_RenderReadPixels(s->sdl, NULL, SDL_PIXELFORMAT_RGBA32, shot->pixels, shot->pitch) != 0) {
            snprintf(err, err_size, "can't read the frame back: %s", SDL_GetError());
            SDL_FreeSurface(shot);
            return -1;
        }
    }
    int rc = write_png(shot, path, err, err_size);
    if (shot != s->surface) SDL_FreeSurface(shot);
    return rc;
}

bool window_possible(char *why, size_t why_size) {
    if (getenv("SDL_VIDEODRIVER")) return true;
#if defined(__linux__) || defined(__FreeBSD__)
    const char *x11 = getenv("DISPLAY"), *wayland = getenv("WAYLAND_DISPLAY");
    if ((x11 && *x11) || (wayland && *wayland)) return true;
    snprintf(why, why_size, "no display server: neither DISPLAY (X11) nor WAYLAND_DISPLAY "
             "(Wayland) is set, so no window can open here");
    return false;
#else
    (void)why, (void)why_size;
    return true;  // macOS and Windows always have their window system
#endif
}
