// Frame time: a 64x64 tensor with the walk and ledger on, laid out and
// drawn by the software renderer into a 1280x720 surface, many times.
// Reports the mean and the worst frame (the budget is 4 ms).
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "parse.h"
#include "screen.h"
#include "window.h"

int main(int argc, char **argv) {
    int64_t frames = 300;
    if (argc > 1 && !parse_int(argv[1], 1, 1000000, &frames)) {
        fprintf(stderr, "bench: the number of frames is 1 to 1000000, not '%s'\n", argv[1]);
        return 2;
    }
    const char *expr = argc > 2 ? argv[2] : "x = arange(4096).view(64, 64)";
    char err[1024];
    if (SDL_Init(0) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "bench: SDL could not start: %s\n", SDL_GetError());
        return 1;
    }
    App app;
    Screen s;
    if (app_init(&app) < 0 || screen_open_headless(&s, 1280, 720, NULL, err, sizeof err) < 0) {
        fprintf(stderr, "bench: %s\n", err);
        return 1;
    }
    app_command(&app, expr, false);
    // Each frame moves the walk, so the ledger, the arc and the highlighted
    // cells change; the mouse rests on the grid, so the tooltip is drawn too.
    app.mouse_x = 300, app.mouse_y = 300;
    screen_draw(&s, &app);  // warm the glyph cache
    double total = 0, worst = 0, layout_total = 0;
    for (int i = 0; i < frames; i++) {
        model_walk_to(&app.model, (i * 37) % 4096);
        double t0 = real_clock(NULL);
        app_layout(&app, s.width, s.height, &s.render.metrics);
        double t1 = real_clock(NULL);
        render_draw(&s.render, &app.list);
        double t2 = real_clock(NULL);
        layout_total += t1 - t0;
        total += t2 - t0;
        if (t2 - t0 > worst) worst = t2 - t0;
    }
    // Where the drawing time goes: shapes alone, then text alone.
    DrawList shapes = {0}, texts = {0};
    for (size_t i = 0; i < app.list.count; i++) {
        const DrawCmd *c = &app.list.cmds[i];
        if (c->kind == DRAW_TEXT) {
            draw_text(&texts, c->role, c->id, c->r, c->size, c->align, c->color,
                      drawcmd_text(&app.list, c));
        } else {
            DrawList *l = &shapes;
            if (l->count == l->cap) draw_rect(l, ROLE_NONE, 0, (Rect){0, 0, 1, 1}, c->color), l->count--;
            if (l->count < l->cap) l->cmds[l->count++] = *c;
        }
    }
    double t0 = real_clock(NULL);
    for (int i = 0; i < 50; i++) render_draw(&s.render, &shapes);
    double t1 = real_clock(NULL);
    for (int i = 0; i < 50; i++) render_draw(&s.render, &texts);
    double t2 = real_clock(NULL);
    printf("  shapes only %.3f ms (%zu), text only %.3f ms (%zu)\n", 1e3 * (t1 - t0) / 50,
           shapes.count, 1e3 * (t2 - t1) / 50, texts.count);
    drawlist_free(&shapes);
    drawlist_free(&texts);
    printf("strides-viz frame, %s at 1280x720, software renderer, %d frames:\n"
           "  mean %.3f ms (layout %.3f ms, drawing %.3f ms), worst %.3f ms; %zu draw commands\n",
           expr, (int)frames, 1e3 * total / frames, 1e3 * layout_total / frames,
           1e3 * (total - layout_total) / frames, 1e3 * worst, app.list.count);
    screen_close(&s);
    app_free(&app);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
