// The frame: the header, the body of the step (drawn by its scene: see
// scene.h), the timeline, the error line and the command bar, then the
// overlays (tooltip, help). Regions are computed from the window size
// each frame, so the layout follows any resize.
#include "layout.h"

#include "scene.h"

enum {
    BODY_GAP = 6,        // between the body and the timeline under it
    VIEW_GAP = 6,        // between the logical view (and panel) and the strips
    MIN_VIEW_H = 170,    // below this the strips go compact, so the view keeps some room
    PANEL_PERCENT = 32,  // the side panel's share of the window's width...
    PANEL_MIN_W = 290,   // ...at least this wide...
    PANEL_MAX_W = 430,   // ...at most this, and never more than half the window
    NOTHING_DY = 20,     // the "No tensor yet" note, under the header
};

// The body's regions: the storage strips at its foot (as many as the
// scene stacks), the logical view and the side panel over them.
static Body body_split(int top, int bottom, int width, int strips, const Metrics *m) {
    Body b;
    b.compact = bottom - strip_height(m, false) * strips - top < MIN_VIEW_H;
    int strip_h = strip_height(m, b.compact), strips_top = bottom - strip_h * strips;
    int panel_w = width * PANEL_PERCENT / 100;
    panel_w = panel_w < PANEL_MIN_W ? PANEL_MIN_W : panel_w > PANEL_MAX_W ? PANEL_MAX_W : panel_w;
    if (panel_w > width / 2) panel_w = width / 2;
    int h = strips_top - top - VIEW_GAP;
    b.view = (Rect){FRAME_MARGIN, top, width - 3 * FRAME_MARGIN - panel_w, h};
    b.panel = (Rect){width - FRAME_MARGIN - panel_w, top, panel_w, h};
    b.strips = (Rect){FRAME_MARGIN, strips_top, width - 2 * FRAME_MARGIN, strip_h};
    return b;
}

void layout_frame(DrawList *out, const Scene *sc, int width, int height, const Metrics *m) {
    drawlist_clear(out);
    const Model *mo = sc->model;
    const SceneModule *scene = scene_for(mo);
    Subject subject = scene ? scene_subject(scene, mo) : (Subject){0};
    draw_rect(out, ROLE_NONE, 0, (Rect){0, 0, width, height}, COLOR_BG);
    layout_header(out, mo, scene, &subject, width, m);
    int top = header_height(m), bottom = layout_footer(out, sc, width, height, m) - BODY_GAP;
    if (scene == NULL) {
        draw_text(out, ROLE_SUMMARY, 0,
                  (Rect){FRAME_MARGIN, top + NOTHING_DY, width - 2 * FRAME_MARGIN,
                         m->line[TEXT_LARGE]},
                  TEXT_LARGE, ALIGN_LEFT, COLOR_MUTED,
                  "No tensor yet: type one below, e.g.  x = arange(12).view(3, 4)");
    } else {
        Body body = body_split(top, bottom, width, scene->strips, m);
        scene->layout(out, sc, &body, m);
        layout_tooltip(out, sc, &subject, width, height, m);
    }
    if (mo->help) layout_help(out, width, height, m);
}
