// The visualizer without pixels: the model (steps, walk, selection,
// animation clocks), the failed-view explainer, and the draw list that
// layout makes for known tensors (cell counts, which storage cell lights
// up, colours shared by aliased cells, the ledger's text, nothing drawn
// outside the window). No SDL and no font here: layout measures text with
// the advances it is given.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "test_main.h"
#include "dropout.h"
#include "explain.h"
#include "layout.h"
#include "model.h"
#include "palette.h"
#include "tensor.h"
#include "view.h"
#include "views.h"

static const Metrics metrics = {.advance = {7, 8, 11}, .line = {14, 17, 22}};

// arange(size) seen through the given shape, strides and offset.
static Tensor *strided(int64_t size, int ndim, const int64_t *shape, const int64_t *stride,
                       int64_t offset) {
    Tensor *base = tensor_arange(0, (double)size, 1);
    Tensor *t = tensor_on(base->storage, offset, ndim, shape, stride);
    tensor_free(base);
    return t;
}

static Tensor *matrix(void) {  // arange(12).view(3, 4)
    return strided(12, 2, (int64_t[]){3, 4}, (int64_t[]){4, 1}, 0);
}

static Tensor *transposed(void) {  // arange(12).view(3, 4).t()
    return strided(12, 2, (int64_t[]){4, 3}, (int64_t[]){1, 4}, 0);
}

static Tensor *expanded(void) {  // arange(4).expand(3, 4)
    return strided(4, 2, (int64_t[]){3, 4}, (int64_t[]){0, 1}, 0);
}

static void layout(DrawList *list, const Model *m, int w, int h) {
    Scene scene = {.model = m, .command = "", .mouse_x = -1, .mouse_y = -1};
    layout_frame(list, &scene, w, h, &metrics);
    assert_false(list->failed);
}

static bool same_color(Color a, Color b) {
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

// ---- model ----------------------------------------------------------------------

static void a_step_counts_the_readers_of_each_storage_element(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    assert_int_equal(model_push(&m, "y.expand(3, 4)", expanded(), NULL, false), 0);
    const Step *s = model_step(&m);
    assert_int_equal(s->span_lo, 0);
    assert_int_equal(s->span_hi, 3);
    for (int64_t a = 0; a < 4; a++) assert_int_equal(step_uses(s, a), 3);
    assert_int_equal(step_uses(s, 4), 0);  // outside the span
    assert_int_equal(step_first_use(s, 2), 2);
    assert_int_equal(s->aliased, 4);
    model_free(&m);
}

static void a_slice_with_a_step_leaves_holes_in_its_span(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    // x[:, ::2] of arange(12).view(3, 4): shape (3, 2), strides (4, 2)
    Tensor *t = strided(12, 2, (int64_t[]){3, 2}, (int64_t[]){4, 2}, 0);
    assert_int_equal(model_push(&m, "x[:, ::2]", t, NULL, false), 0);
    const Step *s = model_step(&m);
    assert_int_equal(s->span_hi, 10);
    assert_int_equal(step_uses(s, 6), 1);
    assert_int_equal(step_uses(s, 7), 0);
    assert_int_equal(s->aliased, 0);
    model_free(&m);
}

static void the_walk_goes_in_row_major_order(void **state) {
    (void)state;
    // The transpose (4, 3):(1, 4) reads storage element 4k + i at row-major
    // position 3i + k: the step's analysis must number positions that way,
    // not in memory order.
    Model m;
    model_init(&m);
    assert_int_equal(model_push(&m, "x.t()", transposed(), NULL, false), 0);
    const Step *s = model_step(&m);
    for (int64_t i = 0; i < 4; i++) {
        for (int64_t k = 0; k < 3; k++) {
            assert_int_equal(step_first_use(s, 4 * k + i), 3 * i + k);
            assert_int_equal(step_uses(s, 4 * k + i), 1);
        }
    }
    model_free(&m);
}

static void playing_walks_at_the_chosen_speed_and_stops_at_the_end(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    model_push(&m, "x", matrix(), NULL, false);
    model_play(&m, true);
    assert_true(model_animating(&m));
    for (int i = 0; i < 60; i++) model_tick(&m, 1.0 / 60);  // one second at 2 steps/s
    assert_int_equal(m.walk, 2);
    model_change_speed(&m, +3);  // 16 steps/s
    for (int i = 0; i < 60; i++) model_tick(&m, 1.0 / 60);
    assert_int_equal(m.walk, 11);  // the last element, then a stop
    assert_false(m.playing);
    assert_false(model_animating(&m));
    model_walk_by(&m, -100);
    assert_int_equal(m.walk, 0);
    model_free(&m);
}

static void moving_along_the_timeline_animates_then_settles(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    Tensor *x = matrix();
    model_push(&m, "x", x, NULL, false);
    model_push(&m, "x.t()", tensor_t(x), NULL, true);
    assert_int_equal(m.current, 1);
    assert_int_equal(m.from, 0);
    assert_true(model_animating(&m));
    for (int i = 0; i < 60; i++) model_tick(&m, 1.0 / 60);
    assert_false(model_animating(&m));
    model_goto(&m, 0, true);
    assert_int_equal(m.current, 0);
    assert_true(m.transition < 1);
    model_free(&m);
}

static void cycling_the_axes_visits_every_pair(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    model_push(&m, "z", strided(24, 3, (int64_t[]){2, 3, 4}, (int64_t[]){12, 4, 1}, 0), NULL, false);
    assert_int_equal(m.row_axis, 1);
    assert_int_equal(m.col_axis, 2);
    int seen[3][3] = {{0}};
    for (int i = 0; i < 6; i++) {
        seen[m.row_axis][m.col_axis]++;
        model_cycle_axes(&m);
    }
    for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) assert_int_equal(seen[r][c], r == c ? 0 : 1);
    }
    model_free(&m);
}

// ---- the explainer -----------------------------------------------------------------

static void the_explainer_finds_the_chunk_a_transpose_cannot_cross(void **state) {
    (void)state;
    Tensor *t = transposed();
    ViewExplain *e = explain_view(t, 1, (int64_t[]){12});
    assert_non_null(e);
    assert_int_equal(e->chunks, 2);
    assert_int_equal(e->bad_new_dim, 0);
    assert_int_equal(e->bad_chunk, 1);   // dim 1's chunk, the inner one
    assert_int_equal(e->block, 3);       // (0, 0) (0, 1) (0, 2) sit evenly...
    assert_int_equal(e->actual, 1);      // ...then (1, 0) is at 1
    assert_int_equal(e->expected, 12);   // not at 12
    char sentence[300];
    explain_sentence(e, sentence, sizeof sentence);
    assert_non_null(strstr(sentence, "element (1, 0) sits at address 1, not 12"));
    explain_free(e);
    // A view that exists has nothing to explain.
    assert_null(explain_view(t, 3, (int64_t[]){2, 2, 3}));
    tensor_free(t);
}

static void the_explainer_agrees_with_view_on_a_sliced_tensor(void **state) {
    (void)state;
    // [::2] of a (4, 3, 4): shape (2, 3, 4), strides (24, 4, 1)
    Tensor *t = strided(48, 3, (int64_t[]){2, 3, 4}, (int64_t[]){24, 4, 1}, 0);
    assert_null(tensor_view(t, SHAPE(6, 4)));
    ViewExplain *e = explain_view(t, 2, (int64_t[]){6, 4});
    assert_non_null(e);
    assert_int_equal(e->chunks, 2);
    assert_int_equal(e->chunk_first[1], 1);
    assert_int_equal(e->chunk_last[1], 2);
    assert_int_equal(e->bad_new_dim, 0);
    assert_int_equal(e->block, 12);
    assert_int_equal(e->actual, 24);
    assert_int_equal(e->expected, 12);
    explain_free(e);
    Tensor *v = tensor_view(t, SHAPE(2, 12));
    assert_non_null(v);
    assert_null(explain_view(t, 2, (int64_t[]){2, 12}));
    tensor_free(v);
    tensor_free(t);
}

// ---- layout ----------------------------------------------------------------------------

static void a_matrix_draws_one_cell_per_element_and_per_storage_element(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    model_push(&m, "x = arange(12).view(3, 4)", matrix(), NULL, false);
    DrawList list = {0};
    layout(&list, &m, 1280, 720);
    assert_int_equal(drawlist_count(&list, DRAW_RECT, ROLE_LOGICAL_CELL), 12);
    assert_int_equal(drawlist_count(&list, DRAW_RECT, ROLE_STORAGE_CELL), 12);
    // Row 1 is below row 0, column 1 right of column 0.
    const DrawCmd *c0 = drawlist_find(&list, DRAW_RECT, ROLE_LOGICAL_CELL, 0);
    const DrawCmd *c1 = drawlist_find(&list, DRAW_RECT, ROLE_LOGICAL_CELL, 1);
    const DrawCmd *c4 = drawlist_find(&list, DRAW_RECT, ROLE_LOGICAL_CELL, 4);
    assert_true(c1->r.x > c0->r.x && c1->r.y == c0->r.y);
    assert_true(c4->r.y > c0->r.y && c4->r.x == c0->r.x);
    // Every cell shows its value.
    const DrawCmd *t7 = drawlist_find(&list, DRAW_TEXT, ROLE_LOGICAL_CELL, 7);
    assert_string_equal(drawcmd_text(&list, t7), "7");
    drawlist_free(&list);
    model_free(&m);
}

static void the_walk_lights_the_storage_cell_of_its_address(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    model_push(&m, "x.t()", transposed(), NULL, false);
    model_walk_to(&m, 4);  // index (1, 1): 0 + 1*1 + 1*4 = 5
    DrawList list = {0};
    layout(&list, &m, 1280, 720);
    const DrawCmd *lit = drawlist_find(&list, DRAW_FRAME, ROLE_WALK_STORAGE, 5);
    assert_non_null(lit);
    assert_int_equal(drawlist_count(&list, DRAW_FRAME, ROLE_WALK_STORAGE), 1);
    const DrawCmd *cell = drawlist_find(&list, DRAW_RECT, ROLE_STORAGE_CELL, 5);
    assert_int_equal(lit->r.x, cell->r.x);
    // The arc jumps from the previous address, (1, 0) at 1, to 5.
    const DrawCmd *arc = drawlist_find(&list, DRAW_ARC, ROLE_WALK_ARC, 5);
    assert_non_null(arc);
    const DrawCmd *from = drawlist_find(&list, DRAW_RECT, ROLE_STORAGE_CELL, 1);
    assert_int_equal(arc->r.x, from->r.x + from->r.w / 2);
    assert_int_equal(arc->x2, cell->r.x + cell->r.w / 2);
    // And the logical cell (1, 1) is framed.
    assert_non_null(drawlist_find(&list, DRAW_FRAME, ROLE_WALK_LOGICAL, 4));
    drawlist_free(&list);
    model_free(&m);
}

static void aliased_cells_share_their_storage_cells_colour(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    model_push(&m, "y.expand(3, 4)", expanded(), NULL, false);
    DrawList list = {0};
    layout(&list, &m, 1280, 720);
    assert_int_equal(drawlist_count(&list, DRAW_RECT, ROLE_STORAGE_CELL), 4);
    for (int64_t col = 0; col < 4; col++) {
        Color store = drawlist_find(&list, DRAW_RECT, ROLE_STORAGE_CELL, col)->color;
        for (int64_t row = 0; row < 3; row++) {
            Color cell = drawlist_find(&list, DRAW_RECT, ROLE_LOGICAL_CELL, row * 4 + col)->color;
            assert_true(same_color(cell, store));
        }
    }
    // Different storage elements look different.
    assert_false(same_color(drawlist_find(&list, DRAW_RECT, ROLE_STORAGE_CELL, 0)->color,
                            drawlist_find(&list, DRAW_RECT, ROLE_STORAGE_CELL, 1)->color));
    drawlist_free(&list);
    model_free(&m);
}

static void pointing_at_a_storage_cell_lights_all_its_readers(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    model_push(&m, "y.expand(3, 4)", expanded(), NULL, false);
    m.hover_addr = 2;
    DrawList list = {0};
    layout(&list, &m, 1280, 720);
    size_t frames = 0;
    for (size_t i = 0; i < list.count; i++) {
        const DrawCmd *c = &list.cmds[i];
        if (c->kind == DRAW_FRAME && c->role == ROLE_SELECTED) {
            frames++;
            assert_true(c->id == 2 || c->id == 6 || c->id == 10);  // logical (0..2, 2) or storage 2
        }
    }
    assert_int_equal(frames, 4);  // three readers and the storage cell itself
    bool said = false;
    for (size_t i = 0; i < list.count; i++) {
        if (list.cmds[i].kind == DRAW_TEXT &&
            strstr(drawcmd_text(&list, &list.cmds[i]), "is read by 3 logical")) {
            said = true;
        }
    }
    assert_true(said);
    drawlist_free(&list);
    model_free(&m);
}

static void the_ledger_spells_out_the_address_formula(void **state) {
    (void)state;
    Tensor *t = transposed();
    char lines[6][160];
    assert_int_equal(ledger_lines(t, 4, lines, 6), 4);
    assert_string_equal(lines[0], "index   (1, 1)");
    assert_string_equal(lines[1], "address = offset + i0\xc2\xb7s0 + i1\xc2\xb7s1");
    assert_string_equal(lines[2], "        = 0 + 1\xc2\xb7" "1 + 1\xc2\xb7" "4");
    assert_string_equal(lines[3], "        = 5");
    tensor_free(t);

    // A row with an offset: x[2] is arange(12)[8:12].
    Tensor *row = strided(12, 1, (int64_t[]){4}, (int64_t[]){1}, 8);
    ledger_lines(row, 3, lines, 6);
    assert_string_equal(lines[0], "index   (3,)");
    assert_string_equal(lines[2], "        = 8 + 3\xc2\xb7" "1");
    assert_string_equal(lines[3], "        = 11");
    tensor_free(row);
}

static void the_drawn_ledger_has_the_same_text_in_dimension_colours(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    model_push(&m, "x.t()", transposed(), NULL, false);
    model_walk_to(&m, 4);
    DrawList list = {0};
    layout(&list, &m, 1280, 720);
    char drawn[160] = "";
    bool dim0 = false, dim1 = false;
    for (size_t i = 0; i < list.count; i++) {
        const DrawCmd *c = &list.cmds[i];
        if (c->kind != DRAW_TEXT || c->role != ROLE_LEDGER || c->id != 2) continue;
        const char *s = drawcmd_text(&list, c);
        strncat(drawn, s, sizeof drawn - strlen(drawn) - 1);
        if (strcmp(s, "1\xc2\xb7" "1") == 0) dim0 = same_color(c->color, dim_color(0));
        if (strcmp(s, "1\xc2\xb7" "4") == 0) dim1 = same_color(c->color, dim_color(1));
    }
    assert_string_equal(drawn, "        = 0 + 1\xc2\xb7" "1 + 1\xc2\xb7" "4");
    assert_true(dim0 && dim1);
    drawlist_free(&list);
    model_free(&m);
}

static void n_d_tensors_become_small_multiples(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    model_push(&m, "z", strided(24, 3, (int64_t[]){2, 3, 4}, (int64_t[]){12, 4, 1}, 0), NULL, false);
    DrawList list = {0};
    layout(&list, &m, 1280, 720);
    assert_int_equal(drawlist_count(&list, DRAW_RECT, ROLE_LOGICAL_CELL), 24);
    // Element 12 starts the second panel: below or right of element 0's panel.
    const DrawCmd *a = drawlist_find(&list, DRAW_RECT, ROLE_LOGICAL_CELL, 0);
    const DrawCmd *b = drawlist_find(&list, DRAW_RECT, ROLE_LOGICAL_CELL, 12);
    assert_true(b->r.y > a->r.y + 3 * a->r.h || b->r.x > a->r.x + 4 * a->r.w);
    bool titled = false;
    for (size_t i = 0; i < list.count; i++) {
        if (list.cmds[i].kind == DRAW_TEXT && list.cmds[i].role == ROLE_AXIS &&
            strcmp(drawcmd_text(&list, &list.cmds[i]), "1") == 0) {
            titled = true;
        }
    }
    assert_true(titled);
    drawlist_free(&list);
    model_free(&m);
}

static void a_large_tensor_draws_a_page_and_says_so(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    model_push(&m, "big", strided(100000, 2, (int64_t[]){250, 400}, (int64_t[]){400, 1}, 0), NULL, false);
    model_walk_to(&m, 40123);  // (100, 123)
    DrawList list = {0};
    layout(&list, &m, 1280, 720);
    size_t cells = drawlist_count(&list, DRAW_RECT, ROLE_LOGICAL_CELL);
    assert_true(cells > 50 && cells < 5000);
    assert_true(drawlist_count(&list, DRAW_RECT, ROLE_STORAGE_CELL) < 200);
    assert_non_null(drawlist_find(&list, DRAW_FRAME, ROLE_WALK_LOGICAL, 40123));
    assert_non_null(drawlist_find(&list, DRAW_FRAME, ROLE_WALK_STORAGE, 40123));
    const DrawCmd *note = drawlist_find(&list, DRAW_TEXT, ROLE_SUMMARY, 0);
    assert_non_null(note);
    assert_non_null(strstr(drawcmd_text(&list, note), "of 250"));
    drawlist_free(&list);
    model_free(&m);
}

static void a_copy_fills_a_second_storage_strip(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    Tensor *t = transposed();
    model_push(&m, "x.t()", tensor_alias(t), NULL, false);
    model_push(&m, "x.t().contiguous()", tensor_contiguous(t), tensor_alias(t), true);
    while (m.transition < 1) model_tick(&m, 1.0 / 60);
    assert_true(m.copy < 1);
    m.copy = 0.5;  // half way: elements 0..5 copied
    DrawList list = {0};
    layout(&list, &m, 1280, 720);
    assert_int_equal(drawlist_count(&list, DRAW_RECT, ROLE_STORAGE_CELL), 12);  // the old storage
    assert_int_equal(drawlist_count(&list, DRAW_RECT, ROLE_COPY_CELL), 12);     // the new one
    assert_non_null(drawlist_find(&list, DRAW_TEXT, ROLE_COPY_CELL, 5));
    assert_null(drawlist_find(&list, DRAW_TEXT, ROLE_COPY_CELL, 6));  // not copied yet
    // Element 6 of the walk, (2, 0), is read from old address 2 into new address 6.
    assert_non_null(drawlist_find(&list, DRAW_FRAME, ROLE_WALK_STORAGE, 2));
    assert_non_null(drawlist_find(&list, DRAW_LINE, ROLE_WALK_ARC, 6));
    drawlist_free(&list);
    model_free(&m);
    tensor_free(t);
}

static void a_failed_view_marks_the_seam_it_would_cross(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    model_push(&m, "x", matrix(), NULL, false);
    Tensor *t = transposed();
    model_set_error(&m, "x.t().view(12)", "RuntimeError: view size is not compatible", 0,
                    explain_view(t, 1, (int64_t[]){12}));
    tensor_free(t);
    DrawList list = {0};
    layout(&list, &m, 1280, 720);
    // The explainer shows the input: (4, 3), framed at (0, 2) and (1, 0).
    assert_int_equal(drawlist_count(&list, DRAW_RECT, ROLE_LOGICAL_CELL), 12);
    assert_int_equal(drawlist_count(&list, DRAW_FRAME, ROLE_BOUNDARY), 2);
    assert_int_equal(drawlist_count(&list, DRAW_TEXT, ROLE_CHUNK) > 0, 1);
    // Blocks alternate: (0, *) and (1, *) differ, (0, *) and (2, *) match.
    Color b0 = drawlist_find(&list, DRAW_RECT, ROLE_LOGICAL_CELL, 0)->color;
    Color b1 = drawlist_find(&list, DRAW_RECT, ROLE_LOGICAL_CELL, 3)->color;
    Color b2 = drawlist_find(&list, DRAW_RECT, ROLE_LOGICAL_CELL, 6)->color;
    assert_false(same_color(b0, b1));
    assert_true(same_color(b0, b2));
    // The seam in memory: an arc from 8 back to 1.
    const DrawCmd *arc = drawlist_find(&list, DRAW_ARC, ROLE_WALK_ARC, 1);
    assert_non_null(arc);
    assert_true(arc->x2 < arc->r.x);
    drawlist_free(&list);
    model_free(&m);
}

// ---- dropout steps -----------------------------------------------------------------

// A dropout step as command.c makes one: the result of F_dropout(x, p,
// training) pushed, then the scene attached with the generator as it was
// before the call.
static void push_dropout(Model *m, const Tensor *x, double p, bool training, uint64_t seed) {
    Rng before = rng_new(seed), rng = before;
    Tensor *y = F_dropout(x, p, training, &rng);
    assert_non_null(y);
    assert_int_equal(model_push(m, "y = dropout(x, p)", y, NULL, false), 0);
    assert_int_equal(model_set_dropout(m, x, p, training, before), 0);
}

static const DrawCmd *find_text(const DrawList *list, Role role, int64_t id, const char *text) {
    for (size_t i = 0; i < list->count; i++) {
        const DrawCmd *c = &list->cmds[i];
        if (c->kind == DRAW_TEXT && c->role == role && c->id == id &&
            strcmp(drawcmd_text(list, c), text) == 0) {
            return c;
        }
    }
    return NULL;
}

static void a_dropout_step_draws_its_mask_over_the_grid(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    Tensor *x = matrix();
    push_dropout(&m, x, 0.5, true, 11);
    const DropoutView *d = model_step(&m)->dropout;
    assert_non_null(d);
    assert_true(d->training && d->ran_training);
    // The mask is the one dropout_mask draws from the same generator.
    Rng again = rng_new(11);
    Tensor *mask = dropout_mask(SHAPE(3, 4), 0.5, &again);
    int64_t kept = 0;
    for (int64_t n = 0; n < 12; n++) {
        assert_true(dropout_mask_at(d, n) == mask->storage->data[n]);
        kept += mask->storage->data[n] != 0;
    }
    assert_int_equal(d->kept, kept);
    assert_true(kept > 0 && kept < 12);  // seed 11 keeps some and drops some

    DrawList list = {0};
    layout(&list, &m, 1280, 720);
    assert_int_equal(drawlist_count(&list, DRAW_RECT, ROLE_LOGICAL_CELL), 12);
    assert_int_equal(drawlist_count(&list, DRAW_FRAME, ROLE_DROPPED), 12 - kept);
    for (int64_t n = 0; n < 12; n++) {
        const char *value = drawcmd_text(&list, drawlist_find(&list, DRAW_TEXT, ROLE_LOGICAL_CELL, n));
        char x_is[32];
        snprintf(x_is, sizeof x_is, "x=%lld", (long long)n);  // arange: x[n] = n
        if (mask->storage->data[n] == 0) {
            assert_non_null(drawlist_find(&list, DRAW_FRAME, ROLE_DROPPED, n));
            assert_string_equal(value, "0");
            assert_true(same_color(drawlist_find(&list, DRAW_RECT, ROLE_LOGICAL_CELL, n)->color,
                                   COLOR_DROPPED));
            assert_non_null(find_text(&list, ROLE_DROPPED, n, x_is));
            // Its memory in y's storage (row-major here) is dark too.
            assert_true(same_color(drawlist_find(&list, DRAW_RECT, ROLE_STORAGE_CELL, n)->color,
                                   COLOR_DROPPED));
        } else {
            assert_null(drawlist_find(&list, DRAW_FRAME, ROLE_DROPPED, n));
            char scaled[32];
            snprintf(scaled, sizeof scaled, "%lld", (long long)(2 * n));
            assert_string_equal(value, scaled);
            assert_non_null(find_text(&list, ROLE_DROPOUT, n, "\xc3\x97" "2"));
            assert_non_null(find_text(&list, ROLE_DROPOUT, n, x_is));
        }
    }
    char summary[120];
    snprintf(summary, sizeof summary, "dropout p=0.5, training: kept %lld of 12, scale \xc3\x97" "2",
             (long long)kept);
    assert_non_null(find_text(&list, ROLE_DROPOUT, -1, summary));
    char line[80];
    dropout_summary(d, line, sizeof line);
    assert_string_equal(line, summary);
    // Under the grid, the product spelled out: x's and the mask's cells.
    assert_non_null(find_text(&list, ROLE_PRODUCT, -4, "x, the input"));
    assert_non_null(find_text(&list, ROLE_PRODUCT, -4, "mask: 0, or 1/(1-p) = 2"));
    assert_int_equal(drawlist_count(&list, DRAW_RECT, ROLE_PRODUCT), 24);
    for (int64_t n = 0; n < 12; n++) {
        const char *want = mask->storage->data[n] == 0 ? "0" : "2";
        size_t found = 0;
        for (size_t i = 0; i < list.count; i++) {
            const DrawCmd *c = &list.cmds[i];
            found += c->kind == DRAW_TEXT && c->role == ROLE_PRODUCT && c->id == n &&
                     strcmp(drawcmd_text(&list, c), want) == 0;
        }
        assert_true(found >= 1);  // the mask's entry (x's may say the same)
    }
    tensor_free(mask);
    tensor_free(x);
    drawlist_free(&list);
    model_free(&m);
}

// Kept cells hold x / (1 - p), the scale computed in float as PyTorch
// does; the walk's element is spelled out in the panel. Here through a
// transposed input: the mask follows the logical (row-major) order.
static void kept_values_are_x_over_1_minus_p(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    Tensor *x = transposed();  // (4, 3), strides (1, 4)
    push_dropout(&m, x, 0.3, true, 5);
    const Step *st = model_step(&m);
    const DropoutView *d = st->dropout;
    float scale = 1.0f / (float)0.7;
    assert_true(d->scale == scale);
    DrawList list = {0};
    layout(&list, &m, 1280, 720);
    int64_t index[MAX_DIMS];
    for (int64_t n = 0; n < 12; n++) {
        index_unravel(2, x->shape, n, index);
        float xv = x->storage->data[tensor_storage_index(x, index)];
        float yv = st->tensor->storage->data[tensor_storage_index(st->tensor, index)];
        float want = dropout_mask_at(d, n) == 0 ? 0.0f : xv * scale;
        assert_true(yv == want);
        char text[32];
        format_value(want, text, sizeof text);
        assert_string_equal(drawcmd_text(&list, drawlist_find(&list, DRAW_TEXT, ROLE_LOGICAL_CELL, n)),
                            text);
    }
    assert_int_equal(drawlist_count(&list, DRAW_FRAME, ROLE_DROPPED), 12 - d->kept);
    // The walk at (1, 2): x = 9 there.
    model_walk_to(&m, 5);
    layout(&list, &m, 1280, 720);
    const DrawCmd *at = drawlist_find(&list, DRAW_TEXT, ROLE_DROPOUT, -3);
    assert_non_null(at);
    assert_string_equal(drawcmd_text(&list, at), "at (1, 2)  ");
    assert_non_null(find_text(&list, ROLE_DROPOUT, -3, "x = 9"));
    tensor_free(x);
    drawlist_free(&list);
    model_free(&m);
}

static bool is_input_itself(const Tensor *t, const Tensor *x) {
    if (t->storage != x->storage || t->offset != x->offset) return false;
    for (int d = 0; d < x->ndim; d++) {
        if (t->shape[d] != x->shape[d] || t->stride[d] != x->stride[d]) return false;
    }
    return true;
}

static void evaluation_shows_the_input_itself_and_the_toggle_flips_it(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    Tensor *x = matrix();
    model_push(&m, "x = arange(12).view(3, 4)", tensor_alias(x), NULL, false);
    assert_false(model_toggle_dropout(&m));  // not a dropout step
    push_dropout(&m, x, 0.5, false, 11);  // ran in evaluation: the step is x itself
    const Step *st = model_step(&m);
    assert_false(st->dropout->training || st->dropout->ran_training);
    assert_true(is_input_itself(st->tensor, x));
    DrawList list = {0};
    layout(&list, &m, 1280, 720);
    assert_int_equal(drawlist_count(&list, DRAW_FRAME, ROLE_DROPPED), 0);
    assert_int_equal(drawlist_count(&list, DRAW_TEXT, ROLE_DROPOUT) > 0, 1);  // banner, panel
    for (int64_t n = 0; n < 12; n++) {
        char text[32];
        snprintf(text, sizeof text, "%lld", (long long)n);
        assert_string_equal(drawcmd_text(&list, drawlist_find(&list, DRAW_TEXT, ROLE_LOGICAL_CELL, n)),
                            text);
        assert_null(drawlist_find(&list, DRAW_TEXT, ROLE_DROPOUT, n));  // no badges
    }
    assert_non_null(find_text(&list, ROLE_DROPOUT, -1,
                              "dropout p=0.5, eval: the output is the input itself"));
    assert_int_equal(drawlist_count(&list, DRAW_RECT, ROLE_PRODUCT), 12);  // x = y: no mask
    assert_non_null(find_text(&list, ROLE_PRODUCT, -4, "y, the grid above: no mask, no copy"));
    assert_non_null(find_text(&list, ROLE_HEADER, 2, ": the input itself"));
    // The same colours as step 1: the same storage elements.
    Color first = drawlist_find(&list, DRAW_RECT, ROLE_LOGICAL_CELL, 5)->color;
    model_goto(&m, 0, false);
    layout(&list, &m, 1280, 720);
    assert_true(same_color(first, drawlist_find(&list, DRAW_RECT, ROLE_LOGICAL_CELL, 5)->color));
    model_goto(&m, 1, false);

    // Ctrl+T: training, with the mask the generator would have drawn.
    assert_true(model_toggle_dropout(&m));
    st = model_step(&m);
    assert_true(st->dropout->training);
    assert_true(st->tensor->storage != x->storage);
    Rng rng = rng_new(11);
    Tensor *y = F_dropout(x, 0.5, true, &rng);
    for (int64_t n = 0; n < 12; n++) assert_true(st->tensor->storage->data[n] == y->storage->data[n]);
    tensor_free(y);
    layout(&list, &m, 1280, 720);
    assert_int_equal(drawlist_count(&list, DRAW_FRAME, ROLE_DROPPED), 12 - st->dropout->kept);
    assert_non_null(find_text(&list, ROLE_HEADER, 2, "   new storage: x \xc2\xb7 mask"));
    // And back: x itself again.
    assert_true(model_toggle_dropout(&m));
    assert_true(is_input_itself(model_step(&m)->tensor, x));
    layout(&list, &m, 1280, 720);
    assert_int_equal(drawlist_count(&list, DRAW_FRAME, ROLE_DROPPED), 0);
    tensor_free(x);
    drawlist_free(&list);
    model_free(&m);
}

static void a_step_made_in_training_toggles_to_the_identity(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    Tensor *x = strided(12, 2, (int64_t[]){3, 2}, (int64_t[]){4, 2}, 1);  // x[:, 1::2]
    push_dropout(&m, x, 0.25, true, 2);
    const Tensor *trained = model_step(&m)->tensor;
    Storage *new_memory = trained->storage;
    assert_true(new_memory != x->storage);
    assert_true(model_toggle_dropout(&m));
    assert_true(is_input_itself(model_step(&m)->tensor, x));  // offset 1, strides (4, 2)
    assert_int_equal(model_step(&m)->span_lo, 1);
    assert_int_equal(step_uses(model_step(&m), 2), 0);  // a hole, as x[:, 1::2] has
    assert_true(model_toggle_dropout(&m));
    assert_true(model_step(&m)->tensor->storage == new_memory);  // the command's own result
    tensor_free(x);
    model_free(&m);
}

static void a_tensor_that_is_not_x_times_the_mask_is_no_dropout_step(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    Tensor *x = matrix();
    assert_int_equal(model_push(&m, "ones", tensor_ones(SHAPE(3, 4)), NULL, false), 0);
    assert_int_equal(model_set_dropout(&m, x, 0.5, true, rng_new(1)), -1);
    assert_null(model_step(&m)->dropout);
    assert_int_equal(model_push(&m, "x", tensor_alias(x), NULL, false), 0);
    assert_int_equal(model_set_dropout(&m, x, 1.0, true, rng_new(1)), -1);  // p = 1 gives zeros
    assert_null(model_step(&m)->dropout);
    // p = 1, as it should be: all dropped, and said so.
    push_dropout(&m, x, 1.0, true, 1);
    DrawList list = {0};
    layout(&list, &m, 1280, 720);
    assert_int_equal(drawlist_count(&list, DRAW_FRAME, ROLE_DROPPED), 12);
    assert_non_null(find_text(&list, ROLE_DROPOUT, -1,
                              "dropout p=1.0, training: kept 0 of 12, all zeroed"));
    tensor_free(x);
    drawlist_free(&list);
    model_free(&m);
}

// Every string must be drawn inside the window, at any size.
static void check_text_inside(const DrawList *list, int w, int h) {
    for (size_t i = 0; i < list->count; i++) {
        const DrawCmd *c = &list->cmds[i];
        if (c->kind != DRAW_TEXT) continue;
        int width = utf8_length(drawcmd_text(list, c)) * metrics.advance[c->size];
        int x = c->r.x;
        if (c->align == ALIGN_CENTER) x += (c->r.w - width) / 2;
        if (c->align == ALIGN_RIGHT) x += c->r.w - width;
        if (x < 0 || x + width > w || c->r.y < 0 || c->r.y + metrics.line[c->size] > h + 2) {
            fail_msg("text '%s' (role %d) at x %d..%d, y %d is outside %dx%d",
                     drawcmd_text(list, c), c->role, x, x + width, c->r.y, w, h);
        }
    }
}

static void nothing_is_drawn_outside_the_window(void **state) {
    (void)state;
    static const int sizes[][2] = {{1280, 720}, {800, 500}, {1920, 1080}, {640, 400}};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        Model m;
        model_init(&m);
        Tensor *x = matrix();
        model_push(&m, "x = arange(12).view(3, 4)", tensor_alias(x), NULL, false);
        model_push(&m, "x.t()", tensor_t(x), NULL, false);
        model_push(&m, "z = arange(24).view(2, 3, 4)",
                   strided(24, 3, (int64_t[]){2, 3, 4}, (int64_t[]){12, 4, 1}, 0), NULL, false);
        Tensor *big = strided(100000, 2, (int64_t[]){250, 400}, (int64_t[]){400, 1}, 0);
        model_push(&m, "big", tensor_alias(big), NULL, false);
        push_dropout(&m, x, 0.5, false, 3);
        push_dropout(&m, big, 0.1, true, 3);
        tensor_free(big);
        model_walk_to(&m, 99999);
        DrawList list = {0};
        for (int step = 0; step < m.count; step++) {
            model_goto(&m, step, false);
            model_walk_to(&m, 5);
            m.help = step == 1;
            layout(&list, &m, sizes[s][0], sizes[s][1]);
            check_text_inside(&list, sizes[s][0], sizes[s][1]);
        }
        m.help = false;
        model_set_error(&m, "x.t().view(12)",
                        "RuntimeError: view size is not compatible with input tensor's size and "
                        "stride (at least one dimension spans across two contiguous subspaces). "
                        "Use .reshape(...) instead.",
                        0, explain_view(model_tensor(&m), 1, (int64_t[]){100000}));
        model_goto(&m, 1, false);
        Tensor *t = tensor_t(x);
        model_set_error(&m, "x.t().view(12)", "RuntimeError: view size is not compatible", 0,
                        explain_view(t, 1, (int64_t[]){12}));
        layout(&list, &m, sizes[s][0], sizes[s][1]);
        check_text_inside(&list, sizes[s][0], sizes[s][1]);
        tensor_free(t);
        tensor_free(x);
        drawlist_free(&list);
        model_free(&m);
    }
}

// ---- every rank up to MAX_DIMS ------------------------------------------------

typedef struct TextBox {
    int x, y, w, h;
    const char *text;
} TextBox;

// Where a string really is: its width is its length times the advance,
// placed by its alignment, centred vertically in its rect.
static TextBox text_box(const DrawList *list, const DrawCmd *c) {
    const char *s = drawcmd_text(list, c);
    int w = utf8_length(s) * metrics.advance[c->size], h = metrics.line[c->size];
    int x = c->r.x;
    if (c->align == ALIGN_CENTER) x += (c->r.w - w) / 2;
    if (c->align == ALIGN_RIGHT) x += c->r.w - w;
    return (TextBox){x, c->r.y + (c->r.h - h) / 2, w, h, s};
}

// A line's height includes its leading: two lines may share a pixel or two.
static bool boxes_overlap(TextBox a, TextBox b) {
    enum { LEADING = 2 };
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y + LEADING < b.y + b.h &&
           b.y + LEADING < a.y + a.h;
}

// The side panel: the largest plain panel-coloured rectangle.
static Rect side_panel(const DrawList *list) {
    Rect best = {0};
    for (size_t i = 0; i < list->count; i++) {
        const DrawCmd *c = &list->cmds[i];
        if (c->kind == DRAW_RECT && c->role == ROLE_NONE && same_color(c->color, COLOR_PANEL) &&
            c->r.w * c->r.h > best.w * best.h) {
            best = c->r;
        }
    }
    return best;
}

// Labels, titles, headers, notes: the texts that are not inside a cell
// (and not an overlay) must not overlap one another; the ones left of the
// side panel stay left of it, the ones in it stay in it.
static void check_labels_apart(const DrawList *list, const char *what, int w, int h) {
    Rect panel = side_panel(list);
    assert_true(panel.w > 0);
    enum { MAX_BOXES = 4096 };
    static TextBox boxes[MAX_BOXES];
    int n = 0;
    for (size_t i = 0; i < list->count && n < MAX_BOXES; i++) {
        const DrawCmd *c = &list->cmds[i];
        if (c->kind != DRAW_TEXT || c->role == ROLE_LOGICAL_CELL || c->role == ROLE_STORAGE_CELL ||
            c->role == ROLE_COPY_CELL || c->role == ROLE_TOOLTIP) {
            continue;
        }
        TextBox b = text_box(list, c);
        bool beside = b.y < panel.y + panel.h && panel.y < b.y + b.h;
        if (beside && b.x < panel.x && b.x + b.w > panel.x) {
            fail_msg("%s at %dx%d: '%s' (role %d) runs under the side panel (x %d..%d, panel at %d)",
                     what, w, h, b.text, c->role, b.x, b.x + b.w, panel.x);
        }
        if (beside && b.x >= panel.x && b.x + b.w > panel.x + panel.w) {
            fail_msg("%s at %dx%d: '%s' (role %d) sticks out of the side panel (x %d..%d, panel ends at %d)",
                     what, w, h, b.text, c->role, b.x, b.x + b.w, panel.x + panel.w);
        }
        for (int k = 0; k < n; k++) {
            if (boxes_overlap(b, boxes[k])) {
                fail_msg("%s at %dx%d: '%s' (%d,%d %dx%d) overlaps '%s' (%d,%d %dx%d)", what, w, h,
                         b.text, b.x, b.y, b.w, b.h, boxes[k].text, boxes[k].x, boxes[k].y,
                         boxes[k].w, boxes[k].h);
            }
        }
        boxes[n++] = b;
    }
}

// A tensor of rank `ndim` with the given sizes, made from arange: contiguous,
// or with its dims reversed (every stride out of order, the largest last).
static Tensor *of_rank(int ndim, const int64_t *sizes, bool reversed) {
    int64_t shape[MAX_DIMS], stride[MAX_DIMS], numel = 1;
    for (int d = 0; d < ndim; d++) numel *= sizes[d];
    shape_contiguous_strides(ndim, sizes, stride);
    for (int d = 0; d < ndim; d++) shape[d] = sizes[d];
    if (reversed) {
        for (int d = 0; d < ndim / 2; d++) {
            int64_t s = shape[d], st = stride[d];
            shape[d] = shape[ndim - 1 - d], stride[d] = stride[ndim - 1 - d];
            shape[ndim - 1 - d] = s, stride[ndim - 1 - d] = st;
        }
    }
    return strided(numel, ndim, shape, stride, 0);
}

static void every_rank_up_to_max_dims_is_laid_out_legibly(void **state) {
    (void)state;
    static const int64_t sizes[][MAX_DIMS] = {
        {2, 2, 2, 2, 2, 2, 2, 2},
        {3, 3, 3, 3, 3, 3, 3, 3},
        {3, 1, 4, 1, 5, 9, 2, 6},
        {11, 2, 2, 2, 2, 2, 2, 12},
    };
    static const int windows[][2] = {{1280, 720}, {800, 500}, {640, 400}};
    DrawList list = {0};
    for (int ndim = 1; ndim <= MAX_DIMS; ndim++) {
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
            for (int reversed = 0; reversed < 2; reversed++) {
                Model m;
                model_init(&m);
                Tensor *t = of_rank(ndim, sizes[k], reversed);
                int64_t numel = tensor_numel(t);
                char what[200];
                snprintf(what, sizeof what, "shape %s", tuple_text(t->ndim, t->shape).s);
                model_push(&m, what, t, NULL, false);
                for (size_t w = 0; w < sizeof windows / sizeof windows[0]; w++) {
                    for (int64_t at = 0; at < numel; at += numel / 3 + 1) {  // pages differ
                        model_walk_to(&m, at);
                        layout(&list, &m, windows[w][0], windows[w][1]);
                        check_text_inside(&list, windows[w][0], windows[w][1]);
                        check_labels_apart(&list, what, windows[w][0], windows[w][1]);
                    }
                }
                model_free(&m);
            }
        }
    }
    drawlist_free(&list);
}

static void an_empty_session_invites_a_command(void **state) {
    (void)state;
    Model m;
    model_init(&m);
    DrawList list = {0};
    layout(&list, &m, 1280, 720);
    const DrawCmd *c = drawlist_find(&list, DRAW_TEXT, ROLE_SUMMARY, 0);
    assert_non_null(c);
    assert_non_null(strstr(drawcmd_text(&list, c), "arange(12)"));
    assert_int_equal(drawlist_count(&list, DRAW_RECT, ROLE_COMMAND), 1);
    drawlist_free(&list);
    model_free(&m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_step_counts_the_readers_of_each_storage_element),
        cmocka_unit_test(a_slice_with_a_step_leaves_holes_in_its_span),
        cmocka_unit_test(the_walk_goes_in_row_major_order),
        cmocka_unit_test(playing_walks_at_the_chosen_speed_and_stops_at_the_end),
        cmocka_unit_test(moving_along_the_timeline_animates_then_settles),
        cmocka_unit_test(cycling_the_axes_visits_every_pair),
        cmocka_unit_test(the_explainer_finds_the_chunk_a_transpose_cannot_cross),
        cmocka_unit_test(the_explainer_agrees_with_view_on_a_sliced_tensor),
        cmocka_unit_test(a_matrix_draws_one_cell_per_element_and_per_storage_element),
        cmocka_unit_test(the_walk_lights_the_storage_cell_of_its_address),
        cmocka_unit_test(aliased_cells_share_their_storage_cells_colour),
        cmocka_unit_test(pointing_at_a_storage_cell_lights_all_its_readers),
        cmocka_unit_test(the_ledger_spells_out_the_address_formula),
        cmocka_unit_test(the_drawn_ledger_has_the_same_text_in_dimension_colours),
        cmocka_unit_test(n_d_tensors_become_small_multiples),
        cmocka_unit_test(a_large_tensor_draws_a_page_and_says_so),
        cmocka_unit_test(a_copy_fills_a_second_storage_strip),
        cmocka_unit_test(a_failed_view_marks_the_seam_it_would_cross),
        cmocka_unit_test(a_dropout_step_draws_its_mask_over_the_grid),
        cmocka_unit_test(kept_values_are_x_over_1_minus_p),
        cmocka_unit_test(evaluation_shows_the_input_itself_and_the_toggle_flips_it),
        cmocka_unit_test(a_step_made_in_training_toggles_to_the_identity),
        cmocka_unit_test(a_tensor_that_is_not_x_times_the_mask_is_no_dropout_step),
        cmocka_unit_test(nothing_is_drawn_outside_the_window),
        cmocka_unit_test(every_rank_up_to_max_dims_is_laid_out_legibly),
        cmocka_unit_test(an_empty_session_invites_a_command),
    };
    return run_suite(&(TestSuite){.group = "viz", TEST_LIST(tests)});
}
