// The live window's event loop.
#ifndef STRIDES_VIZ_WINDOW_H
#define STRIDES_VIZ_WINDOW_H

#include "app.h"
#include "screen.h"

// A clock in seconds, passed in so that tests can drive time themselves.
typedef double (*Clock)(void *ctx);
double real_clock(void *ctx);  // SDL's performance counter

// Handle what is pending (waiting up to `wait_ms` for the first event, or
// forever when -1), advance the animations to now, and draw a frame if
// anything changed. Returns false once the app wants to quit.
bool window_iterate(App *app, Screen *s, Clock clock, void *ctx, double *last, int wait_ms);

// Run until the window is closed. While nothing animates the loop sleeps
// in SDL_WaitEvent (no CPU at all); while something does, it wakes about
// 60 times a second.
void window_run(App *app, Screen *s, Clock clock, void *ctx);

#endif
