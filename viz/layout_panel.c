// The side panel: the walk's ledger (the address formula of chapter 2 with
// this step's numbers in it), what a picked storage cell is read by, the
// copy in progress, or why a view() failed.
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "layout_internal.h"
#include "pyfloat.h"

// The ledger as pieces, each tagged with what it is, so one function
// writes both the plain text (for tests) and the coloured drawing.
enum { PIECE_PLAIN = -1, PIECE_OFFSET = -2, PIECE_RESULT = -3, PIECE_LABEL = -4 };
typedef void (*Emit)(void *ctx, int line, int kind, const char *s);

WalkAt walk_at(const Tensor *t, int64_t n) {
    WalkAt w = {.prev_addr = -1};
    unravel_index(t->ndim, t->shape, n, w.index);
    w.addr = tensor_storage_index(t, w.index);
    if (n > 0) {
        int64_t prev[MAX_DIMS];
        unravel_index(t->ndim, t->shape, n - 1, prev);
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
static int paragraph(DrawList *out, Role role, Rect area, int y, TextSize size, Color c,
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

static int heading(DrawList *out, Rect area, int y, const char *s, const Metrics *m) {
    draw_text(out, ROLE_HEADER, 0, (Rect){area.x, y, area.w, m->line[TEXT_SMALL]}, TEXT_SMALL,
              ALIGN_LEFT, COLOR_FAINT, s);
    return y + m->line[TEXT_SMALL] + 2;
}

static int walk_section(DrawList *out, const Model *mo, const Tensor *t, Rect a, int y,
                        const Metrics *m) {
    char buf[160];
    int64_t numel = tensor_numel(t);
    y = heading(out, a, y, "STRIDE WALK  (row-major order)", m);
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
    y = heading(out, a, y, "STORAGE CELL", m);
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
            unravel_index(t->ndim, t->shape, n, index);
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

static int copy_section(DrawList *out, const Model *mo, const Step *st, Rect a, int y,
                        const Metrics *m) {
    char buf[200];
    int64_t numel = tensor_numel(st->tensor);
    y = heading(out, a, y, "COPY", m);
    if (mo->copy < 1) {
        int64_t n = (int64_t)(mo->copy * (double)numel);
        WalkAt src = walk_at(st->source, n), dst = walk_at(st->tensor, n);
        snprintf(buf, sizeof buf, "copying element %lld of %lld: old storage[%lld] \xe2\x86\x92 new storage[%lld]",
                 (long long)n + 1, (long long)numel, (long long)src.addr, (long long)dst.addr);
    } else {
        snprintf(buf, sizeof buf,
                 "%lld elements copied into a new storage, in row-major order. The "
                 "old storage is untouched: a view shares, a copy does not.",
                 (long long)numel);
    }
    return paragraph(out, ROLE_LEDGER, a, y, TEXT_NORMAL, COLOR_TEXT, buf, m) + 10;
}

static int explain_section(DrawList *out, const ViewExplain *e, Rect a, int y,
                           const Metrics *m) {
    const Tensor *t = e->input;
    char buf[800];
    y = heading(out, a, y, "WHY view() FAILED", m);
    snprintf(buf, sizeof buf, "The input has shape %s, stride %s. view() needs every new "
             "dim inside one memory-contiguous chunk of the old dims:",
             tuple_text(t->ndim, t->shape).s, tuple_text(t->ndim, t->stride).s);
    y = paragraph(out, ROLE_EXPLAIN, a, y, TEXT_NORMAL, COLOR_TEXT, buf, m) + 4;
    for (int c = 0; c < e->chunks; c++) {
        Run run = {out, m, TEXT_NORMAL, ROLE_CHUNK, c, a.x + 8, y, m->line[TEXT_NORMAL]};
        run_piecef(&run, c == e->bad_chunk ? COLOR_ERROR : COLOR_MUTED, "chunk %d: ", c);
        for (int d = e->chunk_first[c]; d <= e->chunk_last[c]; d++) {
            run_piecef(&run, dim_color(d), "dim %d ", d);
        }
        run_piecef(&run, COLOR_MUTED, "(%lld elements)", (long long)e->chunk_numel[c]);
        y += m->line[TEXT_NORMAL];
    }
    y += 6;
    explain_sentence(e, buf, sizeof buf);
    y = paragraph(out, ROLE_EXPLAIN, a, y, TEXT_NORMAL, COLOR_ERROR, buf, m) + 6;
    y = paragraph(out, ROLE_EXPLAIN, a, y, TEXT_SMALL, COLOR_MUTED,
                  "Tinted blocks: runs of elements that sit evenly in memory. Red frames: "
                  "the seam the new dim would have to step over with a single stride. "
                  "reshape() copies instead; Esc closes this.",
                  m);
    return y + 8;
}

// A dropout step: what y is made of, the walk's element through the mask,
// and what the other mode would show.
static int dropout_section(DrawList *out, const Model *mo, const Step *st, Rect a, int y,
                           const Metrics *m) {
    const DropoutView *d = st->dropout;
    const Tensor *x = d->input;
    char buf[400], xv[32], mv[32], yv[32];
    const char *p = python_float(d->p).s;
    if (!d->training) {
        y = heading(out, a, y, "DROPOUT  in evaluation, y is x", m);
        snprintf(buf, sizeof buf, "Outside training dropout does nothing at all: it returns "
                 "its input itself, as F.dropout(x, %s, training=False) returns x. The same "
                 "storage, the same strides: no mask, no copy, no scaling.", p);
        y = paragraph(out, ROLE_LEDGER, a, y, TEXT_NORMAL, COLOR_TEXT, buf, m) + 4;
        snprintf(buf, sizeof buf, "%sCtrl+T: training, which keeps %lld of %lld here.",
                 d->ran_training ? "The command ran in training. " : "",
                 (long long)d->kept, (long long)tensor_numel(d->mask));
        y = paragraph(out, ROLE_LEDGER, a, y, TEXT_SMALL, COLOR_MUTED, buf, m);
        return y + 10;
    }
    y = heading(out, a, y, "DROPOUT  y = x \xc2\xb7 mask", m);
    if (d->scale > 0) {
        snprintf(buf, sizeof buf, "Each element is kept with probability 1 - p = %.6g and "
                 "scaled by 1/(1 - p) = %.4g, or dropped: 0. So every y averages x, and "
                 "evaluation can be the identity.", 1 - d->p, (double)d->scale);
    } else {
        snprintf(buf, sizeof buf, "p = 1: every element is dropped, y = x \xc2\xb7 0.");
    }
    y = paragraph(out, ROLE_LEDGER, a, y, TEXT_NORMAL, COLOR_TEXT, buf, m) + 4;
    // The walk's element, through the mask.
    int64_t numel = tensor_numel(x);
    if (numel > 0 && mo->copy >= 1) {
        int64_t index[MAX_DIMS];
        unravel_index(x->ndim, x->shape, mo->walk, index);
        float mask = dropout_mask_at(d, mo->walk);
        format_value(x->storage->data[tensor_storage_index(x, index)], xv, sizeof xv);
        format_value(mask, mv, sizeof mv);
        format_value(st->tensor->storage->data[tensor_storage_index(st->tensor, index)], yv, sizeof yv);
        Run run = {out, m, TEXT_NORMAL, ROLE_DROPOUT, -3, a.x, y, m->line[TEXT_NORMAL]};
        run_piecef(&run, COLOR_FAINT, "at %s  ", tuple_text(x->ndim, index).s);
        run_piecef(&run, COLOR_TEXT, "x = %s", xv);
        if (mask == 0) {
            run_piece(&run, COLOR_DROPPED_TEXT, ", dropped: ");
            run_piecef(&run, COLOR_TEXT, "y = %s", yv);
        } else {
            run_piecef(&run, COLOR_MUTED, " \xc2\xb7 %s = ", mv);
            run_piecef(&run, COLOR_WALK, "%s", yv);
        }
        y += m->line[TEXT_NORMAL] + 4;
    }
    snprintf(buf, sizeof buf, "%sCtrl+T: evaluation, where y is x itself. Ctrl+R: run the "
             "command again for a new mask. manual_seed(n) fixes the masks.",
             d->ran_training ? "" : "The command ran in evaluation: this is the mask "
             "training would draw. ");
    y = paragraph(out, ROLE_LEDGER, a, y, TEXT_SMALL, COLOR_MUTED, buf, m);
    return y + 10;
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

static void panel_content(DrawList *out, const Scene *sc, Rect area, const Metrics *m) {
    const Model *mo = sc->model;
    Rect a = {area.x + 12, area.y + 10, area.w - 24, area.h - 20};
    int y = a.y;
    if (mo->explain) {
        explain_section(out, mo->explain, a, y, m);
        return;
    }
    const Step *st = model_step(mo);
    if (st == NULL) return;
    if (st->source) y = copy_section(out, mo, st, a, y, m);
    if (st->dropout) y = dropout_section(out, mo, st, a, y, m);
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
}

void draw_panel(DrawList *out, const Scene *sc, Rect area, const Metrics *m) {
    draw_rect(out, ROLE_NONE, 0, area, COLOR_PANEL);
    size_t first = out->count;
    panel_content(out, sc, area, m);
    drawlist_cut_below(out, first, area.y + area.h - 4);
}
