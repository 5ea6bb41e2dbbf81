// Over the frame: the tooltip of the cell under the mouse, and the help.
#include <stdio.h>

#include "scene.h"

enum {
    TIP_PAD_X = 8, TIP_PAD_Y = 5,        // around the tooltip's text
    TIP_DX = 14, TIP_DY = 18,            // the tooltip from the mouse: right of it, under it
    TIP_EDGE = 4,                        // kept from the window's edges
    TIP_ABOVE = 8,                       // above the mouse, when there is no room under it
    HELP_CHARS = 62,                     // the help box's width
    HELP_MARGIN = 10,                    // at least this around it
    HELP_ROW_GAP = 4,                    // between its rows
    HELP_PAD_X = 16, HELP_PAD_Y = 8,     // inside it
    HELP_KEY_CHARS = 18,                 // the keys' column; the text starts a character after
};

void layout_tooltip(DrawList *out, const Scene *sc, const Subject *subject, int width,
                    int height, const Metrics *m) {
    const Tensor *t = subject->tensor;
    if (t == NULL || sc->mouse_x < 0) return;
    char buf[256], value[32];
    const DrawCmd *cell = drawlist_hit(out, DRAW_RECT, ROLE_LOGICAL_CELL, sc->mouse_x, sc->mouse_y);
    const DrawCmd *store = drawlist_hit(out, DRAW_RECT, ROLE_STORAGE_CELL, sc->mouse_x, sc->mouse_y);
    if (cell) {
        int64_t index[MAX_DIMS];
        index_unravel(t->ndim, t->shape, cell->id, index);
        int64_t addr = tensor_storage_index(t, index);
        format_value(t->storage->data[addr], value, sizeof value);
        snprintf(buf, sizeof buf, "index %s \xe2\x86\x92 storage[%lld] = %s",
                 tuple_text(t->ndim, index).s, (long long)addr, value);
    } else if (store && subject->live) {
        const Step *st = subject->step;
        format_value(t->storage->data[store->id], value, sizeof value);
        snprintf(buf, sizeof buf, "storage[%lld] (byte %lld) = %s, read by %lld",
                 (long long)store->id, (long long)store->id * 4, value,
                 (long long)step_uses(st, store->id));
    } else {
        return;
    }
    int w = text_width(m, TEXT_NORMAL, buf) + 2 * TIP_PAD_X;
    int h = m->line[TEXT_NORMAL] + 2 * TIP_PAD_Y;
    int x = sc->mouse_x + TIP_DX, y = sc->mouse_y + TIP_DY;
    if (x + w > width - TIP_EDGE) x = width - TIP_EDGE - w;
    if (y + h > height - TIP_EDGE) y = sc->mouse_y - h - TIP_ABOVE;
    if (x < TIP_EDGE) x = TIP_EDGE;
    draw_rect(out, ROLE_TOOLTIP, 0, (Rect){x, y, w, h}, COLOR_OVERLAY);
    draw_frame(out, ROLE_TOOLTIP, 0, (Rect){x, y, w, h}, 1, COLOR_SELECT);
    draw_text(out, ROLE_TOOLTIP, 0, (Rect){x + TIP_PAD_X, y, w - 2 * TIP_PAD_X, h}, TEXT_NORMAL, ALIGN_LEFT,
              COLOR_TEXT, buf);
}

static const char *const help_rows[][2] = {
    {"Space", "play / pause the walk"},
    {"\xe2\x86\x92  \xe2\x86\x90", "step the walk forward / back"},
    {"\xe2\x86\x91  \xe2\x86\x93   + -", "walk faster / slower"},
    {"Home  End", "walk to the first / last element"},
    {"PgUp PgDn   [ ]", "timeline: previous / next step (animated)"},
    {"Tab", "choose the grid's two axes (2-D and up)"},
    {"Ctrl+T  Ctrl+R", "dropout step: train \xe2\x87\x84 eval; run again (new mask)"},
    {"Enter  :", "type a command; Enter runs it, Esc leaves"},
    {"\xe2\x86\x91  \xe2\x86\x93 (typing)", "command history"},
    {"mouse", "point at a cell: its index, its readers"},
    {"click", "storage cell: pin it; logical cell: walk there"},
    {"Esc", "close help and explainer, unpin"},
    {"?  F1", "this help"},
    {"Ctrl+S", "save a screenshot (strides-viz.png)"},
    {"Ctrl+Q", "quit"},
};

void layout_help(DrawList *out, int width, int height, const Metrics *m) {
    int rows = (int)(sizeof help_rows / sizeof help_rows[0]);
    int line = m->line[TEXT_NORMAL] + HELP_ROW_GAP, adv = m->advance[TEXT_NORMAL];
    int w = HELP_CHARS * adv, h = (rows + 4) * line;  // a title, a blank line, the rows, a margin
    if (w > width - 2 * HELP_MARGIN) w = width - 2 * HELP_MARGIN;
    if (h > height - 2 * HELP_MARGIN) h = height - 2 * HELP_MARGIN;
    Rect box = {(width - w) / 2, (height - h) / 2, w, h};
    int inner_w = w - 2 * HELP_PAD_X, text_x = (HELP_KEY_CHARS + 1) * adv;
    draw_rect(out, ROLE_HELP, 0, (Rect){0, 0, width, height}, RGBA(0, 0, 0, 120));
    draw_rect(out, ROLE_HELP, 0, box, COLOR_OVERLAY);
    draw_frame(out, ROLE_HELP, 0, box, 1, COLOR_PANEL_EDGE);
    draw_text(out, ROLE_HELP, 0, (Rect){box.x + HELP_PAD_X, box.y + HELP_PAD_Y, inner_w, line},
              TEXT_LARGE, ALIGN_LEFT, COLOR_TEXT, "Keys");
    for (int i = 0; i < rows; i++) {
        int y = box.y + HELP_PAD_Y + (i + 2) * line;
        if (y + line > box.y + h) break;
        char text[120];
        draw_text(out, ROLE_HELP, i + 1, (Rect){box.x + HELP_PAD_X, y, HELP_KEY_CHARS * adv, line},
                  TEXT_NORMAL, ALIGN_LEFT, COLOR_WALK, help_rows[i][0]);
        fit_text(text, sizeof text, help_rows[i][1], (inner_w - text_x) / adv);
        draw_text(out, ROLE_HELP, i + 1,
                  (Rect){box.x + HELP_PAD_X + text_x, y, inner_w - text_x, line}, TEXT_NORMAL,
                  ALIGN_LEFT, COLOR_TEXT, text);
    }
}
