// Strict parsing of the numbers that scripts and the command line take.
// The whole text must be the number: "12abc", "", " 12", "+3", "0x10",
// "inf" and "nan" are not numbers here. A number outside the bounds the
// caller gives is refused the same way, so one message, naming the real
// bounds, serves both ("walk wants an element from 0 to 11, not 'abc'").
#ifndef STRIDES_VIZ_PARSE_H
#define STRIDES_VIZ_PARSE_H

#include <stdbool.h>
#include <stdint.h>

// Frame and window sizes, for --size and the script's `size`: big enough
// for the layout, small enough for a surface (8192 x 8192 x 4 bytes, 256 MiB).
#define FRAME_MIN_W 200
#define FRAME_MIN_H 150
#define FRAME_MAX_SIDE 8192
#define FRAME_SIZE_RULE \
    "WIDTHxHEIGHT, width 200 to 8192 and height 150 to 8192 (e.g. 1280x720)"

// A decimal integer in [lo, hi]: an optional '-', then digits only.
bool parse_int(const char *s, int64_t lo, int64_t hi, int64_t *out);
// A decimal number of seconds in [0, hi]: "2", "0.5", "1.5e1"; finite.
bool parse_seconds(const char *s, double hi, double *out);
// "WxH" within the frame bounds above.
bool parse_frame_size(const char *s, int *width, int *height);

#endif
