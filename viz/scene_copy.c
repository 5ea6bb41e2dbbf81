// The copy scene: a step whose tensor was copied into memory of its own
// (contiguous(), or a reshape(), flatten() or clone() that copied). Two
// strips: the old storage the copy read through the source's strides, and
// the new one it fills in row-major order, element by element, with a
// line from the element read to the element written.
#include <stdio.h>

#include "scene.h"

static bool copy_matches(const Model *mo) {
    return model_step(mo)->source != NULL;
}

static void copy_relation(Run *r, const Model *mo, int width) {
    int shares = earlier_sharer(mo, model_tensor(mo));
    if (!relation_fits(r, width)) return;
    if (shares >= 0) say_shares(r, shares);
    else run_piece(r, COLOR_WALK, "   a copy: new storage");
}

// How far the copy has come: the elements copied so far, INT64_MAX when done.
static int64_t copied(const Model *mo, const Step *st) {
    return mo->copy < 1 ? (int64_t)(mo->copy * (double)tensor_numel(st->tensor)) : INT64_MAX;
}

static int copy_section(DrawList *out, const Model *mo, const Step *st, Rect a, int y,
                        const Metrics *m) {
    char buf[200];
    int64_t numel = tensor_numel(st->tensor);
    y = panel_heading(out, a, y, "COPY", m);
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


// The two storages, old over new; while the copy runs, the element read
// and the element written are framed, with a line between them.
static void copy_strips(DrawList *out, const Scene *sc, const Step *st, const Body *body,
                        const Look *look, const Metrics *m) {
    const Model *mo = sc->model;
    const Tensor *t = st->tensor, *src = st->source;
    char title[400];
    Strip s, d;
    int64_t n = mo->copy < 1 ? copied(mo, st) : mo->walk;
    WalkAt sw = walk_at(src, n), dw = walk_at(t, n);
    Rect a = body->strips, b = {a.x, a.y + a.h, a.w, a.h};
    strip_fit(&s, src->storage, storage_salt(mo, src->storage), a, m, sw.addr, body->compact);
    snprintf(title, sizeof title,
             "OLD STORAGE  %lld floats, %lld bytes: what the copy read (through the source's strides %s)",
             (long long)src->storage->size, (long long)src->storage->size * 4,
             tuple_text(src->ndim, src->stride).s);
    // The source's own per-address counts are not kept; show its span by a stand-in step.
    draw_strip(out, &s, st->source_step, title, false, look, m);
    strip_fit(&d, t->storage, storage_salt(mo, t->storage), b, m, dw.addr, body->compact);
    snprintf(title, sizeof title,
             "NEW STORAGE  %lld floats, %lld bytes: the copy, in row-major order",
             (long long)t->storage->size, (long long)t->storage->size * 4);
    draw_strip(out, &d, st, title, true, look, m);
    if (mo->copy >= 1) {
        strip_walk(out, &d, dw);
        return;
    }
    Rect from, to;
    if (strip_cell(&s, sw.addr, &from) && strip_cell(&d, dw.addr, &to)) {
        draw_frame(out, ROLE_WALK_STORAGE, sw.addr, from, 3, COLOR_WALK);
        draw_line(out, ROLE_WALK_ARC, n, from.x + from.w / 2, from.y + from.h, to.x + to.w / 2,
                  to.y - m->line[TEXT_SMALL], 3, COLOR_WALK);
        draw_frame(out, ROLE_WALK_STORAGE, dw.addr, to, 3, COLOR_WALK);
    }
}

static void copy_layout(DrawList *out, const Scene *sc, const Body *body, const Metrics *m) {
    const Model *mo = sc->model;
    const Step *st = model_step(mo);
    Panel panel = panel_begin(out, body->panel);
    int y = copy_section(out, mo, st, panel.inner, panel.inner.y, m);
    step_sections(out, mo, st, panel.inner, y, m);
    panel_end(out, &panel);
    Rect area = view_title(out, mo, st->tensor, body->view, m);
    Grid g, from;
    bool moving = step_grid(&g, &from, mo, st->tensor, area, m);
    // While the copy runs, the cells not yet copied are empty, and the
    // walk's frame is on the element being copied.
    Look look = step_look(mo);
    look.filled = copied(mo, st);
    if (look.filled != INT64_MAX) look.walk = look.filled;
    draw_logical(out, sc, &g, moving ? &from : NULL, &look, m);
    copy_strips(out, sc, st, body, &look, m);
}

const SceneModule scene_copy = {
    .name = "copy",
    .strips = 2,
    .matches = copy_matches,
    .relation = copy_relation,
    .layout = copy_layout,
};
