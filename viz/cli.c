#include "cli.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "parse.h"
#include "screen.h"
#include "script.h"
#include "stop.h"
#include "window.h"

static const char usage[] =
    "usage: strides-viz [options]\n"
    "\n"
    "  (no options)            open the visualizer window on the default scene\n"
    "  --expr EXPR             start from EXPR instead (repeat it for several steps, up to 32),\n"
    "                          e.g. --expr 'arange(12).view(3, 4).t()'\n"
    "  --screenshot PNG        render one frame to PNG, no display needed\n"
    "  --size WxH              frame or window size (default 1280x720; width 200 to 8192,\n"
    "                          height 150 to 8192)\n"
    "  --walk-step N           put the stride walk at element N (row-major, 0 to numel - 1)\n"
    "  --script FILE           run a script of commands and save its frames\n"
    "  --out DIR               where a script's `save` writes (default: .); it must exist\n"
    "  --window                run the script in a real window (SDL_VIDEODRIVER=dummy works)\n"
    "  --font NAME-OR-PATH     the font (default: DejaVu Sans Mono through fontconfig;\n"
    "                          the STRIDES_FONT environment variable works too)\n"
    "  --no-display-png PNG    with no display, write the default scene there instead\n"
    "                          of a window (what `make run` does)\n"
    "  --help                  this text\n"
    "\n"
    "In the window, press ? for the keys.\n";

// One option that takes a value. 0, or -1 with a message.
static int take_value(Options *o, const char *flag, const char *v, char *err, size_t err_size) {
    if (strcmp(flag, "--expr") == 0) {
        if (o->expr_count == CLI_MAX_EXPRS) {
            snprintf(err, err_size, "at most %d --expr", CLI_MAX_EXPRS);
            return -1;
        }
        o->exprs[o->expr_count++] = v;
    } else if (strcmp(flag, "--screenshot") == 0) {
        o->screenshot = v;
    } else if (strcmp(flag, "--script") == 0) {
        o->script = v;
    } else if (strcmp(flag, "--out") == 0) {
        o->out_dir = v;
    } else if (strcmp(flag, "--font") == 0) {
        o->font = v;
    } else if (strcmp(flag, "--no-display-png") == 0) {
        o->fallback = v;
    } else if (strcmp(flag, "--walk-step") == 0) {
        int64_t n;
        if (!parse_int(v, 0, INT64_MAX, &n)) {
            snprintf(err, err_size, "--walk-step wants an element number from 0, not '%.100s'", v);
            return -1;
        }
        o->walk = n;
    } else if (strcmp(flag, "--size") == 0) {
        if (!parse_frame_size(v, &o->width, &o->height)) {
            snprintf(err, err_size, "--size wants " FRAME_SIZE_RULE ", not '%.100s'", v);
            return -1;
        }
    }
    return 0;
}

// --out must name a folder that is there: otherwise every `save` fails,
// after the script has done all its work.
static int check_out_dir(const char *dir, char *err, size_t err_size) {
    struct stat st;
    if (dir == NULL) return 0;
    if (stat(dir, &st) != 0) {
        snprintf(err, err_size, "--out %.200s: %s", dir, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(err, err_size, "--out %.200s: not a directory", dir);
        return -1;
    }
    return 0;
}

static bool takes_value(const char *flag) {
    static const char *const flags[] = {"--expr", "--screenshot", "--script", "--out",
                                        "--font", "--no-display-png", "--walk-step", "--size"};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        if (strcmp(flag, flags[i]) == 0) return true;
    }
    return false;
}

int cli_parse(int argc, char **argv, Options *o, char *err, size_t err_size) {
    *o = (Options){.width = 1280, .height = 720, .walk = -1};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            o->help = true;
        } else if (strcmp(a, "--window") == 0) {
            o->window = true;
        } else if (!takes_value(a)) {
            snprintf(err, err_size, "unknown option '%.100s' (see --help)", a);
            return -1;
        } else if (i + 1 == argc) {
            snprintf(err, err_size, "%.100s needs a value (see --help)", a);
            return -1;
        } else if (take_value(o, a, argv[++i], err, err_size) < 0) {
            return -1;
        }
    }
    return check_out_dir(o->out_dir, err, err_size);
}

// The scene to start from: the --expr lines, or the default one; the walk
// where --walk-step puts it, which must be inside the tensor. 0, or -1.
static int start_scene(App *app, const Options *o) {
    if (o->expr_count == 0) app_command(app, DEFAULT_SCENE, false);
    for (int i = 0; i < o->expr_count; i++) app_command(app, o->exprs[i], false);
    if (o->walk < 0) return 0;
    const Tensor *t = model_tensor(&app->model);
    int64_t numel = t ? tensor_numel(t) : 0;
    if (o->walk >= numel) {
        fprintf(stderr, "strides-viz: --walk-step %lld: the tensor has %lld elements%s\n", o->walk,
                (long long)numel, numel ? ", numbered from 0" : "");
        return -1;
    }
    model_walk_to(&app->model, o->walk);
    return 0;
}

// The app with the scene the options ask for; 0, or the exit status.
static int open_app(App *app, const Options *o) {
    if (app_init(app) < 0) {
        fprintf(stderr, "strides-viz: out of memory\n");
        return 1;
    }
    if (start_scene(app, o) < 0) {
        app_free(app);
        return 2;
    }
    return 0;
}

static int screenshot(const Options *o, const char *path) {
    char err[1024];
    App app;
    Screen s;
    int status = open_app(&app, o);
    if (status != 0) return status;
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
    int status = open_app(&app, o);
    if (status != 0) return status;
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

// A script, stopped cleanly by SIGINT or SIGTERM: 128 + the signal then.
static int script(const Options *o) {
    stop_on_signals();
    ScriptOptions so = {.out_dir = o->out_dir, .font = o->font, .width = o->width,
                        .height = o->height, .window = o->window};
    char err[1400];
    if (script_run(o->script, &so, err, sizeof err) == 0) return 0;
    fprintf(stderr, "strides-viz: %s\n", err);
    return stop_signal() ? 128 + stop_signal() : 1;
}

// No display: the default scene (or the --expr ones) as a PNG, and why.
static int no_display(const Options *o, const char *why) {
    const char *path = o->fallback ? o->fallback : "strides-viz.png";
    int rc = screenshot(o, path);
    if (rc == 0) {
        printf("strides-viz: %s.\n"
               "  Instead, the default scene is rendered to %s: open it with any image\n"
               "  viewer (xdg-open %s), or copy it to a machine with a screen.\n"
               "  For the live window, run `make run` in a desktop session (X11 or\n"
               "  Wayland), or over SSH with X forwarding (ssh -X) so that DISPLAY is set.\n",
               why, path, path);
    }
    return rc;
}

// What was printed must have reached its reader: a full disk or a closed
// pipe on standard output is a failure, not a silent success.
static int check_stdout(int rc) {
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "strides-viz: can't write to standard output: %s\n", strerror(errno));
        return rc ? rc : 1;
    }
    return rc;
}

int viz_main(int argc, char **argv) {
    Options o;
    char err[600];
    if (cli_parse(argc, argv, &o, err, sizeof err) < 0) {
        fprintf(stderr, "strides-viz: %s\n", err);
        return 2;
    }
    if (o.help) return check_stdout(fputs(usage, stdout) < 0);
    SDL_SetHint(SDL_HINT_RENDER_VSYNC, "0");
    if (SDL_Init(0) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "strides-viz: SDL could not start: %s\n", SDL_GetError());
        return 1;
    }
    int rc;
    char why[300];
    if (o.script) {
        rc = script(&o);
    } else if (o.screenshot) {
        rc = screenshot(&o, o.screenshot);
        if (rc == 0) printf("strides-viz: wrote %s\n", o.screenshot);
    } else if (!window_possible(why, sizeof why)) {
        rc = no_display(&o, why);
    } else {
        rc = interactive(&o);
    }
    TTF_Quit();
    IMG_Quit();
    SDL_Quit();
    return check_stdout(rc);
}
