// The side panel's ground and its shared sections: the walk's ledger (the
// address formula of chapter 2 with this step's numbers in it), what a
// picked storage cell is read by, aliasing, the keys. A scene puts its
// own sections (the copy, the dropout, why a view() failed) above them.
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "layout_internal.h"

// The ledger as pieces, each tagged with what it is, so one function
// writes both the plain text (for tests) and the coloured drawing.
enum {
    PANEL_PAD_X = 12, PANEL_PAD_Y = 10,  // inside the panel
    PANEL_FOOT = 4,                      // what comes this close to its bottom is cut
};

enum { PIECE_PLAIN = -1, PIECE_OFFSET = -2, PIECE_RESULT = -3, PIECE_LABEL = -4 };
typedef void (*Emit)(void *ctx, int line, int kind, const char *s);

WalkAt walk_at(const Tensor *t, int64_t n) {
    WalkAt w = {.prev_addr = -1};
    index_unravel(t->ndim, t->shape, n, w.index);
    w.addr = tensor_storage_index(t, w.index);
    if (n > 0) {
        int64_t prev[MAX_DIMS];
        index_unravel(t->ndim, t->shape, n - 1, prev);
        w.prev_addr = tensor_storage_index(t, prev);
    }
    return w;
}

static void emitf(Emit emit, void *ctx, int line, int kind, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void emitf(Emit emit, void *ctx, int line, int kind, const char *fmt, ...) {
    char buf[64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    emit(ctx, line, kind, buf);
}

static void ledger_emit(const Tensor *t, int64_t n, Emit emit, void *ctx) {
    WalkAt w = walk_at(t, n);
    emit(ctx, 0, PIECE_LABEL, "index   ");
    emit(ctx, 0, PIECE_PLAIN, "(");
    for (int d = 0; d < t->ndim; d++) {
        emitf(emit, ctx, 0, d, "%lld", (long long)w.index[d]);
        if (d + 1 < t->ndim || t->ndim == 1) emit(ctx, 0, PIECE_PLAIN, d + 1 < t->ndim ? ", " : ",");
    }
    emit(ctx, 0, PIECE_PLAIN, ")");

    emit(ctx, 1, PIECE_LABEL, "address = ");
    emit(ctx, 1, PIECE_OFFSET, "offset");
    for (int d = 0; d < t->ndim; d++) {
        emit(ctx, 1, PIECE_PLAIN, " + ");
        emitf(emit, ctx, 1, d, "i%d\xc2\xb7s%d", d, d);
    }
    emit(ctx, 2, PIECE_LABEL, "        = ");
    emitf(emit, ctx, 2, PIECE_OFFSET, "%lld", (long long)t->offset);
    for (int d = 0; d < t->ndim; d++) {
        emit(ctx, 2, PIECE_PLAIN, " + ");
        emitf(emit, ctx, 2, d, "%lld\xc2\xb7%lld", (long long)w.index[d], (long long)t->stride[d]);
    }
    emit(ctx, 3, PIECE_LABEL, "        = ");
    emitf(emit, ctx, 3, PIECE_RESULT, "%lld", (long long)w.addr);
}

typedef struct Lines {
    char (*lines)[160];
    int max, count;
} Lines;

static void to_lines(void *ctx, int line, int kind, const char *s) {
    (void)kind;
    Lines *l = ctx;
    if (line >= l->max) return;
    while (l->count <= line) l->lines[l->count++][0] = '\0';
    size_t len = strlen(l->lines[line]);
    snprintf(l->lines[line] + len, 160 - len, "%s", s);
}

int ledger_lines(const Tensor *t, int64_t n, char lines[][160], int max_lines) {
    Lines l = {lines, max_lines, 0};
    ledger_emit(t, n, to_lines, &l);
    return l.count;
}

// Drawing the pieces: each in its colour, wrapping at " + " when the
// panel is too narrow for a many-dimensional formula.
typedef struct Pen {
    DrawList *out;
    const Metrics *m;
    Rect area;
    int line, y, x;
} Pen;

static Color piece_color(int kind) {
    switch (kind) {
    case PIECE_PLAIN: return COLOR_MUTED;
    case PIECE_LABEL: return COLOR_FAINT;
    case PIECE_OFFSET: return COLOR_OFFSET;
    case PIECE_RESULT: return COLOR_WALK;
    default: return dim_color(kind);
    }
}

static void to_pen(void *ctx, int line, int kind, const char *s) {
    Pen *p = ctx;
    int h = p->m->line[TEXT_NORMAL];
    if (line != p->line) {
        p->y += h;
        p->x = p->area.x;
        p->line = line;
    }
    int w = text_width(p->m, TEXT_NORMAL, s);
    // A term that would stick out goes to the next line, under the "= ";
    // so does a " + " between terms, which then starts that line as "+ ".
    if (p->x + w > p->area.x + p->area.w && (kind >= 0 || kind == PIECE_PLAIN)) {
        p->y += h;
        p->x = p->area.x + 10 * p->m->advance[TEXT_NORMAL];
        if (kind == PIECE_PLAIN) {
            while (*s == ' ') s++;
            w = text_width(p->m, TEXT_NORMAL, s);
        }
    }
    draw_text(p->out, ROLE_LEDGER, line, (Rect){p->x, p->y, w, h}, TEXT_NORMAL, ALIGN_LEFT,
              piece_color(kind), s);
    p->x += w;
}

// A paragraph, wrapped at spaces to the width and cut (with "...") at the
// bottom of the area; returns the next free y.
int paragraph(DrawList *out, Role role, Rect area, int y, TextSize size, Color c,
                     const char *s, const Metrics *m) {
    int per_line = area.w / m->advance[size];
    if (per_line < 8) per_line = 8;
    char line[512];
    while (*s) {
        if (y + m->line[size] > area.y + area.h) return y;
        if (y + 2 * m->line[size] > area.y + area.h) {  // the last line that fits
            fit_text(line, sizeof line, s, per_line);
            draw_text(out, role, 0, (Rect){area.x, y, area.w, m->line[size]}, size, ALIGN_LEFT,
                      c, line);
            return y + m->line[size];
        }
        int len = 0, cut = 0, chars = 0;
        while (s[len] && chars <= per_line) {
            if (s[len] == ' ') cut = len;
            if (((unsigned char)s[len] & 0xC0) != 0x80) chars++;
            len++;
        }
        if (!s[len] && chars <= per_line) cut = len;
        else if (cut == 0) cut = len - 1;
        snprintf(line, sizeof line, "%.*s", cut, s);
        draw_text(out, role, 0, (Rect){area.x, y, area.w, m->line[size]}, size, ALIGN_LEFT, c,
                  line);
        y += m->line[size];
        s += cut;
        while (*s == ' ') s++;
    }
    return y;
}

int panel_heading(DrawList *out, Rect area, int y, const char *s, const Metrics *m) {
    draw_text(out, ROLE_HEADER, 0, (Rect){area.x, y, area.w, m->line[TEXT_SMALL]}, TEXT_SMALL,
              ALIGN_LEFT, COLOR_FAINT, s);
    return y + m->line[TEXT_SMALL] + 2;
}

static int walk_section(DrawList *out, const Model *mo, const Tensor *t, Rect a, int y,
                        const Metrics *m) {
    char buf[160];
    int64_t numel = tensor_numel(t);
    y = panel_heading(out, a, y, "STRIDE WALK  (row-major order)", m);
    snprintf(buf, sizeof buf, "%s  %lld/%lld  \xc2\xb7 %g/s",
             mo->playing ? "\xe2\x96\xb6 playing" : "\xe2\x80\x96 paused",
             (long long)(numel ? mo->walk + 1 : 0), (long long)numel, walk_speeds[mo->speed]);
    draw_text(out, ROLE_LEDGER, -1, (Rect){a.x, y, a.w, m->line[TEXT_NORMAL]}, TEXT_NORMAL,
              ALIGN_LEFT, mo->playing ? COLOR_WALK : COLOR_TEXT, buf);
    y += m->line[TEXT_NORMAL] + 4;
    if (numel == 0) return y;

    Pen pen = {out, m, a, 0, y, a.x};
    ledger_emit(t, mo->walk, to_pen, &pen);
    y = pen.y + m->line[TEXT_NORMAL] + 2;

    WalkAt w = walk_at(t, mo->walk);
    format_value(t->storage->data[w.addr], buf, sizeof buf);
    Run run = {out, m, TEXT_NORMAL, ROLE_LEDGER, 4, a.x, y, m->line[TEXT_NORMAL]};
    run_piece(&run, COLOR_FAINT, "value   ");
    run_piecef(&run, COLOR_TEXT, "storage[%lld] = %s", (long long)w.addr, buf);
    y += m->line[TEXT_NORMAL];
    run = (Run){out, m, TEXT_NORMAL, ROLE_LEDGER, 5, a.x, y, m->line[TEXT_NORMAL]};
    run_piece(&run, COLOR_FAINT, "jump    ");
    if (w.prev_addr < 0) {
        run_piece(&run, COLOR_MUTED, "start at the offset");
    } else {
        long long jump = (long long)(w.addr - w.prev_addr);
        run_piecef(&run, COLOR_MUTED, "%lld \xe2\x86\x92 %lld  ", (long long)w.prev_addr,
                   (long long)w.addr);
        run_piecef(&run, COLOR_WALK, "(%s%lld)", jump >= 0 ? "+" : "", jump);
    }
    return y + m->line[TEXT_NORMAL] + 10;
}

static int selection_section(DrawList *out, const Model *mo, const Step *st, Rect a, int y,
                             const Metrics *m) {
    int64_t sel = model_selected_addr(mo);
    const Tensor *t = st->tensor;
    if (sel < 0 || sel >= t->storage->size) return y;
    char buf[200], value[32];
    y = panel_heading(out, a, y, "STORAGE CELL", m);
    format_value(t->storage->data[sel], value, sizeof value);
    int64_t uses = step_uses(st, sel);
    snprintf(buf, sizeof buf, "storage[%lld] = %s  (byte %lld) is read by %lld logical %s",
             (long long)sel, value, (long long)(sel * 4), (long long)uses,
             uses == 1 ? "index" : "indices");
    y = paragraph(out, ROLE_LEDGER, a, y, TEXT_NORMAL, COLOR_SELECT, buf, m);
    // List the first few readers, by a search that stays cheap on big tensors.
    if (uses > 0 && tensor_numel(t) <= 65536) {
        size_t len = 0;
        int listed = 0;
        int64_t index[MAX_DIMS] = {0};
        for (int64_t n = step_first_use(st, sel); n < tensor_numel(t) && listed < 6; n++) {
            index_unravel(t->ndim, t->shape, n, index);
            if (tensor_storage_index(t, index) != sel) continue;
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s ",
                                    tuple_text(t->ndim, index).s);
            listed++;
            if (len >= sizeof buf - 40) break;
        }
        if (uses > listed) snprintf(buf + len, sizeof buf - len, "\xe2\x80\xa6");
        y = paragraph(out, ROLE_LEDGER, a, y, TEXT_SMALL, COLOR_MUTED, buf, m);
    }
    return y + 8;
}

// The most used keys, at the foot of the panel when there is room.
static void keys_legend(DrawList *out, Rect a, int y, const Metrics *m) {
    static const char *const keys[][2] = {
        {"Space", "play / pause"}, {"\xe2\x86\x90 \xe2\x86\x92", "step back / forward"},
        {"\xe2\x86\x91 \xe2\x86\x93", "faster / slower"}, {"[ ]", "timeline back / forward"},
        {"Tab", "grid axes"}, {"?", "all keys"},
    };
    int n = (int)(sizeof keys / sizeof keys[0]), line = m->line[TEXT_SMALL];
    int top = a.y + a.h - n * line;
    if (top < y + 4) return;
    for (int i = 0; i < n; i++) {
        Rect k = {a.x, top + i * line, 8 * m->advance[TEXT_SMALL], line};
        draw_text(out, ROLE_HELP, i, k, TEXT_SMALL, ALIGN_LEFT, COLOR_WALK, keys[i][0]);
        k.x += k.w, k.w = a.w - k.w;
        draw_text(out, ROLE_HELP, i, k, TEXT_SMALL, ALIGN_LEFT, COLOR_FAINT, keys[i][1]);
    }
}

Panel panel_begin(DrawList *out, Rect area) {
    draw_rect(out, ROLE_NONE, 0, area, COLOR_PANEL);
    Rect inner = {area.x + PANEL_PAD_X, area.y + PANEL_PAD_Y, area.w - 2 * PANEL_PAD_X,
                  area.h - 2 * PANEL_PAD_Y};
    return (Panel){area, inner, out->count};
}

void panel_end(DrawList *out, const Panel *p) {
    drawlist_cut_below(out, p->first, p->area.y + p->area.h - PANEL_FOOT);
}

int step_sections(DrawList *out, const Model *mo, const Step *st, Rect a, int y,
                  const Metrics *m) {
    if (mo->copy >= 1) y = walk_section(out, mo, st->tensor, a, y, m);
    y = selection_section(out, mo, st, a, y, m);
    if (st->aliased > 0 && model_selected_addr(mo) < 0) {
        char buf[200];
        snprintf(buf, sizeof buf, "%lld storage %s read by more than one index (a stride 0, "
                 "or overlap): same colour, same memory. Point at a storage cell to see "
                 "its readers.",
                 (long long)st->aliased, st->aliased == 1 ? "element is" : "elements are");
        y = paragraph(out, ROLE_LEDGER, a, y, TEXT_NORMAL, COLOR_SELECT, buf, m) + 8;
    }
    keys_legend(out, a, y, m);
    return y;
}
