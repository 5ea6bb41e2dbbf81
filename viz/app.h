// The app: the model, the session behind the command bar, and the bits of
// UI state around them (the text being typed, its history, the mouse). It
// turns SDL events into changes of the model; it never draws. The same
// app_handle_event() serves the live window and scripts, which feed it
// synthetic events, so a script exercises exactly what a person does.
#ifndef STRIDES_VIZ_APP_H
#define STRIDES_VIZ_APP_H

#include <SDL.h>
#include <stdbool.h>

#include "drawlist.h"
#include "lang/lang.h"
#include "layout.h"
#include "model.h"

#define COMMAND_MAX 1024
#define HISTORY_MAX 200
#define DEFAULT_SCENE "x = arange(12).view(3, 4)"
#define VIZ_MAX_ELEMENTS ((int64_t)1 << 22)  // 4M elements: a tensor the UI still handles briskly

// The fixed timestep of animations: the model advances in steps of
// exactly this many seconds, whatever the frame rate, so a script that
// waits 0.5 s sees the same frame on every machine.
#define TICK_SECONDS (1.0 / 60.0)

typedef struct App {
    Model    model;
    Session *session;
    char     command[COMMAND_MAX];
    int      cursor;              // byte offset in command
    bool     focused;             // the command bar has the keyboard
    char    *history[HISTORY_MAX];
    int      history_count, history_pos;
    char     draft[COMMAND_MAX];  // what was typed before browsing history
    bool     swallow_text;        // the next text event belongs to a shortcut key
    int      mouse_x, mouse_y;
    bool     quit;
    bool     dirty;               // something changed: draw a new frame
    bool     save_requested;      // Ctrl+S
    double   clock;               // seconds not yet consumed by ticks
    DrawList list;                // the last frame, for hit testing
} App;

int  app_init(App *app);  // 0, or -1 if memory ran out
void app_free(App *app);

// Run a command as if it were typed and entered (history included).
void app_command(App *app, const char *line, bool animate);
void app_handle_event(App *app, const SDL_Event *event);

// Let `seconds` of time pass: whole ticks of TICK_SECONDS run, the rest
// waits for the next call. True while something still animates.
bool app_advance(App *app, double seconds);

// Lay the frame out into app->list (kept for hit testing).
void app_layout(App *app, int width, int height, const Metrics *metrics);

#endif
