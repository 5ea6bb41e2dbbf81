#include "window.h"

#include <stdio.h>

double real_clock(void *ctx) {
    (void)ctx;
    return (double)SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency();
}

static void save_screenshot(App *app, Screen *s) {
    char err[512];
    const char *path = "strides-viz.png";
    if (screen_save(s, path, err, sizeof err) == 0) {
        model_set_note(&app->model, "", "saved the frame to strides-viz.png (in the current folder)");
    } else {
        model_set_error(&app->model, "", err, 0, NULL);
    }
    app->save_requested = false;
    app->dirty = true;
}

bool window_iterate(App *app, Screen *s, Clock clock, void *ctx, double *last, int wait_ms) {
    bool was_animating = model_animating(&app->model);
    SDL_Event e;
    int got = wait_ms < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, wait_ms);
    if (got) {
        app_handle_event(app, &e);
        while (SDL_PollEvent(&e)) app_handle_event(app, &e);
    }
    double now = clock(ctx);
    if (!was_animating) *last = now;  // time spent idle is not animation time
    app_advance(app, now - *last);
    *last = now;
    if (app->dirty) {
        app->dirty = false;
        screen_draw(s, app);
        if (app->save_requested) {
            save_screenshot(app, s);  // reads this frame; the note shows on the next
        }
        screen_present(s);
    }
    return !app->quit;
}

void window_run(App *app, Screen *s, Clock clock, void *ctx) {
    double last = clock(ctx);
    for (;;) {
        int wait = model_animating(&app->model) ? 16 : -1;
        if (app->dirty) wait = 0;
        if (!window_iterate(app, s, clock, ctx, &last, wait)) break;
    }
}
