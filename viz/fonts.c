#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static char *copy_string(const char *s) {
    size_t n = strlen(s) + 1;
    char *out = malloc(n);
    if (out) memcpy(out, s, n);
    return out;
}

static const char *install_hint(void) {
    return "install it (Debian/Ubuntu: apt-get install fonts-dejavu-core; macOS: brew "
           "install font-dejavu; or run scripts/install-deps), or choose another "
           "monospace font with --font NAME-or-PATH or STRIDES_FONT";
}

// fontconfig always answers with *some* font; a different family than the
// one asked for means the one asked for is not installed, and a silent
// substitute (maybe proportional, which breaks the grid) is worse than a
// clear error.
static char *match(const char *name, char *err, size_t err_size) {
    if (!FcInit()) {
        snprintf(err, err_size, "fontconfig could not start, so the font '%s' can't be "
                 "looked up; pass a font file with --font /path/to/font.ttf", name);
        return NULL;
    }
    FcPattern *pattern = FcNameParse((const FcChar8 *)name);
    char *path = NULL;
    if (pattern != NULL) {
        FcConfigSubstitute(NULL, pattern, FcMatchPattern);
        FcDefaultSubstitute(pattern);
        FcResult result;
        FcPattern *found = FcFontMatch(NULL, pattern, &result);
        FcChar8 *family = NULL, *file = NULL;
        FcChar8 *wanted = NULL;
        FcPatternGetString(pattern, FC_FAMILY, 0, &wanted);
        if (found && FcPatternGetString(found, FC_FAMILY, 0, &family) == FcResultMatch &&
            FcPatternGetString(found, FC_FILE, 0, &file) == FcResultMatch) {
            if (wanted == NULL || strcasecmp((const char *)family, (const char *)wanted) == 0) {
                path = copy_string((const char *)file);
            } else {
                snprintf(err, err_size, "the font '%s' is not installed (fontconfig offers '%s' "
                         "instead); %s", name, (const char *)family, install_hint());
            }
        } else {
            snprintf(err, err_size, "no font matches '%s'; %s", name, install_hint());
        }
        if (found) FcPatternDestroy(found);
        FcPatternDestroy(pattern);
    } else {
        snprintf(err, err_size, "'%s' is not a font name fontconfig understands", name);
    }
    return path;
}

char *font_find(const char *choice, char *err, size_t err_size) {
    if (choice == NULL || *choice == '\0') choice = getenv("STRIDES_FONT");
    if (choice == NULL || *choice == '\0') choice = DEFAULT_FONT;
    if (strchr(choice, '/')) {
        if (access(choice, R_OK) != 0) {
            snprintf(err, err_size, "the font file '%s' can't be read", choice);
            return NULL;
        }
        return copy_string(choice);
    }
    return match(choice, err, err_size);
}
