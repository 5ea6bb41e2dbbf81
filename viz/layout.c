// The frame: header, logical view and side panel, storage strip(s),
// timeline, error line and command bar, then the overlays (tooltip,
// help). Regions are computed from the window size each frame, so the
// layout follows any resize.
#include "layout.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "layout_internal.h"
#include "pyfloat.h"
#include "view.h"

enum { PAD = 12 };

// ---- small helpers shared by the layout files ---------------------------

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

void dropout_summary(const DropoutView *d, char *buf, size_t size) {
    const char *p = python_float(d->p).s;
    if (!d->training) {
        snprintf(buf, size, "dropout p=%s, eval: the output is the input itself", p);
    } else if (d->scale == 0) {
        snprintf(buf, size, "dropout p=%s, training: kept 0 of %lld, all zeroed", p,
                 (long long)tensor_numel(d->mask));
    } else {
        snprintf(buf, size, "dropout p=%s, training: kept %lld of %lld, scale \xc3\x97%.4g", p,
                 (long long)d->kept, (long long)tensor_numel(d->mask), (double)d->scale);
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

// ---- header ----------------------------------------------------------------

// "(2, 3, 4)", each entry in its dim's colour; "(2,3,4)" when compact.
static void tuple_run(Run *r, int n, const int64_t *v, bool compact) {
    run_piece(r, COLOR_MUTED, "(");
    for (int d = 0; d < n; d++) {
        run_piecef(r, dim_color(d), "%lld", (long long)v[d]);
        if (d + 1 < n) run_piece(r, COLOR_MUTED, compact ? "," : ", ");
    }
    run_piece(r, COLOR_MUTED, n == 1 ? ",)" : ")");
}

// The same tuple's length in characters.
static int tuple_chars(int n, const int64_t *v, bool compact) {
    char buf[24];
    int chars = n == 1 ? 3 : 2;
    for (int d = 0; d < n; d++) {
        chars += snprintf(buf, sizeof buf, "%lld", (long long)v[d]);
        if (d + 1 < n) chars += compact ? 1 : 2;
    }
    return chars;
}

// The header's second line: shape, stride, offset, numel, contiguous.
// Eight dims of large strides do not fit a small window: the tuples drop
// their spaces, then the items that still do not fit are left out (from
// the end), rather than drawn off the edge. Returns where the line ends,
// or -1 when something was left out.
static int layout_line(DrawList *out, const Tensor *t, int y, int width, const Metrics *m) {
    char numbers[2][48];
    snprintf(numbers[0], sizeof numbers[0], "%lld", (long long)t->offset);
    snprintf(numbers[1], sizeof numbers[1], "%lld", (long long)tensor_numel(t));
    bool contiguous = tensor_is_contiguous(t);
    int room = (width - 2 * PAD) / m->advance[TEXT_NORMAL];
    int rest = 10 + utf8_length(numbers[0]) + 9 + utf8_length(numbers[1]) + 14 + 3;
    bool compact = 6 + tuple_chars(t->ndim, t->shape, false) + 10 +
                   tuple_chars(t->ndim, t->stride, false) + rest > room;
    Run r = {out, m, TEXT_NORMAL, ROLE_HEADER, 2, PAD, y, m->line[TEXT_NORMAL]};
    int used = 6 + tuple_chars(t->ndim, t->shape, compact);
    if (used > room) return -1;
    run_piece(&r, COLOR_FAINT, "shape ");
    tuple_run(&r, t->ndim, t->shape, compact);
    used += 10 + tuple_chars(t->ndim, t->stride, compact);
    if (used > room) return -1;
    run_piece(&r, COLOR_FAINT, "   stride ");
    tuple_run(&r, t->ndim, t->stride, compact);
    static const char *const labels[] = {"   offset ", "   numel ", "   contiguous "};
    const char *values[] = {numbers[0], numbers[1], contiguous ? "yes" : "no"};
    Color colors[] = {COLOR_OFFSET, COLOR_TEXT, contiguous ? COLOR_OK : COLOR_ERROR};
    for (int i = 0; i < 3; i++) {
        used += utf8_length(labels[i]) + utf8_length(values[i]);
        if (used > room) return -1;
        run_piece(&r, COLOR_FAINT, labels[i]);
        run_piece(&r, colors[i], values[i]);
    }
    return r.x;
}

static void header(DrawList *out, const Model *mo, int width, const Metrics *m) {
    const Step *st = model_step(mo);
    Step failed = {0};
    if (mo->explain) {  // the header describes what the explainer shows
        failed.label = mo->error_line;
        failed.tensor = mo->explain->input;
        st = &failed;
    }
    int big = m->line[TEXT_LARGE];
    char buf[256], fitted[256];
    if (st == NULL) {
        draw_text(out, ROLE_HEADER, 0, (Rect){PAD, PAD, width - 2 * PAD, big}, TEXT_LARGE,
                  ALIGN_LEFT, COLOR_TEXT, "Strides \xe2\x80\x94 the stride visualizer");
        return;
    }
    const Tensor *t = st->tensor;
    if (mo->explain) snprintf(buf, sizeof buf, "\xe2\x9c\x97 view() failed; its input:");
    else snprintf(buf, sizeof buf, "step %d of %d", mo->current + 1, mo->count);
    int right = text_width(m, TEXT_NORMAL, buf);
    draw_text(out, ROLE_HEADER, 1, (Rect){width - PAD - right, PAD, right, big}, TEXT_NORMAL,
              ALIGN_RIGHT, mo->explain ? COLOR_ERROR : COLOR_MUTED, buf);
    fit_text(fitted, sizeof fitted, st->label,
             (width - 3 * PAD - right) / m->advance[TEXT_LARGE]);
    draw_text(out, ROLE_HEADER, 0, (Rect){PAD, PAD, width - 3 * PAD - right, big}, TEXT_LARGE,
              ALIGN_LEFT, COLOR_TEXT, fitted);

    int y = PAD + big + 2, end = layout_line(out, t, y, width, m);
    if (end < 0) return;  // no room for more
    Run r = {out, m, TEXT_NORMAL, ROLE_HEADER, 2, end, y, m->line[TEXT_NORMAL]};
    // Which earlier step this one shares memory with: the point of a view.
    int shares = -1;
    for (int i = 0; i < mo->current && !mo->explain; i++) {
        if (mo->steps[i].tensor->storage == t->storage) {
            shares = i;
            break;
        }
    }
    // A dropout step says what its result is: x itself, or new memory.
    const DropoutView *drop = mo->explain ? NULL : st->dropout;
    bool said_shares = false;
    if (r.x < width - 30 * m->advance[TEXT_NORMAL]) {
        if (shares >= 0) {
            run_piecef(&r, COLOR_MUTED, "   shares storage with step %d", shares + 1);
            said_shares = true;
        } else if (st->source) {
            run_piece(&r, COLOR_WALK, "   a copy: new storage");
        }
    }
    const char *note = NULL;
    if (drop && !drop->training) {
        note = said_shares ? ": the input itself" : shares < 0 ? "   the input itself: no copy" : NULL;
    } else if (drop && t->storage != drop->input->storage) {
        note = "   new storage: x \xc2\xb7 mask";
    }
    if (note && utf8_length(note) <= (width - PAD - r.x) / m->advance[TEXT_NORMAL]) {
        run_piece(&r, drop->training ? COLOR_WALK : COLOR_OK, note);
    }
}

// ---- timeline ----------------------------------------------------------------

static void timeline(DrawList *out, const Model *mo, Rect area, const Metrics *m) {
    int adv = m->advance[TEXT_SMALL];
    Run label = {out, m, TEXT_SMALL, ROLE_AXIS, 0, area.x, area.y, area.h};
    run_piece(&label, COLOR_FAINT, "TIMELINE ");
    int x0 = label.x + 4, right = area.x + area.w;
    char text[160], fitted[128];
    // Chip widths, then the first chip to show so the current one is in view.
    int widths[512];
    int n = mo->count < 512 ? mo->count : 512;
    for (int i = 0; i < n; i++) {
        fit_text(fitted, sizeof fitted, mo->steps[i].label, 28);
        snprintf(text, sizeof text, "%d %s%s", i + 1, fitted, mo->steps[i].source ? " \xe2\xa7\x89" : "");
        widths[i] = text_width(m, TEXT_SMALL, text) + 2 * adv;
    }
    int first = 0, span = 0;
    for (int i = mo->current; i >= 0; i--) {
        if (span + widths[i] + 6 > right - x0 && i != mo->current) break;
        span += widths[i] + 6;
        first = i;
    }
    if (first > 0) {
        run_piece(&label, COLOR_FAINT, "\xe2\x80\xa6 ");
        x0 = label.x + 4;
    }
    for (int i = first, x = x0; i < n && x < right; i++) {
        fit_text(fitted, sizeof fitted, mo->steps[i].label, 28);
        snprintf(text, sizeof text, "%d %s%s", i + 1, fitted, mo->steps[i].source ? " \xe2\xa7\x89" : "");
        Rect chip = {x, area.y, widths[i], area.h};
        if (chip.x + chip.w > right) chip.w = right - chip.x;
        bool current = i == mo->current;
        draw_rect(out, ROLE_TIMELINE_ITEM, i, chip, current ? COLOR_PANEL_EDGE : COLOR_PANEL);
        if (current) draw_frame(out, ROLE_NONE, i, chip, 1, COLOR_WALK);
        fit_text(fitted, sizeof fitted, text, (chip.w - adv) / adv);
        draw_text(out, ROLE_TIMELINE_ITEM, i, chip, TEXT_SMALL, ALIGN_CENTER,
                  current ? COLOR_TEXT : COLOR_MUTED, fitted);
        x += widths[i] + 6;
    }
}

// ---- command bar and error -------------------------------------------------------

static void command_bar(DrawList *out, const Scene *sc, Rect area, const Metrics *m) {
    const Model *mo = sc->model;
    int adv = m->advance[TEXT_NORMAL];
    draw_rect(out, ROLE_COMMAND, 0, area, sc->focused ? COLOR_PANEL_EDGE : COLOR_PANEL);
    if (sc->focused) draw_frame(out, ROLE_NONE, 0, area, 1, COLOR_SELECT);
    Rect prompt = {area.x + 8, area.y, 2 * adv, area.h};
    draw_text(out, ROLE_COMMAND, 1, prompt, TEXT_NORMAL, ALIGN_LEFT, COLOR_WALK, "\xe2\x80\xba");
    int x = area.x + 8 + 2 * adv;
    int room = (area.w - 16 - 2 * adv) / adv;
    const char *cmd = sc->command ? sc->command : "";
    if (*cmd == '\0' && !sc->focused) {
        char hint[200];
        fit_text(hint, sizeof hint,
                 "type a command: x.t()   x[:, ::2]   x.view(2, 6)   x.expand(3, 4)   "
                 "(Enter to start, ? for help)", room);
        draw_text(out, ROLE_COMMAND, 2, (Rect){x, area.y, area.w - x, area.h}, TEXT_NORMAL,
                  ALIGN_LEFT, COLOR_FAINT, hint);
        return;
    }
    // Scroll a long command so the cursor stays visible.
    int cursor_chars = 0;
    for (int i = 0; i < sc->cursor && cmd[i]; i++) cursor_chars += ((unsigned char)cmd[i] & 0xC0) != 0x80;
    int skip = cursor_chars > room - 1 ? cursor_chars - room + 1 : 0;
    const char *shown = cmd;
    for (int k = 0; k < skip && *shown;) {
        shown++;
        if (((unsigned char)*shown & 0xC0) != 0x80) k++;
    }
    char fitted[512];
    fit_text(fitted, sizeof fitted, shown, room);
    draw_text(out, ROLE_COMMAND, 3, (Rect){x, area.y, area.w - x, area.h}, TEXT_NORMAL,
              ALIGN_LEFT, COLOR_TEXT, fitted);
    // A syntax error's column, underlined in red while the text is unchanged.
    if (mo->error && mo->error_column > 0 && mo->error_line && strcmp(mo->error_line, cmd) == 0) {
        int col = mo->error_column - 1 - skip;
        if (col >= 0 && col < room) {
            draw_rect(out, ROLE_ERROR, 1,
                      (Rect){x + col * adv, area.y + area.h - 6, adv, 2}, COLOR_ERROR);
        }
    }
    if (sc->focused) {
        draw_rect(out, ROLE_COMMAND, 4,
                  (Rect){x + (cursor_chars - skip) * adv, area.y + 5, 2, area.h - 10}, COLOR_TEXT);
    }
}

static int error_lines(const Model *mo, int width, const Metrics *m) {
    if (mo->error == NULL) return 0;
    int per_line = (width - 2 * PAD) / m->advance[TEXT_NORMAL];
    int n = (utf8_length(mo->error) + per_line - 1) / per_line;
    return n < 1 ? 1 : n > 3 ? 3 : n;
}

static void error_line(DrawList *out, const Model *mo, Rect area, const Metrics *m) {
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", mo->error);
    Color color = mo->note ? COLOR_TEXT : COLOR_ERROR;
    int per_line = area.w / m->advance[TEXT_NORMAL];
    int lines = area.h / m->line[TEXT_NORMAL];
    const char *s = buf;
    for (int i = 0; i < lines && *s; i++) {
        char line[1024];
        if (i == lines - 1) {
            fit_text(line, sizeof line, s, per_line);
            s += strlen(s);
        } else {
            int cut = 0, chars = 0, k = 0;
            for (; s[k] && chars < per_line; k++) {
                if (s[k] == ' ') cut = k;
                chars += ((unsigned char)s[k] & 0xC0) != 0x80;
            }
            if (!s[k]) cut = k;
            if (cut == 0) cut = k;
            snprintf(line, sizeof line, "%.*s", cut, s);
            s += cut;
            while (*s == ' ') s++;
        }
        draw_text(out, ROLE_ERROR, 0,
                  (Rect){area.x, area.y + i * m->line[TEXT_NORMAL], area.w, m->line[TEXT_NORMAL]},
                  TEXT_NORMAL, ALIGN_LEFT, color, line);
    }
}

// ---- overlays ------------------------------------------------------------------------

static void tooltip(DrawList *out, const Scene *sc, int width, int height, const Metrics *m) {
    const Model *mo = sc->model;
    const Tensor *t = mo->explain ? mo->explain->input : model_tensor(mo);
    if (t == NULL || sc->mouse_x < 0) return;
    char buf[256], value[32];
    const DrawCmd *cell = drawlist_hit(out, DRAW_RECT, ROLE_LOGICAL_CELL, sc->mouse_x, sc->mouse_y);
    const DrawCmd *store = drawlist_hit(out, DRAW_RECT, ROLE_STORAGE_CELL, sc->mouse_x, sc->mouse_y);
    if (cell) {
        int64_t index[MAX_DIMS];
        unravel_index(t->ndim, t->shape, cell->id, index);
        int64_t addr = tensor_storage_index(t, index);
        format_value(t->storage->data[addr], value, sizeof value);
        snprintf(buf, sizeof buf, "index %s \xe2\x86\x92 storage[%lld] = %s",
                 tuple_text(t->ndim, index).s, (long long)addr, value);
    } else if (store && !mo->explain) {
        const Step *st = model_step(mo);
        format_value(t->storage->data[store->id], value, sizeof value);
        snprintf(buf, sizeof buf, "storage[%lld] (byte %lld) = %s, read by %lld",
                 (long long)store->id, (long long)store->id * 4, value,
                 (long long)step_uses(st, store->id));
    } else {
        return;
    }
    int w = text_width(m, TEXT_NORMAL, buf) + 16, h = m->line[TEXT_NORMAL] + 10;
    int x = sc->mouse_x + 14, y = sc->mouse_y + 18;
    if (x + w > width - 4) x = width - 4 - w;
    if (y + h > height - 4) y = sc->mouse_y - h - 8;
    if (x < 4) x = 4;
    draw_rect(out, ROLE_TOOLTIP, 0, (Rect){x, y, w, h}, COLOR_OVERLAY);
    draw_frame(out, ROLE_TOOLTIP, 0, (Rect){x, y, w, h}, 1, COLOR_SELECT);
    draw_text(out, ROLE_TOOLTIP, 0, (Rect){x + 8, y, w - 16, h}, TEXT_NORMAL, ALIGN_LEFT,
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

static void help(DrawList *out, int width, int height, const Metrics *m) {
    int rows = (int)(sizeof help_rows / sizeof help_rows[0]);
    int line = m->line[TEXT_NORMAL] + 4, adv = m->advance[TEXT_NORMAL];
    int w = 62 * adv, h = (rows + 4) * line;
    if (w > width - 20) w = width - 20;
    if (h > height - 20) h = height - 20;
    Rect box = {(width - w) / 2, (height - h) / 2, w, h};
    draw_rect(out, ROLE_HELP, 0, (Rect){0, 0, width, height}, RGBA(0, 0, 0, 120));
    draw_rect(out, ROLE_HELP, 0, box, COLOR_OVERLAY);
    draw_frame(out, ROLE_HELP, 0, box, 1, COLOR_PANEL_EDGE);
    draw_text(out, ROLE_HELP, 0, (Rect){box.x + 16, box.y + 8, w - 32, line}, TEXT_LARGE,
              ALIGN_LEFT, COLOR_TEXT, "Keys");
    for (int i = 0; i < rows; i++) {
        int y = box.y + 8 + (i + 2) * line;
        if (y + line > box.y + h) break;
        char text[120];
        draw_text(out, ROLE_HELP, i + 1, (Rect){box.x + 16, y, 18 * adv, line}, TEXT_NORMAL,
                  ALIGN_LEFT, COLOR_WALK, help_rows[i][0]);
        fit_text(text, sizeof text, help_rows[i][1], (w - 32 - 19 * adv) / adv);
        draw_text(out, ROLE_HELP, i + 1, (Rect){box.x + 16 + 19 * adv, y, w - 32 - 19 * adv, line},
                  TEXT_NORMAL, ALIGN_LEFT, COLOR_TEXT, text);
    }
}

// ---- the frame ------------------------------------------------------------------------

// A piece of a line that must end by `right`: once one does not fit, it
// and everything after it are left out.
static void piece_within(Run *r, int right, bool *cut, Color c, const char *s) {
    if (!*cut && r->x + text_width(r->m, r->size, s) > right) *cut = true;
    if (!*cut) run_piece(r, c, s);
}

static void logical_title(DrawList *out, const Model *mo, const Tensor *t, Rect r,
                          const Metrics *m) {
    Run run = {out, m, TEXT_SMALL, ROLE_AXIS, 0, r.x, r.y, r.h};
    int right = r.x + r.w;
    bool cut = false;
    char buf[200];
    if (mo->explain) {
        piece_within(&run, right, &cut, COLOR_ERROR, "THE INPUT OF THE FAILED view()  ");
        snprintf(buf, sizeof buf, "shape %s", tuple_text(t->ndim, t->shape).s);
        piece_within(&run, right, &cut, COLOR_MUTED, buf);
        return;
    }
    piece_within(&run, right, &cut, COLOR_FAINT, "LOGICAL VIEW   ");
    if (t->ndim >= 2) {
        piece_within(&run, right, &cut, COLOR_MUTED, "rows: ");
        snprintf(buf, sizeof buf, "dim %d \xe2\x86\x93", mo->row_axis);
        piece_within(&run, right, &cut, dim_color(mo->row_axis), buf);
        piece_within(&run, right, &cut, COLOR_MUTED, "   cols: ");
        snprintf(buf, sizeof buf, "dim %d \xe2\x86\x92", mo->col_axis);
        piece_within(&run, right, &cut, dim_color(mo->col_axis), buf);
        if (t->ndim > 2) piece_within(&run, right, &cut, COLOR_FAINT, "   (Tab: other axes)");
    } else if (t->ndim == 1) {
        piece_within(&run, right, &cut, dim_color(0), "dim 0 \xe2\x86\x92");
    } else {
        piece_within(&run, right, &cut, COLOR_MUTED, "a 0-dim tensor: one element, no strides");
    }
}

// Over a dropout step's grid: what it shows, in the mode's colour, and
// the key that flips it.
static void dropout_banner(DrawList *out, const DropoutView *d, Rect r, const Metrics *m) {
    char summary[160], fitted[160];
    dropout_summary(d, summary, sizeof summary);
    const char *hint = d->training ? "   Ctrl+T: eval" : "   Ctrl+T: training";
    int room = r.w / m->advance[TEXT_NORMAL];
    fit_text(fitted, sizeof fitted, summary, room);
    Run run = {out, m, TEXT_NORMAL, ROLE_DROPOUT, -1, r.x, r.y, r.h};
    run_piece(&run, d->training ? COLOR_WALK : COLOR_OK, fitted);
    if (utf8_length(summary) + utf8_length(hint) <= room) {
        run.id = -2;
        run_piece(&run, COLOR_FAINT, hint);
    }
}

// A copy's two storages: the old one it read (through the source's
// strides), the new one it fills in row-major order, and while it runs a
// line from the element read to the element written.
static void copy_strips(DrawList *out, const Scene *sc, const Step *st, Rect a, bool compact,
                        const Metrics *m) {
    const Model *mo = sc->model;
    const Tensor *t = st->tensor, *src = st->source;
    char title_text[400];
    Strip s, d;
    int64_t n = mo->copy < 1 ? (int64_t)(mo->copy * (double)tensor_numel(t)) : mo->walk;
    WalkAt sw = walk_at(src, n), dw = walk_at(t, n);
    strip_fit(&s, src->storage, storage_salt(mo, src->storage), a, m, sw.addr, compact);
    snprintf(title_text, sizeof title_text,
             "OLD STORAGE  %lld floats, %lld bytes: what the copy read (through the source's strides %s)",
             (long long)src->storage->size, (long long)src->storage->size * 4,
             tuple_text(src->ndim, src->stride).s);
    // The source's own per-address counts are not kept; show its span by a stand-in step.
    draw_strip(out, sc, &s, st->source_step, title_text, false, m);
    Rect b = {a.x, a.y + a.h, a.w, a.h};
    strip_fit(&d, t->storage, storage_salt(mo, t->storage), b, m, dw.addr, compact);
    snprintf(title_text, sizeof title_text,
             "NEW STORAGE  %lld floats, %lld bytes: the copy, in row-major order",
             (long long)t->storage->size, (long long)t->storage->size * 4);
    draw_strip(out, sc, &d, st, title_text, true, m);
    if (mo->copy < 1) {
        Rect sc_cell, dc_cell;
        if (strip_cell(&s, sw.addr, &sc_cell) && strip_cell(&d, dw.addr, &dc_cell)) {
            draw_frame(out, ROLE_WALK_STORAGE, sw.addr, sc_cell, 3, COLOR_WALK);
            draw_line(out, ROLE_WALK_ARC, n, sc_cell.x + sc_cell.w / 2, sc_cell.y + sc_cell.h,
                      dc_cell.x + dc_cell.w / 2, dc_cell.y - m->line[TEXT_SMALL], 3, COLOR_WALK);
            draw_frame(out, ROLE_WALK_STORAGE, dw.addr, dc_cell, 3, COLOR_WALK);
        }
    } else {
        Rect c = {0};
        if (strip_cell(&d, dw.addr, &c)) draw_frame(out, ROLE_WALK_STORAGE, dw.addr, c, 3, COLOR_WALK);
        if (dw.prev_addr >= 0) draw_walk_arc(out, &d, dw.prev_addr, dw.addr, COLOR_WALK);
    }
}

// The tensor's one storage, with the walk's cell and jump; for a failed
// view(), the seam in memory instead.
static void one_strip(DrawList *out, const Scene *sc, const Tensor *t, Rect a, bool compact,
                      const Metrics *m) {
    const Model *mo = sc->model;
    const Storage *storage = t->storage;
    WalkAt w = walk_at(t, mo->explain ? 0 : mo->walk);
    char title_text[400];
    Strip s;
    strip_fit(&s, storage, storage_salt(mo, storage), a, m, w.addr, compact);
    const Step *shown = mo->explain ? mo->explained : model_step(mo);
    snprintf(title_text, sizeof title_text,
             "STORAGE  %lld floats, %lld bytes   span it can reach: %lld-%lld   offset %lld",
             (long long)storage->size, (long long)storage->size * 4,
             (long long)(shown ? shown->span_lo : 0), (long long)(shown ? shown->span_hi : -1),
             (long long)t->offset);
    draw_strip(out, sc, &s, shown, title_text, false, m);
    if (!mo->explain) {
        Rect c = {0};
        if (strip_cell(&s, w.addr, &c)) draw_frame(out, ROLE_WALK_STORAGE, w.addr, c, 3, COLOR_WALK);
        if (w.prev_addr >= 0) draw_walk_arc(out, &s, w.prev_addr, w.addr, COLOR_WALK);
    } else if (mo->explain->block < tensor_numel(t)) {
        // The seam in memory: from the last element of the first block
        // to where the next one really is.
        WalkAt seam = walk_at(t, mo->explain->block);
        draw_walk_arc(out, &s, seam.prev_addr, seam.addr, COLOR_ERROR);
    }
}

void layout_frame(DrawList *out, const Scene *sc, int width, int height, const Metrics *m) {
    drawlist_clear(out);
    const Model *mo = sc->model;
    draw_rect(out, ROLE_NONE, 0, (Rect){0, 0, width, height}, COLOR_BG);
    header(out, mo, width, m);

    int cmd_h = m->line[TEXT_NORMAL] + 14;
    int err_h = error_lines(mo, width, m) * m->line[TEXT_NORMAL];
    int tl_h = m->line[TEXT_SMALL] + 10;
    Rect cmd = {PAD, height - PAD - cmd_h, width - 2 * PAD, cmd_h};
    Rect err = {PAD, cmd.y - err_h - (err_h ? 6 : 0), width - 2 * PAD, err_h};
    Rect tl = {PAD, err.y - tl_h - 8, width - 2 * PAD, tl_h};
    command_bar(out, sc, cmd, m);
    if (err_h) error_line(out, mo, err, m);
    timeline(out, mo, tl, m);

    const Step *st = model_step(mo);
    const Tensor *t = mo->explain ? mo->explain->input : st ? st->tensor : NULL;
    int top = PAD + m->line[TEXT_LARGE] + m->line[TEXT_NORMAL] + 12;
    if (t == NULL) {
        draw_text(out, ROLE_SUMMARY, 0, (Rect){PAD, top + 20, width - 2 * PAD, m->line[TEXT_LARGE]},
                  TEXT_LARGE, ALIGN_LEFT, COLOR_MUTED,
                  "No tensor yet: type one below, e.g.  x = arange(12).view(3, 4)");
        if (mo->help) help(out, width, height, m);
        return;
    }

    // Storage strips from the bottom up: a copy shows its source's storage too.
    bool copy = st && st->source && !mo->explain;
    // Short windows get compact strips, so the logical view keeps some room.
    int strips = copy ? 2 : 1;
    bool compact = tl.y - 6 - strip_height(m, false) * strips - top < 170;
    int sh = strip_height(m, compact);
    int strips_top = tl.y - 6 - sh * strips;
    int panel_w = width * 32 / 100;
    panel_w = panel_w < 290 ? 290 : panel_w > 430 ? 430 : panel_w;
    if (panel_w > width / 2) panel_w = width / 2;
    Rect main = {PAD, top, width - 3 * PAD - panel_w, strips_top - top - 6};
    Rect panel = {width - PAD - panel_w, top, panel_w, strips_top - top - 6};
    draw_panel(out, sc, panel, m);

    Rect title = {main.x, main.y, main.w, m->line[TEXT_SMALL]};
    logical_title(out, mo, t, title, m);
    Rect grid_area = {main.x, main.y + title.h + 8, main.w, main.h - title.h - 8};
    if (st && st->dropout && !mo->explain) {
        dropout_banner(out, st->dropout, (Rect){grid_area.x, grid_area.y, grid_area.w,
                                                m->line[TEXT_NORMAL]}, m);
        grid_area.y += m->line[TEXT_NORMAL] + 8;
        grid_area.h -= m->line[TEXT_NORMAL] + 8;
    }
    WalkAt w = walk_at(t, mo->explain ? 0 : mo->walk);
    Grid g, from;
    int ra = mo->explain ? (t->ndim >= 2 ? t->ndim - 2 : -1) : mo->row_axis;
    int ca = mo->explain ? (t->ndim >= 1 ? t->ndim - 1 : -1) : mo->col_axis;
    grid_fit(&g, t, ra, ca, grid_area, m, w.index);
    bool moving = !mo->explain && mo->from >= 0 && mo->transition < 1;
    if (moving) {
        const Tensor *ft = mo->steps[mo->from].tensor;
        int64_t fi[MAX_DIMS] = {0};
        grid_fit(&from, ft, ft->ndim >= 2 ? ft->ndim - 2 : -1, ft->ndim >= 1 ? ft->ndim - 1 : -1,
                 grid_area, m, fi);
    }
    draw_logical(out, sc, &g, moving ? &from : NULL, m);
    if (!mo->explain && !moving) draw_dropout_product(out, sc, &g, m);

    Rect strips_area = {PAD, strips_top, width - 2 * PAD, sh};
    if (copy) copy_strips(out, sc, st, strips_area, compact, m);
    else one_strip(out, sc, t, strips_area, compact, m);
    tooltip(out, sc, width, height, m);
    if (mo->help) help(out, width, height, m);
}
