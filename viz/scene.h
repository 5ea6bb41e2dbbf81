// Scenes: what the body of a frame shows for the step on screen. The
// shared frame (header, timeline, error line, command bar, tooltip, help)
// is laid out once, in layout_frame.c; between the header and the timeline a
// scene module draws the step: the logical view, the side panel and the
// storage strips, each in its own way.
//
// A scene is a row of `scenes[]` (scene.c): a name, how many storage
// strips it stacks under the view, when it applies, and its layout. The
// first whose `matches` says yes draws the frame. A new kind of step
// (a convolution's windows, gradients) is a new scene_*.c and a new row,
// with nothing changed in the shared layout.
#ifndef STRIDES_VIZ_SCENE_H
#define STRIDES_VIZ_SCENE_H

#include "layout_internal.h"

// What the frame is about: the header describes it, the tooltip reads it.
typedef struct Subject {
    const Tensor *tensor;   // NULL: nothing yet
    const Step   *step;     // its analysis: how many indices read each storage element
    const char   *label;    // the command that made it
    const char   *status;   // the header's right-hand text; NULL: "step i of n"
    Color         status_color;
    bool          live;     // the walk and the picking apply (not a still picture)
} Subject;

// The body's regions, from the window size and the scene's strip count.
typedef struct Body {
    Rect view;     // the logical view: its title, then the grid
    Rect panel;    // the side panel
    Rect strips;   // the first storage strip; the next ones follow under it, as high
    bool compact;  // strips short of room: smaller cells, no byte addresses
} Body;

typedef struct SceneModule {
    const char *name;
    int strips;  // storage strips stacked under the view
    bool (*matches)(const Model *mo);
    // What the header and the tooltip describe; NULL: the current step.
    Subject (*subject)(const Model *mo);
    // The header's last words after the shape line (how the step relates
    // to earlier ones), from r->x on, within `width`; NULL: none.
    void (*relation)(Run *r, const Model *mo, int width);
    void (*layout)(DrawList *out, const Scene *sc, const Body *body, const Metrics *m);
} SceneModule;

extern const SceneModule scene_explain, scene_copy, scene_dropout, scene_plain;

// The scene that draws the model's frame, or NULL when there is no tensor.
const SceneModule *scene_for(const Model *mo);
Subject scene_subject(const SceneModule *scene, const Model *mo);

// The shared frame's parts that describe the subject (layout_header.c,
// layout_overlay.c).
void layout_header(DrawList *out, const Model *mo, const SceneModule *scene,
                   const Subject *subject, int width, const Metrics *m);
void layout_tooltip(DrawList *out, const Scene *sc, const Subject *subject, int width,
                    int height, const Metrics *m);

// ---- parts the scenes share (scene.c) ----

// The current step as the subject: live, "step i of n".
Subject step_subject(const Model *mo);
// The relation: the first earlier step with this storage (a view of it),
// or -1; whether the header has room to say anything after r->x; and
// "   shares storage with step N".
int  earlier_sharer(const Model *mo, const Tensor *t);
bool relation_fits(const Run *r, int width);
void say_shares(Run *r, int step);
// Where the view's title goes, and the rest of `view`, under it.
Rect title_rect(Rect view, const Metrics *m);
Rect below_title(Rect view, const Metrics *m);
// The view's title, "LOGICAL VIEW  rows: dim 0 ...", over `view`; the rest
// of `view`, under it, for the grid.
Rect view_title(DrawList *out, const Model *mo, const Tensor *t, Rect view,
                const Metrics *m);
// The plain look of the current step: the walk's cell, the picked
// element, every element in its colour, every cell filled.
Look step_look(const Model *mo);
// Fit the current step's grid into `area` around the walk, and its
// previous step's grid while a transition runs. True while it runs.
bool step_grid(Grid *g, Grid *from, const Model *mo, const Tensor *t, Rect area,
               const Metrics *m);
// The one storage strip of `t` (analysed as `shown`) around element
// `focus`, drawn with `look`.
Strip one_strip(DrawList *out, const Scene *sc, const Tensor *t, const Step *shown,
                int64_t focus, const Body *body, const Look *look, const Metrics *m);
// The walk's frame and its jump on a strip.
void strip_walk(DrawList *out, const Strip *s, WalkAt w);

#endif
