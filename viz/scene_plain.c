// The plain scene: a step as chapter 2 draws it, its logical grid over
// its storage strip, with the walk and its ledger. Any step no other
// scene claims.
#include "scene.h"

static bool plain_matches(const Model *mo) {
    (void)mo;
    return true;
}

static void plain_relation(Run *r, const Model *mo, int width) {
    int shares = earlier_sharer(mo, model_tensor(mo));
    if (shares >= 0 && relation_fits(r, width)) say_shares(r, shares);
}

static void plain_layout(DrawList *out, const Scene *sc, const Body *body, const Metrics *m) {
    const Model *mo = sc->model;
    const Step *st = model_step(mo);
    Panel panel = panel_begin(out, body->panel);
    step_sections(out, mo, st, panel.inner, panel.inner.y, m);
    panel_end(out, &panel);
    Rect area = view_title(out, mo, st->tensor, body->view, m);
    Grid g, from;
    bool moving = step_grid(&g, &from, mo, st->tensor, area, m);
    Look look = step_look(mo);
    draw_logical(out, sc, &g, moving ? &from : NULL, &look, m);
    WalkAt w = walk_at(st->tensor, mo->walk);
    Strip s = one_strip(out, sc, st->tensor, st, w.addr, body, &look, m);
    strip_walk(out, &s, w);
}

const SceneModule scene_plain = {
    .name = "plain",
    .strips = 1,
    .matches = plain_matches,
    .relation = plain_relation,
    .layout = plain_layout,
};
