// The explainer: while a failed view() is open, it stands in for the
// step. Its input, with the elements tinted block by block (runs that sit
// evenly in memory), red frames on the two cells either side of the seam
// the new dim would have to step over, the same seam as a red arc in the
// storage strip, and the panel saying why. A still picture: no walk.
#include <stdio.h>

#include "scene.h"

static bool explain_matches(const Model *mo) {
    return mo->explain != NULL;
}

static Subject explain_subject(const Model *mo) {
    return (Subject){.tensor = mo->explain->input, .step = mo->explained,
                     .label = mo->error_line, .status = "\xe2\x9c\x97 view() failed; its input:",
                     .status_color = COLOR_ERROR, .live = false};
}

// The explainer's colours: blocks of the chunk a new dim would overrun,
// alternating, so the seams between them show.
static Color block_color(int64_t block) {
    return block % 2 ? RGB(255, 214, 165) : RGB(160, 220, 255);
}


static Tint block_tint(const Look *look, int salt, int64_t n, int64_t addr) {
    (void)salt, (void)addr;
    const ViewExplain *e = look->data;
    return (Tint){block_color(n / e->block), COLOR_CELL_TEXT};
}

// The last cell of the first block and the first of the next, framed red.
static void seam_frames(const Look *look, DrawList *out, const Grid *g) {
    const ViewExplain *e = look->data;
    const Tensor *t = e->input;
    if (e->block >= tensor_numel(t)) return;
    for (int k = 0; k < 2; k++) {
        int64_t n = e->block - 1 + k, index[MAX_DIMS];
        Rect cell;
        if (n < 0) continue;
        index_unravel(t->ndim, t->shape, n, index);
        if (!grid_cell(g, index, &cell)) continue;
        draw_frame(out, ROLE_BOUNDARY, k, (Rect){cell.x, cell.y, cell.w - 1, cell.h - 1}, 3,
                   COLOR_ERROR);
    }
}

static int explain_section(DrawList *out, const ViewExplain *e, Rect a, int y,
                           const Metrics *m) {
    const Tensor *t = e->input;
    char buf[800];
    y = panel_heading(out, a, y, "WHY view() FAILED", m);
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

static Rect explain_title(DrawList *out, const Tensor *t, Rect view, const Metrics *m) {
    Rect r = title_rect(view, m);
    Run run = {out, m, TEXT_SMALL, ROLE_AXIS, 0, r.x, r.y, r.h};
    bool cut = false;
    char buf[200];
    piece_within(&run, r.x + r.w, &cut, COLOR_ERROR, "THE INPUT OF THE FAILED view()  ");
    snprintf(buf, sizeof buf, "shape %s", tuple_text(t->ndim, t->shape).s);
    piece_within(&run, r.x + r.w, &cut, COLOR_MUTED, buf);
    return below_title(view, m);
}

static void explain_layout(DrawList *out, const Scene *sc, const Body *body,
                           const Metrics *m) {
    const Model *mo = sc->model;
    const ViewExplain *e = mo->explain;
    const Tensor *t = e->input;
    Panel panel = panel_begin(out, body->panel);
    explain_section(out, e, panel.inner, panel.inner.y, m);
    panel_end(out, &panel);
    Rect area = explain_title(out, t, body->view, m);
    // The grid is the input's last two dims, from its first element.
    WalkAt first = walk_at(t, 0);
    Grid g;
    grid_fit(&g, t, t->ndim >= 2 ? t->ndim - 2 : -1, t->ndim >= 1 ? t->ndim - 1 : -1, area, m,
             first.index);
    Look look = {.data = e, .walk = -1, .selected = -1, .filled = INT64_MAX,
                 .tint = block_tint, .over = seam_frames};
    draw_logical(out, sc, &g, NULL, &look, m);
    Strip s = one_strip(out, sc, t, mo->explained, first.addr, body, &look, m);
    if (e->block < tensor_numel(t)) {
        // The seam in memory: from the last element of the first block
        // to where the next one really is.
        WalkAt seam = walk_at(t, e->block);
        draw_walk_arc(out, &s, seam.prev_addr, seam.addr, COLOR_ERROR);
    }
}

const SceneModule scene_explain = {
    .name = "explain",
    .strips = 1,
    .matches = explain_matches,
    .subject = explain_subject,
    .layout = explain_layout,
};
