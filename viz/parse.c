#include "parse.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

bool parse_int(const char *s, int64_t lo, int64_t hi, int64_t *out) {
    const char *digits = s + (*s == '-');
    if (*digits == '\0') return false;
    for (const char *c = digits; *c; c++) {
        if (!isdigit((unsigned char)*c)) return false;
    }
    errno = 0;
    long long v = strtoll(s, NULL, 10);
    if (errno == ERANGE || v < lo || v > hi) return false;
    *out = v;
    return true;
}

bool parse_seconds(const char *s, double hi, double *out) {
    // strtod would also take "inf", "nan", hex and leading spaces: only
    // the characters of a plain decimal number get that far.
    if (!isdigit((unsigned char)s[0]) && s[0] != '.') return false;
    if (s[strspn(s, "0123456789.eE+-")] != '\0') return false;
    char *end;
    double v = strtod(s, &end);
    if (*end != '\0' || !isfinite(v) || v < 0 || v > hi) return false;
    *out = v;
    return true;
}

bool parse_frame_size(const char *s, int *width, int *height) {
    const char *x = strchr(s, 'x');
    if (x == NULL || x == s || (size_t)(x - s) > 10) return false;
    char w_text[12];
    memcpy(w_text, s, (size_t)(x - s));
    w_text[x - s] = '\0';
    int64_t w, h;
    if (!parse_int(w_text, FRAME_MIN_W, FRAME_MAX_SIDE, &w) ||
        !parse_int(x + 1, FRAME_MIN_H, FRAME_MAX_SIDE, &h)) {
        return false;
    }
    *width = (int)w;
    *height = (int)h;
    return true;
}
