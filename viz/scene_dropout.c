// The dropout scene (chapter 8): a step made by dropout(x, p, training),
// F.dropout, torch.dropout or an nn.Dropout called on x. A banner says
// what it shows; in training the mask lies over the grid and the strip
// (scene_dropout_mask.c) and a small grid's product is spelled out; the
// panel follows the walk's element through the mask. In evaluation the
// step is x itself, drawn plain.
#include <stdio.h>

#include "pyfloat.h"
#include "scene_dropout.h"

enum { BANNER_GAP = 8 };  // between the banner and the grid under it

static bool dropout_matches(const Model *mo) {
    return model_step(mo)->dropout != NULL;
}

void dropout_summary(const DropoutView *d, char *buf, size_t size) {
    const char *p = pyfloat_repr(d->p).s;
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

// What the result is: x itself (in evaluation), or new memory.
static void dropout_relation(Run *r, const Model *mo, int width) {
    const DropoutView *d = model_step(mo)->dropout;
    const Tensor *t = model_tensor(mo);
    int shares = earlier_sharer(mo, t);
    bool said_shares = shares >= 0 && relation_fits(r, width);
    if (said_shares) say_shares(r, shares);
    const char *note = NULL;
    if (!d->training) {
        note = said_shares ? ": the input itself" : shares < 0 ? "   the input itself: no copy" : NULL;
    } else if (t->storage != d->input->storage) {
        note = "   new storage: x \xc2\xb7 mask";
    }
    if (note && utf8_length(note) <= (width - FRAME_MARGIN - r->x) / r->m->advance[r->size]) {
        run_piece(r, d->training ? COLOR_WALK : COLOR_OK, note);
    }
}

// Over the grid: what it shows, in the mode's colour, and the key that
// flips it. Returns the rest of `area`, under it.
static Rect banner(DrawList *out, const DropoutView *d, Rect area, const Metrics *m) {
    int h = m->line[TEXT_NORMAL];
    char summary[160], fitted[160];
    dropout_summary(d, summary, sizeof summary);
    const char *hint = d->training ? "   Ctrl+T: eval" : "   Ctrl+T: training";
    int room = area.w / m->advance[TEXT_NORMAL];
    fit_text(fitted, sizeof fitted, summary, room);
    Run run = {out, m, TEXT_NORMAL, ROLE_DROPOUT, -1, area.x, area.y, h};
    run_piece(&run, d->training ? COLOR_WALK : COLOR_OK, fitted);
    if (utf8_length(summary) + utf8_length(hint) <= room) {
        run.id = -2;
        run_piece(&run, COLOR_FAINT, hint);
    }
    return (Rect){area.x, area.y + h + BANNER_GAP, area.w, area.h - h - BANNER_GAP};
}

// A dropout step: what y is made of, the walk's element through the mask,
// and what the other mode would show.
static int dropout_section(DrawList *out, const Model *mo, const Step *st, Rect a, int y,
                           const Metrics *m) {
    const DropoutView *d = st->dropout;
    const Tensor *x = d->input;
    char buf[400], xv[32], mv[32], yv[32];
    const char *p = pyfloat_repr(d->p).s;
    if (!d->training) {
        y = panel_heading(out, a, y, "DROPOUT  in evaluation, y is x", m);
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
    y = panel_heading(out, a, y, "DROPOUT  y = x \xc2\xb7 mask", m);
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
        index_unravel(x->ndim, x->shape, mo->walk, index);
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

static void dropout_layout(DrawList *out, const Scene *sc, const Body *body,
                           const Metrics *m) {
    const Model *mo = sc->model;
    const Step *st = model_step(mo);
    Panel panel = panel_begin(out, body->panel);
    int y = dropout_section(out, mo, st, panel.inner, panel.inner.y, m);
    step_sections(out, mo, st, panel.inner, y, m);
    panel_end(out, &panel);
    Rect area = banner(out, st->dropout, view_title(out, mo, st->tensor, body->view, m), m);
    Grid g, from;
    bool moving = step_grid(&g, &from, mo, st->tensor, area, m);
    Look look = step_look(mo);
    DropoutMask mask;
    dropout_look(&look, &mask, st->dropout, &g);
    draw_logical(out, sc, &g, moving ? &from : NULL, &look, m);
    if (!moving) draw_dropout_product(out, mo, st->dropout, &g, m);
    WalkAt w = walk_at(st->tensor, mo->walk);
    Strip s = one_strip(out, sc, st->tensor, st, w.addr, body, &look, m);
    strip_walk(out, &s, w);
}

const SceneModule scene_dropout = {
    .name = "dropout",
    .strips = 1,
    .matches = dropout_matches,
    .relation = dropout_relation,
    .layout = dropout_layout,
};
