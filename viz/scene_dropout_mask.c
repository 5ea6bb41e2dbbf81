// The dropout scene's mask over the logical view: dropped cells dark and
// hatched, kept cells with their x and the scale in their corners (in the
// strip, the dropped elements' memory dark too); and under a small grid
// the product spelled out, x · mask = y.
#include <stdio.h>

#include "scene_dropout.h"

enum {
    HATCH_MAX_CELLS = 600,     // more cells than this go unhatched: too small to afford it
    PRODUCT_MAX_ELEMENTS = 64, // the product is spelled out for this many elements at most
    PRODUCT_GAP = 28,          // between the grid and the product under it
    MINI_CELL_CHARS = 4,       // a product cell holds this many small characters...
    MINI_CELL_PAD = 8,         // ...and this much room around them
    OP_CHARS = 4,              // " · " and " = " between the factors, in large characters
    RESULT_CHARS = 18,         // "y, the grid above", after the last factor
};

static Tint mask_tint(const Look *look, int salt, int64_t n, int64_t addr) {
    const DropoutMask *mask = look->data;
    if (dropout_mask_at(mask->d, n) == 0) return (Tint){COLOR_DROPPED, COLOR_DROPPED_TEXT};
    return plain_tint(look, salt, n, addr);
}

// "x=3": what the cell's input was.
static void x_badge(float x, char *buf, size_t size) {
    char value[32];
    format_value(x, value, sizeof value);
    snprintf(buf, size, "x=%s", value);
}

// Is the cell tall enough for a row of small badges over its value? Then
// the value moves down a little, out of their way.
static bool badge_room(Rect r, const Metrics *m) {
    return r.h >= m->line[TEXT_LARGE] + m->line[TEXT_SMALL] / 2;
}

static Rect under_badges(Rect r, const Metrics *m) {
    int shift = badge_room(r, m) ? m->line[TEXT_SMALL] / 2 - 1 : 0;
    return (Rect){r.x, r.y + shift, r.w, r.h - shift};
}

// A dropped cell: dark, framed, hatched with "/" lines (when there are few
// enough cells to afford them), its value (0) faint, and the x it had,
// small, in its corner.
static void dropped_cell(DrawList *out, Rect r, int64_t n, float x, float y, bool hatch,
                         const Metrics *m) {
    draw_frame(out, ROLE_DROPPED, n, r, 1, COLOR_DROPPED_LINE);
    if (hatch) {
        for (int c = -r.h + 6; c < r.w; c += 9) {  // the line x = r.x + c + t, y = bottom - t
            int t0 = c < 0 ? -c : 0, t1 = r.w - c < r.h ? r.w - c : r.h;
            if (t1 - t0 < 3) continue;
            draw_line(out, ROLE_DROPPED, n, r.x + c + t0, r.y + r.h - 1 - t0, r.x + c + t1 - 1,
                      r.y + r.h - t1, 1, COLOR_DROPPED_LINE);
        }
    }
    cell_value(out, under_badges(r, m), n, COLOR_DROPPED_TEXT, y, m);
    char buf[40];
    x_badge(x, buf, sizeof buf);
    if (badge_room(r, m) && utf8_length(buf) * m->advance[TEXT_SMALL] + 8 <= r.w) {
        draw_text(out, ROLE_DROPPED, n, (Rect){r.x + 4, r.y + 1, r.w - 8, m->line[TEXT_SMALL]},
                  TEXT_SMALL, ALIGN_LEFT, COLOR_DROPPED_TEXT, buf);
    }
}

// A kept cell shows y = x * scale large (as every cell shows its value);
// its x and the scale go in its top corners, when there is room.
static void kept_cell(DrawList *out, Rect r, int64_t n, float x, float y, float scale,
                      const Metrics *m) {
    cell_value(out, under_badges(r, m), n, COLOR_CELL_TEXT, y, m);
    char value[40], badge[32];
    x_badge(x, value, sizeof value);
    snprintf(badge, sizeof badge, "\xc3\x97%.3g", (double)scale);
    int small = m->advance[TEXT_SMALL], left = utf8_length(value), right = utf8_length(badge);
    if (!badge_room(r, m) || left * small + 8 > r.w) return;
    Rect top = {r.x + 4, r.y + 1, r.w - 8, m->line[TEXT_SMALL]};
    draw_text(out, ROLE_DROPOUT, n, top, TEXT_SMALL, ALIGN_LEFT, COLOR_BADGE_TEXT, value);
    if ((left + right + 1) * small + 8 <= r.w) {  // the scale too, if it fits beside
        draw_text(out, ROLE_DROPOUT, n, top, TEXT_SMALL, ALIGN_RIGHT, COLOR_BADGE_TEXT, badge);
    }
}

static void mask_inside(const Look *look, DrawList *out, Rect box, const int64_t *index,
                        int64_t n, float y, const Metrics *m) {
    const DropoutMask *mask = look->data;
    const DropoutView *d = mask->d;
    float x = d->input->storage->data[tensor_storage_index(d->input, index)];
    if (dropout_mask_at(d, n) == 0) dropped_cell(out, box, n, x, y, mask->hatch, m);
    else kept_cell(out, box, n, x, y, d->scale, m);
}

void dropout_look(Look *look, DropoutMask *mask, const DropoutView *d, const Grid *g) {
    if (!d->training) return;  // in evaluation the step is x, plain
    *mask = (DropoutMask){d, (int64_t)g->vrows * g->vcols * g->vslices <= HATCH_MAX_CELLS};
    look->data = mask;
    look->tint = mask_tint;
    look->inside = mask_inside;
}

// Under a small dropout step's grid, when there is room: the product it
// shows, spelled out, x · mask = y (the grid above), each factor a small
// grid of its own; in evaluation, x = y.
static void mini_grid(DrawList *out, const Tensor *x, const DropoutView *d, bool mask, int salt,
                      int64_t walk, int x0, int y0, int cw, int ch, const Metrics *m) {
    int64_t rows = x->ndim == 2 ? x->shape[0] : 1, cols = x->ndim >= 1 ? x->shape[x->ndim - 1] : 1;
    char buf[32];
    for (int64_t r = 0; r < rows; r++) {
        for (int64_t c = 0; c < cols; c++) {
            int64_t n = r * cols + c, index[2] = {x->ndim == 2 ? r : c, c};
            Rect cell = {x0 + (int)c * cw, y0 + (int)r * ch, cw - 1, ch - 1};
            float v = dropout_mask_at(d, n);
            bool dropped = v == 0;
            Color fill, ink = COLOR_CELL_TEXT;
            if (mask) {
                fill = dropped ? COLOR_DROPPED : RGB(226, 228, 234);
                ink = dropped ? COLOR_DROPPED_TEXT : COLOR_CELL_TEXT;
            } else {
                int64_t addr = tensor_storage_index(x, index);
                fill = element_color(salt, addr);
                v = x->storage->data[addr];
            }
            draw_rect(out, ROLE_PRODUCT, n, cell, fill);
            format_value(v, buf, sizeof buf);
            if (utf8_length(buf) * m->advance[TEXT_SMALL] + 4 <= cell.w) {
                draw_text(out, ROLE_PRODUCT, n, cell, TEXT_SMALL, ALIGN_CENTER, ink, buf);
            }
            if (n == walk) draw_frame(out, ROLE_PRODUCT, n, cell, 2, COLOR_WALK);
        }
    }
}

void draw_dropout_product(DrawList *out, const Model *mo, const DropoutView *d, const Grid *g,
                          const Metrics *m) {
    if (g->empty || g->t->ndim > 2 || g->vrows < g->rows || g->vcols < g->cols ||
        tensor_numel(g->t) > PRODUCT_MAX_ELEMENTS) {
        return;
    }
    const Tensor *x = d->input;
    int64_t rows = x->ndim == 2 ? x->shape[0] : 1, cols = x->ndim >= 1 ? x->shape[x->ndim - 1] : 1;
    int small = m->advance[TEXT_SMALL], line = m->line[TEXT_SMALL];
    int cw = MINI_CELL_CHARS * small + MINI_CELL_PAD, ch = line + MINI_CELL_PAD;
    int op = OP_CHARS * m->advance[TEXT_LARGE];  // room for " · " and " = "
    int rows_of_panels = (g->vslices + g->across - 1) / g->across;
    int top = g->area.y + rows_of_panels * (g->panel_h + g->gap) - g->gap + PRODUCT_GAP;
    int width = 2 * (int)cols * cw + 2 * op + RESULT_CHARS * m->advance[TEXT_NORMAL];
    if (top + line + 4 + rows * ch > g->area.y + g->area.h || width > g->area.w) return;
    int x0 = g->area.x + g->head_w, y0 = top + line + 4;
    int64_t walk = mo->walk;
    draw_text(out, ROLE_PRODUCT, -4, (Rect){x0, top, (int)cols * cw, line}, TEXT_SMALL,
              ALIGN_LEFT, COLOR_FAINT, "x, the input");
    mini_grid(out, x, d, false, storage_salt(mo, x->storage), walk, x0, y0, cw, ch, m);
    int mid = y0 + (int)rows * ch / 2 - m->line[TEXT_LARGE] / 2;
    int x1 = x0 + (int)cols * cw;
    if (!d->training) {  // no mask: the grid above is x itself
        draw_text(out, ROLE_PRODUCT, -5, (Rect){x1, mid, op, m->line[TEXT_LARGE]}, TEXT_LARGE,
                  ALIGN_CENTER, COLOR_MUTED, "=");
        x1 += op;
        draw_text(out, ROLE_PRODUCT, -4,
                  (Rect){x1, mid, g->area.x + g->area.w - x1, m->line[TEXT_LARGE]}, TEXT_NORMAL,
                  ALIGN_LEFT, COLOR_OK, "y, the grid above: no mask, no copy");
        return;
    }
    draw_text(out, ROLE_PRODUCT, -5, (Rect){x1, mid, op, m->line[TEXT_LARGE]}, TEXT_LARGE,
              ALIGN_CENTER, COLOR_MUTED, "\xc2\xb7");
    x1 += op;
    char caption[64];
    snprintf(caption, sizeof caption, "mask: 0, or 1/(1-p) = %.4g", (double)d->scale);
    draw_text(out, ROLE_PRODUCT, -4, (Rect){x1, top, (int)cols * cw + op, line}, TEXT_SMALL,
              ALIGN_LEFT, COLOR_FAINT, caption);
    mini_grid(out, x, d, true, 0, walk, x1, y0, cw, ch, m);
    x1 += (int)cols * cw;
    draw_text(out, ROLE_PRODUCT, -5, (Rect){x1, mid, op, m->line[TEXT_LARGE]}, TEXT_LARGE,
              ALIGN_CENTER, COLOR_MUTED, "=");
    x1 += op;
    draw_text(out, ROLE_PRODUCT, -4, (Rect){x1, mid, g->area.x + g->area.w - x1, m->line[TEXT_LARGE]},
              TEXT_NORMAL, ALIGN_LEFT, COLOR_WALK, "y, the grid above");
}

