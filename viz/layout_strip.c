// The storage strip: the flat buffer under the logical view, one cell per
// element, numbered by element and by byte address. The span the tensor
// can reach is underlined, the offset marked, and cells no index reads are
// greyed out, so gaps (a step in a slice) show as grey holes.
#include <stdio.h>

#include "layout_internal.h"

static int digits(int64_t n) {
    int d = 1;
    while (n >= 10) n /= 10, d++;
    return d;
}

static int label_w(const Metrics *m) {
    return 5 * m->advance[TEXT_SMALL] + 8;
}

// Top to bottom: title, room for arcs, element numbers, cells, byte
// addresses, span bar, map of a long storage. Compact drops the bytes.
static int arc_room(bool compact) {
    return compact ? 14 : 26;
}

static int cell_height(const Metrics *m, bool compact) {
    return compact ? m->line[TEXT_NORMAL] + 6 : m->line[TEXT_LARGE] + 12;
}

int strip_height(const Metrics *m, bool compact) {
    int s = m->line[TEXT_SMALL];
    return s + 4 + arc_room(compact) + s + cell_height(m, compact) + (compact ? 0 : s) + 16;
}

void strip_fit(Strip *s, const Storage *storage, int salt, Rect area, const Metrics *m,
               int64_t focus, bool compact) {
    *s = (Strip){.storage = storage, .area = area, .salt = salt, .compact = compact,
                 .arc_room = arc_room(compact)};
    int64_t size = storage->size;
    int avail = area.w - label_w(m);
    int small = m->advance[TEXT_SMALL];
    int max_w = 5 * m->advance[TEXT_LARGE] + 24;
    int min_w = (digits(size > 0 ? size - 1 : 0) + 1) * small + 4;
    if (min_w < 3 * small + 6) min_w = 3 * small + 6;
    int64_t w = size > 0 ? avail / size : max_w;
    s->cell_w = (int)(w < min_w ? min_w : w > max_w ? max_w : w);
    s->cell_h = cell_height(m, compact);
    int64_t fit = avail / s->cell_w;
    s->count = (int)(fit < size ? fit : size);
    if (s->count < 1) s->count = size > 0 ? 1 : 0;
    // Page through a long storage, keeping the focus (the walk's address) in view.
    if (s->count < size && focus > 0) {
        int64_t first = focus / s->count * s->count;
        s->first = first + s->count > size ? size - s->count : first;
    }
    s->x0 = area.x + label_w(m);
    s->label_h = m->line[TEXT_SMALL];
    s->cells_y = area.y + m->line[TEXT_SMALL] + 4 + s->arc_room + m->line[TEXT_SMALL];
}

bool strip_cell(const Strip *s, int64_t element, Rect *cell) {
    if (element < s->first || element >= s->first + s->count) return false;
    *cell = (Rect){s->x0 + (int)(element - s->first) * s->cell_w, s->cells_y, s->cell_w,
                   s->cell_h};
    return true;
}

// The x of an element's centre, clamped to the visible window's edges.
static int element_x(const Strip *s, int64_t k) {
    if (k < s->first) return s->x0;
    if (k >= s->first + s->count) return s->x0 + s->count * s->cell_w;
    return s->x0 + (int)(k - s->first) * s->cell_w + s->cell_w / 2;
}

// The arc rises from above the element numbers, so it never hides them.
void draw_walk_arc(DrawList *out, const Strip *s, int64_t from, int64_t to, Color c) {
    int x1 = element_x(s, from), x2 = element_x(s, to), y = s->cells_y - s->label_h;
    int dx = x2 > x1 ? x2 - x1 : x1 - x2;
    int bulge = 4 + dx / 8;
    if (bulge > s->arc_room - 8) bulge = s->arc_room - 8;
    if (from == to) x1 -= s->cell_w / 3, x2 += s->cell_w / 3, bulge = 8;  // stride 0: a loop
    draw_arc(out, ROLE_WALK_ARC, to, x1, y, x2, y, bulge, 2, c);
}

static void strip_labels(DrawList *out, const Strip *s, const Metrics *m) {
    int small = m->advance[TEXT_SMALL], line = m->line[TEXT_SMALL];
    Rect left = {s->area.x, s->cells_y - line, label_w(m) - 6, line};
    draw_text(out, ROLE_AXIS, 0, left, TEXT_SMALL, ALIGN_RIGHT, COLOR_MUTED, "elem");
    left.y = s->cells_y + s->cell_h;
    if (!s->compact) draw_text(out, ROLE_AXIS, 1, left, TEXT_SMALL, ALIGN_RIGHT, COLOR_FAINT, "byte");
    char buf[32];
    int64_t last = s->first + s->count - 1;
    int every_e = 1, every_b = 1;
    while (every_e * s->cell_w < (digits(last) + 1) * small) every_e++;
    while (every_b * s->cell_w < (digits(last * 4) + 1) * small) every_b++;
    for (int64_t k = s->first; k <= last; k++) {
        Rect c = {0};
        strip_cell(s, k, &c);
        if (k % every_e == 0) {
            snprintf(buf, sizeof buf, "%lld", (long long)k);
            Rect r = {c.x - c.w, c.y - line, 3 * c.w, line};
            draw_text(out, ROLE_AXIS, k, r, TEXT_SMALL, ALIGN_CENTER, COLOR_MUTED, buf);
        }
        if (k % every_b == 0 && !s->compact) {
            snprintf(buf, sizeof buf, "%lld", (long long)(k * (int64_t)sizeof(float)));
            Rect r = {c.x - c.w, c.y + c.h, 3 * c.w, line};
            draw_text(out, ROLE_AXIS, k, r, TEXT_SMALL, ALIGN_CENTER, COLOR_FAINT, buf);
        }
    }
}

// Under the strip: the span the tensor can reach and its offset; for a
// long storage shown in a window, a map of the whole.
static void span_and_map(DrawList *out, const Strip *s, const Step *step, bool is_copy, int line) {
    if (step && step->span_lo <= step->span_hi && !is_copy) {
        int x1 = element_x(s, step->span_lo), x2 = element_x(s, step->span_hi);
        if (step->span_lo >= s->first) x1 -= s->cell_w / 2;
        if (step->span_hi < s->first + s->count) x2 += s->cell_w / 2;
        int y = s->cells_y + s->cell_h + (s->compact ? 2 : line + 1);
        draw_rect(out, ROLE_SPAN, 0, (Rect){x1, y, x2 - x1 - 1, 4}, COLOR_SPAN);
        Rect off;
        if (strip_cell(s, step->tensor->offset, &off)) {
            draw_rect(out, ROLE_OFFSET, step->tensor->offset,
                      (Rect){off.x, off.y - 2, 3, off.h + 4}, COLOR_OFFSET);
        }
    }
    // A long storage is windowed: a map of the whole under it.
    if (s->count < s->storage->size) {
        int64_t size = s->storage->size;
        int w = s->count * s->cell_w, y = s->cells_y + s->cell_h + (s->compact ? 8 : line + 7);
        draw_rect(out, ROLE_SUMMARY, 1, (Rect){s->x0, y, w, 3}, COLOR_PANEL_EDGE);
        if (step && step->span_lo <= step->span_hi) {
            int a = s->x0 + (int)((double)step->span_lo / size * w);
            int b = s->x0 + (int)((double)(step->span_hi + 1) / size * w);
            draw_rect(out, ROLE_SUMMARY, 2, (Rect){a, y, b - a > 1 ? b - a : 1, 3}, COLOR_PREV);
        }
        int a = s->x0 + (int)((double)s->first / size * w);
        int b = s->x0 + (int)((double)(s->first + s->count) / size * w);
        draw_frame(out, ROLE_SUMMARY, 3, (Rect){a, y - 2, b - a > 2 ? b - a : 2, 7}, 1, COLOR_TEXT);
    }
}

void draw_strip(DrawList *out, const Strip *s, const Step *step, const char *title,
                bool is_copy, const Look *look, const Metrics *m) {
    Role role = is_copy ? ROLE_COPY_CELL : ROLE_STORAGE_CELL;
    int line = m->line[TEXT_SMALL];
    char fitted[400];
    fit_text(fitted, sizeof fitted, title, s->area.w / m->advance[TEXT_SMALL]);
    draw_text(out, ROLE_HEADER, role, (Rect){s->area.x, s->area.y, s->area.w, line},
              TEXT_SMALL, ALIGN_LEFT, COLOR_MUTED, fitted);
    strip_labels(out, s, m);

    char buf[32];
    for (int64_t k = s->first; k < s->first + s->count; k++) {
        Rect c = {0};
        strip_cell(s, k, &c);
        Rect inner = {c.x, c.y, c.w - 1, c.h};
        int64_t uses = step_uses(step, k);
        int64_t n = step_first_use(step, k);
        // A copy fills its new storage element by element.
        bool filled = !is_copy || (n >= 0 && n < look->filled);
        Tint tint = {COLOR_UNUSED_CELL, COLOR_UNUSED_TEXT};
        if (uses > 0 && filled) tint = look->tint(look, s->salt, n, k);
        draw_rect(out, role, k, inner, tint.fill);
        if (filled) {
            format_value(s->storage->data[k], buf, sizeof buf);
            int len = utf8_length(buf);
            TextSize size = TEXT_LARGE;
            while (size > TEXT_SMALL && len * m->advance[size] + 6 > c.w) size--;
            if (len * m->advance[size] + 2 <= c.w) {
                draw_text(out, role, k, inner, size, ALIGN_CENTER, tint.text, buf);
            }
        }
        if (uses > 1 && filled && c.w >= 3 * m->advance[TEXT_SMALL]) {
            snprintf(buf, sizeof buf, "x%lld", (long long)uses);
            Rect badge = {c.x, c.y + c.h - line + 2, c.w - 2, line - 2};
            draw_text(out, ROLE_SUMMARY, k, badge, TEXT_SMALL, ALIGN_RIGHT, RGB(90, 30, 120), buf);
        }
        if (k == look->selected) draw_frame(out, ROLE_SELECTED, k, inner, 2, COLOR_SELECT);
    }

    span_and_map(out, s, step, is_copy, line);
}
