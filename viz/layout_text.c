// Small helpers shared by the layout files and the scenes: text measured
// in characters, runs of coloured pieces, values as cells show them, and
// the colours of storage elements.
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#include "layout_internal.h"

int text_width(const Metrics *m, TextSize size, const char *s) {
    return utf8_length(s) * m->advance[size];
}

void fit_text(char *dst, size_t size, const char *src, int max_chars) {
    int chars = 0;
    size_t i = 0;
    for (; src[i]; i++) {
        if (((unsigned char)src[i] & 0xC0) != 0x80 && ++chars > max_chars) break;
    }
    if (!src[i]) {
        snprintf(dst, size, "%s", src);
        return;
    }
    // Cut one character earlier, back to a character's first byte, and add "...".
    size_t cut = i;
    do cut--; while (cut > 0 && ((unsigned char)src[cut] & 0xC0) == 0x80);
    snprintf(dst, size, "%.*s\xe2\x80\xa6", (int)cut, src);
}

void run_piece(Run *r, Color c, const char *s) {
    int w = text_width(r->m, r->size, s);
    draw_text(r->out, r->role, r->id, (Rect){r->x, r->y, w, r->h}, r->size, ALIGN_LEFT, c, s);
    r->x += w;
}

void run_piecef(Run *r, Color c, const char *fmt, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    run_piece(r, c, buf);
}

void format_value(float v, char *buf, size_t size) {
    if (v != v) {
        snprintf(buf, size, "nan");
    } else if (v == (float)(int64_t)v && fabsf(v) < 1e5f) {
        snprintf(buf, size, "%lld", (long long)v);
    } else {
        snprintf(buf, size, "%.3g", (double)v);
    }
}

// Storages in order of first appearance in the timeline: the first keeps
// the base hues, the next ones turn the wheel, so a copy looks new.
int storage_salt(const Model *m, const Storage *s) {
    const Storage *seen[64];
    int count = 0;
    for (int i = 0; i < m->count && count < 64; i++) {
        const Storage *candidates[2] = {
            m->steps[i].source ? m->steps[i].source->storage : NULL,
            m->steps[i].tensor->storage,
        };
        for (int k = 0; k < 2; k++) {
            const Storage *c = candidates[k];
            if (c == NULL) continue;
            int j = 0;
            while (j < count && seen[j] != c) j++;
            if (j == count) seen[count++] = c;
            if (c == s) return j;
        }
    }
    return count;
}

Color element_color(int salt, int64_t k) {
    return storage_color_shifted(k, salt * 0.29);
}

Tint plain_tint(const Look *look, int salt, int64_t n, int64_t addr) {
    (void)look, (void)n;
    return (Tint){element_color(salt, addr), COLOR_CELL_TEXT};
}

void piece_within(Run *r, int right, bool *cut, Color c, const char *s) {
    if (!*cut && r->x + text_width(r->m, r->size, s) > right) *cut = true;
    if (!*cut) run_piece(r, c, s);
}
