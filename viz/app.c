#include "app.h"

#include <stdlib.h>
#include <string.h>

#include "command.h"

int app_init(App *app) {
    memset(app, 0, sizeof *app);
    model_init(&app->model);
    app->mouse_x = app->mouse_y = -1;
    app->dirty = true;
    app->session = session_new();
    if (app->session == NULL) return -1;
    // Each step keeps per-element bookkeeping (12 bytes an element), so the
    // visualizer stops well before the language's own limit.
    session_set_max_elements(app->session, VIZ_MAX_ELEMENTS);
    return 0;
}

void app_free(App *app) {
    model_free(&app->model);
    session_free(app->session);
    for (int i = 0; i < app->history_count; i++) free(app->history[i]);
    drawlist_free(&app->list);
    memset(app, 0, sizeof *app);
}

static void remember(App *app, const char *line) {
    if (app->history_count > 0 && strcmp(app->history[app->history_count - 1], line) == 0) return;
    char *copy = malloc(strlen(line) + 1);
    if (copy == NULL) return;
    strcpy(copy, line);
    if (app->history_count == HISTORY_MAX) {
        free(app->history[0]);
        memmove(app->history, app->history + 1, (HISTORY_MAX - 1) * sizeof app->history[0]);
        app->history_count--;
    }
    app->history[app->history_count++] = copy;
}

void app_command(App *app, const char *line, bool animate) {
    CommandOutcome out = command_run(app->session, &app->model, line, animate);
    if (out == COMMAND_EXIT) {
        app->quit = true;
        return;
    }
    if (out != COMMAND_EMPTY) remember(app, line);
    app->history_pos = app->history_count;
    // Success empties the bar and hands the keys back to the shortcuts; an
    // error keeps the text there to be fixed.
    if (out == COMMAND_STEP || out == COMMAND_VALUE || out == COMMAND_EMPTY) {
        app->command[0] = '\0';
        app->cursor = 0;
        app->focused = false;
    } else {
        snprintf(app->command, sizeof app->command, "%s", line);
        app->cursor = (int)strlen(app->command);
        app->focused = true;
    }
    app->dirty = true;
}

// ---- editing the command line -----------------------------------------------------

static void set_command(App *app, const char *text) {
    snprintf(app->command, sizeof app->command, "%s", text);
    app->cursor = (int)strlen(app->command);
}

static void insert_text(App *app, const char *text) {
    size_t len = strlen(app->command), add = strlen(text);
    if (len + add >= COMMAND_MAX) return;
    memmove(app->command + app->cursor + add, app->command + app->cursor, len - (size_t)app->cursor + 1);
    memcpy(app->command + app->cursor, text, add);
    app->cursor += (int)add;
}

// Cursor moves and deletions go by whole UTF-8 characters.
static int char_before(const App *app, int at) {
    do at--; while (at > 0 && ((unsigned char)app->command[at] & 0xC0) == 0x80);
    return at < 0 ? 0 : at;
}

static int char_after(const App *app, int at) {
    int len = (int)strlen(app->command);
    if (at >= len) return len;
    do at++; while (at < len && ((unsigned char)app->command[at] & 0xC0) == 0x80);
    return at;
}

static void delete_range(App *app, int from, int to) {
    if (to <= from) return;
    memmove(app->command + from, app->command + to, strlen(app->command + to) + 1);
    app->cursor = from;
}

static void history_move(App *app, int delta) {
    int pos = app->history_pos + delta;
    if (pos < 0 || pos > app->history_count) return;
    if (app->history_pos == app->history_count) snprintf(app->draft, sizeof app->draft, "%s", app->command);
    app->history_pos = pos;
    set_command(app, pos == app->history_count ? app->draft : app->history[pos]);
}

static void edit_key(App *app, SDL_Keycode key, Uint16 mod) {
    bool ctrl = mod & KMOD_CTRL;
    int len = (int)strlen(app->command);
    switch (key) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER: {
        char line[COMMAND_MAX];
        snprintf(line, sizeof line, "%s", app->command);
        app_command(app, line, true);
        break;
    }
    case SDLK_ESCAPE:  // leave the bar, and let go of the error it showed
        app->focused = false;
        model_clear_error(&app->model);
        break;
    case SDLK_BACKSPACE: delete_range(app, char_before(app, app->cursor), app->cursor); break;
    case SDLK_DELETE: delete_range(app, app->cursor, char_after(app, app->cursor)); break;
    case SDLK_LEFT: app->cursor = char_before(app, app->cursor); break;
    case SDLK_RIGHT: app->cursor = char_after(app, app->cursor); break;
    case SDLK_HOME: app->cursor = 0; break;
    case SDLK_END: app->cursor = len; break;
    case SDLK_UP: history_move(app, -1); break;
    case SDLK_DOWN: history_move(app, +1); break;
    case SDLK_a: if (ctrl) app->cursor = 0; break;
    case SDLK_e: if (ctrl) app->cursor = len; break;
    case SDLK_u: if (ctrl) delete_range(app, 0, app->cursor); break;
    case SDLK_k: if (ctrl) app->command[app->cursor] = '\0'; break;
    default: break;
    }
}

// ---- shortcuts (the command bar is not focused) -----------------------------------

static void timeline_move(App *app, int delta) {
    Model *m = &app->model;
    model_clear_error(m);
    model_goto(m, m->current + delta, true);
}

// Returns true when the key was a shortcut.
static bool shortcut(App *app, SDL_Keycode key, Uint16 mod) {
    Model *m = &app->model;
    bool shift = mod & KMOD_SHIFT;
    if (m->help && key != SDLK_F1 && !(key == SDLK_SLASH && shift)) {
        m->help = false;  // any key closes the help
        return true;
    }
    switch (key) {
    case SDLK_SPACE: model_play(m, !m->playing); return true;
    case SDLK_RIGHT: model_walk_by(m, shift ? 10 : 1); m->playing = false; return true;
    case SDLK_LEFT: model_walk_by(m, shift ? -10 : -1); m->playing = false; return true;
    case SDLK_UP:
    case SDLK_PLUS:
    case SDLK_KP_PLUS:
    case SDLK_EQUALS: model_change_speed(m, +1); return true;
    case SDLK_DOWN:
    case SDLK_MINUS:
    case SDLK_KP_MINUS: model_change_speed(m, -1); return true;
    case SDLK_HOME: model_walk_to(m, 0); return true;
    case SDLK_END: model_walk_to(m, INT64_MAX); return true;
    case SDLK_PAGEUP:
    case SDLK_LEFTBRACKET: timeline_move(app, -1); return true;
    case SDLK_PAGEDOWN:
    case SDLK_RIGHTBRACKET: timeline_move(app, +1); return true;
    case SDLK_TAB: model_cycle_axes(m); return true;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_COLON: app->focused = true; return true;
    case SDLK_SEMICOLON: if (shift) app->focused = true; return shift;  // ':' on US keyboards
    case SDLK_F1: m->help = !m->help; return true;
    case SDLK_SLASH: if (shift) m->help = !m->help; return shift;  // '?'
    case SDLK_QUESTION: m->help = !m->help; return true;
    case SDLK_ESCAPE:
        if (m->error) model_clear_error(m);
        else m->pinned_addr = -1;
        return true;
    default: return false;
    }
}

static void handle_key(App *app, const SDL_KeyboardEvent *k) {
    SDL_Keycode key = k->keysym.sym;
    Uint16 mod = k->keysym.mod;
    if ((mod & KMOD_CTRL) && key == SDLK_q) {
        app->quit = true;
        return;
    }
    if ((mod & KMOD_CTRL) && key == SDLK_s) {
        app->save_requested = true;
        return;
    }
    // A dropout step: Ctrl+T flips training and evaluation; Ctrl+R runs
    // its command again, for a new mask (a new step), unless a command is
    // being typed.
    if ((mod & KMOD_CTRL) && key == SDLK_t) {
        model_toggle_dropout(&app->model);
        return;
    }
    if ((mod & KMOD_CTRL) && key == SDLK_r) {
        const Step *step = model_step(&app->model);
        if (step && step->dropout && !app->model.explain && app->command[0] == '\0') {
            char line[COMMAND_MAX];
            snprintf(line, sizeof line, "%s", step->label);
            app_command(app, line, true);
        }
        return;
    }
    if (app->focused) {
        if (key == SDLK_F1) app->model.help = !app->model.help;
        else edit_key(app, key, mod);
        return;
    }
    // A shortcut on a printable key also produces a text event next; it
    // must not start a command.
    if (shortcut(app, key, mod) && key >= ' ' && key < 127) app->swallow_text = true;
}

// ---- the mouse ---------------------------------------------------------------------

static void hover(App *app) {
    Model *m = &app->model;
    const DrawCmd *s = drawlist_hit(&app->list, DRAW_RECT, ROLE_STORAGE_CELL, app->mouse_x, app->mouse_y);
    const DrawCmd *c = drawlist_hit(&app->list, DRAW_RECT, ROLE_LOGICAL_CELL, app->mouse_x, app->mouse_y);
    m->hover_addr = s && !m->explain ? s->id : -1;
    m->hover_flat = c ? c->id : -1;
}

static void click(App *app, int x, int y) {
    Model *m = &app->model;
    const DrawCmd *hit;
    if ((hit = drawlist_hit(&app->list, DRAW_RECT, ROLE_STORAGE_CELL, x, y)) && !m->explain) {
        m->pinned_addr = m->pinned_addr == hit->id ? -1 : hit->id;
    } else if ((hit = drawlist_hit(&app->list, DRAW_RECT, ROLE_LOGICAL_CELL, x, y)) && !m->explain) {
        model_walk_to(m, hit->id);
        m->playing = false;
    } else if ((hit = drawlist_hit(&app->list, DRAW_RECT, ROLE_TIMELINE_ITEM, x, y))) {
        model_clear_error(m);
        model_goto(m, (int)hit->id, true);
    } else if (drawlist_hit(&app->list, DRAW_RECT, ROLE_COMMAND, x, y)) {
        app->focused = true;
    } else if (m->help) {
        m->help = false;
    }
}

void app_handle_event(App *app, const SDL_Event *e) {
    switch (e->type) {
    case SDL_QUIT: app->quit = true; break;
    case SDL_KEYDOWN: handle_key(app, &e->key); app->dirty = true; break;
    case SDL_TEXTINPUT:
        if (app->swallow_text) {
            app->swallow_text = false;
        } else {
            // Typing anywhere starts a new command: no need to click the bar
            // first (the last one is a press of Up away, in the history).
            if (!app->focused) {
                app->model.help = false;
                app->command[0] = '\0';
                app->cursor = 0;
                app->history_pos = app->history_count;
            }
            app->focused = true;
            insert_text(app, e->text.text);
            app->dirty = true;
        }
        break;
    case SDL_MOUSEMOTION:
        app->mouse_x = e->motion.x;
        app->mouse_y = e->motion.y;
        hover(app);
        app->dirty = true;
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.button == SDL_BUTTON_LEFT) click(app, e->button.x, e->button.y);
        app->dirty = true;
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_LEAVE) {
            app->mouse_x = app->mouse_y = -1;
            app->model.hover_addr = app->model.hover_flat = -1;
        }
        app->dirty = true;
        break;
    default: break;
    }
}

bool app_advance(App *app, double seconds) {
    if (!model_animating(&app->model)) {
        app->clock = 0;  // idle time is not owed to the next animation
        return false;
    }
    app->clock += seconds;
    while (app->clock >= TICK_SECONDS && model_animating(&app->model)) {
        model_tick(&app->model, TICK_SECONDS);
        app->clock -= TICK_SECONDS;
        app->dirty = true;
    }
    return model_animating(&app->model);
}

void app_layout(App *app, int width, int height, const Metrics *metrics) {
    Scene scene = {
        .model = &app->model,
        .command = app->command,
        .cursor = app->cursor,
        .focused = app->focused,
        .mouse_x = app->mouse_x,
        .mouse_y = app->mouse_y,
    };
    layout_frame(&app->list, &scene, width, height, metrics);
    // What is under the mouse may have changed with the layout; if so,
    // one more frame shows it (it settles: the layout does not depend on it).
    if (app->mouse_x >= 0) {
        int64_t addr = app->model.hover_addr, flat = app->model.hover_flat;
        hover(app);
        if (addr != app->model.hover_addr || flat != app->model.hover_flat) app->dirty = true;
    }
}
