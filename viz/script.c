#include "script.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "parse.h"
#include "screen.h"
#include "stop.h"
#include "window.h"

typedef struct Runner {
    App app;
    Screen screen;
    const ScriptOptions *o;
    double time;              // the script's own clock: only `wait` moves it
    const char *verb;         // the command being run, for messages
    char arg[SCRIPT_LINE_MAX + 1];  // its argument as written, for messages
    char message[1024];       // what went wrong
    char line[SCRIPT_LINE_MAX + 1];  // the line being run
} Runner;

// Say what went wrong with this line; -1, for `return fail(...)`.
static int fail(Runner *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(Runner *r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof r->message, fmt, ap);
    va_end(ap);
    return -1;
}

static int stopped(Runner *r) {
    return fail(r, "stopped by %s", stop_signal_name(stop_signal()));
}

// The next word of `*s` (cut off with a NUL), or NULL at the end.
static char *next_word(char **s) {
    char *p = *s;
    while (isspace((unsigned char)*p)) p++;
    if (*p == '\0') return NULL;
    char *word = p;
    while (*p && !isspace((unsigned char)*p)) p++;
    if (*p) *p++ = '\0';
    *s = p;
    return word;
}

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

// ---- the commands -----------------------------------------------------------------

// What is typed goes into the command bar, which holds COMMAND_MAX - 1
// bytes: more would be cut off silently and a different command would run.
static int check_fits(Runner *r, const char *text) {
    size_t have = r->app.focused ? strlen(r->app.command) : 0, add = strlen(text);
    if (have + add > COMMAND_MAX - 1) {
        return fail(r, "%s: the command would be %zu bytes; the command bar holds at most %d",
                    r->verb, have + add, COMMAND_MAX - 1);
    }
    return 0;
}

static int cmd_run(Runner *r, char *arg) {
    if (check_fits(r, arg) < 0) return -1;
    text_event(r, arg);
    return key_event(r, "return");
}

static int cmd_type(Runner *r, char *arg) {
    if (check_fits(r, arg) < 0) return -1;
    text_event(r, arg);
    return 0;
}

static int cmd_key(Runner *r, char *arg) {
    char *k = next_word(&arg);
    if (k == NULL) return fail(r, "key wants one or more keys, e.g. key space");
    for (; k; k = next_word(&arg)) {
        if (key_event(r, k) < 0) return fail(r, "unknown key '%.100s'", k);
    }
    return 0;
}

static int cmd_wait(Runner *r, char *arg) {
    double seconds;
    if (!parse_seconds(arg, WAIT_MAX_SECONDS, &seconds)) {
        return fail(r, "wait wants seconds from 0 to %d, not '%.100s'", WAIT_MAX_SECONDS, r->arg);
    }
    // In ticks, so the result does not depend on how the wait is cut. Once
    // nothing moves, the rest of the wait would change nothing: skipped.
    double done = 0;
    for (; done < seconds - 1e-9; done += TICK_SECONDS) {
        if (stop_signal()) return stopped(r);
        if (!model_animating(&r->app.model)) {
            r->time += seconds - done;
            break;
        }
        r->time += TICK_SECONDS;
        app_advance(&r->app, TICK_SECONDS);
    }
    return 0;
}

// The tensor on screen: the failed view()'s input while the explainer is
// up, else the current step's.
static const Tensor *shown_tensor(const Model *m) {
    return m->explain ? m->explain->input : model_tensor(m);
}

static int cmd_walk(Runner *r, char *arg) {
    const Tensor *t = model_tensor(&r->app.model);
    if (t == NULL) return fail(r, "walk: no tensor yet (run one first)");
    int64_t numel = tensor_numel(t), n;
    if (numel == 0) return fail(r, "walk: the tensor is empty, there is nothing to walk");
    if (!parse_int(arg, 0, numel - 1, &n)) {
        return fail(r, "walk wants an element from 0 to %lld, not '%.100s'", (long long)(numel - 1),
                    r->arg);
    }
    model_walk_to(&r->app.model, n);
    return 0;
}

static int cmd_axes(Runner *r, char *arg) {
    const Tensor *t = model_tensor(&r->app.model);
    if (t == NULL) return fail(r, "axes: no tensor yet (run one first)");
    if (t->ndim < 2) return fail(r, "axes: the tensor is %d-D; a grid needs 2 dims", t->ndim);
    char *row_text = next_word(&arg), *col_text = next_word(&arg);
    int64_t row, col;
    if (row_text == NULL || col_text == NULL || next_word(&arg) ||
        !parse_int(row_text, 0, t->ndim - 1, &row) || !parse_int(col_text, 0, t->ndim - 1, &col) ||
        row == col) {
        return fail(r, "axes wants two different dims from 0 to %d (rows, then columns), not '%.100s'",
                    t->ndim - 1, r->arg);
    }
    model_set_axes(&r->app.model, (int)row, (int)col);
    return 0;
}

static int cmd_size(Runner *r, char *arg) {
    int w, h;
    if (!parse_frame_size(arg, &w, &h)) {
        return fail(r, "size wants " FRAME_SIZE_RULE ", not '%.100s'", r->arg);
    }
    return screen_resize(&r->screen, w, h, r->message, sizeof r->message);
}

// The numbers `hover WHAT N` may name: storage elements of the strip,
// logical elements, elements of a copy's new storage, steps (from 1).
static int target_range(Runner *r, const char *what, int64_t *lo, int64_t *hi) {
    const Model *m = &r->app.model;
    const Step *st = model_step(m);
    const Tensor *t = shown_tensor(m);
    bool copy = st && st->source && !m->explain;
    *lo = 0, *hi = -1;
    if (strcmp(what, "step") == 0) *lo = 1, *hi = m->count;
    else if (t == NULL) return fail(r, "%s %s: no tensor yet (run one first)", r->verb, what);
    else if (strcmp(what, "cell") == 0) *hi = tensor_numel(t) - 1;
    else if (strcmp(what, "storage") == 0) *hi = (copy ? st->source : t)->storage->size - 1;
    else if (strcmp(what, "copy") == 0 && copy) *hi = t->storage->size - 1;
    else if (strcmp(what, "copy") == 0) return fail(r, "%s copy: this step is not a copy", r->verb);
    else return fail(r, "%s wants storage K, cell N, copy K, step N or none, not '%.100s'", r->verb, r->arg);
    if (*hi < *lo) return fail(r, "%s %s: there is none on screen", r->verb, what);
    return 0;
}

// Move the mouse to a cell (and click it): the way a person points.
static int point(Runner *r, char *arg, bool press) {
    SDL_Event e = {0};
    if (strcmp(arg, "none") == 0) {
        e.type = SDL_WINDOWEVENT;
        e.window.event = SDL_WINDOWEVENT_LEAVE;
        feed(r, &e);
        return 0;
    }
    char *what = next_word(&arg), *id_text = next_word(&arg);
    int64_t lo = 0, hi = -1, id;
    if (what == NULL || id_text == NULL || next_word(&arg)) {
        return fail(r, "%s wants storage K, cell N, copy K, step N or none, not '%.100s'", r->verb,
                    r->arg);
    }
    if (target_range(r, what, &lo, &hi) < 0) return -1;
    if (!parse_int(id_text, lo, hi, &id)) {
        return fail(r, "%s %s wants a number from %lld to %lld, not '%.100s'", r->verb, what,
                    (long long)lo, (long long)hi, id_text);
    }
    const DrawCmd *c = target(r, what, id);
    if (c == NULL) return fail(r, "nothing to %s: no %s %lld on screen", r->verb, what, (long long)id);
    int x = c->r.x + c->r.w / 2, y = c->r.y + c->r.h / 2;
    e.type = SDL_MOUSEMOTION;
    e.motion.x = x, e.motion.y = y;
    feed(r, &e);
    if (press) {
        e = (SDL_Event){.type = SDL_MOUSEBUTTONDOWN};
        e.button.button = SDL_BUTTON_LEFT;
        e.button.x = x, e.button.y = y;
        feed(r, &e);
    }
    return 0;
}

static int cmd_hover(Runner *r, char *arg) {
    return point(r, arg, false);
}

static int cmd_click(Runner *r, char *arg) {
    return point(r, arg, true);
}

static int cmd_expect(Runner *r, char *arg) {
    if (*arg == '\0') return fail(r, "expect wants the text to look for on screen");
    frame(r);
    if (!list_has_text(&r->app.list, arg)) {
        return fail(r, "expected the text \"%.200s\" on screen", arg);
    }
    return 0;
}

static int cmd_expect_step(Runner *r, char *arg) {
    int64_t want;
    if (!parse_int(arg, 1, INT32_MAX, &want)) {
        return fail(r, "expect-step wants a step number from 1, not '%.100s'", r->arg);
    }
    if (r->app.model.current + 1 != want) {
        return fail(r, "expected step %lld, at step %d", (long long)want, r->app.model.current + 1);
    }
    return 0;
}

// A frame goes inside the --out folder: a relative path with no ".."
// among its parts (a symbolic link inside the folder is the user's own).
static bool stays_inside(const char *name) {
    if (name[0] == '/') return false;
    for (const char *p = name; *p;) {
        size_t len = strcspn(p, "/");
        if (len == 2 && p[0] == '.' && p[1] == '.') return false;
        p += len;
        while (*p == '/') p++;
    }
    return true;
}

static int cmd_save(Runner *r, char *arg) {
    if (*arg == '\0') return fail(r, "save wants a file name, e.g. save frame.png");
    if (!stays_inside(arg)) {
        return fail(r, "save: '%.200s' is not inside the output folder (--out): give a path "
                    "relative to it, without '..'", arg);
    }
    char path[SCRIPT_LINE_MAX + 1024];
    const char *dir = r->o->out_dir;
    if (dir && *dir) snprintf(path, sizeof path, "%.1000s/%s", dir, arg);
    else snprintf(path, sizeof path, "%s", arg);
    frame(r);
    if (screen_save(&r->screen, path, r->message, sizeof r->message) < 0) return -1;
    if (!r->o->quiet) printf("strides-viz: wrote %s\n", path);
    return 0;
}

static int cmd_reset(Runner *r, char *arg) {
    if (*arg) return fail(r, "reset takes nothing after it, not '%.100s'", r->arg);
    app_free(&r->app);
    if (app_init(&r->app) < 0) return fail(r, "out of memory");
    return 0;
}

static const struct {
    const char *verb;
    int (*run)(Runner *r, char *arg);
} commands[] = {
    {"run", cmd_run},     {"type", cmd_type},     {"key", cmd_key},
    {"wait", cmd_wait},   {"walk", cmd_walk},     {"axes", cmd_axes},
    {"size", cmd_size},   {"hover", cmd_hover},   {"click", cmd_click},
    {"expect", cmd_expect}, {"expect-step", cmd_expect_step}, {"save", cmd_save},
    {"reset", cmd_reset},
};

// One line of the script: VERB, then its argument. 0, or -1 with a message.
static int step(Runner *r, char *line) {
    char *arg = line;
    while (*arg && !isspace((unsigned char)*arg)) arg++;
    if (*arg) *arg++ = '\0';
    while (isspace((unsigned char)*arg)) arg++;
    snprintf(r->arg, sizeof r->arg, "%s", arg);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(line, commands[i].verb) == 0) {
            r->verb = commands[i].verb;
            return commands[i].run(r, arg);
        }
    }
    char known[256] = "";
    size_t len = 0;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0] && len < sizeof known; i++) {
        len += (size_t)snprintf(known + len, sizeof known - len, i ? " %s" : "%s",
                                commands[i].verb);
    }
    return fail(r, "unknown command '%.100s' (known: %s)", line, known);
}

// ---- reading the script --------------------------------------------------------------

// The next line, without its line end, into buf (SCRIPT_LINE_MAX + 1
// bytes). 1: a line; 0: the end of the file; -1: a line that is too long,
// holds a NUL byte or could not be read (the message says which). A long
// line is refused whole: cut in two, its tail would run as a command.
static int read_line(Runner *r, FILE *f, char *buf) {
    size_t len = 0;
    int c;
    while ((c = getc(f)) != EOF && c != '\n') {
        if (c == '\0') return fail(r, "a NUL byte in the line: is this a text file?");
        if (len == SCRIPT_LINE_MAX) {
            return fail(r, "the line is longer than %d bytes", SCRIPT_LINE_MAX);
        }
        buf[len++] = (char)c;
    }
    if (ferror(f)) return fail(r, "can't read the script: %s", strerror(errno));
    if (len > 0 && buf[len - 1] == '\r') len--;  // a Windows line end
    buf[len] = '\0';
    return c == EOF && len == 0 ? 0 : 1;
}

static int run_lines(Runner *r, FILE *f, int *number) {
    for (*number = 1;; ++*number) {
        int got = read_line(r, f, r->line);
        if (stop_signal()) return stopped(r);  // also what ends a read that a signal cut short
        if (got <= 0) return got;
        char *s = r->line;
        while (isspace((unsigned char)*s)) s++;
        if (*s == '\0' || *s == '#') continue;
        if (step(r, s) < 0) return -1;
    }
}

static FILE *open_script(const char *path, char *err, size_t err_size) {
    FILE *f = fopen(path, "r");
    struct stat st;
    if (f == NULL && stop_signal()) {  // opening a FIFO waits for its writer
        snprintf(err, err_size, "%s: stopped by %s", path, stop_signal_name(stop_signal()));
    } else if (f == NULL) {
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
    } else if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, err_size, "%s: is a directory, not a script", path);
        fclose(f);
        f = NULL;
    }
    return f;
}

int script_run(const char *path, const ScriptOptions *o, char *err, size_t err_size) {
    FILE *f = open_script(path, err, err_size);
    if (f == NULL) return -1;
    Runner *r = calloc(1, sizeof *r);
    if (r == NULL) {
        snprintf(err, err_size, "out of memory");
        fclose(f);
        return -1;
    }
    int rc = -1, number = 0;
    int w = o->width > 0 ? o->width : 1280, h = o->height > 0 ? o->height : 720;
    r->o = o;
    if (app_init(&r->app) < 0) {
        snprintf(err, err_size, "out of memory");
    } else if ((o->window ? screen_open_window : screen_open_headless)(&r->screen, w, h, o->font,
                                                                        err, err_size) == 0) {
        rc = run_lines(r, f, &number) < 0 ? -1 : 0;
        if (rc < 0) snprintf(err, err_size, "%.300s:%d: %s", path, number, r->message);
        screen_close(&r->screen);
    }
    app_free(&r->app);
    free(r);
    fclose(f);
    return rc;
}
