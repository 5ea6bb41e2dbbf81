#include "script.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "screen.h"
#include "window.h"

typedef struct Runner {
    App app;
    Screen screen;
    const ScriptOptions *o;
    double time;  // the script's own clock: only `wait` moves it
} Runner;

static double script_clock(void *ctx) {
    return ((Runner *)ctx)->time;
}

// Every event takes the path a real one would: through SDL's queue and the
// window loop when there is a window, straight to the app otherwise.
static void feed(Runner *r, SDL_Event *e) {
    if (r->screen.window) {
        SDL_PushEvent(e);
        double last = r->time;
        window_iterate(&r->app, &r->screen, script_clock, r, &last, 0);
    } else {
        app_handle_event(&r->app, e);
    }
}

static void frame(Runner *r) {
    screen_draw(&r->screen, &r->app);
    r->app.dirty = false;
}

static void text_event(Runner *r, const char *s) {
    while (*s) {
        SDL_Event e = {.type = SDL_TEXTINPUT};
        int n = 1;
        while (((unsigned char)s[n] & 0xC0) == 0x80) n++;
        memcpy(e.text.text, s, (size_t)n);
        feed(r, &e);
        s += n;
    }
}

static const struct {
    const char *name;
    SDL_Keycode key;
} key_names[] = {
    {"space", SDLK_SPACE},   {"right", SDLK_RIGHT},      {"left", SDLK_LEFT},
    {"up", SDLK_UP},         {"down", SDLK_DOWN},        {"home", SDLK_HOME},
    {"end", SDLK_END},       {"pageup", SDLK_PAGEUP},    {"pagedown", SDLK_PAGEDOWN},
    {"tab", SDLK_TAB},       {"return", SDLK_RETURN},    {"enter", SDLK_RETURN},
    {"escape", SDLK_ESCAPE}, {"esc", SDLK_ESCAPE},       {"backspace", SDLK_BACKSPACE},
    {"delete", SDLK_DELETE}, {"f1", SDLK_F1},
};

// "ctrl+s", "shift+right", "?", "space": a key down, and the text it types.
static int key_event(Runner *r, const char *spec) {
    Uint16 mod = 0;
    for (;;) {
        if (strncmp(spec, "ctrl+", 5) == 0 && spec[5]) mod |= KMOD_LCTRL, spec += 5;
        else if (strncmp(spec, "shift+", 6) == 0 && spec[6]) mod |= KMOD_LSHIFT, spec += 6;
        else break;
    }
    SDL_Keycode key = 0;
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++) {
        if (strcmp(spec, key_names[i].name) == 0) key = key_names[i].key;
    }
    bool printable = false;
    if (key == 0 && spec[0] && !spec[1] && isprint((unsigned char)spec[0])) {
        key = (SDL_Keycode)tolower((unsigned char)spec[0]);
        printable = true;
    }
    if (key == 0) return -1;
    SDL_Event e = {.type = SDL_KEYDOWN};
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = key;
    e.key.keysym.mod = mod;
    feed(r, &e);
    if (key == SDLK_SPACE) printable = true;
    if (printable && !(mod & KMOD_CTRL)) {
        char text[2] = {key == SDLK_SPACE ? ' ' : spec[0], 0};
        text_event(r, text);
    }
    return 0;
}

static const DrawCmd *target(Runner *r, const char *what, int64_t id) {
    frame(r);  // positions come from the frame as it is now
    Role role = strcmp(what, "storage") == 0 ? ROLE_STORAGE_CELL
                : strcmp(what, "cell") == 0  ? ROLE_LOGICAL_CELL
                : strcmp(what, "copy") == 0  ? ROLE_COPY_CELL
                : strcmp(what, "step") == 0  ? ROLE_TIMELINE_ITEM
                                             : ROLE_NONE;
    if (role == ROLE_TIMELINE_ITEM) id -= 1;  // steps are numbered from 1 on screen
    return role == ROLE_NONE ? NULL : drawlist_find(&r->app.list, DRAW_RECT, role, id);
}

static bool list_has_text(const DrawList *list, const char *needle) {
    for (size_t i = 0; i < list->count; i++) {
        if (list->cmds[i].kind == DRAW_TEXT && strstr(drawcmd_text(list, &list->cmds[i]), needle)) {
            return true;
        }
    }
    return false;
}

// One line of the script. Returns 0, or -1 with a message in err.
static int step(Runner *r, char *line, char *err, size_t err_size) {
    char *verb = line, *arg = line;
    while (*arg && !isspace((unsigned char)*arg)) arg++;
    if (*arg) *arg++ = '\0';
    while (isspace((unsigned char)*arg)) arg++;
    App *app = &r->app;

    if (strcmp(verb, "run") == 0) {
        text_event(r, arg);
        return key_event(r, "return");
    }
    if (strcmp(verb, "type") == 0) {
        text_event(r, arg);
        return 0;
    }
    if (strcmp(verb, "key") == 0) {
        for (char *k = strtok(arg, " "); k; k = strtok(NULL, " ")) {
            if (key_event(r, k) < 0) {
                snprintf(err, err_size, "unknown key '%.100s'", k);
                return -1;
            }
        }
        return 0;
    }
    if (strcmp(verb, "wait") == 0) {
        double seconds = strtod(arg, NULL);
        if (seconds < 0) seconds = 0;
        // In ticks, so the result does not depend on how the wait is cut.
        for (double done = 0; done < seconds - 1e-9; done += TICK_SECONDS) {
            r->time += TICK_SECONDS;
            app_advance(app, TICK_SECONDS);
        }
        return 0;
    }
    if (strcmp(verb, "walk") == 0) {
        model_walk_to(&app->model, strtoll(arg, NULL, 10));
        return 0;
    }
    if (strcmp(verb, "axes") == 0) {
        int row = -1, col = -1;
        sscanf(arg, "%d %d", &row, &col);
        model_set_axes(&app->model, row, col);
        return 0;
    }
    if (strcmp(verb, "size") == 0) {
        int w = 0, h = 0;
        if (sscanf(arg, "%dx%d", &w, &h) != 2 || w < 200 || h < 150 || w > 8192 || h > 8192) {
            snprintf(err, err_size, "size wants WIDTHxHEIGHT, at least 200x150, e.g. 1280x720");
            return -1;
        }
        return screen_resize(&r->screen, w, h, err, err_size);
    }
    if (strcmp(verb, "hover") == 0 || strcmp(verb, "click") == 0) {
        char what[16] = "";
        long long id = 0;
        SDL_Event e = {0};
        if (strcmp(arg, "none") == 0) {
            e.type = SDL_WINDOWEVENT;
            e.window.event = SDL_WINDOWEVENT_LEAVE;
            feed(r, &e);
            return 0;
        }
        sscanf(arg, "%15s %lld", what, &id);
        const DrawCmd *c = target(r, what, id);
        if (c == NULL) {
            snprintf(err, err_size, "nothing to %.10s: no %.15s %lld on screen", verb, what, id);
            return -1;
        }
        int x = c->r.x + c->r.w / 2, y = c->r.y + c->r.h / 2;
        e.type = SDL_MOUSEMOTION;
        e.motion.x = x, e.motion.y = y;
        feed(r, &e);
        if (verb[0] == 'c') {
            e = (SDL_Event){.type = SDL_MOUSEBUTTONDOWN};
            e.button.button = SDL_BUTTON_LEFT;
            e.button.x = x, e.button.y = y;
            feed(r, &e);
        }
        return 0;
    }
    if (strcmp(verb, "expect") == 0) {
        frame(r);
        if (!list_has_text(&app->list, arg)) {
            snprintf(err, err_size, "expected the text \"%.200s\" on screen", arg);
            return -1;
        }
        return 0;
    }
    if (strcmp(verb, "expect-step") == 0) {
        int want = atoi(arg);
        if (app->model.current + 1 != want) {
            snprintf(err, err_size, "expected step %d, at step %d", want, app->model.current + 1);
            return -1;
        }
        return 0;
    }
    if (strcmp(verb, "save") == 0) {
        char path[4096];
        const char *dir = r->o->out_dir;
        if (dir && *dir && arg[0] != '/') snprintf(path, sizeof path, "%.2000s/%.2000s", dir, arg);
        else snprintf(path, sizeof path, "%s", arg);
        frame(r);
        if (screen_save(&r->screen, path, err, err_size) < 0) return -1;
        if (!r->o->quiet) printf("strides-viz: wrote %s\n", path);
        return 0;
    }
    if (strcmp(verb, "reset") == 0) {
        app_free(app);
        return app_init(app);
    }
    snprintf(err, err_size, "unknown command '%.100s' (known: run type key wait walk axes size "
             "hover click expect expect-step save reset)", verb);
    return -1;
}

int script_run(const char *path, const ScriptOptions *o, char *err, size_t err_size) {
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
        return -1;
    }
    Runner *r = calloc(1, sizeof *r);
    int rc = -1;
    char message[1024] = "";  // a step's error, then "FILE:LINE: error"
    int w = o->width > 0 ? o->width : 1280, h = o->height > 0 ? o->height : 720;
    r->o = o;
    if (app_init(&r->app) < 0) {
        snprintf(message, sizeof message, "out of memory");
    } else if ((o->window ? screen_open_window : screen_open_headless)(&r->screen, w, h, o->font,
                                                                        message, sizeof message) == 0) {
        char line[4096];
        int number = 0;
        rc = 0;
        while (rc == 0 && fgets(line, sizeof line, f)) {
            number++;
            line[strcspn(line, "\r\n")] = '\0';
            char *s = line;
            while (isspace((unsigned char)*s)) s++;
            if (*s == '\0' || *s == '#') continue;
            if (step(r, s, message, sizeof message) < 0) {
                char where[1200];
                snprintf(where, sizeof where, "%.150s:%d: %.1000s", path, number, message);
                snprintf(message, sizeof message, "%.1000s", where);
                rc = -1;
            }
        }
        screen_close(&r->screen);
    }
    if (rc < 0) snprintf(err, err_size, "%s", message);
    app_free(&r->app);
    free(r);
    fclose(f);
    return rc;
}
