// The table of scenes, and the parts of a step's body they share.
#include "scene.h"

#include <stdio.h>

// In order: the first that matches draws the frame. The explainer stands
// in for the step while a view() failure is open; plain matches any step.
static const SceneModule *const scenes[] = {
    &scene_explain,
    &scene_copy,
    &scene_dropout,
    &scene_plain,
};

enum {
    RELATION_CHARS = 30,  // the room, in characters, a relation needs to be said at all
    TITLE_GAP = 8,        // between the view's title and the grid
};

const SceneModule *scene_for(const Model *mo) {
    if (mo->explain == NULL && model_step(mo) == NULL) return NULL;
    for (size_t i = 0; i < sizeof scenes / sizeof scenes[0]; i++) {
        if (scenes[i]->matches(mo)) return scenes[i];
    }
    return NULL;
}

Subject scene_subject(const SceneModule *scene, const Model *mo) {
    return scene->subject ? scene->subject(mo) : step_subject(mo);
}

Subject step_subject(const Model *mo) {
    const Step *st = model_step(mo);
    return (Subject){.tensor = st->tensor, .step = st, .label = st->label,
                     .status_color = COLOR_MUTED, .live = true};
}

// ---- the header's relation ------------------------------------------------------

int earlier_sharer(const Model *mo, const Tensor *t) {
    for (int i = 0; i < mo->current; i++) {
        if (mo->steps[i].tensor->storage == t->storage) return i;
    }
    return -1;
}

bool relation_fits(const Run *r, int width) {
    return r->x < width - RELATION_CHARS * r->m->advance[r->size];
}

void say_shares(Run *r, int step) {
    run_piecef(r, COLOR_MUTED, "   shares storage with step %d", step + 1);
}

// ---- the logical view -------------------------------------------------------------

Rect title_rect(Rect view, const Metrics *m) {
    return (Rect){view.x, view.y, view.w, m->line[TEXT_SMALL]};
}

Rect below_title(Rect view, const Metrics *m) {
    int h = m->line[TEXT_SMALL] + TITLE_GAP;
    return (Rect){view.x, view.y + h, view.w, view.h - h};
}

Rect view_title(DrawList *out, const Model *mo, const Tensor *t, Rect view,
                const Metrics *m) {
    Rect r = title_rect(view, m);
    Run run = {out, m, TEXT_SMALL, ROLE_AXIS, 0, r.x, r.y, r.h};
    int right = r.x + r.w;
    bool cut = false;
    char buf[200];
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
    return below_title(view, m);
}

Look step_look(const Model *mo) {
    return (Look){.walk = mo->walk, .selected = model_selected_addr(mo), .filled = INT64_MAX,
                  .tint = plain_tint};
}

bool step_grid(Grid *g, Grid *from, const Model *mo, const Tensor *t, Rect area,
               const Metrics *m) {
    WalkAt w = walk_at(t, mo->walk);
    grid_fit(g, t, mo->row_axis, mo->col_axis, area, m, w.index);
    if (mo->from < 0 || mo->transition >= 1) return false;
    // The previous step as it was drawn: its last two dims as the grid.
    const Tensor *ft = mo->steps[mo->from].tensor;
    int64_t origin[MAX_DIMS] = {0};
    grid_fit(from, ft, ft->ndim >= 2 ? ft->ndim - 2 : -1, ft->ndim >= 1 ? ft->ndim - 1 : -1, area,
             m, origin);
    return true;
}

// ---- the storage strip -------------------------------------------------------------

Strip one_strip(DrawList *out, const Scene *sc, const Tensor *t, const Step *shown,
                int64_t focus, const Body *body, const Look *look, const Metrics *m) {
    const Storage *storage = t->storage;
    char title[400];
    Strip s;
    strip_fit(&s, storage, storage_salt(sc->model, storage), body->strips, m, focus,
              body->compact);
    snprintf(title, sizeof title,
             "STORAGE  %lld floats, %lld bytes   span it can reach: %lld-%lld   offset %lld",
             (long long)storage->size, (long long)storage->size * 4,
             (long long)(shown ? shown->span_lo : 0), (long long)(shown ? shown->span_hi : -1),
             (long long)t->offset);
    draw_strip(out, &s, shown, title, false, look, m);
    return s;
}

void strip_walk(DrawList *out, const Strip *s, WalkAt w) {
    Rect c = {0};
    if (strip_cell(s, w.addr, &c)) draw_frame(out, ROLE_WALK_STORAGE, w.addr, c, 3, COLOR_WALK);
    if (w.prev_addr >= 0) draw_walk_arc(out, s, w.prev_addr, w.addr, COLOR_WALK);
}
