// Ctrl+C (SIGINT) and SIGTERM while a script runs. The handler only
// notes the signal; the script runner looks between lines and between the
// ticks of a `wait`, stops there, frees what it holds and says where it
// stopped, and strides-viz exits with 128 + the signal's number, as a
// shell reports a process the signal ended.
//
// The live window does not need this: SDL's own handlers turn the signals
// into a quit event for its event loop. Installed first, ours keep SDL
// from installing its own (it only replaces the default action), so a
// script in a window (--window) is stopped the same way.
#ifndef STRIDES_VIZ_STOP_H
#define STRIDES_VIZ_STOP_H

void stop_on_signals(void);  // catch SIGINT and SIGTERM from now on
int  stop_signal(void);      // the signal caught, or 0
const char *stop_signal_name(int sig);  // "SIGTERM", "SIGINT"

#endif
