// The dropout scene's mask (scene_dropout_mask.c), for scene_dropout.c.
#ifndef STRIDES_VIZ_SCENE_DROPOUT_H
#define STRIDES_VIZ_SCENE_DROPOUT_H

#include "scene.h"

typedef struct DropoutMask {
    const DropoutView *d;
    bool hatch;  // few enough cells on screen for hatching the dropped ones
} DropoutMask;

// In training, `look` wears the mask of `d` (kept in *mask) over the grid
// `g` and the strip; in evaluation it stays as it is: the step is x.
void dropout_look(Look *look, DropoutMask *mask, const DropoutView *d, const Grid *g);
// Under a small grid, when there is room: x · mask = y, each factor a
// small grid of its own; in evaluation, x = y.
void draw_dropout_product(DrawList *out, const Model *mo, const DropoutView *d, const Grid *g,
                          const Metrics *m);

#endif
