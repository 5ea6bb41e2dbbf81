// strides-viz: the stride visualizer. A window when there is a display;
// otherwise (or when asked) frames rendered headless to PNG.
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "screen.h"
#include "script.h"
#include "window.h"

static const char usage[] =
    "usage: strides-viz [options]\n"
    "\n"
    "  (no options)            open the visualizer window on the default scene\n"
    "  --expr EXPR             start from EXPR instead (repeat it for several steps),\n"
    "                          e.g. --expr 'arange(12).view(3, 4).t()'\n"
    "  --screenshot PNG        render one frame to PNG, no display needed\n"
    "  --size WxH              frame or window size (default 1280x720)\n"
    "  --walk-step N           put the stride walk at element N (row-major)\n"
    "  --script FILE           run a script of commands and save its frames\n"
    "  --out DIR               where a script's `save` writes (default: .)\n"
    "  --window                run the script in a real window (SDL_VIDEODRIVER=dummy works)\n"
    "  --font NAME-OR-PATH     the font (default: DejaVu Sans Mono through fontconfig;\n"
    "                          the STRIDES_FONT environment variable works too)\n"
    "  --no-display-png PNG    with no display, write the default scene there instead\n"
    "                          of a window (what `make run` does)\n"
    "  --help                  this text\n"
    "\n"
    "In the window, press ? for the keys.\n";

typedef struct Options {
    const char *exprs[32];
    int expr_count;
    const char *screenshot, *script, *out_dir, *font, *fallback;
    int width, height;
    long long walk;
    bool window;
} Options;

static int parse(int argc, char **argv, Options *o) {
    *o = (Options){.width = 1280, .height = 720, .walk = -1};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = true;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            exit(0);
        } else if (strcmp(a, "--window") == 0) {
            o->window = true;
            takes = false;
        } else if (v == NULL) {
            fprintf(stderr, "strides-viz: %s needs a value (see --help)\n", a);
            return -1;
        } else if (strcmp(a, "--expr") == 0) {
            if (o->expr_count == 32) {
                fprintf(stderr, "strides-viz: at most 32 --expr\n");
                return -1;
            }
            o->exprs[o->expr_count++] = v;
        } else if (strcmp(a, "--screenshot") == 0) {
            o->screenshot = v;
        } else if (strcmp(a, "--script") == 0) {
            o->script = v;
        } else if (strcmp(a, "--out") == 0) {
            o->out_dir = v;
        } else if (strcmp(a, "--font") == 0) {
            o->font = v;
        } else if (strcmp(a, "--no-display-png") == 0) {
            o->fallback = v;
        } else if (strcmp(a, "--walk-step") == 0) {
            char *end;
            o->walk = strtoll(v, &end, 10);
            if (*end || o->walk < 0) {
                fprintf(stderr, "strides-viz: --walk-step wants a number >= 0, not '%s'\n", v);
                return -1;
            }
        } else if (strcmp(a, "--size") == 0) {
            if (sscanf(v, "%dx%d", &o->width, &o->height) != 2 || o->width < 200 ||
                o->height < 150 || o->width > 8192 || o->height > 8192) {
                fprintf(stderr, "strides-viz: --size wants WIDTHxHEIGHT (at least 200x150), not '%s'\n", v);
                return -1;
            }
        } else {
            fprintf(stderr, "strides-viz: unknown option '%s' (see --help)\n", a);
            return -1;
        }
        if (takes) i++;
    }
    return 0;
}

// The scene to start from: the --expr lines, or the default one.
static void start_scene(App *app, const Options *o) {
    if (o->expr_count == 0) app_command(app, DEFAULT_SCENE, false);
    for (int i = 0; i < o->expr_count; i++) app_command(app, o->exprs[i], false);
    if (o->walk >= 0) model_walk_to(&app->model, o->walk);
}

static int screenshot(const Options *o, const char *path) {
    char err[1024];
    App app;
    Screen s;
    if (app_init(&app) < 0) {
        fprintf(stderr, "strides-viz: out of memory\n");
        return 1;
    }
    start_scene(&app, o);
    int rc = 1;
    if (screen_open_headless(&s, o->width, o->height, o->font, err, sizeof err) < 0) {
        fprintf(stderr, "strides-viz: %s\n", err);
    } else {
        screen_draw(&s, &app);
        if (screen_save(&s, path, err, sizeof err) < 0) fprintf(stderr, "strides-viz: %s\n", err);
        else rc = 0;
        screen_close(&s);
    }
    if (app.model.error && !app.model.note) fprintf(stderr, "strides-viz: %s\n", app.model.error);
    app_free(&app);
    return rc;
}

static int interactive(const Options *o) {
    char err[1024];
    App app;
    Screen s;
    if (app_init(&app) < 0) {
        fprintf(stderr, "strides-viz: out of memory\n");
        return 1;
    }
    start_scene(&app, o);
    if (o->walk < 0) model_play(&app.model, true);  // show the walk right away
    if (screen_open_window(&s, o->width, o->height, o->font, err, sizeof err) < 0) {
        fprintf(stderr, "strides-viz: %s\n", err);
        app_free(&app);
        return 1;
    }
    window_run(&app, &s, real_clock, NULL);
    screen_close(&s);
    app_free(&app);
    return 0;
}

int main(int argc, char **argv) {
    Options o;
    if (parse(argc, argv, &o) < 0) return 2;
    SDL_SetHint(SDL_HINT_RENDER_VSYNC, "0");
    if (SDL_Init(0) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "strides-viz: SDL could not start: %s\n", SDL_GetError());
        return 1;
    }
    int rc;
    char why[300];
    if (o.script) {
        ScriptOptions so = {.out_dir = o.out_dir, .font = o.font, .width = o.width,
                            .height = o.height, .window = o.window};
        char err[1400];
        rc = script_run(o.script, &so, err, sizeof err) == 0 ? 0 : 1;
        if (rc) fprintf(stderr, "strides-viz: %s\n", err);
    } else if (o.screenshot) {
        rc = screenshot(&o, o.screenshot);
        if (rc == 0) printf("strides-viz: wrote %s\n", o.screenshot);
    } else if (!window_possible(why, sizeof why)) {
        const char *path = o.fallback ? o.fallback : "strides-viz.png";
        rc = screenshot(&o, path);
        if (rc == 0) {
            printf("strides-viz: %s.\n"
                   "  Instead, the default scene is rendered to %s: open it with any image\n"
                   "  viewer (xdg-open %s), or copy it to a machine with a screen.\n"
                   "  For the live window, run `make run` in a desktop session (X11 or\n"
                   "  Wayland), or over SSH with X forwarding (ssh -X) so that DISPLAY is set.\n",
                   why, path, path);
        }
    } else {
        rc = interactive(&o);
    }
    TTF_Quit();
    IMG_Quit();
    SDL_Quit();
    return rc;
}
