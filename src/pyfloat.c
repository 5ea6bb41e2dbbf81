//> pyfloat-shortest
#include "pyfloat.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// printf rounds correctly to any number of significant digits, and if d
// digits read back as the same number, so do d + 1. So the fewest that
// work can be found by bisection between 1 and 17 (9 for a float32, which
// 9 digits always pin down): three or four tries instead of up to 17.
static bool round_trips(double v, bool single, int digits, char *buf, size_t size) {
    snprintf(buf, size, "%.*e", digits - 1, v);
    double back = strtod(buf, NULL);
    return single ? (float)back == (float)v : back == v;
}

int pyfloat_shortest_digits(double v, bool single, char *buf, size_t size) {
    int fewest = 1, enough = single ? 9 : 17;
    while (fewest < enough) {
        int middle = (fewest + enough) / 2;
        if (round_trips(v, single, middle, buf, size)) enough = middle;
        else fewest = middle + 1;
    }
    snprintf(buf, size, "%.*e", enough - 1, v);
    return enough;
}
//< pyfloat-shortest

//> pyfloat-repr
// Python lays the digits out positionally between 1e-4 and 1e16, always
// with a '.' ("2.0"), and in scientific notation outside, with at least
// two exponent digits ("1e-05"). C's %g is close but not the same: it
// writes 100.0 as "1e+02" and 2.0 as "2".
FloatText pyfloat_repr(double v) {
    FloatText text = {""};
    if (isnan(v) || isinf(v)) {
        snprintf(text.s, sizeof text.s, "%s", isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
        return text;
    }
    char buf[40], digits[20];
    int count = pyfloat_shortest_digits(v, false, buf, sizeof buf), n = 0;
    int exponent = atoi(strchr(buf, 'e') + 1);
    for (const char *c = buf; *c != 'e' && n < count; c++) {  // "-d.ddd" -> "dddd"
        if (*c >= '0' && *c <= '9') digits[n++] = *c;
    }
    digits[n] = '\0';

    char *out = text.s;
    size_t room = sizeof text.s;
#define PUT(...) (out += snprintf(out, room - (size_t)(out - text.s), __VA_ARGS__))
    if (signbit(v)) PUT("-");
    if (exponent >= 16 || exponent < -4) {  // 1e+16, 1.5e-05
        PUT("%c%s%s", digits[0], n > 1 ? "." : "", digits + 1);
        PUT("e%c%02d", exponent < 0 ? '-' : '+', abs(exponent));
    } else if (exponent < 0) {  // 0.00123
        PUT("0.%.*s%s", -exponent - 1, "0000", digits);
    } else {  // 123.45, 100.0
        for (int i = 0; i <= exponent; i++) PUT("%c", i < n ? digits[i] : '0');
        PUT(".%s", n > exponent + 1 ? digits + exponent + 1 : "0");
    }
#undef PUT
    return text;
}
//< pyfloat-repr
