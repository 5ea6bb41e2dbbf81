// The logical view: the tensor as its user thinks of it. A row for 1-D, a
// grid for 2-D, small multiples of 2-D slices for N-D; every cell wears
// the colour of the storage element it reads, unless the scene's Look
// tints it otherwise (scene.h).
#include <stdio.h>
#include <string.h>

#include "layout_internal.h"

enum { MIN_CELL_W = 10, MIN_CELL_H = 8, MAX_PANELS = 64 };

static int digits(int64_t n) {
    int d = 1;
    while (n >= 10) n /= 10, d++;
    return d;
}

static int64_t clamp64(int64_t v, int64_t lo, int64_t hi) {
    return v < lo ? lo : v > hi ? hi : v;
}

// The page (window start) of `n` in pages of `page` items out of `total`.
static int64_t page_start(int64_t n, int64_t page, int64_t total) {
    if (page >= total) return 0;
    return clamp64(n / page * page, 0, total - page);
}

// A panel's title, "[1, 0, :, :]", in characters at its widest: the
// largest index of each other dim, ':' for the two grid axes, and ", "
// (or "," when compact) between entries.
static int title_chars(const Tensor *t, int ra, int ca, bool compact) {
    int chars = 2 + (t->ndim - 1) * (compact ? 1 : 2);
    for (int d = 0; d < t->ndim; d++) {
        chars += d == ra || d == ca ? 1 : digits(t->shape[d] > 0 ? t->shape[d] - 1 : 0);
    }
    return chars;
}

// N-D titles get longer with every dim (seven dims: "[0, 0, 0, 0, 0, :, :]"),
// soon longer than a panel of a few small cells is wide. A panel is made
// at least as wide as its title, so titles never run into their neighbours;
// when even one panel across is too narrow, the title drops its spaces.
static void fit_titles(Grid *g, const Metrics *m) {
    if (g->t->ndim <= 2) return;
    int small = m->advance[TEXT_SMALL];
    g->title_w = title_chars(g->t, g->ra, g->ca, false) * small;
    if (g->head_w + g->title_w > g->area.w) {
        g->title_compact = true;
        g->title_w = title_chars(g->t, g->ra, g->ca, true) * small;
    }
}

// The width a panel takes: its cells, or its title if that is wider.
static int slot_width(const Grid *g, int64_t cells_w) {
    int64_t w = cells_w > g->title_w ? cells_w : g->title_w;
    return (int)(g->head_w + w);
}

// Small tensors get big cells (up to about five large digits wide).
static int max_cell_w(const Metrics *m) {
    return 5 * m->advance[TEXT_LARGE] + 24;
}

static int max_cell_h(const Metrics *m) {
    return m->line[TEXT_LARGE] + 22;
}

// Everything at once: every panel, every cell, as large as fits, choosing
// how many panels go across. False when even the smallest cells overflow.
static bool fit_everything(Grid *g, int inner_h, const Metrics *m) {
    int max_w = max_cell_w(m), max_h = max_cell_h(m);
    double best = -1;
    for (int64_t across = 1; across <= g->slices && g->slices <= MAX_PANELS; across++) {
        int64_t down = (g->slices + across - 1) / across;
        int64_t pw = (g->area.w - (across - 1) * g->gap) / across;
        int64_t ph = (inner_h - (down - 1) * g->gap) / down;
        if (pw < g->head_w + g->title_w) continue;  // the titles would collide
        int64_t cw = (pw - g->head_w) / g->cols, ch = (ph - g->title_h - g->head_h) / g->rows;
        if (cw > max_w) cw = max_w;
        if (ch > max_h) ch = max_h;
        if (cw < MIN_CELL_W || ch < MIN_CELL_H) continue;
        double score = (double)cw / max_w < (double)ch / max_h ? (double)cw / max_w
                                                                 : (double)ch / max_h;
        if (score > best + 1e-9) {
            best = score;
            g->across = (int)across;
            g->cell_w = (int)cw;
            g->cell_h = (int)ch;
        }
    }
    if (best < 0) return false;
    g->vrows = (int)g->rows, g->vcols = (int)g->cols, g->vslices = (int)g->slices;
    return true;
}

// With cells of the size in g: how many rows, columns and panels a page shows.
static void page_counts(Grid *g, int inner_h) {
    int64_t fit_c = (g->area.w - g->head_w) / g->cell_w;
    int64_t fit_r = (inner_h - g->title_h - g->head_h) / g->cell_h;
    g->vcols = (int)clamp64(fit_c, 1, g->cols);
    g->vrows = (int)clamp64(fit_r, 1, g->rows);
    int pw = slot_width(g, (int64_t)g->vcols * g->cell_w);
    int ph = g->title_h + g->head_h + g->vrows * g->cell_h;
    int64_t across = clamp64((g->area.w + g->gap) / (pw + g->gap), 1, g->slices);
    int64_t down = clamp64((inner_h + g->gap) / (ph + g->gap), 1, (g->slices + across - 1) / across);
    g->across = (int)across;
    g->vslices = (int)clamp64(across * down, 1, g->slices);
}

// Too big: pages of cells at a size that stays readable (or at least
// visible), following the focus (the walk's current cell). When whole
// panels fit but not all of them (many dims of a few elements each),
// smaller cells that show more panels at once win.
static void fit_page(Grid *g, int inner_h, const Metrics *m) {
    int max_w = max_cell_w(m), max_h = max_cell_h(m);
    int64_t cw = (g->area.w - g->head_w) / g->cols;
    int64_t ch = (inner_h - g->title_h - g->head_h) / g->rows;
    int value_w = 4 * m->advance[TEXT_SMALL] + 6, min_h = m->line[TEXT_SMALL] + 4;
    int min_w = value_w < max_w ? value_w : max_w;
    int big_w = (int)clamp64(cw, min_w, max_w), big_h = (int)clamp64(ch, min_h, max_h);
    int best_w = big_w, best_h = big_h, most = 0;
    for (int k = 0; k <= 8; k++) {  // from the largest cells down to the smallest
        g->cell_w = big_w - (big_w - min_w) * k / 8;
        g->cell_h = big_h - (big_h - min_h) * k / 8;
        page_counts(g, inner_h);
        bool whole = g->vrows == g->rows && g->vcols == g->cols;
        if (k > 0 && !whole) break;
        if (g->vslices > most) most = g->vslices, best_w = g->cell_w, best_h = g->cell_h;
        if (!whole || g->vslices == g->slices) break;
    }
    g->cell_w = best_w, g->cell_h = best_h;
    page_counts(g, inner_h);
}

void grid_fit(Grid *g, const Tensor *t, int ra, int ca, Rect area, const Metrics *m,
              const int64_t *focus) {
    *g = (Grid){.t = t, .ra = ra, .ca = ca, .area = area};
    g->rows = ra >= 0 ? t->shape[ra] : 1;
    g->cols = ca >= 0 ? t->shape[ca] : 1;
    int64_t numel = tensor_numel(t);
    g->empty = numel == 0;
    if (g->empty) return;
    g->slices = numel / (g->rows * g->cols);
    int small = m->advance[TEXT_SMALL];
    g->head_w = ra >= 0 ? digits(g->rows - 1) * small + 8 : 0;
    g->head_h = ca >= 0 ? m->line[TEXT_SMALL] + 2 : 0;
    g->title_h = t->ndim > 2 ? m->line[TEXT_SMALL] + 4 : 0;
    g->gap = t->ndim > 2 ? 14 : 0;
    fit_titles(g, m);
    int inner_h = area.h - m->line[TEXT_SMALL] - 4;  // a line for page notes
    if (!fit_everything(g, inner_h, m)) fit_page(g, inner_h, m);
    g->panel_w = slot_width(g, (int64_t)g->vcols * g->cell_w);
    g->panel_h = g->title_h + g->head_h + g->vrows * g->cell_h;
    int64_t zero[MAX_DIMS] = {0};
    if (focus == NULL) focus = zero;
    g->row0 = ra >= 0 ? page_start(focus[ra], g->vrows, g->rows) : 0;
    g->col0 = ca >= 0 ? page_start(focus[ca], g->vcols, g->cols) : 0;
    g->slice0 = page_start(grid_slice_of(g, focus), g->vslices, g->slices);
}

int64_t grid_slice_of(const Grid *g, const int64_t *index) {
    int64_t s = 0;
    for (int d = 0; d < g->t->ndim; d++) {
        if (d != g->ra && d != g->ca) s = s * g->t->shape[d] + index[d];
    }
    return s;
}

void grid_slice_index(const Grid *g, int64_t slice, int64_t *index) {
    for (int d = g->t->ndim - 1; d >= 0; d--) {
        if (d == g->ra || d == g->ca) {
            index[d] = 0;
        } else {
            index[d] = slice % g->t->shape[d];
            slice /= g->t->shape[d];
        }
    }
}

Rect grid_panel(const Grid *g, int64_t slice) {
    int64_t k = slice - g->slice0;
    return (Rect){g->area.x + (int)(k % g->across) * (g->panel_w + g->gap),
                  g->area.y + (int)(k / g->across) * (g->panel_h + g->gap), g->panel_w,
                  g->panel_h};
}

bool grid_cell(const Grid *g, const int64_t *index, Rect *cell) {
    if (g->empty) return false;
    int64_t s = grid_slice_of(g, index);
    int64_t r = g->ra >= 0 ? index[g->ra] - g->row0 : 0;
    int64_t c = g->ca >= 0 ? index[g->ca] - g->col0 : 0;
    if (s < g->slice0 || s >= g->slice0 + g->vslices || r < 0 || r >= g->vrows || c < 0 ||
        c >= g->vcols) {
        return false;
    }
    Rect p = grid_panel(g, s);
    *cell = (Rect){p.x + g->head_w + (int)c * g->cell_w,
                   p.y + g->title_h + g->head_h + (int)r * g->cell_h, g->cell_w, g->cell_h};
    return true;
}

// A piece of a title, unless it would pass `right`: then "…" if that
// fits, and false (a window too narrow for even one compact title).
static bool title_piece(Run *run, Color c, const char *s, int right) {
    if (run->x + text_width(run->m, run->size, s) > right) {
        if (run->x + run->m->advance[run->size] <= right) run_piece(run, COLOR_MUTED, "\xe2\x80\xa6");
        return false;
    }
    run_piece(run, c, s);
    return true;
}

// "[1, :, :]": the panel's index, with ':' for the two grid axes.
static void panel_title(DrawList *out, const Grid *g, Rect p, int64_t slice, const Metrics *m) {
    int64_t index[MAX_DIMS];
    grid_slice_index(g, slice, index);
    int right = p.x + p.w < g->area.x + g->area.w ? p.x + p.w : g->area.x + g->area.w;
    Run run = {out, m, TEXT_SMALL, ROLE_AXIS, slice, p.x + g->head_w, p.y, g->title_h};
    bool room = title_piece(&run, COLOR_MUTED, "[", right);
    for (int d = 0; d < g->t->ndim && room; d++) {
        char entry[24];
        snprintf(entry, sizeof entry, "%lld", (long long)index[d]);
        bool axis = d == g->ra || d == g->ca;
        room = title_piece(&run, dim_color(d), axis ? ":" : entry, right) &&
               title_piece(&run, COLOR_MUTED,
                           d + 1 < g->t->ndim ? (g->title_compact ? "," : ", ") : "]", right);
    }
}

// Index numbers along the top and the left, in the axis' colour; thinned
// out when the cells are narrower than the numbers.
static void headers(DrawList *out, const Grid *g, Rect p, const Metrics *m) {
    char buf[24];
    int adv = m->advance[TEXT_SMALL];
    if (g->ca >= 0) {
        int every = 1;
        while (every * g->cell_w < (digits(g->col0 + g->vcols) + 1) * adv) every++;
        for (int c = 0; c < g->vcols; c++) {
            int64_t i = g->col0 + c;
            if (i % every) continue;
            snprintf(buf, sizeof buf, "%lld", (long long)i);
            Rect r = {p.x + g->head_w + c * g->cell_w - g->cell_w, p.y + g->title_h,
                      3 * g->cell_w, g->head_h};
            draw_text(out, ROLE_AXIS, i, r, TEXT_SMALL, ALIGN_CENTER, dim_color(g->ca), buf);
        }
    }
    if (g->ra >= 0) {
        int every = 1;
        while (every * g->cell_h < m->line[TEXT_SMALL] - 2) every++;
        for (int r = 0; r < g->vrows; r++) {
            int64_t i = g->row0 + r;
            if (i % every) continue;
            snprintf(buf, sizeof buf, "%lld", (long long)i);
            Rect box = {p.x, p.y + g->title_h + g->head_h + r * g->cell_h, g->head_w - 6,
                        g->cell_h};
            draw_text(out, ROLE_AXIS, i, box, TEXT_SMALL, ALIGN_RIGHT, dim_color(g->ra), buf);
        }
    }
}

static double ease(double t) {
    return t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) * (-2 * t + 2) / 2;
}

static Rect lerp_rect(Rect a, Rect b, double t) {
    return (Rect){a.x + (int)((b.x - a.x) * t), a.y + (int)((b.y - a.y) * t),
                  a.w + (int)((b.w - a.w) * t), a.h + (int)((b.h - a.h) * t)};
}

// Where a cell of the new step was in the old one, for the transition:
// the old step's first element reading the same storage element.
static bool origin(const Model *mo, const Grid *from, const Tensor *t, int64_t addr,
                   Rect *r) {
    if (from == NULL || mo->from < 0) return false;
    const Step *old = &mo->steps[mo->from];
    if (old->tensor->storage != t->storage) return false;
    int64_t n = step_first_use(old, addr);
    if (n < 0) return false;
    int64_t index[MAX_DIMS];
    index_unravel(old->tensor->ndim, old->tensor->shape, n, index);
    return grid_cell(from, index, r);
}


void cell_value(DrawList *out, Rect r, int64_t id, Color text, float v,
                       const Metrics *m) {
    char buf[32];
    format_value(v, buf, sizeof buf);
    int len = utf8_length(buf);
    TextSize size = TEXT_LARGE;  // the largest that fits
    while (size > TEXT_SMALL && (len * m->advance[size] + 6 > r.w || m->line[size] + 8 > r.h)) size--;
    if (len * m->advance[size] + 2 > r.w || m->line[size] > r.h + 4) return;
    draw_text(out, ROLE_LOGICAL_CELL, id, r, size, ALIGN_CENTER, text, buf);
}

// "rows 10-19 of 250", "panel 5 of 729": one range of what a page shows.
static size_t page_range(char *buf, size_t size, const char *what, int64_t first, int shown,
                         int64_t total) {
    if (shown >= total || size < 2) return 0;
    if (shown == 1) {
        return (size_t)snprintf(buf, size, "%.*s %lld of %lld   ", (int)strlen(what) - 1, what,
                                (long long)first, (long long)total);
    }
    return (size_t)snprintf(buf, size, "%s %lld-%lld of %lld   ", what, (long long)first,
                            (long long)(first + shown - 1), (long long)total);
}

// Under the grid, when it is a page of something bigger: which rows,
// columns and panels it shows (cut to the width, with "...").
static void page_note(DrawList *out, const Grid *g, const Metrics *m) {
    char note[240] = "", shown[240];
    size_t len = page_range(note, sizeof note, "rows", g->row0, g->vrows, g->rows);
    len += page_range(note + len, sizeof note - len, "cols", g->col0, g->vcols, g->cols);
    page_range(note + len, sizeof note - len, "panels", g->slice0, g->vslices, g->slices);
    if (note[0] == '\0') return;
    int rows_of_panels = (g->vslices + g->across - 1) / g->across;
    int y = g->area.y + rows_of_panels * (g->panel_h + g->gap) - g->gap + 4;
    char full[300];
    snprintf(full, sizeof full, "%s(the page follows the walk)", note);
    fit_text(shown, sizeof shown, full, g->area.w / m->advance[TEXT_SMALL]);
    draw_text(out, ROLE_SUMMARY, 0, (Rect){g->area.x, y, g->area.w, m->line[TEXT_SMALL]},
              TEXT_SMALL, ALIGN_LEFT, COLOR_MUTED, shown);
}

// What every cell of one frame of the logical view needs to know, and
// what the cells leave behind for the frames drawn over them.
typedef struct Painter {
    DrawList *out;
    const Metrics *m;
    const Model *mo;
    const Tensor *t;
    const Grid *from;   // the previous step's grid, while a transition runs
    const Look *look;   // how the scene colours and marks the cells
    int salt;
    double tr;          // the transition, eased: 1 when still
    Rect walk_cell;
    bool have_walk;
} Painter;

// One cell: element n (row-major) at `index`, in `cell`.
static void paint_cell(Painter *p, const int64_t *index, int64_t n, Rect cell) {
    const Tensor *t = p->t;
    const Look *look = p->look;
    int64_t addr = tensor_storage_index(t, index);
    Rect was = {0};
    bool moved = p->tr < 1 && origin(p->mo, p->from, t, addr, &was);
    if (moved) cell = lerp_rect(was, cell, p->tr);
    Rect inner = {cell.x, cell.y, cell.w - 1, cell.h - 1};
    if (n == look->walk) p->walk_cell = inner, p->have_walk = true;
    if (n >= look->filled) {  // a copy has not reached it yet
        draw_frame(p->out, ROLE_LOGICAL_CELL, n, inner, 1, COLOR_UNUSED_CELL);
        return;
    }
    Color fill = look->tint(look, p->salt, n, addr).fill;
    if (p->tr < 1 && p->from && !moved) fill.a = (uint8_t)(255 * p->tr);  // new memory fades in
    draw_rect(p->out, ROLE_LOGICAL_CELL, n, inner, fill);
    float value = t->storage->data[addr];
    if (look->inside) look->inside(look, p->out, inner, index, n, value, p->m);
    else cell_value(p->out, inner, n, COLOR_CELL_TEXT, value, p->m);
    if (look->selected >= 0 && addr == look->selected) {
        draw_frame(p->out, ROLE_SELECTED, n, inner, 2, COLOR_SELECT);
    }
}

void draw_logical(DrawList *out, const Scene *sc, const Grid *g, const Grid *from,
                  const Look *look, const Metrics *m) {
    const Tensor *t = g->t;
    if (g->empty) {
        draw_text(out, ROLE_SUMMARY, 0, g->area, TEXT_NORMAL, ALIGN_LEFT, COLOR_MUTED,
                  "an empty tensor: numel 0, nothing to draw");
        return;
    }
    const Model *mo = sc->model;
    Painter p = {.out = out, .m = m, .mo = mo, .t = t, .from = from, .look = look,
                 .salt = storage_salt(mo, t->storage), .tr = from ? ease(mo->transition) : 1};
    // A cell's row-major position is its address in a fresh tensor of this shape.
    Tensor rowmajor = {.ndim = t->ndim};
    shape_contiguous_strides(t->ndim, t->shape, rowmajor.stride);
    int64_t index[MAX_DIMS] = {0};
    for (int64_t s = g->slice0; s < g->slice0 + g->vslices; s++) {
        Rect panel = grid_panel(g, s);
        if (g->title_h) panel_title(out, g, panel, s, m);
        headers(out, g, panel, m);
        grid_slice_index(g, s, index);
        for (int r = 0; r < g->vrows; r++) {
            if (g->ra >= 0) index[g->ra] = g->row0 + r;
            for (int c = 0; c < g->vcols; c++) {
                if (g->ca >= 0) index[g->ca] = g->col0 + c;
                int64_t n = tensor_storage_index(&rowmajor, index);
                Rect cell = {0};
                grid_cell(g, index, &cell);
                paint_cell(&p, index, n, cell);
            }
        }
    }
    if (p.have_walk) {
        Rect f = {p.walk_cell.x - 2, p.walk_cell.y - 2, p.walk_cell.w + 4, p.walk_cell.h + 4};
        draw_frame(out, ROLE_WALK_LOGICAL, look->walk, f, 3, COLOR_WALK);
    }
    if (look->over) look->over(look, out, g);
    page_note(out, g, m);
}

