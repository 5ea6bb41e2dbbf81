// Finding the font: fontconfig, by name, the way desktop programs do.
#ifndef STRIDES_VIZ_FONTS_H
#define STRIDES_VIZ_FONTS_H

#include <stddef.h>

#define DEFAULT_FONT "DejaVu Sans Mono"

// The file of the font to use, which the caller frees. `choice` is a path
// (anything with a '/'), a fontconfig name ("Liberation Mono"), or NULL
// for $STRIDES_FONT or else DEFAULT_FONT. NULL with a message in `err`
// saying what is missing and how to get it.
char *font_find(const char *choice, char *err, size_t err_size);

#endif
